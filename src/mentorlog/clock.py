"""Today and now, in one place; MENTORLOG_TODAY pins the date for demos and tests."""

from __future__ import annotations

import os
from datetime import date, datetime

from mentorlog.errors import InputError


def _pinned() -> date | None:
    value = os.environ.get("MENTORLOG_TODAY", "").strip()
    if not value:
        return None
    from mentorlog.dates import FIRST_YEAR, LAST_YEAR

    try:
        pinned = date.fromisoformat(value)
    except ValueError:
        pinned = None
    if pinned is None or not FIRST_YEAR <= pinned.year <= LAST_YEAR:
        raise InputError(
            f"MENTORLOG_TODAY is '{value}', not a date like 2026-11-23 (years "
            f"{FIRST_YEAR} to {LAST_YEAR})."
        )
    return pinned


def today() -> date:
    return _pinned() or date.today()


def now_precise() -> datetime:
    """The local time with its offset, to the microsecond: when a change was made. Two changes
    made in one second still have an order, and the later one wins."""
    current = datetime.now().astimezone()
    pinned = _pinned()
    if pinned:
        current = current.replace(year=pinned.year, month=pinned.month, day=pinned.day)
    return current


def now() -> datetime:
    """The local time with its offset, to the second (what an entry's `created` records)."""
    return now_precise().replace(microsecond=0)
