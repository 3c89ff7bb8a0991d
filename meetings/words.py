"""Small words shared by the minutes, the report and the screens."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 meeting', '3 meetings'; ``many`` for a word that does not just take an s ('1 person', '2 people')."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
