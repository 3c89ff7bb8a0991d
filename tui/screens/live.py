"""The live meeting moved to ``tui.live``; this name stays for the screens that push it."""

from ..live import ClosePanel, LiveScreen, ReviewPoints, ReviewTable

__all__ = ["ClosePanel", "LiveScreen", "ReviewPoints", "ReviewTable"]
