"""Every entry in date order, filtered by date, goal, kind and tag (shared with search)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mentorlog import messages
from mentorlog.entries import Entries, by_day
from mentorlog.errors import InputError
from mentorlog.handles import find_goal
from mentorlog.kinds import EVENT_KINDS
from mentorlog.model import ENTRY_KINDS, KIND_BY_FOLDER, Entry, Goal, names_of
from mentorlog.report.activity import edit_events, entry_order, events, order_key, shown, writers
from mentorlog.report.rules import entry_ref

if TYPE_CHECKING:
    from mentorlog.report.shapes import FilterValues, Timeline, TimelineRow


@dataclass
class Filters:
    since: date | None = None
    until: date | None = None
    goal: str | None = None
    kind: str | None = None
    tag: str | None = None
    # The timeline also lists events (check-ins, milestones reached…); search reads entries.
    events: bool = False

    def __post_init__(self) -> None:
        """Checked when made, so a bad option fails before the journal is read."""
        if self.since and self.until and self.since > self.until:
            raise InputError(
                messages.BAD_RANGE.format(
                    since=self.since.isoformat(), until=self.until.isoformat()
                )
            )
        if self.kind in KIND_BY_FOLDER:  # "sessions" as well as "session"
            self.kind = KIND_BY_FOLDER[self.kind].kind
        kinds = [*ENTRY_KINDS, *(EVENT_KINDS if self.events else ())]
        if self.kind is not None and self.kind.rstrip("s") in EVENT_KINDS and self.events:
            self.kind = self.kind.rstrip("s")  # "check-ins" as well as "check-in"
        if self.kind is not None and self.kind not in kinds:
            raise InputError(messages.UNKNOWN_KIND.format(kind=self.kind, kinds=", ".join(kinds)))

    def as_dict(self) -> FilterValues:
        return {
            "since": self.since,
            "until": self.until,
            "goal": self.goal,
            "kind": self.kind,
            "tag": self.tag,
        }


# The kinds a timeline from a day on reads in part (Journal.load's `within`): their entries
# of the window, and those a change applies to (a correction is a row on its own day). Goals
# (check-ins, milestones) and sessions (items done) have rows of other days: read whole.
WITHIN = ("reflection", "feedback", "win", "question", "review")


def by_kind(
    entries_of: Callable[[str], Entries], filters: Filters, kinds: Iterable[str] = ENTRY_KINDS
) -> Iterator[tuple[Entries, Goal | None]]:
    """Each kind's entries in turn (`entries_of(kind)`), with the goal a --goal filter names,
    found once before any other kind is read: a report that keeps only its rows holds one
    kind's entries at a time. The goals read to find it are those the goal kind yields, so the
    goal is itself among them. The caller drops each kind's entries before asking for the next."""
    goals: Entries | None = None
    goal: Goal | None = None
    if filters.goal:
        goals = entries_of("goal")
        goal = find_goal(goals.named("goal"), filters.goal)
    for kind in kinds:
        yield (goals if kind == "goal" and goals is not None else entries_of(kind)), goal


def select(entries: Entries, filters: Filters, goal: Goal | None) -> list[Entry]:
    """The entries that pass every filter, oldest first (ties by creation time, then id);
    `goal` is the one a --goal filter names (see by_kind)."""
    tag = filters.tag.casefold().lstrip("#") if filters.tag else None
    if filters.kind in EVENT_KINDS:
        return []
    names = names_of(goal) if goal is not None else set()
    chosen = []
    for entry in entries.of_kind(filters.kind) if filters.kind else entries.all():
        day = entry.day
        if (filters.since and day < filters.since) or (filters.until and day > filters.until):
            continue
        if tag is not None and tag not in (t.casefold() for t in entry.tags):
            continue
        if goal is not None and entry is not goal and not entry.mentions(names):
            continue
        chosen.append(entry)
    chosen.sort(key=by_day)
    return chosen


def timeline(entries_of: Callable[[str], Entries], filters: Filters) -> Timeline:
    """Entries and what happened to them (check-ins, milestones reached…), in date order.

    Reads one kind at a time (`entries_of(kind)`) and keeps only its rows, so a long timeline
    holds one kind's entries at most besides them."""
    rows: list[TimelineRow] = []
    authors: set[str] = set()
    for entries, goal in by_kind(entries_of, filters):
        rows += [
            {
                **entry_ref(entry),
                "tags": entry.tags,
                "_order": entry_order(entry),
            }
            for entry in select(entries, filters, goal)
        ]
        if filters.kind is None or filters.kind in EVENT_KINDS:
            rows += _events(entries, filters, goal)
        authors |= writers(entries)
        del entries  # before the next kind is read
    rows.sort(key=order_key)
    return {
        "filters": filters.as_dict(),
        "entries": shown(rows),
        "shared": len(authors) > 1,
    }


def _events(entries: Entries, filters: Filters, goal: Goal | None) -> list[TimelineRow]:
    tag = filters.tag.casefold().lstrip("#") if filters.tag else None
    # Only with a goal to match: a map of every entry is a few MiB at 10,000 entries.
    by_id = {e.id: e for e in entries.all()} if goal is not None else {}
    names = names_of(goal) if goal is not None else set()
    chosen = []
    # Rows before `since` are never built: at 10,000 entries they were most of the memory.
    for row in [*events(entries, filters.since), *edit_events(entries, filters.since)]:
        day = row["date"]
        if filters.kind not in (None, row["kind"]):
            continue
        if (filters.since and day < filters.since) or (filters.until and day > filters.until):
            continue
        if tag is not None and tag not in (t.casefold() for t in row["tags"]):
            continue
        if goal is not None and (
            (entry := by_id[row["id"]]) is not goal and not entry.mentions(names)
        ):
            continue
        chosen.append(row)
    return chosen
