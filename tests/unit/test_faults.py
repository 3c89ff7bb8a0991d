"""The disk fills up, or the data folder turns read-only, in the middle of a meeting.

Each fault is injected at one step of a durable write (temp file, write, chmod, fsync, rename).
What must hold every time: the facilitator gets one plain sentence naming the file and the
reason; every file already in the data folder is unchanged, byte for byte; the live meeting in
memory is what it was before the action; and once the fault is gone, the same action works.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from meetings.files import bundled_templates
from meetings.live import LiveMeeting, plan_meeting
from meetings.models import Attendance, Meeting
from meetings.store import Store, StoreError
from tests.conftest import SAMPLE_SLUG, rendered_text, wait_until
from tui.app import MastermindApp
from tui.screens.live import LiveScreen

ENOSPC = os.strerror(errno.ENOSPC)  # "No space left on device"
EROFS = os.strerror(errno.EROFS)  # "Read-only file system"


def _raise(code: int) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


class _FullDisk:
    """A file object whose writes fail half way, as on a disk that has just filled up."""

    def __init__(self, real: object):
        self._real = real

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, ENOSPC)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()  # type: ignore[attr-defined]


def _install(monkeypatch: pytest.MonkeyPatch, fault: str) -> str:
    """Break durable writes at one step; return the reason the facilitator should read."""
    if fault == "disk full at the temp file":
        monkeypatch.setattr(tempfile, "mkstemp", _raise(errno.ENOSPC))
        return ENOSPC
    if fault == "read-only at the temp file":
        monkeypatch.setattr(tempfile, "mkstemp", _raise(errno.EROFS))
        return EROFS
    if fault == "disk full half way through the write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k)))
        return ENOSPC
    if fault == "read-only at chmod":
        monkeypatch.setattr(os, "fchmod", _raise(errno.EROFS))
        return EROFS
    if fault == "disk full at fsync":
        monkeypatch.setattr(os, "fsync", _raise(errno.ENOSPC))
        return ENOSPC
    if fault == "read-only at the rename":
        monkeypatch.setattr(os, "replace", _raise(errno.EROFS))
        return EROFS
    raise AssertionError(fault)


FAULTS = [
    "disk full at the temp file",
    "read-only at the temp file",
    "disk full half way through the write",
    "read-only at chmod",
    "disk full at fsync",
    "read-only at the rename",
]


def every_file(root: Path) -> dict[str, bytes]:
    """Every file in the data folder with its bytes (temp files included, so none may be left)."""
    # .live/ holds the running app's advisory heartbeat (a time stamp), not data.
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.parts[len(root.parts)] != ".live"}


def planned(store: Store) -> Meeting:
    """Founders Circle's next meeting, planned and saved, not started."""
    group = store.group(SAMPLE_SLUG)
    history = store.history(SAMPLE_SLUG)
    template = next(t for t in bundled_templates() if t.slug == group.default_template)
    last = history[-1]
    meeting = plan_meeting(
        group, template, on=last.next_date, number=last.number + 1,
        attendance=[Attendance(member_id=m.id) for m in group.active_members],
    )
    store.save_meeting(meeting)
    return meeting


@pytest.fixture
def live(sample_store: Store, fixed_clock) -> Iterator[LiveMeeting]:
    """A started meeting of Founders Circle with one commitment made, saved through the store."""
    meeting = planned(sample_store)
    group = sample_store.group(SAMPLE_SLUG)
    history = sample_store.history(SAMPLE_SLUG)
    lm = LiveMeeting(meeting, group, history, save=sample_store.save_meeting, clock=fixed_clock)
    lm.start()
    fixed_clock.advance(minutes=3)
    lm.add_commitment(group.members[0].id, "send the pricing survey to 20 customers")
    yield lm


def actions(lm: LiveMeeting) -> dict[str, Callable[[], object]]:
    """Actions of each kind a facilitator takes: capture, move on, mark a review, close."""
    owner = lm.group.members[1].id
    earlier_commitments, _ = lm.open_items()
    return {
        "commitment": lambda: lm.add_commitment(owner, "introduce Chen to two angel investors"),
        "note": lambda: lm.add_note("we meet in person in January"),
        "next item": lm.next_item,
        "review": lambda: lm.review("commitment", earlier_commitments[0].id, "done"),
        "close": lm.close,
    }


# --------------------------------------------------------------------------- the store


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_meeting_write_says_why_and_keeps_every_file_byte_for_byte(
    live: LiveMeeting, sample_store: Store, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    before = every_file(sample_store.root)
    changed = live.meeting.model_copy(update={"current": 2})
    reason = _install(monkeypatch, fault)
    with pytest.raises(StoreError) as caught:
        sample_store.save_meeting(changed)
    monkeypatch.undo()
    message = str(caught.value)
    assert reason in message and "nothing was changed" in message
    assert sample_store.meeting_path(changed).name in message
    assert "\n" not in message and "Traceback" not in message
    assert every_file(sample_store.root) == before


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_group_write_keeps_the_group_file_byte_for_byte(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    group = sample_store.group(SAMPLE_SLUG)
    before = every_file(sample_store.root)
    reason = _install(monkeypatch, fault)
    with pytest.raises(StoreError, match=reason):
        sample_store.save_group(group.model_copy(update={"name": "Founders Circle II"}))
    monkeypatch.undo()
    assert every_file(sample_store.root) == before
    assert sample_store.group(SAMPLE_SLUG).name == "Founders Circle"


# --------------------------------------------------------------------------- the live meeting


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("action", ["commitment", "note", "next item", "review", "close"])
def test_a_live_action_that_cannot_be_saved_leaves_the_meeting_as_it_was(
    live: LiveMeeting, sample_store: Store, monkeypatch: pytest.MonkeyPatch, fault: str, action: str
) -> None:
    before_files = every_file(sample_store.root)
    before = live.meeting
    before_dump = before.model_dump()
    do = actions(live)[action]
    reason = _install(monkeypatch, fault)
    with pytest.raises(StoreError, match=reason):
        do()
    monkeypatch.undo()
    assert live.meeting is before and live.meeting.model_dump() == before_dump
    assert every_file(sample_store.root) == before_files
    # The disk has room again: the very same action goes through and is on disk.
    do()
    assert live.meeting.model_dump() != before_dump
    reread = Store(sample_store.root, writer=False).meeting(SAMPLE_SLUG, live.meeting.id)
    assert reread == live.meeting


def test_a_meeting_that_could_not_be_closed_is_still_resumed_as_live(
    live: LiveMeeting, sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(monkeypatch, "disk full at fsync")
    with pytest.raises(StoreError):
        live.close()
    monkeypatch.undo()
    (unfinished,) = Store(sample_store.root, writer=False).unfinished(SAMPLE_SLUG)
    assert unfinished.id == live.meeting.id and not unfinished.closed
    assert unfinished.commitments == live.meeting.commitments


# --------------------------------------------------------------------------- the live screen


SIZE = (120, 36)


async def resume_live(pilot) -> LiveScreen:
    """From home, resume the unfinished meeting."""
    await wait_until(pilot, lambda: bool(pilot.app.screen.query("#groups")), what="the home screen")
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, LiveScreen), what="the live screen")
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


def message(screen: LiveScreen) -> str:
    return str(screen.query_one("#capture-message", Static).content)


@pytest.mark.parametrize("fault", ["disk full at the temp file", "read-only at the rename"])
async def test_the_live_screen_shows_a_full_disk_and_carries_on(
    sample_store: Store, fixed_clock, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    meeting = planned(sample_store)
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await resume_live(pilot)
        assert screen.meeting.id == meeting.id
        planned_minutes = screen.meeting.items[0].planned_minutes
        before = every_file(sample_store.root)

        reason = _install(monkeypatch, fault)
        await pilot.press("plus")
        await wait_until(pilot, lambda: reason in message(screen), what="the error on screen")
        assert reason in rendered_text(app)
        assert app.is_running and app.screen is screen
        assert screen.meeting.items[0].planned_minutes == planned_minutes

        # A quick capture that cannot be saved keeps what was typed, to try again.
        await pilot.press("slash")
        await pilot.press(*"n: we meet in person in January")
        await pilot.press("enter")
        await wait_until(pilot, lambda: reason in message(screen), what="the capture error")
        assert screen.query_one("#capture-line", Input).value == "n: we meet in person in January"
        assert screen.meeting.notes == []
        await pilot.press("escape")

        # Ending the meeting cannot be saved either: still on the live screen, still live.
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: reason in message(screen), what="the close error")
        assert app.screen is screen and not screen.meeting.closed
        assert every_file(sample_store.root) == before

        monkeypatch.undo()
        await pilot.press("plus")
        await wait_until(pilot, lambda: "+5 min" in message(screen), what="the extension confirmed")
        assert screen.meeting.items[0].planned_minutes == planned_minutes + 5
        reread = Store(sample_store.root, writer=False).meeting(SAMPLE_SLUG, meeting.id)
        assert reread.items[0].planned_minutes == planned_minutes + 5


async def test_a_save_that_raises_a_bare_os_error_is_shown_not_a_crash(
    sample_store: Store, fixed_clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned(sample_store)

    def refuse(meeting: Meeting) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(sample_store.root))

    # Bound before the live screen takes the store's save: every action of that screen fails.
    monkeypatch.setattr(sample_store, "save_meeting", refuse)
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await resume_live(pilot)
        await pilot.press("space")
        await wait_until(pilot, lambda: "Permission denied" in message(screen), what="the error on screen")
        assert app.is_running and app.screen is screen
        assert not screen.live.running and screen.meeting.started_at is None  # type: ignore[union-attr]
