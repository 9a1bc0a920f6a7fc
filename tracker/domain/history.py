"""What changed between two versions of a plan, field by field: the plan's history.

Works on the plain dicts of :func:`tracker.domain.model.plan_to_dict` (what the store keeps), so that
a version read back from disk and the one in memory compare the same way. Projects are followed by
their ``uid`` (stable when projects move); where a version has a project without one (a file from
before uids), every project of both versions is followed by its number instead.

What is a change:

- a plan-level field (nested dicts flattened with dots: ``narratives.12.foreword``, ``dimensions.2.name``,
  ``settings.digit_style``; ``settings.level_bands`` is one value); ``stated`` is derived at import
  and not recorded; a finding kept from an import is one value, its state (``import_findings.i3``:
  open, resolved, settled);
- a project added or deleted: one change of field ``project`` holding the whole project dict, so the
  history keeps what was deleted;
- a field of a project, its results as ``results.<round>.<key>`` (a round missing on one side reads as
  not reported);
- a project's place: adding or deleting a project renumbers the ones after it, which is not recorded;
  a project moved among the others (it left the longest run of projects that kept their order) or
  to another dimension under another number is recorded as a ``move`` of field ``number``.

Values stay JSON values as in the dict (amounts as "50000.00", None for ไม่ใช้งบประมาณ);
:func:`field_label` and :func:`value_text` make them readable in Thai.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

from tracker.domain.fields import PLAN_FIELDS, PROJECT_FIELDS, SIGNATORY_FIELDS, FieldKind
from tracker.domain.model import (
    FINDING_STATE_LABELS,
    INCLUDED_LABELS,
    KIND_LABELS,
    NARRATIVE_SECTIONS,
    REASON_LABELS,
    SIGN_ROLE_LABELS,
    STATUS_LABELS,
    FindingState,
    ProjectKind,
    ReasonKind,
    Status,
)
from tracker.domain.thai import NO_BUDGET_TEXT, DigitStyle, format_baht, with_digits

ACTIONS: tuple[str, ...] = ("edit", "add", "delete", "move", "restore", "undo", "redo", "import")
"""What a change came from; a hint given to :func:`diff_plans` replaces "edit" for the whole diff."""
ACTION_LABELS: dict[str, str] = {
    "edit": "แก้ไข",
    "add": "เพิ่ม",
    "delete": "ลบ",
    "move": "ย้ายลำดับ",
    "restore": "กู้คืน",
    "undo": "เลิกทำ",
    "redo": "ทำซ้ำ",
    "import": "นำเข้า",
}

PLAN_FIELD = "plan"
"""The field of the one change that records a new plan (its value is the plan's title)."""
PROJECT_FIELD = "project"
"""The field of a project added or deleted (its value is the whole project dict)."""
NUMBER_FIELD = "number"
"""The field of a move: the project's order number, old and new."""

IMPORT_FINDINGS_FIELD = "import_findings"
"""The head of the field of a finding kept from an import: "import_findings.i3", valued by its state."""

EMPTY_RESULT: dict[str, Any] = {
    "status": Status.NOT_REPORTED.value,
    "result_text": "",
    "disbursed": None,
    "reason": None,
    "reason_text": "",
    "remark": "",
    "entered": False,
}
"""A round's result where a version has none: not reported, nothing written."""

APPENDIX_HEADING = "ภาคผนวก บันทึกการเปลี่ยนแปลง"
"""The heading of the history appended to a report."""
NO_CHANGES_TEXT = "ยังไม่มีการเปลี่ยนแปลงที่บันทึกไว้"
"""What an empty history says."""
EMPTY_VALUE = "—"
"""A value that is not there (a project before it was added, a field nobody filled)."""
UNKNOWN_TEXT = INCLUDED_LABELS[None]
"""A value kept as unknown (the amount appropriated in the budget ordinance, whether the project is in it)."""
ENTERED_TEXTS: dict[bool, str] = {True: "บันทึกแล้ว", False: "ยังไม่ได้บันทึก"}
"""The "entered in e-PlanNACC" mark of a round, in words."""

_SKIPPED_PLAN_KEYS = frozenset({"projects", "stated"})
_SKIPPED_PROJECT_KEYS = frozenset({"uid", "number", "results"})
_PLAN_TEXT_KEYS = frozenset({"organization", "district", "province", "preparing_unit", "source", "plan_id"})
_PROJECT_DEFAULTS: dict[str, Any] = {
    "name": "", "kind": ProjectKind.OTHER.value, "method": "", "indicator": "", "budget": None,
    "appropriated": None, "included": None, "period": "", "unit": "", "remarks": "",
}


@dataclass(frozen=True, slots=True)
class Change:
    """One field of a plan or of one of its projects, changed once."""

    at: str
    """When: ISO 8601 local time with its offset, to the second ("2024-03-15T14:30:00+07:00")."""
    user: str
    """Who: the OS user."""
    plan_id: str
    action: str
    """One of :data:`ACTIONS`."""
    field: str
    """What: "name", "budget", "results.12.status", "narratives.12.foreword", "project", "plan", ...

    ("narrative.foreword" in history recorded before each round had its own narrative.)"""
    old: Any
    new: Any
    project_uid: str | None = None
    project_number: int | None = None
    """The project's number after the change (before it, for a deletion); None for the plan's own fields."""
    project_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-able data."""
        return {
            "at": self.at,
            "user": self.user,
            "plan_id": self.plan_id,
            "action": self.action,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "project_uid": self.project_uid,
            "project_number": self.project_number,
            "project_name": self.project_name,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Change:
        """A change from its stored data; raises KeyError/ValueError/TypeError on malformed data."""
        if not isinstance(data, dict):
            raise TypeError(f"a change must be an object, not {type(data).__name__}")
        texts = {key: _text(data[key], key) for key in ("at", "user", "plan_id", "action", "field")}
        datetime.fromisoformat(texts["at"])  # ValueError if it is no time
        if texts["action"] not in ACTIONS:
            raise ValueError(f"unknown action: {texts['action']!r}")
        uid = data.get("project_uid")
        if uid is not None:
            _text(uid, "project_uid")
        number = data.get("project_number")
        if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
            raise TypeError(f"project_number must be an integer, not {number!r}")
        return cls(
            at=texts["at"],
            user=texts["user"],
            plan_id=texts["plan_id"],
            action=texts["action"],
            field=texts["field"],
            old=data["old"],
            new=data["new"],
            project_uid=uid,
            project_number=number,
            project_name=_text(data.get("project_name", ""), "project_name"),
        )


_CHANGE_TEXTS = itemgetter("at", "user", "plan_id", "action", "field", "old", "new")
_ACTION_SET = frozenset(ACTIONS)


def changes_surely_read(entries: list[Any]) -> bool:
    """A quick check for opening a file with a long history: True when :meth:`Change.from_dict` certainly
    reads every entry of ``entries``; False only means "read them one by one to find out".

    Kept in step with :meth:`Change.from_dict`; every pass runs in C (map, zip, sets), and each time
    is parsed once however many entries share it (a save's entries all do).
    """
    if not entries:
        return True
    try:
        if not set(map(type, entries)) <= {dict}:
            return False
        at, user, plan_id, action, field, _old, _new = zip(*map(_CHANGE_TEXTS, entries), strict=True)
        if not set(map(type, chain(at, user, plan_id, action, field))) <= {str} or not set(action) <= _ACTION_SET:
            return False
        all(map(datetime.fromisoformat, set(at)))  # raises ValueError for what is no time
        uids = map(dict.get, entries, repeat("project_uid"))
        numbers = map(dict.get, entries, repeat("project_number"))
        names = map(dict.get, entries, repeat("project_name"), repeat(""))
        return (
            set(map(type, uids)) <= {str, type(None)}
            and set(map(type, numbers)) <= {int, type(None)}
            and set(map(type, names)) <= {str}
        )
    except (KeyError, TypeError, ValueError):
        return False


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{key} must be text, not {type(value).__name__}")
    return value


# --- the diff ------------------------------------------------------------------------------------------


def diff_plans(
    old: dict[str, Any] | None, new: dict[str, Any], *, at: str, user: str, action: str = "edit"
) -> list[Change]:
    """Every change from ``old`` to ``new`` (two :func:`~tracker.domain.model.plan_to_dict` dicts).

    ``old`` None is a new plan: one change of field "plan" (action "add", or the hint) and nothing
    else. ``action`` other than "edit" (undo, redo, restore, import) replaces "edit" on every change;
    additions, deletions and moves keep their own. Identical versions give [].

    The order: the plan's own fields, then project by project in the new order (additions, field
    changes, results, a move), then the deleted projects in their old order.
    """
    return _diff(old, new, at=at, user=user, action=action, quick=True)


def _diff(
    old: dict[str, Any] | None, new: dict[str, Any], *, at: str, user: str, action: str, quick: bool
) -> list[Change]:
    """:func:`diff_plans`; ``quick``: parts that are the same in both versions are skipped unread (the
    usual save changes one or two values). The tests hold the quick way to the whole one (False)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action: {action!r}")
    plan_id = str(new.get("plan_id") or (old or {}).get("plan_id") or "")

    def change(field: str, before: Any, after: Any, kind: str = "edit", project: dict[str, Any] | None = None,
               uid: str | None = None) -> Change:
        return Change(
            at=at, user=user, plan_id=plan_id, action=action if kind == "edit" else kind, field=field,
            old=before, new=after, project_uid=uid,
            project_number=_number(project) if project is not None else None,
            project_name=str(project.get("name", "")) if project is not None else "",
        )

    if old is None:
        title = f"{new.get('organization', '')} ปีงบประมาณ {new.get('fiscal_year', '')}"
        return [change(PLAN_FIELD, None, title, "add" if action == "edit" else action)]

    changes = [change(f, a, b) for f, a, b in _plan_fields(*(_differing_parts(old, new) if quick else (old, new)))]
    old_projects = _projects(old)
    new_projects = _projects(new)
    if quick and _same_places(old_projects, new_projects):
        # The usual save: the same projects in the same places, one or two of them edited. What the
        # general way below finds then, found without keying and ordering every project.
        for was, now in zip(old_projects, new_projects, strict=True):
            if was != now:
                changes += [change(f, a, b, project=now, uid=_uid(now)) for f, a, b in _project_fields(was, now)]
        return changes
    by_uid = all(_uid(p) for p in old_projects + new_projects)
    old_keyed = dict(_keyed(old_projects, by_uid))
    new_keyed = dict(_keyed(new_projects, by_uid))
    moved = _moved(old_keyed, new_keyed)
    for key, project in new_keyed.items():
        uid = _uid(project)
        before = old_keyed.get(key)
        if before is None:
            changes.append(change(PROJECT_FIELD, None, copy.deepcopy(project), "add", project, uid))
            continue
        if before != project:  # most projects are untouched by a save: one C-level comparison each
            changes += [change(f, a, b, project=project, uid=uid) for f, a, b in _project_fields(before, project)]
        if key in moved:
            changes.append(change(NUMBER_FIELD, before.get("number"), project.get("number"), "move", project, uid))
    for key, project in old_keyed.items():
        if key not in new_keyed:
            changes.append(change(PROJECT_FIELD, copy.deepcopy(project), None, "delete", project, _uid(project)))
    return changes


def _same_places(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> bool:
    """Whether both versions list the same projects (by uid, each uid once) in the same order under the
    same numbers: then no project was added, deleted or moved."""
    uids = list(map(dict.get, old, repeat("uid")))
    if uids != list(map(dict.get, new, repeat("uid"))):
        return False
    distinct = set(uids)
    if len(distinct) != len(uids) or "" in distinct or not set(map(type, uids)) <= {str}:
        return False
    return list(map(dict.get, old, repeat("number"))) == list(map(dict.get, new, repeat("number")))


def _differing_parts(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both versions without the plan's own values that are the same in both (compared as
    :func:`_plan_fields` compares them: leaf by leaf, types too), each in its own order."""
    keys = _union(new, old)
    if any("." in key for key in keys):
        return old, new  # a dotted key could give the same field as another key's nested value
    kept = {
        key for key in keys
        if key in _FLATTENED_LISTS or key not in old or key not in new or not _same_tree(old[key], new[key])
    }
    return {k: v for k, v in old.items() if k in kept}, {k: v for k, v in new.items() if k in kept}


_FLATTENED_LISTS = frozenset({"dimensions", IMPORT_FINDINGS_FIELD})
"""Plan values that are lists but are compared item by item (:func:`_flatten_plan`)."""


def _same_tree(a: Any, b: Any) -> bool:
    """Whether :func:`_flatten` gives the same fields with the same values (:func:`_same`) for both."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return a.keys() == b.keys() and all(_same_tree(value, b[key]) for key, value in a.items())
    return bool(a == b)


def _plan_fields(old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(field, old, new) of every plan-level value that differs."""
    flat_old = dict(_flatten_plan(old))
    flat_new = dict(_flatten_plan(new))
    for field in _union(flat_new, flat_old):
        default = _plan_default(field)
        before, after = flat_old.get(field, default), flat_new.get(field, default)
        if not _same(before, after):
            yield field, before, after


def _flatten_plan(plan: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in plan.items():
        if key in _SKIPPED_PLAN_KEYS:
            continue
        if key == IMPORT_FINDINGS_FIELD and isinstance(value, list):
            # One value per finding, its state: resolving or settling one is one change.
            for item in value:
                if isinstance(item, dict):
                    yield f"{IMPORT_FINDINGS_FIELD}.{item.get('id')}", item.get("state")
        elif key == "dimensions" and isinstance(value, list) and all(isinstance(d, dict) for d in value):
            for dim in value:
                for sub, item in dim.items():
                    if sub != "number":
                        yield f"dimensions.{dim.get('number')}.{sub}", item
        else:
            yield from _flatten(key, value)


def _flatten(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    """Nested dicts as dotted fields; lists and everything else are one value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(f"{prefix}.{key}", item)
    else:
        yield prefix, value


def _plan_default(field: str) -> Any:
    """What a field missing from a version means: no text for text fields, otherwise nothing."""
    if field.startswith(("narrative.", "narratives.", "signatures.")) or field in _PLAN_TEXT_KEYS:
        return ""
    return None


def _project_fields(old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(field, old, new) of every value of a project that differs, its results last."""
    for field in _union(new, old):
        if field in _SKIPPED_PROJECT_KEYS:
            continue
        default = _PROJECT_DEFAULTS.get(field)
        before, after = old.get(field, default), new.get(field, default)
        if not _same(before, after):
            yield field, before, after
    old_results, new_results = _results(old), _results(new)
    for round_ in sorted(_union(old_results, new_results), key=_round_order):
        before_result = old_results.get(round_) or {}
        after_result = new_results.get(round_) or {}
        for key in _union(EMPTY_RESULT, after_result, before_result):
            default = EMPTY_RESULT.get(key)
            before, after = before_result.get(key, default), after_result.get(key, default)
            if not _same(before, after):
                yield f"results.{round_}.{key}", before, after


def _results(project: dict[str, Any]) -> dict[str, dict[str, Any]]:
    results = project.get("results")
    if not isinstance(results, dict):
        return {}
    return {str(k): v for k, v in results.items() if isinstance(v, dict)}


def _round_order(round_: str) -> tuple[int, int, str]:
    return (0, int(round_), "") if round_.isdigit() else (1, 0, round_)


def _union(*dicts: Iterable[str]) -> list[str]:
    """The keys of all dicts, each once, in the order first seen."""
    return list(dict.fromkeys(key for d in dicts for key in d))


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values: 1 and True, or 1 and 1.0, are not the same value here."""
    return type(a) is type(b) and a == b


def _projects(plan: dict[str, Any]) -> list[dict[str, Any]]:
    projects = plan.get("projects") or []
    return [p for p in projects if isinstance(p, dict)]


def _uid(project: dict[str, Any]) -> str | None:
    uid = project.get("uid")
    return uid if isinstance(uid, str) and uid else None


def _number(project: dict[str, Any]) -> int | None:
    number = project.get("number")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _keyed(projects: list[dict[str, Any]], by_uid: bool) -> Iterator[tuple[tuple[str, int], dict[str, Any]]]:
    """Each project under its identity (uid, or number), made unique by its occurrence should two share one."""
    seen: dict[str, int] = {}
    for project in projects:
        ident = f"uid:{_uid(project)}" if by_uid else f"number:{project.get('number')!r}"
        occurrence = seen.get(ident, 0)
        seen[ident] = occurrence + 1
        yield (ident, occurrence), project


def _order(keyed: dict[tuple[str, int], dict[str, Any]], common: set[tuple[str, int]]) -> list[tuple[str, int]]:
    """The keys of ``common`` in the version's order: by number, then as listed."""
    listed = [(i, key) for i, key in enumerate(keyed) if key in common]
    listed.sort(key=lambda ik: (_sort_number(keyed[ik[1]]), ik[0]))
    return [key for _, key in listed]


def _sort_number(project: dict[str, Any]) -> int:
    number = _number(project)
    return number if number is not None else 10**18


def _moved(
    old: dict[tuple[str, int], dict[str, Any]], new: dict[tuple[str, int], dict[str, Any]]
) -> set[tuple[str, int]]:
    """Projects in both versions that moved: out of order among the others, or into another dimension
    under another number (a project that became the first of the next dimension keeps its number and
    its place: its dimension's edit says it all).

    The projects that kept their order are the longest run of them whose old order increases in the
    new order; where several runs are as long, the one keeping more numbers, then more places, wins.
    """
    common = set(old) & set(new)
    if list(old) == list(new) and all(
        old[key].get("number") == new[key].get("number") for key in common
    ):
        return set()  # the usual save: the same projects, listed and numbered as before
    old_order = _order(old, common)
    new_order = _order(new, common)
    old_rank = {key: i for i, key in enumerate(old_order)}
    sequence = [old_rank[key] for key in new_order]
    weights = [
        (int(old[key].get("number") == new[key].get("number")), int(old_rank[key] == i))
        for i, key in enumerate(new_order)
    ]
    kept = {new_order[i] for i in _heaviest_increasing(sequence, weights)}
    moved = common - kept
    moved |= {
        key for key in common
        if not _same(old[key].get("dimension"), new[key].get("dimension"))
        and not _same(old[key].get("number"), new[key].get("number"))
    }
    return moved


_Score = tuple[int, int, int]
"""A run of kept projects: its length, how many kept their number, how many kept their place."""


def _heaviest_increasing(sequence: list[int], weights: list[tuple[int, int]]) -> list[int]:
    """Indexes of a longest increasing subsequence of ``sequence`` (a permutation of 0..n-1).

    Among the longest, the one with the greatest sum of ``weights`` (compared in order). O(n log n):
    a Fenwick tree over values keeps the best run ending at or below each value.
    """
    n = len(sequence)
    tree: list[tuple[_Score, int]] = [((0, 0, 0), -1)] * (n + 1)

    def best_below(value: int) -> tuple[_Score, int]:
        best: tuple[_Score, int] = ((0, 0, 0), -1)
        i = value  # values < value: positions 1..value
        while i > 0:
            if tree[i][0] > best[0]:
                best = tree[i]
            i -= i & -i
        return best

    def update(value: int, entry: tuple[_Score, int]) -> None:
        i = value + 1
        while i <= n:
            if entry[0] > tree[i][0]:
                tree[i] = entry
            i += i & -i

    previous = [-1] * n
    best_end: tuple[_Score, int] = ((0, 0, 0), -1)
    for index, value in enumerate(sequence):
        (length, same_number, same_place), before = best_below(value)
        score = (length + 1, same_number + weights[index][0], same_place + weights[index][1])
        previous[index] = before
        update(value, (score, index))
        if score > best_end[0]:
            best_end = (score, index)
    out = []
    index = best_end[1]
    while index != -1:
        out.append(index)
        index = previous[index]
    return out[::-1]


# --- in Thai ----------------------------------------------------------------------------------------

# The fields a person edits are labelled as the catalogue labels them (tracker.domain.fields), so the
# history names a field as its form does; the rest are fields only the program writes.
_PLAN_LABELS: dict[str, str] = {
    PLAN_FIELD: "แผน",
    PROJECT_FIELD: "โครงการ",
    "plan_id": "รหัสแผน",
    **{f.path: f.thai for f in PLAN_FIELDS if not f.per_round},
    "source": "ที่มาของข้อมูล",
    "settings.backup_keep": "จำนวนสำเนาสำรองที่เก็บไว้",
    "file": "ไฟล์ข้อมูล",
    "dimensions": "มิติ",
}
_PROJECT_LABELS: dict[str, str] = {
    NUMBER_FIELD: "ลำดับ",
    "uid": "รหัสโครงการ",
    **{f.path: f.thai for f in PROJECT_FIELDS if f.editable and not f.per_round and f.path == f.key},
}
_RESULT_LABELS: dict[str, str] = {
    f.path: f.thai for f in PROJECT_FIELDS if f.per_round and (f.editable or f.kind is FieldKind.FLAG)
}
"""A round's stored fields: those typed, and the "entered" mark set apart from the form (the remaining
budget is worked out, never stored)."""
_NARRATIVE_LABELS = {s.key: s.heading for s in NARRATIVE_SECTIONS}
_DIMENSION_LABELS = {"name": "ชื่อ"}
_SIGNATORY_LABELS = {f.key: f.thai for f in SIGNATORY_FIELDS}
_DIGIT_STYLE_LABELS = {DigitStyle.THAI.value: "เลขไทย", DigitStyle.ARABIC.value: "เลขอารบิก"}


def field_label(field: str, digits: DigitStyle = DigitStyle.THAI) -> str:
    """A field in Thai: "name" → "ชื่อโครงการ", "results.12.status" → "ผลรอบ ๑๒ เดือน: สถานะ".

    A field this version does not know is given as it is.
    """
    label = _PLAN_LABELS.get(field) or _PROJECT_LABELS.get(field)
    if label is not None:
        return label
    head, _, rest = field.partition(".")
    if head == "narrative" and rest:
        return _NARRATIVE_LABELS.get(rest, rest)
    if head == "narratives" and rest:
        round_, _, key = rest.partition(".")
        return _NARRATIVE_LABELS.get(key, key) + with_digits(f" (รอบ {round_} เดือน)", digits)
    if head == "signatures" and rest:
        role, _, key = rest.partition(".")
        who = next((label for r, label in SIGN_ROLE_LABELS.items() if r.value == role), role)
        return who + (f": {_SIGNATORY_LABELS.get(key, key)}" if key else "")
    if head == "results" and rest:
        round_, _, key = rest.partition(".")
        return with_digits(f"ผลรอบ {round_} เดือน", digits) + (f": {_RESULT_LABELS.get(key, key)}" if key else "")
    if head == "dimensions" and rest:
        number, _, key = rest.partition(".")
        return with_digits(f"มิติที่ {number}", digits) + (f": {_DIMENSION_LABELS.get(key, key)}" if key else "")
    if head == "settings" and rest:
        return f"การตั้งค่า: {rest}"
    if head == IMPORT_FINDINGS_FIELD and rest:
        return f"ข้อสังเกตจากการนำเข้า {rest}"
    return field


def change_label(change: Change, digits: DigitStyle = DigitStyle.THAI) -> str:
    """What a change did, for a list of changes: "เพิ่มโครงการ", "ลบโครงการ", "งบประมาณ (เลิกทำ)"."""
    action = ACTION_LABELS.get(change.action, change.action)
    if change.field == PROJECT_FIELD:
        if change.action == "add":
            return "เพิ่มโครงการ"
        if change.action == "delete":
            return "ลบโครงการ"
        return f"โครงการ ({action})"
    if change.field == PLAN_FIELD:
        if change.action == "add":
            return "สร้างแผน"
        if change.action == "delete":
            return "ลบแผน"
        return f"แผน ({action})"
    if change.field == "file" and change.action == "restore":
        return "กู้คืนไฟล์จากสำเนาสำรอง"
    label = field_label(change.field, digits)
    return label if change.action == "edit" else f"{label} ({action})"


def _is_amount_field(field: str) -> bool:
    return field in ("budget", "appropriated") or (field.startswith("results.") and field.endswith(".disbursed"))


def _is_result_field(field: str, key: str) -> bool:
    return field.startswith("results.") and field.endswith(f".{key}")


def _enum_label(table: dict[Any, str], make: Callable[[Any], Any], value: Any) -> str | None:
    try:
        return table[make(value)]
    except (ValueError, KeyError, TypeError):
        return None


def value_text(field: str, value: Any, digits: DigitStyle = DigitStyle.ARABIC) -> str:
    """A value of ``field`` in Thai: a status or reason by its label, an amount as "50,000.00", a budget
    of None as ไม่ใช้งบประมาณ, an appropriated amount of None as unknown (ไม่ระบุ), whether the project is
    in the ordinance by its label (บรรจุ / ไม่บรรจุ / ไม่ระบุ), a round's "entered" mark as บันทึกแล้ว /
    ยังไม่ได้บันทึก, any other None as "—", a project (added or deleted) by its name.

    Text comes back whole and as typed: showing it safely (and shortening it) is the caller's part.
    """
    if field == "included" and (value is None or isinstance(value, bool)):
        return INCLUDED_LABELS[value]
    if _is_result_field(field, "entered") and isinstance(value, bool):
        return ENTERED_TEXTS[value]
    if value is None:
        if field == "budget":
            return NO_BUDGET_TEXT
        return UNKNOWN_TEXT if field == "appropriated" else EMPTY_VALUE
    if field == PROJECT_FIELD and isinstance(value, dict):
        return str(value.get("name", ""))
    if isinstance(value, str):
        label: str | None = None
        if _is_amount_field(field):
            return _amount_text(value, digits)
        if _is_result_field(field, "status"):
            label = _enum_label(STATUS_LABELS, Status, value)
        elif _is_result_field(field, "reason"):
            label = _enum_label(REASON_LABELS, ReasonKind, value)
        elif field == "kind":
            label = _enum_label(KIND_LABELS, ProjectKind, value)
        elif field == "settings.digit_style":
            label = _DIGIT_STYLE_LABELS.get(value)
        elif field.startswith(f"{IMPORT_FINDINGS_FIELD}."):
            label = _enum_label(FINDING_STATE_LABELS, FindingState, value)
        return value if label is None else label
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int):
        if field == "round" and value in (6, 12):
            return with_digits(f"รอบ {value} เดือน", digits)
        return with_digits(str(value), digits)
    if field == "settings.level_bands" and isinstance(value, list):
        bands = _bands_text(value, digits)
        if bands is not None:
            return bands
    return json.dumps(value, ensure_ascii=False)


def _amount_text(value: str, digits: DigitStyle) -> str:
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError):
        return value
    return format_baht(amount, digits) if amount.is_finite() else value


def _bands_text(bands: list[Any], digits: DigitStyle) -> str | None:
    """Level bands as "๙๐ มากที่สุด, ๗๐ มาก, ..."; None if they are not bands."""
    parts = []
    for band in bands:
        if not isinstance(band, dict) or "minimum" not in band or "label" not in band:
            return None
        parts.append(f"{with_digits(str(band['minimum']), digits)} {band['label']}")
    return ", ".join(parts)
