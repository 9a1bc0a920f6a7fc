"""Exporting the report: the formats, where a file goes by default, and writing it safely.

What the command line and the app call::

    text = export_report(plan, ExportFormat.MARKDOWN, Round.TWELVE, DigitStyle.THAI)   # to show
    path = write_export(plan, ExportFormat.CSV)              # to exports/<organization>-<year>-<round>.csv

Every figure is computed from the plan (:func:`tracker.domain.figures.compute`); nothing is typed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import re
import unicodedata
from enum import StrEnum
from pathlib import Path
from typing import Any

from tracker.domain.history import Change
from tracker.domain.model import Plan, Round, plan_from_dict, plan_to_dict
from tracker.domain.thai import DigitStyle, typed_digits
from tracker.paths import EXPORTS_DIR
from tracker.reports.plain_text import TEXT_WIDTH
from tracker.storage.atomic import NotDurableError, write_atomic

MAX_NAME_BYTES = 150
"""Of a file name's organization part: Thai takes three bytes a character and most file systems allow 255."""


class ExportFormat(StrEnum):
    """A kind of export, named by its file extension (the entry sheet, a text file, by what it is)."""

    MARKDOWN = "md"
    TEXT = "txt"
    CSV = "csv"
    DOCX = "docx"
    PDF = "pdf"
    ENTRY = "entry"
    """The e-PlanNACC entry sheet (:mod:`tracker.reports.entry_sheet`): plain text, a block per project."""

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self]

    @property
    def suffix(self) -> str:
        """The file's extension, without the dot: the format's name, but "txt" for the entry sheet."""
        return "txt" if self is ExportFormat.ENTRY else self.value

    @property
    def is_document(self) -> bool:
        """A document laid out on A4 pages (Word, PDF) rather than text."""
        return self in (ExportFormat.DOCX, ExportFormat.PDF)

    @property
    def takes_round(self) -> bool:
        """Whether a round and Thai digits can be chosen (CSV always holds both rounds in plain numbers; its
        typed text may still be written in Arabic digits)."""
        return self is not ExportFormat.CSV

    @property
    def takes_history(self) -> bool:
        """Whether the changes can follow the report as an appendix (Markdown and plain text)."""
        return self in (ExportFormat.MARKDOWN, ExportFormat.TEXT)

    @property
    def name_tail(self) -> str:
        """What a default file name ends with after the organization, year and round: "-entry.txt" for
        the entry sheet (beside the report's ".txt" of the same round), else the extension."""
        return "-entry.txt" if self is ExportFormat.ENTRY else f".{self.value}"


FORMAT_LABELS: dict[ExportFormat, str] = {
    ExportFormat.MARKDOWN: "Markdown",
    ExportFormat.TEXT: "ข้อความล้วน (plain text)",
    ExportFormat.CSV: "CSV (Excel)",
    ExportFormat.DOCX: "Word (DOCX) สำหรับแก้ไขและพิมพ์",
    ExportFormat.PDF: "PDF พร้อมเผยแพร่",
    ExportFormat.ENTRY: "แบบกรอกผลลงระบบ e-PlanNACC (entry sheet)",
}


class ExportError(Exception):
    """An export that could not be written; the message is one line, in Thai and English."""


def export_report(
    plan: Plan, fmt: ExportFormat | str, round_: Round | None = None, digits: DigitStyle | None = None,
    width: int = TEXT_WIDTH, *, history: list[Change] | None = None,
) -> str:
    """The export as text (the plan's round and digit style by default; ``width`` is for plain text).

    For the text formats only; Word and PDF are files (:func:`export_bytes`).

    CSV holds both rounds and plain numbers whatever ``round_`` and ``digits`` say. ``fmt`` may be
    given as its name ("md", "txt", "csv", "entry"). ``history``, if given, is appended to Markdown and
    plain text as an appendix of changes (CSV and the entry sheet have no place for it). The entry sheet
    writes its amounts in Arabic digits whatever ``digits`` says (the web form takes them so).

    In Arabic digits the typed text is written in Arabic digits too (CSV included), so that the file
    holds no Thai digit; the plan itself keeps what was typed (see
    :func:`tracker.domain.thai.typed_digits`).
    """
    fmt = ExportFormat(fmt)
    if fmt.is_document:
        raise ValueError(f"{fmt.value} is a file, not text: use export_bytes")
    style = plan.settings.digit_style if digits is None else digits
    plan = _in_digits(plan, style)
    # Each writer is imported when its format is asked for (``tracker export --format md`` loads no
    # other): the document model alone took 10 ms to import.
    if fmt is ExportFormat.MARKDOWN:
        from tracker.reports.markdown_report import markdown_report

        text = markdown_report(plan, round_, digits, history=history)
    elif fmt is ExportFormat.TEXT:
        from tracker.reports.plain_text import plain_text_report

        text = plain_text_report(plan, round_, digits, width, history=history)
    elif fmt is ExportFormat.ENTRY:
        from tracker.reports.entry_sheet import entry_sheet

        text = entry_sheet(plan, round_, style)
    else:
        from tracker.reports.csv_export import csv_report

        text = csv_report(plan)
    # What is left (the values quoted in the history appendix) is typed text too.
    return typed_digits(text, style)


def _in_digits(plan: Plan, style: DigitStyle) -> Plan:
    """The plan with its typed text in ``style`` where that is Arabic (so that the export holds no Thai
    digit), converted before the report is laid out so that escaping and wrapping see the final text."""
    if style is not DigitStyle.ARABIC:
        return plan
    return plan_from_dict(_typed_digits_in(plan_to_dict(plan), style))


def _typed_digits_in(data: Any, style: DigitStyle) -> Any:
    """Every string value of the plan's stored form written in ``style`` (keys are left alone)."""
    if isinstance(data, str):
        return typed_digits(data, style)
    if isinstance(data, list):
        return [_typed_digits_in(item, style) for item in data]
    if isinstance(data, dict):
        return {key: _typed_digits_in(value, style) for key, value in data.items()}
    return data


def export_bytes(
    plan: Plan, fmt: ExportFormat | str, round_: Round | None = None, digits: DigitStyle | None = None,
    width: int = TEXT_WIDTH, *, history: list[Change] | None = None, emblem_folder: Path | None = None,
) -> bytes:
    """The export as the file's bytes: UTF-8, with a byte-order mark for CSV (so that Excel reads Thai);
    a Word or PDF file laid out from :func:`tracker.reports.document.report_document`.

    The plan's emblem, where its path is relative, is looked for in ``emblem_folder`` (the database's
    folder, so that a database and its emblem can be moved together), else in the current folder.
    Raises :class:`ExportError` for an emblem image that cannot be read.
    """
    fmt = ExportFormat(fmt)
    if fmt.is_document:
        from tracker.reports.document import report_document

        style = plan.settings.digit_style if digits is None else digits
        doc = report_document(_in_digits(plan, style), round_, style)
        if doc.cover.emblem:
            emblem = Path(doc.cover.emblem).expanduser()
            if emblem_folder is not None and not emblem.is_absolute():
                emblem = emblem_folder / emblem
            doc = dataclasses.replace(doc, cover=dataclasses.replace(doc.cover, emblem=str(emblem)))
        try:
            if fmt is ExportFormat.DOCX:
                from tracker.reports.docx_report import docx_bytes  # python-docx: only when asked for
                from tracker.reports.pdf_report import contents_pages

                # The contents' page numbers as the PDF lays the same document out, until Word updates them.
                return docx_bytes(doc, contents_pages(doc))
            from tracker.reports.pdf_report import pdf_bytes  # HarfBuzz and our writer: only when asked

            return pdf_bytes(doc)
        except ValueError as exc:
            raise ExportError(str(exc)) from None
    text = export_report(plan, fmt, round_, digits, width, history=history)
    if fmt is ExportFormat.CSV:
        from tracker.reports.csv_export import ENCODING as CSV_ENCODING
    return text.encode(CSV_ENCODING if fmt is ExportFormat.CSV else "utf-8")


def default_export_path(
    plan: Plan, fmt: ExportFormat | str, round_: Round | None = None, folder: Path | None = None
) -> Path:
    """``exports/<organization>-<fiscal year>-<round>.<ext>``, with a name any file system takes (CSV,
    which holds both rounds, without the round; the entry sheet ``...-<round>-entry.txt``)."""
    round_ = plan.round if round_ is None else round_
    fmt = ExportFormat(fmt)
    which = "" if fmt is ExportFormat.CSV else f"-{int(round_)}"
    name = f"{safe_file_name(plan.organization)}-{plan.fiscal_year}{which}{fmt.name_tail}"
    return (EXPORTS_DIR if folder is None else folder) / name


_UNSAFE_RE = re.compile(r'[/\\:*?"<>|]')


def safe_file_name(text: str) -> str:
    """``text`` as part of a file name: no path separators, reserved or invisible characters, no spaces."""
    cleaned = "".join(
        "_" if _UNSAFE_RE.match(c) or unicodedata.category(c).startswith("C") else c for c in text
    )
    cleaned = re.sub(r"\s+", "-", cleaned).strip(".-_")
    cleaned = cleaned.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").strip(".-_")
    return cleaned or "plan"


def write_export(
    plan: Plan, fmt: ExportFormat | str, round_: Round | None = None, digits: DigitStyle | None = None,
    path: Path | None = None, width: int = TEXT_WIDTH, *, history: list[Change] | None = None,
    emblem_folder: Path | None = None,
) -> Path:
    """Write the export to ``path`` (default: :func:`default_export_path`) atomically; the path written.

    The folder is created if missing. The file is replaced whole or not at all (a temporary file in
    the same folder, flushed, then renamed). Raises :class:`ExportError` when it cannot be written.
    ``history`` as for :func:`export_report`, ``emblem_folder`` as for :func:`export_bytes`.
    """
    target = default_export_path(plan, fmt, round_) if path is None else Path(path)
    payload = export_bytes(plan, fmt, round_, digits, width, history=history, emblem_folder=emblem_folder)
    if target.is_dir():
        raise ExportError(f"{target} เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ระบุชื่อไฟล์ (is a folder; give a file name)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"สร้างโฟลเดอร์ {target.parent} ไม่ได้: {_why(exc)}") from None
    created = _create_empty(target)
    try:
        write_atomic(target, payload)
    except NotDurableError:
        pass  # the file is complete and in place; only its survival of a power cut right now is unconfirmed
    except OSError as exc:
        if created:
            with contextlib.suppress(OSError):
                target.unlink()
        raise ExportError(f"เขียนไฟล์ {target} ไม่ได้: {_why(exc)}") from None
    return target


def _create_empty(target: Path) -> bool:
    """Create ``target`` empty if it is missing, so that the new file gets the user's usual permissions.

    An atomic write copies the permissions of the file it replaces; a file it creates itself would be
    readable by its owner only, which is wrong for a report meant to be shared. Errors are left for
    the write to report.
    """
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError:
        return False
    return True


def _why(exc: OSError) -> str:
    """An OS error in Thai and English, on one line."""
    reasons = {
        errno.EACCES: "ไม่มีสิทธิ์เขียน (permission denied)",
        errno.EPERM: "ไม่มีสิทธิ์เขียน (permission denied)",
        errno.ENOENT: "ไม่พบโฟลเดอร์ (no such folder)",
        errno.EROFS: "อุปกรณ์อ่านได้อย่างเดียว (read-only file system)",
        errno.ENOSPC: "พื้นที่ดิสก์เต็ม (no space left on the disk)",
        errno.ENOTDIR: "มีไฟล์อยู่ในตำแหน่งของโฟลเดอร์ (a file is in the way of a folder)",
        errno.EEXIST: "มีไฟล์อยู่ในตำแหน่งของโฟลเดอร์ (a file is in the way of a folder)",
        errno.EISDIR: "เป็นโฟลเดอร์ (is a folder)",
        errno.ENAMETOOLONG: "ชื่อไฟล์ยาวเกินไป (file name too long)",
    }
    return reasons.get(exc.errno or 0) or f"({exc.strerror or exc})"
