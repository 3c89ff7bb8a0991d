"""The live meeting's forms: what each opens with, and the message its answer becomes.

``form_for`` returns the form to push and a function from its answer to the message the screen
then handles (an ``Act`` that saves, or an ``OpenForm`` for the record picked from the list).
The form itself never saves. Given ``run`` (the screen's way of running an ``Act``: the error to
show, or None), a record form hands its ``Act`` to it when submitted and closes only once it is
on disk; a refusal stays in the form with everything typed, and the answer then has nothing left
to send. Deleting from the captured list is an ``Act`` too (undoable with u).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.screen import ModalScreen

from meetings.live import LiveMeeting
from meetings.models import AskKind, NoteKind, Visibility

from ..screens.forms import AskForm, CapturedList, CommitmentForm, NoteForm, OfferForm
from .messages import Act, OpenForm
from .text import describe

class NoForm(Exception):
    """No form to open: the message says why (``error``: said in red)."""

    def __init__(self, text: str, *, error: bool = True) -> None:
        super().__init__(text)
        self.error = error


Answer = Callable[[Any], Message | None]
Run = Callable[[Act], "str | None"]
# The form kind that edits each kind of record (notes and decisions share one).
RECORD_FORMS = {"Commitment": "commitment", "Ask": "ask", "Offer": "offer", "Note": "note"}


def form_for(
    live: LiveMeeting, kind: str, record_id: str | None = None, point: str | None = None, *, run: Run | None = None
) -> tuple[ModalScreen[Any], Answer]:
    """The form for ``kind`` (commitment, ask, offer, note, decision, captured), filled from the
    record ``record_id`` when it edits one; ``point`` heads a new note (a review point); ``run``
    saves a record form's values before it closes. Raises NoForm when there is nothing the form
    could do."""
    group = live.group

    def save(make: Callable[[dict[str, Any]], Act]) -> Callable[[dict[str, Any]], str | None] | None:
        # What the form calls with its values: the Act run now, the error back to the form.
        return None if run is None else (lambda values: run(make(values)))

    def answer(make: Callable[[dict[str, Any]], Act]) -> Answer:
        # Saved already through run: nothing to send. Without run, the Act goes up as a message.
        return lambda values: make(values) if values and run is None else None

    members = [(m.id, m.name) for m in group.active_members]
    existing = live.find(record_id) if record_id else None
    default = {"forum": group.confidentiality == Visibility.FORUM}

    def vis(forum: bool) -> Visibility:
        return Visibility.FORUM if forum else Visibility.SHAREABLE

    def saved(record: Any) -> str:
        return f"Saved: {describe(record, group)}"

    def edit(updated: str, **changes: Any) -> Act:
        return Act(lambda: live.edit(existing.id, **changes), updated)  # type: ignore[union-attr]

    if kind == "commitment":
        initial: dict[str, Any] = dict(default)
        if existing is not None:
            initial = {"owner": existing.owner, "text": existing.text, "due": existing.due, "goal": existing.goal,  # type: ignore[union-attr]
                       "forum": existing.visibility == Visibility.FORUM}
        elif live.speaker():
            initial["owner"] = live.speaker()
        # Text prompts for the form's Select: goal titles are user text, never markup.
        goals = [(Text(g.title), g.id) for g in group.purpose.goals]

        def commitment(v: dict[str, Any]) -> Act:
            if existing is not None:
                changes = {"owner": v["owner"], "text": v["text"], "goal": v["goal"], "visibility": vis(v["forum"])}
                if v["due"]:
                    changes["due"] = v["due"]
                return edit("Commitment updated.", **changes)
            return Act(lambda: live.add_commitment(v["owner"], v["text"], v["due"], v["goal"], vis(v["forum"])), saved)

        return CommitmentForm(members, goals, save=save(commitment), **initial), answer(commitment)  # type: ignore[arg-type]

    if kind == "ask":
        initial = dict(default)
        if existing is not None:
            initial = {"owner": existing.owner, "text": existing.text, "kind": existing.kind.value,  # type: ignore[union-attr]
                       "who": existing.who_could_help, "forum": existing.visibility == Visibility.FORUM}  # type: ignore[union-attr]
        elif live.speaker():
            initial["owner"] = live.speaker()

        def ask(v: dict[str, Any]) -> Act:
            if existing is not None:
                return edit("Ask updated.", owner=v["owner"], text=v["text"], kind=AskKind(v["kind"]),
                            who_could_help=v["who"], visibility=vis(v["forum"]))
            return Act(lambda: live.add_ask(v["owner"], v["text"], AskKind(v["kind"]), v["who"], vis(v["forum"])), saved)

        return AskForm(members, save=save(ask), **initial), answer(ask)

    if kind == "offer":
        asks = [(Text(f"{group.member_name(a.owner)}: {a.text}"[:70]), a.id) for a in live.open_asks()]
        if existing is None and not asks:
            raise NoForm("No open ask to answer yet.")
        initial = dict(default)
        if existing is not None:
            initial = {"ask": existing.ask_id, "by": existing.by, "text": existing.text, "commit": False,  # type: ignore[union-attr]
                       "forum": existing.visibility == Visibility.FORUM}

        def offer(v: dict[str, Any]) -> Act:
            if existing is not None:
                return edit("Offer updated.", by=v["by"], text=v["text"], visibility=vis(v["forum"]))
            return Act(lambda: live.add_offer(v["ask"], v["by"], v["text"], vis(v["forum"]), commit=v["commit"]), saved)

        return OfferForm(members, asks, save=save(offer), **initial), answer(offer)  # type: ignore[arg-type]

    if kind in ("note", "decision"):
        note_kind = NoteKind(kind)
        initial = dict(default)
        if existing is not None:
            note_kind = existing.kind  # type: ignore[union-attr]
            initial = {"text": existing.text, "forum": existing.visibility == Visibility.FORUM}
            point = None

        def note(v: dict[str, Any]) -> Act:
            if existing is not None:
                return edit("Updated.", text=v["text"], visibility=vis(v["forum"]))
            text = f"{point}: {v['text']}" if point else v["text"]
            return Act(lambda: live.add_note(text, note_kind, vis(v["forum"])), saved)

        return NoteForm(note_kind, about=point or "", save=save(note), **initial), answer(note)

    if kind == "captured":
        m = live.meeting
        entries = [(record.id, Text(describe(record, group))) for record in [*m.commitments, *m.asks, *m.offers, *m.notes]]
        labels = {rid: text.plain for rid, text in entries}
        if not entries:
            raise NoForm("Nothing captured yet in this meeting.", error=False)

        def picked(choice: tuple[str, str] | None) -> Message | None:
            if not choice:
                return None
            verb, rid = choice
            if verb == "delete":
                # Asked once in the list (y / n); an action like any other, so u takes it back.
                return Act(lambda: live.delete(rid), f"Deleted: {labels[rid]}. u undoes it.")
            record = live.find(rid)
            form = RECORD_FORMS.get(type(record).__name__)
            return OpenForm(form, rid) if form else None

        return CapturedList(entries), picked

    raise NoForm(f"No form called {kind!r}.")
