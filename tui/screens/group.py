"""The group, between meetings: purpose and goals, members, settings, history, health.

Everything here is editable and saved durably: a change is confirmed only after
``store.save_group`` has returned. Every edit goes through the pydantic models; a validation
message is shown inline, literally, and what was typed is kept.

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
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from meetings.insights import HistoryFigures, HistoryRow
from meetings.models import Cadence, Goal, Group, Meeting, Member, Visibility
from meetings.store import StoreError

from ..format import short_date
from ..widgets.group_cells import GROUP_CSS, cell, fit_columns, literal, percent
from ..widgets.group_health import HealthView
from .group_forms import ConfirmForm, GoalForm, MemberForm, RetireForm, field_row, optional_date, validation_message

TABS = ("purpose", "members", "settings", "history", "health")

CONFIDENTIALITY_LABELS = {
    Visibility.SHAREABLE: "shareable: notes go into the minutes",
    Visibility.FORUM: "forum-only: notes stay in the room",
}


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
        self.history_rows: list[HistoryRow] = []
        self.history_problems: list[StoreError] = []
        # The history table is filled when its tab is first shown: 520 rows are not small.
        self._history_filled = False
        self._saved_form: dict[str, Any] = {}
        self._filled_width = 0
        self._warned_unsaved = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        group = self.group
        yield Header()
        with TabbedContent(initial="group-tab-purpose", id="group-tabs"):
            with TabPane("Purpose", id="group-tab-purpose"):
                with VerticalScroll(id="group-purpose"):
                    yield Label("Our purpose (why the group exists, beyond its members)", classes="group-heading")
                    yield TextArea(group.purpose.statement, id="group-statement", soft_wrap=True, compact=True)
                    with Horizontal(id="group-agreed"):
                        yield field_row(
                            "Agreed on",
                            Input(
                                group.purpose.agreed_on.isoformat() if group.purpose.agreed_on else "",
                                placeholder="YYYY-MM-DD",
                                id="group-agreed-on",
                                compact=True,
                            ),
                        )
                        yield field_row(
                            "by",
                            Input(group.purpose.agreed_by, placeholder="who agreed it", id="group-agreed-by", compact=True),
                        )
                    yield Static("", id="group-purpose-error", classes="group-error")
                    yield Label("Goals   a add · e edit · x remove · ctrl+s save the text above", classes="group-heading")
                    yield DataTable(id="group-goals", cursor_type="row", zebra_stripes=True)
            with TabPane("Members", id="group-tab-members"):
                with Vertical(id="group-members"):
                    yield DataTable(id="group-member-table", cursor_type="row", zebra_stripes=True)
                    yield Static("", id="group-member-detail")
            with TabPane("Settings", id="group-tab-settings"):
                with VerticalScroll(id="group-settings"):
                    yield field_row("Name", Input(group.name, id="group-name", compact=True))
                    yield field_row(
                        "Cadence",
                        Select(
                            [(c.value, c.value) for c in Cadence],
                            value=group.cadence.value,
                            allow_blank=False,
                            id="group-cadence",
                            compact=True,
                        ),
                    )
                    yield field_row(
                        "Meeting minutes", Input(str(group.meeting_minutes), id="group-minutes", compact=True, type="text")
                    )
                    yield field_row(
                        "Start time", Input(group.start_time.strftime("%H:%M"), placeholder="HH:MM", id="group-start", compact=True)
                    )
                    yield field_row(
                        "Default agenda",
                        Select(self._template_options(), value=group.default_template, allow_blank=False, id="group-template", compact=True),
                    )
                    yield field_row(
                        "Confidentiality",
                        Select(
                            [(Text(label), v.value) for v, label in CONFIDENTIALITY_LABELS.items()],
                            value=group.confidentiality.value,
                            allow_blank=False,
                            id="group-confidentiality",
                            compact=True,
                        ),
                    )
                    yield field_row("Hot-seat protocol", Input(group.hot_seat_protocol, id="group-protocol", compact=True))
                    yield Static("", id="group-settings-error", classes="group-error")
                    yield Static(
                        Text("ctrl+s saves the settings and the purpose text.", style="dim"), classes="group-hint"
                    )
            with TabPane("History", id="group-tab-history"):
                with Vertical(id="group-history"):
                    yield Static(Text("Reading the history…", style="dim"), id="group-history-status")
                    yield DataTable(id="group-history-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Health", id="group-tab-health"):
                yield HealthView(id="group-health")
        yield Footer()

    def _template_options(self) -> list[tuple[Text, str]]:
        templates = self.app.templates  # type: ignore[attr-defined]
        options = [(Text(t.name), t.slug) for t in templates]
        if self.group.default_template not in {t.slug for t in templates}:
            # Keep a template the app does not ship, rather than silently switching it.
            options.append((Text(f"{self.group.default_template} (not installed)"), self.group.default_template))
        return options

    def on_mount(self) -> None:
        self.title = literal(self.group.name, one_line=True)
        self.sub_title = "between meetings"
        self.refresh_goals()
        self.refresh_members()
        self._saved_form = self.form_values()
        for error in self.query(".group-error"):
            error.display = False
        self.query_one(TabbedContent).query_one("Tabs").focus()
        # Read the history once the screen is on screen, so the first paint does not wait for it.
        self.call_after_refresh(self.load_history)

    # ------------------------------------------------------------------ small helpers

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
        if self.active_tab == "history" and self.history is not None and not self._history_filled:
            self.refresh_history()
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
            return tab == "history" and bool(self.history_rows)
        if action == "save":
            # The fields it saves are on these two tabs; a pending edit still saves from the others.
            return tab in ("purpose", "settings") or self.unsaved or False
        return True

    def _row_key(self, table_id: str) -> str | None:
        table = self.query_one(table_id, DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            # The cursor may sit past the last row for a moment while the table refills.
            return None

    def _selected_goal(self) -> Goal | None:
        return self.group.purpose.goal(self._row_key("#group-goals"))

    def _selected_member(self) -> Member | None:
        return self.group.member(self._row_key("#group-member-table"))

    # ------------------------------------------------------------------ tables

    @property
    def table_width(self) -> int:
        """Cells a table has inside a tab: the screen less the pane's padding and a scrollbar."""
        return max(40, self.size.width - 4)

    def on_resize(self) -> None:
        # Text columns take what the terminal leaves: refill the tables at the new width.
        if self._filled_width and self._filled_width != self.size.width:
            self.refresh_goals()
            self.refresh_members()
            if self._history_filled:
                self.refresh_history()

    def refresh_goals(self, select: str | None = None) -> None:
        table = self.query_one("#group-goals", DataTable)
        keep = select or self._row_key("#group-goals")
        self._filled_width = self.size.width
        wide = self.table_width >= 110
        title_w, success_w, kinds_w = fit_columns(self.table_width, [14], [3, 4, 2] if wide else [3, 4, 0])
        table.clear(columns=True)
        table.add_column("Id", width=14)
        table.add_column("Goal", width=title_w)
        table.add_column("Success looks like", width=success_w)
        if wide:
            table.add_column("Agenda kinds", width=kinds_w)
        for goal in self.group.purpose.goals:
            row = [
                cell(goal.id, "dim"),
                cell(goal.title, "bold"),
                cell(goal.success),
            ]
            if wide:
                row.append(cell(", ".join(k.value for k in goal.kinds), "dim"))
            table.add_row(*row, key=goal.id)
        if not self.group.purpose.goals:
            filler = [cell("–"), cell("No goals yet: press a to add one (2 to 5 is a good number)", "dim"), cell("")]
            table.add_row(*(filler + [cell("")] * wide))
        self._move_cursor(table, keep)

    def refresh_members(self, select: str | None = None) -> None:
        table = self.query_one("#group-member-table", DataTable)
        keep = select or self._row_key("#group-member-table")
        name_w, work_w, sector_w = fit_columns(self.table_width, [15], [3, 4, 3])
        table.clear(columns=True)
        table.add_column("Name", width=name_w)
        table.add_column("Role, company", width=work_w)
        table.add_column("Sector", width=sector_w)
        table.add_column("Status", width=15)
        # Active members first, retired ones after, each in the order they were added.
        ordered = self.group.active_members + [m for m in self.group.members if not m.active]
        for m in ordered:
            style = "" if m.active else "dim"
            status = "active" if m.active else f"left {m.left.isoformat()}"  # type: ignore[union-attr]
            work = ", ".join(part for part in (m.role, m.company) if part)
            table.add_row(
                cell(m.name, "bold" if m.active else "dim"),
                cell(work, style),
                cell(m.sector, style),
                cell(status, style or "green"),
                key=m.id,
            )
        self._move_cursor(table, keep)
        self._show_member_detail()

    @staticmethod
    def _move_cursor(table: DataTable, key: str | None) -> None:
        if key is None or table.row_count == 0:
            return
        try:
            table.move_cursor(row=table.get_row_index(key))
        except Exception:
            # The row is gone (a goal removed): leave the cursor where the table puts it.
            pass

    @on(DataTable.RowHighlighted, "#group-member-table")
    def _member_highlighted(self) -> None:
        self._show_member_detail()

    def _show_member_detail(self) -> None:
        detail = self.query_one("#group-member-detail", Static)
        m = self._selected_member()
        if m is None:
            detail.update(Text("No members yet: press a to add one.", style="dim"))
            return
        text = Text.assemble((literal(m.name, one_line=True), "bold"))
        if m.email:
            text.append(f"  <{literal(m.email)}>", style="dim")
        if m.joined:
            text.append(f"  joined {short_date(m.joined)}", style="dim")
        text.append("\nWhat I want from this group: ", style="italic")
        text.append(literal(m.objectives, one_line=True) if m.objectives else "not written yet")
        text.append("\na add · e edit · x retire or return · l ledger", style="dim")
        detail.update(text)

    @on(DataTable.RowSelected, "#group-goals")
    def _goal_selected(self) -> None:
        self.action_edit_goal()

    @on(DataTable.RowSelected, "#group-member-table")
    def _member_selected(self) -> None:
        self.action_edit_member()

    @on(DataTable.RowSelected, "#group-history-table")
    def _history_selected(self) -> None:
        self.action_open_minutes()

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
            self.refresh_goals(select=goal.id)
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
            self.refresh_members(select=member.id)
            state = "" if member.active else f" (left on {member.left.isoformat()})"  # type: ignore[union-attr]
            self.notify(f"Member saved: {literal(member.name)}{state}", markup=False)
            self._recompute_health()
        return problem

    def form_values(self) -> dict[str, Any]:
        """What the Purpose and Settings fields hold now, as typed."""

        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        def chosen(selector: str) -> Any:
            picked = self.query_one(selector, Select).value
            return None if picked is Select.NULL else picked

        return {
            "statement": self.query_one("#group-statement", TextArea).text,
            "agreed_on": value("#group-agreed-on"),
            "agreed_by": value("#group-agreed-by"),
            "name": value("#group-name"),
            "cadence": chosen("#group-cadence"),
            "meeting_minutes": value("#group-minutes"),
            "start_time": value("#group-start"),
            "default_template": chosen("#group-template"),
            "confidentiality": chosen("#group-confidentiality"),
            "hot_seat_protocol": value("#group-protocol"),
        }

    @property
    def unsaved(self) -> bool:
        """Whether the Purpose or Settings fields differ from what is stored."""
        if not self._saved_form:
            return False  # not mounted yet
        return self.form_values() != self._saved_form

    def action_save(self) -> None:
        """Save the purpose text and the settings, as typed."""
        form = self.form_values()
        data = self.group.model_dump()
        data["purpose"].update(
            statement=form["statement"], agreed_on=optional_date(form["agreed_on"]), agreed_by=form["agreed_by"]
        )
        for field in ("name", "cadence", "meeting_minutes", "start_time", "default_template", "confidentiality", "hot_seat_protocol"):
            data[field] = form[field]
        if isinstance(data["start_time"], str) and len(data["start_time"].strip()) == 4:
            data["start_time"] = "0" + data["start_time"].strip()  # 9:30 means 09:30
        purpose_error = self.query_one("#group-purpose-error", Static)
        settings_error = self.query_one("#group-settings-error", Static)
        try:
            candidate = Group.model_validate(data)
        except ValidationError as exc:
            purpose_lines, settings_lines = [], []
            for line, error in zip(validation_message(exc).splitlines(), exc.errors()):
                (purpose_lines if error["loc"][:1] == ("purpose",) else settings_lines).append(line)
            self._show_error(purpose_error, "\n".join(purpose_lines))
            self._show_error(settings_error, "\n".join(settings_lines))
            where = "Purpose" if purpose_lines else "Settings"
            self.notify(f"Not saved: see the {where} tab.", severity="error", markup=False)
            return
        problem = self.store_group(candidate.model_dump())
        if problem:
            self._show_error(settings_error if self.active_tab == "settings" else purpose_error, problem)
            return
        self._show_error(purpose_error, "")
        self._show_error(settings_error, "")
        self._saved_form = self.form_values()
        self._warned_unsaved = False
        self.notify("Saved.", markup=False)
        self._recompute_health()

    @staticmethod
    def _show_error(widget: Static, message: str) -> None:
        widget.update(Text(message))
        widget.display = bool(message)

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
        goal = self._selected_goal()
        if goal is not None:
            self.app.push_screen(GoalForm(goal, lambda new: self.save_goal(new, goal.id)))

    def action_remove_goal(self) -> None:
        goal = self._selected_goal()
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
            self.refresh_goals()
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
        member = self._selected_member()
        if member is not None:
            self.app.push_screen(MemberForm(member, self.save_member, self.today))

    def action_retire_member(self) -> None:
        member = self._selected_member()
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
        member = self._selected_member()
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
        self.history_rows = message.rows
        self.history_problems = message.problems
        if self.active_tab == "history" or self._history_filled:
            self.refresh_history()
        self._recompute_health()
        self.refresh_bindings()

    def refresh_history(self) -> None:
        self._history_filled = True
        status = self.query_one("#group-history-status", Static)
        table = self.query_one("#group-history-table", DataTable)
        fixed = [("#", 4), ("Date", 11), ("Present", 7), ("Rating", 6), ("Done", 9), ("Guests", 6)]
        (seats_w,) = fit_columns(self.table_width, [w for _, w in fixed], [1])
        table.clear(columns=True)
        for label, width in fixed:
            table.add_column(label, width=width)
        table.add_column("Hot seat", width=seats_w)
        for row in reversed(self.history_rows):
            done = percent(row.completion) + (f" of {row.reviewed}" if row.reviewed else "")
            table.add_row(
                cell(str(row.number), "dim"),
                cell(f"{row.date.day} {row.date:%b %Y}"),
                cell(f"{row.present}/{row.total}"),
                cell("–" if row.rating is None else f"{row.rating:.1f}"),
                cell(done),
                cell(str(row.guests) if row.guests else "", "dim"),
                cell(", ".join(name.split()[0] if name.split() else name for name in row.hot_seats), "dim"),
                key=row.meeting_id,
            )
        text = Text()
        if self.history_rows:
            text.append(
                f"{len(self.history_rows)} meetings, newest first. enter: the minutes, to read or copy again.",
                style="dim",
            )
        else:
            text.append("No meetings yet: the first one you close will appear here.", style="dim")
        for problem in self.history_problems:
            text.append(f"\nCould not read: {problem}", style="red")
        status.update(text)

    def action_open_minutes(self) -> None:
        meeting_id = self._row_key("#group-history-table")
        if self.history is None or meeting_id is None:
            return
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
            self.query_one("#group-health", HealthView).compute(self.group, self.history)

    def action_purpose_review(self) -> None:
        from .group_review import PurposeReviewScreen

        # The review reads the meetings it needs itself, and lets them go when it is closed.
        self.app.push_screen(PurposeReviewScreen(self.group, None, self.today))
