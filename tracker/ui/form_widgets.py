"""The pieces of an edit form: a field's row (label, controls, message line), the tick box, the
amount with its unit, and how a stored value shows in a control."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from tracker.domain.text import safe_line, visible
from tracker.domain.thai import BAHT

ERROR_MARK = "✗"
WARNING_MARK = "!"

WIDE_FORM = 90
"""From this many columns on, labels stand in a column beside their fields; below it, above them."""

Control = Input | TextArea | Select[object] | Checkbox


def control_id(name: str, prefix: str = "field") -> str:
    """The widget id of a field ("narrative.foreword" → "field-narrative-foreword")."""
    return f"{prefix}-" + name.replace(".", "-")


def shown_line(value: str) -> str:
    """A stored value as a one-line input shows it: line breaks as ⏎, control characters visible."""
    return safe_line(value)


def shown_block(value: str) -> str:
    """A stored value as a text area shows it: line breaks and tabs kept, other controls visible."""
    return "".join(c if c in "\n\r\t" else visible(c) for c in value)


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
        self.message_line: FieldMessage | None = None
        """The line under the field, made when it first has a message to show: most fields never do,
        and a form of twenty fields redraws faster without twenty hidden lines."""
        self.stacked = stacked
        """The label always stands above the field (a heading too long for the label column)."""
        self._message_placed = False
        # The label, the controls and the message line are the row's own children (no box of their own
        # around the controls: a form of twenty fields mounts, styles and lays out twenty widgets fewer);
        # on a wide form the label stands docked to the left of the rest (edit_form's styles).
        super().__init__(
            self.label_widget,
            *children,
            id=control_id(name, "row"),
            classes="" if stacked else "-beside",
        )

    @property
    def message(self) -> tuple[str, str] | None:
        """("error" or "warning", the text) under the field, None when there is none."""
        return self.message_line.message if self.message_line is not None else None

    def show_message(self, errors: dict[str, str], warnings: dict[str, str], names: tuple[str, ...]) -> None:
        """Show the first error of ``names`` (else their first warning) under the field, or none."""
        if self.message_line is None:
            if not any(n in errors or n in warnings for n in names):
                return
            self.message_line = FieldMessage(id=control_id(self.field_name, "msg"))
            self._place_message()  # or on_mount will, when the field is not on the screen yet
        self.message_line.show_message(errors, warnings, names)

    def on_mount(self) -> None:
        self._place_message()

    def _place_message(self) -> None:
        """Put the message line under the field once, as soon as the field's part of the screen exists."""
        if self.message_line is not None and not self._message_placed and self.is_mounted:
            self._message_placed = True
            self.mount(self.message_line)


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
