"""The live meeting's forms keep what was typed until it is on disk; notes take line breaks; the
captured list acts on the highlighted row and asks before it deletes (and the delete is undoable).
"""

from __future__ import annotations

import errno
import os

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static, TextArea

from meetings import summary
from meetings.models import Meeting, NoteKind
from meetings.store import Store
from tui.app import MastermindApp
from tui.live import LiveScreen
from tui.screens.forms import CapturedList, CommitmentForm, ConfirmDelete, NoteForm
from tui.screens.home import HomeScreen

SMALL = (80, 24)


def shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


def stored(store: Store) -> Meeting:
    """The unfinished meeting as a separate reader finds it on disk."""
    (meeting,) = Store(store.root, writer=False).unfinished("founders-circle")
    return meeting


async def start_meeting(pilot) -> LiveScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("enter")  # setup
    await pilot.pause()
    await pilot.press("ctrl+s")  # start
    await pilot.pause()
    assert isinstance(pilot.app.screen, LiveScreen)
    return pilot.app.screen


async def capture(pilot, typer, line: str) -> None:
    await pilot.press("slash")
    await typer(pilot, line)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Durable writes fail at fsync, as on a disk that has just filled up (tests/unit/test_faults.py)."""

    def refuse(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", refuse)


# --------------------------------------------------------------------------- a failed save keeps the form


async def test_a_commitment_too_long_to_save_stays_in_its_form_with_what_was_typed(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("C")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CommitmentForm)
        typed = "call every customer " * 25 + "x"  # 501 characters: the model refuses it
        await typer(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "the form closed on a save that failed"
        assert form.query_one("#text", Input).value == typed
        assert "500" in shown(form, "#form-error")
        assert stored(sample_store).commitments == []

        # Shortened, it saves; the form closes and the screen says so.
        form.query_one("#text", Input).value = "call every customer this week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is live
        assert shown(live, "#capture-message").startswith("Saved: commitment")
        assert [c.text for c in stored(sample_store).commitments] == ["call every customer this week"]


async def test_a_note_that_cannot_be_written_to_disk_stays_in_its_form(sample_store, fixed_clock, typer, monkeypatch):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("N")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteForm)
        await typer(pilot, "we meet in person in January")
        disk_full(monkeypatch)
        await pilot.press("ctrl+s")
        await pilot.pause()
        monkeypatch.undo()
        assert app.screen is form
        assert "No space left on device" in shown(form, "#form-error")
        assert form.query_one("#text", TextArea).text == "we meet in person in January"
        assert stored(sample_store).notes == []

        # The disk has room again: the same ctrl+s saves what is still in the form.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is live
        assert shown(live, "#capture-message") == "Saved: note · we meet in person in January"
        assert [n.text for n in stored(sample_store).notes] == ["we meet in person in January"]


async def test_an_edit_that_cannot_be_saved_stays_in_its_form(sample_store, fixed_clock, typer, monkeypatch):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await capture(pilot, typer, "c: Ana send the survey by Fri")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # edit the highlighted (only) record
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CommitmentForm)
        field = form.query_one("#text", Input)
        field.value = ""
        field.focus()
        await typer(pilot, "send the survey to 40 customers")
        disk_full(monkeypatch)
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.undo()
        assert app.screen is form
        assert field.value == "send the survey to 40 customers"
        assert "No space left on device" in shown(form, "#form-error")
        assert [c.text for c in stored(sample_store).commitments] == ["send the survey"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is live and shown(live, "#capture-message") == "Commitment updated."
        assert [c.text for c in stored(sample_store).commitments] == ["send the survey to 40 customers"]


async def test_escape_still_cancels_a_form_and_saves_nothing(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("D")
        await pilot.pause()
        await typer(pilot, "not this")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live
        assert stored(sample_store).notes == []


# --------------------------------------------------------------------------- notes on several lines


async def test_a_note_takes_line_breaks_and_a_multi_line_paste_whole(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await pilot.press("D")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteForm)
        assert "ctrl+s" in str(form.query_one(".form-hint", Static).content)
        assert isinstance(app.focused, TextArea)
        await typer(pilot, "We move to Thursdays:")
        await pilot.press("enter")  # a new line, not a save
        await pilot.pause()
        assert app.screen is form
        # Pasted, three lines stay three lines of the same decision.
        paste = events.Paste("- from January\n- same time\n- same room")
        paste.set_sender(app)
        app._driver.send_message(paste)  # type: ignore[union-attr]
        await pilot.pause()
        assert app.screen is form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is live
        text = "We move to Thursdays:\n- from January\n- same time\n- same room"
        (decision,) = stored(sample_store).notes
        assert (decision.kind, decision.text) == (NoteKind.DECISION, text)

    # The minutes keep the lines of the decision.
    group = sample_store.group("founders-circle")
    minutes = summary.minutes_text(stored(sample_store), group, sample_store.history("founders-circle"))
    for line in text.splitlines():
        assert line in minutes


# --------------------------------------------------------------------------- the captured list


async def test_captured_list_opens_focused_and_deletes_the_highlighted_row_after_asking(sample_store, fixed_clock, typer):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        for line in ("c: Ana send the survey by Fri", "c: Ben call two investors", "n: the room is too warm"):
            await capture(pilot, typer, line)
        first, second, third = (r.id for r in [*live.meeting.commitments, *live.meeting.notes])

        await pilot.press("e")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, CapturedList)
        options = listing.query_one("#captured", OptionList)
        assert app.focused is options and options.highlighted == 0
        await pilot.press("down")
        await pilot.pause()
        assert options.highlighted == 1

        # Delete asks first, naming the highlighted row; n (or any key but y) keeps it.
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        question = shown(app.screen, "#delete-confirm")
        assert question.startswith("Delete commitment · Ben") and "call two investors" in question
        assert question.endswith("? y / n")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is listing
        assert len(stored(sample_store).commitments) == 2

        # Backspace asks too; y deletes the second record only.
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is live
        on_disk = stored(sample_store)
        assert [r.id for r in [*on_disk.commitments, *on_disk.notes]] == [first, third]
        assert shown(live, "#capture-message").startswith("Deleted: commitment · Ben")

        # One action like any other: u brings it back.
        await pilot.press("u")
        await pilot.pause()
        on_disk = stored(sample_store)
        assert [r.id for r in [*on_disk.commitments, *on_disk.notes]] == [first, second, third]

