"""Two processes on one database: no lost update.

Two child programs (``_writer.py``) each open the database, edit their own project, save and close,
over and over, at the same time. Without the writer lock each would now and then save a plan read
before the other's last save and so undo it; with the lock they take turns (waiting for each other),
and every acknowledged save must be in the file and in its history. Without waiting, the second
writer is refused rather than let in to overwrite.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from tracker.domain.history import Change
from tracker.storage.store import Store, StoreLocked

from ._writer import LOCKED_EXIT
from .plans import thai_plan

WRITER = Path(__file__).with_name("_writer.py")
PLAN_ID = thai_plan().plan_id
SAVES = 30
"""Saves per child."""
TIMEOUT = 60


class Child:
    """A running ``_writer.py``, spoken to line by line."""

    def __init__(self, db: Path, number: int, tag: str, count: int, wait: float, hold: bool) -> None:
        args = [str(db), PLAN_ID, str(number), tag, str(count), str(wait)] + (["hold"] if hold else [])
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().rstrip("\n")

    def tell(self) -> None:
        """Send the line the child waits for (to start, or to go on after holding)."""
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def finish(self) -> tuple[int, list[str]]:
        """Wait for the end; the exit status and the lines printed since the last one read."""
        out, err = self.process.communicate(timeout=TIMEOUT)
        assert self.process.returncode in (0, LOCKED_EXIT), err
        return self.process.returncode, out.splitlines()


Spawn = Callable[[Path, int, str, int, float, bool], Child]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """Start writers; any still running at the end of the test is killed."""
    started: list[Child] = []

    def start(db: Path, number: int, tag: str, count: int, wait: float, hold: bool) -> Child:
        child = Child(db, number, tag, count, wait, hold)
        started.append(child)
        assert child.line() == "ready"
        return child

    yield start
    for child in started:
        if child.process.poll() is None:
            child.process.kill()
        child.process.communicate()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[thai_plan()]).close()
    return path


def remarks(tag: str, last: int) -> str:
    """The remarks a child's project holds after its save number ``last``."""
    return "".join(f" {tag}{i}" for i in range(1, last + 1))


def saved(child: Child) -> list[int]:
    """The saves a child acknowledged, once it has ended well."""
    status, lines = child.finish()
    assert status == 0
    return [int(line.split()[1]) for line in lines]


def check_chain(entries: list[Change], tag: str, last: int) -> None:
    """One project's history: remarks edits that follow on from each other, from "" to the last save.

    Saves close together may be merged into one entry, so not every save has its own; but each
    entry starts where the one before ended, and each ends at a save the child made, in order.
    """
    assert entries, f"no history for {tag}"
    assert {(c.field, c.action) for c in entries} == {("remarks", "edit")}
    assert entries[0].old == ""
    for before, after in pairwise(entries):
        assert after.old == before.new
    values = [remarks(tag, i) for i in range(1, last + 1)]
    reached = [values.index(c.new) for c in entries]  # ValueError: a value no save ever had
    assert reached == sorted(set(reached))
    assert entries[-1].new == values[-1]


def test_two_writers_taking_turns_lose_no_update(db: Path, spawn: Spawn) -> None:
    children = {tag: spawn(db, number, tag, SAVES, 10.0, False) for number, tag in ((1, "A"), (2, "B"))}
    for child in children.values():
        child.tell()  # both start at once
    saves: list[tuple[int, str]] = []  # (when, who) of every acknowledged save
    for tag, child in children.items():
        status, lines = child.finish()
        assert status == 0, tag
        assert [line.split()[:2] for line in lines] == [["saved", str(i)] for i in range(1, SAVES + 1)]
        saves += [(int(line.split()[2]), tag) for line in lines]
    saves.sort()
    turns = sum(1 for (_, a), (_, b) in pairwise(saves) if a != b)
    assert turns >= 2, "the writers did not take turns: the lock was not put to the test"

    with Store.open(db) as store:
        plan = store.load_plan(PLAN_ID)
        history = store.history(PLAN_ID)
        assert store.warnings == []  # every child closed properly
    first, second, _ = plan.projects
    assert first.remarks == remarks("A", SAVES) and second.remarks == remarks("B", SAVES)
    expected = thai_plan()
    expected.projects[0].remarks, expected.projects[1].remarks = first.remarks, second.remarks
    assert plan == expected  # and nothing else was touched
    assert {c.project_uid for c in history} == {first.uid, second.uid}
    check_chain([c for c in history if c.project_uid == first.uid], "A", SAVES)
    check_chain([c for c in history if c.project_uid == second.uid], "B", SAVES)
    print(f"\ntwo writers: {2 * SAVES} saves, {turns} changes of turn, {len(history)} history entries")


def test_a_second_writer_that_does_not_wait_is_refused_instead_of_overwriting(
    db: Path, spawn: Spawn
) -> None:
    first = spawn(db, 1, "A", 1, 0.0, True)
    first.tell()
    assert first.line() == "holding"
    before = db.read_bytes()

    second = spawn(db, 2, "B", 1, 0.0, False)
    second.tell()
    status, lines = second.finish()
    assert status == LOCKED_EXIT
    [refusal] = lines
    assert refusal.startswith(f"locked {db}: ") and f"writer A pid {first.process.pid}" in refusal
    with pytest.raises(StoreLocked):
        Store.open(db)  # nor this process
    assert db.read_bytes() == before
    with Store.open(db, read_only=True) as reader:
        assert reader.load_plan(PLAN_ID) == thai_plan()  # reading is not hindered

    first.tell()
    assert saved(first) == [1]
    again = spawn(db, 2, "B", 1, 0.0, False)
    again.tell()
    assert saved(again) == [1]
    with Store.open(db, read_only=True) as reader:
        plan = reader.load_plan(PLAN_ID)
    assert [p.remarks for p in plan.projects] == [" A1", " B1", ""]
