"""The command line's help and argument errors in Thai with English beside them, like its messages.

argparse writes some words of its own: "usage:", the headings "options" and "positional
arguments", "show this help message and exit", and its error messages ("invalid choice: …",
"the following arguments are required: …"). :class:`BilingualHelpFormatter` puts the Thai before
each (the English kept in parentheses) and :func:`bilingual_error` does the same for the errors.
The help, descriptions and metavars the program itself writes are bilingual where they are written
(:mod:`tracker.cli.parser`).

The formatter also measures in terminal cells, not characters: Thai vowel and tone marks take no
column, so argparse's own arithmetic would misalign the help column after a Thai metavar, and
``textwrap`` would cut a Thai phrase in the middle of a word. Lines break where words end (rich's
wrapping, which :mod:`tracker.reports` makes break Thai at dictionary word ends).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from typing import Any, NoReturn

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

import tracker.reports  # noqa: F401  (rich's wrapping breaks Thai where words end once this is imported)
from tracker.domain.text import safe_block

USAGE_HEADING = "วิธีใช้ (usage):"

ARGPARSE_WORDS: dict[str, str] = {
    "options": "ตัวเลือก (options)",
    "optional arguments": "ตัวเลือก (options)",  # Python before 3.10
    "positional arguments": "ค่าที่ระบุตามลำดับ (positional arguments)",
    "show this help message and exit": "แสดงวิธีใช้นี้แล้วจบ (show this help message and exit)",
}
"""argparse's own words as it writes them (Python 3.11), and what is shown instead."""

_THAI = "[\u0e00-\u0e7f]"

_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (?P<what>.+)", "ต้องระบุ {what}"),
    (r"unrecognized arguments: (?P<what>.+)", "ไม่รู้จัก {what}"),
    (r"ambiguous option: (?P<what>\S+) could match (?P<choices>.+)",
     "{what} ตรงกับตัวเลือกได้หลายตัว: {choices}"),
    (r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
     "{arg} ไม่มีตัวเลือก {value}"),  # the choices are listed once, in argparse's words
    (r"argument (?P<arg>\S+): expected .*argument", "{arg} ต้องตามด้วยค่า"),
    (r"argument (?P<arg>\S+): invalid \S+ value: (?P<value>.+)", "{arg} ใช้ค่า {value} ไม่ได้"),
    (r"argument (?P<arg>\S+): not allowed with argument (?P<other>.+)",
     "{arg} ใช้คู่กับ {other} ไม่ได้"),
    (r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.+)", "{arg} ไม่รับค่า {value}"),
)
"""argparse's error messages (Python 3.11 and later), each with its Thai. The patterns are compiled by
:func:`bilingual_error`, when there is an error (``re`` keeps them), not on every start."""


def bilingual_error(message: str) -> str:
    """An argparse error in Thai with argparse's English in parentheses.

    A message of the program's own (an argument's type says what it wants, in Thai and English) is
    kept as it is.
    """
    for pattern, thai in _ERRORS:
        if found := re.fullmatch(pattern, message):
            return f"{thai.format(**found.groupdict())} ({message})"
    if re.search(_THAI, message.split(": ", 1)[-1] if message.startswith("argument ") else message):
        return message
    return f"คำสั่งไม่ถูกต้อง ({message})"


class BilingualHelpFormatter(argparse.HelpFormatter):
    """argparse's help with its own words in Thai, wrapped and aligned by terminal cells."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(ARGPARSE_WORDS.get(heading, heading) if heading else heading)

    def _expand_help(self, action: argparse.Action) -> str:
        text = super()._expand_help(action)
        return ARGPARSE_WORDS.get(text, text)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        if prefix is not None:  # argparse's own use (a subcommand's prog): no heading
            return super()._format_usage(usage, actions, groups, prefix)
        # The heading on a line of its own: argparse indents a wrapped usage by the prefix's length
        # in characters, which in Thai is not its width.
        return f"{USAGE_HEADING}\n" + super()._format_usage(usage, actions, groups, "  ")

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        # argparse pads the invocation to the help column by characters; Thai marks take no cell.
        header = self._format_action_invocation(action)
        missing = len(header) - cell_len(header)
        at = self._current_indent + len(header)
        if missing > 0 and text[self._current_indent : at] == header and text[at : at + 1] == " ":
            text = text[:at] + " " * missing + text[at:]
        return text

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap(" ".join(text.split()), width - len(indent)))


_CONSOLE = Console(width=1000, color_system=None, markup=False, emoji=False, highlight=False)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken where words end (a word too long is folded)."""
    if cell_len(text) <= width:
        return [text]
    return [line.plain.rstrip() for line in Text(text).wrap(_CONSOLE, max(width, 1), overflow="fold")]


class BilingualParser(argparse.ArgumentParser):
    """An argument parser whose help and errors read in Thai with English beside them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", BilingualHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # One line; the message quotes what was typed on the command line, which may hold control
        # characters.
        self.exit(
            2,
            f"{self.prog}: ข้อผิดพลาด (error): {safe_block(bilingual_error(message))}"
            f" — ดูวิธีใช้ด้วย {self.prog} --help (see {self.prog} --help)\n",
        )
