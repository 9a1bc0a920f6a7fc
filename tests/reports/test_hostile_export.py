"""User text is data, never markup: whatever a name or a result holds, every export shows it exactly and
nothing else changes (no extra cell, heading, tag or formatting, no escape sequence, no formula)."""

from __future__ import annotations

import csv
import io

import pytest
from rich.cells import cell_len

from tests.reports.hostile import HOSTILE, shown
from tests.reports.mdparse import MD, headings, html_tokens, tables
from tracker.domain.layout import STANDARD_TITLE
from tracker.domain.model import LevelBand, Plan, ReasonKind, Round, RoundResult, Status
from tracker.domain.text import safe_block
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.importer.markdown_report import import_markdown
from tracker.reports.csv_export import ENCODING, FORMULA_STARTS, cell_text, unguard
from tracker.reports.export import ExportFormat, export_bytes
from tracker.reports.markdown_report import markdown_report
from tracker.reports.plain_text import plain_text_report

CASES = pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))


def hostile_project(value: str) -> Plan:
    """The default plan with ``value`` as project 1's name and result text."""
    plan = default_plan()
    project = plan.projects[0]
    project.name = value
    project.results[Round.TWELVE] = RoundResult(Status.COMPLETED, value)
    return plan


def hostile_everywhere(value: str) -> Plan:
    """The default plan with ``value`` in every piece of text a user can type."""
    plan = hostile_project(value)
    plan.organization = plan.district = plan.province = plan.preparing_unit = value
    for key in ("title", "foreword", "background", "process", "outcomes", "suggestions"):
        plan.narrative[key] = value
    plan.dimensions[0].name = value
    plan.settings.level_bands = [LevelBand(band.minimum, value) for band in plan.settings.level_bands]
    project = plan.projects[1]
    project.method = project.indicator = project.period = project.unit = project.remarks = value
    project.results[Round.TWELVE] = RoundResult(Status.NOT_DONE, value, reason=ReasonKind.OTHER, reason_text=value)
    return plan


@CASES
def test_markdown_cells_hold_the_exact_text(value: str) -> None:
    source = markdown_report(hostile_project(value), Round.TWELVE)
    found = tables(source)
    summary = next(t for t in found if "รายการโครงการ" in t.header)
    detail = next(t for t in found if "วิธีการดำเนินงาน" in t.header)
    for table in (summary, detail):
        assert all(len(row) == len(table.header) for row in table.rows)  # no extra or missing cell
        assert len(table.rows) in (20, 21)
    name = summary.rows[0][summary.column("รายการโครงการ")]
    assert (name.text, name.kinds) == (shown(value), set())
    for column in ("โครงการ/กิจกรรม", "ผลการดำเนินงาน"):
        cell = detail.rows[0][detail.column(column)]
        assert (cell.text, cell.kinds) == (shown(value), set())
    assert {h for h in html_tokens(source)[1:]} <= {"<br>"}  # no tag of the user's own
    assert len(headings(source)) == len(headings(markdown_report(default_plan())))
    assert "\x1b" not in source
    html = MD.render(source)
    assert "<script" not in html and "<!-- x" not in html


@CASES
def test_markdown_anywhere_keeps_the_report_whole_and_reads_back(value: str) -> None:
    plan = hostile_everywhere(value)
    source = markdown_report(plan)
    plain = markdown_report(default_plan())
    if value.strip():  # a blank section is left out, with its heading
        assert [level for level, _ in headings(source)] == [level for level, _ in headings(plain)]
    assert [(len(t.header), len(t.rows)) for t in tables(source)] == [(len(t.header), len(t.rows)) for t in tables(plain)]
    html = html_tokens(source)
    assert len([h for h in html if h.startswith("<!--")]) == 1 and set(html[1:]) <= {"<br>"}
    assert headings(source)[0] == (1, shown(value) if value.strip() else STANDARD_TITLE)  # a blank title: the standard one
    imported = import_markdown(source)
    assert imported.findings == []
    assert markdown_report(imported.plan) == source
    again = imported.plan
    assert again.organization == again.projects[0].name == again.projects[1].remarks == shown(value)
    assert again.projects[1].result(Round.TWELVE).reason_text == shown(value)
    assert again.dimensions[0].name == shown(value)
    if value.strip():
        assert again.narrative["background"] == shown(value)


@CASES
def test_plain_text_shows_the_text_and_its_tables_line_up(value: str) -> None:
    text = plain_text_report(hostile_everywhere(value), Round.TWELVE, DigitStyle.ARABIC)
    assert "\x1b" not in text and "\r" not in text
    lines = text.split("\n")
    blocks = table_blocks(lines)
    assert len(blocks) == 3
    for block in blocks:
        assert len({cell_len(line) for line in block}) == 1, block[0]
    if "\n" not in value and len(value) < 40 and value.strip() == value:
        assert shown(value) in text


def table_blocks(lines: list[str]) -> list[list[str]]:
    """Each table's lines, from its top edge to its bottom edge."""
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("┌"):
            current = []
        if current is not None:
            current.append(line)
        if line.startswith("└") and current is not None:
            blocks.append(current)
            current = None
    return blocks


@CASES
def test_csv_holds_the_value_with_control_characters_shown(value: str) -> None:
    data = export_bytes(hostile_everywhere(value), ExportFormat.CSV)
    text = data.decode(ENCODING)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    first = next(r for r in rows if r["number"] == "1" and r["round"] == "12")
    second = next(r for r in rows if r["number"] == "2" and r["round"] == "12")
    written = cell_text(value)  # the value itself unless it holds control characters other than LF, tab
    for cell in (first["name"], first["result_text"], first["organization"], first["dimension_name"],
                 second["method"], second["remarks"], second["reason_text"]):
        assert unguard(cell) == written
        assert cell == ("'" + written if written.lstrip("'").startswith(FORMULA_STARTS) else written)
    rest = text.replace("\r\n", "")  # the rows' own line ends
    assert not [c for c in rest if c not in "\n\t" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)]


@pytest.mark.parametrize("remark", ["=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "[bold]x[/bold]", "a\nb", "x\x1b[31my", "\tz"])
def test_a_rounds_remark_is_data_in_csv_and_text(remark: str) -> None:
    plan = default_plan()
    project = plan.projects[0]
    project.results[Round.TWELVE] = RoundResult(Status.COMPLETED, "ผล", remark=remark)
    rows = list(csv.DictReader(io.StringIO(export_bytes(plan, ExportFormat.CSV).decode(ENCODING), newline="")))
    cell = next(r for r in rows if r["number"] == "1" and r["round"] == "12")["round_remark"]
    written = cell_text(remark)
    assert cell == ("'" + written if written.startswith(FORMULA_STARTS) else written) and unguard(cell) == written
    assert "\x1b" not in cell
    text = plain_text_report(plan, Round.TWELVE, DigitStyle.ARABIC)
    blocks = table_blocks(text.split("\n"))
    assert len(blocks) == 3 and all(len({cell_len(line) for line in b}) == 1 for b in blocks)
    assert "\x1b" not in text
    summary = blocks[1]
    last = summary[1].count("│") - 1  # หมายเหตุ
    first = next(i for i, line in enumerate(summary) if line.startswith("│    1 │"))
    cell = []
    for line in summary[first:]:
        if line is not summary[first] and (line.startswith(("├", "└")) or line.split("│")[1].strip()):
            break  # the next row
        cell.append(line.split("│")[last])
    # As every report shows user text (tabs as spaces), with no label (the column is the round's), wrapped.
    assert "".join("".join(cell).split()) == "".join(safe_block(remark).split())
