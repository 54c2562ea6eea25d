"""Goals: adding, editing, check-ins, milestones and status changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentorlog import clock, messages, store
from mentorlog.errors import InputError, MentorlogError
from mentorlog.handles import find_goal, find_milestone
from mentorlog.journal import Journal
from mentorlog.model import CheckIn, Goal, GoalStatus, Milestone, StatusChange


@dataclass
class Written:
    """What a command wrote, for the person to see."""

    entry: Goal
    path: Path


def load_goals(journal: Journal) -> list[Goal]:
    # Goals are few; reading just their files keeps writing commands fast at any journal size.
    return journal.load(["goal"], use_cache=False).goals


def resolve(journal: Journal, handle: str) -> Goal:
    return find_goal(load_goals(journal), handle)


def add_goal(journal: Journal, title: str, *, what: str = "", measure: str = "", target: str = "",
             why: str = "", due: date | None = None, milestones: list[str] | None = None,
             tags: list[str] | None = None, private: bool = False) -> Written:
    if not title.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="goal title"))
    taken = {goal.slug for goal in load_goals(journal)}
    created = clock.now()
    goal = Goal(
        id=store.new_id(), slug=store.unique_slug(store.slugify(title), taken), title=title.strip(),
        what=what, measure=measure, target=target, why=why, due=due, created=created,
        milestones=[Milestone(title=m.strip(), added=created.date()) for m in milestones or []
                    if m.strip()],
        tags=tags or [], private=private,
    )
    return Written(goal, journal.add(goal))


def edit_goal(journal: Journal, handle: str, **changes: object) -> Written:
    """Change SMART parts or the title; the slug stays, so handles and links keep working."""
    if changes.get("title") is not None and not str(changes["title"]).strip():
        raise InputError(messages.EMPTY_TEXT.format(what="goal title"))
    goal = journal.read_entry(resolve(journal, handle))
    for name, value in changes.items():
        if value is not None:
            setattr(goal, name, value)
    return Written(goal, journal.save(goal))


def record_progress(journal: Journal, handle: str, percent: int, note: str = "",
                    on: date | None = None) -> Written:
    if not 0 <= percent <= 100:
        raise InputError(messages.BAD_PERCENT.format(value=percent))
    goal = journal.read_entry(resolve(journal, handle))
    goal.checkins.append(CheckIn(date=on or clock.today(), progress=percent, note=note))
    goal.checkins.sort(key=lambda c: c.date)  # stable: same-day check-ins keep their order
    return Written(goal, journal.save(goal))


def add_milestone(journal: Journal, handle: str, title: str, due: date | None = None) -> Written:
    if not title.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="milestone title"))
    goal = journal.read_entry(resolve(journal, handle))
    goal.milestones.append(Milestone(title=title.strip(), due=due, added=clock.today()))
    return Written(goal, journal.save(goal))


def achieve(journal: Journal, handle: str, milestone: str | None = None,
            on: date | None = None, note: str = "") -> tuple[Written, Milestone | None]:
    """Mark a milestone reached, or the goal achieved when no milestone is named."""
    goal = journal.read_entry(resolve(journal, handle))
    day = on or clock.today()
    if milestone is not None:
        reached = goal.milestones[find_milestone(goal, milestone)]
        reached.done = day
        return Written(goal, journal.save(goal)), reached
    _change_status(goal, "achieved", day, note)
    return Written(goal, journal.save(goal)), None


def set_status(journal: Journal, handle: str, status: GoalStatus, note: str = "",
               on: date | None = None) -> Written:
    goal = journal.read_entry(resolve(journal, handle))
    _change_status(goal, status, on or clock.today(), note)
    return Written(goal, journal.save(goal))


def _change_status(goal: Goal, status: GoalStatus, day: date, note: str) -> None:
    if goal.status == status:
        raise MentorlogError(messages.ALREADY_STATUS.format(goal=goal.slug, status=status))
    goal.status = status
    goal.history.append(StatusChange(date=day, status=status, note=note))
