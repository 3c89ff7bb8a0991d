"""The core stays headless, and the screens stay off the storage engine.

`meetings/` runs the command line, tests and benchmarks on machines without a terminal, and
starts fast: it must never import Textual. `tui/` shows and asks: it goes through
`meetings.store.Store`, never through TinyDB or the store's TinyDB storage class.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "meetings"
TUI = REPO / "tui"

# What the screens may not reach for: the storage engine itself.
STORAGE_ENGINE_NAMES = {"AtomicJSONStorage", "TinyDB", "Storage", "JSONStorage", "MemoryStorage"}


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names imported from it) for every import anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = ("." * node.level) + (node.module or "")
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return found


def _dynamic_imports(path: Path) -> list[tuple[int, str]]:
    """importlib.import_module("...") and __import__("...") calls with a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in {"import_module", "__import__"} and isinstance(node.args[0].value, str):
            found.append((node.lineno, node.args[0].value))
    return found


def _top(module: str) -> str:
    return module.lstrip(".").split(".")[0]


def _core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def _tui_files() -> list[Path]:
    return sorted(TUI.rglob("*.py"))


def test_the_core_is_scanned_at_all() -> None:
    names = {p.name for p in _core_files()}
    assert {"models.py", "store.py", "cli.py", "files.py"} <= names


def test_no_core_module_imports_textual_anywhere_in_its_source() -> None:
    offenders = []
    for path in _core_files():
        for line, module, _ in _imports(path):
            if _top(module) in {"textual", "tui"} and not _is_app_launcher(path, line):
                offenders.append(f"{path.relative_to(REPO)}:{line}: import {module}")
        for line, module in _dynamic_imports(path):
            if _top(module) == "textual":
                offenders.append(f"{path.relative_to(REPO)}:{line}: import_module({module!r})")
    assert offenders == []


def _is_app_launcher(path: Path, line: int) -> bool:
    """The one allowed crossing: cli.py opens the app from inside the function that runs it."""
    if path != CORE / "cli.py":
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "cmd_open_app":
            return node.lineno <= line <= (node.end_lineno or node.lineno)
    return False


IMPORT_EVERYTHING = """
    import importlib, pkgutil, sys
    import meetings

    imported = []
    for info in pkgutil.walk_packages(meetings.__path__, prefix="meetings."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue  # running it would start the command
        importlib.import_module(info.name)
        imported.append(info.name)
    # The command line is built too, every subcommand included.
    from meetings.cli import build_parser
    build_parser().format_help()
    leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.") or m == "tui" or m.startswith("tui."))
    print("\\n".join(imported))
    print("LEAKED:" + ",".join(leaked))
"""


def test_importing_every_core_module_loads_no_textual() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(IMPORT_EVERYTHING)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    *imported, leaked = result.stdout.splitlines()
    expected = {f"meetings.{p.stem}" for p in CORE.glob("*.py") if p.stem not in {"__init__", "__main__"}}
    assert expected <= set(imported)
    assert leaked == "LEAKED:"


def test_headless_commands_run_without_loading_textual(tmp_path: Path) -> None:
    code = """
        import sys
        from meetings.cli import main
        code = main(["--data-dir", sys.argv[1], "groups", "list"])
        assert code == 0, code
        main(["templates", "list"])
        print("LEAKED:" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] == "textual")))
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "LEAKED:"


@pytest.mark.skipif(not TUI.is_dir(), reason="no tui package yet")
def test_the_screens_never_touch_tinydb_or_the_storage_engine() -> None:
    offenders = []
    for path in _tui_files():
        where = path.relative_to(REPO)
        for line, module, names in _imports(path):
            if _top(module) == "tinydb":
                offenders.append(f"{where}:{line}: import {module}")
            if module.endswith("store") and STORAGE_ENGINE_NAMES & set(names):
                offenders.append(f"{where}:{line}: from {module} import {sorted(STORAGE_ENGINE_NAMES & set(names))}")
        for line, module in _dynamic_imports(path):
            if _top(module) == "tinydb":
                offenders.append(f"{where}:{line}: import_module({module!r})")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # store.AtomicJSONStorage, meetings.store.TinyDB, ...: reaching in through an attribute.
            if isinstance(node, ast.Attribute) and node.attr in {"AtomicJSONStorage", "TinyDB"}:
                offenders.append(f"{where}:{node.lineno}: .{node.attr}")
    assert offenders == []


def test_the_scanners_catch_what_they_are_meant_to(tmp_path: Path) -> None:
    # A scanner that sees nothing would pass forever: show it on a file that does it all wrong.
    bad = tmp_path / "bad.py"
    bad.write_text(
        textwrap.dedent(
            """
            import tinydb
            from textual.app import App
            from meetings.store import Store, AtomicJSONStorage

            def later():
                import textual.widgets
                importlib.import_module("tinydb.storages")
            """
        ),
        encoding="utf-8",
    )
    modules = [(module, names) for _, module, names in _imports(bad)]
    assert ("tinydb", []) in modules
    assert ("textual.app", ["App"]) in modules
    assert ("textual.widgets", []) in modules
    assert ("meetings.store", ["Store", "AtomicJSONStorage"]) in modules
    assert _dynamic_imports(bad) == [(8, "tinydb.storages")]
