"""User text is data: names and notes that look like markup, links, click actions or terminal
escapes are shown as typed, and clicking on them does nothing."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from rich.cells import cell_len

from meetings.models import NAME_MAX, Group, ItemKind, NoteKind
from meetings.store import Store
from tui.app import MastermindApp
from tui.screens.home import HomeScreen
from tui.live import LiveScreen
from tui.screens.setup import SetupScreen
from tests.conftest import wait_until

SIZE = (160, 50)
GROUP_NAME = "[bold]Founders[/bold] [@click=app.quit]Circle[/]"
PURPOSE = "Help [link=x]each other[/link] grow \x1b[31mred\x1b[0m 🎉 and open doors"
NAMES = [
    "Ana [bold]Souza[/bold]",
    "Ben [@click=app.quit]Okafor[/]",
    "Chen [link=x]Wei[/link]",
    "Dana \x1b[31mLevi\x1b[0m",
    "Eli 🎉 Park 👩🏽‍💻",
    "فرح خان",
    "Greg " + "N" * (NAME_MAX - 5),
]
# What each name must look like on screen: every character but the escape byte itself.
VISIBLE = [name.replace("\x1b", "\u241b").replace("\x07", "\u2407") for name in NAMES]
CONTROL = ("\x1b", "\x07", "\x9b")


def hostile_group() -> Group:
    """Founders Circle with every name, the group's name and its purpose made hostile."""
    from meetings.files import bundled_groups

    data = next(g for g in bundled_groups() if g.slug == "founders-circle").model_dump()
    data["name"] = GROUP_NAME
    data["purpose"]["statement"] = PURPOSE
    data["hot_seat_protocol"] = "[@click=app.quit]Share[/] experience [bold]not[/bold] advice"
    for member, name in zip(data["members"], NAMES, strict=True):
        member["name"] = name
    return Group.model_validate(data)


@pytest.fixture
def hostile_store(tmp_path):
    store = Store(tmp_path / "data")
    store.save_group(hostile_group())
    yield store
    store.close()


def visible_text(text: str) -> str:
    """Text as the screen must show it: control characters as their visible pictures."""
    return text.replace("\x1b", "\u241b").replace("\x07", "\u2407")


def positions(text: str, needle: str) -> list[tuple[int, int]]:
    """Screen cells (x, y) where ``needle`` starts, counting wide characters as two cells."""
    found = []
    for y, line in enumerate(text.splitlines()):
        start = line.find(needle)
        while start != -1:
            found.append((cell_len(line[:start]) + len("[@click=") + 1, y))
            start = line.find(needle, start + 1)
    return found


async def click_on_literal_actions(pilot, screen_text) -> int:
    """Click where the screen shows '[@click=...]': if it had been read as markup, it would act."""
    clicks = positions(screen_text(pilot.app), "[@click=app.quit]")
    for offset in clicks:
        await pilot.click(offset=offset)
        await pilot.pause()
        assert pilot.app.is_running, f"a click at {offset} stopped the app"
    return len(clicks)


def test_a_name_longer_than_the_limit_is_refused_with_a_plain_message():
    data = hostile_group().model_dump()
    data["members"][0]["name"] = "A" * 500
    with pytest.raises(ValidationError) as caught:
        Group.model_validate(data)
    assert "at most 120 characters" in str(caught.value)


async def test_home_and_setup_show_hostile_names_as_typed(hostile_store, fixed_clock, screen_text):
    app = MastermindApp(hostile_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert GROUP_NAME in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        text = screen_text(app)
        assert f"New meeting of {GROUP_NAME}" in text
        # Hot-seat suggestions name members in the template summary.
        assert "hot seat: Ana [bold]Souza[/bold], Ben [@click=app.quit]Okafor[/]" in text

        from textual.widgets import TabbedContent

        setup.query_one(TabbedContent).active = "tab-attendance"
        await pilot.pause()
        text = visible_text(screen_text(app))
        for name in VISIBLE:
            assert name in text, name
        assert await click_on_literal_actions(pilot, screen_text) >= 2  # the title and Ben's row
        assert app.screen is setup
        await pilot.click("#attendance", offset=(5, 2))
        await pilot.press("l", "down", "a")
        await pilot.pause()
        assert app.is_running and app.screen is setup

        # The guest's "invited by" drop-down lists the names as typed.
        setup.query_one(TabbedContent).active = "tab-guests"
        await pilot.pause()
        setup.query_one("#guest-inviter").focus()
        await pilot.press("enter")
        await pilot.pause()
        text = visible_text(screen_text(app))
        for name in VISIBLE[:3]:
            assert name in text, name
        await pilot.press("down", "down", "enter")  # Ben, whose name holds a click action
        await pilot.pause()
        assert app.is_running and app.screen is setup


async def test_the_live_meeting_shows_hostile_text_as_typed_and_clicks_do_nothing(
    hostile_store, fixed_clock, screen_text, typer
):
    app = MastermindApp(hostile_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen) and live.live is not None

        # Purpose bar and speaker line.
        text = visible_text(screen_text(app))
        assert visible_text(PURPOSE) in text
        assert f"Floor: {NAMES[0]}" in text and f"next: {NAMES[1]}" in text
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await wait_until(pilot, lambda: f"Floor: {NAMES[1]}" in screen_text(app), what="the floor to pass")
        assert await click_on_literal_actions(pilot, screen_text) >= 1
        assert app.screen is live

        # The agenda: an item whose title is a click action, added with the form.
        await pilot.press("i")
        await pilot.pause()
        await typer(pilot, "[@click=app.quit]Go")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is live
        assert live.meeting.items[1].title == "[@click=app.quit]Go"
        assert "[@click=app.quit]Go" in screen_text(app)

        # Capture: the confirmation line and the panel show what was typed.
        await pilot.press("slash")
        await typer(pilot, "c: Ben [link=x]send[/link] the deck [bold]now[/bold] 🎉")
        await pilot.press("enter")
        await pilot.pause()
        message = str(live.query_one("#capture-message").content)
        assert message.startswith(f"Saved: commitment · {NAMES[1]}: [link=x]send[/link] the deck [bold]now[/bold] 🎉")
        note = "مرحبا بالجميع 🎉 [bold]x[/bold] [@click=app.quit]quit[/] " + "long " * 90
        await typer(pilot, "n: " + note)
        await pilot.press("enter", "escape")
        await pilot.pause()
        (stored,) = [n for n in live.meeting.notes if n.kind == NoteKind.NOTE]
        assert stored.text == note.strip() and len(stored.text) > 450
        text = screen_text(app)
        assert "مرحبا بالجميع 🎉 [bold]x[/bold] [@click=app.quit]quit[/]" in text
        assert f"{NAMES[1]}: [link=x]send[/link] the deck [bold]now[/bold] 🎉" in text  # panel
        assert await click_on_literal_actions(pilot, screen_text) >= 3
        assert app.screen is live

        # The forms: the commitment form's "who" is the speaker, the offer form lists the ask.
        await pilot.press("C")
        await pilot.pause()
        (who,) = [line for line in screen_text(app).splitlines() if "│ Who " in line]
        assert NAMES[1] in who
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash")
        await typer(pilot, "a: Chen intro to [bold]a buyer[/bold]")
        await pilot.press("enter", "escape")
        await pilot.pause()
        asked = f"{NAMES[2]}: intro to [bold]a buyer[/bold]"
        before = screen_text(app).count(asked)
        await pilot.press("O")
        await pilot.pause()
        app.screen.query_one("#ask").focus()
        await pilot.press("enter")
        await pilot.pause()
        await wait_until(pilot, lambda: screen_text(app).count(asked) > before, what="the ask shown")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is live

        # The commitments panel lists every member, the absent-looking escape name included.
        while live.live.item.kind != ItemKind.COMMITMENTS:
            await pilot.press("n")
            await pilot.pause()
        text = visible_text(screen_text(app))
        for name in VISIBLE[:-1]:
            assert name in text, name
        assert "Greg NNNNNNNNNN" in text
        assert await click_on_literal_actions(pilot, screen_text) >= 1
        await pilot.click("#agenda-list")
        await pilot.click("#panel-body")
        await pilot.pause()
        assert app.is_running and app.screen is live

        # The close panel names members in its hot-seat list.
        await pilot.press("x")
        await pilot.pause()
        text = visible_text(screen_text(app))
        assert NAMES[0] in text and NAMES[1] in text
        assert await click_on_literal_actions(pilot, screen_text) >= 1
        assert app.is_running and app.screen is live


async def test_no_control_character_from_user_text_reaches_the_terminal(hostile_store, fixed_clock, screen_text):
    app = MastermindApp(hostile_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = [screen_text(app)]
        await pilot.press("enter")
        await pilot.pause()
        from textual.widgets import TabbedContent

        app.screen.query_one(TabbedContent).active = "tab-attendance"
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
        seen.append(screen_text(app))
    for text in seen:
        for control in CONTROL:
            assert control not in text, f"{control!r} written to the terminal"
    # What shows instead: the rest of the sequence, literally.
    assert "[31mLevi" in seen[1] and "[31mred" in seen[2]


async def test_the_purpose_review_panel_shows_hostile_goals_as_typed(tmp_path, fixed_clock, screen_text, typer):
    from textual.widgets import Select

    data = hostile_group().model_dump()
    goal_title = "[@click=app.quit]Open[/] [bold]doors[/bold]"
    data["purpose"]["goals"][0]["title"] = goal_title
    data["purpose"]["goals"][0]["success"] = "Two \x1b[31mintros\x1b[0m a quarter"
    with Store(tmp_path / "data") as store:
        store.save_group(Group.model_validate(data))
        app = MastermindApp(store, clock=fixed_clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one("#template", Select).value = "purpose-review"
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            live = app.screen
            assert isinstance(live, LiveScreen) and live.live is not None
            while live.live.item.kind != ItemKind.REVIEW:
                await pilot.press("n")
                await pilot.pause()
            text = visible_text(screen_text(app))
            assert f"Goal: {goal_title}" in text
            assert "Two \u241b[31mintros\u241b[0m a quarter" in text
            assert visible_text(PURPOSE) in text
            assert await click_on_literal_actions(pilot, screen_text) >= 1
            assert app.is_running and app.screen is live

            # A note on that goal keeps the title as typed at its head.
            points = live.query_one("#review-points")
            points.highlighted = points.get_option_index("goal-0")
            points.focus()
            await pilot.press("N")
            await pilot.pause()
            await typer(pilot, "[bold]three[/bold] intros")
            await pilot.press("ctrl+s")  # enter is a new line in a note
            await pilot.pause()
            assert app.screen is live
            (note,) = live.meeting.notes
            assert note.text == f"{goal_title}: [bold]three[/bold] intros"
            assert "[bold]three[/bold] intros" in screen_text(app)
