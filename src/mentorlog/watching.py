"""Asking the journal's watcher (watcher.py) which files changed since the index was last
known true, so that a write checks those files and not every one.

An index keeps the watcher's token of the moment its stats were last known true ("watch" in
its head, see entry_index). A write asks the watcher for the paths changed since that token:
when the watcher can say, the index holds while each of those paths still has the stat the
index keeps (their number grows with the writes since, up to the index's DELTA_KEPT; no
longer with the journal); when it cannot ("?", no watcher, MENTORLOG_WATCH=off, not Linux),
every file is walked, as before. Either way the write takes the watcher's token of the moment
it asked: everything it sees is newer.

The watcher is started by the first write that finds none, for an index of 2,000 entries or
more only (entry_index.WALK_AHEAD_FROM): below it, the walk takes milliseconds.
"""

from __future__ import annotations

import os
import socket
import stat
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog import cache

if TYPE_CHECKING:
    from mentorlog.walk_ahead import WalkAhead, Walked

# MENTORLOG_WATCH set to one of these: no watcher is asked or started.
OFF = frozenset({"0", "off", "no", "false"})
# A watcher answers in a millisecond (one still starting says "?" at once); past this, the
# write walks.
WAIT_SECONDS = 0.5
# The longest socket path the system takes (sun_path), less a margin.
LONGEST_ADDRESS = 100
_CREDENTIALS = struct.Struct("3i")


@dataclass(frozen=True)
class Seen:
    """The watcher's answer: its token when it answered, and the paths changed since the token
    asked about (None: it cannot say, every file is walked)."""

    now: str
    changed: list[str] | None


def enabled() -> bool:
    setting = os.environ.get("MENTORLOG_WATCH", "").strip().casefold()
    return sys.platform.startswith("linux") and setting not in OFF


def address(root: Path) -> str | None:
    """Where the journal's watcher listens: in the user's cache folder, or, where that path is
    too long for a socket (a cache folder deep in a temporary one), in a folder of this
    user's alone under $XDG_RUNTIME_DIR or /tmp; None when there is none."""
    where = cache.watch_socket(root)
    if len(os.fsencode(where)) <= LONGEST_ADDRESS:
        return where
    base = os.environ.get("XDG_RUNTIME_DIR") or "/tmp"
    folder = os.path.join(base, f"mentorlog-{os.geteuid()}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        found = os.lstat(folder)
    except OSError:
        return None
    # Its own folder, which no one else can write to: another user's socket there would not
    # be believed (see _connected), but could keep this user's watcher from starting.
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.geteuid() or found.st_mode & 0o077:
        return None
    where = os.path.join(folder, os.path.basename(where))
    return where if len(os.fsencode(where)) <= LONGEST_ADDRESS else None


def ask(root: Path, since: str | None, start: bool = True) -> Seen | None:
    """What changed since the token `since` (None: none kept); None when no watcher answers
    (one is then started, with `start`)."""
    if not enabled():
        return None
    where = address(root)
    if where is None:
        return None
    asked = since if since and _is_token(since) else "-"
    try:
        client = _connected(where)
    except (FileNotFoundError, ConnectionRefusedError):
        if start:
            _start(root, where)
        return None
    except OSError:
        return None
    if client is None:
        return None
    chunks = []
    with client:
        try:
            client.sendall(b"1 since " + asked.encode("ascii") + b"\n")
            while chunk := client.recv(1 << 16):
                chunks.append(chunk)
        except OSError:  # slow, or gone while answering: walk
            return None
    now, _, said = b"".join(chunks).partition(b"\0")
    if said == b"?":
        return Seen(now.decode("ascii", "replace"), None)
    if not said.startswith(b"="):
        return None
    paths = [os.fsdecode(path) for path in said[1:].split(b"\0") if path]
    return Seen(now.decode("ascii", "replace"), paths)


def _is_token(token: str) -> bool:
    epoch, colon, count = token.partition(":")
    return bool(colon) and epoch.isalnum() and epoch.isascii() and count.isdigit()


def _connected(where: str) -> socket.socket | None:
    """A connection to the watcher at `where`, when it is this user's (a socket another user
    left could lie); raises OSError as connect does."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(WAIT_SECONDS)
    try:
        client.connect(where)
        if _peer(client)[1] == os.geteuid():
            return client
    except BaseException:
        client.close()
        raise
    client.close()
    return None


def _peer(client: socket.socket) -> tuple[int, int]:
    """The process id and user id of the process at the other end (no user: not known)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return 0, -1
    pid, uid, _ = _CREDENTIALS.unpack(
        client.getsockopt(socket.SOL_SOCKET, option, _CREDENTIALS.size)
    )
    return int(pid), int(uid)


def _start(root: Path, where: str) -> None:
    """A watcher for the journal, in its own session, holding none of this process's files: it
    outlives the write, and leaves by itself (watcher.IDLE_SECONDS)."""
    try:
        os.makedirs(os.path.dirname(where), mode=0o700, exist_ok=True)
        subprocess.Popen(
            [sys.executable, "-m", "mentorlog.watcher", str(root.resolve()), where],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            close_fds=True,
            start_new_session=True,
        )
    except OSError:
        pass  # no watcher: every write walks, as without


def process(root: Path) -> int | None:
    """The process id of the journal's watcher, if one of this user's answers (for the
    benchmark, which reports its memory)."""
    client = _answering(root)
    if client is None:
        return None
    with client:
        return _peer(client)[0]


def stop(root: Path) -> bool:
    """Stop the journal's watcher, if one of this user's runs (the tests, the benchmark)."""
    client = _answering(root)
    if client is None:
        return False
    with client:
        try:
            client.sendall(b"1 stop -\n")
            client.recv(16)
        except OSError:
            return False
    return True


def _answering(root: Path) -> socket.socket | None:
    """A connection to the journal's watcher, if one of this user's answers."""
    where = address(root)
    try:
        return _connected(where) if where is not None else None
    except OSError:
        return None


@dataclass
class Look:
    """How a write knows an index's files are as it says: the watcher's answer, and the walk
    children started when it cannot answer (see walk_ahead)."""

    seen: Seen | None
    # The token the watcher was asked about (the index's, when it was asked).
    since: str | None
    ahead: WalkAhead | None = None

    def take(self, folder: str) -> Walked | None:
        return self.ahead.take(folder) if self.ahead is not None else None

    def close(self) -> None:
        if self.ahead is not None:
            self.ahead.close()
