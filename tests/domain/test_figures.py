"""Derived figures: counts, budget totals, score, flag and level, never typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.figures import Flag, compute, flag_for, remaining_of, score_of
from tracker.domain.model import (
    LevelBand,
    Plan,
    PlanSettings,
    Project,
    Round,
    RoundResult,
    Status,
    plan_from_dict,
    plan_to_dict,
)


def plan_with(statuses: list[Status], budgets: list[Decimal | None] | None = None) -> Plan:
    budgets = budgets or [None] * len(statuses)
    return Plan(
        plan_id="t-2568", organization="อบต.ทดสอบ", fiscal_year=2568,
        projects=[
            Project(i + 1, f"โครงการ {i + 1}", dimension=i % 4 + 1, budget=b,
                    results={Round.TWELVE: RoundResult(s, disbursed=Decimal("100") if b else None)})
            for i, (s, b) in enumerate(zip(statuses, budgets, strict=True))
        ],
    )


def test_score_counts_in_progress_as_half() -> None:
    assert score_of([Status.COMPLETED] * 17 + [Status.NOT_DONE] * 3) == Decimal("85.00")
    assert score_of([Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_REPORTED]) == Decimal("50.00")
    assert score_of([Status.IN_PROGRESS] * 2 + [Status.COMPLETED]) == Decimal("66.67")
    assert score_of([]) == Decimal("0.00")


@pytest.mark.parametrize(
    ("score", "round_", "flag"),
    [
        ("80", Round.TWELVE, Flag.GREEN), ("79.99", Round.TWELVE, Flag.ORANGE),
        ("50", Round.TWELVE, Flag.ORANGE), ("49.99", Round.TWELVE, Flag.RED),
        ("50", Round.SIX, Flag.GREEN), ("49.99", Round.SIX, Flag.ORANGE),
        ("20", Round.SIX, Flag.ORANGE), ("19.99", Round.SIX, Flag.RED),
    ],
)
def test_flags_per_round(score: str, round_: Round, flag: Flag) -> None:
    assert flag_for(Decimal(score), round_) is flag


@pytest.mark.parametrize(
    ("score", "level"),
    [("100", "มากที่สุด"), ("90", "มากที่สุด"), ("89.99", "มาก"), ("85", "มาก"), ("70", "มาก"),
     ("69.99", "ปานกลาง"), ("50", "ปานกลาง"), ("30", "น้อย"), ("0", "น้อยที่สุด")],
)
def test_default_level_bands(score: str, level: str) -> None:
    assert PlanSettings().level_for(Decimal(score)) == level


def test_level_bands_are_a_setting() -> None:
    settings = PlanSettings(level_bands=[LevelBand(Decimal(80), "ดี"), LevelBand(Decimal(0), "ปรับปรุง")])
    assert settings.level_for(Decimal(85)) == "ดี"
    assert settings.level_for(Decimal(79)) == "ปรับปรุง"


def test_projects_needing_no_budget_are_counted_apart() -> None:
    plan = plan_with([Status.COMPLETED] * 3, [Decimal("1000"), None, Decimal("0")])
    figures = compute(plan)
    assert figures.budgeted_projects == 2  # a budget of 0.00 is a budget
    assert figures.no_budget_projects == 1
    assert figures.budget == Decimal("1000.00")
    assert figures.disbursed == Decimal("100.00")
    assert figures.remaining == Decimal("900.00")
    assert remaining_of(None, None) is None
    assert remaining_of(Decimal("1000"), None) == Decimal("1000.00")


def test_counts_per_status_and_dimension_follow_the_round() -> None:
    plan = plan_with([Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_DONE, Status.COMPLETED, Status.COMPLETED])
    twelve = compute(plan, Round.TWELVE)
    assert twelve.per_status[Status.COMPLETED] == 3
    assert [d.total for d in twelve.dimensions] == [2, 1, 1, 1]
    assert twelve.dimensions[0].completed == 2
    six = compute(plan, Round.SIX)  # nothing reported for the 6-month round
    assert six.per_status[Status.NOT_REPORTED] == 5
    assert six.score == Decimal("0.00") and six.flag is Flag.RED


def test_plan_round_trips_through_plain_data() -> None:
    plan = plan_with([Status.COMPLETED, Status.NOT_DONE], [None, Decimal("0.00")])
    plan.projects[0].name = "ชื่อ [bold]x[/] | y\nz"
    again = plan_from_dict(plan_to_dict(plan))
    assert again == plan
    assert again.projects[0].budget is None
    assert again.projects[1].budget == Decimal("0.00")


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_stored_amounts_must_be_finite(bad: str) -> None:
    data = plan_to_dict(plan_with([Status.COMPLETED], [Decimal("1")]))
    data["projects"][0]["budget"] = bad
    with pytest.raises(ValueError, match="finite"):
        plan_from_dict(data)
