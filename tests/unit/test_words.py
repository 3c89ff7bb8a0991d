"""Counted words read as English in the minutes, the report and the health screen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meetings.words import plural


def test_one_is_singular_and_the_rest_plural() -> None:
    assert plural(1, "invitation") == "1 invitation"
    assert plural(0, "invitation") == "0 invitations"
    assert plural(2, "meeting") == "2 meetings"
    assert plural(1, "person", "people") == "1 person"
    assert plural(6, "person", "people") == "6 people"


@given(st.integers(min_value=-10**6, max_value=10**6))
def test_the_count_is_always_shown_as_given(count: int) -> None:
    text = plural(count, "visit")
    assert text.startswith(f"{count} ")
    assert text.endswith("visit" if count == 1 else "visits")
