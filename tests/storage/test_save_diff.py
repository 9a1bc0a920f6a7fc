"""The history a save records is found the quick way (issue 16): only what differs is read.

Held to the whole comparison, change for change and in the same order, over edits of every kind: a
field of one project, a result, the plan's own fields, projects added, deleted, moved, renumbered, a
uid given twice or missing, values of another type that compare equal (1, 1.0 and true).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

import pytest

from tracker.domain import history
from tracker.domain.model import ensure_uids, plan_to_dict

from .plans import thai_plan


def stored() -> dict[str, Any]:
    plan = thai_plan()
    ensure_uids(plan)
    return plan_to_dict(plan)


Edit = Callable[[dict[str, Any]], None]


def _project(key: str, value: Any, index: int = 0) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        doc["projects"][index][key] = value
    return edit


def _plan(key: str, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        doc[key] = value
    return edit


def _result(key: str, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        doc["projects"][0]["results"].setdefault("12", {})[key] = value
    return edit


def _narrative(doc: dict[str, Any]) -> None:
    doc["narratives"].setdefault("12", {})["foreword"] = "คำนำใหม่"


def _added(doc: dict[str, Any]) -> None:
    doc["projects"].insert(1, {**copy.deepcopy(doc["projects"][0]), "uid": "k00000001", "number": 9})


def _deleted(doc: dict[str, Any]) -> None:
    del doc["projects"][1]


def _moved(doc: dict[str, Any]) -> None:
    doc["projects"].append(doc["projects"].pop(0))


def _renumbered(doc: dict[str, Any]) -> None:
    for i, project in enumerate(doc["projects"]):
        project["number"] = i + 10


def _uid_twice(doc: dict[str, Any]) -> None:
    doc["projects"][1]["uid"] = doc["projects"][0]["uid"]


def _uid_missing(doc: dict[str, Any]) -> None:
    del doc["projects"][2]["uid"]


def _dotted_key(doc: dict[str, Any]) -> None:
    doc["settings.digit_style"] = "arabic"


def _dimension(doc: dict[str, Any]) -> None:
    doc["dimensions"][0]["number"] = 1.0


EDITS: dict[str, Edit] = {
    "remarks": _project("remarks", "หมายเหตุใหม่"),
    "budget": _project("budget", "1.00", 2),
    "number-as-float": _project("number", 1.0),
    "number-as-bool": _project("number", True),
    "kind": _project("kind", "measure", 1),
    "status": _result("status", "not_done"),
    "disbursed": _result("disbursed", "10.00"),
    "organization": _plan("organization", "เทศบาลตำบลบางเตย"),
    "year-as-float": _plan("fiscal_year", 2567.0),
    "round": _plan("round", 6),
    "source-missing": lambda doc: doc.pop("source"),
    "settings": _plan("settings", {"digit_style": "arabic", "level_bands": []}),
    "stated-total-true": lambda doc: doc["stated"].update(total=True),
    "narrative": _narrative,
    "dimension-float": _dimension,
    "added": _added,
    "deleted": _deleted,
    "moved": _moved,
    "renumbered": _renumbered,
    "uid-twice": _uid_twice,
    "uid-missing": _uid_missing,
    "dotted-key": _dotted_key,
}


def both_ways(old: dict[str, Any], new: dict[str, Any], action: str = "edit") -> tuple[list[Any], list[Any]]:
    args: dict[str, Any] = {"at": "2026-11-28T09:00:00+07:00", "user": "สมชาย", "action": action}
    return history._diff(old, new, quick=True, **args), history._diff(old, new, quick=False, **args)


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit_is_recorded_as_the_whole_comparison_records_it(name: str) -> None:
    old = stored()
    new = copy.deepcopy(old)
    EDITS[name](new)
    quick, whole = both_ways(old, new)
    assert quick == whole
    assert history.diff_plans(old, new, at="2026-11-28T09:00:00+07:00", user="สมชาย") == quick
    back_quick, back_whole = both_ways(new, old, "undo")
    assert back_quick == back_whole


def test_random_edits_are_recorded_as_the_whole_comparison_records_them() -> None:
    rng = random.Random(16)
    names = list(EDITS)
    recorded = 0
    for _ in range(300):
        old = stored()
        new = copy.deepcopy(old)
        for name in rng.sample(names, rng.randint(1, 4)):
            try:
                EDITS[name](new)
            except (IndexError, KeyError):
                continue  # an edit that no longer applies after another (a project deleted)
        quick, whole = both_ways(old, new)
        assert quick == whole
        recorded += bool(whole)
    assert recorded > 250  # nearly every mix of edits is a change to record


def test_an_untouched_plan_records_nothing() -> None:
    old = stored()
    assert both_ways(old, copy.deepcopy(old)) == ([], [])
