"""Noticing that the terminal has gone: its window closed, the ssh or remote-desktop session dropped.

Textual keeps running when that happens (its input thread reads end-of-file over and over), so an app
left behind would spin, keep the database's writer lock (every later start opens read-only) and never
save the last edit. The app asks :func:`hung_up` every few seconds, and also ends on SIGHUP where the
system sends one.
"""

from __future__ import annotations

import errno
import sys

GONE = (errno.EIO, errno.ENXIO, errno.EBADF, errno.ENODEV)


def hung_up() -> bool:
    """Whether the terminal the app reads its keys from has hung up (False where that cannot be told)."""
    if sys.platform == "win32":  # no termios; a closed console window ends the process itself
        return False
    import termios

    stream = sys.__stdin__
    if stream is None:
        return False
    try:
        termios.tcgetattr(stream.fileno())
    except termios.error as exc:
        return bool(exc.args) and exc.args[0] in GONE
    except (OSError, ValueError):  # stdin closed or not a real file
        return False
    return False
