"""Rich wraps Thai at word ends: its word splitter is given the dictionary's break points.

``rich._wrap.divide_line`` (behind every wrapped ``Text``: table cells, paragraphs, and textual's
``Content``) finds the words of a line with ``rich._wrap.words``, a whitespace regex, so a run of
Thai without spaces is one "word" that gets chopped at the edge of the column, inside a word.
:func:`install` puts :func:`tracker.domain.linebreak.rich_words` in its place: the same pieces for
text without Thai, and Thai cut where its words end. ``tests/reports/test_thai_wrap.py`` fails if an
upgrade of rich stops going through this seam.
"""

from __future__ import annotations

import rich._wrap

from tracker.domain.linebreak import rich_words


def install() -> None:
    """Make rich break Thai lines at word boundaries (idempotent)."""
    rich._wrap.words = rich_words


def installed() -> bool:
    return rich._wrap.words is rich_words
