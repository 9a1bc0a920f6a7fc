"""The plain-text report for a terminal or e-mail: its sections, its figures, and tables that line up in cells."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.reports.test_hostile_export import table_blocks
from tracker.domain.model import Round
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.reports.plain_text import TEXT_WIDTH, plain_text_report


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
