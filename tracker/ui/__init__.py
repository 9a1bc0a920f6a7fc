"""The terminal user interface (textual): screens, widgets and the helpers that word what they show.

Importing this package makes rich and textual break Thai lines where words end
(:mod:`tracker.ui.thai_wrap`).
"""

from tracker.ui.thai_wrap import install as _install_thai_wrap

_install_thai_wrap()
