"""Peak memory of a whole process (issue 16), one fresh process per figure, run by the runner.

    python -m benchmarks.memory work DB PLAN_ID [--writable]   # open + summary drawn + export Markdown
    python -m benchmarks.memory bare                           # import rich.table, tinydb; nothing else
    python -m benchmarks.memory python                         # nothing at all (the interpreter alone)
    python -m benchmarks.memory orjson DB                      # orjson.loads of the file, for comparison

Each prints one line: the process's peak resident set size in bytes since it started (``VmHWM`` of
/proc/self/status: the peak of this program's own memory map; where there is no /proc, ``ru_maxrss``).
Not ``ru_maxrss`` on Linux, whose figure for a child started with fork/vfork + exec can carry the
parent's peak from before the exec (the kernel keeps the larger of the two), here the runner's
hundreds of MiB. ``work`` does what ``tracker summary`` and then ``tracker export --format md``
do after parsing their arguments: a read-only open (``--writable``: the app's open, with the writer
lock), load the plan, draw the summary table to a console (discarded) and render the Markdown report.
The module imports only what each mode needs: argparse and json are not loaded.
"""

from __future__ import annotations

import sys


def peak_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB, macOS bytes


def work(db: str, plan_id: str, writable: bool) -> None:
    import io
    from pathlib import Path

    from rich.console import Console

    import tracker.storage.schema as schema
    from tracker.reports.export import export_report
    from tracker.reports.summary import summary_renderable
    from tracker.storage.store import Store

    path = Path(db)
    size = path.stat().st_size
    if size > schema.MAX_FILE_BYTES:  # 100,000 projects: the store refuses the file as is
        schema.MAX_FILE_BYTES = size * 2
    with Store.open(path, read_only=not writable) as store:
        plan = store.load_plan(plan_id)
    out = Console(file=io.StringIO(), width=80, markup=False, emoji=False, highlight=False)
    out.print(summary_renderable(plan, None, None, out.width))
    export_report(plan, "md")


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else ""
    if mode == "work" and len(argv) >= 3:
        work(argv[1], argv[2], "--writable" in argv[3:])
    elif mode == "bare":
        import rich.table  # noqa: F401
        import tinydb  # noqa: F401
    elif mode == "orjson" and len(argv) == 2:
        import orjson

        with open(argv[1], "rb") as f:
            orjson.loads(f.read())
    elif mode != "python":
        print(__doc__, file=sys.stderr)
        return 2
    print(peak_bytes())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
