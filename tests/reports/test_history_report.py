"""The history shown: a rich table, plain text for the command line, a Markdown appendix to the report."""

from __future__ import annotations

import copy
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.table import Table

from tests.reports.hostile import HOSTILE, shown
from tests.reports.mdparse import headings, html_tokens, tables
from tests.ui.sample import sample_plan
from tracker.domain.history import APPENDIX_HEADING, NO_CHANGES_TEXT, Change, diff_plans
from tracker.domain.model import Plan, Round, Status, plan_to_dict
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle
from tracker.importer.markdown_report import import_markdown
from tracker.reports.export import ExportFormat, export_bytes, export_report, write_export
from tracker.reports.history_report import (
    COLUMNS,
    VALUE_WIDTH,
    history_markdown,
    history_table,
    history_text,
    one_line,
    shorten,
    when_text,
)
from tracker.reports.markdown_report import markdown_report
from tracker.reports.plain_text import plain_text_report

AT = "2024-03-15T14:30:05+07:00"
CASES = pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
TERMINAL_CONTROLS = ("\x1b", "\x9b", "\x07", "\x9d", "\x90", "\x00", "\x08", "\x7f")


def edited_history() -> tuple[Plan, list[Change]]:
    """The sample plan after a few edits, and the changes they made."""
    plan = sample_plan()
    old = plan_to_dict(plan)
    project = plan.projects[0]
    project.results[Round.TWELVE].status = Status.IN_PROGRESS
    project.budget = None
    plan.projects[2].results[Round.TWELVE].disbursed = Decimal("50000")
    plan.narrative["foreword"] = "คำนำของแผน"
    del plan.projects[6]
    changes = diff_plans(old, plan_to_dict(plan), at=AT, user="somchai")
    return plan, changes


def change(value: str, **fields: object) -> Change:
    """A change with ``value`` in every piece of user text."""
    base: dict[str, object] = {
        "at": AT, "user": value, "plan_id": "p", "action": "edit", "field": "remarks", "old": value, "new": value,
        "project_uid": "u1", "project_number": 3, "project_name": value,
    }
    return Change(**(base | fields))  # type: ignore[arg-type]


# --- the table --------------------------------------------------------------------------------------------


def test_table_has_the_columns_and_a_row_per_change() -> None:
    _, changes = edited_history()
    table = history_table(changes, DigitStyle.THAI)
    assert isinstance(table, Table)
    assert [str(c.header) for c in table.columns] == list(COLUMNS)
    assert COLUMNS == ("เมื่อ", "ผู้แก้ไข", "โครงการ", "รายการ", "ค่าเดิม", "ค่าใหม่")
    assert table.row_count == len(changes) == 5


def test_text_shows_thai_labels_and_values() -> None:
    _, changes = edited_history()
    text = history_text(changes, DigitStyle.THAI, width=250)
    for expected in (
        "๑๕ มี.ค. ๒๕๖๗ ๑๔:๓๐", "somchai",
        "ผลรอบ ๑๒ เดือน: สถานะ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ",
        "งบประมาณ", "๕๐,๐๐๐.๐๐", "ไม่ใช้งบประมาณ",
        "ผลรอบ ๑๒ เดือน: เบิกจ่าย", "๓,๐๐๐.๐๐",
        "คำนำ", "คำนำของแผน",
        "ลบโครงการ", "๗ กิจกรรมการจัดทำรายงานการควบคุมภายใน",
        "๑ โครงการส่งเสริมคุณธรรม",
    ):
        assert expected in text, expected
    assert "completed" not in text and "50000.00" not in text
    arabic = history_text(changes, DigitStyle.ARABIC, width=250)
    assert "15 มี.ค. 2567 14:30" in arabic and "50,000.00" in arabic and "ผลรอบ 12 เดือน: สถานะ" in arabic


def test_text_lines_fit_the_width_and_carry_no_codes() -> None:
    _, changes = edited_history()
    text = history_text(changes, DigitStyle.THAI, width=100)
    assert text.endswith("\n")
    assert all(cell_len(line) <= 100 for line in text.splitlines())
    assert "\x1b" not in text


def test_an_empty_history_says_so() -> None:
    assert history_text([], DigitStyle.THAI) == "ยังไม่มีการเปลี่ยนแปลงที่บันทึกไว้\n"
    assert history_text([], DigitStyle.THAI) == NO_CHANGES_TEXT + "\n"
    assert history_markdown([], DigitStyle.THAI) == f"## {APPENDIX_HEADING}\n\n{NO_CHANGES_TEXT}\n"


def test_long_values_are_shortened_with_an_ellipsis() -> None:
    value = "ที่นี่มีน้ำใจ" * 50
    short = shorten(value)
    assert short.endswith("…") and value.startswith(short[:-1])
    assert cell_len(short) <= VALUE_WIDTH
    assert unicodedata.category(value[len(short) - 1]) != "Mn"  # no vowel or tone mark cut from its letter
    assert shorten("สั้น") == "สั้น"
    exact = "ก" * VALUE_WIDTH
    assert shorten(exact) == exact
    assert shorten(exact + "ข") == "ก" * (VALUE_WIDTH - 1) + "…"
    assert cell_len(shorten("👍" * 100)) <= VALUE_WIDTH
    # Controls count as the one picture they are shown as.
    assert shorten("\x1b" * 100, 10) == "\x1b" * 9 + "…"
    text = history_text([change("ก" * 500)], DigitStyle.THAI, width=300)
    assert "ก" * (VALUE_WIDTH - 1) + "…" in text and "ก" * VALUE_WIDTH not in text


def test_when_text() -> None:
    assert when_text("2024-10-01T09:05:00+07:00", DigitStyle.THAI) == "๑ ต.ค. ๒๕๖๗ ๐๙:๐๕"
    assert when_text("2024-10-01T21:05:00-05:00", DigitStyle.ARABIC) == "1 ต.ค. 2567 21:05"  # as recorded
    assert when_text("not a time", DigitStyle.THAI) == "not a time"


def test_a_plan_change_has_no_project() -> None:
    [created] = diff_plans(None, plan_to_dict(sample_plan()), at=AT, user="u")
    text = history_text([created], DigitStyle.THAI, width=200)
    assert "สร้างแผน" in text and "องค์การบริหารส่วนตำบลบางเตย ปีงบประมาณ 2567" in text


@CASES
def test_hostile_text_is_shown_literally_in_the_table(value: str) -> None:
    text = history_text([change(value)], DigitStyle.THAI, width=400)
    for control in TERMINAL_CONTROLS:
        assert control not in text
    assert one_line(shorten(value)) in text
    assert one_line(shorten(value, 24)) in text  # the user's name
    assert one_line(value) == safe_line(value).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def test_markup_prints_as_typed() -> None:
    text = history_text([change("[bold red]x[/]"), change("a|b"), change("x\ny")], DigitStyle.THAI, width=300)
    assert "[bold red]x[/]" in text and "a|b" in text and "x⏎y" in text and "\n" + "y" not in text


# --- the Markdown appendix -------------------------------------------------------------------------------


def test_markdown_appendix_is_a_table_with_a_row_per_change() -> None:
    _, changes = edited_history()
    source = history_markdown(changes, DigitStyle.THAI)
    assert headings(source) == [(2, APPENDIX_HEADING)]
    [table] = tables(source)
    assert table.header == list(COLUMNS)
    assert len(table.rows) == len(changes)
    assert all(len(row) == len(COLUMNS) for row in table.rows)
    status = next(row for row in table.rows if row[table.column("รายการ")].text == "ผลรอบ ๑๒ เดือน: สถานะ")
    assert status[table.column("ค่าเดิม")].text == "ดำเนินการแล้วเสร็จ"
    assert status[table.column("ค่าใหม่")].text == "อยู่ระหว่างดำเนินการ"
    assert status[table.column("เมื่อ")].text == "๑๕ มี.ค. ๒๕๖๗ ๑๔:๓๐"
    assert status[table.column("ผู้แก้ไข")].text == "somchai"


@CASES
def test_hostile_text_is_escaped_in_markdown(value: str) -> None:
    source = history_markdown([change(value), change("ok")], DigitStyle.THAI)
    [table] = tables(source)
    assert len(table.rows) == 2
    row = table.rows[0]
    assert len(row) == len(COLUMNS)  # no extra or missing cell
    for heading in ("ค่าเดิม", "ค่าใหม่"):
        cell = row[table.column(heading)]
        assert (cell.text, cell.kinds) == (shown(shorten(value)), set())
    user = row[table.column("ผู้แก้ไข")]
    assert (user.text, user.kinds) == (shown(shorten(value, 24)), set())
    assert set(html_tokens(source)) <= {"<br>"}
    assert headings(source) == [(2, APPENDIX_HEADING)]


# --- in the export ---------------------------------------------------------------------------------------


def test_default_exports_are_unchanged() -> None:
    plan, _ = edited_history()
    for fmt in (f for f in ExportFormat if not f.is_document):
        assert export_bytes(plan, fmt) == export_bytes(plan, fmt, history=None)
    assert markdown_report(plan) == markdown_report(plan, history=None)
    assert plain_text_report(plan) == plain_text_report(plan, history=None)
    assert APPENDIX_HEADING not in export_report(plan, "md")


def test_markdown_export_ends_with_the_appendix() -> None:
    plan, changes = edited_history()
    plain = export_report(plan, ExportFormat.MARKDOWN)
    with_history = export_report(plan, ExportFormat.MARKDOWN, history=changes)
    assert with_history.startswith(plain.rstrip("\n") + "\n\n")
    appendix = with_history[len(plain.rstrip("\n")) + 2 :]
    assert appendix == history_markdown(changes, plan.settings.digit_style)
    assert headings(with_history)[-1] == (2, APPENDIX_HEADING)
    last = tables(with_history)[-1]
    assert last.header == list(COLUMNS) and len(last.rows) == len(changes)
    assert with_history.endswith("|\n")


def test_markdown_export_with_history_still_imports() -> None:
    plan, changes = edited_history()
    read = import_markdown(export_report(plan, ExportFormat.MARKDOWN, history=changes))
    plain = import_markdown(export_report(plan, ExportFormat.MARKDOWN))
    assert read.plan.projects == plain.plan.projects
    assert read.plan.narrative == plain.plan.narrative
    # The appendix is known to the importer: skipped without a finding of its own.
    assert [f.code for f in read.findings] == [f.code for f in plain.findings]


def test_plain_text_export_ends_with_the_appendix() -> None:
    plan, changes = edited_history()
    plain = export_report(plan, ExportFormat.TEXT)
    with_history = export_report(plan, ExportFormat.TEXT, history=changes)
    assert with_history.startswith(plain.rstrip("\n"))
    appendix = with_history[len(plain.rstrip("\n")) :]
    assert APPENDIX_HEADING in appendix and "ผลรอบ ๑๒ เดือน: สถานะ" in appendix
    assert all(cell_len(line) <= 132 for line in with_history.splitlines())
    empty = export_report(plan, ExportFormat.TEXT, history=[])
    assert empty.rstrip("\n").endswith(NO_CHANGES_TEXT)


def test_csv_has_no_place_for_history() -> None:
    plan, changes = edited_history()
    assert export_bytes(plan, ExportFormat.CSV, history=changes) == export_bytes(plan, ExportFormat.CSV)


def test_write_export_passes_the_history(tmp_path: Path) -> None:
    plan, changes = edited_history()
    path = write_export(plan, ExportFormat.MARKDOWN, path=tmp_path / "r.md", history=copy.copy(changes))
    written = path.read_text(encoding="utf-8")
    assert written == export_report(plan, ExportFormat.MARKDOWN, history=changes)
    assert APPENDIX_HEADING in written
