"""Shared fixtures: a hand-driven clock, a data folder holding a sample group with history, and
an Input cursor that never blinks (so SVG snapshots are the same on every run)."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings
from rich.console import Console
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from meetings.demo import generate_history
from meetings.files import bundled_groups, bundled_templates
from meetings.models import Group, Meeting
from meetings.store import Store

# Property tests are judged on what they find, not on time: a busy CI machine must not turn a
# slow example into a failure (hypothesis's default deadline is 200 ms per example).
settings.register_profile("mastermind", deadline=None, print_blob=True)
settings.load_profile("mastermind")

# The founders' next meeting after a seeded three-meeting history (which ends Tue 27 Oct 2026).
MEETING_DAY_START = datetime(2026, 11, 10, 18, 0, tzinfo=timezone.utc)
SAMPLE_SLUG = "founders-circle"


class FixedClock:
    """A clock that moves only when a test says so: ``now()`` is aware UTC, like SystemClock."""

    def __init__(self, start: datetime = MEETING_DAY_START):
        if start.tzinfo is None:
            raise ValueError("the clock keeps aware UTC times")
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> datetime:
        """Move time forward, as if the room had talked for that long."""
        self.current += timedelta(seconds=seconds, minutes=minutes)
        return self.current


@pytest.fixture(autouse=True, scope="session")
def _utc_local_time() -> Iterator[None]:
    # Screens show local dates (astimezone()); pin the zone so dates do not depend on the machine.
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture(autouse=True)
def _steady_input_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the Input cursor blink: a snapshot taken mid-blink would differ from run to run."""

    def stay_visible(self: Input) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", stay_visible)


@pytest.fixture
def fixed_clock() -> FixedClock:
    """A clock at 18:00 UTC on Tue 10 Nov 2026, the founders' next meeting day."""
    return FixedClock()


def sample_group(slug: str = SAMPLE_SLUG) -> Group:
    """A bundled sample group by slug."""
    return next(g for g in bundled_groups() if g.slug == slug)


def sample_history(group: Group, count: int = 3, seed: int = 1) -> list[Meeting]:
    """Seeded closed meetings of a group (same seed, same meetings, ids included)."""
    return generate_history(group, count, seed=seed, templates=bundled_templates())


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[Store]:
    """A writable data folder holding Founders Circle and three closed meetings of history."""
    store = Store(tmp_path / "data")
    group = sample_group()
    store.save_group(group)
    for meeting in sample_history(group):
        store.save_meeting(meeting)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    """A writable, empty data folder (first run)."""
    store = Store(tmp_path / "data")
    yield store
    store.close()


def rendered_text(app: App[object]) -> str:
    """What the terminal shows right now, as plain text (the same render an SVG snapshot takes)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
        legacy_windows=False, safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def wait_until(pilot: Pilot[object], condition: Callable[[], bool], *, timeout: float = 5.0, what: str = "") -> None:
    """Let the app run until ``condition()`` holds; fail (saying what was awaited) after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)


@pytest.fixture
def screen_text() -> Callable[[App[object]], str]:
    """``screen_text(app)``: the screen as plain text."""
    return rendered_text


@pytest.fixture
def until() -> Callable[..., Awaitable[None]]:
    """``await until(pilot, condition, what=...)``: wait for a condition, with a timeout."""
    return wait_until


async def type_keys(pilot: Pilot[object], text: str) -> None:
    """Type text as key events, one per character, then let the app catch up.

    The same Key events ``pilot.press`` sends, queued together: ``press`` waits for idle after
    every key (0.1 s each), which makes a whole meeting's typing take a minute.
    """
    app = pilot.app
    for character in text:
        event = events.Key(_character_to_key(character), character)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


@pytest.fixture
def typer() -> Callable[[Pilot[object], str], Awaitable[None]]:
    """``await typer(pilot, "text")``: type into whatever has focus."""
    return type_keys
