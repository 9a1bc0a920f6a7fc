"""The plan as CSV for a spreadsheet: one row per project and round (both rounds), every field.

UTF-8 with a byte-order mark (what Excel needs to read Thai), amounts as plain numbers ("50000.00",
empty where there is none), Arabic digits in the number columns whatever the report's digit style.

Text is written as the other exports show it (:func:`cell_text`): line breaks and tabs are kept
(ordinary whitespace of a cell; the csv module quotes it), and every other control character is made
visible as :func:`tracker.domain.text.visible` shows it everywhere (ESC → "␛", NUL → "␀", BEL → "␇",
a lone CR → "␍", a C1 control as ``\\x9b``, a bidi control as ``\\u202e``). A file opened in a
spreadsheet, a text editor or with ``cat`` on a terminal thus never carries an escape sequence, a bell
or a hidden reordering out of the data. The stored value is unchanged, and text without control
characters is written exactly as stored.

Then the formula guard: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@`` (or
a tab or carriage return) as a formula, so such a text cell gets a leading apostrophe (``=1+1`` is
written ``'=1+1``). :func:`unguard` drops it again. Number columns never start with these.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from tracker.domain.figures import project_remaining
from tracker.domain.model import INCLUDED_LABELS, Plan, Project, Round
from tracker.domain.text import visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection)."""
GUARD = "'"

COLUMNS: tuple[str, ...] = (
    "plan_id", "organization", "fiscal_year",
    "number", "kind", "kind_label", "name", "dimension", "dimension_name",
    "method", "indicator", "budget", "needs_budget", "appropriated", "included", "included_label",
    "period", "unit", "remarks",
    "round", "status", "status_label", "result_text", "disbursed", "remaining",
    "reason", "reason_label", "reason_text", "round_remark", "entered",
)
"""The header row; the other columns hold numbers, codes or booleans, never a formula.

``appropriated`` is the amount in the budget ordinance (empty where not known) and ``remaining`` is
reckoned from it where known, else from ``budget``. ``included`` is "true", "false" or empty (not known),
``included_label`` the same in words. ``remarks`` is the project's own remark, ``round_remark`` the
round's; ``entered`` is "true" once the round's result is entered in e-PlanNACC."""
TEXT_COLUMNS = frozenset({
    "plan_id", "organization", "kind_label", "name", "dimension_name", "method", "indicator", "period", "unit",
    "remarks", "status_label", "result_text", "reason_label", "reason_text", "included_label", "round_remark",
})
"""Columns of text a person typed or a label: the ones the formula guard applies to."""
ENCODING = "utf-8-sig"


def csv_report(plan: Plan) -> str:
    """Every project of ``plan`` in both rounds as CSV text (without the byte-order mark)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for project in plan.in_report_order():
        for round_ in Round:
            row = _row(plan, project, round_)
            writer.writerow([text_cell(row[c]) if c in TEXT_COLUMNS else row[c] for c in COLUMNS])
    return out.getvalue()


def _row(plan: Plan, project: Project, round_: Round) -> dict[str, str]:
    result = project.result(round_)
    return {
        "plan_id": plan.plan_id,
        "organization": plan.organization,
        "fiscal_year": str(plan.fiscal_year),
        "number": str(project.number),
        "kind": project.kind.value,
        "kind_label": project.kind.label,
        "name": project.name,
        "dimension": str(project.dimension),
        "dimension_name": plan.dimension_name(project.dimension),
        "method": project.method,
        "indicator": project.indicator,
        "budget": _number(project.budget),
        "needs_budget": _flag(project.needs_budget),
        "appropriated": _number(project.appropriated),
        "included": "" if project.included is None else _flag(project.included),
        "included_label": INCLUDED_LABELS[project.included],
        "period": project.period,
        "unit": project.unit,
        "remarks": project.remarks,
        "round": str(int(round_)),
        "status": result.status.value,
        "status_label": result.status.label,
        "result_text": result.result_text,
        "disbursed": _number(result.disbursed),
        "remaining": _number(project_remaining(project, round_)),
        "reason": "" if result.reason is None else result.reason.value,
        "reason_label": "" if result.reason is None else result.reason.label,
        "reason_text": result.reason_text,
        "round_remark": result.remark,
        "entered": _flag(result.entered),
    }


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def cell_text(text: str) -> str:
    """``text`` as a CSV cell shows it: line breaks (CRLF as LF) and tabs kept, other control characters visible."""
    return "".join(c if c in "\n\t" else visible(c) for c in text.replace("\r\n", "\n"))


def text_cell(text: str) -> str:
    """A text cell as written: control characters visible (:func:`cell_text`), then the formula guard."""
    return guard(cell_text(text))


def guard(text: str) -> str:
    """A text cell a spreadsheet will not run: an apostrophe before a leading ``= + - @``, tab or CR.

    Text that already starts with apostrophes before one of those gets one more, so that
    :func:`unguard` can tell the two apart.
    """
    return GUARD + text if text.lstrip(GUARD).startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """The text :func:`guard` was given."""
    return text[1:] if text.startswith(GUARD) and text.lstrip(GUARD).startswith(FORMULA_STARTS) else text
