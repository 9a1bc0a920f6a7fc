"""``tracker export``: the plan's report written as Word, PDF, Markdown, plain text or CSV, or the
e-PlanNACC entry sheet."""

from __future__ import annotations

import argparse

from tracker.cli.shared import CommandError, chosen_plan, console, digit_style
from tracker.domain.model import Round
from tracker.domain.thai import DigitStyle
from tracker.reports.summary import safe_text
from tracker.storage.store import Store


def export_refusal(args: argparse.Namespace) -> str | None:
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
    if args.history and fmt is ExportFormat.ENTRY:
        return (
            "แบบกรอก e-PlanNACC มีเฉพาะช่องของแบบรายงานผลในระบบ ไม่มีภาคผนวกบันทึกการเปลี่ยนแปลง"
            " ดูการเปลี่ยนแปลงด้วย tracker history (the entry sheet holds only the national form's fields:"
            " leave out --history, and see the changes with tracker history)"
        )
    if args.history and not fmt.takes_history:
        return (
            f"รายงานรูปแบบ {fmt.value} ไม่มีภาคผนวกบันทึกการเปลี่ยนแปลง ใช้ --history กับ md หรือ txt"
            f" หรือดูด้วย tracker history (the {fmt.value} export has no change log appendix: use --history"
            " with md or txt, or see tracker history)"
        )
    return None


def export(store: Store, args: argparse.Namespace) -> int:
    """Write the report; then warn (on stderr) when the checks find something in the plan."""
    from tracker.domain import import_findings
    from tracker.reports.export import ExportError, ExportFormat, write_export
    from tracker.reports.findings_text import export_warning

    plan = chosen_plan(store, args)
    try:
        path = write_export(
            plan, ExportFormat(args.format), Round(args.round) if args.round else None,
            DigitStyle(args.digits) if args.digits else None, args.output,
            history=store.history(plan.plan_id) if args.history else None, emblem_folder=store.path.parent,
        )
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    what = (
        "ส่งออกแบบกรอก e-PlanNACC แล้ว (exported the entry sheet)" if args.format == ExportFormat.ENTRY
        else "ส่งออกรายงานแล้ว (exported the report)"
    )
    console(soft_wrap=True).print(safe_text(f"{what}: {path}"))
    round_ = Round(args.round) if args.round else plan.round
    warning = export_warning(
        import_findings.all_findings(plan, round_), digit_style(args, plan), entry=args.format == ExportFormat.ENTRY
    )
    if warning is not None:
        console(stderr=True, soft_wrap=True).print(warning)
    return 0
