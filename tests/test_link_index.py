"""The link index (link_index.py): `goal delete` counts the entries that link to its goal from
it, and counts exactly what a whole, cache-free read counts, whatever changed the files."""

from __future__ import annotations

import atexit
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest

from conftest import Git, Run, current, edit_keeping_size_and_time, snapshot
from mentorlog import cache, link_index
from mentorlog.handles import find_goal
from mentorlog.journal import Journal
from mentorlog.report.rules import names_of

GOALS = ("Public speaking", "Delegation", "Salary talk")


def by_a_whole_read(root: Path, handle: str) -> int:
    """How many entries link to the goal, as `goal delete` counted them from every entry."""
    entries = Journal(root).load(use_cache=False)
    goal = find_goal(entries.named("goal"), handle)
    names = names_of(goal)
    return sum(1 for e in entries.all() if e.kind != "goal" and e.mentions(names))


def by_the_index(root: Path, handle: str) -> int | None:
    journal = Journal(root)
    return link_index.linked(journal, journal.goals().find(handle))


def handles(root: Path) -> list[str]:
    return [g.slug for g in current(root, "goal") if not g.deleted]


def assert_counted_alike(root: Path) -> None:
    for handle in handles(root):
        assert by_the_index(root, handle) == by_a_whole_read(root, handle), handle


def refused_count(run: Run, root: Path, handle: str) -> int:
    """The count `goal delete` refuses the goal with; the journal is left as it was."""
    before = snapshot(root)
    result = run("-j", str(root), "goal", "delete", handle)
    assert result.exit_code == 1, result.stderr
    assert snapshot(root) == before
    found = re.search(r"linked from (\d+) entr", result.stderr)
    assert found, result.stderr
    return int(found.group(1))


def ok(run: Run, root: Path, *args: str) -> None:
    result = run("-j", str(root), *args)
    assert result.exit_code == 0, (args, result.stderr)


# The journal add_links makes, made once by the real commands and copied for each test after.
_MADE: list[Path] = []


def add_links(run: Run, root: Path) -> None:
    """Goals (one private), and links to them from every kind that can link, public and
    private; a public entry's link to the private goal is kept on the private side (a `link`
    change). Made by the commands once, then copied into each test's new journal."""
    if not _MADE:
        folder = Path(tempfile.mkdtemp(prefix="mentorlog-links-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        shutil.copytree(root, folder / "journal")
        make_links(run, folder / "journal")
        _MADE.append(folder / "journal")
    shutil.copytree(_MADE[0], root, dirs_exist_ok=True)


def make_links(run: Run, root: Path) -> None:
    """What add_links copies, by the commands."""
    ok(run, root, "goal", "add", GOALS[0])
    ok(run, root, "goal", "add", GOALS[1])
    ok(run, root, "goal", "add", GOALS[2], "--private")
    for goal in ("public-speaking", "salary-talk"):
        ok(run, root, "session", "add", "-d", "2026-10-01", "--notes", f"On {goal}", "-g", goal)
        ok(run, root, "reflect", f"Thinking about {goal}", "-g", goal)
        ok(run, root, "feedback", "add", f"Feedback on {goal}", "--received", "-g", goal)
        ok(run, root, "ask", f"How do I move {goal} on?", "-g", goal)
        ok(run, root, "win", f"A win for {goal}", "-g", goal)
    ok(run, root, "reflect", "Private thoughts", "-g", "public-speaking", "--private")
    ok(run, root, "session", "add", "-d", "2026-10-02", "--notes", "Two goals", "-g", "delegation")


@pytest.fixture(params=["walked", "watched"])
def way(request: pytest.FixtureRequest, journal: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """How the index knows the files are as it says: it walks them, or the journal's watcher
    tells it which changed (watching.py)."""
    if request.param == "watched":
        monkeypatch.setattr(link_index, "WATCH_FROM", 0)
        request.getfixturevalue("watcher")(journal)
    return str(request.param)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times the index was made from a whole read, and every file walked."""
    calls = {"builds": 0, "walks": 0}
    for name, key in (("_build", "builds"), ("_take_walked", "walks")):
        real = getattr(link_index, name)

        def counting(*args: Any, _real: Any = real, _key: str = key) -> Any:
            calls[_key] += 1
            return _real(*args)

        monkeypatch.setattr(link_index, name, counting)
    return calls


def test_goal_delete_counts_every_kinds_links_from_the_index(
    run: Run, journal: Path, way: str, counted: dict[str, int]
) -> None:
    add_links(run, journal)
    # Sessions, reflections, feedback, questions and wins, and a private reflection.
    assert refused_count(run, journal, "public-speaking") == 6
    # A public session's and public notes' links to a private goal: `link` changes.
    assert refused_count(run, journal, "salary-talk") == 5
    assert counted["builds"] == 1
    assert_counted_alike(journal)
    walks = counted["walks"]
    ok(run, journal, "reflect", "One more", "-g", "delegation")
    assert refused_count(run, journal, "delegation") == 2
    assert counted["builds"] == 1
    # Told by the watcher what changed, no lookup walked the files.
    assert counted["walks"] == (walks if way == "watched" else walks + 1)


def test_an_unlinked_goal_is_deleted_and_a_forced_one_says_its_links(
    run: Run, journal: Path
) -> None:
    add_links(run, journal)
    ok(run, journal, "goal", "add", "Unlinked")
    deleted = run("-j", str(journal), "goal", "delete", "unlinked")
    assert deleted.exit_code == 0 and "still linked" not in deleted.stderr
    forced = run("-j", str(journal), "goal", "delete", "delegation", "--force")
    assert forced.exit_code == 0 and "still linked from 1 entry" in forced.stderr
    assert sorted(handles(journal)) == ["public-speaking", "salary-talk"]
    ok(run, journal, "undo")
    assert refused_count(run, journal, "delegation") == 1


@pytest.mark.parametrize(
    "outside",
    [
        "link edited away, same size and time",
        "linking file removed",
        "note written by hand, linking by slug",
        "link change written by hand",
        "link change to a note that has a goal",
        "broken file",
    ],
)
def test_files_changed_outside_mentorlog_are_seen(
    run: Run, journal: Path, outside: str, way: str
) -> None:
    add_links(run, journal)
    assert_counted_alike(journal)
    goals = {g.slug: g.id for g in current(journal, "goal")}
    reflections = sorted((journal / "reflections").rglob("*.toml"))
    linking = next(p for p in reflections if goals["public-speaking"] in p.read_text())
    if outside == "link edited away, same size and time":
        edit_keeping_size_and_time(linking, goals["public-speaking"], goals["delegation"])
    elif outside == "linking file removed":
        linking.unlink()
    elif outside == "note written by hand, linking by slug":
        (journal / "wins" / "2026-11-01-byhandwin001.toml").write_text(
            'id = "byhandwin001"\ndate = 2026-11-01\ntext = "By hand"\n'
            'goal = "delegation"\ncreated = 2026-11-01T09:00:00Z\n'
        )
    elif outside.startswith("link change"):
        # A win with no goal, or the reflection that has one: fold sets a note's goal from a
        # `link` change only where it has none.
        ok(run, journal, "win", "Unlinked win")
        target = (
            linking.stem[-12:]
            if outside.endswith("has a goal")
            else next(w.id for w in current(journal, "win") if w.text == "Unlinked win")
        )
        folder = "reflections" if outside.endswith("has a goal") else "wins"
        changes = journal / "changes" / folder / "2026"
        changes.mkdir(parents=True, exist_ok=True)
        (changes / "2026-11-02-byhandlink01.toml").write_text(
            f'id = "byhandlink01"\nentry = "{target}"\nchange = "link"\n'
            f'goal = "{goals["delegation"]}"\ncreated = 2026-11-02T09:00:00Z\n'
        )
    else:
        linking.write_text('id = "broken"\ndate = "not a date"\n')
    assert_counted_alike(journal)
    expected = by_a_whole_read(journal, "delegation")
    assert refused_count(run, journal, "delegation") == expected
    if outside in ("note written by hand, linking by slug", "link change written by hand"):
        assert expected == 2
    if outside == "link change to a note that has a goal":
        assert expected == 1


def test_a_renamed_goals_old_slug_still_links(run: Run, journal: Path) -> None:
    add_links(run, journal)
    ok(run, journal, "goal", "rename", "delegation", "team-lead")
    (journal / "reflections" / "2026-11-03-byhandrefl01.toml").write_text(
        'id = "byhandrefl01"\ndate = 2026-11-03\ntext = "Old slug"\n'
        'goal = "delegation"\ncreated = 2026-11-03T09:00:00Z\n'
    )
    assert refused_count(run, journal, "team-lead") == by_a_whole_read(journal, "team-lead") == 2


@pytest.mark.parametrize("linked", ["both", "first", "later"])
def test_a_copy_is_counted_as_reports_show_it(run: Run, journal: Path, linked: str) -> None:
    """A session recorded twice (the same notes on one day) is one session in every report:
    the first copy, whichever of them links to the goal."""
    add_links(run, journal)
    goal = next(g.id for g in current(journal, "goal") if g.slug == "delegation")
    folder = journal / "sessions" / "2026"
    for hour, name in ((9, "first"), (10, "later")):
        links = f'goals = ["{goal}"]\n' if linked in ("both", name) else ""
        (folder / f"2026-09-09-copy{name:0>8}.toml").write_text(
            f'id = "copy{name:0>8}"\ndate = 2026-09-09\nmentor = "Ana Ruiz"\n'
            f'notes = "Recorded twice"\n{links}created = 2026-09-09T{hour:02d}:00:00Z\n'
        )
    expected = by_a_whole_read(journal, "delegation")
    assert expected == (1 if linked == "later" else 2)
    assert by_the_index(journal, "delegation") == expected
    assert refused_count(run, journal, "delegation") == expected


def test_two_entries_of_one_id_are_counted_by_a_whole_read(run: Run, journal: Path) -> None:
    add_links(run, journal)
    handle = "public-speaking"
    goal = next(g.id for g in current(journal, "goal") if g.slug == handle)
    linking = next(p for p in (journal / "reflections").rglob("*.toml") if goal in p.read_text())
    shutil.copy(linking, linking.with_name("2026-12-01-anothername1.toml"))
    assert by_the_index(journal, handle) is None  # not said by the index: read whole
    assert refused_count(run, journal, handle) == by_a_whole_read(journal, handle)


def test_a_file_with_conflict_markers_stops_goal_delete(run: Run, journal: Path) -> None:
    add_links(run, journal)
    ok(run, journal, "goal", "add", "Unlinked")
    assert_counted_alike(journal)
    path = next((journal / "questions").rglob("*.toml"))
    path.write_text("<<<<<<< ours\nid = 'a'\n=======\nid = 'b'\n>>>>>>> theirs\n")
    before = snapshot(journal)
    result = run("-j", str(journal), "goal", "delete", "unlinked")
    assert result.exit_code != 0 and "conflict" in result.stderr
    assert snapshot(journal) == before


def database(root: Path) -> Path:
    return Path(cache.database_path(root, link_index.NAME))


@pytest.mark.parametrize("damage", ["garbage", "another version", "a table gone", "a folder"])
def test_a_damaged_index_is_made_again(run: Run, journal: Path, damage: str) -> None:
    add_links(run, journal)
    assert_counted_alike(journal)
    path = database(journal)
    assert path.is_file()
    for extra in (f"{path}-wal", f"{path}-shm"):
        Path(extra).unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "another version":
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA user_version = 99")
    elif damage == "a table gone":
        with sqlite3.connect(path) as connection:
            connection.execute("DROP TABLE links")
    else:
        path.unlink()
        path.mkdir()
    ok(run, journal, "reflect", "After the damage", "-g", "delegation")
    assert refused_count(run, journal, "delegation") == by_a_whole_read(journal, "delegation")
    if damage == "a folder":  # not a file to remove: no index, every entry is read
        assert by_the_index(journal, "delegation") is None
        return
    assert_counted_alike(journal)
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == link_index.VERSION


def test_a_git_checkout_is_seen(run: Run, journal: Path, git: Git, way: str) -> None:
    git(journal, "init", "-q")
    git(journal, "add", "-A")
    git(journal, "commit", "-qm", "journal")
    make_links(run, journal)  # each write committed
    git(journal, "checkout", "-qb", "other")
    ok(run, journal, "reflect", "On a branch", "-g", "delegation")
    assert refused_count(run, journal, "delegation") == 2  # mentorlog committed the note
    git(journal, "checkout", "-q", "main")
    assert refused_count(run, journal, "delegation") == 1
    git(journal, "checkout", "-q", "other")
    assert refused_count(run, journal, "delegation") == 2
    assert_counted_alike(journal)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_and_edits_count_alike(run: Run, journal: Path, seed: int, way: str) -> None:
    """A random run of linking writes, copies, hand edits, link changes and removals: after
    each step, the index counts each goal's links as a whole read does."""
    import random

    chance = random.Random(seed)
    add_links(run, journal)
    slugs = ["public-speaking", "delegation", "salary-talk"]
    for step in range(16):
        move = chance.choice(["note", "session", "copy", "hand", "link", "gone", "edit"])
        goal = chance.choice(slugs)
        day = f"2026-{chance.randint(9, 11):02d}-{chance.randint(1, 28):02d}"
        if move == "note":
            kind = chance.choice([["reflect"], ["win"], ["ask"], ["feedback", "add", "--given"]])
            private = ["--private"] if chance.random() < 0.3 else []
            run("-j", str(journal), *kind, f"Step {step}", "-g", goal, *private)
        elif move in ("session", "copy"):
            notes = "Same notes" if move == "copy" else f"Notes {step}"
            links = ["-g", goal] if chance.random() < 0.7 else []
            run("-j", str(journal), "session", "add", "-d", "2026-10-05", "--notes", notes, *links)
        elif move == "hand":
            ids = {g.slug: g.id for g in current(journal, "goal")}
            ref = chance.choice([goal, ids[goal]])
            name = f"hand{step:08d}"
            (journal / "reflections" / f"{day}-{name}.toml").write_text(
                f'id = "{name}"\ndate = {day}\ntext = "Hand {step}"\ngoal = "{ref}"\n'
                f"created = {day}T09:00:00Z\n"
            )
        elif move == "link":
            wins = [w for w in current(journal, "win") if not w.goal]
            if not wins:
                run("-j", str(journal), "win", f"Bare {step}")
                wins = [w for w in current(journal, "win") if not w.goal]
            ids = {g.slug: g.id for g in current(journal, "goal")}
            folder = journal / "changes" / "wins" / "2026"
            folder.mkdir(parents=True, exist_ok=True)
            name = f"link{step:08d}"
            (folder / f"{day}-{name}.toml").write_text(
                f'id = "{name}"\nentry = "{chance.choice(wins).id}"\nchange = "link"\n'
                f'goal = "{ids[goal]}"\ncreated = {day}T10:00:00Z\n'
            )
        elif move == "gone":
            files = sorted(p for p in journal.rglob("*.toml") if p.parent.name != "goals")
            files = [p for p in files if p.name != "mentorlog.toml"]
            if files:
                chance.choice(files).unlink()
        else:
            ids = {g.slug: g.id for g in current(journal, "goal")}
            old, new = chance.sample([ids[s] for s in slugs], 2)
            texts = [p for p in journal.rglob("*.toml") if old in p.read_text()]
            texts = [p for p in texts if p.parent.name != "goals"]
            if texts:
                edit_keeping_size_and_time(chance.choice(texts), old, new)
        for slug in slugs:
            assert by_the_index(journal, slug) == by_a_whole_read(journal, slug), (step, slug)


def test_without_sqlite_goal_delete_reads_every_entry(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Python built without sqlite3: no index, and the same count from every entry."""
    add_links(run, journal)
    monkeypatch.setattr(link_index, "sqlite3", None)
    assert by_the_index(journal, "public-speaking") is None
    assert refused_count(run, journal, "public-speaking") == 6
    assert not database(journal).exists()
