"""Arithmetic rules (family ``arithmetic``): amounts that cannot be.

A project disbursing more than its budget or than the amount its budget ordinance appropriated, money
spent on a project that needs no budget or that is not in the ordinance, an amount appropriated for a
project that needs no budget, a negative amount, the ordinance's amount or "included" the national form
asks for and the plan does not know, and a total of budget, disbursement or remainder written in part 1
that the projects do not add up to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import excerpt, quote
from tracker.domain.fields import PROJECT
from tracker.domain.figures import project_remaining
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import Status
from tracker.domain.project_rules import appropriated_without_budget, overspent, spent_without_budget
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


_APPROPRIATED = PROJECT["appropriated"].thai  # วงเงินตามข้อบัญญัติ/เทศบัญญัติ
_INCLUDED = PROJECT["included"].thai  # บรรจุในข้อบัญญัติ/แผนการดำเนินงาน


@rule("ARITH_OVER_APPROPRIATED", Family.ARITHMETIC, Severity.ERROR)
def check_over_appropriated(ctx: CheckContext) -> Iterator[Finding]:
    """A project disbursed more than the amount its budget ordinance appropriated.

    Where that amount is the plan's budget, ARITH_OVER_BUDGET says it already, with the same amount.
    """
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        appropriated = project.appropriated
        if appropriated is None or spent is None or overspent(appropriated, spent) is None:
            continue
        if project.budget == appropriated:
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)}: เบิกจ่าย {ctx.baht(spent)} บาท เกิน{_APPROPRIATED} {ctx.baht(appropriated)} บาท"
            f" (project {n}: {spent:,.2f} baht disbursed, more than the {appropriated:,.2f} baht appropriated"
            " in the budget ordinance)",
            "เบิกจ่ายเกินวงเงินที่ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่ายอนุมัติไว้ไม่ได้: ตรวจสอบกับหลักฐานการเบิกจ่าย"
            " แล้วแก้ช่องเบิกจ่ายหากพิมพ์ผิด; หากมีการโอนงบประมาณมาเพิ่มหรือตั้งงบประมาณรายจ่ายเพิ่มเติม ให้แก้วงเงิน"
            "ตามข้อบัญญัติเป็นวงเงินหลังโอนหรือหลังตั้งเพิ่ม และบันทึกที่มาไว้ในหมายเหตุของรอบ"
            " (no more may be paid than the ordinance appropriated: check the payment records and correct the"
            " amount disbursed if it was mistyped; if a transfer or a supplementary ordinance added to it, enter"
            " the amount after it and note where it came from in the round's remark)",
            project,
            field="disbursed",
        )


@rule("ARITH_APPROPRIATED_NO_BUDGET", Family.ARITHMETIC, Severity.ERROR)
def check_appropriated_without_budget(ctx: CheckContext) -> Iterator[Finding]:
    """A project that needs no budget (ไม่ใช้งบประมาณ) with an amount appropriated in the budget ordinance.

    An appropriated 0.00 agrees with needing no budget and passes.
    """
    for project in ctx.plan.projects:
        appropriated = project.appropriated
        if appropriated is None or not appropriated_without_budget(project.budget, appropriated):
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} ระบุว่าไม่ใช้งบประมาณ แต่มี{_APPROPRIATED} {ctx.baht(appropriated)} บาท"
            f" (project {n} needs no budget, yet {appropriated:,.2f} baht are appropriated for it in the"
            " budget ordinance)",
            "หากโครงการได้รับงบประมาณจริง ให้เอาเครื่องหมายไม่ใช้งบประมาณออกแล้วกรอกงบประมาณตามแผนพัฒนาท้องถิ่น"
            " (รายงานจะแสดงไม่ใช้งบประมาณคู่กับเงินคงเหลือไม่ได้); หากไม่ได้ตั้งงบประมาณไว้ ให้ลบวงเงินตามข้อบัญญัติออก"
            f" หรือกรอก {ctx.baht(Decimal(0))}"
            " (if the project was given money, untick 'needs no budget' and enter its budget in the local"
            " development plan — a report cannot show 'no budget' beside a remaining amount; if nothing was"
            " appropriated, clear the amount or enter 0.00)",
            project,
            field="appropriated",
        )


@rule("ARITH_NEGATIVE", Family.ARITHMETIC, Severity.ERROR)
def check_negative_amounts(ctx: CheckContext) -> Iterator[Finding]:
    """A budget, an amount appropriated or an amount disbursed below zero."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        for what_th, what_en, amount in (("งบประมาณ", "budget", project.budget),
                                         (_APPROPRIATED, "amount appropriated", project.appropriated),
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


@rule("ARITH_SPENT_NOT_INCLUDED", Family.ARITHMETIC, Severity.WARNING)
def check_spent_not_included(ctx: CheckContext) -> Iterator[Finding]:
    """Money disbursed on a project marked as not included in the budget ordinance or operational plan."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        if project.included is not False or spent is None or spent <= 0:
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} ระบุว่าไม่บรรจุในข้อบัญญัติ/เทศบัญญัติหรือแผนการดำเนินงาน แต่มีการเบิกจ่าย"
            f" {ctx.baht(spent)} บาท (project {n} is marked as not included in the budget ordinance or the"
            f" operational plan, yet {spent:,.2f} baht were disbursed)",
            "การเบิกจ่ายต้องมีงบประมาณรองรับ: หากโครงการบรรจุไว้แล้ว (เช่น ในแผนการดำเนินงานเพิ่มเติม) ให้แก้ช่อง"
            f"{_INCLUDED}เป็น “บรรจุ”; หากเบิกจ่ายจากเงินที่โอนมาตั้งจ่ายใหม่หรือจากเงินสะสม ให้บันทึกที่มาไว้ในหมายเหตุ"
            "ของรอบ; หากไม่ได้ใช้เงิน ให้ลบจำนวนเงินเบิกจ่ายออก"
            " (money paid out needs a budget behind it: if the project is included after all, e.g. in an"
            " amended operational plan, mark it included; if the money came from a transfer to a new item or"
            " from accumulated funds, say so in the round's remark; if nothing was spent, clear the amount)",
            project,
            field="included",
        )


@rule("ARITH_ORDINANCE_UNSTATED", Family.ARITHMETIC, Severity.WARNING)
def check_ordinance_unstated(ctx: CheckContext) -> Iterator[Finding]:
    """A budgeted project reported in the round whose amount in the budget ordinance, or whether it is
    included in the ordinance or operational plan, is not known: the national system's form asks for both.

    One finding per project, naming what is missing. Not asked: a project that needs no budget, one not
    reported in the round (nothing is entered for it yet), the amount of one marked as not included.
    """
    for project in ctx.plan.projects:
        if project.budget is None or ctx.result(project).status is Status.NOT_REPORTED:
            continue
        amount = project.appropriated is None and project.included is not False
        included = project.included is None
        if not (amount or included):
            continue
        n = project.number
        if amount and included:
            what_th = f"{_APPROPRIATED} และไม่ระบุว่า{_INCLUDED}หรือไม่"
            what_en = "neither the amount appropriated in the budget ordinance nor whether it is included is stated"
        elif amount:
            what_th, what_en = _APPROPRIATED, "the amount appropriated in the budget ordinance is not stated"
        else:
            what_th = f"ว่า{_INCLUDED}หรือไม่"
            what_en = "whether it is included in the ordinance or operational plan is not stated"
        todo_th, todo_en = [], []
        if amount:
            todo_th.append(f"กรอก{_APPROPRIATED}ตามที่ข้อบัญญัติงบประมาณรายจ่ายประจำปีตั้งไว้"
                           f" ({ctx.baht(Decimal(0))} หากไม่ได้ตั้ง)")
            todo_en.append("enter what the year's budget ordinance appropriated (0.00 if nothing)")
        if included:
            todo_th.append(f"เลือกช่อง{_INCLUDED}ว่าบรรจุหรือไม่บรรจุ")
            todo_en.append("choose whether the project is included")
        yield ctx.finding(
            f"{ctx.project_th(n)} ใช้งบประมาณ แต่ยังไม่ระบุ{what_th} ซึ่งแบบรายงานผลในระบบ e-PlanNACC ถามถึง"
            f" (project {n} has a budget, but {what_en}; the national system's form asks for it)",
            f"ในแบบฟอร์มโครงการ {' และ'.join(todo_th)} เพื่อให้รายงานตรงกับที่บันทึกในระบบ e-PlanNACC"
            f" (in the project's form, {' and '.join(todo_en)}, so that the report matches what the national"
            " system holds)",
            project,
            field="appropriated" if amount else "included",
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
            what_th, what_en, totals, singles = _amounts_of(ctx, keyword)
            if any(t in readings for t in totals):
                continue
            total = totals[0]
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


def _amounts_of(ctx: CheckContext, keyword: str) -> tuple[str, str, tuple[Decimal, ...], list[Decimal]]:
    """What part 1's ``keyword`` speaks of (in Thai and English), the projects' totals of it in the plan's
    current round (the first is the one a finding names), and each project's own amount of it.

    A budget may be the plan's or, where the ordinance's amounts are known, the ordinance's: either total
    passes, and so does either amount of one project. What remains is reckoned as the figures reckon it
    (from the ordinance's amount where known)."""
    figures = ctx.part1_figures
    projects = ctx.plan.projects
    round_ = ctx.plan.round
    if keyword in ("เบิกจ่าย", "ใช้จ่าย"):
        singles = [d for p in projects if (d := p.result(round_).disbursed) is not None]
        return "การเบิกจ่าย", "disbursed", (figures.disbursed,), singles
    if keyword == "คงเหลือ":
        singles = [r for p in projects if (r := project_remaining(p, round_)) is not None]
        return "งบประมาณคงเหลือ", "remaining", (figures.remaining,), singles
    singles = [p.budget for p in projects if p.budget is not None]
    if not figures.appropriated_projects:
        return "งบประมาณ", "budget", (figures.budget,), singles
    singles += [p.appropriated for p in projects if p.appropriated is not None]
    return "งบประมาณ", "budget", (figures.budget, figures.appropriated), singles
