"""The PDF report's pages and lines: page set-up, the cursor down the page, lines written where they go.

:class:`PageFlow` holds what every part of the layout writes with: the A4 pages (portrait or
landscape, the Thai official margins, the page number "- ๓ -" at the top of every page but the
cover's), the cursor (:attr:`PageFlow.y`) and the page break where the next line does not fit, and the
writing of one line. Text is cut into lines only at ICU's word boundaries
(:func:`tracker.domain.linebreak.wrap_pieces`), and each line is written at a position computed here,
as the pieces' glyph runs (:class:`~tracker.reports.pdf_fonts.Face`). The words between two spaces are
one marked-content span whose /ActualText is their text, so that a reader copies and finds them whole.

Paragraphs are justified by widening the spaces of a line (a Thai line is never stretched between
the letters of its words); a line with no space, or one that would gape, stays flush left
(:func:`justify`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.linebreak import wrap_pieces
from tracker.domain.thai import with_digits
from tracker.reports.document import Align, ReportDocument
from tracker.reports.pdf_fonts import Face, Printable
from tracker.reports.pdf_writer import A4, Page, PdfWriter, marked_text

CM = 72 / 2.54
"""Points in a centimetre (the PDF is laid out in points)."""
PORTRAIT = (2.5 * CM, 2.0 * CM, 3.0 * CM, 2.0 * CM)
"""Margins top, bottom, left, right of a portrait page (the Thai official layout)."""
LANDSCAPE = (2.0 * CM, 1.8 * CM, 2.0 * CM, 2.0 * CM)
PAGE_NUMBER_Y = 0.55
"""The page number's baseline, as a share of the top margin."""
FRONT_MATTER_LETTERS = "กขคงจฉชซญฎฐฒณดตถทธนบปผพภมยรลวศสหอฮ"
"""How the foreword and contents pages are numbered (the consonants Thai lists count with)."""

BODY_SIZE = 15.0
"""The body text's size, and the page numbers'."""
LINE = 1.45
"""Line height as a multiple of the font size (room for Thai marks above and below)."""
RULE = 0.6
"""Width of a table's grid lines."""
MAX_STRETCH = 1.0
"""The most a space of a justified line may widen, in ems; a line that would need more stays flush left."""


# The small records below are plain slotted classes, not dataclasses: making a dataclass costs about a
# millisecond at import, and the PDF export is measured as a whole process against the Markdown one.


class PageArea:
    """A page's geometry: its height and the edges of its text area (top-down, in points)."""

    __slots__ = ("bottom", "height", "landscape", "left", "right", "top")

    def __init__(self, landscape: bool, height: float, top: float, bottom: float, left: float, right: float) -> None:
        self.landscape = landscape
        self.height = height
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right


class Line:
    """A wrapped line: its pieces (the last with its trailing whitespace) and whether it ends a paragraph."""

    __slots__ = ("last", "pieces")

    def __init__(self, pieces: list[str], last: bool) -> None:
        self.pieces = pieces
        self.last = last


class PageFlow:
    """The pages of one PDF, the cursor on the current one, and the writing of lines at positions."""

    def __init__(self, doc: ReportDocument, fonts: dict[str, bytes]) -> None:
        self.doc = doc
        self.pdf = PdfWriter(title=doc.title, lang="th", creator="tracker", producer="tracker")
        self.regular = Face(self.pdf, fonts[""])
        self.bold = Face(self.pdf, fonts["B"])
        self.printable = Printable(self.bold.cmap)
        self.current = Page(0, *A4)
        """The PDF page being written (the contents' page again while its numbers are filled in)."""
        self.page = PageArea(False, 0, 0, 0, 0, 0)
        self.y = 0.0
        self.numbered = False
        self.body_first_page = 0
        """The PDF page part 1 starts on (page ๑ of the body), 0 while still in the front matter."""
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
        self.page = PageArea(landscape, height, top, height - bottom, left, width - right)
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

    def wrap(self, face: Face, size: float, text: str, width: float, first: float | None = None) -> list[Line]:
        def measure(piece: str) -> float:
            return face.width(piece, size)

        lines = wrap_pieces(self.clean(text), max(width, size), measure, first)
        out = [Line(line, False) for line in lines]
        if out:
            out[-1].last = True
        return out

    def line_width(self, face: Face, size: float, pieces: Sequence[str]) -> float:
        if not pieces:
            return 0.0
        return sum(face.width(p, size) for p in pieces[:-1]) + face.width(pieces[-1].rstrip(), size)

    def text_line(
        self, face: Face, size: float, x: float, baseline: float, pieces: Sequence[str],
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
        self, face: Face, size: float, lines: list[Line], x: float, width: float, align: Align,
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
        self, face: Face, size: float, line: Line, x: float, width: float, top: float, lh: float, align: Align
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
            gaps = justify(line.pieces, width - used, size)
        self.text_line(face, size, x, baseline, line.pieces, gaps)


def justify(pieces: Sequence[str], extra: float, size: float) -> tuple[float, float]:
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
