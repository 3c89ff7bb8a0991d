"""The `mastermind` command, run for real: `python -m meetings --data-dir DIR ...` in a subprocess.

Contract (DESIGN.md, "Command line"): exit 0 on success; 1 on bad input or a missing thing,
with exactly one stderr line `error: ...` and never a traceback; 2 on bad usage.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetings import cli
from meetings.files import bundled_templates, load_group
from meetings.store import Store

REPO = Path(__file__).resolve().parents[2]
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

GROUP_TOML = """\
# A small but complete group, with the text facilitators really type.
[group]
id = "g-founders"
slug = "founders"
name = "Founders Circle 🚀"
cadence = "monthly"
meeting_minutes = 120
start_time = 18:30:00
default_template = "hot-seat-intensive"
confidentiality = "forum"
hot_seat_protocol = "Share experience, not advice: \\"what worked for me was...\\""

[purpose]
statement = "Help each other build companies that last, and open doors [bold]outside[/bold] the circle."
agreed_on = 2025-01-14
agreed_by = "All members"

[[purpose.goals]]
id = "open-doors"
title = "Open doors outside the circle"
success = "Two introductions a quarter"
kinds = ["asks_offers", "hot_seat"]

[[purpose.goals]]
id = "follow-through"
title = "Do what we said"
kinds = ["accountability"]

[[members]]
id = "ana"
name = "Ana Souza"
email = "ana@example.com"
company = "Tallyroom"
sector = "Software"
role = "CEO"
objectives = "Intros to restaurant groups.\\nAnd [@click=app.quit]pricing[/] help \\\\ 👩🏽‍💻"
joined = 2023-03-07

[[members]]
id = "dana"
name = "דנה לוי"
objectives = "مرحبا \\u001b[31mred\\u001b[0m"
joined = 2023-03-07
left = 2026-06-30
"""

TEMPLATE_TOML = """\
[template]
slug = "short"
name = "Short meeting"

[[items]]
title = "Round"
kind = "round"
minutes = 10
"""


def run(*args: str, data_dir: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a facilitator runs it; ``data_dir`` None leaves --data-dir out."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    prefix = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run(
        [sys.executable, "-m", "meetings", *prefix, *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def group_file(tmp_path: Path) -> Path:
    path = tmp_path / "founders.toml"
    path.write_text(GROUP_TOML, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- usage


def test_version_is_printed_and_exits_0() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("mastermind ")
    assert result.stdout.split()[1][0].isdigit()


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], ["groups"], ["groups", "import"], ["groups", "delete", "x"], ["summary", "x", "--format", "pdf"]],
    ids=["unknown command", "no action", "no file", "unknown action", "unknown format"],
)
def test_bad_usage_exits_2_with_a_usage_line(args: list[str], data_dir: Path) -> None:
    result = run(*args, data_dir=data_dir)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not data_dir.exists()


# --------------------------------------------------------------------------- groups


def test_an_imported_group_is_listed_slug_first_tab_separated(data_dir: Path, group_file: Path) -> None:
    imported = run("groups", "import", str(group_file), data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    assert "founders" in imported.stdout
    listed = run("groups", "list", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["founders\tFounders Circle 🚀\t1 members\tmonthly"]


def test_groups_are_listed_one_a_line_by_name(data_dir: Path, group_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "riverside.toml"
    other.write_text(GROUP_TOML.replace('"founders"', '"riverside"').replace("Founders Circle", "Alpha Riverside"))
    for path in (group_file, other):
        assert run("groups", "import", str(path), data_dir=data_dir).returncode == 0
    listed = run("groups", "list", data_dir=data_dir)
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["riverside", "founders"]


def test_an_empty_data_folder_lists_nothing_and_says_how_to_start(data_dir: Path) -> None:
    listed = run("groups", "list", data_dir=data_dir)
    assert listed.returncode == 0
    assert listed.stdout == ""
    assert "groups import" in listed.stderr


def test_importing_the_same_group_twice_needs_replace(data_dir: Path, group_file: Path) -> None:
    assert run("groups", "import", str(group_file), data_dir=data_dir).returncode == 0
    before = Store(data_dir, writer=False).group("founders")
    again = run("groups", "import", str(group_file), data_dir=data_dir)
    assert_one_error_line(again, "exists already", "--replace", str(group_file))
    assert Store(data_dir, writer=False).group("founders") == before

    group_file.write_text(GROUP_TOML.replace("Founders Circle 🚀", "Founders Circle, year two"), encoding="utf-8")
    replaced = run("groups", "import", "--replace", str(group_file), data_dir=data_dir)
    assert replaced.returncode == 0, replaced.stderr
    assert Store(data_dir, writer=False).group("founders").name == "Founders Circle, year two"


def test_an_exported_group_validates_and_imports_back_equal(data_dir: Path, group_file: Path, tmp_path: Path) -> None:
    assert run("groups", "import", str(group_file), data_dir=data_dir).returncode == 0
    original = Store(data_dir, writer=False).group("founders")
    assert original == load_group(group_file)

    exported = tmp_path / "out" / "founders-export.toml"
    exported.parent.mkdir()
    result = run("groups", "export", "founders", "-o", str(exported), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    to_stdout = run("groups", "export", "founders", data_dir=data_dir)
    assert to_stdout.returncode == 0
    assert to_stdout.stdout == exported.read_text(encoding="utf-8")

    validated = run("validate", str(exported))
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.startswith(f"ok: {exported}: group 'founders'")

    elsewhere = tmp_path / "laptop-two"
    assert run("groups", "import", str(exported), data_dir=elsewhere).returncode == 0
    assert Store(elsewhere, writer=False).group("founders") == original


def test_validate_checks_group_and_template_files(tmp_path: Path, group_file: Path) -> None:
    template = tmp_path / "short.toml"
    template.write_text(TEMPLATE_TOML, encoding="utf-8")
    result = run("validate", str(group_file), str(template))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"ok: {group_file}: group 'founders', 2 members, 2 goals",
        f"ok: {template}: template 'short', 1 items, 10 min",
    ]


def test_templates_are_listed_one_a_line_slug_first() -> None:
    result = run("templates", "list")
    assert result.returncode == 0, result.stderr
    bundled = bundled_templates()
    assert bundled, "the bundled templates could not be found"
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == [t.slug for t in bundled]
    assert all(len(row) == 4 for row in rows)
    assert rows[0][2] == f"{len(bundled[0].items)} items" and rows[0][3] == f"{bundled[0].minutes} min"


# --------------------------------------------------------------------------- failures: one line, exit 1


FAILING = {
    "import a missing file": (["groups", "import", "{tmp}/nowhere.toml"], ["nowhere.toml", "no such file"]),
    "import a template as a group": (["groups", "import", "{template}"], ["template file, not a group file"]),
    "import broken toml": (["groups", "import", "{broken}"], ["broken.toml", "line"]),
    "import a bad field": (["groups", "import", "{bad_field}"], ["bad-field.toml", "cadence"]),
    "validate a bad file": (["validate", "{broken}"], ["broken.toml"]),
    "export a missing group": (["groups", "export", "missing"], ["no group 'missing'"]),
    "export an escaping slug": (["groups", "export", "../../etc/passwd"], ["not a group slug"]),
    "export into a missing folder": (["groups", "export", "founders", "-o", "{tmp}/no/such/dir/x.toml"], ["cannot write"]),
    "summary of a missing group": (["summary", "missing"], ["missing"]),
    "report of a missing group": (["report", "missing"], ["missing"]),
    "demo history of a missing group": (["demo-history", "missing", "--meetings", "3"], ["missing"]),
}


@pytest.mark.parametrize("case", list(FAILING), ids=list(FAILING))
def test_every_failing_command_says_one_error_line_and_exits_1(
    case: str, data_dir: Path, group_file: Path, tmp_path: Path
) -> None:
    assert run("groups", "import", str(group_file), data_dir=data_dir).returncode == 0
    files = {
        "tmp": tmp_path,
        "template": tmp_path / "short.toml",
        "broken": tmp_path / "broken.toml",
        "bad_field": tmp_path / "bad-field.toml",
    }
    files["template"].write_text(TEMPLATE_TOML, encoding="utf-8")
    files["broken"].write_text('[group]\nslug = "x\nname = 1\n', encoding="utf-8")
    files["bad_field"].write_text(GROUP_TOML.replace('cadence = "monthly"', 'cadence = "fortnightly"'), encoding="utf-8")
    args, fragments = FAILING[case]
    result = run(*[a.format(**files) for a in args], data_dir=data_dir)
    assert_one_error_line(result, *fragments)


def test_a_data_folder_that_is_a_file_is_one_error_line(tmp_path: Path, group_file: Path) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("my notes")
    for args in (["groups", "list"], ["groups", "import", str(group_file)], ["groups", "export", "founders"]):
        assert_one_error_line(run(*args, data_dir=not_a_folder), str(not_a_folder), "is a file")
    assert not_a_folder.read_text() == "my notes"


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root bypasses file permissions")
def test_a_data_folder_without_permission_is_one_error_line(tmp_path: Path, group_file: Path) -> None:
    locked = tmp_path / "data"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert_one_error_line(run("groups", "import", str(group_file), data_dir=locked), "permission")
        assert_one_error_line(run("groups", "list", data_dir=locked), "permission")
        assert_one_error_line(run("groups", "list", data_dir=locked / "inside"))
    finally:
        locked.chmod(0o700)


def test_a_data_folder_without_permission_is_one_error_line_simulated(
    tmp_path: Path, group_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Root ignores permission bits: the refusal is simulated in-process instead.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    (tmp_path / "data").mkdir()
    for args in (["groups", "import", str(group_file)], ["groups", "list"]):
        assert cli.main(["--data-dir", str(tmp_path / "data"), *args]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and "no permission" in err and err.count("\n") == 1


def test_an_unforeseen_disk_error_is_still_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing_disk(self: Store) -> None:
        raise OSError(errno.EIO, "Input/output error", str(self.root / "groups"))

    monkeypatch.setattr(Store, "groups", failing_disk)
    assert cli.main(["--data-dir", str(tmp_path), "groups", "list"]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path / 'groups'}: Input/output error\n"


# --------------------------------------------------------------------------- which data folder


def test_data_dir_flag_beats_the_environment(tmp_path: Path, group_file: Path) -> None:
    flag, env_dir = tmp_path / "flag", tmp_path / "env"
    result = run("groups", "import", str(group_file), data_dir=flag, env={"MASTERMIND_DATA_DIR": str(env_dir)})
    assert result.returncode == 0, result.stderr
    assert Store(flag, writer=False).group_slugs() == ["founders"]
    assert not env_dir.exists()


def test_the_environment_beats_the_platform_folder(tmp_path: Path, group_file: Path) -> None:
    env_dir, xdg = tmp_path / "env", tmp_path / "xdg"
    result = run("groups", "import", str(group_file), env={"MASTERMIND_DATA_DIR": str(env_dir), "XDG_DATA_HOME": str(xdg)})
    assert result.returncode == 0, result.stderr
    assert Store(env_dir, writer=False).group_slugs() == ["founders"]
    assert not xdg.exists()
    listed = run("groups", "list", env={"MASTERMIND_DATA_DIR": str(env_dir)})
    assert listed.stdout.startswith("founders\t")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is the Linux convention")
def test_without_flag_or_environment_the_platform_user_data_folder_is_used(tmp_path: Path, group_file: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(xdg), "MASTERMIND_DATA_DIR": ""}
    result = run("groups", "import", str(group_file), env=env)
    assert result.returncode == 0, result.stderr
    assert Store(xdg / "mastermind", writer=False).group_slugs() == ["founders"]
    assert (xdg / "mastermind").stat().st_mode & 0o777 == 0o700
