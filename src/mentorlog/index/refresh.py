"""Keeping the index true to the files: walk, compare each file's stat with the one it was
read at, read again what changed, and fold again the entries it touches.

How a command learns what changed (measured in docs/performance.md):
- a read stats every file of the kinds it shows: an edit in place, even one that keeps the
  size and puts the modification time back, changes the change time, which no one can set;
- a write trusts a folder whose stamp (times, inode) is unchanged to hold the files it held,
  and lists only the folders that changed: adding, removing or renaming a file changes its
  folder. What it writes to, it reads again from the files first (Index.fresh).
A file or folder whose change time is within RACY of the moment it was seen may change again
within one tick of the file system's clock: it is looked at again next time, as git does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat as stat_module
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog import reading, store
from mentorlog.entries import duplicate_key
from mentorlog.errors import EntryFileError
from mentorlog.fold import fold
from mentorlog.index import codec
from mentorlog.index.db import blake2b
from mentorlog.model import ENTRY_KINDS, Change, Entry, Goal, Question, Session

if TYPE_CHECKING:
    import sqlite3

RACY = 1_000_000_000  # nanoseconds
_STAT = struct.Struct("<QqqQ")
_STAMP = struct.Struct("<qqQQ")
MODELS = {model.folder: model for model in ENTRY_KINDS.values()}
CONFIG = ""  # the `folder` of mentorlog.toml's row
MENTORS = f"{store.CHANGES_DIR}/{store.MENTORS_FOLDER}"
# Past this many entries to fold again, a kind's rows are read whole rather than by id.
WHOLE = 400
# Rows asked for by value, this many at a time (SQLite's limit on a statement's values).
CHUNK = 500

Known = dict[str, tuple[bytes, int]]  # path -> (stat or stamp, racy)


def stat_key(info: os.stat_result) -> bytes:
    return _STAT.pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _racy(info: os.stat_result, now: int) -> bool:
    return max(info.st_mtime_ns, info.st_ctime_ns) >= now - RACY


def bases(folder: str) -> list[str]:
    """Where a folder's files are, public and private."""
    return [folder, f"{store.PRIVATE_DIR}/{folder}"]


def folder_of(relative: str) -> str:
    """The `folder` of a path's row: 'sessions' for private/sessions/2026/x.toml."""
    parts = relative.removeprefix(store.PRIVATE_DIR + "/").split("/")
    if parts[0] == store.CHANGES_DIR and len(parts) > 2:
        return f"{parts[0]}/{parts[1]}"
    return parts[0] if len(parts) > 1 else CONFIG


def kind_folder(folder: str) -> str:
    """The kind folder a row's folder is of: 'goals' for 'changes/goals'."""
    return folder.split("/", 1)[1] if folder.startswith(store.CHANGES_DIR + "/") else folder


def walk_key(relative: str) -> str:
    """The order files are walked in (public first, then each folder's names in order, see
    store.walk_entry_files), as a string SQLite orders the same way."""
    private = relative.startswith(store.PRIVATE_DIR + "/")
    inner = relative.removeprefix(store.PRIVATE_DIR + "/")
    return ("1" if private else "0") + inner.replace("/", "\x01")


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


# --- walking ---------------------------------------------------------------------------------


@dataclass
class Walk:
    """What a walk found."""

    stats: dict[str, os.stat_result] = field(default_factory=dict)  # files stat-ed
    kept: set[str] = field(default_factory=set)  # known files trusted without a stat
    folders: dict[str, tuple[bytes, bool]] = field(default_factory=dict)


@dataclass
class Walker:
    root: str
    known: dict[str, bytes]  # path -> stat of the files the index holds
    racy: set[str]
    stamps: Known
    trust: bool
    now: int
    found: Walk = field(default_factory=Walk)
    # Trusting: the known files and folders under each folder.
    files_in: dict[str, list[str]] = field(default_factory=dict)
    folders_in: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.trust:
            for rows, into in ((self.known, self.files_in), (self.stamps, self.folders_in)):
                for path in rows:
                    into.setdefault(path.rpartition("/")[0], []).append(path)

    def base(self, base: str) -> None:
        """Every folder under `base` and every entry file (as store.walk_entry_files finds
        them: `.toml`, regular, not hidden). Trusting, a folder whose stamp is unchanged is
        not listed (its known files are kept, its known folders walked) and a known file in a
        listed folder is not stat-ed, unless either is racy."""
        try:
            info = os.stat(os.path.join(self.root, base))
        except OSError:
            return
        self._folder(base, info)

    def _folder(self, relative: str, info: os.stat_result) -> None:
        if not stat_module.S_ISDIR(info.st_mode):
            return
        stamp = _STAMP.pack(info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        self.found.folders[relative] = (stamp, _racy(info, self.now))
        before = self.stamps.get(relative)
        prefix = relative + "/"
        if self.trust and before is not None and before[0] == stamp and not before[1]:
            for path in self.files_in.get(relative, ()):
                if path in self.racy:
                    self.stat_file(path)
                else:
                    self.found.kept.add(path)
            for path in self.folders_in.get(relative, ()):
                try:
                    sub = os.lstat(os.path.join(self.root, path))
                except OSError:
                    continue
                self._folder(path, sub)
            return
        try:
            with os.scandir(os.path.join(self.root, relative)) as listing:
                items = list(listing)
        except OSError:
            return
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            path = prefix + name
            try:
                if item.is_dir(follow_symlinks=False):
                    self._folder(path, item.stat(follow_symlinks=False))
                elif name.endswith(".toml") and item.is_file(follow_symlinks=False):
                    if self.trust and path in self.known and path not in self.racy:
                        self.found.kept.add(path)
                    else:
                        self.found.stats[path] = item.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since the folder was listed

    def stat_file(self, path: str) -> None:
        try:
            info = os.lstat(os.path.join(self.root, path))
        except OSError:
            return
        if stat_module.S_ISREG(info.st_mode):
            self.found.stats[path] = info


# --- reading what changed --------------------------------------------------------------------


@dataclass
class Read:
    """A file read anew: what it holds, or why it does not load."""

    folder: str
    entry: str | None
    item: Any
    problems: list[EntryFileError]


def read_file(root: Path, relative: str, data: bytes | None = None) -> Read:
    """What the file holds (from `data`, its bytes, when read already), or its problems."""
    folder = folder_of(relative)
    try:
        if folder == CONFIG:
            return Read(folder, None, reading.read_config(root / relative), [])
        if data is None:
            data = (root / relative).read_bytes()
        item = reading.load_bytes(root, relative, folder, data)
    except EntryFileError as problem:
        return Read(folder, None, None, reading.problems_of(problem))
    except OSError as error:  # gone, or unreadable, since it was listed
        unread = EntryFileError(root / relative, f"cannot be read: {error.strerror or error}")
        return Read(folder, None, None, [unread])
    if isinstance(item, Change):
        target = item.mentor if folder == MENTORS else item.entry
        return Read(folder, target, item, [])
    return Read(folder, item.id, item, [])


def _problems_json(problems: list[EntryFileError]) -> str:
    return json.dumps([[p.problem, p.line, p.field] for p in problems], ensure_ascii=False)


def refresh(
    connection: sqlite3.Connection,
    root: Path,
    folders: list[str],
    trust: bool,
    search: bool,
    journal_files: bool = True,
) -> None:
    """Bring the rows of these kind folders up to the files, and with `journal_files` those of
    the relationships' changes and mentorlog.toml (`trust`: by folder stamps, for a write;
    see the module's docstring)."""
    now = time.time_ns()
    kinds = [*folders, *map(reading.change_folder, folders)]
    wanted = [*kinds, *([MENTORS, CONFIG] if journal_files else [])]
    where = f"folder IN ({marks(wanted)})"
    known: dict[str, bytes] = dict(
        connection.execute(f"SELECT path, stat FROM files WHERE {where}", wanted).fetchall()
    )
    racy = {
        path
        for (path,) in connection.execute(
            f"SELECT path FROM files WHERE racy = 1 AND {where}", wanted
        )
    }
    stamps: Known = {
        path: (stamp, racy)
        for path, stamp, racy in connection.execute("SELECT path, stamp, racy FROM folders")
    }
    walker = Walker(str(root), known, racy, stamps, trust, now)
    tops = [
        base for folder in [*kinds, *([MENTORS] if journal_files else [])] for base in bases(folder)
    ]
    for base in tops:
        walker.base(base)
    if journal_files:
        walker.stat_file(store.CONFIG_NAME)
    found = walker.found
    pack = _STAT.pack
    changed = {
        path: key
        for path, info in found.stats.items()
        if known.get(path)
        != (key := pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
        or path in racy
    }
    gone = known.keys() - found.stats.keys() - found.kept
    under = tuple(base + "/" for base in tops)
    lost = [p for p in stamps if (p in tops or p.startswith(under)) and p not in found.folders]
    moved = {p: s for p, s in found.folders.items() if stamps.get(p) != s}
    if not (changed or gone or lost or moved):
        return
    digests = _digests(connection, list(changed))
    read: dict[str, Read] = {}
    stats: dict[str, tuple[bytes, bool, bytes | None]] = {}
    top = str(root)
    for path, key in changed.items():
        try:
            with open(os.path.join(top, path), "rb") as file:
                data: bytes | None = file.read()
        except OSError:
            data = None
        digest = None if data is None else blake2b(data, digest_size=16).digest()
        stats[path] = (key, _racy(found.stats[path], now), digest)
        if digest is None or digest != digests.get(path):
            read[path] = read_file(root, path, data)
    _record(connection, root, read, stats, gone, lost, moved, search)


def _digests(connection: sqlite3.Connection, paths: list[str]) -> dict[str, bytes | None]:
    found: dict[str, bytes | None] = {}
    for chunk in _chunks(paths):
        query = f"SELECT path, digest FROM files WHERE path IN ({marks(chunk)})"
        found.update(connection.execute(query, chunk).fetchall())
    return found


def recheck(connection: sqlite3.Connection, root: Path, paths: list[str], search: bool) -> None:
    """Read again those of these files whose stat changed (or that are gone) since the index
    read them, and fold again what they touch: what a write is about to change."""
    now = time.time_ns()
    known = {
        path: (stat, racy)
        for chunk in _chunks(paths)
        for path, stat, racy in connection.execute(
            f"SELECT path, stat, racy FROM files WHERE path IN ({marks(chunk)})", chunk
        )
    }
    read: dict[str, Read] = {}
    stats: dict[str, tuple[bytes, bool, bytes | None]] = {}
    gone: set[str] = set()
    for path in paths:
        try:
            info = os.lstat(root / path)
        except OSError:
            gone.add(path)
            continue
        key = stat_key(info)
        if known.get(path) != (key, 0):
            stats[path] = (key, _racy(info, now), digest_of(root / path))
            read[path] = read_file(root, path)
    if read or gone:
        _record(connection, root, read, stats, gone & known.keys(), [], {}, search)


def record(
    connection: sqlite3.Connection, root: Path, relative: str, item: Any, search: bool
) -> None:
    """A file this process has just written, with what it holds: its row (trusted at its
    stat now: it holds what was written) and its entry folded again."""
    info = os.lstat(root / relative)
    folder = folder_of(relative)
    copy = codec.decode(codec.encode(item))  # folded below: never the writer's own object
    target = getattr(copy, "entry", None) if isinstance(copy, Change) else copy.id
    if folder == MENTORS:
        target = copy.mentor
    found = Read(folder, target, copy, [])
    stats = {relative: (stat_key(info), False, digest_of(root / relative))}
    _record(connection, root, {relative: found}, stats, set(), [], {}, search)


def digest_of(path: Path) -> bytes | None:
    """A digest of a file's bytes (None when it cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return blake2b(data, digest_size=16).digest()


def _record(
    connection: sqlite3.Connection,
    root: Path,
    read: dict[str, Read],
    stats: dict[str, tuple[bytes, bool, bytes | None]],
    gone: set[str],
    lost: list[str],
    moved: dict[str, tuple[bytes, bool]],
    search: bool,
) -> None:
    """Write what was read (and take out what is gone), then fold again every entry it
    touches, in one transaction."""
    paths = [*read, *gone]
    old: dict[str, str | None] = {}
    for chunk in _chunks(paths):
        query = f"SELECT path, entry FROM files WHERE path IN ({marks(chunk)})"
        old.update(connection.execute(query, chunk).fetchall())
    affected: dict[str, set[str]] = {}

    def touch(folder: str, entry: str | None) -> None:
        if entry is not None and kind_folder(folder) in MODELS:
            affected.setdefault(kind_folder(folder), set()).add(entry)

    rows = []
    for path in gone:
        touch(folder_of(path), old.get(path))
    for path, found in read.items():
        touch(found.folder, old.get(path))
        touch(found.folder, found.entry)
        stat, racy, digest = stats[path]
        # An entry's own file is read again when its entry is folded again (seldom); a
        # change's content is kept, as every fold of its entry reads it.
        kept = found.item is not None and found.folder not in MODELS
        data = codec.encode(found.item) if kept else None
        problems = _problems_json(found.problems) if found.problems else None
        rows.append((path, found.folder, stat, int(racy), digest, found.entry, data, problems))
    # Files whose stat changed but not their bytes: only the stat is new.
    same = [(stat, int(racy), path) for path, (stat, racy, _) in stats.items() if path not in read]
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])
        connection.executemany(
            "INSERT OR REPLACE INTO files"
            " (path, folder, stat, racy, digest, entry, data, problems)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.executemany("UPDATE files SET stat = ?, racy = ? WHERE path = ?", same)
        connection.executemany("DELETE FROM folders WHERE path = ?", [(p,) for p in lost])
        connection.executemany(
            "INSERT OR REPLACE INTO folders VALUES (?, ?, ?)",
            [(p, stamp, int(racy)) for p, (stamp, racy) in moved.items()],
        )
        fresh = {path: found.item for path, found in read.items() if found.item is not None}
        for folder, ids in affected.items():
            refold(connection, root, folder, ids, fresh, search)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


# --- folding ---------------------------------------------------------------------------------


def refold(
    connection: sqlite3.Connection,
    root: Path,
    folder: str,
    ids: set[str],
    fresh: dict[str, Any],
    search: bool,
) -> None:
    """Fold again the entries of these ids of one kind (their files read in this run taken as
    they are, the others read again; changes from their rows), and write the entries table
    and its companions."""
    changes_folder = reading.change_folder(folder)
    query = (
        "SELECT path, folder, entry, data FROM files WHERE folder IN (?, ?) AND problems IS NULL"
    )
    if len(ids) > WHOLE:
        rows = [row for row in connection.execute(query, (folder, changes_folder)) if row[2] in ids]
    else:
        rows = []
        for chunk in _chunks(sorted(ids)):
            rows += connection.execute(
                f"{query} AND entry IN ({marks(chunk)})", [folder, changes_folder, *chunk]
            ).fetchall()
    entries: list[Entry] = []
    changes: list[Change] = []
    for path, where, _, data in sorted(rows, key=lambda row: walk_key(row[0])):
        item = fresh.get(path)
        if where == folder:
            if item is None:
                item = read_file(root, path).item
            if item is not None:
                entries.append(item)
        else:
            changes.append(item or codec.decode(data))
    _store(connection, folder, ids, entries, changes, search)


def _store(
    connection: sqlite3.Connection,
    folder: str,
    ids: set[str],
    entries: list[Entry],
    changes: list[Change],
    search: bool,
) -> None:
    kind = MODELS[folder].kind
    public_view: dict[str, str] = {}
    touched = {c.entry for c in changes if c.private}
    if touched:
        # A public entry changed on the private side, as a clone without private/ folds it.
        public = [
            codec.decode(codec.encode(e)) for e in entries if not e.private and e.id in touched
        ]
        fold(public, [c for c in changes if not c.private])
        public_view = {e.path: codec.encode(e) for e in public}
    orphan_of = {o.change.path: o.problem for o in fold(entries, changes)}
    search = search and search_built(connection)
    for chunk in _chunks(sorted(ids)):
        query = f"SELECT path FROM entries WHERE kind = ? AND id IN ({marks(chunk)})"
        old = [row for row in connection.execute(query, [kind, *chunk])]
        for table in ("entries", "links", "actions", "writers", *(["search"] if search else [])):
            connection.executemany(f"DELETE FROM {table} WHERE path = ?", old)
    connection.executemany(
        "UPDATE files SET orphan = ? WHERE path = ?",
        [(orphan_of.get(c.path), c.path) for c in changes],
    )
    rows, links, actions, texts, writers = [], [], [], [], []
    for entry in entries:
        path = entry.path
        facts = _facts(entry)
        writers += [(path, kind, name) for name in _writers(entry)]
        rows.append(
            (
                path,
                entry.id,
                kind,
                int(entry.private),
                entry.day.isoformat(),
                microseconds(entry),
                walk_key(path),
                int(isinstance(entry, Goal) and entry.deleted),
                entry.author,
                entry.slug if isinstance(entry, Goal) else None,
                entry.label,
                entry.label.casefold() if kind == "question" else "",
                same(entry),
                *facts,
                codec.encode(entry),
                public_view.get(path),
            )
        )
        links += [(path, ref) for ref in set(entry.goal_refs())]
        if isinstance(entry, Session):
            actions += [(path, a.id, a.text.casefold(), a.goal or None) for a in entry.actions]
        if search:
            texts.append((path, "\n".join(texts_of(entry))))
    connection.executemany(f"INSERT OR REPLACE INTO entries VALUES ({marks([0] * 19)})", rows)
    connection.executemany("INSERT INTO writers VALUES (?, ?, ?)", writers)
    connection.executemany("INSERT INTO links VALUES (?, ?)", links)
    connection.executemany("INSERT INTO actions VALUES (?, ?, ?, ?)", actions)
    if search:
        connection.executemany("INSERT INTO search VALUES (?, ?)", texts)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def _facts(entry: Entry) -> tuple[str, str | None, int, str | None]:
    """What the dashboards ask of an entry without reading it: a session's mentor, next
    meeting, whether it has an open item and when one was last closed; whether a question is
    still open."""
    if isinstance(entry, Session):
        closed = [d for a in entry.actions for d in (a.done, a.dropped) if d is not None]
        return (
            entry.mentor.casefold(),
            entry.next.isoformat() if entry.next else None,
            int(any(a.is_open for a in entry.actions)),
            max(closed).isoformat() if closed else None,
        )
    if isinstance(entry, Question):
        return ("", None, int(entry.discussed is None), None)
    return ("", None, 0, None)


def _writers(entry: Entry) -> set[str]:
    """Everyone who wrote the entry or a part of it (see report.activity.writers)."""
    names = {entry.author}
    if isinstance(entry, Goal):
        names.update(
            p.by for parts in (entry.checkins, entry.milestones, entry.history) for p in parts
        )
    elif isinstance(entry, Session):
        names.update(a.by for a in entry.actions)
    names.discard("")
    return names


def microseconds(entry: Entry) -> int:
    """When the entry was made, as the whole microseconds since 1970 that SQLite orders by."""
    return (entry.created - _EPOCH) // _MICROSECOND


def same(entry: Entry) -> str:
    """A digest of what copies of an entry share (entries.duplicate_key, with privacy)."""
    key = repr((entry.private, *duplicate_key(entry))).encode("utf-8", "surrogatepass")
    return blake2b(key, digest_size=16).hexdigest()


def search_built(connection: sqlite3.Connection) -> bool:
    """Whether the search table holds every entry: it is filled at the first search, and kept
    from then on (a journal never searched pays nothing for it)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'search'").fetchone()
    return row is not None and row[0] == "built"


def build_search(connection: sqlite3.Connection) -> None:
    """Fill the search table from every entry."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("DELETE FROM search")
        rows = connection.execute("SELECT path, data FROM entries").fetchall()
        texts = ((path, "\n".join(texts_of(codec.decode(data)))) for path, data in rows)
        connection.executemany("INSERT INTO search VALUES (?, ?)", texts)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('search', 'built')")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def texts_of(entry: Entry) -> Iterator[str]:
    """Every piece of text in an entry, unknown fields' too (what search looks through)."""
    for value in (*entry.fields().values(), *entry.extra.values()):
        yield from _strings(value)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif hasattr(value, "fields"):
        for item in (*value.fields().values(), *value.extra.values()):
            yield from _strings(item)
