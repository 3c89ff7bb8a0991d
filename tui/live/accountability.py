"""Accountability: open commitments and asks from earlier meetings, marked one key a row."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from meetings.ledger import Tracked
from meetings.models import MeetingItem, Presence

from ..format import short_date
from .messages import Act, Say
from .panel import Panel

COMMITMENT_KEYS = {"d": "done", "p": "partial", "m": "missed", "c": "carried", "x": "dropped", "o": "open"}
ASK_KEYS = {"t": "matched", "i": "introduced", "f": "fulfilled", "x": "dropped", "o": "open"}


class ReviewTable(DataTable[Text]):
    """Open commitments and asks from earlier meetings; one key marks the highlighted row."""

    BINDINGS = [
        Binding("d", "mark('d')", "Done", id="review-done"),
        Binding("p", "mark('p')", "Partial", id="review-partial"),
        Binding("m", "mark('m')", "Missed", id="review-missed"),
        Binding("c", "mark('c')", "Carried", id="review-carried"),
        Binding("x", "mark('x')", "Dropped", id="review-dropped"),
        Binding("f", "mark('f')", "Ask fulfilled", id="review-fulfilled", show=False),
        Binding("i", "mark('i')", "Introduced", id="review-introduced", show=False),
        Binding("t", "mark('t')", "Matched", id="review-matched", show=False),
        Binding("o", "mark('o')", "Clear", id="review-clear", show=False),
    ]

    class Marked(Message):
        """A mark key on a row: ``row_key`` is 'commitment:<id>' or 'ask:<id>'."""

        def __init__(self, row_key: str, key: str) -> None:
            super().__init__()
            self.row_key = row_key
            self.key = key

    def action_mark(self, key: str) -> None:
        if self.row_count:
            row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
            if row_key:
                self.post_message(self.Marked(row_key, key))


class AccountabilityPanel(Panel):
    """The review table of what was promised and asked last time, with its one-line key hint."""

    PANEL_ID = "accountability-panel"
    FOOTER = ("leave-input", "next-item")
    WORKED_IN = "#review-table"

    def compose(self) -> ComposeResult:
        # One line at 80 columns: the commitment keys (d p m c x) are in the footer.
        yield Static(Text("Asks: t matched · i introduced · f fulfilled", style="dim"), id="review-hint")
        yield ReviewTable(id="review-table", cursor_type="row", zebra_stripes=True)

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        live, group = self.live, self.live.group
        table = self.query_one(ReviewTable)
        if not table.columns:
            table.add_columns("Who", "Status", "Commitment or ask", "Made")
        row = table.cursor_row
        table.clear()
        commitments, asks = live.open_items()

        def add(tracked: Tracked, target: str) -> None:
            record = tracked.record
            status = live.review_outcome(record.id) or "open"
            carried = getattr(record, "carried", 0)
            what = record.text + (f"  (carried {carried}x)" if carried else "")
            if carried >= 2:
                what += "  renegotiate?"
            if target == "ask":
                what = "ASK: " + what
            absent = live.meeting.presence(record.owner) == Presence.ABSENT
            # Status right after the owner: the text column is wide and would push it off screen.
            table.add_row(
                Text(group.member_name(record.owner) + (" (absent)" if absent else "")),
                Text(status, style="bold green" if status in ("done", "fulfilled", "introduced") else ("bold red" if status in ("missed", "dropped") else "yellow")),
                Text(what), Text(short_date(tracked.meeting.date)),
                key=f"{target}:{record.id}",
            )

        for tracked in commitments:
            add(tracked, "commitment")
        for tracked in asks:
            add(tracked, "ask")
        if not table.row_count:
            return None
        table.move_cursor(row=min(row, table.row_count - 1))
        reviewed = sum(1 for t in commitments if live.review_outcome(t.id))
        return f"{reviewed} of {len(commitments)} commitments reviewed."

    @on(ReviewTable.Marked)
    def _mark(self, event: ReviewTable.Marked) -> None:
        event.stop()
        target, _, target_id = event.row_key.partition(":")
        outcome = (COMMITMENT_KEYS if target == "commitment" else ASK_KEYS).get(event.key)
        if outcome is None:
            self.post_message(Say("For an ask: t matched, i introduced, f fulfilled, x dropped, o clear.", error=True))
            return
        self.post_message(Act(lambda: self.live.review(target, target_id, outcome)))
