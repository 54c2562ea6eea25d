"""Creating a journal and finding it again."""

from pathlib import Path

from conftest import Run, snapshot
from mentorlog import FORMAT_VERSION


def test_init_creates_config_folders_and_gitignore(run: Run, tmp_path: Path) -> None:
    result = run("init", "mine", "--owner", "Sam", "--mentor", "Ana", "--cadence", "14")
    assert result.exit_code == 0
    root = tmp_path / "mine"
    assert "mine/mentorlog.toml" in result.stdout
    assert (root / "mentorlog.toml").read_text() == (
        f'format = {FORMAT_VERSION}\nowner = "Sam"\n\n'
        '[[mentors]]\nname = "Ana"\nstarted = 2026-11-23\ncadence = 14\n'
    )
    for folder in ("goals", "sessions", "reflections", "feedback", "questions"):
        assert (root / folder).is_dir()
    assert (root / ".gitignore").read_text().splitlines() == ["private/", ".tmp-*"]


def test_init_refuses_an_existing_journal(run: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = run("init", str(journal), "--owner", "Someone else")
    assert result.exit_code == 1
    assert "already holds a journal" in result.stderr
    assert snapshot(journal) == before


def test_init_keeps_an_existing_gitignore(run: Run, tmp_path: Path) -> None:
    (tmp_path / "j").mkdir()
    (tmp_path / "j" / ".gitignore").write_text("notes.txt\n")
    assert run("init", "j", "--owner", "Sam").exit_code == 0
    assert (tmp_path / "j" / ".gitignore").read_text() == "notes.txt\nprivate/\n.tmp-*\n"


def test_without_a_journal_commands_say_how_to_create_one(run: Run) -> None:
    result = run("status")
    assert result.exit_code == 1
    assert "No journal found" in result.stderr
    assert "mentorlog init" in result.stderr


def test_journal_found_upward_like_git(run: Run, journal: Path, monkeypatch) -> None:
    deep = journal / "goals"
    monkeypatch.chdir(deep)
    assert run("ask", "Found it?").exit_code == 0
    assert list((journal / "questions").glob("*.toml"))


def test_journal_from_environment(run: Run, journal: Path, monkeypatch) -> None:
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(journal))
    assert run("ask", "From the environment?").exit_code == 0
    assert list((journal / "questions").glob("*.toml"))


def test_option_beats_environment(run: Run, journal: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(tmp_path / "nowhere"))
    assert run("-j", str(journal), "ask", "Option wins?").exit_code == 0
    result = run("ask", "Env points nowhere")
    assert result.exit_code == 1
    assert "MENTORLOG_JOURNAL" in result.stderr


def test_default_journal_in_the_data_folder(run: Run, isolated_user: Path) -> None:
    result = run("init", "--owner", "Sam")
    assert result.exit_code == 0
    default = isolated_user / "data" / "mentorlog" / "journal"
    assert (default / "mentorlog.toml").is_file()
    assert run("ask", "Anywhere?").exit_code == 0
    assert list((default / "questions").glob("*.toml"))
