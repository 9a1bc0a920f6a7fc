"""History: what changed between two versions of a plan, field by field, and how it reads in Thai."""

from __future__ import annotations

import copy
import itertools
import json
import random
from decimal import Decimal
from typing import Any

import pytest

from tests.reports.hostile import HOSTILE
from tests.ui.sample import sample_plan
from tracker.domain.editing import add_project, delete_project, move_project, renumber
from tracker.domain.history import (
    EMPTY_RESULT,
    Change,
    _heaviest_increasing,
    change_label,
    diff_plans,
    field_label,
    value_text,
)
from tracker.domain.model import Plan, Project, Round, RoundResult, Status, plan_to_dict
from tracker.domain.thai import DigitStyle

AT = "2024-03-15T14:30:05+07:00"
USER = "somchai"


class Versions:
    """Dicts of a plan as it is edited, each project keeping the uid it was first seen with.

    The uid is given here (by the project object) rather than by the model, so these tests follow
    projects through real editing operations whatever gives uids in the app.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.uids: dict[int, str] = {}
        self.alive: list[Project] = []  # keeps ids from being reused by new objects

    def snapshot(self) -> dict[str, Any]:
        data = plan_to_dict(self.plan)
        for project, project_dict in zip(self.plan.projects, data["projects"], strict=True):
            if id(project) not in self.uids:
                self.uids[id(project)] = f"u{len(self.uids) + 1}"
                self.alive.append(project)
            project_dict["uid"] = self.uids[id(project)]
        return data

    def uid_of(self, number: int) -> str:
        project = self.plan.project(number)
        assert project is not None
        return self.uids[id(project)]


def diff(old: dict[str, Any] | None, new: dict[str, Any], action: str = "edit") -> list[Change]:
    return diff_plans(old, new, at=AT, user=USER, action=action)


@pytest.fixture
def versions() -> Versions:
    return Versions(sample_plan())


def by_field(changes: list[Change]) -> dict[str, Change]:
    fields = [c.field for c in changes]
    assert len(fields) == len(set(fields)), fields
    return {c.field: c for c in changes}


# --- the rules -----------------------------------------------------------------------------------------


def test_identical_versions_have_no_changes(versions: Versions) -> None:
    old = versions.snapshot()
    assert diff(old, copy.deepcopy(old)) == []
    assert diff(old, versions.snapshot()) == []


def test_a_new_plan_is_one_change_with_its_title(versions: Versions) -> None:
    new = versions.snapshot()
    [change] = diff(None, new)
    assert (change.action, change.field, change.old, change.new) == (
        "add", "plan", None, "องค์การบริหารส่วนตำบลบางเตย ปีงบประมาณ 2567"
    )
    assert (change.at, change.user, change.plan_id) == (AT, USER, "บางเตย-2567")
    assert change.project_uid is None and change.project_number is None
    [imported] = diff(None, new, action="import")
    assert imported.action == "import"


def test_edit_of_a_result_status(versions: Versions) -> None:
    old = versions.snapshot()
    project = versions.plan.projects[0]
    project.results[Round.TWELVE].status = Status.IN_PROGRESS
    [change] = diff(old, versions.snapshot())
    assert (change.action, change.field, change.old, change.new) == (
        "edit", "results.12.status", "completed", "in_progress"
    )
    assert change.project_uid == "u1"
    assert change.project_number == 1
    assert change.project_name == project.name
    assert field_label(change.field) == "ผลรอบ ๑๒ เดือน: สถานะ"
    assert value_text(change.field, change.old) == "ดำเนินการแล้วเสร็จ"
    assert value_text(change.field, change.new) == "อยู่ระหว่างดำเนินการ"


def test_field_edits_are_one_change_each_with_json_values(versions: Versions) -> None:
    old = versions.snapshot()
    project = versions.plan.projects[0]
    project.name = "โครงการใหม่"
    project.budget = None
    project.results[Round.TWELVE].disbursed = Decimal("50000")
    changes = by_field(diff(old, versions.snapshot()))
    assert set(changes) == {"name", "budget", "results.12.disbursed"}
    assert (changes["budget"].old, changes["budget"].new) == ("50000.00", None)
    assert (changes["results.12.disbursed"].old, changes["results.12.disbursed"].new) == ("48500.00", "50000.00")
    assert all(c.action == "edit" and c.project_name == "โครงการใหม่" for c in changes.values())
    assert [c.field for c in diff(old, versions.snapshot())] == ["name", "budget", "results.12.disbursed"]


def test_a_round_missing_on_one_side_reads_as_not_reported(versions: Versions) -> None:
    old = versions.snapshot()
    project = versions.plan.projects[0]
    project.results[Round.SIX] = RoundResult(Status.IN_PROGRESS, "", Decimal("1000"))
    changes = by_field(diff(old, versions.snapshot()))
    assert set(changes) == {"results.6.status", "results.6.disbursed"}
    assert (changes["results.6.status"].old, changes["results.6.status"].new) == ("not_reported", "in_progress")
    assert (changes["results.6.disbursed"].old, changes["results.6.disbursed"].new) == (None, "1000.00")
    # An empty result written out is the same as none at all.
    before = versions.snapshot()
    after = copy.deepcopy(before)
    after["projects"][5]["results"]["6"] = dict(EMPTY_RESULT)
    assert diff(before, after) == []
    assert diff(after, before) == []
    # And a round taken away reads as reset to not reported.
    removed = diff(versions.snapshot(), old)
    assert {c.field for c in removed} == {"results.6.status", "results.6.disbursed"}


def test_the_ordinance_fields_and_a_rounds_remark_and_mark_are_recorded_and_read(versions: Versions) -> None:
    old = versions.snapshot()
    project = versions.plan.projects[0]
    project.appropriated = Decimal("45000")
    project.included = True
    project.results[Round.TWELVE].remark = "โอนงบประมาณเพิ่ม"
    project.results[Round.TWELVE].entered = True
    changes = by_field(diff(old, versions.snapshot()))
    assert {f: (c.old, c.new) for f, c in changes.items()} == {
        "appropriated": (None, "45000.00"),
        "included": (None, True),
        "results.12.remark": ("", "โอนงบประมาณเพิ่ม"),
        "results.12.entered": (False, True),
    }
    read = {f: (value_text(f, c.old, DigitStyle.THAI), value_text(f, c.new, DigitStyle.THAI))
            for f, c in changes.items()}
    assert read == {
        "appropriated": ("ไม่ระบุ", "๔๕,๐๐๐.๐๐"),  # unknown, not ไม่ใช้งบประมาณ
        "included": ("ไม่ระบุ", "บรรจุ"),
        "results.12.remark": ("", "โอนงบประมาณเพิ่ม"),
        "results.12.entered": ("ยังไม่ได้บันทึก", "บันทึกแล้ว"),
    }
    assert [field_label(f) for f in changes] == [
        "วงเงินตามข้อบัญญัติ/เทศบัญญัติ", "บรรจุในข้อบัญญัติ/แผนการดำเนินงาน",
        "ผลรอบ ๑๒ เดือน: หมายเหตุของรอบ", "ผลรอบ ๑๒ เดือน: บันทึกใน e-PlanNACC แล้ว",
    ]
    # Taken back: the amount to unknown, the project left out of the ordinance.
    before = versions.snapshot()
    project.appropriated, project.included = None, False
    changes = by_field(diff(before, versions.snapshot()))
    assert value_text("appropriated", changes["appropriated"].new) == "ไม่ระบุ"
    assert value_text("included", changes["included"].new) == "ไม่บรรจุ"


def test_a_new_round_with_only_a_remark_or_a_mark_records_only_those(versions: Versions) -> None:
    old = versions.snapshot()
    project = versions.plan.projects[0]
    project.results[Round.SIX] = RoundResult(remark="รอผลการประเมิน", entered=True)
    changes = by_field(diff(old, versions.snapshot()))
    assert set(changes) == {"results.6.remark", "results.6.entered"}


def test_add_in_dimension_1_is_one_change_without_renumbering_noise(versions: Versions) -> None:
    old = versions.snapshot()
    index = add_project(versions.plan, 1, "โครงการเพิ่มใหม่")
    new = versions.snapshot()
    assert [p["number"] for p in new["projects"]] == list(range(1, 9))  # 3..7 were renumbered 4..8
    [change] = diff(old, new)
    assert (change.action, change.field, change.old) == ("add", "project", None)
    assert change.new == new["projects"][index]
    assert change.new["name"] == "โครงการเพิ่มใหม่"
    assert (change.project_number, change.project_name, change.project_uid) == (3, "โครงการเพิ่มใหม่", "u8")


def test_delete_keeps_the_whole_project(versions: Versions) -> None:
    old = versions.snapshot()
    deleted = delete_project(versions.plan, 0)
    new = versions.snapshot()
    [change] = diff(old, new)
    assert (change.action, change.field, change.new) == ("delete", "project", None)
    assert change.old == old["projects"][0]
    assert change.old["method"].startswith("อบรม") and change.old["results"]["12"]["disbursed"] == "48500.00"
    assert (change.project_uid, change.project_number, change.project_name) == ("u1", 1, deleted.name)


def test_add_and_delete_together_record_only_those(versions: Versions) -> None:
    old = versions.snapshot()
    delete_project(versions.plan, 5)
    add_project(versions.plan, 1)
    assert sorted(c.action for c in diff(old, versions.snapshot())) == ["add", "delete"]


def test_moving_a_project_by_one_is_one_move(versions: Versions) -> None:
    old = versions.snapshot()
    moved_uid = versions.uid_of(4)
    move_project(versions.plan, 3, -1)  # 4 goes up: it and 3 trade numbers
    changes = diff(old, versions.snapshot())
    assert len(changes) == 1
    [change] = changes
    assert (change.action, change.field) == ("move", "number")
    # An adjacent swap reads either way round; it is one of the two, and nothing else.
    assert (change.project_uid, change.old, change.new) in {(moved_uid, 4, 3), (versions.uid_of(4), 3, 4)}


def test_swapping_two_projects_moves_them_only() -> None:
    plan = Plan("p", "อบต.ทดสอบ", 2567, projects=[Project(n, f"โครงการ {n}", 1) for n in range(1, 7)])
    versions = Versions(plan)
    old = versions.snapshot()
    first, third = plan.projects[1], plan.projects[3]  # numbers 2 and 4
    first.number, third.number = 4, 2
    renumber(plan)
    changes = diff(old, versions.snapshot())
    assert {(c.action, c.field, c.project_uid, c.old, c.new) for c in changes} == {
        ("move", "number", "u2", 2, 4),
        ("move", "number", "u4", 4, 2),
    }


def test_a_project_moved_far_is_the_only_move(versions: Versions) -> None:
    old = versions.snapshot()
    data = versions.snapshot()
    projects = data["projects"]
    projects.insert(5, projects.pop(0))  # the first goes after the sixth (all in one dimension here)
    for number, project in enumerate(projects, start=1):
        project["number"] = number
        project["dimension"] = 1
    for project in old["projects"]:
        project["dimension"] = 1
    [change] = diff(old, data)
    assert (change.action, change.project_uid, change.old, change.new) == ("move", "u1", 1, 6)


def test_a_new_dimension_is_an_edit_and_a_move(versions: Versions) -> None:
    old = versions.snapshot()
    project = versions.plan.projects[1]  # number 2, dimension 1
    project.dimension = 2
    project.number = 10**9  # as the form does: last of its new dimension
    renumber(versions.plan)
    changes = diff(old, versions.snapshot())
    assert [(c.action, c.field, c.old, c.new, c.project_uid) for c in changes] == [
        ("edit", "dimension", 1, 2, "u2"),
        ("move", "number", 2, 4, "u2"),
    ]


def test_a_new_dimension_keeping_the_number_records_no_move(versions: Versions) -> None:
    old = versions.snapshot()
    versions.plan.projects[1].dimension = 2  # first of dimension 2: still number 2
    renumber(versions.plan)
    [change] = diff(old, versions.snapshot())
    assert (change.action, change.field, change.old, change.new) == ("edit", "dimension", 1, 2)


def test_plan_fields_flattened_and_stated_skipped(versions: Versions) -> None:
    old = versions.snapshot()
    plan = versions.plan
    plan.organization = "เทศบาลตำบลบางเตย"
    plan.narrative["foreword"] = "คำนำใหม่"
    plan.dimensions[1].name = "มิติที่สองแบบใหม่"
    plan.settings.level_bands = plan.settings.level_bands[:2]
    plan.settings.digit_style = DigitStyle.ARABIC
    plan.stated.total = 99
    changes = by_field(diff(old, versions.snapshot()))
    assert set(changes) == {
        "organization", "narratives.12.foreword", "dimensions.2.name", "settings.level_bands", "settings.digit_style",
    }
    assert all(c.project_uid is None and c.project_number is None and c.action == "edit" for c in changes.values())
    assert (changes["narratives.12.foreword"].old, changes["narratives.12.foreword"].new) == ("", "คำนำใหม่")
    assert changes["settings.level_bands"].new == [
        {"minimum": "90", "label": "มากที่สุด"}, {"minimum": "70", "label": "มาก"},
    ]
    assert len(changes["settings.level_bands"].old) == 5
    assert field_label("narratives.12.foreword") == "คำนำ (รอบ ๑๒ เดือน)"
    assert field_label("narrative.foreword") == "คำนำ"  # as recorded before each round had its own
    assert field_label("dimensions.2.name") == "มิติที่ ๒: ชื่อ"
    assert field_label("settings.level_bands") == "ระดับผลการประเมิน"
    assert value_text("settings.level_bands", changes["settings.level_bands"].new, DigitStyle.THAI) == (
        "๙๐ มากที่สุด, ๗๐ มาก"
    )


def test_a_narrative_key_missing_is_the_same_as_empty(versions: Versions) -> None:
    old = versions.snapshot()
    new = copy.deepcopy(old)
    new["narratives"].setdefault("12", {})["problems"] = ""
    assert diff(old, new) == []


def test_the_hint_replaces_edit_only(versions: Versions) -> None:
    old = versions.snapshot()
    versions.plan.projects[0].name = "ชื่อเดิม"
    delete_project(versions.plan, 6)
    changes = diff(old, versions.snapshot(), action="undo")
    assert sorted((c.action, c.field) for c in changes) == [("delete", "project"), ("undo", "name")]
    with pytest.raises(ValueError):
        diff(old, old, action="rename")


def test_projects_without_uid_are_followed_by_number(versions: Versions) -> None:
    old = plan_to_dict(versions.plan)
    for project in old["projects"]:
        project.pop("uid", None)
    new = copy.deepcopy(old)
    new["projects"][1]["name"] = "ชื่อใหม่"
    [change] = diff(old, new)
    assert (change.field, change.project_uid, change.project_number, change.new) == ("name", None, 2, "ชื่อใหม่")
    # A version with uids against one without (the first save after uids came): still by number.
    with_uids = versions.snapshot()
    [same] = diff(old, with_uids | {"projects": [p | {"name": "ชื่อใหม่"} if p["number"] == 2 else p
                                                   for p in with_uids["projects"]]})
    assert (same.field, same.project_number, same.project_uid) == ("name", 2, "u2")
    assert diff(old, with_uids) == []


def test_duplicate_uids_do_not_lose_projects(versions: Versions) -> None:
    old = versions.snapshot()
    for project in old["projects"]:
        project["uid"] = "same"
    new = copy.deepcopy(old)
    new["projects"][6]["remarks"] = "x"
    [change] = diff(old, new)
    assert (change.field, change.project_number) == ("remarks", 7)


def test_values_are_copies(versions: Versions) -> None:
    old = versions.snapshot()
    add_project(versions.plan, 4, "เพิ่ม")
    new = versions.snapshot()
    [change] = diff(old, new)
    new["projects"][-1]["name"] = "changed afterwards"
    assert change.new["name"] == "เพิ่ม"


def test_hostile_text_is_kept_exactly(versions: Versions) -> None:
    old = versions.snapshot()
    for index, value in enumerate(HOSTILE.values()):
        new = copy.deepcopy(old)
        new["projects"][index % 7]["name"] = value
        new["narratives"].setdefault("12", {})["problems"] = value
        changes = by_field(diff(old, new))
        assert changes["name"].new == value
        assert changes["narratives.12.problems"].new == value
        assert value_text("name", value) == value
        stored = json.loads(json.dumps([c.to_dict() for c in changes.values()]))
        assert [Change.from_dict(d) for d in stored] == list(changes.values())


# --- storing a change ---------------------------------------------------------------------------------


def test_round_trip_through_json(versions: Versions) -> None:
    old = versions.snapshot()
    versions.plan.projects[0].name = "ใหม่ [bold]x[/] \x1b[31m"
    delete_project(versions.plan, 6)
    versions.plan.narrative["foreword"] = "คำนำ"
    add_project(versions.plan, 2)
    changes = diff(old, versions.snapshot())
    assert len(changes) == 4
    for change in changes:
        data = json.loads(json.dumps(change.to_dict(), ensure_ascii=False))
        assert Change.from_dict(data) == change
    assert set(changes[0].to_dict()) == {
        "at", "user", "plan_id", "action", "field", "old", "new", "project_uid", "project_number", "project_name",
    }


GOOD: dict[str, Any] = Change(AT, USER, "p", "edit", "name", "a", "b", "u1", 3, "ก").to_dict()


@pytest.mark.parametrize(
    ("broken", "error"),
    [
        ("not a dict", TypeError),
        ({k: v for k, v in GOOD.items() if k != "field"}, KeyError),
        ({k: v for k, v in GOOD.items() if k != "old"}, KeyError),
        (GOOD | {"at": "yesterday"}, ValueError),
        (GOOD | {"at": 5}, TypeError),
        (GOOD | {"action": "explode"}, ValueError),
        (GOOD | {"user": None}, TypeError),
        (GOOD | {"project_number": "3"}, TypeError),
        (GOOD | {"project_number": True}, TypeError),
        (GOOD | {"project_uid": 7}, TypeError),
        (GOOD | {"project_name": None}, TypeError),
    ],
)
def test_malformed_changes_are_refused(broken: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        Change.from_dict(broken)


def test_optional_keys_may_be_missing() -> None:
    data = {k: v for k, v in GOOD.items() if k not in ("project_uid", "project_number", "project_name")}
    change = Change.from_dict(data)
    assert (change.project_uid, change.project_number, change.project_name) == (None, None, "")


# --- in Thai --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("name", "ชื่อโครงการ"),
        ("budget", "งบประมาณ"),
        ("number", "ลำดับ"),
        ("project", "โครงการ"),
        ("results.12.status", "ผลรอบ ๑๒ เดือน: สถานะ"),
        ("results.6.disbursed", "ผลรอบ ๖ เดือน: เบิกจ่าย"),
        ("results.6.reason", "ผลรอบ ๖ เดือน: เหตุผล"),
        ("results.12.remark", "ผลรอบ ๑๒ เดือน: หมายเหตุของรอบ"),
        ("results.6.entered", "ผลรอบ ๖ เดือน: บันทึกใน e-PlanNACC แล้ว"),
        ("appropriated", "วงเงินตามข้อบัญญัติ/เทศบัญญัติ"),
        ("included", "บรรจุในข้อบัญญัติ/แผนการดำเนินงาน"),
        ("remarks", "หมายเหตุ"),
        ("narrative.foreword", "คำนำ"),
        ("narrative.problems", "ปัญหาและอุปสรรคในการดำเนินงาน"),
        ("organization", "ชื่อองค์กร"),
        ("dimensions.2.name", "มิติที่ ๒: ชื่อ"),
        ("settings.level_bands", "ระดับผลการประเมิน"),
        ("something.new", "something.new"),
    ],
)
def test_field_labels(field: str, label: str) -> None:
    assert field_label(field) == label


def test_field_labels_in_arabic_digits() -> None:
    assert field_label("results.12.status", DigitStyle.ARABIC) == "ผลรอบ 12 เดือน: สถานะ"


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("results.12.status", "not_done", "ไม่สามารถดำเนินการได้"),
        ("results.12.status", "not_reported", "รอการรายงานผล"),
        ("results.12.status", "strange", "strange"),
        ("results.6.reason", "no_budget", "ไม่ได้รับงบประมาณ"),
        ("results.6.reason", None, "—"),
        ("budget", "50000.00", "50,000.00"),
        ("budget", None, "ไม่ใช้งบประมาณ"),
        ("budget", "abc", "abc"),
        ("results.6.disbursed", "1234567.5", "1,234,567.50"),
        ("results.6.disbursed", None, "—"),
        ("name", None, "—"),
        ("name", "", ""),
        ("kind", "measure", "มาตรการ"),
        ("project", {"name": "โครงการ ก", "number": 3}, "โครงการ ก"),
        ("number", 12, "12"),
        ("round", 6, "รอบ 6 เดือน"),
        ("settings.digit_style", "arabic", "เลขอารบิก"),
        ("remarks", "ก" * 500, "ก" * 500),
        ("appropriated", "45000.00", "45,000.00"),
        ("appropriated", None, "ไม่ระบุ"),
        ("appropriated", "0.00", "0.00"),
        ("included", True, "บรรจุ"),
        ("included", False, "ไม่บรรจุ"),
        ("included", None, "ไม่ระบุ"),
        ("results.6.entered", True, "บันทึกแล้ว"),
        ("results.12.entered", False, "ยังไม่ได้บันทึก"),
        ("results.12.remark", "รอผล", "รอผล"),
        ("results.12.remark", None, "—"),
    ],
)
def test_value_texts(field: str, value: Any, text: str) -> None:
    assert value_text(field, value) == text


def test_value_text_in_thai_digits() -> None:
    assert value_text("budget", "50000.00", DigitStyle.THAI) == "๕๐,๐๐๐.๐๐"
    assert value_text("number", 12, DigitStyle.THAI) == "๑๒"


def test_change_labels() -> None:
    def label(action: str, field: str) -> str:
        return change_label(Change(AT, USER, "p", action, field, None, None))

    assert label("add", "project") == "เพิ่มโครงการ"
    assert label("delete", "project") == "ลบโครงการ"
    assert label("add", "plan") == "สร้างแผน"
    assert label("delete", "plan") == "ลบแผน"
    assert label("import", "plan") == "แผน (นำเข้า)"
    assert label("restore", "file") == "กู้คืนไฟล์จากสำเนาสำรอง"
    assert label("edit", "settings.backup_keep") == "จำนวนสำเนาสำรองที่เก็บไว้"
    assert label("edit", "budget") == "งบประมาณ"
    assert label("undo", "budget") == "งบประมาณ (เลิกทำ)"
    assert label("move", "number") == "ลำดับ (ย้ายลำดับ)"


# --- the order kept ---------------------------------------------------------------------------------------


def _longest(sequence: list[int]) -> int:
    best = [1] * len(sequence)
    for i, j in itertools.combinations(range(len(sequence)), 2):
        if sequence[i] < sequence[j]:
            best[j] = max(best[j], best[i] + 1)
    return max(best, default=0)


def test_kept_order_is_a_longest_increasing_run() -> None:
    rng = random.Random(7)
    for size in [*range(9), 30, 200]:
        for _ in range(20):
            sequence = list(range(size))
            rng.shuffle(sequence)
            weights = [(rng.randint(0, 1), rng.randint(0, 1)) for _ in sequence]
            kept = _heaviest_increasing(sequence, weights)
            assert kept == sorted(kept)
            assert all(sequence[a] < sequence[b] for a, b in itertools.pairwise(kept))
            assert len(kept) == _longest(sequence)


def test_a_large_plan_diffs_quickly() -> None:
    plan = Plan("p", "อบต.ทดสอบ", 2567, projects=[Project(n, f"โครงการ {n}", 1 + n % 4) for n in range(1, 10_001)])
    renumber(plan)
    versions = Versions(plan)
    old = versions.snapshot()
    move_project(plan, 5000, 1)
    plan.projects[9000].name = "x"
    changes = diff(old, versions.snapshot())
    assert sorted(c.action for c in changes) == ["edit", "move"]
