"""Writable open against read-only open, and saving one edit against the physical limit (issue 16).

- :func:`measure_open`: ``Store.open(db)`` (the writer: lock, full check of every plan) against
  ``Store.open(db, read_only=True)`` (no lock; plans checked when loaded), each followed by ``close``.
- :func:`measure_save`: ``Store.save_plan`` of one edited field against the physical limit of a
  whole-file JSON save writing the very same bytes: ``orjson.dumps`` of the store's data with the
  store's options (two-space indent, final newline), write, ``fsync``, ``os.replace``. The bytes are
  compared after every round of samples. The baseline with the folder ``fsync`` after the rename
  (what makes an atomic save survive a power cut, and what the store does) is measured too.

Samples of ours and of the baselines alternate in one process (each going first in turn), so that a
slow moment of a shared machine hits both; each figure is the median, with the spread (lowest and highest sample).

    python -m benchmarks.open_save /tmp/db.json [--runs 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from benchmarks.storage import STORE_OPTIONS as _OPTIONS
from benchmarks.storage import no_gc as _no_gc
from benchmarks.storage import physical_write as physical_save
from benchmarks.storage import size_limit_lifted as _size_limit_lifted
from tracker.storage.store import Store


def _timed(fn: Callable[[], Any]) -> float:
    with _no_gc():
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "low": min(values), "high": max(values)}


def measure_open(db: Path, runs: int) -> dict[str, Any]:
    """Writable open against read-only open of ``db`` (each with its close), alternating, ``runs`` each.

    Returns ``{"writable": {median, low, high}, "read_only": {...}, "ratio": writable / read-only
    medians, "runs": runs}`` in seconds.
    """
    db = Path(db)
    writable: list[float] = []
    read_only: list[float] = []
    with _size_limit_lifted(db):
        Store.open(db, read_only=True).close()  # warm the file cache and the imports
        for i in range(runs):
            for read in (False, True) if i % 2 else (True, False):  # each goes first every other time
                if read:
                    read_only.append(_timed(lambda: Store.open(db, read_only=True).close()))
                else:
                    writable.append(_timed(lambda: Store.open(db).close()))
    w, r = _summary(writable), _summary(read_only)
    return {"writable": w, "read_only": r, "ratio": w["median"] / r["median"], "runs": runs}


def measure_save(db: Path, runs: int) -> dict[str, Any]:
    """Saving one edit (the remarks of the first plan's first project) against the physical limit.

    Works on copies of ``db`` in a temporary folder next to it (the same disk). The three measures take
    turns at going first; a baseline writes the data of the store's latest save (the same bytes, or
    the previous edit's when it goes first), and after every round the baseline's bytes of the store's
    data are compared with the store's file: :class:`AssertionError` if they differ.

    Returns ``{"ours", "physical", "physical_folder_fsync": {median, low, high}, "ratio": ours /
    physical medians, "ratio_folder_fsync": ours / physical-with-folder-fsync, "bytes": file size,
    "runs": runs}`` in seconds.
    """
    db = Path(db)
    ours: list[float] = []
    physical: list[float] = []
    physical_sync: list[float] = []
    with _size_limit_lifted(db), tempfile.TemporaryDirectory(dir=db.parent, prefix=".open_save.") as work:
        ours_path = Path(work) / "ours.json"
        base_path = Path(work) / "physical.json"
        shutil.copyfile(db, ours_path)
        with Store.open(ours_path) as store:
            plan = store.load_plan(store.list_plans()[0].plan_id)

            def save(i: int) -> None:
                plan.projects[0].remarks = f"แก้ไขครั้งที่ {i}"
                store.save_plan(plan)

            def stored() -> Any:
                return store._storage.read()  # the data the store has just written (its cache)

            save(-1)  # the day's first save makes the daily backup: not what is measured
            data = stored()
            for i in range(runs):
                # The three take turns at going first: each write's fsync waits for what the disk
                # still holds of the one before, and no measure should always come after another.
                for which in (0, 1, 2)[i % 3 :] + (0, 1, 2)[: i % 3]:
                    if which == 0:
                        ours.append(_timed(lambda i=i: save(i)))
                        data = stored()
                    elif which == 1:
                        physical.append(_timed(lambda data=data: physical_save(base_path, data)))
                    else:
                        physical_sync.append(
                            _timed(lambda data=data: physical_save(base_path, data, folder_fsync=True))
                        )
                if orjson.dumps(data, option=_OPTIONS) != ours_path.read_bytes():
                    raise AssertionError("the baseline does not write the bytes the store wrote")
            size = ours_path.stat().st_size
    o, p, s = _summary(ours), _summary(physical), _summary(physical_sync)
    return {
        "ours": o,
        "physical": p,
        "physical_folder_fsync": s,
        "ratio": o["median"] / p["median"],
        "ratio_folder_fsync": o["median"] / s["median"],
        "bytes": size,
        "runs": runs,
    }


def _ms(s: dict[str, float]) -> str:
    return f"{s['median'] * 1000:8.2f} ms ({s['low'] * 1000:.2f}-{s['high'] * 1000:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-open", action="store_true")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    for db in args.databases:
        print(f"{db} ({db.stat().st_size:,} bytes), {args.runs} runs; median (lowest-highest)")
        if not args.no_open:
            o = measure_open(db, args.runs)
            print(f"  open   writable {_ms(o['writable'])}   read-only {_ms(o['read_only'])}   "
                  f"ratio {o['ratio']:.2f}x (target <= 1.5x)")
        if not args.no_save:
            s = measure_save(db, args.runs)
            print(f"  save   ours {_ms(s['ours'])}   physical {_ms(s['physical'])}   ratio {s['ratio']:.2f}x "
                  f"(target <= 1.3x)")
            print(f"         physical + folder fsync {_ms(s['physical_folder_fsync'])}   ratio "
                  f"{s['ratio_folder_fsync']:.2f}x")


if __name__ == "__main__":
    main()
