"""What every item panel is: a scrolling pane of the live screen that shows one kind of item.

The screen makes one of each panel class (see ``registry.PANELS``), hands it the meeting's
``LiveMeeting`` on construction, and calls ``show`` whenever the meeting changed. The panel fills
itself from ``self.live`` and sends messages up (``messages.Act``, ``Say``, ``OpenForm``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import Binding, BindingsMap

from textual.containers import VerticalScroll
from textual.widget import Widget

from meetings.live import LiveMeeting
from meetings.models import ItemKind, MeetingItem

# What the footer shows when a panel does not say, most needed first (binding ids of LiveScreen).
FOOTER_DEFAULT = ("leave-input", "next-item", "pause", "capture", "to-close", "live-help")


class Panel(VerticalScroll):
    """One kind of item on the live screen. Subclasses set ``PANEL_ID`` and fill ``show``."""

    PANEL_ID: ClassVar[str] = ""
    # The screen's keys this panel's items need most, in footer order. At 80 columns only about
    # six fit; every other key still works and is in `?` help and the palette. The focused
    # widget's own keys (review table, review points) come before these.
    FOOTER: ClassVar[tuple[str, ...]] = FOOTER_DEFAULT
    # The widget the item is worked in (a list with its own keys): focused on arriving, and
    # where escape from the capture line goes back to.
    WORKED_IN: ClassVar[str | None] = None
    # A panel of fields: escape leaves them (elsewhere escape has nothing to do).
    FIELDS: ClassVar[bool] = False

    def __init__(self, live: LiveMeeting) -> None:
        super().__init__(id=self.PANEL_ID)
        self.live = live

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        """Fill the panel for ``item`` (``entering``: it has just become the current item).
        Returns a line for the message bar, or None."""
        return None

    def arrive(self) -> None:
        """The item has just become current: put the focus where it is worked."""
        if self.WORKED_IN:
            self.query_one(self.WORKED_IN).focus()

    def worked_in(self) -> Widget | None:
        return self.query_one(self.WORKED_IN) if self.WORKED_IN else None

    def footer_keys(self, kind: ItemKind) -> tuple[str, ...]:
        """Binding ids for the footer on an item of ``kind``, most needed first."""
        return self.FOOTER

    def key_description(self, kind: ItemKind, binding_id: str) -> str | None:
        """A key whose meaning changes with the item says so in the footer (None: as bound)."""
        return None

    def note_point(self) -> str | None:
        """Where a note taken now goes on this item (a review point's label), or None."""
        return None


def footer_bindings(declared: list[Binding], panel: Panel, kind: ItemKind) -> BindingsMap:
    """The screen's bindings with ``panel``'s footer keys first and shown (described for
    ``kind``), every other one still bound but not shown."""
    wanted = panel.footer_keys(kind)
    first = [
        replace(binding, show=True, description=panel.key_description(kind, binding_id) or binding.description)
        for binding_id in wanted
        for binding in declared
        if binding.id == binding_id
    ]
    rest = [replace(binding, show=False) for binding in declared if binding.id not in wanted]
    return BindingsMap(first + rest)
