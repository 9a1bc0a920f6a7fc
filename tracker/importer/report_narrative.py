"""The report's prose: the foreword and part 1 (background, results, factors, suggestions), the figures
part 1 states in its words, and those figures checked against the tables of parts 2 and 3."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from tracker.domain.figures import compute
from tracker.domain.findings import Severity
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, StatedFigures, Status
from tracker.domain.thai import amount_readings, format_baht, to_arabic_digits, to_thai_digits
from tracker.importer.report_base import PartReader


class NarrativeReader(PartReader):
    """Reads part 1's sections, and checks the figures it states against the projects read."""

    def part1(self, start: int, end: int) -> dict[str, str]:
        """Part 1's sections (the lines from ``start`` to ``end``) by their narrative key."""
        headings = {s.heading: s.key for s in NARRATIVE_SECTIONS if s.key not in ("title", "foreword")}
        # Headings that only group others: their own text, if any, is kept with the background.
        grouping = ("ความเป็นมาและผลการดำเนินงาน", "ปัจจัยที่มีผลต่อความสำเร็จ")
        sections: dict[str, list[str]] = {}
        current = "background"
        for line in self.lines[start:end]:
            stripped = line.strip()
            key = headings.get(stripped)
            if key is None and stripped.startswith("ผลการดำเนินงาน (") and "results" not in sections:
                key = "results"
            if key is not None:
                current = key
                sections.setdefault(current, [])
                continue
            if any(stripped.startswith(g) for g in grouping) and len(stripped) < 80:
                continue
            sections.setdefault(current, []).append(line)
        return {key: paragraphs(lines) for key, lines in sections.items() if paragraphs(lines)}

    def compare_stated(self, plan: Plan) -> None:
        """Part 1's stated figures against those the tables give (a finding for each that differs)."""
        stated = plan.stated
        figures = compute(plan)

        def differ(code: str, what_th: str, what_en: str, said: str, computed: str) -> None:
            self.find(code, Severity.WARNING,
                      f"ส่วนที่ ๑ เขียน{what_th} {said} แต่ตารางมี {computed} (part 1 states {what_en}"
                      f" {to_arabic_digits(said)}, the tables give {to_arabic_digits(computed)})",
                      detail="ตัวเลขในรายงานคำนวณจากตาราง (figures are computed from the tables)")

        if stated.total is not None and stated.total != figures.total:
            differ("STATED_TOTAL", "จำนวนโครงการทั้งหมด", "the number of projects",
                   to_thai_digits(str(stated.total)), to_thai_digits(str(figures.total)))
        for dim in figures.dimensions:
            said_dim = stated.per_dimension.get(dim.number)
            if said_dim is not None and said_dim != dim.total:
                differ("STATED_DIMENSION", f"มิติที่ {to_thai_digits(str(dim.number))} มี",
                       f"dimension {dim.number} has", to_thai_digits(str(said_dim)),
                       to_thai_digits(str(dim.total)))
        for status, said_status in stated.per_status.items():
            if said_status != figures.per_status[status]:
                differ("STATED_STATUS", f" \u201c{status.label}\u201d", f"\u201c{status.english}\u201d",
                       to_thai_digits(str(said_status)), to_thai_digits(str(figures.per_status[status])))
        if stated.disbursed is not None and stated.disbursed != figures.disbursed:
            differ("STATED_DISBURSED", "การเบิกจ่าย", "the amount disbursed",
                   format_baht(stated.disbursed), format_baht(figures.disbursed))
        if stated.score is not None and stated.score != figures.score:
            differ("STATED_SCORE", "ร้อยละการนำแผนไปปฏิบัติ", "the score",
                   to_thai_digits(str(stated.score)), to_thai_digits(str(figures.score)))


def paragraphs(lines: list[str]) -> str:
    """Lines as text: blank lines separate paragraphs, single lines stay lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join("\n".join(p) for p in blocks if p)


# --- part 1's figures, read from prose that may be garbled ----------------------------------------

_STATED_STATUS = {
    Status.IN_PROGRESS: r"อยู่ระหว่าง(?:การ)?ดำเนินการ",
    Status.COMPLETED: r"(?:เสร็จดำเนินการแล้ว|ดำเนินการแล้วเสร็จ|แล้วเสร็จ)",
    Status.NOT_DONE: r"ไม่สามารถดำเนินการ(?:ได้)?",
}


def stated_figures(text: str) -> StatedFigures:
    """The counts, amount, level and score part 1 states, read from its words.

    The seed's lines are partly garbled (numbers before their words, stray dots), so each figure is
    looked for near its key phrase rather than in a fixed sentence.
    """
    stated = StatedFigures()
    if not text:
        return stated
    lines = [to_arabic_digits(line.strip()) for line in text.split("\n") if line.strip()]
    for line in lines:
        if "มิติที่" in line:
            continue
        total = re.search(r"ประกอบด้วย\D{0,12}?(\d+)\s*(?:โครงการ|จำนวน)", line) or re.search(
            r"จำนวน\s*(\d+)\s*โครงการ", line
        )
        if total and stated.total is None:
            stated.total = _count(total.group(1))
    # A dimension's line may wrap before its count: join it with the next line that has one.
    merged: list[str] = []
    for line in lines:
        if merged and "มิติที่" in merged[-1] and "ประกอบด้วย" not in merged[-1]:
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    for line in merged:
        if "มิติที่" not in line:
            continue
        number = re.search(r"มิติที่\s*-?\s*(\d)", line) or re.search(r"(\d)\s*มิติที่", line)
        count = re.search(r"ประกอบด้วย\s*(\d+)\s*โครงการ", line)
        if number and count and (dimension_count := _count(count.group(1))) is not None:
            stated.per_dimension[int(number.group(1))] = dimension_count
    for line in lines:
        for status, pattern in _STATED_STATUS.items():
            found = re.search(pattern + r"[\s.:]*(\d+)\s*โครงการ", line)
            if found and status not in stated.per_status and (status_count := _count(found.group(1))) is not None:
                stated.per_status[status] = status_count
                break
        spent = re.search(r"เบิกจ่ายงบประมาณ[\s.:]*([\d,.]+)\s*บาท", line)
        if spent and stated.disbursed is None:
            digits = spent.group(1).strip(".")
            readings = amount_readings(digits)
            if readings:
                stated.disbursed = readings[0]
        level = re.search(r"ระดับ\s*(\S+)\s*ร้อยละ\s*([\d.]+)", line)
        if level:
            stated.level = level.group(1)
            stated.score = _score(level.group(2).rstrip("."))
    return stated


def _count(digits: str) -> int | None:
    """A count written in the prose; None for a run of digits no count has (and int() refuses thousands)."""
    return int(digits) if len(digits) <= 9 else None


def _score(text: str) -> Decimal | None:
    """A percentage written in the prose ("85", "85.00"); None for stray dots ("1.2.3", ".")."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
