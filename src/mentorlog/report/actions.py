"""Action items across sessions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.handles import short_id
from mentorlog.model import Goal, Session
from mentorlog.report.rules import is_overdue

if TYPE_CHECKING:
    from mentorlog.report.shapes import ActionRow


def action_rows(
    sessions: list[Session],
    today: date,
    include_done: bool,
    private_goals: frozenset[str] = frozenset(),
) -> list[ActionRow]:
    """Action items oldest first (by the session they came from). An item is private when its
    session is, when it was added on the private side, or when its goal (an id in
    `private_goals`) is."""
    rows: list[ActionRow] = []
    # The items kept, then sorted by their session (a stable sort keeps each session's items,
    # and sessions of the same instant, in their order): sorting every session first cost
    # more than the rows at 100,000 entries, where few items are still open.
    kept = [(s, a) for s in sessions for a in s.actions if include_done or a.is_open]
    kept.sort(key=lambda pair: (pair[0].date, pair[0].created))
    for session, action in kept:
        rows.append(
            {
                "handle": short_id(action.id),
                "id": action.id,
                "text": action.text,
                "owner": action.owner,
                "mentor": session.mentor,
                "mentors_promise": bool(action.owner),
                "goal": action.goal,
                "due": action.due,
                "due_at": action.due_at,
                "done": action.done,
                "dropped": action.dropped,
                "overdue": action.is_open and is_overdue(action.due, action.done, today),
                "age_days": (today - session.date).days,
                "session": {
                    "handle": short_id(session.id),
                    "date": session.date,
                    "title": session.label,
                },
                "private": session.private or action.kept_private or action.goal in private_goals,
            }
        )
    return rows


def private_goal_ids(goals: list[Goal]) -> frozenset[str]:
    return frozenset(g.id for g in goals if g.private)


def overdue_first(rows: list[ActionRow]) -> list[ActionRow]:
    return sorted(rows, key=lambda r: not r["overdue"])
