"""`mentorlog log`: the journal's history of changes, from git, newest first."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from mentorlog import git, messages
from mentorlog.errors import MentorlogError
from mentorlog.journal import Journal

if TYPE_CHECKING:
    from mentorlog.report.shapes import CommitRow, Log

_FIELDS = "%H%x1f%aI%x1f%an%x1f%s%x1f%P"


def history(journal: Journal, since: date | None = None, limit: int | None = None) -> Log:
    repo = journal.repo
    if repo is None:
        raise MentorlogError(
            messages.NOT_IN_GIT.format(what="The journal's history"), hint=messages.HOW_TO_GIT
        )
    if git.head(repo) is None:
        return {"journal": str(journal.root), "commits": []}
    args = ["log", f"--format=%x1e{_FIELDS}", "--name-only", "--no-renames"]
    if since is not None:
        args.append(f"--since={since.isoformat()} 00:00:00")
    if limit is not None:
        args.append(f"--max-count={limit}")
    folder = repo.relative(journal.root)
    result = git.run(repo, *args, "--", folder if folder != "." else ".")
    prefix = "" if folder == "." else folder.rstrip("/") + "/"
    commits: list[CommitRow] = []
    for record in result.stdout.split("\x1e"):
        if not record.strip():
            continue
        head, _, files = record.partition("\n")
        sha, when, author, subject, parents = (head.split("\x1f") + [""] * 5)[:5]
        commits.append(
            {
                "commit": sha,
                "short": sha[:7],
                "date": datetime.fromisoformat(when),
                "author": author,
                "message": subject,
                "merge": len(parents.split()) > 1,
                # Relative to the journal, like every other path mentorlog prints.
                "files": [f[len(prefix) :] for f in files.splitlines() if f.strip()],
            }
        )
    return {"journal": str(journal.root), "commits": commits}
