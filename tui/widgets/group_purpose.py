"""The Purpose tab of the group screen: the statement, when and by whom it was agreed, the goals.

It fills itself from the group it is given; the screen hands it the group again after a save,
reads what was typed with ``edited()`` and shows why a save failed with ``show_error()``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static, TextArea

from meetings.models import Goal, Group

from .group_cells import cell, field_row, fit_columns, move_cursor, optional_date, row_key, tab_table_width
from .group_messages import GoalChosen


class PurposePane(VerticalScroll):
    """The purpose statement and its goals. Posts ``GoalChosen`` when a goal row is chosen."""

    def __init__(self, group: Group, *, id: str | None = None):
        super().__init__(id=id)
        self.group = group
        self._saved: dict[str, str] = {}  # the fields as stored; empty until mounted
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        purpose = self.group.purpose
        yield Label("Our purpose (why the group exists, beyond its members)", classes="group-heading")
        yield TextArea(purpose.statement, id="group-statement", soft_wrap=True, compact=True)
        with Horizontal(id="group-agreed"):
            yield field_row(
                "Agreed on",
                Input(
                    purpose.agreed_on.isoformat() if purpose.agreed_on else "",
                    placeholder="YYYY-MM-DD",
                    id="group-agreed-on",
                    compact=True,
                ),
            )
            yield field_row(
                "by",
                Input(purpose.agreed_by, placeholder="who agreed it", id="group-agreed-by", compact=True),
            )
        yield Static("", id="group-purpose-error", classes="group-error")
        yield Label("Goals   a add · e edit · x remove · ctrl+s save the text above", classes="group-heading")
        yield DataTable(id="group-goals", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.fill_goals()
        self._saved = self.typed()
        self.show_error("")

    # ------------------------------------------------------------------ the fields

    def typed(self) -> dict[str, str]:
        """The purpose fields exactly as typed."""
        return {
            "statement": self.query_one("#group-statement", TextArea).text,
            "agreed_on": self.query_one("#group-agreed-on", Input).value,
            "agreed_by": self.query_one("#group-agreed-by", Input).value,
        }

    def edited(self) -> dict[str, Any]:
        """The typed fields as the purpose model reads them (an empty date is no date)."""
        typed = self.typed()
        return {**typed, "agreed_on": optional_date(typed["agreed_on"])}

    @property
    def unsaved(self) -> bool:
        """Whether the fields differ from what was last stored."""
        return bool(self._saved) and self.typed() != self._saved

    def mark_saved(self) -> None:
        self._saved = self.typed()

    def show_error(self, message: str) -> None:
        error = self.query_one("#group-purpose-error", Static)
        error.update(Text(message))
        error.display = bool(message)

    # ------------------------------------------------------------------ the goals

    @property
    def selected_goal(self) -> Goal | None:
        return self.group.purpose.goal(row_key(self.query_one("#group-goals", DataTable)))

    def fill_goals(self, select: str | None = None) -> None:
        """Refill the goals table from ``self.group``, keeping the cursor on ``select`` or where it was."""
        table = self.query_one("#group-goals", DataTable)
        keep = select or row_key(table)
        self._filled_width = self.screen.size.width
        width = tab_table_width(self._filled_width)
        wide = width >= 110
        title_w, success_w, kinds_w = fit_columns(width, [14], [3, 4, 2] if wide else [3, 4, 0])
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
        move_cursor(table, keep)

    def refit(self) -> None:
        """Text columns take what the terminal leaves: refill at a new width."""
        if self._filled_width and self._filled_width != self.screen.size.width:
            self.fill_goals()

    @on(DataTable.RowSelected, "#group-goals")
    def _goal_selected(self) -> None:
        goal = self.selected_goal
        if goal is not None:
            self.post_message(GoalChosen(goal))
