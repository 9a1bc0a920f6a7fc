"""The plan's screen, its view half: the tree of dimensions and projects, the item's details or form.

What it shows comes from an :class:`~tracker.session.EditingSession`; what it decides is only what
shows where and when to ask. An edit that passes its checks is applied at once (tree, header and
checks follow) and written half a second after typing stops, and at once before anything else happens
(moving to another item, switching round or plan, opening the summary, quitting). An edit that fails
its checks is never applied; leaving it asks first. The file is watched: another program's change is
offered for reloading (or, with unsaved edits of our own, for overwriting after a backup).

What happens when the file changes on disk is in :mod:`tracker.ui.plan_disk`; the actions the keys
run (add, delete, undo, export, ...) in :mod:`tracker.ui.plan_screen`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress
from functools import cached_property
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static, Tree

from tracker.domain.editing import ProjectFilter, ProjectInput
from tracker.domain.findings import Severity
from tracker.domain.model import Plan, Project, Round, Status
from tracker.domain.thai import with_digits
from tracker.session import EditingSession, Saved
from tracker.ui.checks_panel import ChecksPanel
from tracker.ui.display import (
    NodeKind,
    NodeRef,
    dimension_sections,
    header_parts,
    plan_sections,
    project_ref,
    project_sections,
    status_legend,
    worst_by_project,
)
from tracker.ui.filterbar import FilterBar
from tracker.ui.forms import PlanForm, ProjectForm
from tracker.ui.header import plan_title, shorter_headers
from tracker.ui.screens import ConfirmScreen
from tracker.ui.widgets import DetailPanel, FittedFooter, PlanHeader, PlanTree

GIVE_WAY = ("toggle_entered", "delete_project", "toggle_checks", "add_project", "export", "summary", "filter", "save",
            "focus_tree", "clear_filter", "select_cursor")
"""Actions whose keys leave the footer first when it is too narrow for them all (help and quit never:
help, f1, lists every key)."""

SAVE_DELAY = 0.5
"""Seconds of quiet after an edit before it is written (every other move writes at once)."""

FILTER_DELAY = 0.15
"""Seconds of quiet in the filter's fields before a long plan's tree is filtered."""
FILTER_AT_ONCE = 2000
"""Plans up to this many projects are filtered at every key (a rebuild takes a few milliseconds)."""

NOT_SAVED = "บันทึกไม่ได้ (not saved)"

CHECK_DELAY = 0.25
"""Seconds of quiet in a form before the rules run again (the tree's marks and the checks panel follow);
the header's figures follow every key."""

FOCUS_RETRY = 0.02
FOCUS_TRIES = 50
"""A form's cursor is put in its field as soon as the form has its fields: tried every FOCUS_RETRY
seconds, FOCUS_TRIES times at most."""

FORM_FRAMES_HELD = 1.0
"""Seconds at most without a new frame while a form mounts (it takes a tenth of that, or less)."""


def completion_undone(project: Project, round_: Round, status: Status) -> bool:
    """Whether setting ``status`` in ``round_`` takes away the completion of a project completed in the
    6-month round and completed in the 12-month one (carried over, or stated so): the app asks first."""
    if round_ is not Round.TWELVE or status is Status.COMPLETED:
        return False
    six = project.results.get(Round.SIX)
    return six is not None and six.status is Status.COMPLETED and project.result(round_).status is Status.COMPLETED


class PlanView(Screen[None]):
    """The tree on the left, the highlighted item's details (or its form, after enter) on the right."""

    def __init__(self, session: EditingSession, keys_settled: Callable[[], bool] = lambda: True) -> None:
        """Show ``session``'s plan; ``keys_settled`` says whether every key typed has been handled (an
        outside change is offered only then, so that keys go where they were typed)."""
        super().__init__()
        self.session = session
        self._keys_settled = keys_settled
        self.filter = ProjectFilter()
        self.shown: NodeRef | None = None
        """The item the right side shows."""
        self.editing = False
        """Whether it shows the item's form (after enter) or its details (while browsing the tree)."""
        self.pane: Widget | None = None
        """What the right side shows now: a ProjectForm, the PlanForm or a DetailPanel."""
        self._marks: dict[str, Severity] = {}
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._filter_timer: Timer | None = None
        self._right = Vertical(id="right")
        """The right side: the details or the form of the item chosen in the tree."""
        self._right_lit = False
        """Whether the right side's border is lit (the cursor is in it)."""

    # The screen's lasting widgets, found once (a query walks every widget, a form's hundred included).

    @cached_property
    def tree_widget(self) -> PlanTree:
        return self.query_one(PlanTree)

    @cached_property
    def checks_widget(self) -> ChecksPanel:
        return self.query_one(ChecksPanel)

    @cached_property
    def header_widget(self) -> PlanHeader:
        return self.query_one(PlanHeader)

    @cached_property
    def filter_bar_widget(self) -> FilterBar:
        return self.query_one(FilterBar)

    @property
    def plan(self) -> Plan:
        assert self.session.plan is not None, "the plan's screen is shown only with a plan"
        return self.session.plan

    # --- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        banner = Static(self._read_only_text(), id="readonly", markup=False)
        banner.display = self.session.read_only
        yield banner
        parts = self._header_parts()
        yield PlanHeader(parts, shorter=shorter_headers(parts), id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield FilterBar(self.plan, id="filter")
                yield PlanTree(id="tree")
                yield ChecksPanel(id="checks")
                yield Static(status_legend(), id="legend")
            yield self._right
        yield FittedFooter(GIVE_WAY, show_command_palette=False)

    def on_mount(self) -> None:
        self._rebuild_tree(NodeRef(NodeKind.PLAN))
        self.tree_widget.focus()

    def watch_focused(self, focused: Widget | None) -> None:
        """The right side's border lights up while the cursor is in it.

        Set on the border alone, and only when the cursor enters or leaves: a ``:focus-within`` rule (or a
        class) would have textual restyle every field of the form, at each move between them.
        """
        inside = focused is not None and self._right in focused.ancestors
        if inside != self._right_lit:
            self._right_lit = inside
            colour = self.app.theme_variables["primary" if inside else "primary-background"]
            self._right.styles.border_left = ("vkey", Color.parse(colour))

    def _num(self, value: int) -> str:
        """A count or year in the plan's digits."""
        return with_digits(str(value), self.session.digits)

    def _read_only_text(self) -> str:
        if not self.session.read_only:
            return ""
        holder = self.session.store.lock_holder
        who = holder.describe(self.session.digits) if holder is not None else "โปรแกรมอื่น (another program)"
        return (
            f"อ่านอย่างเดียว: ฐานข้อมูลนี้กำลังถูกแก้ไขโดย {who} — ดูได้ แต่แก้ไขไม่ได้จนกว่าอีกฝ่ายจะปิดโปรแกรม"
            " (read-only: another program is editing this database; you can look, and edit once it closes)"
        )

    def _header_parts(self) -> list[Text]:
        assert self.session.figures is not None
        return header_parts(self.plan, self.session.figures, self.session.save_state)

    def _set_header(self) -> None:
        """The header afresh (and the terminal's title): its pieces and their shorter wordings."""
        parts = self._header_parts()
        self.header_widget.set_parts(parts, shorter=shorter_headers(parts))
        self.app.title = plan_title(self.plan)

    # --- what the screen shows ---------------------------------------------------------------------

    def _recompute(self, *, checks: bool = True) -> None:
        """Header, checks and tree labels after a change of the plan (the form stays as it is).

        ``checks`` False (typing in a form): the rules run once typing pauses (:data:`CHECK_DELAY`).
        """
        self._set_header()
        if checks:
            self._check()
        else:
            self._check_soon()
        assert self.session.figures is not None
        self.tree_widget.relabel(self.plan, self.session.figures, self.session.round, self.filter,
                                 self._marks)

    def _rebuild_tree(self, select: NodeRef | None, *, edit: bool = False, changed: bool = True) -> None:
        """Fill the tree afresh (after projects were added, removed or reordered) and select ``select``.

        ``changed`` False: only what the tree shows changed (a filter), not the plan, so the header and
        the checks stand.
        """
        tree = self.tree_widget
        if changed:
            self._set_header()
            self._check()
        assert self.session.figures is not None
        tree.populate(self.plan, self.session.figures, self.session.round, self.filter, self._marks)
        node = tree.node_for(select) if select is not None else None
        self.shown = None
        tree.cursor_to(node or tree.root)
        ref = node.data if node is not None and node.data is not None else NodeRef(NodeKind.PLAN)
        self._show(ref, edit=edit and ref.kind is not NodeKind.DIMENSION)

    def _check_soon(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self._checked_later)

    def _checked_later(self) -> None:
        self._check_timer = None
        self._check()
        assert self.session.figures is not None
        self.tree_widget.relabel(self.plan, self.session.figures, self.session.round, self.filter,
                                 self._marks)

    def check_now(self) -> None:
        """Run the rules now if typing left them waiting (before the panel opens, before an export)."""
        if self._check_timer is not None:
            self._checked_later()

    def _check(self) -> None:
        """Show what the checks find (the session keeps them current), and mark the projects in the tree."""
        if self._check_timer is not None:
            self._check_timer.stop()
            self._check_timer = None
        self._marks = worst_by_project(self.session.findings, self.plan)
        self.checks_widget.show_findings(self.session.findings, self.session.digits)

    def _show(self, ref: NodeRef, *, edit: bool = False) -> None:
        """Put the details of ``ref`` on the right, or its form when ``edit``.

        Browsing shows details, which are quick to draw; a form (many fields) is built only when the
        person goes in to edit, so that moving through the tree stays instant.
        """
        if ref == self.shown and edit == self.editing:
            return
        self.shown, self.editing = ref, edit
        plan, figures, round_ = self.plan, self.session.figures, self.session.round
        assert figures is not None
        index = ref.index_in(plan)
        widget: Widget
        if edit and index is not None:
            widget = ProjectForm(plan, index, round_)
        elif edit and ref.kind is NodeKind.PLAN:
            widget = PlanForm(plan)
        else:
            if index is not None:
                sections = project_sections(plan, plan.projects[index], round_)
            elif ref.kind is NodeKind.DIMENSION:
                sections = dimension_sections(plan, figures, ref.number)
            else:
                sections = plan_sections(plan, figures)
            if isinstance(self.pane, DetailPanel):  # browsing the tree: the panel shows the next item
                self.pane.show(sections)
                return
            widget = DetailPanel(sections)
        if self.pane is not None:
            self.pane.remove()  # removed a moment later: no ids here, so old and new never clash
        self.pane = widget
        mounted = self._right.mount(widget)
        if edit:
            self.run_worker(self._drawn_once_mounted(mounted), group="form-frames")

    async def _drawn_once_mounted(self, mounted: Awaitable[None]) -> None:
        """No frame is drawn while a form's fields are mounted: a form of twenty fields takes several of
        textual's frames to mount, and each drew a half-built form (twice the work, and a flicker).
        Frames stop until the form is whole, at most :data:`FORM_FRAMES_HELD` seconds."""
        with self.app.batch_update(), suppress(asyncio.TimeoutError):
            await asyncio.wait_for(mounted, FORM_FRAMES_HELD)

    def current_project(self) -> Project | None:
        """The project under the tree's cursor (or in the form)."""
        index = self.shown.index_in(self.plan) if self.shown is not None else None
        return self.plan.projects[index] if index is not None else None

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        ref = event.node.data
        if ref is None or ref == self.shown:
            return
        if self.session.invalid:
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

    def _focus_form(self, name: str | None = None, tries: int = FOCUS_TRIES) -> None:
        """Put the cursor in a field of the form on the right (its first one by default).

        A form mounted a moment ago may not have composed its fields yet (a busy machine takes longer
        than a few refreshes): then try again a moment later, for up to a second.
        """
        if isinstance(self.pane, ProjectForm | PlanForm):
            pane = self.pane
            try:
                pane.focus_field(name)
            except (ValueError, IndexError):
                if tries > 0:
                    self.set_timer(FOCUS_RETRY, lambda: self._focus_form(name, tries - 1) if self.pane is pane else None)

    def _back_to_shown(self) -> None:
        tree = self.tree_widget
        node = tree.node_for(self.shown) if self.shown is not None else None
        if node is not None:
            with self.prevent(Tree.NodeHighlighted):
                tree.cursor_to(node)
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        self._focus_form(next(iter(self.session.invalid), None))

    def _reset_filter(self) -> None:
        """Every project shows again (after the plan or its digits changed, or to go to a project)."""
        self.filter = ProjectFilter()
        self.filter_bar_widget.reset(self.plan)

    # --- edits and saving ----------------------------------------------------------------------------

    @on(ProjectForm.Changed)
    def _project_changed(self, event: ProjectForm.Changed) -> None:
        if not self._accepts(event.control, event.checked.ok, event.checked.errors):
            return
        form, inp = event.control, event.input
        if completion_undone(self.plan.projects[form.index], form.round, inp.status):
            self._ask_to_undo_completion(form, inp.status)
            return
        self._apply_project(form, inp)

    def _apply_project(self, form: ProjectForm, inp: ProjectInput) -> None:
        project = self.plan.projects[form.index]
        if self.session.edit_project(form.index, inp):
            # Moved to another dimension: numbers follow the move, so the tree and the form are built
            # again, the cursor staying in the field.
            self._edited()
            self._rebuild_tree(project_ref(project), edit=True)
            self.call_after_refresh(self._focus_form, "dimension")
            return
        self._edited()

    def _ask_to_undo_completion(self, form: ProjectForm, status: Status) -> None:
        """The status of a project completed at 6 months, completed at 12 too, is being changed in the
        12-month round: applied only once the person says so. Keeping it puts "completed" back in the
        field, every other field as typed; "not reported" is never asked about (a project completed at 6
        months reads completed at 12, as the national system shows it)."""
        digits, project = self.session.digits, self.plan.projects[form.index]
        six, here = Round.SIX.label_in(digits), form.round.label_in(digits)
        if status is Status.NOT_REPORTED:
            form.restore_status(Status.COMPLETED)
            self.notify(
                f"โครงการนี้ดำเนินการแล้วเสร็จตั้งแต่{six} {here}จึงเป็นดำเนินการแล้วเสร็จด้วย"
                " ไม่ใช่รอการรายงานผล (completed at 6 months: it stays completed at 12)",
                severity="warning",
                markup=False,
            )
            return

        def decided(change: bool | None) -> None:
            if form is not self.pane:
                return  # the form was replaced meanwhile (the file reloaded): nothing of it to apply
            if change:
                self._apply_project(form, form.read())
            else:
                form.restore_status(Status.COMPLETED)

        self._open(
            ConfirmScreen(
                f"โครงการลำดับที่ {self._num(project.number)} ดำเนินการแล้วเสร็จตั้งแต่{six}"
                f" และใช้ผลนั้นต่อใน{here}\n"
                f"เปลี่ยนสถานะ{here}เป็น “{status.label}” หรือไม่?",
                yes="เปลี่ยนสถานะ",
                no="คงสถานะแล้วเสร็จ",
            ),
            decided,
        )

    @on(PlanForm.Changed)
    def _plan_changed(self, event: PlanForm.Changed) -> None:
        if not self._accepts(event.control, event.checked.ok, event.checked.errors):
            return
        self.session.edit_plan(event.input)  # a new reporting round is the round looked at from now on
        self._edited()

    def _accepts(self, form: Widget, ok: bool, errors: dict[str, str]) -> bool:
        """Whether a form's change is to be applied: it is the form shown, and its input is valid.

        A form being replaced is ignored (its index may no longer be its project's); an invalid
        input is held back and the header says so.
        """
        if form is not self.pane:
            return False
        if not ok:
            self.session.reject(errors)
            self._set_header()
        return ok

    def _edited(self) -> None:
        """An edit was applied: show it everywhere now, write it soon."""
        self._settle()
        self._recompute(checks=False)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush)

    def flush(self) -> bool:
        """Write the plan now if anything is unsaved; False (and a message) if it could not be written."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.session.dirty:
            return True
        self._settle()  # a structural change (a project deleted) comes here without _edited
        return self._after_save(self.session.save(self.shown))

    def _after_save(self, saved: Saved) -> bool:
        """Say what a save did that the person must know; True when it was written."""
        if saved.outside_change:
            self._offer_outside_change()
        elif saved.error:
            # The edit stays in memory (the header keeps saying "not saved"); the next save retries.
            self.notify(saved.error, title=NOT_SAVED, severity="error", timeout=15, markup=False)
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self._set_header()
        return saved.ok

    def _settle(self) -> None:
        """Findings of the import that the edits since the last save settled are closed, and said so."""
        settled = self.session.settle()
        if settled:
            self.session.refresh()
            ids = ", ".join(k.id for k in settled)
            self.notify(
                f"ข้อสังเกตจากการนำเข้า {ids} ปิดแล้ว เพราะแก้ไขข้อมูลที่ข้อสังเกตกล่าวถึง"
                " (the edit settled these findings of the import)",
                markup=False,
            )

    @on(ChecksPanel.Resolve)
    def _resolve(self, event: ChecksPanel.Resolve) -> None:
        """m on a finding of the import: mark it resolved, a saved edit that ctrl+z takes back."""
        if not self._writable():
            return

        def resolve() -> None:
            if not self.session.resolve(event.ref):
                return
            if self.flush():
                self.notify(
                    f"ทำเครื่องหมายว่าแก้แล้ว: ข้อสังเกตจากการนำเข้า {event.ref} (marked resolved; ctrl+z เลิกทำ)",
                    markup=False,
                )
            self._recompute()  # the panel, and the tree's marks of the project

        self._guarded(resolve)

    def _writable(self) -> bool:
        """Whether the plan may be changed; says why not when it is read-only."""
        if self.session.read_only:
            self.notify(
                "เปิดแบบอ่านอย่างเดียว: อีกโปรแกรมหนึ่งกำลังแก้ไขฐานข้อมูลนี้ (read-only: another program is"
                " editing this database)",
                severity="warning",
                markup=False,
            )
            return False
        return True

    def _structural(self, change: Callable[[Plan], Project | NodeRef], message: str, *, edit: bool = False) -> None:
        """Apply a change of the plan's structure, save it and show the project (or item) it returns."""
        if not self._writable():
            return
        result = self.session.change(change)
        self.flush()
        self._rebuild_tree(result if isinstance(result, NodeRef) else project_ref(result), edit=edit)
        if message:
            self.notify(message, markup=False)

    def _ask_to_discard(self, then: Callable[[], None], otherwise: Callable[[], None] | None = None) -> None:
        """An edit failed its checks: ask whether to drop it before ``then``."""
        fields = ", ".join(self.session.invalid.values())

        def decided(discard: bool | None) -> None:
            if discard:
                self.session.drop_invalid()  # back to the plan as saved
                self._recompute()
                shown, self.shown = self.shown, None
                if shown is not None:
                    self._show(shown, edit=self.editing)  # as stored, without the dropped edit
                then()
            elif otherwise is not None:
                otherwise()

        self.app.push_screen(
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
        self.app.push_screen(screen, callback)

    def _guarded(self, then: Callable[[], None]) -> None:
        """Run ``then`` once nothing is left unsaved (asking about an invalid edit first)."""
        if self.session.invalid:

            def flushed_then() -> None:
                if self.flush():
                    then()

            self._ask_to_discard(then=flushed_then, otherwise=self._focus_first_error)
            return
        if self.flush():
            then()

    # --- the filter, the checks panel ----------------------------------------------------------------

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        """Filter the tree; a long plan a moment after typing stops, not for every character."""
        self.filter = event.filter
        self.refresh_bindings()  # esc on the tree clears a filter: the footer says so while one is on
        if self._filter_timer is not None:
            self._filter_timer.stop()
        if not event.filter.active or len(self.plan.projects) <= FILTER_AT_ONCE:
            self._apply_filter()  # an office's plan (or clearing) filters at every key: it is instant
            return
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def _apply_filter(self) -> None:
        self._filter_timer = None
        self._guarded(lambda: self._rebuild_tree(self.shown, changed=False))

    @on(FilterBar.Done)
    def filter_done(self) -> None:
        """Enter in the filter: the tree filtered now (not after a long plan's pause), back to it, its
        cursor on the first project that matches unless it is on a shown project already."""

        def done() -> None:
            if self._filter_timer is not None:
                self._filter_timer.stop()
                self._apply_filter()
            self.action_focus_tree()
            tree = self.tree_widget
            here = tree.cursor_node.data if tree.cursor_node is not None else None
            first = tree.first_project()
            if self.filter.active and first is not None and (here is None or here.kind is not NodeKind.PROJECT):
                tree.cursor_to(first)

        self._guarded(done)

    @on(FilterBar.Left)
    def _filter_left(self) -> None:
        self.action_focus_tree()

    def action_toggle_checks(self) -> None:
        """Show the checks panel and go into it, or close it and go back to the tree."""
        self.check_now()
        panel = self.checks_widget
        if panel.has_class("-open"):
            panel.remove_class("-open")
            self.tree_widget.focus()
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
        project = next((p for p in self.plan.projects if p.uid == event.project_uid), None) or next(
            (p for p in self.plan.projects if p.number == event.project), None
        )
        target = NodeRef(NodeKind.PLAN) if project is None else project_ref(project)

        def go() -> None:
            if self.filter.active:
                self._reset_filter()
            self._rebuild_tree(target)
            self.tree_widget.focus()
            if event.field and (project is None) == (event.project is None):
                self._edit(target, event.field)

        self._guarded(go)

    def action_focus_tree(self) -> None:
        """Leave the form (saving it) for the tree, whose item shows its details again."""

        def back() -> None:
            if self.shown is not None and self.editing:
                self._show(self.shown)
            self.tree_widget.focus()

        self._guarded(back)

    def _offer_outside_change(self) -> None:
        """Another program changed the file: asked about by :class:`~tracker.ui.plan_disk.PlanOnDisk`."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that only make sense in a form are not offered on the tree (the footer stays short)."""
        if action == "clear_filter":
            return self.filter.active
        return not (action in ("focus_tree", "save") and isinstance(self.app.focused, PlanTree))
