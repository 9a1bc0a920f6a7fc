"""Fixtures for the UI tests: a hand-made plan in a store on a temporary file, and a way to read the screen."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from tests.ui.sample import sample_plan, sample_store
from tracker.domain.findings import Finding
from tracker.domain.model import Plan
from tracker.storage.store import Store
from tracker.ui.checks_panel import ChecksPanel


@pytest.fixture
def plan() -> Plan:
    return sample_plan()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = sample_store(tmp_path / "plans.json")
    yield store
    store.close()


def screen_lines(app: App[Any]) -> list[str]:
    """The text on the terminal, one string per row, as a user would read it."""
    # textual has no public "text of the screen"; the compositor's strips are what it paints.
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))


def notes(app: App[Any]) -> list[str]:
    """The messages the app has shown (its toasts), oldest first.

    Textual has no public list of an app's notifications: this is the one place a test reads its
    private ``_notifications``.
    """
    return [str(n.message) for n in app._notifications]


async def keys_handled(pilot: Pilot[Any]) -> None:
    """Wait until the app has handled every key sent to it (the tracker hands each key on only once the
    one before has been handled: :mod:`tracker.ui.keyorder`); other apps after one pause."""
    await pilot.pause()
    for _ in range(500):
        if getattr(pilot.app, "keys_settled", True):
            return
        await pilot.pause(0.02)
    raise AssertionError("keys still waiting after 10 s")


def send_key(app: App[Any], key: str, char: str | None) -> None:
    """Hand one key to the app the way its terminal driver does (and not yet handled when this returns)."""
    driver = app._driver
    assert driver is not None
    event = events.Key(key, char)
    event.set_sender(app)
    driver.send_message(event)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` as a terminal delivers them to the tracker when typed quickly: all at once, then wait
    until each has been handled (the tracker hands a key on only once the one before has been handled
    and what it set in motion has settled, :mod:`tracker.ui.keyorder`).

    The same keys as ``Pilot.press`` (names such as ``"down"``, ``"ctrl+s"``, single characters, and
    ``"wait:MS"`` for a pause), without its pause of two idle frames after every key: most of a UI test's
    time was that pause. Another app (with no key order) gets ``Pilot.press``.
    """
    app = pilot.app
    if not hasattr(app, "keys_settled"):
        await pilot.press(*keys)
        return
    for key in keys:
        if key.startswith("wait:"):
            await keys_handled(pilot)
            await pilot.pause(int(key.removeprefix("wait:")) / 1000)
            continue
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        char: str | None
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        send_key(app, key, char)
    await keys_handled(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` as a terminal delivers it, one key per character.

    ``Pilot.press`` loses Thai vowel and tone marks (it rebuilds a character from the key's name and
    fails for combining marks), so each key is sent with its character, as the terminal driver does.
    """
    for char in text:
        send_key(pilot.app, _character_to_key(char) if len(char) == 1 and not char.isalnum() else char, char)
    await keys_handled(pilot)


async def highlight_finding(pilot: Pilot[Any], panel: ChecksPanel, wanted: Callable[[Finding], bool], what: str) -> Finding:
    """Set-up: the checks panel's highlight put straight on the first finding ``wanted`` accepts (the
    arrow keys' walk through the panel is not what the tests using this are about)."""
    seen: list[str] = []
    for index in range(panel.option_count):
        panel.highlighted = index
        current = panel.current
        if current is not None and wanted(current):
            await pilot.pause()
            return current
        seen.append(current.message if current is not None else "-")
    raise AssertionError(f"{what} not in the panel: {seen}")

