"""Crash safety: a child process saving in a loop is killed (SIGKILL) at random moments, many times.

After every kill the file must open cleanly, and hold either the last save the child acknowledged
or the one it was making when it died: an acknowledged save is never lost, and nothing else ever
appears. Each lane (its own file) forks its savers from a server that has imported the store already
(``_saver.py --serve``): a new interpreter's start took most of each round. Run with ``-s`` to see the
counts.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tracker.storage.store import Store

from ._saver import counter_of, counter_text
from .plans import thai_plan

KILLS = 300
"""Kills in all, shared between the lanes."""
LANES = 2
MAX_DELAY = 0.050
"""Longest wait, in seconds, between the child's "ready" and the kill."""
SAVER = Path(__file__).with_name("_saver.py")
PLAN_ID = thai_plan().plan_id
KEPT_ACK = "file held the last acknowledged save"
KEPT_NEXT = "file held the save in progress at the kill"


def stored_counter(path: Path) -> int:
    """The counter in the file, after checking that the file opens and the plan is whole."""
    with Store.open(path, read_only=True) as store:
        plan = store.load_plan(PLAN_ID)
        assert [i.plan_id for i in store.list_plans()] == [PLAN_ID]
        names = [c.new for c in store.history(PLAN_ID) if c.field == "name"]
    counter = counter_of(plan.narrative["background"])
    assert plan.narrative["background"] == counter_text(counter)
    if counter > 0:
        assert plan.projects[0].name == f"โครงการที่ {counter}"  # saved together with the counter
        assert names[-1] == plan.projects[0].name  # and its history entry in the same write
    assert plan.projects[1:] == thai_plan().projects[1:]
    return counter


class SaverServer:
    """The saver server of one lane (``_saver.py --serve``): it forks each saver from an interpreter that has
    imported the store already, so that a kill costs the saving, not a new interpreter's start."""

    def __init__(self, errors: Path) -> None:
        self._errors = errors.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(SAVER), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests, self.replies = self.process.stdin, self.process.stdout

    def line(self) -> str:
        line = self.replies.readline()
        if not line:
            self._errors.flush()
            pytest.fail(f"the saver server stopped: {Path(self._errors.name).read_text()}")
        return line

    def close(self) -> None:
        self.requests.close()
        self.process.wait(timeout=10)
        self.replies.close()
        self._errors.close()


def kill_one_saver(server: SaverServer, path: Path, delay: float) -> tuple[int, list[int]]:
    """Start a saver on ``path``, kill it ``delay`` seconds after it is ready.

    Returns the counter the file held before and the counters the saver acknowledged.
    """
    before = stored_counter(path)
    server.requests.write(f"{path} {PLAN_ID}\n")
    server.requests.flush()
    pid = int(server.line().removeprefix("pid "))
    ready = server.line()
    if ready != f"ready {before}\n":
        os.kill(pid, signal.SIGKILL)
        pytest.fail(f"the saver did not start: {ready!r}")
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    # Every line the saver wrote is read before the server's "exit": a counter is printed in one write,
    # whole or not at all.
    lines = []
    while not (line := server.line()).startswith("exit "):
        assert line.rstrip("\n").isdigit(), f"not a counter: {line!r}"  # fails, where waiting would hang
        lines.append(line)
    assert line == f"exit {int(signal.SIGKILL)}\n", (line, lines)
    return before, [int(line) for line in lines]


def run_lane(folder: Path, kills: int, seed: int) -> tuple[int, Counter[str], int]:
    """Kill savers ``kills`` times on one file; returns saves acknowledged, outcomes, temp files left."""
    folder.mkdir()
    path = folder / "tracker.json"
    first = thai_plan()
    first.narrative["background"] = counter_text(0)
    Store.open(path, initial_plans=[first]).close()
    rng = random.Random(seed)
    saves = 0
    outcomes: Counter[str] = Counter()
    server = SaverServer(folder.with_name(f"{folder.name}-errors.txt"))
    try:
        for kill in range(kills):
            before, acknowledged = kill_one_saver(server, path, rng.uniform(0, MAX_DELAY))
            last = acknowledged[-1] if acknowledged else before
            assert acknowledged == list(range(before + 1, last + 1))
            saves += len(acknowledged)
            now = stored_counter(path)
            assert now in (last, last + 1), f"{folder.name} kill {kill}, seed {seed}: acknowledged {last}, file {now}"
            outcomes[KEPT_ACK if now == last else KEPT_NEXT] += 1
    finally:
        server.close()
    # The writer lock's file and the day's backup stay by design.
    leftovers = [p.name for p in folder.iterdir() if p.name not in ("tracker.json", ".tracker.json.lock", "backups")]
    # The last killed save may leave its hidden temporary file (each new writer removes the earlier ones).
    assert all(name.startswith(".tracker.json.") and name.endswith(".tmp") for name in leftovers)
    return saves, outcomes, len(leftovers)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_saver_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    started = time.monotonic()
    shares = [KILLS // LANES + (1 if lane < KILLS % LANES else 0) for lane in range(LANES)]
    with ThreadPoolExecutor(max_workers=LANES) as pool:
        futures = [
            pool.submit(run_lane, tmp_path / f"lane{lane}", share, seed + lane)
            for lane, share in enumerate(shares)
        ]
        results = [f.result() for f in futures]
    saves = sum(r[0] for r in results)
    outcomes = sum((r[1] for r in results), Counter[str]())
    assert sum(outcomes.values()) == KILLS
    print(
        f"\ncrash soak: {KILLS} kills in {LANES} lanes, {saves} acknowledged saves; {dict(outcomes)}; "
        f"{sum(r[2] for r in results)} temporary files left by killed saves; "
        f"{time.monotonic() - started:.1f} s; seed {seed}"
    )
