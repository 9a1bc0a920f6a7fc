"""Rules that check a plan for one round, and say what to fix.

Each rule is one small function registered with :func:`rule`: it reads a :class:`CheckContext` and
yields findings built with :meth:`CheckContext.finding`, which stamps the rule's code, family and
severity on them. A new rule is one function (and its tests); :func:`run_checks` runs them all.

Messages are Thai with an English gloss in parentheses; ``detail`` says what to do about it.
Severity: an *error* is a fact the report cannot publish as it is (arithmetic that cannot be, a
status without what the national system requires); a *warning* needs a person's judgement (words
that seem to contradict the data, names and years that look copied from another report).

Part 1 (its narrative) describes the report of the plan's current round, so rules that read it
compare it with that round's figures whichever round is being checked. Only text the exports print
as typed is read: the results of the period, and the figures typed in them, are written afresh by
every export, so a finding there would be one nobody could act on.
Cross-part disagreements of an imported report are the importer's, kept with the plan until resolved
(:mod:`tracker.domain.import_findings`); :data:`IMPORT_EQUIVALENTS` names the importer's findings
that a rule here re-derives from the plan itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tracker.domain.columns import DETAIL_COLUMNS
from tracker.domain.figures import Figures, compute
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import (
    KIND_LABELS,
    NARRATIVE_SECTIONS,
    REASON_LABELS,
    NarrativeSection,
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    Status,
)
from tracker.domain.split_words import PhraseSplit, find_splits, known_names
from tracker.domain.text import bare, squash
from tracker.domain.thai import (
    MonthYear,
    amount_readings,
    ce_to_be,
    expand_short_year,
    fiscal_year_period,
    format_baht,
    parse_period,
    round_bounds,
    thai_date,
    to_arabic_digits,
    with_digits,
)


class Family(StrEnum):
    """The families of rules (issue 5)."""

    ARITHMETIC = "arithmetic"
    STATUS = "status"
    CALENDAR = "calendar"
    IDENTITY = "identity"
    COUNTS = "counts"
    DUPLICATES = "duplicates"
    SPACING = "spacing"


# --- the registry -----------------------------------------------------------------------------------

RuleCheck = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: its stable code, family, severity and the function that applies it."""

    code: str
    family: Family
    severity: Severity
    check: RuleCheck

    @property
    def summary(self) -> str:
        """The first line of the rule function's docstring."""
        doc = self.check.__doc__ or ""
        return doc.strip().split("\n")[0]


RULES: dict[str, Rule] = {}
"""Every rule by code, in the order they were registered."""


def rule(code: str, family: Family, severity: Severity) -> Callable[[RuleCheck], RuleCheck]:
    """Register ``check`` as the rule ``code``; codes are unique and never reused for another rule."""

    def register(check: RuleCheck) -> RuleCheck:
        if code in RULES:
            raise ValueError(f"rule {code} is registered twice")
        RULES[code] = Rule(code, family, severity, check)
        return check

    return register


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule reads: the plan, the round checked, its figures and helpers to write findings."""

    plan: Plan
    round: Round
    figures: Figures
    """The figures of the round checked."""
    part1_figures: Figures
    """The figures of the plan's current round: the report part 1 describes."""
    rule: Rule | None = None

    @classmethod
    def of(cls, plan: Plan, round_: Round) -> CheckContext:
        figures = compute(plan, round_)
        part1 = figures if round_ is plan.round else compute(plan, plan.round)
        return cls(plan, round_, figures, part1)

    def finding(self, message: str, detail: str, project: int | None = None, *, field: str = "") -> Finding:
        """A finding of the rule being run; ``field`` names the form field it is about, if one."""
        if self.rule is None:
            raise RuntimeError("finding() outside a rule: use run_checks or for_rule")
        return Finding(
            self.rule.code, self.rule.severity, message, project, detail, str(self.rule.family), field=field
        )

    def for_rule(self, rule_: Rule) -> CheckContext:
        return replace(self, rule=rule_)

    # --- writing numbers the plan's way -------------------------------------------------------------

    def num(self, value: int | str) -> str:
        """A number in the plan's digit style."""
        return with_digits(str(value), self.plan.settings.digit_style)

    def baht(self, amount: Decimal) -> str:
        return format_baht(amount, self.plan.settings.digit_style)

    def project_th(self, number: int) -> str:
        return f"โครงการลำดับ {self.num(number)}"

    # --- what rules read ----------------------------------------------------------------------------

    def result(self, project: Project) -> RoundResult:
        return project.result(self.round)

    def narrative(self) -> Iterator[tuple[NarrativeSection, str]]:
        """The sections of part 1 (and cover and foreword) that have text and are published as typed,
        in report order (not the results of the period, which every export writes from the figures)."""
        for section in NARRATIVE_SECTIONS:
            if not section.published:
                continue
            text = self.plan.narrative_for(self.plan.round).get(section.key, "")
            if text.strip():
                yield section, text

    def project_texts(self, project: Project) -> Iterator[tuple[str, str, str]]:
        """The project's own words (name, method, indicator, result, remarks) that have text, each with
        its column heading and an English name for the gloss."""
        texts = {
            "name": project.name,
            "method": project.method,
            "indicator": project.indicator,
            "result": self.result(project).result_text,
            "remarks": project.remarks,
        }
        for key, text in texts.items():
            if text.strip():
                yield _HEADINGS.get(key, "หมายเหตุ"), _ENGLISH_FIELDS[key], text


_HEADINGS: dict[str, str] = {c.key: c.heading for c in DETAIL_COLUMNS}
_ENGLISH_FIELDS = {"name": "name", "method": "method", "indicator": "indicator", "result": "result",
                   "remarks": "remarks"}

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def run_checks(plan: Plan, round_: Round | None = None, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding of ``rules`` (all registered rules by default) on ``plan`` for ``round_``.

    Sorted: errors first, then plan-wide findings before those of projects, then by project number,
    then by code; findings of one rule keep the order it gave them (part 1's sections in report order).
    """
    round_ = plan.round if round_ is None else round_
    base = CheckContext.of(plan, round_)
    findings: list[Finding] = []
    for rule_ in RULES.values() if rules is None else rules:
        findings.extend(rule_.check(base.for_rule(rule_)))
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order :func:`run_checks` gives them (a stable sort: equals keep their order)."""
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[int, bool, int, str]:
    project = finding.project
    return _SEVERITY_ORDER[finding.severity], project is not None, project or 0, finding.code


IMPORT_EQUIVALENTS: dict[str, str] = {
    "REASON_MISSING": "STATUS_NO_REASON",
    "STATUS_RESULT_MISMATCH": "STATUS_TEXT_CONTRADICTS",
    "DIMENSION_MISSING": "COUNT_NO_DIMENSION",
}
"""Importer finding codes whose fact a rule here may find again in the imported plan.

The rules do not always agree with the importer (they read words more strictly), so an importer
finding is dropped only where the rule did find it for the same project: see :func:`not_refound`.
"""


def not_refound(imported: Iterable[Finding], checked: Iterable[Finding]) -> list[Finding]:
    """The importer's findings that no rule found again, for showing both lists without repeats."""
    refound = {(f.code, f.project) for f in checked}
    return [
        f for f in imported
        if f.code not in IMPORT_EQUIVALENTS or (IMPORT_EQUIVALENTS[f.code], f.project) not in refound
    ]


# --- text helpers -----------------------------------------------------------------------------------

_QUOTES = "\"'“”‘’«»"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc")


def _excerpt(text: str, start: int, end: int, width: int = 24) -> str:
    """The words around ``text[start:end]``, for a message that shows where a problem is."""
    a, b = max(0, start - width), min(len(text), end + width)
    while 0 < a < len(text) and _is_mark(text[a]):
        a -= 1  # never start on a vowel or tone mark: it belongs to the letter before
    while b < len(text) and _is_mark(text[b]):
        b += 1
    return ("…" if a > 0 else "") + squash(text[a:b]) + ("…" if b < len(text) else "")


def _clip(text: str, width: int) -> str:
    """``text`` cut to about ``width`` characters, never leaving a mark without its letter."""
    if len(text) <= width:
        return text
    while width < len(text) and _is_mark(text[width]):
        width += 1
    return text[:width] + "…"


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _join_th(items: list[str]) -> str:
    return ", ".join(items)


# --- arithmetic --------------------------------------------------------------------------------------


@rule("ARITH_OVER_BUDGET", Family.ARITHMETIC, Severity.ERROR)
def check_over_budget(ctx: CheckContext) -> Iterator[Finding]:
    """A project disbursed more than its budget."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        if project.budget is None or spent is None or spent <= project.budget:
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)}: เบิกจ่าย {ctx.baht(spent)} บาท เกินงบประมาณ {ctx.baht(project.budget)} บาท"
            f" (project {n}: {spent:,.2f} baht disbursed, more than its budget of {project.budget:,.2f} baht)",
            "ตรวจสอบกับหลักฐานการเบิกจ่าย: แก้ช่องเบิกจ่ายหากพิมพ์ผิด หรือแก้งบประมาณหากได้รับงบเพิ่ม (เช่น โอนงบประมาณ)"
            " (check the payment records: correct the amount disbursed if it was mistyped, or the budget"
            " if more was allocated, e.g. by a transfer)",
            n,
        )


@rule("ARITH_NO_BUDGET_SPENT", Family.ARITHMETIC, Severity.ERROR)
def check_spent_without_budget(ctx: CheckContext) -> Iterator[Finding]:
    """A project that needs no budget (ไม่ใช้งบประมาณ) shows money disbursed."""
    for project in ctx.plan.projects:
        spent = ctx.result(project).disbursed
        if project.budget is not None or spent is None or spent <= 0:
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} ระบุว่าไม่ใช้งบประมาณ แต่มีการเบิกจ่าย {ctx.baht(spent)} บาท"
            f" (project {n} needs no budget, yet {spent:,.2f} baht were disbursed)",
            "หากโครงการใช้เงินจริง ให้กรอกงบประมาณที่ได้รับ; หากไม่ได้ใช้เงิน ให้ลบจำนวนเงินเบิกจ่ายออก"
            " (if the project did spend money, enter the budget it was given; if not, clear the amount disbursed)",
            n,
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
                n,
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
    figures = ctx.part1_figures
    projects = ctx.plan.projects
    for section, text in ctx.narrative():
        arabic = to_arabic_digits(text)  # same length: digit for digit
        for match in _TOTAL_RE.finditer(arabic):
            keyword, between, written = match.group(1), match.group(2), match.group(3).rstrip(".,")
            readings = amount_readings(written)
            if not readings:
                continue
            if keyword in ("เบิกจ่าย", "ใช้จ่าย"):
                total, what_th, what_en = figures.disbursed, "การเบิกจ่าย", "disbursed"
                singles = [d for p in projects if (d := p.result(ctx.plan.round).disbursed) is not None]
            elif keyword == "คงเหลือ":
                total, what_th, what_en = figures.remaining, "งบประมาณคงเหลือ", "remaining"
                singles = [
                    p.budget - (p.result(ctx.plan.round).disbursed or 0) for p in projects
                    if p.budget is not None
                ]
            else:
                total, what_th, what_en = figures.budget, "งบประมาณ", "budget"
                singles = [p.budget for p in projects if p.budget is not None]
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
                f" ข้อความ: {_quote(_excerpt(text, match.start(), match.end()))}"
                " (correct the figure in the text to the projects' total, or the project amounts that are wrong)",
            )


# --- status ------------------------------------------------------------------------------------------


@rule("STATUS_NO_REASON", Family.STATUS, Severity.ERROR)
def check_reason(ctx: CheckContext) -> Iterator[Finding]:
    """A project that could not be done, with no reason (or "other" with no words)."""
    reasons = ", ".join(label for kind, label in REASON_LABELS.items() if kind is not ReasonKind.OTHER)
    for project in ctx.plan.projects:
        result = ctx.result(project)
        if result.status is not Status.NOT_DONE:
            continue
        n = project.number
        if result.reason is None:
            yield ctx.finding(
                f"{ctx.project_th(n)} ไม่สามารถดำเนินการได้ แต่ไม่ระบุเหตุผล"
                f" (project {n} could not be done, and no reason is given)",
                f"เลือกเหตุผลในช่องเหตุผล: {reasons} หรืออื่นๆ (พร้อมคำอธิบาย) ซึ่งระบบ e-PlanNACC ต้องการ"
                " (choose the reason the national system asks for: no budget, policy changed, not enough"
                " staff, or other with a few words)",
                n,
            )
        elif result.reason is ReasonKind.OTHER and not result.reason_text.strip():
            yield ctx.finding(
                f"{ctx.project_th(n)} ไม่สามารถดำเนินการได้ เหตุผล “อื่นๆ” แต่ไม่ได้อธิบาย"
                f" (project {n} could not be done for an 'other' reason that is not described)",
                "เขียนคำอธิบายเหตุผลสั้นๆ ต่อจาก “อื่นๆ” (say in a few words what the other reason is)",
                n,
            )


@rule("STATUS_NO_RESULT", Family.STATUS, Severity.ERROR)
def check_result_text(ctx: CheckContext) -> Iterator[Finding]:
    """A project marked completed with no result text."""
    for project in ctx.plan.projects:
        result = ctx.result(project)
        if result.status is Status.COMPLETED and not result.result_text.strip():
            n = project.number
            yield ctx.finding(
                f"{ctx.project_th(n)} ดำเนินการแล้วเสร็จ แต่ไม่มีผลการดำเนินงาน"
                f" (project {n} is completed, and its result is empty)",
                "เขียนผลการดำเนินงานว่าทำอะไรไปและได้ผลตามตัวชี้วัดอย่างไร ซึ่งการประเมิน ITA ตรวจดู"
                " (write what was done and how the indicator was met; the ITA assessment looks for it)",
                n,
            )


# Words that say a project was not done. Matched on text without whitespace (cells wrap anywhere).
# "ไม่ได้ดำเนินการ" alone is common in completed results ("ไม่มีเรื่องร้องเรียน จึงไม่ได้ดำเนินการสอบสวน"),
# so it counts only where the result begins with it.
_NOT_DONE_ANYWHERE = ("ไม่สามารถดำเนินการ", "ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ")
_NOT_DONE_AT_START = ("ไม่ได้ดำเนินการ",)
# Any of these in a could-not-be-done result means it speaks of not doing or of why (the reasons'
# own words included: "นโยบายผู้บริหารเปลี่ยนแปลง", "บุคลากรไม่เพียงพอ"). Not "ไม่" alone: an indicator
# copied over says "ไม่ต่ำกว่าร้อยละ ๘๐" and still reads as achieved.
_NEGATIONS = ("ไม่สามารถ", "ไม่ได้", "ยังไม่", "ไม่มี", "ไม่ครบ", "ไม่เพียงพอ", "ไม่ทัน", "ขาด", "ยกเลิก",
              "งดจัด", "งดดำเนินการ", "เลื่อน", "เปลี่ยนแปลง", "เนื่องจาก", "เพราะ")
# Words of a result achieved.
_ACHIEVED = ("ร้อยละ", "แล้วเสร็จ", "เสร็จสิ้น", "เสร็จเรียบร้อย", "เรียบร้อยแล้ว", "ดำเนินการแล้ว", "ครบถ้วน",
             "ได้ครบ", "บรรลุ", "สำเร็จ", "ผ่านเกณฑ์", "ได้ดำเนินการ", "ได้จัด", "ได้รับความรู้", "มีความรู้",
             "มีความรับรู้", "มีความเข้าใจ", "พึงพอใจ")


def says_not_done(result_text: str) -> str | None:
    """The words by which a result says the project was not done, if it does."""
    text = bare(result_text)
    for phrase in _NOT_DONE_ANYWHERE:
        if phrase in text:
            return phrase
    return next((p for p in _NOT_DONE_AT_START if text.startswith(p)), None)


def reads_achieved(result_text: str, indicator: str = "") -> str | None:
    """Why a result reads as achieved (its words, or that it repeats the indicator), if it says
    nothing of not doing; None otherwise."""
    text = bare(result_text)
    if text and text == bare(indicator):
        return "ตัวชี้วัด"  # whatever its words, the indicator copied over is no account of not doing
    if not text or any(word in text for word in _NEGATIONS):
        return None
    return next((word for word in _ACHIEVED if word in text), None)


@rule("STATUS_TEXT_CONTRADICTS", Family.STATUS, Severity.WARNING)
def check_status_against_text(ctx: CheckContext) -> Iterator[Finding]:
    """A result text that says the opposite of the status."""
    for project in ctx.plan.projects:
        result = ctx.result(project)
        n = project.number
        text = _clip(squash(result.result_text), 100)
        if result.status is Status.COMPLETED and (words := says_not_done(result.result_text)):
            yield ctx.finding(
                f"{ctx.project_th(n)} มีสถานะดำเนินการแล้วเสร็จ แต่ผลการดำเนินงานเขียนว่า {_quote(words)}"
                f"{'' if bare(text) == words else ': ' + _quote(text)}"
                f" (project {n} is marked completed, but its result says it was not done)",
                "หากโครงการไม่ได้ดำเนินการ ให้เปลี่ยนสถานะเป็นไม่สามารถดำเนินการได้และระบุเหตุผล;"
                " หากดำเนินการแล้ว ให้แก้ผลการดำเนินงานให้บอกสิ่งที่ทำได้"
                " (if it was not done, change the status to could-not-be-done and give the reason;"
                " if it was done, rewrite the result to say what was achieved)",
                n,
            )
        elif result.status is Status.NOT_DONE and (
            words := reads_achieved(result.result_text, project.indicator)
        ):
            why_th = "ซ้ำกับตัวชี้วัด" if words == "ตัวชี้วัด" else f"({_quote(words)})"
            why_en = ", repeating the indicator word for word" if words == "ตัวชี้วัด" else ""
            yield ctx.finding(
                f"{ctx.project_th(n)} มีสถานะไม่สามารถดำเนินการได้ แต่ผลการดำเนินงานอ่านเหมือนทำสำเร็จ"
                f" {why_th}: {_quote(text)}"
                f" (project {n} is marked could-not-be-done, but its result reads as achieved{why_en})",
                "หากโครงการดำเนินการแล้ว ให้เปลี่ยนสถานะ; หากไม่ได้ดำเนินการ ให้เขียนผลว่า"
                " “ไม่สามารถดำเนินการได้ เนื่องจาก ...” (ข้อความที่เขียนไว้อาจเป็นตัวชี้วัดที่คัดลอกมา)"
                " (if it was done, change the status; if not, write that it could not be done and why —"
                " the text may be the indicator copied over)",
                n,
            )


@rule("STATUS_UNREPORTED_12M", Family.STATUS, Severity.ERROR)
def check_unreported(ctx: CheckContext) -> Iterator[Finding]:
    """A project with no status in the 12-month round, which closes the fiscal year."""
    if ctx.round is not Round.TWELVE:
        return
    for project in ctx.plan.projects:
        if ctx.result(project).status is Status.NOT_REPORTED:
            n = project.number
            yield ctx.finding(
                f"{ctx.project_th(n)} ยังไม่ได้รายงานผล{Round.TWELVE.label}"
                f" (project {n} has no result in the 12-month round)",
                "ระบุสถานะ (แล้วเสร็จ, อยู่ระหว่างดำเนินการ หรือไม่สามารถดำเนินการได้) และผลการดำเนินงาน;"
                " โครงการที่ไม่รายงานผลนับเป็น ๐ ในร้อยละการนำแผนไปปฏิบัติ"
                " (record its status and result; an unreported project counts 0 in the score)",
                n,
            )


# --- calendar ----------------------------------------------------------------------------------------

_FISCAL_YEAR_RE = re.compile(r"ปีงบประมาณ\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*(\d{4})(?!\d)")
_RANGE_AFTER_RE = re.compile(r"\s*(?:[-–—]|ถึง)\s*(?:ปีงบประมาณ\s*)?(?:พ\s*\.\s*ศ\s*\.?)?\s*\d{4}")
# Words before "ปีงบประมาณ YYYY" that make it another year on purpose: since, from, compared with,
# until, back in, or the second end of a range.
_OTHER_YEAR_BEFORE = ("ตั้งแต่", "นับแต่", "จาก", "เทียบกับ", "กว่า", "ถึง", "ก่อน", "เมื่อ", "-", "–", "—")
_OTHER_YEAR_AFTER = ("ที่ผ่านมา", "ที่แล้ว", "ก่อนหน้า")
# Sections that look ahead and may name the next fiscal year.
_FORWARD_SECTIONS = ("next_steps", "suggestions")


def _judged_years(text: str, allowed: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Fiscal years written as "ปีงบประมาณ [พ.ศ.] YYYY" that are not allowed, with where they stand."""
    arabic = to_arabic_digits(text)
    wrong: dict[int, list[tuple[int, int]]] = {}
    for match in _FISCAL_YEAR_RE.finditer(arabic):
        year = int(match.group(1))
        if year in allowed:
            continue
        before = bare(arabic[max(0, match.start() - 20) : match.start()])
        after = arabic[match.end() :]
        if before.endswith(_OTHER_YEAR_BEFORE) or _RANGE_AFTER_RE.match(after):
            continue
        if bare(after[:20]).startswith(_OTHER_YEAR_AFTER):
            continue
        wrong.setdefault(year, []).append((match.start(), match.end()))
    return wrong


@rule("CAL_FISCAL_YEAR_TEXT", Family.CALENDAR, Severity.WARNING)
def check_fiscal_year_text(ctx: CheckContext) -> Iterator[Finding]:
    """A "ปีงบประมาณ YYYY" in part 1 or a project's words that is not the plan's fiscal year.

    Only fiscal-year phrases are judged (a strategy's "พ.ศ. ๒๕๖๑ - ๒๕๘๐" or an act's "พ.ศ. ๒๕๖๒" are
    not); ranges and years said to be other on purpose ("ตั้งแต่ปีงบประมาณ ๒๕๕๘") pass, and next steps,
    suggestions and projects may name the next year.
    """
    fy = ctx.plan.fiscal_year
    fy_th = ctx.num(fy)
    for section, text in ctx.narrative():
        allowed = {fy, fy + 1} if section.key in _FORWARD_SECTIONS else {fy}
        for year, spots in _judged_years(text, allowed).items():
            count = f" ({ctx.num(len(spots))} แห่ง)" if len(spots) > 1 else ""
            yield ctx.finding(
                f"{section.heading} เขียนปีงบประมาณ พ.ศ. {ctx.num(year)}{count} แต่แผนนี้เป็นปีงบประมาณ"
                f" พ.ศ. {fy_th} ({section.english} names fiscal year {year}"
                f"{f' {len(spots)} times' if len(spots) > 1 else ''}; the plan is for fiscal year {fy})",
                _year_detail(fy_th, [_excerpt(text, a, b) for a, b in spots]),
            )
    for project in ctx.plan.projects:
        for heading, field, text in ctx.project_texts(project):
            for year, spots in _judged_years(text, {fy, fy + 1}).items():
                n = project.number
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} เขียนปีงบประมาณ พ.ศ. {ctx.num(year)} แต่แผนนี้เป็น"
                    f"ปีงบประมาณ พ.ศ. {fy_th} (project {n}'s {field} names fiscal year {year};"
                    f" the plan is for {fy})",
                    _year_detail(fy_th, [_excerpt(text, a, b) for a, b in spots]),
                    n,
                )


def _year_detail(fy_th: str, excerpts: list[str]) -> str:
    return (
        f"แก้เป็นปีงบประมาณ พ.ศ. {fy_th} หากหมายถึงปีของแผนนี้ (ข้อความอาจคัดลอกมาจากรายงานปีก่อน);"
        " หากตั้งใจอ้างถึงปีอื่น ให้เขียนให้ชัด เช่น “ตั้งแต่ปีงบประมาณ ...” หรือ “ปีงบประมาณ ... ที่ผ่านมา”"
        f"; ข้อความ: {_join_th([_quote(e) for e in excerpts])}"
        " (write the plan's year if it is meant — the text may be copied from last year's report;"
        " if another year is meant, say so, e.g. 'since fiscal year ...')"
    )


_MONTH_START = r"(ตุลาคม|ต\.\s?ค\.)"
_MONTH_END = r"(มีนาคม|กันยายน|มี\.\s?ค\.|ก\.\s?ย\.)"
_ROUND_PERIOD_RE = re.compile(
    rf"(?:\d{{1,2}}\s*)?{_MONTH_START}\s*(?:พ\.\s?ศ\.\s*)?(\d{{4}}|\d{{2}})(?!\d)\s*(?:[-–—]|ถึง)\s*"
    rf"(?:\d{{1,2}}\s*)?{_MONTH_END}\s*(?:พ\.\s?ศ\.\s*)?(\d{{4}}|\d{{2}})(?!\d)"
)


@rule("CAL_ROUND_PERIOD_TEXT", Family.CALENDAR, Severity.WARNING)
def check_round_period_text(ctx: CheckContext) -> Iterator[Finding]:
    """A period "(๑ ตุลาคม YYYY - ๓๐ กันยายน YYYY)" in part 1 that is not the plan's fiscal year or round.

    A 12-month report that writes a period ending in March is a 6-month text left over; a 6-month
    report may name the whole year. Next steps and suggestions may name the next fiscal year; the
    background is history and may name any.
    """
    fy = ctx.plan.fiscal_year
    first, last = round_bounds(fy, int(ctx.plan.round))
    ends = {9} if ctx.plan.round is Round.TWELVE else {3, 9}
    for section, text in ctx.narrative():
        if section.key == "background":
            continue
        arabic = to_arabic_digits(text)
        for match in _ROUND_PERIOD_RE.finditer(arabic):
            start_year = _full_year(match.group(2), fy)
            end_month = 3 if match.group(3).startswith("มี") else 9
            end_year = _full_year(match.group(4), fy)
            if end_month in ends and (start_year, end_year) == (fy - 1, fy):
                continue
            if section.key in _FORWARD_SECTIONS and (start_year, end_year) == (fy, fy + 1):
                continue
            written = squash(text[match.start() : match.end()])
            yield ctx.finding(
                f"{section.heading} เขียนช่วงเวลา {_quote(written)} แต่{ctx.plan.round.label} ปีงบประมาณ"
                f" พ.ศ. {ctx.num(fy)} คือ {thai_date(first, ctx.plan.settings.digit_style)} –"
                f" {thai_date(last, ctx.plan.settings.digit_style)} ({section.english} gives a period that is"
                f" not this plan's round, {_english_date(first)} – {_english_date(last)})",
                "แก้ช่วงเวลาให้ตรงกับรอบที่รายงาน (ข้อความอาจคัดลอกมาจากรายงานรอบหรือปีก่อน);"
                f" ข้อความ: {_quote(_excerpt(text, match.start(), match.end()))}"
                " (correct the period to the round reported; the text may be copied from an earlier report)",
            )


_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english_date(day: date) -> str:
    """A day as the English gloss writes it, in the Buddhist era the Thai text uses: "1 Oct 2566"."""
    return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {ce_to_be(day.year)}"


def _full_year(written: str, near_be: int) -> int:
    value = int(written)
    return value if value >= 1000 else expand_short_year(value, near_be)


def _key(month: MonthYear) -> tuple[int, int]:
    return month.year_be, month.month


@rule("CAL_PERIOD", Family.CALENDAR, Severity.ERROR)
def check_project_period(ctx: CheckContext) -> Iterator[Finding]:
    """A project's period (ระยะเวลาดำเนินการ) wholly outside the plan's fiscal year, or ending before it starts."""
    fy = ctx.plan.fiscal_year
    for project in ctx.plan.projects:
        period = parse_period(project.period, fy)
        if period is None:
            continue
        start, end = _key(period.start), _key(period.end)
        fy_start, fy_end = (fy - 1, 10), (fy, 9)
        reversed_ = end < start
        outside = end < fy_start or start > fy_end
        if not (reversed_ or outside):
            continue
        n = project.number
        why_th = "สิ้นสุดก่อนเริ่ม" if reversed_ else "อยู่นอกปีงบประมาณ"
        why_en = "ends before it starts" if reversed_ else "lies outside the fiscal year"
        yield ctx.finding(
            f"{ctx.project_th(n)}: ระยะเวลาดำเนินการ {_quote(squash(project.period))} {why_th}"
            f" พ.ศ. {ctx.num(fy)} ({_fy_span(ctx)}) (project {n}: its period {why_en} {fy})",
            f"แก้ระยะเวลาดำเนินการให้อยู่ในปีงบประมาณ เช่น {_quote(_fy_period_text(ctx))}"
            " (correct the period to months of the fiscal year)",
            n,
        )


@rule("CAL_PERIOD_PARTLY", Family.CALENDAR, Severity.WARNING)
def check_project_period_partly(ctx: CheckContext) -> Iterator[Finding]:
    """A project's period that starts before or ends after the plan's fiscal year."""
    fy = ctx.plan.fiscal_year
    for project in ctx.plan.projects:
        period = parse_period(project.period, fy)
        if period is None:
            continue
        start, end = _key(period.start), _key(period.end)
        fy_start, fy_end = (fy - 1, 10), (fy, 9)
        if end < start or end < fy_start or start > fy_end:
            continue  # CAL_PERIOD's
        if start >= fy_start and end <= fy_end:
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)}: ระยะเวลาดำเนินการ {_quote(squash(project.period))} เกินขอบเขตปีงบประมาณ"
            f" พ.ศ. {ctx.num(fy)} ({_fy_span(ctx)}) (project {n}: its period runs outside fiscal year {fy})",
            f"ตรวจสอบเดือนและปีที่พิมพ์ เช่น {_quote(_fy_period_text(ctx))}; แผนประจำปีรายงานเฉพาะงานในปีงบประมาณ"
            " (check the months and years typed; an annual plan reports the work of its fiscal year)",
            n,
        )


def _fy_span(ctx: CheckContext) -> str:
    first, last = round_bounds(ctx.plan.fiscal_year, 12)
    style = ctx.plan.settings.digit_style
    return f"{thai_date(first, style)} – {thai_date(last, style)}"


def _fy_period_text(ctx: CheckContext) -> str:
    return fiscal_year_period(ctx.plan.fiscal_year).format(ctx.plan.settings.digit_style)


# --- identity ----------------------------------------------------------------------------------------

PROVINCES: tuple[str, ...] = (
    "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี", "ฉะเชิงเทรา", "ชลบุรี",
    "ชัยนาท", "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด", "ตาก", "นครนายก", "นครปฐม",
    "นครพนม", "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี", "นราธิวาส", "น่าน", "บึงกาฬ",
    "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี", "พระนครศรีอยุธยา", "พะเยา", "พังงา",
    "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์", "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร",
    "แม่ฮ่องสอน", "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน",
    "เลย", "ศรีสะเกษ", "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว",
    "สระบุรี", "สิงห์บุรี", "สุโขทัย", "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู",
    "อ่างทอง", "อำนาจเจริญ", "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
)
"""The 76 provinces (จังหวัด); Bangkok is not one and is not written with จังหวัด."""

_PROVINCE_RE = re.compile(
    r"จังหวัด\s?(" + "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True)) + ")"
)
_ADDRESS_RE = re.compile(r"(?:อำเภอ|(?<![\u0E01-\u0E4E])อ\.)\s?([\u0E01-\u0E4E]+?)\s*(?:จังหวัด|จ\.)")
# A place named as where people went or met ("ศึกษาดูงาน ณ จังหวัดเชียงใหม่") is not a copied name.
_VISIT_BEFORE = ("ณ", "ไป", "ไปยัง")
_THAI_WORD_RE = re.compile(r"[\u0E01-\u0E4E]+")


def _place_name(value: str, prefix: str) -> str:
    name = bare(value)
    return name[len(prefix):] if name.startswith(prefix) else name


def _other_places(ctx: CheckContext, text: str) -> list[tuple[str, int, int]]:
    """Provinces and districts ``text`` names that are not the plan's, with where they stand."""
    province = _place_name(ctx.plan.province, "จังหวัด")
    district = _place_name(ctx.plan.district, "อำเภอ")
    found: list[tuple[str, int, int]] = []
    if province:
        for match in _PROVINCE_RE.finditer(text):
            if match.group(1) == province:
                continue
            before = bare(text[max(0, match.start() - 20) : match.start()])
            if "ดูงาน" in before or before.endswith(_VISIT_BEFORE):
                continue
            found.append((f"จังหวัด{match.group(1)}", match.start(), match.end()))
    if district:
        for match in _ADDRESS_RE.finditer(text):
            name = bare(match.group(1))
            if name != district and not name.startswith(_GENERIC_AFTER):
                found.append((f"อำเภอ{match.group(1)}", match.start(), match.end()))
    return sorted(found, key=lambda f: f[1])


def _names_of(found: list[tuple[str, int, int]]) -> list[str]:
    return list(dict.fromkeys(name for name, _, _ in found))


def _home(ctx: CheckContext) -> str:
    parts = [p for p in (ctx.plan.district and f"อำเภอ{_place_name(ctx.plan.district, 'อำเภอ')}",
                         ctx.plan.province and f"จังหวัด{_place_name(ctx.plan.province, 'จังหวัด')}") if p]
    return " ".join(parts)


@rule("IDENTITY_OTHER_PLACE", Family.IDENTITY, Severity.WARNING)
def check_other_places(ctx: CheckContext) -> Iterator[Finding]:
    """A province (จังหวัด) or district (อำเภอ ... จังหวัด) named in the text that is not the plan's.

    Typically a paragraph copied from another body's report. Districts are judged only in an address
    (อำเภอX จังหวัดY), where the word is certainly a place; a place visited ("ณ", "ไป", "ดูงาน") passes.
    """
    home = _home(ctx)
    for section, text in ctx.narrative():
        found = _other_places(ctx, text)
        if found:
            names = _names_of(found)
            yield ctx.finding(
                f"{section.heading} เอ่ยถึง{_join_th(names)} แต่{ctx.plan.organization} อยู่ที่{home}"
                f" ({section.english} names {', '.join(names)}, not where this organization is)",
                _place_detail(home, [_excerpt(text, a, b) for _, a, b in found]),
            )
    for project in ctx.plan.projects:
        for heading, field, text in ctx.project_texts(project):
            found = _other_places(ctx, text)
            if found:
                names = _names_of(found)
                n = project.number
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} เอ่ยถึง{_join_th(names)} แต่{ctx.plan.organization}"
                    f" อยู่ที่{home} (project {n}'s {field} names {', '.join(names)})",
                    _place_detail(home, [_excerpt(text, a, b) for _, a, b in found]),
                    n,
                )


def _place_detail(home: str, excerpts: list[str]) -> str:
    return (
        f"ข้อความนี้อาจคัดลอกมาจากรายงานของหน่วยงานอื่น: แก้เป็น{home} หรือตัดออก; หากตั้งใจเอ่ยถึงที่อื่น"
        f" (เช่น สถานที่ศึกษาดูงาน) ไม่ต้องแก้; ข้อความ: {_join_th([_quote(e) for e in excerpts])}"
        " (the text may be copied from another body's report: write this organization's place or remove it;"
        " if another place is meant, e.g. a study visit, leave it)"
    )


_ORG_TYPES: dict[str, str] = {
    "องค์การบริหารส่วนตำบล": "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลนคร": "เทศบาลนคร",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
}
_ORG_RE = re.compile("(" + "|".join(re.escape(t) for t in _ORG_TYPES) + ")")
# Words that follow a type of organization used as a common noun ("องค์การบริหารส่วนตำบลทุกแห่ง").
_GENERIC_AFTER = ("ทุก", "ต่าง", "และ", "หรือ", "ใน", "ที่", "ของ", "แห่ง", "ซึ่ง", "นั้น", "นี้", "อื่น", "เป็น",
                  "ได้", "จะ", "มี", "ให้", "ทั่ว", "กับ", "เพื่อ", "โดย", "จึง", "ต้อง", "ควร", "ทั้ง")


def _own_org(organization: str) -> tuple[str, str] | None:
    """The plan's organization as (type, own name), if it is an อบต. or a เทศบาล."""
    match = _ORG_RE.match(bare(organization))
    if match is None:
        return None
    return _ORG_TYPES[match.group(1)], bare(organization)[match.end():]


def _other_orgs(ctx: CheckContext, text: str) -> list[tuple[str, int, int]]:
    """อบต. and เทศบาล that ``text`` names and that are not the plan's organization."""
    own = _own_org(ctx.plan.organization)
    found: list[tuple[str, int, int]] = []
    for match in _ORG_RE.finditer(text):
        kind = _ORG_TYPES[match.group(1)]
        word = _THAI_WORD_RE.match(text, match.end())
        if word is None:
            continue  # the type alone, as a common noun
        name = word.group(0)
        # The own name may run on past a line break ("บาง\nเตย"); only a space right after the type
        # makes it a common noun.
        if own is not None and kind == own[0] and own[1] and bare(text[match.end():]).startswith(own[1]):
            continue
        if name.startswith(_GENERIC_AFTER):
            continue
        shown = name if len(name) <= 20 else name[:20] + "…"
        found.append((f"{kind}{shown}", match.start(), word.end()))
    return found


@rule("IDENTITY_OTHER_ORGANIZATION", Family.IDENTITY, Severity.WARNING)
def check_other_organizations(ctx: CheckContext) -> Iterator[Finding]:
    """An อบต. or เทศบาล named in the text that is not the plan's organization.

    Typically a paragraph or a project copied from a neighbour's plan; a partner named on purpose is
    for the officer to keep.
    """
    org = ctx.plan.organization
    detail = (
        f"หากข้อความนี้คัดลอกมาจากแผนของหน่วยงานอื่น ให้แก้เป็น{org}; หากตั้งใจเอ่ยถึงหน่วยงานนั้น"
        " (เช่น หน่วยงานที่ร่วมดำเนินการ) ไม่ต้องแก้"
        " (if the text was copied from another body's plan, write this organization's name; if the other"
        " body is meant, e.g. a partner, leave it)"
    )
    for section, text in ctx.narrative():
        found = _other_orgs(ctx, text)
        if found:
            names = _names_of(found)
            yield ctx.finding(
                f"{section.heading} เอ่ยถึง{_join_th(names)} ซึ่งไม่ใช่{org}"
                f" ({section.english} names another organization: {', '.join(names)})",
                f"{detail}; ข้อความ: {_join_th([_quote(_excerpt(text, a, b)) for _, a, b in found])}",
            )
    for project in ctx.plan.projects:
        for heading, field, text in ctx.project_texts(project):
            found = _other_orgs(ctx, bare(text))  # cells wrap anywhere, even inside a name
            if found:
                names = _names_of(found)
                n = project.number
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} เอ่ยถึง{_join_th(names)} ซึ่งไม่ใช่{org}"
                    f" (project {n}'s {field} names another organization: {', '.join(names)})",
                    detail,
                    n,
                )


_AFFILIATION_RE = re.compile(r"สังกัด\s*(?:ราชการ\s*)?(?:การ\s*)?บริหาร\s*ส่วน\s*(ภูมิภาค|กลาง)")


@rule("IDENTITY_AFFILIATION", Family.IDENTITY, Severity.WARNING)
def check_affiliation(ctx: CheckContext) -> Iterator[Finding]:
    """Part 1 places the plan under the regional or central administration; a local government is neither.

    The words "ส่วนราชการสังกัดราชการบริหารส่วนภูมิภาค" come from plans of provincial offices.
    """
    org = ctx.plan.organization
    for section, text in ctx.narrative():
        for match in _AFFILIATION_RE.finditer(text):
            which_th = "ส่วนภูมิภาค" if match.group(1) == "ภูมิภาค" else "ส่วนกลาง"
            which_en = "regional" if match.group(1) == "ภูมิภาค" else "central"
            yield ctx.finding(
                f"{section.heading} เขียนว่า {_quote(squash(match.group(0)))} แต่{org} เป็นองค์กรปกครองส่วนท้องถิ่น"
                f" สังกัดราชการบริหารส่วนท้องถิ่น ไม่ใช่ราชการบริหาร{which_th}"
                f" ({section.english} speaks of the {which_en} administration; a local government belongs"
                " to the local administration)",
                "ข้อความนี้น่าจะคัดลอกมาจากแผนของส่วนราชการ: เขียนถึง"
                f"{org}และราชการบริหารส่วนท้องถิ่นแทน; ข้อความ: {_quote(_excerpt(text, match.start(), match.end()))}"
                " (the words are probably copied from a government office's plan: speak of this organization"
                " and the local administration instead)",
            )


# --- counts ---------------------------------------------------------------------------------------
#
# Part 1's results of the period, as typed (the stated figures), are never published: every export
# writes them from the computed figures (NarrativeSection.published). Comparing them after an edit
# would only report numbers nobody reads; the import's own comparison (STATED_*) is kept with the
# plan instead (tracker.domain.import_findings).


@rule("COUNT_NO_DIMENSION", Family.COUNTS, Severity.ERROR)
def check_no_dimension(ctx: CheckContext) -> Iterator[Finding]:
    """A project in no dimension of the plan: part 2's counts per dimension would leave it out."""
    known = {d.number for d in ctx.plan.dimensions}
    for project in ctx.plan.projects:
        if project.dimension in known:
            continue
        n = project.number
        if project.dimension:
            what_th = f"อยู่ในมิติที่ {ctx.num(project.dimension)} ซึ่งแผนไม่มี"
            what_en = f"is in dimension {project.dimension}, which the plan does not have"
        else:
            what_th, what_en = "ไม่ได้ระบุมิติ", "has no dimension"
        yield ctx.finding(
            f"{ctx.project_th(n)} {what_th} จึงไม่ถูกนับในจำนวนโครงการรายมิติของส่วนที่ ๑ และ ๒"
            f" (project {n} {what_en}, so the counts per dimension of parts 1 and 2 leave it out)",
            "เลือกมิติของโครงการในแบบฟอร์มโครงการ (choose the project's dimension in its form)",
            n,
        )


# --- duplicates -------------------------------------------------------------------------------------


def _name_key(name: str) -> str:
    return "".join(c for c in bare(name) if c not in _QUOTES)


def _work_key(project: Project) -> tuple[str, int, str, str]:
    """A project without its kind word: what the work is, where it stands and how it is measured."""
    name = _name_key(project.name)
    kind = ProjectKind.from_name(name)
    if kind is not ProjectKind.OTHER:
        name = name[len(KIND_LABELS[kind]):]
    return name, project.dimension, bare(project.method), bare(project.indicator)


@rule("DUP_NUMBER", Family.DUPLICATES, Severity.ERROR)
def check_duplicate_numbers(ctx: CheckContext) -> Iterator[Finding]:
    """Two projects with the same order number."""
    seen: dict[int, int] = {}
    for project in ctx.plan.projects:
        seen[project.number] = seen.get(project.number, 0) + 1
    for number, count in sorted(seen.items()):
        if count > 1:
            yield ctx.finding(
                f"ลำดับ {ctx.num(number)} ใช้กับ {ctx.num(count)} โครงการ (order number {number} is used"
                f" by {count} projects)",
                "ให้แต่ละโครงการมีลำดับไม่ซ้ำกัน: ย้ายหรือลบรายการที่ซ้ำ (give every project its own order"
                " number: move or delete the extra one)",
                number,
            )


@rule("DUP_NAME", Family.DUPLICATES, Severity.WARNING)
def check_duplicate_names(ctx: CheckContext) -> Iterator[Finding]:
    """Two projects with the same name (spaces and quotation marks aside)."""
    first: dict[str, Project] = {}
    for project in ctx.plan.projects:
        key = _name_key(project.name)
        if not key:
            continue
        if key in first:
            earlier, n = first[key].number, project.number
            other_th = "อีกรายการหนึ่งที่ใช้ลำดับเดียวกัน" if earlier == n else f"โครงการลำดับ {ctx.num(earlier)}"
            other_en = "another entry of the same number" if earlier == n else f"project {earlier}"
            yield ctx.finding(
                f"{ctx.project_th(n)} ชื่อเดียวกับ{other_th}: {_quote(squash(project.name))}"
                f" (project {n} has the same name as {other_en})",
                "หากเป็นรายการเดียวกันที่ป้อนซ้ำ ให้ลบรายการหนึ่ง; หากเป็นงานคนละงาน ให้ตั้งชื่อให้ต่างกัน"
                " (delete one if it was entered twice; if they are different work, name them apart)",
                n,
            )
        else:
            first[key] = project


@rule("DUP_SAME_WORK", Family.DUPLICATES, Severity.WARNING)
def check_same_work(ctx: CheckContext) -> Iterator[Finding]:
    """Two projects that differ only in the kind word (โครงการ / มาตรการ / กิจกรรม): possibly the same work twice.

    Everything else must match (name, dimension, method, indicator): plans commonly hold a โครงการ and
    a มาตรการ of one theme in different dimensions, as the seed's projects 4 and 14 are, and those pass.
    """
    first: dict[tuple[str, int, str, str], Project] = {}
    for project in ctx.plan.projects:
        key = _work_key(project)
        if not key[0]:
            continue
        earlier = first.get(key)
        if earlier is None:
            first[key] = project
            continue
        if _name_key(earlier.name) == _name_key(project.name):
            continue  # DUP_NAME's
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} {_quote(squash(project.name))} ต่างจากโครงการลำดับ {ctx.num(earlier.number)}"
            f" {_quote(squash(earlier.name))} เพียงคำบอกประเภท และมีมิติ วิธีการ และตัวชี้วัดเดียวกัน"
            f" (project {n} differs from project {earlier.number} only by its kind word: possibly the same"
            " work twice)",
            "หากเป็นงานเดียวกัน ให้ลบรายการหนึ่ง; หากต่างกัน ให้เขียนวิธีการดำเนินงานหรือตัวชี้วัดให้เห็นความต่าง"
            " (delete one if they are the same work; otherwise make their method or indicator show the difference)",
            n,
        )


# --- spacing -----------------------------------------------------------------------------------------

# The project fields a split is looked for in: (form field, Thai heading, English name).
_SPLIT_PROJECT_FIELDS = (
    ("name", _HEADINGS["name"], "name"),
    ("method", _HEADINGS["method"], "method"),
    ("indicator", _HEADINGS["indicator"], "indicator"),
    ("unit", _HEADINGS["unit"], "responsible unit"),
    ("remarks", "หมายเหตุ", "remarks"),
    ("result_text", _HEADINGS["result"], "result"),
    ("reason_text", "คำอธิบายเหตุผล", "reason"),
)
_SPLIT_PLAN_FIELDS = (
    ("organization", "ชื่อองค์กร", "organization"),
    ("district", "อำเภอ", "district"),
    ("province", "จังหวัด", "province"),
    ("preparing_unit", "หน่วยงานที่จัดทำ", "preparing unit"),
)


@rule("SPACE_SPLITS_PHRASE", Family.SPACING, Severity.WARNING)
def check_split_phrases(ctx: CheckContext) -> Iterator[Finding]:
    """A space inside a phrase or a name, as copying a table out of a PDF leaves where a cell wrapped.

    Decided without a dictionary (both sides of such a space are words): a space inside a name the
    plan knows (its organization, the kinds of local government, its district and province, units and
    dimensions), or right after a word that never ends a phrase ("ไม่" before its verb); see
    :mod:`tracker.domain.split_words`. One finding per field, quoting each phrase and its joined form.
    """
    plan = ctx.plan
    names = known_names(
        plan.organization,
        plan.district,
        plan.province,
        [plan.preparing_unit, *(p.unit for p in plan.projects)],
        [d.name for d in plan.dimensions],
    )
    plan_texts = [(key, th, en, str(getattr(plan, key))) for key, th, en in _SPLIT_PLAN_FIELDS]
    plan_texts += [(f"narrative.{s.key}", s.heading, s.english, text) for s, text in ctx.narrative()]
    for key, heading, english, text in plan_texts:
        splits = find_splits(text, names)
        if splits:
            yield ctx.finding(
                f"{heading} มีช่องว่างแยกวลี: {_split_quotes(splits)} ({english}: a space splits a phrase)",
                _split_detail(splits),
                field=key,
            )
    for project in plan.projects:
        result = ctx.result(project)
        n = project.number
        # The reason's words are published only for a project that could not be done.
        reason = result.reason_text if result.status is Status.NOT_DONE else ""
        values = {"result_text": result.result_text, "reason_text": reason}
        for key, heading, english in _SPLIT_PROJECT_FIELDS:
            text = values[key] if key in values else str(getattr(project, key))
            splits = find_splits(text, names)
            if splits:
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} มีช่องว่างแยกวลี: {_split_quotes(splits)}"
                    f" (project {n}'s {english}: a space splits a phrase)",
                    _split_detail(splits),
                    n,
                    field=key,
                )


def _split_quotes(splits: list[PhraseSplit]) -> str:
    return _join_th([_quote(s.fragment) for s in splits])


def _split_detail(splits: list[PhraseSplit]) -> str:
    fixes = _join_th([f"{_quote(s.fragment)} → {_quote(s.joined)}" for s in splits])
    why: list[str] = []
    for split in splits:
        for reason in split.reasons:
            if reason in split.names:
                why.append(f"{_quote(reason)} เขียนติดกันเป็นชื่อเดียว")
            else:
                why.append(f"{_quote(reason)} ต้องอยู่ติดกับคำที่ตามมา")
    return (
        f"ลบช่องว่างออก: {fixes} ({'; '.join(dict.fromkeys(why))}); ช่องว่างแบบนี้มักติดมาจากการคัดลอกตารางจาก"
        " PDF ที่ข้อความในช่องขึ้นบรรทัดใหม่"
        " (take the space out: a name is written in one piece, and a word such as ไม่ stays with the word"
        " after it; such spaces come from copying a table out of a PDF where the cell wrapped)"
    )
