"""Properties of the minutes for any meeting: forum-only stays in the room, user text stays data.

Forum-only texts carry a marker with "§", a character no generated shareable text may hold,
so a single "§" anywhere in the output is a leak.
"""

from __future__ import annotations

import email
import email.policy
import html as html_lib
import re
import unicodedata
from datetime import date, timedelta

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetings import summary
from meetings.models import visible
from meetings.models import (
    Ask,
    AskKind,
    Attendance,
    Commitment,
    CommitmentStatus,
    Group,
    Guest,
    ItemKind,
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

MARK = "§"
ODD = [
    "[bold]x[/bold]",
    "[@click=app.quit]",
    "*Ana*",
    "[x](y)",
    "\x1b[31mred\x1b[0m",
    "# heading",
    "1. first",
    "<b>x</b>",
    "&amp; co",
    "trailing\\",
    "`code`",
    "---",
    "שלום עולם",
    "🙂 emoji",
    "line\nbreak",
    "tab\there",
    "bell\x07\x9b31m",
    "> quote",
    "_under_",
    "a|b|c",
    "~~strike~~",
]

user_text = st.one_of(
    st.sampled_from(ODD),
    st.text(st.characters(exclude_characters=MARK, exclude_categories=("Cs",)), min_size=1, max_size=30),
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(ODD), st.text(st.characters(exclude_characters=MARK, exclude_categories=("Cs",)), max_size=12)),
).filter(lambda s: str(visible(s)).strip() != "")  # non-empty as the models will keep it

visibility = st.sampled_from([Visibility.SHAREABLE, Visibility.FORUM])

ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "br"}


@st.composite
def meetings_with_group(draw: st.DrawFn) -> tuple[Meeting, Group, list[Meeting]]:
    n = draw(st.integers(1, 6))
    members = [Member(id=f"m{i}", name=draw(user_text), email=f"m{i}@example.org") for i in range(n)]
    owners = st.sampled_from([m.id for m in members])
    group = Group(
        slug="odd-group",
        name=draw(user_text),
        purpose=Purpose(statement=draw(user_text)),
        members=members,
    )
    counter = iter(range(10_000))

    def text_for(vis: Visibility) -> str:
        # Forum-only texts carry the marker; shareable ones never can.
        text = draw(user_text)
        return f"{MARK}{next(counter)}{MARK} {text}" if vis == Visibility.FORUM else text

    due = date(2026, 5, 5)
    earlier_commitments = []
    for i in range(draw(st.integers(0, 4))):
        vis = draw(visibility)
        earlier_commitments.append(Commitment(id=f"old{i}", owner=draw(owners), text=text_for(vis), due=due, visibility=vis))
    earlier_asks = []
    for i in range(draw(st.integers(0, 2))):
        vis = draw(visibility)
        earlier_asks.append(Ask(id=f"oldask{i}", owner=draw(owners), text=text_for(vis), visibility=vis))
    earlier = Meeting(
        id="earlier",
        group="odd-group",
        number=1,
        date=date(2026, 4, 21),
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        commitments=earlier_commitments,
        asks=earlier_asks,
    )

    items = [
        MeetingItem(id=f"item{i}", title=draw(user_text), kind=kind, planned_minutes=10, elapsed=draw(st.integers(0, 900)), topic=draw(user_text) if kind == ItemKind.HOT_SEAT else "")
        for i, kind in enumerate(draw(st.lists(st.sampled_from(list(ItemKind)), max_size=4)))
    ]
    item_ids = st.sampled_from([None] + [i.id for i in items])
    commitments, asks, offers, notes = [], [], [], []
    for i in range(draw(st.integers(0, 5))):
        vis = draw(visibility)
        commitments.append(Commitment(id=f"c{i}", owner=draw(owners), text=text_for(vis), due=due + timedelta(days=draw(st.integers(0, 20))), visibility=vis))
    for i in range(draw(st.integers(0, 3))):
        vis = draw(visibility)
        asks.append(Ask(id=f"a{i}", owner=draw(owners), text=text_for(vis), kind=draw(st.sampled_from(list(AskKind))), visibility=vis, who_could_help=text_for(vis) if vis == Visibility.FORUM else draw(user_text)))
    ask_ids = [a.id for a in asks] + [a.id for a in earlier_asks]
    if ask_ids:
        for i in range(draw(st.integers(0, 4))):
            vis = draw(visibility)
            offers.append(Offer(id=f"o{i}", ask_id=draw(st.sampled_from(ask_ids)), by=draw(owners), text=text_for(vis), visibility=vis))
    for i in range(draw(st.integers(0, 4))):
        vis = draw(visibility)
        notes.append(Note(id=f"n{i}", text=text_for(vis), kind=draw(st.sampled_from(list(NoteKind))), item_id=draw(item_ids), visibility=vis))
    reviews = [Review(target_id=c.id, target="commitment", outcome=draw(st.sampled_from(list(CommitmentStatus))).value) for c in earlier_commitments]
    meeting = Meeting(
        id="now",
        group="odd-group",
        number=2,
        date=date(2026, 5, 5),
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        attendance=[Attendance(member_id=m.id, presence=draw(st.sampled_from(list(Presence))), substitute=draw(user_text)) for m in members],
        guests=[Guest(name=draw(user_text), invited_by=draw(owners))] if draw(st.booleans()) else [],
        items=items,
        hot_seats=draw(st.lists(owners, max_size=2)),
        commitments=commitments,
        asks=asks,
        offers=offers,
        notes=notes,
        reviews=reviews,
        ratings=[Rating(score=s) for s in draw(st.lists(st.integers(1, 10), max_size=4))],
        plus=draw(st.lists(user_text, max_size=2)),
        delta=draw(st.lists(user_text, max_size=2)),
        next_date=draw(st.one_of(st.none(), st.just(date(2026, 5, 19)))),
        next_hot_seats=draw(st.lists(owners, max_size=1)),
    )
    return meeting, group, [earlier]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _html_text(html: str) -> str:
    return _flat(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(meetings_with_group())
def test_forum_only_text_appears_in_no_format(case: tuple[Meeting, Group, list[Meeting]]) -> None:
    meeting, group, earlier = case
    text = summary.minutes_text(meeting, group, earlier)
    markdown = summary.minutes_markdown(meeting, group, earlier)
    msg = email.message_from_bytes(summary.minutes_eml(meeting, group, earlier), policy=email.policy.default)
    parts = [p.get_content() for p in msg.walk() if not p.is_multipart()]
    cal = icalendar.Calendar.from_ical(summary.minutes_ics(meeting, group, earlier))
    ics_values = [str(c.get(k, "")) for c in cal.walk() for k in ("summary", "description")]
    followups = list(summary.follow_ups(meeting, group, earlier).values())
    for output in [text, markdown, str(msg["Subject"]), *parts, *ics_values, *followups, summary.mailto_url(meeting, group, earlier)]:
        assert MARK not in output and "%C2%A7" not in output


@SETTINGS
@given(meetings_with_group())
def test_every_shareable_commitment_and_its_owner_appear(case: tuple[Meeting, Group, list[Meeting]]) -> None:
    meeting, group, earlier = case
    text = _flat(summary.minutes_text(meeting, group, earlier))
    rendered = _html_text(MarkdownIt("commonmark", {"html": False}).render(summary.minutes_markdown(meeting, group, earlier)))
    for c in meeting.commitments:
        if c.visibility != Visibility.SHAREABLE:
            continue
        owner = summary.clean(group.member_name(c.owner)) or "someone"
        for output in (text, rendered):
            assert _flat(summary.clean(c.text)) in output
            assert _flat(owner) in output


@SETTINGS
@given(meetings_with_group())
def test_no_control_characters_and_no_markup_survive(case: tuple[Meeting, Group, list[Meeting]]) -> None:
    meeting, group, earlier = case
    text = summary.minutes_text(meeting, group, earlier)
    markdown = summary.minutes_markdown(meeting, group, earlier)
    for output in [text, markdown, *summary.follow_ups(meeting, group, earlier).values()]:
        assert not [ch for ch in output if ch != "\n" and unicodedata.category(ch) == "Cc"]
    # User text cannot create links, emphasis, code, quotes or lists of its own.
    html = MarkdownIt("commonmark", {"html": False}).render(markdown)
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert html.count("<h1>") == 1
