"""A small journal built through the real CLI, day by day, whose figures are worked out by hand.

Ana Ruiz mentors Sam Lee every 30 days from 2026-07-01. Today is 2026-11-23 (a Monday).

    07-01  goal "Ship the API" (#work; due 2026-12-31), milestones Design (due 08-01),
           Beta (due 10-15), Launch (due 12-01), Docs (due 11-01)
    07-10  ship-the-api 20%
    07-20  session (ship-the-api), action "Write spec", next meeting 08-20
    07-28  milestone Design reached
    08-20  session (no goal), action "Book review" (no next meeting, so no due date)
    09-05  ship-the-api 45%
    10-01  goal "Run a workshop" (no measure, no due date)
    10-02  session (ship-the-api), action "Invite team", next meeting 10-30
    10-10  "Write spec" done
    10-20  milestone Beta reached (5 days late); ship-the-api 70%
    11-02  feedback received from Ana: strength "Clear specs", improve "Shorter demos"
    11-03  feedback given to Kim: strength "Fast reviews"
    11-04  reflection "Learned to cut scope" (#work)
    11-05  question "How to price workshops?"
    11-15  run-a-workshop 30%
"""

from __future__ import annotations

from pathlib import Path

from conftest import Run


def build_history(run: Run, root: Path) -> Path:
    def on(day: str, *args: str) -> None:
        result = run("-j", str(root), *args, env={"MENTORLOG_TODAY": f"2026-{day}"})
        assert result.exit_code == 0, (args, result.stderr)

    first = run(
        "init",
        str(root),
        "--owner",
        "Sam Lee",
        "--mentor",
        "Ana Ruiz",
        "--cadence",
        "30",
        env={"MENTORLOG_TODAY": "2026-07-01"},
    )
    assert first.exit_code == 0, first.stderr
    on(
        "07-01",
        "goal",
        "add",
        "Ship the API",
        "--measure",
        "Endpoints live",
        "--due",
        "2026-12-31",
        "-t",
        "work",
    )
    for title, due in (
        ("Design", "08-01"),
        ("Beta", "10-15"),
        ("Launch", "12-01"),
        ("Docs", "11-01"),
    ):
        on("07-01", "goal", "milestone", "ship-the-api", title, "--due", f"2026-{due}")
    on("07-10", "goal", "progress", "ship-the-api", "20")
    on(
        "07-20",
        "session",
        "add",
        "--notes",
        "Kick-off",
        "--goal",
        "ship-the-api",
        "--action",
        "Write spec",
        "--next",
        "2026-08-20",
    )
    on("07-28", "goal", "achieve", "ship-the-api", "design")
    on("08-20", "session", "add", "--notes", "Catch-up", "--action", "Book review")
    on("09-05", "goal", "progress", "ship-the-api", "45")
    on("10-01", "goal", "add", "Run a workshop")
    on(
        "10-02",
        "session",
        "add",
        "--notes",
        "Planning the beta",
        "--goal",
        "ship-the-api",
        "--action",
        "Invite team",
        "--next",
        "2026-10-30",
    )
    on("10-10", "action", "done", "write spec")
    on("10-20", "goal", "achieve", "ship-the-api", "beta")
    on("10-20", "goal", "progress", "ship-the-api", "70")
    on(
        "11-02",
        "feedback",
        "add",
        "--received",
        "--from",
        "Ana Ruiz",
        "--strength",
        "Clear specs",
        "--improve",
        "Shorter demos",
    )
    on("11-03", "feedback", "add", "--given", "--to", "Kim", "--strength", "Fast reviews")
    on("11-04", "reflect", "Learned to cut scope", "-t", "work")
    on("11-05", "ask", "How to price workshops?")
    on("11-15", "goal", "progress", "run-a-workshop", "30")
    return root
