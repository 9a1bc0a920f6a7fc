"""The editor driven by keys, with what matters checked on the database file reopened from disk."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Select, TextArea

from tests.ui.conftest import keys_handled, notes, press, screen_lines, screen_text, type_text
from tracker.domain.figures import compute
from tracker.domain.model import Plan, ReasonKind, Round, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.session import SaveState
from tracker.storage.store import Store
from tracker.ui import plan_view
from tracker.ui.actions import ACTIONS, Action
from tracker.ui.app import TrackerApp
from tracker.ui.display import NodeKind, project_ref
from tracker.ui.forms import PlanForm, ProjectForm, control_id
from tracker.ui.history_screen import HistoryScreen
from tracker.ui.screens import ChoiceScreen, ConfirmScreen, HelpScreen, SummaryScreen
from tracker.ui.widgets import PlanTree

WIDE = (160, 45)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[default_plan()]).close()
    return path


def reopen(db: Path) -> Plan:
    """The plan as it is on disk now (read-only: the app under test may still hold the lock)."""
    store = Store.open(db, read_only=True)
    try:
        return store.load_plan(store.list_plans()[0].plan_id)
    finally:
        store.close()


def app_on(db: Path) -> TrackerApp:
    return TrackerApp(Store.open(db))


async def to_project(pilot, app: TrackerApp, number: int) -> None:  # type: ignore[no-untyped-def]
    """Set-up: the tree's cursor put straight on project ``number`` (the arrow keys' walk through the
    tree is what tests/ui/test_plan_keys.py tests)."""
    tree = app.query_one(PlanTree)
    tree.focus()
    assert app.session.plan is not None
    project = next((p for p in app.session.plan.projects if p.number == number), None)
    node = tree.node_for(project_ref(project)) if project is not None else None
    assert node is not None and node.data is not None and node.data.kind is NodeKind.PROJECT, (
        f"project {number} not in the tree"
    )
    tree.cursor_to(node)  # highlighted as by the keys: the screen shows it
    await until(pilot, lambda: app.main.shown == node.data, f"project {number} shown")


async def to_field(pilot, app: TrackerApp, name: str) -> None:  # type: ignore[no-untyped-def]
    """From the tree: enter opens the form, and the cursor is put straight into the field ``name``
    (tab's walk through every field is what tests/ui/test_forms.py tests)."""
    await press(pilot, "enter")

    def focused() -> bool:
        form = app.main.pane
        if isinstance(form, ProjectForm | PlanForm):
            with contextlib.suppress(ValueError, IndexError):  # the form may not have its fields yet
                form.focus_field(name)
        return app.focused is not None and app.focused.id == control_id(name)

    await until(pilot, focused, f"field {name}")


async def until(pilot, condition: Callable[[], bool], what: str) -> None:  # type: ignore[no-untyped-def]
    """Wait, in short pauses of at most 5 s in all, until ``condition`` holds."""
    for _ in range(250):
        await pilot.pause()
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"not reached in 5 s: {what}")


async def send_keys(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Press ``keys`` as the terminal sends them, without ``Pilot.press``'s wait for the machine to
    go idle after each (a quarter of a second with the palette open)."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, None)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await keys_handled(pilot)


def highlighted_command(app: TrackerApp) -> str:
    """The palette's highlighted command as it reads (its name, a new line, its key), or ''."""
    if not isinstance(app.screen, CommandPalette):
        return ""
    commands = app.screen.query_one(CommandList)
    if commands.highlighted is None or not commands.option_count:
        return ""
    return str(commands.get_option_at_index(commands.highlighted).prompt)


async def choose(pilot, option_label: str, app: TrackerApp) -> None:  # type: ignore[no-untyped-def]
    """Open the focused select with enter and walk with the arrows to the option labelled ``option_label``."""
    select = app.focused
    assert isinstance(select, Select)
    options = [(str(label), value) for label, value in select._options]  # the order the list shows
    values = [value for _, value in options]
    here = values.index(select.value)
    wanted = next(i for i, (label, _) in enumerate(options) if option_label in label)
    await press(pilot, "enter")
    await pilot.pause()
    step = "down" if wanted > here else "up"
    await press(pilot, *[step] * abs(wanted - here), "enter")
    await pilot.pause()
    assert select.value == values[wanted]


async def clear_field(pilot, app: TrackerApp) -> None:  # type: ignore[no-untyped-def]
    focused = app.focused
    if isinstance(focused, Input):
        await press(pilot, "end", *["backspace"] * (len(focused.value) + 1))
    elif isinstance(focused, TextArea):
        await press(pilot, "f7", "backspace")  # TextArea: select all


async def test_recording_a_result_survives_quitting_and_reopening(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "status")
        await choose(pilot, "ดำเนินการแล้วเสร็จ", app)
        await press(pilot, "tab")  # result text
        await clear_field(pilot, app)
        await type_text(pilot, "จัดเวทีประชาคมแล้ว ๓ ครั้ง")
        await press(pilot, "tab")  # disbursed
        await clear_field(pilot, app)
        await type_text(pilot, "๒๕,๐๐๐")
        await pilot.pause()
        assert "๙๐.๐๐" in screen_text(app)  # the header follows at once
        await press(pilot, "escape", "q")
    plan = reopen(db)
    project = plan.project(15)
    assert project is not None
    result = project.result(Round.TWELVE)
    assert result.status is Status.COMPLETED
    assert result.disbursed == Decimal("25000.00")
    assert result.result_text == "จัดเวทีประชาคมแล้ว ๓ ครั้ง"
    assert result.reason is None
    assert compute(plan).score == Decimal("90.00")

    app.session.store.close()  # the first app's writer lock is let go, as when the program ends
    again = app_on(db)
    async with again.run_test(size=WIDE) as pilot:
        text = screen_text(again)
        assert "ร้อยละ ๙๐.๐๐" in text
        assert "✓!๑๕ โครงการจัดเวทีประชาคม" in text  # "!": the ordinance's amount is not stated yet
        await press(pilot, "s")
        await pilot.pause()
        assert isinstance(again.screen, SummaryScreen)
        assert "๙๐.๐๐" in screen_text(again)


async def test_invalid_amount_is_marked_never_saved_and_asked_about(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 2)
        await to_field(pilot, app, "disbursed")
        await clear_field(pilot, app)
        await type_text(pilot, "abc")
        await pilot.pause()
        form = app.main.pane
        assert isinstance(form, ProjectForm)
        message = form.field_message("disbursed")
        assert message is not None and message[0] == "error"
        assert app.session.save_state is SaveState.INVALID
        assert "มีช่องไม่ถูกต้อง" in screen_text(app)
        await press(pilot, "escape", "q")  # quitting asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")  # go back and fix it
        await pilot.pause()
        assert app.focused is not None and app.focused.id == control_id("disbursed")
        await clear_field(pilot, app)
        await type_text(pilot, "1000")
        await press(pilot, "escape", "q")
    project = reopen(db).project(2)
    assert project is not None and project.result(Round.TWELVE).disbursed == Decimal("1000.00")


async def test_discarding_an_invalid_edit_keeps_the_stored_value(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Clearing the budget key by key passes through valid amounts ("5000", "50", "5"): a person who
    # pauses there has them saved, which a slow run would do too; here they are typed without pause.
    monkeypatch.setattr(plan_view, "SAVE_DELAY", 60.0)
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 2)
        await to_field(pilot, app, "budget")
        await clear_field(pilot, app)
        await type_text(pilot, "-5")
        await press(pilot, "escape", "down")  # leave for the next project
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await pilot.pause()
        await press(pilot, "q")
    project = reopen(db).project(2)
    assert project is not None and project.budget == Decimal("50000.00")


async def test_add_a_project_to_dimension_three(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "down", "down", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == control_id("name")
        await clear_field(pilot, app)
        await type_text(pilot, "โครงการรณรงค์ต่อต้านการทุจริตในชุมชน")
        await pilot.pause()
        assert "โครงการรณรงค์ต่อต้านการทุจริตในชุมชน" in screen_text(app)  # the tree follows
        await press(pilot, "escape", "q")
    plan = reopen(db)
    assert len(plan.projects) == 21
    new = plan.project(17)
    assert new is not None and new.dimension == 3 and new.name == "โครงการรณรงค์ต่อต้านการทุจริตในชุมชน"
    assert [p.number for p in plan.projects] == list(range(1, 22))


async def test_delete_asks_first(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 7)
        await press(pilot, "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")  # no
        await pilot.pause()
        assert len(reopen(db).projects) == 20
        await press(pilot, "d")
        await pilot.pause()
        await press(pilot, "y")
        await pilot.pause()
        await press(pilot, "q")
    plan = reopen(db)
    assert len(plan.projects) == 19
    assert all(p.name != "มาตรการ NO Gift Policy" for p in plan.projects)
    assert [p.number for p in plan.projects] == list(range(1, 20))


async def test_duplicate_and_move(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 7)
        await press(pilot, "c")
        await pilot.pause()
        await press(pilot, "shift+up")  # the copy (now 8) moves above its original
        await pilot.pause()
        await press(pilot, "K")  # already first of its dimension: stays
        await pilot.pause()
        await press(pilot, "q")
    plan = reopen(db)
    assert len(plan.projects) == 21
    assert plan.project(7).name == "มาตรการ NO Gift Policy (สำเนา)"  # type: ignore[union-attr]
    assert plan.project(8).name == "มาตรการ NO Gift Policy"  # type: ignore[union-attr]
    assert plan.project(7).results == {}  # type: ignore[union-attr]


async def test_changing_the_dimension_moves_the_project_in_the_tree(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 3)
        await to_field(pilot, app, "dimension")
        await choose(pilot, "มิติที่ ๔", app)
        await pilot.pause()
        tree = app.query_one(PlanTree)
        branch4 = tree.root.children[3]
        assert "โครงการพัฒนาความรู้ด้านกฎหมาย" in str(branch4.children[-1].label)
        await press(pilot, "escape", "q")
    plan = reopen(db)
    moved = plan.project(20)
    assert moved is not None and moved.dimension == 4 and moved.name.startswith("โครงการพัฒนาความรู้ด้านกฎหมาย")


async def test_reason_for_could_not_be_done(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 2)
        await to_field(pilot, app, "reason")
        await choose(pilot, "อื่นๆ", app)
        await press(pilot, "tab")
        await type_text(pilot, "รอระเบียบใหม่")
        await press(pilot, "escape", "q")
    result = reopen(db).project(2).result(Round.TWELVE)  # type: ignore[union-attr]
    assert result.reason is ReasonKind.OTHER and result.reason_text == "รอระเบียบใหม่"


async def test_switch_round_and_record_the_six_month_result(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "r")
        await pilot.pause()
        assert app.session.round is Round.SIX
        assert "รอบ ๖ เดือน" in screen_text(app)
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "status")
        await choose(pilot, "อยู่ระหว่างดำเนินการ", app)
        await press(pilot, "escape", "q")
    project = reopen(db).project(1)
    assert project is not None
    assert project.result(Round.SIX).status is Status.IN_PROGRESS
    assert project.result(Round.TWELVE).status is Status.COMPLETED


async def test_plan_form_edits_are_saved(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "home")
        await to_field(pilot, app, "narrative.problems")
        await clear_field(pilot, app)
        await type_text(pilot, "ขาดบุคลากร")
        await press(pilot, "escape", "q")
    assert reopen(db).narrative["problems"] == "ขาดบุคลากร"


async def test_toggle_digits(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "t")
        await pilot.pause()
        assert "ร้อยละ 85.00" in screen_text(app)
        await press(pilot, "q")
    assert reopen(db).settings.digit_style is DigitStyle.ARABIC


async def test_filter_by_status_and_words(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "slash")
        await type_text(pilot, "ประชาคม")
        await pilot.pause()
        tree = app.query_one(PlanTree)
        leaves = [leaf for branch in tree.root.children for leaf in branch.children]
        assert len(leaves) == 1 and "โครงการจัดเวทีประชาคม" in str(leaves[0].label)
        await press(pilot, "escape")  # clears the filter
        await pilot.pause()
        leaves = [leaf for branch in tree.root.children for leaf in branch.children]
        assert len(leaves) == 20


async def test_next_fiscal_year_and_switching_plans(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await pilot.pause()
        assert app.session.plan is not None and app.session.plan.fiscal_year == 2568
        assert "๒๕๖๘" in screen_text(app)
        await press(pilot, "p")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "escape")
        await press(pilot, "q")
    store = Store.open(db, read_only=True)
    ids = {p.plan_id for p in store.list_plans()}
    following = store.load_plan("บางเตย-2568")
    store.close()
    assert ids == {"บางเตย-2567", "บางเตย-2568"}
    assert all(p.results == {} for p in following.projects)


async def test_summary_enter_opens_the_project(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, *["down"] * 14, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
        form = app.main.pane
        assert isinstance(form, ProjectForm)
        assert form.project.number == 15


async def test_help_lists_the_live_keys(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("เพิ่ม", "Add a project", "ส่งออก", "ตรวจสอบ", "ลบ", "สลับรอบ", "กรอง", "สรุป", "เลขไทย/อารบิก",
                      "เริ่มปีงบประมาณถัดไป", "เลือกแผน", "ทำสำเนา", "เลื่อนขึ้น"):
            assert words in text, words
        await press(pilot, "escape")


async def test_edits_reach_disk_without_quitting(db: Path) -> None:
    """A crash after the save must lose nothing: the file holds the edit before the app ends."""
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "ok")
        await press(pilot, "escape", "down")  # moving on writes at once
        await pilot.pause()
        assert reopen(db).project(1).remarks.endswith("ok")  # type: ignore[union-attr]
        assert app.session.save_state is SaveState.SAVED


async def test_plan_form_is_shown_for_the_plan(db: Path) -> None:
    """Enter on the plan's root opens the plan's own form on the right, the cursor in its first field
    (the organization's name, filled in), and the tree on the left stays as it was."""
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 3)  # the right side shows a project's details first
        await press(pilot, "home")
        tree = app.query_one(PlanTree)
        assert tree.cursor_node is tree.root
        await pilot.pause()
        assert "ชื่อองค์กร" not in screen_text(app)  # the plan's details, not its form

        def left() -> list[str]:
            """The rows of the screen the tree takes, as read."""
            region = tree.region
            rows = screen_lines(app)[region.y:region.bottom]
            return [row[region.x:region.right] for row in rows]

        tree_before = left()
        await press(pilot, "enter")
        await until(pilot, lambda: app.focused is not None and app.focused.id == control_id("organization"),
                    "the cursor in the plan form's first field")
        assert isinstance(app.main.pane, PlanForm)
        assert app.main.pane.parent is app.query_one("#right")
        assert app.focused in app.main.pane.query(Input)
        text = screen_text(app)
        for words in ("แผนปฏิบัติการป้องกันการทุจริต", "ชื่อองค์กร", "องค์การบริหารส่วนตำบลบางเตย", "ปีงบประมาณ (พ.ศ.)"):
            assert words in text, words
        assert left() == tree_before  # same rows, same labels, nothing folded or moved
        assert tree.cursor_node is tree.root
        assert all(branch.is_expanded for branch in tree.root.children)


async def test_filter_by_status_dimension_and_unit_with_keys(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        tree = app.query_one(PlanTree)

        def shown() -> list[int]:
            assert app.session.plan is not None
            return [app.session.plan.projects[leaf.data.index_in(app.session.plan)].number
                    for branch in tree.root.children for leaf in branch.children if leaf.data is not None]

        await press(pilot, "slash", "tab")  # from the words to the status
        await choose(pilot, "ไม่สามารถดำเนินการได้", app)
        assert shown() == [2, 3, 15]
        await press(pilot, "tab")  # the dimension
        await choose(pilot, "มิติที่ ๓", app)
        assert shown() == [15]
        await press(pilot, "escape")  # clears everything
        await pilot.pause()
        assert len(shown()) == 20
        await press(pilot, "slash", "tab", "tab", "tab")  # the unit
        await type_text(pilot, "กองคลัง")
        await press(pilot, "enter")  # keep the filter, back to the tree
        await pilot.pause()
        assert shown() == [10]
        assert app.focused is tree
        assert "[กรองอยู่]" in screen_text(app)


def offered_actions() -> dict[str, Action]:
    """The actions the palette offers: each of the table's once, but not the palette itself."""
    offered: dict[str, Action] = {}
    for action in ACTIONS:
        offered.setdefault(action.name, action)
    del offered["command_palette"]
    return offered


async def test_every_action_is_in_the_command_palette(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each action is one command of the palette, named in Thai and English with its key, and running
    it runs that action."""
    app = app_on(db)
    ran: list[str] = []

    async def run_action(action: str, *args: object, **kwargs: object) -> bool:
        assert not args and action.startswith("main.")  # the plan's screen, where the actions are
        ran.append(action.removeprefix("main."))
        return True

    async with app.run_test(size=WIDE):
        monkeypatch.setattr(app, "run_action", run_action)
        commands = list(app.get_system_commands(app.screen))
        offered = offered_actions()
        assert len(commands) == len(offered)
        for command, action in zip(commands, offered.values(), strict=True):
            assert command.title == f"{action.thai} ({action.english})"
            assert command.help == f"ปุ่ม {action.key_display or action.keys.split(',')[0]}"
            assert callable(getattr(app.main, f"action_{action.name}", None)), action.name
            ran.clear()
            result = command.callback()
            if inspect.isawaitable(result):
                await result
            assert ran == [action.name], command.title


async def test_every_action_is_found_by_its_name_in_the_palette(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed into the palette, each command's Thai name (with the first word of its English, as "ออก"
    is also in "ส่งออก") puts that command first; Enter runs the one found."""
    app = app_on(db)
    ran: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        offered = offered_actions()
        keys = app.run_action  # the keys (ctrl+p, the palette's own enter) are actions too: left to run

        async def run_action(action: str, *args: object, **kwargs: object) -> bool:
            name = action.removeprefix("main.")
            if name == action or name not in offered or args or kwargs:
                return await keys(action, *args, **kwargs)
            ran.append(name)
            return True

        monkeypatch.setattr(app, "run_action", run_action)
        await send_keys(pilot, "ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        for action in offered.values():
            title = f"{action.thai} ({action.english})"
            await send_keys(pilot, "ctrl+u")  # what was typed for the one before goes
            await type_text(pilot, f"{action.thai} ({action.english.split()[0]}")
            await until(pilot, lambda t=title: highlighted_command(app).startswith(t + "\n"), title)
        await send_keys(pilot, "enter")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette) and bool(ran), "the last command run")
        assert ran == [action.name]


async def test_typing_thai_in_the_palette_finds_the_command_and_runs_it(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await type_text(pilot, "สรุป")
        await until(pilot, lambda: highlighted_command(app).startswith("สรุป (Summary"), "the summary command")
        assert "สรุป (Summary of the plan (part 2))" in screen_text(app)
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary screen")
        await press(pilot, "escape")
        await press(pilot, "ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await type_text(pilot, "ประวัติ")  # vowel and tone marks typed as a terminal sends them
        await until(pilot, lambda: highlighted_command(app).startswith("ประวัติ (History"), "the history command")
        await press(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history screen")


async def test_checks_panel_follows_edits_and_jumps_to_the_project(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tree = app.query_one(PlanTree)
        second = tree.root.children[0].children[1]
        assert str(second.label).startswith("✗!")  # project 2 has an error: no reason given
        await press(pilot, "x")
        await pilot.pause()
        assert "แต่ไม่ระบุเหตุผล" in screen_text(app)
        assert any(f.code == "STATUS_NO_REASON" and f.project == 2 for f in app.session.findings)
        assert any(f.code == "IDENTITY_OTHER_PLACE" for f in app.session.findings)  # สมุทรสาคร in the foreword
        await press(pilot, "enter")  # the first finding: project 2's missing reason
        await pilot.pause()
        assert app.focused is tree and app.main.shown is not None and app.main.shown.index_in(app.session.plan) == 1
        await to_field(pilot, app, "reason")
        await choose(pilot, "ไม่ได้รับงบประมาณ", app)
        await pilot.pause()
        assert not any(f.code == "STATUS_NO_REASON" for f in app.session.findings)
        # The panel and the tree's marks follow once typing pauses (plan_view.CHECK_DELAY).
        await until(pilot, lambda: "แต่ไม่ระบุเหตุผล" not in screen_text(app), "the panel follows the edit")
        assert str(second.label).startswith("✗!")  # still a warning: its result reads as done
        await press(pilot, "escape", "q")


async def test_export_from_the_app(db: Path, tmp_path: Path) -> None:
    from tracker.ui.export_dialog import ExportScreen

    target = tmp_path / "out" / "report.md"
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await press(pilot, "tab", "tab", "tab", "tab")  # format, round, digits, change log, then the file
        await clear_field(pilot, app)
        await type_text(pilot, str(tmp_path))  # a folder: refused, the dialog stays
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "โฟลเดอร์" in screen_text(app)
        await clear_field(pilot, app)
        await type_text(pilot, str(target))
        await press(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert any(str(target) in note for note in notes(app))
    text = target.read_text(encoding="utf-8")
    assert "องค์การบริหารส่วนตำบลบางเตย" in text and "| ลำดับ |" in text.replace("|ลำดับ|", "| ลำดับ |")


async def test_switching_plans_saves_first_and_edits_the_chosen_plan(db: Path) -> None:
    store = Store.open(db)
    other = default_plan()
    other.plan_id, other.fiscal_year = "บางเตย-2568", 2568
    store.save_plan(other)
    store.close()
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "แก้ก่อนสลับแผน")
        await press(pilot, "escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "down", "enter")
        await pilot.pause()
        assert app.session.plan is not None and app.session.plan.plan_id == "บางเตย-2568"
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "แผนปีหน้า")
        await press(pilot, "escape", "q")
    store = Store.open(db, read_only=True)
    assert store.load_plan("บางเตย-2567").project(1).remarks == "แก้ก่อนสลับแผน"  # type: ignore[union-attr]
    assert store.load_plan("บางเตย-2568").project(1).remarks == "แผนปีหน้า"  # type: ignore[union-attr]
    store.close()


async def test_export_file_name_follows_format_and_round(db: Path) -> None:
    from tracker.ui.export_dialog import ExportScreen

    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path = app.screen.query_one("#export-path", Input)
        assert path.value.endswith("-2567-12.md")
        await choose(pilot, "PDF", app)
        assert path.value.endswith("-2567-12.pdf")
        await press(pilot, "tab")
        await choose(pilot, "รอบ ๖ เดือน", app)
        assert path.value.endswith("-2567-6.pdf")
        await press(pilot, "escape")
