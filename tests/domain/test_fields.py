"""The field catalogue: the inputs, the history and the report's headings agree with it; validation
hands its parsed values to apply (nothing is parsed twice)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from unittest import mock

import pytest

from tracker.domain import editing, fields
from tracker.domain.columns import DETAIL_COLUMNS
from tracker.domain.editing import (
    PlanInput,
    ProjectInput,
    apply_plan,
    apply_project,
    check_plan,
    check_project,
)
from tracker.domain.fields import PLAN_FIELDS, PROJECT_FIELDS, FieldKind, input_keys
from tracker.domain.history import field_label
from tracker.domain.model import Plan, Round, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan


@pytest.fixture
def plan() -> Plan:
    return default_plan()


def test_the_inputs_have_the_catalogue_fields_in_its_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(ProjectInput)) == input_keys(PROJECT_FIELDS)
    plan_keys = tuple(f.name for f in dataclasses.fields(PlanInput))
    assert set(plan_keys) == set(input_keys(PLAN_FIELDS))


def test_keys_are_unique_and_labels_are_thai() -> None:
    for catalogue in (PROJECT_FIELDS, PLAN_FIELDS):
        keys = [f.key for f in catalogue]
        assert len(keys) == len(set(keys))
        assert all(f.thai and f.english and f.thai != f.english for f in catalogue)


@pytest.mark.parametrize("spec", [f for f in PROJECT_FIELDS if f.key not in ("no_budget", "remaining")], ids=lambda f: f.key)
def test_history_names_a_project_field_as_the_catalogue(spec: fields.FieldSpec) -> None:
    if spec.per_round:
        assert field_label(f"results.12.{spec.path}") == f"ผลรอบ ๑๒ เดือน: {spec.thai}"
    else:
        assert field_label(spec.path) == spec.thai


@pytest.mark.parametrize(
    "spec", [f for f in PLAN_FIELDS if f.kind not in (FieldKind.SIGNATORIES, FieldKind.NARRATIVE)],
    ids=lambda f: f.key,
)
def test_history_names_a_plan_field_as_the_catalogue(spec: fields.FieldSpec) -> None:
    assert field_label(spec.path) == spec.thai


def test_the_report_headings_are_the_official_ones() -> None:
    headings = {c.key: c.heading for c in DETAIL_COLUMNS}
    assert headings["name"] == "โครงการ/กิจกรรม" and headings["disbursed"] == "การใช้จ่ายงบประมาณ"
    assert headings["method"] == fields.PROJECT["method"].thai


def test_form_label_carries_the_note() -> None:
    assert fields.PLAN["fiscal_year"].form_label == "ปีงบประมาณ (พ.ศ.)"
    assert fields.PROJECT["name"].form_label == "ชื่อโครงการ"


def test_check_project_returns_the_amounts_it_read(plan: Plan) -> None:
    project = plan.projects[1]
    inp = ProjectInput.from_project(project, Round.TWELVE, DigitStyle.THAI)
    inp.budget, inp.disbursed = "๕๐,๐๐๐", "1,500.5 บาท"
    checked = check_project(inp, plan)
    assert checked.ok and checked.values == {
        "budget": Decimal("50000"), "disbursed": Decimal("1500.50"), "appropriated": None
    }
    inp.no_budget, inp.disbursed, inp.appropriated = True, "", "๔๘,๐๐๐"
    assert check_project(inp, plan).values == {"budget": None, "disbursed": None, "appropriated": Decimal("48000")}


def test_apply_project_stores_the_checked_values_without_parsing_again(plan: Plan) -> None:
    inp = ProjectInput.from_project(plan.projects[1], Round.TWELVE, DigitStyle.THAI)
    inp.budget, inp.disbursed, inp.status, inp.result_text = "60000", "25,000", Status.COMPLETED, "ทำแล้ว"
    checked = check_project(inp, plan)
    with mock.patch.object(editing, "parse_baht", side_effect=AssertionError("parsed again")):
        project = apply_project(plan, 1, inp, Round.TWELVE, checked)
    assert project.budget == Decimal("60000.00")
    assert project.result(Round.TWELVE).disbursed == Decimal("25000.00")


def test_apply_project_without_a_check_checks_itself(plan: Plan) -> None:
    inp = ProjectInput.from_project(plan.projects[1], Round.TWELVE, DigitStyle.THAI)
    inp.budget = "70000"
    assert apply_project(plan, 1, inp, Round.TWELVE).budget == Decimal("70000.00")
    inp.budget = "เจ็ดหมื่น"
    with pytest.raises(editing.InvalidInput):
        apply_project(plan, 1, inp, Round.TWELVE)


def test_check_plan_returns_the_year_and_bands_it_read(plan: Plan) -> None:
    inp = PlanInput.from_plan(plan)
    inp.fiscal_year = "๒๕๖๘"
    checked = check_plan(inp)
    assert checked.ok and checked.values["fiscal_year"] == 2568
    assert checked.values["level_bands"] == fields.parse_level_bands(inp.level_bands)
    with mock.patch.object(editing, "parse_fiscal_year", side_effect=AssertionError("parsed again")):
        apply_plan(plan, inp, checked)
    assert plan.fiscal_year == 2568


def test_the_fiscal_year_rule_is_the_one_of_editing() -> None:
    assert editing.parse_fiscal_year is fields.parse_fiscal_year
    assert editing.parse_level_bands is fields.parse_level_bands
