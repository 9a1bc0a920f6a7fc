"""Read a report file's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
mark (what Word saves as "Unicode text"), or TIS-620 / Windows-874 (cp874), the Thai encoding of older
Windows files; and say which was read.

The choice is made so that a file is never read in the wrong encoding:

- A byte-order mark decides: the file is read in the encoding it names, or refused if it does not decode.
- Otherwise UTF-8 is tried first: Thai in UTF-8 has byte patterns that hardly ever decode by chance, so
  text that decodes as UTF-8 is UTF-8.
- cp874 only when UTF-8 fails, and only for what reads as Thai text: it decodes as cp874, holds no control
  characters (a binary file does), Thai letters are at least a quarter of its letters, and it is not
  UTF-8 Thai with a few damaged bytes (which is refused with where the damage is, rather than read as
  gibberish).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from tracker.importer.errors import ReportError

MAX_REPORT_BYTES = 10 * 1024 * 1024
"""The largest report file read: a real report is tens of kilobytes (the seed about 60 KB); a file of
this size would be thousands of projects, so a larger one is another kind of file or a damaged one."""

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 มี BOM (UTF-8 with a byte-order mark)"
UTF16_LE = "UTF-16 LE มี BOM: ข้อความ Unicode ของ Word (UTF-16 little-endian with a byte-order mark: Word's Unicode text)"
UTF16_BE = "UTF-16 BE มี BOM (UTF-16 big-endian with a byte-order mark)"
UTF32 = "UTF-32 มี BOM (UTF-32 with a byte-order mark)"
CP874 = "TIS-620 / Windows-874 ภาษาไทยแบบเก่า (TIS-620, cp874)"
"""Labels of the encodings read, for the user (Thai, English in parentheses)."""

_THAI_LETTERS = range(0x0E01, 0x0E2F)
"""Thai consonants ก-ฮ: what Thai text has many of, and text of another language read as cp874 few."""
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", UTF8_BOM),
    (codecs.BOM_UTF32_LE, "utf-32-le", UTF32),  # before UTF-16 LE, whose mark begins it
    (codecs.BOM_UTF32_BE, "utf-32-be", UTF32),
    (codecs.BOM_UTF16_LE, "utf-16-le", UTF16_LE),
    (codecs.BOM_UTF16_BE, "utf-16-be", UTF16_BE),
)
_SAVE_AS_UTF8 = "บันทึกรายงานเป็นข้อความ UTF-8 แล้วนำเข้าอีกครั้ง (save the report as UTF-8 text and import it again)"


@dataclass(frozen=True, slots=True)
class ReportText:
    text: str
    encoding: str
    """Which encoding was read, as a label for the user (:data:`UTF8`, :data:`CP874`, ...)."""


def read_report_file(path: Path) -> ReportText:
    """The text of the report file at ``path`` and the encoding it was read in; ReportError (one line,
    Thai and English) when it cannot be read, is larger than :data:`MAX_REPORT_BYTES`, or is not text."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_REPORT_BYTES + 1)
    except FileNotFoundError:
        raise ReportError(f"ไม่พบไฟล์ {path} (no such file)") from None
    except IsADirectoryError:
        raise ReportError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์รายงาน (is a folder, not a report)") from None
    except PermissionError:
        raise ReportError(f"ไม่มีสิทธิ์อ่าน {path} (permission denied)") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ReportError(f"อ่านไฟล์ {path} ไม่ได้ (cannot read the file: {reason})") from None
    if len(raw) > MAX_REPORT_BYTES:
        raise ReportError(
            f"{path} ใหญ่เกิน {_megabytes(MAX_REPORT_BYTES)} ที่รายงานหนึ่งฉบับจะมีได้ จึงไม่นำเข้า"
            f" ตรวจว่าเป็นไฟล์รายงานจริง (larger than the {_megabytes(MAX_REPORT_BYTES)} a report may be;"
            " not imported: check that this is the report file)"
        )
    return decode_report(raw, str(path))


def decode_report(raw: bytes, name: str) -> ReportText:
    """``raw`` as text, in the encoding its bytes show (see the module's description); ReportError when none fits."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return ReportText(raw[len(bom) :].decode(codec), label)
            except UnicodeDecodeError as exc:
                raise ReportError(
                    f"{name} ขึ้นต้นเป็น {label.split(' ')[0]} แต่ไบต์ที่ {exc.start + len(bom)} เสียหาย"
                    f" (starts as {label.split(' ')[0]} but is damaged at byte {exc.start + len(bom)}); {_SAVE_AS_UTF8}"
                ) from None
    try:
        return ReportText(raw.decode("utf-8"), UTF8)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _damaged_utf8(raw):
        line = raw.count(b"\n", 0, utf8_error.start) + 1
        raise ReportError(
            f"{name} เป็นข้อความ UTF-8 ที่เสียหายที่บรรทัด {line} (ไบต์ที่ {utf8_error.start}) จึงไม่นำเข้า"
            f" (UTF-8 text damaged at line {line}, byte {utf8_error.start}; not imported): ตรวจหรือบันทึกไฟล์ใหม่"
            " (check or save the file again)"
        )
    text = _as_cp874(raw)
    if text is not None:
        return ReportText(text, CP874)
    raise ReportError(
        f"{name} ไม่ใช่ข้อความที่อ่านได้: ไม่ใช่ UTF-8, UTF-16 ที่มี BOM หรือ TIS-620 (cp874)"
        f" (not text in UTF-8, UTF-16 with a byte-order mark, or TIS-620/cp874); {_SAVE_AS_UTF8}"
    )


def _damaged_utf8(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-8 Thai with some bad bytes: more Thai characters decode than bytes fail.

    Text really in cp874 decodes as UTF-8 to almost no Thai (its Thai bytes seldom form UTF-8 sequences)
    and to many failures.
    """
    text = raw.decode("utf-8", errors="replace")
    thai = sum(0x0E00 <= ord(c) <= 0x0E7F for c in text)
    return thai > text.count("\ufffd")


def _as_cp874(raw: bytes) -> str | None:
    """``raw`` read as cp874 if it reads as Thai text there (see the module's description), else None."""
    try:
        text = raw.decode("cp874")
    except UnicodeDecodeError:
        return None
    if any((ord(c) < 0x20 and c not in _ALLOWED_CONTROLS) or ord(c) == 0x7F for c in text):
        return None
    letters = sum(c.isalpha() for c in text)
    thai = sum(ord(c) in _THAI_LETTERS for c in text)
    return text if thai and thai * 4 >= letters else None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
