"""The PDF report's tables: column widths, cells wrapped into lines, the grid drawn row by row.

A :class:`TableLayout` lays a :class:`~tracker.reports.document.Table` out for the page's width:
each column's share of it, the header (grouped columns under their group's cell), and every cell
wrapped at word ends. A figure (an amount, a count) is never broken: where it would not fit its column
the cell is set smaller, down to :data:`MIN_TABLE_SIZE`, and a column's figures all at one size. It
draws the header on every page the table reaches and a row too tall for the room left across pages.
Where a table starts, and whether it is kept whole, is the document's
(:meth:`tracker.reports.pdf_report.Renderer.table`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from tracker.domain.linebreak import line_pieces
from tracker.reports.document import Align, Column, Table
from tracker.reports.pdf_fonts import TICKS
from tracker.reports.pdf_pages import BODY_SIZE, LINE, Line, PageFlow

TABLE_SIZE = 12.0
"""The tables' size (part 3's nine columns fit A4 landscape)."""
MIN_TABLE_SIZE = 8.0
TABLE_LINE = 1.4
"""A table line's height as a multiple of the font size."""
PAD_X = 3.0
PAD_TOP = 2.0
PAD_BOTTOM = 2.5
"""Room inside a cell: left and right, above and below its lines (points)."""
AMOUNT = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")
"""A table cell that is a figure (an amount, a count): set at one size down its column."""


class Cell:
    """A cell's wrapped lines, how they are set, and whether it is a tick alone (drawn as two strokes)."""

    __slots__ = ("align", "bold", "lines", "size", "tick")

    def __init__(self, lines: list[Line], align: Align, bold: bool, size: float, tick: bool = False) -> None:
        self.lines = lines
        self.align = align
        self.bold = bold
        self.size = size
        self.tick = tick


class TableLayout:
    """A table's column widths, its header and rows wrapped into cell lines, and their heights."""

    def __init__(self, renderer: PageFlow, table: Table) -> None:
        self.r = renderer
        self.table = table
        usable = renderer.usable
        total = sum(c.width for c in table.columns) or 1.0
        self.widths = [usable * c.width / total for c in table.columns]
        self.xs = [renderer.page.left]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.caption_height = sum(
            len(renderer.wrap(renderer.bold, BODY_SIZE, text, usable)) * BODY_SIZE * LINE for text in table.caption
        )
        self.headings = [self.cell(c.heading, i, bold=True, align=Align.CENTER) for i, c in enumerate(table.columns)]
        self.groups = self._groups(table.columns)
        self.group_cells = [self.cell(name, first, bold=True, align=Align.CENTER, last=last)
                            for name, first, last in self.groups if name]
        grouped = [i for name, first, last in self.groups if name for i in range(first, last + 1)]
        alone = [cell_height(self.headings[i]) for i in range(len(table.columns)) if i not in grouped]
        if grouped:
            self.h1 = max(cell_height(c) for c in self.group_cells)
            self.h2 = max(cell_height(self.headings[i]) for i in grouped)
            self.h2 = max(self.h2, max(alone, default=0.0) - self.h1)
            self.header_height = self.h1 + self.h2
        else:
            self.h1 = self.h2 = 0.0
            self.header_height = max(alone, default=0.0)
        body = [(row, False) for row in table.rows] + ([(table.total, True)] if table.total is not None else [])
        # The amounts of a column at one size, the smallest any of them needs: figures of one column set
        # at different sizes would read as different kinds of figures.
        amount_sizes: dict[int, float] = {}
        for row, bold in body:
            for i, text in enumerate(row):
                if AMOUNT.fullmatch(text.strip()):
                    size = self.fitted_size(text, i, bold)
                    amount_sizes[i] = min(size, amount_sizes.get(i, size))
        self.rows = [
            [self.cell(text, i, bold, size=amount_sizes.get(i) if AMOUNT.fullmatch(text.strip()) else None)
             for i, text in enumerate(row)]
            for row, bold in body
        ]
        self.row_heights = [max((cell_height(c) for c in row), default=TABLE_SIZE) for row in self.rows]
        self.whole_height = self.caption_height + self.header_height + sum(self.row_heights)

    @staticmethod
    def _groups(columns: Sequence[Column]) -> list[tuple[str, int, int]]:
        """Runs of adjacent columns: (group, first, last); an ungrouped column is a run of its own."""
        runs: list[tuple[str, int, int]] = []
        for index, column in enumerate(columns):
            if runs and column.group and runs[-1][0] == column.group:
                runs[-1] = (column.group, runs[-1][1], index)
            else:
                runs.append((column.group, index, index))
        return runs

    def cell(
        self, text: str, index: int, bold: bool, align: Align | None = None, last: int | None = None,
        size: float | None = None,
    ) -> Cell:
        """A cell's lines, at ``size`` or as :meth:`fitted_size` finds."""
        column = self.table.columns[index]
        width = self.inner_width(index, last)
        face = self.r.bold if bold else self.r.regular
        align = align or (Align.LEFT if column.align is Align.JUSTIFY else column.align)
        if text.strip() in TICKS:
            return Cell([Line([], True)], align, bold, TABLE_SIZE, tick=True)
        if not text:
            return Cell([Line([], True)], align, bold, TABLE_SIZE)
        size = self.fitted_size(text, index, bold, last) if size is None else size
        return Cell(self.r.wrap(face, size, text, width), align, bold, size)

    def inner_width(self, index: int, last: int | None = None) -> float:
        return sum(self.widths[index : (index if last is None else last) + 1]) - 2 * PAD_X

    def fitted_size(self, text: str, index: int, bold: bool, last: int | None = None) -> float:
        """The table's size, or smaller (down to :data:`MIN_TABLE_SIZE`) where the cell's longest word or
        number would not fit its column, rather than cut it ("๑๐๐,๐๐๐.๐๐" in a narrow column)."""
        width = self.inner_width(index, last)
        face = self.r.bold if bold else self.r.regular
        size = TABLE_SIZE
        clean = self.r.clean(text)
        widest = max((face.width(piece.rstrip(), size) for line in clean.split("\n") for piece in line_pieces(line)),
                     default=0.0)
        if widest > width > 0 and widest * MIN_TABLE_SIZE / size <= width:
            size = max(MIN_TABLE_SIZE, math.floor(size * width / widest * 4) / 4)
        return size

    def draw_header(self) -> None:
        top = self.r.y
        if not self.group_cells:
            for index, cell in enumerate(self.headings):
                self.box(index, index, top, self.header_height, cell, middle=True)
        else:
            groups = iter(self.group_cells)
            for name, first, last in self.groups:
                if name:
                    self.box(first, last, top, self.h1, next(groups), middle=True)
                    for index in range(first, last + 1):
                        self.box(index, index, top + self.h1, self.h2, self.headings[index], middle=True)
                else:
                    self.box(first, first, top, self.header_height, self.headings[first], middle=True)
        self.r.y = top + self.header_height

    def draw_row(self, cells: list[Cell], height: float) -> None:
        """Draws a row; one taller than the room left is split across pages, the header repeated."""
        r = self.r
        done = [0] * len(cells)
        while True:
            left = [Cell(c.lines[d:], c.align, c.bold, c.size, c.tick and d == 0) for c, d in zip(cells, done,
                                                                                                   strict=True)]
            remaining = max(cell_height(c) for c in left)
            if remaining <= r.room() + 0.01:
                self.row_box(left, r.y, remaining)
                r.y += remaining
                return
            room = r.room() - PAD_TOP - PAD_BOTTOM
            fits = [int(room / (c.size * TABLE_LINE)) for c in left]
            if min(fits) < 1:
                r.new_page()
                self.draw_header()
                continue
            self.row_box([Cell(c.lines[:n], c.align, c.bold, c.size, c.tick) for c, n in zip(left, fits, strict=True)],
                         r.y, r.room())
            done = [d + n for d, n in zip(done, fits, strict=True)]
            r.new_page()
            self.draw_header()

    def row_box(self, cells: list[Cell], top: float, height: float) -> None:
        for index, cell in enumerate(cells):
            self.box(index, index, top, height, cell)

    def box(self, first: int, last: int, top: float, height: float, cell: Cell, middle: bool = False) -> None:
        r = self.r
        x = self.xs[first]
        width = self.xs[last + 1] - x
        r.current.rect(x, r.page.height - top - height, width, height)
        lh = cell.size * TABLE_LINE
        if cell.tick:
            self.tick(x + width / 2, top + PAD_TOP + lh / 2)
            return
        face = r.bold if cell.bold else r.regular
        y = top + (height - len(cell.lines) * lh) / 2 if middle else top + PAD_TOP
        for line in cell.lines:
            r.place(face, cell.size, line, x + PAD_X, width - 2 * PAD_X, y, lh, cell.align)
            y += lh

    def tick(self, cx: float, cy: float) -> None:
        """A tick mark drawn as two strokes (Sarabun has no ✓)."""
        s = TABLE_SIZE * 0.32
        h = self.r.page.height
        self.r.current.polyline([(cx - s, h - cy), (cx - s * 0.3, h - cy - s * 0.75), (cx + s, h - cy + s * 0.9)],
                                width=1.2)


def cell_height(cell: Cell) -> float:
    """A cell's height: its lines and the padding above and below."""
    return PAD_TOP + len(cell.lines) * cell.size * TABLE_LINE + PAD_BOTTOM
