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
    FOOTER = ("leave-input", "next-speaker", "next-item", "pause", "capture", "room", "live-help")

    def footer_keys(self, kind: ItemKind) -> tuple[str, ...]:
        # A round changes with who is in the room; a hot seat with who presents.
        return tuple("seats" if k == "room" and kind == ItemKind.HOT_SEAT else k for k in self.FOOTER)

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-notes")

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        self.query_one("#speaker-notes", Static).update(captured_text(self.live, item.kind))
        return None

    def key_description(self, kind: ItemKind, binding_id: str) -> str | None:
        # Short words: at 80 columns the footer has room for seven keys and the palette.
        return {"next-speaker": "Next phase", "seats": "Seats"}.get(binding_id) if kind == ItemKind.HOT_SEAT else None
