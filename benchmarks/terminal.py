"""Run a terminal program on a pseudo-terminal and notice when a text has been drawn.

A pty is a real terminal as far as the program knows (Textual checks ``isatty``, reads the
window size, switches to the alternate screen), and reading its output is cheap, so timing
from "process spawned" to "text on screen" measures the program, not the measuring.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from pathlib import Path

# Escape sequences (CSI, OSC, other ESC-prefixed) removed before looking for text.
_ANSI_RE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]")


class TerminalTimeout(Exception):
    """The awaited text did not appear in time."""


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a program run in the benchmark terminal: a plain 256-colour xterm."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "MASTERMIND_"))}
    env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": env.get("LANG", "C.UTF-8")})
    env.update(extra or {})
    return env


class PtyProgram:
    """One program on its own pseudo-terminal of ``cols`` x ``rows``."""

    def __init__(self, argv: Sequence[str], *, cols: int = 120, rows: int = 36, cwd: str | Path | None = None,
                 env: dict[str, str] | None = None):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env or child_env(),
            start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._mark = 0

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; False once the pty is closed."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        self.output.extend(chunk)
        return True

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from spawning until ``text`` was written to the terminal (since the last
        keys sent, so a text already on screen before a key press does not count)."""
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        while True:
            if needle in _ANSI_RE.sub(b"", bytes(self.output[self._mark:])):
                return time.perf_counter() - self.started
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TerminalTimeout(f"{text!r} not drawn within {timeout:.0f}s; last output: {self.tail()!r}")
            if not self._read(min(left, 0.05)) and self.process.poll() is not None:
                raise TerminalTimeout(f"the program ended (exit {self.process.returncode}) before drawing {text!r}: {self.tail()!r}")

    def screen_text(self) -> str:
        """Everything written so far, escape sequences removed."""
        return _ANSI_RE.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def tail(self, size: int = 400) -> str:
        return _ANSI_RE.sub(b"", bytes(self.output[-4000:])).decode("utf-8", "replace")[-size:]

    def send(self, keys: str | bytes) -> None:
        self._mark = len(self.output)
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def peak_rss_kib(self) -> int:
        """The process's peak resident memory so far (VmHWM), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    def quit(self, keys: bytes = b"\x11", timeout: float = 10.0) -> int:
        """Press ctrl+q (by default) and wait for the program to end; kill it if it does not."""
        try:
            self.send(keys)
        except OSError:
            pass
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            self._read(0.05)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.close()
        return self.process.returncode

    def close(self) -> None:
        try:
            os.close(self.master)
        except OSError:
            pass

    def __enter__(self) -> PtyProgram:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self.close()
