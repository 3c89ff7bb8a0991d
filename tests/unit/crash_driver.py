"""A facilitator who never stops: runs a scripted meeting of 100 actions against a data folder,
printing "confirmed N" (flushed) as soon as action N has returned, so a test can kill it with
SIGKILL at any moment and check that every confirmed action survived.

    python tests/unit/crash_driver.py DATA_DIR FIRST

resumes the group's unfinished meeting from disk and performs actions FIRST..100. The script is
deterministic: action N always does the same thing to the same state, with the same clock
reading and the same record ids, so a test can replay it in memory and compare.
"""

from __future__ import annotations

import contextlib
import random
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from meetings.live import LiveError, LiveMeeting
from meetings.models import AskKind, CommitmentStatus, Meeting, NoteKind, Presence, Visibility
from meetings.store import Store

SLUG = "founders-circle"
SCRIPT_LENGTH = 100
START = datetime(2026, 11, 10, 18, 0, tzinfo=timezone.utc)
STEP_SECONDS = 41

# Action 1 starts the clock, action 100 closes the meeting; in between, what a facilitator does.
_KINDS = (
    ["commitment"] * 6 + ["ask"] * 3 + ["note"] * 4 + ["offer"] * 2 + ["next_item"] * 3 + ["back"]
    + ["speaker"] * 3 + ["pause"] * 2 + ["extend"] + ["review"] * 4 + ["rate"] * 2 + ["plus", "delta", "presence", "topic"]
)
_rng = random.Random("mastermind crash script")
SCRIPT: list[str] = ["", "start"] + [_rng.choice(_KINDS) for _ in range(2, SCRIPT_LENGTH)] + ["close"]


class ScriptClock:
    """The clock of the scripted meeting: action N happens STEP_SECONDS * N after the start."""

    def __init__(self) -> None:
        self.index = 0

    def now(self) -> datetime:
        return START + timedelta(seconds=STEP_SECONDS * self.index)


@contextlib.contextmanager
def seeded_ids(index: int) -> Iterator[None]:
    """Record ids made during action ``index`` come from a seeded generator, not the OS."""
    rng = random.Random(f"ids {index}")
    real = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = real  # type: ignore[assignment]


def perform(live: LiveMeeting, index: int, clock: ScriptClock) -> None:
    """Action ``index`` of the script. One that cannot be done now (LiveError) changes nothing."""
    clock.index = index
    kind = SCRIPT[index]
    rng = random.Random(f"action {index}")
    members = [m.id for m in live.group.active_members]
    owner = members[index % len(members)]
    with seeded_ids(index):
        try:
            if kind == "start":
                live.start()
            elif kind == "commitment":
                live.add_commitment(owner, f"step {index}: send the pricing survey to {index} customers")
            elif kind == "ask":
                live.add_ask(owner, f"step {index}: an introduction to a hospital buyer", AskKind.INTRODUCTION)
            elif kind == "note":
                visibility = Visibility.FORUM if index % 3 == 0 else Visibility.SHAREABLE
                live.add_note(f"step {index}: we meet in person in January", rng.choice(list(NoteKind)), visibility)
            elif kind == "offer":
                asks = live.open_asks()
                if asks:
                    live.add_offer(asks[rng.randrange(len(asks))].id, owner, f"step {index}: Maria at St Luke's")
            elif kind == "next_item":
                live.next_item()
            elif kind == "back":
                live.back()
            elif kind == "speaker":
                live.next_speaker()
            elif kind == "pause":
                live.toggle_pause()
            elif kind == "extend":
                live.extend(5)
            elif kind == "review":
                commitments, asks = live.open_items()
                if commitments:
                    target = commitments[rng.randrange(len(commitments))]
                    live.review("commitment", target.id, rng.choice(list(CommitmentStatus)))
            elif kind == "rate":
                live.rate(owner, rng.randint(1, 10))
            elif kind == "plus":
                live.add_plus(f"step {index}: the hot seat format")
            elif kind == "delta":
                live.add_delta(f"step {index}: start on time")
            elif kind == "presence":
                live.set_presence(owner, Presence.LATE)
            elif kind == "topic":
                live.set_topic(f"step {index}: raise now or after six months of revenue?")
            elif kind == "close":
                live.close()
        except LiveError:
            pass


def open_meeting(store: Store) -> LiveMeeting:
    """The group's unfinished meeting, as the app would resume it, with the script's clock."""
    group = store.group(SLUG)
    (meeting,) = store.unfinished(SLUG)
    history = [m for m in store.history(SLUG) if (m.date, m.number) < (meeting.date, meeting.number)]
    return LiveMeeting(meeting, group, history, save=store.save_meeting, clock=ScriptClock())


def replay(start: Meeting, live: LiveMeeting) -> list[dict[str, object]]:
    """Every state of the scripted meeting in memory: states[N] is the meeting after action N."""
    live.meeting = start
    states = [start.model_dump(mode="json")]
    clock = live.clock
    assert isinstance(clock, ScriptClock)
    for index in range(1, SCRIPT_LENGTH + 1):
        perform(live, index, clock)
        states.append(live.meeting.model_dump(mode="json"))
    return states


def main(argv: list[str]) -> int:
    data_dir, first = Path(argv[1]), int(argv[2])
    with Store(data_dir) as store:
        live = open_meeting(store)
        assert isinstance(live.clock, ScriptClock)
        for index in range(first, SCRIPT_LENGTH + 1):
            perform(live, index, live.clock)
            print(f"confirmed {index}", flush=True)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
