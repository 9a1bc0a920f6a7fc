"""Findings: something in a plan or a report that a person should look at."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

IMPORT_FAMILY = "import"
"""The family of findings an import made and the plan keeps (:class:`~tracker.domain.model.ImportFinding`)."""


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
    """The family of the rule that found it (arithmetic, status, ...); empty for the importer's findings
    as it makes them, :data:`IMPORT_FAMILY` once the plan keeps them."""
    ref: str = ""
    """The id a kept import finding is resolved by ("i3"); empty for every other finding."""
    field: str = ""
    """The form field the finding is about, for going to it: a project form's ("method", "result_text")
    when ``project`` is set, else the plan form's ("organization", "narrative.context"); empty when
    the finding is about no one field."""
    project_uid: str | None = dataclass_field(default=None, compare=False)
    """The uid of the project it is about, where one project is (a screen goes to that very project
    even when two share an order number); never written out."""

    @property
    def from_import(self) -> bool:
        """Whether this is a finding of the import that the plan keeps (and the user can resolve)."""
        return bool(self.ref)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "project": self.project,
            "message": self.message,
            "detail": self.detail,
            "family": self.family,
        }
        if self.ref:
            data["id"] = self.ref
        if self.field:
            data["field"] = self.field
        return data
