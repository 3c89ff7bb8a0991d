"""Round and hot seat: the floor goes round. The screen's speaker line shows who has it;
this panel shows what was noted and committed while they spoke."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from meetings.models import ItemKind, MeetingItem

from .panel import Panel
from .text import captured_text


class SpeakerPanel(Panel):
    """A round or a hot seat: `]` passes the floor (on a hot seat, to the next phase)."""

    PANEL_ID = "speaker-panel"
    FOOTER = ("leave-input", "next-speaker", "next-item", "pause", "capture", "live-help")

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-notes")

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        self.query_one("#speaker-notes", Static).update(captured_text(self.live, item.kind))
        return None

    def key_description(self, kind: ItemKind, binding_id: str) -> str | None:
        return "Next phase" if (kind, binding_id) == (ItemKind.HOT_SEAT, "next-speaker") else None
