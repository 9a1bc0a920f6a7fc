"""``tracker import``: a report read into a plan, checked, and saved (or, with ``--dry-run``, only shown).

The report is read and checked before any database is opened: a report that cannot be imported
creates nothing (:func:`read_import`, :func:`check_not_empty`, called first by :func:`tracker.cli.main`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.cli.shared import CommandError, console, digit_style, hint_db, print_lines
from tracker.domain.model import Plan
from tracker.domain.text import bare
from tracker.domain.thai import with_digits
from tracker.storage.backups import BackupError, BackupReason
from tracker.storage.store import Store

if TYPE_CHECKING:
    from tracker.importer.report_text import ImportResult

REPLACE_MAY_REMOVE = 0.5
"""The share of a plan's projects a replace may remove without ``--force``: more suggests a damaged report."""


def read_import(args: argparse.Namespace) -> ImportResult:
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


def check_not_empty(args: argparse.Namespace, plan: Plan) -> None:
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
    style = digit_style(args, old)
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


def run_import(args: argparse.Namespace, store: Store | None, result: ImportResult) -> int:
    """Save the plan read (``store`` None: a dry run, nothing saved) and print what was imported."""
    from tracker.reports.cli_text import import_json, import_lines, json_text, replace_backup_line

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
            console(stderr=True, soft_wrap=True).print(replace_backup_line(kept, hint_db(args)))
            from tracker.importer.replace import keep_unreported

            # A report is of one round and prints only part of what the plan holds: the other round,
            # the ordinance's amounts, the e-PlanNACC marks and the rest are kept where it is silent.
            keep_unreported(store.load_plan(plan.plan_id), plan)
        store.save_plan(plan, action="import")
    saved_to = None if store is None else store.path
    if args.json:
        print(json_text({**import_json(plan, result.findings, saved_to), "encoding": result.encoding}))
    else:
        lines = import_lines(plan, result.findings, saved_to, result.encoding, digit_style(args, plan))
        print_lines(console(soft_wrap=True), lines)
    return 0
