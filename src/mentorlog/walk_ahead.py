"""The walk of a large journal's folders in a second process, while this one reads the cache.

Reading 100,000 cached entries is two jobs of about the same size that need nothing from each
other: a stat of every file (to know which records still hold) and unpickling the records.
Python runs one of them at a time, so where the system can fork, a child process walks the
folders and sends back each file's path and packed stat while this process unpickles; on a
machine with two cores that hides most of the walk (git's preload-index does the same with
threads). Anything odd (no fork, a child that fails or says nothing) and the walk is done here,
as it always was: this only ever saves time.
"""

from __future__ import annotations

import gc
import os
import struct
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

from mentorlog import store

# A walked folder: the files' paths relative to the journal, and each one's packed stat.
Walked = tuple[list[str], list[bytes]]

_LENGTHS = struct.Struct("<QQ")


def walk(
    root: Path,
    folder: str,
    include_private: bool,
    key: Callable[[os.stat_result], bytes],
    ordered: bool = True,
    part: tuple[int, int] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """The walk done here: store.walk_entry_files, each file's stat packed by `key`."""
    for relative, stat in store.walk_entry_files(root, folder, include_private, ordered, part):
        yield relative, key(stat)


def possible() -> bool:
    """Whether a child can walk ahead: it needs fork, and a second processor (on one it only
    takes turns with this process: 0.2 s slower at 100,000 entries)."""
    return hasattr(os, "fork") and _cores() >= 2


# At most this many children walk one journal's folders at once.
MOST_SHARES = 4


def shares() -> int:
    """How many children walk a large kind, each its share: two (on this project's 2-core
    machine, 40,000 sessions took 70 ms in two, 138 in one), or one per processor this
    process does not use, up to MOST_SHARES, where there are more."""
    return max(2, min(_cores() - 1, MOST_SHARES))


def _cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class WalkAhead:
    """The folders walked by forked children; `take(folder)` gives one folder's files, or None
    when a child could not say (the caller then walks the folder itself). Not `ordered`, each
    folder's files come in no set order (a fifth quicker). With `ways` children, each walks
    its share of each folder's sub-folders (store.walk_entry_files, `part`): at 40,000
    sessions, two children while this process reads took 0.11-0.14 s, one 0.16-0.18 s."""

    def __init__(
        self,
        root: Path,
        folders: list[str],
        include_private: bool,
        key: Callable[[os.stat_result], bytes],
        key_size: int,
        ordered: bool = True,
        ways: int = 1,
    ) -> None:
        self._folders = folders
        self._key_size = key_size
        self._results: dict[str, Walked] | None = None
        # Each child's process id and the pipe it writes to.
        self._children: list[tuple[int, int]] = []
        if not possible():
            return
        # Shares of a walk come back one after the other: only one in no set order is split.
        ways = 1 if ordered else ways
        for share in range(ways):
            reading, writing = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(reading)
                os.close(writing)
                self.close()  # the walk is then done here, whole
                return
            if pid == 0:  # the child: walk, write, and leave without running anything else
                status = 1
                try:
                    # Its collector would walk every object it shares with the parent, copying
                    # their pages for nothing: it lives a second and frees nothing.
                    gc.disable()
                    os.close(reading)
                    for _, other in self._children:
                        os.close(other)
                    part = (share, ways) if ways > 1 else None
                    _send(writing, root, folders, include_private, key, ordered, part)
                    status = 0
                finally:
                    os._exit(status)
            os.close(writing)
            self._children.append((pid, reading))

    def take(self, folder: str) -> Walked | None:
        if self._results is None:
            self._results = self._collect()
        return self._results.get(folder)

    def close(self) -> None:
        """Reap the children (closing the pipes first, so one still writing stops)."""
        children, self._children = self._children, []
        for pid, pipe in children:
            with suppress(OSError):
                os.close(pipe)
            with suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def _collect(self) -> dict[str, Walked]:
        children, self._children = self._children, []
        results: dict[str, Walked] = {}
        failed = not children
        for pid, pipe in children:
            chunks = []
            with os.fdopen(pipe, "rb") as reading:
                while chunk := reading.read(1 << 20):
                    chunks.append(chunk)
            _, status = os.waitpid(pid, 0)
            parsed = _parse(b"".join(chunks), self._folders, self._key_size) if not status else {}
            failed = failed or not parsed
            for folder, (paths, keys) in parsed.items():
                had = results.get(folder, ([], []))
                results[folder] = (had[0] + paths, had[1] + keys)
        return {} if failed else results


def _send(
    handle: int,
    root: Path,
    folders: list[str],
    include_private: bool,
    key: Callable[[os.stat_result], bytes],
    ordered: bool,
    part: tuple[int, int] | None,
) -> None:
    # All of it walked before anything is written: the pipe holds 64 KiB, and a write that
    # filled it would wait for the parent, which reads only when it is done unpickling.
    parts: list[bytes] = []
    for folder in folders:
        found = list(walk(root, folder, include_private, key, ordered, part))
        # A file's name never holds NUL, so it separates them; surrogateescape keeps names
        # that are not UTF-8 as they were read.
        names = "\0".join(path for path, _ in found).encode("utf-8", "surrogateescape")
        stats = b"".join(stat for _, stat in found)
        parts += (_LENGTHS.pack(len(names), len(stats)), names, stats)
    with os.fdopen(handle, "wb") as out:
        out.write(b"".join(parts))


def _parse(data: bytes, folders: list[str], key_size: int) -> dict[str, Walked]:
    results: dict[str, Walked] = {}
    at = 0
    try:
        for folder in folders:
            names_size, stats_size = _LENGTHS.unpack_from(data, at)
            at += _LENGTHS.size
            names = data[at : at + names_size].decode("utf-8", "surrogateescape")
            at += names_size
            stats = data[at : at + stats_size]
            at += stats_size
            paths = names.split("\0") if names else []
            keys = [stats[i : i + key_size] for i in range(0, stats_size, key_size)]
            if len(paths) != len(keys) or len(stats) != stats_size:
                return {}
            results[folder] = (paths, keys)
    except struct.error:
        return {}
    return results if at == len(data) else {}
