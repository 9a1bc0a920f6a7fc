"""The bare app of the app-start benchmark: the tracker's first screen, with stock Textual widgets only.

It shows what ``benchmarks.start_probe spec`` recorded of the tracker's first screen, in the same
places: the header line; on the left the tree (the same nodes, labels in the same Rich markup, the
same branches expanded) above the legend; on the right the detail panel's lines; the footer with the
same keys (they do nothing). Nothing else: no store, no rules, no figures, no forms, no CSS beyond the
layout. It imports textual and nothing of the tracker's, and reads its data (the spec, a few KiB of
JSON) inside the clock, as the tracker reads its database.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

CSS = """
#body { height: 1fr; }
#left, #right { width: 1fr; }
#tree { height: 1fr; overflow-x: hidden; }
#legend { height: auto; }
#right { border-left: vkey $primary-background; padding: 0 1; }
"""


def bare_app_class(spec: dict[str, Any]) -> type[App[None]]:
    """An App class whose footer shows the keys of ``spec`` (bindings are read when a class is made)."""

    class BareApp(App[None]):
        CSS: ClassVar[str] = globals()["CSS"]
        BINDINGS: ClassVar[list[BindingType]] = [
            # One action each (the footer shows one key per action); priority, so that the tree's own
            # ``enter`` does not hide the tracker's ``⏎`` key.
            Binding(key, f"nothing({i})", description, key_display=display, priority=True)
            for i, (key, display, description) in enumerate(spec["footer"])
        ]

        def action_nothing(self, number: int) -> None:
            """What every key of the bare app does."""

        def compose(self) -> ComposeResult:
            yield Static(spec["header"], id="header", markup=False)
            with Horizontal(id="body"):
                with Vertical(id="left"):
                    yield Tree(spec["tree"][0], id="tree")
                    yield Static(spec["legend"], id="legend", markup=False)
                with Vertical(id="right"):
                    yield Static(spec["detail"], id="detail", markup=False)
            yield Footer(show_command_palette=False)

        def on_mount(self) -> None:
            tree: Tree[None] = self.query_one(Tree)

            def add(node: TreeNode[None], children: list[Any]) -> None:
                for label, expanded, grand in children:
                    if grand:
                        add(node.add(label, expand=expanded), grand)
                    else:
                        node.add_leaf(label)

            add(tree.root, spec["tree"][2])
            if spec["tree"][1]:
                tree.root.expand()
            tree.focus()

    return BareApp


def run_bare(spec: dict[str, Any]) -> None:
    bare_app_class(spec)().run()
