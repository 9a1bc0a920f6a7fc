"""Thai breaks only where a word ends: in rich's wrapping, and in every command that prints a table.

Judged against ICU's line breaker (:func:`tracker.domain.linebreak.break_points`): a line may end
inside a Thai word only where that one word is wider than the room it had (folded at the edge).
The command tests render each command narrow (60, 80, 120 columns) and wide (1,000); every Thai
piece of the narrow output must be a run of whole words of a text the wide output, the plan or the
program's own labels hold.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import rich._wrap
import rich.text
from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tests.hostile_corpus import hostile_plan
from tracker.cli import main
from tracker.domain.linebreak import break_points, cut_to_width, has_thai, rich_words
from tracker.domain.model import Plan
from tracker.importer.defaults import default_plan
from tracker.reports import thai_wrap
from tracker.reports.plain_text import plain_text_report
from tracker.storage.store import Store

SEED_NAMES = [p.name for p in default_plan().projects]
LONG = "โครงการเสริมสร้างค่านิยมต่อต้านการทุจริต"


def _words(text: str) -> list[str]:
    points = [0, *break_points(text), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(points)]


def _wrapped(text: str, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    return [line.plain for line in Text(text).wrap(console, width)]


def _bad_breaks(text: str, width: int) -> list[str]:
    """Where ``text`` wrapped at ``width`` breaks inside a Thai word that would have fit a line."""
    return judge(Wrapped(text, width, rich._wrap.divide_line(text, width)))


def test_the_seam_is_installed_and_rich_uses_it() -> None:
    """Fails if an upgrade of rich stops splitting lines with ``rich._wrap.words``."""
    assert thai_wrap.installed()
    for width in (10, 15, 20, 25):
        breaks = rich._wrap.divide_line(LONG, width)
        assert breaks and set(breaks) <= set(break_points(LONG)), width
    assert "".join(_wrapped(LONG, 20)) == LONG
    assert all(line in _words(LONG) or _whole(line) for line in _wrapped(LONG, 12))


def _whole(piece: str, text: str = LONG) -> bool:
    start = text.find(piece)
    ends = {0, len(text), *break_points(text)}
    return start in ends and start + len(piece) in ends


def test_text_without_thai_wraps_as_rich_always_did() -> None:
    for text in ("The quick brown fox jumps over the lazy dog", "  two  spaces  ", "a\tb c", "x" * 50 + " y"):
        assert list(rich_words(text)) == list(rich._wrap.re_word.finditer(text) and _rich_original(text))


def _rich_original(text: str) -> Iterable[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\s*\S+\s*", text)]


@pytest.mark.parametrize("width", [8, 12, 16, 20, 24, 30, 40, 60])
def test_the_seeds_names_break_at_word_ends(width: int) -> None:
    for name in SEED_NAMES:
        assert _bad_breaks(name, width) == [], name


def test_a_table_cell_breaks_thai_at_word_ends() -> None:
    table = Table("ลำดับ", "รายการโครงการ")
    for index, name in enumerate(SEED_NAMES, 1):
        table.add_row(str(index), name)
    console = Console(width=40, file=io.StringIO(), color_system=None, legacy_windows=False, record=True)
    console.print(table)
    shown = console.export_text()
    assert "บุคลากร" in shown and "บุคล\n" not in shown


def test_a_label_is_cut_at_a_word_end() -> None:
    cut = cut_to_width(LONG, 20)
    assert cut.endswith("…") and cell_len(cut) <= 20
    assert _whole(cut[:-1])  # "โครงการเสริมสร้างค่านิยม…", never "…ค่านิ…"
    assert cut_to_width("abc", 10) == "abc"
    assert cut_to_width("ก" * 100, 10).endswith("…")  # one long run: cut at the edge
    assert cut_to_width("ผู้ใหญ่บ้านผู้ใหญ่บ้าน", 4)[-1] == "…"


def test_a_cell_cut_with_an_ellipsis_ends_after_a_whole_word() -> None:
    """Fails if rich stops cutting a no-wrap cell with ``Text.truncate`` (``tracker.reports.thai_wrap``)."""
    text = Text("ดำเนินการแล้วเสร็จ")
    text.truncate(11, overflow="ellipsis")  # rich alone: "ดำเนินการแล้…"
    assert text.plain.endswith("…") and _whole(text.plain[:-1], "ดำเนินการแล้วเสร็จ")
    table = Table("สถานะ", width=14, show_edge=False)
    table.add_row(Text("อยู่ระหว่างดำเนินการ", no_wrap=True, overflow="ellipsis"))
    console = Console(width=14, file=io.StringIO(), color_system=None, legacy_windows=False, record=True)
    console.print(table)
    shown = console.export_text().splitlines()[-1].strip()
    assert shown.endswith("…") and _whole(shown[:-1], "อยู่ระหว่างดำเนินการ"), shown
    english = Text("a long English label")
    english.truncate(10, overflow="ellipsis")
    assert english.plain == "a long En…"  # as rich always cut it


# --- the commands -----------------------------------------------------------------------------


@dataclass
class Wrapped:
    text: str
    width: int
    breaks: list[int]


_NOT_SPACES = re.compile(r"\S*")


def _fits(text: str, width: int) -> bool:
    """Whether ``text`` takes at most ``width`` cells (counted only as far as needed: a hostile text's
    "word" can run to thousands of characters)."""
    cells = 0
    for char in text:
        cells += get_character_cell_size(char)
        if cells > width:
            return False
    return True


def judge(call: Wrapped) -> list[str]:
    """The lines of one wrap that end inside a Thai word that would have fit the line."""
    text, width = call.text, call.width
    if not call.breaks:
        return []
    inner = break_points(text)
    allowed = {0, len(text), *inner}
    points = sorted({0, *inner, len(text)})
    # Where each run of non-space characters starts (searched by bisection: hostile texts run to
    # 20,000 characters and wrap into thousands of lines).
    run_starts = [0, *(m.end() for m in re.finditer(r"\s+", text))]
    bad: list[str] = []
    for index, at in enumerate(call.breaks):
        if at in allowed:
            continue
        run_start = run_starts[bisect.bisect_right(run_starts, at) - 1]
        run = _NOT_SPACES.match(text, run_start)
        if run is None or not has_thai(run.group()):
            continue  # text without Thai wraps as it always did (a long URL folds at the edge)
        word_start = points[bisect.bisect_left(points, at) - 1]
        word_end = points[bisect.bisect_right(points, at)]
        if _fits(text[word_start:word_end].rstrip(), width):
            line_start = call.breaks[index - 1] if index else 0
            bad.append(f"{text[line_start:at]}|{text[at:word_end]} (width {width})")
    return bad


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> list[Wrapped]:
    """Every line wrap rich makes while the test runs, with where it broke."""
    calls: list[Wrapped] = []
    original = rich._wrap.divide_line

    def recording(text: str, width: int, fold: bool = True) -> list[int]:
        breaks = original(text, width, fold)
        calls.append(Wrapped(text, width, list(breaks)))
        return breaks

    monkeypatch.setattr(rich.text, "divide_line", recording)
    return calls


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Plan]]:
    made: dict[str, tuple[Path, Plan]] = {}
    edited = default_plan()
    edited.projects[0].remarks = "ดำเนินการร่วมกับสำนักงานปลัดองค์การบริหารส่วนตำบลและกองคลังตามแผนที่กำหนด"
    edited.projects[1].name = "โครงการเสริมสร้างค่านิยมต่อต้านการทุจริตสำหรับบุคลากรและผู้บริหารท้องถิ่น"
    for name, plan in (("seed", edited), ("hostile", hostile_plan())):
        db = tmp_path_factory.mktemp(name) / "tracker.json"
        store = Store.open(db, initial_plans=[default_plan()])
        store.save_plan(plan)  # the history records every text
        store.close()
        made[name] = (db, plan)
    return made


@pytest.mark.parametrize("which", ["seed", "hostile"])
@pytest.mark.parametrize("command", [["summary"], ["check"], ["history"], ["export", "--format", "txt"]],
                         ids=lambda c: c[0] if c[0] != "export" else "plain-text export")
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_no_command_breaks_a_thai_word(
    plans: dict[str, tuple[Path, Plan]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, wraps: list[Wrapped], which: str, command: list[str], columns: int,
) -> None:
    db, plan = plans[which]
    if command[0] == "export":
        plain_text_report(plan, width=columns)
    else:
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal: the commands wrap what they print
        main(["--db", str(db), *command])
        capsys.readouterr()
    thai = [w for w in wraps if has_thai(w.text) and w.breaks]
    assert thai or which == "hostile", "no Thai text was wrapped through rich._wrap.divide_line: the seam is bypassed"
    # rich wraps the same text at the same width several times (measuring, then drawing): judged once.
    distinct = {(w.text, w.width, tuple(w.breaks)): w for w in thai}.values()
    cut = [line for call in distinct for line in judge(call)]
    assert cut == [], f"{len(cut)} Thai words cut at {columns} columns: {cut[:6]}"
