"""Running the rules on a plan and ordering their findings; which of the importer's findings a rule
finds again (:data:`IMPORT_EQUIVALENTS`, :func:`not_refound`)."""

from __future__ import annotations

from collections.abc import Iterable

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import RULES, Rule
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import Plan, Round

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def run_checks(plan: Plan, round_: Round | None = None, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding of ``rules`` (all registered rules by default) on ``plan`` for ``round_``.

    Sorted: errors first, then plan-wide findings before those of projects, then by project number,
    then by code; findings of one rule keep the order it gave them (part 1's sections in report order).
    """
    round_ = plan.round if round_ is None else round_
    base = CheckContext.of(plan, round_)
    findings: list[Finding] = []
    for rule_ in RULES.values() if rules is None else rules:
        findings.extend(rule_.check(base.for_rule(rule_)))
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order :func:`run_checks` gives them (a stable sort: equals keep their order)."""
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[int, bool, int, str]:
    project = finding.project
    return _SEVERITY_ORDER[finding.severity], project is not None, project or 0, finding.code


IMPORT_EQUIVALENTS: dict[str, str] = {
    "REASON_MISSING": "STATUS_NO_REASON",
    "STATUS_RESULT_MISMATCH": "STATUS_TEXT_CONTRADICTS",
    "DIMENSION_MISSING": "COUNT_NO_DIMENSION",
}
"""Importer finding codes whose fact a rule here may find again in the imported plan.

The rules do not always agree with the importer (they read words more strictly), so an importer
finding is dropped only where the rule did find it for the same project: see :func:`not_refound`.
"""


def not_refound(imported: Iterable[Finding], checked: Iterable[Finding]) -> list[Finding]:
    """The importer's findings that no rule found again, for showing both lists without repeats."""
    refound = {(f.code, f.project) for f in checked}
    return [
        f for f in imported
        if f.code not in IMPORT_EQUIVALENTS or (IMPORT_EQUIVALENTS[f.code], f.project) not in refound
    ]

