"""The Settings tab of the group screen: name, cadence, length, start, agenda, confidentiality.

Filled from the group and the installed agenda templates it is given; the screen reads what
was typed with ``edited()`` and shows why a save failed with ``show_error()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from meetings.models import Cadence, Group, Template, Visibility

from .group_cells import field_row

CONFIDENTIALITY_LABELS = {
    Visibility.SHAREABLE: "shareable: notes go into the minutes",
    Visibility.FORUM: "forum-only: notes stay in the room",
}

# The group fields this tab edits, by the id of the field that holds each.
FIELDS = {
    "name": "#group-name",
    "cadence": "#group-cadence",
    "meeting_minutes": "#group-minutes",
    "start_time": "#group-start",
    "default_template": "#group-template",
    "confidentiality": "#group-confidentiality",
    "hot_seat_protocol": "#group-protocol",
}


class SettingsPane(VerticalScroll):
    """The group's settings as editable fields; saved with the purpose text by ctrl+s."""

    def __init__(self, group: Group, templates: Sequence[Template], *, id: str | None = None):
        super().__init__(id=id)
        self.group = group
        self.templates = templates  # the agenda templates the app ships
        self._saved: dict[str, Any] = {}  # the fields as stored; empty until mounted

    def compose(self) -> ComposeResult:
        group = self.group
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
        yield field_row("Meeting minutes", Input(str(group.meeting_minutes), id="group-minutes", compact=True, type="text"))
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
        yield Static(Text("ctrl+s saves the settings and the purpose text.", style="dim"), classes="group-hint")

    def _template_options(self) -> list[tuple[Text, str]]:
        options = [(Text(t.name), t.slug) for t in self.templates]
        if self.group.default_template not in {t.slug for t in self.templates}:
            # Keep a template the app does not ship, rather than silently switching it.
            options.append((Text(f"{self.group.default_template} (not installed)"), self.group.default_template))
        return options

    def on_mount(self) -> None:
        self._saved = self.typed()
        self.show_error("")

    def typed(self) -> dict[str, Any]:
        """The settings exactly as typed or picked (None for a select left blank)."""
        values: dict[str, Any] = {}
        for field, selector in FIELDS.items():
            widget = self.query_one(selector)
            if isinstance(widget, Select):
                values[field] = None if widget.value is Select.NULL else widget.value
            else:
                values[field] = self.query_one(selector, Input).value
        return values

    def edited(self) -> dict[str, Any]:
        """The typed settings as the group model reads them."""
        values = self.typed()
        if isinstance(values["start_time"], str) and len(values["start_time"].strip()) == 4:
            values["start_time"] = "0" + values["start_time"].strip()  # 9:30 means 09:30
        return values

    @property
    def unsaved(self) -> bool:
        """Whether the fields differ from what was last stored."""
        return bool(self._saved) and self.typed() != self._saved

    def mark_saved(self) -> None:
        self._saved = self.typed()

    def show_error(self, message: str) -> None:
        error = self.query_one("#group-settings-error", Static)
        error.update(Text(message))
        error.display = bool(message)
