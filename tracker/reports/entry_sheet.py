"""The e-PlanNACC entry sheet: each project's values for one round, in the order and wording of the
national system's report form, so that the officer copies field after field into the web form.

One block per project, in report order, each field on its own line as ``label: value``:

ประเภท, ชื่อโครงการ, มิติที่, วงเงินตามแผนพัฒนาท้องถิ่น, วงเงินตามข้อบัญญัติ/เทศบัญญัติ, การเบิกจ่าย,
บรรจุไว้ในข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน, สถานะ, เหตุผล, ผลการดำเนินงาน, หมายเหตุ.

- A choice (type, status, reason, included) is written as the form writes it ("แนวปฏิบัติ", not the
  plan's "แนวปฏิบัติงาน"); where the plan does not know it, the line says so and lists the form's choices,
  so the officer picks one in the system rather than copying a guess.
- Amounts are written as the form's fields take them: Arabic digits, two decimals, no thousands
  separator and no "บาท" ("50000.00"), **whatever the digit style**: the web form takes Arabic digits, so
  an amount is always ready to paste. Every other figure (order numbers, dimensions, counts, dates)
  follows the digit style; in Thai digits the header says that only the amounts are Arabic.
- The header gives the organization, the fiscal year (พ.ศ.), the round, how many projects and how many
  are already marked entered; each block says whether it is marked entered (an interrupted submission
  resumes at the first "ยังไม่ได้บันทึก"), and whether a 12-month result is the 6-month completion
  carried over.
- User text is data: control characters are made visible (:func:`tracker.domain.text.safe_block`),
  line breaks kept with the following lines indented under their field, so no value can pass for a
  field of its own.

Plain UTF-8 text, for a text editor; no textual here (the report layer).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.layout import round_line
from tracker.domain.model import (
    INCLUDED_LABELS,
    REASON_LABELS,
    STATUS_LABELS,
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    Status,
)
from tracker.domain.text import safe_block
from tracker.domain.thai import CENT, DigitStyle, typed_digits, with_digits

TITLE = "แบบกรอกผลการดำเนินงานลงระบบ e-PlanNACC"
SUBTITLE = "แผนปฏิบัติการป้องกันการทุจริต"

# The form's fields, in the form's order and wording.
KIND = "ประเภท"
NAME = "ชื่อโครงการ"
DIMENSION = "มิติที่"
PLAN_BUDGET = "วงเงินตามแผนพัฒนาท้องถิ่น"
APPROPRIATED = "วงเงินตามข้อบัญญัติ/เทศบัญญัติ"
DISBURSED = "การเบิกจ่าย"
INCLUDED = "บรรจุไว้ในข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน"
STATUS = "สถานะ"
REASON = "เหตุผล"
RESULT = "ผลการดำเนินงาน"
REMARK = "หมายเหตุ"
FIELD_LABELS: tuple[str, ...] = (
    KIND, NAME, DIMENSION, PLAN_BUDGET, APPROPRIATED, DISBURSED, INCLUDED, STATUS, REASON, RESULT, REMARK,
)
"""Every field of a block, in order (each starts a line as ``label: ``)."""
OTHER_TEXT = "ระบุ"
"""The line under "อื่นๆ" holding its words (the form's text box beside that choice)."""
PROJECT_REMARK = "หมายเหตุประจำโครงการ (ไม่ใช่ของรอบนี้ พิจารณาก่อนนำไปกรอก)"
"""The project's own remark, shown under the round's where there is one."""

FORM_KINDS: dict[ProjectKind, str] = {
    ProjectKind.PROJECT: "โครงการ",
    ProjectKind.ACTIVITY: "กิจกรรม",
    ProjectKind.MEASURE: "มาตรการ",
    ProjectKind.GUIDELINE: "แนวปฏิบัติ",
}
"""The form's radio choices for the type, in its order (a plan's "other" is none of them)."""
FORM_STATUSES: tuple[Status, ...] = (Status.IN_PROGRESS, Status.COMPLETED, Status.NOT_DONE)
FORM_REASONS: tuple[ReasonKind, ...] = (
    ReasonKind.NO_BUDGET, ReasonKind.POLICY_CHANGED, ReasonKind.NOT_ENOUGH_STAFF, ReasonKind.OTHER,
)
FORM_INCLUDED: tuple[bool, ...] = (True, False)

NO_BUDGET = "ดำเนินการโดยไม่ใช้งบประมาณ"
NOT_RECORDED = "ไม่ได้บันทึกไว้ในโปรแกรม"
KIND_NOT_ON_FORM = "ประเภทในแผนไม่ตรงกับตัวเลือกของแบบ"
NONE = "-"
ENTERED = "✓ บันทึกในระบบแล้ว"
NOT_ENTERED = "ยังไม่ได้บันทึกในระบบ"
INDENT = "    "
RULE = "=" * 72


def plain_amount(amount: Decimal) -> str:
    """An amount as the web form takes it: "50000.00" (Arabic digits, no separator, no "บาท")."""
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


def entry_sheet(plan: Plan, round_: Round | None = None, digits: DigitStyle | None = None) -> str:
    """The entry sheet of ``plan`` for ``round_`` (default: the plan's round and digit style)."""
    round_ = plan.round if round_ is None else round_
    digits = plan.settings.digit_style if digits is None else digits
    projects = plan.in_report_order()
    lines = _header(plan, projects, round_, digits)
    if not projects:
        lines += ["", "แผนนี้ยังไม่มีโครงการ (the plan has no projects yet)"]
    for index, project in enumerate(projects, start=1):
        lines += ["", RULE, *_block(plan, project, index, len(projects), round_, digits)]
    if projects:
        lines += ["", RULE, "จบแบบกรอก (end of the entry sheet)"]
    return "\n".join(lines) + "\n"


def _header(plan: Plan, projects: list[Project], round_: Round, digits: DigitStyle) -> list[str]:
    def n(value: int) -> str:
        return with_digits(str(value), digits)

    entered = sum(1 for p in projects if p.result(round_).entered)
    carried = sum(1 for p in projects if p.carried_over(round_))
    place = " ".join(
        part for part in (
            _typed(plan.organization, digits),
            f"อำเภอ{_typed(plan.district, digits)}" if plan.district.strip() else "",
            f"จังหวัด{_typed(plan.province, digits)}" if plan.province.strip() else "",
        ) if part
    )
    lines = [
        f"{TITLE} (entry sheet)",
        f"{SUBTITLE} {place}",
        with_digits(f"ประจำปีงบประมาณ พ.ศ. {plan.fiscal_year} ", digits) + round_line(plan.fiscal_year, round_, digits),
        f"จำนวนโครงการทั้งหมด {n(len(projects))} โครงการ บันทึกในระบบแล้ว {n(entered)} โครงการ"
        f" ยังไม่ได้บันทึก {n(len(projects) - entered)} โครงการ",
    ]
    if carried:
        lines.append(
            f"ผลรอบ {n(12)} เดือนที่ยกมาจากรอบ {n(6)} เดือน (ดำเนินการแล้วเสร็จตั้งแต่รอบ {n(6)} เดือน)"
            f" {n(carried)} โครงการ"
        )
    lines += [
        "",
        "วิธีใช้",
        "- กรอกทีละโครงการตามลำดับช่องในแบบรายงานผลของระบบ e-PlanNACC คัดลอกข้อความหลังเครื่องหมาย : ของแต่ละช่อง",
        f"- โครงการที่ขึ้นว่า \"{ENTERED}\" ข้ามได้ หากกรอกค้างไว้ ให้ค้นหาคำว่า"
        f" \"{NOT_ENTERED}\" เพื่อไปยังโครงการถัดไป",
        "- เมื่อบันทึกโครงการใดในระบบแล้ว ให้ทำเครื่องหมาย \"บันทึกใน e-PlanNACC แล้ว\" ที่โครงการนั้นในโปรแกรม"
        " แล้วส่งออกแบบกรอกนี้ใหม่",
        f"- ช่องที่ขึ้นว่า \"{NOT_RECORDED}\" ให้ตรวจจากเอกสารแล้วเลือกหรือกรอกในระบบเอง"
        " (ควรบันทึกเพิ่มในโปรแกรมด้วย)",
        "- จำนวนเงินเขียนด้วยเลขอารบิก ไม่มีเครื่องหมายจุลภาคคั่นหลักพันและไม่มีคำว่า \"บาท\" (เช่น 50000.00)"
        " ตามที่ช่องกรอกของระบบรับ จึงคัดลอกไปวางได้ทันที"
        + (" ตัวเลขอื่นในแบบนี้เขียนเป็นเลขไทย" if digits is DigitStyle.THAI else ""),
    ]
    return lines


def _block(
    plan: Plan, project: Project, index: int, total: int, round_: Round, digits: DigitStyle
) -> list[str]:
    """One project's fields, headed by its order number and whether it is marked entered."""
    result = project.result(round_)
    lines = [
        with_digits(f"ลำดับที่ {project.number}  ({index}/{total})", digits)
        + f"  ·  {ENTERED if result.entered else NOT_ENTERED}",
    ]
    if project.carried_over(round_):
        lines.append(with_digits(
            "ผลรอบ 12 เดือนยกมาจากรอบ 6 เดือน: ดำเนินการแล้วเสร็จตั้งแต่รอบ 6 เดือน"
            " ระบบแสดงเป็นดำเนินการแล้วเสร็จให้เอง ตรวจดูให้ตรงกัน", digits,
        ))
    lines.append("")
    lines += _field(KIND, _kind(project.kind))
    lines += _field(NAME, _typed(project.name, digits))
    dimension_name = plan.dimension_name(project.dimension)
    lines += _field(
        DIMENSION,
        with_digits(str(project.dimension), digits) + (f" {_typed(dimension_name, digits)}" if dimension_name else ""),
    )
    lines += _field(PLAN_BUDGET, NO_BUDGET if project.budget is None else plain_amount(project.budget))
    lines += _field(APPROPRIATED, _unknown_amount(project.appropriated, project))
    lines += _field(DISBURSED, _unknown_amount(result.disbursed, project))
    lines += _field(INCLUDED, _included(project.included))
    lines += _field(STATUS, _status(result.status))
    lines += _reason(result.status, result.reason, _typed(result.reason_text, digits))
    lines += _field(RESULT, _typed(result.result_text, digits) or NONE)
    lines += _field(REMARK, _typed(result.remark, digits) or NONE)
    if project.remarks.strip():
        lines += _field(PROJECT_REMARK, _typed(project.remarks, digits), indent=INDENT)
    return lines


def _typed(text: str, digits: DigitStyle) -> str:
    """User text as data: in the digits of ``digits`` (Arabic converts it), control characters visible,
    line breaks kept (the Unicode line and paragraph separators too, so that every line is indented)."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return safe_block(typed_digits(text, digits))


def _field(label: str, value: str, indent: str = "") -> list[str]:
    """``label: value``, a value of several lines continued under it, indented."""
    first, *rest = value.split("\n")
    return [f"{indent}{label}: {first}".rstrip(), *(f"{indent}{INDENT}{line}" if line.strip() else "" for line in rest)]


def _choices(labels: list[str]) -> str:
    return " / ".join(labels)


def _kind(kind: ProjectKind) -> str:
    form = FORM_KINDS.get(kind)
    if form is not None:
        return form
    return f"{KIND_NOT_ON_FORM} เลือกในระบบเอง: {_choices(list(FORM_KINDS.values()))}"


def _unknown_amount(amount: Decimal | None, project: Project) -> str:
    """An amount the plan may not know: the appropriated or disbursed one."""
    if amount is not None:
        return plain_amount(amount)
    if project.budget is None:
        return f"{NONE} ({NO_BUDGET})"
    return f"{NOT_RECORDED} กรอกในระบบเอง"


def _included(included: bool | None) -> str:
    if included is None:
        return f"{NOT_RECORDED} เลือกในระบบเอง: {_choices([INCLUDED_LABELS[c] for c in FORM_INCLUDED])}"
    return INCLUDED_LABELS[included]


def _status(status: Status) -> str:
    if status is Status.NOT_REPORTED:
        return (
            f"ยังไม่มีผลการดำเนินงานของรอบนี้ ({STATUS_LABELS[status]}) บันทึกผลในโปรแกรมก่อน"
            f" หรือเลือกในระบบเอง: {_choices([STATUS_LABELS[s] for s in FORM_STATUSES])}"
        )
    return STATUS_LABELS[status]


def _reason(status: Status, reason: ReasonKind | None, text: str) -> list[str]:
    """The reason line (the form asks for it only when the project could not be done), with the words of
    "อื่นๆ" under it, or the plan's own wording of another reason."""
    if status is not Status.NOT_DONE:
        return _field(REASON, f"{NONE} (ระบุเฉพาะเมื่อ{STATUS_LABELS[Status.NOT_DONE]})")
    if reason is None:
        lines = _field(
            REASON, f"{NOT_RECORDED} เลือกในระบบเอง: {_choices([REASON_LABELS[r] for r in FORM_REASONS])}"
        )
        return lines + (_field("คำอธิบายที่บันทึกไว้", text, indent=INDENT) if text.strip() else [])
    lines = _field(REASON, REASON_LABELS[reason])
    if reason is ReasonKind.OTHER:
        return lines + _field(OTHER_TEXT, text if text.strip() else f"({NOT_RECORDED} กรอกในระบบเอง)", indent=INDENT)
    if text.strip():
        lines += _field("คำอธิบายที่บันทึกไว้ (ระบบไม่มีช่องนี้)", text, indent=INDENT)
    return lines

