"""One digit style on every screen: ``t`` writes every figure, date and count in Arabic digits (typed text
shown in Arabic digits too, as the Arabic export writes it), and the default writes them in Thai digits.

Driven at 80×24 like a user: the tree and every node's details, the checks panel, the summary, the
history of the plan and of a project, the plan list, the new-fiscal-year dialog, the export dialog,
toasts and the read-only banner.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import notes, press, screen_text
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.storage.lock import WriterLock
from tracker.storage.store import Store
from tracker.ui.app import TrackerApp
from tracker.ui.export_dialog import ExportScreen
from tracker.ui.history_screen import HistoryScreen
from tracker.ui.screens import ChoiceScreen, ConfirmScreen, SummaryScreen
from tracker.ui.widgets import PlanTree

SIZE = (80, 24)
THAI_DIGIT = re.compile("[๐-๙]")
# An Arabic figure written beside Thai words ("ปีงบประมาณ 2567", "ข้อผิดพลาด 2", "27 พ.ย."): English
# glosses ("(project 2 could not ...)"), key names ("f1") and file names are not Thai text.
ARABIC_IN_THAI = re.compile(r"[\u0e01-\u0e4f] ?[0-9]|(?<![A-Za-z0-9])[0-9][0-9,.:]* ?[\u0e01-\u0e4f]")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The default plan with two saved edits, so that the history has rows to show."""
    path = tmp_path / "tracker.json"
    store = Store.open(path, initial_plans=[default_plan()])
    plan = store.load_plan(store.list_plans()[0].plan_id)
    project = plan.projects[0]
    project.budget = Decimal("12345.50")
    project.remarks = "ปรับตามมติ ครั้งที่ ๓/๒๕๖๗"  # typed with Thai digits
    store.save_plan(plan)
    store.close()
    return path


def thai_digits_on(text: str) -> list[str]:
    return [line for line in text.split("\n") if THAI_DIGIT.search(line)]


def arabic_figures_on(text: str) -> list[str]:
    return [line for line in text.split("\n") if ARABIC_IN_THAI.search(line)]


async def visit_everything(pilot: Pilot[Any], app: TrackerApp) -> dict[str, str]:
    """What each screen shows, by name: every tree node's details, then each screen and dialog."""
    seen: dict[str, str] = {}
    tree = app.query_one(PlanTree)
    await press(pilot, "home")
    await pilot.pause()
    for step in range(tree.last_line + 1):
        seen[f"tree line {step}"] = screen_text(app)
        await press(pilot, "down")
        await pilot.pause()

    await press(pilot, "home", "x")  # the checks panel
    await pilot.pause()
    seen["checks"] = screen_text(app)
    await press(pilot, "escape")
    await pilot.pause()

    await press(pilot, "s")
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)
    seen["summary"] = screen_text(app)
    await press(pilot, "tab")
    await pilot.pause()
    seen["summary counts"] = screen_text(app)
    await press(pilot, "escape")
    await pilot.pause()

    await press(pilot, "h")  # the plan's history
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    seen["plan history"] = screen_text(app)
    await press(pilot, "escape")
    await pilot.pause()
    await press(pilot, "home", "down", "down", "h")  # project 1's history
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    seen["project history"] = screen_text(app)
    await press(pilot, "escape")
    await pilot.pause()

    await press(pilot, "p")
    await pilot.pause()
    assert isinstance(app.screen, ChoiceScreen)
    seen["plan list"] = screen_text(app)
    await press(pilot, "escape")
    await pilot.pause()

    await press(pilot, "n")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    seen["next fiscal year"] = screen_text(app)
    await press(pilot, "escape")
    await pilot.pause()

    await press(pilot, "r")  # a toast names the round
    await pilot.pause()
    seen["round toast"] = "\n".join(notes(app))
    seen["six-month round"] = screen_text(app)
    await press(pilot, "r")
    await pilot.pause()
    return seen


async def export_toasts(pilot: Pilot[Any], app: TrackerApp, target: Path) -> str:
    """Export from the dialog to ``target``; the toasts that follow (the checks' count among them)."""
    app.clear_notifications()
    await press(pilot, "e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    export_screen = screen_text(app)
    app.screen.query_one("#export-path", Input).value = str(target)
    await press(pilot, "ctrl+s")
    await pilot.pause()
    assert target.exists()
    return export_screen + "\n" + "\n".join(notes(app))


async def test_t_writes_every_figure_date_and_count_in_arabic_digits(db: Path, tmp_path: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "t")
        await pilot.pause()
        assert app.session.plan is not None and app.session.plan.settings.digit_style is DigitStyle.ARABIC
        seen = await visit_everything(pilot, app)
        seen["export"] = await export_toasts(pilot, app, tmp_path / "report.md")
        # What the user was meant to see is there, in Arabic digits.
        assert "รอบ 12 เดือน" in seen["tree line 0"]
        assert "ปีงบประมาณ 2568" in seen["next fiscal year"]
        assert "ปีงบประมาณ 2567 (20 โครงการ)" in seen["plan list"]
        assert "ข้อผิดพลาด 1" in seen["export"]
        assert "12,345." in seen["project history"] and "3/2567" in seen["project history"]
        for name, text in seen.items():
            assert not thai_digits_on(text), (name, thai_digits_on(text))
        await press(pilot, "q")
    app.session.store.close()


async def test_by_default_every_figure_date_and_count_is_in_thai_digits(db: Path, tmp_path: Path) -> None:
    app = TrackerApp(Store.open(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = await visit_everything(pilot, app)
        seen["export"] = await export_toasts(pilot, app, tmp_path / "report.md")
        assert "รอบ ๑๒ เดือน" in seen["tree line 0"]
        assert "ปีงบประมาณ ๒๕๖๘" in seen["next fiscal year"]
        assert "ปีงบประมาณ ๒๕๖๗ (๒๐ โครงการ)" in seen["plan list"]
        assert "ข้อผิดพลาด ๑" in seen["export"]
        assert "๑๒,๓๔๕." in seen["project history"] and "๓/๒๕๖๗" in seen["project history"]
        for name, text in seen.items():
            assert not arabic_figures_on(text), (name, arabic_figures_on(text))
        await press(pilot, "q")
    app.session.store.close()


@pytest.mark.parametrize("style", list(DigitStyle))
async def test_the_read_only_banner_dates_the_other_editor_in_the_plans_digits(db: Path, style: DigitStyle) -> None:
    store = Store.open(db)
    plan = store.load_plan(store.list_plans()[0].plan_id)
    plan.settings.digit_style = style
    store.save_plan(plan)
    store.close()
    lock = WriterLock.acquire(db, "tracker app")
    try:
        app = TrackerApp(Store.open(db, read_only=True))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            banner = app.main._read_only_text()
            assert "อ่านอย่างเดียว" in banner and "ตั้งแต่" in banner
            since = banner.split("ตั้งแต่ ", 1)[1]  # the date the other program started editing
            if style is DigitStyle.ARABIC:
                assert not THAI_DIGIT.search(screen_text(app)) and not THAI_DIGIT.search(banner)
                assert re.match(r"\d+ \S+ \d{4} \d\d:\d\d น\.", since), since
            else:
                assert re.match(r"[๐-๙]+ \S+ [๐-๙]{4} [๐-๙]{2}:[๐-๙]{2} น\.", since), since
            await press(pilot, "q")
        app.session.store.close()
    finally:
        lock.release()
