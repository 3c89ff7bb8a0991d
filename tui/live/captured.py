"""Asks and offers, commitments, open discussion: the room talks, the facilitator captures,
and the panel lists what was captured (the quick line and the forms are the screen's)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from meetings.models import ItemKind, MeetingItem

from .panel import FOOTER_DEFAULT, Panel
from .text import captured_text

FOOTER_BY_KIND: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.ASKS_OFFERS: ("leave-input", "capture", "ask-form", "offer-form", "next-item", "pause", "live-help"),
    ItemKind.COMMITMENTS: ("leave-input", "capture", "commitment-form", "edit-captured", "next-item", "live-help"),
    ItemKind.DISCUSSION: ("leave-input", "capture", "decision-form", "note-form", "topic", "next-item", "live-help"),
}


class CapturedPanel(Panel):
    """The captured lists of an item: open asks and offers, today's commitments, notes."""

    PANEL_ID = "captured-panel"

    def compose(self) -> ComposeResult:
        yield Static(id="panel-body")

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        self.query_one("#panel-body", Static).update(captured_text(self.live, item.kind))
        return None

    def footer_keys(self, kind: ItemKind) -> tuple[str, ...]:
        return FOOTER_BY_KIND.get(kind, FOOTER_DEFAULT)
