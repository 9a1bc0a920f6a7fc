"""The command line speaks Thai with English beside it: its --help, argparse's own words, no raw keys."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tracker.cli import main
from tracker.domain.model import Status
from tracker.importer.defaults import SEED_REPORT

THAI = re.compile("[\u0e00-\u0e7f]")
RAW_STATUS_KEY = re.compile("|".join([*(s.value for s in Status if "_" in s.value), "'completed'"]))
"""A status's stored key in user text ("completed" alone is also the English word for it)."""


def test_check_names_a_status_by_its_label_not_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Part 1 of the seed states 3 projects could not be done; make it say 4.
    seed = SEED_REPORT.read_text(encoding="utf-8")
    stated = "๓ไม่สามารถดำเนินการ . ๓ โครงการ"
    assert seed.count(stated) == 1
    report = tmp_path / "report.txt"
    report.write_text(seed.replace(stated, "๓ไม่สามารถดำเนินการ . ๔ โครงการ"), encoding="utf-8")
    db = tmp_path / "t.json"
    assert main(["--db", str(db), "import", str(report)]) == 0
    capsys.readouterr()
    main(["--db", str(db), "check"])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "STATED_STATUS" in line)
    assert "“ไม่สามารถดำเนินการได้” ๔" in line
    assert "“could not be done” 4" in line
    assert not RAW_STATUS_KEY.search(out), out


COMMANDS = [[], ["summary"], ["export"], ["import"], ["plans"], ["check"], ["history"], ["backups"],
            ["restore"], ["rollup"]]
ENGLISH_PROSE = re.compile(r"[A-Za-z][a-z']+[,;:.]? [A-Za-z][a-z']+")
"""Two English words in a row: prose, not an option, a metavar or a value to type."""


def _help(command: list[str], columns: int, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))  # argparse's width (shutil.get_terminal_size)
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "tracker")
def test_help_is_thai_with_the_english_in_parentheses(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is checked: printed at a width where argparse wraps nothing, so that each entry (the usage,
    the description, a heading, an option or a command with its help) is one line, every line that
    holds English prose (two English words in a row; the usage lines name commands, not prose, and
    must hold Thai metavars) holds Thai before it, and that English is inside
    parentheses opened after the Thai. argparse's own words ("usage:", "options:", "positional
    arguments:", "show this help message and exit") are such lines too.
    """
    text = _help(command, 1000, monkeypatch, capsys)
    assert text.startswith("วิธีใช้ (usage):\n")
    for own in ("usage:", "options:", "positional arguments:", "show this help message and exit"):
        for line in text.splitlines():
            if own in line:
                assert THAI.search(line.split(own)[0]), line
    usage, rest = text.split("\n\n", 1)  # the usage names the program and its commands: no prose
    assert THAI.search(usage.splitlines()[1]), usage
    for line in rest.splitlines():
        line = re.sub(r"tracker (\w+)", r"tracker_\1", line)  # a command to type, named in Thai text too
        prose = ENGLISH_PROSE.search(line)
        if prose is None:
            continue
        thai = THAI.search(line)
        assert thai is not None and thai.start() < prose.start(), f"English-only: {line!r}"
        opened = line.find("(", thai.start())
        assert 0 <= opened < prose.start(), f"English not in parentheses after the Thai: {line!r}"
        assert not THAI.search(line[prose.start():].split(")")[0]), line


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "tracker")
def test_help_at_80_columns_fits_and_lines_up(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse counts characters; Thai vowel and tone marks take no column: the help is measured in cells."""
    text = _help(command, 80, monkeypatch, capsys)
    lines = text.splitlines()
    assert all(cell_len(line) <= 78 for line in lines), [line for line in lines if cell_len(line) > 78]
    # Where an entry's help starts on the entry's line (after a Thai metavar too), it starts in the
    # column of its wrapped lines below.
    for line, below in itertools.pairwise(lines):
        found = re.match(r"( {2,4}\S.*?\S)(  +)(\S.*)", line)
        if found and below.startswith(" " * 16) and not below.strip().startswith("-"):
            column = cell_len(found.group(1) + found.group(2))
            assert column == len(below) - len(below.lstrip()), (line, below)


def test_argparse_errors_say_it_in_thai_too(capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (["summary", "--round", "7"], "--round ไม่มีตัวเลือก 7"),
        (["frobnicate"], "ไม่มีตัวเลือก 'frobnicate'"),
        (["import"], "ต้องระบุ ไฟล์(PATH)"),
        (["--dbx"], "ไม่รู้จัก --dbx"),
        (["summary", "--db"], "--db ต้องตามด้วยค่า"),
        (["history", "--project", "x"], "ต้องเป็นเลขลำดับโครงการ (a project number)"),
    ]
    for argv, thai in cases:
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and thai in err, err
        assert ": ข้อผิดพลาด (error): " in err and "(see tracker" in err
        prose = ENGLISH_PROSE.search(err, err.index("(error): ") + 9)
        assert prose is not None and err.index(thai) < prose.start(), err  # argparse's English after the Thai
