"""Reports saved in the encodings Thai offices have: UTF-8 with or without a byte-order mark, Word's
"Unicode text" (UTF-16 with a byte-order mark) and TIS-620/cp874 from older Windows; the import says which
it read, never reads a file in the wrong one, and refuses files too large to be a report."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.hostile_corpus import assert_terminal_safe
from tracker.cli import main
from tracker.domain.model import Plan, Status, plan_to_dict
from tracker.importer.decoding import CP874, MAX_REPORT_BYTES, UTF8, UTF8_BOM, UTF16_BE, UTF16_LE
from tracker.importer.defaults import SEED_REPORT
from tracker.importer.reader import import_path
from tracker.importer.report_text import ReportError, import_file

SEED = SEED_REPORT.read_text(encoding="utf-8")
THAI_FORM = SEED.replace("✓", "/")
"""The seed ticked with "/", as Thai forms are (and as a TIS-620 file must be: it has no ✓)."""


def comparable(plan: Plan) -> dict[str, object]:
    data = plan_to_dict(plan)
    data.pop("source")
    return data


def completed(plan: Plan) -> int:
    return sum(p.result(plan.round).status is Status.COMPLETED for p in plan.projects)


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (SEED.encode("utf-8"), UTF8),
        (codecs.BOM_UTF8 + SEED.encode("utf-8"), UTF8_BOM),
        (codecs.BOM_UTF16_LE + SEED.encode("utf-16-le"), UTF16_LE),
        (codecs.BOM_UTF16_BE + SEED.encode("utf-16-be"), UTF16_BE),
        (SEED.replace("\n", "\r\n").encode("utf-16"), UTF16_LE),  # Word on Windows: BOM, CRLF
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE", "utf-16 BE", "word unicode text"],
)
def test_the_seed_in_each_unicode_encoding_imports_the_same_plan(tmp_path: Path, data: bytes, label: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    result = import_path(path)
    assert result.encoding == label
    assert comparable(result.plan) == comparable(import_file(SEED_REPORT).plan)


def test_a_tis620_report_ticked_with_slashes_imports_like_the_seed(tmp_path: Path) -> None:
    path = tmp_path / "report-tis620.txt"
    path.write_bytes(THAI_FORM.encode("cp874"))
    result = import_path(path)
    assert result.encoding == CP874 and "TIS-620" in result.encoding and "cp874" in result.encoding
    assert completed(result.plan) == 17  # every "/" read as a tick
    assert comparable(result.plan) == comparable(import_file(SEED_REPORT).plan)


def test_a_utf8_file_is_never_read_as_cp874(tmp_path: Path) -> None:
    # UTF-8 Thai with one damaged byte would decode as cp874 gibberish: it is refused with where the damage is.
    raw = SEED.encode("utf-8")
    at = raw.index("ลำดับ".encode()) + 1
    path = tmp_path / "damaged.txt"
    path.write_bytes(raw[:at] + b"\xff" + raw[at + 1 :])
    line = raw.count(b"\n", 0, at) + 1
    with pytest.raises(ReportError, match=f"UTF-8.*{line}") as caught:
        import_path(path)
    assert "cp874" not in str(caught.value)
    # Text that decodes as UTF-8 is read as UTF-8, even when cp874 would decode it too.
    ascii_only = tmp_path / "ascii.txt"
    ascii_only.write_bytes(SEED.encode("utf-8"))
    assert import_path(ascii_only).encoding == UTF8


@pytest.mark.parametrize(
    "data",
    [
        "café crème".encode("latin-1"),
        bytes(range(256)) * 4,
        b"\x00\x01\x02\xa1\xa2" * 100,
        codecs.BOM_UTF16_LE + "รายงาน".encode("utf-16-le") + b"\x00",  # odd length: damaged UTF-16
    ],
    ids=["latin-1", "binary", "binary with thai bytes", "damaged utf-16"],
)
def test_files_in_no_known_encoding_are_refused_on_one_clear_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "not-text.txt"
    path.write_bytes(data)
    with pytest.raises(ReportError) as caught:
        import_path(path)
    message = str(caught.value)
    assert "\n" not in message and "UTF-8" in message and "(" in message  # Thai, English in parentheses
    assert "Error" not in message and "codec" not in message  # no Python exception text


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(MAX_REPORT_BYTES + 1)  # sparse: no 10 MB written
    with pytest.raises(ReportError, match="10 MB"):
        import_path(huge)
    assert main(["--db", str(tmp_path / "tracker.json"), "import", str(huge), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert "10 MB" in err and err.count("\n") == 1 and "ใหญ่เกิน" in err
    assert_terminal_safe(out + err)
    # A report just under the limit is read.
    padded = tmp_path / "padded.txt"
    padded.write_bytes(SEED.encode("utf-8").ljust(MAX_REPORT_BYTES, b"\n"))
    assert len(import_path(padded).plan.projects) == 20


def test_a_tis620_report_imports_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(THAI_FORM.encode("cp874"))
    assert main(["--db", str(tmp_path / "tracker.json"), "import", str(path), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "โครงการ ๒๐" in out and "ดำเนินการแล้วเสร็จ ๑๗" in out
    assert_terminal_safe(out + err)
