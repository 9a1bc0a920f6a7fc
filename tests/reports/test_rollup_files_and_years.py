"""The roll-up (issue 11 part 9): JSON that is no database is skipped with a note, a damaged database
stays a problem; fiscal years are totalled apart, never averaged together; digits follow --digits;
the CSV shows control characters visibly."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import orjson
import pytest

from tests.reports.test_rollup import make_db, office, run_rollup, with_results
from tracker.domain.model import Round, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import DEFAULT_PLAN
from tracker.reports.rollup import find_databases, rollup, rollup_csv, rollup_text

SHIPPED_PLAN = DEFAULT_PLAN
THAI_DIGITS = re.compile("[๐-๙]")


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def office_folder(tmp_path: Path) -> Path:
    """An office's data folder as shipped: its database beside the default plan file."""
    folder = tmp_path / "data"
    make_db(folder / "tracker.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    shutil.copyfile(SHIPPED_PLAN, folder / "default-plan.json")
    return folder


# --- JSON that is no database ---------------------------------------------------------------------


def test_the_shipped_plan_file_is_skipped_with_a_note_not_a_problem(
    office_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_rollup(capsys, str(office_folder))
    assert code == 0 and err == ""
    assert "restore" not in out and "อ่านไม่ได้" not in out  # not called damaged
    plan_file = office_folder / "default-plan.json"
    assert f"- {plan_file}: เป็นไฟล์แผน" in out and "a plan file" in out and "not a database" in out
    assert "ข้าม ๑ ไฟล์ที่ไม่ใช่ฐานข้อมูล" in out
    assert "อ่านได้ ๑ จาก ๑ ไฟล์ฐานข้อมูล" in out
    assert "รวมปีงบประมาณ พ.ศ. ๒๕๖๗ ๑ องค์กร ๑ แผน โครงการ ๒๐" in out  # the plan file is not counted

    code, out, err = run_rollup(capsys, str(office_folder), "--json")
    data = json.loads(out)
    assert code == 0 and data["problems"] == [] and len(data["rows"]) == 1
    assert [k["path"] for k in data["skipped"]] == [str(plan_file)] and "plan file" in data["skipped"][0]["message"]


@pytest.mark.parametrize("content", [
    '{"name": "something else", "version": "1.0.0"}',  # another program's settings
    "[]", '"text"', "{}", '{"_default": {}}',  # a JSON array, a string, an empty object, an empty TinyDB file
], ids=["package", "array", "string", "empty-object", "tinydb"])
def test_other_json_is_skipped(tmp_path: Path, content: str) -> None:
    make_db(tmp_path / "tracker.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    (tmp_path / "other.json").write_text(content, encoding="utf-8")
    r = rollup(find_databases([tmp_path])[0])
    assert r.problems == () and [k.path.name for k in r.skipped] == ["other.json"]
    assert "not a tracker database" in r.skipped[0].message and (r.files, r.files_read) == (1, 1)


def damaged_variants(good: bytes) -> dict[str, bytes]:
    data = orjson.loads(good)
    no_meta = dict(data)
    del no_meta["meta"]
    newer = json.loads(good)
    next(iter(newer["meta"].values()))["schema_version"] = 99
    bad_plans = dict(data, plans="oops")
    return {
        "cut short": good[: len(good) // 2],
        "cut at the last byte": good.rstrip()[:-1],
        "empty": b"",
        "zero bytes": b"\x00" * len(good),
        "blank": b"   \n",
        "garbled in the middle": good[:200] + b"\xff\xfe garbage" + good[200:],
        "not json": b"this is not json at all",
        "meta table lost": orjson.dumps(no_meta),
        "newer version": json.dumps(newer).encode(),
        "plans table damaged": orjson.dumps(bad_plans),
        "plan file cut short": SHIPPED_PLAN.read_bytes()[:1000],  # could be anything: not called a stranger
    }


@pytest.mark.parametrize("name", list(damaged_variants(b'{"meta": {"1": {}}, "plans": {}}')))
def test_a_damaged_database_stays_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    good = make_db(tmp_path / "good" / "tracker.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    damaged = tmp_path / "damaged" / "tracker.json"
    damaged.parent.mkdir()
    damaged.write_bytes(damaged_variants(good.read_bytes())[name])
    code, out, err = run_rollup(capsys, str(tmp_path))
    assert code == 1 and "1 could not be read" in err
    assert f"{damaged}: " in out and "ข้าม" not in out
    r = rollup(find_databases([tmp_path])[0])
    assert [p.path for p in r.problems] == [damaged] and r.skipped == ()


def test_only_json_that_is_no_database_fails_and_names_what_was_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(SHIPPED_PLAN, tmp_path / "default-plan.json")
    code, out, err = run_rollup(capsys, str(tmp_path), "--csv", str(tmp_path / "out.csv"))
    assert code == 1 and out == "" and not (tmp_path / "out.csv").exists()
    assert f"{tmp_path / 'default-plan.json'}: เป็นไฟล์แผน" in err and "no database files found" in err
    assert "ข้าม ๑ ไฟล์" in err and "Traceback" not in err


# --- fiscal years ---------------------------------------------------------------------------------


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    """An office's plan of 2567 (85.00, green) and another's of 2568 (35.00, red) in one folder."""
    folder = tmp_path / "province"
    make_db(folder / "a" / "tracker.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    weaker = with_results(
        office("เทศบาลตำบลไร่ขิง", fiscal_year=2568),
        [Status.IN_PROGRESS] * 10 + [Status.NOT_REPORTED] * 5 + [Status.COMPLETED] * 2 + [Status.NOT_DONE] * 3,
    )
    make_db(folder / "b" / "tracker.json", weaker)
    return folder


def test_two_fiscal_years_are_never_averaged_together(two_years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = rollup(find_databases([two_years])[0])
    assert [(g.fiscal_year, g.totals.plans, str(g.totals.mean_score)) for g in r.years] == [
        (2567, 1, "85.00"), (2568, 1, "35.00"),
    ]
    code, out, err = run_rollup(capsys, str(two_years))
    assert code == 0 and err == ""
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๗ และ ๒๕๖๘ แยกรวมรายปี" in out
    first = out.index("รวมปีงบประมาณ พ.ศ. ๒๕๖๗ ๑ องค์กร ๑ แผน โครงการ ๒๐")
    second = out.index("รวมปีงบประมาณ พ.ศ. ๒๕๖๘ ๑ องค์กร ๑ แผน โครงการ ๒๐")
    assert "เฉลี่ยร้อยละ ๘๕.๐๐" in out[first:second] and "เฉลี่ยร้อยละ ๓๕.๐๐" in out[second:]
    assert "๖๐.๐๐" not in out  # (85 + 35) / 2: the mean of two different years, shown nowhere
    assert "never averaged together" in out
    assert out.index("องค์การบริหารส่วนตำบลบางเตย") < first < out.index("เทศบาลตำบลไร่ขิง") < second

    code, out, _ = run_rollup(capsys, str(two_years), "--json")
    data = json.loads(out)
    assert "totals" not in data
    assert [(y["fiscal_year"], y["totals"]["mean_score"], y["totals"]["projects"]) for y in data["years"]] == [
        (2567, "85.00", 20), (2568, "35.00", 20),
    ]

    rows = list(csv.DictReader(io.StringIO(rollup_csv(r), newline="")))
    assert [(row["kind"], row["fiscal_year"], row["score"]) for row in rows] == [
        ("plan", "2567", "85.00"), ("total", "2567", "85.00"), ("plan", "2568", "35.00"), ("total", "2568", "35.00"),
    ]
    assert (rows[1]["plans"], rows[1]["organizations"], rows[1]["projects"], rows[1]["budget"]) == (
        "1", "1", "20", "180000.00")


def test_the_year_asked_for_shows_that_year_only(two_years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_rollup(capsys, str(two_years), "--year", "2568")
    assert code == 0 and "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in out and "๒๕๖๗" not in out and "บางเตย" not in out


def test_digits_follow_the_choice_everywhere(two_years: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = two_years / "c" / "tracker.json"
    broken.parent.mkdir()
    broken.write_bytes(b'{"meta": ')
    shutil.copyfile(SHIPPED_PLAN, two_years / "default-plan.json")
    code, out, err = run_rollup(capsys, str(two_years), "--digits", "arabic")
    assert code == 1
    assert not THAI_DIGITS.search(out + err)
    assert "รวมปีงบประมาณ พ.ศ. 2567" in out and "เฉลี่ยร้อยละ 35.00" in out and "อ่านได้ 2 จาก 3 ไฟล์" in out
    assert "อ่านไม่ได้ 1 รายการ (อ่านได้ 2 จาก 3 ไฟล์)" in err

    code, out, err = run_rollup(capsys, str(two_years), "--digits", "thai")
    assert code == 1
    assert "อ่านไม่ได้ ๑ รายการ (อ่านได้ ๒ จาก ๓ ไฟล์)" in err
    # Thai text carries Thai digits; Arabic ones only in paths and the English in parentheses.
    thai_only = re.sub(r"\([^()]*\)", "", (out + err).replace(str(two_years), ""))
    assert not re.search("[0-9]", thai_only), [line for line in thai_only.splitlines() if re.search("[0-9]", line)]
    text = rollup_text(rollup(find_databases([two_years])[0]), DigitStyle.ARABIC, width=80)  # the compact table
    assert not THAI_DIGITS.search(text)


# --- the CSV shows control characters -----------------------------------------------------------------


def test_rollup_csv_shows_control_characters(tmp_path: Path) -> None:
    db = make_db(tmp_path / "a.json", office(
        "\x1b[31mแดง\x1b[0m\x07", district="\u202eกลับ", province="จ\x9b31m\x00", plan_id="=\x1bx"))
    raw = rollup_csv(rollup([db])).replace("\r\n", "")
    assert not [c for c in raw if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e")]
    row = next(csv.DictReader(io.StringIO(rollup_csv(rollup([db])), newline="")))
    assert (row["organization"], row["district"], row["province"]) == ("␛[31mแดง␛[0m␇", "\\u202eกลับ", "จ\\x9b31m␀")
    assert row["plan_id"] == "'=␛x"  # the formula guard still applies


def test_a_year_whose_plans_are_at_different_rounds_says_so(tmp_path: Path) -> None:
    make_db(tmp_path / "a.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    six = office("เทศบาลตำบลไร่ขิง")
    six.round = Round.SIX
    make_db(tmp_path / "b.json", six)
    r = rollup(find_databases([tmp_path])[0])
    assert {row.round for row in r.rows} == {Round.SIX, Round.TWELVE}
    assert "ต่างรอบกัน (รอบ ๖ และ ๑๒ เดือน)" in rollup_text(r) and "--round" in rollup_text(r)
    assert "ต่างรอบกัน (รอบ 6 และ 12 เดือน)" in rollup_text(r, DigitStyle.ARABIC)
    asked = rollup(find_databases([tmp_path])[0], round_=Round.TWELVE)
    assert "ต่างรอบกัน" not in rollup_text(asked)
