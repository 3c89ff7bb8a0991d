"""Ending a meeting asks once, and says what it leaves behind.

A closed meeting is final (corrections are amendments), so ctrl+e first lists what closing
would leave: text typed in a field but not yet saved (saved now, not dropped), earlier
commitments and asks not reviewed, hot seats picked that never got the floor, items not run.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from meetings.live import LiveMeeting
from meetings.models import ItemKind, ItemState
from meetings.words import plural


def left_behind(live: LiveMeeting, unsaved: dict[str, str]) -> list[str]:
    """What closing now would leave, one line each, most serious first."""
    lines = [f"{label} typed but not saved: {text!r} (it is saved first)" for label, text in unsaved.items()]
    commitments, asks = live.unreviewed()
    if commitments or asks:
        parts = [plural(n, word) for n, word in ((commitments, "earlier commitment"), (asks, "earlier ask")) if n]
        lines.append(f"{' and '.join(parts)} not reviewed (they stay open for the next meeting)")
    m = live.meeting
    held = set(m.held_hot_seats)
    for item in m.items:
        if item.kind != ItemKind.HOT_SEAT:
            continue
        waiting = [s for s in item.speakers if s not in held]
        if waiting and (item.elapsed > 0 or item.state != ItemState.CURRENT):
            names = ", ".join(live.group.member_name(s) for s in waiting)
            lines.append(f"{item.title}: {names} did not get the floor (not counted as held)")
    not_run = [it.title for i, it in enumerate(m.items)
               if it.state == ItemState.PENDING and it.elapsed <= 0 and i != m.current and it.kind != ItemKind.CLOSE]
    if not_run:
        lines.append(f"{plural(len(not_run), 'item')} not run: {', '.join(not_run)}")
    if not m.ratings:
        lines.append("no ratings yet")
    return lines


class ConfirmClose(ModalScreen[bool]):
    """Close the meeting? y closes, n or escape goes back."""

    BINDINGS = [
        Binding("y,enter", "dismiss(True)", "Close it", id="close-yes"),
        Binding("n,escape", "dismiss(False)", "Go back", id="close-no"),
    ]

    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        text = Text("Close the meeting and write the minutes? It cannot be reopened.\n", style="bold")
        if self.lines:
            text.append("Closing now leaves:\n")
            for line in self.lines:
                text.append(f"• {line}\n")
        else:
            text.append("Nothing is left behind.\n")
        text.append("y closes · n goes back", style="dim")
        with Vertical(classes="dialog"):
            yield Static(text, id="close-confirm")
