"""Finding the one goal a write names without reading every goal.

`goal progress public-speaking 40` must find exactly one goal by slug, id or prefix, and refuse
a handle that names several: that needs every goal's handle. Reading every goal for it took a
quarter of the command at 100,000 entries, so a write would not take the same time at any size.

The goal index is two cache files beside the others (outside the journal, like them). One
holds each goal's handle as its changes leave it (slug, id, title, whether deleted); the other,
the goal's file and its changes as read, pickled per goal, one after the other: a write reads,
unpickles and folds only the goal it names (fold.fold, the same rules as every read). A write
rewrites only the first, with the goals it changed: at 100,000 entries the second is megabytes.

It is used only while it describes exactly the goal files there are: every file under goals/
and changes/goals/, public and private, each with the stat it had when read (size, times and
inode: an edit that keeps the size and puts the modification time back still changes the
change time). That is one comparison of two dicts; anything new, changed or gone, and every
goal is read and the index made again. A write keeps it true: the file it has just written is
read back and folded into its goal, under the journal's lock. Anything unusual (a goal file that
does not load, a goal recorded twice, two goals with one id) leaves no index: every goal is
then read, as before.
"""

from __future__ import annotations

import bisect
import os
import pickle
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import cache, store
from mentorlog.errors import EntryFileError

if TYPE_CHECKING:
    from mentorlog.journal import Journal
    from mentorlog.model import Change, Entry, Goal
    from mentorlog.walk_ahead import WalkAhead

NAME = "index-goals"  # not a folder's name, so never taken for a kind's cache file
RAW_NAME = "index-goals-raw"
# Goals changed since the raw file was written are kept in the handles' file; past this many
# bytes of them, the raw file is written again with them.
FRESH_KEPT = 1024 * 1024
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


class Handle(NamedTuple):
    """What a handle is matched against, and what tells two goals apart, for one goal."""

    slug: str
    id: str
    title: str
    private: bool
    deleted: bool
    # When the goal was made, in microseconds since 1970 (UTC): a datetime each cost ten times
    # more to save and read.
    created: int

    @classmethod
    def of(cls, goal: Goal) -> Handle:
        created = (goal.created - EPOCH) // MICROSECOND
        return cls(goal.slug, goal.id, goal.title, goal.private, goal.deleted, created)

    @property
    def order(self) -> tuple[int, str]:
        # journal.by_day for a goal: its day is its creation's in UTC, so the day adds nothing.
        return (self.created, self.id)

    @property
    def same_as(self) -> tuple[Any, ...]:
        # What journal.duplicate_key compares for goals, with privacy (as journal does).
        return (self.private, self.slug, self.title.strip().casefold())


@dataclass
class GoalIndex:
    """Every goal's handle (deleted ones too, for the slugs they hold), in the order reports
    list goals, and each goal as read: a pickle of the goal and its changes, by goal id, in
    `fresh` or at its place (start, length) in the raw file of build `build` (see read_raw).
    `stats` are the packed stats of the files described; `kept`, whether it is in the cache."""

    journal: Journal
    stats: dict[str, bytes]
    handles: list[Handle]
    fresh: dict[str, bytes]
    at: dict[str, tuple[int, int]] = field(default_factory=dict)
    build: str = ""
    kept: bool = False
    # Every goal's pickle, when this process read every goal (never saved).
    read_now: dict[str, bytes] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.journal.root

    def find(self, handle: str) -> Goal:
        """The goal a handle names (handles.find_goal), as the journal says it is now."""
        from mentorlog.handles import find_goal

        shown = [h for h in self.handles if not h.deleted]
        found = find_goal(shown, handle)
        try:
            return self.goal(found.id)
        except IndexGone:
            # Another process made the index again since this one read it: read every goal.
            self.__dict__.update(build(self.journal).__dict__)
            return self.find(handle)

    def goal(self, goal_id: str) -> Goal:
        from mentorlog.fold import fold

        goal, changes = pickle.loads(self.raw(goal_id))
        fold([goal], changes)
        return goal  # type: ignore[no-any-return]

    def raw(self, goal_id: str) -> bytes:
        # Fresh first: it has what this process recorded since it read every goal.
        found = self.fresh.get(goal_id) or self.read_now.get(goal_id)
        if found is None:
            found = read_raw(self.root, self.build, self.at[goal_id])
        if found is None:  # the raw file is gone or another build's
            raise IndexGone
        return found

    def taken_slugs(self) -> set[str]:
        """Slugs no new or renamed goal may take: every goal's, deleted ones included (an undone
        delete brings its slug back)."""
        return {h.slug for h in self.handles}

    def record(self, relative: str) -> None:
        """Take in a goal file or goal change this process has just written (under the lock):
        the index then describes the files as they are, and is kept so."""
        if not self.kept:
            return
        from mentorlog.model import Goal

        path = self.root / relative
        try:
            # The stat first: were the file changed after it, the stat kept would be older
            # than the text read, and the index would only be made again.
            key = cache.stat_key(os.stat(path))
            if _is_change(relative):
                taken = self._record_change(cache.load_change(self.root, path, Goal.folder))
            else:
                goal = cache.load_file(self.root, path, Goal)
                taken = isinstance(goal, Goal) and self._record_goal(goal)
        except (OSError, EntryFileError, IndexGone):
            taken = False
        if not taken or _recorded_twice(self.handles):
            self._forget()
            return
        self.stats[relative] = key
        if sum(map(len, self.fresh.values())) > FRESH_KEPT:
            try:
                self._write_raw(self._every_raw())
            except IndexGone:
                self._forget()
                return
        _save(self)

    def _record_change(self, change: Change) -> bool:
        from mentorlog.fold import fold

        position = self._position(change.entry)
        if position is None:
            return True  # a change to no goal here: a whole read leaves it aside too
        goal, changes = pickle.loads(self.raw(change.entry))
        changes.append(change)
        self.fresh[change.entry] = _pickled(goal, changes)
        fold([goal], changes)
        self.handles[position] = Handle.of(goal)
        return True

    def _record_goal(self, goal: Goal) -> bool:
        from mentorlog.fold import fold

        if self._position(goal.id) is not None:
            return False  # two goals with one id: left to a whole read
        self.fresh[goal.id] = _pickled(goal, [])
        fold([goal], [])
        added = Handle.of(goal)
        # Handles are in the order reports list goals (journal.by_day), which no change moves.
        at = bisect.bisect([h.order for h in self.handles], added.order)
        self.handles.insert(at, added)
        return True

    def _position(self, goal_id: str) -> int | None:
        for position, handle in enumerate(self.handles):
            if handle.id == goal_id:
                return position
        return None

    def _every_raw(self) -> dict[str, bytes]:
        """Every goal's pickle, the raw file read once."""
        if self.read_now:
            return {h.id: self.raw(h.id) for h in self.handles}
        length = max((start + size for start, size in self.at.values()), default=0)
        whole = read_raw(self.root, self.build, (0, length))
        if whole is None:
            raise IndexGone
        every = {goal_id: whole[start : start + size] for goal_id, (start, size) in self.at.items()}
        every.update(self.fresh)
        return {h.id: every[h.id] for h in self.handles}

    def _write_raw(self, raw: dict[str, bytes]) -> None:
        """Write every goal's pickle to a new raw file; the handles' file names its build."""
        self.build = os.urandom(8).hex()
        self.at = {}
        start = 0
        for goal_id, blob in raw.items():
            self.at[goal_id] = (start, len(blob))
            start += len(blob)
        cache.write_document(self.root, RAW_NAME, {"build": self.build}, blobs=raw.values())
        self.fresh = {}

    def _forget(self) -> None:
        """No index: the next write reads every goal and makes it again."""
        self.kept = False
        cache.remove_document(self.root, NAME)


class IndexGone(Exception):
    """The raw file a goal index names is not there (removed, or written by another build)."""


def read_raw(root: Path, build: str, span: tuple[int, int]) -> bytes | None:
    found = cache.read_document(root, RAW_NAME, span=span)
    if found is None or found.get("build") != build:
        return None
    return found["span"]  # type: ignore[no-any-return]


def _is_change(relative: str) -> bool:
    return relative.removeprefix(store.PRIVATE_DIR + "/").startswith(store.CHANGES_DIR + "/")


def _pickled(goal: Entry, changes: list[Change]) -> bytes:
    return pickle.dumps((goal, changes), protocol=pickle.HIGHEST_PROTOCOL)


def _recorded_twice(handles: list[Handle]) -> bool:
    """Whether reports would set a goal aside as a copy of another (journal.duplicate_key) or
    two goals share an id: the index then leaves the goals to a whole read."""
    ids = {h.id for h in handles}
    alike = [h.same_as for h in handles if not h.deleted]
    return len(ids) != len(handles) or len(set(alike)) != len(alike)


def read(journal: Journal, ahead: WalkAhead | None = None) -> GoalIndex | None:
    """The index, when the cache has one describing exactly the goal files there are now
    (walked by `ahead` when given, see walk_soon)."""
    root = journal.root
    found = cache.read_document(root, NAME)
    if found is None:
        return None
    stats, columns, fresh, at = (found.get(k) for k in ("stats", "handles", "fresh", "at"))
    build = found.get("build")
    try:
        # Saved as columns of plain values: pickling a tuple of its own per goal cost more.
        handles = list(map(Handle, *columns))  # type: ignore[misc]
    except (TypeError, ValueError):  # not columns: not ours
        return None
    if not (
        isinstance(stats, dict)
        and isinstance(fresh, dict)
        and isinstance(at, dict)
        and isinstance(build, str)
        and found.get("fold") == _fold_stamp()
        and all(h.id in fresh or h.id in at for h in handles)
    ):
        return None
    if stats != _walked(root, ahead):
        return None
    return GoalIndex(journal, stats, handles, fresh, at, build, kept=True)


FOLDERS = ("goals", cache.change_folder("goals"))
# From this size of the handles' file (about 2,000 goals), the goal files are walked by a child
# process while a write reads its configuration (and imports pydantic to check it), see
# walk_soon: a fifth of the index's time at 4,000 goals. Below it the walk is quick.
WALK_AHEAD_FROM = 200 * 1024


def walk_soon(root: Path) -> WalkAhead | None:
    """Start walking the goal files in a child process, when the index is large (see
    walk_ahead). Started under the journal's lock, so the files it sees are those the write
    finds: no other write comes between."""
    from mentorlog import walk_ahead

    try:
        if os.stat(cache.cache_path(root, NAME)).st_size < WALK_AHEAD_FROM:
            return None
    except OSError:
        return None
    return walk_ahead.WalkAhead(root, list(FOLDERS), True, cache.stat_key, cache.STAT_SIZE)


def _walked(root: Path, ahead: WalkAhead | None = None) -> dict[str, bytes]:
    from mentorlog.walk_ahead import walk

    walked: dict[str, bytes] = {}
    for where in FOLDERS:
        found = ahead.take(where) if ahead is not None else None
        if found is None:
            walked.update(walk(root, where, True, cache.stat_key))
        else:
            walked.update(zip(*found, strict=True))
    return walked


def build(journal: Journal) -> GoalIndex:
    """The index made from a whole read of the goals (kept in the cache when it can be)."""
    from mentorlog.journal import by_day
    from mentorlog.model import Goal

    with cache.collector_paused():
        loaded = journal.read([Goal.kind])
        # Each goal and its changes as read: folding changes them in place.
        by_goal: dict[str, list[Change]] = {}
        for change in loaded.changes:
            by_goal.setdefault(change.entry, []).append(change)
        raw = {goal.id: _pickled(goal, by_goal.get(goal.id, [])) for goal in loaded.entries}
        every_goal = len(raw) == len(loaded.entries)
        problems = bool(loaded.problems)
        records = loaded.records.get(Goal.folder, {})
        stats = {relative: record[0] for relative, record in records.items()}
        entries = journal.settle(loaded, [Goal.kind])
    goals: list[Goal] = [*entries.named(Goal.kind), *entries.deleted]
    if not entries.duplicates:
        # Deleted goals among the others, all in the order reports list goals (by_day, which
        # the sort keeps for those shown): a goal added later goes in its place (record).
        goals.sort(key=by_day)
    handles = [Handle.of(goal) for goal in goals]
    index = GoalIndex(journal, stats, handles, fresh={}, read_now=raw)
    if stats and every_goal and not problems and not _recorded_twice(handles):
        index.kept = True
        index._write_raw(raw)
        _save(index)
    return index


def _save(index: GoalIndex) -> None:
    cache.write_document(
        index.root,
        NAME,
        {
            "stats": index.stats,
            "handles": list(zip(*index.handles, strict=True)) or [()] * len(Handle._fields),
            "fresh": index.fresh,
            "at": index.at,
            "build": index.build,
            "fold": _fold_stamp(),
        },
    )


def _fold_stamp() -> tuple[int, int]:
    """The fold's code, as the cache's stamp has the models': handles are what it made."""
    from mentorlog import fold

    found = os.stat(fold.__file__)
    return (found.st_size, found.st_mtime_ns)
