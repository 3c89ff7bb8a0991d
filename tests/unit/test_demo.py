"""The synthetic history: a seeded, believable record of a group's past meetings."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from meetings.demo import ANCHOR, FALLBACK_TEMPLATE, generate_history
from meetings.files import bundled_templates, group_to_toml
from meetings.insights import hot_seat_queue
from meetings.ledger import CLOSED_ASK, CLOSED_COMMITMENT, fold
from meetings.models import (
    AskKind,
    Cadence,
    CommitmentStatus,
    Goal,
    Group,
    ItemKind,
    ItemState,
    Meeting,
    MeetingStatus,
    Member,
    Presence,
    Purpose,
    Template,
    TemplateItem,
    Visibility,
)
from meetings.store import Store

REPO = Path(__file__).resolve().parents[2]

TEMPLATE = Template(
    slug="classic-mastermind",
    name="Classic",
    items=[
        TemplateItem(title="Wins", kind=ItemKind.ROUND, minutes=10, social_glue=True),
        TemplateItem(title="Accountability", kind=ItemKind.ACCOUNTABILITY, minutes=15),
        TemplateItem(title="Hot seat 1", kind=ItemKind.HOT_SEAT, minutes=20),
        TemplateItem(title="Hot seat 2", kind=ItemKind.HOT_SEAT, minutes=20),
        TemplateItem(title="Topic", kind=ItemKind.DISCUSSION, minutes=15, goal="learn"),
        TemplateItem(title="Asks and offers", kind=ItemKind.ASKS_OFFERS, minutes=12),
        TemplateItem(title="Commitments", kind=ItemKind.COMMITMENTS, minutes=8),
        TemplateItem(title="Close", kind=ItemKind.CLOSE, minutes=5),
    ],
)
OTHER = Template(
    slug="other",
    name="Other",
    items=[TemplateItem(title="Talk", kind=ItemKind.DISCUSSION, minutes=30)],
)


def make_group(cadence: Cadence = Cadence.BIWEEKLY, members: list[Member] | None = None) -> Group:
    if members is None:
        members = [
            Member(id="ana", name="Ana Souza", sector="Software"),
            Member(id="ben", name="Ben Okafor", sector="Healthcare"),
            Member(id="chen", name="Chen Wei", sector="Retail"),
            Member(id="dana", name="Dana Levi", sector="Software"),
            Member(id="eli", name="Eli Park", sector="Finance", joined=date(2026, 3, 1)),
            Member(id="farah", name="Farah Khan", sector="Consulting", left=date(2026, 2, 1)),
        ]
    return Group(
        slug="founders",
        name="Founders Circle",
        cadence=cadence,
        purpose=Purpose(
            statement="Build companies that last and open doors outside the circle.",
            goals=[
                Goal(id="grow", title="Grow our companies", kinds=[ItemKind.HOT_SEAT, ItemKind.COMMITMENTS]),
                Goal(id="doors", title="Open doors outside", kinds=[ItemKind.ASKS_OFFERS]),
                Goal(id="learn", title="Learn from each other"),
            ],
        ),
        members=members,
    )


def dumps(meetings: list[Meeting]) -> list[dict]:
    return [m.model_dump(mode="json") for m in meetings]


@pytest.fixture(scope="module")
def history() -> tuple[Group, list[Meeting]]:
    group = make_group()
    return group, generate_history(group, 120, seed=7, templates=[OTHER, TEMPLATE])


def test_same_seed_gives_the_same_history_ids_included():
    group = make_group()
    first = generate_history(group, 40, seed=3, templates=[TEMPLATE])
    again = generate_history(group, 40, seed=3, templates=[TEMPLATE])
    assert dumps(first) == dumps(again)


def test_another_seed_gives_another_history():
    group = make_group()
    first = generate_history(group, 40, seed=3, templates=[TEMPLATE])
    other = generate_history(group, 40, seed=4, templates=[TEMPLATE])
    assert [m.id for m in first] != [m.id for m in other]
    assert [[c.text for c in m.commitments] for m in first] != [[c.text for c in m.commitments] for m in other]


def test_every_meeting_is_closed_valid_and_numbered_in_order(history):
    group, meetings = history
    assert len(meetings) == 120
    assert [m.number for m in meetings] == list(range(1, 121))
    for m in meetings:
        assert m.status == MeetingStatus.CLOSED
        assert Meeting.model_validate(m.model_dump(mode="json")) == m
        assert m.group == group.slug
        assert m.running_since is None and m.started_at < m.ended_at
    ids = [r.id for m in meetings for r in (*m.commitments, *m.asks, *m.offers, *m.notes, *m.items)]
    ids += [m.id for m in meetings]
    assert len(ids) == len(set(ids))


def test_the_default_template_is_used_else_the_first_else_a_fallback():
    group = make_group()
    assert generate_history(group, 2, templates=[OTHER, TEMPLATE])[0].template == "classic-mastermind"
    assert generate_history(group.model_copy(update={"default_template": "nope"}), 2, templates=[OTHER, TEMPLATE])[0].template == "other"
    fallback = generate_history(group, 2, templates=[])
    assert [it.title for it in fallback[0].items] == [t.title for t in FALLBACK_TEMPLATE.items]


@pytest.mark.parametrize("cadence", list(Cadence))
def test_dates_follow_the_cadence_and_end_before_the_anchor(cadence):
    group = make_group(cadence)
    meetings = generate_history(group, 25, seed=1, templates=[TEMPLATE])
    gaps = {(b.date - a.date).days for a, b in zip(meetings, meetings[1:])}
    assert gaps == {cadence.days}
    assert meetings[-1].date < ANCHOR
    assert ANCHOR - meetings[-1].date <= timedelta(days=7)
    for a, b in zip(meetings, meetings[1:]):
        assert a.next_date == b.date


def test_a_start_date_is_honoured():
    meetings = generate_history(make_group(Cadence.WEEKLY), 3, templates=[TEMPLATE], start=date(2020, 1, 7))
    assert [m.date for m in meetings] == [date(2020, 1, 7), date(2020, 1, 14), date(2020, 1, 21)]


def test_items_are_run_near_their_planned_minutes_with_some_overruns(history):
    _, meetings = history
    items = [it for m in meetings for it in m.items]
    assert all(it.state == ItemState.DONE and it.elapsed > 0 for it in items)
    ratios = [it.elapsed / (it.planned_minutes * 60) for it in items]
    assert 0.85 < sum(ratios) / len(ratios) < 1.15
    assert any(r > 1.1 for r in ratios)
    assert sum(r > 1.1 for r in ratios) < len(ratios) / 3


def test_attendance_is_mostly_present_with_some_late_absent_and_rare_substitutes(history):
    _, meetings = history
    seen = Counter(a.presence for m in meetings for a in m.attendance)
    total = sum(seen.values())
    assert seen[Presence.PRESENT] / total > 0.6
    assert seen[Presence.LATE] > 0 and seen[Presence.ABSENT] > 0
    assert 0 < seen[Presence.SUBSTITUTE] < seen[Presence.ABSENT]
    assert all(a.substitute for m in meetings for a in m.attendance if a.presence == Presence.SUBSTITUTE)


def test_members_attend_only_while_they_are_members(history):
    _, meetings = history
    for m in meetings:
        listed = {a.member_id for a in m.attendance}
        assert ("farah" in listed) == (m.date < date(2026, 2, 1))
        assert ("eli" in listed) == (m.date >= date(2026, 3, 1))


def test_guests_are_invited_by_members_in_the_room_and_some_join(history):
    _, meetings = history
    guests = [(m, g) for m in meetings for g in m.guests]
    assert guests
    for m, g in guests:
        assert g.invited_by in m.attendees
    assert any(not g.first_visit for _, g in guests)
    assert any(g.became_member for _, g in guests)


def test_some_invited_guests_did_not_come_and_are_no_visitors(history):
    _, meetings = history
    no_shows = [(m, g) for m in meetings for g in m.guests if not g.came]
    # About one meeting in sixteen: 120 meetings give a handful, never most of the guests.
    assert 2 <= len(no_shows) <= 20
    for m, g in no_shows:
        assert g.invited_by in m.attendees
        assert not g.became_member
        assert g not in m.visitors
    assert sum(len(m.visitors) for m in meetings) > len(no_shows)


def test_hot_seats_go_to_whoever_waited_longest(history):
    group, meetings = history
    order = [m.id for m in group.members]
    last_seat: dict[str, int] = {}
    for i, m in enumerate(meetings):
        speaking = [a.member_id for a in m.attendance if a.presence in (Presence.PRESENT, Presence.LATE)]
        named = [h for h in (meetings[i - 1].next_hot_seats if i else []) if h in speaking]
        # Never seated first (member order), then the oldest last seat.
        queue = sorted(speaking, key=lambda h: (h in last_seat, last_seat.get(h, 0), order.index(h)))
        expected = (named + [q for q in queue if q not in named])[:2]
        assert m.hot_seats == expected, m.number
        seats = [it.speakers for it in m.items if it.kind == ItemKind.HOT_SEAT]
        assert seats == [[h] for h in m.hot_seats] + [[]] * (2 - len(m.hot_seats))
        last_seat.update(dict.fromkeys(m.hot_seats, i))


def test_the_next_hot_seats_named_at_close_are_the_longest_waiting(history):
    group, meetings = history
    last = meetings[-1]
    queue = [w.member_id for w in hot_seat_queue(group, meetings)]
    assert last.next_hot_seats == queue[:2]


def test_every_open_commitment_is_reviewed_at_the_next_meeting_and_only_then(history):
    _, meetings = history
    for i in range(1, len(meetings)):
        commitments, asks = fold(meetings[:i])
        open_c = {cid for cid, t in commitments.items() if t.record.status not in CLOSED_COMMITMENT}
        open_a = {aid for aid, t in asks.items() if t.record.status not in CLOSED_ASK}
        reviewed_c = [r.target_id for r in meetings[i].reviews if r.target == "commitment"]
        reviewed_a = [r.target_id for r in meetings[i].reviews if r.target == "ask"]
        assert sorted(reviewed_c) == sorted(open_c)
        assert set(reviewed_a) <= open_a
        assert len(set(reviewed_a)) == len(reviewed_a)


def test_reviews_only_target_items_of_earlier_meetings(history):
    _, meetings = history
    made_at = {}
    for i, m in enumerate(meetings):
        for r in m.reviews:
            assert made_at[r.target_id] < i
        for record in (*m.commitments, *m.asks):
            made_at[record.id] = i


def test_review_outcomes_have_realistic_rates(history):
    _, meetings = history
    first_reviews = Counter()
    seen = set()
    for m in meetings:
        for r in m.reviews:
            if r.target == "commitment" and r.target_id not in seen:
                seen.add(r.target_id)
                first_reviews[r.outcome] += 1
    total = sum(first_reviews.values())
    assert 0.5 < first_reviews["done"] / total < 0.85
    assert {"partial", "missed", "carried", "dropped"} <= set(first_reviews)
    asks = Counter(r.outcome for m in meetings for r in m.reviews if r.target == "ask")
    assert {"introduced", "fulfilled", "dropped"} <= set(asks)


def test_a_commitment_carried_again_has_its_carried_count_grow(history):
    _, meetings = history
    carried_in: dict[str, list[int]] = {}
    for i, m in enumerate(meetings):
        for r in m.reviews:
            if r.outcome == CommitmentStatus.CARRIED:
                carried_in.setdefault(r.target_id, []).append(i)
    twice = [(cid, idx) for cid, idx in carried_in.items() if len(idx) >= 2]
    assert twice
    cid, idx = twice[0]
    assert fold(meetings[: idx[0] + 1])[0][cid].record.carried == 1
    assert fold(meetings[: idx[1] + 1])[0][cid].record.carried == 2


def test_new_commitments_are_due_next_meeting_and_linked_to_goals(history):
    group, meetings = history
    goal_ids = {g.id for g in group.purpose.goals}
    for m in meetings:
        speaking = {a.member_id for a in m.attendance if a.presence in (Presence.PRESENT, Presence.LATE)}
        owners = {c.owner for c in m.commitments}
        assert len(owners & speaking) >= len(speaking) // 2
        for c in m.commitments:
            assert c.due == m.next_date
            assert c.goal is None or c.goal in goal_ids
            assert c.item_id in {it.id for it in m.items}
    commitments = [c for m in meetings for c in m.commitments]
    assert sum(c.goal is not None for c in commitments) > len(commitments) * 0.7
    assert any(c.visibility == Visibility.FORUM for c in commitments)


def test_asks_offers_and_texts_read_like_a_mastermind(history):
    _, meetings = history
    asks = {a.id: (i, a) for i, m in enumerate(meetings) for a in m.asks}
    assert {a.kind for _, a in asks.values()} == set(AskKind)
    assert all(a.who_could_help for _, a in asks.values())
    for i, m in enumerate(meetings):
        commitment_ids = {c.id for c in m.commitments}
        for o in m.offers:
            made, ask = asks[o.ask_id]
            assert made <= i and o.by != ask.owner
            assert o.commitment_id is None or o.commitment_id in commitment_ids
    texts = [c.text for m in meetings for c in m.commitments] + [n.text for m in meetings for n in m.notes]
    texts += [a.text for _, a in asks.values()] + [o.text for m in meetings for o in m.offers]
    assert all(t and "{" not in t and "}" not in t and "lorem" not in t.lower() for t in texts)


def test_notes_decisions_ratings_and_close(history):
    group, meetings = history
    notes = [n for m in meetings for n in m.notes]
    assert any(n.kind == "decision" for n in notes)
    assert any(n.visibility == Visibility.FORUM for n in notes)
    assert any(n.visibility == Visibility.SHAREABLE for n in notes)
    goal_ids = {g.id for g in group.purpose.goals}
    for m in meetings:
        assert m.ratings
        assert all(6 <= r.score <= 10 and r.member_id in m.attendees for r in m.ratings)
        assert m.plus and set(m.goals_served) <= goal_ids
        assert len(m.next_hot_seats) == 2


def test_appending_continues_numbers_dates_and_open_reviews():
    group = make_group()
    first = generate_history(group, 10, seed=5, templates=[TEMPLATE])
    more = generate_history(group, 4, seed=6, templates=[TEMPLATE], after=first)
    assert [m.number for m in more] == [11, 12, 13, 14]
    assert more[0].date == first[-1].date + timedelta(days=14)
    commitments, _ = fold(first)
    still_open = {cid for cid, t in commitments.items() if t.record.status not in CLOSED_COMMITMENT}
    assert still_open and {r.target_id for r in more[0].reviews if r.target == "commitment"} == still_open
    assert more[0].hot_seats[0] in first[-1].next_hot_seats or first[-1].next_hot_seats[0] not in more[0].attendees


def test_a_group_of_one_and_a_group_of_none():
    alone = make_group(members=[Member(id="solo", name="Solo Founder")])
    meetings = generate_history(alone, 5, seed=2, templates=[TEMPLATE])
    assert all(m.attendees == ["solo"] for m in meetings)
    assert all(not m.offers for m in meetings)
    empty = generate_history(make_group(members=[]), 3, seed=2, templates=[TEMPLATE])
    assert [len(m.attendance) for m in empty] == [0, 0, 0]
    assert all(Meeting.model_validate(m.model_dump(mode="json")) == m for m in empty)


def test_ten_years_of_weekly_meetings():
    meetings = generate_history(make_group(Cadence.WEEKLY), 520, seed=11, templates=bundled_templates() or [TEMPLATE])
    assert len(meetings) == 520 and len({m.id for m in meetings}) == 520
    assert (meetings[-1].date - meetings[0].date).days == 519 * 7


# --------------------------------------------------------------------------- command line


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "meetings", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )


def test_demo_history_command_fills_the_store_and_appends(tmp_path):
    group_file = tmp_path / "founders.toml"
    group_file.write_text(group_to_toml(make_group()), encoding="utf-8")
    data = tmp_path / "data"
    assert run(data, "groups", "import", str(group_file)).returncode == 0

    done = run(data, "demo-history", "founders", "--meetings", "20", "--seed", "3")
    assert done.returncode == 0, done.stderr
    history = Store(data, writer=False).history("founders")
    assert len(history) == 20 and all(m.closed for m in history)

    again = run(data, "demo-history", "founders", "--meetings", "5")
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and again.stderr.startswith("error:") and "--append" in again.stderr

    more = run(data, "demo-history", "founders", "--meetings", "5", "--seed", "4", "--append")
    assert more.returncode == 0, more.stderr
    history = Store(data, writer=False).history("founders")
    assert [m.number for m in history] == list(range(1, 26))


def test_a_hot_seat_picked_but_never_run_is_no_turn_when_appending():
    group = make_group()
    first = generate_history(group, 4, seed=5, templates=[TEMPLATE])
    # Ana's seats were picked but never given the floor (the items were not reached).
    for m in first:
        for it in m.items:
            if it.kind == ItemKind.HOT_SEAT and "ana" in it.speakers:
                it.state, it.elapsed = ItemState.PENDING, 0.0
    first[-1].next_hot_seats = []
    assert "ana" in first[-2].hot_seats and all("ana" not in m.held_hot_seats for m in first)
    more = generate_history(group, 1, seed=105, templates=[TEMPLATE], after=first)
    speaking = [a.member_id for a in more[0].attendance if a.presence in (Presence.PRESENT, Presence.LATE)]
    queue = [w.member_id for w in hot_seat_queue(group, first)]
    assert queue[0] == "ana" and "ana" in speaking
    assert more[0].hot_seats == [m for m in queue if m in speaking][:2]
