"""The reports: agenda, since, report, milestones, timeline, search and stats. They never write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog import clock, messages
from mentorlog.command import State, parse_date_option, warn_problems
from mentorlog.errors import InputError
from mentorlog.output import View, choose, reads_private, show

if TYPE_CHECKING:
    from mentorlog.entries import Entries
    from mentorlog.errors import EntryFileError
    from mentorlog.journal import Journal
    from mentorlog.report.timeline import Filters

AGENDA = View(
    "Agenda",
    "agenda:render_agenda",
    "agenda:agenda_markdown",
    html="pages:agenda_page",
    shape="Agenda",
)
REPORT = View(
    "Mentoring report",
    "review:render_report",
    "review:report_markdown",
    html="pages:report_page",
    shape="Report",
)
MILESTONES = View(
    "Milestones",
    "milestones:render_milestones",
    tables=("achieved", "overdue", "upcoming"),
    html="pages:milestones_page",
    shape="Milestones",
)
TIMELINE = View("Timeline", "timeline:render_timeline", tables=("entries",), shape="Timeline")
SEARCH = View("Search", "timeline:render_search", tables=("hits",), shape="Search")
STATS = View("Activity", "stats:render_stats", tables=("weeks",), shape="Stats")


SINCE_VIEW = View(
    "Since the last session",
    "since:render_since",
    "since:since_markdown",
    html="pages:since_page",
    shape="Since",
)


def _load(
    state: State,
    kinds: list[str] | None = None,
    include_private: bool = True,
    mentor: str | None = None,
    open_only: tuple[str, ...] = (),
    counted: tuple[str, ...] = (),
    within: tuple[str, ...] = (),
    window: tuple[date, date] | None = None,
) -> tuple[Journal, Entries]:
    """The journal and its entries; without private ones for output meant to leave the machine
    (what a clone without private/ would show); with `mentor`, one relationship's only (the
    journal's config then holds that relationship alone). `open_only`: see Journal.load (not
    with `mentor`, which chooses entries one by one), nor `within` (see Journal.load)."""
    journal = state.open_journal()
    entries = journal.load(
        kinds,
        include_private=include_private,
        open_only=open_only if mentor is None else (),
        counted=counted if mentor is None else (),
        within=within if mentor is None else (),
        window=window,
    )
    warn_problems(entries.problems)
    if mentor is not None:
        from mentorlog.report.scope import for_mentor

        journal.config, entries, _ = for_mentor(journal.config, entries, mentor)
    return journal, entries


def _kind_by_kind(
    state: State,
    within: tuple[str, ...] = (),
    window: tuple[date, date] | None = None,
) -> tuple[Callable[[str], Entries], dict[tuple[Any, ...], EntryFileError]]:
    """A reader of one kind's entries at a time, for reports that keep only rows (timeline),
    and the problems its reads met, each once (every read repeats the mentors').
    `within`, `window`: see Journal.load."""
    journal = state.open_journal()
    problems: dict[tuple[Any, ...], EntryFileError] = {}

    def entries_of(kind: str) -> Entries:
        return _noting(problems, journal.load([kind], within=within, window=window))

    return entries_of, problems


# A search reads the entries that may hold its text a few days at a time, this many at most
# (a day's entries stay together: copies of an entry share its day, and are set aside).
SEARCH_PART = 500


def _part_by_part(
    state: State, text: str
) -> tuple[Callable[[str], Iterator[Entries]], dict[tuple[Any, ...], EntryFileError]]:
    """A search's reader: each kind in parts of whole days, only the entries the index's
    full-text search says may hold `text` (all of them without it; goals always whole, as a
    --goal filter may name any), so a search holds one part's entries at a time."""
    journal = state.open_journal()
    problems: dict[tuple[Any, ...], EntryFileError] = {}
    candidates = journal.search_candidates(text.strip())

    def read(kind: str, among: set[str] | None) -> Entries:
        return _noting(problems, journal.load([kind], among=among))

    def parts_of(kind: str) -> Iterator[Entries]:
        if kind == "goal" or candidates is None:
            yield read(kind, None)
            return
        days: dict[str, list[str]] = {}
        for path, (of_kind, day) in candidates.items():
            if of_kind == kind:
                days.setdefault(day, []).append(path)
        part: set[str] = set()
        for day in sorted(days):
            if part and len(part) + len(days[day]) > SEARCH_PART:
                yield read(kind, part)
                part = set()
            part.update(days[day])
        yield read(kind, part)  # an empty part still says what did not load

    return parts_of, problems


def _noting(problems: dict[tuple[Any, ...], EntryFileError], entries: Entries) -> Entries:
    """The entries, their problems noted among those met before, each once (by file, line and
    words: every read of a kind meets its broken files again)."""
    for problem in entries.problems:
        problems[(str(problem.path), problem.problem, problem.line, problem.field)] = problem
    return entries


def since(
    state: State,
    mentor: str | None = None,
    start: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
    output: Path | None = None,
) -> None:
    """What happened after the last session (with --mentor, the last with that mentor), goal
    by goal, the most important first: milestones, goal changes, check-ins, actions, notes."""
    from mentorlog.report.since import READS, check_start
    from mentorlog.report.since import since as build

    choose(SINCE_VIEW, form, as_json, "since")
    day = parse_date_option(start, "--since")
    today = clock.today()
    check_start(day, today)
    journal, entries = _load(
        state, READS, include_private=_shared(form, as_json, False, include_private), mentor=mentor
    )
    data = build(journal.config, entries, today, mentor, day)
    show(data, SINCE_VIEW, form, as_json, "since", include_private, output)


def _shared(form: str | None, as_json: bool, as_markdown: bool, include_private: bool) -> bool:
    """Whether private entries are read (see formats.reads_private); --markdown is Markdown."""
    return reads_private("markdown" if as_markdown else form, as_json, include_private)


def agenda(
    state: State,
    mentor: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    as_markdown: bool = False,
    include_private: bool = False,
    output: Path | None = None,
) -> None:
    """The agenda for the next session: open actions, milestones due, goals to review, questions."""
    from mentorlog.report.agenda import OPEN_ONLY, READS
    from mentorlog.report.agenda import agenda as build_agenda

    if as_markdown and (as_json or form not in (None, "markdown")):
        raise InputError(messages.CHOOSE_ONE_OUTPUT)
    choose(AGENDA, "markdown" if as_markdown else form, as_json, "agenda")
    journal, entries = _load(
        state,
        READS,
        include_private=_shared(form, as_json, as_markdown, include_private),
        mentor=mentor,
        open_only=OPEN_ONLY,
    )
    data = build_agenda(journal.config, entries, clock.today(), mentor)
    show(
        data,
        AGENDA,
        "markdown" if as_markdown else form,
        as_json,
        "agenda",
        include_private,
        output,
    )


def report(
    state: State,
    since: str | None = None,
    until: str | None = None,
    period: str | None = None,
    form: str | None = None,
    include_private: bool = False,
    mentor: str | None = None,
    as_json: bool = False,
    output: Path | None = None,
) -> None:
    """A review of a period: progress, wins, sessions against the cadence, feedback.

    Without options it covers the last three months.
    """
    from mentorlog.report.review import WITHIN, resolve_period, review

    choose(REPORT, form, as_json, "report")
    today = clock.today()
    chosen = resolve_period(
        parse_date_option(since, "--since"),
        parse_date_option(until, "--until"),
        period.strip().lower() if period else None,
        today,
    )
    journal, entries = _load(
        state,
        include_private=_shared(form, as_json, False, include_private),
        mentor=mentor,
        within=WITHIN,
        window=(chosen.start, chosen.end),
    )
    data = review(journal.config, entries, chosen, today, mentor)
    show(data, REPORT, form, as_json, "report", include_private, output)


def milestones(
    state: State,
    mentor: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
    output: Path | None = None,
) -> None:
    """Milestones reached (most recent first, with how long each took), overdue and upcoming."""
    from mentorlog.report.milestones import milestones as build

    choose(MILESTONES, form, as_json, "milestones")
    _, entries = _load(state, ["goal"], mentor=mentor)
    data = build(entries.goals, clock.today())
    show(data, MILESTONES, form, as_json, "milestones", include_private, output)


def _filters(
    since: str | None,
    until: str | None,
    goal: str | None,
    kind: str | None,
    tag: str | None,
    events: bool = False,
) -> Filters:
    from mentorlog.report.timeline import Filters

    return Filters(
        parse_date_option(since, "--since"),
        parse_date_option(until, "--until"),
        goal,
        kind.strip().lower() if kind else None,
        tag,
        events,
    )


def timeline(
    state: State,
    since: str | None = None,
    until: str | None = None,
    goal: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Every entry in date order, one line each: date, kind, handle and title."""
    from mentorlog.report.timeline import WITHIN
    from mentorlog.report.timeline import timeline as build

    choose(TIMELINE, form, as_json, "timeline")
    filters = _filters(since, until, goal, kind, tag, events=True)
    # From --since on, most kinds are read in part: the entries of the window, and those a
    # change applies to (see Journal.load's `within`).
    window = (filters.since, filters.until or date.max) if filters.since else None
    entries_of, problems = _kind_by_kind(state, within=WITHIN, window=window)
    found = build(entries_of, filters)
    warn_problems(list(problems.values()))
    show(found, TIMELINE, form, as_json, "timeline", include_private)


def search(
    state: State,
    text: str,
    kind: str | None = None,
    goal: str | None = None,
    tag: str | None = None,
    since: str | None = None,
    until: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Search every text field; shows each matching line with the match highlighted."""
    from mentorlog.report.search import search as build

    choose(SEARCH, form, as_json, "search")
    filters = _filters(since, until, goal, kind, tag)
    parts_of, problems = _part_by_part(state, text)
    found = build(parts_of, text, filters)
    warn_problems(list(problems.values()))
    show(found, SEARCH, form, as_json, "search", include_private)


def stats(
    state: State,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Activity over the last year as a weekly heatmap, and how goals ended up."""
    from mentorlog.report.stats import stats as build

    choose(STATS, form, as_json, "stats")
    _, entries = _load(
        state,
        ["goal", "session", "reflection", "feedback"],
        include_private=reads_private(form, as_json, include_private),
        counted=("session", "reflection", "feedback"),  # counted by day, never read whole
    )
    show(build(entries, clock.today()), STATS, form, as_json, "stats", include_private)
