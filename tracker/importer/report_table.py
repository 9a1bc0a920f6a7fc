"""One tab-separated table of the report (part 2's summary, part 3's detail), read row by row: its header
and sub-header, repeated at page breaks; rows whose cells wrapped onto continuation rows (an empty order-number
cell), joined; rows whose cells shifted to other columns, or whose tabs became spaces, refused.

What each table's columns mean is read by :mod:`tracker.importer.report_summary_detail`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain.columns import (
    APPROPRIATED_PREFIXES,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_STATUS_HEADINGS,
    is_tick,
)
from tracker.domain.findings import Severity
from tracker.domain.text import bare, squash
from tracker.domain.thai import NO_BUDGET_TEXT, amount_readings, to_arabic_digits, to_thai_digits
from tracker.importer.errors import ReportError
from tracker.importer.report_base import PartReader, part_en

NUMBER_CELL_RE = re.compile(r"^\d{1,4}\.?$")
SPACED_CELLS_RE = re.compile(r" {2,}|\u3000+")
"""What separates the cells of a table row whose tabs became spaces: a run of two or more."""


@dataclass(slots=True)
class Row:
    """A row of a table: the number of its line in the report and its cells, stripped."""

    line_no: int
    cells: list[str]


class TableReader(PartReader):
    """Reads a tab-separated table of the report into rows of the table's width (see the module's doc)."""

    def table(self, start: int, end: int, first_heading: str, part: str) -> tuple[list[str], list[str], list[Row]]:
        """Header, sub-header and rows of the tab-separated table between two lines, each row as its line
        reads: rows whose order-number cell is empty (a cell that wrapped) are joined by :meth:`assemble`.

        Repeated header rows at page breaks are skipped. A line of the table whose tabs became runs of
        spaces is refused (its empty cells cannot be told apart).
        """
        header: list[str] = []
        subheader: list[str] = []
        rows: list[Row] = []
        expect_subheader = False
        for i in range(start, end):
            line = self.lines[i]
            if "\t" not in line:
                if line and not line.isspace():  # a blank line is no row (and a report may hold millions)
                    self._refuse_spaced_row(i, line, first_heading, part)
                continue
            cells = [c.strip() for c in line.split("\t")]
            first = to_arabic_digits(cells[0])
            if bare(cells[0]) == first_heading:
                if not header:
                    header = cells
                expect_subheader = True
                continue
            if expect_subheader and not first and any(map(_is_subheading, cells)):
                if not subheader:
                    subheader = cells
                expect_subheader = False
                continue
            expect_subheader = False
            if NUMBER_CELL_RE.match(first) or (not first and rows):
                rows.append(Row(i + 1, cells))
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

    def assemble(self, part: str, rows: list[Row], names: list[str], kinds: dict[int, str]) -> list[Row]:
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
        short: list[tuple[Row, list[str]]] = []
        joined: list[Row] = []
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
            joined.append(Row(row.line_no, cells[:width]))
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

    def _shape_problem(self, part: str, row: Row, names: list[str], why: str, column: int = 0,
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
    # An amount column: an amount, the words "no budget", or a tick (part 2's ไม่ใช้งบประมาณ column); in a
    # budget cell, either followed by the ordinance's amount ("๕๐,๐๐๐.๐๐ ตามข้อบัญญัติ ๔๙,๐๐๐.๐๐"). The
    # ordinance's amount alone is no budget: it is the rest of a budget cell that wrapped.
    for prefix in APPROPRIATED_PREFIXES:
        budget, found, appropriated = cell.partition(prefix)
        if found:
            return bool(budget.strip()) and _fits(kind, budget.strip()) and bool(amount_readings(appropriated.strip()))
    return bare(cell) == bare(NO_BUDGET_TEXT) or is_tick(cell) or bool(amount_readings(cell))


def _is_subheading(cell: str) -> bool:
    """Whether a cell under the header row heads a column of its own: a status, a budget figure, or the
    national form's amounts (the plan's, "ตามแผนพัฒนาท้องถิ่น"; the ordinance's, "ตามข้อบัญญัติ")."""
    return (
        cell in SUMMARY_STATUS_HEADINGS.values() or cell in SUMMARY_BUDGET_HEADINGS.values()
        or is_form_amount_heading(cell)
    )


def is_form_amount_heading(cell: str) -> bool:
    """Whether ``cell`` heads one of the national form's amounts ("ตามแผนพัฒนาท้องถิ่น", "ตามข้อบัญญัติ")."""
    return bare(cell).startswith(_FORM_AMOUNT_HEADINGS)


_FORM_AMOUNT_HEADINGS = ("ตามแผนพัฒนา", "ตามข้อบัญญัติ", "ตามเทศบัญญัติ", "วงเงินตาม", "งบประมาณตาม")
"""How the national form's amounts are headed under "งบประมาณ" (the plan's and the ordinance's)."""


def _short(text: str, limit: int = 40) -> str:
    """A cell quoted in a message: cut short when long."""
    return text if len(text) <= limit else text[:limit] + "…"


def _int_or_none(text: str) -> int | None:
    digits = to_arabic_digits(text).rstrip(".")
    return int(digits) if digits.isdecimal() and len(digits) <= 9 else None

