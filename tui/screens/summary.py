"""The summary screen: preview the minutes, copy them, save every format, draft an email.

The minutes come from ``meetings.summary`` (pure functions); copying goes through
``meetings.clipboard`` (system clipboard if any, always a saved file) and, for terminals that
allow it, OSC 52 via ``App.copy_to_clipboard``. Disk and clipboard work runs in a thread
worker so the screen never waits on a stalled clipboard tool.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from meetings.clipboard import copy_text
from meetings.models import Group, Meeting
from meetings.store import atomic_write
from meetings.summary import (
    FORMAT_SUFFIX,
    FORMATS,
    file_stem,
    follow_ups,
    mailto_url,
    render,
    subject,
)

VIEWS = ("text", "markdown", "follow-ups")
_VIEW_LABELS = {"text": "Text", "markdown": "Markdown", "follow-ups": "Follow-ups"}
# Beyond this a mail link is refused by most systems (Linux caps one argument at 128 KiB).
MAILTO_MAX = 100_000


def open_mail_link(url: str) -> bool:
    """Open a ``mailto:`` link in the user's mail program, if one is set up. True if handed over."""
    try:
        if sys.platform == "darwin":
            if not shutil.which("open"):
                return False
            subprocess.Popen(["open", url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            return True
        if sys.platform.startswith("win"):
            os.startfile(url)  # type: ignore[attr-defined]  # Windows only
            return True
        opener, query = shutil.which("xdg-open"), shutil.which("xdg-mime")
        if not opener or not query:
            return False
        found = subprocess.run(
            [query, "query", "default", "x-scheme-handler/mailto"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        if found.returncode != 0 or not found.stdout.strip():
            return False
        subprocess.Popen([opener, url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        return True
    except (OSError, subprocess.SubprocessError):
        return False


class SummaryScreen(Screen):
    """The minutes of one meeting, with copy, save, email draft and per-member follow-ups."""

    # The preview is 77 cells wide in an 80-column terminal: the 76-column minutes never re-wrap.
    DEFAULT_CSS = """
    SummaryScreen #summary-title { padding: 0 1; text-style: bold; }
    SummaryScreen #summary-views { padding: 0 1; color: $text-muted; border-bottom: hkey $primary; }
    SummaryScreen #summary-preview { padding: 0 1; height: 1fr; scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("c", "copy", "Copy", id="summary.copy"),
        Binding("s", "save", "Save all", id="summary.save"),
        Binding("e", "email", "Email", id="summary.email"),
        Binding("f", "switch_format", "Text/MD", id="summary.format"),
        Binding("m", "follow_ups", "Follow-ups", id="summary.follow-ups"),
        Binding("escape", "back", "Back", id="summary.back"),
    ]

    view: reactive[str] = reactive("text")

    def __init__(self, meeting: Meeting, group: Group, earlier: Sequence[Meeting], minutes_dir: Path) -> None:
        super().__init__()
        self.meeting = meeting
        self.group = group
        self.earlier = list(earlier)
        self.minutes_dir = Path(minutes_dir)
        self._texts: dict[str, str] = {}
        self._last_format = "text"

    # ------------------------------------------------------------------ content

    def text_for(self, view: str) -> str:
        """The text shown (and copied) for a view: text or markdown minutes, or the follow-ups."""
        if view not in self._texts:
            if view == "follow-ups":
                self._texts[view] = self._follow_ups_text()
            else:
                output = render(view, self.meeting, self.group, self.earlier)
                assert isinstance(output, str)
                self._texts[view] = output
        return self._texts[view]

    def _follow_ups_text(self) -> str:
        texts = list(follow_ups(self.meeting, self.group, self.earlier).values())
        if not texts:
            return "Nobody has a commitment or an ask to follow up from this meeting.\n"
        return ("\n" + "-" * 40 + "\n\n").join(texts)

    @property
    def stem(self) -> str:
        return file_stem(self.meeting)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(Content(subject(self.meeting, self.group)), id="summary-title")
        yield Static(id="summary-views")
        with VerticalScroll(id="summary-preview"):
            yield Static(id="summary-body")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#summary-preview").focus()

    def on_unmount(self) -> None:
        # Textual's worker threads keep their last worker, and so this screen, alive for a
        # while: years of earlier meetings must not stay alive with it.
        self.earlier = []
        self._texts.clear()

    def watch_view(self) -> None:
        if self.is_mounted:
            self._show()

    def _show(self) -> None:
        parts: list[str | tuple[str, str]] = []
        for i, view in enumerate(VIEWS):
            if i:
                parts.append("  ")
            label = f" {_VIEW_LABELS[view]} "
            parts.append((label, "reverse bold") if view == self.view else label)
        self.query_one("#summary-views", Static).update(Content.assemble(*parts))
        # User text is shown literally: a Content, never a markup string.
        self.query_one("#summary-body", Static).update(Content(self.text_for(self.view)))
        self.query_one("#summary-preview", VerticalScroll).scroll_home(animate=False)

    # ------------------------------------------------------------------ actions

    def action_switch_format(self) -> None:
        """Text <-> Markdown (from the follow-ups, back to the last format)."""
        if self.view == "follow-ups":
            self.view = self._last_format
        else:
            self.view = "markdown" if self.view == "text" else "text"
            self._last_format = self.view

    def action_follow_ups(self) -> None:
        self.view = self._last_format if self.view == "follow-ups" else "follow-ups"

    def action_back(self) -> None:
        self.dismiss()

    def action_copy(self) -> None:
        text = self.text_for(self.view)
        # OSC 52: the terminal copies, which also works over SSH; it cannot tell us if it did.
        self.app.copy_to_clipboard(text)
        suffix = ".txt" if self.view == "follow-ups" else FORMAT_SUFFIX[self.view]
        stem = f"{self.stem}-follow-ups" if self.view == "follow-ups" else self.stem
        self._copy(text, stem, suffix)

    @work(thread=True, exclusive=True, exit_on_error=False, group="summary-copy")
    def _copy(self, text: str, stem: str, suffix: str) -> None:
        result = copy_text(text, self.minutes_dir, stem, suffix)
        message = result.message
        if not result.copied:
            message = f"Sent to the terminal's clipboard (if it allows it). {message}"
        self.app.notify(
            message,
            title="Minutes copied" if result.copied else "Minutes",
            severity="information" if result.path or result.copied else "error",
            markup=False,
        )

    def action_save(self) -> None:
        # The history is handed to the worker now: the screen may be closed before it runs.
        self._save_all(self.earlier)

    def _write_all(self, earlier: Sequence[Meeting]) -> list[Path]:
        paths = []
        for fmt in FORMATS:
            output = render(fmt, self.meeting, self.group, earlier)
            data = output.encode("utf-8") if isinstance(output, str) else output
            path = self.minutes_dir / f"{self.stem}{FORMAT_SUFFIX[fmt]}"
            atomic_write(path, data)
            paths.append(path)
        return paths

    @work(thread=True, exclusive=True, exit_on_error=False, group="summary-save")
    def _save_all(self, earlier: Sequence[Meeting]) -> None:
        try:
            paths = self._write_all(earlier)
        except OSError as exc:
            self.app.notify(f"Could not save the minutes in {self.minutes_dir}: {exc.strerror or exc}", severity="error", markup=False)
            return
        listing = "\n".join(str(p) for p in paths)
        self.app.notify(f"Saved {len(paths)} files:\n{listing}", title="Minutes saved", markup=False)

    def action_email(self) -> None:
        self._email(self.earlier)

    @work(thread=True, exclusive=True, exit_on_error=False, group="summary-email")
    def _email(self, earlier: Sequence[Meeting]) -> None:
        url = mailto_url(self.meeting, self.group, earlier)
        if len(url) <= MAILTO_MAX and open_mail_link(url):
            self.app.notify("Opened a draft in your mail program.", title="Email draft", markup=False)
            return
        why = "The minutes are too long for a mail link" if len(url) > MAILTO_MAX else "No mail program is set up to open mail links here"
        path = self.minutes_dir / f"{self.stem}.eml"
        try:
            output = render("eml", self.meeting, self.group, earlier)
            assert isinstance(output, bytes)
            atomic_write(path, output)
        except OSError as exc:
            self.app.notify(f"{why}, and the email file could not be saved: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.app.notify(
            f"{why}. Saved the draft as an email file; open it with your mail program:\n{path}",
            title="Email draft",
            markup=False,
        )
