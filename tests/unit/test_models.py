"""The records are the contract: what goes in as JSON comes back out unchanged, and bad input is refused."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from meetings.models import (
    NAME_MAX,
    TEXT_MAX,
    Ask,
    LoggedAction,
    Attendance,
    Commitment,
    Goal,
    Group,
    Guest,
    Meeting,
    MeetingItem,
    Member,
    Note,
    Offer,
    Purpose,
    Rating,
    Review,
    Template,
    TemplateItem,
    slugify,
)
from tests.unit.strategies import ODD_TEXTS, groups, meetings, templates

RECORDS = [
    Group, Member, Purpose, Goal, Template, TemplateItem, Meeting, MeetingItem,
    Attendance, Guest, Commitment, Ask, Offer, Note, Review, Rating, LoggedAction,
]  # fmt: skip


def _through_json_text(record: BaseModel) -> dict:
    # What the store does: dump for JSON, write UTF-8 text, read it back.
    text = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return json.loads(text.encode("utf-8").decode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(group=groups())
def test_any_group_survives_a_json_dump_and_validation(group: Group) -> None:
    assert Group.model_validate(group.model_dump(mode="json")) == group
    assert Group.model_validate(_through_json_text(group)) == group


@settings(max_examples=40, deadline=None)
@given(data=st.data(), group=groups(max_members=5))
def test_any_meeting_survives_a_json_dump_and_validation(data: st.DataObject, group: Group) -> None:
    meeting = data.draw(meetings(group))
    assert Meeting.model_validate(meeting.model_dump(mode="json")) == meeting
    assert Meeting.model_validate(_through_json_text(meeting)) == meeting


@settings(max_examples=40, deadline=None)
@given(template=templates())
def test_any_template_survives_a_json_dump_and_validation(template: Template) -> None:
    assert Template.model_validate(_through_json_text(template)) == template


def _has_control(text: str) -> bool:
    return any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)


@pytest.mark.parametrize("text", [t for t in ODD_TEXTS if not _has_control(t)])
def test_markup_emoji_and_rtl_text_is_kept_verbatim(text: str) -> None:
    note = Note(text=f"x {text} x")
    assert note.text == f"x {text} x"
    assert Note.model_validate(_through_json_text(note)) == note


@pytest.mark.parametrize("text", [t for t in ODD_TEXTS if _has_control(t)])
def test_control_characters_are_kept_as_visible_pictures_that_cannot_drive_a_terminal(text: str) -> None:
    note = Note(text=f"x {text} x")
    assert not _has_control(note.text)
    # Every printable character typed is still there, in order.
    printable = [c for c in text if not _has_control(c) and c != "\n"]
    kept = iter(note.text)
    assert all(any(k == c for k in kept) for c in printable)
    if "\x1b" in text:
        assert "\u241b" in note.text
    assert Note.model_validate(_through_json_text(note)) == note


def test_a_typo_in_a_field_name_is_refused_not_dropped() -> None:
    with pytest.raises(ValidationError, match="emial"):
        Member.model_validate({"name": "Ana Souza", "emial": "ana@example.com"})


def test_names_are_stored_without_surrounding_whitespace() -> None:
    assert Member(name="  Ana Souza \n").name == "Ana Souza"


def test_a_blank_name_is_refused() -> None:
    with pytest.raises(ValidationError):
        Member(name="   ")


def test_a_pasted_novel_is_refused_beyond_the_text_limit() -> None:
    Note(text="x" * TEXT_MAX)
    with pytest.raises(ValidationError):
        Note(text="x" * (TEXT_MAX + 1))
    with pytest.raises(ValidationError):
        Member(name="y" * (NAME_MAX + 1))


def test_a_lone_surrogate_is_refused_so_every_stored_text_encodes_as_utf8() -> None:
    with pytest.raises(ValidationError):
        Member(name="Ana \ud800")


def test_two_members_with_one_id_are_refused() -> None:
    purpose = Purpose(statement="Help each other")
    with pytest.raises(ValidationError, match="member ids must be unique"):
        Group(slug="g", name="G", purpose=purpose, members=[Member(id="a", name="Ana"), Member(id="a", name="Ben")])


def test_two_goals_with_one_id_are_refused() -> None:
    with pytest.raises(ValidationError, match="goal ids must be unique"):
        Purpose(statement="Help", goals=[Goal(id="doors", title="Open doors"), Goal(id="doors", title="Again")])


@pytest.mark.parametrize(
    ("target", "outcome", "ok"),
    [
        ("commitment", "done", True),
        ("commitment", "carried", True),
        ("commitment", "fulfilled", False),
        ("ask", "fulfilled", True),
        ("ask", "missed", False),
        ("ask", "nonsense", False),
    ],
)
def test_a_review_outcome_must_fit_what_is_reviewed(target: str, outcome: str, ok: bool) -> None:
    if ok:
        assert Review(target_id="x", target=target, outcome=outcome).outcome == outcome
    else:
        with pytest.raises(ValidationError):
            Review(target_id="x", target=target, outcome=outcome)


@pytest.mark.parametrize("email", ["ana@example.com", "ana.souza+mm@sub.example.pt", ""])
def test_plain_email_addresses_are_accepted(email: str) -> None:
    assert Member(name="Ana", email=email).email == email


@pytest.mark.parametrize("email", ["ana", "ana@", "ana@example", "Ana <ana@example.com>", "a@b.c, d@e.f"])
def test_something_that_is_not_an_email_address_is_refused(email: str) -> None:
    with pytest.raises(ValidationError, match="not an email address"):
        Member(name="Ana", email=email)


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Founders Circle", "founders-circle"), ("  Riverside / Referral!! ", "riverside-referral"), ("👩🏽‍💻", "group")],
)
def test_a_group_name_becomes_a_command_friendly_slug(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_meeting_knows_who_was_in_the_room() -> None:
    meeting = Meeting.model_validate(
        {
            "group": "g",
            "number": 1,
            "date": date(2026, 11, 24).isoformat(),
            "template": "classic-mastermind",
            "attendance": [
                {"member_id": "ana", "presence": "present"},
                {"member_id": "ben", "presence": "absent"},
                {"member_id": "dana", "presence": "late"},
                {"member_id": "eli", "presence": "substitute", "substitute": "Eli's cofounder"},
            ],
        }
    )
    assert meeting.attendees == ["ana", "dana", "eli"]


def _keywords_given_to(source: str) -> dict[str, set[str]]:
    """For each record class, the keyword arguments the strategies pass when building one."""
    given: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        target = node.func
        if isinstance(target, ast.Attribute) and target.attr == "builds" and node.args:
            target = node.args[0]
        if isinstance(target, ast.Name):
            given.setdefault(target.id, set()).update(k.arg for k in node.keywords if k.arg)
    return given


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_the_test_strategies_fill_every_field_of_every_record(record: type[BaseModel]) -> None:
    # A field added to a model but not to the strategies would escape the round-trip tests.
    source = (Path(__file__).parent / "strategies.py").read_text(encoding="utf-8")
    assert set(record.model_fields) - _keywords_given_to(source).get(record.__name__, set()) == set()


def test_a_guest_recorded_before_invitations_were_kept_came() -> None:
    """Files written before ``Guest.came`` existed hold only guests who came: they read so."""
    from meetings.models import Guest, Meeting

    old = Guest.model_validate({"id": "g1", "name": "Ines Duarte", "invited_by": None, "email": "", "first_visit": True, "became_member": False})
    assert old.came
    meeting = Meeting(group="founders-circle", number=1, date=date(2026, 11, 10), template="classic-mastermind",
                      guests=[old, Guest(name="Omar Aziz", came=False)])
    assert [g.name for g in meeting.visitors] == ["Ines Duarte"]
