"""The four figures: startup, one live action on disk, the minutes, peak memory.

Each is measured against something measured in the same run (a minimal Textual app, an empty
data folder, a naive single-file TinyDB), so a figure reads as a ratio that holds from one
machine to the next; the milliseconds are given too.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from meetings import summary
from meetings.capture import CaptureContext, parse_capture
from meetings.demo import generate_history
from meetings.files import bundled_templates
from meetings.live import LiveMeeting, plan_meeting
from meetings.models import AskKind, Attendance, Group, Meeting, NoteKind, Template
from meetings.store import Store

from .data import SLUG, copy_folder, twelve_member_group
from .terminal import PtyProgram, TerminalTimeout

# Home is usable once the group itself is listed (its name, size and next date), not when the
# screen's heading is drawn: the heading and the list come in the same frame today, but the
# figure should not depend on it.
HOME_TEXT = "Founders Circle  ·  "
MINIMAL_TEXT = "ready"
GROUP_TEXT = "between meetings"
HEALTH_TEXT = "Trends read left"
NO_HEALTH_TEXT = "No meetings yet: the figures fill in"
# The day of the first meeting of a group without history.
FIRST_MEETING_DAY = date(2026, 11, 10)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p99 (and the worst) of durations in seconds, as milliseconds."""
    ordered = sorted(samples)
    p99 = statistics.quantiles(ordered, n=100, method="inclusive")[98] if len(ordered) > 1 else ordered[0]
    return {"n": len(ordered), "p50_ms": ms(statistics.median(ordered)), "p99_ms": ms(p99), "max_ms": ms(ordered[-1])}


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def app_argv(data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "meetings", "--data-dir", str(data_dir)]


def minimal_argv() -> list[str]:
    return [sys.executable, "-m", "benchmarks.minimal_app"]


# --------------------------------------------------------------------------- startup


def time_to_text(argv: list[str], text: str, cwd: Path) -> float:
    """Seconds from spawning ``argv`` on a 120x36 pty until ``text`` is drawn; then ctrl+q."""
    with PtyProgram(argv, cwd=cwd) as program:
        seconds = program.wait_for(text)
        program.quit()
    return seconds


def startup(folders: dict[int, Path], runs: int, cwd: Path) -> dict[str, Any]:
    """Median time to the first usable screen: the app (home drawn) vs the minimal app."""
    samples: dict[str, list[float]] = {"minimal_app": [], **{f"app_{n}_meetings": [] for n in folders}}
    cases = [("minimal_app", minimal_argv(), MINIMAL_TEXT)]
    cases += [(f"app_{n}_meetings", app_argv(path), HOME_TEXT) for n, path in folders.items()]
    # One untimed pass warms the OS file cache for every program alike.
    for _, argv, text in cases:
        time_to_text(argv, text, cwd)
    for run in range(runs):
        # Interleaved, and the order rotated, so a busy moment of the machine hits all alike.
        shift = run % len(cases)
        for name, argv, text in cases[shift:] + cases[:shift]:
            samples[name].append(time_to_text(argv, text, cwd))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    result: dict[str, Any] = {"runs": runs, "terminal": "pty 120x36, TERM=xterm-256color"}
    result["median_s"] = {name: round(value, 3) for name, value in medians.items()}
    result["all_s"] = {name: [round(v, 3) for v in values] for name, values in samples.items()}
    result["ratio_to_minimal_app"] = {
        name: ratio(value, medians["minimal_app"]) for name, value in medians.items() if name != "minimal_app"
    }
    return result


# --------------------------------------------------------------------------- memory


def _press_until(program: PtyProgram, key: str, text: str, attempts: int = 5) -> None:
    """Press ``key`` until ``text`` is drawn (a key pressed while a screen mounts can be lost)."""
    for attempt in range(attempts):
        program.send(key)
        try:
            program.wait_for(text, timeout=5)
            return
        except TerminalTimeout:
            if attempt == attempts - 1:
                raise


def _settled_peak(program: PtyProgram, quiet: float = 0.5, limit: float = 5.0) -> int:
    """VmHWM once it has not grown for ``quiet`` seconds (at most ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    peak, since = program.peak_rss_kib(), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet:
        time.sleep(0.05)
        now = program.peak_rss_kib()
        if now > peak:
            peak, since = now, time.monotonic()
    return peak


def memory(data_dir: Path, runs: int, cwd: Path, empty_dir: Path | None = None) -> dict[str, Any]:
    """Peak resident memory (VmHWM): the app on home, then on the group's Health tab, vs the
    minimal app once drawn. With ``empty_dir`` (the same group, no meetings), the Health tab
    there too: what the screens cost before any history."""
    minimal: list[int] = []
    home: list[int] = []
    health: list[int] = []
    empty: list[int] = []
    for _ in range(runs):
        with PtyProgram(minimal_argv(), cwd=cwd) as program:
            program.wait_for(MINIMAL_TEXT)
            minimal.append(program.peak_rss_kib())
            program.quit()
        with PtyProgram(app_argv(data_dir), cwd=cwd) as program:
            program.wait_for(HOME_TEXT)
            # Home draws first and loads the validated groups (pydantic) just after: measure
            # once the peak has stopped growing, so the figure includes that load.
            home.append(_settled_peak(program))
            _press_until(program, "g", GROUP_TEXT)
            _press_until(program, "5", HEALTH_TEXT)
            health.append(program.peak_rss_kib())
            program.quit()
        if empty_dir is not None:
            with PtyProgram(app_argv(empty_dir), cwd=cwd) as program:
                program.wait_for(HOME_TEXT)
                _press_until(program, "g", GROUP_TEXT)
                _press_until(program, "5", NO_HEALTH_TEXT)
                empty.append(program.peak_rss_kib())
                program.quit()
    mib = lambda values: round(statistics.median(values) / 1024, 1)  # noqa: E731
    result: dict[str, Any] = {
        "runs": runs,
        "measure": "VmHWM from /proc/PID/status, median of runs",
        "minimal_app_mib": mib(minimal),
        "app_home_mib": mib(home),
        "app_group_health_mib": mib(health),
    }
    if empty:
        result["app_group_health_0_meetings_mib"] = mib(empty)
    result["ratio_home_to_minimal_app"] = ratio(statistics.median(home), statistics.median(minimal))
    result["ratio_health_to_minimal_app"] = ratio(statistics.median(health), statistics.median(minimal))
    if empty:
        result["ratio_health_0_meetings_to_minimal_app"] = ratio(statistics.median(empty), statistics.median(minimal))
    return result


# --------------------------------------------------------------------------- live actions


class LiveRun:
    """A live meeting on a private copy of a data folder, saved through ``store.save_meeting``."""

    def __init__(self, folder: Path, template: Template):
        self.store = Store(folder)
        self.group = self.store.group(SLUG)
        self.history = self.store.history(SLUG)
        self.template = template
        self.members = [m.id for m in self.group.active_members]
        self.live = self._new_meeting()

    def _new_meeting(self) -> LiveMeeting:
        last = self.history[-1] if self.history else None
        day = (last.next_date or last.date + timedelta(days=14)) if last else FIRST_MEETING_DAY
        meeting = plan_meeting(
            self.group, self.template, on=day, number=(last.number + 1) if last else 1,
            attendance=[Attendance(member_id=mid) for mid in self.members],
        )
        live = LiveMeeting(meeting, self.group, self.history, save=self.store.save_meeting)
        live.start()
        return live

    def restart(self) -> None:
        """Discard the meeting and begin a fresh one (a real meeting captures dozens, not hundreds)."""
        self.store.delete_meeting(self.live.meeting)
        self.live = self._new_meeting()

    def action(self, index: int) -> Callable[[], object]:
        """The index-th action of a facilitator's stream: a commitment, an ask, a note, in turn."""
        owner = self.members[index % len(self.members)]
        kind = index % 3
        if kind == 0:
            return lambda: self.live.add_commitment(owner, f"send the pricing survey to {index} customers")
        if kind == 1:
            return lambda: self.live.add_ask(owner, f"an introduction to a buyer at hospital {index}", AskKind.INTRODUCTION)
        return lambda: self.live.add_note(f"decided to meet in person in month {index % 12 + 1}", NoteKind.DECISION)

    def capture_line(self, index: int) -> Callable[[], object]:
        """What the live screen does for one quick-capture line: build the context (open asks
        folded from the whole history), parse, record."""
        member = self.group.member(self.members[index % len(self.members)])
        assert member is not None
        line = f"c: {member.name} send the draft agreement by next"

        def capture() -> object:
            m = self.live.meeting
            ctx = CaptureContext(
                group=self.group, today=m.date, next_meeting=m.next_date or m.date,
                default_visibility=self.group.confidentiality, open_asks=self.live.open_asks(), present=m.attendees,
            )
            return self.live.apply_captured(parse_capture(line, ctx))

        return capture

    def close(self) -> None:
        self.store.delete_meeting(self.live.meeting)
        self.store.close()


def live_actions(folders: dict[int, Path], scratch: Path, actions: int, per_meeting: int,
                 captures: int, naive_inserts: int) -> dict[str, Any]:
    """One action (commitment, ask or note) on disk, p50 and p99, by size of history; the
    quick-capture path; and a naive single-file TinyDB insert for comparison."""
    template = next(t for t in bundled_templates() if t.slug == "classic-mastermind")
    runs = {n: LiveRun(copy_folder(path, scratch / f"live-{n}"), template) for n, path in folders.items()}
    samples: dict[int, list[float]] = {n: [] for n in runs}
    capture_samples: dict[int, list[float]] = {n: [] for n in runs}
    batch = 10
    try:
        for start in range(0, actions, batch):
            # Round robin in small batches: every history size sees the same machine weather.
            for n, run in runs.items():
                for index in range(start, min(start + batch, actions)):
                    if index and index % per_meeting == 0:
                        run.restart()
                    act = run.action(index)
                    began = time.perf_counter()
                    act()
                    samples[n].append(time.perf_counter() - began)
        for n, run in runs.items():
            run.restart()
        for index in range(captures):
            for n, run in runs.items():
                act = run.capture_line(index)
                began = time.perf_counter()
                act()
                capture_samples[n].append(time.perf_counter() - began)
        largest = max(runs)
        naive = naive_tinydb(runs[largest].history, scratch / "naive.json", naive_inserts)
        floor = durable_write_floor(runs[largest].store.meeting_path(runs[largest].live.meeting), actions)
    finally:
        for run in runs.values():
            run.close()
    by_size = {f"{n}_meetings": percentiles(values) for n, values in samples.items()}
    smallest, largest = min(runs), max(runs)
    result: dict[str, Any] = {
        "what": f"LiveMeeting.add_commitment / add_ask / add_note in turn, save=store.save_meeting "
                f"(temp file, fsync, os.replace, folder fsync); a fresh meeting every {per_meeting} actions",
        "action": by_size,
        "ratio_p99_largest_to_empty": ratio(by_size[f"{largest}_meetings"]["p99_ms"], by_size[f"{smallest}_meetings"]["p99_ms"]),
        "ratio_p50_largest_to_empty": ratio(by_size[f"{largest}_meetings"]["p50_ms"], by_size[f"{smallest}_meetings"]["p50_ms"]),
        "quick_capture_line": {
            "what": "the live screen's path: CaptureContext with LiveMeeting.open_asks() (a fold of the "
                    "whole history), parse_capture, apply_captured",
            **{f"{n}_meetings": percentiles(values) for n, values in capture_samples.items()},
        },
        "durable_write_floor": floor,
        "naive_tinydb": naive,
    }
    result["ratio_p50_largest_to_floor"] = ratio(by_size[f"{largest}_meetings"]["p50_ms"], floor["p50_ms"])
    result["ratio_naive_tinydb_p50_to_ours_p50"] = ratio(naive["p50_ms"], by_size[f"{largest}_meetings"]["p50_ms"])
    return result


def durable_write_floor(meeting_file: Path, count: int) -> dict[str, Any]:
    """The bare cost of writing a meeting-sized file durably (atomic_write: temp file, fsync,
    os.replace, folder fsync) in the same folder: what no action can go below."""
    from meetings.store import atomic_write

    payload = meeting_file.read_bytes()
    target = meeting_file.with_name("floor-probe.json")
    samples = []
    for _ in range(count):
        began = time.perf_counter()
        atomic_write(target, payload)
        samples.append(time.perf_counter() - began)
    target.unlink()
    return {"bytes": len(payload), **percentiles(samples)}


def naive_tinydb(history: list[Meeting], path: Path, inserts: int) -> dict[str, Any]:
    """All meetings in one TinyDB file with the stock JSONStorage (no fsync, written in place):
    the design the store replaced. Times one small insert."""
    from tinydb import TinyDB
    from tinydb.storages import JSONStorage

    db = TinyDB(path, storage=JSONStorage)
    db.table("meetings").insert_multiple(m.model_dump(mode="json") for m in history)
    size = path.stat().st_size
    table = db.table("commitments")
    samples = []
    for index in range(inserts):
        doc = {"owner": "ana", "text": f"send the pricing survey to {index} customers", "due": "2026-11-24"}
        began = time.perf_counter()
        table.insert(doc)
        samples.append(time.perf_counter() - began)
    db.close()
    return {"file_mib": round(size / 2**20, 2), "meetings": len(history), **percentiles(samples)}


# --------------------------------------------------------------------------- minutes


def minutes(history_sizes: list[int], reps: int) -> dict[str, Any]:
    """Milliseconds to render the minutes of a 12-member meeting in each format, with 0, 52 and
    520 earlier meetings (the minutes replay what became of the commitments and asks the
    meeting reviews, from the meetings that made them)."""
    group: Group = twelve_member_group()
    templates = bundled_templates()
    most = max(history_sizes)
    meetings = generate_history(group, most + 1, seed=7, templates=templates)
    meeting, before = meetings[-1], meetings[:-1]
    result: dict[str, Any] = {
        "meeting": {
            "members": len(group.members), "present": len(meeting.attendees), "commitments": len(meeting.commitments),
            "asks": len(meeting.asks), "offers": len(meeting.offers), "notes": len(meeting.notes),
            "reviews": len(meeting.reviews), "guests": len(meeting.guests),
        },
    }
    for size in history_sizes:
        earlier = before[len(before) - size:] if size else []
        count = reps
        per_format: dict[str, float] = {}
        for fmt in summary.FORMATS:
            samples = []
            for _ in range(count):
                began = time.perf_counter()
                summary.render(fmt, meeting, group, earlier)
                samples.append(time.perf_counter() - began)
            per_format[fmt] = ms(statistics.median(samples))
        result[f"{size}_earlier_meetings"] = {"p50_ms": per_format, "all_four_ms": round(sum(per_format.values()), 2), "reps": count}
    return result
