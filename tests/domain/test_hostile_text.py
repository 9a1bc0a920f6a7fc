"""The helpers that show user text safely, over the whole hostile corpus."""

from __future__ import annotations

import pytest

from tests.hostile_corpus import HOSTILE_TEXT, unsafe_characters
from tracker.domain.text import safe_block, safe_chars, safe_line

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The controls that reorder or hide text (shown escaped, like the control characters)."""
CASES = pytest.mark.parametrize("value", list(HOSTILE_TEXT.values()), ids=list(HOSTILE_TEXT))


@CASES
def test_safe_chars_keeps_the_length_and_leaves_no_control_but_tab(value: str) -> None:
    shown = safe_chars(value)
    assert len(shown) == len(value)  # one for one: a widget's cursor still lands on the right character
    assert [c for c in unsafe_characters(shown) if c != "0x9"] == []
    assert "\n" not in shown and "\u202e" not in shown
    changed = [a for a, b in zip(value, shown, strict=True) if a != b]
    assert changed == [c for c in value if c != "\t" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in BIDI)]


@CASES
def test_safe_line_and_safe_block_leave_no_control_character(value: str) -> None:
    assert unsafe_characters(safe_line(value)) == []
    assert "\n" not in safe_line(value)
    assert unsafe_characters(safe_block(value)) == []
