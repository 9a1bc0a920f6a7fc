"""Textual's own words, in Thai: what its built-in widgets show that the app does not write itself.

Textual writes a few words of its own on screen: the command palette's placeholder ("Search for
commands…") and its "No matches found", and the footer's "esc Dismiss menu" while a dropdown is
open. Each is replaced here the way textual lets an app do it:

- bindings by a subclass whose ``BINDINGS`` bind the same key to the same action with a Thai
  description (textual merges a class's bindings over its bases' key by key), the English kept as
  the tooltip like every binding of the app (see :mod:`tracker.ui.actions`);
- the placeholder by the palette's ``placeholder`` argument, and the palette is opened by the app's
  own ``action_command_palette`` (see :func:`open_command_palette`);
- "No matches found", which textual builds inside a private method, by overriding that method
  (:meth:`ThaiCommandPalette._start_no_matches_countdown`); tests/ui/test_thai_labels.py fails if a
  textual upgrade shows the English text again.

Bindings that textual declares with ``show=False`` (an Input's ctrl+left, a TextArea's ctrl+w) are
never shown: not in the footer, and the help screen leaves textual's own bindings out.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar, TypeVar

from rich.align import Align
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets import Select
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

SelectType = TypeVar("SelectType", bound=Hashable)

PALETTE_PLACEHOLDER = "ค้นหาคำสั่ง… (search for a command)"
"""The command palette's search field while it is empty."""
NO_MATCHES = "ไม่พบคำสั่งที่ตรงกัน (no matching command)"
"""What the command palette lists when nothing matches what was typed."""
SELECT_PROMPT = "เลือก (choose)"
"""A dropdown's prompt where the code that makes it gives none."""


class ThaiSelectOverlay(SelectOverlay):
    """A dropdown's open list: esc closes it, and the footer says so in Thai."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ปิดรายการ", tooltip="Close the list without choosing"),
    ]


class ThaiSelect(Select[SelectType]):
    """A dropdown (textual's ``Select``) whose open list speaks Thai."""

    def __init__(self, *args: Any, prompt: str = SELECT_PROMPT, **kwargs: Any) -> None:
        super().__init__(*args, prompt=prompt, **kwargs)

    def compose(self) -> ComposeResult:
        # Select.compose, with the overlay above: the Select finds it by type (a subclass matches),
        # and the CSS that places it names SelectOverlay (a subclass's type names include its bases').
        for widget in super().compose():
            if type(widget) is SelectOverlay:
                widget = ThaiSelectOverlay(type_to_search=self._type_to_search).data_bind(
                    compact=Select.compact
                )
            yield widget


class ThaiCommandPalette(CommandPalette):
    """Textual's command palette with its placeholder, key descriptions and "no matches" in Thai."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", "ไปคำสั่งสุดท้าย", show=False,
                tooltip="Go to the last command"),
        Binding("ctrl+home, shift+home", "command_list('first')", "ไปคำสั่งแรก", show=False,
                tooltip="Go to the first command"),
        Binding("down", "cursor_down", "คำสั่งถัดไป", show=False, tooltip="Next command"),
        Binding("escape", "escape", "ปิดการค้นหาคำสั่ง", tooltip="Close the command palette"),
        Binding("pagedown", "command_list('page_down')", "หน้าถัดไป", show=False, tooltip="Next page"),
        Binding("pageup", "command_list('page_up')", "หน้าก่อนหน้า", show=False, tooltip="Previous page"),
        Binding("up", "command_list('cursor_up')", "คำสั่งก่อนหน้า", show=False, tooltip="Previous command"),
    ]

    def __init__(self, *args: Any, placeholder: str = PALETTE_PLACEHOLDER, **kwargs: Any) -> None:
        super().__init__(*args, placeholder=placeholder, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's own countdown to "no matches", the same but for the words shown."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                # Nothing typed: the palette lists what it offers, or nothing; no "no matches".
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def open_command_palette(app: App[Any]) -> None:
    """What textual's ``App.action_command_palette`` does, with the Thai palette."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(ThaiCommandPalette(id="--command-palette"))
