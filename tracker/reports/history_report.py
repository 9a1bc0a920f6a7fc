"""The plan's history shown: a rich table for the app and the command line, a Markdown appendix.

Columns: when (Thai date, พ.ศ., 24-hour time), who, which project, what (the field in Thai, and the
action where it is not a plain edit), the old value and the new one. Values are shortened to about
:data:`VALUE_WIDTH` cells with "…" (the history keeps them whole).

User text (names, values, the user's name) is data: in the table it enters as rich ``Text`` on one
line with control characters made visible (:func:`one_line`, after
:func:`tracker.domain.text.safe_line`), so ``[bold]`` or an ESC prints as typed; in Markdown it goes through :func:`tracker.domain.markdown.escape_cell`, like
every cell of the report.
"""

from __future__ import annotations

import io
from datetime import datetime

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.domain.history import (
    APPENDIX_HEADING,
    EMPTY_VALUE,
    NO_CHANGES_TEXT,
    Change,
    change_label,
    value_text,
)
from tracker.domain.markdown import escape_cell, table_row
from tracker.domain.text import safe_line, visible
from tracker.domain.thai import MONTHS_SHORT, DigitStyle, ce_to_be, format_int, typed_digits, with_digits

COLUMNS: tuple[str, ...] = ("เมื่อ", "ผู้แก้ไข", "โครงการ", "รายการ", "ค่าเดิม", "ค่าใหม่")
VALUE_WIDTH = 60
"""Cells of an old or new value at most (with its "…")."""
PROJECT_WIDTH = 40
"""Cells of the project's number and name at most."""
USER_WIDTH = 24
"""Cells of the user's name at most."""
ELLIPSIS = "…"
HISTORY_WIDTH = 120
"""Cells per line of :func:`history_text` by default."""


def shorten(text: str, limit: int = VALUE_WIDTH) -> str:
    """``text`` cut to at most ``limit`` terminal cells as it will be shown, with "…" where it was cut.

    Cells are counted on the shown characters (a control character is one picture, a line break one
    mark), so Thai vowel and tone marks take none and are never cut from their letter.
    """
    widths = [1 if char == "\n" else cell_len(visible(char)) for char in text]
    if sum(widths) <= limit:
        return text
    out: list[str] = []
    used = 0
    for char, width in zip(text, widths, strict=True):
        if used + width > limit - 1:
            break
        out.append(char)
        used += width
    return "".join(out) + ELLIPSIS


def when_text(at: str, digits: DigitStyle) -> str:
    """"๑๕ มี.ค. ๒๕๖๗ ๑๔:๓๐": the day in the Buddhist era and the 24-hour time, as recorded (its own offset)."""
    try:
        stamp = datetime.fromisoformat(at)
    except ValueError:
        return shorten(at, PROJECT_WIDTH)
    return with_digits(
        f"{stamp.day} {MONTHS_SHORT[stamp.month - 1]} {ce_to_be(stamp.year)} {stamp:%H:%M}", digits
    )


def project_text(change: Change, digits: DigitStyle) -> str:
    """The project's number and name, shortened; "—" for a change of the plan itself."""
    if change.project_number is None and not change.project_name:
        return EMPTY_VALUE
    number = "" if change.project_number is None else format_int(change.project_number, digits)
    return shorten(" ".join(part for part in (number, change.project_name) if part), PROJECT_WIDTH)


def _cells(change: Change, digits: DigitStyle) -> list[str]:
    """A change's six cells as plain text (shortened; not yet made safe for where they go).

    Typed text (names, old and new values) follows the digit style as a report does: see
    :func:`tracker.domain.thai.typed_digits`.
    """
    cells = [
        when_text(change.at, digits),
        shorten(change.user, USER_WIDTH),
        project_text(change, digits),
        change_label(change, digits),
        shorten(value_text(change.field, change.old, digits)),
        shorten(value_text(change.field, change.new, digits)),
    ]
    return [typed_digits(cell, digits) for cell in cells]


# Line and paragraph separators that safe_line keeps: rich measures a cell by its lines as
# str.splitlines() cuts them, so either would fold the whole column to the width of its longest piece.
_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(text: str) -> str:
    """User text on one line as a table cell shows it: control characters and separators visible."""
    return safe_line(text).translate(_SEPARATORS)


def history_table(changes: list[Change], digits: DigitStyle) -> Table:
    """The changes as a rich table, one row each, in the order given."""
    table = Table(box=box.SQUARE, header_style="bold")
    table.add_column(COLUMNS[0], no_wrap=True)
    for heading in COLUMNS[1:]:
        table.add_column(heading, overflow="fold")
    for change in changes:
        table.add_row(*(Text(one_line(cell)) for cell in _cells(change, digits)))
    return table


def history_text(changes: list[Change], digits: DigitStyle, width: int = HISTORY_WIDTH) -> str:
    """The changes as plain text ``width`` cells wide (no colour or style codes), for the command line.

    An empty history is one line saying so.
    """
    if not changes:
        return NO_CHANGES_TEXT + "\n"
    console = Console(
        file=io.StringIO(), width=width, record=True, color_system=None, force_terminal=False,
        force_jupyter=False, legacy_windows=False, highlight=False, markup=False, emoji=False,
    )
    console.print(history_table(changes, digits))
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


def history_markdown(changes: list[Change], digits: DigitStyle) -> str:
    """The report's appendix: a heading and a GFM table of the changes (or a line saying there are none)."""
    heading = f"## {APPENDIX_HEADING}"
    if not changes:
        return f"{heading}\n\n{NO_CHANGES_TEXT}\n"
    rows = [
        table_row(list(COLUMNS)),
        table_row(["---"] * len(COLUMNS)),
        *(table_row([escape_cell(cell) for cell in _cells(change, digits)]) for change in changes),
    ]
    return f"{heading}\n\n" + "\n".join(rows) + "\n"
