"""The command line: ``tracker`` opens the app; the other commands work in the shell.

Every error is one line on stderr and a non-zero exit: 1 when the work could not be done (a damaged
database, an unreadable report, a database another program is editing), 2 when the command itself
is wrong.

Commands that only read (summary, export, check, plans, history, backups, rollup) open the database
read-only and take no lock, so they work while the app is open; rollup reads many databases that
way, one at a time (a province's or the country's offices). Commands that write (import,
restore, backups --keep) take the writer lock, waiting up to :data:`tracker.cli.shared.WRITER_WAIT`
seconds for another command to finish; the app takes it for as long as it is open, or opens
read-only when another program holds it.

The package: :mod:`~tracker.cli.parser` (the arguments, built from shared parent parsers),
:mod:`~tracker.cli.bilingual` (argparse's own words in Thai), :mod:`~tracker.cli.shared` (the
database, the plan chosen, the console), and a handler per command in ``plan_commands`` (summary,
check, history, the app), ``export_command``, ``import_command``, ``backup_commands`` (backups,
restore) and ``overview_commands`` (plans, rollup). The text they print is built in
:mod:`tracker.reports`. Each command imports what it uses, in its handler: ``tracker summary`` loads
neither the importer, the Word and PDF writers, the rules nor the roll-up; ``tracker check`` the rules
and their text but no table and no export; ``export --format md`` no other writer (tests/test_cli.py
checks each: issue 16 measures their start against a bare ``import rich.table, tinydb``).
"""

from __future__ import annotations

import argparse
import gc
import sys

from rich.console import Console

from tracker.cli.parser import DEFAULT_FORMAT, build_parser
from tracker.cli.shared import (
    ERROR,
    CommandError,
    console,
    db_path,
    error_text,
    mode,
    open_store,
    stdout_to_devnull,
)
from tracker.paths import DATA_DIR, EXPORTS_DIR
from tracker.reports.summary import safe_text
from tracker.storage.backups import BackupError
from tracker.storage.store import Store, StoreError

__all__ = ["DATA_DIR", "DEFAULT_FORMAT", "ERROR", "EXPORTS_DIR", "build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    utf8_when_redirected()
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader gone by now is met here, not in Python's flush at exit
        return code
    except BrokenPipeError:
        # The reader went away (``tracker history | head``): nothing more can be shown, and Python's
        # own flush of stdout at exit must not fail again with a traceback.
        stdout_to_devnull()
        return 1


def utf8_when_redirected(windows: bool = sys.platform == "win32") -> None:
    """On Windows, output sent to a file or a pipe is written in UTF-8.

    There Python writes a redirected stream in the ANSI code page (cp874 on a Thai Windows). It holds
    Thai but not the lines of a table, ✓ or ␛, so ``tracker summary > สรุป.txt`` would stop with an
    encoding error halfway. A console window is written in UTF-16 whatever the stream's encoding says,
    and is left alone. Elsewhere the locale's encoding is the user's own choice and is kept.
    """
    if not windows:
        return
    import codecs
    import io

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")


ONE_SHOT_GC_THRESHOLD = 100_000
"""Objects allocated between two of the collector's young passes in a command (Python's default: 700).

A command reads a whole database into some million objects that live until it ends; with the default,
the collector goes through them again and again as they are made (about 10% of ``check`` on a plan of
10,000 projects). Cycles are still collected, only less often. The app keeps the default: its
collections are short pauses between key presses."""


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _main_with(args)
    kept = gc.get_threshold()
    gc.set_threshold(ONE_SHOT_GC_THRESHOLD, *kept[1:])
    try:
        return _main_with(args)
    finally:
        gc.set_threshold(*kept)  # main() called in a process that goes on (tests) leaves it as it was


def _main_with(args: argparse.Namespace) -> int:
    err = console(stderr=True, soft_wrap=True)
    try:
        if (code := _without_store(args, err)) is not None:
            return code
        try:
            store = open_store(db_path(args), err, mode(args), args.command)
        except StoreError as exc:
            err.print(safe_text(f"{ERROR}{error_text(exc, args)}"))
            return 2 if args.command == "check" else 1
        try:
            shown = len(store.warnings)
            code = _run(store, args)
            # What went wrong on the way without stopping the work (a daily backup that failed).
            for warning in store.warnings[shown:]:
                err.print(safe_text(f"tracker: {warning}"))
            return code
        except (StoreError, BackupError, CommandError) as exc:
            if args.command != "check":
                raise
            err.print(safe_text(f"{ERROR}{error_text(exc, args)}"))
            return 2
        finally:
            store.close()
    except (StoreError, BackupError, CommandError) as exc:
        err.print(safe_text(f"{ERROR}{error_text(exc, args)}"))
        return 1
    except KeyboardInterrupt:
        return 130


def _without_store(args: argparse.Namespace, err: Console) -> int | None:
    """What is done before the database is opened (or instead): the exit code when that is all, else None."""
    if args.command == "import":
        from tracker.cli.import_command import check_not_empty, read_import, run_import

        # The report is read and checked first: a report that cannot be imported creates nothing.
        args.imported = read_import(args)
        check_not_empty(args, args.imported.plan)
        if args.dry_run:
            return run_import(args, None, args.imported)
    if args.command == "export":
        from tracker.cli.export_command import export_refusal

        if (refusal := export_refusal(args)) is not None:
            raise CommandError(refusal)  # before any database is opened or created
    if args.command == "restore":
        from tracker.cli.backup_commands import restore

        return restore(db_path(args), args)
    if args.command == "rollup":
        from tracker.cli.overview_commands import rollup

        return rollup(args, err)
    return None


def _run(store: Store, args: argparse.Namespace) -> int:
    """The command itself, on an open store."""
    if args.command is None:
        from tracker.cli.plan_commands import run_app

        return run_app(store, args)
    if args.command in ("summary", "check", "history"):
        from tracker.cli import plan_commands

        handler = {"summary": plan_commands.summary, "check": plan_commands.check,
                   "history": plan_commands.history}[args.command]
        return handler(store, args)
    if args.command == "export":
        from tracker.cli.export_command import export

        return export(store, args)
    if args.command == "import":
        from tracker.cli.import_command import run_import

        return run_import(args, store, args.imported)
    if args.command == "plans":
        from tracker.cli.overview_commands import plans

        return plans(store, args)
    if args.command == "backups":
        from tracker.cli.backup_commands import backups

        return backups(store, args)
    return 2  # pragma: no cover - argparse refuses unknown commands
