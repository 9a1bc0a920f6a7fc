"""An exported Markdown report imported again: the same plan, and exporting it again gives the same file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain.model import LevelBand, Plan, Round, RoundResult, Status, plan_to_dict
from tracker.domain.thai import DigitStyle
from tracker.importer import markdown_report as markdown_import
from tracker.importer import report_base
from tracker.importer.defaults import SEED_REPORT, default_plan
from tracker.importer.markdown_report import import_markdown, looks_like_markdown
from tracker.importer.reader import import_path
from tracker.importer.report_text import ReportError
from tracker.reports import markdown_report as markdown_export
from tracker.reports import wording
from tracker.reports.export import ExportFormat, write_export
from tracker.reports.markdown_report import markdown_report

HOSTILE = "[bold]แดง[/bold] | ช่อง\nบรรทัดใหม่ **หนา** <br> \\ `x` &amp;"
"""Rich markup, a cell separator, a line break, Markdown emphasis, a raw tag, a backslash, code, an entity."""


def issue18_plan(round_: Round) -> Plan:
    """The default plan with every field of issue 18 set somewhere in ``round_``: appropriated amounts
    (differing from the budget, the same as it, on a project that needs no budget), the included flag
    both ways, round remarks (hostile ones, beside a project remark and alone) and entered marks."""
    plan = default_plan()
    plan.round = round_
    projects = plan.projects
    for project in projects:
        project.results.setdefault(round_, RoundResult(Status.IN_PROGRESS, "ดำเนินการ"))
    budgeted = [p for p in projects if p.budget is not None]
    unbudgeted = [p for p in projects if p.budget is None]
    assert budgeted[0].budget is not None and budgeted[1].budget is not None
    budgeted[0].appropriated = budgeted[0].budget - Decimal("1000")  # shown in part 3
    budgeted[1].appropriated = budgeted[1].budget  # the same: carried in the hidden line
    unbudgeted[0].appropriated = Decimal("0.00")  # nothing appropriated for a project without a budget
    unbudgeted[1].appropriated = Decimal("2500.50")
    unbudgeted[1].results[round_].disbursed = Decimal("0.00")  # spent nothing of it yet: not "needs no budget"
    projects[3].included = True
    projects[4].included = False
    projects[5].remarks = "ของโครงการ"
    projects[5].results[round_].remark = HOSTILE
    projects[6].results[round_].remark = HOSTILE + "\n"
    projects[7].remarks = HOSTILE
    projects[7].results[round_].remark = "  เว้นวรรคหน้า"
    projects[8].results[round_].entered = True
    projects[9].results[round_] = RoundResult(entered=True)  # the mark alone, nothing else reported
    return plan


@pytest.mark.parametrize("round_", list(Round), ids=lambda r: f"{int(r)}-months")
@pytest.mark.parametrize("digits", list(DigitStyle))
def test_export_import_export_gives_the_same_file(tmp_path: Path, round_: Round, digits: DigitStyle) -> None:
    plan = default_plan()
    first = write_export(plan, ExportFormat.MARKDOWN, round_, digits, tmp_path / "first.md")
    imported = import_path(first)
    assert imported.findings == []
    # The imported plan defaults to what the file was written with: its round and digit style.
    assert (imported.plan.round, imported.plan.settings.digit_style) == (round_, digits)
    second = write_export(imported.plan, ExportFormat.MARKDOWN, path=tmp_path / "second.md")
    assert second.read_bytes() == first.read_bytes()


def comparable(plan: Plan, round_: Round) -> dict[str, object]:
    """What the export of ``round_`` writes of a plan (not the stated figures, the stored "results" text or
    the source file's name, and only the results of that round)."""
    data = plan_to_dict(plan)
    # The round's own narrative, or the other's retold for it, as the export wrote it.
    data["narratives"] = {k: v for k, v in plan.narrative_for(round_).items() if k != "results"}
    for key in ("stated", "source"):
        data.pop(key)
    for project in data["projects"]:
        project["results"] = {k: v for k, v in project["results"].items() if k == str(int(round_))}
    return data


@pytest.mark.parametrize("round_", list(Round))
def test_the_import_restores_everything_the_export_wrote(round_: Round) -> None:
    plan = default_plan()
    plan.round = round_
    imported = import_markdown(markdown_report(plan), source="x.md").plan
    assert comparable(imported, round_) == comparable(plan, round_)
    assert imported.source == "x.md"


@pytest.mark.parametrize("round_", list(Round), ids=lambda r: f"{int(r)}-months")
@pytest.mark.parametrize("digits", list(DigitStyle))
def test_issue_18_fields_round_trip(tmp_path: Path, round_: Round, digits: DigitStyle) -> None:
    plan = issue18_plan(round_)
    plan.settings.digit_style = digits
    source = markdown_report(plan)
    imported = import_markdown(source)
    assert imported.findings == []
    assert comparable(imported.plan, round_) == comparable(plan, round_)
    assert markdown_report(imported.plan) == source  # and exported again, the same file


def test_issue_18_fields_are_where_expected() -> None:
    plan = issue18_plan(Round.TWELVE)
    imported = import_markdown(markdown_report(plan)).plan
    p = imported.projects
    assert [q.appropriated for q in p if q.appropriated is not None] == [
        q.appropriated for q in plan.projects if q.appropriated is not None
    ]
    assert (p[3].included, p[4].included, p[0].included) == (True, False, None)
    assert (p[5].remarks, p[5].results[Round.TWELVE].remark) == ("ของโครงการ", HOSTILE)
    assert (p[7].remarks, p[7].results[Round.TWELVE].remark) == (HOSTILE, "  เว้นวรรคหน้า")
    assert p[6].results[Round.TWELVE].remark == HOSTILE + "\n"
    assert p[8].results[Round.TWELVE].entered and p[9].results[Round.TWELVE] == RoundResult(entered=True)
    assert not p[10].results[Round.TWELVE].entered


def test_the_exporter_and_importer_agree_on_their_words() -> None:
    assert report_base.PROJECT_REMARK_LABEL == wording.PROJECT_REMARK_LABEL  # which the Markdown export writes
    assert markdown_import.HIDDEN_PROJECTS_KEY == markdown_export.HIDDEN_PROJECTS_KEY


def test_part_2s_remark_cell_the_rounds_plainly_the_projects_after_its_label() -> None:
    plan = default_plan()
    plan.projects[1].results[Round.TWELVE].remark = "ของรอบ"
    plan.projects[2].remarks = "หมายเหตุเดิม"
    source = markdown_report(plan)
    assert "| ของรอบ |" in source and "| **หมายเหตุโครงการ:** หมายเหตุเดิม |" in source
    imported = import_markdown(source).plan.projects
    assert (imported[1].remarks, imported[1].results[Round.TWELVE].remark) == ("", "ของรอบ")
    assert (imported[2].remarks, imported[2].results[Round.TWELVE].remark) == ("หมายเหตุเดิม", "")


def test_a_markdown_export_with_the_earlier_label_of_the_rounds_remark_reads_as_written() -> None:
    # Exports written before the round's remark was printed plainly: the project's first, the round's after
    # "หมายเหตุของรอบ:".
    plan = default_plan()
    plan.projects[1].results[Round.TWELVE].remark = "ของรอบ"
    plan.projects[2].remarks = "ของโครงการ"
    plan.projects[2].results[Round.TWELVE].remark = "รอบนี้"
    source = markdown_report(plan)
    old = (
        source.replace("| ของรอบ |", "| **หมายเหตุของรอบ:** ของรอบ |")
        .replace("| รอบนี้<br>**หมายเหตุโครงการ:** ของโครงการ |", "| ของโครงการ<br>**หมายเหตุของรอบ:** รอบนี้ |")
    )
    assert old.count("หมายเหตุของรอบ") == 2
    imported = import_markdown(old)
    assert imported.findings == []
    assert comparable(imported.plan, Round.TWELVE) == comparable(plan, Round.TWELVE)


@pytest.mark.parametrize(
    "carried",
    ['"x"', '{"3":{"included":1}}', '{"3":{"entered":"true"}}', '{"3":{"appropriated":"1e3"}}',
     '{"3":{"appropriated":1000}}', '{"3":{"colour":"red"}}', '{"สาม":{"included":true}}', '{"3":[]}'],
)
def test_hidden_fields_the_export_never_writes_are_left_out(carried: str) -> None:
    plan = default_plan()
    plan.projects[3].included = True
    source = markdown_report(plan)
    first, rest = source.split("\n", 1)
    assert '"projects":{"4":{"included":true}}' in first
    edited = first.replace('{"4":{"included":true}}', carried) + "\n" + rest
    imported = import_markdown(edited)
    assert [f.code for f in imported.findings] == ["HIDDEN_FIELDS_UNREADABLE"]
    assert all(p.included is None and p.appropriated is None for p in imported.plan.projects)
    assert len(imported.plan.projects) == 20


def test_identity_settings_and_reasons_come_back() -> None:
    plan = default_plan()
    plan.plan_id = "บางเตย-พิเศษ"
    plan.settings.level_bands[1] = LevelBand(Decimal(75), "ดี")
    project = plan.projects[14]
    project.results[Round.TWELVE].reason_text = "ขาดผู้รับผิดชอบ"
    project.remarks = "ย้ายไปปีหน้า"
    imported = import_markdown(markdown_report(plan)).plan
    assert imported.plan_id == "บางเตย-พิเศษ"
    assert imported.settings.level_bands == plan.settings.level_bands
    again = imported.projects[14]
    assert again.results[Round.TWELVE] == project.results[Round.TWELVE]
    assert again.remarks == "ย้ายไปปีหน้า"


def test_the_reader_is_chosen_by_name_or_content(tmp_path: Path) -> None:
    source = markdown_report(default_plan())
    as_text = tmp_path / "report.txt"
    as_text.write_text(source, encoding="utf-8")
    assert looks_like_markdown(source) and not looks_like_markdown(SEED_REPORT.read_text(encoding="utf-8"))
    assert import_path(as_text).plan.projects == import_markdown(source).plan.projects
    seed = import_path(SEED_REPORT)
    assert seed.plan.stated.total == 20  # read by the importer of seed-like text, stated figures and all
    seed_as_md = tmp_path / "seed.md"
    seed_as_md.write_bytes(SEED_REPORT.read_bytes())
    assert import_path(seed_as_md).plan.stated.total == 20  # its tab-separated tables tell, not its name
    plain_md = tmp_path / "plain.md"
    plain_md.write_text("ฉบับแก้ไขด้วยมือ\n\n" + source.split("\n", 2)[2], encoding="utf-8")  # a note, no hidden line
    assert not looks_like_markdown(plain_md.read_text(encoding="utf-8"))
    assert len(import_path(plain_md).plan.projects) == 20


def test_a_file_without_the_hidden_line_still_imports() -> None:
    source = markdown_report(default_plan(), digits=DigitStyle.ARABIC)
    imported = import_markdown(source.split("\n", 2)[2])
    assert imported.plan.settings.digit_style is DigitStyle.ARABIC  # from the cover's digits
    assert imported.plan.plan_id == "บางเตย-2567"
    assert len(imported.plan.projects) == 20


def test_hand_edits_that_disagree_are_reported() -> None:
    source = markdown_report(default_plan(), digits=DigitStyle.ARABIC)
    part3 = source.index("## 3.")
    head, tail = source[:part3], source[part3:]
    tail = tail.replace("| 7 | มาตรการ NO Gift Policy |", "| 7 | มาตรการ No Gift |")
    tail = tail.replace("\n| 20 | มาตรการจัดให้มีระบบ", "\n| 99 | มาตรการจัดให้มีระบบ")
    edited = head.replace("### ข้อเสนอแนะ", "### ข้อคิดเห็น") + tail
    result = import_markdown(edited)
    codes = [(f.code, f.project) for f in result.findings]
    assert ("TABLES_DISAGREE", 7) in codes
    assert ("MISSING_IN_DETAIL", 20) in codes and ("MISSING_IN_SUMMARY", 99) in codes
    assert "SECTION_UNKNOWN" in [c for c, _ in codes]
    assert result.plan.project(7) is not None and result.plan.project(7).name == "มาตรการ NO Gift Policy"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    ["", "# หัวข้อ\n\nข้อความ\n", "<!-- tracker-export {} -->\n\nไม่มีหัวเรื่อง\n",
     "# รายงาน\n\n**องค์การบริหารส่วนตำบลทดสอบ**<br>\nประจำปีงบประมาณ พ.ศ. 2568\n\n## คำนำ\n\nx\n"],
    ids=["empty", "no cover", "no title", "no tables"],
)
def test_markdown_that_is_not_a_report_is_refused(text: str) -> None:
    with pytest.raises(ReportError):
        import_markdown(text)
