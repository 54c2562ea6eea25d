"""The dashboard: where the mentee stands today."""

from __future__ import annotations

from datetime import date
from typing import Any

from mentorlog.handles import short_id
from mentorlog.journal import Entries
from mentorlog.model import JournalConfig, Mentor, Session
from mentorlog.report.actions import action_rows, overdue_first
from mentorlog.report.goals import summary
from mentorlog.report.rules import entry_ref

RECENT = 5


def cadence(mentor: Mentor, sessions: list[Session], today: date) -> dict[str, Any]:
    """Days since the last meeting with this mentor, against the agreed cadence."""
    theirs = [s for s in sessions if s.mentor.casefold() == mentor.name.casefold()]
    last = max((s.date for s in theirs), default=None)
    since = last or mentor.started
    days = (today - since).days
    planned = max((s.next for s in theirs if s.next), default=None)
    return {
        "mentor": mentor.name, "cadence_days": mentor.cadence, "started": mentor.started,
        "ended": mentor.ended, "last_session": last, "days_since": days,
        "overdue": mentor.ended is None and days > mentor.cadence,
        "next_meeting": planned if planned and planned >= (last or planned) else None,
        "sessions": len(theirs),
    }


def status(config: JournalConfig, entries: Entries, today: date) -> dict[str, Any]:
    active = [g for g in entries.goals if g.status == "active"]
    goals = [summary(g, today) for g in active]
    meetings = [cadence(m, entries.sessions, today) for m in config.mentors]
    actions = overdue_first(action_rows(entries.sessions, today, include_done=False))
    questions = [{"handle": short_id(q.id), "id": q.id, "date": q.date, "text": q.text}
                 for q in entries.questions if q.discussed is None]
    recent = sorted(entries.all(), key=lambda e: (e.day, e.created), reverse=True)[:RECENT]
    return {
        "owner": config.owner, "today": today,
        "meetings": meetings, "goals": goals, "actions": actions, "questions": questions,
        "recent": [entry_ref(e) for e in recent],
        "warnings": warnings(meetings, goals, actions),
        "counts": {"goals": len(entries.goals), "sessions": len(entries.sessions),
                   "reflections": len(entries.reflections), "feedback": len(entries.feedback),
                   "questions": len(entries.questions)},
    }


def warnings(meetings: list[dict[str, Any]], goals: list[dict[str, Any]],
             actions: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each problem once, with a one-line suggestion."""
    found = []
    for meeting in meetings:
        if meeting["overdue"]:
            found.append({
                "kind": "cadence",
                "message": f"{meeting['days_since']} days since you met {meeting['mentor']} "
                           f"(agreed: every {meeting['cadence_days']} days).",
                "suggestion": f"Book a meeting with {meeting['mentor']}.",
            })
    for goal in goals:
        if goal["milestones_overdue"]:
            count = goal["milestones_overdue"]
            found.append({
                "kind": "milestone",
                "message": f"{goal['title']}: {count} overdue milestone{'s' * (count > 1)}.",
                "suggestion": f"Reach it, or move its date: `mentorlog goal show "
                              f"{goal['handle']}`.",
            })
        if goal["smart_gaps"]:
            found.append({
                "kind": "smart",
                "message": f"{goal['title']} has no {' or '.join(goal['smart_gaps'])}.",
                "suggestion": f"Make it SMART: `mentorlog goal edit {goal['handle']} "
                              "--measure … --due …`.",
            })
    overdue = [a for a in actions if a["overdue"]]
    if overdue:
        found.append({
            "kind": "actions",
            "message": f"{len(overdue)} action item{'s' * (len(overdue) > 1)} overdue.",
            "suggestion": "Do them or drop them with your mentor: `mentorlog action list`.",
        })
    return found
