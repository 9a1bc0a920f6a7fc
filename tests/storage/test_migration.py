"""Schema versions older than this program's: upgraded step by step, or refused when no step exists.

Version 1 (no project uids, no history) is upgraded to version 2, version 2 (one narrative per
plan) to version 3 (one per round), and version 3 to version 4 (the national form's fields: appropriated
budget, "in the ordinance" flag, a remark and an "entered" mark per round), by the real steps; a file claiming version 0 is refused. A longer path is shown with a made-up step from 0 to 1. Every
upgrade keeps the original bytes in backups/ first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.figures import compute
from tracker.domain.model import Plan, Round, plan_to_dict, projects_surely_convert
from tracker.storage import schema as schema_module
from tracker.storage.backups import list_backups
from tracker.storage.schema import MIGRATIONS, SCHEMA_VERSION
from tracker.storage.store import Store, StoreError

from .plans import thai_plan


def version_zero_file(path: Path) -> bytes:
    """A made-up version 0 layout: plans kept under the name "plan_list", amounts as numbers."""
    doc = plan_to_dict(thai_plan())
    doc["projects"][0]["budget"] = 50000
    data = {"meta": {"1": {"app": "tracker", "schema_version": 0}}, "plan_list": {"1": doc}}
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    return raw


def zero_to_one(data: dict[str, Any]) -> dict[str, Any]:
    plans = data.pop("plan_list")
    for doc in plans.values():
        for project in doc["projects"]:
            if isinstance(project["budget"], int):
                project["budget"] = f"{project['budget']}.00"
    data["plans"] = plans
    return data


LOCK = ".tracker.json.lock"


def version_three_doc() -> dict[str, Any]:
    """A plan as version 3 stored it: no appropriated budget, no "in the ordinance" flag, no remark per
    round and no "entered" mark (the project's own remark was there)."""
    doc = plan_to_dict(thai_plan())
    for project in doc["projects"]:
        del project["appropriated"], project["included"]
        for result in project["results"].values():
            del result["remark"], result["entered"]
    doc["projects"][1]["remarks"] = "หมายเหตุเดิมของโครงการ"
    return doc


def as_version_three_kept_it(plan: Plan) -> Plan:
    """``plan`` with what version 3 could not hold unknown, empty, not entered."""
    for project in plan.projects:
        project.appropriated = project.included = None
        for result in project.results.values():
            result.remark, result.entered = "", False
    return plan


def version_two_doc() -> dict[str, Any]:
    """A plan as version 2 stored it: one narrative, that of the plan's round."""
    doc = version_three_doc()
    doc["projects"][1]["remarks"] = ""
    doc["narrative"] = doc.pop("narratives")[str(doc["round"])]
    return doc


def version_one_file(path: Path) -> bytes:
    """The layout every file had before version 2: projects without uid, no history table."""
    doc = version_two_doc()
    for project in doc["projects"]:
        del project["uid"]
    data = {"meta": {"1": {"app": "tracker", "schema_version": 1}}, "plans": {"1": doc}}
    raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    path.write_bytes(raw)
    return raw


def test_one_step_exists_from_each_version_since_1() -> None:
    assert SCHEMA_VERSION == 4
    assert sorted(MIGRATIONS) == [1, 2, 3]


def test_version_two_narrative_becomes_its_rounds(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    doc = version_two_doc()
    doc["round"] = 6
    raw = json.dumps({"meta": {"1": {"app": "tracker", "schema_version": 2}}, "plans": {"1": doc}, "history": {}},
                     ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    with Store.open(path) as store:
        plan = store.load_plan(thai_plan().plan_id)
    assert plan.narratives == {Round.SIX: thai_plan().narratives[Round.TWELVE]}
    assert plan.projects == as_version_three_kept_it(thai_plan()).projects
    assert plan.narrative["background"] == "ที่มาและความสำคัญ ๑๒๓"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "narrative" not in data["plans"]["1"] and data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    [backup] = list_backups(path)
    assert backup.path.read_bytes() == raw


def test_version_three_opens_with_a_backup_and_its_meaning_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    raw = json.dumps({"meta": {"1": {"app": "tracker", "schema_version": 3}}, "plans": {"1": version_three_doc()},
                      "history": {}}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    with Store.open(path) as store:
        plan = store.load_plan(thai_plan().plan_id)
    expected = as_version_three_kept_it(thai_plan())
    expected.projects[1].remarks = "หมายเหตุเดิมของโครงการ"  # the old remark, where it was
    assert plan == expected
    assert compute(plan, Round.TWELVE) == compute(expected, Round.TWELVE)
    [backup] = list_backups(path)
    assert backup.reason.value == "before-migration" and backup.path.read_bytes() == raw
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    stored = data["plans"]["1"]["projects"][0]
    assert (stored["appropriated"], stored["included"]) == (None, None)  # unknown, written out
    assert stored["results"]["12"]["remark"] == "" and stored["results"]["12"]["entered"] is False
    assert projects_surely_convert(data["plans"]["1"]["projects"])  # the quick check of a writer's open


def test_version_one_is_upgraded_after_a_backup_of_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    raw = version_one_file(path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        plan = store.load_plan(thai_plan().plan_id)
        assert plan == as_version_three_kept_it(thai_plan())
        assert [p.uid for p in plan.projects] == [f"p{p.number}" for p in plan.projects]
        assert store.history() == []
    [backup] = list_backups(path)
    assert backup.reason.value == "before-migration" and backup.path.read_bytes() == raw
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION and data["history"] == {}
    assert all(p["uid"] for p in data["plans"]["1"]["projects"])
    with Store.open(path) as store:  # the upgraded file opens as an ordinary one, no second backup
        assert store.load_plan(thai_plan().plan_id) == as_version_three_kept_it(thai_plan())
    assert len(list_backups(path)) == 1


def test_read_only_upgrades_in_memory_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    raw = version_one_file(path)
    with Store.open(path, read_only=True) as store:
        assert store.load_plan(thai_plan().plan_id).projects[0].uid == "p1"
    assert path.read_bytes() == raw
    assert [p.name for p in tmp_path.iterdir()] == ["tracker.json"]  # no lock taken, no backup


def test_no_upgrade_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    raw = version_one_file(path)
    (tmp_path / "backups").write_text("a file where the backups folder would go")
    with pytest.raises(StoreError, match="no backup could be made") as caught:
        Store.open(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == raw


def test_version_zero_without_an_upgrade_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    raw = version_zero_file(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert str(path) in message and "made by an older version" in message and "schema 0" in message
    assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "tracker.json"]


def test_version_zero_is_upgraded_with_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, zero_to_one)
    path = tmp_path / "tracker.json"
    raw = version_zero_file(path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.load_plan(thai_plan().plan_id) == thai_plan()
    assert [b.path.read_bytes() for b in list_backups(path)] == [raw]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "plan_list" not in data
    with Store.open(path) as store:  # the upgraded file opens as an ordinary one
        assert store.load_plan(thai_plan().plan_id) == thai_plan()


def test_upgrade_that_fails_on_the_data_is_refused_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, zero_to_one)
    path = tmp_path / "tracker.json"
    raw = json.dumps({"meta": {"1": {"app": "tracker", "schema_version": 0}}}).encode()
    path.write_bytes(raw)  # no "plan_list": the step cannot work
    with pytest.raises(StoreError, match="cannot upgrade from schema 0"):
        Store.open(path)
    assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "tracker.json"]


def test_upgraded_plans_are_checked_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, lambda data: data)  # forgets to rename the table
    monkeypatch.setattr(schema_module, "PLANS_TABLE", "plan_list")  # so the old table is read as plans
    path = tmp_path / "tracker.json"
    raw = version_zero_file(path)
    data = json.loads(raw)
    data["plan_list"]["1"]["projects"][0]["budget"] = "ห้าหมื่น"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    with pytest.raises(StoreError, match="plan document 1 cannot be read"):
        Store.open(path)
    assert path.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "tracker.json"]
