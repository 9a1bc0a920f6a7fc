"""The report's sentences about the results of the period, written from the computed figures.

Shared by the Markdown and the plain-text export. User text in them (dimension names, the level's
words) goes through ``show``: the Markdown export escapes it, the plain-text one makes control
characters visible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.columns import TICK
from tracker.domain.figures import Figures, remaining_of
from tracker.domain.layout import NOT_STATED, REASON_SEPARATOR, fiscal_year_line
from tracker.domain.model import Plan, RoundResult, Status
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
            f"มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ {show(figures.level)}"
            f" ร้อยละ {format_percent(figures.score, digits)} (ธง{figures.flag.label})",
        ],
    )


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


def summary_amounts(budget: Decimal | None, disbursed: Decimal | None, digits: DigitStyle) -> list[str]:
    """Part 2's budget cells (งบประมาณ, ไม่ใช้งบประมาณ, เบิกจ่าย, คงเหลือ): a project that needs no budget is
    ticked as such with "-" for its amounts, never "0.00"."""
    if budget is None:
        return [NOT_STATED, TICK, disbursed_text(None, disbursed, digits, NOT_STATED), NOT_STATED]
    spent = NOT_STATED if disbursed is None else format_baht(disbursed, digits)
    remaining = remaining_of(budget, disbursed)
    assert remaining is not None
    return [format_baht(budget, digits), "", spent, format_baht(remaining, digits)]
