"""The history of the whole plan names the project of every change: under each save's heading, a line
"โครงการ ๑๕ ชื่อ…" once per project (the plan's own fields under "ข้อมูลแผน"), the name shortened where a
word ends and shown as typed. A project's own history has no such line (its title names the project)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from tests.hostile_corpus import HOSTILE_TEXT, assert_terminal_safe
from tests.ui.conftest import press, screen_lines, screen_text
from tests.ui.history_sample import START, _pinned, history_store
from tests.ui.test_editor import app_on, to_project
from tests.ui.test_small_terminal import open_history
from tracker.domain.editing import delete_project, renumber
from tracker.domain.history import Change
from tracker.domain.linebreak import break_points
from tracker.domain.model import Round, RoundResult, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui.history_screen import PLAN_GROUP, HistoryView

SIZE = (80, 24)
WIDE = (160, 45)
HOSTILE_NAME = "[bold red]โครงการ[/bold red]\n\x1b[31mแดง\x1b[0m \x1b]0;pwned\x07"
"""Markup, a line break, colour and title escape sequences: to be shown as typed, on one line."""


@pytest.fixture
def one_project_db(tmp_path: Path) -> Path:
    """The default plan with project 15 edited over many saves: every change of the plan is project 15's."""
    path = tmp_path / "history.json"
    history_store(path).close()
    return path


def mixed_store(path: Path) -> Store:
    """Saves that touch several projects at once, the plan's own fields, a deletion and a hostile name."""
    with _pinned(START):
        Store.open(path, initial_plans=[default_plan()]).close()
        store = Store.open(path)
        plan = store.load_plan(store.list_plans()[0].plan_id)
        by_number = {p.number: p for p in plan.projects}
        # One save: the plan's district, project 3's status and project 5's remarks.
        plan.district = "อำเภอสามพราน (แก้ไข)"
        by_number[3].results[Round.TWELVE] = RoundResult(Status.IN_PROGRESS, "", None, None)
        by_number[5].remarks = "เลื่อนไปไตรมาสหน้า"
        store.save_plan(plan)
        # One save: project 7 renamed to hostile text, and its remarks.
        by_number[7].name = HOSTILE_NAME
        by_number[7].remarks = "ตรวจแล้ว"
        store.save_plan(plan)
        # One save: project 2 deleted (the ones after it move up a number).
        delete_project(plan, plan.projects.index(by_number[2]))
        renumber(plan)
        store.save_plan(plan)
        # One save: project 15's budget alone.
        by_number[15].budget = Decimal("12000")
        store.save_plan(plan)
        return store


@pytest.fixture
def mixed_db(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.json"
    mixed_store(path).close()
    return path


def rendered(changes: list[Change], width: int, whole_plan: bool | None) -> list[str]:
    """The view as plain text lines ``width`` cells wide."""
    console = Console(file=io.StringIO(), width=width, color_system=None, record=True, legacy_windows=False)
    console.print(HistoryView(changes, DigitStyle.THAI, whole_plan))
    return [line.rstrip() for line in console.export_text(styles=False).split("\n") if line.strip()]


def saves_and_projects(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Each save heading (a line at the margin) with the project lines under it (indented two cells)."""
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line.startswith(" "):
            out.append((line, []))
        elif line.startswith("  ") and not line.startswith("   ") and out:
            out[-1][1].append(line.strip())
    return out


async def test_the_plan_history_names_the_project_even_when_only_one_was_changed(
    one_project_db: Path,
) -> None:
    app = app_on(one_project_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scroll = await open_history(pilot, app)
        lines = screen_lines(app)
        assert lines[0].startswith(" ประวัติการแก้ไขแผน")
        headings = [i for i, line in enumerate(lines) if line.startswith(" ๑")]
        assert len(headings) >= 3
        for i in headings[:-1]:  # each save's next line names the project, in Thai digits
            assert lines[i + 1].strip() == "โครงการ ๑๕ โครงการจัดเวทีประชาคม", lines[i + 1]
        # The field lines sit under the project's line, not at its margin.
        assert any(line.startswith("     ผลรอบ ๑๒ เดือน: ผลการดำเนินงาน") for line in lines)

        await press(pilot, "home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        top = screen_lines(app)
        assert top[2].strip() == "โครงการ ๑๕ โครงการจัดเวทีประชาคม", top[:4]
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "q")


async def test_a_project_history_stays_without_the_project_line(one_project_db: Path) -> None:
    app = app_on(one_project_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_project(pilot, app, 15)
        await open_history(pilot, app)
        lines = screen_lines(app)
        assert lines[0].startswith(" ประวัติการแก้ไข โครงการ ๑๕ โครงการจัดเวทีประชาคม")
        body = "\n".join(lines[1:])
        assert "โครงการ ๑๕" not in body
        assert any(line.startswith("   ผลรอบ ๑๒ เดือน: ผลการดำเนินงาน") for line in lines)  # as before
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "q")


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "160x45"])
async def test_one_save_of_several_projects_names_each_once(mixed_db: Path, size: tuple[int, int]) -> None:
    app = app_on(mixed_db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await open_history(pilot, app)
        await press(pilot, "home")
        await pilot.pause()
        text = screen_text(app)
        lines = screen_lines(app)
        assert_terminal_safe(text, "in the plan's history")
        heading = next(i for i, line in enumerate(lines) if line.startswith(" ๑๕ มี.ค. ๒๕๖๗ ๐๙:๐๐ · "))
        following = [line for line in lines[heading + 1 :] if not line.startswith("     ")]
        # One heading for the save, then each project (and the plan's own fields) once, in order.
        assert [line.strip()[:30] for line in following[:4]] == [
            PLAN_GROUP,
            "โครงการ ๓ โครงการพัฒนาความรู้ด้านกฎหมาย"[:30],
            "โครงการ ๕ โครงการฝึกอบรมการส่งเสริม"[:30],
            "๑๕ มี.ค. ๒๕๖๗ ๑๑:๐๐ · somchai",
        ]
        assert all(line.startswith("   ") for line in following[:3])
        section = "\n".join(lines[heading:])
        assert section.index(PLAN_GROUP) < section.index("อำเภอ") < section.index("โครงการ ๓ ")
        assert (
            section.index("โครงการ ๓ ") < section.index("ผลรอบ ๑๒ เดือน: สถานะ") < section.index("โครงการ ๕ ")
        )
        assert section.index("โครงการ ๕ ") < section.index("เลื่อนไปไตรมาสหน้า")
        # The hostile name, as typed and on one line, once for both of its changes.
        shown = [line for line in lines if "โครงการ ๗ " in line]
        assert len(shown) == 1
        assert "[bold red]โครงการ[/bold red]" in shown[0] and "␛[31mแดง" in shown[0], shown
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "q")


def test_each_change_of_the_plan_history_is_under_its_project(tmp_path: Path) -> None:
    store = mixed_store(tmp_path / "mixed.json")
    changes = store.history(store.list_plans()[0].plan_id)
    store.close()
    saves = saves_and_projects(rendered(changes, 78, whole_plan=True))
    assert len(saves) == 4
    groups = [projects for _, projects in saves]
    assert [g.split(" ", 2)[:2] for g in groups[0]] == [[PLAN_GROUP], ["โครงการ", "๓"], ["โครงการ", "๕"]]
    # Two changes of project 7, one line naming it; its name as typed, on that one line.
    assert groups[1] == ["โครงการ ๗ [bold red]โครงการ[/bold red]⏎␛[31mแดง␛[0m ␛]0;pwned␇"]
    assert groups[2] == ["โครงการ ๒ โครงการเสริมสร้างค่านิยมต่อต้านการทุจริต"]  # deleted: its number then
    assert groups[3] == ["โครงการ ๑๔ โครงการจัดเวทีประชาคม"]  # renumbered after the deletion


def test_the_project_line_is_cut_where_a_word_ends_to_fit_the_width(tmp_path: Path) -> None:
    store = mixed_store(tmp_path / "mixed.json")
    changes = store.history(store.list_plans()[0].plan_id)
    store.close()
    for width in (40, 60, 80):
        lines = rendered(changes, width, whole_plan=True)
        line = next(line for line in lines if line.strip().startswith("โครงการ ๓ "))
        assert line.endswith("…"), line
        assert cell_len(line) <= width
        kept = line.strip()[:-1]
        full = "โครงการ ๓ " + default_plan().project(3).name  # type: ignore[union-attr]
        assert full.startswith(kept)
        assert len(kept) in break_points(full) or full[len(kept)] == " ", (kept, full[len(kept) :][:10])


def test_a_single_project_history_renders_as_before(tmp_path: Path) -> None:
    store = history_store(tmp_path / "history.json")
    plan_id = store.list_plans()[0].plan_id
    changes = store.history(plan_id, "p15")
    store.close()
    lines = rendered(changes, 78, whole_plan=False)
    assert not any("โครงการ ๑๕" in line for line in lines)
    assert all(line.startswith((" ", "๑")) for line in lines)
    assert lines[1].startswith("  ผลรอบ ๑๒ เดือน: สถานะ")


def test_every_hostile_name_stays_on_its_one_line() -> None:
    base = Change(
        at="2024-03-15T09:00:00+07:00",
        user="somchai",
        plan_id="x",
        action="edit",
        field="remarks",
        old="",
        new="ok",
        project_uid="p1",
        project_number=1,
    )
    for key, name in HOSTILE_TEXT.items():
        change = Change(**{**base.to_dict(), "project_name": name})
        lines = rendered([change], 80, whole_plan=True)
        assert len(lines) == 3, (key, lines)  # heading, project, change
        assert lines[1].startswith("  โครงการ ๑"), (key, lines)
        assert_terminal_safe("\n".join(lines), f"for {key}")
