"""The roll-up on screen and as plain text: per fiscal year a rich table and its totals, then the notes.

:func:`rollup_renderable` is what ``tracker rollup`` prints and :func:`rollup_text` the same as plain
text for a file or an e-mail. User text (organization, district, province, level words, paths,
messages) enters rich as ``Text`` with control characters made visible
(:func:`~tracker.domain.text.safe_line`), never as markup.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.domain.figures import Flag
from tracker.domain.model import Round, Status
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle, format_baht, format_int, format_percent, with_digits
from tracker.reports.rollup_model import Rollup, YearGroup, path_text
from tracker.reports.summary import FLAG_STYLES

TEXT_WIDTH = 160
"""Cells per line of :func:`rollup_text` by default: the table has fifteen columns."""


def _cell(value: str, style: str = "") -> Text:
    """User text for a table cell: one line, control characters visible, never markup."""
    return Text(safe_line(value), style=style)


def _round_text(round_: Round, digits: DigitStyle) -> str:
    return with_digits(str(int(round_)), digits)


COMPACT_BELOW = 140
"""Narrower than this many cells, the table puts district and province under the organization, marks
the status columns with ✓ ◐ ✗ · and leaves the level and the amounts to the totals below it."""


def rollup_table(group: YearGroup, digits: DigitStyle = DigitStyle.THAI, width: int = TEXT_WIDTH) -> Table:
    """One row per plan of one fiscal year (province, district, organization, year, round, counts,
    score, flag, level, budget, disbursed), with the year's totals as the footer (the score's: the
    mean of the plans' scores); compact below :data:`COMPACT_BELOW` cells."""
    t = group.totals
    compact = width < COMPACT_BELOW
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", footer_style="bold", show_footer=True, pad_edge=False,
        collapse_padding=True,
    )
    if compact:
        table.add_column("องค์กร (อำเภอ จังหวัด)", overflow="fold", ratio=1, min_width=12,
                         footer=f"รวม {format_int(t.organizations, digits)} องค์กร")
    else:
        table.add_column("จังหวัด", overflow="fold", footer="รวม")
        table.add_column("อำเภอ", overflow="fold")
        table.add_column("องค์กร", overflow="fold", ratio=1, min_width=12,
                         footer=f"{format_int(t.organizations, digits)} องค์กร")
    table.add_column("ปี" if compact else "ปีงบฯ", justify="right", no_wrap=True)
    table.add_column("รอบ", justify="right", no_wrap=True)
    table.add_column("โครงการ", justify="right", no_wrap=True, footer=format_int(t.projects, digits))
    for status in Status:
        table.add_column(status.mark if compact else status.short_label, justify="right", no_wrap=True,
                         footer=format_int(t.per_status[status], digits))
    mean = "" if t.mean_score is None else format_percent(t.mean_score, digits)
    table.add_column("ร้อยละ", justify="right", no_wrap=True, footer=mean)
    table.add_column("ธง", no_wrap=True)
    if not compact:
        table.add_column("ระดับ", overflow="fold")
        table.add_column("งบประมาณ", justify="right", no_wrap=True, footer=format_baht(t.budget, digits))
        table.add_column("เบิกจ่าย", justify="right", no_wrap=True, footer=format_baht(t.disbursed, digits))
    for row in group.rows:
        if compact:
            names = [_cell(row.organization)]
            names[0].append("\n")
            names[0].append_text(_cell(f"อ.{row.district} จ.{row.province}", "dim"))
        else:
            names = [_cell(row.province), _cell(row.district), _cell(row.organization)]
        style = FLAG_STYLES[row.flag]
        money: list[Text | str] = [] if compact else [
            _cell(row.level), format_baht(row.budget, digits), format_baht(row.disbursed, digits),
        ]
        table.add_row(
            *names,
            with_digits(str(row.fiscal_year), digits),
            _round_text(row.round, digits),
            format_int(row.projects, digits),
            *(format_int(n, digits) for n in row.per_status.values()),
            Text(format_percent(row.score, digits), style=style),
            Text(row.flag.label, style=style),
            *money,
        )
    if compact:
        table.caption = " ".join(f"{s.mark} {s.label}" for s in Status)
    return table


def _year(year: int, digits: DigitStyle) -> str:
    return with_digits(str(year), digits)


def _years_text(r: Rollup, digits: DigitStyle) -> str:
    """The fiscal years the roll-up covers, in words."""
    years = [r.fiscal_year] if r.fiscal_year is not None else [g.fiscal_year for g in r.years]
    if not years:
        return "ทุกปีงบประมาณ"
    if len(years) == 1:
        return f"ประจำปีงบประมาณ พ.ศ. {_year(years[0], digits)}"
    listed = ", ".join(_year(y, digits) for y in years[:-1]) + f" และ {_year(years[-1], digits)}"
    return f"ปีงบประมาณ พ.ศ. {listed} แยกรวมรายปี"


def rollup_title(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """What the roll-up covers: the fiscal year (or years, each totalled apart) and the round."""
    round_ = "รอบที่แต่ละแผนรายงานอยู่" if r.round is None else r.round.label
    if digits is DigitStyle.ARABIC:
        round_ = with_digits(round_, digits)
    return Text(
        f"สรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต รวมหลายองค์กร\n{_years_text(r, digits)} {round_}",
        style="bold",
    )


def year_heading(group: YearGroup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """The heading over one year's table where the roll-up holds several years."""
    return Text(f"ปีงบประมาณ พ.ศ. {_year(group.fiscal_year, digits)}", style="bold underline")


def year_totals(group: YearGroup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """One fiscal year's totals in words: plans, organizations, projects per status, mean score, flags, budget."""
    t = group.totals

    def n(value: int) -> str:
        return format_int(value, digits)

    text = Text()
    text.append(f"รวมปีงบประมาณ พ.ศ. {_year(group.fiscal_year, digits)} ", style="bold")
    text.append(f"{n(t.organizations)} องค์กร {n(t.plans)} แผน โครงการ {n(t.projects)}")
    text.append("\n" + " · ".join(f"{s.label} {n(t.per_status[s])}" for s in Status))
    text.append("\nการนำแผนไปปฏิบัติ ", style="bold")
    if t.mean_score is None:
        text.append("ไม่มีแผน")
    else:
        text.append(f"เฉลี่ยร้อยละ {format_percent(t.mean_score, digits)}")
    for flag in Flag:
        text.append(" · ")
        text.append(f"ธง{flag.label} {n(t.flags[flag])}", style=FLAG_STYLES[flag])
    text.append("\nงบประมาณรวม ", style="bold")
    text.append(f"{format_baht(t.budget, digits)} บาท")
    text.append("   เบิกจ่าย ", style="bold")
    text.append(f"{format_baht(t.disbursed, digits)} บาท")
    if len({row.round for row in group.rows}) > 1:
        text.append("\nหมายเหตุ: ", style="bold yellow")
        text.append(
            "แผนของปีนี้รายงานอยู่ต่างรอบกัน (รอบ ๖ และ ๑๒ เดือน) ค่าเฉลี่ยจึงปนสองรอบ ใช้ --round เพื่อเทียบรอบเดียวกัน"
            if digits is DigitStyle.THAI else
            "แผนของปีนี้รายงานอยู่ต่างรอบกัน (รอบ 6 และ 12 เดือน) ค่าเฉลี่ยจึงปนสองรอบ ใช้ --round เพื่อเทียบรอบเดียวกัน"
        )
        text.append(" (the plans of this year are at different rounds; --round 6 or 12 compares like with like)")
    return text


def no_plans(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """What stands in place of the tables when no plan was read."""
    if r.fiscal_year is None:
        return Text("ไม่มีแผนที่จะสรุป (no plans to roll up)")
    return Text(
        f"ไม่มีแผนของปีงบประมาณ พ.ศ. {_year(r.fiscal_year, digits)} (no plans of fiscal year {r.fiscal_year})"
    )


def rollup_notes(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """Files read, the years kept apart, the files skipped as no database, the offices counted twice."""

    def n(value: int) -> str:
        return format_int(value, digits)

    text = Text(f"อ่านได้ {n(r.files_read)} จาก {n(r.files)} ไฟล์ฐานข้อมูล")
    if len(r.years) > 1:
        text.append(
            f" · แผนของ {n(len(r.years))} ปีงบประมาณ รวมแยกรายปี ไม่นำมาเฉลี่ยรวมกัน "
            f"({len(r.years)} fiscal years, totalled apart, never averaged together)"
        )
    if r.skipped:
        text.append(
            f"\nข้าม {n(len(r.skipped))} ไฟล์ที่ไม่ใช่ฐานข้อมูล (skipped {len(r.skipped)} "
            f"{'file' if len(r.skipped) == 1 else 'files'} that {'is' if len(r.skipped) == 1 else 'are'} "
            "not a database):",
            style="bold",
        )
        for skipped in r.skipped:
            text.append("\n- ")
            text.append(safe_line(skipped.line))
    for dup in r.duplicates:
        text.append("\nคำเตือน: ", style="bold yellow")
        text.append(safe_line(
            f"{dup.organization} อำเภอ{dup.district} จังหวัด{dup.province} ปีงบประมาณ "
            f"{_year(dup.fiscal_year, digits)} อยู่ใน {n(len(dup.paths))} ไฟล์ จึงนับซ้ำ "
            f"(in {len(dup.paths)} files, counted each time): " + ", ".join(path_text(p) for p in dup.paths)
        ))
    return text


def rollup_totals(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """Each year's totals (a blank line between years), then the notes (:func:`rollup_notes`)."""
    text = Text()
    for group in r.years:
        text.append_text(year_totals(group, digits))
        text.append("\n\n")
    text.append_text(rollup_notes(r, digits))
    return text


def rollup_problems(r: Rollup, digits: DigitStyle = DigitStyle.THAI) -> Text:
    """The files, folders and plans that could not be read, one line each (empty when none)."""
    text = Text()
    if not r.problems:
        return text
    text.append(
        f"อ่านไม่ได้ {format_int(len(r.problems), digits)} รายการ (could not be read):", style="bold red"
    )
    for problem in r.problems:
        text.append("\n- ")
        text.append(safe_line(problem.line))
    return text


def rollup_renderable(
    r: Rollup, digits: DigitStyle = DigitStyle.THAI, width: int = TEXT_WIDTH
) -> RenderableType:
    """Title; per fiscal year (a heading where there are several) the table (``width`` cells wide at
    most) and its totals; the notes, and the problems if there are any."""
    parts: list[RenderableType] = [rollup_title(r, digits)]
    for group in r.years:
        if len(r.years) > 1:
            parts.append(Text())
            parts.append(year_heading(group, digits))
        parts.append(rollup_table(group, digits, width))
        parts.append(year_totals(group, digits))
    if not r.years:
        parts.append(no_plans(r, digits))
    parts.append(Text())
    parts.append(rollup_notes(r, digits))
    if r.problems:
        parts.append(rollup_problems(r, digits))
    return Group(*parts)


def rollup_text(r: Rollup, digits: DigitStyle = DigitStyle.THAI, width: int = TEXT_WIDTH) -> str:
    """The roll-up as plain text ``width`` cells wide (for a file or an e-mail)."""
    console = Console(
        file=io.StringIO(), width=width, record=True, color_system=None, force_terminal=False,
        force_jupyter=False, legacy_windows=False, highlight=False, markup=False, emoji=False,
    )
    console.print(rollup_renderable(r, digits, width))
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"
