"""The commands on one plan of a database: ``summary``, ``check``, ``history``, and the app itself.

Each handler imports what it alone uses (``tracker summary`` loads no rules, no history report and
no textual: a test checks it).
"""

from __future__ import annotations

import argparse

from tracker.cli.shared import (
    CommandError,
    chosen_plan,
    console,
    digit_style,
    print_lines,
    select_plan,
    store_digit_style,
)
from tracker.domain.model import Plan, Round
from tracker.domain.thai import DigitStyle
from tracker.storage.store import Store


def summary(store: Store, args: argparse.Namespace) -> int:
    from tracker.reports.summary import summary_renderable

    plan = chosen_plan(store, args)
    round_ = Round(args.round) if args.round else None
    digits = DigitStyle(args.digits) if args.digits else None
    out = console()
    out.print(summary_renderable(plan, round_, digits, out.width))
    return 0


def check(store: Store, args: argparse.Namespace) -> int:
    """Run the rules; print the findings grouped by family. Exit 1 when there is an error."""
    from tracker.domain import import_findings
    from tracker.reports.findings_text import check_lines, error_count

    plan = chosen_plan(store, args)
    resolved = _resolve(store, plan, args.resolve)
    round_ = Round(args.round) if args.round else plan.round
    style = digit_style(args, plan)
    # The rules write their figures in the plan's setting; --digits is for this output only (the plan
    # is not saved after this point).
    plan.settings.digit_style = style
    findings = import_findings.all_findings(plan, round_)
    errors = error_count(findings)
    if args.json:
        from tracker.reports.cli_text import json_text

        print(json_text({
            "plan_id": plan.plan_id,
            "round": int(round_),
            "resolved": resolved,
            "errors": errors,
            "warnings": len(findings) - errors,
            "findings": [f.to_dict() for f in findings],
        }))
    else:
        print_lines(console(soft_wrap=True), check_lines(plan, round_, findings, resolved, style))
    return 1 if errors else 0


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


def history(store: Store, args: argparse.Namespace) -> int:
    """Print the recorded changes, oldest first (one plan's, or the whole file's with --all)."""
    from tracker.reports.cli_text import json_text
    from tracker.reports.history_report import history_text

    if args.all:
        plan = None
        changes = store.history()
    else:
        plan = chosen_plan(store, args)
        changes = store.history(plan.plan_id)
    if args.project is not None:
        number: int = args.project
        project = plan.project(number) if plan is not None else None
        if project is not None:
            changes = [c for c in changes if c.project_uid == project.uid]
        else:  # a deleted project has no number now; its entries keep the one it had
            changes = [c for c in changes if c.project_number == number]
    if args.json:
        print(json_text([c.to_dict() for c in changes]))
        return 0
    digits = digit_style(args, plan) if plan is not None or args.digits else store_digit_style(store, args)
    out = console(soft_wrap=True)
    # On a terminal the table fits it (a wider one would be cut by the terminal, mid-word); piped, it
    # keeps room for its columns.
    width = out.width if out.is_terminal else max(out.width, 100)
    out.print(history_text(changes, digits, width=width), end="")
    return 0


def run_app(store: Store, args: argparse.Namespace) -> int:
    """``tracker`` with no command: the app, on the plan ``--plan`` names (else the one it opens)."""
    from tracker.ui.app import TrackerApp  # textual loads only when the app is wanted

    plan_id = select_plan(store, args.plan).plan_id if "plan" in args else None
    app = TrackerApp(store, plan_id)
    app.run()
    return app.return_code or 0  # 129 when the terminal hung up
