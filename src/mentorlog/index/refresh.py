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
import operator
import os
import stat as stat_module
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import codec, reading, store
from mentorlog.digest import blake2b
from mentorlog.entries import index_facts, texts_of, writers_of
from mentorlog.errors import EntryFileError, check_names
from mentorlog.fold import fold
from mentorlog.model import ENTRY_KINDS, Change, Entry, Goal, Session, Stamped

if TYPE_CHECKING:
    import sqlite3

RACY = 1_000_000_000  # nanoseconds
_STAT = struct.Struct("<QqqQ")
_STAMP = struct.Struct("<qqQQ")
MODELS = {model.folder: model for model in ENTRY_KINDS.values()}
CONFIG = ""  # the `folder` of mentorlog.toml's row
MENTORS = f"{store.CHANGES_DIR}/{store.MENTORS_FOLDER}"
# Rows asked for by value, this many at a time (SQLite's limit on a statement's values).
CHUNK = 500
PART = 5000  # files read and written at a time (see refresh)


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


class Folder(NamedTuple):
    """One folder as a walk found it."""

    stamp: bytes
    listing: bytes | None  # digest of its files' names and stats (None: not stat-ed)
    racy: bool
    # Its files, with their stats (None: listed, not stat-ed) when they must be compared one
    # by one with what the index holds; None when they are all as the index holds them.
    files: dict[str, Seen | None] | None


Seen = tuple[bytes, int, bool]  # stat_key, size, racy: a tuple the collector stops looking into


def seen_of(info: os.stat_result, now: int) -> Seen:
    return (stat_key(info), info.st_size, _racy(info, now))


@dataclass
class Walker:
    """Walks folders, and says which must be compared file by file with the index.

    A read stats every file of a folder and compares the digest of its names and stats with
    the one the index keeps: equal, the folder holds exactly what the index holds. Trusting (a
    write), a folder whose stamp is unchanged is not even listed."""

    root: str
    known: dict[str, tuple[bytes, bytes | None, int]]  # folder -> (stamp, listing, racy)
    trust: bool
    now: int
    found: dict[str, Folder] = field(default_factory=dict)
    folders_in: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for path in self.known:
            self.folders_in.setdefault(path.rpartition("/")[0], []).append(path)

    def base(self, base: str) -> None:
        """Every folder under `base` and every entry file (as store.walk_entry_files finds
        them: `.toml`, regular, not hidden)."""
        try:
            info = os.stat(os.path.join(self.root, base))
        except OSError:
            return
        self._folder(base, info)

    def _folder(self, relative: str, info: os.stat_result) -> None:
        check_names("", relative)
        if not stat_module.S_ISDIR(info.st_mode):
            return
        stamp = _STAMP.pack(info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        racy = _racy(info, self.now)
        before = self.known.get(relative)
        if self.trust and before is not None and before[0] == stamp and not before[2]:
            self.found[relative] = Folder(stamp, before[1], False, None)
            for path in self.folders_in.get(relative, ()):
                try:
                    sub = os.lstat(os.path.join(self.root, path))
                except OSError:
                    continue
                self._folder(path, sub)
            return
        try:
            with os.scandir(os.path.join(self.root, relative)) as listing:
                items = sorted(listing, key=_NAME)
        except OSError:
            return
        names: list[str] = []
        stats: list[os.stat_result] = []
        keys: list[bytes] = []
        pack = _STAT.pack
        limit = self.now - RACY
        prefix = relative + "/"
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    self._folder(prefix + name, item.stat(follow_symlinks=False))
                elif name.endswith(".toml") and item.is_file(follow_symlinks=False):
                    if not self.trust:
                        st = item.stat(follow_symlinks=False)
                        modified, changed = st.st_mtime_ns, st.st_ctime_ns
                        keys.append(pack(st.st_size, modified, changed, st.st_ino))
                        stats.append(st)
                        racy = racy or modified >= limit or changed >= limit
                    names.append(name)
            except OSError:
                continue  # gone since the folder was listed
        check_names(relative, joined := "\0".join(names))  # one the index cannot hold: raised
        if self.trust:  # listed, not stat-ed
            self.found[relative] = Folder(stamp, None, racy, {prefix + n: None for n in names})
            return
        # Its files' names, then their stats (each of one size): what the folder holds.
        digest = blake2b(joined.encode() + b"\0" + b"".join(keys), digest_size=16).digest()
        seen: dict[str, Seen | None] | None = None  # for a folder to compare file by file
        if before is None or before[1] != digest or before[2]:
            seen = {prefix + n: seen_of(st, self.now) for n, st in zip(names, stats, strict=True)}
        self.found[relative] = Folder(stamp, digest, racy, seen)


_NAME = operator.attrgetter("name")


# --- reading what changed --------------------------------------------------------------------


class Read(NamedTuple):
    """A file read anew: what it holds, or why it does not load."""

    folder: str
    entry: str | None
    item: Any
    problems: list[EntryFileError] | tuple[()]  # () when it loads: no list for every file


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
        return Read(folder, target, item, ())
    return Read(folder, item.id, item, ())


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
    tops = [
        base for folder in [*kinds, *([MENTORS] if journal_files else [])] for base in bases(folder)
    ]
    under = tuple(base + "/" for base in tops)
    known = {
        path: (stamp, listing, racy)
        for path, stamp, listing, racy in connection.execute(
            "SELECT path, stamp, listing, racy FROM folders"
        )
        if path in tops or path.startswith(under)
    }
    walker = Walker(str(root), known, trust, now)
    for base in tops:
        walker.base(base)
    found = walker.found
    # Files to compare one by one: those of the folders that changed, and mentorlog.toml.
    current: dict[str, Seen | None] = {}
    compared: list[str] = []
    for path, folder in found.items():
        if folder.files is not None:
            current.update(folder.files)
            compared.append(path)
    lost = [path for path in known if path not in found]
    rows = _rows_under(connection, compared, lost)
    if journal_files:
        config = _seen(root, store.CONFIG_NAME, now, follow=True)
        if config is not None:
            current[store.CONFIG_NAME] = config
        rows.update(
            (path, (stat, racy))
            for path, stat, racy in connection.execute(
                "SELECT path, stat, racy FROM files WHERE path = ?", (store.CONFIG_NAME,)
            )
        )
    changed: dict[str, Seen] = {}
    for path, found_stat in current.items():
        before = rows.get(path)
        if found_stat is None:  # trusting: a known file in a changed folder is as it was
            if before is not None and not before[1]:
                continue
            found_stat = _seen(root, path, now)
            if found_stat is None:
                continue
        if before is None or before[0] != found_stat[0] or before[1]:
            changed[path] = found_stat
    gone = {path for path in rows if path not in current and path != store.CONFIG_NAME}
    if journal_files and store.CONFIG_NAME not in current and store.CONFIG_NAME in rows:
        gone.add(store.CONFIG_NAME)
    moved = {
        path: folder
        for path, folder in found.items()
        if known.get(path) != (folder.stamp, folder.listing, int(folder.racy))
    }
    if not (changed or gone or lost or moved):
        return
    digests = {  # of what the index read: a file whose bytes are unchanged is not read again
        path: digest
        for chunk in _chunks(list(changed))
        for path, digest in connection.execute(
            f"SELECT path, digest FROM files WHERE path IN ({marks(chunk)})", chunk
        )
    }
    # By kind, a few thousand files at a time, a kind's changes before its entries (so an
    # entry's part finds them held): a first build keeps few objects alive. The folders'
    # stamps go last: a folder is trusted only once all its files have their rows.
    ordered = sorted(changed, key=lambda p: ((f := folder_of(p)).rpartition("/")[2], "/" not in f))
    parts = [ordered[start : start + PART] for start in range(0, len(ordered), PART)] or [[]]
    top = str(root)
    for number, paths in enumerate(parts, 1):
        read: dict[str, Read] = {}
        stats: dict[str, tuple[bytes, bool, bytes | None]] = {}
        for path in paths:
            key, size, racy = changed[path]
            data = store.read_bytes(top + "/" + path, size)
            digest = _digest(data)
            stats[path] = (key, racy, digest)
            if digest is None or digest != digests.get(path):
                read[path] = read_file(root, path, data)
        ends = (gone, lost, moved) if number == len(parts) else (set(), [], {})
        _record(connection, root, read, stats, *ends, search)


def _rows_under(
    connection: sqlite3.Connection, folders: list[str], lost: list[str]
) -> dict[str, tuple[bytes, int]]:
    """The index's rows of the files directly in these folders, and of every file under the
    `lost` ones (folders gone)."""
    rows: dict[str, tuple[bytes, int]] = {}
    for folder, deep in [*((f, False) for f in folders), *((f, True) for f in lost)]:
        prefix = folder + "/"
        for path, stat, racy in connection.execute(
            "SELECT path, stat, racy FROM files WHERE path > ? AND path < ?",
            (prefix, prefix + "\U0010ffff"),
        ):
            if deep or "/" not in path[len(prefix) :]:
                rows[path] = (stat, racy)
    return rows


def _seen(root: Path, path: str, now: int, follow: bool = False) -> Seen | None:
    try:
        info = os.stat(os.path.join(root, path), follow_symlinks=follow)
    except OSError:
        return None
    return seen_of(info, now) if stat_module.S_ISREG(info.st_mode) else None


def _digest(data: bytes | None) -> bytes | None:
    return None if data is None else blake2b(data, digest_size=16).digest()


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
            data = store.read_bytes(str(root / path), info.st_size)
            stats[path] = (key, _racy(info, now), _digest(data))
            read[path] = read_file(root, path, data)
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
    found = Read(folder, target, copy, ())
    data = store.read_bytes(str(root / relative), info.st_size)
    stats = {relative: (stat_key(info), False, _digest(data))}
    _record(connection, root, {relative: found}, stats, set(), [], {}, search)


def _record(
    connection: sqlite3.Connection,
    root: Path,
    read: dict[str, Read],
    stats: dict[str, tuple[bytes, bool, bytes | None]],
    gone: set[str],
    lost: list[str],
    moved: dict[str, Folder],
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
        if entry is not None:
            kind = folder.rpartition("/")[2]  # 'goals' for 'goals' and 'changes/goals'
            if kind in MODELS:
                affected.setdefault(kind, set()).add(entry)

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
        listed = [[p.problem, p.line, p.field] for p in found.problems]
        problems = json.dumps(listed, ensure_ascii=False) if listed else None
        made = microseconds(found.item) if isinstance(found.item, Change) else None
        rows.append(
            (path, found.folder, stat, int(racy), digest, found.entry, data, problems, made)
        )
    # Files whose stat changed but not their bytes: only the stat is new.
    same = [(stat, int(racy), path) for path, (stat, racy, _) in stats.items() if path not in read]
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])
        connection.executemany(
            "INSERT OR REPLACE INTO files"
            " (path, folder, stat, racy, digest, entry, data, problems, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.executemany("UPDATE files SET stat = ?, racy = ? WHERE path = ?", same)
        connection.executemany("DELETE FROM folders WHERE path = ?", [(p,) for p in lost])
        connection.executemany(
            "INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?)",
            [(p, f.stamp, f.listing, int(f.racy)) for p, f in moved.items()],
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
    # By id, even for many: a build in parts would otherwise read a kind's rows whole at
    # each part.
    rows = []
    for chunk in _chunks(sorted(ids)):
        rows += connection.execute(
            f"{query} AND entry IN ({marks(chunk)})", [folder, changes_folder, *chunk]
        ).fetchall()
    entries: list[Entry] = []
    changes: list[Change] = []
    order = {row[0]: walk_key(row[0]) for row in rows}
    for path, where, _, data in sorted(rows, key=lambda row: order[row[0]]):
        item = fresh.get(path)
        if where == folder:
            if item is None:
                item = read_file(root, path).item
            if item is not None:
                entries.append(item)
        else:
            changes.append(item or codec.decode(data))
    _store(connection, folder, ids, entries, changes, search, order)


def _store(
    connection: sqlite3.Connection,
    folder: str,
    ids: set[str],
    entries: list[Entry],
    changes: list[Change],
    search: bool,
    order: dict[str, str],
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
    held = connection.execute("SELECT 1 FROM entries WHERE kind = ? LIMIT 1", [kind]).fetchone()
    for chunk in _chunks(sorted(ids)) if held is not None else ():
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
        facts = index_facts(entry)
        writers += [(path, kind, name) for name in writers_of(entry)]
        rows.append(
            (
                path,
                entry.id,
                kind,
                int(entry.private),
                entry.day.isoformat(),
                microseconds(entry),
                order[path],
                int(isinstance(entry, Goal) and entry.deleted),
                entry.author,
                entry.slug if isinstance(entry, Goal) else None,
                entry.label,
                entry.label.casefold() if kind == "question" else "",
                codec.same_digest(entry),
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


def microseconds(item: Stamped) -> int:
    """When the entry (or change) was made, as the whole microseconds since 1970 that SQLite
    orders by."""
    return (item.created - _EPOCH) // _MICROSECOND


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
