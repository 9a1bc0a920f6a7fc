"""The exported Markdown as a CommonMark/GFM renderer reads it (markdown-it-py with its table rule)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

MD = MarkdownIt("commonmark").enable("table")


@functools.lru_cache(maxsize=4)
def parsed(source: str) -> tuple[Token, ...]:
    """The tokens of ``source``, parsed once however many of the readers below look at it (a report of
    20,000-character names takes seconds to parse; its tests read its tables, headings and HTML)."""
    return tuple(MD.parse(source))


@dataclass
class Cell:
    text: str
    """The rendered text; a line break (``<br>`` or a hard break) reads as a newline."""
    kinds: set[str]
    """Kinds of inline tokens in the cell besides plain text and line breaks (strong, em, code, link, html)."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)

    def column(self, heading: str) -> int:
        return self.header.index(heading)


def inline_text(token: Token) -> Cell:
    parts: list[str] = []
    kinds: set[str] = set()
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("hardbreak", "softbreak") or (child.type == "html_inline" and child.content == "<br>"):
            parts.append("\n")
        else:
            kinds.add(child.type if child.type != "html_inline" else f"html:{child.content}")
            if child.type == "code_inline":
                parts.append(child.content)
    return Cell("".join(parts), kinds)


def tables(source: str) -> list[Table]:
    found: list[Table] = []
    in_table = in_head = False
    for token in parsed(source):
        if token.type == "table_open":
            found.append(Table([]))
            in_table = True
        elif token.type == "table_close":
            in_table = False
        elif token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "tr_open" and in_table and not in_head:
            found[-1].rows.append([])
        elif token.type == "inline" and in_table:
            cell = inline_text(token)
            if in_head:
                found[-1].header.append(cell.text)
            else:
                found[-1].rows[-1].append(cell)
    return found


def headings(source: str) -> list[tuple[int, str]]:
    """(level, text) of every heading."""
    tokens = parsed(source)
    return [
        (int(tokens[i].tag[1]), inline_text(tokens[i + 1]).text)
        for i in range(len(tokens)) if tokens[i].type == "heading_open"
    ]


def list_items(source: str) -> list[str]:
    """The text of every list item's paragraph."""
    tokens = parsed(source)
    items = []
    for i, token in enumerate(tokens):
        if token.type == "list_item_open" and tokens[i + 1].type == "paragraph_open":
            items.append(inline_text(tokens[i + 2]).text)
    return items


def html_tokens(source: str) -> list[str]:
    """Every piece of raw HTML a renderer would pass through: blocks and inline tags."""
    found = []
    for token in parsed(source):
        if token.type == "html_block":
            found.append(token.content.strip())
        for child in token.children or []:
            if child.type == "html_inline":
                found.append(child.content)
    return found
