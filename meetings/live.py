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
        for member_id in meeting.hot_seats:
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
    ):
        self.meeting = meeting
        self.group = group
        self.history = sorted(history, key=lambda m: (m.date, m.number))
        self._save = save
        self.clock = clock or SystemClock()
        self._earlier_fold: tuple[dict[str, Tracked], dict[str, Tracked]] | None = None

    # ------------------------------------------------------------------ the core of every action

    def _apply(self, change: Callable[[Meeting], None]) -> Meeting:
        """Change a copy, save it, then make it current: never a state the disk has not seen."""
        if self.meeting.closed:
            raise LiveError("this meeting is closed")
        draft = self.meeting.model_copy(deep=True)
        change(draft)
        # Re-validate the whole record: appends to lists are not checked by validate_assignment.
        draft = Meeting.model_validate(draft.model_dump())
        self._save(draft)
        self.meeting = draft
        return draft

    def _fold_running(self, m: Meeting, now: datetime) -> None:
        """Move the running segment's seconds into the current item."""
        if m.running_since is not None and m.items:
            item = m.items[m.current]
            item.elapsed = item.elapsed + max(0.0, (now - m.running_since).total_seconds())
            m.running_since = now

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

    def next_speaker(self) -> Meeting:
        """Give the floor to the next person (in a hot seat: the next phase, then the next seat)."""
        item = self.item
        if item is None or not item.speakers:
            raise LiveError("this item has no speakers")
        now = self.clock.now()

        def change(m: Meeting) -> None:
            self._fold_running(m, now)
            it = m.items[m.current]
            if it.kind == ItemKind.HOT_SEAT and it.phase_index < len(HOT_SEAT_PHASES) - 1:
                it.phase_index += 1
                return
            if it.speaker_index + 1 >= len(it.speakers):
                raise LiveError("that was the last speaker; press n for the next item")
            it.speaker_index += 1
            it.phase_index = 0
            it.speaker_started = it.elapsed

        return self._apply(change)

    def previous_speaker(self) -> Meeting:
        item = self.item
        if item is None or not item.speakers:
            raise LiveError("this item has no speakers")
        now = self.clock.now()

        def change(m: Meeting) -> None:
            self._fold_running(m, now)
            it = m.items[m.current]
            if it.kind == ItemKind.HOT_SEAT and it.phase_index > 0:
                it.phase_index -= 1
                return
            if it.speaker_index == 0:
                raise LiveError("this is the first speaker")
            it.speaker_index -= 1
            it.phase_index = 0
            it.speaker_started = it.elapsed

        return self._apply(change)

    def set_speakers(self, member_ids: list[str]) -> Meeting:
        """Set who speaks in the current item, in order (e.g. the hot seats chosen on the day)."""
        unknown = [i for i in member_ids if self.group.member(i) is None]
        if unknown:
            raise LiveError("unknown member")
        now = self.clock.now()

        def change(m: Meeting) -> None:
            # Fold first so speaker_started is the item's time now, not at the last fold.
            self._fold_running(m, now)
            it = m.items[m.current]
            it.speakers = list(member_ids)
            it.speaker_index = 0
            it.phase_index = 0
            it.speaker_started = it.elapsed
            if it.kind == ItemKind.HOT_SEAT:
                m.hot_seats = list(dict.fromkeys([*m.hot_seats, *member_ids]))

        return self._apply(change)

    # ------------------------------------------------------------------ the agenda

    def start(self) -> Meeting:
        """Start (or restart after a pause) the clock on the current item."""
        now = self.clock.now()

        def change(m: Meeting) -> None:
            if not m.items:
                raise LiveError("the agenda is empty")
            if m.started_at is None:
                m.started_at = now
            if m.items[m.current].state == ItemState.PENDING:
                m.items[m.current].state = ItemState.CURRENT
            if m.running_since is None:
                m.running_since = now

        return self._apply(change)

    def pause(self) -> Meeting:
        now = self.clock.now()

        def change(m: Meeting) -> None:
            self._fold_running(m, now)
            m.running_since = None

        return self._apply(change)

    def toggle_pause(self) -> Meeting:
        return self.pause() if self.running else self.start()

    def extend(self, minutes: int = 5) -> Meeting:
        """Give the current item more minutes (negative to shorten, never below one)."""

        def change(m: Meeting) -> None:
            it = m.items[m.current]
            it.planned_minutes = max(1, min(240, it.planned_minutes + minutes))

        return self._apply(change)

    def _move_to(self, m: Meeting, target: int, now: datetime, leaving: ItemState) -> None:
        self._fold_running(m, now)
        m.items[m.current].state = leaving
        m.current = target
        m.items[target].state = ItemState.CURRENT
        if m.started_at is None:
            m.started_at = now
        if m.running_since is None:
            m.running_since = now

    def next_item(self) -> Meeting:
        """Finish the current item and move to the next one not yet done."""
        return self._advance(ItemState.DONE)

    def skip(self) -> Meeting:
        """Skip the current item (kept on the agenda as skipped) and move on."""
        return self._advance(ItemState.SKIPPED)

    def _advance(self, leaving: ItemState) -> Meeting:
        now = self.clock.now()

        def change(m: Meeting) -> None:
            following = [i for i in range(m.current + 1, len(m.items)) if m.items[i].state == ItemState.PENDING]
            if not following:
                raise LiveError("this is the last item; close the meeting when you are ready")
            self._move_to(m, following[0], now, leaving)

        return self._apply(change)

    def back(self) -> Meeting:
        """Go back to the previous item; its time keeps counting from where it stopped."""
        now = self.clock.now()

        def change(m: Meeting) -> None:
            if m.current == 0:
                raise LiveError("this is the first item")
            self._move_to(m, m.current - 1, now, ItemState.PENDING)

        return self._apply(change)

    def go_to(self, index: int) -> Meeting:
        """Jump to an item; the one left goes back to pending unless it is done."""
        now = self.clock.now()

        def change(m: Meeting) -> None:
            if not 0 <= index < len(m.items):
                raise LiveError("no such item")
            if index == m.current:
                return
            leaving = m.items[m.current].state
            leaving = ItemState.PENDING if leaving == ItemState.CURRENT else leaving
            self._move_to(m, index, now, leaving)

        return self._apply(change)

    def move_item(self, index: int, delta: int) -> Meeting:
        """Reorder: move an item up (delta -1) or down (+1); the current item stays current."""

        def change(m: Meeting) -> None:
            target = index + delta
            if not (0 <= index < len(m.items) and 0 <= target < len(m.items)):
                raise LiveError("cannot move that item further")
            current_id = m.items[m.current].id
            items = list(m.items)
            items[index], items[target] = items[target], items[index]
            m.items = items
            m.current = next(i for i, it in enumerate(items) if it.id == current_id)

        return self._apply(change)

    def add_item(self, title: str, kind: ItemKind, minutes: int, guidance: str = "") -> Meeting:
        """Add an item right after the current one."""

        def change(m: Meeting) -> None:
            speakers = list(m.attendees) if kind == ItemKind.ROUND else []
            item = MeetingItem(
                title=title,
                kind=kind,
                planned_minutes=minutes,
                guidance=guidance,
                goal=link_goal(kind, None, self.group),
                speakers=speakers,
            )
            item.social_glue = item.goal is None
            m.items = [*m.items[: m.current + 1], item, *m.items[m.current + 1 :]]

        return self._apply(change)

    def set_goal(self, index: int, goal: str | None) -> Meeting:
        """Link an item to a goal of the purpose, or to none (social glue)."""
        if goal is not None and self.group.purpose.goal(goal) is None:
            raise LiveError(f"the purpose has no goal {goal!r}")
        if not 0 <= index < len(self.meeting.items):
            raise LiveError("no such item")

        def change(m: Meeting) -> None:
            m.items[index].goal = goal
            m.items[index].social_glue = goal is None

        return self._apply(change)

    def set_topic(self, topic: str) -> Meeting:
        def change(m: Meeting) -> None:
            m.items[m.current].topic = topic

        return self._apply(change)

    def length_minutes(self) -> int:
        """Planned length of the meeting, fixed at setup (so extending an item shows as over)."""
        return self.meeting.length_minutes or self.group.meeting_minutes

    def pacing(self) -> Pacing:
        """How to finish on time with what is left."""
        m = self.meeting
        # The group's length, not the (extendable) plan: extending an item must show as running over.
        budget = self.length_minutes() * 60
        elapsed = self.meeting_elapsed()
        current_left = max(0.0, self.item_remaining())
        later = sum(it.planned_minutes * 60 for i, it in enumerate(m.items) if i > m.current and it.state == ItemState.PENDING)
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

    # ------------------------------------------------------------------ attendance

    def set_presence(self, member_id: str, presence: Presence) -> Meeting:
        """Mark someone late, present or absent during the meeting (late arrivals)."""
        self._check_member(member_id)

        def change(m: Meeting) -> None:
            for a in m.attendance:
                if a.member_id == member_id:
                    a.presence = presence
                    return
            m.attendance.append(Attendance(member_id=member_id, presence=presence))

        return self._apply(change)

    def add_guest(self, guest: Guest) -> Meeting:
        def change(m: Meeting) -> None:
            m.guests.append(guest)

        return self._apply(change)

    # ------------------------------------------------------------------ capture

    def _item_id(self) -> str | None:
        item = self.item
        return item.id if item else None

    def _visibility(self, visibility: Visibility | None) -> Visibility:
        return visibility or self.group.confidentiality

    def _check_member(self, member_id: str) -> None:
        if self.group.member(member_id) is None:
            raise LiveError("unknown member")

    def add_commitment(
        self,
        owner: str,
        text: str,
        due: date | None = None,
        goal: str | None = None,
        visibility: Visibility | None = None,
    ) -> Commitment:
        """A member commits to something, due by default at the next meeting."""
        self._check_member(owner)
        item = self.item
        goal = goal if goal is not None else (item.goal if item else None)
        commitment = Commitment(
            owner=owner,
            text=text,
            due=due or self.meeting.next_date or next_meeting_date(self.group, self.meeting.date),
            goal=goal,
            visibility=self._visibility(visibility),
            item_id=self._item_id(),
        )
        self._apply(lambda m: m.commitments.append(commitment))
        return commitment

    def add_ask(
        self,
        owner: str,
        text: str,
        kind: AskKind = AskKind.SUPPORT,
        who_could_help: str = "",
        visibility: Visibility | None = None,
    ) -> Ask:
        self._check_member(owner)
        item = self.item
        ask = Ask(
            owner=owner,
            text=text,
            kind=kind,
            who_could_help=who_could_help,
            goal=item.goal if item else None,
            visibility=self._visibility(visibility),
            item_id=self._item_id(),
        )
        self._apply(lambda m: m.asks.append(ask))
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

    def add_offer(self, ask_id: str, by: str, text: str, visibility: Visibility | None = None, commit: bool = False) -> Offer:
        """Someone answers an ask; with ``commit`` the offer also becomes their commitment."""
        self._check_member(by)
        ask = next((a for a in self.open_asks() if a.id == ask_id), None)
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

        def change(m: Meeting) -> None:
            m.offers.append(offer)
            if commitment:
                m.commitments.append(commitment)

        self._apply(change)
        return offer

    def add_note(self, text: str, kind: NoteKind = NoteKind.NOTE, visibility: Visibility | None = None) -> Note:
        note = Note(kind=kind, text=text, item_id=self._item_id(), visibility=self._visibility(visibility))
        self._apply(lambda m: m.notes.append(note))
        return note

    def apply_captured(self, captured: object) -> object:
        """Record what the quick-capture line parsed (see meetings.capture)."""
        from . import capture

        if isinstance(captured, capture.CapturedCommitment):
            return self.add_commitment(captured.owner, captured.text, captured.due, visibility=captured.visibility)
        if isinstance(captured, capture.CapturedAsk):
            return self.add_ask(captured.owner, captured.text, captured.kind, captured.who_could_help, captured.visibility)
        if isinstance(captured, capture.CapturedOffer):
            return self.add_offer(captured.ask_id, captured.by, captured.text, captured.visibility)
        if isinstance(captured, capture.CapturedNote):
            return self.add_note(captured.text, captured.kind, captured.visibility)
        raise LiveError("nothing to record")

    _LISTS = ("commitments", "asks", "offers", "notes")

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

        def change(m: Meeting) -> None:
            for name in self._LISTS:
                records = getattr(m, name)
                for index, record in enumerate(records):
                    if record.id == record_id:
                        records[index] = type(record).model_validate({**record.model_dump(), **changes})
                        return
            raise LiveError("nothing with that id in this meeting")

        return self._apply(change)

    def delete(self, record_id: str) -> Meeting:
        """Delete something captured in this meeting (offers on a deleted ask go with it)."""

        def change(m: Meeting) -> None:
            found = False
            for name in self._LISTS:
                kept = [r for r in getattr(m, name) if r.id != record_id]
                found = found or len(kept) != len(getattr(m, name))
                setattr(m, name, kept)
            if not found:
                raise LiveError("nothing with that id in this meeting")
            m.offers = [o for o in m.offers if o.ask_id != record_id]

        return self._apply(change)

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

    def review(self, target: str, target_id: str, outcome: CommitmentStatus | AskStatus | str, note: str = "") -> Meeting:
        """Mark an earlier commitment (done/partial/missed/carried/dropped) or ask; a second
        mark replaces the first. ``outcome`` "open" on a commitment clears the mark."""
        outcome = str(getattr(outcome, "value", outcome))

        def change(m: Meeting) -> None:
            m.reviews = [r for r in m.reviews if r.target_id != target_id]
            if not (target == "commitment" and outcome == CommitmentStatus.OPEN):
                m.reviews.append(Review(target_id=target_id, target=target, outcome=outcome, note=note))

        return self._apply(change)

    # ------------------------------------------------------------------ close

    def rate(self, member_id: str | None, score: int) -> Meeting:
        """One rating a person (a member's second rating replaces the first)."""
        if member_id is not None:
            self._check_member(member_id)

        def change(m: Meeting) -> None:
            if member_id is not None:
                m.ratings = [r for r in m.ratings if r.member_id != member_id]
            m.ratings.append(Rating(member_id=member_id, score=score))

        return self._apply(change)

    def add_plus(self, text: str) -> Meeting:
        return self._apply(lambda m: m.plus.append(text))

    def add_delta(self, text: str) -> Meeting:
        return self._apply(lambda m: m.delta.append(text))

    def set_goals_served(self, goals: list[str]) -> Meeting:
        unknown = [g for g in goals if self.group.purpose.goal(g) is None]
        if unknown:
            raise LiveError(f"the purpose has no goal {unknown[0]!r}")

        def change(m: Meeting) -> None:
            m.goals_served = list(dict.fromkeys(goals))

        return self._apply(change)

    def set_next(self, next_date: date | None, hot_seats: list[str]) -> Meeting:
        if next_date is not None and next_date <= self.meeting.date:
            raise LiveError("the next meeting must be after this one")
        for member_id in hot_seats:
            self._check_member(member_id)

        def change(m: Meeting) -> None:
            m.next_date = next_date
            m.next_hot_seats = list(dict.fromkeys(hot_seats))

        return self._apply(change)

    def close(self) -> Meeting:
        """End the meeting: stop the clock, mark the current item done, and seal the record."""
        now = self.clock.now()

        def change(m: Meeting) -> None:
            self._fold_running(m, now)
            m.running_since = None
            if m.items and m.items[m.current].state == ItemState.CURRENT:
                m.items[m.current].state = ItemState.DONE
            if not m.goals_served:
                # Default: the goals that the items actually run were linked to.
                m.goals_served = list(
                    dict.fromkeys(it.goal for it in m.items if it.goal and it.state == ItemState.DONE)
                )
            m.ended_at = now
            m.status = MeetingStatus.CLOSED

        return self._apply(change)
