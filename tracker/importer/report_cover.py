"""The report's cover: its title, the organization, the fiscal year, the round, the district and province,
and the unit that prepared it (the lines under จัดทำโดย)."""

from __future__ import annotations

import re

from tracker.domain.editing import parse_fiscal_year
from tracker.domain.findings import Severity
from tracker.domain.model import Plan, Round, make_plan_id
from tracker.domain.text import squash
from tracker.domain.thai import to_arabic_digits
from tracker.importer.errors import ReportError
from tracker.importer.report_base import PartReader

ORGANIZATION_RE = re.compile(
    r"(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร)[^\s\d]+"
)
FISCAL_YEAR_RE = re.compile(r"(?:ประจำ)?ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*(\d{4})")
ROUND_RE = re.compile(r"รอบ\s*(\d{1,2})\s*เดือน")


def cover_fiscal_year(digits: str) -> int:
    """The fiscal year a cover states (พ.ศ., four digits); ReportError for a year no plan can have
    (one in ค.ศ., say, or 0000: the plan's dates could not even be computed)."""
    try:
        return parse_fiscal_year(digits)
    except ValueError as exc:
        raise ReportError(f"หน้าปกเขียนปีงบประมาณ {digits} ซึ่งใช้ไม่ได้ (the cover's fiscal year cannot be used): {exc}") from None


class CoverReader(PartReader):
    """Reads the cover: the lines before the foreword (or before part 1 or 2 when it has none)."""

    def read(self, end: int) -> Plan:
        """The plan the cover (the lines before ``end``) describes, with its title and no projects yet."""
        text_lines = [line.strip() for line in self.lines[:end] if line.strip()]
        joined = to_arabic_digits("\n".join(text_lines))
        org_match = ORGANIZATION_RE.search(joined)
        fy_match = FISCAL_YEAR_RE.search(joined)
        if org_match is None or fy_match is None:
            raise ReportError(
                "หน้าปกไม่ระบุชื่อองค์กรปกครองส่วนท้องถิ่นหรือปีงบประมาณ"
                " (the cover names no organization or fiscal year)"
            )
        organization = org_match.group(0)
        fiscal_year = cover_fiscal_year(fy_match.group(1))
        round_match = ROUND_RE.search(joined)
        round_ = Round.TWELVE
        if round_match is None:
            self.find("ROUND_NOT_STATED", Severity.WARNING,
                      "หน้าปกไม่ระบุรอบการรายงาน (the cover states no round)",
                      detail="ถือเป็นรอบ ๑๒ เดือน (taken as the 12-month round)")
        elif round_match.group(1) in ("6", "12"):
            round_ = Round(int(round_match.group(1)))
        else:
            self.find("ROUND_UNKNOWN", Severity.WARNING,
                      f"รอบ {round_match.group(1)} เดือน ไม่ใช่รอบที่ระบบรู้จัก (unknown round)",
                      detail="ถือเป็นรอบ ๑๒ เดือน (taken as the 12-month round)")
        district = re.search(r"อำเภอ\s*([^\s\d]+)", joined)
        province = re.search(r"จังหวัด\s*([^\s\d]+)", joined)

        title_lines: list[str] = []
        for line in text_lines:
            if ORGANIZATION_RE.search(line) or ROUND_RE.search(to_arabic_digits(line)):
                break
            title_lines.append(line)
        unit_parts: list[str] = []
        if "จัดทำโดย" in text_lines:
            for line in text_lines[text_lines.index("จัดทำโดย") + 1 :]:
                if line.startswith("อำเภอ") or line.startswith("จังหวัด"):
                    break
                part = squash(line.replace(organization, ""))
                if part:
                    unit_parts.append(part)
        plan = Plan(
            plan_id=make_plan_id(organization, fiscal_year),
            organization=organization,
            fiscal_year=fiscal_year,
            district=district.group(1) if district else "",
            province=province.group(1) if province else "",
            preparing_unit=" ".join(unit_parts),
            round=round_,
        )
        if title_lines:
            plan.narrative["title"] = "\n".join(title_lines)
        return plan
