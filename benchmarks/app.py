"""App timings.

- start to first screen (:func:`bench_start`), whole process: ``python -m tracker --db COPY`` against
  a bare Textual app showing the same screen (the same header line, tree nodes and labels, legend,
  detail lines and footer keys), each a fresh process, through the same probe
  (benchmarks/start_probe.py: headless at 120×40, stamped at the first frame holding the whole tree
  and every footer key); imports, the store's open and the bare app's read of its data are inside
  the clock;

Headless through Textual's ``run_test`` and its Pilot, the way the UI tests drive the app, in this
process (:func:`bench_keys`):

- a key press in the tree: ``down`` then a pause (which paints), each press timed alone;
- filtering: setting the words of the filter bar (as typing one more character does) until the tree
  is rebuilt and painted, and clearing it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import gc
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Input, Tree

from benchmarks.start_probe import STAMP
from benchmarks.storage import Samples
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.widgets import PlanTree

SIZE = (120, 40)
ROOT = Path(__file__).resolve().parents[1]
FILTER_WORD = "คณะกรรมการ"


def _tree_lines(app: App[Any]) -> int:
    tree = app.query_one(Tree)
    return len(tree._tree_lines)  # textual's own list of the lines shown


class Clock:
    """CPU time of this process (what the app worked) and wall time (what a person waits) of one span.

    Wall time includes the pilot's wait for idleness (sleeps of 20 ms until the process is quiet),
    so CPU time is the fairer basis of a ratio; both are reported.
    """

    def __init__(self) -> None:
        self.cpu0 = time.process_time()
        self.wall0 = time.perf_counter()

    def stop(self, out: dict[str, Samples], name: str) -> None:
        out[name].values.append(time.process_time() - self.cpu0)
        out[f"{name}_wall"].values.append(time.perf_counter() - self.wall0)


def _samples(*names: str) -> dict[str, Samples]:
    return {n: Samples() for name in names for n in (name, f"{name}_wall")}


def _in_terminal(cmd: list[str], timeout: float = 120) -> tuple[float | None, str]:
    """Run ``cmd`` on a pseudo-terminal of 120×40 (what it draws is read and dropped), the probe's stamp
    coming back on a pipe: (monotonic stamp or None, what the process wrote, for an error)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    read_end, write_end = os.pipe()
    env = dict(os.environ, START_PROBE_TERMINAL="1", START_PROBE_FD=str(write_end),
               TERM="xterm-256color", COLORTERM="truecolor")
    try:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, pass_fds=(write_end,),
                                env=env, start_new_session=True)
    finally:
        os.close(slave)
        os.close(write_end)
    stamps, drawn = b"", bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master, read_end], [], [], 1.0)
            if master in ready:
                with contextlib.suppress(OSError):  # EIO: the process has closed its terminal
                    drawn += os.read(master, 1 << 16)
            if read_end in ready:
                data = os.read(read_end, 4096)
                if not data:  # the process has ended
                    break
                stamps += data
        else:
            proc.kill()
        proc.wait(timeout=10)
    finally:
        os.close(master)
        os.close(read_end)
    for line in stamps.decode().splitlines():
        if line.startswith(STAMP + " "):
            return float(line.split()[1]), ""
    return None, f"exit {proc.returncode}: " + drawn[-2000:].decode(errors="replace")


def bench_start(db: Path, work: Path, runs: int) -> dict[str, Samples]:
    """App start, whole process, to the first full screen: the tracker on a copy of ``db`` beside the
    bare app showing the same screen (benchmarks.start_probe, benchmarks.bare_app), ``runs`` of each,
    alternating, headless (``ours``, ``bare``) and drawing on a pseudo-terminal (``ours_tty``,
    ``bare_tty``); one untimed start of each first (the page cache, the probe checked).

    Seconds from just before the process is spawned to the frame that completes the screen.
    """
    out = {k: Samples() for k in ("ours", "bare", "ours_tty", "bare_tty")}
    spec_path = work / "start-spec.json"
    done = subprocess.run([sys.executable, "-m", "benchmarks.start_probe", "spec", str(db), str(spec_path)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"start_probe spec failed: {done.stderr[-2000:]}")
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    copy = work / "start-db.json"
    ours = [sys.executable, "-m", "benchmarks.start_probe", "tracker", str(copy), str(spec["lines"]),
            str(spec["keys"])]
    bare = [sys.executable, "-m", "benchmarks.start_probe", "bare", str(spec_path)]

    def one(cmd: list[str], terminal: bool) -> float:
        shutil.copyfile(db, copy)  # a fresh database each start: no history of earlier starts
        began = time.monotonic()
        if terminal:
            stamp, error = _in_terminal(cmd)
            if stamp is None:
                raise RuntimeError(f"{cmd[3]} start in a terminal: no frame stamped ({error})")
            return stamp - began
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        for line in done.stdout.splitlines():
            if line.startswith(STAMP + " "):
                return float(line.split()[1]) - began
        raise RuntimeError(f"{cmd[3]} start: no frame stamped ({done.returncode}): {done.stderr[-2000:]}")

    for terminal in (False, True):
        one(ours, terminal)
        one(bare, terminal)
    for _ in range(runs):
        for terminal, tag in ((False, ""), (True, "_tty")):
            out["ours" + tag].values.append(one(ours, terminal))
            out["bare" + tag].values.append(one(bare, terminal))
    for p in (copy, spec_path):
        p.unlink(missing_ok=True)
    return out


def bench_keys(db: Path, plan_id: str, presses: int, filters: int) -> dict[str, Samples]:
    """Key presses ``down`` in the tree and applying/clearing a filter, in TrackerApp on ``db``."""
    out = _samples("start", "down", "filter", "clear")
    store = Store.open(db)
    plan = store.load_plan(plan_id)
    lines = 1 + len(plan.dimensions) + len(plan.projects)

    async def run() -> None:
        gc.collect()
        clock = Clock()
        app = TrackerApp(store, plan_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            clock.stop(out, "start")
            assert _tree_lines(app) == lines, (_tree_lines(app), lines)
            tree = app.query_one(PlanTree)
            for _ in range(presses):
                before = tree.cursor_line
                clock = Clock()
                await pilot.press("down")
                await pilot.pause()
                clock.stop(out, "down")
                assert tree.cursor_line == before + 1
            await pilot.press("slash")
            await pilot.pause()
            words = app.query_one("#filter-text", Input)
            for _ in range(filters):
                clock = Clock()
                words.value = FILTER_WORD
                await pilot.pause()
                while _tree_lines(app) == lines:  # a long plan filters once typing pauses
                    await pilot.pause(0.02)
                clock.stop(out, "filter")
                assert app.main.filter.active
                clock = Clock()
                words.value = ""
                await pilot.pause()
                clock.stop(out, "clear")
                assert not app.main.filter.active and _tree_lines(app) == lines

    try:
        asyncio.run(run())
    finally:
        store.close()
    return out
