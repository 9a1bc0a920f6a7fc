"""Read a performance report written like the seed (text taken out of the office's Word/PDF file).

The text has a cover, a foreword, contents, part 1 (narrative), part 2 (summary table) and part 3
(detail table). Tables are tab-separated; a cell too long for its page wraps onto a continuation
row whose order-number cell is empty; a page break repeats the table's title or header row.

Where the parts disagree, the importer keeps one value, says which and why, and lists a finding.
Line wrapping (spaces where a cell broke) and number formatting are not disagreements.

This module reads the report's landmarks (where each part begins) and hands each part to its reader:
the cover to :mod:`~tracker.importer.report_cover`, the foreword and part 1 to
:mod:`~tracker.importer.report_narrative`, the tables of parts 2 and 3 to
:mod:`~tracker.importer.report_summary_detail` (row by row: :mod:`~tracker.importer.report_table`), and
the projects the two tables make together to :mod:`~tracker.importer.report_merge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tracker.domain.findings import Finding
from tracker.domain.model import Plan, ensure_uids
from tracker.domain.thai import to_arabic_digits
from tracker.importer.decoding import read_report_file
from tracker.importer.errors import ReportError
from tracker.importer.report_base import PART2, PART3, PartReader, part_en
from tracker.importer.report_cover import (
    FISCAL_YEAR_RE,
    ORGANIZATION_RE,
    ROUND_RE,
    CoverReader,
    cover_fiscal_year,
)
from tracker.importer.report_merge import ProjectMerger, respace
from tracker.importer.report_narrative import NarrativeReader, paragraphs, stated_figures
from tracker.importer.report_summary_detail import SummaryDetailReader
from tracker.importer.report_table import NUMBER_CELL_RE, SPACED_CELLS_RE

__all__ = [
    "CONTENTS_ENTRY_RE",
    "FISCAL_YEAR_RE",
    "NUMBER_CELL_RE",
    "ORGANIZATION_RE",
    "PART2",
    "PART3",
    "ROUND_RE",
    "SPACED_CELLS_RE",
    "ImportResult",
    "ReportError",
    "cover_fiscal_year",
    "import_file",
    "import_report",
    "part_en",
    "respace",
]
"""The entry points and what they return, and (re-exported from the modules of the report's parts, where
they used to be defined) the names other modules and tests import from here."""


@dataclass(slots=True)
class ImportResult:
    plan: Plan
    findings: list[Finding] = field(default_factory=list)
    encoding: str = ""
    """The encoding the file was read in, as a label for the user ("UTF-8", "TIS-620 / Windows-874 ...
    (TIS-620, cp874)"; see :mod:`tracker.importer.decoding`); empty when the text was not read from a file."""


CONTENTS_ENTRY_RE = re.compile(r"\S(?: {2,}|\u3000+)[\d\s\-–]+$")
"""A line of the contents whose tab became spaces: a heading, then its page numbers ("๕ - ๗")."""


def import_file(path: Path) -> ImportResult:
    """Import the report at ``path``; raises ReportError with a clear message when it cannot."""
    read = read_report_file(path)
    result = import_report(read.text, source=path.name)
    result.encoding = read.encoding
    return result


def import_report(text: str, source: str = "") -> ImportResult:
    """Build a plan from the text of a report."""
    return _Importer(text, source).run()


class _Importer(PartReader):
    """Finds where each part of the report begins and reads the parts in order, so that the findings keep
    the order of the report."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), [])
        self.source = source

    # --- landmarks ------------------------------------------------------------------------------

    def _index(self, pattern: str, start: int = 0) -> int | None:
        """The first line from ``start`` that is a heading matching ``pattern``: not a row of a table (the
        contents' entries name the same headings), whether its cells are split by tabs or by spaces."""
        regex = re.compile(pattern)
        for i in range(start, len(self.lines)):
            line = to_arabic_digits(self.lines[i].strip())
            if "\t" in line or CONTENTS_ENTRY_RE.search(line):
                continue
            if regex.match(line):
                return i
        return None

    def run(self) -> ImportResult:
        foreword_at = self._index(r"^คำนำ$")
        contents_at = self._index(r"^สารบัญ$")
        part1_at = self._index(r"^1\.\s*ความเป็นมา", contents_at or 0)
        part2_at = self._index(r"^2\.\s*สรุปผล", part1_at or 0)
        part3_at = self._index(r"^3\.\s*รายงานผล", part2_at or 0)
        missing = [
            name for name, at in (("ส่วนที่ ๒ สรุปผล (part 2)", part2_at), ("ส่วนที่ ๓ รายงานผล (part 3)", part3_at))
            if at is None
        ]
        if missing or part2_at is None or part3_at is None:
            raise ReportError(
                "ไม่พบ " + ", ".join(missing) + " — ไม่ใช่รายงานผลตามแผนปฏิบัติการป้องกันการทุจริต"
                " (not a performance report of the expected form)"
            )
        cover_end = foreword_at if foreword_at is not None else (part1_at or part2_at)
        plan = CoverReader(self.lines, self.findings).read(cover_end)
        narrative = plan.narrative
        prose = NarrativeReader(self.lines, self.findings)
        if foreword_at is not None:
            end = contents_at if contents_at is not None else (part1_at or part2_at)
            narrative["foreword"] = paragraphs(self.lines[foreword_at + 1 : end])
        if part1_at is not None:
            narrative.update(prose.part1(part1_at + 1, part2_at))
        plan.stated = stated_figures(narrative.get("results", ""))

        tables = SummaryDetailReader(self.lines, self.findings)
        tables.check_headings(plan, part2_at, len(self.lines))
        summary = tables.summary_rows(part2_at, part3_at)
        detail = tables.detail_rows(part3_at, len(self.lines))
        merger = ProjectMerger(self.lines, self.findings)
        plan.projects = merger.merge(plan, summary, detail)
        merger.units(plan)
        prose.compare_stated(plan)
        plan.source = self.source
        ensure_uids(plan)  # imported projects are p1..pN, the same every time
        return ImportResult(plan, self.findings)
