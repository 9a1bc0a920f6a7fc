"""Importing into a database: a new database holds only what was imported; a replace never empties a plan.

An office imports its own report into a new file and must find only its own plan there (not the
embedded Bang Toei plan beside it). A replace of a report whose tables lost their rows, or one that
would remove most of the plan, is refused and leaves the file byte for byte as it was; every replace
that goes through is backed up first, so ``tracker restore`` undoes it.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.domain.model import Round, RoundResult, Status
from tracker.domain.thai import to_thai_digits
from tracker.importer.defaults import SEED_REPORT, default_plan
from tracker.storage.backups import BackupReason, list_backups
from tracker.storage.store import Store


def plan_ids(db: Path) -> list[str]:
    store = Store.open(db, read_only=True)
    try:
        return [p.plan_id for p in store.list_plans()]
    finally:
        store.close()


def projects(db: Path) -> int:
    store = Store.open(db, read_only=True)
    try:
        return len(store.load_plan(store.list_plans()[0].plan_id).projects)
    finally:
        store.close()


def seed_text() -> str:
    return SEED_REPORT.read_text(encoding="utf-8")


def another_office(tmp_path: Path) -> Path:
    """The seed as another office's report: another organization, so another plan."""
    report = tmp_path / "bangkrathuek.txt"
    report.write_text(seed_text().replace("บางเตย", "บางกระทึก"), encoding="utf-8")
    return report


def without_rows(tmp_path: Path, keep: int) -> Path:
    """The seed with every table row of a project numbered above ``keep`` lost (as a bad copy loses them)."""
    lines = []
    for line in seed_text().split("\n"):
        first = line.split("\t")[0].strip().rstrip(".")
        if "\t" in line and first.isdigit() and int(first) > keep:
            continue
        lines.append(line)
    report = tmp_path / f"rows-{keep}.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    return report


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office" / "tracker.json"


def test_a_database_made_by_import_holds_only_the_imported_plan(db: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "import", str(another_office(tmp_path))]) == 0
    _, err = capsys.readouterr()
    assert plan_ids(db) == ["บางกระทึก-2567"]  # not Bang Toei's plan beside it
    assert "แผนตั้งต้น" not in err and "created a new database" in err
    assert main(["--db", str(db), "summary"]) == 0  # one plan: no --plan needed


def test_importing_the_seed_into_a_new_database_works(db: Path) -> None:
    assert main(["--db", str(db), "import", str(SEED_REPORT)]) == 0  # was refused: "already exists"
    assert plan_ids(db) == ["บางเตย-2567"]


def test_a_report_that_cannot_be_read_creates_no_database(db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("ไม่ใช่รายงาน\n", encoding="utf-8")
    assert main(["--db", str(db), "import", str(junk)]) == 1
    assert main(["--db", str(db), "import", str(without_rows(tmp_path, 0))]) == 1
    assert not db.parent.exists() or list(db.parent.iterdir()) == []


def test_other_commands_still_create_a_database_from_the_default_plan(db: Path) -> None:
    assert main(["--db", str(db), "plans"]) == 0
    assert plan_ids(db) == ["บางเตย-2567"]


@pytest.mark.parametrize("keep", [0, 8], ids=["no project left", "12 of 20 removed"])
def test_a_replace_that_would_empty_the_plan_is_refused_byte_for_byte(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], keep: int
) -> None:
    assert main(["--db", str(db), "import", str(SEED_REPORT)]) == 0
    before = db.read_bytes()
    backups = list_backups(db)
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(without_rows(tmp_path, keep)), "--replace"]) == 1
    _, err = capsys.readouterr()
    assert db.read_bytes() == before
    assert list_backups(db) == backups
    assert "--force" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert ("ไม่มีโครงการ" in err) if keep == 0 else ("๑๒ จาก ๒๐" in err)


def test_force_replaces_and_the_backup_undoes_it(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "import", str(SEED_REPORT)]) == 0
    original = db.read_bytes()
    assert main(["--db", str(db), "import", str(without_rows(tmp_path, 8)), "--replace", "--force"]) == 0
    assert projects(db) == 8
    kept = [b for b in list_backups(db) if b.reason is BackupReason.REPLACE]
    assert len(kept) == 1 and kept[0].path.read_bytes() == original
    capsys.readouterr()
    assert main(["--db", str(db), "restore", kept[0].name]) == 0
    assert projects(db) == 20


def test_every_replace_is_backed_up_even_after_the_days_backup(db: Path, tmp_path: Path) -> None:
    assert main(["--db", str(db), "plans"]) == 0  # the default plan
    store = Store.open(db)
    try:
        plan = store.load_plan("บางเตย-2567")
        plan.projects[0].remarks = "แก้ไขในโปรแกรม"
        store.save_plan(plan)  # the day's first save: the day's backup
    finally:
        store.close()
    assert [b.reason for b in list_backups(db)] == [BackupReason.DAILY]
    edited = tmp_path / "edited.txt"
    edited.write_text(seed_text().replace("ค่านิยมต่อต้านการทุจริต", "ค่านิยมต่อต้านการทุจริตในองค์กร"), encoding="utf-8")
    for report in (edited, SEED_REPORT, edited):
        assert main(["--db", str(db), "import", str(report), "--replace"]) == 0
    reasons = [b.reason for b in list_backups(db)]
    assert reasons.count(BackupReason.REPLACE) == 3
    assert reasons.count(BackupReason.DAILY) == 1


def many_mistakes(db: Path) -> None:
    """The default plan and 80 more projects, each with more disbursed than its budget (an error each)."""
    plan = default_plan()
    for index in range(80):
        project = copy.deepcopy(plan.projects[0])
        project.uid, project.number, project.name = "", 21 + index, f"โครงการทดลองที่ {index + 1}"
        project.budget = Decimal(100)
        project.results[Round.TWELVE] = RoundResult(Status.COMPLETED, "ดำเนินการแล้ว", Decimal(200), None, "")
        plan.projects.append(project)
    Store.open(db, initial_plans=[plan]).close()


def finding_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("✗ ", "! ", "- "))]


def test_check_prints_at_most_50_findings_and_counts_the_rest(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    many_mistakes(db)
    assert main(["--db", str(db), "check"]) == 1
    out, _ = capsys.readouterr()
    assert len(finding_lines(out)) == 50
    assert main(["--db", str(db), "check", "--json"]) == 1
    every = json.loads(capsys.readouterr()[0])["findings"]
    assert len(every) > 80
    assert f"and {len(every) - 50} more not shown" in out and "--json" in out
    assert f"รวม {to_thai_digits(str(len(every)))} รายการ" in out  # the total still counts every one


def test_import_prints_at_most_50_findings(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    many_mistakes(db)
    report = tmp_path / "many.md"
    assert main(["--db", str(db), "export", "-o", str(report)]) == 0
    capsys.readouterr()
    assert main(["import", str(report), "--dry-run"]) == 0
    out, _ = capsys.readouterr()
    assert len(finding_lines(out)) == 50 and "more not shown" in out
    assert main(["import", str(report), "--dry-run", "--json"]) == 0
    assert len(json.loads(capsys.readouterr()[0])["findings"]) > 80


@pytest.mark.parametrize(
    ("encoding", "label"), [("cp874", "TIS-620"), ("utf-16", "UTF-16"), ("utf-8-sig", "UTF-8")]
)
def test_import_says_which_encoding_it_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            encoding: str, label: str) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(seed_text().replace("✓", "/").encode(encoding))  # TIS-620 has no ✓: Thai forms tick with /
    assert main(["import", str(report), "--dry-run"]) == 0
    out, _ = capsys.readouterr()
    assert f"อ่านไฟล์เป็นข้อความ (read as) {label}" in out
    assert "โครงการ ๒๐" in out and "ดำเนินการแล้วเสร็จ ๑๗" in out
    assert main(["import", str(report), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr()[0])["encoding"].startswith(label)


def test_a_replace_keeps_what_the_report_does_not_say(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 12-month report imported over the plan: the 6-month results, the ordinance's amount and the
    e-PlanNACC marks an office recorded stay (the report prints none of them)."""
    assert main(["--db", str(db), "plans"]) == 0
    with Store.open(db) as store:
        plan = store.load_plan("บางเตย-2567")
        plan.projects[1].appropriated = Decimal("45000.00")
        plan.projects[1].results[Round.SIX] = RoundResult(Status.IN_PROGRESS, "จัดอบรมแล้วครึ่งหนึ่ง", entered=True)
        plan.projects[1].results[Round.TWELVE].entered = True
        store.save_plan(plan)
    assert main(["--db", str(db), "import", str(SEED_REPORT), "--replace"]) == 0
    with Store.open(db, read_only=True) as store:
        project = store.load_plan("บางเตย-2567").projects[1]
    assert project.appropriated == Decimal("45000.00")
    assert project.results[Round.SIX] == RoundResult(Status.IN_PROGRESS, "จัดอบรมแล้วครึ่งหนึ่ง", entered=True)
    assert project.results[Round.TWELVE].entered
