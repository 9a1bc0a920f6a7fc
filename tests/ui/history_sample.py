"""A database whose plan has a history of seventeen changes, for the history screen (and by hand:
``python -m tests.ui.history_sample PATH``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from unittest import mock

from tracker.domain.model import ReasonKind, RoundResult, Status
from tracker.importer.defaults import default_plan
from tracker.storage import store as store_module
from tracker.storage.store import Store

START = datetime(2024, 3, 15, 9, 0, tzinfo=timezone(timedelta(hours=7)))
USER = "somchai"


@contextmanager
def _pinned(start: datetime) -> Iterator[None]:
    """Each save an hour after the one before, by one user: changes that do not merge, the same every run."""
    times = (start + timedelta(hours=i) for i in range(1000))
    with (
        mock.patch.object(store_module, "_clock", lambda: next(times)),
        mock.patch.object(store_module, "this_user", lambda: USER),
    ):
        yield


def history_store(path: Path) -> Store:
    """The default plan in a new database at ``path``, with project 15 edited over seventeen saves."""
    with _pinned(START):
        Store.open(path, initial_plans=[default_plan()]).close()
        store = Store.open(path)
        plan = store.load_plan(store.list_plans()[0].plan_id)
        project = next(p for p in plan.projects if p.number == 15)
        steps: list[tuple[Status, str | None, ReasonKind | None]] = [
            (Status.IN_PROGRESS, None, None),
            (Status.IN_PROGRESS, "5000", None),
            (Status.NOT_DONE, "5000", ReasonKind.NOT_ENOUGH_STAFF),
            (Status.IN_PROGRESS, "12500", None),
            (Status.IN_PROGRESS, "18000", None),
            (Status.COMPLETED, "25000", None),
        ]
        for status, disbursed, reason in steps:
            project.results[plan.round] = RoundResult(
                status, "", None if disbursed is None else Decimal(disbursed), reason
            )
            store.save_plan(plan)
        for n, budget in enumerate(("30000", "28000", "26000", "25000"), start=1):
            project.budget = Decimal(budget)
            project.remarks = f"ปรับงบประมาณครั้งที่ {n}"
            store.save_plan(plan)
        project.results[plan.round] = RoundResult(
            Status.COMPLETED, "จัดกิจกรรมแล้ว ผู้เข้าร่วม ๖๐ คน", Decimal("25000"), None
        )
        store.save_plan(plan)
        return store


if __name__ == "__main__":
    target = Path(sys.argv[1])
    store = history_store(target)
    print(f"{target}: {len(store.history())} changes")
    store.close()
