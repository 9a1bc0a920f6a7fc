"""Markdown escaping of user text: every string comes back from its escaped form, cells never split inside text."""

from __future__ import annotations

import random

from tracker.domain.markdown import (
    escape_cell,
    escape_paragraphs,
    meta_line,
    read_meta,
    split_row,
    table_row,
    unescape,
    unescape_paragraphs,
)
from tracker.domain.text import visible

ALPHABET = [*"\\`*_[]|#~$&<>!-+=.)( \t\n\r\x1b\u202e\u00a0", "1.", "<br>", "&amp;", "ก", "่", "👍", "a"]


def shown(value: str) -> str:
    return "\n".join("".join(visible(c) for c in line) for line in value.replace("\r\n", "\n").split("\n"))


def samples(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_a_cell_reads_back_and_stays_one_cell() -> None:
    for value in samples(2000, 1):
        cells = split_row(table_row(["x", escape_cell(value), "y"]))
        assert len(cells) == 3, value
        assert unescape(cells[1]) == shown(value), value
        assert "\n" not in escape_cell(value)


def test_paragraphs_read_back_and_start_no_block() -> None:
    for value in samples(2000, 2):
        lines = escape_paragraphs(value)
        assert unescape_paragraphs(lines) == shown(value), value
        assert not any(line.startswith(("#", "-", "+", "=", ">", "<", "|", " ", "`", "~", "*", "1.")) for line in lines)


def test_the_hidden_line_holds_any_text() -> None:
    data = {"label": "--> <!-- \n \u2028 ไทย"}
    line = meta_line(data)
    assert "-->" not in line[: -len(" -->")] and "\n" not in line
    assert read_meta(line) == {"version": 1, **data}
    assert read_meta("<!-- something else -->") is None
