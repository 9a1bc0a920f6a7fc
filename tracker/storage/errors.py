"""The store's errors and the house format of their messages.

Every problem with a database reaches the user as one line: the file, what is wrong in Thai, then
in English (and what to do) in parentheses. The storage modules build their errors with
:func:`store_error` so that the format lives in one place. A damaged file's error also carries a
:class:`RestoreHint`, the backup to restore, which each front end renders in its own words: the app
shows :meth:`RestoreHint.for_app`, the command line :meth:`RestoreHint.for_command_line` (the exact
command to type, naming the database when it is not the default one).
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from tracker.storage.lock import Holder

ADVICE_RESTORE = (
    "กู้คืนจากไฟล์สำรอง หรือเลือกไฟล์อื่นด้วย --db",
    "restore it from a backup or choose another file with --db",
)
"""What to do about a damaged file (Thai, English); an error with this advice is ``restorable``."""
ADVICE_OTHER = ("เลือกไฟล์อื่นด้วย --db", "choose another file with --db")
ADVICE_NEWER = (
    "ใช้โปรแกรมรุ่นใหม่กว่า หรือเลือกไฟล์อื่นด้วย --db",
    "use a newer version of the program or choose another file with --db",
)


def restore_command(backup: str, db: str | os.PathLike[str] | None = None) -> str:
    """The command that restores the backup named ``backup``, as a user types it.

    ``db``: the database as the user named it, when it is not the default one (None: the default);
    run without ``--db``, the command would restore the default database instead.
    """
    if db is None:
        return f"tracker restore {backup}"
    return f"tracker --db {shlex.quote(os.fspath(db))} restore {backup}"


@dataclass(frozen=True, slots=True)
class RestoreHint:
    """Which backup brings a damaged database back, known when the damage is reported.

    Rendered in Thai and English: the newest backup a restore would accept and how to restore it,
    or that there is no backup, or that every backup is damaged too.
    """

    database: Path
    """The damaged database, as the store was given it."""
    folder: Path
    """The folder of its backups."""
    latest: str | None
    """The name of the newest backup a restore would accept; None when there is none."""
    damaged_only: bool = False
    """Whether there are backups but every one is damaged too (when ``latest`` is None)."""

    def for_app(self) -> str:
        """The hint as the app shows it (the restore command for the default database)."""
        return self._text(None)

    def for_command_line(self, db: str | os.PathLike[str] | None = None) -> str:
        """The hint as the command line prints it: the command names ``--db db`` unless ``db`` is None.

        Pass the database as the user named it when it is not the default one.
        """
        return self._text(db)

    def _text(self, db: str | os.PathLike[str] | None) -> str:
        folder = shown_path(self.folder)
        if self.latest is None and self.damaged_only:
            return f"ไฟล์สำรองใน {folder} เสียหายทุกไฟล์ (every backup in {folder} is damaged too)"
        if self.latest is None:
            return f"ยังไม่มีไฟล์สำรองใน {folder} (no backup in {folder})"
        command = restore_command(self.latest, db)
        return (
            f"ไฟล์สำรองล่าสุด: {self.latest} กู้คืนด้วย: {command} "
            f"(latest backup: {self.latest}; restore it with: {command})"
        )


class StoreError(Exception):
    """The database cannot be used; the message names the file and what is wrong, in Thai and English.

    ``restorable``: the file itself is damaged, so restoring a backup is the way out.
    ``restore_hint``: which backup to restore (then ``str()`` of the error ends with it as the app
    shows it, and :meth:`for_command_line` gives the message with the command line's words).
    ``problem``: the message without the hint.
    """

    def __init__(
        self, message: str, *, restorable: bool = False, restore_hint: RestoreHint | None = None
    ) -> None:
        text = message if restore_hint is None else f"{message} {restore_hint.for_app()}"
        super().__init__(text)
        self.problem = message
        self.restorable = restorable or restore_hint is not None
        self.restore_hint = restore_hint

    def for_command_line(self, db: str | os.PathLike[str] | None = None) -> str:
        """The message as the command line prints it: see :meth:`RestoreHint.for_command_line`."""
        if self.restore_hint is None:
            return str(self)
        return f"{self.problem} {self.restore_hint.for_command_line(db)}"


class StoreLocked(StoreError):
    """Another program holds the writer lock; ``holder`` says who (None when it cannot be read)."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


class OutsideChange(StoreError):
    """The file changed on disk since it was read: saving now would overwrite that change blindly."""


def shown_path(path: Path | str) -> str:
    """The path as it goes into a one-line message (control characters escaped)."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) made one space."""
    return " ".join(str(text).split())


def store_error(
    path: Path | str, thai: str, english: str, advice: tuple[str, str] | None = ADVICE_RESTORE
) -> StoreError:
    """A StoreError in the house format: path, Thai, then English (and what to do) in parentheses."""
    if advice is None:
        return StoreError(f"{shown_path(path)}: {thai} ({english})")
    return StoreError(
        f"{shown_path(path)}: {thai} — {advice[0]} ({english}; {advice[1]})",
        restorable=advice is ADVICE_RESTORE,
    )


def what_is_wrong(exc: BaseException) -> str:
    """A conversion error in words: never Python's own text (``InvalidOperation([<class …>])``)."""
    if isinstance(exc, KeyError):
        return f"the field {one_line(str(exc))[:40]} is missing"
    if isinstance(exc, ArithmeticError):
        return "is not a valid amount or number"
    if isinstance(exc, (TypeError, AttributeError)):
        return "holds the wrong kind of value"
    if isinstance(exc, RecursionError):
        return "is nested too deeply"
    return "holds a value that is not valid"
