"""Thai digits, years, periods and baht amounts, as officers write and type them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.thai import (
    AmountError,
    DigitStyle,
    MonthYear,
    Period,
    amount_readings,
    be_to_ce,
    ce_to_be,
    fiscal_year_bounds,
    fiscal_year_of,
    fiscal_year_period,
    format_baht,
    parse_baht,
    parse_period,
    round_bounds,
    thai_date,
    to_arabic_digits,
    to_thai_digits,
)


def test_digits_both_ways() -> None:
    assert to_thai_digits("2567 ข้อ 10") == "๒๕๖๗ ข้อ ๑๐"
    assert to_arabic_digits("๒๕๖๗ ข้อ ๑๐") == "2567 ข้อ 10"
    assert to_arabic_digits(to_thai_digits("0123456789")) == "0123456789"


def test_buddhist_era() -> None:
    assert be_to_ce(2567) == 2024
    assert ce_to_be(2024) == 2567


def test_fiscal_year_runs_october_to_september() -> None:
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))
    assert fiscal_year_of(date(2023, 10, 1)) == 2567
    assert fiscal_year_of(date(2023, 9, 30)) == 2566
    assert fiscal_year_of(date(2024, 9, 30)) == 2567


def test_round_bounds() -> None:
    assert round_bounds(2567, 6) == (date(2023, 10, 1), date(2024, 3, 31))
    assert round_bounds(2567, 12) == (date(2023, 10, 1), date(2024, 9, 30))
    with pytest.raises(ValueError):
        round_bounds(2567, 9)


def test_thai_dates() -> None:
    assert thai_date(date(2023, 10, 1)) == "๑ ตุลาคม ๒๕๖๖"
    assert thai_date(date(2024, 9, 30), DigitStyle.ARABIC) == "30 กันยายน 2567"
    assert thai_date(date(2024, 3, 31), short=True) == "๓๑ มี.ค. ๖๗"


def test_period_form() -> None:
    assert fiscal_year_period(2567).format() == "ต.ค. ๖๖ - ก.ย. ๖๗"
    assert fiscal_year_period(2567).format(DigitStyle.ARABIC) == "ต.ค. 66 - ก.ย. 67"
    assert parse_period("ต.ค. ๖๖ - ก.ย. ๖๗", 2567) == fiscal_year_period(2567)
    assert parse_period("ตุลาคม 2566 – มีนาคม 2567", 2567) == Period(MonthYear(10, 2566), MonthYear(3, 2567))
    assert parse_period("ตลอดปี", 2567) is None


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("50000", "50000.00"),
        ("๕๐,๐๐๐", "50000.00"),
        ("50,000.00 บาท", "50000.00"),
        ("๕๐,๐๐๐.๐๐ บาท", "50000.00"),
        (" 1,234,567.5 ", "1234567.50"),
        ("฿1500", "1500.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_people_type(typed: str, amount: str) -> None:
    assert parse_baht(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("abc", "not an amount"),
        ("-5", "negative"),
        ("1.2.3", "more than one decimal point"),
        ("", "no amount"),
        ("1,00", "not an amount"),
        ("NaN", "not an amount"),
        ("Infinity", "not an amount"),
        ("1e5", "not an amount"),
        ("30.000", "more than two decimals"),
        ("99999999999999", "larger than any budget"),
    ],
)
def test_amounts_refused_with_a_reason(typed: str, says: str) -> None:
    with pytest.raises(AmountError, match=says):
        parse_baht(typed)


def test_baht_format() -> None:
    assert format_baht(Decimal("50000")) == "๕๐,๐๐๐.๐๐"
    assert format_baht(Decimal("180000"), DigitStyle.ARABIC) == "180,000.00"
    assert format_baht(Decimal("0.005"), DigitStyle.ARABIC) == "0.01"


def test_amount_that_reads_two_ways() -> None:
    assert amount_readings("๓๐.๐๐๐") == [Decimal("30000.00"), Decimal("30.00")]
    assert amount_readings("๕๐,๐๐๐") == [Decimal("50000.00")]
    assert amount_readings("1.000.000") == [Decimal("1000000.00")]
    assert amount_readings("ไม่ใช้งบประมาณ") == []
