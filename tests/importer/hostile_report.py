"""The seed report with hostile text in its tables, its cover and its narrative, and what the import must store.

Every one-line value of :mod:`tests.hostile_corpus` that a tab-separated table can hold (no tab, no line
break) goes into project cells of both tables: the name (in part 2 and part 3 alike), the remarks, the
method, the indicator, the period, the result and the unit, each value in several places. The
suggestions of part 1 become one hostile line per value, and the preparing unit on the cover one.

What the import stores is each value as a table cell reads: with its whitespace folded (a cell wraps
where the page ended; see :func:`tracker.domain.text.squash`); a value without runs of whitespace or
edge spaces is stored exactly. Narrative lines lose their edge whitespace only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.hostile_corpus import ONE_LINE_TEXT
from tracker.domain.text import squash
from tracker.domain.thai import to_arabic_digits
from tracker.importer.defaults import SEED_REPORT

TABLE_VALUES: list[str] = [v for v in ONE_LINE_TEXT.values() if "\t" not in v]
"""What a cell of a tab-separated table can hold."""
PREPARING_UNIT = "[bold red]งานนิติการ[/bold red] \x1b]0;title\x07"

# The columns of the seed's tables that get hostile text (part 2: summary; part 3: detail).
SUMMARY_CELLS = {"name": 1, "remarks": 9}
DETAIL_CELLS = {"name": 1, "method": 2, "indicator": 3, "period": 5, "result_text": 6, "unit": 8}
FIELDS = ("name", "remarks", "method", "indicator", "period", "result_text", "unit")


@dataclass
class HostileReport:
    text: str
    cells: dict[tuple[int, str], str] = field(default_factory=dict)
    """The hostile value put in each (project number, field)."""
    narrative_lines: list[str] = field(default_factory=list)
    """The lines of the suggestions (part 1), one per value."""

    def expected(self, number: int, name: str) -> str:
        """What the import stores for that field: the value as a table cell reads it."""
        return squash(self.cells[(number, name)])

    narrative_key = "suggestions"

    @property
    def narrative_expected(self) -> str:
        return "\n".join(line.strip() for line in self.narrative_lines)

    @property
    def preparing_unit_expected(self) -> str:
        return f"{squash(PREPARING_UNIT)} สำนักงานปลัด"


def hostile_report(offset: int = 0, values: list[str] | None = None) -> HostileReport:
    """The seed with hostile ``values`` (one-line, no tab; all of them by default) in turn in its hostile
    places; ``offset`` shifts which value goes where (another report, other places)."""
    values = TABLE_VALUES if values is None else values
    lines = SEED_REPORT.read_text(encoding="utf-8").split("\n")
    report = HostileReport("", narrative_lines=[v for v in values if v.strip()] or ["-"])
    slot = offset

    def value_for(number: int, name: str) -> str:
        nonlocal slot
        if (number, name) not in report.cells:
            report.cells[(number, name)] = values[slot % len(values)]
            slot += 1
        return report.cells[(number, name)]

    part = 0
    current = 0
    out: list[str] = []
    skip_paragraph = False
    for line in lines:
        stripped = line.strip()
        if stripped == "งานนิติการ":
            out.append(PREPARING_UNIT)
            continue
        if stripped == "ข้อเสนอแนะ":
            out += [line, "", *report.narrative_lines]
            skip_paragraph = True
            continue
        if skip_paragraph:  # the seed's own suggestion, up to the next heading
            if to_arabic_digits(stripped).startswith("2."):
                skip_paragraph = False
                out.append("")
            else:
                continue
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        if cells[0].strip() == "ลำดับ":
            part = 2 if "รายการโครงการ" in cells[1] else 3
            out.append(line)
            continue
        number_cell = to_arabic_digits(cells[0].strip()).rstrip(".")
        columns = SUMMARY_CELLS if part == 2 else DETAIL_CELLS if part == 3 else {}
        if number_cell.isdigit():
            current = int(number_cell)
            for name, column in columns.items():
                cells[column] = value_for(current, name)
        elif not number_cell and current:  # a wrapped row continues the project above: its cells go
            for column in columns.values():
                if column < len(cells):
                    cells[column] = ""
        out.append("\t".join(cells))
    report.text = "\n".join(out)
    return report
