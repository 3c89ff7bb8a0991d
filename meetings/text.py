"""User text made fit for what leaves the screen: minutes, reports, mail headers, calendars.

One cleaner and one Markdown escaper, so the minutes, the purpose report and the mail agree on
what a name or a goal title looks like (they used to strip escapes three different ways).
Stdlib only: the screens import it on the way to home's first frame, before pydantic.
"""

from __future__ import annotations

import re

# The models keep control characters as visible pictures (ESC as U+241B, see models.visible);
# turned back here so an escape sequence is removed whole, not left as symbols or debris.
PICTURES_TO_CONTROLS = {0x2400 + code: code for code in range(0x20)} | {0x2421: 0x7F}

# Terminal escape sequences, 7-bit (ESC ...) and 8-bit (C1) forms: CSI, OSC (ended by BEL or
# ST), DCS/SOS/PM/APC strings (ended by ST), and any other ESC + intermediates + final.
_ESCAPE_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x9c|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
# What is left of the controls (Unicode category Cc: C0 but the newline, DEL and C1).
_CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r" {2,}")


def clean(text: str, *, multiline: bool = False) -> str:
    """User text without escape sequences or control characters, trimmed.

    Tabs become spaces. Line breaks are kept only when ``multiline`` (notes), with runs of
    blank lines shrunk to one; otherwise they become spaces and runs of spaces shrink to one.
    """
    text = _ESCAPE_RE.sub("", text.translate(PICTURES_TO_CONTROLS))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\t", " ")
    if not multiline:
        return _SPACES_RE.sub(" ", _CONTROL_RE.sub("", text.replace("\n", " "))).strip()
    lines = [line.rstrip() for line in _CONTROL_RE.sub("", text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>&|~#"})
_MD_ORDERED_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")


def md_escape(text: str) -> str:
    """Clean text -> Markdown that renders as exactly that text (CommonMark backslash escapes)."""
    lines = []
    for line in text.split("\n"):
        escaped = line.strip().translate(_MD_ESCAPES)
        # What only means something at the start of a line: lists, headings, quotes, rules.
        if escaped[:1] in ("-", "+", "="):
            escaped = "\\" + escaped
        lines.append(_MD_ORDERED_RE.sub(r"\1\\\2", escaped))
    # A hard line break (trailing backslash) keeps the lines of a note apart when rendered.
    for i in range(len(lines) - 1):
        if lines[i] and lines[i + 1]:
            lines[i] += "\\"
    return "\n".join(lines)
