"""Read a performance report written like the seed (text taken out of the office's Word/PDF file).

The text has a cover, a foreword, contents, part 1 (narrative), part 2 (summary table) and part 3
(detail table). Tables are tab-separated; a cell too long for its page wraps onto a continuation
row whose order-number cell is empty; a page break repeats the table's title or header row.

Where the parts disagree, the importer keeps one value, says which and why, and lists a finding.
Line wrapping (spaces where a cell broke) and number formatting are not disagreements.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tracker.domain.columns import (
    DETAIL_COLUMNS,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_STATUS_HEADINGS,
    is_tick,
)
from tracker.domain.editing import parse_fiscal_year
from tracker.domain.figures import compute
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import (
    NARRATIVE_SECTIONS,
    REASON_LABELS,
    Dimension,
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    StatedFigures,
    Status,
    ensure_uids,
    make_plan_id,
)
from tracker.domain.text import bare, squash
from tracker.domain.thai import (
    NO_BUDGET_TEXT,
    AmountError,
    amount_readings,
    format_baht,
    parse_baht,
    round_bounds,
    thai_date,
    to_arabic_digits,
    to_thai_digits,
)
from tracker.importer.decoding import read_report_file
from tracker.importer.errors import ReportError as ReportError  # re-exported: callers import it from here


@dataclass(slots=True)
class ImportResult:
    plan: Plan
    findings: list[Finding] = field(default_factory=list)
    encoding: str = ""
    """The encoding the file was read in, as a label for the user ("UTF-8", "TIS-620 / Windows-874 ...
    (TIS-620, cp874)"; see :mod:`tracker.importer.decoding`); empty when the text was not read from a file."""


ORGANIZATION_RE = re.compile(
    r"(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร)[^\s\d]+"
)
FISCAL_YEAR_RE = re.compile(r"(?:ประจำ)?ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*(\d{4})")
ROUND_RE = re.compile(r"รอบ\s*(\d{1,2})\s*เดือน")
NUMBER_CELL_RE = re.compile(r"^\d{1,4}\.?$")
SPACED_CELLS_RE = re.compile(r" {2,}|\u3000+")
"""What separates the cells of a table row whose tabs became spaces: a run of two or more."""
CONTENTS_ENTRY_RE = re.compile(r"\S(?: {2,}|\u3000+)[\d\s\-–]+$")
"""A line of the contents whose tab became spaces: a heading, then its page numbers ("๕ - ๗")."""
PART2, PART3 = "ส่วนที่ ๒", "ส่วนที่ ๓"


def cover_fiscal_year(digits: str) -> int:
    """The fiscal year a cover states (พ.ศ., four digits); ReportError for a year no plan can have
    (one in ค.ศ., say, or 0000: the plan's dates could not even be computed)."""
    try:
        return parse_fiscal_year(digits)
    except ValueError as exc:
        raise ReportError(f"หน้าปกเขียนปีงบประมาณ {digits} ซึ่งใช้ไม่ได้ (the cover's fiscal year cannot be used): {exc}") from None


def part_en(part: str) -> str:
    """"ส่วนที่ ๒" as "part 2"."""
    return "part " + to_arabic_digits(part.removeprefix("ส่วนที่ "))
def import_file(path: Path) -> ImportResult:
    """Import the report at ``path``; raises ReportError with a clear message when it cannot."""
    read = read_report_file(path)
    result = import_report(read.text, source=path.name)
    result.encoding = read.encoding
    return result


def import_report(text: str, source: str = "") -> ImportResult:
    """Build a plan from the text of a report."""
    return _Importer(text, source).run()


@dataclass(slots=True)
class _Row:
    line_no: int
    cells: list[str]


@dataclass(slots=True)
class _SummaryRow:
    line_no: int
    number: int
    name: str
    dimension: int | None
    ticks: list[Status]
    budget: str
    no_budget: str
    disbursed: str
    remaining: str
    remarks: str


@dataclass(slots=True)
class _DetailRow:
    line_no: int
    number: int
    name: str
    method: str
    indicator: str
    budget: str
    period: str
    result: str
    disbursed: str
    unit: str


class _Importer:
    def __init__(self, text: str, source: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.source = source
        self.findings: list[Finding] = []

    def find(self, code: str, severity: Severity, message: str, project: int | None = None,
             detail: str = "") -> None:
        self.findings.append(Finding(code, severity, message, project, detail))

    # --- landmarks ------------------------------------------------------------------------------

    def _index(self, pattern: str, start: int = 0) -> int | None:
        """The first line from ``start`` that is a heading matching ``pattern``: not a row of a table (the
        contents' entries name the same headings), whether its cells are split by tabs or by spaces."""
        regex = re.compile(pattern)
        for i in range(start, len(self.lines)):
            line = to_arabic_digits(self.lines[i].strip())
            if "\t" in line or CONTENTS_ENTRY_RE.search(line):
                continue
            if regex.match(line):
                return i
        return None

    def run(self) -> ImportResult:
        foreword_at = self._index(r"^คำนำ$")
        contents_at = self._index(r"^สารบัญ$")
        part1_at = self._index(r"^1\.\s*ความเป็นมา", contents_at or 0)
        part2_at = self._index(r"^2\.\s*สรุปผล", part1_at or 0)
        part3_at = self._index(r"^3\.\s*รายงานผล", part2_at or 0)
        missing = [
            name for name, at in (("ส่วนที่ ๒ สรุปผล (part 2)", part2_at), ("ส่วนที่ ๓ รายงานผล (part 3)", part3_at))
            if at is None
        ]
        if missing or part2_at is None or part3_at is None:
            raise ReportError(
                "ไม่พบ " + ", ".join(missing) + " — ไม่ใช่รายงานผลตามแผนปฏิบัติการป้องกันการทุจริต"
                " (not a performance report of the expected form)"
            )
        cover_end = foreword_at if foreword_at is not None else (part1_at or part2_at)
        plan = self._cover(self.lines[:cover_end])
        narrative = plan.narrative
        if foreword_at is not None:
            end = contents_at if contents_at is not None else (part1_at or part2_at)
            narrative["foreword"] = _paragraphs(self.lines[foreword_at + 1 : end])
        if part1_at is not None:
            narrative.update(self._part1(part1_at + 1, part2_at))
        plan.stated = _stated_figures(narrative.get("results", ""))

        self._check_headings(plan, part2_at, len(self.lines))
        summary = self._summary_rows(part2_at, part3_at)
        detail = self._detail_rows(part3_at, len(self.lines))
        plan.projects = self._merge(plan, summary, detail)
        self._units(plan)
        self._compare_stated(plan)
        plan.source = self.source
        ensure_uids(plan)  # imported projects are p1..pN, the same every time
        return ImportResult(plan, self.findings)

    # --- cover ------------------------------------------------------------------------------------

    def _cover(self, lines: list[str]) -> Plan:
        text_lines = [line.strip() for line in lines if line.strip()]
        joined = to_arabic_digits("\n".join(text_lines))
        org_match = ORGANIZATION_RE.search(joined)
        fy_match = FISCAL_YEAR_RE.search(joined)
        if org_match is None or fy_match is None:
            raise ReportError(
                "หน้าปกไม่ระบุชื่อองค์กรปกครองส่วนท้องถิ่นหรือปีงบประมาณ"
                " (the cover names no organization or fiscal year)"
            )
        organization = org_match.group(0)
        fiscal_year = cover_fiscal_year(fy_match.group(1))
        round_match = ROUND_RE.search(joined)
        round_ = Round.TWELVE
        if round_match is None:
            self.find("ROUND_NOT_STATED", Severity.WARNING,
                      "หน้าปกไม่ระบุรอบการรายงาน (the cover states no round)",
                      detail="ถือเป็นรอบ ๑๒ เดือน (taken as the 12-month round)")
        elif round_match.group(1) in ("6", "12"):
            round_ = Round(int(round_match.group(1)))
        else:
            self.find("ROUND_UNKNOWN", Severity.WARNING,
                      f"รอบ {round_match.group(1)} เดือน ไม่ใช่รอบที่ระบบรู้จัก (unknown round)",
                      detail="ถือเป็นรอบ ๑๒ เดือน (taken as the 12-month round)")
        district = re.search(r"อำเภอ\s*([^\s\d]+)", joined)
        province = re.search(r"จังหวัด\s*([^\s\d]+)", joined)

        title_lines: list[str] = []
        for line in text_lines:
            if ORGANIZATION_RE.search(line) or ROUND_RE.search(to_arabic_digits(line)):
                break
            title_lines.append(line)
        unit_parts: list[str] = []
        if "จัดทำโดย" in text_lines:
            for line in text_lines[text_lines.index("จัดทำโดย") + 1 :]:
                if line.startswith("อำเภอ") or line.startswith("จังหวัด"):
                    break
                part = squash(line.replace(organization, ""))
                if part:
                    unit_parts.append(part)
        plan = Plan(
            plan_id=make_plan_id(organization, fiscal_year),
            organization=organization,
            fiscal_year=fiscal_year,
            district=district.group(1) if district else "",
            province=province.group(1) if province else "",
            preparing_unit=" ".join(unit_parts),
            round=round_,
        )
        if title_lines:
            plan.narrative["title"] = "\n".join(title_lines)
        return plan

    # --- part 1 -----------------------------------------------------------------------------------

    def _part1(self, start: int, end: int) -> dict[str, str]:
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
        return {key: _paragraphs(lines) for key, lines in sections.items() if _paragraphs(lines)}

    # --- headings of parts 2 and 3 ------------------------------------------------------------------

    def _check_headings(self, plan: Plan, start: int, end: int) -> None:
        """Titles above the tables that name another fiscal year than the cover."""
        first, last = round_bounds(plan.fiscal_year, int(plan.round))
        for i in range(start, end):
            line = self.lines[i]
            if "\t" in line:
                continue
            match = FISCAL_YEAR_RE.search(to_arabic_digits(line))
            if match is None or int(match.group(1)) == plan.fiscal_year:
                continue
            stated = int(match.group(1))
            self.find(
                "FISCAL_YEAR_HEADING", Severity.WARNING,
                f"บรรทัด {i + 1}: หัวตารางเขียนปีงบประมาณ {to_thai_digits(str(stated))} แต่หน้าปกเขียน"
                f" {to_thai_digits(str(plan.fiscal_year))} (a table title names fiscal year {stated},"
                f" the cover {plan.fiscal_year})",
                detail=(
                    f"ใช้ปีงบประมาณ {to_thai_digits(str(plan.fiscal_year))} ตามหน้าปก ซึ่งตรงกับช่วง"
                    f" {thai_date(first)} – {thai_date(last)} ที่หัวตารางเขียนไว้เอง"
                    f" (kept the cover's year; the period in the same title belongs to it)"
                ),
            )

    # --- tables -----------------------------------------------------------------------------------

    def _table(self, start: int, end: int, first_heading: str, part: str) -> tuple[list[str], list[str], list[_Row]]:
        """Header, sub-header and rows of the tab-separated table between two lines, each row as its line
        reads: rows whose order-number cell is empty (a cell that wrapped) are joined by :meth:`_assemble`.

        Repeated header rows at page breaks are skipped. A line of the table whose tabs became runs of
        spaces is refused (its empty cells cannot be told apart).
        """
        header: list[str] = []
        subheader: list[str] = []
        rows: list[_Row] = []
        expect_subheader = False
        for i in range(start, end):
            line = self.lines[i]
            if "\t" not in line:
                self._refuse_spaced_row(i, line, first_heading, part)
                continue
            cells = [c.strip() for c in line.split("\t")]
            first = to_arabic_digits(cells[0])
            if bare(cells[0]) == first_heading:
                if not header:
                    header = cells
                expect_subheader = True
                continue
            if expect_subheader and not first and any(
                c in SUMMARY_STATUS_HEADINGS.values() or c in SUMMARY_BUDGET_HEADINGS.values() for c in cells
            ):
                if not subheader:
                    subheader = cells
                expect_subheader = False
                continue
            expect_subheader = False
            if NUMBER_CELL_RE.match(first) or (not first and rows):
                rows.append(_Row(i + 1, cells))
            elif any(cells):
                self.find("TABLE_ROW_UNREAD", Severity.WARNING,
                          f"บรรทัด {i + 1}: แถวที่ไม่มีลำดับโครงการ ไม่ได้นำเข้า (a table row without an order number was skipped)",
                          detail=squash(line)[:120])
        return header, subheader, rows

    def _refuse_spaced_row(self, index: int, line: str, first_heading: str, part: str) -> None:
        """ReportError if ``line`` is a row of the table whose tabs became runs of spaces.

        Such a row cannot be read soundly: an empty cell (a status not ticked, no remarks, the order number
        of a wrapped row) leaves only a longer run of spaces, so the cells after it would land in the wrong
        columns. The office can copy the table out of Word again, which gives tabs.
        """
        cells = SPACED_CELLS_RE.split(line.strip())
        if len(cells) < 3:
            return
        if bare(cells[0]) != first_heading and not NUMBER_CELL_RE.match(to_arabic_digits(cells[0])):
            return
        raise ReportError(
            f"{part} บรรทัด {index + 1}: ตารางใช้ช่องว่างหลายตัวคั่นช่องแทนแท็บ ซึ่งแยกช่องว่างออกจากช่องที่ไม่มีข้อมูลไม่ได้"
            " จึงไม่นำเข้า: คัดลอกตารางจาก Word ใหม่ หรือบันทึกเป็นข้อความที่คั่นช่องด้วยแท็บ"
            f" ({part_en(part)}, line {index + 1}: the table's cells are separated by runs of spaces, not tabs,"
            " so empty cells cannot be told apart; nothing was imported: copy the table out of Word again,"
            " or save it as text with tab-separated cells)"
        )

    def _assemble(self, part: str, rows: list[_Row], names: list[str], kinds: dict[int, str]) -> list[_Row]:
        """The table's rows with each wrapped row joined to the row above, after checking every row's shape.

        ``names`` are the table's column headings (its width), ``kinds`` the columns that hold one short
        value each (a dimension, a tick, an amount: see :func:`_fits`). A row of the wrong width is read
        only if each of its cells fits its column (the cells it lacks were empty ones at its end; the
        ones it has beyond the table are empty): else the cells have shifted, and the import is refused
        rather than put values in the wrong columns. A row without an order number that has a value of its
        own where the row above already has one is a project whose number is missing, not a wrapped cell:
        refused rather than merged into its neighbour.
        """
        width = len(names)
        problems: list[tuple[int, str]] = []
        short: list[tuple[_Row, list[str]]] = []
        joined: list[_Row] = []
        for row in rows:
            cells = row.cells
            extra = [c for c in cells[width:] if c]
            number = to_arabic_digits(cells[0]).rstrip(".")
            if not number:  # a wrapped cell's continuation
                if not joined:
                    continue  # it continues a row already refused
                previous = joined[-1]
                clash = next(
                    (k for k, kind in kinds.items()
                     if k < len(cells) and k < len(previous.cells) and _fits(kind, cells[k])
                     and _fits(kind, previous.cells[k]) and cells[k] and previous.cells[k]),
                    None,
                )
                if clash is not None:
                    k = clash
                    problems.append((row.line_no, (
                        f"{part} บรรทัด {row.line_no}: แถวนี้ไม่มีลำดับโครงการ แต่มี{names[k]}ของตัวเอง"
                        f" \u201c{_short(cells[k])}\u201d ทั้งที่โครงการลำดับ {to_thai_digits(previous.cells[0])}"
                        f" (บรรทัด {previous.line_no}) มีแล้ว \u201c{_short(previous.cells[k])}\u201d จึงเป็นโครงการที่ลำดับหายไป"
                        " ไม่ใช่ข้อความที่ขึ้นบรรทัดใหม่ ไม่นำเข้าเพื่อไม่ให้รวมสองโครงการเป็นโครงการเดียว: ใส่ลำดับโครงการในแถวนี้"
                        f" ({part_en(part)}, line {row.line_no}: a row without an order number has its own"
                        f" \u201c{names[k]}\u201d while project {to_arabic_digits(previous.cells[0])} on line"
                        f" {previous.line_no} has one already: a project whose number is missing, not a wrapped cell;"
                        " nothing was imported, so that two projects are not merged into one: give the row its order number)"
                    )))
                    continue
                if extra:
                    problems.append((row.line_no, self._shape_problem(part, row, names, "extra")))
                    continue
                merged = previous.cells
                merged.extend([""] * (min(len(cells), width) - len(merged)))
                for k, cell in enumerate(cells[:width]):
                    if cell:
                        merged[k] = f"{merged[k]} {cell}".strip()
                continue
            if len(cells) != width:
                misfit = next(
                    (k for k, kind in kinds.items() if k < len(cells) and not _fits(kind, cells[k])), None
                )
                if extra:
                    problems.append((row.line_no, self._shape_problem(part, row, names, "extra")))
                    continue
                if misfit is not None:
                    problems.append((row.line_no, self._shape_problem(part, row, names, "misfit", column=misfit,
                                                                      kind=kinds[misfit])))
                    continue
                if len(cells) < width:
                    short.append((row, names[len(cells) :]))
            joined.append(_Row(row.line_no, cells[:width]))
        if problems:
            first = problems[0][1]
            more = [line for line, _ in problems[1:]]
            if more:
                lines = ", ".join(str(n) for n in more[:10]) + (" …" if len(more) > 10 else "")
                first += f" — และอีก {len(more)} แถว บรรทัด {lines} (and {len(more)} more rows: lines {lines})"
            raise ReportError(first)
        if short:
            rows_th = ", ".join(f"ลำดับ {to_thai_digits(r.cells[0])} (บรรทัด {r.line_no})" for r, _ in short[:10])
            missing = sorted({name for _, lacking in short for name in lacking}, key=names.index)
            self.find(
                "TABLE_ROW_SHORT", Severity.WARNING,
                f"{part}: แถวของโครงการ {rows_th}{' …' if len(short) > 10 else ''} มีช่องน้อยกว่า {width} คอลัมน์ของตาราง"
                f" ช่องท้ายแถวที่ขาด ({', '.join(missing)}) อ่านเป็นค่าว่าง ({part_en(part)}: {len(short)} rows have"
                f" fewer cells than the table's {width} columns; their missing last cells read as empty)",
                _int_or_none(short[0][0].cells[0]) if len(short) == 1 else None,
                detail="ตรวจว่าช่องเหล่านั้นว่างจริงในรายงาน (check that those cells are empty in the report)",
            )
        return joined

    def _shape_problem(self, part: str, row: _Row, names: list[str], why: str, column: int = 0,
                       kind: str = "") -> str:
        """The message refusing a row whose cells would land in the wrong columns."""
        width = len(names)
        count = len(row.cells)
        whose_th = f"แถวของโครงการลำดับ {to_thai_digits(row.cells[0])}" if row.cells[0] else "แถวที่ต่อจากบรรทัดบน"
        whose_en = f"project {to_arabic_digits(row.cells[0])}'s row" if row.cells[0] else "a wrapped row"
        if why == "extra":
            reason_th, reason_en = "มีข้อความเกินคอลัมน์สุดท้าย", "it has text beyond the last column"
        else:
            what_th, what_en = _KIND_WORDS[kind]
            reason_th = f"ช่อง{names[column]}กลายเป็น \u201c{_short(row.cells[column])}\u201d ซึ่งไม่ใช่{what_th}"
            reason_en = f"its \u201c{names[column]}\u201d cell would read \u201c{_short(row.cells[column])}\u201d, not {what_en}"
        return (
            f"{part} บรรทัด {row.line_no}: {whose_th} มี {count} ช่อง แต่ตารางมี {width} คอลัมน์ ({', '.join(names)})"
            f" และ{reason_th} ข้อมูลจึงเลื่อนคอลัมน์ ไม่นำเข้าเพื่อไม่ให้ค่าไปอยู่ผิดช่อง: แก้แถวนี้ให้มีหนึ่งช่องต่อหนึ่งคอลัมน์"
            f" ({part_en(part)}, line {row.line_no}: {whose_en} has {count} cells, the table {width} columns;"
            f" {reason_en}, so its cells have shifted; nothing was imported, so that no value lands in the wrong"
            " column: give the row one cell per column)"
        )

    def _summary_rows(self, start: int, end: int) -> list[_SummaryRow]:
        header, subheader, rows = self._table(start, end, "ลำดับ", PART2)
        if not header:
            raise ReportError("ไม่พบตารางสรุปผลในส่วนที่ ๒ (no summary table in part 2)")
        width = max(len(header), len(subheader))
        headings = []
        for k in range(width):
            sub = subheader[k] if k < len(subheader) else ""
            top = header[k] if k < len(header) else ""
            headings.append(squash(sub or top))
        names = [bare(h) for h in headings]

        def col(*labels: str) -> int | None:
            for label in labels:
                if bare(label) in names:
                    return names.index(bare(label))
            return None

        status_cols = {s: col(h) for s, h in SUMMARY_STATUS_HEADINGS.items()}
        c_name = col("รายการโครงการ", "โครงการ/กิจกรรม", "โครงการ")
        c_dim = col("มิติ")
        c_budget = col(SUMMARY_BUDGET_HEADINGS["budget"])
        c_none = col(SUMMARY_BUDGET_HEADINGS["no_budget"])
        c_disb = col(SUMMARY_BUDGET_HEADINGS["disbursed"])
        c_rem = col(SUMMARY_BUDGET_HEADINGS["remaining"])
        c_remarks = col("หมายเหตุ")
        if c_name is None:
            raise ReportError("ตารางส่วนที่ ๒ ไม่มีคอลัมน์รายการโครงการ (part 2 has no project column)")

        def cell(row: _Row, k: int | None) -> str:
            return row.cells[k] if k is not None and k < len(row.cells) else ""

        kinds = {k: "dimension" for k in (c_dim,) if k is not None}
        kinds |= {k: "tick" for k in status_cols.values() if k is not None}
        kinds |= {k: "amount" for k in (c_budget, c_none, c_disb, c_rem) if k is not None}
        result = []
        for row in self._assemble(PART2, rows, headings, kinds):
            dim_text = to_arabic_digits(cell(row, c_dim))
            result.append(_SummaryRow(
                line_no=row.line_no,
                number=int(to_arabic_digits(row.cells[0]).rstrip(".")),
                name=squash(cell(row, c_name)),
                # isdecimal, not isdigit: int() reads neither superscripts ("²") nor thousands of digits.
                dimension=int(dim_text) if dim_text.isdecimal() and len(dim_text) <= 9 else None,
                ticks=[s for s, k in status_cols.items() if is_tick(cell(row, k))],
                budget=cell(row, c_budget),
                no_budget=cell(row, c_none),
                disbursed=cell(row, c_disb),
                remaining=cell(row, c_rem),
                remarks=squash(cell(row, c_remarks)),
            ))
        return result

    def _detail_rows(self, start: int, end: int) -> list[_DetailRow]:
        header, _, rows = self._table(start, end, "ลำดับ", PART3)
        if not header:
            raise ReportError("ไม่พบตารางรายงานผลในส่วนที่ ๓ (no detail table in part 3)")
        names = [bare(h) for h in header]
        index: dict[str, int] = {}
        for column in DETAIL_COLUMNS:
            if bare(column.heading) in names:
                index[column.key] = names.index(bare(column.heading))
        if "name" not in index:
            raise ReportError("ตารางส่วนที่ ๓ ไม่มีคอลัมน์โครงการ/กิจกรรม (part 3 has no project column)")

        def cell(row: _Row, key: str) -> str:
            k = index.get(key)
            return squash(row.cells[k]) if k is not None and k < len(row.cells) else ""

        kinds = {index[key]: "amount" for key in ("budget", "disbursed") if key in index}
        return [
            _DetailRow(
                line_no=row.line_no,
                number=int(to_arabic_digits(row.cells[0]).rstrip(".")),
                name=cell(row, "name"),
                method=cell(row, "method"),
                indicator=cell(row, "indicator"),
                budget=cell(row, "budget"),
                period=cell(row, "period"),
                result=cell(row, "result"),
                disbursed=cell(row, "disbursed"),
                unit=cell(row, "unit"),
            )
            for row in self._assemble(PART3, rows, [squash(h) for h in header], kinds)
        ]

    # --- merging the two tables -----------------------------------------------------------------------

    def _merge(self, plan: Plan, summary: list[_SummaryRow], detail: list[_DetailRow]) -> list[Project]:
        by_number_s = self._unique(summary, "ส่วนที่ ๒")
        by_number_d = self._unique(detail, "ส่วนที่ ๓")
        projects = []
        for number in sorted(set(by_number_s) | set(by_number_d)):
            s = by_number_s.get(number)
            d = by_number_d.get(number)
            if s is None:
                self.find("MISSING_IN_SUMMARY", Severity.WARNING,
                          f"โครงการลำดับ {to_thai_digits(str(number))} มีในส่วนที่ ๓ แต่ไม่มีในตารางสรุปส่วนที่ ๒"
                          " (in the detail table only)", number,
                          detail="นำเข้าโดยไม่มีมิติและสถานะ (imported without dimension or status)")
            if d is None:
                self.find("MISSING_IN_DETAIL", Severity.WARNING,
                          f"โครงการลำดับ {to_thai_digits(str(number))} มีในตารางสรุปส่วนที่ ๒ แต่ไม่มีในส่วนที่ ๓"
                          " (in the summary table only)", number,
                          detail="นำเข้าเฉพาะข้อมูลที่ตารางสรุปมี (imported with what the summary holds)")
            projects.append(self._project(plan, number, s, d))
        return projects

    def _unique(self, rows: list[_SummaryRow] | list[_DetailRow], part: str) -> dict[int, _SummaryRow | _DetailRow]:
        seen: dict[int, _SummaryRow | _DetailRow] = {}
        for row in rows:
            if row.number in seen:
                self.find("DUPLICATE_NUMBER", Severity.WARNING,
                          f"{part} บรรทัด {row.line_no}: ลำดับ {to_thai_digits(str(row.number))} ซ้ำกับบรรทัด"
                          f" {seen[row.number].line_no} (order number used twice)", row.number,
                          detail="ใช้แถวแรก (kept the first row)")
                continue
            seen[row.number] = row
        return seen

    def _project(self, plan: Plan, number: int, s: _SummaryRow | _DetailRow | None,
                 d: _SummaryRow | _DetailRow | None) -> Project:
        assert s is None or isinstance(s, _SummaryRow)
        assert d is None or isinstance(d, _DetailRow)
        name = self._name(number, s.name if s else None, d.name if d else None)
        dimension = s.dimension if s and s.dimension else 0
        if s and s.dimension is None:
            self.find("DIMENSION_MISSING", Severity.WARNING,
                      f"โครงการลำดับ {to_thai_digits(str(number))} ไม่ระบุมิติ (no dimension given)", number)
        if dimension and dimension not in {dim.number for dim in plan.dimensions}:
            plan.dimensions.append(Dimension(dimension, f"มิติที่ {to_thai_digits(str(dimension))}"))
        budget = self._budget(number, s, d)
        status = self._status(number, s)
        result_text = d.result if d else ""
        disbursed = self._disbursed(number, budget, s, d)
        reason, reason_text = self._reason(number, status, result_text)
        if s and s.remaining:
            self._check_remaining(number, budget, disbursed, s.remaining)
        return Project(
            number=number,
            name=name,
            dimension=dimension,
            kind=ProjectKind.from_name(name),
            method=d.method if d else "",
            indicator=d.indicator if d else "",
            budget=budget,
            period=d.period if d else "",
            unit=d.unit if d else "",
            remarks=s.remarks if s else "",
            results={plan.round: RoundResult(status, result_text, disbursed, reason, reason_text)},
        )

    def _name(self, number: int, summary: str | None, detail: str | None) -> str:
        if summary is None or detail is None:
            return summary or detail or ""
        s_bare, d_bare = bare(summary), bare(detail)
        if s_bare == d_bare:
            return summary  # the summary's single line has no wrapping artefacts
        no = to_thai_digits(str(number))
        if d_bare.startswith(s_bare) or s_bare.startswith(d_bare):
            longer_is_summary = len(s_bare) > len(d_bare)
            self.find(
                "NAME_TRUNCATED", Severity.WARNING,
                f"ชื่อโครงการลำดับ {no} ใน{'ส่วนที่ ๓' if longer_is_summary else 'ส่วนที่ ๒'} ขาดท้ายชื่อ"
                f" (the name is cut short in part {3 if longer_is_summary else 2})",
                number,
                detail=f"ใช้ชื่อเต็ม (kept the full name): {summary if longer_is_summary else detail}",
            )
            return summary if longer_is_summary else respace(detail, summary)
        if _is_subsequence(s_bare, d_bare) or _is_subsequence(d_bare, s_bare):
            summary_longer = len(s_bare) > len(d_bare)
            chosen = summary if summary_longer else respace(detail, summary)
            self.find(
                "NAME_MISMATCH", Severity.WARNING,
                f"ชื่อโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ \u201c{summary}\u201d, ส่วนที่ ๓ \u201c{squash(detail)}\u201d"
                " (the two tables name the project differently)",
                number,
                detail=(
                    f"ใช้ \u201c{chosen}\u201d: อีกชื่อหนึ่งมีคำตกหล่น"
                    f" (kept the name of part {2 if summary_longer else 3}: the other lacks words it has)"
                ),
            )
            return chosen
        self.find(
            "NAME_MISMATCH", Severity.WARNING,
            f"ชื่อโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ \u201c{summary}\u201d, ส่วนที่ ๓ \u201c{squash(detail)}\u201d"
            " (the two tables name the project differently)",
            number,
            detail="ใช้ชื่อในตารางสรุปส่วนที่ ๒ (kept the summary table's name)",
        )
        return summary

    def _budget(self, number: int, s: _SummaryRow | None, d: _DetailRow | None) -> Decimal | None:
        no = to_thai_digits(str(number))
        s_amount: Decimal | None = None
        if s and s.budget:
            try:
                s_amount = parse_baht(s.budget)
            except AmountError as exc:
                self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                          f"งบประมาณโครงการลำดับ {no} ในส่วนที่ ๒ อ่านไม่ได้: {exc}", number)
        s_says_none = bool(s) and (s_amount is None or s_amount == 0) and (
            s is not None and (is_tick(s.no_budget) or bare(s.no_budget) == bare(NO_BUDGET_TEXT)
                               or not s.no_budget or _is_zero(s.no_budget))
        )
        if d is None or not d.budget:
            return None if s_amount is None or (s_says_none and s_amount == 0) else s_amount
        if bare(d.budget) == bare(NO_BUDGET_TEXT):
            if s_amount is not None and s_amount != 0:
                self.find(
                    "BUDGET_MISMATCH", Severity.WARNING,
                    f"โครงการลำดับ {no}: ส่วนที่ ๓ เขียน{NO_BUDGET_TEXT} แต่ส่วนที่ ๒ เขียนงบประมาณ"
                    f" {format_baht(s_amount)} บาท (part 3 says no budget, part 2 gives an amount)",
                    number, detail="ใช้จำนวนเงินตามส่วนที่ ๒ (kept the amount of part 2)",
                )
                return s_amount
            return None
        readings = amount_readings(d.budget)
        if not readings:
            self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                      f"งบประมาณโครงการลำดับ {no} ในส่วนที่ ๓ อ่านไม่ได้: \u201c{d.budget}\u201d (unreadable amount)",
                      number, detail="ใช้จำนวนเงินตามส่วนที่ ๒ (kept the amount of part 2)")
            return s_amount
        if len(readings) > 1:
            chosen = s_amount if s_amount in readings else readings[0]
            why = (
                f"ใช้ {format_baht(chosen)} บาท ตามตารางสรุปส่วนที่ ๒" if s_amount in readings
                else f"ใช้ {format_baht(chosen)} บาท: จุดน่าจะใช้แทนจุลภาคคั่นหลักพัน"
            )
            self.find(
                "AMOUNT_AMBIGUOUS", Severity.WARNING,
                f"งบประมาณโครงการลำดับ {no} ในส่วนที่ ๓ เขียน \u201c{d.budget}\u201d อ่านได้ทั้ง "
                + " และ ".join(f"{format_baht(r)} บาท" for r in readings)
                + " (an amount that reads two ways)",
                number, detail=why + " (kept the reading the summary table confirms)"
                if s_amount in readings else why + " (the dot stands for a thousands comma)",
            )
            return chosen
        amount = readings[0]
        if s_amount is not None and s_amount != amount:
            self.find(
                "BUDGET_MISMATCH", Severity.WARNING,
                f"งบประมาณโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ {format_baht(s_amount)} บาท,"
                f" ส่วนที่ ๓ {format_baht(amount)} บาท (the tables give different budgets)",
                number, detail="ใช้จำนวนเงินตามตารางสรุปส่วนที่ ๒ ซึ่งรวมยอดไว้ (kept the summary table's amount)",
            )
            return s_amount
        return amount

    def _status(self, number: int, s: _SummaryRow | None) -> Status:
        if s is None:
            return Status.NOT_REPORTED
        if len(s.ticks) > 1:
            self.find("STATUS_TWICE", Severity.WARNING,
                      f"โครงการลำดับ {to_thai_digits(str(number))} ถูกทำเครื่องหมายหลายสถานะ"
                      " (more than one status ticked)", number,
                      detail=f"ใช้ {s.ticks[0].label} (kept the first ticked column)")
        return s.ticks[0] if s.ticks else Status.NOT_REPORTED

    def _disbursed(self, number: int, budget: Decimal | None, s: _SummaryRow | None,
                   d: _DetailRow | None) -> Decimal | None:
        no = to_thai_digits(str(number))
        s_amount = _amount_or_none(s.disbursed) if s else None
        d_text = d.disbursed if d else ""
        if d_text and bare(d_text) == bare(NO_BUDGET_TEXT):
            d_amount = None
        else:
            d_amount = _amount_or_none(d_text)
            if d_text and d_amount is None:
                self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                          f"การใช้จ่ายงบประมาณโครงการลำดับ {no} ในส่วนที่ ๓ อ่านไม่ได้: \u201c{d_text}\u201d",
                          number)
        if s_amount is not None and d_amount is not None and s_amount != d_amount:
            self.find(
                "DISBURSED_MISMATCH", Severity.WARNING,
                f"การเบิกจ่ายโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ {format_baht(s_amount)} บาท,"
                f" ส่วนที่ ๓ {format_baht(d_amount)} บาท (the tables give different amounts spent)",
                number, detail="ใช้ตามตารางสรุปส่วนที่ ๒ (kept the summary table's amount)",
            )
            return s_amount
        amount = d_amount if d_amount is not None else s_amount
        if budget is None and amount == 0:
            return None  # a project that needs no budget spends nothing: not "0.00 of a budget"
        return amount

    def _reason(self, number: int, status: Status, result_text: str) -> tuple[ReasonKind | None, str]:
        if status is not Status.NOT_DONE:
            return None, ""
        no = to_thai_digits(str(number))
        match = re.search(r"เนื่องจาก\s*(.+)$", result_text)
        if match is None:
            says_not_done = "ไม่สามารถ" in bare(result_text) or "ไม่ได้ดำเนินการ" in bare(result_text)
            self.find(
                "REASON_MISSING", Severity.WARNING,
                f"โครงการลำดับ {no} ไม่สามารถดำเนินการได้ แต่ไม่ระบุเหตุผล"
                " (could not be done, and no reason is given)", number,
                detail="ระบุเหตุผล: ไม่ได้รับงบประมาณ, นโยบายผู้บริหารเปลี่ยนแปลง, บุคลากรไม่เพียงพอ หรืออื่นๆ"
                " (record one of the four reasons)",
            )
            if not says_not_done and result_text:
                self.find(
                    "STATUS_RESULT_MISMATCH", Severity.WARNING,
                    f"โครงการลำดับ {no}: ตารางสรุปส่วนที่ ๒ ทำเครื่องหมายว่าไม่สามารถดำเนินการได้ แต่ผลการดำเนินงาน"
                    f"ในส่วนที่ ๓ เขียนเป็นผลสำเร็จ \u201c{result_text}\u201d (part 2 ticks could-not-be-done;"
                    " part 3 reports a result as if it were done)",
                    number,
                    detail="ใช้สถานะตามส่วนที่ ๒ ซึ่งตรงกับจำนวนที่สรุปไว้ในส่วนที่ ๑; ตรวจสอบว่าโครงการนี้ดำเนินการแล้วหรือไม่"
                    " (kept part 2's status, which part 1's counts agree with; check which is true)",
                )
            return None, ""
        phrase = squash(match.group(1))
        for kind, label in REASON_LABELS.items():
            if kind is not ReasonKind.OTHER and bare(label) in bare(phrase):
                # The label says it all unless the report adds words of its own.
                return kind, "" if bare(label) == bare(phrase) else phrase
        return ReasonKind.OTHER, phrase

    def _check_remaining(self, number: int, budget: Decimal | None, disbursed: Decimal | None,
                         stated: str) -> None:
        amount = _amount_or_none(stated)
        expected = (budget or Decimal(0)) - (disbursed or Decimal(0))
        if amount is not None and amount != expected:
            self.find(
                "REMAINING_MISMATCH", Severity.WARNING,
                f"คงเหลือของโครงการลำดับ {to_thai_digits(str(number))} เขียน {format_baht(amount)} บาท"
                f" แต่งบประมาณ − เบิกจ่าย = {format_baht(expected)} บาท (remaining ≠ budget − disbursed)",
                number, detail="คงเหลือคำนวณใหม่จากงบประมาณและการเบิกจ่าย (remaining is computed, not kept)",
            )

    def _units(self, plan: Plan) -> None:
        """Units that differ only by where they wrapped are one unit: keep its unwrapped spelling."""
        spellings: dict[str, str] = {}
        for project in plan.projects:
            key = bare(project.unit)
            if key and (key not in spellings or project.unit.count(" ") < spellings[key].count(" ")):
                spellings[key] = project.unit
        for project in plan.projects:
            if project.unit:
                project.unit = spellings[bare(project.unit)]

    # --- part 1's stated figures against the tables -------------------------------------------------

    def _compare_stated(self, plan: Plan) -> None:
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


_KIND_WORDS = {
    "dimension": ("เลขมิติ", "a dimension number"),
    "tick": ("เครื่องหมาย ✓ หรือ /", "a tick"),
    "amount": ("จำนวนเงิน", "an amount"),
}


def _fits(kind: str, cell: str) -> bool:
    """Whether ``cell`` can be what a column of ``kind`` holds (empty or a dash always can)."""
    if not cell or cell in ("-", "–", "—"):
        return True
    if kind == "dimension":
        return to_arabic_digits(cell).isdecimal()
    if kind == "tick":
        return is_tick(cell)
    # An amount column: an amount, the words "no budget", or a tick (part 2's ไม่ใช้งบประมาณ column).
    return bare(cell) == bare(NO_BUDGET_TEXT) or is_tick(cell) or bool(amount_readings(cell))


def _short(text: str, limit: int = 40) -> str:
    """A cell quoted in a message: cut short when long."""
    return text if len(text) <= limit else text[:limit] + "…"


def _int_or_none(text: str) -> int | None:
    digits = to_arabic_digits(text).rstrip(".")
    return int(digits) if digits.isdecimal() and len(digits) <= 9 else None


def _paragraphs(lines: list[str]) -> str:
    """Lines as text: blank lines separate paragraphs, single lines stay lines."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _is_zero(text: str) -> bool:
    amount = _amount_or_none(text)
    return amount is not None and amount == 0


def _amount_or_none(text: str) -> Decimal | None:
    readings = amount_readings(text) if text else []
    return readings[0] if readings else None


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def respace(content: str, reference: str) -> str:
    """``content`` with its spaces taken from ``reference`` wherever the two texts align.

    A wrapped cell has spaces where its lines broke ("โครงการเสริมสร้าง ความโปร่งใสในการ บริหาร");
    the same name on one line shows where real spaces are. Characters only ``content`` has keep their
    own spacing.
    """
    c_chars = [ch for ch in content if not ch.isspace()]
    c_space_after = _space_after(content)
    r_chars = [ch for ch in reference if not ch.isspace()]
    r_space_after = _space_after(reference)
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, c_chars, r_chars, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    out: list[str] = []
    for i, ch in enumerate(c_chars):
        out.append(ch)
        if i == len(c_chars) - 1:
            break
        j, j_next = mapping.get(i), mapping.get(i + 1)
        if j is not None and (j_next is None or j_next == j + 1):
            space = r_space_after[j]  # aligned, or where text only ``content`` has begins
        elif j is None and j_next is not None and j_next > 0:
            space = r_space_after[j_next - 1]  # where text only ``content`` has ends
        else:
            space = c_space_after[i]
        if space:
            out.append(" ")
    return "".join(out)


def _space_after(text: str) -> list[bool]:
    flags: list[bool] = []
    for ch in text.strip():
        if ch.isspace():
            if flags:
                flags[-1] = True
        else:
            flags.append(False)
    return flags


# --- part 1's figures, read from prose that may be garbled ----------------------------------------

_STATED_STATUS = {
    Status.IN_PROGRESS: r"อยู่ระหว่าง(?:การ)?ดำเนินการ",
    Status.COMPLETED: r"(?:เสร็จดำเนินการแล้ว|ดำเนินการแล้วเสร็จ|แล้วเสร็จ)",
    Status.NOT_DONE: r"ไม่สามารถดำเนินการ(?:ได้)?",
}


def _stated_figures(text: str) -> StatedFigures:
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
