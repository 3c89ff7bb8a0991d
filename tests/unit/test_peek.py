"""The home screen's stdlib-only glance: it says what the validated store says, or steps aside.

The glance lets the first frame be drawn before pydantic is imported. It may be wrong in only one
direction: returning None (validate instead) is always safe; returning something the models would
not agree with is a bug.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.files import bundled_groups, bundled_templates
from meetings.live import LiveMeeting, plan_meeting
from meetings.models import Attendance, Member
from meetings.peek import GroupGlance, glance_groups, glance_samples
from meetings.store import Store
from tests.conftest import sample_group, sample_history

REPO = Path(__file__).resolve().parents[2]


def validated(store: Store) -> list[GroupGlance]:
    """What the home screen lists from the validated store (as HomeScreen.refresh_groups does)."""
    groups, problems = store.groups()
    assert problems == []
    out = []
    for group in groups:
        recent, _ = store.meetings(group.slug, newest=5)
        live = [m for m in recent if not m.closed]
        closed = [m for m in recent if m.closed]
        out.append(
            GroupGlance(
                group.slug,
                group.name,
                len(group.active_members),
                closed[-1].next_date if closed else None,
                live[-1].number if live else None,
            )
        )
    return out


def test_an_empty_or_missing_folder_has_no_groups(tmp_path: Path) -> None:
    assert glance_groups(tmp_path / "nowhere") == []
    assert glance_groups(Store(tmp_path / "data").root) == []


def test_the_glance_agrees_with_the_store_on_a_group_with_history(sample_store: Store) -> None:
    (glance,) = glance_groups(sample_store.root)
    assert [glance] == validated(sample_store)
    assert glance.name == "Founders Circle" and glance.next_date is not None and glance.unfinished is None


def test_a_meeting_left_live_shows_as_unfinished_and_a_retired_member_is_not_counted(sample_store: Store) -> None:
    group = sample_store.group("founders-circle")
    retired = group.members[0].model_copy(update={"left": date(2026, 9, 1)})
    group = group.model_copy(update={"members": [retired, *group.members[1:]]})
    sample_store.save_group(group)
    history = sample_store.history(group.slug)
    template = next(t for t in bundled_templates() if t.slug == group.default_template)
    attendance = [Attendance(member_id=m.id) for m in group.active_members]
    meeting = plan_meeting(group, template, on=date(2026, 11, 10), number=len(history) + 1, attendance=attendance)
    live = LiveMeeting(meeting, group, history, save=sample_store.save_meeting)
    live.start()

    (glance,) = glance_groups(sample_store.root)
    assert [glance] == validated(sample_store)
    assert glance.unfinished == meeting.number == 4
    assert glance.members == len(group.members) - 1


def test_several_groups_are_sorted_by_name_like_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    for group in bundled_groups():
        store.save_group(group)
    for meeting in sample_history(sample_group(), count=2):
        store.save_meeting(meeting)
    assert glance_groups(store.root) == validated(store)
    assert [g.name for g in glance_groups(store.root)] == sorted((g.name for g in bundled_groups()), key=str.lower)


def test_the_sample_glance_names_the_bundled_groups_and_their_sizes() -> None:
    samples = glance_samples()
    assert samples is not None and all(s.sample for s in samples)
    assert [(s.slug, s.name, s.members) for s in samples] == [
        (g.slug, g.name, len(g.members)) for g in bundled_groups()
    ]


# --------------------------------------------------------------------------- stepping aside


def _rewrite(path: Path, change) -> None:
    tables = json.loads(path.read_text())
    change(tables)
    path.write_text(json.dumps(tables))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: t["record"]["1"].update(name="Founders \x1b]0;owned\x07Circle"), id="escape-in-name"),
        pytest.param(lambda t: t["record"]["1"].update(name=" padded "), id="untrimmed-name"),
        pytest.param(lambda t: t["record"]["1"].update(name="x" * 121), id="name-too-long"),
        pytest.param(lambda t: t["record"]["1"].update(name=""), id="empty-name"),
        pytest.param(lambda t: t["record"]["1"].update(name=7), id="name-not-text"),
        pytest.param(lambda t: t["record"]["1"].update(slug="other-circle"), id="slug-not-the-file"),
        pytest.param(lambda t: t["record"]["1"].update(members={"a": 1}), id="members-not-a-list"),
        pytest.param(lambda t: t["record"]["1"].update(members=["ana"]), id="member-not-a-record"),
        pytest.param(lambda t: t["_meta"]["1"].update(schema_version=2), id="newer-schema"),
        pytest.param(lambda t: t.pop("_meta"), id="no-meta"),
        pytest.param(lambda t: t.update(record=[]), id="record-not-a-table"),
    ],
)
def test_a_group_file_not_plainly_as_written_makes_the_glance_step_aside(sample_store: Store, change) -> None:
    _rewrite(sample_store.group_path("founders-circle"), change)
    assert glance_groups(sample_store.root) is None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: r.update(status="paused"), id="unknown-status"),
        pytest.param(lambda r: r.update(number="4"), id="number-as-text"),
        pytest.param(lambda r: r.update(number=True), id="number-as-bool"),
        pytest.param(lambda r: r.update(number=0), id="number-zero"),
        pytest.param(lambda r: r.update(next_date=20261124), id="date-as-number"),
        pytest.param(lambda r: r.update(next_date="24 Nov"), id="date-unreadable"),
    ],
)
def test_a_meeting_file_not_plainly_as_written_makes_the_glance_step_aside(sample_store: Store, change) -> None:
    newest = sample_store.meeting_files("founders-circle")[-1]
    _rewrite(newest, lambda t: change(t["record"]["1"]))
    assert glance_groups(sample_store.root) is None


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00", b"[]", b'"text"', b"null"])
def test_unreadable_files_make_the_glance_step_aside(sample_store: Store, content: bytes) -> None:
    sample_store.group_path("founders-circle").write_bytes(content)
    assert glance_groups(sample_store.root) is None


def test_an_unreadable_meeting_file_makes_the_glance_step_aside(sample_store: Store) -> None:
    sample_store.meeting_files("founders-circle")[-1].write_bytes(b"\x00" * 40)
    assert glance_groups(sample_store.root) is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=130), st.booleans())
def test_a_glanced_name_is_exactly_what_the_model_keeps(tmp_path_factory, name: str, retire: bool) -> None:
    """Any name the glance accepts is the name the validated group has (never a raw control)."""
    root = tmp_path_factory.mktemp("data")
    store = Store(root)
    group = sample_group()
    group = group.model_copy(update={"members": [*group.members, Member(name="Zoe Example", left=date(2026, 1, 1) if retire else None)]})
    store.save_group(group)
    _rewrite(store.group_path(group.slug), lambda t: t["record"]["1"].update(name=name))
    store.close()
    glance = glance_groups(root)
    if glance is None:
        return
    (seen,) = glance
    reader = Store(root, writer=False)
    groups, problems = reader.groups()
    assert problems == [] and [seen] == validated(reader)


# --------------------------------------------------------------------------- what the first frame needs


FIRST_FRAME_IMPORTS = """
    import sys
    from meetings.cli import build_parser, main
    import tui.app, tui.screens.home, meetings.peek
    build_parser().parse_args([])
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"pydantic", "pydantic_core", "icalendar"}
                   or m in {"meetings.models", "meetings.files", "meetings.live", "meetings.summary", "meetings.insights"})
    print("HEAVY:" + ",".join(heavy))
"""


def test_opening_the_app_draws_home_before_importing_the_models() -> None:
    """The modules that run before the home screen's first frame leave pydantic for later."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(FIRST_FRAME_IMPORTS)],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("HEAVY:")]
    assert line == "HEAVY:", f"imported before the first frame: {line.removeprefix('HEAVY:')}"
