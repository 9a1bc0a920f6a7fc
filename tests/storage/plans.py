"""Plans for the storage tests: Thai text everywhere and every kind of amount."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.model import (
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    StatedFigures,
    Status,
)

ORGANIZATION = "องค์การบริหารส่วนตำบลบางเตย"


def thai_plan(plan_id: str = "บางเตย-2567", fiscal_year: int = 2567) -> Plan:
    """A plan with a budgeted, a zero-budget and a no-budget project, and results of both rounds."""
    return Plan(
        plan_id=plan_id,
        organization=ORGANIZATION,
        fiscal_year=fiscal_year,
        district="สามพราน",
        province="นครปฐม",
        preparing_unit="งานนิติการ สำนักงานปลัด",
        narratives={Round.TWELVE: {"background": "ที่มาและความสำคัญ ๑๒๓", "problems": "งบประมาณไม่เพียงพอ"}},
        projects=[
            Project(
                1,
                "โครงการส่งเสริมคุณธรรมและจริยธรรม",
                1,
                kind=ProjectKind.PROJECT,
                budget=Decimal("50000.00"),
                appropriated=Decimal("49000.00"),  # the ordinance's amount, below the plan's
                included=True,
                period="ต.ค. ๖๖ - ก.ย. ๖๗",
                unit="สำนักงานปลัด",
                results={
                    Round.SIX: RoundResult(Status.IN_PROGRESS, "อยู่ระหว่างดำเนินการ"),
                    Round.TWELVE: RoundResult(
                        Status.COMPLETED, "แล้วเสร็จ", Decimal("48250.50"), remark="คืนเงินเหลือจ่าย", entered=True
                    ),
                },
            ),
            Project(
                2,
                "มาตรการ NO Gift Policy",
                2,
                kind=ProjectKind.MEASURE,
                budget=None,  # ไม่ใช้งบประมาณ
            ),
            Project(
                3,
                "กิจกรรมรับฟังความคิดเห็นของประชาชน",
                3,
                kind=ProjectKind.ACTIVITY,
                budget=Decimal("0.00"),  # a budget of nothing, which is not "needs no budget"
                included=False,
                results={
                    Round.TWELVE: RoundResult(
                        Status.NOT_DONE, "", None, ReasonKind.NO_BUDGET, "ไม่ได้รับงบประมาณ"
                    )
                },
            ),
        ],
        stated=StatedFigures(total=3, disbursed=Decimal("48250.50"), level="มาก", score=Decimal("85")),
        source="bangtoei-2567-report-12m.txt",
    )
