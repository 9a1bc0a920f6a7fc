"""Our PDF writer on its own: a strict reader opens what it writes, and the text, fonts, images and
bookmarks in it are what was asked for. The images are made here byte by byte (struct and zlib), and the
JPEG is a 16×8 file kept as bytes, so the tests need no imaging library."""

from __future__ import annotations

import base64
import io
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz as hb  # type: ignore[import-untyped]
from pypdf import PdfReader
from pypdf.generic import Destination, FloatObject

from tracker.reports.pdf_writer import A4, Page, PdfWriter, TrueTypeFont, marked_text

FONTS = files("tracker.reports") / "fonts"
REGULAR = "Sarabun-Regular.ttf"
BOLD = "Sarabun-Bold.ttf"

JPEG_16x8 = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUV"
    "DA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU"
    "FBT/wAARCAAIABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAA"
    "AAAAAAAAAAAAB//EABkRAAIDAQAAAAAAAAAAAAAAAAAHRIPDRf/aAAwDAQACEQMRAD8AgSUgS0x0KtBfbUGzM//Z"
)
"""A 16×8 RGB JPEG (baseline, 4:2:0): the left half red (200, 30, 30), the right half blue (30, 30, 200)."""


@cache
def font_bytes(name: str) -> bytes:
    return (FONTS / name).read_bytes()


def show(page: Page, font: TrueTypeFont, text: str, size: float, x: float, y: float) -> None:
    """Writes ``text`` shaped by HarfBuzz, each glyph with its cluster's text (a cluster's later glyphs
    with none), placed at HarfBuzz's positions."""
    face = hb.Face(hb.Blob(font.data))
    hbfont = hb.Font(face)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hbfont, buffer, {})
    scale = 1000 / face.upem
    ends = [*sorted({info.cluster for info in buffer.glyph_infos}), len(text)]
    parts: list[str] = []
    seen: set[int] = set()
    at = pen = 0.0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        cluster = info.cluster
        chars = "" if cluster in seen else text[cluster : ends[ends.index(cluster) + 1]]
        seen.add(cluster)
        target = pen + position.x_offset * scale
        parts.append(f"{at - target:.0f}<{font.cid(info.codepoint, chars):04X}>")
        at = target + font.width(info.codepoint)
        pen += position.x_advance * scale
    name = page.use_font(font)
    page.write(f"BT {name} {size} Tf {x} {y} Td [{''.join(parts)}] TJ ET")


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data), strict=True)


def small_document() -> bytes:
    pdf = PdfWriter(title="รายงานทดสอบ (test)", lang="th", creator="tracker", producer="tracker")
    regular = pdf.add_font(font_bytes(REGULAR))
    bold = pdf.add_font(font_bytes(BOLD))
    first = pdf.add_page(*A4)
    show(first, bold, "ส่วนที่ ๑ บทนำ", 18, 72, 760)
    show(first, regular, "น้ำใจ Hello (world)", 15, 72, 720)
    first.line_width(0.6)
    first.rect(72, 600, 200, 50)
    first.rect(72, 540, 200, 50, fill=0.85)
    first.polyline([(80, 500), (90, 490), (110, 515)], width=1.2)
    second = pdf.add_page(*A4[::-1])
    show(second, regular, "ตารางที่ ๒", 12, 60, 540)
    pdf.add_bookmark("ส่วนที่ ๑", first, 780)
    pdf.add_bookmark("Tables", second, 560)
    return pdf.output()


def test_a_minimal_document_opens_strictly_with_its_page_sizes_metadata_and_language() -> None:
    pdf = reader(small_document())
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pdf.pages]
    assert sizes == [A4, A4[::-1]]
    assert pdf.metadata is not None
    assert pdf.metadata.title == "รายงานทดสอบ (test)"
    assert pdf.metadata.producer == "tracker"
    root: Any = pdf.trailer["/Root"]
    assert root["/Lang"] == "th"
    assert pdf.pdf_header == "%PDF-1.7"


def test_text_extracts_as_it_was_written() -> None:
    pages = [page.extract_text() for page in reader(small_document()).pages]
    assert "ส่วนที่ ๑ บทนำ" in pages[0]
    assert "น้ำใจ Hello (world)" in pages[0]
    assert "ตารางที่ ๒" in pages[1]


def test_the_cross_reference_table_points_at_every_object() -> None:
    data = small_document()
    found = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    assert found is not None
    xref = int(found.group(1))
    assert data[xref:].startswith(b"xref\n0 ")
    count = int(data[xref:].split(b"\n")[1].split()[1])
    table = data[xref:].split(b"\n")[2 : 2 + count]
    assert table[0] == b"0000000000 65535 f "
    for number, entry in enumerate(table[1:], start=1):
        assert len(entry) == 19 and entry.endswith(b" 00000 n ")  # 20 bytes with the newline
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number)
    assert re.search(rb"/Size %d " % count, data)


def test_identical_input_gives_identical_bytes() -> None:
    assert small_document() == small_document()


def test_fonts_are_embedded_whole_with_widths_descriptor_and_unicode_map() -> None:
    pdf = reader(small_document())
    fonts = {}
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert set(fonts) == {"/Sarabun-Regular", "/Sarabun-Bold"}
    font = fonts["/Sarabun-Regular"]
    assert font["/Subtype"] == "/Type0"
    assert font["/Encoding"] == "/Identity-H"
    cid_font = font["/DescendantFonts"][0].get_object()
    assert cid_font["/Subtype"] == "/CIDFontType2"
    descriptor = cid_font["/FontDescriptor"].get_object()
    embedded = descriptor["/FontFile2"].get_object()
    assert embedded.get_data() == font_bytes(REGULAR)
    assert embedded["/Length1"] == len(font_bytes(REGULAR))
    assert (descriptor["/Ascent"], descriptor["/Descent"], descriptor["/CapHeight"]) == (1068, -232, 700)
    assert list(descriptor["/FontBBox"]) == [-662, -535, 1236, 1265]
    assert descriptor["/Flags"] == 4 and descriptor["/ItalicAngle"] == 0
    assert descriptor["/StemV"] == 87
    widths = cid_font["/W"]
    hbfont = hb.Font(hb.Face(hb.Blob(font_bytes(REGULAR))))
    gid = hbfont.get_nominal_glyph(ord("H"))
    listed = {int(widths[i]) + k: int(w) for i in range(0, len(widths), 2) for k, w in enumerate(widths[i + 1])}
    assert listed[gid] == hbfont.get_glyph_h_advance(gid)
    assert "/ToUnicode" in font


def test_poppler_lists_both_fonts_as_embedded(tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "small.pdf"
    path.write_bytes(small_document())
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = {line.split()[0]: line.split() for line in listing.splitlines()[2:]}
    assert set(rows) == {"Sarabun-Regular", "Sarabun-Bold"}
    for row in rows.values():
        assert row[-5:-2] == ["yes", "no", "yes"]  # embedded, not a subset, with a ToUnicode map


def test_a_glyph_standing_for_two_texts_gets_a_second_code() -> None:
    pdf = PdfWriter()
    font = pdf.add_font(font_bytes(REGULAR))
    page = pdf.add_page()
    gid = hb.Font(hb.Face(hb.Blob(font.data))).get_nominal_glyph(ord(" "))
    first, second = font.cid(gid, " "), font.cid(gid, "\u00a0")
    assert first == gid and second != gid and font.cid(gid, " ") == first
    page.use_font(font)
    page.write(f"BT /F1 12 Tf 72 700 Td <{first:04X}> Tj ET")
    data = pdf.output()
    resources: Any = reader(data).pages[0]["/Resources"]
    cid_font = resources["/Font"]["/F1"].get_object()["/DescendantFonts"][0].get_object()
    mapping = cid_font["/CIDToGIDMap"].get_object().get_data()
    assert struct.unpack_from(">H", mapping, 2 * second)[0] == gid
    assert struct.unpack_from(">H", mapping, 2 * first)[0] == gid


def test_bookmarks_open_their_page_at_their_height() -> None:
    pdf = reader(small_document())
    outline = [item for item in pdf.outline if isinstance(item, Destination)]
    assert [item.title for item in outline] == ["ส่วนที่ ๑", "Tables"]
    assert [pdf.get_destination_page_number(item) for item in outline] == [0, 1]
    assert [item.top for item in outline] == [FloatObject(780), FloatObject(560)]


def test_lines_and_rectangles_are_drawn() -> None:
    content = reader(small_document()).pages[0].get_contents()
    assert content is not None
    ops = content.get_data().decode("latin-1")
    assert "72 600 200 50 re S" in ops
    assert "q 0.85 g 72 540 200 50 re B Q" in ops
    assert "q 1.2 w 80 500 m 90 490 l 110 515 l S Q" in ops


# --- images ----------------------------------------------------------------------------------------


def png(width: int, height: int, color: int, rows: list[bytes], *, chunks: dict[bytes, bytes] | None = None,
        depth: int = 8, interlace: int = 0, filters: Callable[[int], int] = lambda _: 0) -> bytes:
    """A PNG file of ``rows`` (each row's pixel bytes, filtered here with the filter ``filters`` gives)."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    raw = b"".join(_filtered(rows, channels, filters))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace)
    extra = b"".join(chunk(kind, body) for kind, body in (chunks or {}).items())
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def _filtered(rows: list[bytes], bpp: int, filters: Callable[[int], int]) -> list[bytes]:
    out = []
    previous = bytes(len(rows[0]))
    for index, row in enumerate(rows):
        kind = filters(index)
        encoded = bytearray()
        for i, value in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 0:
                predicted = 0
            elif kind == 1:
                predicted = a
            elif kind == 2:
                predicted = b
            elif kind == 3:
                predicted = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predicted = a if pa <= pb and pa <= pc else b if pb <= pc else c
            encoded.append((value - predicted) & 0xFF)
        out.append(bytes([kind]) + bytes(encoded))
        previous = row
    return out


RGBA_ROWS = [b"".join(bytes((10 * x + y, 200 - 20 * y, 7 * x * y % 256, 255 - 30 * x)) for x in range(5))
             for y in range(5)]
"""5×5 pixels of RGBA: a different colour and alpha everywhere."""


def with_image(data: bytes) -> tuple[bytes, Any]:
    pdf = PdfWriter()
    page = pdf.add_page()
    image = pdf.add_image(data)
    page.image(image, 100, 500, 60, 60 * image.height / image.width)
    out = pdf.output()
    resources: Any = reader(out).pages[0]["/Resources"]
    xobjects = resources["/XObject"]
    assert list(xobjects) == ["/I1"]
    return out, xobjects["/I1"].get_object()


@pytest.mark.parametrize("kind", [0, 1, 2, 3, 4])
def test_a_png_with_alpha_is_unfiltered_and_split_into_colour_and_soft_mask(kind: int) -> None:
    _, image = with_image(png(5, 5, 6, RGBA_ROWS, filters=lambda row: (kind + row) % 5))
    assert (image["/Width"], image["/Height"], image["/ColorSpace"]) == (5, 5, "/DeviceRGB")
    pixels = b"".join(RGBA_ROWS)
    rgb = bytes(b for i, b in enumerate(pixels) if i % 4 != 3)
    assert image.get_data() == rgb
    mask = image["/SMask"].get_object()
    assert mask["/ColorSpace"] == "/DeviceGray"
    assert mask.get_data() == pixels[3::4]


@pytest.mark.parametrize(("color", "space", "channels"), [(0, "/DeviceGray", 1), (2, "/DeviceRGB", 3)])
def test_a_png_without_alpha_keeps_its_data_under_png_predictors(color: int, space: str, channels: int) -> None:
    rows = [bytes((17 * x + 5 * y + c) % 256 for x in range(6) for c in range(channels)) for y in range(4)]
    _, image = with_image(png(6, 4, color, rows, filters=lambda row: row % 5))
    assert image["/ColorSpace"] == space
    assert image["/DecodeParms"]["/Predictor"] == 15
    assert image.get_data() == b"".join(rows)  # pypdf undoes the predictors as a viewer would
    assert "/SMask" not in image


def test_a_palette_png_is_indexed_and_its_transparency_a_soft_mask() -> None:
    palette = bytes((255, 0, 0, 0, 255, 0, 0, 0, 255))
    rows = [bytes((0, 1, 2)), bytes((2, 1, 0))]
    _, image = with_image(png(3, 2, 3, rows, chunks={b"PLTE": palette}))
    assert image["/ColorSpace"][0] == "/Indexed"
    assert image.get_data() == b"".join(rows)
    _, masked = with_image(png(3, 2, 3, rows, chunks={b"PLTE": palette, b"tRNS": bytes((0, 128))}))
    assert masked["/ColorSpace"] == "/DeviceRGB"
    assert masked.get_data() == b"".join(palette[3 * i : 3 * i + 3] for row in rows for i in row)
    assert masked["/SMask"].get_object().get_data() == bytes((0, 128, 255, 255, 128, 0))


def test_a_jpeg_is_passed_through_with_its_size_and_colour_space() -> None:
    _, image = with_image(JPEG_16x8)
    assert (image["/Width"], image["/Height"], image["/ColorSpace"]) == (16, 8, "/DeviceRGB")
    assert image["/Filter"] == "/DCTDecode"
    assert image._data == JPEG_16x8


def _ppm_pixel(ppm: bytes, x: int, y: int) -> tuple[int, ...]:
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert header is not None
    width = int(header.group(1))
    at = header.end() + 3 * (y * width + x)
    return tuple(ppm[at : at + 3])


def test_poppler_draws_the_images_in_their_colours(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils not installed")
    pdf = PdfWriter()
    page = pdf.add_page(200, 100)
    page.image(pdf.add_image(JPEG_16x8), 0, 0, 100, 50)
    rgba = [bytes((0, 160, 0, 255)) * 4, bytes((0, 160, 0, 0)) * 4]  # green over clear
    page.image(pdf.add_image(png(4, 2, 6, rgba)), 100, 0, 100, 100)
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf.output())
    subprocess.run(["pdftoppm", "-r", "72", "-singlefile", str(path), str(tmp_path / "out")], check=True)
    ppm = (tmp_path / "out.ppm").read_bytes()
    red, blue = _ppm_pixel(ppm, 20, 75), _ppm_pixel(ppm, 80, 75)
    assert red[0] > 150 and red[2] < 80, red
    assert blue[2] > 150 and blue[0] < 80, blue
    assert _ppm_pixel(ppm, 150, 25) == (0, 160, 0)  # the opaque row (top)
    assert _ppm_pixel(ppm, 150, 75) == (255, 255, 255)  # the clear row shows the page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a....", "JPEG or PNG"),
        (b"", "JPEG or PNG"),
        (png(2, 2, 2, [bytes(12), bytes(12)], depth=16), "16-bit"),
        (png(2, 2, 2, [bytes(6), bytes(6)], interlace=1), "interlaced"),
        (png(2, 2, 2, [bytes(6), bytes(6)])[:40], "PNG"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (JPEG_16x8[:100], "JPEG"),
        (b"\xff\xd8\xff\xd9", "JPEG"),
    ],
    ids=["gif", "empty", "16-bit", "interlaced", "truncated png", "bare png signature", "truncated jpeg",
         "empty jpeg"],
)
def test_other_or_damaged_images_raise_value_error(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PdfWriter().add_image(data)


def test_a_file_that_is_not_a_truetype_font_raises_value_error() -> None:
    with pytest.raises(ValueError, match="TrueType"):
        PdfWriter().add_font(b"OTTO" + bytes(100))
    with pytest.raises(ValueError, match="TrueType"):
        PdfWriter().add_font(b"not a font at all")


def test_marked_text_is_what_poppler_reads_and_a_code_of_no_text_reads_as_nothing(tmp_path: Path) -> None:
    """The glyphs of "ดำ" (ด, nikhahit, sara aa), the nikhahit standing for no text: pypdf reads the
    glyphs' texts, poppler the span's /ActualText, which here differs from them to show that it is used."""
    pdf = PdfWriter()
    font = pdf.add_font(font_bytes(REGULAR))
    hbfont = hb.Font(hb.Face(hb.Blob(font.data)))
    do, nikhahit, aa = (hbfont.get_nominal_glyph(ord(c)) for c in "ดํา")
    codes = "".join(f"{font.cid(gid, text):04X}" for gid, text in ((do, "ด"), (nikhahit, ""), (aa, "ำ")))
    page = pdf.add_page()
    page.use_font(font)
    page.write(f"BT /F1 20 Tf 72 700 Td {marked_text('ดำเนิน')} <{codes}> Tj EMC ET")
    assert marked_text("ab") == "/Span <</ActualText (ab)>> BDC"
    data = pdf.output()
    assert reader(data).pages[0].extract_text() == "ดำ"
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "marked.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.strip() == "ดำเนิน"
