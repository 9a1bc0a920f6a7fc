"""Parts 2 and 3 of the report: the titles above their tables (checked against the cover's fiscal year),
part 2's summary table (each project's dimension, ticked status and amounts) and part 3's detail table (its
method, indicator, budget, period, result, amount spent and unit), as rows by their columns' headings.

Besides the official layout's columns, a report may give what the national system's form asks for: the
amount appropriated in the budget ordinance (a column headed "ตามข้อบัญญัติ", "วงเงินตามเทศบัญญัติ"..., the
plan's own then headed "งบประมาณ" or "ตามแผนพัฒนาท้องถิ่น"; or, in part 3's budget cell, the plan's budget
followed by "ตามข้อบัญญัติ ๔๙,๐๐๐.๐๐" as this program's exports write it) and whether the project is
included in the ordinance or operational plan (a column headed "บรรจุ..."). They are read where a report
has them (:func:`extra_columns`); a report without them leaves them unknown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.domain.columns import (
    APPROPRIATED_PREFIXES,
    DETAIL_COLUMNS,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_STATUS_HEADINGS,
    is_tick,
)
from tracker.domain.findings import Severity
from tracker.domain.model import Plan, Status
from tracker.domain.text import bare, squash
from tracker.domain.thai import round_bounds, thai_date, to_arabic_digits, to_thai_digits
from tracker.importer.errors import ReportError
from tracker.importer.report_base import PART2, PART3
from tracker.importer.report_cover import FISCAL_YEAR_RE
from tracker.importer.report_table import Row, TableReader, is_form_amount_heading


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
    appropriated: str = ""
    """The amount appropriated in the budget ordinance as written, where the table has such a column."""
    included: str = ""
    """The "included in the ordinance or operational plan" cell as written, where the table has one."""


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
    appropriated: str = ""
    """The amount appropriated in the budget ordinance as written: its own column's, or what follows
    "ตามข้อบัญญัติ" in the budget cell (then ``budget`` is what precedes it)."""
    included: str = ""


@dataclass(frozen=True, slots=True)
class ExtraColumns:
    """Where a table has the national form's columns beyond the official report's (None: it has none)."""

    plan_budget: int | None
    """The plan's budget headed by the local development plan ("ตามแผนพัฒนาท้องถิ่น") instead of "งบประมาณ"."""
    appropriated: int | None
    included: int | None


def extra_columns(names: list[str]) -> ExtraColumns:
    """The columns of ``names`` (headings through :func:`bare`) for the plan's budget named after the local
    development plan, the ordinance's amount (a heading naming ข้อบัญญัติ or เทศบัญญัติ) and the included
    flag (a heading with "บรรจุ", which may name the ordinance too)."""

    def first(test: Callable[[str], bool]) -> int | None:
        return next((k for k, name in enumerate(names) if name and test(name)), None)

    return ExtraColumns(
        plan_budget=first(lambda n: "แผนพัฒนา" in n and "บรรจุ" not in n),
        appropriated=first(lambda n: "บัญญัติ" in n and "บรรจุ" not in n),
        included=first(lambda n: "บรรจุ" in n),
    )


def split_appropriated(cell: str) -> tuple[str, str]:
    """A budget cell as the plan's budget and the ordinance's amount after its prefix ("๕๐,๐๐๐.๐๐ ตามข้อบัญญัติ
    ๔๙,๐๐๐.๐๐" → "๕๐,๐๐๐.๐๐", "๔๙,๐๐๐.๐๐"); the cell and "" where it names no ordinance."""
    for prefix in APPROPRIATED_PREFIXES:
        at = cell.find(prefix)
        if at >= 0:
            return cell[:at].strip(), cell[at + len(prefix) :].strip()
    return cell, ""


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
        extra = extra_columns(names)
        c_budget = col(SUMMARY_BUDGET_HEADINGS["budget"])
        if c_budget is None:
            c_budget = extra.plan_budget
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
        kinds |= {k: "amount" for k in (c_budget, c_none, c_disb, c_rem, extra.appropriated) if k is not None}
        result = []
        for row in self.assemble(PART2, rows, headings, kinds):
            dim_text = to_arabic_digits(cell(row, c_dim))
            # The ordinance's amount under the plan's budget where it differs (this program's reports).
            budget, appropriated = split_appropriated(cell(row, c_budget))
            result.append(SummaryRow(
                line_no=row.line_no,
                number=int(to_arabic_digits(row.cells[0]).rstrip(".")),
                name=squash(cell(row, c_name)),
                # isdecimal, not isdigit: int() reads neither superscripts ("²") nor thousands of digits.
                dimension=int(dim_text) if dim_text.isdecimal() and len(dim_text) <= 9 else None,
                ticks=[s for s, k in status_cols.items() if is_tick(cell(row, k))],
                budget=budget,
                no_budget=cell(row, c_none),
                disbursed=cell(row, c_disb),
                remaining=cell(row, c_rem),
                remarks=squash(cell(row, c_remarks)),
                appropriated=cell(row, extra.appropriated) or appropriated,
                included=squash(cell(row, extra.included)),
            ))
        return result

    def detail_rows(self, start: int, end: int) -> list[DetailRow]:
        """Part 3's detail table (the lines from ``start`` to ``end``), one row per project."""
        header, subheader, rows = self.table(start, end, "ลำดับ", PART3)
        if not header:
            raise ReportError("ไม่พบตารางรายงานผลในส่วนที่ ๓ (no detail table in part 3)")
        if any(map(is_form_amount_heading, subheader)):  # the budget split (ตามแผนพัฒนาท้องถิ่น / ตามข้อบัญญัติ)
            header = [
                (subheader[k] if k < len(subheader) else "") or (header[k] if k < len(header) else "")
                for k in range(max(len(header), len(subheader)))
            ]
        names = [bare(h) for h in header]
        index: dict[str, int] = {}
        for column in DETAIL_COLUMNS:
            if bare(column.heading) in names:
                index[column.key] = names.index(bare(column.heading))
        extra = extra_columns(names)
        if "budget" not in index and extra.plan_budget is not None:
            index["budget"] = extra.plan_budget
        if extra.appropriated is not None:
            index["appropriated"] = extra.appropriated
        if extra.included is not None:
            index["included"] = extra.included
        if "name" not in index:
            raise ReportError("ตารางส่วนที่ ๓ ไม่มีคอลัมน์โครงการ/กิจกรรม (part 3 has no project column)")

        def cell(row: Row, key: str) -> str:
            k = index.get(key)
            return squash(row.cells[k]) if k is not None and k < len(row.cells) else ""

        kinds = {index[key]: "amount" for key in ("budget", "disbursed", "appropriated") if key in index}
        result = []
        for row in self.assemble(PART3, rows, [squash(h) for h in header], kinds):
            budget, appropriated = split_appropriated(cell(row, "budget"))
            result.append(DetailRow(
                line_no=row.line_no,
                number=int(to_arabic_digits(row.cells[0]).rstrip(".")),
                name=cell(row, "name"),
                method=cell(row, "method"),
                indicator=cell(row, "indicator"),
                budget=budget,
                period=cell(row, "period"),
                result=cell(row, "result"),
                disbursed=cell(row, "disbursed"),
                unit=cell(row, "unit"),
                appropriated=cell(row, "appropriated") or appropriated,
                included=cell(row, "included"),
            ))
        return result
