"""The Members tab of the group screen: the members, active first, and the one under the cursor.

It fills itself from the group it is given; the screen hands it the group again after a save.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from meetings.models import Group, Member

from ..format import short_date
from .group_cells import cell, fit_columns, literal, move_cursor, row_key, tab_table_width
from .group_messages import MemberChosen


class MembersPane(Vertical):
    """The members table and a detail of the highlighted member. Posts ``MemberChosen``."""

    def __init__(self, group: Group, *, id: str | None = None):
        super().__init__(id=id)
        self.group = group
        self._filled_width = 0

    def compose(self) -> ComposeResult:
        yield DataTable(id="group-member-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="group-member-detail")

    def on_mount(self) -> None:
        self.fill()

    @property
    def selected_member(self) -> Member | None:
        return self.group.member(row_key(self.query_one("#group-member-table", DataTable)))

    def fill(self, select: str | None = None) -> None:
        """Refill the table from ``self.group``, keeping the cursor on ``select`` or where it was."""
        table = self.query_one("#group-member-table", DataTable)
        keep = select or row_key(table)
        self._filled_width = self.screen.size.width
        name_w, work_w, sector_w = fit_columns(tab_table_width(self._filled_width), [15], [3, 4, 3])
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
        move_cursor(table, keep)
        self._show_detail()

    def refit(self) -> None:
        """Text columns take what the terminal leaves: refill at a new width."""
        if self._filled_width and self._filled_width != self.screen.size.width:
            self.fill()

    @on(DataTable.RowHighlighted, "#group-member-table")
    def _member_highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#group-member-table")
    def _member_selected(self) -> None:
        member = self.selected_member
        if member is not None:
            self.post_message(MemberChosen(member))

    def _show_detail(self) -> None:
        detail = self.query_one("#group-member-detail", Static)
        m = self.selected_member
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
