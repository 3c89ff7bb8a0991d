"""The `mastermind` command.

Exit codes: 0 success; 1 bad input or a missing thing, with one line ``error: ...`` on stderr
naming the file and the field, never a traceback; 2 bad usage (argparse).

With no subcommand it opens the app. The app (Textual) is imported only then, so the other
commands start fast and run on machines without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .store import Store, StoreError, resolve_data_dir

# The files and models (pydantic) are imported by the commands that use them: opening the app
# must not wait for them before its first frame (see meetings/peek.py).


class CommandError(Exception):
    """Bad input or a missing thing: printed as one ``error:`` line, exit 1."""


def version() -> str:
    from importlib import metadata  # 10-15 ms: only when asked

    try:
        return metadata.version("mastermind-facilitator")
    except metadata.PackageNotFoundError:
        return "0.1.0"


class _Version(argparse.Action):
    """--version, with the package metadata read only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"mastermind {version()}")
        parser.exit()


# --------------------------------------------------------------------------- commands


def cmd_validate(args: argparse.Namespace) -> int:
    from .files import FileError, load_file
    from .models import Group

    failed = 0
    for name in args.files:
        try:
            model = load_file(name)
        except FileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if isinstance(model, Group):
            print(f"ok: {name}: group {model.slug!r}, {len(model.members)} members, {len(model.purpose.goals)} goals")
        else:
            print(f"ok: {name}: template {model.slug!r}, {len(model.items)} items, {model.minutes} min")
    return 1 if failed else 0


def cmd_groups_list(args: argparse.Namespace) -> int:
    store = Store(args.data_dir, writer=False)
    groups, problems = store.groups()
    for g in groups:
        active = len(g.active_members)
        print(f"{g.slug}\t{g.name}\t{active} members\t{g.cadence.value}")
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if not groups and not problems:
        print(f"no groups yet in {store.root}; try `mastermind groups import FILE` or open the app", file=sys.stderr)
    return 1 if problems else 0


def cmd_groups_import(args: argparse.Namespace) -> int:
    from .files import FileError, load_group

    try:
        group = load_group(args.file)
    except FileError as exc:
        raise CommandError(str(exc)) from None
    with Store(args.data_dir) as store:
        if store.group_path(group.slug).exists() and not args.replace:
            raise CommandError(f"{args.file}: group.slug: a group {group.slug!r} exists already (use --replace)")
        store.save_group(group)
    print(f"imported {group.slug} ({group.name}, {len(group.members)} members) into {store.root}")
    return 0


def cmd_groups_export(args: argparse.Namespace) -> int:
    from .files import group_to_toml

    store = Store(args.data_dir, writer=False)
    group = store.group(args.slug)
    text = group_to_toml(group)
    return _emit(text, args.output)


def cmd_templates_list(args: argparse.Namespace) -> int:
    from .files import bundled_templates

    for t in bundled_templates():
        print(f"{t.slug}\t{t.name}\t{len(t.items)} items\t{t.minutes} min")
    return 0


def cmd_demo_history(args: argparse.Namespace) -> int:
    from .demo import generate_history
    from .files import bundled_templates

    if args.meetings < 1 or args.meetings > 5000:
        raise CommandError("--meetings: give a number from 1 to 5000")
    with Store(args.data_dir) as store:
        group = store.group(args.slug)
        if store.meetings(args.slug)[0] and not args.append:
            raise CommandError(f"{args.slug}: the group has meetings already (use --append to add more)")
        existing = store.history(args.slug)
        meetings = generate_history(group, args.meetings, seed=args.seed, templates=bundled_templates(), after=existing)
        for m in meetings:
            store.save_meeting(m)
    print(f"added {len(meetings)} past meetings to {args.slug}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from .summary import run_summary_command

    return run_summary_command(args)


def cmd_report(args: argparse.Namespace) -> int:
    from .insights import run_report_command

    return run_report_command(args)


def cmd_open_app(args: argparse.Namespace) -> int:
    # Imported here so that the headless commands never load Textual.
    from tui.app import run_app

    return run_app(resolve_data_dir(args.data_dir))


def _emit(text: str, output: str | None) -> int:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{output}: cannot write ({exc.strerror})") from None
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mastermind",
        description="Run your mastermind or peer group's meetings from the terminal.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $MASTERMIND_DATA_DIR, else your user data folder)")
    parser.set_defaults(func=cmd_open_app)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check group or template files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)

    groups = sub.add_parser("groups", help="list, import or export groups")
    gsub = groups.add_subparsers(dest="groups_command", metavar="ACTION", required=True)
    p = gsub.add_parser("list", help="one group a line, its slug first")
    p.set_defaults(func=cmd_groups_list)
    p = gsub.add_parser("import", help="import a group file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--replace", action="store_true", help="replace a group with the same slug")
    p.set_defaults(func=cmd_groups_import)
    p = gsub.add_parser("export", help="write a group as a TOML group file")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_groups_export)

    templates = sub.add_parser("templates", help="agenda templates")
    tsub = templates.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    p = tsub.add_parser("list", help="the bundled agenda templates")
    p.set_defaults(func=cmd_templates_list)

    p = sub.add_parser("summary", help="the minutes of a meeting")
    p.add_argument("slug", metavar="SLUG")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--meeting", metavar="ID", help="a meeting id (or its number)")
    which.add_argument("--last", action="store_true", help="the last closed meeting (the default)")
    p.add_argument("--format", choices=["text", "markdown", "eml", "ics"], default="text")
    p.add_argument("--copy", action="store_true", help="copy to the clipboard (always also saved to a file)")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("report", help="purpose review: how have we been successful?")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--period", metavar="PERIOD", help="a year (2026) or a quarter (2026-Q4); default: the last 12 months")
    p.add_argument("--format", choices=["text", "markdown"], default="text")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("demo-history", help="synthetic past meetings, for demos and benchmarks")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--meetings", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("--append", action="store_true", help="add to a group that has meetings already")
    p.set_defaults(func=cmd_demo_history)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    # Resolved once, so every command sees the same folder: --data-dir, env, platform default.
    args.data_dir = resolve_data_dir(args.data_dir)
    try:
        return func(args)
    except (CommandError, StoreError) as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # A disk or permission problem no command foresaw: still one line, never a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {_one_line(where + (exc.strerror or str(exc)))}", file=sys.stderr)
        return 1
    except Exception as exc:
        from .files import FileError

        if not isinstance(exc, FileError):
            raise
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
