"""The history log: the table of recorded changes, how a save's changes are added to it and read.

Every save records each changed field (:func:`tracker.domain.history.diff_plans`) in the same
write as the change itself. Entries of one person typing on in one field are merged into one entry
(:data:`COALESCE_SECONDS`), so that autosave after every pause does not fill the log with
half-sentences. Kept apart from the store so that these rules can be read and tested on plain data.
"""

from __future__ import annotations

import operator
from datetime import datetime
from itertools import islice
from typing import Any

from tracker.domain.history import Change
from tracker.storage.schema import HISTORY_TABLE

COALESCE_SECONDS = 120
"""Saves of one field by one person within this time read as one change in the history.

Autosave writes after every pause in typing; without this, a sentence typed in three breaths would
leave three entries, two of them half-sentences nobody wrote on purpose.
"""


def append_history(data: dict[str, Any], changes: list[Change]) -> None:
    """Add one save's changes; a field the previous save also changed extends that entry instead.

    The previous save's entries are all looked at, not only the very last entry: one save often
    changes several fields (an autosave after a pause), and typing on in any of them must not
    start a new entry for every pause.
    """
    table = data.setdefault(HISTORY_TABLE, {})
    order = _in_order(table)
    previous = _last_save(table, order)
    for change in changes:
        match = next((k for k in previous if _continues(table[k], change)), None)
        if match is None:
            _add(table, order, change.to_dict())
            continue
        previous.remove(match)
        order.remove(match)
        merged = dict(table.pop(match), new=change.new, at=change.at)
        if merged["old"] != merged["new"]:  # typed and typed back: nothing changed after all
            _add(table, order, merged)  # moved to the end, so that entries stay in time order


def _in_order(table: dict[str, Any]) -> list[str]:
    """The table's ids by number. The store adds each entry under the highest number yet, so they are
    nearly always in order already: checked in one pass instead of sorted (a long history is
    thousands of entries, and every save reads it)."""
    ids = list(table)
    numbers = list(map(int, ids))
    if all(map(operator.lt, numbers, islice(numbers, 1, None))):
        return ids
    return sorted(ids, key=int)


def _add(table: dict[str, Any], order: list[str], entry: dict[str, Any]) -> None:
    """Add ``entry`` under one past the highest id (:func:`~tracker.storage.schema.next_doc_id`);
    ``order`` (the table's ids by number) follows."""
    doc_id = str(int(order[-1]) + 1) if order else "1"
    table[doc_id] = entry
    order.append(doc_id)


def _last_save(table: dict[str, Any], order: list[str]) -> list[str]:
    """The ids of the entries the latest save wrote: the last ones, of one time and one user.

    Entries carry no save of their own; two saves by one user within one second read as one here,
    which only lets them coalesce as they would a second later.
    """
    if not order:
        return []
    last = table[order[-1]]
    found: list[str] = []
    for doc_id in reversed(order):
        entry = table[doc_id]
        if entry.get("at") != last.get("at") or entry.get("user") != last.get("user"):
            break
        found.append(doc_id)
    return found


def _continues(last: dict[str, Any], change: Change) -> bool:
    if change.action != "edit" or last.get("action") != "edit":
        return False
    same = all(
        last.get(k) == v
        for k, v in (
            ("user", change.user), ("plan_id", change.plan_id),
            ("project_uid", change.project_uid), ("field", change.field),
        )
    )
    if not same:
        return False
    try:
        gap = datetime.fromisoformat(change.at) - datetime.fromisoformat(str(last.get("at")))
    except ValueError:
        return False
    return 0 <= gap.total_seconds() <= COALESCE_SECONDS


def read_history(
    data: dict[str, Any], plan_id: str | None = None, project_uid: str | None = None
) -> list[Change]:
    """The changes recorded in ``data``, oldest first; only a plan's, or only one project's, when asked."""
    entries = data.get(HISTORY_TABLE, {})
    changes = [Change.from_dict(entries[k]) for k in sorted(entries, key=int)]
    return [
        c for c in changes
        if (plan_id is None or c.plan_id == plan_id)
        and (project_uid is None or c.project_uid == project_uid)
    ]
