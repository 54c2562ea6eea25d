"""Session lists and one session in full."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.handles import short_id
from mentorlog.model import Session, names_of
from mentorlog.report.rules import is_overdue

if TYPE_CHECKING:
    from mentorlog.report.shapes import DiscussedQuestion, GoalRef, SessionDetail, SessionRow


def session_rows(
    sessions: list[Session], since: date | None, until: date | None
) -> list[SessionRow]:
    chosen = [
        s
        for s in sessions
        if (since is None or s.date >= since) and (until is None or s.date <= until)
    ]
    return [
        {
            "handle": short_id(s.id),
            "id": s.id,
            "date": s.date,
            "mentor": s.mentor,
            "title": s.label,
            "duration": s.duration,
            "topics": s.topics,
            "actions_open": sum(1 for a in s.actions if a.is_open),
            "actions_total": len(s.actions),
            "next": s.next,
            "rating": s.rating,
            "private": s.private,
            "path": s.path,
        }
        for s in chosen
    ]


def session_detail(session: Session, entries: Entries, today: date) -> SessionDetail:
    goals: list[GoalRef] = [
        {"handle": g.handle, "title": g.title, "private": g.private}
        for g in entries.goals
        if session.mentions(names_of(g))
    ]
    known = {ref for g in entries.goals for ref in (g.id, g.slug)}
    private_goals = {g.id for g in entries.goals if g.private}
    goals += [
        {"handle": ref, "title": "(unknown goal)", "private": False}
        for ref in session.goals
        if ref not in known
    ]
    questions: list[DiscussedQuestion] = [
        {"handle": short_id(q.id), "text": q.text, "private": q.private}
        for q in entries.questions
        if q.id in session.discussed or q.session == session.id
    ]
    return {
        "handle": short_id(session.id),
        "id": session.id,
        "date": session.date,
        "mentor": session.mentor,
        "duration": session.duration,
        "title": session.title,
        "topics": session.topics,
        "goals": goals,
        "notes": session.notes,
        "next": session.next,
        "next_at": session.next_at,
        "rating": session.rating,
        "actions": [
            {
                "handle": short_id(a.id),
                "id": a.id,
                "text": a.text,
                "owner": a.owner,
                "goal": a.goal,
                "due": a.due,
                "due_at": a.due_at,
                "done": a.done,
                "dropped": a.dropped,
                "overdue": a.is_open and is_overdue(a.due, a.done, today),
                "private": session.private or a.kept_private or a.goal in private_goals,
                # Every change to the item after the session: edits and a drop.
                "history": [
                    {"date": e.date, "field": e.field, "old": e.old, "new": e.new, "author": e.by}
                    for e in a.history
                ],
            }
            for a in session.actions
        ],
        "questions_discussed": questions,
        # Corrections made since it was written (`session edit`), oldest first.
        "edits": [
            {"date": e.date, "field": e.field, "old": e.old, "new": e.new, "author": e.by}
            for e in session.edits
        ],
        "tags": session.tags,
        "private": session.private,
        "created": session.created,
        "path": session.path,
    }
