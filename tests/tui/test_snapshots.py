"""SVG snapshots of every screen a facilitator sees in a meeting, at 80x24 and 120x36.

Deterministic by construction: the clock only moves when the test moves it, dates are fixed
(Tue 10 Nov 2026), the history is seeded, and the data folder holds nothing else. Update with
``python -m pytest tests/tui/test_snapshots.py --snapshot-update`` and look at what changed.
"""

from __future__ import annotations

import pytest
from textual.widgets import Select

from meetings.models import ItemKind
from tui.app import MastermindApp
from tui.screens.home import HomeScreen
from tui.live import LiveScreen
from tui.screens.setup import SetupScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]

# Which bundled template has each kind of item, and what to capture before the snapshot.
KIND_TEMPLATE = {
    ItemKind.ROUND: "classic-mastermind",
    ItemKind.ACCOUNTABILITY: "classic-mastermind",
    ItemKind.HOT_SEAT: "classic-mastermind",
    ItemKind.ASKS_OFFERS: "classic-mastermind",
    ItemKind.COMMITMENTS: "classic-mastermind",
    ItemKind.DISCUSSION: "peer-forum",
    ItemKind.REVIEW: "purpose-review",
    ItemKind.CLOSE: "classic-mastermind",
}
KIND_CAPTURES = {
    ItemKind.HOT_SEAT: ["d: Chen will talk to three founders who raised in 2025 first"],
    ItemKind.ASKS_OFFERS: [
        "a: Ben intro to a head of procurement at a mid-size hospital",
        "o: Farah -> Ben Maria Costa at St Luke's",
    ],
    ItemKind.COMMITMENTS: [
        "c: Ana introduce Chen to two angel investors by 2026-11-20",
        "c: Greg send the draft partnership agreement to Eli",
    ],
    ItemKind.DISCUSSION: ["n!: the group wants an in-person meeting in January"],
    # On the review, notes go under the highlighted point: the first goal.
    ItemKind.REVIEW: ["n: every member had a hot seat this year; two changed course"],
}


async def _setup(pilot, template: str | None = None) -> SetupScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    setup = pilot.app.screen
    assert isinstance(setup, SetupScreen)
    if template:
        setup.query_one("#template", Select).value = template
        await pilot.pause()
    return setup


async def _live_at(pilot, clock, typer, kind: ItemKind, *, over: int = 0) -> None:
    """Start a meeting and walk the agenda, five minutes an item, to the first item of ``kind``
    (the first item runs ``over`` seconds longer)."""
    setup = await _setup(pilot, KIND_TEMPLATE[kind])
    # Greg is away today: absent members show in panels and commitments.
    setup.query_one("#attendance").focus()
    await pilot.press(*["down"] * 6, "a")
    await pilot.press("ctrl+s")
    await pilot.pause()
    live = pilot.app.screen
    assert isinstance(live, LiveScreen) and live.live is not None
    while live.live.item.kind != kind:
        clock.advance(300 + (over if live.meeting.current == 0 else 0))
        await pilot.press("n")
        await pilot.pause()
    clock.advance(150)
    for line in KIND_CAPTURES.get(kind, []):
        await pilot.press("slash")
        await typer(pilot, line)
        await pilot.press("enter", "escape")
        await pilot.pause()
    if kind in (ItemKind.ROUND, ItemKind.HOT_SEAT):
        clock.advance(30)
        await pilot.press("right_square_bracket")
    if kind == ItemKind.ACCOUNTABILITY:
        await pilot.press("d", "down", "m", "down", "c")
    live.refresh_all()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_home_on_an_empty_data_folder_offers_the_samples(snap_compare, empty_store, fixed_clock, size):
    assert snap_compare(MastermindApp(empty_store, clock=fixed_clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_home_with_groups(snap_compare, sample_store, fixed_clock, size):
    # A second group with no meetings yet, beside one with history.
    from meetings.files import bundled_groups

    sample_store.save_group(next(g for g in bundled_groups() if g.slug == "riverside-referral"))
    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_setup_meeting_tab(snap_compare, sample_store, fixed_clock, size):
    async def run_before(pilot) -> None:
        await _setup(pilot)

    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_setup_attendance_tab(snap_compare, sample_store, fixed_clock, size):
    async def run_before(pilot) -> None:
        from textual.widgets import TabbedContent

        setup = await _setup(pilot)
        setup.query_one(TabbedContent).active = "tab-attendance"
        await pilot.pause()
        setup.query_one("#attendance").focus()
        await pilot.press("down", "down", "down", "l", "down", "down", "down", "a")

    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", list(ItemKind), ids=[k.value for k in ItemKind])
def test_live_item(snap_compare, sample_store, fixed_clock, typer, kind, size):
    async def run_before(pilot) -> None:
        await _live_at(pilot, fixed_clock, typer, kind)

    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_live_hot_seat_when_the_meeting_runs_over(snap_compare, sample_store, fixed_clock, typer, size):
    # The worst case at 80x24: a hot seat (presenter, phase, time left, protocol) under pacing
    # advice that takes two rows. Nothing of it is cut; the guidance gives way, ending in "…".
    async def run_before(pilot) -> None:
        await _live_at(pilot, fixed_clock, typer, ItemKind.HOT_SEAT, over=35 * 60)

    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=size, run_before=run_before)


def test_live_under_80x24_says_how_big_the_window_must_be(snap_compare, sample_store, fixed_clock, typer):
    async def run_before(pilot) -> None:
        await _live_at(pilot, fixed_clock, typer, ItemKind.ROUND)

    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=(70, 20), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_minutes_after_close(snap_compare, sample_store, fixed_clock, typer, size):
    async def run_before(pilot) -> None:
        await _live_at(pilot, fixed_clock, typer, ItemKind.CLOSE)
        await pilot.click("#ratings")
        await typer(pilot, "8 9 7")
        await pilot.press("enter")
        fixed_clock.advance(120)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")  # closing asks once
        await pilot.pause()

    assert snap_compare(MastermindApp(sample_store, clock=fixed_clock), terminal_size=size, run_before=run_before)

