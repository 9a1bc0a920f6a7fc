"""Spaces that split a phrase: the seed's wrapped cells are caught, its ordinary spaces are not."""

from __future__ import annotations

import re

import pytest

from tests.hostile_corpus import HOSTILE_TEXT, hostile_plan
from tracker.domain.checks import RULES, Family, run_checks
from tracker.domain.model import Plan, Round
from tracker.domain.split_words import MIN_NAME, find_splits, known_names
from tracker.importer.defaults import SEED_REPORT, default_plan

SPLIT = RULES["SPACE_SPLITS_PHRASE"]


def names_of(plan: Plan) -> frozenset[str]:
    return known_names(
        plan.organization,
        plan.district,
        plan.province,
        [plan.preparing_unit, *(p.unit for p in plan.projects)],
        [d.name for d in plan.dimensions],
    )


NAMES = names_of(default_plan())


def fragments(text: str, names: frozenset[str] = NAMES) -> list[str]:
    return [s.fragment for s in find_splits(text, names)]


def part3_cells() -> list[str]:
    """Every cell of the seed's part 3 table as the report file has it (wrapped lines joined by spaces)."""
    cells: list[str] = []
    for line in SEED_REPORT.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if len(row) >= 9 and re.fullmatch(r"[๐-๙]+", row[0].strip()):
            cells.extend(row[1:])
    return cells


# --- what it catches -----------------------------------------------------------------------------


def test_a_negation_cut_from_its_verb() -> None:
    [split] = find_splits("ไม่สามารถดำเนินการได้ เนื่องจากบุคลากรไม่ เพียงพอ", NAMES)
    assert split.fragment == "เนื่องจากบุคลากรไม่ เพียงพอ"
    assert split.joined == "เนื่องจากบุคลากรไม่เพียงพอ"
    assert split.reasons == ("ไม่",) and split.names == ()


def test_the_other_words_that_never_end_a_phrase() -> None:
    assert fragments("ผลการประเมินซึ่ง เป็นไปตามเกณฑ์") == ["ผลการประเมินซึ่ง เป็นไปตามเกณฑ์"]
    assert fragments("ไม่มีเรื่องร้องเรียนจึง ไม่ได้ดำเนินการ") == ["ไม่มีเรื่องร้องเรียนจึง ไม่ได้ดำเนินการ"]


def test_a_name_cut_anywhere() -> None:
    for text in ("สาธารณะขององค์การ บริหารส่วนตำบลบางเตย", "องค์การบริหารส่วน ตำบลบางเตยมีผล",
                 "องค์การบริหารส่วนตำบล บางเตย", "ขององค์กรปกครองส่วน ท้องถิ่น", "อำเภอสาม พราน",
                 "จังหวัดนคร ปฐม", "การสร้างสังคมที่ไม่ทนต่อ การทุจริต"):
        [split] = find_splits(text, NAMES)
        assert split.joined == text.replace(" ", ""), text
        assert split.names == split.reasons


def test_spaces_in_one_phrase_are_one_split() -> None:
    text = "กิจกรรม “การจัดทำข้อตกลงการปฏิบัติราชการขององค์การ บริหารส่วนตำบลบาง เตย”"
    [split] = find_splits(text, NAMES)
    assert split.fragment == "…อตกลงการปฏิบัติราชการขององค์การ บริหารส่วนตำบลบาง เตย”"  # cut short
    assert split.joined == "…อตกลงการปฏิบัติราชการขององค์การบริหารส่วนตำบลบางเตย”"
    assert text[split.start : split.end] == "“การจัดทำข้อตกลงการปฏิบัติราชการขององค์การ บริหารส่วนตำบลบาง เตย”"
    assert split.reasons == ("องค์การบริหารส่วนตำบลบางเตย",)


def test_two_phrases_of_a_field_are_two_splits() -> None:
    text = "บุคลากรไม่ เพียงพอ และงบประมาณไม่ เพียงพอ ขององค์การ บริหารส่วนตำบลบางเตย"
    assert fragments(text) == ["บุคลากรไม่ เพียงพอ", "และงบประมาณไม่ เพียงพอ", "ขององค์การ บริหารส่วนตำบลบางเตย"]


def test_the_seeds_part_3_cells() -> None:
    """The report file itself: one "ไม่ เพียงพอ" and four "องค์การ บริหาร" (two names, two methods)."""
    found = [f for cell in part3_cells() for f in fragments(cell)]
    assert sum("ไม่ เพียงพอ" in f for f in found) == 1
    assert sum("องค์การ บริหาร" in f for f in found) == 4
    assert any("บุคลากรไม่ เพียงพอ" in f for f in found)


# --- what it leaves alone -------------------------------------------------------------------------


def test_the_twenty_project_names_have_no_split() -> None:
    plan = default_plan()
    assert len(plan.projects) == 20
    for project in plan.projects:
        assert find_splits(project.name, NAMES) == [], project.name
    # Their ordinary spaces between phrases are there to be passed over.
    assert " ด้วยความวิริยะอุตสาหะ และซื่อสัตย์สุจริต" in plan.projects[0].name


def test_the_seeds_part_1_has_no_split() -> None:
    plan = default_plan()
    for key, text in plan.narrative.items():
        assert find_splits(text, NAMES) == [], key


@pytest.mark.parametrize("text", [
    "ตรวจสอบว่าถูกต้องหรือไม่ แล้วรายงานผล",  # "whether or not" ends a phrase
    "ไม่ (not) เพียงพอ",
    "ไม่ 5 ครั้ง",
    "บุคลากรไม่\nเพียงพอ",  # a line break is the writer's
    "ข้อมูล สาธารณะ",  # likely a wrap, but nothing proves it: left alone
    "ของ องค์การบริหารส่วนตำบลบางเตย",  # a space before a name, not inside it
    "มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้ง หรือตรวจสอบพบการทุจริต",
    "องค์การบริหารส่วนตำบลบางเตย อำเภอสามพราน จังหวัดนครปฐม",
    "",
    "   ",
])
def test_ordinary_spaces_pass(text: str) -> None:
    assert find_splits(text, NAMES) == []


def test_known_names() -> None:
    names = known_names("องค์การบริหารส่วนตำบลบางเตย", "อำเภอสามพราน", "นครปฐม",
                        ["งานนิติการ สำนักงานปลัด", "กอง"], ["การส่งเสริมบทบาท และการมีส่วนร่วม"])
    assert {"องค์การบริหารส่วนตำบลบางเตย", "บางเตย", "สามพราน", "อำเภอสามพราน", "นครปฐม", "จังหวัดนครปฐม",
            "งานนิติการ", "สำนักงานปลัด", "การส่งเสริมบทบาทและการมีส่วนร่วม", "เทศบาลตำบล"} <= names
    assert "กอง" not in names and all(len(n) >= MIN_NAME for n in names)
    assert "งานนิติการ สำนักงานปลัด" not in names  # a unit with a space is two names
    # The plan's own names count: another organization's do not.
    assert find_splits("ตำบลบาง กระเจ้า", names) == []
    assert len(find_splits("ตำบลบาง เตย", names)) == 1


# --- the rule ----------------------------------------------------------------------------------------


def test_the_rule_on_the_default_plan() -> None:
    findings = run_checks(default_plan(), Round.TWELVE, [SPLIT])
    assert {f.family for f in findings} == {Family.SPACING.value}
    assert all(f.severity.value == "warning" for f in findings)
    assert not [f for f in findings if f.field == "name"]  # nothing in the 20 project names
    [negation] = [f for f in findings if "ไม่ เพียงพอ" in f.message]
    assert (negation.project, negation.field) == (3, "result_text")
    assert "“เนื่องจากบุคลากรไม่เพียงพอ”" in negation.detail  # the joined text to write
    organization = [f for f in findings if "องค์การ บริหาร" in f.message]
    assert [(f.project, f.field) for f in organization] == [(11, "method"), (16, "method")]
    assert negation.to_dict()["field"] == "result_text"


def test_the_rule_reads_part_1_and_the_plans_own_fields() -> None:
    plan = default_plan()
    plan.narrative["problems"] = "บุคลากรไม่ เพียงพอ"
    plan.organization = "องค์การ บริหารส่วนตำบลบางเตย"
    findings = run_checks(plan, Round.TWELVE, [SPLIT])
    fields = {f.field for f in findings if f.project is None}
    assert fields == {"organization", "narrative.problems"}
    organization = next(f for f in findings if f.field == "organization")
    assert organization.message.startswith("ชื่อองค์กร มีช่องว่างแยกวลี: “องค์การ บริหารส่วนตำบลบางเตย”")


def test_the_rule_reads_the_reason_and_the_remarks() -> None:
    plan = default_plan()
    plan.projects[0].remarks = "ผู้เข้าร่วมไม่ ครบ"
    plan.projects[1].result(Round.TWELVE).reason_text = "งบประมาณไม่ เพียงพอ"
    findings = run_checks(plan, Round.TWELVE, [SPLIT])
    assert (1, "remarks") in {(f.project, f.field) for f in findings}
    assert (2, "reason_text") in {(f.project, f.field) for f in findings}  # project 2 could not be done
    plan.projects[0].result(Round.TWELVE).reason_text = "งบประมาณไม่ เพียงพอ"  # kept, but never published
    findings = run_checks(plan, Round.TWELVE, [SPLIT])
    assert (1, "reason_text") not in {(f.project, f.field) for f in findings}


# --- hostile text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(HOSTILE_TEXT))
def test_hostile_text_does_not_break_it(name: str) -> None:
    value = HOSTILE_TEXT[name]
    for text in (value, f"บุคลากรไม่ {value}", f"{value}ไม่ เพียงพอ", f"องค์การ {value} บริหาร"):
        for split in find_splits(text, NAMES | {value.replace(" ", "")} if value.strip() else NAMES):
            assert 0 <= split.start < split.end <= len(text)


def test_a_hostile_plan_is_checked_without_a_crash() -> None:
    run_checks(hostile_plan(), Round.TWELVE, [SPLIT])


def test_a_long_text_of_many_spaces_is_quick() -> None:
    text = "บุคลากรไม่ เพียงพอ " * 20_000
    splits = find_splits(text, NAMES)
    assert len(splits) == 20_000
    assert len(find_splits("องค์การ บริหาร " * 20_000 + "ส่วนตำบลบางเตย", NAMES)) == 1
