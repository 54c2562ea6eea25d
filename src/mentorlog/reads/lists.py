"""The lists and one entry in full: goal list and show, session list and show, action list,
feedback list."""

from __future__ import annotations

from pathlib import Path

from mentorlog import clock, messages
from mentorlog.command import State, parse_date_option, warn_problems
from mentorlog.errors import InputError
from mentorlog.output import View, choose, show

GOALS = View("Goals", "goals:render_goals", tables=("goals",), shape="GoalList")
GOAL_HISTORY = View(
    "Goal",
    "goals:render_goal_history",
    tables=("checkins", "milestones", "actions", "edits"),
    html="pages:goal_page",
    shape="GoalHistory",
)
SESSIONS = View("Sessions", "sessions:render_sessions", tables=("sessions",), shape="SessionList")
SESSION = View("Session", "sessions:render_session", tables=("actions",), shape="SessionDetail")
ACTIONS = View("Action items", "actions:render_actions", tables=("actions",), shape="ActionList")
FEEDBACK = View("Feedback", "notes:render_feedback", tables=("feedback",), shape="FeedbackList")


def list_goals(
    state: State,
    include_all: bool = False,
    tag: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """List active goals with their progress."""
    from mentorlog.report.goals import goal_list

    choose(GOALS, form, as_json, "goal list")
    journal = state.open_journal()
    entries = journal.load(["goal"])
    warn_problems(entries.problems)
    goals = [
        g
        for g in entries.goals
        if tag is None or tag.casefold().lstrip("#") in (t.casefold() for t in g.tags)
    ]
    show(
        {"goals": goal_list(goals, clock.today(), include_all)},
        GOALS,
        form,
        as_json,
        "goal list",
        include_all=include_all,
        include_private=include_private,
    )


def show_goal(
    state: State,
    goal: str,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
    output: Path | None = None,
) -> None:
    """A goal's whole history: framing, check-ins, milestones, linked entries."""
    from mentorlog.handles import find_goal
    from mentorlog.report.goals import COUNTED, history

    choose(GOAL_HISTORY, form, as_json, "goal show")
    journal = state.open_journal()
    entries = journal.load(counted=COUNTED)
    warn_problems(entries.problems)
    config = journal.config
    data = history(
        find_goal(entries.named("goal"), goal), entries, clock.today(), config.mentors, config.owner
    )
    show(
        data,
        GOAL_HISTORY,
        form,
        as_json,
        "goal show",
        include_private=include_private,
        output=output,
    )


def list_sessions(
    state: State,
    since: str | None = None,
    until: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """List sessions, oldest first."""
    from mentorlog.report.sessions import session_rows

    choose(SESSIONS, form, as_json, "session list")
    start = parse_date_option(since, "--since")
    end = parse_date_option(until, "--until")
    journal = state.open_journal()
    entries = journal.load(["session"])
    warn_problems(entries.problems)
    show(
        {"sessions": session_rows(entries.sessions, start, end)},
        SESSIONS,
        form,
        as_json,
        "session list",
        include_private=include_private,
    )


def show_session(
    state: State,
    session: str,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Everything recorded about one session."""
    from mentorlog.handles import find_entry
    from mentorlog.report.sessions import session_detail

    choose(SESSION, form, as_json, "session show")
    journal = state.open_journal()
    entries = journal.load(["session", "goal", "question"])
    warn_problems(entries.problems)
    found = find_entry(entries.named("session"), session, "session")
    data = session_detail(found, entries, clock.today())
    show(data, SESSION, form, as_json, "session show", include_private=include_private)


def list_actions(
    state: State,
    include_all: bool = False,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Open action items, oldest first, with the session each came from."""
    from mentorlog.report.actions import action_rows, private_goal_ids

    choose(ACTIONS, form, as_json, "action list")
    journal = state.open_journal()
    entries = journal.load(["session", "goal"])
    warn_problems(entries.problems)
    rows = action_rows(
        entries.sessions, clock.today(), include_all, private_goal_ids(entries.goals)
    )
    show(
        {"actions": rows},
        ACTIONS,
        form,
        as_json,
        "action list",
        include_all=include_all,
        include_private=include_private,
    )


def list_feedback(
    state: State,
    direction: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Feedback received and given, newest last."""
    from mentorlog.report.notes import feedback_rows

    choose(FEEDBACK, form, as_json, "feedback list")
    if direction not in (None, "received", "given"):
        raise InputError(messages.BAD_DIRECTION.format(direction=direction))
    journal = state.open_journal()
    entries = journal.load(["feedback"])
    warn_problems(entries.problems)
    show(
        {"feedback": feedback_rows(entries.feedback, direction, journal.config.owner)},
        FEEDBACK,
        form,
        as_json,
        "feedback list",
        today=clock.today(),
        owner=journal.config.owner,
        include_private=include_private,
    )
