"""What the screen shows, as plain rich ``Text``: labels, fields and summaries, with no textual import.

Everything a user typed (names, methods, remarks...) is data, never markup: it goes into ``Text(value)``
after :func:`safe_line` or :func:`safe_block` has made control characters visible. Those two change the
display only; the stored value is never touched. Widths are measured in terminal cells
(:func:`rich.cells.cell_len`), because Thai vowel and tone marks take no cell of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tracker.domain import columns
from tracker.domain.fields import PROJECT_FIELDS
from tracker.domain.figures import Figures, Flag, project_remaining
from tracker.domain.findings import Finding, Severity
from tracker.domain.linebreak import cut_to_width
from tracker.domain.model import INCLUDED_LABELS, Plan, Project, ProjectKind, Round, Status
from tracker.domain.text import safe_block, safe_line
from tracker.domain.thai import (
    BAHT,
    NO_BUDGET_TEXT,
    DigitStyle,
    format_baht,
    format_int,
    format_percent,
    typed_digits,
)
from tracker.session import SaveState

# --- making user text safe to show: see tracker.domain.text ---------------------------------------


def fit(text: Text, width: int, keep_tail: int = 0) -> Text:
    """``text`` cut to ``width`` cells with an ellipsis when it is wider; Thai-aware.

    The last ``keep_tail`` characters (a count such as "(๒/๕)") survive the cut whenever they fit.
    """
    if width <= 0 or text.cell_len <= width:
        return text
    tail = text[len(text) - keep_tail :] if 0 < keep_tail < len(text) else Text("")
    if tail.cell_len >= width:
        tail = Text("")
    head = text[: len(text) - len(tail)] if tail.plain else text.copy()
    # Cut where a Thai word ends ("โครงการเสริมสร้างค่านิยม…", not "…ค่านิ…"), styles kept.
    shown = cut_to_width(head.plain, width - tail.cell_len, get_character_cell_size)
    if shown != head.plain:
        head = head[: max(len(shown) - 1, 0)] if shown.endswith("…") else Text("")
        head.append("…")
    return Text.assemble(head, tail)


# --- numbers in the plan's digit style --------------------------------------------------------------


def num(value: int, style: DigitStyle) -> str:
    """A count with thousands separators: ๑,๒๐๐."""
    return format_int(value, style)


def baht(amount: Decimal, style: DigitStyle) -> str:
    """An amount with its unit: ๕๐,๐๐๐.๐๐ บาท."""
    return f"{format_baht(amount, style)} {BAHT}"


# --- styles --------------------------------------------------------------------------------------

STATUS_STYLES: dict[Status, Style] = {
    Status.COMPLETED: Style(color="green", bold=True),
    Status.IN_PROGRESS: Style(color="yellow", bold=True),
    Status.NOT_DONE: Style(color="red", bold=True),
    Status.NOT_REPORTED: Style(dim=True),
}
FLAG_STYLES: dict[Flag, Style] = {
    Flag.GREEN: Style(color="black", bgcolor="green", bold=True),
    Flag.ORANGE: Style(color="black", bgcolor="dark_orange", bold=True),
    Flag.RED: Style(color="white", bgcolor="red", bold=True),
}
LABEL_STYLE = Style(bold=True)
EMPTY = Text("—", style=Style(dim=True))
"""Shown for a field left blank, so a blank is seen as blank and not as a missing row."""


def user_text(value: str, style: DigitStyle = DigitStyle.THAI) -> Text:
    """A multi-line field as typed (its digits as ``style`` shows typed text), or a dim dash when blank."""
    return Text(typed_digits(safe_block(value), style)) if value.strip() else EMPTY.copy()


def user_line(value: str, style: DigitStyle = DigitStyle.THAI) -> Text:
    """A one-line field (a name, a unit) as typed, a line break in it shown as ⏎; a dash when blank.

    Its digits as ``style`` shows typed text (:func:`tracker.domain.thai.typed_digits`).
    """
    return Text(typed_digits(safe_line(value), style)) if value.strip() else EMPTY.copy()


def status_text(status: Status) -> Text:
    """The status's mark and label (✓ ดำเนินการแล้วเสร็จ), the mark in the status's colour."""
    return Text.assemble((status.mark, STATUS_STYLES[status]), " ", status.label)


def status_legend() -> Text:
    """What the tree's marks mean: "✓ ดำเนินการแล้วเสร็จ  ◐ อยู่ระหว่างดำเนินการ  ..."."""
    return Text("  ").join(status_text(status) for status in Status)


def flag_text(flag: Flag) -> Text:
    return Text(f" ธง{flag.label} ", style=FLAG_STYLES[flag])


UNKNOWN_DIMENSION = "ไม่ระบุมิติ"
"""The branch for projects whose dimension is not one of the plan's (dimension number 0 in a NodeRef)."""


# --- the tree --------------------------------------------------------------------------------------


class NodeKind(StrEnum):
    PLAN = "plan"
    DIMENSION = "dimension"
    PROJECT = "project"


@dataclass(frozen=True, slots=True)
class NodeRef:
    """What a tree node stands for: the plan, a dimension (by its number) or a project.

    A project is known by its uid, not by its order number (an imported plan may number two projects
    alike, and each must still be shown) nor by its place in ``plan.projects`` (which moves when
    projects are added, deleted or moved).
    """

    kind: NodeKind
    number: int = 0
    """The dimension's number."""
    uid: str = ""
    """The project's uid."""

    def index_in(self, plan: Plan) -> int | None:
        """The project's index in ``plan.projects`` (None for the plan, a dimension, or a project gone)."""
        if self.kind is not NodeKind.PROJECT:
            return None
        return next((i for i, p in enumerate(plan.projects) if p.uid == self.uid), None)


def project_ref(project: Project) -> NodeRef:
    """The tree's reference to ``project``."""
    return NodeRef(NodeKind.PROJECT, project.dimension, project.uid)


def fiscal_year_text(plan: Plan) -> str:
    """The fiscal year as the header writes it: ปีงบประมาณ พ.ศ. ๒๕๖๗."""
    return f"ปีงบประมาณ พ.ศ. {num_plain(plan.fiscal_year, plan.settings.digit_style)}"


def num_plain(value: int, style: DigitStyle) -> str:
    """A number without thousands separators (years, order numbers)."""
    return format_int(value, style).replace(",", "")


def dimension_heading(number: int, style: DigitStyle) -> str:
    """A dimension's number as plans write it: มิติที่ ๑."""
    return f"มิติที่ {num_plain(number, style)}"


def plan_label(plan: Plan) -> Text:
    """The tree's root: the organization and the fiscal year."""
    organization = typed_digits(safe_line(plan.organization), plan.settings.digit_style)
    return Text.assemble((organization, LABEL_STYLE), " ", fiscal_year_text(plan))


def dimension_label(plan: Plan, figures: Figures, number: int) -> Text:
    """A dimension's tree label: มิติที่ ๑ <name> (completed/total), ending in :func:`count_tail`."""
    style = plan.settings.digit_style
    dim = next((d for d in figures.dimensions if d.number == number), None)
    done, total = (dim.completed, dim.total) if dim is not None else (0, 0)
    return Text.assemble(
        (dimension_heading(number, style), LABEL_STYLE),
        " ",
        typed_digits(safe_line(plan.dimension_name(number)), style),
        " ",
        (count_tail(done, total, style), Style(dim=True)),
    )


def count_tail(done: int, total: int, style: DigitStyle) -> str:
    """How many of a dimension's projects are completed, of all: (๒/๕)."""
    return f"({num(done, style)}/{num(total, style)})"


FINDING_MARKS: dict[Severity, Text] = {
    Severity.ERROR: Text("!", style=Style(color="red", bold=True)),
    Severity.WARNING: Text("!", style=Style(color="yellow", bold=True)),
    Severity.INFO: Text(" "),
}


ENTERED_MARK = "☑"
"""Marks a project whose result in the round is entered in the national system (e-PlanNACC): at the end
of its tree label, in the detail pane and the header (a character one cell wide in every terminal)."""
ENTERED_STYLE = Style(color="cyan", bold=True)
ENTERED_TAIL = Text.assemble(" ", (ENTERED_MARK, ENTERED_STYLE))
"""The end of an entered project's tree label, kept when a long name is cut (``len`` is its characters)."""


def project_label(
    plan: Plan, project: Project, round_: Round, number_width: int = 0, finding: Severity | None = None
) -> Text:
    """A project's tree label: <status mark><finding mark><order number> <name>, the number right-aligned,
    and :data:`ENTERED_TAIL` at the end once the round's result is entered in e-PlanNACC.

    The finding mark is a red "!" when a check found an error in the project, a yellow one for a
    warning, a space otherwise (so that names stay lined up).
    """
    result = project.result(round_)
    status = result.status
    number = num_plain(project.number, plan.settings.digit_style)
    padding = " " * max(0, number_width - cell_len(number))
    mark = FINDING_MARKS[finding].copy() if finding is not None else Text(" ")
    name = typed_digits(safe_line(project.name), plan.settings.digit_style)
    label = Text.assemble((status.mark, STATUS_STYLES[status]), mark, padding, number, " ", name)
    if result.entered:
        label.append_text(ENTERED_TAIL)
    return label


def number_width(plan: Plan) -> int:
    """Cells taken by the widest order number, so that names line up under each other."""
    style = plan.settings.digit_style
    return max((cell_len(num_plain(p.number, style)) for p in plan.projects), default=0)


# --- the header --------------------------------------------------------------------------------------


ENTERED_HEADER = "บันทึกใน e-PlanNACC แล้ว "
"""The header's count of projects entered in the national system this round ("... ๕/๒๐"); shorter
wordings in :data:`tracker.ui.header.HEADER_ABBREVIATIONS`."""

SAVE_STATE_TEXTS: dict[SaveState, Text] = {
    SaveState.SAVED: Text("✓ บันทึกแล้ว", style=Style(color="green")),
    SaveState.UNSAVED: Text("● ยังไม่บันทึก", style=Style(color="yellow", bold=True)),
    SaveState.INVALID: Text("✗ มีช่องไม่ถูกต้อง ยังไม่บันทึก", style=Style(color="red", bold=True)),
}


def header_parts(plan: Plan, figures: Figures, save_state: SaveState | None = None) -> list[Text]:
    """The pieces of the header line, each kept whole when the line has to wrap."""
    style = plan.settings.digit_style
    parts = [
        Text(typed_digits(safe_line(plan.organization), style), style=LABEL_STYLE),
        Text(fiscal_year_text(plan)),
        Text(figures.round.label_in(style), style=LABEL_STYLE),
    ]
    if figures.total and figures.per_status[Status.NOT_REPORTED] == figures.total:
        # Nothing reported yet: a red flag and "น้อยที่สุด" would read as failure, which it is not.
        parts.append(Text("ยังไม่มีการรายงานผลรอบนี้", style=Style(italic=True)))
    else:
        parts += [
            Text(f"การนำแผนไปปฏิบัติ ร้อยละ {format_percent(figures.score, style)}"),
            flag_text(figures.flag),
            # the level's words are typed
            Text(f"ระดับ {typed_digits(safe_line(figures.level), style)}" if figures.level else ""),
        ]
    if entered := figures.entered:  # an interrupted submission shows where it stopped
        parts.append(Text(f"{ENTERED_HEADER}{num(entered, style)}/{num(figures.total, style)}"))
    if save_state is not None:
        parts.append(SAVE_STATE_TEXTS[save_state].copy())
    return parts


SEPARATOR = Text(" · ", style=Style(dim=True))


def pack_lines(parts: list[Text], width: int) -> list[Text]:
    """Join ``parts`` with separators into as few lines of ``width`` cells as possible.

    A part never breaks in the middle (a part wider than the line is cut with an ellipsis).
    """
    lines: list[Text] = []
    current: Text | None = None
    for part in parts:
        if not part.plain:
            continue
        if current is not None and current.cell_len + SEPARATOR.cell_len + part.cell_len <= width:
            current.append_text(SEPARATOR)
            current.append_text(part)
            continue
        if current is not None:
            lines.append(current)
        current = fit(part.copy(), width)
    if current is not None:
        lines.append(current)
    return lines or [Text("")]


# --- the detail panel --------------------------------------------------------------------------------

Field = tuple[str, Text]
"""A row of the detail panel: a Thai label and its value."""

PROJECT_LABELS: dict[str, str] = {f.key: f.thai for f in PROJECT_FIELDS}
"""The labels of a project's fields, by key, as the catalogue (tracker.domain.fields) says them."""


def budget_text(budget: Decimal | None, style: DigitStyle) -> Text:
    """The budget in baht, or ไม่ใช้งบประมาณ (needs none, which is not 0.00)."""
    return Text(NO_BUDGET_TEXT) if budget is None else Text(baht(budget, style))


def reason_text(project: Project, round_: Round, style: DigitStyle = DigitStyle.THAI) -> Text:
    """The reason's label and the office's own words, whichever of them there are."""
    result = project.result(round_)
    typed = typed_digits(safe_block(result.reason_text), style)
    words = [w for w in (result.reason.label if result.reason else "", typed) if w]
    return Text(" — ".join(words)) if words else EMPTY.copy()


def ordinance_word(plan: Plan) -> str:
    """What the office calls its budget ordinance (:func:`tracker.domain.columns.ordinance_word`, which
    the reports use too): เทศบัญญัติ in a municipality, ข้อบัญญัติ in the other local governments."""
    return columns.ordinance_word(plan.organization)


def detail_labels(plan: Plan) -> dict[str, str]:
    """The detail pane's labels by field key: the catalogue's, the new fields' worded short enough for
    the pane's label column (the form gives them whole)."""
    ordinance = ordinance_word(plan)
    return {
        **PROJECT_LABELS,
        "appropriated": f"วงเงินตาม{ordinance}",
        "included": f"บรรจุใน{ordinance}/แผน",
        "entered": ENTERED_LABEL,
    }


ENTERED_LABEL = "e-PlanNACC"
"""The detail pane's label of the "entered in e-PlanNACC" mark."""


def entered_text(entered: bool) -> Text:
    """The mark "entered in e-PlanNACC" in words: ☑ บันทึกแล้ว, or ☐ ยังไม่ได้บันทึก."""
    if entered:
        return Text.assemble((ENTERED_MARK, ENTERED_STYLE), " บันทึกแล้ว")
    return Text("☐ ยังไม่ได้บันทึก", style=Style(dim=True))


UNKNOWN = "ไม่ระบุ"
"""Shown for an amount or a choice nobody has given (the amount appropriated, included or not)."""


def carried_note(style: DigitStyle) -> str:
    """Said of a 12-month result carried from the 6-month round: (ต่อจากรอบ ๖ เดือน)."""
    return f"(ต่อจาก{Round.SIX.label_in(style)})"


def project_fields(plan: Plan, project: Project, round_: Round) -> tuple[list[Field], list[Field]]:
    """The project's own fields, and its result in ``round_``."""
    style = plan.settings.digit_style
    labels = detail_labels(plan)
    if project.appropriated is None and project.budget is None:
        appropriated = EMPTY.copy()  # needs no budget: nothing to appropriate, nothing missing
    elif project.appropriated is None:
        appropriated = Text(UNKNOWN, style=Style(dim=True))
    else:
        appropriated = Text(baht(project.appropriated, style))
    included = Text(INCLUDED_LABELS[project.included], style=Style(dim=True) if project.included is None else "")
    dimension = Text(dimension_heading(project.dimension, style))
    if name := plan.dimension_name(project.dimension):
        dimension.append(" " + typed_digits(safe_line(name), style))
    own: list[Field] = [
        (labels["number"], Text(num_plain(project.number, style))),
        (labels["kind"], Text(project.kind.label)),
        (labels["name"], user_line(project.name, style)),
        (labels["dimension"], dimension),
        (labels["method"], user_text(project.method, style)),
        (labels["indicator"], user_text(project.indicator, style)),
        (labels["budget"], budget_text(project.budget, style)),
        (labels["appropriated"], appropriated),
        (labels["included"], included),
        (labels["period"], user_line(project.period, style)),
        (labels["unit"], user_line(project.unit, style)),
        (labels["remarks"], user_text(project.remarks, style)),
    ]
    result = project.result(round_)
    disbursed = EMPTY.copy() if result.disbursed is None else Text(baht(result.disbursed, style))
    remaining = project_remaining(project, round_)
    left = EMPTY.copy() if remaining is None else Text(baht(remaining, style))
    if remaining is not None and project.appropriated is not None:
        # Reckoned from the ordinance's amount, not the plan's budget: the reader is told which, on a
        # line of its own (a narrow pane would break it at "ข้อ|บัญญัติ").
        left.append(f"\n(จากวงเงินตาม{ordinance_word(plan)})", style=Style(dim=True))
    status = status_text(result.status)
    if project.carried_over(round_):
        status.append(f"\n{carried_note(style)}", style=Style(dim=True))
    in_round: list[Field] = [
        (labels["status"], status),
        (labels["result_text"], user_text(result.result_text, style)),
        (labels["disbursed"], disbursed),
        (labels["remaining"], left),
        (labels["reason"], reason_text(project, round_, style)),
        (labels["remark"], user_text(result.remark, style)),
        (labels["entered"], entered_text(result.entered)),
    ]
    return own, in_round


def status_count_fields(per_status: dict[Status, int], style: DigitStyle) -> list[Field]:
    """One row per status: its label, then its mark and how many (✓ ๓)."""
    return [
        (status.label, Text.assemble((status.mark, STATUS_STYLES[status]), f" {num(count, style)}"))
        for status, count in per_status.items()
    ]


def plan_fields(plan: Plan, figures: Figures) -> tuple[list[Field], list[Field], list[Field]]:
    """The plan's identity, its counts per status and dimension, and its budget and score."""
    style = plan.settings.digit_style
    place = " ".join(
        part
        for part in (
            f"อำเภอ{plan.district}" if plan.district else "",
            f"จังหวัด{plan.province}" if plan.province else "",
        )
        if part
    )
    identity: list[Field] = [
        ("องค์กร", user_line(plan.organization, style)),
        ("ที่ตั้ง", user_line(place, style)),
        ("หน่วยงานที่จัดทำ", user_line(plan.preparing_unit, style)),
        ("ปีงบประมาณ", Text(f"พ.ศ. {num_plain(plan.fiscal_year, style)}")),
        ("รอบการรายงาน", Text(figures.round.label_in(style))),
    ]
    counts: list[Field] = [("จำนวนทั้งหมด", Text(f"{num(figures.total, style)} โครงการ"))]
    counts += status_count_fields(figures.per_status, style)
    counts.append(
        (ENTERED_LABEL, Text(f"บันทึกแล้ว {num(figures.entered, style)} จาก {num(figures.total, style)} โครงการ"))
    )
    for dim in figures.dimensions:
        counts.append(
            (
                dimension_heading(dim.number, style),
                Text(f"แล้วเสร็จ {num(dim.completed, style)} จาก {num(dim.total, style)}"),
            )
        )
    ordinance = ordinance_word(plan)
    remaining = Text(baht(figures.remaining, style))
    appropriated: list[Field] = []
    if figures.appropriated_projects:
        appropriated.append((
            f"วงเงินตาม{ordinance}",
            Text(f"{baht(figures.appropriated, style)} ({num(figures.appropriated_projects, style)} โครงการ)"),
        ))
        # Those projects' remaining is reckoned from the ordinance's amount: the reader is told so.
        from_plan = sum(1 for p in plan.projects if p.budget is not None and p.appropriated is None)
        remaining.append(
            f" (จากวงเงินตาม{ordinance} {num(figures.appropriated_projects, style)} โครงการ"
            " นอกนั้นจากงบประมาณตามแผน)" if from_plan else f" (จากวงเงินตาม{ordinance})",
            style=Style(dim=True),
        )
    money: list[Field] = [
        (
            "งบประมาณ",
            Text(f"{baht(figures.budget, style)} ({num(figures.budgeted_projects, style)} โครงการ)"),
        ),
        (NO_BUDGET_TEXT, Text(f"{num(figures.no_budget_projects, style)} โครงการ")),
        *appropriated,
        ("เบิกจ่าย", Text(baht(figures.disbursed, style))),
        ("คงเหลือ", remaining),
        ("การนำแผนไปปฏิบัติ", Text(f"ร้อยละ {format_percent(figures.score, style)}")),
        ("ธง", flag_text(figures.flag)),
        ("ระดับ", user_line(figures.level, style)),
    ]
    return identity, counts, money


def stray_projects(plan: Plan) -> list[Project]:
    """Projects whose dimension is not one of the plan's dimensions."""
    known = {dim.number for dim in plan.dimensions}
    return [p for p in plan.projects if p.dimension not in known]


def dimension_fields(plan: Plan, figures: Figures, number: int) -> list[Field]:
    """A dimension's name and how many of its projects are in each status (0: the stray projects)."""
    style = plan.settings.digit_style
    dim = next((d for d in figures.dimensions if d.number == number), None)
    if dim is not None:
        total, per_status = dim.total, dim.per_status
        heading, name = dimension_heading(number, style), user_line(plan.dimension_name(number), style)
    else:
        members = stray_projects(plan) if number == 0 else plan.projects_in(number)
        per_status = {s: 0 for s in Status}
        for project in members:
            per_status[project.result(figures.round).status] += 1
        total = len(members)
        heading, name = UNKNOWN_DIMENSION, EMPTY.copy()
    return [
        ("มิติ", Text(heading)),
        ("ชื่อ", name),
        ("จำนวนทั้งหมด", Text(f"{num(total, style)} โครงการ")),
        *status_count_fields(per_status, style),
    ]


Section = tuple[str, list[Field]]
"""A heading and its rows."""

HEADING_STYLE = Style(bold=True, underline=True)


VALUE_MIN = 16
"""Cells the values need beside their labels (an amount with its unit, "๑๐๐,๐๐๐.๐๐ บาท", whole); a
narrower pane puts each value under its label instead."""


class FieldsTable:
    """Sections of label/value rows, labels in one column that never wraps, values wrapping beside it;
    where the pane is too narrow for that (60 columns, or beside the checks), each label on its line and
    its value under it, indented, so that a value is never squeezed into a few cells or cut mid-amount."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self._lines: dict[tuple[object, ...], list[list[Segment]]] = {}
        """The lines drawn for each width (and way of drawing): textual draws the table once to measure
        its height and again to show it, at every layout of the pane."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.min_width, options.justify, options.overflow, options.no_wrap,
               options.markup, options.highlight, options.encoding, options.ascii_only)
        lines = self._lines.get(key)
        if lines is None:
            lines = console.render_lines(self._grids(options), options.update(height=None), pad=False)
            self._lines[key] = lines
        for line in lines:
            yield from line
            yield Segment.line()

    def _grids(self, options: ConsoleOptions) -> Group:
        label_width = max((cell_len(label) for _, rows in self.sections for label, _ in rows), default=0)
        stacked = options.max_width - label_width - 1 < VALUE_MIN
        parts: list[RenderableType] = []
        for index, (heading, rows) in enumerate(self.sections):
            if index:
                parts.append(Text(""))
            if heading:
                parts.append(Text(heading, style=HEADING_STYLE))
            if stacked:
                grid = Table.grid(padding=(0, 1), expand=True)
                grid.add_column(ratio=1, overflow="fold")
                for label, value in rows:
                    if label:
                        grid.add_row(Text(label, style=LABEL_STYLE))
                    grid.add_row(Padding(value, (0, 0, 0, 2)))
                parts.append(grid)
            else:
                parts.append(_Rows(rows, label_width))
        return Group(*parts)


class _Rows:
    """Label/value rows side by side, drawn as rich draws ``Table.grid(padding=(0, 1), expand=True)`` with
    a label column of ``label_width`` cells (bold, never wrapping) and a value column taking the rest
    (folding): the same segments, line for line, without the table's measuring of every cell, which was
    most of the cost of showing an item's details at each move in the tree."""

    def __init__(self, rows: list[Field], label_width: int) -> None:
        self.rows = rows
        self.label_width = label_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = self.label_width + 1  # the label and the one cell between the columns
        value_width = options.max_width - label_width
        options = options.update(highlight=False, height=None)
        label_options = options.update(width=label_width, justify="left", no_wrap=True, overflow="ellipsis",
                                       highlight=False)
        value_options = options.update(width=value_width, justify="left", no_wrap=False, overflow="fold",
                                       highlight=False)
        label_style = console.get_style(LABEL_STYLE) + Style.null()
        value_style = console.get_style("") + Style.null()
        new_line = Segment.line()
        for label, value in self.rows:
            label_lines = console.render_lines(Padding(label, (0, 1, 0, 0)), label_options, style=label_style)
            value_lines = console.render_lines(Padding(value, (0, 0, 0, 0)), value_options, style=value_style)
            height = max(len(label_lines), len(value_lines))
            label_lines = Segment.set_shape(Segment.align_top(label_lines, label_width, height, label_style),
                                            label_width, height)
            value_lines = Segment.set_shape(Segment.align_top(value_lines, value_width, height, value_style),
                                            value_width, height)
            for label_line, value_line in zip(label_lines, value_lines, strict=True):
                yield from label_line
                yield from value_line
                yield new_line


def fields_table(sections: list[Section]) -> FieldsTable:
    """The rows of ``sections`` laid out for the pane's width (:class:`FieldsTable`)."""
    return FieldsTable(sections)


def project_sections(plan: Plan, project: Project, round_: Round) -> list[Section]:
    """The project for the detail pane: what people look for first (the round's status, disbursed and
    remaining) right under its number and name, where a pane of 80×24 shows it; the rest below."""
    own, in_round = project_fields(plan, project, round_)
    kind = "รายการ" if project.kind is ProjectKind.OTHER else project.kind.label
    style = plan.settings.digit_style
    number = num_plain(project.number, style)
    round_label = round_.label_in(style)
    number_row, kind_row, name_row, *details = own
    status_row, result_row, disbursed_row, remaining_row, reason_row, remark_row, entered_row = in_round
    return [
        (f"{kind} ลำดับที่ {number} · {round_label}",
         [number_row, name_row, status_row, disbursed_row, remaining_row, entered_row]),
        (f"ผลการดำเนินงาน {round_label}", [result_row, reason_row, remark_row]),
        ("รายละเอียด", [kind_row, *details]),
    ]


def plan_sections(plan: Plan, figures: Figures) -> list[Section]:
    identity, counts, money = plan_fields(plan, figures)
    return [
        ("แผนปฏิบัติการป้องกันการทุจริต", identity),
        (f"จำนวนโครงการ {figures.round.label_in(plan.settings.digit_style)}", counts),
        ("งบประมาณและผลการประเมิน", money),
    ]


def dimension_sections(plan: Plan, figures: Figures, number: int) -> list[Section]:
    known = any(d.number == number for d in plan.dimensions)
    title = dimension_heading(number, plan.settings.digit_style) if known else f"โครงการที่{UNKNOWN_DIMENSION}"
    round_label = figures.round.label_in(plan.settings.digit_style)
    return [(f"สรุป{title} {round_label}", dimension_fields(plan, figures, number))]


# --- findings of the checks ---------------------------------------------------------------------------

FINDING_STYLES: dict[Severity, Style] = {
    Severity.ERROR: Style(color="red", bold=True),
    Severity.WARNING: Style(color="yellow"),
    Severity.INFO: Style(dim=True),
}


def worst_by_project(findings: list[Finding], plan: Plan) -> dict[str, Severity]:
    """The most serious finding of each project, by uid (errors outrank warnings). A finding about an
    order number several projects share (no one project) marks each of them."""
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    by_number: dict[int, list[str]] = {}
    for project in plan.projects:
        by_number.setdefault(project.number, []).append(project.uid)
    worst: dict[str, Severity] = {}
    for finding in findings:
        if finding.project_uid is not None:
            uids = [finding.project_uid]
        elif finding.project is not None:
            uids = by_number.get(finding.project, [])
        else:
            continue
        for uid in uids:
            held = worst.get(uid)
            if held is None or rank[finding.severity] < rank[held]:
                worst[uid] = finding.severity
    return worst


def finding_text(finding: Finding, style: DigitStyle) -> Text:
    """One finding for the checks panel: its mark, where it is, its message and what to do."""
    where = f"โครงการ {num_plain(finding.project, style)}" if finding.project is not None else "แผน"
    text = Text.assemble(
        ("✗ " if finding.severity is Severity.ERROR else "! ", FINDING_STYLES[finding.severity]),
        (f"{where} ", LABEL_STYLE),
        typed_digits(safe_line(finding.message), style),  # quotes typed text
    )
    if finding.detail:
        text.append("\n  → " + typed_digits(safe_line(finding.detail), style), style=Style(dim=True))
    return text
