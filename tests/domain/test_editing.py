"""Editing: what a form accepts, refuses and warns about, and the operations that keep numbers in order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.editing import (
    InvalidInput,
    PlanInput,
    ProjectFilter,
    ProjectInput,
    add_project,
    apply_plan,
    apply_project,
    check_plan,
    check_project,
    delete_project,
    duplicate_project,
    move_project,
    next_fiscal_year,
    parse_fiscal_year,
    parse_level_bands,
    units_used,
)
from tracker.domain.figures import compute
from tracker.domain.model import Plan, ProjectKind, ReasonKind, Round, RoundResult, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan


@pytest.fixture
def plan() -> Plan:
    return default_plan()


def form(plan: Plan, number: int) -> ProjectInput:
    project = plan.project(number)
    assert project is not None
    return ProjectInput.from_project(project, Round.TWELVE, DigitStyle.THAI)


def index(plan: Plan, number: int) -> int:
    return next(i for i, p in enumerate(plan.projects) if p.number == number)


def test_form_of_a_stored_project_writes_amounts_in_the_plan_style(plan: Plan) -> None:
    inp = form(plan, 2)
    assert inp.budget == "๕๐,๐๐๐.๐๐" and not inp.no_budget
    assert inp.disbursed == "๐.๐๐"
    assert form(plan, 1).no_budget and form(plan, 1).budget == ""


def test_recording_a_result_moves_the_score(plan: Plan) -> None:
    inp = form(plan, 15)
    inp.status, inp.disbursed, inp.result_text = Status.COMPLETED, "๒๕,๐๐๐", "จัดเวทีประชาคมแล้ว"
    assert check_project(inp, plan).ok
    apply_project(plan, index(plan, 15), inp, Round.TWELVE)
    project = plan.project(15)
    assert project is not None
    assert project.result(Round.TWELVE).disbursed == Decimal("25000.00")
    assert project.result(Round.TWELVE).reason is None  # no reason once it is done
    figures = compute(plan)
    assert figures.score == Decimal("90.00")
    assert figures.disbursed == Decimal("25000.00")


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [("budget", "abc", "budget"), ("budget", "-5", "budget"), ("disbursed", "1.2.3", "disbursed"),
     ("name", "   ", "name"), ("budget", "", "budget")],
)
def test_invalid_input_is_refused_at_its_field(plan: Plan, field: str, value: str, error_field: str) -> None:
    inp = form(plan, 2)
    setattr(inp, field, value)
    checked = check_project(inp, plan)
    assert error_field in checked.errors
    with pytest.raises(InvalidInput):
        apply_project(plan, index(plan, 2), inp, Round.TWELVE)
    assert plan.project(2) is not None and plan.project(2).budget == Decimal("50000.00")  # type: ignore[union-attr]


def test_warnings_are_shown_but_allowed(plan: Plan) -> None:
    inp = form(plan, 2)
    inp.disbursed = "60,000"
    checked = check_project(inp, plan)
    assert checked.ok and "disbursed" in checked.warnings and "๑๐,๐๐๐.๐๐" in checked.warnings["disbursed"]
    inp = form(plan, 1)
    inp.disbursed = "100"
    assert "disbursed" in check_project(inp, plan).warnings
    inp = form(plan, 1)
    inp.period = "ตลอดปี"
    assert "period" in check_project(inp, plan).warnings
    inp = form(plan, 2)  # could not be done, no reason recorded: the seed's own mistake
    assert "reason" in check_project(inp, plan).warnings


def test_more_disbursed_than_the_ordinance_appropriated_is_a_warning(plan: Plan) -> None:
    inp = form(plan, 2)  # budget 50,000
    inp.appropriated, inp.disbursed = "๔๐,๐๐๐", "45000"
    checked = check_project(inp, plan)
    assert checked.ok and checked.values["appropriated"] == Decimal("40000.00")
    assert checked.warnings["disbursed"].startswith("เบิกจ่ายเกินวงเงินตามข้อบัญญัติ/เทศบัญญัติ ๕,๐๐๐.๐๐ บาท")
    # Over both: the ordinance's amount is the one that binds, and is said.
    inp.disbursed = "60000"
    assert "เกินวงเงินตามข้อบัญญัติ/เทศบัญญัติ ๒๐,๐๐๐.๐๐" in check_project(inp, plan).warnings["disbursed"]
    # Within the ordinance's amount, over the plan's budget: the budget's warning.
    inp.appropriated, inp.disbursed = "70000", "60000"
    assert check_project(inp, plan).warnings["disbursed"].startswith("เบิกจ่ายเกินงบประมาณ ๑๐,๐๐๐.๐๐")
    inp.disbursed = "40000"
    assert "disbursed" not in check_project(inp, plan).warnings
    # Unknown: the budget alone is compared.
    inp.appropriated, inp.disbursed = "", "45000"
    assert "disbursed" not in check_project(inp, plan).warnings
    apply_project(plan, index(plan, 2), inp, Round.TWELVE)  # a warning never stops saving
    inp.appropriated = "40000"
    apply_project(plan, index(plan, 2), inp, Round.TWELVE, check_project(inp, plan))
    assert plan.project(2).appropriated == Decimal("40000.00")  # type: ignore[union-attr]


def test_an_appropriated_amount_on_a_project_that_needs_no_budget_is_a_warning(plan: Plan) -> None:
    inp = form(plan, 1)  # needs no budget
    inp.appropriated = "5,000"
    checked = check_project(inp, plan)
    assert checked.ok and "ไม่ใช้งบประมาณ" in checked.warnings["appropriated"]
    inp.appropriated = "0"  # nothing appropriated agrees with needing none
    assert "appropriated" not in check_project(inp, plan).warnings
    inp.appropriated, inp.no_budget, inp.budget = "5000", False, "5000"
    assert "appropriated" not in check_project(inp, plan).warnings
    inp.appropriated = "-5"
    assert "appropriated" in check_project(inp, plan).errors


def test_other_reason_needs_its_words(plan: Plan) -> None:
    inp = form(plan, 3)
    inp.reason = ReasonKind.OTHER
    inp.reason_text = ""
    assert "reason_text" in check_project(inp, plan).errors
    inp.reason_text = "น้ำท่วมพื้นที่"
    assert check_project(inp, plan).ok


def test_needs_no_budget_is_kept_apart_from_zero(plan: Plan) -> None:
    inp = form(plan, 1)
    inp.no_budget, inp.budget = False, "0"
    apply_project(plan, index(plan, 1), inp, Round.TWELVE)
    assert plan.project(1).budget == Decimal("0.00")  # type: ignore[union-attr]
    inp.no_budget = True
    apply_project(plan, index(plan, 1), inp, Round.TWELVE)
    assert plan.project(1).budget is None  # type: ignore[union-attr]


def test_changing_the_dimension_moves_the_project_and_numbers_follow(plan: Plan) -> None:
    inp = form(plan, 3)
    name = inp.name
    inp.dimension = 3
    apply_project(plan, index(plan, 3), inp, Round.TWELVE)
    assert [p.number for p in plan.projects] == list(range(1, 21))
    moved = next(p for p in plan.projects if p.name == name)
    assert moved.dimension == 3 and moved.number == 16  # last of dimension 3 (5 + 8 + 2 before it)
    assert [len(plan.projects_in(d)) for d in (1, 2, 3, 4)] == [5, 8, 3, 4]


def test_add_delete_duplicate_move(plan: Plan) -> None:
    at = add_project(plan, 3)
    assert plan.projects[at].number == 17 and plan.projects[at].dimension == 3
    assert plan.projects[at].period == "ต.ค. ๖๖ - ก.ย. ๖๗"
    assert [p.number for p in plan.projects] == list(range(1, 22))
    delete_project(plan, at)
    assert [p.number for p in plan.projects] == list(range(1, 21))
    twin = duplicate_project(plan, index(plan, 7))
    assert plan.projects[twin].number == 8 and plan.projects[twin].name.endswith("(สำเนา)")
    assert plan.projects[twin].results == {}
    first = plan.project(1)
    up = move_project(plan, index(plan, 2), -1)
    assert plan.projects[up].number == 1 and plan.project(2) is first
    assert move_project(plan, up, -1) == up  # already first of its dimension
    last_of_dim1 = index(plan, 6)
    assert move_project(plan, last_of_dim1, +1) == last_of_dim1  # never crosses into dimension 2


def test_units_used_offers_the_common_ones_first(plan: Plan) -> None:
    assert units_used(plan) == ["สำนักงานปลัด อบต.", "ตรวจสอบ ภายใน", "กองคลัง"]


def test_plan_form(plan: Plan) -> None:
    inp = PlanInput.from_plan(plan)
    assert inp.fiscal_year == "๒๕๖๗"
    assert inp.level_bands.splitlines()[:2] == ["๙๐ มากที่สุด", "๗๐ มาก"]
    inp.province, inp.fiscal_year = "นครปฐม", "2568"
    inp.level_bands = "80 ดีมาก\n๐ ต้องปรับปรุง"
    inp.narrative["problems"] = "ไม่มี"
    assert check_plan(inp).ok
    apply_plan(plan, inp)
    assert plan.fiscal_year == 2568 and plan.narrative["problems"] == "ไม่มี"
    assert plan.settings.level_for(Decimal(85)) == "ดีมาก"


@pytest.mark.parametrize("typed", ["abc", "2024", "๓๐๐๐", ""])
def test_fiscal_year_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_fiscal_year(typed)


def test_level_bands_refused_with_the_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_level_bands("90 ดี\nมาก")
    with pytest.raises(ValueError, match="same score"):
        parse_level_bands("90 ดี\n90 มาก")
    assert parse_level_bands("70 ดี")[-1].minimum == 0


def test_next_fiscal_year(plan: Plan) -> None:
    following = next_fiscal_year(plan, {plan.plan_id})
    assert following.fiscal_year == 2568 and following.plan_id == "บางเตย-2568"
    assert following.round is Round.SIX
    assert len(following.projects) == 20
    assert all(p.results == {} for p in following.projects)
    assert following.projects[0].period == "ต.ค. ๖๗ - ก.ย. ๖๘"
    assert compute(following, Round.SIX).per_status[Status.NOT_REPORTED] == 20
    assert plan.projects[0].results  # the old plan is untouched
    assert next_fiscal_year(plan, {"บางเตย-2568"}).plan_id == "บางเตย-2568-2"


def test_next_fiscal_year_starts_the_ordinance_and_the_rounds_marks_afresh(plan: Plan) -> None:
    two = plan.project(2)
    assert two is not None
    two.appropriated, two.included = Decimal("45000"), True
    two.results[Round.TWELVE].remark = "โอนงบประมาณเพิ่ม"
    two.results[Round.TWELVE].entered = True
    following = next_fiscal_year(plan, {plan.plan_id})
    again = following.project(2)
    assert again is not None
    assert (again.appropriated, again.included) == (None, None)  # this year's ordinance is not next year's
    assert again.budget == Decimal("50000.00")  # the development plan's amount stays
    assert again.result(Round.SIX) == again.result(Round.TWELVE) == RoundResult()
    assert (two.appropriated, two.results[Round.TWELVE].entered) == (Decimal("45000"), True)  # untouched


def test_filter(plan: Plan) -> None:
    def shown(f: ProjectFilter) -> list[int]:
        return [p.number for p in plan.projects if f.matches(p, Round.TWELVE)]

    assert shown(ProjectFilter(statuses=frozenset({Status.NOT_DONE}))) == [2, 3, 15]
    assert shown(ProjectFilter(dimensions=frozenset({3}))) == [15, 16]
    assert shown(ProjectFilter(unit="กองคลัง")) == [10]
    assert shown(ProjectFilter(text="ประชาคม")) == [15]
    assert shown(ProjectFilter(text="no gift")) == [7]
    assert shown(ProjectFilter(text="ฎีกาเบิกจ่าย")) == []
    four = plan.project(4)
    assert four is not None
    four.results[Round.TWELVE].remark = "รอฎีกาเบิกจ่าย"
    assert shown(ProjectFilter(text="ฎีกาเบิกจ่าย")) == [4]  # the round's remark is searched
    assert [p.number for p in plan.projects if ProjectFilter(text="ฎีกาเบิกจ่าย").matches(p, Round.SIX)] == []
    assert not ProjectFilter().active and ProjectFilter(text="x").active


def test_kind_follows_the_name_of_a_new_project(plan: Plan) -> None:
    at = add_project(plan, 2, name="มาตรการใหม่")
    assert plan.projects[at].kind is ProjectKind.MEASURE
