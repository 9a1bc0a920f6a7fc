"""Compounds a Thai reader keeps on one line stay whole wherever text is wrapped (screens, exports, PDF)."""

from __future__ import annotations

import itertools
import re

import pytest

from tracker.domain.linebreak import KEEP_TOGETHER, break_points, wrap_lines
from tracker.importer.defaults import default_plan


def pieces(text: str) -> list[str]:
    cuts = (0, *break_points(text), len(text))
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


@pytest.mark.parametrize(("text", "expected"), [
    ("แผนงานบูรณาการต่อต้านการทุจริต", ["แผนงานบูรณาการ", "ต่อต้าน", "การ", "ทุจริต"]),  # ICU: แผน|งา|นบู|รณา|การ
    ("หลักธรรมาภิบาล", ["หลัก", "ธรรมาภิบาล"]),  # ICU: ธร|รมาภิ|บาล
    ("องค์กรปกครองส่วนท้องถิ่น", ["องค์กร", "ปกครอง", "ส่วน", "ท้องถิ่น"]),
    ("เบิกจ่ายงบประมาณ", ["เบิกจ่าย", "งบประมาณ"]),
])
def test_words_icu_cuts_are_kept_whole(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_a_line_still_breaks_before_and_after_a_kept_word() -> None:
    assert pieces("การป้องกันผลประโยชน์ทับซ้อน") == ["การ", "ป้องกัน", "ผลประโยชน์", "ทับซ้อน"]
    assert wrap_lines("ร้อยละ ๘๕ ของบุคลากรได้รับความรู้", 8, len) == ["ร้อยละ", "๘๕ ของ", "บุคลากร", "ได้รับ", "ความรู้"]


def test_no_line_of_the_default_plan_can_end_inside_a_kept_word() -> None:
    plan = default_plan()
    texts = [text for texts in plan.narratives.values() for text in texts.values()]
    texts += [getattr(p, f) for p in plan.projects for f in ("name", "method", "indicator", "unit")]
    texts += [r.result_text for p in plan.projects for r in p.results.values()]
    found = 0
    for text in texts:
        points = set(break_points(text))
        for word in KEEP_TOGETHER:
            for match in re.finditer(re.escape(word), text):
                found += 1
                assert not points & set(range(match.start() + 1, match.end())), (word, text[:60])
    assert found > 300  # the words are the plan's own vocabulary
