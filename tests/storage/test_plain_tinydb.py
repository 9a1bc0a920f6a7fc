"""The database stays a plain TinyDB file: an office's own script can read its plans with TinyDB
alone, without this program (nothing of ours is needed to open it: no storage class, no upgrade)."""

from __future__ import annotations

from pathlib import Path

from tinydb import Query, TinyDB

from tracker.importer.defaults import default_plan
from tracker.storage.store import Store


def test_plain_tinydb_reads_the_plans_the_store_wrote(tmp_path: Path) -> None:
    plan = default_plan()
    path = tmp_path / "tracker.json"
    Store.open(path, initial_plans=[plan]).close()
    written = path.read_bytes()

    db = TinyDB(path)
    try:
        plans = db.table("plans").all()
        assert [(d["plan_id"], d["organization"]) for d in plans] == [(plan.plan_id, plan.organization)]
        stored = db.table("plans").get(Query().plan_id == plan.plan_id)
        assert stored is not None
        assert [p["name"] for p in stored["projects"]] == [p.name for p in plan.projects]
        assert len(plan.projects) > 1 and all(p.name for p in plan.projects)
        assert db.table("meta").all()[0]["app"] == "tracker"
    finally:
        db.close()
    assert path.read_bytes() == written  # reading with TinyDB changed nothing
