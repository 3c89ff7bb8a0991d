"""Home: the groups, each group's next meeting, and any meeting left unfinished."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from meetings.peek import GroupGlance, glance_groups, glance_samples
from meetings.store import StoreError

from ..format import short_date

if TYPE_CHECKING:
    from meetings.models import Group, Meeting


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
        # What is listed: from a glance at the files first, then from the validated groups.
        self.entries: list[GroupGlance] = []
        self.loaded = False
        self.resumed_once = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="home-intro")
            yield OptionList(id="groups")
            yield Static("", id="home-problems")
        yield Footer()

    def on_mount(self) -> None:
        # The first frame comes from a stdlib-only glance at the files when they read plainly;
        # the models (pydantic) load right after it, before any key is acted on (see ensure_loaded).
        store = self.app.store  # type: ignore[attr-defined]
        glance = glance_groups(store.root)
        if glance is not None and not glance:
            glance = glance_samples()
        if glance is None:
            self.refresh_groups()
            return
        self.draw(glance, [])
        self.app.call_after_display(self.ensure_loaded)  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        # Back from a meeting or the group screens: what they changed shows. (The first resume
        # comes with the first show, when on_mount has just drawn the list.)
        if self.resumed_once:
            self.refresh_groups()
        self.resumed_once = True

    # ------------------------------------------------------------------ data

    def ensure_loaded(self) -> None:
        """Load the validated groups if the screen still shows only the glance."""
        if not self.loaded:
            self.refresh_groups()

    def refresh_groups(self) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        self.groups, problems = store.groups()
        self.unfinished = {}
        entries: list[GroupGlance] = []
        for group in self.groups:
            recent, _ = store.meetings(group.slug, newest=5)
            live = [m for m in recent if not m.closed]
            if live:
                self.unfinished[group.slug] = live[-1]
            closed = [m for m in recent if m.closed]
            entries.append(
                GroupGlance(
                    group.slug,
                    group.name,
                    len(group.active_members),
                    closed[-1].next_date if closed else None,
                    live[-1].number if live else None,
                )
            )
        if not self.groups:
            from meetings.files import bundled_groups

            self.samples = bundled_groups()
            entries = [GroupGlance(g.slug, g.name, len(g.members), sample=True) for g in self.samples]
        self.loaded = True
        self.draw(entries, [str(p) for p in problems])

    def draw(self, entries: list[GroupGlance], problems: list[str]) -> None:
        """List the groups (or the samples to load), keeping the highlighted one."""
        self.entries = entries
        options = self.query_one("#groups", OptionList)
        before = options.highlighted
        chosen = options.get_option_at_index(before).id if before is not None and options.option_count else None
        options.clear_options()
        intro = self.query_one("#home-intro", Static)
        if entries and not entries[0].sample:
            intro.update("Your groups. enter: run a meeting · g: the group · r: resume · ?: help")
            for entry in entries:
                options.add_option(Option(self._group_line(entry), id=f"group:{entry.slug}"))
        else:
            intro.update(
                "No groups yet. Press l to load the sample groups below, "
                "or import your own with `mastermind groups import FILE`."
            )
            for entry in entries:
                line = Text.assemble((entry.name, "bold"), f"  ·  {entry.members} members  ·  sample")
                options.add_option(Option(line, id=f"sample:{entry.slug}"))
        self.query_one("#home-problems", Static).update(
            Text("\n".join(f"Could not read: {p}" for p in problems), style="red") if problems else ""
        )
        options.focus()
        if options.option_count:
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            options.highlighted = ids.index(chosen) if chosen in ids else 0
        self.refresh_bindings()

    def _group_line(self, entry: GroupGlance) -> Text:
        line = Text.assemble((entry.name, "bold"), f"  ·  {entry.members} members  ·  ")
        if entry.unfinished is not None:
            line.append(f"meeting {entry.unfinished} unfinished (r to resume)", style="bold yellow")
        elif entry.next_date:
            line.append(f"next: {short_date(entry.next_date)}")
        else:
            line.append("no meetings yet")
        return line

    def selected_group(self) -> Group | None:
        self.ensure_loaded()
        options = self.query_one("#groups", OptionList)
        if options.highlighted is None or not self.groups:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        slug = option_id.removeprefix("group:")
        return next((g for g in self.groups if g.slug == slug), None)

    @property
    def has_groups(self) -> bool:
        return bool(self.entries) and not self.entries[0].sample

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "load_samples":
            return not self.has_groups
        if action in ("start_meeting", "open_group"):
            return self.has_groups
        if action == "resume":
            return any(entry.unfinished is not None for entry in self.entries)
        return True

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected, "#groups")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.ensure_loaded()
        option_id = event.option.id or ""
        if option_id.startswith("sample:"):
            self.load_samples([option_id.removeprefix("sample:")])
        else:
            self.action_start_meeting()

    def action_load_samples(self) -> None:
        self.load_samples(None)

    def load_samples(self, slugs: list[str] | None) -> None:
        from meetings.files import bundled_groups

        self.ensure_loaded()
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
        self.app.push_screen(LiveScreen.for_meeting(self.app, group, meeting))

    def action_open_group(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        from .group import GroupScreen

        self.app.push_screen(GroupScreen(group))
