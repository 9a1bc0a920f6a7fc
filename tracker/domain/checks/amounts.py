"""Arithmetic rules (family ``arithmetic``): amounts that cannot be.

A project disbursing more than its budget, money spent on a project that needs no budget, a negative
budget or amount, and a total of budget, disbursement or remainder written in part 1 that the projects
do not add up to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import excerpt, quote
from tracker.domain.findings import Finding, Severity
from tracker.domain.project_rules import overspent, spent_without_budget
from tracker.domain.thai import amount_readings, to_arabic_digits


@rule("ARITH_OVER_BUDGET", Family.ARITHMETIC, Severity.ERROR)
def check_over_budget(ctx: CheckContext) -> Iterator[Finding]:
    """A project disbursed more than its budget."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        if project.budget is None or spent is None or overspent(project.budget, spent) is None:
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)}: เบิกจ่าย {ctx.baht(spent)} บาท เกินงบประมาณ {ctx.baht(project.budget)} บาท"
            f" (project {n}: {spent:,.2f} baht disbursed, more than its budget of {project.budget:,.2f} baht)",
            "ตรวจสอบกับหลักฐานการเบิกจ่าย: แก้ช่องเบิกจ่ายหากพิมพ์ผิด หรือแก้งบประมาณหากได้รับงบเพิ่ม (เช่น โอนงบประมาณ)"
            " (check the payment records: correct the amount disbursed if it was mistyped, or the budget"
            " if more was allocated, e.g. by a transfer)",
            project,
        )


@rule("ARITH_NO_BUDGET_SPENT", Family.ARITHMETIC, Severity.ERROR)
def check_spent_without_budget(ctx: CheckContext) -> Iterator[Finding]:
    """A project that needs no budget (ไม่ใช้งบประมาณ) shows money disbursed."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        if spent is None or not spent_without_budget(project.budget, spent):
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} ระบุว่าไม่ใช้งบประมาณ แต่มีการเบิกจ่าย {ctx.baht(spent)} บาท"
            f" (project {n} needs no budget, yet {spent:,.2f} baht were disbursed)",
            "หากโครงการใช้เงินจริง ให้กรอกงบประมาณที่ได้รับ; หากไม่ได้ใช้เงิน ให้ลบจำนวนเงินเบิกจ่ายออก"
            " (if the project did spend money, enter the budget it was given; if not, clear the amount disbursed)",
            project,
        )


@rule("ARITH_NEGATIVE", Family.ARITHMETIC, Severity.ERROR)
def check_negative_amounts(ctx: CheckContext) -> Iterator[Finding]:
    """A budget or an amount disbursed below zero."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        for what_th, what_en, amount in (("งบประมาณ", "budget", project.budget),
                                         ("เบิกจ่าย", "amount disbursed", spent)):
            if amount is None or amount >= 0:
                continue
            n = project.number
            yield ctx.finding(
                f"{ctx.project_th(n)}: {what_th}ติดลบ ({ctx.num(f'{amount:,.2f}')} บาท)"
                f" (project {n}: negative {what_en}, {amount:,.2f} baht)",
                f"กรอก{what_th}เป็นจำนวนเงินที่ไม่ติดลบ (enter an amount of zero or more)",
                project,
            )


# "เบิกจ่ายงบประมาณ ๐.๐๐ บาท", "งบประมาณทั้งสิ้น ๑๘๐,๐๐๐ บาท", "คงเหลือ ๑๘๐,๐๐๐.๐๐ บาท"
_TOTAL_RE = re.compile(
    r"(เบิกจ่าย|ใช้จ่าย|คงเหลือ|งบประมาณ)(?:งบประมาณ)?"
    r"((?:\s|[.:]|ทั้งสิ้น|ทั้งหมด|รวม|จำนวน|เป็นเงิน|จำนวนเงิน)*)"
    r"(\d[\d,.]*)\s*บาท"
)
_TOTAL_WORDS = ("ทั้งสิ้น", "ทั้งหมด", "รวม")


@rule("TEXT_TOTAL_MISMATCH", Family.ARITHMETIC, Severity.WARNING)
def check_text_totals(ctx: CheckContext) -> Iterator[Finding]:
    """An amount of budget, disbursement or remainder written in part 1 that the projects do not add up to.

    An amount not called a total (ทั้งสิ้น, ทั้งหมด, รวม) may be one project's own: it passes if a
    project has that amount. Only sections published as typed are read: the results of the period are
    written afresh by every export.
    """
    for section, text in ctx.narrative():
        arabic = to_arabic_digits(text)  # same length: digit for digit
        for match in _TOTAL_RE.finditer(arabic):
            keyword, between, written = match.group(1), match.group(2), match.group(3).rstrip(".,")
            readings = amount_readings(written)
            if not readings:
                continue
            what_th, what_en, total, singles = _amounts_of(ctx, keyword)
            if total in readings:
                continue
            called_total = any(word in between for word in _TOTAL_WORDS)
            if not called_total and any(r in singles for r in readings):
                continue
            yield ctx.finding(
                f"{section.heading} เขียน{what_th} {ctx.num(written)} บาท แต่ยอดรวมจากโครงการ"
                f" ({ctx.plan.round.label}) คือ {ctx.baht(total)} บาท"
                f" ({section.english} states {written} baht {what_en}; the projects add up to {total:,.2f} baht)",
                f"แก้ตัวเลขในข้อความให้ตรงกับยอดรวมจากโครงการ หรือแก้จำนวนเงินของโครงการที่ผิด;"
                f" ข้อความ: {quote(excerpt(text, match.start(), match.end()))}"
                " (correct the figure in the text to the projects' total, or the project amounts that are wrong)",
            )


def _amounts_of(ctx: CheckContext, keyword: str) -> tuple[str, str, Decimal, list[Decimal]]:
    """What part 1's ``keyword`` speaks of (in Thai and English), the projects' total of it in the plan's
    current round, and each project's own amount of it."""
    figures = ctx.part1_figures
    projects = ctx.plan.projects
    round_ = ctx.plan.round
    if keyword in ("เบิกจ่าย", "ใช้จ่าย"):
        singles = [d for p in projects if (d := p.result(round_).disbursed) is not None]
        return "การเบิกจ่าย", "disbursed", figures.disbursed, singles
    if keyword == "คงเหลือ":
        singles = [p.budget - (p.result(round_).disbursed or 0) for p in projects if p.budget is not None]
        return "งบประมาณคงเหลือ", "remaining", figures.remaining, singles
    return "งบประมาณ", "budget", figures.budget, [p.budget for p in projects if p.budget is not None]
