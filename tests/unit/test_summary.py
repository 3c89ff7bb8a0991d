"""The minutes of Founders Circle meeting 42, in every format, compared with golden files.

Regenerate the golden files after a deliberate change with::

    UPDATE_GOLDEN=1 python -m pytest tests/unit/test_summary.py

and read the diff before committing it.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
from datetime import date, datetime, time, timezone
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import icalendar
import pytest
from markdown_it import MarkdownIt

from meetings import summary
from meetings.models import (
    Ask,
    Attendance,
    Commitment,
    Group,
    Guest,
    ItemKind,
    Meeting,
    MeetingItem,
    Member,
    Note,
    Purpose,
    Visibility,
)
from tests.unit.summary_fixture import FORUM_TEXTS, build

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _md_html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def _decoded_eml_parts(raw: bytes) -> tuple[email.message.EmailMessage, str, str]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    return msg, plain.get_content(), html.get_content()


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("text", "minutes.txt"), ("markdown", "minutes.md"), ("eml", "minutes.eml"), ("ics", "minutes.ics")],
)
def test_minutes_of_meeting_42_match_the_golden_file(fmt: str, name: str) -> None:
    meeting, group, earlier = build()
    output = summary.render(fmt, meeting, group, earlier)
    data = output.encode("utf-8") if isinstance(output, str) else output
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert data == path.read_bytes(), f"{name} differs from the golden file; if intended, run with UPDATE_GOLDEN=1"


def test_rendering_twice_gives_identical_bytes() -> None:
    meeting, group, earlier = build()
    for fmt in summary.FORMATS:
        assert summary.render(fmt, meeting, group, earlier) == summary.render(fmt, meeting, group, earlier)


# --------------------------------------------------------------------------- what the minutes say


def test_text_minutes_tell_the_story_of_the_meeting() -> None:
    meeting, group, earlier = build()
    text = summary.minutes_text(meeting, group, earlier)
    lines = text.splitlines()
    assert lines[0] == "Subject: Founders Circle: minutes of meeting 42, Tue 24 Nov 2026"
    assert "Meeting 42, Tue 24 Nov 2026, 18:00 to 19:32 (92 min, planned 90)" in lines
    assert "Dana Levi (late)" in text
    assert "Substitute: Marta Reis for Julia Martins" in lines
    assert "Absent: Greg Novak" in lines
    assert "Guest: Ines Duarte (invited by Ana Souza, first visit)" in lines
    # The forum-only commitment of meeting 41 is neither listed nor counted.
    assert "Commitments reviewed: 4 of 7 done (57%)" in lines
    assert "- Carried, 2nd time: Eli Park: hire a part-time bookkeeper" in lines
    assert "- Missed: Kofi Mensah: visit two solar installers in Porto" in lines
    assert "- Greg Novak (absent): send the draft partnership agreement to Eli" in lines
    assert "- Dana Levi: ship the onboarding A/B test (due Fri 4 Dec 2026)" in lines
    assert "New commitments, due Tue 8 Dec 2026" in lines
    assert "  - Farah Khan offers: Maria Costa at St Luke's" in lines
    assert "Rating: 8.7 / 10 (9 votes)" in lines
    assert "Next meeting: Tue 8 Dec 2026, 18:00. Hot seat: Eli Park." in lines
    assert 'Purpose: served "Open doors outside the circle" and "Build companies that' in lines


def test_text_minutes_are_wrapped_and_not_aligned() -> None:
    meeting, group, earlier = build()
    text = summary.minutes_text(meeting, group, earlier)
    assert max(len(line) for line in text.splitlines()) <= summary.WIDTH
    # No column alignment: never two spaces inside a line's text (only leading indentation).
    assert not [line for line in text.splitlines() if "  " in line.strip()]
    # A wrapped field continues with an indent, so it reads as one item.
    assert "Present: Ana Souza, Ben Okafor, Chen Wei, Dana Levi (late), Eli Park, Farah\n  Khan," in text


def test_forum_only_content_never_leaves_the_room() -> None:
    meeting, group, earlier = build()
    text = summary.minutes_text(meeting, group, earlier)
    markdown = summary.minutes_markdown(meeting, group, earlier)
    msg, plain, html = _decoded_eml_parts(summary.minutes_eml(meeting, group, earlier))
    cal = icalendar.Calendar.from_ical(summary.minutes_ics(meeting, group, earlier))
    ics_text = " ".join(str(c.get("summary", "")) + " " + str(c.get("description", "")) for c in cal.walk())
    followups = " ".join(summary.follow_ups(meeting, group, earlier).values())
    for secret in FORUM_TEXTS:
        for name, output in [("text", text), ("markdown", markdown), ("eml text", plain), ("eml html", html), ("ics", ics_text), ("follow-ups", followups)]:
            assert secret not in output, f"forum-only {secret!r} leaked into the {name}"


def test_markdown_renders_headings_and_bullets() -> None:
    meeting, group, earlier = build()
    markdown = summary.minutes_markdown(meeting, group, earlier)
    html = _md_html(markdown)
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == [
        "Attendance",
        "Commitments reviewed: 4 of 7 done (57%)",
        "Hot seat: Chen Wei, raise a seed round now, or after six more months of revenue?",
        "Decisions and notes",
        "New commitments, due Tue 8 Dec 2026",
        "Asks and offers",
        "Asks from earlier meetings",
        "Closing",
    ]
    assert re.findall(r"<h3>(.*?)</h3>", html) == ["Opening round: wins and news", "Close"]
    assert "<li>Greg Novak (absent): send the draft partnership agreement to Eli</li>" in html
    assert "<li><strong>Decision:</strong> Chen will talk to three founders who raised in 2025 before deciding.</li>" in html
    # A note's own lines stay apart (hard breaks), and its leading dashes are not a list.
    assert "What the group shared:<br />\n- a round raised on revenue costs less of the company<br />" in html
    # Every bullet written is one list item: 4 attendance, 7 reviewed, 2 hot seat, 2 notes,
    # 8 new commitments, 7 asks and offers, 2 earlier asks, 5 closing.
    bullets = [line for line in markdown.splitlines() if re.match(r"\s*- ", line)]
    assert html.count("<li>") == len(bullets) == 37


def test_eml_is_a_draft_with_text_and_html() -> None:
    meeting, group, earlier = build()
    raw = summary.minutes_eml(meeting, group, earlier, sender="Ana Souza <ana@souza.example>")
    msg, plain, html = _decoded_eml_parts(raw)
    assert msg["Subject"] == "Founders Circle: minutes of meeting 42, Tue 24 Nov 2026"
    assert msg["From"] == "Ana Souza <ana@souza.example>"
    addresses = [a.addr_spec for a in msg["To"].addresses]
    # Active members with an address: Ivan has none, Otto left the group.
    assert len(addresses) == 11
    assert "ana@souza.example" in addresses and "otto@berg.example" not in addresses
    assert msg["Date"].datetime == datetime(2026, 11, 24, 18, 0)
    assert msg["X-Unsent"] == "1"
    assert plain.startswith("Meeting 42, Tue 24 Nov 2026, 18:00 to 19:32")
    assert "- Greg Novak (absent): send the draft partnership agreement to Eli" in plain
    assert "<h2>Asks and offers</h2>" in html and "<title>Founders Circle: minutes" in html


def test_eml_without_sender_or_addresses_still_parses() -> None:
    meeting, group, earlier = build()
    group = group.model_copy(update={"members": [m.model_copy(update={"email": ""}) for m in group.members]})
    msg, plain, _ = _decoded_eml_parts(summary.minutes_eml(meeting, group, earlier))
    assert msg["To"] is None and msg["From"] is None
    assert "Absent: Greg Novak" in plain


def test_ics_has_a_day_per_commitment_and_the_next_meeting() -> None:
    meeting, group, earlier = build()
    cal = icalendar.Calendar.from_ical(summary.minutes_ics(meeting, group, earlier))
    events = cal.walk("VEVENT")
    by_uid = {str(e["uid"]): e for e in events}
    shareable = [c for c in meeting.commitments if c.visibility == Visibility.SHAREABLE]
    assert len(events) == len(shareable) + 1
    dana = by_uid["commitment-c42-dana@mastermind.invalid"]
    assert str(dana["summary"]) == "Dana Levi: ship the onboarding A/B test"
    assert dana.decoded("dtstart") == date(2026, 12, 4)
    assert dana.decoded("dtend") == date(2026, 12, 5)
    assert "commitment-c42-eli-forum@mastermind.invalid" not in by_uid
    nxt = by_uid["next-meeting-meeting-42@mastermind.invalid"]
    assert nxt.decoded("dtstart") == datetime(2026, 12, 8, 18, 0)
    assert nxt.decoded("dtend") == datetime(2026, 12, 8, 19, 30)
    assert str(nxt["summary"]) == "Founders Circle: meeting 43"
    assert str(nxt["description"]) == "Hot seat: Eli Park"
    stamps = {e.decoded("dtstamp") for e in events}
    assert stamps == {datetime(2026, 11, 24, 19, 32, tzinfo=timezone.utc)}


def test_follow_ups_hold_only_each_members_own_items() -> None:
    meeting, group, earlier = build()
    notes = summary.follow_ups(meeting, group, earlier)
    # Members with nothing to follow up get no text; Otto left long ago.
    assert set(notes) == {f"m-{k}" for k in ("ana", "ben", "chen", "dana", "eli", "farah", "greg", "hana", "ivan", "kofi", "lena")}
    ben = notes["m-ben"]
    assert "send the pilot proposal to St Luke's (due Tue 8 Dec 2026)" in ben
    assert "  - Farah Khan offers: Maria Costa at St Luke's" in ben
    assert "Greg" not in ben and "bookkeeper" not in ben
    assert "hire a part-time bookkeeper (carried, 2nd time; was due Tue 10 Nov 2026)" in notes["m-eli"]
    assert "You are in the hot seat" in notes["m-eli"] and "You are in the hot seat" not in ben
    assert "interview five users who cancelled (partly done" in notes["m-dana"]
    assert "send the draft partnership agreement to Eli" in notes["m-greg"]
    assert "- to Ben Okafor: Maria Costa at St Luke's" in notes["m-farah"]


def test_mailto_link_carries_members_subject_and_body() -> None:
    meeting, group, earlier = build()
    url = summary.mailto_url(meeting, group, earlier)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path).split(",")[0] == "ana@souza.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [summary.subject(meeting, group)]
    body = query["body"][0]
    assert body.startswith("Meeting 42, Tue 24 Nov 2026")
    assert "Greg Novak (absent)" in body
    assert " " not in url and "\n" not in url


def test_unknown_format_is_refused() -> None:
    meeting, group, earlier = build()
    with pytest.raises(ValueError, match="unknown format"):
        summary.render("pdf", meeting, group, earlier)
    assert set(summary.FORMAT_SUFFIX) == set(summary.FORMATS)


# --------------------------------------------------------------------------- odd meetings


def _small_group(*names: str) -> Group:
    return Group(
        slug="tiny",
        name="Tiny Table",
        purpose=Purpose(statement="Keep each other honest."),
        members=[Member(id=f"m{i}", name=name, email=f"m{i}@example.org") for i, name in enumerate(names)],
    )


def _bare_meeting(**extra) -> Meeting:
    return Meeting(id="bare", group="tiny", number=1, date=date(2026, 3, 3), template="classic-mastermind", **extra)


def test_sections_with_nothing_to_say_are_left_out() -> None:
    group = _small_group("Ana Souza", "Ben Okafor")
    meeting = _bare_meeting(
        attendance=[Attendance(member_id="m0"), Attendance(member_id="m1")],
        commitments=[Commitment(owner="m0", text="call the bank", due=date(2026, 3, 17))],
    )
    for output in (summary.minutes_text(meeting, group, []), summary.minutes_markdown(meeting, group, [])):
        assert "call the bank" in output
        for absent_heading in ("Asks", "Hot seat", "Absent", "Guest", "Substitute", "Rating", "Plus", "Delta", "Decisions", "reviewed", "Next meeting"):
            assert absent_heading not in output, absent_heading
    assert "## Closing" not in summary.minutes_markdown(meeting, group, [])


def test_a_meeting_with_only_forum_asks_has_no_asks_heading() -> None:
    group = _small_group("Ana Souza")
    meeting = _bare_meeting(asks=[Ask(owner="m0", text="a quiet word with the bank", visibility=Visibility.FORUM)])
    text = summary.minutes_text(meeting, group, [])
    assert "Asks" not in text and "quiet word" not in text


def test_header_falls_back_to_planned_time_when_nothing_was_timed() -> None:
    group = _small_group("Ana Souza")
    meeting = _bare_meeting(start_time=time(7, 30), items=[MeetingItem(title="Round", kind=ItemKind.ROUND, planned_minutes=45)])
    assert "Meeting 1, Tue 3 Mar 2026, 07:30 (planned 45 min)" in summary.minutes_text(meeting, group, [])


def test_markup_and_control_characters_in_user_text_stay_literal() -> None:
    group = _small_group("*Ana*", "[x](y)", "\x1b[31mRed\x1b[0m Rider\x07", "<b>Bold</b> &amp; Co")
    meeting = _bare_meeting(
        attendance=[Attendance(member_id=f"m{i}") for i in range(4)],
        commitments=[
            Commitment(owner="m1", text="# not a heading", due=date(2026, 3, 17)),
            Commitment(owner="m2", text="1. not a list\u0085 either", due=date(2026, 3, 17)),
        ],
        notes=[Note(text="line one\n---\n  + two\r\nthree\\", visibility=Visibility.SHAREABLE)],
    )
    text = summary.minutes_text(meeting, group, [])
    assert "Red Rider" in text
    assert not [ch for ch in text if ch != "\n" and (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)]
    html = _md_html(summary.minutes_markdown(meeting, group, []))
    assert "*Ana*" in html and "<em>" not in html
    assert "[x](y)" in html and "<a " not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp;amp; Co" in html
    assert "# not a heading" in html and "<h1>#" not in html
    assert "1. not a list either" in html and "<ol>" not in html
    assert "line one<br />\n---<br />\n+ two<br />\nthree\\</li>" in html
    assert "<hr" not in html


def test_aware_times_are_shown_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time as time_module

    if not hasattr(time_module, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    time_module.tzset()
    try:
        group = _small_group("Ana Souza")
        meeting = _bare_meeting(
            started_at=datetime(2026, 7, 7, 17, 0, tzinfo=timezone.utc),
            ended_at=datetime(2026, 7, 7, 18, 30, tzinfo=timezone.utc),
        )
        assert "18:00 to 19:30" in summary.minutes_text(meeting, group, [])
    finally:
        monkeypatch.undo()
        time_module.tzset()


def test_two_hot_seats_in_one_item_share_its_heading() -> None:
    group = _small_group("Ana Souza", "Ben Okafor", "Chen Wei")
    item = MeetingItem(
        id="hs", title="Hot seats", kind=ItemKind.HOT_SEAT, planned_minutes=40, speakers=["m0", "m1"],
        topic="hiring a first salesperson", state="done", elapsed=2400, speaker_index=1,
    )
    meeting = _bare_meeting(
        items=[item],
        hot_seats=["m0", "m1"],
        notes=[Note(item_id="hs", kind="decision", text="Both will write a job ad by Friday.")],
    )
    lines = summary.minutes_text(meeting, group, []).splitlines()
    assert "Hot seats: Ana Souza and Ben Okafor, hiring a first salesperson" in lines
    assert "- Decision: Both will write a job ad by Friday." in lines
    assert sum(line.startswith("Hot seat") for line in lines) == 1


def _hot_seat(item_id: str, *speakers: str, **extra) -> MeetingItem:
    return MeetingItem(id=item_id, title="Hot seat", kind=ItemKind.HOT_SEAT, planned_minutes=30, speakers=list(speakers), **extra)


def test_a_hot_seat_picked_but_never_given_the_floor_is_not_minuted_as_held() -> None:
    group = _small_group("Ana Souza", "Ben Okafor", "Chen Wei", "Dana Levi")
    items = [
        # Ana and Ben share the first item; the meeting never moved on to Ben.
        _hot_seat("hs1", "m0", "m1", topic="pricing", state="done", elapsed=1500),
        # Chen's item was skipped before it began; Dana's was never reached.
        _hot_seat("hs2", "m2", state="skipped"),
        _hot_seat("hs3", "m3", topic="a second site"),
    ]
    meeting = _bare_meeting(items=items, hot_seats=["m0", "m1", "m2", "m3"])
    text = summary.minutes_text(meeting, group, [])
    not_held = "Hot seats not held: Ben Okafor and Dana Levi (picked, no time); Chen Wei (picked, skipped)"
    assert "\nHot seat: Ana Souza, pricing\n\n" + not_held.replace("Wei (", "Wei\n  (") + "\n" in text
    assert "a second site" not in text and text.count("Hot seat") == 2
    markdown = summary.minutes_markdown(meeting, group, [])
    assert "\n## Hot seat: Ana Souza, pricing\n\n- **Hot seats not held:** " + not_held.split(": ", 1)[1] + "\n" in markdown


def test_a_hot_seat_swapped_on_the_day_shows_who_held_it() -> None:
    group = _small_group("Ana Souza", "Ben Okafor")
    # Ana was picked; on the day Ben took the seat (the live core keeps both among the picks).
    meeting = _bare_meeting(items=[_hot_seat("hs", "m1", topic="a new warehouse", state="done", elapsed=1800)], hot_seats=["m0", "m1"])
    for output in (summary.minutes_text(meeting, group, []), summary.minutes_markdown(meeting, group, [])):
        assert "Hot seat: Ben Okafor, a new warehouse" in output
        assert "Ana Souza" not in output


def test_a_hot_seat_cut_short_was_held_and_notes_of_one_not_held_still_show() -> None:
    group = _small_group("Ana Souza", "Ben Okafor")
    items = [
        _hot_seat("hs1", "m0", state="skipped", elapsed=300),
        _hot_seat("hs2", "m1", topic="exit"),
    ]
    meeting = _bare_meeting(items=items, hot_seats=["m0", "m1"], notes=[Note(item_id="hs2", text="Ben sent his notes ahead.")])
    lines = summary.minutes_text(meeting, group, []).splitlines()
    assert "Hot seat: Ana Souza (cut short)" in lines
    assert "Hot seat: exit (not held)" in lines and "- Ben sent his notes ahead." in lines
    assert "Hot seat not held: Ben Okafor (picked, no time)" in lines


def test_planned_length_is_the_one_fixed_at_setup() -> None:
    group = _small_group("Ana Souza")
    item = MeetingItem(title="Round", kind=ItemKind.ROUND, planned_minutes=80, elapsed=95 * 60)
    meeting = _bare_meeting(items=[item], length_minutes=90)
    assert "Meeting 1, Tue 3 Mar 2026, 18:00 to 19:35 (95 min, planned 90)" in summary.minutes_text(meeting, group, [])


# --------------------------------------------------------------------------- long histories


def test_minutes_replay_only_what_they_mention_and_say_what_a_full_replay_says() -> None:
    from meetings.demo import generate_history
    from meetings.files import bundled_templates
    from tests.unit.summary_fixture import build as build_fixture

    group = build_fixture()[1]
    history = generate_history(group, 40, seed=3, templates=bundled_templates())
    compared = skipped = 0
    for index in (1, 7, 20, 39):
        meeting, earlier = history[index], history[:index]
        limited = summary._context(meeting, group, earlier)
        full = summary._context(meeting, group, earlier, everything=True)
        assert summary._layout(limited) == summary._layout(full)
        reviewed = [r for r in meeting.reviews if r.target == "commitment"]
        compared += len(reviewed)
        # The records the meeting does not mention were never replayed.
        untouched = set(full.ledger.commitments()) - summary._mentioned(meeting)
        assert not any(limited.ledger.kind(rid) for rid in untouched)
        skipped += len(untouched)
    assert compared > 0 and skipped > 0


def test_a_guest_invited_who_did_not_come_is_not_in_the_minutes() -> None:
    meeting, group, earlier = build()
    assert meeting.visitors, "the fixture meeting has a guest who came"
    no_show = Guest(name="Quentin Noshow", invited_by=group.members[0].id, came=False)
    with_no_show = meeting.model_copy(update={"guests": [*meeting.guests, no_show]})
    for fmt in summary.FORMATS:
        before = summary.render(fmt, meeting, group, earlier)
        after = summary.render(fmt, with_no_show, group, earlier)
        assert after == before, f"an invitation not taken up changed the {fmt} minutes"
    assert meeting.visitors[0].name in summary.minutes_text(with_no_show, group, earlier)


# --------------------------------------------------------------------------- the room changes


def test_the_room_as_it_happened_late_arrivals_early_leavers_and_a_new_member() -> None:
    group = _small_group("Ana Souza", "Ben Okafor", "Dana Levi", "Eli Park", "Ines Duarte", "Julia Martins")
    meeting = _bare_meeting(
        attendance=[
            Attendance(member_id="m0"),
            Attendance(member_id="m1", presence="late"),  # late, no time known
            Attendance(member_id="m2", presence="late", arrived_at=datetime(2026, 3, 3, 18, 20)),
            Attendance(member_id="m3", left_at=datetime(2026, 3, 3, 19, 5)),
            Attendance(member_id="m4", joined_here=True),
            Attendance(member_id="m5", presence="substitute", substitute="Marta Reis", left_at=datetime(2026, 3, 3, 18, 45)),
        ],
    )
    text = summary.minutes_text(meeting, group, [])
    flat = " ".join(text.split())
    assert (
        "Present: Ana Souza, Ben Okafor (late), Dana Levi (late, 18:20), Eli Park (left 19:05), Ines Duarte"
        in flat
    )
    assert "Substitute: Marta Reis for Julia Martins (left 18:45)" in flat
    assert "New member: Ines Duarte, welcome" in text.splitlines()
    markdown = summary.minutes_markdown(meeting, group, [])
    assert "Dana Levi (late, 18:20), Eli Park (left 19:05)" in markdown
    assert "- **New member:** Ines Duarte, welcome" in markdown


def test_arrival_and_leaving_times_are_local_like_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    import time as time_module

    if not hasattr(time_module, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    time_module.tzset()
    try:
        group = _small_group("Dana Levi")
        both = Attendance(
            member_id="m0", presence="late",
            arrived_at=datetime(2026, 7, 7, 17, 20, tzinfo=timezone.utc), left_at=datetime(2026, 7, 7, 18, 5, tzinfo=timezone.utc),
        )
        meeting = _bare_meeting(attendance=[both], started_at=datetime(2026, 7, 7, 17, 0, tzinfo=timezone.utc))
        assert "Present: Dana Levi (late, 18:20; left 19:05)" in summary.minutes_text(meeting, group, [])
    finally:
        monkeypatch.undo()
        time_module.tzset()


def test_a_guest_who_walked_in_during_the_meeting_shows_like_any_other() -> None:
    meeting, group, earlier = build()
    walk_in = Guest(name="Rui Costa", invited_by=group.members[1].id, first_visit=True)
    later = meeting.model_copy(update={"guests": [*meeting.guests, walk_in]})
    text = " ".join(summary.minutes_text(later, group, earlier).split())
    assert "Guests: Ines Duarte (invited by Ana Souza, first visit); Rui Costa (invited by Ben Okafor, first visit)" in text
    assert "Rui Costa (invited by Ben Okafor, first visit)" in summary.minutes_markdown(later, group, earlier)


def test_minutes_never_carry_the_undo_log() -> None:
    from meetings.models import LoggedAction

    meeting, group, earlier = build()
    secret = "LOGGED-ONLY-7f3a"
    logged = meeting.model_copy(
        update={"log": [LoggedAction(op="base", args={"note": secret}, at=datetime(2026, 11, 24, 18, 0))]}
    )
    for fmt in summary.FORMATS:
        out = summary.render(fmt, logged, group, earlier)
        assert out == summary.render(fmt, meeting, group, earlier)
    assert all(secret not in text for text in summary.follow_ups(logged, group, earlier).values())
