"""The secondary screens driven by keys: a question, a choice, the summary and the help."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from tests.ui.conftest import press, screen_lines, screen_text
from tracker.domain.model import Plan, Round
from tracker.importer.defaults import default_plan
from tracker.ui.screens import (
    ChoiceScreen,
    ConfirmScreen,
    HelpRow,
    HelpScreen,
    SummaryBody,
    SummaryScreen,
    SummaryTable,
    help_rows,
)

WIDE = (160, 45)
NARROW = (80, 24)
HOSTILE = "โครงการ [bold red]x[/] | a\nb \x1b[31m"


class Harness(App[None]):
    """An empty app that pushes one screen and keeps what it is dismissed with."""

    ENABLE_COMMAND_PALETTE = False

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.to_push = screen
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("underneath")

    def on_mount(self) -> None:
        self.push_screen(self.to_push, self.results.append)


# --- ConfirmScreen ----------------------------------------------------------------------------------


async def _answer(keys: list[str], **kwargs: Any) -> list[Any]:
    app = Harness(ConfirmScreen("ลบโครงการนี้หรือไม่?", **kwargs))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, *keys)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    return app.results


async def test_confirm_y_answers_yes() -> None:
    assert await _answer(["y"]) == [True]


async def test_confirm_n_and_escape_answer_no() -> None:
    assert await _answer(["n"]) == [False]
    assert await _answer(["escape"]) == [False]
    assert await _answer(["escape"], danger=True) == [False]


async def test_confirm_enter_presses_the_focused_button() -> None:
    assert await _answer(["enter"]) == [True]
    # A dangerous question starts on "no": an enter out of habit deletes nothing.
    assert await _answer(["enter"], danger=True) == [False]
    assert await _answer(["left", "enter"], danger=True) == [True]
    assert await _answer(["right", "enter"]) == [False]


async def test_confirm_shows_the_question_and_the_thai_buttons_literally() -> None:
    app = Harness(ConfirmScreen(f"ลบ {HOSTILE} ?", yes="ลบ [b]", no="ไม่ลบ"))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "ลบ โครงการ [bold red]x[/] | a" in text
        assert "b ␛[31m ?" in text
        assert "ลบ [b]" in text
        assert "ไม่ลบ" in text
        assert "\x1b" not in text


async def test_confirm_default_labels_are_thai() -> None:
    app = Harness(ConfirmScreen("ต่อหรือไม่?"))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "ใช่" in text
        assert "ไม่ใช่" in text


# --- ChoiceScreen -----------------------------------------------------------------------------------

OPTIONS = [("มิติที่ ๑", 1), ("มิติที่ ๒", 2), ("มิติที่ ๓", 3), ("มิติที่ ๔", 4)]


async def _choose(keys: list[str], current: int | None = None) -> list[Any]:
    app = Harness(ChoiceScreen("เลือกมิติ", OPTIONS, current=current))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, *keys)
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
    return app.results


async def test_choice_down_enter_chooses_the_second() -> None:
    assert await _choose(["down", "enter"]) == [2]


async def test_choice_starts_on_the_current_value() -> None:
    assert await _choose(["enter"], current=3) == [3]
    assert await _choose(["down", "enter"], current=3) == [4]


async def test_choice_escape_cancels() -> None:
    assert await _choose(["escape"]) == [None]
    assert await _choose(["down", "escape"], current=2) == [None]


async def test_choice_highlights_the_current_option() -> None:
    app = Harness(ChoiceScreen("เลือกมิติ", OPTIONS, current=4))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert app.screen.query_one(OptionList).highlighted == 3


async def test_choice_labels_and_title_are_data() -> None:
    screen = ChoiceScreen[str]("เลือก [b]แผน[/b]", [(HOSTILE, "x"), ("แผน [red]", "y")])
    app = Harness(screen)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "เลือก [b]แผน[/b]" in text
        assert "โครงการ [bold red]x[/] | a⏎b ␛[31m" in text
        assert "แผน [red]" in text
        await press(pilot, "down", "enter")
        await pilot.pause()
    assert app.results == ["y"]


# --- SummaryScreen ----------------------------------------------------------------------------------


def _summary(plan: Plan | None = None, round_: Round = Round.TWELVE) -> tuple[Harness, Plan]:
    plan = default_plan() if plan is None else plan
    return Harness(SummaryScreen(plan, round_)), plan


def _column(table: SummaryTable, heading: str) -> list[str]:
    index = [column.label.plain for column in table.ordered_columns].index(heading)
    cells = [table.get_row_at(row)[index] for row in range(table.row_count)]
    assert all(isinstance(cell, Text) for cell in cells)  # never a str, which DataTable reads as markup
    return [cell.plain for cell in cells if isinstance(cell, Text)]


async def test_summary_table_has_a_row_per_project_with_ticks() -> None:
    app, plan = _summary()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(SummaryTable)
        assert app.focused is table
        assert table.cursor_type == "row"
        assert table.row_count == len(plan.projects) == 20
        headings = [column.label.plain for column in table.ordered_columns]
        assert headings[:3] == ["ลำดับ", "รายการโครงการ", "มิติ"]
        assert headings[3:9] == [
            "แล้วเสร็จ", "ไม่สามารถดำเนินการได้", "งบประมาณ", "ไม่ใช้งบประมาณ", "เบิกจ่าย", "คงเหลือ",
        ]
        assert _column(table, "ลำดับ") == [f"{n}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
                                           for n in range(1, 21)]
        assert _column(table, "แล้วเสร็จ").count("✓") == 17
        assert _column(table, "ไม่สามารถดำเนินการได้").count("✓") == 3
        assert _column(table, "ไม่ใช้งบประมาณ").count("✓") == 17
        assert _column(table, "งบประมาณ").count("-") == 17
        assert "๑๐๐,๐๐๐.๐๐" in _column(table, "งบประมาณ")
        text = screen_text(app)
        assert "๑๘๐,๐๐๐.๐๐" in text
        assert "ร้อยละ ๘๕.๐๐" in text
        assert "ธงเขียว" in text
        assert "ระดับ มาก" in text
        assert "██████████" in text  # dimension 2: all eight completed
        assert "███████░░░" in text  # dimension 1: four of six
        assert "█████░░░░░" in text  # dimension 3: one of two
        assert "สรุปผลการดำเนินงาน องค์การบริหารส่วนตำบลบางเตย" in text
        assert "ปีงบประมาณ พ.ศ. ๒๕๖๗" in text
        assert "รอบ ๑๒ เดือน" in text
        assert "๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗" in text


async def test_summary_in_progress_column_appears_in_the_six_month_round() -> None:
    app, _ = _summary(round_=Round.SIX)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(SummaryTable)
        headings = [column.label.plain for column in table.ordered_columns]
        assert headings[3:6] == ["แล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ไม่สามารถดำเนินการได้"]
        assert "รอบ ๖ เดือน" in screen_text(app)


async def test_summary_enter_opens_the_fifteenth_project() -> None:
    app, plan = _summary()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await press(pilot, *["down"] * 14)
        await press(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)
    assert len(app.results) == 1
    assert next(p for p in plan.projects if p.uid == app.results[0]).number == 15


async def test_summary_rows_follow_order_numbers_and_give_the_projects_uid() -> None:
    plan = default_plan()
    plan.projects.reverse()  # stored out of order: rows still go by order number
    app, _ = _summary(plan)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await press(pilot, "j", "j", "enter")
        await pilot.pause()
    assert app.results == [plan.project(3).uid]  # type: ignore[arg-type]


async def test_summary_escape_and_q_close_with_none() -> None:
    for key in ("escape", "q"):
        app, _ = _summary()
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            await press(pilot, "down", key)
            await pilot.pause()
            assert not isinstance(app.screen, SummaryScreen)
        assert app.results == [None]


async def test_summary_narrow_folds_the_ticks_into_marks() -> None:
    app, _ = _summary()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = app.screen.query_one(SummaryTable)
        assert table.row_count == 20
        marks = _column(table, "ผล")
        assert (marks.count("✓"), marks.count("✗")) == (17, 3)
        assert "ไม่ใช้" in _column(table, "งบประมาณ")
        # The columns fit the screen (no sideways scrolling), amounts whole.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        lines = screen_lines(app)
        assert any("คงเหลือ" in line for line in lines)
        assert any("๑๐๐,๐๐๐.๐๐" in line for line in lines)


async def test_summary_the_score_stays_in_sight_and_the_counts_are_reachable_on_a_small_screen() -> None:
    app, _ = _summary()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "ร้อยละ ๘๕.๐๐" in text and "ระดับ มาก" in text and "๑๘๐,๐๐๐.๐๐" in text
        assert "██████████" not in text  # the counts with their bars are further down
        await press(pilot, "tab")
        assert isinstance(app.focused, SummaryBody)
        await press(pilot, "end")
        await pilot.pause()
        text = screen_text(app)
        assert "██████████" in text
        assert "ร้อยละ ๘๕.๐๐" in text  # still in sight
        await press(pilot, "tab")  # back to the table, which comes into view again
        await pilot.pause()
        assert isinstance(app.focused, SummaryTable)
        assert "ลำดับ" in screen_text(app)


async def test_summary_the_cursor_stays_in_view_to_the_last_row() -> None:
    app, plan = _summary()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await press(pilot, *["down"] * 25)
        await pilot.pause()
        assert "๒๐  มาตรการจัดให้มีระบบ" in screen_text(app)
        await press(pilot, "enter")
        await pilot.pause()
    assert app.results == [plan.projects[19].uid]


async def test_summary_home_and_end_go_to_the_first_and_last_row() -> None:
    for size in (NARROW, WIDE):
        app, plan = _summary()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            table = app.screen.query_one(SummaryTable)
            await press(pilot, "end")
            await pilot.pause()
            assert table.cursor_row == 19, size
            assert "๒๐  มาตรการจัดให้มีระบบ" in screen_text(app)  # the last row came into view
            await press(pilot, "home")
            await pilot.pause()
            assert table.cursor_row == 0, size
            assert "ลำดับ" in screen_text(app)  # back at the top, the headings in sight
            await press(pilot, "end", "enter")
            await pilot.pause()
        assert app.results == [plan.projects[19].uid], size  # enter after end opens the last project


async def test_summary_follows_a_resize_and_keeps_the_cursor() -> None:
    app, plan = _summary()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await press(pilot, "down", "down")
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        table = app.screen.query_one(SummaryTable)
        assert "ผล" in [column.label.plain for column in table.ordered_columns]
        assert table.cursor_row == 2
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert "แล้วเสร็จ" in [column.label.plain for column in table.ordered_columns]
        await press(pilot, "enter")
        await pilot.pause()
    assert app.results == [plan.projects[2].uid]


async def test_summary_shows_a_hostile_name_literally() -> None:
    plan = default_plan()
    plan.projects[0].name = HOSTILE
    plan.organization = "อบต. [bold]ทดสอบ[/bold]\x1b[2J"
    for size in (WIDE, NARROW):
        app, _ = _summary(plan)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "โครงการ [bold red]x[/] | a" in text
            assert "b ␛[31m" in text
            assert "อบต. [bold]ทดสอบ[/bold]␛[2J" in text
            assert "\x1b" not in text
            await press(pilot, "enter")
            await pilot.pause()
        assert app.results == [plan.projects[0].uid]


async def test_summary_of_an_empty_plan() -> None:
    plan = default_plan()
    plan.projects.clear()
    app, _ = _summary(plan)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert app.screen.query_one(SummaryTable).row_count == 0
        await press(pilot, "enter", "escape")
        await pilot.pause()
    assert app.results == [None]


# --- HelpScreen -------------------------------------------------------------------------------------


class Pane(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "แก้ไข", tooltip="Edit"),
    ]

    def action_edit(self) -> None:
        pass


class KeysApp(App[None]):
    """An app with a few bindings of its own, beside textual's (which the help leaves out)."""

    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "บันทึก", tooltip="Save"),
        Binding("down", "next", "ถัดไป", tooltip="Next item"),
        Binding("j", "next", "ถัดไป", show=False),
        Binding("x", "hidden_action"),  # no description: not listed
        Binding("question_mark", "help", "วิธีใช้", tooltip="Help"),
        Binding("q", "quit", "ออก", tooltip="Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.can_save = True
        self.closed = 0

    def compose(self) -> ComposeResult:
        yield Pane("pane", id="pane")
        yield Static("other")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_save or action != "save"

    def action_save(self) -> None:
        pass

    def action_next(self) -> None:
        pass

    def action_hidden_action(self) -> None:
        pass

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_rows(self)), lambda _: self.note_closed())

    def note_closed(self) -> None:
        self.closed += 1


async def test_help_rows_are_the_apps_own_bindings() -> None:
    app = KeysApp()
    async with app.run_test(size=NARROW) as pilot:
        app.set_focus(None)
        await pilot.pause()
        assert help_rows(app) == [
            HelpRow("s", "บันทึก", "Save"),
            HelpRow("↓ j", "ถัดไป", "Next item"),
            HelpRow("?", "วิธีใช้", "Help"),
            HelpRow("q", "ออก", "Quit"),
        ]


async def test_help_rows_follow_the_bindings() -> None:
    app = KeysApp()
    async with app.run_test(size=NARROW) as pilot:
        app.set_focus(None)
        await pilot.pause()
        before = [row.key for row in help_rows(app)]
        app.query_one(Pane).focus()  # a focused widget brings its keys
        await pilot.pause()
        assert [row.key for row in help_rows(app)] == ["e", *before]
        app.can_save = False  # a disabled action is gone
        app.refresh_bindings()
        await pilot.pause()
        assert [row.key for row in help_rows(app)] == ["e", "↓ j", "?", "q"]


async def test_help_screen_lists_the_keys_and_closes() -> None:
    for key in ("escape", "q", "question_mark"):
        app = KeysApp()
        async with app.run_test(size=NARROW) as pilot:
            app.set_focus(None)
            await press(pilot, "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            assert "วิธีใช้ (Help)" in text
            assert "ปุ่ม (key)" in text
            assert "การทำงาน" in text
            assert "English" in text
            for line in ("s", "บันทึก", "Save"), ("↓ j", "ถัดไป", "Next item"), ("q", "ออก", "Quit"):
                assert any(all(word in row for word in line) for row in screen_lines(app)), line
            assert "Esc, ? หรือ q" in text
            await press(pilot, key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
            assert app.is_running  # q closed the help, it did not quit
        assert app.closed == 1


async def test_help_over_the_summary_lists_the_summary_keys() -> None:
    app, _ = _summary()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        rows = {row.key: row for row in help_rows(app)}
        assert rows["⏎"].description == "เปิดโครงการ"
        assert rows["esc q"].description == "กลับ"
        assert rows["↑k"].english == "Up"
        assert "tab" in rows


async def test_help_text_is_data() -> None:
    rows = [HelpRow("[b]", "แก้ [red]ไข[/]", "Edit [i]x\x1b")]
    app = Harness(HelpScreen(rows))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[b]" in text
        assert "แก้ [red]ไข[/]" in text
        assert "Edit [i]x␛" in text


async def test_help_disabled_rows_are_kept() -> None:
    rows = [HelpRow("s", "บันทึก", "Save", enabled=False)]
    app = Harness(HelpScreen(rows))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert "บันทึก" in screen_text(app)
        await press(pilot, "escape")
        await pilot.pause()
    assert app.results == [None]


def shows(text: str, n: int) -> bool:
    """Whether the help's row ``n`` (its English, "Action n") is on the screen."""
    return re.search(rf"Action {n}\b", text) is not None


async def test_help_pages_and_goes_to_its_top_and_bottom() -> None:
    """A help longer than the screen: PageDown/PageUp turn a page, End shows its last row, Home its first."""
    rows = [HelpRow(f"k{n}", f"การทำงานที่ {n}", f"Action {n}") for n in range(1, 61)]
    app = Harness(HelpScreen(rows))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0  # longer than the screen: the test is about scrolling
        first = screen_text(app)
        assert shows(first, 1) and not shows(first, 60)

        await press(pilot, "pagedown")
        await pilot.pause()
        assert body.scroll_y > 5  # a page, not a line
        assert not shows(screen_text(app), 1)

        await press(pilot, "pageup")
        await pilot.pause()
        assert body.scroll_y == 0
        assert screen_text(app) == first

        await press(pilot, "end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert shows(screen_text(app), 60)

        await press(pilot, "home")
        await pilot.pause()
        assert body.scroll_y == 0
        assert screen_text(app) == first
