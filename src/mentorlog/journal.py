"""The journal as a whole: discovery, configuration, loading entries, adding and saving them."""

from __future__ import annotations

import operator
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mentorlog import FORMAT_VERSION, git, kinds, messages, store, writes
from mentorlog.errors import EntryFileError, MentorlogError

if TYPE_CHECKING:
    from mentorlog.cache import Loaded
    from mentorlog.entry_index import EntryIndex
    from mentorlog.fold import Orphan
    from mentorlog.goal_index import GoalIndex
    from mentorlog.model import (
        Entry,
        Feedback,
        Goal,
        JournalConfig,
        Question,
        Reflection,
        Review,
        Session,
        Win,
    )
    from mentorlog.question_index import QuestionIndex
    from mentorlog.session_index import SessionIndex
    from mentorlog.watching import Look

E = TypeVar("E", bound="Entry")
Index = TypeVar("Index", bound="EntryIndex[Any]")

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
    if explicit is not None and not explicit.strip():
        from mentorlog.errors import InputError

        raise InputError(messages.EMPTY_JOURNAL_OPTION)
    for given, source in ((explicit, "--journal"), (os.environ.get("MENTORLOG_JOURNAL"), None)):
        if given:
            root = Path(given).expanduser()
            if not (root / store.CONFIG_NAME).is_file():
                origin = source or "MENTORLOG_JOURNAL"
                raise MentorlogError(
                    messages.NOT_A_JOURNAL.format(path=root, origin=origin),
                    hint=messages.HOW_TO_INIT.format(path=root),
                )
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
class Duplicate:
    """An entry recorded twice (most often on two machines before a sync): reports show `kept`."""

    kept: Entry
    others: list[Entry]


@dataclass
class Entries:
    """Every entry as the journal says it is now (its file, then its changes), and every file
    that did not load.

    A kind read as a count (Journal.load's `counted`) holds only its latest entries in its
    list; its summary in `summaries` has the rest: `count`, `authors` and `linking` read it."""

    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    problems: list[EntryFileError] = field(default_factory=list)
    # Left out of the lists above: second copies of an entry, and deleted goals.
    duplicates: list[Duplicate] = field(default_factory=list)
    deleted: list[Goal] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    # The summaries of kinds read as a count.
    summaries: dict[str, Summary] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Any]:
        lists: dict[str, list[Any]] = {
            "goal": self.goals,
            "session": self.sessions,
            "reflection": self.reflections,
            "feedback": self.feedback,
            "question": self.questions,
            "review": self.reviews,
            "win": self.wins,
        }
        return lists[kind]

    def all(self) -> list[Entry]:
        return [
            *self.goals,
            *self.sessions,
            *self.reflections,
            *self.feedback,
            *self.questions,
            *self.reviews,
            *self.wins,
        ]

    def named(self, kind: str) -> list[Any]:
        """What a handle may name: the entries shown, and the second copies reports hide."""
        hidden = [e for d in self.duplicates for e in d.others if e.kind == kind]
        return [*self.of_kind(kind), *hidden]

    def count(self, kind: str) -> int:
        """How many entries of the kind there are."""
        summary = self.summaries.get(kind)
        return summary.count if summary is not None else len(self.of_kind(kind))

    def authors(self) -> set[str]:
        """Everyone who wrote something here (from `author` fields)."""
        authors = set(map(_AUTHOR, self.all())).union(
            *(summary.authors for summary in self.summaries.values())
        )
        authors.discard("")
        return authors

    def linking(self, kind: str, names: set[str]) -> list[Any]:
        """The entries of the kind that link to any of these names (a goal's, see
        rules.names_of), in order."""
        summary = self.summaries.get(kind)
        if summary is not None:
            return summary.linking(names)
        return [entry for entry in self.of_kind(kind) if entry.mentions(names)]


# A kind read as a count keeps this many of its latest entries (and any tied with the first of
# them): what the dashboard's recent activity can show of it.
LATEST_KEPT = 20


@dataclass
class SummaryPart:
    """What a summary keeps of one cache file's entries (a kind's year, see cache._shard):
    made from the entries as their files say, so a `git pull` that brings a month of
    reflections makes that year's part again, not every year's."""

    count: int
    authors: set[str]
    duplicates: list[Duplicate]
    first_day: Any  # the earliest entry's day, None without entries
    last_day: Any
    # Pickled, read only when wanted: the last LATEST_KEPT entries in order (and any tied with
    # the first of them).
    latest: bytes

    @classmethod
    def of(cls, kind: str, items: list[Entry]) -> tuple[SummaryPart, dict[str, bytes]]:
        """The part of these entries (one cache file's), as Journal.load would find them, and
        their links: by each goal reference they make, the entries making it, pickled (kept
        apart: only `goal show` reads them)."""
        import pickle

        entries = Entries()
        listed = entries.of_kind(kind)
        listed += sorted(items, key=_ORDER[kind])
        _set_aside_duplicates(entries, kind)
        linking: dict[str, list[Entry]] = {}
        for entry in listed:
            for name in set(entry.goal_refs()):
                linking.setdefault(name, []).append(entry)
        part = cls(
            count=len(listed),
            authors=set(map(_AUTHOR, listed)),
            duplicates=entries.duplicates,
            first_day=listed[0].day if listed else None,
            last_day=listed[-1].day if listed else None,
            latest=pickle.dumps(
                latest_entries(listed, kind, LATEST_KEPT), protocol=pickle.HIGHEST_PROTOCOL
            ),
        )
        links = {
            name: pickle.dumps(linked, protocol=pickle.HIGHEST_PROTOCOL)
            for name, linked in linking.items()
        }
        return part, links


class Summary:
    """What is kept of a kind read as a count (see cache.load): the dashboard shows how many
    entries there are, the latest few, who wrote them and which were recorded twice, and
    `goal show` those linked to its goal; reading only that is a fraction of reading them all.
    Made of one part per cache file, in order of their days (see `merged`), and their links
    when they were read."""

    def __init__(
        self, kind: str, parts: list[SummaryPart], links: list[dict[str, bytes]] | None
    ) -> None:
        self.kind = kind
        self.parts = parts
        self.links = links
        self.count = sum(part.count for part in parts)
        self.authors: set[str] = set().union(*(part.authors for part in parts))
        self.duplicates = [twice for part in parts for twice in part.duplicates]

    @classmethod
    def merged(
        cls, kind: str, parts: dict[str, SummaryPart], links: dict[str, dict[str, bytes]] | None
    ) -> Summary | None:
        """The summary of these parts (by cache file); None when their days overlap (a date
        edited by hand into another year), as an entry recorded twice could then sit in two."""
        import itertools

        shards = sorted(
            (shard for shard, part in parts.items() if part.count),
            key=lambda shard: parts[shard].first_day,
        )
        for before, after in itertools.pairwise(parts[shard] for shard in shards):
            if after.first_day <= before.last_day:
                return None
        return cls(
            kind,
            [parts[shard] for shard in shards],
            None if links is None else [links.get(shard, {}) for shard in shards],
        )

    def latest(self) -> list[Entry]:
        """The last LATEST_KEPT entries in order (and any tied with the first of them), from
        the latest parts only: each holds every entry of its own that can be among them."""
        import pickle

        found: list[Entry] = []
        for part in reversed(self.parts):
            found[:0] = pickle.loads(part.latest)
            if len(found) >= LATEST_KEPT:
                break
        return latest_entries(found, self.kind, LATEST_KEPT)

    def linking(self, names: set[str]) -> list[Entry]:
        """The entries that link to any of these names, in order (see Entries.linking)."""
        import pickle

        if self.links is None:
            raise RuntimeError("a summary read without its links")  # see Journal.load
        found: dict[str, Entry] = {}
        for links in self.links:
            for name in names & links.keys():
                for entry in pickle.loads(links[name]):
                    found.setdefault(entry.path, entry)  # one linked by two of the names
        return sorted(found.values(), key=_ORDER[self.kind])


def latest_entries(listed: list[E], kind: str, count: int) -> list[E]:
    """The last `count` of these entries of a kind, in order (as Journal.load sorts them), and
    any before them tied with the first of those."""
    order: Callable[[Any], tuple[Any, ...]] = _ORDER.get(kind, by_day)
    start = max(len(listed) - count, 0)
    while start > 0 and order(listed[start - 1]) == order(listed[start]):
        start -= 1
    return listed[start:]


class Journal:
    def __init__(self, root: Path) -> None:

        self.root = root
        self.config_path = root / store.CONFIG_NAME
        from mentorlog import validation

        validation.keep_schemas_for(root)
        self.config = self._read_config()
        self._repo: git.Repo | bool | None = False  # False: not looked up yet
        # Warnings a writing command leaves for the person (a commit that failed…).
        self.notices: list[str] = []
        # The indexes this process read or made (see goals, sessions, questions), by folder, kept
        # true by its writes, and the walks of their files a writing command started for them.
        self._indexes: dict[str, EntryIndex[Any]] = {}
        self._walks: dict[str, Look] = {}
        self._fold_mentors()

    # -- reading --

    def _read_config(self) -> JournalConfig:
        from mentorlog import cache
        from mentorlog.model import JournalConfig

        try:
            return cache.load_config(self.root, JournalConfig, read_config)
        except EntryFileError as error:
            if error.problem.startswith(store.CONFLICT_PROBLEM):
                raise ConflictError([store.CONFIG_NAME]) from None
            raise

    def _fold_mentors(self) -> None:
        """Relationships: those in mentorlog.toml, then every change to them (changes/mentors)."""
        from mentorlog import cache
        from mentorlog.fold import fold_mentors

        changes, self.mentor_problems = cache.load_changes(self.root, store.MENTORS_FOLDER)
        self.config.mentors, self.mentor_orphans = fold_mentors(self.config.mentors, changes)

    def load(
        self,
        kinds: Iterable[str] | None = None,
        use_cache: bool = True,
        include_private: bool = True,
        packed: bool = False,
        counted: Iterable[str] = (),
        linked: bool = False,
    ) -> Entries:
        """Entries of the given kinds (all by default) as they are now, skipping files that do
        not load. Without private entries it is what a clone without private/ shows. `packed`
        is for dashboards (see cache.load): the entries are the same, read faster when few of
        their fields are. The `counted` kinds are read as a count where the cache can (see
        Entries): for the dashboard, which shows only how many, the latest and who wrote
        them; with `linked`, also which link to each goal (Entries.linking)."""
        from mentorlog import cache
        from mentorlog.model import ENTRY_KINDS

        wanted = list(kinds) if kinds is not None else list(ENTRY_KINDS)
        with cache.collector_paused():
            loaded = self.read(wanted, use_cache, include_private, packed, counted, linked)
            return self.settle(loaded, wanted)

    def read(
        self,
        wanted: list[str],
        use_cache: bool = True,
        include_private: bool = True,
        packed: bool = False,
        counted: Iterable[str] = (),
        linked: bool = False,
    ) -> Loaded:
        """The files of the given kinds as read, before any change is applied (see load)."""
        from mentorlog import cache
        from mentorlog.model import ENTRY_KINDS

        use_cache = use_cache and cache.enabled()
        if use_cache:
            self.check_cache_place()
        return cache.load(
            self.root,
            [ENTRY_KINDS[k] for k in wanted],
            use_cache=use_cache,
            include_private=include_private,
            packed=packed,
            counted=set(counted) if include_private else set(),
            linked=linked,
        )

    def settle(self, loaded: Loaded, wanted: list[str]) -> Entries:
        """What the files read say now: every change applied, each kind in its order, copies
        set aside (see load). Changes the entries read in place."""
        from mentorlog.fold import fold

        entries = Entries(problems=[*self.mentor_problems, *loaded.problems])
        _raise_on_conflict(self.root, entries.problems)
        entries.orphans = fold(loaded.entries, loaded.changes)
        lists = {kind: entries.of_kind(kind) for kind in wanted}
        for entry in loaded.entries:
            # Only goals can be deleted (asking others would cost an AttributeError each).
            if entry.kind == "goal" and cast("Goal", entry).deleted:
                entries.deleted.append(entry)  # type: ignore[arg-type]
            else:
                lists[entry.kind].append(entry)
        for kind in wanted:
            # `created` is always in UTC (see model._as_utc), so instants compare as such.
            lists[kind].sort(key=_ORDER.get(kind, by_day))
            summary = loaded.summaries.get(kind)
            if summary is None:
                _set_aside_duplicates(entries, kind)
            else:  # its list holds the summary's latest entries
                entries.duplicates += summary.duplicates
                entries.summaries[kind] = summary
        return entries

    def goals(self) -> GoalIndex:
        """Every goal's handle, for a write that names one goal (or a new slug): from the goal
        index while it describes the goal files as they are, else made from every goal."""
        from mentorlog.goal_index import GoalIndex

        return self._index(GoalIndex)

    def sessions(self) -> SessionIndex:
        """Every session's day and action items, for a write that names a session or an item,
        or adds to the latest session: from the session index while it describes the session
        files as they are, else made from every session."""
        from mentorlog.session_index import SessionIndex

        return self._index(SessionIndex)

    def questions(self) -> QuestionIndex:
        """Every question's day and words, for a write that names a question (`session add
        --discussed`): from the question index while it describes the question files as they
        are, else made from every question."""
        from mentorlog.question_index import QuestionIndex

        return self._index(QuestionIndex)

    def _index(self, kind: type[Index]) -> Index:
        from mentorlog import cache

        ahead = self._walks.pop(kind.KIND, None)
        try:
            found = kind.read(self, ahead) if cache.usable(self.root) else None
        finally:
            if ahead is not None:
                ahead.close()
        # A read of every entry after the watcher answered is true at its token.
        watch = ahead.seen.now if ahead is not None and ahead.seen is not None else None
        index = found or kind.build(self, watch)
        self._indexes[kind.folders()[0]] = index
        return index

    def written(self, folder: str, relative: str) -> None:
        """A file this process has just written (an entry, or a change to one of `folder`)."""
        index = self._indexes.get(folder)
        if index is not None:
            index.record(relative)
        elif folder in ("sessions", "questions"):
            from mentorlog.question_index import QuestionIndex
            from mentorlog.session_index import SessionIndex

            # A new session or question (`session add`, `ask`): into the index's delta alone,
            # without reading the index (see EntryIndex.record_unread).
            kind = SessionIndex if folder == "sessions" else QuestionIndex
            kind.record_unread(self, relative)

    def check_cache_place(self) -> None:
        from mentorlog.cache import cache_dir

        path = cache_dir()
        if not writes.outside(path, self.root):
            raise MentorlogError(messages.CACHE_INSIDE.format(path=path, root=self.root))

    # -- guards --

    def guard(self) -> None:
        """Refuse a journal that could leak private text or that git left half-merged."""
        private = self.root / store.PRIVATE_DIR
        if private.is_symlink():
            raise MentorlogError(messages.PRIVATE_SYMLINK.format(path=private))
        repo = self.repo
        if repo is not None and git.operation_in_progress(repo):
            conflicted = git.unmerged_paths(repo, self.root)
            if conflicted:
                raise ConflictError(conflicted)

    def require_current_format(self) -> None:
        if self.config.format < FORMAT_VERSION:
            raise MentorlogError(
                messages.NEEDS_UPGRADE.format(found=self.config.format, known=FORMAT_VERSION)
            )

    # -- git --

    @property
    def repo(self) -> git.Repo | None:
        if self._repo is False:
            self._repo = git.find_repo(self.root)
        return self._repo  # type: ignore[return-value]

    def commit_repo(self) -> git.Repo | None:
        """The repository to commit changes to, or None (see README, "Git built in").

        By default mentorlog commits when the journal is the top of its own git work tree; a
        journal inside a larger repository commits only with `autocommit = true`.
        """
        setting = self.config.git.autocommit if self.config.git else None
        repo = self.repo
        if setting is False or repo is None:
            return None
        if setting is None and os.path.realpath(repo.top) != os.path.realpath(self.root):
            return None
        return repo

    # -- writing --

    @contextmanager
    def writing(
        self,
        command: str,
        upgrading: bool = False,
        goals: bool = False,
        sessions: bool = False,
        questions: bool = False,
    ) -> Iterator[writes.Writer]:
        """One writing command, all or nothing: see writes.py. With `goals`, `sessions` or
        `questions`, a command that looks such an entry up (see goals, sessions, questions)."""
        if not upgrading:
            self.require_current_format()
        with writes.journal_lock(self.root):
            from mentorlog import cache

            if (goals or sessions or questions) and cache.usable(self.root):
                from mentorlog.goal_index import GoalIndex
                from mentorlog.question_index import QuestionIndex
                from mentorlog.session_index import SessionIndex

                kinds: tuple[tuple[bool, type[EntryIndex[Any]]], ...] = (
                    (goals, GoalIndex),
                    (sessions, SessionIndex),
                    (questions, QuestionIndex),
                )
                for wanted, kind in kinds:
                    ahead = kind.walk_soon(self.root) if wanted else None
                    if ahead is not None:
                        self._walks[kind.KIND] = ahead
                if self._walks:
                    # Every write validates what it writes: its validation is made ready now,
                    # while the child walks (the configuration, read from the cache, needs
                    # none).
                    from mentorlog import validation

                    validation.prepare()
            try:
                # Read the relationships again: another process may have changed them (through
                # the cache, which reads the file again when its stat says it changed).
                self.config = self._read_config()
                self._fold_mentors()
                writer = writes.Writer(self, command)
                try:
                    yield writer
                except BaseException:
                    writer.rollback()
                    raise
                self.notices.extend(writer.finish())
            finally:
                for ahead in self._walks.values():
                    ahead.close()
                self._walks.clear()

    def safe_path(self, relative: Path) -> Path:
        """Where to write `relative`: refused when any folder on the way is a symbolic link,
        which could put the file (private text among them) outside the journal or where git
        shares it."""
        path = self.root / relative
        expected = os.path.join(os.path.realpath(self.root), *relative.parent.parts)
        if os.path.realpath(path.parent) != expected:
            parts = Path()
            for part in relative.parent.parts:
                parts = parts / part
                if (self.root / parts).is_symlink():
                    raise MentorlogError(
                        messages.SYMLINK_IN_PATH.format(
                            path=relative.as_posix(), link=parts.as_posix()
                        )
                    )
            raise MentorlogError(messages.OUTSIDE_JOURNAL.format(path=path))
        return path

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # -- mentors --

    def default_mentor(self) -> str | None:
        """The mentor of a session when none is named: `default_mentor` while its relationship
        runs, else the only running one."""
        config = self.config
        active = [m for m in config.mentors if m.ended is None]
        if config.default_mentor:
            chosen = config.mentor(config.default_mentor)
            if chosen is None or chosen.ended is None:
                return chosen.name if chosen else config.default_mentor
        return active[0].name if len(active) == 1 else None


class ConflictError(MentorlogError):
    """Git left files with unresolved conflicts in the journal."""

    def __init__(self, paths: list[str]) -> None:
        first = paths[0]
        more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
        super().__init__(
            messages.CONFLICT.format(path=first, more=more),
            hint=messages.CONFLICT_HINT.format(path=first),
        )
        self.paths = paths


def _raise_on_conflict(root: Path, problems: list[EntryFileError]) -> None:
    """A file with git's conflict markers is a merge to finish, not a broken entry."""
    conflicted = [p for p in problems if p.problem.startswith(store.CONFLICT_PROBLEM)]
    if conflicted:
        raise ConflictError([_relative(root, p.path) for p in conflicted])


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def duplicate_key(entry: Entry) -> tuple[Any, ...]:
    """What makes two entries the same one recorded twice: everything a person wrote, not the
    id, the time it was saved or who saved it. Goals: the same slug and title."""
    # By kind name, not isinstance: this module imports no models at start-up, and an import
    # in here would run once per entry.
    kind = entry.kind
    if kind == "review":
        review = cast("Review", entry)
        return (
            review.date,
            review.mentor.casefold(),
            tuple((a.prompt, a.answer.strip()) for a in review.answers),
        )
    if kind == "win":
        win = cast("Win", entry)
        return (win.date, win.text.strip().casefold())
    if kind == "goal":
        goal = cast("Goal", entry)
        return (goal.slug, goal.title.strip().casefold())
    if kind == "session":
        session = cast("Session", entry)
        return (
            session.date,
            session.mentor.casefold(),
            session.title,
            tuple(session.topics),
            tuple(a.text for a in session.actions),
            *session.packed_identity(),
        )
    if kind == "reflection":
        reflection = cast("Reflection", entry)
        return (reflection.date, *reflection.packed_identity())
    if kind == "feedback":
        feedback = cast("Feedback", entry)
        return (
            feedback.date,
            feedback.direction,
            feedback.from_,
            feedback.to,
            feedback.situation,
            feedback.behaviour,
            feedback.impact,
            feedback.text.strip(),
            tuple(feedback.strengths),
            tuple(feedback.improvements),
        )
    if kind == "question":
        question = cast("Question", entry)
        return (question.date, question.text.strip().casefold())
    return (entry.id,)


def by_day(entry: Entry) -> tuple[Any, ...]:
    """The order of entries everywhere: by day, then creation instant, then id."""
    return (entry.day, entry.created, entry.id)


# Entries of a dated kind sort by their `date` (their day), the same order as by_day read in C:
# a tenth of a second less at 100,000 entries than through `day`.
_ORDER: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    kind: operator.attrgetter("date", "created", "id")
    for kind in kinds.ENTRY_KINDS
    if kind != "goal"
}


# Part of duplicate_key, read in C: fields it compares as they are (equal keys have equal
# first keys). A day alone would leave every entry of a busy day to be compared in full.
_FIRST_KEY: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    **{kind: operator.attrgetter("private", "date") for kind in kinds.ENTRY_KINDS},
    "goal": operator.attrgetter("private", "slug"),
    "session": operator.attrgetter("private", "date", "title"),
    "feedback": operator.attrgetter("private", "date", "situation", "behaviour", "impact"),
}

_AUTHOR = operator.attrgetter("author")


def _set_aside_duplicates(entries: Entries, kind: str) -> None:
    items = entries.of_kind(kind)
    # Two copies share their first key part (a day, a goal's slug): the whole key, every word
    # written, is built only for entries that share it with another.
    first = list(map(_FIRST_KEY[kind], items))
    counts = Counter(first)
    if len(counts) == len(first):
        return
    alike = [entry for entry, key in zip(items, first, strict=True) if counts[key] > 1]
    if alike and alike[0]._packed_fields:
        # Text the cache packs is compared by its digest first: unpacking every entry of a
        # busy day to compare them cost half a second at 100,000 entries.
        second = [(_FIRST_KEY[kind](entry), entry.packed_digest()) for entry in alike]
        twice = Counter(second)
        alike = [entry for entry, key in zip(alike, second, strict=True) if twice[key] > 1]
    groups: dict[tuple[Any, ...], list[Entry]] = {}
    for entry in alike:
        groups.setdefault((entry.private, *duplicate_key(entry)), []).append(entry)
    repeated = [group for group in groups.values() if len(group) > 1]
    if not repeated:
        return
    hidden = {id(e) for group in repeated for e in group[1:]}
    items[:] = [e for e in items if id(e) not in hidden]
    entries.duplicates += [Duplicate(group[0], group[1:]) for group in repeated]


def read_config(path: Path) -> JournalConfig:
    from pydantic_core import ValidationError

    from mentorlog.model import JournalConfig, validation_problems

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


def init_journal(
    root: Path,
    owner: str,
    mentor: str | None,
    cadence: int,
    started: Any,
    expectations: str = "",
    boundaries: str = "",
) -> Path:
    """Create a journal folder. Refuses when one is already there; never overwrites a file."""
    from mentorlog.model import ENTRY_KINDS, JournalConfig, Mentor

    config_path = root / store.CONFIG_NAME
    if config_path.exists():
        raise MentorlogError(messages.ALREADY_A_JOURNAL.format(path=root))
    if root.exists() and not root.is_dir():
        raise MentorlogError(messages.NOT_A_FOLDER.format(path=root))
    mentors = (
        [
            Mentor(
                name=mentor,
                started=started,
                cadence=cadence,
                expectations=expectations,
                boundaries=boundaries,
            )
        ]
        if mentor
        else []
    )
    config = JournalConfig(format=FORMAT_VERSION, owner=owner, mentors=mentors)
    root.mkdir(parents=True, exist_ok=True)
    store.create_file(config_path, store.dumps(store.to_document(config)))
    for model in ENTRY_KINDS.values():
        (root / model.folder).mkdir(exist_ok=True)
        keep = root / model.folder / ".gitkeep"
        if not keep.exists():
            keep.touch()
    text = store.gitignore_adding(root, GITIGNORE_LINES)
    if text is not None:
        store.replace_file(root / ".gitignore", text)
    return config_path
