"""Textual's own words on screen read in Thai: the command palette and an open dropdown's footer."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import textual
from textual.binding import Binding
from textual.command import CommandInput
from textual.dom import DOMNode
from textual.widgets import Select

from tests.ui.conftest import press, screen_lines, screen_text, type_text
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.thai_labels import NO_MATCHES, PALETTE_PLACEHOLDER, ThaiCommandPalette, ThaiSelectOverlay

NARROW = (80, 24)
THAI = re.compile("[\u0e00-\u0e7f]")


async def test_the_command_palette_speaks_thai(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, ThaiCommandPalette)
        field = app.screen.query_one(CommandInput)
        assert field.placeholder == PALETTE_PLACEHOLDER and THAI.search(field.placeholder)
        text = screen_text(app)
        assert "ค้นหาคำสั่ง…" in text and "Search for" not in text
        await type_text(pilot, "zzqqxx")
        await pilot.pause(0.8)  # textual waits half a second before saying nothing matches
        text = screen_text(app)
        assert NO_MATCHES.split(" (")[0] in text and "No matches" not in text
        await press(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ThaiCommandPalette)


async def test_an_open_dropdown_in_the_filter_bar_says_esc_in_thai(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "slash", "tab", "enter")
        await pilot.pause()
        select = app.query_one("#filter-status", Select)
        assert select.expanded
        footer = screen_lines(app)[-1]
        assert "esc ปิดรายการ" in footer and "Dismiss" not in footer
        await press(pilot, "escape")
        await pilot.pause()
        assert not select.expanded


async def test_an_open_dropdown_in_the_project_form_says_esc_in_thai(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "down", "down", "enter")  # the first project's form
        await pilot.pause()
        selects = list(app.query(Select))
        assert selects, "the project form has a status dropdown"
        for select in selects:
            if select.disabled or select.parent is None:
                continue
            select.focus()
            await pilot.pause()
            await press(pilot, "enter")
            await pilot.pause()
            assert select.expanded
            footer = screen_lines(app)[-1]
            assert "ปิดรายการ" in footer and "Dismiss" not in footer, footer
            await press(pilot, "escape")
            await pilot.pause()


def test_every_binding_textual_shows_in_a_footer_is_known() -> None:
    """A textual upgrade that adds a binding the footer shows (in English) fails here until it is translated.

    Bindings declared ``show=False`` never reach the footer, and the help screen leaves textual's own out.
    """
    shown: set[tuple[str, str]] = set()
    for module_info in pkgutil.walk_packages(textual.__path__, "textual."):
        if ".demo" in module_info.name or "driver" in module_info.name:
            continue
        try:
            module = importlib.import_module(module_info.name)
        except Exception:  # optional parts of textual need packages the app does not install
            continue
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == module.__name__):
                continue
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if binding.show and binding.description:
                    shown.add((cls.__name__, binding.description))
    translated = {("SelectOverlay", "Dismiss menu"), ("CommandPalette", "Exit the command palette")}
    unused = {  # widgets the app never shows
        ("Link", "Open link"),
        ("MarkupPlayground", "Variables"),
        ("MarkupPlayground", "Spans"),
    }
    assert shown == translated | unused
    for cls in (ThaiSelectOverlay, ThaiCommandPalette):
        for binding in Binding.make_bindings(cls.BINDINGS):
            assert THAI.search(binding.description) and binding.tooltip, binding
