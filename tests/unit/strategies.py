"""Hypothesis strategies for every Mastermind record, reusable across the test suite.

Every strategy draws *valid* records (they pass the models' own validation), covering every
optional field, every enum value, and the text a facilitator really pastes: emoji, right-to-left
scripts, markup-like strings (``[bold]``, ``[@click=app.quit]``), ANSI escapes, control
characters and text at the length limits.

    from tests.unit.strategies import groups, members, meetings, group_with_meetings

``meetings(group)`` takes a drawn :class:`Group` so that attendance, owners and goals refer to
the group's real members and goals, as they do in the app.
"""

from __future__ import annotations

import functools
import re
from datetime import time, timedelta, timezone

from hypothesis import strategies as st

from meetings.models import visible
from meetings.models import (
    LINE_MAX,
    NAME_MAX,
    TEXT_MAX,
    Ask,
    AskKind,
    AskStatus,
    Attendance,
    Cadence,
    Commitment,
    CommitmentStatus,
    Goal,
    Group,
    Guest,
    LoggedAction,
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
    Template,
    TemplateItem,
    Visibility,
)

__all__ = [
    "ODD_TEXTS",
    "aware_or_naive_datetimes",
    "dates",
    "emails",
    "goal_ids",
    "goals",
    "group_with_meetings",
    "groups",
    "ids",
    "local_times",
    "meeting_ids",
    "meetings",
    "members",
    "names",
    "purposes",
    "slugs",
    "templates",
    "text",
    "times",
]

# Text a facilitator may type or paste; all of it is data, never markup.
ODD_TEXTS: tuple[str, ...] = (
    "[bold]not bold[/bold]",
    "[@click=app.quit]quit[/]",
    "[link=https://example.com]x[/link]",
    "\x1b[31mred\x1b[0m",
    "\x1b]52;c;aGVsbG8=\x07",
    "👩🏽‍💻 founder 🚀",
    "🇵🇹🇳🇬",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eevil\u202c",
    "<script>alert(1)</script>",
    "Ana \"the\" O'Brien \\ slash",
    "tab\there",
    "line\nbreak\r\nwindows",
    "nul\x00byte",
    "zero\u200bwidth",
    "Ωmega ≈ ç √ ∫",
    "{\"json\": [1, 2]}",
    "café naïve",
    "ｆｕｌｌ ｗｉｄｔｈ",
    "\U0001f600" * 3,
)

_ANY_CHAR = st.characters(codec="utf-8")  # every code point that can be written as UTF-8 (no surrogates)


def _fit(value: str, max_size: int) -> str:
    # The models make control characters visible (dropping C1), strip surrounding whitespace,
    # and count characters after that: generate text already in that form.
    return str(visible(value)).strip()[:max_size].strip()


_PIECES = st.lists(st.one_of(st.sampled_from(ODD_TEXTS), st.text(_ANY_CHAR, max_size=20)), max_size=4)
_AT_LIMIT = st.sampled_from(["x", "🙂", "ש", "[b]"])
_ONE_IN_TEN = st.integers(0, 9)


@st.composite
def _text(draw: st.DrawFn, min_size: int, max_size: int) -> str:
    # Strategies are built once, at module level: building them per draw is slow.
    value = _fit(" ".join(draw(_PIECES)), max_size)
    if draw(_ONE_IN_TEN) == 0:
        # Now and then, text right at the length limit.
        value = _fit(draw(_AT_LIMIT) * max_size, max_size)
    if len(value) < min_size:
        value = "Ana"
    return value


@functools.lru_cache(maxsize=None)
def text(max_size: int = LINE_MAX, *, required: bool = False) -> st.SearchStrategy[str]:
    """Valid text for a field of at most ``max_size`` characters; non-empty when ``required``."""
    return _text(1 if required else 0, max_size)


def names() -> st.SearchStrategy[str]:
    """A person's or a group's name: required, at most NAME_MAX characters."""
    return text(NAME_MAX, required=True)


_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"
_MIXED = _LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _word(first: str, rest: str, max_rest: int) -> st.SearchStrategy[str]:
    # Faster than st.from_regex for these simple shapes.
    return st.builds(lambda a, b: a + b, st.sampled_from(first), st.text(rest, max_size=max_rest))


slugs = _word(_LOWER, _LOWER + "-", 20)
goal_ids = _word(_LOWER, _LOWER + "_-", 10)
# Record ids as the app makes them (uuid4 hex), and other plain ones a file may hold.
ids = st.one_of(st.uuids().map(lambda u: u.hex), _word(_MIXED, _MIXED + "_-", 30))
meeting_ids = ids

_EMAIL_RE = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")
_email_part = st.text(
    st.characters(codec="utf-8", exclude_characters="@<>,;", exclude_categories=("Zs", "Zl", "Zp", "Cc", "Cf")),
    min_size=1,
    max_size=12,
)
emails = st.one_of(
    st.just(""),
    st.builds(lambda a, b, c: f"{a}@{b}.{c}", _email_part, _email_part, _email_part).filter(
        lambda e: _EMAIL_RE.fullmatch(e) is not None and e == e.strip()
    ),
)

dates = st.dates()

# Fixed offsets, whole minutes, as ISO 8601 carries them (a zone *name* is not stored).
_offsets = st.one_of(
    st.just(timezone.utc),
    st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m))),
)
local_times = st.times()
# Group files refuse a start time with a zone; the models and the store accept one.
times = st.one_of(local_times, st.times(timezones=_offsets))
aware_or_naive_datetimes = st.one_of(st.datetimes(), st.datetimes(timezones=_offsets))

_minutes_float = st.floats(min_value=0, max_value=10**7, allow_nan=False, allow_infinity=False)
_per_person = st.none() | st.floats(min_value=0.01, max_value=60, allow_nan=False)


# --------------------------------------------------------------------------- group


_KIND_LISTS = st.lists(st.sampled_from(list(ItemKind)), max_size=8)
_OPTIONAL_DATES = st.none() | dates


def _goal(draw: st.DrawFn, goal_id: str) -> Goal:
    return Goal(id=goal_id, title=draw(names()), success=draw(text(LINE_MAX)), kinds=draw(_KIND_LISTS))


def _member(draw: st.DrawFn, member_id: str) -> Member:
    return Member(
        id=member_id,
        name=draw(names()),
        email=draw(emails),
        company=draw(text(NAME_MAX)),
        sector=draw(text(NAME_MAX)),
        role=draw(text(NAME_MAX)),
        objectives=draw(text(TEXT_MAX)),
        joined=draw(_OPTIONAL_DATES),
        left=draw(_OPTIONAL_DATES),
    )


@st.composite
def goals(draw: st.DrawFn) -> Goal:
    """One goal of a purpose."""
    return _goal(draw, draw(goal_ids))


@st.composite
def purposes(draw: st.DrawFn) -> Purpose:
    """A purpose with 0 to 5 goals of unique ids."""
    return Purpose(
        statement=draw(text(TEXT_MAX, required=True)),
        agreed_on=draw(_OPTIONAL_DATES),
        agreed_by=draw(text(NAME_MAX)),
        goals=[_goal(draw, g) for g in draw(st.lists(goal_ids, max_size=5, unique=True))],
    )


@st.composite
def members(draw: st.DrawFn) -> Member:
    """A member with any mix of optional fields (a left date makes them inactive)."""
    return _member(draw, draw(ids))


_PURPOSES = purposes()


@st.composite
def groups(
    draw: st.DrawFn, max_members: int = 8, start_times: st.SearchStrategy[time] = times
) -> Group:
    """A group with 0 to ``max_members`` members of unique ids.

    Pass ``start_times=local_times`` for groups that must survive a TOML group file."""
    member_ids = draw(st.lists(ids, max_size=max_members, unique=True))
    return Group(
        id=draw(ids),
        slug=draw(slugs),
        name=draw(names()),
        cadence=draw(st.sampled_from(list(Cadence))),
        meeting_minutes=draw(st.integers(5, 600)),
        start_time=draw(start_times),
        default_template=draw(slugs),
        confidentiality=draw(st.sampled_from(list(Visibility))),
        hot_seat_protocol=draw(text(LINE_MAX)),
        purpose=draw(_PURPOSES),
        members=[_member(draw, m) for m in member_ids],
    )


# --------------------------------------------------------------------------- templates


@st.composite
def templates(draw: st.DrawFn) -> Template:
    """An agenda template of 1 to 6 items."""
    items = draw(
        st.lists(
            st.builds(
                TemplateItem,
                title=names(),
                kind=st.sampled_from(list(ItemKind)),
                minutes=st.integers(1, 240),
                guidance=text(TEXT_MAX),
                per_person_minutes=_per_person,
                goal=st.none() | goal_ids,
                social_glue=st.booleans(),
            ),
            min_size=1,
            max_size=6,
        )
    )
    return Template(slug=draw(slugs), name=draw(names()), description=draw(text(TEXT_MAX)), items=items)


# --------------------------------------------------------------------------- meeting


_ITEM_KINDS = st.sampled_from(list(ItemKind))
_ITEM_STATES = st.sampled_from(list(ItemState))
_VISIBILITIES = st.sampled_from(list(Visibility))
_PRESENCES = st.sampled_from(list(Presence))
_COMMITMENT_STATUSES = st.sampled_from(list(CommitmentStatus))
_ASK_KINDS = st.sampled_from(list(AskKind))
_ASK_STATUSES = st.sampled_from(list(AskStatus))
_NOTE_KINDS = st.sampled_from(list(NoteKind))
_REVIEWS = st.one_of(
    st.tuples(st.just("commitment"), st.sampled_from([s.value for s in CommitmentStatus])),
    st.tuples(st.just("ask"), st.sampled_from([s.value for s in AskStatus])),
)
_LINE = text(LINE_MAX)
_REQ_LINE = text(LINE_MAX, required=True)
_TEXT = text(TEXT_MAX)
_REQ_TEXT = text(TEXT_MAX, required=True)
_OPT_NAME = text(NAME_MAX)
_NAME = names()


@st.composite
def meetings(draw: st.DrawFn, group: Group, status: MeetingStatus | None = None) -> Meeting:
    """A meeting of ``group``, live or closed, with everything a meeting can capture.

    Owners, speakers, attendance and goals are drawn from the group (or are made-up ids when
    the group has none, as for a member since deleted)."""
    # Values are drawn directly rather than through strategies built per call: much faster.
    member_ids = [m.id for m in group.members]
    goal_list = [g.id for g in group.purpose.goals]

    def pick(choices: list[str], fallback: st.SearchStrategy[str]) -> str:
        return draw(st.sampled_from(choices)) if choices else draw(fallback)

    def someone() -> str:
        return pick(member_ids, ids)

    def goal() -> str | None:
        return None if draw(st.booleans()) else pick(goal_list, goal_ids)

    def several(make, most: int) -> list:  # type: ignore[no-untyped-def]
        return [make() for _ in range(draw(st.integers(0, most)))]

    def item() -> MeetingItem:
        return MeetingItem(
            id=draw(ids),
            title=draw(_NAME),
            kind=draw(_ITEM_KINDS),
            planned_minutes=draw(st.integers(1, 240)),
            guidance=draw(_TEXT),
            per_person_minutes=draw(_per_person),
            goal=goal(),
            social_glue=draw(st.booleans()),
            state=draw(_ITEM_STATES),
            elapsed=draw(_minutes_float),
            speakers=several(someone, 5),
            speaker_index=draw(st.integers(0, 20)),
            speaker_started=draw(_minutes_float),
            phase_index=draw(st.integers(0, 3)),
            topic=draw(_LINE),
        )

    items = several(item, 5)
    item_ids = [i.id for i in items]

    def item_id() -> str | None:
        return None if draw(st.booleans()) else pick(item_ids, ids)

    def commitment() -> Commitment:
        return Commitment(
            id=draw(ids),
            owner=someone(),
            text=draw(_REQ_LINE),
            due=draw(dates),
            goal=goal(),
            visibility=draw(_VISIBILITIES),
            item_id=item_id(),
            status=draw(_COMMITMENT_STATUSES),
            carried=draw(st.integers(0, 50)),
        )

    def ask() -> Ask:
        return Ask(
            id=draw(ids),
            owner=someone(),
            text=draw(_REQ_LINE),
            kind=draw(_ASK_KINDS),
            who_could_help=draw(_LINE),
            goal=goal(),
            visibility=draw(_VISIBILITIES),
            item_id=item_id(),
            status=draw(_ASK_STATUSES),
        )

    commitments = several(commitment, 4)
    asks = several(ask, 4)
    ask_ids = [a.id for a in asks]

    def offer() -> Offer:
        return Offer(
            id=draw(ids),
            ask_id=pick(ask_ids, ids),
            by=someone(),
            text=draw(_REQ_LINE),
            commitment_id=None if draw(st.booleans()) else draw(ids),
            visibility=draw(_VISIBILITIES),
        )

    def note() -> Note:
        return Note(
            id=draw(ids),
            kind=draw(_NOTE_KINDS),
            text=draw(_REQ_TEXT),
            item_id=item_id(),
            visibility=draw(_VISIBILITIES),
        )

    def review() -> Review:
        target, outcome = draw(_REVIEWS)
        return Review(target_id=draw(ids), target=target, outcome=outcome, note=draw(_LINE))

    def guest() -> Guest:
        return Guest(
            id=draw(ids),
            name=draw(_NAME),
            invited_by=None if draw(st.booleans()) else someone(),
            email=draw(emails),
            first_visit=draw(st.booleans()),
            became_member=draw(st.booleans()),
            came=draw(st.booleans()),
        )

    def rating() -> Rating:
        return Rating(member_id=None if draw(st.booleans()) else someone(), score=draw(st.integers(1, 10)))

    attending = list(dict.fromkeys(several(someone, 8)))
    return Meeting(
        id=draw(meeting_ids),
        group=group.slug,
        number=draw(st.integers(1, 99999)),
        date=draw(dates),
        start_time=draw(times),
        template=draw(slugs),
        length_minutes=draw(st.integers(0, 1440)),
        status=status or draw(st.sampled_from(list(MeetingStatus))),
        attendance=[
            Attendance(member_id=m, presence=draw(_PRESENCES), substitute=draw(_OPT_NAME),
                       arrived_at=draw(st.none() | aware_or_naive_datetimes), left_at=draw(st.none() | aware_or_naive_datetimes),
                       joined_here=draw(st.booleans()))
            for m in attending
        ],
        guests=several(guest, 3),
        items=items,
        current=draw(st.integers(0, 10)),
        running_since=draw(st.none() | aware_or_naive_datetimes),
        started_at=draw(st.none() | aware_or_naive_datetimes),
        ended_at=draw(st.none() | aware_or_naive_datetimes),
        hot_seats=several(someone, 3),
        commitments=commitments,
        asks=asks,
        offers=several(offer, 3),
        notes=several(note, 3),
        reviews=several(review, 4),
        ratings=several(rating, 6),
        plus=several(lambda: draw(_REQ_LINE), 3),
        delta=several(lambda: draw(_REQ_LINE), 3),
        goals_served=several(lambda: draw(goal_ids), 8),
        next_date=draw(st.none() | dates),
        next_hot_seats=several(someone, 3),
        log=several(
            lambda: LoggedAction(op=draw(st.sampled_from(["base", "record", "pause"])), args={"text": draw(_LINE)},
                                 at=draw(aware_or_naive_datetimes), undone=draw(st.booleans())),
            3,
        ),
    )


@st.composite
def group_with_meetings(draw: st.DrawFn, max_meetings: int = 4) -> tuple[Group, list[Meeting]]:
    """A group and some of its meetings (unique ids)."""
    group = draw(groups())
    found = draw(st.lists(meetings(group), max_size=max_meetings, unique_by=lambda m: m.id))
    return group, found

