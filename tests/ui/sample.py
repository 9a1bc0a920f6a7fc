"""A small hand-made plan for the UI tests, and for trying the app by hand (``python -m tests.ui.sample``)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from tracker.domain.model import (
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    Status,
)
from tracker.storage.store import Store

HOSTILE_NAME = "โครงการ [bold red]x[/] | a\nb \x1b[31m"
"""A name a careless paste could produce: markup, a pipe, a line break and an ANSI escape."""
HOSTILE_SHOWN = "โครงการ [bold red]x[/] | a⏎b ␛[31m"
"""How the tree shows it: every character kept, the line break and the escape made visible."""


def _done(text: str, disbursed: str | None = None) -> dict[Round, RoundResult]:
    return {
        Round.TWELVE: RoundResult(Status.COMPLETED, text, None if disbursed is None else Decimal(disbursed))
    }


def sample_plan() -> Plan:
    """Seven projects over the four dimensions: 3 completed, 1 in progress, 1 not done, 2 unreported."""
    projects = [
        Project(
            1,
            "โครงการส่งเสริมคุณธรรมและจริยธรรมของผู้บริหาร สมาชิกสภาและพนักงาน",
            1,
            ProjectKind.PROJECT,
            method="อบรมให้ความรู้แก่ผู้บริหาร สมาชิกสภา และพนักงานส่วนตำบล ปีละ ๑ ครั้ง",
            indicator="ผู้เข้าร่วมอบรมไม่น้อยกว่าร้อยละ ๘๐",
            budget=Decimal("50000"),
            period="ต.ค. ๖๖ - ก.ย. ๖๗",
            unit="สำนักงานปลัด",
            remarks="ร่วมกับอำเภอสามพราน",
            results=_done("จัดอบรมเมื่อ ๑๕ มีนาคม ๒๕๖๗ ผู้เข้าร่วม ๔๕ คน", "48500"),
        ),
        Project(
            2,
            "มาตรการ NO Gift Policy จากการปฏิบัติหน้าที่",
            1,
            ProjectKind.MEASURE,
            method="ประกาศเจตนารมณ์ไม่รับของขวัญ",
            indicator="มีประกาศ ๑ ฉบับ",
            budget=None,
            period="ต.ค. ๖๖ - ก.ย. ๖๗",
            unit="สำนักงานปลัด",
            results=_done("ประกาศแล้ว"),
        ),
        Project(
            3,
            HOSTILE_NAME,
            2,
            ProjectKind.PROJECT,
            method="บรรทัดแรก\nบรรทัดที่สอง [i]ไม่ใช่มาร์กอัป[/i]",
            budget=Decimal("12000.50"),
            unit="กองคลัง",
            results={Round.TWELVE: RoundResult(Status.IN_PROGRESS, "อยู่ระหว่างจัดซื้อ", Decimal("3000"))},
        ),
        Project(
            4,
            "กิจกรรมเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง",
            2,
            ProjectKind.ACTIVITY,
            budget=Decimal("20000"),
            unit="กองคลัง",
            results={
                Round.TWELVE: RoundResult(
                    Status.NOT_DONE, "", None, ReasonKind.NO_BUDGET, "ไม่ได้ตั้งงบประมาณไว้ในข้อบัญญัติ"
                )
            },
        ),
        Project(
            5,
            "โครงการประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น",
            3,
            ProjectKind.PROJECT,
            budget=Decimal("15000"),
            unit="สำนักงานปลัด",
            results=_done("จัดประชาคมครบ ๙ หมู่บ้าน", "15000"),
        ),
        Project(
            6,
            "แนวปฏิบัติงานการรับเรื่องร้องเรียนการทุจริต",
            3,
            ProjectKind.GUIDELINE,
            budget=None,
            unit="สำนักงานปลัด",
        ),
        Project(
            7,
            "กิจกรรมการจัดทำรายงานการควบคุมภายใน",
            4,
            ProjectKind.ACTIVITY,
            budget=None,
            unit="หน่วยตรวจสอบภายใน",
        ),
    ]
    return Plan(
        plan_id="บางเตย-2567",
        organization="องค์การบริหารส่วนตำบลบางเตย",
        fiscal_year=2567,
        district="สามพราน",
        province="นครปฐม",
        preparing_unit="งานนิติการ สำนักงานปลัด",
        round=Round.TWELVE,
        projects=projects,
    )


def sample_store(path: Path) -> Store:
    """A store at ``path`` holding the sample plan, opened as on any day after the first."""
    Store.open(path, initial_plans=[sample_plan()]).close()
    return Store.open(path)


if __name__ == "__main__":  # try the app by hand: python -m tests.ui.sample /tmp/x.json
    from tracker.ui.app import TrackerApp

    TrackerApp(sample_store(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/x.json"))).run()
