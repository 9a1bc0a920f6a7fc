"""Rules that check a plan for one round, and say what to fix.

Each rule is one small function registered with :func:`rule`: it reads a :class:`CheckContext` and
yields findings built with :meth:`CheckContext.finding`, which stamps the rule's code, family and
severity on them. A new rule is one function (and its tests) in its family's module; :func:`run_checks`
runs them all.

Messages are Thai with an English gloss in parentheses; ``detail`` says what to do about it.
Severity: an *error* is a fact the report cannot publish as it is (arithmetic that cannot be, a
status without what the national system requires); a *warning* needs a person's judgement (words
that seem to contradict the data, names and years that look copied from another report).

Part 1 (its narrative) describes the report of the plan's current round, so rules that read it
compare it with that round's figures whichever round is being checked. Only text the exports print
as typed is read: the results of the period, and the figures typed in them, are written afresh by
every export, so a finding there would be one nobody could act on.
Cross-part disagreements of an imported report are the importer's, kept with the plan until resolved
(:mod:`tracker.domain.import_findings`); :data:`IMPORT_EQUIVALENTS` names the importer's findings
that a rule here re-derives from the plan itself.

The package:

- :mod:`.registry`: :class:`Family`, :class:`Rule`, :data:`RULES` and the :func:`rule` decorator;
- :mod:`.context`: :class:`CheckContext`, what a rule reads;
- :mod:`.engine`: :func:`run_checks`, :func:`sort_findings`, :func:`not_refound`;
- :mod:`.wording`: quoting the plan's words in a message;
- the rules by family, imported below in the order they run and are listed in :data:`RULES`:
  :mod:`.amounts` (arithmetic), :mod:`.status`, :mod:`.dates` (calendar), :mod:`.identity`,
  :mod:`.structure` (counts, duplicates), :mod:`.spacing`.
"""

from __future__ import annotations

# The family modules register their rules when imported: this order is the order of RULES (and of
# Family), so that a rule's findings keep their place in the report.
# isort: off
from tracker.domain.checks import amounts, status, dates, identity, structure, spacing  # noqa: F401
# isort: on
from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.engine import IMPORT_EQUIVALENTS, not_refound, run_checks, sort_findings
from tracker.domain.checks.identity import PROVINCES
from tracker.domain.checks.registry import RULES, Family, Rule, RuleCheck, rule
from tracker.domain.checks.status import reads_achieved, says_not_done

__all__ = [
    "IMPORT_EQUIVALENTS",
    "PROVINCES",
    "RULES",
    "CheckContext",
    "Family",
    "Rule",
    "RuleCheck",
    "not_refound",
    "reads_achieved",
    "rule",
    "run_checks",
    "says_not_done",
    "sort_findings",
]
