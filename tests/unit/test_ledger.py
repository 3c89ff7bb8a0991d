"""The ledger: what became of commitments and asks, replayed from the reviews of later meetings."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.ledger import CLOSED_COMMITMENT, Ledger, fold, is_open_commitment, open_items
from meetings.models import (
    Ask,
    AskStatus,
    Commitment,
    CommitmentStatus,
    Meeting,
    MeetingStatus,
    Offer,
    Review,
)

FIRST = date(2026, 1, 6)


def meeting(number: int, on: date | None = None, **fields) -> Meeting:
    return Meeting(
        group="founders-circle",
        number=number,
        date=on or FIRST + timedelta(days=14 * (number - 1)),
        template="classic-mastermind",
        status=MeetingStatus.CLOSED,
        **fields,
    )


def commitment(cid: str, owner: str = "ana") -> Commitment:
    return Commitment(id=cid, owner=owner, text=f"do {cid}", due=FIRST + timedelta(days=14))


def ask(aid: str, owner: str = "ben") -> Ask:
    return Ask(id=aid, owner=owner, text=f"help with {aid}")


def review(target_id: str, outcome: str, target: str = "commitment") -> Review:
    return Review(target_id=target_id, target=target, outcome=outcome)


def test_a_new_commitment_is_open_and_never_carried():
    commitments, asks = fold([meeting(1, commitments=[commitment("c1")], asks=[ask("a1")])])
    assert commitments["c1"].record.status == CommitmentStatus.OPEN and commitments["c1"].record.carried == 0
    assert commitments["c1"].meeting.number == 1 and commitments["c1"].id == "c1"
    assert asks["a1"].record.status == AskStatus.OPEN


def test_a_commitment_carried_twice_then_done():
    history = [
        meeting(1, commitments=[commitment("c1")]),
        meeting(2, reviews=[review("c1", "carried")]),
        meeting(3, reviews=[review("c1", "carried")]),
    ]
    commitments, _ = fold(history)
    assert commitments["c1"].record.status == CommitmentStatus.CARRIED and commitments["c1"].record.carried == 2
    assert commitments["c1"].meeting.number == 1  # still known by the meeting it was made in
    done = fold([*history, meeting(4, reviews=[review("c1", "done")])])[0]["c1"].record
    assert done.status == CommitmentStatus.DONE and done.carried == 2


def test_partial_stays_on_the_list_without_counting_as_carried():
    commitments, _ = fold([meeting(1, commitments=[commitment("c1")]), meeting(2, reviews=[review("c1", "partial")])])
    assert commitments["c1"].record.status == CommitmentStatus.PARTIAL and commitments["c1"].record.carried == 0
    assert is_open_commitment(CommitmentStatus.PARTIAL) and is_open_commitment(CommitmentStatus.CARRIED)
    assert not any(is_open_commitment(s) for s in CLOSED_COMMITMENT)


def test_reviews_of_unknown_ids_are_ignored():
    history = [
        meeting(1, commitments=[commitment("c1")], asks=[ask("a1")]),
        meeting(
            2,
            reviews=[
                review("from-a-lost-meeting", "done"),
                review("lost-ask", "fulfilled", "ask"),
                review("a1", "done"),  # an ask's id reviewed as if it were a commitment
                review("c1", "dropped", "ask"),  # and the other way round
            ],
            offers=[Offer(ask_id="lost-ask", by="eli", text="me")],
        ),
    ]
    commitments, asks = fold(history)
    assert set(commitments) == {"c1"} and set(asks) == {"a1"}
    assert commitments["c1"].record.status == CommitmentStatus.OPEN
    assert asks["a1"].record.status == AskStatus.OPEN


def test_meetings_are_replayed_by_date_whatever_order_they_come_in():
    history = [
        meeting(1, commitments=[commitment("c1")]),
        meeting(2, reviews=[review("c1", "carried")]),
        meeting(3, reviews=[review("c1", "missed")]),
    ]
    expected = fold(history)
    for order in ([2, 0, 1], [2, 1, 0], [1, 2, 0]):
        shuffled = [history[i] for i in order]
        assert fold(shuffled) == expected
    assert expected[0]["c1"].record.status == CommitmentStatus.MISSED and expected[0]["c1"].record.carried == 1


def test_two_meetings_on_one_day_are_ordered_by_number():
    day = date(2026, 3, 3)
    history = [
        meeting(8, day, reviews=[review("c1", "done")]),
        meeting(7, day, commitments=[commitment("c1")]),
    ]
    assert fold(history)[0]["c1"].record.status == CommitmentStatus.DONE


def test_a_review_dated_before_the_commitment_was_made_does_not_count():
    history = [
        meeting(1, reviews=[review("c1", "done")]),
        meeting(2, commitments=[commitment("c1")]),
    ]
    assert fold(history)[0]["c1"].record.status == CommitmentStatus.OPEN


def test_an_offer_matches_an_open_ask_in_its_own_meeting_or_a_later_one():
    history = [
        meeting(1, asks=[ask("a1"), ask("a2")], offers=[Offer(ask_id="a1", by="chen", text="Maria at St Luke's")]),
        meeting(2, offers=[Offer(ask_id="a2", by="farah", text="my cousin")]),
    ]
    _, asks = fold(history)
    assert asks["a1"].record.status == AskStatus.MATCHED
    assert asks["a2"].record.status == AskStatus.MATCHED
    assert fold(history[:1])[1]["a2"].record.status == AskStatus.OPEN


def test_an_offer_does_not_undo_a_later_status_of_the_ask():
    history = [
        meeting(1, asks=[ask("a1"), ask("a2")]),
        meeting(
            2,
            reviews=[review("a1", "introduced", "ask"), review("a2", "dropped", "ask")],
            offers=[Offer(ask_id="a1", by="chen", text="again"), Offer(ask_id="a2", by="eli", text="late")],
        ),
        meeting(3, reviews=[review("a1", "fulfilled", "ask")], offers=[Offer(ask_id="a1", by="dana", text="too late")]),
    ]
    _, asks = fold(history)
    assert asks["a1"].record.status == AskStatus.FULFILLED
    assert asks["a2"].record.status == AskStatus.DROPPED


def test_an_ask_reopened_by_a_review_can_be_matched_again():
    history = [
        meeting(1, asks=[ask("a1")], offers=[Offer(ask_id="a1", by="chen", text="Maria")]),
        meeting(2, reviews=[review("a1", "open", "ask")]),
    ]
    assert fold(history)[1]["a1"].record.status == AskStatus.OPEN
    later = [*history, meeting(3, offers=[Offer(ask_id="a1", by="eli", text="Tom")])]
    assert fold(later)[1]["a1"].record.status == AskStatus.MATCHED


def test_folding_never_changes_the_meetings_it_reads():
    history = [
        meeting(1, commitments=[commitment("c1")], asks=[ask("a1")], offers=[Offer(ask_id="a1", by="eli", text="x")]),
        meeting(2, reviews=[review("c1", "carried"), review("a1", "fulfilled", "ask")]),
    ]
    snapshot = [m.model_copy(deep=True) for m in history]
    fold(history)
    assert history == snapshot
    assert history[0].commitments[0].status == CommitmentStatus.OPEN and history[0].asks[0].status == AskStatus.OPEN


def test_open_items_are_what_is_left_to_review_oldest_first():
    history = [
        meeting(1, commitments=[commitment("old-done"), commitment("old-carried")], asks=[ask("a-open"), ask("a-done")]),
        meeting(
            2,
            commitments=[commitment("new"), commitment("new-missed")],
            asks=[ask("a-matched")],
            offers=[Offer(ask_id="a-matched", by="chen", text="me")],
            reviews=[
                review("old-done", "done"),
                review("old-carried", "carried"),
                review("a-done", "fulfilled", "ask"),
            ],
        ),
        meeting(3, reviews=[review("new-missed", "missed")]),
    ]
    commitments, asks = open_items(reversed(history))
    assert [t.id for t in commitments] == ["old-carried", "new"]
    assert [t.record.carried for t in commitments] == [1, 0]
    assert [(t.id, t.record.status) for t in asks] == [("a-open", AskStatus.OPEN), ("a-matched", AskStatus.MATCHED)]
    assert open_items([]) == ([], [])


# --------------------------------------------------------------------------- any history


OUTCOMES = [s.value for s in CommitmentStatus]


@st.composite
def histories(draw):
    """Meetings on distinct days; commitments made in some, reviewed (or not) in later ones."""
    count = draw(st.integers(min_value=1, max_value=7))
    meetings: list[dict] = [{"commitments": [], "reviews": []} for _ in range(count)]
    made: list[tuple[str, int]] = []
    for index in range(count):
        for k in range(draw(st.integers(0, 3))):
            cid = f"c{index}-{k}"
            meetings[index]["commitments"].append(commitment(cid))
            made.append((cid, index))
        # Reviews may name any id, even ones made later or never (those are ignored).
        ids = [cid for cid, _ in made] + [f"c{count}-0", "ghost"]
        chosen = draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))
        meetings[index]["reviews"] = [review(cid, draw(st.sampled_from(OUTCOMES))) for cid in chosen]
    return [meeting(i + 1, **fields) for i, fields in enumerate(meetings)], made


@settings(max_examples=200, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_any_history_folds_to_the_last_review_and_counts_every_carry(generated, rng: random.Random):
    history, made = generated
    shuffled = list(history)
    rng.shuffle(shuffled)
    commitments, _ = fold(shuffled)
    assert set(commitments) == {cid for cid, _ in made}
    for cid, made_in in made:
        later = [r for m in history[made_in + 1 :] for r in m.reviews if r.target_id == cid]
        expected_status = CommitmentStatus(later[-1].outcome) if later else CommitmentStatus.OPEN
        record = commitments[cid].record
        assert record.status == expected_status
        assert record.carried == sum(r.outcome == "carried" for r in later)
        assert commitments[cid].meeting.number == made_in + 1
    open_c, _ = open_items(shuffled)
    assert {t.id for t in open_c} == {cid for cid, _ in made if commitments[cid].record.status not in CLOSED_COMMITMENT}


# --------------------------------------------------------------------------- the ledger kept open


def reference_fold(meetings):
    """The replay as first written (a record copy per review): what Ledger must agree with."""
    commitments, asks = {}, {}
    for m in sorted(meetings, key=lambda m: (m.date, m.number)):
        for r in m.reviews:
            book = commitments if r.target == "commitment" else asks
            if r.target_id not in book:
                continue
            record, made_in = book[r.target_id]
            if r.target == "commitment":
                carried = record.carried + (r.outcome == "carried")
                record = record.model_copy(update={"status": CommitmentStatus(r.outcome), "carried": carried})
            else:
                record = record.model_copy(update={"status": AskStatus(r.outcome)})
            book[r.target_id] = (record, made_in)
        for c in m.commitments:
            commitments[c.id] = (c, m)
        for a in m.asks:
            asks[a.id] = (a, m)
        for o in m.offers:
            if o.ask_id in asks and asks[o.ask_id][0].status == AskStatus.OPEN:
                record, made_in = asks[o.ask_id]
                asks[o.ask_id] = (record.model_copy(update={"status": AskStatus.MATCHED}), made_in)
    return commitments, asks


@st.composite
def histories_with_asks(draw):
    """Meetings that make commitments and asks, review them (ids made or not), and offer on asks."""
    count = draw(st.integers(min_value=1, max_value=7))
    made_c: list[str] = []
    made_a: list[str] = []
    meetings = []
    for index in range(count):
        commitments = [commitment(f"c{index}-{k}") for k in range(draw(st.integers(0, 3)))]
        asks = [ask(f"a{index}-{k}") for k in range(draw(st.integers(0, 2)))]
        reviews = [
            review(cid, draw(st.sampled_from(OUTCOMES)))
            for cid in draw(st.lists(st.sampled_from(made_c + ["ghost"]), max_size=4, unique=True))
        ]
        reviews += [
            review(aid, draw(st.sampled_from(["open", "matched", "introduced", "fulfilled", "dropped"])), "ask")
            for aid in draw(st.lists(st.sampled_from(made_a + ["ghost"]), max_size=3, unique=True))
        ]
        made_c += [c.id for c in commitments]
        made_a += [a.id for a in asks]
        offers = [Offer(ask_id=aid, by="eli", text="a name") for aid in draw(st.lists(st.sampled_from(made_a + ["nobody"]), max_size=2))]
        meetings.append(meeting(index + 1, commitments=commitments, asks=asks, reviews=reviews, offers=offers))
    return meetings


def as_pairs(book):
    return {rid: (t.record, t.meeting.id) for rid, t in book.items()}


@settings(max_examples=200, deadline=None)
@given(histories_with_asks(), st.randoms(use_true_random=False))
def test_the_ledger_agrees_with_a_record_by_record_replay(history, rng: random.Random):
    shuffled = list(history)
    rng.shuffle(shuffled)
    expected_c, expected_a = reference_fold(shuffled)
    commitments, asks = fold(shuffled)
    assert as_pairs(commitments) == {rid: (rec, m.id) for rid, (rec, m) in expected_c.items()}
    assert as_pairs(asks) == {rid: (rec, m.id) for rid, (rec, m) in expected_a.items()}
    assert list(commitments) == list(expected_c) and list(asks) == list(expected_a)


@settings(max_examples=200, deadline=None)
@given(histories_with_asks(), st.data())
def test_a_ledger_fed_one_meeting_at_a_time_or_limited_to_some_ids_says_what_the_fold_says(history, data):
    commitments, asks = fold(history)
    fed = Ledger()
    for m in history:
        fed.add(m)
    assert as_pairs(fed.commitments()) == as_pairs(commitments) and as_pairs(fed.asks()) == as_pairs(asks)

    ids = sorted({*commitments, *asks, "ghost"})
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True))
    limited = Ledger(history, only=chosen)
    for rid in chosen:
        assert limited.commitment(rid) == commitments.get(rid)
        assert limited.ask(rid) == asks.get(rid)
    assert set(limited.commitments()) | set(limited.asks()) <= set(chosen)

    bare = Ledger(history, records=False)
    assert {rid: (s, n) for rid, s, n in bare.states("commitment")} == {
        rid: (t.record.status, t.record.carried) for rid, t in commitments.items()
    }
    assert {rid: s for rid, s, _ in bare.states("ask")} == {rid: t.record.status for rid, t in asks.items()}


def test_a_ledger_without_records_cannot_hand_out_a_record():
    history = [meeting(1, commitments=[commitment("c1")]), meeting(2, reviews=[review("c1", "carried")])]
    bare = Ledger(history, records=False)
    assert (bare.kind("c1"), bare.status("c1"), bare.carried("c1")) == ("commitment", "carried", 1)
    assert bare.kind("nope") is None and bare.status("nope") is None
    with pytest.raises(ValueError):
        bare.commitment("c1")


def test_a_meeting_older_than_the_last_one_added_is_refused():
    ledger = Ledger([meeting(2, commitments=[commitment("c1")])])
    with pytest.raises(ValueError):
        ledger.add(meeting(1, reviews=[review("c1", "done")]))
    ledger.add(meeting(3, reviews=[review("c1", "done")]))
    assert ledger.commitment("c1").record.status == CommitmentStatus.DONE


def test_open_items_copy_only_what_is_open():
    history = [
        meeting(1, commitments=[commitment("c1"), commitment("c2")], asks=[ask("a1"), ask("a2")]),
        meeting(2, reviews=[review("c1", "done"), review("c2", "partial"), review("a1", "fulfilled", "ask")]),
    ]
    open_c, open_a = Ledger(history).open_items()
    assert [(t.id, t.record.status) for t in open_c] == [("c2", CommitmentStatus.PARTIAL)]
    assert [t.id for t in open_a] == ["a2"]
    # An unchanged record is handed out as it was made, not copied.
    assert open_a[0].record is history[0].asks[1]


def test_a_record_made_again_starts_afresh_for_a_ledger_limited_to_it():
    history = [
        meeting(1, commitments=[commitment("c1")], asks=[ask("a1")]),
        meeting(2, reviews=[review("c1", "carried"), review("a1", "dropped", "ask")]),
        # The same ids made again (a record copied into a later meeting): their state restarts.
        meeting(3, commitments=[commitment("c1", owner="ben")], asks=[ask("a1", owner="ana")]),
        meeting(4, reviews=[review("c1", "carried")], offers=[Offer(ask_id="a1", by="eli", text="me")]),
        meeting(5, commitments=[commitment("c9")]),
    ]
    commitments, asks = fold(history)
    limited = Ledger(reversed(history), only={"c1", "a1"})
    assert limited.commitment("c1") == commitments["c1"]
    assert (limited.commitment("c1").record.owner, limited.carried("c1")) == ("ben", 1)
    assert limited.ask("a1") == asks["a1"] and limited.status("a1") == AskStatus.MATCHED
    assert limited.kind("c9") is None
