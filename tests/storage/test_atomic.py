"""The atomic writer and the TinyDB storage built on it, on real files."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from tracker.storage import atomic
from tracker.storage.atomic import AtomicJSONStorage, write_atomic

THAI = {"t": {"1": {"name": "องค์การบริหารส่วนตำบลบางเตย", "budget": "50000.00"}}}


def leftovers(folder: Path) -> list[str]:
    """Temporary files the writer may have left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def fail_with_enospc(*_args: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_thai_is_written_literally(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    AtomicJSONStorage(target).write(THAI)
    raw = target.read_bytes()
    assert "องค์การบริหารส่วนตำบลบางเตย".encode() in raw
    assert b"\\u0e" not in raw
    assert json.loads(raw.decode("utf-8")) == THAI


def test_new_file_is_private_and_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    write_atomic(target, b"{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o640)
    write_atomic(target, b'{"a": {}}')
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b'{"a": {}}'
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("step", ["write", "fsync", "replace", "close"])
def test_failure_before_the_rename_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "db.json"
    target.write_bytes(b'{"old": {}}')
    real_close = os.close

    def close_then_fail(fd: int) -> None:
        real_close(fd)
        fail_with_enospc()

    replacement = close_then_fail if step == "close" else fail_with_enospc
    monkeypatch.setattr(os, step, replacement)
    with pytest.raises(OSError) as caught:
        write_atomic(target, b'{"new": {}}')
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b'{"old": {}}'
    assert leftovers(tmp_path) == []


def test_folder_flush_failure_is_reported_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "db.json"
    target.write_bytes(b"{}")
    real_fsync = os.fsync

    def fsync_files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_files_only)
    with pytest.raises(atomic.NotDurableError):
        write_atomic(target, b'{"new": {}}')
    assert target.read_bytes() == b'{"new": {}}'
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    target.write_bytes(b"{}")
    target.chmod(0o444)
    with pytest.raises(PermissionError):
        write_atomic(target, b'{"new": {}}')
    assert target.read_bytes() == b"{}"


def test_storage_creates_nothing_until_written(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    storage = AtomicJSONStorage(target)
    assert not target.exists()
    with pytest.raises(FileNotFoundError):
        storage.read()


def test_storage_sees_a_change_made_by_another_program(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    storage = AtomicJSONStorage(target)
    storage.write({"t": {"1": {"n": 1}}})
    assert storage.read() == {"t": {"1": {"n": 1}}}
    other = tmp_path / "other.json"
    other.write_text('{"t": {"1": {"n": 22}}}', encoding="utf-8")
    os.replace(other, target)
    assert storage.read() == {"t": {"1": {"n": 22}}}


def test_unchanged_file_is_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "db.json"
    storage = AtomicJSONStorage(target)
    storage.write(THAI)
    calls: list[bytes] = []
    real_decode = atomic.decode_json

    def counting_decode(raw: bytes) -> Any:
        calls.append(raw)
        return real_decode(raw)

    monkeypatch.setattr(atomic, "decode_json", counting_decode)
    assert storage.read() == THAI
    assert storage.read() == THAI
    assert calls == []  # the data written is the data cached
    storage.invalidate()
    assert storage.read() == THAI
    assert len(calls) == 1


def test_failed_write_drops_the_edits_tinydb_made_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "db.json"
    target.write_text("{}", encoding="utf-8")  # the storage never invents an empty database
    db = TinyDB(target, storage=AtomicJSONStorage)
    db.table("t").insert({"n": 1})
    before = target.read_bytes()
    monkeypatch.setattr(os, "replace", fail_with_enospc)
    with pytest.raises(OSError):
        db.table("t").update({"n": 2})
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert [dict(d) for d in db.table("t").all()] == [{"n": 1}]
    assert leftovers(tmp_path) == []


def _refused(times: int) -> tuple[list[str], Any]:
    """An ``os.replace`` that Windows refuses ``times`` times (a reader holds the file), then does."""
    calls: list[str] = []
    real = os.replace

    def replace(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) <= times:
            raise PermissionError(13, "The process cannot access the file because it is being used", dst)
        real(src, dst)

    return calls, replace


def test_on_windows_a_save_waits_for_a_reader_that_holds_the_file_a_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "tracker.json"
    target.write_bytes(b"old")
    calls, replace = _refused(3)
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(calls) == 4
    assert leftovers(tmp_path) == []


def test_on_windows_a_file_held_for_good_fails_the_save_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    target = tmp_path / "tracker.json"
    target.write_bytes(b"old")
    calls, replace = _refused(10_000)
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(time, "sleep", lambda _s: None)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new")
    assert len(calls) == atomic.REPLACE_TRIES
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_elsewhere_a_refused_rename_is_not_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tracker.json"
    target.write_bytes(b"old")
    calls, replace = _refused(1)
    monkeypatch.setattr(atomic, "_WINDOWS", False)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        write_atomic(target, b"new")
    assert len(calls) == 1
    assert target.read_bytes() == b"old"
