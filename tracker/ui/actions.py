"""Every action of the app in one table: its key, its Thai name and its English gloss.

The app's key bindings, the command palette and the help screen are all made from this table, so
a key can never be documented differently from what it does.

Every binding made from it has a stable id ("tracker.add-project"): a keymap given to textual's
``App.set_keymap`` ({"tracker.add-project": "f2"}) moves an action to other keys. The footer and the
help read the keys in force (textual's active bindings); what else names a key reads it with
:func:`key_for`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding

ID_PREFIX = "tracker."
"""What the id of every binding made from the table starts with."""


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    """The app's action (``action_<name>``)."""
    keys: str
    thai: str
    english: str
    show: bool = True
    """Whether the footer shows it (the footer stays short; help and the palette show everything)."""
    key_display: str | None = None
    tree_only: bool = True
    """Bound on the tree, not the app: a letter typed into a form field is text, never a command."""
    id: str | None = None
    """The binding's id for a keymap; "tracker." and the action's name (dashed) unless given."""

    @property
    def binding_id(self) -> str:
        """The id of the binding made from this row (see :func:`bindings`)."""
        return self.id or ID_PREFIX + self.name.replace("_", "-")


ACTIONS: tuple[Action, ...] = (
    Action("add_project", "a", "เพิ่ม", "Add a project to a dimension"),
    Action("delete_project", "d,delete", "ลบ", "Delete the project (asks first)", key_display="d"),
    Action("duplicate_project", "c", "ทำสำเนา", "Duplicate the project", show=False),
    Action("move_up", "shift+up,K", "เลื่อนขึ้น", "Move the project up", show=False, key_display="⇧↑"),
    Action("move_down", "shift+down,J", "เลื่อนลง", "Move the project down", show=False, key_display="⇧↓"),
    Action("toggle_entered", "m", "ทำเครื่องหมาย e-PlanNACC",
           "Mark the project entered in e-PlanNACC this round (m again takes the mark off)"),
    Action("switch_round", "r", "สลับรอบ", "Switch between the 6- and 12-month rounds", show=False),
    Action("switch_plan", "p", "เลือกแผน", "Switch to another plan", show=False),
    Action("next_year", "n", "เริ่มปีงบประมาณถัดไป", "Start next fiscal year from this plan", show=False),
    Action("filter", "slash", "กรอง", "Filter the tree by words, status, dimension or unit", key_display="/"),
    # Offered (and in the footer) only while a filter is on: the app's check_action hides it otherwise.
    Action("clear_filter", "escape", "ล้างตัวกรอง", "Clear the filter, show every project", key_display="esc"),
    Action("toggle_digits", "t", "เลขไทย/อารบิก", "Toggle Thai and Arabic digits", show=False),
    Action("summary", "s", "สรุป", "Summary of the plan (part 2)"),
    Action("toggle_checks", "x", "ตรวจสอบ", "Show or hide what the checks find in the plan"),
    Action("export", "e", "ส่งออก",
           "Export the report (Word, PDF, Markdown, plain text or CSV) or the e-PlanNACC entry sheet"),
    Action("history", "h", "ประวัติ", "History: who changed what, and when", show=False),
    Action("help", "question_mark", "วิธีใช้", "Help: every key", key_display="?", show=False),
    Action("request_quit", "q", "ออก", "Quit (saves first)"),
    Action("focus_tree", "escape", "กลับไปที่ต้นไม้", "Back to the tree (saves first)", tree_only=False,
           key_display="esc"),
    Action("undo", "ctrl+z", "เลิกทำ", "Undo the last change (also after it was saved)", tree_only=False,
           show=False),
    Action("redo", "ctrl+y", "ทำซ้ำ", "Redo what was undone", tree_only=False, show=False),
    Action("save", "ctrl+s", "บันทึก", "Save now (edits also save by themselves)", tree_only=False),
    # The second key of an action (working in forms too) has an id of its own: a keymap moves each apart.
    Action("help", "f1", "วิธีใช้", "Help: every key", tree_only=False, id="tracker.help-anywhere"),
    Action("request_quit", "ctrl+q", "ออก", "Quit (saves first)", tree_only=False, show=False,
           id="tracker.request-quit-anywhere"),
    Action("command_palette", "ctrl+p", "ค้นหาคำสั่ง", "Find any command by name", tree_only=False, show=False),
)


def binding(action: Action, *, namespace: str | None = None, show: bool | None = None) -> Binding:
    """The binding of ``action``, with its id (:attr:`Action.binding_id`).

    ``namespace``: where a widget binding it runs the action (:data:`PLAN_SCREEN`: the plan's screen); ``show``:
    whether the footer shows it, when not as the table says.
    """
    return Binding(
        action.keys,
        f"{namespace}.{action.name}" if namespace else action.name,
        action.thai,
        show=action.show if show is None else show,
        tooltip=action.english,
        key_display=action.key_display,
        # ctrl+q always quits; ctrl+z/ctrl+y are the plan's undo even in a text area (which
        # has an undo of its own that would otherwise take them and forget it on every save).
        priority=action.keys in ("ctrl+q", "ctrl+z", "ctrl+y"),
        id=action.binding_id,
    )


PLAN_SCREEN = "main"
"""The action namespace of the plan's screen (the app's ``main``), whichever screen is on top: the
tree's keys and the app-wide ones (f1, ctrl+s, ctrl+z, ...) all run its actions, and its
``check_action`` decides which the footers offer."""


APP_ACTIONS = ("command_palette",)
"""Actions of the app itself (the command palette is the app's, over any screen)."""


def bindings(*, tree: bool) -> list[Binding]:
    """The tree's bindings (``tree=True``) or the app-wide ones, each running the plan screen's action."""
    return [binding(a, namespace="app" if a.name in APP_ACTIONS else PLAN_SCREEN)
            for a in ACTIONS if a.tree_only == tree]


def key_for(action: Action, keymap: Mapping[str, str]) -> str:
    """The key that runs ``action`` under ``keymap`` (as given to ``App.set_keymap``): its first one, as
    the table displays it unless the keymap moved it (the command palette names it so)."""
    moved = keymap.get(action.binding_id)
    if moved:
        return moved.split(",")[0].strip()
    return action.key_display or action.keys.split(",")[0]
