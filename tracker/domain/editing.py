"""Editing a plan: checking what a person typed, applying it, and the structural operations.

The terminal UI gathers the text of its fields into a :class:`ProjectInput` or :class:`PlanInput`,
asks :func:`check_project` / :func:`check_plan` what is wrong (errors block saving, warnings do
not), and applies a clean input with :func:`apply_project` / :func:`apply_plan`. Adding, deleting,
duplicating and moving projects keep the order numbers running 1..N in dimension order, as plans
number them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal

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

MIN_FISCAL_YEAR = 2500
MAX_FISCAL_YEAR = 2700


@dataclass(slots=True)
class Checked:
    """What is wrong with an input: errors (never saved) and warnings (saved, but shown), by field."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class InvalidInput(ValueError):
    """An input with errors was applied; the UI checks first, so this is a programming error."""


# --- projects ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class ProjectInput:
    """A project's form as typed: amounts are still text, exactly as the person wrote them."""

    name: str
    kind: ProjectKind
    dimension: int
    method: str = ""
    indicator: str = ""
    no_budget: bool = True
    budget: str = ""
    period: str = ""
    unit: str = ""
    remarks: str = ""
    status: Status = Status.NOT_REPORTED
    result_text: str = ""
    disbursed: str = ""
    reason: ReasonKind | None = None
    reason_text: str = ""

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
            period=project.period,
            unit=project.unit,
            remarks=project.remarks,
            status=result.status,
            result_text=result.result_text,
            disbursed="" if result.disbursed is None else format_baht(result.disbursed, digits),
            reason=result.reason,
            reason_text=result.reason_text,
        )


def _amount(text: str, field_name: str, checked: Checked) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_baht(text)
    except AmountError as exc:
        checked.errors[field_name] = str(exc)
        return None


def check_project(inp: ProjectInput, plan: Plan) -> Checked:
    """Errors and warnings of a project form, by field name."""
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
    if disbursed is not None and "disbursed" not in checked.errors:
        if inp.no_budget and disbursed > 0:
            checked.warnings["disbursed"] = (
                "โครงการไม่ใช้งบประมาณ แต่มีการเบิกจ่าย (money spent on a project that needs no budget)"
            )
        elif budget is not None and disbursed > budget:
            checked.warnings["disbursed"] = (
                f"เบิกจ่ายเกินงบประมาณ {format_baht(disbursed - budget, plan.settings.digit_style)} บาท"
                " (more than the budget)"
            )
    if inp.status is Status.NOT_DONE:
        if inp.reason is None:
            checked.warnings["reason"] = (
                "ระบุเหตุผลที่ไม่สามารถดำเนินการได้ (the national system asks for a reason)"
            )
        elif inp.reason is ReasonKind.OTHER and not inp.reason_text.strip():
            checked.errors["reason_text"] = "อธิบายเหตุผลอื่นๆ (say what the other reason is)"
    elif inp.status is Status.COMPLETED and not inp.result_text.strip():
        checked.warnings["result_text"] = "ยังไม่ได้บันทึกผลการดำเนินงาน (a completed project has no result)"
    if inp.period.strip() and parse_period(inp.period, plan.fiscal_year) is None:
        checked.warnings["period"] = (
            f"ไม่ใช่รูปแบบ {fiscal_year_period(plan.fiscal_year).format(plan.settings.digit_style)}"
            " (not the usual form of a period)"
        )
    return checked


def apply_project(plan: Plan, index: int, inp: ProjectInput, round_: Round) -> Project:
    """Store a checked form into ``plan.projects[index]``; a new dimension moves it (numbers follow)."""
    checked = check_project(inp, plan)
    if not checked.ok:
        raise InvalidInput("; ".join(checked.errors.values()))
    project = plan.projects[index]
    moved = project.dimension != inp.dimension
    project.name = inp.name
    project.kind = inp.kind
    project.method = inp.method
    project.indicator = inp.indicator
    project.budget = None if inp.no_budget else parse_baht(inp.budget)
    project.period = inp.period
    project.unit = inp.unit
    project.remarks = inp.remarks
    not_done = inp.status is Status.NOT_DONE
    project.results[round_] = RoundResult(
        status=inp.status,
        result_text=inp.result_text,
        disbursed=parse_baht(inp.disbursed) if inp.disbursed.strip() else None,
        reason=inp.reason if not_done else None,
        reason_text=inp.reason_text if not_done else "",
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


_BAND_LINE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s+(\S.*?)\s*$")


def parse_level_bands(text: str) -> list[LevelBand]:
    """Read bands typed one per line ("90 มากที่สุด"); raises ValueError saying which line is wrong."""
    bands: list[LevelBand] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BAND_LINE.match(to_arabic_digits(line))
        if match is None:
            raise ValueError(
                f"บรรทัด {number}: เขียนคะแนนต่ำสุดแล้วตามด้วยระดับ เช่น \"๗๐ มาก\""
                f" (line {number}: write the lowest score, then the words)"
            )
        minimum = Decimal(match[1])
        if minimum > 100:
            raise ValueError(f"บรรทัด {number}: คะแนนเกิน ๑๐๐ (line {number}: above 100)")
        bands.append(LevelBand(minimum, match[2]))
    if not bands:
        raise ValueError("ต้องมีอย่างน้อยหนึ่งระดับ (at least one band is needed)")
    if len({b.minimum for b in bands}) != len(bands):
        raise ValueError("มีคะแนนต่ำสุดซ้ำกัน (two bands start at the same score)")
    if min(b.minimum for b in bands) != 0:
        bands.append(LevelBand(Decimal(0), "-"))
    return sorted(bands, key=lambda b: b.minimum, reverse=True)


def parse_fiscal_year(text: str) -> int:
    """A fiscal year typed in either digits, พ.ศ.; raises ValueError with the reason."""
    cleaned = to_arabic_digits(text).replace("พ.ศ.", "").strip()
    # isdecimal, not isdigit: superscripts ("²") are digits that int() cannot read.
    if not cleaned.isdecimal():
        raise ValueError(f"ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น ๒๕๖๗ (not a year: {_quoted(text)})")
    significant = cleaned.lstrip("0") or "0"
    if len(significant) > len(str(MAX_FISCAL_YEAR)):  # and int() refuses thousands of digits
        raise ValueError(f"ปีงบประมาณ {_quoted(text)} อยู่นอกช่วงที่เป็นไปได้ (not a plausible fiscal year)")
    year = int(significant)
    if year < 2400 and 1900 <= year < 2200:
        raise ValueError(f"ใช้ปี พ.ศ. เช่น {year + 543} (write the Buddhist-era year, not {year})")
    if not MIN_FISCAL_YEAR <= year <= MAX_FISCAL_YEAR:
        raise ValueError(f"ปีงบประมาณ {year} อยู่นอกช่วงที่เป็นไปได้ (not a plausible fiscal year)")
    return year


def _quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut short when long (a paste of thousands of characters)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def check_plan(inp: PlanInput) -> Checked:
    checked = Checked()
    if not inp.organization.strip():
        checked.errors["organization"] = "กรอกชื่อองค์กรปกครองส่วนท้องถิ่น (the organization is required)"
    try:
        parse_fiscal_year(inp.fiscal_year)
    except ValueError as exc:
        checked.errors["fiscal_year"] = str(exc)
    try:
        parse_level_bands(inp.level_bands)
    except ValueError as exc:
        checked.errors["level_bands"] = str(exc)
    return checked


def apply_plan(plan: Plan, inp: PlanInput) -> None:
    """Store a checked plan form (the plan's id stays: it names the plan in the database)."""
    checked = check_plan(inp)
    if not checked.ok:
        raise InvalidInput("; ".join(checked.errors.values()))
    plan.organization = inp.organization
    plan.district = inp.district
    plan.province = inp.province
    plan.preparing_unit = inp.preparing_unit
    plan.fiscal_year = parse_fiscal_year(inp.fiscal_year)
    plan.round = inp.round
    plan.settings.digit_style = inp.digit_style
    plan.settings.level_bands = parse_level_bands(inp.level_bands)
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
    """Next year's plan from this one: the same projects, no results, periods a year on."""
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
    """Which projects the tree shows: words anywhere in the project, statuses, dimensions, a unit."""

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
            project.remarks, project.period, result.result_text, result.reason_text,
        )))
        return all(word in haystack for word in words)


def _fold(text: str) -> str:
    return to_arabic_digits(text).casefold()
