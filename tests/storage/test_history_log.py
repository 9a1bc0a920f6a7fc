"""The history log on plain data: typing on in one field within COALESCE_SECONDS extends its entry,
anything else starts a new one, and the log reads back oldest first, filtered by plan or project."""

from __future__ import annotations

from typing import Any

from tracker.domain.history import Change
from tracker.storage.history_log import COALESCE_SECONDS, append_history, read_history


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
