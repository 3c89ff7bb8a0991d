"""The purpose review: "how have we been successful?" for a year, a quarter or the last 12 months.

The report is ``meetings.insights.purpose_review`` rendered by ``report_text`` (or
``report_markdown``), built in a worker, shown literally in a scrollable view, and copied like
the minutes (clipboard, terminal, and a file). The group's meetings are read from the store
when the screen opens (the group screen keeps only figures) and let go when it closes.
"""

from __future__ import annotations


from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from meetings.clipboard import copy_text
from meetings.insights import parse_period, purpose_review, report_markdown, report_text
from meetings.models import Group, Meeting
from meetings.store import StoreError

from ..widgets.group_cells import GROUP_CSS, literal


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def step_period(period: str | None, step: int, today: date) -> str | None:
    """The year or quarter ``step`` periods before (negative) or after ``period``.
    The last 12 months has no neighbours: stepping from it goes to last year, or this year."""
    if period is None:
        return str(today.year - 1 if step < 0 else today.year)
    span = parse_period(period, today=today)
    if "-Q" in span.label:
        year, quarter = span.start.year, (span.start.month - 1) // 3 + 1
        index = year * 4 + (quarter - 1) + step
        return f"{index // 4}-Q{index % 4 + 1}"
    return str(span.start.year + step)


def styled_report(body: str) -> Text:
    """The plain-text report with its title, questions and goal titles in bold, user text literal."""
    lines = literal(body).splitlines()
    text = Text()
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        style = ""
        if i == 0:
            style = "bold"
        elif line.isupper():
            style = "bold underline"
        elif (not lines[i - 1]) and following.startswith(("Success looks like:", "Served in ")):
            style = "bold"
        text.append(line + "\n", style=style)
    return text


class PurposeReviewScreen(Screen[None]):
    """The yearly (or quarterly) look back at the purpose, goal by goal, then the four questions."""

    CSS_PATH = GROUP_CSS

    BINDINGS = [
        Binding("escape", "back", "Back", id="review-back"),
        Binding("left_square_bracket", "step(-1)", "Earlier", id="review-earlier"),
        Binding("right_square_bracket", "step(1)", "Later", id="review-later"),
        Binding("y", "year", "Year", id="review-year"),
        Binding("q", "quarter", "Quarter", id="review-quarter"),
        Binding("t", "twelve_months", "Last 12 months", id="review-twelve"),
        Binding("f", "toggle_format", "Text/Markdown", id="review-format"),
        Binding("c", "copy", "Copy", id="review-copy"),
        Binding("p", "edit_period", "Period…", id="review-period", show=False),
    ]

    class Built(Message):
        def __init__(self, period: str | None, text: str, markdown: str):
            super().__init__()
            self.period = period
            self.text = text
            self.markdown = markdown

    class Failed(Message):
        def __init__(self, period: str | None, reason: str):
            super().__init__()
            self.period = period
            self.reason = reason

    def __init__(self, group: Group, history: list[Meeting] | None, today: date, period: str | None = None):
        """``history``: the group's closed meetings, or None to read them from the app's store."""
        super().__init__()
        self.group = group
        self.history = history
        self.today = today
        self.period = period
        self.markdown_view = False
        self.report: tuple[str, str] | None = None  # (text, markdown) of self.period

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-bar"):
            yield Label("Period", id="review-period-label")
            yield Input(
                self.period or "",
                placeholder="2026, 2026-Q4, or empty",
                id="review-period-input",
                compact=True,
            )
            yield Static("", id="review-period-help")
        yield Static("", id="review-error", classes="group-error")
        with VerticalScroll(id="review-scroll"):
            yield Static(Text("Adding up the period…", style="dim"), id="review-body")
        yield Footer()

    def on_unmount(self) -> None:
        # Textual's worker threads keep their last worker, and so this screen, alive for a
        # while: the meetings must not stay alive with it.
        self.history = None

    def on_mount(self) -> None:
        self.title = literal(self.group.name, one_line=True)
        self.sub_title = "purpose review"
        self.query_one("#review-error", Static).display = False
        self.query_one("#review-period-help", Static).update(
            Text("enter: show that period", style="dim")
        )
        self.query_one("#review-scroll", VerticalScroll).focus()
        self.build(self.period)

    # ------------------------------------------------------------------ building

    def build(self, period: str | None) -> None:
        """Work out the report for ``period`` in a thread; the view updates when it is done."""
        try:
            parse_period(period, today=self.today)
        except ValueError as exc:
            self._show_error(str(exc).removeprefix("--period: "))
            return
        self._show_error("")
        self.period = period
        self.report = None
        self.query_one("#review-period-input", Input).value = period or ""
        self._build(period)

    @work(thread=True, exclusive=True, exit_on_error=False, group="purpose-review")
    def _build(self, period: str | None) -> None:
        try:
            history = self.history
            if history is None:
                history = self.app.store.history(self.group.slug)  # type: ignore[attr-defined]
                if self.is_mounted:
                    # Kept while the screen is open: stepping between periods is then instant.
                    self.history = history
            review = purpose_review(self.group, history, period, today=self.today)
        except (ValueError, StoreError) as exc:
            self.post_message(self.Failed(period, str(exc)))
            return
        self.post_message(self.Built(period, report_text(review), report_markdown(review)))

    @on(Built)
    def _built(self, message: Built) -> None:
        if message.period != self.period:
            return  # an older request finished after a newer one was asked for
        self.report = (message.text, message.markdown)
        self._show_report()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self._show_error(message.reason)

    def _show_report(self) -> None:
        if self.report is None:
            return
        body = Text(literal(self.report[1])) if self.markdown_view else styled_report(self.report[0])
        self.query_one("#review-body", Static).update(body)
        self.query_one("#review-scroll", VerticalScroll).scroll_home(animate=False)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#review-error", Static)
        error.update(Text(literal(message)))
        error.display = bool(message)

    # ------------------------------------------------------------------ actions

    @on(Input.Submitted, "#review-period-input")
    def _period_typed(self, event: Input.Submitted) -> None:
        self.build(event.value.strip() or None)
        self.query_one("#review-scroll", VerticalScroll).focus()

    def action_edit_period(self) -> None:
        self.query_one("#review-period-input", Input).focus()

    def action_step(self, step: int) -> None:
        self.build(step_period(self.period, step, self.today))

    def action_year(self) -> None:
        self.build(str(self.today.year) if self.period is None else str(parse_period(self.period, today=self.today).start.year))

    def action_quarter(self) -> None:
        if self.period is None or "-Q" in self.period.upper():
            self.build(quarter_of(self.today))
            return
        year = parse_period(self.period, today=self.today).start.year
        self.build(quarter_of(self.today) if year == self.today.year else f"{year}-Q4")

    def action_twelve_months(self) -> None:
        self.build(None)

    def action_toggle_format(self) -> None:
        self.markdown_view = not self.markdown_view
        self._show_report()
        self.notify("Markdown" if self.markdown_view else "Plain text", markup=False, timeout=2)

    def action_copy(self) -> None:
        if self.report is None:
            return
        text = self.report[1] if self.markdown_view else self.report[0]
        # OSC 52 through the terminal works over SSH; the system clipboard and a file follow.
        self.app.copy_to_clipboard(text)
        label = (self.period or "last-12-months").lower()
        self._copy(text, f"{self.group.slug}-purpose-review-{label}", ".md" if self.markdown_view else ".txt")

    @work(thread=True, exclusive=True, exit_on_error=False, group="purpose-review-copy")
    def _copy(self, text: str, stem: str, suffix: str) -> None:
        result = copy_text(text, self.app.store.minutes_dir, stem, suffix)  # type: ignore[attr-defined]
        self.app.call_from_thread(self.notify, literal(result.message), markup=False, timeout=8)

    def action_back(self) -> None:
        self.dismiss(None)
