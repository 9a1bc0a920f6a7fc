"""Measures of issue 16 run by the runner that need no module of their own.

- :func:`check_vs_parse`: ``python -m tracker check --db F`` on a database of one plan, beside
  ``python -c "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read())" F``: whole processes,
  alternating, wall time from spawn to exit (``check`` exits 1 when it finds errors: that is fine);
- :func:`markdown_render`: ``export_report(plan, "md")`` of the default plan, in this process, again
  and again; :func:`markdown_first_render`: its first render in a fresh process (caches cold);
- :func:`peak_memory`: the peak resident memory of whole processes (benchmarks/memory.py): open +
  summary drawn + export, the bare interpreter with rich and tinydb imported, the interpreter alone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.storage import Samples

ROOT = Path(__file__).resolve().parents[1]
PARSE_ONLY = "import orjson,sys; orjson.loads(open(sys.argv[1],'rb').read())"


def _wall(cmd: list[str], ok: tuple[int, ...] = (0,)) -> float:
    began = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - began
    if done.returncode not in ok or b"Traceback" in done.stderr:
        raise RuntimeError(f"{' '.join(cmd[:4])} … exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-1000:]}")
    return took


def check_vs_parse(db: Path, runs: int) -> dict[str, Samples]:
    """``tracker check`` on ``db`` beside a process that only parses it; one untimed run of each first."""
    ours_cmd = [sys.executable, "-m", "tracker", "check", "--db", str(db)]
    parse_cmd = [sys.executable, "-c", PARSE_ONLY, str(db)]
    out = {"ours": Samples(), "parse": Samples()}
    _wall(ours_cmd, ok=(0, 1, 2))
    _wall(parse_cmd)
    for _ in range(runs):
        out["ours"].values.append(_wall(ours_cmd, ok=(0, 1, 2)))
        out["parse"].values.append(_wall(parse_cmd))
    return out


REPEATED_RENDER = (
    "import gc, sys, time\n"
    "from tracker.importer.defaults import default_plan\n"
    "from tracker.reports.export import export_report\n"
    "plan = default_plan()\n"
    "export_report(plan, 'md')\n"
    "for _ in range(int(sys.argv[1])):\n"
    "    gc.collect(); gc.disable()\n"
    "    began = time.perf_counter(); export_report(plan, 'md'); took = time.perf_counter() - began\n"
    "    gc.enable(); print(took)\n"
)


def markdown_render(runs: int) -> Samples:
    """The default plan's Markdown report rendered again and again in a fresh process of its own (the
    plan built and a first render done before the clock), not in the runner's process, which has held
    databases of up to 100,000 projects by then (run C of 2026-11-28 measured 4.2 ms there, spread 82%,
    where a process of its own took 1.5 ms)."""
    done = subprocess.run([sys.executable, "-c", REPEATED_RENDER, str(runs)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return Samples([float(line) for line in done.stdout.split()])


FIRST_RENDER = (
    "import time\n"
    "from tracker.importer.defaults import default_plan\n"
    "from tracker.reports.export import export_report\n"
    "plan = default_plan()\n"
    "began = time.perf_counter()\n"
    "export_report(plan, 'md')\n"
    "print(time.perf_counter() - began)\n"
)


def markdown_first_render(runs: int) -> Samples:
    """The default plan's first Markdown render in a fresh process each (imports and the plan before the
    clock; every cache of the process cold), as ``tracker export`` renders it once."""
    out = Samples()
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", FIRST_RENDER], cwd=ROOT, capture_output=True, text=True,
                              check=True)
        out.values.append(float(done.stdout.split()[-1]))
    return out


def _peak(*args: str) -> int:
    done = subprocess.run([sys.executable, "-m", "benchmarks.memory", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"benchmarks.memory {args[0]} failed: {done.stderr[-1000:]}")
    return int(done.stdout.strip().splitlines()[-1])


def peak_memory(db: Path, plan_id: str, runs: int, *, writable: bool = True) -> dict[str, Samples]:
    """Peak resident bytes of whole processes, ``runs`` each, alternating: ``work`` (open read-only +
    summary drawn + export Markdown), ``bare`` (``import rich.table, tinydb``), ``python`` (nothing),
    ``orjson`` (parse the file) and, with ``writable``, ``work_writable`` (the app's writable open)."""
    out = {k: Samples() for k in ("work", "bare", "python", "orjson", "work_writable")}
    for _ in range(runs):
        out["work"].values.append(float(_peak("work", str(db), plan_id)))
        out["bare"].values.append(float(_peak("bare")))
        out["python"].values.append(float(_peak("python")))
        out["orjson"].values.append(float(_peak("orjson", str(db))))
        if writable:
            out["work_writable"].values.append(float(_peak("work", str(db), plan_id, "--writable")))
    return out
