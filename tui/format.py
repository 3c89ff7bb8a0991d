"""Small formatting helpers shared by the screens."""

from __future__ import annotations

from datetime import date


def short_date(day: date) -> str:
    """'Tue 8 Dec 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def clock(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss), with a minus sign when over time."""
    sign = "-" if seconds < 0 else ""
    seconds = int(abs(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"
