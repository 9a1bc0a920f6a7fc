"""Where the program keeps its files: the database's folder and the exports' folder.

Run from a checkout of the project (``make run``; the folder holding the package also holds
``pyproject.toml`` and ``data/``), the database is the checkout's ``data/tracker.json`` and exports go
to its ``exports/``, side by side. Installed (``pip install`` or ``pipx install``, the package in a
site-packages folder), the database lives in the user's data folder, which an upgrade or an uninstall
leaves alone (Linux ``~/.local/share/tracker/``, Windows ``%LOCALAPPDATA%\\tracker\\``, macOS
``~/Library/Application Support/tracker/``, from ``platformdirs``), and exports go to ``exports/``
in the folder the command runs in. ``--db`` and ``$TRACKER_DB`` choose another database, ``-o``
another export file, either way.

Imports nothing of ours, so that every layer (and the command line, which loads as little as it can)
names these folders from one place.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def is_checkout(root: Path = ROOT) -> bool:
    """Whether ``root`` (the folder holding the ``tracker`` package) is a checkout of the project."""
    return (root / "pyproject.toml").is_file() and (root / "data").is_dir()


def user_data_dir() -> Path:
    """The user's own folder for the program's data, on this system (not created here)."""
    import platformdirs  # here: a checkout never needs it

    return platformdirs.user_data_path("tracker", appauthor=False, roaming=False)


CHECKOUT = is_checkout()
DATA_DIR = ROOT / "data" if CHECKOUT else user_data_dir()
"""The default database's folder (its backups go beside it, in ``backups/``)."""
EXPORTS_DIR = ROOT / "exports" if CHECKOUT else Path("exports")
"""Where exports go without ``-o``: the checkout's ``exports/``, or ``exports/`` in the current folder."""
