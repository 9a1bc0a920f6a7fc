"""The command line: ``tracker`` opens the app; the other commands work in the shell.

Every error is one line on stderr and a non-zero exit: 1 when the work could not be done (a damaged
database, an unreadable report, a database another program is editing), 2 when the command itself
is wrong.

Commands that only read (summary, export, check, plans, history, backups, rollup) open the database
read-only and take no lock, so they work while the app is open; rollup reads many databases that
way, one at a time (a province's or the country's offices). Commands that write (import,
restore, backups --keep) take the writer lock, waiting up to :data:`WRITER_WAIT` seconds for another
command to finish; the app takes it for as long as it is open, or opens read-only when another
program holds it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from tracker.cli_help import BilingualParser
from tracker.domain.figures import compute
from tracker.domain.findings import IMPORT_FAMILY, Finding, Severity
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, Round, plan_to_dict
from tracker.domain.text import bare
from tracker.domain.thai import (
    DigitStyle,
    format_baht,
    format_percent,
    to_arabic_digits,
    typed_digits,
    with_digits,
)
from tracker.paths import DATA_DIR, EXPORTS_DIR
from tracker.reports.summary import safe_text, summary_renderable
from tracker.storage.backups import BackupError, BackupReason, backup_dir, list_backups
from tracker.storage.backups import describe as describe_backup
from tracker.storage.store import Store, StoreError, StoreLocked

if TYPE_CHECKING:
    from tracker.importer.report_text import ImportResult

# Each command imports what it uses, in its handler: ``tracker summary`` loads neither the importer,
# the Word and PDF writers, the rules nor the roll-up (a test checks it).
DB_ENV = "TRACKER_DB"
DEFAULT_DB = DATA_DIR / "tracker.json"
WRITER_WAIT = 10.0
"""Seconds a writing command waits for another writer (a command, not the app) to finish."""
READ_ONLY_COMMANDS = frozenset({"summary", "export", "check", "plans", "history"})


def _console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    """A console for the command line that prints data as data, and wraps Thai at word ends.

    No markup, no emoji codes and no highlighting: a string printed here is shown exactly as it is
    (``[link=…]``, ``[blink]`` or ``:warning:`` in a project's name stays text). Styles come only from
    rich ``Text`` objects built by this program, and user text in them goes through ``safe_text`` so
    that no control character reaches the terminal.
    """
    console = Console(stderr=stderr, markup=False, emoji=False, highlight=False)
    # ``soft_wrap``: a message is one line when piped (for grep and scripts); on a terminal it is
    # wrapped here, where Thai breaks at word ends, rather than cut by the terminal mid-word.
    console.soft_wrap = soft_wrap and not console.is_terminal
    return console


ERROR = "tracker: ข้อผิดพลาด (error): "
"""How every error line of a command starts (argparse's own errors read the same)."""


class CommandError(Exception):
    """A command that cannot do what was asked; the message is the one line the user sees."""


def _whole_number(text: str) -> int | None:
    """``text`` as a whole number written with Arabic or Thai digits only; None for anything else."""
    digits = to_arabic_digits(text.strip())
    return int(digits) if digits.isascii() and digits.isdigit() else None


def _project_number(text: str) -> int:
    number = _whole_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(
            f"ต้องเป็นเลขลำดับโครงการ (a project number): {text!r}"
        )
    return number


def _keep_count(text: str) -> int:
    number = _whole_number(text)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(
            f"ต้องเป็นจำนวนเต็มตั้งแต่ ๑ ขึ้นไป (keep at least one backup: a whole number from 1): {text!r}"
        )
    return number


FIRST_YEAR, LAST_YEAR = 2400, 2799
"""Fiscal years the roll-up accepts: Buddhist-era years (a Christian-era 2024 is refused, not silently empty)."""


def _fiscal_year(text: str) -> int:
    number = _whole_number(text)
    if number is None or not FIRST_YEAR <= number <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2567 (a Buddhist-era fiscal year, e.g. 2567): {text!r}"
        )
    return number


class _Parser(BilingualParser):
    """The command line's parser: help and errors in Thai with English beside them (tracker.cli_help)."""


ROUND_HELP = "รอบการรายงาน ถ้าไม่ระบุใช้รอบของแผน (the round; default: the plan's)"
DIGITS_HELP = "เลขไทยหรือเลขอารบิก ถ้าไม่ระบุใช้ตามที่ตั้งไว้ในแผน (Thai or Arabic digits; default: the plan's setting)"
PATH = "ไฟล์(PATH)"


class _ExportFormats:
    """``export --format``'s choices, the formats of tracker.reports.export, read only when argparse
    needs them (checking ``export``'s argument, or its help), so that other commands do not load them."""

    @staticmethod
    def _values() -> list[str]:
        from tracker.reports.export import ExportFormat

        return [f.value for f in ExportFormat]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())

    def __contains__(self, value: object) -> bool:
        return value in self._values()


DEFAULT_FORMAT = "md"
"""ExportFormat.MARKDOWN's value (a test checks it)."""


def build_parser() -> argparse.ArgumentParser:
    # Every text is Thai first with its English in parentheses, like the commands' messages.
    # Metavars are Thai with the English placeholder beside them, so that the usage reads in both.
    common = _Parser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, metavar=PATH,
        help=f"ไฟล์ฐานข้อมูล ถ้าไม่ระบุใช้ ${DB_ENV} หรือ {DEFAULT_DB}"
        f" (the database file; default: ${DB_ENV}, else {DEFAULT_DB})",
    )
    common.add_argument(
        "--plan", default=argparse.SUPPRESS, metavar="แผน(PLAN)",
        help="แผนที่ต้องการ เมื่อฐานข้อมูลมีหลายแผน: รหัสแผน ปีงบประมาณ หรือบางส่วนของชื่อ"
        " (which plan, where the database holds several: its id, fiscal year or part of its name)",
    )
    # The options several commands share, each declared once (argparse lists a parent's options first).
    rounds = _Parser(add_help=False)
    rounds.add_argument("--round", type=int, choices=(6, 12), help=ROUND_HELP)
    digits = _Parser(add_help=False)
    digits.add_argument("--digits", choices=[s.value for s in DigitStyle], help=DIGITS_HELP)
    parser = _Parser(
        prog="tracker",
        description="แผนปฏิบัติการป้องกันการทุจริต: เก็บแผน บันทึกผล ดูสถานะ ถ้าไม่ระบุคำสั่งจะเปิดโปรแกรม"
        " (the anti-corruption action plan: keep the plan, record results, review the status. "
        "With no command, opens the app.)",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="คำสั่ง(COMMAND)", parser_class=_Parser)

    sub.add_parser(
        "summary", parents=[common, rounds, digits], help="พิมพ์สรุปของแผน (print the summary of a plan)",
        description="พิมพ์ตารางส่วนที่ ๒ จำนวนโครงการ ยอดรวม ร้อยละ ธง และระดับ"
        " (print part 2's table, counts, totals, score, flag and level)",
    )

    exp = sub.add_parser(
        "export", parents=[common, rounds, digits],
        help="ส่งออกรายงานเป็น Word PDF Markdown ข้อความ หรือ CSV"
        " (export the report as Word, PDF, Markdown, plain text or CSV)",
        description="เขียนรายงานผลการดำเนินงานของแผน: Word (docx) และ PDF ตามแบบรายงานราชการ"
        " (ขนาด A4 ปก คำนำ สารบัญ ตารางส่วนที่ ๒ และ ๓ บนหน้าแนวนอน ช่องลงนาม) Markdown ทีละส่วนเหมือนรายงานที่เผยแพร่"
        " ข้อความธรรมดาสำหรับหน้าจอหรืออีเมล หรือ CSV (ทุกโครงการทั้งสองรอบ) สำหรับโปรแกรมตารางคำนวณ"
        " (write the performance report of a plan: Word and PDF in the official layout, A4 with cover,"
        " foreword, contents, parts 2 and 3 on landscape pages and the signatures; Markdown section by"
        " section like the published report; plain text for a terminal or e-mail; or CSV, every project"
        " in both rounds, for a spreadsheet)",
    )
    formats = exp.add_argument("--format", default=DEFAULT_FORMAT,
                               help="รูปแบบ docx/pdf/md/txt/csv ถ้าไม่ระบุใช้ md (docx, pdf, md, txt or csv; default: md)")
    formats.choices = _ExportFormats()  # after add_argument, which would list them at once (to check the usage)
    exp.add_argument("-o", "--output", type=Path, metavar=PATH,
                     help=f"ไฟล์ที่จะเขียน ถ้าไม่ระบุใช้ {EXPORTS_DIR}/<องค์กร>-<ปีงบประมาณ>-<รอบ>.<รูปแบบ>"
                     f" (the file to write; default: {EXPORTS_DIR}/<organization>-<fiscal year>-<round>.<format>)")
    exp.add_argument("--history", action="store_true",
                     help="แนบบันทึกการเปลี่ยนแปลงเป็นภาคผนวกของ Markdown และข้อความ"
                     " (add the change log as an appendix, Markdown and plain text)")

    imp = sub.add_parser(
        "import", parents=[common, digits],
        help="นำเข้ารายงานที่เขียนแบบรายงานตั้งต้น หรือรายงานที่ส่งออกไว้ (import a report written like the seed,"
        " or an export)",
        description="อ่านรายงานผลการดำเนินงานเข้าเป็นแผน: ข้อความที่มีตารางคั่นด้วยแท็บแบบรายงานตั้งต้น"
        " หรือรายงาน Markdown ที่ส่งออกด้วย tracker export (*.md)"
        " (read a performance report into a plan: text with tab-separated tables like the seed, "
        "or a Markdown report exported by tracker export, *.md)",
    )
    imp.add_argument("path", type=Path, metavar=PATH,
                     help="ไฟล์รายงาน: ข้อความ หรือ Markdown *.md (the report's file: text, or Markdown *.md)")
    imp.add_argument("--json", action="store_true",
                     help="พิมพ์สิ่งที่นำเข้าและข้อสังเกตเป็น JSON (print what was imported and the findings as JSON)")
    imp.add_argument("--replace", action="store_true",
                     help="แทนที่แผนขององค์กรและปีเดียวกัน (replace a plan of the same organization and year)")
    imp.add_argument("--dry-run", action="store_true",
                     help="อ่านและรายงานผล แต่ไม่บันทึก (read and report, but save nothing)")
    imp.add_argument("--force", action="store_true",
                     help="นำเข้ารายงานที่ไม่มีโครงการ หรือแทนที่แม้โครงการของแผนจะหายไปเกินครึ่ง"
                     " (import a report with no projects, or replace even when more than half of the "
                     "plan's projects would be removed)")

    sub.add_parser("plans", parents=[common, digits],
                   help="แสดงรายชื่อแผนในฐานข้อมูล (list the plans in the database)",
                   description="แสดงรายชื่อแผนในฐานข้อมูล (list the plans in the database)")

    check = sub.add_parser(
        "check", parents=[common, rounds, digits],
        help="ตรวจหาข้อผิดพลาดในแผนก่อนเผยแพร่ (find mistakes in a plan before it is published)",
        description="ตรวจแผนด้วยกฎความสอดคล้องทุกข้อ รหัสออก 0: ไม่มีข้อผิดพลาด; 1: พบข้อผิดพลาด; 2: ตรวจไม่ได้"
        " (run every consistency rule over a plan. Exit 0: no errors; 1: errors found; 2: could not run)",
    )
    check.add_argument("--json", action="store_true", help="ข้อสังเกตเป็น JSON (the findings as JSON)")
    check.add_argument("--resolve", action="append", metavar="รหัส(ID)", default=[],
                       help="ทำเครื่องหมายว่าข้อสังเกตจากการนำเข้าแก้แล้ว: รหัสของข้อสังเกต เช่น i3 หรือ all"
                       " สำหรับทุกข้อ ระบุได้หลายครั้ง (mark a finding of the import resolved: its id, e.g. i3,"
                       " or 'all' for every one; may be given more than once)")

    hist = sub.add_parser(
        "history", parents=[common, digits],
        help="พิมพ์ว่าใครเปลี่ยนอะไร เมื่อใด (print who changed what, and when)",
        description="พิมพ์การเปลี่ยนแปลงที่บันทึกไว้ของแผน: ทุกช่อง ค่าเดิมและค่าใหม่ ใคร เมื่อใด เรียงจากเก่าไปใหม่"
        " (print the recorded changes of a plan: every field, old and new value, who, when; oldest first)",
    )
    hist.add_argument("--project", metavar="ลำดับ(N)", type=_project_number,
                      help="เฉพาะโครงการลำดับนี้ (only the project with this number)")
    hist.add_argument("--json", action="store_true", help="การเปลี่ยนแปลงเป็น JSON (the changes as JSON)")
    hist.add_argument("--all", action="store_true",
                      help="การเปลี่ยนแปลงของทุกแผน และของไฟล์เอง คือการกู้คืน"
                      " (every plan's changes and the file's own: restores)")

    backups = sub.add_parser(
        "backups", parents=[common, digits],
        help="แสดงรายการสำเนาสำรองของฐานข้อมูล (list the backups of the database)",
        description="แสดงสำเนาสำรองในโฟลเดอร์ backups ข้างฐานข้อมูล ใหม่สุดก่อน สำเนาทำขึ้นก่อนการบันทึกครั้งแรก"
        "ของวัน ก่อนปรับรุ่นไฟล์ และก่อนกู้คืน"
        " (list the backups kept in the backups folder next to the database, newest first. One is made "
        "before the day's first save, before a file upgrade and before a restore.)",
    )
    backups.add_argument("--keep", type=_keep_count, metavar="จำนวน(N)",
                         help="เก็บไว้เฉพาะสำเนาใหม่สุด N ชุด ชุดที่เก่ากว่าจะถูกลบทั้งตอนนี้และต่อจากนี้"
                         " (keep only the newest N backups; older ones are removed now and from now on)")

    restore = sub.add_parser(
        "restore", parents=[common],
        help="นำสำเนาสำรองกลับมาใช้ โดยสำรองไฟล์ปัจจุบันไว้ก่อน (bring back a backup; the current file is"
        " backed up first)",
        description="แทนที่ฐานข้อมูลด้วยสำเนาสำรองชุดหนึ่งตามที่ tracker backups แสดง ฐานข้อมูลในสภาพปัจจุบัน"
        "จะถูกสำรองไว้ก่อน จึงย้อนการกู้คืนได้"
        " (replace the database with one of its backups, as listed by tracker backups. The database as "
        "it is now is backed up first, so a restore can itself be undone.)",
    )
    restore.add_argument("backup", metavar="สำเนา(BACKUP)",
                         help="ชื่อไฟล์สำเนาสำรอง หรือที่อยู่ของไฟล์ (the backup's file name, or a path to it)")

    roll = sub.add_parser(
        "rollup",
        help="ตารางเดียวของฐานข้อมูลหลายสำนักงาน เช่น ทั้งจังหวัด ทั้งประเทศ (one table of many offices'"
        " databases: a province, the country)",
        description="อ่านไฟล์ฐานข้อมูลหลายไฟล์แบบอ่านอย่างเดียวทีละไฟล์ แล้วพิมพ์แผนละหนึ่งแถว (จำนวนตามสถานะ"
        " ร้อยละ ธง ระดับ งบประมาณ การเบิกจ่าย) พร้อมยอดรวมของแต่ละปีงบประมาณ (ไม่รวมหรือเฉลี่ยข้ามปี)"
        " ในโฟลเดอร์จะค้นไฟล์ *.json (ข้ามโฟลเดอร์ backups และไฟล์ซ่อน) ไฟล์ JSON ที่ไม่ใช่ฐานข้อมูล"
        " (เช่น ไฟล์แผน default-plan.json หรือไฟล์ของโปรแกรมอื่น) จะถูกข้ามพร้อมหมายเหตุ"
        " รหัสออก 0: อ่านได้ทุกฐานข้อมูล; 1: บางไฟล์อ่านไม่ได้ (ไฟล์อื่นยังแสดง) หรือไม่พบฐานข้อมูล;"
        " 2: ระบุคำสั่งผิด"
        " (read many database files read-only, one at a time, and print one row per plan "
        "(counts per status, score, flag, level, budget, disbursed) with the totals of each fiscal year "
        "(years are never added up or averaged together). A folder is searched for *.json files (backups "
        "folders and hidden files skipped); JSON that is no database at all (a plan file such as "
        "default-plan.json, another program's file) is skipped with a note. Exit 0: every database was "
        "read; 1: some could not be (the others are still shown), or no database was found; 2: wrong "
        "arguments.)",
    )
    roll.add_argument("paths", nargs="+", type=Path, metavar="ที่อยู่(PATH)",
                      help="โฟลเดอร์ของฐานข้อมูลสำนักงานต่าง ๆ (ค้นทุกโฟลเดอร์ย่อย) หรือไฟล์ฐานข้อมูล"
                      " (a folder of office databases, searched recursively, or a database file)")
    roll.add_argument("--year", type=_fiscal_year, metavar="ปี(YYYY)",
                      help="เฉพาะแผนของปีงบประมาณนี้ พ.ศ. ถ้าไม่ระบุใช้ทุกแผนโดยรวมยอดแยกตามปี"
                      " (only plans of this fiscal year, Buddhist era; default: every plan, totalled per year)")
    roll.add_argument("--round", type=int, choices=(6, 12),
                      help="รอบการรายงาน ถ้าไม่ระบุใช้รอบของแต่ละแผน (the round; default: each plan's)")
    roll.add_argument("--csv", type=Path, metavar=PATH,
                      help="เขียนแถวและปัญหาเป็น CSV ด้วย (UTF-8 มี BOM สำหรับ Excel)"
                      " (also write the rows and problems as CSV: UTF-8 with BOM, for Excel)")
    roll.add_argument("--json", action="store_true",
                      help="พิมพ์แถว ปัญหา และยอดรวมเป็น JSON (print the rows, problems and totals as JSON)")
    roll.add_argument("--digits", choices=[s.value for s in DigitStyle], default=DigitStyle.THAI.value,
                      help="เลขไทยหรือเลขอารบิก ถ้าไม่ระบุใช้เลขไทย (Thai or Arabic digits; default: thai)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # a reader gone by now is met here, not in Python's flush at exit
        return code
    except BrokenPipeError:
        # The reader went away (``tracker history | head``): nothing more can be shown, and Python's
        # own flush of stdout at exit must not fail again with a traceback.
        _stdout_to_devnull()
        return 1


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    err = _console(stderr=True, soft_wrap=True)
    try:
        if args.command == "import":
            # The report is read and checked first: a report that cannot be imported creates nothing.
            args.imported = _read_import(args)
            _check_not_empty(args, args.imported.plan)
            if args.dry_run:
                return _import(args, None, args.imported)
        if args.command == "export" and (refusal := _export_refusal(args)) is not None:
            raise CommandError(refusal)  # before any database is opened or created
        if args.command == "restore":
            return _restore(_db_path(args), args)
        if args.command == "rollup":
            return _rollup(args, err)
        try:
            store = open_store(_db_path(args), err, _mode(args), args.command)
        except StoreError as exc:
            err.print(safe_text(f"{ERROR}{_for_db(str(exc), args)}"))
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
            err.print(safe_text(f"{ERROR}{_for_db(str(exc), args)}"))
            return 2
        finally:
            store.close()
    except (StoreError, BackupError, CommandError) as exc:
        err.print(safe_text(f"{ERROR}{_for_db(str(exc), args)}"))
        return 1
    except KeyboardInterrupt:
        return 130


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _json_text(data: Any) -> str:
    """JSON for the terminal: Thai as itself, but no character that could act on a terminal.

    ``json.dumps`` escapes only C0 controls; DEL, C1 controls (0x9b starts a terminal command) and
    bidirectional controls are escaped here too. The output is the same JSON data.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _for_db(text: str, args: argparse.Namespace) -> str:
    """Advice to run ``tracker restore`` names the database when it is not the default one.

    The store's messages say "tracker restore NAME"; run as written against another database, that
    would restore the default one.
    """
    if args.command == "rollup":
        return text
    path = _db_path(args)
    if os.path.abspath(path) == os.path.abspath(DEFAULT_DB) or "tracker restore " not in text:
        return text
    return text.replace("tracker restore ", f"tracker --db {shlex.quote(str(path))} restore ")


def _run(store: Store, args: argparse.Namespace) -> int:
    """The command itself, on an open store."""
    if args.command is None:
        return _run_app(store, args)
    if args.command == "summary":
        return _summary(store, args)
    if args.command == "export":
        return _export(store, args)
    if args.command == "import":
        return _import(args, store, args.imported)
    if args.command == "plans":
        return _plans(store, args)
    if args.command == "history":
        return _history(store, args)
    if args.command == "backups":
        return _backups(store, args)
    if args.command == "check":
        return _check(store, args)
    return 2  # pragma: no cover - argparse refuses unknown commands


def _stdout_to_devnull() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _db_path(args: argparse.Namespace) -> Path:
    if "db" in args:
        return Path(args.db)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB


def _mode(args: argparse.Namespace) -> str:
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


def _run_app(store: Store, args: argparse.Namespace) -> int:
    from tracker.ui.app import TrackerApp  # textual loads only when the app is wanted

    plan_id = select_plan(store, args.plan).plan_id if "plan" in args else None
    app = TrackerApp(store, plan_id)
    app.run()
    return app.return_code or 0  # 129 when the terminal hung up


def _digit_style(args: argparse.Namespace, plan: Plan | None) -> DigitStyle:
    """The digits a command writes its counts and dates in: ``--digits``, else the plan's setting."""
    chosen = getattr(args, "digits", None)
    if chosen:
        return DigitStyle(chosen)
    return plan.settings.digit_style if plan is not None else DigitStyle.THAI


def _store_digit_style(store: Store, args: argparse.Namespace) -> DigitStyle:
    """As :func:`_digit_style`, for a command about the whole file: the plan ``--plan`` names, or the only one."""
    if getattr(args, "digits", None):
        return _digit_style(args, None)
    try:
        return _digit_style(args, select_plan(store, getattr(args, "plan", None)))
    except (CommandError, StoreError):
        return DigitStyle.THAI


def _summary(store: Store, args: argparse.Namespace) -> int:
    plan = select_plan(store, getattr(args, "plan", None))
    round_ = Round(args.round) if args.round else None
    digits = DigitStyle(args.digits) if args.digits else None
    out = _console()
    out.print(summary_renderable(plan, round_, digits, out.width))
    return 0


def _export_refusal(args: argparse.Namespace) -> str | None:
    """Why the options given do not fit the format (never ignored in silence), or None."""
    from tracker.reports.export import ExportFormat

    fmt = ExportFormat(args.format)
    if not fmt.takes_round and args.round:
        return (
            "CSV มีผลการดำเนินงานทั้งสองรอบเสมอ (แถวละโครงการละรอบ) จึงใช้ --round ไม่ได้"
            " (CSV always holds both rounds, a row per project and round: leave out --round)"
        )
    if not fmt.takes_round and args.digits == DigitStyle.THAI.value:
        return (
            "CSV เขียนจำนวนเงินและตัวเลขเป็นเลขอารบิกเสมอเพื่อให้โปรแกรมตารางคำนวณคำนวณได้ จึงใช้ --digits thai ไม่ได้"
            " (CSV writes amounts in plain Arabic digits so that a spreadsheet can compute with them;"
            " --digits arabic also writes the typed text in Arabic digits)"
        )
    if args.history and not fmt.takes_history:
        return (
            f"รายงานรูปแบบ {fmt.value} ไม่มีภาคผนวกบันทึกการเปลี่ยนแปลง ใช้ --history กับ md หรือ txt"
            f" หรือดูด้วย tracker history (the {fmt.value} export has no change log appendix: use --history"
            " with md or txt, or see tracker history)"
        )
    return None


def _export(store: Store, args: argparse.Namespace) -> int:
    from tracker.domain import import_findings
    from tracker.reports.export import ExportError, ExportFormat, write_export

    plan = select_plan(store, getattr(args, "plan", None))
    try:
        path = write_export(
            plan, ExportFormat(args.format), Round(args.round) if args.round else None,
            DigitStyle(args.digits) if args.digits else None, args.output,
            history=store.history(plan.plan_id) if args.history else None, emblem_folder=store.path.parent,
        )
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    _console(soft_wrap=True).print(safe_text(f"ส่งออกรายงานแล้ว (exported the report): {path}"))
    round_ = Round(args.round) if args.round else plan.round
    findings = import_findings.all_findings(plan, round_)
    if findings:
        errors = sum(f.severity is Severity.ERROR for f in findings)
        style = _digit_style(args, plan)
        _console(stderr=True, soft_wrap=True).print(safe_text(
            f"คำเตือน: การตรวจสอบพบข้อผิดพลาด {with_digits(str(errors), style)} และข้อควรตรวจ"
            f" {with_digits(str(len(findings) - errors), style)} รายการ"
            " ดูด้วย tracker check ก่อนเผยแพร่ (warning: the checks found problems; see tracker check)"
        ))
    return 0


def _read_import(args: argparse.Namespace) -> ImportResult:
    """The report read into a plan, with the importer's findings and then the rules' own."""
    from tracker.domain import import_findings
    from tracker.domain.checks import run_checks
    from tracker.importer.reader import import_path
    from tracker.importer.report_text import ReportError

    try:
        result = import_path(args.path)
    except ReportError as exc:
        raise CommandError(str(exc)) from None
    checked = run_checks(result.plan)
    # The importer's cross-part findings are kept with the plan (until resolved or settled by an edit),
    # each with its id; shown first, then what the rules find in what was imported.
    import_findings.keep(result.plan, result.findings, checked)
    result.findings = import_findings.open_findings(result.plan) + checked
    return result


REPLACE_MAY_REMOVE = 0.5
"""The share of a plan's projects a replace may remove without ``--force``: more suggests a damaged report."""


def _check_not_empty(args: argparse.Namespace, plan: Plan) -> None:
    """Refuse (before any database is opened or created) a report with no projects, unless ``--force``."""
    if plan.projects or args.force or args.dry_run:
        return
    raise CommandError(
        f"ไม่ได้นำเข้า: รายงาน {args.path} ไม่มีโครงการเลย ตารางส่วนที่ ๒ และ ๓ อาจหายไประหว่างคัดลอก"
        " ตรวจไฟล์ก่อน หรือใช้ --force ถ้าตั้งใจ (not imported: the report holds no projects; its tables may"
        " have lost their rows; --force imports it anyway)"
    )


def _import_refusal(store: Store, plan: Plan, args: argparse.Namespace) -> str | None:
    """Why this import must not be saved as asked (without ``--force``), or None."""
    existing = {p.plan_id for p in store.list_plans()}
    if plan.plan_id in existing and not args.replace:
        return (
            f"แผน {plan.plan_id} มีอยู่แล้วใน {store.path}: ใช้ --replace เพื่อแทนที่"
            f" (plan {plan.plan_id} already exists; --replace replaces it)"
        )
    if args.force or plan.plan_id not in existing:
        return None
    old = store.load_plan(plan.plan_id)
    style = _digit_style(args, old)
    names = {bare(p.name) for p in plan.projects}
    numbers = {p.number for p in plan.projects}
    removed = [p for p in old.projects if bare(p.name) not in names and p.number not in numbers]
    if old.projects and len(removed) > REPLACE_MAY_REMOVE * len(old.projects):
        return (
            f"ไม่ได้แทนที่แผน {plan.plan_id}: รายงานนี้จะลบโครงการ {with_digits(str(len(removed)), style)}"
            f" จาก {with_digits(str(len(old.projects)), style)} โครงการของแผนเดิม (เกินครึ่ง) รายงานอาจไม่ครบ"
            f" ตรวจไฟล์ก่อน หรือใช้ --force ถ้าตั้งใจ (not replaced: the report would remove {len(removed)}"
            f" of the plan's {len(old.projects)} projects, more than half; --force replaces anyway)"
        )
    return None


def _import(args: argparse.Namespace, store: Store | None, result: ImportResult) -> int:
    plan = result.plan
    if store is not None:
        refusal = _import_refusal(store, plan, args)
        if refusal is not None:
            raise CommandError(refusal)
        if plan.plan_id in {p.plan_id for p in store.list_plans()}:
            # Every replace can be undone: the file as it is now is kept first (tracker restore).
            try:
                kept = store.backup(BackupReason.REPLACE)
            except BackupError as exc:
                raise CommandError(
                    f"{store.path}: ไม่ได้แทนที่แผน {plan.plan_id} เพราะสำรองไฟล์เดิมไม่ได้ ไฟล์ไม่ถูกเปลี่ยน"
                    f" (not replaced: the file could not be backed up first; it is unchanged): {exc}"
                ) from None
            _console(stderr=True, soft_wrap=True).print(safe_text(_for_db(
                f"สำรองแผนเดิมไว้ที่ {kept.path} ก่อนแทนที่ (backed up before replacing):"
                f" tracker restore {kept.name} ย้อนกลับได้", args
            )))
        store.save_plan(plan, action="import")
    if args.json:
        print(_json_text({**_import_json(plan, result.findings, store), "encoding": result.encoding}))
    else:
        _print_import(plan, result.findings, store, result.encoding, _digit_style(args, plan))
    return 0


def _import_json(plan: Plan, findings: list[Finding], store: Store | None) -> dict[str, Any]:
    figures = compute(plan)
    return {
        "saved_to": None if store is None else str(store.path),
        "plan_id": plan.plan_id,
        "organization": plan.organization,
        "district": plan.district,
        "province": plan.province,
        "preparing_unit": plan.preparing_unit,
        "fiscal_year": plan.fiscal_year,
        "round": int(plan.round),
        "projects": figures.total,
        "per_dimension": {str(d.number): d.total for d in figures.dimensions},
        "per_status": {s.value: n for s, n in figures.per_status.items()},
        "budget": f"{figures.budget:.2f}",
        "no_budget_projects": figures.no_budget_projects,
        "disbursed": f"{figures.disbursed:.2f}",
        "remaining": f"{figures.remaining:.2f}",
        "score": f"{figures.score:.2f}",
        "flag": figures.flag.value,
        "level": figures.level,
        "narrative_sections": [s.key for s in NARRATIVE_SECTIONS if plan.narrative.get(s.key)],
        "findings": [f.to_dict() for f in findings],
        "plan": plan_to_dict(plan),
    }


def _print_import(
    plan: Plan, findings: list[Finding], store: Store | None, encoding: str = "",
    style: DigitStyle = DigitStyle.THAI,
) -> None:
    out = _console(soft_wrap=True)
    figures = compute(plan)

    def n(value: int) -> str:
        return with_digits(str(value), style)

    where = "ไม่ได้บันทึก (dry run, nothing saved)" if store is None else f"บันทึกใน {store.path}"
    out.print(safe_text(f"นำเข้า {plan.source}: {plan.organization} อำเภอ{plan.district} จังหวัด{plan.province}", "bold"))
    if encoding:
        out.print(safe_text(f"อ่านไฟล์เป็นข้อความ (read as) {encoding}"))
    out.print(safe_text(
        f"ปีงบประมาณ พ.ศ. {n(plan.fiscal_year)} {plan.round.label_in(style)}"
        f" · จัดทำโดย {plan.preparing_unit} · แผน {plan.plan_id} · {where}"
    ))
    dims = ", ".join(
        f"มิติที่ {n(d.number)}: {n(d.total)}" for d in figures.dimensions
    )
    out.print(safe_text(f"โครงการ {n(figures.total)} ({dims})"))
    out.print(safe_text(" · ".join(
        f"{s.label} {n(count)}" for s, count in figures.per_status.items()
    )))
    out.print(safe_text(
        f"งบประมาณ {format_baht(figures.budget, style)} บาท ({n(figures.no_budget_projects)}"
        f" โครงการไม่ใช้งบประมาณ) · เบิกจ่าย {format_baht(figures.disbursed, style)}"
        f" · คงเหลือ {format_baht(figures.remaining, style)}"
    ))
    out.print(safe_text(
        f"การนำแผนไปปฏิบัติ ร้อยละ {format_percent(figures.score, style)} ธง{figures.flag.label}"
        f" ระดับ {typed_digits(figures.level, style)}"
    ))
    sections = [s.heading for s in NARRATIVE_SECTIONS if plan.narrative.get(s.key)]
    out.print(safe_text("เนื้อหาที่นำเข้า (narrative): " + ", ".join(sections)))
    if not findings:
        out.print("ไม่พบข้อขัดแย้งระหว่างส่วนของรายงาน (no findings)")
        return
    out.print(safe_text(f"\nข้อสังเกต {n(len(findings))} รายการ (findings):", "bold"))
    shown = _shown_findings(findings)
    for finding in (f for f in findings if id(f) in shown):
        where_p = f" โครงการ {n(finding.project)}" if finding.project is not None else ""
        ref = f"{finding.ref} " if finding.ref else ""  # kept with the plan: tracker check --resolve ID
        out.print(safe_text(f"- {ref}[{finding.code}]{where_p} {typed_digits(finding.message, style)}"))
        if finding.detail:
            out.print(safe_text(f"    → {typed_digits(finding.detail, style)}"))
    _print_rest(out, findings, shown, style)


SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "ข้อผิดพลาด (error)",
    Severity.WARNING: "ข้อควรตรวจ (warning)",
    Severity.INFO: "หมายเหตุ (note)",
}
FAMILY_LABELS: dict[str, str] = {
    "arithmetic": "ตัวเลขและการคำนวณ (arithmetic)",
    "status": "สถานะและผลการดำเนินงาน (status)",
    "calendar": "ปีงบประมาณและช่วงเวลา (calendar)",
    "identity": "ชื่อองค์กรและสถานที่ (identity)",
    "counts": "จำนวนโครงการรายมิติ (counts)",
    "duplicates": "โครงการซ้ำ (duplicates)",
    "spacing": "ช่องว่างแยกวลีหรือชื่อ (spacing)",
    IMPORT_FAMILY: "ข้อสังเกตจากการนำเข้า: ทำเครื่องหมายว่าแก้แล้วด้วย tracker check --resolve รหัส"
    " (from the import: mark one resolved with tracker check --resolve ID)",
}


def _check(store: Store, args: argparse.Namespace) -> int:
    """Run the rules; print the findings grouped by family. Exit 1 when there is an error."""
    from tracker.domain import import_findings

    plan = select_plan(store, getattr(args, "plan", None))
    resolved = _resolve(store, plan, args.resolve)
    round_ = Round(args.round) if args.round else plan.round
    style = _digit_style(args, plan)
    # The rules write their figures in the plan's setting; --digits is for this output only (the plan
    # is not saved after this point).
    plan.settings.digit_style = style
    findings = import_findings.all_findings(plan, round_)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    if args.json:
        print(_json_text({
            "plan_id": plan.plan_id,
            "round": int(round_),
            "resolved": resolved,
            "errors": errors,
            "warnings": len(findings) - errors,
            "findings": [f.to_dict() for f in findings],
        }))
        return 1 if errors else 0
    out = _console(soft_wrap=True)
    if resolved:
        out.print(safe_text(f"ทำเครื่องหมายว่าแก้แล้ว (marked resolved): {', '.join(resolved)}"))
    out.print(safe_text(
        f"ตรวจสอบ {plan.organization} ปีงบประมาณ {with_digits(str(plan.fiscal_year), style)}"
        f" {round_.label_in(style)}", "bold"
    ))
    if not findings:
        out.print("✓ ไม่พบข้อผิดพลาด (no findings)", style="green")
        return 0
    shown = _shown_findings(findings)
    for family, label in FAMILY_LABELS.items():
        group = [f for f in findings if f.family == family and id(f) in shown]
        if not group:
            continue
        out.print(safe_text(f"\n{label}", "bold underline"))
        for finding in group:
            colour = "red" if finding.severity is Severity.ERROR else "yellow"
            where = f" โครงการ {with_digits(str(finding.project), style)}" if finding.project is not None else ""
            line = safe_text(f"{'✗' if finding.severity is Severity.ERROR else '!'} ", colour)
            if finding.ref:
                line.append_text(safe_text(f"{finding.ref} ", "bold"))
            line.append_text(safe_text(f"[{finding.code}]{where} {typed_digits(finding.message, style)}"))
            out.print(line)
            if finding.detail:
                out.print(safe_text(f"    → {typed_digits(finding.detail, style)}", "dim"))
    _print_rest(out, findings, shown, style)
    out.print(safe_text(
        f"\nรวม {with_digits(str(len(findings)), style)} รายการ: {SEVERITY_LABELS[Severity.ERROR]}"
        f" {with_digits(str(errors), style)}, {SEVERITY_LABELS[Severity.WARNING]}"
        f" {with_digits(str(len(findings) - errors), style)}"
    ))
    return 1 if errors else 0


SHOWN_FINDINGS = 50
"""At most this many findings are printed as text (errors first); ``--json`` has every one."""


def _shown_findings(findings: list[Finding]) -> set[int]:
    """The ids of the findings to print: every one up to :data:`SHOWN_FINDINGS`, else errors first."""
    if len(findings) <= SHOWN_FINDINGS:
        return {id(f) for f in findings}
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    order = sorted(range(len(findings)), key=lambda i: (rank[findings[i].severity], i))
    return {id(findings[i]) for i in order[:SHOWN_FINDINGS]}


def _print_rest(out: Console, findings: list[Finding], shown: set[int], style: DigitStyle) -> None:
    """One line for the findings not printed, with how to see them all."""
    rest = [f for f in findings if id(f) not in shown]
    if not rest:
        return
    errors = sum(f.severity is Severity.ERROR for f in rest)
    out.print(safe_text(
        f"… และอีก {with_digits(str(len(rest)), style)} รายการ (ข้อผิดพลาด {with_digits(str(errors), style)})"
        f" ที่ไม่ได้แสดง ดูทั้งหมดด้วย --json (and {len(rest)} more not shown, {errors} of them errors;"
        " --json lists every one)", "bold"
    ))


def _resolve(store: Store, plan: Plan, ids: list[str]) -> list[str]:
    """Mark the import's findings ``ids`` resolved and save the plan; the ids it changed."""
    if not ids:
        return []
    from tracker.domain import import_findings

    try:
        changed = import_findings.resolve(plan, ids)
    except import_findings.UnknownFinding as exc:
        raise CommandError(str(exc)) from None
    if changed:
        store.save_plan(plan)
    return [k.id for k in changed]


def _plans(store: Store, args: argparse.Namespace) -> int:
    out = _console()
    for info in store.list_plans():
        style = DigitStyle(args.digits) if args.digits else info.digit_style  # each plan in its own setting
        out.print(safe_text(
            f"{info.plan_id}\t{typed_digits(info.organization, style)}"
            f"\tปีงบประมาณ {with_digits(str(info.fiscal_year), style)}"
            f"\t{with_digits(str(info.projects), style)} โครงการ"
        ))
    return 0


def _history(store: Store, args: argparse.Namespace) -> int:
    """Print the recorded changes, oldest first (one plan's, or the whole file's with --all)."""
    from tracker.reports.history_report import history_text

    if args.all:
        plan = None
        changes = store.history()
    else:
        plan = select_plan(store, getattr(args, "plan", None))
        changes = store.history(plan.plan_id)
    if args.project is not None:
        number: int = args.project
        project = plan.project(number) if plan is not None else None
        if project is not None:
            changes = [c for c in changes if c.project_uid == project.uid]
        else:  # a deleted project has no number now; its entries keep the one it had
            changes = [c for c in changes if c.project_number == number]
    if args.json:
        print(_json_text([c.to_dict() for c in changes]))
        return 0
    digits = _digit_style(args, plan) if plan is not None or args.digits else _store_digit_style(store, args)
    out = _console(soft_wrap=True)
    # On a terminal the table fits it (a wider one would be cut by the terminal, mid-word); piped, it
    # keeps room for its columns.
    width = out.width if out.is_terminal else max(out.width, 100)
    out.print(history_text(changes, digits, width=width), end="")
    return 0


def _backups(store: Store, args: argparse.Namespace) -> int:
    out = _console(soft_wrap=True)
    style = _store_digit_style(store, args)
    real = Path(os.path.realpath(store.path))
    if args.keep is not None:
        before = {b.path for b in list_backups(real)}
        # The store prunes to the new number at once (so that the list below already shows what is
        # kept); what it removed is what was there before and is gone now.
        store.set_backup_keep(args.keep)
        removed = before - {b.path for b in list_backups(real)}
        line = f"เก็บไฟล์สำรองล่าสุด {with_digits(str(args.keep), style)} ไฟล์ (keeping the newest {args.keep})"
        if removed:
            line += (
                f"; ลบไฟล์สำรองที่เก่ากว่า {with_digits(str(len(removed)), style)} ไฟล์"
                f" (removed {len(removed)} older)"
            )
        out.print(safe_text(line))
    found = list_backups(real)
    folder = backup_dir(real)
    if not found:
        out.print(safe_text(f"ยังไม่มีไฟล์สำรองใน {folder} (no backups yet)"))
        return 0
    out.print(safe_text(_for_db(
        f"ไฟล์สำรองใน {folder} ({with_digits(str(len(found)), style)} ไฟล์ เก็บล่าสุด "
        f"{with_digits(str(store.backup_keep), style)} ไฟล์; กู้คืนด้วย tracker restore ชื่อไฟล์):", args
    ), "bold"))
    for backup in found:
        out.print(safe_text(f"{backup.name}\t{describe_backup(backup, style)}"))
    return 0


def _restore(path: Path, args: argparse.Namespace) -> int:
    chosen, safety = Store.restore(path, args.backup, wait=WRITER_WAIT)
    out = _console(soft_wrap=True)
    out.print(safe_text(f"กู้คืน {chosen.name} เป็น {path} แล้ว (restored {chosen.name} to {path})"))
    if safety is not None:
        out.print(safe_text(_for_db(
            f"ไฟล์ก่อนกู้คืนสำรองไว้ที่ {safety.path} (the file it replaced is kept as {safety.name}):"
            f" tracker restore {safety.name} ย้อนกลับได้ (undoes this restore)", args
        )))
    return 0


def _rollup(args: argparse.Namespace, err: Console) -> int:
    """Roll many databases up into one table; exit 1 when some file could not be read."""
    from tracker.reports.rollup import (
        find_databases,
        rollup,
        rollup_json,
        rollup_renderable,
        write_rollup_csv,
    )

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
    result = rollup(files, fiscal_year=args.year, round_=Round(args.round) if args.round else None)
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
        print(_json_text(rollup_json(result)))
    else:
        out = _console()
        out.print(rollup_renderable(result, digits, out.width))
    if args.csv is not None:
        path = write_rollup_csv(result, args.csv)
        # With --json, stdout holds the JSON alone.
        _console(stderr=args.json, soft_wrap=True).print(
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


if __name__ == "__main__":
    sys.exit(main())
