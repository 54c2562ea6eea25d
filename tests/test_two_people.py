"""Two people, one journal: who wrote what, to whom, and each relationship on its own.

Priya owns the journal; Daniel, her mentor, writes in a clone of his own, with real git. Each
entry says who wrote it, and every screen reads it from Priya's side.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from conftest import Git, Run

PRIYA = {"GIT_AUTHOR_NAME": "Priya Shah", "GIT_COMMITTER_NAME": "Priya Shah"}


def test_feedback_a_mentor_gave_is_feedback_the_owner_received(
    run: Run, pair: tuple[Path, Path]
) -> None:
    priya, daniel = pair
    given = run(
        "-j", str(daniel), "feedback", "add", "--given", "--to", "Priya Shah",
        "--strength", "Clear outline", "--goal", "give-a-talk",
    )  # fmt: skip
    assert given.exit_code == 0, given.stderr
    assert run("-j", str(daniel), "sync").exit_code == 0
    assert run("-j", str(priya), "sync").exit_code == 0
    (row,) = run("-j", str(priya), "feedback", "list", "--direction", "received", "--json").json()[
        "feedback"
    ]
    assert (row["direction"], row["from"], row["to"], row["author"]) == (
        "received", "Daniel Okafor", "Priya Shah", "Daniel Okafor",
    )  # fmt: skip
    assert (
        run("-j", str(priya), "feedback", "list", "--direction", "given", "--json").json()[
            "feedback"
        ]
        == []
    )
    screen = run("-j", str(priya), "feedback", "list").stdout
    assert "← received from Daniel Okafor" in screen and "recorded by Daniel Okafor" in screen
    report = run("-j", str(priya), "report", "--format", "markdown").stdout
    received = report.split("Received")[1].split("###")[0]
    assert "Clear outline" in received and "Daniel Okafor" in received
    # In Daniel's own clone the same entry reads from Priya's side too: it is her journal.
    (his,) = run("-j", str(daniel), "feedback", "list", "--json").json()["feedback"]
    assert his["direction"] == "received" and his["from"] == "Daniel Okafor"


def test_feedback_written_the_old_way_reads_right(run: Run, pair: tuple[Path, Path]) -> None:
    """mentorlog 0.3 put the owner on the side a mentor left empty: from = to = the owner,
    written by the mentor. It reads as what it was: given by its writer."""
    priya, _ = pair
    old = priya / "feedback" / "2026-11-20-oldfeedback1.toml"
    old.write_text(
        'id = "oldfeedback1"\ndate = 2026-11-20\ndirection = "given"\nfrom = "Priya Shah"\n'
        'to = "Priya Shah"\nstrengths = ["Good pacing"]\ncreated = 2026-11-20 10:00:00+00:00\n'
        'author = "Daniel Okafor"\n'
    )
    (row,) = run("-j", str(priya), "feedback", "list", "--json").json()["feedback"]
    assert (row["direction"], row["from"], row["to"]) == ("received", "Daniel Okafor", "Priya Shah")


def test_a_clone_that_knows_no_name_says_so_once(
    run: Run, pair: tuple[Path, Path], git: Git, isolated_user: Path
) -> None:
    _, daniel = pair
    git(daniel, "config", "--unset", "user.name")
    (isolated_user / ".gitconfig").write_text("[user]\n\temail = someone@example.invalid\n")
    first = run("-j", str(daniel), "ask", "Who wrote this?")
    assert first.exit_code == 0
    assert (
        "no name is known for you here" in first.stderr and "git config user.name" in first.stderr
    )
    second = run("-j", str(daniel), "ask", "And this?")
    assert second.exit_code == 0 and "no name is known" not in second.stderr
    log = git(daniel, "log", "-2", "--format=%an")
    assert log.split() == ["Priya", "Shah", "Priya", "Shah"]  # the owner's, as it said


def test_several_mentors_a_session_is_with_one(run: Run, pair: tuple[Path, Path]) -> None:
    priya, _ = pair
    assert (
        run("-j", str(priya), "mentor", "add", "Maya Lindqvist", "--cadence", "14").exit_code == 0
    )
    refused = run("-j", str(priya), "session", "add", "--notes", "Which one?")
    assert refused.exit_code == 2
    assert "--mentor NAME" in refused.stderr and "mentorlog mentor default NAME" in refused.stderr
    assert run("-j", str(priya), "mentor", "default", "maya").exit_code == 0
    added = run("-j", str(priya), "session", "add", "--notes", "With the default")
    assert added.exit_code == 0, added.stderr
    (session,) = run("-j", str(priya), "session", "list", "--json").json()["sessions"]
    assert session["mentor"] == "Maya Lindqvist"
    assert run("-j", str(priya), "mentor", "default", "--clear").exit_code == 0
    assert run("-j", str(priya), "session", "add", "--notes", "Again?").exit_code == 2


def _two_relationships(run: Run, root: Path) -> None:
    for step in (
        ("mentor", "add", "Maya Lindqvist", "--cadence", "14"),
        ("goal", "add", "Tell a better story", "--mentor", "maya", "-m", "Outline@2026-08-01"),
        ("goal", "add", "Ship the API", "--mentor", "daniel", "-m", "Spec@2026-11-01"),
        ("ask", "How do I open the talk?", "--mentor", "maya"),
        ("ask", "Which API style?", "--mentor", "daniel"),
        ("session", "add", "--mentor", "maya", "--notes", "m", "--action", "Send Maya slides"),
        ("session", "add", "--mentor", "daniel", "--notes", "d", "--action", "Send Daniel spec"),
    ):
        result = run("-j", str(root), *step)
        assert result.exit_code == 0, (step, result.stderr)


def test_each_relationship_alone(run: Run, pair: tuple[Path, Path], tmp_path: Path) -> None:
    priya, _ = pair
    _two_relationships(run, priya)
    agenda = run("-j", str(priya), "agenda", "--mentor", "daniel", "--markdown").stdout
    assert "Ship the API" in agenda and "Which API style?" in agenda
    assert "Tell a better story" not in agenda and "open the talk" not in agenda
    assert "Send Maya slides" not in agenda and "Send Daniel spec" in agenda
    every = run("-j", str(priya), "agenda", "--markdown").stdout
    assert every.startswith("# Agenda for") and "every relationship" in every.splitlines()[0]
    report = run("-j", str(priya), "report", "--format", "markdown").stdout
    sessions = report.split("## Sessions")[1].split("\n## ")[0]
    daniel_block = sessions.split("### Daniel Okafor")[1].split("###")[0]
    maya_block = sessions.split("### Maya Lindqvist")[1].split("###")[0]
    assert ": d" in daniel_block and ": m" not in daniel_block
    assert ": m" in maya_block and ": d" not in maya_block
    # The session template offers that relationship's items alone.
    capture = tmp_path / "template.txt"
    editor = tmp_path / "editor"
    editor.write_text(
        f"#!{sys.executable}\nimport shutil, sys\nshutil.copy(sys.argv[1], {str(capture)!r})\n"
    )
    editor.chmod(0o755)
    run(
        "-j", str(priya), "session", "add", "--mentor", "daniel", "--edit",
        env={"EDITOR": str(editor), "VISUAL": str(editor)},
    )  # fmt: skip
    template = capture.read_text()
    assert "Send Daniel spec" in template and "Send Maya slides" not in template
    assert "Which API style?" in template and "open the talk" not in template


def test_roster_names_one_relationship_or_refuses(
    run: Run, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    priya, _ = pair
    _two_relationships(run, priya)
    unknown = run("roster", str(priya), "--mentor", "Zed")
    assert unknown.exit_code == 1 and "Zed" in unknown.stderr and "Daniel Okafor" in unknown.stderr
    (row,) = run("roster", str(priya), "--mentor", "okafor", "--json").json()["mentees"]
    assert row["mentors"] == ["Daniel Okafor"]
    # Daniel's goal and the one tied to no mentor; not Maya's.
    assert row["active_goals"] == 2 and row["open_questions"] == 1
    assert os.environ.get("MENTORLOG_AUTHOR") is None


def test_two_goals_of_one_title_are_two_goals(run: Run, pair: tuple[Path, Path], git: Git) -> None:
    """Added on two machines before a sync, with a different measure and due date: both are
    shown, each with a handle of its own, and either can be renamed by it."""
    priya, daniel = pair
    mine = run("-j", str(priya), "goal", "add", "Learn Rust", "--measure", "chapters read",
               "--due", "2027-03-01")  # fmt: skip
    theirs = run("-j", str(daniel), "goal", "add", "Learn Rust", "--measure", "a CLI shipped",
                 "--due", "2027-06-01")  # fmt: skip
    assert mine.exit_code == 0 and theirs.exit_code == 0
    assert run("-j", str(daniel), "sync").exit_code == 0
    assert run("-j", str(priya), "sync").exit_code == 0
    goals = run("-j", str(priya), "goal", "list", "--json").json()["goals"]
    rust = [g for g in goals if g["title"] == "Learn Rust"]
    assert {g["due"] for g in rust} == {"2027-03-01", "2027-06-01"}
    handles = [g["handle"] for g in rust]
    assert len(set(handles)) == 2 and "learn-rust" not in handles
    screen = run("-j", str(priya), "goal", "list").stdout
    assert all(handle in screen for handle in handles)
    ambiguous = run("-j", str(priya), "goal", "show", "learn-rust")
    assert ambiguous.exit_code != 0 and all(h in ambiguous.stderr for h in handles)
    for handle in handles:  # each handle names one goal
        shown = run("-j", str(priya), "goal", "show", handle, "--json").json()
        assert shown["title"] == "Learn Rust"
    status = run("-j", str(priya), "status", "--json").json()
    assert any("share the slug learn-rust" in w["message"] for w in status["warnings"])
    renamed = run("-j", str(priya), "goal", "rename", handles[1], "learn-rust-by-shipping")
    assert renamed.exit_code == 0, renamed.stderr
    after = {g["handle"] for g in run("-j", str(priya), "goal", "list", "--json").json()["goals"]}
    assert {"learn-rust", "learn-rust-by-shipping"} <= after


def test_a_goal_recorded_twice_is_still_one_copy(run: Run, pair: tuple[Path, Path]) -> None:
    priya, daniel = pair
    for root in (priya, daniel):
        added = run(
            "-j", str(root), "goal", "add", "Run a 10k", "--measure", "km", "--due", "2027-01-01"
        )
        assert added.exit_code == 0
    assert run("-j", str(daniel), "sync").exit_code == 0
    assert run("-j", str(priya), "sync").exit_code == 0
    goals = run("-j", str(priya), "goal", "list", "--json").json()["goals"]
    assert [g["handle"] for g in goals if g["title"] == "Run a 10k"] == ["run-a-10k"]
