"""The report's fixed wording: its standard title, the parts' headings, the cover's labels.

Every export writes these and the Markdown importer recognises them, so they are defined here once.
"""

from __future__ import annotations

from tracker.domain.model import Round
from tracker.domain.thai import DigitStyle, round_bounds, thai_date, with_digits

STANDARD_TITLE = "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ"
"""The cover's title where the plan has none of its own (narrative["title"])."""

CONTENTS_HEADING = "สารบัญ"
PREPARED_BY = "จัดทำโดย"
DISTRICT_PREFIX = "อำเภอ"
PROVINCE_PREFIX = "จังหวัด"

PART1_HEADING = "ความเป็นมา"
SUCCESS_FACTORS_HEADING = "ปัจจัยที่มีผลต่อความสำเร็จของโครงการ/กิจกรรม"
SUCCESS_FACTOR_KEYS = ("context", "input", "process", "product")
"""Part 1's narrative sections grouped under :data:`SUCCESS_FACTORS_HEADING` (Context/Input/Process/Product)."""
PART2_HEADING = "สรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ"
PART3_HEADING = "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตและประพฤติมิชอบ"
DIMENSIONS_HEADING = "จำนวนโครงการตามมิติและสถานะ"
TOTAL_LABEL = "รวม"
REASON_LABEL = "เหตุผล"
"""Written before the reason a project could not be done, after its result."""
REASON_SEPARATOR = " — "
"""Between the reason's label and the office's own words about it."""
NOT_STATED = "-"
"""An amount the plan does not state: a project that needs no budget, a round not yet reported."""


def prepared_by(unit: str, organization: str) -> str:
    """"งานนิติการ สำนักงานปลัด องค์การบริหารส่วนตำบลบางเตย": the unit that made the report and whose it is.

    The unit alone ("สำนักงานปลัด") would read as the district's office on a cover that names the
    district next; a unit that already names its organization is left as it is.
    """
    unit, organization = unit.strip(), organization.strip()
    if not unit or not organization or organization in unit:
        return unit
    return f"{unit} {organization}"


def unit_of(prepared: str, organization: str) -> str:
    """The unit of a "จัดทำโดย" line written by :func:`prepared_by` (the organization taken off again)."""
    organization = organization.strip()
    if organization and prepared.endswith(" " + organization):
        return prepared[: -len(organization) - 1]
    return prepared


def part_heading(number: int, digits: DigitStyle) -> str:
    """"๒. สรุปผลการดำเนินงาน...": a part's number and heading; parts 2 and 3 go on with the organization."""
    heading = {1: PART1_HEADING, 2: PART2_HEADING, 3: PART3_HEADING}[number]
    return with_digits(f"{number}. ", digits) + heading


def fiscal_year_line(fiscal_year: int, digits: DigitStyle) -> str:
    return with_digits(f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}", digits)


def round_line(fiscal_year: int, round_: Round, digits: DigitStyle) -> str:
    """"รอบ ๑๒ เดือน (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)"."""
    return f"{with_digits(round_.label, digits)} ({period_of_round(fiscal_year, round_, digits)})"


def period_of_round(fiscal_year: int, round_: Round, digits: DigitStyle) -> str:
    """"๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗": the days a round covers."""
    first, last = round_bounds(fiscal_year, int(round_))
    return f"{thai_date(first, digits)} – {thai_date(last, digits)}"
