"""The plan's screen and the file on disk: another program's changes, and its writer lock.

Every few seconds the file is looked at. A change made by another program is never overwritten
blindly: it is offered for reloading (or, with unsaved edits of our own, for overwriting after a
backup of that version); the question waits while keys are still arriving. A read-only view follows
the other program's saves and becomes writable as soon as that program lets go of the database.
"""

from __future__ import annotations

from tracker.session import NoPlanLeft, SaveState
from tracker.storage.store import StoreError
from tracker.ui.display import NodeKind, NodeRef
from tracker.ui.plan_view import PlanView
from tracker.ui.screens import ChoiceScreen

WATCH_INTERVAL = 2.0
"""Seconds between looks at the database file for changes made by another program."""


class PlanOnDisk(PlanView):
    """The plan's view, watching its file."""

    def on_mount(self) -> None:
        self.set_interval(WATCH_INTERVAL, self.watch_file)

    def watch_file(self) -> None:
        """Every few seconds: has another program changed the file, or let go of it?"""
        if self.session.read_only:
            if self._take_over_lock():
                return
            if self.session.changed_on_disk():
                self._reload_from_disk(quiet=True)
            return
        if self.session.outside_asked or not self._keys_settled() or not self.session.changed_on_disk():
            return  # while keys are still arriving the question waits: they go where they were typed
        self._offer_outside_change()

    def _take_over_lock(self) -> bool:
        """A read-only view becomes the writer once the other program has closed the database."""
        try:
            if not self.session.take_over_lock():
                return False
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self._reload_from_disk(quiet=True)
        self.query_one("#readonly").display = False
        self.notify("อีกโปรแกรมปิดฐานข้อมูลแล้ว: แก้ไขได้ตามปกติ (the other program closed the database:"
                    " editing is open again)", timeout=10, markup=False)
        return True

    def _offer_outside_change(self) -> None:
        """The file changed under us: reload it, or (with edits of our own) overwrite it after a backup."""
        if self.session.outside_asked and self.app.screen is not self:
            return  # the question is on the screen already
        self.session.outside_asked = True
        unsaved = self.session.save_state is not SaveState.SAVED
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

        self.app.push_screen(
            ChoiceScreen(
                "ไฟล์ฐานข้อมูลถูกเปลี่ยนโดยโปรแกรมอื่นหลังจากเปิดไว้ ยังไม่ได้บันทึกทับ"
                " (the database file was changed by another program; nothing was overwritten)",
                options,
                current="reload",
            ),
            decided,
        )

    def _reload_from_disk(self, *, quiet: bool = False) -> None:
        shown, editing = self.shown, self.editing
        try:
            same_plan = self.session.reload()
        except NoPlanLeft:
            self.notify("ไฟล์ที่โหลดใหม่ไม่มีแผนนี้แล้ว (the reloaded file no longer holds this plan)",
                        severity="warning", markup=False)
            return
        except StoreError as exc:
            self.notify(str(exc), title="โหลดใหม่ไม่ได้ (could not reload)", severity="error", timeout=15,
                        markup=False)
            return
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not same_plan:
            self._reset_filter()
            shown = NodeRef(NodeKind.PLAN)
        elif shown is not None and shown.kind is NodeKind.PROJECT and shown.index_in(self.plan) is None:
            shown = NodeRef(NodeKind.PLAN)
        self._rebuild_tree(shown, edit=editing and not self.session.read_only)
        if not quiet:
            self.notify("โหลดไฟล์ใหม่แล้ว (reloaded from disk)", markup=False)

    def _overwrite(self) -> None:
        """Save our version over the outside change, which is kept in backups/ first."""
        if self._after_save(self.session.overwrite(self.shown)):
            self.notify("บันทึกทับแล้ว ฉบับที่ถูกเปลี่ยนสำรองไว้ใน backups (overwritten; the other version is"
                        " in backups)", timeout=10, markup=False)
