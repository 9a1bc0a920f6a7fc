"""Who changed what, and when: the recorded history of a project (or of the whole plan) on one screen.

Laid out for an 80-column terminal: each save is a heading line (when, who), and under it one line per
field changed, "the field   old → new", wrapped only where a value is longer than the room left. An
amount is never split across lines.

In the history of the whole plan, the changes of a save are grouped by project under a line naming it
once ("โครงการ ๑๕ โครงการจัดเวทีประชาคม…", its number when changed and its name cut where a word ends to
fit the line; "ข้อมูลแผน" for the plan's own fields), so that "สถานะ: … → …" always says whose status.
A project's own history has no such line: its title names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from tracker.domain.history import EMPTY_VALUE, Change, change_label, value_text
from tracker.domain.linebreak import cut_to_width
from tracker.domain.thai import DigitStyle, typed_digits, with_digits
from tracker.reports.history_report import USER_WIDTH, one_line, shorten, when_text
from tracker.ui.dialog import Dialog

ARROW = " → "
LABEL_SHARE = 0.45
"""At most this share of the width goes to the field's name; the rest to the old and new values."""
VALUE_LIMIT = 200
"""Cells of an old or new value at most (with its "…"): the history keeps them whole."""
PLAN_GROUP = "ข้อมูลแผน"
"""What the plan's own fields (its organization, dimensions, narratives, settings) are grouped under."""
INDENT = 2
"""Cells a project's line is indented under its save's heading, and its changes under it."""


def _cell(text: str, digits: DigitStyle, limit: int = VALUE_LIMIT) -> str:
    return typed_digits(one_line(shorten(text, limit)), digits) if text else EMPTY_VALUE


def change_values(change: Change, digits: DigitStyle) -> Text:
    """"old → new": each value kept whole on a line when it has no space in it (an amount, a date)."""
    old = _cell(value_text(change.field, change.old, digits), digits)
    new = _cell(value_text(change.field, change.new, digits), digits)
    return Text.assemble((old, "dim"), (ARROW, "bold"), new)


def save_heading(change: Change, digits: DigitStyle) -> Text:
    """When and who: "๑๕ มี.ค. ๒๕๖๗ ๐๙:๐๐ · somchai"."""
    heading = Text(when_text(change.at, digits), style="bold")
    heading.append(" · ", style="dim")
    heading.append(_cell(change.user, digits, USER_WIDTH))
    return heading


def project_line(change: Change, digits: DigitStyle, width: int) -> Text:
    """The project a change belongs to, "โครงการ ๑๕ โครงการจัดเวที…", on one line of ``width`` cells (the
    name cut where a word ends), or :data:`PLAN_GROUP` for a change of the plan itself."""
    if change.project_number is None and not change.project_name and change.project_uid is None:
        return Text(PLAN_GROUP, style="bold magenta")
    number = change.project_number
    head = "โครงการ" if number is None else with_digits(f"โครงการ {number}", digits)
    name = typed_digits(one_line(shorten(change.project_name, VALUE_LIMIT)), digits)
    line = f"{head} {name}" if name else head
    return Text(cut_to_width(line, max(width, 1), get_character_cell_size), style="bold magenta")


def _project_key(change: Change) -> tuple[str | None, int | None, str]:
    """Which project a change belongs to: its uid, or (a file from before uids) its number and name."""
    if change.project_uid is not None:
        return change.project_uid, None, ""
    return None, change.project_number, change.project_name


class HistoryView:
    """The changes, newest last, grouped by save, at whatever width they are given.

    ``whole_plan``: the history of the whole plan, each save's changes under the project they belong to
    (None: when the changes are of more than one project).
    """

    def __init__(self, changes: list[Change], digits: DigitStyle, whole_plan: bool | None = None) -> None:
        self.changes = changes
        self.digits = digits
        self.whole_plan = len({_project_key(c) for c in changes}) > 1 if whole_plan is None else whole_plan

    def saves(self) -> Iterator[tuple[Change, list[Change]]]:
        for _, group in groupby(self.changes, key=lambda c: (c.at, c.user, c.project_uid)):
            changes = list(group)
            yield changes[0], changes

    def groups(self) -> Iterator[tuple[Change, list[list[Change]]]]:
        """Each save (its first change) with its changes by project, in the order recorded."""
        for _, group in groupby(self.changes, key=lambda c: (c.at, c.user)):
            changes = list(group)
            yield changes[0], [list(g) for _, g in groupby(changes, key=_project_key)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        indent = INDENT if self.whole_plan else 0
        labels = [_cell(change_label(c, self.digits), self.digits) for c in self.changes]
        room = width - 4 - indent
        label_width = max(8, min(max((cell_len(x) for x in labels), default=8), int(room * LABEL_SHARE)))
        index = 0
        saves = self.groups() if self.whole_plan else ((first, [changes]) for first, changes in self.saves())
        for first, projects in saves:
            yield save_heading(first, self.digits)
            for changes in projects:
                if self.whole_plan:
                    yield Padding(project_line(changes[0], self.digits, width - indent), (0, 0, 0, indent))
                grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=True, expand=False)
                grid.add_column(width=label_width + 2)  # with its padding
                grid.add_column(ratio=1)
                for change in changes:
                    grid.add_row(Text(labels[index], style="cyan"), change_values(change, self.digits))
                    index += 1
                yield Padding(grid, (0, 0, 0, indent)) if indent else grid


class HistoryScreen(Dialog[None]):
    """The changes, newest last, opened at the latest; escape (or q, or h) goes back.

    A dialog of the whole screen: a title line, the changes and the footer, not the box of the others.
    """

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

    def __init__(
        self, title: str, changes: list[Change], digits: DigitStyle, whole_plan: bool | None = None
    ) -> None:
        """``whole_plan``: the plan's history, each change under its project (see :class:`HistoryView`)."""
        super().__init__()
        self._title = title
        self._changes = changes
        self._digits = digits
        self._whole_plan = whole_plan

    def compose(self) -> ComposeResult:  # the whole screen, not the dialog's box
        count = with_digits(f" ({len(self._changes)} รายการ)", self._digits) if self._changes else ""
        yield Static(Text(self._title + count), id="history-title")
        with VerticalScroll(id="history-dialog"):
            body = (
                HistoryView(self._changes, self._digits, self._whole_plan)
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
