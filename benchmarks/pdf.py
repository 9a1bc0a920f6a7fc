"""PDF export timings: the default plan's PDF beside its Markdown, each a whole process, and scaling.

Each sample is a fresh ``python -c`` process from the same start (imports, the default plan, the
report, the file written), so the PDF path's own imports (``pdf_report``, our ``pdf_writer``,
uharfbuzz) count as a user waiting for ``tracker export --format pdf`` would feel them; their share is
printed too (a process importing the export code and the PDF modules, less one importing the export
code alone). Then one plan of 250 and of 1,000 projects rendered in this process (``pdf_bytes``
alone): the ratio shows whether the layout stays linear (4.0 would be linear; less means fixed costs
still weigh).

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


_BASE_IMPORTS = "import tracker.reports.export"
_PDF_IMPORTS = "import tracker.reports.export, tracker.reports.pdf_report"


def import_share(runs: int = RUNS) -> float:
    """Median seconds the PDF path's own imports add to a process that already has the export code."""
    _process(_BASE_IMPORTS), _process(_PDF_IMPORTS)  # warm the file cache
    base, pdf = [], []
    for _ in range(runs):
        base.append(_process(_BASE_IMPORTS))
        pdf.append(_process(_PDF_IMPORTS))
    return statistics.median(pdf) - statistics.median(base)


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
    share = import_share()
    print(f"  of which the PDF path's own imports: {share:.3f} s (pdf_report, pdf_writer, uharfbuzz: a process "
          "importing them with the export code, less one importing the export code alone)")
    small, large = render_time(250), render_time(1_000)
    print(f"render 250 projects {small:.2f} s, 1,000 projects {large:.2f} s: ratio {large / small:.2f}× "
          "(4.0 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
