"""PDF export timings: the default plan's PDF beside its Markdown, each a whole process, and scaling.

Each sample is a fresh ``python -c`` process from the same start (imports, the default plan, the
report, the file written), so fpdf2's import (~0.3 s on the reference machine: fontTools, Pillow,
uharfbuzz) counts as a user waiting for ``tracker export --format pdf`` would feel it. Then one
plan of 250 and of 1,000 projects rendered in this process (``pdf_bytes`` alone): the ratio shows
whether the layout stays linear (4.0 would be linear; less means fixed costs still weigh).

    python -m benchmarks.pdf            # prints the rows
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import SEED, big_plan
from tracker.domain.model import Round
from tracker.reports.document import report_document
from tracker.reports.pdf_report import pdf_bytes

RUNS = 7
ROOT = Path(__file__).resolve().parents[1]
_MD = (
    "from tracker.importer.defaults import default_plan\n"
    "from tracker.reports.export import ExportFormat, export_report\n"
    "from tracker.domain.model import Round\n"
    "open({out!r}, 'w', encoding='utf-8').write(export_report(default_plan(), ExportFormat.MARKDOWN, Round.TWELVE))\n"
)
_PDF = (
    "from tracker.importer.defaults import default_plan\n"
    "from tracker.reports.document import report_document\n"
    "from tracker.reports.pdf_report import pdf_bytes\n"
    "from tracker.domain.model import Round\n"
    "open({out!r}, 'wb').write(pdf_bytes(report_document(default_plan(), Round.TWELVE)))\n"
)


def _process(script: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    return time.perf_counter() - began


def whole_process(runs: int = RUNS) -> tuple[float, float]:
    """Median seconds of the Markdown and the PDF export of the default plan, each a fresh process."""
    with tempfile.TemporaryDirectory(prefix="tracker-pdf-bench-") as folder:
        md = _MD.format(out=str(Path(folder) / "r.md"))
        pdf = _PDF.format(out=str(Path(folder) / "r.pdf"))
        _process(md), _process(pdf)  # warm the file cache and the .pyc files
        md_times, pdf_times = [], []
        for _ in range(runs):  # alternate, so a noisy moment hits both
            md_times.append(_process(md))
            pdf_times.append(_process(pdf))
    return statistics.median(md_times), statistics.median(pdf_times)


def render_time(size: int, runs: int = 3) -> float:
    """Median seconds of ``pdf_bytes`` for one plan of ``size`` projects (the document built beforehand)."""
    doc = report_document(big_plan(size, SEED), Round.TWELVE)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        pdf_bytes(doc)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    md, pdf = whole_process()
    print(f"default plan, whole process: PDF {pdf:.3f} s, Markdown {md:.3f} s, ratio {pdf / md:.2f}× (target ≤ 1.5×)")
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import fpdf"], check=True, cwd=ROOT)
    bare = time.perf_counter() - began
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True, cwd=ROOT)
    empty = time.perf_counter() - began
    print(f"  of which `import fpdf` alone: {bare - empty:.3f} s (a process that only imports fpdf2, less an empty one)")
    small, large = render_time(250), render_time(1_000)
    print(f"render 250 projects {small:.2f} s, 1,000 projects {large:.2f} s: ratio {large / small:.2f}× "
          "(4.0 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
