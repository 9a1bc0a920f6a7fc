"""The PDF report: what a legal officer publishing it, and a reader opening it, would notice."""

from __future__ import annotations

import copy
import io
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tracker.domain.figures import compute
from tracker.domain.linebreak import break_points
from tracker.domain.model import Plan, Round, RoundResult, Status
from tracker.domain.text import safe_block
from tracker.domain.thai import THAI_DIGITS, format_baht, to_arabic_digits
from tracker.importer.defaults import default_plan
from tracker.reports import pdf_pages
from tracker.reports.document import Paragraph, report_document
from tracker.reports.pdf_report import pdf_bytes

A4 = (595, 842)
PART3_HEADER = "วิธีการดำเนินงาน"


def bare(text: str) -> str:
    """Text without whitespace: a name wrapped over several lines of a cell still reads as one. Not
    normalized: "ดำ" reads back with its sara am (U+0E33), though it is drawn as two glyphs."""
    return re.sub(r"\s+", "", text)


@cache
def rendered(round_: Round = Round.TWELVE) -> bytes:
    return pdf_bytes(report_document(default_plan(), round_))


@cache
def pages(round_: Round = Round.TWELVE) -> tuple[str, ...]:
    reader = PdfReader(io.BytesIO(rendered(round_)))
    return tuple(page.extract_text() for page in reader.pages)


def reader(round_: Round = Round.TWELVE) -> PdfReader:
    return PdfReader(io.BytesIO(rendered(round_)))


def page_number(text: str) -> int | str | None:
    """The "- ๓ -" at the top of a page, as a number ("- ก -" of the front matter as its letter)."""
    found = re.match(r"\s*-\s*([๐-๙]+|[ก-ฮ])\s*-", text)
    if found is None:
        return None
    label = found.group(1)
    return int(to_arabic_digits(label)) if label[0] in THAI_DIGITS else label


def part_start(number: int) -> int:
    """The 1-based page on which part ``number`` begins (its heading at the top)."""
    heading = bare(f"{THAI_DIGITS[number]}.")
    for index, text in enumerate(pages()):
        lines = [bare(line) for line in text.splitlines() if line.strip()]
        if index > 2 and len(lines) > 1 and lines[1].startswith(heading):
            return index + 1
    raise AssertionError(f"part {number} not found")


def test_the_pdf_opens_on_a4_with_landscape_pages_for_the_tables() -> None:
    assert rendered().startswith(b"%PDF-")
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader().pages]
    assert sizes[0] == A4
    assert all(size == A4 for size in sizes[: part_start(2) - 1])
    assert all(size == A4[::-1] for size in sizes[part_start(2) - 1 :])


def test_metadata_title_and_language() -> None:
    pdf = reader()
    assert pdf.metadata is not None
    assert pdf.metadata.title == report_document(default_plan(), Round.TWELVE).title
    assert pdf.trailer["/Root"]["/Lang"] == "th"


def test_fonts_are_embedded() -> None:
    embedded = set()
    for page in reader().pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).lstrip("/").split("+")[-1])
    assert embedded == {"Sarabun-Regular", "Sarabun-Bold"}  # the fonts' PostScript names


def test_every_project_name_and_the_totals_can_be_read_back() -> None:
    plan = default_plan()
    text = bare("".join(pages()))
    for project in plan.projects:
        assert bare(safe_block(project.name)) in text, project.name
    figures = compute(plan, Round.TWELVE)
    for amount in (figures.budget, figures.disbursed, figures.remaining):
        assert format_baht(amount, plan.settings.digit_style) in text


def test_contents_page_numbers_point_at_the_parts() -> None:
    contents = next(text for text in pages() if bare(text).startswith(bare("- ข -สารบัญ")))
    assert len(re.findall(r"\.{10,}", contents)) == 3  # each entry's dot leader
    # The numbers are written once the parts are laid out, so they come last in the page's text.
    numbers = [int(to_arabic_digits(n)) for n in re.findall(r"^([๐-๙]+)$", contents, re.MULTILINE)]
    # The body is numbered from part 1 (page ๑), as the Word export numbers it.
    first = part_start(1)
    assert numbers == [1, part_start(2) - first + 1, part_start(3) - first + 1]


def test_every_page_but_the_cover_is_numbered() -> None:
    """ก and ข for the foreword and contents, then ๑, ๒, ... from part 1, as Thai reports number them."""
    texts = pages()
    assert page_number(texts[0]) is None
    assert [page_number(text) for text in texts[1:3]] == ["ก", "ข"]
    assert [page_number(text) for text in texts[3:]] == list(range(1, len(texts) - 2))


def test_part_3_header_is_repeated_on_each_of_its_pages() -> None:
    texts = pages()[part_start(3) - 1 :]
    if "ลงชื่อ" in texts[-1] and "ลำดับ" not in texts[-1]:
        texts = texts[:-1]  # the signatures, kept together on a page of their own
    assert len(texts) > 2
    for text in texts:
        assert bare(PART3_HEADER) in bare(text)


def test_the_signatures_close_the_report_on_one_page() -> None:
    last = bare(pages()[-1])
    for role in ("ผู้รายงาน", "ผู้ตรวจสอบ", "ผู้อนุมัติ"):
        assert role in last
    assert "ลงชื่อ" in last


def test_lines_break_only_between_thai_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line the layout makes of every text of the report ends where ICU says a word ends."""
    seen: list[tuple[str, list[list[str]]]] = []
    real = pdf_pages.wrap_pieces

    def recording(text: str, width: float, measure: Callable[[str], float], first: float | None = None) -> Any:
        lines = real(text, width, measure, first)
        seen.append((text, lines))
        return lines

    monkeypatch.setattr(pdf_pages, "wrap_pieces", recording)
    pdf_bytes(report_document(default_plan(), Round.TWELVE))
    wrapped = 0
    for text, lines in seen:
        ends = _paragraph_line_starts(text, lines)
        for paragraph, starts in ends:
            allowed = set(break_points(paragraph))
            assert set(starts) <= allowed, (paragraph, starts)
            wrapped += len(starts)
    assert wrapped > 500  # the check ran over real wrapping


def _paragraph_line_starts(text: str, lines: list[list[str]]) -> list[tuple[str, list[int]]]:
    """For each "\\n"-separated paragraph: where inside it each continuation line starts."""
    out = []
    remaining = iter(lines)
    for paragraph in text.split("\n"):
        starts: list[int] = []
        offset = 0
        while True:
            line = next(remaining)
            assert paragraph.startswith("".join(line), offset)
            offset += len("".join(line))
            if offset >= len(paragraph):
                break
            starts.append(offset)
        out.append((paragraph, starts))
    return out


def test_six_month_report_says_nothing_of_twelve_months() -> None:
    text = "".join(pages(Round.SIX))
    assert "๖ เดือน" in text
    assert "๑๒เดือน" not in bare(text)


HOSTILE_NAMES = {
    "markup": ("[bold]x[/bold] | <b>&amp;\n\x1b[31m", ["[bold]x[/bold]|<b>&amp;", "[31m"]),
    "emoji": ("โครงการ 👍🏽 🇹🇭 ทดสอบ", ["โครงการ", "ทดสอบ"]),
    "20,000 characters": ("ก" * 20_000, ["ก" * 100]),
    "noncharacter": ("ชื่อ\ufffeโครงการ", ["ชื่อ", "โครงการ"]),
}


@pytest.mark.parametrize(("name", "visible"), list(HOSTILE_NAMES.values()), ids=list(HOSTILE_NAMES))
def test_hostile_names_give_a_valid_pdf_showing_their_text(name: str, visible: list[str]) -> None:
    plan = default_plan()
    plan.projects[0].name = name
    plan.projects[0].results[Round.TWELVE] = RoundResult(Status.COMPLETED, name)
    data = pdf_bytes(report_document(plan, Round.TWELVE))
    text = bare("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    for part in visible:
        assert bare(part) in text
    # Every character of the name is printed: in part 2 and part 3 (name and result), wrapped over pages.
    assert text.count(bare(visible[0])) >= 1
    if name == "ก" * 20_000:
        assert text.count("ก") >= 3 * 20_000


def test_characters_the_font_lacks_are_shown_as_a_question_mark() -> None:
    plan = default_plan()
    plan.projects[0].name = "漢字 👍 โครงการ"
    data = pdf_bytes(report_document(plan, Round.TWELVE))
    text = bare("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    assert "???โครงการ" in text


def test_a_missing_emblem_is_a_one_line_error(tmp_path: Path) -> None:
    plan = default_plan()
    plan.settings.emblem = str(tmp_path / "nowhere.png")
    with pytest.raises(ValueError, match="emblem") as raised:
        pdf_bytes(report_document(plan, Round.TWELVE))
    assert "\n" not in str(raised.value)
    assert "ตราสัญลักษณ์" in str(raised.value)


def navy_png(size: int) -> bytes:
    """A square PNG of one colour, written byte by byte (the tests need no imaging library)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = (b"\x00" + bytes((0, 0, 128)) * size) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_an_emblem_is_drawn_on_the_cover(tmp_path: Path) -> None:
    emblem = tmp_path / "emblem.png"
    emblem.write_bytes(navy_png(40))
    plan = default_plan()
    plan.settings.emblem = str(emblem)
    cover = PdfReader(io.BytesIO(pdf_bytes(report_document(plan, Round.TWELVE))), strict=True).pages[0]
    assert len(cover["/Resources"]["/XObject"]) == 1


def test_an_emblem_that_is_not_a_jpeg_or_png_is_a_one_line_error(tmp_path: Path) -> None:
    emblem = tmp_path / "emblem.gif"
    emblem.write_bytes(b"GIF89a" + bytes(40))
    plan = default_plan()
    plan.settings.emblem = str(emblem)
    with pytest.raises(ValueError, match="emblem") as raised:
        pdf_bytes(report_document(plan, Round.TWELVE))
    assert "\n" not in str(raised.value)
    assert "ตราสัญลักษณ์" in str(raised.value)


def test_the_same_report_gives_the_same_bytes() -> None:
    assert pdf_bytes(report_document(default_plan(), Round.TWELVE)) == rendered()


def test_a_plan_of_1000_projects_renders() -> None:
    plan = _big_plan(1000)
    data = pdf_bytes(report_document(plan, Round.TWELVE))
    pdf = PdfReader(io.BytesIO(data))
    last = bare(pdf.pages[-1].extract_text())
    assert "ผู้อนุมัติ" in last
    assert bare(safe_block(plan.projects[-1].name)) in bare(
        "".join(page.extract_text() for page in pdf.pages[-3:])
    )


def _big_plan(size: int) -> Plan:
    plan = default_plan()
    base = plan.projects
    plan.projects = []
    for number in range(1, size + 1):
        project = copy.deepcopy(base[(number - 1) % len(base)])
        project.number = number
        project.name = f"{project.name} {number}"
        plan.projects.append(project)
    return plan


# --- text as readers copy and search it ------------------------------------------------------------


@cache
def poppler_text(layout: bool = False) -> str:
    """The default plan's PDF as poppler's pdftotext reads it (what a reviewer copies or searches)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    args = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=rendered(), capture_output=True, check=True).stdout.decode("utf-8")


@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext -layout"])
def test_sara_am_reads_back_as_itself(layout: bool) -> None:
    """"ำ" is drawn as nikhahit + sara aa; it reads back as U+0E33, not as its decomposition "ํา"."""
    text = poppler_text(layout)
    assert "ดำเนินการ" in text
    assert text.count("ดำเนิน") >= 50
    assert "\u0e4d" not in text  # no nikhahit of a decomposed sara am
    pypdf_text = "".join(pages())
    assert "ดำเนินการ" in pypdf_text and "\u0e4d" not in pypdf_text


@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext -layout"])
def test_bold_headings_and_marks_read_back_whole(layout: bool) -> None:
    """Marks stay with their letters, in order, without spaces inferred from where they are drawn."""
    lines = {" ".join(line.split()) for line in poppler_text(layout).splitlines()}
    doc = report_document(default_plan(), Round.TWELVE)
    assert doc.cover.title[0] in lines or any(doc.cover.title[0].startswith(line) for line in lines if line)
    assert "ที่มาและความสำคัญ" in lines
    text = poppler_text(layout)
    for word in ("แผนปฏิบัติการ", "ตัวชี้วัด", PART3_HEADER):
        assert word in text, word
    assert "ท่ี" not in text and text.count("ที่") >= 50  # mai ek after sara ii, as typed


def test_justified_lines_read_back_as_written() -> None:
    """Each line of the justified foreword reads back as a stretch of its text: the widened joins between
    Thai words give no space, real spaces stay single spaces; a line end gives no character of its own."""
    doc = report_document(default_plan(), Round.TWELVE)
    foreword = [b.text for b in doc.sections[0].blocks if isinstance(b, Paragraph)]
    assert foreword
    source = " ".join(" ".join(text.split()) for text in foreword)
    page = poppler_text().split("\f")[1]  # the foreword's page
    lines = [line for line in page[page.index(foreword[0][:20]) :].splitlines() if line.strip()]
    assert len(lines) > 10
    for line in lines:
        assert " ".join(line.split()) in source, line
    joined = "".join(" ".join(line.split()) for line in lines)
    # Thai words on either side of a line end are joined without a space; a space at a line end is lost.
    assert bare(joined) == bare(source)


def test_the_note_under_part_2_keeps_the_tables_last_row_on_its_page() -> None:
    from tests.reports.test_plain_text import review_plan

    document = report_document(review_plan(), Round.TWELVE)
    texts = [bare(p.extract_text()) for p in PdfReader(io.BytesIO(pdf_bytes(document))).pages]
    note = next(page for page in texts if bare("หมายเหตุคงเหลือคิดจาก") in page)
    above = note.split(bare("หมายเหตุคงเหลือคิดจาก"))[0]
    assert bare("รวม") in above and "๑๗๕,๐๐๐.๐๐" in above  # the total row, not the note alone on a page


def test_remarks_the_ordinance_amount_and_the_remaining_basis_in_the_pdf() -> None:
    from tests.reports.test_plain_text import BASIS_NOTE, appropriated_plan

    document = report_document(appropriated_plan(), Round.TWELVE)
    texts = [bare(p.extract_text()) for p in PdfReader(io.BytesIO(pdf_bytes(document))).pages]
    text = "".join(texts)
    note = next(page for page in texts if bare(f"หมายเหตุ{BASIS_NOTE}") in page)  # the note whole on one page
    assert bare("รวม") in (above := note.split(bare("หมายเหตุคงเหลือ"))[0]) and "๑๖๗,๐๐๐.๐๐" in above  # with the total row
    for words in (
        f"หมายเหตุ{BASIS_NOTE}",  # under part 2's table
        f"ไม่ใช้งบประมาณ)•{BASIS_NOTE}",  # part 1: a sentence (an item) of its own
        "๕๐,๐๐๐.๐๐ตามข้อบัญญัติ๔๙,๐๐๐.๐๐๑๒,๐๐๐.๐๐๓๗,๐๐๐.๐๐",  # part 2's row adds up on its face
        "ตามข้อบัญญัติ๔๙,๐๐๐.๐๐",  # part 3, under the plan's 50,000.00
        "เบิกจ่ายตามจริงคืนเงินส่วนที่เหลือหมายเหตุโครงการ:โครงการต่อเนื่อง",  # part 2's หมายเหตุ
        "ดำเนินการร่วมกับอำเภอ",
        "๓๗,๐๐๐.๐๐", "๑๖๗,๐๐๐.๐๐",
    ):
        assert bare(words) in text, words
    assert "ตามข้อบัญญัติ๑๐๐,๐๐๐.๐๐" not in text  # project 3: the same amount as the plan's
    default = bare("".join(pages()))
    assert "คงเหลือคิดจาก" not in default and "ข้อบัญญัติ" not in default
