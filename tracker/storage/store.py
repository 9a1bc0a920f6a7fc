"""The store: every plan of an office in one TinyDB JSON file.

The file is checked completely before TinyDB is given it (:mod:`.schema`), and a file that fails the
check is never written to: a damaged, foreign or newer file is reported with :class:`StoreError`
(:mod:`.errors`) and left exactly as it was, so that nothing is lost that a backup or a newer
version could still recover. Saves go through :class:`~tracker.storage.atomic.AtomicJSONStorage`,
so a crash or a full disk leaves the previous version of the file whole.

Safety around every save (one function, :meth:`Store._commit`, does all writing):

- one writer at a time: a store opened for writing holds the writer lock (:mod:`.lock`); a second
  one gets :class:`StoreLocked` naming who holds it, and may open read-only instead. A lock left by
  a killed program is taken over (the operating system frees it with the process).
- outside changes: the file's identity (device, inode, size, mtime) is remembered when it is read or
  written; if it differs before a save, :class:`OutsideChange` is raised and nothing is written. The
  caller reloads, or saves with ``force`` after the other version has been backed up.
- backups (:mod:`.backups`, in ``backups/`` next to the file): the day's first save copies the file
  first, an upgrade of the schema keeps the original bytes first, a restore backs up what it
  replaces; only the newest ``backup_keep`` are kept. A damaged file's error names the backup to
  restore (:class:`RestoreHint`).
- history: every save records each changed field (:mod:`.history_log`), in the same write.

Other choices: a symbolic link to the database stays a link (saves go to the file it points to);
a new database gets its missing parent folders and mode 0o600 (an existing one keeps its mode);
a file over :data:`MAX_FILE_BYTES` is refused unread. Temporary files of saves cut short by a
crash (hidden, ``.<name>.*.tmp``) are removed when a writer opens the database: it holds the lock,
so no other program of ours can be in the middle of a save.

The names other code uses from the storage modules (the errors, the layout's constants, the schema
versions and upgrades) are imported from here too (:data:`__all__`): this module is the storage's
front door.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from glob import escape as glob_escape
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import Query, TinyDB

from tracker.domain.history import Change, diff_plans
from tracker.domain.model import Plan, ensure_uids, plan_from_dict, plan_to_dict
from tracker.domain.thai import DigitStyle
from tracker.storage.atomic import (
    AtomicJSONStorage,
    NotDurableError,
    _StatKey,
    stat_key,
    write_atomic,
)
from tracker.storage.backups import (
    DEFAULT_KEEP,
    Backup,
    BackupError,
    BackupReason,
    daily_backup_if_due,
    find_backup,
    make_backup,
    prune,
)
from tracker.storage.errors import (
    ADVICE_OTHER,
    OutsideChange,
    RestoreHint,
    StoreError,
    StoreLocked,
    one_line,
    restore_command,
    shown_path,
    store_error,
    what_is_wrong,
)
from tracker.storage.history_log import COALESCE_SECONDS, append_history, read_history
from tracker.storage.lock import Holder, LockError, LockHeld, WriterLock, current_holder, this_user
from tracker.storage.schema import (
    APP_MARK,
    CONVERSION_ERRORS,
    HISTORY_TABLE,
    MAX_FILE_BYTES,
    META_TABLE,
    MIGRATIONS,
    PLANS_TABLE,
    SCHEMA_VERSION,
    Migration,
    backup_keep_of,
    checked_data,
    file_status,
    new_file_data,
    next_doc_id,
    parent_is_file,
    plan_problem,
    read_checked,
    recorded_backup_keep,
    unreadable_plan,
    with_restore_hint,
)

__all__ = [
    "APP_MARK",
    "COALESCE_SECONDS",
    "HISTORY_TABLE",
    "MAX_FILE_BYTES",
    "META_TABLE",
    "MIGRATIONS",
    "PLANS_TABLE",
    "SCHEMA_VERSION",
    "Migration",
    "OutsideChange",
    "PlanInfo",
    "RestoreHint",
    "Store",
    "StoreError",
    "StoreLocked",
    "plan_problem",
    "restore_command",
]


_REPLACED_ONLY = frozenset({PLANS_TABLE, HISTORY_TABLE})
"""Tables whose documents the store replaces, never edits in place (:meth:`Store.save_plan` puts a new
plan document, the history log a new entry): a save writes the unchanged ones from the bytes it wrote
before (:class:`~tracker.storage.atomic.DocumentBytes`). Keep it so: editing one of their documents
in place would leave the file with its old bytes. (TinyDB's ``update`` does; the store never calls it.)"""


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """What a list of plans shows, without converting whole plans."""

    plan_id: str
    organization: str
    fiscal_year: int
    projects: int
    digit_style: DigitStyle = DigitStyle.THAI
    """The plan's own digit setting (Thai where the stored value is not one), for lists in its digits."""


def _stored_digit_style(doc: dict[str, Any]) -> DigitStyle:
    """A stored plan's digit setting, read without converting the plan (Thai when it is not one)."""
    settings = doc.get("settings")
    value = settings.get("digit_style") if isinstance(settings, dict) else None
    return DigitStyle(value) if value in {s.value for s in DigitStyle} else DigitStyle.THAI


class Store:
    """Plans in one file. Pass it to whatever needs it; there is no module-level instance.

    A store opened for writing holds the database's writer lock (:mod:`tracker.storage.lock`) until
    it is closed; one opened with ``read_only=True`` takes no lock and refuses to save. Not
    thread-safe: use one store from one thread at a time.
    """

    def __init__(
        self,
        path: Path,
        db: TinyDB,
        *,
        created: bool,
        known: _StatKey | None,
        lock: WriterLock | None,
        read_only: bool,
    ) -> None:
        self.path = path
        self.created = created
        self.read_only = read_only
        self.warnings: list[str] = []
        """Things the user should hear about that did not stop the work (a backup that failed)."""
        self._db = db
        self._storage = _atomic_storage(db)
        self._target = Path(self._storage.path)
        self._known = known
        self._lock = lock
        self._closed = False
        self._backup_checked: date | None = None
        """The day the daily backup was last seen to or made."""

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        initial_plans: list[Plan] | None = None,
        read_only: bool = False,
        program: str = "tracker",
        wait: float = 0.0,
    ) -> Store:
        """Open the database at ``path``; create it holding ``initial_plans`` if it does not exist.

        For writing (the default) the writer lock is taken first, or :class:`StoreLocked` names who
        holds it (``wait`` seconds are spent waiting for it). An existing file is read and checked
        in full (:mod:`.schema`); any problem raises :class:`StoreError` and the file is
        left untouched. For a new database missing parent folders are created, and the file is
        written once, whole, before this returns. ``initial_plans`` is ignored for an existing file.
        ``read_only``: no lock, no file is created, upgraded or saved.
        """
        path = Path(path)
        if read_only:
            return cls._open_with(path, None, initial_plans, read_only=True)
        file_status(path)  # a path that cannot hold a database is named as such, not as a lock failure
        lock = _acquire(path, program, wait)
        try:
            _remove_leftovers(path)
            return cls._open_with(path, lock, initial_plans, read_only=False)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_with(
        cls, path: Path, lock: WriterLock | None, initial_plans: list[Plan] | None, *, read_only: bool
    ) -> Store:
        status = file_status(path)
        if status is None:
            if read_only:
                raise store_error(
                    path, "ไม่มีไฟล์ฐานข้อมูลนี้", "there is no such database file", ADVICE_OTHER
                )
            return cls._create(path, initial_plans or [], lock)

        db, known = _load(path, status, read_only=read_only)
        store = cls(path, db, created=False, known=known, lock=lock, read_only=read_only)
        if lock is not None:
            store.warnings.extend(lock.notices())
        return store

    @classmethod
    def _create(cls, path: Path, plans: list[Plan], lock: WriterLock | None) -> Store:
        _make_parent(path)
        db = TinyDB(str(path), storage=AtomicJSONStorage, replaced_only=_REPLACED_ONLY)
        data = new_file_data(plans)
        # One write, so that a crash during creation leaves either no file or a complete one.
        with _guard(path, "สร้างฐานข้อมูล", "create the database"):
            _atomic_storage(db).write(data)
        known = stat_key(os.stat(path))
        store = cls(path, db, created=True, known=known, lock=lock, read_only=False)
        if not plans:
            # A database created empty (for an import) holds nothing of the user's to back up.
            store._backup_checked = _clock().date()
        if lock is not None:
            store.warnings.extend(lock.notices())
        return store

    @classmethod
    def restore(
        cls, path: Path | str, backup: str, *, program: str = "tracker restore", wait: float = 0.0
    ) -> tuple[Backup, Backup | None]:
        """Bring back the backup named ``backup`` as the database at ``path``.

        The backup is checked in full first (a damaged backup is refused and nothing changes); the
        database as it is now is itself backed up first (even a damaged one: its bytes may still
        matter), then replaced atomically, and the restore is written into the history. Returns the
        backup restored and the backup made of the file it replaced (None when there was no file).
        """
        path = Path(path)
        lock: WriterLock | None = _acquire(path, program, wait)
        try:
            chosen, safety, keep = _put_back(path, backup)
            store = cls._open_with(path, lock, None, read_only=False)
            lock = None  # the store holds it now, and lets go of it when closed
            with store:
                store._record(
                    Change(
                        at=_now(), user=this_user(), plan_id="", action="restore", field="file",
                        old=None if safety is None else safety.name, new=chosen.name,
                    )
                )
                # How many backups to keep is the office's choice now, not data to roll back.
                if keep is not None and keep != store.backup_keep:
                    store.set_backup_keep(keep)
                store._prune()
            return chosen, safety
        finally:
            if lock is not None:
                lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the plans -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The layout version recorded in the file (always :data:`SCHEMA_VERSION` once opened)."""
        return int(self._meta()["schema_version"])

    def list_plans(self) -> list[PlanInfo]:
        """One line of information per plan, in the order they were first saved."""
        with self._reading():
            docs = self._db.table(PLANS_TABLE).all()
        return [
            PlanInfo(
                str(d["plan_id"]), str(d["organization"]), int(d["fiscal_year"]), len(d["projects"]),
                _stored_digit_style(d),
            )
            for d in docs
        ]

    def load_plan(self, plan_id: str) -> Plan:
        """The plan with ``plan_id``; :class:`StoreError` if there is none."""
        with self._reading():
            doc = self._db.table(PLANS_TABLE).get(Query().plan_id == plan_id)
            if doc is None:
                raise store_error(self.path, f"ไม่พบแผน {plan_id!r}", "no such plan", advice=None)
            # A writer checked the whole file when it opened it; a read-only store checks a plan here.
            try:
                return plan_from_dict(dict(doc))
            except CONVERSION_ERRORS:
                raise with_restore_hint(
                    unreadable_plan(self.path, str(doc.doc_id), plan_problem(dict(doc))), self.path
                ) from None

    def save_plan(self, plan: Plan, *, action: str = "edit", force: bool = False) -> list[Change]:
        """Insert ``plan``, or replace the stored plan with the same ``plan_id`` as a whole.

        Every field that changed is written into the history (``action`` names why: "edit",
        "undo", "import", ...); returns those changes, and nothing is written when nothing changed.
        Projects without a uid get one (in ``plan`` itself, so that the caller keeps following them).

        If the file was changed on disk since this store read or wrote it, :class:`OutsideChange`
        is raised and nothing is written, unless ``force``: then the file as it is now is backed up,
        read, and only this plan is replaced in it. On any other failure (a full disk, a read-only
        file) :class:`StoreError` is raised and the file still holds what it held before.
        """
        ensure_uids(plan)
        doc = plan_to_dict(plan)

        def replace(data: dict[str, Any]) -> list[Change] | None:
            plans = data.setdefault(PLANS_TABLE, {})
            doc_id = next((k for k, v in plans.items() if v.get("plan_id") == plan.plan_id), None)
            old = None if doc_id is None else plans[doc_id]
            if old == doc:
                return None
            changes = diff_plans(old, doc, at=_now(), user=this_user(), action=action)
            plans[doc_id or next_doc_id(plans)] = doc
            append_history(data, changes)
            return changes

        return self._commit(replace, force=force)

    def backup(self, reason: BackupReason) -> Backup:
        """Copy the file as it is now into ``backups/`` before a change the user may want to undo.

        Taken under the writer lock, so the copy is the version the next save replaces; the folder is
        then pruned to the kept number. :class:`BackupError` when no copy could be made (the caller
        should not go on with the change).
        """
        self._check_open()
        if self.read_only:
            raise store_error(self.path, "เปิดแบบอ่านอย่างเดียว สำรองไม่ได้", "opened read-only", advice=None)
        if self.changed_on_disk():
            raise _outside_change(self.path, gone=not os.path.lexists(self.path))
        made = make_backup(self._target, reason, now=_clock())
        self._prune()
        return made

    def delete_plan(self, plan_id: str) -> None:
        """Remove the plan with ``plan_id`` (nothing happens if there is none)."""

        def remove(data: dict[str, Any]) -> list[Change] | None:
            plans = data.get(PLANS_TABLE, {})
            doc_id = next((k for k, v in plans.items() if v.get("plan_id") == plan_id), None)
            if doc_id is None:
                return None  # no rewrite of the file for nothing
            old = plans.pop(doc_id)
            change = Change(
                at=_now(), user=this_user(), plan_id=plan_id, action="delete", field="plan",
                old=f"{old.get('organization', '')} ปีงบประมาณ {old.get('fiscal_year', '')}", new=None,
            )
            append_history(data, [change])
            return [change]

        self._commit(remove)

    # --- history, settings, the file on disk -----------------------------------------------------

    def history(self, plan_id: str | None = None, project_uid: str | None = None) -> list[Change]:
        """Recorded changes, oldest first; only a plan's, or only one project's, when asked."""
        with self._reading():
            return read_history(self._storage.read() or {}, plan_id, project_uid)

    @property
    def backup_keep(self) -> int:
        """How many backups to keep in ``backups/`` (a setting stored in the file)."""
        return backup_keep_of(self._meta()) or DEFAULT_KEEP

    def set_backup_keep(self, keep: int) -> None:
        if keep < 1:
            raise ValueError("keep at least one backup")

        def set_keep(data: dict[str, Any]) -> list[Change] | None:
            meta = next(iter(data[META_TABLE].values()))
            old = meta.get("backup_keep", DEFAULT_KEEP)
            if old == keep:
                return None
            meta["backup_keep"] = keep
            change = Change(
                at=_now(), user=this_user(), plan_id="", action="edit", field="settings.backup_keep",
                old=old, new=keep,
            )
            append_history(data, [change])
            return [change]

        self._commit(set_keep)
        self._prune()  # the new number holds from now on, not from tomorrow's first save

    def changed_on_disk(self) -> bool:
        """Whether another program changed (or removed) the file since this store read or wrote it."""
        return _disk_key(self._target) != self._known

    def reload(self) -> None:
        """Read the file again as it is on disk now (after an outside change), checking it in full."""
        self._check_open()
        status = file_status(self.path)
        if status is None:
            raise store_error(self.path, "ไฟล์ฐานข้อมูลหายไป", "the database file has disappeared")
        try:
            raw, st = read_checked(self.path, self._target, status)
            data, old_version = checked_data(self.path, raw, full=not self.read_only)
        except StoreError as exc:
            raise with_restore_hint(exc, self.path) from None
        self._storage.prime(st, data)
        self._known = stat_key(st)
        if old_version < SCHEMA_VERSION and not self.read_only:
            # Another program put back an older file (a restore by hand): upgrade it as open does.
            self._known = None
            self._commit(lambda _data: [], force=True)

    @property
    def lock_holder(self) -> Holder | None:
        """Who holds the writer lock now (another program, for a read-only store)."""
        try:
            return current_holder(self._target)
        except LockError:
            return None

    def close(self) -> None:
        """Let go of the file and of the writer lock; the store cannot be used afterwards."""
        if not self._closed:
            self._closed = True
            self._db.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    # --- writing ---------------------------------------------------------------------------------

    def _record(self, change: Change) -> None:
        def add(data: dict[str, Any]) -> list[Change]:
            append_history(data, [change])
            return [change]

        self._commit(add)

    def _commit(
        self, mutate: Callable[[dict[str, Any]], list[Change] | None], *, force: bool = False
    ) -> list[Change]:
        """Apply ``mutate`` to the whole data and write it once: the one way anything is saved.

        ``mutate`` returns the changes it made, or None when there is nothing to write.
        """
        self._check_open()
        if self.read_only:
            raise store_error(
                self.path,
                "เปิดแบบอ่านอย่างเดียว บันทึกไม่ได้",
                "opened read-only, nothing can be saved",
                advice=None,
            )
        if self.changed_on_disk():
            if not force:
                raise _outside_change(self.path, gone=not os.path.lexists(self.path))
            self._keep_outside_version()
        with self._writing():
            data = self._storage.read()
            if data is None:
                raise ValueError("the database file is empty")
            changes = mutate(data)
            if changes is None:
                return []
            backed_up = self._daily_backup()
            self._storage.write(data)
            self._known = _disk_key(self._target)
            # TinyDB caches nothing the store reads; its tables see the new data on their next read.
        if backed_up:
            self._prune()
        return changes

    def _keep_outside_version(self) -> None:
        """Before overwriting an outside change on request: back that version up, then read it."""
        if os.path.exists(self._target):
            try:
                make_backup(self._target, BackupReason.OVERWRITE, now=_clock())
            except BackupError as exc:
                raise StoreError(
                    f"{shown_path(self.path)}: ไม่ได้บันทึกทับ เพราะสำรองฉบับที่ถูกเปลี่ยนไม่ได้ "
                    f"(not overwritten: the changed version could not be backed up: {exc})"
                ) from None
            self.reload()
            self._prune()
        else:
            self._known = None

    def _daily_backup(self) -> bool:
        """Back the file up before the day's first save; whether a backup was made."""
        now = _clock()
        today = now.date()
        if self._backup_checked == today:
            return False  # looked (or made one) today already: spare every save a folder scan
        try:
            made = daily_backup_if_due(self._target, now=now) is not None
            self._backup_checked = today
            return made
        except BackupError as exc:
            # A backup that cannot be made must not cost the user the edit being saved.
            self.warnings.append(f"สำรองไฟล์ประจำวันไม่สำเร็จ (the daily backup failed): {exc}")
            return False

    def _prune(self) -> None:
        with contextlib.suppress(OSError, BackupError):
            prune(self._target, self.backup_keep)

    def _meta(self) -> dict[str, Any]:
        with self._reading():
            data = self._storage.read() or {}
            return dict(next(iter(data[META_TABLE].values())))

    # --- error handling --------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise store_error(self.path, "ฐานข้อมูลถูกปิดแล้ว", "the store is closed", advice=None)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        self._check_open()
        with _guard(self.path, "อ่านฐานข้อมูล", "read the database"):
            yield

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        self._check_open()
        try:
            with _guard(self.path, "บันทึก", "save", replacing=True):
                yield
        except BaseException:
            # The data is edited in memory before it is written; after a failure the cache may
            # hold edits that never reached the file.
            self._storage.invalidate()
            raise


def _clock() -> datetime:
    """The local time now, with its offset: the one clock of the store.

    History times, backup names and the day of the daily backup all come from here, so that they
    agree with each other, and so that a test can move the day on by replacing this one function.
    """
    return datetime.now().astimezone()


def _now() -> str:
    return _clock().isoformat(timespec="seconds")


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files of saves a crash cut short (call only with the writer lock held)."""
    target = Path(os.path.realpath(path))
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _outside_change(path: Path, *, gone: bool) -> OutsideChange:
    if gone:
        thai, english = (
            "ไฟล์ฐานข้อมูลหายไปหลังจากที่อ่านไว้ จึงยังไม่ได้บันทึก",
            "the database file has disappeared since it was read, so nothing was saved",
        )
    else:
        thai, english = (
            "ไฟล์ถูกเปลี่ยนโดยโปรแกรมอื่นหลังจากที่อ่านไว้ จึงยังไม่ได้บันทึกทับ",
            "the file was changed by another program since it was read, so it was not overwritten",
        )
    return OutsideChange(
        f"{shown_path(path)}: {thai} — โหลดไฟล์ใหม่ หรือบันทึกทับโดยสำรองฉบับนั้นไว้ก่อน "
        f"({english}; reload it, or save over it after backing that version up)"
    )


def _disk_key(target: Path) -> _StatKey | None:
    try:
        return stat_key(os.stat(target))
    except OSError:
        return None


def _acquire(path: Path, program: str, wait: float) -> WriterLock:
    try:
        return WriterLock.acquire(path, program, wait=wait)
    except LockHeld as exc:
        raise StoreLocked(
            f"{shown_path(path)}: ฐานข้อมูลกำลังถูกแก้ไขโดยโปรแกรมอื่น — รอให้อีกฝ่ายปิดแล้วลองใหม่ "
            f"ระหว่างนี้ดูและส่งออกรายงานได้ (the database is being edited by another program; wait for it "
            f"to close and try again, meanwhile it can still be read and exported): "
            f"{exc.holder.describe() if exc.holder else 'ไม่ทราบผู้ใช้ (unknown holder)'}",
            exc.holder,
        ) from None
    except LockError as exc:
        raise StoreError(str(exc)) from None


def _atomic_storage(db: TinyDB) -> AtomicJSONStorage:
    storage = db.storage
    if not isinstance(storage, AtomicJSONStorage):
        raise TypeError("the store needs a TinyDB on AtomicJSONStorage")
    return storage


@contextlib.contextmanager
def _guard(path: Path, thai_action: str, english_action: str, *, replacing: bool = False) -> Iterator[None]:
    """Turn the errors of reading or writing the file into one-line StoreErrors.

    ``replacing``: the work replaces an existing file, so a failure can say it is unchanged (what
    :func:`~tracker.storage.atomic.write_atomic` guarantees for every error but NotDurableError).
    """
    unchanged = (" ไฟล์เดิมไม่ถูกเปลี่ยน", "; the file is unchanged") if replacing else ("", "")
    try:
        yield
    except StoreError:
        raise
    except NotDurableError as exc:
        raise store_error(
            path,
            f"{thai_action}แล้ว แต่ยืนยันการเขียนลงดิสก์ไม่ได้: {exc.strerror}",
            f"{english_action}: done, but not confirmed on disk: {exc.strerror}",
            advice=None,
        ) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            thai, english = "ดิสก์เต็ม", "the disk is full"
        elif isinstance(exc, PermissionError):
            thai, english = "ไม่มีสิทธิ์เข้าถึงไฟล์หรือโฟลเดอร์", "permission denied"
            if exc.strerror and exc.strerror != os.strerror(errno.EACCES):
                english += f": {exc.strerror}"
        elif isinstance(exc, FileNotFoundError):
            thai, english = "ไฟล์หรือโฟลเดอร์หายไป", "the file or its folder has disappeared"
        else:
            thai = english = one_line(exc.strerror or str(exc))
        raise store_error(
            path,
            f"{thai_action}ไม่สำเร็จ: {thai}{unchanged[0]}",
            f"could not {english_action}: {english}{unchanged[1]}",
            advice=None,
        ) from exc
    except UnicodeEncodeError as exc:
        raise store_error(
            path,
            f"{thai_action}ไม่สำเร็จ: ข้อความมีอักขระที่บันทึกเป็น UTF-8 ไม่ได้{unchanged[0]}",
            f"could not {english_action}: the text holds characters UTF-8 cannot store{unchanged[1]}",
            advice=None,
        ) from exc
    except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError, RecursionError) as exc:
        # Only possible if another program changed the file after it was checked.
        damaged = store_error(
            path,
            f"{thai_action}ไม่สำเร็จ: ข้อมูลในไฟล์เสียหาย",
            f"could not {english_action}: the data is damaged ({what_is_wrong(exc)})",
        )
        raise with_restore_hint(damaged, path) from exc


def _load(path: Path, status: os.stat_result, *, read_only: bool) -> tuple[TinyDB, _StatKey]:
    """TinyDB on the existing database at ``path``, checked in full, and the identity of its file.

    An older file is upgraded on disk (for a writer, after its original bytes were backed up) or in
    memory (read-only). A damaged file's error carries its :class:`RestoreHint`.
    """
    # Write through symbolic links, so that a link to the database stays a link.
    target = Path(os.path.realpath(path))
    try:
        raw, st = read_checked(path, target, status)
        data, old_version = checked_data(path, raw, full=not read_only)
    except StoreError as exc:
        raise with_restore_hint(exc, path) from None

    db = TinyDB(str(target), storage=AtomicJSONStorage, replaced_only=_REPLACED_ONLY)
    storage = _atomic_storage(db)
    if old_version < SCHEMA_VERSION and not read_only:
        # The original bytes are kept before anything is rewritten; no backup, no upgrade.
        try:
            make_backup(target, BackupReason.MIGRATION, now=_clock(), raw=raw)
        except BackupError as exc:
            raise store_error(
                path,
                "ไม่ได้ปรับรุ่นไฟล์ เพราะสำรองไฟล์เดิมไม่ได้ ไฟล์เดิมไม่ถูกเปลี่ยน",
                f"the file was not upgraded because no backup could be made ({exc}); "
                "the file is unchanged",
                advice=None,
            ) from None
        with _guard(path, "ปรับรุ่นไฟล์", "upgrade the file", replacing=True):
            storage.write(data)
        known = stat_key(os.stat(target))
    else:
        storage.prime(st, data)
        known = stat_key(st)
    return db, known


def _put_back(path: Path, backup: str) -> tuple[Backup, Backup | None, int | None]:
    """Replace the database at ``path`` by the backup named ``backup`` (call with the writer lock held).

    The backup is checked in full first; the file it replaces is backed up first. Returns the backup
    put back, the backup of the replaced file (None when there was none) and the replaced file's
    backup_keep setting (None when it had none).
    """
    try:
        chosen = find_backup(path, backup)
    except BackupError as exc:
        raise StoreError(str(exc)) from None
    status = file_status(chosen.path)
    if status is None:
        raise store_error(chosen.path, "ไม่มีไฟล์สำรองนี้", "no such backup", ADVICE_OTHER)
    raw, _ = read_checked(chosen.path, chosen.path, status)
    checked_data(chosen.path, raw)  # refuse a damaged backup before touching anything
    target = Path(os.path.realpath(path))
    safety: Backup | None = None
    keep = recorded_backup_keep(target)
    if target.exists():
        try:
            safety = make_backup(target, BackupReason.RESTORE, now=_clock())
        except BackupError as exc:
            raise store_error(
                path,
                "ไม่ได้กู้คืน เพราะสำรองไฟล์ปัจจุบันไม่ได้ ไฟล์เดิมไม่ถูกเปลี่ยน",
                f"nothing was restored because the current file could not be backed up "
                f"({exc}); the file is unchanged",
                advice=None,
            ) from None
    else:
        _make_parent(path)
    with _guard(path, "กู้คืน", "restore", replacing=True):
        write_atomic(target, raw)
    return chosen, safety, keep


def _make_parent(path: Path) -> None:
    """Create the folders a new database goes into."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise parent_is_file(path) from None
    except OSError as exc:
        raise store_error(
            path,
            f"สร้างโฟลเดอร์ {shown_path(path.parent)} ไม่ได้: {exc.strerror}",
            f"cannot create the folder {shown_path(path.parent)}: {exc.strerror}",
            advice=ADVICE_OTHER,
        ) from None
