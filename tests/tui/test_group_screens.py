"""Between meetings: the facilitator of Harbour Founders rewrites the purpose, adds a goal,
welcomes, edits and retires members, reads the history, a member's ledger, the group's health
and the purpose review. Every change is checked on disk, through a second (read-only) store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, SelectionList, Static, TextArea

from meetings import clipboard
from meetings.models import Group
from meetings.store import Store, StoreError
from tests.tui.group_fixture import (
    SLUG,
    StillClock,
    hand_history,
    harbour_group,
    make_data,
    seeded_history,
    stored_group,
)
from tui.app import MastermindApp
from tui.screens.group import GroupScreen
from tui.screens.group_forms import ConfirmForm, GoalForm, MemberForm, RetireForm
from tui.screens.group_ledger import LedgerScreen
from tui.screens.group_review import PurposeReviewScreen, step_period
from tui.screens.home import HomeScreen
from tui.widgets.group_cells import cell, literal
from tui.widgets.group_health import HealthView, buckets


@pytest.fixture(autouse=True)
def _no_blinking_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs and text areas keep their cursor still, so what is on screen does not flicker."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture
def open_app(tmp_path: Path) -> Iterator[Callable[[list], tuple[MastermindApp, Path]]]:
    """``open_app(history)``: an app on a fresh data folder holding Harbour Founders."""
    stores: list[Store] = []

    def make(history: list, group: Group | None = None) -> tuple[MastermindApp, Path]:
        root = make_data(tmp_path / f"data{len(stores)}", history, group)
        store = Store(root)
        stores.append(store)
        return MastermindApp(store, clock=StillClock()), root

    yield make
    for store in stores:
        store.close()


async def open_group(app: MastermindApp, pilot: Pilot, until) -> GroupScreen:
    """From home, press g on the group and wait until its history and health are in."""
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("g")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GroupScreen)
    await until(pilot, lambda: screen.history is not None, what="the history")
    await until(pilot, lambda: screen.query_one(HealthView).health is not None, what="the health figures")
    await pilot.pause()
    return screen


def cell_text(table: DataTable, row: int, column: int) -> str:
    return table.get_row_at(row)[column].plain


def shown(widget: Static) -> str:
    return str(widget.render())


# --------------------------------------------------------------------------- purpose


async def test_new_purpose_statement_is_on_disk_once_saved(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        screen.query_one("#group-statement", TextArea).text = "Build companies that last; open doors beyond the group."
        screen.query_one("#group-agreed-on", Input).value = "2026-01-13"
        screen.query_one("#group-agreed-by", Input).value = "Everyone, at the January retreat"
        assert stored_group(root).purpose.statement != "Build companies that last; open doors beyond the group."
        await pilot.press("ctrl+s")
        await pilot.pause()
        purpose = stored_group(root).purpose
        assert purpose.statement == "Build companies that last; open doors beyond the group."
        assert purpose.agreed_on == date(2026, 1, 13)
        assert purpose.agreed_by == "Everyone, at the January retreat"
        # The goals were not touched by saving the text.
        assert [g.id for g in purpose.goals] == ["hard-calls", "follow-through", "open-doors"]


async def test_unreadable_agreement_date_is_explained_and_nothing_saved(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        screen.query_one("#group-statement", TextArea).text = "A new statement"
        screen.query_one("#group-agreed-on", Input).value = "14/01/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = screen.query_one("#group-purpose-error", Static)
        assert error.display
        assert "Agreed on" in shown(error)
        assert stored_group(root) == harbour_group()
        # What was typed is still there to be corrected.
        assert screen.query_one("#group-agreed-on", Input).value == "14/01/2026"
        assert screen.query_one("#group-statement", TextArea).text == "A new statement"


async def test_empty_statement_is_refused(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        screen.query_one("#group-statement", TextArea).text = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Purpose Statement" in shown(screen.query_one("#group-purpose-error", Static))
        assert stored_group(root).purpose.statement == harbour_group().purpose.statement


async def test_added_goal_is_stored_with_its_kinds(open_app, until, typer) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_group(app, pilot, until)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GoalForm)
        await typer(pilot, "Grow the circle")
        form.query_one("#group-goal-success", Input).value = "A guest every other meeting"
        form.query_one("#group-goal-kinds", SelectionList).select("round")
        form.query_one("#group-goal-kinds", SelectionList).select("review")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        goal = stored_group(root).purpose.goal("grow-the-circle")
        assert goal is not None
        assert goal.title == "Grow the circle"
        assert goal.success == "A guest every other meeting"
        assert [k.value for k in goal.kinds] == ["round", "review"]
        table = app.screen.query_one("#group-goals", DataTable)
        assert table.row_count == 4


async def test_edited_goal_keeps_its_id_and_removed_goal_is_gone(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        table = screen.query_one("#group-goals", DataTable)
        table.move_cursor(row=table.get_row_index("open-doors"))
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GoalForm)
        assert form.query_one("#group-goal-id", Input).disabled
        form.query_one("#group-goal-title", Input).value = "Open doors for founders outside"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_group(root).purpose.goal("open-doors").title == "Open doors for founders outside"
        table.move_cursor(row=table.get_row_index("hard-calls"))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmForm)
        await pilot.press("y")
        await pilot.pause()
        assert [g.id for g in stored_group(root).purpose.goals] == ["follow-through", "open-doors"]


async def test_duplicate_goal_id_is_refused_inline(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_group(app, pilot, until)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#group-goal-title", Input).value = "Hard calls again"
        form.query_one("#group-goal-id", Input).value = "hard-calls"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "goal ids must be unique" in shown(form.query_one("#group-form-error", Static))
        assert len(stored_group(root).purpose.goals) == 3


# --------------------------------------------------------------------------- members


async def test_member_added_edited_and_retired_is_stored_each_time(open_app, until, typer) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MemberForm)
        await typer(pilot, "Farah Khan")
        form.query_one("#group-member-email", Input).value = "farah@example.com"
        form.query_one("#group-member-company", Input).value = "Kindred Care"
        form.query_one("#group-member-sector", Input).value = "Healthcare staffing"
        form.query_one("#group-member-role", Input).value = "Founder"
        form.query_one("#group-member-objectives", TextArea).text = "Hire 40 carers without an agency."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        farah = next(m for m in stored_group(root).members if m.name == "Farah Khan")
        assert (farah.email, farah.company, farah.sector, farah.role) == (
            "farah@example.com", "Kindred Care", "Healthcare staffing", "Founder",
        )
        assert farah.objectives == "Hire 40 carers without an agency."
        assert farah.joined == date(2026, 11, 3)  # the app's clock, not the machine's
        assert farah.active

        table = screen.query_one("#group-member-table", DataTable)
        assert table.get_row_index(farah.id) is not None
        table.move_cursor(row=table.get_row_index(farah.id))
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MemberForm)
        assert form.query_one("#group-member-name", Input).value == "Farah Khan"
        form.query_one("#group-member-company", Input).value = "Kindred Care Ltd"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_group(root).member(farah.id).company == "Kindred Care Ltd"

        table.move_cursor(row=table.get_row_index(farah.id))
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RetireForm)
        assert form.query_one("#group-retire-left", Input).value == "2026-11-03"
        form.query_one("#group-retire-left", Input).value = "2026-11-30"
        form.query_one("#group-retire-left", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        retired = stored_group(root).member(farah.id)
        assert retired.left == date(2026, 11, 30)
        assert not retired.active
        row = table.get_row_index(farah.id)
        assert cell_text(table, row, 3) == "left 2026-11-30"
        # Retired members are listed after the active ones.
        assert row == table.row_count - 1 or cell_text(table, row + 1, 3).startswith("left")


async def test_retired_member_can_be_brought_back(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        table = screen.query_one("#group-member-table", DataTable)
        table.move_cursor(row=table.get_row_index("greg"))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmForm)
        await pilot.press("y")
        await pilot.pause()
        assert stored_group(root).member("greg").active


async def test_bad_email_shows_the_message_keeps_the_typing_and_stores_nothing(open_app, until, typer) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_group(app, pilot, until)
        await pilot.press("2")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MemberForm)
        await typer(pilot, "Ines Duarte")
        form.query_one("#group-member-email", Input).value = "ines-at-example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#group-form-error", Static)
        assert error.display
        assert "Email: not an email address" in shown(error)
        assert form.query_one("#group-member-name", Input).value == "Ines Duarte"
        assert form.query_one("#group-member-email", Input).value == "ines-at-example"
        assert stored_group(root) == harbour_group()
        # Corrected, it goes through.
        form.query_one("#group-member-email", Input).value = "ines@example.com"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(m.email == "ines@example.com" for m in stored_group(root).members)


async def test_leaving_before_joining_is_refused(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        table = screen.query_one("#group-member-table", DataTable)
        table.move_cursor(row=table.get_row_index("eli"))
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        form.query_one("#group-retire-left", Input).value = "2024-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "joined on 2024-09-10" in shown(form.query_one("#group-form-error", Static))
        assert stored_group(root).member("eli").active


async def test_markup_in_names_shows_literally_and_keys_do_not_quit(open_app, until, typer, screen_text) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#group-member-name", Input).value = "[@click=app.quit]"
        form.query_one("#group-member-company", Input).value = "[bold]x[/]"
        form.query_one("#group-member-objectives", TextArea).text = "[red]everything[/red] \x1b[31mred"
        await pilot.press("ctrl+s")
        await pilot.pause()
        odd = next(m for m in stored_group(root).members if m.name == "[@click=app.quit]")
        assert odd.company == "[bold]x[/]"
        table = screen.query_one("#group-member-table", DataTable)
        table.move_cursor(row=table.get_row_index(odd.id))
        table.focus()
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]" in text
        assert "[bold]x[/]" in text
        assert "[red]everything[/red]" in text
        assert "\x1b" not in text and "␛[31mred" in text
        # Clicks on the name, keys, and the forms they open: the app keeps running.
        await pilot.click("#group-member-table", offset=(3, 1 + table.get_row_index(odd.id)))
        await pilot.pause()
        if app.screen is not screen:
            await pilot.press("escape")  # a second click on the row opened the edit form
            await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm)
        assert app.screen.query_one("#group-member-name", Input).value == "[@click=app.quit]"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("l")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LedgerScreen)
        assert "[@click=app.quit]" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
        assert app.return_code is None


async def test_group_name_with_markup_is_a_literal_title(open_app, until, screen_text) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("3")
        screen.query_one("#group-name", Input).value = "[b]Harbour[/b] [@click=app.quit]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_group(root).name == "[b]Harbour[/b] [@click=app.quit]"
        assert "[b]Harbour[/b] [@click=app.quit]" in screen_text(app)
        assert app.is_running


async def test_settings_are_validated_and_saved(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("3")
        screen.query_one("#group-minutes", Input).value = "ninety"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Meeting minutes" in shown(screen.query_one("#group-settings-error", Static))
        assert stored_group(root).meeting_minutes == 90
        screen.query_one("#group-minutes", Input).value = "120"
        screen.query_one("#group-start", Input).value = "9:30"
        from textual.widgets import Select

        screen.query_one("#group-cadence", Select).value = "monthly"
        screen.query_one("#group-confidentiality", Select).value = "forum"
        screen.query_one("#group-template", Select).value = "hot-seat-intensive"
        await pilot.press("ctrl+s")
        await pilot.pause()
        group = stored_group(root)
        assert group.meeting_minutes == 120
        assert group.start_time.strftime("%H:%M") == "09:30"
        assert group.cadence.value == "monthly"
        assert group.confidentiality.value == "forum"
        assert group.default_template == "hot-seat-intensive"
        assert not screen.query_one("#group-settings-error", Static).display


async def test_store_error_is_shown_not_raised(open_app, until, monkeypatch) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_group(app, pilot, until)

        def disk_full(group: Group) -> None:
            raise StoreError("/data/groups/harbour-founders.json: could not save (No space left on device)")

        monkeypatch.setattr(app.store, "save_group", disk_full)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#group-goal-title", Input).value = "Grow the circle"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "No space left on device" in shown(form.query_one("#group-form-error", Static))
        assert app.is_running
        assert stored_group(root) == harbour_group()


async def test_unsaved_purpose_warns_once_before_leaving(open_app, until) -> None:
    app, root = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        screen.query_one("#group-statement", TextArea).text = "Not saved yet"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert stored_group(root).purpose.statement == harbour_group().purpose.statement


# --------------------------------------------------------------------------- history


async def test_history_lists_newest_first_and_enter_opens_the_minutes(open_app, until) -> None:
    history = seeded_history(harbour_group(), 12)
    app, _ = open_app(history)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("4")
        await pilot.pause()
        table = screen.query_one("#group-history-table", DataTable)
        assert table.row_count == 12
        numbers = [int(cell_text(table, row, 0)) for row in range(table.row_count)]
        assert numbers == sorted((m.number for m in history), reverse=True)
        newest = history[-1]
        in_room = sum(1 for a in newest.attendance if a.presence.value != "absent")
        assert cell_text(table, 0, 2) == f"{in_room}/{len(newest.attendance)}"
        assert cell_text(table, 0, 3) == f"{newest.rating_average:.1f}"
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("enter")
        from tui.screens.summary import SummaryScreen

        # The meetings are read from disk in a worker (the group screen holds only figures).
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the minutes")
        assert app.screen.meeting.id == history[-3].id
        assert [m.id for m in app.screen.earlier] == [m.id for m in history[:-3]]


async def test_the_group_screen_keeps_figures_of_the_history_not_the_meetings(open_app, until) -> None:
    import gc

    from meetings.insights import HistoryFigures

    app, _ = open_app(seeded_history(harbour_group(), 12))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        assert isinstance(screen.history, HistoryFigures) and len(screen.history) == 12
        await pilot.press("5")
        await app.workers.wait_for_complete()
        gc.collect()
        # Every meeting read for the figures has been let go: the store's cache holds none alive
        # (an entry leaves the cache when its meeting is freed).
        assert not [ref() for _, ref in app.store._cache.values() if ref() is not None]


async def test_the_minutes_and_the_review_let_their_meetings_go_when_closed(open_app, until) -> None:
    import gc

    from tui.screens.summary import SummaryScreen

    def alive() -> int:
        return sum(1 for _, ref in app.store._cache.values() if ref() is not None)

    app, _ = open_app(seeded_history(harbour_group(), 12))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("4")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the minutes")
        assert alive() == 12  # the newest meeting's minutes and the eleven before
        await pilot.press("escape")
        await pilot.press("R")
        review = app.screen
        assert isinstance(review, PurposeReviewScreen)
        await until(pilot, lambda: review.report is not None, what="the review")
        assert alive() == 12
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        gc.collect()
        assert alive() == 0


async def test_empty_history_says_so(open_app, until) -> None:
    app, _ = open_app([])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("4")
        await pilot.pause()
        assert "No meetings yet" in shown(screen.query_one("#group-history-status", Static))
        assert screen.query_one("#group-history-table", DataTable).row_count == 0


# --------------------------------------------------------------------------- ledger


async def test_ledger_shows_carried_commitment_hint_asks_and_balance(open_app, until, screen_text) -> None:
    app, _ = open_app(hand_history())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        table = screen.query_one("#group-member-table", DataTable)
        table.move_cursor(row=table.get_row_index("ana"))
        await pilot.press("l")
        await pilot.pause()
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        await until(pilot, lambda: ledger.ledger is not None, what="Ana's ledger")
        await pilot.pause()
        summary = shown(ledger.query_one("#ledger-summary", Static))
        assert "2 made: 1 done" in summary
        assert "1 still open" in summary
        assert "Streak: 1 done in a row" in summary
        assert "hire a part-time bookkeeper" in summary and "carried 2 times" in summary
        assert "0 offers given, 1 received (balance -1)" in summary
        assert "Helped by: Ben Okafor" in summary
        assert "Hot seats 1, last on Tue 16 Jun 2026" in summary
        commitments = ledger.query_one("#ledger-commitment-table", DataTable)
        rows = {commitments.get_row_at(i)[1].plain: commitments.get_row_at(i) for i in range(commitments.row_count)}
        assert rows["hire a part-time bookkeeper"][2].plain == "carried ⚠"
        assert rows["hire a part-time bookkeeper"][3].plain == "2×"
        assert rows["send the pricing survey to 20 customers"][2].plain == "done"
        await pilot.press("a")
        await pilot.pause()
        asks = ledger.query_one("#ledger-ask-table", DataTable)
        assert asks.get_row_at(0)[2].plain == "introduced"
        assert asks.get_row_at(0)[3].plain == "Ben Okafor"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_ledger_of_the_one_who_gave_shows_the_introduction(open_app, until) -> None:
    app, _ = open_app(hand_history())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        table = screen.query_one("#group-member-table", DataTable)
        table.move_cursor(row=table.get_row_index("ben"))
        await pilot.press("l")
        await pilot.pause()
        ledger = app.screen
        await until(pilot, lambda: ledger.ledger is not None, what="Ben's ledger")
        await pilot.pause()
        summary = shown(ledger.query_one("#ledger-summary", Static))
        assert "0 made" in summary  # Ben made no commitments
        assert "1 offer given, 0 received (balance +1); 1 introduction offered, 1 made" in summary
        assert "Helped: Ana Souza" in summary
        assert "100% of 7 meetings (6 present, 1 late, 0 substitute, 0 absent)" in summary


# --------------------------------------------------------------------------- health


async def test_health_warns_of_no_new_faces_and_unserved_goals(open_app, until) -> None:
    app, _ = open_app(hand_history())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("5")
        await pilot.pause()
        health = screen.query_one(HealthView)
        faces = shown(health.query_one("#health-faces", Static))
        assert "No new face for 7 meetings" in faces
        assert "Guests: 0 visits by 0 people (0 returning), at 0 of 7 meetings" in faces
        coverage = shown(health.query_one("#health-coverage", Static))
        assert "Served by no meeting: Better decisions on hard calls, Open doors outside the group" in coverage
        assert "served by 7 of 7 meetings (100%)" in coverage
        # No commitment of this history names a goal.
        assert "No commitment made for: Better decisions on hard calls, Do what we said we would" in coverage
        seats = shown(health.query_one("#health-hot-seats", Static)).splitlines()
        # Those who never had the hot seat wait longest; Ana (had it at meeting 2) comes last.
        assert seats[0].startswith("Ben Okafor") and "never" in seats[0]
        assert seats[-1].startswith("Ana Souza") and "5 meetings ago" in seats[-1]
        rating = shown(health.query_one("#health-rating .health-figures", Static))
        assert rating == "last 8.5  avg 8.5"
        attendance = shown(health.query_one("#health-attendance .health-figures", Static))
        assert attendance == "last 100%  avg 97%"  # 34 of 35 places: Chen missed meeting 2
        sectors = shown(health.query_one("#health-sectors", Static))
        assert "5 sectors among 5 active members" in sectors


async def test_health_follows_a_member_edit(open_app, until) -> None:
    app, root = open_app(hand_history())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_group(app, pilot, until)
        await pilot.press("2")
        table = screen.query_one("#group-member-table", DataTable)
        table.move_cursor(row=table.get_row_index("eli"))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#group-member-sector", Input).value = "Software"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        sectors = shown(screen.query_one("#health-sectors", Static))
        assert "4 sectors among 5 active members" in sectors
        assert stored_group(root).member("eli").sector == "Software"


def test_trend_buckets_average_long_histories() -> None:
    assert buckets([1.0, 2.0, 3.0], count=5) == [1.0, 2.0, 3.0]
    assert buckets([1.0, 3.0, 5.0, 7.0], count=2) == [2.0, 6.0]
    assert len(buckets([0.5] * 520)) == 36


# --------------------------------------------------------------------------- purpose review


async def test_purpose_review_moves_between_periods_and_copies(open_app, until, monkeypatch) -> None:
    monkeypatch.setattr(clipboard, "system_copy", lambda text: (False, "no clipboard in this test"))
    app, root = open_app(seeded_history(harbour_group(), 30))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_group(app, pilot, until)
        await pilot.press("R")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, PurposeReviewScreen)

        async def report_for(period: str | None) -> str:
            await until(pilot, lambda: review.report is not None and review.period == period, what=f"the {period} report")
            await app.workers.wait_for_complete()
            await pilot.pause()
            return shown(review.query_one("#review-body", Static))

        body = await report_for(None)
        assert body.startswith("Harbour Founders: purpose review, the last 12 months")
        assert "HOW HAVE WE BEEN SUCCESSFUL?" in body
        await pilot.press("y")
        assert (await report_for("2026")).startswith("Harbour Founders: purpose review, 2026")
        await pilot.press("left_square_bracket")
        assert "1 Jan 2025 to 31 Dec 2025" in await report_for("2025")
        await pilot.press("q")  # from a past year: its last quarter
        assert (await report_for("2025-Q4")).startswith("Harbour Founders: purpose review, 2025-Q4")
        await pilot.press("right_square_bracket")
        assert (await report_for("2026-Q1")).startswith("Harbour Founders: purpose review, 2026-Q1")
        await pilot.press("f")
        await pilot.pause()
        assert shown(review.query_one("#review-body", Static)).startswith("# Harbour Founders: purpose review, 2026-Q1")
        await pilot.press("c")
        await app.workers.wait_for_complete()
        saved = root / "minutes" / f"{SLUG}-purpose-review-2026-q1.md"
        assert saved.read_text(encoding="utf-8").startswith("# Harbour Founders: purpose review, 2026-Q1")

        await pilot.press("p")
        await pilot.press("ctrl+u")
        for key in "20x6":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        error = review.query_one("#review-error", Static)
        assert error.display and "'20x6' is not a period" in shown(error)
        assert review.period == "2026-Q1"  # the report shown is still the last good one


def test_period_steps_by_year_and_quarter() -> None:
    today = date(2026, 11, 3)
    assert step_period("2026", -1, today) == "2025"
    assert step_period("2026-Q1", -1, today) == "2025-Q4"
    assert step_period("2025-Q4", 1, today) == "2026-Q1"
    assert step_period(None, -1, today) == "2025"
    assert step_period(None, 1, today) == "2026"


def test_cells_show_control_characters_and_cut_long_text() -> None:
    assert literal("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert literal("two\nlines", one_line=True) == "two lines"
    long = cell("x" * 10_000, width=12)
    assert long.plain == "x" * 11 + "…"
