"""The embedded default plan is the seed, imported, with only the garbled part-1 lines repaired."""

from __future__ import annotations

import json

from tracker.domain.figures import compute
from tracker.domain.model import plan_to_dict
from tracker.importer.defaults import (
    DEFAULT_PLAN,
    REPAIRS,
    SEED_REPORT,
    build_default,
    default_plan,
    default_plan_json,
    main,
    repair_seed,
)
from tracker.importer.report_text import import_file


def test_committed_default_plan_agrees_with_the_seed() -> None:
    assert DEFAULT_PLAN.read_text(encoding="utf-8") == default_plan_json(build_default().plan)
    assert main([]) == 0


def test_default_plan_loads_as_the_built_plan() -> None:
    assert plan_to_dict(default_plan()) == plan_to_dict(build_default().plan)


def test_repairs_touch_only_the_results_of_part_one() -> None:
    raw = import_file(SEED_REPORT).plan
    repaired = build_default().plan
    raw_data, repaired_data = plan_to_dict(raw), plan_to_dict(repaired)
    assert raw_data["narratives"]["12"].pop("results") != repaired_data["narratives"]["12"].pop("results")
    assert raw_data == repaired_data  # everything else, projects included, is untouched
    assert compute(raw) == compute(repaired)


def test_each_repair_mends_one_garbled_place_and_says_why() -> None:
    text = SEED_REPORT.read_text(encoding="utf-8")
    part1 = text[text.index("ผลการดำเนินงาน (") : text.index("ผลสัมฤทธิ์ของงาน")]
    for repair in REPAIRS:
        assert text.count(repair.garbled) == 1
        assert repair.garbled in part1
        assert repair.why
    mended = repair_seed(text)
    assert len(mended.splitlines()) == len(text.splitlines()) - 2  # the split dimension-4 line is joined
    assert "๑มิติที่" not in mended


def test_repaired_results_read_as_plain_thai() -> None:
    results = default_plan().narrative["results"]
    assert "- มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต ประกอบด้วย ๖ โครงการ" in results
    assert "๔. เบิกจ่ายงบประมาณ ๐.๐๐ บาท" in results


def test_default_plan_json_is_readable_thai() -> None:
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    assert "\\u0e" not in text
    assert json.loads(text)["organization"] == "องค์การบริหารส่วนตำบลบางเตย"
