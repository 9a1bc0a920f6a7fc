"""Textual wraps Thai at word ends, in the widgets rich does not wrap for it.

``Content`` (Static, Label, toasts, the detail pane) wraps through rich's ``divide_line``, which
:mod:`tracker.reports.thai_wrap` already teaches Thai. ``TextArea`` with soft wrap (the project form's
long fields) wraps through ``textual._wrap.compute_wrap_offsets``, which splits a line with
``textual._wrap.chunks``, a whitespace regex: :func:`install` puts
:func:`tracker.domain.linebreak.textual_chunks` in its place. ``tests/ui/test_thai_wrap.py`` fails if
an upgrade of textual stops going through this seam.
"""

from __future__ import annotations

import textual._wrap

import tracker.reports  # noqa: F401  (rich's seam, installed on import)
from tracker.domain.linebreak import textual_chunks


def install() -> None:
    """Make textual's own wrapping break Thai lines at word boundaries (idempotent)."""
    textual._wrap.chunks = textual_chunks


def installed() -> bool:
    return textual._wrap.chunks is textual_chunks
