"""The summary of a plan for one round, rendered with rich: part 2's table, counts, totals, score.

Every piece of user text enters as a rich ``Text`` (never markup), so a name holding ``[bold]`` or
``|`` prints exactly as typed. Control characters are shown visibly, never sent to the terminal.

:func:`safe_text` and :func:`status_columns` serve every command and report; the tables (rich's
``Table`` and ``box``, the column headings) are imported by the functions that build them, so that
``tracker check`` and the exports, which use only the former, do not load them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text

from tracker.domain.figures import Figures, Flag, compute, project_remaining
from tracker.domain.model import Plan, Round, Status
from tracker.domain.text import safe_block, safe_line
from tracker.domain.thai import (
    DigitStyle,
    format_baht,
    format_int,
    format_percent,
    round_bounds,
    thai_date,
    typed_digits,
    with_digits,
)
from tracker.reports.wording import remaining_basis_note, remark_text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

FLAG_STYLES: dict[Flag, str] = {Flag.GREEN: "bold green", Flag.ORANGE: "bold dark_orange", Flag.RED: "bold red"}

def safe_text(value: str, style: str = "") -> Text:
    """User text as a rich Text, with control characters (ESC, NUL, ...) made visible, never executed."""
    return Text(safe_block(value), style=style)


def status_columns(plan: Plan, round_: Round) -> list[Status]:
    """Status columns of part 2: in progress appears in the 6-month round, or whenever a project is."""
    columns = [Status.COMPLETED]
    if round_ is Round.SIX or any(p.result(round_).status is Status.IN_PROGRESS for p in plan.projects):
        columns.append(Status.IN_PROGRESS)
    columns.append(Status.NOT_DONE)
    return columns


COMPACT_BELOW = 120
"""Narrower than this many cells, part 2's table folds its status and no-budget columns into one each."""


def summary_table(plan: Plan, round_: Round, digits: DigitStyle, width: int = 200) -> Table:
    """Part 2's table: one row per project with a tick per status and the budget columns, then totals.

    Below :data:`COMPACT_BELOW` cells the ticks become one status column of marks and "needs no
    budget" is written in the budget column, so amounts stay whole on an 80-column terminal.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    from tracker.domain.columns import SUMMARY_BUDGET_HEADINGS, SUMMARY_STATUS_HEADINGS, TICK

    figures = compute(plan, round_)
    compact = width < COMPACT_BELOW
    statuses = status_columns(plan, round_)
    table = Table(
        box=box.SIMPLE_HEAD if compact else box.SQUARE, show_footer=True, header_style="bold",
        pad_edge=not compact,
    )
    table.add_column("ลำดับ", justify="right", footer="", no_wrap=True)
    table.add_column("รายการโครงการ", overflow="fold", ratio=1, min_width=16, footer="รวม")
    table.add_column("มิติ", justify="center", footer="", no_wrap=True)
    if compact:
        table.add_column("ผล", justify="center", no_wrap=True,
                         footer=with_digits(f"{figures.per_status[Status.COMPLETED]}/{figures.total}", digits))
    else:
        for status in statuses:
            table.add_column(
                SUMMARY_STATUS_HEADINGS[status], justify="center",
                footer=format_int(figures.per_status[status], digits),
            )
    # Amounts never wrap or shorten: the name column gives way instead.
    amount_width = cell_len(format_baht(max(figures.budget, figures.disbursed), digits))
    for key, total in (("budget", figures.budget), ("no_budget", None),
                       ("disbursed", figures.disbursed), ("remaining", figures.remaining)):
        if compact and total is None:
            continue
        footer = (
            with_digits(f"{figures.no_budget_projects}", digits) if total is None else format_baht(total, digits)
        )
        table.add_column(
            SUMMARY_BUDGET_HEADINGS[key], justify="center" if total is None else "right",
            footer=footer, no_wrap=total is not None, min_width=None if total is None else amount_width,
        )
    projects = plan.in_report_order()
    remarks = [remark_text(p, round_, str) for p in projects]  # the project's and the round's
    if not compact:
        table.add_column("หมายเหตุ", overflow="fold", footer="")
    elif any(remarks):  # beside the name, sharing what the amounts leave (else a cell wide)
        table.add_column("หมายเหตุ", overflow="fold", footer="", ratio=1, min_width=8)
    for project, remark in zip(projects, remarks, strict=True):
        result = project.result(round_)
        if compact:
            status_cells = [result.status.mark]
        else:
            status_cells = [TICK if result.status is status else "" for status in statuses]
        if project.budget is None:
            budget_cells = ["ไม่ใช้" if compact else "-", *([] if compact else [TICK]),
                            _amount(result.disbursed, digits), _amount(project_remaining(project, round_), digits)]
        else:
            budget_cells = [
                format_baht(project.budget, digits),
                *([] if compact else [""]),
                _amount(result.disbursed or Decimal(0), digits),
                _amount(project_remaining(project, round_), digits),
            ]
        remark_cells = [safe_text(typed_digits(remark, digits))] if len(table.columns) > len(status_cells) + 3 + len(budget_cells) else []
        table.add_row(
            format_int(project.number, digits),
            safe_text(typed_digits(project.name, digits)),
            format_int(project.dimension, digits),
            *status_cells,
            *budget_cells,
            *remark_cells,
        )
    if compact:
        table.caption = " ".join(f"{s.mark} {s.label}" for s in Status)
    return table


def _amount(value: Decimal | None, digits: DigitStyle) -> str:
    return "-" if value is None else format_baht(value, digits)


def counts_table(plan: Plan, figures: Figures, digits: DigitStyle) -> Table:
    """Projects per dimension and per status, with a bar of completed projects per dimension."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", title="จำนวนโครงการตามมิติและสถานะ")
    table.add_column("มิติ", overflow="fold", ratio=1, max_width=60)
    table.add_column("ทั้งหมด", justify="right", no_wrap=True)
    for status in Status:
        table.add_column(status.short_label, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for dim in figures.dimensions:
        share = dim.completed / dim.total if dim.total else 0.0
        bar = "█" * round(share * 10) + "░" * (10 - round(share * 10))
        table.add_row(
            safe_text(f"มิติที่ {with_digits(str(dim.number), digits)} {typed_digits(dim.name, digits)}"),
            format_int(dim.total, digits),
            *(format_int(dim.per_status[s], digits) for s in Status),
            bar,
        )
    table.add_section()
    table.add_row(
        "รวม", format_int(figures.total, digits),
        *(format_int(figures.per_status[s], digits) for s in Status), "",
        style="bold",
    )
    return table


def score_block(figures: Figures, digits: DigitStyle, plan: Plan | None = None) -> Text:
    """Budget totals, then the score with its colour flag and the level in words.

    Where an appropriated amount is known, a line under the totals says which amount คงเหลือ is
    reckoned from (:func:`~tracker.reports.wording.remaining_basis_note`; with ``plan``, the ordinance
    by its name and the other projects counted)."""
    text = Text()
    text.append("งบประมาณรวม ", style="bold")
    text.append(f"{format_baht(figures.budget, digits)} บาท")
    text.append(with_digits(
        f"  ({figures.budgeted_projects} โครงการใช้งบประมาณ, {figures.no_budget_projects} โครงการไม่ใช้งบประมาณ)",
        digits,
    ))
    text.append("\nเบิกจ่าย ", style="bold")
    text.append(f"{format_baht(figures.disbursed, digits)} บาท")
    text.append("   คงเหลือ ", style="bold")
    text.append(f"{format_baht(figures.remaining, digits)} บาท")
    if (note := remaining_basis_note(figures, digits, plan)) is not None:
        text.append(f"\n{note}", style="dim")
    text.append("\nการนำแผนไปปฏิบัติ ", style="bold")
    text.append(f"ร้อยละ {format_percent(figures.score, digits)}", style=FLAG_STYLES[figures.flag])
    text.append(f"  ธง{figures.flag.label} ({figures.flag.value})", style=FLAG_STYLES[figures.flag])
    text.append(f"  ระดับ {typed_digits(safe_line(figures.level), digits)}", style="bold")  # typed words
    return text


def summary_renderable(
    plan: Plan, round_: Round | None = None, digits: DigitStyle | None = None, width: int = 200
) -> RenderableType:
    """The whole summary: title, part 2's table, counts per dimension and status, totals and score."""
    from rich.console import Group

    round_ = plan.round if round_ is None else round_
    digits = plan.settings.digit_style if digits is None else digits
    figures = compute(plan, round_)
    first, last = round_bounds(plan.fiscal_year, int(round_))
    title = safe_text(
        f"สรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต {typed_digits(plan.organization, digits)}\n",
        style="bold",
    )
    title.append(with_digits(
        f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year} {round_.label} "
        f"({thai_date(first, digits)} – {thai_date(last, digits)})",
        digits,
    ))
    return Group(
        title,
        summary_table(plan, round_, digits, width),
        counts_table(plan, figures, digits),
        score_block(figures, digits, plan),
    )
