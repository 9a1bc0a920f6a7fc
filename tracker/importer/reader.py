"""Pick the reader for a report file: a Markdown export of this program, or text written like the seed."""

from __future__ import annotations

from pathlib import Path

from tracker.importer.markdown_report import import_markdown, looks_like_markdown
from tracker.importer.report_text import ImportResult, import_report, read_report

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def import_path(path: Path) -> ImportResult:
    """Import the report at ``path`` with the reader its name or content calls for; ReportError when it cannot."""
    text = read_report(path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES or looks_like_markdown(text):
        return import_markdown(text, source=path.name)
    return import_report(text, source=path.name)
