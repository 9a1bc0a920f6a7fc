"""Store timings: save one edit, open + summary, export Markdown, each beside its baseline of the same run.

Baselines (issue 7):

- the physical limit of a whole-file JSON store: ``orjson.dumps`` of the same data with the store's
  options (two-space indent, final newline: the same bytes as the store writes), write, ``fsync``
  and ``os.replace`` (nothing else: no folder fsync);
- TinyDB's stock ``JSONStorage`` doing what :meth:`Store.save_plan` does (``contains`` then ``update``);
- ``orjson.loads`` of the same file (read included) for opening and exporting.

"Open + summary" draws the summary table as ``tracker summary`` does (rich, to a console of 80 columns,
the width of a piped ``tracker summary``), its text discarded.

Samples of ours and of the baselines alternate, so that a slow moment of the machine hits both.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shutil
import time
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

import tracker.storage.schema as schema_module
from tracker.domain.model import plan_to_dict
from tracker.reports.export import export_report
from tracker.reports.summary import summary_renderable
from tracker.storage.store import Store


@dataclass
class Samples:
    """Seconds per sample of one measure."""

    values: list[float] = field(default_factory=list)

    @property
    def spread(self) -> float:
        """(slowest - fastest) / median: how far apart the samples were."""
        return (max(self.values) - min(self.values)) / self.median if self.values and self.median else 0.0

    @property
    def median(self) -> float:
        ordered = sorted(self.values)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Collect first, then keep the collector out of the timed part (the same for ours and baselines)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def size_limit_lifted(path: Path) -> Iterator[bool]:
    """Let the store open a file over its MAX_FILE_BYTES (64 MiB) for measuring; yields whether it had to."""
    over = path.stat().st_size > schema_module.MAX_FILE_BYTES
    old = schema_module.MAX_FILE_BYTES
    if over:
        schema_module.MAX_FILE_BYTES = path.stat().st_size * 2
    try:
        yield over
    finally:
        schema_module.MAX_FILE_BYTES = old


def first_plan_id(db: Path) -> str:
    with size_limit_lifted(db), Store.open(db) as store:
        return store.list_plans()[0].plan_id


STORE_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
"""What the store writes (tracker.storage.atomic.encode_json): two-space indent, a final newline."""


def fsync_folder(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def physical_write(path: Path, data: Any, *, folder_fsync: bool = False) -> None:
    """The physical limit of a whole-file JSON save in the store's bytes: serialize, write, fsync, replace
    (and, with ``folder_fsync``, flush the folder so that the rename survives a power cut)."""
    payload = orjson.dumps(data, option=STORE_OPTIONS)
    tmp = path.with_name(f".{path.name}.bench.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if folder_fsync:
        fsync_folder(str(path.parent))


def stock_save(db: TinyDB, doc: dict[str, Any]) -> None:
    """What Store.save_plan does, on TinyDB's own JSONStorage."""
    same_id = Query().plan_id == doc["plan_id"]

    def replace(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    table = db.table(schema_module.PLANS_TABLE)
    if table.contains(same_id):
        table.update(replace, same_id)
    else:
        table.insert(doc)


def bench_save(db: Path, work: Path, runs: int,
               kinds: tuple[str, ...] = ("ours", "physical", "stock")) -> dict[str, Samples]:
    """Save one edit (one field of one project) with our store, the physical limit and stock TinyDB
    (``kinds``: which of the three run; the others' samples stay empty)."""
    ours_path = work / "ours.json"
    phys_path = work / "physical.json"
    stock_path = work / "stock.json"
    shutil.copyfile(db, ours_path)
    shutil.copyfile(db, phys_path)
    shutil.copyfile(db, stock_path)
    out = {"ours": Samples(), "physical": Samples(), "stock": Samples()}
    pid = first_plan_id(db)
    data = orjson.loads(phys_path.read_bytes())
    phys_doc = next(d for d in data["plans"].values() if d["plan_id"] == pid)
    with size_limit_lifted(db):
        store = Store.open(ours_path)
    plan = store.load_plan(pid)
    stock = TinyDB(str(stock_path), storage=JSONStorage)
    try:
        for i in range(runs):
            text = f"แก้ไขครั้งที่ {i}"
            plan.projects[0].remarks = text
            phys_doc["projects"][0]["remarks"] = text
            if "ours" in kinds:
                with no_gc():
                    out["ours"].values.append(timed(lambda: store.save_plan(plan)))
            if "physical" in kinds:
                with no_gc():
                    out["physical"].values.append(timed(lambda: physical_write(phys_path, data)))
            if "stock" in kinds:
                with no_gc():
                    out["stock"].values.append(timed(lambda: stock_save(stock, plan_to_dict(plan))))
    finally:
        store.close()
        stock.close()
    for p in (ours_path, phys_path, stock_path):
        p.unlink(missing_ok=True)
    return out


def open_summary(db: Path, pid: str) -> str:
    """What ``tracker summary`` does: a read-only open (no lock), load, and the summary drawn by rich
    (to a string: the console of a piped ``tracker summary``, 80 columns)."""
    with Store.open(db, read_only=True) as store:
        plan = store.load_plan(pid)
    out = Console(file=io.StringIO(), width=80, markup=False, emoji=False, highlight=False)
    out.print(summary_renderable(plan, None, None, out.width))
    return out.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def open_export(db: Path, pid: str) -> None:
    """What ``tracker export --format md`` waits for, less writing the file: open, load, render."""
    with Store.open(db, read_only=True) as store:
        plan = store.load_plan(pid)
    export_report(plan, "md")


def bench_open(db: Path, runs: int) -> dict[str, Samples]:
    """Open + summary and open + export Markdown, beside orjson parsing the same file."""
    pid = first_plan_id(db)
    out = {"open_summary": Samples(), "export_md": Samples(), "render_md": Samples(), "orjson": Samples()}
    with size_limit_lifted(db):
        with Store.open(db) as store:
            plan = store.load_plan(pid)
        for _ in range(runs):
            with no_gc():
                out["orjson"].values.append(timed(lambda: orjson.loads(db.read_bytes())))
            with no_gc():
                out["open_summary"].values.append(timed(lambda: open_summary(db, pid)))
            with no_gc():
                out["export_md"].values.append(timed(lambda: open_export(db, pid)))
            with no_gc():
                out["render_md"].values.append(timed(lambda: export_report(plan, "md")))
    return out
