"""Small reports built in the test: each rule of reading, its catch and its near-miss."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain.model import Round, Status
from tracker.importer.report_text import ReportError, import_file, import_report, respace

HEAD2 = "ลำดับ\tรายการโครงการ\tมิติ\tผลการดำเนินการ\t\t\tงบประมาณ\t\t\t\tหมายเหตุ"
SUB2 = "\t\t\tแล้วเสร็จ\tอยู่ระหว่างดำเนินการ\tไม่สามารถดำเนินการได้\tงบประมาณ\tไม่ใช้งบประมาณ\tเบิกจ่าย\tคงเหลือ\t"
HEAD3 = (
    "ลำดับ\tโครงการ/ กิจกรรม\tวิธีการดำเนินงาน\tตัวชี้วัด\tงบประมาณ\tระยะเวลา ดำเนินการ\tผลการดำเนินงาน"
    "\tการใช้จ่าย งบประมาณ\tหน่วยงาน รับผิดชอบ"
)


def report(summary_rows: list[str], detail_rows: list[str], round_: str = "๖", part1: str = "") -> str:
    return "\n".join([
        "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต",
        "เทศบาลตำบลทดสอบ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        f"รอบ {round_} เดือน",
        "จัดทำโดย",
        "งานนิติการ",
        "อำเภอเมือง จังหวัดทดลอง",
        "",
        "คำนำ",
        "ข้อความคำนำ",
        "",
        "สารบัญ",
        "๑. ความเป็นมา\t๑",
        "",
        "๑. ความเป็นมา",
        "",
        "ที่มาและความสำคัญ",
        "",
        "ที่มา",
        "",
        part1,
        "",
        "๒. สรุปผลการดำเนินงาน ประจำปีงบประมาณ ๒๕๖๘",
        HEAD2,
        SUB2,
        *summary_rows,
        "",
        "๓. รายงานผลการดำเนินงาน ประจำปีงบประมาณ ๒๕๖๘",
        HEAD3,
        *detail_rows,
    ])


def row3(no: str, name: str, budget: str = "ไม่ใช้งบประมาณ", result: str = "ดำเนินการแล้ว",
         spent: str = "ไม่ใช้งบประมาณ") -> str:
    return f"{no}\t{name}\tวิธี\tตัวชี้วัด\t{budget}\tต.ค. ๖๗ - มี.ค. ๖๘\t{result}\t{spent}\tกองคลัง"


def test_six_month_round_with_in_progress_and_arabic_digits() -> None:
    text = report(
        ["1\tโครงการ ก\t2\t\t✓\t\t10,000.00\t0.00\t2,500.00\t7,500.00\tหมายเหตุ ก"],
        [row3("1", "โครงการ ก", "10000", "กำลังดำเนินการ", "2,500")],
    )
    result = import_report(text)
    plan = result.plan
    assert plan.organization == "เทศบาลตำบลทดสอบ" and plan.fiscal_year == 2568
    assert plan.round is Round.SIX
    project = plan.projects[0]
    assert project.result(Round.SIX).status is Status.IN_PROGRESS
    assert project.budget == Decimal("10000.00")
    assert project.result(Round.SIX).disbursed == Decimal("2500.00")
    assert project.result(Round.SIX).remark == "หมายเหตุ ก"  # the remark of the round the report is of
    assert project.remarks == ""
    assert (project.appropriated, project.included) == (None, None)  # the report does not say: unknown
    assert project.dimension == 2
    assert result.findings == []


def test_budget_disagreement_keeps_the_summary_and_says_so() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๒๐,๐๐๐.๐๐\t๐.๐๐\t๐.๐๐\t๒๐,๐๐๐.๐๐\t"],
        [row3("๑", "โครงการ ก", "๒๕,๐๐๐", spent="๐.๐๐")],
    )
    result = import_report(text)
    assert result.plan.projects[0].budget == Decimal("20000.00")
    assert [f.code for f in result.findings] == ["BUDGET_MISMATCH"]
    assert result.findings[0].project == 1


def test_same_amount_written_differently_is_no_finding() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๕๐,๐๐๐.๐๐\t๐.๐๐\t๐.๐๐\t๕๐,๐๐๐.๐๐\t"],
        [row3("๑", "โครงการ ก", "50,000", spent="0")],
    )
    assert import_report(text).findings == []


def test_ambiguous_amount_without_a_summary_to_settle_it() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\t"],
        [row3("๑", "โครงการ ก", "๓๐.๐๐๐", spent="๐.๐๐")],
    )
    result = import_report(text)
    assert result.plan.projects[0].budget == Decimal("30000.00")
    assert [f.code for f in result.findings] == ["AMOUNT_AMBIGUOUS"]


def test_remaining_that_does_not_add_up_is_flagged() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t๑๐,๐๐๐.๐๐\t๐.๐๐\t๒,๐๐๐.๐๐\t๙,๐๐๐.๐๐\t"],
        [row3("๑", "โครงการ ก", "๑๐,๐๐๐", spent="๒,๐๐๐")],
    )
    assert [f.code for f in import_report(text).findings] == ["REMAINING_MISMATCH"]


def test_names_differing_only_by_wrapping_agree() -> None:
    text = report(
        ["๑\tโครงการส่งเสริมคุณธรรม ขององค์กร\t๑\t✓\t\t\t\t\t\t\t"],
        [row3("๑", "โครงการส่ง เสริมคุณธรรม ของ องค์กร")],
    )
    result = import_report(text)
    assert result.plan.projects[0].name == "โครงการส่งเสริมคุณธรรม ขององค์กร"
    assert result.findings == []


def test_names_that_really_differ_keep_the_summary() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\t"],
        [row3("๑", "มาตรการ ข")],
    )
    result = import_report(text)
    assert result.plan.projects[0].name == "โครงการ ก"
    assert [f.code for f in result.findings] == ["NAME_MISMATCH"]


def test_project_in_one_table_only() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\t", "๒\tโครงการ ข\t๒\t✓\t\t\t\t\t\t\t"],
        [row3("๑", "โครงการ ก"), row3("๓", "โครงการ ค")],
    )
    result = import_report(text)
    assert [p.number for p in result.plan.projects] == [1, 2, 3]
    assert sorted((f.code, f.project) for f in result.findings) == [
        ("MISSING_IN_DETAIL", 2), ("MISSING_IN_SUMMARY", 3),
    ]


def test_stated_counts_that_differ_from_the_tables() -> None:
    text = report(
        ["๑\tโครงการ ก\t๑\t✓\t\t\t\t\t\t\t"],
        [row3("๑", "โครงการ ก")],
        part1="ผลการดำเนินงาน (๑ ตุลาคม ๒๕๖๗ - ๓๑ มีนาคม ๒๕๖๘)\n\nแผนประกอบด้วย จำนวน ๒ โครงการ\n\n"
        "- มิติที่ ๑ ประกอบด้วย ๒ โครงการ\n๑. เสร็จดำเนินการแล้ว ๒ โครงการ",
    )
    codes = sorted(f.code for f in import_report(text).findings)
    assert codes == ["STATED_DIMENSION", "STATED_STATUS", "STATED_TOTAL"]


def test_not_a_report() -> None:
    with pytest.raises(ReportError, match="part 2"):
        import_report("hello\nworld")


def test_file_errors_are_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such file"):
        import_file(tmp_path / "missing.txt")
    with pytest.raises(ReportError, match="folder"):
        import_file(tmp_path)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ReportError, match="UTF-8"):
        import_file(latin)


def test_respace_takes_real_spaces_from_the_unwrapped_text() -> None:
    assert respace("โครงการเสริมสร้าง ความโปร่งใสในการ บริหาร", "โครงการเสริมสร้างโปร่งใสในการบริหาร") == (
        "โครงการเสริมสร้างความโปร่งใสในการบริหาร"
    )
    assert respace("ab c d", "a b cd") == "a b cd"
