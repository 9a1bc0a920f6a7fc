"""The report as a Word file (.docx): what a legal officer prints, signs in ink and publishes.

:func:`docx_bytes` lays out a :class:`~tracker.reports.document.ReportDocument` with python-docx, as
Thai government reports are set: A4, margins top 2.5 cm, bottom 2 cm, left 3 cm, right 2 cm (2 cm all
round on the landscape pages of parts 2 and 3), TH SarabunIT๙ 16 pt with single line spacing, Thai
justification, a 2.5 cm first-line indent. The tables are set in 14 pt: in the landscape parts so nine to
twelve columns fit across the page, in part 1 so the narrow columns' headings ("จำนวนโครงการ", the
statuses) break between words, not inside them.

Fonts. Thai is a "complex script" to Word: a Thai run takes its font from ``w:rFonts/@w:cs`` and its
size and weight from ``w:szCs`` and ``w:bCs``, so every style sets all four font slots (ascii,
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

The pieces:

- this module: the document in its order, section by section (page size, orientation and numbering
  of each), the cover, the contents field, headings with their bookmarks, paragraphs and lists;
- :mod:`tracker.reports.docx_setup`: the font, page sizes and margins, the styles, the font table and
  the settings;
- :mod:`tracker.reports.docx_tables`: the tables and the signature block;
- :mod:`tracker.reports.docx_xml`: elements made in the schema's order, text runs, fields.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.domain.layout import CONTENTS_HEADING
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle
from tracker.reports.document import (
    PAGE_LABEL,
    Bullets,
    Cover,
    Heading,
    Paragraph,
    ReportDocument,
    Section,
    Signatures,
    Table,
    read_emblem,
)
from tracker.reports.docx_setup import (
    A4,
    BULLET,
    CONTENTS_LABEL,
    COVER_LINE,
    COVER_TITLE,
    FALLBACK_FONT,
    FIRST_LINE_INDENT_CM,
    FONT,
    FRONT_HEADING,
    HEADER_DISTANCE_CM,
    LANDSCAPE_MARGINS,
    LANGUAGE,
    NORMAL,
    PORTRAIT_MARGINS,
    declare_font,
    set_settings,
    set_styles,
)
from tracker.reports.docx_tables import write_signatures, write_table
from tracker.reports.docx_xml import (
    JUSTIFICATION,
    PPR_ORDER,
    TWIPS_PER_CM,
    append_child,
    field_char,
    field_instruction,
    get_ppr,
    make_tiny,
    new_paragraph,
    set_child,
    simple_field,
    text_paragraph,
    text_run,
    twips,
    xml_lines,
    xml_safe,
)

EMBLEM_WIDTH_CM = 3.0

FRONT_PAGE_FORMAT = "thaiLetters"
PAGE_FORMAT = {DigitStyle.THAI: "thaiNumbers", DigitStyle.ARABIC: "decimal"}
TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '


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
    set_styles(word)
    declare_font(word)
    set_settings(word)
    writer = _Writer(word, doc, contents_pages)
    writer.write(emblem)
    word.core_properties.title = xml_safe(doc.title)
    word.core_properties.language = LANGUAGE
    word.core_properties.author = ""
    word.core_properties.comments = ""
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


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
        make_tiny(breaker)
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
                text_run(paragraph._p, "- ")
                simple_field(paragraph._p, " PAGE ", "1")
                text_run(paragraph._p, " -")
            section.footer.is_linked_to_previous = False
        self.numbered = numbered

    def _page_break(self) -> None:
        p = new_paragraph(self.body, NORMAL)
        make_tiny(p)
        append_child(append_child(p, "r"), "br", type="page")

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
            text_paragraph(self.body, COVER_TITLE, line)
        self._spacer(36)
        for line in cover.lines:
            text_paragraph(self.body, COVER_LINE, line)
        # "จัดทำโดย" and the unit at the foot of the page: a frame anchored to the bottom margin, which
        # Word and LibreOffice both place there whatever the height of the title above.
        width = str(round((A4[0] - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]) * TWIPS_PER_CM))
        for line in cover.prepared_by:
            p = text_paragraph(self.body, COVER_LINE, line)
            set_child(p.find(qn("w:pPr")), "framePr", PPR_ORDER, w=width, wrap="around", vAnchor="margin",
                      hAnchor="margin", xAlign="center", yAlign="bottom")

    def _spacer(self, points: float) -> None:
        p = new_paragraph(self.body, NORMAL)
        set_child(p.find(qn("w:pPr")), "spacing", PPR_ORDER, before=str(round(points * 20)), after="0")

    # ---- contents

    def _contents(self) -> None:
        text_paragraph(self.body, FRONT_HEADING, CONTENTS_HEADING)
        text_paragraph(self.body, CONTENTS_LABEL, PAGE_LABEL)
        self.toc_paragraphs = [new_paragraph(self.body, "TOC1") for _ in self.doc.contents] or [new_paragraph(self.body, "TOC1")]

    def _fill_contents(self) -> None:
        """The TOC field, its cached result the contents' entries with PAGEREFs to the parts' bookmarks."""
        paragraphs = self.toc_paragraphs
        first = paragraphs[0]
        field_char(first, "begin")
        field_instruction(first, TOC_INSTRUCTION)
        field_char(first, "separate")
        page_format = PAGE_FORMAT[self.doc.digits]
        for index, (paragraph, entry) in enumerate(zip(paragraphs, self.doc.contents, strict=False)):
            anchor = self.toc_anchors[index] if index < len(self.toc_anchors) else ""
            holder = append_child(paragraph, "hyperlink", anchor=anchor, history="1") if anchor else paragraph
            text_run(holder, " ".join(xml_lines(entry)))
            append_child(append_child(holder, "r"), "tab")
            if anchor:
                if index < len(self.contents_pages):
                    cached = self.contents_pages[index]
                else:
                    cached = ("๑" if page_format == "thaiNumbers" else "1") if index == 0 else ""
                field_char(holder, "begin")
                field_instruction(holder, f" PAGEREF {anchor} \\h ")
                field_char(holder, "separate")
                if cached:
                    text_run(holder, cached)
                field_char(holder, "end")
        field_char(paragraphs[-1], "end")

    # ---- blocks

    def _blocks(self, blocks: Iterable[object]) -> None:
        listed = list(blocks)
        for index, block in enumerate(listed):
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                p = text_paragraph(self.body, NORMAL, block.text, bold=block.bold)
                ppr = get_ppr(p)
                set_child(ppr, "jc", PPR_ORDER, val=JUSTIFICATION[block.align])
                if block.indent:
                    set_child(ppr, "ind", PPR_ORDER, firstLine=twips(FIRST_LINE_INDENT_CM))
            elif isinstance(block, Bullets):
                for item in block.items:
                    lines = xml_lines(item)
                    lines[0] = "-\t" + lines[0]
                    text_paragraph(self.body, BULLET, "\n".join(lines))
            elif isinstance(block, Table):
                # A paragraph right under a table speaks of it (part 2's note): the two stay on one page.
                after = listed[index + 1] if index + 1 < len(listed) else None
                write_table(self.body, block, self.landscape, keep_with_next=isinstance(after, Paragraph))
            elif isinstance(block, Signatures):
                write_signatures(self.body, block, self.landscape)

    def _heading(self, heading: Heading) -> None:
        if heading.level <= 0:
            text_paragraph(self.body, FRONT_HEADING, heading.text)
            return
        style = f"Heading{min(heading.level, 3)}"
        p = text_paragraph(self.body, style, heading.text)
        if heading.level == 1:
            self.bookmarks += 1
            name = f"_Toc{100000000 + self.bookmarks}"
            start = p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): str(self.bookmarks), qn("w:name"): name})
            get_ppr(p).addnext(start)
            append_child(p, "bookmarkEnd", id=str(self.bookmarks))
            self.toc_anchors.append(name)


def _split_front(sections: Sequence[Section]) -> tuple[list[Section], list[Section]]:
    """The sections before the first part (the foreword), and the parts."""
    front: list[Section] = []
    for index, section in enumerate(sections):
        if any(isinstance(b, Heading) and b.level == 1 for b in section.blocks):
            return front, list(sections[index:])
        front.append(section)
    return front, []


__all__ = ["FALLBACK_FONT", "FONT", "docx_bytes"]
