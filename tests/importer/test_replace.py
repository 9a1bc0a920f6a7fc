"""A report imported over the stored plan keeps what the report cannot say (tracker.importer.replace)."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.model import Plan, Round, RoundResult, Signatory, SignRole, Status
from tracker.importer.defaults import SEED_REPORT, default_plan
from tracker.importer.markdown_report import import_markdown
from tracker.importer.replace import keep_unreported
from tracker.importer.report_text import import_report
from tracker.reports.markdown_report import markdown_report


def stored() -> Plan:
    """The default plan as an office has kept it: a 6-month round, the national form's fields, marks."""
    plan = default_plan()
    for project in plan.projects:
        project.results[Round.SIX] = RoundResult(Status.IN_PROGRESS, "ครึ่งปีแรก", remark="รอบหก", entered=True)
    plan.narratives[Round.SIX] = {"foreword": "คำนำรอบหกเดือน"}
    plan.signatures[SignRole.APPROVER] = Signatory("นายก", "นายกองค์การบริหารส่วนตำบล")
    first, second = plan.projects[0], plan.projects[1]
    first.appropriated, first.included, first.remarks = Decimal("1200.00"), True, "ของโครงการ"
    first.results[Round.TWELVE].entered = True
    second.included = False
    return plan


def test_the_other_round_and_what_a_text_report_cannot_say_are_kept() -> None:
    old = stored()
    new = import_report(SEED_REPORT.read_text(encoding="utf-8")).plan
    assert new.round is Round.TWELVE and Round.SIX not in new.narratives
    keep_unreported(old, new)
    assert new.narratives[Round.SIX] == {"foreword": "คำนำรอบหกเดือน"}
    assert new.narratives[Round.TWELVE] != new.narratives[Round.SIX]  # the report's own stays
    assert new.signatures[SignRole.APPROVER] == Signatory("นายก", "นายกองค์การบริหารส่วนตำบล")
    for before, project in zip(old.projects, new.projects, strict=True):
        assert project.results[Round.SIX] == before.results[Round.SIX]
        # The report's round as the report states it (the seed's), but for the office's entered mark.
        twelve = project.results[Round.TWELVE]
        assert dataclass_without_mark(twelve) == dataclass_without_mark(before.results[Round.TWELVE])
    first, second = new.projects[0], new.projects[1]
    assert (first.appropriated, first.included, first.remarks) == (Decimal("1200.00"), True, "ของโครงการ")
    assert first.results[Round.TWELVE].entered and not second.results[Round.TWELVE].entered
    assert second.included is False


def dataclass_without_mark(result: RoundResult) -> tuple[object, ...]:
    return (result.status, result.result_text, result.disbursed, result.reason, result.reason_text, result.remark)


def test_what_the_report_states_wins() -> None:
    old = stored()
    edited = default_plan()
    edited.projects[0].appropriated = Decimal("900.00")
    edited.projects[1].included = True
    edited.projects[2].results[Round.TWELVE].remark = "ใหม่"
    new = import_markdown(markdown_report(edited)).plan
    keep_unreported(old, new)
    assert new.projects[0].appropriated == Decimal("900.00")
    assert new.projects[1].included is True
    assert new.projects[2].results[Round.TWELVE].remark == "ใหม่"
    assert new.projects[2].results[Round.SIX].remark == "รอบหก"


def test_projects_are_matched_by_name_then_by_a_renamed_ones_number() -> None:
    old = stored()
    old.projects[0].name = "โครงการ ชื่อเดิม"  # renamed in the report: matched by its number
    old.projects[1], old.projects[2] = old.projects[2], old.projects[1]  # moved: matched by name
    old.projects[1].number, old.projects[2].number = 2, 3
    new = import_report(SEED_REPORT.read_text(encoding="utf-8")).plan
    new.projects.pop(5)  # the report lacks one: it is not added back
    keep_unreported(old, new)
    assert len(new.projects) == 19
    assert new.projects[0].appropriated == Decimal("1200.00")
    assert new.projects[1].included is False  # by its name, though stored under another number
    assert new.projects[2].included is None
