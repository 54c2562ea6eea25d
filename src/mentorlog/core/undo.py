"""`mentorlog undo`: take back the last change mentorlog made on this machine.

Every writing command only creates files (see writes.py) and records them, with its commit, in
this machine's undo log. Undoing removes those files and, in git, the commit, but only while
nothing came after it: the commit must still be the last one and must not be pushed (taking it
back then would rewrite history others have), and the files must be as mentorlog wrote them.
Otherwise nothing changes and the person is told why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentorlog import git, messages
from mentorlog.errors import MentorlogError
from mentorlog.journal import Journal
from mentorlog.writes import digest, journal_lock, read_undo, write_undo


@dataclass
class Undone:
    message: str
    removed: list[str] = field(default_factory=list)
    commit: str | None = None
    # When the commit could not be taken back (it may have been pushed by URL: nothing here
    # says), a new commit that takes its files out instead.
    reverted_by: str | None = None


def undo(journal: Journal) -> Undone:
    with journal_lock(journal.root):
        journal.require_git_at_rest()
        records = read_undo(journal.root)
        if not records:
            raise MentorlogError(messages.NOTHING_TO_UNDO)
        last = records[-1]
        rewrite = True
        if last.commit is not None:
            rewrite = _check_commit(journal, last.commit, last.message)
        for item in last.files:
            path = journal.root / item["path"]
            if not path.is_file() or digest(path) != item["sha256"]:
                raise MentorlogError(
                    messages.UNDO_CHANGED_SINCE.format(path=item["path"], message=last.message)
                )
        if last.commit is not None and journal.repo is not None and rewrite:
            try:
                git.run(journal.repo, "reset", "--quiet", "--keep", f"{last.commit}~1")
            except git.GitError as error:
                raise MentorlogError(
                    messages.UNDO_GIT_FAILED.format(problem=error.message)
                ) from None
        reverted = None
        if last.commit is not None and journal.repo is not None and not rewrite:
            reverted = _revert(journal, last.commit, last.message)
        removed = []
        for item in last.files:
            path = journal.root / item["path"]
            if path.exists():  # private files, which the commit never held
                path.unlink()
            removed.append(item["path"])
        if last.commit is None and journal.repo is not None:
            # Never committed (a hook refused it): git's index must not keep what is gone.
            repo = journal.repo
            git.unstage(repo, [repo.relative(journal.root / p) for p in removed])
        write_undo(journal.root, records[:-1])
    return Undone(last.message, removed, None if reverted else last.commit, reverted)


def _revert(journal: Journal, commit: str, message: str) -> str:
    """A commit taking out the files `commit` added: history is never rewritten."""
    repo = journal.repo
    assert repo is not None
    added = git.run(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", "-z", commit)
    paths = [p for p in added.stdout.split("\0") if p]
    try:
        git.run(repo, "rm", "-q", "--", *paths)
        return git.commit_staged(repo, paths, messages.UNDO_COMMIT.format(message=message))
    except git.GitError as error:
        git.run(repo, "reset", "-q", "--", *paths, check=False)
        git.run(repo, "checkout", "-q", "--", *paths, check=False)
        raise MentorlogError(messages.UNDO_GIT_FAILED.format(problem=error.message)) from None


def _check_commit(journal: Journal, commit: str, message: str) -> bool:
    """Refuse a commit that is not the last, or that a remote (or another ref) may hold;
    whether it may be taken back by rewriting history (no remote is configured to ask,
    so it may have been pushed by URL: then a new commit takes it back instead)."""
    repo = journal.repo
    if repo is None:
        raise MentorlogError(messages.UNDO_NO_GIT.format(message=message))
    head = git.head(repo)
    if head != commit:
        subject = git.run(repo, "log", "-1", "--format=%s", check=False).stdout.strip()
        raise MentorlogError(
            messages.UNDO_NOT_LAST.format(
                message=message, commit=commit[:7], head=(head or "")[:7], subject=subject
            )
        )
    pushed = git.held_elsewhere(repo, commit)
    if pushed is not None:
        raise MentorlogError(messages.UNDO_PUSHED.format(message=message, remote=pushed))
    parent = git.run(repo, "rev-parse", "--verify", "-q", f"{commit}~1", check=False)
    if parent.returncode != 0:
        raise MentorlogError(messages.UNDO_FIRST_COMMIT.format(message=message))
    return bool(git.run(repo, "remote", check=False).stdout.split())
