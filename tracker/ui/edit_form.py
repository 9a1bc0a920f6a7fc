"""What both edit forms share (:class:`EditForm`): fields by name, built and read by the kind the field
catalogue (:mod:`tracker.domain.fields`) gives them, exact reading back, messages, the layout.

A form never changes the plan. It shows the stored values, checks what the person types with
:func:`~tracker.domain.editing.check_project` / :func:`~tracker.domain.editing.check_plan` after every
change, shows each field's error (red, ✗) or warning (yellow, !) on a line under the field, and posts
``ProjectForm.Changed`` / ``PlanForm.Changed`` carrying the typed input and its check (with the values
it parsed, ``checked.values``). The app decides when to apply the input.

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

from functools import cached_property
from typing import Any, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.containers import VerticalScroll
from textual.css.scalar import Scalar
from textual.geometry import Offset, Region
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from tracker.domain.editing import Checked, PlanInput, ProjectInput
from tracker.domain.fields import TYPED_KINDS, FieldKind, FieldSpec
from tracker.ui.form_widgets import (
    WIDE_FORM,
    AmountBox,
    Control,
    FieldMessage,
    FieldRow,
    TickBox,
    control_id,
    shown_block,
    shown_line,
)
from tracker.ui.thai_labels import ThaiSelect
from tracker.ui.widgets import SafeInput, SafeTextArea

InputT = TypeVar("InputT", ProjectInput, PlanInput)

Choices = list[tuple[Text, object]]

FormT = TypeVar("FormT", bound=Widget)


class FormChanged(Message, Generic[FormT, InputT]):
    """The person changed a form: what it reads now, and its check (each form's ``Changed``)."""

    def __init__(self, form: FormT, inp: InputT, checked: Checked) -> None:
        super().__init__()
        self.form: FormT = form
        self.inp: InputT = inp
        """What the form reads now (as ``form.read()``)."""
        self.checked = checked
        """Its check: ``checked.ok`` is False while any field has an error."""

    @property
    def input(self) -> InputT:
        """The same as ``inp``."""
        return self.inp

    @property
    def control(self) -> FormT:
        return self.form


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
    EditForm.-wide FieldRow.-beside > .field-label {
        dock: left;
        padding: 1 1 0 1;  /* level with the text inside the field's border */
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

    def _tick(self, name: str, label: str, value: bool) -> TickBox:
        """A box to tick (a flag)."""
        widget = TickBox(label, value, id=control_id(name))
        self._controls[name] = widget
        return widget

    def _control(
        self,
        spec: FieldSpec,
        value: Any,
        *,
        choices: Choices | None = None,
        blank: str | None = None,
        disabled: bool = False,
        suggester: SuggestFromList | None = None,
        placeholder: str = "",
        tall: bool = False,
    ) -> Widget:
        """The control of a catalogue field, by its kind: a line, a block of text, an amount with its
        unit, a choice among ``choices``, a box to tick."""
        kind = spec.kind
        if kind in (FieldKind.TEXT, FieldKind.BANDS):
            return self._block(spec.key, value, tall=tall)
        if kind is FieldKind.CHOICE:
            return self._select(spec.key, choices or [], value, blank=blank, disabled=disabled)
        if kind is FieldKind.FLAG:
            return self._tick(spec.key, spec.thai, value)
        if kind not in TYPED_KINDS:
            raise ValueError(f"a {kind.value} field has no control of its own ({spec.key})")
        line = self._line(spec.key, value, disabled=disabled, suggester=suggester, placeholder=placeholder)
        return AmountBox(line) if kind is FieldKind.AMOUNT else line

    def _start_compose(self) -> None:
        """Forget the widgets of an earlier compose (a recompose builds them again)."""
        self.__dict__.pop("_form_message", None)
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
        # Compared with the width set here (the inline style), not the stylesheet's 1fr: otherwise every
        # resize of a narrow form set each label's width again, and each set asked for a layout.
        for row in self._rows:
            if not row.stacked and row.label_widget.styles.inline.width != (Scalar.from_number(width) if wide else None):
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
        """A choice's or a tick box's value; None for a choice left blank."""
        widget = self._controls[name]
        assert isinstance(widget, Select | Checkbox)
        value: object = widget.value
        return None if value is Select.NULL else value

    def _read_fields(self, fields: tuple[FieldSpec, ...], original: InputT) -> dict[str, Any]:
        """The values of the catalogue's ``fields`` the form has controls for, by key: the text typed
        (the stored one while not edited) or the value chosen."""
        values: dict[str, Any] = {}
        for spec in fields:
            if not spec.editable or spec.key not in self._controls:
                continue
            if spec.kind in TYPED_KINDS:
                values[spec.key] = self._text(spec.key, getattr(original, spec.key))
            else:
                values[spec.key] = self._value(spec.key)
        return values

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
        before = [row.message for row in self._rows]
        self._show_messages()
        self.post_message(self._changed_message(inp, self._checked))
        focused = self.screen.focused if self.is_attached else None
        if isinstance(focused, Input) and before == [row.message for row in self._rows] and self._shows(focused):
            return  # a one-line field in view keeps its height: with no message come or gone, nothing moved
        if focused is not None and focused in self._controls.values():
            # A message that has just appeared under the field being typed in is shown with it.
            self.call_after_refresh(self._reveal, focused, 2)

    def _shows(self, widget: Widget) -> bool:
        """Whether ``widget`` is wholly on the screen, inside this form (not scrolled out of it)."""
        region = widget.region  # where the last layout put it; empty when it is out of view
        return bool(region.width) and self.region.contains_region(region)

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
            row.show_message(errors, warnings, names)
        for name, widget in self._controls.items():
            widget.set_class(name in errors, "-has-error")
        # A message about no field of the form (none today) still shows, at the top.
        others = tuple(n for n in (*errors, *warnings) if n not in placed)
        if self.is_mounted:
            self._form_message.show_message(errors, warnings, others)

    @cached_property
    def _form_message(self) -> FieldMessage:
        """The line at the top for messages about no one field (found once: a query walks every widget)."""
        return self.query_one("#msg-form", FieldMessage)

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
                return row.message
        raise ValueError(f"no field {name!r} in this form")
