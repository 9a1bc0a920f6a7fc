"""The terminal app: an editing session of the store's plan, shown by the plan's screen.

The app itself only starts things: it opens the :class:`~tracker.session.EditingSession` (what is
kept, saved and undone), shows it on a :class:`~tracker.ui.plan_screen.PlanScreen` (or a notice when
the store holds no plan), hands keys on in the order typed (:mod:`tracker.ui.keyorder`), saves and
ends when the terminal goes away, and offers every action in the command palette. Its styles are in
``tracker.tcss`` beside this file.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult, ScreenStackError, SystemCommand
from textual.binding import Binding, BindingType, Keymap
from textual.screen import Screen
from textual.widgets import Static

from tracker.domain.model import Round
from tracker.domain.text import safe_line
from tracker.session import EditingSession
from tracker.storage.store import Store
from tracker.ui.actions import ACTIONS, PLAN_SCREEN, bindings, key_for
from tracker.ui.header import plan_title
from tracker.ui.keyorder import KeyOrder
from tracker.ui.plan_screen import PlanScreen
from tracker.ui.terminal import hung_up
from tracker.ui.thai_labels import open_command_palette

TERMINAL_INTERVAL = 2.0
"""Seconds between looks at whether the terminal is still there."""


class EmptyNotice(Static, can_focus=True):
    """What shows when the store holds no plan; q still quits."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "ออก", tooltip="Quit")]


class EmptyScreen(Screen[None]):
    """The store holds no plan: say how to import one."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield EmptyNotice(
            f"ไม่มีแผนใน {safe_line(self.path)} (the store holds no plan)\n"
            "นำเข้ารายงานด้วย tracker import PATH · กด q เพื่อออก",
            id="empty",
            markup=False,
        )

    def on_mount(self) -> None:
        self.query_one(EmptyNotice).focus()


class TrackerApp(App[None]):
    """Keep a plan of ``store``: the tree on the left, the highlighted item's form on the right."""

    TITLE = "แผนปฏิบัติการป้องกันการทุจริต"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings(tree=False))
    CSS_PATH = "tracker.tcss"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # Narrow (80 columns): the form gets the room; wide: half each and a legend (tracker.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (App declares it a plain attribute)

    def __init__(self, store: Store, plan_id: str | None = None, round_: Round | None = None) -> None:
        """Show ``plan_id`` (the store's first plan when None) in ``round_`` (the plan's own by default).

        Raises the store's ``StoreError`` when ``plan_id`` is not in the store.
        """
        super().__init__()
        # The key table's bindings name the plan's screen as "main.<action>" (tracker.ui.actions): an
        # action namespace of our own, resolved by Textual as this app's attribute of that name.
        self._action_targets.add(PLAN_SCREEN)
        self.session = EditingSession(store, plan_id, round_)
        if self.session.plan is not None:
            self.title = plan_title(self.session.plan)
        self._keys = KeyOrder(self)
        self._hung_up = False
        self.keys_moved: Keymap = {}
        """The keymap in force (binding id to keys): the palette names an action's key as moved."""

    def get_default_screen(self) -> Screen[None]:
        if self.session.plan is None:
            return EmptyScreen(str(self.session.store.path))
        return PlanScreen(self.session, keys_settled=lambda: self._keys.idle)

    @property
    def main(self) -> Screen[None]:
        """The screen at the bottom of the stack: the plan's (the actions' namespace "main"), or the
        notice of an empty store, where the plan's actions are not found and do nothing."""
        screen: Screen[None] = self.screen_stack[0]
        return screen

    @property
    def keys_settled(self) -> bool:
        """Whether every key typed so far has been handled (keys wait for the one before: :mod:`keyorder`)."""
        return self._keys.idle

    async def on_event(self, event: events.Event) -> None:
        """Keys (and pastes) from the terminal are handled one at a time, in the order typed (:mod:`keyorder`)."""
        if self._keys.hold(event):
            return
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            try:
                target = self.focused or self.screen
            except ScreenStackError:  # the app is closing: a key held until now has nowhere to go
                return
            await super().on_event(event)
            self._keys.handed_on(event, target)
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        store = self.session.store
        if store.created:
            self.notify(
                f"สร้างฐานข้อมูลใหม่จากแผนตั้งต้นที่ {safe_line(str(store.path))}"
                " (created a new database from the default plan)",
                title="ฐานข้อมูลใหม่",
                timeout=8,
                markup=False,
            )
        for warning in self.session.take_warnings():
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self.set_interval(TERMINAL_INTERVAL, self._watch_terminal)
        hang_up_signal = getattr(signal, "SIGHUP", None)  # Windows has none: hung_up() alone watches there
        if hang_up_signal is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().add_signal_handler(hang_up_signal, self._hang_up)

    def _watch_terminal(self) -> None:
        """Every few seconds: is the terminal still there (see :mod:`tracker.ui.terminal`)?"""
        if hung_up():
            self._hang_up()

    def _hang_up(self) -> None:
        """The terminal has gone: save what can be saved (nobody is left to ask) and end, letting go of
        the database. An edit that fails its checks is never applied, so it is not saved, as always."""
        if self._hung_up:
            return
        self._hung_up = True
        with contextlib.suppress(Exception):
            self.session.save()
        self.exit(return_code=129)

    def set_keymap(self, keymap: Keymap) -> None:
        """Move keys: ``keymap`` maps a binding id (:attr:`tracker.ui.actions.Action.binding_id`) to keys."""
        self.keys_moved = dict(keymap)
        super().set_keymap(keymap)

    # --- the command palette offers every action of the table (and only those: all in Thai) ------

    def action_command_palette(self) -> None:
        """Textual's palette with its own words in Thai (see :mod:`tracker.ui.thai_labels`)."""
        open_command_palette(self)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if self.session.plan is None:
            return
        seen: set[str] = {"command_palette"}
        for action in ACTIONS:
            if action.name in seen:
                continue
            seen.add(action.name)
            yield SystemCommand(
                f"{action.thai} ({action.english})",
                f"ปุ่ม {key_for(action, self.keys_moved)}",
                partial(self.run_action, f"{PLAN_SCREEN}.{action.name}"),
            )
