"""The column headings of the report's tables, as the official report writes them.

Exports write these headings and the importer recognises them, so they are defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.model import Status


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str


# Part 2: the summary table (สรุปผลการดำเนินงาน).
SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("number", "ลำดับ"),
    Column("name", "รายการโครงการ"),
    Column("dimension", "มิติ"),
    Column("status", "ผลการดำเนินการ"),
    Column("budget", "งบประมาณ"),
    Column("remarks", "หมายเหตุ"),
)
SUMMARY_STATUS_HEADINGS: dict[Status, str] = {
    Status.COMPLETED: "แล้วเสร็จ",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.NOT_DONE: "ไม่สามารถดำเนินการได้",
}
SUMMARY_BUDGET_HEADINGS: dict[str, str] = {
    "budget": "งบประมาณ",
    "no_budget": "ไม่ใช้งบประมาณ",
    "disbursed": "เบิกจ่าย",
    "remaining": "คงเหลือ",
}

APPROPRIATED_PREFIXES: tuple[str, ...] = ("ตามข้อบัญญัติ", "ตามเทศบัญญัติ")
"""What precedes the amount appropriated in the budget ordinance where a report shows it beside the
plan's budget ("ตามข้อบัญญัติ ๔๙,๐๐๐.๐๐"): an SAO's or PAO's ordinance is a ข้อบัญญัติ, a municipality's a
เทศบัญญัติ (:func:`ordinance_word`)."""


def ordinance_word(organization: str) -> str:
    """The budget ordinance's name for ``organization``: "เทศบัญญัติ" for a municipality (เทศบาล...),
    "ข้อบัญญัติ" for a subdistrict or provincial administrative organization."""
    return "เทศบัญญัติ" if organization.strip().startswith("เทศบาล") else "ข้อบัญญัติ"


# Part 3: the detail table (รายงานผลการดำเนินงาน).
DETAIL_COLUMNS: tuple[Column, ...] = (
    Column("number", "ลำดับ"),
    Column("name", "โครงการ/กิจกรรม"),
    Column("method", "วิธีการดำเนินงาน"),
    Column("indicator", "ตัวชี้วัด"),
    Column("budget", "งบประมาณ"),
    Column("period", "ระยะเวลาดำเนินการ"),
    Column("result", "ผลการดำเนินงาน"),
    Column("disbursed", "การใช้จ่ายงบประมาณ"),
    Column("unit", "หน่วยงานรับผิดชอบ"),
)

TICK = "✓"
TICK_MARKS = frozenset({"✓", "✔", "√", "/", "☑", "✅", "🗸", "／", "∕", "⁄"})
"""Marks offices put in a status column to tick it: check marks, the root sign, and the "/" of Thai forms
with the slashes that look like it (full-width "／" of Asian input methods, division and fraction slashes)."""

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f"), None)
"""Characters a cell may carry unseen: zero-width spaces (Thai text from Word has them as word-break
hints), joiners, the byte-order mark, and the variation selectors an emoji keyboard adds ("✔️")."""


def is_tick(cell: str) -> bool:
    """Whether a table cell holds a tick: one of :data:`TICK_MARKS`, whatever whitespace or invisible
    characters surround it ("/ ", "\u200b/", "✔️")."""
    return "".join(cell.translate(_INVISIBLE).split()) in TICK_MARKS

# Part 1's table of projects per dimension and status (beside the chart of the results of the period);
# the status columns are headed by each status's label.
DIMENSION_COLUMNS: tuple[Column, ...] = (
    Column("number", "มิติที่"),
    Column("name", "ชื่อมิติ"),
    Column("total", "จำนวนโครงการ"),
)
