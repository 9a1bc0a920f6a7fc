"""Every command on a real pseudo-terminal: data is shown as typed, and never acts on the terminal.

A captured string cannot show this: rich styles and links only when it writes to a terminal, so each
command runs here as its own process with a pseudo-terminal for stdin, stdout and stderr, as a user's
shell would run it. What it writes is read byte for byte. The only escape sequences allowed are the
colours and weights (SGR) this program puts on its own words: no hyperlink (OSC 8), no title (OSC 0),
no clipboard (OSC 52), no cursor or screen command, no blinking or hidden text. Markup written in the
data ("[link=…]", "[blink]", "[/]", "[e-mail]") shows literally, and no command ends in a traceback.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile_corpus import HOSTILE_TEXT, hostile_plan
from tests.importer.hostile_report import hostile_report
from tracker.domain.model import Plan
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store

MARKUP_NAME = "[link=https://evil.example]ลิงก์[/link] [blink]กะพริบ[/blink] [e-mail] กองคลัง :warning: [/]"
"""A project name an attacker (or a careless paste) could type: every piece of it must show as written."""
MARKUP_UNIT = "[/] [bold]กองช่าง[/bold] [@click=app.quit]ออก[/]"

_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[P^_X][^\x1b]*(?:\x1b\\)?|.)")
_SGR = re.compile(r"\x1b\[([0-9;]*)m")


@dataclass(frozen=True)
class Shown:
    code: int
    raw: str
    """Everything the process wrote to the terminal (stdout and stderr share it, as in a shell)."""

    @property
    def text(self) -> str:
        """What a reader sees: the output without the program's own colour sequences, lines joined."""
        return _SGR.sub("", self.raw).replace("\r\n", "\n")


def run_on_terminal(*args: str, columns: int = 100, cwd: Path | None = None) -> Shown:
    """Run ``tracker ARGS`` with a pseudo-terminal as its stdin, stdout and stderr; its exit code and output."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": "40"}
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                process.kill()
                pytest.fail(f"tracker {args} wrote nothing for 60 s")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    code = process.wait(timeout=60)
    return Shown(code, b"".join(chunks).decode("utf-8", errors="replace"))


def _attributes(params: str) -> set[int]:
    """The attributes an SGR sequence sets, its colours' own numbers (38;5;N, 38;2;R;G;B) left out."""
    numbers = [int(p) if p else 0 for p in params.split(";")]
    found: set[int] = set()
    index = 0
    while index < len(numbers):
        number = numbers[index]
        if number in (38, 48, 58) and index + 1 < len(numbers):
            index += 3 if numbers[index + 1] == 5 else 5 if numbers[index + 1] == 2 else 2
            continue
        found.add(number)
        index += 1
    return found


def assert_safe(shown: Shown, where: str) -> None:
    """Nothing but the program's own colours reached the terminal, and no traceback."""
    assert "Traceback" not in shown.raw, f"{where}: {shown.raw[-2000:]}"
    for match in _ESCAPE.finditer(shown.raw):
        sequence = match.group()
        sgr = _SGR.fullmatch(sequence)
        assert sgr is not None, f"{where}: escape sequence {sequence!r} reached the terminal"
        assert not _attributes(sgr.group(1)) & {5, 6, 8}, f"{where}: blinking or hidden text {sequence!r}"
    loose = [hex(ord(c)) for c in _ESCAPE.sub("", shown.raw) if (ord(c) < 0x20 and c not in "\r\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert not loose, f"{where}: control characters {sorted(set(loose))} reached the terminal"


def _save(db: Path, plan: Plan) -> None:
    store = Store.open(db, initial_plans=[default_plan()])
    try:
        store.save_plan(plan)  # over the default plan: the history records every hostile value
    finally:
        store.close()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database whose every text holds a hostile value, and whose history records each of them."""
    db = tmp_path_factory.mktemp("hostile") / "tracker.json"
    _save(db, hostile_plan())
    return db


@pytest.fixture(scope="module")
def markup_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database whose project 1 and organization hold short markup, so a wide terminal shows it whole."""
    db = tmp_path_factory.mktemp("markup") / "tracker.json"
    plan = default_plan()
    plan.organization = f"{plan.organization} {MARKUP_NAME}"
    plan.projects[0].name = MARKUP_NAME
    plan.projects[1].unit = MARKUP_UNIT
    plan.projects[2].unit = "[e-mail] กองคลัง"
    _save(db, plan)
    return db


def _commands(db: Path, work: Path) -> list[list[str]]:
    report = work / "hostile-report.txt"
    if not report.exists():
        report.write_text(hostile_report().text, encoding="utf-8")
    d = ["--db", str(db)]
    return [
        [*d, "summary"],
        [*d, "summary", "--digits", "arabic", "--round", "6"],
        [*d, "check"],
        [*d, "check", "--json"],
        [*d, "plans"],
        [*d, "history"],
        [*d, "history", "--all"],
        [*d, "history", "--project", "1"],
        [*d, "history", "--json"],
        [*d, "export", "--format", "md", "-o", str(work / "r.md")],
        [*d, "export", "--format", "txt", "-o", str(work / "r.txt"), "--history"],
        [*d, "export", "--format", "csv", "-o", str(work / "r.csv")],
        [*d, "export", "--format", "pdf", "-o", str(work / "r.pdf")],
        [*d, "export", "--format", "docx", "--round", "6", "-o", str(work / "r.docx")],
        [*d, "backups"],
        [*d, "--plan", HOSTILE_TEXT["OSC 8 hyperlink BEL"] + "[blink]x", "summary"],
        ["import", str(report), "--dry-run"],
        ["--db", str(work / "imported.json"), "import", str(report)],
        ["rollup", str(db)],
        ["rollup", str(db), "--json"],
        ["summary", "--round", HOSTILE_TEXT["OSC 0 title BEL"]],
        ["summary", HOSTILE_TEXT["ANSI clear screen"]],
    ]


def test_every_command_on_a_hostile_database_keeps_the_terminal_safe(hostile_db: Path, tmp_path: Path) -> None:
    for args in _commands(hostile_db, tmp_path):
        shown = run_on_terminal(*args)
        assert_safe(shown, f"tracker {args[2:] if args[0] == '--db' else args}")
        assert shown.code in (0, 1, 2), args


def test_the_writing_commands_on_a_hostile_database_keep_the_terminal_safe(hostile_db: Path, tmp_path: Path) -> None:
    """restore, backups --keep and check --resolve write: they run on a copy, named with hostile text too."""
    folder = tmp_path / HOSTILE_TEXT["OSC 0 title BEL"]  # ESC and BEL in every path a command prints
    folder.mkdir()
    db = folder / "tracker.json"
    shutil.copyfile(hostile_db, db)
    report = tmp_path / "hostile-report.txt"
    report.write_text(hostile_report().text, encoding="utf-8")
    d = ["--db", str(db)]
    assert run_on_terminal(*d, "import", str(report), "--replace", "--force").code == 0  # a before-replace backup
    kept = sorted((folder / "backups").iterdir())[-1].name
    for args in ([*d, "backups"], [*d, "restore", kept], [*d, "backups", "--keep", "5"],
                 [*d, "check", "--resolve", "all"], [*d, "check", "--resolve", HOSTILE_TEXT["C1 CSI"]]):
        shown = run_on_terminal(*args)
        assert_safe(shown, f"tracker {args[2:]}")
        assert shown.code in (0, 1, 2), args


@pytest.mark.parametrize(
    "command",
    [["summary"], ["plans"], ["check"], ["history"], ["history", "--project", "1"], ["rollup"]],
    ids=lambda c: " ".join(c),
)
def test_markup_in_the_data_shows_as_typed(markup_db: Path, command: list[str]) -> None:
    args = ["rollup", str(markup_db)] if command == ["rollup"] else ["--db", str(markup_db), *command]
    shown = run_on_terminal(*args, columns=400)
    assert_safe(shown, " ".join(command))
    assert shown.code in (0, 1)
    assert "\x1b]8;" not in shown.raw  # no hidden link
    text = shown.text
    if command[0] in ("plans", "check", "rollup"):
        assert MARKUP_NAME in text  # in the organization's name
    else:  # the history cuts long values to its columns: their start shows as typed
        assert "[link=https://evil.example]ลิงก์[/link] [blink]กะพริบ[/blink]" in text


def test_the_history_of_a_name_with_markup_prints_it(markup_db: Path) -> None:
    """The reported case: ``tracker history`` interpreted markup (a hidden link, blinking) or crashed on [/]."""
    shown = run_on_terminal("--db", str(markup_db), "history", columns=400)
    assert shown.code == 0
    assert_safe(shown, "history")
    for piece in ("[link=https://evil.example]ลิงก์[/link]", "[blink]กะพริบ[/blink]", "[e-mail] กองคลัง", MARKUP_UNIT):
        assert piece in shown.text, piece
