"""The command line: ``tracker`` opens the app; ``summary``, ``export``, ``import`` and ``plans`` work in the shell.

Every error is one line on stderr and a non-zero exit: 1 when the work could not be done (a damaged
database, an unreadable report), 2 when the command itself is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console

from tracker.domain.checks import not_refound, run_checks
from tracker.domain.figures import compute
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, Round, plan_to_dict
from tracker.domain.thai import DigitStyle, format_baht, to_arabic_digits, to_thai_digits
from tracker.importer.defaults import DATA_DIR, default_plan
from tracker.importer.reader import import_path
from tracker.importer.report_text import ReportError
from tracker.reports.export import EXPORTS_DIR, ExportError, ExportFormat, write_export
from tracker.reports.summary import safe_text, summary_renderable
from tracker.storage.store import Store, StoreError

DB_ENV = "TRACKER_DB"
DEFAULT_DB = DATA_DIR / "tracker.json"


class CommandError(Exception):
    """A command that cannot do what was asked; the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
        help=f"the database file (default: ${DB_ENV}, else {DEFAULT_DB})",
    )
    common.add_argument(
        "--plan", default=argparse.SUPPRESS, metavar="PLAN",
        help="which plan, where the database holds several: its id, fiscal year or part of its name",
    )
    parser = _Parser(
        prog="tracker",
        description="แผนปฏิบัติการป้องกันการทุจริต: keep the plan, record results, review the status. "
        "With no command, opens the app.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    summary = sub.add_parser("summary", parents=[common], help="print the summary of a plan",
                             description="Print part 2's table, counts, totals, score, flag and level.")
    summary.add_argument("--round", type=int, choices=(6, 12), help="the round (default: the plan's)")
    summary.add_argument("--digits", choices=[s.value for s in DigitStyle],
                         help="Thai or Arabic digits (default: the plan's setting)")

    exp = sub.add_parser(
        "export", parents=[common], help="export the report as Markdown, plain text or CSV",
        description="Write the performance report of a plan: Markdown section by section like the published "
        "report, plain text for a terminal or e-mail, or CSV (every project in both rounds) for a spreadsheet.",
    )
    exp.add_argument("--format", choices=[f.value for f in ExportFormat], default=ExportFormat.MARKDOWN.value,
                     help="md, txt or csv (default: md)")
    exp.add_argument("--round", type=int, choices=(6, 12), help="the round (default: the plan's)")
    exp.add_argument("--digits", choices=[s.value for s in DigitStyle],
                     help="Thai or Arabic digits (default: the plan's setting)")
    exp.add_argument("-o", "--output", type=Path, metavar="PATH",
                     help=f"the file to write (default: {EXPORTS_DIR}/<organization>-<fiscal year>-<round>.<format>)")

    imp = sub.add_parser("import", parents=[common], help="import a report written like the seed, or an export",
                         description="Read a performance report into a plan: text with tab-separated tables "
                         "like the seed, or a Markdown report exported by tracker export (*.md).")
    imp.add_argument("path", type=Path, metavar="PATH", help="the report's file (text, or Markdown *.md)")
    imp.add_argument("--json", action="store_true", help="print what was imported and the findings as JSON")
    imp.add_argument("--replace", action="store_true", help="replace a plan of the same organization and year")
    imp.add_argument("--dry-run", action="store_true", help="read and report, but save nothing")

    sub.add_parser("plans", parents=[common], help="list the plans in the database",
                   description="List the plans in the database.")

    check = sub.add_parser(
        "check", parents=[common], help="find mistakes in a plan before it is published",
        description="Run every consistency rule over a plan. Exit 0: no errors; 1: errors found; 2: could not run.",
    )
    check.add_argument("--round", type=int, choices=(6, 12), help="the round (default: the plan's)")
    check.add_argument("--json", action="store_true", help="the findings as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "import" and args.dry_run:
            return _import(args, None)
        try:
            store = open_store(_db_path(args), err)
        except StoreError as exc:
            err.print(safe_text(f"tracker: error: {exc}"))
            return 2 if args.command == "check" else 1
        try:
            if args.command is None:
                return _run_app(store, args)
            if args.command == "summary":
                return _summary(store, args)
            if args.command == "export":
                return _export(store, args)
            if args.command == "import":
                return _import(args, store)
            if args.command == "plans":
                return _plans(store)
            if args.command == "check":
                try:
                    return _check(store, args)
                except (StoreError, CommandError) as exc:
                    err.print(safe_text(f"tracker: error: {exc}"))
                    return 2
        finally:
            store.close()
    except (StoreError, ReportError, ExportError, CommandError) as exc:
        err.print(safe_text(f"tracker: error: {exc}"))
        return 1
    except KeyboardInterrupt:
        return 130
    return 2  # pragma: no cover - argparse refuses unknown commands


def _db_path(args: argparse.Namespace) -> Path:
    if "db" in args:
        return Path(args.db)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB


def open_store(path: Path, err: Console) -> Store:
    """Open the database, creating it from the embedded default plan (and saying so) if it is missing."""
    existed = path.exists()
    store = Store.open(path, initial_plans=None if existed else [default_plan()])
    if store.created:
        err.print(safe_text(f"สร้างฐานข้อมูลใหม่จากแผนตั้งต้น (created a new database from the default plan): {path}"))
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
    TrackerApp(store, plan_id).run()
    return 0


def _summary(store: Store, args: argparse.Namespace) -> int:
    plan = select_plan(store, getattr(args, "plan", None))
    round_ = Round(args.round) if args.round else None
    digits = DigitStyle(args.digits) if args.digits else None
    out = Console(highlight=False)
    out.print(summary_renderable(plan, round_, digits, out.width))
    return 0


def _export(store: Store, args: argparse.Namespace) -> int:
    plan = select_plan(store, getattr(args, "plan", None))
    path = write_export(
        plan, ExportFormat(args.format), Round(args.round) if args.round else None,
        DigitStyle(args.digits) if args.digits else None, args.output,
    )
    Console(highlight=False, soft_wrap=True).print(safe_text(f"ส่งออกรายงานแล้ว (exported the report): {path}"))
    round_ = Round(args.round) if args.round else plan.round
    findings = run_checks(plan, round_)
    if findings:
        errors = sum(f.severity is Severity.ERROR for f in findings)
        Console(stderr=True, highlight=False, soft_wrap=True).print(safe_text(
            f"คำเตือน: การตรวจสอบพบข้อผิดพลาด {errors} และข้อควรตรวจ {len(findings) - errors} รายการ"
            " ดูด้วย tracker check ก่อนเผยแพร่ (warning: the checks found problems; see tracker check)"
        ))
    return 0


def _import(args: argparse.Namespace, store: Store | None) -> int:
    result = import_path(args.path)
    plan = result.plan
    checked = run_checks(plan)
    # The importer's cross-part findings first, then what the rules find in what was imported.
    result.findings = not_refound(result.findings, checked) + checked
    if store is not None:
        existing = {p.plan_id for p in store.list_plans()}
        if plan.plan_id in existing and not args.replace:
            raise CommandError(
                f"แผน {plan.plan_id} มีอยู่แล้วใน {store.path}: ใช้ --replace เพื่อแทนที่"
                f" (plan {plan.plan_id} already exists; --replace replaces it)"
            )
        store.save_plan(plan)
    if args.json:
        print(json.dumps(_import_json(plan, result.findings, store), ensure_ascii=False, indent=1))
    else:
        _print_import(plan, result.findings, store)
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


def _print_import(plan: Plan, findings: list[Finding], store: Store | None) -> None:
    out = Console(highlight=False, soft_wrap=True)
    figures = compute(plan)
    where = "ไม่ได้บันทึก (dry run, nothing saved)" if store is None else f"บันทึกใน {store.path}"
    out.print(safe_text(f"นำเข้า {plan.source}: {plan.organization} อำเภอ{plan.district} จังหวัด{plan.province}", "bold"))
    out.print(safe_text(
        f"ปีงบประมาณ พ.ศ. {to_thai_digits(str(plan.fiscal_year))} {plan.round.label}"
        f" · จัดทำโดย {plan.preparing_unit} · แผน {plan.plan_id} · {where}"
    ))
    dims = ", ".join(
        f"มิติที่ {to_thai_digits(str(d.number))}: {to_thai_digits(str(d.total))}" for d in figures.dimensions
    )
    out.print(safe_text(f"โครงการ {to_thai_digits(str(figures.total))} ({dims})"))
    out.print(safe_text(" · ".join(
        f"{s.label} {to_thai_digits(str(n))}" for s, n in figures.per_status.items()
    )))
    out.print(safe_text(
        f"งบประมาณ {format_baht(figures.budget)} บาท ({to_thai_digits(str(figures.no_budget_projects))}"
        f" โครงการไม่ใช้งบประมาณ) · เบิกจ่าย {format_baht(figures.disbursed)} · คงเหลือ {format_baht(figures.remaining)}"
    ))
    out.print(safe_text(
        f"การนำแผนไปปฏิบัติ ร้อยละ {to_thai_digits(f'{figures.score:.2f}')} ธง{figures.flag.label} ระดับ {figures.level}"
    ))
    sections = [s.heading for s in NARRATIVE_SECTIONS if plan.narrative.get(s.key)]
    out.print(safe_text("เนื้อหาที่นำเข้า (narrative): " + ", ".join(sections)))
    if not findings:
        out.print("ไม่พบข้อขัดแย้งระหว่างส่วนของรายงาน (no findings)")
        return
    out.print(safe_text(f"\nข้อสังเกต {to_thai_digits(str(len(findings)))} รายการ (findings):", "bold"))
    for finding in findings:
        where_p = f" โครงการ {to_thai_digits(str(finding.project))}" if finding.project is not None else ""
        out.print(safe_text(f"- [{finding.code}]{where_p} {finding.message}"))
        if finding.detail:
            out.print(safe_text(f"    → {finding.detail}"))


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
    "counts": "ตัวเลขในส่วนที่ ๑ (counts)",
    "duplicates": "โครงการซ้ำ (duplicates)",
}


def _check(store: Store, args: argparse.Namespace) -> int:
    """Run the rules; print the findings grouped by family. Exit 1 when there is an error."""
    plan = select_plan(store, getattr(args, "plan", None))
    round_ = Round(args.round) if args.round else plan.round
    findings = run_checks(plan, round_)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    if args.json:
        print(json.dumps({
            "plan_id": plan.plan_id,
            "round": int(round_),
            "errors": errors,
            "warnings": len(findings) - errors,
            "findings": [f.to_dict() for f in findings],
        }, ensure_ascii=False, indent=1))
        return 1 if errors else 0
    out = Console(highlight=False, soft_wrap=True)
    out.print(safe_text(
        f"ตรวจสอบ {plan.organization} ปีงบประมาณ {to_thai_digits(str(plan.fiscal_year))} {round_.label}", "bold"
    ))
    if not findings:
        out.print("✓ ไม่พบข้อผิดพลาด (no findings)", style="green")
        return 0
    for family, label in FAMILY_LABELS.items():
        group = [f for f in findings if f.family == family]
        if not group:
            continue
        out.print(safe_text(f"\n{label}", "bold underline"))
        for finding in group:
            style = "red" if finding.severity is Severity.ERROR else "yellow"
            where = f" โครงการ {to_thai_digits(str(finding.project))}" if finding.project is not None else ""
            line = safe_text(f"{'✗' if finding.severity is Severity.ERROR else '!'} ", style)
            line.append_text(safe_text(f"[{finding.code}]{where} {finding.message}"))
            out.print(line)
            if finding.detail:
                out.print(safe_text(f"    → {finding.detail}", "dim"))
    out.print(safe_text(
        f"\nรวม {to_thai_digits(str(len(findings)))} รายการ: {SEVERITY_LABELS[Severity.ERROR]}"
        f" {to_thai_digits(str(errors))}, {SEVERITY_LABELS[Severity.WARNING]}"
        f" {to_thai_digits(str(len(findings) - errors))}"
    ))
    return 1 if errors else 0


def _plans(store: Store) -> int:
    out = Console(highlight=False)
    for info in store.list_plans():
        out.print(safe_text(
            f"{info.plan_id}\t{info.organization}\tปีงบประมาณ {to_thai_digits(str(info.fiscal_year))}"
            f"\t{to_thai_digits(str(info.projects))} โครงการ"
        ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
