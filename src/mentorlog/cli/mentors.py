"""`mentorlog mentor …`: record a mentoring agreement, list relationships, conclude one."""

from __future__ import annotations

import typer

from mentorlog import clock, messages
from mentorlog.cli import complete
from mentorlog.cli.common import (
    CADENCE,
    JSON,
    ask_lines,
    changed,
    interactive,
    open_journal,
    read_stdin,
    text_or_stdin,
    wrote,
)
from mentorlog.cli.formats import FORMAT, INCLUDE_PRIVATE
from mentorlog.command import parse_date_option, warn_problems
from mentorlog.output import View, choose, reads_private, show
from mentorlog.render.text import clean

app = typer.Typer(
    help="Mentoring relationships: add, edit, review, list, default, conclude.",
    no_args_is_help=True,
)
MENTORS = View("Mentors", "mentors:render_mentors", tables=("mentors",), shape="MentorList")
MENTOR_SHOW = View("Mentor", "mentors:render_mentor", tables=("reviews",), shape="MentorShow")
MENTOR = typer.Argument(
    ..., help="The mentor: a name, or a unique beginning of it.", autocompletion=complete.mentors
)
RATING = typer.Option(
    None,
    "--rating",
    min=1,
    max=5,
    metavar="1-5",
    help="How it went overall, from 1 (not useful) to 5 (very useful).",
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The mentor's name."),
    cadence: int = CADENCE,
    expectations: str = typer.Option(
        "",
        "--expectations",
        metavar="TEXT",
        help="What each of you expects from the relationship.",
        callback=text_or_stdin,
    ),
    boundaries: str = typer.Option(
        "",
        "--boundaries",
        metavar="TEXT",
        help="Boundaries and confidentiality agreed.",
        callback=text_or_stdin,
    ),
    started: str = typer.Option(None, "--started", metavar="DATE", help="When it began (today)."),
) -> None:
    """Record a mentoring agreement: a cadence, expectations and boundaries."""
    from mentorlog.core.mentors import add_mentor

    result = add_mentor(
        open_journal(ctx),
        name,
        cadence,
        expectations,
        boundaries,
        parse_date_option(started, "--started"),
    )
    changed(result.path, messages.DID_MENTOR_ADD.format(name=result.mentor.name, cadence=cadence))


@app.command("edit")
def edit(
    ctx: typer.Context,
    name: str = MENTOR,
    cadence: int = typer.Option(
        None, "--cadence", min=1, max=3650, metavar="DAYS", help="Agreed days between meetings."
    ),
    expectations: str = typer.Option(
        None,
        "--expectations",
        metavar="TEXT",
        help="What each of you expects ('' to clear).",
        callback=text_or_stdin,
    ),
    boundaries: str = typer.Option(
        None,
        "--boundaries",
        metavar="TEXT",
        help="Boundaries and confidentiality agreed ('' to clear).",
        callback=text_or_stdin,
    ),
    started: str = typer.Option(None, "--started", metavar="DATE", help="When it began."),
) -> None:
    """Revise an agreement: cadence, expectations, boundaries, start date."""
    from mentorlog.core.mentors import edit_mentor

    result = edit_mentor(
        open_journal(ctx),
        name,
        cadence,
        expectations,
        boundaries,
        parse_date_option(started, "--started"),
    )
    changed(result.path, messages.DID_MENTOR_EDIT.format(name=result.mentor.name))


@app.command("review")
def review(
    ctx: typer.Context,
    name: str = MENTOR,
    on: str = typer.Option(None, "--date", metavar="DATE", help="When (today)."),
    private: bool = typer.Option(False, "--private", help="Keep it under private/."),
    score: list[str] = typer.Option(
        [],
        "--score",
        metavar="CATEGORY=1-5",
        help="Score one side of the relationship, 1 (poor) to 5 (strong), repeatable: trust, "
        "communication, progress, rhythm, fit (and mentorlog.toml's review_categories).",
    ),
) -> None:
    """How the relationship is going: four questions from mentoring practice, and scores by
    category from either side (the mentee's in their journal, the mentor's in their clone).

    On a terminal each question is asked in turn; otherwise the answers are read from standard
    input, one line per question in order (a blank line skips one)."""
    from mentorlog.core.mentors import add_review, find_mentor, known_scores
    from mentorlog.model import REVIEW_QUESTIONS

    day = parse_date_option(on, "--date")
    journal = open_journal(ctx)
    mentor = find_mentor(journal, name)  # say "unknown mentor" before asking anything
    scores = known_scores(journal, [category_score(s) for s in score])
    if interactive():
        print(clean(f"How is it going with {mentor.name}? Leave an answer blank to skip it."))
        answers = [ask_lines(q) for q in REVIEW_QUESTIONS]
    else:
        # With scores, the answers may be left out (an empty standard input).
        lines = read_stdin("answers", may_be_empty=bool(scores)).splitlines()
        answers = [*lines[: len(REVIEW_QUESTIONS)], *[""] * (len(REVIEW_QUESTIONS) - len(lines))]
    result, path = add_review(
        journal,
        mentor.name,
        list(zip(REVIEW_QUESTIONS, answers, strict=True)),
        day,
        private=private,
        scores=scores,
    )
    wrote("Recorded", "review", result.id[:7], path)


def category_score(value: str) -> tuple[str, int]:
    """CATEGORY=N of --score, or one sentence (exit 2)."""
    from mentorlog.errors import InputError

    category, sep, number = value.rpartition("=")
    text = number.strip()
    if not sep or not category.strip() or not (text.isascii() and text.isdigit()):
        raise InputError(messages.BAD_SCORE.format(value=value))
    return category.strip(), int(text)


@app.command("conclude")
def conclude(
    ctx: typer.Context,
    name: str = MENTOR,
    retrospective: str = typer.Option(
        None,
        "--retrospective",
        "-r",
        metavar="TEXT",
        help="The closing retrospective; '-' reads standard input; omit it on a terminal for "
        "guided prompts.",
        callback=text_or_stdin,
    ),
    on: str = typer.Option(None, "--date", metavar="DATE", help="When it ended (today)."),
    reason: str = typer.Option(
        "",
        "--reason",
        metavar="TEXT",
        help="Why it ended (goals reached, a new role…).",
        callback=text_or_stdin,
    ),
    rating: int = RATING,
) -> None:
    """Conclude a relationship: its end date, why, how it went, and a retrospective."""
    from mentorlog.core.mentors import (
        RETROSPECTIVE_PROMPTS,
        compose_retrospective,
        conclude_mentor,
        find_mentor,
    )

    day = parse_date_option(on, "--date")
    journal = open_journal(ctx)
    text = retrospective or ""
    if retrospective is None and interactive():
        mentor = find_mentor(journal, name)  # say "unknown mentor" before asking anything
        print(
            clean(f"A closing retrospective with {mentor.name}. Leave an answer blank to skip it.")
        )
        text = compose_retrospective([(p, ask_lines(p)) for p in RETROSPECTIVE_PROMPTS])
    result = conclude_mentor(journal, name, text, day, reason, rating)
    ended = result.mentor.ended.isoformat() if result.mentor.ended else ""
    changed(result.path, messages.DID_MENTOR_CONCLUDE.format(name=result.mentor.name, ended=ended))
    if not result.mentor.retrospective:
        print(messages.NO_RETROSPECTIVE)
    if result.default_cleared:
        print(clean(messages.DEFAULT_MENTOR_CLEARED.format(name=result.mentor.name)))


@app.command("default")
def default(
    ctx: typer.Context,
    name: str = typer.Argument(
        None,
        help="The mentor sessions on this machine are with when --mentor is left out.",
        autocompletion=complete.mentors,
    ),
    clear: bool = typer.Option(False, "--clear", help="Choose none (ask, or refuse, again)."),
) -> None:
    """The default mentor of sessions on this machine (kept outside the journal: a mentee
    and each mentor choose their own); without NAME, say which it is."""
    from mentorlog.core.mentors import find_mentor

    journal = open_journal(ctx)
    if clear:
        journal.choose_mentor(None)
        print(messages.DID_NO_DEFAULT_MENTOR)
        return
    if name is None:
        current = journal.default_mentor()
        print(
            clean(messages.DID_DEFAULT_MENTOR.format(mentor=current))
            if current
            else messages.DID_NO_DEFAULT_MENTOR
        )
        return
    mentor = find_mentor(journal, name)
    journal.choose_mentor(mentor.name)
    print(clean(messages.DID_DEFAULT_MENTOR.format(mentor=mentor.name)))


@app.command("show")
def show_mentor(
    ctx: typer.Context,
    name: str = MENTOR,
    form: str = FORMAT,
    as_json: bool = JSON,
    include_private: bool = INCLUDE_PRIVATE,
) -> None:
    """One relationship: its meetings and agreement, both sides' latest review scores (where
    they differ by 2 or more, said), each category's trend, and every review."""
    from mentorlog.report.mentors import mentor_show

    choose(MENTOR_SHOW, form, as_json, "mentor show")
    journal = open_journal(ctx)
    entries = journal.load(
        ["session", "review"], include_private=reads_private(form, as_json, include_private)
    )
    warn_problems(entries.problems)
    data = mentor_show(journal.config, entries, clock.today(), name)
    show(data, MENTOR_SHOW, form, as_json, "mentor show", include_private)


@app.command("list")
def list_mentors(
    ctx: typer.Context,
    form: str = FORMAT,
    as_json: bool = JSON,
    include_private: bool = INCLUDE_PRIVATE,
) -> None:
    """Every relationship: cadence, sessions, and whether it is running or concluded."""
    from mentorlog.report.mentors import mentor_list

    choose(MENTORS, form, as_json, "mentor list")
    journal = open_journal(ctx)
    entries = journal.load(
        ["session", "review"], include_private=reads_private(form, as_json, include_private)
    )
    warn_problems(entries.problems)
    data = mentor_list(journal.config, entries, clock.today())
    show(data, MENTORS, form, as_json, "mentor list", include_private)
