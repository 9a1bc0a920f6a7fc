"""Findings of an import kept with the plan: stored, shown, resolved by the user, settled by an edit."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain import import_findings
from tracker.domain.editing import add_project, delete_project, next_fiscal_year
from tracker.domain.findings import IMPORT_FAMILY, Finding, Severity
from tracker.domain.history import change_label, diff_plans, field_label, value_text
from tracker.domain.model import FindingState, Plan, Round, plan_from_dict, plan_to_dict
from tracker.importer.defaults import build_default
from tracker.storage.store import Store, StoreError


def imported() -> Plan:
    """The seed as `tracker import` keeps it: its cross-part findings with the plan."""
    result = build_default()
    import_findings.keep(result.plan, result.findings)
    return result.plan


def by_code(plan: Plan, code: str) -> list[str]:
    return [k.id for k in plan.import_findings if k.finding.code == code]


def test_the_seeds_cross_part_findings_are_kept_with_short_ids() -> None:
    plan = imported()
    codes = [(k.id, k.finding.code, k.finding.project) for k in plan.import_findings]
    assert codes[0] == ("i1", "FISCAL_YEAR_HEADING", None)
    assert ("i4", "NAME_MISMATCH", 10) in codes and ("i5", "AMOUNT_AMBIGUOUS", 15) in codes
    # What a rule says again of the plan (project 2's missing reason) is the rule's, not kept twice.
    assert not [k for k in plan.import_findings if k.finding.code in ("REASON_MISSING", "STATUS_RESULT_MISMATCH")]
    shown = import_findings.all_findings(plan, Round.TWELVE)
    kept = [f for f in shown if f.from_import]
    assert [f.ref for f in kept] == [k.id for k in plan.import_findings]
    assert all(f.family == IMPORT_FAMILY for f in kept)
    assert {"STATUS_NO_REASON", "CAL_FISCAL_YEAR_TEXT"} <= {f.code for f in shown if not f.from_import}


def test_kept_findings_survive_saving_and_an_older_plan_reads_without_them() -> None:
    plan = imported()
    plan.import_findings[1].state = FindingState.RESOLVED
    data = json.loads(json.dumps(plan_to_dict(plan)))
    again = plan_from_dict(data)
    assert again.import_findings == plan.import_findings
    assert again.import_findings[1].state is FindingState.RESOLVED
    del data["import_findings"]
    assert plan_from_dict(data).import_findings == []
    # A plan that was never imported keeps the layout it always had.
    assert "import_findings" not in plan_to_dict(plan_from_dict(data))


@pytest.mark.parametrize("damage", [
    lambda d: d.__setitem__("import_findings", {"i1": {}}),
    lambda d: d["import_findings"][0].__setitem__("state", "gone"),
    lambda d: d["import_findings"][0].__setitem__("id", "x; rm"),
    lambda d: d["import_findings"][1].__setitem__("id", "i1"),
    lambda d: d["import_findings"][0].__setitem__("fields", "budget"),
    lambda d: d["import_findings"][0].__setitem__("project", "6"),
])
def test_a_damaged_kept_finding_is_refused_by_the_store(damage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "db.json"
    with Store.open(path, initial_plans=[imported()]) as store:
        assert len(store.load_plan("บางเตย-2567").import_findings) == 7
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data["plans"]["1"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="แผนในเอกสารที่ 1 อ่านไม่ได้"):
        Store.open(path)
    assert path.read_bytes() == before


def test_an_edit_of_the_field_a_finding_is_about_settles_it() -> None:
    plan = imported()
    before = plan_to_dict(plan)
    [budget_15] = by_code(plan, "AMOUNT_AMBIGUOUS")  # project 15's budget reads two ways
    [name_10, name_16] = by_code(plan, "NAME_MISMATCH")
    project_16 = plan.project(16)
    assert project_16 is not None
    project_16.budget = Decimal("1")  # not the field project 16's finding is about
    assert import_findings.settle(plan, before) == []
    project_15 = plan.project(15)
    assert project_15 is not None
    project_15.budget = Decimal("20000")
    settled = import_findings.settle(plan, before)
    assert [k.id for k in settled] == [budget_15]
    assert [f.ref for f in import_findings.open_findings(plan)].count(budget_15) == 0
    assert name_10 in [f.ref for f in import_findings.open_findings(plan)]
    # Deleting the project a finding is about settles it too.
    before = plan_to_dict(plan)
    delete_project(plan, plan.projects.index(project_16))
    assert [k.id for k in import_findings.settle(plan, before)] == [name_16]


def test_kept_findings_follow_their_project_when_numbers_change() -> None:
    plan = imported()
    add_project(plan, 1)  # a new project at the end of dimension 1 renumbers every later one
    [name_10] = by_code(plan, "NAME_MISMATCH")[:1]
    shown = {f.ref: f.project for f in import_findings.open_findings(plan)}
    assert shown[name_10] == 11  # project 10 is number 11 now
    kept = next(k for k in plan.import_findings if k.id == name_10)
    project = next(p for p in plan.projects if p.uid == kept.project_uid)
    assert project.number == 11 and kept.finding.project == 10


def test_part_1s_figures_are_settled_by_an_edit_of_what_they_count() -> None:
    plan = imported()
    stated = Finding("STATED_TOTAL", Severity.WARNING, "ส่วนที่ ๑ เขียนจำนวนโครงการทั้งหมด ๒๑ แต่ตารางมี ๒๐")
    import_findings.keep(plan, [stated])
    assert plan.import_findings[0].project_uid is None
    before = plan_to_dict(plan)
    plan.projects[0].remarks = "หมายเหตุ"
    assert import_findings.settle(plan, before) == []
    add_project(plan, 1)
    assert [k.id for k in import_findings.settle(plan, before)] == ["i1"]


def test_a_finding_nothing_can_edit_waits_for_the_user() -> None:
    plan = imported()
    lost = Finding("TABLE_ROW_UNREAD", Severity.WARNING, "บรรทัด ๙๙ อ่านไม่ได้ (a row could not be read)")
    import_findings.keep(plan, [lost])
    before = plan_to_dict(plan)
    add_project(plan, 1)
    plan.fiscal_year = 2568
    assert import_findings.settle(plan, before) == []
    assert [k.id for k in import_findings.resolve(plan, ["I1 "])] == ["i1"]
    assert import_findings.open_findings(plan) == []


def test_resolving_by_id_or_all_and_an_unknown_id() -> None:
    plan = imported()
    assert [k.id for k in import_findings.resolve(plan, ["i2", "i2"])] == ["i2"]
    assert import_findings.resolve(plan, ["i2"]) == []  # already resolved: nothing to change
    with pytest.raises(import_findings.UnknownFinding, match="i99") as caught:
        import_findings.resolve(plan, ["i3", "i99"])
    assert "i3" in str(caught.value)  # the open ones are listed
    assert plan.import_findings[2].is_open  # nothing changed
    assert len(import_findings.resolve(plan, ["all"])) == 6
    assert import_findings.open_findings(plan) == []


def test_resolving_is_one_change_in_the_history() -> None:
    plan = imported()
    before = copy.deepcopy(plan_to_dict(plan))
    import_findings.resolve(plan, ["i5"])
    [change] = diff_plans(before, plan_to_dict(plan), at="2024-10-01T09:00:00+07:00", user="nitikorn")
    assert (change.field, change.old, change.new) == ("import_findings.i5", "open", "resolved")
    assert field_label(change.field) == "ข้อสังเกตจากการนำเข้า i5"
    assert change_label(change) == "ข้อสังเกตจากการนำเข้า i5"
    assert value_text(change.field, change.new) == "ทำเครื่องหมายว่าแก้แล้ว"
    assert value_text(change.field, change.old) == "ยังไม่ได้แก้"


def test_next_years_plan_starts_without_this_years_import_findings() -> None:
    plan = imported()
    following = next_fiscal_year(plan, {plan.plan_id})
    assert following.import_findings == [] and import_findings.open_findings(following) == []
    assert len(plan.import_findings) == 7
