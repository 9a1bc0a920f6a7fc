"""Where the project keeps its files: the checkout's ``data/`` and ``exports/``, side by side.

Imports nothing of ours, so that every layer (and the command line, which loads as little as it can)
names these folders from one place.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
EXPORTS_DIR = ROOT / "exports"
