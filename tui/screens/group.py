"""The group, between meetings: purpose and goals, members, settings, history, health.

Everything here is editable and saved durably: a change is confirmed only after
``store.save_group`` has returned. Every edit goes through the pydantic models; a validation
message is shown inline, literally, and what was typed is kept.

Each tab is a widget that fills itself from what it is given (``tui/widgets/group_*.py``) and
posts a message when a row is chosen; this screen routes: it owns the keys, opens the forms,
saves through the store and hands the saved group back down to the tabs.

The group's history is read once per screen, in a worker thread, one meeting at a time, and
kept only as figures (``meetings.insights.HistoryFigures``) for the History and Health tabs:
ten years of meetings are never held at once. The member ledger, the purpose review and the
minutes of a past meeting read what they need from the store when they are opened.
"""

from __future__ import annotations


from datetime import date
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from meetings.insights import HistoryFigures, HistoryRow
from meetings.models import Goal, Group, Meeting, Member
from meetings.store import StoreError

from ..widgets.group_cells import GROUP_CSS, literal
from ..widgets.group_health import HealthView
from ..widgets.group_history import HistoryPane
from ..widgets.group_members import MembersPane
from ..widgets.group_messages import GoalChosen, MeetingChosen, MemberChosen
from ..widgets.group_purpose import PurposePane
from ..widgets.group_settings import SettingsPane
from .group_forms import ConfirmForm, GoalForm, MemberForm, RetireForm, validation_message

TABS = ("purpose", "members", "settings", "history", "health")


class GroupScreen(Screen[None]):
    """One group between meetings. Tabs: Purpose, Members, Settings, History, Health."""

    CSS_PATH = GROUP_CSS

    BINDINGS = [
        Binding("escape", "back", "Back", id="group-back"),
        Binding("ctrl+s", "save", "Save", id="group-save", priority=True),
        Binding("a", "add_goal", "Add", id="group-add-goal", tooltip="Add a goal to the purpose"),
        Binding("e", "edit_goal", "Edit", id="group-edit-goal", tooltip="Edit the selected goal"),
        Binding("x,delete", "remove_goal", "Remove", id="group-remove-goal", tooltip="Remove the selected goal"),
        Binding("a", "add_member", "Add", id="group-add-member", tooltip="Add a member"),
        Binding("e", "edit_member", "Edit", id="group-edit-member", tooltip="Edit the selected member"),
        Binding("x", "retire_member", "Retire", id="group-retire-member", tooltip="Retire the member, or bring them back"),
        Binding("l", "ledger", "Ledger", id="group-ledger", tooltip="The member's commitments, asks and offers over time"),
        Binding("m", "open_minutes", "Minutes", id="group-open-minutes", tooltip="The minutes of the selected meeting"),
        Binding("R", "purpose_review", "Review", id="group-purpose-review", tooltip="Purpose review: how have we been successful?"),
        Binding("1", "show_tab('purpose')", "Purpose tab", id="group-tab-purpose", show=False),
        Binding("2", "show_tab('members')", "Members tab", id="group-tab-members", show=False),
        Binding("3", "show_tab('settings')", "Settings tab", id="group-tab-settings", show=False),
        Binding("4", "show_tab('history')", "History tab", id="group-tab-history", show=False),
        Binding("5", "show_tab('health')", "Health tab", id="group-tab-health", show=False),
    ]

    class HistoryLoaded(Message):
        """The figures of the group's closed meetings, read in a worker."""

        def __init__(self, history: HistoryFigures, rows: list[HistoryRow], problems: list[StoreError]):
            super().__init__()
            self.history = history
            self.rows = rows
            self.problems = problems

    class MinutesRead(Message):
        """A past meeting and the closed meetings before it, read for its minutes."""

        def __init__(self, meeting: Meeting, earlier: list[Meeting]):
            super().__init__()
            self.meeting = meeting
            self.earlier = earlier

    def __init__(self, group: Group):
        super().__init__()
        self.group = group
        # The closed meetings as figures, once read (None until then); never the meetings.
        self.history: HistoryFigures | None = None
        self._warned_unsaved = False
        self.purpose_tab = PurposePane(group, id="group-purpose")
        self.members_tab = MembersPane(group, id="group-members")
        self.settings_tab = SettingsPane(group, self.app.templates, id="group-settings")  # type: ignore[attr-defined]
        self.history_tab = HistoryPane(id="group-history")
        self.health_tab = HealthView(id="group-health")

    # ------------------------------------------------------------------ layout and tabs

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="group-tab-purpose", id="group-tabs"):
            with TabPane("Purpose", id="group-tab-purpose"):
                yield self.purpose_tab
            with TabPane("Members", id="group-tab-members"):
                yield self.members_tab
            with TabPane("Settings", id="group-tab-settings"):
                yield self.settings_tab
            with TabPane("History", id="group-tab-history"):
                yield self.history_tab
            with TabPane("Health", id="group-tab-health"):
                yield self.health_tab
        yield Footer()

    def on_mount(self) -> None:
        self.title = literal(self.group.name, one_line=True)
        self.sub_title = "between meetings"
        self.query_one(TabbedContent).query_one("Tabs").focus()
        # Read the history once the screen is on screen, so the first paint does not wait for it.
        self.call_after_refresh(self.load_history)

    @property
    def today(self) -> date:
        return self.app.clock.now().astimezone().date()  # type: ignore[attr-defined]

    @property
    def active_tab(self) -> str:
        try:
            tabs = self.query_one("#group-tabs", TabbedContent)
        except NoMatches:
            return "purpose"  # asked before the tabs are composed
        return (tabs.active or "group-tab-purpose").removeprefix("group-tab-")

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#group-tabs", TabbedContent).active = f"group-tab-{tab}"

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        if self.active_tab == "history":
            self.history_tab.reveal()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.active_tab
        if action in ("add_goal", "edit_goal", "remove_goal"):
            if tab != "purpose":
                return False
            return action == "add_goal" or bool(self.group.purpose.goals) or None
        if action in ("add_member", "edit_member", "retire_member", "ledger"):
            if tab != "members":
                return False
            return action == "add_member" or bool(self.group.members) or None
        if action == "open_minutes":
            return tab == "history" and bool(self.history_tab.rows)
        if action == "save":
            # The fields it saves are on these two tabs; a pending edit still saves from the others.
            return tab in ("purpose", "settings") or self.unsaved or False
        return True

    def on_resize(self) -> None:
        # Text columns take what the terminal leaves: the tables refill at the new width.
        self.purpose_tab.refit()
        self.members_tab.refit()
        self.history_tab.refit()

    # ------------------------------------------------------------------ saving

    def store_group(self, data: dict[str, Any]) -> str | None:
        """Validate ``data`` as the whole group and save it. None when saved, else why not."""
        try:
            candidate = Group.model_validate(data)
        except ValidationError as exc:
            return validation_message(exc)
        try:
            self.app.store.save_group(candidate)  # type: ignore[attr-defined]
        except StoreError as exc:
            self.app.report(exc, title="Not saved")  # type: ignore[attr-defined]
            return f"Not saved: {exc}"
        self.group = candidate
        for tab in (self.purpose_tab, self.members_tab, self.settings_tab):
            tab.group = candidate
        self.title = literal(candidate.name, one_line=True)
        self.refresh_bindings()  # edit and remove depend on there being goals and members
        return None

    def save_goal(self, goal: Goal, replacing: str | None) -> str | None:
        data = self.group.model_dump()
        goals = data["purpose"]["goals"]
        if replacing is None:
            goals.append(goal.model_dump())
        else:
            data["purpose"]["goals"] = [goal.model_dump() if g["id"] == replacing else g for g in goals]
        problem = self.store_group(data)
        if problem is None:
            self.purpose_tab.fill_goals(select=goal.id)
            self.notify(f"Goal saved: {literal(goal.title)}", markup=False)
            self._recompute_health()
        return problem

    def save_member(self, member: Member) -> str | None:
        data = self.group.model_dump()
        ids = [m["id"] for m in data["members"]]
        if member.id in ids:
            data["members"][ids.index(member.id)] = member.model_dump()
        else:
            data["members"].append(member.model_dump())
        problem = self.store_group(data)
        if problem is None:
            self.members_tab.fill(select=member.id)
            state = "" if member.active else f" (left on {member.left.isoformat()})"  # type: ignore[union-attr]
            self.notify(f"Member saved: {literal(member.name)}{state}", markup=False)
            self._recompute_health()
        return problem

    @property
    def unsaved(self) -> bool:
        """Whether the Purpose or Settings fields differ from what is stored."""
        return self.purpose_tab.unsaved or self.settings_tab.unsaved

    def action_save(self) -> None:
        """Save the purpose text and the settings, as typed."""
        data = self.group.model_dump()
        data["purpose"].update(self.purpose_tab.edited())
        data.update(self.settings_tab.edited())
        try:
            candidate = Group.model_validate(data)
        except ValidationError as exc:
            purpose_lines, settings_lines = [], []
            for line, error in zip(validation_message(exc).splitlines(), exc.errors()):
                (purpose_lines if error["loc"][:1] == ("purpose",) else settings_lines).append(line)
            self.purpose_tab.show_error("\n".join(purpose_lines))
            self.settings_tab.show_error("\n".join(settings_lines))
            where = "Purpose" if purpose_lines else "Settings"
            self.notify(f"Not saved: see the {where} tab.", severity="error", markup=False)
            return
        problem = self.store_group(candidate.model_dump())
        if problem:
            (self.settings_tab if self.active_tab == "settings" else self.purpose_tab).show_error(problem)
            return
        for tab in (self.purpose_tab, self.settings_tab):
            tab.show_error("")
            tab.mark_saved()
        self._warned_unsaved = False
        self.notify("Saved.", markup=False)
        self._recompute_health()

    def action_back(self) -> None:
        if self.unsaved and not self._warned_unsaved:
            self._warned_unsaved = True
            self.notify(
                "Unsaved changes to the purpose or settings: ctrl+s to save, escape again to leave without saving.",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(None)

    # ------------------------------------------------------------------ goals

    def action_add_goal(self) -> None:
        self.app.push_screen(GoalForm(None, lambda goal: self.save_goal(goal, None)))

    def action_edit_goal(self) -> None:
        goal = self.purpose_tab.selected_goal
        if goal is not None:
            self._edit_goal(goal)

    @on(GoalChosen)
    def _goal_chosen(self, message: GoalChosen) -> None:
        self._edit_goal(message.goal)

    def _edit_goal(self, goal: Goal) -> None:
        self.app.push_screen(GoalForm(goal, lambda new: self.save_goal(new, goal.id)))

    def action_remove_goal(self) -> None:
        goal = self.purpose_tab.selected_goal
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            data = self.group.model_dump()
            data["purpose"]["goals"] = [g for g in data["purpose"]["goals"] if g["id"] != goal.id]
            problem = self.store_group(data)
            if problem:
                self.notify(problem, severity="error", markup=False)
                return
            self.purpose_tab.fill_goals()
            self.notify(f"Goal removed: {literal(goal.title)}", markup=False)
            self._recompute_health()

        question = Text.assemble(
            "Remove the goal ", (literal(goal.title), "bold"), "? Past meetings keep their link to ", (goal.id, "italic"), "."
        )
        self.app.push_screen(ConfirmForm(question), answered)

    # ------------------------------------------------------------------ members

    def action_add_member(self) -> None:
        self.app.push_screen(MemberForm(None, self.save_member, self.today))

    def action_edit_member(self) -> None:
        member = self.members_tab.selected_member
        if member is not None:
            self.app.push_screen(MemberForm(member, self.save_member, self.today))

    @on(MemberChosen)
    def _member_chosen(self, message: MemberChosen) -> None:
        self.app.push_screen(MemberForm(message.member, self.save_member, self.today))

    def action_retire_member(self) -> None:
        member = self.members_tab.selected_member
        if member is None:
            return
        if member.active:
            self.app.push_screen(RetireForm(member, self.save_member, self.today))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                problem = self.save_member(member.model_copy(update={"left": None}))
                if problem:
                    self.notify(problem, severity="error", markup=False)

        question = Text.assemble((literal(member.name), "bold"), " left on ", member.left.isoformat(), ". Bring them back as active?")  # type: ignore[union-attr]
        self.app.push_screen(ConfirmForm(question), answered)

    def action_ledger(self) -> None:
        member = self.members_tab.selected_member
        if member is None:
            return
        from .group_ledger import LedgerScreen

        self.app.push_screen(LedgerScreen(self.group, member))

    # ------------------------------------------------------------------ history

    @work(thread=True, exclusive=True, exit_on_error=False, group="group-history")
    def load_history(self) -> None:
        """Read the group's closed meetings off the UI thread, one at a time, into figures."""
        store = self.app.store  # type: ignore[attr-defined]
        problems: list[StoreError] = []
        try:
            try:
                figures = HistoryFigures()
                for meeting in store.each_meeting(self.group.slug, problems):
                    figures.add(meeting)
            except ValueError:
                # A file named out of its meeting's order (renamed by hand): read all, sorted.
                meetings, problems = store.meetings(self.group.slug)
                figures = HistoryFigures.of(meetings)
        except StoreError as exc:
            figures, problems = HistoryFigures(), [*problems, exc]
        self.post_message(self.HistoryLoaded(figures, figures.rows(self.group), problems))

    @on(HistoryLoaded)
    def _history_loaded(self, message: HistoryLoaded) -> None:
        self.history = message.history
        self.history_tab.load(message.rows, message.problems, shown=self.active_tab == "history")
        self._recompute_health()
        self.refresh_bindings()

    def action_open_minutes(self) -> None:
        meeting_id = self.history_tab.selected_meeting
        if meeting_id is not None:
            self._open_minutes(meeting_id)

    @on(MeetingChosen)
    def _meeting_chosen(self, message: MeetingChosen) -> None:
        self._open_minutes(message.meeting_id)

    def _open_minutes(self, meeting_id: str) -> None:
        if self.history is not None:
            self._read_minutes(meeting_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="group-minutes")
    def _read_minutes(self, meeting_id: str) -> None:
        """Read the meeting and those before it (the minutes review earlier commitments)."""
        try:
            history = self.app.store.history(self.group.slug)  # type: ignore[attr-defined]
        except StoreError as exc:
            self.app.call_from_thread(self.notify, f"Could not read the history: {exc}", severity="error", markup=False)
            return
        index = next((i for i, m in enumerate(history) if m.id == meeting_id), None)
        if index is not None:
            self.post_message(self.MinutesRead(history[index], history[:index]))

    @on(MinutesRead)
    def _minutes_read(self, message: MinutesRead) -> None:
        from .summary import SummaryScreen

        minutes_dir = self.app.store.minutes_dir  # type: ignore[attr-defined]
        self.app.push_screen(SummaryScreen(message.meeting, self.group, message.earlier, minutes_dir))

    # ------------------------------------------------------------------ health and review

    def _recompute_health(self) -> None:
        if self.history is not None:
            self.health_tab.compute(self.group, self.history)

    def action_purpose_review(self) -> None:
        from .group_review import PurposeReviewScreen

        # The review reads the meetings it needs itself, and lets them go when it is closed.
        self.app.push_screen(PurposeReviewScreen(self.group, None, self.today))
