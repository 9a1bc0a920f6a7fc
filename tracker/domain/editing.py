"""Editing a plan: checking what a person typed, applying it, and the structural operations.

The terminal UI gathers the text of its fields into a :class:`ProjectInput` or :class:`PlanInput`
(their fields are those of the catalogue, :mod:`tracker.domain.fields`), asks :func:`check_project` /
:func:`check_plan` what is wrong (errors block saving, warnings do not) and gets the typed text parsed
with it (:attr:`Checked.values`), and applies a clean input with :func:`apply_project` /
:func:`apply_plan`, which take those values instead of parsing again. Adding, deleting,
duplicating and moving projects keep the order numbers running 1..N in dimension order, as plans
number them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tracker.domain.fields import MAX_FISCAL_YEAR as MAX_FISCAL_YEAR
from tracker.domain.fields import MIN_FISCAL_YEAR as MIN_FISCAL_YEAR
from tracker.domain.fields import PROJECT_FIELDS, FieldKind
from tracker.domain.fields import parse_fiscal_year as parse_fiscal_year
from tracker.domain.fields import parse_level_bands as parse_level_bands
from tracker.domain.model import (
    NARRATIVE_KEYS,
    LevelBand,
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    Signatory,
    SignRole,
    StatedFigures,
    Status,
    make_plan_id,
    new_uid,
)
from tracker.domain.project_rules import (
    appropriated_without_budget,
    lacks_reason,
    lacks_result,
    other_reason_unsaid,
    overspent,
    spent_without_budget,
)
from tracker.domain.thai import (
    AmountError,
    DigitStyle,
    Period,
    fiscal_year_period,
    format_baht,
    parse_baht,
    parse_period,
    to_arabic_digits,
    with_digits,
)


@dataclass(slots=True)
class Checked:
    """What is wrong with an input: errors (never saved) and warnings (saved, but shown), by field;
    and the values its typed text was read as, by field (those read without an error)."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    """Parsed values of the fields typed as text that have a parser: a project's ``budget``,
    ``appropriated`` and ``disbursed`` (Decimal, None when empty or not needed), the plan's
    ``fiscal_year`` (int) and ``level_bands`` (list of LevelBand). :func:`apply_project` /
    :func:`apply_plan` store these."""

    @property
    def ok(self) -> bool:
        return not self.errors


class InvalidInput(ValueError):
    """An input with errors was applied; the UI checks first, so this is a programming error."""


# --- projects ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class ProjectInput:
    """A project's form as typed: amounts are still text, exactly as the person wrote them.

    One attribute per editable field of :data:`~tracker.domain.fields.PROJECT_FIELDS`, in its order
    (a test holds the two together)."""

    name: str
    kind: ProjectKind
    dimension: int
    method: str = ""
    indicator: str = ""
    no_budget: bool = True
    budget: str = ""
    appropriated: str = ""
    included: bool | None = None
    period: str = ""
    unit: str = ""
    remarks: str = ""
    status: Status = Status.NOT_REPORTED
    result_text: str = ""
    disbursed: str = ""
    reason: ReasonKind | None = None
    reason_text: str = ""
    remark: str = ""

    @classmethod
    def from_project(cls, project: Project, round_: Round, digits: DigitStyle) -> ProjectInput:
        """The form of a stored project, amounts written in the plan's digit style."""
        result = project.result(round_)
        return cls(
            name=project.name,
            kind=project.kind,
            dimension=project.dimension,
            method=project.method,
            indicator=project.indicator,
            no_budget=project.budget is None,
            budget="" if project.budget is None else format_baht(project.budget, digits),
            appropriated="" if project.appropriated is None else format_baht(project.appropriated, digits),
            included=project.included,
            period=project.period,
            unit=project.unit,
            remarks=project.remarks,
            status=result.status,
            result_text=result.result_text,
            disbursed="" if result.disbursed is None else format_baht(result.disbursed, digits),
            reason=result.reason,
            reason_text=result.reason_text,
            remark=result.remark,
        )


AMOUNT_FIELDS: tuple[str, ...] = tuple(
    f.key for f in PROJECT_FIELDS if f.kind is FieldKind.AMOUNT and f.editable
)
"""The project's amounts typed as text ("budget", "appropriated", "disbursed")."""


def _amount(text: str, field_name: str, checked: Checked) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_baht(text)
    except AmountError as exc:
        checked.errors[field_name] = str(exc)
        return None


def check_project(inp: ProjectInput, plan: Plan) -> Checked:
    """Errors and warnings of a project form, by field name; ``values`` holds the amounts as read
    (``budget`` None when the project needs none, ``disbursed`` and ``appropriated`` None when empty).

    Warnings of money: disbursed on a project that needs no budget, more than the ordinance appropriated
    (where known) or than the budget; an amount appropriated for a project that needs no budget."""
    checked = Checked()
    if not inp.name.strip():
        checked.errors["name"] = "กรอกชื่อโครงการ (a name is required)"
    if inp.dimension not in {d.number for d in plan.dimensions}:
        checked.errors["dimension"] = "เลือกมิติของแผน (choose one of the plan's dimensions)"
    budget = None
    if not inp.no_budget:
        if not inp.budget.strip():
            checked.errors["budget"] = (
                "กรอกงบประมาณ หรือเลือก ไม่ใช้งบประมาณ (give an amount, or mark it as needing no budget)"
            )
        else:
            budget = _amount(inp.budget, "budget", checked)
    disbursed = _amount(inp.disbursed, "disbursed", checked)
    appropriated = _amount(inp.appropriated, "appropriated", checked)
    checked.values.update(budget=budget, disbursed=disbursed, appropriated=appropriated)
    style = plan.settings.digit_style
    if disbursed is not None and "budget" not in checked.errors:
        if spent_without_budget(budget, disbursed):
            checked.warnings["disbursed"] = (
                "โครงการไม่ใช้งบประมาณ แต่มีการเบิกจ่าย (money spent on a project that needs no budget)"
            )
        elif (over := overspent(appropriated, disbursed)) is not None:
            # What the ordinance appropriated is what may be spent: its excess comes first.
            checked.warnings["disbursed"] = (
                f"เบิกจ่ายเกินวงเงินตามข้อบัญญัติ/เทศบัญญัติ {format_baht(over, style)} บาท"
                " (more than the amount appropriated in the budget ordinance)"
            )
        elif (over := overspent(budget, disbursed)) is not None:
            checked.warnings["disbursed"] = (
                f"เบิกจ่ายเกินงบประมาณ {format_baht(over, style)} บาท (more than the budget)"
            )
    if inp.no_budget and appropriated_without_budget(budget, appropriated):
        checked.warnings["appropriated"] = (
            "โครงการไม่ใช้งบประมาณ แต่มีวงเงินตามข้อบัญญัติ: เอาเครื่องหมายไม่ใช้งบประมาณออก หรือลบวงเงินนี้"
            " (an amount appropriated for a project that needs no budget)"
        )
    if lacks_reason(inp.status, inp.reason):
        checked.warnings["reason"] = "ระบุเหตุผลที่ไม่สามารถดำเนินการได้ (the national system asks for a reason)"
    elif other_reason_unsaid(inp.status, inp.reason, inp.reason_text):
        checked.errors["reason_text"] = "อธิบายเหตุผลอื่นๆ (say what the other reason is)"
    elif lacks_result(inp.status, inp.result_text):
        checked.warnings["result_text"] = "ยังไม่ได้บันทึกผลการดำเนินงาน (a completed project has no result)"
    if inp.period.strip() and parse_period(inp.period, plan.fiscal_year) is None:
        checked.warnings["period"] = (
            f"ไม่ใช่รูปแบบ {fiscal_year_period(plan.fiscal_year).format(style)}"
            " (not the usual form of a period)"
        )
    return checked


def apply_project(
    plan: Plan, index: int, inp: ProjectInput, round_: Round, checked: Checked | None = None
) -> Project:
    """Store a checked form into ``plan.projects[index]``; a new dimension moves it (numbers follow).

    ``checked`` is ``check_project(inp, plan)`` when the caller has it (the form's ``Changed`` carries
    it): its parsed amounts are stored as they are. Without it the input is checked here.
    """
    if checked is None or not checked.values.keys() >= set(AMOUNT_FIELDS):
        checked = check_project(inp, plan)
    if not checked.ok:
        raise InvalidInput("; ".join(checked.errors.values()))
    budget: Decimal | None = checked.values["budget"]
    disbursed: Decimal | None = checked.values["disbursed"]
    project = plan.projects[index]
    moved = project.dimension != inp.dimension
    project.name = inp.name
    project.kind = inp.kind
    project.method = inp.method
    project.indicator = inp.indicator
    project.budget = None if inp.no_budget else budget
    project.appropriated = checked.values["appropriated"]
    project.included = inp.included
    project.period = inp.period
    project.unit = inp.unit
    project.remarks = inp.remarks
    not_done = inp.status is Status.NOT_DONE
    before = project.results.get(round_)
    entered = before is not None and before.entered  # the mark is set apart from the form
    carried = project.result(round_) if project.carried_over(round_) else None
    if carried is not None and (inp.status, inp.result_text, disbursed) == (
        carried.status, carried.result_text, carried.disbursed
    ):
        # The carried 6-month completion left as it reads (the name or the remark edited): it stays
        # carried, so that a later change of the 6-month round still shows at 12 months.
        project.results[round_] = RoundResult(remark=inp.remark, entered=entered)
    else:
        project.results[round_] = RoundResult(
            status=inp.status,
            result_text=inp.result_text,
            disbursed=disbursed,
            reason=inp.reason if not_done else None,
            reason_text=inp.reason_text if not_done else "",
            remark=inp.remark,
            entered=entered,
        )
    if moved:
        project.dimension = inp.dimension
        project.number = 10**9  # last of its new dimension until renumbered
        renumber(plan)
    return project


def renumber(plan: Plan) -> None:
    """Order the projects by dimension, keeping their order within it, and number them 1..N."""
    dims = {d.number: i for i, d in enumerate(plan.dimensions)}
    ordered = sorted(
        enumerate(plan.projects), key=lambda ip: (dims.get(ip[1].dimension, len(dims)), ip[1].number, ip[0])
    )
    plan.projects[:] = [p for _, p in ordered]
    for number, project in enumerate(plan.projects, start=1):
        project.number = number


def index_of(plan: Plan, project: Project) -> int:
    """Where ``project`` (this very object, not an equal one) stands in ``plan.projects``."""
    return next(i for i, p in enumerate(plan.projects) if p is project)


def add_project(plan: Plan, dimension: int, name: str = "โครงการใหม่") -> int:
    """A new project at the end of ``dimension``; returns its index in ``plan.projects``."""
    project = Project(
        number=10**9,
        name=name,
        dimension=dimension,
        kind=ProjectKind.from_name(name),
        period=fiscal_year_period(plan.fiscal_year).format(plan.settings.digit_style),
        uid=new_uid(),
    )
    plan.projects.append(project)
    renumber(plan)
    return index_of(plan, project)


def delete_project(plan: Plan, index: int) -> Project:
    """Remove a project; the numbers after it close up."""
    project = plan.projects.pop(index)
    renumber(plan)
    return project


def duplicate_project(plan: Plan, index: int) -> int:
    """A copy of a project right after it, without results (it has not been done yet)."""
    original = plan.projects[index]
    twin = copy.deepcopy(original)
    twin.name = f"{original.name} (สำเนา)"
    twin.results = {}
    twin.uid = new_uid()
    # Same number, right after it in the list: renumbering keeps list order among equal numbers.
    plan.projects.insert(index + 1, twin)
    renumber(plan)
    return index_of(plan, twin)


def move_project(plan: Plan, index: int, step: int) -> int:
    """Move a project up (-1) or down (+1) among its dimension's projects; returns its new index."""
    project = plan.projects[index]
    siblings = [i for i, p in enumerate(plan.projects) if p.dimension == project.dimension]
    place = siblings.index(index)
    target = place + step
    if not 0 <= target < len(siblings):
        return index
    other = plan.projects[siblings[target]]
    project.number, other.number = other.number, project.number
    renumber(plan)
    return index_of(plan, project)


def units_used(plan: Plan) -> list[str]:
    """Responsible units already named in the plan, most used first, for the unit field to offer."""
    counts: dict[str, int] = {}
    for project in plan.projects:
        unit = project.unit.strip()
        if unit:
            counts[unit] = counts.get(unit, 0) + 1
    return sorted(counts, key=lambda u: (-counts[u], u))


# --- the plan ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class PlanInput:
    """The plan's form as typed."""

    organization: str
    district: str
    province: str
    preparing_unit: str
    fiscal_year: str
    round: Round
    digit_style: DigitStyle
    level_bands: str
    """One band per line: the lowest score of the band, then its words ("๗๐ มาก")."""
    narrative: dict[str, str] = field(default_factory=dict)
    """The narrative of ``round``: each round's report has its own (:meth:`Plan.narrative_for`)."""
    signatures: dict[SignRole, Signatory] = field(default_factory=dict)
    emblem: str = ""

    @classmethod
    def from_plan(cls, plan: Plan, round_: Round | None = None) -> PlanInput:
        """The form of ``plan``, showing the narrative of ``round_`` (the plan's round by default)."""
        round_ = plan.round if round_ is None else round_
        style = plan.settings.digit_style
        return cls(
            organization=plan.organization,
            district=plan.district,
            province=plan.province,
            preparing_unit=plan.preparing_unit,
            fiscal_year=with_digits(str(plan.fiscal_year), style),
            round=round_,
            digit_style=style,
            level_bands=format_level_bands(plan.settings.level_bands, style),
            narrative=narrative_input(plan, round_),
            signatures={role: Signatory(s.name, s.position) for role, s in plan.signatures.items()},
            emblem=plan.settings.emblem,
        )


def narrative_input(plan: Plan, round_: Round) -> dict[str, str]:
    """Every narrative field of ``round_`` as the plan form shows it (a round without its own text yet
    shows the other round's, retold for it)."""
    texts = plan.narrative_for(round_)
    return {key: texts.get(key, "") for key in NARRATIVE_KEYS}


def format_level_bands(bands: list[LevelBand], style: DigitStyle) -> str:
    """Bands as the plan form shows them, highest first, one per line."""
    ordered = sorted(bands, key=lambda b: b.minimum, reverse=True)
    return "\n".join(with_digits(f"{b.minimum.normalize():f}", style) + f" {b.label}" for b in ordered)


def check_plan(inp: PlanInput) -> Checked:
    """Errors of the plan's form, by field name; ``values`` holds the ``fiscal_year`` and the
    ``level_bands`` as read (each when it reads)."""
    checked = Checked()
    if not inp.organization.strip():
        checked.errors["organization"] = "กรอกชื่อองค์กรปกครองส่วนท้องถิ่น (the organization is required)"
    try:
        checked.values["fiscal_year"] = parse_fiscal_year(inp.fiscal_year)
    except ValueError as exc:
        checked.errors["fiscal_year"] = str(exc)
    try:
        checked.values["level_bands"] = parse_level_bands(inp.level_bands)
    except ValueError as exc:
        checked.errors["level_bands"] = str(exc)
    return checked


def apply_plan(plan: Plan, inp: PlanInput, checked: Checked | None = None) -> None:
    """Store a checked plan form (the plan's id stays: it names the plan in the database).

    ``checked`` is ``check_plan(inp)`` when the caller has it: its parsed year and bands are stored.
    """
    if checked is None or not checked.values.keys() >= {"fiscal_year", "level_bands"}:
        checked = check_plan(inp)
    if not checked.ok:
        raise InvalidInput("; ".join(checked.errors.values()))
    plan.organization = inp.organization
    plan.district = inp.district
    plan.province = inp.province
    plan.preparing_unit = inp.preparing_unit
    plan.fiscal_year = checked.values["fiscal_year"]
    plan.round = inp.round
    plan.settings.digit_style = inp.digit_style
    plan.settings.level_bands = list(checked.values["level_bands"])
    plan.settings.emblem = inp.emblem.strip()
    # The form's narrative is its round's; choosing a round without its own text starts that round's
    # from the other's (narrative_input), so what the form shows is what is kept.
    texts = dict(plan.narrative_for(inp.round))
    for key in NARRATIVE_KEYS:
        if key in inp.narrative:
            if inp.narrative[key]:
                texts[key] = inp.narrative[key]
            else:
                texts.pop(key, None)
    plan.narratives[inp.round] = texts
    plan.signatures = {
        role: Signatory(who.name.strip(), who.position.strip())
        for role, who in inp.signatures.items()
        if who.name.strip() or who.position.strip()
    }


def next_fiscal_year(plan: Plan, taken_ids: set[str]) -> Plan:
    """Next year's plan from this one: the same projects, no results (so no round's remark nor mark of
    being entered in e-PlanNACC), periods a year on, and the ordinance's amount and whether each project
    is in it unknown: they belong to each year's ordinance. The plan's budget stays (the local
    development plan runs several years)."""
    following = copy.deepcopy(plan)
    following.fiscal_year = plan.fiscal_year + 1
    base = make_plan_id(plan.organization, following.fiscal_year)
    plan_id, n = base, 2
    while plan_id in taken_ids:
        plan_id, n = f"{base}-{n}", n + 1
    following.plan_id = plan_id
    following.round = Round.SIX
    following.stated = StatedFigures()
    following.import_findings = []  # this year's report's, not next year's
    following.source = f"ต่อจากแผน {plan.plan_id}"
    for texts in following.narratives.values():
        texts.pop("results", None)
    # Its 6-month narrative is started now, not on the first look at it (which would be a change nobody made).
    following.narratives[Round.SIX] = following.narrative_for(Round.SIX)
    for project in following.projects:
        project.results = {}
        project.appropriated = None
        project.included = None
        period = parse_period(project.period, plan.fiscal_year)
        if period is not None:
            shifted = Period(
                type(period.start)(period.start.month, period.start.year_be + 1),
                type(period.end)(period.end.month, period.end.year_be + 1),
            )
            project.period = shifted.format(plan.settings.digit_style)
    return following


# --- filtering the tree -------------------------------------------------------------------------------


@dataclass(slots=True)
class ProjectFilter:
    """Which projects the tree shows: words anywhere in the project (and its result in the round, the
    round's remark too), statuses, dimensions, a unit."""

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    dimensions: frozenset[int] = frozenset()
    unit: str = ""

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.statuses or self.dimensions or self.unit.strip())

    def matches(self, project: Project, round_: Round) -> bool:
        result = project.result(round_)
        if self.statuses and result.status not in self.statuses:
            return False
        if self.dimensions and project.dimension not in self.dimensions:
            return False
        if self.unit.strip() and _fold(self.unit) not in _fold(project.unit):
            return False
        words = _fold(self.text).split()
        if not words:
            return True
        haystack = _fold(" ".join((
            str(project.number), project.name, project.method, project.indicator, project.unit,
            project.remarks, project.period, result.result_text, result.reason_text, result.remark,
        )))
        return all(word in haystack for word in words)


def _fold(text: str) -> str:
    return to_arabic_digits(text).casefold()
