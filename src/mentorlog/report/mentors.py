"""`mentor list`: every relationship with its cadence, agreement, ratings and how it ended."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.model import JournalConfig
from mentorlog.report.health import meeting
from mentorlog.report.rules import latest_review, rating_trend

if TYPE_CHECKING:
    from mentorlog.report.shapes import MentorList, MentorRow


def mentor_list(config: JournalConfig, entries: Entries, today: date) -> MentorList:
    rows: list[MentorRow] = []
    for mentor in config.mentors:
        theirs = [s for s in entries.sessions if s.mentor.casefold() == mentor.name.casefold()]
        rows.append(
            {
                **meeting(mentor, entries, today),
                "expectations": mentor.expectations,
                "boundaries": mentor.boundaries,
                "retrospective": mentor.retrospective,
                "reason": mentor.reason,
                "rating": mentor.rating,
                "ratings": rating_trend(theirs),
                "latest_review": latest_review(entries.reviews, mentor.name),
            }
        )
    return {"mentors": rows}
