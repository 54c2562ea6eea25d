"""`mentorlog mentor …`: record a mentoring agreement, list relationships, conclude one."""

from __future__ import annotations

import typer

from mentorlog import clock, messages
from mentorlog.cli.common import (
    JSON,
    ask_lines,
    changed,
    interactive,
    open_journal,
    output,
    parse_date_option,
    read_stdin,
    warn_problems,
)
from mentorlog.render.text import clean

app = typer.Typer(help="Mentoring relationships: agree, list, conclude.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The mentor's name."),
    cadence: int = typer.Option(30, "--cadence", min=1, max=3650, metavar="DAYS",
                                help="Agreed days between meetings (30 for monthly)."),
    expectations: str = typer.Option("", "--expectations", metavar="TEXT",
                                     help="What each of you expects from the relationship."),
    boundaries: str = typer.Option("", "--boundaries", metavar="TEXT",
                                   help="Boundaries and confidentiality agreed."),
    started: str = typer.Option(None, "--started", metavar="DATE", help="When it began (today)."),
) -> None:
    """Record a mentoring agreement: a cadence, expectations and boundaries."""
    from mentorlog.core.mentors import add_mentor

    result = add_mentor(open_journal(ctx), name, cadence, expectations, boundaries,
                        parse_date_option(started, "--started"))
    changed(result.path, f"Added mentor {result.mentor.name} (every {cadence} days)")


@app.command("conclude")
def conclude(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The mentor's name."),
    retrospective: str = typer.Option(
        None, "--retrospective", "-r", metavar="TEXT",
        help="The closing retrospective; '-' reads standard input; omit it on a terminal for "
             "guided prompts."),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When it ended (today)."),
) -> None:
    """Conclude a relationship: its end date and a closing retrospective."""
    from mentorlog.core.mentors import (
        RETROSPECTIVE_PROMPTS,
        compose_retrospective,
        conclude_mentor,
        find_mentor,
    )

    day = parse_date_option(on, "--date")
    journal = open_journal(ctx)
    text = retrospective or ""
    if retrospective == "-":
        text = read_stdin("retrospective")
    elif retrospective is None and interactive():
        mentor = find_mentor(journal, name)  # say "unknown mentor" before asking anything
        print(clean(f"A closing retrospective with {mentor.name}. Leave an answer blank to "
                    "skip it."))
        text = compose_retrospective([(p, ask_lines(p)) for p in RETROSPECTIVE_PROMPTS])
    result = conclude_mentor(journal, name, text, day)
    ended = result.mentor.ended.isoformat() if result.mentor.ended else ""
    changed(result.path, f"Concluded the relationship with {result.mentor.name} on {ended}")
    if not result.mentor.retrospective:
        print(messages.NO_RETROSPECTIVE)
    if result.default_cleared:
        print(clean(messages.DEFAULT_MENTOR_CLEARED.format(name=result.mentor.name)))


@app.command("list")
def list_mentors(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every relationship: cadence, sessions, and whether it is running or concluded."""
    from mentorlog.report.health import meeting

    journal = open_journal(ctx)
    entries = journal.load(["session"])
    warn_problems(entries.problems)
    today = clock.today()
    rows = []
    for mentor in journal.config.mentors:
        row = meeting(mentor, entries.sessions, today)
        row.update({"expectations": mentor.expectations, "boundaries": mentor.boundaries,
                    "retrospective": mentor.retrospective})
        rows.append(row)
    output({"mentors": rows}, as_json, "mentors:render_mentors")
