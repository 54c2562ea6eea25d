"""Git is never a way to lose a change: with real git, in the states people leave it in."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Git, Run, snapshot


@pytest.fixture
def repo(run: Run, tmp_path: Path, git: Git) -> Path:
    """A journal that is its own repository, with a first change committed."""
    root = tmp_path / "repo"
    result = run("init", str(root), "--owner", "Sam Lee", "--mentor", "Ana Ruiz", "--git")
    assert result.exit_code == 0, result.stderr
    assert run("-j", str(root), "goal", "add", "Speak up", "--measure", "one talk").exit_code == 0
    return root


def _branch_with_a_change(git: Git, root: Path) -> None:
    """A side branch and main, each with a commit of its own (they merge cleanly)."""
    git(root, "checkout", "-q", "-b", "side")
    (root / "side.txt").write_text("side\n")
    git(root, "add", "side.txt")
    git(root, "commit", "-q", "-m", "side")
    git(root, "checkout", "-q", "main")
    (root / "main.txt").write_text("main\n")
    git(root, "add", "main.txt")
    git(root, "commit", "-q", "-m", "main")


def _refused(run: Run, root: Path, what: str) -> None:
    before = snapshot(root)
    result = run("-j", str(root), "ask", "Is this kept?")
    assert result.exit_code == 1, result.stdout
    assert what in result.stderr and "nothing was written" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(root) == before


def test_no_write_during_a_merge(run: Run, repo: Path, git: Git) -> None:
    _branch_with_a_change(git, repo)
    git(repo, "merge", "--no-commit", "--no-ff", "side", check=False)
    assert (repo / ".git" / "MERGE_HEAD").exists()
    _refused(run, repo, "in the middle of a merge")
    git(repo, "merge", "--abort")
    assert run("-j", str(repo), "ask", "Is this kept?").exit_code == 0
    assert "Is this kept?" in git(repo, "show", "HEAD")


def test_no_write_during_a_rebase_or_a_bisect_or_on_a_detached_head(
    run: Run, repo: Path, git: Git
) -> None:
    _branch_with_a_change(git, repo)
    git(repo, "checkout", "-q", "side")
    # An interactive rebase stopped to edit its commit.
    os.environ["GIT_SEQUENCE_EDITOR"] = "sed -i s/^pick/edit/"
    try:
        git(repo, "rebase", "-i", "main")
    finally:
        del os.environ["GIT_SEQUENCE_EDITOR"]
    _refused(run, repo, "in the middle of a rebase")
    git(repo, "rebase", "--abort")
    git(repo, "checkout", "-q", "main")
    git(repo, "bisect", "start")
    _refused(run, repo, "in the middle of a bisect")
    git(repo, "bisect", "reset")
    git(repo, "checkout", "-q", "HEAD~1")
    _refused(run, repo, "detached HEAD")
    git(repo, "checkout", "-q", "main")
    assert run("-j", str(repo), "ask", "Back on a branch?").exit_code == 0


def test_a_refused_commit_leaves_nothing_staged_and_undo_cleans_up(
    run: Run, repo: Path, git: Git, tmp_path: Path
) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits today' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = run("-j", str(repo), "ask", "Saved anyway?")
    assert result.exit_code == 0 and "not committed" in result.stderr
    assert git(repo, "diff", "--cached", "--name-only").strip() == ""
    assert run("-j", str(repo), "undo").exit_code == 0
    assert git(repo, "status", "--porcelain").strip() == ""
    hook.unlink()
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    synced = run("-j", str(repo), "sync")
    assert synced.exit_code == 0, synced.stderr


def test_undo_never_rewrites_what_a_remote_holds(
    run: Run, repo: Path, git: Git, tmp_path: Path
) -> None:
    """Pushed by URL (no remote-tracking ref here), the commit is found on the remote; with no
    remote configured to ask, undo takes the change back with a new commit."""
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    assert run("-j", str(repo), "ask", "Pushed by URL?").exit_code == 0
    pushed = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "push", "-q", str(bare), "HEAD:main")
    refused = run("-j", str(repo), "undo")
    assert refused.exit_code == 1 and "may already be elsewhere" in refused.stderr
    assert git(repo, "rev-parse", "HEAD").strip() == pushed
    # No remote to ask: a new commit, history kept.
    git(repo, "remote", "remove", "origin")
    assert run("-j", str(repo), "ask", "Only here?").exit_code == 0
    asked = git(repo, "rev-parse", "HEAD").strip()
    undone = run("-j", str(repo), "undo")
    assert undone.exit_code == 0, undone.stderr
    assert git(repo, "merge-base", "--is-ancestor", asked, "HEAD", check=False) == ""
    assert "undo: ask" in git(repo, "log", "-1", "--format=%s")
    assert not any("Only here?" in p.read_text() for p in (repo / "questions").glob("*.toml"))


def test_sync_waits_on_no_remote_forever_and_holds_no_lock(
    run: Run, repo: Path, git: Git, tmp_path: Path
) -> None:
    """A fetch that never answers (ssh that sleeps) is given up after the time limit, in one
    sentence; meanwhile other commands write; no process is left behind."""
    git(repo, "remote", "add", "origin", "ssh://nowhere.invalid/journal.git")
    sleeper = tmp_path / "slow-ssh"
    sleeper.write_text("#!/bin/sh\nsleep 30\n")
    sleeper.chmod(0o755)
    env = {
        **os.environ,
        "GIT_SSH_COMMAND": str(sleeper),
        "MENTORLOG_GIT_TIMEOUT": "3",
        "MENTORLOG_TODAY": "2026-11-23",
    }
    started = time.monotonic()
    syncing = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "-j", str(repo), "sync"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1)
    meanwhile = subprocess.run(
        [sys.executable, "-m", "mentorlog", "-j", str(repo), "ask", "Not blocked?"],
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert meanwhile.returncode == 0, meanwhile.stderr
    _, stderr = syncing.communicate(timeout=30)
    assert syncing.returncode == 1
    assert time.monotonic() - started < 20
    assert "no answer within 3 seconds" in stderr and len(stderr.strip().splitlines()) == 1
    left = subprocess.run(["pgrep", "-f", str(sleeper)], capture_output=True, text=True)
    assert left.stdout.strip() == ""


KILLED_UPGRADE = """
import os, sys
from mentorlog import writes
real = writes.Writer.replace

def replace(self, relative, text, summary):
    path = real(self, relative, text, summary)
    if relative.name != "mentorlog.toml":
        os._exit(9)  # killed: no rollback, no commit
    return path

writes.Writer.replace = replace
sys.argv = ["mentorlog", "-j", sys.argv[1], "upgrade"]
from mentorlog.cli import main
main()
"""


def test_upgrade_killed_part_way_loses_no_link(
    run: Run, fixture_journal: Path, tmp_path: Path
) -> None:
    """An upgrade killed after it rewrote a public file finds every link kept on the private
    side; run again, it finishes, and the journal reads as one upgraded in one go."""
    import shutil

    # Format 1 let a public file link to a private entry: a private goal, linked from a
    # public session and a public reflection.
    goal = fixture_journal / "private" / "goals" / "secret-plan-sec0000000a1.toml"
    goal.parent.mkdir(parents=True)
    goal.write_text(
        'id = "sec0000000a1"\nslug = "secret-plan"\ntitle = "Secret plan"\n'
        "created = 2026-06-01 10:00:00+00:00\n"
    )
    session = sorted((fixture_journal / "sessions").rglob("*.toml"))[0]
    text = session.read_text()
    session.write_text(text.replace("goals = [", 'goals = [\n    "sec0000000a1",', 1))
    reflection = next(
        p
        for p in sorted((fixture_journal / "reflections").glob("*.toml"))
        if "\ngoal = " not in p.read_text()
    )
    first, rest = reflection.read_text().split("\n", 1)
    reflection.write_text(f'{first}\ngoal = "sec0000000a1"\n{rest}')
    clean = tmp_path / "clean"
    shutil.copytree(fixture_journal, clean)
    assert run("-j", str(clean), "upgrade").exit_code == 0
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_UPGRADE, str(fixture_journal)],
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORLOG_TODAY": "2026-11-23"},
    )
    assert killed.returncode == 9, killed.stderr
    again = run("-j", str(fixture_journal), "upgrade")
    assert again.exit_code == 0, again.stderr
    for command in (["export", "--format", "json"], ["status", "--json"]):
        ours = run("-j", str(fixture_journal), *command).json()
        theirs = run("-j", str(clean), *command).json()
        assert _without_paths(ours) == _without_paths(theirs), command


def _without_paths(data: object) -> object:
    """A document without what differs between two upgrades of one journal: paths and ids of
    the changes each wrote, and when."""
    if isinstance(data, dict):
        return {
            k: _without_paths(v) for k, v in data.items() if k not in ("path", "created", "source")
        }
    if isinstance(data, list):
        return [_without_paths(v) for v in data]
    return data
