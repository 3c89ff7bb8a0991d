"""`python -m benchmarks`: measure, print the figures as JSON, write benchmarks/results.json."""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from . import figures
from .data import build_folder

FIGURES = ("startup", "memory", "actions", "minutes")
GOALS = {
    "startup": "time to the first usable screen <= 1.3x the minimal Textual app (0 and 520 meetings)",
    "actions": "one live action on disk: p99 <= 15 ms, and with 520 meetings within 1.2x of an empty folder",
    "minutes": "the minutes of a 12-member meeting in each format <= 20 ms",
    "memory": "peak memory with 520 meetings (home and group health) <= 1.5x the minimal Textual app",
}


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "cpu": cpu,
        "platform": platform.platform(),
        "textual": metadata.version("textual"),
        "pydantic": metadata.version("pydantic"),
        "tinydb": metadata.version("tinydb"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal with the measured value and whether it was met."""
    out: list[dict[str, Any]] = []
    if "startup" in results:
        for name, value in results["startup"]["ratio_to_minimal_app"].items():
            out.append({"figure": f"startup {name} / minimal app", "goal": "<= 1.3", "value": value, "met": value <= 1.3})
    if "actions" in results:
        actions = results["actions"]
        for name, stats in actions["action"].items():
            out.append({"figure": f"action p99 ms, {name}", "goal": "<= 15", "value": stats["p99_ms"], "met": stats["p99_ms"] <= 15})
        value = actions["ratio_p99_largest_to_empty"]
        out.append({"figure": "action p99, largest history / empty", "goal": "<= 1.2", "value": value, "met": value <= 1.2})
    if "minutes" in results:
        for key, block in results["minutes"].items():
            if key.endswith("_earlier_meetings"):
                worst = max(block["p50_ms"].values())
                out.append({"figure": f"minutes, slowest format ms, {key}", "goal": "<= 20", "value": worst, "met": worst <= 20})
    if "memory" in results:
        value = results["memory"]["ratio_health_to_minimal_app"]
        out.append({"figure": "peak memory, app on group health / minimal app", "goal": "<= 1.5", "value": value, "met": value <= 1.5})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=FIGURES, default=list(FIGURES), help="measure only these figures")
    parser.add_argument("--runs", type=int, default=7, help="startup runs per program (median taken)")
    parser.add_argument("--meetings", type=int, default=520, help="the long history, in meetings (default 520)")
    parser.add_argument("-o", "--output", default=str(Path(__file__).with_name("results.json")), help="where to write the JSON")
    args = parser.parse_args(argv)

    repo = Path(__file__).resolve().parent.parent
    # An installed app starts from cached bytecode (pip compiles on install; Python caches on the
    # first run). Compile here, so the figures do not include compiling the sources on every
    # start where PYTHONDONTWRITEBYTECODE is set (as on CI machines): Python still reads the cache.
    for package in ("meetings", "tui", "benchmarks"):
        compileall.compile_dir(repo / package, quiet=1)
    results: dict[str, Any] = {"machine": machine(), "goals": GOALS}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mastermind-bench-") as tmp:
        scratch = Path(tmp)
        sizes = sorted({0, 52, args.meetings})
        needs = {"startup": [0, args.meetings], "memory": [0, args.meetings], "actions": sizes}
        wanted = sorted({n for name in args.only for n in needs.get(name, [])})
        print(f"building data folders: {wanted} meetings of history ...", file=sys.stderr)
        folders = {n: build_folder(scratch / f"data-{n}", n) for n in wanted}
        if "startup" in args.only:
            print("startup ...", file=sys.stderr)
            results["startup"] = figures.startup({n: folders[n] for n in (0, args.meetings)}, args.runs, repo)
        if "memory" in args.only:
            print("memory ...", file=sys.stderr)
            results["memory"] = figures.memory(folders[args.meetings], 3, repo, empty_dir=folders[0])
        if "actions" in args.only:
            print("live actions ...", file=sys.stderr)
            results["actions"] = figures.live_actions(
                {n: folders[n] for n in sizes}, scratch, actions=300, per_meeting=60, captures=30, naive_inserts=30
            )
        if "minutes" in args.only:
            print("minutes ...", file=sys.stderr)
            results["minutes"] = figures.minutes(sorted({0, 52, args.meetings}), reps=20)
    results["verdicts"] = verdicts(results)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"]["benchmark_seconds"] = round(time.perf_counter() - began, 1)
    text = json.dumps(results, indent=2)
    print(text)
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
