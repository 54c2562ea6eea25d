"""`mentorlog action …`: the action items agreed in sessions."""

from __future__ import annotations

import typer

from mentorlog import messages
from mentorlog.cli import complete
from mentorlog.cli.common import (
    SHOWN,
    changed,
    command,
    goal_option,
    open_journal,
    text_or_stdin,
    warn_past_due,
)
from mentorlog.command import parse_date_option, parse_moment_option
from mentorlog.reads import lists

app = typer.Typer(help="Action items: list, add, edit, done, drop.", no_args_is_help=True)
ACTION = typer.Argument(
    ...,
    autocompletion=complete.actions,
    help="The action item: a unique prefix of its id, or the first words of its text.",
)
OWNER_HELP = "Who promised it: me (the default), mentor (the session's), or a mentor's name."


app.command("list")(
    command(
        lists.list_actions,
        include_all=typer.Option(False, "--all", help="Include done and dropped items."),
        **SHOWN,
    )
)


@app.command("add")
def add(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="What is to be done.", callback=text_or_stdin),
    owner: str = typer.Option(None, "--owner", metavar="WHO", help=OWNER_HELP),
    due: str = typer.Option(
        None, "--due", metavar="DATE", help="When it is due: a day, or a day and a time."
    ),
    goal: str = goal_option("The goal it serves."),
    session: str = typer.Option(
        None, "--session", metavar="SESSION", help="The session that agreed it (the latest one)."
    ),
) -> None:
    """Add an action item to a session (the latest one unless --session)."""
    from mentorlog.core.actions import add_action

    due_day, due_at = parse_moment_option(due, "--due")
    result = add_action(open_journal(ctx), text, owner, due_day, goal, session, due_at)
    changed(
        result.path,
        f"Added action {result.action.id[:7]} to the session of "
        f"{result.session.date.isoformat()}: {result.action.text}",
    )
    warn_past_due(result.action.due)


@app.command("edit")
def edit(
    ctx: typer.Context,
    action: str = ACTION,
    text: str = typer.Option(
        None, "--text", metavar="TEXT", help="New words for it.", callback=text_or_stdin
    ),
    due: str = typer.Option(
        None, "--due", metavar="DATE", help="A new due date (a day, or a day and a time)."
    ),
    no_due: bool = typer.Option(False, "--no-due", help="Take the due date away."),
    owner: str = typer.Option(None, "--owner", metavar="WHO", help=OWNER_HELP),
    goal: str = goal_option("The goal it serves ('' to unlink)."),
) -> None:
    """Revise an action item: its words, due date, owner or goal (kept in its history)."""
    from mentorlog.core.actions import edit_action
    from mentorlog.errors import InputError

    if due is not None and no_due:
        raise InputError(messages.DUE_OR_NO_DUE)
    due_day, due_at = parse_moment_option(due, "--due")
    result = edit_action(open_journal(ctx), action, text, due_day, no_due, owner, goal, due_at)
    changed(
        result.path,
        messages.DID_ACTION_EDIT.format(handle=result.action.id[:7], text=result.action.text),
    )
    warn_past_due(due_day)


@app.command("drop")
def drop(
    ctx: typer.Context,
    action: str = ACTION,
    note: str = typer.Option(
        "", "--note", metavar="TEXT", help="Why it is dropped.", callback=text_or_stdin
    ),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When (today)."),
) -> None:
    """Drop an action item no longer worth doing (it stays in its session's history)."""
    from mentorlog.core.actions import drop_action

    result = drop_action(open_journal(ctx), action, parse_date_option(on, "--date"), note)
    changed(result.path, messages.DID_ACTION_DROP.format(text=result.action.text))


@app.command("done")
def done(
    ctx: typer.Context,
    action: str = ACTION,
    on: str = typer.Option(None, "--date", metavar="DATE", help="When it was done (today)."),
) -> None:
    """Mark an action item done."""
    from mentorlog.core.sessions import complete_action

    day = parse_date_option(on, "--date")
    item, path = complete_action(open_journal(ctx), action, day)
    changed(path, messages.DID_ACTION_DONE.format(text=item.text))
