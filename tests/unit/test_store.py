"""The store never loses a facilitator's data.

Stories: whatever is saved comes back unchanged; a crash mid-write leaves the previous file
whole; a second writer is refused while readers carry on; a broken file is named, never
overwritten; files are private; old files are migrated with a backup kept; closed meetings
never change.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import platformdirs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import meetings.store as store_module
from meetings.live import LiveMeeting
from meetings.models import (
    Commitment,
    Goal,
    Group,
    Meeting,
    MeetingStatus,
    Member,
    Purpose,
)
from meetings.store import (
    SCHEMA_VERSION,
    BrokenFile,
    Store,
    StoreError,
    StoreLocked,
    atomic_write,
    resolve_data_dir,
)
from tests.unit.strategies import groups, meetings

REPO = Path(__file__).resolve().parents[2]
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# --------------------------------------------------------------------------- helpers


def founders(name: str = "Founders Circle", slug: str = "founders") -> Group:
    return Group(
        id=f"{slug}-id",
        slug=slug,
        name=name,
        purpose=Purpose(
            statement="Help each other build companies that last, and open doors for founders outside the circle.",
            goals=[Goal(id="doors", title="Open doors outside the circle")],
        ),
        members=[
            Member(id="ana", name="Ana Souza", email="ana@example.com"),
            Member(id="ben", name="Ben Okafor", objectives="[bold]an intro[/bold] to a hospital buyer 🏥"),
        ],
    )


def meeting_of(group: Group, number: int = 1, *, day: date | None = None, closed: bool = False) -> Meeting:
    day = day or date(2026, 1, 1) + timedelta(days=14 * number)
    return Meeting(
        group=group.slug,
        number=number,
        date=day,
        template="classic-mastermind",
        status=MeetingStatus.CLOSED if closed else MeetingStatus.LIVE,
        commitments=[Commitment(owner="ana", text="send the pricing survey to 20 customers", due=day)],
    )


def close(meeting: Meeting) -> Meeting:
    return Meeting.model_validate({**meeting.model_dump(), "status": MeetingStatus.CLOSED})


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: a data folder as a value to compare."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")]


def python(code: str, *args: str, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,  # type: ignore[arg-type]
    )


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "meetings", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


GROUP_TOML = """\
[group]
slug = "riverside"
name = "Riverside Referral Group"

[purpose]
statement = "Refer each other good work."

[[members]]
id = "farah"
name = "Farah Khan"
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    with Store(data_dir) as opened:
        yield opened


# --------------------------------------------------------------------------- 1. round trips


@settings(max_examples=40, deadline=None)
@given(group=groups())
def test_any_group_saved_is_read_back_unchanged_by_a_new_store(group: Group) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with Store(tmp) as writer:
            writer.save_group(group)
        reader = Store(tmp, writer=False)
        assert reader.group(group.slug) == group
        assert reader.groups() == ([group], [])


@settings(max_examples=25, deadline=None)
@given(data=st.data(), group=groups(max_members=5))
def test_any_meeting_saved_is_read_back_unchanged_by_a_new_store(data: st.DataObject, group: Group) -> None:
    saved = data.draw(st.lists(meetings(group), min_size=1, max_size=2, unique_by=lambda m: m.id))
    with tempfile.TemporaryDirectory() as tmp:
        with Store(tmp) as writer:
            writer.save_group(group)
            for meeting in saved:
                writer.save_meeting(meeting)
        reader = Store(tmp, writer=False)
        for meeting in saved:
            assert reader.meeting(group.slug, meeting.id) == meeting
        found, problems = reader.meetings(group.slug)
        assert problems == []
        assert {m.id: m for m in found} == {m.id: m for m in saved}
        assert [(m.date, m.number) for m in found] == sorted((m.date, m.number) for m in saved)
        assert {m.id for m in reader.history(group.slug)} == {m.id for m in saved if m.closed}


def test_a_live_meeting_saved_again_replaces_its_file_and_keeps_one(store: Store) -> None:
    group = founders()
    store.save_group(group)
    meeting = meeting_of(group)
    store.save_meeting(meeting)
    meeting.current = 3
    store.save_meeting(meeting)
    assert store.meeting(group.slug, meeting.id).current == 3
    assert len(store.meeting_files(group.slug)) == 1


def test_a_meeting_moved_to_another_date_leaves_no_stale_copy_to_resume(store: Store) -> None:
    group = founders()
    meeting = meeting_of(group, day=date(2026, 11, 24))
    store.save_meeting(meeting)
    meeting.date = date(2026, 11, 25)
    store.save_meeting(meeting)
    assert len(store.meeting_files(group.slug)) == 1
    assert [m.date for m in store.unfinished(group.slug)] == [date(2026, 11, 25)]


def test_a_meeting_is_found_by_its_number_as_well_as_its_id(store: Store) -> None:
    group = founders()
    first, second = meeting_of(group, 1), meeting_of(group, 42)
    store.save_meeting(first)
    store.save_meeting(second)
    assert store.meeting(group.slug, "42") == second
    assert store.meeting(group.slug, first.id) == first
    with pytest.raises(StoreError, match="no meeting '7'"):
        store.meeting(group.slug, "7")


def test_an_id_that_reads_like_a_number_finds_its_own_meeting(store: Store) -> None:
    group = founders()
    numbered_two = meeting_of(group, 2, day=date(2026, 1, 1))
    id_two = Meeting.model_validate({**meeting_of(group, 9, day=date(2026, 2, 1)).model_dump(), "id": "2"})
    store.save_meeting(numbered_two)
    store.save_meeting(id_two)
    assert store.meeting(group.slug, "2") == id_two


@pytest.mark.parametrize("slug", ["../escape", "Founders", "a/b", "", ".hidden"])
def test_a_slug_that_is_not_a_file_name_is_refused(store: Store, slug: str) -> None:
    with pytest.raises(StoreError, match="not a group slug"):
        store.group(slug)
    assert not (store.root.parent / "escape.json").exists()


@pytest.mark.parametrize("meeting_id", ["../../groups/founders", "a/b", ".x", "x y"])
def test_a_meeting_id_that_could_escape_its_folder_is_refused(store: Store, meeting_id: str) -> None:
    group = founders()
    store.save_group(group)
    before = tree(store.root)
    meeting = Meeting.model_validate({**meeting_of(group).model_dump(), "id": meeting_id})
    with pytest.raises(StoreError, match="not a meeting id"):
        store.save_meeting(meeting)
    assert tree(store.root) == before


# --------------------------------------------------------------------------- 2. crashes


def _save_then_fail(store: Store, monkeypatch: pytest.MonkeyPatch, failure: str) -> tuple[Path, bytes, Group]:
    """Save the group, then make the next save fail in the way named, and try it."""
    group = founders()
    store.save_group(group)
    path = store.group_path(group.slug)
    before = path.read_bytes()
    _break_writes(monkeypatch, failure)
    changed = founders(name="Founders Circle, renamed")
    with pytest.raises(StoreError) as caught:
        store.save_group(changed)
    assert not isinstance(caught.value, OSError)
    assert str(path) in str(caught.value)
    monkeypatch.undo()
    return path, before, group


def _break_writes(monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    if failure == "replace":
        def refuse_replace(src: object, dst: object) -> None:
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(os, "replace", refuse_replace)
    elif failure == "fsync":
        def refuse_fsync(fd: int) -> None:
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(os, "fsync", refuse_fsync)
    elif failure == "disk full half way":
        real_fdopen = os.fdopen

        class HalfWritten:
            """A file that takes half of what it is given, then the disk is full."""

            def __init__(self, f: object) -> None:
                self.f = f

            def __enter__(self) -> HalfWritten:
                return self

            def __exit__(self, *exc: object) -> None:
                self.f.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> int:
                self.f.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                self.f.flush()  # type: ignore[attr-defined]
                raise OSError(errno.ENOSPC, "No space left on device")

            def __getattr__(self, name: str) -> object:
                return getattr(self.f, name)

        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWritten(real_fdopen(fd, *a, **k)))
    elif failure == "temp file":
        def refuse_mkstemp(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EDQUOT, "Disk quota exceeded")

        monkeypatch.setattr(tempfile, "mkstemp", refuse_mkstemp)
    else:
        raise AssertionError(failure)


@pytest.mark.parametrize("failure", ["replace", "fsync", "disk full half way", "temp file"])
def test_crash_during_a_group_write_leaves_the_previous_file_intact(
    store: Store, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    path, before, group = _save_then_fail(store, monkeypatch, failure)
    assert path.read_bytes() == before
    assert temp_files(store.root) == []
    assert store.group(group.slug) == group


@pytest.mark.parametrize("failure", ["replace", "fsync", "disk full half way"])
def test_crash_during_a_meeting_write_leaves_the_previous_file_intact(
    store: Store, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    group = founders()
    meeting = meeting_of(group)
    store.save_meeting(meeting)
    path = store.meeting_path(meeting)
    before = path.read_bytes()
    _break_writes(monkeypatch, failure)
    meeting.current = 2
    with pytest.raises(StoreError, match="nothing was changed") as caught:
        store.save_meeting(meeting)
    assert not isinstance(caught.value, OSError)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_files(store.root) == []
    assert store.meeting(group.slug, meeting.id).current == 0


def test_an_interrupt_during_a_write_removes_the_temp_file_and_keeps_the_old(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = founders()
    store.save_group(group)
    before = store.group_path(group.slug).read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save_group(founders(name="Renamed"))
    monkeypatch.undo()
    assert store.group_path(group.slug).read_bytes() == before
    assert temp_files(store.root) == []


def test_a_failed_first_save_leaves_no_file_at_all(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_writes(monkeypatch, "replace")
    with pytest.raises(StoreError):
        store.save_group(founders())
    monkeypatch.undo()
    assert store.group_slugs() == []
    assert temp_files(store.root) == []


def test_a_leftover_temp_file_from_a_crash_is_not_mistaken_for_a_record(store: Store) -> None:
    group = founders()
    store.save_group(group)
    store.save_meeting(meeting_of(group))
    (store.root / "groups" / ".founders.json.abc123.tmp").write_bytes(b'{"half": ')
    (store.root / "meetings" / "founders" / ".x.json.abc123.tmp").write_bytes(b"")
    assert store.groups() == ([group], [])
    assert len(store.meetings("founders")[0]) == 1
    assert store.meetings("founders")[1] == []


KILLED_WRITER = """
    import sys
    from meetings.models import Group, Member, Purpose
    from meetings.store import Store

    store = Store(sys.argv[1])
    # A large group so that a write takes long enough to be caught half way.
    members = [Member(id=f"m{i}", name=f"Member {i} 👩🏽‍💻", objectives="ש" * 2000) for i in range(200)]
    for round in range(100_000):
        store.save_group(Group(slug="founders", name=f"Round {round}", purpose=Purpose(statement="x"), members=members))
        if round == 0:
            print("saved", flush=True)
"""


def test_a_writer_killed_mid_loop_leaves_a_group_file_that_parses(data_dir: Path) -> None:
    child = python(KILLED_WRITER, str(data_dir))
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "saved\n", child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL  # it was killed while still writing, not finished
    reader = Store(data_dir, writer=False)
    group = reader.group("founders")
    assert group.name.startswith("Round ")
    assert len(group.members) == 200
    assert reader.groups()[1] == []
    # The killed process's lock is gone with it.
    with Store(data_dir) as writer:
        writer.save_group(founders())


# --------------------------------------------------------------------------- 3. one writer


def test_a_second_writer_is_refused_while_readers_still_work(data_dir: Path) -> None:
    first = Store(data_dir)
    try:
        first.save_group(founders())
        with pytest.raises(StoreLocked, match="another Mastermind"):
            Store(data_dir)
        reader = Store(data_dir, writer=False)
        assert [g.slug for g in reader.groups()[0]] == ["founders"]
        with pytest.raises(StoreError, match="reading only"):
            reader.save_group(founders(slug="other"))
    finally:
        first.close()
    with Store(data_dir) as second:
        second.save_group(founders(slug="second"))
    assert Store(data_dir, writer=False).group_slugs() == ["founders", "second"]


def test_a_second_writer_command_is_refused_with_one_error_line(data_dir: Path, tmp_path: Path) -> None:
    group_file = tmp_path / "riverside.toml"
    group_file.write_text(GROUP_TOML, encoding="utf-8")
    with Store(data_dir) as holder:
        holder.save_group(founders())
        refused = cli(data_dir, "groups", "import", str(group_file))
        assert_one_error_line(refused, "another Mastermind", str(data_dir))
        listed = cli(data_dir, "groups", "list")
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.splitlines()[0].split("\t")[0] == "founders"
    imported = cli(data_dir, "groups", "import", str(group_file))
    assert imported.returncode == 0, imported.stderr
    assert Store(data_dir, writer=False).group_slugs() == ["founders", "riverside"]


HOLDING_WRITER = """
    import sys
    from meetings.store import Store

    store = Store(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.read()  # hold the lock until the test closes stdin or kills us
"""


def test_the_lock_is_released_when_a_writer_process_is_killed(data_dir: Path) -> None:
    child = python(HOLDING_WRITER, str(data_dir), stdin=subprocess.PIPE)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "holding\n"
        with pytest.raises(StoreLocked):
            Store(data_dir)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    with Store(data_dir) as writer:
        writer.save_group(founders())


# --------------------------------------------------------------------------- 4. broken files


def _truncate(path: Path) -> bytes:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path.read_bytes()


def test_a_truncated_group_file_is_named_and_never_overwritten(store: Store) -> None:
    group = founders()
    store.save_group(group)
    path = store.group_path(group.slug)
    broken = _truncate(path)
    with pytest.raises(BrokenFile) as caught:
        store.group(group.slug)
    assert str(path) in str(caught.value)
    assert "no backup" in str(caught.value)
    with pytest.raises(BrokenFile):
        store.save_group(group)
    assert path.read_bytes() == broken


def test_a_truncated_meeting_file_is_named_and_never_overwritten(store: Store) -> None:
    group = founders()
    meeting = meeting_of(group)
    store.save_meeting(meeting)
    path = store.meeting_path(meeting)
    broken = _truncate(path)
    with pytest.raises(BrokenFile, match="not valid JSON") as caught:
        store.meeting(group.slug, meeting.id)
    assert str(path) in str(caught.value)
    meeting.current = 1
    with pytest.raises(BrokenFile):
        store.save_meeting(meeting)
    with pytest.raises(BrokenFile):
        store.delete_meeting(meeting)
    assert path.read_bytes() == broken
    found, problems = store.meetings(group.slug)
    assert found == []
    assert [str(path) in str(p) for p in problems] == [True]


def test_a_broken_file_names_its_last_backup(store: Store) -> None:
    group = founders()
    store.save_group(group)
    meeting = close(meeting_of(group))
    store.save_meeting(meeting)
    group_backup = store.latest_backup(store.group_path(group.slug))
    meeting_backup = store.latest_backup(store.meeting_path(meeting))
    assert group_backup is not None and meeting_backup is not None
    _truncate(store.group_path(group.slug))
    _truncate(store.meeting_path(meeting))
    with pytest.raises(BrokenFile) as on_group:
        store.group(group.slug)
    assert on_group.value.backup == group_backup
    assert str(group_backup) in str(on_group.value)
    with pytest.raises(BrokenFile) as on_meeting:
        store.meeting(group.slug, meeting.id)
    assert str(meeting_backup) in str(on_meeting.value)
    # The backup is whole: the facilitator can copy it back.
    assert Group.model_validate(json.loads(group_backup.read_text("utf-8"))["record"]["1"]) == group


def test_groups_list_reports_a_broken_group_and_still_lists_the_others(store: Store) -> None:
    store.save_group(founders())
    store.save_group(founders(name="Riverside", slug="riverside"))
    _truncate(store.group_path("founders"))
    store.close()
    result = cli(store.root, "groups", "list")
    assert_one_error_line(result, str(store.group_path("founders")))
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["riverside"]


VALID_GROUP_RECORD = founders().model_dump(mode="json")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"not json at all", "not valid JSON"),
        (b"\xff\xfe{\x00}\x00", "not valid JSON"),
        (b"[1, 2, 3]", "not a Mastermind data file"),
        (b'{"record": [1]}', "not a Mastermind data file"),
        (b'{"record": {"1": 5}}', "holds no record"),
        (b'{"_meta": {"1": {"schema_version": 1}}}', "holds no record"),
        (b'{"_meta": {"1": "one"}, "record": {"1": {}}}', "_meta"),
        (json.dumps({"_meta": {"1": {"schema_version": "one"}}, "record": {"1": VALID_GROUP_RECORD}}).encode(), "schema_version"),
        (json.dumps({"_meta": {"1": {"schema_version": True}}, "record": {"1": VALID_GROUP_RECORD}}).encode(), "schema_version"),
        (json.dumps({"record": {"1": {**VALID_GROUP_RECORD, "slug": "Not A Slug"}}}).encode(), "slug"),
        (json.dumps({"record": {"1": {**VALID_GROUP_RECORD, "membres": []}}}).encode(), "membres"),
        (json.dumps({"record": {"1": {**VALID_GROUP_RECORD, "meeting_minutes": 1}}}).encode(), "meeting_minutes"),
        (b"[" * 100_000, "not valid JSON"),
    ],
    ids=[
        "empty",
        "not json",
        "utf16",
        "a list",
        "table not an object",
        "record not an object",
        "no record",
        "meta not an object",
        "version a string",
        "version a boolean",
        "bad slug",
        "unknown field",
        "out of range",
        "absurd nesting",
    ],
)
def test_an_unreadable_group_file_is_reported_by_name_and_left_as_it_is(
    store: Store, content: bytes, reason: str
) -> None:
    path = store.group_path("founders")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(BrokenFile) as caught:
        store.group("founders")
    assert str(path) in str(caught.value) and reason in str(caught.value)
    with pytest.raises(BrokenFile):
        store.save_group(founders())
    assert path.read_bytes() == content
    groups_found, problems = store.groups()
    assert groups_found == [] and len(problems) == 1


def test_a_folder_where_a_group_file_should_be_is_reported(store: Store) -> None:
    store.group_path("founders").mkdir(parents=True)
    (store.group_path("founders") / "keep.txt").write_text("mine")
    with pytest.raises(BrokenFile, match="is a folder"):
        store.save_group(founders())
    assert (store.group_path("founders") / "keep.txt").read_text() == "mine"


# --------------------------------------------------------------------------- 5. permissions


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for p in root.rglob("*"):
        found[str(p.relative_to(root))] = stat.S_IMODE(p.stat().st_mode)
    return found


@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask 022", "umask 000"])
def test_every_file_is_private_to_its_owner_whatever_the_umask(data_dir: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        with Store(data_dir) as store:
            group = founders()
            store.save_group(group)
            live = meeting_of(group, 1)
            store.save_meeting(live)
            store.delete_meeting(live)
            store.save_meeting(close(meeting_of(group, 2)))
            store.save_settings({"theme": "gruvbox"})
            modes = _modes(data_dir)
    finally:
        os.umask(old)
    folders = {name for name in modes if (data_dir / name).is_dir()}
    files = set(modes) - folders
    assert {".", "groups", "meetings", "meetings/founders", "backups"} <= folders
    assert ".lock" in files and "groups/founders.json" in files
    assert any(name.startswith("backups/") and name.endswith("founders.json") for name in files)
    assert {name: oct(modes[name]) for name in folders} == {name: "0o700" for name in folders}
    assert {name: oct(modes[name]) for name in files} == {name: "0o600" for name in files}


def test_atomic_write_makes_missing_parent_folders_private(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.json"
    atomic_write(target, b"{}")
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- 6. schema versions


def _write_record(path: Path, record: dict, version: int) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps({"_meta": {"1": {"schema_version": version}}, "record": {"1": record}}).encode()
    path.write_bytes(raw)
    return raw


def test_a_file_from_a_newer_mastermind_is_refused_and_kept(store: Store) -> None:
    path = store.group_path("founders")
    raw = _write_record(path, VALID_GROUP_RECORD, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer Mastermind") as caught:
        store.group("founders")
    assert str(path) in str(caught.value)
    with pytest.raises(StoreError, match="newer Mastermind"):
        store.save_group(founders())
    assert path.read_bytes() == raw


@pytest.fixture
def schema_two(monkeypatch: pytest.MonkeyPatch):
    """Pretend this Mastermind reads schema 2, where a group's "title" became its "name"."""

    def title_to_name(record: dict) -> dict:
        record = dict(record)
        record["name"] = record.pop("title")
        return record

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store_module.MIGRATIONS, ("group", 1), title_to_name)


def _old_group_file(root: Path) -> tuple[Path, bytes]:
    old = dict(VALID_GROUP_RECORD)
    old["title"] = old.pop("name")
    return root / "groups" / "founders.json", old


@pytest.mark.usefixtures("schema_two")
def test_an_old_file_is_migrated_written_back_and_its_original_kept_in_backups(store: Store) -> None:
    path, old = _old_group_file(store.root)
    raw = _write_record(path, old, 1)
    group = store.group("founders")
    assert group == founders()
    on_disk = json.loads(path.read_text("utf-8"))
    assert on_disk["_meta"]["1"]["schema_version"] == 2
    assert on_disk["record"]["1"]["name"] == "Founders Circle" and "title" not in on_disk["record"]["1"]
    backups = [p for p in store.backups_dir.rglob("founders.json")]
    assert len(backups) == 1 and "schema1" in str(backups[0])
    assert backups[0].read_bytes() == raw
    # Read again: already migrated, so no second backup.
    assert store.group("founders") == group
    assert len(list(store.backups_dir.rglob("founders.json"))) == 1


@pytest.mark.usefixtures("schema_two")
def test_a_reader_migrates_in_memory_and_leaves_the_old_file(data_dir: Path) -> None:
    path, old = _old_group_file(data_dir)
    raw = _write_record(path, old, 1)
    reader = Store(data_dir, writer=False)
    assert reader.group("founders") == founders()
    assert path.read_bytes() == raw
    assert not reader.backups_dir.exists()


@pytest.mark.usefixtures("schema_two")
def test_a_migration_that_yields_an_invalid_record_never_overwrites_the_file(store: Store) -> None:
    path, old = _old_group_file(store.root)
    old["title"] = ""  # becomes an empty name: refused by the model
    raw = _write_record(path, old, 1)
    with pytest.raises(BrokenFile, match="name"):
        store.group("founders")
    assert path.read_bytes() == raw


@pytest.mark.usefixtures("schema_two")
def test_a_migration_that_fails_on_an_odd_file_is_reported_and_the_file_kept(store: Store) -> None:
    path = store.group_path("founders")
    raw = _write_record(path, VALID_GROUP_RECORD, 1)  # no "title": the migration cannot run
    with pytest.raises(StoreError, match="migration from schema 1 failed") as caught:
        store.group("founders")
    assert str(path) in str(caught.value)
    assert path.read_bytes() == raw


@pytest.mark.usefixtures("schema_two")
def test_a_file_with_no_migration_path_is_reported(store: Store) -> None:
    meeting = meeting_of(founders())
    path = store.root / "meetings" / "founders" / "2026-11-11_00001_abc.json"
    raw = _write_record(path, meeting.model_dump(mode="json"), 1)
    with pytest.raises(StoreError, match="no migration from schema 1 for a meeting"):
        store.meeting("founders", "abc")
    assert path.read_bytes() == raw


def test_new_files_carry_the_current_schema_version(store: Store) -> None:
    store.save_group(founders())
    on_disk = json.loads(store.group_path("founders").read_text("utf-8"))
    assert on_disk["_meta"]["1"] == {"schema_version": SCHEMA_VERSION}


# --------------------------------------------------------------------------- 7. closed meetings and backups


def test_a_closed_meeting_can_never_be_changed_again(store: Store) -> None:
    group = founders()
    store.save_group(group)
    meeting = close(meeting_of(group))
    store.save_meeting(meeting)
    before = tree(store.root / "meetings")
    for change in ({"current": 4}, {}, {"date": date(2027, 1, 1)}, {"number": 7}, {"status": "live"}):
        altered = Meeting.model_validate({**meeting.model_dump(), **change})
        with pytest.raises(StoreError, match="closed and cannot change"):
            store.save_meeting(altered)
    assert tree(store.root / "meetings") == before


def test_closing_a_meeting_backs_up_the_group_and_the_meeting(store: Store) -> None:
    group = founders()
    store.save_group(group)
    meeting = meeting_of(group)
    store.save_meeting(meeting)
    assert not store.backups_dir.exists()
    store.save_meeting(close(meeting))
    sets = sorted(store.backups_dir.iterdir())
    assert len(sets) == 1 and sets[0].name.endswith("-close")
    copied = tree(sets[0])
    assert copied == {
        "groups/founders.json": store.group_path("founders").read_bytes(),
        str(store.meeting_path(meeting).relative_to(store.root)): store.meeting_path(meeting).read_bytes(),
    }


def test_backups_are_pruned_to_the_newest_few(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BACKUPS_KEPT", 3)
    group = founders()
    store.save_group(group)
    closed = [close(meeting_of(group, n)) for n in range(1, 6)]
    made = []
    for meeting in closed:
        store.save_meeting(meeting)
        made.append(sorted(store.backups_dir.iterdir())[-1].name)
    kept = sorted(p.name for p in store.backups_dir.iterdir())
    assert kept == made[-3:]


def test_latest_backup_finds_the_newest_copy_of_a_file(store: Store) -> None:
    store.save_group(founders(name="Founders Circle"))
    store.save_meeting(close(meeting_of(founders(), 1)))
    store.save_group(founders(name="Founders Circle, year two"))
    store.save_meeting(close(meeting_of(founders(), 2)))
    newest = store.latest_backup(store.group_path("founders"))
    assert newest is not None
    assert json.loads(newest.read_text("utf-8"))["record"]["1"]["name"] == "Founders Circle, year two"
    assert store.latest_backup(store.root / "groups" / "nobody.json") is None
    assert store.latest_backup(Path("/elsewhere/groups/founders.json")) is None


def test_a_closed_meeting_cannot_be_deleted(store: Store) -> None:
    group = founders()
    meeting = close(meeting_of(group))
    store.save_meeting(meeting)
    with pytest.raises(StoreError, match="cannot be deleted"):
        store.delete_meeting(meeting)
    # Not even through a stale live copy of it held in memory.
    stale = Meeting.model_validate({**meeting.model_dump(), "status": "live"})
    with pytest.raises(StoreError, match="cannot be deleted"):
        store.delete_meeting(stale)
    assert store.meeting(group.slug, meeting.id) == meeting


def test_discarding_a_live_meeting_keeps_a_backup(store: Store) -> None:
    group = founders()
    meeting = meeting_of(group)
    store.save_meeting(meeting)
    raw = store.meeting_path(meeting).read_bytes()
    store.delete_meeting(meeting)
    assert store.meeting_files(group.slug) == []
    copies = list(store.backups_dir.rglob(store.meeting_path(meeting).name))
    assert len(copies) == 1 and copies[0].read_bytes() == raw and "discard" in str(copies[0])


def _no_room_for_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk is full for the backups folder only."""
    real_open = os.open

    def no_room(path: str | os.PathLike[str], *args: object, **kwargs: object) -> int:
        if "backups" in Path(path).parts:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_room)


def test_a_failed_backup_is_a_store_error_not_a_crash(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    group = founders()
    store.save_group(group)
    _no_room_for_backups(monkeypatch)
    with pytest.raises(StoreError, match="could not back up"):
        store.backup("by hand", [store.group_path(group.slug)])


def test_closing_when_the_backup_fails_still_closes_and_warns(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    group = founders()
    store.save_group(group)
    live = LiveMeeting(meeting_of(group), group, [], save=store.save_meeting)
    live.add_note("the backup folder is on a full disk")
    _no_room_for_backups(monkeypatch)
    closed = live.close()
    # The close is on disk and the live meeting agrees: no half state where later actions fail.
    assert closed.closed and live.meeting.closed
    assert store.meeting(group.slug, closed.id) == closed
    (warning,) = store.take_warnings()
    assert "the meeting is saved" in warning and "could not back up" in warning
    assert store.take_warnings() == []


# --------------------------------------------------------------------------- 8. the data folder


def test_data_dir_flag_beats_the_environment_which_beats_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MASTERMIND_DATA_DIR", raising=False)
    platform_dir = Path(platformdirs.user_data_dir("mastermind", appauthor=False))
    assert resolve_data_dir(None) == platform_dir
    if sys.platform.startswith("linux"):
        assert platform_dir == tmp_path / "xdg" / "mastermind"
    monkeypatch.setenv("MASTERMIND_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir("") == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_data_dir("~/mm") == tmp_path / "home" / "mm"


def test_a_data_folder_that_is_a_file_is_refused_by_writers_and_readers(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("my notes")
    for writer in (True, False):
        with pytest.raises(StoreError, match="is a file, not a folder"):
            Store(not_a_folder, writer=writer)
    assert not_a_folder.read_text() == "my notes"


def test_a_missing_data_folder_is_created_private_by_a_writer_only(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "data"
    reader = Store(folder, writer=False)
    assert reader.groups() == ([], [])
    assert not folder.exists()
    with Store(folder):
        assert folder.is_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def as_ordinary_user(check: Callable[[], list[str]]) -> list[str]:
    """Run ``check`` where permission bits apply: as is, or in a forked child that drops root."""
    if not RUNNING_AS_ROOT:
        return check()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_fd)
            os.setgid(65534)
            os.setuid(65534)
            out = json.dumps(check())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            out = json.dumps([f"child failed: {exc!r}"])
        with os.fdopen(write_fd, "w") as pipe:
            pipe.write(out)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        out = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(out)


def test_a_data_folder_without_permission_is_a_clear_error() -> None:
    base = Path(tempfile.mkdtemp())
    base.chmod(0o755)  # reachable by the unprivileged child
    locked = base / "data"
    locked.mkdir()
    locked.chmod(0)

    def attempts() -> list[str]:
        said = []
        for root, writer in ((locked, True), (locked, False), (locked / "inside", True), (locked / "inside", False)):
            try:
                Store(root, writer=writer)
                said.append("no error")
            except StoreError as exc:
                said.append(str(exc))
        return said

    try:
        said = as_ordinary_user(attempts)
    finally:
        locked.chmod(0o700)
        shutil.rmtree(base)
    assert said == [
        f"{locked}: no permission to write in the data folder",
        f"{locked}: no permission to read the data folder",
        f"{locked / 'inside'}: cannot reach the data folder (Permission denied)",
        f"{locked / 'inside'}: cannot reach the data folder (Permission denied)",
    ]


def test_a_data_folder_without_permission_is_a_clear_error_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so the refusals the OS would give are simulated here.
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match="no permission to write"):
        Store(folder)
    with pytest.raises(StoreError, match="no permission to read"):
        Store(folder, writer=False)
    monkeypatch.undo()

    def refuse_mkdir(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse_mkdir)
    with pytest.raises(StoreError, match="cannot create the data folder"):
        Store(tmp_path / "missing")
    monkeypatch.undo()

    real_stat = Path.stat

    def unreachable(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self == tmp_path / "locked" / "data":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", unreachable)
    with pytest.raises(StoreError, match="cannot reach the data folder"):
        Store(tmp_path / "locked" / "data", writer=False)


# --------------------------------------------------------------------------- reading long histories


def test_a_closed_meeting_is_parsed_once_while_held_and_freed_with_its_last_holder(store: Store) -> None:
    import gc
    import weakref

    group = founders()
    store.save_group(group)
    for number in (1, 2, 3):
        store.save_meeting(close(meeting_of(group, number)))
    held = store.history(group.slug)
    # Read again while the first list is held: the same parsed meetings, not new copies.
    assert all(a is b for a, b in zip(store.history(group.slug), held))
    watched = [weakref.ref(m) for m in held]
    del held
    gc.collect()
    # Nobody holds them any more: the store let them go instead of keeping years of meetings.
    assert all(ref() is None for ref in watched)
    again = store.history(group.slug)
    assert [m.number for m in again] == [1, 2, 3]


def test_a_live_meeting_is_read_fresh_each_time(store: Store) -> None:
    group = founders()
    live = meeting_of(group, 1)
    store.save_meeting(live)
    first = store.meeting(group.slug, live.id)
    live.current = 2
    store.save_meeting(live)
    assert store.meeting(group.slug, live.id).current == 2 and first.current != 2


def test_each_meeting_streams_oldest_first_and_reports_broken_files(store: Store) -> None:
    group = founders()
    store.save_group(group)
    saved = [close(meeting_of(group, number)) for number in (3, 1, 2)]
    for meeting in saved:
        store.save_meeting(meeting)
    broken = store.meeting_path(saved[2])
    _truncate(broken)
    problems: list[StoreError] = []
    stream = store.each_meeting(group.slug, problems)
    first = next(stream)
    assert first.number == 1 and problems == []  # read as reached, not all up front
    assert [m.number for m in stream] == [3]
    assert len(problems) == 1 and str(broken) in str(problems[0])
    assert [m.number for m in store.each_meeting(group.slug)] == [1, 3]
