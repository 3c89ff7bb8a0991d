"""Group and template files as a facilitator (or a mistake, or an attacker) might hand them over.

Every hostile file is checked twice: through ``meetings.files.load_file`` (a FileError, never
anything else) and through ``python -m meetings validate FILE`` in a subprocess (exit 1, exactly
one ``error: FILE: where: what`` line on stderr, no traceback).
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from meetings import files
from meetings.files import FileError, group_to_toml, load_bytes, load_file, template_to_toml
from meetings.models import Cadence, Goal, Group, ItemKind, Member, Purpose, Template, TemplateItem, Visibility, visible

REPO = Path(__file__).resolve().parents[2]

GROUP = """\
[group]
slug = "test-circle"
name = "Test Circle"
cadence = "biweekly"
meeting_minutes = 90
start_time = 18:00:00
default_template = "classic-mastermind"

[purpose]
statement = "Help each other grow, and open doors for people outside the circle."
agreed_on = 2025-01-14
agreed_by = "All members"

[[purpose.goals]]
id = "grow"
title = "Grow our businesses"
kinds = ["hot_seat"]

[[purpose.goals]]
id = "doors"
title = "Open doors"
kinds = ["asks_offers"]

[[purpose.goals]]
id = "follow"
title = "Follow through"
kinds = ["commitments"]

[[members]]
name = "Ana Souza"
email = "ana@example.com"

[[members]]
name = "Ben Okafor"
email = "ben@example.com"
"""

TEMPLATE = """\
[template]
slug = "short"
name = "Short agenda"

[[items]]
title = "Wins"
kind = "round"
minutes = 10
per_person_minutes = 1

[[items]]
title = "Accountability"
kind = "accountability"
minutes = 15

[[items]]
title = "Hot seat"
kind = "hot_seat"
minutes = 20

[[items]]
title = "Close"
kind = "close"
minutes = 5
"""


def _swap(text: str, old: str, new: str) -> bytes:
    assert old in text, f"test setup: {old!r} is not in the base file"
    return text.replace(old, new, 1).encode()


@dataclass(frozen=True)
class Hostile:
    """A hostile file: how to make it, where the error must point, and what it must say."""

    make: Callable[[Path], Path]
    where: str  # a regular expression for the whole "where" part
    what: str  # a regular expression searched in the "what" part


def content(data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "input.toml"
        path.write_bytes(data)
        return path

    return make


def a_folder(folder: Path) -> Path:
    path = folder / "a-folder.toml"
    path.mkdir()
    return path


def nothing(folder: Path) -> Path:
    return folder / "does-not-exist.toml"


AGREED_ON_LINE = GROUP[: GROUP.index("2025-01-14")].count("\n") + 1
_noise = random.Random(20261124)
BINARY = _noise.randbytes(3000) + b"\x00" + _noise.randbytes(3000)

HOSTILE = {
    "empty-file": Hostile(content(b""), "file", "empty"),
    "whitespace-only": Hostile(content(b"  \n\t\r\n   \n"), "file", "empty"),
    "binary-with-nul": Hostile(content(BINARY), "file", "binary"),
    "utf16-with-bom": Hostile(content(GROUP.encode("utf-16")), "file", "UTF-16"),
    "utf32-with-bom": Hostile(content(GROUP.encode("utf-32")), "file", "UTF-32"),
    "latin1-bytes": Hostile(content(_swap(GROUP, "Test Circle", "Café Crème").decode().encode("latin-1")), r"line 3, column 12", "0xE9 is not UTF-8"),
    "not-toml": Hostile(content(b"Founders Circle\nmeets every other Tuesday\n"), r"line 1, column \d+", "not valid TOML"),
    "toml-unclosed-string": Hostile(content(_swap(GROUP, '"Test Circle"', '"Test Circle')), r"line 3, column \d+", "not valid TOML"),
    "toml-of-a-pyproject": Hostile(
        content(b'[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "x"\nversion = "1"\n'),
        "file",
        r"not a group or template file.*\[build-system\], \[project\]",
    ),
    "group-missing-purpose": Hostile(content(GROUP[: GROUP.index("[purpose]")].encode()), "purpose", r"missing \[purpose\] table"),
    "group-purpose-not-a-table": Hostile(
        content(GROUP[: GROUP.index("[purpose]")].replace("[group]", 'purpose = "be good"\n[group]').encode()),
        "purpose",
        "must be a table",
    ),
    "group-members-not-tables": Hostile(content(b'members = "Ana, Ben"\n' + GROUP[: GROUP.index("[[members]]")].encode()), "members", "array of tables"),
    "group-members-inside-group-table": Hostile(
        content(_swap(GROUP, 'name = "Test Circle"', 'name = "Test Circle"\nmembers = ["Ana"]')),
        r"group\.members",
        r"own \[members\] table",
    ),
    "wrong-type-minutes-ten": Hostile(content(_swap(TEMPLATE, "minutes = 15", 'minutes = "ten"')), r"items\[2\]\.minutes", 'whole number, not "ten"'),
    "wrong-type-minutes-true": Hostile(content(_swap(TEMPLATE, "minutes = 15", "minutes = true")), r"items\[2\]\.minutes", "number, not true"),
    "wrong-type-meeting-minutes-list": Hostile(content(_swap(GROUP, "meeting_minutes = 90", "meeting_minutes = [90]")), r"group\.meeting_minutes", "whole number"),
    "wrong-type-name-number": Hostile(content(_swap(GROUP, 'name = "Ben Okafor"', "name = 42")), r"members\[2\]\.name", "text in quotes"),
    "unknown-field-typo-in-item": Hostile(content(_swap(TEMPLATE, "minutes = 20", "minuts = 20")), r"items\[3\]\.minuts", "did you mean 'minutes'"),
    "unknown-field-typo-in-member": Hostile(content(_swap(GROUP, 'email = "ben', 'emial = "ben')), r"members\[2\]\.emial", "did you mean 'email'"),
    "unknown-field-typo-in-group": Hostile(content(_swap(GROUP, "cadence =", "cadance =")), r"group\.cadance", "did you mean 'cadence'"),
    "unknown-top-level-table": Hostile(content(GROUP.encode() + b"\n[tool.black]\nline-length = 99\n"), "tool", "unknown table"),
    "bad-email": Hostile(content(_swap(GROUP, "ben@example.com", "ben(at)example")), r"members\[2\]\.email", r'not an email address: "ben\(at\)example"'),
    "duplicate-goal-id": Hostile(content(_swap(GROUP, 'id = "follow"', 'id = "grow"')), r"purpose\.goals\[3\]\.id", r'"grow" is used twice \(also in purpose\.goals\[1\]\)'),
    "bad-goal-id": Hostile(content(_swap(GROUP, 'id = "doors"', 'id = "Open Doors!"')), r"purpose\.goals\[2\]\.id", "not a valid id"),
    "bad-goal-kind": Hostile(content(_swap(GROUP, '["asks_offers"]', '["asks"]')), r"purpose\.goals\[2\]\.kinds\[1\]", '"asks" is not allowed'),
    "duplicate-member-id": Hostile(
        content(_swap(_swap(GROUP, 'name = "Ana Souza"', 'id = "m1"\nname = "Ana Souza"').decode(), 'name = "Ben Okafor"', 'id = "m1"\nname = "Ben Okafor"')),
        r"members\[2\]\.id",
        "used twice",
    ),
    "bad-cadence": Hostile(content(_swap(GROUP, '"biweekly"', '"fortnightly"')), r"group\.cadence", r'"fortnightly" is not allowed.*weekly'),
    "bad-slug": Hostile(content(_swap(GROUP, '"test-circle"', '"Test Circle"')), r"group\.slug", "not a valid slug"),
    "bad-start-time": Hostile(content(_swap(GROUP, "start_time = 18:00:00", 'start_time = "six pm"')), r"group\.start_time", "time like 18:00:00"),
    "impossible-date": Hostile(content(_swap(GROUP, "2025-01-14", "2025-02-30")), rf"line {AGREED_ON_LINE}, column 13", "not valid TOML"),
    "empty-name": Hostile(content(_swap(GROUP, 'name = "Ana Souza"', 'name = "   "')), r"members\[1\]\.name", "must not be empty"),
    "deep-arrays-100000": Hostile(content(b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"), "file", "nested too deeply"),
    "deep-inline-tables-100000": Hostile(content(b"a = " + b"{b = " * 100_000 + b"1" + b"}" * 100_000 + b"\n"), "file", "nested too deeply"),
    "deep-arrays-in-a-field": Hostile(content(_swap(GROUP, 'agreed_by = "All members"', "agreed_by = " + "[" * 300 + "]" * 300)), "file", "nested too deeply"),
    "deep-dotted-tables": Hostile(content(b"[" + b".".join([b"a"] * 5000) + b"]\nx = 1\n"), "file", "nested too deeply"),
    "name-200000-characters": Hostile(content(_swap(GROUP, "Ana Souza", "A" * 200_000)), r"members\[1\]\.name", "too long: 200000 characters, at most 120"),
    "integer-5000-digits": Hostile(content(_swap(GROUP, "meeting_minutes = 90", "meeting_minutes = 9" + "0" * 5000)), "file", "more than 4300 digits"),
    "file-2mb": Hostile(content(GROUP.encode() + b"# padding\n" * 200_000), "file", "2,000,[0-9,]+ bytes.*at most 1,000,000"),
    "folder-instead-of-file": Hostile(a_folder, "file", "is a folder"),
    "missing-file": Hostile(nothing, "file", "no such file"),
    "template-with-no-items": Hostile(content(TEMPLATE[: TEMPLATE.index("[[items]]")].encode()), "items", r"at least one \[\[items\]\]"),
    "template-empty-items-list": Hostile(content(b"items = []\n" + TEMPLATE[: TEMPLATE.index("[[items]]")].encode()), "items", "at least 1 entry"),
    "template-items-inside-table": Hostile(
        content(TEMPLATE.replace("[[items]]", "[[template.items]]").encode()), r"template\.items", r"\[\[items\]\] tables after \[template\]"
    ),
    "item-minutes-zero": Hostile(content(_swap(TEMPLATE, "minutes = 10", "minutes = 0")), r"items\[1\]\.minutes", "at least 1, not 0"),
    "item-minutes-10000": Hostile(content(_swap(TEMPLATE, "minutes = 20", "minutes = 10000")), r"items\[3\]\.minutes", "at most 240, not 10000"),
    "item-per-person-nan": Hostile(content(_swap(TEMPLATE, "per_person_minutes = 1", "per_person_minutes = nan")), r"items\[1\]\.per_person_minutes", "ordinary number, not nan"),
    "item-per-person-61": Hostile(content(_swap(TEMPLATE, "per_person_minutes = 1", "per_person_minutes = 61")), r"items\[1\]\.per_person_minutes", "at most 60, not 61"),
    "bad-kind": Hostile(content(_swap(TEMPLATE, 'kind = "hot_seat"', 'kind = "hotseat"')), r"items\[3\]\.kind", r'"hotseat" is not allowed.*hot_seat'),
    "template-missing-slug": Hostile(content(_swap(TEMPLATE, 'slug = "short"\n', "")), r"template\.slug", "required"),
    "key-with-terminal-escapes": Hostile(
        content(_swap(GROUP, "[group]\n", '[group]\n"\\u001b[2J\\u001b[31mred\\nline\\u202e" = 1\n')),
        r'group\."\\x1b\[2J\\x1b\[31mred\\x0aline\\u202e"',
        "unknown field",
    ),
}


def _error_line(stderr: str, path: Path) -> tuple[str, str]:
    """The one stderr line, split into (where, what) after the ``error: FILE: `` prefix."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {stderr[:500]!r}"
    prefix = f"error: {path}: "
    assert lines[0].startswith(prefix), lines[0][:300]
    rest = lines[0][len(prefix) :]
    where, sep, what = rest.partition(": ")
    assert sep, rest[:300]
    return where, what


@pytest.mark.parametrize("case", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_file_is_refused_with_a_file_error(case: Hostile, tmp_path: Path) -> None:
    path = case.make(tmp_path)
    with pytest.raises(FileError) as raised:
        load_file(path)
    error = raised.value
    assert error.file == str(path)
    assert re.fullmatch(case.where, error.where), error.where
    assert re.search(case.what, error.what), error.what
    assert str(error) == f"{path}: {error.where}: {error.what}"
    assert "\n" not in str(error) and "\x1b" not in str(error)
    assert len(str(error)) < 1200


@pytest.mark.parametrize("case", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_file_fails_validate_with_one_error_line(case: Hostile, tmp_path: Path) -> None:
    path = case.make(tmp_path)
    result = run_cli(tmp_path, "validate", str(path))
    assert result.returncode == 1, result.stderr[:500]
    where, what = _error_line(result.stderr, path)
    assert re.fullmatch(case.where, where), where
    assert re.search(case.what, what), what
    assert "\x1b" not in result.stderr
    assert result.stdout == ""


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MASTERMIND_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "meetings", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )


# --------------------------------------------------------------------------- good files


def test_base_group_and_template_are_valid_so_each_hostile_case_is_one_change_away(tmp_path: Path) -> None:
    group = load_bytes(GROUP.encode(), "group.toml")
    template = load_bytes(TEMPLATE.encode(), "template.toml")
    assert isinstance(group, Group) and [m.name for m in group.members] == ["Ana Souza", "Ben Okafor"]
    assert group.start_time == time(18, 0) and group.purpose.agreed_on == date(2025, 1, 14)
    assert isinstance(template, Template) and template.minutes == 50


def test_utf8_with_bom_and_crlf_line_endings_load(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GROUP.replace("\n", "\r\n").encode())
    group = load_file(path)
    assert isinstance(group, Group) and group.name == "Test Circle"


def test_start_time_may_be_written_as_text(tmp_path: Path) -> None:
    group = load_bytes(_swap(GROUP, "start_time = 18:00:00", 'start_time = "07:30"'), "g.toml")
    assert isinstance(group, Group) and group.start_time == time(7, 30)


def test_load_group_refuses_a_template_and_load_template_refuses_a_group(tmp_path: Path) -> None:
    group_path = tmp_path / "g.toml"
    template_path = tmp_path / "t.toml"
    group_path.write_text(GROUP, encoding="utf-8")
    template_path.write_text(TEMPLATE, encoding="utf-8")
    assert files.load_group(group_path).slug == "test-circle"
    assert files.load_template(template_path).slug == "short"
    with pytest.raises(FileError, match="template file, not a group file"):
        files.load_group(template_path)
    with pytest.raises(FileError, match="group file, not a template file"):
        files.load_template(group_path)


def test_validate_reports_the_good_file_and_fails_on_the_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    bad = tmp_path / "bad.toml"
    template = tmp_path / "agenda.toml"
    good.write_text(GROUP, encoding="utf-8")
    bad.write_bytes(_swap(GROUP, "ben@example.com", "ben(at)example"))
    template.write_text(TEMPLATE, encoding="utf-8")
    result = run_cli(tmp_path, "validate", str(good), str(bad), str(template))
    assert result.returncode == 1
    assert f"ok: {good}: group 'test-circle', 2 members, 3 goals" in result.stdout.splitlines()
    assert f"ok: {template}: template 'short', 4 items, 50 min" in result.stdout.splitlines()
    where, what = _error_line(result.stderr, bad)
    assert where == "members[2].email" and "not an email address" in what


def test_validate_of_good_files_exits_zero(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GROUP, encoding="utf-8")
    result = run_cli(tmp_path, "validate", str(good))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"ok: {good}: group 'test-circle'")


def test_a_file_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(FileError, match="not a regular file"):
        load_file(fifo)


def test_a_path_with_a_nul_byte_is_refused_not_crashed() -> None:
    with pytest.raises(FileError, match="not a usable file name"):
        load_file("group\x00.toml")


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[31m\nname.toml"
    path.write_bytes(b"")
    with pytest.raises(FileError) as raised:
        load_file(path)
    assert "\n" not in str(raised.value) and "\x1b" not in str(raised.value)
    assert "evil\\x1b[31m\\x0aname.toml" in raised.value.file


def test_two_problems_report_the_first_and_count_the_rest() -> None:
    raw = _swap(_swap(TEMPLATE, "minutes = 10", "minutes = 0").decode(), "minutes = 20", "minutes = 999")
    with pytest.raises(FileError) as raised:
        load_bytes(raw, "t.toml")
    assert raised.value.where == "items[1].minutes"
    assert raised.value.what.endswith("(and 1 more problem)")


# --------------------------------------------------------------------------- properties


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_or_file_error(raw: bytes) -> None:
    """The property: a model of the right kind, or FileError; nothing else ever escapes."""
    try:
        model = load_bytes(raw, "fuzz.toml")
    except FileError as exc:
        assert str(exc).startswith("fuzz.toml: ")
        assert "\n" not in str(exc) and "\r" not in str(exc)
        return
    assert isinstance(model, (Group, Template))


@FUZZ
@given(st.binary(max_size=4000))
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b"a = 1" + b"0" * 5000)
def test_arbitrary_bytes_never_raise_anything_but_file_error(raw: bytes) -> None:
    _load_or_file_error(raw)


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises_anything_but_file_error(text: str) -> None:
    _load_or_file_error(text.encode("utf-8", "surrogatepass"))


_TOML_BITS = st.sampled_from(
    [
        "[group]", "[purpose]", "[[purpose.goals]]", "[[members]]", "[template]", "[[items]]", "\n", " = ",
        '"', "'", '"""', "[", "]", "{", "}", ",", "=", ".", "#", "name", "slug", "kind", "minutes", "id",
        "email", "kinds", "goals", "1", "-1", "1e999", "nan", "true", "2025-02-30", "18:00:00", "\\u0000",
        "\\", "x" * 130, "é", "\x1b", "\u202e", "round", "close",
    ]
)


@FUZZ
@given(st.lists(_TOML_BITS, max_size=60).map("".join))
def test_toml_shaped_noise_never_raises_anything_but_file_error(text: str) -> None:
    _load_or_file_error(text.encode())


@FUZZ
@given(base=st.sampled_from([GROUP, TEMPLATE]), data=st.data())
def test_mutated_valid_files_never_raise_anything_but_file_error(base: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(base)))
    end = data.draw(st.integers(start, min(len(base), start + 40)))
    insert = data.draw(st.one_of(_TOML_BITS, st.text(max_size=20)))
    _load_or_file_error((base[:start] + insert + base[end:]).encode("utf-8", "surrogatepass"))


# Arbitrary TOML documents of any shape, written out by a serializer independent of files.py.
_scalars = st.one_of(
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
    st.times(),
)
_keys = st.one_of(
    st.sampled_from(["group", "purpose", "members", "goals", "template", "items", "name", "slug", "id", "kind", "minutes", "statement", "email", "kinds"]),
    st.text(max_size=8),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=30,
)


def _toml_key(key: str) -> str:
    return '"' + "".join(c if c not in '"\\' and 0x20 <= ord(c) != 0x7F else f"\\u{ord(c):04x}" for c in key) + '"'


def _toml_inline(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value == float("inf") else "-inf" if value == float("-inf") else repr(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_key(value)
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_inline(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in value.items()) + "}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _values, max_size=5))
def test_toml_documents_of_any_shape_never_raise_anything_but_file_error(doc: dict[str, object]) -> None:
    text = "\n".join(f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in doc.items())
    _load_or_file_error(text.encode())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.dictionaries(_keys, _values, max_size=6),
    purpose=st.dictionaries(_keys, _values, max_size=4),
    members=st.lists(st.dictionaries(_keys, _values, max_size=4), max_size=3),
)
def test_group_shaped_documents_never_raise_anything_but_file_error(
    head: dict[str, object], purpose: dict[str, object], members: list[dict[str, object]]
) -> None:
    doc = {"group": {"slug": "x", "name": "X", **head}, "purpose": {"statement": "s", **purpose}, "members": members}
    _load_or_file_error(_toml_document(doc).encode())


def _toml_document(doc: dict[str, object]) -> str:
    return "\n".join(f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in doc.items())


# --------------------------------------------------------------------------- round trips


def test_bundled_groups_survive_a_round_trip_through_toml() -> None:
    bundled = files.bundled_groups()
    assert len(bundled) >= 4
    for group in bundled:
        text = group_to_toml(group)
        assert load_bytes(text.encode(), f"{group.slug}.toml") == group


def test_bundled_templates_survive_a_round_trip_through_toml() -> None:
    bundled = files.bundled_templates()
    assert len(bundled) >= 5
    for template in bundled:
        assert load_bytes(template_to_toml(template).encode(), f"{template.slug}.toml") == template


def test_exported_group_keeps_member_ids_so_history_still_matches(tmp_path: Path) -> None:
    group = files.bundled_groups()[0]
    path = tmp_path / "export.toml"
    path.write_text(group_to_toml(group), encoding="utf-8")
    again = files.load_group(path)
    assert [m.id for m in again.members] == [m.id for m in group.members]
    assert again.id == group.id


def test_exported_group_is_written_in_multiline_strings_where_text_has_newlines() -> None:
    group = Group(
        slug="g",
        name="G",
        purpose=Purpose(statement='Line one\nLine "two" \\ and\n"""three"""'),
        members=[Member(name="Ana", objectives="first\r\nsecond\tthird")],
    )
    text = group_to_toml(group)
    assert 'statement = """\nLine one\nLine \\"two\\" \\\\ and\n\\"\\"\\"three\\"\\"\\""""' in text
    assert load_bytes(text.encode(), "g.toml") == group


ODD = st.sampled_from(
    [
        '"', "'", '"""', "'''", "\\", "\\n", "\\u0041", "\n", "\r\n", "\r", "\t", "\x00", "\x1b[31m", "\x7f", "\x85",
        "\u2028", "\ufeff", "é", "Ωμέγα", "مرحبا", "\u202eevil", "👩‍👩‍👧", "[bold]", "[@click=app.quit]", "# not a comment",
        "key = value", "[group]", "${HOME}", " ",
    ]
)
ODD_TEXT = st.lists(st.one_of(ODD, st.text(st.characters(codec="utf-8"), max_size=8)), max_size=6).map("".join)


def _fits(limit: int, required: bool = False) -> st.SearchStrategy[str]:
    strategy = ODD_TEXT.map(lambda s: s.strip()[:limit].strip())
    # Required text must still hold something once the model has dropped C1 controls (\x80).
    return strategy.filter(lambda s: bool(str(visible(s)).strip())) if required else strategy


_email = st.one_of(st.just(""), st.from_regex(r"[a-z0-9.+_-]{1,10}@[a-z0-9-]{1,10}\.(org|com|example)", fullmatch=True))
_times = st.one_of(st.times(), st.times(timezones=st.just(timezone(timedelta(hours=-3, minutes=-30)))))


@st.composite
def odd_groups(draw: st.DrawFn) -> Group:
    goal_ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True), max_size=4, unique=True))
    goals = [
        Goal(id=g, title=draw(_fits(120, True)), success=draw(_fits(500)), kinds=draw(st.lists(st.sampled_from(list(ItemKind)), max_size=4)))
        for g in goal_ids
    ]
    members = [
        Member(
            name=draw(_fits(120, True)),
            email=draw(_email),
            company=draw(_fits(120)),
            sector=draw(_fits(120)),
            role=draw(_fits(120)),
            objectives=draw(_fits(4000)),
            joined=draw(st.none() | st.dates()),
            left=draw(st.none() | st.dates()),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    return Group(
        slug=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        name=draw(_fits(120, True)),
        cadence=draw(st.sampled_from(list(Cadence))),
        meeting_minutes=draw(st.integers(5, 600)),
        start_time=draw(_times),
        default_template=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        confidentiality=draw(st.sampled_from(list(Visibility))),
        hot_seat_protocol=draw(_fits(500)),
        purpose=Purpose(
            statement=draw(_fits(4000, True)),
            agreed_on=draw(st.none() | st.dates()),
            agreed_by=draw(_fits(120)),
            goals=goals,
        ),
        members=members,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(odd_groups())
def test_any_group_with_odd_strings_survives_a_round_trip_through_toml(group: Group) -> None:
    text = group_to_toml(group)
    assert load_bytes(text.encode("utf-8"), "roundtrip.toml") == group


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    slug=st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    name=_fits(120, True),
    description=_fits(4000),
    items=st.lists(
        st.builds(
            TemplateItem,
            title=_fits(120, True),
            kind=st.sampled_from(list(ItemKind)),
            minutes=st.integers(1, 240),
            guidance=_fits(4000),
            per_person_minutes=st.none() | st.floats(min_value=0.001, max_value=60),
            goal=st.none() | st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True),
            social_glue=st.booleans(),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_any_template_with_odd_strings_survives_a_round_trip_through_toml(
    slug: str, name: str, description: str, items: list[TemplateItem]
) -> None:
    template = Template(slug=slug, name=name, description=description, items=items)
    assert load_bytes(template_to_toml(template).encode("utf-8"), "roundtrip.toml") == template


def test_group_with_a_cleared_protocol_keeps_it_cleared_after_a_round_trip() -> None:
    # The model's default protocol is not empty: an empty one must be written, not left out.
    group = Group(slug="g", name="G", hot_seat_protocol="", purpose=Purpose(statement="Why we meet."))
    again = load_bytes(group_to_toml(group).encode(), "g.toml")
    assert isinstance(again, Group) and again.hot_seat_protocol == ""


def test_bundled_content_comes_back_as_fresh_copies() -> None:
    first = files.bundled_groups()[0]
    first.name = "Renamed by a test"
    first.members.clear()
    again = files.bundled_groups()[0]
    assert again.name != "Renamed by a test" and again.members
