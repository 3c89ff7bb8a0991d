"""Modal forms of the live meeting: commitment, ask, offer, note or decision, agenda item.

A form returns plain values (a dict) to the live screen, which records them through
``LiveMeeting``; the form itself never saves. Validation messages are shown inline and what
was typed is kept. Given a ``save`` callable (the live screen's way of running an action), a
form hands its values to it and closes only once they are on disk: a refusal (text too long, a
full disk) is shown in the form, which stays open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from meetings.models import AskKind, ItemKind, NoteKind

# Saves a form's values: the reason it could not (shown in the form, which stays open), or None.
Save = Callable[[dict[str, Any]], "str | None"]


class FormScreen(ModalScreen[dict[str, Any] | None]):
    """A small form. Subclasses declare fields in ``fields()``; enter (in a one-line field) or
    ctrl+s submits. With ``save``, the values are saved before the form closes."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
    ]
    TITLE_TEXT = ""

    def __init__(self, *, save: Save | None = None, **initial: Any):
        super().__init__()
        self.initial = initial
        self.save_values = save
        self._finished = False  # saved and dismissed: a second enter typed fast saves nothing more

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Static(Text(self.TITLE_TEXT, style="bold"), classes="form-title")
            yield from self.fields()
            yield Static("", id="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-submit")
                yield Button("Cancel (esc)", id="form-cancel-button")

    def on_mount(self) -> None:
        # Typing starts in the first text field, not on the scrolling dialog around it.
        inputs = self.query("Input, TextArea")
        if inputs:
            inputs.first().focus()

    def fields(self) -> ComposeResult:
        yield from ()

    def row(self, label: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(label)
            yield widget

    def value(self, selector: str) -> Any:
        widget = self.query_one(selector)
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        return widget.value  # type: ignore[attr-defined]

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message, style="bold red"))

    def collect(self) -> dict[str, Any] | None:
        """The values, or None after showing what is wrong."""
        return {}

    def action_save(self) -> None:
        # ctrl+s is a priority key: it runs before the keys already handed to the focused field.
        # Submit once those are in, or a name typed fast and saved at once loses its last letters.
        if self.focused is not None:
            self.focused.call_later(self.action_submit)
        else:
            self.action_submit()

    @on(Button.Pressed, "#form-submit")
    @on(Input.Submitted)
    def action_submit(self) -> None:
        if self._finished:
            return
        values = self.collect()
        if values is None:
            return
        if self.save_values is not None:
            refused = self.save_values(values)
            if refused:
                self.show_error(refused)  # nothing typed is lost: the form stays as it was
                return
        self._finished = True
        self.dismiss(values)

    @on(Button.Pressed, "#form-cancel-button")
    def action_cancel(self) -> None:
        if not self._finished:
            self._finished = True
            self.dismiss(None)


def _member_options(members: list[tuple[str, str]]) -> list[tuple[Text, str]]:
    # Text prompts: a str prompt would be read as markup, and names are user text.
    return [(Text(name), mid) for mid, name in members]


class CommitmentForm(FormScreen):
    TITLE_TEXT = "Commitment"

    def __init__(self, members: list[tuple[str, str]], goals: list[tuple[str, str]], **initial: Any):
        super().__init__(**initial)
        self.members = members
        self.goals = goals

    def fields(self) -> ComposeResult:
        i = self.initial
        yield from self.row("Who", Select(_member_options(self.members), id="owner", value=i.get("owner", Select.NULL)))
        yield from self.row("Will do", Input(i.get("text", ""), id="text", placeholder="what exactly, so it can be checked"))
        yield from self.row("By (date)", Input(str(i.get("due", "")), id="due", placeholder="YYYY-MM-DD, default: next meeting"))
        yield from self.row("Serves goal", Select(self.goals, id="goal", value=i.get("goal") or Select.NULL))
        yield Checkbox("Forum only (never in the minutes)", i.get("forum", False), id="forum")

    def collect(self) -> dict[str, Any] | None:
        owner, text, due_raw = self.value("#owner"), self.value("#text").strip(), self.value("#due").strip()
        if not owner:
            self.show_error("Who makes this commitment?")
            return None
        if not text:
            self.show_error("Say what they will do.")
            return None
        due = None
        if due_raw:
            try:
                due = date.fromisoformat(due_raw)
            except ValueError:
                self.show_error(f"{due_raw!r} is not a date like 2026-12-08.")
                return None
        return {"owner": owner, "text": text, "due": due, "goal": self.value("#goal"), "forum": self.value("#forum")}


class AskForm(FormScreen):
    TITLE_TEXT = "Ask: what exactly do they want?"

    def __init__(self, members: list[tuple[str, str]], **initial: Any):
        super().__init__(**initial)
        self.members = members

    def fields(self) -> ComposeResult:
        i = self.initial
        kinds = [(k.value, k.value) for k in AskKind]
        yield from self.row("Who asks", Select(_member_options(self.members), id="owner", value=i.get("owner", Select.NULL)))
        yield from self.row("Asks for", Input(i.get("text", ""), id="text", placeholder="an introduction to whom, advice on what..."))
        yield from self.row("Kind", Select(kinds, id="kind", value=i.get("kind", AskKind.INTRODUCTION.value), allow_blank=False))
        yield from self.row("Who could help", Input(i.get("who", ""), id="who"))
        yield Checkbox("Forum only (never in the minutes)", i.get("forum", False), id="forum")

    def collect(self) -> dict[str, Any] | None:
        owner, text = self.value("#owner"), self.value("#text").strip()
        if not owner or not text:
            self.show_error("An ask needs who asks and what they want.")
            return None
        return {"owner": owner, "text": text, "kind": self.value("#kind"), "who": self.value("#who").strip(), "forum": self.value("#forum")}


class OfferForm(FormScreen):
    TITLE_TEXT = "Offer: answer an open ask"

    def __init__(self, members: list[tuple[str, str]], asks: list[tuple[str, str]], **initial: Any):
        super().__init__(**initial)
        self.members = members
        self.asks = asks

    def fields(self) -> ComposeResult:
        i = self.initial
        yield from self.row("Ask", Select(self.asks, id="ask", value=i.get("ask", Select.NULL)))
        yield from self.row("Offered by", Select(_member_options(self.members), id="by", value=i.get("by", Select.NULL)))
        yield from self.row("Offer", Input(i.get("text", ""), id="text", placeholder="e.g. Maria Costa at St Luke's"))
        yield Checkbox("Also a commitment for the one who offers", i.get("commit", True), id="commit")
        yield Checkbox("Forum only (never in the minutes)", i.get("forum", False), id="forum")

    def collect(self) -> dict[str, Any] | None:
        ask, by, text = self.value("#ask"), self.value("#by"), self.value("#text").strip()
        if not ask or not by or not text:
            self.show_error("An offer needs the ask, who offers, and what.")
            return None
        return {"ask": ask, "by": by, "text": text, "commit": self.value("#commit"), "forum": self.value("#forum")}


class NoteForm(FormScreen):
    """A note or decision, on as many lines as it needs (enter starts a new line, ctrl+s saves);
    ``about`` names the review point it is taken against, if any."""

    DEFAULT_CSS = """
    NoteForm #text {
        height: 7;
    }
    """

    def __init__(self, kind: NoteKind, about: str = "", *, save: Save | None = None, **initial: Any):
        super().__init__(save=save, **initial)
        self.kind = kind
        self.TITLE_TEXT = "Decision" if kind == NoteKind.DECISION else "Note"
        if about:
            self.TITLE_TEXT += f" on: {about}"

    def fields(self) -> ComposeResult:
        i = self.initial
        yield Static(Text("enter: new line · ctrl+s: save · esc: cancel", style="dim"), classes="form-hint")
        yield TextArea(i.get("text", ""), id="text", soft_wrap=True, show_line_numbers=False)
        yield Checkbox("Forum only (never in the minutes)", i.get("forum", False), id="forum")

    def collect(self) -> dict[str, Any] | None:
        text = self.value("#text").strip()
        if not text:
            self.show_error("Nothing to record.")
            return None
        return {"text": text, "kind": self.kind, "forum": self.value("#forum")}


class ItemForm(FormScreen):
    TITLE_TEXT = "Add an agenda item after the current one"

    def fields(self) -> ComposeResult:
        kinds = [(k.value.replace("_", " "), k.value) for k in ItemKind]
        yield from self.row("Title", Input("", id="title"))
        yield from self.row("Kind", Select(kinds, id="kind", value=ItemKind.DISCUSSION.value, allow_blank=False))
        yield from self.row("Minutes", Input("10", id="minutes", type="integer"))

    def collect(self) -> dict[str, Any] | None:
        title, minutes = self.value("#title").strip(), self.value("#minutes").strip()
        if not title:
            self.show_error("Give the item a title.")
            return None
        if not minutes.isdigit() or not 1 <= int(minutes) <= 240:
            self.show_error("Minutes: a whole number from 1 to 240.")
            return None
        return {"title": title, "kind": ItemKind(self.value("#kind")), "minutes": int(minutes)}


class CapturedList(ModalScreen[tuple[str, str] | None]):
    """What was captured in this meeting, the first row highlighted and the list focused (the
    arrows move the highlight); enter edits the highlighted row, delete or backspace asks once
    before removing it (y removes, anything else keeps it)."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="captured-close"),
        Binding("delete,backspace", "remove", "Delete", id="captured-delete"),
        Binding("enter", "edit", "Edit", id="captured-edit", show=True),
    ]
    DEFAULT_CSS = """
    CapturedList #captured {
        height: auto;
        max-height: 16;
    }
    """

    def __init__(self, entries: list[tuple[str, Text]]):
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        # Not a scrolling dialog: the list scrolls itself, so the arrows are the list's.
        with Vertical(classes="dialog"):
            yield Static(Text("Captured in this meeting (enter: edit · delete: remove · esc: close)", style="bold"))
            yield OptionList(*[Option(text, id=rid) for rid, text in self.entries], id="captured")

    def on_mount(self) -> None:
        options = self.query_one("#captured", OptionList)
        if options.option_count:
            options.highlighted = 0
        self.set_focus(options)

    def _selected(self) -> str | None:
        options = self.query_one("#captured", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def action_edit(self) -> None:
        rid = self._selected()
        if rid:
            self.dismiss(("edit", rid))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(("edit", event.option.id))

    def action_remove(self) -> None:
        rid = self._selected()
        if not rid:
            return
        label = next(text for entry_id, text in self.entries if entry_id == rid)

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(("delete", rid))

        self.app.push_screen(ConfirmDelete(label), answer)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ConfirmDelete(ModalScreen[bool]):
    """'Delete commitment · Ana Souza: send the survey? y / n': y deletes, any other key keeps it."""

    def __init__(self, label: Text):
        super().__init__()
        self.label = label
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text.assemble(("Delete ", "bold"), self.label, ("? ", "bold"), ("y / n", "dim")), id="delete-confirm")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if not self._answered:
            self._answered = True
            self.dismiss(event.key == "y")
