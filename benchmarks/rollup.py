"""Roll-up timings: one database file per office, read one at a time, beside parsing the same files.

A province or the country keeps one database per office (here one plan per file, 20-40 projects:
``make_plans``). ``tracker rollup`` opens each file read-only, loads its plan and computes its figures
(:func:`tracker.reports.rollup.rollup`, with the folder search of :func:`find_databases`). Baseline:
``orjson.loads`` of every one of those files, read included (the files' list given, no search), in
the same run; samples alternate.

Also, at the largest size run: saving one edit in one office file of that folder (``Store.save_plan``),
beside the physical limit of a whole-file save of the same projects kept as a *single* file
(``orjson.dumps`` + write + ``fsync`` + ``os.replace`` of the whole data, built in memory: 272 MiB
at 100,000 projects, over the store's 64 MiB limit), and beside the physical limit of saving that
one office file.

    python -m benchmarks.rollup --quick       # 1,000 and 10,000 projects; prints the rows only
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from benchmarks.generate import SEED, make_plans
from benchmarks.storage import Samples, no_gc, physical_write, timed
from tracker.domain.model import Plan, ensure_uids, plan_to_dict
from tracker.reports.rollup import find_databases, rollup, rollup_text
from tracker.storage.atomic import encode_json
from tracker.storage.store import APP_MARK, HISTORY_TABLE, META_TABLE, PLANS_TABLE, SCHEMA_VERSION, Store

ROLLUP_SIZES = (1_000, 10_000, 100_000)
RUNS = {1_000: 11, 10_000: 5, 100_000: 3}
SAVE_RUNS = 7
FILE_NAME = "tracker.json"


@dataclass
class Measured:
    """One row of the results table (the fields of ``benchmarks.__main__.Row``)."""

    measure: str
    size: str
    ours: float
    baseline: float
    baseline_name: str
    target: float | None
    unit: str = "s"
    note: str = ""


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.2f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def database_data(plans: list[Plan]) -> dict[str, Any]:
    """A database holding ``plans`` as the store lays it out when it creates one (``Store._create``)."""
    docs: dict[str, Any] = {}
    for i, plan in enumerate(plans, start=1):
        ensure_uids(plan)
        docs[str(i)] = plan_to_dict(plan)
    return {
        META_TABLE: {"1": {"app": APP_MARK, "schema_version": SCHEMA_VERSION}},
        PLANS_TABLE: docs,
        HISTORY_TABLE: {},
    }


def write_offices(folder: Path, plans: list[Plan]) -> list[Path]:
    """One office database per plan, ``folder/office-NNNNN/tracker.json``; the paths written.

    The first is written by ``Store.open(path, initial_plans=[plan])``, the others with the same
    bytes built directly (thousands of stores with their locks and fsyncs would take minutes); the
    bytes of the first are compared, and the roll-up itself opens every file with the store.
    """
    paths: list[Path] = []
    for i, plan in enumerate(plans):
        path = folder / f"office-{i:05d}" / FILE_NAME
        path.parent.mkdir(parents=True)
        if i == 0:
            Store.open(path, initial_plans=[plan]).close()
            if path.read_bytes() != encode_json(database_data([plan])):
                raise AssertionError("the benchmark's layout is not the store's")
        else:
            path.write_bytes(encode_json(database_data([plan])))
        paths.append(path)
    return paths


def parse_all(paths: list[Path]) -> None:
    """The baseline: read and parse every file (the data is dropped at once, as the roll-up drops plans)."""
    for path in paths:
        orjson.loads(path.read_bytes())


def rollup_folder(folder: Path) -> Any:
    """What ``tracker rollup FOLDER`` waits for before printing: search the folder, read every file."""
    files, _ = find_databases([folder])
    return rollup(files, fiscal_year=None, round_=None)


def bench_rollup(folder: Path, paths: list[Path], runs: int) -> dict[str, Samples]:
    out = {"ours": Samples(), "orjson": Samples()}
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("orjson", lambda: parse_all(paths)),
        ("ours", lambda: rollup_folder(folder)),
    ]
    for _ in range(runs):
        for name, step in steps:
            with no_gc():
                out[name].values.append(timed(step))
    return out


def bench_save_office(office: Path, single: dict[str, Any], work: Path, runs: int) -> dict[str, Samples]:
    """Save one edit in one office file; the physical limit of the whole data as one file; and of that office file."""
    big_path = work / "single-file.json"
    small_path = work / "office-physical.json"
    shutil.copyfile(office, small_path)
    small = orjson.loads(small_path.read_bytes())
    small_doc = next(iter(small[PLANS_TABLE].values()))
    out = {"ours": Samples(), "single": Samples(), "office": Samples()}
    store = Store.open(office)
    try:
        plan = store.load_plan(store.list_plans()[0].plan_id)
        for i in range(runs):
            text = f"แก้ไขครั้งที่ {i}"
            plan.projects[0].remarks = text
            small_doc["projects"][0]["remarks"] = text
            with no_gc():
                out["ours"].values.append(timed(lambda: store.save_plan(plan)))
            with no_gc():
                out["single"].values.append(timed(lambda: physical_write(big_path, single)))
            with no_gc():
                out["office"].values.append(timed(lambda: physical_write(small_path, small)))
    finally:
        store.close()
    big_path.unlink(missing_ok=True)
    small_path.unlink(missing_ok=True)
    return out


def run(sizes: tuple[int, ...], work: Path) -> tuple[list[Measured], list[str]]:
    """The roll-up at each of ``sizes`` (those of :data:`ROLLUP_SIZES`), the save at the largest."""
    rows: list[Measured] = []
    sizes = tuple(s for s in sizes if s in ROLLUP_SIZES)
    notes: list[str] = []
    if sizes:
        notes.append(
            "Roll-up: one database file per plan (an office each), rolled up by `find_databases` + `rollup` "
            "(what `tracker rollup FOLDER` waits for before printing); runs per size: "
            + ", ".join(f"{s:,}: {RUNS.get(s, 3)}" for s in sizes)
            + f"; the save of one edit in one office file ×{SAVE_RUNS}, at {sizes[-1]:,} projects."
        )
    for size in sizes:
        label = f"{size:,}"
        _say(f"[rollup {label}] generating one file per plan")
        t0 = time.perf_counter()
        plans = make_plans(size, SEED)
        folder = work / f"offices-{size}"
        paths = write_offices(folder, plans)
        built = time.perf_counter() - t0
        n = len(paths)
        total_bytes = sum(p.stat().st_size for p in paths)

        result = rollup_folder(folder)  # a check before timing: every file read, every project counted
        if result.problems or len(result.rows) != n or sum(g.totals.projects for g in result.years) != size:
            raise AssertionError(f"the roll-up read {len(result.rows)} of {n} files: {result.problems[:3]}")
        t0 = time.perf_counter()
        rollup_text(result)
        render = time.perf_counter() - t0

        runs = RUNS.get(size, 3)
        _say(f"[rollup {label}] {n:,} files ×{runs}")
        timing = bench_rollup(folder, paths, runs)
        ours, base = timing["ours"].median, timing["orjson"].median
        rows.append(Measured(
            "roll-up of office files", f"{label} ({n:,} files)", ours, base, "orjson.loads of every file", None,
            note=f"{_ms(ours / n)} per file vs {_ms(base / n)}; text of the table {_ms(render)}",
        ))
        notes.append(
            f"roll-up {label} projects: {n:,} office files of {total_bytes / n / 1024:,.0f} KiB on average "
            f"({total_bytes / 2**20:,.1f} MiB in all), written in {built:.1f} s"
        )

        if size == sizes[-1]:
            _say(f"[rollup {label}] save one edit in one office file ×{SAVE_RUNS}")
            single = database_data(plans)
            saved = bench_save_office(paths[0], single, work, SAVE_RUNS)
            del single
            office_kib = paths[0].stat().st_size / 1024
            rows.append(Measured(
                "save one edit, one office file", f"{label} in {n:,} files", saved["ours"].median,
                saved["single"].median, f"orjson+write+fsync+replace of one {label}-project file", None,
                note=f"the office file {office_kib:,.0f} KiB; "
                f"1/{saved['single'].median / saved['ours'].median:,.0f} of the single file's save",
            ))
            rows.append(Measured(
                "save one edit, one office file", f"{label} in {n:,} files", saved["ours"].median,
                saved["office"].median, "orjson+write+fsync+replace of that office file", None,
            ))
        del plans
        shutil.rmtree(folder, ignore_errors=True)
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rollup", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip 100,000 projects")
    parser.add_argument("--sizes", type=lambda s: tuple(int(x) for x in s.split(",")), default=ROLLUP_SIZES)
    parser.add_argument("--work", type=Path, default=None, help="folder for the files (default: a temp folder)")
    args = parser.parse_args(argv)
    sizes = tuple(s for s in args.sizes if not (args.quick and s == 100_000))
    from benchmarks.__main__ import Row, table  # the runner's table, for the same look

    work = Path(tempfile.mkdtemp(prefix="tracker-bench-rollup-", dir=args.work))
    try:
        measured, notes = run(sizes, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table([Row(**vars(m)) for m in measured]))
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
