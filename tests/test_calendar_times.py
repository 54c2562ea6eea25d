"""Times of day and a calendar that reminds: `--next` and `--due` take a time (read in the local
time zone, kept with its offset), and `export --format ics` makes timed meetings, reminders,
to-dos for action items and all-day milestones, with UIDs that stay put."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from conftest import Run, template_editor


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's clock in Paris (UTC+1 in winter)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def calendar(jrun: Run, *args: str) -> icalendar.Calendar:
    result = jrun("export", "-f", "ics", *args)
    assert result.exit_code == 0, result.stderr
    return icalendar.Calendar.from_ical(result.stdout)


def the_meeting(cal: icalendar.Calendar) -> icalendar.Event:
    return next(e for e in cal.walk("VEVENT") if "Mentoring session" in str(e["SUMMARY"]))


def session_file(journal: Path) -> dict[str, object]:
    (path,) = (journal / "sessions").rglob("*.toml")
    return tomllib.loads(path.read_text())


def test_a_next_meeting_with_a_time_is_a_timed_event_with_a_reminder(
    paris: None, jrun: Run, journal: Path
) -> None:
    added = jrun("session", "add", "--notes", "n", "--next", "2026-12-01 15:30")
    assert added.exit_code == 0, added.stderr
    stored = session_file(journal)
    assert stored["next"] == date(2026, 12, 1)
    moment = stored["next_at"]
    assert isinstance(moment, datetime) and moment.utcoffset() == timedelta(hours=1)
    assert (moment.hour, moment.minute) == (15, 30)
    event = the_meeting(calendar(jrun))
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)
    assert str(alarm["ACTION"]) == "DISPLAY"
    show = jrun("session", "show", "--json", session_file(journal)["id"])  # type: ignore[arg-type]
    assert show.json()["next_at"] == "2026-12-01T15:30:00+01:00"
    assert "2026-12-01 15:30" in jrun("session", "show", str(stored["id"])).stdout
    agenda = jrun("agenda", "--json").json()["next_meeting"]
    assert agenda["at"] == "2026-12-01T15:30:00+01:00"
    assert "Agenda for 2026-12-01 15:30 with Ana Ruiz" in jrun("agenda").stdout


@pytest.mark.parametrize(
    ("typed", "day", "clock"),
    [
        ("friday 15:30", date(2026, 11, 27), (15, 30)),
        ("next friday 9am", date(2026, 11, 27), (9, 0)),
        ("tuesday at 9:45pm", date(2026, 11, 24), (21, 45)),
        ("2026-12-01T08:05", date(2026, 12, 1), (8, 5)),
        ("dec 3 noon", date(2026, 12, 3), (12, 0)),
    ],
)
def test_times_people_type(
    paris: None, jrun: Run, journal: Path, typed: str, day: date, clock: tuple[int, int]
) -> None:
    # Today is Monday 2026-11-23 (conftest).
    assert jrun("session", "add", "--notes", "n", "--next", typed).exit_code == 0
    stored = session_file(journal)
    assert stored["next"] == day
    moment = stored["next_at"]
    assert isinstance(moment, datetime)
    assert (moment.date(), moment.hour, moment.minute) == (day, *clock)


@pytest.mark.parametrize(
    ("option", "typed", "said"),
    [
        ("--next", "2026-12-01 25:00", "not a time of day"),
        ("--next", "friday 13pm", "not a time of day"),
        ("--next", "friday 10:75", "not a time of day"),
        ("--next", "2026-02-30 10:00", "2026-02-30"),
        ("--next", "someday 10:00", "not a date"),
    ],
)
def test_a_time_that_is_not_one_is_one_sentence_and_nothing_written(
    jrun: Run, journal: Path, option: str, typed: str, said: str
) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--notes", "n", option, typed)
    assert result.exit_code == 2
    assert said in result.stderr and option in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(journal) == before


def test_a_bad_due_time_writes_nothing(jrun: Run, journal: Path) -> None:
    assert jrun("session", "add", "--notes", "n").exit_code == 0
    before = snapshot(journal)
    result = jrun("action", "add", "Book the room", "--due", "tomorrow 24:30")
    assert result.exit_code == 2 and "--due" in result.stderr
    assert snapshot(journal) == before


def test_action_items_are_to_dos_that_follow_their_state(
    paris: None, jrun: Run, journal: Path
) -> None:
    assert jrun("session", "add", "--notes", "n").exit_code == 0
    assert jrun("action", "add", "Book the room", "--due", "2026-12-10 9am").exit_code == 0
    assert jrun("action", "add", "Read the RFC", "--due", "2026-12-12").exit_code == 0
    assert jrun("action", "add", "Drop me", "--due", "2026-12-13").exit_code == 0
    assert jrun("action", "add", "No date at all").exit_code == 0
    first = calendar(jrun)
    todos = {str(t["SUMMARY"]): t for t in first.walk("VTODO")}
    assert set(todos) == {"Action: Book the room", "Action: Read the RFC", "Action: Drop me"}
    room = todos["Action: Book the room"]
    assert room.decoded("DUE") == datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    assert str(room["STATUS"]) == "NEEDS-ACTION" and room.walk("VALARM")
    assert todos["Action: Read the RFC"].decoded("DUE") == date(2026, 12, 12)
    listed = jrun("action", "list", "--json").json()["actions"]
    due_at = {a["text"]: a["due_at"] for a in listed}
    assert due_at["Book the room"] == "2026-12-10T09:00:00+01:00"
    assert due_at["Read the RFC"] is None
    handle = {a["text"]: a["handle"] for a in listed}
    assert jrun("action", "done", handle["Book the room"]).exit_code == 0
    assert jrun("action", "drop", handle["Drop me"]).exit_code == 0
    again = calendar(jrun)
    after = {str(t["SUMMARY"]): t for t in again.walk("VTODO")}
    assert str(after["Action: Book the room"]["STATUS"]) == "COMPLETED"
    assert after["Action: Book the room"].decoded("COMPLETED").date() == date(2026, 11, 23)
    assert not after["Action: Book the room"].walk("VALARM")
    assert str(after["Action: Drop me"]["STATUS"]) == "CANCELLED"
    # Same UIDs: a calendar app updates each to-do instead of adding a second one.
    assert {str(t["UID"]) for t in again.walk("VTODO")} == {
        str(t["UID"]) for t in first.walk("VTODO")
    }


def test_editing_an_action_s_due_time(paris: None, jrun: Run, journal: Path) -> None:
    assert jrun("session", "add", "--notes", "n").exit_code == 0
    assert jrun("action", "add", "Call", "--due", "2026-12-10 9am").exit_code == 0
    handle = jrun("action", "list", "--json").json()["actions"][0]["handle"]
    assert jrun("action", "edit", handle, "--due", "2026-12-10 16:00").exit_code == 0
    (todo,) = calendar(jrun).walk("VTODO")
    assert todo.decoded("DUE") == datetime(2026, 12, 10, 15, 0, tzinfo=UTC)
    assert jrun("action", "edit", handle, "--due", "2026-12-11").exit_code == 0
    (todo,) = calendar(jrun).walk("VTODO")
    assert todo.decoded("DUE") == date(2026, 12, 11)  # a day alone: all day again


def test_reminders_and_meeting_length_are_configurable(
    paris: None, jrun: Run, journal: Path
) -> None:
    assert jrun("session", "add", "--notes", "n", "--next", "2026-12-01 15:30").exit_code == 0
    (alarm,) = the_meeting(calendar(jrun, "--remind", "15")).walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)
    assert not the_meeting(calendar(jrun, "--no-remind")).walk("VALARM")
    config = journal / "mentorlog.toml"
    config.write_text(
        config.read_text() + "\n[calendar]\nmeeting_minutes = 45\nreminder_minutes = 120\n"
    )
    event = the_meeting(calendar(jrun))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-120)
    bad = jrun("export", "-f", "json", "--remind", "5")
    assert bad.exit_code == 2 and "--remind" in bad.stderr


def test_milestones_are_all_day_and_uids_stay_put(jrun: Run) -> None:
    assert jrun("goal", "add", "Ship it", "--measure", "m", "--due", "2027-02-01").exit_code == 0
    added = jrun("goal", "milestone", "ship-it", "Beta", "--due", "2027-01-10 9am")
    assert added.exit_code == 0, added.stderr
    cal = calendar(jrun)
    beta = next(e for e in cal.walk("VEVENT") if "Beta" in str(e["SUMMARY"]))
    assert beta.decoded("DTSTART") == date(2027, 1, 10)
    assert beta.decoded("DTEND") == date(2027, 1, 11)
    assert [str(e["UID"]) for e in calendar(jrun).walk("VEVENT")] == [
        str(e["UID"]) for e in cal.walk("VEVENT")
    ]


def test_one_moment_from_two_time_zones(
    monkeypatch: pytest.MonkeyPatch, jrun: Run, journal: Path
) -> None:
    """A mentee in Tokyo sets the meeting; a mentor in New York exports the same instant."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert jrun("session", "add", "--notes", "n", "--next", "2026-12-01 09:00").exit_code == 0
        monkeypatch.setenv("TZ", "America/New_York")
        time.tzset()
        event = the_meeting(calendar(jrun))
        assert event.decoded("DTSTART") == datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
        # The template shows it in this machine's time, and reads it back as the same moment.
        from mentorlog.dates import parse_moment, when

        moment = session_file(journal)["next_at"]
        assert isinstance(moment, datetime)
        shown = when(None, moment)
        assert shown == "2026-11-30 19:00"
        assert parse_moment(shown)[1] == moment
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_template_takes_a_time(tmp_path: Path, jrun: Run, journal: Path) -> None:
    env = template_editor(tmp_path, "Next meeting: ", "Next meeting: 2026-12-02 10:15")
    result = jrun("session", "add", "--edit", env=env)
    assert result.exit_code == 0, result.stderr
    stored = session_file(journal)
    assert stored["next"] == date(2026, 12, 2)
    moment = stored["next_at"]
    assert isinstance(moment, datetime) and (moment.hour, moment.minute) == (10, 15)


def test_an_export_file_that_cannot_be_written(jrun: Run, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "cal.ics"
    result = jrun("export", "-f", "ics", "-o", str(target))
    assert result.exit_code == 2 and "--output" in result.stderr
    assert not target.parent.exists()
    good = tmp_path / "cal.ics"
    assert jrun("export", "-f", "ics", "-o", str(good)).exit_code == 0
    assert good.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
