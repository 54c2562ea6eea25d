"""`mentorlog sync`: commit what is pending, pull, push; say what came in.

The journal's files only ever get added (see fold.py), so the merge of two clones never
conflicts; a conflict can only come from files edited by hand on both sides, and then the merge
is given up and the person told which file. Nothing is done at all when the remote cannot be
named or reached, or when files outside the journal have uncommitted changes (they are not
mentorlog's to commit, and a pull could trip over them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog import git, messages, store
from mentorlog.errors import MentorlogError
from mentorlog.journal import Journal
from mentorlog.model import ENTRY_KINDS
from mentorlog.writes import journal_lock

# Top-level names that belong to the journal (and that `sync` commits when pending).
JOURNAL_NAMES = frozenset(
    {
        store.CONFIG_NAME,
        ".gitignore",
        store.CHANGES_DIR,
        *(model.folder for model in ENTRY_KINDS.values()),
    }
)


@dataclass
class Remote:
    name: str
    branch: str  # the branch on the remote
    local: str  # the branch checked out here
    tracked: bool  # whether the local branch already tracks it

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.name}/{self.branch}"

    @property
    def label(self) -> str:
        return f"{self.name}/{self.branch}"


@dataclass
class Synced:
    remote: str
    committed: list[str] = field(default_factory=list)  # pending files committed first
    incoming: list[dict[str, Any]] = field(default_factory=list)
    other_incoming: int = 0  # files changed or removed on the other side (by hand)
    pushed: int = 0  # commits sent


def sync(journal: Journal) -> Synced:
    repo = journal.repo
    if repo is None:
        raise MentorlogError(messages.NOT_IN_GIT.format(what="Syncing"), hint=messages.HOW_TO_GIT)
    # The journal's lock is held while git's state here changes, never while a remote is
    # waited on: a fetch or push that hangs holds up no other command.
    with journal_lock(journal.root):
        _at_rest(repo)
        remote = _remote(repo)
        pending, foreign = _pending(repo, journal.root)
        if foreign:
            more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
            raise MentorlogError(messages.SYNC_DIRTY.format(path=foreign[0], more=more))
        result = Synced(remote.label)
        if pending:
            git.commit(
                repo,
                [repo.top / p for p in pending],
                messages.SYNC_PENDING_COMMIT.format(count=len(pending)),
                journal.config.owner,
            )
            result.committed = pending
    _fetch(repo, remote)
    with journal_lock(journal.root):
        _at_rest(repo)
        before = git.head(repo)
        _merge(repo, remote)
        after = git.head(repo)
        if after is not None and before != after:
            _describe_incoming(journal, repo, before, after, result)
    result.pushed = _push(repo, remote, journal)
    return result


def _at_rest(repo: git.Repo) -> None:
    busy = git.operation_in_progress(repo)
    if busy:
        raise MentorlogError(messages.SYNC_BUSY.format(what=busy))


def _remote(repo: git.Repo) -> Remote:
    branch = git.run(repo, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if not branch:
        raise MentorlogError(messages.SYNC_DETACHED)
    name = git.config_value(repo, f"branch.{branch}.remote")
    merge = git.config_value(repo, f"branch.{branch}.merge")
    if name and name != "." and merge:
        return Remote(name, merge.removeprefix("refs/heads/"), branch, True)
    remotes = git.run(repo, "remote", check=False).stdout.split()
    if not remotes:
        raise MentorlogError(messages.SYNC_NO_REMOTE, hint=messages.SYNC_NO_REMOTE_HINT)
    if "origin" not in remotes and len(remotes) > 1:
        raise MentorlogError(messages.SYNC_WHICH_REMOTE.format(remotes=", ".join(remotes)))
    return Remote("origin" if "origin" in remotes else remotes[0], branch, branch, False)


def _pending(repo: git.Repo, root: Path) -> tuple[list[str], list[str]]:
    """(journal files to commit, changed tracked files that are not the journal's), both
    relative to the work tree's top."""
    status = git.run(
        repo, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"
    ).stdout
    prefix = repo.relative(root)
    prefix = "" if prefix == "." else prefix + "/"
    pending, foreign = [], []
    for record in status.split("\0"):
        if len(record) < 4:
            continue
        state, path = record[:2], record[3:]
        inside = path.startswith(prefix)
        first = path[len(prefix) :].split("/", 1)[0] if inside else ""
        if inside and first in JOURNAL_NAMES and path.endswith((".toml", ".gitignore", ".gitkeep")):
            pending.append(path)
        elif state != "??":  # an untracked file of someone else's is left alone
            foreign.append(path)
    return pending, foreign


def _fetch(repo: git.Repo, remote: Remote) -> None:
    try:
        result = git.run(
            repo, "fetch", "--quiet", remote.name, check=False, timeout=git.network_timeout()
        )
    except git.GitTimeout as error:
        raise MentorlogError(
            messages.SYNC_UNREACHABLE.format(remote=remote.name, problem=error.message)
        ) from None
    if result.returncode != 0:
        raise MentorlogError(
            messages.SYNC_UNREACHABLE.format(remote=remote.name, problem=git.last_line(result))
        )


def _merge(repo: git.Repo, remote: Remote) -> None:
    exists = git.run(repo, "rev-parse", "--verify", "-q", remote.ref, check=False)
    if exists.returncode != 0:
        return  # the remote has no such branch yet: the push creates it
    if git.head(repo) is None:  # nothing here yet: take the remote's history as it is
        git.run(repo, "reset", "--quiet", "--keep", remote.ref)
        return
    result = git.run(
        repo,
        "merge",
        "--quiet",
        "--ff",
        "--no-edit",
        "-m",
        messages.SYNC_MERGE_COMMIT.format(remote=remote.label),
        remote.ref,
        check=False,
    )
    if result.returncode != 0:
        conflicted = git.run(
            repo, "diff", "--name-only", "--diff-filter=U", check=False
        ).stdout.split()
        git.run(repo, "merge", "--abort", check=False)
        if conflicted:
            raise MentorlogError(
                messages.SYNC_CONFLICT.format(remote=remote.label, path=conflicted[0]),
                hint=messages.SYNC_CONFLICT_HINT,
            )
        raise MentorlogError(
            messages.SYNC_MERGE_FAILED.format(remote=remote.label, problem=git.last_line(result))
        )


def _push(repo: git.Repo, remote: Remote, journal: Journal) -> int:
    exists = git.run(repo, "rev-parse", "--verify", "-q", remote.ref, check=False)
    span = f"{remote.ref}..HEAD" if exists.returncode == 0 else "HEAD"
    if git.head(repo) is None:
        return 0
    ahead = int(git.run(repo, "rev-list", "--count", span).stdout.strip() or 0)
    if not ahead:
        return 0
    args = [
        "push",
        "--quiet",
        *([] if remote.tracked else ["--set-upstream"]),
        remote.name,
        f"HEAD:refs/heads/{remote.branch}",
    ]
    try:
        result = git.run(repo, *args, check=False, timeout=git.network_timeout())
    except git.GitTimeout as error:
        raise MentorlogError(
            messages.SYNC_PUSH_FAILED.format(remote=remote.label, problem=error.message)
        ) from None
    if result.returncode != 0:
        # Only a remote that moved on is cured by syncing again; a hook's or a protected
        # branch's refusal is reported as git gave it.
        rejected = any(word in result.stderr for word in ("fetch first", "non-fast-forward"))
        raise MentorlogError(
            (messages.SYNC_PUSH_REJECTED if rejected else messages.SYNC_PUSH_FAILED).format(
                remote=remote.label, problem=git.last_line(result)
            )
        )
    return ahead


# --- what came in ---------------------------------------------------------------------

CHANGE_WORDS = {
    "checkin": "check-in",
    "milestone": "milestone added",
    "milestone-edit": "milestone edited",
    "reached": "milestone reached",
    "status": "status change",
    "edit": "goal edit",
    "rename": "goal renamed",
    "delete": "goal deleted",
    "done": "action done",
    "action-edit": "action edited",
    "discussed": "question discussed",
    "add": "mentor added",
    "conclude": "relationship concluded",
    "link": "link",
}


def _describe_incoming(
    journal: Journal, repo: git.Repo, before: str | None, after: str, result: Synced
) -> None:
    from mentorlog.reading import load_change, load_file
    from mentorlog.report.activity import describe_change

    entries = journal.load()
    known = {
        e.id: e
        for e in [
            *entries.all(),
            *entries.deleted,
            *(o for d in entries.duplicates for o in d.others),
        ]
    }

    span = [before, after] if before else [git.EMPTY_TREE, after]
    folder = repo.relative(journal.root)
    diff = git.run(
        repo, "diff", "--name-status", "--no-renames", "-z", *span, "--", folder
    ).stdout.split("\0")
    for state, path in zip(diff[0::2], diff[1::2], strict=False):
        relative = Path(path).relative_to(folder) if folder != "." else Path(path)
        parts = relative.parts
        if state != "A" or len(parts) < 2:
            result.other_incoming += state != "A"
            continue
        try:
            if parts[0] == store.CHANGES_DIR and len(parts) > 2:
                change = load_change(journal.root, journal.root / relative, parts[1])
                what = CHANGE_WORDS.get(change.change, change.change)
                result.incoming.append(
                    {
                        "kind": what,
                        "path": relative.as_posix(),
                        "author": change.author,
                        "title": describe_change(change, known.get(change.entry)),
                        "date": change.date or change.created.date(),
                    }
                )
            else:
                model = next(m for m in ENTRY_KINDS.values() if m.folder == parts[0])
                entry = load_file(journal.root, journal.root / relative, model)
                result.incoming.append(
                    {
                        "kind": entry.kind,
                        "path": relative.as_posix(),
                        "author": entry.author,
                        "title": entry.label,
                        "date": entry.day,
                    }
                )
        except (StopIteration, MentorlogError):
            result.other_incoming += 1


def start_repository(root: Path, owner: str) -> git.Repo:
    """`init --git`: a repository whose top is the journal, and a first commit of its files."""
    repo = git.find_repo(root)
    if repo is None or Path(repo.top).resolve() != root.resolve():
        git.run(root, "init", "--quiet")
        repo = git.find_repo(root)
    if repo is None:  # pragma: no cover - git init just made it
        raise MentorlogError(messages.NOT_IN_GIT.format(what="A first commit"))
    files = [root / store.CONFIG_NAME, root / ".gitignore", *sorted(root.glob("*/.gitkeep"))]
    git.commit(repo, files, f"init: journal for {git.clean_message(owner)}", owner)
    return repo
