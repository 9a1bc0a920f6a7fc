"""The report as a PDF: the :class:`~tracker.reports.document.ReportDocument` laid out on A4 pages.

Thai has no spaces between words, and a general PDF library's wrapping breaks it anywhere or nowhere.
So the layout places every line itself: text is cut into lines only at ICU's word boundaries, and
each line is written at a position computed here. The file itself is written by our own small writer
(:mod:`tracker.reports.pdf_writer`, standard library only): a general PDF library cost half a second
of imports, more than the whole Markdown export.

This module lays out the document in its order: the cover (the emblem, the title, the preparing
unit at the foot of the page), the foreword, the contents with each part's page number, the parts'
headings (kept with what follows them), paragraphs, lists, where each table starts, and the
signatures. The rest is in:

- :mod:`tracker.reports.pdf_fonts`: Sarabun shaped with HarfBuzz (uharfbuzz), each word piece once;
  what is printed for a character the font lacks.
- :mod:`tracker.reports.pdf_pages`: page set-up (margins, page numbers), the cursor and page breaks,
  lines wrapped at word ends and written (justified) at their positions.
- :mod:`tracker.reports.pdf_tables`: a table's columns, cells and grid, its header repeated on every
  page, rows kept whole where they fit.

Choices a reader sees:

- Sarabun (SIL OFL, shipped in ``fonts/``). Its Thai letters are drawn larger on the body than TH
  SarabunPSK's (a "ก" is 0.59 em high against about 0.45), so the 16 pt of the Thai official standard
  in TH SarabunPSK reads like 14-15 pt here; the body is :data:`~tracker.reports.pdf_pages.BODY_SIZE`
  (15 pt), tables :data:`~tracker.reports.pdf_tables.TABLE_SIZE` (12 pt, which fits part 3's nine
  columns on A4 landscape).
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

from collections.abc import Iterator

from tracker.domain.layout import CONTENTS_HEADING
from tracker.domain.text import safe_line
from tracker.reports.document import (
    PAGE_LABEL,
    SIGN_LINE,
    Align,
    Block,
    Bullets,
    Heading,
    Paragraph,
    ReportDocument,
    Section,
    Signatures,
    Table,
    read_emblem,
)
from tracker.reports.pdf_fonts import read_fonts
from tracker.reports.pdf_pages import BODY_SIZE, CM, LINE, Line, PageFlow
from tracker.reports.pdf_tables import TableLayout

TITLE_SIZE = 22.0
COVER_SIZE = 17.0
HEADING_SIZES = {0: 18.0, 1: 16.0, 2: 15.0, 3: 15.0}
INDENT = 2.5 * CM
NOTE_GAP = BODY_SIZE * 0.3
"""Between a table's bottom rule and the note under it."""
"""A paragraph's first-line indent (Thai official writing)."""
BULLET = "•"
BULLET_INDENT = 1.25 * CM
BULLET_TEXT = 1.9 * CM


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


def _renderer(doc: ReportDocument) -> Renderer:
    return Renderer(doc, read_fonts())


class Renderer(PageFlow):
    """The document laid out in its order, block by block, on the pages of a :class:`PageFlow`."""

    def __init__(self, doc: ReportDocument, fonts: dict[str, bytes]) -> None:
        super().__init__(doc, fonts)
        self.contents_slots: list[tuple[int, float, float]] = []
        """Where each contents entry's page number goes: (page, baseline, right edge)."""
        self.part_pages: list[int] = []
        self.layouts: dict[tuple[int, float], TableLayout] = {}

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
        self.place(self.bold, size, Line([label], True), x, width, self.y, lh, Align.RIGHT)
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
                        self.place(self.regular, size, Line(["." * count], True), start, count * dot, self.y, lh,
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
            if isinstance(block, Paragraph) and index and isinstance(blocks[index - 1], Table):
                self.table_note(block)
            elif isinstance(block, Table) and isinstance(following, Paragraph):
                self.table(block, tail=self.note_height(following))  # its last row stays with the note
            else:
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

    def table_note(self, paragraph: Paragraph) -> None:
        """A paragraph under a table (part 2's หมายเหตุ): a little below its bottom rule, and whole on one
        page where it fits one, rather than its last line alone over the page."""
        self.ensure(self.note_height(paragraph))
        if self.y > self.page.top + 0.5:
            self.y += NOTE_GAP
        self.paragraph(paragraph)

    def note_height(self, paragraph: Paragraph) -> float:
        """The room a note under a table takes (:meth:`table_note`), the gap above it included."""
        indent = INDENT if paragraph.indent else 0.0
        lines = self.wrap(self.bold if paragraph.bold else self.regular, BODY_SIZE, paragraph.text, self.usable,
                          self.usable - indent)
        return NOTE_GAP + len(lines) * BODY_SIZE * LINE

    @staticmethod
    def _mark_ends(lines: list[Line], text: str) -> None:
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

    def table_layout(self, table: Table) -> TableLayout:
        """The table laid out for this page's width (kept: the heading above it asks first)."""
        key = (id(table), self.usable)
        layout = self.layouts.get(key)
        if layout is None or layout.table is not table:
            layout = self.layouts[key] = TableLayout(self, table)
        return layout

    def table(self, table: Table, tail: float = 0.0) -> None:
        """``tail``: the height of a note under the table, which its last row is kept on a page with (a note
        alone on the next page reads as cut off from the table it speaks of)."""
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
        last = len(layout.rows) - 1
        for index, (cells, height) in enumerate(zip(layout.rows, layout.row_heights, strict=True)):
            if index == last and tail and height + tail <= self.fresh_room() - layout.header_height:
                height_needed = height + tail
            else:
                height_needed = height
            if height_needed > self.room() and height_needed <= self.fresh_room() - layout.header_height:
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
        stacks: list[list[Line]] = []
        for signer in block.signers:
            lines: list[Line] = []
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


def _cumulative(parts: list[str]) -> Iterator[str]:
    """"a", "a\\nb", "a\\nb\\nc": each typed line with all before it (their lengths end the paragraphs)."""
    text = ""
    for number, part in enumerate(parts):
        text = part if number == 0 else text + "\n" + part
        yield text
