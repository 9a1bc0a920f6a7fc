"""Issue 18 in a text report: part 2's หมายเหตุ as the remark of the report's round, and the national
form's fields (the ordinance's amount, the "included" flag) read where a report has them, unknown where not."""

from __future__ import annotations

from decimal import Decimal

from tests.importer.test_report_cases import HEAD2, HEAD3, SUB2, report, row3
from tracker.domain.model import Round, Status
from tracker.importer import report_base
from tracker.importer.defaults import SEED_REPORT
from tracker.importer.report_text import import_report
from tracker.reports import wording

# Part 2 with the budget split as the national form splits it, and an "included" column before หมายเหตุ.
FORM_HEAD2 = "ลำดับ\tรายการโครงการ\tมิติ\tผลการดำเนินการ\t\t\tงบประมาณ\t\t\t\t\tบรรจุในข้อบัญญัติ\tหมายเหตุ"
FORM_SUB2 = (
    "\t\t\tแล้วเสร็จ\tอยู่ระหว่างดำเนินการ\tไม่สามารถดำเนินการได้\tตามแผนพัฒนาท้องถิ่น\tตามข้อบัญญัติ"
    "\tไม่ใช้งบประมาณ\tเบิกจ่าย\tคงเหลือ\t\t"
)


def form_report(summary_rows: list[str], detail_rows: list[str], head3: str = HEAD3) -> str:
    return report(summary_rows, detail_rows).replace(HEAD2, FORM_HEAD2).replace(SUB2, FORM_SUB2).replace(HEAD3, head3)


def test_the_remark_is_the_remark_of_the_reports_round() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\t[bold]ขอ | ขยาย[/bold]"],
        [row3("๑", "โครงการ ก")],
        round_="๑๒",
    )
    project = import_report(text).plan.projects[0]
    assert project.results[Round.TWELVE].remark == "[bold]ขอ | ขยาย[/bold]"  # data, as written
    assert project.remarks == ""
    assert Round.SIX not in project.results


def test_a_report_with_the_earlier_label_of_the_rounds_remark_reads_as_written() -> None:
    text = report(
        [
            "๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\tของโครงการ หมายเหตุของรอบ: ขอขยายเวลา",
            "๒\tโครงการ ข\t๑\t✓\t\t\t\t\t\t\tหมายเหตุของรอบ: รอบนี้",
        ],
        [row3("๑", "โครงการ ก"), row3("๒", "โครงการ ข")],
    )
    one, two = import_report(text).plan.projects
    assert (one.remarks, one.results[Round.SIX].remark) == ("ของโครงการ", "ขอขยายเวลา")
    assert (two.remarks, two.results[Round.SIX].remark) == ("", "รอบนี้")


def test_the_rounds_remark_before_the_projects_label_and_the_projects_after_it() -> None:
    # This program's reports now: the official column's remark (the round's) plainly, the project's after
    # its label; wrapped across the cell's lines as a PDF's text comes out.
    text = report(
        [
            "๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\tขอขยายเวลา หมายเหตุโครงการ: ของโครงการ",
            "๒\tโครงการ ข\t๑\t✓\t\t\t\t\t\t\tหมายเหตุโครงการ: ของโครงการเท่านั้น",
            "๓\tโครงการ ค\t๑\t✓\t\t\t\t\t\t\tของรอบเท่านั้น",
        ],
        [row3("๑", "โครงการ ก"), row3("๒", "โครงการ ข"), row3("๓", "โครงการ ค")],
    )
    one, two, three = import_report(text).plan.projects
    assert (one.remarks, one.results[Round.SIX].remark) == ("ของโครงการ", "ขอขยายเวลา")
    assert (two.remarks, two.results[Round.SIX].remark) == ("ของโครงการเท่านั้น", "")
    assert (three.remarks, three.results[Round.SIX].remark) == ("", "ของรอบเท่านั้น")  # an office's report


def test_part_2s_budget_cell_gives_the_ordinances_amount_too() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๕๐,๐๐๐.๐๐ ตามข้อบัญญัติ ๔๕,๐๐๐.๐๐\t\t๐.๐๐\t๔๕,๐๐๐.๐๐\t"],
        [row3("๑", "โครงการ ก", "๕๐,๐๐๐.๐๐ ตามข้อบัญญัติ ๔๕,๐๐๐.๐๐", spent="๐.๐๐")],
    )
    result = import_report(text)
    project = result.plan.projects[0]
    assert (project.budget, project.appropriated) == (Decimal("50000.00"), Decimal("45000.00"))
    assert not [f for f in result.findings if f.code in ("REMAINING_MISMATCH", "AMOUNT_UNREADABLE")]


def test_the_label_is_the_one_the_reports_write() -> None:
    assert report_base.PROJECT_REMARK_LABEL == wording.PROJECT_REMARK_LABEL


def test_a_report_without_the_forms_fields_leaves_them_unknown() -> None:
    plan = import_report(SEED_REPORT.read_text(encoding="utf-8")).plan
    assert all(p.appropriated is None and p.included is None for p in plan.projects)
    assert all(not r.remark and not r.entered for p in plan.projects for r in p.results.values())


def test_the_ordinances_column_and_the_included_column_are_read() -> None:
    text = form_report(
        [
            "๑\tโครงการ ก\t๑\t✓\t\t\t๕๐,๐๐๐.๐๐\t๔๙,๐๐๐.๐๐\t\t๔๐,๐๐๐.๐๐\t๙,๐๐๐.๐๐\t✓\tหมายเหตุ ก",
            "๒\tโครงการ ข\t๑\t✓\t\t\t๑๐,๐๐๐.๐๐\t-\t\t๑๐,๐๐๐.๐๐\t๐.๐๐\tไม่บรรจุ\t",
            "๓\tมาตรการ ค\t๒\t✓\t\t\t\t๐.๐๐\t✓\t\t\t\t",
        ],
        [
            row3("๑", "โครงการ ก", "๕๐,๐๐๐.๐๐", spent="๔๐,๐๐๐.๐๐"),
            row3("๒", "โครงการ ข", "๑๐,๐๐๐.๐๐", spent="๑๐,๐๐๐.๐๐"),
            row3("๓", "มาตรการ ค"),
        ],
    )
    result = import_report(text)
    one, two, three = result.plan.projects
    assert (one.budget, one.appropriated, one.included) == (Decimal("50000.00"), Decimal("49000.00"), True)
    assert one.results[Round.SIX].remark == "หมายเหตุ ก"
    assert (two.budget, two.appropriated, two.included) == (Decimal("10000.00"), None, False)
    assert (three.budget, three.appropriated, three.included) == (None, None, None)  # nothing for no budget
    # คงเหลือ reckoned from the ordinance's amount (49,000 − 40,000) is no mismatch.
    assert result.findings == []


def test_part_3s_budget_cell_may_name_the_ordinances_amount() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๑๐,๐๐๐.๐๐\t\t๒,๐๐๐.๐๐\t๘,๐๐๐.๐๐\t"],
        [row3("๑", "โครงการ ก", "๑๐,๐๐๐.๐๐ ตามเทศบัญญัติ ๙,๕๐๐.๐๐", spent="๒,๐๐๐.๐๐")],
    )
    result = import_report(text)
    project = result.plan.projects[0]
    assert (project.budget, project.appropriated) == (Decimal("10000.00"), Decimal("9500.00"))
    assert result.findings == []


def test_a_wrapped_budget_cell_joins_before_the_ordinances_amount_is_read() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๑๐,๐๐๐.๐๐\t\t\t\t"],
        [row3("๑", "โครงการ ก", "๑๐,๐๐๐.๐๐", spent="-"), "\t\t\t\tตามข้อบัญญัติ ๘,๐๐๐.๐๐\t\t\t\t"],
    )
    project = import_report(text).plan.projects[0]
    assert (project.budget, project.appropriated) == (Decimal("10000.00"), Decimal("8000.00"))


def test_the_ordinances_amount_in_its_own_part_3_column() -> None:
    head3 = HEAD3.replace("\tงบประมาณ\t", "\tงบประมาณ\tวงเงินตามข้อบัญญัติ\t")
    row = row3("๑", "โครงการ ก", "๑๐,๐๐๐.๐๐", spent="๐.๐๐").replace("\t๑๐,๐๐๐.๐๐\t", "\t๑๐,๐๐๐.๐๐\t๗,๐๐๐.๐๐\t")
    text = report(["๑\tโครงการ ก\t๑\t✓\t\t\t๑๐,๐๐๐.๐๐\t\t๐.๐๐\t\t"], [row]).replace(HEAD3, head3)
    result = import_report(text)
    assert result.plan.projects[0].appropriated == Decimal("7000.00")
    assert result.plan.projects[0].result(Round.SIX).status is Status.COMPLETED


def test_tables_that_disagree_on_the_ordinances_amount_keep_part_2s() -> None:
    text = form_report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๕๐,๐๐๐.๐๐\t๔๙,๐๐๐.๐๐\t\t\t\t\t"],
        [row3("๑", "โครงการ ก", "๕๐,๐๐๐.๐๐ ตามข้อบัญญัติ ๔๘,๐๐๐.๐๐", spent="๐.๐๐")],
    )
    result = import_report(text)
    assert result.plan.projects[0].appropriated == Decimal("49000.00")
    assert [(f.code, f.project) for f in result.findings] == [("APPROPRIATED_MISMATCH", 1)]


def test_unreadable_form_cells_are_findings_and_unknown() -> None:
    text = form_report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๕๐,๐๐๐.๐๐\tประมาณห้าหมื่น\t\t\t\tอาจจะ\t"],
        [row3("๑", "โครงการ ก", "๕๐,๐๐๐.๐๐", spent="๐.๐๐")],
    )
    result = import_report(text)
    project = result.plan.projects[0]
    assert (project.appropriated, project.included) == (None, None)
    assert sorted(f.code for f in result.findings) == ["AMOUNT_UNREADABLE", "INCLUDED_UNREADABLE"]


def test_a_remaining_amount_from_neither_amount_names_both() -> None:
    text = form_report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๕๐,๐๐๐.๐๐\t๔๙,๐๐๐.๐๐\t\t๔๐,๐๐๐.๐๐\t๑,๐๐๐.๐๐\t\t"],
        [row3("๑", "โครงการ ก", "๕๐,๐๐๐.๐๐", spent="๔๐,๐๐๐.๐๐")],
    )
    findings = import_report(text).findings
    assert [f.code for f in findings] == ["REMAINING_MISMATCH"]
    assert "๑๐,๐๐๐.๐๐" in findings[0].message and "๙,๐๐๐.๐๐" in findings[0].message
