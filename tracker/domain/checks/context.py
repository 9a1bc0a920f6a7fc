"""What a rule reads (:class:`CheckContext`): the plan, the round checked, its figures, the texts
published as typed, and the plan's way of writing numbers for the findings' messages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from tracker.domain.checks.registry import Rule
from tracker.domain.columns import DETAIL_COLUMNS, SUMMARY_COLUMNS
from tracker.domain.fields import PROJECT
from tracker.domain.figures import Figures, compute
from tracker.domain.findings import Finding
from tracker.domain.model import NARRATIVE_SECTIONS, NarrativeSection, Plan, Project, Round, RoundResult
from tracker.domain.thai import format_baht, with_digits


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule reads: the plan, the round checked, its figures and helpers to write findings."""

    plan: Plan
    round: Round
    figures: Figures
    """The figures of the round checked."""
    part1_figures: Figures
    """The figures of the plan's current round: the report part 1 describes."""
    rule: Rule | None = None
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """What rules compute once per check and share (each project's texts, numbers written): the
    contexts of every rule of one check share it."""

    @classmethod
    def of(cls, plan: Plan, round_: Round) -> CheckContext:
        figures = compute(plan, round_)
        part1 = figures if round_ is plan.round else compute(plan, plan.round)
        return cls(plan, round_, figures, part1)

    def finding(
        self, message: str, detail: str, project: Project | int | None = None, *, field: str = ""
    ) -> Finding:
        """A finding of the rule being run, about ``project`` (or an order number several projects share);
        ``field`` names the form field it is about, if one."""
        if self.rule is None:
            raise RuntimeError("finding() outside a rule: use run_checks or for_rule")
        number, uid = (project.number, project.uid or None) if isinstance(project, Project) else (project, None)
        return Finding(
            self.rule.code, self.rule.severity, message, number, detail, str(self.rule.family), field=field,
            project_uid=uid,
        )

    def for_rule(self, rule_: Rule) -> CheckContext:
        return replace(self, rule=rule_)

    # --- writing numbers the plan's way -------------------------------------------------------------

    def num(self, value: int | str) -> str:
        """A number in the plan's digit style."""
        key = ("num", value)
        written = self.memo.get(key)
        if written is None:
            written = self.memo[key] = with_digits(str(value), self.plan.settings.digit_style)
        return written

    def baht(self, amount: Decimal) -> str:
        return format_baht(amount, self.plan.settings.digit_style)

    def project_th(self, number: int) -> str:
        return f"โครงการลำดับ {self.num(number)}"

    # --- what rules read ----------------------------------------------------------------------------

    def result(self, project: Project) -> RoundResult:
        return project.result(self.round)

    def narrative(self) -> Iterator[tuple[NarrativeSection, str]]:
        """The sections of part 1 (and cover and foreword) that have text and are published as typed,
        in report order (not the results of the period, which every export writes from the figures)."""
        for section in NARRATIVE_SECTIONS:
            if not section.published:
                continue
            text = self.plan.narrative_for(self.plan.round).get(section.key, "")
            if text.strip():
                yield section, text

    def project_texts(self, project: Project) -> tuple[tuple[str, str, str], ...]:
        """The project's own words (name, method, indicator, result, remarks, the round's remark) that have
        text, each with its column heading and its key (the English name for the gloss). Worked out once
        per check."""
        key = ("texts", id(project))
        texts = self.memo.get(key)
        if texts is None:
            values = (
                ("name", project.name),
                ("method", project.method),
                ("indicator", project.indicator),
                ("result", self.result(project).result_text),
                ("remarks", project.remarks),
                ("round remark", self.result(project).remark),
            )
            texts = self.memo[key] = tuple((HEADINGS[k], k, text) for k, text in values if text.strip())
        return texts


HEADINGS: dict[str, str] = {
    **{c.key: c.heading for c in SUMMARY_COLUMNS if c.key == "remarks"},  # remarks are a column of part 2
    **{c.key: c.heading for c in DETAIL_COLUMNS},
    "round remark": PROJECT["remark"].thai,  # the round's own remark, beside the project's
}
"""The headings of a project's fields in the report's tables, by field key, for messages to name them."""
