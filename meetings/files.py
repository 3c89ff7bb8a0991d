"""Group and agenda-template files (TOML) -> models, with errors that name the file and field.

A group file has a ``[group]`` table; a template file has a ``[template]`` table. Both are
described, with full examples, in the README. Whatever a file holds (empty, binary, UTF-16,
not TOML, TOML of something else, absurd nesting, huge strings), loading it either returns a
model or raises :class:`FileError` with one line: ``FILE: where: what is wrong``.
"""

from __future__ import annotations

import difflib
import functools
import math
import stat
import tomllib
import types
import typing
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import Group, Member, Purpose, Template, TemplateItem
from .peek import bundled_files

MAX_FILE_BYTES = 1_000_000
# A group or template file is at most 3 levels deep ([[purpose.goals]] kinds); allow slack.
MAX_DEPTH = 16

_WHERE_MAX = 120
_WHAT_MAX = 400
_FILE_MAX = 400


def _printable(text: str, limit: int) -> str:
    """Text safe to print on one terminal line: control, format and line-break characters
    escaped (so an ANSI escape or a right-to-left override shows as text), long text cut."""
    out = []
    for ch in text:
        if ch == " " or ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    cleaned = "".join(out)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


class FileError(Exception):
    """A file that is not a valid group or template. ``str()`` is the one-line message.

    ``where`` is a field path (``members[2].email``), a place in the text (``line 3, column 5``)
    or ``file`` for the file as a whole; ``what`` says what is wrong, for a person.
    """

    def __init__(self, file: str | Path, where: str, what: str):
        self.file = _printable(str(file), _FILE_MAX)
        self.where = _printable(where, _WHERE_MAX)
        self.what = _printable(what, _WHAT_MAX)
        super().__init__(f"{self.file}: {self.where}: {self.what}")


# --------------------------------------------------------------------------- bytes -> TOML


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise FileError(name, "file", "the file is UTF-32 text; save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError(name, "file", "the file is UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise FileError(name, "file", "the file is binary, not TOML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise FileError(
            name, f"line {line}, column {column}", f"byte 0x{byte:02X} is not UTF-8 text; save the file as UTF-8"
        ) from None


def _depth_exceeds(doc: Any, limit: int) -> bool:
    """True if tables and arrays nest deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """Bytes -> TOML document, or FileError naming the line."""
    if len(raw) > MAX_FILE_BYTES:
        raise FileError(name, "file", _too_big(len(raw)))
    text = _decode(raw, name)
    if not text.strip():
        raise FileError(name, "file", "the file is empty; a group file starts with [group], a template file with [template]")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        # tomllib says "Reason (at line N, column M)": put the place first.
        if msg.endswith(")") and " (at " in msg:
            reason, _, place = msg.rpartition(" (at ")
            raise FileError(name, place[:-1], f"not valid TOML: {reason}") from None
        raise FileError(name, "file", f"not valid TOML: {msg}") from None
    except RecursionError:
        raise FileError(name, "file", f"arrays or tables nested too deeply (at most {MAX_DEPTH} levels)") from None
    except ValueError:
        # Python refuses to read integers longer than 4300 digits.
        raise FileError(name, "file", "not valid TOML: a number has more than 4300 digits") from None
    if _depth_exceeds(doc, MAX_DEPTH):
        raise FileError(name, "file", f"arrays or tables nested too deeply (at most {MAX_DEPTH} levels)")
    return doc


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; a group or template file is at most {MAX_FILE_BYTES:,} bytes"


# --------------------------------------------------------------------------- validation errors


def _key(part: str) -> str:
    """A key as written in TOML: bare if it can be, else quoted."""
    if part and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in part):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _where(loc: Iterable[int | str], prefix: str) -> str:
    """('items', 2, 'minutes') -> 'items[3].minutes' (people count from 1)."""
    out = prefix
    for p in loc:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            out += f".{_key(p)}" if out else _key(p)
    return out or "file"


def _show(value: Any) -> str:
    """A short, safe rendering of a value from a file, for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 24 else text[:20] + "…"
    if isinstance(value, str):
        return '"' + _printable(value, 40) + '"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (date, time, datetime)):
        return value.isoformat()
    return type(value).__name__


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _model_at(model: type[BaseModel], loc: Iterable[int | str]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current


_OWN_TABLES = {(Group, "purpose"), (Group, "members"), (Template, "items")}


def _describe(err: Any, model: type[BaseModel]) -> str:
    """One pydantic error -> plain words for the facilitator."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    loc = tuple(err["loc"])
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        field = str(loc[-1]) if loc else ""
        # purpose, members and items are tables of their own in a file, not fields to type here.
        known = [f for f in (owner.model_fields if owner else {}) if (owner, f) not in _OWN_TABLES]
        close = difflib.get_close_matches(field, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (f"; known fields: {', '.join(known)}" if known else "")
        return f"unknown field{hint}"
    if kind == "missing":
        return "missing: this field is required"
    if kind == "string_too_long":
        return f"too long: {len(value) if isinstance(value, str) else '?'} characters, at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entr{'y' if ctx.get('min_length') == 1 else 'ies'}"
    if kind == "too_long":
        return f"too many entries: {ctx.get('actual_length')}, at most {ctx.get('max_length')}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be an ordinary number, not {_show(value)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        words = {
            "greater_than_equal": ("at least", "ge"),
            "less_than_equal": ("at most", "le"),
            "greater_than": ("more than", "gt"),
            "less_than": ("less than", "lt"),
        }[kind]
        limit = ctx.get(words[1])
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"must be {words[0]} {limit}, not {_show(value)}"
    if kind == "enum":
        return f"{_show(value)} is not allowed; use one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if "_" in str(ctx.get("pattern", "")):
            return f"{_show(value)} is not a valid id: lowercase letters, digits, '-' and '_', at most 32, like \"open-doors\""
        return f"{_show(value)} is not a valid slug: lowercase letters, digits and '-', at most 63, like \"founders-circle\""
    if kind.startswith("int_"):
        return f"must be a whole number, not {_show(value)}"
    if kind.startswith("float_"):
        return f"must be a number, not {_show(value)}"
    if kind.startswith("string_"):
        return f"must be text in quotes, not {_show(value)}"
    if kind.startswith("bool_"):
        return f"must be true or false, not {_show(value)}"
    if kind.startswith("date") and not kind.startswith("datetime"):
        return f"must be a date like 2026-01-31, not {_show(value)}"
    if kind.startswith("time"):
        return f"must be a time like 18:00:00, not {_show(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a table, not {_show(value)}"
    if kind == "list_type":
        return f"must be a list, not {_show(value)}"
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        return f"{msg}: {_show(value)}" if isinstance(value, str) else msg
    return str(err["msg"])


def _validation_error(name: str, exc: ValidationError, prefix: str, model: type[BaseModel]) -> FileError:
    errors = exc.errors(include_url=False)
    # A misspelt field shows up as "unknown" plus "missing": the unknown one says more.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    msg = _describe(first, model)
    more = exc.error_count() - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return FileError(name, _where(tuple(first["loc"]), prefix), msg)


def _numeric_fields(model: type[BaseModel]) -> set[str]:
    out = set()
    for field_name, field in model.model_fields.items():
        annotation = field.annotation
        union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
        args = typing.get_args(annotation) if union else (annotation,)
        if any(a in (int, float) for a in args):
            out.add(field_name)
    return out


def _check_numbers(name: str, table: Any, model: type[BaseModel], where: str) -> None:
    """pydantic reads ``true`` as 1 for a number field; in a file that is a mistake, say so."""
    if not isinstance(table, dict):
        return
    for field_name in _numeric_fields(model):
        if isinstance(table.get(field_name), bool):
            raise FileError(name, f"{where}.{field_name}", f"must be a number, not {_show(table[field_name])}")


def _check_unique(name: str, entries: Any, key: str, where: str, label: str) -> None:
    """Name the entry that repeats an id, rather than the whole list."""
    if not isinstance(entries, list):
        return
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get(key), str):
            continue
        value = entry[key]
        if value in seen:
            raise FileError(
                name, f"{where}[{index}].{key}", f"{label} {_show(value)} is used twice (also in {where}[{seen[value]}])"
            )
        seen[value] = index


# --------------------------------------------------------------------------- documents -> models


def _table(doc: dict[str, Any], key: str, name: str, hint: str) -> dict[str, Any]:
    if key not in doc:
        raise FileError(name, key, f"missing [{key}] table: {hint}")
    value = doc[key]
    if not isinstance(value, dict):
        raise FileError(name, key, f"must be a table [{key}], not {_show(value)}")
    return value


def group_from_doc(doc: dict[str, Any], name: str) -> Group:
    """A parsed group file -> Group."""
    allowed = {"group", "purpose", "members"}
    extra = sorted(set(doc) - allowed)
    if extra:
        raise FileError(name, _key(extra[0]), "unknown table (a group file has [group], [purpose], [[purpose.goals]], [[members]])")
    head = _table(doc, "group", name, "slug, name, cadence and the other settings of the group")
    for nested in ("purpose", "members"):
        if nested in head:
            raise FileError(name, f"group.{nested}", f"put this in its own [{nested}] table after [group], not inside it")
    _check_numbers(name, head, Group, "group")
    purpose_doc = _table(doc, "purpose", name, "write the group's purpose statement and its goals")
    members_doc = doc.get("members", [])
    if not isinstance(members_doc, list):
        raise FileError(name, "members", "must be an array of tables [[members]]")
    goals_doc = purpose_doc.get("goals")
    _check_unique(name, goals_doc, "id", "purpose.goals", "goal id")
    try:
        purpose = Purpose.model_validate(purpose_doc)
    except ValidationError as exc:
        raise _validation_error(name, exc, "purpose", Purpose) from None
    _check_unique(name, members_doc, "id", "members", "member id")
    members = []
    for i, m in enumerate(members_doc):
        try:
            members.append(Member.model_validate(m))
        except ValidationError as exc:
            raise _validation_error(name, exc, f"members[{i + 1}]", Member) from None
    try:
        return Group.model_validate({**head, "purpose": purpose, "members": members})
    except ValidationError as exc:
        err = _validation_error(name, exc, "group", Group)
        if err.where.startswith("group.members"):
            err = FileError(name, "members", err.what)
        raise err from None


def template_from_doc(doc: dict[str, Any], name: str) -> Template:
    """A parsed template file -> Template."""
    extra = sorted(set(doc) - {"template", "items"})
    if extra:
        raise FileError(name, _key(extra[0]), "unknown table (a template file has [template] and [[items]])")
    head = _table(doc, "template", name, "slug, name and description of the agenda")
    if "items" in head:
        raise FileError(name, "template.items", "write the items as [[items]] tables after [template], not inside it")
    if "items" not in doc:
        raise FileError(name, "items", "missing: a template needs at least one [[items]] table")
    items = doc["items"]
    if not isinstance(items, list):
        raise FileError(name, "items", f"must be an array of tables [[items]], not {_show(items)}")
    for index, item in enumerate(items, start=1):
        _check_numbers(name, item, TemplateItem, f"items[{index}]")
    try:
        return Template.model_validate({**head, "items": items})
    except ValidationError as exc:
        err = _validation_error(name, exc, "template", Template)
        if err.where.startswith("template.items"):
            # [[items]] are top-level tables in the file, not part of [template].
            err = FileError(name, err.where.removeprefix("template."), err.what)
        raise err from None


# --------------------------------------------------------------------------- loading


def read_limited(path: str | Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or FileError saying why not."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileError(path, "file", "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileError(path, "file", "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise FileError(path, "file", _too_big(info.st_size))
        with path.open("rb") as handle:
            # Read one byte more than allowed: a file that grew since stat() is still caught.
            return handle.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise FileError(path, "file", "no such file") from None
    except IsADirectoryError:
        raise FileError(path, "file", "is a folder, not a file") from None
    except OSError as exc:
        raise FileError(path, "file", f"cannot be read: {exc.strerror or exc}") from None
    except ValueError:
        raise FileError(path, "file", "not a usable file name") from None


def load_file(path: str | Path) -> Group | Template:
    """Read a group or a template file, told apart by content."""
    return load_bytes(read_limited(path), str(path))


def load_bytes(raw: bytes, name: str) -> Group | Template:
    """Bytes of a group or template file -> the model; ``name`` is used in error messages."""
    doc = parse_toml(raw, name)
    if "group" in doc:
        return group_from_doc(doc, name)
    if "template" in doc:
        return template_from_doc(doc, name)
    found = ", ".join(f"[{_key(k)}]" for k in list(doc)[:3])
    raise FileError(
        name, "file", f"not a group or template file: it has no [group] or [template] table (it has {found})"
    )


def load_group(path: str | Path) -> Group:
    """Read a group file; a template file is refused with a FileError."""
    model = load_file(path)
    if not isinstance(model, Group):
        raise FileError(path, "file", "this is a template file, not a group file")
    return model


def load_template(path: str | Path) -> Template:
    """Read a template file; a group file is refused with a FileError."""
    model = load_file(path)
    if not isinstance(model, Template):
        raise FileError(path, "file", "this is a group file, not a template file")
    return model


# --------------------------------------------------------------------------- writing


def _escape(value: str, multiline: bool) -> str:
    out = []
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\n" if multiline else "\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        # TOML has no time with an offset: such a time is written as text, which loads back the same.
        return value.isoformat() if value.tzinfo is None else f'"{value.isoformat()}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        if "\n" in value:
            # A multi-line string reads well in an editor; the newline after """ is not part of it.
            return '"""\n' + _escape(value, multiline=True) + '"""'
        return '"' + _escape(value, multiline=False) + '"'
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _table_lines(record: BaseModel, exclude: Iterable[str] = ()) -> list[str]:
    """``key = value`` lines of a record, leaving out empty values that are the default
    ("", false, [], none); settings such as cadence are always written, ids too."""
    lines = []
    for field_name, field in type(record).model_fields.items():
        if field_name in exclude:
            continue
        value = getattr(record, field_name)
        if value is None:
            continue
        default = [] if field.default_factory is list else field.default
        if value in ("", False, []) and type(value) is type(default) and value == default:
            continue
        lines.append(f"{field_name} = {_toml_value(value)}")
    return lines


def group_to_toml(group: Group) -> str:
    """Group -> a TOML group file that loads back to the same Group (ids included)."""
    lines = ["[group]", *_table_lines(group, exclude={"purpose", "members"}), "", "[purpose]"]
    lines += _table_lines(group.purpose, exclude={"goals"})
    for goal in group.purpose.goals:
        lines += ["", "[[purpose.goals]]", *_table_lines(goal)]
    for member in group.members:
        lines += ["", "[[members]]", *_table_lines(member)]
    return "\n".join(lines) + "\n"


def template_to_toml(template: Template) -> str:
    """Template -> a TOML template file that loads back to the same Template."""
    lines = ["[template]", *_table_lines(template, exclude={"items"})]
    for item in template.items:
        lines += ["", "[[items]]", *_table_lines(item)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- bundled content


@functools.cache
def _bundled_models(folder: str) -> tuple[Group | Template, ...]:
    # Parsed once per process: the shipped files do not change while the app runs.
    return tuple(load_bytes(raw, name) for name, raw in bundled_files(folder))


def bundled_templates() -> list[Template]:
    """The agenda templates shipped with Mastermind (fresh copies, safe to change)."""
    return [m.model_copy(deep=True) for m in _bundled_models("templates") if isinstance(m, Template)]


def bundled_groups() -> list[Group]:
    """The sample groups shipped with Mastermind (fresh copies, safe to change)."""
    return [m.model_copy(deep=True) for m in _bundled_models("sample_groups") if isinstance(m, Group)]


def find_template(slug: str, extra: list[Template] | None = None) -> Template | None:
    """The template with this slug: from ``extra`` first, then the bundled ones."""
    for t in (extra or []) + bundled_templates():
        if t.slug == slug:
            return t
    return None

