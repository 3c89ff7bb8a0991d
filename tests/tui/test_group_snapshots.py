"""What the group screens look like at 80x24 and 120x36: the purpose tab, a member form, the
history, a member's ledger and the group's health, on 30 seeded meetings of Harbour Founders.

Everything on screen is fixed: the group and its ids, the seed, the app's clock. Update with
``pytest tests/tui/test_group_snapshots.py --snapshot-update`` and look at the SVGs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from meetings.store import Store
from tests.tui.group_fixture import StillClock, harbour_group, make_data, seeded_history
from tui.app import MastermindApp
from tui.screens.group import GroupScreen
from tui.screens.group_ledger import LedgerScreen
from tui.widgets.group_health import HealthView

SIZES = [(80, 24), (120, 36)]


@pytest.fixture(autouse=True)
def _no_blinking_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot taken mid-blink would differ from run to run."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[MastermindApp]:
    root = make_data(tmp_path / "data", seeded_history(harbour_group(), 30))
    with Store(root) as store:
        yield MastermindApp(store, clock=StillClock())


def opened(until: Callable[..., Awaitable[None]], *keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before: open the group from home, wait for its figures, then press ``keys``."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupScreen)
        await until(pilot, lambda: screen.history is not None, what="the history")
        await until(pilot, lambda: screen.query_one(HealthView).health is not None, what="the health figures")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        if isinstance(app.screen, LedgerScreen):
            ledger = app.screen
            await until(pilot, lambda: ledger.ledger is not None, what="the ledger")
        await pilot.pause()

    return run_before


def test_purpose_tab_80x24(snap_compare, app, until) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened(until))


def test_member_form_80x24(snap_compare, app, until) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened(until, "2", "e"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_history(snap_compare, app, until, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=opened(until, "4"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_member_ledger(snap_compare, app, until, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=opened(until, "2", "l"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_health(snap_compare, app, until, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=opened(until, "5"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x36"])
def test_health_scrolled_to_coverage(snap_compare, app, until, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await opened(until, "5")(pilot)
        pilot.app.screen.query_one(HealthView).scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("table_id, tab", [("#group-history-table", "4"), ("#group-member-table", "2"), ("#group-goals", "1")])
async def test_tables_fit_80_columns(app, until, table_id, tab) -> None:
    """No column of a group table is pushed off an 80-column terminal."""
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(until, tab)(pilot)
        table = app.screen.query_one(table_id, DataTable)
        assert table.row_count > 0
        assert table.virtual_size.width <= table.scrollable_content_region.width
