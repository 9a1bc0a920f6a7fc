"""The order the suite runs in: its long tests first.

``make test`` shares the tests among a few workers (pytest-xdist), each taking the next test as it
finishes one. A ten-second test taken last keeps one worker busy while the others have nothing left;
taken first, the thousands of short tests that follow even the workers out. Which tests are long is
known from ``pytest --durations``: the app's (Pilot) tests, the crash soak, the commands under a
pseudo-terminal and the documents read back. Within each group the order stays as collected.

And what an app under test (``App.run_test``, headless) draws: only what a test reads. See
:func:`_paint_unless_headless`.
"""

from __future__ import annotations

import pytest
from textual.screen import Screen

LONG_FIRST = (
    "tests/storage/test_crash_soak.py",
    "tests/test_cli_pty.py",
    "tests/reports/test_hostile_documents.py",
    "tests/ui/",
)


def _rank(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return next((i for i, start in enumerate(LONG_FIRST) if path.startswith(start)), len(LONG_FIRST))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: the order within a group is kept


_paint = Screen._compositor_refresh


def _paint_unless_headless(screen: Screen[object]) -> None:
    """Textual draws a frame (every changed widget's lines, cut and joined) up to 60 times a second, and a
    headless app then drops it unwritten: a third of the CPU of the UI tests went to frames nobody saw.
    Here a headless app keeps its layout, its widgets' state and their drawing for whoever reads the
    screen (``screen_lines``, the snapshots: each draws the whole screen itself), but skips the frames.

    Textual has no public switch for this; ``Screen._compositor_refresh`` is the step that draws a frame
    and hands it to the terminal (if an upgrade renames it, the suite stops at this file's import). Apps in
    a real terminal (the pseudo-terminal tests) draw every frame as always.
    """
    app = screen.app
    if app.is_headless and screen is app.screen and not app.is_inline:
        screen._dirty_widgets.clear()
        screen._compositor._dirty_regions.clear()
        return
    _paint(screen)


Screen._compositor_refresh = _paint_unless_headless  # type: ignore[method-assign]
