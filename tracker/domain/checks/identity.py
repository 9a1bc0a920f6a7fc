"""Identity rules (family ``identity``): names that look copied from another body's report.

A province or district that is not the plan's, an อบต. or เทศบาล that is not the plan's organization,
and part 1 placing the plan under the regional or central administration. Read in part 1 and in each
project's own words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from tracker.domain.checks.context import CheckContext
from tracker.domain.checks.registry import Family, rule
from tracker.domain.checks.wording import excerpt, join_th, quote
from tracker.domain.findings import Finding, Severity
from tracker.domain.text import bare, squash

PROVINCES: tuple[str, ...] = (
    "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี", "ฉะเชิงเทรา", "ชลบุรี",
    "ชัยนาท", "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด", "ตาก", "นครนายก", "นครปฐม",
    "นครพนม", "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี", "นราธิวาส", "น่าน", "บึงกาฬ",
    "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี", "พระนครศรีอยุธยา", "พะเยา", "พังงา",
    "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์", "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร",
    "แม่ฮ่องสอน", "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน",
    "เลย", "ศรีสะเกษ", "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว",
    "สระบุรี", "สิงห์บุรี", "สุโขทัย", "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู",
    "อ่างทอง", "อำนาจเจริญ", "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
)
"""The 76 provinces (จังหวัด); Bangkok is not one and is not written with จังหวัด."""

_PROVINCE_RE = re.compile(
    r"จังหวัด\s?(" + "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True)) + ")"
)
_ADDRESS_RE = re.compile(r"(?:อำเภอ|(?<![\u0E01-\u0E4E])อ\.)\s?([\u0E01-\u0E4E]+?)\s*(?:จังหวัด|จ\.)")
# A place named as where people went or met ("ศึกษาดูงาน ณ จังหวัดเชียงใหม่") is not a copied name.
_VISIT_BEFORE = ("ณ", "ไป", "ไปยัง")
_THAI_WORD_RE = re.compile(r"[\u0E01-\u0E4E]+")
# Words that follow a type of organization used as a common noun ("องค์การบริหารส่วนตำบลทุกแห่ง"), or
# อำเภอ used as one ("ทุกอำเภอในจังหวัด"): no name follows.
_GENERIC_AFTER = ("ทุก", "ต่าง", "และ", "หรือ", "ใน", "ที่", "ของ", "แห่ง", "ซึ่ง", "นั้น", "นี้", "อื่น", "เป็น",
                  "ได้", "จะ", "มี", "ให้", "ทั่ว", "กับ", "เพื่อ", "โดย", "จึง", "ต้อง", "ควร", "ทั้ง")


def _place_name(value: str, prefix: str) -> str:
    name = bare(value)
    return name[len(prefix):] if name.startswith(prefix) else name


def _other_places(home: tuple[str, str], text: str) -> list[tuple[str, int, int]]:
    """Provinces and districts ``text`` names that are not the plan's (``home``: its province and district
    without their prefixes, :func:`_home_names`), with where they stand, in text order."""
    if "จังหวัด" not in text and "จ." not in text:  # most texts: a province is written with จังหวัด, an
        return []  # address ends with its province (จังหวัด or จ.)
    province, district = home
    found = (_other_provinces(province, text) if province else []) + (
        _other_districts(district, text) if district else []
    )
    return sorted(found, key=lambda f: f[1])


def _home_names(ctx: CheckContext) -> tuple[str, str]:
    return _place_name(ctx.plan.province, "จังหวัด"), _place_name(ctx.plan.district, "อำเภอ")


def _other_provinces(province: str, text: str) -> list[tuple[str, int, int]]:
    """Provinces ``text`` names other than ``province``, but for places visited."""
    found: list[tuple[str, int, int]] = []
    if "จังหวัด" not in text:  # most texts: the pattern cannot match (and trying costs per character)
        return found
    for match in _PROVINCE_RE.finditer(text):
        if match.group(1) == province:
            continue
        before = bare(text[max(0, match.start() - 20) : match.start()])
        if "ดูงาน" in before or before.endswith(_VISIT_BEFORE):
            continue
        found.append((f"จังหวัด{match.group(1)}", match.start(), match.end()))
    return found


def _other_districts(district: str, text: str) -> list[tuple[str, int, int]]:
    """Districts other than ``district`` that ``text`` names in an address (อำเภอX จังหวัดY)."""
    found: list[tuple[str, int, int]] = []
    if "จังหวัด" not in text and "จ." not in text:  # an address ends with its province
        return found
    for match in _ADDRESS_RE.finditer(text):
        name = bare(match.group(1))
        if name != district and not name.startswith(_GENERIC_AFTER):
            found.append((f"อำเภอ{match.group(1)}", match.start(), match.end()))
    return found


def _names_of(found: list[tuple[str, int, int]]) -> list[str]:
    return list(dict.fromkeys(name for name, _, _ in found))


def _home(ctx: CheckContext) -> str:
    parts = [p for p in (ctx.plan.district and f"อำเภอ{_place_name(ctx.plan.district, 'อำเภอ')}",
                         ctx.plan.province and f"จังหวัด{_place_name(ctx.plan.province, 'จังหวัด')}") if p]
    return " ".join(parts)


@rule("IDENTITY_OTHER_PLACE", Family.IDENTITY, Severity.WARNING)
def check_other_places(ctx: CheckContext) -> Iterator[Finding]:
    """A province (จังหวัด) or district (อำเภอ ... จังหวัด) named in the text that is not the plan's.

    Typically a paragraph copied from another body's report. Districts are judged only in an address
    (อำเภอX จังหวัดY), where the word is certainly a place; a place visited ("ณ", "ไป", "ดูงาน") passes.
    """
    home = _home(ctx)
    names_of_home = _home_names(ctx)
    for section, text in ctx.narrative():
        found = _other_places(names_of_home, text)
        if found:
            names = _names_of(found)
            yield ctx.finding(
                f"{section.heading} เอ่ยถึง{join_th(names)} แต่{ctx.plan.organization} อยู่ที่{home}"
                f" ({section.english} names {', '.join(names)}, not where this organization is)",
                _place_detail(home, [excerpt(text, a, b) for _, a, b in found]),
            )
    for project in ctx.plan.projects:
        for heading, field, text in ctx.project_texts(project):
            found = _other_places(names_of_home, text)
            if found:
                names = _names_of(found)
                n = project.number
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} เอ่ยถึง{join_th(names)} แต่{ctx.plan.organization}"
                    f" อยู่ที่{home} (project {n}'s {field} names {', '.join(names)})",
                    _place_detail(home, [excerpt(text, a, b) for _, a, b in found]),
                    project,
                )


def _place_detail(home: str, excerpts: list[str]) -> str:
    return (
        f"ข้อความนี้อาจคัดลอกมาจากรายงานของหน่วยงานอื่น: แก้เป็น{home} หรือตัดออก; หากตั้งใจเอ่ยถึงที่อื่น"
        f" (เช่น สถานที่ศึกษาดูงาน) ไม่ต้องแก้; ข้อความ: {join_th([quote(e) for e in excerpts])}"
        " (the text may be copied from another body's report: write this organization's place or remove it;"
        " if another place is meant, e.g. a study visit, leave it)"
    )


_ORG_TYPES: dict[str, str] = {
    "องค์การบริหารส่วนตำบล": "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลนคร": "เทศบาลนคร",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
}
_ORG_RE = re.compile("(" + "|".join(re.escape(t) for t in _ORG_TYPES) + ")")


class _OwnBody(NamedTuple):
    """The plan's organization, an อบต. or a เทศบาล with a name (:func:`_own`)."""

    kind: str
    """Its type, written in full ("องค์การบริหารส่วนตำบล")."""
    name: str
    """Its own name, without spaces ("บางเตย")."""
    after_type: re.Pattern[str]
    """The name as written after the type, spaces and line breaks allowed anywhere in it (what
    ``bare(rest).startswith(name)`` asks, without making the rest of the text bare)."""


@functools.lru_cache(maxsize=64)
def _own(organization: str) -> _OwnBody | None:
    """The plan's organization, if it is an อบต. or a เทศบาล with a name."""
    written = bare(organization)
    match = _ORG_RE.match(written)
    name = written[match.end():] if match is not None else ""
    if match is None or not name:
        return None
    return _OwnBody(_ORG_TYPES[match.group(1)], name, re.compile("".join(r"\s*" + re.escape(c) for c in name)))


def _names_only_own(own: _OwnBody, text: str) -> bool:
    """Whether every type of organization written in ``text`` is the plan's own type followed at once by
    its own name (most texts: none at all, or the plan's own name): then no other body is named."""
    if "บาล" not in text and "องค์การ" not in text and "." not in text:  # no type at all: most texts
        return True
    for written, kind in _ORG_TYPES.items():
        if written in text and (kind != own.kind or text.count(written) != text.count(written + own.name)):
            return False
    return True


def _other_orgs(own: _OwnBody | None, text: str) -> list[tuple[str, int, int]]:
    """อบต. and เทศบาล that ``text`` names and that are not the plan's organization (``own``: :func:`_own`)."""
    found: list[tuple[str, int, int]] = []
    if own is not None and _names_only_own(own, text):
        return found
    for match in _ORG_RE.finditer(text):
        kind = _ORG_TYPES[match.group(1)]
        word = _THAI_WORD_RE.match(text, match.end())
        if word is None:
            continue  # the type alone, as a common noun
        name = word.group(0)
        # The own name may run on past a line break ("บาง\nเตย"); only a space right after the type
        # makes it a common noun.
        if own is not None and kind == own.kind and own.after_type.match(text, match.end()):
            continue
        if name.startswith(_GENERIC_AFTER):
            continue
        shown = name if len(name) <= 20 else name[:20] + "…"
        found.append((f"{kind}{shown}", match.start(), word.end()))
    return found


@rule("IDENTITY_OTHER_ORGANIZATION", Family.IDENTITY, Severity.WARNING)
def check_other_organizations(ctx: CheckContext) -> Iterator[Finding]:
    """An อบต. or เทศบาล named in the text that is not the plan's organization.

    Typically a paragraph or a project copied from a neighbour's plan; a partner named on purpose is
    for the officer to keep.
    """
    org = ctx.plan.organization
    detail = (
        f"หากข้อความนี้คัดลอกมาจากแผนของหน่วยงานอื่น ให้แก้เป็น{org}; หากตั้งใจเอ่ยถึงหน่วยงานนั้น"
        " (เช่น หน่วยงานที่ร่วมดำเนินการ) ไม่ต้องแก้"
        " (if the text was copied from another body's plan, write this organization's name; if the other"
        " body is meant, e.g. a partner, leave it)"
    )
    own = _own(org)
    for section, text in ctx.narrative():
        found = _other_orgs(own, text)
        if found:
            names = _names_of(found)
            yield ctx.finding(
                f"{section.heading} เอ่ยถึง{join_th(names)} ซึ่งไม่ใช่{org}"
                f" ({section.english} names another organization: {', '.join(names)})",
                f"{detail}; ข้อความ: {join_th([quote(excerpt(text, a, b)) for _, a, b in found])}",
            )
    for project in ctx.plan.projects:
        for heading, field, text in ctx.project_texts(project):
            found = _other_orgs(own, bare(text))  # cells wrap anywhere, even inside a name
            if found:
                names = _names_of(found)
                n = project.number
                yield ctx.finding(
                    f"{ctx.project_th(n)} ช่อง{heading} เอ่ยถึง{join_th(names)} ซึ่งไม่ใช่{org}"
                    f" (project {n}'s {field} names another organization: {', '.join(names)})",
                    detail,
                    project,
                )


_AFFILIATION_RE = re.compile(r"สังกัด\s*(?:ราชการ\s*)?(?:การ\s*)?บริหาร\s*ส่วน\s*(ภูมิภาค|กลาง)")


@rule("IDENTITY_AFFILIATION", Family.IDENTITY, Severity.WARNING)
def check_affiliation(ctx: CheckContext) -> Iterator[Finding]:
    """Part 1 places the plan under the regional or central administration; a local government is neither.

    The words "ส่วนราชการสังกัดราชการบริหารส่วนภูมิภาค" come from plans of provincial offices.
    """
    org = ctx.plan.organization
    for section, text in ctx.narrative():
        for match in _AFFILIATION_RE.finditer(text):
            which_th = "ส่วนภูมิภาค" if match.group(1) == "ภูมิภาค" else "ส่วนกลาง"
            which_en = "regional" if match.group(1) == "ภูมิภาค" else "central"
            yield ctx.finding(
                f"{section.heading} เขียนว่า {quote(squash(match.group(0)))} แต่{org} เป็นองค์กรปกครองส่วนท้องถิ่น"
                f" สังกัดราชการบริหารส่วนท้องถิ่น ไม่ใช่ราชการบริหาร{which_th}"
                f" ({section.english} speaks of the {which_en} administration; a local government belongs"
                " to the local administration)",
                "ข้อความนี้น่าจะคัดลอกมาจากแผนของส่วนราชการ: เขียนถึง"
                f"{org}และราชการบริหารส่วนท้องถิ่นแทน; ข้อความ: {quote(excerpt(text, match.start(), match.end()))}"
                " (the words are probably copied from a government office's plan: speak of this organization"
                " and the local administration instead)",
            )

