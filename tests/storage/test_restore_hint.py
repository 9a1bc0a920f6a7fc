"""The restore hint of a damaged database: which backup to restore, rendered for the app and for the
command line (naming the database with ``--db`` when it is not the default one)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tracker.storage.backups import BackupReason, make_backup
from tracker.storage.store import RestoreHint, Store, StoreError, restore_command

from .plans import thai_plan


def damaged(tmp_path: Path, *, backup: bool) -> tuple[Path, str | None]:
    """A database in a folder whose name needs quoting, cut short after (perhaps) a backup."""
    db = tmp_path / "แผน ปี 68" / "tracker.json"
    Store.open(db, initial_plans=[thai_plan()]).close()
    name = make_backup(db, BackupReason.MANUAL).name if backup else None
    db.write_bytes(db.read_bytes()[:-40])
    return db, name


def refusal(db: Path) -> StoreError:
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    return caught.value


def test_the_hint_names_the_latest_backup(tmp_path: Path) -> None:
    db, name = damaged(tmp_path, backup=True)
    error = refusal(db)
    assert error.restore_hint == RestoreHint(database=db, folder=db.parent / "backups", latest=name)
    assert error.restorable
    assert str(error) == f"{error.problem} {error.restore_hint.for_app()}"
    assert f"กู้คืนด้วย: tracker restore {name} (latest backup: {name}; " in str(error)
    assert str(error).endswith(f"restore it with: tracker restore {name})")


def test_the_command_line_names_the_database(tmp_path: Path) -> None:
    db, name = damaged(tmp_path, backup=True)
    error = refusal(db)
    command = f"tracker --db {shlex.quote(str(db))} restore {name}"
    assert restore_command(str(name), db) == command
    assert error.for_command_line(db).count(command) == 2  # in the Thai and in the English
    # The same text the command line made by replacing words in the message.
    assert error.for_command_line(db) == str(error).replace(
        "tracker restore ", f"tracker --db {shlex.quote(str(db))} restore "
    )
    assert error.for_command_line() == str(error)  # the default database: no --db


@pytest.mark.parametrize("backups", ["none", "all damaged"])
def test_without_a_backup_to_restore_no_command_is_named(tmp_path: Path, backups: str) -> None:
    db, _ = damaged(tmp_path, backup=False)
    folder = db.parent / "backups"
    if backups == "all damaged":
        folder.mkdir()
        (folder / "tracker-20260101-120000-daily.json").write_bytes(b"{")
    error = refusal(db)
    assert error.restore_hint is not None and error.restore_hint.latest is None
    assert error.restore_hint.damaged_only == (backups == "all damaged")
    expected = (
        f"every backup in {folder} is damaged too" if backups == "all damaged" else f"no backup in {folder}"
    )
    assert expected in str(error)
    assert error.for_command_line(db) == str(error)
    assert "tracker" not in error.restore_hint.for_command_line(db)


def test_other_errors_carry_no_hint(tmp_path: Path) -> None:
    error = refusal(tmp_path)  # a folder, not a file
    assert error.restore_hint is None and not error.restorable
    assert error.for_command_line(tmp_path / "x.json") == str(error) == error.problem
