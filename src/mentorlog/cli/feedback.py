"""`mentorlog feedback …`: feedback received and given, situation-behaviour-impact."""

from __future__ import annotations

import typer

from mentorlog import messages
from mentorlog.cli.common import (
    PRIVATE,
    SHOWN,
    TAGS,
    command,
    open_journal,
    text_or_stdin,
    wrote,
)
from mentorlog.command import parse_date_option
from mentorlog.reads import lists

app = typer.Typer(help="Feedback received and given: add, list.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    text: str = typer.Argument(
        None, help="Free text; '-' reads standard input.", callback=text_or_stdin
    ),
    received: bool = typer.Option(False, "--received", help="Feedback you received."),
    given: bool = typer.Option(False, "--given", help="Feedback you gave."),
    from_: str = typer.Option(
        "", "--from", help="Who gave it (you, when --given).", callback=text_or_stdin
    ),
    to: str = typer.Option(
        "", "--to", help="Who received it (you, when --received).", callback=text_or_stdin
    ),
    situation: str = typer.Option(
        "", "--situation", help="The situation (when and where).", callback=text_or_stdin
    ),
    behaviour: str = typer.Option(
        "", "--behaviour", "--behavior", help="The behaviour observed.", callback=text_or_stdin
    ),
    impact: str = typer.Option("", "--impact", help="Its impact.", callback=text_or_stdin),
    strength: list[str] = typer.Option(
        [], "--strength", help="A strength (repeatable).", callback=text_or_stdin
    ),
    improve: list[str] = typer.Option(
        [], "--improve", help="Something to improve (repeatable).", callback=text_or_stdin
    ),
    goal: str = typer.Option(None, "--goal", "-g", metavar="GOAL", help="The goal it is about."),
    session: str = typer.Option(
        None, "--session", "-s", metavar="SESSION", help="The session it came from."
    ),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When (today)."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Record feedback received or given."""
    from mentorlog.core.notes import FeedbackDraft, Links, add_feedback
    from mentorlog.errors import InputError

    if received == given:
        raise InputError(messages.FEEDBACK_DIRECTION)
    day = parse_date_option(on, "--date")
    draft = FeedbackDraft(
        direction="received" if received else "given",
        text=text or "",
        from_=from_,
        to=to,
        situation=situation,
        behaviour=behaviour,
        impact=impact,
        strengths=tuple(strength),
        improvements=tuple(improve),
    )
    result = add_feedback(open_journal(ctx), draft, Links(goal, session), day, tag, private)
    wrote("Added", "feedback", result.entry.id[:7], result.path)


app.command("list")(
    command(
        lists.list_feedback,
        direction=typer.Option(None, "--direction", metavar="DIRECTION", help="received or given"),
        **SHOWN,
    )
)
