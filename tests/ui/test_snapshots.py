"""Pictures of the main screen, compared with the accepted ones in __snapshots__/.

After a deliberate change of the screen: `make snapshots-update`, look at the new SVGs, commit them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.ui.conftest import press
from tests.ui.history_sample import history_store
from tracker.domain.model import Round, RoundResult, Status
from tracker.importer.defaults import default_plan
from tracker.reports import export
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp

SnapCompare = Callable[..., bool]

# An office terminal, a small one (a laptop's split window) and a large one.
SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20), (160, 45)], ids=["80x24", "60x20", "160x45"])
SMALL_SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])

# From the plan's root: dimension 1, project 1, project 2, dimension 2, project 3 (the hostile name).
TO_PROJECT_1 = ("down", "down")
TO_PROJECT_3 = ("down", "down", "down", "down", "down")


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> TrackerApp:
    """The app with the look pinned, whatever the environment of the run says."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = TrackerApp(store)
    app.theme = "textual-dark"
    return app


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_a_project_selected(snap_compare: SnapCompare, app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=TO_PROJECT_1, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_the_hostile_name_selected(snap_compare: SnapCompare, app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=TO_PROJECT_3, terminal_size=size)


def test_the_plan_summary(snap_compare: SnapCompare, app: TrackerApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


# --- the editor on the default plan (the real report) -----------------------------------------------


@pytest.fixture
def real_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrackerApp:
    monkeypatch.delenv("NO_COLOR", raising=False)
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[default_plan()]).close()
    app = TrackerApp(Store.open(path))
    app.theme = "textual-dark"
    return app


async def _steady(pilot: Pilot[None]) -> None:
    """Cursors that stay on: a blinking one is caught lit or not, by chance."""
    await pilot.pause()
    for widget in pilot.app.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def _after(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press ``keys``, wait until the app has handled every one of them (each waits for the one before),
    then hold the cursors still: the picture is of what the person sees once they have stopped typing."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await press(pilot, *keys)
        for _ in range(400):
            await pilot.pause(0.02)
            if isinstance(pilot.app, TrackerApp) and pilot.app.keys_settled:
                break
        await _steady(pilot)

    return run_before


# From the root: dimension 1, projects 1-6, dimension 2, projects 7-14, dimension 3, project 15.
TO_PROJECT_15 = ("down",) * 18


@SIZES
def test_the_main_screen(snap_compare: SnapCompare, real_app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(real_app, terminal_size=size, run_before=_after(*TO_PROJECT_15))


@SIZES
def test_a_project_form_in_the_app(snap_compare: SnapCompare, real_app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(real_app, terminal_size=size, run_before=_after(*TO_PROJECT_15, "enter"))


@SIZES
def test_the_summary_in_the_app(snap_compare: SnapCompare, real_app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(real_app, terminal_size=size, run_before=_after("s"))


@SIZES
def test_the_help_in_the_app(snap_compare: SnapCompare, real_app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(real_app, terminal_size=size, run_before=_after("question_mark"))


@SIZES
def test_the_checks_in_the_app(snap_compare: SnapCompare, real_app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(real_app, terminal_size=size, run_before=_after("x"))


@SMALL_SIZES
def test_the_export_dialog_in_the_app(
    snap_compare: SnapCompare, real_app: TrackerApp, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file's default place is under the checkout: a relative one, the same wherever the tests run.
    monkeypatch.setattr(export, "EXPORTS_DIR", Path("exports"))
    assert snap_compare(real_app, terminal_size=size, run_before=_after("e"))


@pytest.fixture
def history_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrackerApp:
    """The default plan with project 15 edited over seventeen saves, by one user at pinned times."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    path = tmp_path / "history.json"
    history_store(path).close()
    app = TrackerApp(Store.open(path))
    app.theme = "textual-dark"
    return app


@SMALL_SIZES
def test_the_history_in_the_app(snap_compare: SnapCompare, history_app: TrackerApp, size: tuple[int, int]) -> None:
    assert snap_compare(history_app, terminal_size=size, run_before=_after(*TO_PROJECT_15, "h"))


@pytest.fixture
def national_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrackerApp:
    """The default plan with project 15 completed at 6 months (carried to 12), its ordinance's amount,
    'included' and a 12-month remark given."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    plan = default_plan()
    project = plan.project(15)
    assert project is not None
    project.appropriated = Decimal("28500.00")
    project.included = True
    project.results[Round.SIX] = RoundResult(Status.COMPLETED, "จัดเวทีประชาคมครบทุกหมู่บ้าน", Decimal("20000.00"))
    project.results[Round.TWELVE] = RoundResult(remark="ส่งภาพถ่ายกิจกรรมประกอบแล้ว")
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[plan]).close()
    app = TrackerApp(Store.open(path))
    app.theme = "textual-dark"
    return app


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_a_carried_project_marked_entered(
    snap_compare: SnapCompare, national_app: TrackerApp, size: tuple[int, int]
) -> None:
    """m on project 15: the tree's ☑, the header's count, and the details of the new fields."""
    assert snap_compare(national_app, terminal_size=size, run_before=_after(*TO_PROJECT_15, "m"))
