"""The plan's screen, its actions: what each key of :mod:`tracker.ui.actions` does to the plan.

Everything that changes the plan goes through the :class:`~tracker.session.EditingSession` (which
saves it and keeps the way back); what is asked first (which dimension, delete or not) and what is
said afterwards is here. The view itself (tree, details, forms, saving as one types, the file watch)
is :class:`~tracker.ui.plan_view.PlanView`.
"""

from __future__ import annotations

from pathlib import Path

from tracker.domain.editing import add_project, delete_project, duplicate_project, index_of, move_project
from tracker.domain.findings import Severity
from tracker.domain.history import Change, field_label
from tracker.domain.model import Plan, Project
from tracker.domain.text import safe_line
from tracker.domain.thai import typed_digits, with_digits
from tracker.reports.export import ExportError, default_export_path, write_export
from tracker.storage.store import StoreError
from tracker.ui.display import NodeKind, NodeRef, dimension_heading, project_ref
from tracker.ui.export_dialog import ExportChoice, ExportScreen
from tracker.ui.history_screen import HistoryScreen
from tracker.ui.plan_disk import PlanOnDisk
from tracker.ui.screens import ChoiceScreen, ConfirmScreen, HelpScreen, SummaryScreen, help_rows

SELECT_FIRST = "เลือกโครงการ{what}ก่อน (select a project first)"


class PlanScreen(PlanOnDisk):
    """Keep a plan: the tree on the left, the highlighted item's form (or summary) on the right.

    Its actions are bound by the key table (:mod:`tracker.ui.actions`): the tree binds the tree's keys,
    the app the keys that work everywhere, all of them running here.
    """

    # --- projects: add, delete, duplicate, move ------------------------------------------------------

    def action_add_project(self) -> None:
        if not self._writable():
            return
        plan, ref = self.plan, self.shown
        current = ref.number if ref is not None and ref.kind is not NodeKind.PLAN else plan.dimensions[0].number
        options = [
            (typed_digits(f"{dimension_heading(d.number, plan.settings.digit_style)} {safe_line(d.name)}",
                          plan.settings.digit_style), d.number)
            for d in plan.dimensions
        ]

        def chosen(dimension: int | None) -> None:
            if dimension is None:
                return

            def add(p: Plan) -> Project:
                return p.projects[add_project(p, dimension)]

            self._structural(add, "เพิ่มโครงการใหม่แล้ว: กรอกชื่อและรายละเอียด (project added)", edit=True)
            self.call_after_refresh(self._focus_form, "name")

        self._guarded(lambda: self._open(
            ChoiceScreen("เพิ่มโครงการในมิติใด (add a project to which dimension)", options, current=current),
            chosen,
        ))

    def action_delete_project(self) -> None:
        project = self.current_project()
        if project is None:
            self.notify(SELECT_FIRST.format(what="ที่จะลบ"), severity="warning")
            return
        digits = self.session.digits

        def decided(yes: bool | None) -> None:
            if not yes:
                return

            def delete(p: Plan) -> NodeRef:
                delete_project(p, index_of(p, project))
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
        project = self.current_project()
        if project is None:
            self.notify(SELECT_FIRST.format(what="ที่จะทำสำเนา"), severity="warning")
            return

        def duplicate(p: Plan) -> Project:
            return p.projects[duplicate_project(p, index_of(p, project))]

        self._guarded(lambda: self._structural(duplicate, "ทำสำเนาโครงการแล้ว (duplicated)"))

    def _move(self, step: int) -> None:
        project = self.current_project()
        if project is None:
            self.notify(SELECT_FIRST.format(what="ที่จะเลื่อน"), severity="warning")
            return
        siblings = [p for p in self.plan.projects if p.dimension == project.dimension]
        if project is siblings[0 if step < 0 else -1]:
            self.notify(
                "โครงการนี้อยู่บนสุดของมิติแล้ว (already at the top of its dimension)"
                if step < 0
                else "โครงการนี้อยู่ล่างสุดของมิติแล้ว (already at the bottom of its dimension)",
                severity="warning",
            )
            return

        def move(p: Plan) -> Project:
            return p.projects[move_project(p, index_of(p, project), step)]

        self._guarded(lambda: self._structural(move, ""))

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(+1)

    # --- the national system: the "entered in e-PlanNACC" mark ----------------------------------------

    def action_toggle_entered(self) -> None:
        """m: the project's result in the round is entered in e-PlanNACC (or, again, not yet); saved at
        once, so that an interrupted submission resumes where it stopped."""
        project = self.current_project()
        if project is None:
            self.notify(SELECT_FIRST.format(what="ที่จะทำเครื่องหมาย"), severity="warning")
            return
        uid = project.uid

        def toggle() -> None:
            if not self._writable():
                return
            # Found again by its uid: dropping an invalid edit first reloads the plan's projects.
            index = next((i for i, p in enumerate(self.plan.projects) if p.uid == uid), None)
            if index is None:
                return
            entered = self.session.toggle_entered(index)
            if not self.flush():
                return
            marked = self.plan.projects[index]
            self._recompute()  # the tree's mark and the header's count
            shown, self.shown = self.shown, None
            if shown is not None:
                self._show(shown, edit=self.editing)  # the detail pane's row
            digits = self.session.digits
            where = f"โครงการ {self._num(marked.number)} {self.session.round.label_in(digits)}"
            count = f"{self._num(self.session.entered_count())}/{self._num(len(self.plan.projects))}"
            # What the checks still find in it went into the national system too: said at once.
            open_here = [f for f in self.session.findings if f.project_uid == uid] if entered else []
            errors = sum(f.severity is Severity.ERROR for f in open_here)
            self.notify(
                f"{where}: บันทึกใน e-PlanNACC แล้ว ({count}) (marked entered in e-PlanNACC)"
                if entered
                else f"{where}: ยกเลิกเครื่องหมาย ยังไม่ได้บันทึกใน e-PlanNACC ({count}) (mark taken off)",
                markup=False,
            )
            if open_here:
                self.notify(
                    f"โครงการนี้ยังมีข้อผิดพลาด {self._num(errors)} และข้อควรตรวจ {self._num(len(open_here) - errors)}"
                    " รายการ กด x เพื่อดู และแก้ในระบบ e-PlanNACC ด้วยหากแก้ในโปรแกรม"
                    " (the checks still find something in this project: press x)",
                    severity="error" if errors else "warning",
                    markup=False,
                )

        self._guarded(toggle)

    # --- rounds, plans, years, digits ----------------------------------------------------------------

    def action_switch_round(self) -> None:
        def switch() -> None:
            round_ = self.session.switch_round()
            self._rebuild_tree(self.shown, edit=self.editing)
            self.notify(f"แสดง{round_.label_in(self.session.digits)} (showing the {int(round_)}-month round)")

        self._guarded(switch)

    def action_switch_plan(self) -> None:
        options = [
            (typed_digits(f"{safe_line(p.organization)} ปีงบประมาณ {self._num(p.fiscal_year)}"
                          f" ({self._num(p.projects)} โครงการ)", self.session.digits), p.plan_id)
            for p in self.session.store.list_plans()
        ]

        def chosen(plan_id: str | None) -> None:
            if plan_id is not None and plan_id != self.plan.plan_id:
                self.open_plan(plan_id)

        current = self.plan.plan_id
        self._guarded(lambda: self._open(ChoiceScreen("เลือกแผน (choose a plan)", options, current=current),
                                         chosen))

    def open_plan(self, plan_id: str) -> None:
        """Show another plan of the store (anything unsaved must be flushed first)."""
        try:
            self.session.open_plan(plan_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._reset_filter()
        self._rebuild_tree(NodeRef(NodeKind.PLAN))

    def action_next_year(self) -> None:
        plan = self.plan

        def decided(yes: bool | None) -> None:
            if not yes or not self._writable():
                return
            try:
                following = self.session.start_next_year()
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._reset_filter()
            self._rebuild_tree(NodeRef(NodeKind.PLAN))
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

    def action_toggle_digits(self) -> None:
        if not self._writable():
            return

        def toggle() -> None:
            self.session.toggle_digits()
            self.flush()
            self._reset_filter()
            self._rebuild_tree(self.shown)

        self._guarded(toggle)

    # --- the filter ---------------------------------------------------------------------------------

    async def action_filter(self) -> None:
        await self.filter_bar_widget.open()

    def action_clear_filter(self) -> None:
        """Esc on the tree while a filter is on: every project shows again."""
        if not self.filter.active:
            self.notify("ไม่มีตัวกรองให้ล้าง (no filter to clear)", severity="information")
            return
        self.filter_bar_widget.clear()
        self.notify("ล้างตัวกรองแล้ว แสดงทุกโครงการ (filter cleared: every project shows)")

    # --- other screens: summary, export, help, history --------------------------------------------

    def action_summary(self) -> None:
        plan = self.plan

        def opened(uid: str | None) -> None:
            project = next((p for p in plan.projects if p.uid == uid), None)
            if project is None:
                return
            self._reset_filter()
            self._rebuild_tree(project_ref(project), edit=True)
            self.call_after_refresh(self._focus_form, None)

        self._guarded(lambda: self._open(SummaryScreen(plan, self.session.round), opened))

    def action_save(self) -> None:
        if self.session.invalid:
            self.notify("มีช่องที่ไม่ถูกต้อง: แก้ก่อนจึงจะบันทึกได้ (fix the marked fields first)",
                        severity="warning")
            self._focus_first_error()
            return
        if not self.session.dirty:
            self.notify("บันทึกครบแล้ว (everything is saved)")
            return
        if self.flush():
            self.notify("บันทึกแล้ว (saved)")

    def action_export(self) -> None:
        """The export dialog; the report is written from what is saved (everything is flushed first)."""
        plan = self.plan

        def write(choice: ExportChoice) -> Path | str:
            try:
                history = self.session.history() if choice.history else None
                return write_export(plan, choice.fmt, choice.round, choice.digits, choice.path, history=history)
            except (ExportError, StoreError) as exc:
                return str(exc)

        def written(path: Path | None) -> None:
            if path is None:
                return
            self.notify(f"เขียนรายงานแล้ว (report written): {safe_line(str(path))}", timeout=10, markup=False)
            findings = self.session.findings
            errors = sum(f.severity is Severity.ERROR for f in findings)
            if findings:
                self.notify(
                    f"การตรวจสอบพบข้อผิดพลาด {self._num(errors)} และข้อควรตรวจ"
                    f" {self._num(len(findings) - errors)} รายการ:"
                    " กด x เพื่อดูก่อนเผยแพร่ (the checks found problems: press x before publishing)",
                    severity="error" if errors else "warning",
                    timeout=15,
                    markup=False,
                )

        self._guarded(lambda: self._open(
            ExportScreen(plan, self.session.round, lambda fmt, round_: default_export_path(plan, fmt, round_),
                         write),
            written,
        ))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows(self.app)))

    def action_history(self) -> None:
        """The changes of the project under the cursor (or of the whole plan), who and when."""
        plan, project = self.plan, self.current_project()
        digits = plan.settings.digit_style

        def show() -> None:
            try:
                changes = self.session.history(project.uid if project is not None else None)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            if project is not None:
                title = (f"ประวัติการแก้ไข โครงการ {with_digits(str(project.number), digits)}"
                         f" {typed_digits(safe_line(project.name), digits)}")
            else:
                title = (f"ประวัติการแก้ไขแผน {typed_digits(safe_line(plan.organization), digits)}"
                         f" ปีงบประมาณ {with_digits(str(plan.fiscal_year), digits)}")
            self.app.push_screen(HistoryScreen(title, changes, digits, whole_plan=project is None))

        self._guarded(show)

    # --- undo, redo ------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        self._guarded(lambda: self._step("undo"))

    def action_redo(self) -> None:
        self._guarded(lambda: self._step("redo"))

    def _step(self, action: str) -> None:
        """Go back (or forward) one saved version: saved as the plan, the way back kept."""
        if not self._writable():
            return
        verb = "เลิกทำ" if action == "undo" else "ทำซ้ำ"
        stepped = self.session.undo(self.shown) if action == "undo" else self.session.redo(self.shown)
        if stepped is None:
            self.notify(f"ไม่มีอะไรให้{verb} (nothing to {action})", severity="information")
            return
        if not self._after_save(stepped.saved):
            return
        where = stepped.where if isinstance(stepped.where, NodeRef) else None
        self._rebuild_tree(self._ref_after(stepped.saved.changes, where), edit=self.editing)
        self.notify(f"{verb}แล้ว: {self._describe(stepped.saved.changes)} ({action} done)", markup=False)

    def _ref_after(self, changes: list[Change], fallback: NodeRef | None) -> NodeRef | None:
        """The project an undo or redo touched (where it still exists), else what was shown then."""
        by_uid = {p.uid: p for p in self.plan.projects}
        for change in changes:
            if change.project_uid is not None and change.project_uid in by_uid:
                return project_ref(by_uid[change.project_uid])
        if fallback is not None and fallback.kind is NodeKind.PROJECT and fallback.index_in(self.plan) is None:
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
        label = "" if first.field in ("project", "number") else field_label(first.field, self.session.digits)
        more = f" และอีก {self._num(len(changes) - 1)} รายการ" if len(changes) > 1 else ""
        return safe_line(f"{label}{where}{more}".strip())

    def action_request_quit(self) -> None:
        self._guarded(self.app.exit)
