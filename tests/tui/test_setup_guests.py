"""Setup keeps guests invited who did not come apart from those who came (`c` on the row)."""

from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from tests.conftest import wait_until
from tests.tui.test_meeting_flow import open_setup
from meetings.store import Store
from tui.app import MastermindApp
from tui.live import LiveScreen

SIZE = (120, 36)


async def test_a_guest_marked_as_not_come_is_kept_as_an_invitation(sample_store: Store, fixed_clock, typer, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        setup.query_one(TabbedContent).active = "tab-guests"
        await pilot.pause()
        for name in ("Ines Duarte", "Omar Aziz"):
            setup.query_one("#guest-name").focus()
            await typer(pilot, name)
            await pilot.press("enter")
            await pilot.pause()
        table = setup.query_one("#guests", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("c")
        await pilot.pause()
        assert [(g.name, g.came) for g in setup.guests] == [("Ines Duarte", True), ("Omar Aziz", False)]
        # The table repaints on a later refresh: wait for the row, rather than hope one pause is enough.
        await wait_until(pilot, lambda: "no, invited" in screen_text(app), what="the row to read 'no, invited'")
        await pilot.press("c")  # and back: a slip of the key is undone the same way
        await pilot.pause()
        assert [g.came for g in setup.guests] == [True, True]
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)

    (meeting,) = Store(sample_store.root, writer=False).unfinished("founders-circle")
    assert [(g.name, g.came) for g in meeting.guests] == [("Ines Duarte", True), ("Omar Aziz", False)]
    assert [g.name for g in meeting.visitors] == ["Ines Duarte"]
