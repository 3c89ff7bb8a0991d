"""The current state of commitments and asks, folded from a group's meetings.

A commitment is made in one meeting and reviewed in later ones (closed meetings are never
edited). These pure functions replay the reviews, in meeting order, to answer "what is still
open, and how many times has it been carried?".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Ask, AskStatus, Commitment, CommitmentStatus, Meeting

# A commitment reviewed as one of these is finished; carried and partial stay on the list.
CLOSED_COMMITMENT = {CommitmentStatus.DONE, CommitmentStatus.MISSED, CommitmentStatus.DROPPED}
CLOSED_ASK = {AskStatus.FULFILLED, AskStatus.DROPPED}


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


def fold(meetings: Iterable[Meeting]) -> tuple[dict[str, Tracked], dict[str, Tracked]]:
    """Replay every meeting's commitments, asks and reviews.

    Returns (commitments, asks), each a dict id -> Tracked with status and carried count as of
    the last meeting given. Reviews of unknown ids are ignored (their meeting may be missing).
    """
    # Replay on plain values first; build one record copy per changed item at the end
    # (a pydantic copy per review made this the hot spot of ten-year histories).
    made: dict[str, tuple[Commitment | Ask, Meeting]] = {}
    state: dict[str, tuple[str, int]] = {}  # id -> (status, carried)
    kind: dict[str, str] = {}
    for meeting in _ordered(meetings):
        for review in meeting.reviews:
            current = state.get(review.target_id)
            if current is None or kind[review.target_id] != review.target:
                continue
            carried = current[1] + (1 if review.outcome == CommitmentStatus.CARRIED else 0)
            state[review.target_id] = (review.outcome, carried)
        for c in meeting.commitments:
            made[c.id] = (c, meeting)
            state[c.id] = (c.status.value, c.carried)
            kind[c.id] = "commitment"
        for a in meeting.asks:
            made[a.id] = (a, meeting)
            state[a.id] = (a.status.value, 0)
            kind[a.id] = "ask"
        # An offer made on an ask moves it from open to matched, if nothing later says otherwise.
        for offer in meeting.offers:
            current = state.get(offer.ask_id)
            if current is not None and kind[offer.ask_id] == "ask" and current[0] == AskStatus.OPEN:
                state[offer.ask_id] = (AskStatus.MATCHED.value, 0)
    commitments: dict[str, Tracked] = {}
    asks: dict[str, Tracked] = {}
    for record_id, (record, meeting) in made.items():
        status, carried = state[record_id]
        if isinstance(record, Commitment):
            if status != record.status or carried != record.carried:
                record = record.model_copy(update={"status": CommitmentStatus(status), "carried": carried})
            commitments[record_id] = Tracked(record, meeting)
        else:
            if status != record.status:
                record = record.model_copy(update={"status": AskStatus(status)})
            asks[record_id] = Tracked(record, meeting)
    return commitments, asks


def open_items(history: Iterable[Meeting]) -> tuple[list[Tracked], list[Tracked]]:
    """Commitments and asks from earlier meetings still to be reviewed, oldest first.

    ``history`` is the closed meetings before the one being run.
    """
    return still_open(*fold(history))


def still_open(commitments: dict[str, Tracked], asks: dict[str, Tracked]) -> tuple[list[Tracked], list[Tracked]]:
    """The open ones of a fold() result, for callers that keep the fold."""
    open_c = [t for t in commitments.values() if t.record.status not in CLOSED_COMMITMENT]
    open_a = [t for t in asks.values() if t.record.status not in CLOSED_ASK]
    return open_c, open_a


def is_open_commitment(status: CommitmentStatus) -> bool:
    return status not in CLOSED_COMMITMENT
