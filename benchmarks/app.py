"""App timings, headless through Textual's ``run_test`` and its Pilot, the way the UI tests drive the app.

- start to first screen: from constructing the app to the first paint with the tree populated, for
  :class:`TrackerApp` on the default plan and for a bare Textual app with the same kinds of widgets
  (a one-line Static, a Tree with the same nodes and labels, a VerticalScroll holding a Static, a
  Footer), started the same way; the store is opened before the clock starts;
- a key press in the tree: ``down`` then a pause (which paints), each press timed alone;
- filtering: setting the words of the filter bar (as typing one more character does) until the tree
  is rebuilt and painted, and clearing it again.
"""

from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static, Tree

from benchmarks.storage import Samples
from tracker.domain.model import Plan
from tracker.storage.store import Store
from tracker.ui.actions import bindings as tracker_bindings
from tracker.ui.app import TrackerApp
from tracker.ui.widgets import PlanTree

SIZE = (120, 40)
FILTER_WORD = "คณะกรรมการ"


class BareApp(App[None]):
    """The same widget kinds as the tracker's first screen, with the same content, and nothing else.

    The footer shows the same keys as the tracker's (a Footer's cost is its keys, as a Tree's is
    its nodes); they do nothing here.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(b.key, f"nothing({i})", b.description, show=b.show, key_display=b.key_display)
        for i, b in enumerate((*tracker_bindings(tree=True), *tracker_bindings(tree=False)))
        if b.show and b.action not in ("focus_tree", "save")  # the tracker hides these on its tree
    ]

    def action_nothing(self, number: int) -> None:
        """What every key of the bare app does."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield Static(f"{self.plan.organization} ปีงบประมาณ {self.plan.fiscal_year}")
        yield Tree(self.plan.organization, id="tree")
        with VerticalScroll():
            yield Static("\n".join(self.plan.narrative.values()))
        yield Footer()

    def on_mount(self) -> None:
        tree: Tree[None] = self.query_one(Tree)
        for dim in self.plan.dimensions:
            branch = tree.root.add(f"มิติที่ {dim.number} {dim.name}", expand=True)
            for project in self.plan.projects_in(dim.number):
                branch.add_leaf(f"{project.number}. {project.name}")
        tree.root.expand()
        tree.focus()


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


async def _start(make: Any, expected_lines: int, out: dict[str, Samples], name: str) -> None:
    gc.collect()
    clock = Clock()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while _tree_lines(app) < expected_lines:  # populated on mount; this only guards the measure
            await pilot.pause()
        clock.stop(out, name)


def bench_start(db: Path, plan_id: str, runs: int) -> dict[str, Samples]:
    """TrackerApp on ``db`` vs the bare app with the same plan's nodes."""
    out = _samples("ours", "bare")
    store = Store.open(db)
    plan = store.load_plan(plan_id)
    lines = 1 + len(plan.dimensions) + len(plan.projects)

    async def run() -> None:
        for _ in range(runs):
            await _start(lambda: TrackerApp(store, plan_id), lines, out, "ours")
            await _start(lambda: BareApp(plan), lines, out, "bare")

    try:
        asyncio.run(run())
    finally:
        store.close()
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
