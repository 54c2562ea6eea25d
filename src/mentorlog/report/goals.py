"""Goal lists and a goal's whole history (the mentor's review)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.handles import short_id
from mentorlog.model import Feedback, Goal, Mentor, Question, Reflection, Session, names_of
from mentorlog.report.activity import shared
from mentorlog.report.rules import (
    actions_about,
    agreement,
    entry_ref,
    feedback_side,
    governing,
    is_overdue,
)

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        CheckInRow,
        GoalAction,
        GoalHistory,
        GoalSummary,
        LinkedDetail,
        LinkedEntry,
        NextMilestone,
    )


# Kinds `goal show` reads as a count where the index can (see Journal.load): of those it
# shows only the entries linked to the goal, and who wrote them all.
COUNTED = ("session", "reflection", "feedback", "question", "review", "win")


def next_milestone(goal: Goal) -> NextMilestone | None:
    """The first milestone not reached: soonest due first, undated ones after, in file order."""
    pending = [(i, m) for i, m in enumerate(goal.milestones) if m.done is None]
    if not pending:
        return None
    index, milestone = min(pending, key=lambda p: (p[1].due is None, p[1].due or date.max, p[0]))
    return {"number": index + 1, "title": milestone.title, "due": milestone.due}


def summary(goal: Goal, today: date) -> GoalSummary:
    latest = goal.latest_checkin
    return {
        "handle": goal.handle,
        "id": goal.id,
        "title": goal.title,
        "status": goal.status,
        "progress": goal.progress,
        "due": goal.due,
        "overdue": goal.status == "active" and is_overdue(goal.due, None, today),
        "last_checkin": latest.date if latest else None,
        "milestones_done": sum(1 for m in goal.milestones if m.done),
        "milestones_total": len(goal.milestones),
        "milestones_overdue": sum(1 for m in goal.milestones if is_overdue(m.due, m.done, today)),
        "next_milestone": next_milestone(goal),
        "smart_gaps": goal.smart_gaps,
        "mentor": goal.mentor,
        "tags": goal.tags,
        "private": goal.private,
        "path": goal.path,
    }


def goal_list(goals: list[Goal], today: date, include_all: bool) -> list[GoalSummary]:
    shown = goals if include_all else [g for g in goals if g.status == "active"]
    return [summary(g, today) for g in shown]


def linked_entries(goal: Goal, entries: Entries, owner: str = "") -> list[LinkedEntry]:
    """Every session, reflection, feedback and question that names the goal, in date order."""
    names = names_of(goal)  # once: this runs over every entry
    linked: list[Session | Reflection | Feedback | Question] = [
        entry
        for kind in ("session", "reflection", "feedback", "question")
        for entry in entries.linking(kind, names)
    ]
    linked.sort(key=lambda e: (e.day, e.created))
    about = {(s.path, a.id) for s, a in actions_about(goal, entries.sessions_about(names))}
    return [{**entry_ref(entry), "detail": _detail(entry, about, owner)} for entry in linked]


def _detail(
    entry: Session | Reflection | Feedback | Question, about: set[tuple[str, str]], owner: str
) -> LinkedDetail:
    if isinstance(entry, Session):
        # Only the session's action items about this goal (see rules.actions_about).
        return {
            "mentor": entry.mentor,
            "topics": entry.topics,
            "notes": entry.notes,
            "actions": [
                {"id": a.id, "text": a.text, "owner": a.owner, "done": a.done, "dropped": a.dropped}
                for a in entry.actions
                if (entry.path, a.id) in about
            ],
        }
    if isinstance(entry, Reflection):
        return {
            "text": entry.text,
            "answers": [{"prompt": a.prompt, "answer": a.answer} for a in entry.answers],
        }
    if isinstance(entry, Feedback):
        return {
            "direction": feedback_side(entry, owner),
            "from": entry.giver,
            "to": entry.receiver,
            "situation": entry.situation,
            "behaviour": entry.behaviour,
            "impact": entry.impact,
            "text": entry.text,
            "strengths": entry.strengths,
            "improvements": entry.improvements,
        }
    return {"text": entry.text, "discussed": entry.discussed}


def goal_actions(goal: Goal, entries: Entries, today: date) -> list[GoalAction]:
    """The goal's action items, from any session: open ones first, then by date agreed."""
    sessions = entries.sessions_about(names_of(goal))
    pairs = sorted(actions_about(goal, sessions), key=lambda p: (not p[1].is_open, p[0].date))
    rows: list[GoalAction] = [
        {
            "handle": short_id(a.id),
            "id": a.id,
            "text": a.text,
            "owner": a.owner,
            "due": a.due,
            "done": a.done,
            "dropped": a.dropped,
            "overdue": a.is_open and is_overdue(a.due, a.done, today),
            "session": {"handle": short_id(s.id), "date": s.date, "title": s.label},
            "private": s.private,
        }
        for s, a in pairs
    ]
    return rows


def history(
    goal: Goal,
    entries: Entries,
    today: date,
    mentors: list[Mentor] | None = None,
    owner: str = "",
) -> GoalHistory:
    checkins: list[CheckInRow] = [
        {
            "date": c.date,
            "progress": c.progress,
            "confidence": c.confidence,
            "note": c.note,
            "author": c.by,
        }
        for c in goal.checkins
    ]
    return {
        **summary(goal, today),
        "created": goal.created,
        "smart": {
            "what": goal.what,
            "measure": goal.measure,
            "target": goal.target,
            "why": goal.why,
            "due": goal.due,
        },
        "checkins": checkins,
        "milestones": [
            {
                "number": i + 1,
                "title": m.title,
                "due": m.due,
                "done": m.done,
                "overdue": is_overdue(m.due, m.done, today),
            }
            for i, m in enumerate(goal.milestones)
        ],
        "status_history": [
            {"date": h.date, "status": h.status, "note": h.note, "author": h.by}
            for h in goal.history
        ],
        # Every value a change replaced: a later edit wins, the earlier one stays here.
        "edits": [
            {
                "date": e.date,
                "field": e.field,
                "old": e.old,
                "new": e.new,
                "milestone": e.milestone,
                "author": e.by,
            }
            for e in goal.edits
        ],
        "actions": goal_actions(goal, entries, today),
        "agreement": (lambda m: agreement(m) if m else None)(governing(goal, mentors or [])),
        "linked": linked_entries(goal, entries, owner),
        "shared": shared(entries),
    }
