"""Git built in, and private stays private: undo, sync, log, conflicts, rename and delete, racing
writers, private entries, and upgrading a format-1 journal. Real git in temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Git, Run, current, writers_at_once
from conftest import snapshot as every_file


def snapshot(root: Path) -> dict[str, bytes]:
    """The journal's files, without git's own."""
    return {k: v for k, v in every_file(root).items() if not k.startswith(".git/")}


@pytest.fixture
def repo(tmp_path: Path, run: Run, git: Git) -> Path:
    """A journal kept in git, with one goal and a bare remote it has been pushed to."""
    git(tmp_path, "config", "--global", "user.name", "Sam Lee")
    root = tmp_path / "journal"
    assert (
        run("init", str(root), "--owner", "Sam Lee", "--mentor", "Ana Ruiz", "--git").exit_code == 0
    )
    assert (
        run(
            "-j",
            str(root),
            "goal",
            "add",
            "Give a talk",
            "--measure",
            "Talk given",
            "--due",
            "2027-01-31",
            "-m",
            "Outline",
        ).exit_code
        == 0
    )
    git(tmp_path, "init", "--quiet", "--bare", "remote.git")
    git(root, "remote", "add", "origin", str(tmp_path / "remote.git"))
    assert run("-j", str(root), "sync").exit_code == 0
    return root


def commits(git: Git, root: Path) -> list[str]:
    return git(root, "log", "--format=%s").splitlines()


# --- commits and undo ------------------------------------------------------------------------


def test_each_change_is_one_commit_and_undo_takes_back_the_last(
    run: Run, git: Git, repo: Path
) -> None:
    before = snapshot(repo)
    result = run("-j", str(repo), "goal", "progress", "give-a-talk", "30", "--note", "Outline")
    assert result.exit_code == 0
    assert commits(git, repo)[0] == "goal progress: give-a-talk at 30%"
    assert git(repo, "status", "--porcelain") == ""
    undone = run("-j", str(repo), "undo")
    assert undone.exit_code == 0, undone.stderr
    assert "goal progress: give-a-talk at 30%" in undone.stdout
    assert snapshot(repo) == before
    assert commits(git, repo)[0] == "goal add: Give a talk"
    # The goal add is pushed: it is shared history, and undo refuses to rewrite it.
    refused = run("-j", str(repo), "undo")
    assert refused.exit_code == 1 and "may already be elsewhere" in refused.stderr
    assert snapshot(repo) == before


def test_undo_refuses_when_someone_committed_since(run: Run, git: Git, repo: Path) -> None:
    assert run("-j", str(repo), "ask", "Slides or live code?").exit_code == 0
    (repo / "notes.txt").write_text("mine\n")
    git(repo, "add", "notes.txt")
    git(repo, "commit", "--quiet", "-m", "my own commit")
    before = snapshot(repo)
    result = run("-j", str(repo), "undo")
    assert result.exit_code == 1 and "nothing was undone" in result.stderr
    assert snapshot(repo) == before and commits(git, repo)[0] == "my own commit"


def test_undo_outside_git_deletes_the_files_unless_they_changed(run: Run, journal: Path) -> None:
    assert run("-j", str(journal), "ask", "First?").exit_code == 0
    assert run("-j", str(journal), "ask", "Second?").exit_code == 0
    assert run("-j", str(journal), "undo").exit_code == 0
    assert [q.text for q in current(journal, "question")] == ["First?"]
    question = next((journal / "questions").glob("*.toml"))
    question.write_text(question.read_text() + "# edited by hand\n")
    refused = run("-j", str(journal), "undo")
    assert refused.exit_code == 1 and "changed or went away" in refused.stderr
    assert question.exists()


def test_undo_with_nothing_to_undo(run: Run, journal: Path) -> None:
    result = run("-j", str(journal), "undo")
    assert result.exit_code == 1 and "Nothing to undo" in result.stderr


def test_a_failed_command_leaves_no_commit_and_no_file(run: Run, git: Git, repo: Path) -> None:
    before, log = snapshot(repo), commits(git, repo)
    assert run("-j", str(repo), "goal", "progress", "give-a-talk", "130").exit_code == 2
    assert run("-j", str(repo), "goal", "progress", "no-such-goal", "30").exit_code == 1
    assert snapshot(repo) == before and commits(git, repo) == log


def test_a_journal_inside_a_larger_repository_is_not_committed_by_default(
    run: Run, git: Git, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    git(tmp_path, "init", "--quiet", "project")
    root = project / "journal"
    assert run("init", str(root), "--owner", "Sam").exit_code == 0
    assert run("-j", str(root), "ask", "Is this committed?").exit_code == 0
    assert git(project, "rev-list", "--all", "--count").strip() == "0"
    (root / "mentorlog.toml").write_text(
        (root / "mentorlog.toml").read_text() + "\n[git]\nautocommit = true\n"
    )
    assert run("-j", str(root), "ask", "And now?").exit_code == 0
    assert "ask: And now?" in git(project, "log", "--format=%s")


# --- sync ------------------------------------------------------------------------------------


def test_sync_without_git_or_remote_says_how(
    run: Run, git: Git, journal: Path, tmp_path: Path
) -> None:
    outside = run("-j", str(journal), "sync")
    assert outside.exit_code == 1 and "git" in outside.stderr
    git(journal, "init", "--quiet")
    no_remote = run("-j", str(journal), "sync")
    assert no_remote.exit_code == 1 and "git remote add" in no_remote.stderr
    git(journal, "remote", "add", "origin", str(tmp_path / "missing.git"))
    unreachable = run("-j", str(journal), "sync")
    assert unreachable.exit_code == 1 and "Could not reach 'origin'" in unreachable.stderr


def test_sync_refused_by_the_remote_keeps_the_commit(
    run: Run, git: Git, repo: Path, tmp_path: Path
) -> None:
    hook = tmp_path / "remote.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are frozen'\nexit 1\n")
    hook.chmod(0o755)
    assert run("-j", str(repo), "goal", "progress", "give-a-talk", "20").exit_code == 0
    result = run("-j", str(repo), "sync")
    assert result.exit_code == 1
    assert "pre-receive hook declined" in result.stderr and "stay committed" in result.stderr
    assert commits(git, repo)[0] == "goal progress: give-a-talk at 20%"
    hook.unlink()
    assert run("-j", str(repo), "sync").exit_code == 0
    assert git(repo, "status", "--short", "--branch").startswith("## main...origin/main\n")


def test_sync_refuses_uncommitted_work_that_is_not_the_journals(
    run: Run, git: Git, repo: Path
) -> None:
    (repo / "README").write_text("mine\n")
    git(repo, "add", "README")
    git(repo, "commit", "--quiet", "-m", "readme")
    (repo / "README").write_text("changed\n")
    log = commits(git, repo)
    result = run("-j", str(repo), "sync")
    assert result.exit_code == 1 and "README" in result.stderr
    assert commits(git, repo) == log and (repo / "README").read_text() == "changed\n"


def test_sync_commits_journal_files_written_by_hand(run: Run, git: Git, repo: Path) -> None:
    (repo / "questions" / "2026-11-23-aaaaaaaaaaaa.toml").write_text(
        'id = "aaaaaaaaaaaa"\ndate = 2026-11-23\ntext = "Written by hand"\n'
        "created = 2026-11-23T10:00:00+00:00\n"
    )
    result = run("-j", str(repo), "sync")
    assert result.exit_code == 0, result.stderr
    assert git(repo, "status", "--porcelain") == ""
    assert "questions/2026-11-23-aaaaaaaaaaaa.toml" in git(
        repo, "ls-tree", "-r", "--name-only", "origin/main"
    )


def test_log_lists_the_journals_commits(run: Run, repo: Path) -> None:
    assert run("-j", str(repo), "goal", "progress", "give-a-talk", "20").exit_code == 0
    document = run("-j", str(repo), "log", "--json", "--limit", "2").json()
    rows = document["commits"]
    assert [r["message"] for r in rows] == [
        "goal progress: give-a-talk at 20%",
        "goal add: Give a talk",
    ]
    assert rows[0]["author"] == "Sam Lee" and rows[0]["merge"] is False
    assert len(rows[0]["files"]) == 1 and rows[0]["files"][0].startswith("changes/goals/")
    screen = run("-j", str(repo), "log", env={"COLUMNS": "120"}).stdout
    assert "goal progress: give-a-talk at 20%" in screen and "init: journal for Sam Lee" in screen


def test_log_outside_git(run: Run, journal: Path) -> None:
    result = run("-j", str(journal), "log")
    assert result.exit_code == 1 and "git" in result.stderr


# --- conflicts git could not merge -------------------------------------------------------------


def test_a_file_edited_by_hand_on_both_sides_is_named(
    run: Run, git: Git, repo: Path, tmp_path: Path
) -> None:
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), "other")
    other = tmp_path / "other"
    goal_file = next((repo / "goals").glob("*.toml"))
    for clone, title in ((repo, "Talk A"), (other, "Talk B")):
        path = clone / "goals" / goal_file.name
        path.write_text(path.read_text().replace('title = "Give a talk"', f'title = "{title}"'))
        git(clone, "commit", "--quiet", "-am", title)
    git(other, "push", "--quiet")
    # sync gives the merge up and leaves the journal as it was.
    refused = run("-j", str(repo), "sync")
    assert refused.exit_code == 1 and f"goals/{goal_file.name}" in refused.stderr
    assert git(repo, "status", "--porcelain") == ""
    git(repo, "merge", "--quiet", "origin/main", check=False)
    for args in (("goal", "show", "give-a-talk"), ("status",), ("ask", "Anything?")):
        result = run("-j", str(repo), *args)
        assert result.exit_code == 1
        assert "unresolved git merge conflict" in result.stderr
        assert f"goals/{goal_file.name}" in result.stderr and "git merge --abort" in result.stderr
    check = run("-j", str(repo), "check")
    assert check.exit_code == 3
    assert check.stdout.count(goal_file.name) == 1 and "merge conflict" in check.stdout


# --- rename and delete ---------------------------------------------------------------------------


def test_rename_keeps_history_and_old_links(run: Run, repo: Path) -> None:
    assert (
        run(
            "-j",
            str(repo),
            "session",
            "add",
            "--title",
            "Kick-off",
            "--notes",
            "n",
            "--goal",
            "give-a-talk",
        ).exit_code
        == 0
    )
    assert run("-j", str(repo), "goal", "progress", "give-a-talk", "20").exit_code == 0
    assert run("-j", str(repo), "goal", "rename", "give-a-talk", "meetup-talk").exit_code == 0
    shown = run("-j", str(repo), "goal", "show", "meetup-talk", "--json").json()
    assert [c["progress"] for c in shown["checkins"]] == [20]
    assert [s["title"] for s in shown["linked"] if s["kind"] == "session"] == ["Kick-off"]
    assert run("-j", str(repo), "goal", "show", "give-a-talk").exit_code == 1
    assert run("-j", str(repo), "check").exit_code == 0


@pytest.mark.parametrize(
    ("slug", "code", "words"),
    [
        ("Bad Slug", 2, "cannot be a slug"),
        ("a/b", 2, "cannot be a slug"),
        ("learn-rust", 1, "already called"),
    ],
)
def test_rename_refuses_bad_or_taken_slugs(
    run: Run, repo: Path, slug: str, code: int, words: str
) -> None:
    assert run("-j", str(repo), "goal", "add", "Learn Rust", "--measure", "m").exit_code == 0
    before = snapshot(repo)
    result = run("-j", str(repo), "goal", "rename", "give-a-talk", slug)
    assert result.exit_code == code and words in result.stderr
    assert snapshot(repo) == before


def test_delete_refuses_a_linked_goal_unless_forced(run: Run, repo: Path) -> None:
    assert run("-j", str(repo), "reflect", "Notes", "--goal", "give-a-talk").exit_code == 0
    before = snapshot(repo)
    refused = run("-j", str(repo), "goal", "delete", "give-a-talk")
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert snapshot(repo) == before
    forced = run("-j", str(repo), "goal", "delete", "give-a-talk", "--force")
    assert forced.exit_code == 0 and "still linked from 1 entry" in forced.stderr
    assert run("-j", str(repo), "goal", "list", "--all", "--json").json()["goals"] == []
    assert run("-j", str(repo), "undo").exit_code == 0
    assert [
        g["handle"] for g in run("-j", str(repo), "goal", "list", "--json").json()["goals"]
    ] == ["give-a-talk"]


# --- racing writers ------------------------------------------------------------------------------


def test_racing_writers_lose_nothing(run: Run, git: Git, repo: Path) -> None:
    """Processes writing at once: every one that exits 0 has its change in the journal."""
    count = 8
    for n in range(count):
        assert run("-j", str(repo), "goal", "milestone", "give-a-talk", f"Step {n}").exit_code == 0
    assert (
        run(
            "-j",
            str(repo),
            "session",
            "add",
            "--title",
            "S",
            "--notes",
            "n",
            *[a for n in range(count) for a in ("--action", f"Task {n}")],
        ).exit_code
        == 0
    )
    commands = [
        *[
            ["goal", "progress", "give-a-talk", str(n + 1), "--note", f"check-in {n}"]
            for n in range(count)
        ],
        *[["goal", "achieve", "give-a-talk", f"Step {n}"] for n in range(count)],
        *[["action", "done", f"task {n}"] for n in range(count)],
        *[["mentor", "add", f"Mentor {n}"] for n in range(count)],
        *[["ask", f"Question {n}?"] for n in range(count)],
    ]
    writers_at_once(repo, commands)
    goal = run("-j", str(repo), "goal", "show", "give-a-talk", "--json").json()
    assert sorted(c["note"] for c in goal["checkins"]) == [f"check-in {n}" for n in range(count)]
    assert all(m["done"] for m in goal["milestones"] if m["title"].startswith("Step"))
    actions = run("-j", str(repo), "action", "list", "--all", "--json").json()["actions"]
    assert all(a["done"] for a in actions if a["text"].startswith("Task"))
    mentors = run("-j", str(repo), "mentor", "list", "--json").json()["mentors"]
    assert len(mentors) == count + 1
    assert len(current(repo, "question")) == count
    assert run("-j", str(repo), "check").exit_code == 0
    assert git(repo, "status", "--porcelain") == ""
    assert len(commits(git, repo)) >= len(commands)


# --- private entries -----------------------------------------------------------------------------


@pytest.fixture
def mixed(run: Run, repo: Path) -> Path:
    """Public and private entries side by side, linked across the line."""
    steps = [
        (
            "goal",
            "add",
            "Find a new job",
            "--measure",
            "An offer",
            "--due",
            "2027-03-01",
            "-m",
            "Update the CV",
            "--private",
        ),
        ("ask", "Should I tell my manager?", "--private"),
        ("ask", "Slides or live code?"),
        ("reflect", "SECRET-REFLECTION about the job hunt", "--private"),
        ("reflect", "The outline works"),
        (
            "session",
            "add",
            "--title",
            "Talk prep",
            "--notes",
            "Public notes",
            "--goal",
            "give-a-talk",
            "--goal",
            "find-a-new-job",
            "--action",
            "Rehearse",
        ),
        (
            "session",
            "add",
            "--title",
            "SECRET-SESSION",
            "--notes",
            "About leaving",
            "--private",
            "--action",
            "SECRET-ACTION",
        ),
    ]
    for args in steps:
        result = run("-j", str(repo), *args)
        assert result.exit_code == 0, (args, result.stderr)
    return repo


def test_markdown_to_send_leaves_private_entries_out(run: Run, mixed: Path) -> None:
    for args in (("agenda", "--markdown"), ("report", "--period", "year", "--format", "markdown")):
        sent = run("-j", str(mixed), *args).stdout
        for secret in ("SECRET", "Should I tell", "Find a new job", "Update the CV"):
            assert secret not in sent, (args, secret)
        assert "Slides or live code?" in sent or "report" in args
        mine = run("-j", str(mixed), *args, "--include-private").stdout
        assert "Should I tell my manager?" in mine or "report" in args
        assert "SECRET-SESSION" in mine or "agenda" in args
        assert "(private)" in mine


def test_json_and_screens_say_what_is_private(run: Run, mixed: Path) -> None:
    questions = run("-j", str(mixed), "status", "--json").json()["questions"]
    assert {q["text"]: q["private"] for q in questions} == {
        "Should I tell my manager?": True,
        "Slides or live code?": False,
    }
    screen = run("-j", str(mixed), "status", env={"COLUMNS": "150"}).stdout
    line = next(x for x in screen.splitlines() if "Should I tell" in x)
    assert "(private)" in line
    assert "(private)" not in next(x for x in screen.splitlines() if "Slides or" in x)


def test_nothing_private_reaches_git(run: Run, git: Git, mixed: Path) -> None:
    history = git(mixed, "log", "--all", "-p")
    for secret in ("SECRET", "Should I tell", "Find a new job", "find-a-new-job"):
        assert secret not in history
    assert git(mixed, "status", "--porcelain", "--ignored").strip() == "!! private/"


def test_a_clone_without_private_checks_clean_and_shows_no_trace(
    run: Run, git: Git, mixed: Path, tmp_path: Path
) -> None:
    assert run("-j", str(mixed), "sync").exit_code == 0
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), "mentor")
    mentor = tmp_path / "mentor"
    assert not (mentor / "private").exists()
    result = run("-j", str(mentor), "check")
    assert result.exit_code == 0, result.stdout
    session = run("-j", str(mentor), "session", "list", "--json").json()["sessions"]
    assert [s["title"] for s in session] == ["Talk prep"]
    # The owner still sees the link to the private goal.
    assert run("-j", str(mixed), "check").exit_code == 0
    owner = run("-j", str(mixed), "goal", "show", "find-a-new-job", "--json").json()
    assert [s["title"] for s in owner["linked"] if s["kind"] == "session"] == ["Talk prep"]


def test_a_private_folder_that_is_a_link_is_refused(run: Run, repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "private").symlink_to(elsewhere)
    result = run("-j", str(repo), "ask", "Secret?", "--private")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert list(elsewhere.rglob("*")) == []
    assert run("-j", str(repo), "check").exit_code == 3


def test_a_cache_inside_the_journal_is_refused(run: Run, repo: Path) -> None:
    result = run("-j", str(repo), "status", env={"MENTORLOG_CACHE_DIR": str(repo / "cache")})
    assert result.exit_code == 1 and "inside the journal" in result.stderr
    assert not (repo / "cache").exists()


def test_private_writes_put_the_gitignore_line_back(run: Run, git: Git, repo: Path) -> None:
    (repo / ".gitignore").write_text(".tmp-*\n")
    git(repo, "commit", "--quiet", "-am", "drop the line")
    check = run("-j", str(repo), "check")
    assert check.exit_code == 0 and "does not ignore private/" in check.stdout  # nothing yet
    assert run("-j", str(repo), "ask", "Secret?", "--private").exit_code == 0
    assert "private/" in (repo / ".gitignore").read_text().splitlines()
    assert git(repo, "status", "--porcelain") == ""
    assert "Secret?" not in git(repo, "log", "-p")
    assert run("-j", str(repo), "check").exit_code == 0


def test_check_finds_a_private_file_git_tracks(run: Run, git: Git, repo: Path) -> None:
    assert run("-j", str(repo), "ask", "Secret?", "--private").exit_code == 0
    git(repo, "add", "--force", "private")
    git(repo, "commit", "--quiet", "-m", "oops")
    result = run("-j", str(repo), "check")
    assert result.exit_code == 3 and "git rm --cached" in result.stdout


# --- format 1 ------------------------------------------------------------------------------------


def test_a_format_1_journal_reads_and_refuses_writes(run: Run, fixture_journal: Path) -> None:
    status = run("-j", str(fixture_journal), "status", "--json")
    assert status.exit_code == 0 and status.json()["owner"] == "Priya Shah"
    before = snapshot(fixture_journal)
    for args in (
        ("ask", "New?"),
        ("goal", "progress", "lead-the-billing", "70"),
        ("mentor", "add", "Bo Chen"),
    ):
        result = run("-j", str(fixture_journal), *args)
        assert result.exit_code == 1 and "mentorlog upgrade" in result.stderr
    assert snapshot(fixture_journal) == before


def test_upgrade_in_git_is_one_commit_and_changes_no_report(
    run: Run, git: Git, fixture_journal: Path
) -> None:
    git(fixture_journal, "init", "--quiet")
    git(fixture_journal, "add", "-A")
    git(fixture_journal, "commit", "--quiet", "-m", "format 1")
    reports = [
        ("status", "--json"),
        ("report", "--period", "year", "--format", "json"),
        ("timeline", "--json"),
        ("goal", "list", "--all", "--json"),
    ]
    before = [run("-j", str(fixture_journal), *args).stdout for args in reports]
    result = run("-j", str(fixture_journal), "upgrade")
    assert result.exit_code == 0 and "from format 1 to 3" in result.stdout
    assert len(commits(git, fixture_journal)) == 2
    assert git(fixture_journal, "status", "--porcelain") == ""
    assert "format = 3" in (fixture_journal / "mentorlog.toml").read_text()
    assert [run("-j", str(fixture_journal), *args).stdout for args in reports] == before
    again = run("-j", str(fixture_journal), "upgrade")
    assert again.exit_code == 0 and "already" in again.stdout
    assert len(commits(git, fixture_journal)) == 2
    assert run("-j", str(fixture_journal), "ask", "Now?").exit_code == 0
