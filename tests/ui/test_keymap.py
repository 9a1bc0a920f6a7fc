"""Keys can be moved with a keymap (textual's ``App.set_keymap``): every binding made from the table of
actions has a stable id of its own, the moved key runs the action, and the footer and the help show it."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import keys_handled, press
from tests.ui.test_editor import app_on, db  # noqa: F401 - db is a fixture
from tracker.ui.actions import ACTIONS, bindings, key_for
from tracker.ui.screens import HelpScreen, SummaryScreen
from tracker.ui.widgets import PlanTree

WIDE = (160, 45)


def test_every_binding_of_the_table_has_an_id_of_its_own() -> None:
    ids = [a.binding_id for a in ACTIONS]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("tracker.") for i in ids)
    by_name = {a.name: a.binding_id for a in ACTIONS if a.tree_only}
    assert by_name["add_project"] == "tracker.add-project"
    assert by_name["help"] == "tracker.help"
    made = bindings(tree=True) + bindings(tree=False)
    assert sorted(str(b.id) for b in made) == sorted(ids)


def test_key_for_names_the_key_a_keymap_gives() -> None:
    delete = next(a for a in ACTIONS if a.name == "delete_project")
    assert key_for(delete, {}) == "d"  # as the table displays it
    assert key_for(delete, {"tracker.delete-project": "f8,ctrl+d"}) == "f8"
    assert key_for(delete, {"tracker.add-project": "f8"}) == "d"


async def test_a_keymap_moves_an_action_to_another_key(db: Path) -> None:  # noqa: F811
    """The summary moved from s to f5 and the help (on f1 everywhere) to f2: the new keys run them, the
    old ones no longer do, and the footer's bindings and the help's rows show the new keys."""
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        app.query_one(PlanTree).focus()
        await keys_handled(pilot)
        app.set_keymap({"tracker.summary": "f5", "tracker.help-anywhere": "f2"})
        await keys_handled(pilot)
        active = app.screen.active_bindings  # what the footer shows
        assert active["f5"].binding.action.endswith("summary")
        assert "s" not in active and "f1" not in active

        await press(pilot, "s", "f1")
        await keys_handled(pilot)
        assert not isinstance(app.screen, (SummaryScreen, HelpScreen))

        await press(pilot, "f5")
        await keys_handled(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "escape")
        await keys_handled(pilot)
        assert not isinstance(app.screen, SummaryScreen)

        app.query_one(PlanTree).focus()
        await press(pilot, "f2")
        await keys_handled(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = {row.key for row in app.screen.rows if row.description == "สรุป"}
        assert keys == {"f5"}
        assert any(row.key == "f2" and row.description == "วิธีใช้" for row in app.screen.rows)
