"""How the live screen shares its rows at 80x24: the item's title and guidance take the rows
the clocks, the pacing advice, the speaker and the panel leave; below 80x24 a message covers
the screen instead of a broken layout."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24
# The live screen's breakpoints: below 80x24 it gets the class -too-narrow or -too-short, and
# the TooSmall message covers the broken layout (app.tcss).
SIZE_BREAKPOINTS = (
    [(0, "-too-narrow"), (MIN_WIDTH, "-wide-enough")],
    [(0, "-too-short"), (MIN_HEIGHT, "-tall-enough")],
)
# A panel whose content would take more rows than this share of what title and panel have
# together (a long review table, the close's fields) still leaves the title this much.
PANEL_SHARE = 0.5
# Rows a panel child of fr height (a list that scrolls itself) is counted as wanting.
GREEDY = 1000


def rows_wanted(widget: Widget, container: Size, viewport: Size, width: int) -> int:
    """The rows ``widget`` takes at ``width`` as its content stands (GREEDY for an fr height)."""
    if not widget.display:
        return 0
    styles = widget.styles
    outer = styles.gutter.height + styles.margin.height
    height = styles.height
    if height is not None and height.is_fraction:
        return GREEDY
    if height is not None and height.is_cells:
        return int(height.value) + outer
    inner = max(0, width - styles.gutter.width)
    return widget.get_content_height(container, viewport, inner) + outer


class ItemTitle(Static):
    """The item's title, topic and guidance: as many rows as it needs, but never more than the
    clocks, the pacing advice and the speaker line leave (those are never pushed off), and never
    more than the panel below spares: the panel keeps the rows its content needs, up to half."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The whole content's height (not the render, which is cut to the rows given last time).
        natural = self.visual.get_height(self.styles, width) if width else 0
        parent = self.parent
        if not isinstance(parent, Widget):
            return natural
        fixed = 0
        panel_need = 0
        share = PANEL_SHARE
        for sibling in parent.children:
            if sibling is self or not sibling.display:
                continue
            if sibling.styles.height is not None and sibling.styles.height.is_fraction:
                # The switcher of panels: what its shown panel's children take, and the share
                # that panel claims (a table that is worked, more than a list that is read).
                for panel in (p for p in sibling.children if p.display):
                    wanted = sum(rows_wanted(child, container, viewport, width) for child in panel.children)
                    panel_need += min(GREEDY, wanted)
                    share = getattr(panel, "ROWS_SHARE", PANEL_SHARE)
            else:
                fixed += rows_wanted(sibling, container, viewport, width)
        available = container.height - fixed
        panel_keeps = min(panel_need, int(available * share))
        return max(1, min(natural, available - panel_keeps))

    def render(self) -> RenderResult:
        """The content; cut to the rows given, its last line ending in '…' when it was cut."""
        content, (width, height) = self.content, self.size
        if isinstance(content, Text) and width and height and self.visual.get_height(self.styles, width) > height:
            lines = content.wrap(self.app.console, width)
            if len(lines) > height:
                kept = list(lines)[:height]
                last = kept[-1]
                last.rstrip()
                last.truncate(width - 1)
                last.append("…", style="dim")
                return Text("\n").join(kept)
        return super().render()


class TooSmall(Static):
    """Covers the screen while the terminal is smaller than 80x24, saying so (keys still work)."""

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width, height = self.screen.size
        text = Text(f"Make the window at least {MIN_WIDTH}x{MIN_HEIGHT} (now {width}x{height})", style="bold")
        text.append(
            "\n\nThe live meeting needs that much to show whose turn it is, the time left and the"
            " pacing advice. Keys still work, and nothing is lost.",
            style="dim",
        )
        return text
