"""The widgets of the plan screen: the header line, the plan tree and the detail panel."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from tracker.domain.figures import Figures
from tracker.domain.model import Plan, Round
from tracker.ui.display import (
    UNKNOWN_DIMENSION,
    NodeKind,
    NodeRef,
    Section,
    dimension_label,
    fields_table,
    fit,
    number_width,
    pack_lines,
    plan_label,
    project_label,
)

MOVE = Binding.Group("เลื่อน", compact=True)


class PlanHeader(Widget):
    """One line (two or more on a narrow screen) naming the plan, the round and its score."""

    DEFAULT_CSS = """
    PlanHeader {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    """

    def __init__(self, parts: list[Text], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts = parts

    def _lines(self, width: int) -> list[Text]:
        return pack_lines(self._parts, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> RenderableType:
        return Text("\n").join(self._lines(self.content_size.width))


class PlanTree(Tree[NodeRef]):
    """The plan, its four dimensions and their projects; long labels end in "…" instead of scrolling."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "ขึ้น", key_display="↑k", group=MOVE),
        Binding("down,j", "cursor_down", "ลง", key_display="↓j", group=MOVE),
        Binding("enter", "select_cursor", "ขยาย/ยุบ"),
    ]

    DEFAULT_CSS = """
    PlanTree {
        overflow-x: hidden;
    }
    """

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        return fit(label, self.size.width - depth * self.guide_depth)

    def populate(self, plan: Plan, figures: Figures, round_: Round) -> None:
        """Fill the tree with ``plan``, every node expanded."""
        self.clear()
        self.root.set_label(plan_label(plan))
        self.root.data = NodeRef(NodeKind.PLAN)
        width = number_width(plan)
        for dim in plan.dimensions:
            branch = self.root.add(
                dimension_label(plan, figures, dim.number),
                NodeRef(NodeKind.DIMENSION, dim.number),
                expand=True,
            )
            for index, project in enumerate(plan.projects):
                if project.dimension == dim.number:
                    branch.add_leaf(
                        project_label(plan, project, round_, width),
                        NodeRef(NodeKind.PROJECT, dim.number, index),
                    )
        known = {dim.number for dim in plan.dimensions}
        strays = [(i, p) for i, p in enumerate(plan.projects) if p.dimension not in known]
        if strays:  # a project whose dimension the plan lacks must still be seen
            branch = self.root.add(Text(UNKNOWN_DIMENSION), NodeRef(NodeKind.DIMENSION, 0), expand=True)
            for index, project in strays:
                branch.add_leaf(
                    project_label(plan, project, round_, width), NodeRef(NodeKind.PROJECT, 0, index)
                )
        self.root.expand()


class DetailPanel(VerticalScroll):
    """The selected node's fields, read-only; focus it (tab) to scroll a long one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "ขึ้น", key_display="↑k", group=MOVE),
        Binding("down,j", "scroll_down", "ลง", key_display="↓j", group=MOVE),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, sections: list[Section]) -> None:
        self.query_one("#detail-body", Static).update(fields_table(sections))
        self.scroll_home(animate=False)
