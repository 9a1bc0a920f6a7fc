"""How the Markdown report writes user text, and how the importer reads it back.

User text is data, never markup. Written into Markdown it is escaped so that no renderer (GitHub,
CommonMark with GFM tables) gives it a meaning: ``\\ ` * _ [ ] | # ~ $`` get a backslash, ``& < >``
become entities, control characters are shown as their pictures (ESC → ␛, see
:mod:`tracker.domain.text`), whitespace at the ends of a line is written as a numeric entity (a
renderer would trim it or read indentation as code), and a line that would start a list or an
underline (``-``, ``+``, ``=``, ``1.``) gets its marker escaped.

Because every special character of user text is escaped, the unescaped ones in the file are the
exporter's own: ``|`` between cells, ``<br>`` for a line break inside a cell, ``**...**`` around
a label, a trailing ``\\`` for a line break in a paragraph. The importer splits on those and
unescapes the rest, so an exported report reads back to the text that was written.

What does not come back as typed: control characters, which the export shows as pictures (an
imported ESC is the character "␛"), and "\\r\\n", read as "\\n".
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from tracker.domain.text import BIDI_CONTROLS, translator, visible

BACKSLASHED = frozenset("\\`*_[]|#~$")
"""Characters that get a backslash: emphasis, code, links, cells, headings, strikethrough, math."""
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
"""Written as HTML entities: an entity cannot start HTML, an autolink or a block quote."""
LINE_BREAK = "<br>"
"""A line break inside a table cell, heading or cover line."""
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LIST_MARKER_RE = re.compile(r"^([0-9]{1,9})([.)])")

META_OPEN = "<!-- tracker-export "
META_CLOSE = " -->"
META_VERSION = 1


def _inline_escape(char: str) -> str:
    """One character as Markdown inline text: made visible, then each character of that escaped."""
    return "".join(ENTITIES.get(c) or (f"\\{c}" if c in BACKSLASHED else c) for c in visible(char))


_INLINE = {
    ord(char): _inline_escape(char)
    for char in {*(chr(code) for code in range(0xA0)), *ENTITIES, *BACKSLASHED, *map(chr, BIDI_CONTROLS)}
    if _inline_escape(char) != char
}
"""The table of :func:`escape_inline` (rendering a report escaped one character at a time spent most of
its time here)."""
_escape_chars = translator(_INLINE)


def _entities(spaces: str) -> str:
    return "".join(f"&#{ord(c)};" for c in spaces)


def escape_inline(value: str) -> str:
    """One line of user text (no line breaks) as Markdown inline text that renders exactly as ``value``."""
    text = _escape_chars(value)
    # A renderer trims whitespace at the ends of a cell or line, and reads leading spaces as code. (No
    # escape above begins or ends with whitespace: the ends are the value's own spaces.)
    core = text.lstrip()
    lead = text[: len(text) - len(core)]
    kept = core.rstrip()
    return _entities(lead) + kept + _entities(core[len(kept):])


def escape_cell(value: str) -> str:
    """User text for a table cell, heading or list item: one source line, line breaks as ``<br>``."""
    return LINE_BREAK.join(escape_inline(line) for line in _lines(value))


def escape_line(value: str) -> str:
    """One line of user text starting a source line: like :func:`escape_inline`, and never a list or underline."""
    text = escape_inline(value)
    if text[:1] in ("-", "+", "="):
        return "\\" + text
    marker = _LIST_MARKER_RE.match(text)
    if marker:
        return f"{marker[1]}\\{marker[2]}{text[marker.end():]}"
    return text


def escape_paragraphs(value: str) -> list[str]:
    """User text of several lines as source lines: an empty line parts paragraphs, ``\\`` ends a line within one."""
    lines = _lines(value)
    out = []
    for index, line in enumerate(lines):
        encoded = escape_line(line)
        if line and index + 1 < len(lines) and lines[index + 1]:
            encoded += "\\"  # a hard line break: the next line stays a line of its own
        out.append(encoded)
    return out


def _lines(value: str) -> list[str]:
    return value.replace("\r\n", "\n").split("\n")


def unescape(source: str) -> str:
    """Markdown source written by the escapes above back to the text: ``\\*`` → ``*``, ``&amp;`` → ``&``, ``<br>`` → newline."""
    out: list[str] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and source[i + 1] in _ASCII_PUNCTUATION:
            out.append(source[i + 1])
            i += 2
            continue
        if char == "&" and (entity := _ENTITY_RE.match(source, i)):
            out.append(html.unescape(entity.group(0)))
            i = entity.end()
            continue
        if char == "<" and (br := _BREAK_RE.match(source, i)):
            out.append("\n")
            i = br.end()
            continue
        out.append(char)
        i += 1
    return "".join(out)


def unescape_paragraphs(lines: list[str]) -> str:
    """Source lines written by :func:`escape_paragraphs` back to the text."""
    return "\n".join(unescape(line[:-1] if ends_with_hard_break(line) else line) for line in lines)


def ends_with_hard_break(line: str) -> bool:
    """Whether ``line`` ends with an unescaped backslash (a line break of the paragraph, not text)."""
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1


def split_row(line: str) -> list[str]:
    """A table row's cells, still escaped: split at every ``|`` that has no backslash before it."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not ends_with_hard_break(text[:-1]):
        text = text[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if text[i] == "|":
            cells.append("".join(current).strip(" \t"))
            current = []
        else:
            current.append(text[i])
        i += 1
    cells.append("".join(current).strip(" \t"))
    return cells


def table_row(cells: list[str]) -> str:
    """A table row of cells that are already Markdown (escaped user text or the exporter's own)."""
    return "| " + " | ".join(cells) + " |"


def is_delimiter_row(line: str) -> bool:
    """The ``|---|:---:|`` line under a table's header."""
    cells = split_row(line)
    return bool(cells) and all(re.fullmatch(r":?-{3,}:?", c) for c in cells)


def meta_line(data: dict[str, Any]) -> str:
    """The hidden first line: what the export was made with (an HTML comment renderers do not show)."""
    payload = json.dumps({"version": META_VERSION, **data}, ensure_ascii=False, separators=(",", ":"))
    # "<" and ">" as JSON escapes, so that no value can close the comment ("-->").
    return META_OPEN + payload.replace("<", "\\u003c").replace(">", "\\u003e") + META_CLOSE


def read_meta(line: str) -> dict[str, Any] | None:
    """The data of a :func:`meta_line`, or None if ``line`` is not one."""
    text = line.strip()
    if not (text.startswith(META_OPEN) and text.endswith(META_CLOSE)):
        return None
    try:
        data = json.loads(text[len(META_OPEN) : -len(META_CLOSE)])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
