"""The room changes, in a real terminal at 80x24 with the installed `mastermind`: a reorder,
an accountability mark undone and made again, a late arrival, a walk-in guest, a multi-line
paste, a capture undone, a hot-seat presenter swapped, then the close. The minutes (read from
the closed meeting on disk) say exactly what happened, and nothing that was undone.

Skipped where tmux or `mastermind` is missing, except in CI, where that is a failure.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_real_terminal import terminal_factory  # noqa: F401 (the fixture)

from meetings.demo import generate_history
from meetings.files import bundled_groups, bundled_templates
from meetings.models import Presence
from meetings.store import Store
from meetings.summary import minutes_text

pytestmark = pytest.mark.e2e


def founders_with_history(data: Path):
    """Founders Circle with three closed meetings, so accountability has commitments to mark."""
    group = next(g for g in bundled_groups() if g.slug == "founders-circle")
    with Store(data) as store:
        store.save_group(group)
        for meeting in generate_history(group, 3, seed=1, templates=bundled_templates(), start=date(2026, 9, 1)):
            store.save_meeting(meeting)
    return group


def test_a_meeting_that_bends_to_the_room_at_80x24(terminal_factory, tmp_path: Path) -> None:  # noqa: F811
    import shutil

    data = tmp_path / "data"
    group = founders_with_history(data)
    name = {m.id: m.name for m in group.members}
    terminal = terminal_factory(80, 24)
    terminal.start([shutil.which("mastermind") or "mastermind", "--data-dir", str(data)])
    terminal.wait_for("Founders Circle")
    terminal.press("Enter")
    terminal.wait_for("New meeting of Founders Circle")
    terminal.press("C-s")
    terminal.wait_for("1. Wins round")

    # Reorder: the current item moves down; the item moved up into its place runs now.
    terminal.press("S-Down")
    terminal.wait_for("1. Accountability", "0 of 7 commitments reviewed")

    # A mark, undone, and another mark on the same highlighted row.
    terminal.press("d")
    terminal.wait_for("1 of 7 commitments reviewed")
    terminal.press("u")
    terminal.wait_for("Undone: accountability mark")
    terminal.press("p")
    terminal.wait_for("1 of 7 commitments reviewed")

    terminal.press("n")
    terminal.wait_for("2. Wins round")

    # The room: Ben (second row) walks in late; a guest walks in.
    terminal.press("r")
    terminal.wait_for("The room")
    terminal.press("Down")
    terminal.press("l")
    terminal.wait_for("late, in")
    terminal.press("g")
    terminal.wait_for("A guest walks in")
    terminal.type("Ines Duarte")
    terminal.press("C-s")
    terminal.wait_for("Guest Ines Duarte is in.")
    terminal.press("Escape")
    terminal.wait_gone("The room")

    # A paste of two lines into the capture line: two records, one action.
    terminal.press("/")
    terminal.wait_for("esc")
    terminal.paste("c: Ana send the pricing survey to 20 customers\nn: we meet in person in January")
    terminal.wait_for("Saved 2 pasted lines")
    # A capture, then taken back.
    terminal.type("n: a note to take back")
    terminal.press("Enter")
    terminal.wait_for("Saved: note", "esc Leave field")
    terminal.press("Escape")
    terminal.wait_gone("esc Leave field")  # the footer of the field first (see test_real_terminal)
    terminal.wait_for("Next item")
    terminal.press("u")
    terminal.wait_for("Undone: capture")

    # The first hot seat's presenter is swapped for the third one in the room.
    terminal.press("h")
    terminal.wait_for("Hot seats not yet run")
    terminal.press("Enter")
    terminal.wait_for("Who presents in Hot seat 1?")
    terminal.press("Down", "Down")
    terminal.press("Enter")
    screen = terminal.wait_for("presents in Hot seat 1.")
    terminal.press("Escape")
    terminal.wait_gone("Hot seats not yet run")

    terminal.press("n")
    terminal.wait_for("3. Hot seat 1", "Floor:")
    terminal.press("x")
    terminal.wait_for("Ratings 1-10")
    terminal.type("8 9")
    terminal.press("Enter")
    terminal.wait_for("2 rating(s) saved")
    terminal.press("C-e")
    terminal.wait_for("Close the meeting and write the minutes?")
    terminal.press("y")
    terminal.wait_for("minutes of meeting 4")
    terminal.press("C-q")
    assert terminal.ended_with() == 0

    store = Store(data, writer=False)
    *earlier, meeting = store.history("founders-circle")
    group = store.group("founders-circle")
    minutes = minutes_text(meeting, group, earlier)
    ben = next(m.id for m in group.members if m.first_name == "Ben")
    assert meeting.presence(ben) == Presence.LATE
    assert f"Ben Okafor (late, " in minutes
    assert [g.name for g in meeting.visitors] == ["Ines Duarte"] and "Ines Duarte" in minutes
    assert [it.title for it in meeting.items[:2]] == ["Accountability", "Wins round"]
    assert [r.outcome for r in meeting.reviews] == ["partial"]
    assert [c.text for c in meeting.commitments] == ["send the pricing survey to 20 customers"]
    assert [n.text for n in meeting.notes] == ["we meet in person in January"]
    assert "a note to take back" not in minutes and "we meet in person in January" in minutes
    held = meeting.held_hot_seats
    assert len(held) == 1 and f"Hot seat: {name[held[0]]}" in minutes, minutes
    assert name[held[0]] in screen  # the one picked in the dialog
