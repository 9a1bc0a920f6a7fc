"""The store: every plan of an office in one TinyDB JSON file.

(Skeleton: API fixed, hardening in progress.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from tracker.domain.model import Plan, plan_from_dict, plan_to_dict

SCHEMA_VERSION = 1
APP_MARK = "tracker"


class StoreError(Exception):
    """The database cannot be used; the message names the file and what is wrong, in Thai and English."""


@dataclass(frozen=True, slots=True)
class PlanInfo:
    plan_id: str
    organization: str
    fiscal_year: int
    projects: int


class Store:
    """Plans in one file. Pass it to whatever needs it; there is no module-level instance."""

    def __init__(self, path: Path, db: Any, created: bool) -> None:
        self.path = path
        self.created = created
        self._db = db

    @classmethod
    def open(cls, path: Path, *, initial_plans: list[Plan] | None = None) -> Store:
        """Open the database at ``path``; create it holding ``initial_plans`` if it does not exist."""
        path = Path(path)
        created = not path.exists()
        db = TinyDB(path, ensure_ascii=False, indent=1)
        store = cls(path, db, created)
        if created:
            db.table("meta").insert({"app": APP_MARK, "schema_version": SCHEMA_VERSION})
            for plan in initial_plans or []:
                store.save_plan(plan)
        return store

    def list_plans(self) -> list[PlanInfo]:
        return [
            PlanInfo(d["plan_id"], d["organization"], int(d["fiscal_year"]), len(d.get("projects", [])))
            for d in self._db.table("plans").all()
        ]

    def load_plan(self, plan_id: str) -> Plan:
        doc = self._db.table("plans").get(Query().plan_id == plan_id)
        if doc is None:
            raise StoreError(f"ไม่พบแผน {plan_id!r} ใน {self.path} (no such plan)")
        return plan_from_dict(dict(doc))

    def save_plan(self, plan: Plan) -> None:
        self._db.table("plans").upsert(plan_to_dict(plan), Query().plan_id == plan.plan_id)

    def delete_plan(self, plan_id: str) -> None:
        self._db.table("plans").remove(Query().plan_id == plan_id)

    def close(self) -> None:
        self._db.close()
