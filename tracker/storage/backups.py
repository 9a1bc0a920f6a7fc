"""File-level backups of the database, kept in a ``backups/`` folder next to it.

A backup is a byte-for-byte copy of the database file (for ``data/tracker.json`` it goes into
``data/backups/``), named ``<stem>-YYYYMMDD-HHMMSS-<reason>.json``, for example
``tracker-20261127-101530-daily.json``. The time in the name is local time and is the backup's
only record of when it was made: a name survives copying, a modification time does not. Two
backups of one database made in the same second get ``-2``, ``-3``... before ``.json``; the number
counts that second's backups whatever their reason, so that the order of backups is always known.

Only files named for this database's stem are its backups; anything else in the folder (notes,
another database's backups, the hidden temporary files of a copy cut short) is ignored and never
removed. A symbolic link to the database is followed first: backups go next to the file it points
to and are named after that file.

Every copy is written with :func:`~tracker.storage.atomic.write_atomic`, so a crash or a full disk
leaves no partial backup under a backup's name; a new backup gets mode ``0o600``, and a new
``backups/`` folder ``0o700`` (less whatever the umask removes). This module only copies, lists and
removes files; checking a backup and putting it back in place (restoring) is the store's work.

Not a lock: two programs backing up the same database in the same second may pick the same name,
and the copy renamed into place last wins (both copy the same file, so little is lost).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from tracker.domain.thai import MONTHS_SHORT, DigitStyle, ce_to_be, with_digits
from tracker.storage.atomic import NotDurableError, write_atomic

BACKUP_DIR_NAME = "backups"
DEFAULT_KEEP = 30
"""How many backups of a database a caller of :func:`prune` keeps unless told otherwise."""

_STAMP_FORMAT = "%Y%m%d-%H%M%S"


class BackupReason(StrEnum):
    """Why a backup was made; the value is written into its file name."""

    DAILY = "daily"
    MIGRATION = "before-migration"
    RESTORE = "before-restore"
    OVERWRITE = "before-overwrite"
    REPLACE = "before-replace"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        """The reason in Thai, as lists show it."""
        return _LABELS[self]


_LABELS: dict[BackupReason, str] = {
    BackupReason.DAILY: "สำรองประจำวัน",
    BackupReason.MIGRATION: "ก่อนปรับรุ่นไฟล์",
    BackupReason.RESTORE: "ก่อนกู้คืน",
    BackupReason.OVERWRITE: "ก่อนบันทึกทับการเปลี่ยนแปลงจากภายนอก",
    BackupReason.REPLACE: "ก่อนแทนที่แผนด้วยรายงานที่นำเข้า",
    BackupReason.MANUAL: "สำรองด้วยตนเอง",
}


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file; ``created`` (local time, aware) and ``reason`` are read from its name."""

    path: Path
    created: datetime
    reason: BackupReason
    size: int

    @property
    def name(self) -> str:
        """The file name, as lists show it and :func:`find_backup` accepts it."""
        return self.path.name


class BackupError(Exception):
    """A backup cannot be made, listed or found; one line naming the path, in Thai and English."""


# --- names -----------------------------------------------------------------------------------------

_REASONS = "|".join(re.escape(r.value) for r in BackupReason)
# The stem is greedy: the rest of a name is anchored at its end and reads only one way, so a stem
# that itself looks like a backup name ("a-20261127-101500-daily") is still told apart.
_NAME_RE = re.compile(rf"(.+)-(\d{{8}}-\d{{6}})-({_REASONS})(?:-([1-9]\d{{0,5}}))?\.json")


class _Name(NamedTuple):
    stem: str
    stamp: datetime  # naive, local wall time, whole seconds
    reason: BackupReason
    seq: int  # 1 for a name without a number


def _parse_name(name: str) -> _Name | None:
    """What a backup's file name says, or None if it is not a backup's name (or names no real time)."""
    match = _NAME_RE.fullmatch(name)
    if match is None:
        return None
    try:
        stamp = datetime.strptime(match[2], _STAMP_FORMAT)
    except ValueError:  # "20261399-..." has the shape but is no date
        return None
    return _Name(match[1], stamp, BackupReason(match[3]), int(match[4] or 1))


def _file_name(stem: str, stamp: datetime, reason: BackupReason, seq: int) -> str:
    number = f"-{seq}" if seq > 1 else ""
    return f"{stem}-{stamp.strftime(_STAMP_FORMAT)}-{reason.value}{number}.json"


def _aware(stamp: datetime) -> datetime:
    """A naive local wall time as an aware datetime, with the local offset in force at that time."""
    try:
        return stamp.astimezone()
    except (OverflowError, OSError, ValueError):  # a year the platform's clock functions refuse
        return stamp.replace(tzinfo=datetime.now().astimezone().tzinfo)


def _local_stamp(now: datetime | None) -> datetime:
    """``now`` (naive means local; aware is converted) as a naive local time in whole seconds."""
    moment = datetime.now() if now is None else now
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


# --- messages --------------------------------------------------------------------------------------


def _shown(path: Path | str) -> str:
    """The path as it goes into a one-line message (control characters escaped)."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _error(path: Path | str, thai: str, english: str) -> BackupError:
    """A BackupError in the house format of the store's messages: path, Thai, (English)."""
    return BackupError(f"{_shown(path)}: {thai} ({english})")


def _os_error(path: Path | str, thai_action: str, english_action: str, exc: OSError) -> BackupError:
    """An OSError met while working on ``path``, said in words a user can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        thai, english = "ดิสก์เต็ม", "the disk is full"
    elif isinstance(exc, PermissionError):
        thai, english = "ไม่มีสิทธิ์เข้าถึงไฟล์หรือโฟลเดอร์", "permission denied"
    elif exc.errno == errno.EROFS:
        thai, english = "ดิสก์นี้เขียนไม่ได้ อ่านได้อย่างเดียว", "the file system is read-only"
    elif isinstance(exc, FileNotFoundError):
        thai, english = "ไฟล์หรือโฟลเดอร์หายไป", "the file or its folder has disappeared"
    else:
        thai = english = " ".join((exc.strerror or str(exc)).split())
    return _error(path, f"{thai_action}ไม่สำเร็จ: {thai}", f"could not {english_action}: {english}")


# --- where backups are -------------------------------------------------------------------------------


def _resolved(db_path: Path | str) -> Path:
    """The database file itself: symbolic links followed, made absolute."""
    return Path(os.path.realpath(db_path))


def backup_dir(db_path: Path | str) -> Path:
    """The folder holding the backups of the database at ``db_path`` (next to the real file)."""
    return _resolved(db_path).parent / BACKUP_DIR_NAME


def _scan(db_path: Path | str) -> list[tuple[_Name, Backup]]:
    """This database's backups with their parsed names, in no particular order."""
    real = _resolved(db_path)
    folder = real.parent / BACKUP_DIR_NAME
    try:
        with os.scandir(folder) as entries:
            names = [(entry.name, entry.path) for entry in entries]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _os_error(folder, "อ่านรายการไฟล์สำรอง", "list the backups", exc) from None
    found: list[tuple[_Name, Backup]] = []
    for name, path in names:
        parsed = _parse_name(name)
        if parsed is None or parsed.stem != real.stem:
            continue
        try:
            st = os.stat(path)
        except OSError:  # removed meanwhile, or a link to nothing
            continue
        if stat.S_ISREG(st.st_mode):
            found.append(
                (parsed, Backup(Path(path), _aware(parsed.stamp), parsed.reason, st.st_size))
            )
    return found


def list_backups(db_path: Path | str) -> list[Backup]:
    """The backups of the database at ``db_path``, newest first; [] when there are none."""
    found = _scan(db_path)
    found.sort(key=lambda item: (item[0].stamp, item[0].seq, item[1].name), reverse=True)
    return [backup for _, backup in found]


def latest_backup(db_path: Path | str) -> Backup | None:
    """The newest backup of the database at ``db_path``, or None."""
    backups = list_backups(db_path)
    return backups[0] if backups else None


# --- making backups ----------------------------------------------------------------------------------


def _read_db(db_path: Path | str, real: Path) -> bytes:
    try:
        st = os.stat(real)
        if stat.S_ISDIR(st.st_mode):
            raise _error(db_path, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล", "this is a folder, not a database file")
        if not stat.S_ISREG(st.st_mode):
            # A pipe or a device could block forever or never end; refuse before opening it.
            raise _error(db_path, "ไม่ใช่ไฟล์ธรรมดา", "this is not a regular file")
        with open(real, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise _error(
            db_path, "ไม่พบไฟล์ฐานข้อมูลที่จะสำรอง", "there is no database file to back up"
        ) from None
    except OSError as exc:
        raise _os_error(db_path, "อ่านฐานข้อมูลเพื่อสำรอง", "read the database to back it up", exc) from None


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise _error(
            folder,
            "สร้างโฟลเดอร์ไฟล์สำรองไม่ได้ เพราะมีไฟล์ชื่อนี้อยู่แล้ว",
            "cannot create the backup folder: a file has this name",
        ) from None
    except OSError as exc:
        raise _os_error(folder, "สร้างโฟลเดอร์ไฟล์สำรอง", "create the backup folder", exc) from None


def make_backup(
    db_path: Path | str,
    reason: BackupReason,
    *,
    now: datetime | None = None,
    raw: bytes | None = None,
) -> Backup:
    """Copy the database at ``db_path`` into its backup folder and return the new backup.

    ``raw``: the bytes to keep, when the caller has already read them (they need not be the file's
    present content, e.g. a version about to be overwritten). ``now`` (naive means local time)
    stands for the present, for tests. The folder is created when missing. Any failure, such as a
    full disk or a missing permission, raises :class:`BackupError` and leaves no partial file.
    """
    reason = BackupReason(reason)
    real = _resolved(db_path)
    payload = _read_db(db_path, real) if raw is None else raw
    folder = real.parent / BACKUP_DIR_NAME
    _make_folder(folder)

    stamp = _local_stamp(now)
    seq = 1 + max((parsed.seq for parsed, _ in _scan(db_path) if parsed.stamp == stamp), default=0)
    while os.path.lexists(path := folder / _file_name(real.stem, stamp, reason, seq)):
        seq += 1  # e.g. a folder or a broken link with a backup's name, which listing skips
    try:
        write_atomic(path, payload)
    except NotDurableError:
        pass  # the copy is in place; only its surviving a power cut right now is unconfirmed
    except OSError as exc:
        raise _os_error(path, "สำรองฐานข้อมูล", "back up the database", exc) from None
    return Backup(path, _aware(stamp), reason, len(payload))


def daily_backup_if_due(db_path: Path | str, *, now: datetime | None = None) -> Backup | None:
    """Make the day's backup before the day's first write, if the database exists and needs one.

    A backup of any reason dated today (local date) counts; returns None when none was made.
    """
    if not _resolved(db_path).is_file():
        return None
    today = _local_stamp(now).date()
    if any(parsed.stamp.date() == today for parsed, _ in _scan(db_path)):
        return None
    return make_backup(db_path, BackupReason.DAILY, now=now)


def prune(db_path: Path | str, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` backups (``keep`` >= 1) and return the removed paths.

    A backup that cannot be removed (permission, removed meanwhile) is skipped.
    """
    if keep < 1:
        raise ValueError(f"keep must be at least 1, not {keep}")
    removed: list[Path] = []
    for backup in list_backups(db_path)[keep:]:
        try:
            os.unlink(backup.path)
        except OSError:
            continue
        removed.append(backup.path)
    return removed


# --- finding and showing backups ---------------------------------------------------------------------


def find_backup(db_path: Path | str, name: str) -> Backup:
    """The backup called ``name`` (a file name as listed), or at the path ``name``.

    A bare file name is looked up among this database's backups, then in the current folder. A
    path (absolute or relative) may point anywhere, but its file name must be a backup's name, which
    is where its time and reason come from; it may be another database's backup.
    """
    if not name.strip():
        raise _error(backup_dir(db_path), "ยังไม่ได้ระบุไฟล์สำรอง", "no backup named")
    bare = name == os.path.basename(name) and name not in (".", "..")
    if bare:
        for backup in list_backups(db_path):
            if backup.name == name:
                return backup
        if not os.path.lexists(name):
            folder = backup_dir(db_path)
            raise _error(
                name, f"ไม่พบไฟล์สำรองนี้ใน {_shown(folder)}", f"no such backup in {_shown(folder)}"
            )
    path = Path(os.path.abspath(os.path.expanduser(name)))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _error(name, "ไม่พบไฟล์สำรองนี้", "no such backup file") from None
    except OSError as exc:
        raise _os_error(name, "เปิดไฟล์สำรอง", "open the backup", exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise _error(name, "ไม่ใช่ไฟล์ธรรมดา", "this is not a regular file")
    parsed = _parse_name(path.name)
    if parsed is None:
        raise _error(
            name,
            "ชื่อไฟล์ไม่ใช่ชื่อไฟล์สำรอง ซึ่งต้องเป็นแบบ <stem>-YYYYMMDD-HHMMSS-<reason>.json",
            "not a backup's file name: expected <stem>-YYYYMMDD-HHMMSS-<reason>.json",
        )
    return Backup(path, _aware(parsed.stamp), parsed.reason, st.st_size)


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size:,} ไบต์"
    if size < 1024 * 1024:
        return f"{size / 1024:,.1f} กิโลไบต์"
    return f"{size / (1024 * 1024):,.1f} เมกะไบต์"


def describe(backup: Backup, style: DigitStyle = DigitStyle.THAI) -> str:
    """One Thai line for lists: "๒๗ พ.ย. ๒๕๖๙ ๑๐:๑๕ · สำรองประจำวัน · ๔๘.๒ กิโลไบต์".

    Local time, Buddhist-era year, 24-hour clock; every digit in ``style``.
    """
    when = backup.created.astimezone()
    text = (
        f"{when.day} {MONTHS_SHORT[when.month - 1]} {ce_to_be(when.year)} {when:%H:%M}"
        f" · {backup.reason.label} · {_size_text(backup.size)}"
    )
    return with_digits(text, style)
