"""Pictures of the edit forms, compared with the accepted ones in __snapshots__/.

After a deliberate change of a form: `make snapshots-update`, look at the new SVGs, commit them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.ui.test_forms import FormApp
from tracker.domain.model import Round, RoundResult, Status
from tracker.importer.defaults import default_plan
from tracker.ui.forms import PlanForm, ProjectForm

SnapCompare = Callable[..., bool]

PROJECT_15 = 14
"""The default plan's project 15 (โครงการจัดเวทีประชาคม): could not be done, so every field is open."""


@pytest.fixture(autouse=True)
def _pinned_look(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colours whatever the environment of the run says."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def _app(form: ProjectForm | PlanForm) -> FormApp:
    app = FormApp(form)
    app.theme = "textual-dark"
    return app


async def _steady(pilot: Pilot[None]) -> None:
    """Cursors that stay on: a blinking one is caught lit or not, by chance."""
    for widget in pilot.app.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_a_project_form(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    plan = default_plan()
    assert plan.projects[PROJECT_15].number == 15
    assert snap_compare(
        _app(ProjectForm(plan, PROJECT_15, plan.round)), terminal_size=size, run_before=_steady
    )


def test_the_project_form_scrolled_to_its_result(snap_compare: SnapCompare) -> None:
    plan = default_plan()
    form = ProjectForm(plan, PROJECT_15, plan.round)

    async def to_the_reason(pilot: Pilot[None]) -> None:
        await _steady(pilot)
        form.focus_field("reason")

    assert snap_compare(_app(form), terminal_size=(80, 24), run_before=to_the_reason)


def test_a_result_carried_from_the_six_month_round(snap_compare: SnapCompare) -> None:
    """Project 15 completed at 6 months, nothing of its own at 12: the status says where it comes from."""
    plan = default_plan()
    project = plan.projects[PROJECT_15]
    project.results[Round.SIX] = RoundResult(Status.COMPLETED, "จัดเวทีประชาคมครบทุกหมู่บ้าน", Decimal("20000.00"))
    del project.results[Round.TWELVE]
    form = ProjectForm(plan, PROJECT_15, Round.TWELVE)

    async def to_the_status(pilot: Pilot[None]) -> None:
        await _steady(pilot)
        form.focus_field("status")

    assert snap_compare(_app(form), terminal_size=(80, 24), run_before=to_the_status)


def test_the_plan_form(snap_compare: SnapCompare) -> None:
    assert snap_compare(_app(PlanForm(default_plan())), terminal_size=(160, 45), run_before=_steady)
