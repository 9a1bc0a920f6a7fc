"""App start, whole process, like for like (issue 16): one probe for the tracker and for a bare app.

    python -m benchmarks.start_probe spec DB SPEC          # what the tracker shows at start -> SPEC (untimed)
    python -m benchmarks.start_probe tracker DB LINES KEYS # `python -m tracker --db DB`, headless
    python -m benchmarks.start_probe bare SPEC             # benchmarks.bare_app on SPEC, headless

Each timed mode is one fresh process started the same way; imports, the store's open (the tracker's
``--db``, in app mode: the writer lock) or the spec file's read (the bare app's only data) all happen
inside the clock. The probe makes ``App.run`` headless at 120×40 and watches every frame the app
hands to its driver (``App._display``); at the first frame after which the tree holds all its lines
(LINES; the spec's ``lines``) and the footer all its keys (KEYS; the spec's ``keys``) laid out, it writes
``START_PROBE <time.monotonic()>`` on file descriptor 1 and asks the app to exit. The runner reads
``time.monotonic()`` just before it spawns the process (CLOCK_MONOTONIC is one clock for every
process of the machine), so the figure runs from spawn to that frame.

``spec`` runs the tracker on DB (in this process, untimed) and records what its first screen shows:
the header line, the tree's nodes with their labels (Rich markup, as the tracker styles them), the
legend, the detail panel's lines and the footer's keys. The bare app shows exactly those, in the
same places, with stock widgets. ``--verify`` (timed modes) also checks that the screen at the
stamped frame is the screen the app settles on (prints ``START_PROBE_SETTLED same|changed N``).

The tracker's part is ``tracker.cli.main(["--db", DB])``, as ``python -m tracker --db DB`` runs it.
"""

from __future__ import annotations

import os
import sys
import time

SIZE = (120, 40)
STAMP = "START_PROBE"


def _screen_text(app: object) -> list[str]:
    """The lines the compositor would write for the whole screen now (plain text, cells cut exactly)."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return [strip.text for strip in strips]


def install(lines: int, keys: int, verify: bool = False) -> None:
    """Patch textual so that the next ``App.run`` is headless and stamps its first full screen.

    With ``START_PROBE_TERMINAL`` set in the environment, ``App.run`` is left as it is (the app draws
    on its terminal: the runner's pseudo-terminal) and the stamp goes to the file descriptor
    ``START_PROBE_FD`` names.
    """
    from textual.app import App
    from textual.widgets import Tree
    from textual.widgets._footer import FooterKey

    run = App.run
    display = App._display
    state: dict[str, object] = {"done": False, "tree": None}

    terminal = bool(os.environ.get("START_PROBE_TERMINAL"))
    out_fd = int(os.environ.get("START_PROBE_FD", "1"))

    def headless_run(self: App[object], **_: object) -> object:
        return run(self, headless=True, size=SIZE)

    def full(app: App[object]) -> bool:
        screen = app.screen
        tree = state["tree"]
        if tree is None or tree.screen is not screen:  # type: ignore[attr-defined]
            found = screen.query(Tree)
            if not found:
                return False
            tree = state["tree"] = found.first()
        # Textual's list of the tree's lines, built when the tree is drawn (None until then); a textual
        # without it: the lines as they would be built now.
        cached = (tree._tree_lines_cached if hasattr(tree, "_tree_lines_cached")  # type: ignore[attr-defined]
                  else tree._tree_lines)  # type: ignore[attr-defined]
        if cached is None or len(cached) < lines or not tree.region.height:  # type: ignore[attr-defined]
            return False
        shown = [k for k in screen.query(FooterKey) if k.region.width]
        return len(shown) >= keys

    def watched_display(self: App[object], screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if state["done"] or renderable is None or self._batch_count:
            return
        if full(self):
            stamp = time.monotonic()
            state["done"] = True
            os.write(out_fd, f"{STAMP} {stamp!r}\n".encode())
            if verify:
                first = _screen_text(self)

                def compare() -> None:
                    later = _screen_text(self)
                    changed = sum(a != b for a, b in zip(first, later, strict=True))
                    word = "same" if not changed else "changed"
                    os.write(out_fd, f"{STAMP}_SETTLED {word} {changed}\n".encode())
                    self.exit()

                self.set_timer(1.0, compare)
            else:
                self.exit()

    if not terminal:
        App.run = headless_run  # type: ignore[method-assign,assignment]
    App._display = watched_display  # type: ignore[method-assign]


def _read_spec(path: str) -> dict[str, object]:
    import json

    with open(path, "rb") as f:
        return json.loads(f.read())  # type: ignore[no-any-return]


def write_spec(db: str, out: str) -> dict[str, object]:
    """Run the tracker on ``db`` headless (untimed) and record what its first screen shows."""
    import asyncio
    import json
    from pathlib import Path

    from textual.widgets import Footer, Static, Tree
    from textual.widgets._footer import FooterKey

    from tracker.cli.shared import console as make_console
    from tracker.cli.shared import open_store
    from tracker.ui.app import TrackerApp

    def node_spec(node: object) -> list[object]:
        return [node.label.markup, node.is_expanded,  # type: ignore[attr-defined]
                [node_spec(c) for c in node.children]]  # type: ignore[attr-defined]

    spec: dict[str, object] = {}

    async def run() -> None:
        store = open_store(Path(db), make_console(stderr=True), "app", None)
        try:
            app = TrackerApp(store, None)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await pilot.pause(0.5)
                screen = app.screen
                tree = screen.query_one(Tree)
                text = _screen_text(app)

                def region_lines(widget: object) -> list[str]:
                    r = widget.region  # type: ignore[attr-defined]
                    strips = screen._compositor.render_strips()
                    return [strips[y].crop(r.x, r.right).text.rstrip() for y in range(r.y, r.bottom)]

                header = screen.query_one("#header")
                legend = screen.query_one("#legend", Static)
                detail = screen.query_one("#detail-body", Static)
                spec.update(
                    tree=node_spec(tree.root),
                    lines=len(tree._tree_lines),
                    header="\n".join(region_lines(header)),
                    legend="\n".join(region_lines(legend)),
                    detail="\n".join(region_lines(detail)),
                    footer=[[k.key, k.key_display, k.description] for k in screen.query(FooterKey)],
                    keys=len(screen.query(FooterKey)),
                    footer_height=screen.query_one(Footer).region.height,
                    screen=text,
                )
        finally:
            store.close()

    asyncio.run(run())
    Path(out).write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
    return spec


def main(argv: list[str]) -> int:
    verify = "--verify" in argv
    args = [a for a in argv if a != "--verify"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    mode = args[0]
    if mode == "spec" and len(args) == 3:
        spec = write_spec(args[1], args[2])
        print(f"{args[2]}: {spec['lines']} tree lines, {spec['keys']} footer keys")
        return 0
    if mode == "tracker" and len(args) == 4:
        install(int(args[2]), int(args[3]), verify)
        from tracker.cli import main as tracker_main

        return tracker_main(["--db", args[1]])
    if mode == "bare" and len(args) == 2:
        spec = _read_spec(args[1])  # the bare app's data, as the tracker's is its database
        install(int(spec["lines"]), int(spec["keys"]), verify)  # type: ignore[call-overload]
        from benchmarks.bare_app import run_bare

        run_bare(spec)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
