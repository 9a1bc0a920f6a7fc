"""Moving in a form with the arrows, and seeing the message of the field being typed in, at 80×24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from tests.ui.conftest import press, screen_text, type_text
from tests.ui.test_editor import to_field, to_project
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.forms import ProjectForm, control_id

SMALL = (80, 24)


async def test_down_and_up_in_a_one_line_field_go_to_the_next_and_previous_field(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SMALL) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "name")
        await press(pilot, "up")  # the first field: stays, the form is not scrolled away from it
        assert app.focused is not None and app.focused.id == control_id("name")
        form = app.main.pane
        assert isinstance(form, ProjectForm) and form.scroll_y == 0
        await press(pilot, "down")  # to the type's dropdown (where ↑ ↓ open its list, as before)
        assert isinstance(app.focused, Select) and app.focused.id == control_id("kind")
        while app.focused is None or app.focused.id != control_id("appropriated"):
            await press(pilot, "tab")
        visited = []
        for key in ("up", "up", "down", "down", "down"):
            await press(pilot, key)
            assert app.focused is not None and app.focused.id is not None
            visited.append(app.focused.id.removeprefix("field-"))
        # The amount appropriated is a one-line field like the budget; ↓ then reaches the "included"
        # choice (where ↑ ↓ open its list).
        assert visited == ["budget", "no_budget", "budget", "appropriated", "included"]


async def test_the_last_field_keeps_the_focus_on_down(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=SMALL) as pilot:
        await to_project(pilot, app, 1)  # completed: the reason's fields are off, skipped
        await to_field(pilot, app, "disbursed")
        await press(pilot, "down")
        assert app.focused is not None and app.focused.id == control_id("remark")  # the round's remark
        await press(pilot, "down", "down")  # a text area keeps its arrows, and it is the last field
        assert app.focused is not None and app.focused.id == control_id("remark")


async def test_an_amount_that_does_not_read_shows_its_message_on_screen(tmp_path: Path) -> None:
    """Project 15 of the real plan at 80×24: the amount is the last field on screen when reached with Tab,
    and the message that appears under it must come into view with it."""
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[default_plan()]).close()
    app = TrackerApp(Store.open(path))
    async with app.run_test(size=SMALL) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "disbursed")
        await press(pilot, "end", *["backspace"] * 12)
        await type_text(pilot, "25000h")
        await pilot.pause(0.3)
        assert "อ่านเป็นจำนวนเงินไม่ได้" in screen_text(app)
    app.session.store.close()
