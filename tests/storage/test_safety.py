"""Data safety on real files: one writer at a time, outside changes, backups, restore, history,
damaged files and a full disk, each as a user would meet it.

"Another program" editing the file is played by writing the file directly (another tracker writer
cannot open it while the test's store holds the lock). The clock of the store is moved with the
:func:`clock` fixture where days or minutes must pass.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import tracker.storage.store as store_module
from tracker.domain.model import Plan, Round, RoundResult, Status
from tracker.storage.backups import Backup, BackupReason, list_backups
from tracker.storage.lock import this_user
from tracker.storage.store import OutsideChange, Store, StoreError, StoreLocked

from .plans import ORGANIZATION, thai_plan

PLAN_ID = thai_plan().plan_id
OTHER_ID = "บางเตย-2568"

# A writer that opens the database, says "ready" and waits to be killed.
HOLDER = """
import sys, time
from tracker.storage.store import Store
store = Store.open(sys.argv[1], program="tracker import")
print("ready", flush=True)
time.sleep(60)
"""


class Clock:
    """The store's clock, standing still until moved."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 10, 0, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(store_module, "_clock", fake)
    return fake


def first_plan() -> Plan:
    """thai_plan() with project 3 not yet reported in round 12."""
    plan = thai_plan()
    plan.projects[2].results = {}
    return plan


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database holding two plans, and no backups yet."""
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[first_plan(), thai_plan(OTHER_ID, 2568)]).close()
    return path


def edit_outside(path: Path, edit: Callable[[dict[str, Any]], None]) -> bytes:
    """Another program edits the file the way editors do: a changed copy renamed over it."""
    data = json.loads(path.read_bytes())
    edit(data)
    raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    copy = path.with_name("edited-elsewhere.json")
    copy.write_bytes(raw)
    os.replace(copy, path)
    return raw


def plan_doc(data: dict[str, Any], plan_id: str) -> dict[str, Any]:
    return next(d for d in data["plans"].values() if d["plan_id"] == plan_id)


def stored(path: Path, plan_id: str = PLAN_ID) -> Plan:
    with Store.open(path, read_only=True) as store:
        return store.load_plan(plan_id)


def one_line_naming(message: str, path: Path) -> bool:
    return "\n" not in message and str(path) in message


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def reasons(path: Path) -> list[str]:
    """The reasons of the backups, oldest first."""
    return [b.reason.value for b in reversed(list_backups(path))]


def set_remarks(store: Store, text: str, number: int = 1, plan_id: str = PLAN_ID) -> None:
    plan = store.load_plan(plan_id)
    project = plan.project(number)
    assert project is not None
    project.remarks = text
    store.save_plan(plan)


# --- one writer at a time ----------------------------------------------------------------------------


def test_a_second_writer_is_refused_and_told_who_holds_the_database(db: Path) -> None:
    before = db.read_bytes()
    with Store.open(db, program="tracker app"), pytest.raises(StoreLocked) as caught:
        Store.open(db, program="tracker import")
    message = str(caught.value)
    assert one_line_naming(message, db)
    assert "tracker app" in message and f"pid {os.getpid()}" in message and this_user() in message
    assert "try again" in message and "still be read" in message  # what the user can do instead
    assert caught.value.holder is not None and caught.value.holder.pid == os.getpid()
    assert db.read_bytes() == before
    with Store.open(db):  # free again once the first writer closed
        pass


def test_a_read_only_store_works_while_the_writer_holds_the_lock_and_refuses_to_save(db: Path) -> None:
    writer = Store.open(db, program="tracker app")
    reader = Store.open(db, read_only=True)
    assert reader.read_only and reader.warnings == []
    assert reader.load_plan(PLAN_ID) == first_plan()
    holder = reader.lock_holder
    assert holder is not None and holder.program == "tracker app" and holder.pid == os.getpid()

    set_remarks(writer, "แก้ไขโดยผู้เขียน")  # the writer is not hindered by the reader
    assert reader.changed_on_disk()
    reader.reload()
    assert reader.load_plan(PLAN_ID).projects[0].remarks == "แก้ไขโดยผู้เขียน"

    before = db.read_bytes()
    plan = reader.load_plan(PLAN_ID)
    plan.organization = "เปลี่ยนไม่ได้"
    refusals: list[Callable[[], object]] = [
        lambda: reader.save_plan(plan),
        lambda: reader.save_plan(plan, force=True),
        lambda: reader.delete_plan(OTHER_ID),
        lambda: reader.set_backup_keep(3),
    ]
    for refused in refusals:
        with pytest.raises(StoreError) as caught:
            refused()
        message = str(caught.value)
        assert one_line_naming(message, db)
        assert "opened read-only, nothing can be saved" in message and "อ่านอย่างเดียว" in message
    assert db.read_bytes() == before
    reader.close()
    writer.close()
    assert reasons(db) == ["daily"]  # the writer's one save; the reader made none


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_the_lock_of_a_killed_writer_is_taken_over_with_a_notice(db: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        with pytest.raises(StoreLocked, match=f"tracker import pid {child.pid}"):
            Store.open(db)
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    with Store.open(db, program="tracker app") as store:
        [notice] = store.warnings
        assert one_line_naming(notice, db)
        assert "took over from" in notice and f"tracker import pid {child.pid}" in notice
        assert "รับช่วง" in notice
        set_remarks(store, "ทำงานต่อได้")
    with Store.open(db) as store:
        assert store.warnings == []  # closed properly this time: nothing to take over


# --- outside changes ---------------------------------------------------------------------------------


def test_a_save_over_an_outside_change_is_refused_and_writes_nothing(db: Path) -> None:
    store = Store.open(db)
    plan = store.load_plan(PLAN_ID)
    assert not store.changed_on_disk()
    outside = edit_outside(db, lambda d: plan_doc(d, OTHER_ID).update(organization="แก้จากที่อื่น"))
    assert store.changed_on_disk()

    plan.projects[0].remarks = "ของเรา"
    with pytest.raises(OutsideChange) as caught:
        store.save_plan(plan)
    message = str(caught.value)
    assert one_line_naming(message, db)
    assert "changed by another program" in message and "not overwritten" in message
    with pytest.raises(OutsideChange):
        store.delete_plan(OTHER_ID)
    with pytest.raises(OutsideChange):
        store.set_backup_keep(5)
    assert db.read_bytes() == outside  # byte for byte what the other program wrote
    assert list_backups(db) == [] and leftovers(db.parent) == []
    assert store.changed_on_disk()  # still: nothing was written and nothing re-read
    store.close()


def test_an_outside_edit_in_place_is_noticed_too(db: Path) -> None:
    store = Store.open(db)
    plan = store.load_plan(PLAN_ID)
    data = json.loads(db.read_bytes())
    plan_doc(data, OTHER_ID)["district"] = "เมือง"
    with open(db, "r+b") as handle:  # the same file, rewritten (no new inode)
        handle.truncate(0)
        handle.write(json.dumps(data, ensure_ascii=False).encode())
    outside = db.read_bytes()
    assert store.changed_on_disk()
    plan.organization = "ของเรา"
    with pytest.raises(OutsideChange):
        store.save_plan(plan)
    assert db.read_bytes() == outside
    store.close()


def test_reload_takes_in_the_outside_version_and_saving_goes_on_from_it(db: Path) -> None:
    store = Store.open(db)
    edit_outside(db, lambda d: plan_doc(d, OTHER_ID).update(organization="แก้จากที่อื่น"))
    store.reload()
    assert not store.changed_on_disk()
    assert store.load_plan(OTHER_ID).organization == "แก้จากที่อื่น"
    set_remarks(store, "ของเรา")
    store.close()
    assert stored(db, OTHER_ID).organization == "แก้จากที่อื่น"
    assert stored(db).projects[0].remarks == "ของเรา"


def test_force_keeps_other_plans_outside_edits_and_backs_the_other_version_up(db: Path) -> None:
    store = Store.open(db)
    plan = store.load_plan(PLAN_ID)

    def elsewhere(data: dict[str, Any]) -> None:
        plan_doc(data, OTHER_ID)["organization"] = "แก้จากที่อื่น"
        plan_doc(data, PLAN_ID)["district"] = "เมือง"  # lost by the overwrite, but kept in the backup

    outside = edit_outside(db, elsewhere)
    plan.projects[0].remarks = "ของเรา"
    changes = store.save_plan(plan, force=True)

    assert {(c.field, c.old, c.new) for c in changes} == {
        ("district", "เมือง", "สามพราน"),  # against the version it replaced, not the one we read
        ("remarks", "", "ของเรา"),
    }
    assert not store.changed_on_disk()
    set_remarks(store, "ของเรา ต่อ")  # and saving goes on normally
    store.close()
    assert stored(db, OTHER_ID).organization == "แก้จากที่อื่น"
    ours = stored(db)
    assert ours.district == "สามพราน" and ours.projects[0].remarks == "ของเรา ต่อ"
    overwritten = [b for b in list_backups(db) if b.reason is BackupReason.OVERWRITE]
    assert [b.path.read_bytes() for b in overwritten] == [outside]
    with Store.open(overwritten[0].path, read_only=True) as kept:
        assert kept.load_plan(PLAN_ID).district == "เมือง"


# --- backups -----------------------------------------------------------------------------------------


def test_the_days_first_save_is_preceded_by_one_backup(db: Path, clock: Clock) -> None:
    original = db.read_bytes()
    with Store.open(db) as store:
        assert list_backups(db) == []  # opening alone backs nothing up
        set_remarks(store, "หนึ่ง")
        after_first = db.read_bytes()
        set_remarks(store, "สอง")
    with Store.open(db) as store:  # another session the same day
        set_remarks(store, "สาม")
    [daily] = list_backups(db)
    assert daily.reason is BackupReason.DAILY and daily.name == "tracker-20261127-100000-daily.json"
    assert daily.path.read_bytes() == original
    assert after_first != original

    clock.advance(days=1)
    before_second_day = db.read_bytes()
    with Store.open(db) as store:
        set_remarks(store, "สี่")
        set_remarks(store, "ห้า")
    newest, oldest = list_backups(db)
    assert oldest == daily and newest.reason is BackupReason.DAILY
    assert newest.name == "tracker-20261128-100000-daily.json"
    assert newest.path.read_bytes() == before_second_day


def test_a_day_without_saves_makes_no_backup(db: Path, clock: Clock) -> None:
    with Store.open(db) as store:
        store.load_plan(PLAN_ID)
        store.save_plan(store.load_plan(PLAN_ID))  # nothing changed: nothing written
        store.history()
    assert list_backups(db) == []


def test_only_the_newest_backups_are_kept(db: Path, clock: Clock) -> None:
    with Store.open(db) as store:
        assert store.backup_keep == 30
        store.set_backup_keep(3)  # a save like any other: the day's backup comes first
        assert store.backup_keep == 3
        [change] = store.history()
        assert (change.field, change.old, change.new) == ("settings.backup_keep", 30, 3)
    for day in range(1, 6):
        clock.advance(days=1)
        with Store.open(db) as store:
            set_remarks(store, f"วันที่ {day}")
    names = [b.name for b in list_backups(db)]
    assert names == [
        "tracker-20261202-100000-daily.json",
        "tracker-20261201-100000-daily.json",
        "tracker-20261130-100000-daily.json",
    ]
    with Store.open(db, read_only=True) as store:
        assert store.backup_keep == 3


def test_restore_round_trip_and_undoing_the_restore(db: Path, clock: Clock) -> None:
    original = db.read_bytes()
    with Store.open(db) as store:
        set_remarks(store, "ฉบับแก้ไข")
        store.delete_plan(OTHER_ID)
    edited = db.read_bytes()
    [daily] = list_backups(db)
    clock.advance(minutes=5)

    chosen, safety = Store.restore(db, daily.name)
    assert chosen == daily and safety is not None
    assert safety.reason is BackupReason.RESTORE and safety.path.read_bytes() == edited
    with Store.open(db) as store:
        assert [i.plan_id for i in store.list_plans()] == [PLAN_ID, OTHER_ID]
        assert store.load_plan(PLAN_ID) == first_plan()
        [restore] = store.history()  # the restored file's history (none yet) and the restore
        assert (restore.action, restore.field, restore.old, restore.new) == (
            "restore", "file", safety.name, daily.name,
        )
        assert restore.user == this_user() and restore.at == clock.now.isoformat(timespec="seconds")
    assert json.loads(db.read_bytes())["plans"] == json.loads(original)["plans"]

    clock.advance(minutes=5)
    _, second_safety = Store.restore(db, safety.name)  # undo the restore
    assert second_safety is not None and second_safety.reason is BackupReason.RESTORE
    with Store.open(db) as store:
        assert [i.plan_id for i in store.list_plans()] == [PLAN_ID]
        assert store.load_plan(PLAN_ID).projects[0].remarks == "ฉบับแก้ไข"
        entries = [(c.action, c.field) for c in store.history()]
    assert entries == [("edit", "remarks"), ("delete", "plan"), ("restore", "file")]
    # The first restore is itself kept, so the undo can be undone as well.
    assert second_safety.path.read_bytes() != edited
    assert reasons(db) == ["daily", "before-restore", "before-restore"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db: Path) -> None:
    with Store.open(db) as store:
        set_remarks(store, "ฉบับปัจจุบัน")
    damaged = db.parent / "backups" / "tracker-20260101-120000-manual.json"
    damaged.write_bytes(db.read_bytes()[:100])  # cut short
    before = db.read_bytes()
    backups_before = list_backups(db)

    with pytest.raises(StoreError) as caught:
        Store.restore(db, damaged.name)
    message = str(caught.value)
    assert "\n" not in message and damaged.name in message and "cut short" in message
    assert db.read_bytes() == before
    assert list_backups(db) == backups_before  # not even the current file was backed up
    with Store.open(db) as store:
        assert [c.action for c in store.history()] == ["edit"]


def test_restore_is_refused_while_a_writer_is_open(db: Path) -> None:
    with Store.open(db) as store:
        set_remarks(store, "เปิดค้างไว้")
        [daily] = list_backups(db)
        before = db.read_bytes()
        with pytest.raises(StoreLocked):
            Store.restore(db, daily.name)
        assert db.read_bytes() == before and len(list_backups(db)) == 1


# --- history -----------------------------------------------------------------------------------------


def test_a_status_change_is_recorded_with_who_when_and_what(db: Path) -> None:
    started = datetime.now().astimezone().replace(microsecond=0)
    with Store.open(db) as store:
        plan = store.load_plan(PLAN_ID)
        project = plan.projects[2]
        project.results[Round.TWELVE] = RoundResult(Status.COMPLETED, "จัดเวทีแล้ว ๒ ครั้ง")
        returned = store.save_plan(plan)
        entries = store.history(PLAN_ID, project.uid)
        assert store.history(PLAN_ID, plan.projects[0].uid) == []
        assert store.history(OTHER_ID) == []
    assert returned == entries
    status = next(c for c in entries if c.field == "results.12.status")
    assert (status.old, status.new, status.action) == ("not_reported", "completed", "edit")
    assert status.user == this_user()
    assert (status.plan_id, status.project_uid, status.project_number) == (PLAN_ID, "p3", 3)
    assert status.project_name == "กิจกรรมรับฟังความคิดเห็นของประชาชน"
    when = datetime.fromisoformat(status.at)
    assert when.tzinfo is not None and started <= when <= datetime.now().astimezone()
    assert [(c.field, c.old, c.new) for c in entries if c is not status] == [
        ("results.12.result_text", "", "จัดเวทีแล้ว ๒ ครั้ง")
    ]


def test_saves_of_one_field_within_two_minutes_read_as_one_change(db: Path, clock: Clock) -> None:
    with Store.open(db) as store:
        set_remarks(store, "ก")
        clock.advance(seconds=60)
        set_remarks(store, "กข")
        clock.advance(seconds=60)
        set_remarks(store, "กขค")
        [entry] = store.history()
        assert (entry.old, entry.new) == ("", "กขค")
        assert entry.at == clock.now.isoformat(timespec="seconds")  # the time of the last save

        clock.advance(seconds=121)
        set_remarks(store, "กขคง")
        assert [(c.old, c.new) for c in store.history()] == [("", "กขค"), ("กขค", "กขคง")]


def test_typing_back_to_the_original_leaves_no_entry(db: Path, clock: Clock) -> None:
    with Store.open(db) as store:
        set_remarks(store, "พิมพ์ผิด")
        clock.advance(seconds=30)
        set_remarks(store, "")
        assert store.history() == []
        assert store.load_plan(PLAN_ID) == first_plan()


def test_coalescing_holds_when_a_save_changes_several_fields(db: Path, clock: Clock) -> None:
    # An autosave after a pause may carry edits of several fields; typing on in one of them is
    # still one change of it.
    with Store.open(db) as store:
        plan = store.load_plan(PLAN_ID)
        plan.projects[0].unit = "กอง"
        plan.projects[0].remarks = "ร่าง"
        store.save_plan(plan)
        for text in ("กองค", "กองคลัง"):
            clock.advance(seconds=20)
            plan.projects[0].unit = text
            store.save_plan(plan)
        entries = [(c.field, c.old, c.new) for c in store.history()]
    assert sorted(entries) == [("remarks", "", "ร่าง"), ("unit", "สำนักงานปลัด", "กองคลัง")]


def test_another_user_or_another_action_starts_a_new_entry(
    db: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db) as store:
        set_remarks(store, "ก")
        clock.advance(seconds=10)
        monkeypatch.setattr(store_module, "this_user", lambda: "somsri")
        set_remarks(store, "กข")
        clock.advance(seconds=10)
        plan = store.load_plan(PLAN_ID)
        plan.projects[0].remarks = "ก"
        store.save_plan(plan, action="undo")
        entries = [(c.user, c.action, c.old, c.new) for c in store.history()]
    assert entries == [
        (this_user(), "edit", "", "ก"),
        ("somsri", "edit", "ก", "กข"),
        ("somsri", "undo", "กข", "ก"),
    ]


def test_a_deleted_plan_is_recorded(db: Path) -> None:
    with Store.open(db) as store:
        store.delete_plan(OTHER_ID)
        [entry] = store.history(OTHER_ID)
        assert store.history(PLAN_ID) == []
    assert (entry.action, entry.field, entry.new, entry.user) == ("delete", "plan", None, this_user())
    assert entry.old == f"{ORGANIZATION} ปีงบประมาณ 2568"


# --- damaged files -----------------------------------------------------------------------------------


def save_on_two_days(db: Path, clock: Clock) -> Backup:
    """Two days of work: two daily backups; returns the newer."""
    with Store.open(db) as store:
        set_remarks(store, "วันแรก")
    clock.advance(days=1)
    with Store.open(db) as store:
        set_remarks(store, "วันที่สอง")
    return list_backups(db)[0]


def test_a_damaged_file_names_the_latest_backup_and_how_to_restore_it(db: Path, clock: Clock) -> None:
    latest = save_on_two_days(db, clock)
    damaged = db.read_bytes()[:-40]
    db.write_bytes(damaged)
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    message = str(caught.value)
    assert one_line_naming(message, db) and caught.value.restorable
    assert f"tracker restore {latest.name}" in message and "ไฟล์สำรองล่าสุด" in message
    assert db.read_bytes() == damaged

    Store.restore(db, latest.name)  # what the message says to do works
    assert stored(db).projects[0].remarks == "วันแรก"


def test_a_damaged_file_without_backups_says_there_are_none(db: Path) -> None:
    db.write_bytes(b"\x00" * 300)
    with pytest.raises(StoreError) as caught:
        Store.open(db, read_only=True)
    message = str(caught.value)
    assert one_line_naming(message, db)
    assert f"no backup in {db.parent / 'backups'}" in message and "tracker restore" not in message


def test_a_damaged_file_whose_backups_are_all_damaged_says_so(db: Path) -> None:
    folder = db.parent / "backups"
    folder.mkdir()
    (folder / "tracker-20260101-120000-daily.json").write_bytes(b"{")
    db.write_bytes(b"[]")
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    message = str(caught.value)
    assert one_line_naming(message, db)
    assert f"every backup in {folder} is damaged too" in message and "tracker restore" not in message


def test_a_file_damaged_while_open_names_the_latest_backup(db: Path, clock: Clock) -> None:
    latest = save_on_two_days(db, clock)
    store = Store.open(db)
    db.write_bytes(b'{"meta": {"1": {"app": "tra')  # another program cuts it short
    with pytest.raises(StoreError) as caught:
        store.load_plan(PLAN_ID)
    assert one_line_naming(str(caught.value), db)
    assert f"tracker restore {latest.name}" in str(caught.value)
    store.close()


def test_a_damaged_backup_is_never_the_one_suggested(db: Path, clock: Clock) -> None:
    # Saving over a damaged outside version keeps that version first (as before-overwrite), then
    # refuses: the backup to suggest is the last good one, not the copy of the damage.
    good = save_on_two_days(db, clock)
    store = Store.open(db)
    plan = store.load_plan(PLAN_ID)
    clock.advance(minutes=1)
    db.write_bytes(b'{"meta": {"1": {"app": "tra')
    plan.projects[0].remarks = "ของเรา"
    with pytest.raises(StoreError) as caught:
        store.save_plan(plan, force=True)
    store.close()
    assert db.read_bytes() == b'{"meta": {"1": {"app": "tra'
    assert reasons(db) == ["daily", "daily", "before-overwrite"]
    assert f"tracker restore {good.name}" in str(caught.value)
    with pytest.raises(StoreError) as opening:
        Store.open(db)
    assert f"tracker restore {good.name}" in str(opening.value)


# --- a full disk -------------------------------------------------------------------------------------


def no_room(*_args: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_full_disk_leaves_the_file_unchanged_and_the_store_usable(
    db: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    original = db.read_bytes()
    store = Store.open(db)
    plan = store.load_plan(PLAN_ID)
    plan.projects[2].results[Round.TWELVE] = RoundResult(Status.COMPLETED)
    with monkeypatch.context() as patched, pytest.raises(StoreError) as caught:
        patched.setattr(os, call, no_room)
        store.save_plan(plan)
    message = str(caught.value)
    assert one_line_naming(message, db)
    assert "the disk is full" in message and "the file is unchanged" in message
    assert "ดิสก์เต็ม" in message and "ไฟล์เดิมไม่ถูกเปลี่ยน" in message
    assert db.read_bytes() == original
    assert leftovers(db.parent) == [] and list_backups(db) == []
    assert any("daily backup failed" in w and "disk is full" in w for w in store.warnings)
    assert store.load_plan(PLAN_ID) == first_plan()  # nothing of the failed save is seen
    assert store.history() == []

    clock.advance(seconds=5)
    store.save_plan(plan)  # there is room again
    [status] = store.history()
    assert (status.field, status.old, status.new) == ("results.12.status", "not_reported", "completed")
    store.close()
    assert stored(db).projects[2].results[Round.TWELVE].status is Status.COMPLETED
    [daily] = list_backups(db)  # the day's backup, missed at the failed save, made now
    assert daily.path.read_bytes() == original


def test_a_writer_removes_temporary_files_left_by_killed_saves(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[thai_plan()]).close()
    left = [tmp_path / ".tracker.json.abc123.tmp", tmp_path / ".tracker.json.x.tmp"]
    for leftover in left:
        leftover.write_bytes(b'{"half": ')
    other = tmp_path / ".other.json.abc.tmp"  # another database's: not ours to remove
    other.write_bytes(b"")
    with Store.open(path, read_only=True):
        assert all(p.exists() for p in left)  # a reader holds no lock: it leaves them
    with Store.open(path):
        assert not any(p.exists() for p in left)
    assert other.exists()
