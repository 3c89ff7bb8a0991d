"""A whole meeting of Founders Circle, driven through the keyboard as a facilitator would, with a
clock that moves only when the test says so. What counts is what ends up on disk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static, TabbedContent

from meetings.ledger import open_items
from meetings.models import (
    ItemKind,
    Meeting,
    MeetingStatus,
    NoteKind,
    Presence,
    Visibility,
)
from meetings.store import Store
from tui.app import MastermindApp
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.live import LiveScreen, ReviewTable
from tui.screens.setup import SetupScreen
from tests.conftest import wait_until

SIZE = (120, 36)


def member_id(store: Store, first_name: str) -> str:
    group = store.group("founders-circle")
    return next(m.id for m in group.members if m.first_name == first_name)


def shown(screen: object, selector: str) -> str:
    """The plain text of a Static on the screen."""
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


async def capture(pilot, typer, line: str) -> str:
    """Type a line into the quick-capture field, submit it, leave the field; return the message."""
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(pilot.app.focused, Input) and pilot.app.focused.id == "capture-line"
    await typer(pilot, line)
    await pilot.press("enter")
    await pilot.pause()
    message = shown(pilot.app.screen, "#capture-message")
    await pilot.press("escape")
    await pilot.pause()
    return message


def stored_live(store: Store) -> Meeting:
    """The group's unfinished meeting, read back from disk by a separate reader."""
    reader = Store(store.root, writer=False)
    (meeting,) = reader.unfinished("founders-circle")
    return meeting


async def open_setup(pilot) -> SetupScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SetupScreen)
    return pilot.app.screen


async def start_meeting(pilot) -> LiveScreen:
    await open_setup(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveScreen)
    return pilot.app.screen


async def test_a_whole_meeting_from_setup_to_minutes(sample_store, fixed_clock, until, typer):
    store, clock = sample_store, fixed_clock
    ana, ben, chen, dana, eli, farah, greg = (
        member_id(store, n) for n in ("Ana", "Ben", "Chen", "Dana", "Eli", "Farah", "Greg")
    )
    history = store.history("founders-circle")
    earlier_commitments, earlier_asks = open_items(history)
    app = MastermindApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)

        # Attendance: Dana late, Greg absent, Chen added as a second hot seat.
        setup.query_one(TabbedContent).active = "tab-attendance"
        await pilot.pause()
        setup.query_one("#attendance").focus()
        await pilot.press("down", "down", "h", "down", "l", "down", "down", "down", "a")
        await pilot.pause()
        assert setup.presence[dana] == Presence.LATE
        assert setup.presence[greg] == Presence.ABSENT
        assert greg not in setup.hot_seats

        # A guest, invited by Ana (picked in the drop-down with the keyboard).
        setup.query_one(TabbedContent).active = "tab-guests"
        await pilot.pause()
        setup.query_one("#guest-name").focus()
        await typer(pilot, "Ines Duarte")
        await pilot.press("tab")
        await typer(pilot, "ines@example.com")
        await pilot.press("tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        setup.query_one("#guest-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [g.name for g in setup.guests] == ["Ines Duarte"]

        await pilot.press("ctrl+s")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        assert live.live is not None
        started = stored_live(store)
        assert started.started_at == clock.now()
        assert [it.kind for it in started.items][:2] == [ItemKind.ROUND, ItemKind.ACCOUNTABILITY]

        # 1. Wins round: six in the room (Greg is absent), a minute and ten seconds each.
        round_item = started.items[0]
        assert round_item.speakers == [ana, ben, chen, dana, eli, farah]
        for _ in range(5):
            clock.advance(70)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert "Farah Khan" in shown(live, "#speaker")
        assert stored_live(store).items[0].speaker_index == 5
        clock.advance(70)
        await pilot.press("n")
        await pilot.pause()

        # 2. Accountability: mark the demo history's commitments and an ask on the review table.
        assert live.meeting.current == 1
        table = live.query_one("#review-table", ReviewTable)
        assert app.focused is table
        outcomes = {ana: "done", ben: "carried", chen: "missed"}
        keys = {"done": "d", "carried": "c", "missed": "m"}
        targets: dict[str, str] = {}
        for owner, outcome in outcomes.items():
            tracked = next(t for t in earlier_commitments if t.record.owner == owner)
            targets[tracked.id] = outcome
            row = table.get_row_index(f"commitment:{tracked.id}")
            await pilot.press(*(["up"] * table.cursor_row), *(["down"] * row), keys[outcome])
            await pilot.pause()
        fulfilled_ask = next(t for t in earlier_asks if t.record.owner == eli)
        row = table.get_row_index(f"ask:{fulfilled_ask.id}")
        await pilot.press(*(["up"] * table.cursor_row), *(["down"] * row), "f")
        await pilot.pause()
        assert "3 of" in shown(live, "#capture-message")
        greg_row = table.get_row_index(f"commitment:{next(t for t in earlier_commitments if t.record.owner == greg).id}")
        assert str(table.get_row_at(greg_row)[0]) == "Greg Novak (absent)"
        clock.advance(540)
        await pilot.press("n")
        await pilot.pause()

        # 3. Hot seat 1 (Ana): the four phases, then her commitment.
        assert live.live.item.kind == ItemKind.HOT_SEAT
        assert live.live.speaker() == ana
        for phase in ("clarifying questions", "experience sharing", "commitment"):
            clock.advance(300)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert live.live.phase() == phase
        assert "Floor: Ana Souza" in shown(live, "#speaker")
        message = await capture(pilot, typer, "c: Ana talk to three restaurant group operators by 2026-11-20")
        assert message.startswith("Saved:")
        await pilot.press("n")
        await pilot.pause()

        # 4. Hot seat 2 (Chen): a decision.
        assert live.live.speaker() == chen
        clock.advance(600)
        message = await capture(pilot, typer, "d: Chen will talk to three founders who raised in 2025 before deciding")
        assert "decision" in message
        await pilot.press("n")
        await pilot.pause()

        # 5. Asks and offers: an ask, an offer on it, and a forum-only note.
        assert live.live.item.kind == ItemKind.ASKS_OFFERS
        await capture(pilot, typer, "a: Ben intro to a head of procurement at a mid-size hospital")
        message = await capture(pilot, typer, "o: Farah -> Ben Maria Costa at St Luke's")
        assert "Farah Khan offers" in message
        await capture(pilot, typer, "n!: Ben is worried about cash until the pilot pays")
        assert "Maria Costa at St Luke's" in shown(live, "#panel-body")
        clock.advance(480)
        await pilot.press("n")
        await pilot.pause()

        # 6. Commitments, one of them for Greg, who is absent.
        assert live.live.item.kind == ItemKind.COMMITMENTS
        await capture(pilot, typer, "c: Ana introduce Chen to two angel investors in healthtech")
        await capture(pilot, typer, "c: Greg send the draft partnership agreement to Eli")
        panel = shown(live, "#panel-body")
        assert "Greg Novak (absent)" in panel and "send the draft partnership agreement to Eli" in panel
        clock.advance(300)
        await pilot.press("n")
        await pilot.pause()

        # 7. Close: ratings, plus and delta, then end the meeting.
        assert live.live.item.kind == ItemKind.CLOSE
        await pilot.click("#ratings")
        await typer(pilot, "8 9 7")
        await pilot.press("enter")
        await pilot.pause()
        assert "average 8.0" in shown(live, "#capture-message")
        await pilot.click("#plus")
        await typer(pilot, "the hot seat format")
        await pilot.press("enter")
        await pilot.click("#delta")
        await typer(pilot, "start on time")
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(240)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")  # closing asks once
        await pilot.pause()

        from tui.screens.summary import SummaryScreen

        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary screen")
        minutes = shown(app.screen, "#summary-body")
        assert "Ines Duarte" in minutes
        assert "Ben is worried about cash" not in minutes  # forum-only never reaches the minutes

    # What is stored, read by a separate reader.
    reader = Store(store.root, writer=False)
    (meeting,) = [m for m in reader.meetings("founders-circle")[0] if m.number == 4]
    assert meeting.status == MeetingStatus.CLOSED
    assert meeting.ended_at == clock.now()
    presence = {a.member_id: a.presence for a in meeting.attendance}
    assert presence[dana] == Presence.LATE and presence[greg] == Presence.ABSENT
    assert sum(p == Presence.PRESENT for p in presence.values()) == 5
    (guest,) = meeting.guests
    assert (guest.name, guest.invited_by, guest.email) == ("Ines Duarte", ana, "ines@example.com")
    assert meeting.hot_seats == [ana, chen]

    reviews = {r.target_id: (r.target, r.outcome) for r in meeting.reviews}
    assert reviews == {
        **{cid: ("commitment", outcome) for cid, outcome in targets.items()},
        fulfilled_ask.id: ("ask", "fulfilled"),
    }

    owners = sorted((c.owner, c.text) for c in meeting.commitments)
    assert owners == sorted([
        (ana, "talk to three restaurant group operators"),
        (ana, "introduce Chen to two angel investors in healthtech"),
        (greg, "send the draft partnership agreement to Eli"),
    ])
    hot_seat_commitment = next(c for c in meeting.commitments if c.text.startswith("talk to three"))
    assert hot_seat_commitment.due == date(2026, 11, 20)
    greg_commitment = next(c for c in meeting.commitments if c.owner == greg)
    assert greg_commitment.due == meeting.next_date == date(2026, 11, 10) + timedelta(days=14)

    (ask,) = meeting.asks
    assert ask.owner == ben and "head of procurement" in ask.text
    (offer,) = meeting.offers
    assert (offer.ask_id, offer.by, offer.text) == (ask.id, farah, "Maria Costa at St Luke's")

    kinds = {(n.kind, n.visibility) for n in meeting.notes}
    assert kinds == {(NoteKind.DECISION, Visibility.SHAREABLE), (NoteKind.NOTE, Visibility.FORUM)}
    forum = next(n for n in meeting.notes if n.visibility == Visibility.FORUM)
    assert forum.text == "Ben is worried about cash until the pilot pays"
    assert forum.item_id == meeting.items[4].id

    assert sorted(r.score for r in meeting.ratings) == [7, 8, 9]
    assert meeting.plus == ["the hot seat format"] and meeting.delta == ["start on time"]

    # Elapsed per item: exactly what the clock was moved by while each item was current.
    assert [it.elapsed for it in meeting.items] == [420, 540, 900, 600, 480, 300, 240]
    assert all(it.state.value == "done" for it in meeting.items)
    assert meeting.ended_at - meeting.started_at == timedelta(seconds=420 + 540 + 900 + 600 + 480 + 300 + 240)


async def test_capture_with_an_unknown_name_says_so_and_keeps_the_text(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("slash")
        await typer(pilot, "c: Zed send the deck by Fri")
        await pilot.press("enter")
        await pilot.pause()
        line = live.query_one("#capture-line", Input)
        assert line.value == "c: Zed send the deck by Fri"
        assert app.focused is line
        message = shown(live, "#capture-message")
        assert "Zed" in message and not message.startswith("Saved")
        assert stored_live(sample_store).commitments == []


async def test_capture_line_letters_are_text_not_commands(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("slash")
        typed = "n: nkbx ]] [ + - ? C A space"
        await typer(pilot, typed)
        await pilot.pause()
        assert live.query_one("#capture-line", Input).value == typed
        assert app.screen is live  # `?` did not open help, `x` did not jump to the close
        stored = stored_live(sample_store)
        assert stored.current == 0 and stored.items[0].speaker_index == 0
        assert stored.items[0].planned_minutes == 10 and stored.running_since is not None
        # Leaving the field gives the letters back to the screen.
        await pilot.press("escape", "n")
        await pilot.pause()
        assert stored_live(sample_store).current == 1


async def test_command_palette_offers_this_screens_actions(sample_store, fixed_clock, until, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        options = app.screen.query_one(OptionList)

        def offered() -> list[str]:
            # Each option reads "<description>\n<help>": keep the description.
            return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]

        # Before typing, the palette lists what this screen can do, and nothing from other screens.
        await until(pilot, lambda: {"Pause", "Capture", "Next speaker"} <= set(offered()), what="the live actions")
        assert not {"Start meeting", "Load samples", "Resume"} & set(offered())
        await typer(pilot, "next item")
        await until(pilot, lambda: offered()[:1] == ["Next item"], what="'Next item' first in the palette")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is live, what="the palette to close")
        await until(pilot, lambda: stored_live(sample_store).current == 1, what="the next item")


async def test_question_mark_opens_help_and_escape_closes_it(sample_store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Mastermind keys" in screen_text(app)
        # The keys of every screen are there: the quick-capture syntax comes last.
        await pilot.press("end")
        await pilot.pause()
        await wait_until(pilot, lambda: "Quick capture" in screen_text(app), what="help scrolled to its end")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live


async def test_resume_after_quitting_continues_where_the_meeting_was(sample_store, fixed_clock, screen_text):
    clock, root = fixed_clock, sample_store.root
    app = MastermindApp(sample_store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        clock.advance(90)
        await pilot.press("n")  # wins round done in 90 s
        await pilot.pause()
        clock.advance(100)
        await pilot.press("n")  # accountability done in 100 s
        await pilot.pause()
        clock.advance(200)
        await pilot.press("right_square_bracket", "right_square_bracket")  # hot seat: third phase
        await pilot.pause()
        clock.advance(45)
        await pilot.press("ctrl+q")
        await pilot.pause()
    sample_store.close()  # the process is gone: its lock with it

    before = Store(root, writer=False).unfinished("founders-circle")[0]
    assert (before.current, before.items[2].phase_index) == (2, 2)
    assert before.items[2].elapsed == 200  # the 45 s after the last action are in running_since
    clock.advance(30)  # the app is down for 30 s while the room keeps talking

    with Store(root) as store:
        app = MastermindApp(store, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen)
            assert "meeting 4 unfinished" in screen_text(app)
            await pilot.press("r")
            await pilot.pause()
            live = app.screen
            assert isinstance(live, LiveScreen) and live.live is not None
            assert live.meeting.current == 2
            assert live.live.item.title in shown(live, "#item-title")
            assert live.live.item.speaker_index == 0 and live.live.phase() == "experience sharing"
            assert live.live.item_elapsed() == 200 + 45 + 30
            assert live.live.item_elapsed(0) == 90 and live.live.item_elapsed(1) == 100
            assert "15:25 left" in shown(live, "#item-clock")  # 20 min planned, 4:35 spent
            clock.advance(15)
            await pilot.press("right_square_bracket")
            await pilot.pause()

    after = Store(root, writer=False).unfinished("founders-circle")[0]
    assert after.items[2].phase_index == 3
    assert after.items[2].elapsed == 200 + 45 + 30 + 15
    assert after.started_at == before.started_at


async def test_resume_gives_the_floor_back_to_the_same_speaker(sample_store, fixed_clock, screen_text):
    clock, root = fixed_clock, sample_store.root
    app = MastermindApp(sample_store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        for _ in range(2):
            clock.advance(50)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        clock.advance(20)
        await pilot.press("ctrl+q")
        await pilot.pause()
    sample_store.close()

    with Store(root) as store:
        app = MastermindApp(store, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            live = app.screen
            assert isinstance(live, LiveScreen) and live.live is not None
            assert live.meeting.current == 0 and live.live.item.speaker_index == 2
            assert "Floor: Chen Wei   0:20 of 1:00  (3 of 7)" in shown(live, "#speaker")
            assert live.live.item_elapsed() == 120


async def test_ending_a_meeting_when_no_backup_can_be_made_still_shows_the_minutes(
    sample_store, fixed_clock, monkeypatch
):
    import errno
    import os
    from pathlib import Path

    from tui.screens.summary import SummaryScreen

    real_open = os.open

    def no_room_for_backups(path, *args, **kwargs):
        if "backups" in Path(path).parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await start_meeting(pilot)
        monkeypatch.setattr(os, "open", no_room_for_backups)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
        assert isinstance(app.screen, SummaryScreen)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "the meeting is saved" in warnings[0].message
        assert "No space left on device" in warnings[0].message
    (meeting,) = Store(sample_store.root, writer=False).history("founders-circle")[-1:]
    assert meeting.status == MeetingStatus.CLOSED


# --------------------------------------------------------------------------- at 80x24

SMALL = (80, 24)


async def start_with_template(pilot, template: str) -> LiveScreen:
    """Start a meeting of Founders Circle on another bundled template."""
    from textual.widgets import Select

    setup = await open_setup(pilot)
    setup.query_one("#template", Select).value = template
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveScreen)
    return pilot.app.screen


def in_view(live: LiveScreen, widget) -> bool:
    """Whether the widget is whole inside the visible part of the item's panel."""
    region = widget.region
    return bool(region.area) and live.query_one("#kind-panel").region.contains_region(region)


async def test_x_puts_the_cursor_in_the_ratings_so_they_can_be_typed_at_once(sample_store, fixed_clock):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        # The jump and the scores in one go, as a facilitator types them.
        await pilot.press("x", *"8 9 7", "enter")
        await pilot.pause()
        assert live.live.item.kind == ItemKind.CLOSE
        assert app.focused is live.query_one("#ratings", Input)
        assert in_view(live, app.focused)
    assert sorted(r.score for r in stored_live(sample_store).ratings) == [7, 8, 9]


async def test_the_close_at_80x24_is_done_by_keyboard_alone_each_field_in_view(sample_store, fixed_clock, until, typer):
    ana = member_id(sample_store, "Ana")
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("x")
        await pilot.pause()
        walked: list[str] = []

        async def step(expected: str) -> None:
            if walked:
                await pilot.press("tab")
                await pilot.pause()
            walked.append(app.focused.id)
            assert app.focused.id == expected, walked
            # The field and its label are on screen, even where the panel had to scroll.
            assert in_view(live, app.focused), expected
            row = app.focused.parent
            if row is not live.query_one("#close-panel"):
                assert in_view(live, row.query_one("Label")), f"label of {expected}"

        await step("ratings")
        await typer(pilot, "8 9")
        await pilot.press("enter")
        await step("plus")
        await typer(pilot, "the hot seat format")
        await pilot.press("enter")
        await step("delta")
        await typer(pilot, "start on time")
        await pilot.press("enter")
        await step("goals-served")
        goals = live.query_one("#goals-served")
        first_goal = goals.get_option_at_index(0).value
        was_served = first_goal in goals.selected
        await pilot.press("space")
        await step("next-date")
        await pilot.press("ctrl+u")
        await typer(pilot, "2026-12-01")
        await pilot.press("enter")
        await step("next-seats")
        await pilot.press("space")  # the first member listed: Ana
        await step("close-meeting")
        saved = stored_live(sample_store)
        assert sorted(r.score for r in saved.ratings) == [8, 9]
        assert saved.plus == ["the hot seat format"] and saved.delta == ["start on time"]
        assert (first_goal in saved.goals_served) is not was_served
        assert saved.next_date == date(2026, 12, 1) and saved.next_hot_seats == [ana]
        # What was saved stays in sight once the fields have cleared.
        assert "Plus: the hot seat format" in shown(live, "#close-saved")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmClose", what="closing asks once")
        await pilot.press("y")

        from tui.screens.summary import SummaryScreen

        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the minutes")
    (meeting,) = Store(sample_store.root, writer=False).history("founders-circle")[-1:]
    assert meeting.status == MeetingStatus.CLOSED and meeting.next_hot_seats == [ana]


# What the footer must offer at 80 columns on each kind of item, as the terminal shows it.
FOOTER_AT_80 = {
    ItemKind.ROUND: ["] Next speaker", "n Next item", "space Pause", "/ Capture"],
    ItemKind.ACCOUNTABILITY: ["d Done", "p Partial", "m Missed", "c Carried", "del Dropped", "n Next item"],
    ItemKind.HOT_SEAT: ["] Next phase", "n Next item", "/ Capture"],
    ItemKind.ASKS_OFFERS: ["/ Capture", "A Ask", "O Offer", "n Next item"],
    ItemKind.COMMITMENTS: ["/ Capture", "C Commitment", "n Next item"],
    ItemKind.DISCUSSION: ["/ Capture", "D Decision", "N Note", "n Next item"],
    ItemKind.REVIEW: ["N Note", "D Decision", "/ Capture", "n Next item"],
    ItemKind.CLOSE: ["^e End meeting", "tab Next field", "esc Leave field"],
}
FOOTER_TEMPLATE = {ItemKind.DISCUSSION: "peer-forum", ItemKind.REVIEW: "purpose-review"}


@pytest.mark.parametrize("kind", list(FOOTER_AT_80), ids=[k.value for k in FOOTER_AT_80])
async def test_the_footer_at_80_columns_shows_the_keys_this_item_needs(sample_store, fixed_clock, screen_text, kind):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_with_template(pilot, FOOTER_TEMPLATE.get(kind, "classic-mastermind"))
        while live.live.item.kind != kind:
            await pilot.press("n")
            await pilot.pause()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in FOOTER_AT_80[kind]:
            assert f" {key} " in f" {footer} ", (key, footer)
        # Nothing spills under the palette key at the right edge.
        assert footer.rstrip().endswith("^p palette"), footer


async def test_every_key_of_the_live_screen_stays_in_the_palette(sample_store, fixed_clock, until):
    from tui.live import LiveScreen as Screen

    described = {b.description for b in Screen.BINDINGS if b.description}
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("x")  # the footer now shows the close item's keys only
        await pilot.pause()
        live.set_focus(None)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        options = app.screen.query_one(OptionList)

        def offered() -> set[str]:
            return {str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)}

        await until(pilot, lambda: described <= offered(), what=f"all of {sorted(described)}")
        assert {"Next item", "Skip", "Move item up", "Commitment", "Decision"} <= offered()


async def test_a_long_message_wraps_to_at_most_three_lines(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        message = live.query_one("#capture-message", Static)
        line = live.query_one("#capture-line", Input)
        assert message.region.height == 1
        before = line.region
        # A saved note is echoed whole: 100 characters take two lines at 80 columns.
        await capture(pilot, typer, "n: " + "a long note " * 9)
        assert message.region.height == 2
        # A page of text stops at three lines, and the capture line stays where it was.
        await capture(pilot, typer, "n: " + "the end of a very long note " * 40)
        assert message.region.height == 3 and line.region == before
        # A ratings error names what was typed, as long as it is.
        await pilot.press("x")
        name = "Zebediah Quartermaine-Fitzwilliam of the Northern Reaches"
        await typer(pilot, f"{name} 8")
        await pilot.press("enter")
        await pilot.pause()
        # (the resolver quotes 39 characters of it, then "…")
        assert f"no member called '{name[:39]}…'" in shown(live, "#capture-message")
        assert message.region.height <= 3
        live.say("Saved.")
        await pilot.pause()
        assert message.region.height == 1


# --------------------------------------------------------------------------- purpose review

QUESTIONS_ASKED = (
    "What is the value to you and to others?",
    "Are members succeeding?",
    "Are relationships intentional and mutual?",
    "Do members connect each other with people outside the group?",
)


def points_text(live: LiveScreen) -> dict[str, str]:
    """Each review point's text, by option id."""
    from tui.live import ReviewPoints

    points = live.query_one(ReviewPoints)
    return {
        option.id: str(option.prompt)
        for option in (points.get_option_at_index(i) for i in range(points.option_count))
        if option.id
    }


async def to_review(pilot, live: LiveScreen, title: str) -> None:
    while live.live.item.title != title:
        await pilot.press("n")
        await pilot.pause()


async def test_a_review_item_shows_the_purpose_the_goals_and_the_four_questions(sample_store, fixed_clock):
    group = sample_store.group("founders-circle")
    history = sample_store.history("founders-circle")
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_with_template(pilot, "purpose-review")
        await to_review(pilot, live, "How have we been successful?")
        assert app.focused is live.query_one("#review-points")
        points = points_text(live)
        assert group.purpose.statement in points["purpose"]
        for i, goal in enumerate(group.purpose.goals):
            served = sum(goal.id in m.goals_served for m in history)
            assert goal.title in points[f"goal-{i}"] and goal.success in points[f"goal-{i}"]
            assert f"Served {served} meeting" in points[f"goal-{i}"]
        for i, question in enumerate(QUESTIONS_ASKED):
            assert question in points[f"question-{i}"]
        # On the goals item the first goal is where notes go; on a question's item, that question.
        assert live.query_one("#review-points").highlighted_point() == "goal-0"
        await to_review(pilot, live, "Are members succeeding?")
        assert live.query_one("#review-points").highlighted_point() == "question-1"
        await to_review(pilot, live, "Connections beyond the group")
        assert live.query_one("#review-points").highlighted_point() == "question-3"


async def test_notes_and_decisions_go_under_the_highlighted_review_point(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_with_template(pilot, "purpose-review")
        await to_review(pilot, live, "Value, to you and to others")
        item_id = live.live.item.id
        assert live.query_one("#review-points").highlighted_point() == "question-0"

        # A decision through the form, on the second question.
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert "Decision on: Members succeeding" in shown(app.screen, ".form-title")
        await typer(pilot, "pair each newer member with a buddy")
        await pilot.press("ctrl+s")  # enter is a new line in a note
        await pilot.pause()
        assert app.screen is live

        # A note through the quick line, on the first question.
        await pilot.press("up")
        await pilot.pause()
        assert (await capture(pilot, typer, "n: two members say the group saved them a bad hire")).startswith("Saved:")

        # A decision through the quick line goes to the point too; a commitment does not.
        await pilot.press("down", "down")
        await pilot.pause()
        await capture(pilot, typer, "d: each member brings one guest a quarter")
        await capture(pilot, typer, "c: Ana write up the review by Fri")

        points = points_text(live)
        assert "pair each newer member with a buddy" in points["question-1"]
        assert "two members say the group saved them a bad hire" in points["question-0"]
        assert "each member brings one guest a quarter" in points["question-2"]
        assert "pair each newer member" not in points["question-0"]

    notes = {(n.kind, n.text) for n in stored_live(sample_store).notes if n.item_id == item_id}
    assert notes == {
        (NoteKind.DECISION, "Members succeeding: pair each newer member with a buddy"),
        (NoteKind.NOTE, "Value to you and to others: two members say the group saved them a bad hire"),
        (NoteKind.DECISION, "Relationships intentional and mutual: each member brings one guest a quarter"),
    }
    (commitment,) = stored_live(sample_store).commitments
    assert commitment.text == "write up the review"
