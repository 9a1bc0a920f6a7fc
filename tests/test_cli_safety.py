"""Data safety on the command line, as a user meets it: history, backups, restore, damaged files, locking.

Most tests run ``main([...])`` in this process (an exception escaping it fails the test, so "no
traceback" is checked every time); a few run ``python -m tracker`` or hold the writer lock in a
separate process, where only another process shows the behaviour.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tracker.cli import main
from tracker.cli import shared as cli_shared
from tracker.domain.model import ReasonKind, Round
from tracker.importer.defaults import default_plan
from tracker.storage.backups import BackupReason, make_backup
from tracker.storage.lock import WriterLock, current_holder, this_user
from tracker.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
NO_CHANGES = "ยังไม่มีการเปลี่ยนแปลงที่บันทึกไว้"
APPENDIX = "ภาคผนวก บันทึกการเปลี่ยนแปลง"
BACKUP_LINE = re.compile(r"^(tracker-\d{8}-\d{6}-[a-z-]+?(?:-\d+)?\.json)\s+(.*)$")
# The advice names the database when it is not the default one (these tests use their own).
RESTORE_HINT = re.compile(r"tracker (?:--db \S+ )?restore (\S+\.json)")


@dataclass
class Done:
    code: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        """The one line of an error (asserts that there is exactly one, and no traceback)."""
        assert "Traceback" not in self.err
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        return lines[0]


Tracker = Callable[..., Done]


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, so that tables are not folded in the middle of what the tests look for."""
    monkeypatch.setenv("COLUMNS", "220")


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers give up on a held lock after a fraction of a second instead of ten."""
    monkeypatch.setattr(cli_shared, "WRITER_WAIT", 0.3)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office" / "tracker.json"


@pytest.fixture
def tracker(db: Path, capsys: pytest.CaptureFixture[str]) -> Tracker:
    """``tracker --db <db> ARGS...`` in this process: the exit code, stdout and stderr."""

    def run(*args: str | Path) -> Done:
        capsys.readouterr()
        try:
            code = main(["--db", str(db), *(str(a) for a in args)])
        except SystemExit as exc:  # argparse refusing the command
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Done(code, out, err)

    return run


@dataclass
class Reports:
    original: Path
    """The default plan exported as Markdown (budget of project 15: 30,000.00; total 180,000.00)."""
    edited: Path
    """The same report with project 15's budget raised to 45,000.00 (total 195,000.00)."""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    tmp_path = tmp_path_factory.mktemp("reports")
    source = tmp_path / "source.json"
    original = tmp_path / "report.md"
    assert main(["--db", str(source), "export", "-o", str(original)]) == 0
    text = original.read_text(encoding="utf-8")
    assert text.count("๓๐,๐๐๐.๐๐") == 3 and "๑๘๐,๐๐๐.๐๐" in text
    edited = tmp_path / "report-edited.md"
    edited.write_text(
        text.replace("๓๐,๐๐๐.๐๐", "๔๕,๐๐๐.๐๐").replace("๑๘๐,๐๐๐.๐๐", "๑๙๕,๐๐๐.๐๐"), encoding="utf-8"
    )
    return Reports(original, edited)


@pytest.fixture
def edited_db(tracker: Tracker, db: Path, reports: Reports) -> Path:
    """A database that imported the report, then the edited report over it (the day's backup made)."""
    assert tracker("import", reports.original, "--replace").code == 0
    assert tracker("import", reports.edited, "--replace").code == 0
    return db


def backup_names(listing: str) -> list[str]:
    """The backups ``tracker backups`` listed, in its order."""
    return [m[1] for line in listing.splitlines() if (m := BACKUP_LINE.match(line))]


def backup_files(db: Path) -> list[str]:
    folder = db.parent / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def days_ago(days: int, hour: int = 9) -> datetime:
    return (datetime.now() - timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def to_thai(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def totals(summary: str) -> str:
    """The budget line of ``tracker summary --digits arabic``."""
    line = next(line for line in summary.splitlines() if line.startswith("งบประมาณรวม"))
    return line.split()[1]


@pytest.fixture
def clean_db(db: Path) -> Path:
    """A database whose plan passes every check with no error (``tracker check`` exits 0)."""
    plan = default_plan()
    project = plan.project(2)
    assert project is not None
    project.results[Round.TWELVE].reason = ReasonKind.NO_BUDGET
    Store.open(db, initial_plans=[plan]).close()
    return db


# --- history -----------------------------------------------------------------------------------------


def test_history_after_a_replaced_import_shows_the_changed_fields(tracker: Tracker, edited_db: Path) -> None:
    done = tracker("history")
    assert done.code == 0 and done.err == ""
    row = next(line for line in done.out.splitlines() if "งบประมาณ" in line and "โครงการจัดเวทีประชาคม" in line)
    # The field in Thai and what did it, the project, the old and the new value, who; Thai digits.
    assert "(นำเข้า)" in row and "๑๕ โครงการจัดเวทีประชาคม" in row
    assert row.index("๓๐,๐๐๐.๐๐") < row.index("๔๕,๐๐๐.๐๐")
    assert this_user() in row
    assert "report-edited.md" in done.out and "ที่มาของข้อมูล" in done.out  # the source changed too
    arabic = tracker("history", "--digits", "arabic").out
    assert "15 โครงการจัดเวทีประชาคม" in arabic and "30,000.00" in arabic and "45,000.00" in arabic


def test_history_json_has_field_old_new_user_and_time(tracker: Tracker, edited_db: Path) -> None:
    done = tracker("history", "--json")
    assert done.code == 0
    changes = json.loads(done.out)
    assert isinstance(changes, list) and changes
    for change in changes:
        assert {"field", "old", "new", "user", "at"} <= set(change)
        assert change["user"] == this_user()
        assert datetime.fromisoformat(change["at"]).tzinfo is not None  # local time with its offset
    budget = [c for c in changes if c["field"] == "budget"]
    assert [(c["old"], c["new"], c["project_number"], c["action"]) for c in budget] == [
        ("30000.00", "45000.00", 15, "import")
    ]
    # Oldest first: the first import brought the plan into the new database, the second changed it.
    assert changes[0]["field"] == "plan" and changes[0]["action"] == "import" and changes[0]["old"] is None
    assert [c["new"] for c in changes if c["field"] == "source"] == ["report-edited.md"]


def test_history_of_one_project(tracker: Tracker, edited_db: Path) -> None:
    only = json.loads(tracker("history", "--project", "15", "--json").out)
    assert [c["field"] for c in only] == ["budget"]
    assert json.loads(tracker("history", "--project", "๑๕", "--json").out) == only  # Thai digits too
    text = tracker("history", "--project", "15").out
    assert "๔๕,๐๐๐.๐๐" in text and "ที่มาของข้อมูล" not in text
    quiet = tracker("history", "--project", "3")
    assert quiet.code == 0 and quiet.out.strip() == NO_CHANGES
    assert json.loads(tracker("history", "--project", "3", "--json").out) == []


def test_history_of_a_database_without_changes(tracker: Tracker) -> None:
    assert tracker("plans").code == 0  # created from the default plan: nothing changed yet
    done = tracker("history")
    assert done.code == 0 and done.out.strip() == NO_CHANGES
    assert json.loads(tracker("history", "--json").out) == []
    assert tracker("history", "--all").out.strip() == NO_CHANGES


def test_history_project_must_be_a_number(tracker: Tracker) -> None:
    assert tracker("plans").code == 0
    done = tracker("history", "--project", "สิบห้า")
    assert done.code == 2  # a wrong command, not work that failed
    assert "--project" in done.error_line


def test_history_all_shows_the_file_own_changes(tracker: Tracker, edited_db: Path) -> None:
    first = backup_names(tracker("backups").out)[-1]
    assert tracker("restore", first).code == 0
    assert "กู้คืน" not in tracker("history").out  # a plan's history: the restore is the file's
    everything = tracker("history", "--all")
    assert "กู้คืนไฟล์จากสำเนาสำรอง" in everything.out and first in everything.out


# --- backups -----------------------------------------------------------------------------------------


def test_no_backups_before_the_first_save(tracker: Tracker, db: Path) -> None:
    assert tracker("plans").code == 0
    done = tracker("backups")
    assert done.code == 0 and "ยังไม่มีไฟล์สำรอง" in done.out and str(db.parent / "backups") in done.out


def test_every_replace_backs_up_the_file_before_it(tracker: Tracker, db: Path, reports: Reports) -> None:
    assert tracker("plans").code == 0
    before = db.read_bytes()
    assert tracker("import", reports.original, "--replace").code == 0
    listing = tracker("backups")
    assert listing.code == 0
    (first,) = backup_names(listing.out)  # it stands for the day's backup too: the same bytes
    assert "before-replace" in first and "ก่อนแทนที่แผน" in listing.out
    assert (db.parent / "backups" / first).read_bytes() == before  # the file as it was that morning
    between = db.read_bytes()
    assert tracker("import", reports.edited, "--replace").code == 0
    second, again = backup_names(tracker("backups").out)
    assert again == first and "before-replace" in second  # one a replace, even on the same day
    assert (db.parent / "backups" / second).read_bytes() == between


def test_backups_are_listed_newest_first_with_thai_descriptions(tracker: Tracker, db: Path, reports: Reports) -> None:
    assert tracker("plans").code == 0
    old = [make_backup(db, BackupReason.MANUAL, now=days_ago(n)).name for n in (3, 9, 5)]
    assert tracker("import", reports.original, "--replace").code == 0
    done = tracker("backups")
    names = backup_names(done.out)
    assert names == sorted(names, reverse=True) and len(names) == 4
    assert "before-replace" in names[0] and set(names[1:]) == set(old)
    lines = [line for line in done.out.splitlines() if BACKUP_LINE.match(line)]
    assert "ก่อนแทนที่แผน" in lines[0] and all("สำรองด้วยตนเอง" in line for line in lines[1:])
    when = days_ago(3)
    assert f"{to_thai(when.day)} " in lines[1] and "๐๙:๐๐" in lines[1] and "กิโลไบต์" in lines[1]
    assert "๔ ไฟล์" in done.out and f"tracker --db {db} restore" in done.out


class _Clock:
    """Moves the store's idea of today forward, as the days of a working week would."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.days = 0
        outer = self

        class Shifted(datetime):
            @classmethod
            def now(cls, tz: Any = None) -> Any:
                return datetime.now(tz) + timedelta(days=outer.days)

        # The backups' own clock (used when the store gives no time) and the store's one clock.
        monkeypatch.setattr("tracker.storage.backups.datetime", Shifted)
        monkeypatch.setattr(
            "tracker.storage.store._clock", lambda: Shifted.now().astimezone(), raising=False
        )


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    return _Clock(monkeypatch)


def test_keep_prunes_to_the_newest_and_is_remembered(
    tracker: Tracker, db: Path, reports: Reports, clock: _Clock
) -> None:
    assert tracker("plans").code == 0
    for n in (10, 9, 8, 7):
        make_backup(db, BackupReason.DAILY, now=days_ago(n))
    done = tracker("backups", "--keep", "2")
    assert done.code == 0 and "keeping the newest 2" in done.out
    assert len(backup_names(done.out)) == 2
    stored = json.loads(db.read_text(encoding="utf-8"))["meta"]["1"]
    assert stored["backup_keep"] == 2  # in the file, for every program that opens it
    # The next days' saves each make a backup; only the newest two are ever kept.
    for day in (1, 2, 3):
        clock.days = day
        source = reports.edited if day % 2 else reports.original
        assert tracker("import", source, "--replace").code == 0
        listing = tracker("backups")
        names = backup_names(listing.out)
        assert len(names) == 2 and "เก็บล่าสุด ๒ ไฟล์" in listing.out
        assert backup_files(db) == sorted(names)
        assert (datetime.now() + timedelta(days=day)).strftime("%Y%m%d") in names[0]
    assert "จำนวนสำเนาสำรองที่เก็บไว้" in tracker("history", "--all").out


def test_keep_applies_at_once_later_in_the_day(tracker: Tracker, db: Path, reports: Reports) -> None:
    assert tracker("plans").code == 0
    for n in (4, 3, 2):
        make_backup(db, BackupReason.DAILY, now=days_ago(n))
    assert tracker("import", reports.original, "--replace").code == 0  # today's backup: four now
    done = tracker("backups", "--keep", "2")
    assert done.code == 0
    assert len(backup_names(done.out)) == 2 and len(backup_files(db)) == 2  # as the line above it says


def test_keep_holds_after_restores(tracker: Tracker, db: Path, reports: Reports) -> None:
    assert tracker("import", reports.original, "--replace").code == 0
    assert tracker("backups", "--keep", "2").code == 0
    for _ in range(3):
        assert tracker("restore", backup_names(tracker("backups").out)[-1]).code == 0
    assert len(backup_files(db)) == 2


@pytest.mark.parametrize("keep", ["0", "-3", "two"])
def test_keep_must_be_a_positive_number(tracker: Tracker, db: Path, keep: str) -> None:
    assert tracker("plans").code == 0
    before = db.read_bytes()
    done = tracker("backups", "--keep", keep)
    assert done.code == 2 and "--keep" in done.error_line
    assert db.read_bytes() == before


def test_a_backup_folder_that_cannot_be_used(tracker: Tracker, db: Path, reports: Reports) -> None:
    assert tracker("plans").code == 0
    (db.parent / "backups").write_text("not a folder", encoding="utf-8")
    before = db.read_bytes()
    refused = tracker("import", reports.original, "--replace")
    assert refused.code == 1  # a whole plan is not replaced without a copy of it ...
    assert "not replaced" in refused.error_line and str(db.parent / "backups") in refused.error_line
    assert db.read_bytes() == before
    store = Store.open(db)  # ... while an ordinary save is not given up for want of the day's backup
    try:
        plan = store.load_plan(store.list_plans()[0].plan_id)
        plan.projects[0].remarks = "แก้ไข"
        store.save_plan(plan)
        assert any("daily backup failed" in w for w in store.warnings)
    finally:
        store.close()
    listed = tracker("backups")
    assert listed.code == 1 and str(db.parent / "backups") in listed.error_line


# --- restore -----------------------------------------------------------------------------------------


def test_restore_brings_back_the_old_content_and_can_be_undone(
    tracker: Tracker, db: Path, edited_db: Path
) -> None:
    assert totals(tracker("summary", "--digits", "arabic").out) == "195,000.00"
    (daily,) = backup_names(tracker("backups").out)
    done = tracker("restore", daily)
    assert done.code == 0 and done.err == ""
    assert daily in done.out and str(db) in done.out
    undo = RESTORE_HINT.search(done.out)
    assert undo is not None and "before-restore" in undo[1]
    assert totals(tracker("summary", "--digits", "arabic").out) == "180,000.00"  # the morning's figures
    listing = tracker("backups")
    assert backup_names(listing.out)[0] == undo[1] and "ก่อนกู้คืน" in listing.out
    again = tracker("restore", undo[1])
    assert again.code == 0
    assert totals(tracker("summary", "--digits", "arabic").out) == "195,000.00"
    assert json.loads(tracker("history", "--project", "15", "--json").out)[-1]["new"] == "45000.00"


def test_restore_by_path(tracker: Tracker, db: Path, edited_db: Path) -> None:
    (daily,) = backup_names(tracker("backups").out)
    assert tracker("restore", db.parent / "backups" / daily).code == 0
    assert totals(tracker("summary", "--digits", "arabic").out) == "180,000.00"


def test_restore_of_an_unknown_backup(tracker: Tracker, db: Path, edited_db: Path) -> None:
    before, backups = db.read_bytes(), backup_files(db)
    done = tracker("restore", "tracker-20200101-000000-daily.json")
    assert done.code == 1
    assert "tracker-20200101-000000-daily.json" in done.error_line and done.out == ""
    assert db.read_bytes() == before and backup_files(db) == backups


def test_restore_of_a_damaged_backup_changes_nothing(tracker: Tracker, db: Path, edited_db: Path) -> None:
    damaged = db.parent / "backups" / "tracker-20200101-000000-manual.json"
    damaged.write_text('{"meta": {"1": {"app": "tracker", "schema_', encoding="utf-8")
    before, backups = db.read_bytes(), backup_files(db)
    done = tracker("restore", damaged.name)
    assert done.code == 1 and damaged.name in done.error_line
    assert db.read_bytes() == before and backup_files(db) == backups  # not even a before-restore copy


def test_following_the_advice_of_a_damaged_file_error(tracker: Tracker, db: Path, edited_db: Path) -> None:
    db.write_bytes(db.read_bytes()[:1000])  # cut short, as a crashed editor might leave it
    damaged = db.read_bytes()
    refused = tracker("summary")
    hint = RESTORE_HINT.search(refused.error_line)
    assert refused.code == 1 and hint is not None
    done = tracker(*f"restore {hint[1]}".split())
    assert done.code == 0
    assert totals(tracker("summary", "--digits", "arabic").out) == "180,000.00"
    undo = RESTORE_HINT.search(done.out)
    assert undo is not None
    assert (db.parent / "backups" / undo[1]).read_bytes() == damaged  # even damaged bytes are kept


# --- damaged databases -------------------------------------------------------------------------------

DAMAGED: dict[str, bytes] = {
    "empty": b"",
    "truncated": b'{"meta": {"1": {"app": "tracker", "schema_version": 2}}, "plans": {"1": {"plan_id": "x',
    "not-json": "ไม่ใช่ JSON เป็นบันทึกช่วยจำ\n".encode(),
    "other-program": b'{"_default": {"1": {"name": "inventory"}}}',
    "future-schema": b'{"meta": {"1": {"app": "tracker", "schema_version": 999}}, "plans": {}, "history": {}}',
}
COMMANDS: list[list[str]] = [
    ["summary"], ["plans"], ["history"], ["history", "--all"], ["backups"], ["backups", "--keep", "3"],
    ["export", "-o", "{tmp}/r.md"], ["export", "--history", "-o", "{tmp}/r.txt", "--format", "txt"],
    ["import", "{report}", "--replace"], ["check"],
]


@pytest.mark.parametrize("with_backup", [True, False], ids=["with-backup", "no-backup"])
@pytest.mark.parametrize("kind", list(DAMAGED))
def test_a_damaged_database_is_refused_and_left_as_it_was(
    tracker: Tracker, db: Path, tmp_path: Path, reports: Reports, kind: str, with_backup: bool
) -> None:
    latest = None
    if with_backup:
        assert tracker("plans").code == 0
        latest = make_backup(db, BackupReason.MANUAL).name
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(DAMAGED[kind])
    backups = backup_files(db)
    for command in COMMANDS:
        args = [a.format(tmp=tmp_path, report=reports.edited) for a in command]
        done = tracker(*args)
        assert done.code == (2 if command == ["check"] else 1), (kind, command)
        line = done.error_line
        assert str(db) in line, command
        if latest is not None and kind != "future-schema":
            assert f"tracker --db {db} restore {latest}" in line, command  # the way out, named
        else:
            assert not RESTORE_HINT.search(line), command
        if kind == "future-schema":
            assert "newer" in line
        assert db.read_bytes() == DAMAGED[kind], command
        assert backup_files(db) == backups, command
    assert not (tmp_path / "r.md").exists() and not (tmp_path / "r.txt").exists()


def test_a_damaged_database_from_the_shell(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b'{"meta": {')
    for command in (["summary"], ["check"], ["history", "--json"], ["restore", "x.json"]):
        done = run_tracker("--db", str(db), *command)
        assert done.returncode == (2 if command == ["check"] else 1), command
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stdout == ""
    assert db.read_bytes() == b'{"meta": {'


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_database(tracker: Tracker, db: Path) -> None:
    assert tracker("plans").code == 0
    before = db.read_bytes()
    db.chmod(0)
    try:
        for command in (["summary"], ["history"], ["import", "x.txt"]):
            done = tracker(*command)
            assert done.code == 1 and str(db) in done.error_line, command
        assert tracker("check").code == 2
    finally:
        db.chmod(0o600)
    assert db.read_bytes() == before


@pytest.mark.parametrize("call", ["fsync", "write"])
@pytest.mark.parametrize("first_save_of_the_day", [True, False], ids=["first-save", "later-save"])
def test_a_full_disk_during_import_leaves_the_file_as_it_was(
    tracker: Tracker, db: Path, reports: Reports, monkeypatch: pytest.MonkeyPatch,
    call: str, first_save_of_the_day: bool,
) -> None:
    assert tracker("plans").code == 0
    if not first_save_of_the_day:
        assert tracker("import", reports.original, "--replace").code == 0
    before, backups = db.read_bytes(), backup_files(db)

    def full(*args: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patched:
        patched.setattr(os, call, full)
        done = tracker("import", reports.edited, "--replace")
    assert done.code == 1
    line = done.error_line
    assert str(db) in line and "ดิสก์เต็ม" in line and "the disk is full" in line
    assert db.read_bytes() == before
    assert backup_files(db) == backups
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]  # no half-written copies
    assert tracker("import", reports.edited, "--replace").code == 0  # space again: the import works


# --- locking -----------------------------------------------------------------------------------------


READ_ONLY: list[list[str]] = [
    ["summary"], ["plans"], ["check"], ["history"], ["history", "--all", "--json"], ["backups"],
    ["export", "-o", "{tmp}/r.md"], ["export", "--history", "--format", "txt", "-o", "{tmp}/r.txt"],
    ["import", "{report}", "--dry-run"],
]


def test_read_only_commands_work_while_the_app_is_open(
    tracker: Tracker, clean_db: Path, db: Path, tmp_path: Path, reports: Reports,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_shared, "WRITER_WAIT", 30.0)  # a command waiting for the lock would show
    before = db.read_bytes()
    with WriterLock.acquire(db, "tracker app") as lock:
        for command in READ_ONLY:
            args = [a.format(tmp=tmp_path, report=reports.edited) for a in command]
            started = time.monotonic()
            done = tracker(*args)
            assert done.code == 0, (command, done.err)
            assert time.monotonic() - started < 15, command  # no waiting for the lock
            assert current_holder(db) == lock.holder, command  # the app keeps its lock
        assert db.read_bytes() == before
    assert (tmp_path / "r.md").exists() and APPENDIX in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_import_while_the_app_is_open_names_it_and_changes_nothing(
    tracker: Tracker, db: Path, reports: Reports
) -> None:
    assert tracker("plans").code == 0
    before, backups = db.read_bytes(), backup_files(db)
    with WriterLock.acquire(db, "tracker app"):
        started = time.monotonic()
        done = tracker("import", reports.edited, "--replace")
        waited = time.monotonic() - started
    assert done.code == 1 and done.out == ""
    line = done.error_line
    assert "tracker app" in line and f"pid {os.getpid()}" in line and str(db) in line
    assert waited >= cli_shared.WRITER_WAIT  # it waited for the other program first
    assert db.read_bytes() == before and backup_files(db) == backups


@pytest.mark.parametrize("command", [["restore", "{backup}"], ["backups", "--keep", "1"]])
def test_other_writers_while_the_app_is_open(
    tracker: Tracker, db: Path, edited_db: Path, command: list[str]
) -> None:
    (daily,) = backup_files(db)
    before, backups = db.read_bytes(), backup_files(db)
    with WriterLock.acquire(db, "tracker app"):
        done = tracker(*(a.format(backup=daily) for a in command))
    assert done.code == 1
    assert "tracker app" in done.error_line and f"pid {os.getpid()}" in done.error_line
    assert db.read_bytes() == before and backup_files(db) == backups


def test_a_writer_waits_for_a_short_one_to_finish(
    tracker: Tracker, db: Path, reports: Reports, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert tracker("plans").code == 0
    monkeypatch.setattr(cli_shared, "WRITER_WAIT", 10.0)
    lock = WriterLock.acquire(db, "tracker import")
    timer = threading.Timer(0.3, lock.release)
    timer.start()
    try:
        done = tracker("import", reports.edited, "--replace")
    finally:
        timer.join()
        lock.release()
    assert done.code == 0, done.err
    assert totals(tracker("summary", "--digits", "arabic").out) == "195,000.00"


def test_others_see_which_command_holds_the_lock(
    tracker: Tracker, db: Path, reports: Reports, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert tracker("plans").code == 0
    seen: list[str] = []
    save = Store.save_plan
    set_keep = Store.set_backup_keep

    def spy_save(self: Store, *args: Any, **kwargs: Any) -> Any:
        holder = current_holder(db)
        seen.append(holder.program if holder else "")
        return save(self, *args, **kwargs)

    def spy_keep(self: Store, keep: int) -> None:
        holder = current_holder(db)
        seen.append(holder.program if holder else "")
        set_keep(self, keep)

    monkeypatch.setattr(Store, "save_plan", spy_save)
    monkeypatch.setattr(Store, "set_backup_keep", spy_keep)
    assert tracker("import", reports.edited, "--replace").code == 0
    assert tracker("backups", "--keep", "5").code == 0
    assert seen == ["tracker import", "tracker backups"]


HOLDER = """
import sys
from tracker.storage.lock import WriterLock
lock = WriterLock.acquire(sys.argv[1], "tracker app")
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def other_program(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another program holding the writer lock until the test ends (or closes its stdin)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, cwd=ROOT,
    )
    assert child.stdout is not None and child.stdout.readline() == "held\n"
    try:
        yield child
    finally:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(timeout=30)


def test_another_program_holding_the_lock(
    tracker: Tracker, clean_db: Path, db: Path, tmp_path: Path, reports: Reports,
    other_program: subprocess.Popen[str],
) -> None:
    before = db.read_bytes()
    for command in (["summary"], ["check"], ["history"], ["export", "--history", "-o", str(tmp_path / "r.md")]):
        assert tracker(*command).code == 0, command
    done = tracker("import", reports.edited, "--replace")
    assert done.code == 1 and f"tracker app, pid {other_program.pid}" in done.error_line
    assert db.read_bytes() == before
    assert other_program.stdin is not None
    other_program.stdin.close()
    other_program.wait(timeout=30)  # the program ends: the lock is free again
    assert tracker("import", reports.edited, "--replace").code == 0


# --- export --history --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_export_with_the_history_appendix(tracker: Tracker, edited_db: Path, tmp_path: Path, fmt: str) -> None:
    plain, appended = tmp_path / f"plain.{fmt}", tmp_path / f"appended.{fmt}"
    assert tracker("export", "--format", fmt, "-o", plain).code == 0
    assert tracker("export", "--format", fmt, "--history", "-o", appended).code == 0
    without, with_history = plain.read_text(encoding="utf-8"), appended.read_text(encoding="utf-8")
    assert APPENDIX not in without
    assert APPENDIX in with_history and with_history.startswith(without.rstrip("\n")[:200])
    appendix = with_history[with_history.index(APPENDIX):]
    assert "งบประมาณ" in appendix and "๓๐,๐๐๐.๐๐" in appendix and "๔๕,๐๐๐.๐๐" in appendix
    assert this_user() in appendix
    if fmt == "md":
        assert f"## {APPENDIX}" in with_history


def test_export_history_of_a_plan_without_changes(tracker: Tracker, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert tracker("export", "--history", "-o", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert APPENDIX in text and NO_CHANGES in text[text.index(APPENDIX):]


# --- the shell ---------------------------------------------------------------------------------------


def run_tracker(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "160"}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


@pytest.mark.parametrize("command", [["history"], ["backups"], ["restore"]])
def test_new_commands_have_help(command: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0


def test_output_into_a_closed_pipe_is_no_traceback(tracker: Tracker, db: Path) -> None:
    assert tracker("plans").code == 0
    for command in (["history", "--json"], ["summary"]):
        child = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", str(db), *command],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # the reader is gone (``tracker history | head`` after head ended)
        err = child.stderr.read()
        child.stderr.close()
        assert child.wait(timeout=60) == 1, err
        assert err == "", command


@pytest.mark.parametrize(("digits", "shown"), [([], "๔"), (["--digits", "arabic"], "4")])
def test_keep_says_how_many_older_backups_it_removed(
    tracker: Tracker, db: Path, digits: list[str], shown: str
) -> None:
    """Five old backups and today's (the day's first save, of the setting itself): four are removed."""
    assert tracker("plans").code == 0
    for n in (10, 9, 8, 7, 6):
        make_backup(db, BackupReason.DAILY, now=days_ago(n))
    done = tracker("backups", "--keep", "2", *digits)
    assert done.code == 0
    assert len(backup_files(db)) == 2
    assert f"ลบไฟล์สำรองที่เก่ากว่า {shown} ไฟล์ (removed 4 older)" in done.out
    # Nothing more to remove: nothing said about removing.
    again = tracker("backups", "--keep", "2", *digits)
    assert again.code == 0 and "removed" not in again.out and "ลบไฟล์สำรอง" not in again.out
