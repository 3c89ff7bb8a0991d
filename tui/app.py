"""The Mastermind app: home, setup, the live meeting, the minutes."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from meetings.clock import Clock, SystemClock
from meetings.store import Store, StoreError

if TYPE_CHECKING:
    from textual.timer import Timer

    from meetings.models import Template

# Quiet time after the last display before work queued with call_after_display runs.
AFTER_DISPLAY_SECONDS = 0.02

from .commands import ScreenCommands

_STARTED = time.perf_counter()


class MastermindApp(App[int]):
    """The app. It holds the open store; screens ask it for groups and meetings."""

    # group.tcss is not listed: every group screen names it and loads it when first opened,
    # which keeps its parse (about 9 ms) off the way to the first frame.
    CSS_PATH = "app.tcss"
    TITLE = "Mastermind"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, store: Store, *, clock: Clock | None = None, today: object | None = None):
        super().__init__()
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self._templates: list[Template] | None = None
        self.ready_seconds: float | None = None
        self._after_display: list[Callable[[], object]] = []
        self._after_display_timer: Timer | None = None
        saved_theme = store.settings().get("theme")
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme

    @property
    def templates(self) -> list[Template]:
        if self._templates is None:
            from meetings.files import bundled_templates

            self._templates = bundled_templates()
        return self._templates

    def template(self, slug: str) -> Template | None:
        return next((t for t in self.templates if t.slug == slug), None)

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())
        self.ready_seconds = time.perf_counter() - _STARTED
        self.log(f"ready in {self.ready_seconds:.3f}s")

    def call_after_display(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the screen has been drawn to the terminal and displays have
        been quiet for a moment: slow work that must not hold back the first frame."""
        self._after_display.append(callback)

    def post_display_hook(self) -> None:
        # Textual calls this after each display; the first frame is written by then. Waiting
        # for a quiet moment skips displays that drew nothing (still inside the startup batch).
        if self._after_display:
            if self._after_display_timer is not None:
                self._after_display_timer.stop()
            self._after_display_timer = self.set_timer(AFTER_DISPLAY_SECONDS, self._run_after_display)

    def _run_after_display(self) -> None:
        callbacks, self._after_display = self._after_display, []
        for callback in callbacks:
            callback()

    def watch_theme(self, theme: str) -> None:
        # Remember the facilitator's chosen theme for next time.
        if self.store.writer and self.store.settings().get("theme") != theme:
            try:
                self.store.save_settings({**self.store.settings(), "theme": theme})
            except StoreError:
                pass

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def report(self, error: Exception | str, *, title: str = "Not done") -> None:
        """Show a problem to the facilitator, literally (never as markup)."""
        self.notify(str(error), title=title, severity="error", markup=False, timeout=8)


def run_app(data_dir: Path) -> int:
    """Open the store (one writer per data folder) and run the app."""
    try:
        store = Store(data_dir)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        app = MastermindApp(store)
        app.run()
    finally:
        store.close()
    return app.return_code or 0
