"""The order the suite runs in: its long tests first.

``make test`` shares the tests among a few workers (pytest-xdist), each taking the next test as it
finishes one. A ten-second test taken last keeps one worker busy while the others have nothing left;
taken first, the thousands of short tests that follow even the workers out. Which tests are long is
known from ``pytest --durations``: the app's (Pilot) tests, the crash soak, the commands under a
pseudo-terminal and the documents read back. Within each group the order stays as collected.
"""

from __future__ import annotations

import pytest

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
