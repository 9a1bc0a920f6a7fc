"""The writer lock on real files, with real processes holding it, dying and letting go."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tracker.domain.thai import DigitStyle
from tracker.storage.lock import (
    UNKNOWN_HOLDER,
    Holder,
    LockHeld,
    LockUnavailable,
    WriterLock,
    current_holder,
    lock_path_for,
    this_host,
    this_user,
)

fcntl = pytest.importorskip("fcntl")

# Takes the lock, says "ready", holds it for argv[2] seconds, releases, says "released", then
# stays alive for argv[3] seconds (so that the release, not the exit, is what frees it).
CHILD = """
import sys, time
from tracker.storage.lock import WriterLock
lock = WriterLock.acquire(sys.argv[1], "tracker import")
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
lock.release()
print("released", flush=True)
time.sleep(float(sys.argv[3]))
"""

Spawn = Callable[..., subprocess.Popen[str]]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """Start a child holding the lock of ``db``; it is killed at the end of the test."""
    children: list[subprocess.Popen[str]] = []

    def start(db: Path, hold: float = 30.0, after: float = 30.0) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), str(hold), str(after)],
            stdout=subprocess.PIPE,
            text=True,
        )
        children.append(child)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def one_line_naming(message: str, db: Path) -> bool:
    return "\n" not in message and str(db) in message


# --- the lock file ---------------------------------------------------------------------------------


def test_lock_file_is_hidden_next_to_the_database_and_shared_through_links(tmp_path: Path) -> None:
    db = tmp_path / "data" / "tracker.json"
    assert lock_path_for(db) == tmp_path / "data" / ".tracker.json.lock"
    (tmp_path / "data").mkdir()
    db.write_text("{}")
    (tmp_path / "link.json").symlink_to(db)
    assert lock_path_for(tmp_path / "link.json") == lock_path_for(db)
    with WriterLock.acquire(db, "tracker app"), pytest.raises(LockHeld):
        WriterLock.acquire(tmp_path / "link.json", "tracker app")


def test_acquire_release_and_acquire_again(tmp_path: Path) -> None:
    db = tmp_path / "tracker.json"
    first = WriterLock.acquire(db, "tracker app")
    assert first.supported and first.taken_over is None and first.held
    assert first.holder.pid == os.getpid() and first.holder.program == "tracker app"
    assert Holder.from_bytes(first.lock_path.read_bytes()) == first.holder
    first.release()
    first.release()  # idempotent
    assert not first.held
    # The file stays (removing it would race with another opener) and is emptied.
    assert first.lock_path.read_bytes() == b""
    with WriterLock.acquire(str(db), "tracker import") as second:
        assert second.taken_over is None
        assert second.holder.program == "tracker import"
    assert current_holder(db) is None


def test_missing_folders_are_created_and_the_lock_gets_the_database_mode(tmp_path: Path) -> None:
    new = tmp_path / "a" / "b" / "tracker.json"
    with WriterLock.acquire(new, "tracker app") as held:
        assert stat.S_IMODE(os.stat(held.lock_path).st_mode) == 0o600
    shared = tmp_path / "shared.json"
    shared.write_text("{}")
    shared.chmod(0o664)
    with WriterLock.acquire(shared, "tracker app") as held:
        # Group-writable database: the group must be able to lock it too (never the execute bits).
        assert stat.S_IMODE(os.stat(held.lock_path).st_mode) == 0o664


# --- refusals --------------------------------------------------------------------------------------


def test_a_second_writer_in_this_process_is_refused_by_name(tmp_path: Path) -> None:
    db = tmp_path / "tracker.json"
    with WriterLock.acquire(db, "tracker app") as held:
        with pytest.raises(LockHeld) as caught:
            WriterLock.acquire(db, "tracker import")
        assert caught.value.holder == held.holder
        assert caught.value.path == db
        message = str(caught.value)
        assert one_line_naming(message, db)
        assert f"pid {os.getpid()}" in message and this_user() in message and "tracker app" in message
        assert "ฐานข้อมูลกำลังถูกแก้ไขโดย" in message and "the database is being edited by" in message
        # The refused attempt changed nothing.
        assert Holder.from_bytes(held.lock_path.read_bytes()) == held.holder


def test_a_child_holding_the_lock_keeps_the_parent_out(tmp_path: Path, spawn: Spawn) -> None:
    db = tmp_path / "tracker.json"
    child = spawn(db)
    with pytest.raises(LockHeld) as caught:
        WriterLock.acquire(db, "tracker app")
    holder = caught.value.holder
    assert holder is not None
    assert (holder.pid, holder.program, holder.host) == (child.pid, "tracker import", this_host())


def test_the_lock_of_a_killed_child_is_taken_over(tmp_path: Path, spawn: Spawn) -> None:
    db = tmp_path / "tracker.json"
    child = spawn(db)
    child.send_signal(signal.SIGKILL)
    child.wait()  # a zombie would still count as running
    assert current_holder(db) is None  # the kernel let go; only the entry was left behind
    with WriterLock.acquire(db, "tracker app") as held:
        assert held.taken_over is not None
        assert held.taken_over.pid == child.pid
        [notice] = held.notices()
        assert one_line_naming(notice, db) and f"pid {child.pid}" in notice
    assert current_holder(db) is None


def test_waiting_succeeds_once_the_holder_releases(tmp_path: Path, spawn: Spawn) -> None:
    db = tmp_path / "tracker.json"
    child = spawn(db, hold=0.3)
    started = time.monotonic()
    with WriterLock.acquire(db, "tracker app", wait=2) as held:
        assert 0.1 < time.monotonic() - started < 1.5
        assert held.taken_over is None  # released properly, not left behind
        assert child.poll() is None  # it was the release, not the end of the child
    assert child.stdout is not None and child.stdout.readline().strip() == "released"


def test_waiting_gives_up_at_the_deadline(tmp_path: Path, spawn: Spawn) -> None:
    db = tmp_path / "tracker.json"
    child = spawn(db)
    started = time.monotonic()
    with pytest.raises(LockHeld) as caught:
        WriterLock.acquire(db, "tracker app", wait=0.2)
    assert 0.2 <= time.monotonic() - started < 1.0
    assert caught.value.holder is not None and caught.value.holder.pid == child.pid


# --- damaged or foreign lock files -----------------------------------------------------------------

GARBAGE = [
    b"garbage",
    b"\xff\xfe\x00not utf-8",
    b"[1, 2]",
    b"{}",
    b'{"pid": 0, "user": "u", "host": "h", "since": "", "program": "p"}',
    b'{"pid": -1, "user": "u", "host": "h", "since": "", "program": "p"}',
    b'{"pid": true, "user": "u", "host": "h", "since": "", "program": "p"}',
    b'{"pid": 5, "user": 7, "host": "h", "since": "", "program": "p"}',
    b"[" * 3000,
    b"x" * 10000,
]


@pytest.mark.parametrize("content", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_in_the_lock_file_breaks_nothing(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "tracker.json"
    lock_path_for(db).write_bytes(content)
    assert Holder.from_bytes(content) is None
    assert current_holder(db) is None
    with WriterLock.acquire(db, "tracker app") as held:
        assert held.taken_over is None
        assert Holder.from_bytes(held.lock_path.read_bytes()) == held.holder


def test_a_lock_held_under_garbage_is_refused_as_unknown(tmp_path: Path) -> None:
    db = tmp_path / "tracker.json"
    path = lock_path_for(db)
    path.write_bytes(b"\x00garbage\n")
    with open(path, "rb") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)  # a holder that wrote no entry of ours
        with pytest.raises(LockHeld) as caught:
            WriterLock.acquire(db, "tracker app")
        assert caught.value.holder is None
        assert one_line_naming(str(caught.value), db) and "unknown holder" in str(caught.value)
        assert current_holder(db) == UNKNOWN_HOLDER


# --- who holds it ----------------------------------------------------------------------------------


def test_current_holder_names_the_holder_without_taking_the_lock(tmp_path: Path, spawn: Spawn) -> None:
    db = tmp_path / "tracker.json"
    assert current_holder(db) is None  # no lock file at all
    assert not lock_path_for(db).exists()  # and asking created none
    with WriterLock.acquire(db, "tracker app") as held:
        assert current_holder(db) == held.holder
        assert current_holder(db) == held.holder
        with pytest.raises(LockHeld):
            WriterLock.acquire(db, "tracker app")
    assert current_holder(db) is None

    child = spawn(db)
    holder = current_holder(db)
    assert holder is not None and holder.pid == child.pid
    with pytest.raises(LockHeld):
        WriterLock.acquire(db, "tracker app")


def test_current_holder_ignores_an_entry_left_by_a_dead_process(tmp_path: Path) -> None:
    db = tmp_path / "tracker.json"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left = Holder(int(gone.stdout), this_user(), this_host(), "2026-11-27T10:15:00+07:00", "tracker app")
    lock_path_for(db).write_bytes(left.to_bytes())
    assert current_holder(db) is None
    with WriterLock.acquire(db, "tracker app") as held:
        assert held.taken_over == left


# --- where locking is impossible -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_allows_only_read_only_use(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "tracker.json"
    db.write_text("{}")
    folder.chmod(0o555)
    try:
        with pytest.raises(LockUnavailable) as caught:
            WriterLock.acquire(db, "tracker app")
    finally:
        folder.chmod(0o755)
    message = str(caught.value)
    assert one_line_naming(message, db) and "read-only" in message and "อ่านอย่างเดียว" in message


def test_permission_denied_on_the_lock_file_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "tracker.json"

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tracker.storage.lock.os.open", refuse)
    with pytest.raises(LockUnavailable) as caught:
        WriterLock.acquire(db, "tracker app")
    assert caught.value.path == db and caught.value.errno == errno.EACCES
    message = str(caught.value)
    assert one_line_naming(message, db) and "permission denied" in message and "read-only" in message


def test_a_file_system_without_locks_is_granted_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "tracker.json"

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with WriterLock.acquire(db, "tracker app") as held:
        assert not held.supported
        [notice] = held.notices()
        assert one_line_naming(notice, db) and "cannot lock" in notice
        assert current_holder(db) == held.holder  # the entry is all there is: we are running
    assert lock_path_for(db).read_bytes() == b""


def test_the_lock_file_must_be_a_regular_file(tmp_path: Path) -> None:
    db = tmp_path / "tracker.json"
    lock_path_for(db).mkdir()
    with pytest.raises(LockUnavailable):
        WriterLock.acquire(db, "tracker app")
    assert current_holder(db) is None


# --- names and messages ----------------------------------------------------------------------------


def test_describe_in_thai_and_english() -> None:
    holder = Holder(1234, "somchai", "pc-1", "2026-11-27T10:15:42+07:00", "tracker app")
    assert holder.describe() == (
        "ผู้ใช้ somchai บนเครื่อง pc-1 (tracker app, pid 1234) ตั้งแต่ ๒๗ พ.ย. ๒๕๖๙ ๑๐:๑๕ น. "
        "(user somchai on pc-1, tracker app pid 1234, since 2026-11-27 10:15)"
    )
    assert "ตั้งแต่ 27 พ.ย. 2569 10:15 น." in holder.describe(DigitStyle.ARABIC)
    assert Holder.from_bytes(holder.to_bytes()) == holder
    assert json.loads(holder.to_bytes())["pid"] == 1234


def test_describe_stays_one_line_whatever_the_file_holds() -> None:
    odd = Holder(7, "som\nchai\x1b[31m", "x" * 500, "yesterday", "tracker\tapp")
    text = odd.describe()
    assert "\n" not in text and "\x1b" not in text and "\t" not in text
    assert "since yesterday" in text and len(text) < 400
    assert "unknown holder" in UNKNOWN_HOLDER.describe()


def test_own_entry_has_the_local_time_with_its_offset() -> None:
    mine = Holder.for_this_process("tracker app")
    assert mine.pid == os.getpid() and mine.user == this_user() and mine.host == this_host()
    assert mine.since[-6] in "+-" and len(mine.since) == len("2026-11-27T10:15:42+07:00")


def test_this_user_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise OSError("no user")

    monkeypatch.setattr("getpass.getuser", broken)
    assert this_user() == "unknown"
