"""Keys on the plan screen that must not surprise: undo kept per plan across plan switches, Enter on the
plan leaving the tree as it is, keys that can do nothing saying why, Esc in the tree clearing a filter."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.ui.conftest import notes, press, screen_text, type_text
from tests.ui.test_editor import WIDE, clear_field, reopen, to_field, to_project
from tracker.domain.model import Plan
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.forms import PlanForm, ProjectForm
from tracker.ui.screens import ChoiceScreen
from tracker.ui.widgets import PlanHeader, PlanTree

OTHER = "อื่น-2568"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with two plans: the default one (A, first) and a copy of it for another year (B)."""
    path = tmp_path / "tracker.json"
    first = default_plan()
    other = dataclasses.replace(first, plan_id=OTHER, fiscal_year=first.fiscal_year + 1)
    Store.open(path, initial_plans=[first, other]).close()
    return path


def on_disk(db: Path, plan_id: str) -> Plan:
    with Store.open(db, read_only=True) as store:
        return store.load_plan(plan_id)


def messages(app: TrackerApp) -> list[str]:
    return notes(app)


async def switch_to(pilot, app: TrackerApp, plan_id: str) -> None:  # type: ignore[no-untyped-def]
    """p, then the plan ``plan_id`` in the list, then enter."""
    await press(pilot, "escape")  # from a form (saves) or the tree: the tree
    await press(pilot, "p")
    await pilot.pause()
    assert isinstance(app.screen, ChoiceScreen)
    index = [value for _, value in app.screen.options].index(plan_id)
    await press(pilot, "home", *["down"] * index, "enter")
    await pilot.pause()
    assert app.session.plan is not None and app.session.plan.plan_id == plan_id


async def set_remarks(pilot, app: TrackerApp, number: int, text: str) -> None:  # type: ignore[no-untyped-def]
    await to_project(pilot, app, number)
    await to_field(pilot, app, "remarks")
    await clear_field(pilot, app)
    await type_text(pilot, text)
    await press(pilot, "escape")  # saved on leaving the form
    await pilot.pause()


def remarks(db: Path, plan_id: str, number: int) -> str:
    project = on_disk(db, plan_id).project(number)
    assert project is not None
    return project.remarks


async def test_undo_and_redo_are_kept_per_plan_across_plan_switches(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    first = reopen(db).plan_id
    async with app.run_test(size=WIDE) as pilot:
        await set_remarks(pilot, app, 4, "แก้ในแผนแรก")
        assert remarks(db, first, 4) == "แก้ในแผนแรก"
        await switch_to(pilot, app, OTHER)
        # B has nothing to undo: A's step is A's own
        await press(pilot, "ctrl+z")
        await pilot.pause()
        assert "ไม่มีอะไรให้เลิกทำ (nothing to undo)" in messages(app)
        await set_remarks(pilot, app, 5, "แก้ในแผนที่สอง")
        await switch_to(pilot, app, first)
        await press(pilot, "ctrl+z")
        await pilot.pause()
        assert remarks(db, first, 4) == ""  # A's edit undone
        assert remarks(db, OTHER, 5) == "แก้ในแผนที่สอง"  # B untouched
        await switch_to(pilot, app, OTHER)
        await switch_to(pilot, app, first)
        await press(pilot, "ctrl+y")
        await pilot.pause()
        assert remarks(db, first, 4) == "แก้ในแผนแรก"  # redo too survives the switches
        await switch_to(pilot, app, OTHER)
        await press(pilot, "ctrl+z")
        await pilot.pause()
        assert remarks(db, OTHER, 5) == ""  # B's undo is B's own
        assert remarks(db, first, 4) == "แก้ในแผนแรก"
        await press(pilot, "q")


async def test_enter_on_the_plan_opens_its_form_and_leaves_the_tree_as_it_is(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        tree = app.query_one(PlanTree)
        tree.focus()
        await press(pilot, "home")
        assert tree.cursor_node is tree.root
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.main.pane, PlanForm)
        assert tree.root.is_expanded
        assert tree.root.children and all(branch.is_expanded for branch in tree.root.children)
        await press(pilot, "escape", "home", "enter")  # once more, from the tree again
        await pilot.pause()
        assert isinstance(app.main.pane, PlanForm)
        assert all(branch.is_expanded for branch in tree.root.children)
        # Enter on a dimension still folds it (and unfolds it again)
        await press(pilot, "escape", "home", "down", "enter")
        await pilot.pause()
        assert not tree.root.children[0].is_expanded
        await press(pilot, "enter")
        await pilot.pause()
        assert tree.root.children[0].is_expanded
        await press(pilot, "q")


def project_leaves(tree: PlanTree) -> int:
    return sum(len(branch.children) for branch in tree.root.children)


async def test_moving_a_project_past_the_top_or_bottom_of_its_dimension_says_why(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        before = on_disk(db, reopen(db).plan_id)
        tree = app.query_one(PlanTree)
        first = tree.root.children[0]
        top, bottom = first.children[0].data, first.children[-1].data
        assert top is not None and bottom is not None
        await to_project(pilot, app, before.projects[top.index_in(before)].number)
        await press(pilot, "shift+up")
        await pilot.pause()
        assert "โครงการนี้อยู่บนสุดของมิติแล้ว (already at the top of its dimension)" in messages(app)
        await to_project(pilot, app, before.projects[bottom.index_in(before)].number)
        await press(pilot, "shift+down")
        await pilot.pause()
        assert "โครงการนี้อยู่ล่างสุดของมิติแล้ว (already at the bottom of its dimension)" in messages(app)
        await press(pilot, "home", "K")  # on the plan: no project to move
        await pilot.pause()
        assert "เลือกโครงการที่จะเลื่อนก่อน (select a project first)" in messages(app)
        assert on_disk(db, before.plan_id) == before  # nothing moved, nothing saved
        await press(pilot, "ctrl+z", "ctrl+y")
        await pilot.pause()
        assert "ไม่มีอะไรให้เลิกทำ (nothing to undo)" in messages(app)
        assert "ไม่มีอะไรให้ทำซ้ำ (nothing to redo)" in messages(app)
        await press(pilot, "q")


async def test_escape_on_the_tree_clears_an_active_filter(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        tree = app.query_one(PlanTree)
        every = project_leaves(tree)
        await press(pilot, "slash")
        await pilot.pause()
        await type_text(pilot, "ประชุม")
        await press(pilot, "enter")  # keep the filter, back to the tree
        await pilot.pause()
        assert app.focused is tree and app.main.filter.active
        assert 0 < project_leaves(tree) < every
        assert "ล้างตัวกรอง" in screen_text(app)  # the footer offers esc while a filter is on
        await press(pilot, "escape")
        await pilot.pause()
        assert not app.main.filter.active
        assert project_leaves(tree) == every
        assert app.focused is tree
        assert "ล้างตัวกรองแล้ว แสดงทุกโครงการ (filter cleared: every project shows)" in messages(app)
        assert "ล้างตัวกรอง" not in screen_text(app).splitlines()[-1]  # and no longer once it is off
        await press(pilot, "escape")  # nothing to clear: nothing happens, no error
        await pilot.pause()
        assert app.focused is tree
        await press(pilot, "q")


@pytest.mark.parametrize(("size", "most"), [((80, 24), 1), ((60, 20), 2), ((160, 45), 1)])
async def test_the_header_fits_and_the_footer_keeps_help(db: Path, size: tuple[int, int], most: int) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = app.query_one(PlanHeader)
        assert header.size.height <= most
        lines = screen_text(app).splitlines()
        top = " ".join(lines[:most])
        assert "ธงเขียว" in top and "ระดับ มาก" in top and "บันทึกแล้ว" in top
        footer = lines[-1].rstrip()
        assert footer.endswith("f1 วิธีใช้")  # help stays, and the last key is whole
        assert "q ออก" in footer and "แก้ไข" in footer
        if size[0] >= 120:
            assert "องค์การบริหารส่วนตำบลบางเตย · ปีงบประมาณ พ.ศ." in top  # whole where it fits
        await press(pilot, "q")


async def test_the_help_names_every_format_e_exports_to(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await press(pilot, "question_mark")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "ส่งออก" in line)
        row = " ".join(lines[at].split() + lines[at + 1].split())  # the English may wrap to a second line
        for name in ("Word", "PDF", "Markdown", "plain text", "CSV"):
            assert name in row, row


def cursor_project(app: TrackerApp) -> int | None:
    """The order number of the project under the tree's cursor (None: the plan or a dimension)."""
    node = app.query_one(PlanTree).cursor_node
    ref = node.data if node is not None else None
    if ref is None or ref.kind.name != "PROJECT" or app.session.plan is None:
        return None
    return app.session.plan.projects[ref.index_in(app.session.plan)].number


async def test_enter_in_the_filter_puts_the_cursor_on_the_first_match(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert cursor_project(app) is None  # on the plan, as the app opens
        await press(pilot, "slash")
        await pilot.pause()
        await type_text(pilot, "ประชุม")  # projects 5 and 15
        await press(pilot, "enter")
        await pilot.pause()
        assert app.focused is app.query_one(PlanTree)
        assert cursor_project(app) == 5  # the first match
        assert app.main.shown is not None and app.main.shown.kind.name == "PROJECT"  # its details beside
        await press(pilot, "enter")  # and enter opens it
        await pilot.pause()
        assert isinstance(app.main.pane, ProjectForm) and app.session.plan is not None
        assert app.session.plan.projects[app.main.pane.index].number == 5
        await press(pilot, "escape", "q")


async def test_enter_in_the_filter_keeps_the_cursor_on_a_shown_project(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_project(pilot, app, 16)
        await press(pilot, "slash")
        await pilot.pause()
        await type_text(pilot, "มาตรการ")  # 16 shows all along, after 6, 7, 9 and others
        await press(pilot, "enter")
        await pilot.pause()
        assert cursor_project(app) == 16
        await press(pilot, "q")
