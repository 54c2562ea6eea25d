"""The agenda for the next session: the one source `agenda` and the session template share."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.handles import find_mentor
from mentorlog.model import JournalConfig, Mentor
from mentorlog.report.actions import action_rows, overdue_first, private_goal_ids
from mentorlog.report.health import last_touched, meeting, meetings, warnings
from mentorlog.report.notes import open_questions
from mentorlog.report.rules import DEFAULT_CADENCE, is_overdue
from mentorlog.report.since import short, since

if TYPE_CHECKING:
    from mentorlog.report.shapes import Agenda, AgendaMilestone, GoalToReview, NextMeeting

# Items the agenda lists itself; their warnings would say the same thing twice.
LISTED_KINDS = ("milestone", "stale", "actions", "aging")

# The entry kinds the agenda is made of: reading reflections and feedback too would add 0.4 s
# at 100,000 entries for nothing it shows (its warnings are about these kinds).
READS = ["goal", "session", "question", "review"]
# Of those, what it reads only the open part of (and the latest): see Journal.load.
OPEN_ONLY = ("session", "question")


def chosen_mentors(config: JournalConfig, name: str | None) -> list[Mentor]:
    if name is None:
        return [m for m in config.mentors if m.ended is None]
    return [find_mentor(config.mentors, name)]


def agenda(
    config: JournalConfig, entries: Entries, today: date, mentor: str | None = None
) -> Agenda:
    mentors = chosen_mentors(config, mentor)
    # Every relationship's, once: the warnings read them too.
    every = meetings(config.mentors, entries, today)
    of_mentor = {id(m): row for m, row in zip(config.mentors, every, strict=True)}
    shown = [of_mentor.get(id(m)) or meeting(m, entries, today) for m in mentors]
    upcoming = sorted(
        (m["next_meeting"], m["mentor"])
        for m in shown
        if m["next_meeting"] is not None and m["next_meeting"] >= today
    )
    cadence = min((m.cadence for m in mentors), default=DEFAULT_CADENCE)
    next_meeting: NextMeeting | None = None
    if upcoming:
        day, name = upcoming[0]
        # Its time of day, when the session that set it gave one (the latest such session).
        setter = max(
            (
                s
                for s in entries.sessions
                if s.next == day and s.mentor.casefold() == name.casefold() and s.next_at
            ),
            key=lambda s: (s.date, s.created),
            default=None,
        )
        next_meeting = {
            "date": day,
            "at": setter.next_at if setter else None,
            "mentor": name,
            "days_away": (day - today).days,
        }
    # Without a date, the next meeting should come within the agreed cadence.
    horizon = next_meeting["date"] if next_meeting else today + timedelta(days=cadence)

    sessions = entries.sessions
    if mentor is not None:
        names = {m.name.casefold() for m in mentors}
        sessions = [s for s in sessions if s.mentor.casefold() in names]
    active = [g for g in entries.goals if g.status == "active"]

    milestones: list[AgendaMilestone] = []
    for goal in active:
        for number, milestone in enumerate(goal.milestones, start=1):
            if milestone.done is None and milestone.due is not None and milestone.due <= horizon:
                milestones.append(
                    {
                        "goal": goal.slug,
                        "goal_title": goal.title,
                        "number": number,
                        "title": milestone.title,
                        "due": milestone.due,
                        "overdue": is_overdue(milestone.due, None, today),
                        "days_left": (milestone.due - today).days,
                        "private": goal.private,
                    }
                )
    milestones.sort(key=lambda m: (m["due"], m["goal"], m["number"]))

    to_review: list[GoalToReview] = []
    discussed = entries.last_discussed()
    for goal in active:
        touched = last_touched(goal, discussed)
        last = max([d for d in touched.values() if d is not None], default=goal.created.date())
        if (today - last).days > cadence:
            to_review.append(
                {
                    "handle": goal.handle,
                    "title": goal.title,
                    "progress": goal.progress,
                    "last_checkin": touched["last_checkin"],
                    "last_discussed": touched["last_discussed"],
                    "days_since": (today - last).days,
                    "private": goal.private,
                }
            )
    to_review.sort(key=lambda g: -g["days_since"])

    questions = open_questions(entries.questions, with_goal=True)
    actions = action_rows(
        sessions, today, include_done=False, private_goals=private_goal_ids(entries.goals)
    )
    return {
        "owner": config.owner,
        "today": today,
        "next_meeting": next_meeting,
        "horizon": horizon,
        "cadence_days": cadence,
        "meetings": shown,
        "actions": overdue_first(actions),
        "milestones": milestones,
        "goals_to_review": to_review,
        "questions": questions,
        "since": short(since(config, entries, today, mentor)),
        "warnings": warnings(
            config,
            entries,
            today,
            skip=LISTED_KINDS,
            # The same sessions' rows only without --mentor (which lists one relationship's).
            shown=(every, actions) if sessions is entries.sessions else None,
        ),
    }
