"""Status rules (family ``status``): what the national system requires of a project's status and of
its entry, and result words that say the opposite of the status.

A project that could not be done needs a reason, a completed one a result; in the 12-month round every
project needs a status, and one completed at 6 months stays completed (the national system locks it).
The national form knows four kinds of item, so a project needs one of them. :func:`says_not_done` and
:func:`reads_achieved` read a result's words.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import clip, quote
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import KIND_LABELS, REASON_LABELS, ProjectKind, ReasonKind, Round, Status
from tracker.domain.project_rules import lacks_reason, lacks_result, other_reason_unsaid
from tracker.domain.text import bare, squash


@rule("STATUS_NO_REASON", Family.STATUS, Severity.ERROR)
def check_reason(ctx: CheckContext) -> Iterator[Finding]:
    """A project that could not be done, with no reason (or "other" with no words)."""
    reasons = ", ".join(label for kind, label in REASON_LABELS.items() if kind is not ReasonKind.OTHER)
    for project in ctx.plan.projects:
        result = ctx.result(project)
        if result.status is not Status.NOT_DONE:
            continue
        n = project.number
        if lacks_reason(result.status, result.reason):
            yield ctx.finding(
                f"{ctx.project_th(n)} ไม่สามารถดำเนินการได้ แต่ไม่ระบุเหตุผล"
                f" (project {n} could not be done, and no reason is given)",
                f"เลือกเหตุผลในช่องเหตุผล: {reasons} หรืออื่นๆ (พร้อมคำอธิบาย) ซึ่งระบบ e-PlanNACC ต้องการ"
                " (choose the reason the national system asks for: no budget, policy changed, not enough"
                " staff, or other with a few words)",
                project,
            )
        elif other_reason_unsaid(result.status, result.reason, result.reason_text):
            yield ctx.finding(
                f"{ctx.project_th(n)} ไม่สามารถดำเนินการได้ เหตุผล “อื่นๆ” แต่ไม่ได้อธิบาย"
                f" (project {n} could not be done for an 'other' reason that is not described)",
                "เขียนคำอธิบายเหตุผลสั้นๆ ต่อจาก “อื่นๆ” (say in a few words what the other reason is)",
                project,
            )


@rule("STATUS_NO_RESULT", Family.STATUS, Severity.ERROR)
def check_result_text(ctx: CheckContext) -> Iterator[Finding]:
    """A project marked completed with no result text."""
    for project in ctx.plan.projects:
        result = ctx.result(project)
        if lacks_result(result.status, result.result_text):
            n = project.number
            yield ctx.finding(
                f"{ctx.project_th(n)} ดำเนินการแล้วเสร็จ แต่ไม่มีผลการดำเนินงาน"
                f" (project {n} is completed, and its result is empty)",
                "เขียนผลการดำเนินงานว่าทำอะไรไปและได้ผลตามตัวชี้วัดอย่างไร ซึ่งการประเมิน ITA ตรวจดู"
                " (write what was done and how the indicator was met; the ITA assessment looks for it)",
                project,
            )


# Words that say a project was not done. Matched on text without whitespace (cells wrap anywhere).
# "ไม่ได้ดำเนินการ" alone is common in completed results ("ไม่มีเรื่องร้องเรียน จึงไม่ได้ดำเนินการสอบสวน"),
# so it counts only where the result begins with it.
_NOT_DONE_ANYWHERE = ("ไม่สามารถดำเนินการ", "ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ")
_NOT_DONE_AT_START = ("ไม่ได้ดำเนินการ",)
# Any of these in a could-not-be-done result means it speaks of not doing or of why (the reasons'
# own words included: "นโยบายผู้บริหารเปลี่ยนแปลง", "บุคลากรไม่เพียงพอ"). Not "ไม่" alone: an indicator
# copied over says "ไม่ต่ำกว่าร้อยละ ๘๐" and still reads as achieved.
_NEGATIONS = ("ไม่สามารถ", "ไม่ได้", "ยังไม่", "ไม่มี", "ไม่ครบ", "ไม่เพียงพอ", "ไม่ทัน", "ขาด", "ยกเลิก",
              "งดจัด", "งดดำเนินการ", "เลื่อน", "เปลี่ยนแปลง", "เนื่องจาก", "เพราะ")
# Words of a result achieved.
_ACHIEVED = ("ร้อยละ", "แล้วเสร็จ", "เสร็จสิ้น", "เสร็จเรียบร้อย", "เรียบร้อยแล้ว", "ดำเนินการแล้ว", "ครบถ้วน",
             "ได้ครบ", "บรรลุ", "สำเร็จ", "ผ่านเกณฑ์", "ได้ดำเนินการ", "ได้จัด", "ได้รับความรู้", "มีความรู้",
             "มีความรับรู้", "มีความเข้าใจ", "พึงพอใจ")


def says_not_done(result_text: str) -> str | None:
    """The words by which a result says the project was not done, if it does."""
    text = bare(result_text)
    for phrase in _NOT_DONE_ANYWHERE:
        if phrase in text:
            return phrase
    return next((p for p in _NOT_DONE_AT_START if text.startswith(p)), None)


def reads_achieved(result_text: str, indicator: str = "") -> str | None:
    """Why a result reads as achieved (its words, or that it repeats the indicator), if it says
    nothing of not doing; None otherwise."""
    text = bare(result_text)
    if text and text == bare(indicator):
        return "ตัวชี้วัด"  # whatever its words, the indicator copied over is no account of not doing
    if not text or any(word in text for word in _NEGATIONS):
        return None
    return next((word for word in _ACHIEVED if word in text), None)


@rule("STATUS_TEXT_CONTRADICTS", Family.STATUS, Severity.WARNING)
def check_status_against_text(ctx: CheckContext) -> Iterator[Finding]:
    """A result text that says the opposite of the status."""
    for project in ctx.plan.projects:
        result = ctx.result(project)
        n = project.number
        if result.status is Status.COMPLETED and (words := says_not_done(result.result_text)):
            text = clip(squash(result.result_text), 100)
            yield ctx.finding(
                f"{ctx.project_th(n)} มีสถานะดำเนินการแล้วเสร็จ แต่ผลการดำเนินงานเขียนว่า {quote(words)}"
                f"{'' if bare(text) == words else ': ' + quote(text)}"
                f" (project {n} is marked completed, but its result says it was not done)",
                "หากโครงการไม่ได้ดำเนินการ ให้เปลี่ยนสถานะเป็นไม่สามารถดำเนินการได้และระบุเหตุผล;"
                " หากดำเนินการแล้ว ให้แก้ผลการดำเนินงานให้บอกสิ่งที่ทำได้"
                " (if it was not done, change the status to could-not-be-done and give the reason;"
                " if it was done, rewrite the result to say what was achieved)",
                project,
            )
        elif result.status is Status.NOT_DONE and (
            words := reads_achieved(result.result_text, project.indicator)
        ):
            text = clip(squash(result.result_text), 100)
            why_th = "ซ้ำกับตัวชี้วัด" if words == "ตัวชี้วัด" else f"({quote(words)})"
            why_en = ", repeating the indicator word for word" if words == "ตัวชี้วัด" else ""
            yield ctx.finding(
                f"{ctx.project_th(n)} มีสถานะไม่สามารถดำเนินการได้ แต่ผลการดำเนินงานอ่านเหมือนทำสำเร็จ"
                f" {why_th}: {quote(text)}"
                f" (project {n} is marked could-not-be-done, but its result reads as achieved{why_en})",
                "หากโครงการดำเนินการแล้ว ให้เปลี่ยนสถานะ; หากไม่ได้ดำเนินการ ให้เขียนผลว่า"
                " “ไม่สามารถดำเนินการได้ เนื่องจาก ...” (ข้อความที่เขียนไว้อาจเป็นตัวชี้วัดที่คัดลอกมา)"
                " (if it was done, change the status; if not, write that it could not be done and why —"
                " the text may be the indicator copied over)",
                project,
            )


@rule("STATUS_UNREPORTED_12M", Family.STATUS, Severity.ERROR)
def check_unreported(ctx: CheckContext) -> Iterator[Finding]:
    """A project with no status in the 12-month round, which closes the fiscal year."""
    if ctx.round is not Round.TWELVE:
        return
    for project in ctx.plan.projects:
        if ctx.result(project).status is Status.NOT_REPORTED:
            n = project.number
            yield ctx.finding(
                f"{ctx.project_th(n)} ยังไม่ได้รายงานผล{Round.TWELVE.label}"
                f" (project {n} has no result in the 12-month round)",
                "ระบุสถานะ (แล้วเสร็จ, อยู่ระหว่างดำเนินการ หรือไม่สามารถดำเนินการได้) และผลการดำเนินงาน;"
                " โครงการที่ไม่รายงานผลนับเป็น ๐ ในร้อยละการนำแผนไปปฏิบัติ"
                " (record its status and result; an unreported project counts 0 in the score)",
                project,
            )



@rule("STATUS_REOPENED_12M", Family.STATUS, Severity.WARNING)
def check_reopened(ctx: CheckContext) -> Iterator[Finding]:
    """A project completed in the 6-month round whose 12-month status says otherwise.

    The national system keeps a project completed at 6 months as completed at 12 and lets nobody change
    it, so a report saying "in progress" or "could not be done" disagrees with it (and scores it lower).
    A 12-month round not reported yet takes the 6-month completion (:meth:`Project.result`) and passes.
    """
    if ctx.round is not Round.TWELVE:
        return
    style = ctx.plan.settings.digit_style
    six_th, twelve_th = Round.SIX.label_in(style), Round.TWELVE.label_in(style)
    for project in ctx.plan.projects:
        six, twelve = project.results.get(Round.SIX), project.results.get(Round.TWELVE)
        if six is None or twelve is None or six.status is not Status.COMPLETED:
            continue
        if twelve.status not in (Status.IN_PROGRESS, Status.NOT_DONE):
            continue
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} ดำเนินการแล้วเสร็จใน{six_th} แต่{twelve_th}มีสถานะ{twelve.status.label}"
            f" (project {n} was completed in the 6-month round, but its 12-month status is"
            f" {twelve.status.english})",
            f"ระบบ e-PlanNACC ถือว่าโครงการที่แล้วเสร็จใน{six_th}แล้วเสร็จใน{twelve_th}ด้วยและแก้ไม่ได้:"
            f" หากแล้วเสร็จจริง ให้เปลี่ยนสถานะ{twelve_th}เป็น “{Status.COMPLETED.label}” หรือ"
            f" “{Status.NOT_REPORTED.label}” เพื่อใช้ผลของ{six_th}; หาก{six_th}บันทึกสถานะผิด ให้แก้ที่{six_th}"
            " และแจ้งผู้ดูแลระบบ e-PlanNACC หากบันทึกในระบบไปแล้ว"
            " (the national system keeps a project completed at 6 months completed at 12, and it cannot be"
            " changed there: if it was completed, set the 12-month status to completed, or to not reported"
            " to take the 6-month result; if the 6-month status was wrong, correct it, and ask the national"
            " system's administrators if it was already entered)",
            project,
            field="status",
        )


_FORM_KINDS = [label for kind, label in KIND_LABELS.items() if kind is not ProjectKind.OTHER]
_FORM_KINDS_TH = " ".join(_FORM_KINDS[:-1]) + f" หรือ{_FORM_KINDS[-1]}"  # โครงการ มาตรการ กิจกรรม หรือแนวปฏิบัติงาน


@rule("KIND_NOT_IN_FORM", Family.STATUS, Severity.WARNING)
def check_kind(ctx: CheckContext) -> Iterator[Finding]:
    """A project of the kind "other", which the national form does not have (it knows โครงการ,
    กิจกรรม, มาตรการ and แนวปฏิบัติ)."""
    for project in ctx.plan.projects:
        if project.kind is not ProjectKind.OTHER:
            continue
        n = project.number
        named = ProjectKind.from_name(project.name)
        hint_th = (
            f"; ชื่อขึ้นต้นด้วย “{named.label}” จึงน่าจะเป็นประเภท{named.label}" if named is not ProjectKind.OTHER else ""
        )
        hint_en = f"; its name begins with the word for {named.value}" if named is not ProjectKind.OTHER else ""
        yield ctx.finding(
            f"{ctx.project_th(n)} มีประเภท “{ProjectKind.OTHER.label}” ซึ่งแบบรายงานผลในระบบ e-PlanNACC ไม่มี"
            f" (project {n} is of the kind 'other', which the national system's form does not have)",
            f"เลือกประเภทในแบบฟอร์มโครงการเป็น{_FORM_KINDS_TH} ตามที่แผนเรียกรายการนี้{hint_th}"
            f" (choose one of the form's kinds — project, measure, activity, guideline — as the plan calls"
            f" it{hint_en})",
            project,
            field="kind",
        )
