"""The database file's layout, and checking and upgrading a file before the store uses it.

Layout of the file (TinyDB tables)::

    {"meta":    {"1": {"app": "tracker", "schema_version": 4, "backup_keep": 30}},
     "plans":   {"1": <plan_to_dict(plan)>, "2": ...},
     "history": {"1": <Change.to_dict()>, ...}}

A file is read and checked in full here before TinyDB is given it (:func:`checked_data`): a file
that is not a plain readable file, over :data:`MAX_FILE_BYTES`, not JSON, another program's, from a
newer version, or holding a plan or a history entry that does not convert is refused with a
:class:`~tracker.storage.errors.StoreError` that says where it is wrong. Kept apart from the store
so that what a valid file is can be read in one place, and so that a backup is checked by the very
same rules before it is restored or suggested.

Schema versions: a file records the version of this layout it was written with. A newer file is
refused (an older program must not rewrite data it does not understand). An older file is upgraded
one step at a time by the functions in :data:`MIGRATIONS`, in memory; the store writes the result
only after the original bytes were backed up (no backup, no upgrade), and a read-only store never.
Version 1 had no project uids and no history; version 2 one narrative per plan (version 3: one per
round); version 3 neither the appropriated budget, the "in the ordinance" flag, a remark per round nor
the "entered in e-PlanNACC" mark (version 4); a file claiming version 0 is refused as "older than any
upgrade".
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.domain.history import Change, changes_surely_read
from tracker.domain.model import (
    Plan,
    Project,
    ensure_uids,
    new_uid,
    plan_fields_surely_convert,
    plan_from_dict,
    plan_to_dict,
    projects_surely_convert,
)
from tracker.storage.atomic import decode_json, decode_json_strictly, encode_json
from tracker.storage.backups import Backup, BackupError, backup_dir, list_backups
from tracker.storage.errors import (
    ADVICE_NEWER,
    ADVICE_OTHER,
    RestoreHint,
    StoreError,
    one_line,
    shown_path,
    store_error,
    what_is_wrong,
)

# --- the layout and its versions ------------------------------------------------------------------

SCHEMA_VERSION = 4
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


def _three_to_four(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 (the national system's form): each project gets its appropriated budget and whether it
    is in the budget ordinance, both unknown (null); each round's result its own remark, empty, and its
    "entered in e-PlanNACC" mark, not entered. The project's remark stays where it was."""
    for doc in data.get(PLANS_TABLE, {}).values():
        projects = doc.get("projects") if isinstance(doc, dict) else None
        if not isinstance(projects, list):
            continue  # the plan check that follows refuses it with its own words
        for project in projects:
            if not isinstance(project, dict):
                continue
            project.setdefault("appropriated", None)
            project.setdefault("included", None)
            results = project.get("results")
            if isinstance(results, dict):
                for result in results.values():
                    if isinstance(result, dict):
                        result.setdefault("remark", "")
                        result.setdefault("entered", False)
    return data


MIGRATIONS: dict[int, Migration] = {1: _one_to_two, 2: _two_to_three, 3: _three_to_four}
"""``MIGRATIONS[v]`` turns the whole data of a version ``v`` file into version ``v + 1``.

A migration receives and returns the parsed file (all tables); it need not touch the recorded
version, which the caller sets after the last step.
"""


def new_file_data(plans: list[Plan]) -> dict[str, Any]:
    """The whole data of a new database holding ``plans`` (projects without a uid get one).

    A repeated plan id replaces the earlier plan, as a save would.
    """
    docs: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    for plan in plans:
        ensure_uids(plan)
        doc_id = ids.setdefault(plan.plan_id, str(len(ids) + 1))
        docs[doc_id] = plan_to_dict(plan)
    return {
        META_TABLE: {"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}},
        PLANS_TABLE: docs,
        HISTORY_TABLE: {},
    }


def next_doc_id(table: dict[str, Any]) -> str:
    """The id of a new document in a TinyDB table: one past the highest."""
    return str(max((int(k) for k in table), default=0) + 1)


# --- reading and checking a file ------------------------------------------------------------------


def file_status(path: Path) -> os.stat_result | None:
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
        raise parent_is_file(path) from None
    except OSError as exc:
        raise store_error(
            path, f"เข้าถึงไฟล์ไม่ได้: {exc.strerror}", f"cannot reach the file: {exc.strerror}"
        ) from None


def parent_is_file(path: Path) -> StoreError:
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
    return store_error(
        path,
        f"สร้างฐานข้อมูลไม่ได้ เพราะ {shown_path(blocker)} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
        f"cannot create the database: {shown_path(blocker)} is a file, not a folder",
        advice=ADVICE_OTHER,
    )


def read_checked(path: Path, target: Path, st: os.stat_result) -> tuple[bytes, os.stat_result]:
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


def _parse(path: Path, raw: bytes) -> tuple[dict[str, Any], bool]:
    """The file's JSON object, or a StoreError saying how it is broken; and whether orjson parsed it
    (:func:`~tracker.storage.atomic.decode_json_strictly`)."""
    if not raw:
        raise store_error(path, "ไฟล์ว่างเปล่า 0 ไบต์", "the file is empty, 0 bytes")
    try:
        data, strict = decode_json_strictly(raw)
    except (ValueError, RecursionError) as exc:
        # Only a file that does not parse can be all zero bytes or blank: these are looked for here,
        # not before parsing (stripping a large file copies it).
        if not raw.strip(b"\x00"):
            # What some file systems leave of a file whose data never reached the disk before a crash.
            raise store_error(
                path, "ไฟล์มีแต่ไบต์ศูนย์ ข้อมูลหายไป", "the file holds only zero bytes, its data is lost"
            ) from None
        if not raw.strip():
            raise store_error(
                path, "ไฟล์มีแต่ช่องว่าง ไม่มีข้อมูล", "the file holds only blank space, no data"
            ) from None
        raise _not_json(path, raw, exc) from None
    if not isinstance(data, dict):
        kind = _JSON_KINDS.get(type(data), type(data).__name__)
        raise store_error(
            path,
            f"ข้อมูลในไฟล์ไม่ใช่ฐานข้อมูล JSON ชั้นนอกสุดเป็น {kind} ไม่ใช่ object",
            f"not a database: the JSON holds {kind}, not an object",
        )
    return data, strict


def _not_json(path: Path, raw: bytes, exc: ValueError | RecursionError) -> StoreError:
    """How a file that does not parse is broken."""
    if isinstance(exc, UnicodeDecodeError):
        if exc.end >= len(raw) and "end of data" in exc.reason:
            return _truncated(path)
        return store_error(
            path,
            f"ไฟล์ไม่ใช่ข้อความ UTF-8 ไบต์ที่ {exc.start} ผิดรูปแบบ",
            f"the file is not UTF-8 text: bad byte at offset {exc.start}",
        )
    if isinstance(exc, json.JSONDecodeError):
        text = raw.decode("utf-8")
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            return _truncated(path)
        return store_error(
            path,
            f"ไฟล์ไม่ใช่ JSON ที่ถูกต้อง บรรทัด {exc.lineno} คอลัมน์ {exc.colno}",
            f"the file is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
        )
    # Non-standard values (NaN), numbers too long to convert, absurdly deep nesting.
    return store_error(path, "ไฟล์ไม่ใช่ JSON ที่ถูกต้อง", f"the file is not valid JSON: {one_line(str(exc))}")


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


def checked_data(path: Path, raw: bytes, *, full: bool = True) -> tuple[dict[str, Any], int]:
    """The file's data, checked and upgraded in memory, and the version it was written with.

    ``full``: every plan must convert and every history entry read, so that a damaged part is
    refused before anything could be written. What orjson parsed and holds the types the store
    writes is recognised as such, without being built (:func:`_check_plans`, :func:`_check_history`):
    a writer's open of 10,000 projects costs some 1.3 times a read-only one, not 3 times. Anything
    else is converted, and refused in the words of the conversion. A read-only store, which never
    writes, checks only what listing the plans needs (:func:`_check_plan_heads`) and converts a plan
    when it is loaded: opening a province's file then costs little more than parsing it, and a
    damaged plan is still refused, with the same message, when it is read.
    """
    data, strict = _parse(path, raw)
    version = _check_meta(path, data)
    _check_tables(path, data)
    if version < SCHEMA_VERSION:
        data = _migrate(path, data, version)
        _check_tables(path, data)
    if full:
        _check_plans(path, data, quick=strict)
        _check_history(path, data)
    else:
        _check_plan_heads(path, data)
    return data, version


def unreadable_plan(path: Path, doc_id: str, problem: str) -> StoreError:
    return store_error(
        path,
        f"แผนในเอกสารที่ {doc_id} อ่านไม่ได้",
        f"plan document {doc_id} cannot be read: {one_line(problem)[:120]}",
    )


CONVERSION_ERRORS = (KeyError, ValueError, TypeError, AttributeError, ArithmeticError, RecursionError)


def _converts(doc: Any) -> BaseException | None:
    try:
        plan_from_dict(doc)
    except CONVERSION_ERRORS as exc:
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
        raise unreadable_plan(path, doc_id, problem)


def _check_history(path: Path, data: dict[str, Any]) -> None:
    table = data.get(HISTORY_TABLE, {})
    if changes_surely_read(list(table.values())):
        return  # every entry reads: the quick check, a tenth of reading them one by one
    for doc_id, doc in table.items():
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


def _check_plans(path: Path, data: dict[str, Any], *, quick: bool = False) -> None:
    """Every plan document must convert into a Plan that can be written again, and plan ids must be
    unique strings.

    ``quick`` (the data is what orjson parsed): a plan stored as the store writes plans is recognised
    by the types of its values (:func:`_converts_quickly`) instead of being built, a tenth of the
    time; any other plan is converted whole, as without ``quick``, and so refused with the same words.
    """
    seen: set[str] = set()
    for doc_id, doc in data.get(PLANS_TABLE, {}).items():
        if not (quick and _converts_quickly(doc)):
            problem = _conversion_problem(doc)
            if problem is not None:
                raise unreadable_plan(path, doc_id, problem)
        plan_id = doc["plan_id"]
        if plan_id in seen:
            raise unreadable_plan(path, doc_id, f"a second plan with the id {plan_id!r}")
        seen.add(plan_id)


def _converts_quickly(doc: dict[str, Any]) -> bool:
    """Whether a plan orjson parsed certainly converts and is written again, told by the types of
    its values (:func:`~tracker.domain.model.plan_fields_surely_convert`,
    :func:`~tracker.domain.model.projects_surely_convert`) without building it."""
    projects = doc.get("projects")
    return type(projects) is list and plan_fields_surely_convert(doc) and projects_surely_convert(projects)


def _conversion_problem(doc: dict[str, Any]) -> str | None:
    """Why a plan document does not convert into a Plan that can be written again (None when it does)."""
    try:
        plan_id = doc["plan_id"]
        if not isinstance(plan_id, str):
            raise TypeError(f"plan_id is {type(plan_id).__name__}, not text")
        plan = plan_from_dict(doc)
        # What list_plans reads straight from the document must be there too.
        if not isinstance(doc.get("projects"), list):
            raise TypeError("projects is not a list")
        encode_json(plan_to_dict(plan), indent=False)  # fails as the indented form would, sooner
    except KeyError as exc:
        return f"missing field {exc}"
    except (ArithmeticError, ValueError, TypeError, AttributeError, RecursionError) as exc:
        return str(exc) if str(exc).startswith("plan_id is") else plan_problem(doc)
    return None


# --- the backup to suggest, and a setting read from a file ----------------------------------------


def with_restore_hint(exc: StoreError, path: Path) -> StoreError:
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
        status = file_status(backup.path)
        if status is None:
            return False
        raw, _ = read_checked(backup.path, backup.path, status)
        checked_data(backup.path, raw)
    except StoreError:
        return False
    return True


def backup_keep_of(meta: dict[str, Any]) -> int | None:
    """The backup_keep setting the meta record holds (None when it holds none that is valid)."""
    keep = meta.get("backup_keep")
    return keep if isinstance(keep, int) and not isinstance(keep, bool) and keep >= 1 else None


def recorded_backup_keep(target: Path) -> int | None:
    """The backup_keep a database file records (None when it records none or cannot be read)."""
    try:
        meta = decode_json(target.read_bytes())[META_TABLE]
        return backup_keep_of(next(iter(meta.values())))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, StopIteration, RecursionError):
        return None
