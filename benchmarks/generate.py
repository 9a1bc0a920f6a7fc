"""Data for the benchmarks: plans like the seed's, as many as a database of N projects needs.

Every plan is built from the embedded default plan (Bang Toei, FY 2567: 20 projects): its Thai texts
are recombined (a project's name, method, indicator, unit and result come from different seed
projects), budgets, statuses and order numbers vary, and each plan gets an organization, district,
province and fiscal year of its own. Plans hold 20-40 projects; the last plan of a database is cut
so that the database holds exactly N projects. The same seed always gives the same data.

    python -m benchmarks.generate 10000 /tmp/db.json      # writes a tracker database
"""

from __future__ import annotations

import argparse
import copy
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.domain.model import Plan, make_plan_id, plan_from_dict, plan_to_dict
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store

SEED = 2567

_TYPES = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง")
_FIRST = ("บาง", "หนอง", "คลอง", "ท่า", "ดอน", "โคก", "นา", "ห้วย", "บ้าน", "วัง", "ทุ่ง", "สระ", "เขา", "ไร่", "หัว")
_SECOND = (
    "เตย", "ขิง", "ใหม่", "ยาง", "แก้ว", "ทอง", "จันทร์", "ไผ่", "โพธิ์", "น้ำ",
    "ดี", "งาม", "หลวง", "พระ", "ตะเคียน", "กระทุ่ม", "ม่วง", "ขาม", "บัว", "ช้าง",
)
_DISTRICTS = ("สามพราน", "นครชัยศรี", "พุทธมณฑล", "กำแพงแสน", "ดอนตูม", "บางเลน", "เมืองนครปฐม", "บางใหญ่")
_PROVINCES = ("นครปฐม", "สุพรรณบุรี", "ราชบุรี", "กาญจนบุรี", "นนทบุรี", "ปทุมธานี", "อยุธยา", "สมุทรสาคร")
_YEARS = (2563, 2564, 2565, 2566, 2567, 2568)
_STATUSES = ("completed", "completed", "completed", "in_progress", "not_done", "not_reported")


def _organizations(rng: random.Random) -> list[tuple[str, int]]:
    """Every (organization, fiscal year) pair the name lists allow, in a seeded order."""
    pairs = [(f"{t}{a}{b}", y) for t in _TYPES for a in _FIRST for b in _SECOND for y in _YEARS]
    rng.shuffle(pairs)
    return pairs


def _project(rng: random.Random, seeds: list[dict[str, Any]], number: int, dimension: int) -> dict[str, Any]:
    """One project dict from the seed's texts, mixed (name, method, indicator, result from different projects)."""
    same_dim = [p for p in seeds if p["dimension"] == dimension] or seeds
    base = copy.deepcopy(rng.choice(same_dim))
    base["number"] = number
    base["dimension"] = dimension
    base["method"] = rng.choice(seeds)["method"]
    base["indicator"] = rng.choice(seeds)["indicator"]
    base["unit"] = rng.choice(seeds)["unit"]
    if rng.random() < 0.6:
        budget = Decimal(rng.randrange(0, 500)) * 1000
        base["budget"] = f"{budget:.2f}"
    else:
        base["budget"] = None
    results: dict[str, Any] = {}
    for round_ in ("6", "12"):
        status = rng.choice(_STATUSES)
        source = rng.choice(seeds)
        res = copy.deepcopy(next(iter(source["results"].values()), {})) if source["results"] else {}
        res["status"] = status
        res.setdefault("result_text", "")
        res.setdefault("reason", None)
        res.setdefault("reason_text", "")
        if status == "not_done":
            res["reason"] = rng.choice(["no_budget", "policy_changed", "not_enough_staff"])
        else:
            res["reason"], res["reason_text"] = None, ""
        if base["budget"] is not None and status in ("completed", "in_progress"):
            spent = Decimal(base["budget"]) * Decimal(rng.randrange(0, 101)) / 100
            res["disbursed"] = f"{spent:.2f}"
        else:
            res["disbursed"] = None
        results[round_] = res
    base["results"] = results
    return base


def plan_dict(rng: random.Random, organization: str, fiscal_year: int, projects: int) -> dict[str, Any]:
    """A plan (as stored) of ``projects`` projects for one organization and year."""
    seed = plan_to_dict(default_plan())
    seeds = seed["projects"]
    data = copy.deepcopy(seed)
    data["organization"] = organization
    data["fiscal_year"] = fiscal_year
    data["plan_id"] = make_plan_id(organization, fiscal_year)
    data["district"] = rng.choice(_DISTRICTS)
    data["province"] = rng.choice(_PROVINCES)
    data["source"] = "benchmarks.generate"
    data["stated"] = {"total": None, "per_dimension": {}, "per_status": {}, "disbursed": None,
                      "level": None, "score": None}
    # Projects are numbered in dimension order, as plans list them.
    dims = sorted(rng.choice((1, 1, 2, 2, 2, 3, 4, 4)) for _ in range(projects))
    data["projects"] = [_project(rng, seeds, i + 1, d) for i, d in enumerate(dims)]
    return data


def make_plans(total_projects: int, seed: int = SEED) -> list[Plan]:
    """Plans of 20-40 projects holding ``total_projects`` projects in all (the last plan may be smaller)."""
    rng = random.Random(seed)
    orgs = _organizations(rng)
    plans: list[Plan] = []
    ids: set[str] = set()
    left = total_projects
    while left > 0:
        size = min(left, rng.randint(20, 40))
        organization, year = orgs[len(plans) % len(orgs)]
        if len(plans) >= len(orgs):  # more plans than names: a numbered second round of names
            organization = f"{organization} {len(plans) // len(orgs) + 1}"
        data = plan_dict(rng, organization, year, size)
        # Types share names (อบต. and เทศบาลตำบล บางเตย both give "บางเตย-2567"): ids must stay unique.
        base, n = data["plan_id"], 1
        while data["plan_id"] in ids:
            n += 1
            data["plan_id"] = f"{base}-{n}"
        ids.add(data["plan_id"])
        plans.append(plan_from_dict(data))
        left -= size
    return plans


def big_plan(projects: int, seed: int = SEED) -> Plan:
    """One plan of ``projects`` projects: the stress case of the tree (every project in one plan)."""
    rng = random.Random(seed)
    return plan_from_dict(plan_dict(rng, "องค์การบริหารส่วนตำบลบางเตย", 2567, projects))


def write_database(path: Path, plans: list[Plan]) -> Path:
    """A tracker database at ``path`` (replaced if present) holding ``plans``, written by our store."""
    if path.exists():
        path.unlink()
    Store.open(path, initial_plans=plans).close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("projects", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--one-plan", action="store_true", help="all projects in a single plan")
    args = parser.parse_args(argv)
    plans = [big_plan(args.projects, args.seed)] if args.one_plan else make_plans(args.projects, args.seed)
    write_database(args.path, plans)
    from benchmarks.storage import size_limit_lifted  # the 64 MiB guard refuses 100,000 projects

    with size_limit_lifted(args.path), Store.open(args.path) as store:
        stored = sum(p.projects for p in store.list_plans())
    assert stored == args.projects, (stored, args.projects)
    print(f"{args.path}: {len(plans)} plans, {args.projects} projects, {args.path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
