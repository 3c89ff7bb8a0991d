"""The agenda templates and sample groups shipped with Mastermind, checked as a facilitator would.

Each file must load through ``meetings.files`` and pass ``python -m meetings validate``; each
group must point at a template that exists, have a purpose with 2 to 4 goals served by its
agenda, and 5 to 10 members from several sectors.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from meetings import files
from meetings.files import load_file
from meetings.live import link_goal
from meetings.models import Cadence, Group, ItemKind, Template, Visibility

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_FILES = sorted((REPO / "templates").glob("*.toml"))
GROUP_FILES = sorted((REPO / "sample_groups").glob("*.toml"))

TEMPLATES = {t.slug: t for t in files.bundled_templates()}
GROUPS = {g.slug: g for g in files.bundled_groups()}


def test_the_promised_templates_and_groups_are_shipped() -> None:
    assert {"classic-mastermind", "hot-seat-intensive", "referral-network", "peer-forum", "purpose-review"} <= set(TEMPLATES)
    assert {"founders-circle", "cross-sector-leaders", "riverside-referral", "women-leadership-forum"} <= set(GROUPS)


def test_nothing_in_the_bundled_folders_is_silently_skipped() -> None:
    assert len(TEMPLATES) == len(TEMPLATE_FILES)
    assert len(GROUPS) == len(GROUP_FILES)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_template_file_loads_as_a_template_named_after_its_file(path: Path) -> None:
    template = load_file(path)
    assert isinstance(template, Template)
    assert path.name == f"{template.slug}.toml"


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.name)
def test_group_file_loads_as_a_group_named_after_its_file(path: Path) -> None:
    group = load_file(path)
    assert isinstance(group, Group)
    assert path.name == f"{group.slug}.toml"


def test_every_bundled_file_passes_the_validate_command(tmp_path: Path) -> None:
    paths = [str(p) for p in TEMPLATE_FILES + GROUP_FILES]
    env = {**os.environ, "MASTERMIND_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "meetings", "validate", *paths],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    ok_lines = [line for line in result.stdout.splitlines() if line.startswith("ok: ")]
    assert len(ok_lines) == len(paths)
    for path in paths:
        assert any(line.startswith(f"ok: {path}: ") for line in ok_lines), path


def test_slugs_are_unique_across_files() -> None:
    template_slugs = [load_file(p).slug for p in TEMPLATE_FILES]
    group_slugs = [load_file(p).slug for p in GROUP_FILES]
    assert not [s for s, n in Counter(template_slugs).items() if n > 1]
    assert not [s for s, n in Counter(group_slugs).items() if n > 1]


# --------------------------------------------------------------------------- templates


@pytest.mark.parametrize("slug", sorted(TEMPLATES))
def test_template_total_is_the_length_its_description_claims(slug: str) -> None:
    template = TEMPLATES[slug]
    claimed = re.match(r"(\d+) minutes", template.description)
    assert claimed, f"{slug}: the description should start with its length, like '90 minutes.'"
    assert template.minutes == int(claimed.group(1))


@pytest.mark.parametrize("slug", sorted(TEMPLATES))
def test_template_ends_with_one_close_item_where_ratings_happen(slug: str) -> None:
    kinds = [item.kind for item in TEMPLATES[slug].items]
    assert kinds[-1] == ItemKind.CLOSE
    assert kinds.count(ItemKind.CLOSE) == 1
    assert "rating" in TEMPLATES[slug].items[-1].guidance.lower()


@pytest.mark.parametrize("slug", sorted(TEMPLATES))
def test_every_item_has_real_guidance_for_the_facilitator(slug: str) -> None:
    for item in TEMPLATES[slug].items:
        lines = [line for line in item.guidance.splitlines() if line.strip()]
        assert len(lines) >= 2, f"{slug}: {item.title!r} needs at least two lines of guidance"
        assert "lorem" not in item.guidance.lower()
    titles = [item.title for item in TEMPLATES[slug].items]
    assert len(titles) == len(set(titles)), f"{slug}: two items share a title"


@pytest.mark.parametrize("slug", sorted(TEMPLATES))
def test_a_round_has_room_for_its_timebox(slug: str) -> None:
    for item in TEMPLATES[slug].items:
        if item.kind == ItemKind.ROUND:
            assert item.per_person_minutes, f"{slug}: round {item.title!r} needs per_person_minutes"
            assert item.minutes >= 5 * item.per_person_minutes, f"{slug}: {item.title!r} fits fewer than 5 people"


def test_classic_mastermind_is_wins_accountability_hot_seats_asks_commitments_close_in_90_minutes() -> None:
    template = TEMPLATES["classic-mastermind"]
    kinds = [item.kind for item in template.items]
    assert template.minutes == 90
    assert kinds[0] == ItemKind.ROUND and "win" in template.items[0].title.lower()
    order = [ItemKind.ACCOUNTABILITY, ItemKind.HOT_SEAT, ItemKind.ASKS_OFFERS, ItemKind.COMMITMENTS, ItemKind.CLOSE]
    positions = [kinds.index(kind) for kind in order]
    assert positions == sorted(positions)


def test_hot_seat_intensive_has_four_fifteen_minute_seats() -> None:
    template = TEMPLATES["hot-seat-intensive"]
    seats = [item for item in template.items if item.kind == ItemKind.HOT_SEAT]
    assert [s.minutes for s in seats] == [15, 15, 15, 15]
    assert {ItemKind.ROUND, ItemKind.COMMITMENTS, ItemKind.CLOSE} <= {item.kind for item in template.items}


def test_referral_network_has_sixty_second_presentations_speaker_referrals_and_visitors() -> None:
    template = TEMPLATES["referral-network"]
    assert template.minutes == 90
    rounds = [item for item in template.items if item.kind == ItemKind.ROUND]
    assert [r.per_person_minutes for r in rounds] == [1]
    assert any(item.kind == ItemKind.DISCUSSION and "speaker" in item.title.lower() for item in template.items)
    assert any(item.kind == ItemKind.ASKS_OFFERS for item in template.items)
    assert any("visitor" in item.title.lower() for item in template.items)


def test_peer_forum_opens_with_confidentiality_and_gives_seven_minutes_each() -> None:
    template = TEMPLATES["peer-forum"]
    assert "confidential" in template.items[0].title.lower() + template.items[0].guidance.lower()
    updates = [item for item in template.items if item.kind == ItemKind.ROUND]
    assert [u.per_person_minutes for u in updates] == [7]
    assert any(item.kind == ItemKind.HOT_SEAT for item in template.items)


def test_purpose_review_asks_how_we_have_been_successful_and_the_four_questions() -> None:
    template = TEMPLATES["purpose-review"]
    reviews = [item for item in template.items if item.kind == ItemKind.REVIEW]
    assert len(reviews) >= 5
    text = " ".join(f"{r.title} {r.guidance}".lower() for r in reviews)
    for phrase in ("successful", "value", "succeeding", "mutual", "outside the group"):
        assert phrase in text, phrase


# --------------------------------------------------------------------------- groups


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_group_default_template_exists_and_fills_the_meeting(slug: str) -> None:
    group = GROUPS[slug]
    template = files.find_template(group.default_template)
    assert template is not None, f"{slug}: no template {group.default_template!r}"
    assert template.minutes == group.meeting_minutes


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_every_round_of_the_default_agenda_fits_all_members(slug: str) -> None:
    group = GROUPS[slug]
    template = TEMPLATES[group.default_template]
    for item in template.items:
        if item.kind == ItemKind.ROUND and item.per_person_minutes:
            assert item.per_person_minutes * len(group.active_members) <= item.minutes, item.title


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_group_has_a_written_purpose_with_two_to_four_goals(slug: str) -> None:
    purpose = GROUPS[slug].purpose
    assert len(purpose.statement) >= 40
    assert purpose.agreed_on is not None and purpose.agreed_by
    assert 2 <= len(purpose.goals) <= 4
    for goal in purpose.goals:
        assert goal.success, f"{slug}: goal {goal.id!r} should say how success is seen"
        assert goal.kinds, f"{slug}: goal {goal.id!r} should name the agenda kinds that serve it"
        assert all(isinstance(kind, ItemKind) for kind in goal.kinds)


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_goal_kinds_exist_in_the_bundled_agendas(slug: str) -> None:
    shipped_kinds = {item.kind for t in TEMPLATES.values() for item in t.items}
    for goal in GROUPS[slug].purpose.goals:
        assert set(goal.kinds) <= shipped_kinds, goal.id


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_default_agenda_serves_at_least_two_goals(slug: str) -> None:
    group = GROUPS[slug]
    template = TEMPLATES[group.default_template]
    served = {link_goal(item.kind, item.goal, group) for item in template.items} - {None}
    assert len(served) >= 2, served


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_group_has_five_to_ten_members_from_several_sectors(slug: str) -> None:
    members = GROUPS[slug].members
    assert 5 <= len(members) <= 10
    assert len({m.sector for m in members}) >= 5
    assert len({m.name for m in members}) == len(members)
    for member in members:
        assert member.company and member.role and member.joined
        assert len(member.objectives) >= 60, f"{member.name}: say what they want from the group"


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_member_emails_are_unique_and_on_reserved_example_domains(slug: str) -> None:
    emails = [m.email for m in GROUPS[slug].members]
    assert len(set(emails)) == len(emails)
    for email in emails:
        assert email.rsplit("@", 1)[1] in ("example.com", "example.org"), email


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.name)
def test_sample_files_hold_no_ids(path: Path) -> None:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert "id" not in doc["group"]
    assert all("id" not in member for member in doc["members"])


def test_each_sample_group_is_the_kind_of_group_it_claims_to_be() -> None:
    assert GROUPS["founders-circle"].default_template == "classic-mastermind"
    riverside = GROUPS["riverside-referral"]
    assert (riverside.default_template, riverside.cadence) == ("referral-network", Cadence.WEEKLY)
    forum = GROUPS["women-leadership-forum"]
    assert (forum.default_template, forum.cadence, forum.confidentiality) == ("peer-forum", Cadence.MONTHLY, Visibility.FORUM)
    sectors = {m.sector.lower() for m in GROUPS["cross-sector-leaders"].members}
    for sector in ("health", "public sector", "education", "finance", "manufacturing", "nonprofit"):
        assert sector in sectors, sector


def test_member_ids_are_unique_across_sample_groups() -> None:
    all_ids = [m.id for g in GROUPS.values() for m in g.members]
    assert len(all_ids) == len(set(all_ids))
