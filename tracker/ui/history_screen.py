"""Who changed what, and when: the recorded history of a project (or of the whole plan) on one screen.

Laid out for an 80-column terminal: each save is a heading line (when, who, and which project when the
history is the plan's), and under it one line per field changed, "the field   old → new", wrapped only
where a value is longer than the room left. An amount is never split across lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tracker.domain.history import EMPTY_VALUE, Change, change_label, value_text
from tracker.domain.thai import DigitStyle, typed_digits, with_digits
from tracker.reports.history_report import USER_WIDTH, one_line, project_text, shorten, when_text

ARROW = " → "
LABEL_SHARE = 0.45
"""At most this share of the width goes to the field's name; the rest to the old and new values."""
VALUE_LIMIT = 200
"""Cells of an old or new value at most (with its "…"): the history keeps them whole."""


def _cell(text: str, digits: DigitStyle, limit: int = VALUE_LIMIT) -> str:
    return typed_digits(one_line(shorten(text, limit)), digits) if text else EMPTY_VALUE


def change_values(change: Change, digits: DigitStyle) -> Text:
    """"old → new": each value kept whole on a line when it has no space in it (an amount, a date)."""
    old = _cell(value_text(change.field, change.old, digits), digits)
    new = _cell(value_text(change.field, change.new, digits), digits)
    return Text.assemble((old, "dim"), (ARROW, "bold"), new)


def save_heading(change: Change, digits: DigitStyle, with_project: bool) -> Text:
    """"๑๕ มี.ค. ๒๕๖๗ ๐๙:๐๐ · somchai" (and "· ๑๕ โครงการ..." for the plan's history)."""
    parts = [when_text(change.at, digits), _cell(change.user, digits, USER_WIDTH)]
    if with_project:
        parts.append(_cell(project_text(change, digits), digits))
    heading = Text(parts[0], style="bold")
    for part in parts[1:]:
        heading.append(" · ", style="dim")
        heading.append(part)
    return heading


class HistoryView:
    """The changes, newest last, grouped by save, at whatever width they are given."""

    def __init__(self, changes: list[Change], digits: DigitStyle) -> None:
        self.changes = changes
        self.digits = digits
        self.with_project = len({c.project_uid for c in changes}) > 1

    def saves(self) -> Iterator[tuple[Change, list[Change]]]:
        for _, group in groupby(self.changes, key=lambda c: (c.at, c.user, c.project_uid)):
            changes = list(group)
            yield changes[0], changes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        labels = [_cell(change_label(c, self.digits), self.digits) for c in self.changes]
        label_width = max(8, min(max((cell_len(x) for x in labels), default=8), int((width - 4) * LABEL_SHARE)))
        index = 0
        for first, changes in self.saves():
            yield save_heading(first, self.digits, self.with_project)
            grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=True, expand=False)
            grid.add_column(width=label_width + 2)  # with its padding
            grid.add_column(ratio=1)
            for change in changes:
                grid.add_row(Text(labels[index], style="cyan"), change_values(change, self.digits))
                index += 1
            yield grid


class HistoryScreen(ModalScreen[None]):
    """The changes, newest last, opened at the latest; escape (or q, or h) goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "กลับ", tooltip="Back to the plan"),
        Binding("q,h", "close", "กลับ", tooltip="Back to the plan", show=False),
        Binding("up,k", "scroll(-1)", "ขึ้น", key_display="↑k", tooltip="Scroll up",
                priority=True),
        Binding("down,j", "scroll(1)", "ลง", key_display="↓j", tooltip="Scroll down",
                priority=True),
        Binding("pageup", "page(-1)", "หน้าก่อน", show=False, tooltip="A page up",
                priority=True),
        Binding("pagedown,space", "page(1)", "หน้าถัดไป", show=False, tooltip="A page down",
                priority=True),
        Binding("home,g", "to_end(False)", "บนสุด", key_display="home", tooltip="To the first change",
                priority=True),
        Binding("end,G", "to_end(True)", "ล่างสุด", key_display="end", tooltip="To the latest change",
                priority=True),
    ]

    DEFAULT_CSS = """
    HistoryScreen > #history-title {
        width: 100%;
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $primary;
        color: $text;
        text-style: bold;
    }
    HistoryScreen > #history-dialog {
        width: 100%;
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        padding: 0 1;
    }
    HistoryScreen #history-body {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, title: str, changes: list[Change], digits: DigitStyle) -> None:
        super().__init__()
        self._title = title
        self._changes = changes
        self._digits = digits

    def compose(self) -> ComposeResult:
        count = with_digits(f" ({len(self._changes)} รายการ)", self._digits) if self._changes else ""
        yield Static(Text(self._title + count), id="history-title")
        with VerticalScroll(id="history-dialog"):
            body = (
                HistoryView(self._changes, self._digits)
                if self._changes
                else Text("ยังไม่มีการเปลี่ยนแปลงที่บันทึกไว้ (no recorded changes yet)", style="italic")
            )
            yield Static(body, id="history-body")
        yield Footer()

    def on_mount(self) -> None:
        scroll = self.query_one("#history-dialog", VerticalScroll)
        scroll.focus()
        # The latest change is what people look for first: once laid out, the view goes to the end.
        self.call_after_refresh(scroll.scroll_end, animate=False, immediate=True)

    def action_close(self) -> None:
        self.dismiss(None)

    @property
    def _scroll(self) -> VerticalScroll:
        return self.query_one("#history-dialog", VerticalScroll)

    def action_scroll(self, step: int) -> None:
        self._scroll.scroll_relative(y=step, animate=False, immediate=True)

    def action_page(self, step: int) -> None:
        scroll = self._scroll
        scroll.scroll_relative(y=step * max(scroll.scrollable_content_region.height - 1, 1),
                               animate=False, immediate=True)

    def action_to_end(self, end: bool) -> None:
        scroll = self._scroll
        if end:
            scroll.scroll_end(animate=False, immediate=True)
        else:
            scroll.scroll_home(animate=False, immediate=True)
