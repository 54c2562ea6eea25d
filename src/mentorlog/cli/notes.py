"""`mentorlog reflect` and `mentorlog ask`: notes written between meetings."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorlog import drafts, messages
from mentorlog.cli.common import (
    PRIVATE,
    TAGS,
    ask_lines,
    goal_option,
    interactive,
    mentor_option,
    open_journal,
    text_or_stdin,
    wrote,
)
from mentorlog.command import parse_date_option, warn


def register(app: typer.Typer) -> None:
    app.command("reflect")(reflect)
    app.command("ask")(ask)
    app.command("win")(win)


def win(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="What you achieved.", callback=text_or_stdin),
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
        callback=text_or_stdin,
    ),
    goal: str | None = goal_option("The goal it is about."),
    session: str | None = typer.Option(None, "--session", "-s", help="The session it is about."),
    on: str | None = typer.Option(None, "--date", metavar="DATE", help="The date (today)."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
    resume: bool = typer.Option(
        False, "--resume", help="Go on with the guided reflection that was interrupted."
    ),
) -> None:
    """Write a reflection (guided prompts on a terminal when no TEXT is given; answers are kept
    as they are typed, and --resume goes on after an interruption)."""
    from mentorlog.core.notes import Links, add_reflection
    from mentorlog.errors import InputError, MentorlogError

    journal = open_journal(ctx)
    answers: list[tuple[str, str]] = []
    if resume:
        kept = drafts.kept(journal.root, REFLECTION_DRAFT)
        if kept is None:
            raise MentorlogError(messages.NOTHING_TO_RESUME_REFLECTION)
        answers = [(str(p), str(a)) for p, a in kept.get("answers", [])]
        goal = goal or kept.get("goal") or None
        session = session or kept.get("session") or None
        on = on or kept.get("date") or None
        tag = tag or list(kept.get("tags", []))
        private = private or bool(kept.get("private"))
    day = parse_date_option(on, "--date")
    if text is None:
        if not interactive() and not resume:
            raise InputError(
                messages.NO_TERMINAL_PROMPT.format(
                    what="TEXT", how="give the reflection as an argument or '-' for standard input"
                )
            )
        if interactive():
            keeping = {
                "goal": goal,
                "session": session,
                "date": day.isoformat() if day else None,
                "tags": tag,
                "private": private,
            }
            answers = _guided(journal.root, answers, keeping)
        text = ""
    result = add_reflection(journal, text, answers, Links(goal, session), day, tag, private)
    drafts.forget(journal.root, REFLECTION_DRAFT)
    wrote("Added", "reflection", result.entry.id[:7], result.path)


REFLECTION_DRAFT = "reflection"


def _guided(
    root: Path, answers: list[tuple[str, str]], keeping: dict[str, object]
) -> list[tuple[str, str]]:
    """Ask the prompts not answered yet, keeping each answer as soon as it is typed: Ctrl-C or
    Ctrl-D loses nothing, and `reflect --resume` goes on from the prompt it stopped at."""
    from mentorlog.core.notes import REFLECTION_PROMPTS
    from mentorlog.render.text import clean

    print(messages.GUIDED_REFLECTION)
    for prompt, answer in answers:
        print(clean(f"{prompt}\n> {answer}", one_line=False))
    answers = list(answers)
    for prompt in REFLECTION_PROMPTS[len(answers) :]:
        try:
            answer = ask_lines(prompt)
        except (KeyboardInterrupt, EOFError) as stop:
            print()
            if any(a.strip() for _, a in answers):
                warn(messages.REFLECTION_KEPT.format(count=len(answers), prompt=prompt))
            else:
                drafts.forget(root, REFLECTION_DRAFT)
                warn(messages.REFLECTION_CANCELLED)
            raise typer.Exit(130 if isinstance(stop, KeyboardInterrupt) else 1) from None
        answers.append((prompt, answer))
        drafts.keep(root, REFLECTION_DRAFT, {**keeping, "answers": answers})
    return answers


def ask(
    ctx: typer.Context,
    question: str = typer.Argument(
        ..., help="The question to bring to the next session.", callback=text_or_stdin
    ),
    goal: str = goal_option("The goal it is about."),
    mentor: str = mentor_option("The mentor to ask (any of them when not given)."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Note a question for the next session (a session marks it discussed)."""
    from mentorlog.core.notes import add_question

    result = add_question(open_journal(ctx), question, goal, tag, private, mentor)
    wrote("Noted", "question", result.entry.id[:7], result.path)
