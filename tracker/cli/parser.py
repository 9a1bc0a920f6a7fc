"""The command line's arguments: a parser per command, built from shared parent parsers when the
command is used (:class:`Commands`).

Every text is Thai first with its English in parentheses, like the commands' messages. Metavars are
Thai with the English placeholder beside them, so that the usage reads in both. An option several
commands share (``--db``/``--plan``, ``--round``, ``--digits``) is declared once, in a parent parser
(argparse lists a parent's options first).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from tracker.cli.bilingual import BilingualParser
from tracker.cli.shared import DB_ENV, DEFAULT_DB
from tracker.domain.thai import DigitStyle, to_arabic_digits
from tracker.paths import EXPORTS_DIR


class _Parser(BilingualParser):
    """The command line's parser: help and errors in Thai with English beside them (tracker.cli.bilingual)."""


if TYPE_CHECKING:
    _SubParsersAction = argparse._SubParsersAction[_Parser]
else:  # generic for type checkers only
    _SubParsersAction = argparse._SubParsersAction


class Commands(_SubParsersAction):
    """The subcommands, each one's parser built when it is first looked up (its command was given, its
    help asked for), not on every start (issue 16: parsing ``tracker check`` took 4.6 ms with all nine
    built, 2.4 ms with its own).

    :meth:`add_command` takes what ``add_parser`` takes, and a function adding the command's own
    arguments; the listing in ``tracker --help`` (names and help) is there from the start. argparse
    looks a command's parser up in :attr:`choices` (which :class:`_BuiltOnUse` keeps); everything else
    it asks of them (``in``, the names) needs no parser.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, tuple[Callable[[_Parser], None] | None, dict[str, Any]]] = {}
        self._name_parser_map = self.choices = cast(dict[str, _Parser], _BuiltOnUse(self._build))

    def add_command(
        self, name: str, arguments: Callable[[_Parser], None] | None = None, /, *, help: str, **kwargs: Any
    ) -> None:
        """``add_parser(name, help=..., **kwargs)``, then ``arguments(parser)``, when the parser is needed."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self._name_parser_map[name] = cast(_Parser, None)
        self._pending[name] = (arguments, kwargs)

    def _build(self, name: str) -> _Parser:
        arguments, kwargs = self._pending.pop(name)
        parser = self._parser_class(prog=f"{self._prog_prefix} {name}", **kwargs)  # as add_parser names it
        if arguments is not None:
            arguments(parser)
        return parser


class _BuiltOnUse(dict[str, _Parser | None]):
    """Command name → its parser, built by ``build`` the first time it is looked up."""

    def __init__(self, build: Callable[[str], _Parser]) -> None:
        super().__init__()
        self._build = build

    def __getitem__(self, name: str) -> _Parser:
        parser = super().__getitem__(name)
        if parser is None:
            parser = self[name] = self._build(name)
        return parser


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


def _fiscal_year(text: str) -> int:
    """The one rule for a fiscal year (the plan's form and the importer use it too): Buddhist era, in
    either digits; a Christian-era year is refused with the Buddhist-era one to write instead."""
    from tracker.domain.editing import parse_fiscal_year

    try:
        return parse_fiscal_year(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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


class Parents(NamedTuple):
    """The parent parsers holding the options several commands share."""

    common: _Parser
    """``--db`` and ``--plan``: every command on a database."""
    rounds: _Parser
    digits: _Parser


def _parents() -> Parents:
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
    rounds = _Parser(add_help=False)
    rounds.add_argument("--round", type=int, choices=(6, 12), help=ROUND_HELP)
    digits = _Parser(add_help=False)
    digits.add_argument("--digits", choices=[s.value for s in DigitStyle], help=DIGITS_HELP)
    return Parents(common, rounds, digits)


class _Version(argparse.Action):
    """``--version``: the version looked up only when asked (importlib.metadata loads some 10 ms of
    modules that no other command needs)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(f"tracker {_version()}")  # on stdout, as argparse's own version action prints
        parser.exit()


def _version() -> str:
    """The installed distribution's version (pyproject.toml's), or "unknown" outside an install."""
    from importlib import metadata

    try:
        return metadata.version("tracker")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    p = _parents()
    parser = _Parser(
        prog="tracker",
        description="แผนปฏิบัติการป้องกันการทุจริต: เก็บแผน บันทึกผล ดูสถานะ ถ้าไม่ระบุคำสั่งจะเปิดโปรแกรม"
        " (the anti-corruption action plan: keep the plan, record results, review the status. "
        "With no command, opens the app.)",
        parents=[p.common],
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="พิมพ์รุ่นของโปรแกรมแล้วจบ (print the version and exit)",
    )
    sub = cast(Commands, parser.add_subparsers(
        dest="command", metavar="คำสั่ง(COMMAND)", parser_class=_Parser, action=Commands,
    ))
    _add_summary(sub, p)
    _add_export(sub, p)
    _add_import(sub, p)
    _add_plans(sub, p)
    _add_check(sub, p)
    _add_history(sub, p)
    _add_backups(sub, p)
    _add_restore(sub, p)
    _add_rollup(sub)
    return parser


def _add_summary(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "summary", parents=[p.common, p.rounds, p.digits], help="พิมพ์สรุปของแผน (print the summary of a plan)",
        description="พิมพ์ตารางส่วนที่ ๒ จำนวนโครงการ ยอดรวม ร้อยละ ธง และระดับ"
        " (print part 2's table, counts, totals, score, flag and level)",
    )


def _add_export(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "export", _export_arguments, parents=[p.common, p.rounds, p.digits],
        help="ส่งออกรายงานเป็น Word PDF Markdown ข้อความ หรือ CSV หรือแบบกรอกลงระบบ e-PlanNACC"
        " (export the report as Word, PDF, Markdown, plain text or CSV, or the e-PlanNACC entry sheet)",
        description="เขียนรายงานผลการดำเนินงานของแผน: Word (docx) และ PDF ตามแบบรายงานราชการ"
        " (ขนาด A4 ปก คำนำ สารบัญ ตารางส่วนที่ ๒ และ ๓ บนหน้าแนวนอน ช่องลงนาม) Markdown ทีละส่วนเหมือนรายงานที่เผยแพร่"
        " ข้อความธรรมดาสำหรับหน้าจอหรืออีเมล หรือ CSV (ทุกโครงการทั้งสองรอบ) สำหรับโปรแกรมตารางคำนวณ"
        " หรือแบบกรอก (entry) สำหรับบันทึกผลลงระบบ e-PlanNACC: ทุกโครงการของรอบ ช่องตามลำดับและถ้อยคำของแบบรายงานผล"
        " ในระบบ จำนวนเงินเป็นเลขอารบิกไม่มีจุลภาค (เช่น 50000.00) พร้อมบอกว่าโครงการใดบันทึกในระบบแล้ว"
        " (write the performance report of a plan: Word and PDF in the official layout, A4 with cover,"
        " foreword, contents, parts 2 and 3 on landscape pages and the signatures; Markdown section by"
        " section like the published report; plain text for a terminal or e-mail; CSV, every project"
        " in both rounds, for a spreadsheet; or the entry sheet for e-PlanNACC: every project of the"
        " round, the national form's fields in its order and wording, amounts in plain Arabic digits"
        " such as 50000.00, and which projects are already marked entered)",
    )


def _export_arguments(exp: _Parser) -> None:
    formats = exp.add_argument("--format", default=DEFAULT_FORMAT,
                               help="รูปแบบ docx/pdf/md/txt/csv หรือ entry (แบบกรอกลงระบบ e-PlanNACC) ถ้าไม่ระบุใช้ md"
                               " (docx, pdf, md, txt, csv, or entry: the e-PlanNACC entry sheet; default: md)")
    formats.choices = _ExportFormats()  # after add_argument, which would list them at once (to check the usage)
    exp.add_argument("-o", "--output", type=Path, metavar=PATH,
                     help=f"ไฟล์ที่จะเขียน ถ้าไม่ระบุใช้ {EXPORTS_DIR}/<องค์กร>-<ปีงบประมาณ>-<รอบ>.<รูปแบบ>"
                     " (แบบกรอก: <องค์กร>-<ปีงบประมาณ>-<รอบ>-entry.txt)"
                     f" (the file to write; default: {EXPORTS_DIR}/<organization>-<fiscal year>-<round>.<format>;"
                     " the entry sheet: <organization>-<fiscal year>-<round>-entry.txt)")
    exp.add_argument("--history", action="store_true",
                     help="แนบบันทึกการเปลี่ยนแปลงเป็นภาคผนวกของ Markdown และข้อความ"
                     " (add the change log as an appendix, Markdown and plain text)")


def _add_import(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "import", _import_arguments, parents=[p.common, p.digits],
        help="นำเข้ารายงานที่เขียนแบบรายงานตั้งต้น หรือรายงานที่ส่งออกไว้ (import a report written like the seed,"
        " or an export)",
        description="อ่านรายงานผลการดำเนินงานเข้าเป็นแผน: ข้อความที่มีตารางคั่นด้วยแท็บแบบรายงานตั้งต้น"
        " หรือรายงาน Markdown ที่ส่งออกด้วย tracker export (*.md)"
        " (read a performance report into a plan: text with tab-separated tables like the seed, "
        "or a Markdown report exported by tracker export, *.md)",
    )


def _import_arguments(imp: _Parser) -> None:
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


def _add_plans(sub: Commands, p: Parents) -> None:
    sub.add_command("plans", parents=[p.common, p.digits],
                    help="แสดงรายชื่อแผนในฐานข้อมูล (list the plans in the database)",
                    description="แสดงรายชื่อแผนในฐานข้อมูล (list the plans in the database)")


def _add_check(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "check", _check_arguments, parents=[p.common, p.rounds, p.digits],
        help="ตรวจหาข้อผิดพลาดในแผนก่อนเผยแพร่ (find mistakes in a plan before it is published)",
        description="ตรวจแผนด้วยกฎความสอดคล้องทุกข้อ รหัสออก 0: ไม่มีข้อผิดพลาด; 1: พบข้อผิดพลาด; 2: ตรวจไม่ได้"
        " (run every consistency rule over a plan. Exit 0: no errors; 1: errors found; 2: could not run)",
    )


def _check_arguments(check: _Parser) -> None:
    check.add_argument("--json", action="store_true", help="ข้อสังเกตเป็น JSON (the findings as JSON)")
    check.add_argument("--resolve", action="append", metavar="รหัส(ID)", default=[],
                       help="ทำเครื่องหมายว่าข้อสังเกตจากการนำเข้าแก้แล้ว: รหัสของข้อสังเกต เช่น i3 หรือ all"
                       " สำหรับทุกข้อ ระบุได้หลายครั้ง (mark a finding of the import resolved: its id, e.g. i3,"
                       " or 'all' for every one; may be given more than once)")


def _add_history(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "history", _history_arguments, parents=[p.common, p.digits],
        help="พิมพ์ว่าใครเปลี่ยนอะไร เมื่อใด (print who changed what, and when)",
        description="พิมพ์การเปลี่ยนแปลงที่บันทึกไว้ของแผน: ทุกช่อง ค่าเดิมและค่าใหม่ ใคร เมื่อใด เรียงจากเก่าไปใหม่"
        " (print the recorded changes of a plan: every field, old and new value, who, when; oldest first)",
    )


def _history_arguments(hist: _Parser) -> None:
    hist.add_argument("--project", metavar="ลำดับ(N)", type=_project_number,
                      help="เฉพาะโครงการลำดับนี้ (only the project with this number)")
    hist.add_argument("--json", action="store_true", help="การเปลี่ยนแปลงเป็น JSON (the changes as JSON)")
    hist.add_argument("--all", action="store_true",
                      help="การเปลี่ยนแปลงของทุกแผน และของไฟล์เอง คือการกู้คืน"
                      " (every plan's changes and the file's own: restores)")


def _add_backups(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "backups", _backups_arguments, parents=[p.common, p.digits],
        help="แสดงรายการสำเนาสำรองของฐานข้อมูล (list the backups of the database)",
        description="แสดงสำเนาสำรองในโฟลเดอร์ backups ข้างฐานข้อมูล ใหม่สุดก่อน สำเนาทำขึ้นก่อนการบันทึกครั้งแรก"
        "ของวัน ก่อนปรับรุ่นไฟล์ และก่อนกู้คืน"
        " (list the backups kept in the backups folder next to the database, newest first. One is made "
        "before the day's first save, before a file upgrade and before a restore.)",
    )


def _backups_arguments(backups: _Parser) -> None:
    backups.add_argument("--keep", type=_keep_count, metavar="จำนวน(N)",
                         help="เก็บไว้เฉพาะสำเนาใหม่สุด N ชุด ชุดที่เก่ากว่าจะถูกลบทั้งตอนนี้และต่อจากนี้"
                         " (keep only the newest N backups; older ones are removed now and from now on)")


def _add_restore(sub: Commands, p: Parents) -> None:
    sub.add_command(
        "restore", _restore_arguments, parents=[p.common],
        help="นำสำเนาสำรองกลับมาใช้ โดยสำรองไฟล์ปัจจุบันไว้ก่อน (bring back a backup; the current file is"
        " backed up first)",
        description="แทนที่ฐานข้อมูลด้วยสำเนาสำรองชุดหนึ่งตามที่ tracker backups แสดง ฐานข้อมูลในสภาพปัจจุบัน"
        "จะถูกสำรองไว้ก่อน จึงย้อนการกู้คืนได้"
        " (replace the database with one of its backups, as listed by tracker backups. The database as "
        "it is now is backed up first, so a restore can itself be undone.)",
    )


def _restore_arguments(restore: _Parser) -> None:
    restore.add_argument("backup", metavar="สำเนา(BACKUP)",
                         help="ชื่อไฟล์สำเนาสำรอง หรือที่อยู่ของไฟล์ (the backup's file name, or a path to it)")


def _add_rollup(sub: Commands) -> None:
    sub.add_command(
        "rollup", _rollup_arguments,
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


def _rollup_arguments(roll: _Parser) -> None:
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
