"""The purpose review: "how have we been successful?", goal by goal, and the four questions."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from meetings.files import group_to_toml
from meetings.insights import QUESTIONS, parse_period, purpose_review, report_markdown, report_text
from meetings.models import (
    Ask,
    AskKind,
    Attendance,
    Commitment,
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
    Offer,
    Presence,
    Purpose,
    Rating,
    Review,
    Visibility,
)

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 20)
FORUM = Visibility.FORUM
P, A = Presence.PRESENT, Presence.ABSENT


# --------------------------------------------------------------------------- periods


def test_a_year_covers_january_to_december():
    period = parse_period("2026", today=TODAY)
    assert (period.label, period.start, period.end) == ("2026", date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_a_quarter_covers_its_three_months(text, start, end):
    period = parse_period(text, today=TODAY)
    assert (period.start, period.end) == (start, end)
    assert period.label == text.upper()


def test_no_period_means_the_twelve_months_up_to_today():
    period = parse_period(None, today=TODAY)
    assert (period.start, period.end) == (date(2025, 11, 21), TODAY)
    leap = parse_period(None, today=date(2028, 2, 29))
    assert (leap.start, leap.end) == (date(2027, 3, 1), date(2028, 2, 29))


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-Q0", "26", "last year", "2026-13", "", "0000", "2026 Q4", "\x1b[31m2026"])
def test_a_bad_period_is_refused_with_a_clear_message(bad):
    with pytest.raises(ValueError, match=r"give a year \(2026\) or a quarter \(2026-Q4\)") as caught:
        parse_period(bad, today=TODAY)
    assert "\x1b" not in str(caught.value)


# --------------------------------------------------------------------------- a known year


def make_group() -> Group:
    return Group(
        slug="founders",
        name="Founders [bold]Circle[/bold]",
        purpose=Purpose(
            statement="Build companies that last, and open doors outside the circle.",
            agreed_on=date(2025, 1, 14),
            agreed_by="all members",
            goals=[
                Goal(id="grow", title="Grow our companies", success="Four in five commitments done"),
                Goal(id="doors", title="Open doors outside", success="Two introductions a quarter"),
                Goal(id="learn", title="Learn from each other"),
            ],
        ),
        members=[
            Member(id="ana", name="Ana Souza"),
            Member(id="ben", name="Ben Okafor"),
            Member(id="cho", name="Cho \x1b[31mMin\x1b[0m [@click=app.quit]"),
            Member(id="dan", name="Dan Levi", left=date(2025, 6, 1)),
            Member(id="eli", name="Eli Park", joined=date(2026, 2, 1)),
        ],
    )


def meeting(number: int, day: date, present: dict[str, Presence], **fields) -> Meeting:
    return Meeting(
        id=f"m{number}",
        group="founders",
        number=number + 1,
        date=day,
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        attendance=[Attendance(member_id=k, presence=v) for k, v in present.items()],
        **fields,
    )


def done(target: str, outcome: str, kind: str = "commitment") -> Review:
    return Review(target_id=target, target=kind, outcome=outcome)


def year_of_meetings() -> list[Meeting]:
    seat = MeetingItem(id="seat", title="Hot seat", kind=ItemKind.HOT_SEAT, planned_minutes=20, goal="grow", speakers=["ana"], topic="raise a round now or later?", state=ItemState.DONE, elapsed=1260.0)
    doors = MeetingItem(id="doors", title="Asks and offers", kind=ItemKind.ASKS_OFFERS, planned_minutes=10, goal="doors")
    return [
        meeting(
            0, date(2025, 12, 16), {"ana": P, "ben": P},
            commitments=[Commitment(id="c0", owner="ben", text="hire a bookkeeper", due=date(2026, 1, 13), goal="grow")],
        ),
        meeting(
            1, date(2026, 1, 13), {"ana": P, "ben": P, "cho": A},
            items=[seat, doors],
            reviews=[done("c0", "done")],
            commitments=[
                Commitment(id="c1", owner="ana", text="send the pricing survey to 20 customers", due=date(2026, 1, 27), goal="grow"),
                Commitment(id="c2", owner="ben", text="SECRET commitment", due=date(2026, 1, 27), goal="grow", visibility=FORUM),
                Commitment(id="c3", owner="cho", text="call \x1b[2Jthe bank [bold]now[/bold]", due=date(2026, 1, 27), goal="doors"),
            ],
            asks=[
                Ask(id="a1", owner="ben", text="an introduction to a hospital buyer", kind=AskKind.INTRODUCTION, goal="doors"),
                Ask(id="a2", owner="ana", text="SECRET ask", kind=AskKind.ADVICE, goal="doors", visibility=FORUM),
            ],
            offers=[Offer(ask_id="a1", by="ana", text="Maria Costa at St Luke's", commitment_id="c1")],
            notes=[Note(text="SECRET note", visibility=FORUM)],
            ratings=[Rating(member_id="ana", score=8), Rating(member_id="ben", score=9)],
            plus=["the hot seat", "started on time"],
            goals_served=["grow", "doors"],
            guests=[Guest(name="Ines Duarte", invited_by="ana")],
            hot_seats=["ana"],
        ),
        meeting(
            2, date(2026, 1, 27), {"ana": P, "ben": A, "cho": P},
            reviews=[done("c1", "done"), done("c2", "done"), done("c3", "carried"), done("a1", "introduced", "ask"), done("a2", "introduced", "ask")],
            ratings=[Rating(member_id="cho", score=10)],
            plus=["The hot seat"],
            goals_served=["grow"],
        ),
        meeting(
            3, date(2026, 2, 10), {"ana": P, "ben": P, "cho": P, "eli": P},
            reviews=[done("c3", "carried"), done("a1", "fulfilled", "ask")],
        ),
        meeting(
            4, date(2027, 1, 5), {"ana": P},
            reviews=[done("c3", "done")],
            guests=[Guest(name="Late Visitor", invited_by="ben")],
            goals_served=["learn"],
        ),
    ]


@pytest.fixture
def review():
    return purpose_review(make_group(), year_of_meetings(), "2026", today=TODAY)


def figures(review, question: int) -> dict[str, str]:
    return {f.label: f.value for f in review.answers[question].figures}


def test_the_review_counts_only_meetings_in_the_period(review):
    assert review.meetings == 3
    assert (review.first_meeting, review.last_meeting) == (date(2026, 1, 13), date(2026, 2, 10))
    assert review.agreed == "agreed on 14 Jan 2025 by all members"


def test_each_goal_shows_the_evidence_for_it(review):
    grow, doors, learn = review.goals
    # c0 was made in 2025 but done in 2026: it counts for 2026. c2 is forum-only: counted, not shown.
    assert (grow.meetings_served, grow.items, grow.commitments_made, grow.commitments_done, grow.introductions) == (2, 1, 2, 3, 0)
    assert grow.examples == (
        "Done: Ana Souza: send the pricing survey to 20 customers",
        "Done: Ben Okafor: hire a bookkeeper",
        "Hot seat: Ana Souza: raise a round now or later?",
    )
    # a1 was introduced then fulfilled: one introduction. a2 (forum) counts but is never shown.
    assert (doors.meetings_served, doors.items, doors.commitments_made, doors.commitments_done, doors.introductions) == (1, 1, 1, 0, 2)
    assert doors.examples == ("Introduction: Ben Okafor asked for an introduction to a hospital buyer",)
    assert learn.meetings_served == 0 and review.unserved == ("Learn from each other",)


def test_a_hot_seat_picked_but_never_run_is_no_evidence_and_not_counted():
    meetings = year_of_meetings()
    seat = meetings[1].items[0]
    seat.state, seat.elapsed = ItemState.PENDING, 0.0  # the meeting never reached it
    review = purpose_review(make_group(), meetings, "2026", today=TODAY)
    grow = review.goals[0]
    assert not any(e.startswith("Hot seat") for e in grow.examples)
    assert figures(review, 1)["Hot seats held"] == "0, by 0 members"


def test_value_to_you_and_to_others(review):
    value = figures(review, 0)
    assert value["Average rating"] == "9.0 / 10 (3 votes)"
    assert value["Attendance"] == "80% (8 of 10 places filled)"
    assert value["Asks answered"] == "2 of 2 (100%)"
    assert value["Asks fulfilled"] == "1"
    assert value["Said to work best"] == "the hot seat (2); started on time (1)"


def test_are_members_succeeding(review):
    succeeding = figures(review, 1)
    assert succeeding["Commitments reviewed"] == "5 (3 done, 2 carried)"
    assert succeeding["Completion (partial counts half)"] == "60%"
    assert succeeding["Members completing 70% or more"] == "2 of 3"
    assert succeeding["Carried twice or more, still open"] == "1 (renegotiate or drop)"
    assert succeeding["Hot seats held"] == "1, by 1 member"


def test_are_relationships_intentional_and_mutual(review):
    mutual = figures(review, 2)
    assert mutual["Offers made"] == "1, by 1 of 4 members"
    assert mutual["Offers backed by a commitment"] == "1"
    assert mutual["Members who only received"] == "1"
    assert mutual["Members who only gave"] == "1"
    assert mutual["Gave most"] == "Ana Souza (1)"


def test_do_members_connect_each_other_outside_the_group(review):
    outside = figures(review, 3)
    assert outside["Introductions made"] == "2"
    assert outside["Guest visits"] == "1, 1 person, 0 returning"
    assert outside["Members who brought a guest"] == "1 of 4"
    assert outside["Members who joined"] == "1"
    assert outside["New faces"] == "last on 10 Feb 2026, at the latest meeting"  # Eli joined on 1 Feb


def test_forum_only_content_never_reaches_the_report(review):
    for rendered in (report_text(review), report_markdown(review)):
        assert "SECRET" not in rendered
        for question in QUESTIONS:
            assert question.upper() in rendered or question in rendered


def test_control_characters_are_stripped_and_markup_stays_literal():
    group = make_group()
    meetings = year_of_meetings()
    meetings[1].items[0].speakers = ["cho"]
    review = purpose_review(group, meetings, "2026-Q1", today=TODAY)
    text, markdown = report_text(review), report_markdown(review)
    for rendered in (text, markdown):
        assert not any(ord(ch) < 32 and ch != "\n" or 0x7F <= ord(ch) < 0xA0 for ch in rendered)
        assert "[31m" not in rendered and "[2J" not in rendered
    assert "Founders [bold]Circle[/bold]: purpose review, 2026-Q1" in text
    assert "Hot seat: Cho Min [@click=app.quit]: raise a round now or later?" in text
    assert r"# Founders \[bold\]Circle\[/bold\]: purpose review, 2026-Q1" in markdown
    assert r"Cho Min \[@click=app.quit\]" in markdown


def test_a_forum_only_group_keeps_its_hot_seat_topics_in_the_room():
    group = make_group().model_copy(update={"confidentiality": FORUM})
    review = purpose_review(group, year_of_meetings(), "2026", today=TODAY)
    assert not any("raise a round" in e for g in review.goals for e in g.examples)


def test_a_period_without_meetings_still_reads_well():
    review = purpose_review(make_group(), year_of_meetings(), "2024", today=TODAY)
    assert review.meetings == 0 and review.first_meeting is None
    assert review.unserved == ("Grow our companies", "Open doors outside", "Learn from each other")
    value = figures(review, 0)
    assert value["Average rating"] == "no ratings" and value["Attendance"] == "n/a"
    text = report_text(review)
    assert "0 meetings" in text and "Served in 0 of 0 meetings" in text
    empty = purpose_review(make_group(), [], None, today=TODAY)
    assert figures(empty, 3)["New faces"] == "n/a"


def test_the_default_period_is_the_last_twelve_months():
    review = purpose_review(make_group(), year_of_meetings(), None, today=date(2026, 12, 31))
    assert review.period.label == "the last 12 months"
    assert review.meetings == 3  # from 1 Jan 2026
    review = purpose_review(make_group(), year_of_meetings(), None, today=date(2026, 12, 15))
    assert review.meetings == 4


def test_the_text_reads_as_a_report():
    review = purpose_review(make_group(), year_of_meetings(), "2026", today=TODAY)
    text = report_text(review)
    lines = text.splitlines()
    assert lines[0] == "Founders [bold]Circle[/bold]: purpose review, 2026"
    assert lines[1] == "1 Jan 2026 to 31 Dec 2026: 3 meetings (13 Jan 2026 to 10 Feb 2026)"
    assert "HOW HAVE WE BEEN SUCCESSFUL?" in lines
    assert "Served in 2 of 3 meetings; 1 agenda item; 2 commitments made, 3 done; 0 introductions." in lines
    assert "Not served by any meeting in this period: Learn from each other" in lines
    assert text.endswith("\n") and "\t" not in text
    markdown = report_markdown(review)
    assert "## How have we been successful?" in markdown and "### Grow our companies" in markdown
    assert "- **Average rating:** 9.0 / 10 (3 votes)" in markdown


# --------------------------------------------------------------------------- command line


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "meetings", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    group_file = root / "founders.toml"
    group_file.write_text(group_to_toml(make_group()), encoding="utf-8")
    data = root / "data"
    assert run(data, "groups", "import", str(group_file)).returncode == 0
    filled = run(data, "demo-history", "founders", "--meetings", "30", "--seed", "1")
    assert filled.returncode == 0, filled.stderr
    return data


def test_report_command_for_a_year(data_dir):
    out = run(data_dir, "report", "founders", "--period", "2026")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Founders [bold]Circle[/bold]: purpose review, 2026\n")
    for question in QUESTIONS:
        assert question.upper() in out.stdout
    assert "\x1b" not in out.stdout


def test_report_command_writes_markdown_for_a_quarter_to_a_file(data_dir, tmp_path):
    target = tmp_path / "review.md"
    out = run(data_dir, "report", "founders", "--period", "2026-Q3", "--format", "markdown", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert target.read_text(encoding="utf-8").startswith(r"# Founders \[bold\]Circle\[/bold\]: purpose review, 2026-Q3")


@pytest.mark.parametrize("args", [("--period", "2026-Q5"), ("--period", "next year")])
def test_report_command_refuses_a_bad_period_in_one_line(data_dir, args):
    out = run(data_dir, "report", "founders", *args)
    assert out.returncode == 1
    assert out.stdout == ""
    assert out.stderr.startswith("error: --period:") and out.stderr.count("\n") == 1


def test_report_command_for_an_unknown_group_is_one_error_line(data_dir):
    out = run(data_dir, "report", "nobody")
    assert out.returncode == 1
    assert out.stderr.startswith("error:") and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
