"""The commands over many plans: ``tracker plans`` (those of a database) and ``tracker rollup`` (of many)."""

from __future__ import annotations

import argparse
import os

from rich.console import Console

from tracker.cli.shared import ERROR, console, print_lines
from tracker.domain.model import Round
from tracker.domain.thai import DigitStyle, with_digits
from tracker.reports.summary import safe_text
from tracker.storage.store import Store


def plans(store: Store, args: argparse.Namespace) -> int:
    from tracker.reports.cli_text import plans_lines

    # Each plan in its own digit setting, unless --digits.
    print_lines(console(), plans_lines(store.list_plans(), DigitStyle(args.digits) if args.digits else None))
    return 0


def rollup(args: argparse.Namespace, err: Console) -> int:
    """Roll many databases up into one table; exit 1 when some file could not be read."""
    from tracker.reports.cli_text import json_text
    from tracker.reports.rollup import (
        find_databases,
        rollup_json,
        rollup_renderable,
        write_rollup_csv,
    )
    from tracker.reports.rollup import rollup as roll_up

    for given in args.paths:
        if not os.path.exists(given):
            err.print(safe_text(f"{ERROR}ไม่พบโฟลเดอร์หรือไฟล์ (no such folder or file): {given}"))
            return 2
    if args.csv is not None and args.csv.is_dir():
        err.print(safe_text(
            f"{ERROR}{args.csv} เป็นโฟลเดอร์ ไม่ใช่ไฟล์: ระบุชื่อไฟล์ CSV (is a folder; give a file name)"
        ))
        return 2
    files, unsearched = find_databases(args.paths)
    if not files and not unsearched:
        shown = ", ".join(str(p) for p in args.paths)
        err.print(safe_text(
            f"{ERROR}ไม่พบไฟล์ฐานข้อมูล (*.json) ใน {shown} (no database files found)"
        ))
        return 1
    result = roll_up(files, fiscal_year=args.year, round_=Round(args.round) if args.round else None)
    result = result.with_problems(unsearched)
    digits = DigitStyle(args.digits)

    def n(value: int) -> str:
        return with_digits(f"{value:,}", digits)

    if not result.files and not result.problems:
        # Only JSON that is no database (a plan file, another program's): nothing to roll up.
        for skipped in result.skipped:
            err.print(safe_text(f"- {skipped.line}"))
        shown = ", ".join(str(p) for p in args.paths)
        err.print(safe_text(
            f"{ERROR}ไม่พบไฟล์ฐานข้อมูลใน {shown} ข้าม {n(len(result.skipped))} ไฟล์ที่ไม่ใช่ฐานข้อมูล "
            f"(no database files found; JSON files skipped as not databases: {len(result.skipped)})"
        ))
        return 1
    if args.json:
        print(json_text(rollup_json(result)))
    else:
        out = console()
        out.print(rollup_renderable(result, digits, out.width))
    if args.csv is not None:
        path = write_rollup_csv(result, args.csv)
        # With --json, stdout holds the JSON alone.
        console(stderr=args.json, soft_wrap=True).print(
            safe_text(f"เขียนไฟล์ CSV แล้ว (wrote the CSV): {path}")
        )
    if result.problems:
        where = 'under "problems"' if args.json else "above"
        err.print(safe_text(
            f"{ERROR}อ่านไม่ได้ {n(len(result.problems))} รายการ (อ่านได้ {n(result.files_read)} จาก "
            f"{n(result.files)} ไฟล์) รายการอื่นแสดงครบแล้ว ({len(result.problems)} could not be read, "
            f"listed {where}; the rest is shown)"
        ))
        return 1
    return 0
