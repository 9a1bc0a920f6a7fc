"""One digit style in what the commands write: ``--digits arabic`` leaves no Thai digit in exports (typed
text included) or in any command's output, and the default writes counts and dates in Thai digits."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.domain.thai import THAI_DIGITS, DigitStyle
from tracker.importer.defaults import default_plan
from tracker.reports.export import ExportFormat, export_report
from tracker.storage.store import Store

THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")
# An Arabic figure beside Thai words ("ปีงบประมาณ 2567", "ข้อผิดพลาด 1"); English glosses and file names
# are not Thai text.
ARABIC_IN_THAI = re.compile(r"[\u0e01-\u0e4f] ?[0-9]|(?<![A-Za-z0-9/_-])[0-9][0-9,.:]* ?[\u0e01-\u0e4f]")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The default plan with a saved edit (so that history has rows) and a backup (so that backups lists one)."""
    path = tmp_path / "office" / "tracker.json"
    path.parent.mkdir()
    store = Store.open(path, initial_plans=[default_plan()])
    plan = store.load_plan(store.list_plans()[0].plan_id)
    plan.projects[0].budget = Decimal("12345.50")
    plan.projects[0].remarks = "ตามมติครั้งที่ ๓/๒๕๖๗"
    store.save_plan(plan)
    store.close()
    return path


def test_the_default_plans_typed_text_holds_thai_digits() -> None:
    """What the Arabic export has to convert: the seed's typed text is full of Thai digits."""
    plan = default_plan()
    typed = " ".join(p.method + p.indicator + p.period + p.result(plan.round).result_text for p in plan.projects)
    assert len(THAI_DIGIT.findall(typed)) > 100


@pytest.mark.parametrize("fmt", [f for f in ExportFormat if not f.is_document])
def test_an_arabic_export_holds_no_thai_digit(fmt: ExportFormat, db: Path, tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt.value}"
    history = ["--history"] if fmt.takes_history else []
    assert main(["--db", str(db), "export", "--format", fmt.value, "--digits", "arabic", "-o", str(target),
                 *history]) == 0
    text = target.read_text(encoding="utf-8-sig")
    assert not THAI_DIGIT.search(text), THAI_DIGIT.findall(text)[:10]
    if fmt is ExportFormat.ENTRY:  # the national form has no period: a typed result, converted
        assert "ร้อยละ 100" in text and "ตามมติครั้งที่ 3/2567" in text
    else:
        assert "ต.ค. 66 - ก.ย. 67" in text  # a typed period, converted
    # The stored plan keeps what was typed.
    with Store.open(db, read_only=True) as store:
        plan = store.load_plan(store.list_plans()[0].plan_id)
    assert plan.projects[0].remarks == "ตามมติครั้งที่ ๓/๒๕๖๗"
    assert plan.settings.digit_style is DigitStyle.THAI


def test_a_thai_export_keeps_typed_text_as_typed() -> None:
    plan = default_plan()
    plan.projects[0].remarks = "NO Gift Policy 2566"
    for fmt in (f for f in ExportFormat if not f.is_document):
        text = export_report(plan, fmt, digits=DigitStyle.THAI)
        assert "NO Gift Policy 2566" in text


def test_an_arabic_markdown_export_escapes_a_converted_list_number() -> None:
    """Typed text is converted before it is escaped: "๑. ..." at a line start must not become a list."""
    plan = default_plan()
    plan.narrative["problems"] = "๑. ขาดบุคลากร"
    text = export_report(plan, ExportFormat.MARKDOWN, digits=DigitStyle.ARABIC)
    assert "1\\. ขาดบุคลากร" in text


COMMANDS = [
    ["summary"],
    ["check"],
    ["history"],
    ["plans"],
    ["backups"],
    ["export", "--format", "txt"],
    ["export", "--format", "entry"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_with_arabic_digits_writes_no_thai_digit(
    command: list[str], db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["-o", str(tmp_path / "out.txt")] if command[0] == "export" else []
    main(["--db", str(db), *command, "--digits", "arabic", *extra])
    out, err = capsys.readouterr()
    assert out.strip()
    assert not THAI_DIGIT.search(out + err), [line for line in (out + err).split("\n") if THAI_DIGIT.search(line)]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_writes_its_figures_in_thai_digits_by_default(
    command: list[str], db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["-o", str(tmp_path / "out.txt")] if command[0] == "export" else []
    main(["--db", str(db), *command, *extra])
    out, err = capsys.readouterr()
    assert out.strip()
    lines = [line for line in (out + err).split("\n") if ARABIC_IN_THAI.search(line) and "tracker restore" not in line]
    assert not lines, lines


def test_commands_follow_the_plans_digit_setting(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db) as store:
        plan = store.load_plan(store.list_plans()[0].plan_id)
        plan.settings.digit_style = DigitStyle.ARABIC
        store.save_plan(plan)
    for command in (["check"], ["plans"], ["history"], ["backups"]):
        main(["--db", str(db), *command])
        out, err = capsys.readouterr()
        assert not THAI_DIGIT.search(out + err), command


def test_import_writes_its_counts_in_the_digits_asked_for(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.md"
    assert main(["--db", str(db), "export", "-o", str(report)]) == 0
    capsys.readouterr()
    main(["--db", str(tmp_path / "other.json"), "import", str(report), "--dry-run", "--digits", "arabic"])
    out, err = capsys.readouterr()
    assert "โครงการ 20 (มิติที่ 1: 6" in out
    assert not THAI_DIGIT.search(out + err), [line for line in out.split("\n") if THAI_DIGIT.search(line)]
    main(["--db", str(tmp_path / "other.json"), "import", str(report), "--dry-run"])
    out, _ = capsys.readouterr()
    assert "โครงการ ๒๐ (มิติที่ ๑: ๖" in out
