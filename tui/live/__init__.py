"""The live meeting screen: a thin ``LiveScreen`` and one panel per kind of item."""

from .accountability import AccountabilityPanel, ReviewTable
from .captured import CapturedPanel
from .close import ClosePanel
from .messages import Act, CloseMeeting, OpenForm, Say
from .panel import Panel
from .registry import PANELS
from .review import ReviewPanel, ReviewPoints
from .screen import LiveScreen
from .speaker import SpeakerPanel

__all__ = [
    "PANELS", "AccountabilityPanel", "Act", "CapturedPanel", "CloseMeeting", "ClosePanel", "LiveScreen",
    "OpenForm", "Panel", "ReviewPanel", "ReviewPoints", "ReviewTable", "Say", "SpeakerPanel",
]
