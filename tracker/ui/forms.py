"""The two edit forms: a project with its result in a round, and the plan itself.

They live in :mod:`tracker.ui.project_form` and :mod:`tracker.ui.plan_form`, on what both share
(:mod:`tracker.ui.edit_form`, :mod:`tracker.ui.form_widgets`); their fields come from the field catalogue
(:mod:`tracker.domain.fields`). This module names them all where the app and the tests import them.
"""

from __future__ import annotations

from tracker.ui.edit_form import EditForm
from tracker.ui.form_widgets import (
    ERROR_MARK,
    WARNING_MARK,
    WIDE_FORM,
    AmountBox,
    FieldMessage,
    FieldRow,
    TickBox,
    control_id,
    shown_block,
    shown_line,
)
from tracker.ui.plan_form import JPEG_MAGIC, PNG_MAGIC, PlanForm, emblem_warning, signature_field
from tracker.ui.project_form import ProjectForm, offered_units

__all__ = [
    "ERROR_MARK",
    "JPEG_MAGIC",
    "PNG_MAGIC",
    "WARNING_MARK",
    "WIDE_FORM",
    "AmountBox",
    "EditForm",
    "FieldMessage",
    "FieldRow",
    "PlanForm",
    "ProjectForm",
    "TickBox",
    "control_id",
    "emblem_warning",
    "offered_units",
    "shown_block",
    "shown_line",
    "signature_field",
]
