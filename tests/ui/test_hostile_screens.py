"""Every screen of the app on a plan with hostile text everywhere: nothing on it controls the terminal.

The plan (:func:`tests.hostile_corpus.hostile_plan`) holds markup, escape sequences, control
characters, 20,000-character text, bidi overrides... in every piece of text a person can type, the
words of the levels included. Walking the tree (each project's details), the summary, the checks, the
plan chooser, the delete question, the export dialog, the help, the filter, switching round and digits:
the app never crashes, markup shows as typed, and no control character is on the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.hostile_corpus import HOSTILE_TEXT, hostile_plan, unsafe_characters
from tests.ui.conftest import keys_handled, press, screen_text, type_text
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.export_dialog import ExportScreen
from tracker.ui.screens import ChoiceScreen, ConfirmScreen, HelpScreen, SummaryScreen


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[hostile_plan()]).close()
    return path


def safe(app: TrackerApp, where: str) -> str:
    text = screen_text(app)
    assert unsafe_characters(text) == [], where
    return text


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` as a terminal does: the app hands it to the focused widget."""
    driver = pilot.app._driver
    assert driver is not None
    event = events.Paste(text)
    event.set_sender(pilot.app)
    driver.send_message(event)
    await keys_handled(pilot)


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["wide", "80x24"])
async def test_every_screen_of_a_hostile_plan_is_safe(db: Path, size: tuple[int, int]) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=size) as pilot:
        text = safe(app, "the plan")
        # The organization, as typed: whole in the wide header; at 80 columns the header leaves it to the
        # tree, whose label ends in "…".
        assert ("[link=https://evil.example]" if size[0] > 100 else "[link=https://") in text
        assert "[bold red]มาก[/]" in text  # the level's words, as typed, in the header
        for step in range(26 if size[0] > 100 else 6):  # each dimension and project: its details beside the tree
            await press(pilot, "down")
            safe(app, f"item {step + 1} of the tree")
        await press(pilot, "home")

        await press(pilot, "s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        safe(app, "the summary")
        await press(pilot, "tab", "end")  # the counts and the score, at the bottom of the page
        safe(app, "the summary's totals")
        await press(pilot, "escape")

        await press(pilot, "x")
        await pilot.pause()
        safe(app, "the checks")
        await press(pilot, "escape")  # closes them, back to the tree

        await press(pilot, "p")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        safe(app, "the plan chooser")
        await press(pilot, "escape")

        await press(pilot, "down", "down")  # project 1
        await press(pilot, "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        safe(app, "the delete question")
        await press(pilot, "escape")

        await press(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        safe(app, "the export dialog")
        await press(pilot, "escape")

        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        safe(app, "the help")
        await press(pilot, "escape")

        await press(pilot, "r")  # the 6-month round
        await pilot.pause()
        safe(app, "the 6-month round")
        await press(pilot, "t")  # Arabic digits
        await pilot.pause()
        safe(app, "Arabic digits")

        await press(pilot, "slash")
        await type_text(pilot, "[bold red]")  # words to look for, typed
        await pilot.pause()
        safe(app, "the filter")
        await press(pilot, "escape", "q")


async def test_a_control_character_pasted_into_the_filter_is_not_drawn_raw(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=(160, 45)) as pilot:
        await press(pilot, "slash")
        await paste(pilot, HOSTILE_TEXT["OSC 52 clipboard"])
        safe(app, "the filter")


async def test_a_control_character_pasted_into_the_export_path_is_not_drawn_raw(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=(160, 45)) as pilot:
        await press(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path = app.screen.query_one("#export-path", Input)
        path.focus()
        await press(pilot, "end")
        await paste(pilot, HOSTILE_TEXT["OSC 0 title BEL"])
        assert path.value.endswith(HOSTILE_TEXT["OSC 0 title BEL"])
        safe(app, "the export dialog")
