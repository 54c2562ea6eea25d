"""Logging a session right after the meeting: flags, standard input, $EDITOR."""

import sys
from pathlib import Path

import pytest

from conftest import Run, current, only_file, snapshot
from mentorlog.cache import load_file
from mentorlog.model import Question, Session


def read_session(journal: Path) -> Session:
    session = load_file(journal, only_file(journal / "sessions"), Session)
    assert isinstance(session, Session)
    return session


def test_session_add_with_flags(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Public speaking")
    result = jrun("session", "add", "--date", "yesterday", "--duration", "45", "--title", "Outline",
                  "--topic", "talk", "--topic", "nerves", "--goal", "public-speaking",
                  "--notes", "Went well", "--action", "Book a room", "--action", "Send slides",
                  "--next", "in 14 days", "--tag", "monthly")
    assert result.exit_code == 0, result.stderr
    path = only_file(journal / "sessions")
    assert path.parent.name == "2026" and path.name.startswith("2026-11-22-")
    assert str(path) in result.stdout
    session = read_session(journal)
    assert session.mentor == "Ana Ruiz"  # the only mentor
    assert (session.duration, session.title, session.topics) == (45, "Outline", ["talk", "nerves"])
    assert session.notes == "Went well" and session.tags == ["monthly"]
    assert session.next.isoformat() == "2026-12-07"
    assert [(a.text, a.due.isoformat()) for a in session.actions] == [
        ("Book a room", "2026-12-07"), ("Send slides", "2026-12-07")]
    assert len(session.goals) == 1


def test_notes_from_standard_input(jrun: Run, journal: Path) -> None:
    result = jrun("session", "add", "--notes", "-", input="Line one\nLine two\n")
    assert result.exit_code == 0, result.stderr
    assert read_session(journal).notes == "Line one\nLine two"


def test_empty_standard_input_writes_nothing(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--notes", "-", input="")
    assert result.exit_code == 2 and "empty" in result.stderr
    assert snapshot(journal) == before


def test_off_a_terminal_missing_data_is_an_error_not_a_prompt(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("session", "add")
    assert result.exit_code == 2
    assert "Nothing to record" in result.stderr
    assert snapshot(journal) == before


def test_mentor_must_be_given_when_there_is_no_single_one(run: Run, tmp_path: Path) -> None:
    run("init", "j", "--owner", "Sam")
    result = run("-j", "j", "session", "add", "--notes", "hi")
    assert result.exit_code == 2 and "--mentor" in result.stderr
    assert not list((tmp_path / "j" / "sessions").rglob("*.toml"))
    unknown = run("-j", "j", "session", "add", "--notes", "hi", "--mentor", "Kim")
    assert unknown.exit_code == 1 and "mentor add" in unknown.stderr
    assert not list((tmp_path / "j" / "sessions").rglob("*.toml"))
    assert run("-j", "j", "mentor", "add", "Kim Park").exit_code == 0
    assert run("-j", "j", "session", "add", "--notes", "hi", "--mentor", "kim").exit_code == 0
    sessions = run("-j", "j", "session", "list", "--json").json()["sessions"]
    assert [s["mentor"] for s in sessions] == ["Kim Park"]


@pytest.mark.parametrize(("typed", "code", "words"), [
    ("alex", 0, ""), ("ALEX C", 0, ""), ("chen", 0, ""), ("Alex Chen", 0, ""),
    ("al", 1, "more than one mentor"), ("", 1, "No mentor matches"),
    ("bob", 1, "No mentor matches")])
def test_a_mentor_is_named_like_a_goal(run: Run, tmp_path: Path, typed: str, code: int,
                                       words: str) -> None:
    """Case-insensitive, by a unique beginning of the name or of a word of it, in every command
    that takes one; an unknown or ambiguous name writes nothing and exits 1 everywhere."""
    run("init", "j", "--owner", "Sam", "--mentor", "Alex Chen")
    assert run("-j", "j", "mentor", "add", "Alan Ruiz").exit_code == 0
    before = snapshot(tmp_path / "j")
    for args in (("session", "add", "--notes", "hi"), ("agenda",), ("report",),
                 ("mentor", "conclude", "--retrospective", "Thanks")):
        result = run("-j", "j", *args[:2], "--mentor", typed, *args[2:]) \
            if args[0] != "mentor" else run("-j", "j", *args[:2], typed, *args[2:])
        assert result.exit_code == code, (args, result.stderr)
        assert words in result.stderr
        if code:
            assert snapshot(tmp_path / "j") == before
    if code == 0:
        sessions = run("-j", "j", "session", "list", "--json").json()["sessions"]
        assert [s["mentor"] for s in sessions] == ["Alex Chen"]


def test_unknown_goal_writes_nothing(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--notes", "x", "--goal", "nope")
    assert result.exit_code == 1 and "No goal matches 'nope'" in result.stderr
    assert snapshot(journal) == before


def test_bad_next_date_names_the_option(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--notes", "x", "--next", "next month")
    assert result.exit_code == 2 and "--next" in result.stderr
    assert snapshot(journal) == before


def test_session_ticks_off_actions_and_questions(jrun: Run, journal: Path) -> None:
    jrun("session", "add", "--date", "2026-10-01", "--notes", "first",
         "--action", "Read the book")
    jrun("ask", "How do I ask for a raise?")
    result = jrun("session", "add", "--notes", "second", "--done", "read the",
                  "--discussed", "how do i")
    assert result.exit_code == 0, result.stderr
    assert "done: Read the book" in result.stdout
    assert "discussed: How do I ask for a raise?" in result.stdout
    assert jrun("action", "list", "--json").json()["actions"] == []
    [question] = current(journal, "question")
    assert isinstance(question, Question) and question.discussed.isoformat() == "2026-11-23"


def write_editor(tmp_path: Path, body: str) -> str:
    """A fake $EDITOR: a Python script that rewrites the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\ntext = open(path).read()\n" + body)
    return f"{sys.executable} {script}"


def test_edit_opens_a_template_listing_open_items(jrun: Run, journal: Path,
                                                  tmp_path: Path) -> None:
    jrun("session", "add", "--date", "2026-10-01", "--notes", "first", "--action", "Read the book",
         "--action", "Call Kim")
    jrun("ask", "What about promotions?")
    seen_path = tmp_path / "seen.md"
    editor = write_editor(tmp_path, f"open({str(seen_path)!r}, 'w').write(text)\n" + """
text = text.replace('Title: ', 'Title: Second session')
text = text.replace('Notes:\\n', 'Notes:\\nWe talked about growth.\\n')
text = text.replace("starting with '- '):\\n- ", "starting with '- '):\\n- Draft plan\\n- ")
text = text.replace('[ ] ', '[x] ', 1)
text = text.replace('Duration: ', 'Duration: 30')
open(path, 'w').write(text)
""")
    result = jrun("session", "add", "--edit", env={"EDITOR": editor})
    assert result.exit_code == 0, result.stderr
    seen = seen_path.read_text()
    assert "[ ] " in seen and "Read the book" in seen and "Call Kim" in seen
    assert "What about promotions?" in seen
    sessions = jrun("session", "list", "--json").json()["sessions"]
    assert [s["title"] for s in sessions] == ["first", "Second session"]
    latest = jrun("session", "show", sessions[1]["handle"], "--json").json()
    assert latest["notes"] == "We talked about growth."
    assert latest["duration"] == 30
    assert [a["text"] for a in latest["actions"]] == ["Draft plan"]
    open_actions = [a["text"] for a in jrun("action", "list", "--json").json()["actions"]]
    assert open_actions == ["Call Kim", "Draft plan"]


@pytest.mark.parametrize("body", ["", "open(path, 'w').write('')\n",
                                  "open(path, 'w').write('# only comments\\n')\n"])
def test_unchanged_or_empty_template_cancels(jrun: Run, journal: Path, tmp_path: Path,
                                             body: str) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--edit", env={"EDITOR": write_editor(tmp_path, body)})
    assert result.exit_code == 1
    assert "Cancelled" in result.stderr
    assert snapshot(journal) == before


def test_failing_editor_writes_nothing(jrun: Run, journal: Path, tmp_path: Path) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--edit",
                  env={"EDITOR": write_editor(tmp_path, "sys.exit(3)\n")})
    assert result.exit_code == 1 and "exited with status 3" in result.stderr
    assert snapshot(journal) == before


def test_bad_template_value_keeps_the_text(jrun: Run, journal: Path, tmp_path: Path) -> None:
    before = snapshot(journal)
    editor = write_editor(tmp_path, "open(path, 'w').write(text.replace('Next meeting: ', "
                                    "'Next meeting: whenever').replace('Notes:\\n', "
                                    "'Notes:\\nprecious words\\n'))\n")
    result = jrun("session", "add", "--edit", env={"EDITOR": editor})
    assert result.exit_code == 2
    assert "Template line" in result.stderr and "whenever" in result.stderr
    kept = result.stderr.split("Your text is kept in ")[1].strip().rstrip(".")
    assert "precious words" in Path(kept).read_text()
    Path(kept).unlink()
    assert snapshot(journal) == before


def test_session_list_and_show(jrun: Run) -> None:
    jrun("session", "add", "--date", "2026-09-01", "--title", "September", "--notes", "a")
    jrun("session", "add", "--date", "2026-10-01", "--title", "October", "--notes", "b",
         "--action", "Do it")
    jrun("session", "add", "--date", "2026-11-01", "--title", "November", "--notes", "c")
    rows = jrun("session", "list", "--since", "2026-09-15", "--until", "2026-10-31",
                "--json").json()["sessions"]
    assert [r["title"] for r in rows] == ["October"]
    assert rows[0]["actions_open"] == 1
    text = jrun("session", "list").stdout
    assert text.index("September") < text.index("October") < text.index("November")
    shown = jrun("session", "show", rows[0]["handle"])
    assert shown.exit_code == 0
    assert "October" in shown.stdout and "Do it" in shown.stdout and "Ana Ruiz" in shown.stdout


def test_session_show_unknown_handle(jrun: Run) -> None:
    result = jrun("session", "show", "zzzzzz")
    assert result.exit_code == 1 and "No session matches 'zzzzzz'" in result.stderr
