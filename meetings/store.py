"""Durable storage on TinyDB: atomic writes, one small file per meeting, a lock, backups.

Layout of a data folder (folders 0700, files 0600)::

    .lock                         held by the one process allowed to write
    groups/<slug>.json            the group: members, purpose, settings
    meetings/<slug>/<id>.json     one meeting, live or closed
    backups/<stamp>-<reason>/...  copies taken before a migration and at each meeting close
    minutes/                      minutes saved by the summary screen and `summary --copy`

Why not one TinyDB file: TinyDB rewrites its whole file on every write (116 ms an insert at
4 MB, measured), and its stock JSONStorage writes in place, so a crash mid-write leaves broken
JSON. Here a live action rewrites one meeting's small file through a temp file, fsync and
os.replace, so it costs the same in year ten as on day one and a crash leaves the old file.

Every file holds two TinyDB tables: ``_meta`` (the schema version) and ``record`` (one
document: the model dumped as JSON). A file that fails to parse is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .models import Group, Meeting

# The models (and pydantic under them) are imported on first use, not with the store: the app
# takes the data folder's lock and draws its first screen before it needs them (see tui/app.py).

# The layout version of the files this store writes (the _meta table); see MIGRATIONS.
SCHEMA_VERSION = 1

ENV_DATA_DIR = "MASTERMIND_DATA_DIR"
BACKUPS_KEPT = 40
# How many of a group's newest meeting files are read to find one left unfinished.
UNFINISHED_WINDOW = 5

# Slugs and meeting ids become file names: nothing that could climb out of the data folder.
_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_MEETING_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

M = TypeVar("M", bound="BaseModel")

# Ordered migrations: MIGRATIONS[n] turns a record dict of schema n into schema n + 1.
# Keys are (kind, from_version); kind is "group" or "meeting".
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[tuple[str, int], Migration] = {}


class StoreError(Exception):
    """A problem with the data folder, said in one line a facilitator can act on."""


class StoreLocked(StoreError):
    pass


class BrokenFile(StoreError):
    """A file that cannot be read. It is left exactly as it is."""

    def __init__(self, path: Path, reason: str, backup: Path | None = None):
        self.path = path
        self.reason = reason
        self.backup = backup
        hint = f"; the last backup is {backup}" if backup else "; no backup of it exists"
        super().__init__(f"{path}: {reason} (the file was left untouched{hint})")


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else $MASTERMIND_DATA_DIR, else the platform's user data folder."""
    if arg:
        return Path(arg).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("mastermind", appauthor=False))


def make_private_dirs(path: Path) -> None:
    """Create ``path`` and its missing parents, each 0700 (``mkdir(parents=True)`` makes parents 0755)."""
    missing = []
    while not path.is_dir() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file whole."""
    make_private_dirs(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    # Make the rename itself durable.
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads strictly and writes atomically."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise BrokenFile(self.path, "is a folder, not a file") from None
        except PermissionError:
            raise StoreError(f"{self.path}: permission denied") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            reason = "empty file" if not raw else f"not valid JSON ({_short(exc)})"
            raise BrokenFile(self.path, reason) from None
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise BrokenFile(self.path, "not a Mastermind data file")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self.path, payload)

    def close(self) -> None:
        pass


def _copy_private(source: Path, dest: Path) -> None:
    """Copy a file into a 0700 folder as 0600 from the start (no fsync: the original is durable)."""
    make_private_dirs(dest.parent)
    data = source.read_bytes()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _number_and_id(path: Path) -> tuple[str, str]:
    """The meeting number (zero-padded) and id in a file name date_number_id.json."""
    parts = path.stem.split("_", 2)
    return (parts[1], parts[2]) if len(parts) == 3 else ("", path.stem)


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


class Store:
    """The data folder. Open one writer per folder (a lock refuses a second); readers are free.

    >>> with Store(path) as store:
    ...     store.save_group(group)
    """

    def __init__(self, root: str | os.PathLike[str], *, writer: bool = True):
        self.root = Path(root).expanduser()
        self.writer = writer
        self._lock: FileLock | None = None
        # Things that went wrong after the data itself was safe (a backup that could not be
        # made): worth telling the user, not worth undoing a save for. See take_warnings().
        self.warnings: list[str] = []
        # Closed meetings never change: one parsed copy is shared while anyone holds it (the live
        # screen's history), keyed by file identity, and freed with the last holder, so ten
        # years of meetings are not kept for the store's life.
        self._cache: dict[Path, tuple[tuple[int, int], weakref.ref[Meeting]]] = {}
        try:
            exists = self.root.exists()
            is_dir = self.root.is_dir()
        except OSError as exc:
            # A parent folder we may not enter: Path.exists raises rather than saying False.
            raise StoreError(f"{self.root}: cannot reach the data folder ({exc.strerror})") from None
        if exists and not is_dir:
            raise StoreError(f"{self.root}: the data folder is a file, not a folder")
        if writer:
            try:
                self._mkdir(self.root)
            except OSError as exc:
                raise StoreError(f"{self.root}: cannot create the data folder ({exc.strerror})") from None
            if not os.access(self.root, os.W_OK | os.X_OK):
                raise StoreError(f"{self.root}: no permission to write in the data folder")
            self._lock = FileLock(self.root / ".lock", timeout=0, mode=0o600)
            try:
                self._lock.acquire()
            except Timeout:
                self._lock = None
                raise StoreLocked(
                    f"{self.root}: another Mastermind (app or command) is writing to this data "
                    "folder; close it first (reading commands such as `groups list` still work)"
                ) from None
            except OSError as exc:
                self._lock = None
                raise StoreError(f"{self.root}: cannot lock the data folder ({exc.strerror})") from None
        elif exists and not os.access(self.root, os.R_OK | os.X_OK):
            raise StoreError(f"{self.root}: no permission to read the data folder")

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ paths

    @staticmethod
    def _mkdir(path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)

    def group_path(self, slug: str) -> Path:
        if not _SLUG_RE.fullmatch(slug):
            raise StoreError(f"{slug!r} is not a group slug (lowercase letters, digits and dashes)")
        return self.root / "groups" / f"{slug}.json"

    def meeting_path(self, meeting: Meeting) -> Path:
        """Meeting files are named date_number_id.json, so names sort in meeting order and the
        newest can be found without parsing years of history."""
        if not _MEETING_ID_RE.fullmatch(meeting.id):
            raise StoreError(f"{meeting.id!r} is not a meeting id (letters, digits, dots, dashes, underscores)")
        name = f"{meeting.date.isoformat()}_{meeting.number:05d}_{meeting.id}.json"
        return self.root / "meetings" / meeting.group / name

    def meeting_files(self, slug: str) -> list[Path]:
        """The group's meeting files, oldest first (by name)."""
        folder = self.root / "meetings" / slug
        return sorted(folder.glob("*.json")) if folder.is_dir() else []

    @property
    def minutes_dir(self) -> Path:
        return self.root / "minutes"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    # ------------------------------------------------------------------ raw records

    def _read(self, path: Path, model: type[M], kind: str) -> M:
        storage = AtomicJSONStorage(path, read_only=True)
        try:
            # One parse of the whole (small) file; TinyDB's layout: table -> doc id -> document.
            tables = storage.read() or {}
        except BrokenFile as exc:
            raise BrokenFile(path, exc.reason, self.latest_backup(path)) from None
        meta = tables.get("_meta", {}).get("1")
        record = tables.get("record", {}).get("1")
        if not isinstance(record, dict):
            raise BrokenFile(path, "holds no record", self.latest_backup(path))
        if meta is not None and not isinstance(meta, dict):
            raise BrokenFile(path, "unreadable _meta table", self.latest_backup(path))
        version = (meta or {}).get("schema_version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise BrokenFile(path, f"unreadable schema_version {version!r}", self.latest_backup(path))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: written by a newer Mastermind (schema {version}, this one reads "
                f"up to {SCHEMA_VERSION}); upgrade Mastermind"
            )
        data = dict(record)
        migrated = version < SCHEMA_VERSION
        if migrated:
            data = self._migrate(path, kind, version, data)
        from pydantic import ValidationError

        try:
            found = model.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or kind
            raise BrokenFile(path, f"{where}: {first['msg']}", self.latest_backup(path)) from None
        if migrated and self.writer:
            # Written back only once the migrated record is known to be valid.
            self._write(path, found.model_dump(mode="json"), checked=True)
        return found

    def _migrate(self, path: Path, kind: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
        if self.writer:
            self.backup(f"schema{version}", [path])
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get((kind, version))
            if step is None:
                raise StoreError(f"{path}: no migration from schema {version} for a {kind}")
            try:
                data = step(data)
            except Exception as exc:
                # A hand-edited file may lack what a migration expects: say so, keep the file.
                raise StoreError(f"{path}: migration from schema {version} failed ({_short(exc)})") from None
            version += 1
        return data

    def _write(self, path: Path, data: dict[str, Any], *, checked: bool = False) -> None:
        """Replace the record in ``path`` atomically.

        Unless the caller has just read it (``checked``), the file is read first, so a broken
        file raises BrokenFile here and is never replaced.
        """
        if not self.writer:
            raise StoreError(f"{self.root}: opened for reading only")
        db = TinyDB(path, storage=AtomicJSONStorage)
        try:
            if not checked:
                db.storage.read()
            db.storage.write({"_meta": {"1": {"schema_version": SCHEMA_VERSION}}, "record": {"1": data}})
        except BrokenFile as exc:
            raise BrokenFile(path, exc.reason, self.latest_backup(path)) from None
        except OSError as exc:
            # The reason first: a one-line status bar cuts a long path, never what to do about it.
            raise StoreError(f"{exc.strerror or exc}: could not save {path}; nothing was changed") from None

    # ------------------------------------------------------------------ groups

    def group_slugs(self) -> list[str]:
        folder = self.root / "groups"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.json"))

    def group(self, slug: str) -> Group:
        path = self.group_path(slug)
        if not path.exists():
            raise StoreError(f"no group {slug!r} in {self.root}")
        from .models import Group

        return self._read(path, Group, "group")

    def groups(self) -> tuple[list[Group], list[StoreError]]:
        """Every readable group, and the problems with those that are not."""
        groups: list[Group] = []
        problems: list[StoreError] = []
        for slug in self.group_slugs():
            try:
                groups.append(self.group(slug))
            except StoreError as exc:
                problems.append(exc)
        groups.sort(key=lambda g: g.name.lower())
        return groups, problems

    def save_group(self, group: Group) -> None:
        """Write a group durably. A file there that cannot be read (broken, or from a newer
        Mastermind) raises and is kept as it is."""
        path = self.group_path(group.slug)
        if path.exists():
            from .models import Group

            self._read(path, Group, "group")
        self._write(path, group.model_dump(mode="json"), checked=True)

    # ------------------------------------------------------------------ meetings

    def meeting(self, slug: str, meeting_id: str) -> Meeting:
        """A meeting by id, or by its number (e.g. "42"); an id wins over a number."""
        files = [(path, *_number_and_id(path)) for path in self.meeting_files(slug)]
        for path, _, file_id in files:
            if file_id == meeting_id:
                return self._read_meeting(path)
        for path, number, _ in files:
            if number.lstrip("0") == meeting_id:
                return self._read_meeting(path)
        raise StoreError(f"no meeting {meeting_id!r} for group {slug!r}")

    def _read_meeting(self, path: Path) -> Meeting:
        st = path.stat()
        key = (st.st_mtime_ns, st.st_size)
        cached = self._cache.get(path)
        if cached and cached[0] == key:
            meeting = cached[1]()
            if meeting is not None:
                return meeting
        from .models import Meeting

        meeting = self._read(path, Meeting, "meeting")
        if meeting.closed:
            self._cache[path] = (key, weakref.ref(meeting, self._forget(path)))
        return meeting

    def _forget(self, path: Path) -> Callable[[weakref.ref[Meeting]], None]:
        """A callback that drops the cache entry of ``path`` once its meeting is freed (unless a
        newer copy took its place)."""
        cache = self._cache

        def forget(ref: weakref.ref[Meeting]) -> None:
            entry = cache.get(path)
            if entry is not None and entry[1] is ref:
                cache.pop(path, None)

        return forget

    def each_meeting(self, slug: str, problems: list[StoreError] | None = None) -> Iterator[Meeting]:
        """The group's meetings one at a time, oldest first by file name (date, then number).

        For callers that reduce a long history to figures: a meeting is parsed when reached
        and lives only as long as the caller keeps it. Unreadable files are skipped and their
        problems appended to ``problems``."""
        for path in self.meeting_files(slug):
            try:
                meeting = self._read_meeting(path)
            except StoreError as exc:
                if problems is not None:
                    problems.append(exc)
                continue
            yield meeting

    def meetings(self, slug: str, *, newest: int | None = None) -> tuple[list[Meeting], list[StoreError]]:
        """The group's meetings, oldest first, and the problems with unreadable ones.

        ``newest`` reads only that many of the latest files (the home screen needs no more)."""
        files = self.meeting_files(slug)
        if newest is not None:
            files = files[-newest:] if newest > 0 else []
        found: list[Meeting] = []
        problems: list[StoreError] = []
        for path in files:
            try:
                found.append(self._read_meeting(path))
            except StoreError as exc:
                problems.append(exc)
        found.sort(key=lambda m: (m.date, m.number))
        return found, problems

    def history(self, slug: str) -> list[Meeting]:
        """Closed meetings of a group, oldest first (unreadable files are skipped)."""
        return [m for m in self.meetings(slug)[0] if m.closed]

    def latest(self, slug: str) -> Meeting | None:
        """The group's newest readable meeting, live or closed."""
        found = self.meetings(slug, newest=3)[0]
        return found[-1] if found else None

    def unfinished(self, slug: str | None = None) -> list[Meeting]:
        """Meetings left live (the app was closed or killed mid-meeting).

        A live meeting is always among a group's newest files, so only those are read."""
        slugs = [slug] if slug else self.group_slugs()
        return [m for s in slugs for m in self.meetings(s, newest=UNFINISHED_WINDOW)[0] if not m.closed]

    def save_meeting(self, meeting: Meeting) -> None:
        """Write a meeting durably. A closed meeting on disk is never changed again."""
        path = self.meeting_path(meeting)
        # Not under this name yet: it may be saved under another (its date or number changed since).
        renamed = [] if path.exists() else self._files_of(meeting)
        for on_disk in [path] if path.exists() else renamed:
            if self._read_meeting(on_disk).closed:
                raise StoreError(f"meeting {meeting.number} of {meeting.group} is closed and cannot change")
        # _read_meeting above has read (and so checked) the file already.
        self._write(path, meeting.model_dump(mode="json"), checked=True)
        for old in renamed:
            old.unlink(missing_ok=True)
        if meeting.closed:
            # The closed record is on disk: a backup that fails now (disk full) must not make
            # the close look undone, or the meeting would stay live on screen while sealed on disk.
            try:
                self.backup("close", [self.group_path(meeting.group), path])
            except StoreError as exc:
                self.warnings.append(f"the meeting is saved, but {exc}")

    def take_warnings(self) -> list[str]:
        """The warnings gathered since the last call (and forget them)."""
        taken, self.warnings = self.warnings, []
        return taken

    def _files_of(self, meeting: Meeting) -> list[Path]:
        """Every file of the group named for this meeting's id, whatever its date and number."""
        return [p for p in self.meeting_files(meeting.group) if _number_and_id(p)[1] == meeting.id]

    def delete_meeting(self, meeting: Meeting) -> None:
        """Discard a live meeting (never a closed one); a backup is kept."""
        path = self.meeting_path(meeting)
        on_disk = [path] if path.exists() else self._files_of(meeting)
        if meeting.closed or any(self._read_meeting(p).closed for p in on_disk):
            raise StoreError("a closed meeting is kept for the record and cannot be deleted")
        if on_disk:
            self.backup("discard", on_disk)
            for p in on_disk:
                p.unlink()

    # ------------------------------------------------------------------ the running app's heartbeat

    def _alive_path(self, meeting_id: str) -> Path:
        if not _MEETING_ID_RE.fullmatch(meeting_id):
            raise StoreError(f"{meeting_id!r} is not a meeting id")
        return self.root / ".live" / meeting_id

    def mark_alive(self, meeting_id: str, at: datetime) -> None:
        """Note that the app is running this meeting now, so a restart after a crash can say how
        long it was away. Advisory: a plain small write (no fsync), and a failure is ignored."""
        path = self._alive_path(meeting_id)
        try:
            self._mkdir(path.parent)
            path.write_text(at.isoformat(), encoding="ascii")
        except OSError:
            pass

    def last_alive(self, meeting_id: str) -> datetime | None:
        """When the app last marked this meeting alive, or None if unknown or unreadable."""
        try:
            moment = datetime.fromisoformat(self._alive_path(meeting_id).read_text(encoding="ascii").strip())
        except (OSError, ValueError, StoreError):
            return None
        return moment if moment.tzinfo is not None else None

    # ------------------------------------------------------------------ settings

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    def settings(self) -> dict[str, Any]:
        """The app's own preferences (e.g. the chosen theme); empty when unset or unreadable."""
        try:
            tables = AtomicJSONStorage(self.settings_path, read_only=True).read() or {}
        except StoreError:
            return {}
        record = tables.get("record", {}).get("1")
        return dict(record) if isinstance(record, dict) else {}

    def save_settings(self, settings: dict[str, Any]) -> None:
        # Preferences are not worth refusing over: a broken settings file is simply replaced.
        self._write(self.settings_path, settings, checked=True)

    # ------------------------------------------------------------------ backups

    def backup(self, reason: str, paths: list[Path]) -> Path | None:
        """Copy ``paths`` into a new backup folder; keep the newest BACKUPS_KEPT folders."""
        if not self.writer:
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backups_dir / f"{stamp}-{reason}"
        copied = False
        for path in paths:
            if not path.is_file():
                continue
            dest = target / path.relative_to(self.root)
            try:
                _copy_private(path, dest)
            except OSError as exc:
                raise StoreError(f"{dest}: could not back up {path} ({exc.strerror or exc})") from None
            copied = True
        self._prune_backups()
        return target if copied else None

    def _prune_backups(self) -> None:
        if not self.backups_dir.is_dir():
            return
        sets = sorted(p for p in self.backups_dir.iterdir() if p.is_dir())
        for old in sets[:-BACKUPS_KEPT]:
            shutil.rmtree(old, ignore_errors=True)

    def latest_backup(self, path: Path) -> Path | None:
        """The newest backup copy of ``path``, if any."""
        if not self.backups_dir.is_dir():
            return None
        try:
            rel = path.relative_to(self.root)
        except ValueError:
            return None
        for folder in sorted(self.backups_dir.iterdir(), reverse=True):
            candidate = folder / rel
            if candidate.is_file():
                return candidate
        return None
