"""Finding the one entry a write names without reading every entry of its kind.

`goal progress public-speaking 40` must find exactly one goal by slug, id or prefix, and refuse
a handle that names several; `action add` must find the latest session, and `action done` the
one action item its handle names: that needs every goal's, or every session's, handle. Reading
every entry for it took a quarter of a goal write at 100,000 entries, and five sixths of
`action add`, so a write would not take the same time at any size.

An index is a cache file beside the others (outside the journal, like them), one per kind
(goal_index.py, session_index.py, question_index.py). It holds each entry's handle as its
changes leave it (for a goal its slug, id, title, whether deleted; for a session its day and
action items; for a question its day and words) and the files that make the entry (its own,
then its changes): a write reads, checks and folds only the files of the entry it names
(fold.fold, the same rules as every read). The entries a write changed are also kept pickled,
as folded from their files (`fresh`), so the next write to the same one reads no file at all:
people write to the few goals they work on, and to the latest session.

It is used only while it describes exactly the kind's files there are: every file under the
kind's folder and its changes, public and private, each with the stat it had when read (size,
times and inode: an edit that keeps the size and puts the modification time back still changes
the change time). That is one comparison of two dicts, or, where the journal's watcher can
say which files changed since the index was last true (watching.py), a stat of those alone;
anything new, changed or gone, and every entry of the kind is read and the index made again.
A write keeps it true: the file it has just written is read back and folded into its entry,
under the journal's lock. Anything unusual (a file that does not load, an entry recorded
twice, two entries with one id) leaves no index: every entry is then read, as before.

What a write takes in is saved in a small second file, the index's delta (the entries it
changed, the stats of the files it wrote, and the entries kept pickled), not by writing the
whole index again: at 4,000 goals that took 6-9 ms of a 110 ms write. The delta names the index
it belongs to by a token the index holds; once it describes DELTA_KEPT files, the whole index
is written again, with a new token, and the delta removed.
"""

from __future__ import annotations

import bisect
import os
import pickle
import secrets
from array import array
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import count, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, cast

from mentorlog import cache, store
from mentorlog.errors import EntryFileError, HandleError

if TYPE_CHECKING:
    from typing import Self

    from mentorlog.journal import Journal
    from mentorlog.model import Change, Entry
    from mentorlog.watching import Look

# At most this many bytes of entries kept pickled (fresh); past it, the others are read from
# their files again when next named.
FRESH_KEPT = 256 * 1024
# The whole index is written again once its delta describes this many files.
DELTA_KEPT = 256
# What an index keeps in files of its own, each read only when a write asks for it: the files'
# stats (a write the watcher told what changed looks at a few, in its delta), each entry's
# files, and the session index's items and the search of their words. At 40,000 sessions they
# are 16 of its 18 MB, which a write that adds an item needs none of.
PARTS = ("stats", "files", "items", "search")
# From this many entries in an index (the count its head keeps), a write asks the journal's
# watcher what changed (starting one when there is none), and, when it cannot say, the kind's
# files are walked by a child process while the write imports its validation (pydantic-core),
# see walk_soon: a fifth of the goal index's time at 4,000 goals. Below it the walk is quick.
WALK_AHEAD_FROM = 2_000
# From this many, several children walk a kind that splits (WALK_SPLITS), each its share of
# its files (walk_ahead.WalkAhead, `ways`, shares).
WALK_IN_SHARES_FROM = 15_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def microseconds(moment: datetime) -> int:
    """An instant in microseconds since 1970 (UTC): a datetime each cost ten times more to save
    and read."""
    return (moment - EPOCH) // MICROSECOND


class Handle(Protocol):
    """What an index keeps of one entry (a NamedTuple of plain values, see each kind)."""

    @property
    def id(self) -> str: ...
    @property
    def deleted(self) -> bool: ...
    @property
    def order(self) -> tuple[Any, ...]:
        """Its place among the others: journal.by_day, which no change moves."""

    @property
    def alike(self) -> Any:
        """Equal for two entries that may be copies of each other: quick to compare."""

    @property
    def same_as(self) -> Any:
        """What journal.duplicate_key compares (with privacy, as journal does)."""


H = TypeVar("H", bound=Handle)
T = TypeVar("T")


_ID = attrgetter("id")
_ALIKE = attrgetter("alike")


def _places(values: list[Any], value: Any) -> list[int]:
    """Where `value` is in `values`: list.index, in C, from one place to the next."""
    found: list[int] = []
    at = -1
    while True:
        try:
            at = values.index(value, at + 1)
        except ValueError:
            return found
        found.append(at)


class Layered(Generic[T]):
    """A dict the index saves in a file of its own (the files' stats, see EntryIndex.part),
    read only when a key is asked that the layer over it, what was taken in since (the
    delta's, this process's), does not hold. At 40,000 sessions the stats and files were half
    the index's read; a write the watcher told what changed asks for the few its delta
    holds."""

    __slots__ = ("_base", "_load", "_over", "damaged")

    def __init__(
        self, base: dict[str, T] | None = None, load: Callable[[], Any] | None = None
    ) -> None:
        self._base = base
        self._load = load
        self._over: dict[str, T] = {}
        # It did not load: what the index says is then not kept (see save).
        self.damaged = False

    def _whole_base(self) -> dict[str, T]:
        if self._base is None:
            base = self._load() if self._load is not None else None
            self.damaged = not isinstance(base, dict)
            self._base = base if isinstance(base, dict) else {}
        return self._base

    def get(self, key: str) -> T | None:
        if key in self._over:
            return self._over[key]
        return self._whole_base().get(key)

    def __getitem__(self, key: str) -> T:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: str, value: T) -> None:
        self._over[key] = value

    def update(self, values: dict[str, T]) -> None:
        self._over.update(values)

    def remove(self, key: str) -> None:
        """Take a key out (kept as None over the base, as a delta saves it: see save)."""
        self._over[key] = None  # type: ignore[assignment]

    def whole(self) -> dict[str, T]:
        base = self._whole_base()
        gone = [key for key, value in self._over.items() if value is None]
        base.update(self._over)
        for key in gone:
            del base[key]
        self._over = {}
        return base


class FilesColumn(Layered[list[str]]):
    """Each entry's files as the index saves them, in a file of its own: every entry's paths
    in one string, in the saved handles' order (see files_column), so a write that asks for
    one entry's decodes that entry's alone (unpickling 40,000 entries' lists took 24 ms)."""

    __slots__ = ("_column", "_ids")

    def __init__(self, load: Callable[[], Any], ids: tuple[str, ...]) -> None:
        super().__init__(load=load)
        self._ids = ids
        self._column: tuple[bytes, array[int], dict[str, list[str]]] | None = None

    def _taken(self) -> tuple[bytes, array[int], dict[str, list[str]]] | None:
        """The column as saved; None when it did not load (`damaged`)."""
        if self._column is None and not self.damaged:
            self._column = _taken_files(self._load() if self._load else None, self._ids)
            self.damaged = self._column is None
        return self._column

    def get(self, key: str) -> list[str] | None:
        if key in self._over:
            return self._over[key]
        if self._base is not None:
            return self._base.get(key)
        column = self._taken()
        if column is None:
            return None
        data, offsets, extra = column
        if key in extra:
            return extra[key]
        try:
            at = self._ids.index(key)
        except ValueError:
            return None
        return _paths(data[offsets[at] : offsets[at + 1]])

    def _whole_base(self) -> dict[str, list[str]]:
        if self._base is None:
            column = self._taken()
            self._base = {}
            if column is not None:
                data, offsets, extra = column
                self._base = {
                    entry_id: _paths(data[offsets[at] : offsets[at + 1]])
                    for at, entry_id in enumerate(self._ids)
                }
                self._base.update(extra)
        return self._base


def files_column(
    files: dict[str, list[str]], ids: list[str]
) -> tuple[bytes, bytes, dict[str, list[str]]]:
    """Each entry's files as saved (FilesColumn): the paths of the entries `ids`, in their
    order, each entry's NUL-separated, in one UTF-8 string (see _strung); and any other
    entry's, as they are."""
    data, offsets = _strung(
        "\0".join(files[entry_id]).encode("utf-8", "surrogateescape") for entry_id in ids
    )
    named = set(ids)
    extra = {entry_id: paths for entry_id, paths in files.items() if entry_id not in named}
    return data, offsets, extra


def _paths(saved: bytes) -> list[str]:
    return saved.decode("utf-8", "surrogateescape").split("\0")


def _taken_files(
    saved: Any, ids: tuple[str, ...]
) -> tuple[bytes, array[int], dict[str, list[str]]] | None:
    """The files as saved (files_column), when they are for the saved handles `ids`."""
    if not (isinstance(saved, tuple) and len(saved) == 3 and isinstance(saved[2], dict)):
        return None
    data, raw, extra = saved
    offsets = _offsets(data, raw, len(ids))
    return (data, offsets, extra) if offsets is not None else None


def _strung(parts: Iterable[bytes]) -> tuple[bytes, bytes]:
    """Parts saved as one string, and where each begins, then the end (an array's bytes):
    one part is sliced out without the others being made into objects."""
    joined: list[bytes] = []
    offsets = array("q", [0])
    for part in parts:
        joined.append(part)
        offsets.append(offsets[-1] + len(part))
    return b"".join(joined), offsets.tobytes()


def _offsets(data: Any, raw: Any, count: int) -> array[int] | None:
    """The offsets of `count` parts saved by _strung, when they are that: None otherwise."""
    if not (isinstance(data, bytes) and isinstance(raw, bytes)) or len(raw) % 8:
        return None
    offsets = array("q")
    offsets.frombytes(raw)
    if len(offsets) != count + 1 or offsets[0] != 0 or offsets[-1] != len(data):
        return None
    return offsets


def _order(handle: Handle) -> tuple[Any, ...]:
    """A handle's place among the others; bisect asks it of a few handles only."""
    return handle.order


@dataclass
class EntryIndex(Generic[H]):
    """Every entry's handle of one kind, in the order reports list them; by entry id, the files
    that make it (its own first) and, for some, a pickle of the entry and its changes as read
    (`fresh`). `stats` are the packed stats of the files described; `kept`, whether it is in
    the cache."""

    # Set by each kind: the cache file's name, the kind, its handles' class, and whether a
    # whole read keeps long text packed (see model.Packed).
    NAME: ClassVar[str]
    KIND: ClassVar[str]
    HANDLE: ClassVar[Any]
    PACKED: ClassVar[bool] = False
    # Whether children walk the kind's files, each its share, once its index is large
    # (WALK_IN_SHARES_FROM): at 40,000 sessions, two took 70 ms against 138 for one. Each
    # lists every folder whole, so the one flat folder of questions or goals gains little
    # (12,000 questions: 51 ms against 60, with nothing else running), and keeps one.
    WALK_SPLITS: ClassVar[bool] = False
    # Whether the index may hold copies (entries recorded twice, see journal.duplicate_key):
    # it then tells those the journal shows from those it sets aside (named), as settle does.
    COPIES: ClassVar[bool] = False
    # A field of the handles kept packed in the saved index, unpacked only by a write that
    # asks for it (see unpack_field): a session's action items are half the session index,
    # and only a write that names an item reads them.
    PACKED_FIELD: ClassVar[str | None] = None
    # The fields a handle's `alike` is, taken from each handle in C (the property is a call in
    # Python per handle: 1.8 against 0.5 ms at 40,000 sessions).
    ALIKE_FIELDS: ClassVar[tuple[str, ...]] = ()

    journal: Journal
    stats: Layered[bytes]
    handles: list[H]
    files: Layered[list[str]]  # a FilesColumn when read from the cache
    fresh: dict[str, bytes] = field(default_factory=dict)
    kept: bool = False
    # The entries as folded by the whole read that made the index, if this process made it:
    # by id, and as the journal names them (Entries.named: in order, copies last).
    read_now: dict[str, Entry] = field(default_factory=dict)
    listed: list[Entry] | None = None
    # Which saved index a delta belongs to, and what the delta holds: the files and entries
    # taken in (record) since that index was written whole.
    token: str = ""
    changed_files: set[str] = field(default_factory=set)
    changed_ids: set[str] = field(default_factory=set)
    # The entries whose files were removed since (record_removed).
    removed_ids: set[str] = field(default_factory=set)
    # Only the delta read (see record_unread), and the new entries it took in that way: a
    # whole read compares those with every other.
    partial: bool = False
    added_unread: set[str] = field(default_factory=set)
    # The saved handles' ids while PACKED_FIELD is not unpacked (handles then hold None in
    # it; its values are the part "items", in their order).
    packed_field: list[str] | None = None
    # The words each saved handle's PACKED_FIELD can be named by (see words_of), as saved with
    # it: every one after a NUL, all in one UTF-8 string, and where each handle's begin.
    search: tuple[bytes, array[int]] | None = None
    # The watcher's token of a moment the stats were true at (see watching.py): what changed
    # since is all a write checks.
    watch: str | None = None

    # -- what each kind says --

    @classmethod
    def handle_of(cls, entry: Any) -> H:
        raise NotImplementedError

    @classmethod
    def words_of(cls, value: Any) -> list[str] | None:
        """The words (casefolded) a handle's PACKED_FIELD value can be named by, each one's
        beginning; None: the kind keeps no search of them (see saved_named_by)."""
        return None

    # -- shared --

    @classmethod
    def delta_name(cls) -> str:
        return f"{cls.NAME}.delta"

    @classmethod
    def folders(cls) -> tuple[str, str]:
        from mentorlog.model import ENTRY_KINDS

        folder = ENTRY_KINDS[cls.KIND].folder
        return (folder, cache.change_folder(folder))

    @property
    def root(self) -> Path:
        return self.journal.root

    def entry(self, entry_id: str) -> Entry:
        """The entry as the journal says it is now, read from its files (or as kept). Raises
        OSError or EntryFileError when one changed since the index was checked."""
        if entry_id in self.read_now:
            return self.read_now[entry_id]
        from mentorlog.fold import fold

        entry, changes = self._as_read(entry_id)
        fold([entry], changes)
        return entry

    def now(self, entry_id: str, again: Callable[[Self], Any]) -> Any:
        """The entry as its files say now (see entry); when one changed since the index was
        checked, what `again` asks of the index made again from every entry of the kind."""
        try:
            return self.entry(entry_id)
        except (OSError, EntryFileError):
            return again(self.whole())

    def whole(self) -> Self:
        """This index made again from a whole read of the kind, as without it."""
        self.__dict__.update(type(self).build(self.journal, self.watch).__dict__)
        return self

    def record(self, relative: str) -> None:
        """Take in a file of this kind, or a change to one, this process has just written
        (under the lock): the index then describes the files as they are, and is kept so."""
        if not self.kept:
            return
        from mentorlog.model import ENTRY_KINDS

        model = ENTRY_KINDS[self.KIND]
        path = self.root / relative
        change = store.is_change(relative)
        try:
            # The stat first: were the file changed after it, the stat kept would be older
            # than the text read, and the index would only be made again.
            key = cache.stat_key(os.stat(path))
            if change:
                taken = self._record_change(cache.load_change(self.root, path, model.folder))
            else:
                entry = cache.load_file(self.root, path, model)
                taken = self._record_entry(entry) if isinstance(entry, model) else None
        except (OSError, EntryFileError):
            taken = None
        if taken is None:
            self._forget()
            return
        self.stats[relative] = key
        self.changed_files.add(relative)
        if taken:
            self.changed_ids.add(taken)
            if self.partial and not change:
                self.added_unread.add(taken)
        self.save()

    @classmethod
    def record_unread(cls, journal: Journal, relative: str) -> None:
        """Take in a file of this kind that a write made without reading the index (`session
        add`: reading it means walking every session, and the write would not take the same
        time at any size). Only the index's delta is read and written again; the next whole
        read compares the new entry with every other, as record does. A change to an entry
        the delta does not hold, or a full delta, reads the whole index (unchecked: were it
        stale, it stays so, and the next read makes it again)."""
        index = cls._partial(journal)
        if index is None:
            return
        try:
            index.record(relative)
        except _NeedsWhole:
            whole = cls.read(journal, checked=False)
            if whole is not None:
                whole.record(relative)

    def record_removed(self, relative: str, entry_id: str) -> None:
        """Take out a file this process has just removed (`undo`, under the lock, which removes
        what the last write added): a change to the entry `entry_id`, or the entry's own file
        (after the changes removed with it). The index then describes the files as they are;
        without it, the next write would read every entry of the kind again."""
        if not self.kept:
            return
        try:
            if store.is_change(relative):
                taken = self._remove_change(relative, entry_id)
            else:
                taken = self._remove_entry(relative, entry_id)
        except (OSError, EntryFileError):
            taken = None
        if taken is None:
            self._forget()
            return
        self.stats.remove(relative)
        self.changed_files.add(relative)
        self.save()

    def _remove_change(self, relative: str, entry_id: str) -> str | None:
        """Fold the entry again without the change; its id ("" for none here), or None when
        the index cannot take it."""
        position = self._position(entry_id)
        if position is None:
            return ""  # a change to nothing here: a whole read leaves it aside too
        files = self.files.get(entry_id)
        if files is None or relative not in files[1:]:
            return None
        self.files[entry_id] = [path for path in files if path != relative]
        self.fresh.pop(entry_id, None)  # it holds the change: read from the files left
        taken = self._refolded(position, *self._as_read(entry_id))
        if taken:
            self.changed_ids.add(taken)
        return taken

    def _remove_entry(self, relative: str, entry_id: str) -> str | None:
        """Take the entry's handle out; its id, or None when the index cannot take it."""
        position = self._position(entry_id)
        files = self.files.get(entry_id)
        if position is None or not files or files[0] != relative or self.partial:
            return None
        del self.handles[position]
        self.files.remove(entry_id)
        self.fresh.pop(entry_id, None)
        self.read_now.pop(entry_id, None)
        self.changed_ids.discard(entry_id)
        self.added_unread.discard(entry_id)
        self.removed_ids.add(entry_id)
        return entry_id

    @classmethod
    def _partial(cls, journal: Journal) -> Self | None:
        """The index's delta alone, on top of no handle (see record_unread)."""
        root = journal.root
        if not cache.usable(root):
            return None
        head = cache.read_document(root, cls.NAME)
        if (
            head is None
            or head.get("fold") != _fold_stamp()
            or not isinstance(head.get("token"), str)
        ):
            return None
        watch = head.get("watch")
        index = cls(
            journal,
            Layered({}),
            [],
            Layered({}),
            kept=True,
            token=head["token"],
            partial=True,
            watch=watch if isinstance(watch, str) else None,
        )
        return index if index._take_own_delta() else None

    def _as_read(self, entry_id: str) -> tuple[Entry, list[Change]]:
        """The entry and its changes as their files say, before any change is applied."""
        from mentorlog.model import ENTRY_KINDS

        kept = self.fresh.get(entry_id)
        if kept is not None:
            entry, changes = pickle.loads(kept)
            return entry, changes
        model = ENTRY_KINDS[self.KIND]
        files = self.files.get(entry_id)
        if not files:  # not in the index: read as without it (see now)
            raise FileNotFoundError(entry_id)
        own, *others = files
        read = cache.load_file(self.root, self.root / own, model)
        return read, [cache.load_change(self.root, self.root / p, model.folder) for p in others]

    def _record_change(self, change: Change) -> str | None:
        """The id of the entry the change was folded into ("" for none here); None when the
        index cannot take it."""

        position = self._position(change.entry)
        if position is None and self.partial:
            raise _NeedsWhole
        if position is None:
            return ""  # a change to nothing here: a whole read leaves it aside too
        entry, changes = self._as_read(change.entry)
        changes.append(change)
        files = self.files.get(entry.id)
        if files is None:
            return None  # not in the index: left to a whole read
        self.files[entry.id] = [*files, change.path]
        return self._refolded(position, entry, changes)

    def _refolded(self, position: int, entry: Entry, changes: list[Change]) -> str | None:
        """Keep the entry at `position` as these changes now leave it (record, record_removed):
        its id, or None when the index cannot take it."""
        from mentorlog.fold import fold

        self._keep(entry, changes)
        fold([entry], changes)
        handle = self.handle_of(entry)
        if handle.order != self.handles[position].order:
            return None  # moved by a change: left to a whole read
        self.handles[position] = handle
        return None if self._clashes(position) else entry.id

    def _record_entry(self, entry: Entry) -> str | None:
        from mentorlog.fold import fold

        if self._position(entry.id) is not None:
            return None  # two entries with one id: left to a whole read
        self.removed_ids.discard(entry.id)
        self.files[entry.id] = [entry.path]
        self._keep(entry, [])
        fold([entry], [])
        added = self.handle_of(entry)
        # Handles are in the order reports list them (journal.by_day), which no change moves.
        at = bisect.bisect(self.handles, added.order, key=_order)
        self.handles.insert(at, added)
        return None if self._clashes(at) else entry.id

    def _clashes(self, *positions: int) -> bool:
        """Whether the handles at `positions`, just changed or added, leave the kind to a whole
        read: an id is another's, or one is a copy of another where the index holds no copies
        (or looks like one and is not: a digest matched by chance). Handles were all told apart
        before, so only these are compared with the others, each in passes made in C (a loop
        over 40,000 handles in Python took 30 ms of a write)."""
        changed = {position: self.handles[position] for position in positions}
        ids = self._ids()
        if any(ids.count(h.id) > 1 for h in changed.values()):
            return True
        fields = [self.HANDLE._fields.index(name) for name in self.ALIKE_FIELDS]
        alike: Callable[[Any], Any] = itemgetter(*fields) if fields else _ALIKE
        alikes = list(map(alike, self.handles))
        for position, handle in changed.items():
            if handle.deleted:
                continue
            copied = [
                self.handles[at]
                for at in _places(alikes, handle.alike)
                if at != position
                and not self.handles[at].deleted
                and self.handles[at].same_as == handle.same_as
            ]
            if copied and (not self.COPIES or not self._copies(handle, copied)):
                return True
        return False

    def _copies(self, handle: H, others: list[H]) -> bool:
        """Whether the entries are copies of one another as journal.duplicate_key says, read
        whole (their handles' digest may match by chance)."""
        from mentorlog.journal import duplicate_key

        try:
            mine = self.entry(handle.id)
            return all(
                (mine.private, *duplicate_key(mine)) == (other.private, *duplicate_key(other))
                for other in (self.entry(h.id) for h in others)
            )
        except (OSError, EntryFileError):
            return False

    def pick(self, choose: Callable[[list[H]], T], could_name: Callable[[H], bool]) -> T:
        """What `choose` (a handles.find_* call) finds among the handles. First among those
        `could_name` keeps (a prefix of an id or words, as handles._pick matches them), which
        alone decide what a handle names, if one: building every candidate cost 0.25 s at
        80,000 action items. When that names none, or several, among every handle in the
        journal's order, copies last (named): the error and its candidates are then a whole
        read's."""
        try:
            return choose([handle for handle in self.handles if could_name(handle)])
        except HandleError:
            return choose(self.named())

    def named(self, handles: list[H] | None = None) -> list[H]:
        """The handles in the order Entries.named gives their entries: those shown, by day,
        then the copies set aside, group by group (journal._set_aside_duplicates). Of a run of
        `handles` (the last day's, say), their order among them: copies share their day."""
        if not self.COPIES:
            return self.handles if handles is None else handles
        shown: list[H] = []
        groups: dict[Any, list[H]] = {}
        for handle in self.handles if handles is None else handles:
            group = groups.setdefault(handle.same_as, [])
            group.append(handle)
            if len(group) == 1:
                shown.append(handle)
        return [*shown, *(h for group in groups.values() for h in group[1:])]

    def _keep(self, entry: Entry, changes: list[Change]) -> None:
        """Keep the entry pickled as read, the last written first to stay (see FRESH_KEPT)."""
        self.read_now.pop(entry.id, None)
        self.fresh.pop(entry.id, None)
        pickled = pickle.dumps((entry, changes), protocol=pickle.HIGHEST_PROTOCOL)
        size = len(pickled)
        kept = {}
        for entry_id, other in reversed(self.fresh.items()):
            size += len(other)
            if size > FRESH_KEPT:
                break
            kept[entry_id] = other
        self.fresh = {**dict(reversed(kept.items())), entry.id: pickled}

    def _position(self, entry_id: str) -> int | None:
        try:
            return self._ids().index(entry_id)
        except ValueError:
            return None

    def _positions(self, entry_ids: list[str]) -> dict[str, int]:
        """Where each of these entries' handles is (none: not there). For a few, each looked
        for in C: a dict of every position took 3.5 ms at 40,000 sessions."""
        ids = self._ids()
        if len(entry_ids) > 8:
            every = dict(zip(ids, count()))
            return {i: every[i] for i in entry_ids if i in every}
        found = {}
        for entry_id in entry_ids:
            with suppress(ValueError):
                found[entry_id] = ids.index(entry_id)
        return found

    def _ids(self) -> list[str]:
        """Every handle's id, in order: kept while the handles are the same list, as many (in
        it a handle is only ever replaced by one of the same id, or inserted)."""
        handles, kept = cast("tuple[Any, list[str]]", self.__dict__.get("_kept_ids", (None, [])))
        if handles is not self.handles or len(kept) != len(self.handles):
            kept = list(map(_ID, self.handles))
            self.__dict__["_kept_ids"] = (self.handles, kept)
        return kept

    def field_values(self) -> list[Any]:
        """PACKED_FIELD of every handle, in order: from the handles, or from the saved index
        where one holds None (see packed_field)."""
        at = self.HANDLE._fields.index(cast(str, self.PACKED_FIELD))
        held = list(map(itemgetter(at), cast("list[Any]", self.handles)))
        if self.packed_field is None:
            return held
        ids = self.packed_field
        with cache.collector_paused():  # tens of thousands of tuples made, none freed
            try:
                values = self._part(self.root, self.token, "items")
                saved = dict(zip(ids, values, strict=True))
            except Exception:  # damaged: made again, as any damage in the index is
                return self.whole().field_values()
            return [
                value if value is not None else saved[entry_id]
                for value, entry_id in zip(held, self._ids(), strict=True)
            ]

    def unpack_field(self) -> None:
        """Fill in PACKED_FIELD in every handle that holds None in it (see packed_field)."""
        if self.packed_field is None:
            return
        values = self.field_values()
        if self.packed_field is None:  # made again whole
            return
        self.packed_field = None
        # Column by column, as _read makes them: a NamedTuple's _replace per handle took 150 ms
        # at 40,000 sessions.
        columns: list[Any] = list(zip(*self.handles, strict=True))
        if columns:
            columns[self.HANDLE._fields.index(self.PACKED_FIELD)] = values
            with cache.collector_paused():
                made = map(partial(tuple.__new__, self.HANDLE), zip(*columns, strict=True))
                self.handles = list(made)

    @classmethod
    def _search(cls, values: tuple[Any, ...]) -> tuple[bytes, bytes] | None:
        """The search of the saved handles' words (see search), as saved (_strung): each
        handle's words, each after a NUL."""
        parts: list[bytes] = []
        for value in values:
            words = cls.words_of(value)
            if words is None:
                return None
            parts.append("".join("\0" + word for word in words).encode("utf-8", "surrogatepass"))
        return _strung(parts)

    def saved_named_by(self, wanted: str) -> set[str] | None:
        """The ids of the saved handles one of whose words (words_of) begins with `wanted`
        (casefolded), found in the search in C; None when there is no search to look in (each
        handle's value is then looked at). Words may hold a NUL: that only finds more."""
        if self.packed_field is None or "\0" in wanted:
            return None
        if self.search is None:
            self.search = _taken_search(
                self._part(self.root, self.token, "search"), self.packed_field
            )
        if self.search is None:
            return None
        data, offsets = self.search
        ids = self.packed_field
        needle = ("\0" + wanted).encode("utf-8", "surrogatepass")
        found: set[str] = set()
        at = data.find(needle)
        while at >= 0:
            found.add(ids[bisect.bisect_right(offsets, at) - 1])
            at = data.find(needle, at + 1)
        return found

    @classmethod
    def _part(cls, root: Path, token: str, name: str) -> Any:
        """A part the index keeps in a file of its own (see PARTS), when it is the part of the
        index of `token`; else None (the part is then as good as damaged)."""
        found = cache.read_document(root, f"{cls.NAME}.{name}", tail=True)
        if found is None or found.get("token") != token:
            return None
        return found["tail"]

    def _forget(self) -> None:
        """No index: the next write reads every entry and makes it again."""
        self.kept = False
        for name in (self.NAME, self.delta_name(), *(f"{self.NAME}.{n}" for n in PARTS)):
            cache.remove_document(self.root, name)

    # -- kept in the cache --

    @classmethod
    def read(cls, journal: Journal, ahead: Look | None = None, checked: bool = True) -> Self | None:
        """The index, when the cache has one describing exactly the kind's files there are now
        (as the watcher says, or walked, by `ahead` when given, see walk_soon); not `checked`,
        as it is."""
        # Tens of thousands of handles made at once: the collector would walk them all for
        # nothing (half the time of reading 40,000 sessions' handles).
        with cache.collector_paused():
            return cls._read(journal, ahead, checked)

    @classmethod
    def _read(cls, journal: Journal, ahead: Look | None, checked: bool) -> Self | None:
        root = journal.root
        found = cache.read_document(root, cls.NAME, tail=True)
        if found is None or not isinstance(found["tail"], dict):
            return None
        token = found.get("token")
        columns, fresh = (found["tail"].get(k) for k in ("handles", "fresh"))
        if not (
            isinstance(columns, (list, tuple))
            and isinstance(fresh, dict)
            and isinstance(token, str)
            # walk_soon goes by it: an index without it is made again, which writes it.
            and isinstance(found.get("count"), int)
            and found.get("fold") == _fold_stamp()
        ):
            return None
        try:
            # Saved as columns of plain values (pickling a tuple of its own per entry cost
            # more), and made into handles as tuples are made: a NamedTuple's own constructor
            # is Python, and took 16 ms at 40,000 sessions.
            if len(columns) != len(cls.HANDLE._fields):
                return None
            columns = list(columns)
            ids = columns[cls.HANDLE._fields.index("id")]
            if not isinstance(ids, tuple):
                return None
            packed = None
            if cls.PACKED_FIELD is not None:
                # Its values are in a file of their own (see PARTS), read when asked for.
                packed = list(ids)
                columns[cls.HANDLE._fields.index(cls.PACKED_FIELD)] = repeat(None, len(ids))
            made = map(partial(tuple.__new__, cls.HANDLE), zip(*columns, strict=True))
            handles: list[H] = list(made)
        except (TypeError, ValueError):  # not columns: not ours
            return None
        part = partial(cls._part, root, token)
        watch = found.get("watch")
        index = cls(
            journal,
            Layered(load=partial(part, "stats")),
            handles,
            FilesColumn(partial(part, "files"), ids),
            fresh,
            kept=True,
            token=token,
            packed_field=packed,
            watch=watch if isinstance(watch, str) else None,
        )
        if not index._take_own_delta():
            return None
        if not checked:
            return index
        seen = ahead.seen if ahead is not None else None
        if seen is not None and seen.changed is not None and ahead and ahead.since == index.watch:
            if not cls._unchanged(root, index.stats, seen.changed):
                return None
        elif index.stats.whole() != cls._walked(root, ahead) or index.stats.damaged:
            return None
        # True now: what changed after the watcher answered is what the next write checks.
        index.watch = seen.now if seen is not None else None
        return index

    @classmethod
    def _unchanged(cls, root: Path, stats: Layered[bytes], changed: list[str]) -> bool:
        """Whether each of the kind's files among `changed` (the watcher's answer) has the
        stat the index keeps (or is still not there): the walk's comparison, for those only."""
        bases = store.walk_bases(cls.folders())
        for relative in changed:
            if not store.walked(relative, bases):
                continue
            if cache.stat_key_now(os.path.join(root, relative)) != stats.get(relative):
                return False
        return not stats.damaged

    def _take_own_delta(self) -> bool:
        """Apply the delta saved after this index (see save), if there is one that names its
        token (any other was left by a process that wrote the index whole since); False when
        it is damaged."""
        delta = cache.read_document(self.root, self.delta_name(), tail=True)
        if delta is None or delta.get("base") != self.token:
            return True
        if "watch" in delta:  # the delta's files are true at the delta's token
            watch = delta["watch"]
            self.watch = watch if isinstance(watch, str) else None
        return isinstance(delta["tail"], dict) and self._take_delta(delta["tail"])

    def _take_delta(self, delta: dict[str, Any]) -> bool:
        """Apply the delta saved after the index (see save); False when it is not one."""
        stats, changed, fresh, added_blind, removed = (
            delta.get(k) for k in ("stats", "changed", "fresh", "added", "removed")
        )
        if not (
            isinstance(stats, dict)
            and isinstance(changed, dict)
            and isinstance(fresh, dict)
            and isinstance(added_blind, list)
            and isinstance(removed, list)
        ):
            return False
        blind = set(added_blind)
        positions = self._positions(list(changed))
        added = []
        try:
            for entry_id, (values, files) in changed.items():
                handle: H = self.HANDLE(*values)
                if handle.id != entry_id or not isinstance(files, list):
                    return False
                self.files[entry_id] = files
                at = positions.get(entry_id)
                if at is None:
                    added.append(handle)
                elif entry_id in blind:
                    return False  # "new", and here already: two entries with one id
                else:
                    self.handles[at] = handle
        except (TypeError, ValueError):
            return False
        for handle in added:
            at = bisect.bisect(self.handles, handle.order, key=_order)
            self.handles.insert(at, handle)
        # Removed (record_removed); one added since the index was written whole is not there.
        places = [] if self.partial else sorted(self._positions(removed).values())
        for shift, at in enumerate(places):
            del self.handles[at - shift]
        for entry_id in removed:
            self.files.remove(entry_id)
        self.removed_ids = set(removed)
        self.stats.update(stats)
        self.fresh = fresh
        self.changed_files = set(stats)
        self.changed_ids = set(changed)
        if self.partial:  # compared with every other by the next whole read
            self.added_unread = blind
            return True
        # What was recorded without the index (record_unread) is compared with the others now.
        if not blind:
            return True
        where = self._positions(sorted(blind))
        return len(where) == len(blind) and not self._clashes(*where.values())

    def save(self) -> None:
        """Keep the index: what changed since it was written whole goes to its delta, until
        the delta describes DELTA_KEPT files; then the whole of it is written, with a new
        token."""
        root = self.root
        if self.partial and len(self.changed_files) > DELTA_KEPT:
            raise _NeedsWhole  # written whole only from the whole index
        if self.token and len(self.changed_files) <= DELTA_KEPT:
            # Each handle as a plain tuple: what a NamedTuple pickles as costs more to read.
            where = self._positions(sorted(self.changed_ids))
            handles = {i: tuple(cast(Any, self.handles[at])) for i, at in where.items()}
            # The index it belongs to and the watcher's token first, alone: walk_soon reads
            # only them.
            cache.write_document(
                root,
                self.delta_name(),
                {"base": self.token, "watch": self.watch},
                tail={
                    # None for a file removed (record_removed).
                    "stats": {path: self.stats.get(path) for path in self.changed_files},
                    "changed": {i: (handles[i], self.files[i]) for i in self.changed_ids},
                    "fresh": self.fresh,
                    "added": sorted(self.added_unread),
                    "removed": sorted(self.removed_ids),
                },
            )
            return
        # Every part read first, while the index still has the token that names them.
        self.unpack_field()
        stats = self.stats.whole()
        files = self.files.whole()
        self.token = secrets.token_hex(8)
        self.changed_files = set()
        self.changed_ids = set()
        self.removed_ids = set()
        if self.stats.damaged or self.files.damaged:
            self._forget()
            return
        columns: list[Any] = list(zip(*self.handles, strict=True)) or [()] * len(
            self.HANDLE._fields
        )
        parts: dict[str, Any] = {
            "stats": stats,
            "files": files_column(files, [h.id for h in self.handles]),
        }
        if self.PACKED_FIELD is not None:
            at = self.HANDLE._fields.index(self.PACKED_FIELD)
            parts["items"] = columns[at]
            parts["search"] = self._search(columns[at])
            columns[at] = None
        # The parts first, each in a file of its own (read only when asked for, see PARTS),
        # named by the new token: were the index not written after them, they would be
        # another index's, and taken as damaged.
        for name, value in parts.items():
            cache.write_document(root, f"{self.NAME}.{name}", {"token": self.token}, tail=value)
        # The token and the fold's stamp first, alone: record_unread reads only them.
        cache.write_document(
            root,
            self.NAME,
            {
                "fold": _fold_stamp(),
                "token": self.token,
                "watch": self.watch,
                "count": len(self.handles),
            },
            tail={"handles": columns, "fresh": self.fresh},
        )
        cache.remove_document(root, self.delta_name())

    @classmethod
    def walk_soon(cls, root: Path) -> Look | None:
        """When the index is large: ask the journal's watcher what changed since the index was
        true (see watching.py), and, when it cannot say, start walking the kind's files in
        child processes (see walk_ahead). Started under the journal's lock, so the files seen
        are those the write finds: no other write comes between."""
        from mentorlog import walk_ahead, watching

        head = cache.read_document(root, cls.NAME)
        if head is None:
            # No index: every entry is read to make it. A watcher already running gives the
            # token it is then true at, so the next write need not walk.
            seen = watching.ask(root, None, start=False) if watching.enabled() else None
            return watching.Look(seen, None) if seen is not None else None
        size = head.get("count")
        if not isinstance(size, int) or size < WALK_AHEAD_FROM:
            return None
        look = watching.Look(None, None)
        if watching.enabled():
            look.since = cls._watch_token(root, head)
            look.seen = watching.ask(root, look.since)
            if look.seen is not None and look.seen.changed is not None:
                return look  # no walk
        look.ahead = walk_ahead.WalkAhead(
            root,
            list(cls.folders()),
            True,
            cache.stat_key,
            cache.STAT_SIZE,
            ordered=False,
            ways=walk_ahead.shares() if cls.WALK_SPLITS and size >= WALK_IN_SHARES_FROM else 1,
        )
        return look

    @classmethod
    def _watch_token(cls, root: Path, head: dict[str, Any]) -> str | None:
        """The watcher's token the index was last true at: its delta's, else its own (from
        the heads of both, which are small)."""
        watch = head.get("watch")
        delta = cache.read_document(root, cls.delta_name())
        if delta is not None and delta.get("base") == head.get("token") and "watch" in delta:
            watch = delta["watch"]
        return watch if isinstance(watch, str) else None

    @classmethod
    def _walked(cls, root: Path, ahead: Look | None = None) -> dict[str, bytes]:
        from mentorlog.walk_ahead import walk

        walked: dict[str, bytes] = {}
        for where in cls.folders():
            found = ahead.take(where) if ahead is not None else None
            if found is None:
                walked.update(walk(root, where, True, cache.stat_key, ordered=False))
            else:
                walked.update(zip(*found, strict=True))
        return walked

    @classmethod
    def build(cls, journal: Journal, watch: str | None = None) -> Self:
        """The index made from a whole read of the kind (kept in the cache when it can be);
        `watch`, the watcher's token of a moment before the read (see watching.py)."""
        from mentorlog.journal import by_day

        with cache.collector_paused():
            loaded = journal.read([cls.KIND], packed=cls.PACKED)
            files = {entry.id: [entry.path] for entry in loaded.entries}
            every_entry = len(files) == len(loaded.entries)
            for change in loaded.changes:
                if change.entry in files:
                    files[change.entry].append(change.path)
            problems = bool(loaded.problems)
            records = loaded.records.get(cls.folders()[0], {})
            stats = {relative: record[0] for relative, record in records.items()}
            entries = journal.settle(loaded, [cls.KIND])
            named: list[Entry] = entries.named(cls.KIND)
            listed: list[Entry] = [*named, *entries.deleted]
            if not entries.duplicates or cls.COPIES:
                # Deleted goals among the others, all in the order reports list them (by_day,
                # which the sort keeps for those shown): an entry added later goes in its place
                # (record).
                listed.sort(key=by_day)
            handles = [cls.handle_of(entry) for entry in listed]
        index = cls(
            journal,
            Layered(stats),
            handles,
            Layered(files),
            read_now={e.id: e for e in listed},
            listed=named,
            watch=watch,
        )
        if (
            cache.usable(journal.root)
            and every_entry
            and not problems
            and not _recorded_twice(handles, cls.COPIES)
            and [h.id for h in index.named()] == [e.id for e in named]
        ):
            index.kept = True
            index.save()
        return index


class _NeedsWhole(Exception):
    """What record_unread cannot do from the delta alone."""


def _taken_search(saved: Any, packed: list[str] | None) -> tuple[bytes, array[int]] | None:
    """The search as saved (EntryIndex._search), when it is one for the saved handles."""
    if not (isinstance(saved, tuple) and len(saved) == 2 and packed is not None):
        return None
    offsets = _offsets(saved[0], saved[1], len(packed))
    return (saved[0], offsets) if offsets is not None else None


def _recorded_twice(handles: list[H], copies: bool) -> bool:
    """Whether two entries share an id, or (where the index holds no copies) reports would set
    an entry aside as a copy of another (journal.duplicate_key): the index then leaves the kind
    to a whole read."""
    ids = {h.id for h in handles}
    if len(ids) != len(handles):
        return True
    alike = [h.same_as for h in handles if not h.deleted]
    return not copies and len(set(alike)) != len(alike)


def _fold_stamp() -> tuple[int, int]:
    """The fold's code, as the cache's stamp has the models': handles are what it made."""
    from mentorlog import fold

    found = os.stat(fold.__file__)
    return (found.st_size, found.st_mtime_ns)
