"""UI timings of issue 16, in process, headless (``App.run_test(size=(160, 45))``) and driven by Pilot:

- ``tree_key``: one key press ``down`` in the tree and the pause that paints it, in :class:`TrackerApp`
  on the default plan, alternating run by run with a bare Textual Tree holding the same nodes (and a
  footer with the same keys);
- ``form_open``: enter on a project until its form is mounted, its first field focused and painted;
- ``typed_char``: one character typed into the name field of a project's form, handled and painted.

CPU time of the process (``time.process_time``) is what is measured: wall time includes the Pilot's
idle polls. Each function returns medians and spreads (min, max) in milliseconds. Frames are drawn as
in a terminal (this module does not use the tests' conftest, which skips headless frames).

``python -m benchmarks.ui_timings [runs]`` prints them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Tree

from tracker.domain.model import Plan
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui.actions import bindings as tracker_bindings
from tracker.ui.app import TrackerApp
from tracker.ui.forms import ProjectForm
from tracker.ui.widgets import PlanTree

SIZE = (160, 45)
PRESSES = 10
"""Key presses per app run (tree_key), projects opened per run (form_open), characters per run (typed_char)."""


class BareTreeApp(App[None]):
    """A bare Textual Tree with the tracker's nodes, and a footer with the tracker's keys (which do nothing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(b.key, f"nothing({i})", b.description, show=b.show, key_display=b.key_display)
        for i, b in enumerate((*tracker_bindings(tree=True), *tracker_bindings(tree=False)))
        if b.show and b.action not in ("focus_tree", "save")
    ]

    def action_nothing(self, number: int) -> None:
        """What every key of the bare app does."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield Tree(f"{self.plan.organization} ปีงบประมาณ {self.plan.fiscal_year}", id="tree")
        yield Footer()

    def on_mount(self) -> None:
        tree: Tree[None] = self.query_one(Tree)
        for dim in self.plan.dimensions:
            branch = tree.root.add(f"มิติที่ {dim.number} {dim.name}", expand=True)
            for project in self.plan.projects_in(dim.number):
                branch.add_leaf(f"{project.number}. {project.name}")
        tree.root.expand()
        tree.focus()


def _summary(values: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values]
    return {"median": statistics.median(ms), "min": min(ms), "max": max(ms), "n": len(ms)}


def _with_store(body: Callable[[Store, Plan], Awaitable[None]]) -> None:
    plan = default_plan()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "ui.json", initial_plans=[plan])
        try:
            asyncio.run(body(store, plan))
        finally:
            store.close()


async def _settle(pilot: Pilot[Any]) -> None:
    """Pause until every key sent has been handled (the tracker hands keys on one at a time)."""
    await pilot.pause()
    for _ in range(500):
        if getattr(pilot.app, "keys_settled", True):
            return
        await pilot.pause(0.01)


QUIET = 0.1
"""Seconds left to the app after a key sent without Pilot (its frames and follow-ups run meanwhile; the
checks' timer, 0.25 s, and the save's, 0.5 s, do not)."""


async def _key_quiet(app: App[Any], key: str, char: str | None) -> float:
    """CPU seconds one key costs the app, sent the way its terminal driver sends it, without Pilot's wait
    (which visits every widget twice: a cost that grows with the widgets and that no terminal pays)."""
    driver = app._driver
    assert driver is not None
    start = time.process_time()
    event = events.Key(key, char)
    event.set_sender(app)
    driver.send_message(event)
    for _ in range(500):
        await asyncio.sleep(0.002)
        if getattr(app, "keys_settled", True):
            break
    await asyncio.sleep(QUIET)
    return time.process_time() - start


async def _to_first_project(pilot: Pilot[Any]) -> None:
    tree = pilot.app.query_one(PlanTree)
    while tree.cursor_node is None or tree.cursor_node.data is None or tree.cursor_node.data.kind != "project":
        await pilot.press("down")
        await _settle(pilot)


@contextlib.asynccontextmanager
async def _at_first_project(store: Store, plan: Plan) -> AsyncIterator[Pilot[Any]]:
    """The tracker on ``plan``, settled, its cursor on the first project."""
    app = TrackerApp(store, plan.plan_id)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await _to_first_project(pilot)
        yield pilot


async def _enter_form(pilot: Pilot[Any]) -> None:
    """Enter on the project under the cursor, until its form's first field has the focus."""
    await pilot.press("enter")
    await _settle(pilot)
    while not isinstance(pilot.app.focused, Input):
        await pilot.pause()


def tree_key(runs: int = 5) -> dict[str, Any]:
    """Median CPU ms of one ``down`` in the tree: ours, a bare Tree's, and their ratio."""
    ours: list[float] = []
    bare: list[float] = []
    ours_quiet: list[float] = []
    bare_quiet: list[float] = []

    async def presses(app: App[Any], out: list[float], quiet: list[float]) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await _settle(pilot)
            await pilot.pause(0.1)
            gc.collect()
            for _ in range(PRESSES):
                start = time.process_time()
                await pilot.press("down")
                await _settle(pilot)
                out.append(time.process_time() - start)
            for _ in range(PRESSES):
                quiet.append(await _key_quiet(app, "down", None))

    async def body(store: Store, plan: Plan) -> None:
        for _ in range(runs):
            await presses(TrackerApp(store, plan.plan_id), ours, ours_quiet)
            await presses(BareTreeApp(plan), bare, bare_quiet)

    _with_store(body)
    result: dict[str, Any] = {"ours": _summary(ours), "bare": _summary(bare)}
    result["ratio"] = result["ours"]["median"] / result["bare"]["median"]
    result["ours_no_pilot"] = _summary(ours_quiet)
    result["bare_no_pilot"] = _summary(bare_quiet)
    result["ratio_no_pilot"] = result["ours_no_pilot"]["median"] / result["bare_no_pilot"]["median"]
    return result


def form_open(runs: int = 5) -> dict[str, Any]:
    """Median CPU ms from enter on a project until its form is mounted, focused and painted."""
    out: list[float] = []

    async def body(store: Store, plan: Plan) -> None:
        for _ in range(runs):
            async with _at_first_project(store, plan) as pilot:
                app = pilot.app
                for _ in range(PRESSES // 2):
                    gc.collect()
                    start = time.process_time()
                    await _enter_form(pilot)
                    await pilot.pause()
                    out.append(time.process_time() - start)
                    assert any(isinstance(w, ProjectForm) for w in app.focused.ancestors)
                    await pilot.press("escape")
                    await _settle(pilot)
                    await pilot.press("down")
                    await _settle(pilot)

    _with_store(body)
    return {"ours": _summary(out)}


def typed_char(runs: int = 5) -> dict[str, Any]:
    """Median CPU ms of one character typed into a project's name field, handled and painted (through
    Pilot, and sent as the terminal sends it: ``no_pilot``)."""
    out: list[float] = []
    quiet: list[float] = []

    async def body(store: Store, plan: Plan) -> None:
        for _ in range(runs):
            async with _at_first_project(store, plan) as pilot:
                app = pilot.app
                await _enter_form(pilot)
                await pilot.pause(0.7)  # the form laid out, nothing pending
                field = app.focused
                assert isinstance(field, Input)
                await pilot.press("end")  # a field focused has its text selected: type after it
                await _settle(pilot)
                before = field.value
                gc.collect()
                for char in "abcdefghij"[:PRESSES]:
                    start = time.process_time()
                    await pilot.press(char)
                    await _settle(pilot)
                    out.append(time.process_time() - start)
                assert field.value == before + "abcdefghij"[:PRESSES], field.value
                for char in "klmnopqrst"[:PRESSES]:
                    quiet.append(await _key_quiet(app, char, char))
                assert field.value == before + "abcdefghijklmnopqrst"[: 2 * PRESSES], field.value
                await pilot.press("escape")
                await _settle(pilot)

    _with_store(body)
    return {"ours": _summary(out), "ours_no_pilot": _summary(quiet)}


def _line(name: str, figures: dict[str, float]) -> str:
    return (f"{name:<12} median {figures['median']:7.1f} ms  (min {figures['min']:.1f}, max {figures['max']:.1f},"
            f" n={figures['n']:.0f})")


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    which = argv[1:] or ["tree", "form", "type"]
    if "tree" in which:
        tree = tree_key(runs)
        print(_line("tree ours", tree["ours"]))
        print(_line("tree bare", tree["bare"]))
        print(f"tree ratio   {tree['ratio']:.2f}x (target <= 2)")
        print(_line("tree ours*", tree["ours_no_pilot"]))
        print(_line("tree bare*", tree["bare_no_pilot"]))
        print(f"tree ratio*  {tree['ratio_no_pilot']:.2f}x   (* keys sent as a terminal sends them, no Pilot)")
    if "form" in which:
        print(_line("form open", form_open(runs)["ours"]) + "  (target <= 100 ms)")
    if "type" in which:
        typed = typed_char(runs)
        print(_line("typed char", typed["ours"]) + "  (target <= 16 ms)")
        print(_line("typed char*", typed["ours_no_pilot"]) + "  (* sent as a terminal sends it, no Pilot)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
