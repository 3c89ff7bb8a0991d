"""The baseline of the startup and memory figures: the smallest useful Textual app.

A Header, one Static saying "ready", a Footer. Mastermind's figures are given as ratios to
this app measured the same way in the same run, so they do not depend on the machine.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class MinimalApp(App[None]):
    """Header, Static("ready"), Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("ready")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
