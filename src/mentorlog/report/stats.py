"""Activity over the last year, week by week, and how goals ended up."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from mentorlog.entries import Entries
from mentorlog.model import GOAL_STATUSES

if TYPE_CHECKING:
    from mentorlog.report.shapes import Stats, Week

WEEKS = 52
ACTIVITY_KINDS = ("sessions", "reflections", "feedback")


def week_start(day: date) -> date:
    """The Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


def stats(entries: Entries, today: date) -> Stats:
    first = week_start(today) - timedelta(weeks=WEEKS - 1)
    weeks: list[Week] = [
        {"start": first + timedelta(weeks=i), "sessions": 0, "reflections": 0, "feedback": 0}
        for i in range(WEEKS)
    ]
    kinds = {"sessions": "session", "reflections": "reflection", "feedback": "feedback"}
    for name, kind in kinds.items():
        for day, count in entries.day_counts(kind, first).items():
            if day <= today:
                counts = cast(dict[str, int], weeks[(day - first).days // 7])
                counts[name] += count
    totals = {kind: sum(cast(dict[str, int], w)[kind] for w in weeks) for kind in ACTIVITY_KINDS}
    counts = {
        status: sum(1 for g in entries.goals if g.status == status) for status in GOAL_STATUSES
    }
    total = len(entries.goals)
    return {
        "today": today,
        "since": first,
        "weeks": weeks,
        "totals": totals,
        "active_weeks": sum(1 for w in weeks if w["sessions"] or w["reflections"] or w["feedback"]),
        "goals": {
            "total": total,
            "counts": counts,
            "percent": {s: round(100 * n / total) if total else 0 for s, n in counts.items()},
        },
    }
