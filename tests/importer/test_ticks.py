"""The marks offices tick a status with: ✓ ✔ √ and the "/" of Thai forms, as typed, pasted from Word
(with zero-width spaces) or from an emoji keyboard (with a variation selector), in both readers."""

from __future__ import annotations

import pytest

from tracker.domain.model import Plan, Status
from tracker.importer.defaults import SEED_REPORT, default_plan
from tracker.importer.markdown_report import import_markdown
from tracker.importer.report_text import import_report
from tracker.reports.markdown_report import markdown_report

SEED = SEED_REPORT.read_text(encoding="utf-8")
TICKS = {
    "check mark": "✓",
    "heavy check mark": "✔",
    "root sign": "√",
    "slash": "/",
    "slash with spaces": " / ",
    "slash after a zero-width space": "\u200b/",
    "full-width slash": "／",
    "emoji check with variation selector": "✔\ufe0f",
    "ballot box with check": "☑",
}


def statuses(plan: Plan) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for project in plan.projects:
        counts[project.result(plan.round).status] += 1
    return counts


@pytest.mark.parametrize("mark", TICKS.values(), ids=TICKS.keys())
def test_each_tick_marks_the_status_in_the_report_text(mark: str) -> None:
    counts = statuses(import_report(SEED.replace("✓", mark)).plan)
    assert counts[Status.COMPLETED] == 17 and counts[Status.NOT_DONE] == 3


@pytest.mark.parametrize("mark", TICKS.values(), ids=TICKS.keys())
def test_each_tick_marks_the_status_and_no_budget_in_a_markdown_export(mark: str) -> None:
    plan = import_markdown(markdown_report(default_plan()).replace("✓", mark)).plan
    counts = statuses(plan)
    assert counts[Status.COMPLETED] == 17 and counts[Status.NOT_DONE] == 3
    assert sum(p.budget is None for p in plan.projects) == 17  # the ไม่ใช้งบประมาณ column's ticks read too


@pytest.mark.parametrize("mark", ["x", "-", "0", "//", "✓✓"])
def test_marks_that_are_not_ticks_tick_nothing(mark: str) -> None:
    counts = statuses(import_report(SEED.replace("✓", mark)).plan)
    assert counts[Status.COMPLETED] == 0 and counts[Status.NOT_REPORTED] == 20
