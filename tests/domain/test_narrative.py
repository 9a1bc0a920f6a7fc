"""Each round's report has its own narrative; a round without one starts from the other's, retold."""

from __future__ import annotations

import re

import pytest

from tracker.domain.editing import PlanInput, apply_plan, narrative_input, next_fiscal_year
from tracker.domain.model import (
    NARRATIVE_KEYS,
    Plan,
    Round,
    Signatory,
    SignRole,
    plan_from_dict,
    plan_to_dict,
)
from tracker.domain.narrative import retold
from tracker.importer.defaults import default_plan


@pytest.mark.parametrize(("text", "expected"), [
    ("รายงาน รอบ ๑๒ เดือน ฉบับนี้", "รายงาน รอบ ๖ เดือน ฉบับนี้"),
    ("รอบ 12 เดือน", "รอบ 6 เดือน"),
    ("รอบ๑๒เดือน", "รอบ๖เดือน"),
    ("(๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)", "(๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗)"),
    ("(ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗)", "(ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗)"),
    ("ถึง ๓๐ กันยายน พ.ศ. ๒๕๖๗", "ถึง ๓๑ มีนาคม พ.ศ. ๒๕๖๗"),
    ("1 ตุลาคม 2566 - 30 กันยายน 2567", "1 ตุลาคม 2566 - 31 มีนาคม 2567"),
    ("ต.ค. ๖๖ - ก.ย. ๖๗", "ต.ค. ๖๖ - มี.ค. ๖๗"),
])
def test_the_twelve_month_words_and_period_become_six_months(text: str, expected: str) -> None:
    assert retold(text, 12, 6, 2567) == expected
    assert retold(expected, 6, 12, 2567) == text


@pytest.mark.parametrize("text", [
    "ระยะที่ ๓ (พ.ศ. ๒๕๖๐ – ๒๕๖๔)",
    "ภายใน ๓๐ กันยายน ๒๕๖๘",  # another year's date is a fact of its own
    "๒๔ เดือน",
    "๑๑๒ เดือน",
    "ครั้งที่ ๑๒",
])
def test_everything_else_stays_as_typed(text: str) -> None:
    assert retold(text, 12, 6, 2567) == text


def test_the_default_plans_six_month_narrative_never_says_twelve_months() -> None:
    plan = default_plan()
    twelve, six = plan.narrative_for(Round.TWELVE), plan.narrative_for(Round.SIX)
    assert sum(text.count("รอบ ๑๒ เดือน") for text in twelve.values()) >= 3
    for key, text in six.items():
        assert not re.search(r"(?<![๐-๙0-9])(๑๒|12)\s*เดือน", text), key
        assert "กันยายน ๒๕๖๗" not in text, key
    assert six["foreword"].count("รอบ ๖ เดือน") == twelve["foreword"].count("รอบ ๑๒ เดือน")
    assert Round.SIX not in plan.narratives  # retold to show, not kept until the office edits it


def test_each_round_keeps_its_own_text_through_the_file() -> None:
    plan = default_plan()
    plan.narratives[Round.SIX] = {"foreword": "คำนำรอบหกเดือน"}
    again = plan_from_dict(plan_to_dict(plan))
    assert again.narrative_for(Round.SIX) == {"foreword": "คำนำรอบหกเดือน"}
    assert again.narrative_for(Round.TWELVE) == plan.narratives[Round.TWELVE]
    assert again == plan


def test_a_plan_stored_with_one_narrative_has_it_as_its_rounds() -> None:
    data = plan_to_dict(default_plan())
    data["round"] = 6
    data["narrative"] = data.pop("narratives")["12"]
    plan = plan_from_dict(data)
    assert list(plan.narratives) == [Round.SIX]
    assert plan.narrative["foreword"] == data["narrative"]["foreword"]


def test_switching_the_plan_form_to_the_other_round_starts_its_narrative() -> None:
    plan = default_plan()
    twelve = dict(plan.narratives[Round.TWELVE])
    inp = PlanInput.from_plan(plan, Round.SIX)
    assert "รอบ ๖ เดือน" in inp.narrative["foreword"] and "รอบ ๑๒ เดือน" not in inp.narrative["foreword"]
    inp.narrative["problems"] = "ปัญหาของครึ่งปีแรก"
    apply_plan(plan, inp)
    assert plan.round is Round.SIX
    assert plan.narratives[Round.SIX]["problems"] == "ปัญหาของครึ่งปีแรก"
    assert plan.narratives[Round.SIX]["foreword"] == inp.narrative["foreword"]
    assert plan.narratives[Round.TWELVE] == twelve  # the other round's text is untouched
    # Back to 12 months: its own text, not the 6-month one.
    assert narrative_input(plan, Round.TWELVE)["problems"] == twelve["problems"]


def test_emptying_a_field_removes_it_from_that_round_only() -> None:
    plan = default_plan()
    plan.narratives[Round.SIX] = dict(plan.narratives[Round.TWELVE])
    inp = PlanInput.from_plan(plan)
    inp.narrative["suggestions"] = ""
    apply_plan(plan, inp)
    assert "suggestions" not in plan.narratives[Round.TWELVE]
    assert plan.narratives[Round.SIX]["suggestions"]


def test_signers_and_emblem_are_kept_from_the_form() -> None:
    plan = default_plan()
    inp = PlanInput.from_plan(plan)
    inp.signatures = {
        SignRole.REPORTER: Signatory(" นางสาวสมใจ ใจดี ", "นิติกรชำนาญการ"),
        SignRole.APPROVER: Signatory("", ""),
    }
    inp.emblem = " /home/office/ตรา.png "
    apply_plan(plan, inp)
    assert plan.signatures == {SignRole.REPORTER: Signatory("นางสาวสมใจ ใจดี", "นิติกรชำนาญการ")}
    assert plan.settings.emblem == "/home/office/ตรา.png"
    again = plan_from_dict(plan_to_dict(plan))
    assert again.signatory(SignRole.REPORTER).name == "นางสาวสมใจ ใจดี"
    assert again.signatory(SignRole.REVIEWER) == Signatory()
    assert again.settings.emblem == "/home/office/ตรา.png"
    assert PlanInput.from_plan(again).signatures == again.signatures


def test_a_plan_without_signers_or_emblem_keeps_its_stored_layout() -> None:
    data = plan_to_dict(default_plan())
    assert "signatures" not in data and "emblem" not in data["settings"]


def test_next_years_plan_keeps_both_rounds_narratives_without_their_stated_results() -> None:
    plan = default_plan()
    plan.narratives[Round.SIX] = {"foreword": "คำนำ", "results": "ผลที่พิมพ์ไว้"}
    following = next_fiscal_year(plan, {plan.plan_id})
    assert following.narratives[Round.SIX] == {"foreword": "คำนำ"}
    assert "results" not in following.narratives[Round.TWELVE]
    assert set(following.narratives[Round.TWELVE]) == set(plan.narratives[Round.TWELVE]) - {"results"}


def test_a_new_plan_has_an_empty_narrative_to_fill() -> None:
    plan = Plan("x-2568", "องค์การบริหารส่วนตำบลทดสอบ", 2568)
    plan.narrative["foreword"] = "คำนำ"
    assert plan.narratives == {Round.TWELVE: {"foreword": "คำนำ"}}
    assert set(narrative_input(plan, Round.SIX)) == set(NARRATIVE_KEYS)
