"""The edit forms driven like a user would: keys in, what the screen and the messages show out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from tests.ui.conftest import press, screen_lines, screen_text
from tests.ui.sample import HOSTILE_NAME, sample_plan
from tracker.domain.editing import PlanInput, ProjectInput, units_used
from tracker.domain.model import (
    NARRATIVE_KEYS,
    LevelBand,
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    Status,
)
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.ui.forms import PlanForm, ProjectForm, offered_units

WIDE = (160, 45)
NARROW = (80, 24)

# A value no widget can hold as it is: a line break, an ANSI escape, markup, a tab, a Windows line
# ending, a bidi override, and then a great deal of text.
HOSTILE = "a\nb \x1b[31mred [bold]x[/bold]\tc\r\nd \u202e e " + "ก" * 20_000
HOSTILE_BLOCK = "line one\r\nline two [i]x[/i]\r\n\x1b[2J\ttab\rold mac\n"


class FormApp(App[None]):
    """A screen holding one form, keeping every Changed message the form posts."""

    def __init__(self, form: Widget) -> None:
        super().__init__()
        self.form = form
        self.changes: list[ProjectForm.Changed | PlanForm.Changed] = []

    def compose(self) -> ComposeResult:
        yield self.form

    def on_project_form_changed(self, event: ProjectForm.Changed) -> None:
        self.changes.append(event)

    def on_plan_form_changed(self, event: PlanForm.Changed) -> None:
        self.changes.append(event)


def project_app(plan: Plan, index: int, round_: Round = Round.TWELVE) -> tuple[FormApp, ProjectForm]:
    form = ProjectForm(plan, index, round_, id="form")
    return FormApp(form), form


def plan_app(plan: Plan) -> tuple[FormApp, PlanForm]:
    form = PlanForm(plan, id="form")
    return FormApp(form), form


def last_project_change(app: FormApp) -> ProjectForm.Changed:
    assert app.changes, "the form posted no Changed message"
    change = app.changes[-1]
    assert isinstance(change, ProjectForm.Changed)
    return change


def control(form: Widget, name: str) -> Widget:
    return form.query_one(f"#field-{name.replace('.', '-')}")


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a terminal sends it.

    ``pilot.press`` cannot be used for Thai: it names a key by its character's Unicode name and
    looks the character up again by that name, which loses the vowel and tone marks whose names
    hold a hyphen (MAI HAN-AKAT) and others, so "บรรทัด" would arrive as "บรรทด". A terminal sends
    each character with its key event, as done here.
    """
    for character in text:
        pilot.app.post_message(events.Key(character, character))
        await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    """Let the screen come to rest: a form mounted a moment ago lays out (and scrolls) in steps."""
    before = None
    for _ in range(10):
        await pilot.wait_for_scheduled_animations()
        now = screen_text(pilot.app)
        if now == before:
            return
        before = now


def line_of(app: App[Any], words: str) -> int:
    """The screen row on which ``words`` first appear."""
    return next(i for i, line in enumerate(screen_lines(app)) if words in line)


def hostile_plan() -> Plan:
    """Every text field of project 1 and of the plan hostile; odd but storable choices elsewhere."""
    plan = sample_plan()
    plan.organization = HOSTILE
    plan.district = "สามพราน\n"
    plan.province = "\x1b[31mนครปฐม"
    plan.preparing_unit = "[bold]งานนิติการ[/bold]\t"
    plan.narrative = {key: HOSTILE_BLOCK for key in NARRATIVE_KEYS[::2]}
    plan.narrative["foreword"] = HOSTILE
    plan.settings.level_bands = [LevelBand(Decimal(70), "มาก [b]\x1b[5m"), LevelBand(Decimal(0), "น้อย\t")]
    plan.dimensions[1].name = "การบริหาร\r\n\x1b[31m[bold]"
    plan.projects[0] = Project(
        1,
        HOSTILE,
        9,  # a dimension the plan lacks
        ProjectKind.GUIDELINE,
        method=HOSTILE_BLOCK,
        indicator=HOSTILE,
        budget=Decimal("50000"),
        period="ต.ค. ๖๖\r\n- ก.ย. ๖๗",
        unit="\x1b]0;title\x07กองคลัง",
        remarks="\r\n",
        results={
            Round.TWELVE: RoundResult(
                Status.COMPLETED,
                HOSTILE_BLOCK,
                Decimal("60000"),
                ReasonKind.OTHER,  # kept although the project was completed
                "เหตุผล\nสองบรรทัด",
            )
        },
    )
    return plan


# --- filling the form -----------------------------------------------------------------------------


@pytest.mark.parametrize("make_plan", [sample_plan, default_plan, hostile_plan])
async def test_mounting_posts_no_change(make_plan: Any) -> None:
    plan = make_plan()
    for app, _form in (project_app(plan, 0), project_app(plan, 2), plan_app(plan)):
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            assert app.changes == []


async def test_an_untouched_hostile_project_reads_back_exactly() -> None:
    plan = hostile_plan()
    app, form = project_app(plan, 0)
    expected = ProjectInput.from_project(plan.projects[0], Round.TWELVE, DigitStyle.THAI)
    assert form.read() == expected  # before mounting too
    async with app.run_test(size=NARROW) as pilot:
        assert form.read() == expected
        # Visiting every field (focus, blur, amounts left as they were) changes nothing either.
        for _ in range(20):
            await press(pilot, "tab")
        assert form.read() == expected
        assert app.changes == []
        assert not any("\x1b" in line for line in screen_lines(app))
    assert form.read().name == HOSTILE


async def test_the_hostile_name_shows_every_character_made_visible() -> None:
    plan = sample_plan()
    app, form = project_app(plan, 2)
    async with app.run_test(size=WIDE):
        assert "โครงการ [bold red]x[/] | a⏎b ␛[31m" in screen_text(app)
        assert form.read().name == HOSTILE_NAME


async def test_an_edited_field_reads_what_it_shows_and_the_others_stay_exact() -> None:
    plan = hostile_plan()
    app, form = project_app(plan, 0)
    async with app.run_test(size=NARROW) as pilot:
        form.focus_field("period")
        await press(pilot, "end", "backspace")
        inp = form.read()
        assert inp.period == "ต.ค. ๖๖⏎- ก.ย. ๖"  # the line break was seen as ⏎, and edited as one
        assert inp.name == HOSTILE and inp.method == HOSTILE_BLOCK and inp.unit == plan.projects[0].unit
        assert last_project_change(app).inp == inp


async def test_an_untouched_hostile_plan_reads_back_exactly() -> None:
    plan = hostile_plan()
    app, form = plan_app(plan)
    expected = PlanInput.from_plan(plan)
    assert form.read() == expected
    async with app.run_test(size=NARROW) as pilot:
        for _ in range(25):
            await press(pilot, "tab")
        assert form.read() == expected
        assert app.changes == []
        assert not any("\x1b" in line for line in screen_lines(app))


async def test_an_untouched_default_plan_reads_back_exactly() -> None:
    plan = default_plan()
    for index in range(len(plan.projects)):
        form = ProjectForm(plan, index, plan.round)
        assert form.read() == ProjectInput.from_project(plan.projects[index], plan.round, DigitStyle.THAI)
    app, form = project_app(plan, 14)
    async with app.run_test(size=WIDE):
        assert form.read() == ProjectInput.from_project(plan.projects[14], plan.round, DigitStyle.THAI)


async def test_stored_problems_show_from_the_start() -> None:
    plan = hostile_plan()
    app, form = project_app(plan, 0)
    async with app.run_test(size=WIDE):
        assert form.has_errors
        assert form.field_message("dimension") == (
            "error",
            "เลือกมิติของแผน (choose one of the plan's dimensions)",
        )
        assert form.field_message("disbursed") is not None
        assert form.field_message("disbursed")[0] == "warning"  # type: ignore[index]
        assert "มิติที่ ๙ (ไม่มีในแผน)" in screen_text(app)


# --- amounts --------------------------------------------------------------------------------------


async def test_typing_abc_into_the_budget_shows_the_error_under_it() -> None:
    app, form = project_app(sample_plan(), 0)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("budget")
        await press(pilot, "a", "b", "c")  # replaces the selected ๕๐,๐๐๐.๐๐
        change = last_project_change(app)
        assert change.inp.budget == "abc"
        assert not change.checked.ok and "budget" in change.checked.errors
        assert change.control is form and change.input is change.inp
        assert form.has_errors and form.checked is change.checked
        message = "✗ อ่านเป็นจำนวนเงินไม่ได้: 'abc' (not an amount in baht)"
        assert line_of(app, "abc") < line_of(app, message) < line_of(app, "ระยะเวลาดำเนินการ")
        await press(pilot, "tab")
        assert form.read().budget == "abc"  # an amount that does not read stays as typed
        assert message in screen_text(app)


@pytest.mark.parametrize(
    ("typed", "style", "shown"),
    [
        ("๒๕,๐๐๐", DigitStyle.THAI, "๒๕,๐๐๐.๐๐"),
        ("25000", DigitStyle.THAI, "๒๕,๐๐๐.๐๐"),
        ("25,000.00 บาท", DigitStyle.THAI, "๒๕,๐๐๐.๐๐"),
        ("๒๕๐๐๐.๕", DigitStyle.ARABIC, "25,000.50"),
    ],
)
async def test_an_amount_is_rewritten_in_the_plans_digits_when_left(
    typed: str, style: DigitStyle, shown: str
) -> None:
    plan = sample_plan()
    plan.settings.digit_style = style
    app, form = project_app(plan, 0)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("disbursed")
        await press(pilot, *typed)
        assert form.read().disbursed == typed
        await press(pilot, "tab")
        disbursed = control(form, "disbursed")
        assert isinstance(disbursed, Input) and disbursed.value == shown
        change = last_project_change(app)
        assert change.inp.disbursed == shown and change.checked.ok


async def test_disbursed_above_the_budget_is_a_warning_not_an_error() -> None:
    app, form = project_app(sample_plan(), 0)  # budget ๕๐,๐๐๐.๐๐
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("disbursed")
        await press(pilot, *"60000", "tab")
        change = last_project_change(app)
        assert change.checked.ok
        assert "disbursed" in change.checked.warnings
        assert "! เบิกจ่ายเกินงบประมาณ ๑๐,๐๐๐.๐๐ บาท (more than the budget)" in screen_text(app)
        assert form.field_message("disbursed") == ("warning", change.checked.warnings["disbursed"])


async def test_no_budget_is_ticked_with_space_and_disables_the_amount() -> None:
    app, form = project_app(sample_plan(), 0)
    async with app.run_test(size=WIDE) as pilot:
        budget = control(form, "budget")
        assert not budget.disabled
        form.focus_field("no_budget")
        await press(pilot, "space")
        assert budget.disabled
        change = last_project_change(app)
        assert change.inp.no_budget and change.inp.budget == "๕๐,๐๐๐.๐๐"
        # Disbursed money on a project that needs no budget is worth a warning.
        assert "disbursed" in change.checked.warnings
        await press(pilot, "enter")
        assert not budget.disabled and not form.read().no_budget
        await press(pilot, "tab")
        assert app.focused is budget


# --- status and reason ----------------------------------------------------------------------------


async def test_the_reason_is_open_only_when_the_project_could_not_be_done() -> None:
    app, form = project_app(sample_plan(), 0)  # completed
    async with app.run_test(size=WIDE) as pilot:
        reason, reason_text = control(form, "reason"), control(form, "reason_text")
        assert reason.disabled and reason_text.disabled
        form.focus_field("status")
        await press(pilot, "enter", "down", "down", "enter")  # completed → in progress → could not
        assert form.read().status is Status.NOT_DONE
        assert not reason.disabled and not reason_text.disabled
        change = last_project_change(app)
        assert change.checked.ok and "reason" in change.checked.warnings
        assert form.field_message("reason") == (
            "warning", "ระบุเหตุผลที่ไม่สามารถดำเนินการได้ (the national system asks for a reason)"
        )

        await press(pilot, "tab", "tab", "tab")  # result text, disbursed, reason
        assert app.focused is reason
        await pilot.wait_for_scheduled_animations()
        assert "! ระบุเหตุผลที่ไม่สามารถดำเนินการได้" in screen_text(app)  # in view with its field
        await press(pilot, "enter", "up", "enter")  # from the blank choice up to the last: อื่นๆ
        assert form.read().reason is ReasonKind.OTHER
        change = last_project_change(app)
        assert not change.checked.ok and "reason_text" in change.checked.errors
        await press(pilot, "tab")
        await pilot.wait_for_scheduled_animations()
        assert "✗ อธิบายเหตุผลอื่นๆ (say what the other reason is)" in screen_text(app)

        await type_text(pilot, "ไม่มีผู้สมัคร")
        change = last_project_change(app)
        assert change.checked.ok and change.inp.reason_text == "ไม่มีผู้สมัคร"
        assert "อธิบายเหตุผลอื่นๆ" not in screen_text(app)

        form.focus_field("status")
        await press(pilot, "enter", "up", "up", "enter")  # back to completed
        assert reason.disabled and reason_text.disabled
        assert form.read().status is Status.COMPLETED


async def test_focus_field_goes_to_what_can_take_it() -> None:
    app, form = project_app(sample_plan(), 0)  # completed: the reason is closed
    async with app.run_test(size=NARROW) as pilot:
        form.focus_field("reason_text")
        await pilot.pause()
        assert app.focused is control(form, "status")
        form.focus_field("name")
        await pilot.pause()
        assert app.focused is control(form, "name")
        form.focus_field()
        await pilot.pause()
        assert app.focused is control(form, "name")
        with pytest.raises(ValueError):
            form.focus_field("no_such_field")


# --- the unit -------------------------------------------------------------------------------------


async def test_the_unit_offers_the_units_of_the_plan() -> None:
    app, form = project_app(sample_plan(), 0)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("unit")
        await press(pilot, "backspace", "ก", "อ")  # the text was selected on focus; then the first letters
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "กองคลัง" in screen_text(app)  # the rest offered after the cursor
        await press(pilot, "right")
        unit = control(form, "unit")
        assert isinstance(unit, Input) and unit.value == "กองคลัง"
        assert last_project_change(app).inp.unit == "กองคลัง"


def test_a_unit_with_control_characters_is_not_offered() -> None:
    plan = hostile_plan()
    plan.projects[1].unit = "กองช่าง\nชั้น ๒"
    assert offered_units(plan) == ["กองคลัง", "สำนักงานปลัด", "หน่วยตรวจสอบภายใน"]
    assert "\x1b]0;title\x07กองคลัง" in units_used(plan)


# --- other fields ---------------------------------------------------------------------------------


async def test_selects_and_text_areas_report_their_edits() -> None:
    plan = sample_plan()
    app, form = project_app(plan, 0)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("dimension")
        await press(pilot, "enter", "down", "enter")
        assert last_project_change(app).inp.dimension == 2
        form.focus_field("kind")
        await press(pilot, "space", "down", "enter")  # space opens a choice as enter does
        assert last_project_change(app).inp.kind is ProjectKind.MEASURE
        form.focus_field("remarks")
        await press(pilot, "end", "enter")
        await type_text(pilot, "บรรทัดใหม่")
        assert last_project_change(app).inp.remarks == "ร่วมกับอำเภอสามพราน\nบรรทัดใหม่"
        form.focus_field("name")
        await press(pilot, "backspace")  # the text was selected on focus
        change = last_project_change(app)
        assert change.checked.errors["name"] == "กรอกชื่อโครงการ (a name is required)"
    assert plan.projects[0].remarks == "ร่วมกับอำเภอสามพราน"  # the form never changes the plan


async def test_changing_back_is_reported_too() -> None:
    app, form = project_app(sample_plan(), 0)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("period")
        await press(pilot, "end", "x")
        await press(pilot, "backspace")
        assert len(app.changes) == 2
        assert last_project_change(app).inp == ProjectInput.from_project(
            sample_plan().projects[0], Round.TWELVE, DigitStyle.THAI
        )


# --- keyboard and layout --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x45"])
async def test_tab_walks_every_field_and_keeps_it_and_its_label_in_view(size: tuple[int, int]) -> None:
    app, form = project_app(sample_plan(), 3)  # could not be done: every field open
    async with app.run_test(size=size) as pilot:
        seen: list[str] = []
        for _ in range(19):
            await pilot.wait_for_scheduled_animations()
            focused = app.focused
            assert focused is not None and focused.id is not None
            seen.append(focused.id.removeprefix("field-"))
            row = next(a for a in focused.ancestors if a.id and a.id.startswith("row-"))
            shown = form.region
            assert shown.contains_region(focused.region), focused.id
            assert shown.contains_region(row.children[0].region), f"the label of {focused.id}"
            if len(seen) < 19:
                await press(pilot, "tab")
        assert seen == [
            "name", "kind", "dimension", "method", "indicator", "no_budget", "budget", "appropriated",
            "included", "period", "unit", "remarks", "status", "result_text", "disbursed", "reason",
            "reason_text", "remark", "name",
        ]  # fmt: skip
        await press(pilot, "shift+tab")
        assert app.focused is control(form, "remark")
        assert all(cell_len(line) == size[0] for line in screen_lines(app))


async def test_labels_stand_beside_fields_when_wide_and_above_when_narrow() -> None:
    app, _form = project_app(sample_plan(), 0)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        row = line_of(app, "ระยะเวลาดำเนินการ")
        assert "ต.ค. ๖๖ - ก.ย. ๖๗" in screen_lines(app)[row]
    app, _form = project_app(sample_plan(), 0)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert "ชื่อ" in screen_lines(app)[2] and "โครงการส่งเสริม" not in screen_lines(app)[2]
        assert "โครงการส่งเสริม" in screen_lines(app)[4]


# --- the plan form --------------------------------------------------------------------------------


async def test_a_fiscal_year_that_is_not_a_year_is_an_error() -> None:
    app, form = plan_app(sample_plan())
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("fiscal_year")
        await press(pilot, "a", "b", "c")
        change = app.changes[-1]
        assert isinstance(change, PlanForm.Changed) and change.control is form
        assert change.inp.fiscal_year == "abc" and not change.checked.ok
        assert "✗ ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น ๒๕๖๗" in screen_text(app)
        await press(pilot, "backspace", "backspace", "backspace", *"2568")
        change = app.changes[-1]
        assert change.checked.ok and change.inp.fiscal_year == "2568"
        assert "ปีงบประมาณต้องเป็นตัวเลข" not in screen_text(app)


async def test_plan_choices_and_narrative_are_read() -> None:
    plan = sample_plan()
    app, form = plan_app(plan)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("round")
        await press(pilot, "enter", "up", "enter")
        form.focus_field("digit_style")
        await press(pilot, "enter", "down", "enter")
        form.focus_field("narrative.problems")
        await type_text(pilot, "ขาดบุคลากร")
        inp = form.read()
        assert inp.round is Round.SIX and inp.digit_style is DigitStyle.ARABIC
        assert inp.narrative["problems"] == "ขาดบุคลากร"
        assert inp.narrative["foreword"] == ""
        change = app.changes[-1]
        assert isinstance(change, PlanForm.Changed) and change.inp == inp and change.checked.ok


async def test_level_bands_that_do_not_read_are_an_error() -> None:
    app, form = plan_app(sample_plan())
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("level_bands")
        await press(pilot, "f7", "backspace")  # select all, delete
        await type_text(pilot, "มาก")
        assert "level_bands" in app.changes[-1].checked.errors
        assert form.field_message("level_bands") is not None
        assert "บรรทัด ๑" not in screen_text(app)  # the message says line 1 in Arabic digits
        assert "✗ บรรทัด 1:" in screen_text(app)


async def test_the_plan_form_fits_80_columns() -> None:
    app, form = plan_app(default_plan())
    async with app.run_test(size=NARROW) as pilot:
        form.focus_field("narrative.suggestions")
        await settle(pilot)
        text = screen_text(app)
        assert "ข้อเสนอแนะ" in text
        assert all(cell_len(line) == 80 for line in screen_lines(app))
        suggestions = control(form, "narrative.suggestions")
        assert app.focused is suggestions and 0 < suggestions.region.right <= 80  # on screen, not cut
        form.focus_field("round")
        await settle(pilot)
        assert all(cell_len(line) == 80 for line in screen_lines(app))
        # the round's choice is on screen, its ▼ within the 80 columns
        assert any("รอบ ๑๒ เดือน" in line and "▼" in line for line in screen_lines(app))
