"""The goal index (goal_index.py): a write finds the goal it names from it, and finds exactly what
a whole, cache-free read of the goals would find, whatever changed the files meanwhile."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    Git,
    Run,
    counted_builds,
    current,
    edit_keeping_size_and_time,
    snapshot,
    writers_at_once,
)
from mentorlog import entry_index, goal_index, walk_ahead
from mentorlog.errors import HandleError
from mentorlog.handles import find_goal
from mentorlog.journal import Journal, by_day

MARKER = iter(range(1_000_000))


def expected(root: Path, handle: str) -> tuple[str, list[str]]:
    """What a whole read without the cache finds: the goal's id, or the error and candidates."""
    goals = Journal(root).load(["goal"], use_cache=False).named("goal")
    try:
        return find_goal(goals, handle).id, []
    except HandleError as error:
        return str(error), error.candidates


def found_by_a_write(run: Run, root: Path, handle: str) -> tuple[str, str]:
    """Which goal `goal progress` wrote to (its id), or its error output."""
    note = f"marker {next(MARKER)}"
    result = run("-j", str(root), "goal", "progress", handle, "10", "--note", note)
    if result.exit_code != 0:
        return "", result.stderr
    written = [g.id for g in current(root, "goal") if any(c.note == note for c in g.checkins)]
    assert len(written) == 1, written
    return written[0], ""


def assert_found_alike(run: Run, root: Path, handles: list[str]) -> None:
    for handle in handles:
        wanted, candidates = expected(root, handle)
        goal_id, error = found_by_a_write(run, root, handle)
        if candidates or not goal_id:
            assert goal_id == "", (handle, goal_id)
            assert " ".join(wanted.split()) in " ".join(error.split()), (handle, error)
            for candidate in candidates:
                assert candidate in error, (handle, candidate, error)
        else:
            assert goal_id == wanted, handle


def index_is_true(root: Path) -> bool:
    return goal_index.read(Journal(root)) is not None


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times every goal was read to make the index, counted."""
    return counted_builds(monkeypatch, goal_index.GoalIndex)


def add_goals(run: Run, root: Path) -> None:
    for title in ("Public speaking", "Public writing", "Delegation"):
        assert run("-j", str(root), "goal", "add", title).exit_code == 0
    private = run("-j", str(root), "goal", "add", "Salary talk", "--private")
    assert private.exit_code == 0


def handles_of(root: Path) -> list[str]:
    goals = current(root, "goal")
    ids = [g.id for g in goals]
    return [
        "public-speaking",
        "public",  # ambiguous: two candidates
        "public-w",
        "deleg",
        "salary-talk",  # a private goal
        "PUBLIC-SPEAKING",
        "  delegation  ",
        "speaking",  # unknown, with a close match
        "nothing-like-it",
        ids[0],
        ids[1][:6],
        "",
    ]


def test_writes_find_goals_from_the_index_and_keep_it_true(
    run: Run, journal: Path, builds: list[int]
) -> None:
    add_goals(run, journal)
    assert index_is_true(journal)  # goal add kept it true
    made = len(builds)
    assert_found_alike(run, journal, handles_of(journal))
    # Every write above found its goal in the index, and kept the index true.
    assert len(builds) == made
    assert index_is_true(journal)
    # Renamed, milestones, achieved, deleted: each through the index, each kept in it.
    for change in (
        ["goal", "rename", "delegation", "hand-over"],
        ["goal", "milestone", "hand-over", "First handover"],
        ["goal", "edit", "public-w", "--title", "Public writing, weekly"],
        ["goal", "achieve", "public-speaking"],
        ["goal", "pause", "public-w"],
    ):
        result = run("-j", str(journal), *change)
        assert result.exit_code == 0, (change, result.stderr)
    assert len(builds) == made
    assert index_is_true(journal)
    assert_found_alike(run, journal, ["delegation", "hand-over", "public", "public-writing"])
    # A milestone added twice is refused from the index as from the files.
    again = run("-j", str(journal), "goal", "milestone", "hand-over", "first handover")
    assert again.exit_code != 0 and "First handover" in again.stderr
    assert len(builds) == made


def handles_are_a_whole_reads(root: Path) -> bool:
    """Whether the index kept describes the goal files as they are, and holds each goal's
    handle (deleted ones too) as a whole read makes it."""
    index = goal_index.read(Journal(root))
    if index is None:
        return False
    entries = Journal(root).load(["goal"], use_cache=False)
    goals = sorted([*entries.named("goal"), *entries.deleted], key=by_day)
    return index.handles == [goal_index.Handle.of(goal) for goal in goals]


def files_of(root: Path) -> dict[str, bytes]:
    """The journal's files, git's own left out."""
    return {path: text for path, text in snapshot(root).items() if not path.startswith(".git/")}


@pytest.mark.parametrize(
    ("delta_kept", "kept_in"), [(entry_index.DELTA_KEPT, "folder"), (0, "folder"), (256, "git")]
)
def test_undo_takes_what_it_removes_out_of_the_index(
    run: Run,
    journal: Path,
    git: Git,
    builds: list[int],
    monkeypatch: pytest.MonkeyPatch,
    delta_kept: int,
    kept_in: str,
) -> None:
    """`undo` removes the files the last write added (in git, with the commit): the index
    takes them out, so the next write reads no goal but its own (in the index's delta, or
    with it written whole)."""
    monkeypatch.setattr(entry_index, "DELTA_KEPT", delta_kept)
    if kept_in == "git":
        git(journal, "init", "-q")
        git(journal, "add", "-A")
        git(journal, "commit", "-qm", "journal")
    add_goals(run, journal)
    assert handles_are_a_whole_reads(journal)
    made = len(builds)
    for write in (
        ["goal", "progress", "public-speaking", "30"],
        ["goal", "delete", "delegation"],
        ["goal", "rename", "public-writing", "writing"],
        ["goal", "add", "Undone goal"],
        ["goal", "add", "Private undone", "--private"],
        ["goal", "milestone", "public-speaking", "First talk"],
    ):
        before = files_of(journal)
        assert run("-j", str(journal), *write).exit_code == 0, write
        assert run("-j", str(journal), "undo").exit_code == 0, write
        assert files_of(journal) == before
        assert handles_are_a_whole_reads(journal), write
        assert_found_alike(run, journal, ["delegation", "public-writing", "writing", "undone"])
    assert len(builds) == made
    assert handles_are_a_whole_reads(journal)


def test_deleted_goals_keep_their_slugs(run: Run, journal: Path, builds: list[int]) -> None:
    add_goals(run, journal)
    deleted = run("-j", str(journal), "goal", "delete", "delegation")
    assert deleted.exit_code == 0, deleted.stderr
    assert_found_alike(run, journal, ["delegation", "deleg"])
    added = run("-j", str(journal), "goal", "add", "Delegation")
    assert added.exit_code == 0
    slugs = sorted(g.slug for g in current(root=journal, kind="goal"))
    assert "delegation-2" in slugs and "delegation" not in slugs
    refused = run("-j", str(journal), "goal", "rename", "public-w", "delegation")
    assert refused.exit_code != 0 and "delegation" in refused.stderr
    undone = run("-j", str(journal), "undo")
    assert undone.exit_code == 0, undone.stderr
    assert_found_alike(run, journal, ["delegation", "delegation-2", "deleg"])


def test_a_same_size_edit_with_its_time_put_back_is_seen(run: Run, journal: Path) -> None:
    add_goals(run, journal)
    assert index_is_true(journal)
    path = next((journal / "goals").glob("delegation-*.toml"))
    edit_keeping_size_and_time(path, 'slug = "delegation"', 'slug = "delegatiox"')
    assert not index_is_true(journal)
    assert_found_alike(run, journal, ["delegatiox", "delegation", "deleg"])


def write_change(root: Path, goal_id: str, name: str, lines: str) -> None:
    folder = root / "changes" / "goals" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"2026-11-23-{name}.toml").write_text(
        f'id = "{name}"\ncreated = 2026-11-23T10:00:00Z\nentry = "{goal_id}"\n{lines}'
    )


@pytest.mark.parametrize(
    "outside",
    ["rename by hand", "goal removed", "goal copied in", "copy of a goal", "broken goal file"],
)
def test_files_changed_outside_mentorlog_are_seen(
    run: Run, journal: Path, tmp_path: Path, outside: str
) -> None:
    add_goals(run, journal)
    assert index_is_true(journal)
    goals = {g.slug: g for g in current(journal, "goal")}
    files = {p.stem.rsplit("-", 1)[0]: p for p in (journal / "goals").glob("*.toml")}
    if outside == "rename by hand":  # as a `git pull` brings another clone's rename
        rename = 'change = "rename"\nslug = "handover"\n'
        write_change(journal, goals["delegation"].id, "hand0rename1", rename)
    elif outside == "goal removed":
        files["public-writing"].unlink()
    elif outside == "goal copied in":
        other = tmp_path / "other"
        assert run("init", str(other), "--owner", "Sam Lee").exit_code == 0
        assert run("-j", str(other), "goal", "add", "Public health").exit_code == 0
        shutil.copy(next((other / "goals").glob("*.toml")), journal / "goals")
    elif outside == "copy of a goal":  # recorded twice: reports show one, handles see both
        shutil.copy(files["delegation"], journal / "goals" / "delegation-copy.toml")
    else:
        files["public-writing"].write_text('id = "x"\nslug = [\n')
    assert not index_is_true(journal)
    handles = ["delegation", "handover", "public", "public-writing", "public-h", "deleg"]
    assert_found_alike(run, journal, handles)
    if outside in ("copy of a goal", "broken goal file"):
        # No index while the goals are not all plain: every write reads them all.
        assert not index_is_true(journal)
    else:
        assert index_is_true(journal)


def test_a_git_checkout_is_seen(run: Run, journal: Path, git: Git) -> None:
    git(journal, "init", "-q")
    add_goals(run, journal)
    git(journal, "add", "-A")
    git(journal, "commit", "-qm", "goals")
    git(journal, "checkout", "-qb", "other")
    assert run("-j", str(journal), "goal", "rename", "delegation", "handover").exit_code == 0
    assert run("-j", str(journal), "goal", "add", "Mentoring others").exit_code == 0
    assert "nothing to commit" in git(journal, "status")  # mentorlog committed both
    assert index_is_true(journal)
    git(journal, "checkout", "-q", "main")
    assert not index_is_true(journal)
    assert_found_alike(run, journal, ["delegation", "handover", "mentoring-others", "ment"])
    git(journal, "checkout", "-q", "other")
    assert_found_alike(run, journal, ["delegation", "handover", "mentoring-others", "ment"])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another journal's"])
def test_a_damaged_index_is_made_again(
    run: Run, journal: Path, tmp_path: Path, isolated_user: Path, damage: str
) -> None:
    add_goals(run, journal)
    cache = isolated_user / "cache" / "mentorlog"
    [index_file] = cache.glob(f"*-{goal_index.NAME}.pickle")
    if damage == "garbage":
        index_file.write_bytes(b"not a pickle at all")
    elif damage == "truncated":
        index_file.write_bytes(index_file.read_bytes()[:-100])
    else:
        other = tmp_path / "other"
        assert run("init", str(other), "--owner", "Sam Lee").exit_code == 0
        assert run("-j", str(other), "goal", "add", "Delegation").exit_code == 0
        [other_file] = set(cache.glob(f"*-{goal_index.NAME}.pickle")) - {index_file}
        shutil.copy(other_file, index_file)
    assert not index_is_true(journal)
    assert_found_alike(run, journal, ["delegation", "public", "public-s", "salary-talk"])
    assert index_is_true(journal)


def test_a_goal_file_changed_after_the_check_is_read_whole(
    run: Run, journal: Path, isolated_user: Path
) -> None:
    add_goals(run, journal)
    # Made again by a whole read: only the goal written since is kept pickled, the others are
    # read from their files.
    [index_file] = (isolated_user / "cache" / "mentorlog").glob(f"*-{goal_index.NAME}.pickle")
    index_file.unlink()
    assert run("-j", str(journal), "goal", "progress", "deleg", "5").exit_code == 0
    goals = Journal(journal).goals()
    assert goals.kept
    # Between the check of the stats and the reading of the goal's files (another process,
    # or a person, at that very moment): the goal is then read as every goal is.
    next((journal / "goals").glob("public-writing-*.toml")).unlink()
    with pytest.raises(HandleError):
        goals.find("public-writing")
    assert goals.find("delegation").checkins[0].progress == 5
    # That whole read made the index again, which the next write reads.
    goals = Journal(journal).goals()
    assert goals.kept and not goals.fresh
    next((journal / "goals").glob("public-speaking-*.toml")).write_text("broken = [\n")
    with pytest.raises(HandleError):
        goals.find("public-speaking")
    assert goals.find("salary").slug == "salary-talk"


def test_no_cache_writes_no_index(run: Run, journal: Path, isolated_user: Path) -> None:
    off = {"MENTORLOG_NO_CACHE": "1"}
    assert run("-j", str(journal), "goal", "add", "Delegation", env=off).exit_code == 0
    result = run("-j", str(journal), "goal", "progress", "deleg", "20", env=off)
    assert result.exit_code == 0
    assert not list((isolated_user / "cache").rglob(f"*{goal_index.NAME}*"))


def test_the_goal_files_are_walked_ahead_when_the_index_is_large(
    run: Run, journal: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_goals(run, journal)
    monkeypatch.setattr(entry_index, "WALK_AHEAD_FROM", 0)
    started: list[object] = []
    real = goal_index.GoalIndex.walk_soon.__func__  # type: ignore[attr-defined]

    def spied(cls: type[goal_index.GoalIndex], root: Path) -> object:
        ahead = real(cls, root)
        started.append(ahead)
        return ahead

    monkeypatch.setattr(goal_index.GoalIndex, "walk_soon", classmethod(spied))
    made = len(builds)
    assert_found_alike(run, journal, ["delegation", "public", "salary", "public-writing"])
    if walk_ahead.possible():
        assert started and all(ahead is not None for ahead in started)
    # The walk's files are the index's: no write had to read every goal.
    assert len(builds) == made


def test_writers_at_once_lose_nothing(run: Run, journal: Path) -> None:
    add_goals(run, journal)
    writers_at_once(
        journal,
        [
            *[
                ["goal", "progress", "deleg" if n % 2 else "public-s", str(n), "--note", f"n{n}"]
                for n in range(10)
            ],
            *[["goal", "milestone", "delegation", f"Step {n}"] for n in range(4)],
        ],
    )
    goals = {g.slug: g for g in current(journal, "goal")}
    notes = {c.note for g in goals.values() for c in g.checkins}
    assert notes == {f"n{n}" for n in range(10)}
    assert len(goals["delegation"].milestones) == 4
    assert index_is_true(journal)
    # The index written last holds every one of those changes.
    index = goal_index.read(Journal(journal))
    assert index is not None
    assert len(index.find("delegation").checkins) == 5
    assert len(index.find("delegation").milestones) == 4


def index_files(isolated_user: Path) -> tuple[Path, Path]:
    folder = isolated_user / "cache" / "mentorlog"
    [whole] = folder.glob(f"*-{goal_index.NAME}.pickle")
    return whole, whole.with_name(whole.name.replace(goal_index.NAME, goal_index.DELTA))


def test_writes_go_to_the_delta_until_it_is_full(
    run: Run,
    journal: Path,
    isolated_user: Path,
    builds: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(entry_index, "DELTA_KEPT", 3)
    add_goals(run, journal)
    whole, delta = index_files(isolated_user)
    made = len(builds)
    written = whole.read_bytes()
    # Each of these writes one file: the whole index stays as it was, its delta takes them.
    for change in (
        ["goal", "progress", "deleg", "10"],
        ["goal", "add", "Mentoring others"],  # a new goal, in its place among the others
        ["goal", "rename", "public-w", "writing"],
    ):
        assert run("-j", str(journal), *change).exit_code == 0, change
        assert whole.read_bytes() == written and delta.is_file()
        assert index_is_true(journal)
    index = goal_index.read(Journal(journal))
    assert index is not None and len(index.changed_files) == 3
    journal_order = [g.id for g in current(journal, "goal")]
    assert [h.id for h in index.handles] == journal_order
    # The fourth file fills the delta: the whole index is written again, and no delta left.
    assert run("-j", str(journal), "goal", "progress", "writing", "20").exit_code == 0
    assert whole.read_bytes() != written and not delta.exists()
    assert index_is_true(journal)
    assert_found_alike(run, journal, ["writing", "public-w", "ment", "deleg", "public"])
    assert len(builds) == made
    assert_found_alike(run, journal, ["writing", "mentoring-others", "delegation"])


@pytest.mark.parametrize("damage", ["garbage", "another index's", "the goal's files wrong"])
def test_a_damaged_or_stray_delta_is_never_taken_for_true(
    run: Run, journal: Path, isolated_user: Path, damage: str
) -> None:
    add_goals(run, journal)
    whole, delta = index_files(isolated_user)
    assert run("-j", str(journal), "goal", "rename", "delegation", "handover").exit_code == 0
    assert delta.is_file()
    if damage == "garbage":
        delta.write_bytes(b"garbage")
    elif damage == "another index's":
        # A delta left by a process that stopped after writing the whole index again: it
        # names the index before, and is left aside.
        kept = delta.read_bytes()
        whole.unlink()
        delta.unlink()
        assert run("-j", str(journal), "goal", "progress", "handover", "5").exit_code == 0
        delta.write_bytes(kept)
    else:
        head, tail = cache_document(delta)
        for goal_id in tail["changed"]:
            tail["changed"][goal_id] = (tail["changed"][goal_id][0], ["goals/none.toml"])
        rewrite_document(delta, head, tail)
    assert_found_alike(run, journal, ["delegation", "handover", "hand", "public", "salary"])
    assert index_is_true(journal)


def cache_document(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A delta's head (the index it belongs to) and its tail (what it holds)."""
    import pickle

    with path.open("rb") as file:
        pickle.load(file)
        return pickle.load(file), pickle.load(file)


def rewrite_document(path: Path, head: dict[str, Any], tail: dict[str, Any]) -> None:
    import pickle

    with path.open("rb") as file:
        stamp = pickle.load(file)
    with path.open("wb") as file:
        for part in (stamp, head, tail):
            pickle.dump(part, file)
