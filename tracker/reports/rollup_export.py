"""The roll-up as data for other programs: CSV (a row per plan, each year's total, the problems) and JSON.

Text cells of the CSV show control characters visibly and carry the formula guard
(:func:`tracker.reports.csv_export.text_cell`); amounts and scores are plain decimals in both.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from pathlib import Path
from typing import Any

from tracker.reports.csv_export import ENCODING, text_cell
from tracker.reports.export import ExportError
from tracker.reports.rollup_model import Rollup, RollupRow, Totals, YearGroup, path_text
from tracker.storage.atomic import NotDurableError, write_atomic
from tracker.storage.errors import one_line

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
        reason = one_line(exc.strerror or str(exc))
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
