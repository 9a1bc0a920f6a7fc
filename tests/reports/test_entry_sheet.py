"""The e-PlanNACC entry sheet: every project of the round, each with the national form's fields in its order
and wording, amounts ready to paste, the entered and carried-over marks, and user text shown as typed."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.hostile_corpus import HOSTILE_TEXT, assert_terminal_safe, shown
from tracker.domain.model import Plan, Project, ProjectKind, ReasonKind, Round, RoundResult, Status
from tracker.domain.thai import THAI_DIGITS, DigitStyle, with_digits
from tracker.importer.defaults import default_plan
from tracker.reports.entry_sheet import (
    APPROPRIATED,
    DISBURSED,
    ENTERED,
    FIELD_LABELS,
    INCLUDED,
    KIND,
    NAME,
    NO_BUDGET,
    NOT_ENTERED,
    NOT_RECORDED,
    PLAN_BUDGET,
    PROJECT_REMARK,
    REASON,
    REMARK,
    RESULT,
    RULE,
    STATUS,
    entry_sheet,
    plain_amount,
)
from tracker.reports.export import ExportFormat, default_export_path, export_bytes, export_report

THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")


def blocks(text: str) -> list[str]:
    """The projects' blocks (the header and the closing line left out)."""
    return text.split(RULE + "\n")[1:-1]


def field(block: str, label: str) -> str:
    """The value of a block's field, its continuation lines joined with newlines (indent removed; the
    sub-lines "ระบุ" and the project's remark are not part of it)."""
    lines = block.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{label}:"))
    value = [lines[start][len(label) + 1:].removeprefix(" ")]
    for line in lines[start + 1:]:
        if not line.startswith("    ") or line[4:].split(":")[0] in SUB_LABELS:
            break
        value.append(line[4:])
    return "\n".join(value)


SUB_LABELS = {"ระบุ", PROJECT_REMARK, "คำอธิบายที่บันทึกไว้", "คำอธิบายที่บันทึกไว้ (ระบบไม่มีช่องนี้)"}


def block_of(text: str, number: int, digits: DigitStyle = DigitStyle.THAI) -> str:
    heading = with_digits(f"ลำดับที่ {number}  ", digits)
    return next(b for b in blocks(text) if b.startswith(heading))


def plan_with(*projects: Project, round_: Round = Round.TWELVE) -> Plan:
    plan = default_plan()
    plan.projects = list(projects)
    plan.round = round_
    return plan


def test_the_default_plan_lists_all_twenty_projects_with_every_field_in_the_forms_order() -> None:
    plan = default_plan()
    text = entry_sheet(plan)
    found = blocks(text)
    assert len(found) == 20
    for project, block in zip(plan.in_report_order(), found, strict=True):
        assert block.startswith(with_digits(f"ลำดับที่ {project.number}  ", DigitStyle.THAI))
        starts = [next(i for i, line in enumerate(block.split("\n")) if line.startswith(f"{label}:"))
                  for label in FIELD_LABELS]
        assert starts == sorted(starts), project.number  # in the form's order
        assert NOT_ENTERED in block.split("\n")[0]
    head = text.split(RULE)[0]
    assert "องค์การบริหารส่วนตำบลบางเตย อำเภอสามพราน จังหวัดนครปฐม" in head
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๑๒ เดือน" in head
    assert "จำนวนโครงการทั้งหมด ๒๐ โครงการ บันทึกในระบบแล้ว ๐ โครงการ" in head
    assert "ตัวเลขอื่นในแบบนี้เขียนเป็นเลขไทย" in head  # only the amounts are Arabic, and the header says so
    seven = block_of(text, 7)
    assert field(seven, KIND) == "มาตรการ" and field(seven, NAME) == "มาตรการ NO Gift Policy"
    assert field(seven, "มิติที่") == "๒ การบริหารราชการเพื่อป้องกันการทุจริต"
    two = block_of(text, 2)
    assert field(two, PLAN_BUDGET) == "50000.00" and field(two, DISBURSED) == "0.00"
    assert field(two, STATUS) == "ไม่สามารถดำเนินการได้"
    assert field(two, REASON).startswith(NOT_RECORDED)  # the seed gives no reason for this one
    assert field(block_of(text, 3), REASON) == "บุคลากรไม่เพียงพอ"
    assert field(two, RESULT) == "บุคลากรมีความรับรู้ความเข้าใจและมีส่วนร่วม ร้อยละ ๑๐๐"  # typed text as typed
    assert text.endswith("\n") and "\r" not in text


def test_each_status_and_reason_as_the_form_writes_them() -> None:
    def done(status: Status, reason: ReasonKind | None = None, text: str = "") -> Project:
        return Project(1, "x", 1, ProjectKind.PROJECT, budget=Decimal(1000),
                       results={Round.TWELVE: RoundResult(status, "ผล", Decimal(10), reason, text)})

    expected = {
        Status.COMPLETED: ("ดำเนินการแล้วเสร็จ", "-"),
        Status.IN_PROGRESS: ("อยู่ระหว่างดำเนินการ", "-"),
    }
    for status, (status_text, reason_text) in expected.items():
        block = blocks(entry_sheet(plan_with(done(status))))[0]
        assert field(block, STATUS) == status_text
        assert field(block, REASON).startswith(reason_text + " (ระบุเฉพาะเมื่อ")
    for reason, label in [
        (ReasonKind.NO_BUDGET, "ไม่ได้รับงบประมาณ"),
        (ReasonKind.POLICY_CHANGED, "นโยบายผู้บริหารเปลี่ยนแปลง"),
        (ReasonKind.NOT_ENOUGH_STAFF, "บุคลากรไม่เพียงพอ"),
    ]:
        block = blocks(entry_sheet(plan_with(done(Status.NOT_DONE, reason))))[0]
        assert field(block, STATUS) == "ไม่สามารถดำเนินการได้" and field(block, REASON) == label
    other = blocks(entry_sheet(plan_with(done(Status.NOT_DONE, ReasonKind.OTHER, "น้ำท่วมพื้นที่จัดงาน"))))[0]
    assert field(other, REASON) == "อื่นๆ"
    assert "\n    ระบุ: น้ำท่วมพื้นที่จัดงาน\n" in other  # the words of อื่นๆ, under it
    blank_other = blocks(entry_sheet(plan_with(done(Status.NOT_DONE, ReasonKind.OTHER))))[0]
    assert "\n    ระบุ: (ไม่ได้บันทึกไว้ในโปรแกรม กรอกในระบบเอง)\n" in blank_other
    unreported = Project(1, "x", 1, ProjectKind.PROJECT, budget=Decimal(1000))
    block = blocks(entry_sheet(plan_with(unreported)))[0]
    assert field(block, STATUS).startswith("ยังไม่มีผลการดำเนินงานของรอบนี้ (รอการรายงานผล)")
    assert "อยู่ระหว่างดำเนินการ / ดำเนินการแล้วเสร็จ / ไม่สามารถดำเนินการได้" in field(block, STATUS)
    assert field(block, DISBURSED) == f"{NOT_RECORDED} กรอกในระบบเอง" and field(block, RESULT) == "-"


@pytest.mark.parametrize(
    ("kind", "written"),
    [(ProjectKind.PROJECT, "โครงการ"), (ProjectKind.ACTIVITY, "กิจกรรม"), (ProjectKind.MEASURE, "มาตรการ"),
     (ProjectKind.GUIDELINE, "แนวปฏิบัติ")],
)
def test_the_type_is_the_forms_radio_choice(kind: ProjectKind, written: str) -> None:
    assert field(blocks(entry_sheet(plan_with(Project(1, "x", 1, kind))))[0], KIND) == written


def test_a_kind_the_form_does_not_have_must_be_chosen_in_the_system() -> None:
    value = field(blocks(entry_sheet(plan_with(Project(1, "x", 1, ProjectKind.OTHER))))[0], KIND)
    assert value == "ประเภทในแผนไม่ตรงกับตัวเลือกของแบบ เลือกในระบบเอง: โครงการ / กิจกรรม / มาตรการ / แนวปฏิบัติ"


def test_a_project_without_a_budget() -> None:
    project = Project(1, "x", 1, ProjectKind.MEASURE, budget=None,
                      results={Round.TWELVE: RoundResult(Status.COMPLETED, "ทำแล้ว")})
    block = blocks(entry_sheet(plan_with(project)))[0]
    assert field(block, PLAN_BUDGET) == NO_BUDGET == "ดำเนินการโดยไม่ใช้งบประมาณ"
    assert field(block, APPROPRIATED) == f"- ({NO_BUDGET})"
    assert field(block, DISBURSED) == f"- ({NO_BUDGET})"


def test_appropriated_known_and_unknown_and_the_included_flag() -> None:
    known = Project(1, "a", 1, ProjectKind.PROJECT, budget=Decimal("1234567.5"), appropriated=Decimal("1200000"),
                    included=True,
                    results={Round.TWELVE: RoundResult(Status.COMPLETED, "ผล", Decimal("1199999.99"))})
    unknown = Project(2, "b", 1, ProjectKind.PROJECT, budget=Decimal(30000), included=False)
    text = entry_sheet(plan_with(known, unknown))
    first, second = blocks(text)
    assert field(first, PLAN_BUDGET) == "1234567.50"  # no separator, no บาท, in Arabic digits
    assert field(first, APPROPRIATED) == "1200000.00" and field(first, DISBURSED) == "1199999.99"
    assert field(first, INCLUDED) == "บรรจุ"
    assert field(second, APPROPRIATED) == f"{NOT_RECORDED} กรอกในระบบเอง"
    assert field(second, INCLUDED) == "ไม่บรรจุ"
    flagless = blocks(entry_sheet(plan_with(Project(1, "c", 1))))[0]
    assert field(flagless, INCLUDED) == f"{NOT_RECORDED} เลือกในระบบเอง: บรรจุ / ไม่บรรจุ"


def test_plain_amounts() -> None:
    assert plain_amount(Decimal(50000)) == "50000.00"
    assert plain_amount(Decimal("0.005")) == "0.01"
    assert plain_amount(Decimal("1000000000000")) == "1000000000000.00"


def test_a_twelve_month_result_carried_from_six_months_says_so() -> None:
    carried = Project(1, "a", 1, ProjectKind.PROJECT, budget=Decimal(5000), results={
        Round.SIX: RoundResult(Status.COMPLETED, "เสร็จตั้งแต่ครึ่งปีแรก", Decimal(4500)),
    })
    own = Project(2, "b", 1, ProjectKind.PROJECT, budget=Decimal(5000), results={
        Round.SIX: RoundResult(Status.IN_PROGRESS, "กำลังทำ"),
        Round.TWELVE: RoundResult(Status.COMPLETED, "เสร็จ", Decimal(5000)),
    })
    text = entry_sheet(plan_with(carried, own))
    first, second = blocks(text)
    assert "ผลรอบ ๑๒ เดือนยกมาจากรอบ ๖ เดือน" in first.split("\n")[1]
    assert field(first, STATUS) == "ดำเนินการแล้วเสร็จ" and field(first, RESULT) == "เสร็จตั้งแต่ครึ่งปีแรก"
    assert field(first, DISBURSED) == "4500.00"
    assert "ยกมาจากรอบ" not in second
    assert "ผลรอบ ๑๒ เดือนที่ยกมาจากรอบ ๖ เดือน (ดำเนินการแล้วเสร็จตั้งแต่รอบ ๖ เดือน) ๑ โครงการ" in text
    six = entry_sheet(plan_with(carried, own), Round.SIX)
    assert "ยกมาจากรอบ" not in six and "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)" in six
    assert field(blocks(six)[1], STATUS) == "อยู่ระหว่างดำเนินการ"


def test_entered_marks_are_counted_and_shown_per_block() -> None:
    plan = default_plan()
    for project in plan.projects[:3]:
        project.results[Round.TWELVE].entered = True
    text = entry_sheet(plan)
    assert "บันทึกในระบบแล้ว ๓ โครงการ ยังไม่ได้บันทึก ๑๗ โครงการ" in text
    headings = [b.split("\n")[0] for b in blocks(text)]
    assert [ENTERED in h for h in headings] == [True] * 3 + [False] * 17
    assert [NOT_ENTERED in h for h in headings] == [False] * 3 + [True] * 17
    # The six-month round has its own marks.
    assert "บันทึกในระบบแล้ว ๐ โครงการ" in entry_sheet(plan, Round.SIX)


def test_the_rounds_remark_and_the_projects_own_are_told_apart() -> None:
    project = Project(1, "x", 1, remarks="ย้ายไปปีหน้า", results={
        Round.TWELVE: RoundResult(Status.COMPLETED, "ผล", remark="ส่งเอกสารแล้ว\nรอตรวจ"),
    })
    block = blocks(entry_sheet(plan_with(project)))[0]
    assert f"{REMARK}: ส่งเอกสารแล้ว\n    รอตรวจ\n" in block
    assert f"\n    {PROJECT_REMARK}: ย้ายไปปีหน้า\n" in block
    plain = blocks(entry_sheet(plan_with(Project(1, "x", 1))))[0]
    assert field(plain, REMARK) == "-" and PROJECT_REMARK not in plain


@pytest.mark.parametrize(
    "value",
    ["[bold red]โครงการ[/bold red]", "บรรทัดแรก\nบรรทัดสอง", "a\x1b[31mred\x1b[0m", "\x1b]8;;https://evil.example\x07x",
     "user\u202etxt", "a\u2028b", "one\r\ntwo", "C0\x00\x07\x08\x7f\x9b end"],
    ids=["markup", "newline", "escape", "osc", "bidi", "line separator", "crlf", "controls"],
)
def test_hostile_text_shows_as_typed_and_cannot_pass_for_a_field(value: str) -> None:
    project = Project(1, value, 1, ProjectKind.PROJECT, budget=Decimal(100), remarks=value, results={
        Round.TWELVE: RoundResult(Status.NOT_DONE, value, Decimal(1), ReasonKind.OTHER, value, remark=value),
    })
    text = entry_sheet(plan_with(project))
    assert_terminal_safe(text)
    block = blocks(text)[0]
    expected = shown(value.replace("\u2028", "\n"))
    assert field(block, NAME) == expected
    assert field(block, RESULT) == expected
    lines = block.split("\n")
    # Every line of a value is indented under its field: no line of user text starts like a label.
    labels = [line.split(":")[0] for line in lines if line and not line.startswith(" ")]
    assert all(label in {*FIELD_LABELS, "มิติที่"} or label.startswith("ลำดับที่") for label in labels), labels


def test_every_hostile_value_leaves_the_sheet_terminal_safe() -> None:
    plan = default_plan()
    for project, value in zip(plan.projects, HOSTILE_TEXT.values(), strict=False):
        project.name = value
        project.results[Round.TWELVE].result_text = value
        project.results[Round.TWELVE].remark = value
    text = entry_sheet(plan)
    assert_terminal_safe(text)
    assert len(blocks(text)) == 20


def test_arabic_digits_leave_no_thai_digit_and_thai_digits_keep_amounts_arabic() -> None:
    plan = default_plan()
    plan.projects[0].name = "โครงการปี ๒๕๖๗"
    arabic = export_report(plan, ExportFormat.ENTRY, digits=DigitStyle.ARABIC)
    assert not THAI_DIGIT.search(arabic), THAI_DIGIT.findall(arabic)[:5]
    assert "โครงการปี 2567" in arabic and "ประจำปีงบประมาณ พ.ศ. 2567 รอบ 12 เดือน" in arabic
    assert "จำนวนโครงการทั้งหมด 20 โครงการ" in arabic and "ตัวเลขอื่นในแบบนี้เขียนเป็นเลขไทย" not in arabic
    thai = export_report(plan, ExportFormat.ENTRY)
    assert "โครงการปี ๒๕๖๗" in thai  # typed text as typed
    amounts = [line.split(": ", 1)[1] for line in thai.split("\n")
               if line.startswith((f"{PLAN_BUDGET}:", f"{DISBURSED}:")) and line[-1].isdigit()]
    assert "50000.00" in amounts and all(re.fullmatch(r"[0-9]+\.[0-9]{2}", a) for a in amounts)
    # The sheet reads the same through the export and directly.
    assert thai == entry_sheet(plan) and arabic == entry_sheet(plan, digits=DigitStyle.ARABIC)


def test_a_plan_without_projects() -> None:
    text = entry_sheet(plan_with())
    assert "จำนวนโครงการทั้งหมด ๐ โครงการ" in text and "แผนนี้ยังไม่มีโครงการ" in text


def test_the_entry_sheet_file() -> None:
    plan = default_plan()
    assert default_export_path(plan, ExportFormat.ENTRY).name == "องค์การบริหารส่วนตำบลบางเตย-2567-12-entry.txt"
    assert default_export_path(plan, "entry", Round.SIX).name == "องค์การบริหารส่วนตำบลบางเตย-2567-6-entry.txt"
    data = export_bytes(plan, ExportFormat.ENTRY)
    assert not data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8") == entry_sheet(plan)
    assert ExportFormat.ENTRY.suffix == "txt" and ExportFormat.ENTRY.takes_round
    assert not ExportFormat.ENTRY.takes_history and not ExportFormat.ENTRY.is_document


def test_the_readme_shows_a_real_block_of_the_default_plan() -> None:
    """Both halves of the README quote project 3's block as the command writes it (regenerate it if this fails)."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = block_of(entry_sheet(default_plan()), 3).rstrip("\n")
    assert readme.count(f"```text\n{block}\n```") == 2
