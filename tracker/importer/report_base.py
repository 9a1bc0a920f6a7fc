"""What the readers of the report's parts share (see :mod:`tracker.importer.report_text`): the report's
lines, the list of findings they add to in the order found, and the names of parts 2 and 3.

Each part of the report has its own reader: the cover (:mod:`~tracker.importer.report_cover`), the
foreword and part 1 (:mod:`~tracker.importer.report_narrative`), the tables of parts 2 and 3
(:mod:`~tracker.importer.report_table`, :mod:`~tracker.importer.report_summary_detail`) and the projects
made of those two tables (:mod:`~tracker.importer.report_merge`).
"""

from __future__ import annotations

from tracker.domain.findings import Finding, Severity
from tracker.domain.thai import to_arabic_digits

PART2, PART3 = "ส่วนที่ ๒", "ส่วนที่ ๓"
PROJECT_REMARK_LABEL = "หมายเหตุโครงการ"
"""The label this program's reports put before the project's own remark in part 2's หมายเหตุ, after the round's
remark, which they write plainly as the official column holds it (tracker.reports.markdown_report and
tracker.reports.wording write it; the importer may not import the reports, so the words are written here
too, and a test checks they agree)."""
OLD_ROUND_REMARK_LABEL = "หมายเหตุของรอบ"
"""The label the reports put before the round's remark, after the project's own, until they wrote the round's
remark plainly: files exported then are still read the way they were written."""


def part_en(part: str) -> str:
    """"ส่วนที่ ๒" as "part 2"."""
    return "part " + to_arabic_digits(part.removeprefix("ส่วนที่ "))


class PartReader:
    """Reads one part of a report's ``lines``, adding what it finds to ``findings`` (shared by the readers
    of the other parts, so that the findings keep the order in which the report is read)."""

    def __init__(self, lines: list[str], findings: list[Finding]) -> None:
        self.lines = lines
        self.findings = findings

    def find(self, code: str, severity: Severity, message: str, project: int | None = None,
             detail: str = "") -> None:
        self.findings.append(Finding(code, severity, message, project, detail))
