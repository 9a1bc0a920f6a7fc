"""The CSV export as a spreadsheet gets it: every project in both rounds, every field, Thai readable in Excel."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from tracker.domain.figures import remaining_of
from tracker.domain.model import Round
from tracker.importer.defaults import default_plan
from tracker.reports.csv_export import COLUMNS, ENCODING, guard, unguard
from tracker.reports.export import ExportFormat, export_bytes


def read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode(ENCODING), newline="")))


def test_every_project_and_round_with_every_field() -> None:
    plan = default_plan()
    data = export_bytes(plan, ExportFormat.CSV)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    rows = read(data)
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 20 * 2
    expected = [(p, r) for p in plan.projects for r in Round]
    for (project, round_), row in zip(expected, rows, strict=True):
        result = project.result(round_)
        assert row["plan_id"] == plan.plan_id and row["organization"] == plan.organization
        assert row["fiscal_year"] == "2567"
        assert row["number"] == str(project.number)
        assert (row["kind"], row["kind_label"]) == (project.kind.value, project.kind.label)
        assert row["name"] == project.name
        assert (row["dimension"], row["dimension_name"]) == (str(project.dimension), plan.dimension_name(project.dimension))
        assert (row["method"], row["indicator"], row["period"], row["unit"], row["remarks"]) == (
            project.method, project.indicator, project.period, project.unit, project.remarks)
        assert row["round"] == str(int(round_))
        assert (row["status"], row["status_label"]) == (result.status.value, result.status.label)
        assert row["result_text"] == result.result_text
        assert row["reason"] == ("" if result.reason is None else result.reason.value)
        assert row["reason_label"] == ("" if result.reason is None else result.reason.label)
        assert row["reason_text"] == result.reason_text
        if project.budget is None:
            assert (row["budget"], row["needs_budget"], row["remaining"]) == ("", "false", "")
        else:
            assert row["needs_budget"] == "true"
            assert Decimal(row["budget"]) == project.budget and "," not in row["budget"]
            remaining = remaining_of(project.budget, result.disbursed)
            assert remaining is not None and Decimal(row["remaining"]) == remaining
        assert row["disbursed"] == ("" if result.disbursed is None else f"{result.disbursed:.2f}")
    second = rows[2]  # project 2, 6-month round: nothing reported yet
    assert (second["budget"], second["disbursed"], second["remaining"]) == ("50000.00", "", "50000.00")
    assert rows[3]["status_label"] == "ไม่สามารถดำเนินการได้" and rows[3]["disbursed"] == "0.00"


@pytest.mark.parametrize("text", ["=1+1", "+66", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x", "'plain", "ok", ""])
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    guarded = guard(text)
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unguard(guarded) == text
    if not text.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")):
        assert guarded == text  # only what a spreadsheet would run gets the apostrophe


def test_digits_and_round_do_not_change_the_data() -> None:
    plan = default_plan()
    from tracker.domain.thai import DigitStyle

    assert export_bytes(plan, ExportFormat.CSV, Round.SIX, DigitStyle.THAI) == export_bytes(
        plan, ExportFormat.CSV, Round.TWELVE, DigitStyle.ARABIC)
