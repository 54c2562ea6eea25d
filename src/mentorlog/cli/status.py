"""`mentorlog status`: the dashboard (run by reads/status.py)."""

from __future__ import annotations

import typer

from mentorlog.cli import complete
from mentorlog.cli.common import SHOWN, command
from mentorlog.reads.status import status

MENTOR = typer.Option(
    None,
    "--mentor",
    metavar="NAME",
    autocompletion=complete.mentors,
    help="Only this relationship: its sessions, and the goals "
    "and questions tied to it or to no mentor.",
)


def register(app: typer.Typer) -> None:
    app.command("status")(command(status, mentor=MENTOR, **SHOWN))
