"""`mentor list`: every relationship with its cadence, agreement, ratings and how it ended."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.entries import Entries
from mentorlog.model import JournalConfig
from mentorlog.report.health import meeting
from mentorlog.report.rules import (
    category_scores,
    latest_review,
    rating_trend,
    review_scores,
    review_side,
)

if TYPE_CHECKING:
    from mentorlog.report.shapes import MentorList, MentorRow, MentorShow


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
                "scores": review_scores(
                    entries.reviews, mentor.name, config.owner, known_categories(config)
                ),
            }
        )
    return {"mentors": rows}


def known_categories(config: JournalConfig) -> list[str]:
    from mentorlog.model import REVIEW_CATEGORIES

    extra = [c.strip().lower() for c in config.review_categories if c.strip()]
    return list(dict.fromkeys([*REVIEW_CATEGORIES, *extra]))


def mentor_show(config: JournalConfig, entries: Entries, today: date, name: str) -> MentorShow:
    """One relationship (as `mentor list` has it) and every review of it, newest first."""
    from mentorlog.handles import find_mentor, handle_of

    mentor = find_mentor(config.mentors, name)
    row = next(
        r for r in mentor_list(config, entries, today)["mentors"] if r["mentor"] == mentor.name
    )
    known = known_categories(config)
    theirs = sorted(
        (r for r in entries.reviews if r.mentor.casefold() == mentor.name.casefold()),
        key=lambda r: (r.date, r.created.timestamp()),
        reverse=True,
    )
    return {
        "mentor": row,
        "reviews": [
            {
                "date": r.date,
                "handle": handle_of(r),
                "author": r.author,
                "side": review_side(r, config.owner),
                "private": r.private,
                "answers": [{"prompt": a.prompt, "answer": a.answer} for a in r.answers],
                "scores": category_scores(r, known),
            }
            for r in theirs
        ],
    }
