"""At 80×24, an ordinary office terminal: the history scrolls and opens at its latest change, amounts stay
whole, the checks panel shows several findings with their hints and keeps the app's keys, and the detail
pane shows a project's round status, disbursed and remaining near its top."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from tests.ui.conftest import press, screen_lines, screen_text
from tests.ui.history_sample import history_store
from tests.ui.test_editor import app_on, db, to_project  # noqa: F401 - db is a fixture
from tracker.ui.app import TrackerApp
from tracker.ui.checks_panel import ChecksPanel
from tracker.ui.export_dialog import ExportScreen
from tracker.ui.history_screen import HistoryScreen
from tracker.ui.widgets import DetailPanel

SIZE = (80, 24)


@pytest.fixture
def history_db(tmp_path: Path) -> Path:
    """The default plan with project 15 edited over many saves (21 changes)."""
    path = tmp_path / "history.json"
    history_store(path).close()
    return path


async def open_history(pilot, app: TrackerApp) -> VerticalScroll:  # type: ignore[no-untyped-def]
    await press(pilot, "h")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen.query_one("#history-dialog", VerticalScroll)


async def test_the_history_opens_at_the_latest_change_and_scrolls(history_db: Path) -> None:
    app = app_on(history_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scroll = await open_history(pilot, app)
        assert scroll.max_scroll_y > 0  # more changes than fit: the test is about scrolling
        text = screen_text(app)
        # The last save wrote the result text: it is on screen without scrolling.
        assert "จัดกิจกรรมแล้ว ผู้เข้าร่วม ๖๐ คน" in text
        assert scroll.scroll_y == scroll.max_scroll_y
        at_end = screen_lines(app)

        await press(pilot, "home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        at_top = screen_lines(app)
        assert at_top != at_end
        assert "จัดกิจกรรมแล้ว ผู้เข้าร่วม ๖๐ คน" not in "\n".join(at_top)

        await press(pilot, "pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 1  # a page, not a line
        assert screen_lines(app) != at_top

        await press(pilot, "home")
        await press(pilot, "down", "j")
        await pilot.pause()
        assert scroll.scroll_y == 2

        await press(pilot, "end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "จัดกิจกรรมแล้ว ผู้เข้าร่วม ๖๐ คน" in screen_text(app)


async def test_an_amount_change_stays_on_one_line(history_db: Path) -> None:
    app = app_on(history_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_history(pilot, app)
        await press(pilot, "home")
        await pilot.pause()
        seen = set()
        for _ in range(30):  # read the whole history, a line at a time
            seen.update(screen_lines(app))
            await press(pilot, "down")
            await pilot.pause()
        lines = [line for line in seen if "→" in line]
        assert any("๑๘,๐๐๐.๐๐ → ๒๕,๐๐๐.๐๐" in line for line in lines), lines
        assert any("๑๒,๕๐๐.๐๐ → ๑๘,๐๐๐.๐๐" in line for line in lines), lines
        # No line ends in the middle of an amount ("๒๕,๐๐๐." then "๐๐" below).
        assert not any(line.rstrip().endswith((".", ",")) for line in seen)


async def test_the_checks_panel_shows_three_findings_with_their_hints(db: Path) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        findings = [f for f in app.session.findings if f.detail]
        assert len(findings) >= 3
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        assert app.focused is panel
        text = screen_text(app)
        shown = [f for f in findings if f.message[:12] in text]
        assert len(shown) >= 3, [f.message for f in findings]
        hints = [line for line in screen_lines(app) if "→" in line]
        assert len(hints) >= 3, hints


async def test_e_and_x_work_while_the_checks_panel_has_focus(db: Path) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "x")
        await pilot.pause()
        panel = app.query_one(ChecksPanel)
        assert app.focused is panel
        await press(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await press(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)

        panel.focus()
        await pilot.pause()
        await press(pilot, "x")
        await pilot.pause()
        assert not panel.display
        assert "→" not in screen_text(app)


async def test_the_detail_pane_shows_the_rounds_status_and_money_near_the_top(history_db: Path) -> None:
    app = app_on(history_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_project(pilot, app, 15)
        await pilot.pause()
        panel = app.query_one(DetailPanel)
        top = panel.region.y
        lines = screen_lines(app)[top : top + 8]
        pane = [line[panel.region.x :] for line in lines]
        first = "\n".join(pane)
        assert "ลำดับที่ ๑๕" in first
        assert "โครงการจัดเวที" in first
        assert "แล้วเสร็จ" in first  # the round's status
        assert "เบิกจ่าย" in first and "๒๕,๐๐๐.๐๐" in first
        assert "คงเหลือ" in first
        # Everything else is still there, below.
        panel.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "หน่วยงานรับผิดชอบ" in screen_text(app)
