"""One name resolver: the members of an international circle named in a capture line, in the
ratings field and in forms, however the facilitator's keyboard spells them."""

from __future__ import annotations

import copy
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from meetings.capture import CaptureContext, CaptureError, CapturedCommitment, parse_capture, parse_ratings
from meetings.models import Group, Member, Purpose, Visibility
from meetings.names import NameResolver, fold, resolve_member

TUESDAY = date(2026, 11, 24)

ANA_LUCIA = Member(id="ana-lucia", name="Ana Lúcia Ferreira")
ANA_S = Member(id="ana-s", name="Ana Souza")
SIOBHAN = Member(id="siobhan", name="Siobhán O’Brien")
WANG = Member(id="wang", name="王芳")
LI = Member(id="li", name="李伟")
MOHAMMED = Member(id="mohammed", name="محمد العلي")
ZOE = Member(id="zoe", name="Zoë Martin")
NOA = Member(id="noa", name="Noa Ben-David")
BEN = Member(id="ben", name="Ben Okafor")
KIM = Member(id="kim", name="김민준")
GREG = Member(id="greg", name="Greg Novak", left=date(2026, 6, 30))
CIRCLE = [ANA_LUCIA, ANA_S, SIOBHAN, WANG, LI, MOHAMMED, ZOE, NOA, BEN, KIM, GREG]


def circle(members: list[Member] = CIRCLE) -> Group:
    return Group(
        slug="open-doors",
        name="Open Doors",
        purpose=Purpose(statement="Open doors for founders everywhere."),
        members=members,
    )


def commit(line: str, group: Group | None = None, present: list[str] | None = None) -> CapturedCommitment:
    ctx = CaptureContext(group or circle(), TUESDAY, date(2026, 12, 8), Visibility.SHAREABLE, [], present)
    captured = parse_capture(line, ctx)
    assert isinstance(captured, CapturedCommitment)
    return captured


def refused(typed: str, group: Group | None = None) -> str:
    with pytest.raises(CaptureError) as caught:
        resolve_member(typed, group or circle())
    message = str(caught.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- the acceptance names


@pytest.mark.parametrize(
    ("typed", "member"),
    [
        ("Ana Lúcia", ANA_LUCIA),
        ("ana lucia", ANA_LUCIA),
        ("Ana Lúcia Ferreira", ANA_LUCIA),
        ("Siobhán O’Brien", SIOBHAN),
        ("Siobhán O'Brien", SIOBHAN),
        ("Siobhan O‘Brien", SIOBHAN),
        ("siobhan obrien", SIOBHAN),
        ("O’Brien", SIOBHAN),
        ("O'Brien", SIOBHAN),
        ("OBrien", SIOBHAN),
        ("O`Brien", SIOBHAN),
        ("王芳", WANG),
        ("王", WANG),
        ("王 芳", WANG),
        ("李", LI),
        ("محمد", MOHAMMED),
        ("محمد العلي", MOHAMMED),
        ("العلي", MOHAMMED),
        ("김", KIM),
        ("김민준", KIM),
        ("Noa Ben-David", NOA),
        ("Ben-David", NOA),
        ("Ben–David", NOA),
        ("Noa Ben David", NOA),
    ],
)
def test_international_names_resolve_in_capture_and_ratings(typed, member):
    c = commit(f"c: {typed} send the survey")
    assert (c.owner, c.text) == (member.id, "send the survey")
    assert parse_ratings(f"{typed} 8", circle(), []) == [(member.id, 8)]
    assert resolve_member(typed, circle()) == member


def test_a_two_word_first_name_is_taken_whole_not_left_in_the_text():
    c = commit("c: Ana Lúcia call the bank")
    assert (c.owner, c.text) == ("ana-lucia", "call the bank")


def test_a_first_name_of_one_word_still_needs_the_surname_when_shared():
    assert "Ana could be Ana Lúcia Ferreira or Ana Souza" in refused("Ana")


def test_what_is_stored_and_shown_keeps_the_name_as_written():
    assert resolve_member("siobhan o'brien", circle()).name == "Siobhán O’Brien"


def test_a_chinese_name_glued_to_a_score_in_ratings():
    assert parse_ratings("王9 李7", circle(), []) == [("wang", 9), ("li", 7)]


def test_a_cjk_prefix_shared_by_two_names_asks_for_more():
    group = circle([WANG, Member(id="wang-wei", name="王伟")])
    assert refused("王", group) == "王 could be 王芳 or 王伟; type more of the name"
    assert resolve_member("王伟", group).id == "wang-wei"


def test_one_latin_letter_is_still_not_a_first_name_start():
    assert refused("Z").startswith("no member called 'Z'")


def test_an_exact_one_word_name_beats_someone_elses_surname():
    group = circle([Member(id="lee", name="Lee"), Member(id="ana-lee", name="Ana Lee")])
    assert resolve_member("Lee", group).id == "lee"


def test_initials_of_a_hyphenated_surname_as_written_or_in_full():
    assert resolve_member("NB", circle()) == NOA
    assert resolve_member("NBD", circle()) == NOA


def test_right_to_left_marks_typed_around_a_name_do_not_matter():
    assert resolve_member("\u200fمحمد\u200f", circle()) == MOHAMMED


# --------------------------------------------------------------------------- did you mean


def test_a_near_miss_suggests_the_closest_member():
    assert refused("Zoey") == "no member called 'Zoey': did you mean Zoë Martin?"


def test_zoe_without_the_diaeresis_is_zoe_not_a_near_miss():
    # Accents never matter, so the near miss of the example is one letter off, not an accent.
    assert resolve_member("Zoe", circle()) == ZOE
    assert refused("Zoi") == "no member called 'Zoi': did you mean Zoë Martin?"


def test_a_near_miss_in_a_capture_line():
    with pytest.raises(CaptureError, match=r"^no member called 'Siobahn': did you mean Siobhán O’Brien\?$"):
        commit("c: Siobahn send the deck")


def test_two_close_names_are_both_suggested():
    group = circle([Member(id="mark", name="Mark Lee"), Member(id="marc", name="Marc Dubois"), BEN])
    assert refused("Marx", group) == "no member called 'Marx': did you mean Mark Lee or Marc Dubois?"


def test_at_most_three_suggestions():
    firsts = ["Anna", "Anne", "Anja", "Ania"]
    group = circle([Member(id=f"m{i}", name=f"{first} Kent") for i, first in enumerate(firsts)])
    message = refused("Anxa Kant", group)
    assert message.count(",") + message.count(" or ") == 2


def test_no_suggestion_when_nothing_is_close():
    assert refused("Xyz") == "no member called 'Xyz'"


def test_a_member_who_left_is_never_suggested():
    assert refused("Gerg") == "no member called 'Gerg'"
    assert refused("Greg") == "Greg Novak has left the group; only current members can be named"


def test_nothing_typed_is_refused():
    assert refused("   ") == "type a member's name"


# --------------------------------------------------------------------------- forms


def test_a_form_prefers_the_member_in_the_room_for_a_shared_first_name():
    assert resolve_member("Ana", circle(), present=["ana-s"]) == ANA_S


def test_a_form_takes_every_name_form_the_capture_line_takes():
    for typed in ("Ana Souza", "Souza", "AS", "Ana S", "ana sou"):
        assert resolve_member(typed, circle()) == ANA_S


def test_a_form_refuses_extra_words_after_a_name():
    assert refused("Ben Okafor please").startswith("no member called 'Ben Okafor please'")


def test_resolving_never_changes_the_group():
    group = circle()
    before = copy.deepcopy(group)
    resolve_member("Ana", group, present=["ana-s"])
    NameResolver(group).take(["王", "send"])
    assert group == before


def test_folding_treats_every_apostrophe_and_hyphen_alike():
    folded = {fold(n) for n in ["O'Brien", "O’Brien", "O‘Brien", "OʼBrien", "O´Brien", "O`Brien", "OBrien"]}
    assert folded == {"obrien"}
    assert fold("Ben‐David") == fold("Ben-David") == fold("ben david")


# --------------------------------------------------------------------------- properties


GIVEN = ["Ana", "Ana Lúcia", "Siobhán", "Zoë", "Inês", "José", "Łukasz", "Noa", "Chiamaka", "محمد", "Jean-Pierre",
         "Mária", "Søren", "D'Arcy", "Ngọc Anh"]  # fmt: skip
FAMILY = ["Souza", "O’Brien", "O'Neill", "Ferreira", "العلي", "Ben-David", "da Silva Costa", "Nowak", "Nguyễn",
          "Müller", "Çelik", "N’Diaye"]  # fmt: skip
CJK = ["王芳", "李伟", "张小明", "陈", "王伟", "김민준", "山田太郎", "李 小龙"]
LETTERS = "abcdefghijklmnoprstuvzáéíóúãçêëïñöüøłßšž’'" + "王李张陈芳伟明" + "محدعلي"
RANDOM_WORD = st.text(alphabet=LETTERS, min_size=1, max_size=7).filter(lambda w: fold(w).strip() != "")
NAME = st.one_of(
    st.builds(lambda g, f: f"{g} {f}", st.sampled_from(GIVEN), st.sampled_from(FAMILY)),
    st.sampled_from(CJK),
    st.builds(lambda words: " ".join(w.capitalize() for w in words), st.lists(RANDOM_WORD, min_size=1, max_size=3)),
)
TEXT = ["send", "the", "survey", "to", "20", "customers", "发送", "调查", "إرسال", "!"]


def spellings(name: str) -> st.SearchStrategy[str]:
    """How a facilitator might type a name: as written, lower case, without accents, other apostrophes."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return st.sampled_from([name, name.lower(), plain, name.replace("’", "'"), name.replace("'", "’")])


def spaceless(name: str) -> str:
    return fold(name).replace(" ", "")


def unique_first_word(name: str, others: list[str]) -> bool:
    """Conservatively: no other member could be meant by this member's first word."""
    first = fold(name).split()[0]
    for other in others:
        words = fold(other).split()
        if first in words or words[0].startswith(first) or spaceless(other).startswith(first):
            return False
        if first in {"".join(w[0] for w in words), "".join(fold(p)[0] for p in other.split() if fold(p))}:
            return False
    return True


ROSTERS = st.lists(NAME, min_size=1, max_size=6, unique_by=spaceless)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEXT = date(2026, 12, 8)
TEXTS = st.lists(st.sampled_from(TEXT), min_size=1, max_size=5)


def group_of(names: list[str]) -> Group:
    return circle([Member(id=f"m{i}", name=name) for i, name in enumerate(names)])


@SETTINGS
@given(names=ROSTERS, pick=st.integers(min_value=0), data=st.data(), text=TEXTS)
def test_a_full_name_however_spelled_names_that_member_in_capture_and_ratings(names, pick, data, text):
    group = group_of(names)
    i = pick % len(names)
    # A text word that is itself a name word would rightly be read as part of the name.
    assume(not {fold(w) for w in text} & {w for n in names for w in fold(n).split()})
    typed = data.draw(spellings(names[i]))

    captured = parse_capture(f"c: {typed} {' '.join(text)}", CaptureContext(group, TUESDAY, NEXT, Visibility.SHAREABLE))

    assert captured == CapturedCommitment(f"m{i}", " ".join(text), NEXT, Visibility.SHAREABLE)
    assert parse_ratings(f"{typed} 7", group, []) == [(f"m{i}", 7)]
    assert resolve_member(typed, group).id == f"m{i}"


@SETTINGS
@given(names=ROSTERS, pick=st.integers(min_value=0), text=TEXTS)
def test_a_unique_first_name_names_that_member_in_capture_and_ratings(names, pick, text):
    group = group_of(names)
    i = pick % len(names)
    first = names[i].split()[0]
    assume(unique_first_word(names[i], names[:i] + names[i + 1 :]))
    assume(not {fold(w) for w in text} & {w for n in names for w in fold(n).split()})

    captured = parse_capture(f"c: {first} {' '.join(text)}", CaptureContext(group, TUESDAY, NEXT, Visibility.SHAREABLE))

    assert (captured.owner, captured.text) == (f"m{i}", " ".join(text))  # type: ignore[union-attr]
    assert parse_ratings(f"{first} 9", group, []) == [(f"m{i}", 9)]


@SETTINGS
@given(names=ROSTERS, scores=st.lists(st.integers(min_value=1, max_value=10), min_size=6, max_size=6))
def test_everyone_rated_by_full_name_in_one_line(names, scores):
    group = group_of(names)
    line = ", ".join(f"{name} {score}" for name, score in zip(names, scores, strict=False))
    assert parse_ratings(line, group, []) == [(f"m{i}", s) for i, s in enumerate(scores[: len(names)])]


@SETTINGS
@given(names=ROSTERS, typed=st.text(max_size=30), present=st.lists(st.integers(0, 5)))
def test_any_typed_name_is_a_current_member_or_one_line_of_error(names, typed, present):
    group = group_of(names)
    try:
        member = resolve_member(typed, group, present=[f"m{p}" for p in present])
    except CaptureError as error:
        assert str(error) and "\n" not in str(error) and len(str(error)) < 300
    else:
        assert member in group.active_members
