"""`mentorlog status`: the dashboard."""

from __future__ import annotations

import typer

from mentorlog import clock
from mentorlog.cli.common import JSON, open_journal, output, warn_problems


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(ctx: typer.Context,
           mentor: str = typer.Option(None, "--mentor", metavar="NAME",
                                      help="Only this relationship: its sessions, and the goals "
                                           "and questions tied to it or to no mentor."),
           as_json: bool = JSON) -> None:
    """Goals, meetings against the agreed cadence, open actions and questions, recent activity."""
    from mentorlog.report.status import status as build_status

    journal = open_journal(ctx)
    entries = journal.load()
    warn_problems(entries.problems)
    config = journal.config
    if mentor is not None:
        from mentorlog.report.scope import for_mentor

        config, entries, _ = for_mentor(config, entries, mentor)
    data = build_status(config, entries, clock.today())
    output(data, as_json, "status:render_status")
