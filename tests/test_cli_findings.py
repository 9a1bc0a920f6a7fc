"""`tracker check` and the import's findings kept with the plan; no finding the user cannot act on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.domain.editing import add_project
from tracker.importer.defaults import SEED_REPORT
from tracker.storage.store import Store

PLAN = "บางเตย-2567"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office" / "tracker.json"


def check_json(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    main(["--db", str(db), "check", "--json", *args])
    data: dict = json.loads(capsys.readouterr().out)  # type: ignore[type-arg]
    return data


def imported(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    # --replace: whether or not the lead's fix makes a new database hold only the import.
    assert main(["--db", str(db), "import", str(SEED_REPORT), "--replace"]) == 0
    return capsys.readouterr().out


def test_the_imports_findings_are_still_there_for_a_later_check(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = imported(db, capsys)
    # The import names each with the id that resolves it.
    assert "- i5 [AMOUNT_AMBIGUOUS] โครงการ ๑๕" in out
    assert main(["--db", str(db), "check"]) == 1  # project 2's missing reason is an error
    out = capsys.readouterr().out
    heading = "ข้อสังเกตจากการนำเข้า: ทำเครื่องหมายว่าแก้แล้วด้วย tracker check --resolve รหัส"
    assert heading in out
    after = out[out.index(heading):]
    assert "i5 [AMOUNT_AMBIGUOUS] โครงการ ๑๕ งบประมาณโครงการลำดับ ๑๕ ในส่วนที่ ๓ เขียน “๓๐.๐๐๐”" in after
    assert "i4 [NAME_MISMATCH] โครงการ ๑๐" in after
    data = check_json(db, capsys)
    kept = [f for f in data["findings"] if f["family"] == "import"]
    assert [f["id"] for f in kept] == ["i1", "i2", "i3", "i4", "i5", "i6", "i7"]
    assert all("id" not in f for f in data["findings"] if f["family"] != "import")


def test_resolving_a_finding_from_the_command_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported(db, capsys)
    assert main(["--db", str(db), "check", "--resolve", "i5", "--resolve", "I4"]) == 1
    out = capsys.readouterr().out
    assert "ทำเครื่องหมายว่าแก้แล้ว (marked resolved): i5, i4" in out
    assert "[AMOUNT_AMBIGUOUS]" not in out and "i6 [NAME_MISMATCH]" in out
    data = check_json(db, capsys)
    assert "i5" not in [f.get("id") for f in data["findings"]]
    # It is a saved edit: the history says who marked it, and when.
    assert main(["--db", str(db), "history", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    changes = history["changes"] if isinstance(history, dict) else history
    assert {(c["field"], c["old"], c["new"]) for c in changes} >= {
        ("import_findings.i5", "open", "resolved"), ("import_findings.i4", "open", "resolved")
    }
    assert main(["--db", str(db), "check", "--resolve", "all", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["resolved"] == ["i1", "i2", "i3", "i6", "i7"]
    assert not [f for f in data["findings"] if f["family"] == "import"]


def test_an_unknown_id_changes_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported(db, capsys)
    before = db.read_bytes()
    assert main(["--db", str(db), "check", "--resolve", "i5", "--resolve", "i42"]) == 2
    err = capsys.readouterr().err
    assert "i42" in err and "i5" in err  # the open ones are named
    assert db.read_bytes() == before


def test_after_adding_a_project_part_1s_typed_count_is_no_finding(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every export writes part 1's counts afresh: "part 1 states 20 projects" is nothing to act on."""
    main(["--db", str(db), "plans"])  # the default plan (part 1 typed "๒๐ โครงการ")
    with Store.open(db) as store:
        plan = store.load_plan(PLAN)
        add_project(plan, 1, "โครงการอบรมคุณธรรมจริยธรรม")
        store.save_plan(plan)
    capsys.readouterr()
    main(["--db", str(db), "check"])
    out = capsys.readouterr().out
    # ("๒๐ โครงการ" as part 1 typed it; not the "โครงการ ๒๐ โครงการลำดับ ๒๐" of project 20's own findings)
    assert "ส่วนที่ ๑ เขียนว่า" not in out and not re.search(r"(?<!โครงการ )๒๐ โครงการ(?!ลำดับ)", out)
    assert "COUNT_STATED" not in out
