"""Case-insensitive search over every text field, with the matching lines and where they match."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from mentorlog import messages
from mentorlog.entries import Entries, by_day
from mentorlog.errors import InputError
from mentorlog.model import ENTRY_KINDS, ActionItem, Entry, Milestone, Part
from mentorlog.report.rules import entry_ref
from mentorlog.report.timeline import Filters, by_kind, select

if TYPE_CHECKING:
    from mentorlog.report.shapes import Hit, Match, Search

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


def _lines(field: str, where: str, text: str, pattern: re.Pattern[str]) -> list[Match]:
    """One row per matching line of one field: the whole line (only a screen cuts it, around
    its first match: render/timeline) and the match spans."""
    found: list[Match] = []
    if pattern.search(text) is None:  # most fields do not match: skip splitting them
        return found
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        spans = [(m.start(), m.end()) for m in pattern.finditer(line)]
        if spans:
            found.append(
                {
                    "field": field,
                    "where": where,
                    "line": number,
                    "text": line,
                    "spans": [[a, b] for a, b in spans],
                    "cut_before": False,
                    "cut_after": False,
                }
            )
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
    matches: list[Match]


def matches(
    entry: Entry, pattern: re.Pattern[str], private_goals: frozenset[str] = frozenset()
) -> list[Found]:
    """The entry's matching lines, those of each dated part (a check-in, a milestone, an
    action item…) apart with its own day and label. `private_goals`: ids of private goals,
    whose action items are private wherever they sit."""
    own: list[Match] = []
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
    lines: list[Match] = []
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


def search(entries_of: Callable[[str], Entries], text: str, filters: Filters) -> Search:
    """Every matching line, oldest first: an entry's own lines under its date, each dated part's
    (a check-in, a milestone, an action item) under that part's own date. Reads one kind at a
    time (`entries_of(kind)`) and keeps only the hits, so a search holds one kind's entries at
    most, not the journal. --since and --until choose by the date a hit is shown with."""
    wanted = text.strip()
    if not wanted:
        raise InputError(messages.EMPTY_SEARCH)
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    found: list[tuple[tuple[Any, ...], Hit]] = []
    kinds = [filters.kind] if filters.kind else ENTRY_KINDS
    undated = replace(filters, since=None, until=None)
    private_goals: frozenset[str] = frozenset()
    order = ["goal", *(k for k in kinds if k != "goal")]  # goals first: whose items are private
    for kind, (entries, goal) in zip(order, by_kind(entries_of, undated, order), strict=True):
        if kind == "goal":
            private_goals = frozenset(g.id for g in entries.goals if g.private)
            if "goal" not in kinds:
                continue
        for entry in select(entries, undated, goal):
            for hit in matches(entry, pattern, private_goals):
                if (filters.since and hit.day < filters.since) or (
                    filters.until and hit.day > filters.until
                ):
                    continue
                ref = {**entry_ref(entry), "date": hit.day, "private": hit.private}
                row: Hit = {**ref, "part": hit.label, "matches": hit.matches}  # type: ignore[typeddict-item]
                found.append(((hit.day, *by_day(entry)), row))
        del entries  # before the next kind is read
    found.sort(key=lambda pair: pair[0])
    hits = [hit for _, hit in found]
    return {
        "query": wanted,
        "filters": filters.as_dict(),
        "hits": hits,
        "count": sum(len(h["matches"]) for h in hits),
    }
