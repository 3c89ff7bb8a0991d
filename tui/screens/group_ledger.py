"""One member's ledger: commitments over time, asks and how they were answered, what they gave.

Opened from the Members tab of the group screen (key ``l``). The figures come from
``meetings.insights.member_ledger``, worked out in a thread from the meetings read from disk
one at a time; the screen keeps the figures, never the meetings.
"""

from __future__ import annotations


from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from meetings.insights import LedgerAsk, LedgerCommitment, MemberLedger, member_ledger
from meetings.models import AskStatus, CommitmentStatus, Group, Meeting, Member, Visibility
from meetings.store import StoreError

from ..format import short_date
from ..widgets.group_cells import GROUP_CSS, cell, literal

COMMITMENT_STYLE = {
    CommitmentStatus.DONE: "green",
    CommitmentStatus.PARTIAL: "yellow",
    CommitmentStatus.MISSED: "red",
    CommitmentStatus.CARRIED: "yellow",
    CommitmentStatus.DROPPED: "dim",
    CommitmentStatus.OPEN: "",
}
ASK_STYLE = {
    AskStatus.OPEN: "yellow",
    AskStatus.MATCHED: "cyan",
    AskStatus.INTRODUCED: "green",
    AskStatus.FULFILLED: "green",
    AskStatus.DROPPED: "dim",
}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


class LedgerScreen(Screen[None]):
    """What one member committed to, asked for and gave, over the group's history."""

    CSS_PATH = GROUP_CSS

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="ledger-back"),
        Binding("c", "show_tab('commitments')", "Commitments", id="ledger-commitments"),
        Binding("a", "show_tab('asks')", "Asks", id="ledger-asks"),
    ]

    class Computed(Message):
        def __init__(self, ledger: MemberLedger):
            super().__init__()
            self.ledger = ledger

    class Failed(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    def __init__(self, group: Group, member: Member, history: list[Meeting] | None = None):
        """``history``: the group's meetings, if the caller holds them; else they are read from
        the app's store, one at a time, and not kept."""
        super().__init__()
        self.group = group
        self.member = member
        self.history = history
        self.ledger: MemberLedger | None = None
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ledger"):
            yield Static(Text("Adding up the history…", style="dim"), id="ledger-summary")
            with TabbedContent(initial="ledger-tab-commitments", id="ledger-tabs"):
                with TabPane("Commitments", id="ledger-tab-commitments"):
                    yield DataTable(id="ledger-commitment-table", cursor_type="row", zebra_stripes=True)
                with TabPane("Asks", id="ledger-tab-asks"):
                    yield DataTable(id="ledger-ask-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = literal(self.member.name, one_line=True)
        self.sub_title = literal(f"ledger in {self.group.name}", one_line=True)
        self.query_one("#ledger-commitment-table", DataTable).add_columns("Made", "Commitment", "Status", "Carried")
        self.query_one("#ledger-ask-table", DataTable).add_columns("Made", "Ask", "Status", "Offers from")
        self.query_one("#ledger-commitment-table", DataTable).focus()
        self._compute()

    @work(thread=True, exclusive=True, exit_on_error=False, group="ledger")
    def _compute(self) -> None:
        group, member_id = self.group, self.member.id
        try:
            if self.history is not None:
                ledger = member_ledger(group, self.history, member_id)
            else:
                store = self.app.store  # type: ignore[attr-defined]
                try:
                    ledger = member_ledger(group, store.each_meeting(group.slug), member_id, in_order=True)
                except ValueError:
                    # A file named out of its meeting's order (renamed by hand): read all, sorted.
                    ledger = member_ledger(group, store.history(group.slug), member_id)
        except (StoreError, ValueError) as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Computed(ledger))

    @on(Computed)
    def _computed(self, message: Computed) -> None:
        self.ledger = message.ledger
        self.query_one("#ledger-summary", Static).update(self.summary(message.ledger))
        self._fill_tables()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#ledger-summary", Static).update(Text(f"Could not read the history: {literal(message.reason)}", style="red"))

    def on_resize(self) -> None:
        # The text columns take what the terminal has left; refill when it changes.
        if self.ledger is not None and self._filled_width != self.size.width:
            self._fill_tables()

    def _fill_tables(self) -> None:
        assert self.ledger is not None
        self._filled_width = self.size.width
        self._fill_commitments(self.ledger.commitments)
        self._fill_asks(self.ledger.asks)

    def _text_width(self, fixed: int) -> int:
        """Cells left for a text column once the fixed columns, padding and scrollbar are counted."""
        return max(20, self.size.width - fixed)

    # ------------------------------------------------------------------ rendering

    def summary(self, ledger: MemberLedger) -> Text:
        """The member's record in a few lines: follow-through, hints, give and take, attendance."""
        name = self.group.member_name
        made = len(ledger.commitments)
        text = Text()
        if not ledger.active:
            text.append(f"Left the group on {short_date(self.member.left)}.\n", style="dim")  # type: ignore[arg-type]
        text.append("Commitments ", style="bold")
        text.append(f"{made} made: ")
        text.append(f"{ledger.done} done", style="green")
        text.append(f", {ledger.partial} partial, ")
        text.append(f"{ledger.missed} missed", style="red" if ledger.missed else "")
        text.append(f", {ledger.dropped} dropped, {ledger.still_open} still open. ")
        text.append("Streak: ", style="bold")
        text.append(f"{ledger.done_streak} done in a row" if ledger.done_streak else "none")
        for hint in ledger.hints[:3]:
            text.append("\n⚠ ", style="bold yellow")
            text.append(literal(hint, one_line=True), style="yellow")
        if len(ledger.hints) > 3:
            text.append(f"\n⚠ and {len(ledger.hints) - 3} more carried twice or more", style="yellow")
        text.append("\nAsks ", style="bold")
        text.append(f"{len(ledger.asks)} made, {ledger.asks_answered} answered. ")
        text.append("Gives ", style="bold")
        sign = "+" if ledger.balance > 0 else ""
        given = f"{ledger.offers_given} offer{'s' if ledger.offers_given != 1 else ''} given"
        text.append(f"{given}, {ledger.offers_received} received (balance {sign}{ledger.balance})")
        offered, happened = ledger.introductions_offered, ledger.introductions_made
        if offered:
            text.append(f"; {offered} introduction{'s' if offered != 1 else ''} offered, {happened} made")
        if ledger.helped:
            text.append("\nHelped: ", style="bold")
            text.append(literal(", ".join(name(m) for m in ledger.helped), one_line=True))
        if ledger.helped_by:
            text.append("\nHelped by: ", style="bold")
            text.append(literal(", ".join(name(m) for m in ledger.helped_by), one_line=True))
        a = ledger.attendance
        text.append("\nAttendance ", style="bold")
        text.append(
            f"{_pct(a.rate)} of {a.meetings} meetings ({a.present} present, {a.late} late, "
            f"{a.substitute} substitute, {a.absent} absent). "
        )
        text.append("Hot seats ", style="bold")
        if ledger.hot_seats:
            text.append(f"{len(ledger.hot_seats)}, last on {short_date(ledger.hot_seats[-1])}")
        else:
            text.append("none yet")
        return text

    def _fill_commitments(self, commitments: tuple[LedgerCommitment, ...]) -> None:
        table = self.query_one("#ledger-commitment-table", DataTable)
        table.clear()
        # Made 10, Status 10, Carried 7, cell padding 8, scrollbar and margins 6.
        width = self._text_width(41)
        for c in reversed(commitments):
            status = Text(c.status.value, style=COMMITMENT_STYLE.get(c.status, ""))
            if c.renegotiate:
                status.append(" ⚠", style="bold yellow")
            forum = " (forum)" if c.visibility == Visibility.FORUM else ""
            what = cell(c.text + forum, "", width)
            table.add_row(
                cell(c.made_on.isoformat(), "dim"),
                what,
                status,
                cell(f"{c.carried}×" if c.carried else "", "bold yellow" if c.renegotiate else "yellow"),
                key=c.id,
            )
        if not commitments:
            table.add_row(cell(""), cell("No commitments yet.", "dim"), cell(""), cell(""))

    def _fill_asks(self, asks: tuple[LedgerAsk, ...]) -> None:
        table = self.query_one("#ledger-ask-table", DataTable)
        table.clear()
        name = self.group.member_name
        # Made 10, Status 10, Offers 20, cell padding 8, scrollbar and margins 6.
        width = self._text_width(54)
        for a in reversed(asks):
            forum = " (forum)" if a.visibility == Visibility.FORUM else ""
            offered = ", ".join(name(m) for m in a.offered_by)
            table.add_row(
                cell(a.made_on.isoformat(), "dim"),
                cell(f"{a.kind.value}: {a.text}{forum}", "", width),
                cell(a.status.value, ASK_STYLE.get(a.status, "")),
                cell(offered or "no offer yet", "" if offered else "dim", 20),
                key=a.id,
            )
        if not asks:
            table.add_row(cell(""), cell("No asks yet.", "dim"), cell(""), cell(""))

    # ------------------------------------------------------------------ actions

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#ledger-tabs", TabbedContent).active = f"ledger-tab-{tab}"
        table_id = "#ledger-commitment-table" if tab == "commitments" else "#ledger-ask-table"
        self.query_one(table_id, DataTable).focus()

    def action_back(self) -> None:
        self.dismiss(None)
