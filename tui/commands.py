"""Command palette: offers the actions of the screen it was opened on, by their descriptions."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    """Every described binding of the current screen, so the palette fits where you are."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        found: dict[str, tuple[str, str, str]] = {}
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            key = binding.key.split(",")[0]
            help_text = getattr(binding, "tooltip", "") or f"key: {key}"
            found.setdefault(binding.action, (binding.description, help_text, binding.action))
        return list(found.values())

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.screen.run_action, action), help=help_text)
