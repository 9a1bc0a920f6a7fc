"""Command start (issue 16): ``tracker summary``, ``export --format md`` and ``check``, whole process,
beside a bare ``python -c "import rich.table, tinydb"`` started the same way.

    python -m benchmarks.command_start [DB] [--runs N]

Each command's runs alternate with the bare process's (ours, bare, ours, bare, ...), so that a slow
moment of the machine hits both; a figure is the median wall time from start to exit. The spread is
(slowest - fastest) / median of the same samples. The package is compiled first (``compileall``),
as it ships: with ``PYTHONDONTWRITEBYTECODE`` set, an uncompiled module would be compiled again on
every start. Without DB, a database of 40 projects is generated (benchmarks.generate) in a temporary
folder. Standalone: imports nothing of tracker's, so the figures are not changed by what it loads.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parents[1]
BARE = [sys.executable, "-c", "import rich.table, tinydb"]
TARGET = 2.0
"""Each command at most this many times the bare process (issue 16)."""


class Row(TypedDict):
    """One command beside the bare process: medians in seconds, spreads as a share of the median."""

    command: str
    ours_median_s: float
    bare_median_s: float
    ours_spread: float
    bare_spread: float
    ratio: float


def _commands(db: Path, plan: str | None, out: Path) -> dict[str, list[str]]:
    tracker = [sys.executable, "-m", "tracker", "--db", str(db)]
    chosen = ["--plan", plan] if plan is not None else []
    return {
        "summary": [*tracker, "summary", *chosen],
        "export --format md": [*tracker, "export", *chosen, "--format", "md", "-o", str(out)],
        "check": [*tracker, "check", *chosen],
    }


def largest_plan(db: Path) -> str | None:
    """The id of the plan with the most projects (a command on a file of several plans must name one);
    None when the file holds one plan or none, or is not there yet (the command then creates it)."""
    try:
        plans = list(json.loads(db.read_bytes()).get("plans", {}).values())
    except (OSError, ValueError, AttributeError):
        return None
    if len(plans) < 2:
        return None
    return str(max(plans, key=lambda p: len(p.get("projects", [])))["plan_id"])


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1) or b"Traceback" in done.stderr:  # check exits 1 on errors found
        raise RuntimeError(f"{cmd} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed


def _spread(values: list[float]) -> float:
    return (max(values) - min(values)) / statistics.median(values)


def measure(db: Path, runs: int) -> list[Row]:
    """Each command's whole-process wall time beside the bare process's, ``runs`` alternating runs each.

    A row per command: ``command``, ``ours_median_s``, ``bare_median_s``, ``ours_spread``,
    ``bare_spread`` ((slowest - fastest) / median) and ``ratio`` (ours / bare, medians).
    """
    compileall.compile_dir(ROOT / "tracker", quiet=1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        commands = _commands(db, largest_plan(db), Path(tmp) / "report.md")
        for cmd in commands.values():  # a first run each: the file's page cache, a missing db created
            _wall(cmd)
        _wall(BARE)
        for name, cmd in commands.items():
            ours: list[float] = []
            bare: list[float] = []
            for _ in range(runs):
                ours.append(_wall(cmd))
                bare.append(_wall(BARE))
            ours_median, bare_median = statistics.median(ours), statistics.median(bare)
            rows.append({
                "command": name,
                "ours_median_s": ours_median,
                "bare_median_s": bare_median,
                "ours_spread": _spread(ours),
                "bare_spread": _spread(bare),
                "ratio": ours_median / bare_median,
            })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.command_start", description=__doc__.split("\n")[0])
    parser.add_argument("db", type=Path, nargs="?", help="the database (default: 40 generated projects)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "office.json"
            subprocess.run([sys.executable, "-m", "benchmarks.generate", "40", str(db)], cwd=ROOT,
                           stdout=subprocess.DEVNULL, check=True)
        print(f"{db} ({os.path.getsize(db):,} bytes), {args.runs} alternating runs each"
              if db.exists() else f"{db} (created by the first run), {args.runs} alternating runs each")
        print(f"{'command':<20} {'ours':>9} {'bare':>9} {'ratio':>6}  spread ours / bare  target ≤ {TARGET}×")
        for row in measure(db, args.runs):
            verdict = "met" if row["ratio"] <= TARGET else "NOT met"
            print(f"{row['command']:<20} {row['ours_median_s'] * 1000:7.1f}ms {row['bare_median_s'] * 1000:7.1f}ms"
                  f" {row['ratio']:5.2f}×  {row['ours_spread']:5.0%} / {row['bare_spread']:4.0%}        {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
