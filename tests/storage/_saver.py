"""The child of the crash soak test: saves one plan over and over until it is killed.

Usage: ``python _saver.py DB PLAN_ID``. Prints ``ready N`` once the store is open (N: the counter
found in the file), then after every save that has returned, the counter it saved: a printed
counter is an acknowledged save, which must survive the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.storage.store import Store


def counter_text(counter: int) -> str:
    """The background text for ``counter``; its length varies so that the file size changes too."""
    return f"{counter}|" + "ก" * (counter % 37)


def counter_of(text: str) -> int:
    """The counter a background text holds."""
    return int(text.split("|", 1)[0])


def main() -> None:
    """Open the store, then save edit after edit, acknowledging each one on stdout."""
    path, plan_id = Path(sys.argv[1]), sys.argv[2]
    store = Store.open(path)
    plan = store.load_plan(plan_id)
    counter = counter_of(plan.narrative["background"])
    print(f"ready {counter}", flush=True)
    while True:
        counter += 1
        plan.narrative["background"] = counter_text(counter)
        plan.projects[0].name = f"โครงการที่ {counter}"
        store.save_plan(plan)
        print(counter, flush=True)


if __name__ == "__main__":
    main()
