"""The live meeting: purpose on top, agenda on the left, the current item in the centre,
and a quick-capture line at the bottom. Every action is saved before the screen shows it.

The screen is the mediator: it owns the clocks, the capture line and the keys that work on
every item, and shows one panel per kind of item (``registry.PANELS``). Panels fill themselves
from the ``LiveMeeting`` and send ``Act``, ``Say``, ``OpenForm`` and ``CloseMeeting`` up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input, Label, ProgressBar, Static

from meetings.capture import CaptureError
from meetings.live import LiveError, LiveMeeting
from meetings.models import Group, ItemKind, Meeting
from meetings.store import StoreError

from ..format import clock
from ..screens.forms import ItemForm
from ..screens.setup import TextPrompt, first_error
from ..screens.room import RoomScreen, SeatsScreen
from .capture_line import CaptureLine
from .closing import ConfirmClose, left_behind
from .layout import SIZE_BREAKPOINTS, ItemTitle, TooSmall
from .messages import Act, CloseMeeting, OpenForm, Say
from .panel import Panel, footer_bindings
from .records import NoForm, form_for
from .registry import DEFAULT_PANEL, PANELS, panel_classes
from .text import agenda_text, clock_texts, describe, item_title, shows_speaker, speaker_line

if TYPE_CHECKING:
    from textual.app import App


class LiveScreen(Screen[None]):
    """Run the meeting."""

    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = SIZE_BREAKPOINTS  # below 80x24: a message (layout.py)
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
        Binding("C", "open_form('commitment')", "Commitment", id="commitment-form", show=False),
        Binding("A", "open_form('ask')", "Ask", id="ask-form", show=False),
        Binding("O", "open_form('offer')", "Offer", id="offer-form", show=False),
        Binding("D", "open_form('decision')", "Decision", id="decision-form", show=False),
        Binding("N", "open_form('note')", "Note", id="note-form", show=False),
        Binding("e", "open_form('captured')", "Edit captured", id="edit-captured", show=False),
        Binding("i", "add_item", "Add item", id="add-item", show=False),
        Binding("g", "cycle_goal", "Goal of item", id="cycle-goal", show=False),
        Binding("t", "topic", "Topic", id="topic", show=False),
        Binding("shift+up", "move_item(-1)", "Move item up", id="move-up", show=False),
        Binding("shift+down", "move_item(1)", "Move item down", id="move-down", show=False),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("r", "room", "Room", id="room"),
        Binding("h", "seats", "Hot seats", id="seats"),
        Binding("x", "to_close", "Close meeting", id="to-close"),
        # Priority: a focused Input binds ctrl+e to "end of line", and the close item is full of inputs.
        Binding("ctrl+e", "close_meeting", "End meeting", id="end-meeting", show=False, priority=True),
        Binding("escape", "leave_input", "Leave field", id="leave-input", show=False),
        # Priority, so the focus moves before the keys typed after tab are handed out: without it
        # "10 enter tab text", typed fast, put the text in the ratings field (keys already queued).
        Binding("tab", "app.focus_next", "Next field", id="next-field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", id="previous-field", show=False, priority=True),
        Binding("question_mark", "app.help", "Help", id="live-help"),
        # Quit stays on ctrl+q (the app's binding runs first); bound here without a description
        # only so the footer leaves it out at 80 columns: `?` help and the palette name it.
        Binding("ctrl+q", "app.quit", id="live-quit", show=False, priority=True),
    ]

    def __init__(self, live: LiveMeeting, *, start: bool = False):
        super().__init__()
        self.live = live
        self.start_on_mount = start
        # One panel of each class, made now so each has the meeting before it is mounted.
        self.panels: dict[type[Panel], Panel] = {cls: cls(live) for cls in panel_classes()}
        self._panel_key: tuple[str, str] | None = None
        self._footer_kind: ItemKind | None = None
        # Every binding of the screen as declared; the footer's choice is made from these per item kind.
        self._declared_bindings = [binding for _, binding in self._bindings]

    @classmethod
    def for_meeting(cls, app: App[Any], group: Group, meeting: Meeting, *, start: bool = False) -> LiveScreen:
        """The screen for ``meeting``, with the group's earlier meetings read from the app's store."""
        store = app.store  # type: ignore[attr-defined]
        history = [m for m in store.history(group.slug) if (m.date, m.number) < (meeting.date, meeting.number)]
        live = LiveMeeting(meeting, group, history, save=store.save_meeting, clock=app.clock, save_group=store.save_group)  # type: ignore[attr-defined]
        return cls(live, start=start)

    @property
    def meeting(self) -> Meeting:
        return self.live.meeting

    @property
    def group(self) -> Group:
        # The live meeting's: a member added on the spot (or taken back) changes it.
        return self.live.group

    @property
    def panel(self) -> Panel:
        """The panel of the current item's kind."""
        item = self.live.item
        return self.panels[PANELS.get(item.kind, DEFAULT_PANEL) if item else DEFAULT_PANEL]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Purpose: ", "bold"), self.group.purpose.statement), id="purpose")
        with Horizontal(id="live-main"):
            yield Static(id="agenda-list")
            with Vertical(id="centre"):
                yield ItemTitle(id="item-title")
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
                with ContentSwitcher(id="kind-panel", initial=self.panel.id):
                    yield from self.panels.values()
        yield Static(id="capture-message")
        yield CaptureLine(self.live, lambda: self.panel.note_point(), id="capture-line", placeholder="/ to capture: c: Ana send the survey by Fri · a: ask · o: offer · d: decision · n: note")
        yield Footer()
        yield TooSmall(id="too-small")

    def on_mount(self) -> None:
        store, now = self.app.store, self.live.clock.now()  # type: ignore[attr-defined]
        # How long the app was away: since it last said it was alive, or since the last action.
        seen = max((t for t in (store.last_alive(self.meeting.id), self.live.last_action_at()) if t), default=None)
        if self.start_on_mount and not self.meeting.started_at:
            self.act(self.live.start)
        self.refresh_all()
        if seen is not None and not self.start_on_mount:
            away = max(0, int((now - seen).total_seconds()))
            clock_note = "the clock kept running, as the room did" if self.live.running else "the clock was paused"
            self.say(f"Resumed: {clock(away)} passed ({away} s); {clock_note}.")
        self._alive: datetime | None = None  # when the heartbeat was last written
        self.set_interval(1.0, self.tick)

    def on_unmount(self) -> None:
        if not self.meeting.closed:  # a clean quit: the next start counts its time away from now
            self.app.store.mark_alive(self.meeting.id, self.live.clock.now())  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ messages up from the panels

    def act(self, change: Callable[[], Any], confirm: str | Callable[[Any], str] | None = None) -> Any:
        """Run a change on the meeting; it is saved before anything on screen says so.
        Returns what the change returned, or None when it failed (and said why)."""
        try:
            result = change()
        except (LiveError, ValidationError, StoreError, OSError, CaptureError) as exc:
            self.say(first_error(exc) if isinstance(exc, ValidationError) else str(exc), error=True)
            return None
        self.refresh_all()
        if confirm:
            self.say(confirm(result) if callable(confirm) else confirm)
        return result

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#capture-message", Static).update(Text(message, style="bold red" if error else "green"))

    @on(Act)
    def _act(self, event: Act) -> None:
        event.stop()
        result = self.act(event.change, event.confirm)
        if result is not None and event.then is not None:
            event.then(result)

    @on(Say)
    def _say(self, event: Say) -> None:
        event.stop()
        self.say(event.text, error=event.error)

    @on(OpenForm)
    def _open_form(self, event: OpenForm) -> None:
        event.stop()
        self.action_open_form(event.kind, event.record_id)

    @on(CloseMeeting)
    def _close_meeting(self, event: CloseMeeting) -> None:
        event.stop()
        self.action_close_meeting()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused
        if action == "leave_input":
            # Only where there is a field to leave; elsewhere escape has nothing to do.
            return isinstance(focused, Input) or (
                focused is not None and any(isinstance(a, Panel) and a.FIELDS for a in focused.ancestors)
            )
        # While typing in a field, letters are text, not commands.
        if isinstance(focused, Input) and action != "close_meeting":
            return False
        return True

    def show_keys_for(self, kind: ItemKind) -> None:
        """Put the panel's most needed keys in the footer, in order; the others stay bound, unshown."""
        if kind != self._footer_kind:
            self._footer_kind = kind
            # Textual keeps a screen's bindings per instance; the footer lists them in this order.
            self._bindings = footer_bindings(self._declared_bindings, self.panel, kind)
            self.refresh_bindings()

    def action_leave_input(self) -> None:
        # From the capture line, back to the list the item is worked in (review rows, review
        # points), so the arrows move there again; otherwise no focus, and letters are commands.
        worked_in = self.panel.worked_in()
        if worked_in is not None and self.focused is self.query_one("#capture-line"):
            self.set_focus(worked_in)
        else:
            self.set_focus(None)

    def action_toggle_pause(self) -> None:
        self.act(self.live.toggle_pause, "Paused." if self.live.running else "Running.")

    def action_next_item(self) -> None:
        self.act(self.live.next_item)

    def action_back(self) -> None:
        self.act(self.live.back)

    def action_skip(self) -> None:
        self.act(self.live.skip, "Skipped.")

    def action_next_speaker(self) -> None:
        self.act(self.live.next_speaker)

    def action_previous_speaker(self) -> None:
        self.act(self.live.previous_speaker)

    def action_extend(self, minutes: int) -> None:
        self.act(lambda: self.live.extend(minutes), f"{minutes:+d} min on this item.")

    def action_move_item(self, delta: int) -> None:
        self.act(lambda: self.live.move_item(self.meeting.current, delta))

    def action_cycle_goal(self) -> None:
        item = self.live.item
        if item is None:
            return
        choices: list[str | None] = [g.id for g in self.group.purpose.goals] + [None]
        position = choices.index(item.goal) if item.goal in choices else -1
        goal = choices[(position + 1) % len(choices)]
        title = self.group.purpose.goal(goal).title if goal else "social glue"  # type: ignore[union-attr]
        self.act(lambda: self.live.set_goal(self.meeting.current, goal), f"This item serves: {title}")

    def action_topic(self) -> None:
        item = self.live.item
        if item is None:
            return

        def done(topic: str | None) -> None:
            if topic is not None:
                self.act(lambda: self.live.set_topic(topic), "Topic saved.")

        self.app.push_screen(TextPrompt("Topic or challenge of this item:", item.topic), done)

    def action_add_item(self) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.act(lambda: self.live.add_item(values["title"], values["kind"], values["minutes"]), "Item added.")

        self.app.push_screen(ItemForm(), done)

    def action_to_close(self) -> None:
        """Jump to the close item (adding one if the agenda has none)."""
        closes = [i for i, it in enumerate(self.meeting.items) if it.kind == ItemKind.CLOSE]
        if not closes:
            self.act(lambda: self.live.add_item("Close", ItemKind.CLOSE, 5))
            closes = [i for i, it in enumerate(self.meeting.items) if it.kind == ItemKind.CLOSE]
        if closes and closes[-1] != self.meeting.current:
            self.act(lambda: self.live.go_to(closes[-1]))

    def action_undo(self) -> None:
        self.act(self.live.undo, lambda what: f"Undone: {what}. u again undoes the one before.")

    def run_for_dialog(self, change: Callable[[], Any], said: str) -> str | None:
        """Apply a dialog's action like any other (saved first); the error to show, or None."""
        if self.act(change, said) is None:
            return str(self.query_one("#capture-message", Static).content)
        return None

    def action_room(self) -> None:
        self.app.push_screen(RoomScreen(self.live, self.run_for_dialog))

    def action_seats(self) -> None:
        self.app.push_screen(SeatsScreen(self.live, self.run_for_dialog))

    def action_close_meeting(self) -> None:
        # ctrl+e is a priority key: it is handled before keys already handed to the focused
        # field. Ask once those are in, so the text typed just before ctrl+e is counted.
        if self.focused is not None:
            self.focused.call_later(self._ask_to_close)
        else:
            self._ask_to_close()

    def _ask_to_close(self) -> None:
        """Ask once, saying what closing leaves behind; typed text is saved, not dropped."""
        unsaved = dict(self.panels[PANELS[ItemKind.CLOSE]].unsaved())  # type: ignore[attr-defined]
        line = self.query_one("#capture-line", Input).value.strip()
        if line:
            unsaved["Capture line"] = line

        def answer(close: bool | None) -> None:
            if close:
                self.close_meeting(line)

        self.app.push_screen(ConfirmClose(left_behind(self.live, unsaved)), answer)

    def close_meeting(self, line: str = "") -> None:
        if line and self.act(self.query_one(CaptureLine).save_now) is None:
            return
        if self.act(self.panels[PANELS[ItemKind.CLOSE]].save_unsaved) is None:  # type: ignore[attr-defined]
            return
        if self.act(self.live.close) is None:
            return
        from ..screens.summary import SummaryScreen

        store = self.app.store  # type: ignore[attr-defined]
        for warning in store.take_warnings():
            self.app.notify(warning, title="Meeting closed", severity="warning", markup=False, timeout=12)
        self.app.switch_screen(SummaryScreen(self.meeting, self.group, self.live.history, store.minutes_dir))

    def action_open_form(self, kind: str, record_id: str | None = None) -> None:
        """Open a capture form (commitment, ask, offer, note, decision, captured); its answer
        comes back as a message (``Act`` to save, ``OpenForm`` to edit what was picked). A record
        form's values are saved through ``act`` before it closes; a refusal stays in the form."""

        def run(save: Act) -> str | None:
            return self.run_for_dialog(save.change, save.confirm)  # type: ignore[arg-type]

        try:
            form, answer = form_for(self.live, kind, record_id, self.panel.note_point(), run=run)
        except NoForm as refused:
            self.say(str(refused), error=refused.error)
            return

        def done(values: Any) -> None:
            message = answer(values)
            if message is not None:
                self.post_message(message)

        self.app.push_screen(form, done)

    # ------------------------------------------------------------------ capture line

    def action_capture(self) -> None:
        # Focus now, not later (Widget.focus defers): keys typed right after "/" must land in
        # the line, not run as commands (n, k, x, space...) while the focus is on its way.
        self.set_focus(self.query_one("#capture-line", Input))

    # ------------------------------------------------------------------ drawing

    def tick(self) -> None:
        if not self.meeting.closed:
            self.refresh_clocks()
            now = self.live.clock.now()
            if self._alive is None or (now - self._alive).total_seconds() >= 5:
                self._alive = now
                self.app.store.mark_alive(self.meeting.id, now)  # type: ignore[attr-defined]

    def refresh_all(self) -> None:
        self.refresh_agenda()
        self.refresh_item()
        self.refresh_clocks()
        self.refresh_bindings()

    def refresh_agenda(self) -> None:
        self.query_one("#agenda-list", Static).update(agenda_text(self.live))

    def refresh_clocks(self) -> None:
        live, item = self.live, self.live.item
        if item is None:
            return
        spent, planned = live.item_elapsed(), item.planned_minutes * 60
        bar = self.query_one("#item-bar", ProgressBar)
        bar.update(total=planned, progress=min(spent, planned))
        bar.set_class(spent > planned, "over")
        budget = live.length_minutes() * 60
        self.query_one("#meeting-bar", ProgressBar).update(total=budget, progress=min(live.meeting_elapsed(), budget))
        for widget_id, text in clock_texts(live).items():
            self.query_one(f"#{widget_id}", Static).update(text)
        self.refresh_speaker()
        # Overrun shows in the agenda too, as it happens.
        if int(spent) % 15 == 0:
            self.refresh_agenda()

    def refresh_speaker(self) -> None:
        widget = self.query_one("#speaker", Static)
        widget.display = shows_speaker(self.live.item)
        widget.update(speaker_line(self.live))

    def refresh_item(self) -> None:
        item = self.live.item
        if item is None:
            return
        self.query_one("#item-title", Static).update(item_title(self.live, item))
        self.refresh_panel()
        self.show_keys_for(item.kind)

    def refresh_panel(self) -> None:
        """Switch to the panel of this kind of item and have it fill itself."""
        item = self.live.item
        if item is None:
            return
        panel = self.panel
        self.query_one("#kind-panel", ContentSwitcher).current = panel.id
        key = (item.id, item.kind.value)
        entering = key != self._panel_key
        if entering and self._panel_key is not None:
            self.say("")  # the last item's message does not belong to this one
        self._panel_key = key
        line = panel.show(item, entering)
        if line is not None:
            self.say(line)
        if entering:
            panel.arrive()
