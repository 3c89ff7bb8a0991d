"""The shape the live screen keeps (DESIGN.md, "The live screen's shape"): panels post messages
up and never call the screen by method name, the meeting is given before the screen (never an
Optional asserted later), and no UI class grows past 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_LIMIT = 400


def _python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_no_ui_class_is_longer_than_400_lines():
    long = []
    for path in _python_files("tui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > UI_LIMIT:
                long.append(f"{path.relative_to(ROOT)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []


def test_panels_never_call_the_screen_by_method_name():
    calls = []
    for path in _python_files("tui/live"):
        if path.name == "screen.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # self.screen.<anything>(...) from a widget: a message should go up instead.
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "screen"):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert calls == []


def test_the_live_meeting_is_never_asserted_into_being():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _python_files("tui")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "assert self.live" in line
    ]
    assert offenders == []
