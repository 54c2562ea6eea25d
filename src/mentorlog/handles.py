"""Turning what a person typed (a slug, an id prefix) into exactly one entry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol, TypeVar

from mentorlog import messages, store
from mentorlog.errors import HandleError
from mentorlog.model import ActionItem, Entry, Goal, Mentor, Milestone, Session

T = TypeVar("T")
MAX_LISTED = 8


def short_id(identifier: str) -> str:
    return identifier[: store.SHORT_ID]


def handle_of(entry: Entry) -> str:
    """What lists show and commands accept: a goal's slug, else the short id."""
    return entry.handle if isinstance(entry, Goal) else short_id(entry.id)


def _pick(
    items: Sequence[T],
    handle: str,
    kind: str,
    keys: list[Callable[[T], str]],
    describe: Callable[[T], str],
    names: Callable[[T], list[str]],
) -> T:
    """Try each way of matching in turn: the first that finds anything decides."""
    wanted = handle.strip().casefold()
    if not wanted:
        raise HandleError(messages.UNKNOWN_HANDLE.format(kind=kind, handle=handle), [])
    for match in keys:
        found = [item for item in items if match(item) == wanted] if match is not None else []
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise HandleError(
                messages.AMBIGUOUS_HANDLE.format(handle=handle, kind=kind),
                [describe(item) for item in found[:MAX_LISTED]],
                ambiguous=True,
            )
    prefixed = [item for item in items if any(n.startswith(wanted) for n in names(item))]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise HandleError(
            messages.AMBIGUOUS_HANDLE.format(handle=handle, kind=kind),
            [describe(item) for item in prefixed[:MAX_LISTED]],
            ambiguous=True,
        )
    all_names = {n: item for item in items for n in names(item)}
    import difflib  # only a handle that matches nothing needs it

    close = difflib.get_close_matches(wanted, list(all_names), n=5, cutoff=0.5)
    raise HandleError(
        messages.UNKNOWN_HANDLE.format(kind=kind, handle=handle),
        list(dict.fromkeys(describe(all_names[name]) for name in close)),
    )


class GoalLike(Protocol):
    """What finding a goal reads: a goal, or its handle in the goal index."""

    @property
    def slug(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


G = TypeVar("G", bound=GoalLike)


def find_goal(goals: Sequence[G], handle: str) -> G:
    """By exact slug, then exact id, then a unique prefix of a slug or an id."""
    return _pick(
        goals,
        handle,
        "goal",
        [lambda g: g.slug, lambda g: g.id],
        lambda g: f"{g.slug} ({short_id(g.id)}): {g.title}",
        lambda g: [g.slug, g.id],
    )


class EntryLike(Protocol):
    """What finding an entry reads: an entry, or its handle in an index."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def label(self) -> str: ...


N = TypeVar("N", bound=EntryLike)


def find_entry(entries: Sequence[N], handle: str, kind: str) -> N:
    """Any entry by its id or a unique prefix of it (and a goal also by its slug)."""

    def names(entry: N) -> list[str]:
        if isinstance(entry, Goal):
            return [entry.slug, entry.id]
        if entry.kind == "question":  # a question is easier to name by its first words
            return [entry.id, entry.label.casefold()]
        return [entry.id]

    return _pick(
        entries,
        handle,
        kind,
        [lambda e: e.id],
        lambda e: f"{_handle_of(e)}  {e.day.isoformat()}  {e.label}",
        names,
    )


def _handle_of(entry: EntryLike) -> str:
    return entry.handle if isinstance(entry, Goal) else short_id(entry.id)


def find_mentor(mentors: Sequence[Mentor], handle: str) -> Mentor:
    """A relationship by its full name, else by a unique beginning of the name or of one of its
    words (any case): `alex` and `chen` both name "Alex Chen"."""

    def names(mentor: Mentor) -> list[str]:
        full = mentor.name.casefold()
        return [full, *full.split()]

    def describe(mentor: Mentor) -> str:
        return mentor.name + (f" (concluded {mentor.ended.isoformat()})" if mentor.ended else "")

    try:
        return _pick(mentors, handle, "mentor", [lambda m: m.name.casefold()], describe, names)
    except HandleError as error:
        if error.ambiguous:
            raise HandleError(
                messages.AMBIGUOUS_MENTOR.format(handle=handle), error.candidates, ambiguous=True
            ) from None
        known = ", ".join(m.name for m in mentors) or "none yet"
        raise HandleError(
            messages.UNKNOWN_MENTOR.format(name=handle, known=known), error.candidates
        ) from None


def may_name(identifier: str, words: str, wanted: str) -> bool:
    """Whether an entry or item of this id and these words could be the one a handle
    (stripped and casefolded: `wanted`) names: what _pick's prefix match looks at, for the
    indexes, which look among those alone first."""
    return identifier.startswith(wanted) or words.casefold().startswith(wanted)


def find_action(sessions: Sequence[Session], handle: str) -> tuple[Session, ActionItem]:
    pairs = [(session, action) for session in sessions for action in session.actions]
    session, action = _pick(
        pairs,
        handle,
        "action item",
        [lambda p: p[1].id],
        lambda p: f"{short_id(p[1].id)}  {p[1].text}",
        lambda p: [p[1].id, p[1].text.casefold()],
    )
    return session, action


def find_milestone(goal: Goal, handle: str) -> int:
    """A milestone's index, by its number (1-based) or a prefix of its title."""
    text = handle.strip()
    if not text:
        from mentorlog.errors import InputError

        raise InputError(messages.EMPTY_MILESTONE)
    if text.isascii() and text.isdigit():
        number = int(text)
        if 1 <= number <= len(goal.milestones):
            return number - 1
    else:
        lowered = text.casefold()
        exact = [i for i, m in enumerate(goal.milestones) if m.title.casefold() == lowered]
        found = exact or [
            i for i, m in enumerate(goal.milestones) if m.title.casefold().startswith(lowered)
        ]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise HandleError(
                messages.AMBIGUOUS_MILESTONE.format(
                    handle=handle,
                    goal=goal.slug,
                    names=", ".join(_milestone_name(goal.milestones, i) for i in found),
                ),
                [_milestone_name(goal.milestones, i) for i in found],
                ambiguous=True,
            )
    raise HandleError(
        messages.NO_MILESTONE.format(goal=goal.slug, handle=handle, count=len(goal.milestones)),
        [_milestone_name(goal.milestones, i) for i in range(len(goal.milestones))],
    )


def _milestone_name(milestones: list[Milestone], index: int) -> str:
    return f"{index + 1}. {milestones[index].title}"
