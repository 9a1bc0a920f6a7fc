"""The package run from outside a checkout, as pip or pipx install it: where its files go (issue 17).

The package alone is copied to a temporary site folder (no ``pyproject.toml``, no ``data/`` beside it)
and run from an empty folder with its own ``XDG_DATA_HOME``: the default database must be created in
the user's data folder, exports in the current folder's ``exports/``, and nothing in the package's
folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is how Linux names the data folder")


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def installed(tmp_path: Path) -> tuple[Path, dict[str, str], Path]:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tracker", site / "tracker", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "120"}
    env.pop("TRACKER_DB", None)
    work = tmp_path / "work"
    work.mkdir()
    return site, env, work


def _run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_outside_a_checkout_the_database_is_in_the_users_data_folder(
    installed: tuple[Path, dict[str, str], Path],
) -> None:
    site, env, work = installed
    package_before = _files(site)
    done = _run(env, work, "summary")
    assert done.returncode == 0, done.stderr
    assert "องค์การบริหารส่วนตำบลบางเตย" in done.stdout  # the default plan, from the package's seed
    database = Path(env["XDG_DATA_HOME"]) / "tracker" / "tracker.json"
    assert database.is_file()
    assert str(database) in done.stderr  # said where it was created, the first time
    exported = _run(env, work, "export", "--format", "md")
    assert exported.returncode == 0, exported.stderr
    assert [p.name for p in (work / "exports").iterdir()] != []  # the current folder's exports/
    assert _files(site) == package_before  # nothing written beside the package
