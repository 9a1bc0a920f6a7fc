"""Keys from the terminal take effect one at a time, in the order they were typed (pastes among them).

Textual hands each key to the widget focused *when the app reads it from its queue*, without waiting for
the key before it to be handled. A burst (a fast typist, a barcode reader, ``tmux send-keys``, a held
arrow) therefore reaches widgets before earlier keys have done their work: Enter opens a dropdown, but the
arrow and Enter typed after it were already given to the closed dropdown; Tab leaves a field, but the
text typed after it was already given to that field; a Backspace bound in the app's keymap runs after
the letters typed after it. The person sees a choice not taken, text in the wrong field, or text lost.

:class:`KeyOrder` holds each key until the one before has finished: it has been handled by the widget it
was given to and by every widget it bubbled through up to the app (whose key bindings run last), and what
it set in motion has settled (a focus moved, a dropdown opened or closed, a form enabled the field that
depends on the choice). Only then is the next key handed on, to the widget focused by then.

A key whose path cannot be followed (its widget removed meanwhile) lets the next one go after
:data:`STUCK_AFTER` seconds; settling is awaited at most :data:`SETTLE_AT_MOST` seconds, so a busy
animation can only slow typing down, never stop it.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.timer import Timer

Typed = events.Key | events.Paste
"""What the person types: a key, or a paste (which must not overtake the keys typed before it)."""

STUCK_AFTER = 1.0
SETTLE_AT_MOST = 0.5
SETTLE_POLL = 0.001


def escape_then_key(event: events.Event) -> tuple[events.Key, events.Key] | None:
    """Esc and a letter that reached the app together, as Esc then the letter; None for any other event.

    A terminal sends Alt+letter as Esc followed by the letter, so Esc typed just before a letter (fast, or
    over a slow remote connection that delivers keys in batches, or tmux ``send-keys``) arrives as Alt+h:
    Esc was lost and the letter typed into the field being left. The app binds no Alt+letter key.
    """
    if not isinstance(event, events.Key) or not event.key.startswith("alt+") or not event.is_printable:
        return None
    escape = events.Key("escape", "\x1b")
    key = events.Key(event.key.removeprefix("alt+"), event.character)
    if event._sender is not None:
        for part in (escape, key):
            part.set_sender(event._sender)
    return escape, key


class KeyOrder:
    """The gate between the terminal's keys and the app (see the module's text).

    The app calls :meth:`hold` first thing for every event it receives and :meth:`handed_on` right after
    it has routed a key it was allowed to handle.
    """

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._waiting: deque[Typed] = deque()
        self._current: Typed | None = None
        self._let_through: Typed | None = None
        self._stuck: Timer | None = None
        self._settling: asyncio.Task[None] | None = None

    @property
    def idle(self) -> bool:
        """Whether every key received has been handled and has settled."""
        return self._current is None and not self._waiting

    def hold(self, event: events.Event) -> bool:
        """Whether ``event`` is a key that must wait its turn (it is kept and handed on later)."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            return False
        if event is self._let_through:
            self._let_through = None
            return False
        parted = escape_then_key(event)
        if parted:
            self._waiting.extend(parted)
            if self._current is None:
                self._next()
            return True
        if self._current is not None:
            self._waiting.append(event)
            return True
        self._start(event)
        return False

    def handed_on(self, event: Typed, target: MessagePump | None) -> None:
        """The app has routed ``event``: to ``target``, or to nobody (a priority binding took it)."""
        if event is not self._current:
            return
        if target is None or not event.is_forwarded or not target.call_later(self._step, event, target):
            self._settle(event)

    # --- following one key ---------------------------------------------------------------------------

    def _start(self, event: Typed) -> None:
        self._current = event
        self._stuck = self._app.set_timer(STUCK_AFTER, lambda: self._settle(event), name="key-stuck")

    def _step(self, event: Typed, node: MessagePump) -> None:
        """``node`` has handled ``event`` (its queue reached the callback posted after it)."""
        if event is not self._current:
            return
        parent = node._parent
        bubbled = (
            parent is not None and event.bubble and (not event._stop_propagation or event._sender is parent)
        )
        if not bubbled or parent is None or not parent.call_later(self._step, event, parent):
            self._settle(event)

    def _settle(self, event: Typed) -> None:
        """``event`` has been handled everywhere: wait for what it set in motion, then hand on the next."""
        if event is not self._current or self._settling is not None:
            return
        if self._stuck is not None:
            self._stuck.stop()
            self._stuck = None
        self._settling = asyncio.create_task(self._await_quiet(event))

    async def _await_quiet(self, event: Typed) -> None:
        """Wait (outside every message queue) until no widget has a message waiting, then release the key."""
        deadline = time.monotonic() + SETTLE_AT_MOST
        while not self._quiet() and time.monotonic() < deadline:
            await asyncio.sleep(SETTLE_POLL)
        # Through the app's queue: a focus change posted there meanwhile is applied before the next key.
        if not self._app.call_later(self._release, event):
            self._release(event)

    def _release(self, event: Typed) -> None:
        if event is not self._current:
            return
        self._current = None
        self._settling = None
        self._next()

    def _quiet(self) -> bool:
        """Whether no widget of the screen (nor the app) has a message waiting."""
        app = self._app
        if not app._message_queue.empty():
            return False
        try:
            screen = app.screen
        except Exception:  # no screen yet, or the app is closing
            return True
        return all(node._message_queue.empty() for node in screen.walk_children(with_self=True))

    def _next(self) -> None:
        if not self._waiting:
            return
        event = self._waiting.popleft()
        self._start(event)
        self._let_through = event
        if not self._app.post_message(event):  # the app is closing: keys after this one are dropped
            self._current = None
            self._waiting.clear()
