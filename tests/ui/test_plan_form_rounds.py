"""The plan form's narrative per round, its signatories and emblem: in the form alone, then in the app
with the database reopened from disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, TextArea

from tests.ui.conftest import press, screen_text, type_text
from tests.ui.test_editor import app_on, db, reopen, until  # noqa: F401 - db is a fixture
from tests.ui.test_forms import plan_app
from tracker.domain.editing import PlanInput
from tracker.domain.model import Round, Signatory, SignRole
from tracker.importer.defaults import default_plan
from tracker.session import SaveState
from tracker.ui.display import NodeKind
from tracker.ui.forms import PlanForm, control_id, signature_field
from tracker.ui.widgets import PlanHeader, PlanTree

WIDE = (160, 45)
NARROW = (80, 24)


def text_of(form: PlanForm, name: str) -> str:
    widget = form.query_one(f"#{control_id(name)}")
    assert isinstance(widget, TextArea | Input)
    return widget.text if isinstance(widget, TextArea) else widget.value


def hint(form: PlanForm) -> str:
    return str(form.query_one("#narrative-round", Static).render())


async def choose_round(pilot, form: PlanForm, round_: Round) -> None:  # type: ignore[no-untyped-def]
    """Choose ``round_`` in the form's round field with the keys (it lists 6 months, then 12)."""
    form.focus_field("round")
    await pilot.pause()
    await press(pilot, "enter", "up" if round_ is Round.SIX else "down", "enter")
    await pilot.pause()


# --- the form alone ---------------------------------------------------------------------------------


async def test_choosing_the_round_fills_the_narrative_with_that_rounds_text() -> None:
    plan = default_plan()
    assert plan.round is Round.TWELVE and Round.SIX not in plan.narratives
    app, form = plan_app(plan)
    async with app.run_test(size=WIDE) as pilot:
        assert "รอบ ๑๒ เดือน" in text_of(form, "narrative.foreword")
        assert hint(form) == "ข้อความของรายงานรอบ ๑๒ เดือน"
        await choose_round(pilot, form, Round.SIX)
        foreword = text_of(form, "narrative.foreword")
        assert "รอบ ๖ เดือน" in foreword and "รอบ ๑๒ เดือน" not in foreword
        assert hint(form) == (
            "ข้อความของรายงานรอบ ๖ เดือน: เริ่มจากข้อความรอบ ๑๒ เดือน ปรับคำว่ารอบและช่วงเวลาให้แล้ว แก้ไขได้"
        )
        change = app.changes[-1]
        assert isinstance(change, PlanForm.Changed) and change.checked.ok
        assert change.inp.round is Round.SIX and change.inp.narrative["foreword"] == foreword
        assert change.inp == PlanInput.from_plan(plan, Round.SIX)  # nothing else moved
        await choose_round(pilot, form, Round.TWELVE)
        assert form.read() == PlanInput.from_plan(plan)  # back as it was, exactly
        assert hint(form) == "ข้อความของรายงานรอบ ๑๒ เดือน"


async def test_typed_text_survives_switching_the_round_back_and_forth() -> None:
    plan = default_plan()
    app, form = plan_app(plan)
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("narrative.problems")
        await press(pilot, "f7", "backspace")
        await type_text(pilot, "ปัญหารอบสิบสอง")
        await choose_round(pilot, form, Round.SIX)
        assert text_of(form, "narrative.problems") != "ปัญหารอบสิบสอง"  # the form never changes the plan
        form.focus_field("narrative.problems")
        await press(pilot, "f7", "backspace")
        await type_text(pilot, "ปัญหารอบหก")
        await choose_round(pilot, form, Round.TWELVE)
        assert text_of(form, "narrative.problems") == "ปัญหารอบสิบสอง"
        assert form.read().narrative["problems"] == "ปัญหารอบสิบสอง"
        assert hint(form) == "ข้อความของรายงานรอบ ๑๒ เดือน"
        await choose_round(pilot, form, Round.SIX)
        assert form.read().narrative["problems"] == "ปัญหารอบหก"
        assert hint(form) == "ข้อความของรายงานรอบ ๖ เดือน"  # its text is the one typed for it now
        # Other fields' untouched text still reads back exactly.
        assert form.read().narrative["foreword"] == PlanInput.from_plan(plan, Round.SIX).narrative["foreword"]


async def test_the_round_stays_while_the_form_has_an_error() -> None:
    app, form = plan_app(default_plan())
    async with app.run_test(size=WIDE) as pilot:
        form.focus_field("narrative.problems")
        await type_text(pilot, "ข้อความใหม่")
        form.focus_field("fiscal_year")
        await press(pilot, "end", "x")
        assert not app.changes[-1].checked.ok
        posted = len(app.changes)
        await choose_round(pilot, form, Round.SIX)
        select = form.query_one(f"#{control_id('round')}", Select)
        assert select.value is Round.TWELVE and form.narrative_round is Round.TWELVE
        assert "ข้อความใหม่" in form.read().narrative["problems"]
        assert len(app.changes) == posted  # no input of the other round was reported
        message = form.field_message("round")
        assert message is not None and message[0] == "warning" and "ก่อนเปลี่ยนรอบ" in message[1]
        assert "ก่อนเปลี่ยนรอบ" in screen_text(app)
        form.focus_field("fiscal_year")
        await press(pilot, "end", "backspace")
        assert app.changes[-1].checked.ok
        await choose_round(pilot, form, Round.SIX)
        assert form.narrative_round is Round.SIX and app.changes[-1].inp.round is Round.SIX


async def test_signatories_and_emblem_are_read(tmp_path: Path) -> None:
    plan = default_plan()
    plan.signatures = {SignRole.REVIEWER: Signatory("นายสมชาย ใจดี", "")}
    app, form = plan_app(plan)
    assert form.read() == PlanInput.from_plan(plan)
    async with app.run_test(size=NARROW) as pilot:
        assert form.read() == PlanInput.from_plan(plan)  # untouched: exactly as stored
        assert text_of(form, signature_field(SignRole.REVIEWER, "name")) == "นายสมชาย ใจดี"
        form.focus_field(signature_field(SignRole.REPORTER, "name"))
        await type_text(pilot, "นางสาวสมใจ รักงาน")
        form.focus_field(signature_field(SignRole.REPORTER, "position"))
        await type_text(pilot, "นิติกร")
        inp = form.read()
        assert inp.signatures == {
            SignRole.REPORTER: Signatory("นางสาวสมใจ รักงาน", "นิติกร"),
            SignRole.REVIEWER: Signatory("นายสมชาย ใจดี", ""),
        }
        assert "ผู้รายงาน: ตำแหน่ง" in screen_text(app)

        missing = tmp_path / "ไม่มี" / "ตรา.png"
        form.focus_field("emblem")
        await type_text(pilot, str(missing))
        change = app.changes[-1]
        assert change.inp.emblem == str(missing) and change.checked.ok  # a warning, not an error
        message = form.field_message("emblem")
        assert message is not None and message[0] == "warning" and "file not found now" in message[1]
        await pilot.pause()  # the message is drawn on the next refresh
        assert "! ไม่พบไฟล์นี้ในขณะนี้" in screen_text(app)

        image = tmp_path / "ตรา.png"
        image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
        form.query_one(f"#{control_id('emblem')}", Input).value = str(image)
        await pilot.pause()
        assert form.field_message("emblem") is None
        image.write_text("not an image")
        form.query_one(f"#{control_id('emblem')}", Input).value = str(image) + " "
        await pilot.pause()
        message = form.field_message("emblem")
        assert message is not None and "PNG หรือ JPEG" in message[1]


async def test_the_hints_use_the_plans_digits() -> None:
    from tracker.domain.thai import DigitStyle

    plan = default_plan()
    plan.settings.digit_style = DigitStyle.ARABIC
    app, form = plan_app(plan)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "ข้อความส่วนที่ 1 ด้านล่างเป็นของรอบที่เลือกนี้" in text and "ข้อความส่วนที่ ๑" not in text
        assert "เช่น 70 มาก" in text and "เช่น ๗๐ มาก" not in text
        form.focus_field("narrative.foreword")  # down to part 1, under its hint
        await until(pilot, lambda: "ข้อความของรายงานรอบ" in screen_text(app), "the narrative's hint")
        assert "ข้อความของรายงานรอบ 12 เดือน" in screen_text(app)
        assert "ข้อความของรายงานรอบ ๑๒ เดือน" not in screen_text(app)


# --- in the app, saved and reopened -----------------------------------------------------------------


async def open_plan_form(pilot, app) -> PlanForm:  # type: ignore[no-untyped-def]
    tree = app.query_one(PlanTree)
    tree.focus()
    await press(pilot, "home")
    node = tree.cursor_node
    assert node is not None and node.data is not None and node.data.kind is NodeKind.PLAN
    await press(pilot, "enter")
    await pilot.pause()
    form = app.main.pane
    assert isinstance(form, PlanForm)
    return form


async def saved(pilot, app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause(0.01)
        if app.session.save_state is SaveState.SAVED:
            return
    raise AssertionError("the edit was not saved")


async def test_the_six_month_text_is_saved_and_the_twelve_month_text_kept(db: Path) -> None:  # noqa: F811
    before = reopen(db).narratives[Round.TWELVE]
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        form = await open_plan_form(pilot, app)
        assert app.session.round is Round.TWELVE
        await choose_round(pilot, form, Round.SIX)
        assert "รอบ ๖ เดือน" in text_of(form, "narrative.foreword")
        # The app now shows the round the office reports (the header, the tree's marks, the export dialog).
        assert app.session.round is Round.SIX
        assert "รอบ ๖ เดือน" in "".join(t.plain for t in app.query_one("#header", PlanHeader)._parts)
        form.focus_field("narrative.problems")
        await press(pilot, "f7", "backspace")
        await type_text(pilot, "ปัญหาครึ่งปีแรก")
        await saved(pilot, app)
        await press(pilot, "escape", "q")
    plan = reopen(db)
    assert plan.round is Round.SIX
    six = plan.narratives[Round.SIX]
    assert "รอบ ๖ เดือน" in six["foreword"] and "รอบ ๑๒ เดือน" not in six["foreword"]
    assert six["problems"] == "ปัญหาครึ่งปีแรก"
    assert plan.narratives[Round.TWELVE] == before


async def test_text_typed_for_each_round_is_saved_to_its_round(db: Path) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        form = await open_plan_form(pilot, app)
        form.focus_field("narrative.suggestions")
        await press(pilot, "f7", "backspace")
        await type_text(pilot, "ข้อเสนอรอบสิบสอง")
        await choose_round(pilot, form, Round.SIX)
        form.focus_field("narrative.suggestions")
        await press(pilot, "f7", "backspace")
        await type_text(pilot, "ข้อเสนอรอบหก")
        await choose_round(pilot, form, Round.TWELVE)
        assert text_of(form, "narrative.suggestions") == "ข้อเสนอรอบสิบสอง"
        await saved(pilot, app)
        await press(pilot, "escape", "q")
    plan = reopen(db)
    assert plan.round is Round.TWELVE
    assert plan.narratives[Round.TWELVE]["suggestions"] == "ข้อเสนอรอบสิบสอง"
    assert plan.narratives[Round.SIX]["suggestions"] == "ข้อเสนอรอบหก"


async def test_signatures_typed_in_the_form_are_saved(db: Path, tmp_path: Path) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=NARROW) as pilot:
        form = await open_plan_form(pilot, app)
        for role, name, position in (
            (SignRole.REPORTER, "นางสาวสมใจ รักงาน", "นิติกรชำนาญการ"),
            (SignRole.APPROVER, "นายสมศักดิ์ มั่นคง", ""),
        ):
            form.focus_field(signature_field(role, "name"))
            await type_text(pilot, name)
            if position:
                form.focus_field(signature_field(role, "position"))
                await type_text(pilot, position)
        form.focus_field("emblem")
        await type_text(pilot, str(tmp_path / "ตรา.png"))
        await saved(pilot, app)
        await press(pilot, "escape", "q")
    plan = reopen(db)
    assert plan.signatures == {
        SignRole.REPORTER: Signatory("นางสาวสมใจ รักงาน", "นิติกรชำนาญการ"),
        SignRole.APPROVER: Signatory("นายสมศักดิ์ มั่นคง", ""),
    }
    assert plan.settings.emblem == str(tmp_path / "ตรา.png")


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x45"])
async def test_tab_reaches_the_signatories_and_the_emblem(size: tuple[int, int]) -> None:
    app, form = plan_app(default_plan())
    async with app.run_test(size=size) as pilot:
        form.focus_field()
        seen: list[str] = []
        for _ in range(16):
            await press(pilot, "tab")
            await pilot.wait_for_scheduled_animations()
            focused = app.focused
            assert focused is not None and focused.id is not None
            seen.append(focused.id)
            assert form.region.contains_region(focused.region), focused.id
        names = [control_id(signature_field(r, p)) for r in SignRole for p in ("name", "position")]
        assert seen[7:14] == [*names, control_id("emblem")]


async def test_hostile_signatories_and_emblem_read_back_exactly_and_show_safely() -> None:
    from tests.ui.conftest import screen_lines
    from tests.ui.test_forms import HOSTILE, hostile_plan

    plan = hostile_plan()
    plan.signatures = {
        SignRole.REPORTER: Signatory(HOSTILE, "a\nb \x1b[31m"),
        SignRole.APPROVER: Signatory("", "[bold]x[/bold]"),
    }
    plan.settings.emblem = "/tmp/\x1b[2J\nตรา.png"
    app, form = plan_app(plan)
    async with app.run_test(size=NARROW) as pilot:
        form.focus_field(signature_field(SignRole.REPORTER, "position"))
        await pilot.pause()
        assert form.read() == PlanInput.from_plan(plan)
        assert app.changes == []
        assert not any("\x1b" in line for line in screen_lines(app))
        assert text_of(form, signature_field(SignRole.REPORTER, "position")) == "a⏎b ␛[31m"
        form.focus_field(signature_field(SignRole.APPROVER, "position"))
        await pilot.pause()
        assert "[bold]x[/bold]" in screen_text(app)  # markup shown as typed
        message = form.field_message("emblem")
        assert message is not None and message[0] == "warning"
