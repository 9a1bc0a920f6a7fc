"""What every dialog of the app shares: a box in the middle of the screen, over the plan, closed by escape.

A dialog subclasses :class:`Dialog` and yields what the box holds from :meth:`Dialog.compose_dialog`
(the base puts it in the box, ``#dialog``). Its title line and its line of keys take the classes
``dialog-title`` and ``dialog-keys``; its own ``DEFAULT_CSS`` says only what differs (the box's width,
a title docked at the top...), and wins over the base's where both say something.

Escape runs :meth:`Dialog.action_close`, which dismisses the dialog with :meth:`Dialog.closed_result`
(None unless the dialog says otherwise). Each dialog binds escape to ``close`` itself, in its own words
("ยกเลิก", "ปิด", "กลับ": its footer shows them): textual adds a subclass's binding of a key after its
base's rather than replacing it, so a binding in the base could not be reworded by a dialog.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal box in the middle of the screen; escape (bound by the subclass to ``close``) closes it."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > #dialog {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    Dialog #dialog > .dialog-title {
        height: auto;
        text-style: bold;
    }
    Dialog #dialog > .dialog-keys {
        height: auto;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield from self.compose_dialog()

    def compose_dialog(self) -> ComposeResult:
        """What the box holds (a dialog of its own shape, the history's page, overrides :meth:`compose`)."""
        return ()

    def closed_result(self) -> T | None:
        """What closing the dialog (escape) dismisses it with."""
        return None

    def action_close(self) -> None:
        self.dismiss(self.closed_result())
