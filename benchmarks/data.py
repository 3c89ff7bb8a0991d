"""Data folders for the benchmarks, built the way a user would: through the `mastermind` command.

``groups import`` a sample group, then ``demo-history SLUG --meetings N``. Building 520
meetings writes 520 files with fsync and takes tens of seconds, so each size is built once per
run and copied when a benchmark needs a folder of its own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from meetings.files import bundled_groups, group_to_toml
from meetings.models import Group, Member

SLUG = "founders-circle"


def mastermind(data_dir: Path, *args: str) -> str:
    """Run `python -m meetings --data-dir DIR ARGS...` and return its output; raise on failure."""
    done = subprocess.run(
        [sys.executable, "-m", "meetings", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"mastermind {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def sample_group(slug: str = SLUG) -> Group:
    return next(g for g in bundled_groups() if g.slug == slug)


def build_folder(root: Path, meetings: int, *, seed: int = 0) -> Path:
    """A data folder holding Founders Circle and ``meetings`` closed meetings of history."""
    root.mkdir(parents=True, exist_ok=True)
    group_file = root.parent / f"{root.name}-{SLUG}.toml"
    group_file.write_text(group_to_toml(sample_group()), encoding="utf-8")
    mastermind(root, "groups", "import", str(group_file))
    if meetings:
        mastermind(root, "demo-history", SLUG, "--meetings", str(meetings), "--seed", str(seed))
    return root


def copy_folder(source: Path, dest: Path) -> Path:
    """A private copy of a data folder (without its lock file), for a benchmark that writes."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".lock"))
    return dest


def twelve_member_group() -> Group:
    """Founders Circle with five more members: the size of a large mastermind."""
    group = sample_group()
    extra = [
        Member(name="Hana Kobayashi", email="hana@example.com", company="Kobayashi Foods", sector="Food and drink"),
        Member(name="Ivan Petrov", email="ivan@example.com", company="Petrov Robotics", sector="Robotics"),
        Member(name="Julia Mendes", email="julia@example.com", company="Mendes Legal", sector="Legal services"),
        Member(name="Kwame Mensah", email="kwame@example.com", company="Mensah Solar", sector="Energy"),
        Member(name="Lena Schulz", email="lena@example.com", company="Schulz Design", sector="Design"),
    ]
    return group.model_copy(update={"members": [*group.members, *extra]})
