"""The field catalogue: every field a person edits (a project's and the plan's own), said once.

Each :class:`FieldSpec` names a field by its key (the attribute of :class:`~tracker.domain.editing.ProjectInput`
or :class:`~tracker.domain.editing.PlanInput`), gives its Thai label (the wording of the official report
where the report names it) and an English one, its kind (what control edits it, how it is read), whether
it belongs to a reporting round, and where the model keeps it (the path the history records). The input
classes, the edit forms, the detail pane, the history's labels and the report's column headings
(:mod:`tracker.domain.columns`) all read it: adding a field is one entry here plus the renderers that
show it (the form's control, the detail pane's row, an export's column).

The kinds that are typed as text are read by one parser each (:data:`PARSERS`): an amount by
:func:`~tracker.domain.thai.parse_baht`, a fiscal year by :func:`parse_fiscal_year`, the level bands by
:func:`parse_level_bands`. :func:`~tracker.domain.editing.check_project` and
:func:`~tracker.domain.editing.check_plan` parse with them once and hand the values on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from tracker.domain.model import LevelBand
from tracker.domain.thai import NO_BUDGET_TEXT, parse_baht, to_arabic_digits


class FieldKind(Enum):
    """What a field holds, and so which control edits it and how its text is read."""

    LINE = "line"
    """One line of text."""
    TEXT = "text"
    """Text of several lines."""
    AMOUNT = "amount"
    """Baht, typed in either digits (:func:`~tracker.domain.thai.parse_baht`)."""
    CHOICE = "choice"
    """One of a list (an enum or a dimension's number)."""
    FLAG = "flag"
    """Yes or no (a box to tick)."""
    PERIOD = "period"
    """A period of months ("ต.ค. ๖๖ - ก.ย. ๖๗"), one line; another form is kept with a warning."""
    YEAR = "year"
    """A fiscal year, พ.ศ. (:func:`parse_fiscal_year`)."""
    BANDS = "bands"
    """The level bands, one per line (:func:`parse_level_bands`)."""
    PATH = "path"
    """A file's path, one line."""
    NUMBER = "number"
    """A number the program keeps (the order number): shown, never typed."""
    SIGNATORIES = "signatories"
    """The signatories of the report, each a name and a position (:data:`SIGNATORY_FIELDS`)."""
    NARRATIVE = "narrative"
    """The texts of part 1, one per section (:data:`~tracker.domain.model.NARRATIVE_SECTIONS`)."""


TYPED_KINDS = frozenset({
    FieldKind.LINE, FieldKind.TEXT, FieldKind.AMOUNT, FieldKind.PERIOD, FieldKind.YEAR, FieldKind.BANDS,
    FieldKind.PATH,
})
"""Kinds whose input is the text as typed (a form reads them back exactly)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field: its key, labels, kind, round, and where the model keeps it."""

    key: str
    """The attribute of the input class (``ProjectInput.budget``)."""
    thai: str
    """The label everywhere it is named: form, detail pane, history."""
    english: str
    kind: FieldKind
    per_round: bool = False
    """Kept per reporting round (a project's result; the plan's narrative)."""
    required: bool = False
    """Saving refuses it empty."""
    editable: bool = True
    """False: shown but never typed (the order number, the remaining budget); not in the input."""
    note: str = ""
    """Said after the label in a form, in brackets: what to type ("พ.ศ.")."""
    stored: str = ""
    """Where the model keeps it, as the history names it ("settings.level_bands"); the key by default.
    A per-round field is kept under ``results.<round>.`` (``narratives.<round>.`` for the narrative)."""

    @property
    def form_label(self) -> str:
        """The label a form shows: with its note, when it has one."""
        return f"{self.thai} ({self.note})" if self.note else self.thai

    @property
    def path(self) -> str:
        """Where the model keeps it (the history's field name, without the round)."""
        return self.stored or self.key

    @property
    def parse(self) -> Callable[[str], Any] | None:
        """The parser of its text, when its kind has one (:data:`PARSERS`)."""
        return PARSERS.get(self.kind)


# --- parsers -------------------------------------------------------------------------------------

MIN_FISCAL_YEAR = 2500
MAX_FISCAL_YEAR = 2700


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


PARSERS: dict[FieldKind, Callable[[str], Any]] = {
    FieldKind.AMOUNT: parse_baht,
    FieldKind.YEAR: parse_fiscal_year,
    FieldKind.BANDS: parse_level_bands,
}
"""The parser of each kind typed as text that has one; each raises ValueError saying what is wrong.
(A period is read against the plan's year, :func:`~tracker.domain.thai.parse_period`.)"""


# --- the catalogue -------------------------------------------------------------------------------

K = FieldKind

PROJECT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("number", "ลำดับ", "order number", K.NUMBER, editable=False),
    FieldSpec("name", "ชื่อโครงการ", "name", K.LINE, required=True),
    FieldSpec("kind", "ประเภท", "kind", K.CHOICE),
    FieldSpec("dimension", "มิติ", "dimension", K.CHOICE, required=True),
    FieldSpec("method", "วิธีการดำเนินงาน", "method", K.TEXT),
    FieldSpec("indicator", "ตัวชี้วัด", "indicator", K.TEXT),
    FieldSpec("no_budget", NO_BUDGET_TEXT, "needs no budget", K.FLAG, stored="budget"),
    FieldSpec("budget", "งบประมาณ", "budget", K.AMOUNT),
    FieldSpec("appropriated", "วงเงินตามข้อบัญญัติ/เทศบัญญัติ", "appropriated in the budget ordinance", K.AMOUNT),
    FieldSpec("included", "บรรจุในข้อบัญญัติ/แผนการดำเนินงาน", "included in the ordinance or operational plan",
              K.CHOICE),
    FieldSpec("period", "ระยะเวลาดำเนินการ", "period", K.PERIOD),
    FieldSpec("unit", "หน่วยงานรับผิดชอบ", "responsible unit", K.LINE),
    FieldSpec("remarks", "หมายเหตุ", "remarks", K.TEXT),
    FieldSpec("status", "สถานะ", "status", K.CHOICE, per_round=True),
    FieldSpec("result_text", "ผลการดำเนินงาน", "result", K.TEXT, per_round=True),
    FieldSpec("disbursed", "เบิกจ่าย", "amount disbursed", K.AMOUNT, per_round=True),
    FieldSpec("remaining", "คงเหลือ", "remaining", K.AMOUNT, per_round=True, editable=False),
    FieldSpec("reason", "เหตุผล", "reason", K.CHOICE, per_round=True),
    FieldSpec("reason_text", "คำอธิบายเหตุผล", "reason in words", K.LINE, per_round=True),
    FieldSpec("remark", "หมายเหตุของรอบ", "remark for the round", K.TEXT, per_round=True),
    FieldSpec("entered", "บันทึกใน e-PlanNACC แล้ว", "entered in e-PlanNACC", K.FLAG, per_round=True,
              editable=False),
)
"""A project's fields in the order the form and the detail pane show them; the per-round ones are its
result in one round (``Project.results[round]``)."""

PLAN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("organization", "ชื่อองค์กร", "organization", K.LINE, required=True),
    FieldSpec("district", "อำเภอ", "district", K.LINE),
    FieldSpec("province", "จังหวัด", "province", K.LINE),
    FieldSpec("preparing_unit", "หน่วยงานที่จัดทำ", "preparing unit", K.LINE),
    FieldSpec("fiscal_year", "ปีงบประมาณ", "fiscal year", K.YEAR, required=True, note="พ.ศ."),
    FieldSpec("round", "รอบการรายงาน", "reporting round", K.CHOICE),
    FieldSpec("digit_style", "ตัวเลขในรายงาน", "digits of the report", K.CHOICE, stored="settings.digit_style"),
    FieldSpec("level_bands", "ระดับผลการประเมิน", "level bands", K.BANDS, stored="settings.level_bands"),
    FieldSpec("signatures", "ผู้ลงนามในรายงาน", "signatories", K.SIGNATORIES),
    FieldSpec("emblem", "ตราสัญลักษณ์", "emblem", K.PATH, note="ไฟล์ภาพ PNG/JPEG", stored="settings.emblem"),
    FieldSpec("narrative", "ส่วนที่ ๑ ความเป็นมา และส่วนหน้าของรายงาน", "part 1 and the front matter", K.NARRATIVE, per_round=True, stored="narratives"),
)
"""The plan's own fields in the order its form shows them (the narrative's sections are
:data:`~tracker.domain.model.NARRATIVE_SECTIONS`)."""

SIGNATORY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "ชื่อ", "name", K.LINE),
    FieldSpec("position", "ตำแหน่ง", "position", K.LINE),
)
"""The parts of one signatory (``signatures.<role>.<part>``)."""

PROJECT: dict[str, FieldSpec] = {f.key: f for f in PROJECT_FIELDS}
PLAN: dict[str, FieldSpec] = {f.key: f for f in PLAN_FIELDS}
SIGNATORY: dict[str, FieldSpec] = {f.key: f for f in SIGNATORY_FIELDS}


def input_keys(fields: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    """The keys of the fields a person types, in order (the attributes of the input class)."""
    return tuple(f.key for f in fields if f.editable)


def label(key: str) -> str:
    """The Thai label of a project's or the plan's field by its key."""
    spec = PROJECT.get(key) or PLAN.get(key)
    if spec is None:
        raise KeyError(key)
    return spec.thai
