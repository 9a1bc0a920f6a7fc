"""The checkout itself: what the program writes beside its files never shows up as a change to commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

WRITTEN_BY_THE_PROGRAM = [
    "data/tracker.json",
    "data/.tracker.json.lock",
    "data/.tracker.json.k3j2_x1.tmp",
    "data/backups/tracker-20261128-093000-daily.json",
    "exports/บางเตย-2567-12.md",
    "elsewhere/.office.json.lock",
    "elsewhere/.office.json.abcd.tmp",
]


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
@pytest.mark.parametrize("path", WRITTEN_BY_THE_PROGRAM)
def test_files_the_program_writes_are_ignored_by_git(path: str) -> None:
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT, capture_output=True, timeout=30
    )
    assert done.returncode == 0, f"{path} is not ignored by git"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
@pytest.mark.parametrize("path", [
    "tracker/importer/seed/default-plan.json", "tracker/importer/seed/bangtoei-2567-report-12m.txt", "data/.gitkeep",
    "exports/.gitkeep",
])
def test_the_shipped_files_are_not_ignored(path: str) -> None:
    done = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT, capture_output=True, timeout=30)
    assert done.returncode == 1, f"{path} would be ignored by git"
