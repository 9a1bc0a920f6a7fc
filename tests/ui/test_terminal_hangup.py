"""A terminal that goes away (window closed, ssh dropped) ends the app: the last edit saved, the lock let go.

Textual alone keeps running on a hung-up terminal, reading end-of-file in a loop: the process spun at
half a core and held the database's writer lock, so the next start opened read-only. Run here on a real
pseudo-terminal, closed from the terminal's side right after a key was typed (before the autosave).
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.conftest import press
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

DOWN, END, ENTER = "\x1b[B", "\x1b[F", "\r"


def read_until(master: int, wanted: bytes, seconds: float = 60) -> bytes:
    """What the app draws, until ``wanted`` has been drawn."""
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen:
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            pytest.fail(f"{wanted.decode()!r} not drawn in {seconds} s")
        seen += os.read(master, 65536)
    return seen


def test_closing_the_terminal_saves_the_last_edit_and_lets_go_of_the_database(tmp_path: Path) -> None:
    db = tmp_path / "tracker.json"
    Store.open(db, initial_plans=[default_plan()]).close()
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    try:
        read_until(master, "บันทึกแล้ว".encode())  # the header: everything saved
        os.write(master, (DOWN * 2 + ENTER).encode())  # project 1's form, its name field
        read_until(master, "แก้ไขโครงการ".encode())
        os.write(master, (END + " ก").encode())
        read_until(master, "ยังไม่บันทึก".encode())  # typed, not yet written
    finally:
        os.close(master)  # the window closes
    try:
        code = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the app kept running on a closed terminal")
    assert code == 129
    store = Store.open(db)  # the writer's lock is free again
    try:
        plan = store.load_plan(store.list_plans()[0].plan_id)
    finally:
        store.close()
    project = plan.project(1)
    assert project is not None and project.name.endswith(" ก")


async def test_a_hang_up_writes_the_edit_the_autosave_had_not_written_yet(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.conftest import type_text
    from tests.ui.test_editor import to_field, to_project
    from tracker.session import SaveState
    from tracker.ui import app as app_module
    from tracker.ui import plan_view
    from tracker.ui.app import TrackerApp

    gone = {"now": False}
    monkeypatch.setattr(plan_view, "SAVE_DELAY", 60.0)  # only the hang-up can write it
    monkeypatch.setattr(app_module, "TERMINAL_INTERVAL", 0.05)
    monkeypatch.setattr(app_module, "hung_up", lambda: gone["now"])
    app = TrackerApp(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_project(pilot, app, 1)
        await to_field(pilot, app, "name")
        await press(pilot, "end")
        await type_text(pilot, " ก")
        assert app.session.save_state is SaveState.UNSAVED
        gone["now"] = True
        for _ in range(100):
            await pilot.pause(0.05)
            if app.return_code is not None:
                break
    assert app.return_code == 129
    reader = Store.open(store.path, read_only=True)
    try:
        project = reader.load_plan(reader.list_plans()[0].plan_id).project(1)
    finally:
        reader.close()
    assert project is not None and project.name.endswith(" ก")
