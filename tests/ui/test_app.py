"""The app driven like a user would: keys in, what the screen shows out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.geometry import Size

from tests.ui.conftest import keys_handled, notes, press, screen_lines, screen_text
from tests.ui.sample import HOSTILE_NAME, HOSTILE_SHOWN, sample_plan
from tracker.domain.model import Project, Round
from tracker.storage.store import Store, StoreError
from tracker.ui.app import TrackerApp
from tracker.ui.display import NodeKind
from tracker.ui.widgets import DetailPanel, PlanTree

WIDE = (160, 45)
NARROW = (80, 24)


def _labels(app: TrackerApp) -> list[str]:
    tree = app.query_one(PlanTree)
    return [str(node.label) for node in tree.root.children]


async def test_tree_shows_the_four_dimensions_with_their_counts(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE):
        assert _labels(app) == [
            "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต (๒/๒)",
            "มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต (๐/๒)",
            "มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของประชาชน (๑/๒)",
            "มิติที่ ๔ การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการบริหารราชการขององค์กรปกครองส่วนท้องถิ่น (๐/๑)",
        ]
        text = screen_text(app)
        # A yellow "!": a project with a budget and no amount of the ordinance stated is worth a look.
        assert "│   ├── ✓!๑ โครงการส่งเสริมคุณธรรมและจริยธรรมของผู้บริหาร" in text
        # Unreported at 12 months: the checks mark it with a red "!" beside its status mark.
        assert "    └── ·!๗ กิจกรรมการจัดทำรายงานการควบคุมภายใน" in text


async def test_header_shows_year_round_score_flag_and_level(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE):
        header = screen_lines(app)[0]
        for words in (
            "องค์การบริหารส่วนตำบลบางเตย",
            "ปีงบประมาณ พ.ศ. ๒๕๖๗",
            "รอบ ๑๒ เดือน",
            "ร้อยละ ๕๐.๐๐",
            "ธงส้ม",
            "ระดับ ปานกลาง",
        ):
            assert words in header


async def test_the_plan_summary_shows_first(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "แผนปฏิบัติการป้องกันการทุจริต" in text
        assert "อำเภอสามพราน จังหวัดนครปฐม" in text
        assert "๙๗,๐๐๐.๕๐ บาท (๔ โครงการ)" in text


async def test_moving_down_to_a_project_shows_its_fields(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "down")
        assert "สรุปมิติที่ ๑ รอบ ๑๒ เดือน" in screen_text(app)
        await press(pilot, "down")
        text = screen_text(app)
        for words in (
            "โครงการ ลำดับที่ ๑",
            "ตัวชี้วัด",
            "ผู้เข้าร่วมอบรมไม่น้อยกว่าร้อยละ ๘๐",
            "๕๐,๐๐๐.๐๐ บาท",
            "ต.ค. ๖๖ - ก.ย. ๖๗",
            "ร่วมกับอำเภอสามพราน",
            "ผลการดำเนินงาน รอบ ๑๒ เดือน",
            "✓ ดำเนินการแล้วเสร็จ",
            "๔๘,๕๐๐.๐๐ บาท",
        ):
            assert words in text
        await press(pilot, "j")  # vim keys move too
        text = screen_text(app)
        assert "มาตรการ ลำดับที่ ๒" in text
        assert "ไม่ใช้งบประมาณ" in text
        await press(pilot, "k")
        assert "โครงการ ลำดับที่ ๑" in screen_text(app)


async def test_the_hostile_name_displays_literally(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "down", "down", "down", "down", "down")
        lines = screen_lines(app)
        assert any(f"◐!๓ {HOSTILE_SHOWN}" in line for line in lines)  # the tree
        assert any(f"ชื่อโครงการ        {HOSTILE_SHOWN}" in line for line in lines)  # the detail
        assert "[i]ไม่ใช่มาร์กอัป[/i]" in screen_text(app)
        assert not any("\x1b" in line for line in lines)
    # Showing it changed nothing that is kept.
    assert store.load_plan(sample_plan().plan_id).projects[2].name == HOSTILE_NAME


async def test_enter_collapses_and_expands_a_dimension(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "down", "enter")
        assert "โครงการส่งเสริมคุณธรรม" not in screen_text(app)
        await press(pilot, "enter")
        assert "โครงการส่งเสริมคุณธรรม" in screen_text(app)


async def test_q_quits(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        assert app.return_code is None
        await press(pilot, "q")
        assert app.return_code == 0


async def test_it_fits_80_by_24(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "down", "down", "down", "down", "down")
        lines = screen_lines(app)
        assert len(lines) == 24
        assert all(cell_len(line) == 80 for line in lines)
        text = screen_text(app)
        assert "… (๐/๑)" in text  # a long dimension is cut but keeps its count
        assert "ชื่อ" in text and "โครงการ [bold red]x[/] |" in text
        assert "q ออก" in lines[-1]


async def test_tab_moves_to_the_details_which_scroll(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "down", "down", "tab")
        detail = app.main.pane
        assert isinstance(detail, DetailPanel) and app.focused is detail
        await press(pilot, "j", "j", "j")
        assert detail.scroll_y > 0


async def test_a_plan_id_and_a_round_can_be_chosen(tmp_path: Path) -> None:
    other = sample_plan()
    other.plan_id, other.organization = "other", "เทศบาลตำบลตัวอย่าง"
    store = Store.open(tmp_path / "two.json", initial_plans=[sample_plan(), other])
    app = TrackerApp(store, "other", Round.SIX)
    async with app.run_test(size=WIDE) as pilot:
        header = screen_lines(app)[0]
        assert "เทศบาลตำบลตัวอย่าง" in header and "รอบ ๖ เดือน" in header
        assert "(๐/๒)" in _labels(app)[0]  # nothing is reported for the six-month round
        await press(pilot, "down", "down")
        assert "· รอการรายงานผล" in screen_text(app)
    store.close()


async def test_an_empty_store_says_so(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.json")
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        assert "ไม่มีแผน" in screen_text(app)
        await press(pilot, "q")
        assert app.return_code == 0
    store.close()


def test_an_unknown_plan_id_is_refused(store: Store) -> None:
    with pytest.raises(StoreError):
        TrackerApp(store, "no-such-plan")


async def test_a_project_outside_the_four_dimensions_is_still_shown(tmp_path: Path) -> None:
    plan = sample_plan()
    plan.projects.append(Project(8, "โครงการที่มิติผิด", 9))
    store = Store.open(tmp_path / "stray.json", initial_plans=[plan])
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        assert _labels(app)[-1] == "ไม่ระบุมิติ"
        tree = app.query_one(PlanTree)
        stray = tree.root.children[-1].children[0]
        assert stray.data is not None and stray.data.kind is NodeKind.PROJECT
        tree.move_cursor(stray)
        await pilot.pause()
        assert "โครงการที่มิติผิด" in screen_text(app)
    store.close()


async def test_details_keep_their_last_rows_when_keys_and_a_resize_come_together(store: Store) -> None:
    # Keys typed ahead and a terminal resize in one burst, as tmux delivers them: the detail of
    # dimension 3 must still end with its last status row.
    app = TrackerApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await press(pilot, "down", "enter", "tab")  # dimension 1 folded, the detail pane focused
        # Back to the tree, unfold dimension 1, down past its projects and dimension 2's to dimension 3.
        for key in ("tab", "enter", *["down"] * 6):
            app.post_message(events.Key(key, None))
        app.post_message(events.Resize.from_dimensions(Size(*NARROW), None))
        await keys_handled(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert "สรุปมิติที่ ๓" in text
        assert "รอการรายงานผล      · ๑" in text


async def test_a_long_plan_keeps_every_dimension_count_beside_the_scrollbar(tmp_path: Path) -> None:
    plan = sample_plan()
    plan.projects += [Project(n, f"มาตรการเพิ่มเติมลำดับที่ {n} เพื่อให้แผนยาวกว่าจอ", 2) for n in range(8, 30)]
    store = Store.open(tmp_path / "long.json", initial_plans=[plan])
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        tree = app.query_one(PlanTree)
        assert tree.show_vertical_scrollbar
        assert "… (๒/๒) ▏" in screen_text(app)  # cut before the count, the scrollbar's column kept
        await press(pilot, "down", "enter", "down", "enter")  # fold dimensions 1 and 2: no more scrollbar
        assert not tree.show_vertical_scrollbar
        # Cut after a whole word ("การบริหาร…"), the count kept; what is left of the row stays blank.
        assert re.search(r"มิติที่ ๒ การบริหาร… \(๐/๒๔\) *▏", screen_text(app))
    store.close()


async def test_a_new_database_made_from_the_default_plan_says_where(tmp_path: Path) -> None:
    from tracker.importer.defaults import default_plan

    path = tmp_path / "new" / "tracker.json"
    store = Store.open(path, initial_plans=[default_plan()])
    app = TrackerApp(store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown = notes(app)
        assert any(str(path) in note and "default plan" in note for note in shown)
        assert "องค์การบริหารส่วนตำบลบางเตย" in screen_text(app)
    store.close()
    reopened = Store.open(path)
    assert not reopened.created
    assert TrackerApp(reopened).session.plan is not None
    reopened.close()
