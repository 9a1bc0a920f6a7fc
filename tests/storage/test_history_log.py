"""The history log on plain data: typing on in one field within COALESCE_SECONDS extends its entry,
anything else starts a new one, and the log reads back oldest first, filtered by plan or project."""

from __future__ import annotations

import random
from typing import Any

from tracker.domain.history import Change
from tracker.storage.history_log import COALESCE_SECONDS, _continues, append_history, read_history


def edit(at: str, field: str, old: Any, new: Any, *, user: str = "somsri", uid: str = "p1") -> Change:
    return Change(
        at=f"2026-11-27T10:{at}+07:00", user=user, plan_id="P", action="edit", field=field,
        old=old, new=new, project_uid=uid,
    )


def log(data: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(c.field, c.old, c.new) for c in read_history(data)]


def test_typing_on_in_a_field_extends_its_entry() -> None:
    data: dict[str, Any] = {}
    append_history(data, [edit("00:00", "name", "a", "ab"), edit("00:00", "budget", 1, 2)])
    append_history(data, [edit("01:00", "name", "ab", "abc")])
    assert COALESCE_SECONDS >= 60
    assert log(data) == [("budget", 1, 2), ("name", "a", "abc")]  # the extended entry moved last


def test_a_long_pause_another_user_or_another_project_starts_a_new_entry() -> None:
    data: dict[str, Any] = {}
    append_history(data, [edit("00:00", "name", "a", "b")])
    append_history(data, [edit("00:30", "name", "b", "c", user="somchai")])
    append_history(data, [edit("01:00", "name", "x", "y", user="somchai", uid="p2")])
    append_history(data, [edit("59:00", "name", "y", "z", user="somchai", uid="p2")])
    assert len(read_history(data)) == 4


def test_typed_and_typed_back_leaves_nothing() -> None:
    data: dict[str, Any] = {}
    append_history(data, [edit("00:00", "name", "a", "ab")])
    append_history(data, [edit("00:10", "name", "ab", "a")])
    assert read_history(data) == []


def test_reading_filters_by_plan_and_project() -> None:
    data: dict[str, Any] = {}
    append_history(data, [edit("00:00", "name", "a", "b"), edit("00:00", "name", "c", "d", uid="p2")])
    assert [c.project_uid for c in read_history(data, "P", "p2")] == ["p2"]
    assert read_history(data, "Q") == []


def _reference_append(data: dict[str, Any], changes: list[Change]) -> None:
    """append_history as it was before issue 16 (ids sorted and their maximum found on every use)."""
    table = data.setdefault("history", {})
    ids = sorted(table, key=int)
    previous: list[str] = []
    if ids:
        last = table[ids[-1]]
        for doc_id in reversed(ids):
            entry = table[doc_id]
            if entry.get("at") != last.get("at") or entry.get("user") != last.get("user"):
                break
            previous.append(doc_id)

    def next_id() -> str:
        return str(max((int(k) for k in table), default=0) + 1)

    for change in changes:
        match = next((k for k in previous if _continues(table[k], change)), None)
        if match is None:
            table[next_id()] = change.to_dict()
            continue
        previous.remove(match)
        merged = dict(table.pop(match), new=change.new, at=change.at)
        if merged["old"] != merged["new"]:
            table[next_id()] = merged


def test_a_long_history_grows_as_it_always_did() -> None:
    """Entries, their ids and their order in the file are what they were when every save sorted the ids."""
    rng = random.Random(16)
    ours: dict[str, Any] = {}
    reference: dict[str, Any] = {}
    minute = 0
    for _ in range(600):
        minute += rng.choice([0, 0, 1, 3])
        at = f"{minute // 60 % 60:02d}:{minute % 60:02d}"
        save = [
            edit(at, rng.choice(["name", "budget", "remarks"]), rng.choice("ab"), rng.choice("abc"),
                 user=rng.choice(["somsri", "somchai"]), uid=rng.choice(["p1", "p2"]))
            for _ in range(rng.randint(1, 3))
        ]
        append_history(ours, save)
        _reference_append(reference, save)
        assert list(ours["history"].items()) == list(reference["history"].items())
    assert len(ours["history"]) > 300
    # A file edited by hand may list its entries out of order: the next save still numbers them right.
    shuffled = dict(sorted(ours["history"].items(), key=lambda kv: rng.random()))
    ours["history"], reference["history"] = dict(shuffled), dict(shuffled)
    save = [edit("59:59", "name", "x", "y")]
    append_history(ours, save)
    _reference_append(reference, save)
    assert list(ours["history"].items()) == list(reference["history"].items())
