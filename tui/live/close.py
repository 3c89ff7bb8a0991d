"""The close: ratings, plus/delta, goals served, the next meeting, then the minutes."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, SelectionList, Static

from meetings.capture import CaptureError, parse_ratings
from meetings.live import LiveError
from meetings.models import ItemState, Meeting, MeetingItem

from .messages import Act, CloseMeeting, Say
from .panel import Panel


class CloseField(Input):
    """A close field that submits on its own enter key. A plain Input lets enter bubble up to
    the app, which looks bindings up from whatever has the focus *then*: typed fast, "10 enter
    tab text" submitted the next field (tab had already moved the focus) and lost the "10"."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)


class ClosePanel(Panel):
    """Ratings, plus/delta, goals served, the next meeting: one compact row per field, in the
    order a facilitator asks for them, so tab walks the panel top to bottom. Each field saves on enter."""

    PANEL_ID = "close-panel"
    FOOTER = ("end-meeting", "next-field", "leave-input", "live-help")
    FIELDS = True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="close-row"):
            yield Label("Ratings 1-10")
            yield CloseField(id="ratings", placeholder="one per person: 8 9 7 10, or Ana 8", compact=True)
        with Horizontal(classes="close-row"):
            yield Label("Plus")
            yield CloseField(id="plus", placeholder="what worked (enter saves)", compact=True)
        with Horizontal(classes="close-row"):
            yield Label("Delta")
            yield CloseField(id="delta", placeholder="what to change (enter saves)", compact=True)
        yield Static(id="close-saved")
        with Vertical(classes="close-block"):
            yield Label("Goals this meeting served (space toggles)")
            yield SelectionList[str](id="goals-served", compact=True)
        with Horizontal(classes="close-row"):
            yield Label("Next meeting")
            yield CloseField(id="next-date", placeholder="YYYY-MM-DD (enter saves)", compact=True)
        with Vertical(classes="close-block"):
            yield Label("Next hot seats (space toggles)")
            yield SelectionList[str](id="next-seats", compact=True)
        yield Button("Close the meeting, see the minutes (ctrl+e)", id="close-meeting", variant="warning", compact=True)
        # The item's guidance last: the labelled fields above say most of it, and need the rows.
        yield Static(id="close-guidance")

    # ------------------------------------------------------------------ showing

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        if entering:
            self.load(item)
        self.show_saved(self.live.meeting)
        return None

    def arrive(self) -> None:
        # Ratings come first at the close: typing starts there at once (now, not deferred, so
        # digits typed right after the key land in the field).
        self.app.set_focus(self.query_one("#ratings", Input))

    def load(self, item: MeetingItem) -> None:
        """Fill the fields from the meeting (done each time the close item is reached)."""
        m, g = self.live.meeting, self.live.group
        served = m.goals_served or [i.goal for i in m.items if i.goal and i.state in (ItemState.DONE, ItemState.CURRENT)]
        goals = self.query_one("#goals-served", SelectionList)
        with goals.prevent(SelectionList.SelectedChanged):
            goals.clear_options()
            # Text prompts: a str prompt would be read as markup, and these are user text.
            goals.add_options([(Text(goal.title), goal.id, goal.id in served) for goal in g.purpose.goals])
        seats = self.query_one("#next-seats", SelectionList)
        with seats.prevent(SelectionList.SelectedChanged):
            seats.clear_options()
            seats.add_options([(Text(mem.name), mem.id, mem.id in m.next_hot_seats) for mem in g.active_members])
        self.query_one("#next-date", Input).value = m.next_date.isoformat() if m.next_date else ""
        guidance = self.query_one("#close-guidance", Static)
        guidance.update(Text(item.guidance, style="dim"))
        guidance.display = bool(item.guidance)

    def show_saved(self, meeting: Meeting) -> None:
        """What is already saved: the fields clear on enter, so this line is where it stays visible."""
        text = Text(style="dim")
        if meeting.ratings:
            text.append(f"{len(meeting.ratings)} rating(s), average {meeting.rating_average or 0:.1f}")
        for label, lines in (("Plus", meeting.plus), ("Delta", meeting.delta)):
            if lines:
                text.append(" · " if text.plain else "")
                text.append(f"{label}: ")
                text.append("; ".join(lines))
        saved = self.query_one("#close-saved", Static)
        saved.update(text)
        saved.display = bool(text.plain)

    def unsaved(self) -> dict[str, str]:
        """Text typed in a field but not saved with enter, by field label (closing saves it)."""
        m = self.live.meeting
        found = {}
        for field, label in (("ratings", "Ratings"), ("plus", "Plus"), ("delta", "Delta"), ("next-date", "Next meeting")):
            value = self.query_one(f"#{field}", Input).value.strip()
            saved = m.next_date.isoformat() if field == "next-date" and m.next_date else ""
            if value and value != saved:
                found[label] = value
        return found

    def save_unsaved(self) -> bool:
        """Save what ``unsaved`` found, each as its action; raises (and saves no more) on the
        first that cannot be saved, so the meeting is not closed over a refused field."""
        live, fields = self.live, self.unsaved()
        if "Ratings" in fields:
            live.rate_many(parse_ratings(fields["Ratings"], live.group, live.meeting.attendees))
            self.query_one("#ratings", Input).value = ""
        for label, add in (("Plus", live.add_plus), ("Delta", live.add_delta)):
            if label in fields:
                add(fields[label])
                self.query_one(f"#{label.lower()}", Input).value = ""
        if "Next meeting" in fields:
            try:
                day = date.fromisoformat(fields["Next meeting"])
            except ValueError:
                raise LiveError(f"{fields['Next meeting']!r} is not a date like 2026-12-08") from None
            live.set_next(day, live.meeting.next_hot_seats)
        return True

    # ------------------------------------------------------------------ walking the fields

    def _row_of(self, widget: Widget) -> Widget | None:
        row = widget.parent
        return row if isinstance(row, (Horizontal, Vertical)) and row is not self else None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        choices = event.widget
        if isinstance(choices, SelectionList) and choices.highlighted is None and choices.option_count:
            # A cursor as soon as tab gets there, so space toggles the first entry.
            choices.highlighted = 0
        row = self._row_of(event.widget)
        if row is not None:
            # The label belongs with its field on screen: bring the whole row into view, and mark
            # it (compact fields have no border to show where the focus is).
            row.add_class("-focused")
            row.scroll_visible(animate=False)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        row = self._row_of(event.widget)
        if row is not None:
            row.remove_class("-focused")

    # ------------------------------------------------------------------ saving

    def _error(self, text: str) -> None:
        self.post_message(Say(text, error=True))

    @on(Input.Submitted, "#ratings")
    def _ratings(self, event: Input.Submitted) -> None:
        event.stop()
        live = self.live
        try:
            # The capture line's name resolver: "Souza 8", "AS 8", "Ana Lúcia 7", "王 9" all work.
            scores = parse_ratings(event.value, live.group, live.meeting.attendees)
        except CaptureError as exc:
            return self._error(str(exc))

        def rate_all() -> Meeting:
            # One action for the line: one undo takes it back whole.
            return live.rate_many(scores)

        def saved(meeting: Meeting) -> str:
            return f"{len(scores)} rating(s) saved; average {meeting.rating_average or 0:.1f} from {len(meeting.ratings)} votes."

        self.post_message(Act(rate_all, saved, then=lambda _: setattr(event.input, "value", "")))

    @on(Input.Submitted, "#plus,#delta")
    def _plus_delta(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        add = self.live.add_plus if event.input.id == "plus" else self.live.add_delta
        self.post_message(Act(lambda: add(text), f"Saved {event.input.id}.", then=lambda _: setattr(event.input, "value", "")))

    @on(SelectionList.SelectedChanged, "#goals-served")
    def _goals_served(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        chosen = list(event.selection_list.selected)
        if chosen != self.live.meeting.goals_served:
            self.post_message(Act(lambda: self.live.set_goals_served(chosen)))

    @on(SelectionList.SelectedChanged, "#next-seats")
    def _next_seats(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        chosen = list(event.selection_list.selected)
        if chosen != self.live.meeting.next_hot_seats:
            self.post_message(Act(lambda: self.live.set_next(self.live.meeting.next_date, chosen)))

    @on(Input.Submitted, "#next-date")
    def _next_date(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        try:
            day = date.fromisoformat(raw) if raw else None
        except ValueError:
            return self._error(f"{raw!r} is not a date like 2026-12-08.")
        self.post_message(Act(lambda: self.live.set_next(day, self.live.meeting.next_hot_seats), "Next meeting saved."))

    @on(Button.Pressed, "#close-meeting")
    def _close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(CloseMeeting())
