"""The Word and PDF reports hold every hostile text of the corpus as data: the file opens, each project
keeps its row, and the text reads back as the other exports show it (control characters as symbols)."""

from __future__ import annotations

import functools
import io
import re
import unicodedata

import docx
import pytest
import uharfbuzz as hb
from pypdf import PdfReader

from tests.reports.hostile import HOSTILE
from tracker.domain.model import Plan, ReasonKind, Round, RoundResult, Status
from tracker.domain.text import safe_block
from tracker.importer.defaults import default_plan
from tracker.reports.document import report_document
from tracker.reports.docx_report import docx_bytes
from tracker.reports.pdf_report import pdf_bytes

VALUES = list(HOSTILE.values())
PER_PLAN = 20
"""One hostile value per project: the corpus in a few plans rather than one document per value."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def hostile_plan(chunk: int) -> tuple[Plan, list[str]]:
    """The default plan with the corpus's values ``chunk*20 ...`` as project names, results and remarks,
    the first of them in the narrative and the organization too."""
    values = VALUES[chunk * PER_PLAN : (chunk + 1) * PER_PLAN]
    plan = default_plan()
    for project, value in zip(plan.projects, values, strict=False):
        project.name = project.remarks = value
        project.results[Round.TWELVE] = RoundResult(Status.NOT_DONE, value, reason=ReasonKind.OTHER, reason_text=value)
    plan.narrative["foreword"] = plan.narrative["problems"] = values[0]
    plan.organization = plan.preparing_unit = values[-1]
    return plan, values


CHUNKS = pytest.mark.parametrize("chunk", range((len(VALUES) + PER_PLAN - 1) // PER_PLAN))


@functools.cache
def document_of(chunk: int) -> tuple[list[str], bytes, bytes]:
    plan, values = hostile_plan(chunk)
    doc = report_document(plan, Round.TWELVE)
    return values, docx_bytes(doc), pdf_bytes(doc)


@CHUNKS
def test_the_word_file_holds_each_name_in_its_own_row(chunk: int) -> None:
    values, word, _ = document_of(chunk)
    opened = docx.Document(io.BytesIO(word))
    detail = next(t for t in opened.tables if "วิธีการดำเนินงาน" in t.rows[0].cells[2].text)
    rows = [row for row in detail.rows if row.cells[0].text.strip() and row.cells[0].text != "ลำดับ"]
    assert len(rows) == 20  # no row lost or added by a line break, a "|" or markup
    for row, value in zip(rows, values, strict=False):
        assert row.cells[1].text == _NOT_XML.sub("\ufffd", safe_block(value)), repr(value[:40])
    assert "<w:" not in "".join(p.text for p in opened.paragraphs)


@CHUNKS
def test_the_pdf_opens_and_its_text_reads_back(chunk: int) -> None:
    values, _, pdf = document_of(chunk)
    reader = PdfReader(io.BytesIO(pdf))
    text = squeezed("".join(page.extract_text() for page in reader.pages))
    for value in values:
        # What the font cannot draw prints as "?" and invisible format characters are left out: every run
        # of what it can draw reads back whole.
        runs = re.split("[^" + "".join(_DRAWN) + "]+", squeezed(safe_block(value))[:300])
        for run in runs:
            assert run in text, (repr(value[:40]), run)


def squeezed(text: str) -> str:
    """Text without whitespace (where lines broke is the layout's)."""
    return "".join(text.split())


@functools.cache
def _font() -> hb.Font:
    from importlib.resources import files

    data = (files("tracker.reports") / "fonts" / "Sarabun-Regular.ttf").read_bytes()
    return hb.Font(hb.Face(hb.Blob(data)))


def _in_font(char: str) -> bool:
    return _font().get_nominal_glyph(ord(char)) is not None and unicodedata.category(char) != "Cf"


_DRAWN = sorted({re.escape(c) for v in VALUES for c in squeezed(safe_block(v)) if _in_font(c)})


@CHUNKS
def test_a_rounds_remark_keeps_its_row_in_word_and_reads_back_in_the_pdf(chunk: int) -> None:
    values = VALUES[chunk * PER_PLAN : (chunk + 1) * PER_PLAN]
    plan = default_plan()
    for project, value in zip(plan.in_report_order(), values, strict=False):
        project.remarks = "เดิม"
        project.results[Round.TWELVE] = RoundResult(Status.COMPLETED, "ผล", remark=value)
    doc = report_document(plan, Round.TWELVE)
    opened = docx.Document(io.BytesIO(docx_bytes(doc)))
    summary = next(t for t in opened.tables if t.rows[0].cells[1].text == "รายการโครงการ")
    rows = [row for row in summary.rows if row.cells[0].text.strip() not in ("", "ลำดับ")]
    assert len(rows) == 20  # no row lost or added by a line break, a "|" or markup
    for row, value in zip(rows, values, strict=False):
        # The round's remark plainly (the official column's), then the project's after its label.
        of_round = _NOT_XML.sub(chr(0xFFFD), safe_block(value))
        if not value.strip():
            expected = "หมายเหตุโครงการ:\nเดิม"
        elif value.strip() == "เดิม":
            expected = of_round  # the project's says the same: written once
        else:
            expected = f"{of_round}\nหมายเหตุโครงการ:\nเดิม"
        assert row.cells[-1].text == expected, repr(value[:40])
    text = squeezed("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(doc))).pages))
    for value in values:
        # The start of each remark (a row taller than a page goes on over the next, its header between).
        for run in re.split("[^" + "".join(_DRAWN) + "]+", squeezed(safe_block(value))[:60]):
            assert run in text, (repr(value[:40]), run)
