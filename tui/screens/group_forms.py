"""Modal forms of the group screen: a goal, a member, retiring a member, a yes/no question.

Each form checks what was typed through the pydantic model, then hands the record to a
``save`` callback given by the group screen. The callback stores the whole group and returns
None, or the reason it could not (a validation message, a StoreError): the form then shows that
reason inline, literally, and keeps everything that was typed.
"""

from __future__ import annotations


from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from meetings.models import Goal, ItemKind, Member, slugify

from ..widgets.group_cells import GROUP_CSS, field_row, literal, optional_date

# The save callback: stores the record, returns None when done or the reason it was not.
SaveGoal = Callable[[Goal], "str | None"]
SaveMember = Callable[[Member], "str | None"]

KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.ROUND: "round: each person in turn",
    ItemKind.ACCOUNTABILITY: "accountability: review commitments and asks",
    ItemKind.HOT_SEAT: "hot seat: one member's challenge",
    ItemKind.ASKS_OFFERS: "asks and offers",
    ItemKind.COMMITMENTS: "commitments",
    ItemKind.DISCUSSION: "discussion: topic, speaker, education",
    ItemKind.REVIEW: "review: purpose, four questions",
    ItemKind.CLOSE: "close: rating, plus/delta",
}

FIELD_LABELS = {
    "id": "Id",
    "title": "Title",
    "success": "Success looks like",
    "kinds": "Kinds",
    "name": "Name",
    "email": "Email",
    "company": "Company",
    "sector": "Sector",
    "role": "Role",
    "objectives": "Objectives",
    "joined": "Joined",
    "left": "Left",
    "statement": "Statement",
    "agreed_on": "Agreed on",
    "agreed_by": "Agreed by",
    "goals": "Goals",
    "members": "Members",
    "cadence": "Cadence",
    "meeting_minutes": "Meeting minutes",
    "start_time": "Start time",
    "default_template": "Default template",
    "confidentiality": "Confidentiality",
    "hot_seat_protocol": "Hot-seat protocol",
    "purpose": "Purpose",
}


def validation_message(exc: ValidationError) -> str:
    """Pydantic's complaints, one line each, naming the field as the form labels it."""
    lines = []
    for error in exc.errors():
        where = " ".join(
            FIELD_LABELS.get(part, str(part)) if isinstance(part, str) else f"#{part + 1}" for part in error["loc"]
        )
        message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    return "\n".join(lines)


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date, or ValueError with a message a facilitator understands."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text.strip() or 'an empty date'!r} is not a date; write it as YYYY-MM-DD") from None


class RecordForm(ModalScreen[bool]):
    """Shared frame of the goal and member forms: a title, fields, an inline error, buttons."""

    CSS_PATH = GROUP_CSS

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="group-form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="group-form-cancel"),
    ]

    form_title = ""

    def __init__(self, save: Callable[[Any], str | None]):
        super().__init__()
        self.save = save

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="group-form"):
            yield Static(Text(self.form_title, style="bold"), classes="group-form-title")
            yield from self.compose_fields()
            yield Static("", classes="group-form-error", id="group-form-error")
            with Horizontal(classes="group-form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="group-form-save", compact=True)
                yield Button("Cancel (esc)", id="group-form-cancel", compact=True)

    def show_error(self, message: str) -> None:
        error = self.query_one("#group-form-error", Static)
        error.update(Text(literal(message)))
        error.display = bool(message)

    def on_mount(self) -> None:
        self.show_error("")

    @on(Button.Pressed, "#group-form-save")
    def _save_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#group-form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        self.action_submit()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def build(self) -> Any:
        """The record from the fields; raises ValidationError or ValueError (subclasses fill it)."""
        raise ValueError("this form has no fields")

    def action_submit(self) -> None:
        try:
            record = self.build()
        except ValidationError as exc:
            self.show_error(validation_message(exc))
            return
        except ValueError as exc:
            self.show_error(str(exc))
            return
        problem = self.save(record)
        if problem:
            self.show_error(problem)
            return
        self.dismiss(True)


class GoalForm(RecordForm):
    """Add or edit one goal of the purpose. The id of an existing goal is kept: meetings refer to it."""

    def __init__(self, goal: Goal | None, save: SaveGoal):
        super().__init__(save)
        self.goal = goal
        self.form_title = f"Edit goal {goal.id}" if goal else "New goal"

    def compose_fields(self) -> ComposeResult:
        goal = self.goal
        kinds = set(goal.kinds) if goal else set()
        yield field_row(
            "Title",
            Input(goal.title if goal else "", placeholder="Open doors outside the circle", id="group-goal-title", compact=True),
        )
        yield field_row(
            "Id",
            Input(
                goal.id if goal else "",
                placeholder="from the title if left empty",
                id="group-goal-id",
                compact=True,
                disabled=goal is not None,
                tooltip="Meetings and commitments refer to a goal by its id, so it cannot change.",
            ),
        )
        yield field_row(
            "Success",
            Input(goal.success if goal else "", placeholder="how we will see it", id="group-goal-success", compact=True),
        )
        yield Label("Agenda items that serve it (space to tick):", classes="group-form-note")
        yield SelectionList[str](
            *(Selection(Text(label), kind.value, kind in kinds) for kind, label in KIND_LABELS.items()),
            id="group-goal-kinds",
            compact=True,
        )

    def build(self) -> Goal:
        title = self.query_one("#group-goal-title", Input).value
        goal_id = self.query_one("#group-goal-id", Input).value.strip()
        if not goal_id and title.strip():
            goal_id = slugify(title)[:32].strip("-")
        return Goal.model_validate(
            {
                "id": goal_id,
                "title": title,
                "success": self.query_one("#group-goal-success", Input).value,
                "kinds": list(self.query_one("#group-goal-kinds", SelectionList).selected),
            }
        )



class MemberForm(RecordForm):
    """Add or edit a member: who they are, and what they want from the group."""

    def __init__(self, member: Member | None, save: SaveMember, today: date):
        super().__init__(save)
        self.member = member
        self.today = today
        self.form_title = "Edit member" if member else "New member"

    def compose_fields(self) -> ComposeResult:
        m = self.member
        joined = m.joined if m else self.today

        def text_input(field: str, value: str, placeholder: str = "") -> Input:
            return Input(value, placeholder=placeholder, id=f"group-member-{field}", compact=True)

        yield field_row("Name", text_input("name", m.name if m else "", "Ana Souza"))
        yield field_row("Email", text_input("email", m.email if m else "", "ana@example.com"))
        yield field_row("Company", text_input("company", m.company if m else ""))
        yield field_row("Sector", text_input("sector", m.sector if m else "", "healthcare, retail, ..."))
        yield field_row("Role", text_input("role", m.role if m else "", "founder, CEO, ..."))
        yield field_row("Joined", text_input("joined", joined.isoformat() if joined else "", "YYYY-MM-DD"))
        yield field_row("Left", text_input("left", m.left.isoformat() if m and m.left else "", "YYYY-MM-DD, empty if active"))
        yield Label("What I want from this group:", classes="group-form-note")
        yield TextArea(m.objectives if m else "", id="group-member-objectives", compact=True, soft_wrap=True)

    def build(self) -> Member:
        def value(field: str) -> str:
            return self.query_one(f"#group-member-{field}", Input).value

        data: dict[str, Any] = {
            "name": value("name"),
            "email": value("email"),
            "company": value("company"),
            "sector": value("sector"),
            "role": value("role"),
            "objectives": self.query_one("#group-member-objectives", TextArea).text,
            "joined": optional_date(value("joined")),
            "left": optional_date(value("left")),
        }
        if self.member is not None:
            data["id"] = self.member.id
        member = Member.model_validate(data)
        if member.joined and member.left and member.left < member.joined:
            raise ValueError("Left: a member cannot leave before they joined")
        return member



class RetireForm(RecordForm):
    """Retire a member: set the day they left. Their history stays."""

    def __init__(self, member: Member, save: SaveMember, today: date):
        super().__init__(save)
        self.member = member
        self.today = today
        self.form_title = "Retire a member"

    def compose_fields(self) -> ComposeResult:
        yield Static(
            Text.assemble(
                (literal(self.member.name), "bold"),
                " leaves the group. Their commitments, asks and meetings stay in the history; "
                "they no longer appear in attendance or hot-seat suggestions.",
            ),
            classes="group-form-note",
        )
        yield field_row("Left on", Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="group-retire-left", compact=True))

    def build(self) -> Member:
        left = parse_day(self.query_one("#group-retire-left", Input).value)
        if self.member.joined and left < self.member.joined:
            raise ValueError(f"Left on: {self.member.name} joined on {self.member.joined.isoformat()}, after that day")
        data = self.member.model_dump()
        data["left"] = left
        return Member.model_validate(data)



class ConfirmForm(ModalScreen[bool]):
    """A yes/no question; the answer is dismissed as True or False."""

    CSS_PATH = GROUP_CSS

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="group-confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="group-confirm-no"),
    ]

    def __init__(self, question: Text):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="group-form group-confirm"):
            yield Static(self.question, classes="group-form-note")
            with Horizontal(classes="group-form-buttons"):
                yield Button("Yes (y)", variant="warning", id="group-confirm-yes", compact=True)
                yield Button("No (n)", id="group-confirm-no", compact=True)

    @on(Button.Pressed, "#group-confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#group-confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
