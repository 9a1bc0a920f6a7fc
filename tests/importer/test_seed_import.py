"""The real report, imported: every project, every figure, every disagreement between its parts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.seed_expected import SEED_PROJECTS
from tracker.domain.figures import Flag, compute
from tracker.domain.model import ProjectKind, ReasonKind, Round, Status
from tracker.domain.text import bare
from tracker.importer.defaults import SEED_REPORT
from tracker.importer.report_text import ImportResult, import_file

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "bangtoei-2567-report-12m.txt"


@pytest.fixture(scope="module")
def imported() -> ImportResult:
    return import_file(SEED_REPORT)


def test_data_copy_is_the_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("the shared seed is not beside this checkout")
    assert SEED_REPORT.read_bytes() == SHARED_SEED.read_bytes()


def test_cover(imported: ImportResult) -> None:
    plan = imported.plan
    assert plan.organization == "องค์การบริหารส่วนตำบลบางเตย"
    assert plan.district == "สามพราน"
    assert plan.province == "นครปฐม"
    assert plan.preparing_unit == "งานนิติการ สำนักงานปลัด"
    assert plan.fiscal_year == 2567
    assert plan.round is Round.TWELVE
    assert plan.narrative["title"] == "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต\nและประพฤติมิชอบ"


def test_headline_figures(imported: ImportResult) -> None:
    figures = compute(imported.plan)
    assert figures.total == 20
    assert [d.total for d in figures.dimensions] == [6, 8, 2, 4]
    assert figures.per_status[Status.COMPLETED] == 17
    assert figures.per_status[Status.NOT_DONE] == 3
    assert figures.per_status[Status.IN_PROGRESS] == 0
    assert figures.per_status[Status.NOT_REPORTED] == 0
    assert figures.budget == Decimal("180000.00")
    assert figures.no_budget_projects == 17
    assert figures.disbursed == Decimal("0.00")
    assert figures.remaining == Decimal("180000.00")
    assert figures.score == Decimal("85.00")
    assert figures.flag is Flag.GREEN
    assert figures.level == "มาก"


@pytest.mark.parametrize("expected", SEED_PROJECTS, ids=lambda e: f"project-{e['number']}")
def test_every_project_reads_as_the_report_states_it(imported: ImportResult, expected: dict[str, object]) -> None:
    plan = imported.plan
    project = plan.project(int(str(expected["number"])))
    assert project is not None
    result = project.result(Round.TWELVE)
    assert project.name == expected["name"]
    assert project.dimension == expected["dimension"]
    assert result.status is Status(str(expected["status"]))
    assert project.budget == expected["budget"]
    assert result.disbursed == expected["disbursed"]
    for field in ("method", "indicator", "period", "unit"):
        assert bare(getattr(project, field)) == bare(str(expected[field])), field
    assert bare(result.result_text) == bare(str(expected["result"]))
    assert project.kind is ProjectKind.from_name(project.name)


def test_needs_no_budget_is_not_zero(imported: ImportResult) -> None:
    first = imported.plan.project(1)
    second = imported.plan.project(2)
    assert first is not None and second is not None
    assert first.budget is None and not first.needs_budget
    assert second.budget == Decimal("50000.00") and second.result(Round.TWELVE).disbursed == Decimal("0.00")


def test_continuation_row_after_a_page_break_joins_its_project(imported: ImportResult) -> None:
    project = imported.plan.project(5)
    assert project is not None
    assert project.method.endswith("เข้มแข็งด้าน คุณธรรม จริยธรรม และ")
    assert project.indicator.endswith("โดยยึดหลัก คุณธรรม จริยธรรม")
    assert imported.plan.project(6) is not None


def test_reasons_are_read_from_the_result_text(imported: ImportResult) -> None:
    plan = imported.plan
    for number in (3, 15):
        project = plan.project(number)
        assert project is not None
        assert project.result(Round.TWELVE).reason is ReasonKind.NOT_ENOUGH_STAFF
    project = plan.project(2)
    assert project is not None
    assert project.result(Round.TWELVE).reason is None


def test_kinds(imported: ImportResult) -> None:
    kinds = [p.kind for p in imported.plan.projects]
    assert kinds.count(ProjectKind.PROJECT) == 8
    assert kinds.count(ProjectKind.MEASURE) == 10
    assert kinds.count(ProjectKind.ACTIVITY) == 2


def test_narrative_sections_are_all_kept(imported: ImportResult) -> None:
    narrative = imported.plan.narrative
    for key in ("foreword", "background", "context", "input", "process", "product", "results",
                "outcomes", "next_steps", "benefits", "problems", "suggestions"):
        assert narrative.get(key), key
    assert narrative["background"].startswith("การทุจริตคอร์รัปชันเป็นปัญหา")
    assert "องค์การบริหารส่วนตำบลบางเตยได้กำหนดนโยบาย" in narrative["background"]
    assert narrative["process"].count("\n") == 2  # three numbered items, one per line
    assert narrative["suggestions"] == (
        "สร้างความรู้ ความเข้าใจ รวมถึงมีการยกตัวอย่างการดำเนินงานเพื่อป้องกันการทุจริตและประพฤติมิชอบ"
    )
    assert narrative["foreword"].count("\n\n") == 2  # three paragraphs


def test_stated_figures_are_read_even_from_garbled_lines(imported: ImportResult) -> None:
    stated = imported.plan.stated
    assert stated.total == 20
    assert stated.per_dimension == {1: 6, 2: 8, 3: 2, 4: 4}
    assert stated.per_status == {Status.IN_PROGRESS: 0, Status.COMPLETED: 17, Status.NOT_DONE: 3}
    assert stated.disbursed == Decimal("0.00")
    assert stated.level == "มาก"
    assert stated.score == Decimal("85")
    # they agree with the tables, so none of them is a finding
    assert not [f for f in imported.findings if f.code.startswith("STATED_")]


def test_findings_are_the_real_disagreements(imported: ImportResult) -> None:
    found = sorted((f.code, f.project) for f in imported.findings)
    assert found == sorted([
        ("FISCAL_YEAR_HEADING", None),  # part 2's title says ๒๕๖๖
        ("FISCAL_YEAR_HEADING", None),  # ... repeated after the page break
        ("FISCAL_YEAR_HEADING", None),  # part 3's title says ๒๕๖๖
        ("REASON_MISSING", 2),
        ("STATUS_RESULT_MISMATCH", 2),
        ("NAME_MISMATCH", 10),  # "เสริมสร้างโปร่งใส" lacks "ความ"
        ("AMOUNT_AMBIGUOUS", 15),  # "๓๐.๐๐๐"
        ("NAME_MISMATCH", 16),  # "เรื่องร้องทุกข์" lacks "ราว"
        ("NAME_TRUNCATED", 19),  # part 3 cuts the name short
    ])
    by_project = {f.project: f for f in imported.findings if f.project}
    assert "๓๐,๐๐๐.๐๐" in by_project[15].detail
    assert "ส่วนที่ ๒" in by_project[15].detail
    assert all(f.message and f.detail for f in imported.findings)


def test_wrapping_alone_is_never_a_finding(imported: ImportResult) -> None:
    # Projects 1-9, 11-14, 17, 18 and 20 differ between the tables only where part 3's cells wrapped.
    flagged = {f.project for f in imported.findings if f.code.startswith("NAME_")}
    assert flagged == {10, 16, 19}


def test_units_that_differ_only_by_wrapping_are_one_unit(imported: ImportResult) -> None:
    units = {p.unit for p in imported.plan.projects}
    assert units == {"สำนักงานปลัด อบต.", "กองคลัง", "ตรวจสอบ ภายใน"}
