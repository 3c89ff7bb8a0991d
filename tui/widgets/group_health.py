"""Group health: trends as sparklines with their plain figures, new faces, sectors, hot-seat
fairness and purpose coverage.

The figures come from ``meetings.insights.HistoryFigures`` (the group screen reads the history
into it once, a meeting at a time), worked out for the group as it is now in a worker thread
and posted back, so the tab opens at once and follows edits to members and goals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import fmean

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Label, Sparkline, Static

from meetings.insights import GroupHealth, HistoryFigures, MeetingRate, MeetingRating
from meetings.models import Group
from meetings.words import plural

from ..format import short_date
from .group_cells import cell, literal

# Meetings without a new face (guest or new member) before the health tab warns.
STAGNATION_AFTER = 6

# Points a trend line is averaged down to; about the width of a sparkline at 80 columns.
SPARK_POINTS = 36

TRENDS = (
    ("attendance", "Attendance"),
    ("completion", "Commitments done"),
    ("rating", "Rating"),
    ("asks", "Asks answered"),
)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _rating(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def trend_figures(values: Sequence[float], show: Callable[[float | None], str]) -> Text:
    """'last 86%  avg 88%': the plain figures printed beside a sparkline."""
    last = values[-1] if values else None
    average = fmean(values) if values else None
    return Text.assemble(("last ", "dim"), (show(last), "bold"), "  ", ("avg ", "dim"), show(average))


def buckets(values: Sequence[float], count: int = SPARK_POINTS) -> list[float]:
    """``values`` averaged into at most ``count`` consecutive buckets, oldest first.

    The sparkline scales its bars between the lowest and highest value it is given, so it
    is given the bucket averages: ten years of weekly figures then still show their trend."""
    if len(values) <= count:
        return list(values)
    size = len(values) / count
    return [fmean(values[int(i * size) : int((i + 1) * size)]) for i in range(count)]


def trend_points(values: Sequence[float]) -> list[float]:
    """What a sparkline is given for ``values``.

    A sparkline draws each point between the lowest and the highest it is given, so a series
    that never changed would lie flat at the bottom as if it were poor: it is drawn as one full
    bar instead, or as the empty baseline when it is nothing (all 0). The level is always read
    from the figures printed beside it."""
    if not values:
        return []
    if min(values) == max(values):
        return [] if values[0] == 0 else [values[0]]
    return buckets(values)


def rate_values(rates: Sequence[MeetingRate]) -> list[float]:
    """The measured values, skipping meetings where there was nothing to measure."""
    return [r.value for r in rates if r.value is not None]


def rating_values(ratings: Sequence[MeetingRating]) -> list[float]:
    return [r.average for r in ratings if r.average is not None]


class HealthView(VerticalScroll):
    """The Health tab. Call ``compute(group, figures)``; it fills itself when the worker is done."""

    class Computed(Message):
        def __init__(self, group: Group, health: GroupHealth):
            super().__init__()
            self.group = group
            self.health = health

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.health: GroupHealth | None = None  # the figures shown, once computed

    def compose(self) -> ComposeResult:
        yield Static(Text("Reading the history…", style="dim"), id="health-status")
        yield Label("Over time", classes="health-heading")
        for key, label in TRENDS:
            with Horizontal(classes="health-trend", id=f"health-{key}"):
                yield Label(label, classes="health-label")
                yield Sparkline([], summary_function=fmean, classes="health-spark")
                yield Static("", classes="health-figures")
        yield Label("New faces", classes="health-heading")
        yield Static("", id="health-faces")
        yield Label("Sectors", classes="health-heading")
        yield Static("", id="health-sectors")
        yield Label("Hot seat: who has waited longest", classes="health-heading")
        yield Static("", id="health-hot-seats")
        yield Label("Purpose coverage", classes="health-heading")
        yield Static("", id="health-coverage")

    def compute(self, group: Group, figures: HistoryFigures) -> None:
        """Work out the figures for ``group`` in a thread; the view updates when they arrive."""
        self._compute(group, figures)

    @work(thread=True, exclusive=True, exit_on_error=False, group="group-health")
    def _compute(self, group: Group, figures: HistoryFigures) -> None:
        self.post_message(self.Computed(group, figures.health(group, STAGNATION_AFTER)))

    @on(Computed)
    def _computed(self, message: Computed) -> None:
        message.stop()
        self.show(message.group, message.health)

    # ------------------------------------------------------------------ rendering

    def show(self, group: Group, health: GroupHealth) -> None:
        """Fill every section from ``health``."""
        self.health = health
        meetings = len(health.attendance)
        status = self.query_one("#health-status", Static)
        if meetings:
            first, last = health.attendance[0].date, health.attendance[-1].date
            status.update(
                Text.assemble(
                    (f"{meetings} meetings", "bold"),
                    f", {short_date(first)} to {short_date(last)}. Trends read left (oldest) to right.",
                )
            )
        else:
            status.update(Text("No meetings yet: the figures fill in as meetings close.", style="dim"))
        series = {
            "attendance": (rate_values(health.attendance), _pct),
            "completion": (rate_values(health.completion), _pct),
            "rating": (rating_values(health.ratings), _rating),
            "asks": (rate_values(health.asks_answered), _pct),
        }
        for key, (values, show) in series.items():
            row = self.query_one(f"#health-{key}")
            row.query_one(Sparkline).data = trend_points(values)
            row.query_one(".health-figures", Static).update(trend_figures(values, show))
        self.query_one("#health-faces", Static).update(self._faces(group, health))
        self.query_one("#health-sectors", Static).update(self._sectors(health))
        self.query_one("#health-hot-seats", Static).update(self._hot_seats(health))
        self.query_one("#health-coverage", Static).update(self._coverage(group, health))

    @staticmethod
    def _faces(group: Group, health: GroupHealth) -> Text:
        g = health.guests
        text = Text()
        if health.stagnation is not None:
            text.append("⚠ " + health.stagnation.message + "\n", style="bold yellow")
        text.append(f"Guests: {plural(g.visits, 'visit')} by {plural(g.distinct, 'person', 'people')} ({g.returning_visits} returning), ")
        text.append(f"at {g.meetings_with_guests} of {plural(g.meetings, 'meeting')}; {g.invited_by_members} invited by a member.")
        if g.no_shows:
            text.append(
                f"\nGuests invited: {g.invited}, of whom {g.visits} came "
                f"({plural(g.no_shows, 'invitation')} not taken up)."
            )
        if g.inviters:
            text.append("\nInvited by: ")
            text.append(literal("; ".join(f"{group.member_name(member_id)} ({n})" for member_id, n in g.inviters[:5]), one_line=True))
        if g.became_members:
            text.append(f"\nGuests who became members: {len(g.became_members)}, latest ")
            text.append(literal(", ".join(g.became_members[-3:][::-1]), one_line=True))
        if health.new_members:
            text.append(f"\nNew members: {len(health.new_members)}, latest ")
            latest = health.new_members[-3:][::-1]
            text.append(literal(", ".join(f"{n.name} ({n.joined.day} {n.joined:%b %Y})" for n in latest), one_line=True))
        else:
            text.append("\nNo member joined after the first recorded meeting.", style="dim")
        return text

    @staticmethod
    def _sectors(health: GroupHealth) -> Text:
        s = health.sectors
        text = Text()
        if not s.members:
            return Text("No active members.", style="dim")
        text.append(f"{s.distinct} sectors among {s.members} active members")
        if s.index is not None:
            text.append(f"; diversity {s.index:.2f} (0 = all one sector)")
        if s.largest and s.largest_share is not None:
            text.append("; largest: ")
            text.append(literal(s.largest, one_line=True), style="bold")
            text.append(f" ({_pct(s.largest_share)})")
        if s.unknown:
            text.append(f"; {s.unknown} with no sector written", style="dim")
        if s.sectors:
            text.append("\n")
            text.append(literal(" · ".join(f"{name} {n}" for name, n in s.sectors), one_line=True), style="dim")
        return text

    @staticmethod
    def _hot_seats(health: GroupHealth) -> Text:
        text = Text()
        if not health.hot_seat_queue:
            return Text("No active members.", style="dim")
        width = min(24, max(cell_len(literal(w.name, one_line=True)) for w in health.hot_seat_queue))
        for i, w in enumerate(health.hot_seat_queue):
            if i:
                text.append("\n")
            name = cell(w.name, "bold" if i == 0 else "", width)
            name.truncate(width + 2, pad=True)
            text.append_text(name)
            if w.meetings_since is None:
                text.append("never had the hot seat", style="yellow")
            else:
                since = w.meetings_since
                ago = "last meeting" if since == 0 else "1 meeting ago" if since == 1 else f"{since} meetings ago"
                text.append(f"{ago} ({short_date(w.last)})" if w.last else ago)  # type: ignore[arg-type]
                text.append(f", {w.times} in all", style="dim")
        return text

    @staticmethod
    def _coverage(group: Group, health: GroupHealth) -> Text:
        c = health.coverage
        text = Text()
        if not c.goals:
            return Text("The purpose has no goals yet: add them on the Purpose tab.", style="dim")
        for i, g in enumerate(c.goals):
            if i:
                text.append("\n")
            text.append(literal(g.title, one_line=True), style="bold" if g.meetings_served else "bold red")
            text.append(f"\n  served by {g.meetings_served} of {c.meetings} meetings ({_pct(g.share_served)})")
            if g.last_served:
                text.append(f", last {short_date(g.last_served)}")
            text.append(f"\n  {g.items} agenda items · {g.commitments} commitments, {g.commitments_done} done · {g.asks} asks")
        served_by_none = [group.purpose.goal(goal_id) for goal_id in c.unserved]
        if served_by_none:
            text.append("\nServed by no meeting: ", style="red")
            text.append(literal(", ".join(goal.title for goal in served_by_none if goal is not None), one_line=True), style="red")
        no_commitment = [g.title for g in c.goals if g.commitments == 0]
        if no_commitment:
            text.append("\nNo commitment made for: ", style="yellow")
            text.append(literal(", ".join(no_commitment), one_line=True), style="yellow")
        text.append(f"\nItems linked to no goal: {c.unlinked_items}; social glue: {c.social_glue_items}", style="dim")
        return text
