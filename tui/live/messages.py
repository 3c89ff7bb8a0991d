"""Messages a panel sends up to the live screen ("attributes down, messages up").

A panel never calls the screen: it posts one of these, and the screen, the one place that
saves, refreshes and speaks, handles it with ``@on(...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message


class Act(Message):
    """Run ``change`` on the meeting: saved first, then the screen redraws and confirms.

    ``confirm`` is the line shown after it worked: text, or a function of what the change
    returned (``"Saved: ..."`` names the new record). ``then`` runs with that result, only if it
    worked (clear the field that was saved, say).
    """

    def __init__(
        self,
        change: Callable[[], Any],
        confirm: str | Callable[[Any], str] | None = None,
        *,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__()
        self.change = change
        self.confirm = confirm
        self.then = then


class Say(Message):
    """A line for the message bar above the capture line (red when ``error``)."""

    def __init__(self, text: str, error: bool = False) -> None:
        super().__init__()
        self.text = text
        self.error = error


class OpenForm(Message):
    """Open a form: ``kind`` is commitment, ask, offer, note, decision or captured (the list of
    what was captured, to edit or delete); ``record_id`` edits that record instead of adding one."""

    def __init__(self, kind: str, record_id: str | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.record_id = record_id


class CloseMeeting(Message):
    """End the meeting and show the minutes (the close panel's button; ctrl+e anywhere)."""
