"""Reading entry and change files: parsed, validated and placed, with errors that name the
file, line and field; and a read of every file of some kinds, which needs no index.

The index (index/) reads the files that changed through here; a journal read without it
(MENTORLOG_NO_CACHE=1, a Python without sqlite3, a cache folder that cannot be used) reads
every file through `read_all`, and shows the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog import store
from mentorlog.errors import EntryFileError
from mentorlog.model import KIND_BY_FOLDER, Change, Entry, JournalConfig, validation_problems


@dataclass
class Loaded:
    """The files of some kinds as read, before any change is applied."""

    entries: list[Entry] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[EntryFileError] = field(default_factory=list)


class ManyProblems(EntryFileError):
    """Every problem of one file (the first is the error's own)."""

    def __init__(self, problems: list[EntryFileError]) -> None:
        first = problems[0]
        super().__init__(first.path, first.problem, first.line, first.field)
        self.all = problems


def problems_of(error: EntryFileError) -> list[EntryFileError]:
    return list(getattr(error, "all", [error]))


def validate(model: type[Any], raw: dict[str, Any], path: Path, text: str) -> Any:
    """Validate one file's data, raising EntryFileError naming the field and its line."""
    from pydantic_core import ValidationError

    try:
        return model.validate(raw)
    except ValidationError as error:
        problems = [
            EntryFileError(path, message, line=store.line_of_field(text, location), field=location)
            for location, message in validation_problems(error)
        ]
    raise ManyProblems(problems) if len(problems) > 1 else problems[0]


def change_folder(folder: str) -> str:
    return f"{store.CHANGES_DIR}/{folder}"


def place(item: Entry | Change, relative: str) -> None:
    """Where the item was read from; anything under private/ is private."""
    item._path = relative
    if relative.startswith(store.PRIVATE_DIR + "/"):
        if isinstance(item, Change):
            item._private = True
        else:
            item.private = True


def load_file(root: Path, path: Path, model: type[Entry]) -> Entry:
    text, raw = store.read_toml(path)
    entry: Entry = validate(model, raw, path, text)
    place(entry, path.relative_to(root).as_posix())
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
        raise ManyProblems(problems) if len(problems) > 1 else problems[0]
    place(change, path.relative_to(root).as_posix())
    return change


def load_bytes(root: Path, relative: str, folder: str, data: bytes) -> Entry | Change:
    """What the file at `relative` holds, from its bytes: an entry of the kind `folder` names,
    or (a folder under changes/) a change. Quick where the file is fine; where it is not, read
    as load_file and load_change read it, for errors that name its line and field."""
    change = folder.startswith(store.CHANGES_DIR + "/")
    kind = folder.partition("/")[2] if change else folder
    item: Entry | Change
    try:
        text = data.decode("utf-8")
        raw = None if store.has_conflict_markers(text) else store.quick_loads(text)
        if raw is None:
            raise ValueError
        item = Change.validate(raw) if change else KIND_BY_FOLDER[folder].validate(raw)
        if isinstance(item, Change) and item.problems(kind):
            raise ValueError
    # pydantic-core's ValidationError and UnicodeDecodeError are ValueErrors (no import of
    # pydantic-core for each file).
    except (ValueError, RecursionError, KeyError):
        path = root / relative
        return (
            load_change(root, path, kind)
            if change
            else load_file(root, path, KIND_BY_FOLDER[folder])
        )
    place(item, relative)
    return item


def checked_load(
    root: Path, path: Path, model: type[Entry] | type[Change], folder: str = ""
) -> tuple[Entry | Change | None, list[EntryFileError]]:
    """The entry or change, or every problem of its file (for `check`)."""
    try:
        if issubclass(model, Change):
            return load_change(root, path, folder), []
        return load_file(root, path, model), []
    except EntryFileError as problem:
        return None, problems_of(problem)


def read_all(root: Path, models: list[type[Entry]], include_private: bool = True) -> Loaded:
    """Every entry of the given kinds and every change to them, read from their files; files
    that do not load are listed in `problems`, never dropped silently."""
    loaded = Loaded()
    for model in models:
        folder = model.folder
        for relative, _ in store.walk_entry_files(root, folder, include_private):
            try:
                loaded.entries.append(load_file(root, root / relative, model))
            except EntryFileError as problem:
                loaded.problems += problems_of(problem)
        for relative, _ in store.walk_entry_files(root, change_folder(folder), include_private):
            try:
                loaded.changes.append(load_change(root, root / relative, folder))
            except EntryFileError as problem:
                loaded.problems += problems_of(problem)
    return loaded


def read_config(path: Path) -> JournalConfig:
    """mentorlog.toml, checked; EntryFileError naming the line of what is wrong (a format
    newer than this mentorlog knows among it)."""
    from pydantic_core import ValidationError

    from mentorlog import FORMAT_VERSION, messages

    text, raw = store.read_toml(path)
    try:
        config = JournalConfig.validate(raw)
    except ValidationError as error:
        field_name, problem = validation_problems(error)[0]
        raise EntryFileError(
            path, problem, line=store.line_of_field(text, field_name), field=field_name
        ) from None
    if config.format > FORMAT_VERSION:
        raise EntryFileError(
            path,
            messages.NEWER_FORMAT.format(found=config.format, known=FORMAT_VERSION),
            line=store.line_of_field(text, "format"),
            field="format",
        )
    return config
