"""The PDF report's font: Sarabun, shaped with HarfBuzz, and what is printed for what it lacks.

:class:`Face` is one style of the font (regular or bold), embedded whole by
:class:`~tracker.reports.pdf_writer.PdfWriter`. It shapes each word piece once with HarfBuzz (Thai
vowels and tone marks sit where the font's mark positioning puts them, never stacked on each other)
and keeps the result as a :class:`Run`: the piece's advance and its PDF text operators. Every glyph
maps back to its characters in the PDF's ToUnicode table, so text can be searched and copied.

:class:`Printable` says what is printed for a character the font lacks: a tick (✓, not in Sarabun)
becomes "√", which Sarabun has; invisible format characters (zero-width space, joiners, variation
selectors) are left out; any other (emoji, CJK, control pictures) is printed as "?", so it neither
crashes the export nor vanishes unseen.
"""

from __future__ import annotations

import unicodedata
from importlib.resources import files
from typing import Any

import uharfbuzz as hb  # type: ignore[import-untyped]

from tracker.domain.columns import TICK
from tracker.reports.pdf_writer import PdfWriter

FONT_FILES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}
"""The font's files in ``fonts/`` by style ("" regular, "B" bold); Sarabun is under the SIL OFL."""

SUBSTITUTE = "?"
"""Printed for a character the font lacks (Sarabun has no U+FFFD)."""
TICK_GLYPH = "√"
TICKS = frozenset({TICK, "✔"})
"""Ticks: alone in a table cell drawn as two strokes (:mod:`tracker.reports.pdf_tables`), in other text
written :data:`TICK_GLYPH`."""
DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Sk", "Zl", "Zp", "Cs", "Co", "Cn"})
"""Characters the font lacks that are left out rather than shown as "?" when invisible anyway (a
zero-width space, a joiner, a variation selector, an emoji's skin tone); line and paragraph separators
become spaces."""


class Printable(dict[int, str]):
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


class Run:
    """A shaped piece of text: its advance and its PDF text operators, in thousandths of an em."""

    __slots__ = ("advance", "chunks", "word")

    def __init__(self, advance: float, chunks: tuple[tuple[float, str], ...], word: int | None = None) -> None:
        self.advance = advance
        self.chunks = chunks
        """(rise, "[<0012002A>-12<0031>]"): TJ arrays, each at one vertical offset (a raised or lowered mark)."""
        self.word = len(chunks) if word is None else word
        """How many of the chunks draw the text before its trailing whitespace."""


class Face:
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
        self._runs: dict[str, Run] = {}

    def width(self, text: str, size: float) -> float:
        """The printed width of ``text`` (already made printable) at ``size`` points."""
        run = self._runs.get(text)
        if run is None:
            run = self.run(text)
        return run.advance * size / 1000

    def run(self, text: str) -> Run:
        """The shaped text; a word and its trailing whitespace are shaped apart (the same glyphs and
        advances), so that the line can put the word alone in a marked-content span."""
        run = self._runs.get(text)
        if run is None:
            word = text.rstrip()
            if word and word != text:
                head, tail = self.run(word), self.run(text[len(word) :])
                run = Run(head.advance + tail.advance, head.chunks + tail.chunks, len(head.chunks))
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
        :meth:`tracker.reports.pdf_pages.PageFlow.text_line`) do not use these; pypdf, pdfminer and
        search engines' extractors do.
        """
        starts = sorted(set(clusters))
        ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
        if len(starts) == len(clusters):  # a glyph a cluster (nearly every piece)
            return [text[cluster : ends[cluster]] for cluster in clusters]
        last = len(clusters) - 1
        return [text[cluster : ends[cluster]] if index == last or clusters[index + 1] != cluster else ""
                for index, cluster in enumerate(clusters)]

    def _shape(self, text: str) -> Run:
        if not text:
            return Run(0.0, ())
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
        return Run(pen, tuple(chunks))


def read_fonts() -> dict[str, bytes]:
    """The font files' bytes by style (:data:`FONT_FILES`)."""
    return {style: (_font_dir() / name).read_bytes() for style, name in FONT_FILES.items()}


def _font_dir() -> Any:
    return files("tracker.reports") / "fonts"
