"""The report's sentences about the results of the period, written from the computed figures.

Shared by the Markdown and the plain-text export. User text in them (dimension names, the level's
words) goes through ``show``: the Markdown export escapes it, the plain-text one makes control
characters visible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.columns import APPROPRIATED_PREFIXES, TICK, ordinance_word
from tracker.domain.figures import Figures, remaining_of
from tracker.domain.layout import NOT_STATED, REASON_SEPARATOR, fiscal_year_line
from tracker.domain.model import Plan, Project, Round, RoundResult, Status
from tracker.domain.thai import (
    NO_BUDGET_TEXT,
    DigitStyle,
    format_baht,
    format_int,
    format_percent,
    with_digits,
)


@dataclass(frozen=True, slots=True)
class ResultsWording:
    total: str
    """"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ประกอบด้วย จำนวน ๒๐ โครงการ"."""
    per_dimension: list[str]
    """"มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต ประกอบด้วย ๖ โครงการ", one per dimension."""
    round_heading: str
    """"ผลการดำเนินงานรอบ ๑๒ เดือน"."""
    items: list[str]
    """Counts per status, the budget disbursed, the level and score."""


def results_wording(plan: Plan, figures: Figures, digits: DigitStyle, show: Callable[[str], str]) -> ResultsWording:
    """The results of the period in the report's words (the seed's part 1), every number computed."""

    def n(value: int) -> str:
        return format_int(value, digits)

    statuses = [Status.IN_PROGRESS, Status.COMPLETED, Status.NOT_DONE]
    if figures.per_status[Status.NOT_REPORTED]:
        statuses.append(Status.NOT_REPORTED)
    basis = remaining_basis_note(figures, digits, plan)
    return ResultsWording(
        total=f"แผนปฏิบัติการป้องกันการทุจริต {fiscal_year_line(plan.fiscal_year, digits)}"
        f" ประกอบด้วย จำนวน {n(figures.total)} โครงการ",
        per_dimension=[
            f"มิติที่ {n(d.number)} {show(d.name)} ประกอบด้วย {n(d.total)} โครงการ" for d in figures.dimensions
        ],
        round_heading=f"ผลการดำเนินงาน{with_digits(figures.round.label, digits)}",
        items=[
            *(f"{s.label} {n(figures.per_status[s])} โครงการ" for s in statuses),
            f"เบิกจ่ายงบประมาณ {format_baht(figures.disbursed, digits)} บาท"
            f" จากงบประมาณ {format_baht(figures.budget, digits)} บาท"
            f" คงเหลือ {format_baht(figures.remaining, digits)} บาท"
            f" ({n(figures.budgeted_projects)} โครงการใช้งบประมาณ, {n(figures.no_budget_projects)} โครงการ{NO_BUDGET_TEXT})",
            *([] if basis is None else [basis]),  # a sentence of its own, not glued to the amounts
            f"มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ {show(figures.level)}"
            f" ร้อยละ {format_percent(figures.score, digits)} (ธง{figures.flag.label})",
        ],
    )


PLAN_BUDGET_WORDS = "งบประมาณตามแผนพัฒนาท้องถิ่น"
"""The plan's budget, named beside the ordinance's amount (the national form's วงเงินตามแผนพัฒนาท้องถิ่น)."""
ANY_ORDINANCE = "ข้อบัญญัติ/เทศบัญญัติ"
"""The ordinance's name where the organization is not known (as the national form writes it)."""


def remaining_basis_note(figures: Figures, digits: DigitStyle, plan: Plan | None = None) -> str | None:
    """Which amount the remaining budget is reckoned from, where an appropriated amount is known, as a
    sentence of its own: "คงเหลือคิดจากวงเงินตามข้อบัญญัติของโครงการลำดับที่ ๒, ๓ รวม ๑๔๕,๐๐๐.๐๐ บาท และจาก
    งบประมาณตามแผนพัฒนาท้องถิ่นของโครงการลำดับที่ ๑๕ รวม ๓๐,๐๐๐.๐๐ บาท" (each group's projects by number, runs
    of three or more as "๑-๕", and what the group's amounts add up to). None when every remaining amount is
    the plan's budget less what was disbursed (then the report says nothing new).

    Without ``plan`` the ordinance is named "ข้อบัญญัติ/เทศบัญญัติ" and its projects are counted, not named.
    """
    if not figures.appropriated_projects:
        return None

    def n(value: int) -> str:
        return format_int(value, digits)

    total = f"รวม {format_baht(figures.appropriated, digits)} บาท"
    if plan is None:
        return (
            f"คงเหลือคิดจากวงเงินตาม{ANY_ORDINANCE}ของ {n(figures.appropriated_projects)} โครงการ {total}"
            f" และจาก{PLAN_BUDGET_WORDS}ของโครงการอื่น"
        )
    projects = plan.in_report_order()
    from_ordinance = [p.number for p in projects if p.appropriated is not None]
    note = (
        f"คงเหลือคิดจากวงเงินตาม{ordinance_word(plan.organization)}ของโครงการลำดับที่"
        f" {number_list(from_ordinance, digits)} {total}"
    )
    from_plan = [p for p in projects if p.appropriated is None and p.budget is not None]
    if not from_plan:
        return note
    plan_total = sum((p.budget for p in from_plan if p.budget is not None), Decimal("0.00"))
    return (
        f"{note} และจาก{PLAN_BUDGET_WORDS}ของโครงการลำดับที่ {number_list([p.number for p in from_plan], digits)}"
        f" รวม {format_baht(plan_total, digits)} บาท"
    )


def number_list(numbers: list[int], digits: DigitStyle) -> str:
    """Order numbers as a reader takes them in: "๒, ๓, ๗" with a run of three or more as "๑๐-๑๕"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{format_int(run[0], digits)}-{format_int(run[-1], digits)}")
        else:
            parts.extend(format_int(number, digits) for number in run)
    return ", ".join(parts)


def part2_note(plan: Plan, figures: Figures, digits: DigitStyle) -> str | None:
    """The line under part 2's table where an appropriated amount is known: "หมายเหตุ คงเหลือคิดจาก..."
    (:func:`remaining_basis_note`); None otherwise."""
    note = remaining_basis_note(figures, digits, plan)
    return None if note is None else f"{NOTE_LABEL} {note}"


NOTE_LABEL = "หมายเหตุ"


def appropriated_note(project: Project, organization: str, digits: DigitStyle) -> str | None:
    """"ตามข้อบัญญัติ ๔๙,๐๐๐.๐๐" (a municipality's: "ตามเทศบัญญัติ ..."), to show below the plan's budget
    where the amount appropriated in the budget ordinance is known and differs from it; else None.

    A project that needs no budget and was appropriated nothing shows nothing more.
    """
    appropriated = project.appropriated
    if appropriated is None or appropriated == (project.budget or 0):
        return None
    prefix = APPROPRIATED_PREFIXES[ordinance_word(organization) == "เทศบัญญัติ"]
    return f"{prefix} {format_baht(appropriated, digits)}"


def budget_text(project: Project, organization: str, digits: DigitStyle, line_break: str = "\n") -> str:
    """Part 3's "งบประมาณ": the plan's budget (or ไม่ใช้งบประมาณ), then on a line of its own (after
    ``line_break``) the amount appropriated in the ordinance where it is known and differs
    (:func:`appropriated_note`)."""
    budget = NO_BUDGET_TEXT if project.budget is None else format_baht(project.budget, digits)
    note = appropriated_note(project, organization, digits)
    return budget if note is None else f"{budget}{line_break}{note}"


PROJECT_REMARK_LABEL = "หมายเหตุโครงการ"
"""Before the project's own remark in part 2's หมายเหตุ, which the official column gives to the round's remark:
the round's is written plainly, the project's after this label (the Markdown export writes the same words,
and an importer tells the two apart by them)."""


def remark_text(project: Project, round_: Round, show: Callable[[str], str]) -> str:
    """Part 2's "หมายเหตุ", each remark through ``show``: the round's remark as it is written, then the label
    "หมายเหตุโครงการ:" on a line of its own and under it the project's own remark (each where it is written;
    the project's left out where it says what the round's does). The label alone on its line keeps it whole
    in the narrow column, and the remark under it wraps as it would alone."""
    own, of_round = project.remarks, project.result(round_).remark
    lines = [show(of_round)] if of_round.strip() else []
    if own.strip() and own.strip() != of_round.strip():
        lines.append(f"{PROJECT_REMARK_LABEL}:\n{show(own)}")
    return "\n".join(lines)


def reason_words(result: RoundResult, show: Callable[[str], str]) -> str | None:
    """What follows "เหตุผล:" in part 3 for a project that could not be done (" บุคลากรไม่เพียงพอ — <the
    office's words>", user text through ``show``); None where there is no reason to give."""
    if result.status is not Status.NOT_DONE or (result.reason is None and not result.reason_text):
        return None
    words = "" if result.reason is None else f" {result.reason.label}"
    return words + (REASON_SEPARATOR + show(result.reason_text) if result.reason_text else "")


def disbursed_text(budget: Decimal | None, disbursed: Decimal | None, digits: DigitStyle, nothing: str) -> str:
    """Part 3's "การใช้จ่ายงบประมาณ": an amount, ``nothing`` for a project that needs no budget and spent
    nothing (never "0.00"), "-" for a budgeted project with nothing recorded yet."""
    if budget is None and not disbursed:
        return nothing
    return NOT_STATED if disbursed is None else format_baht(disbursed, digits)


def summary_amounts(
    budget: Decimal | None, disbursed: Decimal | None, digits: DigitStyle, appropriated: Decimal | None = None,
) -> list[str]:
    """Part 2's budget cells (งบประมาณ, ไม่ใช้งบประมาณ, เบิกจ่าย, คงเหลือ): a project that needs no budget is
    ticked as such with "-" for its amounts, never "0.00".

    What remains is reckoned from ``appropriated`` (the budget ordinance's amount) where it is known, as
    :func:`tracker.domain.figures.project_remaining` does, so the rows add up to the total's คงเหลือ.
    """
    basis = budget if appropriated is None else appropriated
    left = remaining_of(basis, disbursed)
    remaining = NOT_STATED if left is None else format_baht(left, digits)
    if budget is None:
        return [NOT_STATED, TICK, disbursed_text(basis, disbursed, digits, NOT_STATED), remaining]
    spent = NOT_STATED if disbursed is None else format_baht(disbursed, digits)
    return [format_baht(budget, digits), "", spent, remaining]


def summary_budget_cells(
    project: Project, round_: Round, organization: str, digits: DigitStyle, line_break: str = "\n",
) -> list[str]:
    """Part 2's budget cells of ``project`` (:func:`summary_amounts`), the งบประมาณ cell with the ordinance's
    amount on a line of its own after ``line_break`` where it is known and differs from the plan's budget
    (:func:`appropriated_note`, as part 3 shows it): the row's คงเหลือ is reckoned from that amount, so the
    row shows what it is reckoned from."""
    cells = summary_amounts(project.budget, project.result(round_).disbursed, digits, project.appropriated)
    note = appropriated_note(project, organization, digits)
    if note is not None:
        cells[0] = f"{cells[0]}{line_break}{note}"
    return cells
