"""The installed `mastermind` in a real terminal: a meeting is started, something is captured,
the process is killed with SIGKILL (no chance to clean up), and the next start resumes it.

Skipped where tmux or the `mastermind` command is missing, except in CI (the CI variable set),
where that is a failure. `bash scripts/test` installs the command (in .venv/bin).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux import Tmux

from meetings.models import ItemKind, MeetingStatus
from meetings.store import Store

pytestmark = pytest.mark.e2e


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        why = f"`{tool}` is not installed (tmux: apt-get install tmux; mastermind: bash scripts/test installs it)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the real-terminal tests: {why}")
        pytest.skip(why)
    return path


@pytest.fixture
def terminal() -> Iterator[Tmux]:
    _require("tmux")
    term = Tmux(100, 30)
    yield term
    term.kill()


def unfinished(data: Path):
    """The founders' unfinished meetings, read from disk by a separate reader."""
    return Store(data, writer=False).unfinished("founders-circle")


def test_a_killed_meeting_resumes_at_the_same_item_with_what_was_captured(terminal, tmp_path):
    mastermind = _require("mastermind")
    data = tmp_path / "data"
    command = [mastermind, "--data-dir", str(data)]
    terminal.start(command)

    # First run: an empty data folder offers the samples; l loads them.
    terminal.wait_for("No groups yet")
    terminal.send("l")
    screen = terminal.wait_for("no meetings yet")
    lines = screen.splitlines()
    first = next(i for i, line in enumerate(lines) if "members" in line)
    founders = next(i for i, line in enumerate(lines) if "Founders Circle" in line)

    # Open Founders Circle's setup and start the meeting.
    terminal.send(*["Down"] * (founders - first), "Enter")
    terminal.wait_for("New meeting of Founders Circle")
    terminal.send("C-s")
    terminal.wait_for("1. Wins round")
    terminal.wait_for("Floor: Ana Souza")

    # Quick capture: the confirmation comes only once it is on disk.
    terminal.send("/")
    terminal.type("c: Ana send the pricing survey to 20 customers")
    terminal.send("Enter")
    terminal.wait_for("Saved: commitment · Ana Souza: send the pricing survey to 20 customers")
    (meeting,) = unfinished(data)
    assert [c.text for c in meeting.commitments] == ["send the pricing survey to 20 customers"]

    # Leave the line, go to the next item: the screen shows it once it is saved.
    terminal.wait_for("esc Leave field")
    terminal.send("Escape")
    # The footer shows the screen's keys again once the line has let go (an Escape followed
    # at once by n would reach the app as one alt+n, as from any terminal).
    terminal.wait_gone("esc Leave field")
    terminal.wait_for("Next item")
    terminal.send("n")
    screen = terminal.wait_for("2. Accountability")
    assert "▶ Accountability" in screen
    (meeting,) = unfinished(data)
    assert meeting.current == 1 and meeting.items[1].kind == ItemKind.ACCOUNTABILITY

    # SIGKILL: no exit handler runs, the lock file stays behind.
    pid = terminal.find_process("mastermind")
    terminal.kill_process(pid)
    assert (data / ".lock").exists()
    # The kernel released the lock with the process: a writer can open the folder now.
    Store(data).close()

    # Start again in the same terminal: home offers the unfinished meeting.
    terminal.restart(command)
    screen = terminal.wait_for("unfinished")
    assert "meeting 1 unfinished (r to resume)" in screen
    terminal.send("r")
    screen = terminal.wait_for("2. Accountability")
    assert "▶ Accountability" in screen and "✓ Wins round" in screen

    (meeting,) = unfinished(data)
    assert meeting.status == MeetingStatus.LIVE and meeting.current == 1
    (commitment,) = meeting.commitments
    group = Store(data, writer=False).group("founders-circle")
    assert group.member_name(commitment.owner) == "Ana Souza"
    assert commitment.text == "send the pricing survey to 20 customers"
    assert commitment.item_id == meeting.items[0].id

    # The resumed app is the writer now: a second start is refused with one plain line.
    second = Tmux(100, 10, session="second")
    try:
        second.start(command, report_exit=True)
        assert second.wait_exit() == 1
        screen = second.screen(history=True)
        errors = [line for line in screen.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1 and "another Mastermind" in errors[0] and "Traceback" not in screen
    finally:
        second.kill()
