"""A small driver for a program running in a real terminal: a private tmux server, one pane.

Every wait polls the pane (``capture-pane``) until what is expected shows, with a deadline;
there is no sleep-and-hope. The server has a unique socket and no config file, so nothing is
shared with the user's own tmux, and ``kill()`` takes it down with whatever runs in it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

POLL_SECONDS = 0.05
EXITED = re.compile(r"\[exited (\d+)\]")


class TmuxError(AssertionError):
    """A tmux command failed, or the pane never showed what was awaited (with the pane's text)."""


class Tmux:
    """One tmux session of a given size, running one command in its single pane."""

    def __init__(self, width: int = 100, height: int = 30, *, session: str = "e2e"):
        self.socket = f"mastermind-test-{uuid.uuid4().hex[:12]}"
        self.session = session
        self.width, self.height = width, height

    # ------------------------------------------------------------------ tmux itself

    def run(self, *args: str, check: bool = True) -> str:
        """Run a tmux command against this server; its stdout."""
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True, text=True, timeout=30, check=False,
        )
        if check and done.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(
        self, argv: Sequence[str], *, env: dict[str, str] | None = None, report_exit: bool = False
    ) -> None:
        """Start ``argv`` in a new session; the pane stays after the program dies (to restart it).

        With ``report_exit`` a shell runs the program and prints ``[exited N]`` after it, for
        ``wait_exit``: tmux 3.3 sometimes never reports a dead pane's status (it can mark the
        pane dead when the pty closes and then lose the child's status), so it is not relied on.
        """
        prefix = ["env", *(f"{k}={v}" for k, v in (env or {}).items())] if env else []
        if report_exit:
            prefix = ["sh", "-c", '"$@"; echo "[exited $?]"', "sh", *prefix]
        # One tmux call, the option first: a program that exits at once still leaves its pane.
        self.run(
            "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
            "new-session", "-d", "-s", self.session, "-x", str(self.width), "-y", str(self.height), *prefix, *argv,
        )

    def restart(self, argv: Sequence[str]) -> None:
        """Run ``argv`` again in the same pane (after the previous program ended or was killed)."""
        self.run("respawn-pane", "-k", "-t", self.session, *argv)

    def kill(self) -> None:
        """Stop the tmux server and everything in it."""
        self.run("kill-server", check=False)

    # ------------------------------------------------------------------ keys and screen

    def send(self, *keys: str) -> None:
        """Send keys by tmux name: "Enter", "Escape", "C-s", "Down", "n"..."""
        self.run("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        """Type text literally (no key names)."""
        self.run("send-keys", "-t", self.session, "-l", text)

    def paste(self, text: str) -> None:
        """Paste text as a terminal does: bracketed (when the program asked for it), lines
        separated by carriage returns, all in one write."""
        self.run("set-buffer", "-b", "e2e-paste", "--", text)
        self.run("paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", self.session)

    def screen(self, *, history: bool = False) -> str:
        """The pane's text as shown now (with ``history``, what scrolled off the top too)."""
        # -J joins lines the terminal wrapped, so a long message reads as one line.
        return self.run("capture-pane", "-p", *(["-J", "-S", "-"] if history else []), "-t", self.session)

    def wait_until(
        self, condition: Callable[[str], bool], *, timeout: float = 20.0, what: str = "", history: bool = False
    ) -> str:
        """Poll the pane until ``condition(screen)`` holds; the screen then. Fails with the screen."""
        deadline = time.monotonic() + timeout
        screen = self.screen(history=history)
        while not condition(screen):
            if time.monotonic() > deadline:
                raise TmuxError(f"gave up after {timeout:.0f}s waiting for {what or condition}; the pane shows:\n{screen}")
            time.sleep(POLL_SECONDS)
            screen = self.screen(history=history)
        return screen

    def wait_for(self, text: str, *, timeout: float = 20.0, history: bool = False) -> str:
        """Poll the pane until ``text`` shows on it; the screen then."""
        return self.wait_until(lambda screen: text in screen, timeout=timeout, what=repr(text), history=history)

    def wait_gone(self, text: str, *, timeout: float = 20.0) -> str:
        """Poll the pane until ``text`` no longer shows on it."""
        return self.wait_until(lambda screen: text not in screen, timeout=timeout, what=f"{text!r} to go")

    # ------------------------------------------------------------------ the program's process

    def pane_pid(self) -> int:
        return int(self.run("list-panes", "-t", self.session, "-F", "#{pane_pid}").split()[0])

    def pane_dead(self) -> bool:
        return self.run("list-panes", "-t", self.session, "-F", "#{pane_dead}").split()[0] == "1"

    def find_process(self, name: str) -> int:
        """Pid of the pane's process or descendant whose command line mentions ``name``
        (a launcher such as a pyenv shim may sit between tmux and the program)."""
        queue = [self.pane_pid()]
        while queue:
            pid = queue.pop(0)
            if name in _cmdline(pid):
                return pid
            queue.extend(_children(pid))
        raise TmuxError(f"no process named {name!r} in the pane")

    def wait_dead(self, *, timeout: float = 20.0) -> None:
        """Poll until the pane's program has ended."""
        deadline = time.monotonic() + timeout
        while not self.pane_dead():
            if time.monotonic() > deadline:
                raise TmuxError(f"the pane's program still runs after {timeout:.0f}s; the pane shows:\n{self.screen()}")
            time.sleep(POLL_SECONDS)

    def wait_exit(self, *, timeout: float = 20.0) -> int:
        """The exit status of a program started with ``report_exit``, once it has ended."""
        screen = self.wait_until(
            lambda text: EXITED.search(text) is not None, timeout=timeout, what="[exited N]", history=True
        )
        return int(EXITED.findall(screen)[-1])

    def kill_process(self, pid: int, sig: int = signal.SIGKILL, *, timeout: float = 20.0) -> None:
        """Send ``sig`` to one process and wait until the pane reports its program dead."""
        os.kill(pid, sig)
        self.wait_dead(timeout=timeout)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    """Child pids, read from /proc/*/stat (the parent pid follows the parenthesised name)."""
    children: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children
