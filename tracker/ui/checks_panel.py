"""The checks panel: what the consistency rules find in the plan, kept up to date as edits are made."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.domain.findings import Finding, Severity
from tracker.domain.thai import DigitStyle, with_digits
from tracker.ui.display import finding_text


class ChecksPanel(OptionList):
    """Findings, errors first; enter on one goes to its project (or to the plan)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "ไปที่โครงการ", tooltip="Go to the project the finding is about"),
        Binding("escape", "app.toggle_checks", "ปิด", tooltip="Close the checks"),
    ]

    DEFAULT_CSS = """
    ChecksPanel {
        display: none;
        height: 40%;
        border-top: solid $warning;
    }
    ChecksPanel.-open {
        display: block;
    }
    """

    class Jump(Message):
        """Go to the project with this order number (None: the plan)."""

        def __init__(self, project: int | None) -> None:
            super().__init__()
            self.project = project

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._findings: list[Finding] = []
        self._digits = DigitStyle.THAI
        self._stale = True
        """The options do not show the findings yet (they are built only while the panel is open)."""

    def show_findings(self, findings: list[Finding], digits: DigitStyle) -> None:
        """Replace the list, keeping the highlighted row where it was (at once if open, else on opening)."""
        if findings == self._findings and digits == self._digits and not self._stale:
            return
        self._findings, self._digits, self._stale = findings, digits, True
        if self.has_class("-open"):
            self.build()

    def build(self) -> None:
        """Make the options from the findings, if they changed since the last time."""
        if not self._stale:
            return
        self._stale = False
        findings, digits = self._findings, self._digits
        highlighted = self.highlighted
        self.clear_options()
        if not findings:
            self.add_option(Option(Text("✓ ไม่พบข้อผิดพลาด (no findings)", style="green"), disabled=True))
            return
        errors = sum(f.severity is Severity.ERROR for f in findings)
        self.border_title = with_digits(f"ข้อสังเกต {len(findings)} (ข้อผิดพลาด {errors})", digits)
        self.add_options([Option(finding_text(f, digits)) for f in findings])
        if highlighted is not None:
            self.highlighted = min(highlighted, len(findings) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._findings):
            self.post_message(self.Jump(self._findings[event.option_index].project))
