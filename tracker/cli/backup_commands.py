"""``tracker backups`` (list them; ``--keep N`` prunes) and ``tracker restore`` (bring one back)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tracker.cli import shared
from tracker.cli.shared import console, hint_db, print_lines, store_digit_style
from tracker.storage.backups import backup_dir, list_backups
from tracker.storage.store import Store


def backups(store: Store, args: argparse.Namespace) -> int:
    from tracker.reports.cli_text import backups_lines, keep_line

    out = console(soft_wrap=True)
    style = store_digit_style(store, args)
    real = Path(os.path.realpath(store.path))
    if args.keep is not None:
        before = {b.path for b in list_backups(real)}
        # The store prunes to the new number at once (so that the list below already shows what is
        # kept); what it removed is what was there before and is gone now.
        store.set_backup_keep(args.keep)
        removed = before - {b.path for b in list_backups(real)}
        out.print(keep_line(args.keep, len(removed), style))
    found = list_backups(real)
    print_lines(out, backups_lines(found, backup_dir(real), store.backup_keep, style, hint_db(args)))
    return 0


def restore(path: Path, args: argparse.Namespace) -> int:
    """Replace the database with a backup (the file as it was kept first), waiting for other writers."""
    from tracker.reports.cli_text import restore_lines

    chosen, safety = Store.restore(path, args.backup, wait=shared.WRITER_WAIT)
    print_lines(console(soft_wrap=True), restore_lines(chosen, path, safety, hint_db(args)))
    return 0
