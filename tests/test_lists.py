"""milestones, timeline, search and stats, on the hand-built journal (tests/builders.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, Run, screen_env, snapshot, unstyled
from mentorlog.kinds import ENTRY_KINDS


def test_milestones(run: Run, history: Path) -> None:
    before = snapshot(history)
    data = run("-j", str(history), "milestones", "--json").json()
    assert snapshot(history) == before
    # Reached most recent first; Design took 07-01 → 07-28.
    assert [(m["title"], m["done"], m["took_days"], m["on_time"]) for m in data["achieved"]] == [
        ("Beta", "2026-10-20", 111, False),
        ("Design", "2026-07-28", 27, True),
    ]
    assert [(m["title"], m["days_late"]) for m in data["overdue"]] == [("Docs", 22)]
    assert [(m["title"], m["days_left"]) for m in data["upcoming"]] == [("Launch", 8)]
    out = " ".join(run("-j", str(history), "milestones").stdout.split())
    assert "Reached (2)" in out and "took 4 months, 5 days after its date" in out
    assert "took 4 weeks" in out
    assert "Overdue (1)" in out and "22 days late" in out and "in 8 days" in out


def test_milestones_of_a_dropped_goal_are_neither_due_nor_late(run: Run, history: Path) -> None:
    run("-j", str(history), "goal", "drop", "ship-the-api")
    data = run("-j", str(history), "milestones", "--json").json()
    assert data["overdue"] == [] and data["upcoming"] == []
    assert len(data["achieved"]) == 2  # what was reached stays reached


def test_timeline_order_and_filters(run: Run, history: Path) -> None:
    def kinds(*args: str) -> list[tuple[str, str]]:
        result = run("-j", str(history), "timeline", *args, "--json")
        assert result.exit_code == 0, result.stderr
        return [(e["date"], e["kind"]) for e in result.json()["entries"]]

    everything = kinds()
    # 9 entries, and 7 things that happened to them: 4 check-ins, 2 milestones, 1 action done.
    assert len(everything) == 16 and everything == sorted(everything, key=lambda e: e[0])
    assert everything[0] == ("2026-07-01", "goal")
    assert kinds("--kind", "session") == [
        ("2026-07-20", "session"),
        ("2026-08-20", "session"),
        ("2026-10-02", "session"),
    ]
    assert kinds("--kind", "sessions") == kinds("--kind", "session")
    assert kinds("--kind", "check-ins") == [
        ("2026-07-10", "check-in"),
        ("2026-09-05", "check-in"),
        ("2026-10-20", "check-in"),
        ("2026-11-15", "check-in"),
    ]
    assert kinds("--kind", "action") == [("2026-10-10", "action")]
    # Beta was reached before the 70% check-in of the same day was recorded.
    assert kinds("--goal", "ship-the-api") == [
        ("2026-07-01", "goal"),
        ("2026-07-10", "check-in"),
        ("2026-07-20", "session"),
        ("2026-07-28", "milestone"),
        ("2026-09-05", "check-in"),
        ("2026-10-02", "session"),
        ("2026-10-10", "action"),
        ("2026-10-20", "milestone"),
        ("2026-10-20", "check-in"),
    ]
    assert kinds("--tag", "work") == [
        ("2026-07-01", "goal"),
        ("2026-07-10", "check-in"),
        ("2026-07-28", "milestone"),
        ("2026-09-05", "check-in"),
        ("2026-10-20", "milestone"),
        ("2026-10-20", "check-in"),
        ("2026-11-04", "reflection"),
    ]
    assert kinds("--since", "2026-11-01", "--until", "2026-11-04") == [
        ("2026-11-02", "feedback"),
        ("2026-11-03", "feedback"),
        ("2026-11-04", "reflection"),
    ]


def test_timeline_on_screen_is_one_line_per_entry(run: Run, history: Path) -> None:
    out = run("-j", str(history), "timeline").stdout.splitlines()
    assert len(out) == 17 and out[-1] == "9 entries, 7 changes to them"
    assert out[0].startswith("2026-07-01  goal       ship-the-api")
    assert "#work" in out[0]
    assert out[1] == "2026-07-10  check-in   ship-the-api Ship the API at 20%  #work"
    assert "2026-10-10  action     " in out[8] and out[8].endswith("done: Write spec")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--kind", "meeting"], 2, "Unknown kind 'meeting'"),
        (["--since", "2026-12-01", "--until", "2026-11-01"], 2, "--since"),
        (["--goal", "nope"], 1, "No goal matches 'nope'"),
    ],
)
def test_timeline_bad_filters(
    run: Run, history: Path, args: list[str], code: int, message: str
) -> None:
    result = run("-j", str(history), "timeline", *args)
    assert result.exit_code == code and message in result.stderr


def test_search_is_case_insensitive_and_points_at_the_match(run: Run, history: Path) -> None:
    data = run("-j", str(history), "search", "SPEC", "--json").json()
    hits = [
        (h["kind"], m["field"], m["text"], m["spans"]) for h in data["hits"] for m in h["matches"]
    ]
    assert hits == [
        ("session", "actions[1].text", "Write spec", [[6, 10]]),
        ("feedback", "strengths[1]", "Clear specs", [[6, 10]]),
    ]
    assert data["count"] == 2
    only = run("-j", str(history), "search", "spec", "--kind", "feedback", "--json").json()
    assert [h["kind"] for h in only["hits"]] == ["feedback"]
    since = run("-j", str(history), "search", "spec", "--since", "2026-11-01", "--json").json()
    assert [h["date"] for h in since["hits"]] == ["2026-11-02"]


def test_search_reports_the_line_of_a_long_note(run: Run, journal: Path) -> None:
    long_line = "word " * 40 + "needle " + "word " * 40
    run("-j", str(journal), "session", "add", "--notes", f"first line\n{long_line}\nlast")
    (hit,) = run("-j", str(journal), "search", "Needle", "--json").json()["hits"]
    (match,) = hit["matches"]
    assert match["field"] == "notes" and match["line"] == 2
    # The whole line, in JSON and piped; a screen cuts it around the match.
    assert match["text"] == long_line.strip() and not match["cut_before"]
    start, end = match["spans"][0]
    assert match["text"][start:end] == "needle"
    piped = run("-j", str(journal), "search", "needle").stdout
    assert long_line.strip() in piped
    shown = unstyled(run("-j", str(journal), "search", "needle", env=screen_env(60)).stdout)
    (line,) = [line for line in shown.splitlines() if "needle" in line]
    assert len(line) <= 60 and line.count("…") == 2


def test_search_on_a_terminal_highlights_the_match(run: Run, history: Path) -> None:
    out = run("-j", str(history), "search", "cut scope").stdout
    assert "text: Learned to cut scope" in out
    assert out.rstrip().endswith("1 matching line in 1 entry")
    none = run("-j", str(history), "search", "zebra")
    assert none.exit_code == 0 and "Nothing matches 'zebra'." in none.stdout
    assert run("-j", str(history), "search", "  ").exit_code == 2


def test_stats(run: Run, history: Path) -> None:
    data = run("-j", str(history), "stats", "--json").json()
    # 2026-11-23 is a Monday: 52 weeks starting Monday 2025-12-01.
    assert data["since"] == "2025-12-01" and len(data["weeks"]) == 52
    assert data["totals"] == {"sessions": 3, "reflections": 1, "feedback": 2}
    week = next(w for w in data["weeks"] if w["start"] == "2026-11-02")
    assert (week["feedback"], week["reflections"]) == (2, 1)
    assert data["active_weeks"] == 4  # weeks of 07-20, 08-17, 09-28 and 11-02
    assert data["goals"]["counts"] == {"active": 2, "paused": 0, "achieved": 0, "dropped": 0}
    assert data["goals"]["percent"]["active"] == 100


def test_stats_heatmap_fits_80_and_uses_two_columns_at_120(run: Run) -> None:
    narrow = unstyled(run("-j", str(EXAMPLE), "stats", env=screen_env(80)).stdout)
    assert all(len(line) <= 80 for line in narrow.splitlines())
    row = next(line for line in narrow.splitlines() if line.startswith("Sessions"))
    assert row.endswith(" 9") and len(row) == 13 + 52 + 2
    assert "Achieved  ██████████░░░░░░░░░░░░░░░░░░░░  33%  (1)" in narrow
    wide = unstyled(run("-j", str(EXAMPLE), "stats", env=screen_env(120)).stdout)
    row = next(line for line in wide.splitlines() if line.startswith("Sessions"))
    assert len(row) == 13 + 104 + 2
    assert all(len(line) <= 120 for line in wide.splitlines())


def test_search_by_goal_finds_what_the_timeline_lists_for_it(run: Run, tmp_path: Path) -> None:
    """search reads one kind at a time: with --goal it keeps, in date order across kinds,
    exactly the hits of entries the goal's timeline lists (the goal itself included)."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    everything = run("-j", str(journal), "search", "the", "--json").json()["hits"]
    assert len({h["kind"] for h in everything}) >= 4
    itself = []  # whether each goal's own text matched
    for goal in run("-j", str(journal), "goal", "list", "--json").json()["goals"]:
        listed = run("-j", str(journal), "timeline", "--goal", goal["handle"], "--json").json()
        ids = {row["id"] for row in listed["entries"]}
        found = run("-j", str(journal), "search", "the", "--goal", goal["handle"], "--json")
        found = found.json()
        assert found["hits"] == [h for h in everything if h["id"] in ids]
        matched = {h["id"] for h in found["hits"]}
        entries = [row for row in listed["entries"] if row["kind"] in ENTRY_KINDS]
        assert matched == {row["id"] for row in entries if row["id"] in matched}
        days = [h["date"] for h in found["hits"]]
        assert days == sorted(days)  # date order across kinds, each hit by its own date
        assert len({h["kind"] for h in found["hits"]}) >= 2
        itself.append(goal["id"] in {h["id"] for h in found["hits"]})
    assert any(itself)


def test_search_and_timeline_name_each_bad_file_once(run: Run, tmp_path: Path) -> None:
    """Each kind is read on its own, yet each problem is told once, as by a command reading
    every kind at once (a relationship change's problems come with every kind's read)."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    (journal / "questions" / "2026-01-01-broken00000a.toml").write_text("text = \n")
    mentors = journal / "changes" / "mentors" / "2026"
    (mentors / "2026-01-01-broken00000b.toml").write_text('change = "add"\n')
    result = run("-j", str(journal), "search", "talk")
    assert result.exit_code == 0 and "matching line" in result.stdout
    assert result.stderr.count("broken00000a") == 1
    assert result.stderr.count("broken00000b") == 1  # one line, its two missing fields
    assert "(and 1 more problem)" in result.stderr
    # As a command reading every kind at once says them (status), and timeline, which reads
    # kind by kind too.
    assert result.stderr == run("-j", str(journal), "status").stderr
    assert result.stderr == run("-j", str(journal), "timeline").stderr
