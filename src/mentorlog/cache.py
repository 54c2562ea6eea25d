"""Loading entry files, with a cache that can never go stale.

Parsing 10,000 TOML files costs about a second; the cache holds each file's validated data keyed by
its size, modification time and inode, so only files changed since the last run are parsed again.
It lives in the user's cache folder (never in the journal, so never committed), is rebuilt silently
when missing, damaged or from another version, and is only a copy: the files are the truth.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog import __version__, store
from mentorlog.errors import EntryFileError
from mentorlog.model import Entry, validation_problems

CACHE_FORMAT = 1


@dataclass
class Loaded:
    entries: list[Entry] = field(default_factory=list)
    problems: list[EntryFileError] = field(default_factory=list)


def cache_path(root: Path) -> Path:
    base = os.environ.get("MENTORLOG_CACHE_DIR")
    if not base:
        home_cache = os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or home_cache, "mentorlog")
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return Path(base) / f"{digest}.json"


def validate(model: type[Entry], raw: dict[str, Any], path: Path, text: str) -> Entry:
    """Validate one file's data, raising EntryFileError naming the field and its line."""
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = [
            EntryFileError(path, message, line=store.line_of_field(text, location), field=location)
            for location, message in validation_problems(error)
        ]
    if len(problems) == 1:
        raise problems[0]
    raise _Many(problems)


class _Many(EntryFileError):
    def __init__(self, problems: list[EntryFileError]) -> None:
        first = problems[0]
        super().__init__(first.path, first.problem, first.line, first.field)
        self.all = problems


def checked_load(root: Path, path: Path, model: type[Entry]) -> tuple[Entry | None,
                                                                     list[EntryFileError]]:
    """The entry, or every problem of its file (for `check`)."""
    try:
        return load_file(root, path, model), []
    except _Many as many:
        return None, many.all
    except EntryFileError as problem:
        return None, [problem]


def load_file(root: Path, path: Path, model: type[Entry]) -> Entry:
    text, raw = store.read_toml(path)
    entry = validate(model, raw, path, text)
    _place(entry, path.relative_to(root).as_posix())
    return entry


def _place(entry: Entry, relative: str) -> None:
    entry._path = relative
    if relative.startswith(store.PRIVATE_DIR + "/"):
        entry.private = True


def load(root: Path, models: list[type[Entry]], use_cache: bool = True) -> Loaded:
    loaded = Loaded()
    old = _read_cache(root) if use_cache else {}
    fresh: dict[str, list[Any]] = {}
    # Bulk validation allocates many small objects; pausing the collector makes it 3-4x faster.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for model in models:
            for relative, stat in store.walk_entry_files(root, model.folder):
                key = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
                hit = old.get(relative)
                try:
                    if hit is not None and hit[:3] == key and hit[3] == model.kind:
                        entry = model.model_validate(hit[4])
                        _place(entry, relative)
                        fresh[relative] = hit
                    else:
                        entry = load_file(root, root / relative, model)
                        fresh[relative] = [*key, model.kind, entry.model_dump(mode="json",
                                                                             by_alias=True)]
                except EntryFileError as problem:
                    loaded.problems.append(problem)
                    continue
                except ValueError:  # a damaged cache record: read the file itself
                    try:
                        entry = load_file(root, root / relative, model)
                    except EntryFileError as problem:
                        loaded.problems.append(problem)
                        continue
                loaded.entries.append(entry)
    finally:
        if gc_was_enabled:
            gc.enable()
    kinds = {model.kind for model in models}
    if use_cache and fresh != {k: v for k, v in old.items() if v[3] in kinds}:
        kept = {k: v for k, v in old.items() if v[3] not in kinds}
        _write_cache(root, {**kept, **fresh})
    return loaded


def _stamp() -> str:
    return f"{CACHE_FORMAT}:{__version__}"


def _read_cache(root: Path) -> dict[str, list[Any]]:
    try:
        document = json.loads(cache_path(root).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("stamp") != _stamp():
        return {}
    files = document.get("files")
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(v, list) and len(v) == 5}


def _write_cache(root: Path, files: dict[str, list[Any]]) -> None:
    path = cache_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"stamp": _stamp(), "root": str(root.resolve()), "files": files},
                          separators=(",", ":"), ensure_ascii=False)
        store.replace_file(path, text)
    except OSError:
        pass  # a cache that cannot be written only costs speed
