"""The registry of rules: every rule by its stable code, with its family and severity.

A rule is one function registered with :func:`rule`; :data:`RULES` keeps them in the order they were
registered, which is the order of the family modules the package imports (see ``__init__``) and, within
a module, the order of its functions. :func:`~tracker.domain.checks.engine.run_checks` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tracker.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from tracker.domain.checks.context import CheckContext


class Family(StrEnum):
    """The families of rules (issue 5)."""

    ARITHMETIC = "arithmetic"
    STATUS = "status"
    CALENDAR = "calendar"
    IDENTITY = "identity"
    COUNTS = "counts"
    DUPLICATES = "duplicates"
    SPACING = "spacing"



RuleCheck = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its stable code, family, severity and the function that applies it."""

    code: str
    family: Family
    severity: Severity
    check: RuleCheck

    @property
    def summary(self) -> str:
        """The first line of the rule function's docstring."""
        doc = self.check.__doc__ or ""
        return doc.strip().split("\n")[0]


RULES: dict[str, Rule] = {}
"""Every rule by code, in the order they were registered."""


def rule(code: str, family: Family, severity: Severity) -> Callable[[RuleCheck], RuleCheck]:
    """Register ``check`` as the rule ``code``; codes are unique and never reused for another rule."""

    def register(check: RuleCheck) -> RuleCheck:
        if code in RULES:
            raise ValueError(f"rule {code} is registered twice")
        RULES[code] = Rule(code, family, severity, check)
        return check

    return register

