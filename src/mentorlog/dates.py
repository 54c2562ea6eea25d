"""The small date grammar every DATE option accepts.

An option looks either back (`--date`, `--since`, `--started`: when something happened) or
forward (`--due`, `--next`: when something should happen). A bare weekday or a day of the year
without a year means the nearest one in that direction: on a Wednesday, `--date friday` is the
Friday before and `--due friday` the Friday after.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from mentorlog import messages
from mentorlog.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Dates outside these years are typing mistakes, and some would overflow date arithmetic.
FIRST_YEAR, LAST_YEAR = 1900, 2999

# Every form, with its meaning: shown by `--help` (via the error message) and in the README.
FORMS = (
    ("2026-11-23", "that day (years 1900 to 2999)"),
    ("today, yesterday, tomorrow", ""),
    (
        "friday",
        "looking back (--date, --since): the most recent Friday, today included; "
        "looking forward (--due, --next): the next one, after today",
    ),
    ("last friday, next friday", "the Friday before today, the Friday after today"),
    (
        "dec 3, 3 dec, december 3 2026",
        "without a year: the nearest one in the option's direction, today included",
    ),
    ("3 days ago, in 2 weeks, in 1 month", "days, weeks or months before or after today"),
    ("last week, next week, last month, next month", "7 days, or a month, before or after today"),
)
ACCEPTED = (
    "an ISO date (2026-11-23), today, yesterday, tomorrow, a weekday (friday, last friday, "
    "next friday), a day of the year (dec 3, 3 dec, dec 3 2026), 'N days ago', 'in N days' "
    "(also weeks and months)"
)

# Patterns as text: re compiles each at its first use (and keeps it), not at every start.
_RELATIVE = r"^(?:(in)\s+)?(\d{1,4})\s+(day|week|month)s?(?:\s+(ago))?$"
_MONTH_FIRST = r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$"
_DAY_FIRST = r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?$"


def _month(word: str) -> int | None:
    """A month by its name or a beginning of at least three letters (`dec`, `sept`)."""
    if len(word) < 3:
        return None
    found = [number for number, name in enumerate(MONTHS, start=1) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError("no such month")  # pragma: no cover - every month has 28 days


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(
            messages.DATE_OUT_OF_RANGE.format(text=text, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return day


def _day_of_year(
    month: int, day: int, year: str | None, today: date, forward: bool, text: str
) -> date:
    try:
        if year is not None:
            return date(int(year), month, day)
        this_year = date(today.year, month, day) if (month, day) != (2, 29) else None
    except ValueError:
        raise InputError(messages.NOT_A_CALENDAR_DAY.format(text=text)) from None
    # The nearest one in the option's direction, today included (29 February searches years).
    for offset in range(0, 9):
        year_tried = today.year + offset if forward else today.year - offset
        try:
            candidate = this_year.replace(year=year_tried) if this_year else date(year_tried, 2, 29)
        except ValueError:
            continue
        if (candidate >= today) if forward else (candidate <= today):
            return candidate
    raise InputError(messages.NOT_A_CALENDAR_DAY.format(text=text))


def parse_date(text: str, today: date | None = None, forward: bool = False) -> date:
    """Turn what a person typed into a date, or raise InputError saying what is accepted.

    `forward` is for options about what should happen (a due date, the next meeting)."""
    today = today or date.today()
    words = " ".join(text.strip().lower().split())
    fixed = {"today": 0, "yesterday": -1, "tomorrow": 1, "next week": 7, "last week": -7}
    if words in fixed:
        return _in_range(today + timedelta(days=fixed[words]), text)
    if words in ("next month", "last month"):
        return _in_range(add_months(today, 1 if words.startswith("next") else -1), text)
    direction, _, weekday = words.rpartition(" ")
    if weekday in WEEKDAYS and direction in ("", "last", "next"):
        wanted = WEEKDAYS.index(weekday)
        if direction == "next" or (direction == "" and forward):
            return _in_range(today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1), text)
        if direction == "last":
            return _in_range(today - timedelta(days=(today.weekday() - wanted - 1) % 7 + 1), text)
        return _in_range(today - timedelta(days=(today.weekday() - wanted) % 7), text)
    match = re.match(_RELATIVE, words)
    if match and (match.group(1) is None) != (match.group(4) is None):
        count = int(match.group(2)) * (1 if match.group(1) else -1)
        try:
            if match.group(3) == "month":
                return _in_range(add_months(today, count), text)
            return _in_range(
                today + timedelta(days=count * (7 if match.group(3) == "week" else 1)), text
            )
        except (OverflowError, ValueError):
            raise InputError(
                f"'{text}' is outside the years {FIRST_YEAR} to {LAST_YEAR}."
            ) from None
    for pattern, month_group, day_group in ((_MONTH_FIRST, 1, 2), (_DAY_FIRST, 2, 1)):
        match = re.match(pattern, words)
        month = _month(match.group(month_group)) if match else None
        if match and month is not None:
            return _in_range(
                _day_of_year(
                    month, int(match.group(day_group)), match.group(3), today, forward, text
                ),
                text,
            )
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", words):
        try:
            return _in_range(date.fromisoformat(words), text)
        except ValueError:
            raise InputError(messages.NOT_A_CALENDAR_DAY.format(text=text)) from None
    raise InputError(messages.NOT_A_DATE.format(text=text, accepted=ACCEPTED))


# --- a day and, optionally, a time of day (--next, --due) ---------------------------------------

TIME_FORMS = "15:30, 9am, 9:30pm, noon (after the day: 'friday 15:30', '2026-12-01 9am')"
_ISO_MOMENT = r"^\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(?::\d{2})?(?:z|[+-]\d{2}:?\d{2})?$"
_TIME_AT_END = (
    r"^(?P<day>.*?)(?:^|\s+(?:at\s+)?)"
    r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)"
    r"|(?P<hour24>\d{1,2}):(?P<minute24>\d{2})"
    r"|(?P<word>noon|midday|midnight))$"
)


def _time_of(match: re.Match[str], text: str) -> time:
    if match.group("word"):
        return time(0, 0) if match.group("word") == "midnight" else time(12, 0)
    if match.group("half"):
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise InputError(messages.NOT_A_TIME.format(text=text, forms=TIME_FORMS))
        hour = hour % 12 + (12 if match.group("half").startswith("p") else 0)
        return time(hour, minute)
    hour, minute = int(match.group("hour24")), int(match.group("minute24"))
    if hour > 23 or minute > 59:
        raise InputError(messages.NOT_A_TIME.format(text=text, forms=TIME_FORMS))
    return time(hour, minute)


def parse_moment(
    text: str, today: date | None = None, forward: bool = False
) -> tuple[date, datetime | None]:
    """A day, as parse_date reads it, and the moment when a time of day follows it: read in
    the local time zone (or the offset written in an ISO time), and kept with its offset.
    A time alone is today's."""
    today = today or date.today()
    words = " ".join(text.strip().lower().split())
    if re.match(_ISO_MOMENT, words):
        parse_date(words[:10], today, forward)  # a day that is not one is said as such
        try:
            moment = datetime.fromisoformat(words.replace(" ", "T", 1).upper())
        except ValueError:
            raise InputError(messages.NOT_A_TIME.format(text=text, forms=TIME_FORMS)) from None
        moment = moment.replace(second=0, microsecond=0)
        aware = moment if moment.tzinfo else moment.astimezone()
        return _in_range(aware.date(), text), aware
    match = re.match(_TIME_AT_END, words)
    if match is None:
        return parse_date(text, today, forward), None
    clock_time = _time_of(match, text)
    day_words = match.group("day").strip().removesuffix(" at").strip()
    day = parse_date(day_words, today, forward) if day_words else today
    try:
        return day, datetime.combine(day, clock_time).astimezone()
    except (OverflowError, ValueError):
        raise InputError(messages.NOT_A_TIME.format(text=text, forms=TIME_FORMS)) from None


def when(day: date | None, moment: datetime | None) -> str:
    """A day, or a day and the time of day in this machine's time zone (what parse_moment
    reads back as the same moment)."""
    if moment is not None:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")
    return day.isoformat() if day else ""
