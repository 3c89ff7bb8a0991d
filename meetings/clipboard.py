"""A clipboard that always works: copy if the system lets us, and always save a file.

pyperclip raises on Linux without xclip, xsel or wl-clipboard, raises FileNotFoundError on some
WSL setups, cannot tell when xclip failed (it ignores xclip's exit code) and has no timeout, so
a stalled X display hangs it. So on Linux the X11/Wayland tools are run here directly, with a
timeout and their exit code checked; elsewhere (macOS, Windows, WSL) pyperclip is used, in a
thread with the same timeout. Whatever happens, the text is also written to a file (0600) and
the message names it. Nothing here raises because there is no clipboard.

OSC 52 (copy through the terminal, which works over SSH) is the TUI's part: Textual's
``App.copy_to_clipboard``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .store import atomic_write

TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class CopyResult:
    """What became of a copy: whether the clipboard took it, where the file is, one message."""

    copied: bool
    path: Path | None
    message: str


def _is_wsl() -> bool:
    try:
        with open("/proc/version", encoding="utf-8", errors="replace") as f:
            return "microsoft" in f.read().lower()
    except OSError:
        return False


def linux_tool() -> tuple[list[str] | None, str]:
    """The command that copies stdin to the clipboard here, or None and why there is none."""
    wayland = os.environ.get("WAYLAND_DISPLAY")
    display = os.environ.get("DISPLAY")
    if wayland and shutil.which("wl-copy"):
        return ["wl-copy", "--type", "text/plain;charset=utf-8"], "wl-copy"
    if display:
        if shutil.which("xclip"):
            return ["xclip", "-selection", "clipboard", "-in"], "xclip"
        if shutil.which("xsel"):
            return ["xsel", "--clipboard", "--input"], "xsel"
        return None, "no xclip or xsel installed"
    if wayland:
        return None, "no wl-copy installed (package wl-clipboard)"
    return None, "no display: $DISPLAY and $WAYLAND_DISPLAY are unset"


def _run_tool(command: list[str], text: str) -> tuple[bool, str]:
    try:
        # Output goes to /dev/null: xclip leaves a child serving the selection, which would
        # otherwise hold our pipes (and a caller's `| less`) open until the clipboard changes.
        done = subprocess.run(
            command,
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT_SECONDS,
            start_new_session=True,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False, f"{command[0]} did not answer within {TIMEOUT_SECONDS:g} s"
    except (OSError, ValueError) as exc:
        return False, f"{command[0]} could not run ({exc})"
    if done.returncode != 0:
        where = os.environ.get("DISPLAY", "") if command[0] in ("xclip", "xsel") else ""
        return False, f"{command[0]} failed" + (f" on display {where}" if where else "")
    return True, command[0]


def _run_pyperclip(text: str) -> tuple[bool, str]:
    outcome: list[tuple[bool, str]] = []

    def attempt() -> None:
        try:
            import pyperclip

            # Chosen afresh each time: pyperclip caches its first choice, and $DISPLAY may change.
            copy, _paste = pyperclip.determine_clipboard()
            copy(text)
        except BaseException as exc:  # noqa: BLE001 - any failure means "no clipboard", never a crash
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            if "could not find a copy/paste mechanism" in reason:
                reason = "no clipboard tool found"
            outcome.append((False, reason))
        else:
            outcome.append((True, "pyperclip"))

    worker = threading.Thread(target=attempt, name="clipboard-copy", daemon=True)
    worker.start()
    worker.join(TIMEOUT_SECONDS)
    if not outcome:
        return False, f"the clipboard did not answer within {TIMEOUT_SECONDS:g} s"
    return outcome[0]


def system_copy(text: str) -> tuple[bool, str]:
    """Put ``text`` on the system clipboard. Returns (copied, the tool used or why not)."""
    if sys.platform.startswith("linux") and not _is_wsl():
        command, why = linux_tool()
        if command is not None:
            return _run_tool(command, text)
        if not os.environ.get("DISPLAY"):
            return False, why
        # A display but no xclip/xsel: pyperclip may still find Klipper or Qt.
        copied, reason = _run_pyperclip(text)
        return copied, reason if copied else why
    return _run_pyperclip(text)


def copy_text(text: str, save_dir: Path, stem: str, suffix: str = ".txt") -> CopyResult:
    """Copy ``text`` to the clipboard if possible, and always save it to ``save_dir/stem+suffix``.

    The file is written atomically with mode 0600. The message says what happened and where
    the file is. Never raises for lack of a clipboard or a failed save.
    """
    path: Path | None = Path(save_dir) / f"{stem}{suffix}"
    save_error = ""
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        save_error = exc.strerror or str(exc)
        path = None
    copied, why = system_copy(text)
    target = Path(save_dir) / f"{stem}{suffix}"
    if copied and path is not None:
        message = f"Copied to the clipboard; also saved to {path}"
    elif copied:
        message = f"Copied to the clipboard; could not save a copy to {target} ({save_error})"
    elif path is not None:
        message = f"No clipboard here ({why}); saved to {path}"
    else:
        message = f"No clipboard here ({why}), and could not save to {target} ({save_error})"
    return CopyResult(copied=copied, path=path, message=message)
