"""The records of Mastermind: the single definition of every group, template and meeting.

Files (TOML), storage (TinyDB JSON), the command line and the screens all go through these
pydantic models: ``model_validate`` on the way in, ``model_dump(mode="json")`` on the way out.

Design choices worth knowing:

* Every record that is referred to elsewhere has a stable ``id`` (a uuid4 hex string).
* Closed meetings are immutable. What happens to a commitment or an ask *later* is recorded as
  a :class:`Review` in the later meeting, never by editing the earlier one. The current state of
  a commitment (status, times carried) is folded from the reviews (see ``meetings.ledger``).
* Text fields have length limits so a pasted novel cannot bloat a file or a screen.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# Text limits, in characters.
NAME_MAX = 120
LINE_MAX = 500
TEXT_MAX = 4000

_SLUG_RE = r"^[a-z0-9][a-z0-9-]{0,62}$"
_GOAL_ID_RE = r"^[a-z0-9][a-z0-9_-]{0,31}$"

def visible(value: object, keep_newlines: bool = False) -> object:
    """Control characters made visible (ESC -> U+241B '␛'), so a name or note can never drive
    the terminal (retitle it, recolour it, write its clipboard) when shown. Tabs become spaces;
    newlines are kept in multi-line text and become spaces elsewhere; C1 controls are dropped."""
    if not isinstance(value, str) or not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in value):
        return value
    out = []
    for ch in value:
        code = ord(ch)
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in "\t\n\r":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code <= 0x9F:
            continue  # C1 controls have no picture and no use in a name or a note
        else:
            out.append(ch)
    return "".join(out)


# The reverse mapping, for outputs that strip escape sequences whole (minutes, reports).
PICTURES_TO_CONTROLS = {0x2400 + code: code for code in range(0x20)} | {0x2421: 0x7F}

_OneLine = BeforeValidator(lambda v: visible(v, keep_newlines=False))
_MultiLine = BeforeValidator(lambda v: visible(v, keep_newlines=True))

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX), _OneLine]
OptName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=NAME_MAX), _OneLine]
Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=LINE_MAX), _OneLine]
ReqLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LINE_MAX), _OneLine]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TEXT_MAX), _MultiLine]
ReqText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX), _MultiLine]
Slug = Annotated[str, StringConstraints(pattern=_SLUG_RE)]
GoalId = Annotated[str, StringConstraints(pattern=_GOAL_ID_RE)]


def _check_email(value: str) -> str:
    # A light check: the facilitator types these, mail clients do the real validation.
    if value and not re.fullmatch(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+", value):
        raise ValueError("not an email address")
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_check_email)]


def new_id() -> str:
    """A fresh stable id for a record."""
    return uuid.uuid4().hex


def slugify(text: str) -> str:
    """A file- and command-friendly slug from a name: 'Founders Circle' -> 'founders-circle'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63].strip("-")
    return slug or "group"


class Record(BaseModel):
    """Base of every record: unknown fields are refused, so a typo in a file is reported."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


# --------------------------------------------------------------------------- enums


class ItemKind(StrEnum):
    """What an agenda item is for; each kind gets its own help on the live screen."""

    ROUND = "round"
    ACCOUNTABILITY = "accountability"
    HOT_SEAT = "hot_seat"
    ASKS_OFFERS = "asks_offers"
    COMMITMENTS = "commitments"
    DISCUSSION = "discussion"
    REVIEW = "review"
    CLOSE = "close"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    @property
    def days(self) -> int:
        return {"weekly": 7, "biweekly": 14, "monthly": 28, "quarterly": 91}[self.value]


class Visibility(StrEnum):
    """Shareable content goes into the minutes; forum-only is kept but never leaves the room."""

    SHAREABLE = "shareable"
    FORUM = "forum"


class Presence(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"


class CommitmentStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    CARRIED = "carried"
    DROPPED = "dropped"


class AskKind(StrEnum):
    INTRODUCTION = "introduction"
    ADVICE = "advice"
    REFERRAL = "referral"
    RESOURCE = "resource"
    SUPPORT = "support"


class AskStatus(StrEnum):
    OPEN = "open"
    MATCHED = "matched"
    INTRODUCED = "introduced"
    FULFILLED = "fulfilled"
    DROPPED = "dropped"


class MeetingStatus(StrEnum):
    LIVE = "live"
    CLOSED = "closed"


class ItemState(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


class NoteKind(StrEnum):
    NOTE = "note"
    DECISION = "decision"


HOT_SEAT_PHASES: tuple[str, ...] = (
    "present",
    "clarifying questions",
    "experience sharing",
    "commitment",
)


# --------------------------------------------------------------------------- group


class Goal(Record):
    """One goal of the group's purpose, and how the group will know it is being met."""

    id: GoalId
    title: Name
    success: Line = ""
    # Agenda kinds that serve this goal by default; used to link template items at setup.
    kinds: list[ItemKind] = Field(default_factory=list, max_length=8)


class Purpose(Record):
    """The written statement of why the group exists, beyond its members."""

    statement: ReqText
    agreed_on: date | None = None
    agreed_by: OptName = ""
    goals: list[Goal] = Field(default_factory=list, max_length=8)

    @field_validator("goals")
    @classmethod
    def _unique_goal_ids(cls, goals: list[Goal]) -> list[Goal]:
        ids = [g.id for g in goals]
        if len(ids) != len(set(ids)):
            raise ValueError("goal ids must be unique")
        return goals

    def goal(self, goal_id: str | None) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


class Member(Record):
    id: str = Field(default_factory=new_id, max_length=64)
    name: Name
    email: Email = ""
    company: OptName = ""
    sector: OptName = ""
    role: OptName = ""
    objectives: Text = ""
    joined: date | None = None
    left: date | None = None

    @property
    def active(self) -> bool:
        return self.left is None

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split() if part).upper()


class Group(Record):
    """A group: who is in it, why it exists, and how it meets."""

    id: str = Field(default_factory=new_id, max_length=64)
    slug: Slug
    name: Name
    cadence: Cadence = Cadence.BIWEEKLY
    meeting_minutes: int = Field(default=90, ge=5, le=600)
    start_time: time = time(18, 0)
    default_template: Slug = "classic-mastermind"
    confidentiality: Visibility = Visibility.SHAREABLE
    hot_seat_protocol: Line = "Share experience, not advice: 'what worked for me was...'"
    purpose: Purpose
    members: list[Member] = Field(default_factory=list, max_length=200)

    @field_validator("members")
    @classmethod
    def _unique_member_ids(cls, members: list[Member]) -> list[Member]:
        ids = [m.id for m in members]
        if len(ids) != len(set(ids)):
            raise ValueError("member ids must be unique")
        return members

    @property
    def active_members(self) -> list[Member]:
        return [m for m in self.members if m.active]

    def member(self, member_id: str | None) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def member_name(self, member_id: str | None) -> str:
        m = self.member(member_id)
        return m.name if m else "someone"


# --------------------------------------------------------------------------- templates


class TemplateItem(Record):
    """One item of an agenda template."""

    title: Name
    kind: ItemKind
    minutes: int = Field(ge=1, le=240)
    guidance: Text = ""
    # For a round: minutes each person gets. None: the item's minutes shared among those present.
    per_person_minutes: float | None = Field(default=None, gt=0, le=60)
    # A goal id of the group, if the template names one; otherwise linked at setup by goal kinds.
    goal: GoalId | None = None
    social_glue: bool = False


class Template(Record):
    """A named agenda: ordered items with kinds and planned minutes."""

    slug: Slug
    name: Name
    description: Text = ""
    items: list[TemplateItem] = Field(min_length=1, max_length=40)

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)


# --------------------------------------------------------------------------- meeting


class Attendance(Record):
    member_id: str = Field(max_length=64)
    presence: Presence = Presence.PRESENT
    substitute: OptName = ""  # who came in the member's place, for Presence.SUBSTITUTE
    # The room changes during a meeting: when a late member walked in, when someone left early.
    arrived_at: datetime | None = None
    left_at: datetime | None = None
    # Joined the group during this meeting (added on the spot from the live screen).
    joined_here: bool = False


class Guest(Record):
    """Someone invited to one meeting. ``came`` False keeps an invitation that was not taken up:
    a group that invites and is not visited learns something different from one that never invites."""

    id: str = Field(default_factory=new_id, max_length=64)
    name: Name
    invited_by: str | None = Field(default=None, max_length=64)  # member id
    email: Email = ""
    first_visit: bool = True
    became_member: bool = False
    came: bool = True


class MeetingItem(Record):
    """An agenda item as run: planned minutes, the time it actually took, and its speakers."""

    id: str = Field(default_factory=new_id, max_length=64)
    title: Name
    kind: ItemKind
    planned_minutes: int = Field(ge=1, le=240)
    guidance: Text = ""
    per_person_minutes: float | None = Field(default=None, gt=0, le=60)
    goal: GoalId | None = None
    social_glue: bool = False
    state: ItemState = ItemState.PENDING
    # Seconds spent on this item in finished run segments (see Meeting.running_since).
    elapsed: float = Field(default=0.0, ge=0)
    # For round and hot_seat: whose turn it is (index into speakers) and the hot-seat phase.
    speakers: list[str] = Field(default_factory=list, max_length=200)  # member ids
    speaker_index: int = Field(default=0, ge=0)
    speaker_started: float = Field(default=0.0, ge=0)  # item elapsed when the speaker began
    phase_index: int = Field(default=0, ge=0)
    topic: Line = ""  # hot-seat challenge or discussion topic

    @property
    def held_by(self) -> list[str]:
        """Who had the floor in this item: its speakers up to the current one, once the item had
        any of the room's time (whatever its state now: an item left for another keeps its time)."""
        if self.elapsed <= 0:
            return []
        return list(dict.fromkeys(self.speakers[: self.speaker_index + 1]))


class Commitment(Record):
    """Something a member says they will do by a date. Reviewed at a later meeting."""

    id: str = Field(default_factory=new_id, max_length=64)
    owner: str = Field(max_length=64)  # member id
    text: ReqLine
    due: date
    goal: GoalId | None = None
    visibility: Visibility = Visibility.SHAREABLE
    item_id: str | None = Field(default=None, max_length=64)
    # State as of a given meeting; folded from reviews by meetings.ledger, "open" when made.
    status: CommitmentStatus = CommitmentStatus.OPEN
    carried: int = Field(default=0, ge=0)


class Ask(Record):
    """A specific request: an introduction to whom, advice on what, a referral for what."""

    id: str = Field(default_factory=new_id, max_length=64)
    owner: str = Field(max_length=64)  # member id
    text: ReqLine
    kind: AskKind = AskKind.SUPPORT
    who_could_help: Line = ""
    goal: GoalId | None = None
    visibility: Visibility = Visibility.SHAREABLE
    item_id: str | None = Field(default=None, max_length=64)
    status: AskStatus = AskStatus.OPEN


class Offer(Record):
    """Someone's answer to an ask. May come with a commitment for the one who offers."""

    id: str = Field(default_factory=new_id, max_length=64)
    ask_id: str = Field(max_length=64)
    by: str = Field(max_length=64)  # member id
    text: ReqLine
    commitment_id: str | None = Field(default=None, max_length=64)
    visibility: Visibility = Visibility.SHAREABLE


class Note(Record):
    """A note or a decision on an agenda item."""

    id: str = Field(default_factory=new_id, max_length=64)
    kind: NoteKind = NoteKind.NOTE
    text: ReqText
    item_id: str | None = Field(default=None, max_length=64)
    visibility: Visibility = Visibility.SHAREABLE


class Review(Record):
    """What became of an earlier meeting's commitment or ask, as reviewed in this meeting."""

    target_id: str = Field(max_length=64)  # a Commitment.id or Ask.id from an earlier meeting
    target: str = Field(pattern=r"^(commitment|ask)$")
    outcome: str = Field(max_length=16)  # a CommitmentStatus or AskStatus value
    note: Line = ""

    @model_validator(mode="after")
    def _outcome_fits_target(self) -> Review:
        allowed = CommitmentStatus if self.target == "commitment" else AskStatus
        if self.outcome not in {s.value for s in allowed}:
            raise ValueError(f"{self.outcome!r} is not a {self.target} outcome")
        return self


class LoggedAction(Record):
    """One action of a live meeting, as the facilitator did it: what (``op``), with what
    (``args``, JSON), and when (``at``, from the injected clock). The first entry of a log is
    ``base``: the meeting as it stood before the first logged action. Replaying the entries
    not ``undone`` over the base gives the meeting; that is how undo works (see meetings.live).
    """

    op: str = Field(max_length=32)
    args: dict[str, Any] = Field(default_factory=dict)
    at: datetime
    undone: bool = False


class Rating(Record):
    member_id: str | None = Field(default=None, max_length=64)
    score: int = Field(ge=1, le=10)


class Meeting(Record):
    """One occurrence of a group's meeting, live or closed. Stored one file per meeting."""

    id: str = Field(default_factory=new_id, max_length=64)
    group: Slug
    number: int = Field(ge=1)
    date: date
    start_time: time = time(18, 0)
    template: Slug
    # Minutes the meeting is planned to last, fixed at setup (the longer of the group's usual
    # length and the template's); 0 in records from before this field: use the group's length.
    length_minutes: int = Field(default=0, ge=0, le=1440)
    status: MeetingStatus = MeetingStatus.LIVE
    attendance: list[Attendance] = Field(default_factory=list, max_length=200)
    guests: list[Guest] = Field(default_factory=list, max_length=100)
    items: list[MeetingItem] = Field(default_factory=list, max_length=60)
    current: int = Field(default=0, ge=0)
    # Wall-clock instant the current run segment began; None while paused or closed.
    # Elapsed time of the current item = item.elapsed + (now - running_since).
    running_since: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    hot_seats: list[str] = Field(default_factory=list, max_length=20)  # member ids
    commitments: list[Commitment] = Field(default_factory=list, max_length=2000)
    asks: list[Ask] = Field(default_factory=list, max_length=2000)
    offers: list[Offer] = Field(default_factory=list, max_length=2000)
    notes: list[Note] = Field(default_factory=list, max_length=2000)
    reviews: list[Review] = Field(default_factory=list, max_length=4000)
    ratings: list[Rating] = Field(default_factory=list, max_length=200)
    plus: list[ReqLine] = Field(default_factory=list, max_length=100)
    delta: list[ReqLine] = Field(default_factory=list, max_length=100)
    goals_served: list[GoalId] = Field(default_factory=list, max_length=8)
    next_date: date | None = None
    next_hot_seats: list[str] = Field(default_factory=list, max_length=20)  # member ids
    # The live meeting's actions, for undo; dropped when the meeting closes (closed is final).
    log: list[LoggedAction] = Field(default_factory=list, max_length=20000)

    @property
    def closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    def presence(self, member_id: str) -> Presence | None:
        for a in self.attendance:
            if a.member_id == member_id:
                return a.presence
        return None

    @property
    def attendees(self) -> list[str]:
        """Member ids of those in the room (present, late, or represented by a substitute)."""
        return [a.member_id for a in self.attendance if a.presence != Presence.ABSENT]

    @property
    def held_hot_seats(self) -> list[str]:
        """Member ids who actually had the floor in a hot seat, in agenda order. A seat picked
        but never reached (the item pending, skipped before it began, or a second presenter the
        facilitator never moved to) is not held: minutes, history, health and rotation count these."""
        held = [m for item in self.items if item.kind == ItemKind.HOT_SEAT for m in item.held_by]
        return list(dict.fromkeys(held))

    @property
    def visitors(self) -> list[Guest]:
        """The guests who came (``guests`` also keeps those invited who did not)."""
        return [g for g in self.guests if g.came]

    @property
    def rating_average(self) -> float | None:
        if not self.ratings:
            return None
        return sum(r.score for r in self.ratings) / len(self.ratings)

    @property
    def planned_minutes(self) -> int:
        return sum(i.planned_minutes for i in self.items)
