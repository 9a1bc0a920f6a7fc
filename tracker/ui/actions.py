"""Every action of the app in one table: its key, its Thai name and its English gloss.

The app's key bindings, the command palette and the help screen are all made from this table, so
a key can never be documented differently from what it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


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


ACTIONS: tuple[Action, ...] = (
    Action("add_project", "a", "เพิ่ม", "Add a project to a dimension"),
    Action("delete_project", "d,delete", "ลบ", "Delete the project (asks first)", key_display="d"),
    Action("duplicate_project", "c", "ทำสำเนา", "Duplicate the project", show=False),
    Action("move_up", "shift+up,K", "เลื่อนขึ้น", "Move the project up", show=False, key_display="⇧↑"),
    Action("move_down", "shift+down,J", "เลื่อนลง", "Move the project down", show=False, key_display="⇧↓"),
    Action("switch_round", "r", "สลับรอบ", "Switch between the 6- and 12-month rounds", show=False),
    Action("switch_plan", "p", "เลือกแผน", "Switch to another plan", show=False),
    Action("next_year", "n", "เริ่มปีงบประมาณถัดไป", "Start next fiscal year from this plan", show=False),
    Action("filter", "slash", "กรอง", "Filter the tree by words, status, dimension or unit", key_display="/"),
    # Offered (and in the footer) only while a filter is on: the app's check_action hides it otherwise.
    Action("clear_filter", "escape", "ล้างตัวกรอง", "Clear the filter, show every project", key_display="esc"),
    Action("toggle_digits", "t", "เลขไทย/อารบิก", "Toggle Thai and Arabic digits", show=False),
    Action("summary", "s", "สรุป", "Summary of the plan (part 2)"),
    Action("toggle_checks", "x", "ตรวจสอบ", "Show or hide what the checks find in the plan"),
    Action("export", "e", "ส่งออก", "Export the report: Word, PDF, Markdown, plain text or CSV"),
    Action("history", "h", "ประวัติ", "History: who changed what, and when", show=False),
    Action("help", "question_mark", "วิธีใช้", "Help: every key", key_display="?", show=False),
    Action("request_quit", "q", "ออก", "Quit (saves first)"),
    Action("focus_tree", "escape", "กลับไปที่ต้นไม้", "Back to the tree (saves first)", tree_only=False,
           key_display="esc"),
    Action("undo", "ctrl+z", "เลิกทำ", "Undo the last change (also after it was saved)", tree_only=False,
           show=False),
    Action("redo", "ctrl+y", "ทำซ้ำ", "Redo what was undone", tree_only=False, show=False),
    Action("save", "ctrl+s", "บันทึก", "Save now (edits also save by themselves)", tree_only=False),
    Action("help", "f1", "วิธีใช้", "Help: every key", tree_only=False),
    Action("request_quit", "ctrl+q", "ออก", "Quit (saves first)", tree_only=False, show=False),
    Action("command_palette", "ctrl+p", "ค้นหาคำสั่ง", "Find any command by name", tree_only=False, show=False),
)


def bindings(*, tree: bool) -> list[Binding]:
    """The tree's bindings (``tree=True``, calling the app's actions) or the app's own."""
    return [
        Binding(
            a.keys,
            f"app.{a.name}" if tree else a.name,
            a.thai,
            show=a.show,
            tooltip=a.english,
            key_display=a.key_display,
            # ctrl+q always quits; ctrl+z/ctrl+y are the plan's undo even in a text area (which
            # has an undo of its own that would otherwise take them and forget it on every save).
            priority=a.keys in ("ctrl+q", "ctrl+z", "ctrl+y"),
        )
        for a in ACTIONS
        if a.tree_only == tree
    ]
