"""The minutes of a meeting: text, Markdown, an email (.eml) and a calendar (.ics).

Pure functions: a meeting, its group and the group's earlier meetings go in, text or bytes come
out. No clock, no disk (except :func:`run_summary_command`, the shell around them).

The minutes are first laid out as a small list of sections (headings, fields, bullets made of
spans); the text and Markdown renderers read the same layout, so the two never drift apart.
Three rules hold for every format:

* forum-only content (``Visibility.FORUM``) never appears;
* commitments of absent members appear, marked "(absent)";
* user text is data: control characters and ANSI escapes are stripped, and in Markdown every
  character that could start markup is escaped.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
import sys
import textwrap
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from email.headerregistry import Address, BaseHeader
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape as html_escape
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from .ledger import CLOSED_ASK, CLOSED_COMMITMENT, Ledger, Tracked
from .models import (
    Ask,
    AskKind,
    AskStatus,
    Commitment,
    CommitmentStatus,
    Group,
    ItemKind,
    ItemState,
    Meeting,
    MeetingItem,
    Note,
    NoteKind,
    Offer,
    Presence,
    Visibility,
)
from .text import clean, md_escape
from .words import plural

if TYPE_CHECKING:
    import argparse

    from markdown_it import MarkdownIt

Format = Literal["text", "markdown", "eml", "ics"]
FORMATS: tuple[str, ...] = ("text", "markdown", "eml", "ics")
FORMAT_SUFFIX: dict[str, str] = {"text": ".txt", "markdown": ".md", "eml": ".eml", "ics": ".ics"}

WIDTH = 76
PRODID = "-//Mastermind//Meeting minutes//EN"
UID_DOMAIN = "mastermind.invalid"

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_ASK_NOUN = {
    AskKind.INTRODUCTION: "an introduction",
    AskKind.ADVICE: "advice",
    AskKind.REFERRAL: "a referral",
    AskKind.RESOURCE: "a resource",
    AskKind.SUPPORT: "support",
}
# Order in which reviewed commitments are listed: the good news first.
_REVIEW_ORDER = (
    CommitmentStatus.DONE,
    CommitmentStatus.PARTIAL,
    CommitmentStatus.CARRIED,
    CommitmentStatus.MISSED,
    CommitmentStatus.DROPPED,
    CommitmentStatus.OPEN,
)


def format_date(day: date) -> str:
    """'Tue 24 Nov 2026', the same in every locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_time(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _shareable(record: Commitment | Ask | Offer | Note) -> bool:
    return record.visibility == Visibility.SHAREABLE


# --------------------------------------------------------------------------- layout

SpanKind = Literal["plain", "user", "label"]


@dataclass(frozen=True)
class Span:
    """A piece of a line: our own words (plain, label) or user text (escaped in Markdown)."""

    text: str
    kind: SpanKind = "plain"


def _p(text: str) -> Span:
    return Span(text, "plain")


def _u(text: str, *, multiline: bool = False) -> Span:
    return Span(clean(text, multiline=multiline), "user")


def _label(text: str) -> Span:
    return Span(text, "label")


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class FieldLine:
    """'Label: value', a line of its own in text, a bullet with a bold label in Markdown."""

    label: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Bullet:
    spans: tuple[Span, ...]
    level: int = 0


@dataclass(frozen=True)
class SubHeading:
    spans: tuple[Span, ...]


Block = Para | FieldLine | Bullet | SubHeading


@dataclass
class Section:
    """One part of the minutes; ``heading`` shows in both formats, ``md_heading`` only in Markdown."""

    heading: tuple[Span, ...] | None = None
    md_heading: str | None = None
    blocks: list[Block] = field(default_factory=list)


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class _Context:
    meeting: Meeting
    group: Group
    # Commitments and asks as they stand after this meeting's reviews and offers.
    ledger: Ledger
    previous: Meeting | None

    def earlier_commitment(self, record_id: str) -> Tracked | None:
        """A commitment made before this meeting (its text and owner never change)."""
        tracked = self.ledger.commitment(record_id)
        return tracked if tracked is not None and tracked.meeting.id != self.meeting.id else None

    def earlier_ask(self, record_id: str) -> Tracked | None:
        tracked = self.ledger.ask(record_id)
        return tracked if tracked is not None and tracked.meeting.id != self.meeting.id else None

    def name(self, member_id: str | None) -> str:
        return _name(self.group, member_id)

    def name_span(self, member_id: str | None) -> Span:
        return Span(self.name(member_id), "user")

    def absent(self, member_id: str) -> bool:
        return self.meeting.presence(member_id) == Presence.ABSENT


def _name(group: Group, member_id: str | None) -> str:
    return clean(group.member_name(member_id)) or "someone"


def _mentioned(meeting: Meeting) -> set[str]:
    """The ids of every record the minutes of ``meeting`` look up: what it made, reviewed or offered on."""
    ids = {r.target_id for r in meeting.reviews}
    ids.update(o.ask_id for o in meeting.offers)
    ids.update(c.id for c in meeting.commitments)
    ids.update(a.id for a in meeting.asks)
    return ids


def _context(meeting: Meeting, group: Group, earlier: Sequence[Meeting], *, everything: bool = False) -> _Context:
    """The facts of the minutes. Only the records the meeting mentions are replayed (ten years
    of a weekly group is about 520 meetings and thousands of records), unless ``everything``."""
    before = [m for m in earlier if m.id != meeting.id]
    ledger = Ledger([*before, meeting], only=None if everything else _mentioned(meeting))
    previous = max(before, key=lambda m: (m.date, m.number), default=None)
    return _Context(meeting, group, ledger, previous)


def _clock(moment: datetime | None) -> datetime | None:
    # Aware instants are shown in the facilitator's local time; naive ones as stored.
    if moment is None:
        return None
    return moment.astimezone() if moment.tzinfo is not None else moment


def _actual_seconds(meeting: Meeting) -> float:
    return sum(item.elapsed for item in meeting.items)


def _start_end(meeting: Meeting) -> tuple[time, time | None]:
    started = _clock(meeting.started_at)
    ended = _clock(meeting.ended_at)
    start = started.time() if started else meeting.start_time
    if ended is not None:
        return start, ended.time()
    seconds = _actual_seconds(meeting)
    if seconds <= 0:
        return start, None
    end = datetime.combine(meeting.date, start) + timedelta(seconds=seconds)
    return start, end.time()


def subject(meeting: Meeting, group: Group) -> str:
    """'Founders Circle: minutes of meeting 42, Tue 24 Nov 2026'."""
    return f"{clean(group.name) or group.slug}: minutes of meeting {meeting.number}, {format_date(meeting.date)}"


def _header_line(meeting: Meeting) -> str:
    # The group's name is in the subject line already; this line stays short enough not to wrap.
    start, end = _start_end(meeting)
    line = f"Meeting {meeting.number}, {format_date(meeting.date)}, {format_time(start)}"
    if end is not None:
        line += f" to {format_time(end)}"
    actual = round(_actual_seconds(meeting) / 60)
    # The length fixed at setup; records from before that field have only the items' minutes.
    planned = meeting.length_minutes or meeting.planned_minutes
    if actual and planned:
        line += f" ({actual} min, planned {planned})"
    elif actual:
        line += f" ({actual} min)"
    elif planned:
        line += f" (planned {planned} min)"
    return line


def _names(ctx: _Context, member_ids: Iterable[str], sep: str = ", ") -> tuple[Span, ...]:
    spans: list[Span] = []
    for i, member_id in enumerate(member_ids):
        if i:
            spans.append(_p(sep))
        spans.append(ctx.name_span(member_id))
    return tuple(spans)


def _in_member_order(ctx: _Context, member_ids: Iterable[str]) -> list[str]:
    order = {m.id: i for i, m in enumerate(ctx.group.members)}
    ids = list(dict.fromkeys(member_ids))
    return sorted(ids, key=lambda mid: (order.get(mid, len(order)), ids.index(mid)))


# --------------------------------------------------------------------------- sections


def _header(ctx: _Context) -> Section:
    blocks: list[Block] = [Para((_p(_header_line(ctx.meeting)),))]
    statement = clean(ctx.group.purpose.statement)
    if statement:
        blocks.append(Para((_label("Our purpose:"), _p(" "), Span(statement, "user"))))
    return Section(blocks=blocks)


def _attendance(ctx: _Context) -> Section:
    meeting = ctx.meeting
    by_presence: dict[Presence, list[str]] = {p: [] for p in Presence}
    for a in meeting.attendance:
        by_presence[a.presence].append(a.member_id)
    blocks: list[Block] = []

    present = _in_member_order(ctx, by_presence[Presence.PRESENT] + by_presence[Presence.LATE])
    if present:
        spans: list[Span] = []
        for i, member_id in enumerate(present):
            if i:
                spans.append(_p(", "))
            spans += [ctx.name_span(member_id), *_comings_and_goings(ctx, member_id)]
        blocks.append(FieldLine("Present", tuple(spans)))

    subs = [a for a in meeting.attendance if a.presence == Presence.SUBSTITUTE]
    if subs:
        order = {m.id: i for i, m in enumerate(ctx.group.members)}
        subs.sort(key=lambda a: order.get(a.member_id, len(order)))
        spans = []
        for i, a in enumerate(subs):
            if i:
                spans.append(_p("; "))
            who = clean(a.substitute)
            if who:
                spans += [Span(who, "user"), _p(" for "), ctx.name_span(a.member_id)]
            else:
                spans += [_p("someone for "), ctx.name_span(a.member_id)]
            spans += _comings_and_goings(ctx, a.member_id)
        blocks.append(FieldLine("Substitute" if len(subs) == 1 else "Substitutes", tuple(spans)))

    absent = _in_member_order(ctx, by_presence[Presence.ABSENT])
    if absent:
        blocks.append(FieldLine("Absent", _names(ctx, absent)))

    # Only the guests who came: an invitation not taken up is the group's business, not news.
    visitors = meeting.visitors
    if visitors:
        spans = []
        for i, guest in enumerate(visitors):
            if i:
                spans.append(_p("; "))
            spans.append(_u(guest.name))
            details: list[Span] = []
            if guest.invited_by:
                details += [_p("invited by "), ctx.name_span(guest.invited_by)]
            if guest.first_visit:
                details += [_p(", " if details else ""), _p("first visit")]
            if guest.became_member:
                details += [_p(", " if details else ""), _p("joining the group")]
            if details:
                spans += [_p(" ("), *details, _p(")")]
        blocks.append(FieldLine("Guest" if len(visitors) == 1 else "Guests", tuple(spans)))

    joined = _in_member_order(ctx, (a.member_id for a in meeting.attendance if a.joined_here))
    if joined:
        label = "New member" if len(joined) == 1 else "New members"
        blocks.append(FieldLine(label, (*_joined_names(ctx, joined), _p(", welcome"))))
    return Section(md_heading="Attendance", blocks=blocks)


def _comings_and_goings(ctx: _Context, member_id: str) -> list[Span]:
    """' (late, 18:20)', ' (left 19:05)', ' (late, 18:20; left 19:05)', ' (late)': the room as it
    changed, in local time like the rest of the minutes."""
    record = next((a for a in ctx.meeting.attendance if a.member_id == member_id), None)
    if record is None:
        return []
    parts: list[str] = []
    arrived, left = _clock(record.arrived_at), _clock(record.left_at)
    if record.presence == Presence.LATE or arrived is not None:
        parts.append(f"late, {format_time(arrived.time())}" if arrived is not None else "late")
    if left is not None:
        parts.append(f"left {format_time(left.time())}")
    return [_p(f" ({'; '.join(parts)})")] if parts else []


def _reviewed_commitments(ctx: _Context) -> Section:
    rows: list[tuple[CommitmentStatus, Tracked, int]] = []
    seen: set[str] = set()
    for review in ctx.meeting.reviews:
        if review.target != "commitment" or review.target_id in seen:
            continue
        tracked = ctx.earlier_commitment(review.target_id)
        if tracked is None or not _shareable(tracked.record):
            continue
        seen.add(review.target_id)
        # The folded count already includes this meeting's "carried", if that was the outcome.
        rows.append((CommitmentStatus(review.outcome), tracked, tracked.record.carried))
    if not rows:
        return Section()
    done = sum(1 for status, _, _ in rows if status == CommitmentStatus.DONE)
    rate = int(done * 100 / len(rows) + 0.5)
    from_last = ctx.previous is not None and all(t.meeting.id == ctx.previous.id for _, t, _ in rows)
    title = "Last meeting's commitments" if from_last else "Commitments reviewed"
    heading = (_p(f"{title}: {done} of {len(rows)} done ({rate}%)"),)
    blocks: list[Block] = []
    rows.sort(key=lambda row: _REVIEW_ORDER.index(row[0]))
    for status, tracked, carried in rows:
        label = status.value.capitalize()
        if status == CommitmentStatus.CARRIED and carried >= 2:
            label += f", {_ordinal(carried)} time"
        record = tracked.record
        spans = [_label(f"{label}:"), _p(" "), ctx.name_span(record.owner), _p(": "), _u(record.text)]
        if status != CommitmentStatus.CARRIED and carried:
            spans.append(_p(f" (carried {plural(carried, 'time')} before)"))
        blocks.append(Bullet(tuple(spans)))
    return Section(heading=heading, blocks=blocks)


def _joined_names(ctx: _Context, member_ids: Sequence[str]) -> list[Span]:
    """'Ana Souza', 'Ana Souza and Ben Okafor', 'Ana Souza, Ben Okafor and Chen Wei'."""
    spans: list[Span] = []
    for i, member_id in enumerate(member_ids):
        if i:
            spans.append(_p(" and " if i == len(member_ids) - 1 else ", "))
        spans.append(ctx.name_span(member_id))
    return spans


def _hot_seats(ctx: _Context) -> list[Section]:
    """A heading per hot seat that was held, then one line for seats picked but never given the
    floor. Someone swapped out of a seat is no longer among its speakers, so only who actually
    held it shows."""
    meeting = ctx.meeting
    held_anywhere = set(meeting.held_hot_seats)
    not_held: dict[str, list[str]] = {}  # why -> member ids
    sections = []
    for item in meeting.items:
        if item.kind != ItemKind.HOT_SEAT:
            continue
        held = item.held_by
        why = "picked, skipped" if item.state == ItemState.SKIPPED and item.elapsed <= 0 else "picked, no time"
        for member in item.speakers:
            if member not in held_anywhere and all(member not in ids for ids in not_held.values()):
                not_held.setdefault(why, []).append(member)
        topic = clean(item.topic)
        blocks: list[Block] = _note_bullets(_item_notes(meeting, item.id))
        # A seat picked but not held gets no heading of its own, unless notes were taken there.
        if not (held or blocks or (topic and not item.speakers)):
            continue
        heading: list[Span] = [_p("Hot seats" if len(held) > 1 else "Hot seat")]
        if held:
            heading += [_p(": "), *_joined_names(ctx, held)]
        if topic:
            heading += [_p(", " if held else ": "), Span(topic, "user")]
        if item.state == ItemState.SKIPPED:
            heading.append(_p(" (cut short)" if held else " (skipped)"))
        elif item.speakers and not held:
            heading.append(_p(" (not held)"))
        sections.append(Section(heading=tuple(heading), blocks=blocks))
    if not_held:
        count = sum(len(ids) for ids in not_held.values())
        spans: list[Span] = []
        for i, (why, ids) in enumerate(not_held.items()):
            if i:
                spans.append(_p("; "))
            spans += [*_joined_names(ctx, ids), _p(f" ({why})")]
        label = "Hot seat not held" if count == 1 else "Hot seats not held"
        sections.append(Section(blocks=[FieldLine(label, tuple(spans))]))
    return sections


def _item_notes(meeting: Meeting, item_id: str | None) -> list[Note]:
    notes = [n for n in meeting.notes if n.item_id == item_id and _shareable(n)]
    # Decisions first: they are what people look for.
    return sorted(notes, key=lambda n: 0 if n.kind == NoteKind.DECISION else 1)


def _note_bullets(notes: Sequence[Note]) -> list[Block]:
    bullets: list[Block] = []
    for note in notes:
        text = _u(note.text, multiline=True)
        if not text.text:
            continue
        if note.kind == NoteKind.DECISION:
            bullets.append(Bullet((_label("Decision:"), _p(" "), text)))
        else:
            bullets.append(Bullet((text,)))
    return bullets


def _notes_by_item(ctx: _Context) -> Section:
    meeting = ctx.meeting
    blocks: list[Block] = []
    item_ids = {item.id for item in meeting.items}
    for item in meeting.items:
        if item.kind == ItemKind.HOT_SEAT:
            continue
        bullets = _note_bullets(_item_notes(meeting, item.id))
        if bullets:
            blocks.append(SubHeading((_u(item.title),)))
            blocks += bullets
    loose = [n for n in meeting.notes if (n.item_id is None or n.item_id not in item_ids) and _shareable(n)]
    loose.sort(key=lambda n: 0 if n.kind == NoteKind.DECISION else 1)
    bullets = _note_bullets(loose)
    if bullets:
        if blocks:
            blocks.append(SubHeading((_p("Other notes"),)))
        blocks += bullets
    if not blocks:
        return Section()
    return Section(heading=(_p("Decisions and notes"),), blocks=blocks)


def _new_commitments(ctx: _Context) -> Section:
    commitments = [c for c in ctx.meeting.commitments if _shareable(c)]
    if not commitments:
        return Section()
    common_due = Counter(c.due for c in commitments).most_common(1)[0][0]
    heading = (_p(f"New commitments, due {format_date(common_due)}"),)
    by_owner: dict[str, list[Commitment]] = {}
    for c in commitments:
        by_owner.setdefault(c.owner, []).append(c)
    blocks: list[Block] = []
    for owner in _in_member_order(ctx, by_owner):
        who = [ctx.name_span(owner)]
        if ctx.absent(owner):
            who.append(_p(" (absent)"))
        mine = by_owner[owner]

        def what(c: Commitment) -> list[Span]:
            spans = [_u(c.text)]
            if c.due != common_due:
                spans.append(_p(f" (due {format_date(c.due)})"))
            return spans

        if len(mine) == 1:
            blocks.append(Bullet((*who, _p(": "), *what(mine[0]))))
        else:
            blocks.append(Bullet((*who, _p(":"))))
            blocks += [Bullet(tuple(what(c)), level=1) for c in mine]
    return Section(heading=heading, blocks=blocks)


def _ask_status(ctx: _Context, ask: Ask) -> AskStatus:
    tracked = ctx.ledger.ask(ask.id)
    status = tracked.record.status if tracked else ask.status
    return AskStatus(status)


# An ask whose text starts with one of these already says what kind it is ("intro to ...").
_NAMES_ITS_KIND = re.compile(
    r"^(?:(?:a|an|some)\s+)?(?:intro|introductions?|advice|feedback|input|referrals?|resources?|support|help)\b",
    re.IGNORECASE,
)


def _ask_what(ask: Ask) -> list[Span]:
    """'feedback on the deck' as it is; 'a hospital buyer' as 'an introduction: a hospital buyer'."""
    text = _u(ask.text)
    if _NAMES_ITS_KIND.match(text.text):
        return [text]
    return [_p(f"{_ASK_NOUN[ask.kind]}: "), text]


def _ask_spans(ctx: _Context, ask: Ask, status: AskStatus | None = None) -> list[Span]:
    spans = [ctx.name_span(ask.owner), _p(" asks for "), *_ask_what(ask)]
    if status is not None:
        spans.append(_p(f" ({status.value})"))
    return spans


def _offer_bullets(ctx: _Context, offers: Iterable[Offer]) -> list[Block]:
    return [
        Bullet((ctx.name_span(o.by), _p(" offers: "), _u(o.text)), level=1)
        for o in offers
        if _shareable(o) and clean(o.text)
    ]


def _asks(ctx: _Context) -> Section:
    meeting = ctx.meeting
    blocks: list[Block] = []
    for ask in meeting.asks:
        if not _shareable(ask):
            continue
        blocks.append(Bullet(tuple(_ask_spans(ctx, ask, _ask_status(ctx, ask)))))
        helper = clean(ask.who_could_help)
        if helper:
            blocks.append(Bullet((_p("Who could help: "), Span(helper, "user")), level=1))
        blocks += _offer_bullets(ctx, (o for o in meeting.offers if o.ask_id == ask.id))
    if not blocks:
        return Section()
    return Section(heading=(_p("Asks and offers"),), blocks=blocks)


def _earlier_asks(ctx: _Context) -> Section:
    meeting = ctx.meeting
    reviewed = {r.target_id: r for r in meeting.reviews if r.target == "ask"}
    offered = [o.ask_id for o in meeting.offers if ctx.earlier_ask(o.ask_id) is not None]
    blocks: list[Block] = []
    for ask_id in dict.fromkeys([*reviewed, *offered]):
        tracked = ctx.earlier_ask(ask_id)
        if tracked is None or not _shareable(tracked.record):
            continue
        ask = tracked.record
        assert isinstance(ask, Ask)
        status = AskStatus(ask.status)
        spans = [_label(f"{status.value.capitalize()}:"), _p(" "), *_ask_spans(ctx, ask)]
        blocks.append(Bullet(tuple(spans)))
        blocks += _offer_bullets(ctx, (o for o in meeting.offers if o.ask_id == ask_id))
    if not blocks:
        return Section()
    return Section(heading=(_p("Asks from earlier meetings"),), blocks=blocks)


def _closing(ctx: _Context) -> Section:
    meeting, group = ctx.meeting, ctx.group
    blocks: list[Block] = []
    goals = [g for gid in dict.fromkeys(meeting.goals_served) if (g := group.purpose.goal(gid)) is not None]
    if goals:
        spans: list[Span] = [_p("served ")]
        for i, goal in enumerate(goals):
            if i:
                spans.append(_p(" and " if i == len(goals) - 1 else ", "))
            spans += [_p('"'), _u(goal.title), _p('"')]
        blocks.append(FieldLine("Purpose", tuple(spans)))
    average = meeting.rating_average
    if average is not None:
        votes = plural(len(meeting.ratings), "vote")
        blocks.append(FieldLine("Rating", (_p(f"{average:.1f} / 10 ({votes})"),)))
    for label, entries in (("Plus", meeting.plus), ("Delta", meeting.delta)):
        cleaned = [text for text in (clean(e) for e in entries) if text]
        if cleaned:
            spans = []
            for i, text in enumerate(cleaned):
                if i:
                    spans.append(_p("; "))
                spans.append(Span(text, "user"))
            blocks.append(FieldLine(label, tuple(spans)))
    nxt = _next_meeting_spans(ctx)
    if nxt:
        blocks.append(FieldLine("Next meeting", tuple(nxt)))
    return Section(md_heading="Closing", blocks=blocks)


def _next_meeting_spans(ctx: _Context, you: str | None = None) -> list[Span]:
    meeting = ctx.meeting
    spans: list[Span] = []
    if meeting.next_date is not None:
        spans.append(_p(f"{format_date(meeting.next_date)}, {format_time(ctx.group.start_time)}"))
    if you is not None and you in meeting.next_hot_seats:
        spans.append(_p(". You are in the hot seat" if spans else "You are in the hot seat"))
    elif meeting.next_hot_seats:
        label = "Hot seat" if len(meeting.next_hot_seats) == 1 else "Hot seats"
        spans += [_p(f". {label}: " if spans else f"{label}: "), *_names(ctx, meeting.next_hot_seats)]
    if spans:
        spans.append(_p("."))
    return spans


def _layout(ctx: _Context) -> list[Section]:
    sections = [
        _header(ctx),
        _attendance(ctx),
        _reviewed_commitments(ctx),
        *_hot_seats(ctx),
        _notes_by_item(ctx),
        _new_commitments(ctx),
        _asks(ctx),
        _earlier_asks(ctx),
        _closing(ctx),
    ]
    return [s for s in sections if s.blocks or s.heading]


# --------------------------------------------------------------------------- text


def _plain(spans: Iterable[Span]) -> str:
    return "".join(s.text for s in spans)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Wrap one paragraph, keeping line breaks the user typed in a note."""
    lines: list[str] = []
    for i, part in enumerate(text.split("\n")):
        prefix = first if i == 0 else rest
        if not part.strip():
            lines.append("")
            continue
        wrapped = textwrap.wrap(
            part,
            width=WIDTH,
            initial_indent=prefix,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines += wrapped or [prefix.rstrip()]
    return lines


def _text_block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return _wrap(_plain(block.spans), "", "")
    if isinstance(block, FieldLine):
        return _wrap(f"{block.label}: {_plain(block.spans)}", "", "  ")
    if isinstance(block, SubHeading):
        return _wrap(_plain(block.spans), "", "")
    indent = "  " * block.level
    return _wrap(_plain(block.spans), f"{indent}- ", f"{indent}  ")


def _render_text(title: str | None, sections: Sequence[Section], *, prefix: str = "Subject: ") -> str:
    lines: list[str] = []
    if title is not None:
        for part in f"{prefix}{title}".split("\n"):
            lines += _wrap(part, "", "  ")
    for section in sections:
        if lines:
            lines.append("")
        if section.heading:
            lines += _wrap(_plain(section.heading), "", "  ")
        for i, block in enumerate(section.blocks):
            # A blank line before an item's title, except right under the section heading.
            if isinstance(block, SubHeading) and (i or not section.heading):
                lines.append("")
            lines += _text_block(block)
    return "\n".join(lines).rstrip() + "\n"


def minutes_text(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> str:
    """The minutes as plain text for an email body: no alignment, wrapped at 76 characters."""
    return _render_text(subject(meeting, group), _sections(meeting, group, earlier))


def _sections(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> list[Section]:
    return _layout(_context(meeting, group, earlier))


def _mail_body(sections: Sequence[Section]) -> str:
    # In a mail the subject is a header already, so the body starts with the meeting line.
    return _render_text(None, sections)


# --------------------------------------------------------------------------- markdown

def _md_spans(spans: Iterable[Span], indent: str) -> str:
    parts = []
    for span in spans:
        if span.kind == "user":
            parts.append(md_escape(span.text))
        elif span.kind == "label":
            parts.append(f"**{span.text}**")
        else:
            parts.append(span.text)
    text = "".join(parts)
    # Lines of a multi-line note stay inside their list item.
    return "\n".join(line if i == 0 or not line else indent + line for i, line in enumerate(text.split("\n")))


def _render_markdown(subject_line: str, sections: Sequence[Section]) -> str:
    out: list[str] = [f"# {md_escape(subject_line)}"]
    for section in sections:
        heading = _md_spans(section.heading, "") if section.heading else section.md_heading
        if heading:
            out += ["", f"## {' '.join(heading.split())}"]
        previous: Block | None = None
        for block in section.blocks:
            if isinstance(block, Para):
                out += ["", _md_spans(block.spans, "")]
            elif isinstance(block, SubHeading):
                out += ["", f"### {' '.join(_md_spans(block.spans, '').split())}"]
            elif isinstance(block, FieldLine):
                if not isinstance(previous, (FieldLine, Bullet)):
                    out.append("")
                out.append(f"- **{block.label}:** {_md_spans(block.spans, '  ')}")
            else:
                if not isinstance(previous, (FieldLine, Bullet)):
                    out.append("")
                indent = "  " * block.level
                out.append(f"{indent}- {_md_spans(block.spans, indent + '  ')}")
            previous = block
    return "\n".join(out) + "\n"


def minutes_markdown(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> str:
    """The minutes as Markdown (## headings, bullet lists), user text escaped to stay literal."""
    return _render_markdown(subject(meeting, group), _sections(meeting, group, earlier))


def minutes_html(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> str:
    """The Markdown minutes rendered to a small HTML document (raw HTML in the source disabled)."""
    return _html_document(subject(meeting, group), minutes_markdown(meeting, group, earlier))


_parsers = threading.local()


def _markdown_parser() -> MarkdownIt:
    """One CommonMark parser (raw HTML off) per thread, built on first use."""
    parser = getattr(_parsers, "markdown", None)
    if parser is None:
        from markdown_it import MarkdownIt

        parser = _parsers.markdown = MarkdownIt("commonmark", {"html": False})
    return parser


def _html_document(subject_line: str, markdown: str) -> str:
    body = _markdown_parser().render(markdown)
    title = html_escape(subject_line)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- email


def _to_header(group: Group) -> BaseHeader | None:
    """The To header: the active members who have an address (None: nobody has one)."""
    return _parsed_to(tuple((clean(m.name), m.email) for m in group.active_members if m.email))


@lru_cache(maxsize=32)
def _parsed_to(people: tuple[tuple[str, str], ...]) -> BaseHeader | None:
    # Parsed once per set of names and addresses: the email package's header parser is the
    # slowest part of a draft, and a header object is immutable, so drafts can share it.
    found = []
    for name, addr in people:
        try:
            found.append(Address(display_name=name, addr_spec=addr))
        except (ValueError, IndexError, TypeError):
            # An address the mail parser refuses is left out rather than breaking the draft.
            continue
    return email.policy.default.header_factory("To", found) if found else None


def _meeting_datetime(meeting: Meeting) -> datetime:
    started = meeting.started_at
    if started is not None and started.tzinfo is not None:
        return started
    return datetime.combine(meeting.date, started.time() if started else meeting.start_time)


def minutes_eml(meeting: Meeting, group: Group, earlier: Sequence[Meeting], *, sender: str | None = None) -> bytes:
    """The minutes as an unsent email (RFC 5322): plain text plus an HTML alternative.

    To: the active members who have an address. Date: the meeting's start. ``X-Unsent: 1``
    makes mail programs open it as a draft to edit and send.
    """
    subject_line = subject(meeting, group)
    sections = _sections(meeting, group, earlier)
    text = _mail_body(sections)
    html = _html_document(subject_line, _render_markdown(subject_line, sections))
    msg = EmailMessage()
    msg["Subject"] = subject_line
    if sender:
        msg["From"] = clean(sender)
    to = _to_header(group)
    if to is not None:
        msg["To"] = to
    msg["Date"] = format_datetime(_meeting_datetime(meeting))
    msg["Message-ID"] = f"<minutes-{meeting.id}@{UID_DOMAIN}>"
    msg["X-Unsent"] = "1"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    # A boundary derived from the content: deterministic, and cannot occur inside it.
    digest = hashlib.sha256((text + html).encode("utf-8")).hexdigest()[:32]
    msg.set_boundary(f"=-minutes-{digest}")
    return msg.as_bytes()


def mailto_url(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> str:
    """A ``mailto:`` link that opens a mail draft with the members, subject and text minutes."""
    to = ",".join(quote(m.email, safe="@") for m in group.active_members if m.email)
    query = f"subject={quote(subject(meeting, group), safe='')}&body={quote(_mail_body(_sections(meeting, group, earlier)), safe='')}"
    return f"mailto:{to}?{query}"


# --------------------------------------------------------------------------- calendar


def _dtstamp(meeting: Meeting) -> datetime:
    moment = meeting.ended_at or meeting.started_at or datetime.combine(meeting.date, meeting.start_time)
    if moment.tzinfo is None:
        # No zone is known; a fixed reading keeps the file identical on every machine.
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def minutes_ics(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> bytes:
    """A calendar: an all-day event per shareable new commitment on its due date, and the next meeting."""
    from icalendar import Calendar, Event

    group_name = clean(group.name) or group.slug
    stamp = _dtstamp(meeting)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{group_name}: commitments")
    for c in meeting.commitments:
        if not _shareable(c):
            continue
        event = Event()
        event.add("uid", f"commitment-{c.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", c.due)
        event.add("dtend", c.due + timedelta(days=1))
        event.add("summary", f"{_name(group, c.owner)}: {clean(c.text)}")
        event.add(
            "description",
            f"Commitment made at {group_name} meeting {meeting.number}, {format_date(meeting.date)}.",
        )
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    if meeting.next_date is not None:
        start = datetime.combine(meeting.next_date, group.start_time)
        event = Event()
        event.add("uid", f"next-meeting-{meeting.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=group.meeting_minutes))
        event.add("summary", f"{group_name}: meeting {meeting.number + 1}")
        if meeting.next_hot_seats:
            label = "Hot seat" if len(meeting.next_hot_seats) == 1 else "Hot seats"
            event.add("description", f"{label}: {', '.join(_name(group, m) for m in meeting.next_hot_seats)}")
        cal.add_component(event)
    return cal.to_ical()


# --------------------------------------------------------------------------- follow-ups


def follow_ups(meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> dict[str, str]:
    """Member id -> a short text with only that member's commitments (new and carried) and asks.

    Members with nothing to follow up are left out. Forum-only content never appears.
    """
    ctx = _context(meeting, group, earlier, everything=True)
    ledger = ctx.ledger
    result: dict[str, str] = {}
    offers_by_ask: dict[str, list[Offer]] = {}
    before = [m for m in earlier if m.id != meeting.id]
    for m in sorted([*before, meeting], key=lambda m: (m.date, m.number)):
        for offer in m.offers:
            offers_by_ask.setdefault(offer.ask_id, []).append(offer)
    # Grouped by owner once, copying only the open records: a long history holds thousands.
    carried_by_owner: dict[str, list[Tracked]] = {}
    for record_id, status, _ in ledger.states("commitment"):
        t = ledger.commitment(record_id) if status not in CLOSED_COMMITMENT else None
        if t is not None and t.meeting.id != meeting.id and _shareable(t.record):
            carried_by_owner.setdefault(t.record.owner, []).append(t)
    made_here = {a.id for a in meeting.asks}
    asks_by_owner: dict[str, list[Tracked]] = {}
    for record_id, status, _ in ledger.states("ask"):
        t = ledger.ask(record_id) if status not in CLOSED_ASK or record_id in made_here else None
        if t is not None and _shareable(t.record) and (t.meeting.id == meeting.id or AskStatus(t.record.status) not in CLOSED_ASK):
            asks_by_owner.setdefault(t.record.owner, []).append(t)
    for member in group.members:
        sections: list[Section] = []
        new = [c for c in meeting.commitments if c.owner == member.id and _shareable(c)]
        carried = carried_by_owner.get(member.id, [])
        blocks: list[Block] = [Bullet((_u(c.text), _p(f" (due {format_date(c.due)})"))) for c in new]
        for t in carried:
            c = t.record
            assert isinstance(c, Commitment)
            note = f"carried, {_ordinal(c.carried)} time" if c.carried >= 2 else "carried"
            if c.status == CommitmentStatus.PARTIAL:
                note = "partly done"
            elif c.status == CommitmentStatus.OPEN:
                note = "still open"
            blocks.append(Bullet((_u(c.text), _p(f" ({note}; was due {format_date(c.due)})"))))
        if blocks:
            sections.append(Section(heading=(_p("Your commitments"),), blocks=blocks))

        blocks = []
        for t in asks_by_owner.get(member.id, []):
            ask = t.record
            assert isinstance(ask, Ask)
            spans = [*_ask_what(ask), _p(f" ({AskStatus(ask.status).value})")]
            blocks.append(Bullet(tuple(spans)))
            blocks += _offer_bullets(ctx, offers_by_ask.get(ask.id, []))
        if blocks:
            sections.append(Section(heading=(_p("Your asks"),), blocks=blocks))

        given = [o for o in meeting.offers if o.by == member.id and _shareable(o) and clean(o.text)]
        blocks = []
        for offer in given:
            tracked = ledger.ask(offer.ask_id)
            if tracked is None or not _shareable(tracked.record):
                continue
            blocks.append(Bullet((_p("to "), ctx.name_span(tracked.record.owner), _p(": "), _u(offer.text))))
        if blocks:
            sections.append(Section(heading=(_p("You offered"),), blocks=blocks))

        if not sections:
            continue
        nxt = _next_meeting_spans(ctx, you=member.id)
        if nxt:
            sections.append(Section(blocks=[FieldLine("Next meeting", tuple(nxt))]))
        title = (
            f"{clean(member.name) or 'Hello'}, your follow-ups from {clean(group.name) or group.slug}\n"
            f"Meeting {meeting.number}, {format_date(meeting.date)}"
        )
        result[member.id] = _render_text(title, sections, prefix="")
    return result


# --------------------------------------------------------------------------- all formats


def render(fmt: str, meeting: Meeting, group: Group, earlier: Sequence[Meeting]) -> str | bytes:
    """The minutes in one format: text and markdown give str, eml and ics give bytes."""
    if fmt == "text":
        return minutes_text(meeting, group, earlier)
    if fmt == "markdown":
        return minutes_markdown(meeting, group, earlier)
    if fmt == "eml":
        return minutes_eml(meeting, group, earlier)
    if fmt == "ics":
        return minutes_ics(meeting, group, earlier)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def file_stem(meeting: Meeting) -> str:
    """The name minutes files share: '<group>-meeting-042-2026-11-24'."""
    return f"{meeting.group}-meeting-{meeting.number:03d}-{meeting.date.isoformat()}"


# --------------------------------------------------------------------------- command


def _pick_meeting(meetings: Sequence[Meeting], slug: str, wanted: str | None) -> Meeting:
    from .cli import CommandError

    if wanted is None:
        closed = [m for m in meetings if m.closed]
        if not closed:
            raise CommandError(f"{slug}: no closed meeting yet; minutes are made when a meeting is closed")
        return closed[-1]
    wanted = wanted.strip()
    for m in meetings:
        if m.id == wanted:
            return m
    if wanted.isdigit():
        numbered = [m for m in meetings if m.number == int(wanted)]
        if numbered:
            # Prefer the closed one if a number was ever reused.
            return sorted(numbered, key=lambda m: (m.closed, m.date))[-1]
    raise CommandError(f"{slug}: --meeting: no meeting with id or number {wanted!r}")


def run_summary_command(args: argparse.Namespace) -> int:
    """`mastermind summary SLUG [--meeting ID|--last] [--format F] [--copy] [-o FILE]`."""
    from .cli import CommandError
    from .clipboard import copy_text
    from .store import Store, resolve_data_dir

    store = Store(resolve_data_dir(args.data_dir), writer=False)
    group = store.group(args.slug)
    meetings, _problems = store.meetings(args.slug)
    meeting = _pick_meeting(meetings, args.slug, None if args.last else args.meeting)
    if not meeting.closed:
        print(f"note: meeting {meeting.number} is still running; these minutes are a draft", file=sys.stderr)
    earlier = [m for m in meetings if m.closed and (m.date, m.number) < (meeting.date, meeting.number)]
    fmt = args.format or "text"
    output = render(fmt, meeting, group, earlier)
    data = output.encode("utf-8") if isinstance(output, str) else output

    if args.output:
        from pathlib import Path

        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
        print(f"wrote {args.output}", file=sys.stderr)
    if args.copy:
        text = output if isinstance(output, str) else output.decode("utf-8", errors="replace")
        result = copy_text(text, store.minutes_dir, file_stem(meeting), FORMAT_SUFFIX[fmt])
        if result.path is None and not result.copied:
            raise CommandError(result.message)
        print(result.message)
    elif not args.output:
        if isinstance(output, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
        else:
            sys.stdout.write(output)
        sys.stdout.flush()
    return 0
