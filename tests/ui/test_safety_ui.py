"""Data safety in the app: undo and redo across saves, the history screen, read-only while another
program edits, and changes made to the file by another program — checked on the file on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.session.test_session import edit_outside
from tests.ui.conftest import notes, press, screen_text, type_text
from tests.ui.test_editor import WIDE, app_on, clear_field, reopen, to_field, to_project
from tracker.importer.defaults import default_plan
from tracker.session import SaveState
from tracker.storage.backups import list_backups
from tracker.storage.lock import WriterLock
from tracker.storage.store import Store
from tracker.ui import plan_disk
from tracker.ui.app import TrackerApp
from tracker.ui.history_screen import HistoryScreen
from tracker.ui.screens import ChoiceScreen


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[default_plan()]).close()
    return path


async def test_undo_and_redo_an_edit_after_it_was_saved(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 4)
        await to_field(pilot, app, "remarks")
        await clear_field(pilot, app)
        await type_text(pilot, "แก้แล้ว")
        await press(pilot, "escape")  # saved on leaving the form
        await pilot.pause()
        assert reopen(db).project(4).remarks == "แก้แล้ว"  # type: ignore[union-attr]
        await press(pilot, "ctrl+z")
        await pilot.pause()
        assert reopen(db).project(4).remarks == ""  # type: ignore[union-attr]
        assert any("เลิกทำแล้ว" in note for note in notes(app))
        await press(pilot, "ctrl+y")
        await pilot.pause()
        assert reopen(db).project(4).remarks == "แก้แล้ว"  # type: ignore[union-attr]
        await press(pilot, "q")
    with Store.open(db, read_only=True) as store:
        actions = [c.action for c in store.history() if c.field == "remarks"]
    assert actions == ["edit", "undo", "redo"]


async def test_undo_brings_back_a_deleted_project_with_its_results(db: Path) -> None:
    app = app_on(db)
    before = reopen(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 7)
        await press(pilot, "d")
        await pilot.pause()
        await press(pilot, "y")
        await pilot.pause()
        assert len(reopen(db).projects) == 19
        await press(pilot, "ctrl+z")
        await pilot.pause()
        await press(pilot, "q")
    after = reopen(db)
    assert after == before  # every project, number and result as it was
    assert "มาตรการ NO Gift Policy" in [p.name for p in after.projects]


async def test_undo_a_move_then_nothing_more_to_undo(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 8)
        await press(pilot, "shift+up")
        await pilot.pause()
        assert reopen(db).project(7).name == default_plan().project(8).name  # type: ignore[union-attr]
        await press(pilot, "ctrl+z")
        await pilot.pause()
        assert reopen(db) == default_plan()
        await press(pilot, "ctrl+z")  # the stack is empty: says so, changes nothing
        await pilot.pause()
        assert any("ไม่มีอะไรให้เลิกทำ" in note for note in notes(app))
        await press(pilot, "q")
    assert reopen(db) == default_plan()


async def test_history_screen_shows_who_changed_what(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 4)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "[bold]หมายเหตุ[/]")
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "หมายเหตุ" in text and "[bold]หมายเหตุ[/]" in text  # the value, literally
        assert "ประวัติการแก้ไข โครงการ ๔" in text
        await press(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        await press(pilot, "q")


async def test_a_second_app_opens_read_only_and_says_who_is_editing(db: Path) -> None:
    lock = WriterLock.acquire(db, "tracker app")
    try:
        store = Store.open(db, read_only=True)
        app = TrackerApp(store)
        async with app.run_test(size=WIDE) as pilot:
            text = screen_text(app)
            assert "อ่านอย่างเดียว" in text and f"pid {os.getpid()}" in text
            await to_project(pilot, app, 4)
            await press(pilot, "enter")  # no form: the details stay, a notice says why
            await pilot.pause()
            assert app.main.editing is False
            await press(pilot, "d")
            await pilot.pause()
            assert any("อ่านอย่างเดียว" in note for note in notes(app))
            await press(pilot, "q")
        assert reopen(db) == default_plan()
        store.close()
    finally:
        lock.release()


async def test_read_only_app_becomes_the_writer_when_the_other_closes(db: Path) -> None:
    lock = WriterLock.acquire(db, "tracker import")
    app = TrackerApp(Store.open(db, read_only=True))
    async with app.run_test(size=WIDE) as pilot:
        assert app.session.store.read_only
        lock.release()
        app.main.watch_file()
        await pilot.pause()
        assert not app.session.store.read_only
        assert "อ่านอย่างเดียว" not in screen_text(app)
        await to_project(pilot, app, 4)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "ต่อจากอีกฝ่าย")
        await press(pilot, "escape", "q")
    app.session.store.close()
    assert reopen(db).project(4).remarks == "ต่อจากอีกฝ่าย"  # type: ignore[union-attr]


async def test_an_outside_change_is_offered_for_reloading(db: Path) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        edit_outside(db, "แก้จากภายนอก")
        app.main.watch_file()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "enter")  # reload, the first choice
        await pilot.pause()
        assert app.session.plan is not None and app.session.plan.project(4).remarks == "แก้จากภายนอก"  # type: ignore[union-attr]
        await to_project(pilot, app, 4)
        assert "แก้จากภายนอก" in screen_text(app)
        await press(pilot, "q")


async def test_an_edit_never_overwrites_an_outside_change_blindly(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The save must find the outside change: the watch every 2 s could find it first, before the typing (and
    # rightly offer a plain reload), on a slow run.
    monkeypatch.setattr(plan_disk, "WATCH_INTERVAL", 3600.0)
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 5)
        await to_field(pilot, app, "remarks")
        outside = edit_outside(db, "แก้จากภายนอก")
        await type_text(pilot, "ของเรา")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # reload / overwrite / not now
        assert db.read_bytes() == outside  # nothing written yet
        assert app.session.save_state is SaveState.UNSAVED
        await press(pilot, "down", "enter")  # overwrite, after a backup of their version
        await pilot.pause()
        assert app.session.save_state is SaveState.SAVED
        await press(pilot, "escape", "q")
    plan = reopen(db)
    assert plan.project(5).remarks == "ของเรา"  # type: ignore[union-attr]
    # Overwriting replaces the plan as a whole; their version is what the backup keeps.
    assert plan.project(4).remarks == ""  # type: ignore[union-attr]
    kept = [b for b in list_backups(db) if b.reason.value == "before-overwrite"]
    assert [b.path.read_bytes() for b in kept] == [outside]


async def test_export_dialog_can_add_the_change_log(db: Path, tmp_path: Path) -> None:
    from textual.widgets import Input, Select

    from tracker.ui.export_dialog import ExportScreen

    target = tmp_path / "with-history.md"
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        await to_project(pilot, app, 4)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "เพิ่มหมายเหตุ")
        await press(pilot, "escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-history", Select).value = True
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        path.value = str(target)
        path.focus()
        await pilot.pause()
        await press(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen), screen_text(app)
        await press(pilot, "q")
    text = target.read_text(encoding="utf-8")
    appendix = text[text.index("ภาคผนวก บันทึกการเปลี่ยนแปลง"):]
    assert "เพิ่มหมายเหตุ" in appendix


async def test_a_full_disk_keeps_the_edit_and_the_file(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        before = db.read_bytes()
        monkeypatch.setattr(os, "fsync", full)
        await to_project(pilot, app, 4)
        await to_field(pilot, app, "remarks")
        await type_text(pilot, "เขียนตอนดิสก์เต็ม")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert db.read_bytes() == before  # the file as it was
        assert app.session.save_state is SaveState.UNSAVED  # the header still says so
        assert any("ดิสก์เต็ม" in note and "disk is full" in note for note in notes(app))
        assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]
        monkeypatch.setattr(os, "fsync", real_fsync)  # room again: the same edit saves
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert app.session.save_state is SaveState.SAVED
        await press(pilot, "escape", "q")
    assert reopen(db).project(4).remarks == "เขียนตอนดิสก์เต็ม"  # type: ignore[union-attr]
