"""The report as Markdown (GitHub-flavoured), section by section like the published report.

Cover, foreword, contents; part 1 with its narrative and the results of the period written from the
computed figures (never from the stored "results" text, which may hold stale typed numbers), a chart
of status per dimension (Mermaid pies, with the same figures in a table); part 2's summary table;
part 3's detail table.

Of the fields the official report does not print, the hidden first line carries what a project has
beyond the defaults (:func:`_hidden_fields`): whether it is included in the budget ordinance or the
operational plan, the round's "entered in e-PlanNACC" mark, and the appropriated amount where part 3
does not show it (it shows it only where it differs from the plan's budget). A plan without them writes
no more than before. Part 2's หมายเหตุ holds the round's remark, then the project's own after the
exporter's bold label (:data:`PROJECT_REMARK_LABEL`); its งบประมาณ, like part 3's, the ordinance's amount
where it differs from the plan's budget.

User text goes through :mod:`tracker.domain.markdown`, so that it renders as typed and the importer
(:mod:`tracker.importer.markdown_report`) reads it back: export, import and export again give the
same file.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.columns import (
    DETAIL_COLUMNS,
    DIMENSION_COLUMNS,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_COLUMNS,
    SUMMARY_STATUS_HEADINGS,
    TICK,
)
from tracker.domain.figures import Figures, basis_of, compute
from tracker.domain.history import Change
from tracker.domain.layout import (
    CONTENTS_HEADING,
    DIMENSIONS_HEADING,
    DISTRICT_PREFIX,
    NOT_STATED,
    PREPARED_BY,
    PROVINCE_PREFIX,
    REASON_LABEL,
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
from tracker.domain.markdown import (
    LINE_BREAK,
    escape_cell,
    escape_inline,
    escape_line,
    escape_paragraphs,
    meta_line,
    table_row,
)
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, Project, Round, Status
from tracker.domain.text import visible
from tracker.domain.thai import NO_BUDGET_TEXT, DigitStyle, format_baht, format_int, with_digits
from tracker.reports.history_report import history_markdown
from tracker.reports.summary import status_columns
from tracker.reports.wording import (
    PROJECT_REMARK_LABEL,
    appropriated_note,
    budget_text,
    disbursed_text,
    part2_note,
    reason_words,
    results_wording,
    summary_budget_cells,
)

HEADINGS = {s.key: s.heading for s in NARRATIVE_SECTIONS}
HIDDEN_PROJECTS_KEY = "projects"
"""The hidden line's key of what it carries per project, by order number (:func:`_hidden_fields`)."""


def markdown_report(
    plan: Plan, round_: Round | None = None, digits: DigitStyle | None = None, *, history: list[Change] | None = None
) -> str:
    """The whole report of ``plan`` for ``round_`` as Markdown (the plan's round and digit style by default).

    With ``history``, the changes follow part 3 as an appendix (:func:`history_markdown`).
    """
    round_ = plan.round if round_ is None else round_
    digits = plan.settings.digit_style if digits is None else digits
    figures = compute(plan, round_)
    texts = plan.narrative_for(round_)
    meta: dict[str, object] = {
        "plan_id": plan.plan_id,
        "round": int(round_),
        "digits": digits.value,
        "level_bands": [{"minimum": str(b.minimum), "label": b.label} for b in plan.settings.level_bands],
    }
    hidden = {
        str(p.number): fields for p in plan.in_report_order() if (fields := _hidden_fields(plan, p, round_))
    }
    if hidden:
        meta[HIDDEN_PROJECTS_KEY] = hidden
    blocks = [
        _escaped_controls(meta_line(meta)),
        *_cover(plan, texts, round_, digits),
        *_narrative(texts, "foreword", "##"),
        f"## {CONTENTS_HEADING}",
        "\n".join(f"- {escape_line(part_heading(n, digits))}{_part_suffix(plan, n, digits)}" for n in (1, 2, 3)),
        *_part1(plan, texts, figures, digits),
        *_part2(plan, figures, digits),
        *_part3(plan, round_, digits),
        *([] if history is None else [history_markdown(history, digits).rstrip("\n")]),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _hidden_fields(plan: Plan, project: Project, round_: Round) -> dict[str, object]:
    """What the export carries of ``project`` that the visible report does not show: "included" (true or
    false) where known, "entered" where the round's result is marked entered, and "appropriated" (the
    stored "50000.00") where it is known and part 3 does not show it (the plan's budget, or nothing for a
    project that needs none: :func:`tracker.reports.wording.appropriated_note`)."""
    fields: dict[str, object] = {}
    appropriated = project.appropriated
    if appropriated is not None and appropriated_note(project, plan.organization, DigitStyle.ARABIC) is None:
        fields["appropriated"] = f"{appropriated:.2f}"
    if project.included is not None:
        fields["included"] = project.included
    if project.result(round_).entered:
        fields["entered"] = True
    return fields


def _escaped_controls(line: str) -> str:
    """The hidden first line with DEL, C1 and bidi controls (and the Unicode line separators) as JSON escapes.

    JSON escapes only C0 controls by itself; a label holding "\\x9b" (a one-byte CSI) would otherwise be in the
    file as it is, for a terminal showing the file to act on. Outside its strings the line is ASCII, and
    inside them an escape reads back as the same character.
    """
    return "".join(f"\\u{ord(c):04x}" if visible(c) != c or c in "\u2028\u2029" else c for c in line)


def _part_suffix(plan: Plan, number: int, digits: DigitStyle) -> str:
    """What follows a part's heading: the organization and fiscal year (parts 2 and 3)."""
    if number == 1:
        return ""
    # One line: a line break shows as its picture, a Windows one as one break (as everywhere else, and as
    # the importer reads it back), so that export, import and export again give the same file.
    organization = plan.organization.replace("\r\n", "\n")
    return f" {escape_inline(organization)} {fiscal_year_line(plan.fiscal_year, digits)}"


def _cover(plan: Plan, texts: dict[str, str], round_: Round, digits: DigitStyle) -> list[str]:
    title = texts.get("title", "")
    lines = [
        f"**{escape_cell(plan.organization)}**",
        fiscal_year_line(plan.fiscal_year, digits),
        round_line(plan.fiscal_year, round_, digits),
    ]
    unit = prepared_by(plan.preparing_unit, plan.organization)
    made_by = [f"{PREPARED_BY} {escape_cell(unit)}"] if unit else []
    if plan.district:
        made_by.append(DISTRICT_PREFIX + escape_cell(plan.district))
    if plan.province:
        made_by.append(PROVINCE_PREFIX + escape_cell(plan.province))
    return [
        f"# {escape_cell(title if title.strip() else STANDARD_TITLE)}",
        f"{LINE_BREAK}\n".join(lines),
        *([f"{LINE_BREAK}\n".join(made_by)] if made_by else []),
    ]


def _narrative(texts: dict[str, str], key: str, level: str) -> list[str]:
    """A narrative section under its heading, or nothing where the round's narrative has no text for it."""
    text = texts.get(key, "")
    if not text.strip():
        return []
    return [f"{level} {HEADINGS[key]}", "\n".join(escape_paragraphs(text))]


def _part1(plan: Plan, texts: dict[str, str], figures: Figures, digits: DigitStyle) -> list[str]:
    blocks = [f"## {part_heading(1, digits)}", *_narrative(texts, "background", "###")]
    factors = [block for key in SUCCESS_FACTOR_KEYS for block in _narrative(texts, key, "####")]
    if factors:
        blocks += [f"### {SUCCESS_FACTORS_HEADING}", *factors]
    blocks += _results(plan, figures, digits)
    for key in ("outcomes", "next_steps", "benefits", "problems", "suggestions"):
        blocks += _narrative(texts, key, "###")
    return blocks


def _results(plan: Plan, figures: Figures, digits: DigitStyle) -> list[str]:
    """The results of the period, in the report's words, from the computed figures."""
    wording = results_wording(plan, figures, digits, escape_cell)
    return [
        f"### {HEADINGS['results']} ({period_of_round(plan.fiscal_year, figures.round, digits)})",
        wording.total,
        "\n".join(f"- {line}" for line in wording.per_dimension),
        wording.round_heading,
        "\n".join(f"- {line}" for line in wording.items),
        f"#### {DIMENSIONS_HEADING}",
        *_charts(figures, digits),
        _dimension_table(figures, digits),
    ]


def _charts(figures: Figures, digits: DigitStyle) -> list[str]:
    """A Mermaid pie of statuses per dimension (GitHub draws them); no user text enters the chart."""
    charts = []
    for dim in figures.dimensions:
        if not dim.total:
            continue
        slices = "\n".join(f'    "{s.label}" : {count}' for s, count in dim.per_status.items() if count)
        charts.append(f"```mermaid\npie showData title มิติที่ {with_digits(str(dim.number), digits)}\n{slices}\n```")
    return charts


def _dimension_table(figures: Figures, digits: DigitStyle) -> str:
    header = [c.heading for c in DIMENSION_COLUMNS] + [s.label for s in Status]
    rows = [
        table_row(header),
        table_row([":---:", "---", *(["---:"] * (len(header) - 2))]),
        *(
            table_row([
                format_int(d.number, digits), escape_cell(d.name), format_int(d.total, digits),
                *(format_int(d.per_status[s], digits) for s in Status),
            ])
            for d in figures.dimensions
        ),
        table_row([
            "", f"**{TOTAL_LABEL}**", f"**{format_int(figures.total, digits)}**",
            *(f"**{format_int(figures.per_status[s], digits)}**" for s in Status),
        ]),
    ]
    return "\n".join(rows)


def _part2(plan: Plan, figures: Figures, digits: DigitStyle) -> list[str]:
    statuses = status_columns(plan, figures.round)
    heading = {c.key: c.heading for c in SUMMARY_COLUMNS}
    budget_keys = ("budget", "no_budget", "disbursed", "remaining")
    header = [
        heading["number"], heading["name"], heading["dimension"],
        *(SUMMARY_STATUS_HEADINGS[s] for s in statuses),
        *(SUMMARY_BUDGET_HEADINGS[k] for k in budget_keys),
        heading["remarks"],
    ]
    align = ["---:", "---", ":---:", *([":---:"] * len(statuses)), "---:", ":---:", "---:", "---:", "---"]
    rows = [table_row(header), table_row(align)]
    for project in plan.in_report_order():
        result = project.result(figures.round)
        amounts = summary_budget_cells(project, figures.round, plan.organization, digits, LINE_BREAK)
        rows.append(table_row([
            format_int(project.number, digits), escape_cell(project.name), format_int(project.dimension, digits),
            *(TICK if result.status is s else "" for s in statuses), *amounts, _remarks_cell(project, result.remark),
        ]))

    def bold(text: str) -> str:
        return f"**{text}**"

    rows.append(table_row([
        "", bold(TOTAL_LABEL), "",
        *(bold(format_int(figures.per_status[s], digits)) for s in statuses),
        bold(format_baht(figures.budget, digits)), bold(format_int(figures.no_budget_projects, digits)),
        bold(format_baht(figures.disbursed, digits)), bold(format_baht(figures.remaining, digits)), "",
    ]))
    note = part2_note(plan, figures, digits)  # which amount คงเหลือ is reckoned from, where it is not the budget
    return [
        f"## {part_heading(2, digits)}{_part_suffix(plan, 2, digits)}",
        f"**{round_line(plan.fiscal_year, figures.round, digits)}**",
        "\n".join(rows),
        *([] if note is None else [escape_line(note)]),
    ]


def _remarks_cell(project: Project, round_remark: str) -> str:
    """Part 2's หมายเหตุ: the round's remark as it is written (the official column's), then the project's own
    after its label in bold (each one only if any). Unlike the other reports, a project's remark that says
    what the round's says is written too: the importer puts each back."""
    of_round = escape_cell(round_remark)
    if not project.remarks:
        return of_round
    labelled = f"**{PROJECT_REMARK_LABEL}:** {escape_cell(project.remarks)}"
    return f"{of_round}{LINE_BREAK}{labelled}" if round_remark else labelled


def _part3(plan: Plan, round_: Round, digits: DigitStyle) -> list[str]:
    rows = [
        table_row([c.heading for c in DETAIL_COLUMNS]),
        table_row(["---:", "---", "---", "---", "---:", "---", "---", "---:", "---"]),
    ]
    for project in plan.in_report_order():
        result = project.result(round_)
        cells = {
            "number": format_int(project.number, digits),
            "name": escape_cell(project.name),
            "method": escape_cell(project.method),
            "indicator": escape_cell(project.indicator),
            "budget": budget_text(project, plan.organization, digits, LINE_BREAK),
            "period": escape_cell(project.period),
            "result": _result_cell(project, round_),
            # Spent from the ordinance's amount where a project without a plan budget has one, as part 2 says.
            "disbursed": disbursed_text(basis_of(project), result.disbursed, digits, NO_BUDGET_TEXT),
            "unit": escape_cell(project.unit),
        }
        rows.append(table_row([cells[c.key] for c in DETAIL_COLUMNS]))
    return [
        f"## {part_heading(3, digits)}{_part_suffix(plan, 3, digits)}",
        f"**{round_line(plan.fiscal_year, round_, digits)}**",
        "\n".join(rows),
    ]


def _result_cell(project: Project, round_: Round) -> str:
    """The result text, then (for a project that could not be done) the reason, marked as the exporter's own."""
    result = project.result(round_)
    cell = escape_cell(result.result_text)
    words = reason_words(result, escape_cell)
    if words is None:
        return cell
    reason = f"**{REASON_LABEL}:**{words}"
    return f"{cell}{LINE_BREAK}{reason}" if cell else reason




def _amount(value: Decimal | None, digits: DigitStyle) -> str:
    return NOT_STATED if value is None else format_baht(value, digits)
