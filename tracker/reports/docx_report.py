"""The report as a Word file (.docx): what a legal officer prints, signs in ink and publishes.

:func:`docx_bytes` lays out a :class:`~tracker.reports.document.ReportDocument` with python-docx, as
Thai government reports are set: A4, margins top 2.5 cm, bottom 2 cm, left 3 cm, right 2 cm (2 cm all
round on the landscape pages of parts 2 and 3), TH SarabunIT๙ 16 pt with single line spacing, Thai
justification, a 2.5 cm first-line indent. The tables are set in 14 pt: in the landscape parts so nine to
twelve columns fit across the page, in part 1 so the narrow columns' headings ("จำนวนโครงการ", the
statuses) break between words, not inside them.

Fonts. Thai is a "complex script" to Word: a Thai run takes its font from ``w:rFonts/@w:cs`` and its
size and weight from ``w:szCs`` and ``w:bCs``, so every style here sets all four font slots (ascii,
hAnsi, eastAsia, cs) and both sizes and weights, in the styles (Normal, the headings, table text, the
contents' levels), never run by run, so an office can still restyle the document. The font table
declares TH SarabunIT๙ with the alternative name "TH Sarabun New", Thai's code page (874) and Thai's
Unicode range. On a computer without TH SarabunIT๙, Word keeps the name in the file (so it prints
right where the font exists) and lays the text out with a substitute: TH Sarabun New if installed
(the alternative name), else the closest Thai font it has by those signatures (Tahoma, Leelawadee or
Angsana New on Windows); File > Options > Advanced > Font Substitution shows and can change the choice.
LibreOffice substitutes through its replacement table or fontconfig instead.

Page numbers. The cover has none; the foreword and contents are numbered with Thai letters
(ก, ข, ...), as Thai reports number their front matter, and part 1 starts again at 1, in Thai digits
when ``doc.digits`` is THAI. Both are the section's page-number format (``w:pgNumType w:fmt``
"thaiLetters" / "thaiNumbers"), so the contents' page numbers, which Word copies from the sections,
read the same as the pages. The number is a PAGE field, "- ๓ -" at the top centre of every page but the cover's.

The contents is a real TOC field over the "Heading 1" paragraphs (the parts). Its cached result
holds the parts, each with a PAGEREF field to the part's bookmark (part 1's number, 1, is known);
``w:updateFields`` makes Word offer to refresh the whole field, page numbers included, on opening.

User text is data: it is written as text runs (never parsed), a line break in it becomes a line break
in its paragraph or cell, and characters XML 1.0 cannot hold (U+FFFE, U+FFFF, lone surrogates, C0
controls) become U+FFFD.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle

from tracker.domain.layout import CONTENTS_HEADING
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle
from tracker.reports.document import (
    PAGE_LABEL,
    SIGN_LINE,
    Align,
    Bullets,
    Column,
    Cover,
    Heading,
    Paragraph,
    ReportDocument,
    Section,
    Signatures,
    Table,
    read_emblem,
)

FONT = "TH SarabunIT๙"
"""The font Thai government offices set documents in (the "๙" variant draws Thai digits)."""
FALLBACK_FONT = "TH Sarabun New"
"""Declared as the font's alternative name: what Word uses where TH SarabunIT๙ is not installed."""
BODY_PT = 16
WIDE_TABLE_PT = 14
"""The tables of the landscape parts (nine to twelve columns)."""
TABLE_PT = 14
"""Part 1's table (dimensions by status): its status columns are narrow."""
LANGUAGE = "th-TH"

EMU_PER_CM = 360000
TWIPS_PER_CM = 1440 / 2.54
A4 = (21.0, 29.7)
PORTRAIT_MARGINS = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}
LANDSCAPE_MARGINS = {"top": 2.0, "bottom": 2.0, "left": 2.0, "right": 2.0}
HEADER_DISTANCE_CM = 1.25
FIRST_LINE_INDENT_CM = 2.5
CELL_MARGIN_CM = 0.1
"""Left and right padding inside table cells (Word's default 0.19 cm wastes the narrow columns)."""
HEADER_FILL = "D9D9D9"
EMBLEM_WIDTH_CM = 3.0

FRONT_PAGE_FORMAT = "thaiLetters"
PAGE_FORMAT = {DigitStyle.THAI: "thaiNumbers", DigitStyle.ARABIC: "decimal"}
TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '

# Estimated height of a table row, to decide whether it may be kept whole on a page: Word clips a row
# marked "can't split" that is taller than a page, so a row estimated taller than the page less
# :data:`ROW_ROOM_CM` (the repeated header rows, rounding) may split. TH Sarabun sets about 0.15 cm a
# character at 14 pt, Thai marks above and below included (measured on TLWG's Laksaman, its redrawing);
# 0.16 cm and lines of 0.6 cm err on the tall side.
CHAR_CM_PER_PT = 0.16 / 14
LINE_CM_PER_PT = 0.6 / 14
ROW_ROOM_CM = 4.0

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Style names (the built-in ones as Word names them, so Word recognises and updates them).
NORMAL = "Normal"
FRONT_HEADING = "Report Front Heading"
COVER_TITLE = "Report Cover Title"
COVER_LINE = "Report Cover Line"
BULLET = "Report Bullet"
CAPTION = "Report Caption"
TABLE_TEXT = "Report Table Text"
TABLE_HEADING = "Report Table Heading"
WIDE_TABLE_TEXT = "Report Wide Table Text"
WIDE_TABLE_HEADING = "Report Wide Table Heading"
SIGNATURE = "Report Signature"
CONTENTS_LABEL = "Report Contents Label"

_ALIGN = {
    Align.LEFT: "left",
    Align.CENTER: "center",
    Align.RIGHT: "right",
    Align.JUSTIFY: "thaiDistribute",
}


def docx_bytes(doc: ReportDocument, contents_pages: Sequence[str] = ()) -> bytes:
    """The Word file of ``doc``.

    ``contents_pages`` are the page numbers the contents shows until Word updates its field (where
    each part starts in the PDF's layout of the same document, say): without them only part 1's, which
    is always ๑, is known, and a program that does not update fields (LibreOffice, or Word when the
    update is declined) would show the other parts without a number.
    Raises :class:`ValueError` (one line, Thai then English) if the cover's emblem cannot be read.
    """
    emblem = read_emblem(doc.cover.emblem) if doc.cover.emblem else None
    word = docx.Document()
    _set_styles(word)
    _declare_font(word)
    _set_settings(word)
    writer = _Writer(word, doc, contents_pages)
    writer.write(emblem)
    word.core_properties.title = _xml_safe(doc.title)
    word.core_properties.language = LANGUAGE
    word.core_properties.author = ""
    word.core_properties.comments = ""
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- text


def _xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold made U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _lines(text: str) -> list[str]:
    """``text``'s lines, each safe to write into XML (tabs as spaces, as safe_block writes them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _xml_safe(text).split("\n")


# ------------------------------------------------------------------------------------------ emblem


# ------------------------------------------------------------------------------------------ XML help

# Schema order of the children of w:rPr and w:pPr: Word rejects a file whose elements are out of order.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]


def _local(element: Any) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def _set_child(parent: Any, tag: str, order: Sequence[str], **attrs: str) -> Any:
    """Replace ``parent``'s ``w:<tag>`` child by one with ``attrs``, in schema order."""
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    child = parent.makeelement(qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})
    rank = order.index(tag)
    for index, sibling in enumerate(parent):
        name = _local(sibling)
        if name in order and order.index(name) > rank:
            parent.insert(index, child)
            break
    else:
        parent.append(child)
    return child


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    """Append a new ``w:<tag>`` to ``parent``."""
    child = parent.makeelement(qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})
    parent.append(child)
    return child


def _font_props(rpr: Any, size: float | None = None, bold: bool | None = None, color: str | None = None) -> None:
    """Thai font, size and weight on all four script slots of ``rpr`` (a w:rPr)."""
    _set_child(rpr, "rFonts", _RPR_ORDER, ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    if bold is not None:
        value = "1" if bold else "0"
        _set_child(rpr, "b", _RPR_ORDER, val=value)
        _set_child(rpr, "bCs", _RPR_ORDER, val=value)
    for tag in ("i", "iCs"):
        _set_child(rpr, tag, _RPR_ORDER, val="0")
    if color is not None:
        _set_child(rpr, "color", _RPR_ORDER, val=color)
    if size is not None:
        half_points = str(round(size * 2))
        _set_child(rpr, "sz", _RPR_ORDER, val=half_points)
        _set_child(rpr, "szCs", _RPR_ORDER, val=half_points)
    _set_child(rpr, "lang", _RPR_ORDER, val=LANGUAGE, eastAsia=LANGUAGE, bidi=LANGUAGE)


# ------------------------------------------------------------------------------------------ styles


def _set_styles(word: Any) -> None:
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    _font_props(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_PT)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_child(ppr, "spacing", _PPR_ORDER, before="0", after="0", line="240", lineRule="auto")

    normal = styles[NORMAL]
    _font_props(normal.element.get_or_add_rPr(), BODY_PT, color="000000")
    _paragraph_format(normal, space_after=0)
    for name in ("Header", "Footer"):
        _font_props(styles[name].element.get_or_add_rPr(), BODY_PT)

    # Heading 1 a part (the contents' entries), 2 a section of part 1, 3 a subsection: Thai font,
    # black (not Word's blue), kept with what follows.
    for level, size, align, before, after, indent in (
        (1, 18, WD_ALIGN_PARAGRAPH.CENTER, 0, 12, 0.0),
        (2, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 12, 0, 0.0),
        (3, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 6, 0, 1.25),
    ):
        style = styles[f"Heading {level}"]
        _font_props(style.element.get_or_add_rPr(), size, bold=True, color="000000")
        _paragraph_format(style, align=align, space_before=before, space_after=after, keep_next=True,
                          left_indent=indent)
        char_style = styles[f"Heading {level} Char"]
        _font_props(char_style.element.get_or_add_rPr(), size, bold=True, color="000000")

    _add_style(styles, FRONT_HEADING, size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12,
               keep_next=True)
    _add_style(styles, COVER_TITLE, size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _add_style(styles, COVER_LINE, size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    bullet = _add_style(styles, BULLET, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
    bullet.paragraph_format.left_indent = Cm(FIRST_LINE_INDENT_CM + 0.5)
    bullet.paragraph_format.first_line_indent = Cm(-0.5)
    _add_style(styles, CAPTION, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6, keep_next=True)
    _add_style(styles, TABLE_TEXT, size=TABLE_PT)
    _add_style(styles, TABLE_HEADING, size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    _add_style(styles, WIDE_TABLE_TEXT, size=WIDE_TABLE_PT)
    _add_style(styles, WIDE_TABLE_HEADING, size=WIDE_TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               keep_next=True)
    _add_style(styles, SIGNATURE, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    _add_style(styles, CONTENTS_LABEL, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, keep_next=True)
    for level in (1, 2, 3):
        toc = _add_style(styles, f"toc {level}", style_id=f"TOC{level}", space_after=6)
        toc.paragraph_format.left_indent = Cm(0.75 * level)
        toc.paragraph_format.first_line_indent = Cm(-0.75)
        toc.paragraph_format.right_indent = Cm(1.0)
        toc.element.attrib.pop(qn("w:customStyle"), None)
        toc.priority = 39
        toc.unhide_when_used = True
        # The page numbers right-aligned at the margin behind a dotted leader.
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(A4[0] - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]),
            WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS,
        )


def _paragraph_format(
    style: Any, *, align: Any = None, space_before: float | None = None, space_after: float | None = None,
    keep_next: bool | None = None, left_indent: float | None = None,
) -> None:
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if space_before is not None:
        fmt.space_before = Pt(space_before)
    if space_after is not None:
        fmt.space_after = Pt(space_after)
    if keep_next is not None:
        fmt.keep_with_next = keep_next
    if left_indent is not None:
        fmt.left_indent = Cm(left_indent)
    fmt.line_spacing = 1.0


def _add_style(
    styles: Any, name: str, *, style_id: str = "", size: float = BODY_PT, bold: bool = False, align: Any = None,
    space_after: float = 0, keep_next: bool = False,
) -> ParagraphStyle:
    style: ParagraphStyle = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style_id:
        style.element.set(qn("w:styleId"), style_id)
    style.base_style = styles[NORMAL]
    style.quick_style = False
    _font_props(style.element.get_or_add_rPr(), size, bold=bold)
    _paragraph_format(style, align=align, space_after=space_after, keep_next=keep_next or None)
    return style


# -------------------------------------------------------------------------------- font table, settings


def _declare_font(word: Any) -> None:
    """Declare TH SarabunIT๙ in word/fontTable.xml with "TH Sarabun New" as its alternative name."""
    for part in word.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        fonts = parse_xml(part.blob)
        font = fonts.makeelement(qn("w:font"), {qn("w:name"): FONT})
        for tag, value in (("altName", FALLBACK_FONT), ("charset", "DE"), ("family", "swiss"), ("pitch", "variable")):
            _sub(font, tag, val=value)
        # Unicode ranges: Basic Latin, Latin-1 and Thai; code pages: Latin 1 and Thai (874).
        _sub(font, "sig", usb0="01000003", usb1="00000000", usb2="00000000", usb3="00000000",
             csb0="00010001", csb1="00000000")
        fonts.insert(0, font)
        # python-docx keeps the font table as an opaque part: replace its bytes.
        part._blob = _serialize(fonts)
        return


def _serialize(element: Any) -> bytes:
    blob: bytes = serialize_part_xml(element)
    return blob


def _set_settings(word: Any) -> None:
    """Ask Word to update the fields (the contents) on opening; Thai as the complex-script language."""
    settings = word.settings.element
    update = settings.makeelement(qn("w:updateFields"), {qn("w:val"): "true"})
    # w:updateFields comes before these (and everything after them) in the schema's order.
    later = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
             "attachedSchema", "themeFontLang", "clrSchemeMapping", "shapeDefaults", "decimalSymbol",
             "listSeparator"}
    for index, child in enumerate(settings):
        if _local(child) in later:
            settings.insert(index, update)
            break
    else:
        settings.append(update)
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:bidi"), LANGUAGE)


# ------------------------------------------------------------------------------------------ writer


class _Writer:
    """Writes the document's blocks into the Word document, section by section."""

    def __init__(self, word: Any, doc: ReportDocument, contents_pages: Sequence[str] = ()) -> None:
        self.word = word
        self.doc = doc
        self.contents_pages = list(contents_pages)
        self.body = word.element.body
        self.landscape = False
        self.numbered = False
        self.bookmarks = 0
        self.toc_anchors: list[str] = []
        self.toc_paragraphs: list[Any] = []

    # ---- sections

    def write(self, emblem: bytes | None) -> None:
        first = self.word.sections[0]
        self._page(first, landscape=False)
        self._cover(self.doc.cover, emblem)
        front, body = _split_front(self.doc.sections)
        self._new_section(landscape=False, numbered=True, page_format=FRONT_PAGE_FORMAT, restart=True)
        for index, section in enumerate(front):
            if index:
                self._page_break()
            self._blocks(section.blocks)
        if front:
            self._page_break()
        self._contents()
        for index, section in enumerate(body):
            self._new_section(
                landscape=section.landscape, numbered=section.numbered,
                page_format=PAGE_FORMAT[self.doc.digits], restart=index == 0,
            )
            self._blocks(section.blocks)
        self._fill_contents()

    def _page(self, section: Any, *, landscape: bool) -> None:
        width, height = (A4[1], A4[0]) if landscape else A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = Cm(width)
        section.page_height = Cm(height)
        margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
        section.top_margin = Cm(margins["top"])
        section.bottom_margin = Cm(margins["bottom"])
        section.left_margin = Cm(margins["left"])
        section.right_margin = Cm(margins["right"])
        section.header_distance = Cm(HEADER_DISTANCE_CM if not landscape else 1.0)
        section.footer_distance = Cm(1.0)
        section.gutter = Cm(0)
        self.landscape = landscape

    def _new_section(self, *, landscape: bool, numbered: bool, page_format: str, restart: bool) -> None:
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        # The paragraph that now ends the previous section: as small as a paragraph can be, so it never
        # makes a page of its own after a table that fills one.
        breaker = self.body.findall(qn("w:p"))[-1]
        _tiny(breaker)
        self._page(section, landscape=landscape)
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:pgNumType")):
            sect_pr.remove(old)
        number_type = sect_pr.makeelement(qn("w:pgNumType"), {qn("w:fmt"): page_format})
        if restart:
            number_type.set(qn("w:start"), "1")
        # w:pgNumType follows w:pgMar (and w:paperSrc, w:pgBorders, w:lnNumType).
        anchor = None
        for tag in ("lnNumType", "pgBorders", "paperSrc", "pgMar", "pgSz"):
            anchor = sect_pr.find(qn(f"w:{tag}"))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addnext(number_type)
        else:
            sect_pr.insert(0, number_type)
        if numbered != self.numbered or not section.header.is_linked_to_previous:
            section.header.is_linked_to_previous = False
            header = section.header
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if numbered:  # "- ๓ -" at the top centre, as Thai official documents (and the PDF) number pages
                _run(paragraph._p, "- ")
                _simple_field(paragraph._p, " PAGE ", "1")
                _run(paragraph._p, " -")
            section.footer.is_linked_to_previous = False
        self.numbered = numbered

    def _page_break(self) -> None:
        p = self._paragraph(NORMAL)
        _tiny(p)
        _sub(_sub(p, "r"), "br", type="page")

    # ---- cover

    def _cover(self, cover: Cover, emblem: bytes | None) -> None:
        if emblem is not None:
            paragraph = self.word.add_paragraph(style=NORMAL)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(24)
            paragraph.paragraph_format.space_after = Pt(24)
            try:
                paragraph.add_run().add_picture(io.BytesIO(emblem), width=Cm(EMBLEM_WIDTH_CM))
            except Exception as error:  # python-docx's image parsers raise many kinds on a damaged file
                raise ValueError(
                    f"อ่านไฟล์ตราสัญลักษณ์ {safe_line(self.doc.cover.emblem)} ไม่ได้ (emblem image cannot be read)"
                ) from error
        else:
            self._spacer(72)
        for line in cover.title:
            self._text_paragraph(COVER_TITLE, line)
        self._spacer(36)
        for line in cover.lines:
            self._text_paragraph(COVER_LINE, line)
        # "จัดทำโดย" and the unit at the foot of the page: a frame anchored to the bottom margin, which
        # Word and LibreOffice both place there whatever the height of the title above.
        width = str(round((A4[0] - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]) * TWIPS_PER_CM))
        for line in cover.prepared_by:
            p = self._text_paragraph(COVER_LINE, line)
            _set_child(p.find(qn("w:pPr")), "framePr", _PPR_ORDER, w=width, wrap="around", vAnchor="margin",
                       hAnchor="margin", xAlign="center", yAlign="bottom")

    def _spacer(self, points: float) -> None:
        p = self._paragraph(NORMAL)
        _set_child(p.find(qn("w:pPr")), "spacing", _PPR_ORDER, before=str(round(points * 20)), after="0")

    # ---- contents

    def _contents(self) -> None:
        self._text_paragraph(FRONT_HEADING, CONTENTS_HEADING)
        self._text_paragraph(CONTENTS_LABEL, PAGE_LABEL)
        self.toc_paragraphs = [self._paragraph("TOC1") for _ in self.doc.contents] or [self._paragraph("TOC1")]

    def _fill_contents(self) -> None:
        """The TOC field, its cached result the contents' entries with PAGEREFs to the parts' bookmarks."""
        paragraphs = self.toc_paragraphs
        first = paragraphs[0]
        _field_char(first, "begin")
        _instruction(first, TOC_INSTRUCTION)
        _field_char(first, "separate")
        page_format = PAGE_FORMAT[self.doc.digits]
        for index, (paragraph, entry) in enumerate(zip(paragraphs, self.doc.contents, strict=False)):
            anchor = self.toc_anchors[index] if index < len(self.toc_anchors) else ""
            holder = _sub(paragraph, "hyperlink", anchor=anchor, history="1") if anchor else paragraph
            _run(holder, " ".join(_lines(entry)))
            _sub(_sub(holder, "r"), "tab")
            if anchor:
                if index < len(self.contents_pages):
                    cached = self.contents_pages[index]
                else:
                    cached = ("๑" if page_format == "thaiNumbers" else "1") if index == 0 else ""
                _field_char(holder, "begin")
                _instruction(holder, f" PAGEREF {anchor} \\h ")
                _field_char(holder, "separate")
                if cached:
                    _run(holder, cached)
                _field_char(holder, "end")
        _field_char(paragraphs[-1], "end")

    # ---- blocks

    def _blocks(self, blocks: Iterable[object]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                p = self._text_paragraph(NORMAL, block.text, bold=block.bold)
                ppr = _ppr(p)
                _set_child(ppr, "jc", _PPR_ORDER, val=_ALIGN[block.align])
                if block.indent:
                    _set_child(ppr, "ind", _PPR_ORDER, firstLine=_twips(FIRST_LINE_INDENT_CM))
            elif isinstance(block, Bullets):
                for item in block.items:
                    lines = _lines(item)
                    lines[0] = "-\t" + lines[0]
                    self._text_paragraph(BULLET, "\n".join(lines))
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Signatures):
                self._signatures(block)

    def _heading(self, heading: Heading) -> None:
        if heading.level <= 0:
            self._text_paragraph(FRONT_HEADING, heading.text)
            return
        style = f"Heading{min(heading.level, 3)}"
        p = self._text_paragraph(style, heading.text)
        if heading.level == 1:
            self.bookmarks += 1
            name = f"_Toc{100000000 + self.bookmarks}"
            start = p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): str(self.bookmarks), qn("w:name"): name})
            _ppr(p).addnext(start)
            _sub(p, "bookmarkEnd", id=str(self.bookmarks))
            self.toc_anchors.append(name)

    def _paragraph(self, style: str) -> Any:
        """A new empty paragraph of ``style`` (a style id) at the end of the body."""
        p = self.body.makeelement(qn("w:p"), {})
        sect_pr = self.body.find(qn("w:sectPr"))
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            self.body.append(p)
        ppr = _sub(p, "pPr")
        _sub(ppr, "pStyle", val=_style_id(style))
        return p

    def _text_paragraph(self, style: str, text: str, *, bold: bool = False) -> Any:
        p = self._paragraph(style)
        _run(p, text, bold=bold)
        return p

    # ---- tables

    def _usable_cm(self) -> float:
        if self.landscape:
            return A4[1] - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]
        return A4[0] - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]

    def _row_limit_cm(self) -> float:
        """The tallest a row may be estimated and still be kept whole on a page."""
        if self.landscape:
            height = A4[0] - LANDSCAPE_MARGINS["top"] - LANDSCAPE_MARGINS["bottom"]
        else:
            height = A4[1] - PORTRAIT_MARGINS["top"] - PORTRAIT_MARGINS["bottom"]
        return height - ROW_ROOM_CM

    def _table(self, table: Table) -> None:
        wide = self.landscape
        text_style = WIDE_TABLE_TEXT if wide else TABLE_TEXT
        heading_style = WIDE_TABLE_HEADING if wide else TABLE_HEADING
        size = WIDE_TABLE_PT if wide else TABLE_PT
        for line in table.caption:
            self._text_paragraph(CAPTION, line)
        widths_cm = _column_widths(table, self._usable_cm(), size)
        widths = [str(round(w * TWIPS_PER_CM)) for w in widths_cm]
        tbl = self._new_table(widths)
        self._header_rows(tbl, table.columns, widths, heading_style)
        rows = list(table.rows)
        for index, row in enumerate(rows):
            last = index == len(rows) - 1 and table.total is not None
            self._row(tbl, table.columns, row, widths, widths_cm, text_style, size, bold=False, keep_next=last)
        if table.total is not None:
            self._row(tbl, table.columns, table.total, widths, widths_cm, text_style, size, bold=True)
        # Word needs a paragraph between two tables and after a table that ends a section.
        self._after_table()

    def _after_table(self) -> None:
        p = self._paragraph(NORMAL)
        _set_child(_ppr(p), "spacing", _PPR_ORDER, before="0", after="0", line="240", lineRule="auto")

    def _new_table(self, widths: Sequence[str], *, borders: bool = True) -> Any:
        tbl = self.body.makeelement(qn("w:tbl"), {})
        self.body.find(qn("w:sectPr")).addprevious(tbl)
        tbl_pr = _sub(tbl, "tblPr")
        _sub(tbl_pr, "tblStyle", val="TableGrid" if borders else "TableNormal")
        _sub(tbl_pr, "tblW", w=str(sum(int(w) for w in widths)), type="dxa")
        edges = ("top", "left", "bottom", "right", "insideH", "insideV")
        tbl_borders = _sub(tbl_pr, "tblBorders")
        for edge in edges:
            if borders:
                _sub(tbl_borders, edge, val="single", sz="4", space="0", color="000000")
            else:
                _sub(tbl_borders, edge, val="nil")
        _sub(tbl_pr, "tblLayout", type="fixed")
        margins = _sub(tbl_pr, "tblCellMar")
        pad = _twips(CELL_MARGIN_CM)
        _sub(margins, "left", w=pad, type="dxa")
        _sub(margins, "right", w=pad, type="dxa")
        _sub(tbl_pr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
             noHBand="0", noVBand="1")
        grid = _sub(tbl, "tblGrid")
        for width in widths:
            _sub(grid, "gridCol", w=width)
        return tbl

    def _header_rows(self, tbl: Any, columns: Sequence[Column], widths: Sequence[str], style: str) -> None:
        grouped = any(c.group for c in columns)
        rows = [_sub(tbl, "tr") for _ in range(2 if grouped else 1)]
        for tr in rows:
            tr_pr = _sub(tr, "trPr")
            _sub(tr_pr, "cantSplit")
            _sub(tr_pr, "tblHeader")
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
        self, tbl: Any, columns: Sequence[Column], values: Sequence[str], widths: Sequence[str],
        widths_cm: Sequence[float], style: str, size: float, *, bold: bool, keep_next: bool = False,
    ) -> None:
        tr = _sub(tbl, "tr")
        if _row_height_cm(values, widths_cm, size) <= self._row_limit_cm():
            _sub(_sub(tr, "trPr"), "cantSplit")
        for index, width in enumerate(widths):
            value = values[index] if index < len(values) else ""
            align = columns[index].align if index < len(columns) else Align.LEFT
            _cell(tr, value, [width], style, align=align, bold=bold, keep_next=keep_next)

    # ---- signatures

    def _signatures(self, block: Signatures) -> None:
        if not block.signers:
            return
        usable = self._usable_cm()
        count = len(block.signers)
        width_cm = usable / count
        widths = [str(round(width_cm * TWIPS_PER_CM))] * count
        dots = "." * max(10, min(40, int(width_cm / 0.3) - 8))
        # A blank line before the block, kept with it.
        spacer = self._paragraph(NORMAL)
        _set_child(_ppr(spacer), "keepNext", _PPR_ORDER)
        tbl = self._new_table(widths, borders=False)
        tr = _sub(tbl, "tr")
        texts = [
            "\n".join([f"{SIGN_LINE} {dots} {signer.role}", signer.name, signer.position])
            for signer in block.signers
        ]
        if _row_height_cm(texts, [width_cm] * count, BODY_PT) <= self._row_limit_cm():
            _sub(_sub(tr, "trPr"), "cantSplit")
        for signer, width in zip(block.signers, widths, strict=True):
            tc = _sub(tr, "tc")
            tc_pr = _sub(tc, "tcPr")
            _sub(tc_pr, "tcW", w=width, type="dxa")
            for line, space_before in ((f"{SIGN_LINE} {dots} {signer.role}", "480"),
                                       (signer.name, "120"), (signer.position, "0")):
                p = _sub(tc, "p")
                ppr = _sub(p, "pPr")
                _sub(ppr, "pStyle", val=_style_id(SIGNATURE))
                _sub(ppr, "spacing", before=space_before, after="0")
                _run(p, line)
        self._after_table()


# ------------------------------------------------------------------------------------ cell helpers


def _cell(
    tr: Any, text: str, widths: Sequence[str], style: str, *, header: bool = False, merge: str = "",
    align: Align = Align.CENTER, bold: bool = False, keep_next: bool = False,
) -> None:
    tc = _sub(tr, "tc")
    tc_pr = _sub(tc, "tcPr")
    _sub(tc_pr, "tcW", w=str(sum(int(w) for w in widths)), type="dxa")
    if len(widths) > 1:
        _sub(tc_pr, "gridSpan", val=str(len(widths)))
    if merge:
        _sub(tc_pr, "vMerge", val=merge)
    if header:
        _sub(tc_pr, "shd", val="clear", color="auto", fill=HEADER_FILL)
        _sub(tc_pr, "vAlign", val="center")
    p = _sub(tc, "p")
    ppr = _sub(p, "pPr")
    _sub(ppr, "pStyle", val=_style_id(style))
    if keep_next:
        _sub(ppr, "keepNext")
    if not header:
        _sub(ppr, "jc", val="left" if align is Align.JUSTIFY else _ALIGN[align])
    if text:
        _run(p, text, bold=bold)


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


# ------------------------------------------------------------------------------------- run helpers


def _run(parent: Any, text: str, *, bold: bool = False) -> Any:
    """A run of ``text`` in ``parent`` (a paragraph or hyperlink); line breaks become w:br."""
    r = _sub(parent, "r")
    if bold:
        rpr = _sub(r, "rPr")
        _sub(rpr, "b")
        _sub(rpr, "bCs")
    for index, line in enumerate(_lines(text)):
        if index:
            _sub(r, "br")
        if line:
            t = _sub(r, "t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _ppr(p: Any) -> Any:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = p.makeelement(qn("w:pPr"), {})
        p.insert(0, ppr)
    return ppr


def _tiny(p: Any) -> None:
    """Make ``p`` (an empty paragraph) as short as possible: 1 pt, no spacing."""
    ppr = _ppr(p)
    _set_child(ppr, "spacing", _PPR_ORDER, before="0", after="0", line="20", lineRule="exact")
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = _set_child(ppr, "rPr", _PPR_ORDER)
    _set_child(rpr, "sz", _RPR_ORDER, val="2")
    _set_child(rpr, "szCs", _RPR_ORDER, val="2")


def _field_char(parent: Any, kind: str) -> None:
    _sub(_sub(parent, "r"), "fldChar", fldCharType=kind)


def _instruction(parent: Any, instruction: str) -> None:
    text = _sub(_sub(parent, "r"), "instrText")
    text.text = instruction
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _simple_field(p: Any, instruction: str, cached: str) -> None:
    field = _sub(p, "fldSimple", instr=instruction)
    _run(field, cached)


def _twips(cm: float) -> str:
    return str(round(cm * TWIPS_PER_CM))


def _style_id(name: str) -> str:
    """The id python-docx gives a style it adds (its name without spaces), or the id given."""
    return name.replace(" ", "")


def _split_front(sections: Sequence[Section]) -> tuple[list[Section], list[Section]]:
    """The sections before the first part (the foreword), and the parts."""
    front: list[Section] = []
    for index, section in enumerate(sections):
        if any(isinstance(b, Heading) and b.level == 1 for b in section.blocks):
            return front, list(sections[index:])
        front.append(section)
    return front, []


__all__ = ["FONT", "docx_bytes"]
