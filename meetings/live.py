"""The running meeting: planning it from a template, then every action of the facilitator.

Everything here is headless and pure apart from two injected things: a ``clock`` (so tests
control time) and a ``save`` callable (so every action is on disk before the screen confirms
it). An action builds the next state of the meeting on a copy, saves it, and only then makes it
current; if saving fails, the meeting stays as it was and the error goes to the caller.

Time: the meeting keeps, per item, the seconds of finished run segments (``item.elapsed``) and
the wall-clock instant the current segment began (``meeting.running_since``). Elapsed time is
their sum, so a meeting whose app was killed resumes with the time the room actually spent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from datetime import date, datetime, timedelta

from .clock import Clock, SystemClock
from .ledger import Tracked, fold, still_open
from .models import (
    HOT_SEAT_PHASES,
    Ask,
    AskKind,
    AskStatus,
    Attendance,
    Commitment,
    CommitmentStatus,
    Group,
    Guest,
    LoggedAction,
    Member,
    ItemKind,
    ItemState,
    Meeting,
    MeetingItem,
    MeetingStatus,
    Note,
    NoteKind,
    Offer,
    Presence,
    Rating,
    Review,
    Template,
    Visibility,
)

# Share of a hot seat's time for each phase: present, clarifying questions, experience sharing, commitment.
HOT_SEAT_SPLIT: tuple[float, ...] = (0.25, 0.2, 0.4, 0.15)


class LiveError(Exception):
    """An action that cannot be done now, said plainly (e.g. no item to go back to)."""


# --------------------------------------------------------------------------- planning


def link_goal(item_kind: ItemKind, template_goal: str | None, group: Group) -> str | None:
    """The goal an agenda item serves: the template's own if the group has it, else the first
    goal of the group that lists this kind of item."""
    if template_goal and group.purpose.goal(template_goal):
        return template_goal
    for goal in group.purpose.goals:
        if item_kind in goal.kinds:
            return goal.id
    return None


def next_meeting_date(group: Group, after: date) -> date:
    """The date of the meeting after one held on ``after``, by the group's cadence."""
    return after + timedelta(days=group.cadence.days)


def hot_seat_waits(group: Group, history: Iterable[Meeting]) -> list[tuple[str, int | None]]:
    """Active members with the number of meetings since their last hot seat, longest wait
    first; None means never had one (they come first, in member order)."""
    meetings = sorted(history, key=lambda m: (m.date, m.number))
    last_seat: dict[str, int] = {}
    for index, meeting in enumerate(meetings):
        for member_id in meeting.held_hot_seats:  # a seat picked but never run is no turn taken
            last_seat[member_id] = index
    waits: list[tuple[str, int | None]] = []
    for member in group.active_members:
        seat = last_seat.get(member.id)
        waits.append((member.id, None if seat is None else len(meetings) - 1 - seat))
    order = {m.id: i for i, m in enumerate(group.active_members)}
    waits.sort(key=lambda w: (w[1] is not None, -(w[1] or 0), order[w[0]]))
    return waits


def suggest_hot_seats(group: Group, history: Iterable[Meeting], count: int, present: Iterable[str]) -> list[str]:
    """Who should take the hot seat: those present who have waited longest."""
    here = set(present)
    history = sorted(history, key=lambda m: (m.date, m.number))
    # The previous meeting may have named next hot seats: honour them first.
    named = [m for m in (history[-1].next_hot_seats if history else []) if m in here]
    rest = [member_id for member_id, _ in hot_seat_waits(group, history) if member_id in here and member_id not in named]
    return (named + rest)[:count]


def plan_meeting(
    group: Group,
    template: Template,
    *,
    on: date,
    number: int,
    attendance: list[Attendance],
    guests: list[Guest] | None = None,
    hot_seats: list[str] | None = None,
    goal_links: dict[int, str | None] | None = None,
) -> Meeting:
    """A new meeting, ready to start: the template's items with goals linked and speakers set.

    ``goal_links`` maps an item index to a goal id (or None for social glue), overriding the
    automatic link.
    """
    hot_seats = list(hot_seats or [])
    in_room = [a.member_id for a in attendance if a.presence != Presence.ABSENT]
    seat_items = [i for i, t in enumerate(template.items) if t.kind == ItemKind.HOT_SEAT]
    items: list[MeetingItem] = []
    for index, t in enumerate(template.items):
        goal = link_goal(t.kind, t.goal, group)
        if goal_links and index in goal_links:
            goal = goal_links[index]
            if goal is not None and group.purpose.goal(goal) is None:
                raise LiveError(f"the purpose has no goal {goal!r}")
        speakers: list[str] = []
        if t.kind == ItemKind.ROUND:
            speakers = list(in_room)
        elif t.kind == ItemKind.HOT_SEAT and hot_seats:
            # One hot seat per item when the template has several hot-seat items, else all in one.
            if len(seat_items) > 1:
                position = seat_items.index(index)
                speakers = [hot_seats[position]] if position < len(hot_seats) else []
            else:
                speakers = list(hot_seats)
        items.append(
            MeetingItem(
                title=t.title,
                kind=t.kind,
                planned_minutes=t.minutes,
                guidance=t.guidance,
                per_person_minutes=t.per_person_minutes,
                goal=goal,
                social_glue=t.social_glue or goal is None,
                speakers=speakers,
            )
        )
    return Meeting(
        group=group.slug,
        number=number,
        date=on,
        start_time=group.start_time,
        template=template.slug,
        attendance=attendance,
        guests=list(guests or []),
        items=items,
        hot_seats=hot_seats,
        next_date=next_meeting_date(group, on),
        length_minutes=max(group.meeting_minutes, template.minutes),
    )


# --------------------------------------------------------------------------- pacing


@dataclass(frozen=True)
class Pacing:
    """How the meeting stands against its planned end."""

    over_by: float  # minutes the remaining plan would run past the planned end (negative: slack)
    factor: float  # multiply remaining items' minutes by this to finish on time (1.0 = as planned)
    message: str


# --------------------------------------------------------------------------- actions
#
# Every change of a live meeting is an *action*: an op name, JSON arguments, and the instant it
# happened. ``OPS[op](meeting, args, at)`` changes a meeting in place and reads nothing else (no
# clock, no group, no history): whatever an action needs is computed when it is made and put in
# its arguments (the records with their ids, the goal an added item serves). So the meeting is
# always the same as its base replayed with the actions that were not undone, which is how undo
# works: mark the last action undone, replay the rest from the base with their own instants.

Op = Callable[[Meeting, dict[str, Any], datetime], None]
OPS: dict[str, Op] = {}

# What an action is called when it is undone ("Undone: note").
OP_NAMES: dict[str, str] = {}


def _op(name: str, said: str) -> Callable[[Op], Op]:
    def register(function: Op) -> Op:
        OPS[name] = function
        OP_NAMES[name] = said
        return function

    return register


def _fold(m: Meeting, now: datetime) -> None:
    """Move the running segment's seconds into the current item."""
    if m.running_since is not None and m.items:
        item = m.items[m.current]
        item.elapsed = item.elapsed + max(0.0, (now - m.running_since).total_seconds())
        m.running_since = now


def _move_to(m: Meeting, target: int, now: datetime, leaving: ItemState) -> None:
    _fold(m, now)
    m.items[m.current].state = leaving
    m.current = target
    m.items[target].state = ItemState.CURRENT
    if m.started_at is None:
        m.started_at = now
    if m.running_since is None:
        m.running_since = now


@_op("start", "start of the clock")
def _start(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    if not m.items:
        raise LiveError("the agenda is empty")
    if m.started_at is None:
        m.started_at = now
    if m.items[m.current].state == ItemState.PENDING:
        m.items[m.current].state = ItemState.CURRENT
    if m.running_since is None:
        m.running_since = now


@_op("pause", "pause")
def _pause(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    _fold(m, now)
    m.running_since = None


@_op("extend", "change of the item's minutes")
def _extend(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    it = m.items[m.current]
    it.planned_minutes = max(1, min(240, it.planned_minutes + int(args["minutes"])))


@_op("advance", "move to the next item")
def _advance(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    following = [i for i in range(m.current + 1, len(m.items)) if m.items[i].state == ItemState.PENDING]
    if not following:
        raise LiveError("this is the last item; close the meeting when you are ready")
    _move_to(m, following[0], now, ItemState(args["leaving"]))


@_op("back", "move back")
def _back(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    if m.current == 0:
        raise LiveError("this is the first item")
    _move_to(m, m.current - 1, now, ItemState.PENDING)


@_op("go_to", "jump to an item")
def _go_to(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    index = int(args["index"])
    if not 0 <= index < len(m.items):
        raise LiveError("no such item")
    if index == m.current:
        return
    leaving = m.items[m.current].state
    _move_to(m, index, now, ItemState.PENDING if leaving == ItemState.CURRENT else leaving)


@_op("move", "reorder")
def _move(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    index, target = int(args["index"]), int(args["index"]) + int(args["delta"])
    if not (0 <= index < len(m.items) and 0 <= target < len(m.items)):
        raise LiveError("cannot move that item further")
    # Fold first: the running seconds belong to the item that was current until now.
    _fold(m, now)
    items = list(m.items)
    items[index], items[target] = items[target], items[index]
    current_id = m.items[m.current].id
    place = m.current
    m.items = items
    new_index = next(i for i, it in enumerate(items) if it.id == current_id)
    moved_down = new_index > place and items[new_index].state == ItemState.CURRENT
    if moved_down and items[place].state == ItemState.PENDING:
        # The current item moved down: the facilitator's place stays, and the item moved up
        # into it is what the room does now (the moved one waits, its minutes kept).
        items[new_index].state = ItemState.PENDING
        items[place].state = ItemState.CURRENT
        m.current = place
    else:
        m.current = new_index


@_op("add_item", "added item")
def _add_item(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    item = MeetingItem.model_validate(args["item"])
    m.items = [*m.items[: m.current + 1], item, *m.items[m.current + 1 :]]


@_op("goal", "goal of the item")
def _goal(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    item = m.items[int(args["index"])]
    item.goal = args["goal"]
    item.social_glue = args["goal"] is None


@_op("topic", "topic")
def _topic(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.items[m.current].topic = args["topic"]


@_op("next_speaker", "next speaker")
def _next_speaker(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    _fold(m, now)
    it = m.items[m.current]
    if not it.speakers:
        raise LiveError("this item has no speakers")
    if it.kind == ItemKind.HOT_SEAT and it.phase_index < len(HOT_SEAT_PHASES) - 1:
        it.phase_index += 1
        return
    if it.speaker_index + 1 >= len(it.speakers):
        raise LiveError("that was the last speaker; press n for the next item")
    it.speaker_index += 1
    it.phase_index = 0
    it.speaker_started = it.elapsed


@_op("previous_speaker", "previous speaker")
def _previous_speaker(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    _fold(m, now)
    it = m.items[m.current]
    if not it.speakers:
        raise LiveError("this item has no speakers")
    if it.kind == ItemKind.HOT_SEAT and it.phase_index > 0:
        it.phase_index -= 1
        return
    if it.speaker_index == 0:
        raise LiveError("this is the first speaker")
    it.speaker_index -= 1
    it.phase_index = 0
    it.speaker_started = it.elapsed


@_op("speakers", "change of speakers")
def _speakers(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    index = int(args["index"])
    it = m.items[index]
    if it.state in (ItemState.DONE, ItemState.SKIPPED):
        raise LiveError("that item has been run; its speakers are history")
    members = list(args["members"])
    if index == m.current:
        # Fold first so speaker_started is the item's time now, not at the last fold.
        _fold(m, now)
        # Whoever already had the floor keeps it on record; the new order starts after them.
        spoke = it.speaker_index + (1 if it.elapsed > it.speaker_started else 0)
        done = [s for s in it.speakers[:spoke] if s not in members]
        it.speakers = [*done, *members]
        it.speaker_index = len(done)
        it.phase_index = 0
        it.speaker_started = it.elapsed
    else:
        it.speakers = members
        it.speaker_index = 0
        it.phase_index = 0
        it.speaker_started = 0.0
    if it.kind == ItemKind.HOT_SEAT:
        m.hot_seats = list(dict.fromkeys([*m.hot_seats, *members]))[:20]


@_op("presence", "attendance change")
def _presence(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    member_id, presence = args["member"], Presence(args["presence"])
    row = next((a for a in m.attendance if a.member_id == member_id), None)
    if row is None:
        row = Attendance(member_id=member_id)
        m.attendance.append(row)
    row.presence = presence
    if presence == Presence.LATE:
        row.arrived_at = now
        row.left_at = None
    elif presence == Presence.PRESENT:
        row.left_at = None
    if presence == Presence.ABSENT:
        row.arrived_at = None
        row.left_at = None


@_op("left", "leaving early")
def _left(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    row = next((a for a in m.attendance if a.member_id == args["member"]), None)
    if row is None or row.presence == Presence.ABSENT:
        raise LiveError("only someone in the room can leave early")
    row.left_at = now


@_op("guest", "guest")
def _guest(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.guests.append(Guest.model_validate(args["guest"]))


@_op("join", "new member")
def _join(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.attendance = [a for a in m.attendance if a.member_id != args["member"]]
    m.attendance.append(Attendance(member_id=args["member"], arrived_at=now, joined_here=True))


_RECORD_LISTS = {"commitment": ("commitments", Commitment), "ask": ("asks", Ask), "offer": ("offers", Offer), "note": ("notes", Note)}


@_op("record", "capture")
def _record(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    for kind, data in args["records"]:
        name, model = _RECORD_LISTS[kind]
        getattr(m, name).append(model.model_validate(data))


_LISTS = ("commitments", "asks", "offers", "notes")


@_op("edit", "edit")
def _edit(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    for name in _LISTS:
        records = getattr(m, name)
        for index, record in enumerate(records):
            if record.id == args["id"]:
                records[index] = type(record).model_validate({**record.model_dump(), **args["changes"]})
                return
    raise LiveError("nothing with that id in this meeting")


@_op("delete", "deletion")
def _delete(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    record_id = args["id"]
    found = False
    for name in _LISTS:
        kept = [r for r in getattr(m, name) if r.id != record_id]
        found = found or len(kept) != len(getattr(m, name))
        setattr(m, name, kept)
    if not found:
        raise LiveError("nothing with that id in this meeting")
    m.offers = [o for o in m.offers if o.ask_id != record_id]


@_op("review", "accountability mark")
def _review(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    target, target_id, outcome = args["target"], args["target_id"], args["outcome"]
    m.reviews = [r for r in m.reviews if r.target_id != target_id]
    if not (target == "commitment" and outcome == CommitmentStatus.OPEN):
        m.reviews.append(Review(target_id=target_id, target=target, outcome=outcome, note=args.get("note", "")))


@_op("rate", "ratings")
def _rate(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    for member_id, score in args["scores"]:
        if member_id is not None:
            m.ratings = [r for r in m.ratings if r.member_id != member_id]
        m.ratings.append(Rating(member_id=member_id, score=score))


@_op("plus", "plus")
def _plus(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.plus.append(args["text"])


@_op("delta", "delta")
def _delta(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.delta.append(args["text"])


@_op("goals_served", "goals served")
def _goals_served(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.goals_served = list(args["goals"])


@_op("next_meeting", "next meeting")
def _next_meeting(m: Meeting, args: dict[str, Any], now: datetime) -> None:
    m.next_date = date.fromisoformat(args["date"]) if args["date"] else None
    m.next_hot_seats = list(args["hot_seats"])


def replay(log: list[LoggedAction]) -> Meeting:
    """The meeting its log describes: the base with every action not undone, at its own instant."""
    if not log or log[0].op != "base":
        raise LiveError("this meeting has no history of actions to replay")
    meeting = Meeting.model_validate(log[0].args)
    for action in log[1:]:
        if not action.undone:
            OPS[action.op](meeting, action.args, action.at)
    replayed = Meeting.model_validate(meeting.model_dump(exclude={"log"}))
    replayed.__dict__["log"] = list(log)
    return replayed


# Undo reaches back at least this many actions. Older ones are folded into the base, a few at a
# time, so the file (rewritten on every action) stays the same size in a meeting's third hour.
UNDO_DEPTH = 50
_FOLD_STEP = 10


def _compacted(log: list[LoggedAction]) -> list[LoggedAction]:
    """The log with its oldest actions folded into the base once it holds more than
    UNDO_DEPTH + _FOLD_STEP of them (replaying it gives the same meeting)."""
    if len(log) - 1 <= UNDO_DEPTH + _FOLD_STEP:
        return log
    head = log[: _FOLD_STEP + 1]
    base = replay(head).model_dump(mode="json", exclude={"log"})
    return [LoggedAction(op="base", args=base, at=head[-1].at), *log[_FOLD_STEP + 1 :]]


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json")


# --------------------------------------------------------------------------- the live meeting

class LiveMeeting:
    """A meeting being run. Every method that changes something saves before it returns."""

    def __init__(
        self,
        meeting: Meeting,
        group: Group,
        history: list[Meeting],
        *,
        save: Callable[[Meeting], None],
        clock: Clock | None = None,
        save_group: Callable[[Group], None] | None = None,
    ):
        self.meeting = meeting
        self.group = group
        self.history = sorted(history, key=lambda m: (m.date, m.number))
        self._save = save
        self._save_group = save_group
        self.clock = clock or SystemClock()
        self._earlier_fold: tuple[dict[str, Tracked], dict[str, Tracked]] | None = None

    # ------------------------------------------------------------------ the core of every action

    def _do(self, op: str, **args: Any) -> Meeting:
        """Apply one action to a copy, log it, save it, then make it current: never a state the
        disk has not seen. A refused action (LiveError) or a failed save changes nothing."""
        m = self.meeting
        if m.closed:
            raise LiveError("this meeting is closed")
        now = self.clock.now()
        # The log is not copied deeply (its entries never change in place): a long meeting's
        # actions would otherwise cost more and more.
        draft = m.model_copy(update={"log": []}).model_copy(deep=True)
        OPS[op](draft, args, now)
        # The base: the meeting as it stood before its first logged action.
        log = list(m.log) or [LoggedAction(op="base", args=m.model_dump(mode="json", exclude={"log"}), at=now)]
        log.append(LoggedAction(op=op, args=args, at=now))
        return self._commit(draft, _compacted(log))

    def _commit(self, draft: Meeting, log: list[LoggedAction]) -> Meeting:
        # Re-validate the whole record (appends to lists are not checked by validate_assignment),
        # but the log's entries only when new: the older ones were checked when they were made.
        checked = Meeting.model_validate(draft.model_dump(exclude={"log"}))
        checked.__dict__["log"] = log
        self._save(checked)
        self.meeting = checked
        return checked

    def undoable(self) -> LoggedAction | None:
        """The action undo would take back, or None."""
        for action in reversed(self.meeting.log):
            if action.op != "base" and not action.undone:
                return action
        return None

    def undo(self) -> str:
        """Take back the last action not yet undone (captures, marks, moves, attendance...):
        the meeting becomes its base replayed without it, and that is saved before it shows.
        Returns what was undone, in words. Time keeps counting: the clock is the room's."""
        if self.meeting.closed:
            raise LiveError("this meeting is closed")
        target = self.undoable()
        if target is None:
            raise LiveError("nothing to undo")
        log = list(self.meeting.log)
        index = len(log) - 1 - log[::-1].index(target)
        log[index] = target.model_copy(update={"undone": True})
        self._commit(replay(log), log)
        if target.op == "join":
            self._forget_member_if_unused(target.args["member"])
        return OP_NAMES.get(target.op, target.op)

    def _forget_member_if_unused(self, member_id: str) -> None:
        # A member added on the spot and taken back: gone from the group too, unless they were
        # already part of another meeting's record.
        member = self.group.member(member_id)
        if member is None or self._save_group is None:
            return
        if any(member_id in m.attendees for m in self.history):
            return
        group = self.group.model_copy(update={"members": [x for x in self.group.members if x.id != member_id]})
        self._save_group(group)
        self.group = group

    # ------------------------------------------------------------------ reading the clock

    @property
    def item(self) -> MeetingItem | None:
        m = self.meeting
        return m.items[m.current] if m.items and m.current < len(m.items) else None

    @property
    def running(self) -> bool:
        return self.meeting.running_since is not None

    def _segment(self) -> float:
        since = self.meeting.running_since
        if since is None:
            return 0.0
        return max(0.0, (self.clock.now() - since).total_seconds())

    def item_elapsed(self, index: int | None = None) -> float:
        """Seconds spent on an item (the current one by default), the running segment included."""
        m = self.meeting
        index = m.current if index is None else index
        if not m.items:
            return 0.0
        seconds = m.items[index].elapsed
        if index == m.current:
            seconds += self._segment()
        return seconds

    def meeting_elapsed(self) -> float:
        """Seconds spent on the agenda so far."""
        return sum(i.elapsed for i in self.meeting.items) + self._segment()

    def item_remaining(self) -> float:
        item = self.item
        return 0.0 if item is None else item.planned_minutes * 60 - self.item_elapsed()

    def last_action_at(self) -> datetime | None:
        """When the facilitator last did something (for "resumed: N s passed")."""
        log = self.meeting.log
        return log[-1].at if log else self.meeting.started_at

    # ------------------------------------------------------------------ speakers and phases

    def speaker(self) -> str | None:
        """Member id of whoever has the floor in a round or hot seat."""
        item = self.item
        if item is None or not item.speakers or item.speaker_index >= len(item.speakers):
            return None
        return item.speakers[item.speaker_index]

    def speaker_budget(self) -> float:
        """Seconds each speaker gets in the current item."""
        item = self.item
        if item is None or not item.speakers:
            return 0.0
        if item.per_person_minutes:
            return item.per_person_minutes * 60
        return item.planned_minutes * 60 / len(item.speakers)

    def speaker_elapsed(self) -> float:
        item = self.item
        return 0.0 if item is None else max(0.0, self.item_elapsed() - item.speaker_started)

    def phase(self) -> str | None:
        item = self.item
        if item is None or item.kind != ItemKind.HOT_SEAT:
            return None
        return HOT_SEAT_PHASES[min(item.phase_index, len(HOT_SEAT_PHASES) - 1)]

    def phase_budget(self) -> float:
        item = self.item
        if item is None or item.kind != ItemKind.HOT_SEAT:
            return 0.0
        per_seat = self.speaker_budget() or item.planned_minutes * 60
        return per_seat * HOT_SEAT_SPLIT[min(item.phase_index, len(HOT_SEAT_SPLIT) - 1)]

    def phase_elapsed(self) -> float:
        """Seconds into the current hot-seat phase, counted from the seat's start by the split
        (phases are moved by hand, so this is the seat's time past the earlier phases' share)."""
        item = self.item
        if item is None or item.kind != ItemKind.HOT_SEAT:
            return 0.0
        per_seat = self.speaker_budget() or item.planned_minutes * 60
        before = sum(HOT_SEAT_SPLIT[: min(item.phase_index, len(HOT_SEAT_SPLIT))]) * per_seat
        return max(0.0, self.speaker_elapsed() - before)

    def next_speaker(self) -> Meeting:
        """Give the floor to the next person (in a hot seat: the next phase, then the next seat)."""
        if self.item is None or not self.item.speakers:
            raise LiveError("this item has no speakers")
        return self._do("next_speaker")

    def previous_speaker(self) -> Meeting:
        if self.item is None or not self.item.speakers:
            raise LiveError("this item has no speakers")
        return self._do("previous_speaker")

    def set_speakers(self, member_ids: list[str]) -> Meeting:
        """Set who speaks in the current item, in order (e.g. the hot seats chosen on the day)."""
        return self.set_seat(self.meeting.current, member_ids)

    def set_seat(self, index: int, member_ids: list[str]) -> Meeting:
        """Pick, swap or take off the presenters (or speakers) of an item not yet run. On the
        current item, whoever already had the floor stays on record and the new order follows."""
        for member_id in member_ids:
            self._check_member(member_id)
        if not 0 <= index < len(self.meeting.items):
            raise LiveError("no such item")
        return self._do("speakers", index=index, members=list(dict.fromkeys(member_ids)))

    def seat_items(self) -> list[int]:
        """Indexes of hot-seat items whose presenter can still change (current or not yet run)."""
        return [
            i for i, it in enumerate(self.meeting.items)
            if it.kind == ItemKind.HOT_SEAT and it.state in (ItemState.PENDING, ItemState.CURRENT)
        ]

    # ------------------------------------------------------------------ the agenda

    def start(self) -> Meeting:
        """Start (or restart after a pause) the clock on the current item."""
        if not self.meeting.items:
            raise LiveError("the agenda is empty")
        return self._do("start")

    def pause(self) -> Meeting:
        return self._do("pause")

    def toggle_pause(self) -> Meeting:
        return self.pause() if self.running else self.start()

    def extend(self, minutes: int = 5) -> Meeting:
        """Give the current item more minutes (negative to shorten, never below one)."""
        return self._do("extend", minutes=minutes)

    def next_item(self) -> Meeting:
        """Finish the current item and move to the next one not yet done."""
        return self._do("advance", leaving=ItemState.DONE.value)

    def skip(self) -> Meeting:
        """Skip the current item (kept on the agenda as skipped) and move on."""
        return self._do("advance", leaving=ItemState.SKIPPED.value)

    def back(self) -> Meeting:
        """Go back to the previous item; its time keeps counting from where it stopped."""
        return self._do("back")

    def go_to(self, index: int) -> Meeting:
        """Jump to an item; the one left goes back to pending unless it is done."""
        if not 0 <= index < len(self.meeting.items):
            raise LiveError("no such item")
        return self._do("go_to", index=index)

    def move_item(self, index: int, delta: int) -> Meeting:
        """Reorder: move an item up (delta -1) or down (+1). The facilitator's place never moves
        silently: moving the current item down makes the item now before it current."""
        return self._do("move", index=index, delta=delta)

    def add_item(self, title: str, kind: ItemKind, minutes: int, guidance: str = "") -> Meeting:
        """Add an item right after the current one."""
        item = MeetingItem(
            title=title,
            kind=kind,
            planned_minutes=minutes,
            guidance=guidance,
            goal=link_goal(kind, None, self.group),
            speakers=list(self.meeting.attendees) if kind == ItemKind.ROUND else [],
        )
        item.social_glue = item.goal is None
        return self._do("add_item", item=_dump(item))

    def set_goal(self, index: int, goal: str | None) -> Meeting:
        """Link an item to a goal of the purpose, or to none (social glue)."""
        if goal is not None and self.group.purpose.goal(goal) is None:
            raise LiveError(f"the purpose has no goal {goal!r}")
        if not 0 <= index < len(self.meeting.items):
            raise LiveError("no such item")
        return self._do("goal", index=index, goal=goal)

    def set_topic(self, topic: str) -> Meeting:
        return self._do("topic", topic=topic)

    def length_minutes(self) -> int:
        """Planned length of the meeting, fixed at setup (so extending an item shows as over)."""
        return self.meeting.length_minutes or self.group.meeting_minutes

    def pacing(self) -> Pacing:
        """How to finish on time with what is left: every item not yet run counts, wherever it
        stands in the agenda (an item moved above the current one, or left after going back)."""
        m = self.meeting
        # The group's length, not the (extendable) plan: extending an item must show as running over.
        budget = self.length_minutes() * 60
        elapsed = self.meeting_elapsed()
        current_left = max(0.0, self.item_remaining())
        # At the close, what was jumped over is left behind: only what follows the close counts.
        at_close = m.items[m.current].kind == ItemKind.CLOSE if m.items else False
        later = sum(
            max(0.0, it.planned_minutes * 60 - it.elapsed)
            for i, it in enumerate(m.items)
            if i != m.current and it.state == ItemState.PENDING and (i > m.current or not at_close)
        )
        left_plan = current_left + later
        time_left = budget - elapsed
        over = (left_plan - time_left) / 60
        if left_plan <= 0:
            return Pacing(over, 1.0, "Nothing left on the agenda but the close.")
        factor = max(0.0, time_left) / left_plan
        if over <= 0.5:
            slack = -over
            message = "On time." if slack < 1 else f"On time, {slack:.0f} min to spare."
        elif time_left <= 0:
            message = f"Past the planned end by {-time_left / 60:.0f} min: agree a new end time, or close now."
        else:
            message = f"{over:.0f} min over: give the remaining items {factor:.0%} of their time, or skip one."
        return Pacing(over, factor, message)

    # ------------------------------------------------------------------ the room

    def set_presence(self, member_id: str, presence: Presence) -> Meeting:
        """Mark someone late (arrived now), present, or absent after all."""
        self._check_member(member_id)
        return self._do("presence", member=member_id, presence=Presence(presence).value)

    def mark_left(self, member_id: str) -> Meeting:
        """Someone leaves early: they stay on the attendance, with the time they left."""
        self._check_member(member_id)
        return self._do("left", member=member_id)

    def add_guest(self, guest: Guest) -> Meeting:
        """A guest walks in (or one invited is recorded), with who invited them."""
        if guest.invited_by is not None:
            self._check_member(guest.invited_by)
        return self._do("guest", guest=_dump(guest))

    def add_member(self, member: Member) -> Meeting:
        """Someone joins the group on the spot: into the group (saved first) and into the room."""
        if self._save_group is None:
            raise LiveError("new members cannot be added here")
        folded = " ".join(member.name.casefold().split())
        if any(" ".join(x.name.casefold().split()) == folded for x in self.group.active_members):
            raise LiveError(f"{member.name} is already a member")
        group = Group.model_validate({**self.group.model_dump(), "members": [*self.group.model_dump()["members"], member.model_dump()]})
        self._save_group(group)
        self.group = group
        return self._do("join", member=member.id)

    # ------------------------------------------------------------------ capture

    def _item_id(self) -> str | None:
        item = self.item
        return item.id if item else None

    def _visibility(self, visibility: Visibility | None) -> Visibility:
        return visibility or self.group.confidentiality

    def _check_member(self, member_id: str) -> None:
        if self.group.member(member_id) is None:
            raise LiveError("unknown member")

    def _record(self, *records: Commitment | Ask | Offer | Note) -> None:
        kinds = {Commitment: "commitment", Ask: "ask", Offer: "offer", Note: "note"}
        self._do("record", records=[[kinds[type(r)], _dump(r)] for r in records])

    def _commitment(self, owner: str, text: str, due: date | None, goal: str | None, visibility: Visibility | None) -> Commitment:
        self._check_member(owner)
        item = self.item
        return Commitment(
            owner=owner,
            text=text,
            due=due or self.meeting.next_date or next_meeting_date(self.group, self.meeting.date),
            goal=goal if goal is not None else (item.goal if item else None),
            visibility=self._visibility(visibility),
            item_id=self._item_id(),
        )

    def add_commitment(
        self,
        owner: str,
        text: str,
        due: date | None = None,
        goal: str | None = None,
        visibility: Visibility | None = None,
    ) -> Commitment:
        """A member commits to something, due by default at the next meeting."""
        commitment = self._commitment(owner, text, due, goal, visibility)
        self._record(commitment)
        return commitment

    def _ask(self, owner: str, text: str, kind: AskKind, who_could_help: str, visibility: Visibility | None) -> Ask:
        self._check_member(owner)
        item = self.item
        return Ask(
            owner=owner,
            text=text,
            kind=kind,
            who_could_help=who_could_help,
            goal=item.goal if item else None,
            visibility=self._visibility(visibility),
            item_id=self._item_id(),
        )

    def add_ask(
        self,
        owner: str,
        text: str,
        kind: AskKind = AskKind.SUPPORT,
        who_could_help: str = "",
        visibility: Visibility | None = None,
    ) -> Ask:
        ask = self._ask(owner, text, kind, who_could_help, visibility)
        self._record(ask)
        return ask

    def open_asks(self) -> list[Ask]:
        """Asks an offer can answer: still open or matched, from earlier meetings and this one."""
        # The closed history is replayed once per meeting (it cannot change while this one
        # runs); only this meeting's reviews, asks and offers are applied on top, as fold would.
        asks: dict[str, Ask] = {aid: t.record for aid, t in self._earlier()[1].items()}  # type: ignore[misc]
        m = self.meeting
        for review in m.reviews:
            if review.target == "ask" and review.target_id in asks:
                asks[review.target_id] = asks[review.target_id].model_copy(update={"status": AskStatus(review.outcome)})
        for ask in m.asks:
            asks[ask.id] = ask
        for offer in m.offers:
            ask = asks.get(offer.ask_id)
            if ask is not None and ask.status == AskStatus.OPEN:
                asks[offer.ask_id] = ask.model_copy(update={"status": AskStatus.MATCHED})
        return [a for a in asks.values() if a.status in (AskStatus.OPEN, AskStatus.MATCHED)]

    def _earlier(self) -> tuple[dict[str, Tracked], dict[str, Tracked]]:
        """fold() of the closed history, computed once."""
        if self._earlier_fold is None:
            self._earlier_fold = fold(self.history)
        return self._earlier_fold

    def _offer(self, ask_id: str, by: str, text: str, visibility: Visibility | None, commit: bool,
               open_asks: list[Ask] | None = None) -> tuple[Offer, Commitment | None]:
        self._check_member(by)
        ask = next((a for a in (open_asks if open_asks is not None else self.open_asks()) if a.id == ask_id), None)
        if ask is None:
            raise LiveError("that ask is not open")
        commitment = None
        if commit:
            owner = self.group.member_name(ask.owner)
            commitment = Commitment(
                owner=by,
                text=f"follow up with {owner}: {text}"[:500],
                due=self.meeting.next_date or next_meeting_date(self.group, self.meeting.date),
                goal=ask.goal,
                visibility=self._visibility(visibility),
                item_id=self._item_id(),
            )
        offer = Offer(
            ask_id=ask_id,
            by=by,
            text=text,
            commitment_id=commitment.id if commitment else None,
            visibility=self._visibility(visibility),
        )
        return offer, commitment

    def add_offer(self, ask_id: str, by: str, text: str, visibility: Visibility | None = None, commit: bool = False) -> Offer:
        """Someone answers an ask; with ``commit`` the offer also becomes their commitment."""
        offer, commitment = self._offer(ask_id, by, text, visibility, commit)
        self._record(offer, *([commitment] if commitment else []))
        return offer

    def add_note(self, text: str, kind: NoteKind = NoteKind.NOTE, visibility: Visibility | None = None) -> Note:
        note = Note(kind=kind, text=text, item_id=self._item_id(), visibility=self._visibility(visibility))
        self._record(note)
        return note

    def _captured_record(self, captured: object, open_asks: list[Ask] | None = None) -> list[Commitment | Ask | Offer | Note]:
        from . import capture

        if isinstance(captured, capture.CapturedCommitment):
            return [self._commitment(captured.owner, captured.text, captured.due, None, captured.visibility)]
        if isinstance(captured, capture.CapturedAsk):
            return [self._ask(captured.owner, captured.text, captured.kind, captured.who_could_help, captured.visibility)]
        if isinstance(captured, capture.CapturedOffer):
            return [self._offer(captured.ask_id, captured.by, captured.text, captured.visibility, False, open_asks)[0]]
        if isinstance(captured, capture.CapturedNote):
            return [Note(kind=captured.kind, text=captured.text, item_id=self._item_id(), visibility=self._visibility(captured.visibility))]
        raise LiveError("nothing to record")

    def apply_captured(self, captured: object) -> object:
        """Record what the quick-capture line parsed (see meetings.capture)."""
        record = self._captured_record(captured)[0]
        self._record(record)
        return record

    def apply_captured_lines(self, captured: list[object]) -> list[object]:
        """Record several parsed lines (a multi-line paste) as one action: all or none, and one
        undo takes them all back."""
        records: list[Commitment | Ask | Offer | Note] = []
        for one in captured:
            records += self._captured_record(one)
        if records:
            self._record(*records)
        return list(records)

    _LISTS = _LISTS

    def find(self, record_id: str) -> Commitment | Ask | Offer | Note | None:
        for name in self._LISTS:
            for record in getattr(self.meeting, name):
                if record.id == record_id:
                    return record
        return None

    def edit(self, record_id: str, **changes: object) -> Meeting:
        """Change fields of a commitment, ask, offer or note captured in this meeting."""
        for field in ("owner", "by"):
            if field in changes:
                self._check_member(str(changes[field]))
        record = self.find(record_id)
        if record is None:
            raise LiveError("nothing with that id in this meeting")
        # Validated now, so a bad change is refused before it is logged; stored as JSON.
        changed = type(record).model_validate({**record.model_dump(), **changes}).model_dump(mode="json")
        return self._do("edit", id=record_id, changes={k: changed[k] for k in changes})

    def delete(self, record_id: str) -> Meeting:
        """Delete something captured in this meeting (offers on a deleted ask go with it)."""
        return self._do("delete", id=record_id)

    # ------------------------------------------------------------------ accountability

    def open_items(self) -> tuple[list[Tracked], list[Tracked]]:
        """Commitments and asks from earlier meetings to review now, by member."""
        commitments, asks = still_open(*self._earlier())
        order = {m.id: i for i, m in enumerate(self.group.members)}
        key = lambda t: (order.get(t.record.owner, 10**6), t.meeting.date)  # noqa: E731
        return sorted(commitments, key=key), sorted(asks, key=key)

    def review_outcome(self, target_id: str) -> str | None:
        """The outcome given in this meeting to an earlier commitment or ask, if any."""
        for review in self.meeting.reviews:
            if review.target_id == target_id:
                return review.outcome
        return None

    def unreviewed(self) -> tuple[int, int]:
        """Earlier commitments and asks still open that this meeting has not marked."""
        commitments, asks = self.open_items()
        marked = {r.target_id for r in self.meeting.reviews}
        return (sum(1 for t in commitments if t.record.id not in marked), sum(1 for t in asks if t.record.id not in marked))

    def review(self, target: str, target_id: str, outcome: CommitmentStatus | AskStatus | str, note: str = "") -> Meeting:
        """Mark an earlier commitment (done/partial/missed/carried/dropped) or ask; a second
        mark replaces the first. ``outcome`` "open" on a commitment clears the mark."""
        outcome = str(getattr(outcome, "value", outcome))
        # Checked now, so a bad mark is refused before it is logged ("open" on a commitment
        # clears the mark: no Review is kept, so any valid outcome stands in for the check).
        Review(target_id=target_id, target=target, outcome=outcome if outcome != "open" or target == "ask" else "done", note=note)
        return self._do("review", target=target, target_id=target_id, outcome=outcome, note=note)

    # ------------------------------------------------------------------ close

    def rate(self, member_id: str | None, score: int) -> Meeting:
        """One rating a person (a member's second rating replaces the first)."""
        return self.rate_many([(member_id, score)])

    def rate_many(self, scores: list[tuple[str | None, int]]) -> Meeting:
        """Ratings typed together, saved as one action."""
        for member_id, score in scores:
            if member_id is not None:
                self._check_member(member_id)
            Rating(member_id=member_id, score=score)
        return self._do("rate", scores=[[member_id, score] for member_id, score in scores])

    def add_plus(self, text: str) -> Meeting:
        return self._do("plus", text=text)

    def add_delta(self, text: str) -> Meeting:
        return self._do("delta", text=text)

    def set_goals_served(self, goals: list[str]) -> Meeting:
        unknown = [g for g in goals if self.group.purpose.goal(g) is None]
        if unknown:
            raise LiveError(f"the purpose has no goal {unknown[0]!r}")
        return self._do("goals_served", goals=list(dict.fromkeys(goals)))

    def set_next(self, next_date: date | None, hot_seats: list[str]) -> Meeting:
        if next_date is not None and next_date <= self.meeting.date:
            raise LiveError("the next meeting must be after this one")
        for member_id in hot_seats:
            self._check_member(member_id)
        return self._do("next_meeting", date=next_date.isoformat() if next_date else None, hot_seats=list(dict.fromkeys(hot_seats)))

    def close(self) -> Meeting:
        """End the meeting: stop the clock, mark the current item done, and seal the record.
        The undo log goes: a closed meeting is final (corrections are amendments)."""
        if self.meeting.closed:
            raise LiveError("this meeting is closed")
        now = self.clock.now()
        m = self.meeting.model_copy(deep=True)
        _fold(m, now)
        m.running_since = None
        if m.items and m.items[m.current].state == ItemState.CURRENT:
            m.items[m.current].state = ItemState.DONE
        if not m.goals_served:
            # Default: the goals that the items actually run were linked to.
            m.goals_served = list(dict.fromkeys(it.goal for it in m.items if it.goal and it.state == ItemState.DONE))
        m.ended_at = now
        m.status = MeetingStatus.CLOSED
        return self._commit(m, [])
