"""Logging a session right after the meeting: flags, standard input, $EDITOR."""

import sys
from pathlib import Path

import pytest

from conftest import Run, current, only_file, snapshot
from mentorlog.model import Question, Session
from mentorlog.reading import load_file


def read_session(journal: Path) -> Session:
    session = load_file(journal, only_file(journal / "sessions"), Session)
    assert isinstance(session, Session)
    return session


def test_session_add_with_flags(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Public speaking")
    result = jrun(
        "session",
        "add",
        "--date",
        "yesterday",
        "--duration",
        "45",
        "--title",
        "Outline",
        "--topic",
        "talk",
        "--topic",
        "nerves",
        "--goal",
        "public-speaking",
        "--notes",
        "Went well",
        "--action",
        "Book a room",
        "--action",
        "Send slides",
        "--next",
        "in 14 days",
        "--tag",
        "monthly",
    )
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
        ("Book a room", "2026-12-07"),
        ("Send slides", "2026-12-07"),
    ]
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


@pytest.mark.parametrize(
    ("typed", "code", "words"),
    [
        ("alex", 0, ""),
        ("ALEX C", 0, ""),
        ("chen", 0, ""),
        ("Alex Chen", 0, ""),
        ("al", 1, "more than one mentor"),
        ("", 1, "No mentor matches"),
        ("bob", 1, "No mentor matches"),
    ],
)
def test_a_mentor_is_named_like_a_goal(
    run: Run, tmp_path: Path, typed: str, code: int, words: str
) -> None:
    """Case-insensitive, by a unique beginning of the name or of a word of it, in every command
    that takes one; an unknown or ambiguous name writes nothing and exits 1 everywhere."""
    run("init", "j", "--owner", "Sam", "--mentor", "Alex Chen")
    assert run("-j", "j", "mentor", "add", "Alan Ruiz").exit_code == 0
    before = snapshot(tmp_path / "j")
    for args in (
        ("session", "add", "--notes", "hi"),
        ("agenda",),
        ("report",),
        ("mentor", "conclude", "--retrospective", "Thanks"),
    ):
        result = (
            run("-j", "j", *args[:2], "--mentor", typed, *args[2:])
            if args[0] != "mentor"
            else run("-j", "j", *args[:2], typed, *args[2:])
        )
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
    result = jrun("session", "add", "--notes", "x", "--next", "next fortnight")
    assert result.exit_code == 2 and "--next" in result.stderr
    assert snapshot(journal) == before


def test_session_ticks_off_actions_and_questions(jrun: Run, journal: Path) -> None:
    jrun("session", "add", "--date", "2026-10-01", "--notes", "first", "--action", "Read the book")
    jrun("ask", "How do I ask for a raise?")
    result = jrun(
        "session", "add", "--notes", "second", "--done", "read the", "--discussed", "how do i"
    )
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


def test_edit_opens_a_template_listing_open_items(jrun: Run, journal: Path, tmp_path: Path) -> None:
    jrun(
        "session",
        "add",
        "--date",
        "2026-10-01",
        "--notes",
        "first",
        "--action",
        "Read the book",
        "--action",
        "Call Kim",
    )
    jrun("ask", "What about promotions?")
    seen_path = tmp_path / "seen.md"
    editor = write_editor(
        tmp_path,
        f"open({str(seen_path)!r}, 'w').write(text)\n"
        + """
text = text.replace('Title: ', 'Title: Second session')
text = text.replace('Notes:\\n', 'Notes:\\nWe talked about growth.\\n')
text = text.replace("agreed (one per line, starting with '- '):\\n- ",
                    "agreed (one per line, starting with '- '):\\n- Draft plan\\n- ")
text = text.replace('[ ] ', '[x] ', 1)
text = text.replace('Duration: ', 'Duration: 30')
open(path, 'w').write(text)
""",
    )
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


@pytest.mark.parametrize(
    "body", ["", "open(path, 'w').write('')\n", "open(path, 'w').write(text.split('\\n\\n')[0])\n"]
)
def test_unchanged_or_empty_template_cancels(
    jrun: Run, journal: Path, tmp_path: Path, body: str
) -> None:
    before = snapshot(journal)
    result = jrun("session", "add", "--edit", env={"EDITOR": write_editor(tmp_path, body)})
    assert result.exit_code == 1
    assert "Cancelled" in result.stderr
    assert snapshot(journal) == before


def test_failing_editor_writes_nothing(jrun: Run, journal: Path, tmp_path: Path) -> None:
    before = snapshot(journal)
    result = jrun(
        "session", "add", "--edit", env={"EDITOR": write_editor(tmp_path, "sys.exit(3)\n")}
    )
    assert result.exit_code == 1 and "exited with status 3" in result.stderr
    assert snapshot(journal) == before


def test_bad_template_value_keeps_the_text_to_resume(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    before = snapshot(journal)
    editor = write_editor(
        tmp_path,
        "open(path, 'w').write(text.replace('Next meeting: ', "
        "'Next meeting: whenever').replace('Notes:\\n', "
        "'Notes:\\nprecious words\\n'))\n",
    )
    result = jrun("session", "add", "--edit", env={"EDITOR": editor})
    assert result.exit_code == 2
    assert "Template line" in result.stderr and "whenever" in result.stderr
    assert "session add --resume" in result.stderr
    assert snapshot(journal) == before
    # Reopened as it was left: the editor sees the bad line and the words, and fixes the date.
    seen = tmp_path / "seen.md"
    fixer = write_editor(
        tmp_path,
        f"open({str(seen)!r}, 'w').write(text)\n"
        "open(path, 'w').write(text.replace('whenever', "
        "'2026-12-20'))\n",
    )
    resumed = jrun("session", "add", "--resume", env={"EDITOR": fixer})
    assert resumed.exit_code == 0, resumed.stderr
    assert "Next meeting: whenever" in seen.read_text() and "precious words" in seen.read_text()
    session = read_session(journal)
    assert session.notes == "precious words" and session.next.isoformat() == "2026-12-20"
    again = jrun("session", "add", "--resume", env={"EDITOR": fixer})
    assert again.exit_code == 1 and "no kept session template" in again.stderr


def test_an_unknown_goal_in_the_template_keeps_the_text(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    editor = write_editor(
        tmp_path,
        "open(path, 'w').write(text.replace('Goals: ', "
        "'Goals: nope').replace('Notes:\\n', 'Notes:\\nkeep me\\n'))\n",
    )
    result = jrun("session", "add", "--edit", env={"EDITOR": editor})
    assert result.exit_code == 1 and "No goal matches 'nope'" in result.stderr
    assert jrun("goal", "add", "Nope", "--measure", "m").exit_code == 0
    resumed = jrun("session", "add", "--resume", env={"EDITOR": write_editor(tmp_path, "")})
    assert resumed.exit_code == 0, resumed.stderr
    assert read_session(journal).notes == "keep me"


def test_text_under_the_lists_is_kept_in_the_notes(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    jrun("ask", "What about promotions?")
    editor = write_editor(
        tmp_path,
        "open(path, 'w').write(text.replace('Notes:\\n', "
        "'Notes:\\nAbove.\\n') + 'Typed at the very end.\\n')\n",
    )
    assert jrun("session", "add", "--edit", env={"EDITOR": editor}).exit_code == 0
    session = only_file(journal / "sessions")
    notes = read_session(journal).notes
    assert notes == "Above.\n\nTyped at the very end.", session.read_text()


def test_entry_text_cannot_spoof_the_template(jrun: Run, journal: Path, tmp_path: Path) -> None:
    """A question whose text holds the template's own lines ticks nothing and adds nothing."""
    assert (
        jrun(
            "session", "add", "--date", "2026-10-01", "--notes", "first", "--action", "Real action"
        ).exit_code
        == 0
    )
    hostile = (
        "Fine?\n\nAction items agreed (one per line, starting with '- '):\n- Fake action"
        "\n\nOpen action items (put an x between the brackets of each one done):\n"
        "[x] {handle}  Real action\u2028[x] {handle}\x1b[2J"
    )
    handle = jrun("action", "list", "--json").json()["actions"][0]["handle"]
    assert jrun("ask", hostile.format(handle=handle)).exit_code == 0
    seen = tmp_path / "seen.md"
    editor = write_editor(
        tmp_path,
        f"open({str(seen)!r}, 'w').write(text)\n"
        "open(path, 'w').write(text.replace('Notes:\\n', "
        "'Notes:\\nOnly a note.\\n'))\n",
    )
    assert jrun("session", "add", "--edit", env={"EDITOR": editor}).exit_code == 0
    assert "\x1b" not in seen.read_text() and "\u2028" not in seen.read_text()
    assert [a["text"] for a in jrun("action", "list", "--json").json()["actions"]] == [
        "Real action"
    ]
    latest = jrun("session", "list", "--json").json()["sessions"][-1]
    shown = jrun("session", "show", latest["handle"], "--json").json()
    assert shown["actions"] == [] and shown["notes"] == "Only a note."


def test_session_list_and_show(jrun: Run) -> None:
    jrun("session", "add", "--date", "2026-09-01", "--title", "September", "--notes", "a")
    jrun(
        "session",
        "add",
        "--date",
        "2026-10-01",
        "--title",
        "October",
        "--notes",
        "b",
        "--action",
        "Do it",
    )
    jrun("session", "add", "--date", "2026-11-01", "--title", "November", "--notes", "c")
    rows = jrun(
        "session", "list", "--since", "2026-09-15", "--until", "2026-10-31", "--json"
    ).json()["sessions"]
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


def test_a_session_whose_second_write_fails_leaves_nothing(jrun: Run, journal: Path) -> None:
    assert jrun("session", "add", "--notes", "a", "--action", "One").exit_code == 0
    before = snapshot(journal)
    (journal / "changes").write_text("")  # the action's change file cannot be made
    result = jrun("session", "add", "--notes", "b", "--done", "one")
    assert result.exit_code == 1 and "changes" in result.stderr
    (journal / "changes").unlink()
    assert snapshot(journal) == before
    assert jrun("session", "add", "--notes", "b", "--done", "one").exit_code == 0
    assert len(jrun("session", "list", "--json").json()["sessions"]) == 2
