"""The goal index: finding the one goal a write names without reading every goal (see
entry_index.py, which it shares with the session index).

`goal progress public-speaking 40` must find exactly one goal by slug, id or prefix, and refuse
a handle that names several: that needs every goal's handle, deleted ones too (for the slugs
they hold).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog.entry_index import EntryIndex, microseconds

if TYPE_CHECKING:
    from mentorlog.journal import Journal
    from mentorlog.model import Goal
    from mentorlog.watching import Look


class Handle(NamedTuple):
    """What a handle is matched against, and what tells two goals apart, for one goal."""

    slug: str
    id: str
    title: str
    private: bool
    deleted: bool
    # When the goal was made, in microseconds since 1970 (UTC).
    created: int

    @classmethod
    def of(cls, goal: Goal) -> Handle:
        return cls(
            goal.slug, goal.id, goal.title, goal.private, goal.deleted, microseconds(goal.created)
        )

    @property
    def order(self) -> tuple[int, str]:
        # journal.by_day for a goal: its day is its creation's in UTC, so the day adds nothing.
        return (self.created, self.id)

    @property
    def alike(self) -> str:
        return self.slug

    @property
    def same_as(self) -> tuple[Any, ...]:
        # What journal.duplicate_key compares for goals, with privacy (as journal does).
        return (self.private, self.slug, self.title.strip().casefold())


class GoalIndex(EntryIndex[Handle]):
    NAME = "goal-index"  # no kind's cache file name begins so (see cache._shards)
    KIND = "goal"
    HANDLE = Handle
    ALIKE_FIELDS = ("slug",)

    @classmethod
    def handle_of(cls, entry: Any) -> Handle:
        return Handle.of(entry)

    def find(self, handle: str) -> Goal:
        """The goal a handle names (handles.find_goal), as the journal says it is now."""
        from mentorlog.handles import find_goal

        shown = [h for h in self.handles if not h.deleted]
        found = find_goal(shown, handle)
        goal: Goal = self.now(found.id, lambda index: index.find(handle))
        return goal

    def taken_slugs(self) -> set[str]:
        """Slugs no new or renamed goal may take: every goal's, deleted ones included (an undone
        delete brings its slug back)."""
        return {h.slug for h in self.handles}


NAME = GoalIndex.NAME
DELTA = GoalIndex.delta_name()
FOLDERS = GoalIndex.folders


def read(journal: Journal, ahead: Look | None = None) -> GoalIndex | None:
    return GoalIndex.read(journal, ahead)


def build(journal: Journal) -> GoalIndex:
    return GoalIndex.build(journal)


def walk_soon(root: Path) -> Look | None:
    return GoalIndex.walk_soon(root)
