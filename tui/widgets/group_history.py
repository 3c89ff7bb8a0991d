"""The History tab of the group screen: one row per closed meeting, newest first.

The screen reads the history in a worker and hands the rows down with ``load()``; the table
is filled only once its tab is shown, since ten years of meetings are not a small table.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from meetings.insights import HistoryRow
from meetings.store import StoreError

from .group_cells import cell, fit_columns, percent, row_key, tab_table_width
from .group_messages import MeetingChosen


class HistoryPane(Vertical):
    """The closed meetings as a table. Posts ``MeetingChosen`` when a meeting row is chosen."""

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.rows: list[HistoryRow] = []
        self.problems: list[StoreError] = []
        self.loaded = False
        self.filled = False
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield Static(Text("Reading the history…", style="dim"), id="group-history-status")
        yield DataTable(id="group-history-table", cursor_type="row", zebra_stripes=True)

    def load(self, rows: list[HistoryRow], problems: list[StoreError], *, shown: bool) -> None:
        """Take the rows read from the store; fill the table now if it is ``shown`` or was filled."""
        self.rows, self.problems, self.loaded = rows, problems, True
        if shown or self.filled:
            self.fill()

    def reveal(self) -> None:
        """The tab is shown: fill the table the first time, once the rows are in."""
        if self.loaded and not self.filled:
            self.fill()

    @property
    def selected_meeting(self) -> str | None:
        return row_key(self.query_one("#group-history-table", DataTable))

    def fill(self) -> None:
        self.filled = True
        self._filled_width = self.screen.size.width
        table = self.query_one("#group-history-table", DataTable)
        fixed = [("#", 4), ("Date", 11), ("Present", 7), ("Rating", 6), ("Done", 9), ("Guests", 6)]
        (seats_w,) = fit_columns(tab_table_width(self._filled_width), [w for _, w in fixed], [1])
        table.clear(columns=True)
        for label, width in fixed:
            table.add_column(label, width=width)
        table.add_column("Hot seat", width=seats_w)
        for row in reversed(self.rows):
            done = percent(row.completion) + (f" of {row.reviewed}" if row.reviewed else "")
            table.add_row(
                cell(str(row.number), "dim"),
                cell(f"{row.date.day} {row.date:%b %Y}"),
                cell(f"{row.present}/{row.total}"),
                cell("–" if row.rating is None else f"{row.rating:.1f}"),
                cell(done),
                cell(str(row.guests) if row.guests else "", "dim"),
                cell(", ".join(name.split()[0] if name.split() else name for name in row.hot_seats), "dim"),
                key=row.meeting_id,
            )
        self.query_one("#group-history-status", Static).update(self._status())

    def _status(self) -> Text:
        text = Text()
        if self.rows:
            text.append(f"{len(self.rows)} meetings, newest first. enter: the minutes, to read or copy again.", style="dim")
        else:
            text.append("No meetings yet: the first one you close will appear here.", style="dim")
        for problem in self.problems:
            text.append(f"\nCould not read: {problem}", style="red")
        return text

    def refit(self) -> None:
        """Text columns take what the terminal leaves: refill at a new width."""
        if self.filled and self._filled_width != self.screen.size.width:
            self.fill()

    @on(DataTable.RowSelected, "#group-history-table")
    def _meeting_selected(self) -> None:
        meeting_id = self.selected_meeting
        if meeting_id is not None:
            self.post_message(MeetingChosen(meeting_id))
