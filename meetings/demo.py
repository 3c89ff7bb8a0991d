"""Synthetic past meetings of a group, for demos, screenshots and benchmarks.

``generate_history`` plays a group's meetings forward, one by one, the way a real facilitator
would have recorded them: attendance, the agenda as run, hot seats for whoever waited longest,
last meeting's commitments and asks reviewed, new commitments, asks and offers, notes, ratings.

Everything comes from one ``random.Random(seed)`` (ids included), never from the clock, so a
seed always gives the same history. The texts are drawn from phrase banks of the kind of
things members of a mastermind actually say.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .ledger import CLOSED_ASK, CLOSED_COMMITMENT, fold
from .live import link_goal
from .models import (
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
    Member,
    Note,
    NoteKind,
    Offer,
    Presence,
    Rating,
    Review,
    Template,
    TemplateItem,
    Visibility,
)

# Default histories end before this date, so the output never depends on the day it is made.
ANCHOR = date(2026, 11, 1)

# Used only when no template is given at all: the everyday shape of a mastermind meeting.
FALLBACK_TEMPLATE = Template(
    slug="classic-mastermind",
    name="Classic mastermind",
    items=[
        TemplateItem(title="Wins round", kind=ItemKind.ROUND, minutes=10, per_person_minutes=1.5, social_glue=True),
        TemplateItem(title="Accountability", kind=ItemKind.ACCOUNTABILITY, minutes=15),
        TemplateItem(title="Hot seat", kind=ItemKind.HOT_SEAT, minutes=30),
        TemplateItem(title="Asks and offers", kind=ItemKind.ASKS_OFFERS, minutes=12),
        TemplateItem(title="Commitments", kind=ItemKind.COMMITMENTS, minutes=8),
        TemplateItem(title="Close", kind=ItemKind.CLOSE, minutes=5),
    ],
)

# --------------------------------------------------------------------------- phrase banks

COMMITMENTS = [
    "send the pricing survey to {num} customers",
    "call {num} former clients and ask why they left",
    "draft the one-page pitch and share it with {peer}",
    "block two mornings a week for strategic work, no email",
    "hire a part-time bookkeeper",
    "publish the case study on the website",
    "write the job ad for the first sales hire",
    "ask {num} happy clients for a referral",
    "finish the cash-flow forecast for the next 12 months",
    "raise prices for new clients by 10%",
    "book a meeting with the bank about a credit line",
    "decide whether to keep the second office, and tell the team",
    "run the first customer advisory call",
    "send the partnership proposal to {contact}",
    "follow up with {contact}, the name {peer} gave me",
    "record three short videos for the onboarding course",
    "have the difficult conversation with my co-founder about roles",
    "delegate the weekly report to someone on the team",
    "interview {num} candidates for the operations role",
    "finish the grant application and submit it",
    "set up a monthly one-to-one with each direct report",
    "speak at the local chamber of commerce breakfast",
    "cut the product list from 40 items to the best 15",
    "get three quotes for the new website",
    "sign the lease or walk away from it",
    "take a full week off without checking email",
    "write down the sales process so others can follow it",
    "introduce {peer} to two people in my network who fit their ask",
    "post on LinkedIn twice a week for the next month",
    "collect overdue invoices from the two slowest clients",
    "test the new offer with {num} prospects before changing the website",
    "draft the shareholder agreement and send it to the lawyer",
    "visit {num} customers on site and watch them use the product",
    "set a date for the team off-site and send the invitation",
    "mentor a founder outside the group for one hour",
    "invite a guest who would add to this group",
    "read the contract with a lawyer before signing it",
    "move the accounts to the new bookkeeping system",
]

ASKS: dict[AskKind, list[tuple[str, str]]] = {
    AskKind.INTRODUCTION: [
        ("an introduction to a head of procurement at a mid-size hospital", "anyone who sells into healthcare"),
        ("an introduction to an angel investor who backs food businesses", "founders who raised a friends-and-family round"),
        ("an introduction to the buyer for a regional supermarket chain", "anyone in retail or distribution"),
        ("an introduction to an HR director at a company of 200 to 500 people", "those with corporate clients"),
        ("an introduction to someone at the city council's economic development office", "anyone who has worked with the council"),
        ("an introduction to a CTO who has scaled a team past 30 engineers", "tech founders"),
        ("an introduction to a journalist who covers small business", "anyone who has been in the press"),
        ("an introduction to a family office that invests in property", "those in finance or real estate"),
        ("an introduction to the dean of the business school", "alumni in the room"),
        ("an introduction to a logistics manager at a 3PL warehouse", "anyone in e-commerce"),
    ],
    AskKind.ADVICE: [
        ("advice on pricing a retainer for a two-person agency", "anyone who moved from hourly to retainers"),
        ("advice on how to let go of a long-time employee with dignity", "those who have managed teams"),
        ("advice on whether to take a loan or bring in a partner", "anyone who has faced the same choice"),
        ("advice on structuring a sales commission plan", "those who have hired salespeople"),
        ("advice on negotiating a late-payment clause with a big client", "anyone with corporate clients"),
        ("advice on moving from founder-led sales to a sales team", "those who made that shift"),
        ("advice on setting up a board of advisors", "anyone with an advisory board"),
        ("advice on choosing between two office locations", "those who have moved offices"),
        ("advice on how to say no to custom work without losing the client", "service businesses"),
        ("advice on preparing the business for sale in three years", "anyone who has sold a company"),
    ],
    AskKind.REFERRAL: [
        ("a referral for a good employment lawyer", "anyone who used one last year"),
        ("a referral for an accountant who knows R&D tax credits", "tech and manufacturing members"),
        ("a referral for a reliable freelance designer", "anyone who works with freelancers"),
        ("a referral for a commercial insurance broker", "those with physical premises"),
        ("a referral for an executive coach", "anyone who has worked with a coach"),
        ("a referral for a recruiter who places finance staff", "those who hired in finance"),
        ("a referral for a printer who does short runs of packaging", "product businesses"),
        ("a referral for an IT support company for a 15-person office", "anyone"),
        ("a referral for a translator for German contracts", "anyone who exports"),
        ("a referral for a fractional CFO", "founders with investors"),
    ],
    AskKind.RESOURCE: [
        ("a template for a simple shareholder agreement", "anyone with co-founders"),
        ("an example of a good employee handbook", "those with more than ten staff"),
        ("a sample service-level agreement for a software client", "software members"),
        ("a checklist for opening a second location", "anyone with two sites"),
        ("a good book on negotiating with large customers", "anyone"),
        ("an onboarding plan for a new manager", "those who have hired managers"),
        ("a spreadsheet model for unit economics", "anyone with investors"),
        ("a list of trade fairs worth attending in our sector", "members in manufacturing and retail"),
        ("a one-page strategy template the team can read", "anyone"),
        ("a good customer survey to measure satisfaction", "service businesses"),
    ],
    AskKind.SUPPORT: [
        ("someone to review my investor deck before Friday", "anyone who has pitched"),
        ("a weekly check-in call while I finish the book", "anyone with ten minutes on Mondays"),
        ("feedback on the new onboarding flow", "anyone willing to try it as a customer"),
        ("a second pair of eyes on the price list", "anyone good with numbers"),
        ("help rehearsing a difficult conversation with a partner", "anyone who has been through one"),
        ("someone to hold me to a hard stop at 6pm for a month", "anyone"),
        ("feedback on the job description for the operations lead", "those who have hired for operations"),
        ("testers for the new booking page", "anyone with a phone and five minutes"),
        ("someone to sit in on a sales call and give honest feedback", "those who sell for a living"),
        ("a sounding board before I sign the new lease", "anyone who has signed a commercial lease"),
    ],
}

CONTACTS = [
    "Maria Costa at St Luke's",
    "Tom Becker at Northfield Capital",
    "Aisha Rahman at the city council",
    "Jonas Weber at Weber & Sons",
    "Priya Nair at Brightpath HR",
    "Lucas Moreau at the business school",
    "Hannah Schmidt at FreshMart",
    "Kwame Mensah at Harbour Logistics",
    "Sofia Lindqvist at the Chronicle",
    "Daniel Cohen at Cohen Legal",
    "Yuki Tanaka at Meridian Ventures",
    "Olivia Grant at Grant Insurance",
    "Mateo Alvarez at Alvarez Print",
    "Fatima Zahra at the regional development bank",
    "Peter Novak at Crestline Accounting",
    "Grace Adeyemi at Summit Recruiting",
]

ADVICE_OFFERS = [
    "happy to walk you through how we did it, a 30-minute call",
    "I'll send you what we use and explain the parts that matter",
    "let's have lunch next week, I made that mistake in 2019",
    "I can share our numbers from the switch, before and after",
    "I'll forward the document we used and the lawyer's notes",
    "I have a checklist for this; I'll send it tonight",
    "I'll sit in on the call with you",
    "I can review it on Thursday morning",
    "my operations lead did exactly this, I'll connect you",
    "I'll lend you the book, it changed how I negotiate",
]

CHALLENGES = [
    ("raise a seed round now, or after six more months of revenue?", "{first} will talk to three founders who raised last year before deciding."),
    ("my co-founder has stopped pulling their weight", "{first} will propose a written split of roles at their next one-to-one."),
    ("the biggest client is 40% of revenue and wants a discount", "{first} will hold the price and offer a longer contract instead."),
    ("should I open a second location or grow the first one?", "{first} will model both options and bring the numbers next time."),
    ("I am working 70 hours a week and the team still waits on me", "{first} will hand the weekly planning to the team lead for a month."),
    ("we keep losing good people after a year", "{first} will run exit interviews with the last three leavers."),
    ("the new product is late and the launch date is public", "{first} will announce a new date with a clear reason this week."),
    ("whether to accept an acquisition offer", "{first} will get an independent valuation before answering."),
    ("sales are flat for three quarters", "{first} will call ten lost deals and ask why they said no."),
    ("a key supplier doubled their prices", "{first} will get two alternative quotes within two weeks."),
    ("how to price a new consulting offer", "{first} will test three price points with the next prospects."),
    ("should we stop serving our smallest customers?", "{first} will set a minimum order and tell customers 60 days ahead."),
    ("a partner wants to exit the business", "{first} will ask the lawyer to draft buy-out options."),
    ("cash is tight for the next two months", "{first} will chase receivables daily and delay the new hire."),
    ("the team resists the new software we bought", "{first} will ask two champions to train the others."),
    ("whether to take on a large government contract", "{first} will check the payment terms and the capacity before bidding."),
]

TOPICS = [
    "How each of us plans the year",
    "Hiring the first salesperson",
    "Pricing: raising prices without losing clients",
    "Delegation: what only the owner should do",
    "Cash flow habits that work",
    "Building a board of advisors",
    "Using AI tools in a small business",
    "Succession and exit planning",
    "Keeping good people",
    "Saying no to the wrong customers",
]

NOTES = [
    "Several members review their numbers every Friday afternoon; {first} offered to share the template.",
    "The group agreed to keep hot seats to one challenge each.",
    "Good discussion on the difference between a goal and a commitment.",
    "{first} reminded everyone that experience sharing starts with 'what worked for me'.",
    "Three members use the same payroll provider and recommend it.",
    "We ran five minutes over on the wins round again.",
    "{first} brought printed one-page plans for everyone.",
    "Members asked for a session on hiring next time.",
    "Idea: invite a banker as a guest speaker this quarter.",
    "The asks this week were specific; the offers came quickly.",
]

FORUM_NOTES = [
    "In confidence: {first} is in early talks to sell the business.",
    "{first} shared personal health news; the group will check in between meetings.",
    "{first} is considering leaving the co-founder partnership; not to be discussed outside.",
    "Confidential figures on {first}'s margins were shared with the group.",
    "{first} spoke about a legal dispute with a former employee.",
]

DECISIONS = [
    "Meetings start at the stated time, whoever is in the room.",
    "Each member invites one guest this quarter.",
    "We will review the purpose at the first meeting of the year.",
    "Asks are written in the chat before the meeting.",
    "Two hot seats per meeting from now on.",
    "Phones face down during hot seats.",
]

PLUS = [
    "the hot seat format",
    "very specific asks",
    "started on time",
    "honest accountability round",
    "great energy in the wins round",
    "the guest brought a fresh view",
    "offers came with names, not vague promises",
    "good balance between listening and advice",
    "the room was quiet and we had coffee",
    "everyone came prepared",
]

DELTA = [
    "start on time",
    "keep the wins round short",
    "less advice, more experience sharing",
    "too much time on one hot seat",
    "the accountability round dragged",
    "send the agenda the day before",
    "some asks were too vague",
    "end on time, people had to leave",
    "fewer side conversations",
    "more time for asks and offers",
]

FIRST_NAMES = [
    "Ana", "Ben", "Chen", "Dana", "Eli", "Farah", "Greg", "Ines", "Jorge", "Kemi", "Lars", "Mina",
    "Nikhil", "Olga", "Pablo", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Yara", "Zoe", "Hugo",
]
LAST_NAMES = [
    "Duarte", "Okafor", "Lindgren", "Haddad", "Moreno", "Ivanova", "Kowalski", "Nguyen", "Fischer",
    "Mbeki", "Rossi", "Tanaka", "Brennan", "Sato", "Alves", "Petrov", "Kaur", "Schmidt", "Osei", "Laurent",
]


# --------------------------------------------------------------------------- state


@dataclass
class _OpenCommitment:
    record: Commitment
    status: CommitmentStatus
    carried: int


@dataclass
class _OpenAsk:
    record: Ask
    status: AskStatus
    made_index: int
    offered: bool


@dataclass
class _History:
    """What a facilitator would know before the next meeting: open items, hot-seat turns."""

    commitments: dict[str, _OpenCommitment] = field(default_factory=dict)
    asks: dict[str, _OpenAsk] = field(default_factory=dict)
    last_seat: dict[str, int] = field(default_factory=dict)  # member id -> meeting index
    next_hot_seats: list[str] = field(default_factory=list)
    returning_guests: list[tuple[str, str | None]] = field(default_factory=list)  # (name, invited_by)
    index: int = 0  # meetings so far


def _from_after(after: list[Meeting]) -> _History:
    history = _History()
    ordered = sorted(after, key=lambda m: (m.date, m.number))
    commitments, asks = fold(ordered)
    for tracked in commitments.values():
        c = tracked.record
        if c.status not in CLOSED_COMMITMENT:
            history.commitments[c.id] = _OpenCommitment(c, CommitmentStatus(c.status), c.carried)
    offered = {o.ask_id for m in ordered for o in m.offers}
    for tracked in asks.values():
        a = tracked.record
        if a.status not in CLOSED_ASK:
            history.asks[a.id] = _OpenAsk(a, AskStatus(a.status), 0, a.id in offered)
    for index, meeting in enumerate(ordered):
        for member_id in meeting.held_hot_seats:  # a seat picked but not run is no turn
            history.last_seat[member_id] = index
    history.index = len(ordered)
    if ordered:
        history.next_hot_seats = list(ordered[-1].next_hot_seats)
    return history


# --------------------------------------------------------------------------- the generator


class _Writer:
    """Plays the group's meetings forward with one seeded random source."""

    def __init__(self, group: Group, template: Template, rng: random.Random, history: _History):
        self.group = group
        self.template = template
        self.rng = rng
        self.history = history
        self.goal_ids = [g.id for g in group.purpose.goals]
        # Each member has a steady habit of turning up, so member ledgers look like people.
        self.reliability = {m.id: 0.72 + 0.25 * rng.random() for m in group.members}
        self.follow_through = {m.id: 0.5 + 0.3 * rng.random() for m in group.members}
        self.order = {m.id: i for i, m in enumerate(group.members)}
        self.seat_items = [i for i, t in enumerate(template.items) if t.kind == ItemKind.HOT_SEAT]
        # Guests who were invited and did not come draw from a source of their own, seeded from
        # the main one without drawing from it, so every other figure of a seed stays as it was.
        self.no_show_rng = random.Random(repr(rng.getstate()))  # a str seed is hashed with SHA-512: the same everywhere

    def new_id(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128)).hex

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # ------------------------------------------------------------------ people

    def members_on(self, day: date) -> list[Member]:
        """Members of the group on a day; if the file's join dates leave too few, the founders."""
        current = [m for m in self.group.members if (m.joined is None or m.joined <= day) and (m.left is None or day < m.left)]
        if len(current) >= 3:
            return current
        return [m for m in self.group.members if m.left is None or day < m.left]

    def attendance(self, members: list[Member]) -> list[Attendance]:
        records = []
        for m in members:
            r = self.rng.random()
            if r < self.reliability[m.id]:
                presence = Presence.LATE if self.chance(0.08) else Presence.PRESENT
                records.append(Attendance(member_id=m.id, presence=presence))
            elif self.chance(0.12):
                name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
                records.append(Attendance(member_id=m.id, presence=Presence.SUBSTITUTE, substitute=name))
            else:
                records.append(Attendance(member_id=m.id, presence=Presence.ABSENT))
        # A meeting with fewer than two members in the room would have been postponed.
        needed = min(2, len(records))
        in_room = sum(a.presence != Presence.ABSENT for a in records)
        for a in records:
            if in_room >= needed:
                break
            if a.presence == Presence.ABSENT:
                a.presence = Presence.PRESENT
                in_room += 1
        return records

    def guests(self, speaking: list[str]) -> list[Guest]:
        if not speaking:
            return []
        guests: list[Guest] = []
        pool = self.history.returning_guests
        # A guest comes back with the member who first brought them.
        welcome = [i for i, (_, inviter) in enumerate(pool) if inviter in speaking]
        if welcome and self.chance(0.25):
            name, inviter = pool.pop(self.rng.choice(welcome))
            became = self.chance(0.4)
            guests.append(Guest(id=self.new_id(), name=name, invited_by=inviter, first_visit=False, became_member=became))
        if self.chance(0.17):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            inviter = self.rng.choice(speaking)
            became = self.chance(0.04)
            guests.append(Guest(id=self.new_id(), name=name, invited_by=inviter, first_visit=True, became_member=became))
            if not became and self.chance(0.5):
                pool.append((name, inviter))
        if self.no_show_rng.random() < 0.06:
            # An invitation not taken up: kept, so group health can tell invitations from visits.
            name = f"{self.no_show_rng.choice(FIRST_NAMES)} {self.no_show_rng.choice(LAST_NAMES)}"
            guests.append(
                Guest(
                    id=uuid.UUID(int=self.no_show_rng.getrandbits(128)).hex,
                    name=name,
                    invited_by=self.no_show_rng.choice(speaking),
                    first_visit=True,
                    came=False,
                )
            )
        return guests

    def hot_seat_queue(self, candidates: list[str]) -> list[str]:
        """Candidates ordered by meetings since their last hot seat; never-seated first."""
        index = self.history.index

        def wait(member_id: str) -> tuple[bool, int, int]:
            seat = self.history.last_seat.get(member_id)
            return (seat is not None, -(index - seat) if seat is not None else 0, self.order[member_id])

        return sorted(candidates, key=wait)

    def hot_seats(self, speaking: list[str]) -> list[str]:
        count = min(len(self.seat_items), len(speaking))
        named = [m for m in self.history.next_hot_seats if m in speaking]
        rest = [m for m in self.hot_seat_queue(speaking) if m not in named]
        return (named + rest)[:count]

    # ------------------------------------------------------------------ texts

    def fill(self, text: str, owner: str, speaking: list[str]) -> str:
        peers = [m for m in speaking if m != owner] or [owner]
        peer = self.group.member(self.rng.choice(peers))
        return text.format(
            num=self.rng.choice([3, 5, 5, 10, 10, 12, 20]),
            peer=peer.first_name if peer else "a member",
            contact=self.rng.choice(CONTACTS).split(" at ")[0],
            first=self.group.member(owner).first_name if self.group.member(owner) else "a member",
        )

    def goal_for(self, item: MeetingItem | None) -> str | None:
        if item is not None and item.goal:
            return item.goal
        if self.goal_ids and self.chance(0.8):
            return self.rng.choice(self.goal_ids)
        return None

    def visibility(self, forum_share: float) -> Visibility:
        return Visibility.FORUM if self.chance(forum_share) else Visibility.SHAREABLE

    # ------------------------------------------------------------------ one meeting

    def meeting(self, number: int, day: date, next_day: date) -> Meeting:
        rng = self.rng
        members = self.members_on(day)
        member_ids = {m.id for m in members}
        attendance = self.attendance(members)
        speaking = [a.member_id for a in attendance if a.presence in (Presence.PRESENT, Presence.LATE)]
        guests = self.guests(speaking)
        seats = self.hot_seats(speaking)
        items = self.items(speaking, seats)
        by_kind = {}
        for item in items:
            by_kind.setdefault(item.kind, item)

        reviews = self.reviews(speaking, member_ids, day)
        commitments = self.new_commitments(members, speaking, seats, items, by_kind, next_day)
        asks = self.new_asks(speaking, by_kind)
        offers, offer_commitments = self.offers(asks, speaking, by_kind, next_day)
        commitments += offer_commitments
        notes = self.notes(speaking, items, by_kind)
        ratings = self.ratings(speaking)
        plus = rng.sample(PLUS, rng.choice([1, 1, 2]))
        delta = rng.sample(DELTA, rng.choice([0, 1, 1, 2]))
        served = list(dict.fromkeys(it.goal for it in items if it.goal and self.chance(0.85)))

        started = datetime.combine(day, self.group.start_time, tzinfo=timezone.utc)
        ended = started + timedelta(seconds=sum(it.elapsed for it in items) + rng.randint(60, 600))
        meeting = Meeting(
            id=self.new_id(),
            group=self.group.slug,
            number=number,
            date=day,
            start_time=self.group.start_time,
            template=self.template.slug,
            status=MeetingStatus.CLOSED,
            attendance=attendance,
            guests=guests,
            items=items,
            current=max(0, len(items) - 1),
            started_at=started,
            ended_at=ended,
            hot_seats=seats,
            commitments=commitments,
            asks=asks,
            offers=offers,
            notes=notes,
            reviews=reviews,
            ratings=ratings,
            plus=plus,
            delta=delta,
            goals_served=served,
            next_date=next_day,
        )
        self.remember(meeting, next_day)
        return meeting

    def items(self, speaking: list[str], seats: list[str]) -> list[MeetingItem]:
        rng = self.rng
        items = []
        for index, t in enumerate(self.template.items):
            goal = link_goal(t.kind, t.goal, self.group)
            factor = rng.uniform(1.12, 1.5) if self.chance(0.15) else max(0.5, rng.gauss(0.97, 0.08))
            speakers: list[str] = []
            topic = ""
            phase = 0
            if t.kind == ItemKind.ROUND:
                speakers = list(speaking)
            elif t.kind == ItemKind.HOT_SEAT:
                if len(self.seat_items) > 1:
                    position = self.seat_items.index(index)
                    speakers = [seats[position]] if position < len(seats) else []
                else:
                    speakers = list(seats)
                if speakers:
                    topic = rng.choice(CHALLENGES)[0]
                    phase = 3
            elif t.kind == ItemKind.DISCUSSION:
                topic = rng.choice(TOPICS)
            items.append(
                MeetingItem(
                    id=self.new_id(),
                    title=t.title,
                    kind=t.kind,
                    planned_minutes=t.minutes,
                    guidance=t.guidance,
                    per_person_minutes=t.per_person_minutes,
                    goal=goal,
                    social_glue=t.social_glue or goal is None,
                    state=ItemState.DONE,
                    elapsed=round(t.minutes * 60 * factor, 1),
                    speakers=speakers,
                    speaker_index=max(0, len(speakers) - 1),
                    phase_index=phase,
                    topic=topic,
                )
            )
        return items

    def reviews(self, speaking: list[str], member_ids: set[str], day: date) -> list[Review]:
        """Every open commitment is reviewed; open asks when something happened to them."""
        rng = self.rng
        out: list[Review] = []
        for cid, open_c in list(self.history.commitments.items()):
            owner = open_c.record.owner
            if owner not in member_ids:
                outcome = CommitmentStatus.DROPPED  # the owner has left the group
            elif owner not in speaking:
                # Carried while the owner is away; after three absences the group lets it go.
                outcome = CommitmentStatus.DROPPED if open_c.carried >= 3 else CommitmentStatus.CARRIED
            else:
                outcome = self.commitment_outcome(open_c, owner)
            out.append(Review(target_id=cid, target="commitment", outcome=outcome.value))
            if outcome in CLOSED_COMMITMENT:
                del self.history.commitments[cid]
            else:
                open_c.status = outcome
                if outcome == CommitmentStatus.CARRIED:
                    open_c.carried += 1
        for aid, open_a in list(self.history.asks.items()):
            owner = open_a.record.owner
            age = self.history.index - open_a.made_index
            outcome: AskStatus | None = None
            if owner not in member_ids:
                outcome = AskStatus.DROPPED
            elif owner not in speaking:
                continue
            elif open_a.status == AskStatus.OPEN:
                if age >= 3 and self.chance(0.45) or self.chance(0.08):
                    outcome = AskStatus.DROPPED
            elif open_a.status == AskStatus.MATCHED:
                linking = open_a.record.kind in (AskKind.INTRODUCTION, AskKind.REFERRAL)
                r = rng.random()
                if linking and r < 0.55:
                    outcome = AskStatus.INTRODUCED
                elif r < (0.7 if linking else 0.6):
                    outcome = AskStatus.FULFILLED
                elif r < 0.75 or age >= 6:
                    outcome = AskStatus.DROPPED
            elif open_a.status == AskStatus.INTRODUCED:
                r = rng.random()
                if r < 0.65:
                    outcome = AskStatus.FULFILLED
                elif r < 0.72 or age >= 6:
                    outcome = AskStatus.DROPPED
            if outcome is None:
                continue
            out.append(Review(target_id=aid, target="ask", outcome=outcome.value))
            if outcome in CLOSED_ASK:
                del self.history.asks[aid]
            else:
                open_a.status = outcome
        return out

    def commitment_outcome(self, open_c: _OpenCommitment, owner: str) -> CommitmentStatus:
        r = self.rng.random()
        done = self.follow_through[owner] + 0.15  # first reviews: about 65% to 95% done
        if open_c.carried >= 3:
            table = [(0.35, CommitmentStatus.DONE), (0.6, CommitmentStatus.DROPPED), (0.8, CommitmentStatus.MISSED)]
        elif open_c.carried or open_c.status == CommitmentStatus.PARTIAL:
            table = [(0.5, CommitmentStatus.DONE), (0.62, CommitmentStatus.MISSED), (0.72, CommitmentStatus.DROPPED)]
        else:
            rest = (1 - done) / 4
            table = [
                (done, CommitmentStatus.DONE),
                (done + rest * 1.2, CommitmentStatus.PARTIAL),
                (done + rest * 2.4, CommitmentStatus.MISSED),
                (done + rest * 3.4, CommitmentStatus.CARRIED),
            ]
            return next((s for limit, s in table if r < limit), CommitmentStatus.DROPPED)
        return next((s for limit, s in table if r < limit), CommitmentStatus.CARRIED)

    def new_commitments(
        self,
        members: list[Member],
        speaking: list[str],
        seats: list[str],
        items: list[MeetingItem],
        by_kind: dict[ItemKind, MeetingItem],
        due: date,
    ) -> list[Commitment]:
        rng = self.rng
        out: list[Commitment] = []
        commit_item = by_kind.get(ItemKind.COMMITMENTS) or (items[-1] if items else None)
        seat_item = {it.speakers[0]: it for it in items if it.kind == ItemKind.HOT_SEAT and it.speakers}
        for m in members:
            here = m.id in speaking
            # Most of those in the room commit; now and then an absent member is given one too.
            if not self.chance(0.88 if here else 0.05):
                continue
            for n in range(2 if self.chance(0.15) else 1):
                seat = seat_item.get(m.id)
                if seat is not None and n == 0:
                    # The hot-seat member's commitment is what they decided in the seat.
                    pair = next((c for c in CHALLENGES if c[0] == seat.topic), CHALLENGES[0])
                    text = pair[1].format(first=m.first_name).removeprefix(f"{m.first_name} will ").rstrip(".")
                    item = seat
                else:
                    text = self.fill(rng.choice(COMMITMENTS), m.id, speaking)
                    item = commit_item
                out.append(
                    Commitment(
                        id=self.new_id(),
                        owner=m.id,
                        text=text,
                        due=due,
                        goal=self.goal_for(item),
                        visibility=self.visibility(0.06),
                        item_id=item.id if item else None,
                    )
                )
        return out

    def new_asks(self, speaking: list[str], by_kind: dict[ItemKind, MeetingItem]) -> list[Ask]:
        rng = self.rng
        item = by_kind.get(ItemKind.ASKS_OFFERS)
        out = []
        for member_id in speaking:
            if not self.chance(0.35):
                continue
            kind = rng.choices(list(ASKS), weights=[30, 25, 20, 10, 15])[0]
            text, who = rng.choice(ASKS[kind])
            out.append(
                Ask(
                    id=self.new_id(),
                    owner=member_id,
                    text=text,
                    kind=kind,
                    who_could_help=who,
                    goal=self.goal_for(item),
                    visibility=self.visibility(0.05),
                    item_id=item.id if item else None,
                )
            )
        return out

    def offer_text(self, ask: Ask) -> str:
        if ask.kind in (AskKind.INTRODUCTION, AskKind.REFERRAL):
            return self.rng.choice(CONTACTS)
        return self.rng.choice(ADVICE_OFFERS)

    def offers(
        self, asks: list[Ask], speaking: list[str], by_kind: dict[ItemKind, MeetingItem], due: date
    ) -> tuple[list[Offer], list[Commitment]]:
        rng = self.rng
        offers: list[Offer] = []
        commitments: list[Commitment] = []
        item = by_kind.get(ItemKind.ASKS_OFFERS)
        # Older asks still without an offer sometimes get one later.
        waiting = [o.record for o in self.history.asks.values() if not o.offered and o.status == AskStatus.OPEN]
        candidates = [(a, 0.62) for a in asks] + [(a, 0.2) for a in waiting]
        for ask, p in candidates:
            helpers = [m for m in speaking if m != ask.owner]
            if not helpers or not self.chance(p):
                continue
            for by in rng.sample(helpers, 2 if len(helpers) > 1 and self.chance(0.15) else 1):
                text = self.offer_text(ask)
                commitment_id = None
                if self.chance(0.3):
                    owner = self.group.member(ask.owner)
                    first = owner.first_name if owner else "them"
                    if ask.kind in (AskKind.INTRODUCTION, AskKind.REFERRAL):
                        ctext = f"introduce {first} to {text}"
                    else:
                        ctext = f"follow up with {first} on their ask"
                    commitment = Commitment(
                        id=self.new_id(), owner=by, text=ctext, due=due, goal=ask.goal,
                        item_id=item.id if item else None,
                    )
                    commitments.append(commitment)
                    commitment_id = commitment.id
                offers.append(
                    Offer(
                        id=self.new_id(), ask_id=ask.id, by=by, text=text, commitment_id=commitment_id,
                        visibility=Visibility.FORUM if ask.visibility == Visibility.FORUM else Visibility.SHAREABLE,
                    )
                )
        return offers, commitments

    def notes(self, speaking: list[str], items: list[MeetingItem], by_kind: dict[ItemKind, MeetingItem]) -> list[Note]:
        rng = self.rng
        out: list[Note] = []
        for it in items:
            if it.kind == ItemKind.HOT_SEAT and it.speakers:
                who = self.group.member(it.speakers[0])
                pair = next((c for c in CHALLENGES if c[0] == it.topic), CHALLENGES[0])
                out.append(Note(id=self.new_id(), kind=NoteKind.DECISION, text=pair[1].format(first=who.first_name if who else "They"), item_id=it.id))
                if self.chance(0.12) and who:
                    out.append(Note(id=self.new_id(), text=rng.choice(FORUM_NOTES).format(first=who.first_name), item_id=it.id, visibility=Visibility.FORUM))
            elif it.kind == ItemKind.DISCUSSION and speaking and self.chance(0.7):
                text = self.fill(rng.choice(NOTES), rng.choice(speaking), speaking)
                out.append(Note(id=self.new_id(), text=text, item_id=it.id))
        if items and speaking and self.chance(0.4):
            it = rng.choice(items)
            out.append(Note(id=self.new_id(), text=self.fill(rng.choice(NOTES), rng.choice(speaking), speaking), item_id=it.id, visibility=self.visibility(0.1)))
        if items and self.chance(0.06):
            it = by_kind.get(ItemKind.CLOSE) or items[-1]
            out.append(Note(id=self.new_id(), kind=NoteKind.DECISION, text=rng.choice(DECISIONS), item_id=it.id))
        return out

    def ratings(self, speaking: list[str]) -> list[Rating]:
        rng = self.rng
        mood = rng.gauss(8.3, 0.6)
        out = []
        for member_id in speaking:
            if self.chance(0.9):
                score = round(min(10.0, max(6.0, rng.gauss(mood, 0.8))))
                out.append(Rating(member_id=member_id, score=score))
        return out

    def remember(self, meeting: Meeting, next_day: date) -> None:
        """Carry what this meeting left open into the next one."""
        history = self.history
        for c in meeting.commitments:
            history.commitments[c.id] = _OpenCommitment(c, CommitmentStatus.OPEN, 0)
        for a in meeting.asks:
            history.asks[a.id] = _OpenAsk(a, AskStatus.OPEN, history.index, False)
        for o in meeting.offers:
            open_a = history.asks.get(o.ask_id)
            if open_a is not None:
                open_a.offered = True
                if open_a.status == AskStatus.OPEN:
                    open_a.status = AskStatus.MATCHED
        for member_id in meeting.held_hot_seats:
            history.last_seat[member_id] = history.index
        history.index += 1
        upcoming = [m.id for m in self.members_on(next_day)]
        meeting.next_hot_seats = self.hot_seat_queue(upcoming)[: len(self.seat_items)]
        history.next_hot_seats = list(meeting.next_hot_seats)


def _template_for(group: Group, templates: list[Template]) -> Template:
    for t in templates:
        if t.slug == group.default_template:
            return t
    return templates[0] if templates else FALLBACK_TEMPLATE


def generate_history(
    group: Group,
    n: int,
    *,
    seed: int = 0,
    templates: list[Template],
    after: list[Meeting] = [],  # noqa: B006 - never mutated
    start: date | None = None,
) -> list[Meeting]:
    """``n`` closed meetings of ``group``, oldest first, as a facilitator would have recorded them.

    Dates follow the group's cadence. After ``after`` (the group's existing closed meetings),
    the new ones continue their numbers and dates; else from ``start``; else they end on the
    last Tuesday before ``ANCHOR`` (1 Nov 2026). The agenda is the group's default template
    (else the first of ``templates``). The same seed gives the same meetings, ids included.
    """
    if n < 0:
        raise ValueError("n must be 0 or more")
    rng = random.Random(seed)
    step = timedelta(days=group.cadence.days)
    ordered = sorted(after, key=lambda m: (m.date, m.number))
    if ordered:
        last = ordered[-1]
        first_day = max(last.next_date or last.date + step, last.date + step)
        first_number = max(m.number for m in ordered) + 1
    elif start is not None:
        first_day, first_number = start, 1
    else:
        last_day = ANCHOR - timedelta(days=1)
        last_day -= timedelta(days=(last_day.weekday() - 1) % 7)  # back to a Tuesday
        first_day, first_number = last_day - step * max(0, n - 1), 1
    writer = _Writer(group, _template_for(group, templates), rng, _from_after(ordered))
    meetings = []
    for i in range(n):
        day = first_day + step * i
        meetings.append(writer.meeting(first_number + i, day, day + step))
    return meetings
