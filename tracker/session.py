"""An editing session: the plan being kept, what is saved of it, and the way back (no screen).

The app draws what a session holds and turns what its methods return into messages on screen; what
is saved and when it counts as saved, what ctrl+z goes back to, what happens when the file changes
under us or the other program lets go of it, all lives here, in plain Python, and is tested without a
terminal (tests/session/).

Rules kept here:

- An edit that fails its checks is never applied to the plan (the form holds it; :attr:`invalid` says
  which fields), and nothing is saved while it stands: the values typed on the way to it (a budget
  cleared key by key) are not what the person meant. Dropping it returns to the plan as saved.
- Undo and redo step through whole saved versions of the plan, each saved again as a new version (the
  history records "undo"/"redo"); each plan keeps its steps for the whole session.
- A file changed by another program is never overwritten blindly: :meth:`save` reports it and writes
  nothing; :meth:`reload` takes the file as it is, :meth:`overwrite` backs that version up first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from tracker.domain import import_findings
from tracker.domain.editing import PlanInput, ProjectInput, apply_plan, apply_project, next_fiscal_year
from tracker.domain.figures import Figures, compute
from tracker.domain.findings import Finding
from tracker.domain.history import Change
from tracker.domain.model import (
    ImportFinding,
    Plan,
    Round,
    RoundResult,
    ensure_uids,
    plan_from_dict,
    plan_to_dict,
)
from tracker.domain.thai import DigitStyle
from tracker.storage.store import OutsideChange, Store, StoreError, StoreLocked

UNDO_LIMIT = 200
"""Saved versions ctrl+z can go back through in one session (each is a whole plan in memory)."""

T = TypeVar("T")


class SaveState(StrEnum):
    """Whether what the screen shows is on disk."""

    SAVED = "saved"
    UNSAVED = "unsaved"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Step:
    """A saved version of the plan that ctrl+z (or ctrl+y) can go back to."""

    doc: dict[str, Any]
    """The plan as stored (plan_to_dict)."""
    where: object | None
    """What the screen showed when that version was left, to show again (the session never reads it)."""


@dataclass(frozen=True, slots=True)
class KeptSteps:
    """The undo and redo of a plan not shown now, and the saved version they lead back from."""

    undo: list[Step]
    redo: list[Step]
    saved_doc: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Saved:
    """What a save did."""

    ok: bool
    changes: list[Change] = field(default_factory=list)
    """Each field the save changed in the file (empty when nothing needed writing)."""
    outside_change: bool = False
    """Another program changed the file since we read it: nothing was written (ask the person)."""
    error: str = ""
    """Why it could not be written (a full disk, a read-only file); the edit stays in memory."""
    warnings: list[str] = field(default_factory=list)
    """What the store had to say on the way (an old backup it could not remove, ...)."""


@dataclass(frozen=True, slots=True)
class Stepped:
    """What an undo or a redo did: the save, and what the screen showed when that version was left."""

    saved: Saved
    where: object | None


class EditingSession:
    """One plan of a store being kept: edits applied at once, saved on :meth:`save`, undone by versions."""

    def __init__(self, store: Store, plan_id: str | None = None, round_: Round | None = None) -> None:
        """Keep ``plan_id`` (the store's first plan when None; no plan at all when the store holds none),
        looked at in ``round_`` (the plan's own by default).

        Raises the store's ``StoreError`` when ``plan_id`` is not in the store.
        """
        self.store = store
        self.plan: Plan | None = self._load(store, plan_id)
        self.round: Round = round_ if round_ is not None else (self.plan.round if self.plan else Round.TWELVE)
        self.figures: Figures | None = None
        self._findings: list[Finding] | None = []
        self.dirty = False
        """The plan holds edits the file does not have yet."""
        self.invalid: dict[str, str] = {}
        """The errors of an edit that was not applied, by field; empty when every edit is applied."""
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        self.saved_doc: dict[str, Any] | None = plan_to_dict(self.plan) if self.plan else None
        """The plan as the file holds it: what the next save is compared with and undo returns to."""
        self._other_plans: dict[str, KeptSteps] = {}
        """The undo and redo of each plan switched away from in this session, to take up on return."""
        self.outside_asked = False
        """The outside change on disk has been offered for reloading (and put off) once."""
        self.refresh()

    @staticmethod
    def _load(store: Store, plan_id: str | None) -> Plan | None:
        if plan_id is None:
            plans = store.list_plans()
            if not plans:
                return None
            plan_id = plans[0].plan_id
        return _followed(store.load_plan(plan_id))

    # --- what the plan is now -----------------------------------------------------------------------

    @property
    def save_state(self) -> SaveState:
        if self.invalid:
            return SaveState.INVALID
        return SaveState.UNSAVED if self.dirty else SaveState.SAVED

    @property
    def read_only(self) -> bool:
        """Another program holds the database's writer lock: the plan can be looked at, not changed."""
        return self.store.read_only

    @property
    def digits(self) -> DigitStyle:
        """The digit style the plan is shown in (its own setting)."""
        return self.plan.settings.digit_style if self.plan is not None else DigitStyle.THAI

    def refresh(self) -> None:
        """Figures afresh, after the plan or the round changed (well under a millisecond); the findings
        are found again when next asked for (:attr:`findings`)."""
        if self.plan is None:
            self.figures, self._findings = None, []
            return
        self.figures = compute(self.plan, self.round)
        self._findings = None

    @property
    def findings(self) -> list[Finding]:
        """What the checks find in the plan for :attr:`round`, with the import's open findings.

        Found when asked for, once per change: running every rule takes some milliseconds, and a
        screen asks only once typing pauses.
        """
        if self._findings is None:
            assert self.plan is not None
            self._findings = import_findings.all_findings(self.plan, self.round)
        return self._findings

    # --- edits ---------------------------------------------------------------------------------------

    def edit_project(self, index: int, inp: ProjectInput) -> bool:
        """Apply a checked edit of the project at ``index``; True when it moved to another dimension."""
        assert self.plan is not None
        moved = self.plan.projects[index].dimension != inp.dimension
        apply_project(self.plan, index, inp, self.round)
        self._edited()
        return moved

    def edit_plan(self, inp: PlanInput) -> bool:
        """Apply a checked edit of the plan's own fields; True when the round it reports changed (the
        session then looks at that round)."""
        assert self.plan is not None
        reporting = self.plan.round
        apply_plan(self.plan, inp)
        switched = self.plan.round is not reporting
        if switched:
            self.round = self.plan.round
        self._edited()
        return switched

    def reject(self, errors: dict[str, str]) -> None:
        """An edit failed its checks: it is not applied, and the session is :attr:`SaveState.INVALID`."""
        self.invalid = dict(errors)

    def drop_invalid(self) -> None:
        """The person chose to drop the edit that failed its checks: the plan is again as saved (with
        what was typed on the way to the mistake, since the last save)."""
        self.invalid = {}
        if self.dirty and self.saved_doc is not None:
            self.plan = _followed(plan_from_dict(self.saved_doc))
            self.dirty = False
            self.refresh()

    def change(self, change: Callable[[Plan], T]) -> T:
        """Apply a change of the plan's structure (a project added, deleted, moved); returns what
        ``change`` returns. It is to be saved at once."""
        assert self.plan is not None
        result = change(self.plan)
        ensure_uids(self.plan)  # a project added or copied is followed by its own uid from now on
        self._edited()
        return result

    def _edited(self) -> None:
        self.invalid = {}
        self.dirty = True
        self.refresh()

    def toggle_entered(self, index: int) -> bool:
        """Mark the project at ``index`` entered into the national system (e-PlanNACC) in :attr:`round`,
        or unmark it; returns the new mark. Saved like any edit, and recorded in the history.

        Only the mark changes: a 12-month result carried from the 6-month round
        (:meth:`~tracker.domain.model.Project.result`) stays carried, and reads the same."""
        assert self.plan is not None
        project = self.plan.projects[index]
        entered = not project.result(self.round).entered
        own = project.results.get(self.round) or RoundResult()
        project.results[self.round] = dataclasses.replace(own, entered=entered)
        self._edited()
        return entered

    def entered_count(self) -> int:
        """How many projects are marked entered into e-PlanNACC in :attr:`round`."""
        assert self.figures is not None
        return self.figures.entered

    def switch_round(self) -> Round:
        """Look at the other round (6 or 12 months); returns it."""
        self.round = Round.SIX if self.round is Round.TWELVE else Round.TWELVE
        self.refresh()
        return self.round

    def toggle_digits(self) -> DigitStyle:
        """The plan written in the other digits (Thai or Arabic); saved like any edit. Returns the new style."""
        assert self.plan is not None
        style = self.plan.settings.digit_style
        self.plan.settings.digit_style = DigitStyle.ARABIC if style is DigitStyle.THAI else DigitStyle.THAI
        self._edited()
        return self.plan.settings.digit_style

    def settle(self) -> list[ImportFinding]:
        """Close the import's findings that the edits since the last save settled; returns them."""
        assert self.plan is not None
        return import_findings.settle(self.plan, self.saved_doc)

    def resolve(self, ref: str) -> bool:
        """Mark the import's finding ``ref`` resolved (an edit, saved like one); False if it was not open."""
        assert self.plan is not None
        if not import_findings.resolve(self.plan, [ref]):
            return False
        self._edited()
        return True

    # --- saving ----------------------------------------------------------------------------------------

    def save(self, where: object | None = None) -> Saved:
        """Write the plan if it holds unsaved edits. ``where``: what the screen shows, for undo to return to.

        Nothing is written while an edit fails its checks (:attr:`invalid`), when another program
        changed the file (``outside_change``) or when the write failed (``error``): the edits stay in
        memory and the next save tries again.
        """
        if self.plan is None or not self.dirty or self.invalid:
            return Saved(ok=True)
        return self._write(where, force=False)

    def overwrite(self, where: object | None = None) -> Saved:
        """Save our version over another program's change, which the store backs up first."""
        saved = self._write(where, force=True)
        if saved.ok:
            self.outside_asked = False
        return saved

    def _write(self, where: object | None, *, force: bool) -> Saved:
        assert self.plan is not None
        before = self.saved_doc
        try:
            changes = self.store.save_plan(self.plan, force=force)
        except OutsideChange:
            return Saved(ok=False, outside_change=True)
        except StoreError as exc:
            return Saved(ok=False, error=str(exc))
        if changes and before is not None:
            self.undo_steps.append(Step(before, where))
            del self.undo_steps[:-UNDO_LIMIT]
            self.redo_steps.clear()
        self.saved_doc = plan_to_dict(self.plan)
        self.dirty = False
        return Saved(ok=True, changes=changes, warnings=self.take_warnings())

    def take_warnings(self) -> list[str]:
        """What the store has had to say since last asked (each said once)."""
        warnings = list(self.store.warnings)
        self.store.warnings.clear()
        return warnings

    # --- undo and redo -------------------------------------------------------------------------------

    def undo(self, where: object | None = None) -> Stepped | None:
        """Go back one saved version (saved again as the plan); None when there is none."""
        return self._step(self.undo_steps, self.redo_steps, "undo", where)

    def redo(self, where: object | None = None) -> Stepped | None:
        """Go forward again one version that undo went back from; None when there is none."""
        return self._step(self.redo_steps, self.undo_steps, "redo", where)

    def _step(self, source: list[Step], target: list[Step], action: str, where: object | None) -> Stepped | None:
        assert self.plan is not None and self.saved_doc is not None
        if not source:
            return None
        step = source[-1]
        plan = _followed(plan_from_dict(step.doc))
        try:
            changes = self.store.save_plan(plan, action=action)
        except OutsideChange:
            return Stepped(Saved(ok=False, outside_change=True), step.where)
        except StoreError as exc:
            return Stepped(Saved(ok=False, error=str(exc)), step.where)
        source.pop()
        target.append(Step(self.saved_doc, where))
        self.plan = plan
        self.saved_doc = plan_to_dict(plan)
        self.dirty = False
        self.refresh()
        return Stepped(Saved(ok=True, changes=changes, warnings=self.take_warnings()), step.where)

    # --- other plans ---------------------------------------------------------------------------------

    def open_plan(self, plan_id: str) -> None:
        """Keep another plan of the store (save first). Each plan keeps its own undo and redo for the
        whole session: switching back takes them up again, unless another program changed the plan since.

        Raises ``StoreError`` (and keeps the plan it had) when ``plan_id`` cannot be read.
        """
        plan = _followed(self.store.load_plan(plan_id))
        previous = self.plan
        if previous is not None and self.saved_doc is not None:
            self._other_plans[previous.plan_id] = KeptSteps(self.undo_steps, self.redo_steps, self.saved_doc)
        self.plan = plan
        self.round = plan.round
        self.saved_doc = plan_to_dict(plan)
        self.dirty, self.invalid = False, {}
        kept = self._other_plans.pop(plan_id, None)
        if kept is not None and kept.saved_doc == self.saved_doc:
            self.undo_steps, self.redo_steps = kept.undo, kept.redo
        else:  # first visit, or the plan was changed since (by another program): its steps no longer apply
            self.undo_steps, self.redo_steps = [], []
        self.refresh()

    def start_next_year(self) -> Plan:
        """Save next fiscal year's plan (the same projects, no results) and keep it. Raises ``StoreError``."""
        assert self.plan is not None
        following = next_fiscal_year(self.plan, {p.plan_id for p in self.store.list_plans()})
        self.store.save_plan(following)
        self.open_plan(following.plan_id)
        return following

    # --- the file on disk ----------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether another program changed the file since this session read or wrote it."""
        return self.store.changed_on_disk()

    def reload(self) -> bool:
        """Take the file as it is on disk now, dropping what is unsaved and the undo steps (versions of a
        file that is gone). Returns whether the same plan is kept (else the file's first plan is, and
        the round is its own). Raises ``StoreError`` (changing nothing) when the file cannot be read,
        and :class:`NoPlanLeft` when it holds no plan any more."""
        self.store.reload()
        ids = [p.plan_id for p in self.store.list_plans()]
        self.outside_asked = False
        current = self.plan.plan_id if self.plan is not None else None
        if not ids or current is None:
            raise NoPlanLeft
        plan_id = current if current in ids else ids[0]
        self.plan = _followed(self.store.load_plan(plan_id))
        self.saved_doc = plan_to_dict(self.plan)
        self.undo_steps.clear()
        self.redo_steps.clear()
        self.dirty, self.invalid = False, {}
        if plan_id != current:
            self.round = self.plan.round
        self.refresh()
        return plan_id == current

    def take_over_lock(self) -> bool:
        """A read-only session becomes the writer once the other program has let go of the database (then
        :meth:`reload` it). False while it still holds it; ``StoreError`` when the file cannot be opened."""
        if self.store.lock_holder is not None:
            return False
        try:
            store = Store.open(self.store.path, program="tracker app")
        except StoreLocked:
            return False
        self.store.close()
        self.store = store
        return True

    def history(self, project_uid: str | None = None) -> list[Change]:
        """The plan's changes (one project's when ``project_uid``), oldest first. Raises ``StoreError``."""
        assert self.plan is not None
        return self.store.history(self.plan.plan_id, project_uid)


def _followed(plan: Plan) -> Plan:
    """``plan`` with a uid for every project: the screens follow projects by uid."""
    ensure_uids(plan)
    return plan


class NoPlanLeft(Exception):
    """The file read again holds no plan this session could keep."""
