"""Domain, storage, import and report code never load textual: the terminal UI is a layer on top."""

from __future__ import annotations

import subprocess
import sys


def test_core_layers_do_not_load_textual() -> None:
    code = (
        "import sys\n"
        "import tracker.domain.model, tracker.domain.figures, tracker.domain.thai\n"
        "import tracker.storage.store, tracker.importer.report_text, tracker.importer.defaults\n"
        "import tracker.reports.summary, tracker.reports.export, tracker.importer.reader, tracker.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
