"""Case-insensitive search over every text field, with the matching lines and where they match."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from mentorlog import messages
from mentorlog.entries import Entries, by_day
from mentorlog.errors import InputError
from mentorlog.model import ENTRY_KINDS, Entry, Part
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


def matches(entry: Entry, pattern: re.Pattern[str]) -> list[Match]:
    """One row per matching line: field, line number, the (cut) line and the match spans."""
    found: list[Match] = []
    for field, text in text_fields(entry):
        if pattern.search(text) is None:  # most fields do not match: skip splitting them
            continue
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            spans = [(m.start(), m.end()) for m in pattern.finditer(line)]
            if not spans:
                continue
            # The whole line: only a screen cuts it, around its first match (render/timeline).
            found.append(
                {
                    "field": field,
                    "line": number,
                    "text": line,
                    "spans": [[a, b] for a, b in spans],
                    "cut_before": False,
                    "cut_after": False,
                }
            )
    return found


def search(entries_of: Callable[[str], Entries], text: str, filters: Filters) -> Search:
    """Every matching line, entries oldest first. Reads one kind at a time (`entries_of(kind)`)
    and keeps only the hits, so a search holds one kind's entries at most, not the journal."""
    wanted = text.strip()
    if not wanted:
        raise InputError(messages.EMPTY_SEARCH)
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    found: list[tuple[tuple[Any, ...], Hit]] = []
    kinds = [filters.kind] if filters.kind else ENTRY_KINDS
    for entries, goal in by_kind(entries_of, filters, kinds):
        for entry in select(entries, filters, goal):
            lines = matches(entry, pattern)
            if lines:
                found.append((by_day(entry), {**entry_ref(entry), "matches": lines}))
        del entries  # before the next kind is read
    found.sort(key=lambda pair: pair[0])
    hits = [hit for _, hit in found]
    return {
        "query": wanted,
        "filters": filters.as_dict(),
        "hits": hits,
        "count": sum(len(h["matches"]) for h in hits),
    }
