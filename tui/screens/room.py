"""The room changes during a live meeting: who came late, who left early, who is absent after
all, a guest who walks in, a new member on the spot (the room dialog, `r`), and who presents in
each hot seat not yet run (the seats dialog, `h`).

Each key is one action of the live meeting, saved before the dialog shows it, and undoable with
`u` on the live screen. The dialogs act only on the highlighted row. They get the running
``LiveMeeting`` and a ``run`` callable from the live screen, which applies an action the same
way as every other live action and returns the error to show, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from meetings.live import LiveMeeting, hot_seat_waits
from meetings.models import Guest, Member, Presence

from .forms import FormScreen, _member_options

Run = Callable[[Callable[[], Any], str], "str | None"]


def local_hm(moment: Any) -> str:
    """'18:20', in the facilitator's local time (the minutes use the same)."""
    return moment.astimezone().strftime("%H:%M") if moment else ""


def attendance_status(live: LiveMeeting, member_id: str) -> str:
    """How someone stands in the room right now, in words: 'late, in 18:20 · left 19:05'."""
    row = next((a for a in live.meeting.attendance if a.member_id == member_id), None)
    if row is None:
        return "not marked"
    parts = [row.presence.value]
    if row.presence == Presence.LATE and row.arrived_at:
        parts = [f"late, in {local_hm(row.arrived_at)}"]
    if row.presence == Presence.SUBSTITUTE and row.substitute:
        parts = [f"substitute: {row.substitute}"]
    if row.joined_here:
        parts = ["joined today"]
    if row.left_at:
        parts.append(f"left {local_hm(row.left_at)}")
    return " · ".join(parts)


class RoomScreen(ModalScreen[None]):
    """Who is in the room, changed one highlighted row at a time."""

    BINDINGS = [
        Binding("l", "presence('late')", "Late", id="room-late"),
        Binding("p", "presence('present')", "Present", id="room-present"),
        Binding("a", "presence('absent')", "Absent", id="room-absent"),
        Binding("e", "left", "Left", id="room-left"),
        Binding("g", "guest", "Guest", id="room-guest"),
        Binding("m", "member", "New member", id="room-member"),
        Binding("escape", "dismiss(None)", "Done", id="room-done"),
    ]

    def __init__(self, live: LiveMeeting, run: Run):
        super().__init__()
        self.live = live
        self.run = run

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog room"):
            yield Static(Text("The room: l late (now) · e left early · a absent · p present · g guest · m new member", style="bold"))
            yield DataTable(id="room-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="room-message")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#room-table", DataTable)
        table.add_column("Who", key="who")
        table.add_column("In the room", key="status")
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one("#room-table", DataTable)
        row = table.cursor_row
        table.clear()
        for member in self.live.group.active_members:
            table.add_row(Text(member.name), Text(attendance_status(self.live, member.id)), key=f"member:{member.id}")
        for guest in self.live.meeting.visitors:
            host = f"guest of {self.live.group.member_name(guest.invited_by)}" if guest.invited_by else "guest"
            table.add_row(Text(guest.name), Text(host, style="dim"), key=f"guest:{guest.id}")
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def say(self, message: str, error: bool = False) -> None:
        self.query_one("#room-message", Static).update(Text(message, style="bold red" if error else "green"))

    def _member(self) -> tuple[str, str] | None:
        table = self.query_one("#room-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _, member_id = key.partition(":")
        if kind != "member":
            self.say("That row is a guest: attendance keys are for members.", error=True)
            return None
        return member_id, self.live.group.member_name(member_id)

    def _do(self, action: Callable[[], Any], said: str) -> None:
        error = self.run(action, said)
        self.fill()
        self.say(error or said, error=bool(error))

    def action_presence(self, presence: str) -> None:
        chosen = self._member()
        if chosen:
            member_id, name = chosen
            words = {"late": "is in (late)", "present": "is present", "absent": "is absent"}[presence]
            self._do(lambda: self.live.set_presence(member_id, Presence(presence)), f"{name} {words}.")

    def action_left(self) -> None:
        chosen = self._member()
        if chosen:
            member_id, name = chosen
            self._do(lambda: self.live.mark_left(member_id), f"{name} left early.")

    def action_guest(self) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values:
                guest = Guest(name=values["name"], invited_by=values["invited_by"], email=values["email"])
                self._do(lambda: self.live.add_guest(guest), f"Guest {guest.name} is in.")

        members = [(m.id, m.name) for m in self.live.group.active_members]
        self.app.push_screen(GuestForm(members), done)

    def action_member(self) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values:
                member = Member(name=values["name"], email=values["email"], company=values["company"])
                self._do(lambda: self.live.add_member(member), f"Welcome, {member.name}: a member from today.")

        self.app.push_screen(MemberForm(), done)


class RoomForm(FormScreen):
    """A form over the room dialog, with its own footer (the room's keys are not its keys)."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Footer()


class GuestForm(RoomForm):
    TITLE_TEXT = "A guest walks in"

    def __init__(self, members: list[tuple[str, str]], **initial: Any):
        super().__init__(**initial)
        self.members = members

    def fields(self) -> ComposeResult:
        yield from self.row("Name", Input("", id="name"))
        yield from self.row("Invited by", Select(_member_options(self.members), id="invited-by"))
        yield from self.row("Email", Input("", id="email", placeholder="for the minutes and a follow-up"))

    def collect(self) -> dict[str, Any] | None:
        name = self.value("#name").strip()
        if not name:
            self.show_error("The guest's name, please.")
            return None
        email = self.value("#email").strip()
        try:
            Guest(name=name, email=email)
        except ValueError:
            self.show_error(f"{email!r} is not an email address.")
            return None
        return {"name": name, "invited_by": self.value("#invited-by"), "email": email}


class MemberForm(RoomForm):
    TITLE_TEXT = "A new member joins, from today"

    def fields(self) -> ComposeResult:
        yield from self.row("Name", Input("", id="name"))
        yield from self.row("Email", Input("", id="email"))
        yield from self.row("Company", Input("", id="company"))

    def collect(self) -> dict[str, Any] | None:
        name, email, company = (self.value(f"#{f}").strip() for f in ("name", "email", "company"))
        if not name:
            self.show_error("The new member's name, please.")
            return None
        try:
            Member(name=name, email=email, company=company)
        except ValueError:
            self.show_error(f"{email!r} is not an email address.")
            return None
        return {"name": name, "email": email, "company": company}


class SeatsScreen(ModalScreen[None]):
    """Who presents in each hot seat not yet run: pick, swap, or take a presenter off."""

    BINDINGS = [
        Binding("enter", "pick", "Pick presenter", id="seat-pick"),
        Binding("plus", "pick(True)", "Add presenter", id="seat-add"),
        Binding("delete", "clear", "No presenter", id="seat-clear"),
        Binding("escape", "dismiss(None)", "Done", id="seat-done"),
    ]

    def __init__(self, live: LiveMeeting, run: Run):
        super().__init__()
        self.live = live
        self.run = run

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog seats"):
            yield Static(Text("Hot seats not yet run: enter picks (or swaps) the presenter", style="bold"))
            yield DataTable(id="seats-table", cursor_type="row")
            yield Static(id="seats-message")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#seats-table", DataTable)
        table.add_column("Item", key="item")
        table.add_column("Presenter", key="who")
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one("#seats-table", DataTable)
        row = table.cursor_row
        table.clear()
        m, name = self.live.meeting, self.live.group.member_name
        for index in self.live.seat_items():
            item = m.items[index]
            title = f"{index + 1}. {item.title}" + ("  (now)" if index == m.current else "")
            who = ", ".join(name(s) for s in item.speakers) or "nobody yet"
            table.add_row(Text(title), Text(who, style="" if item.speakers else "yellow"), key=str(index))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        else:
            self.say("No hot seat left to run on this agenda (i adds an item).")

    def say(self, message: str, error: bool = False) -> None:
        self.query_one("#seats-message", Static).update(Text(message, style="bold red" if error else "green"))

    def _index(self) -> int | None:
        table = self.query_one("#seats-table", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)

    def _set(self, index: int, members: list[str], said: str) -> None:
        error = self.run(lambda: self.live.set_seat(index, members), said)
        self.fill()
        self.say(error or said, error=bool(error))

    def action_pick(self, add: bool = False) -> None:
        index = self._index()
        if index is None:
            return
        item = self.live.meeting.items[index]
        waits = dict(hot_seat_waits(self.live.group, self.live.history))
        here = set(self.live.meeting.attendees)
        options = []
        for member in self.live.group.active_members:
            if member.id not in here:
                continue
            wait = waits.get(member.id)
            label = Text(member.name)
            label.append("  never presented" if wait is None else f"  last seat {wait + 1} meeting(s) ago", style="dim")
            options.append((member.id, label))

        def done(member_id: str | None) -> None:
            if member_id:
                chosen = [*item.speakers, member_id] if add else [member_id]
                self._set(index, chosen, f"{self.live.group.member_name(member_id)} presents in {item.title}.")

        self.app.push_screen(PickMember(f"Who presents in {item.title}?", options), done)

    def action_clear(self) -> None:
        index = self._index()
        if index is not None:
            self._set(index, [], f"{self.live.meeting.items[index].title}: nobody presents (u undoes).")

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_pick()


class PickMember(ModalScreen[str | None]):
    """One member from a list (those in the room), enter picks."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="pick-cancel")]

    def __init__(self, question: str, options: list[tuple[str, Text]]):
        super().__init__()
        self.question = question
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"))
            yield OptionList(*[Option(label, id=mid) for mid, label in self.options], id="pick-list")

    def on_mount(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        options.focus()
        if options.option_count:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


__all__ = ["RoomScreen", "SeatsScreen", "GuestForm", "MemberForm", "PickMember", "attendance_status"]
