"""Calendar rules (family ``calendar``): years and periods that are not the plan's.

A "ปีงบประมาณ YYYY" in part 1 or a project's words that is not the plan's fiscal year, a round's period
in part 1 that is not the plan's round, and a project's period outside (wholly or partly) the fiscal
year or ending before it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import Enum

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import excerpt, join_th, quote
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import Project, Round
from tracker.domain.text import bare, squash
from tracker.domain.thai import (
    MonthYear,
    ce_to_be,
    expand_short_year,
    fiscal_year_period,
    parse_period,
    round_bounds,
    thai_date,
    to_arabic_digits,
)

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
    if "ปีงบประมาณ" not in text:  # most texts: nothing to judge, and no digits to rewrite first
        return {}
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
                _year_detail(fy_th, [excerpt(text, a, b) for a, b in spots]),
            )
    for project in ctx.plan.projects:
        for heading, field, text in ctx.project_texts(project):
            for year, spots in _judged_years(text, {fy, fy + 1}).items():
                n = project.number
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} เขียนปีงบประมาณ พ.ศ. {ctx.num(year)} แต่แผนนี้เป็น"
                    f"ปีงบประมาณ พ.ศ. {fy_th} (project {n}'s {field} names fiscal year {year};"
                    f" the plan is for {fy})",
                    _year_detail(fy_th, [excerpt(text, a, b) for a, b in spots]),
                    project,
                )


def _year_detail(fy_th: str, excerpts: list[str]) -> str:
    return (
        f"แก้เป็นปีงบประมาณ พ.ศ. {fy_th} หากหมายถึงปีของแผนนี้ (ข้อความอาจคัดลอกมาจากรายงานปีก่อน);"
        " หากตั้งใจอ้างถึงปีอื่น ให้เขียนให้ชัด เช่น “ตั้งแต่ปีงบประมาณ ...” หรือ “ปีงบประมาณ ... ที่ผ่านมา”"
        f"; ข้อความ: {join_th([quote(e) for e in excerpts])}"
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
                f"{section.heading} เขียนช่วงเวลา {quote(written)} แต่{ctx.plan.round.label} ปีงบประมาณ"
                f" พ.ศ. {ctx.num(fy)} คือ {thai_date(first, ctx.plan.settings.digit_style)} –"
                f" {thai_date(last, ctx.plan.settings.digit_style)} ({section.english} gives a period that is"
                f" not this plan's round, {_english_date(first)} – {_english_date(last)})",
                "แก้ช่วงเวลาให้ตรงกับรอบที่รายงาน (ข้อความอาจคัดลอกมาจากรายงานรอบหรือปีก่อน);"
                f" ข้อความ: {quote(excerpt(text, match.start(), match.end()))}"
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


class _Fit(Enum):
    """How a project's period stands to the plan's fiscal year."""

    REVERSED = "reversed"
    """It ends before it starts."""
    OUTSIDE = "outside"
    """Wholly outside the fiscal year."""
    PARTLY = "partly"
    """It starts before or ends after the fiscal year."""
    INSIDE = "inside"


def _period_fit(project: Project, fy: int) -> _Fit | None:
    """How ``project``'s period fits fiscal year ``fy``; None if the period cannot be read."""
    period = parse_period(project.period, fy)
    if period is None:
        return None
    start, end = _key(period.start), _key(period.end)
    fy_start, fy_end = (fy - 1, 10), (fy, 9)
    if end < start:
        return _Fit.REVERSED
    if end < fy_start or start > fy_end:
        return _Fit.OUTSIDE
    if start >= fy_start and end <= fy_end:
        return _Fit.INSIDE
    return _Fit.PARTLY


@rule("CAL_PERIOD", Family.CALENDAR, Severity.ERROR)
def check_project_period(ctx: CheckContext) -> Iterator[Finding]:
    """A project's period (ระยะเวลาดำเนินการ) wholly outside the plan's fiscal year, or ending before it starts."""
    fy = ctx.plan.fiscal_year
    for project in ctx.plan.projects:
        fit = _period_fit(project, fy)
        if fit not in (_Fit.REVERSED, _Fit.OUTSIDE):
            continue
        n = project.number
        reversed_ = fit is _Fit.REVERSED
        why_th = "สิ้นสุดก่อนเริ่ม" if reversed_ else "อยู่นอกปีงบประมาณ"
        why_en = "ends before it starts" if reversed_ else "lies outside the fiscal year"
        yield ctx.finding(
            f"{ctx.project_th(n)}: ระยะเวลาดำเนินการ {quote(squash(project.period))} {why_th}"
            f" พ.ศ. {ctx.num(fy)} ({_fy_span(ctx)}) (project {n}: its period {why_en} {fy})",
            f"แก้ระยะเวลาดำเนินการให้อยู่ในปีงบประมาณ เช่น {quote(_fy_period_text(ctx))}"
            " (correct the period to months of the fiscal year)",
            project,
        )


@rule("CAL_PERIOD_PARTLY", Family.CALENDAR, Severity.WARNING)
def check_project_period_partly(ctx: CheckContext) -> Iterator[Finding]:
    """A project's period that starts before or ends after the plan's fiscal year."""
    fy = ctx.plan.fiscal_year
    for project in ctx.plan.projects:
        if _period_fit(project, fy) is not _Fit.PARTLY:
            continue  # unread, inside, or CAL_PERIOD's
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)}: ระยะเวลาดำเนินการ {quote(squash(project.period))} เกินขอบเขตปีงบประมาณ"
            f" พ.ศ. {ctx.num(fy)} ({_fy_span(ctx)}) (project {n}: its period runs outside fiscal year {fy})",
            f"ตรวจสอบเดือนและปีที่พิมพ์ เช่น {quote(_fy_period_text(ctx))}; แผนประจำปีรายงานเฉพาะงานในปีงบประมาณ"
            " (check the months and years typed; an annual plan reports the work of its fiscal year)",
            project,
        )


def _fy_span(ctx: CheckContext) -> str:
    first, last = round_bounds(ctx.plan.fiscal_year, 12)
    style = ctx.plan.settings.digit_style
    return f"{thai_date(first, style)} – {thai_date(last, style)}"


def _fy_period_text(ctx: CheckContext) -> str:
    return fiscal_year_period(ctx.plan.fiscal_year).format(ctx.plan.settings.digit_style)

