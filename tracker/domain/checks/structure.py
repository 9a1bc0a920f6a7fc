"""Rules on the list of projects (families ``counts`` and ``duplicates``).

A project in no dimension of the plan (part 2's counts per dimension would leave it out); two projects
with one order number, with one name, or differing only in the kind word (โครงการ / มาตรการ / กิจกรรม).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import QUOTES, quote
from tracker.domain.findings import Finding, Severity
from tracker.domain.model import KIND_LABELS, Project, ProjectKind
from tracker.domain.text import bare, remembered_when_short, squash

# --- counts ---------------------------------------------------------------------------------------
#
# Part 1's results of the period, as typed (the stated figures), are never published: every export
# writes them from the computed figures (NarrativeSection.published). Comparing them after an edit
# would only report numbers nobody reads; the import's own comparison (STATED_*) is kept with the
# plan instead (tracker.domain.import_findings).


@rule("COUNT_NO_DIMENSION", Family.COUNTS, Severity.ERROR)
def check_no_dimension(ctx: CheckContext) -> Iterator[Finding]:
    """A project in no dimension of the plan: part 2's counts per dimension would leave it out."""
    known = {d.number for d in ctx.plan.dimensions}
    for project in ctx.plan.projects:
        if project.dimension in known:
            continue
        n = project.number
        if project.dimension:
            what_th = f"อยู่ในมิติที่ {ctx.num(project.dimension)} ซึ่งแผนไม่มี"
            what_en = f"is in dimension {project.dimension}, which the plan does not have"
        else:
            what_th, what_en = "ไม่ได้ระบุมิติ", "has no dimension"
        yield ctx.finding(
            f"{ctx.project_th(n)} {what_th} จึงไม่ถูกนับในจำนวนโครงการรายมิติของส่วนที่ ๑ และ ๒"
            f" (project {n} {what_en}, so the counts per dimension of parts 1 and 2 leave it out)",
            "เลือกมิติของโครงการในแบบฟอร์มโครงการ (choose the project's dimension in its form)",
            project,
        )


# --- duplicates -------------------------------------------------------------------------------------


@remembered_when_short()
def _name_key(name: str) -> str:
    """A name without spaces and quotes (remembered when short: two rules key every project's name)."""
    return _QUOTES_RE.sub("", bare(name))


_QUOTES_RE = re.compile("[" + re.escape(QUOTES) + "]")


def _work_key(project: Project) -> tuple[str, int, str, str]:
    """A project without its kind word: what the work is, where it stands and how it is measured."""
    name = _name_key(project.name)
    kind = ProjectKind.from_name(name)
    if kind is not ProjectKind.OTHER:
        name = name[len(KIND_LABELS[kind]):]
    return name, project.dimension, bare(project.method), bare(project.indicator)


@rule("DUP_NUMBER", Family.DUPLICATES, Severity.ERROR)
def check_duplicate_numbers(ctx: CheckContext) -> Iterator[Finding]:
    """Two projects with the same order number."""
    seen: dict[int, int] = {}
    for project in ctx.plan.projects:
        seen[project.number] = seen.get(project.number, 0) + 1
    for number, count in sorted(seen.items()):
        if count > 1:
            yield ctx.finding(
                f"ลำดับ {ctx.num(number)} ใช้กับ {ctx.num(count)} โครงการ (order number {number} is used"
                f" by {count} projects)",
                "ให้แต่ละโครงการมีลำดับไม่ซ้ำกัน: ย้ายหรือลบรายการที่ซ้ำ (give every project its own order"
                " number: move or delete the extra one)",
                number,
            )


@rule("DUP_NAME", Family.DUPLICATES, Severity.WARNING)
def check_duplicate_names(ctx: CheckContext) -> Iterator[Finding]:
    """Two projects with the same name (spaces and quotation marks aside)."""
    first: dict[str, Project] = {}
    for project in ctx.plan.projects:
        key = _name_key(project.name)
        if not key:
            continue
        if key in first:
            earlier, n = first[key].number, project.number
            other_th = "อีกรายการหนึ่งที่ใช้ลำดับเดียวกัน" if earlier == n else f"โครงการลำดับ {ctx.num(earlier)}"
            other_en = "another entry of the same number" if earlier == n else f"project {earlier}"
            yield ctx.finding(
                f"{ctx.project_th(n)} ชื่อเดียวกับ{other_th}: {quote(squash(project.name))}"
                f" (project {n} has the same name as {other_en})",
                "หากเป็นรายการเดียวกันที่ป้อนซ้ำ ให้ลบรายการหนึ่ง; หากเป็นงานคนละงาน ให้ตั้งชื่อให้ต่างกัน"
                " (delete one if it was entered twice; if they are different work, name them apart)",
                project,
            )
        else:
            first[key] = project


@rule("DUP_SAME_WORK", Family.DUPLICATES, Severity.WARNING)
def check_same_work(ctx: CheckContext) -> Iterator[Finding]:
    """Two projects that differ only in the kind word (โครงการ / มาตรการ / กิจกรรม): possibly the same work twice.

    Everything else must match (name, dimension, method, indicator): plans commonly hold a โครงการ and
    a มาตรการ of one theme in different dimensions, as the seed's projects 4 and 14 are, and those pass.
    """
    first: dict[tuple[str, int, str, str], Project] = {}
    for project in ctx.plan.projects:
        key = _work_key(project)
        if not key[0]:
            continue
        earlier = first.get(key)
        if earlier is None:
            first[key] = project
            continue
        if _name_key(earlier.name) == _name_key(project.name):
            continue  # DUP_NAME's
        n = project.number
        yield ctx.finding(
            f"{ctx.project_th(n)} {quote(squash(project.name))} ต่างจากโครงการลำดับ {ctx.num(earlier.number)}"
            f" {quote(squash(earlier.name))} เพียงคำบอกประเภท และมีมิติ วิธีการ และตัวชี้วัดเดียวกัน"
            f" (project {n} differs from project {earlier.number} only by its kind word: possibly the same"
            " work twice)",
            "หากเป็นงานเดียวกัน ให้ลบรายการหนึ่ง; หากต่างกัน ให้เขียนวิธีการดำเนินงานหรือตัวชี้วัดให้เห็นความต่าง"
            " (delete one if they are the same work; otherwise make their method or indicator show the difference)",
            project,
        )

