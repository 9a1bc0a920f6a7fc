"""Parts 2 and 3 of the report taken together: one project per order number, from its summary row and its
detail row. Where the two tables disagree (a name cut short or worded differently, a budget or an amount
spent, a status the result contradicts), one value is kept and a finding says which and why.

A report is of one round (its cover says which: ``plan.round``), and the national system asks for the
remark (หมายเหตุ) with each round's result. So part 2's หมายเหตุ is the remark of the round the report is
of (``RoundResult.remark``), not the project's own remark (``Project.remarks``), which an office's report
does not tell apart and an import leaves empty. A report this program wrote labels the round's remark
("หมายเหตุของรอบ: ...", after the project's own): there the text before the label is the project's remark.
(A database from before remarks were kept per round keeps its old remark where it was, as the project's
own: the schema upgrade moves nothing.)

The amount appropriated in the budget ordinance and the "included in the ordinance or operational plan"
flag are read where the report has them (see :mod:`~tracker.importer.report_summary_detail`); where it
has not, they stay unknown (None), never guessed from the plan's budget.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from tracker.domain.columns import is_tick
from tracker.domain.findings import Severity
from tracker.domain.model import (
    REASON_LABELS,
    Dimension,
    Plan,
    Project,
    ProjectKind,
    ReasonKind,
    RoundResult,
    Status,
)
from tracker.domain.text import bare, squash
from tracker.domain.thai import (
    NO_BUDGET_TEXT,
    AmountError,
    amount_readings,
    format_baht,
    parse_baht,
    to_thai_digits,
)
from tracker.importer.report_base import (
    OLD_ROUND_REMARK_LABEL,
    PART2,
    PART3,
    PROJECT_REMARK_LABEL,
    PartReader,
)
from tracker.importer.report_summary_detail import DetailRow, SummaryRow


class ProjectMerger(PartReader):
    """Makes the plan's projects of part 2's summary rows and part 3's detail rows."""

    def merge(self, plan: Plan, summary: list[SummaryRow], detail: list[DetailRow]) -> list[Project]:
        """The plan's projects in order, one per order number found in either table."""
        by_number_s = self._unique(summary, PART2)
        by_number_d = self._unique(detail, PART3)
        projects = []
        for number in sorted(set(by_number_s) | set(by_number_d)):
            s = by_number_s.get(number)
            d = by_number_d.get(number)
            if s is None:
                self.find("MISSING_IN_SUMMARY", Severity.WARNING,
                          f"โครงการลำดับ {to_thai_digits(str(number))} มีในส่วนที่ ๓ แต่ไม่มีในตารางสรุปส่วนที่ ๒"
                          " (in the detail table only)", number,
                          detail="นำเข้าโดยไม่มีมิติและสถานะ (imported without dimension or status)")
            if d is None:
                self.find("MISSING_IN_DETAIL", Severity.WARNING,
                          f"โครงการลำดับ {to_thai_digits(str(number))} มีในตารางสรุปส่วนที่ ๒ แต่ไม่มีในส่วนที่ ๓"
                          " (in the summary table only)", number,
                          detail="นำเข้าเฉพาะข้อมูลที่ตารางสรุปมี (imported with what the summary holds)")
            projects.append(self._project(plan, number, s, d))
        return projects

    def _unique(self, rows: list[SummaryRow] | list[DetailRow], part: str) -> dict[int, SummaryRow | DetailRow]:
        seen: dict[int, SummaryRow | DetailRow] = {}
        for row in rows:
            if row.number in seen:
                self.find("DUPLICATE_NUMBER", Severity.WARNING,
                          f"{part} บรรทัด {row.line_no}: ลำดับ {to_thai_digits(str(row.number))} ซ้ำกับบรรทัด"
                          f" {seen[row.number].line_no} (order number used twice)", row.number,
                          detail="ใช้แถวแรก (kept the first row)")
                continue
            seen[row.number] = row
        return seen

    def _project(self, plan: Plan, number: int, s: SummaryRow | DetailRow | None,
                 d: SummaryRow | DetailRow | None) -> Project:
        assert s is None or isinstance(s, SummaryRow)
        assert d is None or isinstance(d, DetailRow)
        name = self._name(number, s.name if s else None, d.name if d else None)
        dimension = s.dimension if s and s.dimension else 0
        if s and s.dimension is None:
            self.find("DIMENSION_MISSING", Severity.WARNING,
                      f"โครงการลำดับ {to_thai_digits(str(number))} ไม่ระบุมิติ (no dimension given)", number)
        if dimension and dimension not in {dim.number for dim in plan.dimensions}:
            plan.dimensions.append(Dimension(dimension, f"มิติที่ {to_thai_digits(str(dimension))}"))
        budget = self._budget(number, s, d)
        status = self._status(number, s)
        result_text = d.result if d else ""
        disbursed = self._disbursed(number, budget, s, d)
        reason, reason_text = self._reason(number, status, result_text)
        appropriated = self._appropriated(number, budget, s, d)
        own_remark, round_remark = split_remarks(s.remarks if s else "")
        if s and s.remaining:
            self._check_remaining(number, budget, appropriated, disbursed, s.remaining)
        return Project(
            number=number,
            name=name,
            dimension=dimension,
            kind=ProjectKind.from_name(name),
            method=d.method if d else "",
            indicator=d.indicator if d else "",
            budget=budget,
            appropriated=appropriated,
            included=self._included(number, s, d),
            period=d.period if d else "",
            unit=d.unit if d else "",
            remarks=own_remark,
            results={plan.round: RoundResult(status, result_text, disbursed, reason, reason_text, remark=round_remark)},
        )

    def _name(self, number: int, summary: str | None, detail: str | None) -> str:
        if summary is None or detail is None:
            return summary or detail or ""
        s_bare, d_bare = bare(summary), bare(detail)
        if s_bare == d_bare:
            return summary  # the summary's single line has no wrapping artefacts
        no = to_thai_digits(str(number))
        if d_bare.startswith(s_bare) or s_bare.startswith(d_bare):
            longer_is_summary = len(s_bare) > len(d_bare)
            self.find(
                "NAME_TRUNCATED", Severity.WARNING,
                f"ชื่อโครงการลำดับ {no} ใน{'ส่วนที่ ๓' if longer_is_summary else 'ส่วนที่ ๒'} ขาดท้ายชื่อ"
                f" (the name is cut short in part {3 if longer_is_summary else 2})",
                number,
                detail=f"ใช้ชื่อเต็ม (kept the full name): {summary if longer_is_summary else detail}",
            )
            return summary if longer_is_summary else respace(detail, summary)
        if _is_subsequence(s_bare, d_bare) or _is_subsequence(d_bare, s_bare):
            summary_longer = len(s_bare) > len(d_bare)
            chosen = summary if summary_longer else respace(detail, summary)
            self.find(
                "NAME_MISMATCH", Severity.WARNING,
                f"ชื่อโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ \u201c{summary}\u201d, ส่วนที่ ๓ \u201c{squash(detail)}\u201d"
                " (the two tables name the project differently)",
                number,
                detail=(
                    f"ใช้ \u201c{chosen}\u201d: อีกชื่อหนึ่งมีคำตกหล่น"
                    f" (kept the name of part {2 if summary_longer else 3}: the other lacks words it has)"
                ),
            )
            return chosen
        self.find(
            "NAME_MISMATCH", Severity.WARNING,
            f"ชื่อโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ \u201c{summary}\u201d, ส่วนที่ ๓ \u201c{squash(detail)}\u201d"
            " (the two tables name the project differently)",
            number,
            detail="ใช้ชื่อในตารางสรุปส่วนที่ ๒ (kept the summary table's name)",
        )
        return summary

    def _budget(self, number: int, s: SummaryRow | None, d: DetailRow | None) -> Decimal | None:
        no = to_thai_digits(str(number))
        s_amount: Decimal | None = None
        if s and s.budget:
            try:
                s_amount = parse_baht(s.budget)
            except AmountError as exc:
                self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                          f"งบประมาณโครงการลำดับ {no} ในส่วนที่ ๒ อ่านไม่ได้: {exc}", number)
        s_says_none = bool(s) and (s_amount is None or s_amount == 0) and (
            s is not None and (is_tick(s.no_budget) or bare(s.no_budget) == bare(NO_BUDGET_TEXT)
                               or not s.no_budget or _is_zero(s.no_budget))
        )
        if d is None or not d.budget:
            return None if s_amount is None or (s_says_none and s_amount == 0) else s_amount
        if bare(d.budget) == bare(NO_BUDGET_TEXT):
            if s_amount is not None and s_amount != 0:
                self.find(
                    "BUDGET_MISMATCH", Severity.WARNING,
                    f"โครงการลำดับ {no}: ส่วนที่ ๓ เขียน{NO_BUDGET_TEXT} แต่ส่วนที่ ๒ เขียนงบประมาณ"
                    f" {format_baht(s_amount)} บาท (part 3 says no budget, part 2 gives an amount)",
                    number, detail="ใช้จำนวนเงินตามส่วนที่ ๒ (kept the amount of part 2)",
                )
                return s_amount
            return None
        readings = amount_readings(d.budget)
        if not readings:
            self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                      f"งบประมาณโครงการลำดับ {no} ในส่วนที่ ๓ อ่านไม่ได้: \u201c{d.budget}\u201d (unreadable amount)",
                      number, detail="ใช้จำนวนเงินตามส่วนที่ ๒ (kept the amount of part 2)")
            return s_amount
        if len(readings) > 1:
            chosen = s_amount if s_amount in readings else readings[0]
            why = (
                f"ใช้ {format_baht(chosen)} บาท ตามตารางสรุปส่วนที่ ๒" if s_amount in readings
                else f"ใช้ {format_baht(chosen)} บาท: จุดน่าจะใช้แทนจุลภาคคั่นหลักพัน"
            )
            self.find(
                "AMOUNT_AMBIGUOUS", Severity.WARNING,
                f"งบประมาณโครงการลำดับ {no} ในส่วนที่ ๓ เขียน \u201c{d.budget}\u201d อ่านได้ทั้ง "
                + " และ ".join(f"{format_baht(r)} บาท" for r in readings)
                + " (an amount that reads two ways)",
                number, detail=why + " (kept the reading the summary table confirms)"
                if s_amount in readings else why + " (the dot stands for a thousands comma)",
            )
            return chosen
        amount = readings[0]
        if s_amount is not None and s_amount != amount:
            self.find(
                "BUDGET_MISMATCH", Severity.WARNING,
                f"งบประมาณโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ {format_baht(s_amount)} บาท,"
                f" ส่วนที่ ๓ {format_baht(amount)} บาท (the tables give different budgets)",
                number, detail="ใช้จำนวนเงินตามตารางสรุปส่วนที่ ๒ ซึ่งรวมยอดไว้ (kept the summary table's amount)",
            )
            return s_amount
        return amount

    def _appropriated(self, number: int, budget: Decimal | None, s: SummaryRow | None,
                      d: DetailRow | None) -> Decimal | None:
        """The amount appropriated in the budget ordinance where the report states it; None where it does
        not (a blank or a dash), or where a project that needs no budget states nothing was appropriated."""
        no = to_thai_digits(str(number))
        said: list[tuple[str, Decimal]] = []
        for part, text in ((PART2, s.appropriated if s else ""), (PART3, d.appropriated if d else "")):
            if not text or text.strip() in ("-", "–", "—") or bare(text) == bare(NO_BUDGET_TEXT):
                continue
            readings = amount_readings(text)
            if not readings:
                self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                          f"วงเงินตามข้อบัญญัติของโครงการลำดับ {no} ใน{part}อ่านไม่ได้: \u201c{text}\u201d"
                          " (unreadable appropriated amount)", number,
                          detail="ถือว่าไม่ทราบวงเงินตามข้อบัญญัติ (taken as unknown)")
                continue
            # A dot for a thousands comma reads two ways: the reading that is the plan's budget, if one is.
            said.append((part, budget if budget in readings else readings[0]))
        if not said:
            return None
        (_, amount), *rest = said
        if rest and rest[0][1] != amount:
            self.find(
                "APPROPRIATED_MISMATCH", Severity.WARNING,
                f"วงเงินตามข้อบัญญัติของโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ {format_baht(amount)} บาท,"
                f" ส่วนที่ ๓ {format_baht(rest[0][1])} บาท (the tables give different appropriated amounts)",
                number, detail="ใช้จำนวนเงินตามตารางสรุปส่วนที่ ๒ (kept the summary table's amount)",
            )
        if budget is None and amount == 0:
            return None  # a project that needs no budget was appropriated nothing: no statement of an amount
        return amount

    def _included(self, number: int, s: SummaryRow | None, d: DetailRow | None) -> bool | None:
        """Whether the report says the project is included in the ordinance or operational plan: a tick or
        "บรรจุ"/"ใช่" yes, "ไม่บรรจุ"/"ไม่ใช่" no; None where it says nothing (or has no such column)."""
        for text in (s.included if s else "", d.included if d else ""):
            word = bare(text)
            if not word or word in ("-", "–", "—"):
                continue
            if is_tick(text) or word in _YES:
                return True
            if word in _NO:
                return False
            self.find("INCLUDED_UNREADABLE", Severity.WARNING,
                      f"โครงการลำดับ {to_thai_digits(str(number))}: ช่องการบรรจุในข้อบัญญัติ/แผนการดำเนินงานเขียน"
                      f" \u201c{squash(text)}\u201d ซึ่งไม่ใช่บรรจุหรือไม่บรรจุ (the included cell is neither yes nor no)",
                      number, detail="ถือว่าไม่ระบุ (taken as not stated)")
        return None

    def _status(self, number: int, s: SummaryRow | None) -> Status:
        if s is None:
            return Status.NOT_REPORTED
        if len(s.ticks) > 1:
            self.find("STATUS_TWICE", Severity.WARNING,
                      f"โครงการลำดับ {to_thai_digits(str(number))} ถูกทำเครื่องหมายหลายสถานะ"
                      " (more than one status ticked)", number,
                      detail=f"ใช้ {s.ticks[0].label} (kept the first ticked column)")
        return s.ticks[0] if s.ticks else Status.NOT_REPORTED

    def _disbursed(self, number: int, budget: Decimal | None, s: SummaryRow | None,
                   d: DetailRow | None) -> Decimal | None:
        no = to_thai_digits(str(number))
        s_amount = _amount_or_none(s.disbursed) if s else None
        d_text = d.disbursed if d else ""
        if d_text and bare(d_text) == bare(NO_BUDGET_TEXT):
            d_amount = None
        else:
            d_amount = _amount_or_none(d_text)
            if d_text and d_amount is None:
                self.find("AMOUNT_UNREADABLE", Severity.WARNING,
                          f"การใช้จ่ายงบประมาณโครงการลำดับ {no} ในส่วนที่ ๓ อ่านไม่ได้: \u201c{d_text}\u201d",
                          number)
        if s_amount is not None and d_amount is not None and s_amount != d_amount:
            self.find(
                "DISBURSED_MISMATCH", Severity.WARNING,
                f"การเบิกจ่ายโครงการลำดับ {no} ไม่ตรงกัน: ส่วนที่ ๒ {format_baht(s_amount)} บาท,"
                f" ส่วนที่ ๓ {format_baht(d_amount)} บาท (the tables give different amounts spent)",
                number, detail="ใช้ตามตารางสรุปส่วนที่ ๒ (kept the summary table's amount)",
            )
            return s_amount
        amount = d_amount if d_amount is not None else s_amount
        if budget is None and amount == 0:
            return None  # a project that needs no budget spends nothing: not "0.00 of a budget"
        return amount

    def _reason(self, number: int, status: Status, result_text: str) -> tuple[ReasonKind | None, str]:
        if status is not Status.NOT_DONE:
            return None, ""
        no = to_thai_digits(str(number))
        match = re.search(r"เนื่องจาก\s*(.+)$", result_text)
        if match is None:
            says_not_done = "ไม่สามารถ" in bare(result_text) or "ไม่ได้ดำเนินการ" in bare(result_text)
            self.find(
                "REASON_MISSING", Severity.WARNING,
                f"โครงการลำดับ {no} ไม่สามารถดำเนินการได้ แต่ไม่ระบุเหตุผล"
                " (could not be done, and no reason is given)", number,
                detail="ระบุเหตุผล: ไม่ได้รับงบประมาณ, นโยบายผู้บริหารเปลี่ยนแปลง, บุคลากรไม่เพียงพอ หรืออื่นๆ"
                " (record one of the four reasons)",
            )
            if not says_not_done and result_text:
                self.find(
                    "STATUS_RESULT_MISMATCH", Severity.WARNING,
                    f"โครงการลำดับ {no}: ตารางสรุปส่วนที่ ๒ ทำเครื่องหมายว่าไม่สามารถดำเนินการได้ แต่ผลการดำเนินงาน"
                    f"ในส่วนที่ ๓ เขียนเป็นผลสำเร็จ \u201c{result_text}\u201d (part 2 ticks could-not-be-done;"
                    " part 3 reports a result as if it were done)",
                    number,
                    detail="ใช้สถานะตามส่วนที่ ๒ ซึ่งตรงกับจำนวนที่สรุปไว้ในส่วนที่ ๑; ตรวจสอบว่าโครงการนี้ดำเนินการแล้วหรือไม่"
                    " (kept part 2's status, which part 1's counts agree with; check which is true)",
                )
            return None, ""
        phrase = squash(match.group(1))
        for kind, label in REASON_LABELS.items():
            if kind is not ReasonKind.OTHER and bare(label) in bare(phrase):
                # The label says it all unless the report adds words of its own.
                return kind, "" if bare(label) == bare(phrase) else phrase
        return ReasonKind.OTHER, phrase

    def _check_remaining(self, number: int, budget: Decimal | None, appropriated: Decimal | None,
                         disbursed: Decimal | None, stated: str) -> None:
        """A finding where the stated remaining amount is neither the plan's budget nor (where the report
        states one) the ordinance's amount less what was disbursed."""
        amount = _amount_or_none(stated)
        spent = disbursed or Decimal(0)
        expected = (budget or Decimal(0)) - spent
        from_ordinance = None if appropriated is None else appropriated - spent
        if amount is not None and amount != expected and amount != from_ordinance:
            self.find(
                "REMAINING_MISMATCH", Severity.WARNING,
                f"คงเหลือของโครงการลำดับ {to_thai_digits(str(number))} เขียน {format_baht(amount)} บาท"
                f" แต่งบประมาณ − เบิกจ่าย = {format_baht(expected)} บาท"
                + ("" if from_ordinance is None else f" และวงเงินตามข้อบัญญัติ − เบิกจ่าย = {format_baht(from_ordinance)} บาท")
                + " (remaining ≠ budget − disbursed)",
                number, detail="คงเหลือคำนวณใหม่จากงบประมาณและการเบิกจ่าย (remaining is computed, not kept)",
            )

    def units(self, plan: Plan) -> None:
        """Units that differ only by where they wrapped are one unit: keep its unwrapped spelling."""
        spellings: dict[str, str] = {}
        for project in plan.projects:
            key = bare(project.unit)
            if key and (key not in spellings or project.unit.count(" ") < spellings[key].count(" ")):
                spellings[key] = project.unit
        for project in plan.projects:
            if project.unit:
                project.unit = spellings[bare(project.unit)]


def split_remarks(cell: str) -> tuple[str, str]:
    """Part 2's หมายเหตุ cell as (the project's own remark, the round's remark). The official column holds the
    round's: the whole cell where it has no label (an office's report); in this program's reports the
    round's is what precedes "หมายเหตุโครงการ:" and the project's what follows it. A report written before
    that has the project's first and the round's after "หมายเหตุของรอบ:"."""
    before, label, after = cell.partition(f"{PROJECT_REMARK_LABEL}:")
    if label:
        return after.strip(), before.strip()
    before, label, after = cell.partition(f"{OLD_ROUND_REMARK_LABEL}:")
    if label:
        return before.strip(), after.strip()
    return "", cell


_YES = frozenset({"บรรจุ", "ใช่", "มี"})
_NO = frozenset({"ไม่บรรจุ", "ไม่ใช่", "ไม่มี", "ไม่"})


def _is_zero(text: str) -> bool:
    amount = _amount_or_none(text)
    return amount is not None and amount == 0


def _amount_or_none(text: str) -> Decimal | None:
    readings = amount_readings(text) if text else []
    return readings[0] if readings else None


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def respace(content: str, reference: str) -> str:
    """``content`` with its spaces taken from ``reference`` wherever the two texts align.

    A wrapped cell has spaces where its lines broke ("โครงการเสริมสร้าง ความโปร่งใสในการ บริหาร");
    the same name on one line shows where real spaces are. Characters only ``content`` has keep their
    own spacing.
    """
    c_chars = [ch for ch in content if not ch.isspace()]
    c_space_after = _space_after(content)
    r_chars = [ch for ch in reference if not ch.isspace()]
    r_space_after = _space_after(reference)
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, c_chars, r_chars, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    out: list[str] = []
    for i, ch in enumerate(c_chars):
        out.append(ch)
        if i == len(c_chars) - 1:
            break
        j, j_next = mapping.get(i), mapping.get(i + 1)
        if j is not None and (j_next is None or j_next == j + 1):
            space = r_space_after[j]  # aligned, or where text only ``content`` has begins
        elif j is None and j_next is not None and j_next > 0:
            space = r_space_after[j_next - 1]  # where text only ``content`` has ends
        else:
            space = c_space_after[i]
        if space:
            out.append(" ")
    return "".join(out)


def _space_after(text: str) -> list[bool]:
    flags: list[bool] = []
    for ch in text.strip():
        if ch.isspace():
            if flags:
                flags[-1] = True
        else:
            flags.append(False)
    return flags

