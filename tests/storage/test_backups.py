"""File-level backups of the database, on real files in a temporary folder."""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.domain.thai import DigitStyle
from tracker.storage.backups import (
    BACKUP_DIR_NAME,
    Backup,
    BackupError,
    BackupReason,
    backup_dir,
    daily_backup_if_due,
    describe,
    find_backup,
    latest_backup,
    list_backups,
    make_backup,
    prune,
)

CONTENT = '{"meta": {"1": {"app": "tracker", "schema_version": 1}}, "plans": {"1": {"organization": "อบต.บางเตย"}}}\n'.encode()
NOW = datetime(2026, 11, 27, 10, 15, 30)  # naive: local time


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    path.write_bytes(CONTENT)
    return path


def names(backups: list[Backup]) -> list[str]:
    return [b.name for b in backups]


def one_line(message: str) -> bool:
    return "\n" not in message and message == message.strip()


@pytest.fixture
def bangkok_time() -> Iterator[None]:
    """Local time is UTC+7 (a POSIX TZ string: no time zone database needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "ICT-7"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


# --- making a backup -------------------------------------------------------------------------------


def test_backup_is_a_copy_named_for_the_db_time_and_reason(db: Path) -> None:
    backup = make_backup(db, BackupReason.MANUAL, now=NOW)
    assert backup.path == db.parent / "backups" / "tracker-20261127-101530-manual.json"
    assert backup.name == "tracker-20261127-101530-manual.json"
    assert backup.path.read_bytes() == CONTENT
    assert backup.size == len(CONTENT)
    assert backup.reason is BackupReason.MANUAL
    assert backup.created.replace(tzinfo=None) == NOW
    assert backup.created.tzinfo is not None
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert db.read_bytes() == CONTENT  # the database is untouched
    assert list_backups(db) == [backup]


def test_backup_dir_is_next_to_the_db(tmp_path: Path) -> None:
    assert backup_dir(tmp_path / "data" / "tracker.json") == tmp_path / "data" / BACKUP_DIR_NAME


def test_raw_bytes_are_kept_instead_of_the_file(db: Path) -> None:
    backup = make_backup(db, BackupReason.OVERWRITE, now=NOW, raw=b'{"old": {}}\n')
    assert backup.path.read_bytes() == b'{"old": {}}\n'
    assert backup.size == len(b'{"old": {}}\n')
    assert backup.name == "tracker-20261127-101530-before-overwrite.json"


def test_raw_needs_no_db_file(tmp_path: Path) -> None:
    backup = make_backup(tmp_path / "gone.json", BackupReason.RESTORE, now=NOW, raw=b"{}")
    assert backup.name == "gone-20261127-101530-before-restore.json"


def test_backups_in_one_second_get_distinct_names_in_order(db: Path) -> None:
    first = make_backup(db, BackupReason.MANUAL, now=NOW)
    second = make_backup(db, BackupReason.MANUAL, now=NOW.replace(microsecond=900_000))
    third = make_backup(db, BackupReason.DAILY, now=NOW)
    assert first.name == "tracker-20261127-101530-manual.json"
    assert second.name == "tracker-20261127-101530-manual-2.json"
    # The number counts the second's backups whatever their reason, so the order stays known.
    assert third.name == "tracker-20261127-101530-daily-3.json"
    assert list_backups(db) == [third, second, first]


def test_aware_now_is_written_in_local_time(db: Path, bangkok_time: None) -> None:
    backup = make_backup(db, BackupReason.MANUAL, now=datetime(2026, 11, 27, 3, 15, 30, tzinfo=UTC))
    assert backup.name == "tracker-20261127-101530-manual.json"
    assert backup.created.utcoffset() == timedelta(hours=7)
    assert list_backups(db)[0].created == backup.created


def test_symlinked_db_is_backed_up_next_to_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real" / "plans.json"
    real.parent.mkdir()
    real.write_bytes(CONTENT)
    link = tmp_path / "tracker.json"
    link.symlink_to(real)
    assert backup_dir(link) == real.parent / "backups"
    backup = make_backup(link, BackupReason.MANUAL, now=NOW)
    assert backup.path == real.parent / "backups" / "plans-20261127-101530-manual.json"
    assert list_backups(link) == list_backups(real) == [backup]


def test_missing_db_without_raw_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "tracker.json"
    with pytest.raises(BackupError) as caught:
        make_backup(missing, BackupReason.MANUAL, now=NOW)
    message = str(caught.value)
    assert message.startswith(f"{missing}: ")
    assert "there is no database file" in message and one_line(message)
    assert not (tmp_path / "backups").exists()


def test_backups_name_taken_by_a_file_is_an_error(db: Path) -> None:
    (db.parent / "backups").write_text("not a folder")
    with pytest.raises(BackupError, match="a file has this name"):
        make_backup(db, BackupReason.MANUAL, now=NOW)


def test_full_disk_is_reported_and_leaves_no_temporary_file(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(BackupError) as caught:
        make_backup(db, BackupReason.DAILY, now=NOW)
    monkeypatch.undo()
    message = str(caught.value)
    assert one_line(message)
    assert message.startswith(str(db.parent / "backups" / "tracker-20261127-101530-daily.json"))
    assert "ดิสก์เต็ม" in message and "the disk is full" in message
    assert os.listdir(db.parent / "backups") == []
    assert db.read_bytes() == CONTENT


def test_permission_denied_is_reported(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(BackupError) as caught:
        make_backup(db, BackupReason.MANUAL, now=NOW)
    monkeypatch.undo()
    message = str(caught.value)
    assert one_line(message)
    assert "ไม่มีสิทธิ์" in message and "permission denied" in message
    assert os.listdir(db.parent / "backups") == []


# --- listing ---------------------------------------------------------------------------------------


def test_list_is_newest_first_and_ignores_other_files(db: Path) -> None:
    folder = db.parent / "backups"
    folder.mkdir()
    ours = [
        "tracker-20261126-235959-daily.json",
        "tracker-20261127-101500-before-migration.json",
        "tracker-20261127-101500-manual-2.json",
        "tracker-20251231-080000-before-restore.json",
    ]
    foreign = [
        "notes.txt",
        "other-20261127-101500-daily.json",  # another database's backup
        "tracker-old-20261127-101500-daily.json",  # and another's, whose stem starts like ours
        "tracker-20261127-101500-weekly.json",  # no such reason
        "tracker-20261399-101500-daily.json",  # no such date
        "tracker-20261127-101500-daily.json.bak",
        ".tracker-20261127-101500-daily.json.abc123.tmp",  # a copy cut short
    ]
    for name in ours + foreign:
        (folder / name).write_bytes(b"{}")
    (folder / "tracker-20300101-000000-daily.json").mkdir()  # not a file
    assert names(list_backups(db)) == [
        "tracker-20261127-101500-manual-2.json",
        "tracker-20261127-101500-before-migration.json",
        "tracker-20261126-235959-daily.json",
        "tracker-20251231-080000-before-restore.json",
    ]
    assert names(list_backups(db.parent / "other.json")) == ["other-20261127-101500-daily.json"]
    newest = latest_backup(db)
    assert newest is not None and newest.name == "tracker-20261127-101500-manual-2.json"
    assert newest.reason is BackupReason.MANUAL
    assert newest.created.replace(tzinfo=None) == datetime(2026, 11, 27, 10, 15)
    assert newest.size == 2


def test_no_backup_folder_means_no_backups(db: Path) -> None:
    assert list_backups(db) == []
    assert latest_backup(db) is None


# --- the daily backup ------------------------------------------------------------------------------


def test_daily_backup_once_a_day(db: Path) -> None:
    first = daily_backup_if_due(db, now=NOW)
    assert first is not None
    assert first.reason is BackupReason.DAILY
    assert first.name == "tracker-20261127-101530-daily.json"
    assert daily_backup_if_due(db, now=NOW.replace(hour=23, minute=59)) is None
    next_day = daily_backup_if_due(db, now=datetime(2026, 11, 28, 0, 0, 1))
    assert next_day is not None and next_day.name == "tracker-20261128-000001-daily.json"
    assert names(list_backups(db)) == [next_day.name, first.name]


def test_any_backup_of_the_day_counts(db: Path) -> None:
    make_backup(db, BackupReason.MANUAL, now=NOW)
    assert daily_backup_if_due(db, now=NOW.replace(hour=18)) is None
    # Another database's backup today does not count for this one.
    other = db.parent / "other.json"
    other.write_bytes(CONTENT)
    assert daily_backup_if_due(other, now=NOW) is not None


def test_daily_backup_uses_the_clock_by_default(db: Path) -> None:
    before = datetime.now()
    backup = daily_backup_if_due(db)
    after = datetime.now()
    assert backup is not None
    assert before.replace(microsecond=0) <= backup.created.replace(tzinfo=None) <= after
    if after.date() == datetime.now().date():  # not run across midnight
        assert daily_backup_if_due(db) is None


def test_no_db_file_no_daily_backup(tmp_path: Path) -> None:
    assert daily_backup_if_due(tmp_path / "tracker.json", now=NOW) is None
    assert not (tmp_path / "backups").exists()


# --- pruning ---------------------------------------------------------------------------------------


def test_prune_keeps_the_newest(db: Path) -> None:
    made = [make_backup(db, BackupReason.DAILY, now=NOW + timedelta(days=d)) for d in range(5)]
    notes = db.parent / "backups" / "notes.txt"
    notes.write_text("keep me")
    removed = prune(db, 2)
    assert sorted(removed) == sorted(b.path for b in made[:3])
    assert not any(p.exists() for p in removed)
    assert list_backups(db) == [made[4], made[3]]
    assert notes.exists()
    assert prune(db, 2) == []
    assert prune(db, 30) == []


def test_prune_refuses_keeping_none(db: Path) -> None:
    make_backup(db, BackupReason.DAILY, now=NOW)
    with pytest.raises(ValueError):
        prune(db, 0)
    assert len(list_backups(db)) == 1


def test_prune_skips_a_file_it_cannot_remove(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = [make_backup(db, BackupReason.DAILY, now=NOW + timedelta(days=d)) for d in range(4)]
    stuck = made[0].path
    real_unlink = os.unlink

    def unlink(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(path) == stuck:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        real_unlink(path)

    monkeypatch.setattr(os, "unlink", unlink)
    removed = prune(db, 1)
    monkeypatch.undo()
    assert sorted(removed) == sorted([made[1].path, made[2].path])
    assert stuck.exists()
    assert list_backups(db) == [made[3], made[0]]


# --- finding ---------------------------------------------------------------------------------------


def test_find_by_listed_name(db: Path) -> None:
    backup = make_backup(db, BackupReason.MANUAL, now=NOW)
    make_backup(db, BackupReason.DAILY, now=NOW + timedelta(days=1))
    assert find_backup(db, "tracker-20261127-101530-manual.json") == backup


def test_find_by_absolute_and_relative_path(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = make_backup(db, BackupReason.MANUAL, now=NOW)
    assert find_backup(db, str(backup.path)) == backup
    monkeypatch.chdir(tmp_path)
    assert find_backup(db, "backups/tracker-20261127-101530-manual.json") == backup
    # A copy elsewhere, even of another database, keeps its time and reason in its name.
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    copy = elsewhere / "old-20250101-090000-before-migration.json"
    copy.write_bytes(CONTENT)
    found = find_backup(db, "usb/old-20250101-090000-before-migration.json")
    assert found.path == copy
    assert found.reason is BackupReason.MIGRATION
    assert found.created.replace(tzinfo=None) == datetime(2025, 1, 1, 9, 0)
    assert found.size == len(CONTENT)
    monkeypatch.chdir(elsewhere)
    assert find_backup(db, copy.name).path == copy  # a bare name in the current folder


def test_unknown_backup_is_one_line_naming_it(db: Path) -> None:
    make_backup(db, BackupReason.MANUAL, now=NOW)
    with pytest.raises(BackupError) as caught:
        find_backup(db, "tracker-20200101-000000-daily.json")
    message = str(caught.value)
    assert one_line(message)
    assert message.startswith("tracker-20200101-000000-daily.json: ")
    assert "ไม่พบไฟล์สำรอง" in message and "no such backup" in message
    assert "manual" not in message  # the existing backups are not listed


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "no backup named"),
        ("missing/tracker-20261127-101530-manual.json", "no such backup file"),
        ("tracker.json", "not a backup's file name"),  # the database itself
        ("backups", "not a regular file"),
    ],
)
def test_find_refuses_what_is_no_backup(
    db: Path, monkeypatch: pytest.MonkeyPatch, name: str, problem: str
) -> None:
    make_backup(db, BackupReason.MANUAL, now=NOW)
    monkeypatch.chdir(db.parent)
    with pytest.raises(BackupError) as caught:
        find_backup(db, name)
    assert problem in str(caught.value) and one_line(str(caught.value))


# --- showing ---------------------------------------------------------------------------------------


def test_labels_are_thai() -> None:
    assert BackupReason.DAILY.label == "สำรองประจำวัน"
    assert BackupReason.MIGRATION.label == "ก่อนปรับรุ่นไฟล์"
    assert BackupReason.RESTORE.label == "ก่อนกู้คืน"
    assert BackupReason.OVERWRITE.label == "ก่อนบันทึกทับการเปลี่ยนแปลงจากภายนอก"
    assert BackupReason.MANUAL.label == "สำรองด้วยตนเอง"


def test_describe_in_thai_digits_by_default(db: Path) -> None:
    backup = make_backup(db, BackupReason.DAILY, now=datetime(2026, 11, 27, 10, 15, 59))
    expected_size = f"{len(CONTENT)}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert describe(backup) == f"๒๗ พ.ย. ๒๕๖๙ ๑๐:๑๕ · สำรองประจำวัน · {expected_size} ไบต์"


def test_describe_in_arabic_digits_and_sizes(tmp_path: Path) -> None:
    created = datetime(2027, 1, 5, 7, 3).astimezone()
    small = Backup(tmp_path / "x.json", created, BackupReason.MANUAL, 48_230)
    assert describe(small, DigitStyle.ARABIC) == "5 ม.ค. 2570 07:03 · สำรองด้วยตนเอง · 47.1 กิโลไบต์"
    large = Backup(tmp_path / "x.json", created, BackupReason.RESTORE, 3 * 1024 * 1024)
    assert describe(large, DigitStyle.ARABIC).endswith("ก่อนกู้คืน · 3.0 เมกะไบต์")
