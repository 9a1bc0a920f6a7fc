"""A report imported over a stored plan (``tracker import --replace``): keep what the report cannot say.

A report is of one round and prints only what the official report shows. Saved as it was read, it
would wipe what the database holds beyond that: the other round's results and narrative, the amount
appropriated in the budget ordinance, the "included" flag, the project's own remark, the "entered in
e-PlanNACC" marks, the signatories. :func:`keep_unreported` copies those from the stored plan into the
imported one wherever the report leaves them unknown or empty; whatever the report states wins.

Projects are matched by name (its letters, whatever the spacing: a report wraps names), else by order
number where the stored project's name is nowhere in the report (a project renamed in place). A stored
project the report does not have is not kept: replacing means the report's list of projects.
"""

from __future__ import annotations

import dataclasses

from tracker.domain.model import Plan, Project, Round, RoundResult
from tracker.domain.text import bare


def keep_unreported(old: Plan, new: Plan) -> None:
    """Fill ``new`` (a report just imported, of round ``new.round``) with what ``old`` (the stored plan it
    replaces) holds and the report does not say; changes ``new`` in place."""
    for round_ in Round:
        if round_ is not new.round and round_ not in new.narratives and round_ in old.narratives:
            new.narratives[round_] = dict(old.narratives[round_])
    for role, signatory in old.signatures.items():
        new.signatures.setdefault(role, signatory)
    for project, before in _matches(old, new):
        _keep(before, project, new.round)


def _matches(old: Plan, new: Plan) -> list[tuple[Project, Project]]:
    """(imported project, stored project) pairs: by name, else by number for a stored project renamed."""
    by_name: dict[str, Project] = {}
    for project in old.projects:
        by_name.setdefault(bare(project.name), project)
    new_names = {bare(p.name) for p in new.projects}
    renamed = {p.number: p for p in old.projects if bare(p.name) not in new_names}
    pairs = []
    taken: set[int] = set()
    for project in new.projects:
        before = by_name.get(bare(project.name)) or renamed.get(project.number)
        if before is not None and id(before) not in taken:
            taken.add(id(before))
            pairs.append((project, before))
    return pairs


def _keep(before: Project, project: Project, round_: Round) -> None:
    """What ``before`` holds that the report left unknown or empty in ``project``."""
    if project.appropriated is None:
        project.appropriated = before.appropriated
    if project.included is None:
        project.included = before.included
    if not project.remarks:
        project.remarks = before.remarks
    for other, result in before.results.items():
        if other is not round_:
            project.results.setdefault(other, dataclasses.replace(result))
    kept = before.results.get(round_)
    if kept is None or not kept.entered:
        return
    # The mark is the office's own record of having entered the round (a text report cannot carry it): a
    # report of the round imported again does not undo it. What the report states of the round stands.
    reported = project.results.get(round_)
    project.results[round_] = dataclasses.replace(reported, entered=True) if reported else RoundResult(entered=True)
