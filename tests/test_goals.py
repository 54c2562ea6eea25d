"""Goals: the mentee sets them, checks in, reaches milestones; the mentor reviews them."""

from pathlib import Path

import pytest

from conftest import Run, current, only_file, snapshot
from mentorlog.model import Goal


def read_goal(journal: Path, slug: str) -> Goal:
    goal = next(g for g in current(journal, "goal") if g.slug == slug)
    assert isinstance(goal, Goal)
    return goal


def test_goal_add_writes_a_smart_goal_and_says_where(jrun: Run, journal: Path) -> None:
    result = jrun(
        "goal",
        "add",
        "Give a talk",
        "--what",
        "A 20 minute talk",
        "--measure",
        "talk delivered",
        "--target",
        "one talk",
        "--why",
        "growth",
        "--due",
        "2027-02-01",
        "-m",
        "Outline",
        "-m",
        "Dry run",
        "--tag",
        "speaking",
    )
    assert result.exit_code == 0, result.stderr
    path = only_file(journal / "goals")
    assert path.name.startswith("give-a-talk-")
    assert f"Added goal give-a-talk  ->  {path}" in result.stdout
    assert result.stderr == ""
    goal = read_goal(journal, "give-a-talk")
    assert (goal.what, goal.measure, goal.target, goal.why) == (
        "A 20 minute talk",
        "talk delivered",
        "one talk",
        "growth",
    )
    assert goal.due.isoformat() == "2027-02-01"
    assert [m.title for m in goal.milestones] == ["Outline", "Dry run"]
    assert goal.tags == ["speaking"] and goal.status == "active"


def test_goal_without_measure_or_due_date_is_written_with_a_warning(
    jrun: Run, journal: Path
) -> None:
    result = jrun("goal", "add", "Be better")
    assert result.exit_code == 0
    assert "not SMART yet" in result.stderr and "measure or due date" in result.stderr
    assert only_file(journal / "goals").exists()


def test_slugs_are_made_unique(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Learn Rust")
    result = jrun("goal", "add", "Learn Rust!")
    assert "Added goal learn-rust-2" in result.stdout
    assert read_goal(journal, "learn-rust-2").title == "Learn Rust!"


def test_hostile_titles_cannot_leave_the_journal(jrun: Run, journal: Path, tmp_path: Path) -> None:
    for title in ("../../../etc/passwd", "/tmp/evil", "..", "Ünïcödé ☃ café", "a\nb\tc", "%s$(rm)"):
        result = jrun("goal", "add", title)
        assert result.exit_code == 0, (title, result.stderr)
    written = sorted(p.name for p in (journal / "goals").glob("*.toml"))
    assert len(written) == 6
    for name in written:
        assert all(c.isalnum() or c in "-." for c in name), name
    assert not (tmp_path / "etc").exists()
    assert [p for p in tmp_path.rglob("*.toml") if journal not in p.parents] == []
    assert read_goal(journal, "unicode-cafe").title == "Ünïcödé ☃ café"


def test_empty_title_is_refused(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("goal", "add", "   ")
    assert result.exit_code == 2
    assert "empty" in result.stderr
    assert snapshot(journal) == before


def test_bad_due_date_names_the_option_and_writes_nothing(jrun: Run, journal: Path) -> None:
    before = snapshot(journal)
    result = jrun("goal", "add", "Talk", "--due", "soonish")
    assert result.exit_code == 2
    assert "--due" in result.stderr and "'soonish' is not a date" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(journal) == before


def test_progress_checkins_build_the_history(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk", "--measure", "m", "--due", "in 30 days")
    assert (
        jrun(
            "goal", "progress", "talk", "20", "--note", "outline", "--date", "2026-11-01"
        ).exit_code
        == 0
    )
    assert jrun("goal", "progress", "talk", "45%", "--note", "slides").exit_code == 0
    goal = read_goal(journal, "talk")
    assert [(c.date.isoformat(), c.progress, c.note) for c in goal.checkins] == [
        ("2026-11-01", 20, "outline"),
        ("2026-11-23", 45, "slides"),
    ]
    assert goal.progress == 45


def test_progress_out_of_range_is_refused(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk")
    before = snapshot(journal)
    for value in ("101", "-5", "half"):
        result = jrun("goal", "progress", "talk", value)
        assert result.exit_code != 0
        assert "0 to 100" in result.stderr or "Usage" in result.stderr
    assert snapshot(journal) == before


def test_milestones_are_added_and_reached_by_number_or_title(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk", "-m", "Outline", "-m", "Dry run")
    assert jrun("goal", "milestone", "talk", "Deliver", "--due", "2026-12-10").exit_code == 0
    assert jrun("goal", "achieve", "talk", "2").exit_code == 0
    assert jrun("goal", "achieve", "talk", "deliv", "--date", "yesterday").exit_code == 0
    goal = read_goal(journal, "talk")
    assert [(m.title, m.done and m.done.isoformat()) for m in goal.milestones] == [
        ("Outline", None),
        ("Dry run", "2026-11-23"),
        ("Deliver", "2026-11-22"),
    ]
    assert goal.status == "active"
    result = jrun("goal", "achieve", "talk", "9")
    assert result.exit_code == 1 and "no milestone matching '9'" in result.stderr


def test_goal_achieved_paused_dropped_reopened(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk")
    assert jrun("goal", "pause", "talk", "--note", "busy quarter").exit_code == 0
    assert read_goal(journal, "talk").status == "paused"
    assert jrun("goal", "list").stdout.count("Talk") == 0
    assert "Talk" in jrun("goal", "list", "--all").stdout
    assert jrun("goal", "reopen", "talk").exit_code == 0
    assert jrun("goal", "drop", "talk").exit_code == 0
    again = jrun("goal", "drop", "talk")
    assert again.exit_code == 1 and "already dropped" in again.stderr
    assert jrun("goal", "reopen", "talk").exit_code == 0
    assert jrun("goal", "achieve", "talk").exit_code == 0
    goal = read_goal(journal, "talk")
    assert goal.status == "achieved" and goal.progress == 100
    assert [(h.status, h.note) for h in goal.history] == [
        ("paused", "busy quarter"),
        ("active", ""),
        ("dropped", ""),
        ("active", ""),
        ("achieved", ""),
    ]


def test_goal_edit_changes_parts_but_keeps_the_slug(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk")
    assert (
        jrun(
            "goal",
            "edit",
            "talk",
            "--title",
            "Keynote",
            "--measure",
            "delivered",
            "--due",
            "2027-01-10",
        ).exit_code
        == 0
    )
    goal = read_goal(journal, "talk")
    assert (goal.title, goal.slug, goal.measure) == ("Keynote", "talk", "delivered")


def test_unknown_handle_lists_close_matches(jrun: Run) -> None:
    jrun("goal", "add", "Public speaking")
    result = jrun("goal", "show", "publik-speaking")
    assert result.exit_code == 1
    assert "No goal matches 'publik-speaking'" in result.stderr
    assert "public-speaking" in result.stderr


def test_ambiguous_handle_lists_the_candidates(jrun: Run) -> None:
    jrun("goal", "add", "Learn Rust")
    jrun("goal", "add", "Learn Go")
    result = jrun("goal", "progress", "learn", "10")
    assert result.exit_code == 1
    assert "more than one goal" in result.stderr
    assert "learn-rust" in result.stderr and "learn-go" in result.stderr


def test_goal_by_id_prefix(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk")
    goal_id = read_goal(journal, "talk").id
    assert jrun("goal", "progress", goal_id[:6], "10").exit_code == 0


def test_goal_list_json(jrun: Run) -> None:
    jrun("goal", "add", "Talk", "--measure", "m", "--due", "2027-01-01", "-m", "Outline")
    jrun("goal", "progress", "talk", "30")
    jrun("goal", "add", "Old", "--measure", "m", "--due", "2026-01-01")
    jrun("goal", "drop", "old")
    data = jrun("goal", "list", "--json").json()
    assert [g["handle"] for g in data["goals"]] == ["talk"]
    talk = data["goals"][0]
    assert talk["progress"] == 30 and talk["due"] == "2027-01-01"
    assert talk["next_milestone"] == {"number": 1, "title": "Outline", "due": None}
    assert len(jrun("goal", "list", "--all", "--json").json()["goals"]) == 2


def test_goal_show_is_the_mentors_review(jrun: Run) -> None:
    jrun(
        "goal",
        "add",
        "Talk",
        "--what",
        "A meetup talk",
        "--measure",
        "delivered",
        "--due",
        "2026-12-20",
        "-m",
        "Outline",
    )
    jrun("goal", "milestone", "talk", "Dry run", "--due", "2026-11-10")
    jrun("goal", "progress", "talk", "10", "--note", "pitch sent", "--date", "2026-10-01")
    jrun("goal", "progress", "talk", "40", "--note", "outline drafted", "--date", "2026-11-01")
    jrun("goal", "achieve", "talk", "outline", "--date", "2026-11-02")
    jrun(
        "session",
        "add",
        "--date",
        "2026-11-05",
        "--goal",
        "talk",
        "--notes",
        "Cut history",
        "--action",
        "Rewrite intro",
    )
    jrun("reflect", "I over-explain when nervous", "--goal", "talk", "--date", "2026-11-06")
    jrun(
        "feedback",
        "add",
        "--received",
        "--from",
        "Ana",
        "--behaviour",
        "clear slides",
        "--goal",
        "talk",
        "--date",
        "2026-11-07",
    )
    jrun("reflect", "Unrelated thought")
    result = jrun("goal", "show", "talk")
    assert result.exit_code == 0
    out = result.stdout
    assert "A meetup talk" in out and "delivered" in out and "not set" in out  # target, why
    assert "10% → 40% over 31 days, 2 check-ins" in out
    assert "pitch sent" in out and "outline drafted" in out
    assert "reached 2026-11-02" in out
    assert "OVERDUE since 2026-11-10" in out
    assert out.index("Cut history") < out.index("I over-explain") < out.index("clear slides")
    assert "Unrelated thought" not in out
    assert "\x1b[" not in out  # piped: plain text

    data = jrun("goal", "show", "talk", "--json").json()
    assert [c["progress"] for c in data["checkins"]] == [10, 40]
    assert [m["overdue"] for m in data["milestones"]] == [False, True]
    assert [e["kind"] for e in data["linked"]] == ["session", "reflection", "feedback"]
    assert data["smart"]["due"] == "2026-12-20"


def test_a_milestone_number_in_other_digits_is_no_crash(jrun: Run) -> None:
    assert jrun("goal", "add", "Talk", "-m", "Outline").exit_code == 0
    for handle in ("²", "١", "５"):
        result = jrun("goal", "achieve", "talk", handle)
        assert result.exit_code == 1 and "milestone" in result.stderr.lower(), handle


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Выучить Rust", "vyuchit-rust"),
        ("学习编程", "xue-xi-bian-cheng"),
        ("Μαθαίνω κιθάρα", "mathaino-kithara"),
        ("Œuvre complète", "oeuvre-complete"),
        ("Learn C++ & Go!", "learn-c-go"),
        ("🎤🎤", "goal"),
    ],
)
def test_titles_in_any_script_get_real_slugs(jrun: Run, title: str, slug: str) -> None:
    added = jrun("goal", "add", title)
    assert added.exit_code == 0, added.stderr
    (goal,) = jrun("goal", "list", "--json").json()["goals"]
    assert goal["handle"] == slug and goal["title"] == title
    assert jrun("goal", "show", slug, "--json").json()["title"] == title
