"""Where a line of text may break: at spaces, and inside Thai only where a dictionary says a word ends.

Thai is written without spaces between words, so breaking a line at whitespace alone cuts Thai words
in half ("บุคล|ากร") or leaves a whole phrase to be chopped at the edge of the screen. ICU's line
breaker (the one browsers and office suites use, with its Thai dictionary) knows where Thai words
end; this module asks it once per string and keeps the answer.

Two views of the same break points serve the two wrapping engines we show text through:
:func:`rich_words` cuts text the way ``rich._wrap.words`` does (leading and trailing whitespace kept
with a piece), :func:`textual_chunks` the way ``textual._wrap.chunks`` does. Text without Thai is cut
exactly as those engines cut it today. :func:`cut_to_width` shortens a label with "…" at a word
boundary. Nothing here imports rich or textual: the layers that use them install the views.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

THAI_RE = re.compile(r"[\u0e00-\u0e7f]")
"""A Thai character: text without one is broken at whitespace only, as before."""

_THAI_LETTER = re.compile(r"[\u0e01-\u0e4f]").match
"""A Thai letter, vowel or tone mark (not a Thai digit): a line may break inside a run only beside one."""
_RICH_WORD = re.compile(r"\s*\S+\s*")
_TEXTUAL_CHUNK = re.compile(r"\S+\s*|\s+")
_SPACE = re.compile(r"\s")

CharCells = Callable[[str], int]
"""Measures the terminal cells of one character."""


def has_thai(text: str) -> bool:
    return THAI_RE.search(text) is not None


class _Breaker:
    """One ICU line-break iterator, reused (creating one loads the dictionaries: a few milliseconds)."""

    def __init__(self) -> None:
        self._iterator: Any = None
        self._loaded = False

    def _load(self) -> None:
        """ICU (pyicu-wheels: ICU inside the wheel) is loaded the first time Thai is measured (~30 ms)."""
        self._loaded = True
        try:
            import icu
        except ImportError:  # pragma: no cover - a platform without the wheel keeps whitespace breaking
            return
        self._iterator = icu.BreakIterator.createLineInstance(icu.Locale("th"))

    def positions(self, text: str) -> tuple[int, ...]:
        """Offsets (in code points) inside ``text`` where a line may start, ICU's word ends included."""
        if not self._loaded:
            self._load()
        if self._iterator is None:
            return ()
        self._iterator.setText(text)
        # ICU counts UTF-16 code units; a character outside the BMP (an emoji) counts two.
        if text.isascii() or all(ord(c) < 0x10000 for c in text):
            return tuple(p for p in self._iterator if 0 < p < len(text))
        units_to_index: dict[int, int] = {}
        unit = 0
        for index, char in enumerate(text):
            units_to_index[unit] = index
            unit += 2 if ord(char) >= 0x10000 else 1
        return tuple(
            units_to_index[p] for p in self._iterator if p in units_to_index and 0 < units_to_index[p] < len(text)
        )


_BREAKER = _Breaker()

KEEP_TOGETHER: tuple[str, ...] = (
    # Compounds ICU's dictionary splits where a Thai reader would not ("งบ|ประมาณ", "ท้อง|ถิ่น"), and
    # words it does not know and cuts in the middle ("บูรณ|า|การ", "ธร|รมาภิ|บาล", "แผน|งา|นบู|รณาการ"):
    # the vocabulary of the plans and reports this program writes. A line may still break before and
    # after each, where ICU says a word ends. Compounds of two words a line may part as any Thai
    # typesetting does ("ดำเนิน|การ", "ปฏิบัติ|งาน") are not listed: narrow table headings need them.
    "งบประมาณ", "ประพฤติมิชอบ", "มิชอบ", "ท้องถิ่น", "ตรวจสอบ", "ร้องเรียน",
    "ร้องทุกข์", "หน่วยงาน", "ผลประโยชน์", "ความรู้", "ต่อต้าน", "ส่งเสริม", "ปราบปราม", "เสริมสร้าง",
    "เผยแพร่", "เปิดเผย", "ทับซ้อน", "เจ้าหน้าที่", "หลักเกณฑ์", "ผู้บริหาร", "คำสั่ง", "มอบหมาย",
    "รับผิดชอบ", "รับรู้", "ส่วนร่วม", "พึงพอใจ", "ข้อตกลง", "ช่องทาง", "ธรรมาภิบาล", "บูรณาการ",
    "แผนงาน", "ร้อยละ", "จัดทำ", "รูปแบบ", "รูปธรรม", "ข้อกำหนด", "ข้อบังคับ",
    "คงเหลือ", "เกี่ยวข้อง", "เกี่ยวกับ", "ขับเคลื่อน", "เพียงพอ", "เฝ้าระวัง", "เสมอภาค", "เท่าเทียม",
    "ของขวัญ", "ของกำนัล", "แต่งตั้ง", "คณะกรรมการ", "คณะทำงาน", "ฝึกอบรม", "จัดซื้อ", "จัดจ้าง",
    "ใช้จ่าย", "เบิกจ่าย", "ยกระดับ", "ระยะเวลา", "ส่วนตัว", "ส่วนรวม", "เข้าร่วม", "ธงเขียว", "ธงเหลือง",
    "ธงแดง", "ค่านิยม", "ความพึงพอใจ", "ดังกล่าว", "ซื่อสัตย์", "ประชาสัมพันธ์", "ประสิทธิภาพ",
    "ประสิทธิผล", "ปรับปรุง", "ผู้รับผิดชอบ", "อุตสาหะ", "วิริยะ", "สังกัด", "ข้อเสนอแนะ", "อุปสรรค",
    "ฯลฯ",
)
_ABBREVIATION_RE = re.compile("ฯ(?!ลฯ)(?<!ฯลฯ)")
"""ไปยาลน้อย ending an abbreviated word, not the ones of ฯลฯ (ไปยาลใหญ่, which is kept whole)."""
_KEEP_TOGETHER_RE = re.compile("|".join(sorted(map(re.escape, KEEP_TOGETHER), key=len, reverse=True)))


@lru_cache(maxsize=8192)
def break_points(text: str) -> tuple[int, ...]:
    """Where a line may start inside ``text``: after whitespace, and between Thai words.

    Cached per string: the same names and cells are measured again on every redraw. A break is never
    placed before a combining mark (a Thai vowel or tone mark belongs to the letter before it), nor
    inside a word of :data:`KEEP_TOGETHER`.
    """
    # ICU's dictionary does not know a word followed by ฯ (ไปยาลน้อย, "ทุจริตฯ", "กรุงเทพฯ") and cuts the
    # word itself ("ทุ|จริตฯ"): it is given a space in the mark's place, which ends the word as ฯ does.
    if "ฯ" in text:
        points = set(_BREAKER.positions(_ABBREVIATION_RE.sub(" ", text)))
    else:
        points = set(_BREAKER.positions(text)) if has_thai(text) else set()
    if points:
        points = {p for p in points if text[p] != "ฯ"}  # the mark stays with its word
        for match in _KEEP_TOGETHER_RE.finditer(text):
            points.difference_update(range(match.start() + 1, match.end()))
        # Between Thai words only: a file path, a web address or "e-PlanNACC" in a Thai sentence is not
        # cut after its "/" or "-", as it would not be in an English one (whitespace is added below).
        points = {p for p in points if _THAI_LETTER(text[p - 1]) or _THAI_LETTER(text[p])}
    points.update(m.end() for m in re.finditer(r"\s+", text) if 0 < m.end() < len(text))
    return tuple(sorted(p for p in points if not unicodedata.combining(text[p])))


def _pieces(text: str, start: int, end: int, points: tuple[int, ...]) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` cut at the Thai word ends inside it (its trailing whitespace kept with it)."""
    cut = start
    for index in range(bisect_right(points, start), len(points)):
        point = points[index]
        if point >= end:
            break
        if text[point - 1].isspace() or text[point].isspace():
            continue  # at whitespace: the regexes already cut there
        yield cut, point
        cut = point
    yield cut, end


def _split(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, str]]:
    """The regex's pieces of ``text``, each cut further at Thai word ends (one pass over the points)."""
    points = break_points(text) if has_thai(text) else ()
    position = 0
    while (match := pattern.match(text, position)) is not None:
        start, end = match.span()
        if points:
            for a, b in _pieces(text, start, end, points):
                yield a, b, text[a:b]
        else:
            yield start, end, match.group()
        position = end


def rich_words(text: str) -> Iterator[tuple[int, int, str]]:
    """``rich._wrap.words`` with Thai words cut apart: (start, end, word with its whitespace)."""
    return _split(text, _RICH_WORD)


def textual_chunks(text: str) -> Iterator[tuple[int, int, str]]:
    """``textual._wrap.chunks`` with Thai words cut apart: (start, end, chunk with its whitespace)."""
    return _split(text, _TEXTUAL_CHUNK)


def cut_to_width(text: str, width: int, char_cells: CharCells | None = None, ellipsis: str = "…") -> str:
    """``text`` shortened to ``width`` cells with ``ellipsis``, cut where a word ends when one is near.

    "โครงการเสริมสร้างค่านิยม…" rather than "โครงการเสริมสร้างค่านิ…". Where no word ends in the second
    half of the room (one very long word), the text is cut at the edge as before. ``char_cells``
    measures one character (rich's and textual's own table, where the caller has it).
    """
    size = char_cells or _char_cells
    ends = _cell_ends(text, size)
    if not ends or ends[-1] <= width:
        return text
    room = width - sum(size(c) for c in ellipsis)
    if room <= 0:
        return ellipsis[: max(width, 0)]
    fits = _fitting(ends, room)  # characters that fit the room
    best = 0
    for point in break_points(text):
        if point > fits:
            break
        best = point
    kept = text[:best].rstrip()
    if best and _width(ends, len(kept)) * 2 >= room:
        return kept + ellipsis
    while 0 < fits < len(text) and unicodedata.combining(text[fits]):
        fits -= 1  # keep a vowel or tone mark with its letter
    return text[: max(fits, 1)] + ellipsis


def _cell_ends(text: str, size: CharCells) -> list[int]:
    """The cells taken by ``text[:i + 1]`` for each i: one pass, so long text costs little."""
    ends: list[int] = []
    total = 0
    for char in text:
        total += size(char)
        ends.append(total)
    return ends


def _width(ends: list[int], count: int) -> int:
    return ends[count - 1] if count else 0


def _fitting(ends: list[int], room: int) -> int:
    """How many characters fit in ``room`` cells."""
    count = 0
    while count < len(ends) and ends[count] <= room:
        count += 1
    return count


def _char_cells(char: str) -> int:
    """Terminal cells of one character: wide ones two, combining marks and format characters none."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# --- wrapping proportional text (the PDF export) -----------------------------------------------

Measure = Callable[[str], float]
"""The width of a string as it will be printed (points, or any unit ``width`` is given in)."""

_PREPEND = frozenset("เแโใไ")
"""Thai leading vowels: written before the consonant they follow in speech, never left at a line's end."""


def graphemes(text: str) -> list[str]:
    """``text`` cut into the pieces a line may be broken between when no word boundary is left.

    A base character keeps its combining marks (a Thai vowel or tone mark, sara am, a variation
    selector, a joiner and what it joins), and a Thai leading vowel keeps the consonant after it, so
    a forced break never separates "ก" from "ี่" nor "เ" from "ก".
    """
    pieces: list[str] = []
    for char in text:
        if pieces and (
            unicodedata.combining(char)
            or unicodedata.category(char) in ("Mn", "Mc", "Me")
            or char in "\u0e33\u200d\ufe0f"
            or pieces[-1][-1] in _PREPEND
            or pieces[-1][-1] == "\u200d"
        ):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def line_pieces(text: str) -> list[str]:
    """``text`` cut at every place a line may start (each piece keeps its trailing whitespace).

    The pieces joined give ``text`` back; a line may break only between two of them.
    """
    from itertools import pairwise

    points = break_points(text)
    if not points:
        return [text]
    return [text[a:b] for a, b in pairwise((0, *points, len(text)))]


def wrap_pieces(text: str, width: float, measure: Measure, first_width: float | None = None) -> list[list[str]]:
    """``text`` laid out in lines no wider than ``width``, each line the word pieces it is made of.

    Lines break only where :func:`break_points` allows (at whitespace and between Thai words), and at a
    "\\n". A piece wider than a whole line (a long name without spaces, a web address) is cut between
    :func:`graphemes`. Whitespace at a line's end stays on that line and does not count towards its
    width, so the pieces of one paragraph joined give the paragraph back exactly. ``first_width`` is
    the room of the first line (a paragraph's first-line indent). ``measure`` is called on pieces
    (without their trailing whitespace) and on their whitespace-ended forms: cache it if it is slow.
    """
    lines: list[list[str]] = []
    room = width if first_width is None else first_width
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for segment in line_pieces(paragraph) if paragraph else []:
            core = segment.rstrip()
            core_width = measure(core) if core else 0.0
            if line and used + core_width > room + 1e-6:
                lines.append(line)
                line, used, room = [], 0.0, width
            if not line and core_width > room + 1e-6:
                *full, last = _cut(core, room, width, measure)
                lines.extend([piece] for piece in full)
                if full:
                    room = width
                segment = last + segment[len(core):]
                core_width = measure(last)
            line.append(segment)
            used += core_width if segment == core else measure(segment)
        lines.append(line)
        room = width
    return lines


def _cut(word: str, room: float, width: float, measure: Measure) -> list[str]:
    """A word too wide for ``room`` cut between graphemes: every piece but the last fills its line."""
    pieces: list[str] = []
    current = ""
    used = 0.0
    for grapheme in graphemes(word):
        size = measure(grapheme)
        if current and used + size > room + 1e-6:
            pieces.append(current)
            current, used, room = "", 0.0, width
        current += grapheme
        used += size
    pieces.append(current)
    return pieces


def wrap_lines(text: str, width: float, measure: Measure, first_width: float | None = None) -> list[str]:
    """``text`` wrapped as :func:`wrap_pieces` does, each line a string without its trailing whitespace."""
    return ["".join(line).rstrip() for line in wrap_pieces(text, width, measure, first_width)]
