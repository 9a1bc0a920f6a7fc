"""A project completed at 6 months is completed at 12 until the 12-month round says otherwise (issue 18)."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.editing import ProjectInput, apply_project
from tracker.domain.figures import compute
from tracker.domain.model import Project, Round, RoundResult, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan


def completed_at_six() -> Project:
    return Project(1, "โครงการอบรมคุณธรรม", 1, budget=Decimal("20000"), results={
        Round.SIX: RoundResult(Status.COMPLETED, "อบรมแล้ว ๔๐ คน", Decimal("19500")),
    })


def test_completed_at_six_months_is_completed_at_twelve() -> None:
    project = completed_at_six()
    twelve = project.result(Round.TWELVE)
    assert (twelve.status, twelve.result_text, twelve.disbursed) == (Status.COMPLETED, "อบรมแล้ว ๔๐ คน",
                                                                      Decimal("19500"))
    assert project.carried_over(Round.TWELVE) and not project.carried_over(Round.SIX)
    assert Round.TWELVE not in project.results  # nothing stored changes


def test_the_twelve_month_rounds_own_remark_and_mark_stay_its_own() -> None:
    project = completed_at_six()
    project.results[Round.TWELVE] = RoundResult(remark="ส่งรายงานแล้ว", entered=True)
    twelve = project.result(Round.TWELVE)
    assert (twelve.status, twelve.remark, twelve.entered) == (Status.COMPLETED, "ส่งรายงานแล้ว", True)
    assert twelve.result_text == "อบรมแล้ว ๔๐ คน"


def test_a_status_of_its_own_at_twelve_months_ends_the_carry_over() -> None:
    project = completed_at_six()
    project.results[Round.TWELVE] = RoundResult(Status.IN_PROGRESS, "ขยายผลต่อ")
    assert project.result(Round.TWELVE).status is Status.IN_PROGRESS
    assert not project.carried_over(Round.TWELVE)


def test_other_six_month_statuses_are_not_carried() -> None:
    for status in (Status.IN_PROGRESS, Status.NOT_DONE, Status.NOT_REPORTED):
        project = Project(1, "โครงการ", 1, results={Round.SIX: RoundResult(status)})
        assert project.result(Round.TWELVE).status is Status.NOT_REPORTED


def test_the_twelve_month_figures_count_it_completed() -> None:
    plan = default_plan()
    plan.projects[1].results = {Round.SIX: RoundResult(Status.COMPLETED, "ทำแล้ว")}
    done = Status.COMPLETED
    assert compute(plan, Round.TWELVE).per_status[done] == compute(default_plan(), Round.TWELVE).per_status[done] + 1


def test_editing_the_twelve_month_round_keeps_the_mark_and_the_carried_result() -> None:
    plan = default_plan()
    project = plan.projects[1]
    project.results = {Round.SIX: RoundResult(Status.COMPLETED, "ทำแล้ว"),
                       Round.TWELVE: RoundResult(entered=True)}
    inp = ProjectInput.from_project(project, Round.TWELVE, DigitStyle.THAI)
    assert inp.status is Status.COMPLETED and inp.result_text == "ทำแล้ว"
    inp.remark = "ยืนยันผลรอบ ๑๒ เดือน"
    apply_project(plan, 1, inp, Round.TWELVE)
    twelve = project.result(Round.TWELVE)
    assert (twelve.status, twelve.remark, twelve.entered) == (Status.COMPLETED, "ยืนยันผลรอบ ๑๒ เดือน", True)
    inp.result_text = "ทำแล้ว และขยายผลไปยังหมู่บ้านอื่น"  # the 12-month round's own words: stored as its own
    apply_project(plan, 1, inp, Round.TWELVE)
    stored = project.results[Round.TWELVE]
    assert (stored.status, stored.result_text, stored.entered) == (Status.COMPLETED, inp.result_text, True)
    assert not project.carried_over(Round.TWELVE)


def test_editing_only_the_name_or_the_remark_keeps_the_result_carried() -> None:
    plan = default_plan()
    project = plan.projects[1]
    project.results = {Round.SIX: RoundResult(Status.COMPLETED, "ทำแล้ว", Decimal("1000"))}
    inp = ProjectInput.from_project(project, Round.TWELVE, DigitStyle.THAI)
    inp.name, inp.remark = "โครงการเสริมสร้างค่านิยม (แก้ชื่อ)", "ตามผลรอบ ๖ เดือน"
    apply_project(plan, 1, inp, Round.TWELVE)
    assert project.carried_over(Round.TWELVE)
    assert project.result(Round.TWELVE).remark == "ตามผลรอบ ๖ เดือน"
    project.results[Round.SIX].result_text = "ทำแล้ว ครบทุกกิจกรรม"  # a later correction of the 6-month round
    assert project.result(Round.TWELVE).result_text == "ทำแล้ว ครบทุกกิจกรรม"


def test_a_twelve_month_status_taken_back_leaves_no_stale_words() -> None:
    """The 12-month round said "could not be done" with a reason and 0.00 disbursed; the office finds the
    project was completed at 6 months and sets the 12-month status back to not reported: the 12-month
    result reads the 6-month one, never a completed status beside "could not be done" words."""
    project = completed_at_six()
    project.results[Round.TWELVE] = RoundResult(
        Status.NOT_REPORTED, "ไม่สามารถดำเนินการได้ เนื่องจากบุคลากรไม่เพียงพอ", Decimal("0.00"), remark="แก้ไขสถานะ"
    )
    twelve = project.result(Round.TWELVE)
    assert (twelve.status, twelve.result_text, twelve.disbursed) == (Status.COMPLETED, "อบรมแล้ว ๔๐ คน",
                                                                      Decimal("19500"))
    assert twelve.remark == "แก้ไขสถานะ"
