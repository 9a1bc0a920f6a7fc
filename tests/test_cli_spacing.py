"""`tracker check` on the default plan: the spaces its wrapped part 3 cells left, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.importer.defaults import default_plan


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office" / "tracker.json"


def test_check_json_reports_the_split_phrases(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(db), "check", "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    spacing = [f for f in findings if f["family"] == "spacing"]
    assert all(f["code"] == "SPACE_SPLITS_PHRASE" and f["severity"] == "warning" for f in spacing)
    messages = [f["message"] for f in spacing]
    assert any("ไม่ เพียงพอ" in m for m in messages)
    assert sum("องค์การ บริหาร" in m for m in messages) == 2  # the two of part 3's methods (names are joined)
    assert not [f for f in spacing if f["field"] == "name"]
    names = [p.name for p in default_plan().projects]
    for finding in findings:  # no finding of any rule quotes a project name's ordinary space
        for name in names:
            if " " in name:
                assert name not in finding["message"] + finding["detail"], (finding["code"], name)
    negation = next(f for f in spacing if "ไม่ เพียงพอ" in f["message"])
    assert (negation["project"], negation["field"]) == (3, "result_text")
    assert "บุคลากรไม่เพียงพอ" in negation["detail"]


def test_check_prints_the_family(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(db), "check"])
    out = capsys.readouterr().out
    assert "ช่องว่างแยกวลีหรือชื่อ (spacing)" in out
    assert "[SPACE_SPLITS_PHRASE] โครงการ ๓" in out
