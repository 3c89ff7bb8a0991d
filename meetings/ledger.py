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
    commitments: dict[str, Tracked] = {}
    asks: dict[str, Tracked] = {}
    for meeting in _ordered(meetings):
        for review in meeting.reviews:
            book = commitments if review.target == "commitment" else asks
            tracked = book.get(review.target_id)
            if tracked is None:
                continue
            record = tracked.record
            if isinstance(record, Commitment):
                status = CommitmentStatus(review.outcome)
                carried = record.carried + (1 if status == CommitmentStatus.CARRIED else 0)
                record = record.model_copy(update={"status": status, "carried": carried})
            else:
                record = record.model_copy(update={"status": AskStatus(review.outcome)})
            book[review.target_id] = Tracked(record, tracked.meeting)
        for c in meeting.commitments:
            commitments[c.id] = Tracked(c, meeting)
        for a in meeting.asks:
            asks[a.id] = Tracked(a, meeting)
        # An offer made on an ask moves it from open to matched, if nothing later says otherwise.
        for offer in meeting.offers:
            tracked = asks.get(offer.ask_id)
            if tracked is not None and tracked.record.status == AskStatus.OPEN:
                asks[offer.ask_id] = Tracked(
                    tracked.record.model_copy(update={"status": AskStatus.MATCHED}), tracked.meeting
                )
    return commitments, asks


def open_items(history: Iterable[Meeting]) -> tuple[list[Tracked], list[Tracked]]:
    """Commitments and asks from earlier meetings still to be reviewed, oldest first.

    ``history`` is the closed meetings before the one being run.
    """
    commitments, asks = fold(history)
    open_c = [t for t in commitments.values() if t.record.status not in CLOSED_COMMITMENT]
    open_a = [t for t in asks.values() if t.record.status not in CLOSED_ASK]
    return open_c, open_a


def is_open_commitment(status: CommitmentStatus) -> bool:
    return status not in CLOSED_COMMITMENT
