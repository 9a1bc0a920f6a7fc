"""The plain-text report for a terminal or e-mail: its sections, its figures, and tables that line up in cells."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from tests.reports.test_hostile_export import table_blocks
from tracker.domain.figures import compute
from tracker.domain.model import Plan, Project, Round, RoundResult, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.reports.cli_text import import_json, import_lines
from tracker.reports.plain_text import TEXT_WIDTH, plain_text_report
from tracker.reports.summary import score_block, summary_renderable
from tracker.reports.wording import number_list, remaining_basis_note, remark_text, summary_amounts

BASIS_NOTE = (
    "คงเหลือคิดจากวงเงินตามข้อบัญญัติของโครงการลำดับที่ ๒, ๓ รวม ๑๔๙,๐๐๐.๐๐ บาท"
    " และจากงบประมาณตามแผนพัฒนาท้องถิ่นของโครงการลำดับที่ ๑๕ รวม ๓๐,๐๐๐.๐๐ บาท"
)
"""What :func:`appropriated_plan`'s report says its remaining budget is reckoned from."""


def appropriated_plan() -> Plan:
    """The default plan (12-month round) with issue 18's fields set: project 2 has 49,000 appropriated
    against the plan's 50,000, 12,000 disbursed, its own remark and a two-line remark for the round;
    project 3 has its plan budget appropriated (the same amount); project 4 a round remark only;
    project 15 (30,000) no appropriated amount."""
    plan = default_plan()
    by_number = {p.number: p for p in plan.projects}
    two = by_number[2]
    two.appropriated, two.included, two.remarks = Decimal("49000.00"), True, "โครงการต่อเนื่อง"
    two.results[Round.TWELVE] = dataclasses.replace(
        two.results[Round.TWELVE], disbursed=Decimal("12000.00"), remark="เบิกจ่ายตามจริง\nคืนเงินส่วนที่เหลือ",
        entered=True,
    )
    by_number[3].appropriated = Decimal("100000.00")
    four = by_number[4]
    four.results[Round.TWELVE] = dataclasses.replace(four.results[Round.TWELVE], remark="ดำเนินการร่วมกับอำเภอ")
    return plan


def review_plan() -> Plan:
    """The default plan as the document review saw it: project 2 has 45,000 appropriated against the plan's
    50,000 and a remark for the 12-month round; project 3 has its plan budget appropriated and a remark of its
    own. Its part 2 ends near the foot of a page, where the note under the table fell alone onto the next."""
    plan = default_plan()
    plan.projects[1].appropriated = Decimal("45000.00")
    plan.projects[1].results[Round.TWELVE].remark = "โอนงบประมาณไปโครงการอื่นบางส่วน"
    plan.projects[2].appropriated = Decimal("100000.00")
    plan.projects[2].remarks = "ดำเนินการร่วมกับอำเภอ"
    return plan


def rendered(renderable: RenderableType, width: int = 200) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def column(block: list[str], row_start: str, index: int) -> list[str]:
    """The lines of the ``index``-th cell of the table row whose first line starts with ``row_start``."""
    at = next(i for i, line in enumerate(block) if line.startswith(row_start))
    cells = [block[at].split("│")[index].strip()]
    for line in block[at + 1:]:
        parts = line.split("│")
        if len(parts) < index + 1 or parts[1].strip():
            break  # the next row, or a rule
        cells.append(parts[index].strip())
    return [c for c in cells if c]


@pytest.mark.parametrize("round_", list(Round))
@pytest.mark.parametrize("digits", list(DigitStyle))
def test_tables_line_up_in_terminal_cells(round_: Round, digits: DigitStyle) -> None:
    text = plain_text_report(default_plan(), round_, digits)
    lines = text.split("\n")
    blocks = table_blocks(lines)
    assert len(blocks) == 3  # projects per dimension, part 2, part 3
    for block in blocks:
        assert len({cell_len(line) for line in block}) == 1
        assert block[0].endswith("┐") and block[-1].endswith("┘")  # whole, not cut at the right edge
    assert max(cell_len(line) for line in lines) <= TEXT_WIDTH
    assert any(len(line) != cell_len(line) for block in blocks for line in block)  # Thai marks take no cell


def test_the_report_reads_section_by_section() -> None:
    text = plain_text_report(default_plan(), digits=DigitStyle.ARABIC)
    order = [
        "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต", "องค์การบริหารส่วนตำบลบางเตย",
        "ประจำปีงบประมาณ พ.ศ. 2567", "รอบ 12 เดือน (1 ตุลาคม 2566 – 30 กันยายน 2567)",
        "จัดทำโดย งานนิติการ สำนักงานปลัด", "อำเภอสามพราน", "จังหวัดนครปฐม", "คำนำ", "สารบัญ", "1. ความเป็นมา",
        "ที่มาและความสำคัญ", "Context (บริบท)", "ผลการดำเนินงาน (1 ตุลาคม 2566 – 30 กันยายน 2567)",
        "- ดำเนินการแล้วเสร็จ 17 โครงการ", "- ไม่สามารถดำเนินการได้ 3 โครงการ",
        "- มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ มาก ร้อยละ 85.00 (ธงเขียว)", "ข้อเสนอแนะ",
        "2. สรุปผลการดำเนินงาน", "3. รายงานผลการดำเนินงาน", "เหตุผล: บุคลากรไม่เพียงพอ",
    ]
    at = 0
    for part in order:
        at = text.index(part, at)  # each after the one before
    assert "- อยู่ระหว่างดำเนินการ 0 โครงการ" in text
    assert "- เบิกจ่ายงบประมาณ 0.00 บาท จากงบประมาณ 180,000.00 บาท" in text
    assert "│ ลำดับ " in text and "การใช้จ่ายงบประมาณ │ ไม่ใช้งบประมาณ" in text


def test_no_line_has_trailing_spaces() -> None:
    text = plain_text_report(default_plan())
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert text.endswith("┘\n")


def test_part_2_remarks_hold_the_projects_and_the_rounds_remark() -> None:
    text = plain_text_report(appropriated_plan(), digits=DigitStyle.THAI)
    summary = table_blocks(text.split("\n"))[1]
    remarks = summary[1].count("│") - 1  # the last column
    assert summary[1].split("│")[remarks].strip() == "หมายเหตุ"
    # The official column's remark (the round's) plainly, then the project's own after its label.
    two = "".join("".join(column(summary, "│    ๒ │", remarks)).split())  # as wrapped to the column
    assert two == "เบิกจ่ายตามจริงคืนเงินส่วนที่เหลือหมายเหตุโครงการ:โครงการต่อเนื่อง"
    four = "".join("".join(column(summary, "│    ๔ │", remarks)).split())
    assert four == "ดำเนินการร่วมกับอำเภอ"
    assert column(summary, "│    ๓ │", remarks) == []
    assert len({cell_len(line) for line in summary}) == 1


def test_the_remaining_budget_says_it_is_reckoned_from_the_ordinance_where_known() -> None:
    plan = appropriated_plan()
    text = plain_text_report(plan, digits=DigitStyle.THAI)
    assert compute(plan).remaining == Decimal("167000.00")  # 49,000 − 12,000 + 100,000 + 30,000
    lines = text.split("\n")
    summary = table_blocks(lines)[1]
    assert "๓๗,๐๐๐.๐๐" in summary[next(i for i, line in enumerate(summary) if line.startswith("│    ๒ │"))]
    total = next(line for line in summary if "รวม" in line)
    assert "๑๘๐,๐๐๐.๐๐" in total and "๑๖๗,๐๐๐.๐๐" in total
    after = lines[lines.index(summary[-1]) + 1 :]
    under = "".join(after[: after.index("")])  # wrapped to the width
    assert "".join(under.split()) == "".join(f"หมายเหตุ {BASIS_NOTE}".split())
    # Part 1: the basis is a sentence of its own (an item after the amounts), not glued onto them.
    sentence = f"คงเหลือ ๑๖๗,๐๐๐.๐๐ บาท (๓ โครงการใช้งบประมาณ, ๑๗ โครงการไม่ใช้งบประมาณ)\n- {BASIS_NOTE}\n"
    assert "".join(sentence.split()) in "".join(text.split())  # part 1's sentence wraps where rich breaks it
    assert "ไม่ใช้งบประมาณ) คงเหลือคิดจาก" not in " ".join(text.split())


def test_part_2_shows_the_ordinance_amount_its_remaining_is_reckoned_from() -> None:
    # A row reads 50,000 budgeted, 12,000 spent, 37,000 left: the 49,000 it is left from is in the row.
    summary = table_blocks(plain_text_report(appropriated_plan(), digits=DigitStyle.THAI).split("\n"))[1]
    budget = 6  # ลำดับ, name, มิติ, two status columns, then งบประมาณ
    two = [line for line in column(summary, "│    ๒ │", budget) if line]
    assert two[0] == "๕๐,๐๐๐.๐๐" and "".join("".join(two[1:]).split()) == "ตามข้อบัญญัติ๔๙,๐๐๐.๐๐"  # as wrapped
    assert [line for line in column(summary, "│    ๓ │", budget) if line] == ["๑๐๐,๐๐๐.๐๐"]  # the same amount
    assert sum("ตามข้อบัญญัติ" in line for line in summary) == 1


def test_the_basis_lists_runs_of_numbers_briefly() -> None:
    assert number_list([2, 3], DigitStyle.THAI) == "๒, ๓"
    assert number_list([1, 2, 3, 4, 5, 7, 9, 10, 11], DigitStyle.ARABIC) == "1-5, 7, 9-11"
    plan = default_plan()
    for project in plan.projects:
        project.appropriated = Decimal("1000.00")
    note = remaining_basis_note(compute(plan), DigitStyle.ARABIC, plan)
    assert note == "คงเหลือคิดจากวงเงินตามข้อบัญญัติของโครงการลำดับที่ 1-20 รวม 20,000.00 บาท"  # none from the plan


def test_part_3_shows_the_ordinance_amount_only_where_it_differs() -> None:
    plan = appropriated_plan()
    detail = table_blocks(plain_text_report(plan, digits=DigitStyle.THAI).split("\n"))[2]
    budgets = [i for i, line in enumerate(detail) if line.startswith("│ งบประมาณ ")]
    assert "๕๐,๐๐๐.๐๐" in detail[budgets[1]]
    assert detail[budgets[1] + 1].split("│")[2].strip() == "ตามข้อบัญญัติ ๔๙,๐๐๐.๐๐"
    assert detail[budgets[2] + 1].startswith("│ ระยะเวลา")  # project 3: the same amount, nothing more
    assert sum("ตามข้อบัญญัติ" in line for line in detail) == 1
    plan.organization = "เทศบาลตำบลบางเตย"
    text = " ".join(plain_text_report(plan, digits=DigitStyle.ARABIC).split())
    assert "ตามเทศบัญญัติ 49,000.00" in text and "คงเหลือคิดจากวงเงินตามเทศบัญญัติของโครงการลำดับที่ 2, 3" in text
    assert "ข้อบัญญัติ" not in text


def test_a_plan_without_appropriated_amounts_or_round_remarks_reads_as_before() -> None:
    plan = default_plan()
    assert compute(plan).appropriated_projects == 0
    for digits in DigitStyle:
        text = plain_text_report(plan, digits=digits) + rendered(summary_renderable(plan, digits=digits))
        for words in ("คงเหลือคิดจาก", "ข้อบัญญัติ", "หมายเหตุของรอบ"):
            assert words not in text
    assert remaining_basis_note(compute(plan), DigitStyle.THAI, plan) is None


def test_the_summary_and_the_import_account_say_which_amounts_remain() -> None:
    plan = appropriated_plan()
    figures = compute(plan)
    shown = rendered(summary_renderable(plan, digits=DigitStyle.THAI))
    assert "".join(BASIS_NOTE.split()) in "".join(shown.split())
    assert "หมายเหตุโครงการ:" in shown and "หมายเหตุของรอบ" not in shown  # the remark column
    # Without the plan, the ordinance is named as the national form does.
    assert score_block(figures, DigitStyle.ARABIC).plain.split("\n")[2] == (
        "คงเหลือคิดจากวงเงินตามข้อบัญญัติ/เทศบัญญัติของ 2 โครงการ รวม 149,000.00 บาท"
        " และจากงบประมาณตามแผนพัฒนาท้องถิ่นของโครงการอื่น"
    )
    account = "\n".join(line.plain for line in import_lines(plan, [], None))
    assert f"คงเหลือ ๑๖๗,๐๐๐.๐๐ ({BASIS_NOTE})" in account
    data = import_json(plan, [], None)
    assert (data["remaining"], data["appropriated"], data["appropriated_projects"]) == ("167000.00", "149000.00", 2)
    plain = default_plan()
    assert "คงเหลือคิดจาก" not in "\n".join(line.plain for line in import_lines(plain, [], None))
    assert "คงเหลือคิดจาก" not in score_block(compute(plain), DigitStyle.THAI).plain


def test_the_compact_summary_shows_a_remark_column_for_a_round_remark_alone() -> None:
    plan = default_plan()
    project = next(p for p in plan.projects if p.number == 5)
    project.results[Round.TWELVE] = dataclasses.replace(project.results[Round.TWELVE], remark="[bold]ส่งแล้ว[/bold]")
    assert "หมายเหตุ" not in rendered(summary_renderable(default_plan(), width=100), 100)
    shown = rendered(summary_renderable(plan, width=100), 100)
    assert "หมายเหตุ" in shown and "[bold]ส่งแล้ว" in shown  # as typed, never markup


@pytest.mark.parametrize(("own", "of_round", "expected"), [
    ("", "", ""),
    ("เดิม", "", "หมายเหตุโครงการ:\nเดิม"),
    ("", "ของรอบ", "ของรอบ"),
    ("เดิม", "ของรอบ", "ของรอบ\nหมายเหตุโครงการ:\nเดิม"),
    (" เดิม ", "เดิม", "เดิม"),  # the same words once
    ("  ", "ของรอบ", "ของรอบ"),
    ("a\x1bb", "c\nd", "c\nd\nหมายเหตุโครงการ:\na␛b"),
])
def test_remark_text(own: str, of_round: str, expected: str) -> None:
    from tracker.domain.text import safe_block

    project = Project(1, "x", 1, remarks=own, results={Round.SIX: RoundResult(Status.IN_PROGRESS, remark=of_round)})
    assert remark_text(project, Round.SIX, safe_block) == expected
    assert remark_text(project, Round.TWELVE, safe_block) == (f"หมายเหตุโครงการ:\n{safe_block(own)}" if own.strip() else "")


def test_summary_amounts_remain_from_the_ordinance_where_known() -> None:
    thai = DigitStyle.ARABIC
    assert summary_amounts(Decimal(50000), Decimal(12000), thai) == ["50,000.00", "", "12,000.00", "38,000.00"]
    assert summary_amounts(Decimal(50000), Decimal(12000), thai, Decimal(49000))[3] == "37,000.00"
    assert summary_amounts(Decimal(50000), None, thai, Decimal(49000)) == ["50,000.00", "", "-", "49,000.00"]
    assert summary_amounts(None, None, thai) == ["-", "✓", "-", "-"]
    assert summary_amounts(None, Decimal(100), thai, Decimal(500)) == ["-", "✓", "100.00", "400.00"]
