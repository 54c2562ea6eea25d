"""The date grammar: what people type means what they mean, looking back or forward."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from mentorlog.dates import parse_date
from mentorlog.errors import InputError

MONDAY = date(2026, 11, 23)  # a Monday
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        ("today", MONDAY),
        ("Yesterday", MONDAY - timedelta(days=1)),
        ("tomorrow", MONDAY + timedelta(days=1)),
        ("monday", MONDAY),
        ("friday", date(2026, 11, 20)),
        ("sunday", date(2026, 11, 22)),
        ("last monday", date(2026, 11, 16)),
        ("next monday", date(2026, 11, 30)),
        ("next friday", date(2026, 11, 27)),
        ("last friday", date(2026, 11, 20)),
        ("3 days ago", date(2026, 11, 20)),
        ("1 day ago", date(2026, 11, 22)),
        ("in 10 days", date(2026, 12, 3)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in 1 month", date(2026, 12, 23)),
        ("2 months ago", date(2026, 9, 23)),
        ("next week", date(2026, 11, 30)),
        ("last month", date(2026, 10, 23)),
        ("  in   2   days ", date(2026, 11, 25)),
        ("nov 3", date(2026, 11, 3)),
        ("3 nov", date(2026, 11, 3)),
        ("December 3", date(2025, 12, 3)),  # looking back: the last 3 December
        ("3rd dec 2026", date(2026, 12, 3)),
        ("sept 30, 2026", date(2026, 9, 30)),
        ("Nov 23", MONDAY),
    ],
)
def test_looking_back(text: str, expected: date) -> None:
    assert parse_date(text, MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", date(2026, 11, 27)),  # on a Wednesday, the coming Friday
        ("wednesday", date(2026, 12, 2)),  # a bare weekday forward is after today
        ("monday", date(2026, 11, 30)),
        ("next friday", date(2026, 11, 27)),
        ("last friday", date(2026, 11, 20)),
        ("dec 3", date(2026, 12, 3)),
        ("3 dec", date(2026, 12, 3)),
        ("jan 10", date(2027, 1, 10)),
        ("nov 25", WEDNESDAY),
        ("in 2 weeks", date(2026, 12, 9)),
        ("today", WEDNESDAY),
    ],
)
def test_looking_forward(text: str, expected: date) -> None:
    assert parse_date(text, WEDNESDAY, forward=True) == expected


def test_the_29th_of_february_is_the_nearest_leap_day() -> None:
    assert parse_date("feb 29", MONDAY, forward=True) == date(2028, 2, 29)
    assert parse_date("29 feb", MONDAY) == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "someday",
        "in 3 days ago",
        "3 days",
        "2026-13-01",
        "",
        "in -2 days",
        "feb 30",
        "ju 3",
        "0001-01-01",
        "9999-12-31",
        "in 99999 days",
        "next",
        "last fri",
    ],
)
def test_other_text_is_an_error_saying_what_is_wrong(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_date(text, MONDAY)
    assert text.strip() == "" or f"'{text}'" in error.value.message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_any_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), MONDAY) == day
    assert parse_date(day.isoformat(), MONDAY, forward=True) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_an_input_error(text: str) -> None:
    try:
        day = parse_date(text, MONDAY, forward=len(text) % 2 == 0)
    except InputError:
        return
    assert date(1900, 1, 1) <= day <= date(2999, 12, 31)


def test_options_look_the_right_way(run: Run, tmp_path) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-25"}  # a Wednesday
    assert run("init", "j", "--owner", "Sam", "--mentor", "Ana", env=env).exit_code == 0
    added = run(
        "-j", "j", "session", "add", "--date", "friday", "--next", "friday", "--notes", "n", env=env
    )
    assert added.exit_code == 0, added.stderr
    session = run("-j", "j", "session", "list", "--json", env=env).json()["sessions"][0]
    assert session["date"] == "2026-11-20" and session["next"] == "2026-11-27"
    assert (
        run(
            "-j", "j", "goal", "add", "Talk", "--due", "friday", "--measure", "m", env=env
        ).exit_code
        == 0
    )
    assert run("-j", "j", "goal", "show", "talk", "--json", env=env).json()["due"] == "2026-11-27"


def test_dates_that_look_wrong_are_kept_with_a_note(run: Run, tmp_path) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-25"}
    assert run("init", "j", "--owner", "Sam", "--mentor", "Ana", env=env).exit_code == 0
    goal = run("-j", "j", "goal", "add", "Old", "--due", "2020-01-01", "--measure", "m", env=env)
    assert goal.exit_code == 0 and "--due 2020-01-01 is already past" in goal.stderr
    milestone = run("-j", "j", "goal", "milestone", "old", "Step", "--due", "2026-11-01", env=env)
    assert milestone.exit_code == 0 and "already past" in milestone.stderr
    session = run(
        "-j",
        "j",
        "session",
        "add",
        "--date",
        "2026-11-01",
        "--next",
        "2026-10-01",
        "--notes",
        "n",
        env=env,
    )
    assert session.exit_code == 0
    assert "next meeting (2026-10-01) is before this session" in session.stderr
    assert "before the relationship with Ana began (2026-11-25)" in session.stderr
    fine = run("-j", "j", "goal", "add", "New", "--due", "in 2 weeks", "--measure", "m", env=env)
    assert fine.exit_code == 0 and fine.stderr == ""


def test_an_empty_journal_option_is_refused(run: Run, tmp_path) -> None:
    assert run("init", "j", "--owner", "Sam").exit_code == 0
    result = run("-j", "", "status")
    assert result.exit_code == 2 and "--journal" in result.stderr and "empty" in result.stderr
