"""Rules on one project's values, said once: the project form warns with them as the person types
(:func:`~tracker.domain.editing.check_project`), and the publish checks (:mod:`tracker.domain.checks`)
report them on the saved plan. Each side words its own message and picks its own severity; what counts
as the fault is decided here only.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.model import ReasonKind, Status


def overspent(budget: Decimal | None, disbursed: Decimal | None) -> Decimal | None:
    """How much more than its budget a project disbursed; None when not more (or either is missing)."""
    if budget is None or disbursed is None or disbursed <= budget:
        return None
    return disbursed - budget


def spent_without_budget(budget: Decimal | None, disbursed: Decimal | None) -> bool:
    """Money disbursed on a project that needs no budget (``budget`` None: ไม่ใช้งบประมาณ)."""
    return budget is None and disbursed is not None and disbursed > 0


def appropriated_without_budget(budget: Decimal | None, appropriated: Decimal | None) -> bool:
    """An amount appropriated in the budget ordinance for a project that needs no budget (0.00 agrees
    with needing none)."""
    return budget is None and appropriated is not None and appropriated > 0


def lacks_reason(status: Status, reason: ReasonKind | None) -> bool:
    """A project that could not be done, with no reason chosen (the national system asks for one)."""
    return status is Status.NOT_DONE and reason is None


def other_reason_unsaid(status: Status, reason: ReasonKind | None, reason_text: str) -> bool:
    """A project that could not be done for an "other" reason that is not described."""
    return status is Status.NOT_DONE and reason is ReasonKind.OTHER and not reason_text.strip()


def lacks_result(status: Status, result_text: str) -> bool:
    """A project marked completed with no result text."""
    return status is Status.COMPLETED and not result_text.strip()
