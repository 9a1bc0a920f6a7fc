"""The child of the crash soak test: saves one plan over and over until it is killed.

Usage: ``python _saver.py DB PLAN_ID``. Prints ``ready N`` once the store is open (N: the counter
found in the file), then after every save that has returned, the counter it saved: a printed
counter is an acknowledged save, which must survive the kill.

``python _saver.py --serve`` starts a server that has imported the store once and, for each line
``DB PLAN_ID`` it reads, forks a saver as above: the saver prints ``pid P`` first, and once it has
died the server prints ``exit S`` (S: the signal that ended it, or its exit status as a negative
number). Starting a saver this way takes a millisecond instead of a new interpreter's import of the
store, most of each kill's time; what is killed is still a whole process saving to the file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tracker.storage.store import Store


def counter_text(counter: int) -> str:
    """The background text for ``counter``; its length varies so that the file size changes too."""
    return f"{counter}|" + "ก" * (counter % 37)


def counter_of(text: str) -> int:
    """The counter a background text holds."""
    return int(text.split("|", 1)[0])


def say(line: str) -> None:
    """Write ``line`` to stdout in one system call: a kill lands before the line or after it, never
    inside. (``print`` writes the text and its line break separately when Python's output is
    unbuffered, PYTHONUNBUFFERED=1: a kill between them ran a counter into the server's "exit" line.)"""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def save_until_killed(path: Path, plan_id: str) -> None:
    """Open the store, then save edit after edit, acknowledging each one on stdout."""
    store = Store.open(path)
    plan = store.load_plan(plan_id)
    counter = counter_of(plan.narrative["background"])
    say(f"ready {counter}")
    while True:
        counter += 1
        plan.narrative["background"] = counter_text(counter)
        plan.projects[0].name = f"โครงการที่ {counter}"
        store.save_plan(plan)
        say(str(counter))


def serve() -> None:
    """Fork a saver for each ``DB PLAN_ID`` line on stdin; report its pid, then how it ended."""
    for line in sys.stdin:
        db, plan_id = line.rstrip("\n").rsplit(" ", 1)
        pid = os.fork()
        if pid == 0:  # the saver
            try:
                say(f"pid {os.getpid()}")
                save_until_killed(Path(db), plan_id)
            finally:
                os._exit(1)  # never back into the server's loop
        _, status = os.waitpid(pid, 0)
        ended = os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status)
        say(f"exit {ended}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        save_until_killed(Path(sys.argv[1]), sys.argv[2])
