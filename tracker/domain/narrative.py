"""A round's narrative started from the other round's: the round's words and period put right.

An office writes its foreword and part 1 once, for the 12-month report say, and the 6-month report
starts from that text. Left as it was, the 6-month report would say "รอบ ๑๒ เดือน" and end its period
on 30 September. :func:`retold` rewrites exactly those words, in the digits they were typed in:

- "๑๒ เดือน" ↔ "๖ เดือน" (any number of months a round can have, Thai or Arabic digits);
- the period's end: "๓๐ กันยายน ๒๕๖๗" ↔ "๓๑ มีนาคม ๒๕๖๗", "ก.ย. ๖๗" ↔ "มี.ค. ๖๗" — only for the plan's
  own fiscal year (a date of another year is a fact of its own and is left alone).

Everything else stays as typed; the office edits the rest in the plan form.
"""

from __future__ import annotations

import re

from tracker.domain.thai import to_arabic_digits, to_thai_digits

_MONTHS = {6: ("มีนาคม", "มี.ค.", 31), 12: ("กันยายน", "ก.ย.", 30)}
"""The month a round of so many months ends in (a fiscal year starts on 1 October), and its last day."""

_ROUND_MONTHS_RE = re.compile(r"(?<![0-9๐-๙])([0-9๐-๙]{1,2})(\s*)เดือน")


def retold(text: str, from_months: int, to_months: int, fiscal_year: int) -> str:
    """``text`` written for the round of ``from_months`` months, retold for the round of ``to_months``."""
    if from_months == to_months or from_months not in _MONTHS or to_months not in _MONTHS:
        return text

    def months(match: re.Match[str]) -> str:
        typed = match.group(1)
        if int(to_arabic_digits(typed)) != from_months:
            return match.group(0)
        return _same_digits(str(to_months), typed) + match.group(2) + "เดือน"

    text = _ROUND_MONTHS_RE.sub(months, text)
    old_month, old_short, old_day = _MONTHS[from_months]
    new_month, new_short, new_day = _MONTHS[to_months]
    year = str(fiscal_year)
    for written_year in {year, to_thai_digits(year)}:
        short_year = written_year[-2:]
        # "๓๐ กันยายน ๒๕๖๗" and "กันยายน พ.ศ. ๒๕๖๗", with or without the day.
        def end_of_round(m: re.Match[str]) -> str:
            day, gap, before_year, year_typed = m.group(1), m.group(2) or "", m.group(3), m.group(4)
            if day and int(to_arabic_digits(day)) == old_day:
                day = _same_digits(str(new_day), day)
            return (day or "") + gap + new_month + before_year + year_typed

        text = re.sub(
            rf"(?:(?<![0-9๐-๙])([0-9๐-๙]{{1,2}})(\s*))?{old_month}(\s*(?:พ\.ศ\.\s*)?)({written_year})(?![0-9๐-๙])",
            end_of_round,
            text,
        )
        text = re.sub(
            rf"{re.escape(old_short)}(\s*){short_year}(?![0-9๐-๙])", rf"{new_short}\g<1>{short_year}", text
        )
    return text


def _same_digits(number: str, like: str) -> str:
    """``number`` in the digits ``like`` was typed in."""
    return to_thai_digits(number) if any("๐" <= c <= "๙" for c in like) else number
