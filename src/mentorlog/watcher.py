"""The watcher: a background process that tells a write which journal files changed since a
moment it names, so that the write need not stat every file (see watching.py, its client).

A write that names a session (`action add`, `action done`) must know that the session index
still describes every session file: a stat of each. At 40,000 sessions that is 0.1 s of
kernel time on a small machine, more than the whole write takes at 100 entries, so the write
would not take the same time at any size. The kernel already knows what changed: this process
asks it (inotify, as git's fsmonitor daemon does on Linux) and answers, for a token it gave,
every path changed since.

A token is "<epoch>:<count>": the count of file events seen in this epoch. Whatever it cannot
vouch for starts a new epoch, and a token of another epoch is answered "?" (the write then
walks every file, as without a watcher): a folder removed or moved out (the files that went
with it are not known here), a full event queue, too many changes between two questions. A
folder made or moved in is watched, then listed, and every file in it counts as changed.
Every event waiting in the kernel is read before an answer: an edit that returned before the
question was asked is in the answer.

It answers "?" to everything (and stays, so that writes do not start another) for a journal
on a file system not known to be local, with another mounted inside it, or with a file that
has a second name (a hard link: an edit through its other name makes no event here). It runs
only on Linux, and leaves when no write asked anything for IDLE_SECONDS, when the journal's
folder goes, or when another watcher took its socket. Run as `python -m mentorlog.watcher
ROOT SOCKET`; standard library only, quick to start.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import select
import signal
import socket
import stat
import struct
import sys
import threading
import time

PROTOCOL = b"1"
IDLE_SECONDS = 15 * 60
# Past this many paths changed in one epoch a new one starts (the answer would be a walk).
MOST_CHANGED = 20_000
# Past this many folders the journal is not watched (inotify's per-user limit is shared).
MOST_FOLDERS = 4_000
# Only where every change made on the machine is seen (not a network file system).
LOCAL_FILE_SYSTEMS = frozenset(
    {"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs", "zfs", "overlay", "bcachefs",
     "jfs", "reiserfs", "nilfs2"}
)  # fmt: skip

IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_UNMOUNT = 0x2000
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_ISDIR = 0x40000000
WATCHED = (
    IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE
    | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW
)  # fmt: skip
GONE = IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED
_EVENT = struct.Struct("iIII")


class Unwatchable(Exception):
    """The journal cannot be watched here (the writes then walk its files, as without)."""


class Watcher:
    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.root_device = os.stat(self.root).st_dev
        # By watch, the folder it watches (relative to the root, "" for the root).
        self.folders: dict[int, str] = {}
        self.root_watch = -1
        self.epoch = ""
        self.count = 0
        # Each path changed in this epoch, with the count of its last event, oldest first.
        self.changed: dict[str, int] = {}
        # Whether a new epoch begins at the next answer (see _take), and whether the kernel
        # lost events (every folder is then watched again).
        self.stale = False
        self.overflowed = False
        # Files made, moved in or whose names changed since the last answer.
        self.named: set[str] = set()
        # Why every question is answered "?", if it is (the watcher stays, so that writes do
        # not start another one each time).
        self.refused = ""
        self.fd = -1
        try:
            _require_local(self.root)
            libc = ctypes.CDLL(None, use_errno=True)
            self._add_watch = libc.inotify_add_watch
            self._add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
            self._remove_watch = libc.inotify_rm_watch
            self._remove_watch.argtypes = [ctypes.c_int, ctypes.c_int]
            self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
            if self.fd < 0:
                raise Unwatchable("no inotify")
        except (Unwatchable, OSError, AttributeError) as error:
            self.refused = str(error) or "no inotify"
            return
        self.new_epoch()

    def new_epoch(self, rescan: bool = True) -> None:
        """Forget what changed: every token given so far is answered "?". With `rescan`, every
        folder there is now is watched again (events were lost: one made since may not be)."""
        self.epoch = secrets.token_hex(6)
        self.count = 0
        self.changed = {}
        self.stale = False
        if not rescan:
            return
        self.folders.clear()
        try:
            self._watch_tree("", record=False)
        except Unwatchable as error:
            self.refused = str(error)

    def _watch_tree(self, relative: str, record: bool) -> None:
        """Watch a folder and every folder in it: the watch first, then the listing, so that a
        file made at any moment is seen by one or the other. With `record`, every file in it
        counts as changed (a folder made or moved in: its files made before it was watched
        made no event here)."""
        path = os.path.join(self.root, relative) if relative else self.root
        watch = self._add_watch(self.fd, os.fsencode(path), WATCHED)
        if watch < 0:
            if not relative:
                raise Unwatchable(f"inotify_add_watch: {os.strerror(ctypes.get_errno())}")
            return  # gone already: its parent's event says so
        self.folders[watch] = relative
        if not relative:
            self.root_watch = watch
        if len(self.folders) > MOST_FOLDERS:
            raise Unwatchable("too many folders")
        folders: list[str] = []
        try:
            # Taken one by one, not listed whole: 12,000 questions in one folder made a list
            # of 12,000 objects.
            with os.scandir(path) as listing:
                for item in listing:
                    if not item.name.startswith("."):  # never read as an entry; .git changes
                        self._look_at(item, relative, record, folders)
        except OSError:
            return  # gone since: its parent's event says so
        for name in folders:
            self._watch_tree(name, record)

    def _look_at(
        self, item: os.DirEntry[str], relative: str, record: bool, folders: list[str]
    ) -> None:
        """One thing in a folder being watched: a folder to watch, or a file."""
        name = f"{relative}/{item.name}" if relative else item.name
        try:
            if item.is_dir(follow_symlinks=False):
                if item.stat(follow_symlinks=False).st_dev != self.root_device:
                    raise Unwatchable(f"another file system is mounted at {name}")
                folders.append(name)
            elif record:
                self._changed(name)
                self.named.add(name)
            elif _has_second_name(self.root, name):
                raise Unwatchable(f"{name} has another name (a hard link)")
        except OSError:
            pass  # gone since: its folder's event says so

    def _forget_tree(self, relative: str) -> None:
        """Stop watching a folder moved out or removed, and every folder in it."""
        inside = relative + "/"
        for watch, folder in list(self.folders.items()):
            if folder == relative or folder.startswith(inside):
                del self.folders[watch]
                self._remove_watch(self.fd, watch)  # moved out: it still watches it there

    def read_events(self) -> None:
        """Take in every event waiting in the kernel."""
        while self.fd >= 0:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return
            at = 0
            while at < len(data):
                watch, mask, _, length = _EVENT.unpack_from(data, at)
                name = data[at + 16 : at + 16 + length].rstrip(b"\0")
                at += 16 + length
                try:
                    self._take(watch, mask, os.fsdecode(name))
                except Unwatchable as error:
                    self.refused = str(error)

    def _take(self, watch: int, mask: int, name: str) -> None:
        # A new epoch is begun at the next answer (`stale`), once: a checkout that removes
        # many folders starts one epoch, not one per folder.
        if mask & IN_Q_OVERFLOW:
            self.stale = self.overflowed = True
            return
        if mask & GONE and not name:
            if watch == self.root_watch:
                raise SystemExit(0)  # the journal moved or went
            if self.folders.pop(watch, None) is not None:
                self.stale = True
            return
        folder = self.folders.get(watch)
        if folder is None or name.startswith("."):
            return
        path = f"{folder}/{name}" if folder else name
        if mask & IN_ISDIR:
            if mask & (IN_CREATE | IN_MOVED_TO):
                self._watch_tree(path, record=True)
            elif mask & (IN_DELETE | IN_MOVED_FROM):
                # Every file in it went: the index's paths under it are not known here.
                self._forget_tree(path)
                self.stale = True
            return
        if mask & (IN_CREATE | IN_MOVED_TO | IN_ATTRIB):
            # Looked at when next asked: a write makes a file as a second name of its temporary
            # file, removed before the write ends (store.create_file).
            self.named.add(path)
            if len(self.named) > MOST_CHANGED:
                # Too many to look at when asked: every folder and file is looked at again
                # (the links of each with them) in a new epoch.
                self.named.clear()
                self.stale = self.overflowed = True
        self._changed(path)

    def _changed(self, path: str) -> None:
        self.count += 1
        self.changed.pop(path, None)  # kept in the order of each path's last event
        self.changed[path] = self.count
        if len(self.changed) > MOST_CHANGED:
            self.stale = True

    def answer(self, request: bytes) -> bytes:
        """To "1 since <token>" (or "1 since -"): "<token now>\\0" then "?" or "=" and every
        path changed since, each ended by a NUL."""
        self.read_events()
        for path in self.named:
            if _has_second_name(self.root, path):
                self.refused = f"{path} has another name (a hard link)"
        self.named.clear()
        if self.stale and not self.refused:
            self.new_epoch(rescan=self.overflowed)
            self.overflowed = False
        parts = request.split()
        if len(parts) != 3 or parts[0] != PROTOCOL or parts[1] != b"since":
            return b"!"
        if self.refused:
            return b"-\0?"
        now = f"{self.epoch}:{self.count}".encode()
        epoch, _, count = parts[2].decode("ascii", "replace").partition(":")
        if epoch != self.epoch or not count.isdigit() or int(count) > self.count:
            return now + b"\0?"
        since = int(count)
        paths: list[str] = []
        for path, seen in reversed(self.changed.items()):
            if seen <= since:
                break
            paths.append(path)
        return now + b"\0=" + b"".join(os.fsencode(p) + b"\0" for p in paths)


def _has_second_name(root: str, path: str) -> bool:
    """Whether the file at `path` is a regular file with a second name (a hard link)."""
    try:
        found = os.lstat(os.path.join(root, path))
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and found.st_nlink > 1


def _require_local(root: str) -> None:
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as mounts:
            refusal = mount_refusal(root, mounts.read().splitlines())
    except OSError as error:
        raise Unwatchable("no /proc/self/mountinfo") from error
    if refusal:
        raise Unwatchable(refusal)


def mount_refusal(root: str, mounts: list[str]) -> str:
    """Why a journal at `root` cannot be watched, given the lines of /proc/self/mountinfo: on
    a network file system (a change made by another machine makes no event here), or with
    another file system mounted inside it. "" when it can."""
    best = ""
    kind = ""
    inside_root = root.rstrip("/") + "/"
    for line in mounts:
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        point = fields[4].replace("\\040", " ")
        if point.startswith(inside_root):
            return f"a file system is mounted at {point}"
        if (root == point or root.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best = point
            kind = line.split(" - ", 1)[1].split()[0]
    if kind not in LOCAL_FILE_SYSTEMS:
        return f"on a {kind or 'unknown'} file system"
    return ""


def serve(root: str, address: str) -> None:
    # Bound first, so that a write asking while the folders are being watched starts no
    # second watcher: it is answered "?" at once, and walks (0.4 s to watch 100,000 entries'
    # folders and look at each file's names).
    server = _listen(address)
    mine = os.stat(address).st_ino
    try:
        made: list[Watcher] = []
        setting_up = threading.Thread(target=lambda: made.append(Watcher(root)), daemon=True)
        setting_up.start()
        while setting_up.is_alive():
            ready, _, _ = select.select([server.fileno()], [], [], 0.05)
            if ready:
                _reply(server, None)
        if not made:
            return
        watcher = made[0]  # every folder watched before any token is given
        last_asked = time.monotonic()
        while True:
            waiting = [server.fileno()] if watcher.fd < 0 else [watcher.fd, server.fileno()]
            ready, _, _ = select.select(waiting, [], [], 30)
            if watcher.fd in ready:
                watcher.read_events()
            if server.fileno() in ready:
                last_asked = time.monotonic()
                _reply(server, watcher)
            if _moved(address, mine) or time.monotonic() - last_asked > IDLE_SECONDS:
                return
    finally:
        server.close()
        if not _moved(address, mine):
            os.unlink(address)


def _moved(address: str, mine: int) -> bool:
    """Whether the socket is gone, or another watcher's now."""
    try:
        return os.stat(address).st_ino != mine
    except OSError:
        return True


def _listen(address: str) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)  # the socket is its owner's alone
    try:
        server.bind(address)
    except OSError:
        # A watcher there that answers: this one is not needed. Else a stale socket.
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(address)
        except OSError:
            os.unlink(address)
            server.bind(address)
        else:
            raise SystemExit(0) from None
        finally:
            probe.close()
    finally:
        os.umask(old_mask)
    server.listen(16)
    return server


def _reply(server: socket.socket, watcher: Watcher | None) -> None:
    """Answer one question (watcher None: still setting up, "?")."""
    try:
        client, _ = server.accept()
    except OSError:
        return
    with client:
        client.settimeout(2)
        try:
            request = b""
            while not request.endswith(b"\n") and len(request) < 256:
                chunk = client.recv(256)
                if not chunk:
                    break
                request += chunk
            if request.split()[:2] == [PROTOCOL, b"stop"]:
                client.sendall(b"-\0stopped")
                raise SystemExit(0)
            client.sendall(watcher.answer(request) if watcher else b"-\0?")
        except OSError:
            return


def main(arguments: list[str]) -> int:
    if len(arguments) != 2:
        return 2
    root, address = arguments
    os.chdir("/")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        serve(root, address)
    except (Unwatchable, OSError):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
