"""The store: every plan of an office in one TinyDB JSON file.

The file is checked completely before TinyDB is given it, and a file that fails the check is never
written to: a damaged, foreign or newer file is reported with :class:`StoreError` and left exactly
as it was, so that nothing is lost that a backup or a newer version could still recover. Saves go
through :class:`~tracker.storage.atomic.AtomicJSONStorage`, so a crash or a full disk leaves the
previous version of the file whole.

Layout of the file (TinyDB tables)::

    {"meta":    {"1": {"app": "tracker", "schema_version": 3, "backup_keep": 30}},
     "plans":   {"1": <plan_to_dict(plan)>, "2": ...},
     "history": {"1": <Change.to_dict()>, ...}}

Safety around every save (one function, :meth:`Store._commit`, does all writing):

- one writer at a time: a store opened for writing holds the writer lock (:mod:`.lock`); a second
  one gets :class:`StoreLocked` naming who holds it, and may open read-only instead. A lock left by
  a killed program is taken over (the operating system frees it with the process).
- outside changes: the file's identity (device, inode, size, mtime) is remembered when it is read or
  written; if it differs before a save, :class:`OutsideChange` is raised and nothing is written. The
  caller reloads, or saves with ``force`` after the other version has been backed up.
- backups (:mod:`.backups`, in ``backups/`` next to the file): the day's first save copies the file
  first, an upgrade of the schema keeps the original bytes first, a restore backs up what it
  replaces; only the newest ``backup_keep`` are kept.
- history: every save records each changed field (:mod:`tracker.domain.history`), in the same write.

Other choices: a symbolic link to the database stays a link (saves go to the file it points to);
a new database gets its missing parent folders and mode 0o600 (an existing one keeps its mode);
a file over :data:`MAX_FILE_BYTES` is refused unread. Temporary files of saves cut short by a
crash (hidden, ``.<name>.*.tmp``) are removed when a writer opens the database: it holds the lock,
so no other program of ours can be in the middle of a save.

Schema versions: a file records the version of this layout it was written with. A newer file is
refused (an older program must not rewrite data it does not understand). An older file is upgraded
one step at a time by the functions in :data:`MIGRATIONS`, after its original bytes were backed up
(no backup, no upgrade). A read-only store upgrades in memory only. Version 1 had no project uids
and no history; version 2 one narrative per plan (version 3: one per round); a file claiming
version 0 is refused as "older than any upgrade".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from glob import escape as glob_escape
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import Query, TinyDB

from tracker.domain.history import Change, diff_plans
from tracker.domain.model import Plan, Project, ensure_uids, new_uid, plan_from_dict, plan_to_dict
from tracker.domain.thai import DigitStyle
from tracker.storage.atomic import (
    AtomicJSONStorage,
    NotDurableError,
    _StatKey,
    decode_json,
    encode_json,
    stat_key,
    write_atomic,
)
from tracker.storage.backups import (
    DEFAULT_KEEP,
    Backup,
    BackupError,
    BackupReason,
    backup_dir,
    daily_backup_if_due,
    find_backup,
    list_backups,
    make_backup,
    prune,
)
from tracker.storage.errors import (
    ADVICE_NEWER,
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
from tracker.storage.lock import Holder, LockError, LockHeld, WriterLock, current_holder, this_user

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

SCHEMA_VERSION = 3
APP_MARK = "tracker"
META_TABLE = "meta"
PLANS_TABLE = "plans"
HISTORY_TABLE = "history"

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A real database holds a few plans of some kilobytes each; anything this big is another file."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _one_to_two(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2: every project gets a stable ``uid`` ("p<number>"), and the history table appears."""
    for doc in data.get(PLANS_TABLE, {}).values():
        projects = doc.get("projects")
        if not isinstance(projects, list):
            continue  # the plan check that follows refuses it with its own words
        taken = {p["uid"] for p in projects if isinstance(p, dict) and isinstance(p.get("uid"), str)}
        for project in projects:
            if isinstance(project, dict) and not project.get("uid"):
                uid = f"p{project.get('number')}"
                while uid in taken:
                    uid = new_uid()
                project["uid"] = uid
                taken.add(uid)
    data.setdefault(HISTORY_TABLE, {})
    return data


def _two_to_three(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3: each round has its own narrative; a plan's one narrative becomes its round's."""
    for doc in data.get(PLANS_TABLE, {}).values():
        if not isinstance(doc, dict) or "narratives" in doc:
            continue
        narrative = doc.pop("narrative", None) or {}
        doc["narratives"] = {str(doc.get("round", 12)): narrative}
    return data


MIGRATIONS: dict[int, Migration] = {1: _one_to_two, 2: _two_to_three}
"""``MIGRATIONS[v]`` turns the whole data of a version ``v`` file into version ``v + 1``.

A migration receives and returns the parsed file (all tables); it need not touch the recorded
version, which the caller sets after the last step.
"""

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
        in full (see the module docstring); any problem raises :class:`StoreError` and the file is
        left untouched. For a new database missing parent folders are created, and the file is
        written once, whole, before this returns. ``initial_plans`` is ignored for an existing file.
        ``read_only``: no lock, no file is created, upgraded or saved.
        """
        path = Path(path)
        if read_only:
            return cls._open_with(path, None, initial_plans, read_only=True)
        _status(path)  # a path that cannot hold a database is named as such, not as a lock failure
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
        status = _status(path)
        if status is None:
            if read_only:
                raise store_error(
                    path, "ไม่มีไฟล์ฐานข้อมูลนี้", "there is no such database file", ADVICE_OTHER
                )
            return cls._create(path, initial_plans or [], lock)

        # Write through symbolic links, so that a link to the database stays a link.
        target = Path(os.path.realpath(path))
        try:
            raw, st = _read_checked(path, target, status)
            data, old_version = _checked_data(path, raw, full=not read_only)
        except StoreError as exc:
            raise _with_backup_advice(exc, path) from None

        db = TinyDB(str(target), storage=AtomicJSONStorage)
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
        store = cls(path, db, created=False, known=known, lock=lock, read_only=read_only)
        if lock is not None:
            store.warnings.extend(lock.notices())
        return store

    @classmethod
    def _create(cls, path: Path, plans: list[Plan], lock: WriterLock | None) -> Store:
        _make_parent(path)
        db = TinyDB(str(path), storage=AtomicJSONStorage)
        docs: dict[str, dict[str, Any]] = {}
        ids: dict[str, str] = {}
        for plan in plans:
            ensure_uids(plan)
            # A repeated plan id replaces the earlier plan, as save_plan would.
            doc_id = ids.setdefault(plan.plan_id, str(len(ids) + 1))
            docs[doc_id] = plan_to_dict(plan)
        data = {
            META_TABLE: {"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}},
            PLANS_TABLE: docs,
            HISTORY_TABLE: {},
        }
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
            try:
                chosen = find_backup(path, backup)
            except BackupError as exc:
                raise StoreError(str(exc)) from None
            status = _status(chosen.path)
            if status is None:
                raise store_error(chosen.path, "ไม่มีไฟล์สำรองนี้", "no such backup", ADVICE_OTHER)
            raw, _ = _read_checked(chosen.path, chosen.path, status)
            _checked_data(chosen.path, raw)  # refuse a damaged backup before touching anything
            target = Path(os.path.realpath(path))
            safety: Backup | None = None
            keep = _kept_setting(target)
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
            except _CONVERSION_ERRORS:
                raise _with_backup_advice(
                    _unreadable_plan(self.path, str(doc.doc_id), plan_problem(dict(doc))), self.path
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
            plans[doc_id or _next_id(plans)] = doc
            _append_history(data, changes)
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
            _append_history(data, [change])
            return [change]

        self._commit(remove)

    # --- history, settings, the file on disk -----------------------------------------------------

    def history(self, plan_id: str | None = None, project_uid: str | None = None) -> list[Change]:
        """Recorded changes, oldest first; only a plan's, or only one project's, when asked."""
        with self._reading():
            table = self._storage.read() or {}
            entries = table.get(HISTORY_TABLE, {})
            changes = [Change.from_dict(entries[k]) for k in sorted(entries, key=int)]
        return [
            c for c in changes
            if (plan_id is None or c.plan_id == plan_id)
            and (project_uid is None or c.project_uid == project_uid)
        ]

    @property
    def backup_keep(self) -> int:
        """How many backups to keep in ``backups/`` (a setting stored in the file)."""
        keep = self._meta().get("backup_keep", DEFAULT_KEEP)
        return keep if isinstance(keep, int) and not isinstance(keep, bool) and keep >= 1 else DEFAULT_KEEP

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
            _append_history(data, [change])
            return [change]

        self._commit(set_keep)
        self._prune()  # the new number holds from now on, not from tomorrow's first save

    def changed_on_disk(self) -> bool:
        """Whether another program changed (or removed) the file since this store read or wrote it."""
        return _disk_key(self._target) != self._known

    def reload(self) -> None:
        """Read the file again as it is on disk now (after an outside change), checking it in full."""
        self._check_open()
        status = _status(self.path)
        if status is None:
            raise store_error(self.path, "ไฟล์ฐานข้อมูลหายไป", "the database file has disappeared")
        try:
            raw, st = _read_checked(self.path, self._target, status)
            data, old_version = _checked_data(self.path, raw, full=not self.read_only)
        except StoreError as exc:
            raise _with_backup_advice(exc, self.path) from None
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
            _append_history(data, [change])
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


def _next_id(table: dict[str, Any]) -> str:
    return str(max((int(k) for k in table), default=0) + 1)


COALESCE_SECONDS = 120
"""Saves of one field by one person within this time read as one change in the history.

Autosave writes after every pause in typing; without this, a sentence typed in three breaths would
leave three entries, two of them half-sentences nobody wrote on purpose.
"""


def _append_history(data: dict[str, Any], changes: list[Change]) -> None:
    """Add one save's changes; a field the previous save also changed extends that entry instead.

    The previous save's entries are all looked at, not only the very last entry: one save often
    changes several fields (an autosave after a pause), and typing on in any of them must not
    start a new entry for every pause.
    """
    table = data.setdefault(HISTORY_TABLE, {})
    previous = _last_save(table)
    for change in changes:
        match = next((k for k in previous if _continues(table[k], change)), None)
        if match is None:
            table[_next_id(table)] = change.to_dict()
            continue
        previous.remove(match)
        merged = dict(table.pop(match), new=change.new, at=change.at)
        if merged["old"] != merged["new"]:  # typed and typed back: nothing changed after all
            table[_next_id(table)] = merged  # moved to the end, so that entries stay in time order


def _last_save(table: dict[str, Any]) -> list[str]:
    """The ids of the entries the latest save wrote: the last ones, of one time and one user.

    Entries carry no save of their own; two saves by one user within one second read as one here,
    which only lets them coalesce as they would a second later.
    """
    ids = sorted(table, key=int)
    if not ids:
        return []
    last = table[ids[-1]]
    found: list[str] = []
    for doc_id in reversed(ids):
        entry = table[doc_id]
        if entry.get("at") != last.get("at") or entry.get("user") != last.get("user"):
            break
        found.append(doc_id)
    return found


def _continues(last: dict[str, Any], change: Change) -> bool:
    if change.action != "edit" or last.get("action") != "edit":
        return False
    same = all(
        last.get(k) == v
        for k, v in (
            ("user", change.user), ("plan_id", change.plan_id),
            ("project_uid", change.project_uid), ("field", change.field),
        )
    )
    if not same:
        return False
    try:
        gap = datetime.fromisoformat(change.at) - datetime.fromisoformat(str(last.get("at")))
    except ValueError:
        return False
    return 0 <= gap.total_seconds() <= COALESCE_SECONDS


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files of saves a crash cut short (call only with the writer lock held)."""
    target = Path(os.path.realpath(path))
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _kept_setting(target: Path) -> int | None:
    """The backup_keep a database file records (None when it records none or cannot be read)."""
    try:
        meta = decode_json(target.read_bytes())[META_TABLE]
        keep = next(iter(meta.values())).get("backup_keep")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, StopIteration, RecursionError):
        return None
    return keep if isinstance(keep, int) and not isinstance(keep, bool) and keep >= 1 else None


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


def _with_backup_advice(exc: StoreError, path: Path) -> StoreError:
    """A damaged-file error with its :class:`RestoreHint`: the newest backup that is not damaged too."""
    if not exc.restorable or exc.restore_hint is not None:
        return exc
    try:
        backups = list_backups(Path(os.path.realpath(path)))
    except (OSError, BackupError):
        backups = []
    latest = next((b for b in backups if _restorable(b)), None)
    hint = RestoreHint(
        database=path,
        folder=backup_dir(path),
        latest=None if latest is None else latest.name,
        damaged_only=latest is None and bool(backups),
    )
    return StoreError(str(exc), restore_hint=hint)


def _restorable(backup: Backup) -> bool:
    """Whether a restore of ``backup`` would be accepted: the newest backup may be a copy of the very
    damage being reported (one kept before an overwrite or a restore), and advice to restore it would
    only be refused."""
    try:
        status = _status(backup.path)
        if status is None:
            return False
        raw, _ = _read_checked(backup.path, backup.path, status)
        _checked_data(backup.path, raw)
    except StoreError:
        return False
    return True


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
        raise _with_backup_advice(damaged, path) from exc


# --- checking a file before use ------------------------------------------------------------------


def _status(path: Path) -> os.stat_result | None:
    """The file's status, or None when there is no file and one may be created there."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise store_error(
                path, "ลิงก์ชี้ไปยังไฟล์ที่ไม่มีอยู่", "a symbolic link to a file that does not exist"
            ) from None
        return None
    except NotADirectoryError:
        raise _parent_is_file(path) from None
    except OSError as exc:
        raise store_error(
            path, f"เข้าถึงไฟล์ไม่ได้: {exc.strerror}", f"cannot reach the file: {exc.strerror}"
        ) from None


def _parent_is_file(path: Path) -> StoreError:
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
    return store_error(
        path,
        f"สร้างฐานข้อมูลไม่ได้ เพราะ {shown_path(blocker)} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
        f"cannot create the database: {shown_path(blocker)} is a file, not a folder",
        advice=ADVICE_OTHER,
    )


def _make_parent(path: Path) -> None:
    """Create the folders a new database goes into."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise _parent_is_file(path) from None
    except OSError as exc:
        raise store_error(
            path,
            f"สร้างโฟลเดอร์ {shown_path(path.parent)} ไม่ได้: {exc.strerror}",
            f"cannot create the folder {shown_path(path.parent)}: {exc.strerror}",
            advice=ADVICE_OTHER,
        ) from None


def _read_checked(path: Path, target: Path, st: os.stat_result) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the status they belong to; refuses what is not a readable plain file."""
    if stat.S_ISDIR(st.st_mode):
        raise store_error(path, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "this is a folder, not a file", ADVICE_OTHER)
    if not stat.S_ISREG(st.st_mode):
        # A pipe or a device could block forever or never end; refuse before opening it.
        raise store_error(path, "ไม่ใช่ไฟล์ธรรมดา", "this is not a regular file", ADVICE_OTHER)
    if st.st_size > MAX_FILE_BYTES:
        raise store_error(
            path,
            f"ไฟล์ใหญ่เกินกว่าจะเป็นฐานข้อมูลของโปรแกรมนี้ ({st.st_size:,} ไบต์)",
            f"the file is too large to be a tracker database: {st.st_size:,} bytes",
        )
    try:
        with open(target, "rb") as handle:
            opened = os.fstat(handle.fileno())
            # Ask for what the file holds (plus one byte, to notice growth), not for the limit: a
            # request of the limit's size would reserve that much memory for any small file.
            raw = handle.read(min(opened.st_size, MAX_FILE_BYTES) + 1)
    except PermissionError:
        raise store_error(path, "ไม่มีสิทธิ์อ่านไฟล์", "no permission to read the file") from None
    except OSError as exc:
        raise store_error(
            path, f"อ่านไฟล์ไม่ได้: {exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise store_error(path, "ไฟล์ใหญ่เกินไป", "the file is too large to be a tracker database")
    return raw, opened


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    """The file's JSON object, or a StoreError saying how it is broken."""
    if not raw:
        raise store_error(path, "ไฟล์ว่างเปล่า 0 ไบต์", "the file is empty, 0 bytes")
    if not raw.strip(b"\x00"):
        # What some file systems leave of a file whose data never reached the disk before a crash.
        raise store_error(
            path, "ไฟล์มีแต่ไบต์ศูนย์ ข้อมูลหายไป", "the file holds only zero bytes, its data is lost"
        )
    if not raw.strip():
        raise store_error(
            path, "ไฟล์มีแต่ช่องว่าง ไม่มีข้อมูล", "the file holds only blank space, no data"
        )
    try:
        data = decode_json(raw)
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) and "end of data" in exc.reason:
            raise _truncated(path) from None
        raise store_error(
            path,
            f"ไฟล์ไม่ใช่ข้อความ UTF-8 ไบต์ที่ {exc.start} ผิดรูปแบบ",
            f"the file is not UTF-8 text: bad byte at offset {exc.start}",
        ) from None
    except json.JSONDecodeError as exc:
        text = raw.decode("utf-8")
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise _truncated(path) from None
        raise store_error(
            path,
            f"ไฟล์ไม่ใช่ JSON ที่ถูกต้อง บรรทัด {exc.lineno} คอลัมน์ {exc.colno}",
            f"the file is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
        ) from None
    except (ValueError, RecursionError) as exc:
        # Non-standard values (NaN), numbers too long to convert, absurdly deep nesting.
        raise store_error(
            path, "ไฟล์ไม่ใช่ JSON ที่ถูกต้อง", f"the file is not valid JSON: {one_line(str(exc))}"
        ) from None
    if not isinstance(data, dict):
        kind = _JSON_KINDS.get(type(data), type(data).__name__)
        raise store_error(
            path,
            f"ข้อมูลในไฟล์ไม่ใช่ฐานข้อมูล JSON ชั้นนอกสุดเป็น {kind} ไม่ใช่ object",
            f"not a database: the JSON holds {kind}, not an object",
        )
    return data


_JSON_KINDS: dict[type, str] = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def _truncated(path: Path) -> StoreError:
    return store_error(
        path,
        "ข้อมูลในไฟล์ขาดตอน ไฟล์ถูกตัดกลางคัน",
        "the data stops part-way: the file was cut short",
    )


def _check_meta(path: Path, data: dict[str, Any]) -> int:
    """The file's schema version, after making sure the file is ours and not from the future."""
    meta = data.get(META_TABLE)
    docs = list(meta.values()) if isinstance(meta, dict) else []
    ours = [d for d in docs if isinstance(d, dict) and d.get("app") == APP_MARK]
    if not ours:
        raise store_error(
            path,
            "ไม่ใช่ฐานข้อมูลของโปรแกรมนี้ อาจเป็นไฟล์ของโปรแกรมอื่น",
            f'not a tracker database, perhaps another program\'s file: no "{META_TABLE}" table '
            f'with app "{APP_MARK}"',
        )
    if len(docs) != 1:
        raise store_error(
            path,
            f"ตาราง {META_TABLE} เสียหาย มีมากกว่าหนึ่งรายการ",
            f'the "{META_TABLE}" table is damaged: it holds {len(docs)} records instead of one',
        )
    version = ours[0].get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise store_error(
            path,
            "รุ่นของข้อมูล schema_version เสียหาย",
            f"the schema_version is damaged: {one_line(repr(version))[:40]}",
        )
    if version > SCHEMA_VERSION:
        raise store_error(
            path,
            f"ไฟล์นี้สร้างโดยโปรแกรมรุ่นใหม่กว่า รุ่นข้อมูล {version} แต่รุ่นนี้อ่านได้ถึง {SCHEMA_VERSION}",
            f"made by a newer version of the program: schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}",
            advice=ADVICE_NEWER,
        )
    return version


def _checked_data(path: Path, raw: bytes, *, full: bool = True) -> tuple[dict[str, Any], int]:
    """The file's data, checked and upgraded in memory, and the version it was written with.

    ``full``: every plan is converted and every history entry read, so that a damaged part is
    refused before anything could be written. A read-only store, which never writes, checks only
    what listing the plans needs (:func:`_check_plan_heads`) and converts a plan when it is loaded:
    opening a province's file then costs little more than parsing it, and a damaged plan is still
    refused, with the same message, when it is read.
    """
    data = _parse(path, raw)
    version = _check_meta(path, data)
    _check_tables(path, data)
    if version < SCHEMA_VERSION:
        data = _migrate(path, data, version)
        _check_tables(path, data)
    if full:
        _check_plans(path, data)
        _check_history(path, data)
    else:
        _check_plan_heads(path, data)
    return data, version


def _unreadable_plan(path: Path, doc_id: str, problem: str) -> StoreError:
    return store_error(
        path,
        f"แผนในเอกสารที่ {doc_id} อ่านไม่ได้",
        f"plan document {doc_id} cannot be read: {one_line(problem)[:120]}",
    )


_CONVERSION_ERRORS = (KeyError, ValueError, TypeError, AttributeError, ArithmeticError, RecursionError)


def _converts(doc: Any) -> BaseException | None:
    try:
        plan_from_dict(doc)
    except _CONVERSION_ERRORS as exc:
        return exc
    return None


def plan_problem(doc: Any) -> str:
    """Where a plan document that does not convert into a Plan is wrong, in words a person can act on.

    Found by trial: each project alone, then each of its fields (or the plan's own) set back to what a
    new plan holds, until the document converts. "project 3 (number 3), field 'budget': is not a valid
    amount or number".
    """
    if not isinstance(doc, dict):
        return "the plan is not a JSON object"
    first = _converts(doc)
    if first is None:
        return "it cannot be read"
    blank = plan_to_dict(Plan(plan_id="x", organization="x", fiscal_year=2567))
    projects = doc.get("projects")
    if isinstance(projects, list):
        for index, project in enumerate(projects):
            alone = {**doc, "projects": [project]}
            exc = _converts(alone)
            if exc is None:
                continue
            if not isinstance(project, dict):
                return f"project {index + 1} is not a JSON object"
            where = f"project {index + 1}"
            if isinstance(project.get("number"), int):
                where += f" (number {project['number']})"
            fresh = {**blank, "projects": [project]}
            if _converts(fresh) is None:
                break  # the project is fine on its own: the plan's own fields are wrong
            template = _blank_project()
            for key in project:
                if key in template and _converts({**blank, "projects": [{**project, key: template[key]}]}) is None:
                    return f"{where}, field {one_line(repr(key))[:40]}: {what_is_wrong(exc)}"
            return f"{where}: {what_is_wrong(exc)}"
    for key in doc:
        if key == "projects":
            continue
        fixed = {**doc, key: blank[key]} if key in blank else {k: v for k, v in doc.items() if k != key}
        if _converts(fixed) is None:
            return f"field {one_line(repr(key))[:40]}: {what_is_wrong(first)}"
    return what_is_wrong(first)


def _blank_project() -> dict[str, Any]:
    """What a new project holds, field by field, as stored."""
    plan = Plan(plan_id="x", organization="x", fiscal_year=2567, projects=[Project(number=1, name="x", dimension=1)])
    project: dict[str, Any] = plan_to_dict(plan)["projects"][0]
    return project


def _check_plan_heads(path: Path, data: dict[str, Any]) -> None:
    """What :meth:`Store.list_plans` reads from each plan document, and unique plan ids."""
    seen: set[str] = set()
    for doc_id, doc in data.get(PLANS_TABLE, {}).items():
        plan_id, year = doc.get("plan_id"), doc.get("fiscal_year")
        if not isinstance(plan_id, str):
            problem = f"plan_id is {type(plan_id).__name__}, not text"
        elif not isinstance(doc.get("organization"), str):
            problem = "missing field 'organization'"
        elif not isinstance(year, int) or isinstance(year, bool):
            problem = "the fiscal year is not a number"
        elif not isinstance(doc.get("projects"), list):
            problem = "projects is not a list"
        elif plan_id in seen:
            problem = f"a second plan with the id {plan_id!r}"
        else:
            seen.add(plan_id)
            continue
        raise _unreadable_plan(path, doc_id, problem)


def _check_history(path: Path, data: dict[str, Any]) -> None:
    for doc_id, doc in data.get(HISTORY_TABLE, {}).items():
        try:
            Change.from_dict(doc)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise store_error(
                path,
                f"บันทึกการเปลี่ยนแปลงรายการที่ {doc_id} เสียหาย",
                f"history entry {doc_id} is damaged: {what_is_wrong(exc)}",
            ) from None


def _check_tables(path: Path, data: dict[str, Any]) -> None:
    """Every table must be what TinyDB expects: numbered documents, each a JSON object."""
    for name, table in data.items():
        ok = isinstance(table, dict) and all(
            isinstance(k, str) and k.isascii() and k.isdigit() and isinstance(v, dict)
            for k, v in table.items()
        )
        if not ok:
            raise store_error(
                path,
                f"ตาราง {one_line(repr(name))[:40]} เสียหาย",
                f"the table {one_line(repr(name))[:40]} is damaged: not numbered JSON objects",
            )


def _migrate(path: Path, data: dict[str, Any], version: int) -> dict[str, Any]:
    """Upgrade ``data`` from ``version`` to :data:`SCHEMA_VERSION` one step at a time, in memory."""
    for step in range(version, SCHEMA_VERSION):
        migration = MIGRATIONS.get(step)
        if migration is None:
            raise store_error(
                path,
                f"ไฟล์นี้สร้างโดยโปรแกรมรุ่นเก่า รุ่นข้อมูล {version} ซึ่งรุ่นนี้ปรับรุ่นให้ไม่ได้",
                f"made by an older version of the program: schema {version}, which this version "
                "cannot upgrade",
            )
        try:
            data = migration(data)
        except (KeyError, ValueError, TypeError, AttributeError, ArithmeticError) as exc:
            raise store_error(
                path,
                f"ปรับรุ่นข้อมูลจาก {step} ไม่สำเร็จ ข้อมูลเสียหาย",
                f"cannot upgrade from schema {step}, the data is damaged: {what_is_wrong(exc)}",
            ) from None
    data[META_TABLE] = {"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}}
    return data


def _check_plans(path: Path, data: dict[str, Any]) -> None:
    """Every plan document must convert into a Plan, and plan ids must be unique strings."""
    seen: set[str] = set()
    for doc_id, doc in data.get(PLANS_TABLE, {}).items():
        try:
            plan_id = doc["plan_id"]
            if not isinstance(plan_id, str):
                raise TypeError(f"plan_id is {type(plan_id).__name__}, not text")
            plan = plan_from_dict(doc)
            # What list_plans reads straight from the document must be there too.
            if not isinstance(doc.get("projects"), list):
                raise TypeError("projects is not a list")
            encode_json(plan_to_dict(plan))
        except KeyError as exc:
            problem = f"missing field {exc}"
        except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            problem = str(exc) if str(exc).startswith("plan_id is") else plan_problem(doc)
        else:
            if plan_id in seen:
                problem = f"a second plan with the id {plan_id!r}"
            else:
                seen.add(plan_id)
                continue
        raise _unreadable_plan(path, doc_id, problem)
