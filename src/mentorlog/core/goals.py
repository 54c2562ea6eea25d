"""Goals: adding, editing, check-ins, milestones, status changes, renaming and deleting.

Every change is a new file (see fold.py): the goal's own file is written once, when it is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from mentorlog import clock, messages, store
from mentorlog.errors import InputError, MentorlogError
from mentorlog.handles import find_mentor, find_milestone
from mentorlog.journal import Journal
from mentorlog.model import GOAL_EDIT_FIELDS, Goal, GoalStatus, Milestone
from mentorlog.writes import Writer

# What `goal achieve` does with milestones still open: nothing until told, reach them, or
# leave them open.
OpenMilestones = Literal["refuse", "reach", "leave"]

FOLDER = Goal.folder


@dataclass
class Written:
    """What a command wrote, for the person to see."""

    entry: Goal
    path: Path


def resolve(journal: Journal, handle: str) -> Goal:
    # Through the goal index: writing commands take the same time at any size.
    return journal.goals().find(handle)


def _change(writer: Writer, goal: Goal, summary: str, **fields: object) -> Path:
    change = writer.change(FOLDER, summary, goal.private, entry=goal.id, **fields)
    return writer.journal.root / change.path


def add_goal(
    journal: Journal,
    title: str,
    *,
    what: str = "",
    measure: str = "",
    target: str = "",
    why: str = "",
    due: date | None = None,
    milestones: list[tuple[str, date | None]] | None = None,
    tags: list[str] | None = None,
    private: bool = False,
    mentor: str | None = None,
) -> Written:
    """A new goal; each milestone is (title, due date or None); a title given twice is one."""
    if not title.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="goal title"))
    with journal.writing("goal add") as writer:
        relationship = find_mentor(journal.config.mentors, mentor).name if mentor else ""
        taken = journal.goals().taken_slugs()
        created = clock.now()
        planned: dict[str, tuple[str, date | None]] = {}
        for name, day in milestones or []:
            if name.strip() and name.strip().casefold() not in planned:
                planned[name.strip().casefold()] = (name.strip(), day)
        goal = Goal(
            id=store.new_id(),
            slug=store.unique_slug(store.slugify(title), taken),
            title=title.strip(),
            what=what,
            measure=measure,
            target=target,
            why=why,
            due=due,
            mentor=relationship,
            created=created,
            tags=tags or [],
            private=private,
            milestones=[
                Milestone(id=store.new_id(), title=name, due=day, added=created.date())
                for name, day in planned.values()
            ],
        )
        path = writer.add(goal, f"goal add: {goal.title}")
    return Written(goal, path)


def edit_goal(journal: Journal, handle: str, **changes: object) -> Written:
    """Change SMART parts or the title; the slug stays, so handles and links keep working."""
    if changes.get("title") is not None and not str(changes["title"]).strip():
        raise InputError(messages.EMPTY_TEXT.format(what="goal title"))
    if isinstance(changes.get("mentor"), str) and str(changes["mentor"]).strip():
        changes["mentor"] = find_mentor(journal.config.mentors, str(changes["mentor"])).name
    with journal.writing("goal edit") as writer:
        goal = resolve(journal, handle)
        fields = {
            name: value
            for name, value in changes.items()
            if name in GOAL_EDIT_FIELDS and value is not None and value != getattr(goal, name)
        }
        if not fields:
            raise MentorlogError(messages.NOTHING_CHANGED.format(goal=goal.slug))
        # Emptied fields are named in `cleared`: an empty value is never written.
        cleared = [name for name, value in fields.items() if value == ""]
        path = _change(
            writer,
            goal,
            f"goal edit: {goal.slug} ({', '.join(fields)})",
            change="edit",
            cleared=cleared,
            **{name: value for name, value in fields.items() if value != ""},
        )
        for name, value in fields.items():
            setattr(goal, name, value)
    return Written(goal, path)


def record_progress(
    journal: Journal,
    handle: str,
    percent: int,
    note: str = "",
    on: date | None = None,
    confidence: int | None = None,
) -> Written:
    if not 0 <= percent <= 100:
        raise InputError(messages.BAD_PERCENT.format(value=percent))
    if confidence is not None and not 1 <= confidence <= 5:
        raise InputError(messages.BAD_CONFIDENCE.format(value=confidence))
    with journal.writing("goal progress") as writer:
        goal = resolve(journal, handle)
        path = _change(
            writer,
            goal,
            f"goal progress: {goal.slug} at {percent}%",
            change="checkin",
            date=on or clock.today(),
            progress=percent,
            note=note.strip("\n"),
            confidence=confidence,
        )
    return Written(goal, path)


def add_milestone(
    journal: Journal,
    handle: str,
    title: str,
    due: date | None = None,
    due_at: datetime | None = None,
) -> Written:
    if not title.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="milestone title"))
    with journal.writing("goal milestone") as writer:
        goal = resolve(journal, handle)
        wanted = title.strip().casefold()
        for number, existing in enumerate(goal.milestones, start=1):
            if existing.title.strip().casefold() == wanted:
                raise MentorlogError(
                    messages.MILESTONE_EXISTS.format(
                        goal=goal.slug, number=number, title=existing.title
                    )
                )
        change = writer.change(
            FOLDER,
            f"goal milestone: {goal.slug}: {title.strip()}",
            goal.private,
            entry=goal.id,
            change="milestone",
            title=title.strip(),
            due=due,
            due_at=due_at,
            date=clock.today(),
        )
        goal.milestones.append(Milestone(id=change.id, title=title.strip(), due=due, due_at=due_at))
    return Written(goal, journal.root / change.path)


def edit_milestone(
    journal: Journal,
    handle: str,
    milestone: str,
    title: str | None = None,
    due: date | None = None,
    clear_due: bool = False,
    due_at: datetime | None = None,
) -> tuple[Written, Milestone]:
    """Rename or re-date a milestone; the earlier values stay in the goal's history."""
    if title is None and due is None and not clear_due:
        raise InputError(
            messages.NOTHING_TO_EDIT.format(
                what="the milestone", options="--title, --due, --no-due"
            )
        )
    if title is not None and not title.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="milestone title"))
    with journal.writing("goal milestone-edit") as writer:
        goal = resolve(journal, handle)
        target = goal.milestones[find_milestone(goal, milestone)]
        if title is not None:
            wanted = title.strip().casefold()
            for number, other in enumerate(goal.milestones, start=1):
                if other is not target and other.title.strip().casefold() == wanted:
                    raise MentorlogError(
                        messages.MILESTONE_EXISTS.format(
                            goal=goal.slug, number=number, title=other.title
                        )
                    )
        new_title = title.strip() if title is not None and title.strip() != target.title else None
        moved = due is not None and (due != target.due or due_at != target.due_at)
        new_due = due if moved else None
        drop_due = clear_due and target.due is not None
        if new_title is None and new_due is None and not drop_due:
            raise MentorlogError(messages.MILESTONE_UNCHANGED.format(title=target.title))
        path = _change(
            writer,
            goal,
            f"goal milestone-edit: {goal.slug}: {target.title}",
            change="milestone-edit",
            milestone=target.id,
            title=new_title,
            due=new_due,
            due_at=due_at if new_due is not None else None,
            cleared=["due"] if drop_due else [],
        )
        if new_title is not None:
            target.title = new_title
        if new_due is not None or drop_due:
            target.due = new_due
            target.due_at = due_at if new_due is not None else None
    return Written(goal, path), target


def remove_milestone(journal: Journal, handle: str, milestone: str) -> tuple[Written, Milestone]:
    """Take a milestone out of the plan; the removal stays in the goal's history."""
    with journal.writing("goal milestone-remove") as writer:
        goal = resolve(journal, handle)
        target = goal.milestones[find_milestone(goal, milestone)]
        path = _change(
            writer,
            goal,
            f"goal milestone-remove: {goal.slug}: {target.title}",
            change="milestone-remove",
            milestone=target.id,
        )
    return Written(goal, path), target


def achieve(
    journal: Journal,
    handle: str,
    milestone: str | None = None,
    on: date | None = None,
    note: str = "",
    open_milestones: OpenMilestones = "refuse",
) -> tuple[Written, Milestone | None]:
    """Mark a milestone reached, or the goal achieved when no milestone is named.

    A goal with milestones still open is achieved only when told what becomes of them:
    "reach" marks each reached on the same day, "leave" keeps them open as they are."""
    day = on or clock.today()
    with journal.writing("goal achieve") as writer:
        goal = resolve(journal, handle)
        if milestone is None:
            still_open = unreached_milestones(goal, day)
            if still_open and open_milestones == "refuse":
                raise InputError(
                    messages.ACHIEVE_OPEN_MILESTONES.format(
                        goal=goal.slug,
                        count=len(still_open),
                        s="" if len(still_open) == 1 else "s",
                        titles="; ".join(m.title for m in still_open),
                    )
                )
            if goal.status == "achieved":
                raise MentorlogError(
                    messages.ALREADY_STATUS.format(goal=goal.slug, status="achieved")
                )
            if open_milestones == "reach":
                for open_one in still_open:
                    _change(
                        writer,
                        goal,
                        f"goal achieve: {goal.slug}: {open_one.title}",
                        change="reached",
                        milestone=open_one.id,
                        date=day,
                        note="",
                    )
                    open_one.done = day
            path = _status(writer, goal, "achieved", day, note)
            return Written(goal, path), None
        reached = goal.milestones[find_milestone(goal, milestone)]
        if reached.done is not None and reached.done <= day:
            raise MentorlogError(
                messages.MILESTONE_ALREADY_REACHED.format(
                    title=reached.title, done=reached.done.isoformat()
                )
            )
        path = _change(
            writer,
            goal,
            f"goal achieve: {goal.slug}: {reached.title}",
            change="reached",
            milestone=reached.id,
            date=day,
            note=note.strip(),
        )
        reached.done = day
    return Written(goal, path), reached


def unreached_milestones(goal: Goal, day: date | None = None) -> list[Milestone]:
    """The goal's milestones not reached by `day` (today)."""
    by = day or clock.today()
    return [m for m in goal.milestones if m.done is None or m.done > by]


def set_status(
    journal: Journal, handle: str, status: GoalStatus, note: str = "", on: date | None = None
) -> Written:
    with journal.writing(f"goal {STATUS_COMMANDS[status]}") as writer:
        goal = resolve(journal, handle)
        path = _status(writer, goal, status, on or clock.today(), note)
    return Written(goal, path)


STATUS_COMMANDS = {"paused": "pause", "dropped": "drop", "active": "reopen", "achieved": "achieve"}


def _status(writer: Writer, goal: Goal, status: GoalStatus, day: date, note: str) -> Path:
    if goal.status == status:
        raise MentorlogError(messages.ALREADY_STATUS.format(goal=goal.slug, status=status))
    path = _change(
        writer,
        goal,
        f"goal {STATUS_COMMANDS[status]}: {goal.slug}",
        change="status",
        status=status,
        date=day,
        note=note.strip(),
    )
    goal.status = status
    return path


SLUG = re.compile(r"^[0-9a-z][0-9a-z-]{0,63}$")


def rename_goal(journal: Journal, handle: str, new_slug: str) -> tuple[Written, str]:
    """Give a goal a new slug (its handle); links keep working, they hold the goal's id."""
    slug = new_slug.strip()
    if not SLUG.match(slug):
        raise InputError(messages.BAD_SLUG.format(slug=new_slug))
    with journal.writing("goal rename") as writer:
        goals = journal.goals()
        goal = goals.find(handle)
        old = goal.slug
        if slug == old:
            raise MentorlogError(messages.SAME_SLUG.format(slug=slug))
        if slug in goals.taken_slugs():
            raise MentorlogError(messages.SLUG_TAKEN.format(slug=slug))
        path = _change(writer, goal, f"goal rename: {old} to {slug}", change="rename", slug=slug)
        goal.slug = slug
    return Written(goal, path), old


def delete_goal(journal: Journal, handle: str, force: bool = False) -> tuple[Written, int]:
    """Delete a goal (a change, so `mentorlog undo` brings it back); refused while other entries
    link to it, unless forced. Returns the goal and how many entries still link to it."""
    with journal.writing("goal delete") as writer:
        goal = journal.goals().find(handle)
        linked = journal.linking_count(goal)
        if linked and not force:
            raise MentorlogError(
                messages.GOAL_LINKED.format(
                    goal=goal.slug,
                    count=linked,
                    what="entry" if linked == 1 else "entries",
                ),
                hint=messages.GOAL_LINKED_HINT.format(goal=goal.slug),
            )
        path = _change(writer, goal, f"goal delete: {goal.slug}", change="delete")
    return Written(goal, path), linked
