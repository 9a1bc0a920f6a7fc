"""The two edit forms: a project with its result in a round, and the plan itself.

A form never changes the plan. It shows the stored values, checks what the person types with
:func:`~tracker.domain.editing.check_project` / :func:`~tracker.domain.editing.check_plan` after every
change, shows each field's error (red, ✗) or warning (yellow, !) on a line under the field, and posts
``ProjectForm.Changed`` / ``PlanForm.Changed`` carrying the typed input and its check. The app decides
when to apply the input.

Reading back is exact. A stored value a widget cannot hold as it is (a line break in a one-line
field, an escape character, a Windows line ending a text area rewrites) is shown in a safe form, and
``read()`` returns the stored value itself for every field the person has not edited: an untouched
form reads back exactly ``ProjectInput.from_project(...)`` / ``PlanInput.from_plan(...)``. Once a field
is edited, what it holds is what it reads (the visible marks ⏎ and ␛ included, as they were seen).

Changes made while the form fills itself (textual's widgets announce values set by code, on mount
too) are not reported: a change is reported only when ``read()`` differs from the input last
reported (at first, the stored one).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Offset, Region
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from tracker.domain.editing import (
    Checked,
    PlanInput,
    ProjectInput,
    check_plan,
    check_project,
    narrative_input,
    units_used,
)
from tracker.domain.model import (
    NARRATIVE_KEYS,
    NARRATIVE_SECTIONS,
    Plan,
    ProjectKind,
    ReasonKind,
    Round,
    Signatory,
    SignRole,
    Status,
)
from tracker.domain.text import safe_line, visible
from tracker.domain.thai import (
    BAHT,
    NO_BUDGET_TEXT,
    AmountError,
    DigitStyle,
    format_baht,
    parse_baht,
    with_digits,
)
from tracker.ui.display import PROJECT_LABELS, dimension_heading, num_plain, status_text
from tracker.ui.thai_labels import ThaiSelect
from tracker.ui.widgets import SafeInput, SafeTextArea

ERROR_MARK = "✗"
WARNING_MARK = "!"

WIDE_FORM = 90
"""From this many columns on, labels stand in a column beside their fields; below it, above them."""

Control = Input | TextArea | Select[object] | Checkbox
InputT = TypeVar("InputT", ProjectInput, PlanInput)


def control_id(name: str, prefix: str = "field") -> str:
    """The widget id of a field ("narrative.foreword" → "field-narrative-foreword")."""
    return f"{prefix}-" + name.replace(".", "-")


def shown_line(value: str) -> str:
    """A stored value as a one-line input shows it: line breaks as ⏎, control characters visible."""
    return safe_line(value)


def shown_block(value: str) -> str:
    """A stored value as a text area shows it: line breaks and tabs kept, other controls visible."""
    return "".join(c if c in "\n\r\t" else visible(c) for c in value)


def offered_units(plan: Plan) -> list[str]:
    """The units the unit field offers: those of the plan, most used first.

    A unit holding a line break or a control character is left out: an offer is shown as it is, and
    taking it would put that character back into the field.
    """
    return [unit for unit in units_used(plan) if safe_line(unit) == unit]


class FieldMessage(Static):
    """The line under a field: its error or warning, hidden when there is none."""

    DEFAULT_CSS = """
    FieldMessage {
        display: none;
        height: auto;
        padding: 0 1;
    }
    FieldMessage.-error {
        display: block;
        color: $text-error;
    }
    FieldMessage.-warning {
        display: block;
        color: $text-warning;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.message: tuple[str, str] | None = None
        """("error" or "warning", the text) when a message shows."""

    def show_message(self, errors: dict[str, str], warnings: dict[str, str], names: tuple[str, ...]) -> None:
        """Show the first error of ``names`` (else their first warning), or hide the line."""
        error = next((errors[n] for n in names if n in errors), None)
        warning = next((warnings[n] for n in names if n in warnings), None)
        message: tuple[str, str] | None
        if error is not None:
            message = ("error", error)
        elif warning is not None:
            message = ("warning", warning)
        else:
            message = None
        if message == self.message:
            return
        self.message = message
        self.set_class(message is not None and message[0] == "error", "-error")
        self.set_class(message is not None and message[0] == "warning", "-warning")
        if message is None:
            self.update("")
        else:
            mark = ERROR_MARK if message[0] == "error" else WARNING_MARK
            self.update(Text(f"{mark} {safe_line(message[1])}"))


class FieldRow(Vertical):
    """A field: its label, then its control(s) and its message line (beside the label on wide forms)."""

    DEFAULT_CSS = """
    FieldRow {
        height: auto;
    }
    FieldRow > .field-label {
        width: 1fr;
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    FieldRow > .field-body {
        width: 1fr;
        height: auto;
    }
    FieldRow .hint {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, name: str, label: str, *children: Widget, stacked: bool = False) -> None:
        self.field_name = name
        self.label_text = label
        self.label_widget = Static(label, classes="field-label", markup=False)
        self.message_line = FieldMessage(id=control_id(name, "msg"))
        self.stacked = stacked
        """The label always stands above the field (a heading too long for the label column)."""
        super().__init__(
            self.label_widget,
            Vertical(*children, self.message_line, classes="field-body"),
            id=control_id(name, "row"),
            classes="" if stacked else "-beside",
        )


class TickBox(Checkbox):
    """A checkbox whose box is empty when it is not ticked.

    Textual's shows an X either way, on and off told apart by colour alone, which a monochrome
    terminal (or NO_COLOR) loses.
    """

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class AmountBox(Horizontal):
    """Controls on one line (a box to tick, an amount), the amount followed by its unit (บาท)."""

    DEFAULT_CSS = """
    AmountBox {
        height: auto;
    }
    AmountBox > Checkbox {
        width: auto;
    }
    AmountBox > Input {
        width: 1fr;
    }
    AmountBox > .unit {
        width: auto;
        padding: 1 1 0 1;
    }
    """

    def __init__(self, *children: Widget) -> None:
        super().__init__(*children, Static(BAHT, classes="unit"))


class EditForm(VerticalScroll, Generic[InputT]):
    """What both forms share: fields by name, exact reading back, messages, the layout."""

    DEFAULT_CSS = """
    EditForm {
        height: 1fr;
        padding: 0 1;
    }
    EditForm > .form-heading {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        text-style: bold underline;
    }
    EditForm > #msg-form {
        margin: 0 0 1 0;
    }
    EditForm TextArea {
        height: auto;
        min-height: 3;
        max-height: 8;
    }
    EditForm TextArea.tall {
        max-height: 12;
    }
    EditForm Input.-has-error, EditForm TextArea.-has-error, EditForm Select.-has-error > SelectCurrent {
        border: tall $error 60%;
    }
    EditForm.-wide FieldRow.-beside {
        layout: horizontal;
        & > .field-label {
            padding: 1 1 0 1;  /* level with the text inside the field's border */
        }
    }
    """

    # The form scrolls to the focused field by itself; Tab goes straight to the first field.
    can_focus = False

    def __init__(self, original: InputT, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._original: InputT = original
        self._last: InputT = original
        self._controls: dict[str, Control] = {}
        self._shown: dict[str, str] = {}
        """What each text control held when the form was filled (as the widget reads it back)."""
        self._rows: list[FieldRow] = []
        self._checked: Checked = self._check(original)

    # --- building ------------------------------------------------------------------------------

    def _line(
        self,
        name: str,
        value: str,
        *,
        disabled: bool = False,
        suggester: SuggestFromList | None = None,
        placeholder: str = "",
    ) -> Input:
        """A one-line field; ``value`` shows with its line breaks and controls made visible."""
        widget = SafeInput(
            shown_line(value),
            id=control_id(name),
            disabled=disabled,
            suggester=suggester,
            placeholder=placeholder,
        )
        self._controls[name] = widget
        self._shown[name] = widget.value
        return widget

    def _block(self, name: str, value: str, *, tall: bool = False) -> TextArea:
        """A multi-line field (Tab leaves it, as in every other field)."""
        widget = SafeTextArea(shown_block(value), id=control_id(name), classes="tall" if tall else "")
        self._controls[name] = widget
        self._shown[name] = widget.text  # as the text area reads it back (line endings normalised)
        return widget

    def _select(
        self,
        name: str,
        options: list[tuple[Text, object]],
        value: object,
        *,
        blank: str | None = None,
        disabled: bool = False,
    ) -> Select[object]:
        """A choice; ``blank`` is the prompt of the empty choice, when there is one."""
        widget: Select[object] = ThaiSelect(
            options,
            prompt=blank or "",
            allow_blank=blank is not None,
            value=Select.NULL if value is None else value,
            disabled=disabled,
            id=control_id(name),
        )
        self._controls[name] = widget
        return widget

    def _start_compose(self) -> None:
        """Forget the widgets of an earlier compose (a recompose builds them again)."""
        self._controls.clear()
        self._shown.clear()
        self._rows.clear()

    def _row(self, name: str, label: str, *children: Widget, stacked: bool = False) -> FieldRow:
        row = FieldRow(name, label, *children, stacked=stacked)
        self._rows.append(row)
        return row

    def on_mount(self) -> None:
        self._show_messages()

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= WIDE_FORM
        self.set_class(wide, "-wide")
        # Thai vowel and tone marks take no cell: the column is measured in cells, not characters.
        width = max((cell_len(r.label_text) for r in self._rows if not r.stacked), default=0) + 3
        for row in self._rows:
            if not row.stacked:
                row.label_widget.styles.width = width if wide else None

    # --- reading -------------------------------------------------------------------------------

    def _text(self, name: str, original: str) -> str:
        """A text field's value: the stored one while the field holds what it was filled with."""
        widget = self._controls[name]
        current = (
            widget.value if isinstance(widget, Input) else widget.text if isinstance(widget, TextArea) else ""
        )
        return original if current == self._shown[name] else current

    def _value(self, name: str) -> object:
        widget = self._controls[name]
        assert isinstance(widget, Select | Checkbox)
        return widget.value

    def read(self) -> InputT:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def _check(self, inp: InputT) -> Checked:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def _changed_message(self, inp: InputT, checked: Checked) -> Message:  # pragma: no cover
        raise NotImplementedError

    def _sync(self, inp: InputT) -> bool:
        """Enable or disable fields that depend on others, and clear those the input no longer keeps.

        Returns whether a field's value was changed (the form is read again then).
        """
        return False

    @property
    def checked(self) -> Checked:
        """The check of the input last read (at first, of the stored values)."""
        return self._checked

    @property
    def has_errors(self) -> bool:
        return not self._checked.ok

    # --- reacting ------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _control_changed(self, event: Message) -> None:
        event.stop()
        self._update()

    def _update(self) -> None:
        inp = self.read()
        if self._sync(inp):
            inp = self.read()  # a field that depends on another was changed with it
        if inp == self._last:
            return
        self._last = inp
        self._checked = self._check(inp)
        self._show_messages()
        self.post_message(self._changed_message(inp, self._checked))
        focused = self.screen.focused if self.is_attached else None
        if focused is not None and focused in self._controls.values():
            # A message that has just appeared under the field being typed in is shown with it.
            self.call_after_refresh(self._reveal, focused, 2)

    def _field_names(self, row: FieldRow) -> tuple[str, ...]:
        """The input fields whose messages show under ``row``."""
        return (row.field_name,)

    def _show_messages(self) -> None:
        errors: dict[str, str] = self._checked.errors
        warnings: dict[str, str] = self._checked.warnings
        placed: set[str] = set()
        for row in self._rows:
            names = self._field_names(row)
            placed.update(names)
            row.message_line.show_message(errors, warnings, names)
        for name, widget in self._controls.items():
            widget.set_class(name in errors, "-has-error")
        # A message about no field of the form (none today) still shows, at the top.
        others = tuple(n for n in (*errors, *warnings) if n not in placed)
        if self.is_mounted:
            self.query_one("#msg-form", FieldMessage).show_message(errors, warnings, others)

    def scroll_to_region(self, region: Region, **kwargs: Any) -> Offset:
        """Scroll ``region`` into view, with the label and the message of the field it lies in.

        Textual scrolls a focused widget into view by itself; the field's label (above it on a narrow
        form) and its message line (below it) are not part of that widget, so the region asked for
        is grown to the whole field here, as far as the window has room for it.
        """
        window_height = self.scrollable_content_region.height
        for row in self._rows:
            box = row.virtual_region_with_margin
            if box.contains_region(region) and box != region:
                if box.height <= window_height:
                    region = box
                elif region.bottom - box.y <= window_height:  # at least the label and the widget
                    region = Region(box.x, box.y, box.width, region.bottom - box.y)
                break
        return super().scroll_to_region(region, **kwargs)

    def action_scroll_down(self) -> None:
        """↓ in a one-line field or a tick box goes to the next field, as in most forms (it scrolled the
        form away from the field being typed in); the multi-line fields and the choices keep theirs."""
        if not self._step_focus(1):
            super().action_scroll_down()

    def action_scroll_up(self) -> None:
        """↑ in a one-line field or a tick box goes to the field before."""
        if not self._step_focus(-1):
            super().action_scroll_up()

    def _step_focus(self, step: int) -> bool:
        focused = self.screen.focused
        if not isinstance(focused, Input | Checkbox) or focused not in self._controls.values():
            return False
        fields = [w for w in self.screen.focus_chain if self in w.ancestors]
        here = fields.index(focused)
        if 0 <= here + step < len(fields):
            fields[here + step].focus()
        return True  # at the first or last field: stay (not out of the form, not scrolled away)

    def focus_field(self, name: str | None = None) -> None:
        """Focus the field of an input attribute (e.g. the first error's), or the first field (None).

        The form scrolls to it. Raises ValueError for a name the form has no field for.
        """
        target = self._focus_target(name if name is not None else self._rows[0].field_name)
        target.focus(scroll_visible=False)
        self.call_after_refresh(self._reveal, target, 3)

    def _reveal(self, widget: Widget, tries: int) -> None:
        """Scroll to a field focused by :meth:`focus_field`, once the form is laid out.

        A form mounted a moment ago is not laid out yet, and text areas of ``height: auto`` take their
        height only after a first layout has given them a width: the field moves down meanwhile. So
        the scroll is repeated after the next refreshes, as long as the field keeps the focus.
        """
        if not widget.is_attached or self.screen.focused is not widget:
            return
        self.scroll_to_widget(widget, animate=False)
        if tries > 1:
            self.call_after_refresh(self._reveal, widget, tries - 1)

    def _focus_target(self, name: str) -> Widget:
        if name not in self._controls:
            raise ValueError(f"no field {name!r} in this form")
        return self._controls[name]

    def field_message(self, name: str) -> tuple[str, str] | None:
        """("error" or "warning", the text) shown under a field, None when its line is hidden."""
        for row in self._rows:
            if name in self._field_names(row):
                return row.message_line.message
        raise ValueError(f"no field {name!r} in this form")


class ProjectForm(EditForm[ProjectInput]):
    """A project's fields and its result in one round; posts :class:`ProjectForm.Changed` on edits."""

    class Changed(Message):
        """The person changed the form: what it reads now, and its check."""

        def __init__(self, form: ProjectForm, inp: ProjectInput, checked: Checked) -> None:
            super().__init__()
            self.form = form
            self.inp = inp
            """What the form reads now (as ``form.read()``)."""
            self.checked = checked
            """Its check: ``checked.ok`` is False while any field has an error."""

        @property
        def input(self) -> ProjectInput:
            """The same as ``inp``."""
            return self.inp

        @property
        def control(self) -> ProjectForm:
            return self.form

    AMOUNTS: ClassVar[tuple[str, ...]] = ("budget", "disbursed")

    def __init__(self, plan: Plan, index: int, round_: Round, *, id: str | None = None) -> None:
        self.plan = plan
        self.index = index
        self.round = round_
        self.project = plan.projects[index]
        self.digits: DigitStyle = plan.settings.digit_style
        super().__init__(ProjectInput.from_project(self.project, round_, self.digits), id=id)

    def _check(self, inp: ProjectInput) -> Checked:
        return check_project(inp, self.plan)

    def _changed_message(self, inp: ProjectInput, checked: Checked) -> Message:
        return self.Changed(self, inp, checked)

    def compose(self) -> ComposeResult:
        self._start_compose()
        o = self._original
        labels = PROJECT_LABELS
        style = self.digits
        kind = "รายการ" if self.project.kind is ProjectKind.OTHER else self.project.kind.label
        yield Static(f"แก้ไข{kind} ลำดับที่ {num_plain(self.project.number, style)}", classes="form-heading")
        yield FieldMessage(id="msg-form")

        kinds: list[tuple[Text, object]] = [(Text(k.label), k) for k in ProjectKind]
        dims: list[tuple[Text, object]] = [
            (Text(f"{dimension_heading(d.number, style)} {safe_line(d.name)}"), d.number)
            for d in self.plan.dimensions
        ]
        if o.dimension not in {d.number for d in self.plan.dimensions}:
            # A stored dimension the plan lacks must still read back; check_project reports it.
            dims.append((Text(f"{dimension_heading(o.dimension, style)} (ไม่มีในแผน)"), o.dimension))

        no_budget = TickBox(NO_BUDGET_TEXT, o.no_budget, id=control_id("no_budget"))
        self._controls["no_budget"] = no_budget
        budget = self._line("budget", o.budget, disabled=o.no_budget)
        units = offered_units(self.plan)
        unit = self._line(
            "unit",
            o.unit,
            suggester=SuggestFromList(units, case_sensitive=False) if units else None,
            placeholder="พิมพ์ต้นชื่อแล้วกด → เพื่อใช้ชื่อหน่วยงานที่มีในแผน",
        )
        not_done = o.status is Status.NOT_DONE
        statuses: list[tuple[Text, object]] = [(status_text(s), s) for s in Status]
        reasons: list[tuple[Text, object]] = [(Text(r.label), r) for r in ReasonKind]

        yield self._row("name", labels["name"], self._line("name", o.name))
        yield self._row("kind", labels["kind"], self._select("kind", kinds, o.kind))
        yield self._row("dimension", labels["dimension"], self._select("dimension", dims, o.dimension))
        yield self._row("method", labels["method"], self._block("method", o.method))
        yield self._row("indicator", labels["indicator"], self._block("indicator", o.indicator))
        yield self._row("budget", labels["budget"], AmountBox(no_budget, budget))
        yield self._row("period", labels["period"], self._line("period", o.period))
        yield self._row("unit", labels["unit"], unit)
        yield self._row("remarks", labels["remarks"], self._block("remarks", o.remarks))

        yield Static(f"ผลการดำเนินงาน {self.round.label_in(self.digits)}", classes="form-heading")
        yield self._row("status", labels["status"], self._select("status", statuses, o.status))
        yield self._row("result_text", labels["result"], self._block("result_text", o.result_text))
        yield self._row("disbursed", labels["disbursed"], AmountBox(self._line("disbursed", o.disbursed)))
        reason = self._select("reason", reasons, o.reason, blank="ไม่ระบุ", disabled=not not_done)
        yield self._row("reason", labels["reason"], reason)
        reason_text = self._line("reason_text", o.reason_text, disabled=not not_done)
        yield self._row("reason_text", "คำอธิบายเหตุผล", reason_text)

    def read(self) -> ProjectInput:
        """The form's current values (stored ones for fields not edited)."""
        o = self._original
        if not self._rows:  # not composed yet: nothing can have been edited
            return copy.deepcopy(o)
        kind = self._value("kind")
        dimension = self._value("dimension")
        status = self._value("status")
        reason = self._value("reason")
        no_budget = self._value("no_budget")
        assert isinstance(kind, ProjectKind) and isinstance(status, Status)
        assert isinstance(dimension, int) and isinstance(no_budget, bool)
        return ProjectInput(
            name=self._text("name", o.name),
            kind=kind,
            dimension=dimension,
            method=self._text("method", o.method),
            indicator=self._text("indicator", o.indicator),
            no_budget=no_budget,
            budget=self._text("budget", o.budget),
            period=self._text("period", o.period),
            unit=self._text("unit", o.unit),
            remarks=self._text("remarks", o.remarks),
            status=status,
            result_text=self._text("result_text", o.result_text),
            disbursed=self._text("disbursed", o.disbursed),
            reason=reason if isinstance(reason, ReasonKind) else None,
            reason_text=self._text("reason_text", o.reason_text),
        )

    def _sync(self, inp: ProjectInput) -> bool:
        self._controls["budget"].disabled = inp.no_budget
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
        try:
            amount = parse_baht(event.value)
        except AmountError:
            return  # stays as typed; the error shows under the field
        formatted = format_baht(amount, self.digits)
        if formatted != event.value:
            event.input.value = formatted

    def _focus_target(self, name: str) -> Widget:
        target = super()._focus_target(name)
        if target.disabled:  # the budget while ไม่ใช้งบประมาณ is ticked, the reason while not "not done"
            return self._controls["no_budget" if name == "budget" else "status"]
        return target


class PlanForm(EditForm[PlanInput]):
    """The plan's own fields, settings, signatories and part 1 narrative; posts :class:`PlanForm.Changed`.

    The narrative fields hold the text of the round chosen in the form's round field: choosing the
    other round refills them with that round's text (:func:`~tracker.domain.editing.narrative_input`:
    its own, or the other round's retold for it). What was typed for the round left is kept in the
    form and shows again when that round is chosen back.

    The app applies every valid change as it comes (``PlanForm.Changed``), so the text of the round
    left is already in the plan when the round changes. While the form has an error nothing is
    applied, and the input carries one round's narrative only: so the round cannot be changed then
    (the choice goes back, and the line under it says why), and no typed text is ever dropped.
    """

    class Changed(Message):
        """The person changed the form: what it reads now, and its check."""

        def __init__(self, form: PlanForm, inp: PlanInput, checked: Checked) -> None:
            super().__init__()
            self.form = form
            self.inp = inp
            """What the form reads now (as ``form.read()``)."""
            self.checked = checked
            """Its check: ``checked.ok`` is False while any field has an error."""

        @property
        def input(self) -> PlanInput:
            """The same as ``inp``."""
            return self.inp

        @property
        def control(self) -> PlanForm:
            return self.form

    DEFAULT_CSS = """
    PlanForm > .form-hint {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        color: $text-muted;
    }
    PlanForm > .with-hint {
        margin: 1 0 0 0;  /* apart from the field above; its hint follows at once */
    }
    """

    ROUND_LOCKED = (
        "แก้ช่องที่มีเครื่องหมาย ✗ ก่อนเปลี่ยนรอบ: ข้อความที่พิมพ์ไว้ยังไม่ได้บันทึก"
        " (fix the errors marked ✗ before changing the round: the typed text is not saved yet)"
    )

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        self.plan = plan
        original = PlanInput.from_plan(plan)
        self._narrative_round: Round = original.round
        """The round whose text the narrative fields hold."""
        self._narrative_original: dict[str, str] = dict(original.narrative)
        """What the narrative fields were filled with (read back while a field is not edited)."""
        self._kept: dict[Round, dict[str, str]] = {}
        """What the narrative fields read for each round left in this form, shown again when chosen back."""
        self._started_from_other = self._starts_from_other(original.round)
        super().__init__(original, id=id)

    def _check(self, inp: PlanInput) -> Checked:
        checked = check_plan(inp)
        warning = emblem_warning(inp.emblem)
        if warning is not None:
            checked.warnings["emblem"] = warning
        return checked

    def _changed_message(self, inp: PlanInput, checked: Checked) -> Message:
        return self.Changed(self, inp, checked)

    def compose(self) -> ComposeResult:
        self._start_compose()
        o = self._original
        yield Static("แผนปฏิบัติการป้องกันการทุจริต", classes="form-heading")
        yield FieldMessage(id="msg-form")
        rounds: list[tuple[Text, object]] = [(Text(r.label), r) for r in Round]
        styles: list[tuple[Text, object]] = [
            (Text("เลขไทย (๐๑๒๓)"), DigitStyle.THAI),
            (Text("เลขอารบิก (0123)"), DigitStyle.ARABIC),
        ]
        digits = self.plan.settings.digit_style
        yield self._row("organization", "ชื่อองค์กร", self._line("organization", o.organization))
        yield self._row("district", "อำเภอ", self._line("district", o.district))
        yield self._row("province", "จังหวัด", self._line("province", o.province))
        yield self._row("preparing_unit", "หน่วยงานที่จัดทำ", self._line("preparing_unit", o.preparing_unit))
        yield self._row("fiscal_year", "ปีงบประมาณ (พ.ศ.)", self._line("fiscal_year", o.fiscal_year))
        yield self._row(
            "round",
            "รอบการรายงาน",
            # After a recompose too, the round whose text the narrative fields hold.
            self._select("round", rounds, self._narrative_round),
            Static(
                with_digits("ข้อความส่วนที่ ๑ ด้านล่างเป็นของรอบที่เลือกนี้: เลือกอีกรอบเพื่อแก้ข้อความของรอบนั้น"
                            " ที่พิมพ์ไว้ไม่หาย", digits),
                classes="hint",
            ),
        )
        yield self._row("digit_style", "ตัวเลขในรายงาน", self._select("digit_style", styles, o.digit_style))
        yield self._row(
            "level_bands",
            "ระดับผลการประเมิน",
            self._block("level_bands", o.level_bands),
            Static(with_digits("บรรทัดละหนึ่งระดับ: คะแนนต่ำสุด แล้วชื่อระดับ เช่น ๗๐ มาก", digits), classes="hint"),
        )

        yield Static("ผู้ลงนามในรายงาน", classes="form-heading with-hint")
        yield Static(
            "ชื่อที่เว้นว่างจะพิมพ์เป็นบรรทัด \"ลงชื่อ ……\" ให้เขียนด้วยมือ ตำแหน่งผู้ตรวจสอบที่เว้นว่าง"
            "จะพิมพ์เป็น ปลัด<ชื่อองค์กร> และตำแหน่งผู้อนุมัติเป็น นายก<ชื่อองค์กร>",
            classes="hint form-hint",
            markup=False,
        )
        for role in SignRole:
            who = o.signatures.get(role) or Signatory()
            for part, label in (("name", "ชื่อ"), ("position", "ตำแหน่ง")):
                name = signature_field(role, part)
                yield self._row(name, f"{role.label}: {label}", self._line(name, getattr(who, part)))
        yield self._row(
            "emblem",
            "ตราสัญลักษณ์ (ไฟล์ภาพ PNG/JPEG)",
            self._line("emblem", o.emblem, placeholder="เช่น /home/ชื่อผู้ใช้/ตราองค์กร.png"),
            Static(
                "ที่อยู่เต็มของไฟล์ภาพตราขององค์กร แสดงบนปกของรายงาน Word และ PDF เว้นว่างไว้ถ้าไม่ใช้",
                classes="hint",
                markup=False,
            ),
            stacked=True,
        )

        yield Static("ส่วนที่ ๑ ความเป็นมา และส่วนหน้าของรายงาน", classes="form-heading with-hint")
        yield Static(self._narrative_hint(), id="narrative-round", classes="hint form-hint", markup=False)
        for section in NARRATIVE_SECTIONS:
            key = f"narrative.{section.key}"
            yield self._row(
                key,
                section.heading,
                self._block(key, self._narrative_original.get(section.key, ""), tall=True),
                stacked=True,
            )

    # --- the round of the narrative ---------------------------------------------------------------

    @property
    def narrative_round(self) -> Round:
        """The round whose text the narrative fields hold (the round chosen in the form)."""
        return self._narrative_round

    def _starts_from_other(self, round_: Round) -> bool:
        """Whether ``round_``'s text is the other round's retold (it has none of its own yet)."""
        if round_ in self.plan.narratives or round_ in self._kept:
            return False
        return any(r is not round_ and r in self.plan.narratives for r in Round)

    def _narrative_hint(self) -> str:
        """Which round's text the narrative fields hold, and where it came from."""
        style = self.plan.settings.digit_style
        round_ = self._narrative_round
        hint = f"ข้อความของรายงาน{round_.label_in(style)}"
        if self._started_from_other:
            other = next(r for r in Round if r is not round_)
            hint += f": เริ่มจากข้อความ{other.label_in(style)} ปรับคำว่ารอบและช่วงเวลาให้แล้ว แก้ไขได้"
        return hint

    def _update(self) -> None:
        chosen = self._value("round") if self._rows else None
        if isinstance(chosen, Round) and chosen is not self._narrative_round:
            if self.has_errors:
                self._keep_round()
                return
            self._fill_narrative(chosen)
        super()._update()

    def _keep_round(self) -> None:
        """The round cannot change while the form has an error: the choice goes back, and says why."""
        select = self._controls["round"]
        assert isinstance(select, Select)
        select.value = self._narrative_round
        row = next(r for r in self._rows if r.field_name == "round")
        row.message_line.show_message({}, {"round": self.ROUND_LOCKED}, ("round",))

    def _fill_narrative(self, round_: Round) -> None:
        """Put ``round_``'s text in the narrative fields, keeping what they read for the round left."""
        self._kept[self._narrative_round] = self.read().narrative
        self._started_from_other = self._starts_from_other(round_)
        texts = self._kept[round_] if round_ in self._kept else narrative_input(self.plan, round_)
        self._narrative_round = round_
        self._narrative_original = dict(texts)
        for key in NARRATIVE_KEYS:
            name = f"narrative.{key}"
            widget = self._controls[name]
            assert isinstance(widget, TextArea)
            widget.text = shown_block(texts.get(key, ""))
            self._shown[name] = widget.text
            widget.scroll_home(animate=False)
        self.query_one("#narrative-round", Static).update(self._narrative_hint())

    # --- reading ----------------------------------------------------------------------------------

    def read(self) -> PlanInput:
        """The form's current values (stored ones for fields not edited)."""
        o = self._original
        if not self._rows:  # not composed yet: nothing can have been edited
            return copy.deepcopy(o)
        round_ = self._value("round")
        digits = self._value("digit_style")
        assert isinstance(round_, Round) and isinstance(digits, DigitStyle)
        narrative_original = self._narrative_original
        signatures: dict[SignRole, Signatory] = {}
        for role in SignRole:
            stored = o.signatures.get(role)
            who = stored or Signatory()
            name = self._text(signature_field(role, "name"), who.name)
            position = self._text(signature_field(role, "position"), who.position)
            if stored is not None or name or position:
                signatures[role] = Signatory(name, position)
        return PlanInput(
            organization=self._text("organization", o.organization),
            district=self._text("district", o.district),
            province=self._text("province", o.province),
            preparing_unit=self._text("preparing_unit", o.preparing_unit),
            fiscal_year=self._text("fiscal_year", o.fiscal_year),
            round=round_,
            digit_style=digits,
            level_bands=self._text("level_bands", o.level_bands),
            narrative={
                key: self._text(f"narrative.{key}", narrative_original.get(key, "")) for key in NARRATIVE_KEYS
            },
            signatures=signatures,
            emblem=self._text("emblem", o.emblem),
        )


def signature_field(role: SignRole, part: str) -> str:
    """The field of a signatory's name or position ("signatures.reviewer.position")."""
    return f"signatures.{role.value}.{part}"


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def emblem_warning(path: str) -> str | None:
    """What is wrong with an emblem's path, as a warning; None when the file is a PNG or JPEG.

    Never an error: the file may be on a drive not mounted now, and the plan is saved all the same
    (the Word and PDF exports say so again, and refuse, while the file cannot be read)."""
    path = path.strip()
    if not path:
        return None
    target = Path(path)  # as the Word and PDF writers open it: "~" is not a home folder there
    try:
        if not target.exists():
            return (
                "ไม่พบไฟล์นี้ในขณะนี้ ส่งออก Word และ PDF ได้เมื่อพบไฟล์ หรือเว้นช่องนี้ว่างไว้"
                " (file not found now: the Word and PDF exports need it, or leave this empty)"
            )
        if not target.is_file():
            return "เป็นโฟลเดอร์ ไม่ใช่ไฟล์ภาพ (a folder, not an image file)"
        with target.open("rb") as image:
            head = image.read(8)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return "เปิดไฟล์นี้ไม่ได้ในขณะนี้ (cannot open the file now)"
    if not (head.startswith(PNG_MAGIC) or head.startswith(JPEG_MAGIC)):
        return "ไม่ใช่ไฟล์ภาพ PNG หรือ JPEG (not a PNG or JPEG image)"
    return None
