"""The CSV export as a spreadsheet gets it: every project in both rounds, every field, Thai readable in Excel."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from tests.reports.test_plain_text import appropriated_plan
from tracker.domain.figures import remaining_of
from tracker.domain.model import INCLUDED_LABELS, Plan, Project, Round, RoundResult, Status
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
        assert (row["appropriated"], row["included"], row["included_label"]) == ("", "", "ไม่ระบุ")
        assert (row["round_remark"], row["entered"]) == ("", "false")
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


def test_the_round_does_not_change_the_data_and_arabic_digits_change_only_the_typed_digits() -> None:
    plan = default_plan()
    from tracker.domain.thai import DigitStyle, to_arabic_digits

    thai = export_bytes(plan, ExportFormat.CSV, Round.SIX, DigitStyle.THAI)
    assert thai == export_bytes(plan, ExportFormat.CSV, Round.TWELVE, DigitStyle.THAI)
    # Figures are plain numbers either way; typed text is written in Arabic digits (the plan keeps them).
    arabic = export_bytes(plan, ExportFormat.CSV, Round.TWELVE, DigitStyle.ARABIC)
    assert arabic != thai and arabic.decode("utf-8-sig") == to_arabic_digits(thai.decode("utf-8-sig"))


CONTROLS = {
    "\x1b[31mแดง\x1b[0m": "␛[31mแดง␛[0m",  # ESC: would colour the terminal of whoever runs cat on the file
    "กริ่ง\x07": "กริ่ง␇",  # BEL
    "ศูนย์\x00ไบต์": "ศูนย์␀ไบต์",  # NUL
    "\u202eกลับด้าน": "\\u202eกลับด้าน",  # a bidi override: would show what follows reversed
    "จ\x9b31m": "จ\\x9b31m",  # a one-byte CSI (C1)
    "ลบ\x7f": "ลบ␡",  # DEL
    "แยก\rบรรทัด": "แยก␍บรรทัด",  # a lone CR: overwrites the line on a terminal
}


def hostile_plan(value: str) -> tuple[Plan, Project]:
    plan = default_plan()
    plan.organization = value
    project = plan.projects[0]
    project.name = value
    project.unit = value
    project.results[Round.TWELVE] = RoundResult(status=Status.COMPLETED, result_text=f"บรรทัดแรก\n{value}\tจบ")
    return plan, project


@pytest.mark.parametrize("value", list(CONTROLS), ids=["esc", "bel", "nul", "bidi", "c1", "del", "cr"])
def test_control_characters_are_shown_not_written(value: str) -> None:
    plan, project = hostile_plan(value)
    data = export_bytes(plan, ExportFormat.CSV)
    text = data.decode(ENCODING).replace("\r\n", "")  # the csv module ends each row with CRLF
    assert [c for c in text if c not in "\n\t" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e")] == []
    row = next(r for r in read(data) if r["number"] == str(project.number) and r["round"] == "12")
    shown = CONTROLS[value]
    assert row["organization"] == row["name"] == row["unit"] == shown
    assert row["result_text"] == f"บรรทัดแรก\n{shown}\tจบ"  # line breaks and tabs stay: a cell of two lines
    assert project.name == value  # only what the file shows changes, not the plan


def test_visible_controls_and_the_formula_guard_together() -> None:
    plan, project = hostile_plan("=HYPERLINK(\"http://x\",\"\x1b[8m\")")
    project.remarks = "\r\n-1"  # a line break before a formula start: not at the start, no guard needed
    project.method = "\x00=1+1"  # NUL then a formula: the NUL is shown, so the cell starts with "␀"
    project.indicator = "\t=1+1"  # a tab is kept, and guarded like the formula it would start
    rows = read(export_bytes(plan, ExportFormat.CSV))
    row = next(r for r in rows if r["number"] == str(project.number))
    assert row["name"] == "'=HYPERLINK(\"http://x\",\"␛[8m\")"
    assert row["remarks"] == "\n-1" and row["method"] == "␀=1+1" and row["indicator"] == "'\t=1+1"
    assert unguard(row["name"]) == "=HYPERLINK(\"http://x\",\"␛[8m\")"


def test_text_without_control_characters_is_written_as_stored() -> None:
    plan = default_plan()
    plan.projects[0].name = "โครงการ \"ชื่อ\", มีจุลภาค\nและสองบรรทัด\tกับแท็บ"
    row = read(export_bytes(plan, ExportFormat.CSV))[0]
    assert row["name"] == plan.projects[0].name


def test_the_ordinance_amount_the_included_flag_and_each_rounds_remark_and_mark() -> None:
    plan = appropriated_plan()
    plan.projects[0].included = False
    rows = {(r["number"], r["round"]): r for r in read(export_bytes(plan, ExportFormat.CSV))}
    columns = list(COLUMNS)
    assert columns.index("appropriated") == columns.index("needs_budget") + 1
    assert columns[-2:] == ["round_remark", "entered"]
    two = rows["2", "12"]
    assert (two["budget"], two["appropriated"], two["disbursed"], two["remaining"]) == (
        "50000.00", "49000.00", "12000.00", "37000.00")  # what is left of the ordinance's amount
    assert (two["included"], two["included_label"]) == ("true", INCLUDED_LABELS[True])
    assert (two["remarks"], two["round_remark"], two["entered"]) == (
        "โครงการต่อเนื่อง", "เบิกจ่ายตามจริง\nคืนเงินส่วนที่เหลือ", "true")
    assert (rows["2", "6"]["round_remark"], rows["2", "6"]["entered"], rows["2", "6"]["remaining"]) == (
        "", "false", "49000.00")
    assert (rows["3", "12"]["appropriated"], rows["3", "12"]["remaining"]) == ("100000.00", "100000.00")
    assert rows["4", "12"]["round_remark"] == "ดำเนินการร่วมกับอำเภอ" and rows["4", "6"]["round_remark"] == ""
    assert (rows["1", "12"]["included"], rows["1", "12"]["included_label"]) == ("false", "ไม่บรรจุ")
    assert (rows["15", "12"]["appropriated"], rows["15", "12"]["included"]) == ("", "")
