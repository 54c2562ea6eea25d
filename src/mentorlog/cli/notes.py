"""`mentorlog reflect` and `mentorlog ask`: notes written between meetings."""

from __future__ import annotations

import typer

from mentorlog import messages
from mentorlog.cli.common import (
    PRIVATE,
    TAGS,
    ask_lines,
    goal_option,
    interactive,
    mentor_option,
    open_journal,
    parse_date_option,
    read_stdin,
    wrote,
)


def register(app: typer.Typer) -> None:
    app.command("reflect")(reflect)
    app.command("ask")(ask)
    app.command("win")(win)


def win(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="What you achieved."),
    goal: str = goal_option("The goal it is about."),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When (today)."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Record a win worth celebrating: `report` lists it beside milestones reached."""
    from mentorlog.core.notes import add_win

    result = add_win(open_journal(ctx), text, goal, parse_date_option(on, "--date"), tag, private)
    wrote("Recorded", "win", result.entry.id[:7], result.path)


def reflect(
    ctx: typer.Context,
    text: str = typer.Argument(
        None,
        help="The reflection; '-' reads standard input; omit it on a terminal for guided prompts.",
    ),
    goal: str = goal_option("The goal it is about."),
    session: str = typer.Option(None, "--session", "-s", help="The session it is about."),
    on: str = typer.Option(None, "--date", metavar="DATE", help="The date (today)."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Write a reflection (guided prompts on a terminal when no TEXT is given)."""
    from mentorlog.core.notes import REFLECTION_PROMPTS, Links, add_reflection
    from mentorlog.errors import InputError

    day = parse_date_option(on, "--date")
    answers: list[tuple[str, str]] = []
    if text == "-":
        text = read_stdin("reflection")
    elif text is None:
        if not interactive():
            raise InputError(
                messages.NO_TERMINAL_PROMPT.format(
                    what="TEXT", how="give the reflection as an argument or '-' for standard input"
                )
            )
        print(messages.GUIDED_REFLECTION)
        for prompt in REFLECTION_PROMPTS:
            answers.append((prompt, ask_lines(prompt)))
        text = ""
    journal = open_journal(ctx)
    result = add_reflection(journal, text, answers, Links(goal, session), day, tag, private)
    wrote("Added", "reflection", result.entry.id[:7], result.path)


def ask(
    ctx: typer.Context,
    question: str = typer.Argument(..., help="The question to bring to the next session."),
    goal: str = goal_option("The goal it is about."),
    mentor: str = mentor_option("The mentor to ask (any of them when not given)."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Note a question for the next session (a session marks it discussed)."""
    from mentorlog.core.notes import add_question

    result = add_question(open_journal(ctx), question, goal, tag, private, mentor)
    wrote("Noted", "question", result.entry.id[:7], result.path)
