"""The Markdown report as a reader gets it: parsed by a real CommonMark/GFM parser, every project and figure
matches the database, section by section like the published report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.reports.mdparse import MD, Table, headings, html_tokens, list_items, tables
from tracker.domain.markdown import META_OPEN
from tracker.domain.model import Plan, Round, Status
from tracker.domain.thai import DigitStyle, format_baht
from tracker.importer.defaults import default_plan
from tracker.reports.markdown_report import markdown_report
from tracker.storage.store import Store

ARABIC = DigitStyle.ARABIC


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    """The default plan as the database holds it."""
    store = Store.open(tmp_path / "tracker.json", initial_plans=[default_plan()])
    try:
        return store.load_plan(store.list_plans()[0].plan_id)
    finally:
        store.close()


def part_tables(source: str) -> tuple[Table, Table, Table]:
    found = tables(source)
    dims = next(t for t in found if "ชื่อมิติ" in t.header)
    summary = next(t for t in found if "รายการโครงการ" in t.header)
    detail = next(t for t in found if "วิธีการดำเนินงาน" in t.header)
    return dims, summary, detail


def test_every_project_reads_as_in_the_database(plan: Plan) -> None:
    source = markdown_report(plan, Round.TWELVE, ARABIC)
    _, summary, detail = part_tables(source)
    assert summary.header == [
        "ลำดับ", "รายการโครงการ", "มิติ", "แล้วเสร็จ", "ไม่สามารถดำเนินการได้",
        "งบประมาณ", "ไม่ใช้งบประมาณ", "เบิกจ่าย", "คงเหลือ", "หมายเหตุ",
    ]
    assert detail.header == [
        "ลำดับ", "โครงการ/กิจกรรม", "วิธีการดำเนินงาน", "ตัวชี้วัด", "งบประมาณ", "ระยะเวลาดำเนินการ",
        "ผลการดำเนินงาน", "การใช้จ่ายงบประมาณ", "หน่วยงานรับผิดชอบ",
    ]
    rows = summary.rows[:-1]  # the last row holds the totals
    assert len(rows) == len(detail.rows) == len(plan.projects) == 20
    for project, row, row3 in zip(plan.projects, rows, detail.rows, strict=True):
        cells = {h: c.text for h, c in zip(summary.header, row, strict=True)}
        result = project.result(Round.TWELVE)
        assert cells["ลำดับ"] == str(project.number)
        assert cells["รายการโครงการ"] == project.name
        assert cells["มิติ"] == str(project.dimension)
        assert cells["แล้วเสร็จ"] == ("✓" if result.status is Status.COMPLETED else "")
        assert cells["ไม่สามารถดำเนินการได้"] == ("✓" if result.status is Status.NOT_DONE else "")
        if project.budget is None:
            # needs no budget: marked as such, never an amount of 0.00
            assert (cells["งบประมาณ"], cells["ไม่ใช้งบประมาณ"], cells["เบิกจ่าย"], cells["คงเหลือ"]) == ("-", "✓", "-", "-")
        else:
            assert cells["งบประมาณ"] == format_baht(project.budget, ARABIC)
            assert cells["ไม่ใช้งบประมาณ"] == ""
            assert result.disbursed is not None
            assert cells["เบิกจ่าย"] == format_baht(result.disbursed, ARABIC)
            assert cells["คงเหลือ"] == format_baht(project.budget - result.disbursed, ARABIC)
        detail_cells = {h: c.text for h, c in zip(detail.header, row3, strict=True)}
        assert detail_cells["โครงการ/กิจกรรม"] == project.name
        assert detail_cells["วิธีการดำเนินงาน"] == project.method
        assert detail_cells["ระยะเวลาดำเนินการ"] == project.period
        assert detail_cells["หน่วยงานรับผิดชอบ"] == project.unit
        assert detail_cells["ผลการดำเนินงาน"].startswith(result.result_text)
        expected_budget = "ไม่ใช้งบประมาณ" if project.budget is None else format_baht(project.budget, ARABIC)
        assert detail_cells["งบประมาณ"] == expected_budget
    assert [c.text for c in summary.rows[-1]] == [
        "", "รวม", "", "17", "3", "180,000.00", "17", "0.00", "180,000.00", "",
    ]


def test_the_results_of_the_period_are_computed(plan: Plan) -> None:
    items = list_items(markdown_report(plan, Round.TWELVE, ARABIC))
    for expected in (
        "อยู่ระหว่างดำเนินการ 0 โครงการ",
        "ดำเนินการแล้วเสร็จ 17 โครงการ",
        "ไม่สามารถดำเนินการได้ 3 โครงการ",
        "มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ มาก ร้อยละ 85.00 (ธงเขียว)",
        "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต ประกอบด้วย 6 โครงการ",
        "มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต ประกอบด้วย 8 โครงการ",
    ):
        assert expected in items, expected
    assert any(i.startswith("เบิกจ่ายงบประมาณ 0.00 บาท จากงบประมาณ 180,000.00 บาท") for i in items)


def test_the_stored_results_text_is_not_reprinted_and_figures_follow_the_data(plan: Plan) -> None:
    plan.narrative["results"] = "ประกอบด้วย ๙๙ โครงการ เบิกจ่าย ๑๒๓.๐๐ บาท ร้อยละ ๑๒"
    project = plan.project(2)
    assert project is not None
    project.results[Round.TWELVE].status = Status.COMPLETED
    source = markdown_report(plan, Round.TWELVE, ARABIC)
    assert "๙๙" not in source and "๑๒๓" not in source
    items = list_items(source)
    assert "ดำเนินการแล้วเสร็จ 18 โครงการ" in items
    assert "มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ มากที่สุด ร้อยละ 90.00 (ธงเขียว)" in items


def test_sections_follow_the_published_report(plan: Plan) -> None:
    source = markdown_report(plan)
    assert source.startswith(META_OPEN)
    assert [h for h in html_tokens(source) if h != "<br>"] == [source.split("\n")[0]]  # only the hidden line
    assert headings(source) == [
        (1, "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต\nและประพฤติมิชอบ"),
        (2, "คำนำ"),
        (2, "สารบัญ"),
        (2, "๑. ความเป็นมา"),
        (3, "ที่มาและความสำคัญ"),
        (3, "ปัจจัยที่มีผลต่อความสำเร็จของโครงการ/กิจกรรม"),
        (4, "Context (บริบท)"),
        (4, "Input (ปัจจัยนำเข้า)"),
        (4, "Process (กระบวนการ)"),
        (4, "Product (ผลผลิต)"),
        (3, "ผลการดำเนินงาน (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)"),
        (4, "จำนวนโครงการตามมิติและสถานะ"),
        (3, "ผลสัมฤทธิ์ของงาน/โครงการ"),
        (3, "แผนการดำเนินงานในระยะต่อไป"),
        (3, "ประโยชน์ที่ประชาชนได้รับจากการดำเนินโครงการ"),
        (3, "ปัญหาและอุปสรรคในการดำเนินงาน"),
        (3, "ข้อเสนอแนะ"),
        (2, "๒. สรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ องค์การบริหารส่วนตำบลบางเตย"
            " ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
        (2, "๓. รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ องค์การบริหารส่วนตำบลบางเตย"
            " ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
    ]
    html = MD.render(source)
    for expected in ("องค์การบริหารส่วนตำบลบางเตย", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "รอบ ๑๒ เดือน",
                     "จัดทำโดย งานนิติการ สำนักงานปลัด", "อำเภอสามพราน", "จังหวัดนครปฐม"):
        assert expected in html, expected
    assert plan.narrative["foreword"].split("\n")[0] in html
    assert plan.narrative["suggestions"] in html


def test_thai_digits_are_the_plans_default(plan: Plan) -> None:
    source = markdown_report(plan)
    assert "ร้อยละ ๘๕.๐๐" in source and "๑๘๐,๐๐๐.๐๐" in source
    assert "85.00" not in source and "180,000.00" not in source


def test_the_six_month_round_has_an_in_progress_column(plan: Plan) -> None:
    source = markdown_report(plan, Round.SIX, ARABIC)
    _, summary, _ = part_tables(source)
    assert summary.header[3:6] == ["แล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ไม่สามารถดำเนินการได้"]
    assert all(c.text == "" for row in summary.rows[:-1] for c in row[3:6])  # nothing reported yet
    assert [c.text for c in summary.rows[-1][3:6]] == ["0", "0", "0"]
    budget, spent = summary.column("งบประมาณ"), summary.column("เบิกจ่าย")
    budgeted = [r for r in summary.rows[:-1] if r[budget].text != "-"]
    assert [r[spent].text for r in budgeted] == ["-", "-", "-"]  # nothing spent is recorded yet: not 0.00
    items = list_items(source)
    assert "รอการรายงานผล 20 โครงการ" in items
    assert "มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ น้อยที่สุด ร้อยละ 0.00 (ธงแดง)" in items
    assert "รอบ 6 เดือน (1 ตุลาคม 2566 – 31 มีนาคม 2567)" in MD.render(source)


def test_the_chart_and_its_table_give_the_same_figures(plan: Plan) -> None:
    plan.dimensions[0].name = 'มิติ "ชื่อ" ]] %%{init}%% \nclick'
    source = markdown_report(plan, Round.TWELVE, ARABIC)
    charts = [t.content for t in MD.parse(source) if t.type == "fence" and t.info == "mermaid"]
    assert len(charts) == 4 and all(c.startswith("pie showData title มิติที่ ") for c in charts)
    assert "ชื่อ" not in "".join(charts)  # no user text enters the chart
    dims, _, _ = part_tables(source)
    labels = {s.label: s for s in Status}
    for chart, row in zip(charts, dims.rows, strict=False):
        slices = {}
        for line in chart.splitlines()[1:]:
            label, count = line.strip().rsplit(" : ", 1)
            slices[labels[label.strip('"')]] = int(count)
        table = {s: int(row[3 + i].text) for i, s in enumerate(Status) if int(row[3 + i].text)}
        assert slices == table
    assert [r[2].text for r in dims.rows] == ["6", "8", "2", "4", "20"]
    assert dims.rows[0][1].text == 'มิติ "ชื่อ" ]] %%{init}%% \nclick'


def test_a_reason_follows_the_result(plan: Plan) -> None:
    _, _, detail = part_tables(markdown_report(plan))
    cell = detail.rows[2][detail.column("ผลการดำเนินงาน")]
    assert cell.text == "ไม่สามารถดำเนินการได้ เนื่องจากบุคลากรไม่ เพียงพอ\nเหตุผล: บุคลากรไม่เพียงพอ"
    assert cell.kinds == {"strong_open", "strong_close"}


def test_an_amount_spent_without_a_budget_is_shown(plan: Plan) -> None:
    project = plan.projects[0]
    project.results[Round.TWELVE].disbursed = Decimal("1500")
    _, summary, detail = part_tables(markdown_report(plan, Round.TWELVE, ARABIC))
    assert [c.text for c in summary.rows[0][5:9]] == ["-", "✓", "1,500.00", "-"]
    assert detail.rows[0][detail.column("การใช้จ่ายงบประมาณ")].text == "1,500.00"


def test_remarks_of_the_project_and_of_the_round_show_in_part_2(plan: Plan) -> None:
    hostile = "[bold]แดง[/bold] | ช่อง\nบรรทัดใหม่ **หนา** <br> `x`"
    plan.projects[0].remarks = "ของโครงการ"
    plan.projects[0].results[Round.TWELVE].remark = hostile
    plan.projects[1].results[Round.TWELVE].remark = "ขอขยายเวลา"
    plan.projects[2].remarks = hostile
    _, summary, _ = part_tables(markdown_report(plan, Round.TWELVE, ARABIC))
    column = summary.column("หมายเหตุ")
    first, second, third = (summary.rows[i][column] for i in range(3))
    # The official column's remark (the round's) plainly, then the project's own after its bold label.
    assert first.text == f"{hostile}\nหมายเหตุโครงการ: ของโครงการ"
    assert (second.text, second.kinds) == ("ขอขยายเวลา", set())
    assert third.text == f"หมายเหตุโครงการ: {hostile}"
    assert first.kinds == third.kinds == {"strong_open", "strong_close"}  # the label alone is bold, user text never
    assert len(summary.rows[0]) == len(summary.header)  # "|" split no cell


def test_an_appropriated_amount_shows_in_part_3_where_it_differs(plan: Plan) -> None:
    budgeted = [p for p in plan.projects if p.budget is not None]
    budget, other = budgeted[0].budget, budgeted[1].budget
    assert budget is not None and other is not None
    appropriated = budgeted[0].appropriated = budget - Decimal("1000")
    budgeted[1].appropriated = other
    source = markdown_report(plan, Round.TWELVE, ARABIC)
    _, summary, detail = part_tables(source)
    cells = {p.number: row[detail.column("งบประมาณ")].text for p, row in zip(plan.projects, detail.rows, strict=True)}
    assert cells[budgeted[0].number] == (
        f"{format_baht(budget, ARABIC)}\nตามข้อบัญญัติ {format_baht(appropriated, ARABIC)}"
    )
    assert cells[budgeted[1].number] == format_baht(other, ARABIC)  # the same: nothing more
    assert '"projects":{"' + str(budgeted[1].number) + '":{"appropriated":"' in source.split("\n")[0]
    # Part 2 keeps its columns; what remains is reckoned from the ordinance's amount, as the total is, and
    # the budget cell shows that amount under the plan's, so that the row adds up on its face.
    row = summary.rows[plan.projects.index(budgeted[0])]
    assert row[summary.column("งบประมาณ")].text == (
        f"{format_baht(budget, ARABIC)}\nตามข้อบัญญัติ {format_baht(appropriated, ARABIC)}"
    )
    same = summary.rows[plan.projects.index(budgeted[1])]
    assert same[summary.column("งบประมาณ")].text == format_baht(other, ARABIC)
    assert row[summary.column("คงเหลือ")].text == format_baht(appropriated, ARABIC)
    assert summary.rows[-1][summary.column("คงเหลือ")].text == "179,000.00"
    # Says which, under part 2: each group's projects by number and what their amounts add up to.
    assert (
        f"<p>หมายเหตุ คงเหลือคิดจากวงเงินตามข้อบัญญัติของโครงการลำดับที่ {budgeted[0].number}, {budgeted[1].number} รวม"
    ) in MD.render(source)


def test_a_municipality_writes_its_ordinance_as_such(plan: Plan) -> None:
    plan.organization = "เทศบาลตำบลบางเตย"
    project = next(p for p in plan.projects if p.budget is not None)
    project.appropriated = Decimal("1")
    _, _, detail = part_tables(markdown_report(plan, Round.TWELVE, ARABIC))
    assert detail.rows[plan.projects.index(project)][detail.column("งบประมาณ")].text.endswith("\nตามเทศบัญญัติ 1.00")


def test_what_the_report_does_not_print_rides_in_the_hidden_line_only_when_set(plan: Plan) -> None:
    assert '"projects"' not in markdown_report(plan).split("\n")[0]
    plan.projects[0].included = False
    plan.projects[1].results[Round.TWELVE].entered = True
    source = markdown_report(plan)
    assert '"projects":{"1":{"included":false},"2":{"entered":true}}' in source.split("\n")[0]
    assert [h for h in html_tokens(source) if h != "<br>"] == [source.split("\n")[0]]  # still the only HTML
    assert markdown_report(plan, Round.SIX).split("\n")[0].endswith('"projects":{"1":{"included":false}}} -->')
