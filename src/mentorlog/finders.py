"""The entry a write names: a goal by its handle, a session, an action item, a question.

Each finder asks its source for the few entries a handle could name (the index finds them by
their ids and first words; a read of every file gives them all), picks one with the rules of
handles.py, and gets it again from its source as its files say it is now. When a handle names
nothing, the candidates of the error message come from every entry of the kind.
"""

from __future__ import annotations

from typing import Any, Protocol

from mentorlog.errors import HandleError
from mentorlog.handles import find_action, find_entry, find_goal
from mentorlog.model import ActionItem, Goal, Question, Session


class Source(Protocol):
    """What the finders read: the index, or the entries of a whole read."""

    def goal_handles(self) -> list[Any]:
        """Every goal not deleted, as something with a slug, an id, a title and a path."""
        ...

    def taken_slugs(self) -> set[str]: ...

    def named(self, kind: str, wanted: str | None) -> list[Any]:
        """The entries of a kind a handle (stripped, casefolded) may name by its id or first
        words, shown ones first, then second copies; every one when `wanted` is None."""
        ...

    def holding_action(self, wanted: str | None) -> list[Session]:
        """The sessions with an action item such a handle may name (every one for None)."""
        ...

    def latest_session(self) -> Session | None: ...

    def fresh(self, kind: str, path: str) -> Any:
        """The entry of this file as its files say now (read again from them by the index)."""
        ...


class Goals:
    def __init__(self, source: Source) -> None:
        self.source = source

    def find(self, handle: str) -> Goal:
        """The goal a handle names (handles.find_goal), as the journal says it is now."""
        found = find_goal(self.source.goal_handles(), handle)
        goal: Goal = self.source.fresh("goal", found.path)
        return goal

    def taken_slugs(self) -> set[str]:
        """Slugs no new or renamed goal may take: every goal's, deleted ones included (an undone
        delete brings its slug back)."""
        return self.source.taken_slugs()


def _among_few(find: Any, few: list[Any], every: Any, handle: str) -> Any:
    """`find` over the few a handle could name; over every one when it names none of them
    (only then are the close matches of the error message wanted)."""
    try:
        return find(few, handle)
    except HandleError as error:
        if error.ambiguous:
            raise
        return find(every(), handle)


class Sessions:
    def __init__(self, source: Source) -> None:
        self.source = source

    def find(self, handle: str) -> Session:
        wanted = handle.strip().casefold()
        found = _among_few(
            lambda items, h: find_entry(items, h, "session"),
            self.source.named("session", wanted),
            lambda: self.source.named("session", None),
            handle,
        )
        session: Session = self.source.fresh("session", found.path)
        return session

    def find_action(self, handle: str) -> tuple[Session, ActionItem]:
        """The session and action item a handle names (handles.find_action)."""
        wanted = handle.strip().casefold()
        holder, item = _among_few(
            find_action,
            self.source.holding_action(wanted),
            lambda: self.source.holding_action(None),
            handle,
        )
        session: Session = self.source.fresh("session", holder.path)
        action = next((a for a in session.actions if a.id == item.id), None)
        if action is None:  # pragma: no cover - its files changed between two reads
            raise HandleError(f"The action item '{handle}' changed as it was looked up.", [])
        return session, action

    def latest(self) -> Session | None:
        """The latest session (by date, then creation): the one `action add` adds to."""
        found = self.source.latest_session()
        return None if found is None else self.source.fresh("session", found.path)


class Questions:
    def __init__(self, source: Source) -> None:
        self.source = source

    def find(self, handle: str) -> Question:
        wanted = handle.strip().casefold()
        found = _among_few(
            lambda items, h: find_entry(items, h, "question"),
            self.source.named("question", wanted),
            lambda: self.source.named("question", None),
            handle,
        )
        question: Question = self.source.fresh("question", found.path)
        return question
