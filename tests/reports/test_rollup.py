"""The roll-up of many offices' databases: rows and totals, problems that do not stop it, the command."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import orjson
import pytest
from rich.console import Console

from tracker.cli import ERROR, main
from tracker.domain.figures import Flag
from tracker.domain.model import Plan, Round, RoundResult, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.reports.csv_export import ENCODING
from tracker.reports.rollup import (
    CSV_COLUMNS,
    Rollup,
    find_databases,
    rollup,
    rollup_csv_bytes,
    rollup_json,
    rollup_renderable,
    rollup_text,
    thai_order,
)
from tracker.storage.store import Store

SEED_SCORE = Decimal("85.00")


def office(
    organization: str, *, plan_id: str | None = None, fiscal_year: int = 2567, district: str = "สามพราน",
    province: str = "นครปฐม",
) -> Plan:
    """The seed plan (20 projects: 17 completed, 3 not done) as another office's."""
    plan = default_plan()
    plan.organization = organization
    plan.plan_id = plan_id or f"{organization}-{fiscal_year}"
    plan.fiscal_year = fiscal_year
    plan.district = district
    plan.province = province
    return plan


def with_results(plan: Plan, statuses: list[Status], disbursed: Decimal | None = None) -> Plan:
    """``plan`` with its first projects' 12-month statuses replaced (and disbursed on the first)."""
    for project, status in zip(plan.projects, statuses, strict=False):
        project.results[Round.TWELVE] = RoundResult(status=status)
    if disbursed is not None:
        first = next(p for p in plan.projects if p.budget is not None)
        first.results[Round.TWELVE] = RoundResult(status=Status.COMPLETED, disbursed=disbursed)
    return plan


def make_db(path: Path, *plans: Plan) -> Path:
    Store.open(path, initial_plans=list(plans)).close()
    return path


@pytest.fixture
def province(tmp_path: Path) -> Path:
    """Three offices of a province, each in a folder of its own as they keep them."""
    root = tmp_path / "province"
    make_db(root / "bangtoei" / "tracker.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    # 10 in progress, 5 not reported, 2 completed, 3 not done: (2 + 5) / 20 = 35.00, red in round 12
    weaker = with_results(
        office("เทศบาลตำบลไร่ขิง"),
        [Status.IN_PROGRESS] * 10 + [Status.NOT_REPORTED] * 5 + [Status.COMPLETED] * 2 + [Status.NOT_DONE] * 3,
    )
    make_db(root / "raikhing" / "tracker.json", weaker)
    # 14 completed of 20 with 6 not done: 70.00, orange; 5,000.50 disbursed
    middle = with_results(
        office("องค์การบริหารส่วนตำบลดอนตูม", district="ดอนตูม"),
        [Status.COMPLETED] * 14 + [Status.NOT_DONE] * 6, disbursed=Decimal("5000.50"),
    )
    make_db(root / "dontum" / "tracker.json", middle)
    return root


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, so that long paths stay on one line (a test asks for a narrow one itself)."""
    monkeypatch.setenv("COLUMNS", "400")


def run_rollup(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["rollup", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- figures --------------------------------------------------------------------------------------


def test_rows_and_totals(province: Path) -> None:
    files, problems = find_databases([province])
    assert len(files) == 3 and problems == []
    r = rollup(files, fiscal_year=None, round_=None)
    assert r.problems == () and (r.files, r.files_read) == (3, 3)
    # sorted by province, district, organization: ดอนตูม before สามพราน; เทศบาล files under ท, before อ
    assert [row.organization for row in r.rows] == [
        "องค์การบริหารส่วนตำบลดอนตูม", "เทศบาลตำบลไร่ขิง", "องค์การบริหารส่วนตำบลบางเตย",
    ]
    middle, weaker, seed = r.rows
    assert seed.path == province / "bangtoei" / "tracker.json"
    assert (seed.projects, seed.completed, seed.in_progress, seed.not_done, seed.not_reported) == (20, 17, 0, 3, 0)
    assert (seed.score, seed.flag, seed.level, seed.round) == (SEED_SCORE, Flag.GREEN, "มาก", Round.TWELVE)
    assert (seed.budget, seed.disbursed) == (Decimal("180000.00"), Decimal("0.00"))
    assert (seed.district, seed.province, seed.fiscal_year) == ("สามพราน", "นครปฐม", 2567)
    assert (weaker.completed, weaker.in_progress, weaker.not_done, weaker.not_reported) == (2, 10, 3, 5)
    assert (weaker.score, weaker.flag) == (Decimal("35.00"), Flag.RED)
    assert (middle.completed, middle.not_done, middle.score, middle.flag) == (14, 6, Decimal("70.00"), Flag.ORANGE)
    assert middle.disbursed == Decimal("5000.50")

    [year] = r.years
    assert year.fiscal_year == 2567 and year.rows == r.rows
    t = year.totals
    assert (t.organizations, t.plans, t.projects) == (3, 3, 60)
    assert t.per_status == {
        Status.COMPLETED: 17 + 2 + 14, Status.IN_PROGRESS: 10, Status.NOT_DONE: 3 + 3 + 6, Status.NOT_REPORTED: 5,
    }
    assert t.mean_score == Decimal("63.33")  # (85 + 35 + 70) / 3
    assert t.flags == {Flag.GREEN: 1, Flag.ORANGE: 1, Flag.RED: 1}
    assert (t.budget, t.disbursed) == (Decimal("540000.00"), Decimal("5000.50"))
    assert r.duplicates == ()


def test_six_month_round_asked_for(province: Path) -> None:
    r = rollup(find_databases([province])[0], fiscal_year=None, round_=Round.SIX)
    assert all(row.round is Round.SIX and row.not_reported == 20 and row.flag is Flag.RED for row in r.rows)
    assert r.years[0].totals.mean_score == Decimal("0.00")


def test_every_plan_of_a_file_is_a_row_and_the_year_filters(tmp_path: Path) -> None:
    db = make_db(
        tmp_path / "a.json",
        office("องค์การบริหารส่วนตำบลบางเตย", fiscal_year=2566),
        office("องค์การบริหารส่วนตำบลบางเตย", fiscal_year=2567),
    )
    every = rollup([db], fiscal_year=None, round_=None)
    assert [row.fiscal_year for row in every.rows] == [2566, 2567]
    assert [(g.fiscal_year, g.totals.organizations, g.totals.plans) for g in every.years] == [(2566, 1, 1), (2567, 1, 1)]
    only = rollup([db], fiscal_year=2567, round_=None)
    assert [row.fiscal_year for row in only.rows] == [2567] and len(only.years) == 1
    none = rollup([db], fiscal_year=2560, round_=None)
    assert none.rows == () and none.problems == () and none.years == ()
    assert "ไม่มีแผนของปีงบประมาณ พ.ศ. ๒๕๖๐" in rollup_text(none)


def test_the_same_office_in_two_files_is_named(tmp_path: Path) -> None:
    first = make_db(tmp_path / "a" / "tracker.json", office("องค์การบริหารส่วนตำบลบางเตย"))
    copy = tmp_path / "a-copy.json"
    shutil.copyfile(first, copy)
    r = rollup(find_databases([tmp_path])[0], fiscal_year=None, round_=None)
    assert len(r.rows) == 2  # counted as the files say ...
    assert [d.paths for d in r.duplicates] == [(copy, first)]  # ... and said so
    assert "นับซ้ำ" in rollup_text(r)


# --- files that cannot be read ----------------------------------------------------------------------


def test_damaged_and_foreign_files_are_problems_and_the_rest_shows(
    province: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = province / "broken" / "tracker.json"
    damaged.parent.mkdir()
    good = (province / "bangtoei" / "tracker.json").read_bytes()
    damaged.write_bytes(good[: len(good) // 2])  # cut short, as by a crash
    foreign = province / "package.json"
    foreign.write_text('{"name": "something else", "version": "1.0.0"}', encoding="utf-8")

    code, out, err = run_rollup(capsys, str(province), "--digits", "arabic")
    assert code == 1
    assert "องค์การบริหารส่วนตำบลบางเตย" in out and "เทศบาลตำบลไร่ขิง" in out and "ดอนตูม" in out
    assert "อ่านได้ 3 จาก 4 ไฟล์ฐานข้อมูล" in out
    assert f"{damaged}: " in out and "cut short" in out
    assert f"- {foreign}: " in out and "not a tracker database" in out  # skipped, with a note
    assert err.count("\n") == 1 and err.startswith(ERROR) and "1 could not be read" in err
    assert "Traceback" not in out + err

    r = rollup(find_databases([province])[0], fiscal_year=None, round_=None)
    assert [p.path for p in r.problems] == [damaged]
    assert [k.path for k in r.skipped] == [foreign]
    assert all("\n" not in p.message and not p.message.startswith(str(p.path)) for p in r.problems)
    assert (r.files, r.files_read, r.years[0].totals.plans) == (4, 3, 3)


def test_a_damaged_plan_is_a_problem_and_the_others_of_its_file_are_rows(tmp_path: Path) -> None:
    db = make_db(tmp_path / "two.json", office("องค์การบริหารส่วนตำบลบางเตย", plan_id="good"),
                 office("องค์การบริหารส่วนตำบลไร่ขิง", plan_id="bad"))
    data = orjson.loads(db.read_bytes())
    bad = next(d for d in data["plans"].values() if d["plan_id"] == "bad")
    bad["projects"][0]["budget"] = "not an amount"
    db.write_bytes(orjson.dumps(data))
    r = rollup([db], fiscal_year=None, round_=None)
    assert [row.plan_id for row in r.rows] == ["good"]
    assert [(p.path, p.plan_id) for p in r.problems] == [(db, "bad")]
    assert (r.files, r.files_read) == (1, 1)


def test_a_file_that_vanished_is_a_problem(tmp_path: Path) -> None:
    r = rollup([tmp_path / "gone.json"], fiscal_year=None, round_=None)
    assert r.rows == () and len(r.problems) == 1 and r.files_read == 0


def test_read_while_an_office_is_editing(province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = province / "bangtoei" / "tracker.json"
    with Store.open(db, program="tracker app") as store:  # the writer lock is held
        assert store.lock_holder is not None
        code, out, _ = run_rollup(capsys, str(province))
        assert store.lock_holder is not None  # still held: the roll-up took no lock
    assert code == 0 and "องค์การบริหารส่วนตำบลบางเตย" in out


# --- which files --------------------------------------------------------------------------------------


def test_backups_hidden_and_other_files_are_skipped(province: Path) -> None:
    db = province / "bangtoei" / "tracker.json"
    with Store.open(db) as store:  # the day's first save backs the file up into backups/
        plan = store.load_plan(store.list_plans()[0].plan_id)
        plan.projects[0].remarks = "แก้ไข"
        store.save_plan(plan)
    backups = list((province / "bangtoei" / "backups").glob("*.json"))
    assert backups
    shutil.copyfile(db, province / "bangtoei" / ".tracker.json.abc.tmp.json")
    (province / ".hidden").mkdir()
    shutil.copyfile(db, province / ".hidden" / "tracker.json")
    (province / "notes.txt").write_text("ไม่ใช่ฐานข้อมูล", encoding="utf-8")

    files, problems = find_databases([province])
    assert sorted(files) == [province / name / "tracker.json" for name in ("bangtoei", "dontum", "raikhing")]
    assert problems == []
    # a file named directly is taken whatever its name; one reached twice is taken once
    files, _ = find_databases([backups[0], province, db])
    assert files[0] == backups[0] and len(files) == 4


# --- output -------------------------------------------------------------------------------------------


def test_json_output(province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_rollup(capsys, str(province), "--json", "--year", "๒๕๖๗")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["fiscal_year"] == 2567 and data["round"] is None
    assert [row["organization"] for row in data["rows"]][-1] == "องค์การบริหารส่วนตำบลบางเตย"
    seed = data["rows"][-1]
    assert (seed["completed"], seed["not_done"], seed["score"], seed["flag"]) == (17, 3, "85.00", "green")
    assert seed["budget"] == "180000.00" and seed["path"].endswith("tracker.json")
    [year] = data["years"]
    assert year["fiscal_year"] == 2567 and "totals" not in data  # totals only per fiscal year
    assert year["totals"]["projects"] == 60 and year["totals"]["mean_score"] == "63.33"
    assert year["totals"]["flags"] == {"green": 1, "orange": 1, "red": 1}
    assert data["problems"] == [] and data["skipped"] == []


def test_csv_has_a_bom_guards_formulas_and_lists_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_db(tmp_path / "dbs" / "a.json", office("=HYPERLINK(\"http://x\")", plan_id="@evil", district="-1+2"))
    (tmp_path / "dbs" / "b.json").write_text('{"meta": {"1": {"app": "tracker", "schema_version": "x"}}}',
                                              encoding="utf-8")
    out_csv = tmp_path / "out" / "rollup.csv"
    code, out, _ = run_rollup(capsys, str(tmp_path / "dbs"), "--csv", str(out_csv))
    assert code == 1 and "wrote the CSV" in out
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode(ENCODING), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["kind"] for row in rows] == ["plan", "total", "problem"]
    assert rows[0]["organization"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["plan_id"] == "'@evil" and rows[0]["district"] == "'-1+2"
    assert (rows[0]["score"], rows[0]["budget"], rows[0]["completed"]) == ("85.00", "180000.00", "17")
    assert rows[2]["path"].endswith("b.json") and "schema_version is damaged" in rows[2]["problem"]
    assert rows[2]["score"] == ""


def test_csv_and_json_together_keep_stdout_json(province: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_rollup(capsys, str(province), "--json", "--csv", str(tmp_path / "r.csv"))
    assert code == 0 and json.loads(out)["years"][0]["totals"]["plans"] == 3 and "wrote the CSV" in err


HOSTILE = "[bold red]x[/] \x1b[31mแดง\x1b[0m"


def test_hostile_names_print_as_typed_and_escapes_are_shown_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_db(tmp_path / "a.json", office(HOSTILE, district="[link=http://x]y[/link]", province="จ\x9b31m"))
    for width in ("200", "80"):  # the wide table and the compact one
        monkeypatch.setenv("COLUMNS", width)
        code, out, err = run_rollup(capsys, str(tmp_path))
        assert code == 0, err
        assert "[bold red]x[/]" in out and "␛[31mแดง␛[0m" in out
        assert "[link=http://x]y[/link]" in out and "จ\\x9b31m" in out
        assert "\x1b" not in out and "\x9b" not in out
    r = rollup([tmp_path / "a.json"], fiscal_year=None, round_=None)
    text = rollup_text(r)
    assert "[bold red]x[/]" in text and "\x1b" not in text and "\\x9b31m" in text
    # On a colour terminal the styles are ours (the flag's colour), the name's escapes still only shown.
    screen = io.StringIO()
    Console(file=screen, force_terminal=True, color_system="truecolor", width=200).print(rollup_renderable(r))
    shown = screen.getvalue()
    assert "\x1b[" in shown and "␛[31mแดง␛[0m" in shown and "\x1b[31mแดง" not in shown
    assert "[bold red]x[/]" in shown and "\x9b" not in shown


def test_plain_text_has_the_table_and_totals_in_thai(province: Path) -> None:
    r = rollup(find_databases([province])[0], fiscal_year=2567, round_=Round.TWELVE)
    text = rollup_text(r, DigitStyle.THAI)
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๑๒ เดือน" in text
    for heading in ("จังหวัด", "อำเภอ", "องค์กร", "แล้วเสร็จ", "ร้อยละ", "ธง", "ระดับ", "งบประมาณ", "เบิกจ่าย"):
        assert heading in text, heading
    assert "รวมปีงบประมาณ พ.ศ. ๒๕๖๗ ๓ องค์กร ๓ แผน โครงการ ๖๐" in text
    assert "เฉลี่ยร้อยละ ๖๓.๓๓" in text and "ธงเขียว ๑" in text and "๕๔๐,๐๐๐.๐๐" in text
    arabic = rollup_text(r, DigitStyle.ARABIC, width=80)  # compact: marks for the statuses
    assert "✓" in arabic and "63.33" in arabic and "อ.สามพราน จ.นครปฐม" in arabic


def test_csv_bytes_and_json_of_an_empty_rollup() -> None:
    r = rollup([], fiscal_year=None, round_=None)
    assert isinstance(r, Rollup) and r.years == ()
    assert rollup_csv_bytes(r).decode(ENCODING).strip() == ",".join(CSV_COLUMNS)
    assert rollup_json(r)["years"] == []


def test_thai_order_files_leading_vowels_under_their_consonant() -> None:
    names = ["องค์การบริหารส่วนตำบลบางเตย", "เทศบาลตำบลไร่ขิง", "เทศบาลเมืองนครปฐม", "กรุงเทพ"]
    assert sorted(names, key=thai_order) == [
        "กรุงเทพ", "เทศบาลตำบลไร่ขิง", "เทศบาลเมืองนครปฐม", "องค์การบริหารส่วนตำบลบางเตย",
    ]


# --- the command's arguments --------------------------------------------------------------------------


def test_wrong_arguments_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_rollup(capsys, str(tmp_path / "no-such-folder"))
    assert code == 2 and err.count("\n") == 1 and "no such folder or file" in err
    with pytest.raises(SystemExit) as exc:
        main(["rollup", str(tmp_path), "--year", "2024"])  # a Christian-era year: refused, not silently empty
    assert exc.value.code == 2
    assert "Buddhist-era" in capsys.readouterr().err
    code, _, err = run_rollup(capsys, str(tmp_path), "--csv", str(tmp_path))
    assert code == 2 and "is a folder" in err


@pytest.mark.parametrize(
    ("year", "said"),
    [
        ("2024", "ใช้ปี พ.ศ. เช่น 2567 (write the Buddhist-era year, not 2024)"),
        ("2800", "ปีงบประมาณ 2800 อยู่นอกช่วงที่เป็นไปได้ (not a plausible fiscal year)"),
        ("2450", "ปีงบประมาณ 2450 อยู่นอกช่วงที่เป็นไปได้ (not a plausible fiscal year)"),
        ("ปี", "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น ๒๕๖๗ (not a year: 'ปี')"),
    ],
)
def test_year_follows_the_one_fiscal_year_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str, said: str
) -> None:
    """--year is read by parse_fiscal_year, as the plan's form and the importer read a year: 2500-2700,
    a Christian-era year refused naming the Buddhist-era one (exit 2, one line)."""
    with pytest.raises(SystemExit) as exc:
        main(["rollup", str(tmp_path), "--year", year])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1
    assert err.startswith(f"tracker rollup: ข้อผิดพลาด (error): argument --year: {said} — ")


def test_year_in_thai_digits(province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_rollup(capsys, str(province), "--json", "--year", "๒๕๖๗")
    assert code == 0 and err == "" and json.loads(out)["fiscal_year"] == 2567
    code, out, err = run_rollup(capsys, str(province), "--json", "--year", "พ.ศ. 2567")
    assert code == 0 and err == "" and json.loads(out)["fiscal_year"] == 2567


def test_a_folder_without_databases_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = run_rollup(capsys, str(tmp_path / "empty"))
    assert code == 1 and out == "" and "no database files found" in err
