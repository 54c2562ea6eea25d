"""The index's database: where it lives, whether it may be used, opening it, its tables.

One SQLite database per journal, in the user's cache folder, never in the journal. It is used
only where it is safe: a cache folder the user owns and nobody else can write to (so no one
else can plant or swap a file in it), outside the journal and outside any git work tree (a
cache folder inside a clone could hold what someone committed). A database that is damaged,
of another version, of another journal, or not a regular file of the user's is removed and
made again; when even that fails, the journal is read from its files alone, and the reason
given in one line.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat as stat_module
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog import __version__
from mentorlog.digest import blake2b

if TYPE_CHECKING:
    import sqlite3

# Part of every database's stamp: raise it when the tables change.
# 2: what the fold sets on action items and milestones; changes' instants. 3: the day a change
# added an action item.
SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Every file the index has read: its stat when read, and what it holds (the validated item
-- as codec JSON), or why it does not load.
CREATE TABLE files(
    path TEXT PRIMARY KEY,   -- relative to the journal, '/'-separated
    folder TEXT NOT NULL,    -- 'goals', 'changes/goals', 'changes/mentors', '' (mentorlog.toml)
    stat BLOB NOT NULL,      -- size, modification and change times, inode
    racy INTEGER NOT NULL,   -- changed too close to its reading to trust its stat
    digest BLOB,             -- of its bytes: a new stat with the same bytes is not read
    entry TEXT,              -- the id of the entry it is, or that it changes
    data TEXT,               -- the item, NULL when the file does not load
    problems TEXT,           -- JSON [[problem, line, field], ...] when it does not
    orphan TEXT,             -- a change pointing at nothing: why
    created INTEGER          -- a change's instant, microseconds since 1970, UTC
);
CREATE INDEX files_entry ON files(folder, entry);
CREATE INDEX files_change ON files(entry, created) WHERE created IS NOT NULL;
CREATE INDEX files_created ON files(created) WHERE created IS NOT NULL;
CREATE INDEX files_problems ON files(folder) WHERE problems IS NOT NULL;
-- Every folder walked: a write trusts a folder whose stamp is unchanged to hold the same files.
CREATE TABLE folders(
    path TEXT PRIMARY KEY,
    stamp BLOB NOT NULL,     -- times and inode: a write trusts a folder whose stamp is unchanged
    listing BLOB,            -- digest of its files' names and stats: a read compares it
    racy INTEGER NOT NULL
);
-- Every entry as its changes leave it.
CREATE TABLE entries(
    path TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    private INTEGER NOT NULL,
    day TEXT NOT NULL,       -- ISO date
    created INTEGER NOT NULL,-- microseconds since 1970, UTC
    walk TEXT NOT NULL,      -- the order files are walked in, for entries that tie
    deleted INTEGER NOT NULL,
    author TEXT NOT NULL,
    slug TEXT,               -- a goal's
    label TEXT NOT NULL,
    words TEXT NOT NULL,     -- what a handle may begin with, casefolded (a question's text)
    same TEXT NOT NULL,      -- digest of what copies share (entries.duplicate_key)
    mentor TEXT NOT NULL,    -- a session's mentor, casefolded
    next TEXT,               -- a session's next meeting
    open INTEGER NOT NULL,   -- a session with an open action item, a question not discussed
    closed TEXT,             -- a session's latest day an action item was done or dropped
    data TEXT NOT NULL,
    public TEXT              -- as a clone without private/ folds it, where that differs
);
CREATE INDEX entries_order ON entries(kind, day, created, id, walk);
CREATE INDEX entries_id ON entries(kind, id);
CREATE INDEX entries_same ON entries(kind, deleted, same);
CREATE INDEX entries_author ON entries(kind, author);
-- Partial: only the rows some query asks for.
CREATE INDEX entries_words ON entries(words) WHERE kind = 'question';
CREATE INDEX entries_open ON entries(kind) WHERE open = 1;
CREATE INDEX entries_meetings ON entries(mentor, day, next) WHERE kind = 'session';
CREATE INDEX entries_closed ON entries(kind, closed) WHERE closed IS NOT NULL;
-- Everyone who wrote an entry, or a part of it by a change (a check-in, an item done).
CREATE TABLE writers(path TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX writers_path ON writers(path);
CREATE INDEX writers_kind ON writers(kind, name);
-- The goals each entry links to (as written: ids, slugs, former slugs).
CREATE TABLE links(path TEXT NOT NULL, goal TEXT NOT NULL);
CREATE INDEX links_goal ON links(goal);
CREATE INDEX links_path ON links(path);
-- Every session's action items, for a handle that names one.
CREATE TABLE actions(path TEXT NOT NULL, id TEXT NOT NULL, words TEXT NOT NULL, goal TEXT);
CREATE INDEX actions_id ON actions(id);
CREATE INDEX actions_words ON actions(words);
CREATE INDEX actions_path ON actions(path);
CREATE INDEX actions_goal ON actions(goal);
"""

# Full-text search over every line a person wrote, where the sqlite3 build has FTS5.
SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE search USING fts5(path UNINDEXED, text, tokenize = 'trigram');
"""


class Unusable(Exception):
    """The index cannot be used here; the sentence says why."""


def cache_folder() -> Path:
    """The user's cache folder for mentorlog (MENTORLOG_CACHE_DIR, else XDG's)."""
    base = os.environ.get("MENTORLOG_CACHE_DIR")
    if not base:
        home_cache = os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or home_cache, "mentorlog")
    return Path(base)


def enabled() -> bool:
    """False under MENTORLOG_NO_CACHE=1 (every file is read) or without sqlite3."""
    if os.environ.get("MENTORLOG_NO_CACHE"):
        return False
    try:
        import sqlite3  # noqa: F401
    except ImportError:
        return False
    return True


def inside(path: Path | str, root: Path | str) -> bool:
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root + os.sep)


def _in_work_tree(folder: str) -> bool:
    here = Path(os.path.realpath(folder))
    return any((candidate / ".git").exists() for candidate in (here, *here.parents))


def safe_folder(root: Path) -> str:
    """The cache folder, made if missing (for the user alone); Unusable when it is not safe."""
    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError as error:
        raise Unusable(f"it cannot be made ({error.strerror or error})") from None
    if stat_module.S_ISLNK(info.st_mode):
        raise Unusable("it is a symbolic link")
    if not stat_module.S_ISDIR(info.st_mode):
        raise Unusable("it is not a folder")
    if info.st_uid != os.geteuid():
        raise Unusable("another user owns it")
    if info.st_mode & 0o022:
        raise Unusable("other users can write to it")
    if _in_work_tree(str(folder)):
        raise Unusable("it is inside a git work tree")
    return str(folder)


@functools.lru_cache(maxsize=8)
def journal_key(root: Path) -> tuple[str, str]:
    """The journal's real path, and the digest naming its database."""
    resolved = str(root.resolve())
    return resolved, blake2b(resolved.encode(), digest_size=10).hexdigest()


def database_path(folder: str, root: Path) -> str:
    return os.path.join(folder, f"{journal_key(root)[1]}-index.sqlite")


@functools.cache
def stamp() -> str:
    """What a database must have been made by: this schema, this mentorlog, and (for a
    development install) the size and time of the code that decides what it holds."""
    here = Path(__file__).resolve().parent
    package = here.parent
    code = [
        *sorted(here.glob("*.py")),
        *(package / f"{name}.py" for name in ("model", "fold", "entries", "validation", "codec")),
    ]
    times = ",".join(f"{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in code if p.exists())
    digest = blake2b(times.encode(), digest_size=8).hexdigest()
    return f"{SCHEMA_VERSION}:{__version__}:{digest}"


def _remove(path: str) -> None:
    """Take away what is at `path` (and SQLite's files beside it): ours to remove, as it is in
    the user's own cache folder."""
    import shutil

    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        try:
            info = os.lstat(name)
        except FileNotFoundError:
            continue
        if stat_module.S_ISDIR(info.st_mode):
            shutil.rmtree(name)
        else:
            os.unlink(name)


def _ours(path: str) -> bool:
    """Whether the file at `path`, if any, is a regular file of the user's, with no other
    name (anything else is removed, never opened)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    return stat_module.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_nlink == 1


def connect(root: Path) -> tuple[sqlite3.Connection, str | None]:
    """The journal's database, open; Unusable when it cannot be.

    A database made anew is made under a name of its own, beside the real one, without a
    journal on disk (a first build of 100,000 entries writes its pages once, not twice), and
    takes the real name when the command that made it is done (`finish`): the path it is
    then to have is returned with it. A build that never finished leaves only a file no one
    reads, removed by the next one."""
    import sqlite3

    folder = safe_folder(root)
    path = database_path(folder, root)
    _forget_stale_builds(path)
    for attempt in (1, 2):
        try:
            if not all(map(_ours, (path, f"{path}-wal", f"{path}-shm"))):
                _remove(path)
            fresh = not os.path.exists(path)
            where = _build_name(path) if fresh else path
            connection = sqlite3.connect(where, isolation_level=None, timeout=30)
            try:
                _prepare(connection, root, fresh)
            except BaseException:
                connection.close()
                raise
            return connection, path if fresh else None
        except (sqlite3.Error, OSError, ValueError) as error:
            if attempt == 2:
                raise Unusable(f"its database cannot be used ({error})") from None
            try:
                _remove(path)
            except OSError as removing:
                raise Unusable(f"its database cannot be replaced ({removing})") from None
    raise AssertionError("unreachable")  # pragma: no cover


BUILDING = ".building-"


def _build_name(path: str) -> str:
    import secrets

    return f"{path}{BUILDING}{os.getpid()}-{secrets.token_hex(4)}"


def _forget_stale_builds(path: str) -> None:
    """Remove the databases a build left unfinished (its process gone)."""
    folder, name = os.path.split(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for found in names:
        pid = found[len(name + BUILDING) :].split("-", 1)[0]
        if found.startswith(name + BUILDING) and not (pid.isdigit() and _running(int(pid))):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, found))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def finish(connection: sqlite3.Connection, path: str | None, keep: bool = True) -> None:
    """Close the database; one made anew (`path`: its real name, see connect) takes that name
    if `keep` and none took it meanwhile (another process's is as good), else goes."""
    built = next(row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main")
    connection.close()
    if path is None:
        return
    with contextlib.suppress(OSError):
        if keep and not os.path.exists(path):
            os.replace(built, path)
        else:
            os.unlink(built)


def _prepare(connection: sqlite3.Connection, root: Path, fresh: bool) -> None:
    """Check the database is ours and of this version (ValueError if not), or make its tables
    when it is new. Damage found later, as pages are read, raises sqlite3.DatabaseError
    there (see journal.Journal._indexed)."""
    import sqlite3

    # A database holds data only: nothing in its schema may call a function of ours.
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cell_size_check = ON")
    connection.execute("PRAGMA busy_timeout = 30000")
    if not fresh:
        found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if found.get("stamp") != stamp() or found.get("journal") != journal_key(root)[0]:
            raise ValueError("made by another version or for another journal")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        return
    # Made under a name of its own: a crash leaves a file no one reads, so nothing needs to
    # survive one (the journal to roll back a failed command is kept in memory).
    connection.execute("PRAGMA journal_mode = MEMORY")
    connection.execute("PRAGMA synchronous = OFF")
    # Rows hold an entry's text (a kilobyte or two): larger pages split less often.
    connection.execute("PRAGMA page_size = 8192")
    # Its first build writes every table and index at once: up to 32 MiB of pages kept.
    connection.execute("PRAGMA cache_size = -32768")
    connection.execute("BEGIN IMMEDIATE")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    # No FTS5 in this sqlite3: search reads the entries instead.
    with contextlib.suppress(sqlite3.OperationalError):
        connection.execute(SEARCH_SCHEMA)
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("stamp", stamp()), ("journal", journal_key(root)[0])],
    )
    connection.execute("COMMIT")


def has_search(connection: sqlite3.Connection) -> bool:
    return (
        connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search'"
        ).fetchone()
        is not None
    )
