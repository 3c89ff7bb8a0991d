"""Kill -9 in the middle of a meeting, twenty times: nothing confirmed is ever lost.

A driver process (tests/unit/crash_driver.py) runs a scripted meeting of 100 actions against a
real data folder and prints "confirmed N" after each action returns. The test waits for a
chosen line, sends SIGKILL at once (the driver is usually in the middle of its next action, often
inside a write), and then reads the folder as the app would on restart.
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meetings.files import bundled_templates
from meetings.live import LiveMeeting, plan_meeting, suggest_hot_seats
from meetings.models import Attendance, Meeting
from meetings.store import Store
from tests.conftest import sample_group, sample_history
from tests.unit import crash_driver
from tests.unit.crash_driver import SCRIPT, SCRIPT_LENGTH, SLUG, ScriptClock, replay

DRIVER = Path(crash_driver.__file__)
REPO = DRIVER.parents[2]
KILLS = 20


class Driver:
    """The driver process, its output read line by line with a deadline (never sleep-and-hope)."""

    def __init__(self, data_dir: Path, first: int, stderr: Path):
        self.stderr_path = stderr
        self._stderr = stderr.open("ab")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(data_dir), str(first)],
            stdout=subprocess.PIPE, stderr=self._stderr, cwd=REPO, env=env, bufsize=0,
        )
        self._buffer = b""
        self.confirmed = first - 1
        self.finished = False

    def _take_lines(self, data: bytes) -> None:
        self._buffer += data
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.startswith(b"confirmed "):
                number = int(line.split()[1])
                assert number == self.confirmed + 1, f"actions confirmed out of order: {number} after {self.confirmed}"
                self.confirmed = number
            elif line == b"done":
                self.finished = True

    def wait_for_confirmed(self, number: int, timeout: float = 60.0) -> None:
        """Read output until "confirmed ``number``" (or later) has been printed."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while self.confirmed < number:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"driver did not confirm action {number} in {timeout:.0f}s: {self.errors()}")
                if selector.select(left):
                    data = os.read(self.process.stdout.fileno(), 65536)
                    if not data:
                        raise AssertionError(f"driver ended before confirming action {number}: {self.errors()}")
                    self._take_lines(data)

    def kill(self) -> None:
        """SIGKILL now, then collect whatever it printed before dying."""
        self.process.send_signal(signal.SIGKILL)
        assert self.process.stdout is not None
        rest = self.process.stdout.read()
        self._take_lines(rest)
        self.process.wait(timeout=30)
        self._stderr.close()

    def run_to_end(self, timeout: float = 60.0) -> None:
        self.wait_for_confirmed(SCRIPT_LENGTH, timeout)
        assert self.process.stdout is not None
        self._take_lines(self.process.stdout.read())
        assert self.process.wait(timeout=30) == 0, self.errors()
        self._stderr.close()
        assert self.finished

    def errors(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(errors="replace")[-2000:]


def planned_meeting(store: Store) -> Meeting:
    """Founders Circle's next meeting, planned and saved but not started: the script's action 0."""
    group = store.group(SLUG)
    history = store.history(SLUG)
    template = next(t for t in bundled_templates() if t.slug == group.default_template)
    present = [m.id for m in group.active_members]
    last = history[-1]
    meeting = plan_meeting(
        group, template, on=last.next_date, number=last.number + 1,
        attendance=[Attendance(member_id=mid) for mid in present],
        hot_seats=suggest_hot_seats(group, history, 2, present),
    )
    store.save_meeting(meeting)
    return meeting


def meeting_on_disk(data_dir: Path, meeting_id: str) -> Meeting:
    """The meeting as a restarted app reads it: a fresh reader, nothing cached."""
    return Store(data_dir, writer=False).meeting(SLUG, meeting_id)


@pytest.fixture
def crash_folder(tmp_path: Path) -> tuple[Path, Meeting, list[dict[str, object]]]:
    """A data folder with Founders Circle, three closed meetings and the planned meeting; and
    every state the script takes that meeting through, replayed in memory."""
    data_dir = tmp_path / "data"
    with Store(data_dir) as store:
        group = sample_group()
        store.save_group(group)
        for meeting in sample_history(group):
            store.save_meeting(meeting)
        planned = planned_meeting(store)
        history = store.history(SLUG)
    dry = LiveMeeting(planned, group, history, save=lambda m: None, clock=ScriptClock())
    return data_dir, planned, replay(planned, dry)


def test_the_script_is_a_real_meeting() -> None:
    # The kills below prove little if the script did nothing: it must move through the agenda,
    # capture, review and close.
    kinds = set(SCRIPT[1:])
    assert {"start", "commitment", "ask", "note", "next_item", "review", "speaker", "close"} <= kinds
    assert len(SCRIPT) == SCRIPT_LENGTH + 1


def test_replayed_states_change_as_the_script_says(crash_folder) -> None:
    _, planned, states = crash_folder
    final = Meeting.model_validate(states[-1])
    assert final.closed and final.current > 0
    assert len(final.commitments) >= 10 and final.reviews and final.notes
    # Nearly every action changes the meeting (a few are refused: first item, last speaker...).
    changed = sum(1 for before, after in zip(states, states[1:]) if before != after)
    assert changed >= 80


def test_twenty_kills_lose_no_confirmed_action_and_the_meeting_resumes_where_it_was(crash_folder, tmp_path) -> None:
    data_dir, planned, states = crash_folder
    rng = random.Random(20261110)
    stderr = tmp_path / "driver-stderr.txt"
    done = 0  # actions known to be on disk
    kills = 0
    items_seen = set()
    while kills < KILLS:
        assert done < SCRIPT_LENGTH - 1, f"the script ran out after {kills} kills"
        target = min(SCRIPT_LENGTH - 1, done + rng.randint(1, 4))
        driver = Driver(data_dir, done + 1, stderr)
        driver.wait_for_confirmed(target)
        driver.kill()
        kills += 1
        confirmed = driver.confirmed

        on_disk = meeting_on_disk(data_dir, planned.id).model_dump(mode="json")
        # Every confirmed action is there; at most the one in flight got there too.
        assert on_disk in (states[confirmed], states[min(confirmed + 1, SCRIPT_LENGTH)]), (
            f"kill {kills} after 'confirmed {confirmed}': the folder holds neither state {confirmed} nor {confirmed + 1}"
        )
        done = confirmed if on_disk == states[confirmed] else confirmed + 1
        assert on_disk["current"] == states[done]["current"]
        items_seen.add(on_disk["current"])
        # No temp file is mistaken for a meeting, and the lock died with the process.
        assert all(not p.name.startswith(".") for p in Store(data_dir, writer=False).meeting_files(SLUG))
        Store(data_dir).close()

    # Finish the meeting in one last uninterrupted run: the result is the same as never crashing.
    if done < SCRIPT_LENGTH:
        Driver(data_dir, done + 1, stderr).run_to_end()
    final = meeting_on_disk(data_dir, planned.id)
    assert final.model_dump(mode="json") == states[SCRIPT_LENGTH]
    assert final.closed
    assert [m.id for m in Store(data_dir, writer=False).history(SLUG)][-1] == planned.id
    # The kills landed while the meeting was on different items, not all on the first one.
    assert len(items_seen) >= 2
