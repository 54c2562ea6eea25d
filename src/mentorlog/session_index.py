"""The session index: the latest session, a session by its id, an action item by its handle,
for a write, without reading every session (see entry_index.py, which it shares with the goal
index).

`action add` puts its item in the latest session, and `action done 3fk2` must find exactly one
item among every session's: both need every session's day and items. Reading every session
for it made `action add` six times slower at 100,000 entries than at 100. The index keeps, for
each session, its day, creation instant, privacy, items (id and words) and a digest of what
tells copies apart; the session itself is read (or taken as kept) only once it is found.

`session add` does not read the index (it needs no other session): its new session goes to
the index's delta alone (EntryIndex.record_unread), so it takes the same time at any size.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from mentorlog.entry_index import EntryIndex, microseconds
from mentorlog.errors import EntryFileError, HandleError

if TYPE_CHECKING:
    from mentorlog.model import ActionItem, Session


class Item(NamedTuple):
    """An action item as a handle names it."""

    id: str
    text: str


class Handle(NamedTuple):
    """What the index keeps of one session."""

    id: str
    # The session's date, as an ordinal (date.toordinal): a date each cost more to save.
    ordinal: int
    # When it was made, in microseconds since 1970 (UTC).
    created: int
    private: bool
    # Its action items, each (id, words), in its order.
    actions: tuple[tuple[str, str], ...]
    # A digest of what journal.duplicate_key compares, with privacy: equal for copies (and,
    # very seldom, for two sessions that are not, which then only leaves no index).
    same: bytes

    @classmethod
    def of(cls, session: Session) -> Handle:
        return cls(
            session.id,
            session.date.toordinal(),
            microseconds(session.created),
            session.private,
            tuple((a.id, a.text) for a in session.actions),
            _digest(session),
        )

    @property
    def kind(self) -> str:
        return "session"

    @property
    def deleted(self) -> bool:
        return False  # sessions are never deleted (only goals are)

    @property
    def day(self) -> date:
        return date.fromordinal(self.ordinal)

    @property
    def label(self) -> str:
        # Not kept: a handle that names no one session is looked up again in every session,
        # whose error message has the labels (SessionIndex.find).
        return ""

    @property
    def order(self) -> tuple[int, int, str]:
        # journal.by_day for a session: its date, then its creation instant, then its id.
        return (self.ordinal, self.created, self.id)

    @property
    def alike(self) -> bytes:
        return self.same

    @property
    def same_as(self) -> bytes:
        return self.same


def _digest(session: Session) -> bytes:
    """journal.duplicate_key for a session, with privacy, as one digest; the notes by their
    packed digest (model.Part.packed_digest), which needs no unpacking."""
    key = (
        session.private,
        session.date.toordinal(),
        session.mentor.casefold(),
        session.title,
        tuple(session.topics),
        tuple(a.text for a in session.actions),
        session.packed_digest(),
    )
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


class SessionIndex(EntryIndex[Handle]):
    NAME = "session-index"  # no kind's cache file name begins so (see cache._shards)
    KIND = "session"
    HANDLE = Handle
    ALIKE_FIELDS = ("same",)
    # A session's notes stay packed in a whole read: a write reads them only from its files.
    PACKED = True
    WALK_SPLITS = True
    # `session add` run twice with the same notes records a session twice: it is kept, and
    # named last, as a whole read names it.
    COPIES = True
    PACKED_FIELD = "actions"

    @classmethod
    def handle_of(cls, entry: Any) -> Handle:
        return Handle.of(entry)

    @classmethod
    def words_of(cls, value: Any) -> list[str] | None:
        # What handles.may_name compares a handle with: each item's id, and its words
        # casefolded.
        return [word for item_id, text in value for word in (item_id, text.casefold())]

    def latest(self) -> Session | None:
        """The latest session (by date, then creation): the one `action add` adds to."""
        if self.listed is not None:
            sessions: list[Session] = self.listed  # type: ignore[assignment]
            return max(sessions, key=lambda s: (s.date, s.created.timestamp()), default=None)
        if not self.handles:
            return None
        # The first of the last date and instant in the journal's order, as max() over it
        # picks: the last handle, unless another shares its date and instant.
        last = self.handles[-1]
        tied = [h for h in self.handles[-2:] if (h.ordinal, h.created) == last[1:3]]
        if len(tied) > 1:
            # Copies share their day: the last day's handles, named among themselves, are in
            # the order every handle named would put them.
            start = len(self.handles) - 1
            while start and self.handles[start - 1].ordinal == last.ordinal:
                start -= 1
            day = self.named(self.handles[start:])
            last = next(h for h in day if (h.ordinal, h.created) == last[1:3])
        found = last
        session: Session = self.now(found.id, lambda index: index.latest())
        return session

    def find(self, handle: str) -> Session:
        """The session a handle names (handles.find_entry)."""
        from mentorlog.handles import find_entry

        if self.listed is not None:
            return find_entry(self.listed, handle, "session")  # type: ignore[return-value]
        try:
            found = find_entry(self.handles, handle, "session")
        except HandleError:
            # Its message describes sessions by their labels, which the index does not keep.
            return self.whole().find(handle)
        session: Session = self.now(found.id, lambda index: index.find(handle))
        return session

    def _find_among_few(
        self, handle: str, wanted: str, read: dict[str, Session]
    ) -> tuple[Any, Any] | None:
        """find_action among the few sessions with an item a handle could name, found by the
        search the index keeps, their items read from their files (unpacking 80,000 items and
        looking at each took 0.1 s), each kept in `read`; None when the search cannot say,
        finds many, or the handle names no item or several among them (the error is then
        every session's)."""
        from mentorlog.handles import find_action, may_name

        saved = self.saved_named_by(wanted)
        if saved is None:
            return None
        candidates: list[Handle] = []
        for session in self.handles:
            items = session.actions
            if items is None:
                if session.id in saved:
                    candidates.append(session)
            elif any(may_name(pair[0], pair[1], wanted) for pair in items):
                candidates.append(session)
            if len(candidates) > FEW:
                return None
        items_of = {}
        for session in candidates:
            if session.actions is not None:
                items_of[session.id] = session.actions
                continue
            read[session.id] = cast("Session", self.entry(session.id))
            items_of[session.id] = tuple((a.id, a.text) for a in read[session.id].actions)
        try:
            found: tuple[Any, Any] = find_action(_holders(candidates, items_of), handle)
        except HandleError:
            return None
        return found

    def find_action(self, handle: str) -> tuple[Session, ActionItem]:
        """The session and action item a handle names (handles.find_action)."""
        from mentorlog.handles import find_action, may_name

        if self.listed is not None:
            return find_action(self.listed, handle)  # type: ignore[arg-type]
        wanted = handle.strip().casefold()
        # The sessions read to find it, taken as they are after (not read again).
        read: dict[str, Session] = {}
        try:
            found: tuple[Any, Any] | None = self._find_among_few(handle, wanted, read)
        except (OSError, EntryFileError):  # its files changed since the index was checked
            return self.whole().find_action(handle)
        if found is None:
            values = self.field_values()  # first: a damaged index is made again here
            items = dict(zip(self._ids(), values, strict=True))
            found = self.pick(
                lambda handles: find_action(_holders(handles, items), handle),
                lambda session: any(
                    may_name(pair[0], pair[1], wanted) for pair in items[session.id]
                ),
            )
        holder, item = found
        try:
            session = read.get(holder.id) or cast("Session", self.entry(holder.id))
            action = next((a for a in session.actions if a.id == item.id), None)
        except (OSError, EntryFileError):
            action = None
        if action is None:  # its files changed since the index was checked
            return self.whole().find_action(handle)
        return session, action


# Up to this many sessions whose items a handle could name are read from their files (the
# search found them: see EntryIndex.saved_named_by); past it every item is unpacked.
FEW = 32


def _holders(handles: list[Handle], items: dict[str, Any]) -> list[Session]:
    """The sessions as find_action reads them, each with its items (`items`, by id: the
    handles may not hold them, see EntryIndex.field_values)."""
    return cast(
        "list[Session]", [_Holder(h.id, [Item(*pair) for pair in items[h.id]]) for h in handles]
    )


class _Holder(NamedTuple):
    """A session as handles.find_action reads it: its id and its items."""

    id: str
    actions: list[Item]
