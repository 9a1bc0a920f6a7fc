"""The checks panel: what the consistency rules find in the plan, kept up to date as edits are made,
and the findings of the import the plan keeps (marked นำเข้า and their id) until each is resolved."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.domain.findings import Finding, Severity
from tracker.domain.thai import DigitStyle, with_digits
from tracker.ui.actions import ACTIONS, PLAN_SCREEN, binding
from tracker.ui.display import finding_text, fit

READING = "-reading-checks"
"""The screen's class while the panel has focus: below 120 columns the app's layout gives the panel's column
the whole width then (the details of the tree's item beside it matter less while findings are read)."""
IMPORT_STYLE = Style(color="cyan", bold=True)
"""The mark of a finding kept from the import."""


def option_text(finding: Finding, digits: DigitStyle) -> Text:
    """A finding as the panel lists it; one kept from the import says so, with the id that resolves it."""
    text = finding_text(finding, digits)
    if not finding.ref:
        return text
    mark_end = 2  # finding_text begins with its mark and a space
    return Text.assemble(text[:mark_end], (f"นำเข้า {finding.ref} ", IMPORT_STYLE), text[mark_end:])


def short_text(finding: Finding, digits: DigitStyle, width: int) -> Text:
    """A finding on at most two lines of ``width`` cells: what it is, and its hint ("→ ..."), each cut
    with "…" where longer; the highlighted finding is shown whole instead."""
    lines = option_text(finding, digits).split("\n")
    shown = [fit(lines[0], width)]
    if len(lines) > 1:
        shown.append(fit(lines[-1], width))
    return Text("\n").join(shown)


NOT_FROM_IMPORT = (
    "ข้อสังเกตนี้ไม่ได้มาจากการนำเข้า: จะหายไปเมื่อแก้ข้อมูลตามคำแนะนำ"
    " (only findings of the import are marked resolved; this one goes away once the data is fixed)"
)
"""What m says on a finding of the rules: it goes away by itself once the data is fixed."""
NOTHING_TO_RESOLVE = "ไม่มีข้อสังเกตให้ทำเครื่องหมายว่าแก้แล้ว (no finding to mark resolved)"


PANEL_ACTIONS = ("export", "summary", "history",
                 "request_quit", "help")
"""The app's keys that work in the panel as on the tree (the tree binds them, and the panel is not in it)."""
SHOWN_IN_PANEL = ("export",)
"""Of those, the ones the footer shows while the panel has focus (it is short at 80 columns)."""


def panel_bindings() -> list[BindingType]:
    """The plan screen's keys of :data:`PANEL_ACTIONS`, as the tree binds them (with the same ids, so a
    keymap moves them here too)."""
    return [
        binding(a, namespace=PLAN_SCREEN, show=a.name in SHOWN_IN_PANEL)
        for a in ACTIONS
        if a.name in PANEL_ACTIONS and a.tree_only
    ]


class ChecksPanel(OptionList):
    """Findings, errors first; enter on one goes to its project (or to the plan), and into the field of
    its form when the finding is about one field; m marks a finding of the import resolved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "ไปที่โครงการ", tooltip="Go to the project (or the field) the finding is about"),
        Binding("m", "resolve", "แก้แล้ว",
                tooltip="Mark the import's finding resolved (ctrl+z takes it back)"),
        # m where it cannot resolve (shown dimmed above): says why. No description: the help lists m once.
        Binding("m", "why_not_resolve", show=False),
        Binding("escape", f"{PLAN_SCREEN}.toggle_checks", "ปิด", tooltip="Close the checks"),
        Binding("x", "close", "ปิด", show=False, tooltip="Close the checks (as esc)"),
        Binding("j", "cursor_down", "ลง", show=False, tooltip="The next finding"),
        Binding("k", "cursor_up", "ขึ้น", show=False, tooltip="The finding before"),
        *panel_bindings(),
    ]

    DEFAULT_CSS = """
    ChecksPanel {
        display: none;
        height: 60%;
        min-height: 8;
        border-top: solid $warning;
    }
    ChecksPanel.-open {
        display: block;
    }
    ChecksPanel.-open:focus {
        height: 75%;
    }
    """

    class Jump(Message):
        """Go to the finding's project (None: the plan), into ``field`` of its form if set."""

        def __init__(self, project: int | None, field: str = "", project_uid: str | None = None) -> None:
            super().__init__()
            self.project = project
            """The project's order number (None: the plan)."""
            self.project_uid = project_uid
            """The very project, when the finding names one (an order number may be shared)."""
            self.field = field
            """A field of the project form (or of the plan form when ``project`` is None), or ""."""

    class Resolve(Message):
        """Mark the finding of the import with this id resolved."""

        def __init__(self, ref: str) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._findings: list[Finding] = []
        self._digits = DigitStyle.THAI
        self._stale = True
        """The options do not show the findings yet (they are built only while the panel is open)."""
        self._whole: int | None = None
        """The option shown whole (the highlighted one); the others are shortened to two lines."""
        self._cut_for: int | None = None
        """The width of a line all the shortened options were last cut to (by a build or a re-cut)."""

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
        imported = sum(f.from_import for f in findings)
        self.border_title = with_digits(f"ข้อสังเกต {len(findings)} (ข้อผิดพลาด {errors})", digits)
        self.border_subtitle = with_digits(f"จากการนำเข้า {imported}", digits) if imported else ""
        self._whole = None
        self.add_options([Option(self._prompt(i)) for i in range(len(findings))])
        self._cut_for = self._width
        if highlighted is not None:
            self.highlighted = min(highlighted, len(findings) - 1)
        self._show_whole()
        self.refresh_bindings()

    @property
    def _width(self) -> int:
        """Cells of a line of an option (the options have a cell of padding on each side)."""
        return max(self.scrollable_content_region.width - 2, 10)

    def _prompt(self, index: int) -> Text:
        finding = self._findings[index]
        if index == self._whole or self.size.width == 0:
            return option_text(finding, self._digits)
        return short_text(finding, self._digits, self._width)

    def _show_whole(self) -> None:
        """The highlighted finding whole, the others on two lines each (so that several fit at 80×24)."""
        if not self._findings or self._stale:
            return
        before, self._whole = self._whole, self.highlighted
        for index in {before, self._whole}:
            if index is not None and 0 <= index < min(len(self._findings), self.option_count):
                self.replace_option_prompt_at_index(index, self._prompt(index))
        if self.highlighted is not None:
            self.scroll_to_highlight()

    def on_focus(self, event: events.Focus) -> None:
        """While the findings are read, the screen says so (:data:`READING`); it ends when focus leaves."""
        self.screen.add_class(READING)

    def on_blur(self, event: events.Blur) -> None:
        self.screen.remove_class(READING)

    def on_resize(self) -> None:
        self._recut()

    def watch_show_vertical_scrollbar(self) -> None:
        """The scrollbar took (or gave back) two cells of every line: cut the lines again."""
        self._recut()

    def _recut(self) -> None:
        """Cut the shortened findings again when the width of a line has changed since they were cut."""
        if not self._findings or self._stale or self._cut_for == self._width:
            return
        for index in range(min(len(self._findings), self.option_count)):
            self.replace_option_prompt_at_index(index, self._prompt(index))
        self._cut_for = self._width

    @property
    def current(self) -> Finding | None:
        """The highlighted finding, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._findings):
            return None
        return self._findings[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"m" applies only to a finding of the import: shown dimmed on the others, where it says why."""
        importable = self.current is not None and self.current.from_import
        if action == "resolve":
            return True if importable else None
        if action == "why_not_resolve":
            return not importable
        return True

    async def action_close(self) -> None:
        await self.app.run_action(f"{PLAN_SCREEN}.toggle_checks")

    def action_resolve(self) -> None:
        current = self.current
        if current is not None and current.from_import:
            self.post_message(self.Resolve(current.ref))

    def action_why_not_resolve(self) -> None:
        """m on a finding that is not the import's (or on none): say why nothing was marked."""
        self.app.notify(NOT_FROM_IMPORT if self.current is not None else NOTHING_TO_RESOLVE, severity="information")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_whole()
        self.refresh_bindings()  # "m" follows the highlighted finding

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._findings):
            finding = self._findings[event.option_index]
            self.post_message(self.Jump(finding.project, finding.field, finding.project_uid))
