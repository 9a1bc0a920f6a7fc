"""The display helpers: what the screen's strings say, without running the app."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tests.ui.sample import HOSTILE_NAME, HOSTILE_SHOWN
from tracker.domain.figures import compute
from tracker.domain.model import Plan, ReasonKind, Round, RoundResult, Status
from tracker.domain.thai import DigitStyle
from tracker.ui.display import (
    ENTERED_MARK,
    ENTERED_TAIL,
    HEADING_STYLE,
    LABEL_STYLE,
    Section,
    count_tail,
    dimension_label,
    dimension_sections,
    fields_table,
    fit,
    header_parts,
    pack_lines,
    plan_label,
    plan_sections,
    project_fields,
    project_label,
    project_sections,
    safe_block,
    safe_line,
)
from tracker.ui.header import shorter_headers


def _fields(plan: Plan, number: int) -> dict[str, str]:
    project = plan.project(number)
    assert project is not None
    own, in_round = project_fields(plan, project, plan.round)
    return {label: value.plain for label, value in own + in_round}


# --- user text is data ------------------------------------------------------------------------------


def test_a_hostile_name_keeps_every_character_on_one_line() -> None:
    assert safe_line(HOSTILE_NAME) == HOSTILE_SHOWN


def test_a_block_keeps_its_line_breaks_and_shows_the_escape() -> None:
    assert safe_block("a\r\nb\x1b[31m\tc") == "a\nb␛[31m    c"


def test_c1_and_bidi_controls_are_shown_as_escapes() -> None:
    assert safe_line("x\x9by\u202ez") == "x\\x9by\\u202ez"


def test_thai_and_its_zero_width_space_are_left_alone() -> None:
    thai = "การนำแผนไปปฏิบัติ\u200bร้อยละ"
    assert safe_line(thai) == thai


def test_markup_in_a_name_stays_literal_in_its_label(plan: Plan) -> None:
    project = plan.project(3)
    assert project is not None
    label = project_label(plan, project, Round.TWELVE)
    assert label.plain == f"◐ ๓ {HOSTILE_SHOWN}"
    # Only the status mark is styled: "[bold red]" made no span.
    assert [(span.start, span.end) for span in label.spans] == [(0, 1)]


# --- labels -----------------------------------------------------------------------------------------


def test_dimension_label_counts_completed_of_all(plan: Plan) -> None:
    label = dimension_label(plan, compute(plan), 1)
    assert label.plain == "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต (๒/๒)"


def test_plan_label_names_organization_and_buddhist_year(plan: Plan) -> None:
    assert plan_label(plan).plain == "องค์การบริหารส่วนตำบลบางเตย ปีงบประมาณ พ.ศ. ๒๕๖๗"


def test_order_numbers_line_up(plan: Plan) -> None:
    first, last = plan.projects[0], plan.projects[-1]
    last.number = 12
    assert project_label(plan, first, Round.TWELVE, 2).plain.startswith("✓  ๑ ")
    assert project_label(plan, last, Round.TWELVE, 2).plain.startswith("· ๑๒ ")


def test_arabic_digit_style_is_followed(plan: Plan) -> None:
    plan.settings.digit_style = DigitStyle.ARABIC
    assert dimension_label(plan, compute(plan), 2).plain.endswith("(0/2)")
    assert _fields(plan, 1)["งบประมาณ"] == "50,000.00 บาท"


# --- cutting and packing by terminal cells ----------------------------------------------------------


def test_fit_cuts_thai_by_cells_and_keeps_the_count() -> None:
    label = Text("มิติที่ ๔ การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการบริหารราชการ (๐/๑)")
    cut = fit(label, 30, keep_tail=len(" " + count_tail(0, 1, DigitStyle.THAI)))
    assert cut.cell_len <= 30
    assert cut.plain.endswith("… (๐/๑)")
    assert cut.plain.startswith("มิติที่ ๔ การเสริม")


def test_fit_leaves_a_short_label_alone() -> None:
    assert fit(Text("มิติที่ ๑"), 30).plain == "มิติที่ ๑"


def test_header_wraps_between_parts_never_inside_one(plan: Plan) -> None:
    parts = header_parts(plan, compute(plan))
    narrow = pack_lines(parts, 78)
    wide = pack_lines(parts, 158)
    assert len(wide) == 1
    assert len(narrow) == 2
    assert all(line.cell_len <= 78 for line in narrow)
    for part in parts:
        assert any(part.plain in line.plain for line in narrow)
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗" in narrow[0].plain
    assert "การนำแผนไปปฏิบัติ ร้อยละ ๕๐.๐๐" in wide[0].plain
    assert "ระดับ ปานกลาง" in wide[0].plain


# --- detail fields ----------------------------------------------------------------------------------


def test_project_fields_have_every_thai_label(plan: Plan) -> None:
    fields = _fields(plan, 1)
    assert list(fields) == [
        "ลำดับ",
        "ประเภท",
        "ชื่อโครงการ",
        "มิติ",
        "วิธีการดำเนินงาน",
        "ตัวชี้วัด",
        "งบประมาณ",
        "วงเงินตามข้อบัญญัติ",
        "บรรจุในข้อบัญญัติ/แผน",
        "ระยะเวลาดำเนินการ",
        "หน่วยงานรับผิดชอบ",
        "หมายเหตุ",
        "สถานะ",
        "ผลการดำเนินงาน",
        "เบิกจ่าย",
        "คงเหลือ",
        "เหตุผล",
        "หมายเหตุของรอบ",
        "e-PlanNACC",
    ]
    assert fields["ลำดับ"] == "๑"
    assert fields["ประเภท"] == "โครงการ"
    assert fields["มิติ"] == "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต"
    assert fields["งบประมาณ"] == "๕๐,๐๐๐.๐๐ บาท"
    assert fields["เบิกจ่าย"] == "๔๘,๕๐๐.๐๐ บาท"
    assert fields["คงเหลือ"] == "๑,๕๐๐.๐๐ บาท"
    assert fields["สถานะ"] == "✓ ดำเนินการแล้วเสร็จ"
    assert fields["ระยะเวลาดำเนินการ"] == "ต.ค. ๖๖ - ก.ย. ๖๗"
    assert fields["วงเงินตามข้อบัญญัติ"] == "ไม่ระบุ"  # unknown, never 0.00
    assert fields["บรรจุในข้อบัญญัติ/แผน"] == "ไม่ระบุ"
    assert fields["หมายเหตุของรอบ"] == "—"
    assert fields["e-PlanNACC"] == "☐ ยังไม่ได้บันทึก"


def test_no_budget_is_not_zero(plan: Plan) -> None:
    fields = _fields(plan, 2)
    assert fields["งบประมาณ"] == "ไม่ใช้งบประมาณ"
    assert fields["คงเหลือ"] == "—"


def test_reason_shows_label_and_the_office_words(plan: Plan) -> None:
    assert _fields(plan, 4)["เหตุผล"] == "ไม่ได้รับงบประมาณ — ไม่ได้ตั้งงบประมาณไว้ในข้อบัญญัติ"
    project = plan.project(4)
    assert project is not None
    project.results[Round.TWELVE] = RoundResult(Status.NOT_DONE, reason=ReasonKind.OTHER, reason_text="")
    assert _fields(plan, 4)["เหตุผล"] == "อื่นๆ"


def test_blank_fields_show_a_dash(plan: Plan) -> None:
    assert _fields(plan, 6)["วิธีการดำเนินงาน"] == "—"
    assert _fields(plan, 6)["สถานะ"] == "· รอการรายงานผล"


def test_a_multi_line_method_keeps_its_lines_and_its_brackets(plan: Plan) -> None:
    assert _fields(plan, 3)["วิธีการดำเนินงาน"] == "บรรทัดแรก\nบรรทัดที่สอง [i]ไม่ใช่มาร์กอัป[/i]"
    assert _fields(plan, 3)["ชื่อโครงการ"] == HOSTILE_SHOWN


def test_dimension_summary_counts_per_status(plan: Plan) -> None:
    [(heading, rows)] = dimension_sections(plan, compute(plan), 2)
    fields = {label: value.plain for label, value in rows}
    assert heading == "สรุปมิติที่ ๒ รอบ ๑๒ เดือน"
    assert fields["จำนวนทั้งหมด"] == "๒ โครงการ"
    assert fields["อยู่ระหว่างดำเนินการ"] == "◐ ๑"
    assert fields["ไม่สามารถดำเนินการได้"] == "✗ ๑"
    assert fields["ดำเนินการแล้วเสร็จ"] == "✓ ๐"


def test_remaining_keeps_the_satang(plan: Plan) -> None:
    project = plan.project(3)
    assert project is not None and project.budget == Decimal("12000.50")
    assert _fields(plan, 3)["คงเหลือ"] == "๙,๐๐๐.๕๐ บาท"


def _as_a_rich_grid(sections: list[Section], width: int) -> list[list[Segment]]:
    """The sections drawn the way the detail pane drew them before it drew its rows itself: headings, and
    a rich ``Table.grid`` of labels (bold, never wrapping) beside values (folding)."""
    label_width = max(cell_len(label) for _, rows in sections for label, _ in rows)
    parts: list[RenderableType] = []
    for index, (heading, rows) in enumerate(sections):
        if index:
            parts.append(Text(""))
        parts.append(Text(heading, style=HEADING_STYLE))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style=LABEL_STYLE, no_wrap=True, width=label_width)
        grid.add_column(ratio=1, overflow="fold")
        for label, value in rows:
            grid.add_row(label, value)
        parts.append(grid)
    console = Console(width=width)
    return console.render_lines(Group(*parts), console.options.update(height=None), pad=False)


@pytest.mark.parametrize("width", [37, 40, 58, 76, 100])
def test_the_detail_pane_draws_each_line_as_a_table_of_labels_and_values(plan: Plan, width: int) -> None:
    """Every project's details (hostile text among them), line for line and style for style, as the rich
    table the pane used to draw: labels in a bold column, values wrapped beside them."""
    figures = compute(plan, plan.round)
    all_sections = [project_sections(plan, p, plan.round) for p in plan.projects]
    all_sections += [plan_sections(plan, figures), dimension_sections(plan, figures, 1)]
    console = Console(width=width)
    for sections in all_sections:
        shown = console.render_lines(fields_table(sections), console.options.update(height=None), pad=False)
        assert shown == _as_a_rich_grid(sections, width)


# --- issue 18: the ordinance's amount, included or not, the round's remark, the e-PlanNACC mark ------


def test_an_entered_project_ends_its_label_with_the_mark(plan: Plan) -> None:
    project = plan.project(1)
    assert project is not None
    assert not project_label(plan, project, Round.TWELVE).plain.endswith(ENTERED_MARK)
    project.results[Round.TWELVE].entered = True
    label = project_label(plan, project, Round.TWELVE)
    assert label.plain == f"✓ ๑ {project.name} {ENTERED_MARK}"
    assert not project_label(plan, project, Round.SIX).plain.endswith(ENTERED_MARK)  # a mark per round
    # Cut to a narrow tree, the mark survives as a dimension's count does.
    cut = fit(label, 20, keep_tail=len(ENTERED_TAIL))
    assert cut.plain.endswith(f"… {ENTERED_MARK}") and cut.cell_len <= 20


def test_the_header_counts_the_entered_projects_and_shortens_the_count(plan: Plan) -> None:
    assert not any("e-PlanNACC" in part.plain for part in header_parts(plan, compute(plan)))
    for project in plan.projects[:2]:
        project.results[Round.TWELVE].entered = True
    parts = header_parts(plan, compute(plan))
    assert "บันทึกใน e-PlanNACC แล้ว ๒/๗" in [part.plain for part in parts]
    shorter = shorter_headers(parts)
    assert "e-PlanNACC ๒/๗" in [part.plain for part in shorter[0]]
    assert f"{ENTERED_MARK} ๒/๗" in [part.plain for part in shorter[1]]


def test_the_ordinance_amount_and_included_read_unknown_until_given(plan: Plan) -> None:
    fields = _fields(plan, 3)
    assert fields["วงเงินตามข้อบัญญัติ"] == "ไม่ระบุ"
    assert fields["คงเหลือ"] == "๙,๐๐๐.๕๐ บาท"  # from the plan's budget, said as before
    project = plan.project(3)
    assert project is not None
    project.appropriated = Decimal("10000.00")
    project.included = True
    project.results[Round.TWELVE].remark = "โอนงบประมาณเพิ่ม\nตามมติสภา"
    fields = _fields(plan, 3)
    assert fields["วงเงินตามข้อบัญญัติ"] == "๑๐,๐๐๐.๐๐ บาท"
    assert fields["บรรจุในข้อบัญญัติ/แผน"] == "บรรจุ"
    # From the ordinance's amount now, and the reader is told so on a line of its own.
    assert fields["คงเหลือ"] == "๗,๐๐๐.๐๐ บาท\n(จากวงเงินตามข้อบัญญัติ)"
    assert fields["หมายเหตุของรอบ"] == "โอนงบประมาณเพิ่ม\nตามมติสภา"
    project.included = False
    assert _fields(plan, 3)["บรรจุในข้อบัญญัติ/แผน"] == "ไม่บรรจุ"


def test_a_project_that_needs_no_budget_has_no_ordinance_amount_missing(plan: Plan) -> None:
    project = next(p for p in plan.projects if p.budget is None)
    assert _fields(plan, project.number)["วงเงินตามข้อบัญญัติ"] == "—"  # not "ไม่ระบุ": nothing is missing


def test_a_municipality_calls_it_its_thesabanyat(plan: Plan) -> None:
    plan.organization = "เทศบาลตำบลบางเตย"
    assert "วงเงินตามเทศบัญญัติ" in _fields(plan, 1)


def test_a_carried_completion_says_where_it_comes_from(plan: Plan) -> None:
    project = plan.project(6)
    assert project is not None and project.result(Round.TWELVE).status is Status.NOT_REPORTED
    project.results[Round.SIX] = RoundResult(Status.COMPLETED, "รับเรื่องครบ")
    assert _fields(plan, 6)["สถานะ"] == "✓ ดำเนินการแล้วเสร็จ\n(ต่อจากรอบ ๖ เดือน)"
    assert _fields(plan, 6)["ผลการดำเนินงาน"] == "รับเรื่องครบ"
    plan.round = Round.SIX
    assert _fields(plan, 6)["สถานะ"] == "✓ ดำเนินการแล้วเสร็จ"  # the 6-month round is its own


def test_the_plan_pane_counts_entered_projects_and_names_the_remaining_basis(plan: Plan) -> None:
    def money_and_counts() -> dict[str, str]:
        sections = plan_sections(plan, compute(plan))
        return {label: value.plain for _, rows in sections[1:] for label, value in rows}

    rows = money_and_counts()
    assert rows["e-PlanNACC"] == "บันทึกแล้ว ๐ จาก ๗ โครงการ"
    assert "วงเงินตามข้อบัญญัติ" not in rows  # none known: no row, and the remaining as before
    assert "(" not in rows["คงเหลือ"]
    first = plan.project(1)
    assert first is not None
    first.appropriated = Decimal("45000.00")
    first.results[Round.TWELVE].entered = True
    rows = money_and_counts()
    assert rows["e-PlanNACC"] == "บันทึกแล้ว ๑ จาก ๗ โครงการ"
    assert rows["วงเงินตามข้อบัญญัติ"] == "๔๕,๐๐๐.๐๐ บาท (๑ โครงการ)"
    assert rows["คงเหลือ"].endswith("(จากวงเงินตามข้อบัญญัติ ๑ โครงการ นอกนั้นจากงบประมาณตามแผน)")
