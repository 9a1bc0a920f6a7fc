"""User text shown safely: control characters made visible, never passed to a terminal.

What a user typed is data. These helpers change only how it is shown (the stored value is never
touched): an ESC becomes "␛", a line break "⏎" where text must stay on one line, and characters that
would reorder or hide what follows are written as their escape.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar, cast

_F = TypeVar("_F", bound=Callable[..., Any])


def translator(table: Mapping[int, str | int | None]) -> Callable[[str], str]:
    """``str.translate`` with ``table``, translating only the runs of the characters the table rewrites.

    ``str.translate`` looks every character of a Thai text up in its table (0.1 us each); the characters
    to rewrite (controls, digits, Markdown's punctuation) are few, so finding their runs first is several
    times faster, with the same result.
    """
    runs = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(table)) + "]+")

    def translate_run(match: re.Match[str]) -> str:
        return match.group().translate(table)

    return lambda value: runs.sub(translate_run, value)


REMEMBERED_UP_TO = 2000
"""Texts up to this many characters are remembered by :func:`remembered_when_short` functions."""


def remembered_when_short(limit: int = REMEMBERED_UP_TO) -> Callable[[_F], _F]:
    """Remember the answers of a function of a text (and hashable arguments) for texts up to ``limit``
    characters, the last 4,096 of them: rules ask the same about the same names and periods, while
    remembering thousands of long texts (a hostile plan's 20,000-character names) would hold megabytes."""

    def wrap(function: _F) -> _F:
        cached = functools.lru_cache(maxsize=4096)(function)

        def call(text: str, *args: Hashable) -> Any:
            return (cached if len(text) <= limit else function)(text, *args)

        return cast(_F, functools.wraps(function)(call))

    return wrap


_SPACE_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with every run of whitespace made one space (how a wrapped cell reads)."""
    return _SPACE_RE.sub(" ", text).strip()


@remembered_when_short()
def bare(text: str) -> str:
    """Text without any whitespace: two cells that differ only by where they wrapped are equal here.

    Remembered for short texts: several rules compare the same names, methods and indicators."""
    return _SPACE_RE.sub("", text)


NEWLINE_MARK = "⏎"
"""Shown in place of a line break where the text must stay on one line (tree labels, the header)."""

# C0 controls and DEL as their Unicode "control pictures" (ESC → ␛, TAB → ␉, ...): one cell each.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "␡"}
# Characters that would make a terminal reorder or hide what follows; shown as their escape.
BIDI_CONTROLS = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def visible(char: str) -> str:
    """One character as it may safely reach a terminal."""
    code = ord(char)
    if code in _CONTROL_PICTURES:
        return _CONTROL_PICTURES[code]
    if 0x80 <= code <= 0x9F:  # C1 controls (0x9B is a one-byte CSI)
        return f"\\x{code:02x}"
    if code in BIDI_CONTROLS:
        return f"\\u{code:04x}"
    return char


_VISIBLE = {
    code: visible(chr(code)) for code in (*_CONTROL_PICTURES, *range(0x80, 0xA0), *BIDI_CONTROLS)
}
"""``str.translate``'s table for :func:`visible`: a whole text at once, not one call per character."""


_visible_text = translator(_VISIBLE)


SUBSTITUTE = "\ufffd"
"""Shown for a C1 or bidi control where one character must stand for one (it has no one-cell picture)."""
_ONE_FOR_ONE = {
    **{code: picture for code, picture in _CONTROL_PICTURES.items() if code != 0x09},
    0x0A: NEWLINE_MARK,
    **{code: SUBSTITUTE for code in range(0x80, 0xA0)},
    **{code: SUBSTITUTE for code in BIDI_CONTROLS},
}
_one_for_one = translator(_ONE_FOR_ONE)


def safe_chars(value: str) -> str:
    """``value`` with each control character but tab replaced by one visible character.

    For a widget that counts characters to place its cursor and selection (an input field, a line of a
    text area): the length stays the same, so those still land on the right characters. ESC → "␛",
    NUL → "␀", a line break → "⏎", a C1 or bidi control → "\ufffd".
    """
    return _one_for_one(value)


def safe_line(value: str) -> str:
    """``value`` on one line with every control character visible ("a\\nb\\x1b" → "a⏎b␛")."""
    return _visible_text(value.replace("\r\n", "\n").replace("\n", NEWLINE_MARK))


def safe_block(value: str) -> str:
    """``value`` with its line breaks kept, tabs as spaces and every other control character visible."""
    # A line break is "\n" again after the table (it maps it to ⏎): the text is cut at them first.
    lines = value.replace("\r\n", "\n").split("\n")
    return "\n".join(_visible_text(line.replace("\t", "    ")) for line in lines)
