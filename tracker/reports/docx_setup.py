"""The Word report's set-up: the font, the page sizes and margins, the styles, the font table, the settings.

Thai is a "complex script" to Word: a Thai run takes its font from ``w:rFonts/@w:cs`` and its size and
weight from ``w:szCs`` and ``w:bCs``, so every style here sets all four font slots (ascii, hAnsi,
eastAsia, cs) and both sizes and weights (:func:`font_props`), in the styles (Normal, the headings,
table text, the contents' levels), never run by run, so an office can still restyle the document. The
font table declares TH SarabunIT๙ with the alternative name "TH Sarabun New", Thai's code page (874)
and Thai's Unicode range (:func:`declare_font`); the settings ask Word to update the fields (the
contents) on opening (:func:`set_settings`).
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle

from tracker.reports.docx_xml import PPR_ORDER, RPR_ORDER, append_child, local_name, set_child

FONT = "TH SarabunIT๙"
"""The font Thai government offices set documents in (the "๙" variant draws Thai digits)."""
FALLBACK_FONT = "TH Sarabun New"
"""Declared as the font's alternative name: what Word uses where TH SarabunIT๙ is not installed."""
BODY_PT = 16
"""The body text (the Thai official standard's 16 pt)."""
WIDE_TABLE_PT = 14
"""The tables of the landscape parts (nine to twelve columns)."""
TABLE_PT = 14
"""Part 1's table (dimensions by status): its status columns are narrow."""
LANGUAGE = "th-TH"
"""The language of every run and of the document (spelling, line breaking, the complex script)."""

A4 = (21.0, 29.7)
"""A4 portrait, width and height in cm; margins in cm too."""
PORTRAIT_MARGINS = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}
LANDSCAPE_MARGINS = {"top": 2.0, "bottom": 2.0, "left": 2.0, "right": 2.0}
HEADER_DISTANCE_CM = 1.25
FIRST_LINE_INDENT_CM = 2.5

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


def usable_cm(landscape: bool) -> float:
    """The width of a page's text area."""
    if landscape:
        return A4[1] - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]
    return A4[0] - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]


def text_height_cm(landscape: bool) -> float:
    """The height of a page's text area."""
    if landscape:
        return A4[0] - LANDSCAPE_MARGINS["top"] - LANDSCAPE_MARGINS["bottom"]
    return A4[1] - PORTRAIT_MARGINS["top"] - PORTRAIT_MARGINS["bottom"]


# ------------------------------------------------------------------------------------------ fonts


def font_props(rpr: Any, size: float | None = None, bold: bool | None = None, color: str | None = None) -> None:
    """Thai font, size and weight on all four script slots of ``rpr`` (a w:rPr)."""
    set_child(rpr, "rFonts", RPR_ORDER, ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    if bold is not None:
        value = "1" if bold else "0"
        set_child(rpr, "b", RPR_ORDER, val=value)
        set_child(rpr, "bCs", RPR_ORDER, val=value)
    for tag in ("i", "iCs"):
        set_child(rpr, tag, RPR_ORDER, val="0")
    if color is not None:
        set_child(rpr, "color", RPR_ORDER, val=color)
    if size is not None:
        half_points = str(round(size * 2))
        set_child(rpr, "sz", RPR_ORDER, val=half_points)
        set_child(rpr, "szCs", RPR_ORDER, val=half_points)
    set_child(rpr, "lang", RPR_ORDER, val=LANGUAGE, eastAsia=LANGUAGE, bidi=LANGUAGE)


# ------------------------------------------------------------------------------------------ styles


def set_styles(word: Any) -> None:
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    font_props(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_PT)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_child(ppr, "spacing", PPR_ORDER, before="0", after="0", line="240", lineRule="auto")

    normal = styles[NORMAL]
    font_props(normal.element.get_or_add_rPr(), BODY_PT, color="000000")
    _paragraph_format(normal, space_after=0)
    for name in ("Header", "Footer"):
        font_props(styles[name].element.get_or_add_rPr(), BODY_PT)

    # Heading 1 a part (the contents' entries), 2 a section of part 1, 3 a subsection: Thai font,
    # black (not Word's blue), kept with what follows.
    for level, size, align, before, after, indent in (
        (1, 18, WD_ALIGN_PARAGRAPH.CENTER, 0, 12, 0.0),
        (2, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 12, 0, 0.0),
        (3, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, 6, 0, 1.25),
    ):
        style = styles[f"Heading {level}"]
        font_props(style.element.get_or_add_rPr(), size, bold=True, color="000000")
        _paragraph_format(style, align=align, space_before=before, space_after=after, keep_next=True,
                          left_indent=indent)
        char_style = styles[f"Heading {level} Char"]
        font_props(char_style.element.get_or_add_rPr(), size, bold=True, color="000000")

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
    font_props(style.element.get_or_add_rPr(), size, bold=bold)
    _paragraph_format(style, align=align, space_after=space_after, keep_next=keep_next or None)
    return style


# -------------------------------------------------------------------------------- font table, settings


def declare_font(word: Any) -> None:
    """Declare TH SarabunIT๙ in word/fontTable.xml with "TH Sarabun New" as its alternative name."""
    for part in word.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        fonts = parse_xml(part.blob)
        font = fonts.makeelement(qn("w:font"), {qn("w:name"): FONT})
        for tag, value in (("altName", FALLBACK_FONT), ("charset", "DE"), ("family", "swiss"), ("pitch", "variable")):
            append_child(font, tag, val=value)
        # Unicode ranges: Basic Latin, Latin-1 and Thai; code pages: Latin 1 and Thai (874).
        append_child(font, "sig", usb0="01000003", usb1="00000000", usb2="00000000", usb3="00000000",
                     csb0="00010001", csb1="00000000")
        fonts.insert(0, font)
        # python-docx keeps the font table as an opaque part: replace its bytes.
        part._blob = _serialize(fonts)
        return


def _serialize(element: Any) -> bytes:
    blob: bytes = serialize_part_xml(element)
    return blob


def set_settings(word: Any) -> None:
    """Ask Word to update the fields (the contents) on opening; Thai as the complex-script language."""
    settings = word.settings.element
    update = settings.makeelement(qn("w:updateFields"), {qn("w:val"): "true"})
    # w:updateFields comes before these (and everything after them) in the schema's order.
    later = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
             "attachedSchema", "themeFontLang", "clrSchemeMapping", "shapeDefaults", "decimalSymbol",
             "listSeparator"}
    for index, child in enumerate(settings):
        if local_name(child) in later:
            settings.insert(index, update)
            break
    else:
        settings.append(update)
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:bidi"), LANGUAGE)
