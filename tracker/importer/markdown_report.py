"""Read a report exported as Markdown (:mod:`tracker.reports.markdown_report`) back into a plan.

The export writes user text escaped and its own structure unescaped (:mod:`tracker.domain.markdown`),
so this reader splits at the structure and unescapes the rest: the cover gives the plan's identity,
the narrative sections their text, part 2's table the dimension, status, budget and remarks of each
project, part 3's table the rest, part 1's table of dimensions their names, and the hidden first line
the settings the file was written with (digit style, level bands, round, plan id) and what the
visible report does not print of a project (included in the budget ordinance, the round's "entered in
e-PlanNACC" mark, an appropriated amount that part 3 leaves out because it is the plan's budget).
Part 2's หมายเหตุ cell gives the round's remark and, after the exporter's label, the project's own (a file
exported before that gives the project's first and the round's after the label it wrote then); the budget
cells of parts 2 and 3 the amount appropriated in the budget ordinance where it differs from the plan's.
Exporting the imported plan again gives the same file.

Figures written in the report (counts, totals, score) are not read: they are computed again. Where
the two tables disagree (a file edited by hand), part 2 is kept and a finding says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.domain.columns import (
    APPROPRIATED_PREFIXES,
    DETAIL_COLUMNS,
    DIMENSION_COLUMNS,
    SUMMARY_BUDGET_HEADINGS,
    SUMMARY_COLUMNS,
    SUMMARY_STATUS_HEADINGS,
    is_tick,
)
from tracker.domain.findings import Finding, Severity
from tracker.domain.history import APPENDIX_HEADING
from tracker.domain.layout import (
    CONTENTS_HEADING,
    DIMENSIONS_HEADING,
    DISTRICT_PREFIX,
    NOT_STATED,
    PART1_HEADING,
    PART2_HEADING,
    PART3_HEADING,
    PREPARED_BY,
    PROVINCE_PREFIX,
    REASON_LABEL,
    REASON_SEPARATOR,
    SUCCESS_FACTORS_HEADING,
    TOTAL_LABEL,
    unit_of,
)
from tracker.domain.markdown import (
    LINE_BREAK,
    META_OPEN,
    META_VERSION,
    is_delimiter_row,
    read_meta,
    split_row,
    unescape,
    unescape_paragraphs,
)
from tracker.domain.model import (
    DEFAULT_LEVEL_BANDS,
    NARRATIVE_SECTIONS,
    REASON_LABELS,
    Dimension,
    LevelBand,
    Plan,
    PlanSettings,
    Project,
    ProjectKind,
    ReasonKind,
    Round,
    RoundResult,
    Status,
    ensure_uids,
    make_plan_id,
)
from tracker.domain.thai import (
    NO_BUDGET_TEXT,
    THAI_DIGITS,
    AmountError,
    DigitStyle,
    parse_baht,
    to_arabic_digits,
)
from tracker.importer.errors import ReportError
from tracker.importer.report_base import OLD_ROUND_REMARK_LABEL, PROJECT_REMARK_LABEL
from tracker.importer.report_text import FISCAL_YEAR_RE, ROUND_RE, ImportResult, cover_fiscal_year

_HEADING_RE = re.compile(r"^(#{1,6}) (.*)$")
_NARRATIVE_HEADINGS = {s.heading: s.key for s in NARRATIVE_SECTIONS if s.key not in ("title", "results")}
_RESULTS_HEADING = next(s.heading for s in NARRATIVE_SECTIONS if s.key == "results")
_TOTAL_CELL = f"**{TOTAL_LABEL}**"
_REASON_MARK = f"**{REASON_LABEL}:**"
_PROJECT_REMARK_MARK = f"**{PROJECT_REMARK_LABEL}:** "
_OLD_ROUND_REMARK_MARK = f"**{OLD_ROUND_REMARK_LABEL}:** "
HIDDEN_PROJECTS_KEY = "projects"
"""The hidden line's key of what it carries per project (tracker.reports.markdown_report's, likewise)."""


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` reads as a Markdown report: it opens with the export's hidden line or a ``#`` title."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.startswith(META_OPEN) or first.startswith("# ")


def import_markdown(text: str, source: str = "") -> ImportResult:
    """Build a plan from the text of a Markdown report; ReportError when it is not one."""
    return _Reader(text, source).run()


@dataclass(slots=True)
class _Section:
    level: int
    title: str
    """The heading's text, unescaped."""
    body: list[str]
    line_no: int


@dataclass(slots=True)
class _Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]
    """(line number, cells still escaped) of each row under the delimiter row."""

    def column(self, heading: str) -> int | None:
        return self.header.index(heading) if heading in self.header else None


@dataclass(slots=True)
class _Row:
    """What one table says of one project (None: the table says nothing of it)."""

    line_no: int
    name: str
    dimension: int | None = None
    status: Status | None = None
    budget: Decimal | None = None
    needs_no_budget: bool = False
    disbursed: Decimal | None = None
    appropriated: Decimal | None = None
    remarks: str = ""
    round_remark: str = ""
    method: str = ""
    indicator: str = ""
    period: str = ""
    result_text: str = ""
    reason: ReasonKind | None = None
    reason_text: str = ""
    unit: str = ""


_RowReader = Callable[[_Table, int, int, list[str]], _Row]


@dataclass(slots=True)
class _Cover:
    title: str = ""
    organization: str = ""
    fiscal_year: int | None = None
    round: Round | None = None
    preparing_unit: str = ""
    district: str = ""
    province: str = ""
    thai_digits: bool = False


@dataclass(slots=True)
class _Reader:
    text: str
    source: str
    findings: list[Finding] = field(default_factory=list)

    def find(self, code: str, message: str, project: int | None = None, detail: str = "") -> None:
        self.findings.append(Finding(code, Severity.WARNING, message, project, detail))

    def run(self) -> ImportResult:
        lines = self.text.replace("\r\n", "\n").split("\n")
        meta = next((read_meta(line) for line in lines if line.strip()), None) or {}
        sections = _sections(lines)
        if not sections or sections[0].level != 1:
            raise ReportError("ไม่พบชื่อรายงาน (# ...) ที่ต้นไฟล์ Markdown (no report title: not an exported report)")
        cover = self._cover(sections[0])
        if not cover.organization or cover.fiscal_year is None:
            raise ReportError(
                "หน้าปกของไฟล์ Markdown ไม่ระบุชื่อองค์กรหรือปีงบประมาณ (the cover names no organization or fiscal year)"
            )
        round_ = self._round(cover, meta)
        hidden = self._hidden(meta)
        narrative: dict[str, str] = {"title": cover.title}
        summary: dict[int, _Row] = {}
        detail: dict[int, _Row] = {}
        dimensions: list[Dimension] = []
        for section in sections[1:]:
            key = self._narrative_key(section)
            if key is not None:
                text = unescape_paragraphs(_framed(section.body))
                if text.strip():
                    narrative[key] = text
            for table in _tables(section.body, section.line_no + 1):
                if table.column(DIMENSION_COLUMNS[1].heading) is not None:
                    dimensions = self._dimensions(table)
                elif table.column(_summary_heading("name")) is not None:
                    summary = self._rows(table, "ส่วนที่ ๒", self._summary_row)
                elif table.column(DETAIL_COLUMNS[2].heading) is not None:
                    detail = self._rows(table, "ส่วนที่ ๓", self._detail_row)
        if not summary and not detail:
            raise ReportError("ไม่พบตารางส่วนที่ ๒ หรือ ๓ ในไฟล์ Markdown (no project table: not an exported report)")
        plan = Plan(
            plan_id=_plan_id(meta) or make_plan_id(cover.organization, cover.fiscal_year),
            organization=cover.organization,
            fiscal_year=cover.fiscal_year,
            district=cover.district,
            province=cover.province,
            preparing_unit=cover.preparing_unit,
            round=round_,
            narratives={round_: narrative},
            settings=PlanSettings(level_bands=self._level_bands(meta), digit_style=self._digits(meta, cover)),
            projects=self._merge(round_, summary, detail, hidden),
            source=self.source,
        )
        if dimensions:
            plan.dimensions = dimensions
        ensure_uids(plan)  # imported projects are p1..pN, the same every time
        return ImportResult(plan, self.findings)

    # --- the cover and the hidden line -----------------------------------------------------------

    def _cover(self, section: _Section) -> _Cover:
        cover = _Cover(title=section.title)
        body = section.body
        for index, raw in enumerate(body):
            # The exporter ends every line of a cover paragraph but its last with a <br>; the last line's
            # own text may end with one (a value ending in a line break), which is then the text's.
            last = index + 1 == len(body) or not body[index + 1].strip()
            line = raw[: -len(LINE_BREAK)] if raw.endswith(LINE_BREAK) and not last else raw
            if not line.strip():
                continue
            if line.startswith("**") and line.endswith("**") and len(line) >= 4 and not cover.organization:
                cover.organization = unescape(line[2:-2])
            elif line.startswith(PREPARED_BY):
                cover.preparing_unit = unit_of(
                    unescape(line[len(PREPARED_BY) :].removeprefix(" ")), cover.organization
                )
            elif line.startswith(DISTRICT_PREFIX):
                cover.district = unescape(line[len(DISTRICT_PREFIX) :])
            elif line.startswith(PROVINCE_PREFIX):
                cover.province = unescape(line[len(PROVINCE_PREFIX) :])
            else:
                arabic = to_arabic_digits(line)
                if (year := FISCAL_YEAR_RE.search(arabic)) and cover.fiscal_year is None:
                    cover.fiscal_year = cover_fiscal_year(year.group(1))
                    cover.thai_digits = any(d in line for d in THAI_DIGITS)
                elif (months := ROUND_RE.search(arabic)) and months.group(1) in ("6", "12"):
                    cover.round = Round(int(months.group(1)))
        return cover

    def _round(self, cover: _Cover, meta: dict[str, object]) -> Round:
        if cover.round is not None:
            return cover.round
        round_ = meta.get("round")
        if type(round_) is int and round_ in (6, 12):  # not True, not 6.0: the export writes an int
            return Round(round_)
        self.find("ROUND_NOT_STATED", "หน้าปกไม่ระบุรอบการรายงาน (the cover states no round)",
                  detail="ถือเป็นรอบ ๑๒ เดือน (taken as the 12-month round)")
        return Round.TWELVE

    def _digits(self, meta: dict[str, object], cover: _Cover) -> DigitStyle:
        digits = meta.get("digits")
        if isinstance(digits, str) and digits in {s.value for s in DigitStyle}:
            return DigitStyle(digits)
        return DigitStyle.THAI if cover.thai_digits else DigitStyle.ARABIC

    def _level_bands(self, meta: dict[str, object]) -> list[LevelBand]:
        version = meta.get("version")
        if type(version) is int and version > META_VERSION:
            self.find("NEWER_EXPORT", "ไฟล์นี้ส่งออกจากโปรแกรมรุ่นใหม่กว่า (exported by a newer version)",
                      detail="อ่านเท่าที่อ่านได้ (read what this version understands)")
        bands = meta.get("level_bands")
        if bands is None:
            return list(DEFAULT_LEVEL_BANDS)
        try:
            assert isinstance(bands, list)
            read = [LevelBand(Decimal(str(b["minimum"])), str(b["label"])) for b in bands]
            if not all(band.minimum.is_finite() for band in read):  # NaN would make every comparison raise
                raise ArithmeticError("not a finite score")
            return read
        except (AssertionError, KeyError, TypeError, ArithmeticError):
            self.find("LEVEL_BANDS_UNREADABLE", "เกณฑ์ระดับในไฟล์อ่านไม่ได้ (the level bands cannot be read)",
                      detail="ใช้เกณฑ์ตั้งต้น (kept the default bands)")
            return list(DEFAULT_LEVEL_BANDS)

    def _hidden(self, meta: dict[str, object]) -> dict[int, _Hidden]:
        """What the hidden line carries per project (see :func:`_hidden_of`); a value the export could not
        have written is left out with a finding, the rest of the file read."""
        carried = meta.get(HIDDEN_PROJECTS_KEY)
        if carried is None:
            return {}
        if not isinstance(carried, dict):
            self._unreadable_hidden(None)
            return {}
        hidden: dict[int, _Hidden] = {}
        for key, fields in carried.items():
            number = _int(key) if isinstance(key, str) else None
            read = _hidden_of(fields)
            if number is None or read is None:
                self._unreadable_hidden(number)
                continue
            hidden[number] = read
        return hidden

    def _unreadable_hidden(self, number: int | None) -> None:
        whose = "" if number is None else f"ของโครงการลำดับ {number} "
        self.find("HIDDEN_FIELDS_UNREADABLE",
                  f"ข้อมูลที่ไม่แสดงในรายงาน{whose}(บรรทัดซ่อนแรกของไฟล์) อ่านไม่ได้"
                  " (the hidden first line's project fields cannot be read)", number,
                  detail="การบรรจุในข้อบัญญัติ เครื่องหมายบันทึกใน e-PlanNACC และวงเงินตามข้อบัญญัติที่ไม่แสดงไว้"
                  " ถือว่าไม่ทราบ (included, entered and an unshown appropriated amount are taken as unknown)")

    # --- sections -----------------------------------------------------------------------------------

    def _narrative_key(self, section: _Section) -> str | None:
        title = section.title
        if section.level == 2:
            arabic = to_arabic_digits(title)
            if title == CONTENTS_HEADING or any(
                arabic.startswith(f"{n}. {h}") for n, h in ((1, PART1_HEADING), (2, PART2_HEADING), (3, PART3_HEADING))
            ):
                return None
        if title in _NARRATIVE_HEADINGS:
            return _NARRATIVE_HEADINGS[title]
        if title in (SUCCESS_FACTORS_HEADING, DIMENSIONS_HEADING, APPENDIX_HEADING) or title.startswith(
            f"{_RESULTS_HEADING} ("
        ):
            return None  # headings of computed figures, of other headings, or the change log appendix
        self.find("SECTION_UNKNOWN", f"บรรทัด {section.line_no}: หัวข้อ \u201c{title}\u201d ไม่ใช่หัวข้อของรายงาน"
                  " ไม่ได้นำเข้า (a heading the report does not have was skipped)")
        return None

    # --- tables -------------------------------------------------------------------------------------

    def _dimensions(self, table: _Table) -> list[Dimension]:
        _check_shape(table, ("ตารางมิติในส่วนที่ ๑", "part 1's table of dimensions"))
        c_number, c_name = table.column(DIMENSION_COLUMNS[0].heading), table.column(DIMENSION_COLUMNS[1].heading)
        dimensions = []
        for line_no, cells in table.rows:
            number = _int(_cell(cells, c_number))
            if number is None:
                if _cell(cells, c_name) != _TOTAL_CELL:
                    self.find("TABLE_ROW_UNREAD", f"บรรทัด {line_no}: แถวของตารางมิติไม่มีเลขมิติ ไม่ได้นำเข้า"
                              " (a dimension row without a number was skipped)")
                continue
            dimensions.append(Dimension(number, unescape(_cell(cells, c_name))))
        return dimensions

    def _rows(self, table: _Table, part: str, read: _RowReader) -> dict[int, _Row]:
        _check_shape(table, (part, "part " + to_arabic_digits(part.removeprefix("ส่วนที่ "))))
        rows: dict[int, _Row] = {}
        c_number = table.column(SUMMARY_COLUMNS[0].heading)
        for line_no, cells in table.rows:
            number = _int(_cell(cells, c_number))
            if number is None:
                if _TOTAL_CELL not in cells:
                    self.find("TABLE_ROW_UNREAD", f"{part} บรรทัด {line_no}: แถวที่ไม่มีลำดับโครงการ ไม่ได้นำเข้า"
                              " (a table row without an order number was skipped)")
                continue
            if number in rows:
                self.find("DUPLICATE_NUMBER", f"{part} บรรทัด {line_no}: ลำดับ {number} ซ้ำกับบรรทัด"
                          f" {rows[number].line_no} (order number used twice)", number,
                          detail="ใช้แถวแรก (kept the first row)")
                continue
            rows[number] = read(table, line_no, number, cells)
        return rows

    def _summary_row(self, table: _Table, line_no: int, number: int, cells: list[str]) -> _Row:
        def cell(heading: str) -> str:
            return _cell(cells, table.column(heading))

        ticked = [s for s, h in SUMMARY_STATUS_HEADINGS.items() if is_tick(unescape(cell(h)))]
        remarks, round_remark = _remarks(cell(_summary_heading("remarks")))
        budget_text, appropriated = _split_appropriated(cell(SUMMARY_BUDGET_HEADINGS["budget"]))
        if len(ticked) > 1:
            self.find("STATUS_TWICE", f"โครงการลำดับ {number} ถูกทำเครื่องหมายหลายสถานะ (more than one status ticked)",
                      number, detail=f"ใช้ {ticked[0].label} (kept the first ticked column)")
        return _Row(
            line_no=line_no,
            name=unescape(cell(_summary_heading("name"))),
            dimension=_int(cell(_summary_heading("dimension"))),
            status=ticked[0] if ticked else Status.NOT_REPORTED,
            budget=self._amount(budget_text, number),
            appropriated=None if appropriated is None else self._amount(appropriated, number),
            needs_no_budget=is_tick(unescape(cell(SUMMARY_BUDGET_HEADINGS["no_budget"]))),
            disbursed=self._amount(cell(SUMMARY_BUDGET_HEADINGS["disbursed"]), number),
            remarks=remarks,
            round_remark=round_remark,
        )

    def _detail_row(self, table: _Table, line_no: int, number: int, cells: list[str]) -> _Row:
        def cell(key: str) -> str:
            heading = next(c.heading for c in DETAIL_COLUMNS if c.key == key)
            return _cell(cells, table.column(heading))

        budget_text, appropriated = _split_appropriated(cell("budget"))
        row = _Row(
            line_no=line_no,
            name=unescape(cell("name")),
            method=unescape(cell("method")),
            indicator=unescape(cell("indicator")),
            budget=None if budget_text == NO_BUDGET_TEXT else self._amount(budget_text, number),
            appropriated=None if appropriated is None else self._amount(appropriated, number),
            needs_no_budget=budget_text == NO_BUDGET_TEXT,
            period=unescape(cell("period")),
            disbursed=None if cell("disbursed") == NO_BUDGET_TEXT else self._amount(cell("disbursed"), number),
            unit=unescape(cell("unit")),
        )
        self._result(row, number, cell("result"))
        return row

    def _result(self, row: _Row, number: int, source: str) -> None:
        """The result text and, after the exporter's mark, the reason the project could not be done."""
        at = source.find(_REASON_MARK)  # user text has every "*" escaped: an unescaped "**" is the mark
        if at < 0:
            row.result_text = unescape(source)
            return
        before, rest = source[:at], source[at + len(_REASON_MARK) :]
        row.result_text = unescape(before.removesuffix(LINE_BREAK))
        for kind, label in REASON_LABELS.items():
            if rest == f" {label}" or rest.startswith(f" {label}{REASON_SEPARATOR}"):
                row.reason, rest = kind, rest[len(label) + 1 :]
                break
        if rest.startswith(REASON_SEPARATOR):
            row.reason_text = unescape(rest[len(REASON_SEPARATOR) :])
        elif rest.strip():
            row.reason, row.reason_text = ReasonKind.OTHER, unescape(rest.strip())
            self.find("REASON_UNKNOWN", f"โครงการลำดับ {number}: เหตุผลไม่ใช่หนึ่งในสี่ข้อของระบบ (not one of the four reasons)",
                      number, detail=f"บันทึกเป็น {ReasonKind.OTHER.label} (recorded as other)")

    def _amount(self, text: str, number: int) -> Decimal | None:
        if text in ("", NOT_STATED):
            return None
        try:
            return parse_baht(text)
        except AmountError as exc:
            self.find("AMOUNT_UNREADABLE", f"จำนวนเงินของโครงการลำดับ {number} อ่านไม่ได้: {exc}", number)
            return None

    # --- the two tables as projects -------------------------------------------------------------------

    def _merge(self, round_: Round, summary: dict[int, _Row], detail: dict[int, _Row],
               hidden: dict[int, _Hidden]) -> list[Project]:
        projects = []
        for number in sorted(set(summary) | set(detail)):
            s, d = summary.get(number), detail.get(number)
            if s is None:
                self.find("MISSING_IN_SUMMARY", f"โครงการลำดับ {number} มีในส่วนที่ ๓ แต่ไม่มีในตารางสรุปส่วนที่ ๒"
                          " (in the detail table only)", number,
                          detail="นำเข้าโดยไม่มีมิติและสถานะ (imported without dimension or status)")
            if d is None:
                self.find("MISSING_IN_DETAIL", f"โครงการลำดับ {number} มีในตารางสรุปส่วนที่ ๒ แต่ไม่มีในส่วนที่ ๓"
                          " (in the summary table only)", number,
                          detail="นำเข้าเฉพาะข้อมูลที่ตารางสรุปมี (imported with what the summary holds)")
            main = s or d
            assert main is not None
            if s is not None and d is not None:
                self._compare(number, s, d)
            if main.needs_no_budget and main.budget is not None:
                self.find("BUDGET_TWICE", f"โครงการลำดับ {number} มีทั้งงบประมาณและเครื่องหมาย{NO_BUDGET_TEXT}"
                          " (both an amount and the no-budget mark)", number,
                          detail="ใช้จำนวนเงิน (kept the amount)")
            carried = hidden.get(number, _Hidden())
            result = RoundResult(
                status=(s.status if s and s.status else Status.NOT_REPORTED),
                result_text=d.result_text if d else "",
                disbursed=main.disbursed,
                reason=d.reason if d else None,
                reason_text=d.reason_text if d else "",
                remark=s.round_remark if s else "",
                entered=carried.entered,
            )
            projects.append(Project(
                number=number,
                name=main.name,
                dimension=(s.dimension if s and s.dimension is not None else 0),
                kind=ProjectKind.from_name(main.name),
                method=d.method if d else "",
                indicator=d.indicator if d else "",
                budget=main.budget,
                # Parts 3 and 2 show the appropriated amount where it differs from the budget, the hidden line
                # where not.
                appropriated=next(
                    (r.appropriated for r in (d, s) if r is not None and r.appropriated is not None),
                    carried.appropriated,
                ),
                included=carried.included,
                period=d.period if d else "",
                unit=d.unit if d else "",
                remarks=s.remarks if s else "",
                results={round_: result} if result != RoundResult() else {},
            ))
        return projects

    def _compare(self, number: int, s: _Row, d: _Row) -> None:
        for what, said2, said3 in (
            ("ชื่อ (name)", s.name, d.name),
            ("งบประมาณ (budget)", s.budget, d.budget),
            ("การเบิกจ่าย (disbursed)", s.disbursed, d.disbursed),
        ):
            if said2 != said3:
                self.find("TABLES_DISAGREE", f"โครงการลำดับ {number}: {what} ในส่วนที่ ๒ และส่วนที่ ๓ ไม่ตรงกัน"
                          " (the two tables disagree)", number, detail="ใช้ตามส่วนที่ ๒ (kept part 2's)")


@dataclass(frozen=True, slots=True)
class _Hidden:
    """What the hidden first line carries of one project (the defaults: nothing carried)."""

    appropriated: Decimal | None = None
    included: bool | None = None
    entered: bool = False


def _hidden_of(fields: object) -> _Hidden | None:
    """One project's entry of the hidden line, or None where it holds what the export never writes (the
    export writes "appropriated" as "50000.00", "included" as true or false, "entered" as true)."""
    if not isinstance(fields, dict) or not set(fields) <= {"appropriated", "included", "entered"}:
        return None
    appropriated, included, entered = fields.get("appropriated"), fields.get("included"), fields.get("entered", False)
    if (included is not None and type(included) is not bool) or type(entered) is not bool:
        return None  # 1 is no true, "true" no flag
    if appropriated is None:
        return _Hidden(None, included, entered)
    if not isinstance(appropriated, str) or not _STORED_AMOUNT_RE.fullmatch(appropriated):
        return None
    return _Hidden(Decimal(appropriated), included, entered)


_STORED_AMOUNT_RE = re.compile(r"-?[0-9]{1,30}\.[0-9]{2}")


def _remarks(source: str) -> tuple[str, str]:
    """Part 2's หมายเหตุ cell as the project's remark and the round's. The round's is the cell before the
    exporter's label of the project's (all of a cell without it), the project's what follows the label; a
    file exported with the earlier label of the round's remark gives the project's before it and the round's
    after. User text has every "*" escaped, so an unescaped "**" is a label's."""
    at = source.find(_PROJECT_REMARK_MARK)
    if at >= 0:
        return unescape(source[at + len(_PROJECT_REMARK_MARK) :]), unescape(source[:at].removesuffix(LINE_BREAK))
    at = source.find(_OLD_ROUND_REMARK_MARK)
    if at >= 0:
        return unescape(source[:at].removesuffix(LINE_BREAK)), unescape(source[at + len(_OLD_ROUND_REMARK_MARK) :])
    return "", unescape(source)


def _split_appropriated(source: str) -> tuple[str, str | None]:
    """A budget cell (part 2's or 3's) as the plan's budget and the appropriated amount after its prefix
    ("50,000.00<br>ตามข้อบัญญัติ 49,000.00"), or None where the cell names none."""
    for prefix in APPROPRIATED_PREFIXES:
        mark = f"{LINE_BREAK}{prefix} "
        if mark in source:
            budget, appropriated = source.split(mark, 1)
            return budget, appropriated
    return source, None


def _check_shape(table: _Table, where: tuple[str, str]) -> None:
    """ReportError if a row of ``table`` has more or fewer cells than the table has columns.

    The export writes every cell of every row, so a row of another width was edited by hand (a cell
    deleted, a "|" typed into a value): its cells after the change would be read into the wrong columns
    (a status tick as another status, the disbursed amount as the budget). Nothing is imported.
    """
    width = len(table.header)
    for line_no, cells in table.rows:
        if len(cells) == width:
            continue
        number = _int(cells[0]) if cells else None
        whose_th = f"แถวของลำดับ {number}" if number is not None else "แถว"
        whose_en = f"the row of number {number}" if number is not None else "a row"
        columns = ", ".join(table.header)
        raise ReportError(
            f"ไฟล์ Markdown บรรทัด {line_no} ({where[0]}): {whose_th} มี {len(cells)} ช่อง แต่ตารางมี {width} คอลัมน์"
            f" ({columns}) ข้อมูลจึงเลื่อนคอลัมน์ ไม่นำเข้าเพื่อไม่ให้ค่าไปอยู่ผิดช่อง: แก้แถวนี้ให้มีหนึ่งช่องต่อหนึ่งคอลัมน์"
            f" หรือส่งออกใหม่ (line {line_no} of the Markdown file, {where[1]}: {whose_en} has {len(cells)} cells,"
            f" the table {width} columns, so its cells have shifted; nothing was imported, so that no value lands in"
            " the wrong column: give the row one cell per column, or export again)"
        )


def _plan_id(meta: dict[str, object]) -> str:
    """The plan id the hidden line names, if it is text the export could have written; else empty."""
    plan_id = meta.get("plan_id")
    if not isinstance(plan_id, str) or not plan_id.strip() or len(plan_id) > 200:
        return ""
    return plan_id


def _summary_heading(key: str) -> str:
    return next(c.heading for c in SUMMARY_COLUMNS if c.key == key)


def _sections(lines: list[str]) -> list[_Section]:
    """The file cut at its headings (outside code blocks); the hidden first line and anything before the title go."""
    sections: list[_Section] = []
    fenced = False
    for index, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else _HEADING_RE.match(line)
        if heading:
            sections.append(_Section(len(heading[1]), unescape(heading[2]), [], index + 1))
        elif sections:
            sections[-1].body.append(line)
    return sections


def _framed(body: list[str]) -> list[str]:
    """A section's text lines: the export puts exactly one blank line after the heading and one before the next."""
    lines = body[1:] if body[:1] == [""] else body
    return lines[:-1] if lines[-1:] == [""] else lines


def _tables(body: list[str], first_line_no: int) -> list[_Table]:
    """The tables in a section's body, with the file's line number of each row."""
    tables = []
    index = 0
    while index + 1 < len(body):
        if body[index].startswith("|") and is_delimiter_row(body[index + 1]):
            table = _Table([unescape(c) for c in split_row(body[index])], [])
            index += 2
            while index < len(body) and body[index].startswith("|"):
                table.rows.append((first_line_no + index, split_row(body[index])))
                index += 1
            tables.append(table)
        else:
            index += 1
    return tables


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _int(text: str) -> int | None:
    arabic = to_arabic_digits(text.strip())
    # At most nine digits: an order number or a dimension has no more (and int() refuses thousands).
    return int(arabic) if arabic.isdigit() and arabic.isascii() and len(arabic) <= 9 else None
