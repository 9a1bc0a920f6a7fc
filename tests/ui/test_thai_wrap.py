"""In the app at 80×24, Thai breaks only where a word ends: tree, detail pane, form, summary, checks, history.

Every wrap the app makes is recorded (rich's ``divide_line``, behind Static, Label and the detail pane,
and textual's ``compute_wrap_offsets``, behind TextArea's soft wrap) and judged against ICU's line
breaker, as the command tests do (:func:`tests.reports.test_thai_wrap.judge`). Tree labels too long for
the tree end in "…" after a whole word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rich._wrap
import textual._wrap
import textual.content
import textual.document._wrapped_document as wrapped_document
from textual.widgets import TextArea

from tests.reports.test_thai_wrap import Wrapped, judge
from tests.ui.conftest import press
from tracker.domain.linebreak import break_points, has_thai, textual_chunks
from tracker.importer.defaults import default_plan
from tracker.storage.store import Store
from tracker.ui import thai_wrap
from tracker.ui.app import TrackerApp
from tracker.ui.widgets import PlanTree

NARROW = (80, 24)
NAME = "โครงการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐาน ด้วยความวิริยะอุตสาหะ และซื่อสัตย์สุจริต"


def test_textual_goes_through_the_seam() -> None:
    """Fails if an upgrade of textual stops splitting lines with ``textual._wrap.chunks``."""
    assert thai_wrap.installed() and textual._wrap.chunks is textual_chunks
    offsets = textual._wrap.compute_wrap_offsets(NAME, 20, 4)
    assert offsets and set(offsets) <= {*break_points(NAME), *(i + 1 for i, c in enumerate(NAME) if c == " ")}
    assert textual.content.divide_line is rich._wrap.divide_line  # Content wraps through rich's seam


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> list[Wrapped]:
    calls: list[Wrapped] = []
    rich_divide = rich._wrap.divide_line
    textual_offsets = textual._wrap.compute_wrap_offsets

    def divide(text: str, width: int, fold: bool = True) -> list[int]:
        breaks = rich_divide(text, width, fold)
        calls.append(Wrapped(text, width, list(breaks)))
        return breaks

    def offsets(text: str, width: int, tab_size: int, fold: bool = True, precomputed_tab_sections=None):  # type: ignore[no-untyped-def]
        breaks = textual_offsets(text, width, tab_size, fold, precomputed_tab_sections)
        calls.append(Wrapped(text, width, list(breaks)))
        return breaks

    monkeypatch.setattr(textual.content, "divide_line", divide)
    monkeypatch.setattr(wrapped_document, "compute_wrap_offsets", offsets)
    return calls


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "tracker.json", initial_plans=[default_plan()])
    yield store  # type: ignore[misc]
    store.close()


async def test_every_screen_breaks_thai_at_word_ends(store: Store, wraps: list[Wrapped]) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        for key in ("down", "down", "down"):  # a project: the detail pane shows its long texts
            await press(pilot, key)
        await pilot.pause()
        await press(pilot, "enter")  # the project form, its long fields in soft-wrapping text areas
        await pilot.pause()
        assert any(isinstance(w, TextArea) for w in app.screen.query("*"))
        await press(pilot, "escape")
        for key in ("s", "escape", "x", "escape", "h", "escape"):  # summary, checks, history
            await press(pilot, key)
            await pilot.pause()
    thai = [w for w in wraps if has_thai(w.text) and w.breaks]
    assert thai, "no Thai text was wrapped: the seams are bypassed"
    cut = [line for call in thai for line in judge(call)]
    assert cut == [], f"{len(cut)} Thai words cut: {cut[:6]}"


async def test_tree_labels_end_after_a_whole_word(store: Store) -> None:
    app = TrackerApp(store)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        tree = app.query_one(PlanTree)
        plan = default_plan()
        cut_labels = 0
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is None:
                continue
            shown = tree.render_label(node, tree.rich_style, tree.rich_style).plain
            if "…" not in shown:
                continue
            cut_labels += 1
            kept = shown.split("…")[0].rstrip()
            full = next((t for t in [plan.organization, *(p.name for p in plan.projects),
                                     *(d.name for d in plan.dimensions)] if kept.split(" ")[-1] in t), None)
            assert full is not None, shown
            last = kept.split(" ")[-1]
            start = full.find(last)
            end = start + len(last)
            assert end in {*break_points(full), len(full)} or full[end].isspace(), shown
        assert cut_labels >= 5  # at 80 columns the long names are cut
