"""User text that would break a table, format a report, run in a terminal or a spreadsheet if it were markup."""

from __future__ import annotations

from tracker.domain.text import visible

HOSTILE: dict[str, str] = {
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


def shown(value: str) -> str:
    """What a reader sees of ``value``: its lines, with control characters as visible pictures."""
    return "\n".join("".join(visible(c) for c in line) for line in value.replace("\r\n", "\n").split("\n"))
