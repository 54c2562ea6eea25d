"""Both sides of the relationship: several mentors, agreements revised, commitments on both
sides, plans revised, how it is going (ratings, reviews), wins, and a mentor's roster."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY, Run, snapshot


@pytest.fixture
def two(run: Run, tmp_path: Path) -> Path:
    """Sam has two mentors: Ana (career) and Bo (public speaking)."""
    root = tmp_path / "sam"
    steps = [
        (
            "init",
            str(root),
            "--owner",
            "Sam Lee",
            "--mentor",
            "Ana Ruiz",
            "--cadence",
            "30",
            "--expectations",
            "Monthly, career growth",
            "--boundaries",
            "Confidential",
        ),
        ("mentor", "add", "Bo Chen", "--cadence", "14", "--expectations", "Talk coaching"),
        (
            "goal",
            "add",
            "Get promoted",
            "--measure",
            "Offer",
            "--due",
            "2027-06-30",
            "--mentor",
            "ana",
        ),
        (
            "goal",
            "add",
            "Give a talk",
            "--measure",
            "Talk given",
            "--due",
            "2027-02-01",
            "--mentor",
            "bo",
            "-m",
            "Outline@2026-12-01",
            "-m",
            "Dry run@2027-01-15",
        ),
        ("goal", "add", "Read more", "--measure", "Books", "--due", "2027-12-31"),
        ("ask", "How do I ask for a raise?", "--mentor", "ana"),
        ("ask", "Slides or live code?", "--mentor", "bo"),
        ("ask", "Which book next?"),
        (
            "session",
            "add",
            "--mentor",
            "ana",
            "--date",
            "2026-11-02",
            "--title",
            "Career",
            "--notes",
            "n",
            "--goal",
            "get-promoted",
            "--action",
            "Draft my case",
            "--mentor-action",
            "Introduce me to Lee",
            "--next",
            "2026-11-20",
            "--rating",
            "4",
        ),
        (
            "session",
            "add",
            "--mentor",
            "bo",
            "--date",
            "2026-11-10",
            "--title",
            "Talk",
            "--notes",
            "n",
            "--goal",
            "give-a-talk",
            "--action",
            "Write the outline",
            "--rating",
            "5",
        ),
    ]
    for args in steps:
        result = run("-j", str(root), *args) if args[0] != "init" else run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    return root


def get(run: Run, root: Path, *args: str) -> Any:
    result = run("-j", str(root), *args, "--json")
    assert result.exit_code == 0, (args, result.stderr)
    return result.json()


def test_each_relationship_is_shown_on_its_own(run: Run, two: Path) -> None:
    for mentor, mine, other in (
        ("ana", "get-promoted", "give-a-talk"),
        ("Bo Chen", "give-a-talk", "get-promoted"),
    ):
        status = get(run, two, "status", "--mentor", mentor)
        goals = {g["handle"] for g in status["goals"]}
        assert mine in goals and "read-more" in goals and other not in goals
        assert len(status["meetings"]) == 1
        agenda = get(run, two, "agenda", "--mentor", mentor)
        asked = {q["text"] for q in agenda["questions"]}
        assert "Which book next?" in asked and len(asked) == 2
        report = get(run, two, "report", "--mentor", mentor)
        assert [r["mentor"] for r in report["relationships"]] == [status["meetings"][0]["mentor"]]
        assert len(report["sessions"]) == 1
        milestones = get(run, two, "milestones", "--mentor", mentor)
        titles = {m["title"] for m in milestones["upcoming"] + milestones["overdue"]}
        assert ("Outline" in titles) == (mine == "give-a-talk")
    before = snapshot(two)
    for args in (
        ("status", "--mentor", "zed"),
        ("agenda", "--mentor", "zed"),
        ("report", "--mentor", "zed"),
        ("milestones", "--mentor", "zed"),
        ("ask", "Q?", "--mentor", "zed"),
        ("goal", "add", "G", "--mentor", "zed"),
        ("session", "add", "--notes", "n", "--mentor", "zed"),
        ("mentor", "edit", "zed", "--cadence", "7"),
    ):
        result = run("-j", str(two), *args)
        assert result.exit_code == 1 and "No mentor matches 'zed'" in result.stderr, args
    assert snapshot(two) == before


def test_agreements_are_recorded_revised_and_shown(run: Run, two: Path) -> None:
    assert (
        run(
            "-j",
            str(two),
            "mentor",
            "edit",
            "ana",
            "--cadence",
            "21",
            "--expectations",
            "Every three weeks, career and leadership",
        ).exit_code
        == 0
    )
    mentors = {m["mentor"]: m for m in get(run, two, "mentor", "list")["mentors"]}
    assert mentors["Ana Ruiz"]["cadence_days"] == 21
    assert mentors["Ana Ruiz"]["expectations"] == "Every three weeks, career and leadership"
    assert mentors["Ana Ruiz"]["boundaries"] == "Confidential"
    shown = get(run, two, "goal", "show", "get-promoted")
    assert shown["agreement"]["mentor"] == "Ana Ruiz" and shown["agreement"]["cadence_days"] == 21
    assert "Confidential" in run("-j", str(two), "goal", "show", "get-promoted").stdout
    report = get(run, two, "report")
    rel = {r["mentor"]: r for r in report["relationships"]}
    assert [g["handle"] for g in rel["Bo Chen"]["goals"]] == ["give-a-talk"]
    assert rel["Bo Chen"]["agreement"]["expectations"] == "Talk coaching"
    nothing = run("-j", str(two), "mentor", "edit", "ana")
    assert nothing.exit_code == 2 and "--cadence" in nothing.stderr


def test_init_takes_the_agreement(run: Run, tmp_path: Path) -> None:
    refused = run("init", str(tmp_path / "x"), "--owner", "Sam", "--expectations", "E")
    assert refused.exit_code == 2 and not (tmp_path / "x").exists()


def test_commitments_on_both_sides(run: Run, two: Path) -> None:
    env = {"MENTORLOG_TODAY": "2026-11-25"}  # both of Ana's session's items are overdue
    actions = {a["text"]: a for a in get(run, two, "action", "list")["actions"]}
    assert actions["Introduce me to Lee"]["owner"] == "Ana Ruiz"
    assert actions["Draft my case"]["owner"] == ""
    warnings = run("-j", str(two), "status", "--json", env=env).json()["warnings"]
    overdue = next(w for w in warnings if w["kind"] == "actions")
    assert "1 promise of your mentor's" in overdue["message"]
    agenda = run("-j", str(two), "agenda", "--markdown", env=env).stdout
    assert "Ana Ruiz's promise: Introduce me to Lee" in agenda
    # Added later, linked to a goal; revised; dropped; every change kept.
    added = run(
        "-j",
        str(two),
        "action",
        "add",
        "Book a rehearsal room",
        "--owner",
        "bo",
        "--goal",
        "give-a-talk",
        "--due",
        "2026-12-10",
    )
    assert added.exit_code == 0, added.stderr
    assert (
        run(
            "-j", str(two), "action", "edit", "book a", "--due", "2026-12-12", "--owner", "me"
        ).exit_code
        == 0
    )
    talk = get(run, two, "goal", "show", "give-a-talk")
    assert {a["text"] for a in talk["actions"]} == {"Write the outline", "Book a rehearsal room"}
    promoted = get(run, two, "goal", "show", "get-promoted")
    assert {a["text"] for a in promoted["actions"]} == {"Draft my case", "Introduce me to Lee"}
    assert run("-j", str(two), "action", "drop", "draft my", "--note", "Not now").exit_code == 0
    listed = [a["text"] for a in get(run, two, "action", "list")["actions"]]
    assert "Draft my case" not in listed
    every = {a["text"]: a for a in get(run, two, "action", "list", "--all")["actions"]}
    assert every["Draft my case"]["dropped"] == TODAY
    session = get(run, two, "session", "show", every["Book a rehearsal room"]["session"]["handle"])
    item = next(a for a in session["actions"] if a["text"] == "Book a rehearsal room")
    assert item["owner"] == "" and item["due"] == "2026-12-12"
    assert [(h["field"], h["old"], h["new"]) for h in item["history"]] == [
        ("owner", "Bo Chen", ""),
        ("due", "2026-12-10", "2026-12-12"),
    ]
    before = snapshot(two)
    for args, code in (
        (("action", "done", "draft my"), 1),
        (("action", "drop", "draft my"), 1),
        (("action", "add", "X", "--owner", "zed"), 1),
        (("action", "add", "X", "--goal", "nope"), 1),
        (("action", "edit", "book a"), 2),
        (("action", "add", " "), 2),
    ):
        result = run("-j", str(two), *args)
        assert result.exit_code == code and result.stderr.startswith("mentorlog: "), args
    assert snapshot(two) == before
    assert run("-j", str(two), "check").exit_code == 0


def test_plans_are_revised_with_history(run: Run, two: Path) -> None:
    talk = get(run, two, "goal", "show", "give-a-talk")
    assert [(m["title"], m["due"]) for m in talk["milestones"]] == [
        ("Outline", "2026-12-01"),
        ("Dry run", "2027-01-15"),
    ]
    assert (
        run(
            "-j",
            str(two),
            "goal",
            "milestone-edit",
            "give-a-talk",
            "outline",
            "--due",
            "2026-12-08",
            "--title",
            "Outline reviewed",
        ).exit_code
        == 0
    )
    assert run("-j", str(two), "goal", "milestone-remove", "give-a-talk", "2").exit_code == 0
    talk = get(run, two, "goal", "show", "give-a-talk")
    assert [(m["title"], m["due"]) for m in talk["milestones"]] == [
        ("Outline reviewed", "2026-12-08")
    ]
    assert {(e["field"], e["old"], e["new"]) for e in talk["edits"] if e["milestone"]} == {
        ("title", "Outline", "Outline reviewed"),
        ("due", "2026-12-01", "2026-12-08"),
        ("removed", "", "yes"),
    }
    before = snapshot(two)
    again = run(
        "-j",
        str(two),
        "goal",
        "milestone",
        "give-a-talk",
        "outline reviewed",
        "--due",
        "2027-01-01",
    )
    assert again.exit_code == 1 and "goal milestone-edit give-a-talk 1 --due" in again.stderr
    for args, code in (
        (("goal", "achieve", "give-a-talk", "7"), 1),
        (("goal", "milestone-edit", "give-a-talk", "9", "--due", "friday"), 1),
        (("goal", "milestone-remove", "give-a-talk", "dry"), 1),
        (("goal", "add", "T", "-m", "Step@2026-13-01"), 2),
    ):
        result = run("-j", str(two), *args)
        assert result.exit_code == code, (args, result.stderr)
    assert snapshot(two) == before
    titled = run("-j", str(two), "goal", "add", "Mail", "-m", "Email @team", "--measure", "m")
    assert titled.exit_code == 0
    assert [m["title"] for m in get(run, two, "goal", "show", "mail")["milestones"]] == [
        "Email @team"
    ]


def test_a_long_run_of_ratings_shows_its_latest_on_screen(run: Run, two: Path) -> None:
    """Years of weekly sessions: a screen lists the latest dozen ratings after the average of
    all of them, never a wall of digits; the JSON keeps every one."""
    given = [5, 4, 3, 5, 4, 3, 5, 4, 3, 5, 4, 3, 2, 1, 2, 1, 2, 1, 2, 1]
    for week, rating in enumerate(given):
        day = f"2026-0{1 + week // 4}-{10 + week % 4 * 5}"
        added = run(
            "-j",
            str(two),
            "session",
            "add",
            "--mentor",
            "bo",
            "--date",
            day,
            "--notes",
            f"week {week}",
            "--rating",
            str(rating),
        )
        assert added.exit_code == 0, added.stderr
    mentors = {m["mentor"]: m for m in get(run, two, "mentor", "list")["mentors"]}
    ratings = mentors["Bo Chen"]["ratings"]
    values = [r["rating"] for r in ratings["ratings"]]
    assert len(values) == len(given) + 1 and values[:-1] == given  # Bo's first session is later
    average = ratings["average"]
    latest = " ".join(str(r) for r in values[-12:])
    screen = " ".join(run("-j", str(two), "mentor", "list", env={"COLUMNS": "200"}).stdout.split())
    assert f"{average} of 5 on average (latest 12 of 21: {latest})" in screen
    assert " ".join(str(r) for r in values[-13:]) not in screen


def test_ratings_reviews_and_the_close(run: Run, two: Path) -> None:
    bad = run("-j", str(two), "session", "add", "--notes", "n", "--mentor", "ana", "--rating", "6")
    assert bad.exit_code == 2
    for day, rating in (("2026-11-12", "3"), ("2026-11-16", "2"), ("2026-11-20", "2")):
        assert (
            run(
                "-j",
                str(two),
                "session",
                "add",
                "--mentor",
                "ana",
                "--date",
                day,
                "--notes",
                f"on {day}",
                "--rating",
                rating,
            ).exit_code
            == 0
        )
    review = run(
        "-j",
        str(two),
        "mentor",
        "review",
        "ana",
        input="Not often enough\nMostly\n\nMeet every two weeks\n",
    )
    assert review.exit_code == 0, review.stderr
    mentors = {m["mentor"]: m for m in get(run, two, "mentor", "list")["mentors"]}
    ana = mentors["Ana Ruiz"]
    assert [r["rating"] for r in ana["ratings"]["ratings"]] == [4, 3, 2, 2]
    assert ana["ratings"]["average"] == 2.8 and ana["ratings"]["trend"] == "falling"
    assert [(a["prompt"], a["answer"]) for a in ana["latest_review"]["answers"]] == [
        ("Are we meeting often enough?", "Not often enough"),
        ("Is each of us following through?", "Mostly"),
        ("What should change?", "Meet every two weeks"),
    ]
    screen = run("-j", str(two), "report", env={"COLUMNS": "120"}).stdout
    assert "Sessions rated 2.8 of 5 on average (4 3 2 2), falling" in screen
    assert "What should change? Meet every two weeks" in screen
    assert (
        run(
            "-j",
            str(two),
            "mentor",
            "conclude",
            "bo",
            "--reason",
            "Talk given",
            "--rating",
            "5",
            "--retrospective",
            "Thanks",
        ).exit_code
        == 0
    )
    bo = {m["mentor"]: m for m in get(run, two, "mentor", "list")["mentors"]}["Bo Chen"]
    assert bo["reason"] == "Talk given" and bo["rating"] == 5
    assert run("-j", str(two), "mentor", "review", "zed", input="x\n").exit_code == 1
    empty = run("-j", str(two), "mentor", "review", "ana", input="\n\n")
    assert empty.exit_code == 2
    assert run("-j", str(two), "check").exit_code == 0


def test_the_template_asks_for_a_review_at_the_first_session_and_every_few(
    run: Run, tmp_path: Path
) -> None:
    root = tmp_path / "j"
    assert run("init", str(root), "--owner", "Sam", "--mentor", "Ana").exit_code == 0
    config = root / "mentorlog.toml"
    config.write_text(
        config.read_text().replace('owner = "Sam"\n', 'owner = "Sam"\nreview_every = 2\n')
    )
    editor = tmp_path / "editor.py"
    seen = tmp_path / "seen.md"
    editor.write_text(
        "import sys\np = sys.argv[1]\nt = open(p).read()\n"
        f"open({str(seen)!r}, 'a').write('=====\\n' + t)\n"
        "t = t.replace('Notes:\\n', 'Notes:\\nTalked.\\n').replace('Rating: ', 'Rating: 4')\n"
        "t = t.replace('Are we meeting often enough? ', 'Are we meeting often enough? Yes')\n"
        "open(p, 'w').write(t)\n"
    )
    env = {"EDITOR": f"{sys.executable} {editor}"}
    for day in ("2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"):
        result = run("-j", str(root), "session", "add", "--edit", "--date", day, env=env)
        assert result.exit_code == 0, result.stderr
    templates = seen.read_text().split("=====\n")[1:]
    asked = ["How is the relationship going?" in t for t in templates]
    assert asked == [True, False, True, False]
    reviews = sorted((root / "reviews").glob("*.toml"))
    assert len(reviews) == 2 and 'answer = "Yes"' in reviews[0].read_text()
    sessions = run("-j", str(root), "session", "list", "--json").json()["sessions"]
    assert [s["rating"] for s in sessions] == [4, 4, 4, 4]


def test_wins_are_celebrated(run: Run, two: Path) -> None:
    assert (
        run(
            "-j", str(two), "goal", "achieve", "give-a-talk", "outline", "--date", "2026-11-20"
        ).exit_code
        == 0
    )
    assert (
        run("-j", str(two), "goal", "achieve", "read-more", "--date", "2026-11-21").exit_code == 0
    )
    assert (
        run("-j", str(two), "win", "First conference accepted", "--goal", "give-a-talk").exit_code
        == 0
    )
    assert run("-j", str(two), "win", "SECRET raise", "--private").exit_code == 0
    wins = get(run, two, "report")["wins"]
    assert [(w["kind"], w["title"]) for w in wins] == [
        ("milestone", "Outline"),
        ("goal", "Read more"),
        ("win", "First conference accepted"),
        ("win", "SECRET raise"),
    ]  # oldest first, then kind and title
    markdown = run("-j", str(two), "report", "--format", "markdown").stdout
    assert "First conference accepted" in markdown and "SECRET" not in markdown
    assert "Goal achieved: Read more" in markdown
    assert sorted(e["title"] for e in get(run, two, "timeline", "--kind", "win")["entries"]) == [
        "First conference accepted",
        "SECRET raise",
    ]
    assert get(run, two, "search", "conference")["count"] == 1
    assert run("-j", str(two), "win", "  ").exit_code == 2


def mentorlog(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "MENTORLOG_TODAY": TODAY},
    )


def test_a_mentors_roster(run: Run, two: Path, tmp_path: Path) -> None:
    mentees = tmp_path / "mentees"
    mentees.mkdir()
    other = mentees / "kim"
    assert run("init", str(other), "--owner", "Kim Park", "--mentor", "Ana Ruiz").exit_code == 0
    assert (
        run(
            "-j",
            str(other),
            "session",
            "add",
            "--date",
            "2026-09-01",
            "--notes",
            "n",
            "--mentor-action",
            "Send Kim the book",
            "--next",
            "2026-09-20",
        ).exit_code
        == 0
    )
    # A private goal at risk (no measure, so not SMART) stays out of the mentor's roster.
    assert run("-j", str(two), "goal", "add", "SECRET exit plan", "--private").exit_code == 0
    two.rename(mentees / "sam")
    broken = mentees / "broken"
    broken.mkdir()
    (broken / "mentorlog.toml").write_text("format = 2\n")
    before = {p: snapshot(p) for p in (mentees / "sam", other)}
    result = mentorlog("roster", str(mentees), "--json", "--mentor", "ana")
    assert result.returncode == 1 and "broken" in result.stderr
    data = json.loads(result.stdout)
    rows = {r["owner"]: r for r in data["mentees"]}
    assert set(rows) == {"Sam Lee", "Kim Park"}
    kim = rows["Kim Park"]
    assert kim["lapsed"] is True and kim["overdue_mentor_actions"] == 1
    assert data["mentees"][0]["owner"] == "Kim Park"  # who needs the mentor most comes first
    sam = rows["Sam Lee"]
    # Ana's relationship alone: her goal and question, and those tied to no mentor (Bo's
    # talk and his question are not hers to see counted).
    assert sam["active_goals"] == 3 and sam["open_questions"] == 2
    assert not any("secret" in g for g in sam["goals_at_risk"])
    assert data["failed"][0]["journal"].endswith("broken")
    # Each row's journal works with -j, and nothing was changed.
    assert mentorlog("-j", kim["journal"], "status").returncode == 0
    assert {p: snapshot(p) for p in before} == before
    markdown = mentorlog("roster", str(mentees / "sam"), str(other), "--markdown")
    assert markdown.returncode == 0 and "## Kim Park" in markdown.stdout
    screen = mentorlog("roster", cwd=mentees)
    assert "Kim Park" in screen.stdout and "LAPSED" in screen.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = mentorlog("roster", str(empty))
    assert nothing.returncode == 1 and "No journal" in nothing.stderr


def test_a_relationship_added_under_a_blank_name_names_no_one(run: Run, two: Path) -> None:
    """A hand-written change adding a mentor whose name is only spaces: no nameless
    relationship on any screen, and `check` names the file."""
    folder = two / "changes" / "mentors" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-07-01-blankmentor1.toml").write_text(
        'id = "blankmentor1"\nmentor = "   "\nchange = "add"\nstarted = 2026-07-01\n'
        "created = 2026-07-01T09:00:00Z\n"
    )
    status = run("-j", str(two), "status", "--json")
    assert status.exit_code == 0
    assert all(m["mentor"].strip() for m in status.json()["meetings"])
    check = run("-j", str(two), "check")
    assert check.exit_code == 3
    assert "changes/mentors/2026/2026-07-01-blankmentor1.toml: mentor:" in check.stdout
