"""The child of the two-writer tests: one program editing one project, opening the database each time.

Usage: ``python _writer.py DB PLAN_ID NUMBER TAG COUNT WAIT [hold]``. Prints ``ready`` once imported
and waits for a line on stdin (so that two children can start at one moment). Then COUNT times:
open the database for writing (waiting up to WAIT seconds for the lock), load the plan, append
`` <TAG><i>`` to the remarks of project NUMBER, save, close, and print ``saved <i> <time>`` (the
monotonic clock in nanoseconds, one clock for all processes): a printed line is an acknowledged save. With ``hold``, after the first open it prints ``holding`` and waits for
another line on stdin before saving. When the lock stays taken it prints ``locked <message>`` and
exits with status 3.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from tracker.storage.store import Store, StoreLocked

LOCKED_EXIT = 3


def main() -> None:
    """Edit, save and close COUNT times, acknowledging each save on stdout."""
    path, plan_id, number, tag = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    count, wait = int(sys.argv[5]), float(sys.argv[6])
    hold = sys.argv[7:] == ["hold"]
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(1, count + 1):
        try:
            store = Store.open(path, program=f"writer {tag}", wait=wait)
        except StoreLocked as exc:
            print(f"locked {exc}", flush=True)
            sys.exit(LOCKED_EXIT)
        with store:
            if hold and i == 1:
                print("holding", flush=True)
                sys.stdin.readline()
            plan = store.load_plan(plan_id)
            project = plan.project(number)
            assert project is not None
            project.remarks += f" {tag}{i}"
            store.save_plan(plan)
        print(f"saved {i} {time.monotonic_ns()}", flush=True)
        # A person does something else between saves: long enough (the lock is tried every 0.05 s)
        # for the other writer to get its turn.
        time.sleep(random.uniform(0.01, 0.03))


if __name__ == "__main__":
    main()
