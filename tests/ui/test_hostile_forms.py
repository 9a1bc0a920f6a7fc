"""Hostile input typed, pasted or set into every field of the app's forms, checked on the file reopened from disk.

Every value of :mod:`tests.hostile_corpus` goes into a one-line field (the project's name) and a text
area (its method); a sample of each kind of value goes into every text field of the project form and
of the plan form at once. Each time, after the autosave, the database is reopened from the file: the
value is stored exactly (a text area holds the Unicode line separators as line breaks, see
``as_text_area_holds``), and the screen (tree, header, detail panel, the form) shows it without
interpreting markup and with no control character reaching the terminal.

What a one-line field does with a line break: textual's keys cannot type one (enter leaves the field). A
pasted text of several lines is pasted whole with its line breaks made spaces; a value holding a line
break that reaches the field another way (set by code) is stored as it is and shown as ⏎.

Amounts and fiscal years that are not ones are refused with a message under the field and never stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from tests.hostile_corpus import (
    HOSTILE_AMOUNTS,
    HOSTILE_TEXT,
    HOSTILE_YEARS,
    SAMPLES,
    SHORT_TYPABLE,
    unsafe_characters,
)
from tests.ui.conftest import keys_handled, press, screen_text, type_text
from tests.ui.test_editor import reopen
from tracker.domain.model import NARRATIVE_KEYS, Plan, Project, Round, Status
from tracker.domain.text import safe_line
from tracker.domain.thai import to_thai_digits
from tracker.importer.defaults import default_plan
from tracker.session import SaveState
from tracker.storage.store import Store
from tracker.ui import plan_view
from tracker.ui.app import TrackerApp
from tracker.ui.display import NodeKind, project_ref
from tracker.ui.forms import PlanForm, ProjectForm, control_id
from tracker.ui.widgets import DetailPanel, PlanHeader, PlanTree

WIDE = (160, 45)
NOT_DONE_PROJECT = 2
"""Project 2 of the default plan could not be done: its reason text field is open."""

PROJECT_LINES = ("name", "period", "unit", "reason_text")
PROJECT_BLOCKS = ("method", "indicator", "remarks", "result_text")
PLAN_LINES = ("organization", "district", "province", "preparing_unit")
PLAN_BLOCKS = tuple(f"narrative.{key}" for key in NARRATIVE_KEYS)

_TEXT_AREA_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def as_text_area_holds(value: str) -> str:
    """``value`` as a text area holds it: every Unicode line separator (VT, FF, FS, GS, RS, NEL, LS, PS as
    well as CR and LF) is a line break, written the way the text's own line breaks are (as textual does)."""
    newline = "\r\n" if "\r\n" in value else "\n" if "\n" in value else "\r" if "\r" in value else "\n"
    return _TEXT_AREA_BREAKS.sub(newline, value)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[default_plan()]).close()
    return path


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The autosave after a hundredth of a second, not half a second: many values are saved one by one."""
    monkeypatch.setattr(plan_view, "SAVE_DELAY", 0.01)
    yield




def project(plan: Plan, number: int) -> Project:
    found = plan.project(number)
    assert found is not None
    return found


async def autosaved(pilot: Pilot[Any], app: TrackerApp) -> None:
    """Wait for the autosave (the timer the app starts after an applied edit)."""
    for _ in range(100):
        await pilot.pause(0.01)
        if app.session.save_state is not SaveState.UNSAVED:
            return
    raise AssertionError("the edit was not saved")


async def open_form(pilot: Pilot[Any], app: TrackerApp, number: int | None) -> ProjectForm | PlanForm:
    """From the tree, enter: the form of project ``number`` (the plan's with None)."""
    tree = app.query_one(PlanTree)
    tree.focus()

    def there() -> bool:
        ref = tree.cursor_node.data if tree.cursor_node is not None else None
        assert ref is not None and app.session.plan is not None
        return (number is None and ref.kind is NodeKind.PLAN) or (
            ref.kind is NodeKind.PROJECT and app.session.plan.projects[ref.index_in(app.session.plan)].number == number
        )

    if not there():  # set-up: the cursor put straight there (the keys' walk is test_plan_keys' subject)
        assert app.session.plan is not None
        project = next((p for p in app.session.plan.projects if p.number == number), None)
        node = tree.root if project is None else tree.node_for(project_ref(project))
        assert node is not None
        tree.cursor_to(node)
        await pilot.pause()
    await press(pilot, "enter")
    await pilot.pause()
    form = app.main.pane
    assert isinstance(form, ProjectForm | PlanForm)
    return form


def field(form: ProjectForm | PlanForm, name: str) -> Input | TextArea:
    widget = form.query_one("#" + control_id(name))
    assert isinstance(widget, Input | TextArea)
    return widget


def put(widget: Widget, value: str) -> None:
    """Set a field's text as a paste or a program would: whatever the keyboard could not type."""
    if isinstance(widget, Input):
        widget.value = value
    else:
        assert isinstance(widget, TextArea)
        widget.text = value


def held(widget: Widget, value: str) -> str:
    """What a field given ``value`` holds (and so what the plan stores)."""
    return value if isinstance(widget, Input) else as_text_area_holds(value)


def stored_project_field(plan: Plan, number: int, name: str) -> str:
    found = project(plan, number)
    if name in ("result_text", "reason_text"):
        return str(getattr(found.result(Round.TWELVE), name))
    return str(getattr(found, name))


def stored_plan_field(plan: Plan, name: str) -> str:
    if name.startswith("narrative."):
        return plan.narrative.get(name.removeprefix("narrative."), "")
    return str(getattr(plan, name))


def assert_screen_safe(app: TrackerApp, where: str) -> str:
    """The screen's text, after checking no control character is on it (it would reach the terminal)."""
    text = screen_text(app)
    assert unsafe_characters(text) == [], where
    return text


def assert_markup_literal(text: str, value: str, where: str) -> None:
    """Markup in ``value`` shows as typed: its tags are on the screen."""
    for tag in ("[bold red]", "[link=https://evil.example]", "[@click=app.quit]"):
        if tag in value:
            assert tag in text, f"{tag} not shown literally {where}"


# --- every value into one field of each kind ----------------------------------------------------------


async def test_every_hostile_value_is_stored_exactly_and_shown_safely(db: Path) -> None:
    """Each value into a one-line field (the name) and a text area (the method) of project 1."""
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, 1)
        assert isinstance(form, ProjectForm)
        name_field, method_field = field(form, "name"), field(form, "method")
        tree = app.query_one(PlanTree)
        for key, value in HOSTILE_TEXT.items():
            before = project(reopen(db), 1)
            put(name_field, value)
            put(method_field, value)
            await pilot.pause()
            refused = not value.strip()  # a name is required
            if refused:
                assert form.field_message("name") == ("error", "กรอกชื่อโครงการ (a name is required)"), key
                assert app.session.save_state is SaveState.INVALID, key
                assert project(reopen(db), 1) == before, key  # neither field is saved
            else:
                await autosaved(pilot, app)
                stored = project(reopen(db), 1)
                assert stored.name == value, key
                assert stored.method == as_text_area_holds(value), key
                # The tree's label: every character, control characters made visible.
                label = tree.cursor_node.label.plain if tree.cursor_node is not None else ""
                assert safe_line(value).strip()[:20] in label, key
            text = assert_screen_safe(app, key)
            assert_markup_literal(text, value, key)
            if key == "newline":  # a line break in a one-line field is stored, and drawn as ⏎
                assert "line1⏎line2" in text
        put(name_field, "โครงการปกติ")  # leave a valid value behind, so that quitting asks nothing
        await autosaved(pilot, app)
        await press(pilot, "escape")  # the details of what is stored (the last value)
        await pilot.pause()
        assert isinstance(app.main.pane, DetailPanel)
        assert_screen_safe(app, "the details")
        await press(pilot, "q")


# --- a sample of each kind of value into every text field -----------------------------------------------


async def test_every_project_field_takes_each_kind_of_value(db: Path) -> None:
    """Each sample into every text field of a project; at the end, the details and the form again.

    (Every project's details, each holding other hostile values, are walked in test_hostile_screens.)
    """
    names = (*PROJECT_LINES, *PROJECT_BLOCKS)
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, NOT_DONE_PROJECT)
        assert isinstance(form, ProjectForm)
        expected: dict[str, str] = {}
        for key, value in SAMPLES.items():
            for name in names:
                widget = field(form, name)
                put(widget, value)
                expected[name] = held(widget, value)
            await pilot.pause()
            await autosaved(pilot, app)
            plan = reopen(db)
            for name in names:
                assert stored_project_field(plan, NOT_DONE_PROJECT, name) == expected[name], (key, name)
            assert project(plan, NOT_DONE_PROJECT).result(Round.TWELVE).status is Status.NOT_DONE
            assert_markup_literal(assert_screen_safe(app, f"{key} in the form"), value, key)

        await press(pilot, "escape")  # back to the tree: the detail panel shows the project as stored
        await pilot.pause()
        assert isinstance(app.main.pane, DetailPanel)
        assert_screen_safe(app, "the details")
        form = await open_form(pilot, app, NOT_DONE_PROJECT)  # the stored values, in the form again
        assert isinstance(form, ProjectForm)
        assert_screen_safe(app, "the form opened again")
        read = form.read()
        for name in names:
            assert getattr(read, name) == expected[name], name  # untouched: read back exactly
        await press(pilot, "escape", "q")


async def test_every_plan_field_takes_each_kind_of_value(db: Path) -> None:
    """Each sample into every text field of the plan: the header and the title follow; then the form again."""
    names = (*PLAN_LINES, *PLAN_BLOCKS)
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, None)
        assert isinstance(form, PlanForm)
        expected: dict[str, str] = {}
        for key, value in SAMPLES.items():
            for name in names:
                widget = field(form, name)
                put(widget, value)
                expected[name] = held(widget, value)
            await pilot.pause()
            await autosaved(pilot, app)
            plan = reopen(db)
            for name in names:
                assert stored_plan_field(plan, name) == expected[name], (key, name)
            assert_markup_literal(assert_screen_safe(app, f"{key} in the form"), value, key)
            header = app.query_one(PlanHeader).render()
            assert isinstance(header, Text) and safe_line(value).strip()[:10] in header.plain, key
            # The terminal's title: the organization as typed, the year in the plan's (Thai) digits.
            assert app.title == f"{safe_line(plan.organization)} ปีงบประมาณ {to_thai_digits(str(plan.fiscal_year))}"

        await press(pilot, "escape")  # the plan's details: organization, place, preparing unit
        await pilot.pause()
        assert isinstance(app.main.pane, DetailPanel)
        assert_screen_safe(app, "the details")
        form = await open_form(pilot, app, None)
        assert isinstance(form, PlanForm)
        assert_screen_safe(app, "the form opened again")
        read = form.read()
        for name in PLAN_LINES:
            assert getattr(read, name) == expected[name], name
        for name in PLAN_BLOCKS:
            assert read.narrative[name.removeprefix("narrative.")] == expected[name], name
        await press(pilot, "escape", "q")


# --- typed and pasted --------------------------------------------------------------------------------


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` as a terminal does (bracketed paste): the app hands it to the focused widget."""
    driver = pilot.app._driver
    assert driver is not None
    event = events.Paste(text)
    event.set_sender(pilot.app)
    driver.send_message(event)
    await keys_handled(pilot)


async def test_typed_values_are_stored_as_typed(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, 1)
        assert isinstance(form, ProjectForm)
        for name in ("name", "remarks"):  # a one-line field, a text area
            widget = field(form, name)
            for key, value in SHORT_TYPABLE.items():
                put(widget, "")
                widget.focus()
                await pilot.pause()
                await type_text(pilot, value)
                await autosaved(pilot, app)
                assert stored_project_field(reopen(db), 1, name) == value, (name, key)
                assert_markup_literal(assert_screen_safe(app, key), value, key)
        await press(pilot, "escape", "q")


async def test_a_paste_of_several_lines_into_a_one_line_field_keeps_every_line(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, 1)
        assert isinstance(form, ProjectForm)
        for name in PROJECT_LINES[:3]:
            widget = field(form, name)
            assert isinstance(widget, Input)
            put(widget, "")
            widget.focus()
            await pilot.pause()
            # A name that wrapped where it was copied from, with an escape sequence in it; the line
            # break that ends it goes, those between its lines become spaces.
            await paste(pilot, "โครงการเสริมสร้าง\r\nความ\x1b]0;x\x07โปร่งใส\n")
            await autosaved(pilot, app)
            assert stored_project_field(reopen(db), 1, name) == "โครงการเสริมสร้าง ความ\x1b]0;x\x07โปร่งใส", name
            assert "ความ␛]0;x␇โปร่งใส" in assert_screen_safe(app, name)
        await press(pilot, "escape", "q")


async def test_a_paste_into_a_text_area_is_stored_as_it_holds_it(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, 1)
        assert isinstance(form, ProjectForm)
        widget = field(form, "remarks")
        put(widget, "")
        widget.focus()
        await pilot.pause()
        pasted = HOSTILE_TEXT["OSC 8 hyperlink ST"] + "\n" + HOSTILE_TEXT["line separators"]
        await paste(pilot, pasted)
        await autosaved(pilot, app)
        assert project(reopen(db), 1).remarks == as_text_area_holds(pasted)
        assert_screen_safe(app, "remarks")
        assert isinstance(widget, TextArea)
        assert widget.get_line(0).plain == "␛]8;;https://evil.example␛\\click␛]8;;␛\\"  # as the field draws it
        await press(pilot, "escape", "q")


# --- a one-line field keeps its cursor on the right character ------------------------------------------


async def test_the_cursor_of_a_field_with_control_characters_stays_on_its_character(db: Path) -> None:
    """A control character is drawn as a mark one cell wide: the cursor's cell counts it."""
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, 1)
        assert isinstance(form, ProjectForm)
        widget = field(form, "name")
        assert isinstance(widget, Input)
        put(widget, "a\x1b\x00b")
        widget.focus()
        await press(pilot, "end", "left")  # before the b
        await type_text(pilot, "X")
        await autosaved(pilot, app)
        assert project(reopen(db), 1).name == "a\x1b\x00Xb"
        assert widget.cursor_screen_offset.x - widget.content_region.x == 4  # a ␛ ␀ X, then the cursor
        await press(pilot, "escape", "q")


# --- amounts and fiscal years ------------------------------------------------------------------------


async def test_amounts_that_are_not_amounts_are_refused_and_never_stored(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, NOT_DONE_PROJECT)  # a budget of 50,000.00 baht
        assert isinstance(form, ProjectForm)
        before = project(reopen(db), NOT_DONE_PROJECT)
        for name in ("budget", "disbursed"):
            widget = field(form, name)
            for typed, amount in HOSTILE_AMOUNTS.items():
                put(widget, typed)
                await pilot.pause()
                text = assert_screen_safe(app, f"{name} {typed[:20]!r}")
                stored = project(reopen(db), NOT_DONE_PROJECT)
                message = form.field_message(name)
                if amount is None:
                    assert message is not None and message[0] == "error", (name, typed[:20])
                    assert app.session.save_state is SaveState.INVALID
                    assert "มีช่องไม่ถูกต้อง" in text and "✗" in text  # the header and the field say so
                    assert stored.budget == before.budget
                    assert stored.result(Round.TWELVE).disbursed == before.result(Round.TWELVE).disbursed
                else:
                    await autosaved(pilot, app)
                    assert message is None or message[0] == "warning", (name, typed)
                    value = stored.budget if name == "budget" else stored.result(Round.TWELVE).disbursed
                    assert value == amount, (name, typed)
                    before = stored
            put(widget, "50,000.00")
            await pilot.pause()
            await autosaved(pilot, app)
            before = project(reopen(db), NOT_DONE_PROJECT)
        assert project(reopen(db), NOT_DONE_PROJECT).budget == Decimal("50000.00")
        await press(pilot, "escape", "q")


async def test_fiscal_years_that_are_not_years_are_refused_with_a_message(db: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, None)
        assert isinstance(form, PlanForm)
        widget = field(form, "fiscal_year")
        for typed, year in HOSTILE_YEARS.items():
            put(widget, typed)
            await pilot.pause()
            assert_screen_safe(app, repr(typed[:20]))
            message = form.field_message("fiscal_year")
            if year is None:
                assert message is not None and message[0] == "error", typed[:20]
                assert "ปีงบประมาณ" in message[1] or "พ.ศ." in message[1], message  # in the user's words
                assert reopen(db).fiscal_year == 2567
            else:
                await autosaved(pilot, app)
                assert message is None and reopen(db).fiscal_year == year, typed
                put(widget, "2567")
                await pilot.pause()
                await autosaved(pilot, app)
        put(widget, "2567")
        await pilot.pause()
        await press(pilot, "escape", "q")
    assert reopen(db).fiscal_year == 2567


async def test_the_words_of_a_level_are_stored_exactly_and_shown_safely(db: Path) -> None:
    """The plan's score (85) falls in the band whose words are hostile: the header and details show them."""
    words = "\x1b]0;pwned\x07[bold red]มาก[/] \x9b31m"
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=WIDE) as pilot:
        form = await open_form(pilot, app, None)
        assert isinstance(form, PlanForm)
        put(field(form, "level_bands"), f"90 มากที่สุด\n70 {words}\n0 น้อย")
        await pilot.pause()
        await autosaved(pilot, app)
        bands = reopen(db).settings.level_bands
        assert [(b.minimum, b.label) for b in bands] == [(90, "มากที่สุด"), (70, words), (0, "น้อย")]
        text = assert_screen_safe(app, "the header")
        assert f"ระดับ {safe_line(words)}" in text
        await press(pilot, "escape")
        await pilot.pause()
        text = assert_screen_safe(app, "the plan's details")
        assert safe_line(words) in text
        await press(pilot, "s")  # the summary screen
        await pilot.pause()
        text = assert_screen_safe(app, "the summary")
        assert safe_line(words) in text
        await press(pilot, "escape", "q")
