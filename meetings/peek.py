"""A first glance at the data folder for the home screen, with the standard library only.

Why: importing pydantic and building the models' validators costs about 150-200 ms, more than
Textual itself. The home screen only needs each group's name, member count, next date and any
meeting left unfinished, so it draws those from this glance and loads the validated groups right
after the first frame. The glance is trusted only when every file it reads looks exactly as the
store writes it; anything else (a hand-edited file, an older schema, a stray control character)
returns None and the home screen takes the validated path before drawing, as before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

# As in meetings.store: the layout version this glance understands, and how many of a group's
# newest meeting files can hold one left unfinished.
_SCHEMA_VERSION = 1
_UNFINISHED_WINDOW = 5
_NAME_MAX = 120
_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
# Control characters (C0, DEL, C1): the models turn them into visible pictures; a file holding
# them raw was not written by the store, so the glance steps aside.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class GroupGlance:
    """What the home screen shows of one group."""

    slug: str
    name: str
    members: int
    next_date: date | None = None
    unfinished: int | None = None
    sample: bool = False


def bundled_files(folder: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of the bundled .toml files in ``folder`` ("templates" or "sample_groups").

    In a wheel they live in meetings/data/ (hatch force-include); from a source checkout
    (editable install, tests) they are read from the repository's top-level folders.
    """
    candidates = [resources.files("meetings").joinpath("data").joinpath(folder)]
    candidates.append(Path(__file__).resolve().parent.parent / folder)  # type: ignore[arg-type]
    for root in candidates:
        if root.is_dir():
            out = [(f"{folder}/{p.name}", p.read_bytes()) for p in root.iterdir() if p.name.endswith(".toml")]
            return sorted(out)
    return []


def glance_groups(root: Path) -> list[GroupGlance] | None:
    """The groups in the data folder as the home screen lists them (sorted by name), or None
    when any file is not plainly as the store writes it (then validate instead)."""
    try:
        folder = root / "groups"
        if not folder.is_dir():
            return []
        glances = []
        for path in sorted(folder.glob("*.json")):
            record = _record(path)
            glance = _group(record, path.stem) if record is not None else None
            if glance is None:
                return None
            latest = _latest(root / "meetings" / glance.slug)
            if latest is None:
                return None
            glances.append(GroupGlance(glance.slug, glance.name, glance.members, *latest))
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return sorted(glances, key=lambda g: g.name.lower())


def glance_samples() -> list[GroupGlance] | None:
    """The bundled sample groups, by name and size, or None if one does not read plainly."""
    import tomllib  # only on a first run: its regexes take a few ms to compile

    glances = []
    try:
        for _, raw in bundled_files("sample_groups"):
            data = tomllib.loads(raw.decode("utf-8"))
            group = data.get("group")
            members = data.get("members", [])
            if not isinstance(group, dict) or not isinstance(members, list):
                return None
            name, slug = group.get("name"), group.get("slug")
            if not _plain_name(name) or not isinstance(slug, str) or not _SLUG_RE.fullmatch(slug):
                return None
            glances.append(GroupGlance(slug, name.strip(), len(members), sample=True))
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return glances


def _record(path: Path) -> dict[str, Any] | None:
    tables = json.loads(path.read_bytes())
    if not isinstance(tables, dict):
        return None
    meta = tables.get("_meta", {}).get("1")
    record = tables.get("record", {}).get("1")
    if meta != {"schema_version": _SCHEMA_VERSION} or not isinstance(record, dict):
        return None
    return record


def _plain_name(name: object) -> bool:
    return (
        isinstance(name, str)
        and 0 < len(name.strip()) <= _NAME_MAX
        and name == name.strip()
        and not _CONTROL_RE.search(name)
    )


def _group(record: dict[str, Any], stem: str) -> GroupGlance | None:
    slug, name, members = record.get("slug"), record.get("name"), record.get("members")
    if slug != stem or not _SLUG_RE.fullmatch(stem) or not _plain_name(name) or not isinstance(members, list):
        return None
    if not all(isinstance(m, dict) for m in members):
        return None
    active = sum(1 for m in members if m.get("left") is None)
    return GroupGlance(stem, name, active)


def _latest(folder: Path) -> tuple[date | None, int | None] | None:
    """(next date set by the newest closed meeting, number of a meeting left live) among the
    newest files, or None if one of them does not read plainly."""
    if not folder.is_dir():
        return (None, None)
    files = sorted(folder.glob("*.json"))[-_UNFINISHED_WINDOW:]
    next_date: date | None = None
    unfinished: int | None = None
    for path in files:
        record = _record(path)
        if record is None:
            return None
        status, number, day = record.get("status"), record.get("number"), record.get("next_date")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            return None
        if status == "live":
            unfinished = number
        elif status == "closed":
            if day is not None and not isinstance(day, str):
                return None
            next_date = date.fromisoformat(day) if day else None
        else:
            return None
    return (next_date, unfinished)
