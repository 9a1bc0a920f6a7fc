"""The benchmark runner of issues 7 and 16: ``python -m benchmarks`` (or ``make bench``).

Times each measure beside its baseline in the same run (samples of ours and of the baseline
alternate), prints a table and writes benchmarks/RESULTS.md. A figure is the median of its samples;
the ratio is ours / baseline (medians); the spread is (slowest - fastest) / median of each side's
samples. Groups (``--only``) can be run alone, so that re-measuring one row is cheap. The package is
compiled first (``compileall``): with PYTHONDONTWRITEBYTECODE set, every process started would
otherwise compile every module it imports again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks.generate import SEED, big_plan, make_plans, write_database
from benchmarks.storage import Samples, bench_open, bench_save, first_plan_id
from tracker.storage.store import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
SIZES = (40, 1_000, 10_000, 100_000)
RUNS = {40: 21, 1_000: 11, 10_000: 5, 100_000: 5}
SAVE_TARGET_SIZES = (40, 1_000, 10_000)
"""Issue 16's save target (≤ 1.3× the physical limit) is set at these sizes; 100,000 is shown too."""
STOCK_MAX_SIZE = 10_000
"""Stock TinyDB's save (issue 7's reference, no target) is measured up to this size only."""
KEY_SIZES = (40, 10_000)
PRESSES = 30
FILTERS = 3
START_RUNS = 7
PROCESS_RUNS = 5
"""Alternating runs of each whole-process measure (check, command start); at least 5 (issue 16)."""
UI_RUNS = 5
MEMORY_RUNS = 5
CHECK_SIZES = (5_000, 10_000)
WRITABLE_SIZE = 10_000
MARKDOWN_RUNS = 21
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

GROUPS = {
    "save": "save one edit vs the physical limit writing the same bytes (and stock TinyDB), per size",
    "open": "open + summary (table drawn), open + export Markdown, vs orjson.loads, per size",
    "memory": "peak memory of a whole process vs 4× the file + the bare interpreter, per size",
    "writable": f"writable open vs read-only open, {WRITABLE_SIZE:,} projects",
    "rollup": "tracker rollup of one file per office vs orjson.loads of the files",
    "command": "summary, export md, check: whole process vs python -c 'import rich.table, tinydb'",
    "markdown": "Markdown report of the default plan, in process (≤ 3 ms)",
    "check": "tracker check on one plan of 5,000 and 10,000 projects vs a process that only parses",
    "start": "app start to the first full screen, whole process, vs a bare app showing the same",
    "ui": "key press in the tree vs a bare Tree, opening a form, one typed character",
    "tree": "key press and filter in one plan of 10,000 vs 40 projects (issue 7)",
    "pdf": "PDF export, whole process, vs Markdown; PDF layout scaling",
}


@dataclass
class Fig:
    """One measure's figure: the median of its samples, their spread and their number."""

    median: float
    spread: float | None = None
    """(slowest - fastest) / median; None when the samples are not known."""
    n: int | None = None

    @classmethod
    def of(cls, samples: Samples) -> Fig:
        return cls(samples.median, samples.spread, len(samples.values))

    @classmethod
    def low_high(cls, d: dict[str, float], scale: float = 1.0, n: int | None = None) -> Fig:
        """From ``{median, low, high}`` or ``{median, min, max[, n]}`` (others' modules), times ``scale``."""
        low = d.get("low", d.get("min"))
        high = d.get("high", d.get("max"))
        median = float(d["median"]) * scale
        spread = (float(high) - float(low)) * scale / median if low is not None and high is not None and median \
            else None
        count = d.get("n", n)
        return cls(median, spread, int(count) if count is not None else None)


@dataclass
class Row:
    measure: str
    size: str
    ours: Fig | None
    baseline: Fig | None
    baseline_name: str
    target: float | None
    unit: str = "s"
    note: str = ""
    absolute: bool = False
    """The target is a figure in ``unit`` for ours (e.g. ≤ 3 ms), not a ratio to the baseline."""
    missing: str = ""
    """Why the row was not measured (a module not there yet, an error); empty when it was."""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.baseline is None:
            return None
        return self.ours.median / self.baseline.median if self.baseline.median else float("inf")

    @property
    def verdict(self) -> str:
        if self.missing:
            return "not measured"
        if self.target is None:
            return "—"
        if self.absolute:
            assert self.ours is not None
            return "met" if self.ours.median <= self.target else "NOT met"
        ratio = self.ratio
        return "—" if ratio is None else "met" if ratio <= self.target else "NOT met"

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return f"≤ {_fmt(self.target, self.unit)}" if self.absolute else f"≤ {self.target:g}×"


def not_measured(measure: str, size: str, baseline_name: str, target: float | None, reason: str,
                 unit: str = "s", absolute: bool = False) -> Row:
    return Row(measure, size, None, None, baseline_name, target, unit, absolute=absolute, missing=reason)


def _fmt(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value / 2**20:,.1f} MiB"
    if value >= 1:
        return f"{value:,.2f} s"
    if value >= 0.001:
        return f"{value * 1000:,.1f} ms"
    return f"{value * 1000:,.2f} ms"


def _spread(fig: Fig | None) -> str:
    return "—" if fig is None or fig.spread is None else f"{fig.spread:.0%}"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _reference_loop() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast the machine ran at that moment (a shared VM's
    speed moves by up to 2×; the ratios of one run hold, absolute figures do not)."""
    start = time.process_time()
    sum(i * i for i in range(10**7))
    return time.process_time() - start


WHY_MARK = "**Why the rest is not met, and what it would take**"


def _why_not_met() -> list[str]:
    """benchmarks/README.md's account of each target not met (what dominates, with the profile, and the
    design change it would take), for RESULTS.md; the README is its one source."""
    readme = Path(__file__).with_name("README.md").read_text(encoding="utf-8")
    if WHY_MARK not in readme:
        return []
    part = readme.split(WHY_MARK, 1)[1]
    part = part.split("\n**100,000 projects", 1)[0].split("\n## ", 1)[0]
    body = part.split("\n", 1)[1] if "\n" in part else ""
    return ["### What dominates each, and the design change it would take", "",
            "From benchmarks/README.md (profiled on this machine; its figures may come from another run):",
            "", body.strip(), ""]


def _machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        memory = f"{mem / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = "?"
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return [
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("Memory", memory),
        ("Load average at the end (1, 5, 15 min)", load),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("OS", platform.platform()),
        ("Date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
        ("Packages", ", ".join(f"{p} {version(p)}" for p in ("textual", "tinydb", "rich", "orjson"))),
    ]


def optional(module: str, *functions: str) -> tuple[Any, str]:
    """``benchmarks.<module>`` imported now (others write some of these modules), and why not if it
    cannot be: (module, "") or (None, reason)."""
    try:
        mod = importlib.import_module(f"benchmarks.{module}")
    except Exception as exc:  # absent, or broken while someone works on it
        return None, f"benchmarks/{module}.py not importable ({type(exc).__name__}: {exc})"
    lacking = [f for f in functions if not callable(getattr(mod, f, None))]
    if lacking:
        return None, f"benchmarks/{module}.py has no {', '.join(lacking)}"
    return mod, ""


def _failed(exc: BaseException) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
    return f"failed: {type(exc).__name__}: {str(exc)[:300]}{where}"


class Databases:
    """The generated databases of a run, built when first wanted and kept until ``drop``."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.paths: dict[tuple[str, int], Path] = {}
        self.notes: list[str] = []

    def many(self, size: int) -> Path:
        """Plans of 20-40 projects, ``size`` projects in all (an office's file up to a country's)."""
        key = ("many", size)
        if key not in self.paths:
            _say(f"[{size:,}] generating")
            began = time.perf_counter()
            db = write_database(self.work / f"db-{size}.json", make_plans(size, SEED))
            self.notes.append(f"{size:,} projects: {db.stat().st_size / 2**20:,.1f} MiB file, built in "
                              f"{time.perf_counter() - began:.2f} s")
            if db.stat().st_size > MAX_FILE_BYTES:
                self.notes.append(
                    f"{size:,} projects: the file ({db.stat().st_size / 2**20:,.0f} MiB) is over the store's "
                    f"MAX_FILE_BYTES ({MAX_FILE_BYTES / 2**20:.0f} MiB): `Store.open` refuses it as is; the "
                    "benchmark lifts the limit in its own process to measure the rest.")
            self.paths[key] = db
        return self.paths[key]

    def one_plan(self, size: int) -> Path:
        """One plan of ``size`` projects (the tree's and the checks' stress case)."""
        key = ("one", size)
        if key not in self.paths:
            _say(f"[one plan of {size:,}] generating")
            self.paths[key] = write_database(self.work / f"one-{size}.json", [big_plan(size, SEED)])
        return self.paths[key]

    def default(self) -> Path:
        """The embedded default plan alone: what ``tracker`` creates on its first start."""
        key = ("default", 0)
        if key not in self.paths:
            from tracker.importer.defaults import default_plan

            self.paths[key] = write_database(self.work / "default.json", [default_plan()])
        return self.paths[key]

    def drop(self, size: int) -> None:
        path = self.paths.pop(("many", size), None)
        if path is not None:
            path.unlink(missing_ok=True)


def _tag(db: Path, size: int) -> str:
    return f"{size:,}" + (" (limit lifted)" if db.stat().st_size > MAX_FILE_BYTES else "")


# --- the groups: each returns its rows (and notes); an error becomes a "not measured" row ------------


def group_save(dbs: Databases, sizes: tuple[int, ...]) -> list[Row]:
    rows: list[Row] = []
    open_save, why = optional("open_save", "measure_save")
    for size in sizes:
        db = dbs.many(size)
        label, runs = _tag(db, size), RUNS[size]
        target = 1.3 if size in SAVE_TARGET_SIZES else None
        _say(f"[{size:,}] save one edit ×{runs}")
        if open_save is not None:
            try:
                s = open_save.measure_save(db, runs)
                rows.append(Row("save one edit", label, Fig.low_high(s["ours"], n=runs),
                                Fig.low_high(s["physical"], n=runs),
                                "orjson (store's bytes) + write + fsync + replace", target,
                                note=f"same bytes checked ({s['bytes'] / 2**20:,.2f} MiB)"))
                rows.append(Row("save one edit", label, Fig.low_high(s["ours"], n=runs),
                                Fig.low_high(s["physical_folder_fsync"], n=runs),
                                "same + folder fsync (as the store)", None))
            except Exception as exc:
                rows.append(not_measured("save one edit", label, "physical limit", target, _failed(exc)))
            if size > STOCK_MAX_SIZE:  # ~20 s a save: issue 7's reference is known there (15-30×)
                continue
            kinds: tuple[str, ...] = ("physical", "stock")
        else:
            kinds = ("ours", "physical", "stock")
        try:
            save = bench_save(db, dbs.work, runs, kinds)
        except Exception as exc:
            rows.append(not_measured("save one edit (stock TinyDB)", label, "physical limit", None, _failed(exc)))
            continue
        if open_save is None:
            rows.append(Row("save one edit", label, Fig.of(save["ours"]), Fig.of(save["physical"]),
                            "orjson (store's bytes) + write + fsync + replace", target,
                            note=f"benchmarks/storage.py's baseline ({why})"))
        rows.append(Row("save one edit (stock TinyDB)", label, Fig.of(save["stock"]), Fig.of(save["physical"]),
                        "orjson (store's bytes) + write + fsync + replace", None,
                        note="issue 7's reference"))
    return rows


def group_open(dbs: Databases, sizes: tuple[int, ...]) -> list[Row]:
    rows: list[Row] = []
    for size in sizes:
        db = dbs.many(size)
        label, runs = _tag(db, size), RUNS[size]
        _say(f"[{size:,}] open + summary, export ×{runs}")
        opened = bench_open(db, runs)
        rows.append(Row("open + summary (table drawn)", label, Fig.of(opened["open_summary"]),
                        Fig.of(opened["orjson"]), "orjson.loads of the file", 2.0))
        rows.append(Row("open + export Markdown", label, Fig.of(opened["export_md"]), Fig.of(opened["orjson"]),
                        "orjson.loads of the file", 2.0,
                        note=f"render alone {_fmt(opened['render_md'].median, 's')}"))
    return rows


def group_memory(dbs: Databases, sizes: tuple[int, ...]) -> list[Row]:
    from benchmarks.targets import peak_memory

    rows: list[Row] = []
    for size in sizes:
        db = dbs.many(size)
        label = _tag(db, size)
        runs = 1 if size >= 100_000 else MEMORY_RUNS
        _say(f"[{size:,}] peak memory ×{runs}")
        file_size = db.stat().st_size
        mem = peak_memory(db, first_plan_id(db), runs, writable=size < 100_000)
        interp = mem["bare"].median
        allowed = Fig(4 * file_size + interp, mem["bare"].spread * interp / (4 * file_size + interp), runs)
        beyond = (mem["work"].median - interp) / file_size
        note = (f"(peak − interpreter) / file = {beyond:.2f}×; interpreter = `import rich.table, tinydb` "
                f"{_fmt(interp, 'B')} (plain python {_fmt(mem['python'].median, 'B')}); "
                f"orjson.loads process {_fmt(mem['orjson'].median, 'B')}")
        if mem["work_writable"].values:
            note += f"; with the app's writable open {_fmt(mem['work_writable'].median, 'B')}"
        rows.append(Row("peak memory, whole process (open, summary, export)", label, Fig.of(mem["work"]),
                        allowed, "4 × file + interpreter", 1.0, unit="B", note=note))
    return rows


def group_writable(dbs: Databases) -> list[Row]:
    measure, name = "writable open", "read-only open"
    open_save, why = optional("open_save", "measure_open")
    db = dbs.many(WRITABLE_SIZE)
    label = _tag(db, WRITABLE_SIZE)
    if open_save is None:
        return [not_measured(measure, label, name, 1.5, why)]
    runs = RUNS.get(WRITABLE_SIZE, 5)
    _say(f"[{WRITABLE_SIZE:,}] writable vs read-only open ×{runs}")
    o = open_save.measure_open(db, runs)
    return [Row(measure, label, Fig.low_high(o["writable"], n=runs), Fig.low_high(o["read_only"], n=runs),
                name + " (each with its close)", 1.5)]


def group_rollup(dbs: Databases, sizes: tuple[int, ...]) -> tuple[list[Row], list[str]]:
    from benchmarks import rollup as rollup_bench

    measured, notes = rollup_bench.run(sizes, dbs.work)
    rows = [Row(m.measure, m.size, Fig(m.ours), Fig(m.baseline), m.baseline_name, m.target, m.unit, m.note)
            for m in measured]
    return rows, notes


def group_command(dbs: Databases) -> list[Row]:
    bare = "`python -c \"import rich.table, tinydb\"`"
    command_start, why = optional("command_start", "measure")
    names = ("summary", "export --format md", "check")
    if command_start is None:
        return [not_measured(f"command start: {n}", "40 projects", bare, 2.0, why) for n in names]
    _say(f"[command start] summary, export md, check ×{PROCESS_RUNS} alternating")
    rows = []
    for r in command_start.measure(dbs.many(40), PROCESS_RUNS):
        rows.append(Row(f"command start: {r['command']}", "40 projects (largest plan)",
                        Fig(float(r["ours_median_s"]), float(r["ours_spread"]), PROCESS_RUNS),
                        Fig(float(r["bare_median_s"]), float(r["bare_spread"]), PROCESS_RUNS),
                        bare, 2.0, note="whole process, spawn to exit"))
    return rows


def group_markdown() -> list[Row]:
    from benchmarks.targets import markdown_first_render, markdown_render
    from tracker.importer.defaults import default_plan

    _say(f"[markdown] default plan ×{MARKDOWN_RUNS}, first render ×{PROCESS_RUNS} fresh processes")
    samples = markdown_render(MARKDOWN_RUNS)
    first = markdown_first_render(PROCESS_RUNS)
    return [Row("Markdown report rendered (in process)", f"default plan ({len(default_plan().projects)})",
                Fig.of(samples), None, "— (absolute target)", 0.003, absolute=True,
                note=f"export_report(plan, 'md') again and again in a process of its own, plan loaded and rendered once before the clock; the first render "
                f"in a fresh process (caches cold) {_fmt(first.median, 's')} (spread {first.spread:.0%}, "
                f"n={len(first.values)})")]


def group_check(dbs: Databases) -> list[Row]:
    from benchmarks.targets import check_vs_parse

    rows: list[Row] = []
    medians: dict[int, float] = {}
    for size in CHECK_SIZES:
        db = dbs.one_plan(size)
        _say(f"[check] one plan of {size:,} ×{PROCESS_RUNS} alternating")
        out = check_vs_parse(db, PROCESS_RUNS)
        medians[size] = out["ours"].median
        rows.append(Row("check, whole process", f"one plan of {size:,}", Fig.of(out["ours"]), Fig.of(out["parse"]),
                        "python -c orjson.loads(file)", 3.0,
                        note=f"file {db.stat().st_size / 2**20:,.1f} MiB"))
    if len(medians) == 2:
        small, large = CHECK_SIZES
        rows[-1].note += (f"; {large:,} / {small:,} = {medians[large] / medians[small]:.2f}× "
                          f"({large / small:.0f}× the projects; linear reads ≤ {large / small:.0f}×)")
    return rows


def group_start(dbs: Databases) -> tuple[list[Row], list[str]]:
    from benchmarks.app import bench_start
    from tracker.importer.defaults import default_plan

    _say(f"[start] tracker and bare app, whole process ×{START_RUNS} alternating")
    start = bench_start(dbs.default(), dbs.work, START_RUNS)
    size = f"default plan ({len(default_plan().projects)})"
    rows = [Row("app start to first full screen, whole process", size,
                Fig.of(start["ours"]), Fig.of(start["bare"]), "bare Textual app, same screen", 1.3,
                note="`python -m tracker --db COPY` vs benchmarks/bare_app.py, same probe, headless 120×40"),
            Row("app start to first full screen, whole process, in a terminal", size,
                Fig.of(start["ours_tty"]), Fig.of(start["bare_tty"]), "bare Textual app, same screen", 1.3,
                note="the same, drawn on a 120×40 pseudo-terminal (escape codes written and read)")]
    notes = ["App start: from spawning the process to the first frame holding the whole tree and every footer "
             "key (benchmarks/start_probe.py), both apps started the same way; the bare app shows the tracker's "
             "header line, tree (same nodes and labels), legend, detail lines and footer keys."]
    return rows, notes


def group_ui() -> list[Row]:
    ui, why = optional("ui_timings", "tree_key", "form_open", "typed_char")
    key = ("key press in the tree (CPU)", "default plan", "bare Textual Tree, same nodes", 2.0)
    form = ("open a project's form (CPU)", "default plan", "— (absolute target)", 0.100)
    typed = ("one typed character in a form (CPU)", "default plan", "— (absolute target)", 0.016)
    if ui is None:
        return [not_measured(*key, why), not_measured(*form, why, absolute=True),
                not_measured(*typed, why, absolute=True)]
    rows: list[Row] = []
    ms = 0.001
    for spec, call, absolute in ((key, ui.tree_key, False), (form, ui.form_open, True),
                                 (typed, ui.typed_char, True)):
        _say(f"[ui] {spec[0]} ×{UI_RUNS}")
        try:
            r = call(UI_RUNS)
            ours = Fig.low_high(r["ours"], scale=ms)
            base = Fig.low_high(r["bare"], scale=ms) if "bare" in r else None
            rows.append(Row(spec[0], spec[1], ours, base, spec[2], spec[3], absolute=absolute,
                            note="headless, Pilot; CPU time of the process"))
            if "ours_no_pilot" in r:  # the same keys as a terminal sends them: no Pilot wait per key
                quiet = Fig.low_high(r["ours_no_pilot"], scale=ms)
                quiet_base = Fig.low_high(r["bare_no_pilot"], scale=ms) if "bare_no_pilot" in r else None
                rows.append(Row(f"{spec[0][:-6]}, keys as a terminal sends them (CPU)", spec[1], quiet, quiet_base,
                                spec[2], spec[3], absolute=absolute,
                                note="headless; the key handed to the app as its terminal driver hands it, and"
                                " the frames drawn, without Pilot's wait for every widget to be idle (it visits"
                                " each widget twice a key, ~12 ms in a form; a terminal never pays it); CPU"
                                " time of the process"))
        except Exception as exc:
            rows.append(not_measured(*spec, _failed(exc), absolute=absolute))
    return rows


def group_tree(dbs: Databases) -> tuple[list[Row], list[str]]:
    from benchmarks.app import SIZE, bench_keys

    keys: dict[int, dict[str, Samples]] = {}
    for size in KEY_SIZES:
        _say(f"[tree] one plan of {size:,} projects: {PRESSES} × down, {FILTERS} × filter")
        db = dbs.one_plan(size)
        keys[size] = bench_keys(db, first_plan_id(db), PRESSES, FILTERS)
    small, large = keys[KEY_SIZES[0]], keys[KEY_SIZES[-1]]
    pair = f"{KEY_SIZES[-1]:,} vs {KEY_SIZES[0]:,}"
    rows = []
    for name, label, target in (("down", "key press down in the tree (CPU)", 2.0),
                                ("filter", "apply a filter (CPU)", None),
                                ("clear", "clear the filter (CPU)", None),
                                ("start", "app start, one big plan (CPU, in process)", None)):
        rows.append(Row(label, pair, Fig.of(large[name]), Fig.of(small[name]), f"same at {KEY_SIZES[0]:,}", target,
                        note=f"wall {_fmt(large[name + '_wall'].median, 's')} vs "
                        f"{_fmt(small[name + '_wall'].median, 's')}"))
    _say("[tree] a 10,000-project database, one office's plan: down")
    db10 = dbs.many(10_000)
    real = bench_keys(db10, first_plan_id(db10), PRESSES, FILTERS)
    rows.append(Row("key press down, plan in a 10,000-project db (CPU)", f"vs one plan of {KEY_SIZES[0]:,}",
                    Fig.of(real["down"]), Fig.of(small["down"]), f"one plan of {KEY_SIZES[0]:,}", 2.0,
                    note=f"wall {_fmt(real['down_wall'].median, 's')}"))
    notes = [f"Tree rows (issue 7): headless (`run_test(size={SIZE})`), driven by Textual's Pilot, in the "
             "runner's process; CPU time (process_time) is the basis of the ratios, wall time (which includes "
             "the Pilot's 20 ms idle polls) is beside it."]
    return rows, notes


def group_pdf() -> tuple[list[Row], list[str]]:
    from benchmarks import pdf as pdf_bench

    _say(f"[pdf] default plan, whole process ×{pdf_bench.RUNS} (PDF and Markdown alternating)")
    md, pdf = pdf_bench.whole_process()
    _say("[pdf] render 250 and 1,000 projects")
    small, large = pdf_bench.render_time(250), pdf_bench.render_time(1_000)
    rows = [
        Row("export PDF, whole process", "default plan (20)", Fig(pdf, None, pdf_bench.RUNS),
            Fig(md, None, pdf_bench.RUNS), "export Markdown, whole process", 1.5,
            note="fresh `python -c` each: imports, the plan, the report, the file"),
        Row("PDF layout (pdf_bytes)", "1,000 vs 4 × 250", Fig(large), Fig(4 * small), "four times 250 projects",
            1.1, note=f"250: {_fmt(small, 's')}"),
    ]
    return rows, ["PDF: the Markdown baseline and the PDF run from the same start, alternating; 1.00× on the "
                  "layout row would be exactly linear (fixed costs make it less)."]


def table(rows: list[Row]) -> str:
    head = ("| measure | size | ours (median) | baseline (median) | baseline | ratio | spread ours / baseline (n) "
            "| target | verdict | note |")
    lines = [head, "|---|---|---:|---:|---|---:|---:|---:|---|---|"]
    for r in rows:
        if r.missing:
            lines.append(f"| {r.measure} | {r.size} | — | — | {r.baseline_name} | — | — | {r.target_text} | "
                         f"not measured | {r.missing} |")
            continue
        assert r.ours is not None
        base = "—" if r.baseline is None else _fmt(r.baseline.median, r.unit)
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×" if r.ratio >= 0.01 else f"1/{1 / r.ratio:,.0f}"
        n = r.ours.n if r.ours.n is not None else r.baseline.n if r.baseline is not None else None
        spread = f"{_spread(r.ours)} / {_spread(r.baseline)}" + (f" ({n})" if n else "")
        lines.append(f"| {r.measure} | {r.size} | {_fmt(r.ours.median, r.unit)} | {base} | {r.baseline_name} | "
                     f"{ratio} | {spread} | {r.target_text} | {r.verdict} | {r.note} |")
    return "\n".join(lines)


def _groups(text: str) -> set[str]:
    chosen = {g.strip() for g in text.split(",") if g.strip()}
    unknown = chosen - set(GROUPS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown group(s) {', '.join(sorted(unknown))}; "
                                         f"known: {', '.join(GROUPS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0],
        epilog="groups: " + "; ".join(f"{k}: {v}" for k, v in GROUPS.items()),
    )
    parser.add_argument("--quick", action="store_true", help="skip 100,000 projects (a few minutes less)")
    parser.add_argument("--sizes", type=lambda s: tuple(int(x) for x in s.split(",")), default=None,
                        help="comma-separated project counts of the per-size groups "
                        "(default: 40,1000,10000,100000)")
    parser.add_argument("--only", type=_groups, default=None, metavar="GROUP,...",
                        help=f"run only these groups ({', '.join(GROUPS)})")
    parser.add_argument("--skip", type=_groups, default=set(), metavar="GROUP,...", help="run all groups but these")
    parser.add_argument("--no-app", action="store_true", help="skip the app's groups (start, ui, tree)")
    parser.add_argument("--no-rollup", action="store_true", help="skip the roll-up of one file per office")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF report's measures")
    parser.add_argument("--work", type=Path, default=None, help="folder for the databases (default: a temp folder)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    groups = set(args.only or GROUPS) - args.skip
    if args.no_app:
        groups -= {"start", "ui", "tree"}
    if args.no_rollup:
        groups.discard("rollup")
    if args.no_pdf:
        groups.discard("pdf")
    sizes = args.sizes or SIZES
    skipped = []
    if args.quick and 100_000 in sizes:
        sizes = tuple(s for s in sizes if s != 100_000)
        skipped.append("100,000 projects skipped (--quick)")
    for s in sizes:
        RUNS.setdefault(s, 5)
    _say("compiling tracker and benchmarks (compileall), as the package ships")
    subprocess.run([sys.executable, "-m", "compileall", "-q", "tracker", "benchmarks"], cwd=ROOT,
                   stdout=subprocess.DEVNULL, check=False)

    work = Path(tempfile.mkdtemp(prefix="tracker-bench-", dir=args.work))
    dbs = Databases(work)
    rows: list[Row] = []
    notes: list[str] = []
    loop_start = _reference_loop()
    began = time.perf_counter()

    def run(name: str, fn: Callable[[], Any]) -> None:
        """One group; an error becomes a row saying so, and the other groups still run."""
        if name not in groups:
            return
        try:
            got = fn()
        except Exception as exc:
            traceback.print_exc()
            rows.append(not_measured(f"[{name}] {GROUPS[name]}", "—", "—", None, _failed(exc)))
            return
        got_rows, got_notes = got if isinstance(got, tuple) else (got, [])
        rows.extend(got_rows)
        notes.extend(got_notes)

    try:
        # Per size, the store's groups, so that the largest database is built once and dropped after.
        for size in sizes:
            run("save", lambda size=size: group_save(dbs, (size,)))
            run("open", lambda size=size: group_open(dbs, (size,)))
            run("memory", lambda size=size: group_memory(dbs, (size,)))
            if size == WRITABLE_SIZE:
                run("writable", lambda: group_writable(dbs))
            if size >= 100_000:
                dbs.drop(size)
        if WRITABLE_SIZE not in sizes:
            run("writable", lambda: group_writable(dbs))
        run("rollup", lambda: group_rollup(dbs, sizes))
        run("command", lambda: group_command(dbs))
        run("markdown", group_markdown)
        run("check", lambda: group_check(dbs))
        run("start", lambda: group_start(dbs))
        run("ui", group_ui)
        run("tree", lambda: group_tree(dbs))
        run("pdf", group_pdf)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - began
    notes = [*skipped, *dbs.notes, *notes]

    text = table(rows)
    print(text)
    loop_end = _reference_loop()
    machine = "\n".join(f"- {k}: {v}" for k, v in _machine()) + (
        f"\n- Reference loop (`sum(i*i for i in range(10**7))`, CPU): {loop_start:.2f} s at the start, "
        f"{loop_end:.2f} s at the end (about 1.0 s when this VM runs at its usual speed)")
    failed = [f"- {r.measure}, {r.size}: "
              + (f"{_fmt(r.ours.median, r.unit)} (target {r.target_text})" if r.absolute and r.ours
                 else f"{r.ratio:.2f}× (target {r.target_text})")
              for r in rows if r.verdict == "NOT met"]
    missing = [f"- {r.measure}, {r.size}: {r.missing}" for r in rows if r.missing]
    command = " ".join(["python -m benchmarks", *(sys.argv[1:] if argv is None else argv)])
    doc = [
        "# Benchmark results (issues 7 and 16)",
        "",
        f"Written by `{command}` in {took:.0f} s; groups: {', '.join(g for g in GROUPS if g in groups)}. "
        f"Databases in a temporary folder on the machine's disk ({work.parent}).",
        "",
        "## Machine",
        "",
        machine,
        "",
        "## Results",
        "",
        "Ratio = ours / baseline, both medians of the same run; samples of ours and of the baseline alternate. "
        "Spread = (slowest − fastest) / median of each side's samples; n = samples per side. Runs per size: "
        + ", ".join(f"{s:,}: {RUNS[s]}" for s in sizes) + f"; whole processes: {PROCESS_RUNS} (app start "
        f"{START_RUNS}); memory {MEMORY_RUNS} (100,000: 1). What each row measures, against what: "
        "benchmarks/README.md.",
        "",
        text,
        "",
        "## Targets not met",
        "",
        "\n".join(failed) or "None.",
        "",
        *(_why_not_met() if failed else []),
        "## Not measured",
        "",
        "\n".join(missing) or "None.",
        "",
        "## Notes",
        "",
        "\n".join(f"- {n}" for n in notes),
        "",
    ]
    args.out.write_text("\n".join(doc), encoding="utf-8")
    _say(f"wrote {args.out} ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
