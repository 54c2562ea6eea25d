"""The session index (session_index.py): `action add` finds the latest session from it, and the
action commands, `session add --done` and `--session` links find their session or item from
it, exactly as a whole, cache-free read of the sessions would, whatever changed the files."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from conftest import (
    Git,
    Run,
    counted_builds,
    counted_walks,
    current,
    edit_keeping_size_and_time,
    snapshot,
    writers_at_once,
)
from mentorlog import entry_index, session_index
from mentorlog.errors import HandleError
from mentorlog.handles import find_action, find_entry
from mentorlog.journal import Journal, by_day

MARKER = iter(range(1_000_000))


def whole(root: Path) -> list:  # type: ignore[type-arg]
    """The sessions as a handle names them, read whole without the cache (Entries.named)."""
    return Journal(root).load(["session"], use_cache=False).named("session")


def latest_by_a_whole_read(root: Path) -> str:
    sessions = whole(root)
    return max(sessions, key=lambda s: (s.date, s.created.timestamp())).id


def holder_of(root: Path, text: str) -> str:
    """The id of the session holding the one action item of these words."""
    found = [s.id for s in current(root, "session") for a in s.actions if a.text == text]
    assert len(found) == 1, found
    return found[0]


def added_to(run: Run, root: Path, *options: str) -> tuple[str, str]:
    """Which session `action add` put its item in (its id), or its error output."""
    text = f"marker {next(MARKER)}"
    result = run("-j", str(root), "action", "add", text, *options)
    if result.exit_code != 0:
        return "", result.stderr
    return holder_of(root, text), ""


def assert_latest_alike(run: Run, root: Path) -> None:
    wanted = latest_by_a_whole_read(root)
    assert added_to(run, root) == (wanted, "")


def expected_action(root: Path, handle: str) -> tuple[str, list[str]]:
    try:
        return find_action(whole(root), handle)[1].id, []
    except HandleError as error:
        return str(error), error.candidates


def assert_actions_found_alike(run: Run, root: Path, handles: list[str]) -> None:
    """`action edit` names the item a whole read names, or fails with the same message."""
    for handle in handles:
        wanted, candidates = expected_action(root, handle)
        note = f"due {next(MARKER)}"
        result = run("-j", str(root), "action", "edit", handle, "--owner", "Ana Ruiz")
        if candidates or result.exit_code != 0:
            assert result.exit_code != 0, handle
            assert " ".join(wanted.split()) in " ".join(result.stderr.split()), (handle, note)
            for candidate in candidates:
                assert " ".join(candidate.split()) in " ".join(result.stderr.split())
        else:
            edited = [
                a.id
                for s in current(root, "session")
                for a in s.actions
                if any(e.field == "owner" for e in a.history)
            ]
            assert wanted in edited, handle


def expected_session(root: Path, handle: str) -> tuple[str, list[str]]:
    try:
        return find_entry(whole(root), handle, "session").id, []
    except HandleError as error:
        return str(error), error.candidates


def index_is_true(root: Path) -> bool:
    """Whether the index kept describes the session files as they are, and holds each
    session's handle (its action items unpacked) as a whole read makes it."""
    index = session_index.SessionIndex.read(Journal(root))
    if index is None:
        return False
    index.unpack_field()
    wanted = [session_index.Handle.of(s) for s in sorted(whole(root), key=by_day)]
    return index.handles == wanted


@pytest.fixture(params=["walked", "watched"])
def way(request: pytest.FixtureRequest, journal: Path) -> str:
    """How a write knows the session files are as the index says: it walks them, or the
    journal's watcher tells it which changed (watching.py)."""
    if request.param == "watched":
        request.getfixturevalue("watcher")(journal)
    return str(request.param)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times every session was read to make the index, counted."""
    return counted_builds(monkeypatch, session_index.SessionIndex)


def add_sessions(run: Run, root: Path) -> None:
    for day, notes, actions in (
        ("2026-10-01", "Kick-off", ["Draft the talk outline", "Book a room"]),
        ("2026-10-15", "Practice run", ["Record a rehearsal"]),
        ("2026-11-02", "Feedback on slides", ["Cut slides to ten", "Draft the summary"]),
    ):
        options = [a for action in actions for a in ("-a", action)]
        result = run("-j", str(root), "session", "add", "-d", day, "--notes", notes, *options)
        assert result.exit_code == 0, result.stderr
    private = run(
        "-j",
        str(root),
        "session",
        "add",
        "-d",
        "2026-10-20",
        "--notes",
        "Salary",
        "--private",
        "-a",
        "Write the salary case",
    )
    assert private.exit_code == 0, private.stderr


def action_handles(root: Path) -> list[str]:
    ids = [a.id for s in current(root, "session") for a in s.actions]
    return [
        "draft",  # ambiguous: two items begin so
        "draft the t",
        "book",
        "RECORD A",
        "write the salary",  # a private session's item
        ids[0],
        ids[1][:5],
        "nothing like it",
        "",
    ]


def test_action_writes_use_the_index_and_keep_it_true(
    run: Run, journal: Path, builds: list[int], way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)  # made the index
    made = len(builds)
    assert index_is_true(journal)
    walks = counted_walks(monkeypatch)
    for _ in range(3):
        assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, action_handles(journal))
    # Done, dropped, added to an older session: each through the index, each kept in it.
    first = sorted(whole(journal), key=lambda s: s.date)[0]
    for change in (
        ["action", "done", "book"],
        ["action", "drop", "record a"],
        ["action", "add", "Follow up", "--session", first.id[:6]],
        ["session", "add", "-d", "2026-09-01", "--notes", "Older", "--done", "cut slides"],
        ["reflect", "What I learned", "--session", first.id[:6]],
    ):
        result = run("-j", str(journal), *change)
        assert result.exit_code == 0, (change, result.stderr)
    assert holder_of(journal, "Follow up") == first.id
    assert len(builds) == made
    # Told by the watcher what changed (each write's own files), no write walked the files.
    assert not walks if way == "watched" else walks
    assert index_is_true(journal)
    done = {a.text: a for s in current(journal, "session") for a in s.actions}
    assert done["Book a room"].done is not None and done["Record a rehearsal"].dropped
    assert done["Cut slides to ten"].done is not None
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, action_handles(journal))
    assert len(builds) == made


@pytest.mark.parametrize("delta_kept", [entry_index.DELTA_KEPT, 0])
def test_undo_takes_what_it_removes_out_of_the_index(
    run: Run,
    journal: Path,
    builds: list[int],
    monkeypatch: pytest.MonkeyPatch,
    delta_kept: int,
    way: str,
) -> None:
    """`undo` removes the files the last write added: the session and question indexes take
    them out, so the next write reads no session but its own (told by the watcher that the
    files are gone, or walking)."""
    from mentorlog import question_index

    monkeypatch.setattr(entry_index, "DELTA_KEPT", delta_kept)
    questions = counted_builds(monkeypatch, question_index.QuestionIndex)
    add_sessions(run, journal)
    assert run("-j", str(journal), "ask", "How do I start?").exit_code == 0
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, ["book"])
    discussed = ["session", "add", "--notes", "Talked", "--discussed", "how do"]
    assert run("-j", str(journal), *discussed).exit_code == 0
    assert run("-j", str(journal), "undo").exit_code == 0
    made = (len(builds), len(questions))
    for write in (
        ["action", "add", "Undone item"],
        ["action", "done", "book"],
        ["action", "edit", "record a", "--text", "Record two rehearsals"],
        ["action", "drop", "draft the t"],
        ["session", "add", "-d", "2026-12-01", "--notes", "Undone", "-a", "Undone too"],
        ["session", "add", "-d", "2026-09-01", "--notes", "Older", "--private"],
        ["session", "add", "--notes", "Talked", "--discussed", "how do"],
        ["ask", "Undone question?"],
    ):
        before = snapshot(journal)
        assert run("-j", str(journal), *write).exit_code == 0, write
        assert run("-j", str(journal), "undo").exit_code == 0, write
        assert snapshot(journal) == before
        assert index_is_true(journal), write
        assert question_index.QuestionIndex.read(Journal(journal)) is not None, write
        assert (len(builds), len(questions)) == made, write
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, ["book", "record", "draft the t", "undone"])
    assert (len(builds), len(questions)) == made


def test_session_add_takes_its_session_into_the_delta_alone(
    run: Run, journal: Path, isolated_user: Path, builds: list[int]
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    folder = isolated_user / "cache" / "mentorlog"
    [whole_file] = folder.glob(f"*-{session_index.SessionIndex.NAME}.pickle")
    written = whole_file.read_bytes()
    made = len(builds)
    for notes in ("Later that day", "The day after"):
        added = run("-j", str(journal), "session", "add", "--notes", notes, "-a", notes)
        assert added.exit_code == 0, added.stderr
        assert whole_file.read_bytes() == written
        assert index_is_true(journal)
    # The next write finds the newest session from the index (and the delta), reading none.
    assert_latest_alike(run, journal)
    assert len(builds) == made
    assert_actions_found_alike(run, journal, ["later", "the day after", "draft"])
    assert len(builds) == made


def test_copies_are_named_as_a_whole_read_names_them(
    run: Run, journal: Path, builds: list[int]
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    made = len(builds)
    # The same session recorded twice (same day, notes and items): the journal shows one and
    # names the other last; both items answer to "copied".
    for _ in range(2):
        result = run(
            "-j",
            str(journal),
            "session",
            "add",
            "-d",
            "2026-11-20",
            "--notes",
            "Twice",
            "-a",
            "Copied item",
        )
        assert result.exit_code == 0, result.stderr
    assert index_is_true(journal)
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, ["copied", "copied item", "twice", "draft"])
    assert len(builds) == made


@pytest.mark.parametrize("duplicates", [False, True])
def test_latest_ties_are_broken_as_a_whole_read_breaks_them(
    run: Run, journal: Path, duplicates: bool
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    # Sessions written by hand on one day at one instant: the first in the journal's order
    # (by id; copies last) is the latest.
    folder = journal / "sessions" / "2026"
    for name in ("zz9", "aa1", "mm5"):
        notes = "Same" if duplicates else f"Tied {name}"
        (folder / f"tied-{name}.toml").write_text(
            f'id = "{name}tied"\ncreated = 2026-12-01T10:00:00Z\ndate = 2026-12-01\n'
            f'mentor = "Ana Ruiz"\nnotes = "{notes}"\n'
        )
    assert not index_is_true(journal)
    assert_latest_alike(run, journal)
    assert index_is_true(journal)
    assert_latest_alike(run, journal)


def write_session(root: Path, name: str, day: str, action: str) -> None:
    folder = root / "sessions" / day[:4]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{day}-{name}.toml").write_text(
        f'id = "{name}"\ncreated = {day}T09:00:00Z\ndate = {day}\nmentor = "Ana Ruiz"\n'
        f'notes = "By hand {name}"\n\n[[actions]]\nid = "{name}act"\ntext = "{action}"\n'
    )


@pytest.mark.parametrize(
    "outside",
    [
        "session written by hand",
        "latest removed",
        "same-size edit, time put back",
        "broken session file",
        "copy of a session file",
        "item added by a change from another clone",
    ],
)
def test_files_changed_outside_mentorlog_are_seen(
    run: Run, journal: Path, outside: str, way: str
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    assert index_is_true(journal)
    files = sorted((journal / "sessions").rglob("*.toml"))
    latest = latest_by_a_whole_read(journal)
    if outside == "session written by hand":
        write_session(journal, "hand1", "2026-12-24", "Wrap presents")
    elif outside == "latest removed":
        next(p for p in files if latest in p.read_text()).unlink()
    elif outside == "same-size edit, time put back":
        path = next(p for p in files if "Kick-off" in p.read_text())
        edit_keeping_size_and_time(path, "date = 2026-10-01", "date = 2026-12-31")
    elif outside == "broken session file":
        files[0].write_text('id = "x"\ndate = [\n')
    elif outside == "copy of a session file":  # two sessions with one id
        shutil.copy(files[0], files[0].with_name("copy.toml"))
    else:
        folder = journal / "changes" / "sessions" / "2026"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "2026-11-20-byhand00001.toml").write_text(
            f'id = "byhand00001"\ncreated = 2026-11-20T10:00:00Z\nentry = "{latest}"\n'
            'change = "action"\ntext = "Pulled from the mentor"\n'
        )
    assert not index_is_true(journal)
    handles = ["draft", "wrap", "pulled", "kick", "book a room", "record"]
    wanted_latest = latest_by_a_whole_read(journal) if whole(journal) else ""
    if outside == "broken session file":
        # The journal reports the file; the write goes on with the sessions that load.
        result = run("-j", str(journal), "action", "add", "after the break")
        assert (result.exit_code == 0) == bool(wanted_latest), result.stderr
    else:
        assert added_to(run, journal)[0] == wanted_latest
    assert_actions_found_alike(run, journal, handles)
    if outside in ("broken session file", "copy of a session file"):
        assert not index_is_true(journal)  # no index while the sessions are not all plain
    else:
        assert index_is_true(journal)


@pytest.mark.parametrize("years", [24, 2])
def test_session_files_walked_in_shares_keep_the_index_true(
    run: Run,
    journal: Path,
    builds: list[int],
    monkeypatch: pytest.MonkeyPatch,
    years: int,
) -> None:
    """Children walking their shares of the session files (the year folders when there are
    many, each folder's files when there are few) tell the index what one walk tells it: the
    writes find what a whole read finds, and a same-size edit with its time put back is
    seen."""
    from mentorlog import walk_ahead

    monkeypatch.setattr(entry_index, "WALK_AHEAD_FROM", 0)
    monkeypatch.setattr(entry_index, "WALK_IN_SHARES_FROM", 0)
    monkeypatch.setattr(walk_ahead, "_cores", lambda: 3)  # CI may have one processor
    ways: list[int] = []
    real = walk_ahead.WalkAhead.__init__

    def spied(self: walk_ahead.WalkAhead, *args: object, **options: object) -> None:
        ways.append(int(options.get("ways", 1)))  # type: ignore[call-overload]
        real(self, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(walk_ahead.WalkAhead, "__init__", spied)
    add_sessions(run, journal)
    for n in range(30):
        day = f"{2026 - n % years}-{1 + n % 9:02d}-{10 + n % 18:02d}"
        write_session(journal, f"hand{n:02d}", day, f"Hand item {n}")
    assert_latest_alike(run, journal)  # made the index
    made = len(builds)
    assert_actions_found_alike(run, journal, ["hand item 7", "draft", "book", "hand"])
    assert_latest_alike(run, journal)
    assert len(builds) == made
    assert ways and set(ways) == {2}
    path = next((journal / "sessions").rglob("*hand03.toml"))
    edit_keeping_size_and_time(path, "Hand item 3", "Hand ITEM 3")
    assert_actions_found_alike(run, journal, ["hand item 3", "hand item 7"])
    assert len(builds) == made + 1  # seen, and the index made again
    assert index_is_true(journal)


def test_a_git_checkout_is_seen(run: Run, journal: Path, git: Git, way: str) -> None:
    git(journal, "init", "-q")
    add_sessions(run, journal)
    git(journal, "add", "-A")
    git(journal, "commit", "-qm", "sessions")
    git(journal, "checkout", "-qb", "other")
    assert (
        run(
            "-j", str(journal), "session", "add", "-d", "2026-12-05", "--notes", "On a branch"
        ).exit_code
        == 0
    )
    assert_latest_alike(run, journal)
    assert index_is_true(journal)
    git(journal, "checkout", "-q", "main")
    assert not index_is_true(journal)
    assert_latest_alike(run, journal)
    git(journal, "checkout", "-q", "other")
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, ["draft", "marker", "book"])


def test_an_item_is_named_among_every_item_as_a_whole_read_names_it(
    run: Run, journal: Path, builds: list[int]
) -> None:
    """Items whose words begin alike but for their case, an item named by its exact id that
    begins another's, and words in other scripts: each handle names the item a whole read
    names, or fails alike (the index looks among the items it could name first)."""
    add_sessions(run, journal)
    sessions = [s.id[:8] for s in whole(journal)]
    # Each pair alike in two sessions: an item is found among the sessions it could be in.
    for n, text in enumerate(
        ("ship it", "Ship the deck", "ÉCRIRE le plan", "écrire la suite", "Straße", "strasse 2")
    ):
        added = run("-j", str(journal), "action", "add", text, "--session", sessions[n % 2])
        assert added.exit_code == 0, added.stderr
    made = len(builds)
    ids = [a.id for s in current(journal, "session") for a in s.actions]
    handles = ["ship", "SHIP THE", "écrire", "ÉCRIRE LA", "strasse", "STRASSE", ids[0], ids[0][:4]]
    assert_actions_found_alike(run, journal, handles)
    assert len(builds) == made


def test_an_unknown_or_ambiguous_session_is_said_as_without_the_index(
    run: Run, journal: Path, builds: list[int]
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    ids = [s.id for s in whole(journal)]
    for handle in ("zzzz", ids[0][:1], ids[1], "  "):
        wanted, candidates = expected_session(journal, handle)
        result = run("-j", str(journal), "action", "add", "x", "--session", handle)
        if candidates or wanted not in ids:
            assert result.exit_code != 0, handle
            assert " ".join(wanted.split()) in " ".join(result.stderr.split()), handle
        else:
            assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "stray delta", "items", "stats", "files", "search", "a part gone"],
)
def test_a_damaged_index_is_made_again(
    run: Run, journal: Path, isolated_user: Path, damage: str
) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    folder = isolated_user / "cache" / "mentorlog"
    [index_file] = folder.glob(f"*-{session_index.SessionIndex.NAME}.pickle")
    if damage == "garbage":
        index_file.write_bytes(b"not a pickle")
    elif damage == "truncated":
        index_file.write_bytes(index_file.read_bytes()[:-50])
    elif damage == "a part gone":
        [part] = folder.glob(f"*-{session_index.SessionIndex.NAME}.files.pickle")
        part.unlink()
        assert_actions_found_alike(run, journal, ["draft", "book", "record"])
    elif damage in entry_index.PARTS:
        # A part the index keeps in a file of its own, of this index (its token), but not
        # what it should be.
        [part] = folder.glob(f"*-{session_index.SessionIndex.NAME}.{damage}.pickle")
        with part.open("rb") as kept:
            stamp, head, tail = (pickle.load(kept) for _ in range(3))
        assert tail and head["token"]
        tail = (b"x", b"\0" * 8, {}) if damage in ("files", "search") else "not it"
        part.write_bytes(b"".join(pickle.dumps(p) for p in (stamp, head, tail)))
        assert_actions_found_alike(run, journal, ["draft", "book", "record"])
    else:
        assert run("-j", str(journal), "session", "add", "--notes", "Later").exit_code == 0
        [delta] = folder.glob(f"*-{session_index.SessionIndex.NAME}.delta.pickle")
        kept = delta.read_bytes()
        index_file.unlink()
        delta.unlink()
        assert_latest_alike(run, journal)
        delta.write_bytes(kept)  # the delta of the index before
    assert_latest_alike(run, journal)
    assert index_is_true(journal)
    assert_actions_found_alike(run, journal, ["draft", "later", "book"])


def test_a_full_delta_is_written_whole_from_session_add(
    run: Run, journal: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry_index, "DELTA_KEPT", 2)
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    for n in range(5):
        added = run("-j", str(journal), "session", "add", "--notes", f"Many {n}", "-a", f"m{n}")
        assert added.exit_code == 0, added.stderr
        assert index_is_true(journal)
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, ["m0", "m4", "many"])


def test_writers_at_once_lose_nothing(run: Run, journal: Path, way: str) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    writers_at_once(
        journal,
        [
            *[["action", "add", f"parallel {n}"] for n in range(8)],
            *[
                ["session", "add", "--notes", f"At once {n}", "-a", f"at once {n}"]
                for n in range(4)
            ],
        ],
    )
    texts = {a.text for s in current(journal, "session") for a in s.actions}
    assert {f"parallel {n}" for n in range(8)} <= texts
    assert {f"at once {n}" for n in range(4)} <= texts
    assert index_is_true(journal)
    assert_latest_alike(run, journal)
    assert_actions_found_alike(run, journal, ["parallel 3", "at once 2", "parallel"])


def test_a_session_file_changed_after_the_check_is_read_whole(run: Run, journal: Path) -> None:
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    sessions = Journal(journal).sessions()
    assert sessions.kept and sessions.listed is None  # from the index, not a whole read
    # Between the check of the stats and the reading of the session's file (another process,
    # or a person, at that very moment): the sessions are then read as without the index. (A
    # session a write just changed is kept pickled, and taken as the check found it.)
    sessions.fresh.clear()
    latest = latest_by_a_whole_read(journal)
    next(p for p in (journal / "sessions").rglob("*.toml") if latest in p.read_text()).unlink()
    found = sessions.latest()
    assert found is not None and found.id == latest_by_a_whole_read(journal)
    sessions = Journal(journal).sessions()
    assert sessions.kept and sessions.listed is None
    sessions.fresh.clear()
    holder = next(p for p in (journal / "sessions").rglob("*.toml") if "Kick-off" in p.read_text())
    holder.unlink()
    with pytest.raises(HandleError):
        sessions.find_action("book a room")
    session, action = sessions.find_action("record a")
    assert action.text == "Record a rehearsal" and session.notes == "Practice run"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_and_edits_keep_the_index_true(
    run: Run, journal: Path, seed: int, way: str
) -> None:
    """A random run of writes, hand edits and removals: after each step, what the index says
    (the latest session, and the item each handle names) is what a whole read says."""
    import random

    chance = random.Random(seed)
    add_sessions(run, journal)
    words = ["plan", "draft", "book", "call", "send", "read"]
    for step in range(24):
        move = chance.choice(["session", "session", "action", "done", "edit", "hand", "gone"])
        day = f"2026-{chance.randint(9, 11):02d}-{chance.randint(1, 28):02d}"
        text = f"{chance.choice(words)} item {step}"
        if move == "session":
            notes = chance.choice(["Same", f"Notes {step}"])  # "Same" on one day: a copy
            run("-j", str(journal), "session", "add", "-d", day, "--notes", notes, "-a", text)
        elif move == "action":
            run("-j", str(journal), "action", "add", text)
        elif move in ("done", "edit"):
            handle = chance.choice(words)
            if move == "done":
                run("-j", str(journal), "action", "done", handle)
            else:
                run("-j", str(journal), "action", "edit", handle, "--text", text)
        elif move == "hand":
            write_session(journal, f"hand{step:02d}", day, text)
        else:
            files = sorted((journal / "sessions").rglob("*.toml"))
            if len(files) > 2:
                chance.choice(files).unlink()
        if whole(journal):
            assert added_to(run, journal)[0] == latest_by_a_whole_read(journal), step
        assert_actions_found_alike(run, journal, [chance.choice(words), "item"])


def test_each_kinds_alike_fields_are_what_its_handles_call_alike(run: Run, journal: Path) -> None:
    """_clashes takes `alike` from ALIKE_FIELDS, in C: it must be the property itself."""
    from operator import itemgetter

    from mentorlog import goal_index, question_index

    add_sessions(run, journal)
    for args in (["goal", "add", "Public speaking"], ["ask", "How do I start?"]):
        assert run("-j", str(journal), *args).exit_code == 0
    assert_latest_alike(run, journal)
    root = Journal(journal)
    for index in (root.sessions(), root.goals(), root.questions()):
        kind = type(index)
        fields = [kind.HANDLE._fields.index(name) for name in kind.ALIKE_FIELDS]
        assert fields and index.handles
        assert [itemgetter(*fields)(h) for h in index.handles] == [h.alike for h in index.handles]
    assert {goal_index.GoalIndex, question_index.QuestionIndex} <= {
        type(i) for i in (root.goals(), root.questions())
    }


def test_the_walk_ahead_starts_at_a_count_of_sessions(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """walk_soon goes by the count of entries the index's head keeps (its file no longer
    holds the stats, files or items, so its size says little)."""
    add_sessions(run, journal)
    assert_latest_alike(run, journal)  # makes the index: 4 sessions
    kind = session_index.SessionIndex
    monkeypatch.setattr(entry_index, "WALK_AHEAD_FROM", 5)
    assert kind.walk_soon(journal) is None
    monkeypatch.setattr(entry_index, "WALK_AHEAD_FROM", 4)
    look = kind.walk_soon(journal)
    try:
        assert look is not None and look.seen is None  # no watcher in the tests (conftest)
    finally:
        if look is not None:
            look.close()


def test_an_index_that_keeps_no_count_is_made_again(
    run: Run, journal: Path, isolated_user: Path, builds: list[int]
) -> None:
    """walk_soon goes by the count in the index's head: an index without one (written by an
    earlier version) is made again, not used without its walk ahead or watcher for good."""
    add_sessions(run, journal)
    assert_latest_alike(run, journal)
    folder = isolated_user / "cache" / "mentorlog"
    [index_file] = folder.glob(f"*-{session_index.SessionIndex.NAME}.pickle")
    with index_file.open("rb") as kept:
        stamp, head, tail = (pickle.load(kept) for _ in range(3))
    assert head.pop("count") == 4
    index_file.write_bytes(b"".join(pickle.dumps(part) for part in (stamp, head, tail)))
    made = len(builds)
    assert_latest_alike(run, journal)
    assert len(builds) == made + 1
    with index_file.open("rb") as kept:
        pickle.load(kept)
        assert pickle.load(kept)["count"] == 4  # written again, with the count
    assert index_is_true(journal)
