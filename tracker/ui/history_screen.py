"""Who changed what, and when: the recorded history of a project (or of the whole plan) on one screen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tracker.domain.history import Change
from tracker.domain.thai import DigitStyle
from tracker.reports.history_report import history_table


class HistoryScreen(ModalScreen[None]):
    """The changes, newest last, in a scrolling table; escape (or q, or h) goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "กลับ", tooltip="Back to the plan"),
        Binding("q,h", "close", "กลับ", tooltip="Back to the plan", show=False),
        Binding("up,k", "scroll(-1)", "ขึ้น", key_display="↑k", tooltip="Scroll up"),
        Binding("down,j", "scroll(1)", "ลง", key_display="↓j", tooltip="Scroll down"),
        Binding("home,g", "to_end(False)", "บนสุด", show=False, tooltip="To the first change"),
        Binding("end,G", "to_end(True)", "ล่างสุด", show=False, tooltip="To the latest change"),
    ]

    DEFAULT_CSS = """
    HistoryScreen {
        align: center middle;
    }
    HistoryScreen > #history-dialog {
        width: 96%;
        height: 90%;
        border: thick $primary;
        background: $surface;
    }
    HistoryScreen #history-title {
        dock: top;
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    HistoryScreen #history-body {
        height: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, title: str, changes: list[Change], digits: DigitStyle) -> None:
        super().__init__()
        self._title = title
        self._changes = changes
        self._digits = digits

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-dialog"):
            yield Static(Text(self._title), id="history-title")
            body = (
                history_table(self._changes, self._digits)
                if self._changes
                else Text("ยังไม่มีการเปลี่ยนแปลงที่บันทึกไว้ (no recorded changes yet)", style="italic")
            )
            yield Static(body, id="history-body")
        yield Footer()

    def on_mount(self) -> None:
        # The latest change is what people look for first.
        self.query_one("#history-dialog", VerticalScroll).scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#history-dialog", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_to_end(self, end: bool) -> None:
        scroll = self.query_one("#history-dialog", VerticalScroll)
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)
