"""What the commands share: the database they work on, how it is opened, the plan chosen, the console.

Commands that only read open the database read-only and take no lock; commands that write take the
writer lock, waiting up to :data:`WRITER_WAIT` seconds for another command to finish; the app takes
it for as long as it is open, or opens read-only when another program holds it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console, RenderableType
from rich.text import Text

from tracker.domain.model import Plan
from tracker.domain.thai import DigitStyle, to_arabic_digits
from tracker.paths import DATA_DIR
from tracker.reports.summary import safe_text
from tracker.storage.store import Store, StoreError, StoreLocked

DB_ENV = "TRACKER_DB"
DEFAULT_DB = DATA_DIR / "tracker.json"
WRITER_WAIT = 10.0
"""Seconds a writing command waits for another writer (a command, not the app) to finish."""
READ_ONLY_COMMANDS = frozenset({"summary", "export", "check", "plans", "history"})

ERROR = "tracker: ข้อผิดพลาด (error): "
"""How every error line of a command starts (argparse's own errors read the same)."""


class CommandError(Exception):
    """A command that cannot do what was asked; the message is the one line the user sees."""


def console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    """A console for the command line that prints data as data, and wraps Thai at word ends.

    No markup, no emoji codes and no highlighting: a string printed here is shown exactly as it is
    (``[link=…]``, ``[blink]`` or ``:warning:`` in a project's name stays text). Styles come only from
    rich ``Text`` objects built by this program, and user text in them goes through ``safe_text`` so
    that no control character reaches the terminal.
    """
    out = Console(stderr=stderr, markup=False, emoji=False, highlight=False)
    # ``soft_wrap``: a message is one line when piped (for grep and scripts); on a terminal it is
    # wrapped here, where Thai breaks at word ends, rather than cut by the terminal mid-word.
    out.soft_wrap = soft_wrap and not out.is_terminal
    return out


def print_lines(out: Console, lines: Iterable[RenderableType]) -> None:
    """Each line printed as ``out.print(line)`` prints it.

    Lines of text go to one ``print`` with a line break between them: the same bytes (rich joins what
    one ``print`` is given and wraps, crops and ends each line alike), in a third of the time of a
    ``print`` per line (issue 16: ``check`` printed the 106 lines of an office in 13 ms, now 5).
    """
    shown = list(lines)
    if shown and all(isinstance(line, Text) for line in shown):
        out.print(*shown, sep="\n")
        return
    with out:  # written out together at the end
        for line in shown:
            out.print(line)


def stdout_to_devnull() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def db_path(args: argparse.Namespace) -> Path:
    """The database: ``--db``, else ``$TRACKER_DB``, else :data:`DEFAULT_DB`."""
    if "db" in args:
        return Path(args.db)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB


def hint_db(args: argparse.Namespace) -> Path | None:
    """The database as advice to run ``tracker restore`` names it: None for the default one.

    Run as written against another database, ``tracker restore NAME`` would restore the default one.
    """
    if args.command == "rollup":
        return None  # on no one database
    path = db_path(args)
    return None if os.path.abspath(path) == os.path.abspath(DEFAULT_DB) else path


def error_text(exc: Exception, args: argparse.Namespace) -> str:
    """An error's line as the command line prints it: a damaged database's restore hint names the
    database (``tracker --db PATH restore NAME``) when it is not the default one."""
    if isinstance(exc, StoreError):
        return exc.for_command_line(hint_db(args))
    return str(exc)


def mode(args: argparse.Namespace) -> str:
    """"read" (no lock), "write" (wait for the lock) or "app" (the lock, else read-only)."""
    if args.command is None:
        return "app"
    if args.command == "check" and args.resolve:
        return "write"  # marking findings resolved is an edit of the plan
    if args.command in READ_ONLY_COMMANDS or (args.command == "backups" and args.keep is None):
        return "read"
    return "write"


def open_store(path: Path, err: Console, mode: str = "write", command: str | None = None) -> Store:
    """Open the database, creating it (and saying so) if it is missing.

    A database created by ``import`` starts empty and holds only what is imported; one created by the
    app or by any other command holds the embedded default plan.
    ``mode`` "read": read-only, no lock (a missing database is still created, once); "write": the
    writer lock, waited for; "app": the writer lock, or read-only with a warning when it is held.
    ``command`` names the holder of the lock to other programs ("tracker import").
    """
    seeded = command != "import"
    existed = os.path.lexists(path)
    if mode == "read" and existed:
        return Store.open(path, read_only=True)
    from tracker.importer.defaults import default_plan

    program = "tracker app" if mode == "app" else f"tracker {command}" if command else "tracker"
    try:
        store = Store.open(
            path,
            initial_plans=None if existed else [default_plan()] if seeded else [],
            program=program,
            wait=WRITER_WAIT if mode == "write" else 0.0,
        )
    except StoreLocked as exc:
        if mode != "app":
            raise
        err.print(safe_text(f"tracker: {exc} — เปิดแบบอ่านอย่างเดียว (opened read-only)"))
        return Store.open(path, read_only=True)
    if store.created and seeded:
        err.print(safe_text(f"สร้างฐานข้อมูลใหม่จากแผนตั้งต้น (created a new database from the default plan): {path}"))
    elif store.created:
        err.print(safe_text(f"สร้างฐานข้อมูลใหม่ (created a new database): {path}"))
    for warning in store.warnings:
        err.print(safe_text(f"tracker: {warning}"))
    return store


def select_plan(store: Store, wanted: str | None) -> Plan:
    """The plan ``--plan`` names, or the only plan; refuses ambiguity with the choices listed."""
    plans = store.list_plans()
    if not plans:
        raise CommandError(f"ฐานข้อมูล {store.path} ไม่มีแผนใดเลย: นำเข้าด้วย tracker import (no plans yet)")
    if wanted is None:
        if len(plans) == 1:
            return store.load_plan(plans[0].plan_id)
        choices = ", ".join(p.plan_id for p in plans)
        raise CommandError(f"มีหลายแผน เลือกด้วย --plan (several plans, choose one with --plan): {choices}")
    exact = [p for p in plans if p.plan_id == wanted]
    if not exact:
        key = wanted.strip()
        arabic = to_arabic_digits(key)
        exact = [
            p for p in plans
            if (arabic.isdigit() and p.fiscal_year == int(arabic)) or key in p.plan_id or key in p.organization
        ]
    if len(exact) == 1:
        return store.load_plan(exact[0].plan_id)
    if not exact:
        choices = ", ".join(p.plan_id for p in plans)
        raise CommandError(f"ไม่พบแผน {wanted!r} (no such plan); มี (there are): {choices}")
    raise CommandError(
        f"{wanted!r} ตรงกับหลายแผน (matches several plans): " + ", ".join(p.plan_id for p in exact)
    )


def chosen_plan(store: Store, args: argparse.Namespace) -> Plan:
    """The plan the command works on (``--plan``, or the only one)."""
    return select_plan(store, getattr(args, "plan", None))


def digit_style(args: argparse.Namespace, plan: Plan | None) -> DigitStyle:
    """The digits a command writes its counts and dates in: ``--digits``, else the plan's setting."""
    chosen = getattr(args, "digits", None)
    if chosen:
        return DigitStyle(chosen)
    return plan.settings.digit_style if plan is not None else DigitStyle.THAI


def store_digit_style(store: Store, args: argparse.Namespace) -> DigitStyle:
    """As :func:`digit_style`, for a command about the whole file: the plan ``--plan`` names, or the only one."""
    if getattr(args, "digits", None):
        return digit_style(args, None)
    try:
        return digit_style(args, chosen_plan(store, args))
    except (CommandError, StoreError):
        return DigitStyle.THAI
