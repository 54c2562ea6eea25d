"""Finding the one goal a write names without reading every goal.

`goal progress public-speaking 40` must find exactly one goal by slug, id or prefix, and refuse
a handle that names several: that needs every goal's handle. Reading every goal for it took a
quarter of the command at 100,000 entries, so a write would not take the same time at any size.

The goal index is a cache file beside the others (outside the journal, like them). It holds
each goal's handle as its changes leave it (slug, id, title, whether deleted) and the files
that make the goal (its own, then its changes): a write reads, checks and folds only the files
of the goal it names (fold.fold, the same rules as every read). The goals a write changed are
also kept pickled, as folded from their files (`fresh`), so the next write to the same goal
reads no file at all: people write to the few goals they are working on.

It is used only while it describes exactly the goal files there are: every file under goals/
and changes/goals/, public and private, each with the stat it had when read (size, times and
inode: an edit that keeps the size and puts the modification time back still changes the
change time). That is one comparison of two dicts; anything new, changed or gone, and every
goal is read and the index made again. A write keeps it true: the file it has just written is
read back and folded into its goal, under the journal's lock. Anything unusual (a goal file that
does not load, a goal recorded twice, two goals with one id) leaves no index: every goal is
then read, as before.

What a write takes in is saved in a small second file, the index's delta (the goals it changed,
the stats of the files it wrote, and the goals kept pickled), not by writing the whole index
again: at 4,000 goals that took 6-9 ms of a 110 ms write. The delta names the index it
belongs to by a token the index holds; once it describes DELTA_KEPT files, the whole index is
written again, with a new token, and the delta removed.
"""

from __future__ import annotations

import bisect
import os
import pickle
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import cache, store
from mentorlog.errors import EntryFileError

if TYPE_CHECKING:
    from mentorlog.journal import Journal
    from mentorlog.model import Change, Goal
    from mentorlog.walk_ahead import WalkAhead

NAME = "goal-index"  # no kind's cache file name begins so (see cache._shards)
DELTA = f"{NAME}.delta"
# The index is written whole again once its delta describes this many files.
DELTA_KEPT = 256
# At most this many bytes of goals kept pickled (fresh); past it, the others are read from
# their files again when next named.
FRESH_KEPT = 256 * 1024
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def _order(handle: Handle) -> tuple[int, str]:
    """A handle's place among the others (Handle.order); bisect asks it of a few handles only."""
    return handle.order


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
    list goals; by goal id, the files that make it (its own first) and, for some, a pickle of
    the goal and its changes as read (`fresh`). `stats` are the packed stats of the files
    described; `kept`, whether it is in the cache."""

    journal: Journal
    stats: dict[str, bytes]
    handles: list[Handle]
    files: dict[str, list[str]]
    fresh: dict[str, bytes] = field(default_factory=dict)
    kept: bool = False
    # Which saved index a delta belongs to, and what the delta holds: the files and goals
    # taken in (record) since that index was written whole.
    token: str = ""
    changed_files: set[str] = field(default_factory=set)
    changed_goals: set[str] = field(default_factory=set)
    # The goals as folded by the whole read that made the index, if this process made it.
    read_now: dict[str, Goal] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.journal.root

    def find(self, handle: str) -> Goal:
        """The goal a handle names (handles.find_goal), as the journal says it is now."""
        from mentorlog.handles import find_goal

        shown = [h for h in self.handles if not h.deleted]
        found = find_goal(shown, handle)
        if found.id in self.read_now:
            return self.read_now[found.id]
        try:
            goal, changes = self._as_read(found.id)
        except (OSError, EntryFileError):
            # A file changed since the index was checked: read every goal, as without it.
            self.__dict__.update(build(self.journal).__dict__)
            return self.find(handle)
        from mentorlog.fold import fold

        fold([goal], changes)
        return goal

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
                taken = self._record_goal(goal) if isinstance(goal, Goal) else None
        except (OSError, EntryFileError):
            taken = None
        if taken is None:
            self._forget()
            return
        self.stats[relative] = key
        self.changed_files.add(relative)
        if taken:
            self.changed_goals.add(taken)
        _save(self)

    def _as_read(self, goal_id: str) -> tuple[Goal, list[Change]]:
        """The goal and its changes as their files say, before any change is applied."""
        from mentorlog.model import Goal

        kept = self.fresh.get(goal_id)
        if kept is not None:
            goal, changes = pickle.loads(kept)
            return goal, changes
        own, *others = self.files[goal_id]
        read = cache.load_file(self.root, self.root / own, Goal)
        assert isinstance(read, Goal)
        return read, [cache.load_change(self.root, self.root / p, Goal.folder) for p in others]

    def _record_change(self, change: Change) -> str | None:
        """The id of the goal the change was folded into ("" for none here); None when the
        index cannot take it."""
        from mentorlog.fold import fold

        position = self._position(change.entry)
        if position is None:
            return ""  # a change to no goal here: a whole read leaves it aside too
        goal, changes = self._as_read(change.entry)
        changes.append(change)
        self.files[goal.id].append(change.path)
        self._keep(goal, changes)
        fold([goal], changes)
        self.handles[position] = Handle.of(goal)
        return None if _like_another(self.handles, position) else goal.id

    def _record_goal(self, goal: Goal) -> str | None:
        from mentorlog.fold import fold

        if self._position(goal.id) is not None:
            return None  # two goals with one id: left to a whole read
        self.files[goal.id] = [goal.path]
        self._keep(goal, [])
        fold([goal], [])
        added = Handle.of(goal)
        # Handles are in the order reports list goals (journal.by_day), which no change moves.
        at = bisect.bisect(self.handles, added.order, key=_order)
        self.handles.insert(at, added)
        return None if _like_another(self.handles, at) else goal.id

    def _keep(self, goal: Goal, changes: list[Change]) -> None:
        """Keep the goal pickled as read, the last written first to stay (see FRESH_KEPT)."""
        self.read_now.pop(goal.id, None)
        self.fresh.pop(goal.id, None)
        pickled = pickle.dumps((goal, changes), protocol=pickle.HIGHEST_PROTOCOL)
        size = len(pickled)
        kept = {}
        for goal_id, other in reversed(self.fresh.items()):
            size += len(other)
            if size > FRESH_KEPT:
                break
            kept[goal_id] = other
        self.fresh = {**dict(reversed(kept.items())), goal.id: pickled}

    def _position(self, goal_id: str) -> int | None:
        for position, handle in enumerate(self.handles):
            if handle.id == goal_id:
                return position
        return None

    def _forget(self) -> None:
        """No index: the next write reads every goal and makes it again."""
        self.kept = False
        cache.remove_document(self.root, NAME)
        cache.remove_document(self.root, DELTA)


def _is_change(relative: str) -> bool:
    return relative.removeprefix(store.PRIVATE_DIR + "/").startswith(store.CHANGES_DIR + "/")


def _recorded_twice(handles: list[Handle]) -> bool:
    """Whether reports would set a goal aside as a copy of another (journal.duplicate_key) or
    two goals share an id: the index then leaves the goals to a whole read."""
    ids = {h.id for h in handles}
    alike = [h.same_as for h in handles if not h.deleted]
    return len(ids) != len(handles) or len(set(alike)) != len(alike)


def _like_another(handles: list[Handle], position: int) -> bool:
    """_recorded_twice, for handles that were all told apart before the one at `position`
    changed: only that one is compared with the others (a copy shares its slug)."""
    changed = handles[position]
    if [h.id for h in handles].count(changed.id) > 1:
        return True
    return not changed.deleted and any(
        at != position and h.slug == changed.slug and not h.deleted and h.same_as == changed.same_as
        for at, h in enumerate(handles)
    )


def read(journal: Journal, ahead: WalkAhead | None = None) -> GoalIndex | None:
    """The index, when the cache has one describing exactly the goal files there are now
    (walked by `ahead` when given, see walk_soon)."""
    root = journal.root
    found = cache.read_document(root, NAME)
    if found is None:
        return None
    stats, columns, files, fresh, token = (
        found.get(k) for k in ("stats", "handles", "files", "fresh", "token")
    )
    try:
        # Saved as columns of plain values: pickling a tuple of its own per goal cost more.
        handles = list(map(Handle, *columns))  # type: ignore[misc]
    except (TypeError, ValueError):  # not columns: not ours
        return None
    if not (
        isinstance(stats, dict)
        and isinstance(files, dict)
        and isinstance(fresh, dict)
        and isinstance(token, str)
        and found.get("fold") == _fold_stamp()
    ):
        return None
    index = GoalIndex(journal, stats, handles, files, fresh, kept=True, token=token)
    delta = cache.read_document(root, DELTA)
    if delta is not None and delta.get("base") == token and not _take_delta(index, delta):
        return None
    if not all(h.id in files for h in handles):
        return None
    if stats != _walked(root, ahead):
        return None
    return index


def _take_delta(index: GoalIndex, delta: dict[str, Any]) -> bool:
    """Apply the delta saved after the index (see _save); False when it is not one."""
    stats, goals, fresh = (delta.get(k) for k in ("stats", "goals", "fresh"))
    if not (isinstance(stats, dict) and isinstance(goals, dict) and isinstance(fresh, dict)):
        return False
    positions = {h.id: at for at, h in enumerate(index.handles)}
    added = []
    try:
        for goal_id, (fields, files) in goals.items():
            handle = Handle(*fields)
            if handle.id != goal_id or not isinstance(files, list):
                return False
            index.files[goal_id] = files
            at = positions.get(goal_id)
            if at is None:
                added.append(handle)
            else:
                index.handles[at] = handle
    except (TypeError, ValueError):
        return False
    for handle in added:
        at = bisect.bisect(index.handles, handle.order, key=_order)
        index.handles.insert(at, handle)
    index.stats.update(stats)
    index.fresh = fresh
    index.changed_files = set(stats)
    index.changed_goals = set(goals)
    return True


FOLDERS = ("goals", cache.change_folder("goals"))
# From this size of the handles' file (about 2,000 goals), the goal files are walked by a child
# process while a write imports its validation (pydantic-core), see
# walk_soon: a fifth of the index's time at 4,000 goals. Below it the walk is quick.
WALK_AHEAD_FROM = 512 * 1024


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
    return walk_ahead.WalkAhead(
        root, list(FOLDERS), True, cache.stat_key, cache.STAT_SIZE, ordered=False
    )


def _walked(root: Path, ahead: WalkAhead | None = None) -> dict[str, bytes]:
    from mentorlog.walk_ahead import walk

    walked: dict[str, bytes] = {}
    for where in FOLDERS:
        found = ahead.take(where) if ahead is not None else None
        if found is None:
            walked.update(walk(root, where, True, cache.stat_key, ordered=False))
        else:
            walked.update(zip(*found, strict=True))
    return walked


def build(journal: Journal) -> GoalIndex:
    """The index made from a whole read of the goals (kept in the cache when it can be)."""
    from mentorlog.journal import by_day
    from mentorlog.model import Goal

    with cache.collector_paused():
        loaded = journal.read([Goal.kind])
        files = {goal.id: [goal.path] for goal in loaded.entries}
        every_goal = len(files) == len(loaded.entries)
        for change in loaded.changes:
            if change.entry in files:
                files[change.entry].append(change.path)
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
    index = GoalIndex(journal, stats, handles, files, read_now={g.id: g for g in goals})
    if cache.usable(journal.root) and every_goal and not problems and not _recorded_twice(handles):
        index.kept = True
        _save(index)
    return index


def _save(index: GoalIndex) -> None:
    """Keep the index: what changed since it was written whole goes to its delta, until the
    delta describes DELTA_KEPT files; then the whole of it is written, with a new token."""
    root = index.root
    if index.token and len(index.changed_files) <= DELTA_KEPT:
        changed = {h.id: tuple(h) for h in index.handles if h.id in index.changed_goals}
        cache.write_document(
            root,
            DELTA,
            {
                "base": index.token,
                "stats": {path: index.stats[path] for path in index.changed_files},
                "goals": {g: (changed[g], index.files[g]) for g in index.changed_goals},
                "fresh": index.fresh,
            },
        )
        return
    index.token = secrets.token_hex(8)
    index.changed_files = set()
    index.changed_goals = set()
    # A goal's paths as the stats' keys, one object each: the pickle then holds each once.
    paths = {path: path for path in index.stats}
    cache.write_document(
        root,
        NAME,
        {
            "stats": index.stats,
            "handles": list(zip(*index.handles, strict=True)) or [()] * len(Handle._fields),
            "files": {g: [paths.get(p, p) for p in files] for g, files in index.files.items()},
            "fresh": index.fresh,
            "fold": _fold_stamp(),
            "token": index.token,
        },
    )
    cache.remove_document(root, DELTA)


def _fold_stamp() -> tuple[int, int]:
    """The fold's code, as the cache's stamp has the models': handles are what it made."""
    from mentorlog import fold

    found = os.stat(fold.__file__)
    return (found.st_size, found.st_mtime_ns)
