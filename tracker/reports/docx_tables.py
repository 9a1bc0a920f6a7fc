"""The Word report's tables: column widths, header rows repeated on every page, rows kept whole, the signatures.

A table is written with fixed column widths: each column's share of the page, widened where a
heading's word or a number would not fit on one line (:func:`_column_widths`); the header rows
(grouped columns under their group's cell) repeat on every page; a row is kept whole on a page
("can't split") unless it is estimated taller than a page, which Word would clip
(:func:`_row_height_cm`). The signature block is a borderless table, a column a signer.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn

from tracker.reports.document import SIGN_LINE, Align, Column, Signatures, Table
from tracker.reports.docx_setup import (
    BODY_PT,
    CAPTION,
    NORMAL,
    SIGNATURE,
    TABLE_HEADING,
    TABLE_PT,
    TABLE_TEXT,
    WIDE_TABLE_HEADING,
    WIDE_TABLE_PT,
    WIDE_TABLE_TEXT,
    text_height_cm,
    usable_cm,
)
from tracker.reports.docx_xml import (
    JUSTIFICATION,
    PPR_ORDER,
    TWIPS_PER_CM,
    append_child,
    get_ppr,
    new_paragraph,
    set_child,
    style_id_of,
    text_paragraph,
    text_run,
    twips,
)

CELL_MARGIN_CM = 0.1
"""Left and right padding inside table cells (Word's default 0.19 cm wastes the narrow columns)."""
HEADER_FILL = "D9D9D9"

# Estimated height of a table row, to decide whether it may be kept whole on a page: Word clips a row
# marked "can't split" that is taller than a page, so a row estimated taller than the page less
# :data:`ROW_ROOM_CM` (the repeated header rows, rounding) may split. TH Sarabun sets about 0.15 cm a
# character at 14 pt, Thai marks above and below included (measured on TLWG's Laksaman, its redrawing);
# 0.16 cm and lines of 0.6 cm err on the tall side.
CHAR_CM_PER_PT = 0.16 / 14
LINE_CM_PER_PT = 0.6 / 14
ROW_ROOM_CM = 4.0


def write_table(body: Any, table: Table, landscape: bool, *, keep_with_next: bool = False) -> None:
    """A table of the report: its caption, its header rows (repeated on every page), its rows and
    total, each row kept whole on a page where it fits.

    ``keep_with_next``: the table's last row is kept on a page with what follows the table (part 2's note
    under its table, which alone on the next page reads as cut off from it)."""
    wide = landscape
    text_style = WIDE_TABLE_TEXT if wide else TABLE_TEXT
    heading_style = WIDE_TABLE_HEADING if wide else TABLE_HEADING
    size = WIDE_TABLE_PT if wide else TABLE_PT
    for line in table.caption:
        text_paragraph(body, CAPTION, line)
    widths_cm = _column_widths(table, usable_cm(landscape), size)
    widths = [str(round(w * TWIPS_PER_CM)) for w in widths_cm]
    tbl = new_table(body, widths)
    _header_rows(tbl, table.columns, widths, heading_style)
    rows = list(table.rows)
    limit = _row_limit_cm(landscape)
    for index, row in enumerate(rows):
        last = index == len(rows) - 1 and (table.total is not None or keep_with_next)
        _row(tbl, table.columns, row, widths, widths_cm, text_style, size, limit, bold=False, keep_next=last)
    if table.total is not None:
        _row(tbl, table.columns, table.total, widths, widths_cm, text_style, size, limit, bold=True,
             keep_next=keep_with_next)
    # Word needs a paragraph between two tables and after a table that ends a section.
    after_table(body, keep_next=keep_with_next)


def after_table(body: Any, *, keep_next: bool = False) -> None:
    """The paragraph Word needs between two tables and after a table that ends a section: no spacing
    (``keep_next``: kept with the paragraph that follows, where the table's last row is kept with it)."""
    p = new_paragraph(body, NORMAL)
    if keep_next:
        set_child(get_ppr(p), "keepNext", PPR_ORDER)
    set_child(get_ppr(p), "spacing", PPR_ORDER, before="0", after="0", line="240", lineRule="auto")


def new_table(body: Any, widths: Sequence[str], *, borders: bool = True) -> Any:
    """A new table at the end of ``body``: fixed column ``widths`` (twips), a black grid or no borders."""
    tbl = body.makeelement(qn("w:tbl"), {})
    body.find(qn("w:sectPr")).addprevious(tbl)
    tbl_pr = append_child(tbl, "tblPr")
    append_child(tbl_pr, "tblStyle", val="TableGrid" if borders else "TableNormal")
    append_child(tbl_pr, "tblW", w=str(sum(int(w) for w in widths)), type="dxa")
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    tbl_borders = append_child(tbl_pr, "tblBorders")
    for edge in edges:
        if borders:
            append_child(tbl_borders, edge, val="single", sz="4", space="0", color="000000")
        else:
            append_child(tbl_borders, edge, val="nil")
    append_child(tbl_pr, "tblLayout", type="fixed")
    margins = append_child(tbl_pr, "tblCellMar")
    pad = twips(CELL_MARGIN_CM)
    append_child(margins, "left", w=pad, type="dxa")
    append_child(margins, "right", w=pad, type="dxa")
    append_child(tbl_pr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
                 noHBand="0", noVBand="1")
    grid = append_child(tbl, "tblGrid")
    for width in widths:
        append_child(grid, "gridCol", w=width)
    return tbl


def _header_rows(tbl: Any, columns: Sequence[Column], widths: Sequence[str], style: str) -> None:
    grouped = any(c.group for c in columns)
    rows = [append_child(tbl, "tr") for _ in range(2 if grouped else 1)]
    for tr in rows:
        tr_pr = append_child(tr, "trPr")
        append_child(tr_pr, "cantSplit")
        append_child(tr_pr, "tblHeader")
    if not grouped:
        for column, width in zip(columns, widths, strict=True):
            _cell(rows[0], column.heading, [width], style, header=True)
        return
    index = 0
    while index < len(columns):
        column = columns[index]
        if not column.group:
            _cell(rows[0], column.heading, [widths[index]], style, header=True, merge="restart")
            _cell(rows[1], "", [widths[index]], style, header=True, merge="continue")
            index += 1
            continue
        end = index
        while end < len(columns) and columns[end].group == column.group:
            end += 1
        _cell(rows[0], column.group, widths[index:end], style, header=True)
        for sub in range(index, end):
            _cell(rows[1], columns[sub].heading, [widths[sub]], style, header=True)
        index = end


def _row(
    tbl: Any, columns: Sequence[Column], values: Sequence[str], widths: Sequence[str],
    widths_cm: Sequence[float], style: str, size: float, limit: float, *, bold: bool, keep_next: bool = False,
) -> None:
    tr = append_child(tbl, "tr")
    if _row_height_cm(values, widths_cm, size) <= limit:
        append_child(append_child(tr, "trPr"), "cantSplit")
    for index, width in enumerate(widths):
        value = values[index] if index < len(values) else ""
        align = columns[index].align if index < len(columns) else Align.LEFT
        _cell(tr, value, [width], style, align=align, bold=bold, keep_next=keep_next)


# ---------------------------------------------------------------------------------------- signatures


def write_signatures(body: Any, block: Signatures, landscape: bool) -> None:
    """The signature block: a borderless table, a column a signer (the dotted line to sign on, the
    name, the position), kept whole on a page."""
    if not block.signers:
        return
    usable = usable_cm(landscape)
    count = len(block.signers)
    width_cm = usable / count
    widths = [str(round(width_cm * TWIPS_PER_CM))] * count
    dots = "." * max(10, min(40, int(width_cm / 0.3) - 8))
    # A blank line before the block, kept with it.
    spacer = new_paragraph(body, NORMAL)
    set_child(get_ppr(spacer), "keepNext", PPR_ORDER)
    tbl = new_table(body, widths, borders=False)
    tr = append_child(tbl, "tr")
    texts = [
        "\n".join([f"{SIGN_LINE} {dots} {signer.role}", signer.name, signer.position])
        for signer in block.signers
    ]
    if _row_height_cm(texts, [width_cm] * count, BODY_PT) <= _row_limit_cm(landscape):
        append_child(append_child(tr, "trPr"), "cantSplit")
    for signer, width in zip(block.signers, widths, strict=True):
        tc = append_child(tr, "tc")
        tc_pr = append_child(tc, "tcPr")
        append_child(tc_pr, "tcW", w=width, type="dxa")
        for line, space_before in ((f"{SIGN_LINE} {dots} {signer.role}", "480"),
                                   (signer.name, "120"), (signer.position, "0")):
            p = append_child(tc, "p")
            ppr = append_child(p, "pPr")
            append_child(ppr, "pStyle", val=style_id_of(SIGNATURE))
            append_child(ppr, "spacing", before=space_before, after="0")
            text_run(p, line)
    after_table(body)


def _row_limit_cm(landscape: bool) -> float:
    """The tallest a row may be estimated and still be kept whole on a page."""
    return text_height_cm(landscape) - ROW_ROOM_CM


# ------------------------------------------------------------------------------------ cell helpers


def _cell(
    tr: Any, text: str, widths: Sequence[str], style: str, *, header: bool = False, merge: str = "",
    align: Align = Align.CENTER, bold: bool = False, keep_next: bool = False,
) -> None:
    tc = append_child(tr, "tc")
    tc_pr = append_child(tc, "tcPr")
    append_child(tc_pr, "tcW", w=str(sum(int(w) for w in widths)), type="dxa")
    if len(widths) > 1:
        append_child(tc_pr, "gridSpan", val=str(len(widths)))
    if merge:
        append_child(tc_pr, "vMerge", val=merge)
    if header:
        append_child(tc_pr, "shd", val="clear", color="auto", fill=HEADER_FILL)
        append_child(tc_pr, "vAlign", val="center")
    p = append_child(tc, "p")
    ppr = append_child(p, "pPr")
    append_child(ppr, "pStyle", val=style_id_of(style))
    if keep_next:
        append_child(ppr, "keepNext")
    if not header:
        append_child(ppr, "jc", val="left" if align is Align.JUSTIFY else JUSTIFICATION[align])
    if text:
        text_run(p, text, bold=bold)


def _column_widths(table: Table, usable: float, size: float) -> list[float]:
    """The columns' widths in cm: their shares of ``usable``, widened where a heading's word or a number
    would not fit on one line (a number broken in two misreads), the room taken from the columns with
    the most to spare. Only the widths change, never the order or the text."""
    shares = [max(c.width, 0.0) for c in table.columns]
    total_share = sum(shares) or 1.0
    widths = [usable * share / total_share for share in shares]
    em = size * 2.54 / 72
    pad = 2 * CELL_MARGIN_CM + 0.05
    rows = [*table.rows, *([table.total] if table.total else [])]
    needs = []
    for index, column in enumerate(table.columns):
        words = [w for w in column.heading.split() if len(w) <= 8]
        need = max((_text_em(w) * 1.05 for w in words), default=0.0)
        for row in rows:
            if index < len(row):
                need = max(need, *(_text_em(t) * 1.05 for t in _NUMBER.findall(row[index])), 0.0)
        needs.append(min(need * em + pad, usable * 0.3))
    deficit = sum(max(0.0, need - width) for need, width in zip(needs, widths, strict=True))
    spare = [max(0.0, width - need) for need, width in zip(needs, widths, strict=True)]
    if deficit <= 0 or deficit > sum(spare):
        return widths
    taken = deficit / sum(spare)
    return [max(need, width - room * taken) for need, width, room in zip(needs, widths, spare, strict=True)]


_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")


def _text_em(text: str) -> float:
    """The width of ``text`` in TH Sarabun, in ems (measured on TLWG's Laksaman, its redrawing)."""
    width = 0.0
    for char in text:
        if "๐" <= char <= "๙":
            width += 0.51
        elif "0" <= char <= "9":
            width += 0.41
        elif char in ",.":
            width += 0.18
        elif unicodedata.category(char) == "Mn":
            continue
        else:
            width += 0.44
    return width


def _row_height_cm(values: Sequence[str], widths_cm: Sequence[float], size: float) -> float:
    """A generous estimate of a row's height: its tallest cell's lines times a line's height."""
    char_cm = CHAR_CM_PER_PT * size
    tallest = 0
    for value, width in zip(values, widths_cm, strict=False):
        per_line = max(1, int((width - 2 * CELL_MARGIN_CM) / char_cm))
        lines = sum(max(1, math.ceil(len(line) / per_line)) for line in value.split("\n"))
        tallest = max(tallest, lines)
    return tallest * LINE_CM_PER_PT * size
