"""Figures derived from a plan for one round: counts, budget totals, score, flag and level.

Computed every time, never typed and never stored, so they cannot drift from the projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from tracker.domain.model import Plan, Project, Round, Status
from tracker.domain.thai import CENT


class Flag(StrEnum):
    """The colour the national system gives a score."""

    GREEN = "green"
    ORANGE = "orange"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "เขียว", "orange": "ส้ม", "red": "แดง"}[self.value]


# (green from, orange from) per round, as e-PlanNACC flags "การนำแผนไปปฏิบัติ".
FLAG_THRESHOLDS: dict[Round, tuple[Decimal, Decimal]] = {
    Round.TWELVE: (Decimal(80), Decimal(50)),
    Round.SIX: (Decimal(50), Decimal(20)),
}


def flag_for(score: Decimal, round_: Round) -> Flag:
    """Green, orange or red for a score in a round."""
    green_from, orange_from = FLAG_THRESHOLDS[round_]
    if score >= green_from:
        return Flag.GREEN
    if score >= orange_from:
        return Flag.ORANGE
    return Flag.RED


def score_of(statuses: list[Status]) -> Decimal:
    """(completed × 1 + in progress × 0.5) / all × 100, two decimals; 0.00 for an empty plan."""
    if not statuses:
        return Decimal("0.00")
    points = sum((s.weight for s in statuses), Decimal(0))
    return (points * 100 / len(statuses)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class DimensionFigures:
    number: int
    name: str
    total: int
    per_status: dict[Status, int]

    @property
    def completed(self) -> int:
        return self.per_status[Status.COMPLETED]


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything a summary shows about a plan in one round."""

    round: Round
    total: int
    per_status: dict[Status, int]
    dimensions: list[DimensionFigures]
    budget: Decimal
    """Sum of the budgets of projects that need one."""
    budgeted_projects: int
    no_budget_projects: int
    disbursed: Decimal
    remaining: Decimal
    """What is left: each project's :func:`basis_of` less what it disbursed."""
    appropriated: Decimal
    """Sum of the amounts appropriated in the budget ordinance, where known."""
    appropriated_projects: int
    """How many projects' remaining budget is reckoned from the ordinance's amount (the others' from
    the plan's budget): a report says which."""
    entered: int
    """How many projects' results in the round are marked entered in the national system (e-PlanNACC)."""
    score: Decimal
    flag: Flag
    level: str


def compute(plan: Plan, round_: Round | None = None) -> Figures:
    """The figures of ``plan`` for ``round_`` (the plan's current round by default)."""
    round_ = plan.round if round_ is None else round_
    results = [p.result(round_) for p in plan.projects]
    statuses = [r.status for r in results]
    per_status = {s: 0 for s in Status}
    for status in statuses:
        per_status[status] += 1

    dimensions = []
    for dim in plan.dimensions:
        counts = {s: 0 for s in Status}
        members = plan.projects_in(dim.number)
        for project in members:
            counts[project.result(round_).status] += 1
        dimensions.append(DimensionFigures(dim.number, dim.name, len(members), counts))

    budgeted = [p for p in plan.projects if p.budget is not None]
    budget = sum((p.budget for p in budgeted if p.budget is not None), Decimal("0.00"))
    disbursed = sum((d for r in results if (d := r.disbursed) is not None), Decimal("0.00"))
    known = [p.appropriated for p in plan.projects if p.appropriated is not None]
    basis = sum((b for p in plan.projects if (b := basis_of(p)) is not None), Decimal("0.00"))
    score = score_of(statuses)
    return Figures(
        round=round_,
        total=len(plan.projects),
        per_status=per_status,
        dimensions=dimensions,
        budget=budget.quantize(CENT),
        budgeted_projects=len(budgeted),
        no_budget_projects=len(plan.projects) - len(budgeted),
        disbursed=disbursed.quantize(CENT),
        remaining=(basis - disbursed).quantize(CENT),
        appropriated=sum(known, Decimal("0.00")).quantize(CENT),
        appropriated_projects=len(known),
        entered=sum(r.entered for r in results),
        score=score,
        flag=flag_for(score, round_),
        level=plan.settings.level_for(score),
    )


def remaining_of(budget: Decimal | None, disbursed: Decimal | None) -> Decimal | None:
    """What is left of ``budget`` after ``disbursed``; None for a project that needs no budget."""
    if budget is None:
        return None
    return (budget - (disbursed or Decimal(0))).quantize(CENT)


def basis_of(project: Project) -> Decimal | None:
    """The amount a project's remaining budget is reckoned from: the amount appropriated in the budget
    ordinance where it is known (what may actually be spent), else the plan's budget."""
    return project.budget if project.appropriated is None else project.appropriated


def project_remaining(project: Project, round_: Round) -> Decimal | None:
    """A project's remaining budget in a round, from :func:`basis_of`; None when it needs no budget."""
    if project.budget is None and project.appropriated is None:
        return None
    return remaining_of(basis_of(project), project.result(round_).disbursed)
