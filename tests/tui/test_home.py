"""Home draws its first frame from a glance at the files and loads the validated groups after it.

Whatever the moment a key arrives (before or after that load), it acts on the validated group.
"""

from __future__ import annotations

import pytest

import tui.app as app_module
from meetings.store import Store
from tui.app import MastermindApp
from tui.screens.home import HomeScreen
from tui.screens.setup import SetupScreen

SIZE = (100, 30)


@pytest.fixture
def no_background_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold the after-the-first-frame load back, so a test sees the glance alone."""
    monkeypatch.setattr(app_module, "AFTER_DISPLAY_SECONDS", 3600)


async def test_the_first_frame_comes_from_the_glance_and_a_key_loads_the_real_group(
    sample_store: Store, fixed_clock, screen_text, no_background_load
) -> None:
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.loaded and home.groups == []  # nothing validated yet...
        text = screen_text(app)
        assert "Founders Circle" in text and "7 members" in text and "next: Tue 10 Nov 2026" in text
        await pilot.press("enter")  # ...and the key still opens the real group's setup
        await pilot.pause()
        assert home.loaded and [g.slug for g in home.groups] == ["founders-circle"]
        assert isinstance(app.screen, SetupScreen) and app.screen.group == home.groups[0]


async def test_after_the_first_frame_the_validated_groups_load_and_look_the_same(
    sample_store: Store, fixed_clock, screen_text, until
) -> None:
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        first = screen_text(app)
        await until(pilot, lambda: home.loaded, what="the validated groups")
        await pilot.pause()
        assert screen_text(app) == first


async def test_a_moved_highlight_survives_the_load(tmp_path, fixed_clock, no_background_load) -> None:
    from meetings.files import bundled_groups

    with Store(tmp_path / "data") as store:
        for group in bundled_groups():
            store.save_group(group)
        app = MastermindApp(store, clock=fixed_clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen) and not home.loaded
            await pilot.press("down", "down")
            await pilot.pause()
            home.ensure_loaded()
            await pilot.pause()
            chosen = home.selected_group()
            assert chosen is not None and chosen.name == sorted(g.name for g in bundled_groups())[2]


async def test_a_broken_group_file_is_reported_in_the_first_frame(
    sample_store: Store, fixed_clock, screen_text, no_background_load
) -> None:
    sample_store.group_path("founders-circle").write_text("{not json")
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.loaded  # no glance: validated at once
        assert "Could not read" in screen_text(app) and "founders-circle.json" in screen_text(app)
