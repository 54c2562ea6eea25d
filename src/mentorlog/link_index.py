"""The link index: which entries link to a goal, for `goal delete`, without reading every entry.

`goal delete` refuses a goal that other entries still link to, and says how many do. Reading
every entry for it took 1.4-1.8 s at 100,000 entries, against 0.1 s at 100.

The index is an SQLite database in the user's cache folder (outside the journal, like every
cache file). For every entry file and every change file, it keeps:
- the file's stat (size, times, inode, as the cache keeps them);
- the entry the file makes, or the one it changes;
- the goal references the file writes (an entry's `goal` or `goals`, a `link` change's);
- for an entry, a digest of what tells it from a copy of it (`alike`, see below).

A goal's names looked up in it give the few entries that may link to it. Those alone are read
from their files, with their changes, and folded as every read folds them. So the answer is
what a whole read says:
- Folding only ever adds links (a `link` change), so an entry's links are among those its
  files write: no entry that links is left out of the lookup.
- A copy that reports set aside (journal._set_aside_duplicates) is not counted. Copies share
  a key that no change alters (the entry's own fields, a session's without its action items),
  so the entries sharing a candidate's `alike` are read and compared with it whole.

It is kept true as the entry indexes are (see entry_index.py): before an answer, the files
changed since it was last true are read again. The journal's watcher says which (see
watching.py); where it cannot, every file is walked and its stat compared. Anything it cannot
answer exactly answers None, and `goal delete` reads every entry, as before:
- a file with git's conflict markers (a whole read refuses the journal then);
- two entry files of one id.

SQLite, not a pickle like the other cache files: a lookup reads a few pages of it, where a
pickle is read whole (100,000 rows). A damaged or foreign database is removed and made again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat as stat_module
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog import cache, store
from mentorlog.errors import EntryFileError

try:
    import sqlite3
except ImportError:  # a Python built without it: `goal delete` reads every entry, as before
    sqlite3 = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from mentorlog.journal import Journal
    from mentorlog.model import Change, Entry, Goal

NAME = "link-index"
# Bumped when what a row holds changes: a database of another version is made again.
VERSION = 1
# From this many files described, a lookup asks the journal's watcher what changed (starting
# one when there is none), as the entry indexes do from their WALK_AHEAD_FROM.
WATCH_FROM = 2_000

# A file's problem, as kept: none, it does not load, it has git's conflict markers.
LOADS, FAILS, CONFLICT = 0, 1, 2

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    stat BLOB NOT NULL,
    entry TEXT,
    change INTEGER NOT NULL,
    alike BLOB,
    problem INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS links (ref TEXT NOT NULL, path TEXT NOT NULL);
"""
# Made again after the rows when the index is made whole: 100,000 rows went in 1.3 s with
# them kept up row by row.
_INDEXES = {
    "files_entry": "files (entry)",
    "files_alike": "files (alike) WHERE alike IS NOT NULL",
    "files_problem": "files (problem) WHERE problem != 0",
    "links_ref": "links (ref)",
    "links_path": "links (path)",
}


def _made_indexes() -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {name} ON {on}" for name, on in _INDEXES.items()]


# One file's row, and the references it writes.
Row = tuple[str, bytes, str | None, int, bytes | None, int]


def linked(journal: Journal, goal: Goal) -> int | None:
    """How many entries other than the goal link to it, as a whole read of the journal finds
    them (Entries.all, each linking by any of its names, report.rules.names_of); None when
    the index cannot say (see the module's text)."""
    from mentorlog.report.rules import names_of

    root = journal.root
    if sqlite3 is None or not cache.usable(root):
        return None
    try:
        with _opened(root) as database:
            if database is None or not _brought_up(journal, database):
                return None
            return _count(root, database, names_of(goal), goal.id)
    except (sqlite3.Error, OSError, EntryFileError, _Unsure):
        return None


class _Unsure(Exception):
    """What the index cannot answer exactly: a whole read answers."""


@contextmanager
def _opened(root: Path) -> Iterator[sqlite3.Connection | None]:
    """The journal's link index, made empty when it is missing, damaged or of another
    version; None when there can be none (a file there that is not this user's)."""
    path = cache.database_path(root, NAME)
    database = None
    try:
        database = _connect(path)
        if database is None:
            _remove(path)
            database = _connect(path)
        yield database
    except sqlite3.DatabaseError as error:
        if not isinstance(error, sqlite3.OperationalError):  # damaged, not busy: made again
            _remove(path)
        raise
    finally:
        if database is not None:
            database.close()


def _remove(path: str) -> None:
    for name in (path, f"{path}-wal", f"{path}-shm"):
        with suppress(OSError):
            os.remove(name)


def _connect(path: str) -> sqlite3.Connection | None:
    """The database at `path`, with this version's tables (made when it had none); None when
    it is not one of ours."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError:
        return None
    if found is not None and (
        not stat_module.S_ISREG(found.st_mode) or found.st_uid != os.geteuid()
    ):
        return None
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    database = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        version = database.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:  # new (or made by a process stopped half way): its tables, at once
            schema = "; ".join([_TABLES, *_made_indexes()])
            database.executescript(f"BEGIN; {schema}; PRAGMA user_version = {VERSION}; COMMIT;")
            version = VERSION
        tables = {name for (name,) in database.execute("SELECT name FROM sqlite_master")}
        if version != VERSION or not {"meta", "files", "links"} <= tables:
            database.close()
            return None
        # An application's crash loses no transaction, a machine's at most the last one.
        database.execute("PRAGMA journal_mode = WAL")
        database.execute("PRAGMA synchronous = NORMAL")
        return database
    except sqlite3.Error:
        database.close()
        return None


@contextmanager
def _transaction(database: sqlite3.Connection) -> Iterator[None]:
    database.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        database.rollback()
        raise
    database.commit()


# -- kept true --


def _brought_up(journal: Journal, database: sqlite3.Connection) -> bool:
    """Make the index describe the journal's files as they are now: the files the watcher says
    changed since it was last true, else every file walked, each read again where its stat
    differs; or every file, from a whole read, when it describes none yet (or was made by
    other code). False when a file it describes has git's conflict markers."""
    from mentorlog import watching

    root = journal.root
    meta = dict(database.execute("SELECT key, value FROM meta").fetchall())
    stamp = _stamp()
    said = meta.get("count", "")
    counted = int(said) if isinstance(said, str) and said.isdigit() else 0
    seen = None
    if watching.enabled() and (counted >= WATCH_FROM or meta.get("stamp") != stamp):
        # Asked before the files are looked at: what changes after is what the next lookup
        # reads again.
        seen = watching.ask(root, meta.get("watch") or None, start=counted >= WATCH_FROM)
    with _transaction(database):
        if meta.get("stamp") != stamp:
            _build(journal, database)
            changed = True
        elif seen is not None and seen.changed is not None and meta.get("watch"):
            changed = _take(root, database, sorted({p for p in seen.changed if _described(p)}))
        else:
            changed = _take_walked(root, database)
        kept = [("stamp", stamp), ("watch", seen.now if seen is not None else "")]
        if changed:  # counted again only then: a count of 100,000 rows takes milliseconds
            count = database.execute("SELECT count(*) FROM files").fetchone()[0]
            kept.append(("count", str(count)))
        database.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", kept)
    conflicted = database.execute("SELECT 1 FROM files WHERE problem = ? LIMIT 1", (CONFLICT,))
    return conflicted.fetchone() is None


def _stamp() -> str:
    """The version of what made the rows: the cache's (mentorlog's version, the models), and
    the code that reads them (the fold, journal.duplicate_key, this module), as a development
    install changes it."""
    from mentorlog import fold, journal

    codes = [os.stat(module.__file__) for module in (fold, journal) if module.__file__]
    codes.append(os.stat(__file__))
    return ":".join(
        [str(VERSION), cache._stamp(), *(f"{c.st_size}.{c.st_mtime_ns}" for c in codes)]
    )


@functools.cache
def _folders() -> tuple[str, ...]:
    """Every folder the index describes: each kind's entries and its changes."""
    from mentorlog.model import ENTRY_KINDS

    return tuple(
        where
        for model in ENTRY_KINDS.values()
        for where in (model.folder, cache.change_folder(model.folder))
    )


def _described(relative: str) -> bool:
    """Whether the index describes the file at `relative` (as the walk finds them)."""
    return store.walked(relative, _bases())


@functools.cache
def _bases() -> tuple[str, ...]:
    return store.walk_bases(_folders())


def _take_walked(root: Path, database: sqlite3.Connection) -> bool:
    """Every file walked, each read again where its stat is not the one kept; whether one
    was."""
    from mentorlog.walk_ahead import walk

    walked: dict[str, bytes] = {}
    for where in _folders():
        walked.update(walk(root, where, True, cache.stat_key, ordered=False))
    kept = dict(database.execute("SELECT path, stat FROM files").fetchall())
    return _take(root, database, sorted({path for path, _ in walked.items() ^ kept.items()}))


def _take(root: Path, database: sqlite3.Connection, paths: Iterable[str]) -> bool:
    """Read these files again (each one the index describes, or did) where its stat is not
    the one kept; a file gone, or no longer a file, is forgotten. Whether one was."""
    changed = False
    for relative in paths:
        now = cache.stat_key_now(os.path.join(root, relative))
        row = database.execute("SELECT stat FROM files WHERE path = ?", (relative,)).fetchone()
        if (row[0] if row is not None else None) == now:
            continue  # the same, or still not there
        changed = True
        database.execute("DELETE FROM files WHERE path = ?", (relative,))
        database.execute("DELETE FROM links WHERE path = ?", (relative,))
        if now is not None:
            _keep(database, *_read(root, relative, now))
    return changed


def _keep(database: sqlite3.Connection, row: Row, refs: Iterable[str]) -> None:
    database.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", row)
    database.executemany("INSERT INTO links VALUES (?, ?)", [(ref, row[0]) for ref in refs])


def _read(root: Path, relative: str, key: bytes) -> tuple[Row, set[str]]:
    """A file's row, read from it (its stat `key` taken before: were it changed after, the row
    is only read again next time)."""
    from mentorlog.model import KIND_BY_FOLDER, Change

    change = store.is_change(relative)
    try:
        item = _load(root, relative)
        if not change and not isinstance(item, KIND_BY_FOLDER[store.kind_folder(relative)]):
            return (relative, key, None, 0, None, FAILS), set()
    except EntryFileError as problem:
        failed = CONFLICT if problem.problem.startswith(store.CONFLICT_PROBLEM) else FAILS
        return (relative, key, None, int(change), None, failed), set()
    except OSError:  # gone meanwhile: read again next time
        return (relative, b"", None, int(change), None, FAILS), set()
    if isinstance(item, Change):
        return _change_row(item, key)
    return _entry_row(item, key)


def _load(root: Path, relative: str) -> Any:
    """The entry or the change the file at `relative` holds, read and checked as every read
    does (raising EntryFileError, or OSError)."""
    from mentorlog.model import KIND_BY_FOLDER

    folder, path = store.kind_folder(relative), Path(root, relative)
    if store.is_change(relative):
        return cache.load_change(root, path, folder)
    return cache.load_file(root, path, KIND_BY_FOLDER[folder])


def _entry_row(entry: Entry, key: bytes) -> tuple[Row, set[str]]:
    return (entry.path, key, entry.id, 0, _alike(entry), LOADS), set(entry.goal_refs())


def _change_row(change: Change, key: bytes) -> tuple[Row, set[str]]:
    # Only a `link` change adds a link to its entry (fold._apply_session, fold._link).
    refs = (
        {ref for ref in (*change.goals, change.goal) if ref} if change.change == "link" else set()
    )
    return (change.path, key, change.entry, 1, None, LOADS), refs


def _alike(entry: Entry) -> bytes | None:
    """A digest of what copies of the entry share and no change alters: what
    journal.duplicate_key compares, with privacy, but a session's action items (action add
    and edit change those). None for kinds that link to no goal."""
    from mentorlog.journal import duplicate_key

    if entry.kind in ("goal", "review"):
        return None
    key = duplicate_key(entry)
    if entry.kind == "session":
        key = key[:4] + key[5:]  # (date, mentor, title, topics, action items, notes…)
    shown = repr((entry.kind, entry.private, key)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(shown, digest_size=16).digest()


def _build(journal: Journal, database: sqlite3.Connection) -> None:
    """Every row, from a whole read (through the cache: the files it holds are not read), a
    kind at a time: at most one kind's entries held at once."""
    from mentorlog.model import ENTRY_KINDS

    for name in _INDEXES:
        database.execute(f"DROP INDEX IF EXISTS {name}")
    database.execute("DELETE FROM files")
    database.execute("DELETE FROM links")
    root = journal.root
    for kind in ENTRY_KINDS:
        loaded = journal.read([kind])
        stats = {
            relative: record[0]
            for records in loaded.records.values()
            for relative, record in records.items()
        }
        made = [_entry_row(entry, stats.get(entry.path, b"")) for entry in loaded.entries]
        made += [_change_row(change, stats.get(change.path, b"")) for change in loaded.changes]
        for problem in loaded.problems:
            relative = _relative(root, problem.path)
            if relative is None or not _described(relative):
                continue
            failed = CONFLICT if problem.problem.startswith(store.CONFLICT_PROBLEM) else FAILS
            # No stat kept: it is read again by the next walk (and by the next lookup the
            # watcher tells it changed), so one mended meanwhile is not taken as failing.
            made.append(
                ((relative, b"", None, int(store.is_change(relative)), None, failed), set())
            )
        del loaded, stats
        database.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", [row for row, _ in made]
        )
        database.executemany(
            "INSERT INTO links VALUES (?, ?)",
            [(ref, row[0]) for row, refs in made for ref in refs],
        )
    for statement in _made_indexes():
        database.execute(statement)


def _relative(root: Path, path: Path) -> str | None:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return None


# -- the lookup --


def _count(root: Path, database: sqlite3.Connection, names: set[str], goal_id: str) -> int:
    """How many entries other than the goal link to one of its names (see linked)."""
    # Every file that writes one of the names, and the entry it makes or changes.
    writing: dict[str, bool] = {}  # by entry: whether its own file writes one
    for chunk in _chunks(sorted(names)):
        for entry_id, change in database.execute(
            "SELECT files.entry, files.change FROM links JOIN files ON files.path = links.path"
            f" WHERE links.ref IN ({_marks(chunk)}) AND files.problem = ?",
            [*chunk, LOADS],
        ):
            writing[entry_id] = writing.get(entry_id, False) or not change
    writing.pop(goal_id, None)
    # Each one's own file, and how many entries share its `alike`.
    own: dict[str, list[bytes | None]] = {}
    for chunk in _chunks(sorted(writing)):
        for entry_id, alike in database.execute(
            "SELECT entry, alike FROM files"
            f" WHERE entry IN ({_marks(chunk)}) AND change = 0 AND problem = ?",
            [*chunk, LOADS],
        ):
            own.setdefault(entry_id, []).append(alike)
    if any(len(files) > 1 for files in own.values()):
        raise _Unsure  # two entries of one id: the fold applies changes to one of them
    shared = _shared(database, {a for [a] in own.values() if a is not None})
    count = 0
    for entry_id, [alike] in own.items():
        if alike is None:
            continue  # a goal's or a review's: they link to nothing
        if writing[entry_id] and alike not in shared:
            # Its file writes the link, which no change takes away, and no other entry can be
            # a copy of it: counted without reading it.
            count += 1
            continue
        entry = _entry(root, database, entry_id)
        if entry is None or not entry.mentions(names):
            continue
        if alike not in shared or not _set_aside(root, database, entry, alike):
            count += 1
    return count


def _shared(database: sqlite3.Connection, alikes: set[bytes]) -> set[bytes]:
    """Which of these `alike` digests more than one entry has."""
    found: set[bytes] = set()
    for chunk in _chunks(sorted(alikes)):
        found.update(
            alike
            for (alike,) in database.execute(
                f"SELECT alike FROM files WHERE alike IN ({_marks(chunk)}) AND problem = ?"
                " GROUP BY alike HAVING count(*) > 1",
                [*chunk, LOADS],
            )
        )
    return found


# SQLite takes at most 32,766 values in one statement (999 before 3.32): asked in chunks.
CHUNK = 500


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def _entry(root: Path, database: sqlite3.Connection, entry_id: str) -> Entry | None:
    """The entry of this id as its files say, its changes applied (None: no entry file has
    it, so no change to it is applied)."""
    from mentorlog.fold import fold

    rows = database.execute(
        "SELECT path, change FROM files WHERE entry = ? AND problem = ?", (entry_id, LOADS)
    ).fetchall()
    own = [row for row in rows if not row[1]]
    if not own:
        return None
    if len(own) > 1:
        raise _Unsure  # two entries of one id: the fold applies changes to one of them
    entry: Entry = _load(root, own[0][0])
    fold([entry], [_load(root, path) for path, change in rows if change])
    return entry


def _set_aside(root: Path, database: sqlite3.Connection, entry: Entry, alike: bytes) -> bool:
    """Whether reports set the entry aside as a copy of another recorded before it (one of
    those that share its `alike`)."""
    from mentorlog.journal import _ORDER, duplicate_key

    others = database.execute(
        "SELECT entry FROM files WHERE alike = ? AND change = 0 AND problem = ? AND entry != ?",
        (alike, LOADS, entry.id),
    ).fetchall()
    if not others:
        return False
    order = _ORDER[entry.kind]
    mine = (entry.private, *duplicate_key(entry))
    for (other_id,) in others:
        other = _entry(root, database, other_id)
        if other is None or other.kind != entry.kind:
            continue
        if (other.private, *duplicate_key(other)) == mine and order(other) < order(entry):
            return True
    return False
