"""What the command line prints besides the tables: JSON, the import's account, the plans and backups listed.

Each function returns the lines to print (rich ``Text``, user text through ``safe_text``: shown as
data, never read as markup, no control character reaching the terminal) or, for JSON, the text.
``db`` is the database as advice to undo something names it (:func:`tracker.storage.errors.restore_command`:
``tracker --db PATH restore NAME``), None for the default one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rich.text import Text

from tracker.domain.figures import compute
from tracker.domain.findings import Finding
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, plan_to_dict
from tracker.domain.thai import DigitStyle, format_baht, format_percent, typed_digits, with_digits
from tracker.reports.findings_text import import_findings_lines
from tracker.reports.summary import safe_text
from tracker.reports.wording import remaining_basis_note
from tracker.storage.backups import Backup
from tracker.storage.backups import describe as describe_backup
from tracker.storage.errors import restore_command
from tracker.storage.store import PlanInfo

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(data: Any) -> str:
    """JSON for the terminal: Thai as itself, but no character that could act on a terminal.

    ``json.dumps`` escapes only C0 controls; DEL, C1 controls (0x9b starts a terminal command) and
    bidirectional controls are escaped here too. The output is the same JSON data.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def import_json(plan: Plan, findings: list[Finding], saved_to: Path | None) -> dict[str, Any]:
    """``tracker import --json``: the plan imported, its figures and the findings (``saved_to`` None: a dry run).

    ``remaining`` is reckoned from the appropriated amount where known: ``appropriated`` is their sum and
    ``appropriated_projects`` how many projects it covers (0: every remaining amount is from the budget).
    """
    figures = compute(plan)
    return {
        "saved_to": None if saved_to is None else str(saved_to),
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
        "appropriated": f"{figures.appropriated:.2f}",
        "appropriated_projects": figures.appropriated_projects,
        "score": f"{figures.score:.2f}",
        "flag": figures.flag.value,
        "level": figures.level,
        "narrative_sections": [s.key for s in NARRATIVE_SECTIONS if plan.narrative.get(s.key)],
        "findings": [f.to_dict() for f in findings],
        "plan": plan_to_dict(plan),
    }


def import_lines(
    plan: Plan, findings: list[Finding], saved_to: Path | None, encoding: str = "",
    style: DigitStyle = DigitStyle.THAI,
) -> list[Text]:
    """``tracker import``'s account: the plan, where it was saved, its figures, then the findings."""
    figures = compute(plan)

    def n(value: int) -> str:
        return with_digits(str(value), style)

    where = "ไม่ได้บันทึก (dry run, nothing saved)" if saved_to is None else f"บันทึกใน {saved_to}"
    lines = [safe_text(f"นำเข้า {plan.source}: {plan.organization} อำเภอ{plan.district} จังหวัด{plan.province}", "bold")]
    if encoding:
        lines.append(safe_text(f"อ่านไฟล์เป็นข้อความ (read as) {encoding}"))
    lines.append(safe_text(
        f"ปีงบประมาณ พ.ศ. {n(plan.fiscal_year)} {plan.round.label_in(style)}"
        f" · จัดทำโดย {plan.preparing_unit} · แผน {plan.plan_id} · {where}"
    ))
    dims = ", ".join(
        f"มิติที่ {n(d.number)}: {n(d.total)}" for d in figures.dimensions
    )
    lines.append(safe_text(f"โครงการ {n(figures.total)} ({dims})"))
    lines.append(safe_text(" · ".join(
        f"{s.label} {n(count)}" for s, count in figures.per_status.items()
    )))
    lines.append(safe_text(
        f"งบประมาณ {format_baht(figures.budget, style)} บาท ({n(figures.no_budget_projects)}"
        f" โครงการไม่ใช้งบประมาณ) · เบิกจ่าย {format_baht(figures.disbursed, style)}"
        f" · คงเหลือ {format_baht(figures.remaining, style)}"
        + ("" if (basis := remaining_basis_note(figures, style, plan)) is None else f" ({basis})")
    ))
    lines.append(safe_text(
        f"การนำแผนไปปฏิบัติ ร้อยละ {format_percent(figures.score, style)} ธง{figures.flag.label}"
        f" ระดับ {typed_digits(figures.level, style)}"
    ))
    sections = [s.heading for s in NARRATIVE_SECTIONS if plan.narrative.get(s.key)]
    lines.append(safe_text("เนื้อหาที่นำเข้า (narrative): " + ", ".join(sections)))
    return lines + import_findings_lines(findings, style)


def replace_backup_line(kept: Backup, db: Path | None) -> Text:
    """Where ``tracker import --replace`` kept the file before replacing a plan, and how to undo it."""
    return safe_text(
        f"สำรองแผนเดิมไว้ที่ {kept.path} ก่อนแทนที่ (backed up before replacing):"
        f" {restore_command(kept.name, db)} ย้อนกลับได้"
    )


def plans_lines(plans: list[PlanInfo], digits: DigitStyle | None) -> list[Text]:
    """``tracker plans``: a plan a line, tab-separated; each in its own digit setting unless ``digits``."""
    lines = []
    for info in plans:
        style = digits or info.digit_style
        lines.append(safe_text(
            f"{info.plan_id}\t{typed_digits(info.organization, style)}"
            f"\tปีงบประมาณ {with_digits(str(info.fiscal_year), style)}"
            f"\t{with_digits(str(info.projects), style)} โครงการ"
        ))
    return lines


def keep_line(keep: int, removed: int, style: DigitStyle) -> Text:
    """What ``tracker backups --keep N`` did: how many it keeps, and how many older ones it removed."""
    line = f"เก็บไฟล์สำรองล่าสุด {with_digits(str(keep), style)} ไฟล์ (keeping the newest {keep})"
    if removed:
        line += f"; ลบไฟล์สำรองที่เก่ากว่า {with_digits(str(removed), style)} ไฟล์ (removed {removed} older)"
    return safe_text(line)


def backups_lines(found: list[Backup], folder: Path, keep: int, style: DigitStyle, db: Path | None) -> list[Text]:
    """``tracker backups``: the folder, how many there are and are kept, then a backup a line, newest first."""
    if not found:
        return [safe_text(f"ยังไม่มีไฟล์สำรองใน {folder} (no backups yet)")]
    lines = [safe_text(
        f"ไฟล์สำรองใน {folder} ({with_digits(str(len(found)), style)} ไฟล์ เก็บล่าสุด "
        f"{with_digits(str(keep), style)} ไฟล์; กู้คืนด้วย {restore_command('ชื่อไฟล์', db)}):", "bold"
    )]
    lines.extend(safe_text(f"{backup.name}\t{describe_backup(backup, style)}") for backup in found)
    return lines


def restore_lines(chosen: Backup, path: Path, safety: Backup | None, db: Path | None) -> list[Text]:
    """What ``tracker restore`` did, and (when the file it replaced was kept) how to undo it."""
    lines = [safe_text(f"กู้คืน {chosen.name} เป็น {path} แล้ว (restored {chosen.name} to {path})")]
    if safety is not None:
        lines.append(safe_text(
            f"ไฟล์ก่อนกู้คืนสำรองไว้ที่ {safety.path} (the file it replaced is kept as {safety.name}):"
            f" {restore_command(safety.name, db)} ย้อนกลับได้ (undoes this restore)"
        ))
    return lines
