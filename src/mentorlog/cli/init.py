"""`mentorlog init`: create a journal."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorlog import clock, messages
from mentorlog.cli.common import CADENCE


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    path: Path = typer.Argument(None, help="Where to create it (default: the default journal)."),
    owner: str = typer.Option(..., "--owner", help="Whose journal this is."),
    mentor: str = typer.Option(None, "--mentor", help="Your mentor's name."),
    cadence: int = CADENCE,
    expectations: str = typer.Option(
        "", "--expectations", metavar="TEXT", help="What each of you expects (with --mentor)."
    ),
    boundaries: str = typer.Option(
        "",
        "--boundaries",
        metavar="TEXT",
        help="Boundaries and confidentiality agreed (with --mentor).",
    ),
    with_git: bool = typer.Option(
        False,
        "--git",
        help="Also make the journal a git repository (mentorlog then commits each change).",
    ),
) -> None:
    """Create a journal: mentorlog.toml, a folder per kind, and a .gitignore for private/."""
    from mentorlog.errors import InputError
    from mentorlog.journal import default_journal_path, init_journal

    if not owner.strip():
        raise InputError(messages.EMPTY_OWNER)
    if (expectations.strip() or boundaries.strip()) and not (mentor and mentor.strip()):
        raise InputError(
            "--expectations and --boundaries belong to a relationship: give --mentor NAME too."
        )
    root = path if path is not None else default_journal_path()
    config = init_journal(
        root,
        owner.strip(),
        mentor.strip() if mentor else None,
        cadence,
        clock.today(),
        expectations.strip(),
        boundaries.strip(),
    )
    print(messages.DID_INIT.format(owner=owner.strip(), root=root, config=config))
    if with_git:
        from mentorlog.core.sync import start_repository

        repo = start_repository(root, owner.strip())
        print(messages.DID_INIT_GIT.format(top=repo.top))
    if path is None:
        print(messages.DID_INIT_DEFAULT)
