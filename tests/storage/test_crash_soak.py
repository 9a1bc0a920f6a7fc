"""Crash safety: a child process saving in a loop is killed (SIGKILL) at random moments, many times.

After every kill the file must open cleanly, and hold either the last save the child acknowledged
or the one it was making when it died: an acknowledged save is never lost, and nothing else ever
appears. The kills run in a few lanes at once (each lane its own file) because starting a Python
child takes most of each round. Run with ``-s`` to see the counts.
"""

from __future__ import annotations

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


def kill_one_saver(path: Path, delay: float) -> tuple[int, list[int]]:
    """Start a saver on ``path``, kill it ``delay`` seconds after it is ready.

    Returns the counter the file held before and the counters the saver acknowledged.
    """
    before = stored_counter(path)
    child = subprocess.Popen(
        [sys.executable, str(SAVER), str(path), PLAN_ID],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stderr is not None
        ready = child.stdout.readline()
        if ready != f"ready {before}\n":
            child.kill()
            pytest.fail(f"the saver did not start: {ready!r} {child.stderr.read()}")
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Read through the same buffered reader as "ready": it may already hold later lines.
        out = child.stdout.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    # Only whole lines count: a line cut short by the kill was never acknowledged.
    return before, [int(line) for line in out.split("\n")[:-1]]


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
    for kill in range(kills):
        before, acknowledged = kill_one_saver(path, rng.uniform(0, MAX_DELAY))
        last = acknowledged[-1] if acknowledged else before
        assert acknowledged == list(range(before + 1, last + 1))
        saves += len(acknowledged)
        now = stored_counter(path)
        assert now in (last, last + 1), f"{folder.name} kill {kill}, seed {seed}: acknowledged {last}, file {now}"
        outcomes[KEPT_ACK if now == last else KEPT_NEXT] += 1
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
