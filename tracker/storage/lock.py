"""One writer at a time: a lock file next to the database says who is editing it.

Saves replace the whole file (:mod:`tracker.storage.atomic`), so two programs editing one database
would each overwrite the other's work without an error. Before writing, a program takes the
writer lock of the database; a second program is refused with :class:`LockHeld`, which names the
holder so the user knows whom to ask.

The lock is an ``flock`` on a hidden file next to the database (``.<name>.lock``). The kernel
holds it, not the file's content: when a process dies, even by ``kill -9`` or a power cut, its
lock is gone with it, and nobody has to clean up. The content (the holder as JSON) only tells the
others who holds the lock; it is emptied on release, so content found in a free lock was left by a
program that did not close properly (:attr:`WriterLock.taken_over`).

The lock file is never removed. Removing it would race with another process that has just opened
it: that process would lock the removed file while a third one creates and locks a new one, and
both would believe they are alone.

Where the file system cannot lock (some network and FUSE file systems answer ENOLCK or
EOPNOTSUPP) the lock is granted unlocked with :attr:`WriterLock.supported` False: refusing would
shut everyone out of a database that a single user works on, and the caller can warn instead.

On Windows (no ``fcntl``) ``msvcrt.locking`` on one byte far past the content is a best effort:
Windows locks are mandatory, so a lock on the content itself would stop others from reading
who holds it. Windows also has no harmless way to ask whether a process exists (``os.kill``
terminates it), so no holder is ever judged gone there.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from types import TracebackType

from tracker.domain.thai import MONTHS_SHORT, DigitStyle, ce_to_be, with_digits

POLL_SECONDS = 0.05
"""How often :meth:`WriterLock.acquire` tries again while it may wait."""

_CONTENT_LIMIT = 4096
"""A holder is some 150 bytes of JSON; more than this is not ours and is not read further."""

_FIELD_LIMIT = 60
"""Longest user, host or program name shown in a message (the file may hold anything)."""

_SETTLE_TRIES = 5
_SETTLE_SECONDS = 0.01
"""A holder writes its name just after taking the lock: how long a refused caller waits for it."""

_WINDOWS_LOCK_OFFSET = 1 << 30

_UNKNOWN_THAI = "โปรแกรมอื่นซึ่งไม่ทราบว่าเป็นของใคร"
_UNKNOWN_ENGLISH = "another program (unknown holder)"

_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS}
_BUSY = {errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


class LockError(Exception):
    """The writer lock was not taken; ``str()`` is a one-line message in Thai and English."""


class LockHeld(LockError):
    """Another writer holds the lock (possibly this very process, through another :class:`WriterLock`).

    ``path`` is the database as the caller named it, ``lock_path`` the lock file, ``holder`` who
    holds it (None when the lock file's content cannot be read).
    """

    def __init__(self, path: Path, lock_path: Path, holder: Holder | None) -> None:
        self.path = path
        self.lock_path = lock_path
        self.holder = holder
        shown = UNKNOWN_HOLDER if holder is None else holder
        thai, english = shown.describe_thai(), shown.describe_english()
        super().__init__(
            _message(
                path,
                f"ฐานข้อมูลกำลังถูกแก้ไขโดย{thai}",
                f"the database is being edited by {english}",
                ("รอให้ปิดโปรแกรมนั้นก่อนแล้วลองอีกครั้ง", "wait until that program is closed and try again"),
            )
        )


class LockUnavailable(LockError):
    """The lock file cannot be created or opened (a read-only folder, no permission)."""

    def __init__(self, path: Path, lock_path: Path, exc: OSError) -> None:
        self.path = path
        self.lock_path = lock_path
        self.errno = exc.errno
        if isinstance(exc, PermissionError):
            thai, english = "ไม่มีสิทธิ์เขียนในโฟลเดอร์หรือไฟล์นั้น", "permission denied"
        elif exc.errno == errno.EROFS:
            thai, english = "ระบบไฟล์อ่านได้อย่างเดียว", "the file system is read-only"
        else:
            thai = english = _one_line(exc.strerror or str(exc))
        super().__init__(
            _message(
                path,
                f"สร้างหรือเปิดไฟล์ล็อก {_shown(lock_path)} ไม่ได้: {thai}",
                f"cannot create or open the lock file {_shown(lock_path)}: {english}",
                ("เปิดฐานข้อมูลได้แบบอ่านอย่างเดียวเท่านั้น", "the database can only be opened read-only"),
            )
        )


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock, as written in the lock file."""

    pid: int
    user: str
    host: str
    since: str
    """When the lock was taken: ISO 8601 local time with its offset, to the second."""
    program: str
    """Which part of the program, e.g. "tracker app" or "tracker import"."""

    @classmethod
    def for_this_process(cls, program: str) -> Holder:
        """This process, now."""
        since = datetime.now().astimezone().isoformat(timespec="seconds")
        return cls(os.getpid(), this_user(), this_host(), since, program)

    @property
    def known(self) -> bool:
        """False for :data:`UNKNOWN_HOLDER` (a lock held by someone whose entry cannot be read)."""
        return self.pid > 0

    def describe(self, style: DigitStyle = DigitStyle.THAI) -> str:
        """One line in Thai then English: who, where, which program, since when (the Thai date in ``style``)."""
        return f"{self.describe_thai(style)} ({self.describe_english()})"

    def describe_thai(self, style: DigitStyle = DigitStyle.THAI) -> str:
        """E.g. ``ผู้ใช้ somchai บนเครื่อง pc-1 (tracker app, pid 1234) ตั้งแต่ ๒๗ พ.ย. ๒๕๖๙ ๑๐:๑๕ น.``

        The date and time are written in ``style``; the process id stays as the system writes it.
        """
        if not self.known:
            return _UNKNOWN_THAI
        text = f"ผู้ใช้ {_field(self.user)} บนเครื่อง {_field(self.host)} ({_field(self.program)}, pid {self.pid})"
        moment = _moment(self.since)
        if moment is not None:
            month = MONTHS_SHORT[moment.month - 1]
            text += " ตั้งแต่ " + with_digits(f"{moment.day} {month} {ce_to_be(moment.year)} {moment:%H:%M} น.", style)
        elif self.since:
            text += f" ตั้งแต่ {_field(self.since)}"
        return text

    def describe_english(self) -> str:
        """E.g. ``user somchai on pc-1, tracker app pid 1234, since 2026-11-27 10:15``."""
        if not self.known:
            return _UNKNOWN_ENGLISH
        text = f"user {_field(self.user)} on {_field(self.host)}, {_field(self.program)} pid {self.pid}"
        moment = _moment(self.since)
        if moment is not None:
            text += f", since {moment:%Y-%m-%d %H:%M}"
        elif self.since:
            text += f", since {_field(self.since)}"
        return text

    def to_bytes(self) -> bytes:
        """The lock file's content. ASCII escapes: a user name from the environment may hold bytes
        that are not UTF-8, and the file must be writable whatever it holds."""
        return (json.dumps(asdict(self), ensure_ascii=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Holder | None:
        """The holder in a lock file's content; None for anything else (empty, damaged, foreign)."""
        if not raw.strip() or len(raw) > _CONTENT_LIMIT:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        pid = data.get("pid")
        texts = [data.get(key) for key in ("user", "host", "since", "program")]
        # A pid of 0 or below means a process group or every process to os.kill: never accept one.
        if type(pid) is not int or not 0 < pid < 2**31:
            return None
        user, host, since, program = texts
        if not (isinstance(user, str) and isinstance(host, str)):
            return None
        if not (isinstance(since, str) and isinstance(program, str)):
            return None
        return cls(pid, user, host, since, program)


class WriterLock:
    """The writer lock of one database, held from :meth:`acquire` until :meth:`release`.

    ``path`` is the database as the caller named it, ``lock_path`` the lock file, ``holder`` this
    process's entry in it. ``taken_over`` is the holder whose entry was left in the lock file by a
    program that ended without releasing it (killed, crashed, a power cut), so the caller can say
    whose work may be incomplete. ``supported`` is False when the file system cannot lock: then
    nothing keeps a second writer out, and the caller should warn (:meth:`notices`).
    """

    def __init__(
        self,
        path: Path,
        lock_path: Path,
        fd: int,
        holder: Holder,
        taken_over: Holder | None,
        supported: bool,
    ) -> None:
        self.path = path
        self.lock_path = lock_path
        self.holder = holder
        self.taken_over = taken_over
        self.supported = supported
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: Path | str, program: str, *, wait: float = 0.0) -> WriterLock:
        """Take the writer lock of the database at ``db_path`` for ``program`` (e.g. "tracker app").

        With ``wait`` above zero, tries again every :data:`POLL_SECONDS` until that many seconds
        have passed. Raises :class:`LockHeld` when another writer keeps it, :class:`LockUnavailable`
        when the lock file cannot be created or opened. Missing folders of a new database are
        created, as :meth:`~tracker.storage.store.Store.open` would create them.
        """
        path = Path(db_path)
        lock_path = lock_path_for(path)
        holder = Holder.for_this_process(program)
        fd = _open_lock_file(path, lock_path)
        try:
            outcome = _lock_waiting(path, lock_path, fd, wait)
            supported = outcome is _Outcome.LOCKED
            left = Holder.from_bytes(_read_content(fd))
            # With a real lock, any entry found in the file is a leftover: a clean release empties it.
            # Without one, only an entry of a process known to be gone is.
            taken_over = left if left is not None and (supported or _is_gone(left)) else None
            _write_content(fd, holder.to_bytes())
        except BaseException:
            os.close(fd)  # closing lets go of a lock taken above
            raise
        return cls(path, lock_path, fd, holder, taken_over, supported)

    @property
    def held(self) -> bool:
        """True until :meth:`release`."""
        return self._fd is not None

    def notices(self) -> list[str]:
        """One-line messages the caller should show: a lock taken over, or no locking at all."""
        shown: list[str] = []
        if self.taken_over is not None:
            shown.append(
                _message(
                    self.path,
                    f"รับช่วงการแก้ไขต่อจาก{self.taken_over.describe_thai()} ซึ่งปิดโปรแกรมไม่เรียบร้อย",
                    f"took over from {self.taken_over.describe_english()}, which did not close properly",
                    ("ตรวจดูว่างานล่าสุดถูกบันทึกไว้ครบ", "check that the latest work was saved"),
                )
            )
        if not self.supported:
            shown.append(
                _message(
                    self.path,
                    "ระบบไฟล์นี้ล็อกไฟล์ไม่ได้ จึงกันการแก้ไขพร้อมกันหลายโปรแกรมไม่ได้",
                    "this file system cannot lock files, so two writers are not kept apart",
                    (
                        "อย่าเปิดแก้ไขฐานข้อมูลนี้พร้อมกันจากหลายโปรแกรม",
                        "do not edit this database from two programs at once",
                    ),
                )
            )
        return shown

    def release(self) -> None:
        """Empty the lock file and let go of the lock; calling it again does nothing."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            # Without real locking another writer may have written its entry since: leave that one.
            if Holder.from_bytes(_read_content(fd)) == self.holder:
                _write_content(fd, b"")
            _unlock(fd)
        except OSError:
            pass  # closing below lets go of the lock all the same
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def lock_path_for(db_path: Path | str) -> Path:
    """The lock file of a database: hidden, next to the file the path finally leads to.

    Symbolic links are followed, so that two paths to one database share one lock.
    """
    target = Path(os.path.realpath(db_path))
    return target.parent / f".{target.name}.lock"


def current_holder(db_path: Path | str) -> Holder | None:
    """Who holds the writer lock of the database now; None when it is free.

    Never takes the lock from anyone: when the lock file names a holder, a shared lock is tried
    and dropped at once only to learn whether that holder still has it. A lock held by someone
    whose entry cannot be read gives :data:`UNKNOWN_HOLDER`. None also when the lock file cannot
    be read, and for the instant between a writer's taking the lock and writing its entry.
    """
    lock_path = lock_path_for(db_path)
    try:
        fd = os.open(lock_path, os.O_RDONLY | _OPEN_FLAGS)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode) or not _read_content(fd).strip():
            return None  # a clean release leaves the file empty: no need to touch the lock
        outcome = _try_lock(fd, shared=True)
        if outcome is _Outcome.LOCKED:
            _unlock(fd)
            return None
        if outcome is _Outcome.HELD:
            return _settled_holder(fd) or UNKNOWN_HOLDER
        holder = Holder.from_bytes(_read_content(fd))  # no locking: the entry is all there is
        return None if holder is None or _is_gone(holder) else holder
    except OSError:
        return None
    finally:
        os.close(fd)


UNKNOWN_HOLDER = Holder(pid=0, user="?", host="?", since="", program="?")
"""What :func:`current_holder` gives for a lock that is held by someone it cannot name."""


def this_user() -> str:
    """The login name of this process; "unknown" when the system cannot say."""
    import getpass  # here: a read-only command never asks, and the module costs a few ms to load

    try:
        return getpass.getuser() or "unknown"
    except Exception:  # OSError, KeyError or ImportError depending on the platform and version
        return "unknown"


def this_host() -> str:
    """This computer's name; "unknown" when the system cannot say."""
    import socket  # here: a read-only command never asks, and the module costs a few ms to load

    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


# --- messages ------------------------------------------------------------------------------------


def _message(path: Path, thai: str, english: str, advice: tuple[str, str]) -> str:
    """The house format of :func:`tracker.storage.errors.store_error`: path, Thai, then English."""
    return f"{_shown(path)}: {thai} — {advice[0]} ({english}; {advice[1]})"


def _shown(path: Path | str) -> str:
    text = str(path)
    return text if text.isprintable() else repr(text)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _field(text: str) -> str:
    """A name read from the lock file, made safe for a one-line message: anything may be there."""
    text = _one_line("".join(c if c.isprintable() else "?" for c in text))
    return text if len(text) <= _FIELD_LIMIT else text[: _FIELD_LIMIT - 1] + "…"


def _moment(since: str) -> datetime | None:
    try:
        return datetime.fromisoformat(since)
    except ValueError:
        return None


# --- the lock file -------------------------------------------------------------------------------

# No following a symbolic link planted at the lock's name (a lock is truncated and written), and
# no blocking should a pipe be planted there.
_OPEN_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _open_lock_file(path: Path, lock_path: Path) -> int:
    """An open, writable descriptor of the lock file, created (with its folder) if missing.

    A new lock file gets the database's permission bits (read and write only), or 0o600 without a
    database: a database shared by a group must stay writable for the group, and the lock file,
    never removed, would otherwise shut the others out for good.
    """
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = _open_or_create(lock_path, _mode_for(path))
    except OSError as exc:
        raise LockUnavailable(path, lock_path, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LockUnavailable(path, lock_path, OSError(errno.EINVAL, "not a regular file"))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _mode_for(path: Path) -> int:
    try:
        return (stat.S_IMODE(os.stat(path).st_mode) & 0o666) | 0o600
    except OSError:
        return 0o600


def _open_or_create(lock_path: Path, mode: int) -> int:
    flags = os.O_RDWR | _OPEN_FLAGS
    for _ in range(3):  # the file could vanish between the two opens if a person deletes it
        try:
            fd = os.open(lock_path, flags | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            with contextlib.suppress(FileNotFoundError):
                return os.open(lock_path, flags)
        else:
            if hasattr(os, "fchmod"):
                with contextlib.suppress(OSError):
                    os.fchmod(fd, mode)  # the mode given to open is cut by the umask
            return fd
    return os.open(lock_path, flags | os.O_CREAT, mode)


def _read_content(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, _CONTENT_LIMIT + 1)


def _write_content(fd: int, payload: bytes) -> None:
    """Replace the lock file's content, best effort.

    A failure (a full disk) leaves the lock held with an empty or old entry: the lock still keeps
    other writers out, and only the name shown to them is missing.
    """
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        if payload:
            os.fsync(fd)
    except OSError:
        pass


def _settled_holder(fd: int) -> Holder | None:
    """The entry of a holder that has just taken the lock and may not have written it yet."""
    for attempt in range(_SETTLE_TRIES):
        holder = Holder.from_bytes(_read_content(fd))
        if holder is not None:
            return holder
        if attempt < _SETTLE_TRIES - 1:
            time.sleep(_SETTLE_SECONDS)
    return None


def _is_gone(holder: Holder) -> bool:
    """True only when the holder's process certainly no longer runs (same computer, no such pid)."""
    if sys.platform == "win32" or holder.host != this_host():
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):
        return False  # PermissionError: it runs, as another user
    return False


# --- locking -------------------------------------------------------------------------------------


class _Outcome(Enum):
    LOCKED = "locked"
    HELD = "held"
    UNSUPPORTED = "unsupported"


def _lock_waiting(path: Path, lock_path: Path, fd: int, wait: float) -> _Outcome:
    """Lock, trying again until ``wait`` seconds have passed; LockHeld if it stays held."""
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            outcome = _try_lock(fd, shared=False)
        except OSError as exc:
            raise LockUnavailable(path, lock_path, exc) from None
        if outcome is not _Outcome.HELD:
            return outcome
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LockHeld(path, lock_path, _settled_holder(fd))
        time.sleep(min(POLL_SECONDS, remaining))


def _try_lock(fd: int, *, shared: bool) -> _Outcome:
    """Try once, without blocking. Other errors than "held" and "not supported" are raised."""
    try:
        if sys.platform == "win32":
            import msvcrt

            # Windows has no shared mode here; a probe takes the byte for an instant instead.
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY:
            return _Outcome.HELD
        if exc.errno in _UNSUPPORTED:
            return _Outcome.UNSUPPORTED
        raise
    return _Outcome.LOCKED


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
