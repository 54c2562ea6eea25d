"""The small date grammar every DATE option accepts."""

from __future__ import annotations

import re
from datetime import date, timedelta

from mentorlog.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = (
    "an ISO date (2026-11-23), today, yesterday, tomorrow, a weekday name (the most recent one, "
    "today included), 'N days ago', 'in N days' (also weeks)"
)

_RELATIVE = re.compile(r"^(?:(in)\s+)?(\d{1,5})\s+(day|days|week|weeks)(?:\s+(ago))?$")


def parse_date(text: str, today: date | None = None) -> date:
    """Turn what a person typed into a date, or raise InputError saying what is accepted."""
    today = today or date.today()
    words = " ".join(text.strip().lower().split())
    if words == "today":
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS.index(words)) % 7
        return today - timedelta(days=back)
    match = _RELATIVE.match(words)
    if match and (match.group(1) is None) != (match.group(4) is None):
        count = int(match.group(2)) * (7 if match.group(3).startswith("week") else 1)
        return today + timedelta(days=count) if match.group(1) else today - timedelta(days=count)
    try:
        return date.fromisoformat(words)
    except ValueError:
        pass
    raise InputError(f"'{text}' is not a date; use {ACCEPTED}.")
