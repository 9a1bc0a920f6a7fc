"""The command line speaks Thai with English beside it: its --help, argparse's own words, no raw keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
