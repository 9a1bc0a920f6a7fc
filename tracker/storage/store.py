"""The store: every plan of an office in one TinyDB JSON file.

The file is checked completely before TinyDB is given it, and a file that fails the check is never
written to: a damaged, foreign or newer file is reported with :class:`StoreError` and left exactly
as it was, so that nothing is lost that a backup or a newer version could still recover. Saves go
through :class:`~tracker.storage.atomic.AtomicJSONStorage`, so a crash or a full disk leaves the
previous version of the file whole.

Layout of the file (TinyDB tables)::

    {"meta":  {"1": {"app": "tracker", "schema_version": 1}},
     "plans": {"1": <plan_to_dict(plan)>, "2": ...}}

Other choices: a symbolic link to the database stays a link (saves go to the file it points to);
a new database gets its missing parent folders and mode 0o600 (an existing one keeps its mode);
a file over :data:`MAX_FILE_BYTES` is refused unread. Temporary files of saves cut short by a
crash (hidden, ``.<name>.*.tmp``) are left alone: removing them could break a save another
process is making at that moment.

Schema versions: a file records the version of this layout it was written with. A newer file is
refused (an older program must not rewrite data it does not understand). An older file is upgraded
one step at a time by the functions in :data:`MIGRATIONS`; a copy of the original bytes is kept
next to it as ``<name>.schema-<old>.bak`` first. Version 1 is the first version ever written, so
the registry is empty and a file claiming version 0 is refused as "older than any upgrade".
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import Query, TinyDB

from tracker.domain.model import Plan, plan_from_dict, plan_to_dict
from tracker.storage.atomic import (
    AtomicJSONStorage,
    NotDurableError,
    decode_json,
    encode_json,
    write_atomic,
)

SCHEMA_VERSION = 1
APP_MARK = "tracker"
META_TABLE = "meta"
PLANS_TABLE = "plans"

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A real database holds a few plans of some kilobytes each; anything this big is another file."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[v]`` turns the whole data of a version ``v`` file into version ``v + 1``.

A migration receives and returns the parsed file (all tables); it need not touch the recorded
version, which the caller sets after the last step. None exist yet: version 1 is the first layout.
"""

_ADVICE = (
    "กู้คืนจากไฟล์สำรอง หรือเลือกไฟล์อื่นด้วย --db",
    "restore it from a backup or choose another file with --db",
)
_ADVICE_OTHER = ("เลือกไฟล์อื่นด้วย --db", "choose another file with --db")
_ADVICE_NEWER = (
    "ใช้โปรแกรมรุ่นใหม่กว่า หรือเลือกไฟล์อื่นด้วย --db",
    "use a newer version of the program or choose another file with --db",
)


class StoreError(Exception):
    """The database cannot be used; the message names the file and what is wrong, in Thai and English."""


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """What a list of plans shows, without converting whole plans."""

    plan_id: str
    organization: str
    fiscal_year: int
    projects: int


def _shown(path: Path | str) -> str:
    """The path as it goes into a one-line message (control characters escaped)."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _error(
    path: Path | str, thai: str, english: str, advice: tuple[str, str] | None = _ADVICE
) -> StoreError:
    """A StoreError in the house format: path, Thai, then English (and what to do) in parentheses."""
    if advice is None:
        return StoreError(f"{_shown(path)}: {thai} ({english})")
    return StoreError(f"{_shown(path)}: {thai} — {advice[0]} ({english}; {advice[1]})")


class Store:
    """Plans in one file. Pass it to whatever needs it; there is no module-level instance.

    Not thread-safe: use one store from one thread at a time.
    """

    def __init__(self, path: Path, db: TinyDB, created: bool) -> None:
        self.path = path
        self.created = created
        self._db = db
        self._storage = _atomic_storage(db)
        self._closed = False

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, initial_plans: list[Plan] | None = None) -> Store:
        """Open the database at ``path``; create it holding ``initial_plans`` if it does not exist.

        An existing file is read and checked in full first (see the module docstring); any problem
        raises :class:`StoreError` and the file is left untouched. For a new database missing
        parent folders are created, and the file is written once, whole, before this returns.
        ``initial_plans`` is ignored for an existing file.
        """
        path = Path(path)
        status = _status(path)
        if status is None:
            return cls._create(path, initial_plans or [])

        # Write through symbolic links, so that a link to the database stays a link.
        target = Path(os.path.realpath(path))
        raw, st = _read_checked(path, target, status)
        data = _parse(path, raw)
        version = _check_meta(path, data)
        _check_tables(path, data)
        old_version = version
        if version < SCHEMA_VERSION:
            data = _migrate(path, data, version)
            _check_tables(path, data)
        _check_plans(path, data)

        db = TinyDB(str(target), storage=AtomicJSONStorage)
        if old_version < SCHEMA_VERSION:
            backup = target.with_name(f"{target.name}.schema-{old_version}.bak")
            with _guard(path, "ปรับรุ่นไฟล์", "upgrade the file", replacing=True):
                write_atomic(backup, raw)
                _atomic_storage(db).write(data)
        else:
            _atomic_storage(db).prime(st, data)
        return cls(path, db, created=False)

    @classmethod
    def _create(cls, path: Path, plans: list[Plan]) -> Store:
        _make_parent(path)
        db = TinyDB(str(path), storage=AtomicJSONStorage)
        docs: dict[str, dict[str, Any]] = {}
        ids: dict[str, str] = {}
        for plan in plans:
            # A repeated plan id replaces the earlier plan, as save_plan would.
            doc_id = ids.setdefault(plan.plan_id, str(len(ids) + 1))
            docs[doc_id] = plan_to_dict(plan)
        data = {
            META_TABLE: {"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}},
            PLANS_TABLE: docs,
        }
        # One write, so that a crash during creation leaves either no file or a complete one.
        with _guard(path, "สร้างฐานข้อมูล", "create the database"):
            _atomic_storage(db).write(data)
        return cls(path, db, created=True)

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
        with self._reading():
            meta = self._db.table(META_TABLE).all()
        return int(meta[0]["schema_version"])

    def list_plans(self) -> list[PlanInfo]:
        """One line of information per plan, in the order they were first saved."""
        with self._reading():
            docs = self._db.table(PLANS_TABLE).all()
        return [
            PlanInfo(
                str(d["plan_id"]), str(d["organization"]), int(d["fiscal_year"]), len(d["projects"])
            )
            for d in docs
        ]

    def load_plan(self, plan_id: str) -> Plan:
        """The plan with ``plan_id``; :class:`StoreError` if there is none."""
        with self._reading():
            doc = self._db.table(PLANS_TABLE).get(Query().plan_id == plan_id)
            if doc is None:
                raise _error(self.path, f"ไม่พบแผน {plan_id!r}", "no such plan", advice=None)
            # The file was checked when opened; this can fail only if it was changed since.
            return plan_from_dict(dict(doc))

    def save_plan(self, plan: Plan) -> None:
        """Insert ``plan``, or replace the stored plan with the same ``plan_id`` as a whole.

        On any failure (a full disk, a read-only file) :class:`StoreError` is raised and the file
        still holds what it held before.
        """
        doc = plan_to_dict(plan)
        same_id = Query().plan_id == plan.plan_id

        def replace(stored: MutableMapping[str, Any]) -> None:
            # TinyDB's update merges fields; a saved plan must replace the old one completely.
            stored.clear()
            stored.update(doc)

        with self._writing():
            table = self._db.table(PLANS_TABLE)
            if table.contains(same_id):
                table.update(replace, same_id)
            else:
                table.insert(doc)

    def delete_plan(self, plan_id: str) -> None:
        """Remove the plan with ``plan_id`` (nothing happens if there is none)."""
        with self._writing():
            table = self._db.table(PLANS_TABLE)
            same_id = Query().plan_id == plan_id
            if table.contains(same_id):  # no rewrite of the file for nothing
                table.remove(same_id)

    def close(self) -> None:
        """Let go of the file; the store cannot be used afterwards."""
        if not self._closed:
            self._closed = True
            self._db.close()

    # --- error handling --------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise _error(self.path, "ฐานข้อมูลถูกปิดแล้ว", "the store is closed", advice=None)

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
            # TinyDB edits the cached data in place before writing it; after a failure the cache
            # may hold edits that never reached the file.
            self._storage.invalidate()
            raise


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
        raise _error(
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
            thai = english = _one_line(exc.strerror or str(exc))
        raise _error(
            path,
            f"{thai_action}ไม่สำเร็จ: {thai}{unchanged[0]}",
            f"could not {english_action}: {english}{unchanged[1]}",
            advice=None,
        ) from exc
    except UnicodeEncodeError as exc:
        raise _error(
            path,
            f"{thai_action}ไม่สำเร็จ: ข้อความมีอักขระที่บันทึกเป็น UTF-8 ไม่ได้{unchanged[0]}",
            f"could not {english_action}: the text holds characters UTF-8 cannot store{unchanged[1]}",
            advice=None,
        ) from exc
    except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as exc:
        # Only possible if another program changed the file after it was checked.
        raise _error(
            path,
            f"{thai_action}ไม่สำเร็จ: ข้อมูลในไฟล์เสียหาย",
            f"could not {english_action}: the data is damaged: {_one_line(repr(exc))[:120]}",
        ) from exc


# --- checking a file before use ------------------------------------------------------------------


def _status(path: Path) -> os.stat_result | None:
    """The file's status, or None when there is no file and one may be created there."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise _error(
                path, "ลิงก์ชี้ไปยังไฟล์ที่ไม่มีอยู่", "a symbolic link to a file that does not exist"
            ) from None
        return None
    except NotADirectoryError:
        raise _parent_is_file(path) from None
    except OSError as exc:
        raise _error(
            path, f"เข้าถึงไฟล์ไม่ได้: {exc.strerror}", f"cannot reach the file: {exc.strerror}"
        ) from None


def _parent_is_file(path: Path) -> StoreError:
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
    return _error(
        path,
        f"สร้างฐานข้อมูลไม่ได้ เพราะ {_shown(blocker)} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
        f"cannot create the database: {_shown(blocker)} is a file, not a folder",
        advice=_ADVICE_OTHER,
    )


def _make_parent(path: Path) -> None:
    """Create the folders a new database goes into."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise _parent_is_file(path) from None
    except OSError as exc:
        raise _error(
            path,
            f"สร้างโฟลเดอร์ {_shown(path.parent)} ไม่ได้: {exc.strerror}",
            f"cannot create the folder {_shown(path.parent)}: {exc.strerror}",
            advice=_ADVICE_OTHER,
        ) from None


def _read_checked(path: Path, target: Path, st: os.stat_result) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the status they belong to; refuses what is not a readable plain file."""
    if stat.S_ISDIR(st.st_mode):
        raise _error(path, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "this is a folder, not a file", _ADVICE_OTHER)
    if not stat.S_ISREG(st.st_mode):
        # A pipe or a device could block forever or never end; refuse before opening it.
        raise _error(path, "ไม่ใช่ไฟล์ธรรมดา", "this is not a regular file", _ADVICE_OTHER)
    if st.st_size > MAX_FILE_BYTES:
        raise _error(
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
        raise _error(path, "ไม่มีสิทธิ์อ่านไฟล์", "no permission to read the file") from None
    except OSError as exc:
        raise _error(
            path, f"อ่านไฟล์ไม่ได้: {exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _error(path, "ไฟล์ใหญ่เกินไป", "the file is too large to be a tracker database")
    return raw, opened


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    """The file's JSON object, or a StoreError saying how it is broken."""
    if not raw:
        raise _error(path, "ไฟล์ว่างเปล่า 0 ไบต์", "the file is empty, 0 bytes")
    if not raw.strip(b"\x00"):
        # What some file systems leave of a file whose data never reached the disk before a crash.
        raise _error(
            path, "ไฟล์มีแต่ไบต์ศูนย์ ข้อมูลหายไป", "the file holds only zero bytes, its data is lost"
        )
    if not raw.strip():
        raise _error(
            path, "ไฟล์มีแต่ช่องว่าง ไม่มีข้อมูล", "the file holds only blank space, no data"
        )
    try:
        data = decode_json(raw)
    except UnicodeDecodeError as exc:
        if exc.end >= len(raw) and "end of data" in exc.reason:
            raise _truncated(path) from None
        raise _error(
            path,
            f"ไฟล์ไม่ใช่ข้อความ UTF-8 ไบต์ที่ {exc.start} ผิดรูปแบบ",
            f"the file is not UTF-8 text: bad byte at offset {exc.start}",
        ) from None
    except json.JSONDecodeError as exc:
        text = raw.decode("utf-8")
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise _truncated(path) from None
        raise _error(
            path,
            f"ไฟล์ไม่ใช่ JSON ที่ถูกต้อง บรรทัด {exc.lineno} คอลัมน์ {exc.colno}",
            f"the file is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
        ) from None
    except (ValueError, RecursionError) as exc:
        # Non-standard values (NaN), numbers too long to convert, absurdly deep nesting.
        raise _error(
            path, "ไฟล์ไม่ใช่ JSON ที่ถูกต้อง", f"the file is not valid JSON: {_one_line(str(exc))}"
        ) from None
    if not isinstance(data, dict):
        kind = _JSON_KINDS.get(type(data), type(data).__name__)
        raise _error(
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
    return _error(
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
        raise _error(
            path,
            "ไม่ใช่ฐานข้อมูลของโปรแกรมนี้ อาจเป็นไฟล์ของโปรแกรมอื่น",
            f'not a tracker database, perhaps another program\'s file: no "{META_TABLE}" table '
            f'with app "{APP_MARK}"',
        )
    if len(docs) != 1:
        raise _error(
            path,
            f"ตาราง {META_TABLE} เสียหาย มีมากกว่าหนึ่งรายการ",
            f'the "{META_TABLE}" table is damaged: it holds {len(docs)} records instead of one',
        )
    version = ours[0].get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _error(
            path,
            "รุ่นของข้อมูล schema_version เสียหาย",
            f"the schema_version is damaged: {_one_line(repr(version))[:40]}",
        )
    if version > SCHEMA_VERSION:
        raise _error(
            path,
            f"ไฟล์นี้สร้างโดยโปรแกรมรุ่นใหม่กว่า รุ่นข้อมูล {version} แต่รุ่นนี้อ่านได้ถึง {SCHEMA_VERSION}",
            f"made by a newer version of the program: schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}",
            advice=_ADVICE_NEWER,
        )
    return version


def _check_tables(path: Path, data: dict[str, Any]) -> None:
    """Every table must be what TinyDB expects: numbered documents, each a JSON object."""
    for name, table in data.items():
        ok = isinstance(table, dict) and all(
            isinstance(k, str) and k.isascii() and k.isdigit() and isinstance(v, dict)
            for k, v in table.items()
        )
        if not ok:
            raise _error(
                path,
                f"ตาราง {_one_line(repr(name))[:40]} เสียหาย",
                f"the table {_one_line(repr(name))[:40]} is damaged: not numbered JSON objects",
            )


def _migrate(path: Path, data: dict[str, Any], version: int) -> dict[str, Any]:
    """Upgrade ``data`` from ``version`` to :data:`SCHEMA_VERSION` one step at a time, in memory."""
    for step in range(version, SCHEMA_VERSION):
        migration = MIGRATIONS.get(step)
        if migration is None:
            raise _error(
                path,
                f"ไฟล์นี้สร้างโดยโปรแกรมรุ่นเก่า รุ่นข้อมูล {version} ซึ่งรุ่นนี้ปรับรุ่นให้ไม่ได้",
                f"made by an older version of the program: schema {version}, which this version "
                "cannot upgrade",
            )
        try:
            data = migration(data)
        except (KeyError, ValueError, TypeError, AttributeError, ArithmeticError) as exc:
            raise _error(
                path,
                f"ปรับรุ่นข้อมูลจาก {step} ไม่สำเร็จ ข้อมูลเสียหาย",
                f"cannot upgrade from schema {step}, the data is damaged: {_one_line(repr(exc))}",
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
        except ArithmeticError:
            problem = "an amount or a number is not valid"  # decimal's own message says nothing
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            if plan_id in seen:
                problem = f"a second plan with the id {plan_id!r}"
            else:
                seen.add(plan_id)
                continue
        raise _error(
            path,
            f"แผนในเอกสารที่ {doc_id} อ่านไม่ได้",
            f"plan document {doc_id} cannot be read: {_one_line(problem)[:120]}",
        )
