"""Pictures of the secondary screens, compared with the accepted ones in __snapshots__/.

After a deliberate change of a screen: `make snapshots-update`, look at the new SVGs, commit them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pytest
from textual.app import App
from textual.binding import Binding, BindingType

from tracker.importer.defaults import default_plan
from tracker.ui.screens import HelpScreen, SummaryScreen, help_rows

SnapCompare = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])


class SummaryApp(App[None]):
    """The default plan's summary, with ? for the help as the app binds it."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "วิธีใช้", tooltip="Help"),
    ]

    def on_mount(self) -> None:
        plan = default_plan()
        self.push_screen(SummaryScreen(plan, plan.round))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_rows(self)))


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> SummaryApp:
    """The app with the look pinned, whatever the environment of the run says."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = SummaryApp()
    app.theme = "textual-dark"
    return app


@SIZES
def test_the_summary_screen(snap_compare: SnapCompare, app: SummaryApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=("down", "down"), terminal_size=size)


@SIZES
def test_the_help_over_the_summary(snap_compare: SnapCompare, app: SummaryApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=("question_mark",), terminal_size=size)
