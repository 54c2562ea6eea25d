"""`mentorlog roster`: a mentor's view of every mentee's journal under some folders."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from mentorlog import clock, messages
from mentorlog.cli.common import JSON, emit_json, output, warn


def register(app: typer.Typer) -> None:
    app.command("roster")(roster)


def roster(
    folders: list[Path] = typer.Argument(None, metavar="[FOLDER]...",
                                         help="Where to look for journals (this folder)."),
    mentor: str = typer.Option(None, "--mentor", metavar="NAME",
                               help="Your name as the journals know it: only that "
                                    "relationship in each (else every running one)."),
    as_json: bool = JSON,
    as_markdown: bool = typer.Option(False, "--markdown", help="Print a Markdown document."),
) -> None:
    """One row per mentee: meetings and lapses, overdue actions (yours apart), goals at risk
    and progress, open questions. Each journal is read, never changed."""
    from mentorlog.errors import InputError, MentorlogError
    from mentorlog.render.text import clean, clean_data
    from mentorlog.report.roster import roster as build

    if as_json and as_markdown:
        raise InputError("Choose one of --json and --markdown.")
    places = folders or [Path.cwd()]
    data = build(places, clock.today(), mentor)
    if not data["mentees"] and not data["failed"]:
        raise MentorlogError(messages.NO_JOURNALS.format(
            folders=", ".join(str(f) for f in places)))
    for failure in data["failed"]:
        warn(f"Warning: could not read {failure['journal']}: {failure['problem']}")
    if as_markdown:
        from mentorlog.render.roster import roster_markdown

        sys.stdout.write(roster_markdown(clean_data(data)))
    elif as_json:
        emit_json(data)
    else:
        output(data, False, "roster:render_roster")
    if data["failed"]:
        from mentorlog.report.rules import plural

        print(clean(messages.ROSTER_INCOMPLETE.format(
            count=plural(len(data["failed"]), "place"))), file=sys.stderr)
        raise typer.Exit(1)
