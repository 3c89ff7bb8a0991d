"""Home: the groups, each group's next meeting, and any meeting left unfinished."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from meetings.files import bundled_groups
from meetings.models import Group, Meeting
from meetings.store import StoreError

from ..format import short_date


class HomeScreen(Screen[None]):
    """Pick a group. On an empty data folder, load the sample groups with one key."""

    BINDINGS = [
        Binding("enter", "start_meeting", "Meeting", id="start-meeting", show=True),
        Binding("r", "resume", "Resume", id="resume"),
        Binding("g", "open_group", "Group", id="open-group"),
        Binding("l", "load_samples", "Load samples", id="load-samples"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self.unfinished: dict[str, Meeting] = {}
        self.samples: list[Group] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="home-intro")
            yield OptionList(id="groups")
            yield Static("", id="home-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_groups()

    def on_screen_resume(self) -> None:
        self.refresh_groups()

    # ------------------------------------------------------------------ data

    def refresh_groups(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        self.groups, problems = store.groups()
        self.unfinished = {}
        next_dates: dict[str, date | None] = {}
        for group in self.groups:
            recent, _ = store.meetings(group.slug, newest=5)
            live = [m for m in recent if not m.closed]
            if live:
                self.unfinished[group.slug] = live[-1]
            closed = [m for m in recent if m.closed]
            next_dates[group.slug] = closed[-1].next_date if closed else None
        options = self.query_one("#groups", OptionList)
        options.clear_options()
        intro = self.query_one("#home-intro", Static)
        if self.groups:
            intro.update("Your groups. enter: run a meeting · g: the group · r: resume · ?: help")
            for group in self.groups:
                options.add_option(Option(self._group_line(group, next_dates[group.slug]), id=f"group:{group.slug}"))
        else:
            self.samples = bundled_groups()
            intro.update(
                "No groups yet. Press l to load the sample groups below, "
                "or import your own with `mastermind groups import FILE`."
            )
            for group in self.samples:
                line = Text.assemble((group.name, "bold"), f"  ·  {len(group.members)} members  ·  sample")
                options.add_option(Option(line, id=f"sample:{group.slug}"))
        self.query_one("#home-problems", Static).update(
            Text("\n".join(f"Could not read: {p}" for p in problems), style="red") if problems else ""
        )
        options.focus()
        if options.option_count:
            options.highlighted = 0
        self.refresh_bindings()

    def _group_line(self, group: Group, next_date: date | None) -> Text:
        line = Text.assemble((group.name, "bold"), f"  ·  {len(group.active_members)} members  ·  ")
        live = self.unfinished.get(group.slug)
        if live:
            line.append(f"meeting {live.number} unfinished (r to resume)", style="bold yellow")
        elif next_date:
            line.append(f"next: {short_date(next_date)}")
        else:
            line.append("no meetings yet")
        return line

    def selected_group(self) -> Group | None:
        options = self.query_one("#groups", OptionList)
        if options.highlighted is None or not self.groups:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        slug = option_id.removeprefix("group:")
        return next((g for g in self.groups if g.slug == slug), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "load_samples":
            return not self.groups
        if action in ("start_meeting", "open_group"):
            return bool(self.groups)
        if action == "resume":
            return bool(self.unfinished)
        return True

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected, "#groups")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("sample:"):
            self.load_samples([option_id.removeprefix("sample:")])
        else:
            self.action_start_meeting()

    def action_load_samples(self) -> None:
        self.load_samples(None)

    def load_samples(self, slugs: list[str] | None) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        chosen = [g for g in (self.samples or bundled_groups()) if slugs is None or g.slug in slugs]
        try:
            for group in chosen:
                store.save_group(group)
        except StoreError as exc:
            self.app.report(exc)  # type: ignore[attr-defined]
            return
        self.notify(f"Loaded {len(chosen)} sample group{'s' if len(chosen) != 1 else ''}.", markup=False)
        self.refresh_groups()

    def action_start_meeting(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        live = self.unfinished.get(group.slug)
        if live:
            self._resume(live)
            return
        from .setup import SetupScreen

        self.app.push_screen(SetupScreen(group))

    def action_resume(self) -> None:
        group = self.selected_group()
        live = self.unfinished.get(group.slug) if group else None
        if live is None and self.unfinished:
            live = next(iter(self.unfinished.values()))
        if live is not None:
            self._resume(live)

    def _resume(self, meeting: Meeting) -> None:
        from .live import LiveScreen

        group = next(g for g in self.groups if g.slug == meeting.group)
        self.app.push_screen(LiveScreen(group, meeting))

    def action_open_group(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        from .group import GroupScreen

        self.app.push_screen(GroupScreen(group))
