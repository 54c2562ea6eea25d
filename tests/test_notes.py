"""Reflections, feedback, questions and action items."""

from pathlib import Path

from conftest import Run, only_file, snapshot
from mentorlog.model import Feedback, Question, Reflection
from mentorlog.reading import load_file


def test_reflect_with_text_linked_to_goal_and_session(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk")
    jrun("session", "add", "--notes", "x")
    session = jrun("session", "list", "--json").json()["sessions"][0]["handle"]
    result = jrun(
        "reflect",
        "I learned to prepare early",
        "--goal",
        "talk",
        "--session",
        session,
        "--tag",
        "growth",
    )
    assert result.exit_code == 0, result.stderr
    reflection = load_file(journal, only_file(journal / "reflections"), Reflection)
    assert isinstance(reflection, Reflection)
    assert reflection.text == "I learned to prepare early" and reflection.tags == ["growth"]
    assert reflection.goal and reflection.session.startswith(session)


def test_reflect_from_stdin(jrun: Run, journal: Path) -> None:
    assert jrun("reflect", "-", input="From a pipe\n").exit_code == 0
    reflection = load_file(journal, only_file(journal / "reflections"), Reflection)
    assert isinstance(reflection, Reflection) and reflection.text == "From a pipe"


def test_reflect_off_a_terminal_without_text_never_prompts(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("reflect")
    assert result.exit_code == 2 and "no terminal" in result.stderr
    assert snapshot(journal) == before


def test_private_entries_go_under_private(jrun: Run, journal: Path) -> None:
    result = jrun("reflect", "Just for me", "--private")
    assert result.exit_code == 0
    path = only_file(journal / "private")
    assert path.parent == journal / "private" / "reflections"
    assert "private = true" in path.read_text()
    assert not list((journal / "reflections").glob("*.toml"))
    assert "private/" in (journal / ".gitignore").read_text().splitlines()
    recent = jrun("status", "--json").json()["recent"]
    assert recent[0]["private"] is True


def test_feedback_received_with_sbi(jrun: Run, journal: Path) -> None:
    result = jrun(
        "feedback",
        "add",
        "--received",
        "--from",
        "Ana",
        "--situation",
        "demo",
        "--behaviour",
        "clear slides",
        "--impact",
        "team followed",
        "--strength",
        "structure",
        "--strength",
        "calm",
        "--improve",
        "pace",
    )
    assert result.exit_code == 0, result.stderr
    path = only_file(journal / "feedback")
    feedback = load_file(journal, path, Feedback)
    assert isinstance(feedback, Feedback)
    assert (feedback.direction, feedback.from_, feedback.to) == ("received", "Ana", "Sam Lee")
    assert feedback.strengths == ["structure", "calm"] and feedback.improvements == ["pace"]
    assert 'from = "Ana"' in path.read_text()


def test_feedback_given_and_list(jrun: Run) -> None:
    jrun(
        "feedback", "add", "--given", "--to", "Tom", "Great handover notes", "--date", "2026-11-01"
    )
    jrun("feedback", "add", "--received", "--from", "Ana", "--improve", "pace")
    rows = jrun("feedback", "list", "--json").json()["feedback"]
    assert [(r["direction"], r["from"], r["to"]) for r in rows] == [
        ("given", "Sam Lee", "Tom"),
        ("received", "Ana", "Sam Lee"),
    ]
    text = jrun("feedback", "list").stdout
    assert "Great handover notes" in text and "pace" in text


def test_feedback_needs_one_direction_and_content(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    assert "--received or --given" in jrun("feedback", "add", "text").stderr
    assert (
        "--received or --given" in jrun("feedback", "add", "--received", "--given", "text").stderr
    )
    assert "needs some content" in jrun("feedback", "add", "--received").stderr
    assert snapshot(journal) == before


def test_ask_and_open_questions(jrun: Run, journal: Path) -> None:
    result = jrun("ask", "How do I say no?")
    assert result.exit_code == 0 and "Noted question" in result.stdout
    question = load_file(journal, only_file(journal / "questions"), Question)
    assert isinstance(question, Question) and question.discussed is None
    assert [q["text"] for q in jrun("status", "--json").json()["questions"]] == ["How do I say no?"]


def test_action_list_oldest_first_and_done(jrun: Run) -> None:
    jrun(
        "session",
        "add",
        "--date",
        "2026-10-01",
        "--notes",
        "a",
        "--action",
        "Old one",
        "--next",
        "2026-10-20",
    )
    jrun("session", "add", "--date", "2026-11-01", "--notes", "b", "--action", "New one")
    rows = jrun("action", "list", "--json").json()["actions"]
    assert [(r["text"], r["overdue"]) for r in rows] == [("Old one", True), ("New one", False)]
    assert rows[0]["session"]["date"] == "2026-10-01"
    text = jrun("action", "list").stdout
    assert text.index("Old one") < text.index("New one") and "overdue" in text
    assert jrun("action", "done", rows[0]["handle"]).exit_code == 0
    assert [r["text"] for r in jrun("action", "list", "--json").json()["actions"]] == ["New one"]
    everything = jrun("action", "list", "--all", "--json").json()["actions"]
    assert [(r["text"], r["done"]) for r in everything] == [
        ("Old one", "2026-11-23"),
        ("New one", None),
    ]
    again = jrun("action", "done", rows[0]["handle"])
    assert again.exit_code == 1 and "already done" in again.stderr
