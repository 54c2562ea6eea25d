"""Loading entry files, with a cache that can never go stale.

Parsing and validating 10,000 TOML files costs about a second; the cache holds each file's
validated entry keyed by its size, modification and change times and inode, so only files
changed since the last run are parsed again, and the others come back without validation.
It lives in the user's cache folder (never in the journal, so never committed, and `Journal`
refuses a cache folder inside the journal), is rebuilt silently when missing, damaged or made by
another version, and is only a copy: the files are the truth.

The cache is a pickle of the validated models: unpickling skips validation and is about three
times faster than validating JSON again. A pickle runs code when loaded, which is why it is only
ever read from the user's own cache folder, never from anything a journal or a clone carries,
and only from a file the user owns.

A kind's records are kept in a file per year its files are named by (see _shard), and what
changed since those were written in one more file, the kind's delta (see DELTA_KEPT). Every
record is checked against its file's stat wherever it was kept, so a lost or stale one only
means its file is read again.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import operator
import os
import pickle
import stat as stat_module
import struct
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mentorlog import __version__, store
from mentorlog.errors import EntryFileError
from mentorlog.model import Change, Entry, Part, validation_problems

if TYPE_CHECKING:
    from mentorlog.journal import Summary, SummaryPart
    from mentorlog.walk_ahead import WalkAhead

CACHE_FORMAT = 9

ConfigModel = TypeVar("ConfigModel", bound=Part)
T = TypeVar("T")


# One file in the cache: its packed stat (see stat_key), its kind, its validated model.
Record = tuple[bytes, str, Any]
# A file's size, modification and change times and inode, packed: a tuple of four large ints
# took about 200 bytes a file in memory, this takes 65.
_STAT = struct.Struct("<QqqQ")
STAT_SIZE = _STAT.size


@dataclass
class Loaded:
    entries: list[Entry] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[EntryFileError] = field(default_factory=list)
    # Kinds read as a count (see load): their summaries, whose latest entries are in `entries`.
    summaries: dict[str, Summary] = field(default_factory=dict)
    # By folder, the cache records of the files read, entries and changes (none without the
    # cache): what the goal index describes (goal_index.build).
    records: dict[str, dict[str, Record]] = field(default_factory=dict)


def cache_dir() -> Path:
    """The user's cache folder for mentorlog (MENTORLOG_CACHE_DIR, else XDG's)."""
    return Path(_cache_folder())


def _cache_folder() -> str:
    # A string, for the paths of cache files (see _cache_file).
    base = os.environ.get("MENTORLOG_CACHE_DIR")
    if not base:
        home_cache = os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or home_cache, "mentorlog")
    return base


def cache_path(root: Path, folder: str) -> Path:
    """One file per journal and kind (and year, see _shard): a command reads only the kinds it
    shows (a write that looks up a goal reads the goals' file, whatever the journal's size)."""
    return Path(_cache_file(root, folder))


def _cache_file(root: Path, folder: str) -> str:
    # A string: a kind has a cache file per year, and pathlib's parsing of each path cost
    # more than reading the smaller ones.
    return os.path.join(_cache_folder(), f"{_root_key(root)[1]}-{folder}.pickle")


def database_path(root: Path, name: str) -> str:
    """A database the cache keeps for the journal (see link_index.py), beside its files."""
    return os.path.join(_cache_folder(), f"{_root_key(root)[1]}-{name}.sqlite")


def watch_socket(root: Path) -> str:
    """Where the journal's watcher listens (see watching.py)."""
    return os.path.join(_cache_folder(), f"{_root_key(root)[1]}-watch.sock")


@functools.lru_cache(maxsize=16)
def _root_key(root: Path) -> tuple[str, str]:
    """The journal's real path, and the digest naming its cache files. Kept for the run: a
    journal has dozens of cache files, and resolving the path is several system calls."""
    resolved = str(root.resolve())
    return resolved, hashlib.sha256(resolved.encode()).hexdigest()[:20]


def validate(model: type[Entry] | type[Change], raw: dict[str, Any], path: Path, text: str) -> Any:
    """Validate one file's data, raising EntryFileError naming the field and its line."""
    from pydantic_core import ValidationError

    try:
        return model.validate(raw)
    except ValidationError as error:
        problems = [
            EntryFileError(path, message, line=store.line_of_field(text, location), field=location)
            for location, message in validation_problems(error)
        ]
    raise _Many(problems) if len(problems) > 1 else problems[0]


class _Many(EntryFileError):
    def __init__(self, problems: list[EntryFileError]) -> None:
        first = problems[0]
        super().__init__(first.path, first.problem, first.line, first.field)
        self.all = problems


def checked_load(
    root: Path, path: Path, model: type[Entry] | type[Change], folder: str = ""
) -> tuple[Entry | Change | None, list[EntryFileError]]:
    """The entry or change, or every problem of its file (for `check`)."""
    try:
        if issubclass(model, Change):
            return load_change(root, path, folder), []
        return load_file(root, path, model), []
    except _Many as many:
        return None, many.all
    except EntryFileError as problem:
        return None, [problem]


def load_file(root: Path, path: Path, model: type[Entry]) -> Entry:
    text, raw = store.read_toml(path)
    entry: Entry = validate(model, raw, path, text)
    _place(entry, path.relative_to(root).as_posix())
    return entry


def load_change(root: Path, path: Path, folder: str) -> Change:
    """A change file, checked for what its kind of change needs (see model.CHANGE_TYPES)."""
    text, raw = store.read_toml(path)
    change: Change = validate(Change, raw, path, text)
    lacking = change.problems(folder)
    if lacking:
        problems = [
            EntryFileError(path, message, line=store.line_of_field(text, name), field=name)
            for name, message in lacking
        ]
        raise _Many(problems) if len(problems) > 1 else problems[0]
    _place(change, path.relative_to(root).as_posix())
    return change


def _place(item: Entry | Change, relative: str) -> None:
    item._path = relative
    if relative.startswith(store.PRIVATE_DIR + "/"):
        if isinstance(item, Change):
            item._private = True
        else:
            item.private = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading allocates many small objects and frees none: pausing the garbage collector
    meanwhile makes unpickling, validating and folding several times faster (its passes would
    walk every entry loaded so far, again and again, for nothing).

    What was loaded then stays for the whole run, so it is frozen (moved where the collector
    never looks): a report's later allocations no longer set off passes over every entry, which
    were a fifth of `status` at 100,000 entries."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def change_folder(folder: str) -> str:
    return f"{store.CHANGES_DIR}/{folder}"


def load(
    root: Path,
    models: list[type[Entry]],
    use_cache: bool = True,
    include_private: bool = True,
    packed: bool = False,
    counted: set[str] | frozenset[str] = frozenset(),
    linked: bool = False,
) -> Loaded:
    """Every entry of the given kinds and every change to them; files that do not load are
    listed in `problems`, never dropped silently. With `packed`, entries from the cache keep
    the fields it packs packed until one is read (see model.Packed): for dashboards, which
    read few of them.

    A kind in `counted` is read from its summary (journal.Summary, kept beside its cache
    files, a part per cache file) where the kind has no change file: a part is used while it
    describes exactly the files of its cache file, each unchanged, and made again from that
    cache file's records and the files read anew otherwise. Anything else (changes, parts
    whose days overlap) reads the kind whole, as for any other."""
    loaded = Loaded()
    ahead = _walk_ahead(root, models, include_private) if use_cache else None
    try:
        with collector_paused():
            summaries = (
                {
                    m.folder: _read_summary(root, m.folder, linked)
                    for m in models
                    if m.kind in counted
                }
                if use_cache
                else {}
            )
            if ahead is not None:
                # Every kind's records first, then the walk's results: the child walks
                # meanwhile.
                read = {
                    m.folder: _read_kind(root, m.folder, packed)
                    for m in models
                    if m.folder not in summaries
                }
            for model in models:
                folder = model.folder
                files = {
                    where: _files(root, where, include_private, ahead)
                    for where in (folder, change_folder(folder))
                }
                if folder in summaries:
                    summary = _counted(root, model, files, summaries[folder], loaded, linked)
                    if summary is not None:
                        loaded.summaries[model.kind] = summary
                        loaded.entries += summary.latest()
                        continue
                    old = _read_kind(root, folder, packed)
                elif ahead is not None:
                    old = read.pop(folder)
                else:
                    # One kind's records at a time: less memory at once.
                    old = _read_kind(root, folder, packed) if use_cache else {}
                records = _load_kind(root, model, old, loaded, use_cache, include_private, files)
                loaded.records[folder] = records
                if folder in summaries:
                    _write_summary(root, model.kind, folder, records, summaries[folder])
    finally:
        if ahead is not None:
            ahead.close()
    return loaded


def _counted(
    root: Path,
    model: type[Entry],
    files: dict[str, Iterable[tuple[str, bytes]]],
    found: _Summaries | None,
    loaded: Loaded,
    linked: bool,
) -> Summary | None:
    """A counted kind's summary (see load), or None: then it is read whole, from `files`
    (listed here, as they are walked only once)."""
    listed = {where: list(walked) for where, walked in files.items()}
    files.update(listed)
    if listed[change_folder(model.folder)]:
        return None
    said = len(loaded.problems)
    summary = _summary(root, model, listed[model.folder], found, loaded, linked)
    if summary is None:
        del loaded.problems[said:]  # read whole next, its files say them again
    return summary


def _files(
    root: Path, where: str, include_private: bool, ahead: WalkAhead | None
) -> Iterable[tuple[str, bytes]]:
    """A folder's files and their packed stats: from the walk ahead, else walked here."""
    from mentorlog.walk_ahead import walk

    walked = ahead.take(where) if ahead is not None else None
    if walked is None:
        return walk(root, where, include_private, stat_key)
    return zip(*walked, strict=True)


# From this many bytes of cache files for the kinds read (about 30,000 entries), their folders
# are walked in a second process while this one reads the cache (see walk_ahead.py): below it
# the walk is short, and holding every kind's records at once costs memory for little.
WALK_AHEAD_FROM = 24 * 1024 * 1024


def _walk_ahead(root: Path, models: list[type[Entry]], include_private: bool) -> WalkAhead | None:
    from mentorlog import walk_ahead

    if not walk_ahead.possible():
        return None
    prefixes = tuple(f"{_root_key(root)[1]}-{model.folder}" for model in models)
    size = 0
    try:
        with os.scandir(cache_dir()) as listing:
            for item in listing:
                if item.name.startswith(prefixes):
                    size += item.stat().st_size
    except OSError:
        return None
    if size < WALK_AHEAD_FROM:
        return None
    folders = [where for m in models for where in (m.folder, change_folder(m.folder))]
    return walk_ahead.WalkAhead(root, folders, include_private, stat_key, STAT_SIZE)


def enabled() -> bool:
    """False under MENTORLOG_NO_CACHE=1, which reads every file (to compare, or to rule the
    cache out)."""
    return not os.environ.get("MENTORLOG_NO_CACHE")


def usable(root: Path) -> bool:
    """Whether to read and write the cache for this journal: not when MENTORLOG_NO_CACHE is
    set, nor when the cache folder is inside the journal (Journal.load refuses that, saying
    why; the configuration is then read without it)."""
    if not enabled():
        return False
    from mentorlog.writes import outside

    return outside(cache_dir(), root)


def load_config(
    root: Path, model: type[ConfigModel], read: Callable[[Path], ConfigModel]
) -> ConfigModel:
    """The journal's configuration (mentorlog.toml), from the cache while the file is unchanged:
    every command reads it, and validating it costs a tenth of a small journal's `status`."""
    relative = store.CONFIG_NAME
    path = root / relative
    try:
        stat = os.stat(path)
    except OSError:
        return read(path)  # which says what is wrong with it
    if not usable(root):
        return read(path)
    config: ConfigModel | None = cached(
        _read_cache(root, "config"), relative, stat, "config", model
    )
    if config is None:
        config = read(path)
        _write_cache(root, "config", {relative: (stat_key(stat), "config", config)})
    return config


def load_changes(root: Path, folder: str) -> tuple[list[Change], list[EntryFileError]]:
    """Every change under changes/<folder> (the relationships' changes, changes/mentors), through
    the cache like the entries'."""
    use_cache = usable(root)
    name = f"changes-{folder}"
    old = _read_cache(root, name) if use_cache else {}
    fresh: dict[str, Record] = {}
    loaded = Loaded()
    with collector_paused():
        for relative, stat in store.walk_entry_files(root, change_folder(folder)):
            change = _load_one(
                root,
                relative,
                stat_key(stat),
                "change",
                old,
                fresh,
                loaded,
                lambda path: load_change(root, path, folder),
                Change,
            )
            if change is not None:
                loaded.changes.append(change)
    if use_cache and _differs(old, fresh):
        _write_cache(root, name, fresh)
    return loaded.changes, loaded.problems


def _differs(old: dict[str, Record], fresh: dict[str, Record]) -> bool:
    # Records are reused as they were read, so any new record or lost file means a change.
    return len(fresh) != len(old) or any(old.get(k) is not v for k, v in fresh.items())


def stat_key(stat: os.stat_result) -> bytes:
    # ctime too: an edit that keeps the size and puts the mtime back still changes the ctime,
    # which no one can set.
    return _STAT.pack(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def stat_key_now(path: str) -> bytes | None:
    """A file's packed stat, as the walk keeps it; None for what the walk passes over (gone,
    a folder, a symbolic link)."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return stat_key(found) if stat_module.S_ISREG(found.st_mode) else None


def _load_kind(
    root: Path,
    model: type[Entry],
    old: dict[str, Record],
    loaded: Loaded,
    use_cache: bool,
    include_private: bool,
    files: dict[str, Iterable[tuple[str, bytes]]],
) -> dict[str, Record]:
    """One kind's entries and changes (`files`: the walk of its folder and of its changes'):
    from `old`, its cache records, where the file is unchanged, else from the file. Returns
    the kind's records as they are now (none without the cache)."""
    folder = model.folder
    fresh: dict[str, Record] = {}
    # The kind's files, then the changes to them: (folder, kind in the cache, model, reader).
    sources: list[tuple[str, str, Any, Any]] = [
        (folder, model.kind, model, lambda path: load_file(root, path, model)),
        (change_folder(folder), "change", Change, lambda path: load_change(root, path, folder)),
    ]
    read_anew: list[str] = []
    for where, kind, read_as, read in sources:
        into: list[Any] = loaded.entries if read_as is model else loaded.changes
        for relative, key in files[where]:
            # An unchanged file's record is taken here rather than through _load_one: this loop
            # runs once per file, and two calls less in it are a tenth of a second at 100,000.
            hit = old.get(relative)
            if hit is not None and hit[0] == key and hit[1] == kind and type(hit[2]) is read_as:
                fresh[relative] = hit
                into.append(hit[2])
                continue
            read_anew.append(relative)
            item = _read_one(root, relative, key, kind, fresh, loaded, read)
            if item is not None:
                into.append(item)
    if not use_cache:
        return {}
    # What was not walked (private files, when left out) stays as it was.
    kept = (
        {}
        if include_private
        else {k: v for k, v in old.items() if k.startswith(store.PRIVATE_DIR + "/")}
    )
    # Every file a hit, none gone: the cache holds exactly these records already (comparing
    # each of them to be sure cost a tenth of a second at 100,000 entries).
    if not read_anew and len(kept) + len(fresh) == len(old):
        return old
    records = {**kept, **fresh}
    if _differs(old, records):
        _write_kind(root, folder, old, records, read_anew)
    return records


def _summary_name(folder: str) -> str:
    # Not a kind's name followed by a year, so _read_kind never takes it for its records.
    return f"summary-{folder}"


@dataclass
class _Summaries:
    """A kind's summary file (see load): by shard (see _shard), the packed stats of the files
    each part describes, the parts, and their links when asked for."""

    stats: dict[str, dict[str, bytes]]
    parts: dict[str, SummaryPart]
    links: dict[str, dict[str, bytes]] | None


def _read_summary(root: Path, folder: str, linked: bool) -> _Summaries | None:
    """A kind's summary parts, all in one cache file (a kind has a cache file per year, and a
    summary file each cost more to open than it saved), their links only when `linked`."""
    from mentorlog.journal import SummaryPart

    document = read_document(root, _summary_name(folder), tail=linked)
    if document is None:
        return None
    stats, parts, links = document.get("stats"), document.get("parts"), document.get("tail")
    if not (
        type(stats) is dict
        and type(parts) is dict
        and stats.keys() == parts.keys()
        and _all_of_type(parts, str)
        and _all_of_type(parts.values(), SummaryPart)
        and _all_of_type(stats.values(), dict)
        and all(
            _all_of_type(files, str) and _all_of_type(files.values(), bytes)
            for files in stats.values()
        )
    ):
        return None
    if linked and not (
        type(links) is dict and links.keys() == parts.keys() and _all_of_type(links.values(), dict)
    ):
        return None
    return _Summaries(stats, parts, links if linked else None)


def _summary(
    root: Path,
    model: type[Entry],
    walked: list[tuple[str, bytes]],
    found: _Summaries | None,
    loaded: Loaded,
    linked: bool,
) -> Summary | None:
    """The kind's summary: its parts as they were while they describe the files walked, each
    unchanged (compared in C, all at once); else those of cache files whose files changed made
    again (files read anew, their problems in `loaded`) and written. None when the parts'
    days overlap."""
    from mentorlog.journal import Summary, SummaryPart

    files = dict(walked)
    if found is not None and _described(found) == files:
        return Summary.merged(model.kind, found.parts, found.links)
    kind, folder = model.kind, model.folder
    found = _with_links(root, folder, found)
    described = _described(found)
    read = functools.partial(load_file, root, model=model)
    # The shards with a file new, changed or gone, and each one's files now.
    now: dict[str, dict[str, bytes]] = {}
    for relative, _ in files.items() ^ described.items():
        shard = _shard(relative)
        if shard not in now:
            now[shard] = {
                path: key for path, key in found.stats.get(shard, {}).items() if path in files
            }
        if relative in files:
            now[shard][relative] = files[relative]
    # The records read anew and the files gone go to the kind's delta (see _keep_delta).
    delta = _read_delta(root, folder)
    newer = _by_shard(delta.files)
    anew: dict[str, Record] = {}
    gone: list[str] = []
    for shard, stats in now.items():
        old = _read_cache(root, folder + shard)
        for relative in delta.gone:
            old.pop(relative, None)
        old.update(newer.get(shard, {}))
        fresh: dict[str, Record] = {}
        items: list[Entry] = []
        for relative, key in stats.items():
            item = _load_one(root, relative, key, kind, old, fresh, loaded, read, model)
            if item is not None:
                items.append(item)
        anew.update((r, record) for r, record in fresh.items() if old.get(r) is not record)
        gone.extend(old.keys() - fresh.keys())
        if not fresh:  # every file of that year is gone (or none loads)
            for kept in (found.stats, found.parts, found.links):
                kept.pop(shard, None)  # type: ignore[union-attr]
            continue
        found.stats[shard] = {relative: record[0] for relative, record in fresh.items()}
        found.parts[shard], found.links[shard] = SummaryPart.of(kind, items)  # type: ignore[index]
    if anew or gone:
        _keep_delta(root, folder, anew, gone, len(files), delta)
    write_document(
        root, _summary_name(folder), {"stats": found.stats, "parts": found.parts}, found.links
    )
    return Summary.merged(kind, found.parts, found.links if linked else None)


def _described(found: _Summaries) -> dict[str, bytes]:
    """Every file the summary describes, with its packed stat."""
    described: dict[str, bytes] = {}
    for stats in found.stats.values():
        described.update(stats)
    return described


def _with_links(root: Path, folder: str, found: _Summaries | None) -> _Summaries:
    """The summary with its links, read again if they were left (parts kept as they are keep
    their links), or an empty one."""
    if found is not None and found.links is None:
        found = _read_summary(root, folder, linked=True)
    return found if found is not None else _Summaries({}, {}, {})


def _write_summary(
    root: Path, kind: str, folder: str, records: dict[str, Record], found: _Summaries | None
) -> None:
    """Write the kind's summary anew where it does not describe its records (after the kind
    was read whole): only the parts of cache files whose records changed are made again."""
    from mentorlog.journal import SummaryPart

    entries = {relative: record for relative, record in records.items() if record[1] == kind}
    by_shard = _by_shard(entries)
    stats = {shard: {k: r[0] for k, r in files.items()} for shard, files in by_shard.items()}
    if found is not None and found.stats == stats:
        return
    found = _with_links(root, folder, found)
    parts: dict[str, SummaryPart] = {}
    links: dict[str, dict[str, bytes]] = {}
    for shard, files in by_shard.items():
        if shard in found.parts and found.stats.get(shard) == stats[shard]:
            parts[shard], links[shard] = found.parts[shard], found.links[shard]  # type: ignore[index]
        else:
            parts[shard], links[shard] = SummaryPart.of(kind, [r[2] for r in files.values()])
    write_document(root, _summary_name(folder), {"stats": stats, "parts": parts}, links)


def _shard(relative: str) -> str:
    """Which of its kind's cache files holds a file's record: the one of the year the file's
    name begins with (entries and changes are named by their date), or the kind's own for
    names that begin otherwise (goals). A `git pull` that brings a month of sessions rewrites
    that year's cache file, not every session's: at 100,000 entries writing them all would cost
    more than reading the new files."""
    name = relative.rpartition("/")[2]
    return f".{name[:4]}" if name[:4].isdigit() and name[4:5] == "-" else ""


def _read_kind(root: Path, folder: str, packed: bool = False) -> dict[str, Record]:
    """Every record of a kind, from all its cache files; unpacked (see model.Packed) one cache
    file at a time unless `packed`: a command that reads every field would otherwise unpack
    them one by one as it goes, which left more memory in use."""
    records: dict[str, Record] = {}
    sharing = _Sharing()
    for shard in _shards(root, folder):
        found = _read_cache(root, folder + shard)
        if not packed:
            _unpack(found, sharing)
        records.update(found)
    delta = _read_delta(root, folder)
    for relative in delta.gone:
        records.pop(relative, None)
    if not packed:
        _unpack(delta.files, sharing)
    records.update(delta.files)
    return records


def _shards(root: Path, name: str) -> list[str]:
    """The shards (see _shard) of the cache files of this name, in order."""
    prefix = cache_path(root, name).name.removesuffix(".pickle")
    try:
        names = os.listdir(cache_dir())
    except OSError:
        return []
    shards = []
    for found in sorted(names):
        shard = found.removeprefix(prefix).removesuffix(".pickle")
        if found.startswith(prefix) and found.endswith(".pickle") and _is_shard(shard):
            shards.append(shard)
    return shards


def _unpack(files: dict[str, Record], sharing: _Sharing) -> None:
    """Unpack what the cache packed (see model.Packed), sharing equal values between entries
    as the pickle of unpacked entries did (each entry's packed bytes are a pickle of their
    own, so their tags and prompts would otherwise be a copy each)."""
    for _key, _kind, part in files.values():
        if part.unpack():
            sharing.share(part, part._packed_fields)


def _is_shard(shard: str) -> bool:
    return shard == "" or (len(shard) == 5 and shard[0] == "." and shard[1:].isdigit())


def _write_kind(
    root: Path, folder: str, old: dict[str, Record], records: dict[str, Record], anew: list[str]
) -> None:
    """Keep what changed in a kind's records (`old`: as the cache had them, merged with its
    delta; `records`: as they are now; `anew`: the files read anew) in its delta (see
    DELTA_KEPT), the years' files left as they are."""
    newer = {relative: records[relative] for relative in anew if relative in records}
    _keep_delta(root, folder, newer, old.keys() - records.keys(), len(records))


# A kind's records read anew since its cache files were written are kept in one more cache
# file, its delta, with the files gone since, instead of in their years' files: a `git pull`
# that brings or changes 1,000 files across fifty years rewrote every year's file (1.2 s of a
# 4 s first `status` at 100,000 entries), and every write rewrote its year's file at the next
# read. Up to this many records and files gone, and a quarter of the kind's files (when past
# DELTA_FLOOR: a delta as large as the kind would save nothing, as after a cache of another
# version, whose years' files are all read anew); past it, the years' files they belong to are
# written again (each once) and the delta is emptied.
DELTA_KEPT = 4096
DELTA_FLOOR = 64


def _delta_name(folder: str) -> str:
    # Its file is not taken for a year's by _shards (see _is_shard).
    return f"{folder}.delta"


@dataclass
class _Delta:
    """A kind's records newer than those of its years' files, and the files gone since."""

    files: dict[str, Record]
    gone: set[str]


def _read_delta(root: Path, folder: str) -> _Delta:
    """The kind's delta, or an empty one (damaged or missing: the records it held are then
    those of the years' files, older, so their files are only read again)."""
    document = read_document(root, _delta_name(folder), tail=True)
    if document is None:
        return _Delta({}, set())
    gone, files = document.get("gone"), _checked_records(document.get("tail"))
    if type(gone) is not set or not _all_of_type(gone, str) or files is None:
        return _Delta({}, set())
    return _Delta(files, gone)


def _keep_delta(
    root: Path,
    folder: str,
    anew: dict[str, Record],
    gone: Iterable[str],
    total: int,
    delta: _Delta | None = None,
) -> None:
    """Take records read anew and files gone into the kind's delta (`delta`, when the caller
    has just read it), or write the years' files of everything it holds when it would grow
    past DELTA_KEPT or a quarter of the kind's `total` files (or the kind has no years' files)."""
    if delta is None:
        delta = _read_delta(root, folder)
    delta.gone.update(gone)
    for relative in delta.gone:
        delta.files.pop(relative, None)
    delta.files.update(anew)
    delta.gone.difference_update(anew)
    size = len(delta.files) + len(delta.gone)
    # A kind without years' files yet (a first read) has them written.
    if size <= min(DELTA_KEPT, max(DELTA_FLOOR, total // 4)) and _shards(root, folder):
        _share_values(delta.files, anew)
        write_document(root, _delta_name(folder), {"gone": delta.gone}, delta.files)
        return
    shards = _by_shard(delta.files)
    for relative in delta.gone:
        shards.setdefault(_shard(relative), {})
    for shard, newer in shards.items():
        files = {
            relative: record
            for relative, record in _read_cache(root, folder + shard).items()
            if relative not in delta.gone
        }
        files.update(newer)
        if files:
            _write_cache(root, folder + shard, files, [r for r in newer if r in anew])
        else:
            # Gone already is fine: a stale file would only ever be skipped.
            with suppress(OSError):
                os.unlink(cache_path(root, folder + shard))
    remove_document(root, _delta_name(folder))


def _by_shard(records: dict[str, T]) -> dict[str, dict[str, T]]:
    shards: dict[str, dict[str, T]] = {}
    for relative, record in records.items():
        shards.setdefault(_shard(relative), {})[relative] = record
    return shards


def cached(
    records: dict[str, Record],
    relative: str,
    stat: os.stat_result,
    kind: str,
    model: type[Part],
) -> Any:
    """The validated model of a file from the cache records when its size, times and inode
    match, else None."""
    return _cached(records, relative, stat_key(stat), kind, model)


def _cached(
    records: dict[str, Record], relative: str, key: bytes, kind: str, model: type[Part]
) -> Any:
    hit = records.get(relative)
    if hit is not None and hit[0] == key and hit[1] == kind and type(hit[2]) is model:
        return hit[2]
    return None


def _load_one(
    root: Path,
    relative: str,
    key: bytes,
    kind: str,
    old: dict[str, Record],
    fresh: dict[str, Record],
    loaded: Loaded,
    read: Any,
    model: type[Entry] | type[Change],
) -> Any:
    """One file (`key`: its packed stat) from the cache when it is unchanged, else from
    disk."""
    item = _cached(old, relative, key, kind, model)
    if item is not None:
        # Placed when it was read (the same path: it is the key), so returned as it is.
        fresh[relative] = old[relative]
        return item
    return _read_one(root, relative, key, kind, fresh, loaded, read)


def _read_one(
    root: Path,
    relative: str,
    key: bytes,
    kind: str,
    fresh: dict[str, Record],
    loaded: Loaded,
    read: Any,
) -> Any:
    """One file from disk, recorded for the cache; None (its problems listed) when it does
    not load."""
    try:
        item = read(root / relative)
    except EntryFileError as problem:
        loaded.problems.extend(getattr(problem, "all", [problem]))
        return None
    fresh[relative] = (key, kind, item)
    return item


@functools.cache
def _stamp() -> str:
    """The cache's version: this code's, and the models' (a changed model file, as in a
    development install, makes every record stale). Once a run: every cache file read (a
    kind has one per year) is checked against it."""
    from mentorlog import model

    models = os.stat(model.__file__)
    return f"{CACHE_FORMAT}:{__version__}:{models.st_size}:{models.st_mtime_ns}"


def read_records(root: Path, folder: str) -> dict[str, Record]:
    """The cache records of one kind (for `check`), or none when the cache is off."""
    if not enabled():
        return {}
    with collector_paused():
        return _read_kind(root, folder)


def _read_cache(root: Path, folder: str) -> dict[str, Record]:
    document = read_document(root, folder)
    if document is None:
        return {}
    return _checked_records(document.get("files")) or {}


def _checked_records(files: Any) -> dict[str, Record] | None:
    """`files` when it is a dict of records, else None."""
    if not isinstance(files, dict):
        return None
    # Checked in place (a copy would cost a second dict of every record), each check one pass
    # in C (a loop over every record cost a twentieth of a second at 100,000): any odd
    # record, and the whole file is rebuilt.
    records = files.values()
    if not (
        _all_of_type(files, str)
        and _all_of_type(records, tuple)
        and set(map(len, records)) <= {3}
        and _all_of_type(map(_FIRST, records), bytes)
        and _all_of_type(map(_SECOND, records), str)
    ):
        return None
    return files


def read_document(root: Path, name: str, tail: bool = False) -> dict[str, Any] | None:
    """A cache file's document (a dict), when it is ours, of this version and this journal;
    with `tail`, what follows it as its "tail" (the rest of the file is not read otherwise)."""
    found = read_stamped(_cache_file(root, name), _stamp(), 2 if tail else 1)
    if found is None or not isinstance(found[0], dict):
        return None
    document: dict[str, Any] = found[0]
    if document.get("root") != _root_key(root)[0]:
        return None
    if tail:
        document["tail"] = found[1]
    return document


def read_stamped(path: str | Path, stamp: str, count: int) -> list[Any] | None:
    """The `count` objects pickled after `stamp` in the file at `path`; None when it is not
    one of ours, is of another stamp, or is damaged in any way."""
    try:
        # Only a regular file (a FIFO or a device there would block or never end), and only
        # one of ours: a pickle runs code when loaded, so one another user left in a shared
        # cache folder is never read.
        info = os.stat(path)
        if not stat_module.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            return None
        with open(path, "rb") as file:
            if pickle.load(file) != stamp:
                return None
            return [pickle.load(file) for _ in range(count)]
    except Exception:  # any damage at all (truncated, garbage, another format): rebuild
        return None


def _all_of_type(values: Iterable[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


def _share_values(files: dict[str, Record], only: Iterable[str] | None = None) -> None:
    """Make equal values one object before pickling, so the pickle stores each once and every
    loaded part shares it: equal dates and short strings (names, tags, prompts, links) one
    object each, and an entry's path its record's key. All of them are immutable, so sharing
    changes nothing else. With `only`, the values of those records alone."""
    sharing = _Sharing()
    for relative in files if only is None else only:
        part = files[relative][2]
        if part.__dict__.get("_path") == relative:
            part.__dict__["_path"] = relative
        sharing.share(part)


class _Sharing:
    """Equal dates and short strings made one object (see _share_values)."""

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}

    def same(self, value: Any) -> Any:
        if type(value) is str:
            return self.values.setdefault(value, value) if len(value) <= SHARED_TEXT else value
        if type(value) is dt.date:
            return self.values.setdefault(value, value)
        if isinstance(value, Part):
            self.share(value)
        elif type(value) is list:
            value[:] = [self.same(item) for item in value]
        return value

    def share(self, part: Part, names: Iterable[str] | None = None) -> None:
        """Share the part's values (only those of `names`, when given)."""
        stores = part.__dict__
        for name in stores if names is None else names:
            stores[name] = self.same(stores[name])


# Longer text (notes, reflections) is seldom written twice; looking it up would cost more.
SHARED_TEXT = 80


def _write_cache(
    root: Path, folder: str, files: dict[str, Record], shared: Iterable[str] | None = None
) -> None:
    """Write a cache file of records, their values shared (those of `shared` alone, if given;
    see _share_values)."""
    _share_values(files, shared)
    write_document(root, folder, {"files": files})


def remove_document(root: Path, name: str) -> None:
    """Remove a cache file (gone already is fine)."""
    with suppress(OSError):
        os.unlink(_cache_file(root, name))


def write_document(root: Path, name: str, document: dict[str, Any], tail: Any = None) -> None:
    """Write a cache file: this version's stamp, then the document with the journal's path,
    then `tail` if given (read only when asked for, see read_document)."""
    objects = [{"root": _root_key(root)[0], **document}]
    write_stamped(cache_path(root, name), _stamp(), objects + ([tail] if tail is not None else []))


def write_stamped(path: Path, stamp: str, objects: list[Any]) -> None:
    """Write `stamp`, then `objects`, pickled, to `path`, atomically; a file that cannot be
    written is left as it was (a cache only saves time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():
            return  # never replace something that is not our file
        import tempfile  # here: only a changed cache is written (warm reads never import it)

        # Atomic, so a reader never sees half a cache; no fsync: a cache lost to a crash is
        # only rebuilt.
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as file:
                for item in (stamp, *objects):
                    pickle.dump(item, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # a cache that cannot be written only costs speed
