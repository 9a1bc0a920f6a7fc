"""Writing an export: where it goes, its name, and a write that is whole or refused with a clear reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.domain.model import Round
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.paths import DATA_DIR
from tracker.reports.export import (
    EXPORTS_DIR,
    MAX_NAME_BYTES,
    ExportError,
    ExportFormat,
    default_export_path,
    export_bytes,
    export_report,
    safe_file_name,
    write_export,
)

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def test_exports_go_to_the_projects_exports_folder() -> None:
    assert DATA_DIR.parent / "exports" == EXPORTS_DIR
    plan = default_plan()
    assert default_export_path(plan, ExportFormat.MARKDOWN) == EXPORTS_DIR / "องค์การบริหารส่วนตำบลบางเตย-2567-12.md"
    # CSV holds both rounds: its name has none.
    assert default_export_path(plan, "csv", Round.SIX).name == "องค์การบริหารส่วนตำบลบางเตย-2567.csv"
    assert default_export_path(plan, "pdf", Round.SIX).name == "องค์การบริหารส่วนตำบลบางเตย-2567-6.pdf"
    assert default_export_path(plan, "txt", folder=Path("/x")) == Path("/x/องค์การบริหารส่วนตำบลบางเตย-2567-12.txt")
    # The e-PlanNACC entry sheet is text too, named apart from the report's text of the same round.
    assert default_export_path(plan, "entry", Round.SIX).name == "องค์การบริหารส่วนตำบลบางเตย-2567-6-entry.txt"


@pytest.mark.parametrize(
    ("organization", "expected"),
    [
        ("เทศบาลตำบล ทดสอบ/ใหม่", "เทศบาลตำบล-ทดสอบ_ใหม่"),
        ('a\\b:c*d?e"f<g>h|i', "a_b_c_d_e_f_g_h_i"),
        ("../../etc/passwd", "etc_passwd"),
        ("line\nbreak\x1b[31m\u202ertl", "line_break_[31m_rtl"),
        ("...", "plan"),
        ("", "plan"),
    ],
)
def test_file_names_are_safe(organization: str, expected: str) -> None:
    assert safe_file_name(organization) == expected


def test_a_long_name_is_cut_to_whole_characters() -> None:
    name = safe_file_name("องค์การบริหารส่วนตำบล" * 20)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.encode("utf-8").decode("utf-8") == name


def test_write_creates_the_folder_and_writes_the_export(tmp_path: Path) -> None:
    plan = default_plan()
    target = tmp_path / "new" / "folder" / "report.md"
    assert write_export(plan, ExportFormat.MARKDOWN, Round.SIX, DigitStyle.ARABIC, target) == target
    assert target.read_bytes() == export_bytes(plan, ExportFormat.MARKDOWN, Round.SIX, DigitStyle.ARABIC)
    assert target.read_text(encoding="utf-8") == export_report(plan, "md", Round.SIX, DigitStyle.ARABIC)
    csv_file = write_export(plan, "csv", path=tmp_path / "r.csv")
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    entry = write_export(plan, ExportFormat.ENTRY, Round.SIX, path=tmp_path / "entry.txt")
    assert entry.read_bytes() == export_bytes(plan, "entry", Round.SIX)
    assert entry.read_text(encoding="utf-8").startswith("แบบกรอกผลการดำเนินงานลงระบบ e-PlanNACC")


def test_a_new_file_gets_the_usual_permissions_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = write_export(default_plan(), "txt", path=tmp_path / "fresh.txt")
    finally:
        os.umask(old_umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # shareable, not the temporary file's 0o600
    kept = tmp_path / "kept.md"
    kept.write_text("old")
    kept.chmod(0o640)
    write_export(default_plan(), "md", path=kept)
    assert kept.stat().st_mode & 0o777 == 0o640


def test_an_existing_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("an older export")
    write_export(default_plan(), ExportFormat.MARKDOWN, path=target)
    assert target.read_text(encoding="utf-8").startswith("<!-- tracker-export ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_a_folder_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_export(default_plan(), ExportFormat.MARKDOWN, path=tmp_path)


def test_a_file_in_the_way_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="a file is in the way") as caught:
        write_export(default_plan(), ExportFormat.MARKDOWN, path=tmp_path / "file" / "sub" / "r.md")
    assert "\n" not in str(caught.value)


@pytest.mark.skipif(ROOT_USER, reason="root may write anywhere")
def test_a_folder_without_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_export(default_plan(), ExportFormat.MARKDOWN, path=locked / "r.md")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(ROOT_USER, reason="root may write anywhere")
def test_a_read_only_file_is_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("keep me")
    target.chmod(0o444)
    with pytest.raises(ExportError, match="permission denied"):
        write_export(default_plan(), ExportFormat.MARKDOWN, path=target)
    assert target.read_text() == "keep me"


def test_a_refused_write_says_why_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(Runs as root too, where permissions cannot be taken away.)"""
    import errno

    import tracker.reports.export as export

    def refuse(path: object, payload: bytes) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(export, "write_atomic", refuse)
    with pytest.raises(ExportError) as caught:
        write_export(default_plan(), ExportFormat.MARKDOWN, path=tmp_path / "r.md")
    assert str(caught.value) == f"เขียนไฟล์ {tmp_path / 'r.md'} ไม่ได้: ไม่มีสิทธิ์เขียน (permission denied)"
    assert list(tmp_path.iterdir()) == []  # the empty placeholder is removed again
