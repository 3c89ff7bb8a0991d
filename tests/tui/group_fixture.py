"""A group for the group-screen tests: Harbour Founders, six members (one retired), three goals,
and histories either generated from a fixed seed or written by hand meeting by meeting."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from meetings.demo import generate_history
from meetings.files import bundled_templates
from meetings.models import (
    Ask,
    AskKind,
    Attendance,
    Cadence,
    Commitment,
    Goal,
    Group,
    ItemKind,
    ItemState,
    Meeting,
    MeetingItem,
    MeetingStatus,
    Member,
    Offer,
    Presence,
    Purpose,
    Rating,
    Review,
)
from meetings.store import Store

SLUG = "harbour-founders"
# "Today" for every group-screen test: a Tuesday after the last meeting of each history.
TODAY = datetime(2026, 11, 3, 17, 0, tzinfo=timezone.utc)


class StillClock:
    """A clock that always says TODAY."""

    def now(self) -> datetime:
        return TODAY


def harbour_group() -> Group:
    """Fixed ids everywhere, so seeded histories and screens are the same on every run."""
    return Group(
        id="harbour",
        slug=SLUG,
        name="Harbour Founders",
        cadence=Cadence.BIWEEKLY,
        purpose=Purpose(
            statement="Help each other build companies that last, and open doors for founders outside the group.",
            agreed_on=date(2025, 1, 14),
            agreed_by="All six founders",
            goals=[
                Goal(id="hard-calls", title="Better decisions on hard calls", success="Everyone takes the hot seat twice a year", kinds=[ItemKind.HOT_SEAT]),
                Goal(id="follow-through", title="Do what we said we would", success="Four in five commitments done", kinds=[ItemKind.ACCOUNTABILITY, ItemKind.COMMITMENTS]),
                Goal(id="open-doors", title="Open doors outside the group", success="Two introductions a quarter", kinds=[ItemKind.ASKS_OFFERS]),
            ],
        ),
        members=[
            Member(id="ana", name="Ana Souza", email="ana@example.com", company="Tallyroom", sector="Software", role="CEO",
                   objectives="Grow to 100 paying restaurants without a sales team.", joined=date(2024, 3, 5)),
            Member(id="ben", name="Ben Okafor", email="ben@example.com", company="Clearpath Medical", sector="Medical devices",
                   role="Founder", objectives="Land the first hospital pilot.", joined=date(2024, 3, 5)),
            Member(id="chen", name="Chen Wei", company="WardSync", sector="Health technology", role="Founder",
                   objectives="Decide whether to raise a seed round.", joined=date(2024, 3, 5)),
            Member(id="dana", name="Dana Levi", company="Nestling", sector="Consumer apps", role="CEO", joined=date(2024, 3, 5)),
            Member(id="eli", name="Eli Park", company="Park & Pine", sector="Furniture", role="Owner", joined=date(2024, 9, 10)),
            Member(id="greg", name="Greg Novak", company="Novak Logistics", sector="Logistics", role="Managing director",
                   joined=date(2024, 3, 5), left=date(2025, 2, 11)),
        ],
    )


def seeded_history(group: Group, count: int = 30) -> list[Meeting]:
    """``count`` closed meetings, every other Tuesday from 3 Jun 2025 (seed 11)."""
    return generate_history(group, count, seed=11, templates=bundled_templates(), start=date(2025, 6, 3))


def closed_meeting(number: int, day: date, **fields: object) -> Meeting:
    """A closed meeting of Harbour Founders; everyone active is present unless told otherwise."""
    attendance = [Attendance(member_id=m) for m in ("ana", "ben", "chen", "dana", "eli")]
    data: dict[str, object] = {
        "id": f"m{number}",
        "group": SLUG,
        "number": number,
        "date": day,
        "template": "classic-mastermind",
        "status": MeetingStatus.CLOSED,
        "attendance": attendance,
        "ratings": [Rating(member_id="ana", score=8), Rating(member_id="ben", score=9)],
        "goals_served": ["follow-through"],
    }
    data.update(fields)
    return Meeting.model_validate(data)


def hand_history() -> list[Meeting]:
    """Seven quiet meetings: Ana's bookkeeper commitment is carried twice, Ben answers her ask
    for an introduction and makes it, no guest ever comes, and only Ana has had the hot seat."""
    bookkeeper = Commitment(id="c-bookkeeper", owner="ana", text="hire a part-time bookkeeper", due=date(2026, 6, 16))
    survey = Commitment(id="c-survey", owner="ana", text="send the pricing survey to 20 customers", due=date(2026, 6, 16))
    intro = Ask(id="a-buyer", owner="ana", text="an introduction to a head of procurement at a restaurant group",
                kind=AskKind.INTRODUCTION)
    return [
        closed_meeting(1, date(2026, 6, 2), commitments=[bookkeeper, survey], asks=[intro]),
        closed_meeting(
            2, date(2026, 6, 16), hot_seats=["ana"],
            # Ana's seat was held: the hot-seat item ran with her on the floor.
            items=[MeetingItem(title="Hot seat", kind=ItemKind.HOT_SEAT, planned_minutes=30, state=ItemState.DONE,
                               elapsed=1800.0, speakers=["ana"])],
            reviews=[Review(target_id="c-bookkeeper", target="commitment", outcome="carried"),
                     Review(target_id="c-survey", target="commitment", outcome="done")],
            offers=[Offer(id="o-1", ask_id="a-buyer", by="ben", text="Maria Costa at Fresh Table")],
            attendance=[Attendance(member_id="ana"), Attendance(member_id="ben", presence=Presence.LATE),
                        Attendance(member_id="chen", presence=Presence.ABSENT), Attendance(member_id="dana"),
                        Attendance(member_id="eli")],
        ),
        closed_meeting(
            3, date(2026, 6, 30),
            reviews=[Review(target_id="c-bookkeeper", target="commitment", outcome="carried"),
                     Review(target_id="a-buyer", target="ask", outcome="introduced")],
        ),
        closed_meeting(4, date(2026, 7, 14)),
        closed_meeting(5, date(2026, 7, 28)),
        closed_meeting(6, date(2026, 8, 11)),
        closed_meeting(7, date(2026, 8, 25)),
    ]


def make_data(root: Path, history: list[Meeting], group: Group | None = None) -> Path:
    """A data folder holding the group and its history; the writer's lock is released on return."""
    with Store(root) as store:
        store.save_group(group or harbour_group())
        for meeting in history:
            store.save_meeting(meeting)
    return root


def stored_group(root: Path) -> Group:
    """The group as it is on disk now, read by a second, read-only store."""
    return Store(root, writer=False).group(SLUG)
