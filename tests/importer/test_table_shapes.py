"""A table row of the wrong shape is never read into the wrong columns or merged into its neighbour.

Where the cells of a row have shifted (one missing in the middle, one too many) or a project's order
number is missing (its row would join the project above as if it were a wrapped cell), the import is
refused with the line and what the table expects: a legal officer would rather fix one line than publish
a project as completed with the wrong budget. A row that only lacks empty cells at its end (an editor
trimmed its trailing tabs) is read, with a finding. The seed's own wrapped rows keep joining the row above.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import ERROR, main
from tracker.domain.model import Plan, Status, plan_to_dict
from tracker.importer.defaults import SEED_REPORT, default_plan
from tracker.importer.markdown_report import import_markdown
from tracker.importer.report_text import ReportError, import_report
from tracker.reports.markdown_report import markdown_report

SEED = SEED_REPORT.read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")


def line_of(part: int, number: str) -> int:
    """The 1-based line of project ``number``'s row (Thai digits) in part ``part``'s table of the seed."""
    width = 10 if part == 2 else 9
    for index, line in enumerate(SEED_LINES):
        cells = line.split("\t")
        if len(cells) == width and cells[0] == number:
            return index + 1
    raise AssertionError((part, number))


def with_row(line_no: int, change: list[str] | str) -> str:
    """The seed with line ``line_no`` replaced: by ``change`` joined with tabs, or by the text ``change``."""
    lines = list(SEED_LINES)
    lines[line_no - 1] = change if isinstance(change, str) else "\t".join(change)
    return "\n".join(lines)


def cells_of(line_no: int) -> list[str]:
    return SEED_LINES[line_no - 1].split("\t")


def refusal(text: str) -> str:
    with pytest.raises(ReportError) as caught:
        import_report(text, "report.txt")
    message = str(caught.value)
    assert "\n" not in message and "(" in message  # one line, Thai with English in parentheses
    return message


def comparable(plan: Plan) -> dict[str, object]:
    data = plan_to_dict(plan)
    data.pop("source")
    return data


# --- an order number missing: the row would merge into the project above ------------------------------

@pytest.mark.parametrize("part", [2, 3], ids=["part 2", "part 3"])
def test_a_project_without_its_order_number_is_refused_not_merged_into_the_one_above(part: int) -> None:
    at = line_of(part, "๗")
    cells = cells_of(at)
    message = refusal(with_row(at, ["", *cells[1:]]))
    assert f"บรรทัด {at}" in message and f"line {at}" in message
    assert "โครงการลำดับ ๖" in message and "project 6" in message  # the neighbour it would have merged into
    assert "ใส่ลำดับโครงการ" in message and "order number" in message  # what to do


def test_the_seeds_wrapped_rows_still_join_the_row_above() -> None:
    plan = import_report(SEED).plan
    project = plan.project(5)
    assert project is not None
    # A row after the page break continues project 5: the ends of its method and indicator are there.
    continued = SEED_LINES.index(next(line for line in SEED_LINES if line.startswith("\t\tเข้มแข็งด้าน")))
    method_end, indicator_end = SEED_LINES[continued].split("\t")[2:4]
    assert project.method.endswith(method_end) and project.indicator.endswith(indicator_end)
    assert len(plan.projects) == 20


# --- cells shifted: one missing in the middle, one too many ---------------------------------------------

def test_a_summary_row_short_of_a_middle_cell_is_refused_with_the_columns_expected() -> None:
    at = line_of(2, "๒")
    cells = cells_of(at)  # ๒ | name | ๑ | (completed) | ✓ | ๕๐,๐๐๐.๐๐ | ...
    assert cells[3] == "" and cells[4] == "✓"
    message = refusal(with_row(at, cells[:3] + cells[4:]))  # the empty "completed" cell left out
    assert f"line {at}" in message and "9 ช่อง" in message and "10 คอลัมน์" in message
    assert "แล้วเสร็จ" in message and "หมายเหตุ" in message  # the columns, by their headings
    assert "project 2" in message


def test_a_detail_row_short_of_a_middle_cell_is_refused() -> None:
    at = line_of(3, "๔")
    cells = cells_of(at)
    message = refusal(with_row(at, [cells[0], cells[1], *cells[3:]]))  # no method: the rest moves left
    assert f"line {at}" in message and "8 ช่อง" in message and "9 คอลัมน์" in message


def test_a_tab_typed_into_a_name_is_refused() -> None:
    at = line_of(3, "๔")
    cells = cells_of(at)
    name = cells[1]
    message = refusal(with_row(at, [cells[0], name[:10], name[10:], *cells[2:]]))
    assert f"line {at}" in message and "10 ช่อง" in message and "beyond the last column" in message


def test_a_doubled_tab_that_shifts_the_cells_is_refused_though_the_row_ends_empty() -> None:
    at = line_of(2, "๑")
    cells = cells_of(at)
    message = refusal(with_row(at, [cells[0], cells[1], "", *cells[2:]]))  # 11 cells, the last one empty
    assert f"line {at}" in message and "shifted" in message


def test_a_refused_first_row_with_a_wrapped_continuation_is_refused_cleanly() -> None:
    at = line_of(3, "๑")
    cells = cells_of(at)
    lines = list(SEED_LINES)
    lines[at - 1] = "\t".join([cells[0], *cells[2:]])  # no name: every cell moves left
    lines.insert(at, "\t".join(["", "ต่อ", *[""] * 7]))  # and a wrapped row after it
    message = refusal("\n".join(lines))
    assert f"line {at}" in message


def test_every_bad_row_is_counted_in_the_one_refusal() -> None:
    first, second = line_of(2, "๒"), line_of(2, "๓")
    lines = list(SEED_LINES)
    for at in (first, second):
        cells = cells_of(at)
        lines[at - 1] = "\t".join(cells[:3] + cells[4:])
    message = refusal("\n".join(lines))
    assert f"line {first}" in message and f"lines {second}" in message


def test_rows_whose_trailing_empty_cells_were_trimmed_import_as_the_seed_with_a_finding() -> None:
    trimmed = "\n".join(line.rstrip("\t") for line in SEED_LINES)
    assert trimmed != SEED
    result = import_report(trimmed)
    assert comparable(result.plan) == comparable(import_report(SEED).plan)
    short = [f for f in result.findings if f.code == "TABLE_ROW_SHORT"]
    assert len(short) == 1 and "หมายเหตุ" in short[0].message  # part 2's remarks, empty in every row


# --- tables whose tabs became spaces -------------------------------------------------------------------

def test_tables_whose_tabs_became_runs_of_spaces_are_refused_with_a_hint() -> None:
    message = refusal(SEED.replace("\t", "    "))
    header = next(i + 1 for i, line in enumerate(SEED_LINES) if line.startswith("ลำดับ\tรายการโครงการ"))
    assert f"line {header}" in message
    assert "แท็บ" in message and "tabs" in message and "spaces" in message


def test_one_row_whose_tabs_became_spaces_is_refused_not_dropped() -> None:
    at = line_of(2, "๗")
    message = refusal(with_row(at, SEED_LINES[at - 1].replace("\t", "  ")))
    assert f"line {at}" in message and "tabs" in message


# --- a Markdown export edited by hand ------------------------------------------------------------------

def markdown_with_row(number: str, part_header: str, change: object) -> tuple[str, int]:
    """The default plan's Markdown export with project ``number``'s row of the table headed ``part_header``
    changed by ``change`` (a function of the row's cells); and the row's line number."""
    lines = markdown_report(default_plan()).split("\n")
    table = next(i for i, line in enumerate(lines) if line.startswith(part_header))
    at = next(i for i in range(table, len(lines)) if lines[i].startswith(f"| {number} |"))
    cells = lines[at].split(" | ")
    lines[at] = " | ".join(change(cells))  # type: ignore[operator]
    return "\n".join(lines), at + 1


def test_a_markdown_row_short_by_one_cell_is_refused_not_read_as_another_status() -> None:
    # The issue: project 2's row short by one cell imported as completed, with no budget and 50,000 disbursed.
    text, at = markdown_with_row("๒", "| ลำดับ | รายการโครงการ", lambda cells: cells[:3] + cells[4:])
    with pytest.raises(ReportError) as caught:
        import_markdown(text)
    message = str(caught.value)
    assert f"บรรทัด {at}" in message and f"line {at}" in message
    assert "9 ช่อง" in message and "10 คอลัมน์" in message and "แล้วเสร็จ" in message


def test_a_pipe_typed_into_a_markdown_cell_is_refused() -> None:
    text, at = markdown_with_row(
        "๔", "| ลำดับ | โครงการ/กิจกรรม", lambda cells: [cells[0], cells[1][:8], cells[1][8:], *cells[2:]]
    )
    with pytest.raises(ReportError, match=f"line {at} .*10 cells, the table 9 columns"):
        import_markdown(text)


def test_an_intact_markdown_export_still_imports() -> None:
    plan = import_markdown(markdown_report(default_plan())).plan
    assert len(plan.projects) == 20
    assert sum(p.result(plan.round).status is Status.COMPLETED for p in plan.projects) == 17


def test_a_refused_row_fails_the_command_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, at = markdown_with_row("๒", "| ลำดับ | รายการโครงการ", lambda cells: cells[:3] + cells[4:])
    path = tmp_path / "edited.md"
    path.write_text(text, encoding="utf-8")
    assert main(["--db", str(tmp_path / "tracker.json"), "import", str(path), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(ERROR) and err.count("\n") == 1 and f"line {at}" in err
