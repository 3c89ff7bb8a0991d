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
