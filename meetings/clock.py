"""The clock a live meeting reads: injected, so tests (and a resumed meeting) control time.

Kept apart from `live` so the app can hold a clock without importing the models first.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, in UTC (stored times are UTC; screens show local time)."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)
