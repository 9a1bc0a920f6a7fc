"""Schema versions older than this program's: upgraded step by step, or refused when no step exists.

Version 1 is the first layout ever written, so the real registry is empty and a file claiming
version 0 is refused. The upgrade path itself is shown with a made-up step from 0 to 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.model import plan_to_dict
from tracker.storage import store as store_module
from tracker.storage.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError

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


def test_registry_is_empty_while_version_1_is_the_only_layout() -> None:
    assert SCHEMA_VERSION == 1
    assert MIGRATIONS == {}


def test_version_zero_without_an_upgrade_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    raw = version_zero_file(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert str(path) in message and "made by an older version" in message and "schema 0" in message
    assert path.read_bytes() == raw
    assert [p.name for p in tmp_path.iterdir()] == ["tracker.json"]


def test_version_zero_is_upgraded_with_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, zero_to_one)
    path = tmp_path / "tracker.json"
    raw = version_zero_file(path)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.load_plan(thai_plan().plan_id) == thai_plan()
    assert (tmp_path / "tracker.json.schema-0.bak").read_bytes() == raw
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
    assert [p.name for p in tmp_path.iterdir()] == ["tracker.json"]


def test_upgraded_plans_are_checked_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, lambda data: data)  # forgets to rename the table
    monkeypatch.setattr(store_module, "PLANS_TABLE", "plan_list")  # so the old table is read as plans
    path = tmp_path / "tracker.json"
    raw = version_zero_file(path)
    data = json.loads(raw)
    data["plan_list"]["1"]["projects"][0]["budget"] = "ห้าหมื่น"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    with pytest.raises(StoreError, match="plan document 1 cannot be read"):
        Store.open(path)
    assert path.read_bytes() == raw
    assert [p.name for p in tmp_path.iterdir()] == ["tracker.json"]
