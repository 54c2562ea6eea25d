"""Relationship lifecycle: the agreement in mentorlog.toml, and its close with a retrospective."""

from __future__ import annotations

from pathlib import Path

from conftest import Run, snapshot


def config(journal: Path) -> dict:  # type: ignore[type-arg]
    """The journal's configuration as it reads now: mentorlog.toml, then changes to it."""
    from mentorlog import store
    from mentorlog.journal import Journal

    return store.to_document(Journal(journal).config)


def test_add_records_the_agreement(jrun: Run, journal: Path) -> None:
    result = jrun(
        "mentor",
        "add",
        "Bo Chen",
        "--cadence",
        "14",
        "--expectations",
        "Career advice; I bring the agenda",
        "--boundaries",
        "Nothing about my manager",
        "--started",
        "2026-11-01",
    )
    assert result.exit_code == 0, result.stderr
    assert "Added mentor Bo Chen (every 14 days)" in result.stdout
    assert str(journal / "changes" / "mentors") in result.stdout
    bo = config(journal)["mentors"][1]
    assert bo == {
        "name": "Bo Chen",
        "started": __import__("datetime").date(2026, 11, 1),
        "cadence": 14,
        "expectations": "Career advice; I bring the agenda",
        "boundaries": "Nothing about my manager",
    }
    listed = jrun("mentor", "list", "--json").json()["mentors"]
    assert [(m["mentor"], m["concluded"], m["days_since"]) for m in listed] == [
        ("Ana Ruiz", False, 0),
        ("Bo Chen", False, 22),
    ]
    # With two running relationships a session must say which one.
    assert jrun("session", "add", "--notes", "x").exit_code == 2


def test_add_refuses_a_second_relationship_of_the_same_name(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("mentor", "add", "ana ruiz")
    assert result.exit_code == 1 and "already in this journal" in result.stderr
    assert snapshot(journal) == before
    assert jrun("mentor", "add", "  ").exit_code == 2
    assert jrun("mentor", "add", "Kim", "--cadence", "0").exit_code == 2
    assert snapshot(journal) == before


def test_conclude_records_the_end_and_retrospective(jrun: Run, journal: Path) -> None:
    jrun("session", "add", "--notes", "Last one", "--date", "2026-11-20")
    result = jrun(
        "mentor", "conclude", "ana", "--retrospective", "-", input="What was achieved?\nThe talk.\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "Concluded the relationship with Ana Ruiz on 2026-11-23" in result.stdout
    ana = config(journal)["mentors"][0]
    assert str(ana["ended"]) == "2026-11-23"
    assert ana["retrospective"] == "What was achieved?\nThe talk."
    status = jrun("status").stdout
    assert "Ana Ruiz: relationship concluded 2026-11-23 after 1 session" in status
    assert "Book the next meeting" not in status
    data = jrun("status", "--json").json()
    assert data["meetings"][0]["concluded"] is True and data["meetings"][0]["overdue"] is False
    # Concluding twice, or an unknown name, changes nothing.
    before = snapshot(journal)
    again = jrun("mentor", "conclude", "Ana Ruiz", "-r", "more")
    assert again.exit_code == 1 and "already concluded on 2026-11-23" in again.stderr
    unknown = jrun("mentor", "conclude", "Anna Ruiz", "-r", "x")
    assert unknown.exit_code == 1 and "Did you mean" in unknown.stderr
    assert "Ana Ruiz" in unknown.stderr
    assert snapshot(journal) == before


def test_conclude_off_a_terminal_without_text_records_only_the_date(
    jrun: Run, journal: Path
) -> None:
    result = jrun("mentor", "conclude", "Ana Ruiz", "--date", "2026-11-23")
    assert result.exit_code == 0
    assert "No retrospective recorded" in result.stdout
    assert "retrospective" not in config(journal)["mentors"][0]


def test_conclude_before_the_start_is_refused(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("mentor", "conclude", "Ana Ruiz", "--date", "2026-01-01", "-r", "x")
    assert result.exit_code == 2 and "before it started (2026-11-23)" in result.stderr
    assert snapshot(journal) == before


def test_concluding_the_default_mentor_clears_the_default(jrun: Run, journal: Path) -> None:
    path = journal / "mentorlog.toml"
    path.write_text(
        path.read_text().replace(
            'owner = "Sam Lee"\n', 'owner = "Sam Lee"\ndefault_mentor = "Ana Ruiz"\n'
        )
    )
    result = jrun("mentor", "conclude", "Ana Ruiz", "-r", "Thanks")
    assert "was the default mentor" in result.stdout
    from mentorlog.journal import Journal

    assert Journal(journal).default_mentor() is None
    assert jrun("session", "add", "--notes", "x").exit_code == 2  # no mentor to default to


def test_unknown_fields_in_the_config_survive(jrun: Run, journal: Path) -> None:
    path = journal / "mentorlog.toml"
    path.write_text(path.read_text() + 'colour = "teal"\n')
    jrun("mentor", "add", "Bo Chen")
    assert 'colour = "teal"' in path.read_text()


def test_mentor_list_names_a_session_file_it_skipped(jrun: Run, journal: Path) -> None:
    broken = journal / "sessions" / "2026" / "2026-11-01-abc1234def56.toml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text('id = "abc1234def56"\ndate = 2026-11-01\nnotes = "unclosed\n')
    result = jrun("mentor", "list")
    assert result.exit_code == 0
    assert result.stderr.count("Warning: skipped") == 1 and str(broken) in result.stderr
