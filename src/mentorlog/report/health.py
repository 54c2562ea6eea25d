"""Health warnings: the failure modes mentoring practice warns about, each said once.

Every warning names one subject (a mentor, a goal, the action items) and carries a one-line
suggestion. A screen that already lists an item (the agenda lists overdue actions) passes that
warning's kind in `skip`, so nothing is said twice on one screen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.model import (
    DEFAULT_REVIEW_DAYS,
    DEFAULT_REVIEW_EVERY,
    Goal,
    JournalConfig,
    Mentor,
)
from mentorlog.report.actions import action_rows, private_goal_ids
from mentorlog.report.rules import DEFAULT_CADENCE, is_overdue, plural, review_due

if TYPE_CHECKING:
    from mentorlog.report.shapes import ActionRow, Meeting, Warning

# Warning kinds, in the order a screen lists them.
KINDS = (
    "duplicate",
    "cadence",
    "missed",
    "review",
    "goal-due",
    "milestone",
    "stale",
    "smart",
    "confidence",
    "actions",
    "aging",
)

# A goal is stale, and an open action item aging, after this many agreed cadences.
STALE_CADENCES = 2


def working_cadence(config: JournalConfig) -> int:
    """The rhythm goals and actions are judged by: the shortest agreed cadence still running."""
    active = [m.cadence for m in config.mentors if m.ended is None]
    return min(active) if active else DEFAULT_CADENCE


def meeting(mentor: Mentor, entries: Entries, today: date) -> Meeting:
    """Days since the last meeting with this mentor, against the agreed cadence."""
    return meetings([mentor], entries, today)[0]


def meetings(mentors: list[Mentor], entries: Entries, today: date) -> list[Meeting]:
    """Each relationship's meeting (see `meeting`), from one count of the sessions for all."""
    seen = entries.meeting_counts(today)
    return [
        _meeting(mentor, *seen.get(mentor.name.casefold(), (0, None, None)), today)
        for mentor in mentors
    ]


def _meeting(
    mentor: Mentor, count: int, last: date | None, planned: date | None, today: date
) -> Meeting:
    days = (today - (last or mentor.started)).days
    concluded = mentor.ended is not None and mentor.ended <= today
    return {
        "mentor": mentor.name,
        "cadence_days": mentor.cadence,
        "started": mentor.started,
        "ended": mentor.ended,
        "concluded": concluded,
        "last_session": last,
        "days_since": days,
        "overdue": not concluded and days > mentor.cadence,
        "next_meeting": planned if planned and (last is None or planned > last) else None,
        "sessions": count,
    }


def last_touched(goal: Goal, discussed: dict[str, date]) -> dict[str, date | None]:
    """When the goal last had a check-in and when a session last discussed it (`discussed`:
    Entries.last_discussed)."""
    checkin = max((c.date for c in goal.checkins), default=None)
    days = [discussed[ref] for ref in (goal.id, goal.slug) if ref in discussed]
    return {"last_checkin": checkin, "last_discussed": max(days, default=None)}


# Check-ins looked at for a fall in confidence.
CONFIDENCE_WINDOW = 3


def confidence_warning(goal: Goal) -> tuple[str, str] | None:
    """(message, suggestion) when the mentee seems to be losing heart: confidence fell by 2 or
    more over the last check-ins that gave it while progress climbed, or it stays at 1 or 2."""
    rated = [c for c in sorted(goal.checkins, key=lambda c: c.date) if c.confidence is not None]
    if not rated:
        return None
    recent = rated[-CONFIDENCE_WINDOW:]
    first, last = recent[0], recent[-1]
    start, end = first.confidence or 0, last.confidence or 0
    talk = "Ask how it really feels at the next session (`mentorlog ask QUESTION`)."
    if len(recent) > 1 and start - end >= 2 and last.progress > first.progress:
        return (
            f"{goal.title}: progress up {first.progress}% → {last.progress}% but confidence "
            f"down {start} → {end} of 5 since {first.date.isoformat()}.",
            talk,
        )
    low = recent[-2:]
    if len(low) == 2 and all(c.confidence is not None and c.confidence <= 2 for c in low):
        return (f"{goal.title}: confidence {end} of 5 at the last 2 check-ins.", talk)
    return None


def warnings(
    config: JournalConfig,
    entries: Entries,
    today: date,
    skip: tuple[str, ...] = (),
    shown: tuple[list[Meeting], list[ActionRow]] | None = None,
) -> list[Warning]:
    """Every problem once, in the order of KINDS, as {kind, subject, message, suggestion}.
    `shown`: what the screen built already from the same entries, each relationship's meeting
    (config.mentors, in order) and the open action items' rows, so as not to go over every
    session again."""
    found: list[Warning] = []

    def add(kind: str, subject: str, message: str, suggestion: str, private: bool = False) -> None:
        if kind not in skip:
            found.append(
                {
                    "kind": kind,
                    "subject": subject,
                    "message": message,
                    "suggestion": suggestion,
                    "private": private,
                }
            )

    for twice in entries.duplicates:
        kept = twice.kept
        if isinstance(kept, Goal):
            add(
                "duplicate",
                kept.slug,
                f"{kept.title}: added {plural(len(twice.others) + 1, 'time')} (often on two "
                "machines before a sync); shown once.",
                f"Keep one: `mentorlog goal rename {twice.others[0].id} NEW-SLUG` or "
                f"`mentorlog goal delete {twice.others[0].id}`.",
                private=kept.private,
            )
        else:
            add(
                "duplicate",
                kept.id,
                f"A {kept.kind} of {kept.day.isoformat()} is recorded "
                f"{plural(len(twice.others) + 1, 'time')}; shown once.",
                "`mentorlog check` names the copies to delete.",
                private=kept.private,
            )
    slugs: dict[str, list[Goal]] = {}
    for goal in entries.goals:
        slugs.setdefault(goal.slug, []).append(goal)
    for slug, same in slugs.items():
        if len(same) > 1:
            add(
                "duplicate",
                slug,
                f"{plural(len(same), 'goal')} share the slug {slug}.",
                f"Give one another: `mentorlog goal rename {same[1].id} NEW-SLUG`.",
                private=any(g.private for g in same),
            )

    rows = shown[0] if shown else meetings(config.mentors, entries, today)
    for mentor, row in zip(config.mentors, rows, strict=True):
        if mentor.started > today:
            continue
        if row["concluded"]:
            continue
        booked = row["next_meeting"] is not None and row["next_meeting"] >= today
        if row["overdue"] and not booked:
            since = "since you met" if row["last_session"] else "since you started with"
            add(
                "cadence",
                mentor.name,
                f"{row['days_since']} days {since} {mentor.name} (agreed: every "
                f"{mentor.cadence} days).",
                f"Book the next meeting with {mentor.name}.",
            )
        elif row["next_meeting"] is not None and row["next_meeting"] < today:
            add(
                "missed",
                mentor.name,
                f"The meeting with {mentor.name} planned for {row['next_meeting'].isoformat()} "
                "has no session notes.",
                "Log it with `mentorlog session add`, or book a new date.",
            )

    if "review" not in skip:
        every = config.review_every or DEFAULT_REVIEW_EVERY
        days = config.review_days or DEFAULT_REVIEW_DAYS
        for mentor, row in zip(config.mentors, rows, strict=True):
            if row["concluded"] or mentor.started > today:
                continue
            name = mentor.name.casefold()
            last = max(
                (r.date for r in entries.reviews if r.mentor.casefold() == name), default=None
            )
            held_since = entries.sessions_held_after(last, today).get(name, 0) if last else 0
            why = review_due(last, held_since, row["sessions"], today, every, days)
            if why:
                add(
                    "review",
                    mentor.name,
                    f"A review of how it is going with {mentor.name} is due ({why}).",
                    f'Score it from your side: `mentorlog mentor review "{mentor.name}" '
                    "--score trust=N --score communication=N`, or answer it in the next "
                    "session's template.",
                )

    cadence = working_cadence(config)
    stale_after = STALE_CADENCES * cadence
    active = [g for g in entries.goals if g.status == "active" and g.created.date() <= today]
    for goal in active:
        if is_overdue(goal.due, None, today):
            add(
                "goal-due",
                goal.slug,
                f"{goal.title}: due {goal.due.isoformat() if goal.due else ''}, still active.",
                f"Achieve it, move the date, or drop it: `mentorlog goal edit {goal.slug} "
                "--due …`.",
                private=goal.private,
            )
        late = [m for m in goal.milestones if is_overdue(m.due, m.done, today)]
        late_number = next(
            (n for n, m in enumerate(goal.milestones, start=1) if is_overdue(m.due, m.done, today)),
            0,
        )
        if late:
            add(
                "milestone",
                goal.slug,
                f"{goal.title}: {plural(len(late), 'overdue milestone')}.",
                f"Reach it (`mentorlog goal achieve {goal.slug} {late_number}`) or move its "
                f"date (`mentorlog goal milestone-edit {goal.slug} {late_number} --due DATE`).",
                private=goal.private,
            )
        last = max((c.date for c in goal.checkins), default=goal.created.date())
        if (today - last).days > stale_after:
            what = "no progress recorded" if goal.checkins else "no check-in yet"
            add(
                "stale",
                goal.slug,
                f"{goal.title}: {what} for {(today - last).days} days.",
                f"Record where it stands (`mentorlog goal progress {goal.slug} PERCENT`) "
                f"or pause it (`mentorlog goal pause {goal.slug}`).",
                private=goal.private,
            )
        losing_heart = confidence_warning(goal)
        if losing_heart:
            add("confidence", goal.slug, losing_heart[0], losing_heart[1], private=goal.private)
        if goal.smart_gaps:
            add(
                "smart",
                goal.slug,
                f"{goal.title} has no {' or '.join(goal.smart_gaps)}.",
                f"Make it SMART: `mentorlog goal edit {goal.slug} --measure … --due …`.",
                private=goal.private,
            )

    # Open items of sessions held (as rows: whether overdue, whose, how old).
    items = (
        shown[1]
        if shown
        else action_rows(entries.sessions, today, False, private_goal_ids(entries.goals))
    )
    held = [row for row in items if row["age_days"] >= 0]
    overdue = [row for row in held if row["overdue"]]
    theirs = [row for row in overdue if row["owner"]]
    aging = [row for row in held if not row["overdue"] and row["age_days"] > stale_after]
    if overdue:
        promised = f" ({plural(len(theirs), 'promise')} of your mentor's)" if theirs else ""
        add(
            "actions",
            "actions",
            f"{plural(len(overdue), 'action item')} overdue{promised}.",
            "Do them, or agree new dates (`mentorlog action edit ACTION --due DATE`); "
            "`mentorlog action list` shows them.",
        )
    if aging:
        add(
            "aging",
            "actions",
            f"{plural(len(aging), 'action item')} open for more than {stale_after} days.",
            "Close the ones that are done (`mentorlog action done ACTION`) or no longer worth "
            "doing (`mentorlog action drop ACTION`).",
        )
    return found
