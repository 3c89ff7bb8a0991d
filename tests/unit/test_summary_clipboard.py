"""The clipboard that always works, and the `mastermind summary` command.

Clipboard tools are replaced by small scripts on a private PATH, so these tests say exactly
what the machine has: nothing, a tool that fails, one that hangs, one that works.
"""

from __future__ import annotations

import shutil
import stat
import sys
from pathlib import Path

import pytest

from meetings import clipboard, summary
from meetings.cli import main
from meetings.store import Store
from tests.unit.summary_fixture import build

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux clipboard tools")

# The tests empty PATH, so the fake tools name their helpers by full path.
CAT = shutil.which("cat") or "/bin/cat"
SLEEP = shutil.which("sleep") or "/bin/sleep"

TEXT = "Minutes of meeting 42\nAna Souza: introduce Chen ✓ — São Paulo\n"


@pytest.fixture
def bare_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty PATH and no display: a server, a container, a fresh SSH session."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(clipboard, "_is_wsl", lambda: False)
    return bin_dir


def _tool(bin_dir: Path, name: str, body: str) -> None:
    script = bin_dir / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)


def test_no_clipboard_saves_the_file_and_says_where(tmp_path: Path, bare_path: Path) -> None:
    save_dir = tmp_path / "data" / "minutes"
    result = clipboard.copy_text(TEXT, save_dir, "founders-circle-meeting-042")
    path = save_dir / "founders-circle-meeting-042.txt"
    assert result == clipboard.CopyResult(copied=False, path=path, message=result.message)
    assert path.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert str(path) in result.message
    assert "No clipboard here" in result.message and "no display" in result.message


def test_a_display_without_tools_falls_back_to_pyperclip_and_then_the_file(tmp_path: Path, bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":97")
    result = clipboard.copy_text(TEXT, tmp_path, "m", ".md")
    assert not result.copied
    assert result.path == tmp_path / "m.md" and result.path.read_text(encoding="utf-8") == TEXT
    assert "no xclip or xsel installed" in result.message


def test_xclip_that_cannot_reach_the_display_is_not_reported_as_copied(tmp_path: Path, bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tool(bare_path, "xclip", f"{CAT} >/dev/null; echo \"Error: Can't open display\" >&2; exit 1")
    monkeypatch.setenv("DISPLAY", ":98")
    result = clipboard.copy_text(TEXT, tmp_path, "m")
    assert not result.copied
    assert "xclip failed on display :98" in result.message
    assert (tmp_path / "m.txt").read_text(encoding="utf-8") == TEXT


def test_a_hung_clipboard_tool_is_given_up_on(tmp_path: Path, bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tool(bare_path, "xclip", f"exec {SLEEP} 30")
    monkeypatch.setenv("DISPLAY", ":98")
    monkeypatch.setattr(clipboard, "TIMEOUT_SECONDS", 0.5)
    result = clipboard.copy_text(TEXT, tmp_path, "m")
    assert not result.copied
    assert "did not answer" in result.message
    assert (tmp_path / "m.txt").read_text(encoding="utf-8") == TEXT


def test_a_working_tool_gets_the_exact_utf8_text(tmp_path: Path, bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    received = tmp_path / "clipboard-content"
    _tool(bare_path, "xsel", f"echo \"$@\" > '{tmp_path}/args'; {CAT} > '{received}'")
    monkeypatch.setenv("DISPLAY", ":98")
    result = clipboard.copy_text(TEXT, tmp_path / "out", "m")
    assert result.copied
    assert received.read_bytes() == TEXT.encode("utf-8")
    assert (tmp_path / "args").read_text().split() == ["--clipboard", "--input"]
    assert result.message.startswith("Copied to the clipboard; also saved to ")


def test_wayland_prefers_wl_copy(tmp_path: Path, bare_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    received = tmp_path / "clipboard-content"
    _tool(bare_path, "wl-copy", f"{CAT} > '{received}'")
    _tool(bare_path, "xclip", "exit 1")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")
    assert clipboard.copy_text(TEXT, tmp_path, "m").copied
    assert received.read_text(encoding="utf-8") == TEXT


def test_a_failed_save_is_reported_not_raised(tmp_path: Path, bare_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the minutes folder should be")
    result = clipboard.copy_text(TEXT, blocker, "m")
    assert result == clipboard.CopyResult(copied=False, path=None, message=result.message)
    assert "could not save" in result.message and str(blocker / "m.txt") in result.message


# --------------------------------------------------------------------------- the command


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    meeting, group, earlier = build()
    root = tmp_path / "data"
    with Store(root) as store:
        store.save_group(group)
        for m in [*earlier, meeting]:
            store.save_meeting(m)
    return root


def test_summary_prints_the_last_closed_meetings_minutes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting, group, earlier = build()
    assert main(["--data-dir", str(data_dir), "summary", "founders-circle"]) == 0
    assert capsys.readouterr().out == summary.minutes_text(meeting, group, earlier)


def test_summary_of_an_earlier_meeting_by_number(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, group, earlier = build()
    assert main(["--data-dir", str(data_dir), "summary", "founders-circle", "--meeting", "41", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == summary.minutes_markdown(earlier[1], group, earlier[:1])


def test_summary_eml_to_a_file(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting, group, earlier = build()
    out = tmp_path / "minutes.eml"
    assert main(["--data-dir", str(data_dir), "summary", "founders-circle", "--last", "--format", "eml", "-o", str(out)]) == 0
    assert out.read_bytes() == summary.minutes_eml(meeting, group, earlier)
    captured = capsys.readouterr()
    assert captured.out == "" and f"wrote {out}" in captured.err


def test_summary_copy_without_a_clipboard_exits_0_and_prints_the_path(data_dir: Path, bare_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting, group, earlier = build()
    assert main(["--data-dir", str(data_dir), "summary", "founders-circle", "--copy"]) == 0
    saved = data_dir / "minutes" / "founders-circle-meeting-042-2026-11-24.txt"
    out = capsys.readouterr().out
    assert str(saved) in out and "No clipboard here" in out
    assert saved.read_text(encoding="utf-8") == summary.minutes_text(meeting, group, earlier)


def test_summary_of_a_group_without_closed_meetings_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, group, _ = build()
    root = tmp_path / "data"
    with Store(root) as store:
        store.save_group(group)
    assert main(["--data-dir", str(root), "summary", "founders-circle"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "no closed meeting yet" in err


def test_summary_of_an_unknown_meeting_is_one_error_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "summary", "founders-circle", "--meeting", "99"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "99" in err and "Traceback" not in err
