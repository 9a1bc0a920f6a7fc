"""The plan's edit form: its own fields, settings, signatories and part 1's narrative (:class:`PlanForm`).

Which fields it has, their labels and kinds come from the field catalogue
(:data:`tracker.domain.fields.PLAN_FIELDS`); :meth:`PlanForm._plan_row` gives a field its choices and
hints. See :mod:`tracker.ui.edit_form` for what every form does.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Select, Static, TextArea

from tracker.domain.editing import Checked, PlanInput, check_plan, narrative_input
from tracker.domain.fields import PLAN_FIELDS, SIGNATORY_FIELDS, FieldKind, FieldSpec
from tracker.domain.model import NARRATIVE_KEYS, NARRATIVE_SECTIONS, Plan, Round, Signatory, SignRole
from tracker.domain.thai import DigitStyle, with_digits
from tracker.ui.edit_form import Choices, EditForm, FormChanged
from tracker.ui.form_widgets import FieldMessage, FieldRow, shown_block


class PlanForm(EditForm[PlanInput]):
    """The plan's own fields, settings, signatories and part 1 narrative; posts :class:`PlanForm.Changed`.

    The narrative fields hold the text of the round chosen in the form's round field: choosing the
    other round refills them with that round's text (:func:`~tracker.domain.editing.narrative_input`:
    its own, or the other round's retold for it). What was typed for the round left is kept in the
    form and shows again when that round is chosen back.

    The app applies every valid change as it comes (``PlanForm.Changed``), so the text of the round
    left is already in the plan when the round changes. While the form has an error nothing is
    applied, and the input carries one round's narrative only: so the round cannot be changed then
    (the choice goes back, and the line under it says why), and no typed text is ever dropped.
    """

    class Changed(FormChanged["PlanForm", PlanInput]):
        """The person changed the form: what it reads now, and its check."""

    DEFAULT_CSS = """
    PlanForm > .form-hint {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        color: $text-muted;
    }
    PlanForm > .with-hint {
        margin: 1 0 0 0;  /* apart from the field above; its hint follows at once */
    }
    """

    ROUND_LOCKED = (
        "แก้ช่องที่มีเครื่องหมาย ✗ ก่อนเปลี่ยนรอบ: ข้อความที่พิมพ์ไว้ยังไม่ได้บันทึก"
        " (fix the errors marked ✗ before changing the round: the typed text is not saved yet)"
    )

    def __init__(self, plan: Plan, *, id: str | None = None) -> None:
        self.plan = plan
        original = PlanInput.from_plan(plan)
        self._narrative_round: Round = original.round
        """The round whose text the narrative fields hold."""
        self._narrative_original: dict[str, str] = dict(original.narrative)
        """What the narrative fields were filled with (read back while a field is not edited)."""
        self._kept: dict[Round, dict[str, str]] = {}
        """What the narrative fields read for each round left in this form, shown again when chosen back."""
        self._started_from_other = self._starts_from_other(original.round)
        super().__init__(original, id=id)

    def _check(self, inp: PlanInput) -> Checked:
        checked = check_plan(inp)
        warning = emblem_warning(inp.emblem)
        if warning is not None:
            checked.warnings["emblem"] = warning
        return checked

    def _changed_message(self, inp: PlanInput, checked: Checked) -> Message:
        return self.Changed(self, inp, checked)

    def compose(self) -> ComposeResult:
        self._start_compose()
        o = self._original
        yield Static("แผนปฏิบัติการป้องกันการทุจริต", classes="form-heading")
        yield FieldMessage(id="msg-form")
        for spec in PLAN_FIELDS:
            if spec.kind is FieldKind.SIGNATORIES:
                yield from self._signatories(spec)
            elif spec.kind is FieldKind.NARRATIVE:
                yield from self._narrative(spec)
            else:
                yield self._plan_row(spec, getattr(o, spec.key))

    def _plan_row(self, spec: FieldSpec, value: Any) -> FieldRow:
        """The row of one of the plan's own fields: the catalogue's kind, with this form's choices and hints."""
        digits = self.plan.settings.digit_style
        match spec.key:
            case "round":
                return self._row(
                    spec.key,
                    spec.form_label,
                    # After a recompose too, the round whose text the narrative fields hold.
                    self._control(spec, self._narrative_round, choices=[(Text(r.label), r) for r in Round]),
                    Static(
                        with_digits("ข้อความส่วนที่ ๑ ด้านล่างเป็นของรอบที่เลือกนี้: เลือกอีกรอบเพื่อแก้ข้อความของรอบนั้น"
                                    " ที่พิมพ์ไว้ไม่หาย", digits),
                        classes="hint",
                    ),
                )
            case "digit_style":
                styles: Choices = [
                    (Text("เลขไทย (๐๑๒๓)"), DigitStyle.THAI),
                    (Text("เลขอารบิก (0123)"), DigitStyle.ARABIC),
                ]
                return self._row(spec.key, spec.form_label, self._control(spec, value, choices=styles))
            case "level_bands":
                return self._row(
                    spec.key,
                    spec.form_label,
                    self._control(spec, value),
                    Static(with_digits("บรรทัดละหนึ่งระดับ: คะแนนต่ำสุด แล้วชื่อระดับ เช่น ๗๐ มาก", digits), classes="hint"),
                )
            case "emblem":
                return self._row(
                    spec.key,
                    spec.form_label,
                    self._control(spec, value, placeholder="เช่น /home/ชื่อผู้ใช้/ตราองค์กร.png"),
                    Static(
                        "ที่อยู่เต็มของไฟล์ภาพตราขององค์กร แสดงบนปกของรายงาน Word และ PDF เว้นว่างไว้ถ้าไม่ใช้",
                        classes="hint",
                        markup=False,
                    ),
                    stacked=True,
                )
        return self._row(spec.key, spec.form_label, self._control(spec, value))

    def _signatories(self, spec: FieldSpec) -> Iterator[Widget]:
        """The signatories' heading, its hint, and a name and a position for each role."""
        yield Static(spec.thai, classes="form-heading with-hint")
        yield Static(
            "ชื่อที่เว้นว่างจะพิมพ์เป็นบรรทัด \"ลงชื่อ ……\" ให้เขียนด้วยมือ ตำแหน่งผู้ตรวจสอบที่เว้นว่าง"
            "จะพิมพ์เป็น ปลัด<ชื่อองค์กร> และตำแหน่งผู้อนุมัติเป็น นายก<ชื่อองค์กร>",
            classes="hint form-hint",
            markup=False,
        )
        for role in SignRole:
            who = self._original.signatures.get(role) or Signatory()
            for part in SIGNATORY_FIELDS:
                name = signature_field(role, part.key)
                yield self._row(name, f"{role.label}: {part.thai}", self._line(name, getattr(who, part.key)))

    def _narrative(self, spec: FieldSpec) -> Iterator[Widget]:
        """Part 1's heading, which round's text it holds, and a text for each section."""
        yield Static(spec.thai, classes="form-heading with-hint")
        yield Static(self._narrative_hint(), id="narrative-round", classes="hint form-hint", markup=False)
        for section in NARRATIVE_SECTIONS:
            key = f"narrative.{section.key}"
            yield self._row(
                key,
                section.heading,
                self._block(key, self._narrative_original.get(section.key, ""), tall=True),
                stacked=True,
            )

    # --- the round of the narrative ---------------------------------------------------------------

    @property
    def narrative_round(self) -> Round:
        """The round whose text the narrative fields hold (the round chosen in the form)."""
        return self._narrative_round

    def _starts_from_other(self, round_: Round) -> bool:
        """Whether ``round_``'s text is the other round's retold (it has none of its own yet)."""
        if round_ in self.plan.narratives or round_ in self._kept:
            return False
        return any(r is not round_ and r in self.plan.narratives for r in Round)

    def _narrative_hint(self) -> str:
        """Which round's text the narrative fields hold, and where it came from."""
        style = self.plan.settings.digit_style
        round_ = self._narrative_round
        hint = f"ข้อความของรายงาน{round_.label_in(style)}"
        if self._started_from_other:
            other = next(r for r in Round if r is not round_)
            hint += f": เริ่มจากข้อความ{other.label_in(style)} ปรับคำว่ารอบและช่วงเวลาให้แล้ว แก้ไขได้"
        return hint

    def _update(self) -> None:
        chosen = self._value("round") if self._rows else None
        if isinstance(chosen, Round) and chosen is not self._narrative_round:
            if self.has_errors:
                self._keep_round()
                return
            self._fill_narrative(chosen)
        super()._update()

    def _keep_round(self) -> None:
        """The round cannot change while the form has an error: the choice goes back, and says why."""
        select = self._controls["round"]
        assert isinstance(select, Select)
        select.value = self._narrative_round
        row = next(r for r in self._rows if r.field_name == "round")
        row.show_message({}, {"round": self.ROUND_LOCKED}, ("round",))

    def _fill_narrative(self, round_: Round) -> None:
        """Put ``round_``'s text in the narrative fields, keeping what they read for the round left."""
        self._kept[self._narrative_round] = self.read().narrative
        self._started_from_other = self._starts_from_other(round_)
        texts = self._kept[round_] if round_ in self._kept else narrative_input(self.plan, round_)
        self._narrative_round = round_
        self._narrative_original = dict(texts)
        for key in NARRATIVE_KEYS:
            name = f"narrative.{key}"
            widget = self._controls[name]
            assert isinstance(widget, TextArea)
            widget.text = shown_block(texts.get(key, ""))
            self._shown[name] = widget.text
            widget.scroll_home(animate=False)
        self.query_one("#narrative-round", Static).update(self._narrative_hint())

    # --- reading ----------------------------------------------------------------------------------

    def read(self) -> PlanInput:
        """The form's current values (stored ones for fields not edited)."""
        o = self._original
        if not self._rows:  # not composed yet: nothing can have been edited
            return copy.deepcopy(o)
        narrative_original = self._narrative_original
        signatures: dict[SignRole, Signatory] = {}
        for role in SignRole:
            stored = o.signatures.get(role)
            who = stored or Signatory()
            name = self._text(signature_field(role, "name"), who.name)
            position = self._text(signature_field(role, "position"), who.position)
            if stored is not None or name or position:
                signatures[role] = Signatory(name, position)
        return PlanInput(
            **self._read_fields(PLAN_FIELDS, o),
            narrative={
                key: self._text(f"narrative.{key}", narrative_original.get(key, "")) for key in NARRATIVE_KEYS
            },
            signatures=signatures,
        )


def signature_field(role: SignRole, part: str) -> str:
    """The field of a signatory's name or position ("signatures.reviewer.position")."""
    return f"signatures.{role.value}.{part}"


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def emblem_warning(path: str) -> str | None:
    """What is wrong with an emblem's path, as a warning; None when the file is a PNG or JPEG.

    Never an error: the file may be on a drive not mounted now, and the plan is saved all the same
    (the Word and PDF exports say so again, and refuse, while the file cannot be read)."""
    path = path.strip()
    if not path:
        return None
    target = Path(path)  # as the Word and PDF writers open it: "~" is not a home folder there
    try:
        if not target.exists():
            return (
                "ไม่พบไฟล์นี้ในขณะนี้ ส่งออก Word และ PDF ได้เมื่อพบไฟล์ หรือเว้นช่องนี้ว่างไว้"
                " (file not found now: the Word and PDF exports need it, or leave this empty)"
            )
        if not target.is_file():
            return "เป็นโฟลเดอร์ ไม่ใช่ไฟล์ภาพ (a folder, not an image file)"
        with target.open("rb") as image:
            head = image.read(8)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return "เปิดไฟล์นี้ไม่ได้ในขณะนี้ (cannot open the file now)"
    if not (head.startswith(PNG_MAGIC) or head.startswith(JPEG_MAGIC)):
        return "ไม่ใช่ไฟล์ภาพ PNG หรือ JPEG (not a PNG or JPEG image)"
    return None
