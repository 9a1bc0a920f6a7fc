"""The embedded default plan: the seed report (Bang Toei, FY ๒๕๖๗, 12-month round), imported.

``seed/bangtoei-2567-report-12m.txt`` (beside this module, shipped in the package and read through
:mod:`importlib.resources`, so an installed ``tracker`` has it wherever it runs) is a copy of the real
report. ``seed/default-plan.json`` is the plan the importer builds from it after :data:`REPAIRS`,
committed so the app opens instantly; a test proves the two agree. Rebuild it with
``make default-plan``.

The repairs mend only the garbled lines of part 1 (text extraction put words and numbers out of
order); they change no figure: each repaired line states what the garbled one states. They are applied
here, for the default plan, and nowhere else: ``tracker import`` reads any report as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tracker.domain.model import Plan, plan_from_dict, plan_to_dict
from tracker.importer.report_text import ImportResult, import_report

SEED_DIR = Path(str(resources.files("tracker.importer") / "seed"))
"""The package's seed folder: a real folder, as pip and an editable install lay packages out."""
SEED_REPORT = SEED_DIR / "bangtoei-2567-report-12m.txt"
DEFAULT_PLAN = SEED_DIR / "default-plan.json"


@dataclass(frozen=True, slots=True)
class Repair:
    garbled: str
    repaired: str
    why: str


REPAIRS: tuple[Repair, ...] = (
    Repair(
        "แผนป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ.๒๕๖๗ ประกอบด้วย ๒๐ จำนวน ๒๕๖๗ .ศ.",
        "แผนป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ประกอบด้วย จำนวน ๒๐ โครงการ",
        "the year was repeated as a stray fragment (๒๕๖๗ .ศ.) and the count lost its noun",
    ),
    Repair(
        "การสร้างสรรค์ที่ไม่ทนต่อการทุจริต ๑มิติที่ - ประกอบด้วย ๖ โครงการ",
        "- มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต ประกอบด้วย ๖ โครงการ",
        "bullet, number and name out of order; สร้างสรรค์ for สร้างสังคม (the dimension's name, DOMAIN.md)",
    ),
    Repair(
        "มิติที่ -๒ การบริหารราชการเพื่อป้องกันการทุจริต ประกอบด้วย ๘ โครงการ",
        "- มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต ประกอบด้วย ๘ โครงการ",
        "the bullet moved inside the line",
    ),
    Repair(
        "-มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของประชาชน ประกอบด้วย ๒ โครงการ",
        "- มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของประชาชน ประกอบด้วย ๒ โครงการ",
        "the bullet lost its space",
    ),
    Repair(
        "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบ ๔มิติที่ -\n\n"
        "การบริหารราชการขององค์กรปกครองส่วนท้องถิ่น ประกอบด้วย ๔ โครงการ",
        "- มิติที่ ๔ การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการบริหารราชการขององค์กรปกครองส่วนท้องถิ่น"
        " ประกอบด้วย ๔ โครงการ",
        "one line split in two, with bullet and number out of order",
    ),
    Repair(
        "๑อยู่ระหว่างดำเนินการ . ๐ โครงการ",
        "๑. อยู่ระหว่างดำเนินการ ๐ โครงการ",
        "the item number's dot moved after the words",
    ),
    Repair(
        "๒เสร็จดำเนินการแล้ว . ๑๗ โครงการ",
        "๒. เสร็จดำเนินการแล้ว ๑๗ โครงการ",
        "the item number's dot moved after the words",
    ),
    Repair(
        "๓ไม่สามารถดำเนินการ . ๓ โครงการ",
        "๓. ไม่สามารถดำเนินการ ๓ โครงการ",
        "the item number's dot moved after the words",
    ),
    Repair(
        "๔เบิกจ่ายงบประมาณ . ๐๐๐. บาท",
        "๔. เบิกจ่ายงบประมาณ ๐.๐๐ บาท",
        "the item's dot and the amount's decimal point were swapped (๐.๐๐ read as . ๐๐๐.)",
    ),
    Repair(
        "๕มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ มาก ร้อยละ ๘๕",
        "๕. มีการนำแผนฯ ไปปฏิบัติอยู่ในระดับ มาก ร้อยละ ๘๕",
        "the item number lost its dot",
    ),
)


def repair_seed(text: str) -> str:
    """The seed's text with its garbled part-1 lines mended; each garbled text must occur exactly once."""
    for repair in REPAIRS:
        count = text.count(repair.garbled)
        if count != 1:
            raise ValueError(f"repair expects its garbled text once, found {count}: {repair.garbled[:40]}")
        text = text.replace(repair.garbled, repair.repaired)
    return text


def build_default() -> ImportResult:
    """Import the repaired seed: the default plan and the importer's findings about the seed."""
    text = SEED_REPORT.read_text(encoding="utf-8")
    return import_report(repair_seed(text), source=SEED_REPORT.name)


def default_plan() -> Plan:
    """The embedded default plan (read from ``seed/default-plan.json``, built if it is missing)."""
    try:
        data = json.loads(DEFAULT_PLAN.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return build_default().plan
    return plan_from_dict(data)


def default_plan_json(plan: Plan) -> str:
    """The committed form of the default plan: stable key order, Thai readable."""
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tracker.importer.defaults",
        description="Build or check the default plan (tracker/importer/seed/default-plan.json) from the seed report.",
    )
    parser.add_argument("--rebuild", action="store_true", help="write tracker/importer/seed/default-plan.json")
    args = parser.parse_args(argv)
    built = default_plan_json(build_default().plan)
    if args.rebuild:
        DEFAULT_PLAN.write_text(built, encoding="utf-8")
        print(f"wrote {DEFAULT_PLAN}")
        return 0
    current = DEFAULT_PLAN.read_text(encoding="utf-8") if DEFAULT_PLAN.exists() else ""
    if current != built:
        print(f"{DEFAULT_PLAN} is out of date: run `make default-plan`", file=sys.stderr)
        return 1
    print(f"{DEFAULT_PLAN} agrees with {SEED_REPORT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
