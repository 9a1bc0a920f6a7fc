"""No keystroke lost at any speed: keys typed in one burst (a fast typist, a barcode reader, tmux send-keys)
into every kind of field, with Backspace bursts, pastes and the autosave in between, are saved as typed.

A burst is sent as the terminal driver delivers it: every key queued at once, none waiting for the one
before to be handled (``Pilot.press`` waits for the app to be idle after each key, which hides the race).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from tests.ui.conftest import keys_handled, press
from tests.ui.test_editor import to_field, to_project
from tracker.domain.model import Plan, ReasonKind, Round, Status
from tracker.session import SaveState
from tracker.storage.store import Store
from tracker.ui import plan_view
from tracker.ui.app import TrackerApp
from tracker.ui.forms import ProjectForm
from tracker.ui.widgets import PlanTree

SIZE = (100, 40)
BACKSPACE = "\x7f"


def burst(pilot: Pilot[Any], keys: list[str | events.Paste]) -> None:
    """Queue ``keys`` (characters, key names such as "backspace", pastes) all at once, as a terminal delivers them."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        if isinstance(key, events.Paste):
            event: events.Event = key
        else:
            event = events.Key(key, key if len(key) == 1 else {"backspace": BACKSPACE, "tab": "\t"}.get(key))
        event.set_sender(app)
        driver.send_message(event)


async def settle(pilot: Pilot[Any], app: TrackerApp) -> None:
    """Let every queued key be handled and the autosave run."""
    await keys_handled(pilot)
    await pilot.pause(0.1)
    app.main.flush()
    await pilot.pause()
    assert app.session.save_state is SaveState.SAVED


def stored(app: TrackerApp, number: int) -> Plan:
    """The plan as written to the file (read-only: the app holds the writer's lock)."""
    store = Store.open(app.session.store.path, read_only=True)
    try:
        return store.load_plan(store.list_plans()[0].plan_id)
    finally:
        store.close()


@pytest.fixture(autouse=True)
def quick_save(monkeypatch: pytest.MonkeyPatch) -> None:
    """The autosave comes while keys are still arriving."""
    monkeypatch.setattr(plan_view, "SAVE_DELAY", 0.001)


async def test_amount_burst_after_a_backspace_burst_is_saved_whole(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "disbursed")
        for typed in ("50000", "12345", "7", "900000"):
            burst(pilot, ["end", *["backspace"] * 12, *typed])
            await settle(pilot, app)
            assert app.focused is not None and isinstance(app.focused, Input)
            assert app.focused.value == typed
            project = stored(app, 1).project(1)
            assert project is not None and project.result(Round.TWELVE).disbursed == Decimal(typed)


async def test_amount_typed_in_pieces_across_the_autosave(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "disbursed")
        burst(pilot, ["end", *["backspace"] * 12, "5"])
        await pilot.pause(0.05)  # saved as 5 meanwhile
        burst(pilot, [*"0000"])
        await pilot.pause(0.05)
        burst(pilot, ["backspace", "backspace", *"00"])
        await settle(pilot, app)
        project = stored(app, 1).project(1)
        assert project is not None and project.result(Round.TWELVE).disbursed == Decimal("50000")


async def test_amount_pressed_without_pause(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "disbursed")
        await press(pilot, "end", *["backspace"] * 12, *"50000")
        await settle(pilot, app)
        project = stored(app, 1).project(1)
        assert project is not None and project.result(Round.TWELVE).disbursed == Decimal("50000")


async def test_name_burst_with_backspaces_and_a_paste(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "name")
        burst(pilot, ["end", *["backspace"] * 80, *"โครงการใหม่", "backspace", "backspace", *"ม่"])
        await settle(pilot, app)
        project = stored(app, 1).project(1)
        assert project is not None and project.name == "โครงการใหม่"
        field = app.focused
        assert isinstance(field, Input)
        field.post_message(events.Paste(" ภาค ๒"))
        burst(pilot, [*" ก"])
        await settle(pilot, app)
        project = stored(app, 1).project(1)
        assert project is not None and project.name == "โครงการใหม่ ภาค ๒ ก"


async def test_text_area_burst_with_backspaces(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "method")
        assert isinstance(app.focused, TextArea)
        keys = ["f7", "backspace", *"อบรม", "enter", *"ปีละ ๒ ครั้ง", *["backspace"] * 7, *"๓ ครั้ง"]
        burst(pilot, keys)
        await settle(pilot, app)
        project = stored(app, 1).project(1)
        assert project is not None and project.method == "อบรม\nปีละ ๓ ครั้ง"


async def test_completing_a_project_clears_its_reason_on_screen_at_once(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 4)
        await to_field(pilot, app, "status")
        form = app.main.pane
        assert isinstance(form, ProjectForm)
        reason = form.query_one("#field-reason", Select)
        reason_text = form.query_one("#field-reason_text", Input)
        assert reason.value is ReasonKind.NO_BUDGET and reason_text.value
        form.query_one("#field-status", Select).value = Status.COMPLETED
        await pilot.pause()
        assert reason.is_blank() and reason.disabled
        assert reason_text.value == "" and reason_text.disabled
        await settle(pilot, app)
        result = stored(app, 4).project(4)
        assert result is not None
        assert result.result(Round.TWELVE).reason is None and result.result(Round.TWELVE).reason_text == ""
        assert form.read().reason is None and form.read().reason_text == ""


async def test_choices_and_text_typed_in_one_burst_are_saved_as_chosen(store: Store) -> None:
    """Open a dropdown, walk to a choice, take it, Tab on to the next fields, choose, type: all in one burst.

    Each key must reach the widget focused by then: the arrows the opened list, the text the reason's field
    (which the "not done" status has just enabled).
    """
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "status")
        status = app.focused
        assert isinstance(status, Select) and status.value is Status.COMPLETED
        # completed → in progress → not done; then past the result and the amount to the reason.
        burst(pilot, ["enter", "down", "down", "enter", "tab", "tab", "tab"])
        burst(pilot, ["enter", "down", "enter", "tab", *"งบไม่พอ", "backspace", "backspace", *"พอ"])
        await settle(pilot, app)
        assert isinstance(app.focused, Input) and app.focused.id == "field-reason_text"
        result = stored(app, 1).project(1)
        assert result is not None
        saved = result.result(Round.TWELVE)
        assert saved.status is Status.NOT_DONE
        assert saved.reason is ReasonKind.NO_BUDGET
        assert saved.reason_text == "งบไม่พอ"


async def test_a_filter_typed_in_one_burst_filters_by_every_key(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(PlanTree).focus()
        await pilot.pause()
        burst(pilot, ["slash", *"โครงกx", "backspace", *"าร", "enter"])
        await keys_handled(pilot)
        field = app.query_one("#filter-text", Input)
        assert field.value == "โครงการ"
        assert app.main.filter.active and app.main.filter.text == "โครงการ"
        assert app.focused is app.query_one(PlanTree)  # Enter went back to the tree, after the text


async def test_a_paste_among_typed_keys_lands_where_it_was_pasted(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "name")
        burst(pilot, ["end", *["backspace"] * 80, *"โครงการ", events.Paste("อบรม\nคุณธรรม"), *" รุ่น ๒"])
        await settle(pilot, app)
        project = stored(app, 1).project(1)
        assert project is not None and project.name == "โครงการอบรม คุณธรรม รุ่น ๒"


async def test_keys_typed_after_leaving_a_form_move_in_the_tree_and_open_the_next(store: Store) -> None:
    """Esc removes the form the keys were typed into; the arrows and Enter after it reach the tree."""
    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "name")
        burst(pilot, ["end", *" ก", "escape", "down", "enter", "end", *" ข"])
        await settle(pilot, app)
        form = app.main.pane
        assert isinstance(form, ProjectForm) and app.session.plan is not None
        assert app.session.plan.projects[form.index].number == 2
        plan = stored(app, 1)
        first, second = plan.project(1), plan.project(2)
        assert first is not None and first.name.endswith(" ก")
        assert second is not None and second.name.endswith(" ข")


async def test_escape_typed_just_before_a_letter_is_escape_then_the_letter(store: Store) -> None:
    """Esc then h in one read of the terminal (fast typing, a slow remote connection, tmux send-keys)
    reaches the app as Alt+h: it must leave the field (the amount kept) and then open the history."""
    from tracker.ui.history_screen import HistoryScreen

    app = TrackerApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "disbursed")
        burst(pilot, ["end", *["backspace"] * 12, *"25000"])
        driver = app._driver
        assert driver is not None
        alt_h = events.Key("alt+h", "h")  # what the terminal's parser makes of "\x1bh"
        alt_h.set_sender(app)
        driver.send_message(alt_h)
        await settle(pilot, app)
        assert isinstance(app.screen, HistoryScreen)
        project = stored(app, 1).project(1)
        assert project is not None and project.result(Round.TWELVE).disbursed == Decimal("25000")
