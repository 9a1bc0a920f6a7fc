"""A roll-up of many offices' databases: one row per plan, and the totals of a province or the country.

Each office keeps its plans in a database file of its own (one whole-file JSON database stays small
enough to save on every edit; a province's or the country's plans in one file would not:
benchmarks/README.md). A provincial or national view is therefore a roll-up that reads many files,
each read-only (no lock: it works while the offices are editing), one at a time: a file is opened,
each plan of the chosen fiscal year is loaded, its figures are computed with
:func:`tracker.domain.figures.compute`, and the plan is let go before the next one, so that memory
holds rows of figures, never the plans of a province.

A file that cannot be read as a database (damaged, cut short, from a newer version, gone, no
permission) becomes a :class:`Problem` with its path and the store's one-line message, and the
roll-up goes on with the others. A JSON file that is no database at all (the plan file shipped as
``default-plan.json``, another program's settings) is :class:`Skipped` with a note instead:
it is not a problem to repair. What counts as "no database at all" is decided conservatively
(:func:`not_a_database`): only whole, valid JSON holding none of the store's tables; anything
that could be a damaged database stays a problem. The same organization and fiscal year found in
two files (a copy left in the folder) is counted twice, as the files say, and named in
:attr:`Rollup.duplicates` so that a reader can tell.

Fiscal years are never added up or averaged together: the totals are kept per year
(:attr:`Rollup.years`), and every output (the table, the text, the CSV, the JSON) shows one total
per year. A folder holding the plans of 2567 and 2568 gives two tables, each with its own total,
rather than one score that is the mean of two different years.

User text (organization, district, province, level words, paths, messages) enters rich as ``Text``
with control characters made visible (:func:`~tracker.domain.text.safe_line`), never as markup; the
CSV shows control characters the same way (:func:`tracker.reports.csv_export.text_cell`), with its
formula guard.

This module reads; the records and sums are :mod:`tracker.reports.rollup_model`'s, the table and
text :mod:`tracker.reports.rollup_render`'s, the CSV and JSON :mod:`tracker.reports.rollup_export`'s.
Every public name of those is importable from here too (``__all__``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracker.domain.model import Round
from tracker.reports.rollup_export import (
    CSV_COLUMNS,
    CSV_TEXT_COLUMNS,
    rollup_csv,
    rollup_csv_bytes,
    rollup_json,
    write_rollup_csv,
)
from tracker.reports.rollup_model import (
    Duplicate,
    Problem,
    Rollup,
    RollupRow,
    Skipped,
    Totals,
    YearGroup,
    duplicates_of,
    path_text,
    problem_key,
    row_key,
    row_of,
    thai_order,
    totals_of,
    years_of,
)
from tracker.reports.rollup_render import (
    COMPACT_BELOW,
    TEXT_WIDTH,
    no_plans,
    rollup_notes,
    rollup_problems,
    rollup_renderable,
    rollup_table,
    rollup_text,
    rollup_title,
    rollup_totals,
    year_heading,
    year_totals,
)
from tracker.storage.atomic import decode_json
from tracker.storage.backups import BACKUP_DIR_NAME
from tracker.storage.errors import one_line
from tracker.storage.store import HISTORY_TABLE, MAX_FILE_BYTES, META_TABLE, PLANS_TABLE, Store, StoreError

DATABASE_SUFFIX = ".json"


# --- finding the files ------------------------------------------------------------------------------


def find_databases(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The database files named by ``paths``, and the folders that could not be searched.

    A file is taken as given (whatever its name). A folder is searched recursively for ``*.json``
    files; ``backups/`` folders (the store's copies of a database) and hidden files and folders
    (lock files, temporary files of saves) are skipped, and links to folders are not followed. A
    file reached twice (a folder and a file in it, a link) is taken once. Files come in the order
    given, a folder's sorted by name.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def take(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename is not None else Path()
        reason = one_line(exc.strerror or str(exc))
        problems.append(Problem(where, f"ค้นโฟลเดอร์ไม่ได้: {reason} (cannot search the folder: {reason})"))

    for given in paths:
        if not os.path.isdir(given):
            take(Path(given))
            continue
        for folder, dirs, files in os.walk(given, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != BACKUP_DIR_NAME)
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(DATABASE_SUFFIX):
                    take(Path(folder) / name)
    return found, problems


# --- reading --------------------------------------------------------------------------------------


def rollup(paths: Iterable[Path], *, fiscal_year: int | None = None, round_: Round | None = None) -> Rollup:
    """Read every database in ``paths`` read-only, one at a time, into rows of figures.

    ``fiscal_year``: only plans of that year (default: every plan; a file holding several years
    gives a row per plan, and each year its own totals). ``round_``: the round of the figures
    (default: each plan's current round). A file, or a plan, that cannot be read becomes a
    :class:`Problem`; a JSON file that is no database at all is :class:`Skipped`; the others are
    still read.
    """
    rows: list[RollupRow] = []
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    files = files_read = 0
    for given in paths:
        path = Path(given)
        read = True
        database = True
        for item in _read_file(path, fiscal_year, round_):
            if isinstance(item, RollupRow):
                rows.append(item)
            elif isinstance(item, Skipped):
                skipped.append(item)
                database = False
            else:
                problems.append(item)
                read = read and bool(item.plan_id)  # one damaged plan: the file itself was read
        files += database
        files_read += database and read
    rows.sort(key=row_key)
    return Rollup(
        rows=tuple(rows),
        problems=tuple(sorted(problems, key=problem_key)),
        years=years_of(rows),
        files=files,
        files_read=files_read,
        fiscal_year=fiscal_year,
        round=round_,
        duplicates=duplicates_of(rows),
        skipped=tuple(sorted(skipped, key=lambda k: str(k.path))),
    )


def _read_file(
    path: Path, fiscal_year: int | None, round_: Round | None
) -> Iterator[RollupRow | Problem | Skipped]:
    """The rows of one file, or the problems met reading it; the file is closed before this ends."""
    try:
        store = Store.open(path, read_only=True)
    except StoreError as exc:
        note = not_a_database(path)
        yield Problem(path, _message(exc, path)) if note is None else Skipped(path, note)
        return
    with store:
        try:
            plans = store.list_plans()
        except StoreError as exc:
            yield Problem(path, _message(exc, path))
            return
        for info in plans:
            if fiscal_year is not None and info.fiscal_year != fiscal_year:
                continue  # not even converted
            try:
                plan = store.load_plan(info.plan_id)
            except StoreError as exc:
                yield Problem(path, _message(exc, path), info.plan_id)
                continue
            row = row_of(path, plan, round_)
            del plan  # only its figures are kept
            yield row


PLAN_FILE_NOTE = (
    "เป็นไฟล์แผน (เช่นแผนตั้งต้นที่มากับโปรแกรม) ไม่ใช่ฐานข้อมูล (a plan file, like the shipped default plan, "
    "not a database)"
)
OTHER_JSON_NOTE = (
    "เป็นไฟล์ JSON อื่น ไม่ใช่ฐานข้อมูลของโปรแกรมนี้ (other JSON, not a tracker database)"
)
_STORE_TABLES = frozenset({META_TABLE, PLANS_TABLE, HISTORY_TABLE})


def not_a_database(path: Path) -> str | None:
    """Why ``path`` is no tracker database at all (a note), or None when it may be one.

    Asked only of a file the store refused. "No database at all" is decided conservatively, so that
    a damaged database is never skipped as a stranger: the file must be whole, valid JSON (a file
    cut short, empty, zeroed or not UTF-8 may be a damaged database), and must hold none of the
    store's tables (``meta``, ``plans``, ``history``: a file with any of them is a database, perhaps
    damaged or from a newer version). A JSON array, a string, or an object without those tables is
    no database; an object with ``plan_id`` and ``projects`` is a plan file (``default-plan.json``).
    A file that cannot be read now, or is too large to be a database, is left to the store's message.
    """
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_FILE_BYTES:
        return None
    try:
        data = decode_json(raw)  # UnicodeDecodeError and JSONDecodeError are ValueErrors
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict):
        if _STORE_TABLES & data.keys():
            return None
        if "plan_id" in data and "projects" in data:
            return PLAN_FILE_NOTE
    return OTHER_JSON_NOTE


def _message(exc: StoreError, path: Path) -> str:
    """The store's one-line message without the path it starts with (the problem shows the path)."""
    text = one_line(str(exc))
    for shown in (str(path), repr(str(path))):
        if text.startswith(shown + ": "):
            return text[len(shown) + 2:]
    return text


__all__ = [
    "COMPACT_BELOW",
    "CSV_COLUMNS",
    "CSV_TEXT_COLUMNS",
    "DATABASE_SUFFIX",
    "OTHER_JSON_NOTE",
    "PLAN_FILE_NOTE",
    "TEXT_WIDTH",
    "Duplicate",
    "Problem",
    "Rollup",
    "RollupRow",
    "Skipped",
    "Totals",
    "YearGroup",
    "find_databases",
    "no_plans",
    "not_a_database",
    "path_text",
    "rollup",
    "rollup_csv",
    "rollup_csv_bytes",
    "rollup_json",
    "rollup_notes",
    "rollup_problems",
    "rollup_renderable",
    "rollup_table",
    "rollup_text",
    "rollup_title",
    "rollup_totals",
    "row_of",
    "thai_order",
    "totals_of",
    "write_rollup_csv",
    "year_heading",
    "year_totals",
    "years_of",
]
