"""The terminal app: one plan, read-only, as a tree of dimensions and projects beside their details."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static, Tree

from tracker.domain.figures import Figures, compute
from tracker.domain.model import Plan, Round
from tracker.domain.text import safe_line
from tracker.storage.store import Store
from tracker.ui.display import (
    NodeKind,
    NodeRef,
    Section,
    dimension_sections,
    header_parts,
    plan_sections,
    project_sections,
    status_legend,
)
from tracker.ui.widgets import DetailPanel, PlanHeader, PlanTree


class TrackerApp(App[None]):
    """Browse a plan: the tree on the left, the highlighted node's details on the right."""

    TITLE = "แผนปฏิบัติการป้องกันการทุจริต"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "ออก"),
    ]

    # Narrow (80 columns): the details get the room, the tree cuts long names with "…".
    # Wide: half each, so that dimension and project names read whole, and a legend of the marks.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (App declares it a plain attribute)

    CSS = """
    #body {
        height: 1fr;
    }
    #left {
        width: 2fr;
        min-width: 30;
    }
    Screen.-wide #left {
        width: 1fr;
    }
    #tree {
        height: 1fr;
    }
    #legend {
        display: none;
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    Screen.-wide #legend {
        display: block;
    }
    #detail {
        width: 3fr;
        padding: 0 1;
        border-left: vkey $primary-background;
    }
    Screen.-wide #detail {
        width: 1fr;
    }
    #detail:focus {
        border-left: vkey $primary;
    }
    #empty {
        height: 1fr;
        content-align: center middle;
    }
    """

    def __init__(self, store: Store, plan_id: str | None = None, round_: Round | None = None) -> None:
        """Show ``plan_id`` (the store's first plan when None) in ``round_`` (the plan's own by default).

        Raises the store's ``StoreError`` when ``plan_id`` is not in the store.
        """
        super().__init__()
        self.store = store
        self.plan: Plan | None = self._load(store, plan_id)
        self.round: Round = round_ if round_ is not None else (self.plan.round if self.plan else Round.TWELVE)
        self.figures: Figures | None = compute(self.plan, self.round) if self.plan else None
        if self.plan is not None:
            self.title = safe_line(self.plan.title)

    @staticmethod
    def _load(store: Store, plan_id: str | None) -> Plan | None:
        if plan_id is None:
            plans = store.list_plans()
            if not plans:
                return None
            plan_id = plans[0].plan_id
        return store.load_plan(plan_id)

    def compose(self) -> ComposeResult:
        if self.plan is None or self.figures is None:
            yield Static(
                f"ไม่มีแผนใน {safe_line(str(self.store.path))} (the store holds no plan)",
                id="empty",
                markup=False,
            )
        else:
            yield PlanHeader(header_parts(self.plan, self.figures), id="header")
            with Horizontal(id="body"):
                with Vertical(id="left"):
                    yield PlanTree(id="tree")
                    yield Static(status_legend(), id="legend")
                yield DetailPanel(self.sections_for(NodeRef(NodeKind.PLAN)), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.store.created:
            self.notify(
                f"สร้างฐานข้อมูลใหม่จากแผนตั้งต้นที่ {safe_line(str(self.store.path))}"
                " (created a new database from the default plan)",
                title="ฐานข้อมูลใหม่",
                timeout=8,
                markup=False,
            )
        if self.plan is None or self.figures is None:
            return
        tree = self.query_one(PlanTree)
        tree.populate(self.plan, self.figures, self.round)
        tree.move_cursor(tree.root)
        tree.focus()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        if event.node.data is not None:
            self.show_node(event.node.data)

    def sections_for(self, ref: NodeRef) -> list[Section]:
        """What the detail panel shows for a node."""
        assert self.plan is not None and self.figures is not None
        if ref.kind is NodeKind.DIMENSION:
            return dimension_sections(self.plan, self.figures, ref.number)
        if ref.kind is NodeKind.PROJECT and 0 <= ref.index < len(self.plan.projects):
            return project_sections(self.plan, self.plan.projects[ref.index], self.round)
        return plan_sections(self.plan, self.figures)

    def show_node(self, ref: NodeRef) -> None:
        self.query_one(DetailPanel).show(self.sections_for(ref))
