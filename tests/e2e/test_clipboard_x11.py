"""A real X11 clipboard: Xvfb + xclip. The text copied comes back byte for byte.

Skipped where Xvfb or xclip is missing, except in CI (the CI variable set), where it fails:
CI must run it. Locally: ``apt-get update && apt-get install -y xvfb xclip x11-utils``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetings.clipboard import copy_text

pytestmark = pytest.mark.e2e

STARTUP_SECONDS = 20.0


def _need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install -y xvfb xclip x11-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the X11 clipboard test: {message}")
        pytest.skip(message)


def _free_display() -> int:
    for number in range(90, 190):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number between :90 and :189")


def _answers(display: str) -> bool:
    env = {**os.environ, "DISPLAY": display}
    probe = ["xdpyinfo"] if shutil.which("xdpyinfo") else ["xclip", "-selection", "clipboard", "-o"]
    try:
        done = subprocess.run(probe, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5, check=False)
    except subprocess.TimeoutExpired:
        return False
    # xclip -o on an empty clipboard exits 1 but only after it reached the display.
    return done.returncode == 0 if probe[0] == "xdpyinfo" else done.returncode in (0, 1)


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    _need("Xvfb", "xclip")
    number = _free_display()
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(display):
            if server.poll() is not None:
                pytest.fail(f"Xvfb {display} exited with {server.returncode} before accepting connections")
            if time.monotonic() > deadline:
                pytest.fail(f"Xvfb {display} did not accept connections within {STARTUP_SECONDS:g} s")
            time.sleep(0.05)
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield display
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_minutes_copied_to_x11_clipboard_come_back_byte_for_byte(x_display: str, tmp_path: Path) -> None:
    text = "Founders Circle: minutes of meeting 42\n\n- Ana Souza: introduce Chen ✓\n- שלום, São Paulo, 東京 🙂\n"
    result = copy_text(text, tmp_path, "minutes")
    assert result.copied, result.message
    assert result.message.startswith("Copied to the clipboard")
    pasted = subprocess.run(
        ["xclip", "-selection", "clipboard", "-o"],
        env={**os.environ, "DISPLAY": x_display},
        capture_output=True,
        timeout=10,
        check=True,
    ).stdout
    assert pasted == text.encode("utf-8")
    assert (tmp_path / "minutes.txt").read_bytes() == text.encode("utf-8")
