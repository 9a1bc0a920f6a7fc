"""A save writes the plans it did not change from the bytes it wrote before (issue 16), and the file is
still, byte for byte, what serializing the whole database gives."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

import tracker.storage.store as store_module
from tracker.domain.model import Project
from tracker.storage.atomic import DocumentBytes, encode_json
from tracker.storage.store import Store

from .plans import thai_plan

TEXTS = ["", "บางเตย", "line\nbreak", 'quote " and \\ back', "\t\u0001", "ๅ๑๒", "emoji 🙂"]


def value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 3 else 5)
    if kind == 0:
        return rng.choice(TEXTS)
    if kind == 1:
        return rng.randrange(-10**6, 10**6)
    if kind == 2:
        return rng.choice([None, True, False])
    if kind == 3:
        return rng.random()
    if kind == 4:
        return rng.choice([[], {}])
    if kind in (5, 6):
        return {rng.choice(TEXTS) + str(i): value(rng, depth + 1) for i in range(rng.randrange(4))}
    return [value(rng, depth + 1) for _ in range(rng.randrange(4))]


def database(rng: random.Random) -> dict[str, Any]:
    return {
        name: {str(i + 1): {"k": value(rng), "n": value(rng)} for i in range(rng.randrange(4))}
        for name in rng.sample(["meta", "plans", "history", "other"], rng.randrange(1, 5))
    }


def test_the_bytes_are_those_of_serializing_the_whole_database() -> None:
    rng = random.Random(16)
    encoder = DocumentBytes(frozenset({"plans", "history"}))
    for _ in range(500):
        data = database(rng)
        assert encoder.encode(data) == encode_json(data)
        # A save replaces some documents and removes or adds others; the rest keep their bytes.
        for table in data.values():
            for doc_id in list(table):
                choice = rng.randrange(4)
                if choice == 0:
                    table[doc_id] = {"k": value(rng)}
                elif choice == 1:
                    del table[doc_id]
            if rng.random() < 0.3:
                table[str(len(table) + 10)] = {"new": value(rng)}
        assert encoder.encode(data) == encode_json(data)


@pytest.mark.parametrize("data", [{}, [], {"plans": []}, {"plans": {1: {}}}, {"plans": {"1": "x"}}, {"a": {}}])
def test_anything_else_is_serialized_as_a_whole(data: Any) -> None:
    encoder = DocumentBytes(frozenset({"plans"}))
    try:
        expected: bytes | type[Exception] = encode_json(data)
    except (TypeError, ValueError) as exc:
        expected = type(exc)
    if isinstance(expected, bytes):
        assert encoder.encode(data) == expected
    else:
        with pytest.raises(expected):
            encoder.encode(data)


def test_after_a_day_of_saves_the_file_is_what_it_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits, a new project, a deleted plan, a setting, typing on in one field: the file written from
    kept bytes is byte for byte the serialization of what it holds, and reads back as saved."""
    clock = [datetime(2026, 11, 28, 9, 0, tzinfo=timezone(timedelta(hours=7)))]
    monkeypatch.setattr(store_module, "_clock", lambda: clock[0])
    path = tmp_path / "tracker.json"
    plans = [thai_plan(f"แผน-{i}", 2560 + i) for i in range(4)]
    with Store.open(path, initial_plans=plans) as store:
        first = store.load_plan("แผน-0")
        for i in range(5):
            first.projects[0].remarks = "พิมพ์" * (i + 1)  # typing on: one history entry extended
            store.save_plan(first)
            clock[0] += timedelta(seconds=20)
        second = store.load_plan("แผน-1")
        second.projects.append(Project(number=4, name="โครงการใหม่", dimension=2, budget=Decimal("10.00")))
        store.save_plan(second)
        store.delete_plan("แผน-2")
        store.set_backup_keep(5)
        clock[0] += timedelta(minutes=10)
        first.organization = "เทศบาลตำบลบางเตย"
        store.save_plan(first)
        raw = path.read_bytes()
        assert raw == encode_json(orjson.loads(raw))
        assert [p.plan_id for p in store.list_plans()] == ["แผน-0", "แผน-1", "แผน-3"]
    with Store.open(path, read_only=True) as reread:
        assert reread.load_plan("แผน-0") == first
        assert reread.load_plan("แผน-1") == second
        assert reread.backup_keep == 5
        assert [c.new for c in reread.history("แผน-0") if c.field == "remarks"] == ["พิมพ์" * 5]
