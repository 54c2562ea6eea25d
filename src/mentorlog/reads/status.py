"""`mentorlog status`: the dashboard."""

from __future__ import annotations

from mentorlog import clock
from mentorlog.command import State, warn_problems
from mentorlog.output import View, choose, reads_private, show

STATUS = View("Status", "status:render_status", shape="Status")


def status(
    state: State,
    mentor: str | None = None,
    form: str | None = None,
    as_json: bool = False,
    include_private: bool = False,
) -> None:
    """Goals, meetings against the agreed cadence, open actions and questions, recent activity."""
    from mentorlog.report.status import COUNTED, OPEN_ONLY
    from mentorlog.report.status import status as build_status

    choose(STATUS, form, as_json, "status")
    journal = state.open_journal()
    # With --mentor, entries are chosen one by one (see for_mentor): every one is read.
    whole = mentor is not None
    entries = journal.load(
        counted=() if whole else COUNTED,
        open_only=() if whole else OPEN_ONLY,
        include_private=reads_private(form, as_json, include_private),
    )
    warn_problems(entries.problems)
    config = journal.config
    if mentor is not None:
        from mentorlog.report.scope import for_mentor

        config, entries, _ = for_mentor(config, entries, mentor)
    data = build_status(config, entries, clock.today())
    show(data, STATUS, form, as_json, "status", include_private)
