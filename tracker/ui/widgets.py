"""The widgets of the plan screen: the header line, the plan tree and the detail panel; and the fields of the
forms, which never send a control character to the terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.expand_tabs import expand_tabs_inline
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static, TextArea, Tree
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup
from textual.widgets.tree import NodeID, TreeNode

from tracker.domain.editing import ProjectFilter
from tracker.domain.figures import Figures
from tracker.domain.findings import Severity
from tracker.domain.model import Plan, Round
from tracker.domain.text import safe_chars
from tracker.ui.actions import bindings
from tracker.ui.display import (
    ENTERED_TAIL,
    UNKNOWN_DIMENSION,
    NodeKind,
    NodeRef,
    Section,
    count_tail,
    dimension_label,
    fields_table,
    fit,
    number_width,
    pack_lines,
    plan_label,
    project_label,
)

MOVE = Binding.Group("เลื่อน", compact=True)
# The screen binds tab already, hidden; binding it again on each pane shows it in the footer. (A
# priority binding on the app would show it too, but it overtakes keys typed before it: enter then
# tab, typed fast, would reach the pane tab moved to.)
SWITCH_PANE = Binding("tab", "app.focus_next", "สลับช่อง", tooltip="Next pane or field")


class PlanHeader(Widget):
    """One line naming the plan, the round and its score: whole where it fits, shorter where it does not.

    ``shorter`` holds shorter wordings of the same pieces, shortest last. The first wording that fits
    on one line at 80 columns or more (two lines below) is shown; when none does, the shortest wraps
    on as many lines as it needs, each piece kept whole.
    """

    DEFAULT_CSS = """
    PlanHeader {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    """

    ONE_LINE_FROM = 78
    """Content width (80 columns less the padding) from which the header must fit on one line."""

    def __init__(self, parts: list[Text], *, shorter: Sequence[list[Text]] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts = parts
        self._shorter = list(shorter)

    def set_parts(self, parts: list[Text], *, shorter: Sequence[list[Text]] = ()) -> None:
        """Show new pieces (the score or the save state changed); nothing is redrawn when none did, and
        the screen is laid out again only when the header's height changes (typing in a form sets the
        header at every key)."""
        shorter = list(shorter)
        if parts == self._parts and shorter == self._shorter:
            return
        width = self.content_region.width
        height = len(self._lines(width)) if width else 0
        self._parts, self._shorter = parts, shorter
        self.refresh(layout=not width or len(self._lines(width)) != height)

    def _lines(self, width: int) -> list[Text]:
        most = 1 if width >= self.ONE_LINE_FROM else 2
        lines: list[Text] = []
        for parts in (self._parts, *self._shorter):
            lines = pack_lines(parts, width)
            if len(lines) <= most:
                break
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> RenderableType:
        return Text("\n").join(self._lines(self.content_size.width))


class PlanTree(Tree[NodeRef]):
    """The plan, its four dimensions and their projects; long labels end in "…" instead of scrolling."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "ขึ้น", key_display="↑k", group=MOVE, tooltip="Move up", show=False),
        Binding("down,j", "cursor_down", "ลง", key_display="↓j", group=MOVE, tooltip="Move down", show=False),
        Binding("enter", "select_cursor", "แก้ไข", tooltip="Edit the item (on a dimension: fold it)"),
        Binding("tab", "app.focus_next", "สลับช่อง", tooltip="Next pane or field", show=False),
        *bindings(tree=True),
    ]

    DEFAULT_CSS = """
    PlanTree {
        overflow-x: hidden;
        /* A column kept for the scrollbar whether it shows or not, so that labels cut to the width
           left beside it stay right when a long plan brings the scrollbar in or a collapse takes it away. */
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        # Enter on a dimension folds it; on the plan it only opens the plan's form (textual's own
        # auto_expand would fold or unfold the whole tree with it), see _fold_on_select.
        self.auto_expand = False
        self._tails: dict[NodeID, int] = {}
        """Characters at the end of a node's label that cutting must keep (a dimension's count)."""
        self._fitted: dict[NodeID, tuple[tuple[object, ...], Text]] = {}
        """Each node's label as last cut to its width, with what it was cut from."""
        self._made_of: dict[NodeID, tuple[object, ...]] = {}
        """What each project's label was last made from (see :meth:`relabel`)."""

    @on(Tree.NodeSelected)
    def _fold_on_select(self, event: Tree.NodeSelected[NodeRef]) -> None:
        """Enter (or a click) on a dimension folds or unfolds it; the plan and projects stay as they are."""
        ref = event.node.data
        if ref is not None and ref.kind is NodeKind.DIMENSION and event.node.allow_expand:
            event.node.toggle()

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        width = self.scrollable_content_region.width - _depth(node) * self.guide_depth
        # Measuring and cutting Thai text is most of what drawing a line costs, and a line is drawn
        # again on every refresh (a cursor move, a blink); the cut label is kept until it changes.
        key = (id(node._label), node._label.plain, width, base_style, style)
        cached = self._fitted.get(node.id)
        if cached is not None and cached[0] == key:
            return cached[1].copy()
        fitted = fit(super().render_label(node, base_style, style), width, self._tails.get(node.id, 0))
        self._fitted[node.id] = (key, fitted)
        return fitted.copy()

    def populate(
        self,
        plan: Plan,
        figures: Figures,
        round_: Round,
        only: ProjectFilter | None = None,
        findings: dict[str, Severity] | None = None,
    ) -> None:
        """Fill the tree with ``plan``, every node expanded; with a filter, only the projects it matches."""
        self.clear()
        self._tails.clear()
        self._fitted.clear()
        self._made_of.clear()
        self.root.data = NodeRef(NodeKind.PLAN)
        for dim in plan.dimensions:
            branch = self.root.add("", NodeRef(NodeKind.DIMENSION, dim.number), expand=True)
            for project in plan.projects:
                if project.dimension == dim.number and (only is None or only.matches(project, round_)):
                    branch.add_leaf("", NodeRef(NodeKind.PROJECT, dim.number, project.uid))
        known = {dim.number for dim in plan.dimensions}
        strays = [p for p in plan.projects if p.dimension not in known]
        if strays:  # a project whose dimension the plan lacks must still be seen
            branch = self.root.add(Text(UNKNOWN_DIMENSION), NodeRef(NodeKind.DIMENSION, 0), expand=True)
            for project in strays:
                branch.add_leaf("", NodeRef(NodeKind.PROJECT, 0, project.uid))
        self.relabel(plan, figures, round_, only, findings)
        self.root.expand()

    def relabel(
        self,
        plan: Plan,
        figures: Figures,
        round_: Round,
        only: ProjectFilter | None = None,
        findings: dict[str, Severity] | None = None,
    ) -> None:
        """Labels afresh after an edit (names, marks, counts), keeping the nodes and the cursor.

        ``findings`` holds the most serious finding of each project, by uid.
        """
        findings = findings or {}
        style = plan.settings.digit_style
        label = plan_label(plan)
        if only is not None and only.active:
            label.append(" [กรองอยู่]", style="italic")
        _relabel(self.root, label)
        width = number_width(plan)
        by_uid = {p.uid: p for p in plan.projects}
        for branch in self.root.children:
            ref = branch.data
            if ref is None:
                continue
            dim = next((d for d in figures.dimensions if d.number == ref.number), None)
            if dim is not None:
                _relabel(branch, dimension_label(plan, figures, dim.number))
                self._tails[branch.id] = 1 + len(count_tail(dim.completed, dim.total, style))
            for leaf in branch.children:
                project = by_uid.get(leaf.data.uid) if leaf.data is not None else None
                if project is None:
                    continue
                # What a project's label is made of: typing in a form relabels the tree at every key, and
                # only the project being edited has changed.
                result = project.result(round_)
                made_of = (result.status, result.entered, findings.get(project.uid), project.number,
                           project.name, width, style)
                if self._made_of.get(leaf.id) != made_of:
                    self._made_of[leaf.id] = made_of
                    # the mark of a project entered in e-PlanNACC survives the cut of a long name
                    self._tails[leaf.id] = len(ENTERED_TAIL) if result.entered else 0
                    _relabel(leaf, project_label(plan, project, round_, width, findings.get(project.uid)))

    def cursor_to(self, node: TreeNode[NodeRef]) -> None:
        """Move the cursor to ``node``, also right after :meth:`populate`.

        A node's line is only known once the tree has listed its lines (``node.line`` is -1 before),
        and ``move_cursor`` would then fall back to the root; listing them first avoids that.
        """
        _ = self._tree_lines  # textual's own cache of lines, filled on first use
        self.move_cursor(node)

    def first_project(self) -> TreeNode[NodeRef] | None:
        """The first project the tree shows (under a filter: the first that matches), if any."""
        for branch in self.root.children:
            for leaf in branch.children:
                if leaf.data is not None and leaf.data.kind is NodeKind.PROJECT:
                    return leaf
        return None

    def node_for(self, ref: NodeRef) -> TreeNode[NodeRef] | None:
        """The node showing ``ref`` (a project by its uid, a dimension by its number), if shown."""
        if ref.kind is NodeKind.PLAN:
            return self.root
        for branch in self.root.children:
            if branch.data is None:
                continue
            if ref.kind is NodeKind.DIMENSION and branch.data.number == ref.number:
                return branch
            for leaf in branch.children:
                if leaf.data is not None and ref.kind is NodeKind.PROJECT and leaf.data.uid == ref.uid:
                    return leaf
        if ref.kind is NodeKind.PROJECT:  # filtered out: its dimension, then the plan
            return self.node_for(NodeRef(NodeKind.DIMENSION, ref.number))
        return None


def _relabel(node: TreeNode[NodeRef], label: Text) -> None:
    """Give ``node`` ``label`` unless it has it already (an edit changes one project's label, and the
    tree redraws every line below a node whose label is set)."""
    if node.label != label:
        node.set_label(label)


def _depth(node: TreeNode[NodeRef]) -> int:
    """How many levels below the root ``node`` is (each level indents by the tree's guide depth)."""
    depth, parent = 0, node.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


class DetailBody(Static):
    """The detail pane's fields (:class:`~tracker.ui.display.FieldsTable`), laid out once per item shown.

    A widget whose size changes at a layout sets its virtual size, and textual's reactive then asks for a
    second layout of the whole screen; this one's virtual size is its own size, which the first layout
    has already placed (the pane scrolls by its own measure); nor is it painted again on its own (a frame
    more): the layout that resized it paints it.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class DetailPanel(VerticalScroll):
    """The selected node's fields, read-only; focus it (tab) to scroll a long one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "ขึ้น", key_display="↑k", group=MOVE),
        Binding("down,j", "scroll_down", "ลง", key_display="↓j", group=MOVE),
        SWITCH_PANE,
    ]

    def __init__(self, sections: list[Section], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sections = sections
        self._body = DetailBody(fields_table(sections), id="detail-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, sections: list[Section]) -> None:
        """Show ``sections`` from the top, in the same widgets (the tree's cursor moves through items at
        every key: mounting a new panel each time took two layouts of the whole screen; now there is one
        only when the item's fields take another height than the last item's).

        Textual 8.2 keeps a widget's measured height under a key that an update does not change while a
        layout is pending: keys typed ahead and a terminal resize in one burst kept the height of an
        earlier item's details, cutting off the last rows. The key is moved on here at every update.
        """
        self._sections = sections
        body = self._body
        width, height = body.size
        body.update(fields_table(sections), layout=False)
        # The next item's fields as tall as the last's (most projects): nothing moves, the pane is only
        # repainted. Measured the way textual measures it, so the lines drawn then are the ones drawn here.
        if not width or body.get_content_height(self.size, self.screen.size, width) != height:
            body.refresh(layout=True)
            body._layout_updates += 1  # textual's own counter in that key (see above)
        self.scroll_home(animate=False)


class FittedFooter(Footer):
    """A footer whose keys fit the terminal's width: on a narrow one the keys of ``give_way`` (action
    names, the first given way first) leave it whole, never cut mid-word, nor hidden under the command
    palette's key; the others always stay."""

    def __init__(self, give_way: Sequence[str], *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette)
        self.give_way = tuple(give_way)
        self._shown: tuple[object, ...] | None = None
        """The keys the footer shows now (see :meth:`_keys_shown`); None before it first shows any."""

    def _keys_shown(self, screen: Screen[object]) -> tuple[object, ...]:
        """What the footer would show for ``screen``'s bindings now: each key, its label and whether it
        is dimmed."""
        return tuple(
            (binding.key, binding.key_display, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual announces "bindings changed" at every focus move and many a key; rebuilding the footer's
        # fifteen keys each time was a fifth of what a key press in the form cost. It is rebuilt only
        # when what it shows differs.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._keys_shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        items = [child for child in self.children if isinstance(child, FooterKey | KeyGroup | FooterLabel)]
        for item in items:
            item.display = True
        room = self.size.width
        if not room:
            return
        need = sum(_item_width(item) for item in items)
        for action in self.give_way:
            for item in items:
                if need <= room:
                    return
                if (isinstance(item, FooterKey) and item.display
                        and item.action.rsplit(".", 1)[-1] == action):
                    item.display = False
                    need -= _item_width(item)


def _item_width(item: Widget) -> int:
    """Cells a footer item takes: " key description " (textual's spacing, not compact); a compact group
    " ↑k↓j" and then its label."""
    if isinstance(item, KeyGroup):
        keys = list(item.query_children(FooterKey))
        if item.has_class("-compact"):  # the keys side by side: " ↑k↓j"
            return sum(cell_len(key.key_display) for key in keys) + 1
        return sum(_item_width(key) for key in keys)
    if isinstance(item, FooterLabel):
        return cell_len(str(item.render()))
    assert isinstance(item, FooterKey)
    width = cell_len(item.key_display) + 2
    if item.description:
        width += cell_len(item.description) + 1
    return width


# --- fields that never send a control character to the terminal ----------------------------------------
#
# Textual's Input and TextArea draw their text as it is: a pasted ESC (or one set by code) would reach the
# terminal as the start of an escape sequence, able to recolour, clear or retitle it, write to the
# clipboard (OSC 52) or plant a link (OSC 8). These two draw every control character as a visible mark
# instead (tracker.domain.text.safe_chars), one character for one, so that the widget's cursor and
# selection, counted in characters, still fall on the right ones. The value itself is left alone: what
# the person pasted is what the form reads and the plan stores.


_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


class SafeInput(Input):
    """A one-line field that shows a control character it holds as a visible mark ("␛"), never as itself.

    A pasted text of several lines (a name that wrapped where it was copied from) is pasted whole, its line
    breaks made spaces; textual's own Input would keep its first line only and drop the rest unseen.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Textual's Input sets its virtual size (the text's width) at every character typed, and the widget's
    reactive asks for a layout of the whole screen with it: a form's hundred widgets laid out again at
    each key, for a field whose size its styles fix (textual lays the field out itself when its size is
    ``auto``). Here the new width scrolls and repaints the field only."""

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        """The text scrolls sideways as it grows past the field (typing at the end of a long name).

        Textual's ScrollView also moves its horizontal scrollbar, which an Input keeps at size 0: a widget
        the screen does not show, whose refresh made textual map every widget of the screen again, at each
        character typed. With no scrollbar to see, only the field is repainted.
        """
        if self.styles.scrollbar_size_horizontal:
            super().watch_scroll_x(old_value, new_value)
        elif round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # not textual's handler too
        event.stop()
        text = " ".join(_LINE_BREAK_RE.split(event.text.strip("\r\n")))
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(safe_chars(self.value), no_wrap=True, overflow="ignore", end="")
        return text if self.highlighter is None else self.highlighter(text)

    def _position_to_cell(self, position: int) -> int:
        # Measured on what is drawn: a mark takes a cell where the control character it stands for took none.
        return cell_len(expand_tabs_inline(safe_chars(self.value[:position]), 4))

    def _cell_offset_to_index(self, offset: int) -> int:
        cell_offset = 0
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        shown = safe_chars(self.value)
        for index, char in enumerate(shown):
            cell_width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + cell_width:
                return index
            cell_offset += cell_width
        return max(0, min(offset, len(shown)))


class SafeTextArea(TextArea):
    """A multi-line field that shows a control character it holds as a visible mark ("␛"), never as itself."""

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        return Text(safe_chars(line), end="", no_wrap=True)
