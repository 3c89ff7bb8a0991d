"""The current state of commitments and asks, folded from a group's meetings.

A commitment is made in one meeting and reviewed in later ones (closed meetings are never
edited). These pure functions replay the reviews, in meeting order, to answer "what is still
open, and how many times has it been carried?".

``fold`` gives every record at once. ``Ledger`` is the same replay kept open: meetings are
added one at a time, on plain values, and a record is copied only when asked for, so the
minutes of one meeting (a handful of records) or the health figures of ten years (statuses
only, no records kept) do not pay for copying thousands of records.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from sys import intern
from typing import Literal

from .models import Ask, AskStatus, Commitment, CommitmentStatus, Meeting

# A commitment reviewed as one of these is finished; carried and partial stay on the list.
CLOSED_COMMITMENT = {CommitmentStatus.DONE, CommitmentStatus.MISSED, CommitmentStatus.DROPPED}
CLOSED_ASK = {AskStatus.FULFILLED, AskStatus.DROPPED}

Kind = Literal["commitment", "ask"]


@dataclass(frozen=True)
class Tracked:
    """A commitment or ask with the meeting it was made in, as of the latest review."""

    record: Commitment | Ask
    meeting: Meeting  # where it was made

    @property
    def id(self) -> str:
        return self.record.id


def _ordered(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.number))


class Ledger:
    """The replay of ``fold``, one meeting at a time, on plain values.

    ``Ledger(meetings)`` replays ``meetings`` in meeting order; ``add`` replays one more, which
    must not be older than those before it. ``only`` limits the replay to those record ids
    (each record's state depends on its own reviews and offers alone, so theirs come out as a
    full fold would give them), from the meeting where the earliest of them was last made: the
    minutes of one meeting replay the few meetings since, not ten years. ``records=False``
    keeps no record and no meeting, only each id's kind, status and carried count: what
    figures over a long history need.
    """

    def __init__(self, meetings: Iterable[Meeting] = (), *, only: Collection[str] | None = None, records: bool = True):
        self._only = frozenset(only) if only is not None else None
        self._records = records
        self._made: dict[str, tuple[Commitment | Ask, Meeting]] = {}
        self._state: dict[str, tuple[str, int]] = {}  # id -> (status, carried)
        self._kind: dict[str, Kind] = {}
        self._copies: dict[str, Tracked] = {}
        self._last: tuple[date, int] | None = None
        ordered = _ordered(meetings)
        for meeting in ordered[self._first_needed(ordered) :]:
            self.add(meeting)

    def _first_needed(self, ordered: list[Meeting]) -> int:
        """Where the replay of ``only`` can start: the meeting where the earliest of them was
        last made (making a record starts its state afresh, so nothing before counts)."""
        if self._only is None:
            return 0
        missing = set(self._only)
        for index in range(len(ordered) - 1, -1, -1):
            meeting = ordered[index]
            missing.difference_update(c.id for c in meeting.commitments)
            missing.difference_update(a.id for a in meeting.asks)
            if not missing:
                return index
        return 0

    def add(self, meeting: Meeting) -> None:
        """Replay one meeting: its reviews first, then what was made in it, then its offers.

        Raises ValueError for a meeting older than the last one added (a review replayed
        before the record it names would be lost)."""
        when = (meeting.date, meeting.number)
        if self._last is not None and when < self._last:
            raise ValueError(f"meeting {meeting.number} of {meeting.date} comes before meeting {self._last[1]} of {self._last[0]}")
        self._last = when
        only, state, kind = self._only, self._state, self._kind
        self._copies.clear()
        for review in meeting.reviews:
            target = review.target_id
            if only is not None and target not in only:
                continue
            current = state.get(target)
            if current is None or kind[target] != review.target:
                continue
            carried = current[1] + (1 if review.outcome == CommitmentStatus.CARRIED else 0)
            # One shared string per status, not one per review: ten years hold thousands.
            state[target] = (intern(review.outcome), carried)
        for c in meeting.commitments:
            if only is not None and c.id not in only:
                continue
            if self._records:
                self._made[c.id] = (c, meeting)
            state[c.id] = (c.status.value, c.carried)
            kind[c.id] = "commitment"
        for a in meeting.asks:
            if only is not None and a.id not in only:
                continue
            if self._records:
                self._made[a.id] = (a, meeting)
            state[a.id] = (a.status.value, 0)
            kind[a.id] = "ask"
        # An offer made on an ask moves it from open to matched, if nothing later says otherwise.
        for offer in meeting.offers:
            current = state.get(offer.ask_id)
            if current is not None and kind[offer.ask_id] == "ask" and current[0] == AskStatus.OPEN:
                state[offer.ask_id] = (AskStatus.MATCHED.value, 0)

    # ------------------------------------------------------------------ plain values

    def kind(self, record_id: str) -> Kind | None:
        """Whether the id was last made as a commitment or an ask; None: not seen."""
        return self._kind.get(record_id)

    def status(self, record_id: str) -> str | None:
        """The status (a CommitmentStatus or AskStatus value) as of the last meeting added."""
        current = self._state.get(record_id)
        return current[0] if current else None

    def carried(self, record_id: str) -> int:
        current = self._state.get(record_id)
        return current[1] if current else 0

    def states(self, kind: Kind) -> Iterator[tuple[str, str, int]]:
        """(id, status, carried) of every record of that kind, in the order first made."""
        state = self._state
        for record_id, record_kind in self._kind.items():
            if record_kind == kind:
                status, carried = state[record_id]
                yield record_id, status, carried

    # ------------------------------------------------------------------ records

    def _tracked(self, record_id: str, kind: Kind) -> Tracked | None:
        if not self._records:
            raise ValueError("this ledger keeps no records (records=False)")
        if self._kind.get(record_id) != kind:
            return None
        found = self._copies.get(record_id)
        if found is not None:
            return found
        record, meeting = self._made[record_id]
        status, carried = self._state[record_id]
        if isinstance(record, Commitment):
            if status != record.status or carried != record.carried:
                record = record.model_copy(update={"status": CommitmentStatus(status), "carried": carried})
        elif status != record.status:
            record = record.model_copy(update={"status": AskStatus(status)})
        found = self._copies[record_id] = Tracked(record, meeting)
        return found

    def commitment(self, record_id: str) -> Tracked | None:
        """The commitment with its current status and carried count, or None."""
        return self._tracked(record_id, "commitment")

    def ask(self, record_id: str) -> Tracked | None:
        """The ask with its current status, or None."""
        return self._tracked(record_id, "ask")

    def commitments(self) -> dict[str, Tracked]:
        """Every commitment, id -> Tracked, in the order first made."""
        return {rid: t for rid, _, _ in self.states("commitment") if (t := self.commitment(rid)) is not None}

    def asks(self) -> dict[str, Tracked]:
        """Every ask, id -> Tracked, in the order first made."""
        return {rid: t for rid, _, _ in self.states("ask") if (t := self.ask(rid)) is not None}

    def open_items(self) -> tuple[list[Tracked], list[Tracked]]:
        """The commitments and asks still open, in the order first made; only these are copied."""
        open_c = [self.commitment(rid) for rid, status, _ in self.states("commitment") if status not in CLOSED_COMMITMENT]
        open_a = [self.ask(rid) for rid, status, _ in self.states("ask") if status not in CLOSED_ASK]
        return [t for t in open_c if t is not None], [t for t in open_a if t is not None]


def fold(meetings: Iterable[Meeting]) -> tuple[dict[str, Tracked], dict[str, Tracked]]:
    """Replay every meeting's commitments, asks and reviews.

    Returns (commitments, asks), each a dict id -> Tracked with status and carried count as of
    the last meeting given. Reviews of unknown ids are ignored (their meeting may be missing).
    """
    ledger = Ledger(meetings)
    return ledger.commitments(), ledger.asks()


def open_items(history: Iterable[Meeting]) -> tuple[list[Tracked], list[Tracked]]:
    """Commitments and asks from earlier meetings still to be reviewed, oldest first.

    ``history`` is the closed meetings before the one being run.
    """
    return Ledger(history).open_items()


def still_open(commitments: dict[str, Tracked], asks: dict[str, Tracked]) -> tuple[list[Tracked], list[Tracked]]:
    """The open ones of a fold() result, for callers that keep the fold."""
    open_c = [t for t in commitments.values() if t.record.status not in CLOSED_COMMITMENT]
    open_a = [t for t in asks.values() if t.record.status not in CLOSED_ASK]
    return open_c, open_a


def is_open_commitment(status: CommitmentStatus) -> bool:
    return status not in CLOSED_COMMITMENT
