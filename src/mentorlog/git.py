"""Git, the journal's sync engine: finding the work tree, committing, and reading its state.

Every call runs the `git` command (no library: git is on every machine that holds a clone), in
the C locale so its messages can be read, and never waits for a password or an editor.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.errors import MentorlogError

if TYPE_CHECKING:
    import subprocess

# Never ask anything: a prompt for a password or a commit message would hang the command.
GIT_ENV = {
    "LC_ALL": "C",
    "LANGUAGE": "C",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_EDITOR": "true",
    "GIT_MERGE_AUTOEDIT": "no",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND") or "ssh -o BatchMode=yes",
}
# States in which a commit or a merge of ours would meddle with what the person is doing, and
# what finishes each or gives it up.
IN_PROGRESS = {
    "MERGE_HEAD": ("a merge", "`git commit` to finish it, or `git merge --abort`"),
    "rebase-merge": ("a rebase", "`git rebase --continue` to finish it, or `git rebase --abort`"),
    "rebase-apply": ("a rebase", "`git rebase --continue` to finish it, or `git rebase --abort`"),
    "CHERRY_PICK_HEAD": (
        "a cherry-pick",
        "`git cherry-pick --continue` to finish it, or `git cherry-pick --abort`",
    ),
    "REVERT_HEAD": ("a revert", "`git revert --continue` to finish it, or `git revert --abort`"),
    "BISECT_LOG": ("a bisect", "`git bisect reset` to end it"),
}
# The id of git's empty tree, to diff against when there is no earlier commit.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
LOCK_WAIT = 10.0  # seconds to wait for another git command's index.lock


class GitError(MentorlogError):
    """A git command failed; the message says which and why, in one sentence."""


class Repo(NamedTuple):
    top: Path  # the work tree's top folder
    git_dir: Path

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(self.top))).as_posix()


def available() -> bool:
    import shutil

    return shutil.which("git") is not None


def find_repo(folder: Path) -> Repo | None:
    """The git work tree holding `folder` (the nearest `.git` upward), or None (also when git
    itself is not installed)."""
    here = Path(os.path.realpath(folder))
    for candidate in (here, *here.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return Repo(candidate, dot_git) if available() else None
        if dot_git.is_file():  # a worktree or a submodule: "gitdir: <path>"
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                pointed = Path(text[len("gitdir:") :].strip())
                found = pointed if pointed.is_absolute() else candidate / pointed
                return Repo(candidate, found) if available() else None
    return None


class GitTimeout(GitError):
    """A git command that talks to a remote took longer than it is given."""


def network_timeout() -> float:
    """How long a fetch, a push or a question to a remote may take: MENTORLOG_GIT_TIMEOUT
    seconds (60 by default)."""
    try:
        return max(1.0, float(os.environ.get("MENTORLOG_GIT_TIMEOUT") or 60))
    except ValueError:
        return 60.0


def run(
    repo: Repo | Path,
    *args: str,
    check: bool = True,
    identity: tuple[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run git in the work tree; raise GitError with git's own last line when it fails.

    With `timeout`, git and everything it started (ssh) are stopped when it runs longer, and
    GitTimeout says so: a remote that never answers holds no command, and leaves no process."""
    top = repo.top if isinstance(repo, Repo) else repo
    config: list[str] = []
    if identity is not None:
        config = ["-c", f"user.name={identity[0]}", "-c", f"user.email={identity[1]}"]
    command = ["git", *config, *args]
    import subprocess  # here: a read that finds nothing to run git for never loads it

    try:
        process = subprocess.Popen(
            command,
            cwd=top,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **GIT_ENV},
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=timeout is not None,
        )
    except OSError as error:
        raise GitError(f"could not run git: {error.strerror or error}.") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise GitTimeout(f"`git {args[0]}` got no answer within {timeout:g} seconds.") from None
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    if check and result.returncode != 0:
        raise GitError(f"`git {args[0]}` failed: {last_line(result)}")
    return result


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop git and every process it started (its own session)."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    """git's explanation, without its 'fatal:'/'error:' prefix or hints."""
    lines = [
        line.strip()
        for line in (result.stderr or result.stdout).splitlines()
        if line.strip() and not line.startswith("hint:")
    ]
    meaningful = [line for line in lines if line.startswith(("fatal:", "error:", "!"))] or lines
    text = meaningful[0] if meaningful else f"exit status {result.returncode}"
    return re.sub(r"^(fatal|error):\s*", "", text).rstrip(".") + "."


def operation_in_progress(repo: Repo) -> str | None:
    """'a merge', 'a rebase'… when git is in the middle of one, else None."""
    found = busy_with(repo)
    return found[0] if found else None


def busy_with(repo: Repo) -> tuple[str, str] | None:
    """(what git is in the middle of, how to finish it), or None."""
    for name, state in IN_PROGRESS.items():
        if (repo.git_dir / name).exists():
            return state
    return None


def detached(repo: Repo) -> bool:
    """Whether no branch is checked out (HEAD names a commit, not a branch)."""
    try:
        text = (repo.git_dir / "HEAD").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return not text.startswith("ref:")


def unmerged_paths(repo: Repo, folder: Path) -> list[str]:
    """Files with an unresolved conflict under `folder`, relative to it."""
    result = run(repo, "ls-files", "--unmerged", "-z", "--", repo.relative(folder), check=False)
    paths = []
    for record in result.stdout.split("\0"):
        if "\t" in record:
            path = record.split("\t", 1)[1]
            paths.append(os.path.relpath(repo.top / path, os.path.realpath(folder)))
    return sorted(set(Path(p).as_posix() for p in paths))


def config_value(repo: Repo, key: str) -> str:
    return run(repo, "config", "--get", key, check=False).stdout.strip()


def head(repo: Repo) -> str | None:
    result = run(repo, "rev-parse", "--verify", "-q", "HEAD", check=False)
    return result.stdout.strip() or None


def commit(repo: Repo, paths: list[Path], message: str, fallback_name: str) -> str:
    """Commit exactly these files (whatever else is staged stays staged); return the commit.

    Waits for another git command's lock instead of failing, and when git knows no name for
    the person, signs with the journal's owner rather than refusing.
    """
    relative = [repo.relative(p) for p in paths]
    _with_lock_retry(lambda: run(repo, "add", "--", *relative))
    try:
        return _commit_added(repo, relative, message, fallback_name)
    except GitError:
        # A commit refused (a hook): git's index goes back to what it held, so that nothing
        # is left staged for a later command to trip over.
        unstage(repo, relative)
        raise


def unstage(repo: Repo, relative: list[str]) -> None:
    """Take these files out of git's index, back to what the last commit holds of them."""
    if head(repo) is None:  # no commit yet: nothing to go back to
        run(repo, "rm", "-q", "--cached", "--ignore-unmatch", "--", *relative, check=False)
    else:
        run(repo, "reset", "-q", "--", *relative, check=False)


def commit_staged(repo: Repo, relative: list[str], message: str) -> str:
    """Commit these paths as git's index holds them (removals among them)."""
    return _commit_added(repo, relative, message, "")


def _commit_added(repo: Repo, relative: list[str], message: str, fallback_name: str) -> str:
    args = ("commit", "-q", "--no-status", "-m", message, "--", *relative)
    # Without a user.name git signs with the login name ("root"); the change is said to be
    # the person mentorlog names instead, so the commit is signed the same way.
    signed_as: tuple[str, str] | None = None
    if fallback_name and not config_value(repo, "user.name"):
        signed_as = (fallback_name, config_value(repo, "user.email") or "mentorlog@localhost")

    def attempt() -> subprocess.CompletedProcess[str]:
        result = run(repo, *args, check=False, identity=signed_as)
        if result.returncode != 0 and "tell me who you are" in (result.stderr + result.stdout):
            result = run(
                repo,
                *args,
                check=False,
                identity=(fallback_name or "mentorlog", "mentorlog@localhost"),
            )
        if result.returncode != 0:
            raise GitError(f"`git commit` failed: {last_line(result)}")
        return result

    _with_lock_retry(attempt)
    sha = head(repo)
    if sha is None:  # pragma: no cover - a successful commit always leaves a HEAD
        raise GitError("`git commit` left no HEAD.")
    return sha


def _with_lock_retry(action: object) -> None:
    """Run `action`, waiting while another git process holds the index lock."""
    deadline = time.monotonic() + LOCK_WAIT
    delay = 0.02
    while True:
        try:
            action()  # type: ignore[operator]
            return
        except GitError as error:
            if "index.lock" not in error.message or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def is_ignored(repo: Repo, path: Path) -> bool:
    return (
        run(
            repo, "check-ignore", "-q", "--no-index", "--", repo.relative(path), check=False
        ).returncode
        == 0
    )


def clean_message(text: str, limit: int = 72) -> str:
    """One line for a commit subject: no control characters, no line breaks, not too long."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def held_elsewhere(repo: Repo, commit: str) -> str | None:
    """Where else `commit` may be, so that taking it back would rewrite history someone has:
    a ref other than the branch checked out (a remote's branch, a tag, another branch), or a
    remote that holds it now or cannot be asked (a push by URL leaves no ref here, so every
    remote is asked what it holds). None when none can."""
    current = run(repo, "symbolic-ref", "-q", "HEAD", check=False).stdout.strip()
    refs = run(repo, "for-each-ref", "--contains", commit, "--format=%(refname)", check=False)
    for ref in refs.stdout.split():
        if ref != current:
            return ref.removeprefix("refs/remotes/").removeprefix("refs/heads/")
    for remote in run(repo, "remote", check=False).stdout.split():
        try:
            heads = run(repo, "ls-remote", "--heads", "--tags", remote, timeout=network_timeout())
        except GitError as error:
            return f"{remote}, which could not be asked ({error.message.rstrip('.')})"
        for line in heads.stdout.splitlines():
            sha, _, ref = line.partition("\t")
            if sha == commit:
                return f"{remote} ({ref})"
            known = run(repo, "cat-file", "-e", f"{sha}^{{commit}}", check=False)
            if known.returncode != 0:
                return f"{remote}, whose {ref} holds commits this clone has not fetched"
            inside = run(repo, "merge-base", "--is-ancestor", commit, sha, check=False)
            if inside.returncode == 0:
                return f"{remote} ({ref})"
    return None
