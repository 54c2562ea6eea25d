"""The reports' options: agenda, since, report, milestones, timeline, search and stats (run by
reads/reports.py). They never write."""

from __future__ import annotations

import typer

from mentorlog.cli import complete
from mentorlog.cli.common import SHOWN, command
from mentorlog.cli.formats import OUTPUT
from mentorlog.kinds import ENTRY_KINDS, EVENT_KINDS
from mentorlog.reads import reports

MARKDOWN = typer.Option(
    False,
    "--markdown",
    help="Print a Markdown document to share "
    "(without private entries unless --include-private); the same as "
    "--format markdown.",
)
SINCE = typer.Option(None, "--since", metavar="DATE", help="From this date on.")
UNTIL = typer.Option(None, "--until", metavar="DATE", help="Up to this date.")
KIND = typer.Option(
    None,
    "--kind",
    "-k",
    metavar="KIND",
    autocompletion=complete.kinds,
    help=f"Only this kind: {', '.join(ENTRY_KINDS)} (timeline also: {', '.join(EVENT_KINDS)}).",
)
GOAL = typer.Option(
    None,
    "--goal",
    "-g",
    metavar="GOAL",
    help="Only entries about this goal.",
    autocompletion=complete.goals,
)
MENTOR = typer.Option(
    None,
    "--mentor",
    metavar="NAME",
    autocompletion=complete.mentors,
    help="Only this relationship: its sessions, and the goals and questions "
    "tied to it or to no mentor.",
)
TAG = typer.Option(None, "--tag", "-t", metavar="TAG", help="Only entries with this tag.")


SINCE_START = typer.Option(
    None, "--since", metavar="DATE", help="From this day on, instead of the last session."
)
PERIOD = typer.Option(
    None,
    "--period",
    "-p",
    metavar="PERIOD",
    help="month, quarter or year: the calendar one holding --until (today), or starting "
    "at --since.",
)
TEXT = typer.Argument(..., help="What to look for (any case).")


def register(app: typer.Typer) -> None:
    app.command("since")(
        command(reports.since, mentor=MENTOR, start=SINCE_START, output=OUTPUT, **SHOWN)
    )
    app.command("agenda")(
        command(reports.agenda, mentor=MENTOR, as_markdown=MARKDOWN, output=OUTPUT, **SHOWN)
    )
    app.command("report")(
        command(
            reports.report,
            since=SINCE,
            until=UNTIL,
            period=PERIOD,
            mentor=MENTOR,
            output=OUTPUT,
            **SHOWN,
        )
    )
    app.command("milestones")(command(reports.milestones, mentor=MENTOR, output=OUTPUT, **SHOWN))
    filters = {"since": SINCE, "until": UNTIL, "goal": GOAL, "kind": KIND, "tag": TAG}
    app.command("timeline")(command(reports.timeline, **filters, **SHOWN))
    app.command("search")(command(reports.search, text=TEXT, **filters, **SHOWN))
    app.command("stats")(command(reports.stats, **SHOWN))
