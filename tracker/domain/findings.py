"""Findings: something in a plan or a report that a person should look at."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: a stable code, a severity, the project's order number where there is one, and a message."""

    code: str
    severity: Severity
    message: str
    project: int | None = None
    detail: str = ""
    """What was chosen and why, or what to do about it."""
    family: str = ""
    """The family of the rule that found it (arithmetic, status, ...); empty for the importer's findings."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "project": self.project,
            "message": self.message,
            "detail": self.detail,
            "family": self.family,
        }
