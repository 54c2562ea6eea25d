"""The oracle: the index only ever saves time.

Every reading command's `--json`, and every handle lookup, is compared with a read of the
files alone (MENTORLOG_NO_CACHE=1) after every kind of change a journal meets: commands, hand
edits (same-size ones with their times put back among them), removals and copies, a `git
checkout`, a `git pull` of many files, and a kind folder that is a symbolic link. Written
against the engine it replaced, and kept.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from conftest import Git, Run, edit_keeping_size_and_time
from test_formats import reading_commands

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate

OFF = {"MENTORLOG_NO_CACHE": "1"}
# Read by name from the generated journal (see _handles); `log` needs git, `export` writes
# files of other formats (tests/test_export.py).
SKIPPED = {"export"}


def _first_goal(journal: Path) -> tuple[str, str]:
    """(slug, id) of the first goal file in name order."""
    path = sorted((journal / "goals").glob("*.toml"))[0]
    slug, _, ident = path.stem.rpartition("-")
    return slug, ident


def _handles(journal: Path) -> dict[str, list[list[str]]]:
    """The arguments each reading command is run with: every way a handle names an entry."""
    slug, goal_id = _first_goal(journal)
    sessions = sorted((journal / "sessions").rglob("*.toml"))
    session_id = sessions[0].stem.rsplit("-", 1)[1] if sessions else "nosession"
    return {
        "search": [["deadline"], ["plan"]],
        "goal show": [[slug], [goal_id[:6]], [slug[:-1] if len(slug) > 8 else slug]],
        "session show": [[session_id[:7]]],
        "roster": [[str(journal)]],
        # From a day on, a timeline reads most kinds in part (the window's entries and those
        # a change applies to).
        "timeline": [
            [],
            ["--goal", slug],
            ["--since", "2026-11-01"],
            ["--since", "2026-03-01", "--until", "2026-05-31"],
            ["--since", "2026-11-01", "--kind", "edit"],
        ],
        "goal list": [[], ["--all"]],
        # A report reads sessions, reflections, feedback and wins in part: its period's, the
        # latest, and the sessions its actions and gaps need (Journal.load's `within`).
        "report": [
            [],
            ["--period", "year"],
            ["--since", "2020-01-01"],
            ["--since", "2026-06-01", "--until", "2026-08-31"],
            ["--period", "quarter", "--until", "2026-02-15"],
        ],
    }


def compare(run: Run, journal: Path, step: str) -> int:
    """Every reading command (by every handle) with the index, built and then warm, against
    the files alone; how many were compared."""
    compared = 0
    handles = _handles(journal)
    for command in reading_commands():
        if command in SKIPPED:
            continue
        for extra in handles.get(command, [[]]):
            where = [] if command == "roster" else ["-j", str(journal)]
            args = [*where, *shlex.split(command), *extra, "--format", "json"]
            truth = run(*args, env=OFF)
            first = run(*args)
            warm = run(*args)
            said = (step, command, extra, truth.stderr, first.stderr)
            assert truth.exit_code == first.exit_code == warm.exit_code, said
            if truth.exit_code != 0:
                assert truth.stderr == first.stderr == warm.stderr, said
                continue
            expected = json.loads(truth.stdout)
            assert json.loads(first.stdout) == expected, said
            assert json.loads(warm.stdout) == expected, said
            compared += 1
    return compared


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated journal, made once; each test works on a copy."""
    root = tmp_path_factory.mktemp("oracle") / "journal"
    generate(root, 160, seed=5, mode="realistic")
    return root


@pytest.fixture
def journal(generated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "journal"
    shutil.copytree(generated, copy, symlinks=True)
    return copy


def test_after_commands(run: Run, journal: Path) -> None:
    slug, goal_id = _first_goal(journal)
    # The oldest reflection, corrected today: a timeline from a recent day shows the
    # correction, though the reflection itself is dated long before it.
    oldest = sorted((journal / "reflections").rglob("*.toml"))[0].stem.rsplit("-", 1)[1]
    assert compare(run, journal, "fresh") >= 15
    steps = [
        ["edit", oldest[:8], "--text", "Corrected after indexing"],
        ["goal", "progress", slug, "55", "--note", "halfway"],
        ["goal", "milestone", goal_id[:6], "Indexed milestone", "--due", "in 2 weeks"],
        ["goal", "achieve", slug, "Indexed"],
        ["ask", "Does the index keep this?"],
        ["session", "add", "--notes", "After the index was built", "--action", "Try again"],
        ["action", "edit", "Try again", "--text", "Try again, harder", "--due", "in 3 days"],
        ["action", "add", "One more thing"],
        ["action", "done", "One more"],
        ["goal", "edit", slug, "--title", "Edited after indexing"],
        ["goal", "rename", slug, "renamed-after-indexing"],
        ["reflect", "A reflection on the index", "--goal", "renamed-after-indexing"],
        ["win", "The index held"],
        ["feedback", "add", "Clear notes", "--received", "--from", "Ana"],
        ["mentor", "add", "Maya Lindqvist", "--cadence", "14"],
        ["goal", "add", "A private aim", "--private", "--measure", "done"],
        ["goal", "delete", "renamed-after-indexing", "--force"],
        ["undo"],
    ]
    # Compared after every few: each comparison runs every reading command three times.
    for start in range(0, len(steps), 3):
        for step in steps[start : start + 3]:
            result = run("-j", str(journal), *step)
            assert result.exit_code == 0, (step, result.stderr)
        assert compare(run, journal, " ".join(step)) >= 15


def _sessions(journal: Path) -> list[Path]:
    return sorted((journal / "sessions").rglob("*.toml"))


def test_after_hand_edits_removals_and_copies(run: Run, journal: Path) -> None:
    compare(run, journal, "built")
    goal = sorted((journal / "goals").glob("*.toml"))[0]
    text = goal.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    goal.write_text(text.replace(title, 'title = "Renamed by hand, and longer than before"'))
    compare(run, journal, "edited")
    # The same size, its modification time put back: only its change time tells.
    session = _sessions(journal)[3]
    notes = session.read_text()
    first = notes.split('"')[1][:5]
    edit_keeping_size_and_time(session, first, first[::-1] if first[::-1] != first else "Xyzzy")
    compare(run, journal, "same size")
    _sessions(journal)[5].unlink()
    compare(run, journal, "removed")
    copy = _sessions(journal)[7]
    shutil.copy2(copy, copy.with_name(copy.stem[:-3] + "zzz.toml"))
    shutil.copy2(goal, goal.with_name("a-copied-goal-" + goal.stem.rsplit("-", 1)[1] + ".toml"))
    compare(run, journal, "goal copied")
    bad = journal / "reflections" / "2020-01-01-brokenbroken.toml"
    bad.write_text("date = 2020-01-01\ntext = \n")
    compare(run, journal, "broken")
    bad.unlink()
    change = journal / "changes" / "goals" / "2020" / "2020-01-02-handchange01.toml"
    change.parent.mkdir(parents=True, exist_ok=True)
    _, goal_id = _first_goal(journal)
    change.write_text(
        f'id = "handchange01"\nentry = "{goal_id}"\nchange = "checkin"\n'
        "date = 2020-01-02\nprogress = 12\ncreated = 2020-01-02T10:00:00Z\n"
    )
    compare(run, journal, "hand-made change")
    shutil.move(str(journal / "feedback"), str(journal / "feedback-away"))
    compare(run, journal, "folder gone")
    shutil.move(str(journal / "feedback-away"), str(journal / "feedback"))
    compare(run, journal, "folder back")


def test_a_kind_folder_that_is_a_symbolic_link(run: Run, journal: Path, tmp_path: Path) -> None:
    compare(run, journal, "built")
    elsewhere = tmp_path / "sessions-elsewhere"
    shutil.move(str(journal / "sessions"), str(elsewhere))
    (journal / "sessions").symlink_to(elsewhere)
    compare(run, journal, "linked")
    newest = sorted(elsewhere.rglob("*.toml"))[-1]
    newest.unlink()
    compare(run, journal, "changed behind the link")
    (journal / "sessions").unlink()
    other = tmp_path / "other-sessions"
    other.mkdir()
    (journal / "sessions").symlink_to(other)
    compare(run, journal, "pointed elsewhere")


def _commit(git: Git, folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def test_after_git_checkout_and_a_pull_of_many_files(
    run: Run, journal: Path, tmp_path: Path, git: Git
) -> None:
    git(journal, "init", "-q")
    _commit(git, journal, "generated")
    compare(run, journal, "in git")
    slug, _ = _first_goal(journal)
    for step in (
        ["goal", "progress", slug, "80"],
        ["session", "add", "--notes", "On a branch", "--action", "Branch work"],
    ):
        assert run("-j", str(journal), *step).exit_code == 0
    compare(run, journal, "committed")
    git(journal, "checkout", "-q", "HEAD~2")
    compare(run, journal, "checked out")
    git(journal, "checkout", "-q", "main")
    compare(run, journal, "back on main")
    # A second clone adds many files; the first pulls them all at once.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(journal), str(clone))
    other = tmp_path / "more"
    generate(other, 120, seed=9, mode="stress")
    for kind in ("sessions", "reflections", "feedback", "questions"):
        for path in (other / kind).rglob("*.toml"):
            target = clone / path.relative_to(other)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    _commit(git, clone, "many files")
    git(journal, "pull", "-q", "--no-rebase", str(clone), "main")
    compare(run, journal, "pulled")


def _writes_agree(
    run: Run, first: Path, second: Path, step: list[str], show: list[list[str]]
) -> None:
    """A write run on two equal journals, one through the index and one on the files
    alone, changes the same entries."""
    one = run("-j", str(first), *step)
    two = run("-j", str(second), *step, env=OFF)
    assert (one.exit_code, one.stderr) == (two.exit_code, two.stderr), step
    for args in show:
        seen = [
            json.loads(run("-j", str(j), *args, "--json", env=OFF).stdout) for j in (first, second)
        ]
        assert seen[0] == seen[1], (step, args)


def test_writes_find_the_entries_their_handles_name(
    run: Run, journal: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(journal, twin, symlinks=True)
    compare(run, journal, "built")  # the first journal's index, warm
    slug, goal_id = _first_goal(journal)
    for step in (["action", "add", "Handle lookups", "--due", "2026-12-01"],):
        # Ids are random: the same action is added by hand-made equal files instead.
        assert run("-j", str(journal), *step).exit_code == 0
    added = sorted((journal / "changes" / "sessions").rglob("*.toml"))[-1]
    target = twin / added.relative_to(journal)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(added, target)
    show = [["action", "list", "--all"], ["goal", "show", goal_id[:6]], ["goal", "list", "--all"]]
    steps: list[list[str]] = [
        ["goal", "progress", goal_id[:6], "61"],
        ["goal", "progress", slug, "63", "--note", "by slug"],
        ["action", "edit", "Handle lookups", "--due", "2026-12-09"],
        ["action", "done", "Handle"],
        ["goal", "pause", slug],
        ["goal", "rename", slug, "renamed-twice"],
        ["goal", "progress", slug, "62"],  # a former slug still names it
    ]
    for step in steps:
        _writes_agree(run, journal, twin, step, show)


def _index_files(home: Path) -> list[Path]:
    return [p for p in (home / "cache" / "mentorlog").rglob("*") if p.is_file()]


@pytest.mark.parametrize("damage", ["garbage", "empty", "folder"])
def test_a_damaged_index_is_made_again(
    run: Run, journal: Path, isolated_user: Path, damage: str
) -> None:
    expected = run("-j", str(journal), "status", "--json", env=OFF).stdout
    assert run("-j", str(journal), "status", "--json").stdout == expected
    files = _index_files(isolated_user)
    assert files, "the index is kept in the cache folder"
    for path in files:
        if damage == "folder":
            path.unlink()
            path.mkdir()
        else:
            path.write_bytes(b"" if damage == "empty" else os.urandom(4096))
    result = run("-j", str(journal), "status", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    assert len(result.stderr.splitlines()) <= 1


def test_a_search_read_in_parts_finds_what_a_whole_read_finds(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search reads each kind a few days at a time: with parts of a handful of entries, a
    copy (the same day) is still set aside once, a file that does not load is said once, and
    every hit is where a read of every file puts it."""
    import mentorlog.reads.reports as reads

    monkeypatch.setattr(reads, "SEARCH_PART", 4)
    sessions = _sessions(journal)
    for source in sessions[2:40:3]:  # named to sort far from their originals
        shutil.copy2(source, source.with_name("zz-copy-" + source.name))
    (journal / "sessions" / "2020-01-01-brokenbroken.toml").write_text("date = 2020-01-01\n[[x\n")
    compared = 0
    for word in ("deadline", "plan", "the", "zzqx"):
        args = ["-j", str(journal), "search", word, "--json"]
        truth, indexed = run(*args, env=OFF), run(*args)
        assert (indexed.exit_code, indexed.stderr) == (truth.exit_code, truth.stderr), word
        assert indexed.stderr.count("brokenbroken") == 1, indexed.stderr
        assert indexed.json() == truth.json(), word
        compared += len(truth.json()["hits"])
        screen = ["-j", str(journal), "search", word]
        assert run(*screen).stdout == run(*screen, env=OFF).stdout, word
    assert compared > 40


def test_a_build_in_parts_reads_as_a_whole_one(
    run: Run, journal: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build (or a refresh of many files) reads and writes a few thousand files at a
    time, a kind's changes before its entries: in parts of 7 files, an entry and its changes
    land in different parts, and every read is still what the files say."""
    from mentorlog.index import refresh

    monkeypatch.setattr(refresh, "PART", 7)
    slug, goal_id = _first_goal(journal)
    for step in (
        ["goal", "progress", slug, "40", "--note", "in parts"],
        ["goal", "milestone", goal_id[:6], "A part's milestone", "--due", "in 2 weeks"],
        ["session", "add", "--notes", "Parts", "--action", "Split the build"],
        ["action", "done", "Split the build"],
        ["edit", sorted((journal / "reflections").rglob("*.toml"))[0].stem[-12:], "--text", "X"],
    ):
        result = run("-j", str(journal), *step)
        assert result.exit_code == 0, (step, result.stderr)
    for path in _index_files(isolated_user):
        path.unlink()
    assert compare(run, journal, "in parts") >= 15
