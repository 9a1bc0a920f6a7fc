"""A writer's open checks every plan quickly (issue 16), and still refuses exactly what does not convert.

Opening for writing no longer converts every project of a large file: projects stored as the store
writes them are checked by the types of the values a conversion can fail on. These tests hold that
shortcut to what converting says, value by value: a writer opens a file if and only if every plan in
it converts and can be written again, and refuses the others with the words it always used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from tracker.domain.history import Change, changes_surely_read
from tracker.domain.model import (
    Plan,
    Signatory,
    SignRole,
    Status,
    plan_fields_surely_convert,
    plan_from_dict,
    plan_to_dict,
    projects_surely_convert,
)
from tracker.storage.atomic import encode_json
from tracker.storage.schema import SCHEMA_VERSION, _conversion_problem
from tracker.storage.store import Store, StoreError

from .plans import thai_plan

ODD_VALUES: list[Any] = [
    None, True, False, 0, 7, -1, 1.5, 1e300, 2**70, "", "x", "3", "12", "ห้าหมื่น", "NaN", "Infinity", "1e999",
    " 5 ", "-0.00", "50000.00", "50000", [], [1], {}, {"a": 1}, "completed", "no_budget", "project",
]
PROJECT_KEYS = list(plan_to_dict(thai_plan())["projects"][0])
RESULT_KEYS = ["status", "result_text", "disbursed", "reason", "reason_text"]


def converts(doc: dict[str, Any]) -> bool:
    """What the full check says (every plan was converted whole before issue 16): the plan converts, its
    id is text, and what it converts into can be written again."""
    return _conversion_problem(doc) is None


def variants() -> list[tuple[str, dict[str, Any]]]:
    """The stored plan with one value of one project (or of one of its results) changed or left out."""
    out: list[tuple[str, dict[str, Any]]] = []
    for key in PROJECT_KEYS:
        for i, value in enumerate([*ODD_VALUES, "<missing>"]):
            doc = plan_to_dict(thai_plan())
            if value == "<missing>":
                del doc["projects"][0][key]
            else:
                doc["projects"][0][key] = value
            out.append((f"{key}-{i}", doc))
    for key in RESULT_KEYS:
        for i, value in enumerate([*ODD_VALUES, "<missing>"]):
            doc = plan_to_dict(thai_plan())
            if value == "<missing>":
                del doc["projects"][0]["results"]["12"][key]
            else:
                doc["projects"][0]["results"]["12"][key] = value
            out.append((f"results.{key}-{i}", doc))
    for i, rounds in enumerate([{"6": {}}, {"7": {}}, {"12": []}, {"06": {}}, {}, []]):
        doc = plan_to_dict(thai_plan())
        doc["projects"][0]["results"] = rounds
        out.append((f"rounds-{i}", doc))
    for i, project in enumerate(["โครงการ", 5, None, []]):
        doc = plan_to_dict(thai_plan())
        doc["projects"][1] = project
        out.append((f"project-{i}", doc))
    for where in PLAN_PLACES:
        for i, value in enumerate([*ODD_VALUES, *PLAN_VALUES, "<missing>"]):
            doc = plan_to_dict(signed(thai_plan()))
            *head, last = where
            parent = doc
            for key in head:
                parent = parent[key]
            if value == "<missing>":
                del parent[last]
            else:
                parent[last] = value
            out.append((".".join(map(str, where)) + f"-{i}", doc))
    return out


def signed(plan: Plan) -> Plan:
    plan.signatures = {SignRole.REPORTER: Signatory("สมชาย", "ปลัด")}
    plan.stated.per_dimension = {1: 2}
    plan.stated.per_status = {Status.COMPLETED: 1}
    return plan


PLAN_PLACES: list[tuple[Any, ...]] = [
    *((key,) for key in plan_to_dict(signed(thai_plan())) if key != "projects"),
    ("dimensions", 0), ("dimensions", 0, "number"), ("dimensions", 0, "name"),
    ("narratives", "12"), ("narratives", "12", "background"),
    ("settings", "level_bands"), ("settings", "level_bands", 0), ("settings", "level_bands", 0, "minimum"),
    ("settings", "level_bands", 0, "label"), ("settings", "digit_style"),
    ("signatures", "reporter"), ("signatures", "reporter", "name"),
    *(("stated", key) for key in ("total", "per_dimension", "per_status", "disbursed", "level", "score")),
    ("stated", "per_dimension", "1"), ("stated", "per_status", "completed"),
]
"""Where a plan's own values are (a key, or the path of keys and indexes to a nested value)."""
PLAN_VALUES: list[Any] = [
    6, 12, 2567, "thai", "arabic", "reporter", {"6": {}}, {"12": {"x": 1}}, {"13": {}}, {"reporter": {}},
    {"1": 2}, {"๑": 2}, {"1" * 5000: 2}, {"completed": 1}, {"done": 1}, [{"number": 1, "name": "x"}],
    [{"minimum": "90", "label": "x"}], [{"minimum": 90, "label": "x"}], [{"minimum": "NaN", "label": "x"}],
    [{"minimum": "x", "label": "x"}], [[]] , [{"id": "i1", "code": "x"}], "", 0,
]


VARIANTS = variants()


@pytest.mark.parametrize("doc", [v[1] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_the_quick_check_never_passes_a_project_that_does_not_convert(doc: dict[str, Any]) -> None:
    # Values as orjson gives them back from the file (2**70 and 1e300 are floats there).
    parsed = orjson.loads(json.dumps(doc))
    if plan_fields_surely_convert(parsed) and projects_surely_convert(parsed["projects"]):
        assert converts(parsed)


OPENED = VARIANTS[::4]
"""A quarter of the variants, opened for real (all of them take half a minute of two shared cores)."""


@pytest.mark.parametrize("doc", [v[1] for v in OPENED], ids=[v[0] for v in OPENED])
def test_a_writer_opens_a_file_exactly_when_its_plans_convert(tmp_path: Path, doc: dict[str, Any]) -> None:
    """A damaged project is refused when the file is opened for editing, with the words of the full check;
    a project that converts (a number written as text) opens as before."""
    path = tmp_path / "tracker.json"
    content = json.dumps(
        {"meta": {"1": {"app": "tracker", "schema_version": SCHEMA_VERSION}}, "plans": {"1": doc}},
        ensure_ascii=False,
    ).encode()
    path.write_bytes(content)
    expected_ok = converts(orjson.loads(content)["plans"]["1"])
    if expected_ok:
        parsed = orjson.loads(content)["plans"]["1"]
        with Store.open(path) as store:
            loaded = store.load_plan(parsed["plan_id"])
        assert without_uids(plan_to_dict(loaded)) == without_uids(plan_to_dict(plan_from_dict(parsed)))
    else:
        with pytest.raises(StoreError) as caught:
            Store.open(path).close()
        # In the words of converting the whole plan (the check every plan had before issue 16).
        problem = _conversion_problem(orjson.loads(content)["plans"]["1"])
        assert f"plan document 1 cannot be read: {problem}" in str(caught.value)
    assert path.read_bytes() == content


def without_uids(doc: dict[str, Any]) -> dict[str, Any]:
    """A project given a random uid on conversion (its "p<number>" taken) gets another one each time."""
    return {**doc, "projects": [{k: v for k, v in p.items() if k != "uid"} for p in doc["projects"]]}


def test_the_stored_form_passes_the_quick_check() -> None:
    """What the store writes is what the quick check recognises (or a writer's open would convert it all)."""
    for plan in (thai_plan(), signed(thai_plan())):
        stored = orjson.loads(encode_json(plan_to_dict(plan)))
        assert plan_fields_surely_convert(stored) and projects_surely_convert(stored["projects"])


CHANGE_KEYS = list(Change(at="2026-11-28T09:00:00+07:00", user="u", plan_id="P", action="edit", field="name",
                          old="a", new="b", project_uid="p1", project_number=1, project_name="x").to_dict())
HISTORY_VALUES: list[Any] = [*ODD_VALUES, "2026-11-28T09:00:00+07:00", "2026-11-28", "edit", "undo", "p1", -5]


def history_variants() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for key in CHANGE_KEYS:
        for i, value in enumerate([*HISTORY_VALUES, "<missing>"]):
            entry = Change(at="2026-11-28T09:00:00+07:00", user="u", plan_id="P", action="edit", field="name",
                           old="a", new="b", project_uid="p1", project_number=1, project_name="x").to_dict()
            if value == "<missing>":
                del entry[key]
            else:
                entry[key] = value
            out.append((f"{key}-{i}", entry))
    return out


HISTORY_VARIANTS = history_variants()


@pytest.mark.parametrize("entry", [v[1] for v in HISTORY_VARIANTS], ids=[v[0] for v in HISTORY_VARIANTS])
def test_the_quick_history_check_never_passes_an_entry_that_does_not_read(entry: dict[str, Any]) -> None:
    parsed = orjson.loads(json.dumps(entry))
    good = Change.from_dict(Change(at="2026-11-28T09:00:00+07:00", user="u", plan_id="P", action="edit",
                                   field="name", old="a", new="b").to_dict()).to_dict()
    if changes_surely_read([good, parsed]):
        Change.from_dict(parsed)  # does not raise


@pytest.mark.parametrize("entry", [v[1] for v in HISTORY_VARIANTS[::3]], ids=[v[0] for v in HISTORY_VARIANTS[::3]])
def test_a_writer_refuses_a_damaged_history_entry_at_open(tmp_path: Path, entry: dict[str, Any]) -> None:
    path = tmp_path / "tracker.json"
    content = json.dumps({
        "meta": {"1": {"app": "tracker", "schema_version": SCHEMA_VERSION}},
        "plans": {"1": plan_to_dict(thai_plan())},
        "history": {"1": entry},
    }, ensure_ascii=False).encode()
    path.write_bytes(content)
    try:
        Change.from_dict(orjson.loads(content)["history"]["1"])
    except (KeyError, ValueError, TypeError, AttributeError):
        with pytest.raises(StoreError, match="history entry 1 is damaged"):
            Store.open(path).close()
    else:
        with Store.open(path) as store:
            assert len(store.history()) == 1
    assert path.read_bytes() == content
