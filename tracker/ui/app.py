"""The terminal app: the plan as a tree of dimensions and projects, the selected item's form beside it.

Saving: every edit that passes its checks is applied at once (tree, header and summary follow) and
written to disk half a second after typing stops, and at once before anything else happens (moving
to another item, switching round or plan, opening the summary, quitting). The header says whether
everything is saved. An edit that fails its checks is never saved; leaving it asks first.

Safety: ctrl+z / ctrl+y undo and redo whole saves (edits, deletions, moves), also after they were
written. The file is watched: a change made by another program is never overwritten blindly; the
app offers to reload it (or, when there are unsaved edits, to overwrite it after backing it up).
When another program holds the database's writer lock the app opens read-only, says so in a
banner, follows that program's saves, and becomes writable as soon as it closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult, ScreenStackError, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static, Tree

from tracker.domain import import_findings
from tracker.domain.editing import (
    ProjectFilter,
    add_project,
    apply_plan,
    apply_project,
    delete_project,
    duplicate_project,
    index_of,
    move_project,
    next_fiscal_year,
)
from tracker.domain.figures import Figures, compute
from tracker.domain.findings import Finding, Severity
from tracker.domain.history import Change, field_label
from tracker.domain.model import Plan, Round, plan_from_dict, plan_to_dict
from tracker.domain.text import safe_line
from tracker.domain.thai import DigitStyle, typed_digits, with_digits
from tracker.reports.export import ExportError, default_export_path, write_export
from tracker.storage.store import OutsideChange, Store, StoreError, StoreLocked
from tracker.ui.actions import ACTIONS, bindings
from tracker.ui.checks_panel import ChecksPanel
from tracker.ui.display import (
    NodeKind,
    NodeRef,
    SaveState,
    dimension_heading,
    dimension_sections,
    header_parts,
    plan_sections,
    project_sections,
    status_legend,
    worst_by_project,
)
from tracker.ui.export_dialog import ExportChoice, ExportScreen
from tracker.ui.filterbar import FilterBar
from tracker.ui.forms import PlanForm, ProjectForm
from tracker.ui.history_screen import HistoryScreen
from tracker.ui.keyorder import KeyOrder
from tracker.ui.screens import ChoiceScreen, ConfirmScreen, HelpScreen, SummaryScreen, help_rows
from tracker.ui.terminal import hung_up
from tracker.ui.thai_labels import open_command_palette
from tracker.ui.widgets import DetailPanel, FittedFooter, PlanHeader, PlanTree

GIVE_WAY = ("delete_project", "toggle_checks", "add_project", "export", "summary", "filter", "save",
            "focus_tree", "clear_filter", "select_cursor")
"""Actions whose keys leave the footer first when it is too narrow for them all (help and quit never:
help, f1, lists every key)."""


class EmptyNotice(Static, can_focus=True):
    """What shows when the store holds no plan; q still quits."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.request_quit", "ออก", tooltip="Quit")]


SAVE_DELAY = 0.5
"""Seconds of quiet after an edit before it is written (every other move writes at once)."""

FILTER_DELAY = 0.15
"""Seconds of quiet in the filter's fields before a long plan's tree is filtered."""
FILTER_AT_ONCE = 2000
"""Plans up to this many projects are filtered at every key (a rebuild takes a few milliseconds)."""

UNDO_LIMIT = 200
"""Saved versions ctrl+z can go back through in one session (each is a whole plan in memory)."""

WATCH_INTERVAL = 2.0
"""Seconds between looks at the database file for changes made by another program."""


HEADER_ABBREVIATIONS: tuple[tuple[tuple[str, str], ...], ...] = (
    (  # 80 columns: the usual short forms of the organization's kind, the year and the score
        ("องค์การบริหารส่วนตำบล", "อบต."),
        ("องค์การบริหารส่วนจังหวัด", "อบจ."),
        ("เทศบาลตำบล", "ทต."),
        ("เทศบาลเมือง", "ทม."),
        ("เทศบาลนคร", "ทน."),
        ("ปีงบประมาณ พ.ศ. ", "ปีงบ "),
        ("การนำแผนไปปฏิบัติ ร้อยละ ", "ร้อยละ "),
    ),
    (  # and shorter still
        ("รอบ ", ""),
        ("ร้อยละ ", "%"),
        ("ยังไม่มีการรายงานผลรอบนี้", "ยังไม่รายงานผล"),
        ("✗ มีช่องไม่ถูกต้อง ยังไม่บันทึก", "✗ มีช่องไม่ถูกต้อง"),
    ),
)
"""Shorter wordings of the header's pieces (a piece that starts with the first text), one set after another."""


def shorter_headers(parts: list[Text]) -> list[list[Text]]:
    """The header's pieces worded shorter and shorter, for :class:`PlanHeader` to take the first that fits.

    Shortest of all: without the organization (the tree's first line and the terminal's title name it).
    """
    variants: list[list[Text]] = []
    current = parts
    for abbreviations in HEADER_ABBREVIATIONS:
        current = [_abbreviated(part, abbreviations) for part in current]
        variants.append(current)
    variants.append(current[1:])
    return variants


def _abbreviated(part: Text, abbreviations: tuple[tuple[str, str], ...]) -> Text:
    text = part.plain
    for long, short in abbreviations:
        if text.startswith(long):
            # "ร้อยละ ๘๕.๐๐" becomes "๘๕.๐๐%": the sign goes after the number
            text = text[len(long):] + short if short == "%" else short + text[len(long):]
            return Text(text, style=part.style, end=part.end)
    return part


@dataclass(frozen=True, slots=True)
class Step:
    """A saved version of the plan that ctrl+z (or ctrl+y) can go back to."""

    doc: dict[str, Any]
    """The plan as stored (plan_to_dict)."""
    ref: NodeRef | None
    """What was shown when that version was left, to show again."""


@dataclass(frozen=True, slots=True)
class KeptSteps:
    """The undo and redo of a plan not shown now, and the saved version they lead back from."""

    undo: list[Step]
    redo: list[Step]
    saved_doc: dict[str, Any]


class TrackerApp(App[None]):
    """Keep a plan: the tree on the left, the highlighted item's form (or summary) on the right."""

    TITLE = "แผนปฏิบัติการป้องกันการทุจริต"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(tree=False))
    COMMAND_PALETTE_BINDING = "ctrl+p"

    # Narrow (80 columns): the form gets the room, the tree cuts long names with "…".
    # Wide: half each, so that dimension and project names read whole, and a legend of the marks.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (App declares it a plain attribute)

    CSS = """
    #body {
        height: 1fr;
    }
    #left {
        width: 2fr;
        min-width: 30;
    }
    Screen.-wide #left {
        width: 1fr;
    }
    #tree {
        height: 1fr;
    }
    #legend {
        display: none;
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    Screen.-wide #legend {
        display: block;
    }
    #right {
        width: 3fr;
        border-left: vkey $primary-background;
    }
    Screen.-wide #right {
        width: 1fr;
    }
    Screen.-narrow.-reading-checks #left {
        width: 1fr;  /* the checks panel has focus: its findings take the whole width */
    }
    Screen.-narrow.-reading-checks #right {
        display: none;
    }
    #right:focus-within {
        border-left: vkey $primary;
    }
    #right > * {
        height: 1fr;
        padding: 0 1;
    }
    #empty {
        height: 1fr;
        content-align: center middle;
    }
    #readonly {
        height: auto;
        padding: 0 1;
        background: $warning 30%;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self, store: Store, plan_id: str | None = None, round_: Round | None = None) -> None:
        """Show ``plan_id`` (the store's first plan when None) in ``round_`` (the plan's own by default).

        Raises the store's ``StoreError`` when ``plan_id`` is not in the store.
        """
        super().__init__()
        self.store = store
        self.plan: Plan | None = self._load(store, plan_id)
        self.round: Round = round_ if round_ is not None else (self.plan.round if self.plan else Round.TWELVE)
        self.figures: Figures | None = compute(self.plan, self.round) if self.plan else None
        self.filter = ProjectFilter()
        self.shown: NodeRef | None = None
        """The item the right side shows."""
        self.editing = False
        """Whether it shows the item's form (after enter) or its details (while browsing the tree)."""
        self.save_state = SaveState.SAVED
        self.invalid: dict[str, str] = {}
        """The errors of an edit that was not applied, by field; empty when every edit is applied."""
        self._save_timer: Timer | None = None
        self._keys = KeyOrder(self)
        self._hung_up = False
        self._filter_timer: Timer | None = None
        self.findings: list[Finding] = []
        """What the checks find in the plan for the round shown, kept current as edits are made."""
        self._marks: dict[int, Severity] = {}
        self.pane: Widget | None = None
        """What the right side shows now: a ProjectForm, the PlanForm or a dimension's DetailPanel."""
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        self._saved_doc: dict[str, Any] | None = plan_to_dict(self.plan) if self.plan else None
        """The plan as the file holds it: what the next save is compared with and undo returns to."""
        self._other_plans_steps: dict[str, KeptSteps] = {}
        """The undo and redo of each plan switched away from in this session, to take up on return."""
        self._outside_asked = False
        """The outside change on disk has been offered for reloading (and put off) once."""
        if self.plan is not None:
            self.title = self._plan_title()

    @staticmethod
    def _load(store: Store, plan_id: str | None) -> Plan | None:
        if plan_id is None:
            plans = store.list_plans()
            if not plans:
                return None
            plan_id = plans[0].plan_id
        return store.load_plan(plan_id)

    # --- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.plan is None or self.figures is None:
            yield EmptyNotice(
                f"ไม่มีแผนใน {safe_line(str(self.store.path))} (the store holds no plan)\n"
                "นำเข้ารายงานด้วย tracker import PATH · กด q เพื่อออก",
                id="empty",
                markup=False,
            )
        else:
            banner = Static(self._read_only_text(), id="readonly", markup=False)
            banner.display = self.store.read_only
            yield banner
            parts = self._header_parts()
            yield PlanHeader(parts, shorter=shorter_headers(parts), id="header")
            with Horizontal(id="body"):
                with Vertical(id="left"):
                    yield FilterBar(self.plan, id="filter")
                    yield PlanTree(id="tree")
                    yield ChecksPanel(id="checks")
                    yield Static(status_legend(), id="legend")
                yield Vertical(id="right")
        yield FittedFooter(GIVE_WAY, show_command_palette=False)

    @property
    def keys_settled(self) -> bool:
        """Whether every key typed so far has been handled (keys wait for the one before: :mod:`keyorder`)."""
        return self._keys.idle

    async def on_event(self, event: events.Event) -> None:
        """Keys (and pastes) from the terminal are handled one at a time, in the order typed (:mod:`keyorder`)."""
        if self._keys.hold(event):
            return
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            try:
                target = self.focused or self.screen
            except ScreenStackError:  # the app is closing: a key held until now has nowhere to go
                return
            await super().on_event(event)
            self._keys.handed_on(event, target)
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.store.created:
            self.notify(
                f"สร้างฐานข้อมูลใหม่จากแผนตั้งต้นที่ {safe_line(str(self.store.path))}"
                " (created a new database from the default plan)",
                title="ฐานข้อมูลใหม่",
                timeout=8,
                markup=False,
            )
        for warning in self.store.warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.set_interval(WATCH_INTERVAL, self.watch_file)
        self.set_interval(WATCH_INTERVAL, self._watch_terminal)
        with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError, ValueError):  # no SIGHUP
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._hang_up)
        if self.plan is None:
            self.query_one(EmptyNotice).focus()
            return
        self._rebuild_tree(NodeRef(NodeKind.PLAN))
        self.query_one(PlanTree).focus()

    @property
    def digits(self) -> DigitStyle:
        """The digit style every figure, date and count on screen is written in: the plan's setting."""
        return self.plan.settings.digit_style if self.plan is not None else DigitStyle.THAI

    def _plan_title(self) -> str:
        """The organization and the fiscal year, in :attr:`digits` (the terminal's title)."""
        assert self.plan is not None
        organization = typed_digits(safe_line(self.plan.organization), self.digits)
        return f"{organization} ปีงบประมาณ {self._num(self.plan.fiscal_year)}"

    def _num(self, value: int) -> str:
        """A count or year in :attr:`digits`."""
        return with_digits(str(value), self.digits)

    def _read_only_text(self) -> str:
        if not self.store.read_only:
            return ""
        holder = self.store.lock_holder
        who = holder.describe(self.digits) if holder is not None else "โปรแกรมอื่น (another program)"
        return (
            f"อ่านอย่างเดียว: ฐานข้อมูลนี้กำลังถูกแก้ไขโดย {who} — ดูได้ แต่แก้ไขไม่ได้จนกว่าอีกฝ่ายจะปิดโปรแกรม"
            " (read-only: another program is editing this database; you can look, and edit once it closes)"
        )

    def _header_parts(self) -> list[Text]:
        assert self.plan is not None and self.figures is not None
        return header_parts(self.plan, self.figures, self.save_state)

    def _set_header(self) -> None:
        """The header afresh: its pieces and their shorter wordings for a narrow terminal."""
        parts = self._header_parts()
        self.query_one(PlanHeader).set_parts(parts, shorter=shorter_headers(parts))

    # --- what the screen shows ---------------------------------------------------------------------

    def _recompute(self) -> None:
        """Figures, header and tree labels after a change of the plan (the form stays as it is)."""
        assert self.plan is not None
        self.figures = compute(self.plan, self.round)
        self.title = self._plan_title()
        self._set_header()
        self._check()
        self.query_one(PlanTree).relabel(self.plan, self.figures, self.round, self.filter, self._marks)

    def _rebuild_tree(self, select: NodeRef | None, *, edit: bool = False, changed: bool = True) -> None:
        """Fill the tree afresh (after projects were added, removed or reordered) and select ``select``.

        ``changed`` False: only what the tree shows changed (a filter), not the plan, so its figures
        and checks stand.
        """
        assert self.plan is not None
        tree = self.query_one(PlanTree)
        if changed or self.figures is None:
            self.figures = compute(self.plan, self.round)
            self._set_header()
            self._check()
        tree.populate(self.plan, self.figures, self.round, self.filter, self._marks)
        node = tree.node_for(select) if select is not None else None
        self.shown = None
        tree.cursor_to(node or tree.root)
        ref = node.data if node is not None and node.data is not None else NodeRef(NodeKind.PLAN)
        self._show(ref, edit=edit and ref.kind is not NodeKind.DIMENSION)

    def _check(self) -> None:
        """Run the consistency rules again (a few milliseconds) and show what they find, with the
        findings of the import the plan still keeps open."""
        assert self.plan is not None
        self.findings = import_findings.all_findings(self.plan, self.round)
        self._marks = worst_by_project(self.findings)
        self.query_one(ChecksPanel).show_findings(self.findings, self.plan.settings.digit_style)

    def _show(self, ref: NodeRef, *, edit: bool = False) -> None:
        """Put the details of ``ref`` on the right, or its form when ``edit``.

        Browsing shows details, which are quick to draw; a form (many fields) is built only when the
        person goes in to edit, so that moving through the tree stays instant.
        """
        assert self.plan is not None and self.figures is not None
        if ref == self.shown and edit == self.editing:
            return
        self.shown, self.editing = ref, edit
        right = self.query_one("#right")
        if self.pane is not None:
            self.pane.remove()  # removed a moment later: no ids here, so old and new never clash
        project = ref.kind is NodeKind.PROJECT and 0 <= ref.index < len(self.plan.projects)
        widget: Widget
        if edit and project:
            widget = ProjectForm(self.plan, ref.index, self.round)
        elif edit and ref.kind is NodeKind.PLAN:
            widget = PlanForm(self.plan)
        elif project:
            widget = DetailPanel(project_sections(self.plan, self.plan.projects[ref.index], self.round))
        elif ref.kind is NodeKind.DIMENSION:
            widget = DetailPanel(dimension_sections(self.plan, self.figures, ref.number))
        else:
            widget = DetailPanel(plan_sections(self.plan, self.figures))
        self.pane = widget
        right.mount(widget)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        ref = event.node.data
        if ref is None or ref == self.shown:
            return
        if self.invalid:
            self._ask_to_discard(then=lambda: self._show(ref), otherwise=self._back_to_shown)
            return
        self.flush()
        self._show(ref)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[NodeRef]) -> None:
        """Enter on a project or the plan opens its form, the cursor in its first field."""
        ref = event.node.data
        if ref is not None and ref.kind is not NodeKind.DIMENSION:
            self._edit(ref)

    def _edit(self, ref: NodeRef, field: str | None = None) -> None:
        if not self._writable():
            return
        self._show(ref, edit=True)
        self.call_after_refresh(self._focus_form, field)

    def _focus_form(self, name: str | None = None, tries: int = 5) -> None:
        """Put the cursor in a field of the form on the right (its first one by default).

        A form mounted a moment ago may not have composed its fields yet: then try after the next
        refresh, a few times.
        """
        if isinstance(self.pane, ProjectForm | PlanForm):
            try:
                self.pane.focus_field(name)
            except (ValueError, IndexError):
                if tries > 0:
                    self.call_after_refresh(self._focus_form, name, tries - 1)

    def _back_to_shown(self) -> None:
        tree = self.query_one(PlanTree)
        node = tree.node_for(self.shown) if self.shown is not None else None
        if node is not None:
            with self.prevent(Tree.NodeHighlighted):
                tree.cursor_to(node)
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        self._focus_form(next(iter(self.invalid), None))

    # --- edits and saving ----------------------------------------------------------------------------

    @on(ProjectForm.Changed)
    def _project_changed(self, event: ProjectForm.Changed) -> None:
        if self.plan is None or not self._accepts(event.control, event.checked.ok, event.checked.errors):
            return
        form = event.control
        project = self.plan.projects[form.index]
        moved = project.dimension != event.input.dimension
        apply_project(self.plan, form.index, event.input, self.round)
        self._edited()
        if moved:  # numbers follow the move: rebuild the tree and the form, stay on the field
            index = index_of(self.plan, project)
            self._rebuild_tree(NodeRef(NodeKind.PROJECT, project.dimension, index), edit=True)
            self.call_after_refresh(self._focus_form, "dimension")

    @on(PlanForm.Changed)
    def _plan_changed(self, event: PlanForm.Changed) -> None:
        if self.plan is None or not self._accepts(event.control, event.checked.ok, event.checked.errors):
            return
        reporting = self.plan.round
        apply_plan(self.plan, event.input)
        if self.plan.round is not reporting:
            self.round = self.plan.round  # the round the office now reports is the one to look at
        self._edited()

    def _accepts(self, form: Widget, ok: bool, errors: dict[str, str]) -> bool:
        """Whether a form's change is to be applied: it is the form shown, and its input is valid.

        A form being replaced is ignored (its index may no longer be its project's); an invalid
        input is held back and the header says so.
        """
        if form is not self.pane:
            return False
        self.invalid = {} if ok else dict(errors)
        if not ok:
            self._set_save_state(SaveState.INVALID)
        return ok

    def _edited(self) -> None:
        """An edit was applied: show it everywhere now, write it soon."""
        self._set_save_state(SaveState.UNSAVED)
        self._settle()
        self._recompute()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush)

    def flush(self) -> bool:
        """Write the plan now if anything is unsaved; False (and a message) if it could not be written."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.plan is None or self.save_state is not SaveState.UNSAVED:
            return True
        self._settle()  # a structural change (a project deleted) comes here without _edited
        before, shown = self._saved_doc, self.shown
        try:
            changes = self.store.save_plan(self.plan)
        except OutsideChange:
            self._offer_outside_change()
            return False
        except StoreError as exc:
            # The edit stays in memory (the header keeps saying "not saved"); the next save retries.
            self.notify(str(exc), title="บันทึกไม่ได้ (not saved)", severity="error", timeout=15, markup=False)
            return False
        self._saved(before, shown, changes)
        self._set_save_state(SaveState.SAVED)
        return True

    def _settle(self) -> None:
        """Findings of the import that the edits since the last save settled are closed, and said so."""
        assert self.plan is not None
        settled = import_findings.settle(self.plan, self._saved_doc)
        if settled:
            ids = ", ".join(k.id for k in settled)
            self.notify(
                f"ข้อสังเกตจากการนำเข้า {ids} ปิดแล้ว เพราะแก้ไขข้อมูลที่ข้อสังเกตกล่าวถึง"
                " (the edit settled these findings of the import)",
                markup=False,
            )

    @on(ChecksPanel.Resolve)
    def _resolve(self, event: ChecksPanel.Resolve) -> None:
        """m on a finding of the import: mark it resolved, a saved edit that ctrl+z takes back."""
        plan = self.plan
        if plan is None or not self._writable():
            return

        def resolve() -> None:
            if not import_findings.resolve(plan, [event.ref]):
                return
            self._set_save_state(SaveState.UNSAVED)
            if self.flush():
                self.notify(
                    f"ทำเครื่องหมายว่าแก้แล้ว: ข้อสังเกตจากการนำเข้า {event.ref} (marked resolved; ctrl+z เลิกทำ)",
                    markup=False,
                )
            self._recompute()  # the panel, and the tree's marks of the project

        self._guarded(resolve)

    def _saved(self, before: dict[str, Any] | None, shown: NodeRef | None, changes: list[Change]) -> None:
        """A save went through: what it replaced becomes an undo step."""
        assert self.plan is not None
        if changes and before is not None:
            self.undo_steps.append(Step(before, shown))
            del self.undo_steps[:-UNDO_LIMIT]
            self.redo_steps.clear()
        self._saved_doc = plan_to_dict(self.plan)
        self._warn_from_store()

    def _warn_from_store(self) -> None:
        while self.store.warnings:
            self.notify(self.store.warnings.pop(0), severity="warning", timeout=10, markup=False)

    def _writable(self) -> bool:
        """Whether the plan may be changed; says why not when it is read-only."""
        if self.plan is None:
            return False
        if self.store.read_only:
            self.notify(
                "เปิดแบบอ่านอย่างเดียว: อีกโปรแกรมหนึ่งกำลังแก้ไขฐานข้อมูลนี้ (read-only: another program is"
                " editing this database)",
                severity="warning",
                markup=False,
            )
            return False
        return True

    def _set_save_state(self, state: SaveState) -> None:
        if state is SaveState.SAVED and self.invalid:
            state = SaveState.INVALID
        self.save_state = state
        if self.plan is not None and self.figures is not None:
            self._set_header()

    def _structural(self, change: Callable[[Plan], NodeRef | None], message: str, *, edit: bool = False) -> None:
        """Apply a change of the plan's structure, save it and show the item it points to."""
        assert self.plan is not None
        if not self._writable():
            return
        select = change(self.plan)
        self._set_save_state(SaveState.UNSAVED)
        self.flush()
        self._rebuild_tree(select, edit=edit)
        if message:
            self.notify(message, markup=False)

    def _ask_to_discard(self, then: Callable[[], None], otherwise: Callable[[], None] | None = None) -> None:
        """An edit failed its checks: ask whether to drop it before ``then``."""
        fields = ", ".join(self.invalid.values())

        def decided(discard: bool | None) -> None:
            if discard:
                self.invalid = {}
                self._set_save_state(self.save_state if self.save_state is SaveState.UNSAVED
                                     else SaveState.SAVED)
                shown, self.shown = self.shown, None
                if shown is not None:
                    self._show(shown, edit=self.editing)  # as stored, without the dropped edit
                then()
            elif otherwise is not None:
                otherwise()

        self.push_screen(
            ConfirmScreen(
                f"มีช่องที่ยังไม่ถูกต้องและยังไม่ได้บันทึก: {fields}\nทิ้งการแก้ไขนั้นหรือไม่?",
                yes="ทิ้งการแก้ไข",
                no="กลับไปแก้",
                danger=True,
            ),
            decided,
        )

    def _open(self, screen: Screen[Any], callback: Callable[[Any], None]) -> None:
        """Push ``screen``; ``callback`` gets what it is dismissed with."""
        self.push_screen(screen, callback)

    def _guarded(self, then: Callable[[], None]) -> None:
        """Run ``then`` once nothing is left unsaved (asking about an invalid edit first)."""
        if self.invalid:

            def flushed_then() -> None:
                if self.flush():
                    then()

            self._ask_to_discard(then=flushed_then, otherwise=self._focus_first_error)
            return
        if self.flush():
            then()

    # --- actions --------------------------------------------------------------------------------------

    def _current_project(self) -> int | None:
        """The project under the tree's cursor (or in the form), as an index into the plan's projects."""
        ref = self.shown
        if self.plan is None or ref is None or ref.kind is not NodeKind.PROJECT:
            return None
        return ref.index if 0 <= ref.index < len(self.plan.projects) else None

    def action_add_project(self) -> None:
        if not self._writable():
            return
        assert self.plan is not None
        plan = self.plan
        ref = self.shown
        current = ref.number if ref is not None and ref.kind is not NodeKind.PLAN else plan.dimensions[0].number
        options = [
            (typed_digits(f"{dimension_heading(d.number, plan.settings.digit_style)} {safe_line(d.name)}",
                          plan.settings.digit_style), d.number)
            for d in plan.dimensions
        ]

        def chosen(dimension: int | None) -> None:
            if dimension is None:
                return

            def add(p: Plan) -> NodeRef:
                return NodeRef(NodeKind.PROJECT, dimension, add_project(p, dimension))

            self._structural(add, "เพิ่มโครงการใหม่แล้ว: กรอกชื่อและรายละเอียด (project added)", edit=True)
            self.call_after_refresh(self._focus_form, "name")

        self._guarded(lambda: self._open(
            ChoiceScreen("เพิ่มโครงการในมิติใด (add a project to which dimension)", options, current=current),
            chosen,
        ))

    def action_delete_project(self) -> None:
        index = self._current_project()
        if self.plan is None or index is None:
            self.notify("เลือกโครงการที่จะลบก่อน (select a project first)", severity="warning")
            return
        project = self.plan.projects[index]
        digits = self.plan.settings.digit_style

        def decided(yes: bool | None) -> None:
            if not yes:
                return

            def delete(p: Plan) -> NodeRef:
                delete_project(p, index)
                return NodeRef(NodeKind.DIMENSION, project.dimension)

            self._structural(delete, f"ลบโครงการ {typed_digits(safe_line(project.name), digits)} แล้ว (deleted)")

        self._guarded(lambda: self._open(
            ConfirmScreen(
                f"ลบโครงการลำดับที่ {with_digits(str(project.number), digits)}:"
                f" {typed_digits(project.name, digits)} ?\nผลการดำเนินงานทุกรอบของโครงการนี้จะหายไปด้วย",
                yes="ลบ",
                no="ไม่ลบ",
                danger=True,
            ),
            decided,
        ))

    def action_duplicate_project(self) -> None:
        index = self._current_project()
        if index is None:
            self.notify("เลือกโครงการที่จะทำสำเนาก่อน (select a project first)", severity="warning")
            return

        def duplicate(p: Plan) -> NodeRef:
            at = duplicate_project(p, index)
            return NodeRef(NodeKind.PROJECT, p.projects[at].dimension, at)

        self._guarded(lambda: self._structural(duplicate, "ทำสำเนาโครงการแล้ว (duplicated)"))

    def _move(self, step: int) -> None:
        index = self._current_project()
        if self.plan is None or index is None:
            self.notify("เลือกโครงการที่จะเลื่อนก่อน (select a project first)", severity="warning")
            return
        dimension = self.plan.projects[index].dimension
        siblings = [i for i, p in enumerate(self.plan.projects) if p.dimension == dimension]
        if index == siblings[0 if step < 0 else -1]:
            self.notify(
                "โครงการนี้อยู่บนสุดของมิติแล้ว (already at the top of its dimension)"
                if step < 0
                else "โครงการนี้อยู่ล่างสุดของมิติแล้ว (already at the bottom of its dimension)",
                severity="warning",
            )
            return

        def move(p: Plan) -> NodeRef:
            at = move_project(p, index, step)
            return NodeRef(NodeKind.PROJECT, p.projects[at].dimension, at)

        self._guarded(lambda: self._structural(move, ""))

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(+1)

    def action_switch_round(self) -> None:
        def switch() -> None:
            self.round = Round.SIX if self.round is Round.TWELVE else Round.TWELVE
            self._rebuild_tree(self.shown, edit=self.editing)
            self.notify(f"แสดง{self.round.label_in(self.digits)} (showing the {int(self.round)}-month round)")

        self._guarded(switch)

    def action_switch_plan(self) -> None:
        plans = self.store.list_plans()
        options = [
            (typed_digits(f"{safe_line(p.organization)} ปีงบประมาณ {self._num(p.fiscal_year)}"
                          f" ({self._num(p.projects)} โครงการ)", self.digits), p.plan_id)
            for p in plans
        ]

        def chosen(plan_id: str | None) -> None:
            if plan_id is None or (self.plan is not None and plan_id == self.plan.plan_id):
                return
            self.open_plan(plan_id)

        current = self.plan.plan_id if self.plan else None
        self._guarded(lambda: self._open(ChoiceScreen("เลือกแผน (choose a plan)", options, current=current),
                                               chosen))

    def open_plan(self, plan_id: str) -> None:
        """Show another plan of the store (anything unsaved must be flushed first).

        Each plan keeps its own undo and redo for the whole session: switching back takes them up again.
        """
        previous = self.plan
        try:
            self.plan = self.store.load_plan(plan_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if previous is not None and self._saved_doc is not None:
            self._other_plans_steps[previous.plan_id] = KeptSteps(self.undo_steps, self.redo_steps, self._saved_doc)
        self.round = self.plan.round
        self.filter = ProjectFilter()
        self._saved_doc = plan_to_dict(self.plan)
        kept = self._other_plans_steps.pop(plan_id, None)
        if kept is not None and kept.saved_doc == self._saved_doc:
            self.undo_steps, self.redo_steps = kept.undo, kept.redo
        else:  # first visit, or the plan was changed since (by another program): its steps no longer apply
            self.undo_steps, self.redo_steps = [], []
        self.query_one(FilterBar).reset(self.plan)
        self._rebuild_tree(NodeRef(NodeKind.PLAN))

    def action_next_year(self) -> None:
        if self.plan is None:
            return
        plan = self.plan

        def decided(yes: bool | None) -> None:
            if not yes or not self._writable():
                return
            following = next_fiscal_year(plan, {p.plan_id for p in self.store.list_plans()})
            try:
                self.store.save_plan(following)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.open_plan(following.plan_id)
            self.notify(
                f"เริ่มแผนปีงบประมาณ {self._num(following.fiscal_year)} แล้ว: โครงการเดิมทั้งหมด ยังไม่มีผล"
                " (next year's plan started: same projects, no results)",
                markup=False,
            )

        self._guarded(lambda: self._open(
            ConfirmScreen(
                f"เริ่มแผนปีงบประมาณ {self._num(plan.fiscal_year + 1)} จากแผนนี้?\n"
                "คัดลอกโครงการทั้งหมด ผลการดำเนินงานว่างเปล่า แผนปีนี้ยังอยู่เหมือนเดิม",
                yes="เริ่มปีใหม่",
                no="ยกเลิก",
            ),
            decided,
        ))

    async def action_filter(self) -> None:
        await self.query_one(FilterBar).open()

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        """Filter the tree; a long plan a moment after typing stops, not for every character."""
        self.filter = event.filter
        self.refresh_bindings()  # esc on the tree clears a filter: the footer says so while one is on
        if self._filter_timer is not None:
            self._filter_timer.stop()
        if not event.filter.active or self.plan is None or len(self.plan.projects) <= FILTER_AT_ONCE:
            self._apply_filter()  # an office's plan (or clearing) filters at every key: it is instant
            return
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def action_clear_filter(self) -> None:
        """Esc on the tree while a filter is on: every project shows again."""
        if not self.filter.active:
            self.notify("ไม่มีตัวกรองให้ล้าง (no filter to clear)", severity="information")
            return
        self.query_one(FilterBar).clear()
        self.notify("ล้างตัวกรองแล้ว แสดงทุกโครงการ (filter cleared: every project shows)")

    def _apply_filter(self) -> None:
        self._filter_timer = None
        self._guarded(lambda: self._rebuild_tree(self.shown, changed=False))

    def filter_done(self) -> None:
        """Enter in the filter: the tree filtered now (not after a long plan's pause), back to it, its
        cursor on the first project that matches unless it is on a shown project already."""

        def done() -> None:
            if self._filter_timer is not None:
                self._filter_timer.stop()
                self._apply_filter()
            self.action_focus_tree()
            tree = self.query_one(PlanTree)
            here = tree.cursor_node.data if tree.cursor_node is not None else None
            first = tree.first_project()
            if self.filter.active and first is not None and (here is None or here.kind is not NodeKind.PROJECT):
                tree.cursor_to(first)

        self._guarded(done)

    def action_toggle_digits(self) -> None:
        if not self._writable():
            return
        assert self.plan is not None
        plan = self.plan

        def toggle() -> None:
            style = plan.settings.digit_style
            plan.settings.digit_style = DigitStyle.ARABIC if style is DigitStyle.THAI else DigitStyle.THAI
            self._set_save_state(SaveState.UNSAVED)
            self.flush()
            self.filter = ProjectFilter()
            self.query_one(FilterBar).reset(plan)
            self._rebuild_tree(self.shown)

        self._guarded(toggle)

    def action_summary(self) -> None:
        if self.plan is None:
            return
        plan = self.plan

        def opened(index: int | None) -> None:
            if index is None:
                return
            self.filter = ProjectFilter()
            self.query_one(FilterBar).reset(plan)
            self._rebuild_tree(NodeRef(NodeKind.PROJECT, plan.projects[index].dimension, index), edit=True)
            self.call_after_refresh(self._focus_form, None)

        self._guarded(lambda: self._open(SummaryScreen(plan, self.round), opened))

    def action_save(self) -> None:
        if self.invalid:
            self.notify("มีช่องที่ไม่ถูกต้อง: แก้ก่อนจึงจะบันทึกได้ (fix the marked fields first)",
                        severity="warning")
            self._focus_first_error()
            return
        if self.save_state is SaveState.SAVED:
            self.notify("บันทึกครบแล้ว (everything is saved)")
            return
        if self.flush():
            self.notify("บันทึกแล้ว (saved)")

    def action_toggle_checks(self) -> None:
        """Show the checks panel and go into it, or close it and go back to the tree."""
        panel = self.query_one(ChecksPanel)
        if panel.has_class("-open"):
            panel.remove_class("-open")
            self.query_one(PlanTree).focus()
        else:
            panel.add_class("-open")
            panel.build()
            if panel.highlighted is None and panel.option_count:
                panel.highlighted = 0
            panel.focus()

    @on(ChecksPanel.Jump)
    def _jump(self, event: ChecksPanel.Jump) -> None:
        """Enter on a finding: its project (or the plan) in the tree, its details beside; a finding about
        one field opens the form with the cursor in that field."""
        plan = self.plan
        if plan is None:
            return
        index = next((i for i, p in enumerate(plan.projects) if p.number == event.project), None)
        target = NodeRef(NodeKind.PLAN) if index is None else NodeRef(
            NodeKind.PROJECT, plan.projects[index].dimension, index
        )

        def go() -> None:
            if self.filter.active:
                self.filter = ProjectFilter()
                self.query_one(FilterBar).reset(plan)
            self._rebuild_tree(target)
            self.query_one(PlanTree).focus()
            if event.field and (index is None) == (event.project is None):
                self._edit(target, event.field)

        self._guarded(go)

    def action_export(self) -> None:
        """The export dialog; the report is written from what is saved (everything is flushed first)."""
        plan = self.plan
        if plan is None:
            return

        def write(choice: ExportChoice) -> Path | str:
            try:
                history = self.store.history(plan.plan_id) if choice.history else None
                return write_export(plan, choice.fmt, choice.round, choice.digits, choice.path, history=history)
            except (ExportError, StoreError) as exc:
                return str(exc)

        def written(path: Path | None) -> None:
            if path is None:
                return
            self.notify(f"เขียนรายงานแล้ว (report written): {safe_line(str(path))}", timeout=10, markup=False)
            errors = sum(f.severity is Severity.ERROR for f in self.findings)
            if self.findings:
                self.notify(
                    f"การตรวจสอบพบข้อผิดพลาด {self._num(errors)} และข้อควรตรวจ"
                    f" {self._num(len(self.findings) - errors)} รายการ:"
                    " กด x เพื่อดูก่อนเผยแพร่ (the checks found problems: press x before publishing)",
                    severity="error" if errors else "warning",
                    timeout=15,
                    markup=False,
                )

        self._guarded(lambda: self._open(
            ExportScreen(plan, self.round, lambda fmt, round_: default_export_path(plan, fmt, round_), write),
            written,
        ))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_rows(self)))

    # --- undo, redo, history ----------------------------------------------------------------------

    def action_undo(self) -> None:
        self._guarded(lambda: self._step(self.undo_steps, self.redo_steps, "undo"))

    def action_redo(self) -> None:
        self._guarded(lambda: self._step(self.redo_steps, self.undo_steps, "redo"))

    def _step(self, source: list[Step], target: list[Step], action: str) -> None:
        """Go back (or forward) one saved version: save it as the plan, keep the way back."""
        if not self._writable():
            return
        assert self.plan is not None and self._saved_doc is not None
        verb = "เลิกทำ" if action == "undo" else "ทำซ้ำ"
        if not source:
            self.notify(f"ไม่มีอะไรให้{verb} (nothing to {action})", severity="information")
            return
        step = source[-1]
        plan = plan_from_dict(step.doc)
        try:
            changes = self.store.save_plan(plan, action=action)
        except OutsideChange:
            self._offer_outside_change()
            return
        except StoreError as exc:
            self.notify(str(exc), title="บันทึกไม่ได้ (not saved)", severity="error", timeout=15, markup=False)
            return
        source.pop()
        target.append(Step(self._saved_doc, self.shown))
        self.plan = plan
        self._saved_doc = plan_to_dict(plan)
        self._warn_from_store()
        self._set_save_state(SaveState.SAVED)
        self._rebuild_tree(self._ref_after(changes, step.ref), edit=self.editing)
        self.notify(f"{verb}แล้ว: {self._describe(changes)} ({action} done)", markup=False)

    def _ref_after(self, changes: list[Change], fallback: NodeRef | None) -> NodeRef | None:
        """The project an undo or redo touched (where it still exists), else what was shown then."""
        assert self.plan is not None
        for change in changes:
            for index, project in enumerate(self.plan.projects):
                if change.project_uid is not None and project.uid == change.project_uid:
                    return NodeRef(NodeKind.PROJECT, project.dimension, index)
        if fallback is not None and fallback.kind is NodeKind.PROJECT and fallback.index >= len(self.plan.projects):
            return NodeRef(NodeKind.PLAN)
        return fallback

    def _describe(self, changes: list[Change]) -> str:
        if not changes:
            return "ไม่มีการเปลี่ยนแปลง"
        first = changes[0]
        where = ""
        if first.project_number is not None:
            where = f" โครงการ {self._num(first.project_number)}"
        # A whole project (added back, taken out, moved) is named by its number; a field by its label.
        label = "" if first.field in ("project", "number") else field_label(first.field, self.digits)
        more = f" และอีก {self._num(len(changes) - 1)} รายการ" if len(changes) > 1 else ""
        return safe_line(f"{label}{where}{more}".strip())

    def action_history(self) -> None:
        """The changes of the project under the cursor (or of the whole plan), who and when."""
        plan = self.plan
        if plan is None:
            return
        index = self._current_project()

        def show() -> None:
            try:
                if index is not None:
                    project = plan.projects[index]
                    changes = self.store.history(plan.plan_id, project.uid)
                    digits = plan.settings.digit_style
                    title = (f"ประวัติการแก้ไข โครงการ {with_digits(str(project.number), digits)}"
                             f" {typed_digits(safe_line(project.name), digits)}")
                else:
                    changes = self.store.history(plan.plan_id)
                    digits = plan.settings.digit_style
                    title = (f"ประวัติการแก้ไขแผน {typed_digits(safe_line(plan.organization), digits)}"
                             f" ปีงบประมาณ {with_digits(str(plan.fiscal_year), digits)}")
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.push_screen(HistoryScreen(title, changes, plan.settings.digit_style, whole_plan=index is None))

        self._guarded(show)

    # --- the file on disk -------------------------------------------------------------------------

    def watch_file(self) -> None:
        """Every few seconds: has another program changed the file, or let go of it?"""
        if self.store.read_only:
            if self._take_over_lock():
                return
            if self.store.changed_on_disk():
                self._reload_from_disk(quiet=True)
            return
        if self._outside_asked or not self._keys.idle or not self.store.changed_on_disk():
            return  # while keys are still arriving the question waits: they go where they were typed
        self._offer_outside_change()

    def _watch_terminal(self) -> None:
        """Every few seconds: is the terminal still there (see :mod:`tracker.ui.terminal`)?"""
        if hung_up():
            self._hang_up()

    def _hang_up(self) -> None:
        """The terminal has gone: save what can be saved (nobody is left to ask) and end, letting go of
        the database. An edit that fails its checks is not saved, as always."""
        if self._hung_up:
            return
        self._hung_up = True
        with contextlib.suppress(Exception):
            self.flush()
        self.exit(return_code=129)

    def _take_over_lock(self) -> bool:
        """A read-only app becomes the writer once the other program has closed the database."""
        if self.store.lock_holder is not None:
            return False
        try:
            store = Store.open(self.store.path, program="tracker app")
        except StoreLocked:
            return False
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self.store.close()
        self.store = store
        self._reload_from_disk(quiet=True)
        self.query_one("#readonly").display = False
        self.notify("อีกโปรแกรมปิดฐานข้อมูลแล้ว: แก้ไขได้ตามปกติ (the other program closed the database:"
                    " editing is open again)", timeout=10, markup=False)
        return True

    def _offer_outside_change(self) -> None:
        """The file changed under us: reload it, or (with edits of our own) overwrite it after a backup."""
        if self._outside_asked and self.screen is not self.screen_stack[0]:
            return  # the question is on the screen already
        self._outside_asked = True
        unsaved = self.save_state is not SaveState.SAVED or bool(self.invalid)
        options: list[tuple[str, str]] = [
            ("โหลดไฟล์ใหม่" + (" และทิ้งการแก้ไขที่ยังไม่บันทึก" if unsaved else "")
             + " (reload the file" + (", dropping unsaved edits)" if unsaved else ")"), "reload"),
        ]
        if unsaved:
            options.append(("บันทึกทับ โดยสำรองฉบับที่ถูกเปลี่ยนไว้ใน backups ก่อน"
                            " (overwrite, after backing that version up)", "overwrite"))
        options.append(("ยังไม่ทำอะไร (not now)", "later"))

        def decided(choice: str | None) -> None:
            if choice == "reload":
                self._reload_from_disk()
            elif choice == "overwrite":
                self._overwrite()

        self.push_screen(
            ChoiceScreen(
                "ไฟล์ฐานข้อมูลถูกเปลี่ยนโดยโปรแกรมอื่นหลังจากเปิดไว้ ยังไม่ได้บันทึกทับ"
                " (the database file was changed by another program; nothing was overwritten)",
                options,
                current="reload",
            ),
            decided,
        )

    def _reload_from_disk(self, *, quiet: bool = False) -> None:
        try:
            self.store.reload()
            plans = self.store.list_plans()
        except StoreError as exc:
            self.notify(str(exc), title="โหลดใหม่ไม่ได้ (could not reload)", severity="error", timeout=15,
                        markup=False)
            return
        self._outside_asked = False
        self.invalid = {}
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        current = self.plan.plan_id if self.plan else None
        ids = [p.plan_id for p in plans]
        if not ids or self.plan is None:
            self.notify("ไฟล์ที่โหลดใหม่ไม่มีแผนนี้แล้ว (the reloaded file no longer holds this plan)",
                        severity="warning", markup=False)
            return
        plan_id = current if current in ids else ids[0]
        shown, editing = self.shown, self.editing
        self.plan = self.store.load_plan(plan_id)
        self._saved_doc = plan_to_dict(self.plan)
        self.undo_steps.clear()  # the steps were versions of a file that is gone
        self.redo_steps.clear()
        self.save_state = SaveState.SAVED
        if plan_id != current:
            self.round = self.plan.round
            self.filter = ProjectFilter()
            self.query_one(FilterBar).reset(self.plan)
            shown = NodeRef(NodeKind.PLAN)
        elif shown is not None and shown.kind is NodeKind.PROJECT and shown.index >= len(self.plan.projects):
            shown = NodeRef(NodeKind.PLAN)
        self._rebuild_tree(shown, edit=editing and not self.store.read_only)
        if not quiet:
            self.notify("โหลดไฟล์ใหม่แล้ว (reloaded from disk)", markup=False)

    def _overwrite(self) -> None:
        """Save our version over the outside change, which is kept in backups/ first."""
        assert self.plan is not None
        before, shown = self._saved_doc, self.shown
        try:
            changes = self.store.save_plan(self.plan, force=True)
        except StoreError as exc:
            self.notify(str(exc), title="บันทึกไม่ได้ (not saved)", severity="error", timeout=15, markup=False)
            return
        self._outside_asked = False
        self._saved(before, shown, changes)
        self._set_save_state(SaveState.SAVED)
        self.notify("บันทึกทับแล้ว ฉบับที่ถูกเปลี่ยนสำรองไว้ใน backups (overwritten; the other version is"
                    " in backups)", timeout=10, markup=False)

    def action_focus_tree(self) -> None:
        """Leave the form (saving it) for the tree, whose item shows its details again."""
        if self.plan is None:
            return

        def back() -> None:
            if self.shown is not None and self.editing:
                self._show(self.shown)
            self.query_one(PlanTree).focus()

        self._guarded(back)

    def action_request_quit(self) -> None:
        self._guarded(self.exit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that only make sense in a form are not offered on the tree (the footer stays short)."""
        if action == "clear_filter":
            return self.filter.active
        return not (action in ("focus_tree", "save") and isinstance(self.focused, PlanTree))

    # --- the command palette offers every action of the table (and only those: all in Thai) ------

    def action_command_palette(self) -> None:
        """Textual's palette with its own words in Thai (see :mod:`tracker.ui.thai_labels`)."""
        open_command_palette(self)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        seen: set[str] = {"command_palette"}
        for action in ACTIONS:
            if action.name in seen or self.plan is None:
                continue
            seen.add(action.name)
            yield SystemCommand(
                f"{action.thai} ({action.english})",
                f"ปุ่ม {action.key_display or action.keys.split(',')[0]}",
                partial(self.run_action, action.name),
            )
