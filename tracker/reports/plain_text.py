"""The report as plain text, for a terminal or a plain-text e-mail: the same sections as the Markdown,
with the tables drawn by rich.

Widths are terminal cells, measured by rich (Thai vowel and tone marks take none), so every line of
a table has the same width. User text enters as rich ``Text`` (never markup) with control characters
made visible (:mod:`tracker.domain.text`): a name holding ``[bold]`` or an ESC prints as typed.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.domain.columns import (
    DETAIL_COLUMNS,
    DIMENSION_COLUMNS,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_COLUMNS,
    TICK,
)
from tracker.domain.figures import Figures, basis_of, compute
from tracker.domain.history import APPENDIX_HEADING, NO_CHANGES_TEXT, Change
from tracker.domain.layout import (
    CONTENTS_HEADING,
    DIMENSIONS_HEADING,
    DISTRICT_PREFIX,
    PREPARED_BY,
    PROVINCE_PREFIX,
    REASON_LABEL,
    REASON_SEPARATOR,
    STANDARD_TITLE,
    SUCCESS_FACTOR_KEYS,
    SUCCESS_FACTORS_HEADING,
    TOTAL_LABEL,
    fiscal_year_line,
    part_heading,
    period_of_round,
    prepared_by,
    round_line,
)
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, Project, Round, Status
from tracker.domain.text import safe_block, safe_line
from tracker.domain.thai import NO_BUDGET_TEXT, DigitStyle, format_baht, format_int
from tracker.reports.history_report import history_table
from tracker.reports.summary import safe_text, status_columns
from tracker.reports.wording import (
    budget_text,
    disbursed_text,
    part2_note,
    remark_text,
    results_wording,
    summary_budget_cells,
)

TEXT_WIDTH = 132
"""Cells per line by default (a wide terminal's): part 2's table needs about 125 for a column per status."""
HEADINGS = {s.key: s.heading for s in NARRATIVE_SECTIONS}


def plain_text_report(
    plan: Plan, round_: Round | None = None, digits: DigitStyle | None = None, width: int = TEXT_WIDTH,
    *, history: list[Change] | None = None,
) -> str:
    """The whole report of ``plan`` for ``round_`` as plain text ``width`` cells wide.

    With ``history``, the changes follow part 3 as an appendix.
    """
    round_ = plan.round if round_ is None else round_
    digits = plan.settings.digit_style if digits is None else digits
    figures = compute(plan, round_)
    console = Console(
        file=io.StringIO(), width=width, record=True, color_system=None, force_terminal=False,
        force_jupyter=False, legacy_windows=False, highlight=False, markup=False, emoji=False,
    )
    renderables = _report(plan, figures, digits, width)
    if history is not None:
        renderables += [
            _heading(APPENDIX_HEADING), history_table(history, digits) if history else Text(NO_CHANGES_TEXT),
        ]
    for renderable in renderables:
        console.print(renderable)
    text = console.export_text(styles=False)
    # rich pads some lines with spaces; a table's lines end with its right edge, so they keep their width.
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


def _report(plan: Plan, figures: Figures, digits: DigitStyle, width: int) -> list[RenderableType]:
    texts = plan.narrative_for(figures.round)
    title = texts.get("title", "")
    cover = safe_text(title if title.strip() else STANDARD_TITLE, "bold")
    cover.append("\n")
    cover.append_text(safe_text(plan.organization, "bold"))
    cover.append(f"\n{fiscal_year_line(plan.fiscal_year, digits)}\n{round_line(plan.fiscal_year, figures.round, digits)}")
    unit = prepared_by(plan.preparing_unit, plan.organization)
    for prefix, value in ((f"{PREPARED_BY} ", unit), (DISTRICT_PREFIX, plan.district),
                          (PROVINCE_PREFIX, plan.province)):
        if value:
            cover.append(f"\n{prefix}")
            cover.append_text(safe_text(value))
    parts = [
        part_heading(n, digits)
        + (f" {safe_line(plan.organization)} {fiscal_year_line(plan.fiscal_year, digits)}" if n > 1 else "")
        for n in (1, 2, 3)
    ]
    contents = Text("\n".join(f"- {p}" for p in parts))
    wording = results_wording(plan, figures, digits, safe_line)
    results = Text("\n").join([
        Text(wording.total), *(Text(f"- {line}") for line in wording.per_dimension), Text(""),
        Text(wording.round_heading), *(Text(f"- {line}") for line in wording.items),
    ])
    factors = [r for key in SUCCESS_FACTOR_KEYS for r in _narrative(texts, key)]
    return [
        cover,
        *_narrative(texts, "foreword"),
        _heading(CONTENTS_HEADING), contents,
        _heading(parts[0]),
        *_narrative(texts, "background"),
        *([_heading(SUCCESS_FACTORS_HEADING), *factors] if factors else []),
        _heading(f"{HEADINGS['results']} ({period_of_round(plan.fiscal_year, figures.round, digits)})"),
        results,
        _heading(DIMENSIONS_HEADING),
        _dimension_table(figures, digits),
        *(r for key in ("outcomes", "next_steps", "benefits", "problems", "suggestions") for r in _narrative(texts, key)),
        _heading(parts[1]),
        Text(round_line(plan.fiscal_year, figures.round, digits)),
        _summary_table(plan, figures, digits),
        *_basis_note(plan, figures, digits),
        _heading(parts[2]),
        Text(round_line(plan.fiscal_year, figures.round, digits)),
        _detail_table(plan, figures.round, digits),
    ]


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold")


def _narrative(texts: dict[str, str], key: str) -> list[RenderableType]:
    text = texts.get(key, "")
    return [_heading(HEADINGS[key]), safe_text(text)] if text.strip() else []


def _dimension_table(figures: Figures, digits: DigitStyle) -> Table:
    table = Table(box=box.SQUARE, header_style="bold", show_footer=True)
    table.add_column(DIMENSION_COLUMNS[0].heading, justify="center", no_wrap=True, footer="")
    table.add_column(DIMENSION_COLUMNS[1].heading, overflow="fold", ratio=1, footer=TOTAL_LABEL)
    table.add_column(DIMENSION_COLUMNS[2].heading, justify="right", footer=format_int(figures.total, digits))
    for status in Status:
        table.add_column(status.label, justify="right", footer=format_int(figures.per_status[status], digits))
    for dim in figures.dimensions:
        table.add_row(
            format_int(dim.number, digits), safe_text(dim.name), format_int(dim.total, digits),
            *(format_int(dim.per_status[s], digits) for s in Status),
        )
    return table


def _summary_table(plan: Plan, figures: Figures, digits: DigitStyle) -> Table:
    """Part 2's table: a tick per status, the budget columns and a row of totals.

    Status columns are headed by their short labels and every column can fold, so that the table
    fits the width whatever the names and remarks hold (the app's summary table is made for a screen).
    """
    statuses = status_columns(plan, figures.round)
    heading = {c.key: c.heading for c in SUMMARY_COLUMNS}
    table = Table(box=box.SQUARE, header_style="bold", show_footer=True)
    table.add_column(heading["number"], justify="right", footer="")
    table.add_column(heading["name"], overflow="fold", ratio=3, footer=TOTAL_LABEL)
    table.add_column(heading["dimension"], justify="center", footer="")
    for status in statuses:
        table.add_column(status.short_label, justify="center", footer=format_int(figures.per_status[status], digits))
    totals = {
        "budget": format_baht(figures.budget, digits), "no_budget": format_int(figures.no_budget_projects, digits),
        "disbursed": format_baht(figures.disbursed, digits), "remaining": format_baht(figures.remaining, digits),
    }
    for key, total in totals.items():
        table.add_column(SUMMARY_BUDGET_HEADINGS[key], justify="center" if key == "no_budget" else "right",
                         overflow="fold", footer=total)
    table.add_column(heading["remarks"], overflow="fold", ratio=1, footer="")
    for project in plan.in_report_order():
        result = project.result(figures.round)
        table.add_row(
            format_int(project.number, digits), safe_text(project.name), format_int(project.dimension, digits),
            *(TICK if result.status is s else "" for s in statuses),
            *summary_budget_cells(project, figures.round, plan.organization, digits),
            Text(remark_text(project, figures.round, safe_block)),
        )
    return table


def _basis_note(plan: Plan, figures: Figures, digits: DigitStyle) -> list[RenderableType]:
    """Under part 2's table, where an appropriated amount is known: which amount คงเหลือ is reckoned from."""
    note = part2_note(plan, figures, digits)
    return [] if note is None else [Text(note)]


def _detail_table(plan: Plan, round_: Round, digits: DigitStyle) -> Table:
    """Part 3: every field of each project and its result in the round, a block of rows per project.

    Part 3's nine columns would leave each about ten cells at an e-mail's width, folding Thai words
    every few syllables; one column of headings and one of values reads at any width.
    """
    table = Table(box=box.SQUARE, show_header=False)
    table.add_column("", no_wrap=True, style="bold")
    table.add_column("", overflow="fold", ratio=1)
    for project in plan.in_report_order():
        result = project.result(round_)
        cells: dict[str, RenderableType] = {
            "number": format_int(project.number, digits),
            "name": safe_text(project.name),
            "method": safe_text(project.method),
            "indicator": safe_text(project.indicator),
            "budget": budget_text(project, plan.organization, digits),
            "period": safe_text(project.period),
            "result": _result(project, round_),
            "disbursed": disbursed_text(basis_of(project), result.disbursed, digits, NO_BUDGET_TEXT),
            "unit": safe_text(project.unit),
        }
        for column in DETAIL_COLUMNS:
            table.add_row(column.heading, cells[column.key])
        table.add_section()
    return table


def _result(project: Project, round_: Round) -> Text:
    result = project.result(round_)
    text = safe_text(result.result_text)
    if result.status is Status.NOT_DONE and (result.reason is not None or result.reason_text):
        if result.result_text:
            text.append("\n")
        text.append(f"{REASON_LABEL}:", style="bold")
        if result.reason is not None:
            text.append(f" {result.reason.label}")
        if result.reason_text:
            text.append(REASON_SEPARATOR)
            text.append_text(safe_text(result.reason_text))
    return text


