"""The installed `mastermind` in a real terminal (tmux), driven by keys as a facilitator would.

First run, load the samples, run a short meeting, capture, close with ratings, copy the minutes,
quit; at 80x24 and at 200x50. And a window resized in the middle of a meeting. Every step waits
for what the screen should show (polling tmux capture-pane with a deadline), never a bare sleep.

Skipped where tmux or the `mastermind` command is missing, except in CI (the CI variable set),
where that is a failure: CI must run it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tmux import Tmux

from meetings.files import bundled_groups
from meetings.store import Store

pytestmark = pytest.mark.e2e

WAIT_SECONDS = 30.0


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        message = f"{', '.join(missing)} not found (apt-get install -y tmux; bash scripts/test installs the command)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the real-terminal tests: {message}")
        pytest.skip(message)


class Terminal(Tmux):
    """The shared tmux driver, with the waits this story needs: several texts at once, and a
    traceback on screen failing at once rather than after the timeout."""

    def __init__(self, width: int, height: int, status_file: Path):
        super().__init__(width, height)
        self.status_file = status_file

    def start(self, argv: list[str], *, env: dict[str, str] | None = None) -> None:
        # Without MASTERMIND_DATA_DIR from the test's own environment: the folder is given. And
        # without COLUMNS/LINES: curses, loaded by some test tool, exports them into the C
        # environment that tmux inherits, and they would pin the app's size through any resize.
        # The exit status goes to a file (tmux 3.3 leaves #{pane_dead_status} empty).
        script = 'env -u MASTERMIND_DATA_DIR -u COLUMNS -u LINES "$@"; echo $? > "$STATUS_FILE"'
        super().start(["env", f"STATUS_FILE={self.status_file}", "sh", "-c", script, "sh", *argv], env=env)

    def wait_for(self, *texts: str, timeout: float = WAIT_SECONDS, history: bool = False) -> str:  # type: ignore[override]
        def shown(screen: str) -> bool:
            assert "Traceback" not in screen, f"a traceback on screen:\n{screen}"
            return all(text in screen for text in texts)

        return self.wait_until(shown, timeout=timeout, what=repr(texts), history=history)

    def press(self, *keys: str) -> None:
        self.send(*keys)

    def resize(self, width: int, height: int) -> None:
        self.run("resize-window", "-t", self.session, "-x", str(width), "-y", str(height))
        self.width, self.height = width, height

    def ended_with(self, timeout: float = WAIT_SECONDS) -> int:
        """Wait for the program to end; its exit status."""
        self.wait_until(lambda _: self.status_file.exists() and self.status_file.read_text().strip() != "",
                        timeout=timeout, what="the program to end")
        return int(self.status_file.read_text())


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator[Callable[[int, int], Terminal]]:
    _need("tmux", "mastermind")
    made: list[Terminal] = []

    def make(width: int, height: int) -> Terminal:
        terminal = Terminal(width, height, tmp_path / f"exit-status-{len(made)}")
        made.append(terminal)
        return terminal

    yield make
    for terminal in made:
        terminal.kill()


def first_group_name() -> str:
    """Home lists groups by name: the sample group highlighted first."""
    return sorted(bundled_groups(), key=lambda g: g.name.lower())[0].name


def start_meeting(terminal: Terminal, data: Path) -> None:
    """First run on an empty folder: samples offered, loaded, a meeting of the first group started."""
    terminal.start([shutil.which("mastermind") or "mastermind", "--data-dir", str(data)])
    terminal.wait_for("No groups yet", "Founders Circle")
    terminal.press("l")
    terminal.wait_for("Your groups", "no meetings yet")
    terminal.press("Enter")
    terminal.wait_for(f"New meeting of {first_group_name()}")
    terminal.press("C-s")
    terminal.wait_for("Purpose:", "1. ")


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_a_first_meeting_from_samples_to_copied_minutes(terminal_factory, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    terminal = terminal_factory(*size)
    start_meeting(terminal, data)

    # Quick capture: a decision, saved before the screen says so.
    terminal.press("/")
    terminal.type("d: we meet in person in January")
    terminal.press("Enter")
    terminal.wait_for("Saved: decision", "esc Leave field")
    terminal.press("Escape")
    # Out of the field, the footer offers the meeting's keys again (and an Escape followed at
    # once by "x" would read as alt+x). Wait for the field's footer to go first: under load the
    # footer can still show the meeting's keys from before "/" when the Escape is sent.
    terminal.wait_gone("esc Leave field")
    terminal.wait_for("n Next item")

    # Straight to the close item; ratings typed into the first field of the close panel.
    terminal.press("x")
    terminal.wait_for("Ratings 1-10")
    # In the ratings field the footer drops the meeting's keys (letters are text there).
    terminal.wait_gone("n Next item")
    terminal.type("8 9 7")
    terminal.press("Enter")
    terminal.wait_for("3 rating(s) saved")

    terminal.press("C-e")
    terminal.wait_for("Close the meeting and write the minutes?")
    terminal.press("y")
    before = terminal.wait_for("minutes of meeting 1")
    assert "Minutes" not in before
    terminal.press("c")
    terminal.wait_for("Minutes")  # the notice: "Minutes copied", or "Minutes" saved to a file
    minutes = list((data / "minutes").glob("*.txt"))
    # The copied text is always saved to a file as well (there may be no clipboard at all).
    deadline = time.monotonic() + WAIT_SECONDS
    while not minutes and time.monotonic() < deadline:
        time.sleep(0.05)
        minutes = list((data / "minutes").glob("*.txt"))
    assert len(minutes) == 1
    text = minutes[0].read_text(encoding="utf-8")
    assert "we meet in person in January" in text and "Rating: 8.0 / 10 (3 votes)" in text

    terminal.press("C-q")
    assert terminal.ended_with() == 0
    # What the screens confirmed is on disk: one closed meeting, with its decision and ratings.
    store = Store(data, writer=False)
    group = next(g for g in store.groups()[0] if g.name == first_group_name())
    (meeting,) = store.history(group.slug)
    assert meeting.closed and [r.score for r in meeting.ratings] == [8, 9, 7]
    assert [n.text for n in meeting.notes] == ["we meet in person in January"]
    assert Store(data).close() is None  # the lock went with the app


def test_resizing_mid_meeting_keeps_the_current_item_on_screen(terminal_factory, tmp_path: Path) -> None:
    data = tmp_path / "data"
    terminal = terminal_factory(80, 24)
    start_meeting(terminal, data)
    terminal.press("n")
    shown = terminal.wait_for("2. ")
    title = next(line for line in shown.splitlines() if "2. " in line).split("2. ", 1)[1].split("·")[0].strip()

    def redrawn(width: int) -> Callable[[str], bool]:
        # Redrawn at this size: the footer is on the last line again, its right edge at the edge.
        def check(screen: str) -> bool:
            assert "Traceback" not in screen, screen
            lines = screen.splitlines()
            return f"2. {title}" in screen and "palette" in lines[-1] and len(lines[-1].rstrip()) >= width - 2

        return check

    terminal.resize(100, 30)
    terminal.wait_until(redrawn(100), timeout=WAIT_SECONDS, what="a redraw at 100x30")
    terminal.resize(80, 24)
    terminal.wait_until(redrawn(80), timeout=WAIT_SECONDS, what="a redraw at 80x24")
    terminal.resize(40, 12)  # smaller than the design size: no crash, a message saying so
    terminal.wait_for("Make the window at least 80x24", "40x12)")  # wrapped at 40 columns
    terminal.resize(80, 24)
    terminal.wait_until(redrawn(80), timeout=WAIT_SECONDS, what="a redraw at 80x24 again")
    terminal.wait_gone("Make the window at least")

    # Still responsive, and still saving: the next item, then back.
    terminal.press("n")
    terminal.wait_for("3. ")
    terminal.press("b")
    terminal.wait_for(f"2. {title}")
    terminal.press("C-q")
    assert terminal.ended_with() == 0
    (meeting,) = Store(data, writer=False).unfinished()
    assert meeting.current == 1


def test_a_capture_line_sent_in_one_burst_is_captured_not_run_as_commands(terminal_factory, tmp_path: Path) -> None:
    # "/" and the line after it in a single write, as over SSH: n, x, k and spaces in the text
    # must not move the agenda, close the meeting or pause it.
    data = tmp_path / "data"
    terminal = terminal_factory(100, 30)
    start_meeting(terminal, data)
    terminal.type("/n: next steps and/or a skip, then x")
    terminal.press("Enter")
    terminal.wait_for("Saved: note · next steps and/or a skip, then x")
    (meeting,) = Store(data, writer=False).unfinished()
    assert meeting.current == 0 and meeting.running_since is not None
    assert [n.text for n in meeting.notes] == ["next steps and/or a skip, then x"]
    terminal.press("C-q")
    assert terminal.ended_with() == 0
