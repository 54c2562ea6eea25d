"""Writing to a journal: one command's new files, all or nothing, committed and undoable.

A writing command runs inside `Journal.writing()`, which
- holds the journal's lock for the whole command, so that reading the state, checking it and
  writing never interleave with another mentorlog process (no lost update, no slug taken twice);
- only ever creates new files (entries and changes), and removes them again if the command
  fails half-way, so the journal is left as it was;
- commits the public files when the journal is kept in git (never a private one), with a
  message that says what changed;
- remembers what it wrote in this machine's undo log, outside the journal, for `mentorlog undo`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mentorlog import clock, git, messages, store
from mentorlog.errors import MentorlogError

if TYPE_CHECKING:
    from mentorlog.model import Change, Entry, JournalConfig

UNDO_KEPT = 200  # records kept in the undo log


class JournalTarget(Protocol):
    """What a writer needs of the journal it writes to (journal.Journal)."""

    root: Path
    config: JournalConfig

    @property
    def repo(self) -> git.Repo | None: ...

    def commit_repo(self) -> git.Repo | None: ...

    def safe_path(self, relative: Path) -> Path: ...

    def relative(self, path: Path) -> str: ...

    def written(self, relative: str, item: Any) -> None: ...

    def latest_change(self, entry: str | None = None, folder: str = "") -> dt.datetime | None: ...


# --- the lock ----------------------------------------------------------------------------------


@contextmanager
def journal_lock(root: Path) -> Iterator[None]:
    """An exclusive lock on the journal folder itself (flock on the folder), so every process
    writing this journal waits its turn, whatever its environment."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this system: writes are still atomic
        yield
        return
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


# --- local state: the undo log -------------------------------------------------------------------


def state_folder(root: Path) -> Path:
    """This machine's records about one journal (the undo log), outside the journal."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return Path(base) / "mentorlog" / digest


def outside(path: Path, root: Path) -> bool:
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real != real_root and not real.startswith(real_root + os.sep)


@dataclass
class UndoRecord:
    command: str
    message: str
    when: str
    files: list[dict[str, str]]  # {"path": relative to the journal, "sha256": …}
    commit: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> UndoRecord | None:
        if not isinstance(data, dict) or not isinstance(data.get("files"), list):
            return None
        files = [
            f
            for f in data["files"]
            if isinstance(f, dict)
            and isinstance(f.get("path"), str)
            and isinstance(f.get("sha256"), str)
        ]
        commit = data.get("commit")
        return cls(
            str(data.get("command", "")),
            str(data.get("message", "")),
            str(data.get("when", "")),
            files,
            commit if isinstance(commit, str) else None,
        )


def undo_log(root: Path) -> Path:
    folder = state_folder(root)
    if not outside(folder, root):
        raise MentorlogError(messages.STATE_INSIDE.format(path=folder))
    return folder / "undo.jsonl"


def read_undo(root: Path) -> list[UndoRecord]:
    try:
        lines = undo_log(root).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    records = []
    for line in lines:
        try:
            record = UndoRecord.from_json(json.loads(line))
        except ValueError:
            continue
        if record is not None:
            records.append(record)
    return records


def write_undo(root: Path, records: list[UndoRecord]) -> None:
    path = undo_log(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r.__dict__, ensure_ascii=False) + "\n" for r in records[-UNDO_KEPT:])
    store.replace_file(path, text)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- one command's writes ---------------------------------------------------------------


@dataclass
class Written:
    path: Path
    summary: str
    private: bool
    # The bytes a replaced file had (only `upgrade` replaces files); None for a new file.
    before: bytes | None = None


# A clock this far behind the journal's latest change is said to be (it may be set wrong).
CLOCK_BEHIND = dt.timedelta(days=1)


@dataclass
class Writer:
    """What one command writes; see the module's docstring."""

    journal: JournalTarget
    command: str
    written: list[Written] = field(default_factory=list)
    commit: str | None = None
    subject: str | None = None  # the commit's first line, when not the first change's summary
    notices: list[str] = field(default_factory=list)
    _author: str | None = None
    _private_ignored: bool = False
    _clock_checked: bool = False

    @property
    def author(self) -> str:
        """Who makes this change: $MENTORLOG_AUTHOR, else git's user.name (in git), else the
        journal's owner, said once (see _unknown_author)."""
        if self._author is None:
            named = os.environ.get("MENTORLOG_AUTHOR", "").strip()
            if not named and self.journal.repo is not None:
                named = git.config_value(self.journal.repo, "user.name")
            self._author = named or self._unknown_author()
        return self._author

    def _unknown_author(self) -> str:
        """No name is known for whoever writes here: the change is the owner's. In git (a clone
        someone else may hold) the person is told so, the first time in this journal on this
        machine, with how to name themself: a mentor's clone would otherwise write as the
        mentee without a word."""
        owner = self.journal.config.owner
        if self.journal.repo is None:
            return owner  # a journal outside git is its owner's alone, on their machine
        marker = state_folder(self.journal.root) / "told-no-author"
        if not marker.exists():
            self.notices.append(messages.NO_AUTHOR.format(owner=owner))
            with suppress(OSError):
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.write_text("The person was told no name is known for them here.\n")
        return owner

    def add(self, entry: Entry, summary: str) -> Path:
        """Write a new entry; never over an existing file."""
        if not entry.author:
            entry.author = self.author
        relative = store.relative_entry_path(entry)
        path = self._create(relative, store.dumps(store.to_document(entry)), summary, entry.private)
        entry._path = relative.as_posix()
        self.journal.written(entry._path, entry)
        return path

    def change(self, folder: str, summary: str, private: bool, **fields: Any) -> Change:
        """Write one change (model.Change) to an entry of `folder`, or to a relationship."""
        from mentorlog.model import Change

        change = Change(
            id=store.new_id(),
            created=self._instant(fields.get("entry") or fields.get("mentor") or None, folder),
            author=self.author,
            **fields,
        )
        relative = store.relative_change_path(change.id, change.created, folder, private)
        self._create(relative, store.dumps(store.to_document(change)), summary, private)
        change._path = relative.as_posix()
        change._private = private
        self.journal.written(change._path, change)
        return change

    def _instant(self, target: str | None, folder: str) -> dt.datetime:
        """When a new change is made: now, or just after the latest change this clone holds to
        the same entry when that one is dated later (a clock behind, or one that ran ahead
        somewhere), so that the edit made last is applied last (a hybrid logical clock)."""
        now = clock.now_precise()
        if not self._clock_checked:
            self._clock_checked = True
            latest_anywhere = self.journal.latest_change()
            if latest_anywhere is not None and latest_anywhere - now > CLOCK_BEHIND:
                self.notices.append(
                    messages.CLOCK_BEHIND.format(
                        now=now.isoformat(timespec="minutes"),
                        latest=latest_anywhere.isoformat(timespec="minutes"),
                    )
                )
        latest = self.journal.latest_change(target, folder) if target else None
        if latest is not None and latest >= now:
            return latest + dt.timedelta(microseconds=1)
        return now

    def _create(self, relative: Path, text: str, summary: str, private: bool) -> Path:
        if private:
            self._keep_private_ignored()
        path = self.journal.safe_path(relative)
        store.create_file(path, text)
        self.written.append(Written(path, summary, private))
        return path

    def replace(self, relative: Path, text: str, summary: str) -> Path:
        """Rewrite an existing file (only `upgrade` does): rolled back with the rest on failure."""
        path = self.journal.safe_path(relative)
        before = path.read_bytes() if path.exists() else None
        if store.replace_file(path, text):
            self.written.append(
                Written(path, summary, relative.parts[0] == store.PRIVATE_DIR, before)
            )
        return path

    def _keep_private_ignored(self) -> None:
        """Private text is written only where git will not share it: when someone took the
        `private/` line out of the journal's .gitignore, it goes back (committed with the rest)."""
        repo = self.journal.repo
        if repo is None or self._private_ignored:
            return
        self._private_ignored = True
        if git.is_ignored(repo, self.journal.root / store.PRIVATE_DIR / "entry.toml"):
            return
        text = store.gitignore_adding(
            self.journal.root, [f"{store.PRIVATE_DIR}/"], even_if_present=True
        )
        if text is not None:
            self.replace(Path(".gitignore"), text, ".gitignore: keep private/ out of git")

    def rollback(self) -> None:
        for item in reversed(self.written):
            with suppress(OSError):
                if item.before is None:
                    item.path.unlink()
                else:
                    store.replace_file(item.path, item.before.decode("utf-8"))
        self.written.clear()

    def finish(self) -> list[str]:
        """Commit the public files when the journal commits its changes; remember them for undo.
        Returns warnings for the person (a commit that failed leaves the files in place)."""
        if not self.written:
            return []
        warnings: list[str] = list(self.notices)
        public = [w for w in self.written if not w.private]
        repo = self.journal.commit_repo()
        if public and repo is not None:
            try:
                self.commit = git.commit(
                    repo,
                    [w.path for w in public],
                    commit_message(public, self.subject),
                    self.author,
                )
            except git.GitError as error:
                warnings.append(messages.NOT_COMMITTED.format(problem=error.message))
        root = self.journal.root
        # Outside git, undo deletes the files a command created; a rewritten file (upgrade's,
        # or a .gitignore line put back) is left as it is now.
        undoable = self.written if self.commit else [w for w in self.written if w.before is None]
        if not undoable:
            return warnings
        record = UndoRecord(
            self.command,
            commit_message(public or self.written, self.subject).splitlines()[0],
            clock.now().isoformat(),
            [{"path": self.journal.relative(w.path), "sha256": digest(w.path)} for w in undoable],
            self.commit,
        )
        try:
            write_undo(root, [*read_undo(root), record])
        except (OSError, MentorlogError):
            warnings.append(messages.UNDO_NOT_RECORDED)
        return warnings


def commit_message(written: list[Written], subject: str | None = None) -> str:
    """`session add: Kickoff with Sam`; a second line per further change when there are more."""
    lines = [git.clean_message(w.summary) for w in written]
    if subject is None:
        subject = (
            lines[0]
            if len(lines) == 1
            else git.clean_message(f"{written[0].summary} (and {len(lines) - 1} more)")
        )
    body = "\n".join(f"- {line}" for line in lines) if len(lines) > 1 else ""
    return f"{subject}\n\n{body}" if body else subject
