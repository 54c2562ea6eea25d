"""The dashboard: where the mentee stands today."""

from __future__ import annotations

import heapq
from datetime import date
from typing import TYPE_CHECKING

from mentorlog.entries import Entries, latest_entries
from mentorlog.kinds import ENTRY_KINDS
from mentorlog.model import Entry, JournalConfig
from mentorlog.report.actions import action_rows, overdue_first, private_goal_ids
from mentorlog.report.activity import entry_order, events, order_key, shared, shown
from mentorlog.report.goals import summary
from mentorlog.report.health import meetings, warnings
from mentorlog.report.notes import open_questions
from mentorlog.report.rules import entry_ref

if TYPE_CHECKING:
    from mentorlog.report.shapes import Status, TimelineRow

RECENT = 5

# Kinds the dashboard only counts (with their latest entries and authors): read as a count
# where the index can (see Journal.load), which keeps at least RECENT of their latest.
# Reviews are read whole (they are few): whether one is due needs each relationship's last.
COUNTED = ("reflection", "feedback", "win")
# Kinds it reads only what is open of (and the latest): sessions with an open action item,
# questions not discussed yet.
OPEN_ONLY = ("session", "question")


def _latest_of_each_kind(entries: Entries) -> list[Entry]:
    """The last RECENT entries of each kind, and any before them that tie with the first of
    those: each kind's list is sorted by this order already (Journal.load), so the latest of all
    are among these, and nlargest keeps the same ones it would over every entry."""
    found: list[Entry] = []
    for kind in ENTRY_KINDS:
        found += latest_entries(entries.of_kind(kind), kind, RECENT)
    return found


def status(config: JournalConfig, entries: Entries, today: date) -> Status:
    active = [g for g in entries.goals if g.status == "active"]
    questions = open_questions(entries.questions)
    # Only the latest few: rows are built for those, and events older than them are skipped.
    latest = heapq.nlargest(RECENT, _latest_of_each_kind(entries), key=entry_order)
    recent: list[TimelineRow] = [
        {**entry_ref(e), "tags": e.tags, "_order": entry_order(e)} for e in latest
    ]
    since = latest[-1].day if len(latest) == RECENT else None
    recent = sorted([*recent, *events(entries, since)], key=order_key, reverse=True)[:RECENT]
    rows = meetings(config.mentors, entries, today)
    actions = action_rows(
        entries.sessions, today, include_done=False, private_goals=private_goal_ids(entries.goals)
    )
    return {
        "owner": config.owner,
        "today": today,
        "meetings": rows,
        "goals": [summary(g, today) for g in active],
        "actions": overdue_first(actions),
        "questions": questions,
        "recent": shown(recent),
        "shared": shared(entries),
        "warnings": warnings(config, entries, today, shown=(rows, actions)),
        "counts": {
            "goals": entries.count("goal"),
            "sessions": entries.count("session"),
            "reflections": entries.count("reflection"),
            "feedback": entries.count("feedback"),
            "questions": entries.count("question"),
            "reviews": entries.count("review"),
            "wins": entries.count("win"),
        },
    }
