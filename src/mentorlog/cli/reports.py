"""The reports: agenda, report, milestones, timeline, search and stats. They never write."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from mentorlog import clock
from mentorlog.cli.common import JSON, open_journal, show, warn_problems
from mentorlog.errors import InputError

if TYPE_CHECKING:
    from mentorlog.journal import Entries, Journal

MARKDOWN = typer.Option(False, "--markdown", help="Print a Markdown document to share.")
SINCE = typer.Option(None, "--since", metavar="DATE", help="From this date on.")
UNTIL = typer.Option(None, "--until", metavar="DATE", help="Up to this date.")
KIND = typer.Option(None, "--kind", "-k", metavar="KIND",
                    help="Only this kind: goal, session, reflection, feedback or question.")
GOAL = typer.Option(None, "--goal", "-g", metavar="GOAL", help="Only entries about this goal.")
TAG = typer.Option(None, "--tag", "-t", metavar="TAG", help="Only entries with this tag.")


def register(app: typer.Typer) -> None:
    app.command("agenda")(agenda)


def _load(ctx: typer.Context, kinds: list[str] | None = None) -> tuple[Journal, Entries]:
    journal = open_journal(ctx)
    entries = journal.load(kinds)
    warn_problems(entries.problems)
    return journal, entries


def agenda(
    ctx: typer.Context,
    mentor: str = typer.Option(None, "--mentor", help="Only the meetings with this mentor."),
    as_json: bool = JSON,
    as_markdown: bool = MARKDOWN,
) -> None:
    """The agenda for the next session: open actions, milestones due, goals to review, questions."""
    from mentorlog.report.agenda import agenda as build_agenda

    if as_json and as_markdown:
        raise InputError("Choose one of --json and --markdown.")
    journal, entries = _load(ctx)
    data = build_agenda(journal.config, entries, clock.today(), mentor)
    if as_markdown:
        from mentorlog.render.agenda import agenda_markdown

        sys.stdout.write(agenda_markdown(data))
        return
    show(data, as_json, "agenda:render_agenda")
