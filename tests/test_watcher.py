"""The journal's watcher (watcher.py) and the writes that ask it (watching.py): what it says
changed since a token, what makes it say it cannot tell, and the real process, started by a
write, replaced when it dies, gone with its journal."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import tempfile
from pathlib import Path

import pytest

from conftest import (
    Run,
    Watch,
    counted_builds,
    counted_walks,
    current,
    edit_keeping_size_and_time,
    skip_unless_watchable,
    wait_for,
    watcher_ready,
)
from mentorlog import entry_index, session_index, watcher, watching


@pytest.fixture(autouse=True)
def watchable() -> None:
    skip_unless_watchable()


def since(watching_one: watcher.Watcher, token: str) -> tuple[str, set[str] | None]:
    """The watcher's answer: its token now, and the paths changed since `token` (None: it
    cannot tell)."""
    now, _, said = watching_one.answer(f"1 since {token}\n".encode()).partition(b"\0")
    if said == b"?":
        return now.decode(), None
    assert said.startswith(b"="), said
    return now.decode(), {p.decode() for p in said[1:].split(b"\0") if p}


def test_the_watcher_names_every_file_changed_since_a_token(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    year = root / "sessions" / "2026"
    year.mkdir(parents=True)
    (year / "a.toml").write_text('notes = "first"\n')
    (root / ".git").mkdir()
    seen = watcher.Watcher(str(root))
    first, unknown = since(seen, "-")
    assert unknown is None and not seen.refused  # no token yet: walk
    assert since(seen, first) == (first, set())

    (year / "b.toml").write_text("new\n")
    edit_keeping_size_and_time(year / "a.toml", "first", "FIRST")
    (year / ".tmp-x.toml").write_text("hidden: never read as an entry\n")
    (root / ".git" / "index").write_text("git's own\n")
    second, changed = since(seen, first)
    assert changed == {"sessions/2026/b.toml", "sessions/2026/a.toml"}
    assert since(seen, second) == (second, set())

    # A folder made with files already in it: they are said, and the folder is watched.
    made = root / "changes" / "sessions" / "2027"
    made.mkdir(parents=True)
    (made / "c.toml").write_text("c\n")
    third, changed = since(seen, second)
    assert changed is not None and "changes/sessions/2027/c.toml" in changed
    (made / "d.toml").write_text("d\n")
    (year / "b.toml").rename(year / "b.toml.bak")
    fourth, changed = since(seen, third)
    assert changed == {
        "changes/sessions/2027/d.toml",
        "sessions/2026/b.toml",
        "sessions/2026/b.toml.bak",
    }

    # A folder removed: the files in it are not known here, so no earlier token holds.
    shutil.rmtree(root / "changes")
    fifth, changed = since(seen, fourth)
    assert changed is None and fifth.split(":")[0] != fourth.split(":")[0]
    assert since(seen, fifth) == (fifth, set())
    (year / "e.toml").write_text("e\n")
    assert since(seen, fifth)[1] == {"sessions/2026/e.toml"}

    # Events the kernel lost: no earlier token holds either.
    sixth, _ = since(seen, fifth)
    seen._take(-1, watcher.IN_Q_OVERFLOW, "")
    assert since(seen, sixth)[1] is None
    assert seen.answer(b"2 what\n") == b"!"


@pytest.mark.parametrize("when", ["before it starts", "made inside the journal"])
def test_a_file_with_a_second_name_makes_the_watcher_refuse(tmp_path: Path, when: str) -> None:
    """An edit through a hard link's other name makes no event in the journal's folder."""
    root = tmp_path / "journal"
    (root / "goals").mkdir(parents=True)
    entry = root / "goals" / "talk.toml"
    entry.write_text("x\n")
    if when == "before it starts":
        os.link(entry, tmp_path / "elsewhere.toml")
    seen = watcher.Watcher(str(root))
    if when == "made inside the journal":
        token, _ = since(seen, "-")
        os.link(entry, root / "goals" / "second.toml")
        assert since(seen, token) == ("-", None)
    assert seen.refused and "hard link" in seen.refused
    assert since(seen, "-") == ("-", None)


def test_a_network_file_system_or_a_mount_inside_is_not_watched() -> None:
    line = "36 25 0:32 / {point} rw,relatime shared:1 - {kind} /dev/x rw"
    mounts = [line.format(point="/", kind="ext4"), line.format(point="/home", kind="nfs4")]
    assert watcher.mount_refusal("/srv/journal", mounts) == ""
    assert "nfs4" in watcher.mount_refusal("/home/ana/journal", mounts)
    inside = [*mounts, line.format(point="/srv/journal/sessions", kind="tmpfs")]
    assert "mounted at /srv/journal/sessions" in watcher.mount_refusal("/srv/journal", inside)


def add_sessions(run: Run, root: Path) -> None:
    for day, item in (("2026-10-01", "Draft the outline"), ("2026-11-02", "Book a room")):
        result = run("-j", str(root), "session", "add", "-d", day, "--notes", day, "-a", item)
        assert result.exit_code == 0, result.stderr


def socket_of(root: Path) -> Path:
    where = watching.address(root)
    assert where is not None
    return Path(where)


def watcher_pid(root: Path) -> int:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(str(socket_of(root)))
        credentials = client.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    pid: int = struct.unpack("3i", credentials)[0]
    return pid


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child of this process that ended stays a zombie until waited for.
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().split(") ")[-1][:1] != "Z"
    except FileNotFoundError:
        return False


def test_a_write_starts_the_watcher_and_the_writes_after_walk_nothing(
    run: Run, journal: Path, watcher: Watch, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sessions(run, journal)
    try:
        # Makes the session index from every session: no watcher is started without one.
        assert run("-j", str(journal), "action", "add", "Call Ana").exit_code == 0
        assert not socket_of(journal).exists()
        assert run("-j", str(journal), "action", "add", "Send notes").exit_code == 0
        assert wait_for(lambda: watcher_ready(journal))
        assert run("-j", str(journal), "action", "add", "Reply").exit_code == 0  # walks
        walks = counted_walks(monkeypatch)
        builds = counted_builds(monkeypatch, session_index.SessionIndex)
        for item in ("Write it up", "Ask for feedback"):
            assert run("-j", str(journal), "action", "add", item).exit_code == 0
        assert run("-j", str(journal), "action", "done", "book").exit_code == 0
        # Each was told what changed (the write before's own files): none walked or read
        # every session.
        assert not walks and not builds
        items = {a.text: a for s in current(journal, "session") for a in s.actions}
        assert {"Call Ana", "Reply", "Write it up", "Ask for feedback"} <= set(items)
        assert items["Book a room"].done is not None
        # A same-size edit with its time put back is still seen, through the watcher.
        path = next((journal / "sessions").rglob("2026-10-01-*.toml"))
        edit_keeping_size_and_time(path, "Draft the outline", "Draft the OUTLINE")
        assert run("-j", str(journal), "action", "done", "draft the outline").exit_code == 0
        assert builds == [1]  # seen: the index was made again from every session
        items = {a.text: a for s in current(journal, "session") for a in s.actions}
        assert items["Draft the OUTLINE"].done is not None
    finally:
        watching.stop(journal)


def test_no_watcher_is_started_when_turned_off(
    run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch, watcher: Watch
) -> None:
    monkeypatch.setenv("MENTORLOG_WATCH", "off")
    monkeypatch.setattr(entry_index, "WALK_AHEAD_FROM", 0)
    add_sessions(run, journal)
    for item in ("One", "Two"):
        assert run("-j", str(journal), "action", "add", item).exit_code == 0
    assert not socket_of(journal).exists()
    assert watching.ask(journal, None) is None


def test_a_killed_watcher_is_replaced_and_the_writes_stay_true(
    run: Run, journal: Path, watcher: Watch
) -> None:
    add_sessions(run, journal)
    watcher(journal)
    assert run("-j", str(journal), "action", "add", "Before").exit_code == 0
    pid = watcher_pid(journal)
    os.kill(pid, signal.SIGKILL)
    assert wait_for(lambda: not is_running(pid))
    assert socket_of(journal).exists()  # left behind, answering no one
    # Written while no watcher ran: the next one's tokens are all new, so this is walked.
    (journal / "sessions" / "2026" / "2026-12-01-byhand0001.toml").write_text(
        'id = "byhand0001"\ncreated = 2026-12-01T09:00:00Z\ndate = 2026-12-01\n'
        'notes = "By hand"\n\n[[actions]]\nid = "byhand0001a"\ntext = "Hand item"\n'
    )
    assert run("-j", str(journal), "action", "add", "After").exit_code == 0  # starts another
    assert wait_for(lambda: watcher_ready(journal))
    assert watcher_pid(journal) != pid
    assert run("-j", str(journal), "action", "add", "Later").exit_code == 0
    sessions = {s.id: [a.text for a in s.actions] for s in current(journal, "session")}
    assert sessions["byhand0001"] == ["Hand item", "After", "Later"]
    assert run("-j", str(journal), "action", "done", "hand item").exit_code == 0


def test_the_watcher_leaves_when_its_journal_goes(run: Run, journal: Path, watcher: Watch) -> None:
    add_sessions(run, journal)
    watcher(journal)
    pid = watcher_pid(journal)
    address = socket_of(journal)
    shutil.rmtree(journal)
    assert wait_for(lambda: not is_running(pid))
    assert not address.exists()


def test_an_edit_through_a_second_name_is_seen(
    run: Run, journal: Path, watcher: Watch, tmp_path: Path
) -> None:
    """A session file with a second name outside the journal: the watcher cannot see an edit
    made through it, so it refuses, and the writes walk."""
    add_sessions(run, journal)
    path = next((journal / "sessions").rglob("2026-10-01-*.toml"))
    elsewhere = tmp_path / "linked.toml"
    os.link(path, elsewhere)
    watcher(journal, refusing=True)
    assert watching.ask(journal, None) == watching.Seen("-", None)
    assert run("-j", str(journal), "action", "add", "One").exit_code == 0
    assert run("-j", str(journal), "action", "add", "Two").exit_code == 0
    edit_keeping_size_and_time(elsewhere, "Draft the outline", "Zraft the outline")
    done = run("-j", str(journal), "action", "done", "zraft")
    assert done.exit_code == 0, done.stderr
    items = {a.text: a for s in current(journal, "session") for a in s.actions}
    assert items["Zraft the outline"].done is not None


def test_too_many_files_made_at_once_start_a_new_epoch_that_looks_at_every_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MOST_CHANGED files made between two questions (a big checkout), the watcher looks
    at every folder and file again, a hard link among them included, in a new epoch."""
    monkeypatch.setattr(watcher, "MOST_CHANGED", 3)
    root = tmp_path / "journal"
    (root / "goals").mkdir(parents=True)
    seen = watcher.Watcher(str(root))
    token, _ = since(seen, "-")
    for n in range(5):
        (root / "goals" / f"g{n}.toml").write_text(f"{n}\n")
    again, changed = since(seen, token)
    assert changed is None and again.split(":")[0] != token.split(":")[0]
    assert since(seen, again) == (again, set())
    for n in range(5, 10):
        (root / "goals" / f"g{n}.toml").write_text(f"{n}\n")
    os.link(root / "goals" / "g9.toml", tmp_path / "elsewhere.toml")
    seen.read_events()
    assert len(seen.named) <= 3  # what it keeps between questions stays bounded
    since(seen, again)
    assert "hard link" in seen.refused  # found by looking at every file again


def test_a_cache_folder_too_deep_for_a_socket_has_the_watcher_listen_elsewhere(
    run: Run, journal: Path, watcher: Watch, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A socket's path holds 108 bytes: with the cache folder deep in a temporary one, the
    watcher listens in a folder of the user's own under $XDG_RUNTIME_DIR, and is used."""
    deep = tmp_path / ("deep" * 20) / "cache"
    runtime = Path(tempfile.mkdtemp(prefix="mlr-", dir="/tmp"))
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(deep))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    try:
        where = socket_of(journal)
        assert where.parent == runtime / f"mentorlog-{os.geteuid()}"
        assert where.parent.stat().st_mode & 0o777 == 0o700
        add_sessions(run, journal)
        watcher(journal)
        assert where.is_socket()
        assert run("-j", str(journal), "action", "add", "Warm").exit_code == 0  # walks once
        walks = counted_walks(monkeypatch)
        for item in ("One", "Two"):
            assert run("-j", str(journal), "action", "add", item).exit_code == 0
        assert not walks
    finally:
        watching.stop(journal)
        shutil.rmtree(runtime, ignore_errors=True)
    # Not its own folder (another user could write to it): no watcher is asked or started.
    open_folder = Path(tempfile.mkdtemp(prefix="mlr-", dir="/tmp"))
    try:
        (open_folder / f"mentorlog-{os.geteuid()}").mkdir(mode=0o777)
        os.chmod(open_folder / f"mentorlog-{os.geteuid()}", 0o777)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(open_folder))
        assert watching.address(journal) is None
        assert watching.ask(journal, None) is None
    finally:
        shutil.rmtree(open_folder, ignore_errors=True)
