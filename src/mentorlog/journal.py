"""The journal as a whole: discovery, configuration, loading entries, adding and saving them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mentorlog import FORMAT_VERSION, finders, git, messages, store
from mentorlog.entries import Entries, order_of, set_aside_duplicates
from mentorlog.errors import EntryFileError, MentorlogError, UnnamableFile

if TYPE_CHECKING:
    from mentorlog.finders import Source
    from mentorlog.index import Index
    from mentorlog.model import Change, Goal, JournalConfig, Session
    from mentorlog.reading import Loaded
    from mentorlog.writes import Writer

T = TypeVar("T")

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
            try:
                root = Path(given).expanduser()
            except RuntimeError:  # ~name of no user: the folder named so, as a shell leaves it
                root = Path(given)
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


class Journal:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.config_path = root / store.CONFIG_NAME
        self._repo: git.Repo | bool | None = False  # False: not looked up yet
        # Warnings a command leaves for the person (a commit that failed…).
        self.notices: list[str] = []
        # The index, once opened (None: the files are read without it; False: not yet).
        self._index: Index | bool | None = False
        self.config = self._read_config()
        self._fold_mentors()

    # -- the index --

    def index(self) -> Index | None:
        """The journal's index, opened on first use; None when the files are read without
        it (MENTORLOG_NO_CACHE=1, no sqlite3, a cache folder that is not safe: said once)."""
        if self._index is False:
            self._index = None
            from mentorlog.index import db

            if db.enabled():
                if db.inside(db.cache_folder(), self.root):
                    raise MentorlogError(
                        messages.CACHE_INSIDE.format(path=db.cache_folder(), root=self.root)
                    )
                self._index = self._open_index()
        return self._index  # type: ignore[return-value]

    def _open_index(self) -> Index | None:
        from mentorlog.index import Index, Unusable

        try:
            return Index.open(self.root)
        except Unusable as why:
            self.notices.append(
                messages.INDEX_UNUSABLE.format(path=_index_folder(), reason=str(why))
            )
            return None

    def _indexed(
        self,
        action: Callable[[Index], T],
        folders: Iterable[str],
        trust: bool,
        journal_files: bool = False,
    ) -> T | None:
        """`action` on the index brought up to these folders' files; None without an index.
        A database found damaged on the way (or a disk that fills) is made again once, then
        given up for the run: the files are read instead."""
        from mentorlog.index import errors

        for attempt in (1, 2):
            index = self.index()
            if index is None:
                return None
            try:
                index.refresh(folders, trust, journal_files)
                return action(index)
            except UnnamableFile as odd:  # the index cannot hold it: read every file
                index.close()
                self._index = None
                self.notices.append(messages.INDEX_UNNAMABLE.format(path=odd.shown))
                return None
            except errors() as error:
                if debug_enabled():
                    raise
                from mentorlog.index import Index

                index.discard()
                self._index = False
                Index.remove(self.root)
                self._index = self._open_index() if attempt == 1 else None
                if attempt == 2:
                    self.notices.append(messages.INDEX_FAILED.format(problem=error))
        return None

    def close(self) -> None:
        """Close the index (at the end of a command)."""
        if self._index not in (None, False):
            self._index.close()  # type: ignore[union-attr]
        self._index = False

    # -- reading --

    def _read_config(self) -> JournalConfig:
        from mentorlog.reading import read_config

        try:
            # mentorlog.toml and the relationships' changes, brought up to their files once.
            found = self._indexed(lambda index: index.config(), [], False, journal_files=True)
            return found if found is not None else read_config(self.config_path)
        except EntryFileError as error:
            if error.problem.startswith(store.CONFLICT_PROBLEM):
                raise ConflictError([store.CONFIG_NAME]) from None
            raise

    def _fold_mentors(self) -> None:
        """Relationships: those in mentorlog.toml, then every change to them (changes/mentors)."""
        from mentorlog.fold import fold_mentors

        found = self._indexed(lambda index: index.mentor_changes(), [], trust=False)
        if found is None:
            found = _read_mentor_changes(self.root)
        changes, self.mentor_problems = found
        self.config.mentors, self.mentor_orphans = fold_mentors(self.config.mentors, changes)

    def load(
        self,
        kinds: Iterable[str] | None = None,
        use_cache: bool = True,
        include_private: bool = True,
        counted: Iterable[str] = (),
        open_only: Iterable[str] = (),
        among: set[str] | None = None,
        within: Iterable[str] = (),
        window: tuple[dt.date, dt.date] | None = None,
    ) -> Entries:
        """Entries of the given kinds (all by default) as they are now, skipping files that do
        not load. Without private entries it is what a clone without private/ shows.

        Through the index, a kind may be read in part, with a summary of the rest (see
        entries.Summary): a `counted` kind holds its latest entries only (the dashboards show
        how many, the latest and who wrote them; `goal show` asks which link to its goal), an
        `open_only` kind its latest and those with something open (sessions with an open
        action item, questions not yet discussed). Read without the index, every entry is
        there, and the same questions get the same answers. `among`: only the entries of these
        files, where the index can tell them apart (see search_candidates). A `within` kind
        holds its latest and those dated in `window` (sessions also those a report of the
        window reads beyond it: see index.Counted.within)."""
        from mentorlog.model import ENTRY_KINDS

        wanted = list(kinds) if kinds is not None else list(ENTRY_KINDS)
        partial = {kind: "counted" for kind in counted}
        partial.update({kind: "open" for kind in open_only})
        if window is not None:
            partial.update({kind: "within" for kind in within})
        if not include_private:
            partial = {}
        folders = [ENTRY_KINDS[kind].folder for kind in wanted]
        found = (
            self._indexed(
                lambda index: self._from_index(
                    index, wanted, include_private, partial, among, window
                ),
                folders,
                trust=False,
            )
            if use_cache
            else None
        )
        if found is not None:
            return found
        from mentorlog import reading

        loaded = reading.read_all(self.root, [ENTRY_KINDS[k] for k in wanted], include_private)
        return self.settle(loaded, wanted)

    def _from_index(
        self,
        index: Index,
        wanted: list[str],
        include_private: bool,
        partial: dict[str, str],
        among: set[str] | None = None,
        window: tuple[dt.date, dt.date] | None = None,
    ) -> Entries:
        from mentorlog.model import ENTRY_KINDS

        folders = [ENTRY_KINDS[kind].folder for kind in wanted]
        entries = Entries(
            problems=[*self.mentor_problems, *index.problems(folders, include_private)]
        )
        _raise_on_conflict(self.root, entries.problems)
        entries.orphans = index.orphans(folders) if include_private else []
        for kind in wanted:
            if kind in partial:
                summary = index.counted(kind, include_private)
                entries.summaries[kind] = summary
                if partial[kind] == "within" and window is not None:
                    shown = summary.within(*window)
                elif partial[kind] == "counted":
                    shown = summary.latest()
                else:
                    shown = summary.open_and_latest()
                entries.of_kind(kind)[:] = shown
                entries.duplicates += summary.duplicates
                continue
            shown, deleted = index.entries(kind, include_private, among)
            entries.of_kind(kind)[:] = shown
            entries.deleted += deleted
            set_aside_duplicates(entries, kind)
        return entries

    def settle(self, loaded: Loaded, wanted: list[str]) -> Entries:
        """What the files read say now: every change applied, each kind in its order, copies
        set aside. Changes the entries read in place."""
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
            # `created` is always in UTC (see validation._as_utc), so instants compare as such.
            lists[kind].sort(key=order_of(kind))
            set_aside_duplicates(entries, kind)
        return entries

    # -- finding what a write names --

    def _source(self, folders: list[str]) -> Source:
        """What the finders read: the index brought up to these folders by their stamps (see
        index/refresh.py), else every entry read from the files."""
        found = self._indexed(lambda index: index, folders, trust=True)
        if found is not None:
            return found
        from mentorlog.model import KIND_BY_FOLDER

        return WholeRead(self.load([KIND_BY_FOLDER[f].kind for f in folders]))

    def goals(self) -> finders.Goals:
        """The goal a write names, by its handle."""
        return finders.Goals(self._source(["goals"]))

    def sessions(self) -> finders.Sessions:
        """The session or action item a write names, or the latest session."""
        return finders.Sessions(self._source(["sessions"]))

    def questions(self) -> finders.Questions:
        """The question a write names (`session add --discussed`)."""
        return finders.Questions(self._source(["questions"]))

    def search_candidates(self, text: str) -> dict[str, tuple[str, str]] | None:
        """The files whose entries may hold `text`, with their kind and day, from the index's
        full-text search; None when it cannot say (every entry is then looked through)."""
        from mentorlog.model import ENTRY_KINDS

        folders = [model.folder for model in ENTRY_KINDS.values()]
        return self._indexed(lambda index: index.search_candidates(text), folders, trust=False)

    def linking_count(self, goal: Goal) -> int:
        """How many entries (copies set aside) still link to a goal: `goal delete` asks."""
        from mentorlog.model import ENTRY_KINDS, names_of

        names = names_of(goal)
        folders = [model.folder for model in ENTRY_KINDS.values()]
        found = self._indexed(lambda index: index.linking_count(names), folders, trust=True)
        if found is not None:
            return found
        every = self.load().all()
        return sum(1 for e in every if e.kind != "goal" and e.mentions(names))

    def latest_change(self, entry: str | None = None, folder: str = "") -> dt.datetime | None:
        """When the latest change this clone holds to `entry` (a kind `folder`'s), or to
        anything (as the index last saw it: for a note), was made; None without an index to
        ask (then no order is kept beyond the clock's)."""
        found = self._indexed(
            lambda index: index.latest_change(entry),
            [folder] if folder else [],
            trust=True,
            journal_files=bool(folder == store.MENTORS_FOLDER),
        )
        if found is None:
            return None
        return _EPOCH + dt.timedelta(microseconds=found)

    def written(self, relative: str, item: Any) -> None:
        """A file this process has just written: into the index, if it is open, so that the
        next command need not read it again."""
        index = self._index
        if index is None or index is False or index is True:
            return
        from mentorlog.index import errors

        try:
            index.record(relative, item)
        except (OSError, *errors()):  # type: ignore[misc]
            pass  # only costs the next command a read of the file

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

    def require_git_at_rest(self) -> None:
        """Refuse to write while git is in the middle of a merge, rebase, cherry-pick, revert
        or bisect, or on a detached HEAD: what is written then can be lost (an aborted merge
        removes a file it staged) or hidden (a commit on no branch)."""
        repo = self.repo
        if repo is None:
            return
        busy = git.busy_with(repo)
        if busy is not None:
            raise MentorlogError(messages.GIT_BUSY.format(what=busy[0], top=repo.top, how=busy[1]))
        if git.detached(repo) and git.head(repo) is not None:
            raise MentorlogError(messages.GIT_DETACHED.format(top=repo.top))

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
    def writing(self, command: str, upgrading: bool = False) -> Iterator[Writer]:
        """One writing command, all or nothing: see writes.py."""
        from mentorlog import writes

        if not upgrading:
            self.require_current_format()
        with writes.journal_lock(self.root):
            index = self._index
            if index is not None and index is not False and index is not True:
                index.refreshed.clear()  # what was read before the lock is read again
            self.require_git_at_rest()
            # Read the relationships again: another process may have changed them.
            self.config = self._read_config()
            self._fold_mentors()
            writer = writes.Writer(self, command)
            try:
                yield writer
            except BaseException:
                writer.rollback()
                raise
            self.notices.extend(writer.finish())

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
        """The mentor of a session when none is named, while that relationship runs: the one
        chosen on this machine (`mentor default`), else mentorlog.toml's `default_mentor`,
        else the only running one."""
        config = self.config
        active = [m for m in config.mentors if m.ended is None]
        for wanted in (self.chosen_mentor(), config.default_mentor):
            if wanted:
                chosen = config.mentor(wanted)
                if chosen is not None and chosen.ended is None:
                    return chosen.name
        return active[0].name if len(active) == 1 else None

    def chosen_mentor(self) -> str:
        """The default mentor chosen on this machine (kept outside the journal: a mentee and
        each mentor, in their own clones, choose their own)."""
        from mentorlog.writes import state_folder

        try:
            return (state_folder(self.root) / "default-mentor").read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def choose_mentor(self, name: str | None) -> None:
        """Set (None: clear) the default mentor of this machine's sessions."""
        from mentorlog import store
        from mentorlog.writes import state_folder

        path = state_folder(self.root) / "default-mentor"
        if name is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        store.replace_file(path, name + "\n")


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


def _read_mentor_changes(root: Path) -> tuple[list[Change], list[EntryFileError]]:
    """Every change under changes/mentors, from the files."""
    from mentorlog import reading

    changes: list[Change] = []
    problems: list[EntryFileError] = []
    folder = reading.change_folder(store.MENTORS_FOLDER)
    for relative, _ in store.walk_entry_files(root, folder):
        try:
            changes.append(reading.load_change(root, root / relative, store.MENTORS_FOLDER))
        except EntryFileError as problem:
            problems += reading.problems_of(problem)
    return changes, problems


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _index_folder() -> Path:
    from mentorlog.index.db import cache_folder

    return cache_folder()


def debug_enabled() -> bool:
    return os.environ.get("MENTORLOG_DEBUG") == "1"


class WholeRead:
    """The finders' source (finders.Source) without an index: every entry, read from files."""

    def __init__(self, entries: Entries) -> None:
        self.entries = entries

    def goal_handles(self) -> list[Any]:
        return list(self.entries.goals)

    def taken_slugs(self) -> set[str]:
        hidden = [e for d in self.entries.duplicates for e in d.others if e.kind == "goal"]
        goals = cast("list[Goal]", [*self.entries.goals, *self.entries.deleted, *hidden])
        return {g.slug for g in goals}

    def named(self, kind: str, wanted: str | None) -> list[Any]:
        return self.entries.named(kind)

    def holding_action(self, wanted: str | None) -> list[Session]:
        return self.entries.named("session")

    def latest_session(self) -> Session | None:
        sessions = self.entries.named("session")
        return max(sessions, key=lambda s: (s.date, s.created.timestamp()), default=None)

    def fresh(self, kind: str, path: str) -> Any:
        return next(e for e in self.entries.named(kind) if e.path == path)


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
