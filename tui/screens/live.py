"""The live meeting: purpose on top, agenda on the left, the current item in the centre,
and a quick-capture line at the bottom. Every action is saved before the screen shows it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Input,
    Label,
    OptionList,
    ProgressBar,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option

from meetings.capture import CaptureContext, CapturedNote, CaptureError, parse_capture
from meetings.insights import QUESTIONS, PurposeReview, purpose_review
from meetings.ledger import Tracked
from meetings.live import LiveError, LiveMeeting
from meetings.models import (
    HOT_SEAT_PHASES,
    AskKind,
    AskStatus,
    CommitmentStatus,
    Group,
    ItemKind,
    ItemState,
    Meeting,
    Note,
    NoteKind,
    Presence,
    Visibility,
)
from meetings.store import StoreError
from meetings.words import plural

from ..format import clock, short_date
from .forms import AskForm, CapturedList, CommitmentForm, ItemForm, NoteForm, OfferForm
from .setup import TextPrompt, first_error

STATE_MARK = {ItemState.DONE: "✓", ItemState.SKIPPED: "–", ItemState.CURRENT: "▶", ItemState.PENDING: " "}
COMMITMENT_KEYS = {"d": "done", "p": "partial", "m": "missed", "c": "carried", "x": "dropped", "o": "open"}
ASK_KEYS = {"t": "matched", "i": "introduced", "f": "fulfilled", "x": "dropped", "o": "open"}

# What the footer shows on each kind of item, most needed first (binding ids of LiveScreen). At 80
# columns only about six fit; every other key still works and is in `?` help and the palette.
# The focused panel's own keys (review table, review points) come before these.
FOOTER_KEYS: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.ROUND: ("leave-input", "next-speaker", "next-item", "pause", "capture", "live-help"),
    ItemKind.HOT_SEAT: ("leave-input", "next-speaker", "next-item", "pause", "capture", "live-help"),
    ItemKind.ACCOUNTABILITY: ("leave-input", "next-item"),
    ItemKind.ASKS_OFFERS: ("leave-input", "capture", "ask-form", "offer-form", "next-item", "pause", "live-help"),
    ItemKind.COMMITMENTS: ("leave-input", "capture", "commitment-form", "edit-captured", "next-item", "live-help"),
    ItemKind.DISCUSSION: ("leave-input", "capture", "decision-form", "note-form", "topic", "next-item", "live-help"),
    ItemKind.REVIEW: ("leave-input", "note-form", "decision-form", "capture", "next-item", "pause", "live-help"),
    ItemKind.CLOSE: ("end-meeting", "next-field", "leave-input", "live-help"),
}
FOOTER_DEFAULT = ("leave-input", "next-item", "pause", "capture", "to-close", "live-help")
# The widget an item kind is worked in, focused on arriving at the item.
PANEL_FOCUS = {ItemKind.ACCOUNTABILITY: "#review-table", ItemKind.REVIEW: "#review-points"}
# A key whose meaning changes with the item says so in the footer.
FOOTER_DESCRIPTIONS: dict[tuple[ItemKind, str], str] = {(ItemKind.HOT_SEAT, "next-speaker"): "Next phase"}


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

    def action_mark(self, key: str) -> None:
        if self.row_count:
            row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
            self.screen.mark_review(row_key, key)  # type: ignore[attr-defined]


class ClosePanel(Vertical):
    """Ratings, plus/delta, goals served, the next meeting: one compact row per field, in the
    order a facilitator asks for them, so tab walks the panel top to bottom. Each field saves on enter."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="close-row"):
            yield Label("Ratings 1-10")
            yield Input(id="ratings", placeholder="one per person: 8 9 7 10, or Ana 8", compact=True)
        with Horizontal(classes="close-row"):
            yield Label("Plus")
            yield Input(id="plus", placeholder="what worked (enter saves)", compact=True)
        with Horizontal(classes="close-row"):
            yield Label("Delta")
            yield Input(id="delta", placeholder="what to change (enter saves)", compact=True)
        yield Static(id="close-saved")
        with Vertical(classes="close-block"):
            yield Label("Goals this meeting served (space toggles)")
            yield SelectionList[str](id="goals-served", compact=True)
        with Horizontal(classes="close-row"):
            yield Label("Next meeting")
            yield Input(id="next-date", placeholder="YYYY-MM-DD (enter saves)", compact=True)
        with Vertical(classes="close-block"):
            yield Label("Next hot seats (space toggles)")
            yield SelectionList[str](id="next-seats", compact=True)
        yield Button("Close the meeting, see the minutes (ctrl+e)", id="close-meeting", variant="warning", compact=True)
        # The item's guidance last: the labelled fields above say most of it, and need the rows.
        yield Static(id="close-guidance")

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

    def load(self, live: LiveMeeting) -> None:
        """Fill the fields from the meeting (done each time the close item is reached)."""
        m, g = live.meeting, live.group
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
        item = live.item
        guidance = self.query_one("#close-guidance", Static)
        guidance.update(Text(item.guidance if item else "", style="dim"))
        guidance.display = bool(item and item.guidance)
        self.show_saved(m)

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


# The four health questions of a purpose review, each with the short label that heads a note
# taken against it (a note keeps its point as the start of its text: "Members succeeding: ...").
REVIEW_QUESTIONS: tuple[tuple[str, str], ...] = tuple(
    zip(("Value to you and to others", "Members succeeding", "Relationships intentional and mutual",
         "Connections outside the group"), QUESTIONS)
)
# Words in a review item's title that say which question it asks (the purpose-review template
# gives each question its own item); the point starts highlighted there.
QUESTION_WORDS: tuple[tuple[str, ...], ...] = (("value",), ("succeed",), ("relationship", "mutual"), ("connect", "outside", "beyond"))
PURPOSE_POINT = "Purpose"


class ReviewPoints(OptionList):
    """The points of a purpose review: the purpose, each goal, the four questions. Notes and
    decisions taken here (forms, or the quick line) go under the highlighted point."""

    BINDINGS = [
        Binding("N", "note('note')", "Note", id="point-note", tooltip="A note under the highlighted point"),
        Binding("D", "note('decision')", "Decision", id="point-decision", tooltip="A decision under the highlighted point"),
    ]

    def on_resize(self) -> None:
        # A longer message below takes rows from the list: keep the whole point in view.
        self.call_after_refresh(self.scroll_to_highlight)

    def action_note(self, kind: str) -> None:
        self.screen.action_note_form(kind)  # type: ignore[attr-defined]

    def highlighted_point(self) -> str | None:
        """The option id of the highlighted point, or None."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id


class LiveScreen(Screen[None]):
    """Run the meeting."""

    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="pause"),
        Binding("n", "next_item", "Next item", id="next-item"),
        Binding("b", "back", "Back", id="back-item"),
        Binding("k", "skip", "Skip", id="skip-item"),
        Binding("right_square_bracket", "next_speaker", "Next speaker", id="next-speaker"),
        Binding("left_square_bracket", "previous_speaker", "Prev speaker", id="previous-speaker", show=False),
        Binding("plus,equals_sign", "extend(5)", "+5 min", id="extend"),
        Binding("minus", "extend(-5)", "-5 min", id="shorten", show=False),
        # Priority, so "/" takes the focus before the keys typed after it are delivered (fast
        # typing over SSH arrives in one burst); in a field, check_action lets "/" be typed.
        Binding("slash", "capture", "Capture", id="capture", priority=True),
        Binding("C", "commitment_form", "Commitment", id="commitment-form", show=False),
        Binding("A", "ask_form", "Ask", id="ask-form", show=False),
        Binding("O", "offer_form", "Offer", id="offer-form", show=False),
        Binding("D", "note_form('decision')", "Decision", id="decision-form", show=False),
        Binding("N", "note_form('note')", "Note", id="note-form", show=False),
        Binding("e", "captured", "Edit captured", id="edit-captured", show=False),
        Binding("i", "add_item", "Add item", id="add-item", show=False),
        Binding("g", "cycle_goal", "Goal of item", id="cycle-goal", show=False),
        Binding("t", "topic", "Topic", id="topic", show=False),
        Binding("shift+up", "move_item(-1)", "Move item up", id="move-up", show=False),
        Binding("shift+down", "move_item(1)", "Move item down", id="move-down", show=False),
        Binding("x", "to_close", "Close meeting", id="to-close"),
        # Priority: a focused Input binds ctrl+e to "end of line", and the close item is full of inputs.
        Binding("ctrl+e", "close_meeting", "End meeting", id="end-meeting", show=False, priority=True),
        Binding("escape", "leave_input", "Leave field", id="leave-input", show=False),
        Binding("tab", "app.focus_next", "Next field", id="next-field", show=False),
        Binding("question_mark", "app.help", "Help", id="live-help"),
        # Quit stays on ctrl+q (the app's binding runs first); bound here without a description
        # only so the footer leaves it out at 80 columns: `?` help and the palette name it.
        Binding("ctrl+q", "app.quit", id="live-quit", show=False, priority=True),
    ]

    def __init__(self, group: Group, meeting: Meeting, *, start: bool = False):
        super().__init__()
        self.group = group
        self.initial = meeting
        self.start_on_mount = start
        self.live: LiveMeeting | None = None
        self._panel_key: tuple[str, str] | None = None
        self._footer_kind: ItemKind | None = None
        # Every binding of the screen as declared; the footer's choice is made from these per item kind.
        self._declared_bindings = [binding for _, binding in self._bindings]
        self._purpose_review: PurposeReview | None = None
        self._point_labels: dict[str, str] = {}

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="purpose")
        with Horizontal(id="live-main"):
            yield Static(id="agenda-list")
            with Vertical(id="centre"):
                yield Static(id="item-title")
                with Horizontal(classes="timer"):
                    yield Label("Item   ", classes="timer-label")
                    yield ProgressBar(id="item-bar", show_eta=False, show_percentage=False)
                    yield Static(id="item-clock", classes="timer-clock")
                with Horizontal(classes="timer"):
                    yield Label("Meeting", classes="timer-label")
                    yield ProgressBar(id="meeting-bar", show_eta=False, show_percentage=False)
                    yield Static(id="meeting-clock", classes="timer-clock")
                yield Static(id="pacing")
                yield Static(id="speaker")
                with VerticalScroll(id="kind-panel"):
                    yield Static(id="panel-body")
                    yield Static(
                        # One line at 80 columns: the commitment keys (d p m c x) are in the footer.
                        Text("Asks: t matched · i introduced · f fulfilled", style="dim"),
                        id="review-hint",
                    )
                    yield ReviewTable(id="review-table", cursor_type="row", zebra_stripes=True)
                    yield Static(Text("↑↓ pick a point: N, D and / n: d: go under it", style="dim"), id="points-hint")
                    yield ReviewPoints(id="review-points", compact=True)
                    yield ClosePanel(id="close-panel")
        yield Static(id="capture-message")
        yield Input(id="capture-line", placeholder="/ to capture: c: Ana send the survey by Fri · a: ask · o: offer · d: decision · n: note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-table", ReviewTable).add_columns("Who", "Status", "Commitment or ask", "Made")
        store = self.app.store  # type: ignore[attr-defined]
        history = [m for m in store.history(self.group.slug) if (m.date, m.number) < (self.initial.date, self.initial.number)]
        self.live = LiveMeeting(self.initial, self.group, history, save=store.save_meeting, clock=self.app.clock)  # type: ignore[attr-defined]
        if self.start_on_mount and not self.live.meeting.started_at:
            self.act(self.live.start)
        self.query_one("#purpose", Static).update(
            Text.assemble(("Purpose: ", "bold"), self.group.purpose.statement)
        )
        self.refresh_all()
        self.set_interval(1.0, self.tick)

    # ------------------------------------------------------------------ doing things

    def act(self, action: Callable[[], Any], confirm: str | None = None) -> Any:
        """Run an action on the meeting; it is saved before anything on screen says so."""
        try:
            result = action()
        except (LiveError, ValidationError, StoreError, OSError) as exc:
            message = first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            self.say(message, error=True)
            return None
        self.refresh_all()
        if confirm:
            self.say(confirm)
        return result

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#capture-message", Static).update(Text(message, style="bold red" if error else "green"))

    @property
    def meeting(self) -> Meeting:
        assert self.live is not None
        return self.live.meeting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_input":
            # Only where there is a field to leave; elsewhere escape has nothing to do.
            focused = self.focused
            return isinstance(focused, Input) or (focused is not None and self.query_one(ClosePanel) in focused.ancestors)
        # While typing in a field, letters are text, not commands.
        if isinstance(self.focused, Input) and action != "close_meeting":
            return False
        return True

    def show_keys_for(self, kind: ItemKind) -> None:
        """Put this kind's most needed keys in the footer, in order; the others stay bound, unshown."""
        if kind == self._footer_kind:
            return
        self._footer_kind = kind
        wanted = FOOTER_KEYS.get(kind, FOOTER_DEFAULT)
        first: list[Binding] = []
        for binding_id in wanted:
            for binding in self._declared_bindings:
                if binding.id == binding_id:
                    description = FOOTER_DESCRIPTIONS.get((kind, binding_id), binding.description)
                    first.append(replace(binding, show=True, description=description))
        rest = [replace(binding, show=False) for binding in self._declared_bindings if binding.id not in wanted]
        # Textual keeps a screen's bindings per instance; the footer lists them in this order.
        self._bindings = BindingsMap(first + rest)
        self.refresh_bindings()

    def action_leave_input(self) -> None:
        # From the capture line, back to the list the item is worked in (review rows, review
        # points), so the arrows move there again; otherwise no focus, and letters are commands.
        item = self.live.item if self.live else None
        panel = PANEL_FOCUS.get(item.kind) if item else None
        if panel and self.focused is self.query_one("#capture-line"):
            self.set_focus(self.query_one(panel))
        else:
            self.set_focus(None)

    def action_toggle_pause(self) -> None:
        assert self.live
        was_running = self.live.running
        self.act(self.live.toggle_pause, "Paused." if was_running else "Running.")

    def action_next_item(self) -> None:
        assert self.live
        self.act(self.live.next_item)

    def action_back(self) -> None:
        assert self.live
        self.act(self.live.back)

    def action_skip(self) -> None:
        assert self.live
        self.act(self.live.skip, "Skipped.")

    def action_next_speaker(self) -> None:
        assert self.live
        self.act(self.live.next_speaker)

    def action_previous_speaker(self) -> None:
        assert self.live
        self.act(self.live.previous_speaker)

    def action_extend(self, minutes: int) -> None:
        assert self.live
        self.act(lambda: self.live.extend(minutes), f"{minutes:+d} min on this item.")  # type: ignore[union-attr]

    def action_move_item(self, delta: int) -> None:
        assert self.live
        self.act(lambda: self.live.move_item(self.meeting.current, delta))  # type: ignore[union-attr]

    def action_cycle_goal(self) -> None:
        assert self.live
        choices: list[str | None] = [g.id for g in self.group.purpose.goals] + [None]
        item = self.live.item
        if item is None:
            return
        position = choices.index(item.goal) if item.goal in choices else -1
        goal = choices[(position + 1) % len(choices)]
        title = self.group.purpose.goal(goal).title if goal else "social glue"  # type: ignore[union-attr]
        self.act(lambda: self.live.set_goal(self.meeting.current, goal), f"This item serves: {title}")  # type: ignore[union-attr]

    def action_topic(self) -> None:
        assert self.live
        item = self.live.item
        if item is None:
            return

        def done(topic: str | None) -> None:
            if topic is not None:
                self.act(lambda: self.live.set_topic(topic), "Topic saved.")  # type: ignore[union-attr]

        self.app.push_screen(TextPrompt("Topic or challenge of this item:", item.topic), done)

    def action_add_item(self) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.act(lambda: self.live.add_item(values["title"], values["kind"], values["minutes"]), "Item added.")  # type: ignore[union-attr]

        self.app.push_screen(ItemForm(), done)

    def action_to_close(self) -> None:
        """Jump to the close item (adding one if the agenda has none)."""
        assert self.live
        closes = [i for i, it in enumerate(self.meeting.items) if it.kind == ItemKind.CLOSE]
        if not closes:
            self.act(lambda: self.live.add_item("Close", ItemKind.CLOSE, 5))  # type: ignore[union-attr]
            closes = [i for i, it in enumerate(self.meeting.items) if it.kind == ItemKind.CLOSE]
        if closes and closes[-1] != self.meeting.current:
            self.act(lambda: self.live.go_to(closes[-1]))  # type: ignore[union-attr]

    def action_close_meeting(self) -> None:
        assert self.live
        if self.act(self.live.close) is None:
            return
        from .summary import SummaryScreen

        store = self.app.store  # type: ignore[attr-defined]
        for warning in store.take_warnings():
            self.app.notify(warning, title="Meeting closed", severity="warning", markup=False, timeout=12)
        self.app.switch_screen(SummaryScreen(self.meeting, self.group, self.live.history, store.minutes_dir))

    # ------------------------------------------------------------------ capture

    def action_capture(self) -> None:
        # Focus now, not later (Widget.focus defers): keys typed right after "/" must land in
        # the line, not run as commands (n, k, x, space...) while the focus is on its way.
        self.set_focus(self.query_one("#capture-line", Input))

    def capture_context(self) -> CaptureContext:
        assert self.live
        m = self.meeting
        return CaptureContext(
            group=self.group,
            today=self.app.clock.now().astimezone().date(),  # type: ignore[attr-defined]
            next_meeting=m.next_date or m.date,
            default_visibility=self.group.confidentiality,
            open_asks=self.live.open_asks(),
            present=m.attendees,
        )

    @on(Input.Submitted, "#capture-line")
    def _capture(self, event: Input.Submitted) -> None:
        assert self.live
        line = event.value.strip()
        if not line:
            return
        try:
            captured = parse_capture(line, self.capture_context())
        except CaptureError as exc:
            # Keep what was typed so it can be corrected.
            self.say(str(exc), error=True)
            return
        point = self.review_point()
        if point and isinstance(captured, CapturedNote):
            captured = replace(captured, text=f"{point}: {captured.text}")
        record = self.act(lambda: self.live.apply_captured(captured))  # type: ignore[union-attr]
        if record is not None:
            event.input.value = ""
            self.say(f"Saved: {self.describe(record)}")

    def describe(self, record: Any) -> str:
        name = self.group.member_name
        kind = type(record).__name__.lower()
        who = ""
        if hasattr(record, "owner"):
            who = name(record.owner) + ": "
        elif hasattr(record, "by"):
            who = name(record.by) + " offers: "
        label = getattr(record, "kind", kind)
        label = kind if kind != "note" else str(getattr(label, "value", label))
        forum = " (forum only)" if getattr(record, "visibility", None) == Visibility.FORUM else ""
        due = f" (by {short_date(record.due)})" if hasattr(record, "due") else ""
        return f"{label} · {who}{record.text}{due}{forum}"

    def _members(self) -> list[tuple[str, str]]:
        return [(m.id, m.name) for m in self.group.active_members]

    def _goals(self) -> list[tuple[Text, str]]:
        # Text prompts for the form's Select: goal titles are user text, never markup.
        return [(Text(g.title), g.id) for g in self.group.purpose.goals]

    def _vis(self, forum: bool) -> Visibility:
        return Visibility.FORUM if forum else Visibility.SHAREABLE

    def _default_forum(self) -> bool:
        return self.group.confidentiality == Visibility.FORUM

    def action_commitment_form(self, record_id: str | None = None) -> None:
        assert self.live
        existing = self.live.find(record_id) if record_id else None
        initial: dict[str, Any] = {"forum": self._default_forum()}
        if existing is not None:
            initial = {"owner": existing.owner, "text": existing.text, "due": existing.due, "goal": existing.goal,  # type: ignore[union-attr]
                       "forum": existing.visibility == Visibility.FORUM}
        else:
            speaker = self.live.speaker()
            if speaker:
                initial["owner"] = speaker

        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return
            if existing is not None:
                changes = {"owner": v["owner"], "text": v["text"], "goal": v["goal"], "visibility": self._vis(v["forum"])}
                if v["due"]:
                    changes["due"] = v["due"]
                self.act(lambda: self.live.edit(existing.id, **changes), "Commitment updated.")  # type: ignore[union-attr]
            else:
                record = self.act(lambda: self.live.add_commitment(v["owner"], v["text"], v["due"], v["goal"], self._vis(v["forum"])))  # type: ignore[union-attr]
                if record:
                    self.say(f"Saved: {self.describe(record)}")

        self.app.push_screen(CommitmentForm(self._members(), self._goals(), **initial), done)

    def action_ask_form(self, record_id: str | None = None) -> None:
        assert self.live
        existing = self.live.find(record_id) if record_id else None
        initial: dict[str, Any] = {"forum": self._default_forum()}
        if existing is not None:
            initial = {"owner": existing.owner, "text": existing.text, "kind": existing.kind.value,  # type: ignore[union-attr]
                       "who": existing.who_could_help, "forum": existing.visibility == Visibility.FORUM}  # type: ignore[union-attr]
        elif self.live.speaker():
            initial["owner"] = self.live.speaker()

        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return
            if existing is not None:
                changes = {"owner": v["owner"], "text": v["text"], "kind": AskKind(v["kind"]), "who_could_help": v["who"],
                           "visibility": self._vis(v["forum"])}
                self.act(lambda: self.live.edit(existing.id, **changes), "Ask updated.")  # type: ignore[union-attr]
            else:
                record = self.act(lambda: self.live.add_ask(v["owner"], v["text"], AskKind(v["kind"]), v["who"], self._vis(v["forum"])))  # type: ignore[union-attr]
                if record:
                    self.say(f"Saved: {self.describe(record)}")

        self.app.push_screen(AskForm(self._members(), **initial), done)

    def action_offer_form(self, record_id: str | None = None) -> None:
        assert self.live
        asks = [(Text(f"{self.group.member_name(a.owner)}: {a.text}"[:70]), a.id) for a in self.live.open_asks()]
        existing = self.live.find(record_id) if record_id else None
        if existing is None and not asks:
            self.say("No open ask to answer yet.", error=True)
            return
        initial: dict[str, Any] = {"forum": self._default_forum()}
        if existing is not None:
            initial = {"ask": existing.ask_id, "by": existing.by, "text": existing.text, "commit": False,  # type: ignore[union-attr]
                       "forum": existing.visibility == Visibility.FORUM}

        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return
            if existing is not None:
                changes = {"by": v["by"], "text": v["text"], "visibility": self._vis(v["forum"])}
                self.act(lambda: self.live.edit(existing.id, **changes), "Offer updated.")  # type: ignore[union-attr]
            else:
                record = self.act(lambda: self.live.add_offer(v["ask"], v["by"], v["text"], self._vis(v["forum"]), commit=v["commit"]))  # type: ignore[union-attr]
                if record:
                    self.say(f"Saved: {self.describe(record)}")

        self.app.push_screen(OfferForm(self._members(), asks, **initial), done)

    def action_note_form(self, kind: str, record_id: str | None = None) -> None:
        assert self.live
        existing = self.live.find(record_id) if record_id else None
        note_kind = NoteKind(kind)
        initial: dict[str, Any] = {"forum": self._default_forum()}
        point = None
        if existing is not None:
            note_kind = existing.kind  # type: ignore[union-attr]
            initial = {"text": existing.text, "forum": existing.visibility == Visibility.FORUM}
        else:
            point = self.review_point()

        def done(v: dict[str, Any] | None) -> None:
            if not v:
                return
            if existing is not None:
                changes = {"text": v["text"], "visibility": self._vis(v["forum"])}
                self.act(lambda: self.live.edit(existing.id, **changes), "Updated.")  # type: ignore[union-attr]
            else:
                text = f"{point}: {v['text']}" if point else v["text"]
                record = self.act(lambda: self.live.add_note(text, note_kind, self._vis(v["forum"])))  # type: ignore[union-attr]
                if record:
                    self.say(f"Saved: {self.describe(record)}")

        self.app.push_screen(NoteForm(note_kind, about=point or "", **initial), done)

    def action_captured(self) -> None:
        assert self.live
        m = self.meeting
        entries: list[tuple[str, Text]] = []
        for record in [*m.commitments, *m.asks, *m.offers, *m.notes]:
            entries.append((record.id, Text(self.describe(record))))
        if not entries:
            self.say("Nothing captured yet in this meeting.")
            return

        def done(choice: tuple[str, str] | None) -> None:
            if not choice:
                return
            verb, rid = choice
            if verb == "delete":
                self.act(lambda: self.live.delete(rid), "Deleted.")  # type: ignore[union-attr]
                return
            record = self.live.find(rid)  # type: ignore[union-attr]
            name = type(record).__name__
            if name == "Commitment":
                self.action_commitment_form(rid)
            elif name == "Ask":
                self.action_ask_form(rid)
            elif name == "Offer":
                self.action_offer_form(rid)
            elif record is not None:
                self.action_note_form(record.kind.value, rid)  # type: ignore[union-attr]

        self.app.push_screen(CapturedList(entries), done)

    # ------------------------------------------------------------------ accountability

    def mark_review(self, row_key: str | None, key: str) -> None:
        assert self.live
        if not row_key:
            return
        target, _, target_id = row_key.partition(":")
        table = COMMITMENT_KEYS if target == "commitment" else ASK_KEYS
        outcome = table.get(key)
        if outcome is None:
            self.say("For an ask: t matched, i introduced, f fulfilled, x dropped, o clear.", error=True)
            return
        self.act(lambda: self.live.review(target, target_id, outcome))  # type: ignore[union-attr]

    # ------------------------------------------------------------------ close panel

    @on(Input.Submitted, "#ratings")
    def _ratings(self, event: Input.Submitted) -> None:
        assert self.live
        words = event.value.replace(",", " ").split()
        present = [self.group.member(mid) for mid in self.meeting.attendees]
        pending_name: str | None = None
        scores: list[tuple[str | None, int]] = []
        for word in words:
            if word.isdigit():
                score = int(word)
                if not 1 <= score <= 10:
                    self.say(f"{score} is not a rating from 1 to 10.", error=True)
                    return
                member_id = None
                if pending_name:
                    match = [m for m in present if m and m.name.lower().startswith(pending_name.lower())]
                    if len(match) != 1:
                        self.say(f"No single member present called {pending_name!r}.", error=True)
                        return
                    member_id = match[0].id
                scores.append((member_id, score))
                pending_name = None
            else:
                pending_name = f"{pending_name} {word}" if pending_name else word
        if not scores:
            self.say("Type ratings like '8 9 7' or 'Ana 8'.", error=True)
            return
        for member_id, score in scores:
            if self.act(lambda: self.live.rate(member_id, score)) is None:  # type: ignore[union-attr]
                return
        event.input.value = ""
        avg = self.meeting.rating_average or 0
        self.say(f"{len(scores)} rating(s) saved; average {avg:.1f} from {len(self.meeting.ratings)} votes.")

    @on(Input.Submitted, "#plus,#delta")
    def _plus_delta(self, event: Input.Submitted) -> None:
        assert self.live
        text = event.value.strip()
        if not text:
            return
        add = self.live.add_plus if event.input.id == "plus" else self.live.add_delta
        if self.act(lambda: add(text), f"Saved {event.input.id}.") is not None:
            event.input.value = ""

    @on(SelectionList.SelectedChanged, "#goals-served")
    def _goals_served(self, event: SelectionList.SelectedChanged[str]) -> None:
        assert self.live
        chosen = list(event.selection_list.selected)
        if chosen != self.meeting.goals_served:
            self.act(lambda: self.live.set_goals_served(chosen))  # type: ignore[union-attr]

    @on(SelectionList.SelectedChanged, "#next-seats")
    def _next_seats(self, event: SelectionList.SelectedChanged[str]) -> None:
        assert self.live
        chosen = list(event.selection_list.selected)
        if chosen != self.meeting.next_hot_seats:
            self.act(lambda: self.live.set_next(self.meeting.next_date, chosen))  # type: ignore[union-attr]

    @on(Input.Submitted, "#next-date")
    def _next_date(self, event: Input.Submitted) -> None:
        assert self.live
        raw = event.value.strip()
        try:
            day = date.fromisoformat(raw) if raw else None
        except ValueError:
            self.say(f"{raw!r} is not a date like 2026-12-08.", error=True)
            return
        self.act(lambda: self.live.set_next(day, self.meeting.next_hot_seats), "Next meeting saved.")  # type: ignore[union-attr]

    @on(Button.Pressed, "#close-meeting")
    def _close_pressed(self) -> None:
        self.action_close_meeting()

    # ------------------------------------------------------------------ drawing

    def tick(self) -> None:
        if self.live and not self.meeting.closed:
            self.refresh_clocks()

    def refresh_all(self) -> None:
        if self.live is None:
            return
        self.refresh_agenda()
        self.refresh_item()
        self.refresh_clocks()
        self.refresh_bindings()

    def refresh_agenda(self) -> None:
        assert self.live
        lines = Text()
        for index, item in enumerate(self.meeting.items):
            spent = self.live.item_elapsed(index) / 60
            over = spent > item.planned_minutes
            style = "bold reverse" if index == self.meeting.current else ("dim" if item.state in (ItemState.DONE, ItemState.SKIPPED) else "")
            lines.append(f"{STATE_MARK[item.state]} ", style=style)
            title = item.title if len(item.title) <= 19 else item.title[:18] + "…"
            lines.append(title.ljust(19), style=style)
            minutes = f"{spent:.0f}/{item.planned_minutes}" if item.state != ItemState.PENDING or spent else f"{item.planned_minutes}"
            lines.append(minutes.rjust(6) + "\n", style="bold red" if over else style)
        self.query_one("#agenda-list", Static).update(lines)

    def refresh_clocks(self) -> None:
        assert self.live
        live, item = self.live, self.live.item
        if item is None:
            return
        planned = item.planned_minutes * 60
        spent = live.item_elapsed()
        bar = self.query_one("#item-bar", ProgressBar)
        bar.update(total=planned, progress=min(spent, planned))
        bar.set_class(spent > planned, "over")
        left = planned - spent
        paused = "" if live.running else "  PAUSED"
        self.query_one("#item-clock", Static).update(
            Text(f"{clock(left)} left{paused}" if left >= 0 else f"{clock(-left)} over{paused}", style="bold red" if left < 0 else "")
        )
        budget = live.length_minutes() * 60
        total = live.meeting_elapsed()
        mbar = self.query_one("#meeting-bar", ProgressBar)
        mbar.update(total=budget, progress=min(total, budget))
        self.query_one("#meeting-clock", Static).update(Text(f"{clock(total)} of {clock(budget)}"))
        pacing = live.pacing()
        self.query_one("#pacing", Static).update(Text(pacing.message, style="yellow" if pacing.over_by > 0.5 else "green"))
        self.refresh_speaker()
        # Overrun shows in the agenda too, as it happens.
        if int(spent) % 15 == 0:
            self.refresh_agenda()

    def refresh_speaker(self) -> None:
        assert self.live
        live, item = self.live, self.live.item
        widget = self.query_one("#speaker", Static)
        # An item without speakers gives the speaker line's row to the panel (it counts at 80x24).
        widget.display = item is not None and (bool(item.speakers) or item.kind in (ItemKind.ROUND, ItemKind.HOT_SEAT))
        if item is None or not item.speakers:
            if item is not None and item.kind in (ItemKind.ROUND, ItemKind.HOT_SEAT):
                widget.update(Text("No speakers: mark attendance or pick hot seats (t sets a topic).", style="dim"))
            else:
                widget.update("")
            return
        speaker = live.speaker()
        name = self.group.member_name(speaker)
        used, budget = live.speaker_elapsed(), live.speaker_budget()
        text = Text()
        text.append("Floor: ", style="bold")
        text.append(name, style="bold")
        text.append(f"   {clock(used)} of {clock(budget)}", style="bold red" if used > budget else "")
        position = f"  ({item.speaker_index + 1} of {len(item.speakers)})"
        text.append(position)
        upcoming = item.speakers[item.speaker_index + 1 :]
        if upcoming and item.kind == ItemKind.ROUND:
            text.append("  next: " + self.group.member_name(upcoming[0]), style="dim")
        if item.kind == ItemKind.HOT_SEAT:
            text.append("\n")
            for index, phase in enumerate(HOT_SEAT_PHASES):
                style = "bold reverse" if index == item.phase_index else "dim"
                text.append(f" {phase} ", style=style)
                text.append(" ")
            text.append(f"\n{clock(live.phase_budget())} for this phase · ", style="dim")
            text.append(self.group.hot_seat_protocol, style="italic")
        widget.update(text)

    def refresh_item(self) -> None:
        assert self.live
        item = self.live.item
        if item is None:
            return
        goal = self.group.purpose.goal(item.goal)
        title = Text()
        title.append(f"{self.meeting.current + 1}. {item.title}", style="bold")
        title.append(f"  ·  {item.kind.value.replace('_', ' ')}  ·  ", style="dim")
        title.append(f"serves: {goal.title}" if goal else "social glue", style="italic")
        if item.topic:
            title.append("\nTopic: ")
            title.append(item.topic)
        # The close panel shows its guidance below its fields: at 80x24 the fields need the rows.
        if item.guidance and item.kind != ItemKind.CLOSE:
            title.append("\n" + item.guidance, style="dim")
        self.query_one("#item-title", Static).update(title)
        self.refresh_panel()
        self.show_keys_for(item.kind)

    def refresh_panel(self) -> None:
        """Show the help for this kind of item: review table, review points, close panel, or captured text."""
        assert self.live
        item = self.live.item
        assert item is not None
        review = item.kind == ItemKind.ACCOUNTABILITY
        points = item.kind == ItemKind.REVIEW
        close = item.kind == ItemKind.CLOSE
        self.query_one("#review-hint").display = review
        self.query_one("#review-table").display = review
        self.query_one("#points-hint").display = points
        self.query_one("#review-points").display = points
        self.query_one("#close-panel").display = close
        self.query_one("#panel-body").display = not (review or points or close)
        key = (item.id, item.kind.value)
        entering = key != self._panel_key
        if entering and self._panel_key is not None:
            self.say("")  # the last item's message does not belong to this one
        self._panel_key = key
        if review:
            self.fill_review_table()
        elif points:
            self.fill_review_points(entering)
        if entering and item.kind in PANEL_FOCUS:
            self.query_one(PANEL_FOCUS[item.kind]).focus()
        if close:
            panel = self.query_one(ClosePanel)
            if entering:
                panel.load(self.live)
                # Ratings come first at the close: typing starts there at once (now, not
                # deferred, so digits typed right after the key land in the field).
                self.set_focus(self.query_one("#ratings", Input))
            panel.show_saved(self.meeting)
        elif not (review or points):
            self.query_one("#panel-body", Static).update(self.panel_text(item.kind))

    # ------------------------------------------------------------------ purpose review

    def purpose_figures(self) -> PurposeReview:
        """The record of the 12 months up to this meeting (the history does not change while it runs)."""
        assert self.live
        if self._purpose_review is None:
            self._purpose_review = purpose_review(self.group, self.live.history, None, today=self.meeting.date)
        return self._purpose_review

    def fill_review_points(self, entering: bool) -> None:
        """The purpose, each goal and the four questions, each with the record and what was noted under it."""
        assert self.live
        item = self.live.item
        assert item is not None
        record = self.purpose_figures()
        goals = self.group.purpose.goals
        labels = {"purpose": PURPOSE_POINT}
        labels.update({f"goal-{i}": goal.title for i, goal in enumerate(goals)})
        labels.update({f"question-{i}": label for i, (label, _) in enumerate(REVIEW_QUESTIONS)})
        self._point_labels = labels
        by_point: dict[str, list[Note]] = {pid: [] for pid in labels}
        loose: list[Note] = []
        # Longest label first, so a goal called "Value" does not take notes on "Value to you and to others".
        ordered = sorted(labels.items(), key=lambda kv: -len(kv[1]))
        for note in (n for n in self.meeting.notes if n.item_id == item.id):
            pid = next((pid for pid, label in ordered if note.text.startswith(f"{label}: ")), None)
            (by_point[pid] if pid else loose).append(note)

        def with_notes(text: Text, pid: str) -> Text:
            for note in by_point[pid]:
                text.append(f"\n• {note.kind.value}: ", style="dim")
                text.append(note.text[len(labels[pid]) + 2 :])
                if note.visibility == Visibility.FORUM:
                    text.append(" (forum only)", style="dim")
            return text

        options: list[Option | None] = []  # None: a separator line
        purpose = self.group.purpose
        head = Text("Purpose", style="bold")
        if record.agreed:
            head.append(f" ({record.agreed})", style="dim")
        head.append("\n")
        head.append(purpose.statement)
        span = f"{short_date(record.first_meeting)} to {short_date(record.last_meeting)}" if record.first_meeting and record.last_meeting else ""
        head.append(f"\nRecord, {record.period.label}: {plural(record.meetings, 'meeting')}" + (f", {span}" if span else ""), style="dim")
        options.append(Option(with_notes(head, "purpose"), id="purpose"))
        options.append(None)
        evidence = {e.goal_id: e for e in record.goals}
        for i, goal in enumerate(goals):
            text = Text("Goal: ", style="bold")
            text.append(goal.title, style="bold")
            if goal.success:
                text.append("\nSuccess: ", style="dim")
                text.append(goal.success, style="dim")
            seen = evidence.get(goal.id)
            if seen is not None:
                text.append(
                    f"\nServed {plural(seen.meetings_served, 'meeting')} · {seen.commitments_done} of "
                    f"{plural(seen.commitments_made, 'commitment')} done · {plural(seen.introductions, 'introduction')}",
                    style="yellow" if not seen.meetings_served else "dim",
                )
            options.append(Option(with_notes(text, f"goal-{i}"), id=f"goal-{i}"))
        if not goals:
            options.append(Option(Text("No goals written yet: add them on the group screen.", style="dim"), disabled=True))
        options.append(None)
        answers = {a.question: a for a in record.answers}
        for i, (_, question) in enumerate(REVIEW_QUESTIONS):
            text = Text(f"{i + 1}. {question}", style="bold")
            answer = answers.get(question)
            if answer is not None and answer.figures:
                text.append("\n" + " · ".join(f"{f.label}: {f.value}" for f in answer.figures), style="dim")
            options.append(Option(with_notes(text, f"question-{i}"), id=f"question-{i}"))
        captured = [c for c in self.meeting.commitments if c.item_id == item.id]
        if loose or captured:
            options.append(None)
            text = Text("Also under this item", style="bold")
            for note in loose:
                text.append(f"\n• {note.kind.value}: ", style="dim")
                text.append(note.text)
            for c in captured:
                text.append(f"\n• commitment: {self.group.member_name(c.owner)}: ", style="dim")
                text.append(c.text)
            options.append(Option(text, disabled=True))

        points = self.query_one(ReviewPoints)
        kept = None if entering else points.highlighted_point()
        if kept is None:
            title = item.title.lower()
            asked = next((i for i, words in enumerate(QUESTION_WORDS) if any(w in title for w in words)), None)
            kept = f"question-{asked}" if asked is not None else ("goal-0" if goals else "purpose")
        points.clear_options()
        points.add_options(options)
        ids = [option.id for option in options if option is not None and not option.disabled]
        points.highlighted = points.get_option_index(kept if kept in ids else ids[0])

    def review_point(self) -> str | None:
        """The label of the highlighted review point, on a review item; notes taken now go under it."""
        assert self.live
        item = self.live.item
        if item is None or item.kind != ItemKind.REVIEW:
            return None
        return self._point_labels.get(self.query_one(ReviewPoints).highlighted_point() or "")

    def fill_review_table(self) -> None:
        assert self.live
        table = self.query_one("#review-table", ReviewTable)
        row = table.cursor_row
        table.clear()
        commitments, asks = self.live.open_items()

        def add(tracked: Tracked, target: str) -> None:
            record = tracked.record
            outcome = self.live.review_outcome(record.id)  # type: ignore[union-attr]
            status = outcome or "open"
            carried = getattr(record, "carried", 0)
            what = record.text + (f"  (carried {carried}x)" if carried else "")
            if carried >= 2:
                what += "  renegotiate?"
            owner = self.group.member_name(record.owner)
            if target == "ask":
                what = "ASK: " + what
            made = short_date(tracked.meeting.date)
            absent = self.meeting.presence(record.owner) == Presence.ABSENT
            # Status right after the owner: the text column is wide and would push it off screen.
            table.add_row(
                Text(owner + (" (absent)" if absent else "")),
                Text(status, style="bold green" if status in ("done", "fulfilled", "introduced") else ("bold red" if status in ("missed", "dropped") else "yellow")),
                Text(what), Text(made),
                key=f"{target}:{record.id}",
            )

        for t in commitments:
            add(t, "commitment")
        for t in asks:
            add(t, "ask")
        if not table.row_count:
            return
        table.move_cursor(row=min(row, table.row_count - 1))
        reviewed = sum(1 for t in commitments if self.live.review_outcome(t.id))
        self.say(f"{reviewed} of {len(commitments)} commitments reviewed.")

    def panel_text(self, kind: ItemKind) -> Text:
        assert self.live
        m, name = self.meeting, self.group.member_name
        text = Text()
        if kind == ItemKind.ASKS_OFFERS:
            text.append("Open asks (O: offer form, or o: Name -> Owner what)\n", style="bold")
            # Today's asks first: they are what the room is answering, and would scroll out of view last.
            today = {a.id for a in m.asks}
            for ask in sorted(self.live.open_asks(), key=lambda a: a.id not in today):
                text.append(f"• {name(ask.owner)} asks ")
                text.append(ask.text)
                text.append(f"  [{ask.kind.value}]\n", style="dim")
                for offer in (o for o in m.offers if o.ask_id == ask.id):
                    text.append(f"    ↳ {name(offer.by)} offers: ")
                    text.append(offer.text + "\n")
        elif kind == ItemKind.COMMITMENTS:
            text.append("Commitments made today (C: form, or c: Name what by Fri)\n", style="bold")
            for member in self.group.active_members:
                mine = [c for c in m.commitments if c.owner == member.id]
                absent = m.presence(member.id) == Presence.ABSENT
                if not mine and absent:
                    continue
                text.append(member.name + (" (absent)" if absent else ""), style="bold" if mine else "dim")
                text.append("\n" if mine else ": none yet\n", style="dim")
                for c in mine:
                    text.append(f"  • {c.text}  (by {short_date(c.due)})\n")
        item = self.live.item
        notes = [n for n in m.notes if item and n.item_id == item.id]
        if notes:
            text.append("Notes and decisions on this item\n", style="bold")
            for note in notes:
                text.append(f"• {note.kind.value}: ", style="dim")
                text.append(note.text)
                text.append(" (forum only)\n" if note.visibility == Visibility.FORUM else "\n", style="dim")
        captured = [c for c in m.commitments if item and c.item_id == item.id] if kind != ItemKind.COMMITMENTS else []
        if captured:
            text.append("Commitments captured here\n", style="bold")
            for c in captured:
                text.append(f"• {name(c.owner)}: ")
                text.append(c.text + "\n")
        if not text.plain:
            text.append("Capture with / (quick line) or C A O D N (forms).", style="dim")
        return text
