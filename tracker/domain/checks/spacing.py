"""Spacing rule (family ``spacing``): a space inside a phrase or a name, as copying a table out of a
PDF leaves where a cell wrapped; read in the plan's own fields, part 1 and every project's words."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.domain.checks.context import HEADINGS, CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import join_th, quote
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import Status
from tracker.domain.split_words import PhraseSplit, find_splits, known_names

# The project fields a split is looked for in: (form field, Thai heading, English name).
_SPLIT_PROJECT_FIELDS = (
    ("name", HEADINGS["name"], "name"),
    ("method", HEADINGS["method"], "method"),
    ("indicator", HEADINGS["indicator"], "indicator"),
    ("unit", HEADINGS["unit"], "responsible unit"),
    ("remarks", HEADINGS["remarks"], "remarks"),
    ("result_text", HEADINGS["result"], "result"),
    ("reason_text", "คำอธิบายเหตุผล", "reason"),
    ("remark", HEADINGS["round remark"], "round remark"),
)
_SPLIT_PLAN_FIELDS = (
    ("organization", "ชื่อองค์กร", "organization"),
    ("district", "อำเภอ", "district"),
    ("province", "จังหวัด", "province"),
    ("preparing_unit", "หน่วยงานที่จัดทำ", "preparing unit"),
)


@rule("SPACE_SPLITS_PHRASE", Family.SPACING, Severity.WARNING)
def check_split_phrases(ctx: CheckContext) -> Iterator[Finding]:
    """A space inside a phrase or a name, as copying a table out of a PDF leaves where a cell wrapped.

    Decided without a dictionary (both sides of such a space are words): a space inside a name the
    plan knows (its organization, the kinds of local government, its district and province, units and
    dimensions), or right after a word that never ends a phrase ("ไม่" before its verb); see
    :mod:`tracker.domain.split_words`. One finding per field, quoting each phrase and its joined form.
    """
    plan = ctx.plan
    names = known_names(
        plan.organization,
        plan.district,
        plan.province,
        [plan.preparing_unit, *(p.unit for p in plan.projects)],
        [d.name for d in plan.dimensions],
    )
    plan_texts = [(key, th, en, str(getattr(plan, key))) for key, th, en in _SPLIT_PLAN_FIELDS]
    plan_texts += [(f"narrative.{s.key}", s.heading, s.english, text) for s, text in ctx.narrative()]
    for key, heading, english, text in plan_texts:
        splits = find_splits(text, names)
        if splits:
            yield ctx.finding(
                f"{heading} มีช่องว่างแยกวลี: {_split_quotes(splits)} ({english}: a space splits a phrase)",
                _split_detail(splits),
                field=key,
            )
    for project in plan.projects:
        result = ctx.result(project)
        n = project.number
        # The reason's words are published only for a project that could not be done.
        reason = result.reason_text if result.status is Status.NOT_DONE else ""
        texts = (project.name, project.method, project.indicator, project.unit, project.remarks,
                 result.result_text, reason, result.remark)  # in the order of _SPLIT_PROJECT_FIELDS
        for (key, heading, english), text in zip(_SPLIT_PROJECT_FIELDS, texts, strict=True):
            if not text:
                continue
            splits = find_splits(text, names)
            if splits:
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} มีช่องว่างแยกวลี: {_split_quotes(splits)}"
                    f" (project {n}'s {english}: a space splits a phrase)",
                    _split_detail(splits),
                    project,
                    field=key,
                )


def _split_quotes(splits: list[PhraseSplit]) -> str:
    return join_th([quote(s.fragment) for s in splits])


def _split_detail(splits: list[PhraseSplit]) -> str:
    fixes = join_th([f"{quote(s.fragment)} → {quote(s.joined)}" for s in splits])
    why: list[str] = []
    for split in splits:
        for reason in split.reasons:
            if reason in split.names:
                why.append(f"{quote(reason)} เขียนติดกันเป็นชื่อเดียว")
            else:
                why.append(f"{quote(reason)} ต้องอยู่ติดกับคำที่ตามมา")
    return (
        f"ลบช่องว่างออก: {fixes} ({'; '.join(dict.fromkeys(why))}); ช่องว่างแบบนี้มักติดมาจากการคัดลอกตารางจาก"
        " PDF ที่ข้อความในช่องขึ้นบรรทัดใหม่"
        " (take the space out: a name is written in one piece, and a word such as ไม่ stays with the word"
        " after it; such spaces come from copying a table out of a PDF where the cell wrapped)"
    )
