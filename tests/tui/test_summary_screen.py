"""The summary screen: the facilitator previews the minutes of meeting 42, copies them on a
machine with no clipboard, saves every format, drafts an email and reads the follow-ups."""

from __future__ import annotations

import email
import email.policy
from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from meetings import clipboard, summary
from meetings.models import Attendance, Commitment, Group, Meeting, Member, Purpose
from tests.unit.summary_fixture import build
from tui.screens import summary as summary_screen
from tui.screens.summary import SummaryScreen
from tests.conftest import wait_until


class MinutesApp(App[None]):
    """A tiny app that opens the summary screen and remembers what it was asked to say or copy."""

    def __init__(self, meeting: Meeting, group: Group, earlier: list[Meeting], minutes_dir: Path) -> None:
        super().__init__()
        self.args = (meeting, group, earlier, minutes_dir)
        self.said: list[str] = []
        self.osc52: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(SummaryScreen(*self.args))

    def notify(self, message: str, **kwargs) -> None:  # type: ignore[override]
        self.said.append(message)
        super().notify(message, **kwargs)

    def copy_to_clipboard(self, text: str) -> None:
        self.osc52.append(text)
        super().copy_to_clipboard(text)


@pytest.fixture
def no_clipboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(clipboard, "_is_wsl", lambda: False)


def body(app: App) -> str:
    return str(app.screen.query_one("#summary-body", Static).content)


async def settle(app: App, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_preview_switches_between_text_markdown_and_follow_ups(tmp_path: Path) -> None:
    meeting, group, earlier = build()
    app = MinutesApp(meeting, group, earlier, tmp_path / "minutes")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert body(app) == summary.minutes_text(meeting, group, earlier)
        await pilot.press("f")
        await pilot.pause()
        assert body(app) == summary.minutes_markdown(meeting, group, earlier)
        await pilot.press("m")
        await pilot.pause()
        shown = body(app)
        assert "Greg Novak, your follow-ups from Founders Circle" in shown
        assert shown.count("your follow-ups") == len(summary.follow_ups(meeting, group, earlier))
        # From the follow-ups, f goes back to the format last chosen.
        await pilot.press("f")
        await pilot.pause()
        assert body(app) == summary.minutes_markdown(meeting, group, earlier)
        await pilot.press("f")
        await pilot.pause()
        assert body(app) == summary.minutes_text(meeting, group, earlier)


async def test_copy_without_a_clipboard_saves_the_file_and_says_where(tmp_path: Path, no_clipboard: None) -> None:
    meeting, group, earlier = build()
    minutes_dir = tmp_path / "minutes"
    app = MinutesApp(meeting, group, earlier, minutes_dir)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("c")
        await settle(app, pilot)
        saved = minutes_dir / "founders-circle-meeting-042-2026-11-24.txt"
        text = summary.minutes_text(meeting, group, earlier)
        assert saved.read_text(encoding="utf-8") == text
        assert app.osc52 == [text]
        assert len(app.said) == 1 and str(saved) in app.said[0] and "No clipboard here" in app.said[0]
        # Copying the Markdown view copies Markdown, to its own file.
        await pilot.press("f", "c")
        await settle(app, pilot)
        assert (minutes_dir / "founders-circle-meeting-042-2026-11-24.md").read_text(encoding="utf-8") == summary.minutes_markdown(meeting, group, earlier)


async def test_save_writes_every_format_and_lists_the_paths(tmp_path: Path) -> None:
    meeting, group, earlier = build()
    minutes_dir = tmp_path / "minutes"
    app = MinutesApp(meeting, group, earlier, minutes_dir)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("s")
        await settle(app, pilot)
    stem = "founders-circle-meeting-042-2026-11-24"
    paths = [minutes_dir / f"{stem}{suffix}" for suffix in (".txt", ".md", ".eml", ".ics")]
    assert all(p.exists() for p in paths)
    msg = email.message_from_bytes(paths[2].read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == summary.subject(meeting, group)
    assert paths[3].read_bytes() == summary.minutes_ics(meeting, group, earlier)
    assert len(app.said) == 1 and all(str(p) in app.said[0] for p in paths)


async def test_email_draft_without_a_mail_program_saves_the_eml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting, group, earlier = build()
    monkeypatch.setattr(summary_screen, "open_mail_link", lambda url: False)
    app = MinutesApp(meeting, group, earlier, tmp_path / "minutes")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("e")
        await settle(app, pilot)
    eml = tmp_path / "minutes" / "founders-circle-meeting-042-2026-11-24.eml"
    assert eml.read_bytes() == summary.minutes_eml(meeting, group, earlier)
    assert "No mail program" in app.said[0] and str(eml) in app.said[0]


async def test_email_draft_opens_the_mail_program_with_the_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting, group, earlier = build()
    opened: list[str] = []
    monkeypatch.setattr(summary_screen, "open_mail_link", lambda url: opened.append(url) or True)
    app = MinutesApp(meeting, group, earlier, tmp_path / "minutes")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("e")
        await settle(app, pilot)
    assert opened == [summary.mailto_url(meeting, group, earlier)]
    assert app.said == ["Opened a draft in your mail program."]
    assert not (tmp_path / "minutes").exists()


async def test_markup_in_names_is_shown_literally_and_does_nothing(tmp_path: Path, screen_text) -> None:
    group = Group(
        slug="odd",
        name="[bold]Club[/bold]",
        purpose=Purpose(statement="[@click=app.quit]quit[/]"),
        members=[Member(id="a", name="[@click=app.quit]"), Member(id="b", name="[bold]x[/bold]")],
    )
    meeting = Meeting(
        group="odd",
        number=1,
        date=date(2026, 3, 3),
        template="classic-mastermind",
        attendance=[Attendance(member_id="a"), Attendance(member_id="b")],
        commitments=[Commitment(owner="b", text="[red]ship[/red] it", due=date(2026, 3, 17))],
    )
    app = MinutesApp(meeting, group, [], tmp_path / "minutes")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold]Club[/bold]: minutes of meeting 1, Tue 3 Mar 2026" in shown
        assert "Our purpose: [@click=app.quit]quit[/]" in shown
        assert "Present: [@click=app.quit], [bold]x[/bold]" in shown
        assert "- [bold]x[/bold]: [red]ship[/red] it" in shown
        # Clicking where the name is shown runs nothing: it is text, not a link.
        await pilot.click("#summary-body", offset=(12, 5))
        await pilot.click("#summary-body", offset=(16, 3))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SummaryScreen)
        await pilot.press("f")
        await pilot.pause()
        await wait_until(
            pilot, lambda: "- \\[bold\\]x\\[/bold\\]: \\[red\\]ship\\[/red\\] it" in screen_text(app), what="the markdown minutes"
        )
        assert app.is_running


async def test_escape_goes_back(tmp_path: Path) -> None:
    meeting, group, earlier = build()
    app = MinutesApp(meeting, group, earlier, tmp_path / "minutes")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)


def test_summary_screen_snapshot(snap_compare, tmp_path: Path) -> None:
    meeting, group, earlier = build()
    app = MinutesApp(meeting, group, earlier, tmp_path / "minutes")

    async def opened(pilot) -> None:
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)
