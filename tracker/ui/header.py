"""The plan's header line worded shorter and shorter, for a narrow terminal to take the first that fits."""

from __future__ import annotations

from rich.text import Text

from tracker.domain.model import Plan
from tracker.domain.text import safe_line
from tracker.domain.thai import typed_digits, with_digits


def plan_title(plan: Plan) -> str:
    """The terminal's title: the organization and the fiscal year, in the plan's digits."""
    digits = plan.settings.digit_style
    organization = typed_digits(safe_line(plan.organization), digits)
    return f"{organization} ปีงบประมาณ {with_digits(str(plan.fiscal_year), digits)}"

HEADER_ABBREVIATIONS: tuple[tuple[tuple[str, str], ...], ...] = (
    (  # 80 columns: the usual short forms of the organization's kind, the year and the score
        ("องค์การบริหารส่วนตำบล", "อบต."),
        ("องค์การบริหารส่วนจังหวัด", "อบจ."),
        ("เทศบาลตำบล", "ทต."),
        ("เทศบาลเมือง", "ทม."),
        ("เทศบาลนคร", "ทน."),
        ("ปีงบประมาณ พ.ศ. ", "ปีงบ "),
        ("การนำแผนไปปฏิบัติ ร้อยละ ", "ร้อยละ "),
        ("บันทึกใน e-PlanNACC แล้ว ", "e-PlanNACC "),
    ),
    (  # and shorter still
        ("รอบ ", ""),
        ("ร้อยละ ", "%"),
        ("ยังไม่มีการรายงานผลรอบนี้", "ยังไม่รายงานผล"),
        ("✗ มีช่องไม่ถูกต้อง ยังไม่บันทึก", "✗ มีช่องไม่ถูกต้อง"),
        ("e-PlanNACC ", "☑ "),  # the tree's mark of a project entered in e-PlanNACC
    ),
    (  # before the organization has to go: the year alone (พ.ศ., beside the round), the level's words alone
        ("ปีงบ ", ""),
        ("ระดับ ", ""),
    ),
)
"""Shorter wordings of the header's pieces (a piece that starts with the first text), one set after another."""


def shorter_headers(parts: list[Text]) -> list[list[Text]]:
    """The header's pieces worded shorter and shorter, for :class:`PlanHeader` to take the first that fits.

    Shortest of all: without the organization (the tree's first line and the terminal's title name it).
    """
    variants: list[list[Text]] = []
    current = parts
    for abbreviations in HEADER_ABBREVIATIONS:
        current = [_abbreviated(part, abbreviations) for part in current]
        variants.append(current)
    variants.append(current[1:])
    return variants


def _abbreviated(part: Text, abbreviations: tuple[tuple[str, str], ...]) -> Text:
    text = part.plain
    for long, short in abbreviations:
        if text.startswith(long):
            # "ร้อยละ ๘๕.๐๐" becomes "๘๕.๐๐%": the sign goes after the number
            text = text[len(long):] + short if short == "%" else short + text[len(long):]
            return Text(text, style=part.style, end=part.end)
    return part
