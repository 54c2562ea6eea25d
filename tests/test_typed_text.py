"""Nothing typed is dropped: template lines a person writes (whatever they start with), text
from standard input for any text, answers typed before an interruption; and the few facts a
person should hear about (a session in the future, a goal achieved with milestones open)."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import TODAY, Run, snapshot
from terminal import CTRL_D, Terminal


def editor_that(tmp_path: Path, body: str) -> dict[str, str]:
    """$EDITOR as a Python script that rewrites the template it is given (`text`)."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n"
        + body
        + "\nopen(path, 'w').write(text)\n"
    )
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


def latest_session(jrun: Run) -> dict[str, object]:
    handle = jrun("session", "list", "--json").json()["sessions"][-1]["handle"]
    shown: dict[str, object] = jrun("session", "show", handle, "--json").json()
    return shown


# --- the $EDITOR template ----------------------------------------------------------------------


def test_lines_starting_with_a_hash_are_the_persons_too(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    typed = "# Decisions\n#2 priority: rollback\nShip on Friday.\n"
    env = editor_that(
        tmp_path,
        f"text = text.replace('Notes:\\n', 'Notes:\\n' + {typed!r})\n"
        "text = text.replace(\"starting with '- '):\\n- \\n\", "
        "\"starting with '- '):\\n- #3 write the plan\\n\", 1)",
    )
    result = jrun("session", "add", "--edit", env=env)
    assert result.exit_code == 0, result.stderr
    session = latest_session(jrun)
    assert session["notes"] == typed.strip()
    assert [a["text"] for a in session["actions"]] == ["#3 write the plan"]  # type: ignore[attr-defined]


def test_a_mistyped_section_header_keeps_the_tick_and_the_instructions_out(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    assert jrun("goal", "add", "Learn Rust", "-m", f"Read the book@{TODAY}").exit_code == 0
    env = editor_that(
        tmp_path,
        "text = text.replace('Goals on the agenda (put an x', 'Goals on teh agenda (put an x')\n"
        "text = text.replace('[ ] learn-rust', '[x] learn-rust')\n"
        "text = text.replace('Notes:\\n', 'Notes:\\nWe read chapter one.\\n')",
    )
    result = jrun("session", "add", "--edit", env=env)
    assert result.exit_code == 0, result.stderr
    session = latest_session(jrun)
    assert session["notes"] == "We read chapter one."
    assert [g["handle"] for g in session["goals"]] == ["learn-rust"]  # type: ignore[attr-defined]
    assert "was read as 'Goals on the agenda" in result.stderr


def test_a_section_mentorlog_cannot_place_keeps_its_text_and_says_so(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    env = editor_that(
        tmp_path,
        "text = text.replace('Notes:\\n', 'My notes:\\nFirst point\\n# second point\\n')",
    )
    result = jrun("session", "add", "--edit", env=env)
    assert result.exit_code == 0, result.stderr
    notes = str(latest_session(jrun)["notes"])
    assert "My notes:" in notes and "First point" in notes and "# second point" in notes
    assert "fit no section" in result.stderr and "kept at the end of the notes" in result.stderr
    assert "mentorlog's lines are ignored" not in notes  # the template's own words stay out


def test_only_mentorlogs_own_lines_left_cancels(jrun: Run, journal: Path, tmp_path: Path) -> None:
    before = snapshot(journal)
    env = editor_that(tmp_path, "text = text.split('\\n\\n')[0]")  # its instructions alone
    result = jrun("session", "add", "--edit", env=env)
    assert result.exit_code == 1 and "Cancelled" in result.stderr
    assert snapshot(journal) == before


# --- '-' reads standard input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "read"),
    [
        (["ask", "-"], ["agenda", "--json"]),
        (["win", "-"], ["timeline", "--json"]),
        (["goal", "add", "-", "--measure", "talks given"], ["goal", "list", "--json"]),
        (["goal", "add", "Speak", "--why", "-"], ["goal", "show", "speak", "--json"]),
        (["feedback", "add", "--received", "--from", "Ana", "--situation", "-"], None),
    ],
)
def test_a_dash_reads_standard_input_for_any_text(
    jrun: Run, journal: Path, command: list[str], read: list[str] | None
) -> None:
    typed = "Words from a pipe, ünïcode too"
    result = jrun(*command, input=typed + "\n")
    assert result.exit_code == 0, result.stderr
    files = [p.read_text() for p in journal.rglob("*.toml") if p.name != "mentorlog.toml"]
    assert any(f'"{typed}"' in text for text in files), files
    assert not any('= "-"' in text for text in files)
    if read is not None:
        assert typed in jrun(*read).stdout


def test_two_dashes_are_refused_and_nothing_is_written(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("goal", "add", "-", "--why", "-", input="Title\n")
    assert result.exit_code == 2
    assert "--why" in result.stderr and "standard input" in result.stderr
    assert snapshot(journal) == before
    empty = jrun("ask", "-", input="")
    assert empty.exit_code == 2 and "empty" in empty.stderr
    assert snapshot(journal) == before


# --- facts said ------------------------------------------------------------------------------


def test_a_session_in_the_future_gets_a_note(jrun: Run) -> None:
    future = jrun("session", "add", "--date", "next tuesday", "--notes", "Planned")
    assert future.exit_code == 0, future.stderr
    assert "2026-11-24" in future.stderr and "from now" in future.stderr
    today = jrun("session", "add", "--notes", "Today")
    assert today.exit_code == 0 and "from now" not in today.stderr


def test_achieving_a_goal_with_open_milestones_needs_to_be_told(jrun: Run, journal: Path) -> None:
    add = jrun("goal", "add", "Give a talk", "-m", "Outline@2026-11-01", "-m", "Dry run")
    assert add.exit_code == 0
    before = snapshot(journal)
    refused = jrun("goal", "achieve", "give-a-talk")
    assert refused.exit_code != 0
    assert "2 milestones still open" in refused.stderr and "--reach-milestones" in refused.stderr
    assert "Well done" not in refused.stdout and snapshot(journal) == before
    both = jrun("goal", "achieve", "give-a-talk", "--reach-milestones", "--leave-milestones")
    assert both.exit_code == 2 and snapshot(journal) == before
    done = jrun("goal", "achieve", "give-a-talk", "--reach-milestones")
    assert done.exit_code == 0, done.stderr
    shown = jrun("goal", "show", "give-a-talk", "--json").json()
    assert shown["status"] == "achieved"
    assert [m["done"] for m in shown["milestones"]] == [TODAY, TODAY]


def test_achieving_leaving_milestones_open(jrun: Run) -> None:
    jrun("goal", "add", "Give a talk", "-m", "Outline", "-m", "Dry run")
    assert jrun("goal", "achieve", "give-a-talk", "1").exit_code == 0
    done = jrun("goal", "achieve", "give-a-talk", "--leave-milestones")
    assert done.exit_code == 0, done.stderr
    shown = jrun("goal", "show", "give-a-talk", "--json").json()
    assert shown["status"] == "achieved"
    assert [m["done"] for m in shown["milestones"]] == [TODAY, None]
    # With every milestone reached there is nothing to ask.
    jrun("goal", "add", "Small one", "-m", "Only step")
    jrun("goal", "achieve", "small-one", "1")
    assert jrun("goal", "achieve", "small-one").exit_code == 0


# --- at a terminal ---------------------------------------------------------------------------


@pytest.fixture
def term_env(journal: Path) -> dict[str, str]:
    return {"MENTORLOG_JOURNAL": str(journal), "MENTORLOG_TODAY": TODAY}


def test_achieve_asks_on_a_terminal(
    jrun: Run, journal: Path, tmp_path: Path, term_env: dict[str, str]
) -> None:
    jrun("goal", "add", "Give a talk", "-m", "Outline@2026-11-01", "-m", "Dry run")
    stopped = Terminal("goal", "achieve", "give-a-talk", env=term_env, cwd=tmp_path)
    screen = stopped.expect("[n]")
    assert "1. Outline (due 2026-11-01)" in screen and "2. Dry run" in screen
    stopped.type("\n")
    assert stopped.finish() == 1
    assert jrun("goal", "show", "give-a-talk", "--json").json()["status"] == "active"
    reach = Terminal("goal", "achieve", "give-a-talk", env=term_env, cwd=tmp_path)
    reach.expect("[n]")
    reach.type("r\n")
    assert reach.finish() == 0
    assert "Well done" in reach.screen
    shown = jrun("goal", "show", "give-a-talk", "--json").json()
    assert shown["status"] == "achieved" and all(m["done"] for m in shown["milestones"])


@pytest.mark.parametrize("stop", ["ctrl-c", "ctrl-d"])
def test_an_interrupted_reflection_keeps_its_answers(
    jrun: Run, journal: Path, tmp_path: Path, term_env: dict[str, str], stop: str
) -> None:
    before = snapshot(journal)
    first = Terminal("reflect", "--tag", "talks", env=term_env, cwd=tmp_path)
    first.expect("What went well?")
    first.type("The demo worked\n")
    first.expect("What did I learn about myself?")
    first.type("I rush when nervous\n")
    first.expect("What new skills")
    if stop == "ctrl-c":
        first.interrupt()
    else:
        first.type(CTRL_D)
    assert first.finish() == (130 if stop == "ctrl-c" else 1)
    assert "2 answer(s) are kept" in first.screen and "reflect --resume" in first.screen
    assert snapshot(journal) == before  # kept outside the journal until it is written
    again = Terminal("reflect", "--resume", env=term_env, cwd=tmp_path)
    screen = again.expect("What new skills have I acquired?\n>")
    assert "The demo worked" in screen and "I rush when nervous" in screen
    again.type("Pacing\n")
    again.expect("What will I do differently?")
    again.type("Pause more\n")
    assert again.finish() == 0, again.screen
    (reflection,) = jrun("timeline", "--json").json()["entries"]
    path = journal / reflection["path"]
    written = tomllib.loads(path.read_text())
    assert [a["answer"] for a in written["answers"]] == [
        "The demo worked", "I rush when nervous", "Pacing", "Pause more",
    ]  # fmt: skip
    assert written["tags"] == ["talks"]  # the options given before the interruption
    nothing = jrun("reflect", "--resume")
    assert nothing.exit_code == 1 and "no interrupted reflection" in nothing.stderr


def test_a_kept_reflection_is_written_off_a_terminal(
    jrun: Run, journal: Path, tmp_path: Path, term_env: dict[str, str]
) -> None:
    first = Terminal("reflect", env=term_env, cwd=tmp_path)
    first.expect("What went well?")
    first.type("Only this\n")
    first.expect("What did I learn")
    first.interrupt()
    assert first.finish() == 130
    resumed = jrun("reflect", "--resume")
    assert resumed.exit_code == 0, resumed.stderr
    assert "Only this" in jrun("timeline").stdout


def test_several_mentors_the_session_asks_which(
    jrun: Run, journal: Path, tmp_path: Path, term_env: dict[str, str]
) -> None:
    assert jrun("mentor", "add", "Maya Lindqvist").exit_code == 0
    asked = Terminal("session", "add", "--notes", "Which one?", env=term_env, cwd=tmp_path)
    screen = asked.expect("> ")
    assert "1. Ana Ruiz" in screen and "2. Maya Lindqvist" in screen
    asked.type("2\n")
    assert asked.finish() == 0, asked.screen
    (session,) = jrun("session", "list", "--json").json()["sessions"]
    assert session["mentor"] == "Maya Lindqvist"
    assert os.environ.get("MENTORLOG_JOURNAL") is None
