"""Spaces that split a phrase: what copying a table out of a PDF leaves where a cell wrapped.

Thai puts no spaces between words; a space separates phrases. A PDF table cell that wrapped comes out
of a copy with a space at the wrap, often inside a phrase ("บุคลากรไม่ เพียงพอ") or a name
("องค์การ บริหารส่วนตำบลบางเตย"). A dictionary alone cannot tell such a space from an ordinary one: both
sides are words either way. Two things can, and only these are used (so an ordinary space is never
flagged on a guess):

* **Known names.** A name is written in one piece: the organization's own name, the kinds of local
  government, the district and province, the units and the dimension names of the plan. A space whose
  removal makes one of them whole splits it.
* **Words that never end a phrase.** Some function words always take the word after them in the same
  phrase, so a space right after one splits the phrase: the negation "ไม่" before its verb (except in
  "หรือไม่", "whether or not", which does end a phrase), the relative pronoun "ซึ่ง" before its clause,
  and the conjunctive "จึง" before its verb. No Thai word ends in any of them, so the letters alone
  say the word is there.

Only spaces and tabs between two Thai letters count: a line break is the writer's, and a space next to
a digit, a bracket or a Latin letter is no wrap inside a Thai phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_THAI = "\u0e01-\u0e4e"  # letters, vowels, tone marks, ฯ and ๆ; not Thai digits
_GAP_RE = re.compile(rf"(?<=[{_THAI}])[ \t\u00a0]+(?=[{_THAI}])")
_SPACE_RE = re.compile(r"\s+")
_THAI_RE = re.compile(rf"[{_THAI}]")

ORGANIZATION_KINDS: tuple[str, ...] = (
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "องค์กรปกครองส่วนท้องถิ่น",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
)
"""The kinds of local government, written in one piece wherever they stand."""

STANDARD_UNITS: tuple[str, ...] = (
    "สำนักงานปลัด",
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
    "หน่วยตรวจสอบภายใน",
    "งานนิติการ",
    "พนักงานส่วนตำบล",
    "พนักงานเทศบาล",
)
"""Units (and the staff title) that most local governments have, written in one piece."""

NEVER_LAST: tuple[str, ...] = ("ไม่", "ซึ่ง", "จึง")
"""Words that never end a phrase: a space right after one splits it."""

_ENDS_A_PHRASE: tuple[str, ...] = ("หรือไม่",)
"""Endings that hold a word of :data:`NEVER_LAST` and still end a phrase ("ตรวจสอบว่าถูกต้องหรือไม่")."""

MIN_NAME = 5
"""Shorter names are not used: a few letters may span an ordinary space by chance."""


@dataclass(frozen=True, slots=True)
class PhraseSplit:
    """Spaces inside one phrase of a text: where it stands, as written and joined, and why."""

    start: int
    end: int
    """``text[start:end]`` is the phrase with its splitting spaces (the words around them)."""
    fragment: str
    """The phrase as written (cut with "…" if long)."""
    joined: str
    """The same with the splitting spaces taken out."""
    reasons: tuple[str, ...]
    """What shows each space splits the phrase: a known name, or a word of :data:`NEVER_LAST`."""
    names: tuple[str, ...]
    """Which of ``reasons`` are names (the rest are words that never end a phrase)."""


def known_names(
    organization: str = "",
    district: str = "",
    province: str = "",
    units: Iterable[str] = (),
    dimensions: Iterable[str] = (),
) -> frozenset[str]:
    """The names written in one piece that a plan knows, without spaces, for :func:`find_splits`.

    A unit written with a space ("งานนิติการ สำนักงานปลัด") is two names, each whole.
    """
    names: set[str] = set(ORGANIZATION_KINDS) | set(STANDARD_UNITS)
    org = _bare(organization)
    if org:
        names.add(org)
        for kind in ORGANIZATION_KINDS:
            if org.startswith(kind):
                names.add(org[len(kind):])
    for value, prefix in ((district, "อำเภอ"), (province, "จังหวัด")):
        place = _bare(value)
        place = place[len(prefix):] if place.startswith(prefix) else place
        if place:
            names.update((place, prefix + place))
    for unit in units:
        names.update(_SPACE_RE.split(unit))
    names.update(_bare(d) for d in dimensions)
    return frozenset(n for n in names if len(n) >= MIN_NAME and _THAI_RE.search(n))


def find_splits(text: str, names: Iterable[str] = ()) -> list[PhraseSplit]:
    """The phrases of ``text`` that a space splits, by known ``names`` and :data:`NEVER_LAST` words.

    ``names`` are written without spaces (:func:`known_names`). Spaces next to each other in one
    phrase ("ราชการขององค์การ บริหารส่วนตำบลบาง เตย") are reported together, as one phrase.

    With the names of :func:`known_names` (a frozenset) the answer is remembered: the checks run at
    every edit, over every text of the plan, and an edit changes one of them.
    """
    if isinstance(names, frozenset):
        return list(_remembered_splits(text, names))
    return _find_splits(text, names)


@lru_cache(maxsize=4096)
def _remembered_splits(text: str, names: frozenset[str]) -> tuple[PhraseSplit, ...]:
    return tuple(_find_splits(text, names))


def _find_splits(text: str, names: Iterable[str]) -> list[PhraseSplit]:
    gaps = list(_GAP_RE.finditer(text))
    if not gaps:
        return []
    why: dict[int, str] = {}
    name_of: dict[int, bool] = {}
    for index, gap in enumerate(gaps):
        word = next((w for w in NEVER_LAST if text.endswith(w, 0, gap.start())), None)
        if word is not None and not text.endswith(_ENDS_A_PHRASE, 0, gap.start()):
            why[index], name_of[index] = word, False
    _mark_names(text, gaps, names, why, name_of)
    return _phrases(text, gaps, why, name_of)


def _mark_names(
    text: str, gaps: list[re.Match[str]], names: Iterable[str], why: dict[int, str], name_of: dict[int, bool]
) -> None:
    """Mark the gaps that a known name spans once the gaps are taken out."""
    # The text without its gaps, and where each gap was in it.
    pieces: list[str] = []
    at: list[int] = []
    last = length = 0
    for gap in gaps:
        pieces.append(text[last : gap.start()])
        length += gap.start() - last
        at.append(length)
        last = gap.end()
    pieces.append(text[last:])
    joined = "".join(pieces)
    for name in sorted(set(names), key=len, reverse=True):
        start = joined.find(name)
        while start >= 0:
            end = start + len(name)
            for index in range(bisect_right(at, start), bisect_left(at, end)):
                if index not in why:
                    why[index], name_of[index] = name, True
            start = joined.find(name, start + 1)


def _phrases(
    text: str, gaps: list[re.Match[str]], why: dict[int, str], name_of: dict[int, bool]
) -> list[PhraseSplit]:
    """The marked gaps with the words around them, neighbours in one phrase together."""
    found: list[PhraseSplit] = []
    group: list[int] = []
    for index in sorted(why):
        if group and _run_start(text, gaps[index].start()) == gaps[group[-1]].end():
            group.append(index)  # the word between the two gaps has no other space around it
            continue
        if group:
            found.append(_phrase(text, [gaps[i] for i in group], group, why, name_of))
        group = [index]
    if group:
        found.append(_phrase(text, [gaps[i] for i in group], group, why, name_of))
    return found


def _phrase(
    text: str, gaps: list[re.Match[str]], indexes: list[int], why: dict[int, str], name_of: dict[int, bool]
) -> PhraseSplit:
    start = _run_start(text, gaps[0].start())
    end = _run_end(text, gaps[-1].end())
    middle: list[str] = []
    last = gaps[0].start()
    for gap in gaps:
        middle.append(text[last : gap.start()])
        last = gap.end()
    middle.append(text[last : gaps[-1].end()])
    head = _tail_of(text[start : gaps[0].start()])
    tail = _head_of(text[gaps[-1].end() : end])
    written = head + text[gaps[0].start() : gaps[-1].end()] + tail
    reasons = tuple(dict.fromkeys(why[i] for i in indexes))
    names = tuple(dict.fromkeys(why[i] for i in indexes if name_of[i]))
    return PhraseSplit(start, end, written, head + "".join(middle) + tail, reasons, names)


def _run_start(text: str, position: int) -> int:
    """Where the run of non-space characters that ends at ``position`` begins."""
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _run_end(text: str, position: int) -> int:
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


_AROUND = 32
"""How much of the words before the first space and after the last one a phrase shows."""


def _tail_of(text: str) -> str:
    """The end of the words before a space, cut with "…" if long, never starting on a vowel or tone mark."""
    if len(text) <= _AROUND:
        return text
    cut = len(text) - _AROUND
    while cut < len(text) and _is_mark(text[cut]):
        cut += 1
    return "…" + text[cut:]


def _head_of(text: str) -> str:
    """The start of the words after a space, cut with "…" if long (with the marks of its last letter)."""
    if len(text) <= _AROUND:
        return text
    cut = _AROUND
    while cut < len(text) and _is_mark(text[cut]):
        cut += 1
    return text[:cut] + "…"


def _is_mark(char: str) -> bool:
    # Thai vowels above and below and tone marks (they belong to the letter before).
    return char in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"


def _bare(text: str) -> str:
    return _SPACE_RE.sub("", text)
