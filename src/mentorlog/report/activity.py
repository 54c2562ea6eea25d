"""What happened to entries after they were written: check-ins, milestones reached, status
changes and action items done, each with its date and who recorded it.

These rows sit beside the entries in `timeline` and in the dashboard's recent activity.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.handles import short_id
from mentorlog.model import Change, Edit, Entry, Goal, Part

if TYPE_CHECKING:
    from mentorlog.report.shapes import TimelineRow


def _row(
    kind: str, entry: Entry, day: date, title: str, part: Part, handle: str | None = None
) -> TimelineRow:
    at: datetime = part.at or entry.created
    return {
        "kind": kind,
        "handle": handle or (entry.slug if isinstance(entry, Goal) else short_id(entry.id)),
        "id": entry.id,
        "date": day,
        "title": title,
        "private": entry.private,
        "author": part.by or entry.author,
        "path": part.source or entry.path,
        "tags": entry.tags,
        "_order": (day, at.timestamp(), entry.id),
    }


def events(entries: Entries, since: date | None = None) -> list[TimelineRow]:
    """Every check-in, milestone reached, status change and action done, oldest first (from
    `since` on, when given: the dashboard wants only the latest few)."""
    rows: list[TimelineRow] = []
    floor = since or date.min
    for goal in entries.goals:
        for checkin in goal.checkins:
            if checkin.date < floor:
                continue
            note = f": {checkin.note.strip().splitlines()[0]}" if checkin.note.strip() else ""
            rows.append(
                _row(
                    "check-in",
                    goal,
                    checkin.date,
                    f"{goal.title} at {checkin.progress}%{note}",
                    checkin,
                )
            )
        for milestone in goal.milestones:
            if milestone.done is not None and milestone.done >= floor:
                rows.append(
                    _row(
                        "milestone",
                        goal,
                        milestone.done,
                        f"{goal.title}: reached '{milestone.title}'",
                        milestone,
                    )
                )
        for change in goal.history:
            if change.date < floor:
                continue
            note = f": {change.note.strip().splitlines()[0]}" if change.note.strip() else ""
            rows.append(
                _row("status", goal, change.date, f"{goal.title}: {change.status}{note}", change)
            )
    for session in entries.sessions_closed_since(floor):
        for action in session.actions:
            if action.done is not None:
                if action.done < floor:
                    continue
                rows.append(
                    _row(
                        "action",
                        session,
                        action.done,
                        f"done: {action.text}",
                        action,
                        handle=short_id(action.id),
                    )
                )
            elif action.dropped is not None:
                if action.dropped < floor:
                    continue
                rows.append(
                    _row(
                        "action",
                        session,
                        action.dropped,
                        f"dropped: {action.text}",
                        action.history[-1] if action.history else action,
                        handle=short_id(action.id),
                    )
                )
    rows.sort(key=lambda r: r["_order"])
    return rows


def edit_events(entries: Entries, since: date | None = None) -> list[TimelineRow]:
    """Each correction made to an entry (one row per change: the fields it set)."""
    rows: list[TimelineRow] = []
    floor = since or date.min
    for entry in entries.all():
        by_change: dict[str, list[Edit]] = {}
        for edit in entry.edits:
            if edit.date >= floor and not edit.milestone:
                by_change.setdefault(edit.source or edit.date.isoformat(), []).append(edit)
        for edits in by_change.values():
            fields = ", ".join(dict.fromkeys(e.field for e in edits))
            rows.append(
                _row("edit", entry, edits[0].date, f"{entry.label}: {fields} corrected", edits[0])
            )
    rows.sort(key=lambda r: r["_order"])
    return rows


def entry_order(entry: Entry) -> tuple[date, float, str]:
    """An entry's place among the timeline's rows (an event's is its part's instant, see _row)."""
    return (entry.day, entry.created.timestamp(), entry.id)


def order_key(row: TimelineRow) -> tuple[date, float, str]:
    return row.get("_order") or (row["date"], 0.0, row["id"])


def shown(rows: list[TimelineRow]) -> list[TimelineRow]:
    """The rows without their sort key, as --json shows them. In place: a copy of every row
    would double a long timeline's memory while both live."""
    for row in rows:
        row.pop("_order", None)
    return rows


def shared(entries: Entries) -> bool:
    """A journal is shared once more than one person has written in it."""
    return len(writers(entries)) > 1


def writers(entries: Entries) -> set[str]:
    """Everyone who wrote an entry or a change to one (check-ins, milestones, actions…)."""
    authors = entries.authors().union(*(s.writers for s in entries.summaries.values()))
    # Who set each part (`by`, read as `_by`, which is what it returns), over every goal's
    # parts and every session's items in C: a generator per goal or session cost a tenth of
    # a second at 100,000 entries.
    goal_parts = chain.from_iterable(map(_GOAL_PARTS, entries.goals))
    authors.update(map(_BY, chain.from_iterable(goal_parts)))
    authors.update(map(_BY, chain.from_iterable(map(_ACTIONS, entries.sessions))))
    authors.discard("")  # parts no change has set
    return authors


_BY = attrgetter("_by")
_GOAL_PARTS = attrgetter("checkins", "milestones", "history")
_ACTIONS = attrgetter("actions")


def describe_change(change: Change, target: Entry | None) -> str:
    """One line about a change file (what `sync` says came in)."""
    name = (target.slug if isinstance(target, Goal) else target.label) if target else change.entry
    kind = change.change
    if kind == "checkin":
        return f"{name} at {change.progress}%"
    if kind == "reached" and isinstance(target, Goal):
        milestone = next((m for m in target.milestones if m.id == change.milestone), None)
        return f"{name}: {milestone.title if milestone else change.milestone}"
    if kind == "status":
        return f"{name}: {change.status}"
    if kind == "done" and target is not None:
        action = next((a for a in getattr(target, "actions", []) if a.id == change.action), None)
        return action.text if action else change.action
    if kind == "rename":
        return f"{name} is now {change.slug}"
    if kind in ("add", "conclude", "edit") and change.mentor:
        return change.mentor
    if kind == "milestone":
        return f"{name}: {change.title}"
    return name
