"""Case-insensitive search over every text field, with the matching lines and where they match."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import messages
from mentorlog.entries import Entries, by_day
from mentorlog.errors import InputError
from mentorlog.handles import find_goal, handle_of
from mentorlog.model import ENTRY_KINDS, ActionItem, Entry, Milestone, Part
from mentorlog.report.timeline import Filters, select

if TYPE_CHECKING:
    from mentorlog.report.shapes import Hit, Search

# Fields that hold ids, links, dates or fixed words rather than a person's text.
NOT_TEXT = frozenset(
    {
        "id",
        "slug",
        "created",
        "private",
        "status",
        "direction",
        "goal",
        "goals",
        "session",
        "discussed",
        "date",
        "due",
        "done",
        "added",
        "next",
        "progress",
        "duration",
    }
)


# The parts of an entry with a date of their own, and what a person calls each.
PARTS = {
    "checkins": "check-in",
    "milestones": "milestone",
    "actions": "action item",
    "history": "status change",
    "answers": "answer",
}
# A list item of text, named for one of its kind.
LIST_ITEMS = {
    "strengths": "strength",
    "improvements": "area to improve",
    "topics": "topic",
    "tags": "tag",
}
# The field that is a part's own words (its matches are named by the part alone).
MAIN_TEXT = {"check-in": "note", "milestone": "title", "action item": "text", "answer": "answer"}


def text_fields(part: Part, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every string in an entry, nested tables and lists included."""
    values = {**part.fields(), **part.extra}
    for name, value in values.items():
        if name in NOT_TEXT or value is None:
            continue
        key = part._aliases.get(name, name)
        path = f"{prefix}{key}"
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, Part):
            yield from text_fields(value, f"{path}.")
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                if isinstance(item, str):
                    yield f"{path}[{index}]", item
                elif isinstance(item, Part):
                    yield from text_fields(item, f"{path}[{index}].")


class Line(NamedTuple):
    """One matching line of one field, kept compact until it is shown (see _hits)."""

    field: str
    where: str
    number: int
    text: str  # the whole line: only a screen cuts it, around its first match (render/timeline)
    spans: tuple[tuple[int, int], ...]


def _lines(field: str, where: str, text: str, pattern: re.Pattern[str]) -> list[Line]:
    """One row per matching line of one field, with its match spans."""
    found: list[Line] = []
    if pattern.search(text) is None:  # most fields do not match: skip splitting them
        return found
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        spans = tuple(m.span() for m in pattern.finditer(line))
        if spans:
            found.append(Line(field, where, number, line, spans))
    return found


def _field_label(key: str) -> str:
    return LIST_ITEMS.get(key, key.replace("_", " "))


def _part_day(entry: Entry, part: Part) -> date:
    """The day a part is about: a check-in's or status change's date, a milestone's day
    reached (else due, else added); an action item's session, an answer's entry."""
    if isinstance(part, Milestone):
        return part.done or part.due or part.added or entry.day
    found = getattr(part, "date", None)
    return found if isinstance(found, date) else entry.day


@dataclass
class Found:
    """The matches of one entry, or of one dated part of it, as one hit."""

    day: date
    label: str
    private: bool
    matches: list[Line]


def matches(
    entry: Entry, pattern: re.Pattern[str], private_goals: frozenset[str] = frozenset()
) -> list[Found]:
    """The entry's matching lines, those of each dated part (a check-in, a milestone, an
    action item…) apart with its own day and label. `private_goals`: ids of private goals,
    whose action items are private wherever they sit."""
    own: list[Line] = []
    parts: list[Found] = []
    values = {**entry.fields(), **entry.extra}
    for name, value in values.items():
        if name in NOT_TEXT or value is None:
            continue
        key = entry._aliases.get(name, name)
        if isinstance(value, str):
            own += _lines(key, _field_label(key), value, pattern)
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                path = f"{key}[{index}]"
                if isinstance(item, str):
                    own += _lines(path, _field_label(key), item, pattern)
                elif isinstance(item, Part):
                    parts += _part_matches(entry, key, path, item, pattern, private_goals)
        elif isinstance(value, Part):
            for field, text in text_fields(value, f"{key}."):
                own += _lines(field, field.replace("_", " "), text, pattern)
    found = [Found(entry.day, "", entry.private, own)] if own else []
    return found + parts


def _part_matches(
    entry: Entry,
    key: str,
    path: str,
    part: Part,
    pattern: re.Pattern[str],
    private_goals: frozenset[str],
) -> list[Found]:
    label = PARTS.get(key, key.rstrip("s").replace("_", " "))
    if isinstance(part, Milestone) and part.removed:
        return []
    lines: list[Line] = []
    for field, text in text_fields(part, f"{path}."):
        name = field.rsplit(".", 1)[-1]
        if label == "answer" and name == "prompt":
            continue  # mentorlog's own words
        where = label if name == MAIN_TEXT.get(label) else f"{label} {_field_label(name)}"
        if label == "answer" and isinstance(getattr(part, "prompt", None), str):
            where = f"answer to '{part.prompt}'"  # type: ignore[attr-defined]
        lines += _lines(field, where, text, pattern)
    if not lines:
        return []
    private = entry.private or (
        isinstance(part, ActionItem) and (part.kept_private or part.goal in private_goals)
    )
    return [Found(_part_day(entry, part), label, private, lines)]


class _Hit(NamedTuple):
    """A hit as the search keeps it: 10,000 of them as dicts were a third of a search's
    memory. The entry's own values (`ref`: kind, handle, id, title, author, path) are one
    tuple, shared by the entry's hits."""

    day: date
    place: tuple[Any, ...]  # its entry's, in the journal's order (entries.by_day): ties on a day
    ref: tuple[str, str, str, str, str, str]
    private: bool
    label: str
    lines: tuple[Line, ...]


def search(parts_of: Callable[[str], Iterable[Entries]], text: str, filters: Filters) -> Search:
    """Every matching line, oldest first: an entry's own lines under its date, each dated part's
    (a check-in, a milestone, an action item) under that part's own date. Reads each kind in
    parts (`parts_of(kind)`: goals whole, first) and keeps only the hits, so a search holds one
    part's entries at most, not the journal; its hits are made into the document's rows one at
    a time, as they are written (`hits` is an iterator). --since and --until choose by the date
    a hit is shown with."""
    wanted = text.strip()
    if not wanted:
        raise InputError(messages.EMPTY_SEARCH)
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    found: list[_Hit] = []
    kinds = [filters.kind] if filters.kind else ENTRY_KINDS
    undated = replace(filters, since=None, until=None)
    (goals,) = parts_of("goal")  # first, and whole: the one --goal names, and the private ones
    goal = find_goal(goals.named("goal"), filters.goal) if filters.goal else None
    private_goals = frozenset(g.id for g in goals.goals if g.private)
    if "goal" in kinds:
        found += _found(select(goals, undated, goal), pattern, private_goals, filters)
    del goals  # looked through
    for kind in [k for k in kinds if k != "goal"]:
        for entries in parts_of(kind):
            found += _found(select(entries, undated, goal), pattern, private_goals, filters)
            del entries  # before the next part is read
    found.sort(key=_ORDER)
    return {
        "query": wanted,
        "filters": filters.as_dict(),
        # The document's list, made a row at a time as it is written (see output.emit_json).
        "hits": _hits(found),  # type: ignore[typeddict-item]
        "count": sum(len(hit.lines) for hit in found),
    }


_ORDER = operator.attrgetter("day", "place")


def _found(
    entries: list[Entry], pattern: re.Pattern[str], private_goals: frozenset[str], filters: Filters
) -> Iterator[_Hit]:
    """The hits of these entries, dated from --since to --until."""
    for entry in entries:
        ref: tuple[str, str, str, str, str, str] | None = None
        for hit in matches(entry, pattern, private_goals):
            if (filters.since and hit.day < filters.since) or (
                filters.until and hit.day > filters.until
            ):
                continue
            if ref is None:
                ref = (
                    entry.kind,
                    handle_of(entry),
                    entry.id,
                    entry.label,
                    entry.author,
                    entry.path,
                )
                place = by_day(entry)
            yield _Hit(hit.day, place, ref, hit.private, hit.label, (*hit.matches,))


def _hits(found: list[_Hit]) -> Iterator[Hit]:
    """The hits as the document's rows, each made as it is asked for, and let go."""
    found.reverse()  # popped from the end: each hit goes as its row is made
    while found:
        hit = found.pop()
        kind, handle, ident, title, author, path = hit.ref
        yield {
            "kind": kind,
            "handle": handle,
            "id": ident,
            "date": hit.day,
            "title": title,
            "private": hit.private,
            "author": author,
            "path": path,
            "part": hit.label,
            "matches": [
                {
                    "field": line.field,
                    "where": line.where,
                    "line": line.number,
                    "text": line.text,
                    "spans": [list(span) for span in line.spans],
                    "cut_before": False,
                    "cut_after": False,
                }
                for line in hit.lines
            ],
        }
