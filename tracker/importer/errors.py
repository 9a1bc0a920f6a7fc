"""The error every importer raises when a file cannot be imported."""

from __future__ import annotations


class ReportError(Exception):
    """The file is not a report the importer can read or trust; the message (one line, Thai and English)
    says what is wrong and where."""
