"""Git, the journal's sync engine: finding the work tree, committing, and reading its state.

Every call runs the `git` command (no library: git is on every machine that holds a clone), in
the C locale so its messages can be read, and never waits for a password or an editor.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from mentorlog.errors import MentorlogError

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
# States in which a commit or a merge of ours would meddle with what the person is doing.
IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
}
# The id of git's empty tree, to diff against when there is no earlier commit.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
LOCK_WAIT = 10.0  # seconds to wait for another git command's index.lock


class GitError(MentorlogError):
    """A git command failed; the message says which and why, in one sentence."""


@dataclass(frozen=True)
class Repo:
    top: Path  # the work tree's top folder
    git_dir: Path

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(self.top))).as_posix()


def available() -> bool:
    return shutil.which("git") is not None


def find_repo(folder: Path) -> Repo | None:
    """The git work tree holding `folder` (the nearest `.git` upward), or None."""
    if not available():
        return None
    here = Path(os.path.realpath(folder))
    for candidate in (here, *here.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return Repo(candidate, dot_git)
        if dot_git.is_file():  # a worktree or a submodule: "gitdir: <path>"
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                pointed = Path(text[len("gitdir:") :].strip())
                return Repo(candidate, pointed if pointed.is_absolute() else candidate / pointed)
    return None


def run(
    repo: Repo | Path, *args: str, check: bool = True, identity: tuple[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run git in the work tree; raise GitError with git's own last line when it fails."""
    top = repo.top if isinstance(repo, Repo) else repo
    config: list[str] = []
    if identity is not None:
        config = ["-c", f"user.name={identity[0]}", "-c", f"user.email={identity[1]}"]
    try:
        result = subprocess.run(
            ["git", *config, *args],
            cwd=top,
            capture_output=True,
            text=True,
            env={**os.environ, **GIT_ENV},
            check=False,
            stdin=subprocess.DEVNULL,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as error:
        raise GitError(f"could not run git: {error.strerror or error}.") from None
    if check and result.returncode != 0:
        raise GitError(f"`git {args[0]}` failed: {last_line(result)}")
    return result


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
    for name, what in IN_PROGRESS.items():
        if (repo.git_dir / name).exists():
            return what
    return None


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
    args = ("commit", "-q", "--no-status", "-m", message, "--", *relative)

    def attempt() -> subprocess.CompletedProcess[str]:
        result = run(repo, *args, check=False)
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
