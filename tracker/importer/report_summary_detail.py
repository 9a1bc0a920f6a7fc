"""Parts 2 and 3 of the report: the titles above their tables (checked against the cover's fiscal year),
part 2's summary table (each project's dimension, ticked status and amounts) and part 3's detail table (its
method, indicator, budget, period, result, amount spent and unit), as rows by their columns' headings."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.columns import DETAIL_COLUMNS, SUMMARY_BUDGET_HEADINGS, SUMMARY_STATUS_HEADINGS, is_tick
from tracker.domain.findings import Severity
from tracker.domain.model import Plan, Status
from tracker.domain.text import bare, squash
from tracker.domain.thai import round_bounds, thai_date, to_arabic_digits, to_thai_digits
from tracker.importer.errors import ReportError
from tracker.importer.report_base import PART2, PART3
from tracker.importer.report_cover import FISCAL_YEAR_RE
from tracker.importer.report_table import Row, TableReader


@dataclass(slots=True)
class SummaryRow:
    """A project's row of part 2's summary table: its dimension and ticks read, its amounts as written."""

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
class DetailRow:
    """A project's row of part 3's detail table, each cell as written (its whitespace folded)."""

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


class SummaryDetailReader(TableReader):
    """Reads parts 2 and 3: their tables' titles, then each table's rows by its column headings."""

    def check_headings(self, plan: Plan, start: int, end: int) -> None:
        """Titles above the tables that name another fiscal year than the cover."""
        first, last = round_bounds(plan.fiscal_year, int(plan.round))
        for i in range(start, end):
            line = self.lines[i]
            if "\t" in line or not line or line.isspace():
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

    def summary_rows(self, start: int, end: int) -> list[SummaryRow]:
        """Part 2's summary table (the lines from ``start`` to ``end``), one row per project."""
        header, subheader, rows = self.table(start, end, "ลำดับ", PART2)
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

        def cell(row: Row, k: int | None) -> str:
            return row.cells[k] if k is not None and k < len(row.cells) else ""

        kinds = {k: "dimension" for k in (c_dim,) if k is not None}
        kinds |= {k: "tick" for k in status_cols.values() if k is not None}
        kinds |= {k: "amount" for k in (c_budget, c_none, c_disb, c_rem) if k is not None}
        result = []
        for row in self.assemble(PART2, rows, headings, kinds):
            dim_text = to_arabic_digits(cell(row, c_dim))
            result.append(SummaryRow(
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

    def detail_rows(self, start: int, end: int) -> list[DetailRow]:
        """Part 3's detail table (the lines from ``start`` to ``end``), one row per project."""
        header, _, rows = self.table(start, end, "ลำดับ", PART3)
        if not header:
            raise ReportError("ไม่พบตารางรายงานผลในส่วนที่ ๓ (no detail table in part 3)")
        names = [bare(h) for h in header]
        index: dict[str, int] = {}
        for column in DETAIL_COLUMNS:
            if bare(column.heading) in names:
                index[column.key] = names.index(bare(column.heading))
        if "name" not in index:
            raise ReportError("ตารางส่วนที่ ๓ ไม่มีคอลัมน์โครงการ/กิจกรรม (part 3 has no project column)")

        def cell(row: Row, key: str) -> str:
            k = index.get(key)
            return squash(row.cells[k]) if k is not None and k < len(row.cells) else ""

        kinds = {index[key]: "amount" for key in ("budget", "disbursed") if key in index}
        return [
            DetailRow(
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
            for row in self.assemble(PART3, rows, [squash(h) for h in header], kinds)
        ]
