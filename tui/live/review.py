"""A purpose review: the purpose, each goal with its record, the four health questions.
Notes and decisions taken here go under the highlighted point."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetings.insights import QUESTIONS, PurposeReview, purpose_review
from meetings.live import LiveMeeting
from meetings.models import MeetingItem, Note, Visibility
from meetings.words import plural

from ..format import short_date
from .messages import OpenForm
from .panel import Panel

# The four health questions of a purpose review, each with the short label that heads a note
# taken against it (a note keeps its point as the start of its text: "Members succeeding: ...").
REVIEW_QUESTIONS: tuple[tuple[str, str], ...] = tuple(
    zip(("Value to you and to others", "Members succeeding", "Relationships intentional and mutual",
         "Connections outside the group"), QUESTIONS)
)
# Words in a review item's title that say which question it asks (the purpose-review template
# gives each question its own item); the point starts highlighted there.
QUESTION_WORDS: tuple[tuple[str, ...], ...] = (("value",), ("succeed",), ("relationship", "mutual"), ("connect", "outside", "beyond"))
PURPOSE_POINT = "Purpose"


class ReviewPoints(OptionList):
    """The points of a purpose review: the purpose, each goal, the four questions. Notes and
    decisions taken here (forms, or the quick line) go under the highlighted point."""

    BINDINGS = [
        Binding("N", "note('note')", "Note", id="point-note", tooltip="A note under the highlighted point"),
        Binding("D", "note('decision')", "Decision", id="point-decision", tooltip="A decision under the highlighted point"),
    ]

    def on_resize(self) -> None:
        # A longer message below takes rows from the list: keep the whole point in view.
        self.call_after_refresh(self.scroll_to_highlight)

    def action_note(self, kind: str) -> None:
        self.post_message(OpenForm(kind))

    def highlighted_point(self) -> str | None:
        """The option id of the highlighted point, or None."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id


class ReviewPanel(Panel):
    """The review points under their one-line hint."""

    PANEL_ID = "review-panel"
    FOOTER = ("leave-input", "note-form", "decision-form", "capture", "next-item", "pause", "live-help")
    WORKED_IN = "#review-points"

    def compose(self) -> ComposeResult:
        yield Static(Text("↑↓ pick a point: N, D and / n: d: go under it", style="dim"), id="points-hint")
        yield ReviewPoints(id="review-points", compact=True)

    def __init__(self, live: LiveMeeting) -> None:
        super().__init__(live)
        self._record: PurposeReview | None = None
        # Option id -> the label a note under that point starts with.
        self._labels: dict[str, str] = {}

    def record(self) -> PurposeReview:
        """The record of the 12 months up to this meeting (the history does not change while it runs)."""
        if self._record is None:
            self._record = purpose_review(self.live.group, self.live.history, None, today=self.live.meeting.date)
        return self._record

    def note_point(self) -> str | None:
        return self._labels.get(self.query_one(ReviewPoints).highlighted_point() or "")

    def show(self, item: MeetingItem, entering: bool) -> str | None:
        """The purpose, each goal and the four questions, each with the record and what was noted under it."""
        meeting, group = self.live.meeting, self.live.group
        record = self.record()
        goals = group.purpose.goals
        labels = {"purpose": PURPOSE_POINT}
        labels.update({f"goal-{i}": goal.title for i, goal in enumerate(goals)})
        labels.update({f"question-{i}": label for i, (label, _) in enumerate(REVIEW_QUESTIONS)})
        self._labels = labels
        by_point: dict[str, list[Note]] = {pid: [] for pid in labels}
        loose: list[Note] = []
        # Longest label first, so a goal called "Value" does not take notes on "Value to you and to others".
        ordered = sorted(labels.items(), key=lambda kv: -len(kv[1]))
        for note in (n for n in meeting.notes if n.item_id == item.id):
            pid = next((pid for pid, label in ordered if note.text.startswith(f"{label}: ")), None)
            (by_point[pid] if pid else loose).append(note)

        def with_notes(text: Text, pid: str) -> Text:
            for note in by_point[pid]:
                text.append(f"\n• {note.kind.value}: ", style="dim")
                text.append(note.text[len(labels[pid]) + 2 :])
                if note.visibility == Visibility.FORUM:
                    text.append(" (forum only)", style="dim")
            return text

        options: list[Option | None] = []  # None: a separator line
        head = Text("Purpose", style="bold")
        if record.agreed:
            head.append(f" ({record.agreed})", style="dim")
        head.append("\n")
        head.append(group.purpose.statement)
        span = f"{short_date(record.first_meeting)} to {short_date(record.last_meeting)}" if record.first_meeting and record.last_meeting else ""
        head.append(f"\nRecord, {record.period.label}: {plural(record.meetings, 'meeting')}" + (f", {span}" if span else ""), style="dim")
        options.append(Option(with_notes(head, "purpose"), id="purpose"))
        options.append(None)
        evidence = {e.goal_id: e for e in record.goals}
        for i, goal in enumerate(goals):
            text = Text("Goal: ", style="bold")
            text.append(goal.title, style="bold")
            if goal.success:
                text.append("\nSuccess: ", style="dim")
                text.append(goal.success, style="dim")
            seen = evidence.get(goal.id)
            if seen is not None:
                text.append(
                    f"\nServed {plural(seen.meetings_served, 'meeting')} · {seen.commitments_done} of "
                    f"{plural(seen.commitments_made, 'commitment')} done · {plural(seen.introductions, 'introduction')}",
                    style="yellow" if not seen.meetings_served else "dim",
                )
            options.append(Option(with_notes(text, f"goal-{i}"), id=f"goal-{i}"))
        if not goals:
            options.append(Option(Text("No goals written yet: add them on the group screen.", style="dim"), disabled=True))
        options.append(None)
        answers = {a.question: a for a in record.answers}
        for i, (_, question) in enumerate(REVIEW_QUESTIONS):
            text = Text(f"{i + 1}. {question}", style="bold")
            answer = answers.get(question)
            if answer is not None and answer.figures:
                text.append("\n" + " · ".join(f"{f.label}: {f.value}" for f in answer.figures), style="dim")
            options.append(Option(with_notes(text, f"question-{i}"), id=f"question-{i}"))
        captured = [c for c in meeting.commitments if c.item_id == item.id]
        if loose or captured:
            options.append(None)
            text = Text("Also under this item", style="bold")
            for note in loose:
                text.append(f"\n• {note.kind.value}: ", style="dim")
                text.append(note.text)
            for c in captured:
                text.append(f"\n• commitment: {group.member_name(c.owner)}: ", style="dim")
                text.append(c.text)
            options.append(Option(text, disabled=True))

        points = self.query_one(ReviewPoints)
        kept = None if entering else points.highlighted_point()
        if kept is None:
            title = item.title.lower()
            asked = next((i for i, words in enumerate(QUESTION_WORDS) if any(w in title for w in words)), None)
            kept = f"question-{asked}" if asked is not None else ("goal-0" if goals else "purpose")
        points.clear_options()
        points.add_options(options)
        ids = [option.id for option in options if option is not None and not option.disabled]
        points.highlighted = points.get_option_index(kept if kept in ids else ids[0])
        return None
