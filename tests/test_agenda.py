"""The agenda for the next session, and the session template built from the same data."""

from __future__ import annotations

import sys
from pathlib import Path

from markdown_it import MarkdownIt

from conftest import EXAMPLE, Run, screen_env, snapshot, unstyled


def test_agenda_figures(run: Run, history: Path) -> None:
    before = snapshot(history)
    data = run("-j", str(history), "agenda", "--json").json()
    assert snapshot(history) == before  # reports never write
    # The meeting planned for 10-30 has passed: no next meeting, so the horizon is one
    # cadence ahead (2026-11-23 + 30 days).
    assert data["next_meeting"] is None and data["horizon"] == "2026-12-23"
    assert [(a["text"], a["overdue"], a["session"]["date"]) for a in data["actions"]] == [
        ("Invite team", True, "2026-10-02"),
        ("Book review", False, "2026-08-20"),
    ]
    assert [(m["title"], m["overdue"], m["days_left"]) for m in data["milestones"]] == [
        ("Docs", True, -22),
        ("Launch", False, 8),
    ]
    # ship-the-api: last check-in 10-20, last discussed 10-02: 34 days > 30.
    assert [
        (g["handle"], g["days_since"], g["last_checkin"], g["last_discussed"])
        for g in data["goals_to_review"]
    ] == [("ship-the-api", 34, "2026-10-20", "2026-10-02")]
    assert [q["text"] for q in data["questions"]] == ["How to price workshops?"]
    # Overdue actions and milestones are agenda items, not warnings as well.
    # No review of the relationship yet, after sessions: one is due.
    assert [w["kind"] for w in data["warnings"]] == ["cadence", "review", "smart"]


def test_agenda_on_screen(run: Run, history: Path) -> None:
    result = run("-j", str(history), "agenda", env=screen_env(80))
    assert result.exit_code == 0, result.stderr
    out = unstyled(result.stdout)
    assert out.startswith("Agenda for the next session (no date set)")
    assert "Action items to follow up (2)" in out and "2026-10-30 overdue" in out
    assert "Milestones due by 2026-12-23 (2)" in out and "22 days late" in out
    assert "Goals not discussed in 30 days (1)" in out
    assert "? How to price workshops?" in out
    assert "52 days since you met Ana Ruiz" in out
    assert out.count("Invite team") == 1
    assert all(len(line) <= 80 for line in out.splitlines())


def test_next_meeting_sets_the_horizon(run: Run, history: Path) -> None:
    run("-j", str(history), "session", "add", "--notes", "Today", "--next", "2026-11-30")
    data = run("-j", str(history), "agenda", "--json").json()
    assert data["next_meeting"] == {
        "date": "2026-11-30",
        "at": None,
        "mentor": "Ana Ruiz",
        "days_away": 7,
    }
    assert data["horizon"] == "2026-11-30"
    assert [m["title"] for m in data["milestones"]] == ["Docs"]  # Launch is due after it
    assert "cadence" not in [w["kind"] for w in data["warnings"]]
    # Today's session did not name the goal: it is still 34 days since it was touched.
    assert [g["days_since"] for g in data["goals_to_review"]] == [34]


def test_agenda_markdown_is_commonmark(run: Run, history: Path) -> None:
    text = run("-j", str(history), "agenda", "--markdown").stdout
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Agenda for the next session (no date set)",
        "Since we last met",
        "Action items to follow up",
        "Milestones due by 2026-12-23",
        "Goals not discussed in 30 days",
        "Questions",
        "Needs attention",
    ]
    html = MarkdownIt("commonmark").render(text)
    assert "<strong>Overdue:</strong> Invite team" in html


def test_agenda_for_one_mentor_and_unknown_mentor(run: Run, history: Path) -> None:
    assert run("-j", str(history), "agenda", "--mentor", "ana ruiz").exit_code == 0
    result = run("-j", str(history), "agenda", "--mentor", "Nobody")
    assert result.exit_code == 1 and "No mentor matches 'Nobody'" in result.stderr


def test_json_and_markdown_together_is_a_usage_error(run: Run) -> None:
    result = run("-j", str(EXAMPLE), "agenda", "--json", "--markdown")
    assert result.exit_code == 2 and "--json" in result.stderr


def test_session_template_is_the_agenda(run: Run, history: Path, tmp_path: Path) -> None:
    """`session add` lists the agenda's items in the agenda's order, and ticks work."""
    seen = tmp_path / "seen.md"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\np = sys.argv[1]\nt = open(p).read()\n"
        f"open({str(seen)!r}, 'w').write(t)\n"
        "t = t.replace('Notes:\\n', 'Notes:\\nWent through the agenda\\n')\n"
        "t = t.replace('[ ] ship-the-api', '[x] ship-the-api')\n"
        "t = t.replace('[ ] ', '[x] ', 1)\n"
        "open(p, 'w').write(t)\n"
    )
    agenda = run("-j", str(history), "agenda", "--json").json()
    result = run(
        "-j", str(history), "session", "add", "--edit", env={"EDITOR": f"{sys.executable} {script}"}
    )
    assert result.exit_code == 0, result.stderr
    template = seen.read_text()
    action_lines = [
        line
        for line in template.splitlines()
        if line.startswith("[ ] ") and any(a["handle"] in line for a in agenda["actions"])
    ]
    assert [line.split()[3] for line in action_lines] == ["Invite", "Book"]
    assert "OVERDUE" in action_lines[0]
    assert (
        "[ ] ship-the-api  Ship the API (milestone 'Docs' late; milestone 'Launch' due "
        "2026-12-01; not discussed in 34 days)" in template
    )
    assert "How to price workshops?" in template
    after = run("-j", str(history), "agenda", "--json").json()
    assert [a["text"] for a in after["actions"]] == ["Book review"]  # Invite team ticked
    sessions = run("-j", str(history), "session", "list", "--json").json()["sessions"]
    latest = run("-j", str(history), "session", "show", sessions[-1]["handle"], "--json").json()
    assert [g["handle"] for g in latest["goals"]] == ["ship-the-api"]
    assert after["goals_to_review"] == []


def test_agenda_on_the_example_journal(run: Run) -> None:
    data = run("-j", str(EXAMPLE), "agenda", "--json").json()
    assert data["next_meeting"]["date"] == "2026-12-03"
    assert data["next_meeting"]["mentor"] == "Daniel Okafor"
    assert data["actions"][0]["text"] == "Submit the talk to one conference"
    assert [m["title"] for m in data["milestones"]] == ["Shadow traffic at 10%"]
    assert len(data["questions"]) == 2
