"""A journal shared through git: two machines and a mentor change it on the same day, then merge.

Real git, a bare remote and several clones in temporary folders. Priya works on her laptop (A)
and her desktop (B); Daniel, her mentor, has a clone (M) where mentorlog never ran before the
merge and nothing was set up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import Git, Run


@pytest.fixture
def clones(tmp_path: Path, run: Run, git: Git) -> dict[str, Path]:
    """A bare remote; A made the journal and pushed it; B and M are plain clones of it."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(tmp_path, "config", "--global", "user.name", "Priya Shah")  # her machines
    a = tmp_path / "a"
    assert (
        run("init", str(a), "--owner", "Priya Shah", "--mentor", "Daniel Okafor", "--git").exit_code
        == 0
    )
    git(a, "remote", "add", "origin", str(remote))
    seed = [
        (
            "goal",
            "add",
            "Give a talk",
            "--measure",
            "Talk given",
            "--due",
            "2027-01-31",
            "-m",
            "Outline",
            "-m",
            "Slides",
            "-t",
            "speaking",
        ),
        ("goal", "add", "Learn Rust", "--measure", "A tool shipped", "--due", "2027-06-30"),
        (
            "session",
            "add",
            "--date",
            "2026-11-02",
            "--title",
            "Kick-off",
            "--notes",
            "Hello",
            "--action",
            "Send the CFP",
            "--action",
            "Book a room",
            "--goal",
            "give-a-talk",
        ),
        ("ask", "Slides or live code?"),
        ("ask", "How do I say no?"),
    ]
    for args in seed:
        result = run("-j", str(a), *args)
        assert result.exit_code == 0, (args, result.stderr)
    assert run("-j", str(a), "sync").exit_code == 0
    for name, who in (("b", "Priya Shah"), ("m", "Daniel Okafor")):
        git(tmp_path, "clone", "--quiet", str(remote), name)
        git(tmp_path / name, "config", "user.name", who)
    return {"a": a, "b": tmp_path / "b", "m": tmp_path / "m", "remote": remote}


def on(run: Run, journal: Path, *args: str, input: str | None = None) -> None:
    result = run("-j", str(journal), *args, input=input)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)


def both_sides(run: Run, a: Path, b: Path) -> None:
    """Every writing command, on each side, on the same day."""
    on(run, a, "goal", "progress", "give-a-talk", "30", "--note", "Outline drafted")
    on(run, b, "goal", "progress", "give-a-talk", "40", "--note", "Slides started")
    on(run, a, "goal", "progress", "learn-rust", "10", "--note", "Same on both")
    on(run, b, "goal", "progress", "learn-rust", "10", "--note", "Same on both")
    on(run, a, "goal", "milestone", "give-a-talk", "Dry run")
    on(run, b, "goal", "milestone", "give-a-talk", "Dry run", "--due", "2026-12-20")
    on(run, b, "goal", "milestone", "give-a-talk", "Book the venue")
    on(run, a, "goal", "achieve", "give-a-talk", "1", "--date", "2026-11-20")
    on(run, b, "goal", "achieve", "give-a-talk", "outline", "--date", "2026-11-18")
    on(run, a, "goal", "edit", "give-a-talk", "--due", "2027-02-28")
    on(run, b, "goal", "edit", "give-a-talk", "--due", "2027-03-31", "--why", "Next role")
    on(run, a, "goal", "pause", "learn-rust", "--note", "Busy quarter")
    on(run, b, "goal", "drop", "learn-rust", "--note", "Not for me")
    on(run, a, "action", "done", "send the", "--date", "2026-11-21")
    on(run, b, "action", "done", "send the", "--date", "2026-11-19")
    on(
        run,
        a,
        "session",
        "add",
        "--title",
        "Laptop session",
        "--notes",
        "From A",
        "--discussed",
        "slides or",
        "--action",
        "Write the outline",
    )
    on(
        run,
        b,
        "session",
        "add",
        "--title",
        "Desktop session",
        "--notes",
        "From B",
        "--discussed",
        "slides or",
        "--done",
        "book a room",
    )
    on(run, a, "reflect", "Learned to cut scope", "--goal", "give-a-talk")
    on(
        run,
        b,
        "feedback",
        "add",
        "--received",
        "--from",
        "Daniel Okafor",
        "--strength",
        "Clear outline",
        "--goal",
        "give-a-talk",
    )
    on(run, a, "ask", "Asked on A")
    on(run, b, "ask", "Asked on B")
    on(run, a, "mentor", "add", "Bo Chen", "--cadence", "14")
    on(run, b, "mentor", "add", "Cy Diaz", "--cadence", "21")
    on(run, b, "mentor", "add", "Bo Chen", "--cadence", "7")


def state(run: Run, journal: Path) -> dict[str, Any]:
    def get(*args: str) -> Any:
        result = run("-j", str(journal), *args, "--json")
        assert result.exit_code == 0, (args, result.stderr)
        return result.json()

    return {
        "talk": get("goal", "show", "give-a-talk"),
        "rust": get("goal", "show", "learn-rust"),
        "status": get("status"),
        "sessions": get("session", "list"),
        "actions": get("action", "list", "--all"),
        "mentors": get("mentor", "list"),
        "feedback": get("feedback", "list"),
        "timeline": get("timeline"),
    }


def test_a_day_on_two_machines_merges_with_plain_git_pull(
    run: Run, git: Git, clones: dict[str, Path]
) -> None:
    a, b, m = clones["a"], clones["b"], clones["m"]
    both_sides(run, a, b)
    # Every change is committed by the command that made it.
    assert git(a, "status", "--porcelain") == "" and git(b, "status", "--porcelain") == ""
    # A publishes with mentorlog; B and the mentor use nothing but git.
    assert run("-j", str(a), "sync").exit_code == 0
    pulled = git(b, "pull", "--no-edit")
    assert "CONFLICT" not in pulled
    git(b, "push", "--quiet")
    assert run("-j", str(a), "sync").exit_code == 0
    assert "CONFLICT" not in git(m, "pull", "--no-edit")
    for clone in (a, b, m):
        assert git(clone, "ls-files", "--unmerged") == ""
        result = run("-j", str(clone), "check")
        assert result.exit_code == 0, result.stdout
    views = [state(run, clone) for clone in (a, b, m)]
    assert views[0] == views[1] == views[2]

    talk = views[0]["talk"]
    # Both check-ins, once each, in the order they were made; the identical one counts once.
    assert [(c["progress"], c["note"]) for c in talk["checkins"]] == [
        (30, "Outline drafted"),
        (40, "Slides started"),
    ]
    assert [c["progress"] for c in views[0]["rust"]["checkins"]] == [10]
    # The milestone added on both sides is one milestone, reached once, at the earlier date.
    assert [(ms["title"], ms["done"], ms["due"]) for ms in talk["milestones"]] == [
        ("Outline", "2026-11-18", None),
        ("Slides", None, None),
        ("Dry run", None, "2026-12-20"),
        ("Book the venue", None, None),
    ]
    # The due date set on both: the later change wins, the earlier stays in the history.
    assert talk["due"] == "2027-03-31" and talk["smart"]["why"] == "Next role"
    assert [
        (e["field"], e["old"], e["new"])
        for e in talk["edits"]
        if e["field"] == "due" and not e["milestone"]
    ] == [("due", "2027-01-31", "2027-02-28"), ("due", "2027-02-28", "2027-03-31")]
    # The second "Dry run" brought its due date: a change to the one milestone, kept too.
    assert [(e["old"], e["new"]) for e in talk["edits"] if e["milestone"] == "Dry run"] == [
        ("", "2026-12-20")
    ]
    # Status set on both: paused, then dropped (the later), both in the history.
    rust = views[0]["rust"]
    assert rust["status"] == "dropped"
    assert [h["status"] for h in rust["status_history"]] == ["paused", "dropped"]
    # The action done on both is done once, at the earlier date; the other one done by B.
    actions = {r["text"]: r["done"] for r in views[0]["actions"]["actions"]}
    assert actions["Send the CFP"] == "2026-11-19" and actions["Book a room"] == "2026-11-23"
    assert actions["Write the outline"] is None
    # Sessions, reflections, feedback and questions from both sides, each once.
    titles = [s["title"] for s in views[0]["sessions"]["sessions"]]
    assert sorted(titles) == ["Desktop session", "Kick-off", "Laptop session"]
    assert len(views[0]["feedback"]["feedback"]) == 1
    questions = [q["text"] for q in views[0]["status"]["questions"]]
    assert sorted(questions) == ["Asked on A", "Asked on B", "How do I say no?"]
    # Relationships added on both: Bo once (B's later cadence wins), Cy once.
    mentors = {r["mentor"]: r["cadence_days"] for r in views[0]["mentors"]["mentors"]}
    assert mentors == {"Daniel Okafor": 30, "Bo Chen": 7, "Cy Diaz": 21}
    # The timeline shows who recorded each change, now that two people wrote here.
    checkins = [e for e in views[0]["timeline"]["entries"] if e["kind"] == "check-in"]
    assert views[0]["timeline"]["shared"] is False  # both machines are Priya's
    assert {c["author"] for c in checkins} == {"Priya Shah"}


def test_the_mentors_feedback_reaches_the_mentee_with_its_author(
    run: Run, git: Git, clones: dict[str, Path]
) -> None:
    a, m = clones["a"], clones["m"]
    on(
        run,
        m,
        "feedback",
        "add",
        "--given",
        "--to",
        "Priya Shah",
        "--strength",
        "Calm under questions",
        "--goal",
        "give-a-talk",
    )
    on(run, m, "goal", "progress", "give-a-talk", "35", "--note", "Seen in the review")
    assert run("-j", str(m), "sync").exit_code == 0
    on(run, a, "goal", "progress", "give-a-talk", "45")
    result = run("-j", str(a), "sync")
    assert result.exit_code == 0, result.stderr
    assert "From origin/main: 1 check-in, 1 feedback." in result.stdout
    assert "(by Daniel Okafor)" in result.stdout
    timeline = run("-j", str(a), "timeline", env={"COLUMNS": "200"}).stdout
    assert "by Daniel Okafor" in timeline and "by Priya Shah" in timeline
    status = run("-j", str(a), "status", "--json").json()
    assert status["shared"] is True
    assert {r["author"] for r in status["recent"]} >= {"Daniel Okafor", "Priya Shah"}


def test_the_same_goal_added_on_two_machines(run: Run, git: Git, clones: dict[str, Path]) -> None:
    a, b = clones["a"], clones["b"]
    on(run, a, "goal", "add", "Run a workshop", "--measure", "m", "--due", "2027-01-01")
    on(run, b, "goal", "add", "Run a workshop", "--measure", "m", "--due", "2027-01-01")
    on(run, b, "goal", "progress", "run-a-workshop", "20")
    assert run("-j", str(b), "sync").exit_code == 0
    assert run("-j", str(a), "sync").exit_code == 0
    assert run("-j", str(a), "check").exit_code == 0  # a warning, not a problem
    assert "recorded twice" in run("-j", str(a), "check").stdout
    # Reports show it once, and say so.
    listed = run("-j", str(a), "goal", "list", "--json").json()["goals"]
    assert [g["handle"] for g in listed].count("run-a-workshop") == 1
    warnings = run("-j", str(a), "status", "--json").json()["warnings"]
    assert [w["kind"] for w in warnings].count("duplicate") == 1
    # The slug is ambiguous: both are listed with their ids, and an id still works.
    ambiguous = run("-j", str(a), "goal", "show", "run-a-workshop")
    assert ambiguous.exit_code == 1 and "more than one goal" in ambiguous.stderr
    ids = [
        line.split("(")[1].split(")")[0]
        for line in ambiguous.stderr.splitlines()
        if line.startswith("  run-a-workshop (")
    ]
    assert len(ids) == 2
    second = ids[1]
    assert run("-j", str(a), "goal", "show", second).exit_code == 0
    # One is renamed; both are then goals of their own.
    assert run("-j", str(a), "goal", "rename", second, "run-a-workshop-b").exit_code == 0
    assert run("-j", str(a), "goal", "show", "run-a-workshop").exit_code == 0
    assert run("-j", str(a), "goal", "show", "run-a-workshop-b").exit_code == 0
    assert "recorded twice" not in run("-j", str(a), "check").stdout


def test_both_clones_upgrading_a_format_1_journal_merge(
    run: Run, git: Git, tmp_path: Path, fixture_journal: Path
) -> None:
    remote = tmp_path / "old.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(fixture_journal, "init", "--quiet")
    git(fixture_journal, "add", "-A")
    git(fixture_journal, "commit", "--quiet", "-m", "format 1")
    git(fixture_journal, "remote", "add", "origin", str(remote))
    git(fixture_journal, "push", "--quiet", "-u", "origin", "main")
    git(tmp_path, "clone", "--quiet", str(remote), "other")
    other = tmp_path / "other"
    for clone in (fixture_journal, other):
        assert run("-j", str(clone), "upgrade").exit_code == 0
    assert run("-j", str(other), "sync").exit_code == 0
    on(run, fixture_journal, "goal", "progress", "lead-the-billing-service-migration", "65")
    result = run("-j", str(fixture_journal), "sync")
    assert result.exit_code == 0, result.stderr
    assert run("-j", str(fixture_journal), "check").exit_code == 0


def test_commitments_and_plans_revised_on_two_machines(
    run: Run, git: Git, clones: dict[str, Path]
) -> None:
    a, b = clones["a"], clones["b"]
    on(run, a, "action", "edit", "book a", "--due", "2026-12-01")
    on(run, b, "action", "edit", "book a", "--due", "2026-12-05", "--owner", "Daniel Okafor")
    on(run, a, "goal", "milestone-edit", "give-a-talk", "slides", "--due", "2026-12-20")
    on(run, b, "goal", "milestone-remove", "give-a-talk", "outline")
    on(run, a, "session", "add", "--title", "A", "--notes", "a", "--rating", "4")
    on(run, b, "mentor", "review", "daniel", input="Yes\nYes\nYes\nNothing\n")
    on(run, a, "win", "Talk accepted")
    on(run, b, "win", "Talk accepted")  # the same win on both: shown once
    on(run, b, "action", "drop", "send the")
    assert run("-j", str(a), "sync").exit_code == 0
    assert "CONFLICT" not in git(b, "pull", "--no-edit")
    for clone in (a, b):
        assert run("-j", str(clone), "check").exit_code == 0
    talk = run("-j", str(b), "goal", "show", "give-a-talk", "--json").json()
    assert [(m["title"], m["due"]) for m in talk["milestones"]] == [("Slides", "2026-12-20")]
    actions = {
        x["text"]: x
        for x in run("-j", str(b), "action", "list", "--all", "--json").json()["actions"]
    }
    assert actions["Book a room"]["due"] == "2026-12-05"  # B's edit came later
    assert actions["Book a room"]["owner"] == "Daniel Okafor"
    assert actions["Send the CFP"]["dropped"] is not None
    report = run("-j", str(b), "report", "--json").json()
    assert [w["title"] for w in report["wins"] if w["kind"] == "win"] == ["Talk accepted"]
    daniel = next(r for r in report["relationships"] if r["mentor"] == "Daniel Okafor")
    assert daniel["latest_review"]["answers"][-1]["answer"] == "Nothing"
    assert daniel["ratings"]["average"] == 4.0
