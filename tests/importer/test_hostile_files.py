"""Files that are not reports, or reports damaged where the reader trusts them: the import refuses them on
one line in Thai and English, never with a Python exception's text, and never crashes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.hostile_corpus import assert_terminal_safe
from tracker.cli import ERROR, main
from tracker.domain.markdown import read_meta
from tracker.importer.defaults import DEFAULT_PLAN, SEED_REPORT, default_plan
from tracker.importer.reader import import_path
from tracker.importer.report_text import ReportError
from tracker.reports.markdown_report import markdown_report

PYTHON_TEXT = re.compile(
    r"Traceback|<class|Error\(|Error:|string indices|invalid literal|unhashable|out of range|object has no|codec"
)
"""What an exception's own text looks like: none of it may reach the user."""

SEED = SEED_REPORT.read_text(encoding="utf-8")
MARKDOWN = markdown_report(default_plan())

FILES: dict[str, bytes] = {
    "empty": b"",
    "blank lines": b"\n\n\r\n",
    "only a byte-order mark": b"\xef\xbb\xbf",
    "NUL bytes": b"\x00" * 200,
    "binary junk": bytes((i * 37 + 11) % 256 for i in range(4096)),
    "a tracker database": DEFAULT_PLAN.read_bytes(),
    "a JSON array": b"[1, 2, 3]",
    "the seed cut in half": SEED.encode()[: len(SEED.encode()) // 2],
    "a Markdown title only": "# รายงาน\n\n**องค์การบริหารส่วนตำบลบางเตย**\n".encode(),
}


@pytest.mark.parametrize("name", FILES, ids=FILES.keys())
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_files_that_are_not_reports_are_refused_on_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, suffix: str
) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(FILES[name])
    assert main(["--db", str(tmp_path / "tracker.json"), "import", str(path), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(ERROR) and err.count("\n") == 1, err
    assert not PYTHON_TEXT.search(out + err), err
    assert_terminal_safe(out + err)


def test_a_json_file_is_named_as_such_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "tracker.json"
    path.write_bytes(FILES["a tracker database"])
    with pytest.raises(ReportError, match=r"JSON.*--db"):
        import_path(path)


@pytest.mark.parametrize(("year", "hint"), [("๐๐๐๐", "plausible"), ("9999", "plausible"), ("2024", "Buddhist-era")])
@pytest.mark.parametrize("kind", ["txt", "md"])
def test_a_cover_year_no_plan_can_have_is_refused(tmp_path: Path, year: str, hint: str, kind: str) -> None:
    # 0000 made the plan's dates year -544: the import crashed with "year -544 is out of range".
    source = SEED if kind == "txt" else MARKDOWN
    path = tmp_path / f"report.{kind}"
    path.write_text(source.replace("๒๕๖๗", year), encoding="utf-8")
    with pytest.raises(ReportError, match=hint) as caught:
        import_path(path)
    assert "ปีงบประมาณ" in str(caught.value)


HIDDEN_LINES: dict[str, dict[str, object]] = {
    "digits as a list": {"digits": [1]},  # crashed: unhashable type: 'list'
    "version true": {"version": True},  # crashed: invalid literal for int() with base 10: 'True'
    "version as text": {"version": "2"},
    "round as a float": {"round": 6.0},
    "round true": {"round": True},
    "plan id as an object": {"plan_id": {"a": 1}},
    "plan id empty": {"plan_id": ""},
    "level bands as text": {"level_bands": "abc"},
    "level bands of text": {"level_bands": ["ab"]},
    "level band of a list": {"level_bands": [{"minimum": [1], "label": "x"}]},
    "level band infinite": {"level_bands": [{"minimum": "Infinity", "label": "x"}]},
}


@pytest.mark.parametrize("change", HIDDEN_LINES.values(), ids=HIDDEN_LINES.keys())
def test_a_damaged_hidden_line_imports_with_its_defaults(tmp_path: Path, change: dict[str, object]) -> None:
    lines = MARKDOWN.split("\n")
    meta = read_meta(lines[0])
    assert meta is not None
    hidden = "<!-- tracker-export " + json.dumps({**meta, **change}, ensure_ascii=False) + " -->"
    path = tmp_path / "report.md"
    path.write_text("\n".join([hidden, *lines[1:]]), encoding="utf-8")
    plan = import_path(path).plan
    assert len(plan.projects) == 20
    assert plan.plan_id == (meta["plan_id"] if "plan_id" not in change else "บางเตย-2567")
    assert int(plan.round) in (6, 12)
