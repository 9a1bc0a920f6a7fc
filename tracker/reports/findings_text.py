"""The findings as the command line lists them: ``tracker check`` by family, ``tracker import`` in order.

Each function returns the lines to print, rich ``Text`` objects whose user text went through
``safe_text`` (no control character reaches the terminal; no markup is read from it). At most
:data:`SHOWN_FINDINGS` findings are listed, errors first, then one line says how many more there are.
"""

from __future__ import annotations

from rich.text import Text

from tracker.domain.findings import IMPORT_FAMILY, Finding, Severity
from tracker.domain.model import Plan, Round
from tracker.domain.thai import DigitStyle, typed_digits, with_digits
from tracker.reports.summary import safe_text

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
"""The families in the order ``tracker check`` lists them, each under its heading."""

SHOWN_FINDINGS = 50
"""At most this many findings are printed as text (errors first); ``--json`` has every one."""


def error_count(findings: list[Finding]) -> int:
    return sum(f.severity is Severity.ERROR for f in findings)


def shown_findings(findings: list[Finding]) -> set[int]:
    """The ids of the findings to print: every one up to :data:`SHOWN_FINDINGS`, else errors first."""
    if len(findings) <= SHOWN_FINDINGS:
        return {id(f) for f in findings}
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    order = sorted(range(len(findings)), key=lambda i: (rank[findings[i].severity], i))
    return {id(findings[i]) for i in order[:SHOWN_FINDINGS]}


def rest_lines(findings: list[Finding], shown: set[int], style: DigitStyle) -> list[Text]:
    """One line for the findings not printed, with how to see them all (none when all are)."""
    rest = [f for f in findings if id(f) not in shown]
    if not rest:
        return []
    errors = error_count(rest)
    return [safe_text(
        f"… และอีก {with_digits(str(len(rest)), style)} รายการ (ข้อผิดพลาด {with_digits(str(errors), style)})"
        f" ที่ไม่ได้แสดง ดูทั้งหมดด้วย --json (and {len(rest)} more not shown, {errors} of them errors;"
        " --json lists every one)", "bold"
    )]


def check_lines(
    plan: Plan, round_: Round, findings: list[Finding], resolved: list[str], style: DigitStyle
) -> list[Text]:
    """``tracker check``'s text: what was marked resolved, the plan checked, the findings by family, the totals."""
    lines: list[Text] = []
    if resolved:
        lines.append(safe_text(f"ทำเครื่องหมายว่าแก้แล้ว (marked resolved): {', '.join(resolved)}"))
    lines.append(safe_text(
        f"ตรวจสอบ {plan.organization} ปีงบประมาณ {with_digits(str(plan.fiscal_year), style)}"
        f" {round_.label_in(style)}", "bold"
    ))
    if not findings:
        lines.append(Text("✓ ไม่พบข้อผิดพลาด (no findings)", style="green"))
        return lines
    shown = shown_findings(findings)
    for family, label in FAMILY_LABELS.items():
        group = [f for f in findings if f.family == family and id(f) in shown]
        if not group:
            continue
        lines.append(safe_text(f"\n{label}", "bold underline"))
        for finding in group:
            lines.extend(_check_finding(finding, style))
    lines.extend(rest_lines(findings, shown, style))
    errors = error_count(findings)
    lines.append(safe_text(
        f"\nรวม {with_digits(str(len(findings)), style)} รายการ: {SEVERITY_LABELS[Severity.ERROR]}"
        f" {with_digits(str(errors), style)}, {SEVERITY_LABELS[Severity.WARNING]}"
        f" {with_digits(str(len(findings) - errors), style)}"
    ))
    return lines


def _check_finding(finding: Finding, style: DigitStyle) -> list[Text]:
    """A finding as ``tracker check`` shows it: its mark in colour, its id in bold, then its detail dimmed."""
    colour = "red" if finding.severity is Severity.ERROR else "yellow"
    where = f" โครงการ {with_digits(str(finding.project), style)}" if finding.project is not None else ""
    line = safe_text(f"{'✗' if finding.severity is Severity.ERROR else '!'} ", colour)
    if finding.ref:
        line.append_text(safe_text(f"{finding.ref} ", "bold"))
    line.append_text(safe_text(f"[{finding.code}]{where} {typed_digits(finding.message, style)}"))
    lines = [line]
    if finding.detail:
        lines.append(safe_text(f"    → {typed_digits(finding.detail, style)}", "dim"))
    return lines


def import_findings_lines(findings: list[Finding], style: DigitStyle) -> list[Text]:
    """``tracker import``'s findings in the order found (each with the id ``tracker check --resolve`` takes)."""
    if not findings:
        return [Text("ไม่พบข้อขัดแย้งระหว่างส่วนของรายงาน (no findings)")]
    lines = [safe_text(f"\nข้อสังเกต {with_digits(str(len(findings)), style)} รายการ (findings):", "bold")]
    shown = shown_findings(findings)
    for finding in (f for f in findings if id(f) in shown):
        where = f" โครงการ {with_digits(str(finding.project), style)}" if finding.project is not None else ""
        ref = f"{finding.ref} " if finding.ref else ""  # kept with the plan: tracker check --resolve ID
        lines.append(safe_text(f"- {ref}[{finding.code}]{where} {typed_digits(finding.message, style)}"))
        if finding.detail:
            lines.append(safe_text(f"    → {typed_digits(finding.detail, style)}"))
    lines.extend(rest_lines(findings, shown, style))
    return lines


def export_warning(findings: list[Finding], style: DigitStyle, *, entry: bool = False) -> Text | None:
    """The warning ``tracker export`` writes when the checks find something in the plan exported
    (``entry``: the e-PlanNACC entry sheet, checked before the results go into the national system
    rather than before a report is published)."""
    if not findings:
        return None
    errors = error_count(findings)
    before, english = (
        ("ก่อนบันทึกลงระบบ e-PlanNACC", "before entering the results") if entry else ("ก่อนเผยแพร่", "before publishing")
    )
    return safe_text(
        f"คำเตือน: การตรวจสอบพบข้อผิดพลาด {with_digits(str(errors), style)} และข้อควรตรวจ"
        f" {with_digits(str(len(findings) - errors), style)} รายการ"
        f" ดูด้วย tracker check {before} (warning: the checks found problems; see tracker check {english})"
    )
