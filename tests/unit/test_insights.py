"""Health figures on small histories whose right answers are known by construction."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.insights import (
    HistoryFigures,
    asks_answered_by_meeting,
    attendance_by_meeting,
    completion_by_meeting,
    give_receive,
    group_health,
    guest_figures,
    history_rows,
    hot_seat_queue,
    member_ledger,
    new_members,
    purpose_coverage,
    rating_by_meeting,
    sector_diversity,
    stagnation,
)
from meetings.models import (
    Ask,
    AskKind,
    Attendance,
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
    Offer,
    Presence,
    Purpose,
    Rating,
    Review,
    Visibility,
)
from tests.unit.strategies import group_with_meetings

REPO = Path(__file__).resolve().parents[2]
START = date(2026, 1, 6)
P, L, A, S = Presence.PRESENT, Presence.LATE, Presence.ABSENT, Presence.SUBSTITUTE


def make_group(members: list[Member] | None = None) -> Group:
    if members is None:
        members = [
            Member(id="ana", name="Ana Souza", sector="Software"),
            Member(id="ben", name="Ben Okafor", sector="software", joined=date(2025, 1, 1)),
            Member(id="cho", name="Cho Min", sector="Retail"),
            Member(id="dan", name="Dan Levi", sector="Finance", left=date(2026, 1, 10)),
            Member(id="eli", name="Eli Park", sector=""),
        ]
    return Group(
        slug="circle",
        name="The Circle",
        purpose=Purpose(
            statement="Build companies that last.",
            goals=[
                Goal(id="grow", title="Grow our companies"),
                Goal(id="doors", title="Open doors outside"),
                Goal(id="learn", title="Learn from each other"),
            ],
        ),
        members=members,
    )


def meeting(number: int, *, day: date | None = None, status: MeetingStatus = MeetingStatus.CLOSED, attendance: dict[str, Presence] | None = None, **fields) -> Meeting:
    records = [Attendance(member_id=k, presence=v, substitute="Someone" if v == S else "") for k, v in (attendance or {}).items()]
    if fields.get("hot_seats") and "items" not in fields:
        # Picks that were held: a hot-seat item that ran, every pick given the floor in turn.
        fields["items"] = [held_seat(*fields["hot_seats"])]
    return Meeting(
        id=f"m{number}",
        group="circle",
        number=number,
        date=day or START + timedelta(days=14 * (number - 1)),
        template="classic-mastermind",
        status=status,
        attendance=records,
        **fields,
    )


def held_seat(*member_ids: str, ran: bool = True, reached: int | None = None) -> MeetingItem:
    """A hot-seat item for ``member_ids``; ``ran`` False: never reached; ``reached``: how many
    of them got the floor (all, unless told)."""
    return MeetingItem(
        title="Hot seat", kind=ItemKind.HOT_SEAT, planned_minutes=30, social_glue=True,
        state=ItemState.DONE if ran else ItemState.PENDING, elapsed=1800.0 if ran else 0.0,
        speakers=list(member_ids), speaker_index=max(0, (len(member_ids) if reached is None else reached) - 1),
    )


def commit(cid: str, owner: str, goal: str | None = None, visibility: Visibility = Visibility.SHAREABLE) -> Commitment:
    return Commitment(id=cid, owner=owner, text=f"commitment {cid}", due=START, goal=goal, visibility=visibility)


def ask(aid: str, owner: str, kind: AskKind = AskKind.ADVICE, goal: str | None = None) -> Ask:
    return Ask(id=aid, owner=owner, text=f"ask {aid}", kind=kind, goal=goal)


def offer(ask_id: str, by: str, commitment_id: str | None = None) -> Offer:
    return Offer(ask_id=ask_id, by=by, text="a name", commitment_id=commitment_id)


def review(target_id: str, outcome: str, target: str = "commitment") -> Review:
    return Review(target_id=target_id, target=target, outcome=outcome)


def item(kind: ItemKind, goal: str | None = None, state: ItemState = ItemState.DONE, glue: bool = False) -> MeetingItem:
    return MeetingItem(title=kind.value, kind=kind, planned_minutes=10, goal=goal, state=state, social_glue=glue)


# --------------------------------------------------------------------------- nothing yet


def test_a_group_with_no_meetings_has_empty_figures():
    group = make_group()
    for per_meeting in (attendance_by_meeting, completion_by_meeting, rating_by_meeting, asks_answered_by_meeting, history_rows):
        assert per_meeting(group, []) == []
    assert guest_figures(group, []).visits == 0
    assert new_members(group, []) == []
    assert stagnation(group, []) is None
    coverage = purpose_coverage(group, [])
    assert coverage.meetings == 0 and coverage.unserved == ("grow", "doors", "learn")
    assert all(g.share_served is None for g in coverage.goals)
    assert [w.meetings_since for w in hot_seat_queue(group, [])] == [None] * 4
    ledger = member_ledger(group, [], "ana")
    assert ledger.commitments == () and ledger.attendance.rate is None and ledger.done_streak == 0


# --------------------------------------------------------------------------- attendance


def test_attendance_counts_present_late_and_substitutes_as_in_the_room():
    rows = attendance_by_meeting(make_group(), [meeting(1, attendance={"ana": P, "ben": L, "cho": S, "eli": A})])
    assert (rows[0].part, rows[0].whole, rows[0].value) == (3, 4, 0.75)


def test_a_meeting_where_everyone_was_absent_has_attendance_zero():
    rows = attendance_by_meeting(make_group(), [meeting(1, attendance={"ana": A, "ben": A})])
    assert rows[0].value == 0.0


def test_a_meeting_without_an_attendance_list_has_no_attendance_rate():
    assert attendance_by_meeting(make_group(), [meeting(1)])[0].value is None


def test_live_meetings_are_left_out_and_the_rest_put_in_date_order():
    meetings = [meeting(2, attendance={"ana": P}), meeting(3, status=MeetingStatus.LIVE), meeting(1, attendance={"ana": A})]
    rows = attendance_by_meeting(make_group(), meetings)
    assert [(r.number, r.value) for r in rows] == [(1, 0.0), (2, 1.0)]


@given(st.lists(st.sampled_from(list(Presence)), max_size=30))
def test_attendance_rate_is_the_share_not_absent(presences):
    members = [Member(id=f"p{i}", name=f"Person {i}") for i in range(len(presences))]
    group = make_group(members)
    m = meeting(1, attendance={f"p{i}": p for i, p in enumerate(presences)})
    value = attendance_by_meeting(group, [m])[0].value
    if presences:
        assert value == sum(p != A for p in presences) / len(presences)
        assert 0 <= value <= 1
    else:
        assert value is None


# --------------------------------------------------------------------------- completion


def test_completion_counts_done_whole_and_partial_half():
    m = meeting(
        2,
        reviews=[review("c1", "done"), review("c2", "partial"), review("c3", "missed"), review("c4", "carried"), review("c5", "dropped"), review("a1", "fulfilled", "ask")],
    )
    row = completion_by_meeting(make_group(), [m])[0]
    assert (row.part, row.whole) == (1.5, 5)
    assert row.value == pytest.approx(0.3)


def test_a_meeting_that_reviewed_no_commitment_has_no_completion_rate():
    assert completion_by_meeting(make_group(), [meeting(1)])[0].value is None


def test_a_commitment_reviewed_twice_in_one_meeting_counts_once_with_the_last_outcome():
    m = meeting(2, reviews=[review("c1", "missed"), review("c1", "done")])
    row = completion_by_meeting(make_group(), [m])[0]
    assert (row.part, row.whole, row.value) == (1.0, 1, 1.0)


@given(st.lists(st.sampled_from([s.value for s in CommitmentStatus if s != CommitmentStatus.OPEN]), max_size=40))
def test_completion_equals_done_plus_half_partial_over_reviewed(outcomes):
    m = meeting(2, reviews=[review(f"c{i}", o) for i, o in enumerate(outcomes)])
    value = completion_by_meeting(make_group(), [m])[0].value
    if not outcomes:
        assert value is None
    else:
        expected = (outcomes.count("done") + 0.5 * outcomes.count("partial")) / len(outcomes)
        assert value == pytest.approx(expected)
        assert 0 <= value <= 1


# --------------------------------------------------------------------------- ratings and asks


def test_rating_average_per_meeting_and_a_meeting_with_no_ratings():
    rated = meeting(1, ratings=[Rating(member_id="ana", score=7), Rating(member_id="ben", score=8), Rating(score=9)])
    rows = rating_by_meeting(make_group(), [rated, meeting(2)])
    assert [(r.votes, r.average) for r in rows] == [(3, 8.0), (0, None)]


def test_an_ask_is_answered_by_an_offer_then_or_later_or_by_moving_past_open():
    m1 = meeting(1, asks=[ask("a1", "ana"), ask("a2", "ben"), ask("a3", "cho"), ask("a4", "eli")], offers=[offer("a1", "ben")])
    m2 = meeting(2, offers=[offer("a3", "ana")], reviews=[review("a2", "dropped", "ask")])
    rows = asks_answered_by_meeting(make_group(), [m1, m2])
    assert (rows[0].part, rows[0].whole, rows[0].value) == (3, 4, 0.75)
    assert rows[1].value is None
    # Seen from the first meeting alone, only the ask with an offer was answered.
    assert asks_answered_by_meeting(make_group(), [m1])[0].part == 1


# --------------------------------------------------------------------------- history list


def test_history_rows_sum_up_each_meeting():
    group = make_group()
    m1 = meeting(1, attendance={"ana": P, "ben": A, "cho": L}, ratings=[Rating(score=6), Rating(score=9)], hot_seats=["cho"], guests=[Guest(name="Ines Duarte", invited_by="ana")])
    m2 = meeting(2, attendance={"ana": A, "ben": A}, reviews=[review("c1", "done"), review("c2", "missed")])
    rows = history_rows(group, [m2, m1])
    assert [(r.number, r.date) for r in rows] == [(1, m1.date), (2, m2.date)]
    first, second = rows
    assert (first.present, first.total, first.rating, first.votes, first.completion, first.reviewed) == (2, 3, 7.5, 2, None, 0)
    assert first.hot_seats == ("Cho Min",) and first.guests == 1
    assert (second.present, second.total, second.rating, second.completion, second.reviewed) == (0, 2, None, 0.5, 2)


# --------------------------------------------------------------------------- new faces


def test_guest_figures_tell_visits_people_returns_inviters_and_joiners():
    group = make_group()
    m1 = meeting(1, guests=[Guest(name="Ines Duarte", invited_by="ana"), Guest(name="Omar Aziz", invited_by="not-a-member")])
    m2 = meeting(
        2,
        guests=[
            Guest(name="ines  DUARTE", invited_by="ana", first_visit=True),
            Guest(name="Paula Reyes", invited_by="ben", became_member=True),
        ],
    )
    figures = guest_figures(group, [m1, m2, meeting(3)])
    assert figures.visits == 4
    assert figures.distinct == 3
    assert (figures.first_visits, figures.returning_visits) == (3, 1)
    assert figures.invited_by_members == 3
    assert figures.inviters == (("ana", 2), ("ben", 1))
    assert figures.became_members == ("Paula Reyes",)
    assert (figures.meetings_with_guests, figures.meetings) == (2, 3)


def test_an_invitation_not_taken_up_counts_as_invited_not_as_a_visit():
    group = make_group()
    m1 = meeting(1, guests=[Guest(name="Ines Duarte", invited_by="ana"), Guest(name="Omar Aziz", invited_by="ben", came=False)])
    m2 = meeting(2, guests=[Guest(name="Omar Aziz", invited_by="ben", came=False)])
    figures = guest_figures(group, [m1, m2, meeting(3)])
    assert (figures.visits, figures.no_shows, figures.invited) == (1, 2, 3)
    assert figures.distinct == 1 and figures.meetings_with_guests == 1
    assert figures.inviters == (("ana", 1),)
    assert [row.guests for row in history_rows(group, [m1, m2])] == [1, 0]


def test_an_invited_guest_who_did_not_come_is_no_new_face():
    group = make_group()
    no_show = [Guest(name="Omar Aziz", invited_by="ben", came=False)]
    eight = [meeting(i, guests=no_show) for i in range(1, 9)]
    warning = stagnation(group, eight, n=6)
    assert warning is not None and (warning.meetings_without, warning.last_new_face) == (8, None)


def test_new_members_are_those_who_joined_after_the_first_meeting_and_guests_who_joined():
    members = [
        Member(id="ana", name="Ana Souza"),
        Member(id="ben", name="Ben Okafor", joined=START - timedelta(days=30)),
        Member(id="eli", name="Eli Park", joined=START + timedelta(days=20)),
        Member(id="fay", name="Fay Wong", joined=START + timedelta(days=40)),
    ]
    group = make_group(members)
    m1 = meeting(1)
    m2 = meeting(2, guests=[Guest(name="Paula Reyes", invited_by="ben", became_member=True)])
    m3 = meeting(3, guests=[Guest(name="fay wong", invited_by="ana", became_member=True)])
    found = new_members(group, [m1, m2, m3])
    assert [(n.name, n.member_id, n.via_guest, n.invited_by) for n in found] == [
        ("Paula Reyes", None, True, "ben"),
        ("Eli Park", "eli", False, None),
        ("Fay Wong", "fay", True, "ana"),
    ]
    # A guest not in the member list joins on the day they were marked; a member keeps their date.
    assert [n.joined for n in found] == [m2.date, START + timedelta(days=20), START + timedelta(days=40)]


def test_no_new_face_for_n_meetings_raises_a_stagnation_warning():
    group = make_group()
    quiet = [meeting(i) for i in range(1, 7)]
    warning = stagnation(group, quiet, n=6)
    assert warning is not None
    assert (warning.meetings_without, warning.last_new_face) == (6, None)
    assert "6 meetings" in warning.message
    assert stagnation(group, quiet[:5], n=6) is None


def test_stagnation_counts_meetings_since_the_last_guest():
    group = make_group()
    guest = [Guest(name="Ines Duarte", invited_by="ana")]
    eight = [meeting(i, guests=guest if i == 2 else []) for i in range(1, 9)]
    warning = stagnation(group, eight, n=6)
    assert warning is not None and (warning.meetings_without, warning.last_new_face) == (6, eight[1].date)
    seven_later = [meeting(i, guests=guest if i == 3 else []) for i in range(1, 9)]
    assert stagnation(group, seven_later, n=6) is None


def test_a_member_joining_between_meetings_is_a_new_face():
    members = [Member(id="ana", name="Ana Souza"), Member(id="eli", name="Eli Park", joined=START + timedelta(days=60))]
    group = make_group(members)
    eight = [meeting(i) for i in range(1, 9)]  # eli joins between meeting 5 and 6
    assert stagnation(group, eight, n=3) is None
    warning = stagnation(group, eight, n=2)
    assert (warning.meetings_without, warning.last_new_face) == (2, eight[5].date)
    with pytest.raises(ValueError):
        stagnation(group, eight, n=0)


# --------------------------------------------------------------------------- people


def test_sector_diversity_of_active_members_ignoring_case():
    diversity = sector_diversity(make_group())
    # Active: ana Software, ben software, cho Retail, eli (none); dan has left.
    assert (diversity.members, diversity.unknown, diversity.distinct) == (4, 1, 2)
    assert diversity.sectors == (("Software", 2), ("Retail", 1))
    assert diversity.largest == "Software"
    assert diversity.largest_share == pytest.approx(2 / 3)
    assert diversity.index == pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2)


def test_sector_diversity_of_one_member_and_of_none():
    one = sector_diversity(make_group([Member(id="ana", name="Ana", sector="Law")]))
    assert (one.distinct, one.largest_share, one.index) == (1, 1.0, 0.0)
    none = sector_diversity(make_group([]))
    assert (none.members, none.distinct, none.largest, none.largest_share, none.index) == (0, 0, None, None, None)


@given(st.lists(st.sampled_from(["Law", "Retail", "Health", "Food", ""]), max_size=20))
def test_sector_shares_stay_within_bounds(sectors):
    members = [Member(id=f"p{i}", name=f"P {i}", sector=s) for i, s in enumerate(sectors)]
    d = sector_diversity(make_group(members))
    assert sum(n for _, n in d.sectors) + d.unknown == d.members == len(sectors)
    if d.distinct:
        assert 0 <= d.index < 1 and 0 < d.largest_share <= 1
        assert d.index == pytest.approx(1 - sum((n / (d.members - d.unknown)) ** 2 for _, n in d.sectors))


def test_hot_seat_queue_puts_the_never_seated_first_then_the_longest_waiting():
    group = make_group()
    meetings = [meeting(1, hot_seats=["ben"]), meeting(2, hot_seats=["cho", "ana"]), meeting(3, hot_seats=["ben"])]
    queue = hot_seat_queue(group, meetings)
    assert [w.member_id for w in queue] == ["eli", "ana", "cho", "ben"]  # dan has left
    assert [w.meetings_since for w in queue] == [None, 1, 1, 0]
    assert [w.times for w in queue] == [0, 1, 1, 2]
    assert queue[1].last == meetings[1].date and queue[0].last is None


def test_hot_seat_queue_without_history_is_member_order():
    assert [w.member_id for w in hot_seat_queue(make_group(), [])] == ["ana", "ben", "cho", "eli"]


# --------------------------------------------------------------------------- purpose


def test_purpose_coverage_per_goal_and_the_goals_none_served():
    group = make_group()
    m1 = meeting(
        1,
        items=[
            item(ItemKind.ROUND, glue=True),
            item(ItemKind.HOT_SEAT, "grow"),
            item(ItemKind.DISCUSSION, "learn", state=ItemState.SKIPPED),
            item(ItemKind.ASKS_OFFERS, "doors"),
            item(ItemKind.REVIEW),
        ],
        commitments=[commit("c1", "ana", "grow"), commit("c2", "ben", "grow"), commit("c3", "cho")],
        asks=[ask("a1", "ana", goal="doors")],
        goals_served=["grow", "doors"],
    )
    m2 = meeting(2, reviews=[review("c1", "done"), review("c2", "missed"), review("c3", "done")], goals_served=["grow"])
    coverage = purpose_coverage(group, [m1, m2])
    grow, doors, learn = coverage.goals
    assert (grow.items, grow.commitments, grow.commitments_done, grow.asks) == (1, 2, 1, 0)
    assert (grow.meetings_served, grow.share_served, grow.last_served) == (2, 1.0, m2.date)
    assert (doors.items, doors.asks, doors.meetings_served, doors.share_served) == (1, 1, 1, 0.5)
    assert (learn.items, learn.meetings_served, learn.last_served) == (0, 0, None)
    assert coverage.unserved == ("learn",)
    assert (coverage.unlinked_items, coverage.social_glue_items) == (1, 1)


# --------------------------------------------------------------------------- one member


def ledger_history() -> list[Meeting]:
    return [
        meeting(
            1,
            attendance={"ana": P, "ben": P, "cho": P},
            commitments=[commit("c1", "ana"), commit("c2", "ana"), commit("c4", "ana"), commit("b1", "ben")],
            asks=[ask("a1", "ana")],
            offers=[offer("a1", "ben"), offer("a1", "cho")],
            hot_seats=["ana"],
        ),
        meeting(
            2,
            attendance={"ana": L, "ben": P},
            reviews=[review("c1", "done"), review("c2", "carried"), review("c4", "missed"), review("b1", "done")],
            commitments=[commit("c3", "ana")],
            asks=[ask("a2", "ana"), ask("b2", "ben")],
            offers=[offer("b2", "ana"), offer("a2", "ana")],
        ),
        meeting(
            3,
            attendance={"ana": A, "ben": P},
            reviews=[review("c2", "carried"), review("c3", "done")],
            commitments=[commit("c5", "ana")],
        ),
        meeting(4, attendance={"ana": S, "ben": P}, reviews=[review("c2", "carried"), review("c5", "done")], hot_seats=["ana"]),
    ]


def test_member_ledger_counts_statuses_and_the_current_done_streak():
    ledger = member_ledger(make_group(), ledger_history(), "ana")
    assert [c.id for c in ledger.commitments] == ["c1", "c2", "c4", "c3", "c5"]
    assert {c.id: c.status for c in ledger.commitments} == {"c1": "done", "c2": "carried", "c4": "missed", "c3": "done", "c5": "done"}
    assert (ledger.done, ledger.partial, ledger.missed, ledger.dropped, ledger.still_open) == (3, 0, 1, 0, 1)
    # Settled in order: c1 done and c4 missed (meeting 2), c3 done (3), c5 done (4).
    assert ledger.done_streak == 2


def test_a_commitment_carried_three_times_is_flagged_for_renegotiation():
    ledger = member_ledger(make_group(), ledger_history(), "ana")
    assert [c.id for c in ledger.renegotiate] == ["c2"]
    assert ledger.renegotiate[0].carried == 3
    assert len(ledger.hints) == 1 and "commitment c2" in ledger.hints[0] and "3 times" in ledger.hints[0]


def test_a_commitment_carried_twice_is_already_worth_renegotiating():
    ledger = member_ledger(make_group(), ledger_history()[:3], "ana")
    assert [(c.id, c.carried, c.renegotiate) for c in ledger.commitments if c.id == "c2"] == [("c2", 2, True)]
    once = member_ledger(make_group(), ledger_history()[:2], "ana")
    assert once.renegotiate == () and once.hints == ()


def test_member_ledger_gives_and_receives():
    ledger = member_ledger(make_group(), ledger_history(), "ana")
    assert [(a.id, a.offers, a.offered_by) for a in ledger.asks] == [("a1", 2, ("ben", "cho")), ("a2", 0, ())]
    assert ledger.asks_answered == 2  # a2 got no offer from others but ana's own offer matched it
    assert (ledger.offers_given, ledger.offers_received, ledger.balance) == (1, 2, -1)
    assert ledger.helped == ("ben",) and ledger.helped_by == ("ben", "cho")


def test_member_ledger_attendance_and_hot_seats():
    history = ledger_history()
    ledger = member_ledger(make_group(), history, "ana")
    tally = ledger.attendance
    assert (tally.meetings, tally.present, tally.late, tally.absent, tally.substitute) == (4, 1, 1, 1, 1)
    assert tally.rate == 0.75
    assert ledger.hot_seats == (history[0].date, history[3].date)


def test_a_retired_member_still_has_a_ledger_and_a_stranger_has_none():
    group = make_group()
    retired = member_ledger(group, [meeting(1, attendance={"dan": P}, commitments=[commit("d1", "dan")])], "dan")
    assert retired.active is False and retired.still_open == 1 and retired.attendance.rate == 1.0
    with pytest.raises(ValueError, match="no member"):
        member_ledger(group, [], "nobody")


def test_member_ledger_counts_introductions_offered_on_others_asks_and_those_that_happened():
    group = make_group()
    history = [
        meeting(
            1,
            asks=[ask("intro", "ana", AskKind.INTRODUCTION), ask("ref", "ana", AskKind.REFERRAL), ask("tips", "ana"), ask("own", "ben", AskKind.INTRODUCTION)],
            offers=[offer("intro", "ben"), offer("ref", "cho"), offer("tips", "ben"), offer("own", "ben")],
        ),
        meeting(2, reviews=[review("intro", "introduced", "ask"), review("ref", "matched", "ask")]),
    ]
    counts = {m: member_ledger(group, history, m) for m in ("ana", "ben", "cho")}
    assert {m: (l.introductions_offered, l.introductions_made) for m, l in counts.items()} == {"ana": (0, 0), "ben": (1, 1), "cho": (1, 0)}


def test_member_ledger_reads_a_stream_in_order_once_and_refuses_one_out_of_order():
    group = make_group()
    history = ledger_history()
    streamed = member_ledger(group, (m for m in history), "ana", in_order=True)
    assert streamed == member_ledger(group, list(reversed(history)), "ana")
    with pytest.raises(ValueError):
        member_ledger(group, iter([history[1], history[0]]), "ana", in_order=True)


def test_give_receive_balance_per_member_leaves_out_offers_on_ones_own_ask():
    rows = {r.member_id: r for r in give_receive(make_group(), ledger_history())}
    assert (rows["ana"].asks, rows["ana"].offers_given, rows["ana"].offers_received, rows["ana"].balance) == (2, 1, 2, -1)
    assert (rows["ben"].offers_given, rows["ben"].offers_received, rows["ben"].balance) == (1, 1, 0)
    assert (rows["cho"].offers_given, rows["cho"].offers_received) == (1, 0)
    assert list(rows) == ["ana", "ben", "cho", "dan", "eli"]


# --------------------------------------------------------------------------- all at once


def test_group_health_is_the_sum_of_the_single_figures():
    group = make_group()
    history = ledger_history()
    health = group_health(group, history)
    assert list(health.attendance) == attendance_by_meeting(group, history)
    assert list(health.completion) == completion_by_meeting(group, history)
    assert list(health.ratings) == rating_by_meeting(group, history)
    assert list(health.asks_answered) == asks_answered_by_meeting(group, history)
    assert health.guests == guest_figures(group, history)
    assert health.coverage == purpose_coverage(group, history)
    assert list(health.hot_seat_queue) == hot_seat_queue(group, history)
    assert health.sectors == sector_diversity(group)
    assert health.stagnation == stagnation(group, history)


def test_figures_taken_in_one_meeting_at_a_time_keep_no_meeting_and_say_what_group_health_says():
    import gc
    import weakref

    group = make_group()
    figures = HistoryFigures()
    watched = []
    for m in ledger_history():
        figures.add(m)
        figures.add(meeting(99, day=START, status=MeetingStatus.LIVE))  # a live one is left out
        watched.append(weakref.ref(m))
    del m
    gc.collect()
    assert len(figures) == 4
    # The figures hold no meeting: ten years can be read one file at a time.
    assert all(ref() is None for ref in watched)
    assert figures.health(group) == group_health(group, ledger_history())
    assert figures.rows(group) == history_rows(group, ledger_history())
    assert [(r.part, r.whole) for r in figures.asks_answered()] == [(1, 1), (2, 2), (0, 0), (0, 0)]


def test_figures_refuse_a_meeting_older_than_the_last_and_keep_what_they_had():
    group = make_group()
    history = ledger_history()
    figures = HistoryFigures()
    for m in (history[0], history[2]):
        figures.add(m)
    before = figures.health(group)
    with pytest.raises(ValueError):
        figures.add(history[1])
    assert figures.health(group) == before and len(figures) == 2


def test_figures_read_once_follow_the_group_as_it_is_edited_later():
    history = ledger_history()
    figures = HistoryFigures.of(reversed(history))
    edited = make_group()
    edited = edited.model_copy(
        update={
            "members": [*edited.members[:4], edited.members[4].model_copy(update={"sector": "Retail", "left": date(2026, 2, 1)})],
            "purpose": edited.purpose.model_copy(update={"goals": [*edited.purpose.goals[1:], Goal(id="give", title="Give back")]}),
        }
    )
    assert figures.health(edited) == group_health(edited, history)
    assert [g.goal_id for g in figures.coverage(edited).goals] == ["doors", "learn", "give"]
    assert [w.member_id for w in figures.hot_seat_queue(edited)] == [w.member_id for w in hot_seat_queue(edited, history)]


@st.composite
def histories(draw: st.DrawFn) -> tuple[Group, list[Meeting]]:
    """A group of 1 to 4 members and up to 6 closed meetings whose reviews, offers and hot
    seats refer to records of earlier meetings, as in real use."""
    ids = ["ana", "ben", "cho", "eli"][: draw(st.integers(1, 4))]
    group = make_group([Member(id=i, name=i.title(), sector=draw(st.sampled_from(["Law", "Food", ""]))) for i in ids])
    member = st.sampled_from(ids)
    meetings: list[Meeting] = []
    made_c: list[str] = []
    made_a: list[str] = []
    for n in range(1, draw(st.integers(0, 6)) + 1):
        attendance = draw(st.dictionaries(member, st.sampled_from(list(Presence))))
        reviews = []
        if made_c:
            outcome = st.sampled_from([s.value for s in CommitmentStatus])
            reviews += [review(cid, draw(outcome)) for cid in draw(st.lists(st.sampled_from(made_c), unique=True))]
        if made_a:
            reviews += [review(aid, draw(st.sampled_from(["matched", "introduced", "fulfilled", "dropped"])), "ask") for aid in draw(st.lists(st.sampled_from(made_a), unique=True))]
        commitments = [commit(f"c{n}-{i}", draw(member), draw(st.sampled_from([None, "grow", "doors"]))) for i in range(draw(st.integers(0, 3)))]
        asks = [ask(f"a{n}-{i}", draw(member)) for i in range(draw(st.integers(0, 3)))]
        made_c += [c.id for c in commitments]
        made_a += [a.id for a in asks]
        offers = [offer(aid, draw(member)) for aid in draw(st.lists(st.sampled_from(made_a), max_size=3))] if made_a else []
        meetings.append(
            meeting(
                n,
                attendance=attendance,
                reviews=reviews,
                commitments=commitments,
                asks=asks,
                offers=offers,
                ratings=[Rating(score=s) for s in draw(st.lists(st.integers(1, 10), max_size=4))],
                hot_seats=draw(st.lists(member, max_size=2, unique=True)),
                goals_served=draw(st.lists(st.sampled_from(["grow", "doors", "learn"]), unique=True)),
            )
        )
    return group, draw(st.permutations(meetings))


def check_bounds(group: Group, meetings: list[Meeting]) -> None:
    closed = sorted((m for m in meetings if m.closed), key=lambda m: (m.date, m.number))
    for rows in (attendance_by_meeting(group, meetings), completion_by_meeting(group, meetings), asks_answered_by_meeting(group, meetings)):
        assert [r.meeting_id for r in rows] == [m.id for m in closed]
        for r in rows:
            assert r.value is None or 0 <= r.value <= 1
            assert 0 <= r.part <= r.whole
    for m, r in zip(closed, completion_by_meeting(group, meetings)):
        last = {rv.target_id: rv.outcome for rv in m.reviews if rv.target == "commitment"}
        assert r.whole == len(last)
        assert r.part == sum(1.0 if o == "done" else 0.5 if o == "partial" else 0 for o in last.values())
    for row in history_rows(group, meetings):
        assert 0 <= row.present <= row.total
        assert row.rating is None or 1 <= row.rating <= 10
    health = group_health(group, meetings)
    assert all(g.share_served is None or 0 <= g.share_served <= 1 for g in health.coverage.goals)
    assert sum(w.times for w in health.hot_seat_queue) <= sum(len(m.held_hot_seats) for m in closed)
    for member in group.members:
        ledger = member_ledger(group, meetings, member.id)
        assert ledger.attendance.rate is None or 0 <= ledger.attendance.rate <= 1
        assert ledger.done_streak <= ledger.done
        assert ledger.done + ledger.partial + ledger.missed + ledger.dropped + ledger.still_open == len(ledger.commitments)


@settings(max_examples=150, deadline=None)
@given(histories())
def test_every_share_is_within_zero_and_one_on_consistent_histories(drawn):
    check_bounds(*drawn)


@settings(max_examples=12, deadline=None)
@given(group_with_meetings(max_meetings=3))
def test_figures_hold_on_any_valid_records_however_odd(drawn):
    check_bounds(*drawn)


def test_the_figures_and_the_demo_never_load_textual():
    code = "import sys, meetings.insights, meetings.demo; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- hot seats that ran


def seats_picked_not_all_held() -> list[Meeting]:
    """Ana and Ben picked to share one hot-seat item, only Ana reached; Cho picked for an item
    the meeting never got to; Eli held a seat the meeting after."""
    return [
        meeting(1, attendance={"ana": P, "ben": P, "cho": P}, hot_seats=["ana", "ben"], items=[held_seat("ana", "ben", reached=1)]),
        meeting(2, attendance={"ana": P, "ben": P, "cho": P}, hot_seats=["cho"], items=[held_seat("cho", ran=False)]),
        meeting(3, attendance={"ana": P, "eli": P}, hot_seats=["eli"]),
    ]


def test_history_rows_and_the_queue_count_only_seats_that_got_the_floor():
    group = make_group()
    history = seats_picked_not_all_held()
    assert [row.hot_seats for row in history_rows(group, history)] == [("Ana Souza",), (), ("Eli Park",)]
    queue = hot_seat_queue(group, history)
    # Ben and Cho were picked but never held a seat: they still head the queue.
    assert [(w.member_id, w.meetings_since, w.times) for w in queue] == [
        ("ben", None, 0), ("cho", None, 0), ("ana", 2, 1), ("eli", 0, 1),
    ]


def test_member_ledgers_list_only_the_seats_held():
    group = make_group()
    history = seats_picked_not_all_held()
    assert member_ledger(group, history, "ana").hot_seats == (history[0].date,)
    assert member_ledger(group, history, "ben").hot_seats == ()
    assert member_ledger(group, history, "cho").hot_seats == ()


def test_the_purpose_review_counts_hot_seats_held_not_picked():
    from meetings.insights import purpose_review

    group = make_group()
    review = purpose_review(group, seats_picked_not_all_held(), "2026", today=date(2026, 12, 31))
    figures = {f.label: f.value for answer in review.answers for f in answer.figures}
    assert figures["Hot seats held"] == "2, by 2 members"
