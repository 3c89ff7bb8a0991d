"""One cleaner of user text (meetings.text): the minutes and the purpose report agree."""

from __future__ import annotations

from datetime import date

import pytest

from meetings import insights, summary
from meetings.text import clean, md_escape
from tests.unit.summary_fixture import build

# ANSI colours, an OSC title (BEL-ended) and an OSC 8 link (ST-ended), a charset switch
# (ESC ( B), a DCS string, a bell, a tab and a backspace. (A C1 CSI is not here: the models
# drop the C1 byte on the way in, so its parameters are plain text by then.)
HOSTILE_TITLE = (
    "\x1b]0;pwned\x07Open \x1b[1m*doors*\x1b[0m\x1b(B outside"
    "\x1b]8;;https://evil.example\x1b\\\x07 the\tcircle\x1bP1$r\x1b\\\x08"
)
CLEAN_TITLE = "Open *doors* outside the circle"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (HOSTILE_TITLE, CLEAN_TITLE),
        ("a\x1b(Bb", "ab"),  # the old report cleaner left "(B" behind
        ("x\x1bP1$r q\x1b\\y", "xy"),  # ... and a DCS string's body
        ("\u241b[31mred\u241b[0m", "red"),  # as stored by the models: ESC as its picture
        ("two  spaces\nand a line", "two spaces and a line"),
        ("\x9d0;title\x9cok", "ok"),
        ("\x9b2Jcsi", "csi"),
    ],
)
def test_clean_removes_escape_sequences_whole(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_keeps_lines_of_a_note_when_asked() -> None:
    assert clean("one\r\n\n\n\ntwo\x1b[2K  \nthree", multiline=True) == "one\n\ntwo\nthree"


def test_md_escape_only_escapes_what_would_be_markup() -> None:
    assert md_escape("9.0 / 10") == "9.0 / 10"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("*a* [b](c) <i>") == "\\*a\\* \\[b\\](c) \\<i\\>"


def test_a_hostile_goal_title_reads_the_same_in_the_minutes_and_the_purpose_report() -> None:
    meeting, group, earlier = build()
    doors = group.purpose.goal("doors")
    assert doors is not None
    doors.title = HOSTILE_TITLE  # through the model's validator, as a form or a file would
    meetings = [*earlier, meeting]

    minutes = " ".join(summary.minutes_text(meeting, group, earlier).split())
    review = insights.purpose_review(group, meetings, "2026", today=date(2026, 12, 31))
    report = insights.report_text(review)
    assert f'served "{CLEAN_TITLE}"' in minutes
    assert CLEAN_TITLE in report.splitlines()

    escaped = md_escape(CLEAN_TITLE)
    assert escaped == "Open \\*doors\\* outside the circle"
    assert f'"{escaped}"' in summary.minutes_markdown(meeting, group, earlier)
    assert f"### {escaped}" in insights.report_markdown(review).splitlines()

    for output in (minutes, report, insights.report_markdown(review)):
        assert not [ch for ch in output if ch != "\n" and (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)]
        assert "pwned" not in output and "evil.example" not in output and "(B" not in output
        assert not any(0x2400 <= ord(ch) <= 0x2421 for ch in output)
