"""`mentorlog goal …`: set SMART goals, check in, reach milestones, review a goal's history."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import typer

from mentorlog import clock, messages
from mentorlog.cli import complete
from mentorlog.cli.common import (
    PRIVATE,
    SHOWN,
    TAGS,
    changed,
    command,
    interactive,
    mentor_option,
    open_journal,
    parse_confidence,
    text_or_stdin,
    warn_past_due,
    wrote,
)
from mentorlog.cli.formats import OUTPUT
from mentorlog.command import parse_date_option, parse_moment_option, warn
from mentorlog.errors import InputError
from mentorlog.reads import lists
from mentorlog.render.text import clean

if TYPE_CHECKING:
    from mentorlog.core.goals import OpenMilestones
    from mentorlog.journal import Journal

app = typer.Typer(
    help="SMART goals: add, edit, list, show, progress, milestones, status, rename, delete.",
    no_args_is_help=True,
)

GOAL = typer.Argument(
    ..., help="The goal's slug or a unique prefix of its id.", autocompletion=complete.goals
)


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(
        ..., help="A short title; its slug becomes the goal's handle.", callback=text_or_stdin
    ),
    what: str = typer.Option(
        "", "--what", help="Specific: what exactly you will do.", callback=text_or_stdin
    ),
    measure: str = typer.Option(
        "", "--measure", help="Measurable: how progress is measured.", callback=text_or_stdin
    ),
    target: str = typer.Option(
        "", "--target", help="Achievable: the target to reach.", callback=text_or_stdin
    ),
    why: str = typer.Option("", "--why", help="Relevant: why it matters.", callback=text_or_stdin),
    due: str = typer.Option(None, "--due", metavar="DATE", help="Time-bound: the due date."),
    milestone: list[str] = typer.Option(
        [],
        "--milestone",
        "-m",
        metavar="TITLE[@DATE]",
        help="A milestone, with its due date after '@' if it has one: -m 'Dry run@2026-09-01' "
        "(repeatable).",
        callback=text_or_stdin,
    ),
    mentor: str = mentor_option("The relationship this goal is worked on in."),
    tag: list[str] = TAGS,
    private: bool = PRIVATE,
) -> None:
    """Add a SMART goal (warns when it has no measure or due date yet)."""
    from mentorlog.core.goals import add_goal

    due_date = parse_date_option(due, "--due")
    planned = [split_milestone(m) for m in milestone]
    journal = open_journal(ctx)
    result = add_goal(
        journal,
        title,
        what=what,
        measure=measure,
        target=target,
        why=why,
        due=due_date,
        milestones=planned,
        tags=tag,
        private=private,
        mentor=mentor,
    )
    wrote("Added", "goal", result.entry.slug, result.path)
    warn_past_due(due_date)
    for title_, day in planned:
        warn_past_due(day, f"-m '{title_}@'")
    if result.entry.smart_gaps:
        warn(
            messages.NOT_SMART.format(
                title=result.entry.title, gaps=" or ".join(result.entry.smart_gaps)
            )
        )


def split_milestone(value: str) -> tuple[str, date | None]:
    """`Dry run@2026-09-01` is a title and a due date (any DATE form, looking forward). An '@'
    followed by something that is no date stays in the title (`Email @team`), unless it starts
    with a digit: a mistyped date is an error, never a title."""
    from mentorlog.dates import parse_date
    from mentorlog.errors import InputError

    title, at, when = value.rpartition("@")
    if not at or not title.strip() or not when.strip():
        return value.strip(), None
    try:
        return title.strip(), parse_date(when, clock.today(), forward=True)
    except InputError as error:
        if when.strip()[:1].isascii() and when.strip()[:1].isdigit():
            raise InputError(
                messages.BAD_OPTION_VALUE.format(option=f"-m '{value}'", problem=error.message)
            ) from None
        return value.strip(), None


@app.command("edit")
def edit(
    ctx: typer.Context,
    goal: str = GOAL,
    title: str = typer.Option(
        None, "--title", help="A new title (the slug stays).", callback=text_or_stdin
    ),
    what: str = typer.Option(
        None, "--what", help="Specific: what exactly you will do.", callback=text_or_stdin
    ),
    measure: str = typer.Option(
        None, "--measure", help="Measurable: how progress is measured.", callback=text_or_stdin
    ),
    target: str = typer.Option(
        None, "--target", help="Achievable: the target to reach.", callback=text_or_stdin
    ),
    why: str = typer.Option(
        None, "--why", help="Relevant: why it matters.", callback=text_or_stdin
    ),
    due: str = typer.Option(None, "--due", metavar="DATE", help="Time-bound: a new due date."),
    mentor: str = mentor_option("The relationship it is worked on in ('' for none)."),
) -> None:
    """Change a goal's title, SMART parts or mentor (every earlier value stays in its
    history)."""
    from mentorlog.core.goals import edit_goal

    due_date = parse_date_option(due, "--due")
    result = edit_goal(
        open_journal(ctx),
        goal,
        title=title,
        what=what,
        measure=measure,
        target=target,
        why=why,
        due=due_date,
        mentor=mentor,
    )
    changed(result.path, messages.DID_GOAL_EDIT.format(slug=result.entry.slug))
    warn_past_due(due_date)


app.command("list")(
    command(
        lists.list_goals,
        include_all=typer.Option(
            False, "--all", help="Include paused, achieved and dropped goals."
        ),
        tag=typer.Option(None, "--tag", "-t", metavar="TAG", help="Only goals with this tag."),
        **SHOWN,
    )
)


app.command("show")(command(lists.show_goal, goal=GOAL, output=OUTPUT, **SHOWN))


@app.command("progress")
def progress(
    ctx: typer.Context,
    goal: str = GOAL,
    percent: str = typer.Argument(..., help="Progress from 0 to 100."),
    note: str = typer.Option(
        "", "--note", "-n", help="What moved (or did not).", callback=text_or_stdin
    ),
    on: str = typer.Option(None, "--date", metavar="DATE", help="The check-in date (today)."),
    confidence: str = typer.Option(
        None,
        "--confidence",
        "-c",
        metavar="1-5",
        help="How sure you are of reaching the goal: 1 (not at all) to 5 (sure).",
    ),
) -> None:
    """Record a progress check-in (and, if you like, how confident you are)."""
    from mentorlog.core.goals import record_progress
    from mentorlog.errors import InputError

    value = percent.strip().removesuffix("%").strip()
    # ASCII digits only: "²".isdigit() is true, and int() would refuse it.
    if not (value.isascii() and value.isdigit()):
        raise InputError(messages.BAD_PERCENT.format(value=percent))
    day = parse_date_option(on, "--date")
    sure = parse_confidence(confidence)
    result = record_progress(open_journal(ctx), goal, int(value), note, day, sure)
    changed(result.path, messages.DID_CHECKIN.format(slug=result.entry.slug, percent=int(value)))


@app.command("milestone")
def milestone(
    ctx: typer.Context,
    goal: str = GOAL,
    title: str = typer.Argument(..., help="What the milestone is.", callback=text_or_stdin),
    due: str = typer.Option(
        None, "--due", metavar="DATE", help="When it is due: a day, or a day and a time."
    ),
) -> None:
    """Add a milestone to a goal."""
    from mentorlog.core.goals import add_milestone

    due_date, due_at = parse_moment_option(due, "--due")
    result = add_milestone(open_journal(ctx), goal, title, due_date, due_at)
    number = len(result.entry.milestones)
    changed(result.path, messages.DID_MILESTONE_ADD.format(number=number, slug=result.entry.slug))
    warn_past_due(due_date)


MILESTONE = typer.Argument(..., help="The milestone's number or the start of its title.")


@app.command("milestone-edit")
def milestone_edit(
    ctx: typer.Context,
    goal: str = GOAL,
    milestone: str = MILESTONE,
    title: str = typer.Option(
        None, "--title", metavar="TEXT", help="A new title.", callback=text_or_stdin
    ),
    due: str = typer.Option(
        None, "--due", metavar="DATE", help="A new due date (a day, or a day and a time)."
    ),
    no_due: bool = typer.Option(False, "--no-due", help="Take the due date away."),
) -> None:
    """Rename a milestone or move its date (the earlier values stay in the goal's history)."""
    from mentorlog.core.goals import edit_milestone
    from mentorlog.errors import InputError

    if due is not None and no_due:
        raise InputError(messages.DUE_OR_NO_DUE)
    due_date, due_at = parse_moment_option(due, "--due")
    result, target = edit_milestone(
        open_journal(ctx), goal, milestone, title, due_date, no_due, due_at
    )
    changed(
        result.path,
        messages.DID_MILESTONE_EDIT.format(title=target.title, slug=result.entry.slug),
    )
    warn_past_due(due_date)


@app.command("milestone-remove")
def milestone_remove(ctx: typer.Context, goal: str = GOAL, milestone: str = MILESTONE) -> None:
    """Take a milestone out of the plan (the removal stays in the goal's history)."""
    from mentorlog.core.goals import remove_milestone

    result, target = remove_milestone(open_journal(ctx), goal, milestone)
    changed(
        result.path,
        messages.DID_MILESTONE_REMOVE.format(title=target.title, slug=result.entry.slug),
    )


@app.command("achieve")
def achieve(
    ctx: typer.Context,
    goal: str = GOAL,
    milestone: str = typer.Argument(
        None, help="The milestone's number or title prefix; without it the goal itself is achieved."
    ),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When (today)."),
    note: str = typer.Option(
        "",
        "--note",
        "-n",
        metavar="TEXT",
        help="A word on it (kept in the goal's history).",
        callback=text_or_stdin,
    ),
    reach_milestones: bool = typer.Option(
        False, "--reach-milestones", help="Achieving the goal, mark its open milestones reached."
    ),
    leave_milestones: bool = typer.Option(
        False, "--leave-milestones", help="Achieving the goal, leave its open milestones open."
    ),
) -> None:
    """Mark a milestone reached, or the whole goal achieved (asking, on a terminal, what
    becomes of milestones still open)."""
    from mentorlog.core.goals import achieve as achieve_goal

    if reach_milestones and leave_milestones:
        raise InputError(messages.REACH_OR_LEAVE)
    day = parse_date_option(on, "--date")
    journal = open_journal(ctx)
    choice: OpenMilestones = (
        "reach" if reach_milestones else "leave" if leave_milestones else "refuse"
    )
    if milestone is None and choice == "refuse" and interactive():
        choice = _ask_open_milestones(journal, goal, day)
    result, reached = achieve_goal(journal, goal, milestone, day, note, choice)
    if reached is not None:
        changed(
            result.path,
            messages.DID_MILESTONE_REACHED.format(title=reached.title, slug=result.entry.slug),
        )
    else:
        changed(result.path, messages.DID_GOAL_ACHIEVED.format(title=result.entry.title))


def _ask_open_milestones(journal: Journal, handle: str, day: date | None) -> OpenMilestones:
    """On a terminal: what becomes of the goal's open milestones ("refuse" when there are none,
    and when the person stops: the core then says what to do)."""
    from mentorlog.core.goals import resolve, unreached_milestones

    goal = resolve(journal, handle)
    still_open = unreached_milestones(goal, day)
    if not still_open or goal.status == "achieved":
        return "refuse"
    count = len(still_open)
    print(
        messages.ASK_OPEN_MILESTONES.format(
            goal=goal.slug, count=count, s="" if count == 1 else "s"
        )
    )
    for number, open_one in enumerate(goal.milestones, start=1):
        if open_one in still_open:
            due = f" (due {open_one.due.isoformat()})" if open_one.due else ""
            print(clean(f"  {number}. {open_one.title}{due}"))
    answer = input(messages.ASK_OPEN_MILESTONES_CHOICE).strip().lower()
    if answer.startswith("r"):
        return "reach"
    if answer.startswith("l"):
        return "leave"
    print(messages.NOTHING_WRITTEN, file=sys.stderr)
    raise typer.Exit(1)


def _status_command(name: str, status: str, verb: str, doc: str) -> None:
    def command(
        ctx: typer.Context,
        goal: str = GOAL,
        note: str = typer.Option(
            "", "--note", "-n", help="Why (kept in the goal's history).", callback=text_or_stdin
        ),
        on: str = typer.Option(None, "--date", metavar="DATE", help="When (today)."),
    ) -> None:
        from mentorlog.core.goals import set_status

        day = parse_date_option(on, "--date")
        result = set_status(open_journal(ctx), goal, status, note, day)  # type: ignore[arg-type]
        changed(result.path, messages.DID_GOAL_STATUS.format(verb=verb, slug=result.entry.slug))

    command.__doc__ = doc
    app.command(name)(command)


_status_command("pause", "paused", "Paused", "Pause a goal for now.")
_status_command("drop", "dropped", "Dropped", "Drop a goal (it stays in the journal).")
_status_command("reopen", "active", "Reopened", "Reopen a paused, dropped or achieved goal.")


@app.command("rename")
def rename(
    ctx: typer.Context,
    goal: str = GOAL,
    new_slug: str = typer.Argument(
        ..., metavar="NEW-SLUG", help="The new handle: lowercase letters, digits and '-'."
    ),
) -> None:
    """Give a goal a new slug (its handle); links to it keep working."""
    from mentorlog.core.goals import rename_goal

    result, old = rename_goal(open_journal(ctx), goal, new_slug)
    changed(result.path, messages.DID_GOAL_RENAME.format(old=old, new=result.entry.slug))


@app.command("delete")
def delete(
    ctx: typer.Context,
    goal: str = GOAL,
    force: bool = typer.Option(
        False, "--force", help="Delete it even though other entries link to it."
    ),
) -> None:
    """Delete a goal (`mentorlog undo` brings it back); refused while entries link to it."""
    from mentorlog.core.goals import delete_goal

    result, linked = delete_goal(open_journal(ctx), goal, force)
    changed(
        result.path,
        f"Deleted goal {result.entry.slug} ({result.entry.id[:7]}): {result.entry.title}",
    )
    if linked:
        from mentorlog.report.rules import plural

        warn(messages.DELETED_LINKED.format(count=plural(linked, "entry", "entries")))
    print(messages.UNDO_HINT)
