"""Pictures of the main screen, compared with the accepted ones in __snapshots__/.

After a deliberate change of the screen: `make snapshots-update`, look at the new SVGs, commit them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tracker.storage.store import Store
from tracker.ui.app import TrackerApp

SnapCompare = Callable[..., bool]

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
