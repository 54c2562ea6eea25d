from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.dates import parse_date
from mentorlog.errors import InputError

MONDAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-01", date(2026, 11, 1)),
    ("today", MONDAY),
    ("Yesterday", MONDAY - timedelta(days=1)),
    ("tomorrow", MONDAY + timedelta(days=1)),
    ("monday", MONDAY),
    ("friday", date(2026, 11, 20)),
    ("sunday", date(2026, 11, 22)),
    ("3 days ago", date(2026, 11, 20)),
    ("1 day ago", date(2026, 11, 22)),
    ("in 10 days", date(2026, 12, 3)),
    ("in 2 weeks", date(2026, 12, 7)),
    ("  in   2   days ", date(2026, 11, 25)),
])
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_date(text, MONDAY) == expected


@pytest.mark.parametrize("text", ["someday", "next friday", "in 3 days ago", "3 days",
                                  "2026-13-01", "", "in -2 days"])
def test_other_text_is_an_error_saying_what_is_accepted(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_date(text, MONDAY)
    assert "ISO date" in error.value.message and "N days ago" in error.value.message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_any_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), MONDAY) == day
