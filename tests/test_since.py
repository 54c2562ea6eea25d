"""`mentorlog since`: what happened after the last session, goal by goal, most important first,
each item dated and signed; read from the journal, so any clone (or no git at all) shows it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import Run


def items(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(goal slug, kind, text) of every item, in the order shown."""
    return [(g["goal"], i["kind"], i["text"]) for g in document["groups"] for i in g["items"]]


@pytest.fixture
def met(jrun: Run) -> Run:
    """A goal with milestones, a session on 2026-11-10, and what happened after it."""

    def ok(*args: str, env: dict[str, str] | None = None) -> None:
        result = jrun(*args, env={"MENTORLOG_TODAY": "2026-11-10", **(env or {})})
        assert result.exit_code == 0, (args, result.stderr)

    ok("goal", "add", "Ship the API", "--measure", "m", "--due", "2027-01-31",
       "-m", "Design", "-m", "Beta")  # fmt: skip
    ok("goal", "add", "Speak up", "--measure", "m")
    ok("goal", "edit", "ship-the-api", "--why", "Growth")
    ok("goal", "milestone-edit", "ship-the-api", "2", "--due", "2026-11-15")
    ok("goal", "progress", "ship-the-api", "20", "--date", "2026-11-01")
    ok("session", "add", "--notes", "we met", "--goal", "ship-the-api",
       "--action", "Write the RFC", "--date", "2026-11-10")  # fmt: skip
    # After the meeting: what `since` is about.
    later = {"MENTORLOG_TODAY": "2026-11-20"}

    def after(*args: str, env: dict[str, str] | None = None) -> None:
        result = jrun(*args, env={**later, **(env or {})})
        assert result.exit_code == 0, (args, result.stderr)

    after("goal", "progress", "ship-the-api", "40", "--note", "RFC out", "--date", "2026-11-12")
    after("goal", "achieve", "ship-the-api", "1", "--date", "2026-11-13")
    after("goal", "pause", "speak-up", "--note", "after the launch")
    handle = jrun("action", "list", "--json").json()["actions"][0]["handle"]
    after("action", "done", handle, "--date", "2026-11-14")
    after("action", "add", "Book the demo", "--goal", "ship-the-api")
    after("ask", "How do I say no?")
    after("reflect", "Calmer than I feared.", "--goal", "speak-up")
    after("win", "First RFC merged")
    after("feedback", "add", "--received", "--from", "Ana Ruiz", "Clear RFC",
          env={"MENTORLOG_AUTHOR": "Ana Ruiz"})  # fmt: skip
    after("ask", "A private worry", "--private")
    return jrun


def test_since_the_last_session_most_important_first(met: Run) -> None:
    result = met("since", "--json", env={"MENTORLOG_TODAY": "2026-11-20"})
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert (data["start_from"], data["start"]) == ("last-session", "2026-11-10")
    assert data["last_session"]["date"] == "2026-11-10"
    shown = items(data)
    kinds = [kind for _, kind, _ in shown]
    # Ship the API comes first: a milestone reached outranks everything.
    assert [g["goal"] for g in data["groups"]] == ["ship-the-api", "speak-up", ""]
    ship = [(k, t) for g, k, t in shown if g == "ship-the-api"]
    assert ship == [
        ("milestone-reached", "Reached: Design"),
        ("milestone-slipped", "Slipped: Beta was due 2026-11-15"),
        ("check-in", "40%: RFC out"),
        ("action-done", "Done: Write the RFC"),
        ("action-added", "Action added: Book the demo"),
    ]
    assert ("speak-up", "goal-status", "Now paused: after the launch") in shown
    assert ("speak-up", "reflection", "Reflection: Calmer than I feared.") in shown
    assert ("", "question", "Question: How do I say no?") in shown
    assert ("", "win", "Win: First RFC merged") in shown
    assert any(k == "feedback" for k in kinds)
    # Before the session: not shown.
    assert not any("20%" in t for _, _, t in shown)
    assert not any(k == "goal-added" for k in kinds)
    feedback = next(i for g in data["groups"] for i in g["items"] if i["kind"] == "feedback")
    assert feedback["author"] == "Ana Ruiz"
    assert all(i["author"] and i["date"] for g in data["groups"] for i in g["items"])
    assert data["count"] == len(shown)


def test_since_on_screen_marks_private_and_markdown_leaves_it_out(met: Run) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-20"}
    screen = met("since", env=env).stdout
    assert "Since the last session (2026-11-10)" in screen
    assert "A private worry" in screen and "(private)" in screen
    assert "by Ana Ruiz" in screen
    markdown = met("since", "--format", "markdown", env=env).stdout
    assert "A private worry" not in markdown
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert tokens[0].tag == "h1"
    mine = met("since", "-f", "markdown", "--include-private", env=env).stdout
    assert "A private worry" in mine and "*(private)*" in mine
    page = met("since", "-f", "html", env=env).stdout
    assert page.startswith("<!DOCTYPE html>") and "A private worry" not in page
    assert "Reached: Design" in page


def test_since_a_day_and_with_no_session_yet(jrun: Run, met: Run) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-20"}
    data = met("since", "--since", "2026-11-13", "--json", env=env).json()
    assert data["start_from"] == "date" and data["last_session"] is None
    shown = items(data)
    assert not any("40%" in t for _, _, t in shown)  # the 12th is before
    assert ("ship-the-api", "milestone-reached", "Reached: Design") in shown
    future = met("since", "--since", "2026-12-01", env=env)
    assert future.exit_code == 2 and "--since" in future.stderr


def test_no_session_yet_covers_the_whole_relationship(jrun: Run) -> None:
    assert jrun("goal", "add", "First goal", "--measure", "m").exit_code == 0
    result = jrun("since")
    assert result.exit_code == 0
    assert "Since the relationship began" in result.stdout and "no session yet" in result.stdout
    data = jrun("since", "--json").json()
    assert data["start_from"] == "relationship-start"
    assert ("first-goal", "goal-added", "Goal set: First goal") in items(data)


def test_since_the_last_session_with_one_mentor(jrun: Run) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-01"}
    assert jrun("mentor", "add", "Bo Chen", "--started", "2026-10-01", env=env).exit_code == 0
    assert jrun("session", "add", "--mentor", "Ana", "--notes", "a", "--date", "2026-10-05",
                env=env).exit_code == 0  # fmt: skip
    assert jrun("session", "add", "--mentor", "Bo", "--notes", "b", "--date", "2026-10-20",
                env=env).exit_code == 0  # fmt: skip
    asked = jrun("ask", "Between the two", env={"MENTORLOG_TODAY": "2026-10-10"})
    assert asked.exit_code == 0, asked.stderr
    ana = jrun("since", "--mentor", "ana", "--json", env=env).json()
    assert ana["start"] == "2026-10-05" and ana["mentor"] == "Ana Ruiz"
    assert ("", "question", "Question: Between the two") in items(ana)
    bo = jrun("since", "--mentor", "Bo Chen", "--json", env=env).json()
    assert bo["start"] == "2026-10-20"
    assert ("", "question", "Question: Between the two") not in items(bo)
    unknown = jrun("since", "--mentor", "Zed", env=env)
    assert unknown.exit_code == 1
    assert "Ana Ruiz" in unknown.stderr and "Bo Chen" in unknown.stderr


def test_the_agenda_opens_with_since_we_last_met(met: Run) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-20"}
    screen = met("agenda", env=env).stdout
    assert screen.index("Since we last met") < screen.index("Action items to follow up")
    assert "Ship the API: Reached: Design" in screen
    assert "more in `mentorlog since`" in screen
    markdown = met("agenda", "--markdown", env=env).stdout
    assert "## Since we last met" in markdown
    assert "**Ship the API**: 2026-11-13: Reached: Design" in markdown
    assert "A private worry" not in markdown
    data = met("agenda", "--json", env=env).json()["since"]
    assert len(data["items"]) == 5 and data["count"] > 5
    assert data["items"][0]["kind"] == "milestone-reached"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_a_clone_where_mentorlog_never_ran_and_a_journal_outside_git(
    met: Run, journal: Path, tmp_path: Path
) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-20"}
    here = met("since", "--json", env=env).json()
    # The journal is not in git: `since` read it from its files alone.
    assert not (journal / ".git").exists() and here["count"] > 5
    _git(journal, "init", "-q")
    _git(journal, "-c", "user.name=Sam Lee", "-c", "user.email=s@x", "add", "-A")
    _git(journal, "-c", "user.name=Sam Lee", "-c", "user.email=s@x", "commit", "-qm", "all")
    clone = tmp_path / "mentor-clone"
    _git(tmp_path, "clone", "-q", str(journal), str(clone))
    # A fresh process with a cache of its own: nothing was ever indexed for this clone.
    out = subprocess.run(
        [sys.executable, "-m", "mentorlog", "-j", str(clone), "since", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "MENTORLOG_CACHE_DIR": str(tmp_path / "other-cache")},
    )
    assert out.returncode == 0, out.stderr
    import json

    there = json.loads(out.stdout)
    # The private question stays on the owner's machine; everything else is the same.
    assert items(there) == [i for i in items(here) if "private worry" not in i[2]]
