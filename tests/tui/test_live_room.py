"""The live meeting bends to the room: undo, late arrivals, walk-in guests, hot seats swapped,
a multi-line paste, and a close that asks once. Each trap a facilitator hit in a real meeting is
reproduced here through the keyboard, and what counts is what ends up on disk."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from meetings.models import Presence
from tests.tui.test_meeting_flow import member_id, shown, start_meeting, stored_live
from tui.app import MastermindApp
from tui.live import LiveScreen

SIZE = (80, 24)


async def test_close_fields_typed_quickly_land_in_their_own_fields(sample_store, fixed_clock, until):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("x")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "ratings", what="ratings focused")
        # One burst, as a fast typist does it: no pause between the keys.
        for key in ["1", "0", "enter", "tab", *"the hot seat", "enter"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(pilot, lambda: bool(stored_live(sample_store).plus), what="plus saved")
        meeting = stored_live(sample_store)
        assert [r.score for r in meeting.ratings] == [10]
        assert meeting.plus == ["the hot seat"]
        assert app.screen.query_one("#ratings", Input).value == ""



async def test_ratings_take_any_name_the_capture_line_takes(sample_store, fixed_clock, until, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    ana, ben = member_id(sample_store, "Ana"), member_id(sample_store, "Ben")
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("x")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "ratings", what="ratings focused")
        await typer(pilot, "Souza 8, BO 9, 7")
        await pilot.press("enter")
        await until(pilot, lambda: len(stored_live(sample_store).ratings) == 3, what="three ratings on disk")
        scores = {(r.member_id, r.score) for r in stored_live(sample_store).ratings}
        assert scores == {(ana, 8), (ben, 9), (None, 7)}
        await typer(pilot, "Zoey 8")
        await pilot.press("enter")
        await until(pilot, lambda: "no member called 'Zoey'" in shown(app.screen, "#capture-message"), what="refusal")
        assert app.screen.query_one("#ratings", Input).value == "Zoey 8"  # kept to correct


async def wait_for_screen(pilot, until, name: str) -> None:
    await until(pilot, lambda: type(pilot.app.screen).__name__ == name, what=name)


async def test_ending_asks_once_says_what_is_left_and_saves_typed_text(sample_store, fixed_clock, until, typer, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("x")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "ratings", what="ratings focused")
        await typer(pilot, "8 9")  # typed, no enter
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, until, "ConfirmClose")
        text = screen_text(app)
        assert "Ratings typed but not saved: '8 9'" in text
        assert "not reviewed" in text and "did not get the floor" in text
        await pilot.press("n")  # going back closes nothing
        await wait_for_screen(pilot, until, "LiveScreen")
        assert not stored_live(sample_store).closed
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, until, "ConfirmClose")
        await pilot.press("y")
        await wait_for_screen(pilot, until, "SummaryScreen")
    (meeting,) = sample_store.history("founders-circle")[-1:]
    assert meeting.closed and sorted(r.score for r in meeting.ratings) == [8, 9]


async def test_u_undoes_a_capture_and_an_accountability_mark_on_disk(sample_store, fixed_clock, until, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("slash")
        await typer(pilot, "n: we meet in person in January")
        await pilot.press("enter")
        await until(pilot, lambda: bool(stored_live(sample_store).notes), what="the note on disk")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await until(pilot, lambda: not stored_live(sample_store).notes, what="the note undone on disk")
        assert shown(app.screen, "#capture-message").startswith("Undone: capture")
        await pilot.press("n")  # to the accountability item: its table has the focus
        await until(pilot, lambda: stored_live(sample_store).current == 1, what="accountability")
        await pilot.press("d")
        await until(pilot, lambda: bool(stored_live(sample_store).reviews), what="the mark on disk")
        await pilot.press("u")
        await until(pilot, lambda: not stored_live(sample_store).reviews, what="the mark undone")
        assert stored_live(sample_store).current == 1  # only the mark was taken back


async def test_the_room_changes_late_arrival_walk_in_guest_and_a_new_member(sample_store, fixed_clock, until, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    ben = member_id(sample_store, "Ben")
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        fixed_clock.advance(20 * 60)
        await pilot.press("r")
        await wait_for_screen(pilot, until, "RoomScreen")
        await pilot.press("down", "l")  # Ben, the second row, walks in late now
        await until(pilot, lambda: stored_live(sample_store).presence(ben) == Presence.LATE, what="Ben late")
        row = next(a for a in stored_live(sample_store).attendance if a.member_id == ben)
        assert row.arrived_at == fixed_clock.now()
        await pilot.press("g")
        await wait_for_screen(pilot, until, "GuestForm")
        await typer(pilot, "Ines Duarte")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: [g.name for g in stored_live(sample_store).guests] == ["Ines Duarte"], what="the guest")
        await pilot.press("m")
        await wait_for_screen(pilot, until, "MemberForm")
        await typer(pilot, "Zoë Martin")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(m.name == "Zoë Martin" for m in sample_store.group("founders-circle").members), what="member")
        zoe = next(m for m in sample_store.group("founders-circle").members if m.name == "Zoë Martin")
        assert zoe.id in stored_live(sample_store).attendees
        await pilot.press("escape")
        await wait_for_screen(pilot, until, "LiveScreen")
        # The newcomer can be named on the capture line at once.
        await pilot.press("slash")
        await typer(pilot, "c: Zoë read the purpose")
        await pilot.press("enter")
        await until(pilot, lambda: bool(stored_live(sample_store).commitments), what="Zoë's commitment")
        assert stored_live(sample_store).commitments[0].owner == zoe.id


async def test_a_hot_seat_presenter_is_swapped_before_the_seat_runs(sample_store, fixed_clock, until):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_meeting(pilot)
        seat = live.live.seat_items()[0]
        before = list(stored_live(sample_store).items[seat].speakers)
        await pilot.press("h")
        await wait_for_screen(pilot, until, "SeatsScreen")
        await pilot.press("enter")
        await wait_for_screen(pilot, until, "PickMember")
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: stored_live(sample_store).items[seat].speakers != before, what="the swap on disk")
        (after,) = stored_live(sample_store).items[seat].speakers
        assert after not in before
        await pilot.press("delete")  # the highlighted seat, nobody presents
        await until(pilot, lambda: stored_live(sample_store).items[seat].speakers == [], what="the seat emptied")


async def test_moving_the_current_item_down_does_not_skip_the_item_moved_past(sample_store, fixed_clock, until):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_meeting(pilot)
        first, second = (it.title for it in live.meeting.items[:2])
        await pilot.press("shift+down")
        await until(pilot, lambda: stored_live(sample_store).items[0].title == second, what="the move on disk")
        assert live.live.item.title == second  # the item moved into the facilitator's place runs now
        await pilot.press("n")
        await until(pilot, lambda: stored_live(sample_store).current == 1, what="next item")
        assert live.live.item.title == first  # the moved item comes next: not skipped


async def test_a_multi_line_paste_is_one_record_per_line_and_nothing_is_lost(sample_store, fixed_clock, until):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("slash")
        pasted = "c: Ana send the survey\nn: we meet in January\nc: Nobodyatall do it\n\nd: monthly socials\nn: last line"
        app.screen.query_one("#capture-line", Input).post_message(events.Paste(pasted))
        await until(pilot, lambda: len(stored_live(sample_store).notes) == 3, what="the good lines on disk")
        meeting = stored_live(sample_store)
        assert [c.text for c in meeting.commitments] == ["send the survey"]
        assert [n.text for n in meeting.notes] == ["we meet in January", "monthly socials", "last line"]
        field = app.screen.query_one("#capture-line", Input)
        assert field.value == "c: Nobodyatall do it"  # the line that did not read waits to be corrected
        field.value = "c: Ben do it"
        await pilot.press("enter")
        await until(pilot, lambda: len(stored_live(sample_store).commitments) == 2, what="the corrected line")
        assert field.value == ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u", "u")
        await until(pilot, lambda: not stored_live(sample_store).notes, what="the paste undone whole")
        assert stored_live(sample_store).commitments == []


async def test_resume_says_how_long_the_app_was_away(sample_store, fixed_clock, until):
    from meetings.store import Store

    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    sample_store.close()
    fixed_clock.advance(31)
    with Store(sample_store.root) as store:
        app = MastermindApp(store, clock=fixed_clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await wait_for_screen(pilot, until, "LiveScreen")
            await until(pilot, lambda: "Resumed" in shown(app.screen, "#capture-message"), what="the resume line")
            assert shown(app.screen, "#capture-message") == "Resumed: 0:31 passed (31 s); the clock kept running, as the room did."


async def test_a_name_typed_fast_and_saved_at_once_keeps_every_letter(sample_store, fixed_clock, until):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        await pilot.press("r")
        await wait_for_screen(pilot, until, "RoomScreen")
        await pilot.press("g")
        await wait_for_screen(pilot, until, "GuestForm")
        # One burst, ctrl+s included, as a terminal delivers fast typing: the priority key must
        # not jump the letters already handed to the name field.
        for key in [*"Ines Duarte", "ctrl+s"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(pilot, lambda: bool(stored_live(sample_store).guests), what="the guest on disk")
        assert [g.name for g in stored_live(sample_store).guests] == ["Ines Duarte"]
