"""The journal as a whole: discovery, configuration, loading entries, adding and saving them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mentorlog import FORMAT_VERSION, messages, store
from mentorlog.errors import EntryFileError, MentorlogError

if TYPE_CHECKING:
    from mentorlog.model import (
        Entry,
        Feedback,
        Goal,
        JournalConfig,
        Question,
        Reflection,
        Session,
    )

E = TypeVar("E", bound="Entry")

GITIGNORE_LINES = ("private/", ".tmp-*")


# --- discovery -------------------------------------------------------------------------------

def data_home() -> Path:
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    return Path(base) / "mentorlog"


def default_journal_path() -> Path:
    return data_home() / "journal"


def find_journal(explicit: str | None, cwd: Path | None = None) -> Path:
    """--journal, else MENTORLOG_JOURNAL, else the nearest mentorlog.toml upward, else default."""
    for given, source in ((explicit, "--journal"), (os.environ.get("MENTORLOG_JOURNAL"), None)):
        if given:
            root = Path(given).expanduser()
            if not (root / store.CONFIG_NAME).is_file():
                origin = source or "MENTORLOG_JOURNAL"
                raise MentorlogError(messages.NOT_A_JOURNAL.format(path=root, origin=origin),
                                     hint=messages.HOW_TO_INIT.format(path=root))
            return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / store.CONFIG_NAME).is_file():
            return folder
    default = default_journal_path()
    if (default / store.CONFIG_NAME).is_file():
        return default
    raise MentorlogError(messages.NO_JOURNAL, hint=messages.HOW_TO_INIT_ANY)


# --- the journal -----------------------------------------------------------------------------

@dataclass
class Entries:
    """Every entry that loaded, and every file that did not."""

    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    problems: list[EntryFileError] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Any]:
        lists: dict[str, list[Any]] = {
            "goal": self.goals, "session": self.sessions, "reflection": self.reflections,
            "feedback": self.feedback, "question": self.questions,
        }
        return lists[kind]

    def all(self) -> list[Entry]:
        return [*self.goals, *self.sessions, *self.reflections, *self.feedback, *self.questions]


class Journal:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.config_path = root / store.CONFIG_NAME
        self.config = read_config(self.config_path)

    # -- reading --

    def load(self, kinds: Iterable[str] | None = None, use_cache: bool = True) -> Entries:
        """Load entries of the given kinds (all by default), skipping files that do not load."""
        from mentorlog import cache
        from mentorlog.model import ENTRY_KINDS

        wanted = list(kinds) if kinds is not None else list(ENTRY_KINDS)
        entries = Entries()
        loaded = cache.load(self.root, [ENTRY_KINDS[k] for k in wanted], use_cache=use_cache)
        for entry in loaded.entries:
            entries.of_kind(entry.kind).append(entry)
        entries.problems = loaded.problems
        for kind in wanted:
            entries.of_kind(kind).sort(key=lambda e: (e.day, e.created, e.id))
        return entries

    def read_entry(self, entry: E) -> E:
        """The entry as its file holds it now, to change and save (never from the cache)."""
        from mentorlog.cache import load_file

        fresh = load_file(self.root, self.root / entry.path, type(entry))
        return fresh  # type: ignore[return-value]

    # -- writing --

    def add(self, entry: Entry) -> Path:
        """Write a new entry; never replaces an existing file. Returns the path written."""
        relative = store.relative_entry_path(entry)
        path = self.root / relative
        self._check_inside(path)
        store.create_file(path, store.dumps(store.to_document(entry)))
        entry._path = relative.as_posix()
        return path

    def save(self, entry: Entry) -> Path:
        """Rewrite an existing entry in place (same file), atomically."""
        path = self.root / entry.path
        self._check_inside(path)
        store.replace_file(path, store.dumps(store.to_document(entry)))
        return path

    def save_config(self) -> Path:
        store.replace_file(self.config_path, store.dumps(store.to_document(self.config)))
        return self.config_path

    def _check_inside(self, path: Path) -> None:
        root = self.root.resolve()
        if root not in path.resolve().parents:
            raise MentorlogError(messages.OUTSIDE_JOURNAL.format(path=path))

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # -- mentors --

    def default_mentor(self) -> str | None:
        config = self.config
        if config.default_mentor:
            return config.default_mentor
        active = [m for m in config.mentors if m.ended is None]
        return active[0].name if len(active) == 1 else None


def read_config(path: Path) -> JournalConfig:
    from pydantic import ValidationError

    from mentorlog.model import JournalConfig, validation_problems

    text, raw = store.read_toml(path)
    try:
        config = JournalConfig.model_validate(raw)
    except ValidationError as error:
        field_name, problem = validation_problems(error)[0]
        raise EntryFileError(path, problem, line=store.line_of_field(text, field_name),
                             field=field_name) from None
    if config.format > FORMAT_VERSION:
        raise EntryFileError(path, messages.NEWER_FORMAT.format(found=config.format,
                                                                known=FORMAT_VERSION),
                             line=store.line_of_field(text, "format"), field="format")
    return config


def init_journal(root: Path, owner: str, mentor: str | None, cadence: int,
                 started: Any) -> Path:
    """Create a journal folder. Refuses when one is already there; never overwrites a file."""
    from mentorlog.model import ENTRY_KINDS, JournalConfig, Mentor

    config_path = root / store.CONFIG_NAME
    if config_path.exists():
        raise MentorlogError(messages.ALREADY_A_JOURNAL.format(path=root))
    if root.exists() and not root.is_dir():
        raise MentorlogError(messages.NOT_A_FOLDER.format(path=root))
    mentors = [Mentor(name=mentor, started=started, cadence=cadence)] if mentor else []
    config = JournalConfig(format=FORMAT_VERSION, owner=owner, mentors=mentors)
    root.mkdir(parents=True, exist_ok=True)
    store.create_file(config_path, store.dumps(store.to_document(config)))
    for model in ENTRY_KINDS.values():
        (root / model.folder).mkdir(exist_ok=True)
        keep = root / model.folder / ".gitkeep"
        if not keep.exists():
            keep.touch()
    gitignore = root / ".gitignore"
    present = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.exists() else []
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if missing:
        lines = [*present, *missing]
        store.replace_file(gitignore, "\n".join(lines) + "\n")
    return config_path
