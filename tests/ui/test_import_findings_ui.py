"""The checks panel shows the findings of the import the plan keeps; m resolves one, an edit settles one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import highlight_finding, notes, press, screen_text, type_text
from tests.ui.test_editor import clear_field, reopen, to_field, to_project
from tracker.domain import import_findings
from tracker.domain.model import FindingState
from tracker.importer.defaults import build_default
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.checks_panel import ChecksPanel
from tracker.ui.screens import HelpScreen

SIZE = (80, 24)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database holding the seed as `tracker import` saves it: its 7 cross-part findings kept."""
    result = build_default()
    import_findings.keep(result.plan, result.findings)
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[result.plan]).close()
    return path


def state(db: Path, ref: str) -> FindingState:
    return next(k.state for k in reopen(db).import_findings if k.id == ref)


def refs(app: TrackerApp) -> list[str]:
    return [f.ref for f in app.session.findings if f.from_import]


async def highlight(pilot, panel: ChecksPanel, ref: str) -> None:  # type: ignore[no-untyped-def]
    """Set-up: the panel's highlight on the finding of the import ``ref``."""
    await highlight_finding(pilot, panel, lambda f: f.ref == ref, ref)


async def test_the_panel_shows_the_imports_findings_and_m_resolves_one(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert refs(app) == ["i1", "i2", "i3", "i4", "i5", "i6", "i7"]
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        assert app.focused is panel
        text = screen_text(app)
        assert "จากการนำเข้า ๗" in text  # the panel's title counts them
        await highlight(pilot, panel, "i5")
        await pilot.pause()
        text = screen_text(app)
        assert "นำเข้า i5" in text and "๓๐.๐๐๐" in text
        assert "m แก้แล้ว" in text  # the footer offers the key on a finding of the import
        await press(pilot, "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "แก้แล้ว" in help_text and "Mark the import's" in help_text  # (the help wraps its English)
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "m")
        await pilot.pause()
        assert "i5" not in refs(app)
        assert "นำเข้า i5" not in screen_text(app) and "จากการนำเข้า ๖" in screen_text(app)
        assert state(db, "i5") is FindingState.RESOLVED  # saved at once
        await press(pilot, "ctrl+z")  # a saved edit like any other: undo brings it back
        await pilot.pause()
        assert "i5" in refs(app)
        assert state(db, "i5") is FindingState.OPEN
        await press(pilot, "q")


async def test_m_on_a_finding_of_the_rules_changes_nothing_and_says_why(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        panel.highlighted = 0  # project 2's missing reason: the rule's, not the import's
        await pilot.pause()
        assert panel.current is not None and not panel.current.from_import
        # The footer still lists m, dimmed: it does not apply here (and says why when pressed).
        assert "m แก้แล้ว" in screen_text(app)
        assert not app.screen.active_bindings["m"].enabled
        before = db.read_bytes()
        await press(pilot, "m")
        await pilot.pause()
        assert len(refs(app)) == 7 and db.read_bytes() == before
        told = notes(app)
        assert any("ข้อสังเกตนี้ไม่ได้มาจากการนำเข้า" in m and "(only findings of the import" in m for m in told), told
        await highlight(pilot, panel, "i5")  # on a finding of the import m resolves, as before
        await pilot.pause()
        assert app.screen.active_bindings["m"].enabled
        await press(pilot, "m")
        await pilot.pause()
        assert "i5" not in refs(app)
        await press(pilot, "q")


async def test_editing_the_budget_the_finding_is_about_settles_it(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 15)  # part 3 wrote its budget "๓๐.๐๐๐": i5
        await to_field(pilot, app, "budget")
        await clear_field(pilot, app)
        await type_text(pilot, "๓๐,๐๐๐")
        await pilot.pause()
        assert "i5" not in refs(app)
        assert "i4" in refs(app)  # project 10's name: untouched
        assert any("i5" in note and "ปิดแล้ว" in note for note in notes(app))
        await press(pilot, "escape", "q")
    assert state(db, "i5") is FindingState.SETTLED
