"""One name resolver for the whole app: who a typed name means.

The quick capture line, the close item's ratings field and every form that takes a typed name
resolve it here, so a name that works in one place works in all of them.

A current member is named by:

* the full name (``Ana Souza``), or a run of its words that starts with the first name or ends
  with the last one: a first name of two words (``Ana Lúcia`` for Ana Lúcia Ferreira), first and
  last name without the middle ones (``Maria Costa`` for Maria da Silva Costa);
* the first or the last name alone (``Ana``, ``Souza``);
* the initials typed in capitals (``AS``);
* the start of the first name, two letters or more (``An``); in Chinese, Japanese or Korean,
  where a name is written without spaces, one character is enough (``王`` for 王芳).

Matching ignores case, accents (``ines`` is Inês), the kind of apostrophe (``O'Brien``,
``O’Brien`` and ``OBrien`` are the same) and of hyphen, and spaces inside a CJK name. What is
stored and shown is never changed: only the comparison folds.

More certain matches win: the longest run of words, then an exact name, then initials, then a
first-name start. When several members remain, the one present in the room is taken; otherwise
the name is refused with the candidates. Members who have left are never matched, and say so.
A name that matches nobody is refused with the closest current names, if any are close:
``no member called 'Zoey': did you mean Zoë Martin?``.

Everything here is pure: it reads only its arguments.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Group, Member

__all__ = ["CaptureError", "NameResolver", "fold", "quoted", "resolve_member"]


class CaptureError(ValueError):
    """A typed line or name that cannot be read. ``str()`` (and ``.message``) is one line to show."""

    def __init__(self, message: str) -> None:
        # One line, whatever names or typed text ended up in it.
        self.message = " ".join(str(message).split())
        super().__init__(self.message)


# ' ’ ‘ ʼ ´ ` and their cousins: people type whichever their keyboard gives them.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u00b4`\u02bb\u02b9\u2032\uff07\u201b"), None)
# Katakana middle dots separate the parts of a name written in katakana.
_SEPARATORS = "\u30fb\uff65"
# Punctuation typed right after a name ("Ana:", "Ana,", "王芳，") is not part of it.
_TRAILING = ",:;\uff0c\uff1a\uff1b\u3001\u060c\u061b"
# Typed text is compared with names only up to this length (a pasted page is not a name).
_COMPARE_MAX = 80


def fold(text: str) -> str:
    """A name as it is compared: case-folded, without accents, apostrophes or format characters,
    hyphens read as spaces. ``fold("Siobhán O’Brien") == fold("siobhan obrien")``."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES)).translate(_APOSTROPHES)
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category.startswith("M") or category == "Cf":
            continue
        kept.append(" " if category == "Pd" or ch in _SEPARATORS else ch)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    in_block = (
        0x1100 <= code <= 0x11FF  # Hangul jamo
        or 0x2E80 <= code <= 0x9FFF  # CJK radicals, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # ideographs, extensions B onwards
    )
    return in_block and unicodedata.category(ch).startswith("L")


def _cjk(word: str) -> bool:
    """Written in a script with no spaces between family and given name (王芳, 김민준)."""
    return bool(word) and all(_is_cjk(ch) for ch in word)


def _bare(token: str) -> str:
    return token.rstrip(_TRAILING)


def _key(tokens: Sequence[str]) -> tuple[str, ...]:
    return tuple(fold(" ".join(_bare(t) for t in tokens)).split())


@dataclass(frozen=True)
class _Person:
    member: Member
    words: tuple[str, ...]  # folded words of the name
    initials: frozenset[str]

    @property
    def joined(self) -> str:
        return "".join(self.words)

    @property
    def cjk(self) -> bool:
        return _cjk(self.joined)

    @property
    def reach(self) -> int:
        """The most typed words this name can take (a CJK name may be typed a character a word)."""
        return len(self.joined) if self.cjk else len(self.words)


def _person(member: Member) -> _Person | None:
    words = tuple(fold(member.name).split())
    if not words:
        return None
    # Initials of the words as folded, and of the name as written ("Noa Ben-David": NBD and NB).
    parts = [fold(part).replace(" ", "") for part in member.name.split()]
    initials = {"".join(w[0] for w in words), "".join(p[0] for p in parts if p)}
    return _Person(member, words, frozenset(initials))


def _people(members: Sequence[Member]) -> list[_Person]:
    return [p for p in map(_person, members) if p is not None]


def _in_order(key: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether ``key`` is ``words`` with some words left out, keeping the order."""
    rest = iter(words)
    return all(word in rest for word in key)


def _several_word_matches(tokens: Sequence[str], people: list[_Person]) -> list[_Person]:
    """Members named by all of ``tokens`` when they hold two name words or more."""
    key = _key(tokens)
    if len(key) >= 2 and all(_cjk(w) for w in key):
        # 王 芳 typed for 王芳 (or the other way round): spaces mean nothing inside a CJK name.
        exact = [p for p in people if p.cjk and p.joined == "".join(key)]
        if exact:
            return exact
    if len(key) < 2:
        return []
    exact = [p for p in people if p.words == key]
    if exact:
        return exact
    # A first name of two words (Ana Lúcia), first and last name (Maria Costa), a surname of two.
    return [
        p
        for p in people
        if len(key) < len(p.words) and (key[0] == p.words[0] or key[-1] == p.words[-1]) and _in_order(key, p.words)
    ]


def _one_word_matches(token: str, people: list[_Person]) -> list[_Person]:
    """Candidates for one typed word, from the most to the least certain kind of match."""
    key = _key([token])
    if len(key) != 1:
        return []
    word = key[0]
    whole = [p for p in people if p.words == (word,) or (p.cjk and p.joined == word)]
    if whole:
        return whole
    exact = [p for p in people if word in (p.words[0], p.words[-1])]
    if exact:
        return exact
    bare = _bare(token)
    # Initials only when typed in capitals, so "as" or "ed" at the start of a line stay words.
    if len(word) >= 2 and bare.isalpha() and bare.isupper():
        by_initials = [p for p in people if word in p.initials]
        if by_initials:
            return by_initials
    if _cjk(word):
        # A CJK name has no first-name/surname split by spaces: one character starts it.
        return [p for p in people if p.cjk and p.joined.startswith(word)]
    if len(word) >= 2:
        return [p for p in people if p.words[0].startswith(word)]
    return []


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def quoted(text: str, limit: int = 40) -> str:
    # Typed text echoed in a message is cut short, so a pasted page cannot flood the screen.
    text = " ".join(text.split())
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "\u2026") + "'"


class NameResolver:
    """Resolves names typed for the members of one group.

    ``present`` holds the member ids in the room; it only breaks ties between members who share
    a name, preferring the one present. ``None`` means attendance is not known.
    """

    def __init__(self, group: Group, present: Sequence[str] | None = None) -> None:
        self.present = None if present is None else frozenset(present)
        self.people = _people(group.active_members)
        self.former = _people([m for m in group.members if not m.active])

    @property
    def longest(self) -> int:
        """The most typed words a current member's name can take."""
        return max((p.reach for p in self.people), default=1)

    def take(self, tokens: Sequence[str]) -> tuple[Member, int]:
        """The member named by the first words of ``tokens`` (longest match first), and how many words.

        Raises :class:`CaptureError` when no current member is named, or several are.
        """
        return self._resolve(tokens, whole=False)

    def whole(self, tokens: Sequence[str]) -> Member:
        """The member named by all of ``tokens``; raises :class:`CaptureError` otherwise."""
        return self._resolve(tokens, whole=True)[0]

    def find_whole(self, tokens: Sequence[str]) -> Member | None:
        """The member named by all of ``tokens``, None if nobody is (several: :class:`CaptureError`)."""
        found = self._find(tokens, self.people, whole=True)
        return None if found is None else found[0]

    # ------------------------------------------------------------------ inside

    def _pick(self, candidates: list[_Person], typed: str) -> Member:
        if len(candidates) == 1:
            return candidates[0].member
        if self.present is not None:
            here = [p for p in candidates if p.member.id in self.present]
            if len(here) == 1:
                return here[0].member
        names = [p.member.name for p in candidates]
        raise CaptureError(f"{quoted(typed)[1:-1]} could be {_listed(names)}; type more of the name")

    def _find(
        self, tokens: Sequence[str], people: list[_Person], whole: bool, former: list[_Person] | None = None
    ) -> tuple[Member, int] | None:
        """The member named at the start of ``tokens`` (all of them if ``whole``) and how many words it took.

        A full name of a former member stops the search, so their first name is not read as someone else's.
        """
        former = former or []
        longest = max((p.reach for p in people + former), default=0)
        sizes = [len(tokens)] if whole else range(min(len(tokens), longest), 0, -1)
        for size in sizes:
            if not whole and not _key(tokens[size - 1 : size]):
                continue  # a name does not end on a lone ':' or '-'
            found = _several_word_matches(tokens[:size], people)
            if found:
                return self._pick(found, " ".join(tokens[:size])), size
            gone = _several_word_matches(tokens[:size], former)
            if gone:
                raise CaptureError(f"{gone[0].member.name} has left the group; only current members can be named")
        if not people or not tokens:
            return None
        if whole and len(tokens) > 2:
            return None
        candidates = _one_word_matches(tokens[0], people)
        if not candidates:
            return None
        narrowed: list[_Person] = []
        if len(tokens) >= 2 and (whole or len(candidates) > 1):
            # "Ana S" or "Ana Sou": the second word starts a later part of the name.
            second = _key([tokens[1]])
            if len(second) == 1:
                narrowed = [p for p in candidates if any(w.startswith(second[0]) for w in p.words[1:])]
        if whole:
            if len(tokens) == 1:
                return self._pick(candidates, tokens[0]), 1
            return (self._pick(narrowed, " ".join(tokens[:2])), 2) if narrowed else None
        if narrowed:
            return self._pick(narrowed, " ".join(tokens[:2])), 2
        return self._pick(candidates, tokens[0]), 1

    def _resolve(self, tokens: Sequence[str], whole: bool) -> tuple[Member, int]:
        tokens = list(tokens)
        if not tokens:
            raise CaptureError("type a member's name")
        found = self._find(tokens, self.people, whole, self.former)
        if found is not None:
            return found
        try:
            gone = self._find(tokens, self.former, whole)
        except CaptureError:
            gone = None
        if gone is not None:
            raise CaptureError(f"{gone[0].name} has left the group; only current members can be named")
        typed = " ".join(tokens) if whole else _bare(tokens[0])
        raise CaptureError(f"no member called {quoted(typed)}{self._did_you_mean(typed)}")

    def _did_you_mean(self, typed: str) -> str:
        """': did you mean Zoë Martin?' for the closest current members, or nothing when none is close."""
        wanted = fold(typed[:_COMPARE_MAX])
        if not wanted.strip():
            return ""
        best: dict[str, tuple[float, str]] = {}
        for p in self.people:
            forms = {" ".join(p.words), p.words[0], p.words[-1]}
            score = max(difflib.SequenceMatcher(None, wanted, form).ratio() for form in forms)
            if score >= 0.6:
                best[p.member.id] = (score, p.member.name)
        if not best:
            return ""
        ranked = sorted(best.values(), key=lambda pair: -pair[0])
        # Runners-up only when nearly as close as the best: "Farha" is Farah, not also Maria.
        close = [name for score, name in ranked if score >= ranked[0][0] - 0.1][:3]
        return f": did you mean {_listed(close)}?"


def resolve_member(typed: str, group: Group, present: Sequence[str] | None = None) -> Member:
    """The current member of ``group`` that ``typed`` names, for forms that take a typed name.

    Any form the capture line accepts works (``Ana Souza``, ``Souza``, ``AS``, ``An``, ``王``); a
    shared name goes to the member in ``present`` (member ids) if exactly one of them is there.
    Raises :class:`CaptureError` with one line to show: nobody or several named, or a member who
    has left.
    """
    return NameResolver(group, present).whole(typed.split())
