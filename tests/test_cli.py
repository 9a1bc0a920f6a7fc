"""The command line as a user meets it: summaries, imports, choosing databases and plans, and errors."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import ERROR, build_parser, main
from tracker.importer.defaults import SEED_REPORT
from tracker.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tracker`` as a user would, in a separate process."""
    full_env = {**os.environ, "COLUMNS": "160", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=full_env, cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office" / "tracker.json"


def test_summary_of_the_default_plan(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "summary", "--digits", "arabic"]) == 0
    out, err = capsys.readouterr()
    assert "created a new database from the default plan" in err and str(db) in err
    assert db.exists()
    assert "องค์การบริหารส่วนตำบลบางเตย" in out
    assert "รวม" in out
    # projects per dimension and status, budget totals, score, flag, level
    for expected in ("180,000.00 บาท", "3 โครงการใช้งบประมาณ, 17 โครงการไม่ใช้งบประมาณ",
                     "เบิกจ่าย 0.00 บาท", "คงเหลือ 180,000.00 บาท", "ร้อยละ 85.00", "ธงเขียว", "ระดับ มาก"):
        assert expected in out, expected
    counts = [line.split() for line in out.splitlines() if line.strip().startswith("มิติที่")]
    assert [next(cell for cell in row[2:] if cell.isdigit()) for row in counts] == ["6", "8", "2", "4"]


def test_summary_in_a_wide_terminal_has_a_tick_per_status(db: Path) -> None:
    done = run("--db", str(db), "summary")
    assert done.returncode == 0, done.stderr
    assert "แล้วเสร็จ" in done.stdout and "ไม่สามารถดำเนินการได้" in done.stdout
    assert "ไม่ใช้งบประมาณ" in done.stdout
    assert done.stdout.count("✓") >= 20 + 17  # one tick per project, one per project needing no budget
    assert "๑๘๐,๐๐๐.๐๐" in done.stdout  # the plan's digit style is Thai


def test_six_month_round_has_nothing_reported_yet(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "summary", "--round", "6", "--digits", "arabic"]) == 0
    out = capsys.readouterr().out
    assert "รอบ 6 เดือน" in out and "ร้อยละ 0.00" in out and "ธงแดง" in out


def test_database_from_the_environment(db: Path) -> None:
    done = run("summary", env={"TRACKER_DB": str(db)})
    assert done.returncode == 0, done.stderr
    assert db.exists()


def test_import_prints_what_it_read_and_its_findings(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "import", str(SEED_REPORT), "--replace"]) == 0
    out = capsys.readouterr().out
    assert "องค์การบริหารส่วนตำบลบางเตย" in out and "ปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๑๒ เดือน" in out
    assert "AMOUNT_AMBIGUOUS" in out and "NAME_TRUNCATED" in out
    assert "โครงการ ๒๐" in out


def test_import_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "import", str(SEED_REPORT), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["saved_to"] is None
    assert data["projects"] == 20
    assert data["per_dimension"] == {"1": 6, "2": 8, "3": 2, "4": 4}
    assert data["score"] == "85.00" and data["flag"] == "green" and data["level"] == "มาก"
    assert len(data["plan"]["projects"]) == 20
    assert {"code", "severity", "project", "message", "detail"} <= set(data["findings"][0])
    assert ("AMOUNT_AMBIGUOUS", 15) in [(f["code"], f["project"]) for f in data["findings"]]
    assert not db.exists()  # a dry run creates nothing


def test_import_refuses_to_overwrite_without_replace(db: Path) -> None:
    run("--db", str(db), "plans")
    done = run("--db", str(db), "import", str(SEED_REPORT))
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "--replace" in done.stderr and "Traceback" not in done.stderr


def test_several_plans_and_choosing_one(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(db, initial_plans=[])
    from tracker.importer.defaults import default_plan

    first = default_plan()
    second = default_plan()
    second.plan_id, second.fiscal_year = "บางเตย-2568", 2568
    store.save_plan(first)
    store.save_plan(second)
    store.close()
    assert main(["--db", str(db), "summary"]) == 1
    assert "--plan" in capsys.readouterr().err
    assert main(["--db", str(db), "summary", "--plan", "2568", "--digits", "arabic"]) == 0
    assert "พ.ศ. 2568" in capsys.readouterr().out
    assert main(["--db", str(db), "summary", "--plan", "๒๕๖๗", "--digits", "arabic"]) == 0
    assert "พ.ศ. 2567" in capsys.readouterr().out
    assert main(["--db", str(db), "summary", "--plan", "เทศบาล"]) == 1
    assert "no such plan" in capsys.readouterr().err
    assert main(["--db", str(db), "plans"]) == 0
    assert "บางเตย-2568" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"_default": {}}', "ไม่ใช่ JSON".encode(), b'{"meta": {"1": {"app": "tracker", "schema_version": 999}}}'],
    ids=["empty", "truncated", "foreign", "text", "future"],
)
def test_damaged_database_is_refused_and_left_as_it_was(db: Path, content: bytes) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(content)
    for args in (["summary"], ["plans"], ["import", str(SEED_REPORT), "--replace"]):
        done = run("--db", str(db), *args)
        assert done.returncode == 1, args
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert str(db) in done.stderr
        assert db.read_bytes() == content


def test_wrong_paths_and_wrong_commands(tmp_path: Path) -> None:
    done = run("--db", str(tmp_path / "x.json"), "import", str(tmp_path / "missing.txt"))
    assert done.returncode == 1 and "no such file" in done.stderr and "Traceback" not in done.stderr
    done = run("summary", "--round", "7")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    done = run("frobnicate")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [[], ["summary"], ["export"], ["import"], ["plans"]])
def test_every_command_has_help(command: list[str]) -> None:
    done = run(*command, "--help")
    assert done.returncode == 0
    assert "--db" in done.stdout


def test_hostile_names_print_as_typed(db: Path) -> None:
    from tracker.importer.defaults import default_plan

    plan = default_plan()
    plan.projects[0].name = "โครงการ [bold red]ตัวหนา[/] | \x1b[31mแดง"
    Store.open(db, initial_plans=[plan]).close()
    done = run("--db", str(db), "summary", env={"COLUMNS": "300"})
    assert done.returncode == 0, done.stderr
    assert "โครงการ [bold red]ตัวหนา[/] | ␛[31mแดง" in done.stdout  # the escape is shown, not obeyed
    assert "\x1b" not in done.stdout


@pytest.fixture
def exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default exports folder, moved out of the repository for the test."""
    folder = tmp_path / "exports"
    monkeypatch.setattr("tracker.reports.export.EXPORTS_DIR", folder)
    return folder


def test_export_writes_the_default_file_and_says_where(
    db: Path, exports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "export"]) == 0
    target = exports / "องค์การบริหารส่วนตำบลบางเตย-2567-12.md"
    assert capsys.readouterr().out == f"ส่งออกรายงานแล้ว (exported the report): {target}\n"
    report = target.read_text(encoding="utf-8")
    assert "มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ มาก ร้อยละ ๘๕.๐๐" in report  # the plan's round and Thai digits


def test_export_format_round_digits_and_output(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "out" / "six.md"
    assert main(["--db", str(db), "export", "--round", "6", "--digits", "arabic", "-o", str(md)]) == 0
    assert str(md) in capsys.readouterr().out
    assert "รอบ 6 เดือน (1 ตุลาคม 2566 – 31 มีนาคม 2567)" in md.read_text(encoding="utf-8")
    txt = tmp_path / "r.txt"
    assert main(["--db", str(db), "export", "--format", "txt", "--digits", "arabic", "--output", str(txt)]) == 0
    text = txt.read_text(encoding="utf-8")
    assert "┌" in text and "ร้อยละ 85.00" in text and "<!--" not in text
    assert "ดูด้วย tracker check ก่อนเผยแพร่" in capsys.readouterr().err
    csv_file = tmp_path / "r.csv"
    assert main(["--db", str(db), "export", "--format", "csv", "-o", str(csv_file)]) == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfplan_id,")


def test_export_the_entry_sheet(db: Path, exports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``export --format entry``: the e-PlanNACC entry sheet of the plan's round, in a file of its own name."""
    assert main(["--db", str(db), "export", "--format", "entry"]) == 0
    target = exports / "องค์การบริหารส่วนตำบลบางเตย-2567-12-entry.txt"
    done = capsys.readouterr()
    assert done.out == f"ส่งออกแบบกรอก e-PlanNACC แล้ว (exported the entry sheet): {target}\n"
    assert "ดูด้วย tracker check ก่อนบันทึกลงระบบ e-PlanNACC" in done.err  # checked before it goes in, not published
    sheet = target.read_text(encoding="utf-8")
    assert sheet.startswith("แบบกรอกผลการดำเนินงานลงระบบ e-PlanNACC")
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๑๒ เดือน" in sheet and sheet.count("\nประเภท: ") == 20
    assert "วงเงินตามแผนพัฒนาท้องถิ่น: 50000.00" in sheet
    six = exports / "six.txt"
    assert main(["--db", str(db), "export", "--format", "entry", "--round", "6", "--digits", "arabic",
                 "-o", str(six)]) == 0
    assert "ประจำปีงบประมาณ พ.ศ. 2567 รอบ 6 เดือน" in six.read_text(encoding="utf-8")


def test_export_help_names_the_entry_sheet(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # one line a help text: no name broken at its hyphen
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "entry" in out and "e-PlanNACC" in out and "-entry.txt" in out


@pytest.mark.parametrize(("args", "says"), [
    (["--format", "entry", "--history"], "tracker history"),
    (["--format", "csv", "--round", "6"], "--round"),
    (["--format", "csv", "--digits", "thai"], "--digits thai"),
    (["--format", "pdf", "--history"], "--history"),
    (["--format", "docx", "--history"], "--history"),
    (["--format", "csv", "--history"], "--history"),
])
def test_export_refuses_options_its_format_cannot_honour(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    target = tmp_path / "r.out"
    assert main(["--db", str(db), "export", *args, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(ERROR) and says in err and err.count("\n") == 1
    assert not target.exists() and not db.exists()  # refused before anything was opened or written


def test_csv_in_arabic_digits_converts_its_typed_text(db: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "r.csv"
    assert main(["--db", str(db), "export", "--format", "csv", "--digits", "arabic", "-o", str(csv_file)]) == 0
    text = csv_file.read_text(encoding="utf-8-sig")
    assert "ต.ค. 66 - ก.ย. 67" in text and "๖๗" not in text


def test_the_six_month_report_says_six_months_throughout(db: Path, tmp_path: Path) -> None:
    for fmt in ("md", "txt"):
        target = tmp_path / f"six.{fmt}"
        assert main(["--db", str(db), "export", "--format", fmt, "--round", "6", "-o", str(target)]) == 0
        text = target.read_text(encoding="utf-8")
        assert "รอบ ๑๒ เดือน" not in text and "๑๒ เดือน" not in text, fmt
        assert text.count("รอบ ๖ เดือน") >= 5, fmt  # the cover, the foreword's three, parts 2 and 3
        assert "จัดทำโดย งานนิติการ สำนักงานปลัด องค์การบริหารส่วนตำบลบางเตย" in text, fmt


def test_an_exported_report_imports_back(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "r.md"
    assert main(["--db", str(db), "export", "-o", str(md)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(md), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["projects"], data["score"]) == (20, "85.00")
    # Nothing disagrees between the parts of our own export; what the rules find is the plan's own.
    assert all(f["family"] for f in data["findings"])
    assert data["per_status"] == {"completed": 17, "in_progress": 0, "not_done": 3, "not_reported": 0}


def test_export_to_a_wrong_path_is_one_line(db: Path, tmp_path: Path) -> None:
    assert main(["--db", str(db), "plans"]) == 0  # the database exists: stderr holds only the error
    (tmp_path / "file").write_text("x")
    for target in (tmp_path, tmp_path / "file" / "r.md"):
        done = run("--db", str(db), "export", "-o", str(target))
        assert done.returncode == 1, target
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith(ERROR) and str(tmp_path) in done.stderr
        assert done.stdout == ""
    done = run("--db", str(db), "export", "--format", "odt")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_check_finds_the_seed_mistakes_and_exits_1(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "check"]) == 1  # project 2 has no reason: an error
    out = capsys.readouterr().out
    assert "[STATUS_NO_REASON] โครงการ ๒" in out
    assert "จังหวัดสมุทรสาคร" in out
    assert "ปีงบประมาณและช่วงเวลา (calendar)" in out
    assert main(["--db", str(db), "check", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    codes = sorted((f["code"], f["project"]) for f in data["findings"])
    assert ("STATUS_NO_REASON", 2) in codes and data["errors"] == 1
    assert {"code", "severity", "family", "project", "message", "detail"} <= set(data["findings"][0])


def test_check_exits_0_without_errors_and_2_when_it_cannot_run(db: Path, tmp_path: Path) -> None:
    from tracker.domain.model import ReasonKind, Round
    from tracker.importer.defaults import default_plan

    plan = default_plan()
    plan.project(2).results[Round.TWELVE].reason = ReasonKind.NO_BUDGET  # type: ignore[union-attr]
    Store.open(db, initial_plans=[plan]).close()
    assert main(["--db", str(db), "check"]) == 0  # warnings only
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    done = run("--db", str(damaged), "check")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert main(["--db", str(db), "check", "--plan", "nothing-like-it"]) == 2


def test_import_runs_the_same_rules(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "import", str(SEED_REPORT), "--dry-run", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    codes = [(f["code"], f["project"]) for f in findings]
    assert ("AMOUNT_AMBIGUOUS", 15) in codes  # the importer's own, cross-part
    assert ("IDENTITY_OTHER_PLACE", None) in codes  # a rule's
    assert ("REASON_MISSING", 2) not in codes and ("STATUS_NO_REASON", 2) in codes  # said once


def test_export_warns_when_the_checks_find_problems(db: Path, tmp_path: Path) -> None:
    done = run("--db", str(db), "export", "-o", str(tmp_path / "r.md"))
    assert done.returncode == 0
    assert "tracker check" in done.stderr and "Traceback" not in done.stderr



def test_the_common_options_are_declared_once() -> None:
    """--round and --digits come from one shared parent parser each: the very same option in every command."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))

    def declared(option: str, commands: tuple[str, ...]) -> set[int]:
        return {id(a) for c in commands for a in sub.choices[c]._actions if option in a.option_strings}

    assert len(declared("--digits", ("summary", "export", "import", "plans", "check", "history", "backups"))) == 1
    assert len(declared("--round", ("summary", "export", "check"))) == 1
    assert declared("--history", ("export",))


NOT_FOR_ANY = (
    "tracker.importer.report_text", "tracker.importer.reader", "tracker.importer.markdown_report",
    "tracker.importer.defaults", "tracker.reports.document", "tracker.reports.docx_report",
    "tracker.reports.pdf_report", "tracker.reports.pdf_writer", "tracker.reports.csv_export", "csv",
    "tracker.reports.rollup", "tracker.cli.import_command", "tracker.cli.backup_commands",
    "tracker.cli.overview_commands", "textual",
)
"""What none of summary, check and export --format md loads (issue 16: each command's start is measured
against a bare ``import rich.table, tinydb``)."""

NOT_FOR_SUMMARY = (
    *NOT_FOR_ANY, "tracker.reports.export", "tracker.reports.markdown_report", "tracker.reports.plain_text",
    "tracker.reports.history_report", "tracker.reports.cli_text", "tracker.reports.findings_text",
    "tracker.domain.markdown", "tracker.domain.checks", "tracker.domain.import_findings",
    "tracker.cli.export_command",
)

NOT_FOR_CHECK = (
    *NOT_FOR_ANY, "tracker.reports.export", "tracker.reports.markdown_report", "tracker.reports.plain_text",
    "tracker.reports.history_report", "tracker.reports.cli_text", "tracker.domain.markdown",
    "tracker.cli.export_command",
    "rich.table",  # its findings are lines of text: no table
    "icu",  # piped, lines are not wrapped: no Thai line breaking (ICU is 11 ms to load)
)

NOT_FOR_EXPORT_MD = (
    *NOT_FOR_ANY, "tracker.reports.cli_text", "icu",  # Markdown is not wrapped
)


def loaded_modules(db: Path, tmp_path: Path, *args: str) -> set[str]:
    """The modules loaded by ``tracker --db DB ARGS``, run in a process of its own, when it ends."""
    loaded = tmp_path / "modules.json"
    script = (
        "import json, sys\n"
        "from tracker.cli import main\n"
        f"code = main({['--db', str(db), *args]!r})\n"
        f"open({str(loaded)!r}, 'w').write(json.dumps(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    return set(json.loads(loaded.read_text()))


def test_summary_loads_only_what_it_uses(db: Path, tmp_path: Path) -> None:
    """Each command imports what it uses: ``tracker summary`` on a database loads no importer, no Word or
    PDF writer, no rules and no roll-up (they were 27 ms of its start), no export and no findings text."""
    assert main(["--db", str(db), "plans"]) == 0  # the database exists: summary opens it read-only
    modules = loaded_modules(db, tmp_path, "summary")
    assert "tracker.reports.summary" in modules
    assert sorted(m for m in NOT_FOR_SUMMARY if m in modules) == []


def test_check_loads_the_rules_and_its_text_only(db: Path, tmp_path: Path) -> None:
    """``tracker check`` pays for the rules and the findings' text: no table, no export, no JSON writer."""
    assert main(["--db", str(db), "plans"]) == 0
    modules = loaded_modules(db, tmp_path, "check")
    assert {"tracker.domain.checks", "tracker.reports.findings_text"} <= modules
    assert sorted(m for m in NOT_FOR_CHECK if m in modules) == []
    assert "tracker.reports.cli_text" in loaded_modules(db, tmp_path, "check", "--json")


def test_export_md_loads_only_the_markdown_writer(db: Path, tmp_path: Path) -> None:
    """``tracker export --format md`` loads the Markdown writer and the rules (for its warning), no other
    writer (the document model alone was 10 ms)."""
    assert main(["--db", str(db), "plans"]) == 0
    modules = loaded_modules(db, tmp_path, "export", "--format", "md", "-o", str(tmp_path / "r.md"))
    assert {"tracker.reports.markdown_report", "tracker.domain.checks"} <= modules
    assert sorted(m for m in NOT_FOR_EXPORT_MD if m in modules) == []


def test_a_command_builds_only_its_own_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """The nine commands' parsers are built when used, not on every start; ``tracker --help`` lists all."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert parser.parse_args(["--db", "x.json", "check", "--json"]).json
    assert [name for name, built in dict.items(sub.choices) if built is not None] == ["check"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    listed = capsys.readouterr().out
    assert all(f"    {name} " in listed for name in sub.choices)


@pytest.mark.parametrize("options", [
    {"soft_wrap": True}, {"width": 60},
    {"force_terminal": True, "width": 80, "color_system": "truecolor"},
    {"force_terminal": True, "width": 132, "color_system": "256", "soft_wrap": True},
])
def test_print_lines_prints_what_a_print_a_line_prints(options: dict[str, object]) -> None:
    """print_lines gives lines of text to one ``print`` (a third of the time): the bytes are those of a
    ``print`` per line, wrapped, cropped and styled alike, piped or on a terminal."""
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    from tests.hostile_corpus import HOSTILE_TEXT, hostile_plan
    from tracker.cli.shared import print_lines
    from tracker.domain import import_findings
    from tracker.reports.findings_text import check_lines
    from tracker.reports.summary import safe_text

    plan = hostile_plan()
    lines = check_lines(plan, plan.round, import_findings.all_findings(plan, plan.round), ["i1"],
                        plan.settings.digit_style)
    for name, value in HOSTILE_TEXT.items():
        lines += [safe_text(value), safe_text(f"{name}: {value}", "bold red"), Text(value[:300] + "\n\tx  ")]
    lines += [Text(""), Text("\n"), Text("ท้าย", style="underline", end="", justify="right")]

    def printed(each: bool) -> str:
        out = StringIO()
        console = Console(file=out, markup=False, emoji=False, highlight=False, **options)  # type: ignore[arg-type]
        if each:
            for line in lines:
                console.print(line)
        else:
            print_lines(console, lines)
        return out.getvalue()

    assert printed(each=False) == printed(each=True)


def test_the_command_line_s_own_copies_agree() -> None:
    """The folders and default format the parser names without loading the importer or the writers."""
    from tracker import cli
    from tracker.paths import DATA_DIR
    from tracker.reports.export import EXPORTS_DIR, ExportFormat

    assert cli.DATA_DIR == DATA_DIR and cli.EXPORTS_DIR == EXPORTS_DIR
    assert ExportFormat(cli.DEFAULT_FORMAT) is ExportFormat.MARKDOWN


def test_version_is_the_projects_and_the_same_both_ways() -> None:
    """``tracker --version`` and ``python -m tracker --version`` print pyproject.toml's version, exit 0."""
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    by_module = run("--version")
    assert (by_module.returncode, by_module.stdout, by_module.stderr) == (0, f"tracker {version}\n", "")
    script = Path(sys.executable).with_name("tracker")
    if script.exists():  # the console script pip installed beside this interpreter
        by_script = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
        assert (by_script.returncode, by_script.stdout) == (0, by_module.stdout)


@pytest.mark.parametrize(("command", "beyond_cp874"), [("summary", "✓"), ("check", "→")])
def test_on_windows_output_redirected_to_a_file_is_written_whole_in_utf8(
    command: str, beyond_cp874: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tracker summary > สรุป.txt`` on a Thai Windows: Python's stream is in cp874, which has no ✓ or
    table lines; without the switch to UTF-8 the command stops with an encoding error halfway."""
    import io

    from tracker.cli import utf8_when_redirected

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp874"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(io.BytesIO(), encoding="cp874"))
    utf8_when_redirected(windows=True)
    assert main([command, "--db", str(tmp_path / "tracker.json")]) in (0, 1)
    sys.stdout.flush()
    text = raw.getvalue().decode("utf-8")
    assert "บางเตย" in text
    assert beyond_cp874 in text


def test_elsewhere_the_streams_keep_the_users_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from tracker.cli import utf8_when_redirected

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="cp874"))
    utf8_when_redirected(windows=False)
    assert sys.stdout.encoding == "cp874"
