"""`mentorlog export`: a calendar that calendar software imports, and entries as CSV and JSON;
private entries stay out unless asked."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest

from conftest import EXAMPLE, Run


def test_the_calendar_imports_and_holds_what_is_coming(run: Run) -> None:
    result = run("-j", str(EXAMPLE), "export", "--format", "ics")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert all(len(line.encode()) <= 75 for line in text.splitlines())
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    summaries = {str(e["SUMMARY"]) for e in events.values()}
    assert "Mentoring session with Daniel Okafor" in summaries
    assert "Goal due: Lead the billing service migration" in summaries
    assert "Milestone due: Cut-over complete (Lead the billing service migration)" in summaries
    todos = {str(t["SUMMARY"]): t for t in calendar.walk("VTODO")}
    promise = todos[
        "Action (Daniel Okafor): Introduce me to the SRE lead who ran the last cut-over"
    ]
    assert promise.decoded("DUE") == date(2026, 11, 21) and str(promise["STATUS"]) == "NEEDS-ACTION"
    done = [t for t in todos.values() if str(t["STATUS"]) == "COMPLETED"]
    assert done and all(t.decoded("COMPLETED") for t in done)
    assert not any(t.walk("VALARM") for t in done)  # nothing to be reminded of
    meeting = next(e for e in events.values() if "Mentoring session" in str(e["SUMMARY"]))
    assert meeting.decoded("DTSTART") == date(2026, 12, 3)  # an all-day event
    assert meeting.decoded("DTEND") == date(2026, 12, 4)
    # A second export gives the same UIDs: a calendar app updates instead of duplicating.
    again = icalendar.Calendar.from_ical(run("-j", str(EXAMPLE), "export", "-f", "ics").stdout)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)
    assert len(events) == len(list(calendar.walk("VEVENT")))


def test_private_entries_stay_out_of_the_calendar_unless_asked(run: Run, journal: Path) -> None:
    assert (
        run(
            "-j",
            str(journal),
            "goal",
            "add",
            "Secret, new; job\\plan",
            "--due",
            "2027-01-10",
            "--measure",
            "m",
            "--private",
        ).exit_code
        == 0
    )
    assert (
        run(
            "-j", str(journal), "goal", "add", "Public", "--due", "2027-01-11", "--measure", "m"
        ).exit_code
        == 0
    )
    shared = run("-j", str(journal), "export", "-f", "ics").stdout
    assert "Secret" not in shared and "Public" in shared
    mine = icalendar.Calendar.from_ical(
        run("-j", str(journal), "export", "-f", "ics", "--include-private").stdout
    )
    assert "Goal due: Secret, new; job\\plan" in {str(e["SUMMARY"]) for e in mine.walk("VEVENT")}


def test_entries_as_csv_and_json(run: Run, tmp_path: Path) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("-j", str(EXAMPLE), "export", "-f", "csv", "--kind", "sessions").stdout)
        )
    )
    assert len(rows) == 9 and rows[0]["mentor"] == "Daniel Okafor"
    document = run("-j", str(EXAMPLE), "export", "-f", "json").json()
    assert len(document["sessions"]) == 9 and len(document["wins"]) == 1
    assert document["goals"][0]["checkins"]
    target = tmp_path / "out.ics"
    assert run("-j", str(EXAMPLE), "export", "-f", "ics", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("BEGIN:VCALENDAR")


def test_bad_export_options_are_named(run: Run) -> None:
    for args, words in (
        (("-f", "pdf"), "ics, csv, json"),
        (("-f", "csv"), "--kind"),
        (("-f", "csv", "--kind", "nope"), "'nope'"),
        (("-f", "ics", "--kind", "goal"), "--kind goes with"),
    ):
        result = run("-j", str(EXAMPLE), "export", *args)
        assert result.exit_code == 2 and words in result.stderr, args


def test_the_calendar_file_uses_crlf(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "mentorlog", "-j", str(EXAMPLE), "export", "-f", "ics"],
        capture_output=True,
        env={**os.environ, "MENTORLOG_TODAY": "2026-11-23"},
    )
    assert out.returncode == 0
    assert out.stdout.startswith(b"BEGIN:VCALENDAR\r\n") and b"\n" not in out.stdout.replace(
        b"\r\n", b""
    )


def test_unknown_keys_named_like_mentorlog_s_own_stay_data(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-written key that is also a name on the entry classes (a method, a value the
    loader sets, the store of unknown keys) is kept as the file's data, never taken as the
    entry's own: the path stays the file's, the keys come back as written, cached or not."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    question = sorted((journal / "questions").glob("*.toml"))[0]
    odd = {"_path": "goals/not-this.toml", "_extra": {"a": 1}, "copy": "x", "fields": 3}
    with question.open("a", encoding="utf-8") as file:
        file.write('_path = "goals/not-this.toml"\n_extra = { a = 1 }\ncopy = "x"\nfields = 3\n')
    relative = question.relative_to(journal).as_posix()
    for cache in ("1", "", ""):  # without the cache, building it, from it
        if cache:
            monkeypatch.setenv("MENTORLOG_NO_CACHE", cache)
        else:
            monkeypatch.delenv("MENTORLOG_NO_CACHE", raising=False)
        rows = run("-j", str(journal), "export", "--format", "json").json()["questions"]
        (row,) = [r for r in rows if "copy" in r]
        assert row["path"] == relative
        assert {key: row[key] for key in odd} == odd
        assert run("-j", str(journal), "check").exit_code == 0
