"""Action items across sessions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.handles import short_id
from mentorlog.model import Session
from mentorlog.report.rules import is_overdue

if TYPE_CHECKING:
    from mentorlog.report.shapes import ActionRow


def action_rows(sessions: list[Session], today: date, include_done: bool) -> list[ActionRow]:
    """Action items oldest first (by the session they came from)."""
    rows: list[ActionRow] = []
    for session in sorted(sessions, key=lambda s: (s.date, s.created)):
        for action in session.actions:
            if not action.is_open and not include_done:
                continue
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
                    "done": action.done,
                    "dropped": action.dropped,
                    "overdue": action.is_open and is_overdue(action.due, action.done, today),
                    "age_days": (today - session.date).days,
                    "session": {
                        "handle": short_id(session.id),
                        "date": session.date,
                        "title": session.label,
                    },
                    "private": session.private,
                }
            )
    return rows


def overdue_first(rows: list[ActionRow]) -> list[ActionRow]:
    return sorted(rows, key=lambda r: not r["overdue"])
