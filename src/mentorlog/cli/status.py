"""`mentorlog status`: the dashboard."""

from __future__ import annotations

import typer

from mentorlog import clock
from mentorlog.cli import complete
from mentorlog.cli.common import JSON, open_journal
from mentorlog.cli.formats import FORMAT, INCLUDE_PRIVATE
from mentorlog.command import warn_problems
from mentorlog.output import View, choose, reads_private, show

STATUS = View("Status", "status:render_status", shape="Status")


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(
    ctx: typer.Context,
    mentor: str = typer.Option(
        None,
        "--mentor",
        metavar="NAME",
        autocompletion=complete.mentors,
        help="Only this relationship: its sessions, and the goals "
        "and questions tied to it or to no mentor.",
    ),
    form: str = FORMAT,
    as_json: bool = JSON,
    include_private: bool = INCLUDE_PRIVATE,
) -> None:
    """Goals, meetings against the agreed cadence, open actions and questions, recent activity."""
    from mentorlog.report.status import COUNTED, OPEN_ONLY
    from mentorlog.report.status import status as build_status

    choose(STATUS, form, as_json, "status")
    journal = open_journal(ctx)
    # With --mentor, entries are chosen one by one (see for_mentor): every one is read.
    whole = mentor is not None
    entries = journal.load(
        counted=() if whole else COUNTED,
        open_only=() if whole else OPEN_ONLY,
        include_private=reads_private(form, as_json, include_private),
    )
    warn_problems(entries.problems)
    config = journal.config
    if mentor is not None:
        from mentorlog.report.scope import for_mentor

        config, entries, _ = for_mentor(config, entries, mentor)
    data = build_status(config, entries, clock.today())
    show(data, STATUS, form, as_json, "status", include_private)
