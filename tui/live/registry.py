"""Which panel shows each kind of item. Adding a kind: one panel file, one line here."""

from __future__ import annotations

from meetings.models import ItemKind

from .accountability import AccountabilityPanel
from .captured import CapturedPanel
from .close import ClosePanel
from .panel import Panel
from .review import ReviewPanel
from .speaker import SpeakerPanel

PANELS: dict[ItemKind, type[Panel]] = {
    ItemKind.ROUND: SpeakerPanel,
    ItemKind.HOT_SEAT: SpeakerPanel,
    ItemKind.ACCOUNTABILITY: AccountabilityPanel,
    ItemKind.ASKS_OFFERS: CapturedPanel,
    ItemKind.COMMITMENTS: CapturedPanel,
    ItemKind.DISCUSSION: CapturedPanel,
    ItemKind.REVIEW: ReviewPanel,
    ItemKind.CLOSE: ClosePanel,
}
# A kind without a panel of its own shows what was captured under it.
DEFAULT_PANEL: type[Panel] = CapturedPanel


def panel_classes() -> list[type[Panel]]:
    """Each panel class once, in registry order: the screen makes one of each."""
    return list(dict.fromkeys([*PANELS.values(), DEFAULT_PANEL]))
