"""Hostile input, in one place: text a person could type, paste or import that would break something if it
were treated as anything but data, and amounts that are not amounts.

``HOSTILE_TEXT`` holds text values by a short name (the name is the test id). Every value must be stored
exactly, shown as typed or visibly escaped (:func:`shown`), exported safely, and never crash the app
or reach a terminal as a control sequence.

``HOSTILE_AMOUNTS`` holds what may be typed into an amount field, each with the amount it must read
as, or None when it must be refused (with a message under the field, and nothing stored).

The first 21 text values are the report tests' own corpus (``tests.reports.hostile`` re-exports this
module), so every export test runs over every value here.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.model import NARRATIVE_KEYS, LevelBand, Plan, ReasonKind, Round, RoundResult, Status
from tracker.domain.text import visible
from tracker.importer.defaults import default_plan

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
"""The String Terminator that ends an OSC sequence (BEL is the other)."""

TERMINAL_CONTROLS = (ESC, "\x9b", BEL, "\x9d", "\x90", "\x00", "\x08", "\x7f")
"""Characters that must never reach a terminal from user text: ESC, C1 CSI and OSC and DCS, BEL, NUL,
backspace and DEL (shown as ␛, \\x9b, ␇, ...)."""

_BASE: dict[str, str] = {
    "rich markup": "[bold red]x[/]",
    "pipe": "a|b",
    "newline": "line1\nline2",
    "emphasis": "**x** _y_",
    "script": "<script>alert(1)</script>",
    "escape sequence": "\x1b[31mred\x1b[0m",
    "heading": "# heading",
    "code": "`code` ```fence",
    "formula": "=1+1",
    "20,000 characters": "ทดสอบ|*_" * 2500,
    "emoji": "โครงการ 👍🏽 🇹🇭",
    "zero-width joiner": "👩\u200d👩\u200d👧 ครอบ\u200dครัว",
    "right to left": "مرحبا بالعالم שלום \u202eแก้ไข",
    "backslashes": "C:\\path\\ \\| end\\",
    "entities": "&amp; &lt; &#32; &copy;",
    "list markers": "1. first\n- second\n+ third\n===\n    code",
    "edge spaces": "  leading and trailing  ",
    "links": "[x](javascript:alert(1)) ![i](http://e/x.png) <http://e> [ref]: /url",
    "math and strike": "$x$ ~~strike~~ ~sub~",
    "html comment": "<!-- x --> -->",
    "tab and CR": "a\tb\rc",
}

_MORE: dict[str, str] = {
    # rich and textual markup
    "rich bold red": "[bold red]โครงการ[/bold red]",
    "rich close alone": "[/]",
    "rich link": "[link=https://evil.example]x[/link]",
    "textual action": "[@click=app.quit]quit[/] [on red]x",
    "escaped markup": "\\[bold] \\\\[/] [[x]]",
    # terminal escape sequences
    "ANSI clear screen": "\x1b[2J\x1b[H\x1b[?1049h\x1b[31;1mโครงการ\x1b[0m",
    "OSC 8 hyperlink BEL": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "OSC 8 hyperlink ST": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "OSC 52 clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07copied",
    "OSC 0 title BEL": "\x1b]0;pwned\x07title",
    "OSC 0 title ST": "\x1b]0;pwned\x1b\\title",
    "DCS": "\x1bP+q544e\x1b\\dcs",
    "C1 CSI": "\x9b31mred\x9b0m \x9d0;t\x9c",
    # control characters
    "C0 controls": "c0:" + "".join(chr(c) for c in range(0, 32) if chr(c) not in "\t\n\r") + ":end",
    "NUL": "a\x00b\x00",
    "DEL": "a\x7fb",
    "C1 controls": "c1:" + "".join(chr(c) for c in range(0x80, 0x90)) + ":end",
    "C1 controls 2": "c1:" + "".join(chr(c) for c in range(0x90, 0xA0)) + ":end",
    "backspace overwrite": "safe\x08\x08\x08\x08evil",
    "line separators": "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg",
    "CRLF": "one\r\ntwo\r\n",
    # long text
    "20,000 one word": "ก" * 20_000,
    "20,000 in many lines": ("\n".join(["บรรทัด"] * 300) + "x" * 20_000)[:20_000],
    # invisible and combining characters
    "zero-width": "a\u200bb\u200cc\u200dd\ufeffe\u2060f\u00adg",
    "Thai stacked marks": "ก\u0e34\u0e48\u0e49\u0e4a\u0e4b\u0e4c ผู้ใหญ่ ปั๊ม น้ำ ฤๅ ๆ",
    "combining marks": "Z\u0351\u0352\u0353\u0354a\u0300\u0301\u0302\u0303\u0304l\u0489go \u0e47\u0e47\u0e47",
    "leading combining mark": "\u0e49\u0e49 starts with a mark",
    # emoji
    "emoji flags and tones": "🇹🇭🇺🇳🏳️\u200d🌈 👍🏻👍🏿 👨\u200d👩\u200d👧\u200d👦 1️⃣ ❤️",
    # right to left and bidi controls
    "bidi override": "user\u202etxt.exe\u202c \u2066iso\u2069 \u200f\u061cx",
    "right to left only": "שלום עולם مرحبا",
    # Markdown and HTML
    "markdown block": "> quote\n***\n| a | b |\n|---|---|\n```\ncode\n```",
    "html": '<img src=x onerror=alert(1)><a href="javascript:x">y</a> &nbsp; <br>',
    "table delimiter": "|---|:---:|",
    # formulas for a spreadsheet
    "formula at": "@SUM(A1:A9)",
    "formula plus": "+1-1",
    "formula minus": "-2+3",
    "formula DDE": "=cmd|' /C calc'!A0",
    "guarded formula": "'=1+1",
    # odd whitespace
    "only spaces": "   ",
    "no-break spaces": "\u00a0ก\u00a0\u3000",
}

HOSTILE_TEXT: dict[str, str] = {**_BASE, **_MORE}
"""Every hostile text value, by name."""

ONE_LINE_TEXT: dict[str, str] = {
    name: value for name, value in HOSTILE_TEXT.items() if "\n" not in value and "\r" not in value
}
"""The values without a line break (what a one-line field can hold as typed)."""

SHORT_TYPABLE: dict[str, str] = {
    "rich markup": "[bold red]x[/] [/] [link=https://evil.example]y[/link]",
    "Thai stacked marks": HOSTILE_TEXT["Thai stacked marks"],
    "emoji": HOSTILE_TEXT["emoji"],
    "html and markdown": "<b>x</b> **y** | z `c` # h",
}
"""Short values a keyboard can type, key by key."""

SAMPLES: dict[str, str] = {
    name: HOSTILE_TEXT[name]
    for name in (
        "rich bold red", "rich link", "OSC 8 hyperlink BEL", "OSC 52 clipboard", "C0 controls", "C1 CSI",
        "zero-width", "Thai stacked marks", "emoji flags and tones", "bidi override", "markdown block",
    )
}
"""A value of each kind, for tests that cannot afford every value in every field (long text and line breaks
are left to the tests that put every value into one field of each kind)."""

HOSTILE_AMOUNTS: dict[str, Decimal | None] = {
    "1e400": None,
    "-5": None,
    "9" * 40: None,
    "NaN": None,
    "Infinity": None,
    "-Infinity": None,
    "-0": None,
    "1,0,0": None,
    "0x10": None,
    "1_000": None,
    "12.345": None,
    "1.2.3": None,
    "\x1b[31m5": None,
    "5\x00": None,
    "[bold]5[/bold]": None,
    "5\u200b0": None,
    "1" * 5_000: None,
    "๑๒๓,๔๕๖.๗๘": Decimal("123456.78"),
    " 12 ": Decimal("12.00"),
    "50,000.00 บาท": Decimal("50000.00"),
    "0": Decimal("0.00"),
    "1000000000000": Decimal("1000000000000.00"),
}
"""Typed amounts: what each must be read as, or None where it must be refused."""

HOSTILE_NUMBERS: list[str] = [
    *HOSTILE_AMOUNTS, "sNaN", "²", "²⁰", "⑴", "½", "١٢", "𝟏", "๑e๓", ".", "...", "1.2.3", "", "9" * 5_000 + ".5",
]
"""What a report's number cells may hold (order numbers, dimensions, amounts, counts and scores in the prose)."""

HOSTILE_YEARS: dict[str, int | None] = {
    "๒๕๖๘": 2568,
    "พ.ศ. 2568": 2568,
    "2024": None,
    "-2567": None,
    "1e3": None,
    "NaN": None,
    "9" * 40: None,
    "9" * 5_000: None,
    "2567\x00": None,
    "\x1b[31m2567": None,
    "2567²": None,
    "²⁵⁶⁷": None,
}
"""Typed fiscal years: the year each must be read as, or None where it must be refused."""


def shown(value: str) -> str:
    """What a reader sees of ``value``: its lines, with control characters as visible pictures."""
    return "\n".join("".join(visible(c) for c in line) for line in value.replace("\r\n", "\n").split("\n"))


def unsafe_characters(text: str) -> list[str]:
    """The control characters of ``text`` other than line breaks (C0, DEL and C1), as hex codes."""
    return sorted({hex(ord(c)) for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F})


def assert_terminal_safe(text: str, where: str = "") -> None:
    """Fail if ``text`` holds a character that would make a terminal do something instead of showing it."""
    found = unsafe_characters(text)
    assert not found, f"raw control characters {found} {where}"


LEVEL_WORDS = "\x1b]0;pwned\x07[bold red]มาก[/] \x9b31m\u202e"
"""Hostile words for the level the default plan's score (85) reaches (in :func:`hostile_plan`)."""


def hostile_plan() -> Plan:
    """The default plan with a hostile value in every piece of text a person can type."""
    values = list(HOSTILE_TEXT.values())
    plan = default_plan()
    plan.organization = HOSTILE_TEXT["rich link"] + HOSTILE_TEXT["OSC 0 title BEL"]
    plan.district, plan.province, plan.preparing_unit = SAMPLES["C1 CSI"], SAMPLES["bidi override"], HOSTILE_TEXT["NUL"]
    for index, key in enumerate(NARRATIVE_KEYS):
        plan.narrative[key] = values[index * 3 % len(values)]
    for index, dimension in enumerate(plan.dimensions):
        dimension.name = values[(index * 7 + 1) % len(values)]
    plan.settings.level_bands = [
        LevelBand(band.minimum, LEVEL_WORDS if band.minimum == 70 else band.label) for band in plan.settings.level_bands
    ]
    for index, project in enumerate(plan.projects):
        pick = [values[(index * 5 + k) % len(values)] for k in range(5)]
        project.name, project.method, project.indicator, project.unit, project.remarks = pick
        result = project.result(Round.TWELVE)
        reason = ReasonKind.OTHER if result.status is Status.NOT_DONE else None
        project.results[Round.TWELVE] = RoundResult(
            result.status, pick[1], result.disbursed, reason, pick[2] if reason else "", remark=pick[3]
        )
    return plan
