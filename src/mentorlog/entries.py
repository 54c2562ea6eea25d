"""What a read of the journal gives: every entry as its changes leave it, in the journal's
order, copies set aside, and the files that did not load.

Nothing here reads files: the journal (journal.py) fills an Entries from the index or from the
files themselves, and the reports (report/) read it.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, cast

from mentorlog import kinds

if TYPE_CHECKING:
    from mentorlog.errors import EntryFileError
    from mentorlog.fold import Orphan
    from mentorlog.model import (
        Entry,
        Feedback,
        Goal,
        Question,
        Reflection,
        Review,
        Session,
        Win,
    )

E = TypeVar("E", bound="Entry")


class Duplicate(NamedTuple):
    """An entry recorded twice (most often on two machines before a sync): reports show `kept`."""

    kept: Entry
    others: list[Entry]


class Summary(Protocol):
    """A kind read as a count (Journal.load's `counted`, or `open_only`): what the dashboards
    and `goal show` read of it, without every entry of the kind in memory."""

    count: int
    authors: set[str]
    # Everyone who wrote an entry of the kind or a part of one (a check-in, an item done).
    writers: set[str]
    duplicates: list[Duplicate]

    def latest(self) -> list[Entry]: ...

    def linking(self, names: set[str]) -> list[Entry]: ...

    def meetings(self, today: date) -> dict[str, tuple[int, date | None, date | None]]:
        """Sessions: see Entries.meeting_counts."""
        ...

    def closed_since(self, day: date) -> list[Session]:
        """Sessions with an action item done or dropped on or after `day`."""
        ...

    def held_after(self, day: date, today: date) -> dict[str, int]:
        """Sessions: by mentor as casefolded, how many were held after `day`, by `today`."""
        ...

    def about(self, names: set[str]) -> list[Session]:
        """Sessions that link to any of these names, or hold an item that does."""
        ...

    def last_linked(self) -> dict[str, date]:
        """Sessions: by goal reference, the day of the last session that links to it."""
        ...

    def days(self, since: date) -> dict[date, int]:
        """How many entries of the kind each day from `since` on has."""
        ...


@dataclass
class Entries:
    """Every entry as the journal says it is now (its file, then its changes), and every file
    that did not load.

    A kind read as a count holds only its latest entries in its list; its summary in
    `summaries` has the rest: `count`, `authors` and `linking` read it."""

    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    problems: list[EntryFileError] = field(default_factory=list)
    # Left out of the lists above: second copies of an entry, and deleted goals.
    duplicates: list[Duplicate] = field(default_factory=list)
    deleted: list[Goal] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    # The summaries of kinds read as a count.
    summaries: dict[str, Summary] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Any]:
        lists: dict[str, list[Any]] = {
            "goal": self.goals,
            "session": self.sessions,
            "reflection": self.reflections,
            "feedback": self.feedback,
            "question": self.questions,
            "review": self.reviews,
            "win": self.wins,
        }
        return lists[kind]

    def all(self) -> list[Entry]:
        return [
            *self.goals,
            *self.sessions,
            *self.reflections,
            *self.feedback,
            *self.questions,
            *self.reviews,
            *self.wins,
        ]

    def named(self, kind: str) -> list[Any]:
        """What a handle may name: the entries shown, and the second copies reports hide."""
        hidden = [e for d in self.duplicates for e in d.others if e.kind == kind]
        return [*self.of_kind(kind), *hidden]

    def count(self, kind: str) -> int:
        """How many entries of the kind there are."""
        summary = self.summaries.get(kind)
        return summary.count if summary is not None else len(self.of_kind(kind))

    def authors(self) -> set[str]:
        """Everyone who wrote something here (from `author` fields)."""
        authors = set(map(_AUTHOR, self.all())).union(
            *(summary.authors for summary in self.summaries.values())
        )
        authors.discard("")
        return authors

    def linking(self, kind: str, names: set[str]) -> list[Any]:
        """The entries of the kind that link to any of these names (a goal's, see
        model.names_of), in order."""
        summary = self.summaries.get(kind)
        if summary is not None:
            return summary.linking(names)
        return [entry for entry in self.of_kind(kind) if entry.mentions(names)]

    def meeting_counts(self, today: date) -> dict[str, tuple[int, date | None, date | None]]:
        """By a session's mentor as casefolded: how many sessions were held by `today`, the
        last one held, and the latest next meeting they planned."""
        summary = self.summaries.get("session")
        if summary is not None:
            return summary.meetings(today)
        seen: dict[str, list[Any]] = {}
        for session in self.sessions:
            day = session.date
            if day > today:
                continue
            row = seen.setdefault(session.mentor.casefold(), [0, None, None])
            row[0] += 1
            if row[1] is None or day > row[1]:
                row[1] = day
            upcoming = session.next
            if upcoming and (row[2] is None or upcoming > row[2]):
                row[2] = upcoming
        return {name: (count, last, planned) for name, (count, last, planned) in seen.items()}

    def sessions_held_after(self, day: date, today: date) -> dict[str, int]:
        """By a session's mentor as casefolded: how many sessions were held after `day` and by
        `today`."""
        summary = self.summaries.get("session")
        if summary is not None:
            return summary.held_after(day, today)
        counts: dict[str, int] = {}
        for session in self.sessions:
            if day < session.date <= today:
                name = session.mentor.casefold()
                counts[name] = counts.get(name, 0) + 1
        return counts

    def sessions_closed_since(self, day: date) -> list[Session]:
        """The sessions with an action item done or dropped on or after `day`, in order."""
        summary = self.summaries.get("session")
        if summary is not None:
            return summary.closed_since(day)
        return [
            s
            for s in self.sessions
            if any(d is not None and d >= day for a in s.actions for d in (a.done, a.dropped))
        ]

    def sessions_about(self, names: set[str]) -> list[Session]:
        """The sessions that link to a goal (any of its names) or hold an item that does; every
        session when all are read (the caller looks closer)."""
        summary = self.summaries.get("session")
        return summary.about(names) if summary is not None else self.sessions

    def day_counts(self, kind: str, since: date) -> dict[date, int]:
        """How many entries of the kind each day from `since` on has."""
        summary = self.summaries.get(kind)
        if summary is not None:
            return summary.days(since)
        return dict(Counter(e.day for e in self.of_kind(kind) if e.day >= since))

    def last_discussed(self) -> dict[str, date]:
        """By goal reference, the day of the last session that links to it."""
        summary = self.summaries.get("session")
        if summary is not None:
            return summary.last_linked()
        found: dict[str, date] = {}
        for session in self.sessions:
            for ref in session.goals:
                if ref not in found or session.date > found[ref]:
                    found[ref] = session.date
        return found


# A kind read as a count keeps this many of its latest entries (and any tied with the first of
# them): what the dashboard's recent activity can show of it.
LATEST_KEPT = 20


def by_day(entry: Entry) -> tuple[Any, ...]:
    """The order of entries everywhere: by day, then creation instant, then id."""
    return (entry.day, entry.created, entry.id)


# Entries of a dated kind sort by their `date` (their day), the same order as by_day, read in C.
ORDER: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    kind: operator.attrgetter("date", "created", "id")
    for kind in kinds.ENTRY_KINDS
    if kind != "goal"
}


def order_of(kind: str) -> Callable[[Any], tuple[Any, ...]]:
    return ORDER.get(kind, by_day)


def latest_entries(listed: list[E], kind: str, count: int) -> list[E]:
    """The last `count` of these entries of a kind, in order, and any before them tied with
    the first of those."""
    order = order_of(kind)
    start = max(len(listed) - count, 0)
    while start > 0 and order(listed[start - 1]) == order(listed[start]):
        start -= 1
    return listed[start:]


def duplicate_key(entry: Entry) -> tuple[Any, ...]:
    """What makes two entries the same one recorded twice: everything a person wrote in them,
    not the id, the time it was saved or who saved it. Two goals of one slug with a different
    measure or due date are two goals; a check-in made to one copy leaves it a copy (it is
    what happened to the goal since, not what was written in it)."""
    # By kind name, not isinstance: this module imports no models at start-up.
    kind = entry.kind
    tags = tuple(entry.tags)
    if kind == "review":
        review = cast("Review", entry)
        return (
            review.date,
            review.mentor.casefold(),
            review.session,
            tuple((a.prompt, a.answer.strip()) for a in review.answers),
            tuple((s.category.lower(), s.score) for s in review.scores),
            # A scored review is one side's: the same scores from both sides are two reviews.
            review.author.casefold() if review.scores else "",
            tags,
        )
    if kind == "win":
        win = cast("Win", entry)
        return (win.date, win.text.strip(), win.goal, tags)
    if kind == "goal":
        goal = cast("Goal", entry)
        return (
            goal.slug,
            goal.title.strip(),
            goal.mentor.casefold(),
            goal.what.strip(),
            goal.measure.strip(),
            goal.target.strip(),
            goal.why.strip(),
            goal.due,
            tuple((m.title.strip(), m.due) for m in goal.milestones),
            tags,
        )
    if kind == "session":
        session = cast("Session", entry)
        return (
            session.date,
            session.mentor.casefold(),
            session.title,
            session.duration,
            tuple(session.topics),
            tuple(session.goals),
            session.notes.strip(),
            session.next,
            tuple(session.discussed),
            session.rating,
            tuple((a.text, a.owner, a.due, a.goal) for a in session.actions),
            tags,
        )
    if kind == "reflection":
        reflection = cast("Reflection", entry)
        return (
            reflection.date,
            reflection.text.strip(),
            tuple((a.prompt, a.answer.strip()) for a in reflection.answers),
            reflection.goal,
            reflection.session,
            tags,
        )
    if kind == "feedback":
        feedback = cast("Feedback", entry)
        return (
            feedback.date,
            feedback.direction,
            feedback.from_,
            feedback.to,
            feedback.situation,
            feedback.behaviour,
            feedback.impact,
            feedback.text.strip(),
            tuple(feedback.strengths),
            tuple(feedback.improvements),
            feedback.goal,
            feedback.session,
            tags,
        )
    if kind == "question":
        question = cast("Question", entry)
        return (question.date, question.text.strip(), question.goal, question.mentor, tags)
    return (entry.id,)


# Part of duplicate_key, read in C: fields it compares as they are (equal keys have equal first
# keys). A day alone would leave every entry of a busy day to be compared in full.
_FIRST_KEY: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    **{kind: operator.attrgetter("private", "date") for kind in kinds.ENTRY_KINDS},
    "goal": operator.attrgetter("private", "slug"),
    "session": operator.attrgetter("private", "date", "title"),
    "feedback": operator.attrgetter("private", "date", "situation", "behaviour", "impact"),
}

_AUTHOR = operator.attrgetter("author")


def set_aside_duplicates(entries: Entries, kind: str) -> None:
    """Keep the first of each set of copies in the kind's list; the others go to
    `entries.duplicates`. Goals left sharing a slug are marked (see Goal.handle)."""
    items = entries.of_kind(kind)
    _set_aside(entries, kind, items)
    if kind == "goal":
        _mark_shared_slugs(items)


def _mark_shared_slugs(goals: list[Any]) -> None:
    """Goals that are not copies yet share a slug: each shows its short id as its handle."""
    slugs = Counter(goal.slug for goal in goals)
    for goal in goals:
        goal._slug_shared = slugs[goal.slug] > 1


def _set_aside(entries: Entries, kind: str, items: list[Any]) -> None:
    # Two copies share their first key part (a day, a goal's slug): the whole key, every word
    # written, is built only for entries that share it with another.
    first = list(map(_FIRST_KEY[kind], items))
    counts = Counter(first)
    if len(counts) == len(first):
        return
    alike = [entry for entry, key in zip(items, first, strict=True) if counts[key] > 1]
    groups: dict[tuple[Any, ...], list[Entry]] = {}
    for entry in alike:
        groups.setdefault((entry.private, *duplicate_key(entry)), []).append(entry)
    repeated = [group for group in groups.values() if len(group) > 1]
    if not repeated:
        return
    hidden = {id(e) for group in repeated for e in group[1:]}
    items[:] = [e for e in items if id(e) not in hidden]
    entries.duplicates += [Duplicate(group[0], group[1:]) for group in repeated]


# --- what the index keeps of an entry besides its data (index/refresh.py) ---


def index_facts(entry: Entry) -> tuple[str, str | None, int, str | None]:
    """What the dashboards ask of an entry without reading it: a session's mentor, next
    meeting, whether it has an open item and when one was last closed; whether a question is
    still open."""
    if entry.kind == "session":
        session = cast("Session", entry)
        closed = [d for a in session.actions for d in (a.done, a.dropped) if d is not None]
        return (
            session.mentor.casefold(),
            session.next.isoformat() if session.next else None,
            int(any(a.is_open for a in session.actions)),
            max(closed).isoformat() if closed else None,
        )
    if entry.kind == "question":
        return ("", None, int(cast("Question", entry).discussed is None), None)
    return ("", None, 0, None)


def writers_of(entry: Entry) -> set[str]:
    """Everyone who wrote the entry or a part of it (see report.activity.writers)."""
    names = {entry.author}
    if entry.kind == "goal":
        goal = cast("Goal", entry)
        names.update(
            p.by for parts in (goal.checkins, goal.milestones, goal.history) for p in parts
        )
    elif entry.kind == "session":
        names.update(a.by for a in cast("Session", entry).actions)
    names.discard("")
    return names


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
    elif hasattr(value, "fields"):  # a part: an answer, an action item, a milestone
        for item in (*value.fields().values(), *value.extra.values()):
            yield from _strings(item)
