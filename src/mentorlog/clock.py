"""Today and now, in one place; MENTORLOG_TODAY pins the date for demos and tests."""

from __future__ import annotations

import os
from datetime import date, datetime


def today() -> date:
    pinned = os.environ.get("MENTORLOG_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def now() -> datetime:
    """The local time with its offset, to the second (what `created` records)."""
    current = datetime.now().astimezone().replace(microsecond=0)
    pinned = os.environ.get("MENTORLOG_TODAY")
    if pinned:
        day = date.fromisoformat(pinned)
        current = current.replace(year=day.year, month=day.month, day=day.day)
    return current
