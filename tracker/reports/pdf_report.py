"""The report as a PDF: the :class:`~tracker.reports.document.ReportDocument` laid out on A4 pages.

Thai has no spaces between words, and a general PDF library's wrapping breaks it anywhere or nowhere.
So this module places every line itself: text is cut into lines only at ICU's word boundaries
(:func:`tracker.domain.linebreak.wrap_pieces`), and each line is written at a position computed here.
Tables (grid, header repeated on every page, rows kept whole where they fit), the contents' page
numbers and the signatures are drawn the same way. The file itself is written by our own small writer
(:mod:`tracker.reports.pdf_writer`, standard library only): a general PDF library cost half a second
of imports, more than the whole Markdown export.

Text is shaped with HarfBuzz (uharfbuzz): Thai vowels and tone marks sit where the font's mark
positioning puts them, never stacked on each other. Each word piece is shaped once and kept
(:class:`_Face`), and a line is written as the pieces' glyph runs; the font is embedded whole, and
every glyph maps back to its characters in the PDF's ToUnicode table (text can be searched and copied).

Choices a reader sees:

- Sarabun (SIL OFL, shipped in ``fonts/``). Its Thai letters are drawn larger on the body than TH
  SarabunPSK's (a "ก" is 0.59 em high against about 0.45), so the 16 pt of the Thai official standard
  in TH SarabunPSK reads like 14-15 pt here; the body is :data:`BODY_SIZE` (15 pt), tables
  :data:`TABLE_SIZE` (12 pt, which fits part 3's nine columns on A4 landscape).
- Page numbers "- ๓ -" centred at the top of every page but the cover, as Thai official documents
  number them; the cover counts as page 1, so the numbers are the PDF viewer's page numbers too.
- A tick (✓, not in Sarabun) alone in a cell is drawn as two strokes; inside other text it is
  written "√", which Sarabun has. Any other character the font lacks (emoji, CJK, control pictures)
  is printed as "?", so it neither crashes the export nor vanishes unseen; invisible format
  characters (zero-width space, joiners, variation selectors) are left out.
- Paragraphs are justified by widening the spaces of a line (a Thai line is never stretched
  between the letters of its words); a line with no space, or one that would gape, stays flush left.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from importlib.resources import files
from typing import Any

import uharfbuzz as hb  # type: ignore[import-untyped]

from tracker.domain.columns import TICK
from tracker.domain.layout import CONTENTS_HEADING
from tracker.domain.linebreak import line_pieces, wrap_pieces
from tracker.domain.text import safe_line
from tracker.domain.thai import with_digits
from tracker.reports.document import (
    PAGE_LABEL,
    SIGN_LINE,
    Align,
    Block,
    Bullets,
    Column,
    Heading,
    Paragraph,
    ReportDocument,
    Section,
    Signatures,
    Table,
    read_emblem,
)
from tracker.reports.pdf_writer import A4, Page, PdfWriter, marked_text

FONT_FILES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}

CM = 72 / 2.54
"""Points in a centimetre (the PDF is laid out in points)."""
PORTRAIT = (2.5 * CM, 2.0 * CM, 3.0 * CM, 2.0 * CM)
"""Margins top, bottom, left, right of a portrait page (the Thai official layout)."""
LANDSCAPE = (2.0 * CM, 1.8 * CM, 2.0 * CM, 2.0 * CM)
PAGE_NUMBER_Y = 0.55
FRONT_MATTER_LETTERS = "กขคงจฉชซญฎฐฒณดตถทธนบปผพภมยรลวศสหอฮ"
"""How the foreword and contents pages are numbered (the consonants Thai lists count with)."""
"""The page number's baseline, as a share of the top margin."""

BODY_SIZE = 15.0
TABLE_SIZE = 12.0
MIN_TABLE_SIZE = 8.0
TITLE_SIZE = 22.0
COVER_SIZE = 17.0
HEADING_SIZES = {0: 18.0, 1: 16.0, 2: 15.0, 3: 15.0}
LINE = 1.45
"""Line height as a multiple of the font size (room for Thai marks above and below)."""
TABLE_LINE = 1.4
INDENT = 2.5 * CM
"""A paragraph's first-line indent (Thai official writing)."""
BULLET = "•"
BULLET_INDENT = 1.25 * CM
BULLET_TEXT = 1.9 * CM
PAD_X = 3.0
PAD_TOP = 2.0
PAD_BOTTOM = 2.5
RULE = 0.6
"""Width of a table's grid lines."""
MAX_STRETCH = 1.0
"""The most a space of a justified line may widen, in ems; a line that would need more stays flush left."""

SUBSTITUTE = "?"
"""Printed for a character the font lacks (Sarabun has no U+FFFD)."""
TICK_GLYPH = "√"
TICKS = frozenset({TICK, "✔"})
AMOUNT = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")
"""A table cell that is a figure (an amount, a count): set at one size down its column."""
DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Sk", "Zl", "Zp", "Cs", "Co", "Cn"})
"""Characters the font lacks that are left out rather than shown as "?" when invisible anyway (a
zero-width space, a joiner, a variation selector, an emoji's skin tone); line and paragraph separators
become spaces."""


class _Printable(dict[int, str]):
    """A ``str.translate`` table: each character the font lacks to its replacement (filled as met)."""

    def __init__(self, cmap: frozenset[int]) -> None:
        super().__init__()
        self._cmap = cmap

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if code in self._cmap or char == "\n":  # a line break is the layout's, kept for the wrapping
            value = char
        elif char in TICKS:
            value = TICK_GLYPH
        elif unicodedata.category(char) in ("Zl", "Zp") or char.isspace():
            value = " "
        elif unicodedata.category(char) in DROPPED_CATEGORIES and code != 0xFFFE:
            value = ""
        else:
            value = SUBSTITUTE
        self[code] = value
        return value


# The small records below are plain slotted classes, not dataclasses: making a dataclass costs about a
# millisecond at import, and the PDF export is measured as a whole process against the Markdown one.


class _Run:
    """A shaped piece of text: its advance and its PDF text operators, in thousandths of an em."""

    __slots__ = ("advance", "chunks", "word")

    def __init__(self, advance: float, chunks: tuple[tuple[float, str], ...], word: int | None = None) -> None:
        self.advance = advance
        self.chunks = chunks
        """(rise, "[<0012002A>-12<0031>]"): TJ arrays, each at one vertical offset (a raised or lowered mark)."""
        self.word = len(chunks) if word is None else word
        """How many of the chunks draw the text before its trailing whitespace."""


class _Face:
    """One style of the font: shapes text with HarfBuzz once per piece, as glyph codes of the embedded font."""

    def __init__(self, writer: PdfWriter, data: bytes) -> None:
        self.font = writer.add_font(data)
        face: Any = hb.Face(hb.Blob(data))
        self._hbfont: Any = hb.Font(face)
        self._hbfont.scale = (face.upem, face.upem)  # positions in font units
        self._scale = 1000 / face.upem
        self.cmap = frozenset(face.unicodes)
        """The characters the font has."""
        self._codes: dict[tuple[int, str], tuple[str, float]] = {}
        self._runs: dict[str, _Run] = {}

    def width(self, text: str, size: float) -> float:
        """The printed width of ``text`` (already made printable) at ``size`` points."""
        run = self._runs.get(text)
        if run is None:
            run = self.run(text)
        return run.advance * size / 1000

    def run(self, text: str) -> _Run:
        """The shaped text; a word and its trailing whitespace are shaped apart (the same glyphs and
        advances), so that the line can put the word alone in a marked-content span."""
        run = self._runs.get(text)
        if run is None:
            word = text.rstrip()
            if word and word != text:
                head, tail = self.run(word), self.run(text[len(word) :])
                run = _Run(head.advance + tail.advance, head.chunks + tail.chunks, len(head.chunks))
            else:
                run = self._shape(text)
            self._runs[text] = run
        return run

    def _code(self, gid: int, chars: str) -> tuple[str, float]:
        """The glyph's code as hex digits (mapped to ``chars`` for text extraction) and its width."""
        key = (gid, chars)
        found = self._codes.get(key)
        if found is None:
            found = self._codes[key] = (f"{self.font.cid(gid, chars):04X}", float(self.font.width(gid)))
        return found

    @staticmethod
    def _unicode_of(text: str, clusters: list[int]) -> list[str]:
        """The characters each glyph stands for, for the PDF's ToUnicode table (copy, search, extraction).

        A cluster drawn as one glyph gives that glyph all its characters. Where HarfBuzz drew a cluster
        as several glyphs (Thai sara am "ำ" is drawn as nikhahit + sara aa, "้ำ" of "น้ำ" as a
        nikhahit-tone ligature + sara aa), the cluster's last glyph (sara aa, the one that advances) stands
        for all its characters and the others for none: the text read back is the text written ("ดำ", not its compatibility decomposition
        "ดํา", which a search for "ดำ" does not find). Readers that take the words' /ActualText (see
        :meth:`_Renderer.text_line`) do not use these; pypdf, pdfminer and search engines' extractors do.
        """
        starts = sorted(set(clusters))
        ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
        if len(starts) == len(clusters):  # a glyph a cluster (nearly every piece)
            return [text[cluster : ends[cluster]] for cluster in clusters]
        last = len(clusters) - 1
        return [text[cluster : ends[cluster]] if index == last or clusters[index + 1] != cluster else ""
                for index, cluster in enumerate(clusters)]

    def _shape(self, text: str) -> _Run:
        if not text:
            return _Run(0.0, ())
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.cluster_level = 1
        buffer.direction = "ltr"
        buffer.language = "th"
        buffer.guess_segment_properties()
        hb.shape(self._hbfont, buffer, {})
        infos = buffer.glyph_infos
        gids = [info.codepoint for info in infos]
        mapped = self._unicode_of(text, [info.cluster for info in infos])
        scale = self._scale
        codes = self._codes
        chunks: list[tuple[float, str]] = []
        parts: list[str] = []
        glyphs: list[str] = []
        rise = 0.0
        pen = 0.0  # where the next glyph's origin belongs
        at = 0.0  # where the PDF's text position is
        for gid, position, chars in zip(gids, buffer.glyph_positions, mapped, strict=True):
            if gid == 0:  # pragma: no cover - missing characters are replaced before shaping
                pen += position.x_advance * scale
                continue
            found = codes.get((gid, chars))
            code, width = found if found is not None else self._code(gid, chars)
            y_offset, x_offset = position.y_offset, position.x_offset
            y = y_offset * scale if y_offset else 0.0
            if y != rise:  # a new chunk at the new vertical offset
                if glyphs:
                    parts.append("<" + "".join(glyphs) + ">")
                    glyphs = []
                if parts:
                    chunks.append((rise, "[" + "".join(parts) + "]"))
                    parts = []
                rise = y
            target = pen + x_offset * scale if x_offset else pen
            if abs(target - at) > 0.01:
                if glyphs:
                    parts.append("<" + "".join(glyphs) + ">")
                    glyphs = []
                parts.append(f"{at - target:.0f}")
            glyphs.append(code)
            at = target + width
            pen += position.x_advance * scale
        if glyphs:
            parts.append("<" + "".join(glyphs) + ">")
        if abs(pen - at) > 0.01:
            parts.append(f"{at - pen:.0f}")
        if parts:
            chunks.append((rise, "[" + "".join(parts) + "]"))
        return _Run(pen, tuple(chunks))


class _Page:
    """A page's geometry: its height and the edges of its text area (top-down, in points)."""

    __slots__ = ("bottom", "height", "landscape", "left", "right", "top")

    def __init__(self, landscape: bool, height: float, top: float, bottom: float, left: float, right: float) -> None:
        self.landscape = landscape
        self.height = height
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right


class _Line:
    """A wrapped line: its pieces (the last with its trailing whitespace) and whether it ends a paragraph."""

    __slots__ = ("last", "pieces")

    def __init__(self, pieces: list[str], last: bool) -> None:
        self.pieces = pieces
        self.last = last


class _Cell:
    __slots__ = ("align", "bold", "lines", "size", "tick")

    def __init__(self, lines: list[_Line], align: Align, bold: bool, size: float, tick: bool = False) -> None:
        self.lines = lines
        self.align = align
        self.bold = bold
        self.size = size
        self.tick = tick


def _font_dir() -> Any:
    return files("tracker.reports") / "fonts"


def pdf_bytes(doc: ReportDocument) -> bytes:
    """The report as a PDF file's bytes.

    Raises ValueError (a one-line Thai and English message) when the cover's emblem cannot be read.
    """
    return _renderer(doc).render()


def contents_pages(doc: ReportDocument) -> list[str]:
    """The page number each entry of the contents has in the PDF ("๑", "๕", "๘"): the Word export
    shows them until Word updates its contents field (laid out only: no file is written)."""
    renderer = _renderer(doc)
    renderer.lay_out()
    return [renderer.page_label(page) for page in renderer.part_pages]


def _renderer(doc: ReportDocument) -> _Renderer:
    return _Renderer(doc, {style: (_font_dir() / name).read_bytes() for style, name in FONT_FILES.items()})


class _Renderer:
    def __init__(self, doc: ReportDocument, fonts: dict[str, bytes]) -> None:
        self.doc = doc
        self.pdf = PdfWriter(title=doc.title, lang="th", creator="tracker", producer="tracker")
        self.regular = _Face(self.pdf, fonts[""])
        self.bold = _Face(self.pdf, fonts["B"])
        self.printable = _Printable(self.bold.cmap)
        self.current = Page(0, *A4)
        """The PDF page being written (the contents' page again while its numbers are filled in)."""
        self.page = _Page(False, 0, 0, 0, 0, 0)
        self.y = 0.0
        self.numbered = False
        self.contents_slots: list[tuple[int, float, float]] = []
        """Where each contents entry's page number goes: (page, baseline, right edge)."""
        self.part_pages: list[int] = []
        self.body_first_page = 0
        """The PDF page part 1 starts on (page ๑ of the body), 0 while still in the front matter."""
        self.layouts: dict[tuple[int, float], _TableLayout] = {}
        self.marks: dict[str, str] = {}
        """A span's text → the operator that opens it (words recur)."""

    # --- pages ---------------------------------------------------------------------------------

    def new_page(self, landscape: bool | None = None, numbered: bool | None = None) -> None:
        landscape = self.page.landscape if landscape is None else landscape
        self.numbered = self.numbered if numbered is None else numbered
        width, height = A4[::-1] if landscape else A4
        self.current = self.pdf.add_page(width, height)
        self.current.write(f"2 J {RULE:.2f} w")  # square line caps; the grid's line width
        top, bottom, left, right = LANDSCAPE if landscape else PORTRAIT
        self.page = _Page(landscape, height, top, height - bottom, left, width - right)
        self.y = top
        if self.numbered:
            number = f"- {self.page_label(self.current.number)} -"
            size = BODY_SIZE
            w = self.regular.width(number, size)
            self.text_line(self.regular, size, (width - w) / 2, top * PAGE_NUMBER_Y, [number])

    def page_label(self, page: int) -> str:
        """A page's number as Thai reports write it: the front matter after the cover ก, ข, ...; the body
        from ๑ (as the Word export numbers its sections, so that both agree)."""
        if self.body_first_page and page >= self.body_first_page:
            return with_digits(str(page - self.body_first_page + 1), self.doc.digits)
        return FRONT_MATTER_LETTERS[(page - 2) % len(FRONT_MATTER_LETTERS)]

    @property
    def usable(self) -> float:
        return self.page.right - self.page.left

    def room(self) -> float:
        return self.page.bottom - self.y

    def fresh_room(self) -> float:
        return self.page.bottom - self.page.top

    def ensure(self, height: float) -> None:
        """A new page unless ``height`` fits below the cursor (on an empty page it fits as it can)."""
        if height > self.room() and self.y > self.page.top + 0.5:
            self.new_page()

    # --- text ----------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        return text.translate(self.printable)

    def wrap(self, face: _Face, size: float, text: str, width: float, first: float | None = None) -> list[_Line]:
        def measure(piece: str) -> float:
            return face.width(piece, size)

        lines = wrap_pieces(self.clean(text), max(width, size), measure, first)
        out = [_Line(line, False) for line in lines]
        if out:
            out[-1].last = True
        return out

    def line_width(self, face: _Face, size: float, pieces: Sequence[str]) -> float:
        if not pieces:
            return 0.0
        return sum(face.width(p, size) for p in pieces[:-1]) + face.width(pieces[-1].rstrip(), size)

    def text_line(
        self, face: _Face, size: float, x: float, baseline: float, pieces: Sequence[str],
        gaps: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        """Writes one line's pieces from ``x`` on ``baseline``; ``gaps`` widen the line's spaces and the
        joins between its Thai words (justification)."""
        if not pieces:
            return
        tf = f"{self.current.use_font(face.font)} {size:.2f} Tf"
        ops = [f"BT {tf} 1 0 0 1 {x:.2f} {self.page_height() - baseline:.2f} Tm"]
        rise = 0.0
        last = len(pieces) - 1
        space, join = (f"[{-gap * 1000 / size:.0f}]TJ" if gap else "" for gap in gaps)
        # The words between two spaces are one marked-content span whose /ActualText is their text, the
        # spaces left outside: readers that copy and search take the words whole, in order, without the
        # spaces they would infer from the marks drawn apart or the joins widened by justification.
        words: list[str] = []
        """The text of the open span ([] when none is open)."""
        opened = 0
        """Where the open span's BDC goes in ``ops``."""
        for index, piece in enumerate(pieces):
            word = piece.rstrip()
            tail = index < last and word != piece
            run = face.run(piece if tail else word)
            chunks = run.chunks
            if word:
                if not words:
                    opened = len(ops)
                    ops.append("")
                words.append(word)
                rise = self._show(ops, chunks[: run.word], size, rise)
            if tail:
                if words:
                    ops[opened] = self.mark("".join(words))
                    ops.append("EMC")
                    words = []
                rise = self._show(ops, chunks[run.word :], size, rise)
            if index < last:
                stretch = space if tail else join
                if stretch:
                    ops.append(stretch)
        if words:
            ops[opened] = self.mark("".join(words))
            ops.append("EMC")
        if rise:
            ops.append("0 Ts")
        ops.append("ET")
        self.current.write(" ".join(ops))

    def mark(self, text: str) -> str:
        """The operator opening a marked-content span whose /ActualText is ``text``."""
        found = self.marks.get(text)
        if found is None:
            found = self.marks[text] = marked_text(text)
        return found

    @staticmethod
    def _show(ops: list[str], chunks: Sequence[tuple[float, str]], size: float, rise: float) -> float:
        """Appends a run's TJ arrays (with the text rise each needs) to ``ops``; the rise after them."""
        for chunk_rise, body in chunks:
            if chunk_rise != rise:
                ops.append(f"{chunk_rise * size / 1000:.2f} Ts")
                rise = chunk_rise
            ops.append(body + "TJ")
        return rise

    def page_height(self) -> float:
        return self.current.height

    def bookmark(self, title: str) -> None:
        """An entry of the PDF's outline (bookmarks) at the cursor."""
        self.pdf.add_bookmark(title, self.current, self.current.height - self.y)

    def block_lines(
        self, face: _Face, size: float, lines: list[_Line], x: float, width: float, align: Align,
        first_indent: float = 0.0, line_height: float | None = None,
    ) -> None:
        """Writes lines in the flow (a new page where the next line does not fit)."""
        lh = line_height or size * LINE
        for number, line in enumerate(lines):
            self.ensure(lh)
            indent = first_indent if number == 0 else 0.0
            self.place(face, size, line, x + indent, width - indent, self.y, lh, align)
            self.y += lh

    def place(
        self, face: _Face, size: float, line: _Line, x: float, width: float, top: float, lh: float, align: Align
    ) -> None:
        """One line in the box from ``top``, ``lh`` high and ``width`` wide, aligned."""
        baseline = top + (lh - 1.3 * size) / 2 + 1.068 * size
        used = self.line_width(face, size, line.pieces)
        gaps = (0.0, 0.0)
        if align is Align.CENTER:
            x += max(0.0, (width - used) / 2)
        elif align is Align.RIGHT:
            x += max(0.0, width - used)
        elif align is Align.JUSTIFY and not line.last and width > used:
            gaps = _justify(line.pieces, width - used, size)
        self.text_line(face, size, x, baseline, line.pieces, gaps)

    # --- the document --------------------------------------------------------------------------

    def lay_out(self) -> None:
        """Every page laid out (the file is written by :meth:`render`)."""
        self.cover()
        sections = list(self.doc.sections)
        if sections and not any(isinstance(b, Heading) and b.level == 1 for b in sections[0].blocks):
            self.section(sections.pop(0))  # the foreword
        if self.doc.contents:
            self.contents()
        for section in sections:
            if not self.body_first_page:
                self.body_first_page = self.current.number + 1
            self.section(section)
        self.fill_contents()

    def render(self) -> bytes:
        self.lay_out()
        return self.pdf.output()

    def cover(self) -> None:
        cover = self.doc.cover
        self.new_page(landscape=False, numbered=False)
        width = self.usable
        x = self.page.left
        if cover.emblem:
            self.emblem(cover.emblem)
        else:
            self.y = self.page.top + 3.6 * CM
        for text in cover.title:
            self.block_lines(self.bold, TITLE_SIZE, self.wrap(self.bold, TITLE_SIZE, text, width), x, width,
                             Align.CENTER, line_height=TITLE_SIZE * 1.5)
        self.y += COVER_SIZE
        for text in cover.lines:
            self.block_lines(self.bold, COVER_SIZE, self.wrap(self.bold, COVER_SIZE, text, width), x, width,
                             Align.CENTER)
        if cover.prepared_by:
            lines = [line for text in cover.prepared_by for line in self.wrap(self.bold, COVER_SIZE, text, width)]
            height = len(lines) * COVER_SIZE * LINE
            self.y = max(self.y + COVER_SIZE, self.page.bottom - 2 * CM - height)
            self.block_lines(self.bold, COVER_SIZE, lines, x, width, Align.CENTER)

    def emblem(self, path: str) -> None:
        width = 3 * CM
        data = read_emblem(path)
        try:
            image = self.pdf.add_image(data)
        except ValueError as error:  # a PNG or JPEG of a kind the writer does not take (16-bit, interlaced)
            raise ValueError(
                f"เปิดไฟล์ตราสัญลักษณ์ {safe_line(path)} ไม่ได้ (emblem image cannot be read: {error})"
            ) from None
        height = width * image.height / image.width
        self.current.image(image, (self.current.width - width) / 2, self.current.height - self.page.top - height,
                           width, height)
        self.y = self.page.top + height + 1.0 * CM

    def contents(self) -> None:
        self.new_page(landscape=False, numbered=True)
        self.bookmark(CONTENTS_HEADING)
        size = BODY_SIZE
        lh = size * LINE
        width = self.usable
        x = self.page.left
        self.block_lines(self.bold, HEADING_SIZES[0], self.wrap(self.bold, HEADING_SIZES[0], CONTENTS_HEADING, width),
                         x, width, Align.CENTER)
        self.y += lh / 2
        label = self.clean(PAGE_LABEL)
        number_room = max(1.5 * CM, self.bold.width(label, size) + 4)
        self.place(self.bold, size, _Line([label], True), x, width, self.y, lh, Align.RIGHT)
        self.y += lh
        dot = self.regular.width(".", size)
        for entry in self.doc.contents:
            lines = self.wrap(self.regular, size, entry, width - number_room - 2 * dot)
            for number, line in enumerate(lines):
                self.ensure(lh)
                self.place(self.regular, size, line, x, width, self.y, lh, Align.LEFT)
                if number == len(lines) - 1:
                    start = x + self.line_width(self.regular, size, line.pieces) + dot
                    count = int((x + width - number_room - start) / dot)
                    if count > 0:
                        self.place(self.regular, size, _Line(["." * count], True), start, count * dot, self.y, lh,
                                   Align.LEFT)
                    baseline = self.y + (lh - 1.3 * size) / 2 + 1.068 * size
                    self.contents_slots.append((self.current.number, baseline, x + width))
                self.y += lh
            self.y += lh / 4

    def fill_contents(self) -> None:
        last = self.current
        for (page, baseline, right), target in zip(self.contents_slots, self.part_pages, strict=False):
            self.current = self.pdf.pages[page - 1]
            number = self.page_label(target)
            w = self.regular.width(number, BODY_SIZE)
            self.text_line(self.regular, BODY_SIZE, right - w, baseline, [number])
        self.current = last

    def section(self, section: Section) -> None:
        self.new_page(landscape=section.landscape, numbered=section.numbered)
        blocks = section.blocks
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.block(block, following)

    def block(self, block: Block, following: Block | None) -> None:
        if isinstance(block, Heading):
            self.heading(block, following)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Signatures):
            self.signatures(block)

    def heading(self, heading: Heading, following: Block | None) -> None:
        size = HEADING_SIZES.get(heading.level, BODY_SIZE)
        lh = size * LINE
        indent = {0: 0.0, 1: 0.0, 2: 0.0, 3: 1.0 * CM}.get(heading.level, 0.0)
        width = self.usable - indent
        lines = self.wrap(self.bold, size, heading.text, width)
        before = 0.0 if self.y <= self.page.top + 0.5 else size * 0.5
        needed = before + len(lines) * lh + self.lead_height(following)
        if needed <= self.fresh_room():
            self.ensure(needed)
        if self.y > self.page.top + 0.5:
            self.y += before
        if heading.level <= 1:
            self.bookmark(" ".join(heading.text.split()))
        if heading.level == 1:
            self.part_pages.append(self.current.number)
        align = Align.CENTER if heading.level == 0 else Align.LEFT
        self.block_lines(self.bold, size, lines, self.page.left + indent, width, align)
        if heading.level <= 1:
            self.y += size * 0.4

    def lead_height(self, block: Block | None) -> float:
        """How much of the next block must fit under a heading for the heading not to stand alone."""
        if isinstance(block, Paragraph | Bullets):
            return 2 * BODY_SIZE * LINE
        if isinstance(block, Table):
            layout = self.table_layout(block)
            if layout.whole_height <= self.fresh_room() / 2:
                return layout.whole_height  # a small table is kept whole, with its heading
            first = layout.row_heights[0] if layout.row_heights else 0.0
            return layout.caption_height + layout.header_height + first
        return 0.0

    def paragraph(self, paragraph: Paragraph) -> None:
        face = self.bold if paragraph.bold else self.regular
        width = self.usable
        indent = INDENT if paragraph.indent else 0.0
        lines = self.wrap(face, BODY_SIZE, paragraph.text, width, width - indent)
        self._mark_ends(lines, paragraph.text)
        lh = BODY_SIZE * LINE
        for number, line in enumerate(lines):
            self.ensure(lh)
            shift = indent if number == 0 else 0.0
            self.place(face, BODY_SIZE, line, self.page.left + shift, width - shift, self.y, lh, paragraph.align)
            self.y += lh

    @staticmethod
    def _mark_ends(lines: list[_Line], text: str) -> None:
        """Marks the last line of each typed line (after which justification stops)."""
        consumed = 0
        ends = {len(part) for part in _cumulative(text.split("\n"))}
        for line in lines:
            consumed += sum(len(p) for p in line.pieces)
            if consumed in ends:
                line.last = True
                consumed += 1  # the "\n"

    def bullets(self, bullets: Bullets) -> None:
        size = BODY_SIZE
        lh = size * LINE
        x = self.page.left
        width = self.usable - BULLET_TEXT
        for item in bullets.items:
            lines = self.wrap(self.regular, size, item, width)
            self.ensure(lh)
            self.text_line(self.regular, size, x + BULLET_INDENT, self.y + (lh - 1.3 * size) / 2 + 1.068 * size,
                           [BULLET])
            self.block_lines(self.regular, size, lines, x + BULLET_TEXT, width, Align.LEFT)

    # --- tables --------------------------------------------------------------------------------

    def table_layout(self, table: Table) -> _TableLayout:
        """The table laid out for this page's width (kept: the heading above it asks first)."""
        key = (id(table), self.usable)
        layout = self.layouts.get(key)
        if layout is None or layout.table is not table:
            layout = self.layouts[key] = _TableLayout(self, table)
        return layout

    def table(self, table: Table) -> None:
        layout = self.table_layout(table)
        first = (layout.row_heights or [0.0])[0]
        for text in table.caption:
            lines = self.wrap(self.bold, BODY_SIZE, text, self.usable)
            self.ensure(len(lines) * BODY_SIZE * LINE + layout.header_height + first)
            self.block_lines(self.bold, BODY_SIZE, lines, self.page.left, self.usable, Align.CENTER)
        if table.caption:
            self.y += 4
        if layout.header_height + first > self.room() and layout.header_height + first <= self.fresh_room():
            self.new_page()
        elif layout.whole_height - layout.caption_height > self.room() and layout.whole_height <= self.fresh_room() / 2:
            self.new_page()  # a small table (part 1's) is not parted: its last rows alone on a page read badly
        layout.draw_header()
        for cells, height in zip(layout.rows, layout.row_heights, strict=True):
            if height > self.room() and height <= self.fresh_room() - layout.header_height:
                self.new_page()
                layout.draw_header()
            layout.draw_row(cells, height)

    # --- signatures ----------------------------------------------------------------------------

    def signatures(self, block: Signatures) -> None:
        if not block.signers:
            return
        size = BODY_SIZE
        lh = size * LINE
        count = len(block.signers)
        column = self.usable / count
        inner = column - 0.5 * CM
        dots = "." * 28
        stacks: list[list[_Line]] = []
        for signer in block.signers:
            lines: list[_Line] = []
            for text in (f"{SIGN_LINE} {dots} {signer.role}", signer.name, signer.position):
                lines += self.wrap(self.regular, size, text, inner)
            stacks.append(lines)
        height = 2 * lh + max(len(lines) for lines in stacks) * lh
        if height > self.room():
            self.new_page()
        self.y += 2 * lh
        top = self.y
        for number, lines in enumerate(stacks):
            self.y = top
            self.block_lines(self.regular, size, lines, self.page.left + number * column + 0.25 * CM, inner,
                             Align.CENTER)
        self.y = top + max(len(lines) for lines in stacks) * lh


def _justify(pieces: Sequence[str], extra: float, size: float) -> tuple[float, float]:
    """How much to widen each space and each join between Thai words to fill a line by ``extra``.

    Spaces first (up to a quarter em each); where that is not enough, the joins between Thai words
    take a third of what a space takes (at most 0.08 em, below what reads as a space: the words stay whole and read as
    words, not as spaced-out letters). A line that would need more than :data:`MAX_STRETCH` a space
    stays flush left.
    """
    spaces = sum(1 for p in pieces[:-1] if p[-1:].isspace())
    joins = len(pieces) - 1 - spaces
    if spaces and extra / spaces <= 0.25 * size:
        return extra / spaces, 0.0
    unit = extra / (3 * spaces + joins) if spaces or joins else 0.0
    if joins and unit <= 0.08 * size:
        return 3 * unit, unit
    if spaces and extra / spaces <= MAX_STRETCH * size:
        return extra / spaces, 0.0
    return 0.0, 0.0


def _cumulative(parts: list[str]) -> Iterator[str]:
    """"a", "a\\nb", "a\\nb\\nc": each typed line with all before it (their lengths end the paragraphs)."""
    text = ""
    for number, part in enumerate(parts):
        text = part if number == 0 else text + "\n" + part
        yield text


class _TableLayout:
    """A table's column widths, its header and rows wrapped into cell lines, and their heights."""

    def __init__(self, renderer: _Renderer, table: Table) -> None:
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
        alone = [_height(self.headings[i]) for i in range(len(table.columns)) if i not in grouped]
        if grouped:
            self.h1 = max(_height(c) for c in self.group_cells)
            self.h2 = max(_height(self.headings[i]) for i in grouped)
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
        self.row_heights = [max((_height(c) for c in row), default=TABLE_SIZE) for row in self.rows]
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
    ) -> _Cell:
        """A cell's lines, at ``size`` or as :meth:`fitted_size` finds."""
        column = self.table.columns[index]
        width = self.inner_width(index, last)
        face = self.r.bold if bold else self.r.regular
        align = align or (Align.LEFT if column.align is Align.JUSTIFY else column.align)
        if text.strip() in TICKS:
            return _Cell([_Line([], True)], align, bold, TABLE_SIZE, tick=True)
        if not text:
            return _Cell([_Line([], True)], align, bold, TABLE_SIZE)
        size = self.fitted_size(text, index, bold, last) if size is None else size
        return _Cell(self.r.wrap(face, size, text, width), align, bold, size)

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

    def draw_row(self, cells: list[_Cell], height: float) -> None:
        """Draws a row; one taller than the room left is split across pages, the header repeated."""
        r = self.r
        done = [0] * len(cells)
        while True:
            left = [_Cell(c.lines[d:], c.align, c.bold, c.size, c.tick and d == 0) for c, d in zip(cells, done,
                                                                                                   strict=True)]
            remaining = max(_height(c) for c in left)
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
            self.row_box([_Cell(c.lines[:n], c.align, c.bold, c.size, c.tick) for c, n in zip(left, fits, strict=True)],
                         r.y, r.room())
            done = [d + n for d, n in zip(done, fits, strict=True)]
            r.new_page()
            self.draw_header()

    def row_box(self, cells: list[_Cell], top: float, height: float) -> None:
        for index, cell in enumerate(cells):
            self.box(index, index, top, height, cell)

    def box(self, first: int, last: int, top: float, height: float, cell: _Cell, middle: bool = False) -> None:
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


def _height(cell: _Cell) -> float:
    return PAD_TOP + len(cell.lines) * cell.size * TABLE_LINE + PAD_BOTTOM
