"""The quick-capture line: one line, one record; a pasted block, one record per line.

A plain Input keeps only the first line of a paste (bracketed paste); terminals without
bracketed paste send the lines as keys, with enter or ctrl+j between them. Both are handled
here: a paste is read line by line, and ctrl+j submits like enter. Every line that reads is
saved (a paste as one action, so one undo takes it back); a line that does not is put in the
field to correct, and the others wait their turn. Nothing pasted is lost or saved twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual import events, on
from textual.binding import Binding
from textual.widgets import Input

from meetings.capture import CaptureContext, CapturedNote, CaptureError, parse_capture
from meetings.live import LiveMeeting

from .messages import Act, Say
from .text import describe


class CaptureLine(Input):
    """The one-line capture field of the live screen. ``point`` says where a note taken now goes
    (a review point's label, or None); the screen passes its current panel's."""

    BINDINGS = [Binding("ctrl+j", "submit", "Save", show=False)]

    def __init__(self, live: LiveMeeting, point: Callable[[], str | None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.live = live
        self.point = point
        self.waiting: list[str] = []  # pasted lines that could not be read, one at a time

    def context(self) -> CaptureContext:
        m = self.live.meeting
        return CaptureContext(
            group=self.live.group,
            today=self.live.clock.now().astimezone().date(),
            next_meeting=m.next_date or m.date,
            default_visibility=self.live.group.confidentiality,
            open_asks=self.live.open_asks(),
            present=m.attendees,
        )

    def parse(self, line: str) -> object:
        """One line as a record to save (raises CaptureError with one line to show)."""
        captured = parse_capture(line, self.context())
        point = self.point()
        if point and isinstance(captured, CapturedNote):
            captured = replace(captured, text=f"{point}: {captured.text}")
        return captured

    def save_now(self) -> object:
        """Parse and save what is in the field (closing the meeting saves it this way)."""
        record = self.live.apply_captured(self.parse(self.value.strip()))
        self.value = ""
        return record

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line:
            return
        try:
            captured = self.parse(line)
        except CaptureError as exc:
            # Keep what was typed so it can be corrected.
            self.post_message(Say(str(exc), error=True))
            return
        self.post_message(Act(lambda: self.live.apply_captured(captured), self._saved, then=self._next))

    def _saved(self, record: object) -> str:
        waiting = f" Next pasted line to correct ({len(self.waiting) - 1} more after it)." if self.waiting else ""
        return f"Saved: {describe(record, self.live.group)}.{waiting}"

    def _next(self, _: object) -> None:
        self.value = self.waiting.pop(0) if self.waiting else ""

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1:
            super()._on_paste(event)
            return
        event.stop()
        if self.value.strip():
            lines[0] = f"{self.value.strip()} {lines[0]}"  # what was typed before is its start
        good, bad = [], []
        for line in lines:
            try:
                good.append(self.parse(line))
            except CaptureError as exc:
                bad.append((line, str(exc)))

        def keep_the_rest(_: object) -> None:
            self.value = bad[0][0] if bad else ""
            self.waiting = [line for line, _ in bad[1:]]
            if bad:
                self.post_message(Say(f"Saved {len(good)} of {len(lines)} pasted lines. To correct: {bad[0][1]}"
                                      f" ({len(bad)} line(s) left)", error=True))

        if good:
            said = f"Saved {len(good)} pasted lines (u undoes them all)."
            self.post_message(Act(lambda: self.live.apply_captured_lines(good), said, then=keep_the_rest))
        else:
            keep_the_rest(None)
