"""The commands on a database full of hostile text: nothing they print controls the terminal.

Two databases: one imported (``tracker import``) from the seed report with hostile values in its tables
and narrative, one with a hostile value in every piece of text a person can type, the words of the
levels included. On each, ``summary``, ``check``, ``plans`` and ``export`` (md, txt, csv) never crash
and exit as documented; what they print (stdout and stderr) and the text exports hold no control
character; markup shows literally; the Markdown parses with the report's structure; the CSV keeps the
stored text exactly, formula-guarded.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile_corpus import LEVEL_WORDS, assert_terminal_safe, hostile_plan, shown, unsafe_characters
from tests.importer.hostile_report import hostile_report
from tests.reports.mdparse import headings, html_tokens, tables
from tracker.cli import main
from tracker.domain.model import Plan, Round
from tracker.domain.text import bare, safe_line
from tracker.importer.defaults import default_plan
from tracker.reports.csv_export import ENCODING, cell_text, text_cell, unguard
from tracker.reports.markdown_report import markdown_report
from tracker.storage.store import Store

PLAN_ID = "บางเตย-2567"
@pytest.fixture(scope="module")
def imported_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database imported through the command line from the hostile report."""
    folder = tmp_path_factory.mktemp("imported")
    report = folder / "hostile-report.txt"
    report.write_text(hostile_report().text, encoding="utf-8")
    db = folder / "tracker.json"
    assert main(["--db", str(db), "import", str(report), "--replace"]) == 0
    yield db


@pytest.fixture(scope="module")
def typed_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database holding the plan with hostile text everywhere (as if typed into every field)."""
    db = tmp_path_factory.mktemp("typed") / "tracker.json"
    Store.open(db, initial_plans=[hostile_plan()]).close()
    yield db


@pytest.fixture(params=["imported", "typed"])
def db(request: pytest.FixtureRequest) -> Path:
    return Path(request.getfixturevalue(f"{request.param}_db"))


def load(db: Path) -> Plan:
    store = Store.open(db, read_only=True)
    try:
        return store.load_plan(PLAN_ID)
    finally:
        store.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """A command's exit code and what it printed, after checking nothing printed controls the terminal."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert_terminal_safe(out, f"stdout of {args}")
    assert_terminal_safe(err, f"stderr of {args}")
    return code, out, err


@pytest.mark.parametrize(
    "options", [[], ["--digits", "arabic"], ["--round", "6"]], ids=["plan's round", "arabic digits", "6 months"]
)
def test_summary(db: Path, capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "summary", *options)
    assert code == 0
    assert "[bold red]" in out  # markup shows as typed
    assert "รวม" in out


def test_the_summary_shows_the_words_of_the_level_safely(typed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(typed_db), "summary")
    assert code == 0
    assert bare(f"ระดับ {safe_line(LEVEL_WORDS)}") in bare(out)  # wherever the terminal's width wraps it


def test_check(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code in (0, 1)  # 1: errors found (a blank name, say), which the output lists
    assert ("รวม" in out and "ข้อผิดพลาด" in out) or "ไม่พบข้อผิดพลาด" in out


def test_check_json_reads_back(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", str(db), "check", "--json"])
    out, _ = capsys.readouterr()
    assert code in (0, 1)
    data = json.loads(out)
    assert data["plan_id"] == PLAN_ID and data["errors"] + data["warnings"] == len(data["findings"])


def test_check_json_holds_no_control_character(typed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(typed_db), "check", "--json"])
    out, _ = capsys.readouterr()
    assert unsafe_characters(out) == []


def test_import_json_holds_no_control_character(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "hostile-report.txt"
    report.write_text(hostile_report().text, encoding="utf-8")
    assert main(["import", str(report), "--dry-run", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out)["plan_id"] == PLAN_ID
    assert unsafe_characters(out) == []


def test_plans(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "plans")
    assert code == 0 and PLAN_ID in out
    assert "\n\n" not in out  # one plan: no line break of its organization's own


def test_choosing_a_plan_by_a_hostile_name_fails_on_one_safe_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db), "--plan", "\x1b]0;x\x07[bold]nothing", "summary")
    assert code == 1
    assert err.count("\n") == 1 and "'\\x1b]0;x\\x07[bold]nothing'" in err  # quoted, its controls escaped


def test_export_markdown(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.md"
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "md", "-o", str(target))
    assert code == 0 and str(target) in out
    source = target.read_text(encoding="utf-8")
    assert_terminal_safe(source, "the Markdown")
    plain = markdown_report(default_plan())
    assert [(len(t.header), len(t.rows)) for t in tables(source)] == [
        (len(t.header), len(t.rows)) for t in tables(plain)
    ]
    assert {h for h in html_tokens(source)[1:]} <= {"<br>"}  # no tag but the export's own line breaks
    plan = load(db)
    assert len([level for level, _ in headings(source) if level == 2]) >= 4
    names = next(t for t in tables(source) if "รายการโครงการ" in t.header)
    column = names.column("รายการโครงการ")
    shown_names = [row[column].text for row in names.rows[:-1]]  # the last row holds the totals
    assert shown_names == [shown(p.name) for p in sorted(plan.projects, key=lambda p: (p.number, p.name))]
    assert all(row[column].kinds == set() for row in names.rows[:-1])  # plain text: no emphasis, link or code


def test_export_plain_text(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.txt"
    code, _, _ = run(capsys, "--db", str(db), "export", "--format", "txt", "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert_terminal_safe(text, "the plain text")
    assert "[bold red]" in text


def test_export_csv_shows_the_data_and_guards_formulas(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.csv"
    code, _, _ = run(capsys, "--db", str(db), "export", "--format", "csv", "-o", str(target))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode(ENCODING), newline="")))
    plan = load(db)
    assert len(rows) == 2 * len(plan.projects)
    for project in plan.projects:
        row = next(r for r in rows if r["number"] == str(project.number) and r["round"] == "12")
        for column in ("name", "method", "indicator", "unit", "remarks"):
            value = getattr(project, column)
            # the data, control characters shown visibly (line breaks and tabs kept), as the other exports
            assert row[column] == text_cell(value) and unguard(row[column]) == cell_text(value), column
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), column  # never a formula
        # An imported report's หมายเหตุ is the remark of the round it reports.
        remark = project.result(Round.TWELVE).remark
        assert row["round_remark"] == text_cell(remark) and unguard(row["round_remark"]) == cell_text(remark)
        assert not row["round_remark"].startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row["organization"] == text_cell(plan.organization)
