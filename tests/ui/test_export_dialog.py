"""The export dialog: the Word and PDF formats written from the app (in a thread), choices a format has
no use for disabled with the reason, and the whole dialog on an 80×24 terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Select, Static

from tests.ui.conftest import notes, press, screen_text
from tests.ui.test_editor import app_on, choose, db  # noqa: F401 - db is a fixture
from tracker.reports import export
from tracker.ui.app import TrackerApp
from tracker.ui.export_dialog import ENTRY_AMOUNTS_WHY, NO_HISTORY_WHY, NO_ROUND_WHY, ExportScreen

NARROW = (80, 24)
WIDE = (160, 45)


async def open_dialog(pilot, app: TrackerApp) -> ExportScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "e")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def disabled(screen: ExportScreen) -> set[str]:
    return {
        name for name in ("round", "digits", "history") if screen.query_one(f"#export-{name}", Select).disabled
    }


def why(screen: ExportScreen) -> str:
    line = screen.query_one("#export-why", Static)
    return str(line.render()) if line.display else ""


async def test_choices_a_format_has_no_use_for_are_disabled_with_the_reason(db: Path) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_dialog(pilot, app)
        assert disabled(screen) == set() and why(screen) == ""
        await choose(pilot, "CSV", app)
        assert disabled(screen) == {"round", "digits", "history"}
        assert NO_ROUND_WHY in why(screen) and NO_HISTORY_WHY in why(screen)
        assert "จึงเลือกรอบและตัวเลขไม่ได้" in screen_text(app)
        await press(pilot, "tab")  # the disabled choices are passed over, to the file
        assert app.focused is screen.query_one("#export-path", Input)
        await press(pilot, "shift+tab")
        await choose(pilot, "PDF", app)
        assert disabled(screen) == {"history"}
        assert why(screen) == NO_HISTORY_WHY
        await choose(pilot, "ข้อความ", app)
        assert disabled(screen) == set() and why(screen) == ""
        await choose(pilot, "e-PlanNACC", app)  # the entry sheet: a round and digits, no change log
        assert disabled(screen) == {"history"}
        assert why(screen) == ENTRY_AMOUNTS_WHY  # its own line only: the file name stays in sight at 80×24
        await press(pilot, "escape")


async def test_a_typed_file_name_keeps_its_name_and_takes_the_formats_extension(
    db: Path, tmp_path: Path  # noqa: F811
) -> None:
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_dialog(pilot, app)
        path = screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "รายงานส่งอำเภอ.md")
        await pilot.pause()
        await choose(pilot, "Word", app)
        assert path.value == str(tmp_path / "รายงานส่งอำเภอ.docx")
        await choose(pilot, "PDF", app)
        assert path.value == str(tmp_path / "รายงานส่งอำเภอ.pdf")
        await choose(pilot, "e-PlanNACC", app)  # the entry sheet is a text file
        assert path.value == str(tmp_path / "รายงานส่งอำเภอ.txt")
        await choose(pilot, "Markdown", app)
        assert path.value == str(tmp_path / "รายงานส่งอำเภอ.md")
        await press(pilot, "escape")


async def test_the_dialog_writes_the_entry_sheet(db: Path, tmp_path: Path) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_dialog(pilot, app)
        await choose(pilot, "e-PlanNACC", app)
        path = screen.query_one("#export-path", Input)
        assert path.value.endswith("-2567-12-entry.txt")
        await press(pilot, "tab")
        await choose(pilot, "รอบ ๖ เดือน", app)  # the round: the default file name follows it
        assert path.value.endswith("-2567-6-entry.txt")
        target = tmp_path / "กรอก.txt"
        path.value = str(target)
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
        assert any(str(target) in note for note in notes(app))
        await press(pilot, "q")
    sheet = target.read_text(encoding="utf-8")
    assert sheet.startswith("แบบกรอกผลการดำเนินงานลงระบบ e-PlanNACC") and "รอบ ๖ เดือน" in sheet
    assert sheet.count("\nประเภท: ") == 20


@pytest.mark.parametrize(
    ("label", "suffix", "module", "magic"),
    [
        ("PDF", "pdf", "tracker.reports.pdf_report", b"%PDF-"),
        ("Word", "docx", "tracker.reports.docx_report", b"PK\x03\x04"),
    ],
    ids=["pdf", "docx"],
)
async def test_the_dialog_writes_a_document(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
    label: str, suffix: str, module: str, magic: bytes,
) -> None:
    pytest.importorskip(module)
    import threading

    import tracker.ui.plan_screen

    threads: list[threading.Thread] = []
    real_write = tracker.ui.plan_screen.write_export

    def write_export(*args: Any, **kwargs: Any) -> Path:
        threads.append(threading.current_thread())
        return real_write(*args, **kwargs)

    monkeypatch.setattr(tracker.ui.plan_screen, "write_export", write_export)
    target = tmp_path / "ออก" / f"รายงาน.{suffix}"
    app = app_on(db)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_dialog(pilot, app)
        await choose(pilot, label, app)
        path = screen.query_one("#export-path", Input)
        assert path.value.endswith(f"-2567-12.{suffix}")
        path.value = str(tmp_path)  # a folder: refused, the dialog stays and says why
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and not screen.writing
        assert "โฟลเดอร์" in screen_text(app)
        path.value = str(target)
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is not screen
        assert any(str(target) in note for note in notes(app))
        await press(pilot, "q")
    assert target.read_bytes().startswith(magic)
    assert threads and all(t is not threading.main_thread() for t in threads)  # the screen stayed free


async def test_a_missing_renderer_is_said_in_the_dialog(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tracker.reports.pdf_report", None)  # import raises ImportError
    app = app_on(db)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_dialog(pilot, app)
        await choose(pilot, "PDF", app)
        screen.query_one("#export-path", Input).value = str(tmp_path / "r.pdf")
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert "ส่งออกเป็น PDF พร้อมเผยแพร่ ไม่ได้" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen is not screen


@pytest.mark.parametrize("fmt", ["Markdown", "CSV", "e-PlanNACC"])
async def test_the_whole_dialog_shows_on_80_by_24(db: Path, fmt: str) -> None:  # noqa: F811
    app = app_on(db)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_dialog(pilot, app)
        await choose(pilot, fmt, app)  # CSV: the most lines, two reasons
        await pilot.pause()
        whole = screen.region
        for widget_id in ("export-format", "export-history", "export-path", "export-go", "export-cancel"):
            region = screen.query_one(f"#{widget_id}").region
            assert region.height > 0 and whole.contains_region(region), widget_id
        footer_top = whole.bottom - 1
        assert screen.query_one("#export-go").region.bottom <= footer_top
        text = screen_text(app)
        assert "ส่งออก (export)" in text and "ยกเลิก (cancel)" in text
        await press(pilot, "escape")


async def test_while_a_document_is_written_the_dialog_says_so_and_waits(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    import threading

    import tracker.ui.plan_screen

    go_on = threading.Event()
    target = tmp_path / "r.docx"

    def slow_write(*args: Any, **kwargs: Any) -> Path:
        assert go_on.wait(10)
        target.write_bytes(b"PK\x03\x04")
        return target

    monkeypatch.setattr(tracker.ui.plan_screen, "write_export", slow_write)
    app = app_on(db)
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_dialog(pilot, app)
        await choose(pilot, "Word", app)
        screen.query_one("#export-path", Input).value = str(target)
        await press(pilot, "ctrl+s")
        assert screen.writing and screen.query_one("#export-go", Button).disabled
        assert "กำลังเขียนไฟล์… (writing the file)" in screen_text(app)
        await press(pilot, "escape", "ctrl+s")  # neither closes the dialog nor writes twice
        assert app.screen is screen
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is not screen
        assert any(str(target) in note for note in notes(app))


def path_line(app: TrackerApp, screen: ExportScreen) -> str:
    """The row of the screen the path field's text is on, as the person reads it."""
    field = screen.query_one("#export-path", Input)
    return screen_text(app).splitlines()[field.content_region.y]


@pytest.mark.parametrize("size", [(60, 20), NARROW])
async def test_a_long_path_shows_its_end_the_file_name(
    db: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    # The tracker installed where an office keeps its documents: a long folder before the file name.
    monkeypatch.setattr(export, "EXPORTS_DIR", Path("/home/somchai/Documents/งานนิติการ/tracker/exports"))
    app = app_on(db)
    async with app.run_test(size=size) as pilot:
        screen = await open_dialog(pilot, app)
        await pilot.pause()
        field = screen.query_one("#export-path", Input)
        assert len(field.value) > field.content_region.width  # too long to show whole: the test is about that
        assert field.value.endswith("-12.md")
        assert "-12.md" in path_line(app, screen)  # year, round and extension in sight, not the folder
        await choose(pilot, "PDF", app)
        await pilot.pause()
        assert field.value.endswith("-12.pdf")
        assert "-12.pdf" in path_line(app, screen)
        await press(pilot, "escape")
