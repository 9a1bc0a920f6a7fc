"""The store on real files: round trips, several plans, creation, and saves that fail."""

from __future__ import annotations

import errno
import json
import os
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.model import Round, plan_to_dict
from tracker.storage.store import SCHEMA_VERSION, PlanInfo, Store, StoreError

from .plans import ORGANIZATION, thai_plan


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_round_trip_keeps_thai_text_and_amounts(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    plan = thai_plan()
    with Store.open(path) as store:
        store.save_plan(plan)
    with Store.open(path) as store:
        loaded = store.load_plan(plan.plan_id)
    assert loaded == plan
    assert plan_to_dict(loaded) == plan_to_dict(plan)
    budgets = [p.budget for p in loaded.projects]
    assert budgets == [Decimal("50000.00"), None, Decimal("0.00")]
    assert budgets[1] is None and budgets[2] is not None  # ไม่ใช้งบประมาณ is not 0.00
    assert loaded.projects[0].results[Round.TWELVE].disbursed == Decimal("48250.50")


def test_file_holds_thai_literally(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path, initial_plans=[thai_plan()]):
        pass
    raw = path.read_bytes()
    assert ORGANIZATION.encode("utf-8") in raw
    assert "ไม่ได้รับงบประมาณ".encode() in raw
    assert b"\\u0e" not in raw


def test_new_database_records_app_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path) as store:
        assert store.created
        assert store.schema_version == SCHEMA_VERSION
        assert store.list_plans() == []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"] == {"1": {"app": "tracker", "schema_version": SCHEMA_VERSION}}
    with Store.open(path) as store:
        assert not store.created


def test_initial_plans_only_go_into_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path, initial_plans=[thai_plan()]) as store:
        assert [i.plan_id for i in store.list_plans()] == ["บางเตย-2567"]
    with Store.open(path, initial_plans=[thai_plan("other-2568", 2568)]) as store:
        assert not store.created
        assert [i.plan_id for i in store.list_plans()] == ["บางเตย-2567"]


def test_several_plans_replace_and_delete(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path) as store:
        store.save_plan(thai_plan("a-2566", 2566))
        store.save_plan(thai_plan("b-2567", 2567))
        store.save_plan(thai_plan("c-2568", 2568))
        changed = thai_plan("b-2567", 2567)
        changed.projects = changed.projects[:1]
        changed.narrative = {"background": "แก้ไขแล้ว"}
        store.save_plan(changed)
        assert store.list_plans() == [
            PlanInfo("a-2566", ORGANIZATION, 2566, 3),
            PlanInfo("b-2567", ORGANIZATION, 2567, 1),
            PlanInfo("c-2568", ORGANIZATION, 2568, 3),
        ]
        store.delete_plan("a-2566")
        store.delete_plan("no-such-plan")  # nothing to do, no error
    with Store.open(path) as store:
        assert [i.plan_id for i in store.list_plans()] == ["b-2567", "c-2568"]
        assert store.load_plan("b-2567") == changed
        with pytest.raises(StoreError, match="a-2566"):
            store.load_plan("a-2566")


def test_saved_plan_replaces_the_stored_document_whole(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path, initial_plans=[thai_plan()]):
        pass
    # A field some other version wrote; a save must not keep it (TinyDB's update would merge).
    data = json.loads(path.read_text(encoding="utf-8"))
    data["plans"]["1"]["left_over"] = "x"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with Store.open(path) as store:
        store.save_plan(thai_plan())
    assert "left_over" not in json.loads(path.read_text(encoding="utf-8"))["plans"]["1"]


def test_missing_plan_is_a_one_line_store_error(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path) as store, pytest.raises(StoreError) as caught:
        store.load_plan("ไม่มี-2567")
    message = str(caught.value)
    assert str(path) in message and "ไม่มี-2567" in message and "\n" not in message


def test_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path) as store:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        path.chmod(0o640)
        store.save_plan(thai_plan())
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    with Store.open(path) as store:
        store.delete_plan(thai_plan().plan_id)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    with Store.open(path, initial_plans=[thai_plan()]) as store:
        for year in range(2560, 2570):
            store.save_plan(thai_plan(f"p-{year}", year))
        store.delete_plan("p-2560")
    assert leftovers(tmp_path) == []
    # Besides the database: its writer lock's file (kept, empty once released) and the day's backup.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tracker.json.lock", "backups", "tracker.json"]
    assert [b.name.endswith("-daily.json") for b in (tmp_path / "backups").iterdir()] == [True]
    assert (tmp_path / ".tracker.json.lock").read_bytes() == b""


def test_parent_folders_of_a_new_database_are_created(tmp_path: Path) -> None:
    path = tmp_path / "ข้อมูล" / "ปี 2567" / "tracker.json"
    with Store.open(path) as store:
        assert store.created
    assert path.is_file()


def test_a_link_to_the_database_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    with Store.open(real):
        pass
    link.symlink_to(real)
    with Store.open(link) as store:
        store.save_plan(thai_plan())
    assert link.is_symlink()
    with Store.open(real) as store:
        assert store.load_plan(thai_plan().plan_id) == thai_plan()


def fail_with_enospc(*_args: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("step", ["fsync", "replace", "write"])
def test_disk_full_during_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    path = tmp_path / "tracker.json"
    store = Store.open(path, initial_plans=[thai_plan()])
    before = path.read_bytes()
    changed = thai_plan()
    changed.organization = "เปลี่ยนชื่อแล้ว"
    monkeypatch.setattr(os, step, fail_with_enospc)
    with pytest.raises(StoreError) as caught:
        store.save_plan(changed)
    with pytest.raises(StoreError):
        store.save_plan(thai_plan("new-2570", 2570))  # an insert fails the same way
    with pytest.raises(StoreError):
        store.delete_plan(thai_plan().plan_id)
    monkeypatch.undo()
    message = str(caught.value)
    assert str(path) in message and "disk is full" in message and "ดิสก์เต็ม" in message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    # The store itself is not confused by the edits TinyDB made in memory before the failure.
    assert store.load_plan(thai_plan().plan_id) == thai_plan()
    assert [i.plan_id for i in store.list_plans()] == [thai_plan().plan_id]
    store.save_plan(changed)  # and works again once there is room
    store.close()
    with Store.open(path) as reopened:
        assert reopened.load_plan(thai_plan().plan_id).organization == "เปลี่ยนชื่อแล้ว"


def test_creation_that_fails_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.json"
    monkeypatch.setattr(os, "fsync", fail_with_enospc)
    with pytest.raises(StoreError, match="disk is full"):
        Store.open(path, initial_plans=[thai_plan()])
    assert [p.name for p in tmp_path.iterdir()] == [".tracker.json.lock"]  # the lock's file, empty
    assert (tmp_path / ".tracker.json.lock").read_bytes() == b""


def test_text_that_utf8_cannot_hold_is_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    store = Store.open(path, initial_plans=[thai_plan()])
    before = path.read_bytes()
    broken = thai_plan()
    broken.organization = "บางเตย\udcff"  # a lone surrogate, e.g. from a badly decoded file name
    with pytest.raises(StoreError, match="UTF-8"):
        store.save_plan(broken)
    assert path.read_bytes() == before
    assert store.load_plan(broken.plan_id) == thai_plan()


def test_read_only_database_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.json"
    store = Store.open(path, initial_plans=[thai_plan()])
    before = path.read_bytes()
    path.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: pretend to be an ordinary user
        monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(StoreError, match="permission denied"):
        store.save_plan(thai_plan("x-2570", 2570))
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "tracker.json")
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.list_plans()


def test_file_damaged_by_another_program_after_opening_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    store = Store.open(path, initial_plans=[thai_plan()])
    path.write_bytes(b'{"meta": {"1": {"app": "tra')  # another program cuts it short
    with pytest.raises(StoreError) as caught:
        store.list_plans()
    assert str(path) in str(caught.value) and "damaged" in str(caught.value)
    with pytest.raises(StoreError):
        store.save_plan(thai_plan("x-2570", 2570))
    assert path.read_bytes() == b'{"meta": {"1": {"app": "tra'


def test_file_removed_after_opening_is_not_recreated_empty(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    store = Store.open(path, initial_plans=[thai_plan()])
    path.unlink()
    with pytest.raises(StoreError, match="disappeared"):
        store.save_plan(thai_plan("x-2570", 2570))
    assert not path.exists()


def test_save_that_cannot_be_confirmed_on_disk_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tracker.json"
    store = Store.open(path)
    real_fsync = os.fsync

    def fsync_files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_files_only)
    with pytest.raises(StoreError, match="not confirmed on disk"):
        store.save_plan(thai_plan())
    monkeypatch.undo()
    assert store.load_plan(thai_plan().plan_id) == thai_plan()  # the rename itself did happen
