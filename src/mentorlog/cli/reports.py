"""The reports: agenda, report, milestones, timeline, search and stats. They never write."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from mentorlog import clock
from mentorlog.cli.common import JSON, open_journal, output, parse_date_option, warn_problems
from mentorlog.errors import InputError

if TYPE_CHECKING:
    from mentorlog.journal import Entries, Journal
    from mentorlog.report.timeline import Filters

MARKDOWN = typer.Option(False, "--markdown", help="Print a Markdown document to share "
                        "(without private entries unless --include-private).")
INCLUDE_PRIVATE = typer.Option(False, "--include-private",
                               help="Let Markdown meant to be shared carry private entries too "
                                    "(marked as private).")
SINCE = typer.Option(None, "--since", metavar="DATE", help="From this date on.")
UNTIL = typer.Option(None, "--until", metavar="DATE", help="Up to this date.")
KIND = typer.Option(None, "--kind", "-k", metavar="KIND",
                    help="Only this kind: goal, session, reflection, feedback, question, review "
                         "or win (timeline also: check-in, milestone, status, action).")
GOAL = typer.Option(None, "--goal", "-g", metavar="GOAL", help="Only entries about this goal.")
MENTOR = typer.Option(None, "--mentor", metavar="NAME",
                      help="Only this relationship: its sessions, and the goals and questions "
                           "tied to it or to no mentor.")
TAG = typer.Option(None, "--tag", "-t", metavar="TAG", help="Only entries with this tag.")


def register(app: typer.Typer) -> None:
    for command in (agenda, report, milestones, timeline, search, stats):
        app.command(command.__name__)(command)


def _load(ctx: typer.Context, kinds: list[str] | None = None,
          include_private: bool = True, mentor: str | None = None) -> tuple[Journal, Entries]:
    """The journal and its entries; without private ones for output meant to leave the machine
    (what a clone without private/ would show); with `mentor`, one relationship's only (the
    journal's config then holds that relationship alone)."""
    journal = open_journal(ctx)
    entries = journal.load(kinds, include_private=include_private)
    warn_problems(entries.problems)
    if mentor is not None:
        from mentorlog.report.scope import for_mentor

        journal.config, entries, _ = for_mentor(journal.config, entries, mentor)
    return journal, entries


def _markdown(text: str) -> None:
    sys.stdout.write(text)


def agenda(
    ctx: typer.Context,
    mentor: str = MENTOR,
    as_json: bool = JSON,
    as_markdown: bool = MARKDOWN,
    include_private: bool = INCLUDE_PRIVATE,
) -> None:
    """The agenda for the next session: open actions, milestones due, goals to review, questions."""
    from mentorlog.report.agenda import agenda as build_agenda

    if as_json and as_markdown:
        raise InputError("Choose one of --json and --markdown.")
    journal, entries = _load(ctx, include_private=include_private or not as_markdown,
                             mentor=mentor)
    data = build_agenda(journal.config, entries, clock.today(), mentor)
    if as_markdown:
        from mentorlog.render.agenda import agenda_markdown
        from mentorlog.render.text import clean_data

        _markdown(agenda_markdown(clean_data(data)))
        return
    output(data, as_json, "agenda:render_agenda")


def report(
    ctx: typer.Context,
    since: str = SINCE,
    until: str = UNTIL,
    period: str = typer.Option(
        None, "--period", "-p", metavar="PERIOD",
        help="month, quarter or year: the calendar one holding --until (today), or starting "
             "at --since."),
    form: str = typer.Option("rich", "--format", "-f", metavar="FORMAT",
                               help="rich (on screen), markdown or json."),
    include_private: bool = INCLUDE_PRIVATE,
    mentor: str = MENTOR,
    as_json: bool = JSON,
) -> None:
    """A review of a period: progress, milestones, sessions against the cadence, feedback.

    Without options it covers the last three months.
    """
    from mentorlog import messages
    from mentorlog.report.review import resolve_period, review

    if as_json:
        form = "json"
    if form not in ("rich", "markdown", "json"):
        raise InputError(messages.UNKNOWN_FORMAT.format(format=form))
    today = clock.today()
    chosen = resolve_period(parse_date_option(since, "--since"),
                            parse_date_option(until, "--until"),
                            period.strip().lower() if period else None, today)
    journal, entries = _load(ctx, include_private=include_private or form != "markdown",
                             mentor=mentor)
    data = review(journal.config, entries, chosen, today, mentor)
    if form == "markdown":
        from mentorlog.render.review import report_markdown
        from mentorlog.render.text import clean_data

        _markdown(report_markdown(clean_data(data)))
        return
    output(data, form == "json", "review:render_report")


def milestones(ctx: typer.Context, mentor: str = MENTOR, as_json: bool = JSON) -> None:
    """Milestones reached (most recent first, with how long each took), overdue and upcoming."""
    from mentorlog.report.milestones import milestones as build

    _, entries = _load(ctx, ["goal"], mentor=mentor)
    output(build(entries.goals, clock.today()), as_json, "milestones:render_milestones")


def _filters(since: str | None, until: str | None, goal: str | None, kind: str | None,
             tag: str | None, events: bool = False) -> Filters:
    from mentorlog.report.timeline import Filters

    return Filters(parse_date_option(since, "--since"), parse_date_option(until, "--until"),
                   goal, kind.strip().lower() if kind else None, tag, events)


def timeline(
    ctx: typer.Context,
    since: str = SINCE,
    until: str = UNTIL,
    goal: str = GOAL,
    kind: str = KIND,
    tag: str = TAG,
    as_json: bool = JSON,
) -> None:
    """Every entry in date order, one line each: date, kind, handle and title."""
    from mentorlog.report.timeline import timeline as build

    filters = _filters(since, until, goal, kind, tag, events=True)
    _, entries = _load(ctx)
    output(build(entries, filters), as_json, "timeline:render_timeline")


def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="What to look for (any case)."),
    kind: str = KIND,
    goal: str = GOAL,
    tag: str = TAG,
    since: str = SINCE,
    until: str = UNTIL,
    as_json: bool = JSON,
) -> None:
    """Search every text field; shows each matching line with the match highlighted."""
    from mentorlog.report.search import search as build

    filters = _filters(since, until, goal, kind, tag)
    _, entries = _load(ctx)
    output(build(entries, text, filters), as_json, "timeline:render_search")


def stats(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Activity over the last year as a weekly heatmap, and how goals ended up."""
    from mentorlog.report.stats import stats as build

    _, entries = _load(ctx, ["goal", "session", "reflection", "feedback"])
    output(build(entries, clock.today()), as_json, "stats:render_stats")
