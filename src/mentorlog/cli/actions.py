"""`mentorlog action …`: the action items agreed in sessions."""

from __future__ import annotations

import typer

from mentorlog import clock
from mentorlog.cli.common import (
    JSON,
    changed,
    emit_json,
    open_journal,
    parse_date_option,
    warn_problems,
)

app = typer.Typer(help="Action items from sessions: list, done.", no_args_is_help=True)


@app.command("list")
def list_actions(
    ctx: typer.Context,
    include_all: bool = typer.Option(False, "--all", "-a", help="Include done items."),
    as_json: bool = JSON,
) -> None:
    """Open action items, oldest first, with the session each came from."""
    from mentorlog.report.actions import action_rows

    journal = open_journal(ctx)
    entries = journal.load(["session"])
    warn_problems(entries.problems)
    rows = action_rows(entries.sessions, clock.today(), include_all)
    if as_json:
        emit_json({"actions": rows})
        return
    from mentorlog.render.console import screen
    from mentorlog.render.status import action_table
    from mentorlog.render.text import clean_data

    with screen() as console:
        if not rows:
            console.print("No open action items." if not include_all else "No action items yet.")
            return
        console.print(action_table(clean_data(rows)))


@app.command("done")
def done(
    ctx: typer.Context,
    action: str = typer.Argument(..., help="A unique prefix of the action item's id."),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When it was done (today)."),
) -> None:
    """Mark an action item done."""
    from mentorlog.core.sessions import complete_action

    day = parse_date_option(on, "--date")
    item, path = complete_action(open_journal(ctx), action, day)
    changed(path, f"Done: {item.text}")
