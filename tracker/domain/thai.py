"""Thai writing conventions in one place: digits, Buddhist-era years, months, periods and baht amounts.

Everything else imports these helpers instead of re-implementing them, so that a change of style
(for example a new way of writing a period) happens here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from tracker.domain.text import remembered_when_short, translator

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
_TO_ARABIC = translator(str.maketrans(THAI_DIGITS, ARABIC_DIGITS))
_TO_THAI = translator(str.maketrans(ARABIC_DIGITS, THAI_DIGITS))

BE_OFFSET = 543
"""พ.ศ. = ค.ศ. + 543."""

MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)

BAHT = "บาท"
NO_BUDGET_TEXT = "ไม่ใช้งบประมาณ"


class DigitStyle(StrEnum):
    """How numbers are written in reports: the official style uses Thai digits."""

    THAI = "thai"
    ARABIC = "arabic"


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits ๐-๙ with 0-9; everything else is left alone."""
    return _TO_ARABIC(text)


def to_thai_digits(text: str) -> str:
    """Replace 0-9 with Thai digits ๐-๙; everything else is left alone."""
    return _TO_THAI(text)


def with_digits(text: str, style: DigitStyle) -> str:
    """Write the digits of ``text`` in the given style.

    This is the one place a chosen digit style is applied to what the program itself writes: every
    figure, date, count and label with a number in it (screens, dialogs, toasts, command output,
    exports) goes through here or through a helper below that calls it.
    """
    return to_thai_digits(text) if style is DigitStyle.THAI else to_arabic_digits(text)


def typed_digits(text: str, style: DigitStyle) -> str:
    """Text a user typed (a name, a result, a quoted fragment), as a reader of ``style`` sees it.

    Arabic digits convert the Thai digits of typed text too, so that a report or screen in Arabic
    digits holds no Thai digit at all. The official Thai style leaves typed text exactly as typed:
    Arabic digits in typed text are often codes, law sections, telephone numbers or web addresses,
    which Thai digits would break. Only what is shown or written out changes; the stored text keeps
    what was typed.
    """
    return to_arabic_digits(text) if style is DigitStyle.ARABIC else text


# --- years and dates ----------------------------------------------------------------------------


def be_to_ce(year_be: int) -> int:
    """พ.ศ. → ค.ศ. (2567 → 2024)."""
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    """ค.ศ. → พ.ศ. (2024 → 2567)."""
    return year_ce + BE_OFFSET


def expand_short_year(short: int, near_be: int) -> int:
    """Read a two-digit Buddhist year ("๖๖") as the full year closest to ``near_be``."""
    century = near_be - near_be % 100
    candidates = (century - 100 + short, century + short, century + 100 + short)
    return min(candidates, key=lambda y: abs(y - near_be))


def fiscal_year_of(day: date) -> int:
    """The Thai fiscal year (พ.ศ.) a day falls in: FY N runs 1 Oct N-1 to 30 Sep N."""
    year_be = ce_to_be(day.year)
    return year_be + 1 if day.month >= 10 else year_be


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fiscal_year_be`` (as Gregorian dates)."""
    end_ce = be_to_ce(fiscal_year_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def round_bounds(fiscal_year_be: int, months: int) -> tuple[date, date]:
    """First and last day covered by the 6- or 12-month round of a fiscal year."""
    start, end = fiscal_year_bounds(fiscal_year_be)
    if months == 12:
        return start, end
    if months == 6:
        return start, date(start.year + 1, 3, 31)
    raise ValueError(f"round must be 6 or 12 months, not {months}")


def thai_date(day: date, style: DigitStyle = DigitStyle.THAI, short: bool = False) -> str:
    """"๑ ตุลาคม ๒๕๖๖" (or "๑ ต.ค. ๖๖" when ``short``)."""
    if short:
        text = f"{day.day} {MONTHS_SHORT[day.month - 1]} {ce_to_be(day.year) % 100:02d}"
    else:
        text = f"{day.day} {MONTHS_FULL[day.month - 1]} {ce_to_be(day.year)}"
    return with_digits(text, style)


# --- periods ("ต.ค. ๖๖ - ก.ย. ๖๗") ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthYear:
    """A month of a Buddhist-era year."""

    month: int  # 1-12
    year_be: int

    def first_day(self) -> date:
        return date(be_to_ce(self.year_be), self.month, 1)


@dataclass(frozen=True, slots=True)
class Period:
    """A span of months, as plans write the time a project runs (ระยะเวลาดำเนินการ)."""

    start: MonthYear
    end: MonthYear

    def format(self, style: DigitStyle = DigitStyle.THAI) -> str:
        """The plan's form: "ต.ค. ๖๖ - ก.ย. ๖๗"."""
        text = (
            f"{MONTHS_SHORT[self.start.month - 1]} {self.start.year_be % 100:02d} - "
            f"{MONTHS_SHORT[self.end.month - 1]} {self.end.year_be % 100:02d}"
        )
        return with_digits(text, style)


def fiscal_year_period(fiscal_year_be: int) -> Period:
    """The whole fiscal year as a period: ต.ค. (N-1) - ก.ย. N."""
    return Period(MonthYear(10, fiscal_year_be - 1), MonthYear(9, fiscal_year_be))


_MONTH_ALTERNATIVES = "|".join(
    re.escape(m) for m in sorted(MONTHS_SHORT + MONTHS_FULL, key=len, reverse=True)
)
_MONTH_YEAR = rf"({_MONTH_ALTERNATIVES}|{'|'.join(re.escape(m.replace('.', '')) for m in MONTHS_SHORT)})\s*(\d{{2}}|\d{{4}})"
_PERIOD_RE = re.compile(rf"^\s*{_MONTH_YEAR}\s*[-–—ถึง]+\s*{_MONTH_YEAR}\s*$")


def _month_number(name: str) -> int:
    for table in (MONTHS_SHORT, MONTHS_FULL):
        if name in table:
            return table.index(name) + 1
    for i, short in enumerate(MONTHS_SHORT):
        if name == short.replace(".", ""):
            return i + 1
    raise ValueError(name)


@remembered_when_short(100)
def parse_period(text: str, near_be: int) -> Period | None:
    """Read "ต.ค. ๖๖ - ก.ย. ๖๗" (or with full months or four-digit years); None if it is not a period.

    Remembered for a period's few words: the rules read every project's period twice, and most
    projects of a plan share one."""
    match = _PERIOD_RE.match(to_arabic_digits(text))
    if match is None:
        return None

    def year(raw: str) -> int:
        value = int(raw)
        return value if value >= 1000 else expand_short_year(value, near_be)

    return Period(
        MonthYear(_month_number(match[1]), year(match[2])),
        MonthYear(_month_number(match[3]), year(match[4])),
    )


# --- baht amounts -----------------------------------------------------------------------------------

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000000")  # a trillion baht: beyond any local budget, refuses typos


class AmountError(ValueError):
    """A typed amount that cannot be read as baht; the message says why, in Thai and English."""


def format_baht(amount: Decimal, style: DigitStyle = DigitStyle.THAI) -> str:
    """50000 → "๕๐,๐๐๐.๐๐" (two decimals, thousands separated by commas)."""
    return with_digits(f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}", style)


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


def parse_baht(text: str) -> Decimal:
    """Read an amount as people type it: "50000", "๕๐,๐๐๐", "50,000.00 บาท", "฿1,500.5".

    Refuses anything else with an :class:`AmountError` whose message names the problem.
    """
    raw = text if len(text) <= 40 else text[:40] + "…"  # as quoted in a message under the field
    cleaned = to_arabic_digits(text).strip()
    for noise in (BAHT, "฿", "THB"):
        cleaned = cleaned.replace(noise, "")
    cleaned = cleaned.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        raise AmountError("ยังไม่ได้กรอกจำนวนเงิน (no amount given)")
    if cleaned.startswith("-") or cleaned.startswith("−"):
        raise AmountError(f"จำนวนเงินติดลบไม่ได้: {raw!r} (an amount cannot be negative)")
    if cleaned.count(".") > 1:
        raise AmountError(f"มีจุดทศนิยมมากกว่าหนึ่งจุด: {raw!r} (more than one decimal point)")
    if not (_PLAIN.match(cleaned) or _GROUPED.match(cleaned)):
        raise AmountError(f"อ่านเป็นจำนวนเงินไม่ได้: {raw!r} (not an amount in baht)")
    if "." in cleaned and len(cleaned.split(".")[1]) > 2:
        raise AmountError(
            f"ทศนิยมเกินสองตำแหน่ง: {raw!r} (more than two decimals: is the dot a thousands separator?)"
        )
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the patterns above rule this out
        raise AmountError(f"อ่านเป็นจำนวนเงินไม่ได้: {raw!r} (not an amount in baht)") from exc
    if value > MAX_AMOUNT:
        raise AmountError(f"จำนวนเงินสูงเกินไป: {raw!r} (larger than any budget)")
    return value.quantize(CENT)


def amount_readings(text: str) -> list[Decimal]:
    """Every way a written amount can reasonably be read, most likely first.

    "๓๐.๐๐๐" is thirty thousand if the dot was typed in place of a thousands comma, or thirty baht if
    it is a decimal point; "๕๐,๐๐๐" has one reading. Returns [] for text that is no amount at all.
    """
    cleaned = to_arabic_digits(text).replace(BAHT, "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        readings = [Decimal(cleaned.replace(".", "")).quantize(CENT)]
        if cleaned.count(".") == 1:
            readings.append(Decimal(cleaned).quantize(CENT, rounding=ROUND_HALF_UP))
        return readings
    try:
        return [parse_baht(text)]
    except AmountError:
        return []


def format_int(value: int, style: DigitStyle = DigitStyle.THAI) -> str:
    """A count in the given digit style, with thousands separators."""
    return with_digits(f"{value:,}", style)


def format_percent(value: Decimal, style: DigitStyle = DigitStyle.THAI) -> str:
    """A percentage with two decimals: ๘๕.๐๐."""
    return with_digits(f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}", style)
