"""One fixed, realistic meeting for the minutes tests: Founders Circle, meeting 42.

Twelve members. Meeting 41 made seven commitments (one of them forum-only) and meeting 40 made
one that was carried at 41. At meeting 42 Dana comes late, Greg is absent (and still takes on a
commitment), Marta Reis sits in for Julia, Ana brings a guest, Chen is in the hot seat and a
decision is taken, some notes and an ask are forum-only, asks get offers, nine members rate
the meeting, and the next meeting is set with Eli in the hot seat.
"""

from __future__ import annotations

from datetime import date, datetime, time

from meetings.models import (
    Ask,
    AskKind,
    Attendance,
    Commitment,
    Goal,
    Group,
    Guest,
    ItemKind,
    ItemState,
    Meeting,
    MeetingItem,
    MeetingStatus,
    Member,
    Note,
    NoteKind,
    Offer,
    Presence,
    Purpose,
    Rating,
    Review,
    Visibility,
)

FORUM = Visibility.FORUM

# Texts that are forum-only: none of them may appear in any format of the minutes.
FORUM_TEXTS = (
    "Chen's cofounder may leave before the round; runway is five months",
    "Dana is talking to a buyer for the company; not public yet",
    "a bridge loan to cover payroll in December",
    "talk to the bank about a bridge loan",
    "settle the dispute with her former business partner",
    "happy to lend a hand with the bank if it comes to that",
)

MEMBERS = [
    ("ana", "Ana Souza", "ana@souza.example", "Pricely", "B2B SaaS"),
    ("ben", "Ben Okafor", "ben@carebridge.example", "CareBridge", "Healthtech"),
    ("chen", "Chen Wei", "chen@helixa.example", "Helixa Bio", "Biotech"),
    ("dana", "Dana Levi", "dana@nestly.example", "Nestly", "Consumer apps"),
    ("eli", "Eli Park", "eli@parkfreight.example", "Park Freight", "Logistics"),
    ("farah", "Farah Khan", "farah@ledgerly.example", "Ledgerly", "Fintech"),
    ("greg", "Greg Novak", "greg@novakworks.example", "Novak Works", "Manufacturing"),
    ("hana", "Hana Ito", "hana@studio-ito.example", "Studio Ito", "Design"),
    ("ivan", "Ivan Petrov", "", "Classly", "Edtech"),
    ("julia", "Julia Martins", "julia@hortafoods.example", "Horta Foods", "Food"),
    ("kofi", "Kofi Mensah", "kofi@sunpath.example", "SunPath", "Energy"),
    ("lena", "Lena Fischer", "lena@clauseo.example", "Clauseo", "Legal tech"),
]


def member_id(key: str) -> str:
    return f"m-{key}"


def build_group() -> Group:
    return Group(
        id="g-founders",
        slug="founders-circle",
        name="Founders Circle",
        cadence="biweekly",
        meeting_minutes=90,
        start_time=time(18, 0),
        purpose=Purpose(
            statement=(
                "Help each other build companies that last, and open doors for founders "
                "outside the circle."
            ),
            agreed_on=date(2025, 1, 14),
            agreed_by="all twelve members",
            goals=[
                Goal(id="build", title="Build companies that last", success="members still running in 5 years"),
                Goal(id="doors", title="Open doors outside the circle", success="introductions that happen"),
                Goal(id="learn", title="Learn across sectors", success="one idea taken from another sector"),
            ],
        ),
        members=[
            Member(
                id=member_id(key),
                name=name,
                email=email,
                company=company,
                sector=sector,
                joined=date(2024, 9, 3),
            )
            for key, name, email, company, sector in MEMBERS
        ]
        + [
            # A former member: not in the To: line, and never marked absent.
            Member(id="m-otto", name="Otto Berg", email="otto@berg.example", joined=date(2024, 9, 3), left=date(2025, 6, 1)),
        ],
    )


def _commitment(cid: str, owner: str, text: str, due: date, **extra) -> Commitment:
    return Commitment(id=cid, owner=member_id(owner), text=text, due=due, **extra)


def build_meeting_40() -> Meeting:
    return Meeting(
        id="meeting-40",
        group="founders-circle",
        number=40,
        date=date(2026, 10, 27),
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        attendance=[Attendance(member_id=member_id(k)) for k, *_ in MEMBERS],
        commitments=[_commitment("c40-eli", "eli", "hire a part-time bookkeeper", date(2026, 11, 10))],
    )


def build_meeting_41() -> Meeting:
    due = date(2026, 11, 24)
    return Meeting(
        id="meeting-41",
        group="founders-circle",
        number=41,
        date=date(2026, 11, 10),
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        attendance=[Attendance(member_id=member_id(k)) for k, *_ in MEMBERS],
        reviews=[Review(target_id="c40-eli", target="commitment", outcome="carried")],
        commitments=[
            _commitment("c41-ana", "ana", "send the pricing survey to 20 customers", due),
            _commitment("c41-ben", "ben", "book three calls with hospital buyers", due),
            _commitment("c41-chen", "chen", "send the quarterly investor update", due),
            _commitment("c41-dana", "dana", "interview five users who cancelled", due),
            _commitment("c41-farah", "farah", "publish the compliance checklist for fintech founders", due),
            _commitment("c41-kofi", "kofi", "visit two solar installers in Porto", due),
            _commitment("c41-lena", "lena", FORUM_TEXTS[4], due, visibility=FORUM),
        ],
        asks=[
            Ask(
                id="a41-hana",
                owner=member_id("hana"),
                text="a furniture buyer at a large Nordic retailer",
                kind=AskKind.INTRODUCTION,
            ),
        ],
    )


def build_meeting_42() -> Meeting:
    next_date = date(2026, 12, 8)
    items = [
        MeetingItem(id="i-round", title="Opening round: wins and news", kind=ItemKind.ROUND, planned_minutes=15, elapsed=16 * 60, state=ItemState.DONE),
        MeetingItem(id="i-acct", title="Accountability", kind=ItemKind.ACCOUNTABILITY, planned_minutes=15, elapsed=14 * 60, state=ItemState.DONE),
        MeetingItem(
            id="i-hot",
            title="Hot seat",
            kind=ItemKind.HOT_SEAT,
            planned_minutes=30,
            elapsed=33 * 60,
            state=ItemState.DONE,
            speakers=[member_id("chen")],
            topic="raise a seed round now, or after six more months of revenue?",
        ),
        MeetingItem(id="i-asks", title="Asks and offers", kind=ItemKind.ASKS_OFFERS, planned_minutes=15, elapsed=15 * 60, state=ItemState.DONE),
        MeetingItem(id="i-commit", title="Commitments", kind=ItemKind.COMMITMENTS, planned_minutes=10, elapsed=9 * 60, state=ItemState.DONE),
        MeetingItem(id="i-close", title="Close", kind=ItemKind.CLOSE, planned_minutes=5, elapsed=5 * 60, state=ItemState.DONE),
    ]
    presence = {k: Presence.PRESENT for k, *_ in MEMBERS}
    presence.update(dana=Presence.LATE, greg=Presence.ABSENT, julia=Presence.SUBSTITUTE)
    return Meeting(
        id="meeting-42",
        group="founders-circle",
        number=42,
        date=date(2026, 11, 24),
        start_time=time(18, 0),
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        started_at=datetime(2026, 11, 24, 18, 0),
        ended_at=datetime(2026, 11, 24, 19, 32),
        attendance=[
            Attendance(
                member_id=member_id(k),
                presence=presence[k],
                substitute="Marta Reis" if k == "julia" else "",
            )
            for k, *_ in MEMBERS
        ],
        guests=[Guest(id="guest-ines", name="Ines Duarte", invited_by=member_id("ana"), email="ines@duarte.example")],
        items=items,
        current=len(items) - 1,
        hot_seats=[member_id("chen")],
        reviews=[
            Review(target_id="c41-ana", target="commitment", outcome="done"),
            Review(target_id="c41-ben", target="commitment", outcome="done"),
            Review(target_id="c41-chen", target="commitment", outcome="done"),
            Review(target_id="c41-dana", target="commitment", outcome="partial"),
            Review(target_id="c41-farah", target="commitment", outcome="done"),
            Review(target_id="c41-kofi", target="commitment", outcome="missed"),
            Review(target_id="c41-lena", target="commitment", outcome="done"),
            Review(target_id="c40-eli", target="commitment", outcome="carried"),
            Review(target_id="a41-hana", target="ask", outcome="introduced"),
        ],
        notes=[
            Note(id="n-round", item_id="i-round", text="Three members closed their first enterprise deal since the last meeting."),
            Note(id="n-round-forum", item_id="i-round", text=FORUM_TEXTS[1], visibility=FORUM),
            Note(
                id="n-hot-decision",
                item_id="i-hot",
                kind=NoteKind.DECISION,
                text="Chen will talk to three founders who raised in 2025 before deciding.",
            ),
            Note(
                id="n-hot",
                item_id="i-hot",
                text=(
                    "What the group shared:\n"
                    "- a round raised on revenue costs less of the company\n"
                    "- investors in biotech expect a lab milestone, not revenue"
                ),
            ),
            Note(id="n-hot-forum", item_id="i-hot", text=FORUM_TEXTS[0], visibility=FORUM),
            Note(
                id="n-close-decision",
                item_id="i-close",
                kind=NoteKind.DECISION,
                text="From January we start at 18:00 sharp; the room opens at 17:45.",
            ),
        ],
        asks=[
            Ask(
                id="a-ben",
                owner=member_id("ben"),
                text="a head of procurement at a mid-size hospital",
                kind=AskKind.INTRODUCTION,
                goal="doors",
                item_id="i-asks",
            ),
            Ask(
                id="a-dana",
                owner=member_id("dana"),
                text="feedback on the new onboarding flow before it ships",
                kind=AskKind.ADVICE,
                who_could_help="anyone who sells self-serve",
                item_id="i-asks",
            ),
            Ask(
                id="a-kofi",
                owner=member_id("kofi"),
                text="a good employment lawyer in Lisbon",
                kind=AskKind.REFERRAL,
                item_id="i-asks",
            ),
            Ask(
                id="a-eli-forum",
                owner=member_id("eli"),
                text=FORUM_TEXTS[2],
                kind=AskKind.SUPPORT,
                visibility=FORUM,
                item_id="i-asks",
            ),
        ],
        offers=[
            Offer(id="o-farah", ask_id="a-ben", by=member_id("farah"), text="Maria Costa at St Luke's", commitment_id="c42-farah"),
            Offer(id="o-ivan", ask_id="a-ben", by=member_id("ivan"), text="the buyer he met at the Lisbon health fair"),
            Offer(id="o-lena", ask_id="a-kofi", by=member_id("lena"), text="two names, by email this week"),
            Offer(id="o-ana-forum", ask_id="a-eli-forum", by=member_id("ana"), text=FORUM_TEXTS[5], visibility=FORUM),
            Offer(id="o-kofi-hana", ask_id="a41-hana", by=member_id("kofi"), text="his cousin buys for a chain in Oslo"),
        ],
        commitments=[
            _commitment("c42-ana", "ana", "introduce Chen to two angel investors in healthtech", next_date, goal="doors"),
            _commitment("c42-chen", "chen", "talk to three founders who raised in 2025", next_date, goal="build"),
            _commitment("c42-farah", "farah", "introduce Ben to Maria Costa at St Luke's", next_date, goal="doors"),
            _commitment("c42-greg", "greg", "send the draft partnership agreement to Eli", next_date),
            _commitment("c42-dana", "dana", "ship the onboarding A/B test", date(2026, 12, 4)),
            _commitment("c42-ben-1", "ben", "send the pilot proposal to St Luke's", next_date),
            _commitment("c42-ben-2", "ben", "write up what the three hospital calls taught him", next_date, goal="learn"),
            _commitment("c42-eli-forum", "eli", FORUM_TEXTS[3], next_date, visibility=FORUM),
        ],
        ratings=[Rating(member_id=member_id(k), score=s) for k, s in zip(
            ["ana", "ben", "chen", "dana", "eli", "farah", "hana", "kofi", "lena"], [9, 8, 9, 8, 9, 10, 8, 8, 9], strict=True
        )],
        plus=["the hot seat format", "Ines's questions from outside the circle"],
        delta=["start on time", "keep the round to 90 seconds each"],
        goals_served=["doors", "build"],
        next_date=next_date,
        next_hot_seats=[member_id("eli")],
    )


def build() -> tuple[Meeting, Group, list[Meeting]]:
    """(meeting 42, the group, the earlier meetings oldest first)."""
    return build_meeting_42(), build_group(), [build_meeting_40(), build_meeting_41()]
