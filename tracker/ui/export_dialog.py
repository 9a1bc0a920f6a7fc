"""The export dialog: format, round, digits and where to write; the report is written on enter.

Choices a format has no use for are disabled, with a line saying why (CSV always holds both rounds
in plain numbers; the change log follows Markdown and plain text only). The e-PlanNACC entry sheet
takes a round and digits, and says that its amounts stay in Arabic digits whatever the digits chosen. A Word or PDF file takes up
to a second to lay out: it is written in a thread, the dialog saying so meanwhile, so that the
terminal stays responsive.

The dialog is compact (one line a choice, labels beside them) so that its buttons show on an 80×24
terminal without scrolling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.widgets import Button, Footer, Input, Label, Select, Static

from tracker.domain.model import Plan, Round
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle
from tracker.reports.export import ExportFormat
from tracker.ui.dialog import Dialog
from tracker.ui.thai_labels import ThaiSelect
from tracker.ui.widgets import SafeInput

FORMATS: tuple[tuple[str, str], ...] = (
    ("Markdown (.md) รายงานฉบับเต็มสำหรับเผยแพร่", ExportFormat.MARKDOWN.value),
    ("PDF (.pdf) พร้อมพิมพ์และเผยแพร่", ExportFormat.PDF.value),
    ("Word (.docx) สำหรับแก้ไขและพิมพ์", ExportFormat.DOCX.value),
    ("ข้อความ (.txt) สำหรับอีเมลหรือพิมพ์", ExportFormat.TEXT.value),
    ("CSV (.csv) สำหรับ Excel", ExportFormat.CSV.value),
    ("แบบกรอก e-PlanNACC (.txt) สำหรับบันทึกผลลงระบบ", ExportFormat.ENTRY.value),
)

NO_ROUND_WHY = (
    "CSV มีผลทั้งสองรอบเป็นตัวเลขล้วนเสมอ จึงเลือกรอบและตัวเลขไม่ได้"
    " (CSV always holds both rounds, in plain numbers)"
)
NO_HISTORY_WHY = (
    "ภาคผนวกประวัติการแก้ไขมีเฉพาะ Markdown และข้อความ"
    " (the change log appendix is for Markdown and plain text only)"
)
ENTRY_AMOUNTS_WHY = (
    "แบบกรอกเขียนจำนวนเงินเป็นเลขอารบิกไม่มีจุลภาคเสมอ (เช่น 50000.00) ตามที่ระบบ e-PlanNACC รับ"
    " (the entry sheet's amounts are always plain Arabic digits, as the web form takes them)"
)
WRITING = "กำลังเขียนไฟล์… (writing the file)"


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
"""Writes the report as chosen: the file written, or a message saying why it could not be.

Called in a worker thread for the Word and PDF formats (it must not touch the screen)."""


class ExportScreen(Dialog[Path | None]):
    """Choose how to export the report and write it; dismisses with the file written, or None.

    A file that cannot be written keeps the dialog open with the reason, so the path can be fixed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "ยกเลิก", tooltip="Close without exporting"),
        Binding("ctrl+s", "export", "ส่งออก", tooltip="Write the report"),
    ]

    DEFAULT_CSS = """
    ExportScreen #export-title {
        margin: 0 0 1 0;
    }
    ExportScreen Grid {
        grid-size: 2;
        grid-columns: auto 1fr;
        grid-rows: auto;
        grid-gutter: 0 2;
        height: auto;
    }
    ExportScreen Grid > Label {
        height: 1;
    }
    ExportScreen Grid > Label.-disabled {
        color: $text-disabled;
    }
    /* A compact choice has no border to light up: the one with the cursor is drawn reversed. */
    ExportScreen Select:focus > SelectCurrent {
        text-style: reverse;
    }
    ExportScreen #export-why {
        height: auto;
        color: $text-muted;
    }
    ExportScreen #export-path-label {
        margin: 1 0 0 0;
    }
    ExportScreen #export-error {
        color: $error;
        height: auto;
    }
    ExportScreen #export-error.-busy {
        color: $text-muted;
    }
    ExportScreen Horizontal {
        height: auto;
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
        self.writing = False
        """A Word or PDF file is being written (in a thread): the dialog waits for it."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Footer(show_command_palette=False)

    def compose_dialog(self) -> ComposeResult:
        yield Static(Text("ส่งออกรายงานผลการดำเนินงาน (export the report)"), id="export-title",
                     classes="dialog-title")
        with Grid():
            yield Label("รูปแบบไฟล์ (format)")
            yield ThaiSelect(FORMATS, value="md", allow_blank=False, compact=True, id="export-format")
            yield Label("รอบการรายงาน (round)", id="export-round-label")
            yield ThaiSelect(
                [(r.label_in(self.plan.settings.digit_style), r) for r in (Round.SIX, Round.TWELVE)],
                value=self.round, allow_blank=False, compact=True,
                id="export-round",
            )
            yield Label("ตัวเลข (digits)", id="export-digits-label")
            yield ThaiSelect(
                [("เลขไทย ๐๑๒", DigitStyle.THAI), ("เลขอารบิก 012", DigitStyle.ARABIC)],
                value=self.plan.settings.digit_style, allow_blank=False, compact=True,
                id="export-digits",
            )
            yield Label("ภาคผนวก (change log)", id="export-history-label")
            yield ThaiSelect(
                [("ไม่แนบประวัติการแก้ไข (no)", False), ("แนบประวัติการแก้ไขท้ายรายงาน (add it)", True)],
                value=False, allow_blank=False, compact=True, id="export-history",
            )
        yield Static("", id="export-why", markup=False)
        yield Label("บันทึกที่ (file)", id="export-path-label")
        yield SafeInput(str(self._path("md", self.round)), id="export-path")
        yield Static("", id="export-error")
        with Horizontal():
            yield Button("ส่งออก (export)", variant="primary", compact=True, id="export-go")
            yield Button("ยกเลิก (cancel)", compact=True, id="export-cancel")

    def on_mount(self) -> None:
        self._fit_choices(ExportFormat.MARKDOWN)
        self.query_one("#export-format", Select).focus()
        self.call_after_refresh(self._show_path_end)

    def _show_path_end(self) -> None:
        """Put the path field's cursor at its end and scroll it there: a long path shows its file name
        (year, round, extension), the part that tells one report from another, not the folder it starts with."""
        path_input = self.query_one("#export-path", Input)
        path_input.cursor_position = len(path_input.value)
        path_input.scroll_to(x=path_input.max_scroll_x, animate=False, force=True, immediate=True)

    def _set_path(self, value: str) -> None:
        """Write the path field for the person (its end in sight), not as typing."""
        path_input = self.query_one("#export-path", Input)
        with self.prevent(Input.Changed):
            path_input.value = value
        self.call_after_refresh(self._show_path_end)  # once the field has measured its new value

    def _path(self, fmt: str, round_: Round) -> Path:
        return self._default_path(fmt, round_)

    def _fit_choices(self, fmt: ExportFormat) -> None:
        """Disable the choices ``fmt`` has no use for, and say why."""
        why: list[str] = []
        for name, used in (("round", fmt.takes_round), ("digits", fmt.takes_round), ("history", fmt.takes_history)):
            self.query_one(f"#export-{name}", Select).disabled = not used
            self.query_one(f"#export-{name}-label", Label).set_class(not used, "-disabled")
        if not fmt.takes_round:
            why.append(NO_ROUND_WHY)
        if fmt is ExportFormat.ENTRY:
            # Its own line only: at 80×24 the change log's would push the file name out of sight, and an
            # entry sheet is not a report anyone looks for an appendix in.
            why.append(ENTRY_AMOUNTS_WHY)
        elif not fmt.takes_history:
            why.append(NO_HISTORY_WHY)
        why_line = self.query_one("#export-why", Static)
        why_line.update("\n".join(why))
        why_line.display = bool(why)

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        """The file name follows the format and round: the default one whole, a typed one its extension
        (the entry sheet's is .txt, like plain text's)."""
        fmt = self.query_one("#export-format", Select).value
        round_ = self.query_one("#export-round", Select).value
        if not (isinstance(fmt, str) and isinstance(round_, Round)):
            return
        if event.select.id == "export-format":
            self._fit_choices(ExportFormat(fmt))
        path_input = self.query_one("#export-path", Input)
        if not self._path_edited:
            self._set_path(str(self._path(fmt, round_)))
            return
        typed = Path(path_input.value.strip())
        suffix = f".{ExportFormat(fmt).suffix}"
        if typed.suffix.lower().lstrip(".") in {f.suffix for f in ExportFormat} and typed.suffix != suffix:
            self._set_path(str(typed.with_suffix(suffix)))

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
        if self.writing:
            return
        fmt = self.query_one("#export-format", Select).value
        round_ = self.query_one("#export-round", Select).value
        digits = self.query_one("#export-digits", Select).value
        history = self.query_one("#export-history", Select).value is True
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.show_error("ระบุไฟล์ที่จะบันทึก (give a file name)")
            return
        assert isinstance(fmt, str) and isinstance(round_, Round) and isinstance(digits, DigitStyle)
        kind = ExportFormat(fmt)
        choice = ExportChoice(fmt, round_, digits, Path(raw).expanduser(), history and kind.takes_history)
        if kind.is_document:
            self._set_writing(True)
            self._write_in_thread(choice, kind)
            return
        self._written(self._write(choice))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write_in_thread(self, choice: ExportChoice, kind: ExportFormat) -> None:
        """Write a Word or PDF file away from the screen; the dialog hears of it when done."""
        written: Path | str
        try:
            written = self._write(choice)
        except ImportError as exc:
            written = (
                f"ส่งออกเป็น {kind.label} ไม่ได้: เครื่องนี้ขาดส่วนเสริมที่ใช้เขียนไฟล์"
                f" (this format needs a missing module: {exc})"
            )
        except Exception as exc:  # the dialog stays and says why, rather than the app stopping
            written = f"เขียนไฟล์ไม่ได้ (could not write the file): {exc}"
        self.app.call_from_thread(self._written, written)

    def _written(self, written: Path | str) -> None:
        self._set_writing(False)
        if isinstance(written, str):
            self.show_error(written)
            return
        self.dismiss(written)

    def _set_writing(self, writing: bool) -> None:
        self.writing = writing
        self.query_one("#export-go", Button).disabled = writing
        status = self.query_one("#export-error", Static)
        status.set_class(writing, "-busy")
        status.update(WRITING if writing else "")

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        if self.writing:  # a second at most: the file is not left half written
            return
        super().action_close()

    def show_error(self, message: str) -> None:
        """Say why the file could not be written (the dialog stays open)."""
        self.query_one("#export-error", Static).update(Text(safe_line(message)))
