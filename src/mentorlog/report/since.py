"""`since`: what happened in the journal after the last session (or since a day), grouped by
goal, the most important first. Read from the entries and their changes, never from git's
history, so it works in any clone and in a journal outside git."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from mentorlog import messages
from mentorlog.entries import Entries
from mentorlog.errors import InputError
from mentorlog.handles import short_id
from mentorlog.model import Entry, Goal, JournalConfig, Part, Session

if TYPE_CHECKING:
    from mentorlog.report.shapes import Since, SinceGroup, SinceItem, SinceShort

# How much each kind of item matters to a mentor with five minutes: the lower, the earlier.
RANK = {
    "milestone-reached": 0,
    "milestone-slipped": 1,
    "goal-status": 2,
    "goal-added": 3,
    "milestone-moved": 4,
    "milestone-added": 4,
    "goal-edited": 5,
    "check-in": 6,
    "action-done": 7,
    "action-dropped": 7,
    "action-added": 8,
    "feedback": 9,
    "reflection": 10,
    "win": 11,
    "question": 12,
    "review": 13,
    "session": 14,
}

# Kinds of items: what `since` reads (every kind of entry).
READS = ["goal", "session", "reflection", "feedback", "question", "review", "win"]


class Window:
    """After a moment (the last session, recorded at `after`) or from a day on."""

    def __init__(self, day: date, after: datetime | None) -> None:
        self.day = day
        self.after = after

    def holds(self, day: date | None, at: datetime | None = None) -> bool:
        if day is None:
            return False
        if self.after is None:
            return day >= self.day
        if day != self.day:
            return day > self.day
        # The session's own day: what was recorded after the session's notes (`created` is
        # to the second; a change's instant to the microsecond: the same second is the session's).
        return at is not None and at.replace(microsecond=0) > self.after


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def since(
    config: JournalConfig,
    entries: Entries,
    today: date,
    mentor: str | None = None,
    start: date | None = None,
) -> Since:
    """The items, from `start` when given, else after the last session (with `mentor`, the
    last with that mentor; `config` and `entries` are then that relationship's), else since the
    relationship began."""
    held = [s for s in entries.sessions if s.date <= today]
    last: Session | None = max(held, key=lambda s: (s.date, s.created), default=None)
    if start is not None:
        window, start_from = Window(start, None), "date"
    elif last is not None:
        window, start_from = Window(last.date, last.created), "last-session"
    else:
        began = min((m.started for m in config.mentors), default=None)
        if began is None:
            began = min((e.day for e in entries.all()), default=today)
        window, start_from = Window(began, None), "relationship-start"
    goals_by_ref = {ref: g for g in entries.goals for ref in (g.id, g.slug, *g.former_slugs)}
    grouped: dict[str, list[SinceItem]] = {}

    def add(
        kind: str,
        entry: Entry,
        day: date,
        text: str,
        part: Part | None = None,
        goal: Goal | None = None,
        handle: str | None = None,
        private: bool | None = None,
    ) -> None:
        by = (part.by if part is not None else "") or entry.author
        item: SinceItem = {
            "kind": kind,
            "date": day,
            "author": by,
            "text": text,
            "handle": handle or (entry.slug if isinstance(entry, Goal) else short_id(entry.id)),
            "id": entry.id,
            "private": entry.private if private is None else private,
        }
        grouped.setdefault(goal.id if goal else "", []).append(item)

    for goal in entries.goals:
        created = goal.created.date()
        if window.holds(created, goal.created):
            add("goal-added", goal, created, f"Goal set: {goal.title}", goal=goal)
        for change in goal.history:
            if window.holds(change.date, change.at):
                note = f": {_first_line(change.note)}" if change.note.strip() else ""
                add("goal-status", goal, change.date, f"Now {change.status}{note}", change, goal)
        for checkin in goal.checkins:
            if window.holds(checkin.date, checkin.at):
                note = f": {_first_line(checkin.note)}" if checkin.note.strip() else ""
                add("check-in", goal, checkin.date, f"{checkin.progress}%{note}", checkin, goal)
        for milestone in goal.milestones:
            if window.holds(milestone.done, milestone.at):
                add(
                    "milestone-reached",
                    goal,
                    milestone.done or today,
                    f"Reached: {milestone.title}",
                    milestone,
                    goal,
                )
            elif (
                milestone.done is None
                and milestone.due is not None
                and milestone.due < today
                and window.holds(milestone.due)
                and goal.status == "active"
            ):
                add(
                    "milestone-slipped",
                    goal,
                    milestone.due,
                    f"Slipped: {milestone.title} was due {milestone.due.isoformat()}",
                    milestone,
                    goal,
                )
            if (
                milestone.added is not None
                and milestone.added != created
                and window.holds(milestone.added, milestone.at)
                and not window.holds(created, goal.created)
            ):
                add(
                    "milestone-added",
                    goal,
                    milestone.added,
                    f"Milestone added: {milestone.title}",
                    milestone,
                    goal,
                )
        for edit in goal.edits:
            if not window.holds(edit.date, edit.at):
                continue
            if edit.milestone:
                what = (
                    f"Milestone moved: {edit.milestone}, {edit.old or 'no date'} → "
                    f"{edit.new or 'no date'}"
                    if edit.field == "due"
                    else f"Milestone {edit.field}: {edit.old} → {edit.new}"
                )
                add("milestone-moved", goal, edit.date, what, edit, goal)
            else:
                add(
                    "goal-edited",
                    goal,
                    edit.date,
                    f"{edit.field.capitalize()}: {_first_line(edit.old) or '—'} → "
                    f"{_first_line(edit.new) or '—'}",
                    edit,
                    goal,
                )
    # A read of only the open sessions (the agenda's) still has those closed in the window.
    sessions = {s.id: s for s in entries.sessions}
    sessions.update((s.id, s) for s in entries.sessions_closed_since(window.day))
    for session in sessions.values():
        if window.holds(session.date, session.created) and session is not last:
            add("session", session, session.date, f"Session: {session.label}")
        # An item names its goal, else it serves the one goal its session discussed.
        only = goals_by_ref.get(session.goals[0]) if len(session.goals) == 1 else None
        for action in session.actions:
            about = goals_by_ref.get(action.goal) or only
            private = session.private or action.kept_private
            handle = short_id(action.id)
            # An open item's instant is its adding change's (a later change re-stamps it).
            added_at = action.at if action.is_open else None
            if action.added is not None and window.holds(action.added, added_at):
                add("action-added", session, action.added, f"Action added: {action.text}",
                    None, about, handle, private)  # fmt: skip
            if window.holds(action.done, action.at):
                add("action-done", session, action.done or today, f"Done: {action.text}",
                    action, about, handle, private)  # fmt: skip
            elif window.holds(action.dropped):
                add("action-dropped", session, action.dropped or today,
                    f"Dropped: {action.text}", action, about, handle, private)  # fmt: skip
    # Notes dated in the window, each under the goal it names.
    for kind, prefix in (
        ("reflection", "Reflection"),
        ("feedback", "Feedback"),
        ("question", "Question"),
        ("win", "Win"),
    ):
        for note in entries.of_kind(kind):
            if window.holds(note.date, note.created):
                add(kind, note, note.date, f"{prefix}: {note.label}",
                    goal=goals_by_ref.get(note.goal))  # fmt: skip
    for review in entries.reviews:
        if window.holds(review.date, review.created):
            scored = ", ".join(f"{x.category} {x.score}" for x in review.scores)
            add("review", review, review.date, review.label + (f": {scored}" if scored else ""))

    groups: list[SinceGroup] = []
    titles = {g.id: g for g in entries.goals}
    for key, items in grouped.items():
        items.sort(key=lambda i: (RANK[i["kind"]], i["date"], i["id"]))
        about = titles.get(key)
        groups.append(
            {
                "goal": about.slug if about else "",
                "goal_title": about.title if about else "",
                "private": about.private if about else False,
                "items": items,
            }
        )
    groups.sort(
        key=lambda g: (
            g["goal"] == "",  # what belongs to no goal comes last
            RANK[g["items"][0]["kind"]],
            g["goal_title"].casefold(),
        )
    )
    return {
        "owner": config.owner,
        "today": today,
        "mentor": config.mentors[0].name if mentor and config.mentors else mentor,
        "start": window.day,
        "start_from": start_from,
        "last_session": (
            {"handle": short_id(last.id), "date": last.date, "title": last.label}
            if last is not None and start_from == "last-session"
            else None
        ),
        "groups": groups,
        "count": sum(len(g["items"]) for g in groups),
    }


def check_start(start: date | None, today: date) -> None:
    if start is not None and start > today:
        raise InputError(messages.SINCE_IN_FUTURE.format(day=start.isoformat()))


SHORT = 5  # items in the agenda's "Since we last met"


def short(data: Since) -> SinceShort:
    """The most important items of `data`, for the agenda."""
    items = sorted(
        (item for group in data["groups"] for item in group["items"]),
        key=lambda i: (RANK[i["kind"]], i["date"], i["id"]),
    )
    titles = {
        item["id"]: group["goal_title"] for group in data["groups"] for item in group["items"]
    }
    return {
        "start": data["start"],
        "start_from": data["start_from"],
        "items": [{**item, "goal_title": titles.get(item["id"], "")} for item in items[:SHORT]],
        "count": data["count"],
    }
