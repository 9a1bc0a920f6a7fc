"""The project's edit form: its fields and its result in one round (:class:`ProjectForm`).

Which fields it has, their labels and kinds come from the field catalogue
(:data:`tracker.domain.fields.PROJECT_FIELDS`); :meth:`ProjectForm._project_control` gives a field its
choices and states. See :mod:`tracker.ui.edit_form` for what every form does.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from tracker.domain.editing import Checked, ProjectInput, check_project, units_used
from tracker.domain.fields import PROJECT, PROJECT_FIELDS, FieldSpec
from tracker.domain.model import INCLUDED_LABELS, Plan, ProjectKind, ReasonKind, Round, Status
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle, format_baht
from tracker.ui.display import ENTERED_MARK, dimension_heading, num_plain, status_text
from tracker.ui.edit_form import Choices, EditForm, FormChanged
from tracker.ui.form_widgets import AmountBox, FieldMessage, FieldRow


def offered_units(plan: Plan) -> list[str]:
    """The units the unit field offers: those of the plan, most used first.

    A unit holding a line break or a control character is left out: an offer is shown as it is, and
    taking it would put that character back into the field.
    """
    return [unit for unit in units_used(plan) if safe_line(unit) == unit]


class ProjectForm(EditForm[ProjectInput]):
    """A project's fields and its result in one round; posts :class:`ProjectForm.Changed` on edits."""

    class Changed(FormChanged["ProjectForm", ProjectInput]):
        """The person changed the form: what it reads now, and its check."""

    AMOUNTS: ClassVar[tuple[str, ...]] = ("budget", "appropriated", "disbursed")

    DEFAULT_CSS = """
    ProjectForm > .round-note {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        color: $text-muted;
    }
    """

    def __init__(self, plan: Plan, index: int, round_: Round, *, id: str | None = None) -> None:
        self.plan = plan
        self.index = index
        self.round = round_
        self.project = plan.projects[index]
        self.digits: DigitStyle = plan.settings.digit_style
        self.carried = self.project.carried_over(round_)
        """The round's result is the 6-month round's completion carried to 12 months (the form says so
        under the status, and the app asks before the status is changed)."""
        self._carried_line: Static | None = None
        super().__init__(ProjectInput.from_project(self.project, round_, self.digits), id=id)

    def _check(self, inp: ProjectInput) -> Checked:
        return check_project(inp, self.plan)

    def _changed_message(self, inp: ProjectInput, checked: Checked) -> Message:
        return self.Changed(self, inp, checked)

    def compose(self) -> ComposeResult:
        self._start_compose()
        self._carried_line = None
        o = self._original
        style = self.digits
        kind = "รายการ" if self.project.kind is ProjectKind.OTHER else self.project.kind.label
        yield Static(f"แก้ไข{kind} ลำดับที่ {num_plain(self.project.number, style)}", classes="form-heading")
        yield FieldMessage(id="msg-form")
        in_round = False
        for spec in PROJECT_FIELDS:
            if not spec.editable or spec.key == "no_budget":  # the tick box stands in the budget's row
                continue
            if spec.per_round and not in_round:
                in_round = True
                yield Static(f"ผลการดำเนินงาน {self.round.label_in(self.digits)}", classes="form-heading")
                if self.project.result(self.round).entered:  # set with m on the tree, not here
                    yield Static(
                        f"{ENTERED_MARK} บันทึกใน e-PlanNACC แล้ว: หากแก้ไขผลของรอบนี้ ให้แก้ในระบบด้วย",
                        id="entered-note", classes="round-note", markup=False,
                    )
            control = self._project_control(spec, getattr(o, spec.key))
            if spec.key == "status" and self.carried:
                yield self._row(spec.key, spec.form_label, control, self._carried_hint())
                continue
            yield self._row(spec.key, spec.form_label, control)

    def _carried_hint(self) -> Static:
        """The line under the status of a result carried from the 6-month round."""
        six = Round.SIX.label_in(self.digits)
        self._carried_line = Static(
            f"ต่อจาก{six}: ดำเนินการแล้วเสร็จตั้งแต่รอบนั้น", id="carried-note", classes="hint",
            markup=False,
        )
        return self._carried_line

    def _project_control(self, spec: FieldSpec, value: Any) -> Widget:
        """The control of a project's field: the catalogue's kind, with this form's choices and states."""
        o = self._original
        style = self.digits
        not_done = o.status is Status.NOT_DONE
        match spec.key:
            case "kind":
                return self._control(spec, value, choices=[(Text(k.label), k) for k in ProjectKind])
            case "dimension":
                dims: Choices = [
                    (Text(f"{dimension_heading(d.number, style)} {safe_line(d.name)}"), d.number)
                    for d in self.plan.dimensions
                ]
                if o.dimension not in {d.number for d in self.plan.dimensions}:
                    # A stored dimension the plan lacks must still read back; check_project reports it.
                    dims.append((Text(f"{dimension_heading(o.dimension, style)} (ไม่มีในแผน)"), o.dimension))
                return self._control(spec, value, choices=dims)
            case "budget":
                no_budget = self._tick("no_budget", PROJECT["no_budget"].thai, o.no_budget)
                return AmountBox(no_budget, self._line("budget", value, disabled=o.no_budget))
            case "appropriated":
                return self._control(spec, value, placeholder="เว้นว่างไว้หากยังไม่ทราบ")
            case "included":
                included: Choices = [(Text(INCLUDED_LABELS[True]), True), (Text(INCLUDED_LABELS[False]), False)]
                return self._control(spec, value, choices=included, blank=INCLUDED_LABELS[None])
            case "unit":
                units = offered_units(self.plan)
                return self._control(
                    spec,
                    value,
                    suggester=SuggestFromList(units, case_sensitive=False) if units else None,
                    placeholder="พิมพ์ต้นชื่อแล้วกด → เพื่อใช้ชื่อหน่วยงานที่มีในแผน",
                )
            case "status":
                return self._control(spec, value, choices=[(status_text(s), s) for s in Status])
            case "reason":
                reasons: Choices = [(Text(r.label), r) for r in ReasonKind]
                return self._control(spec, value, choices=reasons, blank="ไม่ระบุ", disabled=not not_done)
            case "reason_text":
                return self._control(spec, value, disabled=not not_done)
        return self._control(spec, value)

    def read(self) -> ProjectInput:
        """The form's current values (stored ones for fields not edited)."""
        o = self._original
        if not self._rows:  # not composed yet: nothing can have been edited
            return copy.deepcopy(o)
        return ProjectInput(**self._read_fields(PROJECT_FIELDS, o))

    def restore_status(self, status: Status) -> None:
        """Put ``status`` back in the status field, as a change the person took back (the app asked, and
        they kept the status): nothing is reported, and every other field stays as typed."""
        inp = dataclasses.replace(self.read(), status=status)
        self._last = inp
        self._checked = self._check(inp)
        self._show_messages()
        # The field's own change comes back as this very input: _update finds nothing new to report.
        select = self._controls["status"]
        assert isinstance(select, Select)
        select.value = status

    def _sync(self, inp: ProjectInput) -> bool:
        self._controls["budget"].disabled = inp.no_budget
        if self._carried_line is not None:
            self._carried_line.display = inp.status is Status.COMPLETED
        not_done = inp.status is Status.NOT_DONE
        reason, reason_text = self._controls["reason"], self._controls["reason_text"]
        reason.disabled = not not_done
        reason_text.disabled = not not_done
        if not_done or inp.status is self._last.status:
            return False
        # The status was changed away from "not done": the project keeps no reason any more
        # (apply_project drops it), and the form shows so at once. A stored value stays as it is until then.
        cleared = False
        if isinstance(reason, Select) and reason.value is not Select.NULL:
            reason.value = Select.NULL
            cleared = True
        if isinstance(reason_text, Input) and reason_text.value:
            reason_text.value = ""
            cleared = True
        return cleared

    def _field_names(self, row: FieldRow) -> tuple[str, ...]:
        return ("no_budget", "budget") if row.field_name == "budget" else (row.field_name,)

    @on(Input.Blurred)
    def _amount_left(self, event: Input.Blurred) -> None:
        """An amount the person typed is rewritten the plan's way (๒๕,๐๐๐.๐๐) once it reads."""
        name = next((n for n in self.AMOUNTS if self._controls[n] is event.input), None)
        if name is None or event.value == self._shown[name] or not event.value.strip():
            return
        if event.input.has_focus or event.input.value != event.value:
            return  # the person came back and typed on meanwhile: what they type is not rewritten
        # As check_project read it (no second reading): None while it does not read, and then it stays as
        # typed with the error under the field.
        amount = self._checked.values.get(name) if getattr(self._last, name) == event.value else None
        if amount is None:
            return
        formatted = format_baht(amount, self.digits)
        if formatted != event.value:
            event.input.value = formatted

    def _focus_target(self, name: str) -> Widget:
        target = super()._focus_target(name)
        if target.disabled:  # the budget while ไม่ใช้งบประมาณ is ticked, the reason while not "not done"
            return self._controls["no_budget" if name == "budget" else "status"]
        return target
