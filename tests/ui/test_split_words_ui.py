"""Enter on a space-that-splits-a-phrase finding in the checks panel puts the cursor in that field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import highlight_finding, press, screen_text
from tracker.domain.findings import Finding
from tracker.domain.model import Round
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.checks_panel import ChecksPanel
from tracker.ui.forms import PlanForm, ProjectForm, control_id
from tracker.ui.widgets import PlanTree

SIZE = (80, 24)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    plan = default_plan()
    plan.narrative["problems"] = "บุคลากรไม่ เพียงพอ ต่อภารกิจ"
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[plan]).close()
    return path


async def highlight(pilot, panel: ChecksPanel, wanted: str) -> Finding:  # type: ignore[no-untyped-def]
    """Set-up: the panel's highlight on the first finding whose message holds ``wanted``."""
    return await highlight_finding(pilot, panel, lambda f: wanted in f.message, wanted)


async def test_enter_on_a_split_goes_to_the_project_field(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        finding = await highlight(pilot, panel, "ไม่ เพียงพอ” (project")
        assert (finding.code, finding.project, finding.field) == ("SPACE_SPLITS_PHRASE", 3, "result_text")
        await press(pilot, "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.main.pane, ProjectForm) and app.main.pane.project.number == 3
        assert app.focused is not None and app.focused.id == control_id("result_text")
        assert "เนื่องจากบุคลากรไม่" in screen_text(app)  # the field, scrolled into view
        await press(pilot, "escape", "escape")


async def test_enter_on_a_split_in_part_1_goes_to_the_plan_form(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        finding = await highlight(pilot, panel, "ไม่ เพียงพอ” (Problems")
        assert (finding.project, finding.field) == (None, "narrative.problems")
        await press(pilot, "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.main.pane, PlanForm)
        assert app.focused is not None and app.focused.id == control_id("narrative.problems")


async def test_a_finding_of_no_one_field_still_goes_to_the_tree(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        finding = await highlight(pilot, panel, "แต่ไม่ระบุเหตุผล")
        assert finding.field == "" and finding.project == 2
        await press(pilot, "enter")
        await pilot.pause()
        assert app.focused is app.query_one(PlanTree)
        assert not isinstance(app.main.pane, ProjectForm)


async def test_read_only_stays_in_the_tree(db: Path) -> None:
    holder = Store.open(db)  # another program holds the database: the app opens it read-only
    try:
        app = TrackerApp(Store.open(db, read_only=True))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await press(pilot, "x")
            await pilot.pause()
            await highlight(pilot, app.query_one(ChecksPanel), "ไม่ เพียงพอ” (project")
            await press(pilot, "enter")
            await pilot.pause()
            assert app.focused is app.query_one(PlanTree)
            assert app.session.plan is not None and app.session.plan.project(3) is not None
            assert app.session.plan.project(3).result(Round.TWELVE).result_text.endswith("ไม่ เพียงพอ")  # type: ignore[union-attr]
    finally:
        holder.close()
