"""The editing session without a screen: saving, undo and redo, another program's changes and lock, other
plans — each checked on the real file on disk."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain.editing import ProjectInput, add_project, delete_project
from tracker.domain.model import Plan, Round, Status
from tracker.domain.thai import DigitStyle
from tracker.importer.defaults import default_plan
from tracker.session import UNDO_LIMIT, EditingSession, NoPlanLeft, SaveState
from tracker.storage.backups import list_backups
from tracker.storage.lock import WriterLock
from tracker.storage.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[default_plan()]).close()
    return path


@pytest.fixture
def session(db: Path) -> EditingSession:
    s = EditingSession(Store.open(db))
    yield s
    s.store.close()


def on_disk(db: Path) -> Plan:
    with Store.open(db, read_only=True) as store:
        return store.load_plan(store.list_plans()[0].plan_id)


def typed(session: EditingSession, number: int, **fields: object) -> tuple[int, ProjectInput]:
    """Project ``number``'s form as the person left it, with ``fields`` typed over it."""
    assert session.plan is not None
    index = next(i for i, p in enumerate(session.plan.projects) if p.number == number)
    inp = ProjectInput.from_project(session.plan.projects[index], session.round, DigitStyle.ARABIC)
    return index, replace(inp, **fields)  # type: ignore[arg-type]


def edit_remarks(session: EditingSession, number: int, remarks: str) -> None:
    session.edit_project(*typed(session, number, remarks=remarks))


def edit_outside(db: Path, remarks: str) -> bytes:
    """Another program (a sync client, a hand edit) rewrites the file: project 4's remarks."""
    data = json.loads(db.read_text(encoding="utf-8"))
    data["plans"]["1"]["projects"][3]["remarks"] = remarks
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    tmp = db.with_name("outside.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, db)
    return raw


def test_an_edit_is_unsaved_until_saved_then_on_disk(session: EditingSession, db: Path) -> None:
    assert session.save_state is SaveState.SAVED
    edit_remarks(session, 4, "แก้แล้ว")
    assert session.save_state is SaveState.UNSAVED
    assert on_disk(db).project(4).remarks == ""  # type: ignore[union-attr]
    saved = session.save()
    assert saved.ok and [c.field for c in saved.changes] == ["remarks"]
    assert session.save_state is SaveState.SAVED
    assert on_disk(db).project(4).remarks == "แก้แล้ว"  # type: ignore[union-attr]
    assert session.save().changes == []  # nothing more to write


def test_an_edit_updates_figures_and_findings_at_once(session: EditingSession) -> None:
    assert session.figures is not None
    completed = session.figures.per_status[Status.COMPLETED]
    index, inp = typed(session, 15, status=Status.COMPLETED, result_text="", reason=None, reason_text="")
    session.edit_project(index, inp)
    assert session.figures.per_status[Status.COMPLETED] == completed + 1
    # Completed with no result: the same finding the publish checks give.
    assert any(f.code == "STATUS_NO_RESULT" and f.project == 15 for f in session.findings)


def test_nothing_is_saved_while_an_edit_is_invalid_and_dropping_it_returns_to_the_saved_plan(
    session: EditingSession, db: Path
) -> None:
    index, inp = typed(session, 2, budget="5")  # a budget cleared key by key passes through "5" ...
    session.edit_project(index, inp)
    session.reject({"budget": "จำนวนเงินติดลบไม่ได้"})  # ... on its way to "-5"
    assert session.save_state is SaveState.INVALID
    assert session.save().changes == []
    assert on_disk(db).project(2).budget == Decimal("50000.00")  # type: ignore[union-attr]
    session.drop_invalid()
    assert session.save_state is SaveState.SAVED
    assert session.plan is not None and session.plan.project(2).budget == Decimal("50000.00")  # type: ignore[union-attr]


def test_undo_and_redo_step_through_saved_versions(session: EditingSession, db: Path) -> None:
    assert session.undo() is None  # nothing yet
    edit_remarks(session, 4, "หนึ่ง")
    session.save(where="project 4")
    edit_remarks(session, 4, "สอง")
    session.save(where="project 4 again")
    stepped = session.undo(where="here")
    assert stepped is not None and stepped.saved.ok
    assert stepped.where == "project 4 again"  # what was shown when that version was left
    assert on_disk(db).project(4).remarks == "หนึ่ง"  # type: ignore[union-attr]
    assert session.plan is not None and session.plan.project(4).remarks == "หนึ่ง"  # type: ignore[union-attr]
    session.undo(where="there")
    assert on_disk(db).project(4).remarks == ""  # type: ignore[union-attr]
    assert session.undo() is None
    redone = session.redo()
    assert redone is not None and redone.where == "there"
    assert on_disk(db).project(4).remarks == "หนึ่ง"  # type: ignore[union-attr]
    with Store.open(db, read_only=True) as store:
        actions = [c.action for c in store.history() if c.field == "remarks"]
    assert actions[-2:] == ["undo", "redo"]


def test_a_new_edit_after_undo_drops_the_redo(session: EditingSession) -> None:
    edit_remarks(session, 4, "หนึ่ง")
    session.save()
    session.undo()
    edit_remarks(session, 4, "ทางใหม่")
    session.save()
    assert session.redo() is None


def test_undo_keeps_the_last_versions_only(session: EditingSession) -> None:
    for n in range(UNDO_LIMIT + 5):
        edit_remarks(session, 4, f"ครั้งที่ {n}")
        session.save()
    assert len(session.undo_steps) == UNDO_LIMIT


def test_undo_brings_back_a_deleted_project(session: EditingSession, db: Path) -> None:
    assert session.plan is not None
    gone = session.plan.project(7)
    assert gone is not None
    session.change(lambda p: delete_project(p, p.projects.index(gone)))
    session.save()
    assert gone.uid not in {p.uid for p in on_disk(db).projects}
    session.undo()
    back = on_disk(db).project(7)
    assert back is not None and back.name == gone.name and back.uid == gone.uid


def test_an_added_project_has_a_uid_at_once(session: EditingSession) -> None:
    project = session.change(lambda p: p.projects[add_project(p, 3)])
    assert project.uid and project.uid not in {p.uid for p in session.plan.projects if p is not project}  # type: ignore[union-attr]


def test_an_outside_change_is_never_overwritten_blindly(session: EditingSession, db: Path) -> None:
    edit_remarks(session, 5, "ของเรา")
    outside = edit_outside(db, "แก้จากภายนอก")
    assert session.changed_on_disk()
    saved = session.save()
    assert not saved.ok and saved.outside_change
    assert db.read_bytes() == outside and session.save_state is SaveState.UNSAVED
    assert session.overwrite().ok
    assert on_disk(db).project(5).remarks == "ของเรา"  # type: ignore[union-attr]
    kept = [b for b in list_backups(db) if b.reason.value == "before-overwrite"]
    assert [b.path.read_bytes() for b in kept] == [outside]


def test_reload_takes_the_file_and_drops_unsaved_edits_and_steps(session: EditingSession, db: Path) -> None:
    edit_remarks(session, 4, "บันทึกแล้ว")
    session.save()
    edit_remarks(session, 5, "ยังไม่บันทึก")
    edit_outside(db, "แก้จากภายนอก")
    assert session.reload()  # the same plan
    assert session.plan is not None
    assert session.plan.project(4).remarks == "แก้จากภายนอก"  # type: ignore[union-attr]
    assert session.plan.project(5).remarks == ""  # type: ignore[union-attr]
    assert session.save_state is SaveState.SAVED and session.undo() is None
    assert not session.changed_on_disk()


def test_reload_of_a_file_without_plans_says_so(session: EditingSession, db: Path) -> None:
    data = json.loads(db.read_text(encoding="utf-8"))
    data["plans"] = {}
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NoPlanLeft):
        session.reload()


def test_a_read_only_session_takes_over_when_the_other_program_closes(db: Path) -> None:
    lock = WriterLock.acquire(db, "tracker import")
    session = EditingSession(Store.open(db, read_only=True))
    try:
        assert session.read_only
        assert not session.take_over_lock()  # still held
        lock.release()
        assert session.take_over_lock()
        assert not session.read_only
        edit_remarks(session, 4, "ต่อจากอีกฝ่าย")
        assert session.save().ok
    finally:
        session.store.close()
    assert on_disk(db).project(4).remarks == "ต่อจากอีกฝ่าย"  # type: ignore[union-attr]


def test_each_plan_keeps_its_undo_for_the_session(session: EditingSession, db: Path) -> None:
    edit_remarks(session, 4, "ปีนี้")
    session.save()
    first = session.plan.plan_id  # type: ignore[union-attr]
    following = session.start_next_year()
    assert session.plan is not None and session.plan.plan_id == following.plan_id
    assert session.undo() is None  # the new plan has no steps of its own
    session.open_plan(first)
    stepped = session.undo()  # the first plan's step is still there
    assert stepped is not None and stepped.saved.ok
    assert on_disk(db).project(4).remarks == ""  # type: ignore[union-attr]


def test_editing_the_reporting_round_looks_at_that_round(session: EditingSession) -> None:
    from tracker.domain.editing import PlanInput

    assert session.plan is not None and session.round is Round.TWELVE
    inp = replace(PlanInput.from_plan(session.plan), round=Round.SIX)
    assert session.edit_plan(inp)
    assert session.round is Round.SIX and session.figures is not None and session.figures.round is Round.SIX


def test_switching_the_round_changes_only_what_is_looked_at(session: EditingSession) -> None:
    assert session.switch_round() is Round.SIX
    assert session.save_state is SaveState.SAVED
    assert session.figures is not None and session.figures.round is Round.SIX


def test_digits_toggle_is_an_edit(session: EditingSession, db: Path) -> None:
    assert session.toggle_digits() is DigitStyle.ARABIC
    assert session.save_state is SaveState.UNSAVED
    session.save()
    assert on_disk(db).settings.digit_style is DigitStyle.ARABIC


def test_the_entered_mark_is_saved_counted_and_recorded_per_round(session: EditingSession, db: Path) -> None:
    assert session.entered_count() == 0
    assert session.toggle_entered(0) is True
    session.save()
    assert on_disk(db).projects[0].results[session.round].entered
    [change] = [c for c in session.store.history() if c.field == f"results.{int(session.round)}.entered"]
    assert (change.old, change.new) == (False, True)
    assert on_disk(db).projects[0].result(session.round).status is session.plan.projects[0].result(session.round).status
    assert session.entered_count() == 1
    session.switch_round()
    assert session.entered_count() == 0  # the other round's submission is its own
    session.switch_round()
    assert session.toggle_entered(0) is False
    session.save()
    assert not on_disk(db).projects[0].result(session.round).entered


def test_marking_a_carried_result_entered_keeps_it_carried(session: EditingSession) -> None:
    from tracker.domain.model import Round, RoundResult, Status

    assert session.plan is not None
    project = session.plan.projects[1]
    project.results = {Round.SIX: RoundResult(Status.COMPLETED, "ทำแล้ว")}
    session.round = Round.TWELVE
    session.toggle_entered(1)
    assert project.carried_over(Round.TWELVE)
    assert project.result(Round.TWELVE).status is Status.COMPLETED and project.result(Round.TWELVE).entered
