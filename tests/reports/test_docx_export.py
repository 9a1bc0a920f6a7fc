"""The Word report: what a legal officer sees when the .docx opens, and what Word does with it."""

from __future__ import annotations

import dataclasses
import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

from tracker.domain.figures import compute
from tracker.domain.layout import CONTENTS_HEADING
from tracker.domain.model import Plan, Round, Signatory, SignRole
from tracker.domain.text import safe_block
from tracker.domain.thai import DigitStyle, format_baht, to_arabic_digits
from tracker.importer.defaults import default_plan
from tracker.reports.document import ReportDocument, report_document
from tracker.reports.docx_report import FALLBACK_FONT, FONT, docx_bytes
from tracker.reports.export import ExportFormat, export_bytes
from tracker.reports.pdf_report import contents_pages

ORGANIZATION = "องค์การบริหารส่วนตำบลบางเตย"
HOSTILE_NAME = "[bold]x[/bold] | <w:t>&amp;\n\x1b[31m" + "ก" * 20000


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


@pytest.fixture(scope="module")
def twelve(plan: Plan) -> bytes:
    return docx_bytes(report_document(plan, Round.TWELVE))


@pytest.fixture(scope="module")
def word(twelve: bytes) -> Any:
    return docx.Document(io.BytesIO(twelve))


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _tables(word: Any) -> dict[str, Any]:
    """The report's tables: part 1's dimensions, part 2's summary, part 3's details, the signatures."""
    tables = word.tables
    assert len(tables) == 4
    return dict(zip(("dimensions", "summary", "detail", "signatures"), tables, strict=True))


def _xml_text(data: bytes) -> str:
    """Every XML part of the file as text (body, headers, footers, properties)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))


def _all_text(word: Any) -> str:
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in word.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def _row_props(row: Any, tag: str) -> bool:
    return bool(row._tr.xpath(f"./w:trPr/w:{tag}"))


# ------------------------------------------------------------------------------------------ pages


def test_pages_are_a4_with_official_thai_margins_and_parts_2_and_3_landscape(word: Any) -> None:
    sections = word.sections
    assert len(sections) == 5  # cover, foreword and contents, parts 1, 2 and 3
    for section in sections[:3]:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21.0, 29.7), abs=0.01)
        assert section.top_margin.cm == pytest.approx(2.5, abs=0.01)
        assert section.bottom_margin.cm == pytest.approx(2.0, abs=0.01)
        assert section.left_margin.cm == pytest.approx(3.0, abs=0.01)
        assert section.right_margin.cm == pytest.approx(2.0, abs=0.01)
    for section in sections[3:]:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert (section.page_width.cm, section.page_height.cm) == pytest.approx((29.7, 21.0), abs=0.01)
        assert section.left_margin.cm == pytest.approx(2.0, abs=0.01)


def test_part_headings_start_their_sections(word: Any) -> None:
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h[:2] for h in headings] == ["๑.", "๒.", "๓."]


# ------------------------------------------------------------------------------------------ fonts


def test_styles_set_th_sarabun_16pt_on_latin_and_thai_script(word: Any) -> None:
    normal = word.styles["Normal"]
    assert normal.font.name == FONT
    assert normal.font.size == Pt(16)
    rpr = normal.element.rPr
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == FONT
    assert fonts.get(qn("w:eastAsia")) == FONT
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over the named one
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"  # Thai is complex script to Word
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    for name in ("Heading 1", "Heading 2", "Heading 3", "toc 1"):
        style_rpr = word.styles[name].element.rPr
        assert style_rpr.find(qn("w:rFonts")).get(qn("w:cs")) == FONT
    heading = word.styles["Heading 1"].element.rPr
    assert heading.find(qn("w:color")).get(qn("w:val")) == "000000"  # not Word's blue
    assert heading.find(qn("w:bCs")).get(qn("w:val")) == "1"


def test_the_font_table_names_a_fallback(twelve: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(twelve)) as archive:
        table = archive.read("word/fontTable.xml").decode("utf-8")
    assert f'w:name="{FONT}"' in table
    assert f'w:altName w:val="{FALLBACK_FONT}"' in table


def test_body_paragraphs_are_thai_justified_with_a_first_line_indent(word: Any) -> None:
    texts = [p.text for p in word.paragraphs]
    foreword = word.paragraphs[texts.index("คำนำ") + 1]
    ppr = foreword._p.pPr
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "thaiDistribute"
    assert foreword.paragraph_format.first_line_indent.cm == pytest.approx(2.5, abs=0.01)


# ------------------------------------------------------------------------------------------ tables


def test_table_headers_repeat_on_every_page_and_rows_are_kept_whole(word: Any) -> None:
    tables = _tables(word)
    summary, detail = tables["summary"], tables["detail"]
    # Part 2's header is two rows (the groups "ผลการดำเนินการ" and "งบประมาณ" over their columns).
    assert [_row_props(r, "tblHeader") for r in summary.rows[:3]] == [True, True, False]
    assert [_row_props(r, "tblHeader") for r in detail.rows[:2]] == [True, False]
    for table in (summary, detail):
        assert all(_row_props(row, "cantSplit") for row in table.rows)
        assert table._tbl.xpath("./w:tblPr/w:tblLayout/@w:type") == ["fixed"]


def test_part_1_table_is_14pt_with_columns_wide_enough_for_its_heading_words(word: Any) -> None:
    dimensions = _tables(word)["dimensions"]
    heading_style = dimensions.rows[0].cells[0].paragraphs[0].style
    body_style = dimensions.rows[1].cells[1].paragraphs[0].style
    for style in (heading_style, body_style):
        assert style.font.size == Pt(14)
        assert style.element.rPr.find(qn("w:szCs")).get(qn("w:val")) == "28"
    # "จำนวนโครงการ" breaks between its two words, "ระหว่างทำ" and "รอรายงาน" likewise: the longest word
    # (โครงการ, ระหว่าง, รายงาน: about 1.8 cm in bold 14 pt with a wide substitute such as Sarabun) and the
    # cell padding must fit in each of those columns.
    widths = [int(w) for w in dimensions._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    cm = [w * 2.54 / 1440 for w in widths]
    assert all(width >= 2.0 for width in cm[2:]), cm
    assert cm[0] >= 1.2, cm  # "มิติที่"


def test_grouped_header_spans_its_columns(word: Any) -> None:
    summary = _tables(word)["summary"]
    first = [c.text for c in summary.rows[0].cells]
    assert first.count("ผลการดำเนินการ") >= 2  # one merged cell over several grid columns
    assert first.count("งบประมาณ") == 4
    assert summary.rows[1].cells[1].text == summary.rows[0].cells[1].text == "รายการโครงการ"  # spans both rows


def test_part_3_names_every_project_and_part_2_totals_the_budget(plan: Plan, word: Any) -> None:
    tables = _tables(word)
    names = {row.cells[1].text for row in tables["detail"].rows[1:]}
    assert len(plan.projects) == 20
    for project in plan.projects:
        assert safe_block(project.name) in names
    figures = compute(plan, Round.TWELVE)
    total = [c.text for c in tables["summary"].rows[-1].cells]
    assert total[1] == "รวม"
    assert format_baht(figures.budget, DigitStyle.THAI) in total
    assert format_baht(figures.disbursed, DigitStyle.THAI) in total
    assert format_baht(figures.budget, DigitStyle.THAI) == "๑๘๐,๐๐๐.๐๐"
    assert tables["summary"].rows[-1].cells[1].paragraphs[0].runs[0].bold


# ------------------------------------------------------------------------------------------ contents, page numbers


def test_contents_is_a_toc_field_word_updates_on_opening(word: Any, twelve: bytes) -> None:
    texts = [p.text for p in word.paragraphs]
    assert CONTENTS_HEADING in texts and "หน้า" in texts
    body = word.element.body
    instructions = "".join(body.xpath(".//w:instrText/text()"))
    assert 'TOC \\o "1-1" \\h \\z \\u' in instructions
    entries = [p.text for p in word.paragraphs if p.style.name == "toc 1"]
    assert [e[:2] for e in entries] == ["๑.", "๒.", "๓."]  # shown before Word updates the field
    settings = word.settings.element
    assert settings.xpath("./w:updateFields/@w:val") == ["true"]


def test_the_contents_shows_the_pdfs_page_numbers_until_word_updates_them() -> None:
    """LibreOffice, or Word when its offer to update is declined, shows the cached numbers: every part has one."""
    plan = default_plan()
    exported = docx.Document(io.BytesIO(export_bytes(plan, ExportFormat.DOCX)))
    entries = [p.text for p in exported.paragraphs if p.style.name == "toc 1"]
    expected = contents_pages(report_document(plan))
    assert expected[0] == "๑" and len(expected) == 3 and int(to_arabic_digits(expected[2])) > 5
    assert [entry.split("\t")[-1] for entry in entries] == expected


def test_every_page_but_the_cover_shows_its_number_in_thai_digits(word: Any) -> None:
    cover, *rest = word.sections
    assert not cover._sectPr.xpath("./w:headerReference")
    header = rest[0].header
    assert not header.is_linked_to_previous
    assert "PAGE" in " ".join(header._element.xpath(".//w:fldSimple/@w:instr"))
    formats = [s._sectPr.xpath("./w:pgNumType/@w:fmt") for s in rest]
    assert formats == [["thaiLetters"], ["thaiNumbers"], ["thaiNumbers"], ["thaiNumbers"]]
    starts = [s._sectPr.xpath("./w:pgNumType/@w:start") for s in rest]
    assert starts == [["1"], ["1"], [], []]  # ก for the foreword, ๑ for part 1, then on


def test_arabic_digits_number_the_pages_in_arabic(plan: Plan) -> None:
    word = _open(docx_bytes(report_document(plan, Round.TWELVE, DigitStyle.ARABIC)))
    assert word.sections[2]._sectPr.xpath("./w:pgNumType/@w:fmt") == ["decimal"]


# ------------------------------------------------------------------------------------------ cover, signatures


def test_cover_names_who_made_the_report(word: Any) -> None:
    texts = [p.text for p in word.paragraphs]
    made_by = texts.index("จัดทำโดย")
    assert texts[made_by + 1] == "งานนิติการ สำนักงานปลัด องค์การบริหารส่วนตำบลบางเตย"
    assert word.core_properties.title.startswith("รายงานผลการดำเนินงาน")
    assert word.core_properties.language == "th-TH"


def _signature_cells(word: Any) -> list[str]:
    return [cell.text for cell in _tables(word)["signatures"].rows[0].cells]


def test_signature_block_has_three_signers_with_default_positions(word: Any) -> None:
    cells = _signature_cells(word)
    assert len(cells) == 3
    assert all(cell.startswith("ลงชื่อ") for cell in cells)
    assert [cell.split("\n")[0].split()[-1] for cell in cells] == ["ผู้รายงาน", "ผู้ตรวจสอบ", "ผู้อนุมัติ"]
    assert cells[1].endswith(f"ปลัด{ORGANIZATION}")
    assert cells[2].endswith(f"นายก{ORGANIZATION}")
    assert _row_props(_tables(word)["signatures"].rows[0], "cantSplit")


def test_signature_block_shows_the_stored_names(plan: Plan) -> None:
    signed = dataclasses.replace(plan, signatures={SignRole.REPORTER: Signatory("นางสาวสมใจ ใจดี", "นิติกร")})
    cells = _signature_cells(_open(docx_bytes(report_document(signed, Round.TWELVE))))
    assert cells[0].split("\n")[1:] == ["(นางสาวสมใจ ใจดี)", "นิติกร"]


# ------------------------------------------------------------------------------------------ rounds


def test_six_month_report_says_six_months_everywhere(plan: Plan) -> None:
    data = docx_bytes(report_document(plan, Round.SIX))
    word = _open(data)
    text = _all_text(word)
    assert "๖ เดือน" in text
    assert "๑๒ เดือน" not in text
    assert "๑๒ เดือน" not in _xml_text(data)  # nor in a header, a field or the file's properties


# ------------------------------------------------------------------------------------------ hostile text


def _with_names(plan: Plan, *names: str) -> Plan:
    projects = list(plan.projects)
    for index, name in enumerate(names):
        projects[index] = dataclasses.replace(projects[index], name=name)
    return dataclasses.replace(plan, projects=projects)


def test_hostile_names_are_written_as_text(plan: Plan) -> None:
    hostile = _with_names(plan, HOSTILE_NAME, "ชื่อ\ufffeมี\uffffอักขระ\ud800ต้องห้าม 🙂")
    data = docx_bytes(report_document(hostile, Round.TWELVE))
    word = _open(data)
    tables = _tables(word)
    detail_names = [row.cells[1].text for row in tables["detail"].rows[1:]]
    summary_names = [row.cells[1].text for row in tables["summary"].rows[2:-1]]
    shown = safe_block(HOSTILE_NAME)
    assert shown.startswith("[bold]x[/bold] | <w:t>&amp;\n␛[31m")
    assert shown in detail_names and shown in summary_names
    assert "ชื่อ\ufffdมี\ufffdอักขระ\ufffdต้องห้าม 🙂" in detail_names
    assert len(detail_names) == 20  # the name's line break is a break in its cell, not a new row
    hostile_row = tables["detail"].rows[1 + detail_names.index(shown)]
    assert hostile_row._tr.xpath(".//w:br")
    assert not _row_props(hostile_row, "cantSplit")  # taller than a page: Word would cut it off


# ------------------------------------------------------------------------------------------ emblem


def _png(path: Path) -> Path:
    """A 1 x 1 white PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )
    return path


def _with_emblem(doc: ReportDocument, path: str) -> ReportDocument:
    return dataclasses.replace(doc, cover=dataclasses.replace(doc.cover, emblem=path))


def test_the_emblem_is_centred_on_the_cover(plan: Plan, tmp_path: Path) -> None:
    doc = _with_emblem(report_document(plan, Round.TWELVE), str(_png(tmp_path / "ตรา.png")))
    word = _open(docx_bytes(doc))
    assert len(word.inline_shapes) == 1
    assert word.inline_shapes[0].width.cm == pytest.approx(3.0, abs=0.01)


@pytest.mark.parametrize(("content", "message"), [
    (None, "ไม่พบไฟล์ตราสัญลักษณ์ .*missing.png \\(emblem image not found\\)"),
    (b"GIF89a not a png", "not a PNG or JPEG"),
])
def test_an_unreadable_emblem_is_a_one_line_error(
    plan: Plan, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "missing.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=message) as raised:
        docx_bytes(_with_emblem(report_document(plan, Round.TWELVE), str(path)))
    assert "\n" not in str(raised.value)


# ------------------------------------------------------------------------------------------ size


def test_a_thousand_projects_render(plan: Plan) -> None:
    projects = [
        dataclasses.replace(plan.projects[i % len(plan.projects)], number=i + 1) for i in range(1000)
    ]
    word = _open(docx_bytes(report_document(dataclasses.replace(plan, projects=projects), Round.TWELVE)))
    assert len(_tables(word)["detail"].rows) == 1001


# ------------------------------------------------------------------------------------------ issue 18's fields


def test_remarks_the_ordinance_amount_and_the_remaining_basis_in_word() -> None:
    from tests.reports.test_plain_text import BASIS_NOTE, appropriated_plan
    from tracker.reports.document import DETAIL_WIDTHS, DETAIL_WIDTHS_WITH_APPROPRIATED

    opened = _open(docx_bytes(report_document(appropriated_plan(), Round.TWELVE)))
    tables = _tables(opened)
    summary = {row.cells[0].text: [c.text for c in row.cells] for row in tables["summary"].rows}
    # The official column's remark (the round's) plainly, then the project's own after its label.
    assert summary["๒"][-1] == "เบิกจ่ายตามจริง\nคืนเงินส่วนที่เหลือ\nหมายเหตุโครงการ:\nโครงการต่อเนื่อง"
    assert summary["๒"][-2] == "๓๗,๐๐๐.๐๐"  # what is left of the 49,000.00 appropriated, which the row shows
    assert summary["๒"][-5] == "๕๐,๐๐๐.๐๐\nตามข้อบัญญัติ ๔๙,๐๐๐.๐๐" and summary["๓"][-5] == "๑๐๐,๐๐๐.๐๐"
    assert summary["๔"][-1] == "ดำเนินการร่วมกับอำเภอ" and summary["๓"][-1] == ""
    assert "๑๖๗,๐๐๐.๐๐" in [c.text for c in tables["summary"].rows[-1].cells]
    texts = [p.text for p in opened.paragraphs]
    assert f"หมายเหตุ {BASIS_NOTE}" in texts  # under part 2's table
    at = next(i for i, t in enumerate(texts) if "เบิกจ่ายงบประมาณ" in t)  # part 1: the basis a sentence of its own
    assert texts[at].endswith("ไม่ใช้งบประมาณ)") and texts[at + 1].split(maxsplit=1) == ["-", BASIS_NOTE]
    budgets = {row.cells[0].text: row.cells[4].text for row in tables["detail"].rows[1:]}
    assert budgets["๒"] == "๕๐,๐๐๐.๐๐\nตามข้อบัญญัติ ๔๙,๐๐๐.๐๐"
    assert budgets["๓"] == "๑๐๐,๐๐๐.๐๐" and budgets["๑"] == "ไม่ใช้งบประมาณ"
    # The columns make room for what they now hold (the name and the indicator give way).
    document = report_document(appropriated_plan(), Round.TWELVE)
    widths = [[c.width for c in b.columns] for s in document.sections for b in s.blocks if hasattr(b, "columns")]
    assert widths[2][-1] > 0.06 and abs(sum(widths[1]) - 1) < 1e-9
    assert widths[2][4] == DETAIL_WIDTHS_WITH_APPROPRIATED["budget"] > DETAIL_WIDTHS["budget"]


def test_the_note_under_part_2_is_kept_with_the_tables_last_rows() -> None:
    from tests.reports.test_plain_text import review_plan

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = _open(docx_bytes(report_document(review_plan(), Round.TWELVE))).element.body
    summary = [t for t in body.iter(f"{w}tbl")][1]
    rows = summary.findall(f"{w}tr")

    def kept(element: Any) -> bool:
        return all(p.find(f"{w}pPr/{w}keepNext") is not None for p in element.iter(f"{w}p"))

    assert kept(rows[-1]) and kept(rows[-2]) and not kept(rows[-3])  # the total and the last project
    after = summary.getnext()  # the paragraph Word needs after a table, then the note
    assert kept(after) and after.getnext().xpath("string(.)").startswith("หมายเหตุ คงเหลือคิดจาก")
    plain = _open(docx_bytes(report_document(default_plan(), Round.TWELVE))).element.body
    assert not kept([t for t in plain.iter(f"{w}tbl")][1].findall(f"{w}tr")[-1])  # no note: nothing to keep with


def test_the_default_plan_keeps_the_official_columns_and_says_nothing_new(word: Any) -> None:
    from tracker.reports.document import DETAIL_WIDTHS

    text = _all_text(word)
    for words in ("คงเหลือคิดจาก", "ข้อบัญญัติ", "หมายเหตุของรอบ"):
        assert words not in text
    document = report_document(default_plan(), Round.TWELVE)
    widths = [[c.width for c in b.columns] for s in document.sections for b in s.blocks if hasattr(b, "columns")]
    assert widths[1][1] == 0.24 and widths[1][-1] == 0.06  # part 2: name and remarks as before
    assert widths[2] == list(DETAIL_WIDTHS.values())
