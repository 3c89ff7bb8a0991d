"""The quick-capture line: one typed line becomes a commitment, an ask, an offer, a decision or a note.

During a live meeting the facilitator types, for example::

    c: Ana send the survey to 20 customers by Fri
    a: Ben intro to a hospital buyer @Farah or anyone in healthcare
    o: Farah -> Ben Maria at St Luke's
    d: we meet in person in January
    n!: Chen is thinking of leaving his co-founder

:func:`parse_capture` turns the line into a ``Captured*`` value (plain data, member ids, no
storage) or raises :class:`CaptureError` with one facilitator-friendly line to show under the
input. :func:`parse_ratings` reads the close item's ratings field (``8 9 7``, ``Ana 8``,
``Souza 8, AS 9``) the same way, and :func:`resolve_member` a name typed in any form. They read
only their arguments, never the clock, and never change what they are given.

Rules worth knowing (the README has the full table):

* Prefix ``c`` ``a`` ``o`` ``d`` ``n`` (or the words commitment, ask, offer, decision, note),
  any case, then ``:``; a ``!`` before the colon makes the record forum-only.
* Members are named by full name, first name (one word or two: ``Ana Lúcia``), last name,
  initials typed in capitals (``AS``), or the start of the first name (two letters or more; one
  character of a CJK name: ``王`` for 王芳). Case, accents, apostrophes (``O’Brien``, ``O'Brien``,
  ``OBrien``) and hyphens do not matter. The longest match wins (``Ana Souza send ...`` uses
  both words). When a first name is shared, a second word that starts the surname picks one
  (``Ana S send ...``); otherwise the one present in the room, otherwise an error naming the
  candidates. Only current members match; a near miss suggests the closest names
  ("no member called 'Zoey': did you mean Zoë Martin?"). The resolver is
  :class:`meetings.names.NameResolver`, the one every typed name in the app goes through.
* A commitment's due date is read only from the very end of the line (``by Fri``,
  ``by 2026-12-01``, ``by 1 Dec``, ``by tomorrow``, ``by next``, ``in 2 weeks``); anything else
  stays in the text and the due date is the next meeting.
* Text is kept literally (markup-like brackets, emoji, right-to-left script); only runs of
  whitespace are folded to one space, since a one-line capture has no layout to keep.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .models import LINE_MAX, TEXT_MAX, Ask, AskKind, Group, Member, NoteKind, Visibility
from .names import CaptureError, NameResolver, fold, quoted, resolve_member

__all__ = [
    "HELP",
    "CaptureContext",
    "CaptureError",
    "Captured",
    "CapturedAsk",
    "CapturedCommitment",
    "CapturedNote",
    "CapturedOffer",
    "NameResolver",
    "RATINGS_HINT",
    "guess_ask_kind",
    "parse_capture",
    "parse_ratings",
    "resolve_member",
]


HELP = """\
Quick capture: one line, a letter, a colon.
  c: Ana send the survey to 20 customers by Fri    commitment (due: next meeting if not given)
  a: Ben intro to a hospital buyer @Farah          ask (after @: who could help)
  o: Farah -> Ben Maria at St Luke's               offer on Ben's latest open ask (Ben#2: his 2nd)
  d: we meet in person in January                  decision
  n: Chen is hiring a CTO                          note
  c!: / a!: / o!: / d!: / n!:                      forum-only: kept, never in the minutes
Due (at the end only): by Fri, by 1 Dec, by 2026-12-01, by tomorrow, by next, in 2 weeks.
Names: Ana, Ana Souza, Souza, AS, or the start of a first name (An)."""


@dataclass(frozen=True)
class CaptureContext:
    """What the parser needs to know about the meeting being run.

    ``open_asks`` are the asks an offer can answer, oldest first (including asks made in this
    meeting). ``present`` holds the member ids in the room; it only breaks ties between members
    who share a name, preferring the one present. ``None`` means attendance is not known.
    """

    group: Group
    today: date
    next_meeting: date
    default_visibility: Visibility
    open_asks: list[Ask] = field(default_factory=list)
    present: list[str] | None = None


@dataclass(frozen=True)
class CapturedCommitment:
    owner: str  # member id
    text: str
    due: date
    visibility: Visibility


@dataclass(frozen=True)
class CapturedAsk:
    owner: str  # member id
    text: str
    kind: AskKind
    who_could_help: str
    visibility: Visibility


@dataclass(frozen=True)
class CapturedOffer:
    by: str  # member id of the one who offers
    ask_id: str
    text: str
    visibility: Visibility


@dataclass(frozen=True)
class CapturedNote:
    kind: NoteKind
    text: str
    visibility: Visibility


Captured = CapturedCommitment | CapturedAsk | CapturedOffer | CapturedNote


# --------------------------------------------------------------------------- the line


_PREFIXES = {
    "c": "commitment",
    "commit": "commitment",
    "commitment": "commitment",
    "a": "ask",
    "ask": "ask",
    "o": "offer",
    "offer": "offer",
    "d": "decision",
    "decision": "decision",
    "n": "note",
    "note": "note",
}
_PREFIX_RE = re.compile(r"\s*([A-Za-z]+)\s*(!?)\s*:(.*)", re.DOTALL)
_PREFIX_HINT = (
    "start the line with c: commitment, a: ask, o: offer, d: decision or n: note "
    "(c!:, n!: ... for forum-only)"
)
_ARROW_RE = re.compile(r"->|\u2192")


def parse_capture(line: str, ctx: CaptureContext) -> Captured:
    """Read one quick-capture line typed during a meeting.

    Returns a :data:`Captured` value whose member references are member ids; raises
    :class:`CaptureError` with a one-line message for anything it cannot read.
    """
    if not line.strip():
        raise CaptureError(f"nothing to capture: {_PREFIX_HINT}")
    match = _PREFIX_RE.fullmatch(line)
    if match is None:
        raise CaptureError(_PREFIX_HINT)
    word, bang, body = match.groups()
    what = _PREFIXES.get(word.lower())
    if what is None:
        raise CaptureError(f"{quoted(word + ':')} is not a capture type; {_PREFIX_HINT}")
    visibility = Visibility.FORUM if bang else ctx.default_visibility
    if what == "commitment":
        return _commitment(body, ctx, visibility)
    if what == "ask":
        return _ask(body, ctx, visibility)
    if what == "offer":
        return _offer(body, ctx, visibility)
    kind = NoteKind.DECISION if what == "decision" else NoteKind.NOTE
    text = " ".join(body.split())
    if not text:
        raise CaptureError(f"write the {kind.value} after the colon, e.g. '{word}: we meet in person in January'")
    _check_length(text, TEXT_MAX, f"a {kind.value}")
    return CapturedNote(kind=kind, text=text, visibility=visibility)


def _commitment(body: str, ctx: CaptureContext, visibility: Visibility) -> CapturedCommitment:
    tokens = body.split()
    if not tokens:
        raise CaptureError("name who commits and to what, e.g. 'c: Ana send the survey by Fri'")
    owner, used = _take_member(tokens, ctx)
    words, due = _split_due(tokens[used:], ctx)
    text = " ".join(words)
    if not text:
        raise CaptureError(f"what will {owner.name} do? e.g. 'c: {tokens[0]} send the survey by Fri'")
    _check_length(text, LINE_MAX, "a commitment")
    return CapturedCommitment(owner=owner.id, text=text, due=due, visibility=visibility)


def _ask(body: str, ctx: CaptureContext, visibility: Visibility) -> CapturedAsk:
    tokens = body.split()
    if not tokens:
        raise CaptureError("name who asks and for what, e.g. 'a: Ben intro to a hospital buyer'")
    owner, used = _take_member(tokens, ctx)
    words = tokens[used:]
    # Everything from the first word starting with @ is who could help (emails have no space before @).
    at = next((i for i, w in enumerate(words) if w.startswith("@")), len(words))
    text = " ".join(words[:at])
    who = " ".join(words[at:])[1:].strip()
    if not text:
        raise CaptureError(f"what does {owner.name} ask for? e.g. 'a: {tokens[0]} intro to a hospital buyer'")
    _check_length(text, LINE_MAX, "an ask")
    _check_length(who, LINE_MAX, "'who could help'")
    return CapturedAsk(
        owner=owner.id, text=text, kind=guess_ask_kind(text), who_could_help=who, visibility=visibility
    )


def _offer(body: str, ctx: CaptureContext, visibility: Visibility) -> CapturedOffer:
    parts = _ARROW_RE.split(body, maxsplit=1)
    if len(parts) != 2:
        raise CaptureError("an offer reads 'o: Farah -> Ben what Farah offers'")
    giver_tokens, tokens = parts[0].split(), parts[1].split()
    if not giver_tokens:
        raise CaptureError("who offers? write the name before '->', e.g. 'o: Farah -> Ben Maria at St Luke's'")
    giver = _whole_member(giver_tokens, ctx)
    if not tokens:
        raise CaptureError("whose ask is it? write the name after '->', e.g. 'o: Farah -> Ben Maria at St Luke's'")
    asker, used, number = _take_asker(tokens, ctx)
    text = " ".join(tokens[used:])
    if asker.id == giver.id:
        raise CaptureError(f"{giver.name} cannot answer their own ask")
    asks = [a for a in ctx.open_asks if a.owner == asker.id]
    if not asks:
        raise CaptureError(f"{asker.name} has no open ask to answer")
    if number is None:
        ask = asks[-1]
    elif 1 <= number <= len(asks):
        ask = asks[number - 1]
    else:
        have = "one open ask (#1)" if len(asks) == 1 else f"{len(asks)} open asks (#1 to #{len(asks)})"
        raise CaptureError(f"{asker.name} has {have}; there is no #{number}")
    if not text:
        raise CaptureError(f"what does {giver.name} offer? e.g. 'o: {giver_tokens[0]} -> {tokens[0]} Maria at St Luke's'")
    _check_length(text, LINE_MAX, "an offer")
    return CapturedOffer(by=giver.id, ask_id=ask.id, text=text, visibility=visibility)


def _check_length(text: str, limit: int, what: str) -> None:
    if len(text) > limit:
        raise CaptureError(f"{what} holds at most {limit} characters and this one has {len(text)}; shorten it")


# --------------------------------------------------------------------------- ask kinds


_KIND_WORDS: tuple[tuple[AskKind, str], ...] = (
    (AskKind.INTRODUCTION, r"intros?|introductions?|introduce|introducing|connect me|connections? (?:to|with)"),
    (AskKind.ADVICE, r"advice|advise|feedback|input|opinions?|how do i|how should i|how to"),
    (AskKind.REFERRAL, r"referrals?|refer|clients?|leads?"),
    (AskKind.RESOURCE, r"resources?|tools?|templates?|books?|budget"),
)
_KIND_RE = re.compile(
    "|".join(rf"\b(?P<{kind.value}>{words})\b" for kind, words in _KIND_WORDS), re.IGNORECASE
)


def guess_ask_kind(text: str) -> AskKind:
    """The kind of an ask, guessed from its words; the first telling word wins, else support.

    intro / introduction / "connect me" -> introduction; advice / feedback / input / "how do I"
    -> advice; referral / refer / client / lead -> referral; resource / tool / template / book /
    budget -> resource.
    """
    match = _KIND_RE.search(fold(text))
    if match is None or match.lastgroup is None:
        return AskKind.SUPPORT
    return AskKind(match.lastgroup)


# --------------------------------------------------------------------------- members


def _take_member(tokens: list[str], ctx: CaptureContext) -> tuple[Member, int]:
    """The member named by the first words of ``tokens`` (longest match first), and how many words."""
    return NameResolver(ctx.group, ctx.present).take(tokens)


def _whole_member(tokens: list[str], ctx: CaptureContext) -> Member:
    """The member named by all of ``tokens``."""
    return NameResolver(ctx.group, ctx.present).whole(tokens)


_NUMBERED_RE = re.compile(r"(.*?)#(\d{1,6})[,:;]?")


def _take_asker(tokens: list[str], ctx: CaptureContext) -> tuple[Member, int, int | None]:
    """The member whose ask an offer answers, with an optional '#N' after the name ('Ben#2', 'Ben #2')."""
    names = NameResolver(ctx.group, ctx.present)
    for i, token in enumerate(tokens[: names.longest + 1]):
        numbered = _NUMBERED_RE.fullmatch(token)
        if numbered is None:
            continue
        name = tokens[:i] + ([numbered[1]] if numbered[1] else [])
        if name:
            found = names.find_whole(name)
            if found is not None:
                return found, i + 1, int(numbered[2])
        break
    member, used = names.take(tokens)
    return member, used, None


# --------------------------------------------------------------------------- ratings


RATINGS_HINT = "type ratings like '8 9 7', 'Ana 8' or 'Ana Souza 8, Ben 9'"
# A score typed after a name, glued or not: 'Ana 8', 'Ana:8', '王9', '8/10'.
_SCORE_RE = re.compile(r"(?P<name>.*?)[:=]?(?P<score>\d+(?:[.,]\d+)?)(?:/10)?", re.DOTALL)
_RATING_SEPARATORS = re.compile(r"[\s,;\uff0c\uff1b\u3001\u060c\u061b]+")


def parse_ratings(text: str, group: Group, present: list[str] | None = None) -> list[tuple[str | None, int]]:
    """Read the close item's ratings field: ``8 9 7 10``, ``Ana 8``, ``Souza 8, AS 9``, ``王 9``.

    Returns ``(member id or None, score)`` in the order typed; a score without a name is an
    anonymous vote. Names are read as the capture line reads them (:class:`NameResolver`),
    preferring a member in ``present`` (member ids) when a name is shared. Raises
    :class:`CaptureError` (one line) for a score outside 1..10, a name without a score, a name
    that is nobody's, or a member rated twice.
    """
    pending: list[str] = []
    scores: list[tuple[str | None, int]] = []
    names = NameResolver(group, present)
    for word in _RATING_SEPARATORS.split(text):
        if not word:
            continue
        scored = _SCORE_RE.fullmatch(word)
        if scored is None:
            pending.append(word)
            continue
        if scored["name"]:
            pending.append(scored["name"])
        score_text = scored["score"]
        if not score_text.isdecimal() or not 1 <= int(score_text) <= 10:
            raise CaptureError(f"{quoted(score_text, 12)[1:-1]} is not a rating from 1 to 10")
        member = _rated_member(pending, names) if pending else None
        if member is not None and any(mid == member.id for mid, _ in scores):
            raise CaptureError(f"{member.name} is rated twice; keep one score")
        scores.append((None if member is None else member.id, int(score_text)))
        pending = []
    if pending:
        member = _rated_member(pending, names)
        raise CaptureError(f"{member.name} has no score; write it after the name, e.g. '{pending[0]} 8'")
    if not scores:
        raise CaptureError(RATINGS_HINT)
    return scores


def _rated_member(tokens: list[str], names: NameResolver) -> Member:
    try:
        return names.whole(tokens)
    except CaptureError as whole_error:
        # 'Ana Ben 9': Ana was left without a score, which says more than "no member called 'Ana Ben'".
        try:
            member, used = names.take(tokens)
        except CaptureError:
            raise whole_error from None
        if used < len(tokens):
            raise CaptureError(
                f"{member.name} has no score; write it after the name, e.g. '{tokens[0]} 8'"
            ) from None
        raise


# --------------------------------------------------------------------------- due dates


_WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 0, "months": 0}
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# A due date further than this is almost surely a typo in the year.
MAX_DAYS_AHEAD = 5 * 366
# A day and month without a year that fell this recently is refused as past, not moved a year on.
RECENT_PAST_DAYS = 60

_ISO_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NUMERIC_RE = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")
_DAY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR_RE = re.compile(r"\d{4}")
_COUNT_RE = re.compile(r"\d{1,6}")


def _show(day: date) -> str:
    return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _split_due(tokens: list[str], ctx: CaptureContext) -> tuple[list[str], date]:
    """Split a trailing due phrase off the words of a commitment; no phrase: the next meeting."""
    problem: CaptureError | None = None
    for size in (4, 3, 2):
        if len(tokens) < size:
            continue
        tail = [t.lower() for t in tokens[-size:]]
        tail[-1] = tail[-1].rstrip(".!;,")
        try:
            due = _read_due(tail, ctx)
        except CaptureError as error:
            # A shorter tail may still read well ("by by Fri"); report this only if none does.
            problem = problem or error
            continue
        if due is not None:
            return tokens[:-size], due
    if problem is not None:
        raise problem
    return tokens, ctx.next_meeting


def _read_due(tail: list[str], ctx: CaptureContext) -> date | None:
    """The date a due phrase names, None if the words are not a due phrase at all."""
    today = ctx.today
    if tail[0] == "in":
        return _in_phrase(tail[1:], today)
    if tail[0] != "by":
        return None
    words = [w.rstrip(",") for w in tail[1:]]
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return None
    if words in (["next"], ["next", "meeting"], ["next", "time"]):
        return ctx.next_meeting
    if len(words) == 2 and words[0] == "next" and (words[1] in _WEEKDAYS or words[1] in ("week", "month")):
        raise CaptureError(
            f"'next {words[1]}' can mean two different days; write 'by Fri' (the coming one), "
            "'in 2 weeks' or a date like 'by 12 Dec'"
        )
    if len(words) == 1:
        return _one_word_date(words[0], today)
    return _day_month(words, today)


def _in_phrase(words: list[str], today: date) -> date | None:
    if len(words) != 2 or words[1] not in _UNIT_DAYS:
        return None
    count_word, unit = words
    if _COUNT_RE.fullmatch(count_word):
        count = int(count_word)
    elif count_word in _COUNTS:
        count = _COUNTS[count_word]
    else:
        return None
    shown = f"in {count_word} {unit}"
    if _UNIT_DAYS[unit]:
        if count * _UNIT_DAYS[unit] > MAX_DAYS_AHEAD:
            raise CaptureError(f"{shown} is more than 5 years away; pick a nearer due date")
        return _checked(today, count * _UNIT_DAYS[unit], shown, today)
    if count > 60:
        raise CaptureError(f"{shown} is more than 5 years away; pick a nearer due date")
    year, month = divmod(today.month - 1 + count, 12)
    year += today.year
    if year > date.max.year:
        raise CaptureError(f"{shown} is past the end of the calendar")
    # The same day of the month, or the month's last day when it is shorter (31 Jan + 1 month).
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return _check_due(date(year, month + 1, day), shown, today)


def _checked(start: date, days: int, shown: str, today: date) -> date:
    try:
        due = start + timedelta(days=days)
    except OverflowError:
        raise CaptureError(f"{shown} is past the end of the calendar") from None
    return _check_due(due, shown, today)


def _check_due(due: date, shown: str, today: date) -> date:
    if due < today:
        raise CaptureError(f"the due date {shown} ({_show(due)}) has passed; today is {_show(today)}")
    if (due - today).days > MAX_DAYS_AHEAD:
        raise CaptureError(f"the due date {shown} is more than 5 years away; check the year")
    return due


def _one_word_date(word: str, today: date) -> date | None:
    if word == "today":
        return today
    if word == "tomorrow":
        return _checked(today, 1, "tomorrow", today)
    if word in _WEEKDAYS:
        # The coming one, strictly after today: "by Fri" said on a Friday means next week's.
        ahead = (_WEEKDAYS[word] - today.weekday() - 1) % 7 + 1
        return _checked(today, ahead, word.capitalize(), today)
    if _ISO_RE.fullmatch(word):
        year, month, day = (int(part) for part in word.split("-"))
        try:
            due = date(year, month, day)
        except ValueError:
            raise CaptureError(f"{quoted(word)} is not a date; write it as year-month-day, e.g. 2026-12-01") from None
        return _check_due(due, word, today)
    if _NUMERIC_RE.fullmatch(word):
        raise CaptureError(
            f"{quoted(word)} can be read two ways; write the month as a word (by 1 Dec) "
            "or the whole date as year-month-day (by 2026-12-01)"
        )
    return None


def _day_month(words: list[str], today: date) -> date | None:
    """'1 Dec', 'Dec 1', '1st December 2026', 'Dec 1, 2026'; None for any other words."""
    if len(words) not in (2, 3):
        return None
    if words[0] in _MONTHS:
        month_word, day_word = words[0], words[1]
    elif words[1] in _MONTHS:
        day_word, month_word = words[0], words[1]
    else:
        return None
    day_match = _DAY_RE.fullmatch(day_word)
    if day_match is None:
        return None
    year_word = words[2] if len(words) == 3 else None
    if year_word is not None and not _YEAR_RE.fullmatch(year_word):
        return None
    day, month = int(day_match[1]), _MONTHS[month_word]
    shown = f"{day} {_MONTH_NAMES[month - 1]}"
    if year_word is not None:
        shown += f" {year_word}"
        try:
            due = date(int(year_word), month, day)
        except ValueError:
            raise CaptureError(f"{shown} is not a date") from None
        return _check_due(due, shown, today)
    return _next_day_month(day, month, shown, today)


def _next_day_month(day: int, month: int, shown: str, today: date) -> date:
    # 29 Feb comes round within four years; any other day that never exists is refused.
    for year in range(today.year, min(today.year + 5, date.max.year + 1)):
        try:
            due = date(year, month, day)
        except ValueError:
            continue
        if due >= today:
            return _check_due(due, shown, today)
        if (today - due).days <= RECENT_PAST_DAYS:
            raise CaptureError(
                f"{shown} has passed (today is {_show(today)}); add the year if you mean {shown} {year + 1}"
            )
    raise CaptureError(f"{shown} is not a date")
