"""`mentorlog session …`: log a meeting right after it, list and read sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mentorlog import clock, messages
from mentorlog.cli import complete
from mentorlog.cli.common import (
    EDIT_CLEAR,
    EDIT_RESUME,
    EDIT_SET,
    EDIT_TAGS,
    PRIVATE,
    SHOWN,
    TAGS,
    command,
    goal_confidence,
    interactive,
    mentor_option,
    open_journal,
    text_or_stdin,
    wrote,
)
from mentorlog.command import parse_date_option, parse_moment_option, warn, warn_problems
from mentorlog.reads import lists
from mentorlog.render.text import clean

if TYPE_CHECKING:
    from mentorlog.core.sessions import SessionDraft, SessionWritten
    from mentorlog.journal import Journal
    from mentorlog.model import Mentor, Session

app = typer.Typer(help="Sessions: log a meeting, list them, show one.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    on: str = typer.Option(None, "--date", "-d", metavar="DATE", help="When it was (today)."),
    mentor: str = mentor_option("Who with (the only or default mentor)."),
    duration: int = typer.Option(
        None,
        "--duration",
        min=0,
        max=1440,
        metavar="MINUTES",
        help="How long it lasted, in minutes.",
    ),
    title: str = typer.Option(
        "", "--title", metavar="TEXT", help="A short title.", callback=text_or_stdin
    ),
    topic: list[str] = typer.Option(
        [], "--topic", help="A topic discussed (repeatable).", callback=text_or_stdin
    ),
    goal: list[str] = typer.Option(
        [],
        "--goal",
        "-g",
        metavar="GOAL",
        autocompletion=complete.goals,
        help="A goal discussed (repeatable).",
    ),
    notes: str = typer.Option(
        None, "--notes", help="The notes; '-' reads standard input.", callback=text_or_stdin
    ),
    action: list[str] = typer.Option(
        [],
        "--action",
        "-a",
        help="An action item agreed (repeatable); due by the next meeting when it is set.",
        callback=text_or_stdin,
    ),
    mentor_action: list[str] = typer.Option(
        [],
        "--mentor-action",
        metavar="TEXT",
        help="Something the mentor agreed to do (repeatable); followed up in the agenda.",
        callback=text_or_stdin,
    ),
    next_meeting: str = typer.Option(
        None,
        "--next",
        metavar="DATE",
        help="The next meeting: a day, or a day and a time ('friday 15:30').",
    ),
    rating: int = typer.Option(
        None,
        "--rating",
        min=1,
        max=5,
        metavar="1-5",
        help="How useful the session was: 1 (not at all) to 5 (very).",
    ),
    confidence: list[str] = typer.Option(
        [],
        "--confidence",
        metavar="GOAL=1-5",
        help="How sure you are of reaching a goal discussed, 1 (not at all) to 5 (sure); "
        "repeatable. Recorded as a check-in at the goal's progress.",
    ),
    done: list[str] = typer.Option(
        [], "--done", metavar="ACTION", help="Mark an open action item done (repeatable)."
    ),
    discussed: list[str] = typer.Option(
        [], "--discussed", metavar="QUESTION", help="Mark a question discussed (repeatable)."
    ),
    edit: bool = typer.Option(False, "--edit", "-e", help="Write the session in $EDITOR."),
    resume: bool = typer.Option(
        False, "--resume", help="Reopen the last template that could not be saved, as you left it."
    ),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Log a session right after the meeting (opens $EDITOR on a terminal when no notes)."""
    from mentorlog.core.sessions import SessionDraft, add_session

    next_day, next_at = parse_moment_option(next_meeting, "--next")
    draft = SessionDraft(
        day=parse_date_option(on, "--date") or clock.today(),
        mentor=mentor,
        duration=duration,
        title=title,
        topics=topic,
        goals=goal,
        notes=notes or "",
        actions=action,
        next=next_day,
        next_at=next_at,
        done_actions=done,
        confidence=[goal_confidence(pair) for pair in confidence],
        discussed=discussed,
        tags=tag,
        private=private,
        rating=rating,
        mentor_actions=mentor_action,
    )
    journal = open_journal(ctx)
    editing = resume or edit or (notes is None and interactive())
    if draft.mentor is None and not editing and interactive():
        draft.mentor = _ask_mentor(journal)
    result = _add_from_editor(journal, draft, resume) if editing else add_session(journal, draft)
    wrote("Added", "session", result.session.id[:7], result.path)
    _warn_about_dates(journal, result.session)
    for item in result.actions_done:
        print(clean(f"  done: {item.text}"))
    for question in result.questions_discussed:
        print(clean(f"  discussed: {question.text}"))
    if result.review is not None:
        print(messages.DID_REVIEW_IN_SESSION.format(handle=result.review.id[:7]))


def _ask_mentor(journal: Journal) -> str | None:
    """With several relationships running and no default, ask (on a terminal) which one."""
    if journal.default_mentor() is not None:
        return None
    running = [m.name for m in journal.config.mentors if m.ended is None]
    if len(running) < 2:
        return None
    print(messages.ASK_MENTOR)
    for number, name in enumerate(running, start=1):
        print(clean(f"  {number}. {name}"))
    while True:
        answer = input("> ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(running):
            return running[int(answer) - 1]
        if answer:
            return answer  # a name, or its beginning: checked as --mentor is


def _template_mentor(journal: Journal, draft: SessionDraft) -> Mentor | None:
    """The relationship the template is for (None when it cannot be told yet)."""
    from mentorlog.errors import MentorlogError
    from mentorlog.handles import find_mentor

    name = draft.mentor or journal.default_mentor()
    try:
        return find_mentor(journal.config.mentors, name) if name else None
    except MentorlogError:
        return None


def _warn_about_dates(journal: Journal, session: Session) -> None:
    today = clock.today()
    if session.date > today:
        warn(
            messages.SESSION_IN_FUTURE.format(
                date=session.date.isoformat(), days=(session.date - today).days
            )
        )
    if session.next is not None and session.next < session.date:
        warn(
            messages.NEXT_BEFORE_SESSION.format(
                next=session.next.isoformat(), date=session.date.isoformat()
            )
        )
    mentor = journal.config.mentor(session.mentor)
    if mentor is not None and session.date < mentor.started:
        warn(
            messages.SESSION_BEFORE_START.format(
                date=session.date.isoformat(),
                mentor=mentor.name,
                started=mentor.started.isoformat(),
            )
        )


def _add_from_editor(journal: Journal, draft: SessionDraft, resume: bool) -> SessionWritten:
    """Write the session in $EDITOR. Text that cannot be saved (a bad line, an unknown goal) is
    kept outside the journal, and `session add --resume` reopens it."""
    from mentorlog.cli import template as editor
    from mentorlog.core.mentors import review_due
    from mentorlog.core.sessions import add_session
    from mentorlog.errors import MentorlogError
    from mentorlog.report.agenda import agenda

    if resume:
        kept = editor.kept_template(journal.root)
        if kept is None:
            raise MentorlogError(messages.NOTHING_TO_RESUME)
        template, start = kept
    else:
        loaded = journal.load()
        warn_problems(loaded.problems)
        mentor = _template_mentor(journal, draft)
        config, scoped = journal.config, loaded
        if mentor is not None:  # that relationship's items alone
            from mentorlog.report.scope import for_mentor

            config, scoped, _ = for_mentor(config, loaded, mentor.name)
        template = start = editor.build_template(
            draft,
            mentor.name if mentor else draft.mentor or "",
            agenda(config, scoped, clock.today(), mentor.name if mentor else None),
            review=mentor is not None
            and review_due(journal, mentor, loaded.sessions, loaded.reviews),
        )
    text = editor.edit_text(start)
    if editor.is_cancelled(template, text) and not resume:
        warn(messages.CANCELLED)
        raise typer.Exit(1)
    try:
        reading = editor.read_template(text, draft, clock.today(), template)
        result = add_session(journal, reading.draft)
    except MentorlogError as error:
        editor.keep_template(journal.root, template, text)
        error.hint = messages.TEMPLATE_KEPT
        raise
    editor.forget_template(journal.root)
    for notice in reading.notices:
        warn(notice)
    return result


app.command("list")(
    command(
        lists.list_sessions,
        since=typer.Option(None, "--since", metavar="DATE", help="From this date on."),
        until=typer.Option(None, "--until", metavar="DATE", help="Up to this date."),
        **SHOWN,
    )
)


app.command("show")(
    command(
        lists.show_session,
        session=typer.Argument(
            ..., help="A unique prefix of the session's id.", autocompletion=complete.sessions
        ),
        **SHOWN,
    )
)


@app.command("edit")
def edit_session(
    ctx: typer.Context,
    session: str = typer.Argument(
        ..., help="A unique prefix of the session's id.", autocompletion=complete.sessions
    ),
    on: str = typer.Option(None, "--date", "-d", metavar="DATE", help="A new date."),
    title: str = typer.Option(
        None, "--title", metavar="TEXT", help="A new title.", callback=text_or_stdin
    ),
    notes: str = typer.Option(
        None, "--notes", metavar="TEXT", help="New notes.", callback=text_or_stdin
    ),
    tag: list[str] = EDIT_TAGS,
    assign: list[str] = EDIT_SET,
    clear: list[str] = EDIT_CLEAR,
    resume: bool = EDIT_RESUME,
) -> None:
    """Correct a session (the same as `mentorlog edit SESSION`): with no option, on a terminal,
    $EDITOR opens on its fields. Action items have `action edit`."""
    from mentorlog.cli.edit import run_edit

    run_edit(ctx, session, on, title, None, notes, tag, assign, clear, resume, "session")
