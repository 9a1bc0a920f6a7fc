"""Reports: the summary and the exports, rendered with rich (no textual here).

Importing this package makes rich break Thai lines where words end (:mod:`tracker.reports.thai_wrap`),
for every report, the command line and the app alike.
"""

from tracker.reports.thai_wrap import install as _install_thai_wrap

_install_thai_wrap()
