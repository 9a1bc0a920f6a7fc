"""The filter above the tree: words, a status, a dimension and a unit; hidden until "/" opens it.

Its fields are built the first time it opens, not with the app: four inputs and selects are most of
what a first screen would otherwise lay out and style without showing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select

from tracker.domain.editing import ProjectFilter
from tracker.domain.model import Plan, Status
from tracker.domain.text import safe_line
from tracker.ui.display import dimension_heading
from tracker.ui.forms import offered_units
from tracker.ui.thai_labels import ThaiSelect
from tracker.ui.widgets import SafeInput

ANY = "any"
"""The blank choice of a select: no condition."""


class FilterBar(Vertical):
    """Narrow the tree down; every change filters at once. Enter keeps the filter, escape clears it
    (escape on the tree too, while a filter is on: the app's ``clear_filter``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "ล้างตัวกรอง", tooltip="Clear the filter and close it"),
        Binding("enter", "done", "ใช้ตัวกรอง", tooltip="Keep the filter, back to the tree"),
    ]

    DEFAULT_CSS = """
    FilterBar {
        display: none;
        height: auto;
        background: $panel;
        padding: 0 1;
    }
    FilterBar.-open {
        display: block;
    }
    FilterBar Horizontal {
        height: auto;
    }
    FilterBar Input, FilterBar Select {
        width: 1fr;
    }
    """

    class Changed(Message):
        """The filter changed."""

        def __init__(self, bar: FilterBar, filter: ProjectFilter) -> None:
            super().__init__()
            self.bar = bar
            self.filter = filter

        @property
        def control(self) -> FilterBar:
            return self.bar

    class Done(Message):
        """Enter: the filter is kept; the tree takes the cursor (on the first project that matches)."""

    class Left(Message):
        """Escape: the filter was cleared; the tree takes the cursor."""

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._plan = plan
        self._built = False

    def _fields(self) -> list[Widget]:
        return [
            SafeInput(placeholder="คำค้น (words)", id="filter-text"),
            Horizontal(
                ThaiSelect[str](self._status_options(), prompt="ทุกสถานะ", id="filter-status"),
                ThaiSelect[int](self._dimension_options(), prompt="ทุกมิติ", id="filter-dimension"),
            ),
            SafeInput(
                placeholder="หน่วยงาน (unit)",
                id="filter-unit",
                suggester=SuggestFromList(offered_units(self._plan), case_sensitive=False),
            ),
        ]

    def _status_options(self) -> list[tuple[str, str]]:
        return [(f"{s.mark} {s.label}", s.value) for s in Status]

    def _dimension_options(self) -> list[tuple[str, int]]:
        style = self._plan.settings.digit_style
        return [(f"{dimension_heading(d.number, style)} {safe_line(d.name)}", d.number) for d in self._plan.dimensions]

    async def open(self) -> None:
        """Show the bar and put the cursor in its words (building its fields the first time)."""
        self.add_class("-open")
        if not self._built:
            self._built = True
            await self.mount_all(self._fields())  # keys typed next go to the words, none lost
        self.query_one("#filter-text", Input).focus()

    def reset(self, plan: Plan) -> None:
        """Clear and close the bar, for ``plan`` (after switching plans or digit style)."""
        self._plan = plan
        if not self._built:
            self.remove_class("-open")
            return
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#filter-text", Input).value = ""
            unit = self.query_one("#filter-unit", Input)
            unit.value = ""
            unit.suggester = SuggestFromList(offered_units(plan), case_sensitive=False)
            self.query_one("#filter-status", Select).clear()
            self.query_one("#filter-dimension", Select).set_options(self._dimension_options())
        self.remove_class("-open")

    def current(self) -> ProjectFilter:
        if not self._built:
            return ProjectFilter()
        status = self.query_one("#filter-status", Select).value
        dimension = self.query_one("#filter-dimension", Select).value
        return ProjectFilter(
            text=self.query_one("#filter-text", Input).value,
            statuses=frozenset({Status(status)}) if isinstance(status, str) else frozenset(),
            dimensions=frozenset({dimension}) if isinstance(dimension, int) else frozenset(),
            unit=self.query_one("#filter-unit", Input).value,
        )

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.current()))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        """Keep the filter: back to the tree, on the first project that matches (the plan's screen does it)."""
        self.post_message(self.Done())

    def action_clear(self) -> None:
        """Empty every field and show every project again (whatever the tree was filtered by)."""
        self.clear()
        self.post_message(self.Left())

    def clear(self) -> None:
        """Empty every field, close the bar and say so (the tree then shows every project)."""
        self.reset(self._plan)
        self.post_message(self.Changed(self, ProjectFilter()))
