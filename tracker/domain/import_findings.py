"""Findings of an import, kept with the plan until each is resolved or settled (issue 11, item 6).

An imported report whose parts disagree (part 2 and part 3 give project 6 different budgets, name a
project differently, tick two statuses) is imported with one choice made and a finding that says so.
The plan keeps those findings (:attr:`~tracker.domain.model.Plan.import_findings`), so that ``tracker
check`` and the app's checks panel show them beside what the rules find, marked as coming from the
import, until:

- the user marks one resolved (:func:`resolve`: the app's checks panel, ``tracker check --resolve``);
- an edit settles it (:func:`settle`): any edit of the field it is about, of the project it is
  about ("budget" of project 6 for a budget that disagreed), or the deletion of that project. What
  each finding is about comes from its code (:data:`SETTLED_BY`); one whose code says nothing that
  an edit could settle (a table row that could not be read) waits for the user.

Ids are "i1", "i2", ... in the order the import found them: short to type, and stable, since they
are stored with the plan (a new import of the plan gives new ones). Resolved and settled findings
stay in the plan with their state, so the history records the step and undo can take it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from tracker.domain.checks import not_refound, run_checks, sort_findings
from tracker.domain.findings import IMPORT_FAMILY, Finding
from tracker.domain.history import PROJECT_FIELD, diff_plans
from tracker.domain.model import (
    FindingState,
    ImportFinding,
    Plan,
    Round,
    ensure_uids,
    plan_to_dict,
)

_ROUND = "{round}"

SETTLED_BY: dict[str, tuple[str, ...]] = {
    # Part 2 and part 3 disagree on one field of one project.
    "BUDGET_MISMATCH": ("budget",),
    "BUDGET_TWICE": ("budget",),
    "AMOUNT_AMBIGUOUS": ("budget",),
    "AMOUNT_UNREADABLE": ("budget", f"results.{_ROUND}.disbursed"),
    "DISBURSED_MISMATCH": (f"results.{_ROUND}.disbursed",),
    "REMAINING_MISMATCH": ("budget", f"results.{_ROUND}.disbursed"),
    "NAME_MISMATCH": ("name",),
    "NAME_TRUNCATED": ("name",),
    "STATUS_TWICE": (f"results.{_ROUND}.status",),
    "STATUS_RESULT_MISMATCH": (f"results.{_ROUND}.status", f"results.{_ROUND}.result_text"),
    "REASON_MISSING": (f"results.{_ROUND}.reason", f"results.{_ROUND}.status"),
    "REASON_UNKNOWN": (f"results.{_ROUND}.reason", f"results.{_ROUND}.reason_text"),
    "DIMENSION_MISSING": ("dimension",),
    # A project one table lacks: imported with what the other holds.
    "MISSING_IN_SUMMARY": ("dimension", f"results.{_ROUND}.status"),
    "MISSING_IN_DETAIL": ("method", "indicator", "period", "unit", f"results.{_ROUND}.result_text"),
    # The plan's own fields.
    "FISCAL_YEAR_HEADING": ("fiscal_year",),
    "ROUND_NOT_STATED": ("round",),
    "ROUND_UNKNOWN": ("round",),
    "LEVEL_BANDS_UNREADABLE": ("settings.level_bands",),
    # Part 1's figures against the tables: settled by an edit of what the figure counts, in any project.
    "STATED_TOTAL": (PROJECT_FIELD,),
    "STATED_DIMENSION": (PROJECT_FIELD, "dimension"),
    "STATED_STATUS": (PROJECT_FIELD, f"results.{_ROUND}.status"),
    "STATED_SCORE": (PROJECT_FIELD, f"results.{_ROUND}.status"),
    "STATED_DISBURSED": (PROJECT_FIELD, f"results.{_ROUND}.disbursed"),
}
"""What an edit must touch to settle a finding of the import, by code (history's field names; the
results of the round imported). A code not here (a row that could not be read, a number used twice)
waits for the user to mark it resolved."""

PLAN_WIDE_CODES = frozenset(
    {"FISCAL_YEAR_HEADING", "ROUND_NOT_STATED", "ROUND_UNKNOWN", "LEVEL_BANDS_UNREADABLE"}
    | {code for code in SETTLED_BY if code.startswith("STATED_")}
)
"""Codes about the whole plan, even where the importer names a project."""


class UnknownFinding(ValueError):
    """An id that names no finding kept with the plan; the message is for the user."""


def keep(plan: Plan, imported: Iterable[Finding], checked: Iterable[Finding] | None = None) -> list[ImportFinding]:
    """Keep ``imported`` (the importer's findings of ``plan``) with the plan, open, as i1, i2, ...

    Findings a rule finds again in the plan (:data:`~tracker.domain.checks.IMPORT_EQUIVALENTS`;
    ``checked``: what the rules found, run here when not given) are left out: the rule shows them for
    as long as they hold. Replaces what the plan kept before.
    """
    ensure_uids(plan)
    uids = {p.number: p.uid for p in plan.projects}
    kept: list[ImportFinding] = []
    for finding in not_refound(imported, run_checks(plan) if checked is None else checked):
        id_ = f"i{len(kept) + 1}"
        plan_wide = finding.code in PLAN_WIDE_CODES or finding.project is None
        uid = None if plan_wide else uids.get(finding.project) if finding.project is not None else None
        fields = [f.replace(_ROUND, str(int(plan.round))) for f in SETTLED_BY.get(finding.code, ())]
        kept.append(ImportFinding(
            id=id_,
            finding=replace(finding, family=IMPORT_FAMILY, ref=id_),
            project_uid=uid,
            fields=fields,
        ))
    plan.import_findings = kept
    return kept


def open_findings(plan: Plan) -> list[Finding]:
    """The open findings kept from the import, each with its project's number as it is now."""
    numbers = {p.uid: p.number for p in plan.projects}
    shown: list[Finding] = []
    for kept in plan.import_findings:
        if not kept.is_open:
            continue
        finding = kept.finding
        number = numbers.get(kept.project_uid) if kept.project_uid is not None else None
        shown.append(replace(
            finding,
            project=number if number is not None else finding.project,
            project_uid=kept.project_uid if number is not None else None,
            family=IMPORT_FAMILY,
            ref=kept.id,
        ))
    return shown


def all_findings(plan: Plan, round_: Round | None = None) -> list[Finding]:
    """What the rules find for ``round_`` and the open findings of the import, in one sorted list."""
    return sort_findings(run_checks(plan, round_) + open_findings(plan))


def settle(plan: Plan, before: dict[str, Any] | None) -> list[ImportFinding]:
    """Mark settled the open findings that the edits since ``before`` (the plan as saved) touched.

    Returns those it settled. Costs nothing when no finding is open.
    """
    waiting = [k for k in plan.import_findings if k.is_open and (k.fields or k.project_uid is not None)]
    if not waiting or before is None:
        return []
    changes = diff_plans(before, plan_to_dict(plan), at="", user="")
    settled: list[ImportFinding] = []
    for kept in waiting:
        for change in changes:
            if kept.project_uid is not None and change.project_uid != kept.project_uid:
                continue
            deleted = change.field == PROJECT_FIELD and change.new is None and kept.project_uid is not None
            if change.field in kept.fields or deleted:
                kept.state = FindingState.SETTLED
                settled.append(kept)
                break
    return settled


def resolve(plan: Plan, ids: Iterable[str]) -> list[ImportFinding]:
    """Mark the findings ``ids`` ("i3", or "all" for every open one) resolved; returns those it changed.

    Raises :class:`UnknownFinding` (and changes nothing) when an id names no kept finding.
    """
    by_id = {k.id: k for k in plan.import_findings}
    wanted: list[ImportFinding] = []
    for raw in ids:
        id_ = raw.strip().lower()
        if id_ == "all":
            wanted += [k for k in plan.import_findings if k.is_open]
            continue
        kept = by_id.get(id_)
        if kept is None:
            have = ", ".join(k.id for k in plan.import_findings if k.is_open) or "ไม่มี (none)"
            raise UnknownFinding(
                f"ไม่มีข้อสังเกตจากการนำเข้ารหัส {raw!r} (no finding of the import has this id);"
                f" ที่ยังเปิดอยู่ (open ones): {have}"
            )
        wanted.append(kept)
    changed: list[ImportFinding] = []
    for kept in wanted:
        if kept.is_open:  # an id given twice is changed once
            kept.state = FindingState.RESOLVED
            changed.append(kept)
    return changed
