"""Pick the reader for a report file: a Markdown export of this program, or text written like the seed."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.importer.decoding import read_report_file
from tracker.importer.errors import ReportError
from tracker.importer.markdown_report import import_markdown, looks_like_markdown
from tracker.importer.report_text import ImportResult, import_report

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def import_path(path: Path) -> ImportResult:
    """Import the report at ``path`` with the reader its content calls for; ReportError when it cannot.

    A file that opens like an export (its hidden first line or a ``#`` title) is Markdown; one with
    tab-separated tables is text like the seed, whatever its name; otherwise a ``.md`` name decides.
    """
    read = read_report_file(path)
    text = read.text
    if _is_json(text):
        raise ReportError(
            f"{path} เป็นไฟล์ JSON (เช่น ฐานข้อมูลของโปรแกรม) ไม่ใช่รายงาน: คำสั่งนำเข้าอ่านรายงานที่เป็นข้อความหรือ Markdown"
            " ส่วนฐานข้อมูลเปิดด้วย --db (a JSON file, such as a tracker database, not a report: import reads"
            " reports as text or Markdown; open a database with --db)"
        )
    markdown = looks_like_markdown(text) or (path.suffix.lower() in MARKDOWN_SUFFIXES and "\t" not in text)
    result = import_markdown(text, source=path.name) if markdown else import_report(text, source=path.name)
    result.encoding = read.encoding
    return result


def _is_json(text: str) -> bool:
    """Whether ``text`` is a JSON object or array (a database or other data file, not a report)."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
