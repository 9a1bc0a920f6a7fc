"""How findings quote the plan's words: an excerpt around a spot, a clipped text, quotation marks and
lists, never cutting a Thai vowel or tone mark from its letter."""

from __future__ import annotations

import unicodedata

from tracker.domain.text import squash

QUOTES = "\"'“”‘’«»"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc")


def excerpt(text: str, start: int, end: int, width: int = 24) -> str:
    """The words around ``text[start:end]``, for a message that shows where a problem is."""
    a, b = max(0, start - width), min(len(text), end + width)
    while 0 < a < len(text) and _is_mark(text[a]):
        a -= 1  # never start on a vowel or tone mark: it belongs to the letter before
    while b < len(text) and _is_mark(text[b]):
        b += 1
    return ("…" if a > 0 else "") + squash(text[a:b]) + ("…" if b < len(text) else "")


def clip(text: str, width: int) -> str:
    """``text`` cut to about ``width`` characters, never leaving a mark without its letter."""
    if len(text) <= width:
        return text
    while width < len(text) and _is_mark(text[width]):
        width += 1
    return text[:width] + "…"


def quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def join_th(items: list[str]) -> str:
    return ", ".join(items)

