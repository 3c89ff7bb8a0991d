"""Setup warns when picked presenters would not get the floor (more picks than hot-seat items,
or too many sharing one item), and says who."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TabbedContent

from meetings.models import Goal, Group, ItemKind, Member, Purpose, Template, TemplateItem
from meetings.store import Store
from tests.conftest import wait_until
from tests.tui.test_meeting_flow import open_setup
from tui.app import MastermindApp
from tui.screens.setup import hot_seat_warning

SIZE = (100, 30)


async def test_a_third_presenter_for_two_hot_seat_items_is_warned_about(sample_store: Store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        assert setup.hot_seat_items() == 2 and len(setup.hot_seats) == 2
        warning = setup.query_one("#hot-seat-warning", Static)
        assert not warning.display, "the suggested picks fit the agenda"

        setup.query_one(TabbedContent).active = "tab-attendance"
        await pilot.pause()
        table = setup.query_one("#attendance", DataTable)
        table.focus()
        members = setup.group.active_members
        row = next(i for i, m in enumerate(members) if m.id not in setup.hot_seats)
        third = members[row].name
        table.move_cursor(row=row)
        await pilot.press("h")
        await pilot.pause()
        assert len(setup.hot_seats) == 3
        await wait_until(pilot, lambda: "3 presenters for 2 hot-seat items" in screen_text(app), what="the warning")
        assert warning.display
        assert f"so {third} would not get the floor" in " ".join(screen_text(app).split())

        # The same key takes the pick back, and the warning goes.
        await pilot.press("h")
        await pilot.pause()
        await wait_until(pilot, lambda: not warning.display, what="the warning to go")
        assert "would not get the floor" not in screen_text(app)


def _group() -> Group:
    names = ["Ana Souza", "Ben Okafor", "[bold]Chen[/bold] Wei", "Dana Levi"]
    return Group(
        slug="tiny",
        name="Tiny",
        purpose=Purpose(statement="Keep each other honest.", goals=[Goal(id="grow", title="Grow")]),
        members=[Member(id=f"m{i}", name=n) for i, n in enumerate(names)],
    )


def _template(*seat_minutes: int) -> Template:
    items = [TemplateItem(title="Round", kind=ItemKind.ROUND, minutes=10)]
    items += [TemplateItem(title=f"Hot seat {i + 1}", kind=ItemKind.HOT_SEAT, minutes=m) for i, m in enumerate(seat_minutes)]
    return Template(slug="t", name="T", items=items)


def test_picks_beyond_the_hot_seat_items_are_named_literally():
    warning = hot_seat_warning(_group(), _template(20, 20), ["m0", "m1", "m2", "m3"])
    assert warning is not None
    assert warning.plain == (
        "4 presenters for 2 hot-seat items: one each, so [bold]Chen[/bold] Wei and Dana Levi would not "
        "get the floor. Unpick 2 presenters (h) or pick another template."
    )
    assert hot_seat_warning(_group(), _template(20, 20), ["m0", "m1"]) is None
    assert hot_seat_warning(_group(), _template(20, 20), ["m0"]) is None


def test_presenters_sharing_one_hot_seat_are_warned_when_each_gets_too_little():
    assert hot_seat_warning(_group(), _template(30), ["m0", "m1"]) is None  # 15 minutes each
    warning = hot_seat_warning(_group(), _template(30), ["m0", "m1", "m2", "m3"])
    assert warning is not None and warning.plain.startswith("4 presenters share one 30-minute hot seat: 7.5 minutes each")


def test_picks_with_no_hot_seat_item_at_all_are_warned():
    warning = hot_seat_warning(_group(), _template(), ["m1"])
    assert warning is not None and "Ben Okafor would not get the floor" in warning.plain
    assert hot_seat_warning(_group(), _template(), []) is None
