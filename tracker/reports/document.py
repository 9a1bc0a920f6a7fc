"""The published report as a document: what the Word and the PDF export both lay out.

:func:`report_document` turns a plan into blocks (headings, paragraphs, lists, tables, the signature
block) grouped in sections, each portrait or landscape, in the order of the official report: cover,
foreword, contents, part 1 (portrait), parts 2 and 3 (A4 landscape tables), signatures. Every figure
is computed (:mod:`tracker.domain.figures`) and every fixed word comes from
:mod:`tracker.domain.layout`, as in the Markdown and plain-text exports; the renderers
(:mod:`tracker.reports.docx_report`, :mod:`tracker.reports.pdf_report`) only decide how it looks.

User text is plain text here, never markup: control characters are already made visible
(:func:`tracker.domain.text.safe_block`), so a renderer writes each string as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from tracker.domain.columns import (
    DETAIL_COLUMNS,
    DIMENSION_COLUMNS,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_COLUMNS,
    SUMMARY_STATUS_HEADINGS,
    TICK,
)
from tracker.domain.figures import Figures, basis_of, compute
from tracker.domain.layout import (
    DIMENSIONS_HEADING,
    DISTRICT_PREFIX,
    PREPARED_BY,
    PROVINCE_PREFIX,
    REASON_LABEL,
    STANDARD_TITLE,
    SUCCESS_FACTOR_KEYS,
    SUCCESS_FACTORS_HEADING,
    TOTAL_LABEL,
    fiscal_year_line,
    part_heading,
    period_of_round,
    prepared_by,
    round_line,
)
from tracker.domain.model import NARRATIVE_SECTIONS, Plan, Project, Round, SignRole, Status
from tracker.domain.text import safe_block, safe_line
from tracker.domain.thai import NO_BUDGET_TEXT, DigitStyle, format_baht, format_int
from tracker.reports.summary import status_columns
from tracker.reports.wording import (
    appropriated_note,
    budget_text,
    disbursed_text,
    part2_note,
    reason_words,
    remark_text,
    results_wording,
    summary_budget_cells,
)

HEADINGS = {s.key: s.heading for s in NARRATIVE_SECTIONS}
FOREWORD_HEADING = HEADINGS["foreword"]
PAGE_LABEL = "หน้า"
"""Above the page numbers of the contents, as Thai reports write it."""
SIGN_LINE = "ลงชื่อ"
BLANK_NAME = "(" + "." * 40 + ")"
"""Where a signer's name is left to write by hand."""
BLANK_POSITION = "ตำแหน่ง " + "." * 36


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"
    """Thai justification (distributed between words); renderers that cannot do it use LEFT."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 0 a front-matter title (คำนำ, centred, not in the contents), level 1 a part (the
    contents' entries; each starts a section), 2 a section of part 1, 3 a subsection."""

    text: str
    level: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    align: Align = Align.JUSTIFY
    bold: bool = False
    indent: bool = True
    """A first-line indent, as Thai official writing sets a paragraph."""


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    width: float
    """Share of the table's width (the shares of a table add up to 1)."""
    align: Align = Align.LEFT
    group: str = ""
    """A heading over this and the adjacent columns of the same group (part 2's "ผลการดำเนินการ")."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose header repeats on every page; rows are kept whole on a page where they fit."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    """The last row, in bold ("รวม")."""
    caption: tuple[str, ...] = ()
    """Bold centred lines above the table (the round and its period)."""


@dataclass(frozen=True, slots=True)
class Signer:
    role: str
    """"ผู้รายงาน", "ผู้ตรวจสอบ", "ผู้อนุมัติ"."""
    name: str
    """"(นางสาวสมใจ ใจดี)", or :data:`BLANK_NAME` to fill in by hand."""
    position: str
    """"ตำแหน่ง นิติกร", "ปลัดองค์การบริหารส่วนตำบลบางเตย", or :data:`BLANK_POSITION`."""


@dataclass(frozen=True, slots=True)
class Signatures:
    """The signature block: each signer's "ลงชื่อ ..........  <role>" line, then name and position."""

    signers: tuple[Signer, ...]


Block = Heading | Paragraph | Bullets | Table | Signatures


@dataclass(frozen=True, slots=True)
class Section:
    """Blocks on pages of one orientation; a new section starts on a new page."""

    blocks: tuple[Block, ...]
    landscape: bool = False
    numbered: bool = True
    """Whether its pages show a page number (the cover's does not)."""


@dataclass(frozen=True, slots=True)
class Cover:
    title: tuple[str, ...]
    """The title, one entry per line as the office typed it."""
    lines: tuple[str, ...]
    """Organization, fiscal year, round with its period."""
    prepared_by: tuple[str, ...]
    """"จัดทำโดย", the unit and organization, district and province (empty entries left out)."""
    emblem: str = ""
    """A path to an image to show above the title, or ""."""


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """The report as the Word and PDF exports lay it out."""

    cover: Cover
    sections: tuple[Section, ...]
    contents: tuple[str, ...] = field(default=())
    """The contents' entries (headed :data:`~tracker.domain.layout.CONTENTS_HEADING`): the level 1
    headings, in order; the renderer adds their page numbers under :data:`PAGE_LABEL`."""
    title: str = ""
    """For the file's properties (Word's title, the PDF's metadata)."""
    digits: DigitStyle = DigitStyle.THAI


def report_document(plan: Plan, round_: Round | None = None, digits: DigitStyle | None = None) -> ReportDocument:
    """The report of ``plan`` for ``round_`` (the plan's round and digit style by default)."""
    round_ = plan.round if round_ is None else round_
    digits = plan.settings.digit_style if digits is None else digits
    figures = compute(plan, round_)
    texts = {key: safe_block(text) for key, text in plan.narrative_for(round_).items()}
    organization = safe_line(plan.organization)
    title = texts.get("title", "").strip() or STANDARD_TITLE
    made_by = prepared_by(safe_line(plan.preparing_unit), organization)
    where = " ".join(
        prefix + safe_line(value) for prefix, value in ((DISTRICT_PREFIX, plan.district), (PROVINCE_PREFIX, plan.province))
        if value.strip()
    )
    cover = Cover(
        title=tuple(line for line in title.split("\n") if line.strip()),
        lines=(organization, fiscal_year_line(plan.fiscal_year, digits), round_line(plan.fiscal_year, round_, digits)),
        prepared_by=(PREPARED_BY, *(line for line in (made_by, where) if line)) if made_by or where else (),
        emblem=plan.settings.emblem,
    )
    parts = [part_heading(n, digits) + _part_suffix(organization, plan.fiscal_year, n, digits) for n in (1, 2, 3)]
    front: list[Block] = []
    if texts.get("foreword", "").strip():
        front += [Heading(FOREWORD_HEADING, 0), *_paragraphs(texts["foreword"])]
    sections = (
        Section(tuple(front)) if front else None,
        Section((Heading(parts[0], 1), *_part1(plan, texts, figures, digits))),
        Section((Heading(parts[1], 1), *_part2(plan, figures, digits)), landscape=True),
        Section(
            (Heading(parts[2], 1), _detail_table(plan, round_, digits), _signatures(plan)), landscape=True
        ),
    )
    return ReportDocument(
        cover=cover,
        sections=tuple(s for s in sections if s is not None),
        contents=tuple(parts),
        title=" ".join(cover.title),
        digits=digits,
    )


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


def read_emblem(path: str) -> bytes:
    """The cover emblem's bytes, checked to be a PNG or JPEG image (for the Word and the PDF export).

    Raises :class:`ValueError` with a one-line Thai and English message naming the file.
    """
    shown = safe_line(path)
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise ValueError(f"ไม่พบไฟล์ตราสัญลักษณ์ {shown} (emblem image not found)") from None
    if not data.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        raise ValueError(
            f"ไฟล์ตราสัญลักษณ์ {shown} ไม่ใช่ภาพ PNG หรือ JPEG (emblem image is not a PNG or JPEG file)"
        )
    return data


def _part_suffix(organization: str, fiscal_year: int, number: int, digits: DigitStyle) -> str:
    return "" if number == 1 else f" {organization.replace(chr(10), ' ')} {fiscal_year_line(fiscal_year, digits)}"


def _paragraphs(text: str) -> list[Block]:
    """Each typed line a paragraph (blank lines only separate)."""
    return [Paragraph(line.strip()) for line in text.split("\n") if line.strip()]


def _narrative(texts: dict[str, str], key: str, level: int) -> list[Block]:
    text = texts.get(key, "")
    return [Heading(HEADINGS[key], level), *_paragraphs(text)] if text.strip() else []


def _part1(plan: Plan, texts: dict[str, str], figures: Figures, digits: DigitStyle) -> list[Block]:
    blocks = _narrative(texts, "background", 2)
    factors = [block for key in SUCCESS_FACTOR_KEYS for block in _narrative(texts, key, 3)]
    if factors:
        blocks += [Heading(SUCCESS_FACTORS_HEADING, 2), *factors]
    wording = results_wording(plan, figures, digits, safe_line)
    blocks += [
        Heading(f"{HEADINGS['results']} ({period_of_round(plan.fiscal_year, figures.round, digits)})", 2),
        Paragraph(wording.total),
        Bullets(tuple(wording.per_dimension)),
        Paragraph(wording.round_heading, bold=True, indent=False),
        Bullets(tuple(wording.items)),
        Heading(DIMENSIONS_HEADING, 3),
        _dimension_table(figures, digits),
    ]
    for key in ("outcomes", "next_steps", "benefits", "problems", "suggestions"):
        blocks += _narrative(texts, key, 2)
    return blocks


def _dimension_table(figures: Figures, digits: DigitStyle) -> Table:
    columns = (
        Column(DIMENSION_COLUMNS[0].heading, 0.08, Align.CENTER),
        Column(DIMENSION_COLUMNS[1].heading, 0.26),
        Column(DIMENSION_COLUMNS[2].heading, 0.14, Align.CENTER),
        # The statuses in the words of part 2's columns (not the screen's short labels).
        *(Column(SUMMARY_STATUS_HEADINGS.get(s, s.label), 0.13, Align.CENTER) for s in Status),
    )
    return Table(
        columns=columns,
        rows=tuple(
            (format_int(d.number, digits), safe_line(d.name), format_int(d.total, digits),
             *(format_int(d.per_status[s], digits) for s in Status))
            for d in figures.dimensions
        ),
        total=("", TOTAL_LABEL, format_int(figures.total, digits),
               *(format_int(figures.per_status[s], digits) for s in Status)),
    )


def _part2(plan: Plan, figures: Figures, digits: DigitStyle) -> list[Block]:
    """Part 2's table, then (where an appropriated amount is known) which amount its คงเหลือ is reckoned from."""
    note = part2_note(plan, figures, digits)
    table = _summary_table(plan, figures, digits)
    return [table] if note is None else [table, Paragraph(note, Align.LEFT, indent=False)]

NAME_AND_REMARKS_WIDTHS = ((0.24, 0.06), (0.17, 0.13))
"""Part 2's รายการโครงการ and หมายเหตุ columns: a narrow หมายเหตุ where no project has a remark in the round
(as the official form draws it), a wider one, at the name's expense, where one has."""


def _summary_table(plan: Plan, figures: Figures, digits: DigitStyle) -> Table:
    statuses = status_columns(plan, figures.round)
    heading = {c.key: c.heading for c in SUMMARY_COLUMNS}
    remarks = [remark_text(p, figures.round, safe_block) for p in plan.in_report_order()]
    name_width, remarks_width = NAME_AND_REMARKS_WIDTHS[any(remarks)]
    # The amount columns hold "๙,๙๙๙,๙๙๙.๙๙" at the table's size: a number is never wrapped or shrunk.
    status_width = 0.21 / len(statuses)
    columns = (
        Column(heading["number"], 0.05, Align.CENTER),
        Column(heading["name"], name_width),
        Column(heading["dimension"], 0.04, Align.CENTER),
        *(Column(SUMMARY_STATUS_HEADINGS[s], status_width, Align.CENTER, heading["status"]) for s in statuses),
        Column(SUMMARY_BUDGET_HEADINGS["budget"], 0.11, Align.RIGHT, heading["budget"]),
        Column(SUMMARY_BUDGET_HEADINGS["no_budget"], 0.07, Align.CENTER, heading["budget"]),
        Column(SUMMARY_BUDGET_HEADINGS["disbursed"], 0.11, Align.RIGHT, heading["budget"]),
        Column(SUMMARY_BUDGET_HEADINGS["remaining"], 0.11, Align.RIGHT, heading["budget"]),
        Column(heading["remarks"], remarks_width),
    )
    rows = []
    for project, remark in zip(plan.in_report_order(), remarks, strict=True):
        result = project.result(figures.round)
        rows.append((
            format_int(project.number, digits), safe_block(project.name), format_int(project.dimension, digits),
            *(TICK if result.status is s else "" for s in statuses),
            *summary_budget_cells(project, figures.round, plan.organization, digits), remark,
        ))
    return Table(
        columns=columns,
        rows=tuple(rows),
        total=("", TOTAL_LABEL, "", *(format_int(figures.per_status[s], digits) for s in statuses),
               format_baht(figures.budget, digits), format_int(figures.no_budget_projects, digits),
               format_baht(figures.disbursed, digits), format_baht(figures.remaining, digits), ""),
        caption=(round_line(plan.fiscal_year, figures.round, digits),),
    )


DETAIL_WIDTHS = {
    "number": 0.05, "name": 0.15, "method": 0.14, "indicator": 0.13, "budget": 0.10,
    "period": 0.07, "result": 0.17, "disbursed": 0.10, "unit": 0.09,
}
DETAIL_WIDTHS_WITH_APPROPRIATED = {**DETAIL_WIDTHS, "indicator": 0.12, "budget": 0.12, "result": 0.16}
"""Where a budget cell also shows the ordinance's amount ("ตามข้อบัญญัติ ๔๙,๐๐๐.๐๐"): its column wide
enough for "ตามข้อบัญญัติ" on one line, at the expense of the indicator and the result."""
DETAIL_ALIGN = {"number": Align.CENTER, "budget": Align.RIGHT, "period": Align.CENTER, "disbursed": Align.RIGHT}


def _detail_table(plan: Plan, round_: Round, digits: DigitStyle) -> Table:
    widths = DETAIL_WIDTHS
    if any(appropriated_note(p, plan.organization, digits) for p in plan.projects):
        widths = DETAIL_WIDTHS_WITH_APPROPRIATED
    rows = []
    for project in plan.in_report_order():
        result = project.result(round_)
        cells = {
            "number": format_int(project.number, digits),
            "name": safe_block(project.name),
            "method": safe_block(project.method),
            "indicator": safe_block(project.indicator),
            "budget": budget_text(project, plan.organization, digits),
            "period": safe_block(project.period),
            "result": _result_cell(project, round_),
            "disbursed": disbursed_text(basis_of(project), result.disbursed, digits, NO_BUDGET_TEXT),
            "unit": safe_block(project.unit),
        }
        rows.append(tuple(cells[c.key] for c in DETAIL_COLUMNS))
    return Table(
        columns=tuple(
            Column(c.heading, widths[c.key], DETAIL_ALIGN.get(c.key, Align.LEFT)) for c in DETAIL_COLUMNS
        ),
        rows=tuple(rows),
        caption=(round_line(plan.fiscal_year, round_, digits),),
    )


def _result_cell(project: Project, round_: Round) -> str:
    """The result, then (for a project that could not be done) "เหตุผล: <reason> — <the office's words>"."""
    result = project.result(round_)
    text = safe_block(result.result_text)
    words = reason_words(result, safe_block)
    if words is None:
        return text
    reason = f"{REASON_LABEL}:{words}"
    return f"{text}\n{reason}" if text else reason


def _signatures(plan: Plan) -> Signatures:
    organization = " ".join(safe_line(plan.organization).split())
    default_positions = {
        SignRole.REVIEWER: f"ปลัด{organization}" if organization else "",
        SignRole.APPROVER: _mayor_of(organization),
    }
    signers = []
    for role in SignRole:
        who = plan.signatory(role)
        name = " ".join(safe_line(who.name).split())
        position = " ".join(safe_line(who.position).split()) or default_positions.get(role, "")
        signers.append(Signer(
            role=role.label,
            name=f"({name})" if name else BLANK_NAME,
            position=position if position else BLANK_POSITION,
        ))
    return Signatures(tuple(signers))


def _mayor_of(organization: str) -> str:
    """The executive's title: "นายกเทศมนตรีตำบลบางเตย" for a municipality, "นายก<organization>" otherwise."""
    if not organization:
        return ""
    if organization.startswith("เทศบาล"):
        return "นายกเทศมนตรี" + organization.removeprefix("เทศบาล")
    return "นายก" + organization



