"""`mentorlog roster`: a mentor's view of every mentee's journal under some folders."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from mentorlog import clock, messages
from mentorlog.cli.common import JSON
from mentorlog.cli.formats import FORMAT, OUTPUT
from mentorlog.command import warn
from mentorlog.output import View, choose, show

ROSTER = View(
    "Roster",
    "roster:render_roster",
    "roster:roster_markdown",
    tables=("mentees",),
    html="pages:roster_page",
    shape="Roster",
)


def register(app: typer.Typer) -> None:
    app.command("roster")(roster)


def roster(
    folders: list[Path] = typer.Argument(
        None, metavar="FOLDER", help="Where to look for journals (this folder)."
    ),
    mentor: str = typer.Option(
        None,
        "--mentor",
        metavar="NAME",
        help="Your name as the journals know it: only that "
        "relationship in each (else every running one).",
    ),
    form: str = FORMAT,
    as_json: bool = JSON,
    as_markdown: bool = typer.Option(False, "--markdown", help="The same as --format markdown."),
    output: Path = OUTPUT,
) -> None:
    """One row per mentee: meetings and lapses, overdue actions (yours apart), goals at risk
    and progress, open questions. Each journal is read, never changed."""
    from mentorlog.errors import InputError, MentorlogError
    from mentorlog.render.text import clean
    from mentorlog.report.roster import roster as build

    if as_markdown and (as_json or form not in (None, "markdown")):
        raise InputError(messages.CHOOSE_ONE_OUTPUT)
    form = "markdown" if as_markdown else form
    choose(ROSTER, form, as_json, "roster")
    places = folders or [Path.cwd()]
    data = build(places, clock.today(), mentor)
    if not data["mentees"] and not data["failed"]:
        raise MentorlogError(messages.NO_JOURNALS.format(folders=", ".join(str(f) for f in places)))
    for failure in data["failed"]:
        warn(messages.ROSTER_UNREADABLE.format(**failure))
    show(data, ROSTER, form, as_json, "roster", output=output)
    if data["failed"]:
        from mentorlog.report.rules import plural

        print(
            clean(messages.ROSTER_INCOMPLETE.format(count=plural(len(data["failed"]), "place"))),
            file=sys.stderr,
        )
        raise typer.Exit(1)
