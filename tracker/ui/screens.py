"""The secondary screens: a yes/no question, a choice from a list, the plan's summary and the help.

Every piece of text that comes from data (a question naming a project, a plan's name in a list, a
project's name in the summary) reaches the terminal as a rich ``Text`` made safe by
:mod:`tracker.domain.text`, never as markup: a name holding ``[bold]`` shows as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tracker.domain.figures import compute
from tracker.domain.model import Plan, Round
from tracker.domain.text import safe_block, safe_line
from tracker.domain.thai import DigitStyle, round_bounds, thai_date, typed_digits
from tracker.reports.summary import COMPACT_BELOW, counts_table, score_block, summary_table
from tracker.ui.dialog import Dialog
from tracker.ui.display import LABEL_STYLE, fiscal_year_text, status_legend
from tracker.ui.widgets import FittedFooter, PlanHeader

T = TypeVar("T")

MOVE = Binding.Group("เลื่อน", compact=True)


# --- a yes/no question ------------------------------------------------------------------------------


class ConfirmScreen(Dialog[bool]):
    """Ask a yes/no question; y or the yes button answers True, n, escape or the no button False.

    With ``danger`` the yes button is red and the no button has the focus, so that an enter typed
    out of habit does not delete anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "ตอบใช่", tooltip="Answer yes"),
        Binding("n", "answer(False)", "ตอบไม่ใช่", tooltip="Answer no"),
        Binding("escape", "close", "ยกเลิก", tooltip="Cancel (answer no)"),
        Binding("left", "app.focus_previous", "ปุ่มก่อนหน้า", tooltip="Previous button", show=False),
        Binding("right", "app.focus_next", "ปุ่มถัดไป", tooltip="Next button", show=False),
    ]

    DEFAULT_CSS = """
    ConfirmScreen > #dialog {
        width: 64;
        max-width: 100%;
        padding: 1 2;
    }
    ConfirmScreen.-danger > #dialog {
        border: thick $error;
    }
    ConfirmScreen #question {
        height: auto;
        max-height: 12;
        overflow-y: auto;
    }
    ConfirmScreen #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: center;
    }
    ConfirmScreen Button {
        margin: 0 1;
    }
    ConfirmScreen #keys {
        margin-top: 1;
        text-align: center;
    }
    """

    def __init__(self, question: str, *, yes: str = "ใช่", no: str = "ไม่ใช่", danger: bool = False) -> None:
        super().__init__(classes="-danger" if danger else None)
        self.question = question
        self.yes = yes
        self.no = no
        self.danger = danger

    def compose_dialog(self) -> ComposeResult:
        yield Static(Text(safe_block(self.question)), id="question")
        with Horizontal(id="buttons"):
            yield Button(Content(safe_line(self.yes)), variant="error" if self.danger else "primary", id="yes")
            yield Button(Content(safe_line(self.no)), id="no")
        yield Static(
            Content(f"y = {safe_line(self.yes)}   n / Esc = {safe_line(self.no)}   Enter = ปุ่มที่เลือกไว้"),
            id="keys", classes="dialog-keys",
        )

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def closed_result(self) -> bool:
        return False


# --- a choice from a list ---------------------------------------------------------------------------


class ChoiceScreen(Dialog[T | None]):
    """Choose one of ``options`` (label, value); enter chooses, escape dismisses with None.

    The option whose value equals ``current`` is highlighted when the screen opens.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "ยกเลิก", tooltip="Cancel"),
    ]

    DEFAULT_CSS = """
    ChoiceScreen > #dialog {
        width: 80%;
        min-width: 30;
        max-height: 90%;
    }
    ChoiceScreen #title {
        dock: top;
    }
    ChoiceScreen OptionList {
        height: auto;
        max-height: 100%;
    }
    ChoiceScreen #keys {
        dock: bottom;
    }
    """

    def __init__(self, title: str, options: list[tuple[str, T]], *, current: T | None = None) -> None:
        super().__init__()
        self.choice_title = title
        self.options = list(options)
        self.current = current

    def compose_dialog(self) -> ComposeResult:
        yield Static(Text(safe_line(self.choice_title)), id="title", classes="dialog-title")
        yield OptionList(*(Option(Text(safe_line(label))) for label, _ in self.options), id="choices")
        yield Static(Content("↑↓ เลื่อน   Enter เลือก   Esc ยกเลิก"), id="keys", classes="dialog-keys")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        index = next((i for i, (_, value) in enumerate(self.options) if value == self.current), None)
        if index is None and self.options:
            index = 0
        choices.highlighted = index
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[event.option_index][1])


# --- the summary of the plan in a round -------------------------------------------------------------

PROJECT_NAME_MIN = 16
"""The project name column never gets narrower than this (the table scrolls sideways instead)."""
REMARKS_MIN = 8


class SummaryTable(DataTable[RenderableType]):
    """Part 2's table, one row per project; enter opens the highlighted project."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "ขึ้น", key_display="↑k", group=MOVE, tooltip="Up"),
        Binding("down,j", "cursor_down", "ลง", key_display="↓j", group=MOVE, tooltip="Down"),
        Binding("enter", "select_cursor", "เปิดโครงการ", tooltip="Open the project"),
        # DataTable's own home/end scroll sideways, which a table fitted to the screen never needs.
        Binding("home", "scroll_top", "แถวแรก", key_display="home", group=MOVE, tooltip="First row", show=False),
        Binding("end", "scroll_bottom", "แถวสุดท้าย", key_display="end", group=MOVE, tooltip="Last row", show=False),
    ]

    DEFAULT_CSS = """
    SummaryTable {
        height: auto;
        max-height: 100%;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        /* Columns are sized to fit; a screen too narrow for them scrolls sideways with ← →. (A
           horizontal scrollbar size would also be added to the auto height by textual 8.2 whenever the
           gutter is stable, leaving a blank line under the table.) */
        scrollbar-size-horizontal: 0;
    }
    """


class SummaryBody(VerticalScroll):
    """The page under the title: the table, then the counts and the score; focus it (tab) to scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "ขึ้น", key_display="↑k", group=MOVE, tooltip="Scroll up"),
        Binding("down,j", "scroll_down", "ลง", key_display="↓j", group=MOVE, tooltip="Scroll down"),
    ]


class SummaryScreen(Screen[str | None]):
    """The summary of ``plan`` in ``round_``: part 2's table, counts with bars, budget and score.

    Enter on a row dismisses with the project's uid; escape or q with None.
    The table has the focus; tab moves it to the page, which scrolls to the counts and the score.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "กลับ", tooltip="Back to the plan"),
        Binding("q", "close", "กลับ", tooltip="Back to the plan", show=False),
        Binding("tab", "app.focus_next", "ตาราง/สรุป", tooltip="Switch between the table and the totals"),
    ]

    AUTO_FOCUS = "SummaryTable"

    DEFAULT_CSS = """
    SummaryScreen #summary-body {
        height: 1fr;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    SummaryScreen #summary-legend {
        height: auto;
        padding: 0 1;
    }
    SummaryScreen #summary-counts {
        height: auto;
    }
    SummaryScreen #summary-score {
        height: auto;
        padding: 0 1;
        border-bottom: solid $primary-background;
    }
    """

    def __init__(self, plan: Plan, round_: Round) -> None:
        super().__init__()
        self.plan = plan
        self.round = round_
        self.figures = compute(plan, round_)
        self.row_indexes: list[int] = sorted(
            range(len(plan.projects)), key=lambda i: (plan.projects[i].number, plan.projects[i].name)
        )
        """The index in ``plan.projects`` of each row (rows go in the order part 2 lists them)."""
        self._built_for: int | None = None

    @property
    def digits(self) -> DigitStyle:
        return self.plan.settings.digit_style

    def compose(self) -> ComposeResult:
        yield PlanHeader(self.title_parts(), id="summary-title")
        # The score and totals stay in sight above the page, however long the table grows.
        yield Static(score_block(self.figures, self.digits, self.plan), id="summary-score")
        with SummaryBody(id="summary-body"):
            yield SummaryTable(cursor_type="row", zebra_stripes=True, id="summary-table")
            yield Static(status_legend(), id="summary-legend")
            counts = counts_table(self.plan, self.figures, self.digits)
            counts.show_edge = False  # the blank lines above and below it, not needed on a screen
            yield Static(counts, id="summary-counts")
        # At 60 columns the least needed keys leave the footer whole (help, f1, lists them all).
        yield FittedFooter(give_way=("command_palette", "save", "focus_next", "select_cursor"))

    def title_parts(self) -> list[Text]:
        """The organization, the fiscal year, the round and its dates (wrapped whole by PlanHeader)."""
        first, last = round_bounds(self.plan.fiscal_year, int(self.round))
        return [
            Text(f"สรุปผลการดำเนินงาน {typed_digits(safe_line(self.plan.organization), self.digits)}",
                 style=LABEL_STYLE),
            Text(fiscal_year_text(self.plan)),
            Text(self.round.label_in(self.digits), style=LABEL_STYLE),
            Text(f"{thai_date(first, self.digits)} – {thai_date(last, self.digits)}"),
        ]

    def on_mount(self) -> None:
        self._build(self.size.width)

    def on_resize(self, event: Resize) -> None:
        self._build(event.size.width)

    def _build(self, width: int) -> None:
        """Fill the table for a screen ``width`` cells wide (the columns depend on it)."""
        # One cell each for the page's and the table's scrollbar gutters.
        available = max(width - 2, 1)
        if self._built_for == available:
            return
        self._built_for = available
        compact = available < COMPACT_BELOW
        part2 = summary_table(self.plan, self.round, self.digits, available)
        table = self.query_one(SummaryTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        self.query_one("#summary-legend").display = compact

        cells = [[_cell(c, column.justify) for c in column.cells] for column in part2.columns]
        headers = [str(column.header) for column in part2.columns]
        widths = [
            max([cell_len(h)] + [_widest_line(c) for c in column]) for h, column in zip(headers, cells, strict=True)
        ]
        name_at = headers.index("รายการโครงการ")
        flexible = [name_at] + ([headers.index("หมายเหตุ")] if "หมายเหตุ" in headers else [])
        fixed = sum(w for i, w in enumerate(widths) if i not in flexible)
        room = available - fixed - 2 * table.cell_padding * len(widths)
        if len(flexible) == 2:
            remarks_at = flexible[1]
            widths[remarks_at] = min(widths[remarks_at], max(REMARKS_MIN, room // 3))
            room -= widths[remarks_at]
        widths[name_at] = max(PROJECT_NAME_MIN, room)

        for header, column, width_ in zip(headers, part2.columns, widths, strict=True):
            table.add_column(Text(header, justify=column.justify), width=width_)
        for row, index in enumerate(self.row_indexes):
            table.add_row(*(column[row] for column in cells), height=None, key=str(index))
        if self.row_indexes:
            table.move_cursor(row=min(max(cursor, 0), len(self.row_indexes) - 1), animate=False)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.dismiss(self.plan.projects[int(event.row_key.value)].uid)

    def action_close(self) -> None:
        self.dismiss(None)


def _cell(value: RenderableType, justify: Any) -> Text:
    """A cell of the rich table as a Text for the DataTable (which would read a str as markup)."""
    text = value.copy() if isinstance(value, Text) else Text(str(value))
    text.justify = justify
    text.end = ""
    return text


def _widest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


# --- help: the keys of the screen below -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HelpRow:
    """A line of the help: the keys as textual displays them, what they do in Thai and in English."""

    key: str
    description: str
    english: str = ""
    enabled: bool = True


def _textual_own(active: ActiveBinding) -> bool:
    """Whether the binding is one textual itself declares (Screen's tab, App's ctrl+q, a widget's arrows).

    Those have English descriptions and are not the app's; an app that wants one listed binds it again
    with a Thai description, which makes it the app's own.
    """
    for cls in type(active.node).__mro__:
        if cls.__module__.split(".")[0] != "textual":
            continue
        if active.binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            return True
    return False


def help_rows(app: App[Any]) -> list[HelpRow]:
    """The keys active on the current screen, one row per action, as the footer orders them.

    A hidden binding with a description (a vim-style j beside ↓) joins the row of its visible twin
    (the binding of the same node and action); bindings without a description are left out, and so
    are textual's own (see :func:`_textual_own`).
    """
    groups: dict[tuple[int, str], list[ActiveBinding]] = {}
    for active in app.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system or _textual_own(active):
            continue
        groups.setdefault((id(active.node), binding.action), []).append(active)
    rows: list[HelpRow] = []
    for members in groups.values():
        members.sort(key=lambda a: not a.binding.show)  # visible ones first, each kept in order
        keys: list[str] = []
        for active in members:
            display = app.get_key_display(active.binding)
            if display not in keys:
                keys.append(display)
        rows.append(
            HelpRow(
                key=" ".join(keys),
                description=members[0].binding.description,
                english=next((a.tooltip for a in members if a.tooltip), ""),
                enabled=any(a.enabled for a in members),
            )
        )
    return rows


def help_table(rows: list[HelpRow]) -> Table:
    """The keys and what they do, disabled ones dim."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True)
    table.add_column("ปุ่ม (key)", no_wrap=True, style="bold")
    table.add_column("การทำงาน", ratio=1, overflow="fold")
    table.add_column("English", ratio=1, overflow="fold")
    for row in rows:
        table.add_row(
            Text(safe_line(row.key)),
            Text(safe_line(row.description)),
            Text(safe_line(row.english)),
            style="" if row.enabled else "dim",
        )
    return table


class HelpScreen(Dialog[None]):
    """The keys of the screen below and what they do (build ``rows`` with :func:`help_rows`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "ปิด", tooltip="Close the help"),
        Binding("q", "close", "ปิด", tooltip="Close the help", show=False),
        Binding("question_mark", "close", "ปิด", tooltip="Close the help", show=False),
        Binding("up,k", "scroll_up", "ขึ้น", key_display="↑k", group=MOVE, tooltip="Scroll up"),
        Binding("down,j", "scroll_down", "ลง", key_display="↓j", group=MOVE, tooltip="Scroll down"),
        Binding("pageup", "page_up", "หน้าก่อน", key_display="pgup", group=MOVE, tooltip="Page up", show=False),
        Binding("pagedown", "page_down", "หน้าถัดไป", key_display="pgdn", group=MOVE, tooltip="Page down",
                show=False),
        Binding("home", "top", "บนสุด", key_display="home", group=MOVE, tooltip="To the top", show=False),
        Binding("end", "bottom", "ล่างสุด", key_display="end", group=MOVE, tooltip="To the bottom", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen > #dialog {
        max-width: 110;
    }
    HelpScreen #help-title {
        dock: top;
        text-align: center;
    }
    HelpScreen #help-body {
        height: auto;
        max-height: 100%;
    }
    HelpScreen #help-close {
        dock: bottom;
        text-align: center;
    }
    """

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose_dialog(self) -> ComposeResult:
        yield Static(Content("วิธีใช้ (Help)"), id="help-title", classes="dialog-title")
        with VerticalScroll(id="help-body", can_focus=False):
            yield Static(help_table(self.rows), id="help-table")
        yield Static(Content("กด Esc, ? หรือ q เพื่อปิด (Esc, ? or q closes the help)"), id="help-close",
                     classes="dialog-keys")

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_page_down(animate=False)

    def action_top(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_end(animate=False)
