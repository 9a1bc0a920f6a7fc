"""Issue 18 in the app: the amount of the ordinance, the "included" choice, the round's remark, the
"entered in e-PlanNACC" mark, and a 6-month completion carried to 12 months that asks before it is
undone; driven by keys at 160×45 and 80×24, checked on the database reopened from disk."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from tests.ui.conftest import notes, press, screen_lines, screen_text, type_text
from tests.ui.sample import HOSTILE_NAME, HOSTILE_SHOWN
from tests.ui.test_editor import WIDE, app_on, choose, clear_field, reopen, to_field, to_project, until
from tracker.domain.model import Plan, Round, RoundResult, Status
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui.display import ENTERED_MARK
from tracker.ui.forms import ProjectForm, control_id
from tracker.ui.screens import ConfirmScreen
from tracker.ui.widgets import PlanTree

SMALL = (80, 24)


def _store(path: Path, plan: Plan) -> Path:
    Store.open(path, initial_plans=[plan]).close()
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return _store(tmp_path / "tracker.json", default_plan())


@pytest.fixture
def carried_db(tmp_path: Path) -> Path:
    """The default plan with project 15 completed at 6 months and no 12-month result of its own."""
    plan = default_plan()
    project = plan.project(15)
    assert project is not None
    project.results[Round.SIX] = RoundResult(Status.COMPLETED, "จัดเวทีประชาคมครบทุกหมู่บ้าน", Decimal("20000"))
    del project.results[Round.TWELVE]
    assert project.carried_over(Round.TWELVE)
    return _store(tmp_path / "tracker.json", plan)


def _form(app) -> ProjectForm:  # type: ignore[no-untyped-def]
    form = app.main.pane
    assert isinstance(form, ProjectForm)
    return form


def _tree_line(app, number: str) -> str:  # type: ignore[no-untyped-def]
    """The tree's line of the project whose order number reads ``number`` (Thai digits)."""
    tree = app.query_one(PlanTree)
    for branch in tree.root.children:
        for leaf in branch.children:
            label = str(leaf.label)
            if label[2:].lstrip().startswith(f"{number} "):
                return label
    raise AssertionError(f"no project {number} in the tree")


# --- the form: the amount of the ordinance, included or not, the round's remark ---------------------


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["160x45", "80x24"])
async def test_the_ordinance_amount_typed_in_thai_digits_is_saved_and_rewritten(
    db: Path, size: tuple[int, int]
) -> None:
    app = app_on(db)
    async with app.run_test(size=size) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "appropriated")
        field = app.focused
        assert isinstance(field, Input) and field.value == ""  # unknown: blank, not ๐.๐๐
        await type_text(pilot, "๒๘๕๐๐")
        await press(pilot, "tab")  # leaving it rewrites the amount the plan's way
        await until(pilot, lambda: field.value == "๒๘,๕๐๐.๐๐", "the amount rewritten")
        assert app.focused is not None and app.focused.id == control_id("included")
        await press(pilot, "escape")
        text = screen_text(app)
        assert "๒๘,๕๐๐.๐๐ บาท" in text  # the detail pane
        await press(pilot, "q")
    project = reopen(db).project(15)
    assert project is not None and project.appropriated == Decimal("28500.00")
    assert project.budget == Decimal("30000.00")  # the plan's budget stays as it was
    app.session.store.close()


async def test_an_ordinance_amount_that_does_not_read_is_an_error_in_thai(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=SMALL) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "appropriated")
        await type_text(pilot, "สามหมื่น")
        await pilot.pause(0.2)
        message = _form(app).field_message("appropriated")
        assert message is not None and message[0] == "error"
        assert "อ่านเป็นจำนวนเงินไม่ได้" in message[1]
        assert "อ่านเป็นจำนวนเงินไม่ได้" in screen_text(app)  # under the field, in view at 80×24
        await press(pilot, "end", *["backspace"] * 8)  # cleared: unknown again, nothing wrong
        await pilot.pause(0.2)
        assert _form(app).field_message("appropriated") is None
        await press(pilot, "escape", "q")
    project = reopen(db).project(15)
    assert project is not None and project.appropriated is None
    app.session.store.close()


async def test_included_is_a_choice_of_three(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "included")
        select = app.focused
        assert isinstance(select, Select) and select.value is Select.NULL  # ไม่ระบุ
        await choose(pilot, "ไม่บรรจุ", app)
        await press(pilot, "escape")
        assert "บรรจุในข้อบัญญัติ/แผน ไม่บรรจุ" in screen_text(app)
    project = reopen(db).project(15)
    assert project is not None and project.included is False
    app.session.store.close()

    again = app_on(db)
    async with again.run_test(size=WIDE) as pilot:
        await to_project(pilot, again, 15)
        await to_field(pilot, again, "included")
        assert isinstance(again.focused, Select) and again.focused.value is False  # read back as stored
        await choose(pilot, "บรรจุ", again)
        await press(pilot, "escape", "q")
    project = reopen(db).project(15)
    assert project is not None and project.included is True
    again.session.store.close()


async def test_the_remark_belongs_to_the_round(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "remark")
        await type_text(pilot, "รอเอกสารจากกองคลัง")
        await press(pilot, "escape", "r")  # to the 6-month round
        await to_field(pilot, app, "remark")
        assert _form(app).read().remark == ""  # the 6-month round has its own, empty
        await type_text(pilot, "ส่งรายงานแล้ว")
        await press(pilot, "escape")
        assert "ส่งรายงานแล้ว" in screen_text(app)
        assert "รอเอกสารจากกองคลัง" not in screen_text(app)
        await press(pilot, "q")
    project = reopen(db).project(15)
    assert project is not None
    assert project.result(Round.TWELVE).remark == "รอเอกสารจากกองคลัง"
    assert project.result(Round.SIX).remark == "ส่งรายงานแล้ว"
    assert project.remarks == ""  # the project's own remark is another field
    app.session.store.close()


async def test_a_hostile_remark_is_shown_as_typed_and_saved_as_typed(tmp_path: Path) -> None:
    plan = default_plan()
    project = plan.project(1)
    assert project is not None
    project.results[Round.TWELVE].remark = HOSTILE_NAME
    db = _store(tmp_path / "tracker.json", plan)
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 1)
        lines = screen_lines(app)
        # A remark is text of many lines: its line break is kept, the rest shown as typed, escape visible.
        first, second = HOSTILE_SHOWN.split("⏎")
        assert any("หมายเหตุของรอบ" in line and first in line for line in lines)
        assert any(line.rstrip().endswith(second) for line in lines)
        assert not any("\x1b" in line for line in lines)
        await to_field(pilot, app, "remark")
        assert _form(app).read().remark == HOSTILE_NAME  # untouched: read back exactly
        await type_text(pilot, "[red]ไม่ใช่มาร์กอัป[/red] ")
        await press(pilot, "escape")
        assert "[red]ไม่ใช่มาร์กอัป[/red]" in screen_text(app)
        await press(pilot, "q")
    stored = reopen(db).project(1)
    assert stored is not None and "[red]ไม่ใช่มาร์กอัป[/red] โครงการ [bold red]x[/]" in stored.result(Round.TWELVE).remark
    app.session.store.close()


async def test_saving_the_form_keeps_the_entered_mark(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await press(pilot, "m")
        await to_field(pilot, app, "result_text")
        await clear_field(pilot, app)
        await type_text(pilot, "จัดเวทีแล้ว")
        await press(pilot, "escape", "q")
    result = reopen(db).project(15).result(Round.TWELVE)  # type: ignore[union-attr]
    assert result.result_text == "จัดเวทีแล้ว" and result.entered
    app.session.store.close()


# --- the entered mark: m --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["160x45", "80x24"])
async def test_m_marks_the_project_entered_in_the_round(db: Path, size: tuple[int, int]) -> None:
    app = app_on(db)
    async with app.run_test(size=size) as pilot:
        await to_project(pilot, app, 3)
        assert not _tree_line(app, "๓").endswith(ENTERED_MARK)
        assert "e-PlanNACC" not in screen_lines(app)[0]  # nothing entered yet: the header says nothing
        await press(pilot, "m")
        assert _tree_line(app, "๓").endswith(f" {ENTERED_MARK}")
        header = screen_lines(app)[0]
        assert ("บันทึกใน e-PlanNACC แล้ว ๑/๒๐" if size == WIDE else f"{ENTERED_MARK} ๑/๒๐") in header
        assert "☑ บันทึกแล้ว" in screen_text(app)  # the detail pane's row
        assert any("บันทึกใน e-PlanNACC แล้ว (๑/๒๐)" in note for note in notes(app))
        # Project 3 still has findings (its ordinance amount is not given): said as it is marked.
        assert any("โครงการนี้ยังมีข้อผิดพลาด" in note for note in notes(app))
        if size == SMALL:  # the organization still heads the line, shortened
            assert header.lstrip().startswith("อบต.บางเตย")
    plan = reopen(db)
    assert plan.project(3).result(Round.TWELVE).entered  # type: ignore[union-attr]
    assert not plan.project(3).result(Round.SIX).entered  # type: ignore[union-attr]  # per round
    app.session.store.close()

    again = app_on(db)
    async with again.run_test(size=size) as pilot:
        assert _tree_line(again, "๓").endswith(ENTERED_MARK)  # read back from the file
        await to_project(pilot, again, 3)
        await press(pilot, "r")  # the 6-month round: not entered there
        assert not _tree_line(again, "๓").endswith(ENTERED_MARK)
        await press(pilot, "r", "m")  # back to 12 months, and the mark taken off
        assert not _tree_line(again, "๓").endswith(ENTERED_MARK)
        assert "e-PlanNACC" not in screen_lines(again)[0]
        assert any("ยกเลิกเครื่องหมาย" in note for note in notes(again))
    assert not reopen(db).project(3).result(Round.TWELVE).entered  # type: ignore[union-attr]
    again.session.store.close()


async def test_m_on_a_long_name_at_80_columns_keeps_the_mark_in_view(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=SMALL) as pilot:
        await to_project(pilot, app, 1)
        await press(pilot, "m")
        row = next(line for line in screen_lines(app) if " ๑ โครงการ" in line)
        assert f"… {ENTERED_MARK}" in row  # the name is cut, the mark kept
    app.session.store.close()


async def test_m_on_a_dimension_says_to_select_a_project(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        app.query_one(PlanTree).focus()
        await press(pilot, "down", "m")
        assert any("เลือกโครงการที่จะทำเครื่องหมายก่อน" in note for note in notes(app))
    app.session.store.close()


async def test_the_plan_pane_counts_the_entered_projects(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 2)
        await press(pilot, "m")
        app.query_one(PlanTree).cursor_to(app.query_one(PlanTree).root)
        await until(pilot, lambda: "บันทึกแล้ว ๑ จาก ๒๐ โครงการ" in screen_text(app), "the plan's count")
    app.session.store.close()


# --- a 6-month completion carried to 12 months ----------------------------------------------------


async def test_a_carried_result_says_so_in_the_pane_and_the_form(carried_db: Path) -> None:
    app = app_on(carried_db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        text = screen_text(app)
        assert "✓ ดำเนินการแล้วเสร็จ" in text and "(ต่อจากรอบ ๖ เดือน)" in text
        assert "จัดเวทีประชาคมครบทุกหมู่บ้าน" in text  # the 6-month result, carried
        await to_field(pilot, app, "status")
        assert "ต่อจากรอบ ๖ เดือน: ดำเนินการแล้วเสร็จตั้งแต่รอบนั้น" in screen_text(app)
    app.session.store.close()


async def test_undoing_a_carried_completion_asks_and_no_keeps_everything(carried_db: Path) -> None:
    app = app_on(carried_db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "remark")
        await type_text(pilot, "ตรวจแล้ว")  # typed before: kept whatever the answer
        _form(app).focus_field("status")
        await until(pilot, lambda: app.focused is not None and app.focused.id == control_id("status"), "status")
        await choose(pilot, "อยู่ระหว่างดำเนินการ", app)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        question = screen_text(app)
        assert "ดำเนินการแล้วเสร็จตั้งแต่รอบ ๖ เดือน" in question
        assert "“อยู่ระหว่างดำเนินการ”" in question
        await press(pilot, "n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen), "the question closed")
        form = _form(app)
        assert form.read().status is Status.COMPLETED  # the choice taken back
        assert form.read().remark == "ตรวจแล้ว"  # and nothing else lost
        project = app.session.plan.project(15)  # type: ignore[union-attr]
        assert project is not None and project.result(Round.TWELVE).status is Status.COMPLETED
        assert "ต่อจากรอบ ๖ เดือน" in screen_text(app)
        await press(pilot, "escape", "q")
    result = reopen(carried_db).project(15).result(Round.TWELVE)  # type: ignore[union-attr]
    assert result.status is Status.COMPLETED and result.remark == "ตรวจแล้ว"
    app.session.store.close()


async def test_undoing_a_carried_completion_asks_and_yes_changes_it(carried_db: Path) -> None:
    app = app_on(carried_db)
    async with app.run_test(size=SMALL) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "status")
        await choose(pilot, "ไม่สามารถดำเนินการได้", app)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await press(pilot, "y")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen), "the question closed")
        assert _form(app).read().status is Status.NOT_DONE
        assert not _form(app).query_one("#carried-note").display  # no longer carried
        await pilot.pause(0.1)
        await press(pilot, "escape", "q")
    project = reopen(carried_db).project(15)
    assert project is not None and not project.carried_over(Round.TWELVE)
    assert project.result(Round.TWELVE).status is Status.NOT_DONE
    assert project.result(Round.SIX).status is Status.COMPLETED  # the 6-month round untouched
    app.session.store.close()


async def test_not_reported_cannot_undo_a_carried_completion(carried_db: Path) -> None:
    app = app_on(carried_db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "status")
        await press(pilot, "enter", "down", "down", "down", "enter")  # completed → ... → not reported
        await pilot.pause(0.1)
        assert not isinstance(app.screen, ConfirmScreen)
        assert _form(app).read().status is Status.COMPLETED
        assert any("ไม่ใช่รอการรายงานผล" in note for note in notes(app))
        await press(pilot, "escape", "q")
    project = reopen(carried_db).project(15)
    assert project is not None and project.carried_over(Round.TWELVE)
    app.session.store.close()


async def test_the_six_month_round_never_asks(carried_db: Path) -> None:
    app = app_on(carried_db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await press(pilot, "r")
        await to_field(pilot, app, "status")
        await choose(pilot, "อยู่ระหว่างดำเนินการ", app)
        await pilot.pause(0.1)
        assert not isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape", "q")
    project = reopen(carried_db).project(15)
    assert project is not None and project.result(Round.SIX).status is Status.IN_PROGRESS
    assert not project.carried_over(Round.TWELVE)  # nothing carried any more: 12 months unreported
    app.session.store.close()


async def test_the_help_and_the_footer_name_the_key(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        app.query_one(PlanTree).focus()
        await pilot.pause()
        assert "m ทำเครื่องหมาย e-PlanNACC" in screen_lines(app)[-1]  # the footer, at 160 columns
        await press(pilot, "f1")
        await until(pilot, lambda: "ทำเครื่องหมาย e-PlanNACC" in screen_text(app), "the help")
        row = next(line for line in screen_lines(app) if "ทำเครื่องหมาย e-PlanNACC" in line)
        assert " m " in row and "Mark the project entered in e-PlanNACC" in row
    app.session.store.close()


async def test_ctrl_z_takes_the_mark_back(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 4)
        await press(pilot, "m")
        assert _tree_line(app, "๔").endswith(ENTERED_MARK)
        await press(pilot, "ctrl+z")
        await until(pilot, lambda: not _tree_line(app, "๔").endswith(ENTERED_MARK), "the mark taken back")
        assert any("บันทึกใน e-PlanNACC แล้ว" in note and "เลิกทำแล้ว" in note for note in notes(app))
        assert "e-PlanNACC" not in screen_lines(app)[0]
    assert not reopen(db).project(4).result(Round.TWELVE).entered  # type: ignore[union-attr]
    app.session.store.close()


async def test_the_form_of_an_entered_project_says_it_is_entered(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 15)
        await to_field(pilot, app, "status")
        assert not _form(app).query("#entered-note")
        await press(pilot, "escape", "m")
        await to_field(pilot, app, "status")
        assert _form(app).query("#entered-note")
        assert "บันทึกใน e-PlanNACC แล้ว: หากแก้ไขผลของรอบนี้" in screen_text(app)
    app.session.store.close()


async def test_the_summary_screen_names_the_projects_whose_remaining_is_from_the_ordinance(tmp_path: Path) -> None:
    from tracker.ui.screens import SummaryScreen

    plan = default_plan()
    plan.projects[1].appropriated = Decimal("45000.00")
    app = app_on(_store(tmp_path / "tracker.json", plan))
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "s")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary screen")
        text = "".join(screen_text(app).split())
        assert "คงเหลือคิดจากวงเงินตามข้อบัญญัติของโครงการลำดับที่๒รวม" in text


async def test_m_on_a_project_the_checks_find_nothing_in_gives_no_warning(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 4)
        assert not [f for f in app.session.findings if f.project == 4]
        await press(pilot, "m")
        assert any("บันทึกใน e-PlanNACC แล้ว (๑/๒๐)" in note for note in notes(app))
        assert not any("โครงการนี้ยังมี" in note for note in notes(app))
