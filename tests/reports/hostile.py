"""User text that would break a table, format a report, run in a terminal or a spreadsheet if it were markup.

The corpus lives in :mod:`tests.hostile_corpus` (shared with the app's and the command line's tests);
``HOSTILE`` is all of its text values.
"""

from __future__ import annotations

from tests.hostile_corpus import HOSTILE_TEXT, shown

HOSTILE: dict[str, str] = HOSTILE_TEXT

__all__ = ["HOSTILE", "shown"]
