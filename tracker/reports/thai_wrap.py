"""Rich wraps Thai at word ends: its word splitter is given the dictionary's break points.

``rich._wrap.divide_line`` (behind every wrapped ``Text``: table cells, paragraphs, and textual's
``Content``) finds the words of a line with ``rich._wrap.words``, a whitespace regex, so a run of
Thai without spaces is one "word" that gets chopped at the edge of the column, inside a word.
:func:`install` puts :func:`tracker.domain.linebreak.rich_words` in its place: the same pieces for
text without Thai, and Thai cut where its words end. A cell too narrow for its text that ends in "…"
(``Text.truncate``) is cut after a whole word too. ``tests/reports/test_thai_wrap.py`` fails if an
upgrade of rich stops going through this seam.
"""

from __future__ import annotations

from typing import Any

import rich._wrap
from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from tracker.domain.linebreak import cut_to_width, has_thai, rich_words

_RICH_TRUNCATE = Text.truncate


def _truncate(self: Text, max_width: int, *, overflow: Any = None, pad: bool = False) -> None:
    """``Text.truncate``, but a Thai text cut with "…" ends after a whole word ("ทั้งหมด", not "ทั้งห…")."""
    method = overflow or self.overflow or "fold"
    if method == "ellipsis" and max_width > 1 and has_thai(self.plain) and cell_len(self.plain) > max_width:
        self.plain = cut_to_width(self.plain, max_width, get_character_cell_size)
        if pad and cell_len(self.plain) < max_width:
            self.pad_right(max_width - cell_len(self.plain))
        return
    _RICH_TRUNCATE(self, max_width, overflow=overflow, pad=pad)


def install() -> None:
    """Make rich break Thai lines, and cut Thai with "…", at word boundaries (idempotent)."""
    rich._wrap.words = rich_words
    Text.truncate = _truncate  # type: ignore[method-assign]


def installed() -> bool:
    return rich._wrap.words is rich_words and Text.truncate is _truncate
