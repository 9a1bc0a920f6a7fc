"""The Word report's XML: elements made and placed in the order Word's schema wants, text written safely.

python-docx covers styles, sections and pictures; the body of the report (paragraphs, runs, fields,
tables) is written here as WordprocessingML elements directly, so that every child lands in its
schema position (Word rejects a file whose elements are out of order: :data:`RPR_ORDER`,
:data:`PPR_ORDER`). User text is data: it is written as text runs (never parsed), a line break in it
becomes a ``w:br``, and characters XML 1.0 cannot hold (U+FFFE, U+FFFF, lone surrogates, C0 controls)
become U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn

from tracker.reports.document import Align

TWIPS_PER_CM = 1440 / 2.54

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

JUSTIFICATION = {
    Align.LEFT: "left",
    Align.CENTER: "center",
    Align.RIGHT: "right",
    Align.JUSTIFY: "thaiDistribute",
}
"""Word's paragraph alignment (``w:jc``) for each alignment of the document: Thai justification for
justified text."""


# ---------------------------------------------------------------------------------------------- text


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold made U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def xml_lines(text: str) -> list[str]:
    """``text``'s lines, each safe to write into XML (tabs as spaces, as safe_block writes them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return xml_safe(text).split("\n")


# ------------------------------------------------------------------------------------------ elements

# Schema order of the children of w:rPr and w:pPr: Word rejects a file whose elements are out of order.
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]


def local_name(element: Any) -> str:
    """An element's tag without its namespace ("pPr")."""
    return str(element.tag).rsplit("}", 1)[-1]


def set_child(parent: Any, tag: str, order: Sequence[str], **attrs: str) -> Any:
    """Replace ``parent``'s ``w:<tag>`` child by one with ``attrs``, in schema order."""
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    child = parent.makeelement(qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})
    rank = order.index(tag)
    for index, sibling in enumerate(parent):
        name = local_name(sibling)
        if name in order and order.index(name) > rank:
            parent.insert(index, child)
            break
    else:
        parent.append(child)
    return child


def append_child(parent: Any, tag: str, **attrs: str) -> Any:
    """Append a new ``w:<tag>`` to ``parent``."""
    child = parent.makeelement(qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in attrs.items()})
    parent.append(child)
    return child


# ------------------------------------------------------------------------------ paragraphs and runs


def new_paragraph(body: Any, style: str) -> Any:
    """A new empty paragraph of ``style`` (a style id) at the end of ``body``."""
    p = body.makeelement(qn("w:p"), {})
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        sect_pr.addprevious(p)
    else:
        body.append(p)
    ppr = append_child(p, "pPr")
    append_child(ppr, "pStyle", val=style_id_of(style))
    return p


def text_paragraph(body: Any, style: str, text: str, *, bold: bool = False) -> Any:
    """A new paragraph of ``style`` holding ``text``."""
    p = new_paragraph(body, style)
    text_run(p, text, bold=bold)
    return p


def text_run(parent: Any, text: str, *, bold: bool = False) -> Any:
    """A run of ``text`` in ``parent`` (a paragraph or hyperlink); line breaks become w:br."""
    r = append_child(parent, "r")
    if bold:
        rpr = append_child(r, "rPr")
        append_child(rpr, "b")
        append_child(rpr, "bCs")
    for index, line in enumerate(xml_lines(text)):
        if index:
            append_child(r, "br")
        if line:
            t = append_child(r, "t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def get_ppr(p: Any) -> Any:
    """The paragraph's properties (``w:pPr``), made first where it has none."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = p.makeelement(qn("w:pPr"), {})
        p.insert(0, ppr)
    return ppr


def make_tiny(p: Any) -> None:
    """Make ``p`` (an empty paragraph) as short as possible: 1 pt, no spacing."""
    ppr = get_ppr(p)
    set_child(ppr, "spacing", PPR_ORDER, before="0", after="0", line="20", lineRule="exact")
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = set_child(ppr, "rPr", PPR_ORDER)
    set_child(rpr, "sz", RPR_ORDER, val="2")
    set_child(rpr, "szCs", RPR_ORDER, val="2")


def field_char(parent: Any, kind: str) -> None:
    """A complex field's "begin", "separate" or "end" mark."""
    append_child(append_child(parent, "r"), "fldChar", fldCharType=kind)


def field_instruction(parent: Any, instruction: str) -> None:
    """A complex field's instruction (" PAGEREF _Toc100000001 \\h ")."""
    text = append_child(append_child(parent, "r"), "instrText")
    text.text = instruction
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def simple_field(p: Any, instruction: str, cached: str) -> None:
    """A field of one run (" PAGE ") showing ``cached`` until Word updates it."""
    field = append_child(p, "fldSimple", instr=instruction)
    text_run(field, cached)


def twips(cm: float) -> str:
    """Centimetres as Word's twentieths of a point, as an attribute's text."""
    return str(round(cm * TWIPS_PER_CM))


def style_id_of(name: str) -> str:
    """The id python-docx gives a style it adds (its name without spaces), or the id given."""
    return name.replace(" ", "")
