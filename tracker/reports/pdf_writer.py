"""A small PDF 1.7 writer: pages, text in embedded TrueType fonts, lines, rectangles, images, bookmarks.

What :mod:`tracker.reports.pdf_report` needs and no more, written from the PDF 1.7 specification
(ISO 32000-1) with the standard library only (``zlib``, ``struct``, ``hashlib``), so that the PDF
export imports in a few milliseconds; a general PDF library costs half a second of imports.

- Coordinates are PDF user space: points, the origin at the bottom left of the page.
- A page's content is PDF operators written by the caller (:meth:`Page.write`) or by the helpers
  (:meth:`Page.rect`, :meth:`Page.polyline`, :meth:`Page.image`); every content stream is compressed
  (FlateDecode).
- Fonts (:class:`TrueTypeFont`) are embedded whole (FontFile2) as a Type0 font with a CIDFontType2
  descendant and the Identity-H encoding: text is shown as 2-byte glyph codes (CIDs), which the caller
  gets from :meth:`TrueTypeFont.cid` with the text each glyph stands for. The ToUnicode CMap maps every
  CID back to that text (search, copy, extraction). A CID is the glyph id (CIDToGIDMap /Identity)
  unless the same glyph must stand for two different texts; then it gets a second CID past the font's
  glyphs, and a CIDToGIDMap stream maps it back.
- Images: JPEG (passed through, DCTDecode) and 8-bit PNG (gray, RGB, palette, with or without alpha;
  the alpha becomes a soft mask). Anything else raises ValueError.
- Output is deterministic: the same calls give the same bytes (no date unless one is given; the file
  identifier is a digest of the content).
- Records are plain slotted classes (a dataclass costs about a millisecond at import).
- A font file is compressed in a thread from the moment it is added (zlib lets go of the interpreter
  while it works), so that it costs no time while the caller lays out its pages.
"""

from __future__ import annotations

import hashlib
import struct
import threading
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

PDF_VERSION = "1.7"
A4 = (595.28, 841.89)
"""A4 portrait in points (210 × 297 mm)."""

_DELIMITERS = frozenset(b"()<>[]{}/%#")


def _num(value: float) -> str:
    """A real number as PDF writes it: at most 4 decimals, no exponent, no "-0"."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _name(value: str) -> str:
    """A PDF name object, bytes outside the regular characters written as #xx."""
    out = ["/"]
    for byte in value.encode("utf-8"):
        if byte < 0x21 or byte > 0x7E or byte in _DELIMITERS:
            out.append(f"#{byte:02X}")
        else:
            out.append(chr(byte))
    return "".join(out)


def text_string(value: str) -> str:
    """A PDF text string: a literal string for printable ASCII, otherwise UTF-16BE with a byte order mark."""
    if value.isascii() and value.isprintable():  # printable ASCII (0x20-0x7E)
        return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def marked_text(text: str) -> str:
    """The operator opening a marked-content span whose text is ``text`` (/ActualText), closed by "EMC".

    Readers that copy, search or read aloud (Acrobat, poppler, pdf.js, MuPDF) take the span's text
    instead of the glyphs' ToUnicode texts, in the order written and without the spaces they would
    otherwise infer from where the glyphs stand (Thai marks drawn apart from their letters, words
    spread out by justification).
    """
    return f"/Span <</ActualText {text_string(text)}>> BDC"


def _date(moment: datetime) -> str:
    """A PDF date string (D:YYYYMMDDHHmmSS with the UTC offset, or Z)."""
    text = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return f"({text})"
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return f"({text}Z)"
    sign = "+" if minutes > 0 else "-"
    minutes = abs(minutes)
    return f"({text}{sign}{minutes // 60:02d}'{minutes % 60:02d}')"


class _Compressed:
    """``zlib.compress(data, level)`` worked out in a thread; :meth:`result` waits for it."""

    def __init__(self, data: bytes, level: int) -> None:
        self._data = data
        self._level = level
        self._result: bytes | None = None
        self._thread = threading.Thread(target=self._run, name="pdf-font-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._result = zlib.compress(self._data, self._level)

    def result(self) -> bytes:
        self._thread.join()
        if self._result is None:  # pragma: no cover - the thread failed (out of memory): try again here
            self._result = zlib.compress(self._data, self._level)
        return self._result


# --- fonts ---------------------------------------------------------------------------------------


class TrueTypeFont:
    """A TrueType font embedded whole, and the glyphs the document shows in it.

    The metrics of the FontDescriptor (bounding box, ascent, descent, cap height, italic angle,
    weight) and the glyph advances are read from the ``head``, ``hhea``, ``maxp``, ``hmtx``, ``OS/2``,
    ``post`` and ``name`` tables.
    """

    def __init__(self, data: bytes, resource: str) -> None:
        self.data = data
        self.resource = resource
        """The font's name in the pages' resources ("F1")."""
        tables = self._tables(data)
        head = tables["head"]
        self.units_per_em: int = struct.unpack_from(">H", head, 18)[0]
        if not 16 <= self.units_per_em <= 16384:
            raise ValueError("not a TrueType font: bad unitsPerEm")
        x_min, y_min, x_max, y_max = struct.unpack_from(">4h", head, 36)
        mac_style: int = struct.unpack_from(">H", head, 44)[0]
        hhea = tables["hhea"]
        ascender, descender = struct.unpack_from(">2h", hhea, 4)
        metrics_count: int = struct.unpack_from(">H", hhea, 34)[0]
        self.glyph_count: int = struct.unpack_from(">H", tables["maxp"], 4)[0]
        hmtx = tables["hmtx"]
        if metrics_count < 1 or len(hmtx) < 4 * metrics_count:
            raise ValueError("not a TrueType font: bad hmtx table")
        advances: list[int] = [a for a, _ in struct.iter_unpack(">Hh", hmtx[: 4 * metrics_count])]
        advances += [advances[-1]] * max(0, self.glyph_count - metrics_count)
        self.advances = advances
        """Each glyph's advance in font units."""
        weight = 400
        cap_height = ascender
        fs_type = 0
        os2 = tables.get("OS/2", b"")
        if len(os2) >= 78:
            weight, fs_type = struct.unpack_from(">H2xH", os2, 4)
            typo_ascender, typo_descender = struct.unpack_from(">2h", os2, 68)
            if typo_ascender or typo_descender:
                ascender, descender = max(ascender, typo_ascender), min(descender, typo_descender)
            version: int = struct.unpack_from(">H", os2, 0)[0]
            if version >= 2 and len(os2) >= 90:
                cap_height = struct.unpack_from(">h", os2, 88)[0] or cap_height
        if fs_type & 0x000F == 0x0002:
            raise ValueError("the font's licence forbids embedding it (OS/2 fsType: restricted)")
        italic_angle = 0.0
        fixed_pitch = False
        post = tables.get("post", b"")
        if len(post) >= 16:
            italic_angle = struct.unpack_from(">i", post, 4)[0] / 65536
            fixed_pitch = struct.unpack_from(">I", post, 12)[0] != 0
        self.postscript_name = self._postscript_name(tables.get("name", b"")) or resource
        scale = 1000 / self.units_per_em
        self.bbox = tuple(round(v * scale) for v in (x_min, y_min, x_max, y_max))
        self.ascent = round(ascender * scale)
        self.descent = round(descender * scale)
        self.cap_height = round(cap_height * scale)
        self.italic_angle = italic_angle
        self.stem_v = 50 + int((weight / 65) ** 2)
        """The dominant stem width, estimated from the weight class (the tables do not give it)."""
        self.flags = 4 | (1 if fixed_pitch else 0) | (64 if italic_angle or mac_style & 2 else 0)
        """Symbolic (glyphs outside the standard Latin set), fixed pitch, italic."""
        self._scale: float = scale
        self._cids: dict[tuple[int, str], int] = {}
        self._texts: dict[int, str] = {}
        """CID → the text it stands for."""
        self._gids: dict[int, int] = {}
        """CID → glyph id (the same but for glyphs shown for more than one text)."""
        self._next = max(self.glyph_count, 1)

    @staticmethod
    def _tables(data: bytes) -> dict[str, bytes]:
        if len(data) < 12:
            raise ValueError("not a TrueType font: too short")
        version, count = struct.unpack_from(">4sH", data, 0)
        if version == b"OTTO":
            raise ValueError("an OpenType font with CFF outlines cannot be embedded as TrueType (FontFile2)")
        if version not in (b"\x00\x01\x00\x00", b"true"):
            raise ValueError("not a TrueType font (a collection or another format)")
        tables: dict[str, bytes] = {}
        for index in range(count):
            record = 12 + 16 * index
            if record + 16 > len(data):
                raise ValueError("not a TrueType font: truncated table directory")
            tag, _, offset, length = struct.unpack_from(">4sIII", data, record)
            tables[tag.decode("latin-1")] = data[offset : offset + length]
        for tag, size in (("head", 54), ("hhea", 36), ("maxp", 6), ("hmtx", 4)):
            if len(tables.get(tag, b"")) < size:
                raise ValueError(f"not a TrueType font: no {tag} table")
        if "glyf" not in tables:
            raise ValueError("not a TrueType font: no glyf table")
        return tables

    @staticmethod
    def _postscript_name(table: bytes) -> str:
        """Name ID 6 (Windows Unicode, else Macintosh Roman), reduced to the characters a PDF name may use."""
        if len(table) < 6:
            return ""
        count, strings = struct.unpack_from(">2H", table, 2)
        found = ""
        for index in range(count):
            at = 6 + 12 * index
            if at + 12 > len(table):
                break
            platform, encoding, _, name_id, length, offset = struct.unpack_from(">6H", table, at)
            if name_id != 6:
                continue
            raw = table[strings + offset : strings + offset + length]
            if platform == 3 and encoding in (0, 1, 10):
                found = raw.decode("utf-16-be", "replace")
                break
            if platform == 1 and not found:
                found = raw.decode("latin-1")
        return "".join(c for c in found if 0x21 <= ord(c) <= 0x7E and c not in "()<>[]{}/%#")

    def width(self, gid: int) -> int:
        """A glyph's advance in thousandths of an em (as the /W array gives it)."""
        advance = self.advances[gid] if 0 <= gid < len(self.advances) else 0
        return round(advance * self._scale)

    def cid(self, gid: int, text: str) -> int:
        """The 2-byte code that shows glyph ``gid`` standing for ``text`` (what extraction gives back)."""
        key = (gid, text)
        found = self._cids.get(key)
        if found is None:
            if not 0 <= gid < self.glyph_count:
                raise ValueError(f"glyph {gid} is not in the font")
            if gid not in self._texts:
                found = gid
            else:
                found = self._next
                self._next += 1
                if found > 0xFFFF:
                    raise ValueError("too many different texts for the glyphs of one font")
            self._cids[key] = found
            self._texts[found] = text
            self._gids[found] = gid
        return found

    def _widths(self) -> str:
        """The /W array: each run of consecutive CIDs with its widths."""
        parts: list[str] = []
        run: list[int] = []
        start = -2
        for cid in sorted(self._gids):
            if cid != start + len(run):
                if run:
                    parts.append(f"{start} [{' '.join(map(str, run))}]")
                start, run = cid, []
            run.append(self.width(self._gids[cid]))
        if run:
            parts.append(f"{start} [{' '.join(map(str, run))}]")
        return "[" + " ".join(parts) + "]"

    def _to_unicode(self) -> bytes:
        """The ToUnicode CMap: each CID to its text (UTF-16BE); a CID standing for no text to an empty
        string (left out, readers would extract the code itself as a character)."""
        entries = [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in sorted(self._texts.items())]
        lines = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<0000> <FFFF>",
            "endcodespacerange",
        ]
        for at in range(0, len(entries), 100):  # at most 100 entries in a block
            block = entries[at : at + 100]
            lines.append(f"{len(block)} beginbfchar")
            lines.extend(block)
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines).encode("ascii")

    def _cid_to_gid(self) -> bytes | None:
        """The CIDToGIDMap stream's bytes, or None when every CID is its glyph id (/Identity)."""
        if all(cid == gid for cid, gid in self._gids.items()):
            return None
        table = bytearray(2 * (max(self._gids) + 1))
        for cid, gid in self._gids.items():
            struct.pack_into(">H", table, 2 * cid, gid)
        return bytes(table)


# --- images --------------------------------------------------------------------------------------


class Image:
    """An image XObject: its pixel size and its resource name ("I1")."""

    __slots__ = ("height", "resource", "width")

    def __init__(self, width: int, height: int, resource: str) -> None:
        self.width = width
        self.height = height
        self.resource = resource


class _Raster:
    """An image's dictionary entries and data, ready to write; an alpha channel as a second raster."""

    __slots__ = ("data", "entries", "height", "mask", "width")

    def __init__(self, width: int, height: int, entries: str, data: bytes, mask: _Raster | None = None) -> None:
        self.width = width
        self.height = height
        self.entries = entries
        self.data = data
        self.mask = mask


_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def read_jpeg(data: bytes) -> _Raster:
    """A JPEG passed through (DCTDecode): size and components from its frame header (SOF)."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG file")
    at = 2
    adobe = False
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise ValueError("a damaged JPEG file (no marker where one belongs)")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack_from(">H", data, at + 2)
        segment = data[at + 4 : at + 2 + length]
        if marker == 0xEE and segment.startswith(b"Adobe"):
            adobe = True
        if marker in _JPEG_SOF:
            if len(segment) < 6:
                break
            precision, height, width, components = struct.unpack_from(">BHHB", segment, 0)
            if precision != 8:
                raise ValueError(f"a {precision}-bit JPEG cannot be shown (8-bit only)")
            if not width or not height:
                raise ValueError("a JPEG without its size in the frame header")
            spaces = {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}
            if components not in spaces:
                raise ValueError(f"a JPEG of {components} components cannot be shown")
            entries = f"/ColorSpace {spaces[components]} /BitsPerComponent 8 /Filter /DCTDecode"
            if components == 4 and adobe:  # Adobe's CMYK JPEGs are stored inverted
                entries += " /Decode [1 0 1 0 1 0 1 0]"
            return _Raster(width, height, entries, data)
        if marker in (0xD9, 0xDA):  # end of image or start of scan before any frame header
            break
        at += 2 + length
    raise ValueError("a damaged JPEG file (no frame header)")


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_png(data: bytes) -> _Raster:
    """An 8-bit, non-interlaced PNG: gray, RGB or palette (the data kept as it is, under PNG predictors),
    or with an alpha channel (rows unfiltered, colour and alpha split, the alpha a soft mask)."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    at = len(_PNG_SIGNATURE)
    header = b""
    palette = b""
    transparency: bytes | None = None
    idat: list[bytes] = []
    while at + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, at)
        body = data[at + 8 : at + 8 + length]
        if len(body) != length:
            raise ValueError("a truncated PNG file")
        if kind == b"IHDR":
            header = body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            transparency = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        at += 12 + length
    if len(header) != 13 or not idat:
        raise ValueError("a damaged PNG file (no header or no image data)")
    width, height, depth, color, compression, filtering, interlace = struct.unpack(">IIBBBBB", header)
    if not width or not height or compression or filtering:
        raise ValueError("a damaged PNG file (bad header)")
    if depth != 8:
        raise ValueError(f"a {depth}-bit PNG cannot be shown (8-bit gray, RGB or palette only)")
    if interlace:
        raise ValueError("an interlaced PNG cannot be shown")
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(color)
    if channels is None:
        raise ValueError(f"a PNG of colour type {color} cannot be shown")
    stream = b"".join(idat)
    space = {0: "/DeviceGray", 4: "/DeviceGray", 2: "/DeviceRGB", 6: "/DeviceRGB"}.get(color, "")
    if color == 3:
        if not palette or len(palette) % 3:
            raise ValueError("a damaged PNG file (no palette)")
        space = f"[/Indexed /DeviceRGB {len(palette) // 3 - 1} <{palette.hex().upper()}>]"
    if color in (0, 2) or (color == 3 and transparency is None):
        entries = f"/ColorSpace {space} /BitsPerComponent 8 /Filter /FlateDecode"
        entries += f" /DecodeParms << /Predictor 15 /Colors {channels} /BitsPerComponent 8 /Columns {width} >>"
        if transparency is not None and len(transparency) >= 2 * channels:  # one colour keyed out
            values = struct.unpack_from(f">{channels}H", transparency)
            entries += " /Mask [" + " ".join(f"{v & 0xFF} {v & 0xFF}" for v in values) + "]"
        return _Raster(width, height, entries, stream)
    try:
        raw = zlib.decompress(stream)
    except zlib.error as error:
        raise ValueError(f"a damaged PNG file ({error})") from error
    pixels = _unfilter(raw, width, height, channels)
    if color == 3:  # a palette with transparency: expanded to RGB and alpha
        alphas = ((transparency or b"") + b"\xff" * 256)[:256]
        colors = (palette + b"\x00" * 768)[:768]
        rgb = bytearray(3 * len(pixels))
        for channel in range(3):
            rgb[channel::3] = pixels.translate(colors[channel::3])
        color_data, alpha = bytes(rgb), pixels.translate(alphas)
        space = "/DeviceRGB"
    else:
        step = channels
        alpha = pixels[step - 1 :: step]
        if channels == 2:
            color_data = pixels[0::2]
        else:
            rgb = bytearray(3 * width * height)
            rgb[0::3], rgb[1::3], rgb[2::3] = pixels[0::4], pixels[1::4], pixels[2::4]
            color_data = bytes(rgb)
    mask = _Raster(width, height, "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                   zlib.compress(alpha))
    return _Raster(width, height, f"/ColorSpace {space} /BitsPerComponent 8 /Filter /FlateDecode",
                   zlib.compress(color_data), mask)


def _unfilter(raw: bytes, width: int, height: int, bpp: int) -> bytes:
    """Undoes the PNG row filters (None, Sub, Up, Average, Paeth): the pixels' bytes, row after row."""
    stride = width * bpp
    if len(raw) < height * (stride + 1):
        raise ValueError("a damaged PNG file (too little image data)")
    out = bytearray()
    previous = bytearray(stride)
    for row_index in range(height):
        start = row_index * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise ValueError(f"a damaged PNG file (row filter {kind})")
        out += row
        previous = row
    return bytes(out)


def read_image(data: bytes) -> _Raster:
    """A JPEG or PNG image, told apart by its first bytes; ValueError for anything else."""
    if data.startswith(b"\xff\xd8"):
        return read_jpeg(data)
    if data.startswith(_PNG_SIGNATURE):
        return read_png(data)
    raise ValueError("an image must be a JPEG or PNG file")


# --- pages ---------------------------------------------------------------------------------------


class Page:
    """One page: its size, its content (PDF operators) and the fonts and images it uses."""

    def __init__(self, number: int, width: float, height: float) -> None:
        self.number = number
        """1-based."""
        self.width = width
        self.height = height
        self._ops: list[str] = []
        self.fonts: dict[str, TrueTypeFont] = {}
        self.images: dict[str, Image] = {}

    def write(self, ops: str) -> None:
        """Appends content operators (a line of them)."""
        self._ops.append(ops)

    def use_font(self, font: TrueTypeFont) -> str:
        """The font's resource name on this page ("/F1"), listed in the page's resources."""
        self.fonts[font.resource] = font
        return "/" + font.resource

    def line_width(self, width: float) -> None:
        self.write(f"{_num(width)} w")

    def rect(self, x: float, y: float, width: float, height: float, *, fill: float | None = None,
             stroke: bool = True) -> None:
        """A rectangle from (x, y) (its bottom left) stroked, and filled in grey ``fill`` (0 black, 1 white)."""
        op = ("B" if stroke else "f") if fill is not None else "S"
        prefix = f"q {_num(fill)} g " if fill is not None else ""
        suffix = " Q" if fill is not None else ""
        self.write(f"{prefix}{_num(x)} {_num(y)} {_num(width)} {_num(height)} re {op}{suffix}")

    def polyline(self, points: Sequence[tuple[float, float]], width: float | None = None) -> None:
        """Stroked straight segments through ``points`` (in its own line width if given)."""
        if len(points) < 2:
            return
        path = " ".join(f"{_num(x)} {_num(y)} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(points))
        if width is None:
            self.write(path + " S")
        else:
            self.write(f"q {_num(width)} w {path} S Q")

    def image(self, image: Image, x: float, y: float, width: float, height: float) -> None:
        """Draws ``image`` in the box from (x, y) (its bottom left), ``width`` by ``height`` points."""
        self.images[image.resource] = image
        self.write(f"q {_num(width)} 0 0 {_num(height)} {_num(x)} {_num(y)} cm /{image.resource} Do Q")

    def content(self) -> bytes:
        return "\n".join(self._ops).encode("latin-1")


class _Bookmark:
    __slots__ = ("page", "title", "top")

    def __init__(self, title: str, page: Page, top: float) -> None:
        self.title = title
        self.page = page
        self.top = top


class PdfWriter:
    """A PDF document built in memory: add fonts, pages, images and bookmarks, then :meth:`output`."""

    def __init__(self, *, title: str = "", lang: str = "", creator: str = "", producer: str = "",
                 created: datetime | None = None, compression: int = 6) -> None:
        self.title = title
        self.lang = lang
        self.creator = creator
        self.producer = producer
        self.created = created
        """The CreationDate; None leaves it out (the same input then gives the same bytes)."""
        self.compression = compression
        self.pages: list[Page] = []
        self.fonts: list[TrueTypeFont] = []
        self._images: list[tuple[Image, _Raster]] = []
        self._font_files: dict[str, _Compressed] = {}
        self._bookmarks: list[_Bookmark] = []

    def add_font(self, data: bytes) -> TrueTypeFont:
        """A TrueType font (the file's bytes) to embed; ValueError if it is not one."""
        font = TrueTypeFont(data, f"F{len(self.fonts) + 1}")
        self.fonts.append(font)
        self._font_files[font.resource] = _Compressed(data, self.compression)
        return font

    def add_page(self, width: float = A4[0], height: float = A4[1]) -> Page:
        page = Page(len(self.pages) + 1, width, height)
        self.pages.append(page)
        return page

    def add_image(self, data: bytes) -> Image:
        """A JPEG or PNG image (the file's bytes); ValueError for another kind or a damaged file."""
        raster = read_image(data)
        image = Image(raster.width, raster.height, f"I{len(self._images) + 1}")
        self._images.append((image, raster))
        return image

    def add_bookmark(self, title: str, page: Page, top: float) -> None:
        """An outline entry that opens ``page`` with ``top`` (in user space) at the top of the window."""
        self._bookmarks.append(_Bookmark(title, page, top))

    # --- writing ---------------------------------------------------------------------------------

    def output(self) -> bytes:
        """The PDF file's bytes."""
        if not self.pages:
            self.add_page()
        out = _Body()
        catalog, pages_ref = out.reserve(), out.reserve()
        page_refs = [out.reserve() for _ in self.pages]
        font_refs = {font.resource: self._write_font(out, font) for font in self.fonts}
        image_refs = {image.resource: self._write_image(out, raster) for image, raster in self._images}
        for page, ref in zip(self.pages, page_refs, strict=True):
            content = out.stream("", page.content(), self.compression)
            resources = []
            if page.fonts:
                resources.append("/Font << " + " ".join(
                    f"/{name} {font_refs[name]} 0 R" for name in sorted(page.fonts)) + " >>")
            if page.images:
                resources.append("/XObject << " + " ".join(
                    f"/{name} {image_refs[name]} 0 R" for name in sorted(page.images)) + " >>")
            out.put(ref, f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 {_num(page.width)} "
                         f"{_num(page.height)}] /Resources << {' '.join(resources)} >> /Contents {content} 0 R >>")
        kids = " ".join(f"{ref} 0 R" for ref in page_refs)
        out.put(pages_ref, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_refs)} >>")
        entries = [f"/Type /Catalog /Pages {pages_ref} 0 R /PageLayout /OneColumn",
                   f"/OpenAction [{page_refs[0]} 0 R /FitH null]"]
        if self.lang:
            entries.append(f"/Lang {text_string(self.lang)}")
        if self._bookmarks:
            entries.append(f"/Outlines {self._write_outlines(out, page_refs)} 0 R")
        out.put(catalog, "<< " + " ".join(entries) + " >>")
        info = []
        for key, value in (("Title", self.title), ("Creator", self.creator), ("Producer", self.producer)):
            if value:
                info.append(f"/{key} {text_string(value)}")
        if self.created is not None:
            info.append(f"/CreationDate {_date(self.created)}")
        info_ref = out.add("<< " + " ".join(info) + " >>")
        return out.finish(catalog, info_ref)

    def _write_font(self, out: _Body, font: TrueTypeFont) -> int:
        name = _name(font.postscript_name)
        file_ref = out.stream(f"/Length1 {len(font.data)} /Filter /FlateDecode",
                              self._font_files[font.resource].result(), None)
        bbox = " ".join(str(v) for v in font.bbox)
        descriptor = out.add(
            f"<< /Type /FontDescriptor /FontName {name} /Flags {font.flags} /FontBBox [{bbox}] "
            f"/ItalicAngle {_num(font.italic_angle)} /Ascent {font.ascent} /Descent {font.descent} "
            f"/CapHeight {font.cap_height} /StemV {font.stem_v} /FontFile2 {file_ref} 0 R >>"
        )
        mapping = font._cid_to_gid()
        cid_to_gid = "/Identity" if mapping is None else f"{out.stream('', mapping, self.compression)} 0 R"
        cid_font = out.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {name} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /DW 1000 /W {font._widths()} /CIDToGIDMap {cid_to_gid} >>"
        )
        to_unicode = out.stream("", font._to_unicode(), self.compression)
        return out.add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont {name} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        )

    def _write_image(self, out: _Body, raster: _Raster) -> int:
        extra = ""
        if raster.mask is not None:
            extra = f" /SMask {self._write_image(out, raster.mask)} 0 R"
        return out.stream(f"/Type /XObject /Subtype /Image /Width {raster.width} /Height {raster.height} "
                          f"{raster.entries}{extra}", raster.data, None)

    def _write_outlines(self, out: _Body, page_refs: list[int]) -> int:
        root = out.reserve()
        refs = [out.reserve() for _ in self._bookmarks]
        for index, (mark, ref) in enumerate(zip(self._bookmarks, refs, strict=True)):
            links = [f"/Title {text_string(mark.title)} /Parent {root} 0 R"]
            if index:
                links.append(f"/Prev {refs[index - 1]} 0 R")
            if index + 1 < len(refs):
                links.append(f"/Next {refs[index + 1]} 0 R")
            links.append(f"/Dest [{page_refs[mark.page.number - 1]} 0 R /XYZ 0 {_num(mark.top)} null]")
            out.put(ref, "<< " + " ".join(links) + " >>")
        out.put(root, f"<< /Type /Outlines /First {refs[0]} 0 R /Last {refs[-1]} 0 R /Count {len(refs)} >>")
        return root


class _Body:
    """The numbered objects of the file, in the order written, and the cross-reference table."""

    def __init__(self) -> None:
        self._objects: dict[int, bytes] = {}
        self._count = 0

    def reserve(self) -> int:
        self._count += 1
        return self._count

    def put(self, number: int, body: str | bytes) -> None:
        self._objects[number] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        number = self.reserve()
        self.put(number, body)
        return number

    def stream(self, entries: str, data: bytes, compression: int | None) -> int:
        """A stream object; ``compression`` a zlib level (FlateDecode), None for data already encoded."""
        if compression is not None:
            data = zlib.compress(data, compression)
            entries = f"{entries} /Filter /FlateDecode".strip()
        head = f"<< {entries} /Length {len(data)} >>\nstream\n".replace("<<  ", "<< ")
        return self.add(head.encode("latin-1") + data + b"\nendstream")

    def finish(self, root: int, info: int) -> bytes:
        chunks: list[bytes] = [f"%PDF-{PDF_VERSION}\n".encode("ascii"), b"%\xe2\xe3\xcf\xd3\n"]
        at = sum(len(c) for c in chunks)
        offsets = [0] * (self._count + 1)
        for number in range(1, self._count + 1):
            body = self._objects[number]
            offsets[number] = at
            chunk = b"%d 0 obj\n%b\nendobj\n" % (number, body)
            chunks.append(chunk)
            at += len(chunk)
        digest = hashlib.md5(usedforsecurity=False)
        for chunk in chunks:
            digest.update(chunk)
        ident = digest.hexdigest().upper()
        xref = [f"xref\n0 {self._count + 1}\n", "0000000000 65535 f \n"]
        xref += [f"{offset:010d} 00000 n \n" for offset in offsets[1:]]
        trailer = (f"trailer\n<< /Size {self._count + 1} /Root {root} 0 R /Info {info} 0 R "
                   f"/ID [<{ident}> <{ident}>] >>\nstartxref\n{at}\n%%EOF\n")
        chunks.append(("".join(xref) + trailer).encode("ascii"))
        return b"".join(chunks)

