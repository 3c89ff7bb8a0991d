"""The README's two Quick start commands on a stock system Python, as a newcomer runs them: a
fresh copy of the project, a fresh HOME, and PATH limited to the system folders, so that the
system's own python3 is the one found. On Debian, Ubuntu, Fedora and Homebrew that Python is
"externally managed" (PEP 668) and refuses `pip install`; both commands must work anyway.

Skipped (with the reason) where /usr/bin/python3 is missing or older than 3.11; failed instead
when CI is set and the machine has such a Python, so a regression shows there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from tmux import Tmux

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def system_python() -> str:
    found = shutil.which("python3", path=SYSTEM_PATH)
    if found is None:
        pytest.skip("no python3 on the system PATH")
    done = subprocess.run([found, "-c", "import sys; print(sys.version_info >= (3, 11))"], capture_output=True, text=True)
    if done.stdout.strip() != "True":
        pytest.skip(f"{found} is older than 3.11")
    return found


def fresh_copy(tmp_path: Path) -> Path:
    """The project's tracked files, as a fresh clone has them (no .venv, no build output)."""
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    copy = tmp_path / "mastermind"
    for name in filter(None, files.decode().split("\0")):
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    return copy


def newcomer_env(home: Path) -> dict[str, str]:
    # Only what a login shell has, plus this machine's package-index settings (PIP_*).
    env = {"HOME": str(home), "PATH": SYSTEM_PATH, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})
    return env


def test_the_test_command_makes_its_own_environment_on_a_system_python(tmp_path: Path) -> None:
    python = system_python()
    copy, home = fresh_copy(tmp_path), tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        ["bash", "scripts/test", "tests/unit/test_models.py", "-q", "-p", "no:cacheprovider"],
        cwd=copy, env=newcomer_env(home), capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "passed" in done.stdout and "externally-managed" not in done.stderr
    # The environment was made from the system's python3, and the tests ran in it.
    config = (copy / ".venv" / "pyvenv.cfg").read_text()
    assert f"home = {Path(python).parent}" in config


def test_the_first_command_installs_and_opens_the_app_on_a_system_python(tmp_path: Path) -> None:
    system_python()
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the real-terminal tests: tmux is not installed")
        pytest.skip("tmux is not installed")
    copy, home = fresh_copy(tmp_path), tmp_path / "home"
    home.mkdir()
    env = [f"{k}={v}" for k, v in newcomer_env(home).items()]
    data = tmp_path / "data"
    terminal = Tmux(80, 24)
    try:
        script = f'cd "{copy}" && bash scripts/run --data-dir "{data}"; echo "[exited $?]"'
        terminal.start(["env", "-i", *env, "bash", "-c", script])
        terminal.wait_for("No groups yet", timeout=600)  # pip installs the app first
        terminal.send("l")
        terminal.wait_for("Founders Circle")
        terminal.send("C-q")
        screen = terminal.wait_for("[exited ")
        assert "[exited 0]" in screen and "Traceback" not in screen
    finally:
        terminal.kill()
    command = home / ".local" / "bin" / "mastermind"
    assert command.is_symlink() and os.access(command, os.X_OK)
    # The command is there for next time, without the script.
    again = subprocess.run([str(command), "--version"], capture_output=True, text=True, env=newcomer_env(home))
    assert again.returncode == 0 and again.stdout.strip()
