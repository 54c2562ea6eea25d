"""Milestones across goals: reached (celebrated, with how long each took), upcoming, overdue."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.model import Goal, Milestone
from mentorlog.report.rules import is_overdue

if TYPE_CHECKING:
    from mentorlog.report.shapes import MilestoneRow, Milestones, Reached

# Milestones of finished goals are no longer upcoming or overdue: the goal closed them.
OPEN_STATUSES = ("active", "paused")


def started_on(goal: Goal, milestone: Milestone) -> date:
    """When work on a milestone began: when it was added, else when its goal was set."""
    return milestone.added or goal.created.date()


def reached(goal: Goal, milestone: Milestone) -> Reached:
    """How long a reached milestone took, and whether it was on time (or had no date)."""
    done = milestone.done or started_on(goal, milestone)
    return {
        "took_days": max(0, (done - started_on(goal, milestone)).days),
        "on_time": milestone.due is None or done <= milestone.due,
    }


def _row(goal: Goal, number: int, milestone: Milestone) -> MilestoneRow:
    return {
        "goal": goal.slug,
        "goal_title": goal.title,
        "goal_status": goal.status,
        "number": number,
        "title": milestone.title,
        "due": milestone.due,
        "done": milestone.done,
        "started": started_on(goal, milestone),
        "private": goal.private,
    }


def milestones(goals: list[Goal], today: date) -> Milestones:
    achieved: list[MilestoneRow] = []
    upcoming: list[MilestoneRow] = []
    overdue: list[MilestoneRow] = []
    for goal in goals:
        for number, milestone in enumerate(goal.milestones, start=1):
            row = _row(goal, number, milestone)
            if milestone.done is not None:
                took = reached(goal, milestone)
                row["took_days"] = took["took_days"]
                row["on_time"] = took["on_time"]
                achieved.append(row)
            elif goal.status not in OPEN_STATUSES:
                continue
            elif is_overdue(milestone.due, None, today):
                row["days_late"] = (today - milestone.due).days if milestone.due else 0
                overdue.append(row)
            else:
                row["days_left"] = (milestone.due - today).days if milestone.due else None
                upcoming.append(row)
    achieved.sort(key=lambda r: (r["done"], r["goal"], r["number"]), reverse=True)
    upcoming.sort(key=lambda r: (r["due"] is None, r["due"] or date.max, r["goal"], r["number"]))
    overdue.sort(key=lambda r: (r["due"], r["goal"], r["number"]))
    return {"today": today, "achieved": achieved, "upcoming": upcoming, "overdue": overdue}
