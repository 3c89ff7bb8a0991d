"""How a group is doing, from its closed meetings: pure functions, no storage, no clock.

Every function takes ``(group, meetings)``. ``meetings`` are the group's closed meetings; live
ones are ignored and the rest are put oldest first, so callers may pass ``Store.history``
as it is. Each function makes one pass over the meetings and replays the ledger
(``meetings.ledger``) at most once, so the figures stay fast on ten years of meetings.

The history and health figures are all worked out by ``HistoryFigures``, which takes the
meetings in one at a time and keeps only small per-meeting figures: a screen can read ten
years from disk a file at a time and hold no meeting (``Store.each_meeting``).

The purpose review ("how have we been successful?") is built from the same figures at the
end of this module, with its text and Markdown renderings and the ``report`` command.
Forum-only records are counted in figures but their text never appears in a report.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .ledger import CLOSED_COMMITMENT, Ledger, Tracked, fold
from .models import (
    Ask,
    AskKind,
    AskStatus,
    Commitment,
    CommitmentStatus,
    Group,
    Guest,
    ItemKind,
    ItemState,
    Meeting,
    Presence,
    Visibility,
)
from .text import clean, md_escape
from .words import plural

# Meetings without a guest or a new member before the group is warned it may be stagnating.
STAGNATION_AFTER = 6
# A commitment carried this many times deserves to be renegotiated or dropped.
RENEGOTIATE_AFTER = 2
# Weight of each review outcome in a completion rate: partial counts half.
COMPLETION_WEIGHT = {CommitmentStatus.DONE.value: 1.0, CommitmentStatus.PARTIAL.value: 0.5}
# Asks whose purpose is a connection: reaching "introduced" (or "fulfilled") is an introduction.
LINKING_ASKS = {AskKind.INTRODUCTION, AskKind.REFERRAL}


def _closed(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted((m for m in meetings if m.closed), key=lambda m: (m.date, m.number))


def _share(part: float, whole: int) -> float | None:
    return part / whole if whole else None


def _last_reviews(meeting: Meeting, target: str) -> dict[str, str]:
    """target id -> outcome of this meeting's reviews; a later review of the same id wins."""
    return {r.target_id: r.outcome for r in meeting.reviews if r.target == target}


# --------------------------------------------------------------------------- per meeting


@dataclass(frozen=True)
class MeetingRate:
    """A share measured at one meeting: ``part`` of ``whole``; ``value`` is None when whole is 0."""

    meeting_id: str
    number: int
    date: date
    part: float
    whole: int
    value: float | None


@dataclass(frozen=True)
class MeetingRating:
    """The ratings given at one meeting: how many votes and their average (None: no votes)."""

    meeting_id: str
    number: int
    date: date
    votes: int
    average: float | None


def _in_room(meeting: Meeting) -> int:
    return sum(1 for a in meeting.attendance if a.presence != Presence.ABSENT)


def _completion(meeting: Meeting) -> tuple[float, int]:
    outcomes = _last_reviews(meeting, "commitment").values()
    return sum(COMPLETION_WEIGHT.get(o, 0.0) for o in outcomes), len(outcomes)


@dataclass(frozen=True, slots=True)
class _Digest:
    """What the figures need of one closed meeting, without the meeting itself."""

    id: str
    number: int
    date: date
    in_room: int  # present, late or substitute
    listed: int  # members on the attendance list
    done: float  # commitments reviewed done, partial counting half
    reviewed: int  # commitments reviewed
    votes: int
    rating: float | None
    guests: tuple[Guest, ...]
    hot_seats: tuple[str, ...]  # held: got the floor (Meeting.held_hot_seats), not just picked
    asks: tuple[str, ...]  # ids of the asks made
    no_shows: int = 0  # guests invited to this meeting who did not come

    @classmethod
    def of(cls, meeting: Meeting) -> _Digest:
        done, reviewed = _completion(meeting)
        return cls(
            meeting.id, meeting.number, meeting.date, _in_room(meeting), len(meeting.attendance), done, reviewed,
            len(meeting.ratings), meeting.rating_average, tuple(meeting.visitors), tuple(meeting.held_hot_seats),
            tuple(a.id for a in meeting.asks), len(meeting.guests) - len(meeting.visitors),
        )


def _rate(digest: _Digest, part: float, whole: int) -> MeetingRate:
    return MeetingRate(digest.id, digest.number, digest.date, part, whole, _share(part, whole))


def attendance_by_meeting(group: Group, meetings: Iterable[Meeting]) -> list[MeetingRate]:
    """Per meeting: members in the room (present, late, or represented by a substitute) of the
    members on its attendance list. Guests are not counted."""
    return HistoryFigures.of(meetings).attendance()


def completion_by_meeting(group: Group, meetings: Iterable[Meeting]) -> list[MeetingRate]:
    """Per meeting: of the commitments reviewed in it, the share done.

    A commitment reviewed ``done`` counts 1, ``partial`` counts half (0.5), and ``missed``,
    ``carried`` and ``dropped`` count 0. ``whole`` is the number of commitments reviewed;
    ``value`` is None for a meeting that reviewed none.
    """
    return HistoryFigures.of(meetings).completion()


def rating_by_meeting(group: Group, meetings: Iterable[Meeting]) -> list[MeetingRating]:
    """Per meeting: the number of ratings and their average (None when nobody rated)."""
    return HistoryFigures.of(meetings).ratings()


def asks_answered_by_meeting(group: Group, meetings: Iterable[Meeting]) -> list[MeetingRate]:
    """Per meeting: of the asks made in it, the share answered by now: an offer was made on
    it (at that meeting or later) or it moved past open (matched, introduced, fulfilled or
    dropped, as of the last meeting given)."""
    return HistoryFigures.of(meetings).asks_answered()


@dataclass(frozen=True)
class HistoryRow:
    """One line of the group's history list."""

    meeting_id: str
    number: int
    date: date
    present: int  # in the room: present, late or substitute
    total: int  # members on the attendance list
    guests: int
    rating: float | None
    votes: int
    completion: float | None  # partial counts half
    reviewed: int  # commitments reviewed at this meeting
    hot_seats: tuple[str, ...]  # names


def history_rows(group: Group, meetings: Iterable[Meeting]) -> list[HistoryRow]:
    """One row per closed meeting, oldest first: date, number, present of total, rating and
    commitment completion (see ``completion_by_meeting``)."""
    return HistoryFigures.of(meetings).rows(group)


# --------------------------------------------------------------------------- new faces


@dataclass(frozen=True)
class GuestFigures:
    """Guests over the meetings given. The record keeps one guest record per invitation to a
    meeting; ``came`` tells a visit from an invitation not taken up."""

    visits: int
    distinct: int  # different people, told apart by name
    first_visits: int
    returning_visits: int  # visits of someone who had come before
    invited_by_members: int  # visits where a member is named as the one who invited them
    inviters: tuple[tuple[str, int], ...]  # (member id, visits they brought), most first
    became_members: tuple[str, ...]  # names of guests who became members
    meetings_with_guests: int
    meetings: int
    no_shows: int = 0  # invitations recorded for a meeting the guest did not come to

    @property
    def invited(self) -> int:
        """Invitations recorded: the visits and the invitations not taken up."""
        return self.visits + self.no_shows


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def guest_figures(group: Group, meetings: Iterable[Meeting]) -> GuestFigures:
    """Guests invited and guests who came: visits, people, returning guests, who invited
    them, and those who became members."""
    return HistoryFigures.of(meetings).guests(group)


def _guest_figures(group: Group, digests: Sequence[_Digest]) -> GuestFigures:
    people: set[str] = set()
    inviters: Counter[str] = Counter()
    became: dict[str, str] = {}
    visits = first = returning = invited = with_guests = 0
    for m in digests:
        if m.guests:
            with_guests += 1
        for g in m.guests:
            visits += 1
            key = _name_key(g.name)
            if g.first_visit and key not in people:
                first += 1
            else:
                returning += 1
            people.add(key)
            if g.invited_by and group.member(g.invited_by) is not None:
                invited += 1
                inviters[g.invited_by] += 1
            if g.became_member:
                became.setdefault(key, g.name)
    order = {m.id: i for i, m in enumerate(group.members)}
    ranked = sorted(inviters.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))
    return GuestFigures(
        visits=visits,
        distinct=len(people),
        first_visits=first,
        returning_visits=returning,
        invited_by_members=invited,
        inviters=tuple(ranked),
        became_members=tuple(became.values()),
        meetings_with_guests=with_guests,
        meetings=len(digests),
        no_shows=sum(m.no_shows for m in digests),
    )


@dataclass(frozen=True)
class NewMember:
    """Someone who joined after the group's first recorded meeting."""

    name: str
    joined: date
    member_id: str | None  # None: a guest marked as became-member who is not in the member list yet
    via_guest: bool  # first came as a guest
    invited_by: str | None  # member id of who brought them as a guest


def new_members(group: Group, meetings: Iterable[Meeting]) -> list[NewMember]:
    """Members whose join date is after the first meeting, and guests who became members,
    by join date (a guest's join date is the meeting where they were marked as joining)."""
    return HistoryFigures.of(meetings).new_members(group)


def _new_members(group: Group, digests: Sequence[_Digest]) -> list[NewMember]:
    if not digests:
        return []
    start = digests[0].date
    by_name = {_name_key(m.name): m for m in group.members}
    found: dict[str, NewMember] = {}
    for m in group.members:
        if m.joined is not None and m.joined > start:
            found[m.id] = NewMember(m.name, m.joined, m.id, False, None)
    for meeting in digests:
        for g in meeting.guests:
            if not g.became_member:
                continue
            member = by_name.get(_name_key(g.name))
            key = member.id if member else _name_key(g.name)
            if key in found and found[key].via_guest:
                continue
            joined = member.joined if member and member.joined and member.joined >= meeting.date else meeting.date
            found[key] = NewMember(member.name if member else g.name, joined, member.id if member else None, True, g.invited_by)
    return sorted(found.values(), key=lambda n: (n.joined, n.name))


@dataclass(frozen=True)
class Stagnation:
    """A warning: no new face (a guest or a new member) for ``meetings_without`` meetings."""

    meetings_without: int
    last_new_face: date | None  # None: never in the meetings given
    message: str


def _new_face_flags(group: Group, visits: Sequence[tuple[date, bool]]) -> list[bool]:
    """Per meeting, given as (date, had a guest): a guest came, or a member joined since the
    meeting before."""
    joins = sorted(m.joined for m in group.members if m.joined is not None)
    flags = []
    previous: date | None = None
    for day, had_guests in visits:
        joined = previous is not None and any(previous < j <= day for j in joins)
        flags.append(had_guests or joined)
        previous = day
    return flags


def stagnation(group: Group, meetings: Iterable[Meeting], n: int = STAGNATION_AFTER) -> Stagnation | None:
    """A warning when the last ``n`` meetings (or more) saw no new face: no guest came and no
    member joined. None when the group is seeing new people, or has held fewer than ``n``
    meetings."""
    return HistoryFigures.of(meetings).stagnation(group, n)


def _stagnation(group: Group, digests: Sequence[_Digest], n: int) -> Stagnation | None:
    if n < 1:
        raise ValueError("n must be 1 or more")
    flags = _new_face_flags(group, [(d.date, bool(d.guests)) for d in digests])
    streak = 0
    for flag in reversed(flags):
        if flag:
            break
        streak += 1
    if streak < n:
        return None
    last = digests[len(digests) - streak - 1].date if streak < len(digests) else None
    since = f"since {last:%d %b %Y}" if last else "in any recorded meeting"
    message = (
        f"No new face for {streak} meetings ({since}): no guest came and no member joined. "
        "Groups that only see the same faces stagnate; who could each member invite?"
    )
    return Stagnation(streak, last, message)


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class SectorDiversity:
    """How varied the active members' sectors are."""

    members: int  # active members
    unknown: int  # active members with no sector given
    distinct: int
    sectors: tuple[tuple[str, int], ...]  # (sector, members), largest first
    largest: str | None
    largest_share: float | None  # of the members with a sector
    index: float | None  # Gini-Simpson: chance two members drawn at random differ; 0 = one sector


def sector_diversity(group: Group, meetings: Iterable[Meeting] = ()) -> SectorDiversity:
    """Sectors of the active members: how many, the share of the largest, and a diversity
    index (1 minus the sum of squared shares). Sectors are compared ignoring case."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    active = group.active_members
    for m in active:
        sector = " ".join(m.sector.split())
        if not sector:
            continue
        key = sector.casefold()
        spelling.setdefault(key, sector)
        counts[key] += 1
    known = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    index = 1 - sum((c / known) ** 2 for c in counts.values()) if known else None
    return SectorDiversity(
        members=len(active),
        unknown=len(active) - known,
        distinct=len(counts),
        sectors=tuple((spelling[k], c) for k, c in ranked),
        largest=spelling[ranked[0][0]] if ranked else None,
        largest_share=ranked[0][1] / known if known else None,
        index=index,
    )


@dataclass(frozen=True)
class HotSeatWait:
    """An active member and how long they have waited for the hot seat."""

    member_id: str
    name: str
    meetings_since: int | None  # meetings held since their last hot seat; None: never had one
    last: date | None
    times: int


def hot_seat_queue(group: Group, meetings: Iterable[Meeting]) -> list[HotSeatWait]:
    """Active members, longest wait for the hot seat first: those who never had one first
    (in member order), then by meetings since their last hot seat."""
    return HistoryFigures.of(meetings).hot_seat_queue(group)


def _hot_seat_queue(group: Group, digests: Sequence[_Digest]) -> list[HotSeatWait]:
    last: dict[str, int] = {}
    times: Counter[str] = Counter()
    for index, m in enumerate(digests):
        for member_id in m.hot_seats:
            last[member_id] = index
            times[member_id] += 1
    waits = []
    for position, member in enumerate(group.active_members):
        seat = last.get(member.id)
        since = None if seat is None else len(digests) - 1 - seat
        waits.append(
            (
                (seat is not None, -(since or 0), position),
                HotSeatWait(member.id, member.name, since, digests[seat].date if seat is not None else None, times[member.id]),
            )
        )
    return [w for _, w in sorted(waits, key=lambda kv: kv[0])]


# --------------------------------------------------------------------------- purpose


@dataclass(frozen=True)
class GoalCoverage:
    """How much of the group's work was linked to one goal."""

    goal_id: str
    title: str
    items: int  # agenda items run (not skipped) linked to the goal
    commitments: int  # commitments made for the goal
    commitments_done: int  # of those, done as of the last meeting
    asks: int  # asks made for the goal
    meetings_served: int  # meetings that named the goal as served
    share_served: float | None  # of all meetings
    last_served: date | None


@dataclass(frozen=True)
class PurposeCoverage:
    """Purpose coverage over the meetings given, goal by goal."""

    meetings: int
    goals: tuple[GoalCoverage, ...]
    unserved: tuple[str, ...]  # ids of goals no meeting served
    unlinked_items: int  # items run that serve no goal and are not marked social glue
    social_glue_items: int


def purpose_coverage(group: Group, meetings: Iterable[Meeting]) -> PurposeCoverage:
    """Per goal of the purpose: items linked, commitments linked (and done), asks linked,
    meetings that served it (``goals_served``); and the goals none served."""
    return HistoryFigures.of(meetings).coverage(group)


# --------------------------------------------------------------------------- one member


@dataclass(frozen=True)
class LedgerCommitment:
    """One of a member's commitments with what became of it."""

    id: str
    made_on: date
    meeting_number: int
    text: str
    due: date
    goal: str | None
    status: CommitmentStatus  # as of the last meeting
    carried: int
    visibility: Visibility
    renegotiate: bool  # still open and carried RENEGOTIATE_AFTER times or more


@dataclass(frozen=True)
class LedgerAsk:
    """One of a member's asks, and how it was answered."""

    id: str
    made_on: date
    meeting_number: int
    text: str
    kind: AskKind
    status: AskStatus  # as of the last meeting
    offers: int
    offered_by: tuple[str, ...]  # member ids, in the order they offered
    visibility: Visibility


@dataclass(frozen=True)
class AttendanceTally:
    """A member's attendance over the meetings where they were on the list."""

    meetings: int
    present: int
    late: int
    substitute: int
    absent: int
    rate: float | None  # in the room (present, late or substitute) of meetings


@dataclass(frozen=True)
class MemberLedger:
    """Everything one member committed to, asked for and gave, over the meetings given."""

    member_id: str
    name: str
    active: bool
    commitments: tuple[LedgerCommitment, ...]  # oldest first
    done: int
    partial: int
    missed: int
    dropped: int
    still_open: int  # open or carried, not yet settled
    done_streak: int  # latest settled commitments done in a row (see member_ledger)
    renegotiate: tuple[LedgerCommitment, ...]
    hints: tuple[str, ...]
    asks: tuple[LedgerAsk, ...]  # oldest first
    asks_answered: int  # got an offer or moved past open
    offers_given: int
    offers_received: int  # offers by others on this member's asks
    balance: int  # offers given minus offers received
    helped: tuple[str, ...]  # member ids whose asks this member answered
    helped_by: tuple[str, ...]  # member ids who answered this member's asks
    introductions_offered: int  # others' asks for an introduction or referral this member offered on
    introductions_made: int  # of those, asks since reviewed introduced or fulfilled
    attendance: AttendanceTally
    hot_seats: tuple[date, ...]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def member_ledger(group: Group, meetings: Iterable[Meeting], member_id: str, *, in_order: bool = False) -> MemberLedger:
    """One member's record: commitments with their final status, done/missed counts, the
    current streak of done, carried counts with a hint to renegotiate any commitment carried
    twice or more, asks and how they were answered, offers given and received (the
    give/receive balance), introductions offered, attendance and hot seats taken.

    The done streak counts the member's settled commitments (reviewed done, partial, missed
    or dropped), most recently settled first, until one was not done. Raises ValueError
    for an id that is not a member of the group.

    One pass that keeps only this member's records, so ``meetings`` may be read from disk one
    at a time: with ``in_order`` they are taken as they come, oldest first (a meeting older
    than the one before raises ValueError), instead of being gathered and sorted.
    """
    member = group.member(member_id)
    if member is None:
        raise ValueError(f"no member {member_id!r} in {group.name}")
    ledger = Ledger(records=False)
    first_made: dict[str, int] = {}  # record id -> when first made: the order a fold lists them in
    mine: dict[str, tuple[Commitment | Ask, date, int]] = {}  # this member's records as last made, and where
    asks_of: dict[str, tuple[str, AskKind]] = {}  # every ask id -> owner and kind as last made
    settled_at: dict[str, int] = {}  # commitment id -> index of the meeting of its last review
    offers_on: dict[str, list[str]] = {}  # this member's ask id -> who offered
    mine_asks: set[str] = set()
    offered_on: list[str] = []  # ask ids this member offered on, in order
    tally: Counter[Presence] = Counter()
    seats: list[date] = []
    index = -1
    for m in meetings if in_order else _closed(meetings):
        if not m.closed:
            continue
        ledger.add(m)
        index += 1
        for r in m.reviews:
            if r.target == "commitment":
                settled_at[r.target_id] = index
        for record in (*m.commitments, *m.asks):
            first_made.setdefault(record.id, len(first_made))
            if record.owner == member_id:
                mine[record.id] = (record, m.date, m.number)
            else:
                mine.pop(record.id, None)
        for a in m.asks:
            asks_of[a.id] = (a.owner, a.kind)
        mine_asks.update(a.id for a in m.asks if a.owner == member_id)
        for o in m.offers:
            if o.ask_id in mine_asks and o.by != member_id:
                offers_on.setdefault(o.ask_id, []).append(o.by)
            if o.by == member_id:
                offered_on.append(o.ask_id)
        presence = m.presence(member_id)
        if presence is not None:
            tally[presence] += 1
        if member_id in m.held_hot_seats:
            seats.append(m.date)

    def ask_of(ask_id: str) -> tuple[str, AskKind] | None:
        return asks_of[ask_id] if ledger.kind(ask_id) == "ask" else None

    given = 0
    helped: dict[str, None] = {}
    introductions: set[str] = set()
    for ask_id in offered_on:
        found = ask_of(ask_id)
        owner = found[0] if found else None
        if owner != member_id:
            given += 1
            if owner:
                helped.setdefault(owner, None)
        if found and owner != member_id and found[1] in LINKING_ASKS:
            introductions.add(ask_id)
    introduced = sum(1 for ask_id in introductions if ledger.status(ask_id) in (AskStatus.INTRODUCED, AskStatus.FULFILLED))

    commitments = []
    asks = []
    helped_by: dict[str, None] = {}
    for record_id, (record, made_on, number) in sorted(mine.items(), key=lambda kv: first_made[kv[0]]):
        if isinstance(record, Commitment) and ledger.kind(record_id) == "commitment":
            status, carried = CommitmentStatus(ledger.status(record_id)), ledger.carried(record_id)
            commitments.append(
                LedgerCommitment(
                    id=record.id,
                    made_on=made_on,
                    meeting_number=number,
                    text=record.text,
                    due=record.due,
                    goal=record.goal,
                    status=status,
                    carried=carried,
                    visibility=record.visibility,
                    renegotiate=status not in CLOSED_COMMITMENT and carried >= RENEGOTIATE_AFTER,
                )
            )
        elif isinstance(record, Ask) and ledger.kind(record_id) == "ask":
            by = tuple(offers_on.get(record.id, []))
            helped_by.update(dict.fromkeys(by))
            status = AskStatus(ledger.status(record_id))
            asks.append(LedgerAsk(record.id, made_on, number, record.text, record.kind, status, len(by), by, record.visibility))
    commitments.sort(key=lambda lc: (lc.made_on, lc.meeting_number))
    asks.sort(key=lambda la: (la.made_on, la.meeting_number))
    status_count = Counter(lc.status for lc in commitments)
    settled = [
        (settled_at.get(lc.id, -1), position, lc)
        for position, lc in enumerate(commitments)
        if lc.status not in (CommitmentStatus.OPEN, CommitmentStatus.CARRIED)
    ]
    streak = 0
    for _, _, lc in sorted(settled, key=lambda s: (s[0], s[1]), reverse=True):
        if lc.status != CommitmentStatus.DONE:
            break
        streak += 1
    renegotiate = tuple(lc for lc in commitments if lc.renegotiate)
    hints = tuple(
        f"\u201c{lc.text}\u201d has been carried {lc.carried} times: renegotiate it (smaller, or a new date) or drop it"
        for lc in renegotiate
    )
    received = sum(la.offers for la in asks)
    listed = sum(tally.values())
    in_room = listed - tally[Presence.ABSENT]
    return MemberLedger(
        member_id=member_id,
        name=member.name,
        active=member.active,
        commitments=tuple(commitments),
        done=status_count[CommitmentStatus.DONE],
        partial=status_count[CommitmentStatus.PARTIAL],
        missed=status_count[CommitmentStatus.MISSED],
        dropped=status_count[CommitmentStatus.DROPPED],
        still_open=status_count[CommitmentStatus.OPEN] + status_count[CommitmentStatus.CARRIED],
        done_streak=streak,
        renegotiate=renegotiate,
        hints=hints,
        asks=tuple(asks),
        asks_answered=sum(1 for la in asks if la.offers or la.status != AskStatus.OPEN),
        offers_given=given,
        offers_received=received,
        balance=given - received,
        helped=tuple(helped),
        helped_by=tuple(helped_by),
        introductions_offered=len(introductions),
        introductions_made=introduced,
        attendance=AttendanceTally(
            meetings=listed,
            present=tally[Presence.PRESENT],
            late=tally[Presence.LATE],
            substitute=tally[Presence.SUBSTITUTE],
            absent=tally[Presence.ABSENT],
            rate=_share(in_room, listed),
        ),
        hot_seats=tuple(seats),
    )


@dataclass(frozen=True)
class GiveReceive:
    """One member's offers given to others and offers received from others."""

    member_id: str
    name: str
    asks: int
    offers_given: int
    offers_received: int
    balance: int  # given minus received


def give_receive(group: Group, meetings: Iterable[Meeting]) -> list[GiveReceive]:
    """Per member (group order): asks made, offers given to others, offers received from
    others. Offers on one's own ask are not counted."""
    ordered = _closed(meetings)
    owner_of: dict[str, str] = {}
    asks: Counter[str] = Counter()
    given: Counter[str] = Counter()
    received: Counter[str] = Counter()
    for m in ordered:
        for a in m.asks:
            owner_of[a.id] = a.owner
            asks[a.owner] += 1
        for o in m.offers:
            owner = owner_of.get(o.ask_id)
            if owner == o.by:
                continue
            given[o.by] += 1
            if owner is not None:
                received[owner] += 1
    return [
        GiveReceive(m.id, m.name, asks[m.id], given[m.id], received[m.id], given[m.id] - received[m.id])
        for m in group.members
    ]


# --------------------------------------------------------------------------- the whole picture


@dataclass(frozen=True)
class GroupHealth:
    """Every health figure of a group at once, for the health screen."""

    attendance: tuple[MeetingRate, ...]
    completion: tuple[MeetingRate, ...]
    ratings: tuple[MeetingRating, ...]
    asks_answered: tuple[MeetingRate, ...]
    guests: GuestFigures
    new_members: tuple[NewMember, ...]
    stagnation: Stagnation | None
    sectors: SectorDiversity
    hot_seat_queue: tuple[HotSeatWait, ...]
    coverage: PurposeCoverage


class HistoryFigures:
    """A group's closed meetings taken in one at a time, oldest first, and kept only as the
    small figures the history list and the health tab need: no meeting is held, so ten years
    can be read from disk a file at a time. The figures are worked out for the group as it is
    when asked (its members and goals may change after the history was read)."""

    def __init__(self) -> None:
        self._digests: list[_Digest] = []
        self._ledger = Ledger(records=False)
        self._offered: set[str] = set()  # asks that got an offer, then or later
        self._goal_of: dict[str, str] = {}  # commitment id -> the goal it was made for
        self._items: Counter[str] = Counter()  # per goal: agenda items run
        self._commitments: Counter[str] = Counter()
        self._asks: Counter[str] = Counter()
        self._served: Counter[str] = Counter()
        self._last_served: dict[str, date] = {}
        self._unlinked = 0
        self._glue = 0

    @classmethod
    def of(cls, meetings: Iterable[Meeting]) -> HistoryFigures:
        """The figures of ``meetings``, in any order; live ones are left out."""
        figures = cls()
        for meeting in _closed(meetings):
            figures.add(meeting)
        return figures

    def __len__(self) -> int:
        return len(self._digests)

    def add(self, meeting: Meeting) -> None:
        """Take in one more meeting (a live one is ignored).

        Raises ValueError for a meeting older than the last one taken in, and takes nothing
        of it: the ledger replays reviews in meeting order."""
        if not meeting.closed:
            return
        self._ledger.add(meeting)
        self._digests.append(_Digest.of(meeting))
        self._offered.update(o.ask_id for o in meeting.offers)
        for it in meeting.items:
            if it.state == ItemState.SKIPPED:
                continue
            if it.goal:
                self._items[it.goal] += 1
            elif it.social_glue:
                self._glue += 1
            else:
                self._unlinked += 1
        for c in meeting.commitments:
            if c.goal:
                self._commitments[c.goal] += 1
                self._goal_of[c.id] = sys.intern(c.goal)  # one string per goal, not per commitment
            else:
                # Made again without a goal: the latest record is the one that counts.
                self._goal_of.pop(c.id, None)
        for a in meeting.asks:
            if a.goal:
                self._asks[a.goal] += 1
        for goal_id in set(meeting.goals_served):
            self._served[goal_id] += 1
            self._last_served[goal_id] = meeting.date

    # ------------------------------------------------------------------ per meeting

    def attendance(self) -> list[MeetingRate]:
        """See ``attendance_by_meeting``."""
        return [_rate(d, d.in_room, d.listed) for d in self._digests]

    def completion(self) -> list[MeetingRate]:
        """See ``completion_by_meeting``."""
        return [_rate(d, d.done, d.reviewed) for d in self._digests]

    def ratings(self) -> list[MeetingRating]:
        """See ``rating_by_meeting``."""
        return [MeetingRating(d.id, d.number, d.date, d.votes, d.rating) for d in self._digests]

    def asks_answered(self) -> list[MeetingRate]:
        """See ``asks_answered_by_meeting``."""
        answered = self._offered | {rid for rid, status, _ in self._ledger.states("ask") if status != AskStatus.OPEN}
        return [_rate(d, sum(1 for a in d.asks if a in answered), len(d.asks)) for d in self._digests]

    def rows(self, group: Group) -> list[HistoryRow]:
        """See ``history_rows``."""
        return [
            HistoryRow(
                meeting_id=d.id,
                number=d.number,
                date=d.date,
                present=d.in_room,
                total=d.listed,
                guests=len(d.guests),
                rating=d.rating,
                votes=d.votes,
                completion=_share(d.done, d.reviewed),
                reviewed=d.reviewed,
                hot_seats=tuple(group.member_name(h) for h in d.hot_seats),
            )
            for d in self._digests
        ]

    # ------------------------------------------------------------------ over the whole history

    def guests(self, group: Group) -> GuestFigures:
        """See ``guest_figures``."""
        return _guest_figures(group, self._digests)

    def new_members(self, group: Group) -> list[NewMember]:
        """See ``new_members``."""
        return _new_members(group, self._digests)

    def stagnation(self, group: Group, n: int = STAGNATION_AFTER) -> Stagnation | None:
        """See ``stagnation``."""
        return _stagnation(group, self._digests, n)

    def hot_seat_queue(self, group: Group) -> list[HotSeatWait]:
        """See ``hot_seat_queue``."""
        return _hot_seat_queue(group, self._digests)

    def coverage(self, group: Group) -> PurposeCoverage:
        """See ``purpose_coverage``."""
        meetings = len(self._digests)
        done: Counter[str] = Counter(
            self._goal_of[rid]
            for rid, status, _ in self._ledger.states("commitment")
            if status == CommitmentStatus.DONE and rid in self._goal_of
        )
        rows = tuple(
            GoalCoverage(
                goal_id=g.id,
                title=g.title,
                items=self._items[g.id],
                commitments=self._commitments[g.id],
                commitments_done=done[g.id],
                asks=self._asks[g.id],
                meetings_served=self._served[g.id],
                share_served=_share(self._served[g.id], meetings),
                last_served=self._last_served.get(g.id),
            )
            for g in group.purpose.goals
        )
        return PurposeCoverage(
            meetings=meetings,
            goals=rows,
            unserved=tuple(g.id for g in group.purpose.goals if self._served[g.id] == 0),
            unlinked_items=self._unlinked,
            social_glue_items=self._glue,
        )

    def health(self, group: Group, stagnation_after: int = STAGNATION_AFTER) -> GroupHealth:
        """Every figure at once, for the health tab."""
        return GroupHealth(
            attendance=tuple(self.attendance()),
            completion=tuple(self.completion()),
            ratings=tuple(self.ratings()),
            asks_answered=tuple(self.asks_answered()),
            guests=self.guests(group),
            new_members=tuple(self.new_members(group)),
            stagnation=self.stagnation(group, stagnation_after),
            sectors=sector_diversity(group),
            hot_seat_queue=tuple(self.hot_seat_queue(group)),
            coverage=self.coverage(group),
        )


def group_health(group: Group, meetings: Iterable[Meeting], stagnation_after: int = STAGNATION_AFTER) -> GroupHealth:
    """All the figures of this module for one group, sorting the meetings and replaying the
    ledger once."""
    return HistoryFigures.of(meetings).health(group, stagnation_after)


# --------------------------------------------------------------------------- purpose review


@dataclass(frozen=True)
class Period:
    """The stretch of time a purpose review looks at, both ends included."""

    label: str
    start: date
    end: date


_PERIOD_RE = re.compile(r"(\d{4})(?:-[Qq]([1-4]))?")


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def parse_period(period: str | None, *, today: date) -> Period:
    """"2026" (a year), "2026-Q4" (a quarter), or None: the 12 months up to ``today``.

    Raises ValueError with a message for the facilitator on anything else.
    """
    if period is None:
        return Period("the last 12 months", _a_year_before(today) + timedelta(days=1), today)
    text = period.strip()
    match = _PERIOD_RE.fullmatch(text)
    if not match or int(match.group(1)) < 1:
        shown = clean(period)[:40]
        raise ValueError(f"--period: {shown!r} is not a period; give a year (2026) or a quarter (2026-Q4)")
    year = int(match.group(1))
    if match.group(2) is None:
        return Period(str(year), date(year, 1, 1), date(year, 12, 31))
    quarter = int(match.group(2))
    start = date(year, 3 * quarter - 2, 1)
    end = date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(days=1)
    return Period(f"{year}-Q{quarter}", start, end)


@dataclass(frozen=True)
class GoalEvidence:
    """What the group did for one goal in the period."""

    goal_id: str
    title: str
    success: str  # how the group said it would know
    meetings_served: int
    items: int
    commitments_made: int
    commitments_done: int  # reviewed done in the period
    introductions: int  # asks for the goal that led to an introduction in the period
    examples: tuple[str, ...]  # shareable lines only, at most three


@dataclass(frozen=True)
class Figure:
    """One figure that speaks to a health question: a label and its value, both plain text."""

    label: str
    value: str


@dataclass(frozen=True)
class HealthAnswer:
    """One of the four review questions and the figures that speak to it."""

    question: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class PurposeReview:
    """The answer to "how have we been successful?" for a period: goal by goal, then the four
    health questions. Holds plain text only; forum-only content never gets in."""

    group_name: str
    statement: str
    agreed: str  # "agreed on 12 Jan 2026 by all members", or ""
    period: Period
    meetings: int
    first_meeting: date | None
    last_meeting: date | None
    goals: tuple[GoalEvidence, ...]
    unserved: tuple[str, ...]  # titles of goals no meeting in the period served
    answers: tuple[HealthAnswer, ...]


QUESTIONS = (
    "What is the value to you and to others?",
    "Are members succeeding?",
    "Are relationships intentional and mutual?",
    "Do members connect each other with people outside the group?",
)

def _pct(part: float, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


def _dmy(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _is_introduction(ask: Ask, outcome: str) -> bool:
    return outcome == AskStatus.INTRODUCED or (outcome == AskStatus.FULFILLED and ask.kind in LINKING_ASKS)


def purpose_review(group: Group, meetings: Iterable[Meeting], period: str | None, *, today: date) -> PurposeReview:
    """How the group has served its purpose in ``period`` ("2026", "2026-Q4", or None for the
    12 months up to ``today``): goal by goal with evidence, then the four health questions.

    Commitments done and introductions count when their review happened in the period.
    Raises ValueError for a malformed period.
    """
    span = parse_period(period, today=today)
    upto = [m for m in _closed(meetings) if m.date <= span.end]
    held = [m for m in upto if m.date >= span.start]
    folded_c, folded_a = fold(upto)
    name = group.member_name

    # One pass over the period's meetings, gathering everything the answers need.
    done_for: dict[str, list[Commitment]] = {}
    outcomes: Counter[str] = Counter()
    per_owner: dict[str, list[float]] = {}
    introductions: dict[str, Ask] = {}
    fulfilled: set[str] = set()
    made_for: Counter[str] = Counter()
    items_for: Counter[str] = Counter()
    served: Counter[str] = Counter()
    topics_for: dict[str, list[str]] = {}
    asks_made: list[Ask] = []
    offers = []
    ratings: list[int] = []
    listed = in_room = 0
    plus: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    members_seen: dict[str, None] = {}
    for m in held:
        for r in m.reviews:
            if r.target == "commitment":
                outcomes[r.outcome] += 1
                tracked = folded_c.get(r.target_id)
                if tracked is None:
                    continue
                c = tracked.record
                per_owner.setdefault(c.owner, []).append(COMPLETION_WEIGHT.get(r.outcome, 0.0))
                if r.outcome == CommitmentStatus.DONE and c.goal:
                    done_for.setdefault(c.goal, []).append(c)
            else:
                tracked = folded_a.get(r.target_id)
                if tracked is None:
                    continue
                a = tracked.record
                if a.id not in introductions and _is_introduction(a, r.outcome):
                    introductions[a.id] = a
                if r.outcome == AskStatus.FULFILLED:
                    fulfilled.add(a.id)
        for c in m.commitments:
            if c.goal:
                made_for[c.goal] += 1
        seated = m.held_hot_seats
        for it in m.items:
            if it.state == ItemState.SKIPPED or not it.goal:
                continue
            items_for[it.goal] += 1
            # A forum-only group keeps its topics in the room.
            if it.topic and it.kind in (ItemKind.HOT_SEAT, ItemKind.DISCUSSION) and group.confidentiality == Visibility.SHAREABLE:
                holder = next((s for s in it.speakers if s in seated), None)
                if it.kind == ItemKind.HOT_SEAT and it.speakers and holder is None:
                    continue  # a seat picked but never given the floor is no evidence
                who = f"{name(holder)}: " if it.kind == ItemKind.HOT_SEAT and holder else ""
                label = "Hot seat" if it.kind == ItemKind.HOT_SEAT else "Discussion"
                topics_for.setdefault(it.goal, []).append(f"{label}: {who}{it.topic}")
        for goal_id in set(m.goals_served):
            served[goal_id] += 1
        asks_made.extend(m.asks)
        offers.extend(m.offers)
        ratings.extend(r.score for r in m.ratings)
        listed += len(m.attendance)
        in_room += _in_room(m)
        for line in m.plus:
            key = clean(line).casefold()
            if key:
                spelled.setdefault(key, clean(line))
                plus[key] += 1
        members_seen.update(dict.fromkeys(a.member_id for a in m.attendance))

    goals = []
    for g in group.purpose.goals:
        examples: list[str] = []
        for c in reversed(done_for.get(g.id, [])):
            if c.visibility == Visibility.SHAREABLE and len(examples) < 2:
                examples.append(f"Done: {name(c.owner)}: {c.text}")
        intros = [a for a in introductions.values() if a.goal == g.id]
        for a in reversed(intros):
            if a.visibility == Visibility.SHAREABLE and len(examples) < 3:
                examples.append(f"Introduction: {name(a.owner)} asked for {a.text}")
        for topic in reversed(topics_for.get(g.id, [])):
            if len(examples) >= 3:
                break
            examples.append(topic)
        goals.append(
            GoalEvidence(
                goal_id=g.id,
                title=clean(g.title),
                success=clean(g.success),
                meetings_served=served[g.id],
                items=items_for[g.id],
                commitments_made=made_for[g.id],
                commitments_done=len(done_for.get(g.id, [])),
                introductions=len(intros),
                examples=tuple(clean(e) for e in examples),
            )
        )

    answers = _health_answers(
        group, held, folded_c, folded_a, outcomes, per_owner, introductions, fulfilled, asks_made,
        offers, ratings, listed, in_room, plus, spelled, members_seen, upto, span,
    )
    purpose = group.purpose
    agreed = ""
    if purpose.agreed_on or purpose.agreed_by:
        agreed = "agreed" + (f" on {_dmy(purpose.agreed_on)}" if purpose.agreed_on else "")
        agreed += f" by {clean(purpose.agreed_by)}" if purpose.agreed_by else ""
    return PurposeReview(
        group_name=clean(group.name),
        statement=clean(purpose.statement),
        agreed=agreed,
        period=span,
        meetings=len(held),
        first_meeting=held[0].date if held else None,
        last_meeting=held[-1].date if held else None,
        goals=tuple(goals),
        unserved=tuple(g.title for g in goals if g.meetings_served == 0),
        answers=answers,
    )


def _health_answers(
    group: Group,
    held: list[Meeting],
    folded_c: dict[str, Tracked],
    folded_a: dict[str, Tracked],
    outcomes: Counter[str],
    per_owner: dict[str, list[float]],
    introductions: dict[str, Ask],
    fulfilled: set[str],
    asks_made: list[Ask],
    offers: list,
    ratings: list[int],
    listed: int,
    in_room: int,
    plus: Counter[str],
    spelled: dict[str, str],
    members_seen: dict[str, None],
    upto: list[Meeting],
    span: Period,
) -> tuple[HealthAnswer, ...]:
    name = group.member_name
    people = list(members_seen) or [m.id for m in group.active_members]

    # 1. Value to you and to others.
    offered_asks = {o.ask_id for o in offers}
    answered = sum(1 for a in asks_made if a.id in offered_asks or folded_a[a.id].record.status != AskStatus.OPEN)
    value = [
        Figure("Meetings held", str(len(held))),
        Figure(
            "Average rating",
            f"{sum(ratings) / len(ratings):.1f} / 10 ({plural(len(ratings), 'vote')})" if ratings else "no ratings",
        ),
        Figure("Attendance", f"{_pct(in_room, listed)} ({in_room} of {listed} places filled)" if listed else "n/a"),
        Figure("Asks answered", f"{answered} of {len(asks_made)} ({_pct(answered, len(asks_made))})"),
        Figure("Asks fulfilled", str(len(fulfilled))),
    ]
    if plus:
        top = sorted(plus.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        value.append(Figure("Said to work best", "; ".join(f"{spelled[k]} ({n})" for k, n in top)))

    # 2. Are members succeeding?
    seats = [m.held_hot_seats for m in held]
    reviewed = sum(outcomes.values())
    weighted = outcomes[CommitmentStatus.DONE] + 0.5 * outcomes[CommitmentStatus.PARTIAL]
    strong = sum(1 for scores in per_owner.values() if scores and sum(scores) / len(scores) >= 0.7)
    stuck = [
        t.record for t in folded_c.values()
        if t.record.status in (CommitmentStatus.OPEN, CommitmentStatus.CARRIED, CommitmentStatus.PARTIAL)
        and t.record.carried >= RENEGOTIATE_AFTER
    ]
    split = ", ".join(
        f"{outcomes[s]} {s}" for s in ("done", "partial", "missed", "carried", "dropped") if outcomes[s]
    )
    succeeding = [
        Figure("Commitments reviewed", f"{reviewed}" + (f" ({split})" if split else "")),
        Figure("Completion (partial counts half)", _pct(weighted, reviewed)),
        Figure("Members completing 70% or more", f"{strong} of {len(per_owner)}" if per_owner else "n/a"),
        Figure("Carried twice or more, still open", f"{len(stuck)} (renegotiate or drop)" if stuck else "none"),
        Figure("Hot seats held", f"{sum(len(s) for s in seats)}, by {plural(len({h for s in seats for h in s}), 'member')}"),
    ]

    # 3. Intentional and mutual relationships: who gives, who receives.
    given: Counter[str] = Counter()
    received: Counter[str] = Counter()
    with_commitment = 0
    for o in offers:
        tracked = folded_a.get(o.ask_id)
        owner = tracked.record.owner if tracked else None
        if owner == o.by:
            continue
        given[o.by] += 1
        if owner:
            received[owner] += 1
        if o.commitment_id:
            with_commitment += 1
    both = sum(1 for p in people if given[p] and received[p])
    only_took = sum(1 for p in people if received[p] and not given[p])
    only_gave = sum(1 for p in people if given[p] and not received[p])
    top_givers = "; ".join(f"{clean(name(p))} ({n})" for p, n in sorted(given.items(), key=lambda kv: (-kv[1], name(kv[0])))[:3])
    mutual = [
        Figure("Offers made", f"{sum(given.values())}, by {len([p for p in people if given[p]])} of {len(people)} members"),
        Figure("Offers backed by a commitment", str(with_commitment)),
        Figure("Members who gave and received", f"{both} of {len(people)}"),
        Figure("Members who only received", str(only_took)),
        Figure("Members who only gave", str(only_gave)),
    ]
    if top_givers:
        mutual.append(Figure("Gave most", top_givers))

    # 4. Connections outside the group.
    guests = guest_figures(group, held)
    joined = [m for m in group.members if m.joined and span.start <= m.joined <= span.end]
    referrals = sum(1 for a in introductions.values() if a.kind == AskKind.REFERRAL)
    stalled = stagnation(group, upto, STAGNATION_AFTER)
    flags = _new_face_flags(group, [(m.date, bool(m.visitors)) for m in upto])
    since = flags[::-1].index(True) if True in flags else None
    if stalled:
        faces = stalled.message
    elif since is not None:
        last_face = upto[len(upto) - 1 - since].date
        faces = f"last on {_dmy(last_face)}, " + ("at the latest meeting" if since == 0 else f"{plural(since, 'meeting')} ago")
    else:
        faces = f"none in {plural(len(upto), 'meeting')}" if upto else "n/a"
    outside = [
        Figure("Introductions made", f"{len(introductions)}" + (f" (of which {referrals} referrals)" if referrals else "")),
        Figure("Guests invited", f"{guests.invited}, of whom {guests.visits} came" if guests.no_shows else str(guests.invited)),
        Figure("Guest visits", f"{guests.visits}, {plural(guests.distinct, 'person', 'people')}, {guests.returning_visits} returning"),
        Figure("Members who brought a guest", f"{len(guests.inviters)} of {len(people)}"),
        Figure("Guests who became members", str(len(guests.became_members))),
        Figure("Members who joined", str(len(joined))),
        Figure("New faces", faces),
    ]
    return (
        HealthAnswer(QUESTIONS[0], tuple(value)),
        HealthAnswer(QUESTIONS[1], tuple(succeeding)),
        HealthAnswer(QUESTIONS[2], tuple(mutual)),
        HealthAnswer(QUESTIONS[3], tuple(outside)),
    )


def _goal_line(g: GoalEvidence, meetings: int) -> str:
    return (
        f"Served in {g.meetings_served} of {meetings} meetings; {plural(g.items, 'agenda item')}; "
        f"{plural(g.commitments_made, 'commitment')} made, {g.commitments_done} done; "
        f"{plural(g.introductions, 'introduction')}."
    )


def _period_line(review: PurposeReview) -> str:
    p = review.period
    line = f"{_dmy(p.start)} to {_dmy(p.end)}: {plural(review.meetings, 'meeting')}"
    if review.first_meeting and review.last_meeting:
        line += f" ({_dmy(review.first_meeting)} to {_dmy(review.last_meeting)})"
    return line


def report_text(review: PurposeReview) -> str:
    """The purpose review as plain text that reads well in any mail client."""
    lines = [
        f"{review.group_name}: purpose review, {review.period.label}",
        _period_line(review),
        "",
        f"Our purpose: {review.statement}" + (f" ({review.agreed})" if review.agreed else ""),
        "",
        "HOW HAVE WE BEEN SUCCESSFUL?",
    ]
    if not review.goals:
        lines += ["", "The purpose has no goals written down yet."]
    for g in review.goals:
        lines += ["", g.title]
        if g.success:
            lines.append(f"Success looks like: {g.success}")
        lines.append(_goal_line(g, review.meetings))
        lines += [f"- {e}" for e in g.examples]
    if review.unserved:
        lines += ["", "Not served by any meeting in this period: " + "; ".join(review.unserved)]
    for answer in review.answers:
        lines += ["", answer.question.upper()]
        lines += [f"- {f.label}: {f.value}" for f in answer.figures]
    return "\n".join(lines) + "\n"


def report_markdown(review: PurposeReview) -> str:
    """The purpose review as Markdown, for chat and wikis; user text is escaped, not markup."""
    lines = [
        f"# {md_escape(review.group_name)}: purpose review, {review.period.label}",
        "",
        _period_line(review),
        "",
        f"**Our purpose:** {md_escape(review.statement)}" + (f" ({md_escape(review.agreed)})" if review.agreed else ""),
        "",
        "## How have we been successful?",
    ]
    if not review.goals:
        lines += ["", "The purpose has no goals written down yet."]
    for g in review.goals:
        lines += ["", f"### {md_escape(g.title)}", ""]
        if g.success:
            lines += [f"*Success looks like:* {md_escape(g.success)}", ""]
        lines.append(_goal_line(g, review.meetings))
        if g.examples:
            lines.append("")
            lines += [f"- {md_escape(e)}" for e in g.examples]
    if review.unserved:
        lines += ["", "**Not served by any meeting in this period:** " + "; ".join(md_escape(t) for t in review.unserved)]
    for answer in review.answers:
        lines += ["", f"## {answer.question}", ""]
        lines += [f"- **{f.label}:** {md_escape(f.value)}" for f in answer.figures]
    return "\n".join(lines) + "\n"


def run_report_command(args: argparse.Namespace) -> int:
    """`mastermind report SLUG [--period P] [--format text|markdown] [-o FILE]`."""
    from .cli import CommandError
    from .store import Store, resolve_data_dir

    today = date.today()  # the shell reads the clock; everything below takes it as given
    try:
        parse_period(args.period, today=today)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    store = Store(resolve_data_dir(args.data_dir), writer=False)
    group = store.group(args.slug)
    review = purpose_review(group, store.history(args.slug), args.period, today=today)
    text = report_markdown(review) if args.format == "markdown" else report_text(review)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
