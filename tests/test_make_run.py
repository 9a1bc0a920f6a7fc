"""`make run` passes ARGS on to the app, and the README says how (its quick start stays two commands)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_args_to_the_app() -> None:
    # -n: print the commands only; -o: take the venv as installed (nothing is built or run).
    done = subprocess.run(
        # --no-print-directory: run under `make test` (a make inside make), make would add directory lines.
        ["make", "-n", "--no-print-directory", "-o", ".venv/.installed", "run", "ARGS=--db /tmp/other.json --plan 2567"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    commands = done.stdout.strip().splitlines()
    assert any(line.endswith("-m tracker --db /tmp/other.json --plan 2567") for line in commands), commands


def test_readme_says_how_to_open_another_database_with_make_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    thai, english = readme.split("## English", 1)
    for part in (thai, english):
        assert 'make run ARGS="--db PATH"' in part
        # the quick start is still exactly two commands
        block = re.search(r"```sh\n(.*?)```", part, re.S)
        assert block is not None
        commands = [line for line in block.group(1).splitlines() if line.strip()]
        assert [c.split("#")[0].strip() for c in commands] == ["make run", "make test"]
