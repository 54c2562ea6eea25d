"""`report`: a review of a period, for a quarterly conversation or to send by email."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from mentorlog import messages
from mentorlog.dates import add_months
from mentorlog.entries import Entries
from mentorlog.errors import InputError
from mentorlog.handles import short_id
from mentorlog.model import Goal, JournalConfig, Mentor, Review, Session
from mentorlog.report.health import warnings
from mentorlog.report.mentors import known_categories
from mentorlog.report.milestones import reached
from mentorlog.report.notes import feedback_rows
from mentorlog.report.rules import (
    SessionIndex,
    agreement,
    is_overdue,
    latest_review,
    plural,
    progress_at,
    rating_trend,
    review_scores,
    status_at,
)

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        DayCount,
        FeedbackGroup,
        FeedbackRow,
        FeedbackSummary,
        Gap,
        GoalReview,
        MonthRow,
        ReachedMilestone,
        Relationship,
        Report,
        ReportAction,
        ReportActions,
        SessionRef,
        StatusMove,
        WinRow,
    )

PERIODS = {"month": 1, "quarter": 3, "year": 12}
# Without --since or --period, a report covers this many months up to its end.
DEFAULT_MONTHS = 3


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


# The kinds a report reads in part (Journal.load's `within`): their entries of the period, the
# latest, and for sessions those the period's actions and gaps need. Goals, questions (asked
# before, discussed in the period) and reviews (trends up to its end) are read whole.
WITHIN = ("session", "reflection", "feedback", "win")


def _calendar(anchor: date, period: str) -> tuple[date, date, str]:
    """The calendar month, quarter or year holding `anchor`: first day, last day, name."""
    if period == "month":
        first = anchor.replace(day=1)
        name = anchor.strftime("%B %Y")
    elif period == "quarter":
        first = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
        name = f"{anchor.year} Q{(anchor.month - 1) // 3 + 1}"
    else:
        first = date(anchor.year, 1, 1)
        name = str(anchor.year)
    return first, add_months(first, PERIODS[period]) - timedelta(days=1), name


def resolve_period(
    since: date | None, until: date | None, period: str | None, today: date
) -> Period:
    """The dates a report covers (see `mentorlog report --help` and the README)."""
    if period is not None and period not in PERIODS:
        raise InputError(messages.UNKNOWN_PERIOD.format(period=period))
    if period is not None and since is not None and until is not None:
        raise InputError(messages.PERIOD_AND_RANGE)
    if period is not None and since is not None:
        start, end = since, add_months(since, PERIODS[period]) - timedelta(days=1)
        label = f"{plural(PERIODS[period], 'month')} from {start.isoformat()}"
    elif period is not None:
        start, last, label = _calendar(until or today, period)
        end = until or min(last, today)
        if end < last:
            label += " (to date)" if until is None else f" (to {end.isoformat()})"
    else:
        end = until or today
        start = since or add_months(end, -DEFAULT_MONTHS) + timedelta(days=1)
        label = f"{start.isoformat()} to {end.isoformat()}"
    if start > end:
        raise InputError(messages.BAD_RANGE.format(since=start.isoformat(), until=end.isoformat()))
    return Period(start, end, label)


# --- the sections ------------------------------------------------------------------------------


def relationship(
    mentor: Mentor,
    sessions: list[Session],
    period: Period,
    goals: list[Goal] | None = None,
    reviews: list[Review] | None = None,
    owner: str = "",
    known: list[str] | None = None,
) -> Relationship:
    """Sessions held against the agreed cadence and every gap longer than it; the agreement and
    the goals it governs; how sessions were rated; the latest review of how it is going."""
    name = mentor.name.casefold()
    dates = sorted(s.date for s in sessions if s.mentor.casefold() == name)
    window_end = min(period.end, mentor.ended) if mentor.ended else period.end
    held = [d for d in dates if period.start <= d <= window_end]
    before = [d for d in dates if d < period.start]
    # Gaps count from the last meeting before the period (or the start of the relationship).
    points = [before[-1] if before else mentor.started, *held]
    gaps: list[Gap] = [{"from": a, "to": b, "days": (b - a).days} for a, b in pairwise(points)]
    if window_end > points[-1]:
        gaps.append({"from": points[-1], "to": None, "days": (window_end - points[-1]).days})
    overlap = (window_end - max(period.start, mentor.started)).days + 1
    concluded = mentor.ended is not None and mentor.ended <= period.end
    return {
        "mentor": mentor.name,
        "cadence_days": mentor.cadence,
        "started": mentor.started,
        "ended": mentor.ended,
        "concluded": concluded,
        "retrospective": mentor.retrospective if concluded else "",
        "sessions_held": len(held),
        "sessions_expected": max(0, overlap) // mentor.cadence,
        "longest_gap_days": max((g["days"] for g in gaps), default=0),
        "lapses": [g for g in gaps if g["days"] > mentor.cadence],
        "agreement": agreement(mentor),
        "reason": mentor.reason if concluded else "",
        "rating": mentor.rating if concluded else None,
        "goals": [
            {"handle": g.handle, "title": g.title, "private": g.private}
            for g in goals or []
            if g.mentor.casefold() == name
        ],
        "ratings": rating_trend(
            [s for s in sessions if s.mentor.casefold() == name and period.holds(s.date)]
        ),
        "latest_review": latest_review(
            [r for r in reviews or [] if r.date <= period.end], mentor.name
        ),
        "scores": review_scores(
            [r for r in reviews or [] if r.date <= period.end], mentor.name, owner, known or []
        ),
    }


def _status_change(goal: Goal, period: Period) -> StatusMove | None:
    changes = [h for h in goal.history if period.holds(h.date)]
    if not changes:
        return None
    last = changes[-1]
    return {"status": last.status, "date": last.date, "note": last.note}


def goal_review(goal: Goal, index: SessionIndex, period: Period) -> GoalReview:
    before = period.start - timedelta(days=1)
    start_status = status_at(goal, before)
    end_status = status_at(goal, period.end)
    start = progress_at(goal, before)
    end = progress_at(goal, period.end) or 0
    checkins = [c for c in goal.checkins if period.holds(c.date)]
    reached = [m for m in goal.milestones if period.holds(m.done)]
    discussed = [s for s in index.of(goal) if period.holds(s.date)]
    row: GoalReview = {
        "handle": goal.handle,
        "id": goal.id,
        "title": goal.title,
        "new": start_status is None,
        "status_start": start_status,
        "status_end": end_status,
        "progress_start": start or 0,
        "progress_end": end,
        "delta": end - (start or 0),
        "checkins": len(checkins),
        "milestones_reached": len(reached),
        "sessions": len(discussed),
        "status_change": _status_change(goal, period),
        "private": goal.private,
        "progress_points": [
            {"date": c.date, "progress": c.progress} for c in goal.checkins if c.date <= period.end
        ],
        "milestones": [
            {
                "number": number,
                "title": m.title,
                "due": m.due,
                "done": m.done,
                "overdue": is_overdue(m.due, m.done, period.end),
            }
            for number, m in enumerate(goal.milestones, 1)
        ],
    }
    row["changed"] = what_changed(row)
    return row


def what_changed(row: GoalReview) -> str:
    """One line a person can read aloud: the move, then what happened around it."""
    start, end = row["progress_start"], row["progress_end"]
    change = row["status_change"]
    if change and change["status"] in ("achieved", "dropped", "paused"):
        head = f"{change['status'].capitalize()} on {change['date'].isoformat()}"
        if change["status"] == "achieved" or start != end:
            head += f", {start}% → {end}%"
    elif end > start:
        head = f"Up {end - start} points, {start}% → {end}%"
    elif end < start:
        head = f"Down {start - end} points, {start}% → {end}%"
    elif row["checkins"]:
        head = f"Held at {end}%"
    elif row["new"]:
        head = f"Added this period, no check-in yet ({end}%)"
    else:
        head = f"No check-in this period (still {end}%)"
    clauses = [head]
    if row["new"] and not head.startswith("Added"):
        clauses.insert(0, "Added this period")
    if row["milestones_reached"]:
        clauses.append(f"{plural(row['milestones_reached'], 'milestone')} reached")
    if row["sessions"]:
        clauses.append(f"discussed in {plural(row['sessions'], 'session')}")
    else:
        clauses.append("not discussed in a session")
    return "; ".join(clauses) + "."


def _in_scope(goal: Goal, period: Period) -> bool:
    """Goals that existed in the period and were not already closed when it began."""
    before = status_at(goal, period.start - timedelta(days=1))
    return goal.created.date() <= period.end and before not in ("achieved", "dropped")


def milestones_reached(goals: list[Goal], period: Period) -> list[ReachedMilestone]:
    rows: list[ReachedMilestone] = []
    for goal in goals:
        for number, milestone in enumerate(goal.milestones, start=1):
            if period.holds(milestone.done):
                rows.append(
                    {
                        "goal": goal.slug,
                        "goal_title": goal.title,
                        "number": number,
                        "title": milestone.title,
                        "done": milestone.done,
                        "due": milestone.due,
                        **reached(goal, milestone),
                        "private": goal.private,
                    }
                )
    rows.sort(key=lambda r: (r["done"], r["goal"], r["number"]))
    return rows


def actions(sessions: list[Session], period: Period) -> ReportActions:
    done: list[ReportAction] = []
    still_open: list[ReportAction] = []
    for session in sessions:
        if session.date > period.end:
            continue
        source: SessionRef = {
            "handle": short_id(session.id),
            "date": session.date,
            "title": session.label,
        }
        for action in session.actions:
            row: ReportAction = {
                "handle": short_id(action.id),
                "text": action.text,
                "owner": action.owner,
                "due": action.due,
                "done": action.done,
                "session": source,
                "private": session.private,
            }
            if period.holds(action.done):
                row["overdue"] = False
                done.append(row)
            elif action.dropped is not None and action.dropped <= period.end:
                continue
            elif action.done is None or action.done > period.end:
                row["overdue"] = is_overdue(action.due, None, period.end)
                still_open.append(row)
    done.sort(key=lambda r: (r["done"], r["handle"]))
    still_open.sort(key=lambda r: (not r["overdue"], r["session"]["date"], r["handle"]))
    return {"done": done, "open": still_open}


def wins(entries: Entries, period: Period) -> list[WinRow]:
    """What to celebrate: milestones reached, goals achieved (with how long each took), and the
    wins recorded with `mentorlog win`, oldest first."""
    rows: list[WinRow] = []
    for goal in entries.goals:
        achieved = [h for h in goal.history if h.status == "achieved" and period.holds(h.date)]
        if achieved:
            day = achieved[-1].date
            rows.append(
                {
                    "kind": "goal",
                    "date": day,
                    "title": goal.title,
                    "goal": goal.slug,
                    "took_days": (day - goal.created.date()).days,
                    "private": goal.private,
                }
            )
        for milestone in goal.milestones:
            if period.holds(milestone.done) and milestone.done is not None:
                began = milestone.added or goal.created.date()
                rows.append(
                    {
                        "kind": "milestone",
                        "date": milestone.done,
                        "title": milestone.title,
                        "goal": goal.slug,
                        "took_days": (milestone.done - began).days,
                        "private": goal.private,
                    }
                )
    titles = {key: g.slug for g in entries.goals for key in (g.id, g.slug)}
    for win in entries.wins:
        if period.holds(win.date):
            rows.append(
                {
                    "kind": "win",
                    "date": win.date,
                    "title": win.text,
                    "goal": titles.get(win.goal, ""),
                    "took_days": None,
                    "private": win.private,
                }
            )
    rows.sort(key=lambda r: (r["date"], r["kind"], r["title"]))
    return rows


def feedback_summary(entries: Entries, period: Period, owner: str) -> FeedbackSummary:
    """Feedback of the period with strengths and improvements gathered per direction, from
    the owner's side."""
    rows = feedback_rows([f for f in entries.feedback if period.holds(f.date)], None, owner)

    def group(direction: str, person: Callable[[FeedbackRow], str]) -> FeedbackGroup:
        mine = [r for r in rows if r["direction"] == direction]
        return {
            "count": len(mine),
            "strengths": [
                {"text": s, "date": r["date"], "person": person(r), "private": r["private"]}
                for r in mine
                for s in r["strengths"]
            ],
            "improvements": [
                {"text": s, "date": r["date"], "person": person(r), "private": r["private"]}
                for r in mine
                for s in r["improvements"]
            ],
            "items": [
                {
                    "handle": r["handle"],
                    "date": r["date"],
                    "person": person(r),
                    "situation": r["situation"],
                    "behaviour": r["behaviour"],
                    "impact": r["impact"],
                    "text": r["text"],
                    "private": r["private"],
                }
                for r in mine
            ],
        }

    return {
        "received": group("received", lambda r: r["from"]),
        "given": group("given", lambda r: r["to"]),
    }


def months(mentors: list[Mentor], sessions: list[Session], period: Period) -> list[MonthRow]:
    """Each relationship's sessions in each calendar month of the period, and how many its
    cadence asks for in the days of that month it ran (to one decimal)."""
    rows: list[MonthRow] = []
    first = period.start.replace(day=1)
    while first <= period.end:
        last = add_months(first, 1) - timedelta(days=1)
        start, end = max(first, period.start), min(last, period.end)
        for mentor in mentors:
            ran_from = max(start, mentor.started)
            ran_to = min(end, mentor.ended) if mentor.ended else end
            days = (ran_to - ran_from).days + 1
            if days <= 0:
                continue
            name = mentor.name.casefold()
            rows.append(
                {
                    "month": first.strftime("%Y-%m"),
                    "mentor": mentor.name,
                    "sessions": sum(
                        1
                        for s in sessions
                        if s.mentor.casefold() == name and ran_from <= s.date <= ran_to
                    ),
                    "expected": round(days / mentor.cadence, 1),
                }
            )
        first = add_months(first, 1)
    return rows


def activity(entries: Entries, period: Period) -> list[DayCount]:
    """Entries and check-ins by the day they are dated, for the days of the period that have
    any: the heatmap's cells."""
    counts: Counter[date] = Counter()
    for kind in ("session", "reflection", "feedback", "question", "win", "review"):
        counts.update(e.date for e in entries.of_kind(kind) if period.holds(e.date))
    for goal in entries.goals:
        if period.holds(goal.created.date()):
            counts[goal.created.date()] += 1
        counts.update(c.date for c in goal.checkins if period.holds(c.date))
    return [{"date": day, "entries": counts[day]} for day in sorted(counts)]


def review(
    config: JournalConfig, entries: Entries, period: Period, today: date, mentor: str | None = None
) -> Report:
    """The report. With `mentor`, `config` and `entries` are one relationship's already
    (report/scope.py), and its row is shown even when it did not overlap the period."""
    goals = [g for g in entries.goals if _in_scope(g, period)]
    index = SessionIndex(entries.sessions)
    mentors = (
        list(config.mentors)
        if mentor is not None
        else [
            m
            for m in config.mentors
            if m.started <= period.end and (m.ended is None or m.ended >= period.start)
        ]
    )
    sessions = [s for s in entries.sessions if period.holds(s.date)]
    reflections = [r for r in entries.reflections if period.holds(r.date)]
    titles = {key: g.title for g in entries.goals for key in (g.id, g.slug)}
    return {
        "owner": config.owner,
        "today": today,
        "mentor": mentors[0].name if mentor else None,
        "period": {
            "start": period.start,
            "end": period.end,
            "label": period.label,
            "days": period.days,
        },
        "goals": [goal_review(g, index, period) for g in goals],
        "milestones_reached": milestones_reached(entries.goals, period),
        "relationships": [
            relationship(
                m,
                entries.sessions,
                period,
                goals,
                entries.reviews,
                config.owner,
                known_categories(config),
            )
            for m in mentors
        ],
        "wins": wins(entries, period),
        "sessions": [
            {
                "handle": short_id(s.id),
                "date": s.date,
                "mentor": s.mentor,
                "title": s.label,
                "duration": s.duration,
                "private": s.private,
            }
            for s in sessions
        ],
        "actions": actions(entries.sessions, period),
        "reflections": [
            {
                "handle": short_id(r.id),
                "date": r.date,
                "title": r.label,
                "text": r.text,
                "goal": r.goal,
                "goal_title": titles.get(r.goal, ""),
                "answers": [{"prompt": a.prompt, "answer": a.answer} for a in r.answers],
                "private": r.private,
            }
            for r in reflections
        ],
        "feedback": feedback_summary(entries, period, config.owner),
        "questions": {
            "asked": sum(1 for q in entries.questions if period.holds(q.date)),
            "discussed": sum(1 for q in entries.questions if period.holds(q.discussed)),
        },
        "months": months(mentors, entries.sessions, period),
        "activity": activity(entries, period),
        # Health is about now: a report of a past period carries none.
        "warnings": warnings(config, entries, today) if period.end >= today else [],
    }
