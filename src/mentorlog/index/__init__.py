"""The journal's index: one SQLite database derived from its files, in the user's cache folder.

The files are the truth; the index holds what reads and writes need of them (each file's
validated content and stat, every entry as its changes leave it, links, action items, handles
and the text search looks through) and is brought up to the files at the start of every
command (refresh.py). Journal (journal.py) is its only user: it asks for entries, counts and
the latest of a kind, and the finders (finders.py) ask for the few entries a handle could
name. Nothing above this package sees SQL.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import codec, reading, store
from mentorlog.entries import Duplicate
from mentorlog.errors import EntryFileError, UnnamableFile
from mentorlog.index import db, refresh
from mentorlog.index.refresh import MODELS, marks
from mentorlog.model import ENTRY_KINDS

if TYPE_CHECKING:
    import sqlite3

    from mentorlog.fold import Orphan
    from mentorlog.model import Change, Entry, Goal, JournalConfig, Session

Unusable = db.Unusable
Damaged = codec.Damaged
ORDER = "ORDER BY day, created, id, walk"


def errors() -> tuple[type[Exception], ...]:
    """What a damaged database (or a disk that fills) raises as it is used."""
    import sqlite3

    return (sqlite3.Error, codec.Damaged)


class GoalHandle(NamedTuple):
    """A goal as a handle names it (handles.find_goal)."""

    slug: str
    id: str
    title: str
    path: str


class Index:
    def __init__(
        self, root: Path, connection: sqlite3.Connection, building: str | None = None
    ) -> None:
        self.root = root
        self.connection = connection
        # Made anew under a name of its own: the name it takes when the command is done.
        self.building = building
        self.search = db.has_search(connection)
        self._hidden: dict[str, set[str]] = {}
        self._copies: dict[str, list[Duplicate]] = {}
        # (folder, by stamps) brought up to the files in this command (cleared by a write's lock).
        self.refreshed: set[tuple[str, bool]] = set()

    @classmethod
    def open(cls, root: Path) -> Index:
        """The journal's index, made if missing; Unusable when it cannot be used here."""
        connection, building = db.connect(root)
        return cls(root, connection, building)

    @staticmethod
    def remove(root: Path) -> None:
        """Take the journal's database away (damaged: it is made again)."""
        with contextlib.suppress(OSError, db.Unusable):
            db._remove(db.database_path(db.safe_folder(root), root))

    def close(self, keep: bool = True) -> None:
        """Done with it (see db.finish: `keep` False after a failure)."""
        db.finish(self.connection, self.building, keep)

    def discard(self) -> None:
        self.close(keep=False)

    def refresh(self, folders: Iterable[str], trust: bool = False, journal: bool = True) -> None:
        """Bring these kind folders' rows (`journal`: mentorlog.toml's and the relationships'
        changes' too) up to the files, unless done in this command: a read's refresh (every
        file stat'd) serves a write's, one by stamps serves only writes."""
        names = [*folders, *(["(journal)"] if journal else [])]
        if {f for f, by_stamps in self.refreshed if trust or not by_stamps}.issuperset(names):
            return
        self._hidden.clear()
        self._copies.clear()
        refresh.refresh(self.connection, self.root, list(folders), trust, self.search, journal)
        self.refreshed.update((f, trust) for f in names)

    def _query(self, sql: str, values: Iterable[Any] = ()) -> list[Any]:
        return self.connection.execute(sql, list(values)).fetchall()

    def _each(self, sql: str, values: Iterable[Any] = ()) -> Iterator[Any]:
        """Row by row, for rows decoded once: a kind's text fetched whole sits beside it."""
        return iter(self.connection.execute(sql, list(values)))

    # -- the configuration and the relationships' changes --

    def config(self) -> JournalConfig:
        found = self._query("SELECT data, problems FROM files WHERE path = ?", [store.CONFIG_NAME])
        if not found:
            # mentorlog.toml cannot be read: its error, as a read without the index gives.
            return reading.read_config(self.root / store.CONFIG_NAME)
        data, problems = found[0]
        if data is None:
            raise self._problems(store.CONFIG_NAME, problems)[0]
        config: JournalConfig = codec.decode(data)
        return config

    def mentor_changes(self) -> tuple[list[Change], list[EntryFileError]]:
        rows = self._query(
            "SELECT path, data, problems FROM files WHERE folder = ?", [refresh.MENTORS]
        )
        rows.sort(key=lambda row: refresh.walk_key(row[0]))
        changes = [codec.decode(data) for _, data, _ in rows if data is not None]
        problems = [p for path, _, text in rows if text for p in self._problems(path, text)]
        return changes, problems

    def _problems(self, path: str, text: str) -> list[EntryFileError]:
        return [
            EntryFileError(self.root / path, problem, line, field)
            for problem, line, field in json.loads(text)
        ]

    # -- entries --

    def entries(
        self, kind: str, include_private: bool, among: set[str] | None = None
    ) -> tuple[list[Entry], list[Goal]]:
        """The kind's entries in the journal's order (only those of the files `among`, when
        given), and (goals) the deleted ones."""
        where = "kind = ?" + ("" if include_private else " AND private = 0")
        shown: list[Entry] = []
        deleted: list[Goal] = []
        column = "data" if include_private else "coalesce(public, data)"
        few = list(among) if among is not None and len(among) <= refresh.CHUNK else None
        where += "" if few is None else f" AND path IN ({marks(few)})"  # by path
        sql = f"SELECT path, {column}, deleted FROM entries WHERE {where} {ORDER}"
        for path, data, gone in self._each(sql, [kind, *(few or [])]):
            if among is None or path in among:
                (deleted if gone else shown).append(codec.decode(data))
        return shown, deleted

    def search_candidates(self, text: str) -> dict[str, tuple[str, str]] | None:
        """The files (their kind and day) whose entries may hold `text` (any case); None where
        it cannot say (no FTS5, under 3 characters, or not ASCII: SQLite may fold it apart)."""
        if not self.search or len(text) < 3 or not text.isascii():
            return None
        if not refresh.search_built(self.connection):
            refresh.build_search(self.connection)
        phrase = '"' + text.replace('"', '""') + '"'
        rows = self._query(
            "SELECT search.path, e.kind, e.day FROM search JOIN entries AS e"
            " ON e.path = search.path WHERE search MATCH ?",
            [phrase],
        )
        return {path: (kind, day) for path, kind, day in rows}

    def problems(self, folders: list[str], include_private: bool) -> list[EntryFileError]:
        """The files of these kind folders that do not load, in the order a read of every
        file meets them."""
        wanted = [where for folder in folders for where in (folder, reading.change_folder(folder))]
        rows = self._query(
            f"SELECT path, folder, problems FROM files WHERE folder IN ({marks(wanted)})"
            " AND problems IS NOT NULL",
            wanted,
        )
        if not include_private:
            rows = [row for row in rows if not row[0].startswith(store.PRIVATE_DIR + "/")]
        rows.sort(key=lambda row: (wanted.index(row[1]), refresh.walk_key(row[0])))
        return [p for path, _, text in rows for p in self._problems(path, text)]

    def orphans(self, folders: list[str]) -> list[Orphan]:
        from mentorlog.fold import Orphan

        wanted = [reading.change_folder(folder) for folder in folders]
        rows = self._query(
            f"SELECT path, data, orphan FROM files WHERE folder IN ({marks(wanted)})"
            " AND orphan IS NOT NULL",
            wanted,
        )
        rows.sort(key=lambda row: refresh.walk_key(row[0]))
        return [Orphan(codec.decode(data), problem) for _, data, problem in rows]

    def copies(self, kind: str) -> list[Duplicate]:
        """The kind's entries recorded more than once, the first of each kept (as
        entries.set_aside_duplicates finds them); once a refresh."""
        if kind in self._copies:
            return self._copies[kind]
        rows = self._query(
            "SELECT same, data FROM entries WHERE kind = ? AND deleted = 0 AND same IN"
            " (SELECT same FROM entries WHERE kind = ? AND deleted = 0 GROUP BY same"
            f" HAVING count(*) > 1) {ORDER}",
            [kind, kind],
        )
        groups: dict[str, list[Entry]] = {}
        for same, data in rows:
            groups.setdefault(same, []).append(codec.decode(data))
        return self._copies.setdefault(kind, [Duplicate(g[0], g[1:]) for g in groups.values()])

    def hidden(self, kind: str) -> set[str]:
        """The paths of the kind's second copies, which reports set aside."""
        found = self._hidden.get(kind)
        if found is None:
            found = {e.path for twice in self.copies(kind) for e in twice.others}
            self._hidden[kind] = found
        return found

    def counted(self, kind: str, include_private: bool = True) -> Counted:
        return Counted(self, kind, include_private)

    def latest_change(self, entry: str | None) -> int | None:
        """The latest instant (µs since 1970) of a change to this entry, or to any (None)."""
        where, values = ("entry = ? AND ", [entry]) if entry else ("", [])
        found = self._query(f"SELECT max(created) FROM files WHERE {where}created > 0", values)
        return int(found[0][0]) if found[0][0] is not None else None

    def linking_count(self, names: set[str]) -> int:
        """How many entries (goals aside, second copies aside) link to any of these names."""
        wanted = sorted(names)
        rows = self._query(
            "SELECT DISTINCT entries.path, entries.kind FROM links JOIN entries"
            " ON links.path = entries.path"
            f" WHERE links.goal IN ({marks(wanted)}) AND entries.kind != 'goal'",
            wanted,
        )
        kinds = {kind: [p for p, k in rows if k == kind] for _, kind in rows}
        return sum(len(set(p) - self._hidden_among(k, p)) for k, p in kinds.items())

    # -- what the finders read (finders.Source) --

    def goal_handles(self) -> list[GoalHandle]:
        rows = self._query(
            f"SELECT slug, id, label, path FROM entries WHERE kind = 'goal' AND deleted = 0 {ORDER}"
        )
        return [GoalHandle(*row) for row in rows]

    def taken_slugs(self) -> set[str]:
        return {slug for (slug,) in self._query("SELECT slug FROM entries WHERE kind = 'goal'")}

    def named(self, kind: str, wanted: str | None) -> list[Any]:
        if wanted is None:
            rows = self._query(f"SELECT path, data FROM entries WHERE kind = ? {ORDER}", [kind])
            return self._shown_first(kind, rows)
        # By id, and questions by their first words too (the kind written out: the index of
        # words holds the questions' rows only).
        words = (
            " UNION SELECT path FROM entries INDEXED BY entries_words"
            " WHERE kind = 'question' AND words >= ?2 AND words < ?3"
        )
        rows = self._query(
            "SELECT path, data FROM entries WHERE path IN (SELECT path FROM entries"
            f" WHERE kind = ?1 AND id >= ?2 AND id < ?3{words if kind == 'question' else ''})"
            f" {ORDER}",
            [kind, wanted, wanted + "\U0010ffff"],
        )
        return self._shown_first(kind, rows)

    def _hidden_among(self, kind: str, paths: list[str]) -> set[str]:
        """Which of these files are second copies: a lookup each, not a pass over the kind."""
        if kind in self._hidden or len(paths) > 50:
            return self.hidden(kind)
        rows = self._query(
            f"SELECT e.path FROM entries e WHERE e.path IN ({marks(paths)}) AND e.deleted = 0"
            " AND EXISTS (SELECT 1 FROM entries o INDEXED BY entries_same WHERE o.kind = e.kind"
            " AND o.deleted = 0 AND o.same = e.same AND (o.day, o.created, o.id, o.walk) <"
            " (e.day, e.created, e.id, e.walk))",
            paths,
        )
        return {path for (path,) in rows}

    def _shown_first(self, kind: str, rows: list[Any]) -> list[Any]:
        hidden = self._hidden_among(kind, [path for path, _ in rows])
        found = [codec.decode(data) for path, data in rows if path not in hidden]
        return found + [codec.decode(data) for path, data in rows if path in hidden]

    def holding_action(self, wanted: str | None) -> list[Session]:
        if wanted is None:
            return self.named("session", None)
        rows = self._query(
            "SELECT path, data FROM entries WHERE +kind = 'session' AND path IN (SELECT path"
            f" FROM actions WHERE id >= ?1 AND id < ?2 OR words >= ?1 AND words < ?2) {ORDER}",
            [wanted, wanted + "\U0010ffff"],
        )
        return self._shown_first("session", rows)

    def latest_session(self) -> Session | None:
        rows = self._query(
            "SELECT path, data FROM entries WHERE kind = 'session' AND (day, created) ="
            " (SELECT day, created FROM entries WHERE kind = 'session'"
            f" ORDER BY day DESC, created DESC LIMIT 1) {ORDER}"
        )
        found = self._shown_first("session", rows)
        return found[0] if found else None

    def fresh(self, kind: str, path: str) -> Any:
        """The entry of this file as its files say now (read again where a stat changed)."""
        folder = MODELS_BY_KIND[kind].folder
        paths = [path] + [
            p
            for (p,) in self._query(
                "SELECT path FROM files WHERE folder = ? AND entry ="
                " (SELECT entry FROM files WHERE path = ?)",
                [reading.change_folder(folder), path],
            )
        ]
        refresh.recheck(self.connection, self.root, paths, self.search)
        self._hidden.clear()
        self._copies.clear()
        found = self._query("SELECT data FROM entries WHERE path = ?", [path])
        if not found:  # gone or broken since it was named: a read of its files says why
            return reading.load_file(self.root, self.root / path, MODELS[folder])
        return codec.decode(found[0][0])

    def record(self, relative: str, item: Any) -> None:
        """A file this process has just written (an entry, or a change): its row, and its
        entry folded again."""
        refresh.record(self.connection, self.root, relative, item, self.search)


MODELS_BY_KIND = {model.kind: model for model in MODELS.values()}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Counted:
    """A kind read as a count (entries.Summary): its count, latest entries, authors and
    copies, and what links to a goal, asked of the index."""

    def __init__(self, index: Index, kind: str, include_private: bool = True) -> None:
        self.index = index
        self.kind = kind
        self.duplicates = index.copies(kind)
        self._hidden = sorted(e.path for twice in self.duplicates for e in twice.others)
        aside = f" AND path NOT IN ({marks(self._hidden)})" if self._hidden else ""
        aside += "" if include_private else " AND private = 0"  # counted, not listed
        values = [kind, *self._hidden]
        # Counted and their authors in one pass of the (kind, author) index.
        authors = index._query(
            f"SELECT author, count(*) FROM entries WHERE kind = ?{aside} GROUP BY author", values
        )
        self.count = sum(count for _, count in authors)
        self.authors = {author for author, _ in authors}
        self.authors.discard("")
        self.writers = {
            name
            for (name,) in index._query(
                f"SELECT DISTINCT name FROM writers WHERE kind = ?{aside}", values
            )
        }
        self._aside = aside

    def _decoded(self, rows: Iterable[Any]) -> list[Entry]:
        hidden = set(self._hidden)
        return [codec.decode(data) for path, data in rows if path not in hidden]

    def open_and_latest(self) -> list[Entry]:
        """The entries with something open (a session's item, a question), and the latest."""
        rows = self.index._each(
            f"SELECT path, data FROM entries INDEXED BY entries_open WHERE kind = ? AND open = 1"
            f" {ORDER}",
            [self.kind],
        )
        return self._with_latest(rows)

    def _with_latest(self, rows: Iterable[Any]) -> list[Entry]:
        """These rows' entries and the latest, each once, in order."""
        from mentorlog.entries import order_of

        latest = self.latest()
        shown = {e.path for e in latest}
        found = [e for e in self._decoded(rows) if e.path not in shown]
        return sorted([*found, *latest], key=order_of(self.kind))

    def within(self, start: date, end: date) -> list[Entry]:
        """The entries dated from `start` to `end`, those any change applies to (a correction
        is shown on its own day), and the latest; sessions also with an item open or closed
        from `start` on, and each mentor's last before `start` (a report's gaps)."""
        folder = reading.change_folder(ENTRY_KINDS[self.kind].folder)
        rows = self.index._each(
            "SELECT path, data FROM entries WHERE kind = ? AND (day BETWEEN ? AND ? OR id IN"
            " (SELECT entry FROM files WHERE folder = ? AND entry IS NOT NULL) OR kind ="
            " 'session' AND (open = 1 OR closed >= ? OR day = (SELECT max(day) FROM entries AS"
            f" e WHERE e.kind = 'session' AND e.mentor = entries.mentor AND e.day < ?))) {ORDER}",
            [self.kind, start.isoformat(), end.isoformat(), folder, *[start.isoformat()] * 2],
        )
        return self._with_latest(rows)

    def meetings(self, today: date) -> dict[str, tuple[int, date | None, date | None]]:
        rows = self.index._query(
            "SELECT mentor, count(*), max(day), max(next) FROM entries INDEXED BY"
            f" entries_meetings WHERE kind = 'session' AND day <= ?{self._aside} GROUP BY mentor",
            [today.isoformat(), *self._hidden],
        )
        return {mentor: (count, _day(last), _day(planned)) for mentor, count, last, planned in rows}

    def held_after(self, day: date, today: date) -> dict[str, int]:
        rows = self.index._query(
            "SELECT mentor, count(*) FROM entries INDEXED BY entries_meetings WHERE kind ="
            f" 'session' AND day > ? AND day <= ?{self._aside} GROUP BY mentor",
            [day.isoformat(), today.isoformat(), *self._hidden],
        )
        return dict(rows)

    def about(self, names: set[str]) -> list[Session]:
        wanted = sorted(names)
        rows = self.index._each(
            "SELECT path, data FROM entries WHERE kind = 'session' AND path IN"
            f" (SELECT path FROM links WHERE goal IN ({marks(wanted)})"
            f" UNION SELECT path FROM actions WHERE goal IN ({marks(wanted)})) {ORDER}",
            [*wanted, *wanted],
        )
        found: list[Session] = self._decoded(rows)  # type: ignore[assignment]
        return found

    def closed_since(self, day: date) -> list[Session]:
        rows = self.index._each(
            "SELECT path, data FROM entries INDEXED BY entries_closed"
            f" WHERE kind = 'session' AND closed >= ? {ORDER}",
            [day.isoformat()],
        )
        found: list[Session] = self._decoded(rows)  # type: ignore[assignment]
        return found

    def days(self, since: date) -> dict[date, int]:
        rows = self.index._query(
            f"SELECT day, count(*) FROM entries WHERE kind = ? AND day >= ?{self._aside}"
            " GROUP BY day",
            [self.kind, since.isoformat(), *self._hidden],
        )
        return {date.fromisoformat(day): count for day, count in rows}

    def last_linked(self) -> dict[str, date]:
        rows = self.index._query(
            "SELECT links.goal, max(entries.day) FROM links JOIN entries"
            " ON links.path = entries.path WHERE entries.kind = 'session'"
            f"{self._aside.replace('path', 'entries.path')} GROUP BY links.goal",
            self._hidden,
        )
        return {ref: date.fromisoformat(last) for ref, last in rows}

    def latest(self) -> list[Entry]:
        """The last LATEST_KEPT entries in order, and any before them tied with the first."""
        from mentorlog.entries import LATEST_KEPT, latest_entries

        hidden = set(self._hidden)
        rows = self.index._query(
            "SELECT path, day, created, id FROM entries WHERE kind = ?"
            " ORDER BY day DESC, created DESC, id DESC, walk DESC LIMIT ?",
            [self.kind, LATEST_KEPT + len(hidden)],
        )
        shown = [row[1:] for row in rows if row[0] not in hidden]
        where, values = "", []
        if len(shown) >= LATEST_KEPT:
            where, values = " AND (day, created, id) >= (?, ?, ?)", list(shown[LATEST_KEPT - 1])
        found = self.index._query(
            f"SELECT path, data FROM entries WHERE kind = ?{where} {ORDER}", [self.kind, *values]
        )
        entries = [codec.decode(data) for path, data in found if path not in hidden]
        return latest_entries(entries, self.kind, LATEST_KEPT)

    def linking(self, names: set[str]) -> list[Entry]:
        wanted = sorted(names)
        rows = self.index._query(
            "SELECT path, data FROM entries WHERE kind = ? AND path IN"
            f" (SELECT path FROM links WHERE goal IN ({marks(wanted)})) {ORDER}",
            [self.kind, *wanted],
        )
        hidden = set(self._hidden)
        return [codec.decode(data) for path, data in rows if path not in hidden]


class Stored(NamedTuple):
    """Every file of some kind folders as the index holds it (see stored_files): by path, what
    it holds (None when it does not load) and its problems; by folder ('goals', 'changes/goals',
    'changes/mentors'), its files as the walk meets them; by path, for an entry held as its file
    has it, the digest of what copies share."""

    files: dict[str, tuple[Any, list[EntryFileError]]]
    listed: dict[str, list[str]]
    same: dict[str, str]


def stored_files(root: Path, folders: list[str]) -> Stored | None:
    """Every file of these kind folders, of the changes to them and of the relationships'
    changes: from the index brought up to the files (`check`); None without one.

    The index keeps entries folded: an entry no change applies to is its file as read (the
    fold leaves it as it was); one with changes is read again from its file."""
    if not db.enabled() or db.inside(db.cache_folder(), root):
        return None
    try:
        index = Index.open(root)
    except Unusable:
        return None
    try:
        index.refresh(folders)
        wanted = [*map(reading.change_folder, folders), refresh.MENTORS]
        stored = Stored({}, {}, {})
        found, listed = stored.files, stored.listed
        for path, folder, data, problems in index._query(
            f"SELECT path, folder, data, problems FROM files WHERE folder IN ({marks(wanted)})",
            wanted,
        ):
            item = codec.decode(data) if data is not None else None
            found[path] = (item, index._problems(path, problems) if problems else [])
            listed.setdefault(folder, []).append(path)
        changed = {change.entry for change, _ in found.values() if change is not None}
        for path, folder, problems in index._query(
            f"SELECT path, folder, problems FROM files WHERE folder IN ({marks(folders)})"
            " AND problems IS NOT NULL",
            folders,
        ):
            found[path] = (None, index._problems(path, problems))
            listed.setdefault(folder, []).append(path)
        folder_of = {MODELS[folder].kind: folder for folder in folders}
        for path, kind, entry_id, data, digest in index._query(
            f"SELECT path, kind, id, data, same FROM entries WHERE kind IN ({marks(folders)})",
            list(folder_of),
        ):
            if entry_id in changed:
                read = refresh.read_file(root, path)
                found[path] = (read.item, list(read.problems))
            else:
                found[path] = (codec.decode(data), [])
                stored.same[path] = digest
            listed.setdefault(folder_of[kind], []).append(path)
    except errors():
        index.discard()
        Index.remove(root)
        return None
    except UnnamableFile:  # `check` reads every file, and names it
        index.close()
        return None
    index.close()
    for paths in listed.values():
        paths.sort(key=refresh.walk_key)
    return stored
