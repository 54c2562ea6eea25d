"""`mentorlog status`: the dashboard."""

from __future__ import annotations

import typer

from mentorlog import clock
from mentorlog.cli.common import JSON, open_journal, output, warn_problems


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Goals, meetings against the agreed cadence, open actions and questions, recent activity."""
    from mentorlog.report.status import status as build_status

    journal = open_journal(ctx)
    entries = journal.load()
    warn_problems(entries.problems)
    data = build_status(journal.config, entries, clock.today())
    output(data, as_json, "status:render_status")
