"""Peak memory of opening a database, in a fresh process (run by the runner, one process per figure).

    python -m benchmarks.memory store DB PLAN_ID     # Store.open + load_plan + compute + export md
    python -m benchmarks.memory orjson DB            # orjson.loads of the file, for comparison

Prints one JSON line: the resident set size before the work (the peak reset to it where Linux allows),
the peak after it, their
difference (what the work added at its peak), and with ``--trace`` the peak of Python's own
allocations during the work (tracemalloc; slower, so a separate process).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tracemalloc
from pathlib import Path


def _maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB, macOS bytes


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> int:
    """The resident size now, with the peak reset to it (Linux); else the peak so far.

    Without the reset the peak of importing (textual-free, but rich and tracker) would hide the peak of
    the work for small files.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
        now = _status_kib("VmRSS")
        if now is not None:
            return now * 1024
    except OSError:
        pass
    return _maxrss_bytes()


def _peak() -> int:
    hwm = _status_kib("VmHWM")
    return hwm * 1024 if hwm is not None else _maxrss_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory")
    parser.add_argument("what", choices=("store", "orjson"))
    parser.add_argument("db", type=Path)
    parser.add_argument("plan_id", nargs="?", default="")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args(argv)

    import orjson

    from benchmarks.storage import size_limit_lifted
    from tracker.domain.figures import compute
    from tracker.reports.export import export_report
    from tracker.storage.store import Store

    def work() -> None:
        if args.what == "orjson":
            orjson.loads(args.db.read_bytes())
            return
        with size_limit_lifted(args.db), Store.open(args.db) as store:
            plan = store.load_plan(args.plan_id)
            compute(plan)
            export_report(plan, "md")

    before = _reset_peak()
    if args.trace:
        tracemalloc.start()
        work()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    else:
        work()
        peak = 0
    after = _peak()
    print(json.dumps({"before": before, "after": after, "added": after - before, "traced_peak": peak}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
