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
``data/default-plan.json``, another program's settings) is :class:`Skipped` with a note instead:
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
CSV shows control characters the same way (:func:`tracker.reports.csv_export.cell_text`), with its
formula guard.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.domain.figures import Flag, compute
from tracker.domain.model import Plan, Round, Status
from tracker.domain.text import safe_line
from tracker.domain.thai import CENT, DigitStyle, format_baht, format_int, format_percent, with_digits
from tracker.reports.csv_export import ENCODING, text_cell
from tracker.reports.export import ExportError
from tracker.reports.summary import FLAG_STYLES
from tracker.storage.atomic import NotDurableError, decode_json, write_atomic
from tracker.storage.backups import BACKUP_DIR_NAME
from tracker.storage.store import HISTORY_TABLE, MAX_FILE_BYTES, META_TABLE, PLANS_TABLE, Store, StoreError

DATABASE_SUFFIX = ".json"
TEXT_WIDTH = 160
"""Cells per line of :func:`rollup_text` by default: the table has fifteen columns."""


@dataclass(frozen=True, slots=True)
class RollupRow:
    """The figures of one plan (one organization, one fiscal year) in one round."""

    path: Path
    plan_id: str
    organization: str
    district: str
    province: str
    fiscal_year: int
    round: Round
    projects: int
    completed: int
    in_progress: int
    not_done: int
    not_reported: int
    score: Decimal
    flag: Flag
    level: str
    budget: Decimal
    disbursed: Decimal

    @property
    def per_status(self) -> dict[Status, int]:
        return {
            Status.COMPLETED: self.completed,
            Status.IN_PROGRESS: self.in_progress,
            Status.NOT_DONE: self.not_done,
            Status.NOT_REPORTED: self.not_reported,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """What could not be read: a file, a folder, or one plan of a file (``plan_id`` then names it).

    ``message`` is one line, Thai then English, without the path (shown beside it).
    """

    path: Path
    message: str
    plan_id: str = ""

    @property
    def line(self) -> str:
        """Path, the plan where it is one plan, and the message, on one line."""
        where = path_text(self.path) + (f" ({self.plan_id})" if self.plan_id else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A JSON file that is no tracker database at all (a plan file, another program's file): left out.

    ``message`` is one line, Thai then English, without the path.
    """

    path: Path
    message: str

    @property
    def line(self) -> str:
        return f"{path_text(self.path)}: {self.message}"


@dataclass(frozen=True, slots=True)
class Duplicate:
    """One organization's plan for one fiscal year found in more than one file (so counted more than once)."""

    province: str
    district: str
    organization: str
    fiscal_year: int
    paths: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over the rows: what a province or the country adds up to."""

    plans: int
    organizations: int
    """Different (province, district, organization) among the rows: an office with two years counts once."""
    projects: int
    per_status: dict[Status, int]
    mean_score: Decimal | None
    """The mean of the plans' scores (each plan counts once, whatever its size); None without rows."""
    flags: dict[Flag, int]
    budget: Decimal
    disbursed: Decimal


@dataclass(frozen=True, slots=True)
class YearGroup:
    """The plans of one fiscal year and their totals (years are never added up or averaged together)."""

    fiscal_year: int
    rows: tuple[RollupRow, ...]
    totals: Totals


@dataclass(frozen=True, slots=True)
class Rollup:
    """Rows sorted by fiscal year, then province, district, organization; the totals of each year; problems."""

    rows: tuple[RollupRow, ...]
    problems: tuple[Problem, ...]
    years: tuple[YearGroup, ...]
    """One group per fiscal year among the rows, oldest first, each with its own totals."""
    files: int
    """Database files looked at (files skipped as no database at all are not counted)."""
    files_read: int
    """Of those, files that could be opened (a file with one damaged plan counts as read)."""
    fiscal_year: int | None
    round: Round | None
    """The round asked for; None: each plan's own current round (each row says which)."""
    duplicates: tuple[Duplicate, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    """JSON files that are no database at all (a plan file, another program's file), with a note each."""

    def with_problems(self, problems: Iterable[Problem]) -> Rollup:
        """The same roll-up with more problems (the folders that could not be searched)."""
        extra = tuple(problems)
        if not extra:
            return self
        return replace(self, problems=tuple(sorted((*extra, *self.problems), key=_problem_key)))


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
        reason = _one_line(exc.strerror or str(exc))
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
    rows.sort(key=_row_key)
    return Rollup(
        rows=tuple(rows),
        problems=tuple(sorted(problems, key=_problem_key)),
        years=years_of(rows),
        files=files,
        files_read=files_read,
        fiscal_year=fiscal_year,
        round=round_,
        duplicates=_duplicates(rows),
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
    no database; an object with ``plan_id`` and ``projects`` is a plan file (``data/default-plan.json``).
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


def row_of(path: Path, plan: Plan, round_: Round | None = None) -> RollupRow:
    """The roll-up row of ``plan`` (read from ``path``) for ``round_`` (default: the plan's round)."""
    figures = compute(plan, round_)
    return RollupRow(
        path=path,
        plan_id=plan.plan_id,
        organization=plan.organization,
        district=plan.district,
        province=plan.province,
        fiscal_year=plan.fiscal_year,
        round=figures.round,
        projects=figures.total,
        completed=figures.per_status[Status.COMPLETED],
        in_progress=figures.per_status[Status.IN_PROGRESS],
        not_done=figures.per_status[Status.NOT_DONE],
        not_reported=figures.per_status[Status.NOT_REPORTED],
        score=figures.score,
        flag=figures.flag,
        level=figures.level,
        budget=figures.budget,
        disbursed=figures.disbursed,
    )


def years_of(rows: Iterable[RollupRow]) -> tuple[YearGroup, ...]:
    """``rows`` grouped by fiscal year (oldest first, each group in the order given) with each year's totals."""
    by_year: dict[int, list[RollupRow]] = {}
    for row in rows:
        by_year.setdefault(row.fiscal_year, []).append(row)
    return tuple(
        YearGroup(fiscal_year=year, rows=tuple(group), totals=totals_of(group))
        for year, group in sorted(by_year.items())
    )


def totals_of(rows: Iterable[RollupRow]) -> Totals:
    """The totals of ``rows`` (of one fiscal year: :func:`years_of` keeps years apart)."""
    rows = list(rows)
    per_status = {s: 0 for s in Status}
    flags = {f: 0 for f in Flag}
    for row in rows:
        for status, count in row.per_status.items():
            per_status[status] += count
        flags[row.flag] += 1
    mean = None
    if rows:
        mean = (sum((r.score for r in rows), Decimal(0)) / len(rows)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Totals(
        plans=len(rows),
        organizations=len({(r.province, r.district, r.organization) for r in rows}),
        projects=sum(r.projects for r in rows),
        per_status=per_status,
        mean_score=mean,
        flags=flags,
        budget=sum((r.budget for r in rows), Decimal("0.00")),
        disbursed=sum((r.disbursed for r in rows), Decimal("0.00")),
    )


def _duplicates(rows: list[RollupRow]) -> tuple[Duplicate, ...]:
    files: dict[tuple[str, str, str, int], list[Path]] = {}
    for row in rows:
        paths = files.setdefault((row.province, row.district, row.organization, row.fiscal_year), [])
        if row.path not in paths:
            paths.append(row.path)
    return tuple(Duplicate(*key, paths=tuple(paths)) for key, paths in files.items() if len(paths) > 1)


def _message(exc: StoreError, path: Path) -> str:
    """The store's one-line message without the path it starts with (the problem shows the path)."""
    text = _one_line(str(exc))
    for shown in (str(path), repr(str(path))):
        if text.startswith(shown + ": "):
            return text[len(shown) + 2:]
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


_LEADING_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def thai_order(text: str) -> str:
    """A sort key that puts Thai names in dictionary order, near enough for a list of offices.

    Code-point order files every name starting with a leading vowel (เ แ โ ใ ไ) after all the
    others; a dictionary files it under the consonant that follows (เทศบาล under ท). So each leading
    vowel changes place with its consonant here.
    """
    return _LEADING_VOWEL.sub(r"\2\1", text)


def _row_key(row: RollupRow) -> tuple[int, str, str, str, str, str]:
    return (
        row.fiscal_year, thai_order(row.province), thai_order(row.district), thai_order(row.organization),
        row.plan_id, str(row.path),
    )


def _problem_key(problem: Problem) -> tuple[str, str]:
    return str(problem.path), problem.plan_id


def path_text(path: Path) -> str:
    """A path as text that any output takes: bytes that are not UTF-8 written as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


# --- rendering ------------------------------------------------------------------------------------


def _cell(value: str, style: str = "") -> Text:
    """User text for a table cell: one line, control characters visible, never markup."""
    return Text(safe_line(value), style=style)


def _round_text(round_: Round, digits: DigitStyle) -> str:
    return with_digits(str(int(round_)), digits)


COMPACT_BELOW = 140
"""Narrower than this many cells, the table puts district and province under the organization, marks
the status columns with ✓ ◐ ✗ · and leaves the level and the amounts to the totals below it."""


def rollup_table(group: YearGroup, digits: DigitStyle = DigitStyle.THAI, width: int = TEXT_WIDTH) -> Table:
    """One row per plan of one fiscal year (province, district, organization, year, round, counts,
    score, flag, level, budget, disbursed), with the year's totals as the footer (the score's: the
    mean of the plans' scores); compact below :data:`COMPACT_BELOW` cells."""
    t = group.totals
    compact = width < COMPACT_BELOW
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", footer_style="bold", show_footer=True, pad_edge=False,
        collapse_padding=True,
    )
    if compact:
        table.add_column("องค์กร (อำเภอ จังหวัด)", overflow="fold", ratio=1, min_width=12,
                         footer=f"รวม {format_int(t.organizations, digits)} องค์กร")
    else:
        table.add_column("จังหวัด", overflow="fold", footer="รวม")
        table.add_column("อำเภอ", overflow="fold")
        table.add_column("องค์กร", overflow="fold", ratio=1, min_width=12,
                         footer=f"{format_int(t.organizations, digits)} องค์กร")
    table.add_column("ปี" if compact else "ปีงบฯ", justify="right", no_wrap=True)
    table.add_column("รอบ", justify="right", no_wrap=True)
    table.add_column("โครงการ", justify="right", no_wrap=True, footer=format_int(t.projects, digits))
    for status in Status:
        table.add_column(status.mark if compact else status.short_label, justify="right", no_wrap=True,
                         footer=format_int(t.per_status[status], digits))
    mean = "" if t.mean_score is None else format_percent(t.mean_score, digits)
    table.add_column("ร้อยละ", justify="right", no_wrap=True, footer=mean)
    table.add_column("ธง", no_wrap=True)
    if not compact:
        table.add_column("ระดับ", overflow="fold")
        table.add_column("งบประมาณ", justify="right", no_wrap=True, footer=format_baht(t.budget, digits))
        table.add_column("เบิกจ่าย", justify="right", no_wrap=True, footer=format_baht(t.disbursed, digits))
    for row in group.rows:
        if compact:
            names = [_cell(row.organization)]
            names[0].append("\n")
            names[0].append_text(_cell(f"อ.{row.district} จ.{row.province}", "dim"))
        else:
            names = [_cell(row.province), _cell(row.district), _cell(row.organization)]
        style = FLAG_STYLES[row.flag]
        money: list[Text | str] = [] if compact else [
            _cell(row.level), format_baht(row.budget, digits), format_baht(row.disbursed, digits),
        ]
        table.add_row(
            *names,
            with_digits(str(row.fiscal_year), digits),
            _round_text(row.round, digits),
            format_int(row.projects, digits),
            *(format_int(n, digits) for n in row.per_status.values()),
            Text(format_percent(row.score, digits), style=style),
            Text(row.flag.label, style=style),
            *money,
        )
    if compact:
        table.caption = " ".join(f"{s.mark} {s.label}" for s in Status)
    return table


def _year(year: int, digits: DigitStyle) -> str:
    return with_digits(str(year), digits)


def _years_text(r: Rollup, digits: DigitStyle) -> str:
    """The fiscal years the roll-up covers, in words."""
    years = [r.fiscal_year] if r.fiscal_year is not None else [g.fiscal_year for g in r.years]
    if not years:
        return "ทุกปีงบประมาณ"
    if len(years) == 1:
        return f"ประจำปีงบประมาณ พ.ศ. {_year(years[0], digits)}"
    listed = ", ".join(_year(y, digits) for y in years[:-1]) + f" และ {_year(years[-1], digits)}"
    return f"ปีงบประมาณ พ.ศ. {listed} แยกรวมรายปี"


def rollup_title(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """What the roll-up covers: the fiscal year (or years, each totalled apart) and the round."""
    round_ = "รอบที่แต่ละแผนรายงานอยู่" if r.round is None else r.round.label
    if digits is DigitStyle.ARABIC:
        round_ = with_digits(round_, digits)
    return Text(
        f"สรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต รวมหลายองค์กร\n{_years_text(r, digits)} {round_}",
        style="bold",
    )


def year_heading(group: YearGroup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """The heading over one year's table where the roll-up holds several years."""
    return Text(f"ปีงบประมาณ พ.ศ. {_year(group.fiscal_year, digits)}", style="bold underline")


def year_totals(group: YearGroup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """One fiscal year's totals in words: plans, organizations, projects per status, mean score, flags, budget."""
    t = group.totals

    def n(value: int) -> str:
        return format_int(value, digits)

    text = Text()
    text.append(f"รวมปีงบประมาณ พ.ศ. {_year(group.fiscal_year, digits)} ", style="bold")
    text.append(f"{n(t.organizations)} องค์กร {n(t.plans)} แผน โครงการ {n(t.projects)}")
    text.append("\n" + " · ".join(f"{s.label} {n(t.per_status[s])}" for s in Status))
    text.append("\nการนำแผนไปปฏิบัติ ", style="bold")
    if t.mean_score is None:
        text.append("ไม่มีแผน")
    else:
        text.append(f"เฉลี่ยร้อยละ {format_percent(t.mean_score, digits)}")
    for flag in Flag:
        text.append(" · ")
        text.append(f"ธง{flag.label} {n(t.flags[flag])}", style=FLAG_STYLES[flag])
    text.append("\nงบประมาณรวม ", style="bold")
    text.append(f"{format_baht(t.budget, digits)} บาท")
    text.append("   เบิกจ่าย ", style="bold")
    text.append(f"{format_baht(t.disbursed, digits)} บาท")
    if len({row.round for row in group.rows}) > 1:
        text.append("\nหมายเหตุ: ", style="bold yellow")
        text.append(
            "แผนของปีนี้รายงานอยู่ต่างรอบกัน (รอบ ๖ และ ๑๒ เดือน) ค่าเฉลี่ยจึงปนสองรอบ ใช้ --round เพื่อเทียบรอบเดียวกัน"
            if digits is DigitStyle.THAI else
            "แผนของปีนี้รายงานอยู่ต่างรอบกัน (รอบ 6 และ 12 เดือน) ค่าเฉลี่ยจึงปนสองรอบ ใช้ --round เพื่อเทียบรอบเดียวกัน"
        )
        text.append(" (the plans of this year are at different rounds; --round 6 or 12 compares like with like)")
    return text


def no_plans(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """What stands in place of the tables when no plan was read."""
    if r.fiscal_year is None:
        return Text("ไม่มีแผนที่จะสรุป (no plans to roll up)")
    return Text(
        f"ไม่มีแผนของปีงบประมาณ พ.ศ. {_year(r.fiscal_year, digits)} (no plans of fiscal year {r.fiscal_year})"
    )


def rollup_notes(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """Files read, the years kept apart, the files skipped as no database, the offices counted twice."""

    def n(value: int) -> str:
        return format_int(value, digits)

    text = Text(f"อ่านได้ {n(r.files_read)} จาก {n(r.files)} ไฟล์ฐานข้อมูล")
    if len(r.years) > 1:
        text.append(
            f" · แผนของ {n(len(r.years))} ปีงบประมาณ รวมแยกรายปี ไม่นำมาเฉลี่ยรวมกัน "
            f"({len(r.years)} fiscal years, totalled apart, never averaged together)"
        )
    if r.skipped:
        text.append(
            f"\nข้าม {n(len(r.skipped))} ไฟล์ที่ไม่ใช่ฐานข้อมูล (skipped {len(r.skipped)} "
            f"{'file' if len(r.skipped) == 1 else 'files'} that {'is' if len(r.skipped) == 1 else 'are'} "
            "not a database):",
            style="bold",
        )
        for skipped in r.skipped:
            text.append("\n- ")
            text.append(safe_line(skipped.line))
    for dup in r.duplicates:
        text.append("\nคำเตือน: ", style="bold yellow")
        text.append(safe_line(
            f"{dup.organization} อำเภอ{dup.district} จังหวัด{dup.province} ปีงบประมาณ "
            f"{_year(dup.fiscal_year, digits)} อยู่ใน {n(len(dup.paths))} ไฟล์ จึงนับซ้ำ "
            f"(in {len(dup.paths)} files, counted each time): " + ", ".join(path_text(p) for p in dup.paths)
        ))
    return text


def rollup_totals(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """Each year's totals (a blank line between years), then the notes (:func:`rollup_notes`)."""
    text = Text()
    for group in r.years:
        text.append_text(year_totals(group, digits))
        text.append("\n\n")
    text.append_text(rollup_notes(r, digits))
    return text


def rollup_problems(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """The files, folders and plans that could not be read, one line each (empty when none)."""
    text = Text()
    if not r.problems:
        return text
    text.append(
        f"อ่านไม่ได้ {format_int(len(r.problems), digits)} รายการ (could not be read):", style="bold red"
    )
    for problem in r.problems:
        text.append("\n- ")
        text.append(safe_line(problem.line))
    return text


def rollup_renderable(
    r: Rollup, digits: DigitStyle = DigitStyle.THAI, width: int = TEXT_WIDTH
) -> RenderableType:
    """Title; per fiscal year (a heading where there are several) the table (``width`` cells wide at
    most) and its totals; the notes, and the problems if there are any."""
    parts: list[RenderableType] = [rollup_title(r, digits)]
    for group in r.years:
        if len(r.years) > 1:
            parts.append(Text())
            parts.append(year_heading(group, digits))
        parts.append(rollup_table(group, digits, width))
        parts.append(year_totals(group, digits))
    if not r.years:
        parts.append(no_plans(r, digits))
    parts.append(Text())
    parts.append(rollup_notes(r, digits))
    if r.problems:
        parts.append(rollup_problems(r, digits))
    return Group(*parts)


def rollup_text(r: Rollup, digits: DigitStyle = DigitStyle.THAI, width: int = TEXT_WIDTH) -> str:
    """The roll-up as plain text ``width`` cells wide (for a file or an e-mail)."""
    console = Console(
        file=io.StringIO(), width=width, record=True, color_system=None, force_terminal=False,
        force_jupyter=False, legacy_windows=False, highlight=False, markup=False, emoji=False,
    )
    console.print(rollup_renderable(r, digits, width))
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


# --- data out ---------------------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "kind", "path", "province", "district", "organization", "plan_id", "fiscal_year", "round", "projects",
    "completed", "in_progress", "not_done", "not_reported", "score", "flag", "level",
    "budget", "disbursed", "plans", "organizations", "problem",
)
"""What each row is (``kind``): a row per plan ("plan"), after each fiscal year's plans a row of that
year's totals ("total": ``score`` is the mean of the plans' scores, ``plans`` and ``organizations``
count them), then a row per problem ("problem": path, plan_id where it is one plan, and the problem)."""
CSV_TEXT_COLUMNS = frozenset({"path", "province", "district", "organization", "plan_id", "level", "problem"})
"""Text shown safely (control characters visible) and guarded against formulas; the other columns hold
numbers and codes."""


def _csv_row(row: RollupRow) -> dict[str, str]:
    return {
        "kind": "plan",
        "path": path_text(row.path),
        "province": row.province,
        "district": row.district,
        "organization": row.organization,
        "plan_id": row.plan_id,
        "fiscal_year": str(row.fiscal_year),
        "round": str(int(row.round)),
        "projects": str(row.projects),
        **{s.value: str(n) for s, n in row.per_status.items()},
        "score": f"{row.score:.2f}",
        "flag": row.flag.value,
        "level": row.level,
        "budget": f"{row.budget:.2f}",
        "disbursed": f"{row.disbursed:.2f}",
    }


def _csv_total(group: YearGroup) -> dict[str, str]:
    t = group.totals
    rounds = {row.round for row in group.rows}
    return {
        "kind": "total",
        "fiscal_year": str(group.fiscal_year),
        "round": str(int(rounds.pop())) if len(rounds) == 1 else "",
        "projects": str(t.projects),
        **{s.value: str(n) for s, n in t.per_status.items()},
        "score": "" if t.mean_score is None else f"{t.mean_score:.2f}",
        "budget": f"{t.budget:.2f}",
        "disbursed": f"{t.disbursed:.2f}",
        "plans": str(t.plans),
        "organizations": str(t.organizations),
    }


def rollup_csv(r: Rollup) -> str:
    """The rows with each year's total after them, then the problems, as CSV text (without the
    byte-order mark: see :func:`rollup_csv_bytes`).

    Text shows control characters visibly and has the formula guard; numbers are plain ("85.00", "50000.00").
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    cells: list[dict[str, str]] = []
    for group in r.years:
        cells.extend(_csv_row(row) for row in group.rows)
        cells.append(_csv_total(group))
    cells.extend(
        {"kind": "problem", "path": path_text(p.path), "plan_id": p.plan_id, "problem": p.message}
        for p in r.problems
    )
    for cell in cells:
        writer.writerow(
            [text_cell(cell.get(c, "")) if c in CSV_TEXT_COLUMNS else cell.get(c, "") for c in CSV_COLUMNS]
        )
    return out.getvalue()


def rollup_csv_bytes(r: Rollup) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark, so that Excel reads the Thai."""
    return rollup_csv(r).encode(ENCODING)


def write_rollup_csv(r: Rollup, path: Path) -> Path:
    """Write the CSV to ``path`` atomically (folders created); :class:`ExportError` when it cannot be."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{path_text(target)} เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ระบุชื่อไฟล์ (is a folder; give a file name)")
    created = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.lexists(target):
            # Created empty first, so that the report gets the user's usual permissions, not 0o600.
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            created = True
        write_atomic(target, rollup_csv_bytes(r))
    except NotDurableError:
        pass  # the file is whole and in place; only its survival of a power cut now is unconfirmed
    except OSError as exc:
        if created:
            with contextlib.suppress(OSError):
                target.unlink()
        reason = _one_line(exc.strerror or str(exc))
        raise ExportError(f"เขียนไฟล์ {path_text(target)} ไม่ได้: {reason} (cannot write the file: {reason})") from None
    return target


def _totals_json(t: Totals) -> dict[str, Any]:
    return {
        "organizations": t.organizations,
        "plans": t.plans,
        "projects": t.projects,
        **{s.value: n for s, n in t.per_status.items()},
        "mean_score": None if t.mean_score is None else f"{t.mean_score:.2f}",
        "flags": {f.value: n for f, n in t.flags.items()},
        "budget": f"{t.budget:.2f}",
        "disbursed": f"{t.disbursed:.2f}",
    }


def rollup_json(r: Rollup) -> dict[str, Any]:
    """The roll-up as JSON-able data: amounts and scores as decimal strings, paths as text.

    The totals are per fiscal year (``years``), never across years.
    """
    return {
        "fiscal_year": r.fiscal_year,
        "round": None if r.round is None else int(r.round),
        "files": r.files,
        "files_read": r.files_read,
        "rows": [
            {
                "path": path_text(row.path), "plan_id": row.plan_id, "organization": row.organization,
                "district": row.district, "province": row.province, "fiscal_year": row.fiscal_year,
                "round": int(row.round), "projects": row.projects,
                **{s.value: n for s, n in row.per_status.items()},
                "score": f"{row.score:.2f}", "flag": row.flag.value, "level": row.level,
                "budget": f"{row.budget:.2f}", "disbursed": f"{row.disbursed:.2f}",
            }
            for row in r.rows
        ],
        "years": [{"fiscal_year": g.fiscal_year, "totals": _totals_json(g.totals)} for g in r.years],
        "problems": [
            {"path": path_text(p.path), "plan_id": p.plan_id or None, "message": p.message} for p in r.problems
        ],
        "skipped": [{"path": path_text(k.path), "message": k.message} for k in r.skipped],
        "duplicates": [
            {
                "organization": d.organization, "district": d.district, "province": d.province,
                "fiscal_year": d.fiscal_year, "paths": [path_text(p) for p in d.paths],
            }
            for d in r.duplicates
        ],
    }
