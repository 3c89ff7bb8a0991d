"""Accountability: open commitments and asks from earlier meetings, marked one key a row."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from meetings.ledger import Tracked
from meetings.live import LiveMeeting
from meetings.models import MeetingItem, Presence

from ..format import short_date
from .messages import Act, Say
from .panel import Panel

# `delete` drops the highlighted row; `x` is the screen's everywhere (go to the close).
COMMITMENT_KEYS = {"d": "done", "p": "partial", "m": "missed", "c": "carried", "delete": "dropped", "o": "open"}
ASK_KEYS = {"t": "matched", "i": "introduced", "f": "fulfilled", "delete": "dropped", "o": "open"}
WHO_WIDTH = 10  # "Ben Okafor"; a longer name or "(absent)" wraps in the row
MADE_WIDTH = 15  # "Tue 27 Oct 2026": shown only where the text keeps 40 columns beside it
TEXT_MIN = 40
ROW_LINES_MAX = 6  # a 500-character commitment is cut here ("…"); e opens it whole


class ReviewTable(DataTable[Text]):
    """Open commitments and asks from earlier meetings; one key marks the highlighted row."""

    BINDINGS = [
        Binding("d", "mark('d')", "Done", id="review-done"),
        Binding("p", "mark('p')", "Partial", id="review-partial"),
        Binding("m", "mark('m')", "Missed", id="review-missed"),
        Binding("c", "mark('c')", "Carried", id="review-carried"),
        Binding("delete", "mark('delete')", "Dropped", id="review-dropped"),
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


def wrapped(text: Text, width: int, console: Console, most: int = 0) -> Text:
    """``text`` wrapped at ``width`` (at most ``most`` lines, the last cut with '…')."""
    lines = list(text.wrap(console, max(1, width)))
    if most and len(lines) > most:
        lines = lines[:most]
        lines[-1].rstrip()
        lines[-1].truncate(width - 1)
        lines[-1].append("…")
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


class AccountabilityPanel(Panel):
    """The review table of what was promised and asked last time, with its one-line key hint.
    The commitment's text wraps in its column (rows as tall as it needs, up to six lines) and
    how often it was carried has its own column."""

    PANEL_ID = "accountability-panel"
    FOOTER = ("leave-input", "next-item")
    WORKED_IN = "#review-table"
    # The table is worked, not read: it keeps up to this share of the rows under the clocks.
    ROWS_SHARE = 0.65

    def compose(self) -> ComposeResult:
        # One line at 80 columns: the commitment keys (d p m c del) are in the footer.
        yield Static(Text("Asks: t matched · i introduced · f fulfilled", style="dim"), id="review-hint")
        yield ReviewTable(id="review-table", cursor_type="row", zebra_stripes=True, cell_padding=0)

    def on_resize(self) -> None:
        # The text column takes the width there is: refill at the new width.
        if self._width != self._table_width():
            self.fill()

    def __init__(self, live: LiveMeeting) -> None:
        super().__init__(live)
        self._width = 0

    def _table_width(self) -> int:
        """The table's width for its columns (the panel's, or the screen's before it is laid out),
        less its scrollbar."""
        width = self.content_region.width or max(0, self.app.size.width - 31)
        return max(0, width - 2)

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        commitments, _ = self.live.open_items()
        if not self.fill():
            return None
        reviewed = sum(1 for t in commitments if self.live.review_outcome(t.id))
        return f"{reviewed} of {len(commitments)} commitments reviewed."

    def fill(self) -> int:
        """Fill the table at the width there is; the number of rows. Cells are wrapped here,
        each a column wider than its text: the table has no padding, so the space between
        columns is that one column (the text keeps the width padding would take)."""
        live, group = self.live, self.live.group
        console = self.app.console
        table = self.query_one(ReviewTable)
        width = self._width = self._table_width()
        commitments, asks = live.open_items()
        rows: list[tuple[str, Tracked, Text, Text, Text, Text]] = []
        for target, tracked in [("commitment", t) for t in commitments] + [("ask", t) for t in asks]:
            record = tracked.record
            status = live.review_outcome(record.id) or "open"
            carried = getattr(record, "carried", 0)
            what = Text("ASK: " if target == "ask" else "", style="bold")
            what.append(record.text)
            if carried >= 2:
                what.append("  renegotiate?", style="bold yellow")
            absent = live.meeting.presence(record.owner) == Presence.ABSENT
            rows.append((
                f"{target}:{record.id}", tracked,
                Text(group.member_name(record.owner) + (" (absent)" if absent else "")),
                Text(status, style="bold green" if status in ("done", "fulfilled", "introduced") else ("bold red" if status in ("missed", "dropped") else "yellow")),
                Text(f"{carried}x" if carried else "", style="bold yellow" if carried >= 2 else ""),
                what,
            ))
        status_width = max([len("Status")] + [len(row[3]) for row in rows])
        fixed = (WHO_WIDTH + 1) + (status_width + 1) + 3  # each column and the gap after it
        made = width - fixed - (MADE_WIDTH + 1) >= TEXT_MIN
        text_width = max(12, width - fixed - ((MADE_WIDTH + 1) if made else 0) - 1)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Who", width=WHO_WIDTH + 1)
        table.add_column("Status", width=status_width + 1)
        table.add_column("↻", width=3)
        table.add_column("Commitment or ask", width=text_width + 1)
        if made:
            table.add_column("Made", width=MADE_WIDTH)
        for key, tracked, who, status, carried, what in rows:
            what = wrapped(what, text_width, console, ROW_LINES_MAX)
            # The name stays whole in its cell (the table wraps it, as measured here).
            lines = max(len(who.wrap(console, WHO_WIDTH + 1)), len(what.split("\n")))
            cells = [who, status, carried, what]
            if made:
                cells.append(Text(short_date(tracked.meeting.date)))
            table.add_row(*cells, height=lines, key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        return table.row_count

    @on(ReviewTable.Marked)
    def _mark(self, event: ReviewTable.Marked) -> None:
        event.stop()
        target, _, target_id = event.row_key.partition(":")
        outcome = (COMMITMENT_KEYS if target == "commitment" else ASK_KEYS).get(event.key)
        if outcome is None:
            self.post_message(Say("For an ask: t matched, i introduced, f fulfilled, delete dropped, o clear.", error=True))
            return
        self.post_message(Act(lambda: self.live.review(target, target_id, outcome)))
