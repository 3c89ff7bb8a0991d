"""Group and agenda-template files (TOML) -> models, with errors that name the file and field.

A group file has a ``[group]`` table; a template file has a ``[template]`` table. Both are
described, with full examples, in the README. Whatever a file holds (empty, binary, UTF-16,
not TOML, TOML of something else, absurd nesting, huge strings), loading it either returns a
model or raises :class:`FileError` with one line: ``FILE: where: what is wrong``.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import Group, Member, Purpose, Template

MAX_FILE_BYTES = 1_000_000


class FileError(Exception):
    """A file that is not a valid group or template. ``str()`` is the one-line message."""

    def __init__(self, file: str | Path, where: str, what: str):
        self.file = str(file)
        self.where = where
        self.what = what
        super().__init__(f"{self.file}: {where}: {what}")


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError(name, "encoding", "the file is UTF-16; save it as UTF-8")
    if b"\x00" in raw:
        raise FileError(name, "encoding", "the file is binary, not TOML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(name, f"byte {exc.start}", "not UTF-8 text") from None


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """Bytes -> TOML document, or FileError naming the line."""
    if len(raw) > MAX_FILE_BYTES:
        raise FileError(name, "size", f"{len(raw)} bytes; a group or template file is at most {MAX_FILE_BYTES}")
    text = _decode(raw, name)
    if not text.strip():
        raise FileError(name, "file", "empty file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        # tomllib says "Reason (at line N, column M)": put the place first.
        if "(at line" in msg:
            reason, _, place = msg.rpartition(" (at ")
            raise FileError(name, place.rstrip(")"), f"not valid TOML: {reason}") from None
        raise FileError(name, "file", f"not valid TOML: {msg}") from None
    except RecursionError:
        raise FileError(name, "file", "nested too deeply") from None


def _where(loc: tuple[int | str, ...], prefix: str) -> str:
    """('items', 2, 'minutes') -> 'items[3].minutes' (people count from 1)."""
    out = prefix
    for p in loc:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            out += f".{p}" if out else str(p)
    return out or "file"


def _validation_error(name: str, exc: ValidationError, prefix: str) -> FileError:
    first = exc.errors(include_url=False)[0]
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown field (check the spelling)"
    more = exc.error_count() - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return FileError(name, _where(tuple(first["loc"]), prefix), msg)


def _table(doc: dict[str, Any], key: str, name: str) -> dict[str, Any]:
    value = doc.get(key)
    if not isinstance(value, dict):
        raise FileError(name, key, f"must be a table [{key}]")
    return value


def group_from_doc(doc: dict[str, Any], name: str) -> Group:
    """A parsed group file -> Group."""
    allowed = {"group", "purpose", "members"}
    extra = sorted(set(doc) - allowed)
    if extra:
        raise FileError(name, extra[0], "unknown table (a group file has [group], [purpose], [[members]])")
    head = _table(doc, "group", name)
    purpose_doc = _table(doc, "purpose", name)
    members_doc = doc.get("members", [])
    if not isinstance(members_doc, list):
        raise FileError(name, "members", "must be an array of tables [[members]]")
    try:
        purpose = Purpose.model_validate(purpose_doc)
    except ValidationError as exc:
        raise _validation_error(name, exc, "purpose") from None
    members = []
    for i, m in enumerate(members_doc):
        try:
            members.append(Member.model_validate(m))
        except ValidationError as exc:
            raise _validation_error(name, exc, f"members[{i + 1}]") from None
    try:
        return Group.model_validate({**head, "purpose": purpose, "members": members})
    except ValidationError as exc:
        err = _validation_error(name, exc, "group")
        if err.where.startswith("group.members"):
            err = FileError(name, "members", err.what)
        raise err from None


def template_from_doc(doc: dict[str, Any], name: str) -> Template:
    """A parsed template file -> Template."""
    extra = sorted(set(doc) - {"template", "items"})
    if extra:
        raise FileError(name, extra[0], "unknown table (a template file has [template], [[items]])")
    head = _table(doc, "template", name)
    items = doc.get("items")
    if not isinstance(items, list):
        raise FileError(name, "items", "must be an array of tables [[items]], at least one")
    try:
        return Template.model_validate({**head, "items": items})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        prefix = "" if err["loc"] and err["loc"][0] == "items" else "template"
        raise _validation_error(name, exc, prefix) from None


def load_file(path: str | Path) -> Group | Template:
    """Read a group or a template file, told apart by content."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileError(path, "file", "no such file") from None
    except IsADirectoryError:
        raise FileError(path, "file", "is a folder") from None
    except OSError as exc:
        raise FileError(path, "file", exc.strerror or "cannot be read") from None
    return load_bytes(raw, str(path))


def load_bytes(raw: bytes, name: str) -> Group | Template:
    doc = parse_toml(raw, name)
    if "group" in doc:
        return group_from_doc(doc, name)
    if "template" in doc:
        return template_from_doc(doc, name)
    raise FileError(name, "file", "neither a group file ([group] table) nor a template file ([template] table)")


def load_group(path: str | Path) -> Group:
    model = load_file(path)
    if not isinstance(model, Group):
        raise FileError(path, "file", "this is a template file, not a group file")
    return model


# --------------------------------------------------------------------------- writing


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat() if not isinstance(value, time) else value.strftime("%H:%M:%S")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        # json-style escaping is valid TOML basic-string escaping for these characters.
        out = []
        for ch in value:
            code = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\t":
                out.append("\\t")
            elif code < 0x20 or code == 0x7F:
                out.append(f"\\u{code:04x}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _table_lines(data: dict[str, Any]) -> list[str]:
    return [f"{k} = {_toml_value(v)}" for k, v in data.items() if v is not None and v != "" and v != []]


def group_to_toml(group: Group) -> str:
    """Group -> a TOML group file that loads back to the same Group."""
    head = group.model_dump(mode="python", exclude={"purpose", "members"})
    lines = ["[group]", *_table_lines(head), "", "[purpose]"]
    purpose = group.purpose.model_dump(mode="python", exclude={"goals"})
    lines += _table_lines(purpose)
    for goal in group.purpose.goals:
        lines += ["", "[[purpose.goals]]", *_table_lines(goal.model_dump(mode="python"))]
    for member in group.members:
        lines += ["", "[[members]]", *_table_lines(member.model_dump(mode="python"))]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- bundled content


def _bundled(folder: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of the bundled .toml files in ``folder`` ("templates" or "sample_groups").

    In a wheel they live in meetings/data/ (hatch force-include); from a source checkout
    (editable install, tests) they are read from the repository's top-level folders.
    """
    candidates = [resources.files("meetings").joinpath("data", folder)]
    candidates.append(Path(__file__).resolve().parent.parent / folder)  # type: ignore[arg-type]
    for root in candidates:
        if root.is_dir():
            out = [(f"{folder}/{p.name}", p.read_bytes()) for p in root.iterdir() if p.name.endswith(".toml")]
            return sorted(out)
    return []


def bundled_templates() -> list[Template]:
    """The agenda templates shipped with Mastermind."""
    found = []
    for name, raw in _bundled("templates"):
        model = load_bytes(raw, name)
        if isinstance(model, Template):
            found.append(model)
    return found


def bundled_groups() -> list[Group]:
    """The sample groups shipped with Mastermind."""
    found = []
    for name, raw in _bundled("sample_groups"):
        model = load_bytes(raw, name)
        if isinstance(model, Group):
            found.append(model)
    return found


def find_template(slug: str, extra: list[Template] | None = None) -> Template | None:
    for t in (extra or []) + bundled_templates():
        if t.slug == slug:
            return t
    return None
