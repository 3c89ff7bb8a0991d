"""Setup: date, template, attendance, guests, hot seats, and which goal each item serves."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from meetings.live import hot_seat_waits, plan_meeting, suggest_hot_seats
from meetings.models import Attendance, Group, Guest, ItemKind, Meeting, Presence, Template
from meetings.store import StoreError
from meetings.words import plural
from pydantic import ValidationError

PRESENCE_LABEL = {
    Presence.PRESENT: "present",
    Presence.LATE: "late",
    Presence.ABSENT: "absent",
    Presence.SUBSTITUTE: "substitute",
}


# Below this many minutes each, presenters sharing one hot-seat item cannot run its four phases.
MIN_SEAT_MINUTES = 10


def _names(group: Group, member_ids: list[str]) -> str:
    names = [group.member_name(m) for m in member_ids]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def hot_seat_warning(group: Group, template: Template, picks: list[str]) -> Text | None:
    """Why some picked presenters would not get the floor, or None. With several hot-seat items
    each takes one presenter, in pick order (see plan_meeting), so picks beyond them never sit;
    with one item the picks share its minutes."""
    seats = [item for item in template.items if item.kind == ItemKind.HOT_SEAT]
    if not picks:
        return None
    # Names are user text: appended to a Text, never read as markup.
    if not seats:
        return Text.assemble(
            ("No hot-seat item in this agenda: ", "bold yellow"), _names(group, picks),
            " would not get the floor. Pick another template, or no hot seat.",
        )
    if len(seats) > 1 and len(picks) > len(seats):
        left_out = picks[len(seats):]
        return Text.assemble(
            (f"{len(picks)} presenters for {len(seats)} hot-seat items: ", "bold yellow"),
            f"one each, so {_names(group, left_out)} would not get the floor. "
            f"Unpick {plural(len(left_out), 'presenter')} (h) or pick another template.",
        )
    if len(seats) == 1 and len(picks) > 1:
        each = seats[0].minutes / len(picks)
        if each < MIN_SEAT_MINUTES:
            return Text.assemble(
                (f"{len(picks)} presenters share one {seats[0].minutes}-minute hot seat: ", "bold yellow"),
                f"{round(each, 1):g} minutes each, too short for the four phases. Fewer presenters (h), "
                "or another template.",
            )
    return None


def first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


class AttendanceTable(DataTable[Text]):
    """Members with their presence and hot-seat pick; keys act on the highlighted row."""

    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="mark-present"),
        Binding("l", "mark('late')", "Late", id="mark-late"),
        Binding("a", "mark('absent')", "Absent", id="mark-absent"),
        Binding("s", "substitute", "Substitute", id="mark-substitute"),
        Binding("h", "hot_seat", "Hot seat", id="toggle-hot-seat"),
    ]

    def action_mark(self, presence: str) -> None:
        self.screen.set_presence(self.cursor_row, Presence(presence))  # type: ignore[attr-defined]

    def action_substitute(self) -> None:
        self.screen.ask_substitute(self.cursor_row)  # type: ignore[attr-defined]

    def action_hot_seat(self) -> None:
        self.screen.toggle_hot_seat(self.cursor_row)  # type: ignore[attr-defined]


class AgendaTable(DataTable[Text]):
    BINDINGS = [Binding("g", "cycle_goal", "Goal", id="cycle-goal")]

    def action_cycle_goal(self) -> None:
        self.screen.cycle_goal(self.cursor_row)  # type: ignore[attr-defined]


class GuestTable(DataTable[Text]):
    BINDINGS = [
        Binding("c", "came", "Came / did not come", id="guest-came"),
        Binding("delete,backspace", "remove", "Remove guest", id="remove-guest"),
    ]

    def action_came(self) -> None:
        self.screen.toggle_guest_came(self.cursor_row)  # type: ignore[attr-defined]

    def action_remove(self) -> None:
        self.screen.remove_guest(self.cursor_row)  # type: ignore[attr-defined]


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (e.g. the name of a substitute)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-prompt")]

    def __init__(self, question: str, value: str = ""):
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question))
            yield Input(value=self.value, id="prompt-input")

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SetupScreen(Screen[None]):
    """Prepare a meeting. ctrl+s starts it."""

    DEFAULT_CSS = """
    SetupScreen #hot-seat-warning {
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "start", "Start meeting", id="start", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, group: Group):
        super().__init__()
        self.group = group
        self.presence: dict[str, Presence] = {m.id: Presence.PRESENT for m in group.active_members}
        self.substitutes: dict[str, str] = {}
        self.hot_seats: list[str] = []
        self.guests: list[Guest] = []
        self.goal_links: dict[int, str | None] = {}
        self.history: list[Meeting] = []
        self.number = 1

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"New meeting of {self.group.name}", style="bold"), id="setup-title")
        with TabbedContent(id="setup-tabs"):
            with TabPane("Meeting", id="tab-meeting"):
                with Horizontal(classes="field"):
                    yield Label("Date (YYYY-MM-DD)")
                    yield Input(id="date")
                with Horizontal(classes="field"):
                    yield Label("Agenda template")
                    templates: list[Template] = self.app.templates  # type: ignore[attr-defined]
                    slugs = [t.slug for t in templates]
                    default = self.group.default_template if self.group.default_template in slugs else slugs[0]
                    yield Select[str]([(Text(t.name), t.slug) for t in templates], id="template", allow_blank=False, value=default)
                yield Static("", id="template-info")
            with TabPane("Attendance", id="tab-attendance"):
                yield Static("p present · l late · a absent · s substitute · h hot seat", classes="hint")
                yield AttendanceTable(id="attendance", cursor_type="row", zebra_stripes=True)
            with TabPane("Guests", id="tab-guests"):
                with Horizontal(classes="field"):
                    yield Input(placeholder="Guest name", id="guest-name")
                    yield Input(placeholder="email (optional)", id="guest-email")
                with Horizontal(classes="field"):
                    yield Select[str]([], id="guest-inviter", prompt="Invited by")
                    yield Button("Add guest", id="add-guest")
                yield GuestTable(id="guests", cursor_type="row")
            with TabPane("Agenda", id="tab-agenda"):
                yield Static("g: change the goal the highlighted item serves", classes="hint")
                yield AgendaTable(id="agenda", cursor_type="row", zebra_stripes=True)
        yield Static("", id="hot-seat-warning")
        yield Static("", id="setup-error")
        yield Footer()

    def on_mount(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        self.history = store.history(self.group.slug)
        latest = store.latest(self.group.slug)
        self.number = (latest.number + 1) if latest else 1
        today = self.app.clock.now().astimezone().date()  # type: ignore[attr-defined]
        self.query_one("#date", Input).value = today.isoformat()
        inviter = self.query_one("#guest-inviter", Select)
        # Text prompts: a str prompt would be read as markup, and names are user text.
        inviter.set_options([(Text(m.name), m.id) for m in self.group.active_members])
        for table_id, columns in (
            ("#attendance", ("Member", "Status", "Hot seat", "Waited")),
            ("#agenda", ("#", "Item", "Kind", "Min", "Serves")),
            ("#guests", ("Guest", "Invited by", "Email")),
        ):
            self.query_one(table_id, DataTable).add_columns(*columns)
        # Fixed width: `c` flips the cell between "yes" and "no, invited", and DataTable only
        # widens an auto column on a later idle pass, which sometimes showed "no," cut short.
        self.query_one("#guests", DataTable).add_column("Came", width=len("no, invited"))
        self.suggest()
        self.refresh_tables()

    # ------------------------------------------------------------------ state

    @property
    def template(self) -> Template | None:
        value = self.query_one("#template", Select).value
        return self.app.template(value) if isinstance(value, str) else None  # type: ignore[attr-defined]

    def hot_seat_items(self) -> int:
        t = self.template
        return sum(1 for i in t.items if i.kind == ItemKind.HOT_SEAT) if t else 0

    def present_ids(self) -> list[str]:
        return [mid for mid, p in self.presence.items() if p != Presence.ABSENT]

    def suggest(self) -> None:
        """Pick hot seats: the previous meeting's choice, then who has waited longest."""
        count = self.hot_seat_items()
        if count == 1:
            count = 2 if (self.template and self.template.minutes >= 90) else 1
        self.hot_seats = suggest_hot_seats(self.group, self.history, count, self.present_ids())

    def seated_picks(self) -> list[str]:
        """The picks the meeting will be planned with: those expected in the room."""
        here = set(self.present_ids())
        return [m for m in self.hot_seats if m in here]

    def refresh_warning(self) -> None:
        template = self.template
        warning = hot_seat_warning(self.group, template, self.seated_picks()) if template else None
        shown = self.query_one("#hot-seat-warning", Static)
        shown.update(warning or "")
        shown.display = warning is not None  # takes no row when there is nothing to say

    def refresh_tables(self) -> None:
        self.refresh_warning()
        waits = dict(hot_seat_waits(self.group, self.history))
        table = self.query_one("#attendance", DataTable)
        row = table.cursor_row
        table.clear()
        for member in self.group.active_members:
            presence = self.presence[member.id]
            status = PRESENCE_LABEL[presence]
            if presence == Presence.SUBSTITUTE and self.substitutes.get(member.id):
                status += f": {self.substitutes[member.id]}"
            seat = ""
            if member.id in self.hot_seats:
                seat = f"yes ({self.hot_seats.index(member.id) + 1})"
            wait = waits.get(member.id)
            if wait is None:
                waited = "never had one"
            elif wait == 0:
                waited = "had it last time"
            else:
                waited = f"{wait} meeting{'s' if wait != 1 else ''} since"
            style = "dim" if presence == Presence.ABSENT else ""
            table.add_row(Text(member.name, style=style), Text(status), Text(seat), Text(waited), key=member.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

        agenda = self.query_one("#agenda", DataTable)
        row = agenda.cursor_row
        agenda.clear()
        template = self.template
        if template:
            preview = self.preview()
            for index, item in enumerate(preview.items):
                goal = self.group.purpose.goal(item.goal)
                serves = goal.title if goal else "social glue"
                agenda.add_row(
                    Text(str(index + 1)), Text(item.title), Text(item.kind.value.replace("_", " ")),
                    Text(str(item.planned_minutes)), Text(serves),
                )
            if agenda.row_count:
                agenda.move_cursor(row=min(row, agenda.row_count - 1))
            seats = ", ".join(self.group.member_name(m) for m in self.hot_seats) or "none picked"
            self.query_one("#template-info", Static).update(
                Text(
                    f"Meeting {self.number} · {len(template.items)} items · {template.minutes} min planned "
                    f"(group meets {self.group.meeting_minutes} min)\n"
                    f"{len(self.present_ids())} of {len(self.group.active_members)} members expected · "
                    f"{sum(g.came for g in self.guests)} guest(s) · hot seat: {seats}\n\n{template.description}"
                )
            )

        guests = self.query_one("#guests", DataTable)
        guests.clear()
        for guest in self.guests:
            guests.add_row(
                Text(guest.name),
                Text(self.group.member_name(guest.invited_by) if guest.invited_by else ""),
                Text(guest.email),
                Text("yes") if guest.came else Text("no, invited", style="yellow"),
            )

    def preview(self, on: date | None = None) -> Meeting:
        template = self.template
        assert template is not None
        attendance = [
            Attendance(member_id=mid, presence=p, substitute=self.substitutes.get(mid, "") if p == Presence.SUBSTITUTE else "")
            for mid, p in self.presence.items()
        ]
        return plan_meeting(
            self.group,
            template,
            on=on or self.app.clock.now().astimezone().date(),  # type: ignore[attr-defined]
            number=self.number,
            attendance=attendance,
            guests=self.guests,
            hot_seats=self.seated_picks(),
            goal_links=self.goal_links,
        )

    # ------------------------------------------------------------------ edits from the tables

    def _member_at(self, row: int) -> str | None:
        members = self.group.active_members
        return members[row].id if 0 <= row < len(members) else None

    def set_presence(self, row: int, presence: Presence) -> None:
        member_id = self._member_at(row)
        if member_id is None:
            return
        self.presence[member_id] = presence
        if presence == Presence.ABSENT and member_id in self.hot_seats:
            self.hot_seats.remove(member_id)
        self.refresh_tables()

    def ask_substitute(self, row: int) -> None:
        member_id = self._member_at(row)
        if member_id is None:
            return

        def done(name: str | None) -> None:
            if name:
                self.substitutes[member_id] = name[:120]
                self.presence[member_id] = Presence.SUBSTITUTE
                self.refresh_tables()

        member = self.group.member_name(member_id)
        self.app.push_screen(TextPrompt(f"Who comes in place of {member}?", self.substitutes.get(member_id, "")), done)

    def toggle_hot_seat(self, row: int) -> None:
        member_id = self._member_at(row)
        if member_id is None:
            return
        if member_id in self.hot_seats:
            self.hot_seats.remove(member_id)
        elif self.presence[member_id] != Presence.ABSENT:
            self.hot_seats.append(member_id)
        self.refresh_tables()

    def cycle_goal(self, row: int) -> None:
        template = self.template
        if template is None or not 0 <= row < len(template.items):
            return
        choices: list[str | None] = [g.id for g in self.group.purpose.goals] + [None]
        current = self.preview().items[row].goal
        position = choices.index(current) if current in choices else -1
        self.goal_links[row] = choices[(position + 1) % len(choices)]
        self.refresh_tables()

    def toggle_guest_came(self, row: int) -> None:
        """An invited guest who did not come is kept as an invitation (group health counts both)."""
        if 0 <= row < len(self.guests):
            guest = self.guests[row]
            guest.came = not guest.came
            self.refresh_tables()
            self.query_one("#guests", DataTable).move_cursor(row=row)

    def remove_guest(self, row: int) -> None:
        if 0 <= row < len(self.guests):
            del self.guests[row]
            self.refresh_tables()

    @on(Select.Changed, "#template")
    def _template_changed(self) -> None:
        self.goal_links = {}
        self.suggest()
        self.refresh_tables()

    @on(Button.Pressed, "#add-guest")
    @on(Input.Submitted, "#guest-name,#guest-email")
    def add_guest(self) -> None:
        name = self.query_one("#guest-name", Input).value
        email = self.query_one("#guest-email", Input).value
        inviter = self.query_one("#guest-inviter", Select).value
        error = self.query_one("#setup-error", Static)
        try:
            guest = Guest(name=name, email=email, invited_by=inviter if isinstance(inviter, str) else None)
        except ValidationError as exc:
            error.update(Text(f"Guest not added: {first_error(exc)}", style="red"))
            return
        earlier = {g.name.lower() for m in self.history for g in m.visitors}
        guest.first_visit = guest.name.lower() not in earlier
        self.guests.append(guest)
        error.update("")
        self.query_one("#guest-name", Input).value = ""
        self.query_one("#guest-email", Input).value = ""
        self.query_one("#guest-name", Input).focus()
        self.refresh_tables()

    # ------------------------------------------------------------------ start

    def action_start(self) -> None:
        error = self.query_one("#setup-error", Static)
        raw = self.query_one("#date", Input).value.strip()
        try:
            on = date.fromisoformat(raw)
        except ValueError:
            error.update(Text(f"The date {raw!r} is not a date like 2026-11-24.", style="red"))
            self.query_one(TabbedContent).active = "tab-meeting"
            self.query_one("#date", Input).focus()
            return
        if self.template is None:
            error.update(Text("Pick an agenda template.", style="red"))
            return
        try:
            meeting = self.preview(on)
            self.app.store.save_meeting(meeting)  # type: ignore[attr-defined]
        except (StoreError, ValidationError) as exc:
            error.update(Text(f"Not started: {exc}", style="red"))
            return
        from .live import LiveScreen

        self.app.switch_screen(LiveScreen.for_meeting(self.app, self.group, meeting, start=True))

    def on_screen_resume(self) -> None:
        self.refresh_tables()
