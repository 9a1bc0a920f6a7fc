"""The plan and everything it holds: dimensions, projects and one result per project per round.

Pure data with conversion to and from plain JSON-able dicts; no I/O and no user interface here.
Amounts are :class:`~decimal.Decimal` in memory and strings ("50000.00") on disk, so that no baht is
ever rounded by a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum, IntEnum, StrEnum
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from tracker.domain.findings import IMPORT_FAMILY, Finding, Severity
from tracker.domain.narrative import retold
from tracker.domain.thai import DigitStyle, with_digits


class Round(IntEnum):
    """A reporting round, named by the months it covers from 1 October."""

    SIX = 6
    TWELVE = 12

    @property
    def label(self) -> str:
        return "รอบ ๖ เดือน" if self is Round.SIX else "รอบ ๑๒ เดือน"

    def label_in(self, style: DigitStyle) -> str:
        """The label in a digit style: "รอบ 12 เดือน" in Arabic digits."""
        return with_digits(self.label, style)


class Status(StrEnum):
    """A project's status in a round, as the national system (e-PlanNACC) knows them."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_DONE = "not_done"
    NOT_REPORTED = "not_reported"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def english(self) -> str:
        """The status in English words, for the English half of a message (never the stored key)."""
        return STATUS_ENGLISH[self]

    @property
    def short_label(self) -> str:
        """A label for narrow columns."""
        return STATUS_SHORT_LABELS[self]

    @property
    def mark(self) -> str:
        """A one-cell mark for trees and lists."""
        return STATUS_MARKS[self]

    @property
    def weight(self) -> Decimal:
        """What the project adds to the score: completed 1, in progress 0.5, otherwise 0."""
        return STATUS_WEIGHTS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.COMPLETED: "ดำเนินการแล้วเสร็จ",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.NOT_DONE: "ไม่สามารถดำเนินการได้",
    Status.NOT_REPORTED: "รอการรายงานผล",
}
STATUS_ENGLISH: dict[Status, str] = {
    Status.COMPLETED: "completed",
    Status.IN_PROGRESS: "in progress",
    Status.NOT_DONE: "could not be done",
    Status.NOT_REPORTED: "not yet reported",
}
STATUS_SHORT_LABELS: dict[Status, str] = {
    Status.COMPLETED: "แล้วเสร็จ",
    Status.IN_PROGRESS: "ระหว่างทำ",
    Status.NOT_DONE: "ทำไม่ได้",
    Status.NOT_REPORTED: "รอรายงาน",
}
STATUS_MARKS: dict[Status, str] = {
    Status.COMPLETED: "✓",
    Status.IN_PROGRESS: "◐",
    Status.NOT_DONE: "✗",
    Status.NOT_REPORTED: "·",
}
STATUS_WEIGHTS: dict[Status, Decimal] = {
    Status.COMPLETED: Decimal(1),
    Status.IN_PROGRESS: Decimal("0.5"),
    Status.NOT_DONE: Decimal(0),
    Status.NOT_REPORTED: Decimal(0),
}


class ReasonKind(StrEnum):
    """Why a project could not be done: the national system's four choices."""

    NO_BUDGET = "no_budget"
    POLICY_CHANGED = "policy_changed"
    NOT_ENOUGH_STAFF = "not_enough_staff"
    OTHER = "other"

    @property
    def label(self) -> str:
        return REASON_LABELS[self]


INCLUDED_LABELS: dict[bool | None, str] = {
    True: "บรรจุ",
    False: "ไม่บรรจุ",
    None: "ไม่ระบุ",
}
"""Whether a project is included in the budget ordinance or operational plan, in words."""

REASON_LABELS: dict[ReasonKind, str] = {
    ReasonKind.NO_BUDGET: "ไม่ได้รับงบประมาณ",
    ReasonKind.POLICY_CHANGED: "นโยบายผู้บริหารเปลี่ยนแปลง",
    ReasonKind.NOT_ENOUGH_STAFF: "บุคลากรไม่เพียงพอ",
    ReasonKind.OTHER: "อื่นๆ",
}


class ProjectKind(StrEnum):
    """What a plan item is; plans write it as the first word of the name."""

    PROJECT = "project"
    MEASURE = "measure"
    ACTIVITY = "activity"
    GUIDELINE = "guideline"
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @classmethod
    def from_name(cls, name: str) -> ProjectKind:
        """The kind a name starts with ("มาตรการ NO Gift Policy" → measure)."""
        stripped = name.strip()
        for kind, word in KIND_LABELS.items():
            if kind is not ProjectKind.OTHER and stripped.startswith(word):
                return kind
        return ProjectKind.OTHER


KIND_LABELS: dict[ProjectKind, str] = {
    ProjectKind.PROJECT: "โครงการ",
    ProjectKind.MEASURE: "มาตรการ",
    ProjectKind.ACTIVITY: "กิจกรรม",
    ProjectKind.GUIDELINE: "แนวปฏิบัติงาน",
    ProjectKind.OTHER: "อื่นๆ",
}

DEFAULT_DIMENSION_NAMES: tuple[str, str, str, str] = (
    "การสร้างสังคมที่ไม่ทนต่อการทุจริต",
    "การบริหารราชการเพื่อป้องกันการทุจริต",
    "การส่งเสริมบทบาทและการมีส่วนร่วมของประชาชน",
    "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการบริหารราชการขององค์กรปกครองส่วนท้องถิ่น",
)


@dataclass(frozen=True, slots=True)
class NarrativeSection:
    """A section of part 1 (ความเป็นมา) or of the front matter, with its heading as reports write it."""

    key: str
    heading: str
    english: str
    published: bool = True
    """Whether the exports print the text as typed. The results of the period are not: every export
    writes them afresh from the computed figures, so numbers typed there never reach a reader."""


NARRATIVE_SECTIONS: tuple[NarrativeSection, ...] = (
    NarrativeSection("title", "ชื่อรายงาน", "Report title (cover)"),
    NarrativeSection("foreword", "คำนำ", "Foreword"),
    NarrativeSection("background", "ที่มาและความสำคัญ", "Background"),
    NarrativeSection("context", "Context (บริบท)", "Context"),
    NarrativeSection("input", "Input (ปัจจัยนำเข้า)", "Input"),
    NarrativeSection("process", "Process (กระบวนการ)", "Process"),
    NarrativeSection("product", "Product (ผลผลิต)", "Product"),
    NarrativeSection("results", "ผลการดำเนินงาน", "Results of the period (as stated)", published=False),
    NarrativeSection("outcomes", "ผลสัมฤทธิ์ของงาน/โครงการ", "Outcomes"),
    NarrativeSection("next_steps", "แผนการดำเนินงานในระยะต่อไป", "Next steps"),
    NarrativeSection("benefits", "ประโยชน์ที่ประชาชนได้รับจากการดำเนินโครงการ", "Benefits to the public"),
    NarrativeSection("problems", "ปัญหาและอุปสรรคในการดำเนินงาน", "Problems"),
    NarrativeSection("suggestions", "ข้อเสนอแนะ", "Suggestions"),
)
NARRATIVE_KEYS: tuple[str, ...] = tuple(s.key for s in NARRATIVE_SECTIONS)


@dataclass(frozen=True, slots=True)
class LevelBand:
    """Scores at or above ``minimum`` (and below the next band) read as ``label``."""

    minimum: Decimal
    label: str


# No official table exists (DOMAIN.md). The default reads the percentage on the five-point scale
# Thai evaluations use (4.50-5.00 มากที่สุด, 3.50-4.49 มาก, 2.50-3.49 ปานกลาง, 1.50-2.49 น้อย,
# below that น้อยที่สุด) with 100 % = 5.00, i.e. percent / 20: so 85 % = 4.25 reads มาก, as the seed says.
DEFAULT_LEVEL_BANDS: tuple[LevelBand, ...] = (
    LevelBand(Decimal(90), "มากที่สุด"),
    LevelBand(Decimal(70), "มาก"),
    LevelBand(Decimal(50), "ปานกลาง"),
    LevelBand(Decimal(30), "น้อย"),
    LevelBand(Decimal(0), "น้อยที่สุด"),
)


class SignRole(StrEnum):
    """Who signs the published report, in the order the signature block shows them."""

    REPORTER = "reporter"
    REVIEWER = "reviewer"
    APPROVER = "approver"

    @property
    def label(self) -> str:
        """What the signer does, written after the signature line ("ผู้รายงาน")."""
        return SIGN_ROLE_LABELS[self]


SIGN_ROLE_LABELS: dict[SignRole, str] = {
    SignRole.REPORTER: "ผู้รายงาน",
    SignRole.REVIEWER: "ผู้ตรวจสอบ",
    SignRole.APPROVER: "ผู้อนุมัติ",
}


@dataclass(slots=True)
class Signatory:
    """A person who signs the report; empty name or position means a blank line to fill in by hand."""

    name: str = ""
    position: str = ""


@dataclass(slots=True)
class PlanSettings:
    """Choices of the office that shape how figures read, not what they are."""

    level_bands: list[LevelBand] = field(default_factory=lambda: list(DEFAULT_LEVEL_BANDS))
    digit_style: DigitStyle = DigitStyle.THAI
    emblem: str = ""
    """A path to the office's emblem (PNG or JPEG) for the cover of the Word and PDF report; "" for none."""

    def level_for(self, score: Decimal) -> str:
        """The level in words for a score (bands are searched from the highest minimum down)."""
        for band in sorted(self.level_bands, key=lambda b: b.minimum, reverse=True):
            if score >= band.minimum:
                return band.label
        return ""


@dataclass(slots=True)
class Dimension:
    """One of the four dimensions (มิติ) of the plan."""

    number: int
    name: str


@dataclass(slots=True)
class RoundResult:
    """A project's result in one round."""

    status: Status = Status.NOT_REPORTED
    result_text: str = ""
    disbursed: Decimal | None = None
    """Baht spent; None where nothing was stated (or the project needs no budget)."""
    reason: ReasonKind | None = None
    reason_text: str = ""
    """Free text: the words of "other", or the report's own wording of the reason."""
    remark: str = ""
    """The remark (หมายเหตุ) of this round, as the national system's form asks for it each round."""
    entered: bool = False
    """The office has entered this round's result into the national system (e-PlanNACC): a mark that
    lets an interrupted submission resume where it stopped."""


@dataclass(slots=True)
class Project:
    """A project, measure, activity or guideline of the plan."""

    number: int
    name: str
    dimension: int
    kind: ProjectKind = ProjectKind.OTHER
    method: str = ""
    indicator: str = ""
    budget: Decimal | None = None
    """Baht in the local development plan (วงเงินตามแผนพัฒนาท้องถิ่น); None means ไม่ใช้งบประมาณ (needs no
    budget), which is not the same as 0.00."""
    appropriated: Decimal | None = None
    """Baht appropriated in the budget ordinance (วงเงินตามข้อบัญญัติ/เทศบัญญัติ), which may differ from
    the plan's budget; None where it is not known (never stated, or a database from before it was kept)."""
    included: bool | None = None
    """Whether the project is included in the budget ordinance or the operational plan (บรรจุไว้ใน
    ข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน); None where not known."""
    period: str = ""
    unit: str = ""
    remarks: str = ""
    """The project's own remark, whatever the round (each round has its own too: RoundResult.remark)."""
    results: dict[Round, RoundResult] = field(default_factory=dict)
    uid: str = field(default="", compare=False)
    """A stable id within the plan ("p3", "k7f2a9c1"): numbers change when projects move, this never
    does, so history can follow a project. Identity, not content: two projects that read the same
    are equal whatever their uids. Empty until :func:`ensure_uids` gives one."""

    @property
    def needs_budget(self) -> bool:
        return self.budget is not None

    def result(self, round_: Round) -> RoundResult:
        """The result of a round (an unreported one if nothing was recorded).

        A project completed in the 6-month round is completed in the 12-month round too, as the national
        system shows it, until a 12-month status of its own is recorded (:meth:`carried_over`): its
        result and disbursed amount are the 6-month round's; its remark and "entered" mark are the
        12-month round's own."""
        own = self.results.get(round_)
        six = self._completion_carried(round_, own)
        return (own or RoundResult()) if six is None else _carried(six, own)

    def carried_over(self, round_: Round) -> bool:
        """Whether the round's result is the 6-month round's completion carried to 12 months."""
        return self._completion_carried(round_, self.results.get(round_)) is not None

    def _completion_carried(self, round_: Round, own: RoundResult | None) -> RoundResult | None:
        """The 6-month result that ``round_`` takes, ``own`` being what it holds: the 6-month completion
        in a 12-month round without a status of its own; else None."""
        if round_ is not Round.TWELVE or (own is not None and own.status is not Status.NOT_REPORTED):
            return None
        six = self.results.get(Round.SIX)
        return six if six is not None and six.status is Status.COMPLETED else None


def _carried(six: RoundResult, own: RoundResult | None) -> RoundResult:
    """The 12-month result of a project completed at 6 months: the 6-month result and amount disbursed,
    with the 12-month round's own remark and mark. What else the 12-month round holds while its status is
    "not reported" (the words of a status given before and taken back) is left out, so that the result
    never says something other than its status."""
    if own is None:
        return RoundResult(Status.COMPLETED, six.result_text, six.disbursed)
    return RoundResult(Status.COMPLETED, six.result_text, six.disbursed, remark=own.remark, entered=own.entered)


@dataclass(slots=True)
class StatedFigures:
    """Figures a report states in words in part 1, kept to compare against the computed ones."""

    total: int | None = None
    per_dimension: dict[int, int] = field(default_factory=dict)
    per_status: dict[Status, int] = field(default_factory=dict)
    disbursed: Decimal | None = None
    level: str | None = None
    score: Decimal | None = None


class FindingState(StrEnum):
    """Where a finding kept from an import stands."""

    OPEN = "open"
    RESOLVED = "resolved"
    """The user marked it resolved."""
    SETTLED = "settled"
    """An edit of what it is about settled it (or its project was deleted)."""

    @property
    def label(self) -> str:
        return FINDING_STATE_LABELS[self]


FINDING_STATE_LABELS: dict[FindingState, str] = {
    FindingState.OPEN: "ยังไม่ได้แก้",
    FindingState.RESOLVED: "ทำเครื่องหมายว่าแก้แล้ว",
    FindingState.SETTLED: "แก้ข้อมูลแล้ว",
}

IMPORT_FINDING_ID_RE = re.compile(r"i[1-9][0-9]{0,6}")
"""Ids of kept import findings: "i1", "i2", ... in the order the import found them."""


@dataclass(slots=True)
class ImportFinding:
    """A finding of the import kept with the plan (part 2 and part 3 disagreeing on a budget, ...).

    It is shown with the checks until the user marks it resolved or an edit settles it: an edit, of
    the project it is about (``project_uid``; None for the whole plan, where an edit of any project
    counts), of one of ``fields`` (history's field names: "budget", "name", "results.12.status",
    "project" for a project added or deleted). A finding with no fields waits for the user.
    """

    id: str
    finding: Finding
    project_uid: str | None = None
    fields: list[str] = field(default_factory=list)
    state: FindingState = FindingState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state is FindingState.OPEN


@dataclass(slots=True)
class Plan:
    """One organization's action plan for one fiscal year, with its projects and results."""

    plan_id: str
    organization: str
    fiscal_year: int
    district: str = ""
    province: str = ""
    preparing_unit: str = ""
    round: Round = Round.TWELVE
    """The round the office is reporting now (the one views and exports default to)."""
    dimensions: list[Dimension] = field(
        default_factory=lambda: [Dimension(i + 1, n) for i, n in enumerate(DEFAULT_DIMENSION_NAMES)]
    )
    narratives: dict[Round, dict[str, str]] = field(default_factory=dict)
    """Part 1 and the front matter per round, keyed by :data:`NARRATIVE_KEYS`: each round's report has
    its own text (see :attr:`narrative` and :meth:`narrative_for`)."""
    signatures: dict[SignRole, Signatory] = field(default_factory=dict)
    """Who signs the report (a role missing or empty prints a blank "ลงชื่อ ……" line)."""
    settings: PlanSettings = field(default_factory=PlanSettings)
    projects: list[Project] = field(default_factory=list)
    stated: StatedFigures = field(default_factory=StatedFigures)
    source: str = ""
    """Where the plan came from (an imported file's name), for the record."""
    import_findings: list[ImportFinding] = field(default_factory=list)
    """What the import of ``source`` found, kept until each is resolved or settled."""

    @property
    def narrative(self) -> dict[str, str]:
        """The narrative of the plan's current round, the one the plan form edits (a live dict).

        A round with no text of its own yet is started from the other round's
        (:func:`tracker.domain.narrative.retold`), so that it never says the other round's months.
        """
        own = self.narratives.get(self.round)
        if own is None:
            own = self.narratives[self.round] = self.narrative_for(self.round)
        return own

    @narrative.setter
    def narrative(self, texts: dict[str, str]) -> None:
        self.narratives[self.round] = texts

    def narrative_for(self, round_: Round) -> dict[str, str]:
        """The narrative of ``round_``: its own, or a copy of the other round's retold for it (not kept)."""
        own = self.narratives.get(round_)
        if own is not None:
            return own
        other = next((r for r in Round if r is not round_ and r in self.narratives), None)
        if other is None:
            return {}
        years = self.fiscal_year
        return {key: retold(text, other, round_, years) for key, text in self.narratives[other].items()}

    def signatory(self, role: SignRole) -> Signatory:
        """Who signs as ``role`` (an empty one where none was entered)."""
        return self.signatures.get(role) or Signatory()

    def dimension_name(self, number: int) -> str:
        for dim in self.dimensions:
            if dim.number == number:
                return dim.name
        return ""

    def projects_in(self, dimension: int) -> list[Project]:
        return [p for p in self.projects if p.dimension == dimension]

    def in_report_order(self) -> list[Project]:
        """The projects as every report lists them: by number (then name, for two with one number)."""
        return sorted(self.projects, key=lambda p: (p.number, p.name))

    def project(self, number: int) -> Project | None:
        return next((p for p in self.projects if p.number == number), None)

    @property
    def title(self) -> str:
        return f"{self.organization} ปีงบประมาณ {self.fiscal_year}"


def new_uid() -> str:
    """A fresh project id, unlike any "p<number>" given to imported projects."""
    import secrets  # here: it loads hmac, hashlib and OpenSSL (5 ms), and only new projects need it

    return "k" + secrets.token_hex(4)


def ensure_uids(plan: Plan) -> None:
    """Give every project without a uid (or with a uid already taken in the plan) one of its own.

    Projects that come from a report or an older file get "p<number>", so the same file always gets
    the same ids; where that is taken, a random one.
    """
    taken: set[str] = set()
    for project in plan.projects:
        if project.uid and project.uid not in taken:
            taken.add(project.uid)
    seen: set[str] = set()
    for project in plan.projects:
        if project.uid and project.uid not in seen:
            seen.add(project.uid)
            continue
        uid = f"p{project.number}"
        while uid in taken:
            uid = new_uid()
        project.uid = uid
        taken.add(uid)
        seen.add(uid)


def make_plan_id(organization: str, fiscal_year: int) -> str:
    """A short, typeable id: the organization's own name without its type, and the year."""
    name = re.sub(
        r"^(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร|อบต\.|อบจ\.)",
        "",
        organization.strip(),
    )
    name = re.sub(r"\s+", "-", name.strip()) or "plan"
    return f"{name}-{fiscal_year}"


# --- conversion to and from plain data ------------------------------------------------------------


def _amount_out(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _amount_in(value: Any) -> Decimal | None:
    if value is None:
        return None
    amount = Decimal(str(value))
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return amount


def _flag_in(value: Any) -> bool | None:
    """A stored yes/no/unknown: true, false or null (anything else is malformed)."""
    if value is None or type(value) is bool:
        return value
    raise TypeError(f"not true, false or null: {value!r}")


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-able data (the store's document)."""
    return {
        "plan_id": plan.plan_id,
        "organization": plan.organization,
        "fiscal_year": plan.fiscal_year,
        "district": plan.district,
        "province": plan.province,
        "preparing_unit": plan.preparing_unit,
        "round": int(plan.round),
        "dimensions": [{"number": d.number, "name": d.name} for d in plan.dimensions],
        "narratives": {
            str(int(r)): {k: texts[k] for k in NARRATIVE_KEYS if k in texts}
            for r, texts in sorted(plan.narratives.items())
        },
        "settings": {
            "level_bands": [
                {"minimum": str(b.minimum), "label": b.label} for b in plan.settings.level_bands
            ],
            "digit_style": plan.settings.digit_style.value,
            **({"emblem": plan.settings.emblem} if plan.settings.emblem else {}),
        },
        **({"signatures": {
            role.value: {"name": s.name, "position": s.position} for role, s in plan.signatures.items()
        }} if plan.signatures else {}),
        "projects": [_project_to_dict(p) for p in plan.projects],
        "stated": {
            "total": plan.stated.total,
            "per_dimension": {str(k): v for k, v in plan.stated.per_dimension.items()},
            "per_status": {k.value: v for k, v in plan.stated.per_status.items()},
            "disbursed": _amount_out(plan.stated.disbursed),
            "level": plan.stated.level,
            "score": None if plan.stated.score is None else str(plan.stated.score),
        },
        "source": plan.source,
        # Only where there are some: a plan that was never imported keeps the layout it always had.
        **({"import_findings": [_import_finding_to_dict(f) for f in plan.import_findings]}
           if plan.import_findings else {}),
    }


def _import_finding_to_dict(kept: ImportFinding) -> dict[str, Any]:
    f = kept.finding
    return {
        "id": kept.id,
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "detail": f.detail,
        "project": f.project,
        "project_uid": kept.project_uid,
        "fields": list(kept.fields),
        "state": kept.state.value,
    }


def _import_findings_from(data: Any) -> list[ImportFinding]:
    """The kept findings of a stored plan (none in a file from before they were kept)."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise TypeError("import_findings is not a list")
    kept: list[ImportFinding] = []
    seen: set[str] = set()
    for item in data:
        if not isinstance(item, dict):
            raise TypeError("an import finding is not an object")
        id_ = item["id"]
        if not isinstance(id_, str) or not IMPORT_FINDING_ID_RE.fullmatch(id_) or id_ in seen:
            raise ValueError(f"import finding id {id_!r} is not valid or not unique")
        seen.add(id_)
        project, uid, fields = item.get("project"), item.get("project_uid"), item.get("fields") or []
        if project is not None and (not isinstance(project, int) or isinstance(project, bool)):
            raise TypeError(f"import finding {id_}: project is not a number")
        if uid is not None and not isinstance(uid, str):
            raise TypeError(f"import finding {id_}: project_uid is not text")
        if not isinstance(fields, list) or not all(isinstance(x, str) for x in fields):
            raise TypeError(f"import finding {id_}: fields is not a list of text")
        texts = {k: item.get(k, "") for k in ("code", "message", "detail")}
        if not all(isinstance(v, str) for v in texts.values()):
            raise TypeError(f"import finding {id_}: code, message and detail must be text")
        kept.append(ImportFinding(
            id=id_,
            finding=Finding(texts["code"], Severity(item.get("severity", Severity.WARNING.value)),
                            texts["message"], project, texts["detail"], IMPORT_FAMILY, id_),
            project_uid=uid,
            fields=list(fields),
            state=FindingState(item.get("state", FindingState.OPEN.value)),
        ))
    return kept


def _project_to_dict(project: Project) -> dict[str, Any]:
    # ``_value_`` is the member's value as a plain attribute (``.value`` is a descriptor, some ten times
    # slower): a save converts every project of the plan saved.
    budget = project.budget
    return {
        "uid": project.uid,
        "number": project.number,
        "name": project.name,
        "dimension": project.dimension,
        "kind": project.kind._value_,
        "method": project.method,
        "indicator": project.indicator,
        "budget": None if budget is None else f"{budget:.2f}",
        "appropriated": None if (appropriated := project.appropriated) is None else f"{appropriated:.2f}",
        "included": project.included,
        "period": project.period,
        "unit": project.unit,
        "remarks": project.remarks,
        "results": {
            str(int(r)): {
                "status": res.status._value_,
                "result_text": res.result_text,
                "disbursed": None if (disbursed := res.disbursed) is None else f"{disbursed:.2f}",
                "reason": None if res.reason is None else res.reason._value_,
                "reason_text": res.reason_text,
                "remark": res.remark,
                "entered": res.entered,
            }
            for r, res in sorted(project.results.items())
        },
    }


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """Rebuild a plan from its stored data; raises KeyError/ValueError/TypeError on malformed data."""
    settings = data.get("settings") or {}
    stated = data.get("stated") or {}
    round_ = Round(int(data.get("round", 12)))
    plan = Plan(
        plan_id=str(data["plan_id"]),
        organization=str(data["organization"]),
        fiscal_year=int(data["fiscal_year"]),
        district=str(data.get("district", "")),
        province=str(data.get("province", "")),
        preparing_unit=str(data.get("preparing_unit", "")),
        round=round_,
        dimensions=[Dimension(int(d["number"]), str(d["name"])) for d in data["dimensions"]],
        narratives=_narratives_from(data, round_),
        signatures=_signatures_from(data.get("signatures")),
        settings=PlanSettings(
            level_bands=[
                LevelBand(Decimal(str(b["minimum"])), str(b["label"]))
                for b in settings.get("level_bands", [])
            ]
            or list(DEFAULT_LEVEL_BANDS),
            digit_style=DigitStyle(settings.get("digit_style", DigitStyle.THAI.value)),
            emblem=str(settings.get("emblem", "")),
        ),
        projects=[_project_from_dict(p) for p in data.get("projects", [])],
        stated=StatedFigures(
            total=stated.get("total"),
            per_dimension={int(k): int(v) for k, v in (stated.get("per_dimension") or {}).items()},
            per_status={Status(k): int(v) for k, v in (stated.get("per_status") or {}).items()},
            disbursed=_amount_in(stated.get("disbursed")),
            level=stated.get("level"),
            score=_amount_in(stated.get("score")),
        ),
        source=str(data.get("source", "")),
        import_findings=_import_findings_from(data.get("import_findings")),
    )
    ensure_uids(plan)
    return plan


def _narratives_from(data: dict[str, Any], round_: Round) -> dict[Round, dict[str, str]]:
    """Each round's narrative; a plan stored before narratives were kept per round (schema 2 and the
    importers' older output) had one, which is the narrative of the round it was reporting."""
    if "narratives" not in data:
        return {round_: {str(k): str(v) for k, v in (data.get("narrative") or {}).items()}}
    stored = data["narratives"]
    if not isinstance(stored, dict):
        raise TypeError("narratives is not an object")
    return {Round(int(r)): {str(k): str(v) for k, v in texts.items()} for r, texts in stored.items()}


def _signatures_from(data: Any) -> dict[SignRole, Signatory]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TypeError("signatures is not an object")
    return {
        SignRole(role): Signatory(str(s.get("name", "")), str(s.get("position", ""))) for role, s in data.items()
    }


_E = TypeVar("_E", bound=Enum)


def _member(members: dict[Any, _E], enum: type[_E], value: Any) -> _E:
    """``enum(value)`` by a lookup in ``members`` (its members by value): an Enum call costs a
    microsecond, twenty thousand times in a large plan. Anything else goes to ``enum``, which raises."""
    try:
        return members[value]
    except (KeyError, TypeError):
        return enum(value)


_KINDS = {kind.value: kind for kind in ProjectKind}
_STATUSES = {status.value: status for status in Status}
_ROUNDS_BY_KEY = {str(int(round_)): round_ for round_ in Round}


def _project_from_dict(data: dict[str, Any]) -> Project:
    return Project(
        number=int(data["number"]),
        name=str(data["name"]),
        dimension=int(data["dimension"]),
        kind=_member(_KINDS, ProjectKind, data.get("kind", ProjectKind.OTHER.value)),
        method=str(data.get("method", "")),
        indicator=str(data.get("indicator", "")),
        budget=_amount_in(data.get("budget")),
        appropriated=_amount_in(data.get("appropriated")),
        included=_flag_in(data.get("included")),
        period=str(data.get("period", "")),
        unit=str(data.get("unit", "")),
        remarks=str(data.get("remarks", "")),
        results={
            (_ROUNDS_BY_KEY.get(r) or Round(int(r))): RoundResult(
                status=_member(_STATUSES, Status, res.get("status", Status.NOT_REPORTED.value)),
                result_text=str(res.get("result_text", "")),
                disbursed=_amount_in(res.get("disbursed")),
                reason=None if res.get("reason") is None else ReasonKind(res["reason"]),
                reason_text=str(res.get("reason_text", "")),
                remark=str(res.get("remark", "")),
                entered=_flag_in(res.get("entered")) or False,
            )
            for r, res in (data.get("results") or {}).items()
        },
        uid=str(data.get("uid") or ""),
    )




_KIND_VALUES = frozenset(_KINDS)
_STATUS_VALUES = frozenset(_STATUSES)
_REASONS = frozenset(r.value for r in ReasonKind) | {None}
_ROUND_KEYS = frozenset(_ROUNDS_BY_KEY)
_PROJECT_CHECKED = itemgetter("name", "number", "dimension", "kind", "budget", "appropriated", "included",
                              "results")
_RESULT_CHECKED = itemgetter("status", "reason", "disbursed", "entered")
_FLAG_TYPES = frozenset({bool, type(None)})
_ONLY_BOOL = frozenset({bool})
_ONLY_INT = frozenset({int})
_ONLY_DICT = frozenset({dict})
_AMOUNT_AS_WRITTEN = re.compile(r"-?[0-9]{1,30}\.[0-9]{2}")
"""An amount as :func:`_amount_out` writes it (checked without building a Decimal)."""
_GOOD_AMOUNTS: set[str | None] = {None}
"""Amount texts found good already: a file repeats the same few hundred budgets."""
_GOOD_AMOUNTS_KEPT = 20_000


def projects_surely_convert(projects: list[Any]) -> bool:
    """A quick check for opening a large file: True when :func:`plan_from_dict` certainly converts every
    project of ``projects`` (stored projects as :func:`plan_to_dict` writes them, with all their fields).

    False only means "convert them to find out": a number written as text, a budget as a number or a
    field left out may still convert. Checked are the values a conversion can fail on (order numbers
    and dimensions are ints, never bools; amounts finite decimal texts; kinds, statuses, reasons and
    rounds stored values; the name is there); texts convert whatever they hold. Every pass runs in C
    (map, zip, itemgetter, sets), so each project costs well under a microsecond, not some twenty
    objects built.

    Of values orjson parsed, the converted projects can be written back (:func:`plan_to_dict`, then
    orjson): their texts are orjson's own and their integers were ints of 64 bits.
    """
    if not projects:
        return True
    try:
        if not set(map(type, projects)) <= _ONLY_DICT:
            return False
        _names, numbers, dimensions, kinds, budgets, appropriated, included, per_round = zip(
            *map(_PROJECT_CHECKED, projects), strict=True
        )
        if not set(map(type, numbers)) <= _ONLY_INT or not set(map(type, dimensions)) <= _ONLY_INT:
            return False
        if not set(kinds) <= _KIND_VALUES or not _amounts_are_good(set(budgets) | set(appropriated)):
            return False
        if not set(map(type, included)) <= _FLAG_TYPES:  # 1 == True: the values alone would let 1 pass
            return False
        if not set(map(type, per_round)) <= _ONLY_DICT or not set(chain.from_iterable(per_round)) <= _ROUND_KEYS:
            return False
        results = list(chain.from_iterable(map(dict.values, per_round)))
        if not results:
            return True
        if not set(map(type, results)) <= _ONLY_DICT:
            return False
        statuses, reasons, disbursed, entered = zip(*map(_RESULT_CHECKED, results), strict=True)
        return (
            set(statuses) <= _STATUS_VALUES
            and set(reasons) <= _REASONS
            and _amounts_are_good(set(disbursed))
            and set(map(type, entered)) <= _ONLY_BOOL
        )
    except (KeyError, TypeError):
        return False  # a field left out, or a value that cannot be a set's member (a list, an object)


_ROUND_NUMBERS = frozenset(int(r) for r in Round)
_DIGIT_STYLES = frozenset(d.value for d in DigitStyle)
_SIGN_ROLES = frozenset(r.value for r in SignRole)


def plan_fields_surely_convert(data: dict[str, Any]) -> bool:
    """A quick check for opening a large file: True when :func:`plan_from_dict` certainly converts the
    plan's own fields (its projects aside: :func:`projects_surely_convert`), as :func:`plan_to_dict`
    writes them. False only means "convert it to find out" (an imported plan's kept findings, a field
    of an older version, a value of another type are left to the conversion).

    Kept in step with :func:`plan_from_dict` value by value (tests/storage/test_writer_check.py tries
    every field with values of every kind). Texts convert whatever they hold; values written back as
    they were read (the stated total and level) must be an int or a text, so that orjson writes them.
    """
    try:
        get = data.get
        if type(data["plan_id"]) is not str or "organization" not in data or type(data["fiscal_year"]) is not int:
            return False
        round_ = get("round", int(Round.TWELVE))
        if type(round_) is not int or round_ not in _ROUND_NUMBERS or get("import_findings") not in (None, []):
            return False
        dimensions = data["dimensions"]
        if type(dimensions) is not list or not all(
            type(d) is dict and type(d["number"]) is int and "name" in d for d in dimensions
        ):
            return False
        narratives = data["narratives"]
        if type(narratives) is not dict or not all(
            r in _ROUND_KEYS and type(texts) is dict for r, texts in narratives.items()
        ):
            return False
        signatures = get("signatures")
        if signatures is not None and (
            type(signatures) is not dict
            or not all(role in _SIGN_ROLES and type(s) is dict for role, s in signatures.items())
        ):
            return False
        settings = get("settings") or {}
        if type(settings) is not dict or settings.get("digit_style", DigitStyle.THAI.value) not in _DIGIT_STYLES:
            return False
        bands = settings.get("level_bands", [])
        if type(bands) is not list or not all(
            type(b) is dict and "label" in b and _is_decimal_text(b["minimum"]) for b in bands
        ):
            return False
        stated = get("stated") or {}
        if type(stated) is not dict:
            return False
        total, level = stated.get("total"), stated.get("level")
        if not (total is None or type(total) is int) or not (level is None or type(level) is str):
            return False
        per_dimension = stated.get("per_dimension") or {}
        per_status = stated.get("per_status") or {}
        return (
            type(per_dimension) is dict
            and all(k.isdecimal() and len(k) < 19 and type(v) is int for k, v in per_dimension.items())
            and type(per_status) is dict
            and all(k in _STATUS_VALUES and type(v) is int for k, v in per_status.items())
            and _amounts_are_good({stated.get("disbursed"), stated.get("score")})
        )
    except (KeyError, TypeError, AttributeError):
        return False  # a field left out, a value that is no set's member, a key that is no text


def _is_decimal_text(value: Any) -> bool:
    """A text ``Decimal(str(value))`` reads (NaN and infinities included, as :func:`plan_from_dict` takes them)."""
    if type(value) is not str:
        return False
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return True


def _amounts_are_good(amounts: set[Any]) -> bool:
    """Whether every value is None or a text :func:`_amount_in` reads as a finite amount."""
    new = amounts - _GOOD_AMOUNTS
    if not new:
        return True
    if not all(map(_is_amount_text, new)):
        return False
    if len(_GOOD_AMOUNTS) < _GOOD_AMOUNTS_KEPT:
        _GOOD_AMOUNTS.update(new)
    return True


def _is_amount_text(value: Any) -> bool:
    if type(value) is not str:
        return False
    if _AMOUNT_AS_WRITTEN.fullmatch(value):
        return True
    try:
        return Decimal(value).is_finite()
    except ArithmeticError:
        return False
