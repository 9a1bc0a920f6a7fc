"""The roll-up's records and sums: a plan's row of figures, the totals of a fiscal year, what could not be read.

:func:`row_of` turns one plan into a :class:`RollupRow` (its figures from
:func:`tracker.domain.figures.compute`); :func:`years_of` groups rows by fiscal year, each year with its
own :class:`Totals` (years are never added up or averaged together); :func:`duplicates_of` names an
office's year found in more than one file. Reading the databases is :mod:`tracker.reports.rollup`'s,
showing the roll-up :mod:`tracker.reports.rollup_render`'s and writing it to CSV or JSON
:mod:`tracker.reports.rollup_export`'s.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from tracker.domain.figures import Flag, compute
from tracker.domain.model import Plan, Round, Status
from tracker.domain.thai import CENT


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
        return replace(self, problems=tuple(sorted((*extra, *self.problems), key=problem_key)))


# --- computing ---------------------------------------------------------------------------------------


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


def duplicates_of(rows: list[RollupRow]) -> tuple[Duplicate, ...]:
    """The offices' years found in more than one file, each with the files, in the order of ``rows``."""
    files: dict[tuple[str, str, str, int], list[Path]] = {}
    for row in rows:
        paths = files.setdefault((row.province, row.district, row.organization, row.fiscal_year), [])
        if row.path not in paths:
            paths.append(row.path)
    return tuple(Duplicate(*key, paths=tuple(paths)) for key, paths in files.items() if len(paths) > 1)


# --- ordering, paths, messages ---------------------------------------------------------------------


_LEADING_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def thai_order(text: str) -> str:
    """A sort key that puts Thai names in dictionary order, near enough for a list of offices.

    Code-point order files every name starting with a leading vowel (เ แ โ ใ ไ) after all the
    others; a dictionary files it under the consonant that follows (เทศบาล under ท). So each leading
    vowel changes place with its consonant here.
    """
    return _LEADING_VOWEL.sub(r"\2\1", text)


def row_key(row: RollupRow) -> tuple[int, str, str, str, str, str]:
    """The rows' order: fiscal year, then province, district and organization in Thai order."""
    return (
        row.fiscal_year, thai_order(row.province), thai_order(row.district), thai_order(row.organization),
        row.plan_id, str(row.path),
    )


def problem_key(problem: Problem) -> tuple[str, str]:
    """The problems' order: by path, then plan."""
    return str(problem.path), problem.plan_id


def path_text(path: Path) -> str:
    """A path as text that any output takes: bytes that are not UTF-8 written as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
