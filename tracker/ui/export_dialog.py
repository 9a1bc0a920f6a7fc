"""The export dialog: format, round, digits and where to write; the report is written on enter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from tracker.domain.model import Plan, Round
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle
from tracker.ui.thai_labels import ThaiSelect
from tracker.ui.widgets import SafeInput

FORMATS: tuple[tuple[str, str], ...] = (
    ("Markdown (.md) รายงานฉบับเต็มสำหรับเผยแพร่", "md"),
    ("ข้อความ (.txt) สำหรับอีเมลหรือพิมพ์", "txt"),
    ("CSV (.csv) สำหรับ Excel", "csv"),
)


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the person chose in the dialog."""

    fmt: str
    round: Round
    digits: DigitStyle
    path: Path
    history: bool = False
    """Add the change log (who changed what, when) as an appendix (Markdown and plain text)."""


Writer = Callable[[ExportChoice], "Path | str"]
"""Writes the report as chosen: the file written, or a message saying why it could not be."""


class ExportScreen(ModalScreen[Path | None]):
    """Choose how to export the report and write it; dismisses with the file written, or None.

    A file that cannot be written keeps the dialog open with the reason, so the path can be fixed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "ยกเลิก", tooltip="Close without exporting"),
        Binding("ctrl+s", "export", "ส่งออก", tooltip="Write the report"),
    ]

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ExportScreen Label {
        margin: 1 0 0 0;
    }
    ExportScreen #export-error {
        color: $error;
        height: auto;
    }
    ExportScreen Horizontal {
        height: auto;
        margin: 1 0 0 0;
        align: right middle;
    }
    ExportScreen Button {
        margin: 0 0 0 2;
    }
    """

    def __init__(
        self, plan: Plan, round_: Round, default_path: Callable[[str, Round], Path], write: Writer
    ) -> None:
        """``default_path(fmt, round_)`` is where a format and round go unless the person says otherwise."""
        super().__init__()
        self.plan = plan
        self.round = round_
        self._default_path = default_path
        self._write = write
        self._path_edited = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("ส่งออกรายงานผลการดำเนินงาน (export the report)", style="bold"))
            yield Label("รูปแบบไฟล์ (format)")
            yield ThaiSelect(FORMATS, value="md", allow_blank=False, id="export-format")
            yield Label("รอบการรายงาน (round)")
            yield ThaiSelect(
                [(r.label_in(self.plan.settings.digit_style), r) for r in (Round.SIX, Round.TWELVE)],
                value=self.round, allow_blank=False,
                id="export-round",
            )
            yield Label("ตัวเลข (digits)")
            yield ThaiSelect(
                [("เลขไทย ๐๑๒", DigitStyle.THAI), ("เลขอารบิก 012", DigitStyle.ARABIC)],
                value=self.plan.settings.digit_style, allow_blank=False, id="export-digits",
            )
            yield Label("ภาคผนวกบันทึกการเปลี่ยนแปลง (change log appendix, Markdown and text)")
            yield ThaiSelect(
                [("ไม่แนบ (no)", False), ("แนบประวัติการแก้ไขท้ายรายงาน (add it)", True)],
                value=False, allow_blank=False, id="export-history",
            )
            yield Label("บันทึกที่ (file)")
            yield SafeInput(str(self._path("md", self.round)), id="export-path")
            yield Static("", id="export-error")
            with Horizontal():
                yield Button("ส่งออก (export)", variant="primary", id="export-go")
                yield Button("ยกเลิก (cancel)", id="export-cancel")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    def _path(self, fmt: str, round_: Round) -> Path:
        return self._default_path(fmt, round_)

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        """The default file name follows the format and round, unless the person typed their own."""
        if self._path_edited:
            return
        fmt = self.query_one("#export-format", Select).value
        round_ = self.query_one("#export-round", Select).value
        if isinstance(fmt, str) and isinstance(round_, Round):
            path_input = self.query_one("#export-path", Input)
            with self.prevent(Input.Changed):
                path_input.value = str(self._path(fmt, round_))

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A path typed by the person stays; the default one follows format and round."""
        fmt = self.query_one("#export-format", Select).value
        round_ = self.query_one("#export-round", Select).value
        if isinstance(fmt, str) and isinstance(round_, Round):
            self._path_edited = event.value != str(self._path(fmt, round_))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        fmt = self.query_one("#export-format", Select).value
        round_ = self.query_one("#export-round", Select).value
        digits = self.query_one("#export-digits", Select).value
        history = self.query_one("#export-history", Select).value is True
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.query_one("#export-error", Static).update("ระบุไฟล์ที่จะบันทึก (give a file name)")
            return
        assert isinstance(fmt, str) and isinstance(round_, Round) and isinstance(digits, DigitStyle)
        written = self._write(ExportChoice(fmt, round_, digits, Path(raw).expanduser(), history))
        if isinstance(written, str):
            self.show_error(written)
            return
        self.dismiss(written)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        """Say why the file could not be written (the dialog stays open)."""
        self.query_one("#export-error", Static).update(Text(safe_line(message)))
