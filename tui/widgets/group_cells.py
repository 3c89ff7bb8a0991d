"""Shared by the group screens: their stylesheet, user text shown literally (control
characters made visible, table cells cut to fit), the tables' cursors and labelled fields.

Names, asks and commitments are data. Rich ``Text`` keeps them from being read as markup, but
it passes an escape character through to the terminal, where it would act; so control
characters are replaced by their visible Unicode pictures (ESC shows as ␛).
"""

from __future__ import annotations

import re
from pathlib import Path

from typing import Any

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import DataTable, Label

# The styles of every group screen. Each screen names the file, so it is loaded by whichever
# opens first, whether or not the app lists it in its own CSS_PATH.
GROUP_CSS = str(Path(__file__).resolve().parent.parent / "group.tcss")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ... ␟
    if code == 0x7F:
        return "␡"
    return "\ufffd"


def literal(text: str, *, one_line: bool = False) -> str:
    """``text`` with control characters shown as visible symbols; newlines and tabs kept
    unless ``one_line``, when they become spaces."""
    if one_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(_picture, text)


def plain(text: str, style: str = "") -> Text:
    """User text as a Rich Text, literally."""
    return Text(literal(text), style=style)


def cell(text: str, style: str = "", width: int | None = None) -> Text:
    """A one-line table cell shown literally (DataTable reads a plain str as markup), cut with
    an ellipsis to ``width`` terminal cells so a 10,000-character name cannot widen a column."""
    content = Text(literal(text, one_line=True), style=style, no_wrap=True, overflow="ellipsis")
    if width is not None:
        content.truncate(max(1, width), overflow="ellipsis")
    return content


def percent(value: float | None) -> str:
    """0.86 -> '86%'; None (nothing to measure) -> '–'."""
    return "–" if value is None else f"{round(value * 100)}%"


def fit_columns(total: int, fixed: list[int], shares: list[float], minimum: int = 8) -> list[int]:
    """Widths of the flexible columns of a table ``total`` cells wide: what the fixed columns
    and each column's padding (one cell either side) leave, split by ``shares``."""
    columns = len(fixed) + len(shares)
    left = max(0, total - sum(fixed) - 2 * columns)
    weight = sum(shares) or 1.0
    return [max(minimum, int(left * share / weight)) for share in shares]


def tab_table_width(screen_width: int) -> int:
    """Cells a table has inside a tab: the screen less the pane's padding and a scrollbar."""
    return max(40, screen_width - 4)


def row_key(table: DataTable) -> str | None:
    """The key of the row under the cursor; None on an empty table or a filler row."""
    if table.row_count == 0:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:
        # The cursor may sit past the last row for a moment while the table refills.
        return None


def move_cursor(table: DataTable, key: str | None) -> None:
    """Put the cursor back on the row keyed ``key``, if it is still there."""
    if key is None or table.row_count == 0:
        return
    try:
        table.move_cursor(row=table.get_row_index(key))
    except Exception:
        # The row is gone (a goal removed): leave the cursor where the table puts it.
        pass


def field_row(label: str, widget: Any) -> Horizontal:
    """A label on the left, the field on the right: one line in a compact form."""
    return Horizontal(Label(label, classes="group-form-label"), widget, classes="group-form-row")


def optional_date(text: str) -> str | None:
    """An empty date field means no date; anything else goes to pydantic to be checked."""
    return text.strip() or None
