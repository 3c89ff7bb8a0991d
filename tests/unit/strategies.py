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

import re
from datetime import time, timedelta, timezone

from hypothesis import strategies as st

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
    # The models strip surrounding whitespace and count characters after stripping.
    return value.strip()[:max_size].strip()


@st.composite
def _text(draw: st.DrawFn, min_size: int, max_size: int) -> str:
    pieces = draw(
        st.lists(
            st.one_of(st.sampled_from(ODD_TEXTS), st.text(_ANY_CHAR, max_size=20)),
            max_size=4,
        )
    )
    value = _fit(" ".join(pieces), max_size)
    if draw(st.integers(0, 9)) == 0:
        # Now and then, text right at the length limit.
        value = _fit(draw(st.sampled_from(["x", "🙂", "ש", "[b]"])) * max_size, max_size)
    if len(value) < min_size:
        value = "Ana"
    return value


def text(max_size: int = LINE_MAX, *, required: bool = False) -> st.SearchStrategy[str]:
    """Valid text for a field of at most ``max_size`` characters; non-empty when ``required``."""
    return _text(1 if required else 0, max_size)


def names() -> st.SearchStrategy[str]:
    """A person's or a group's name: required, at most NAME_MAX characters."""
    return text(NAME_MAX, required=True)


slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
goal_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)
# Record ids as the app makes them (uuid4 hex), and other plain ones a file may hold.
ids = st.one_of(st.uuids().map(lambda u: u.hex), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,30}", fullmatch=True))
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


@st.composite
def goals(draw: st.DrawFn, goal_id: str | None = None) -> Goal:
    """One goal of a purpose."""
    return Goal(
        id=goal_id or draw(goal_ids),
        title=draw(names()),
        success=draw(text(LINE_MAX)),
        kinds=draw(st.lists(st.sampled_from(list(ItemKind)), max_size=8)),
    )


@st.composite
def purposes(draw: st.DrawFn) -> Purpose:
    """A purpose with 0 to 5 goals of unique ids."""
    goal_list = [draw(goals(goal_id=g)) for g in draw(st.lists(goal_ids, max_size=5, unique=True))]
    return Purpose(
        statement=draw(text(TEXT_MAX, required=True)),
        agreed_on=draw(st.none() | dates),
        agreed_by=draw(text(NAME_MAX)),
        goals=goal_list,
    )


@st.composite
def members(draw: st.DrawFn, member_id: str | None = None) -> Member:
    """A member with any mix of optional fields (a left date makes them inactive)."""
    return Member(
        id=member_id or draw(ids),
        name=draw(names()),
        email=draw(emails),
        company=draw(text(NAME_MAX)),
        sector=draw(text(NAME_MAX)),
        role=draw(text(NAME_MAX)),
        objectives=draw(text(TEXT_MAX)),
        joined=draw(st.none() | dates),
        left=draw(st.none() | dates),
    )


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
        purpose=draw(purposes()),
        members=[draw(members(member_id=m)) for m in member_ids],
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


@st.composite
def meetings(draw: st.DrawFn, group: Group, status: MeetingStatus | None = None) -> Meeting:
    """A meeting of ``group``, live or closed, with everything a meeting can capture.

    Owners, speakers, attendance and goals are drawn from the group (or are made-up ids when
    the group has none, as for a member since deleted)."""
    member_ids = [m.id for m in group.members]
    someone = st.sampled_from(member_ids) if member_ids else ids
    goal = st.none() | (st.sampled_from([g.id for g in group.purpose.goals]) if group.purpose.goals else goal_ids)
    visibility = st.sampled_from(list(Visibility))

    items = draw(
        st.lists(
            st.builds(
                MeetingItem,
                id=ids,
                title=names(),
                kind=st.sampled_from(list(ItemKind)),
                planned_minutes=st.integers(1, 240),
                guidance=text(TEXT_MAX),
                per_person_minutes=_per_person,
                goal=goal,
                social_glue=st.booleans(),
                state=st.sampled_from(list(ItemState)),
                elapsed=_minutes_float,
                speakers=st.lists(someone, max_size=5),
                speaker_index=st.integers(0, 20),
                speaker_started=_minutes_float,
                phase_index=st.integers(0, 3),
                topic=text(LINE_MAX),
            ),
            max_size=5,
        )
    )
    item_id = st.none() | (st.sampled_from([i.id for i in items]) if items else ids)
    commitments = draw(
        st.lists(
            st.builds(
                Commitment,
                id=ids,
                owner=someone,
                text=text(LINE_MAX, required=True),
                due=dates,
                goal=goal,
                visibility=visibility,
                item_id=item_id,
                status=st.sampled_from(list(CommitmentStatus)),
                carried=st.integers(0, 50),
            ),
            max_size=4,
        )
    )
    asks = draw(
        st.lists(
            st.builds(
                Ask,
                id=ids,
                owner=someone,
                text=text(LINE_MAX, required=True),
                kind=st.sampled_from(list(AskKind)),
                who_could_help=text(LINE_MAX),
                goal=goal,
                visibility=visibility,
                item_id=item_id,
                status=st.sampled_from(list(AskStatus)),
            ),
            max_size=4,
        )
    )
    ask_id = st.sampled_from([a.id for a in asks]) if asks else ids
    offers = draw(
        st.lists(
            st.builds(
                Offer,
                id=ids,
                ask_id=ask_id,
                by=someone,
                text=text(LINE_MAX, required=True),
                commitment_id=st.none() | ids,
                visibility=visibility,
            ),
            max_size=3,
        )
    )
    notes = draw(
        st.lists(
            st.builds(
                Note,
                id=ids,
                kind=st.sampled_from(list(NoteKind)),
                text=text(TEXT_MAX, required=True),
                item_id=item_id,
                visibility=visibility,
            ),
            max_size=3,
        )
    )
    reviews = draw(
        st.lists(
            st.one_of(
                st.builds(
                    Review,
                    target_id=ids,
                    target=st.just("commitment"),
                    outcome=st.sampled_from([s.value for s in CommitmentStatus]),
                    note=text(LINE_MAX),
                ),
                st.builds(
                    Review,
                    target_id=ids,
                    target=st.just("ask"),
                    outcome=st.sampled_from([s.value for s in AskStatus]),
                    note=text(LINE_MAX),
                ),
            ),
            max_size=4,
        )
    )
    attendance = [
        Attendance(member_id=m, presence=draw(st.sampled_from(list(Presence))), substitute=draw(text(NAME_MAX)))
        for m in draw(st.lists(someone, max_size=8, unique=True))
    ]
    guests = draw(
        st.lists(
            st.builds(
                Guest,
                id=ids,
                name=names(),
                invited_by=st.none() | someone,
                email=emails,
                first_visit=st.booleans(),
                became_member=st.booleans(),
            ),
            max_size=3,
        )
    )
    return Meeting(
        id=draw(meeting_ids),
        group=group.slug,
        number=draw(st.integers(1, 99999)),
        date=draw(dates),
        start_time=draw(times),
        template=draw(slugs),
        status=status or draw(st.sampled_from(list(MeetingStatus))),
        attendance=attendance,
        guests=guests,
        items=items,
        current=draw(st.integers(0, 10)),
        running_since=draw(st.none() | aware_or_naive_datetimes),
        started_at=draw(st.none() | aware_or_naive_datetimes),
        ended_at=draw(st.none() | aware_or_naive_datetimes),
        hot_seats=draw(st.lists(someone, max_size=3)),
        commitments=commitments,
        asks=asks,
        offers=offers,
        notes=notes,
        reviews=reviews,
        ratings=draw(st.lists(st.builds(Rating, member_id=st.none() | someone, score=st.integers(1, 10)), max_size=6)),
        plus=draw(st.lists(text(LINE_MAX, required=True), max_size=3)),
        delta=draw(st.lists(text(LINE_MAX, required=True), max_size=3)),
        goals_served=draw(st.lists(goal_ids, max_size=8)),
        next_date=draw(st.none() | dates),
        next_hot_seats=draw(st.lists(someone, max_size=3)),
    )


@st.composite
def group_with_meetings(draw: st.DrawFn, max_meetings: int = 4) -> tuple[Group, list[Meeting]]:
    """A group and some of its meetings (unique ids)."""
    group = draw(groups())
    found = draw(st.lists(meetings(group), max_size=max_meetings, unique_by=lambda m: m.id))
    return group, found

