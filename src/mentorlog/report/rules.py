"""The rules reports share (what is overdue, what links to what), written once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.handles import handle_of
from mentorlog.model import ActionItem, Entry, Feedback, Goal, Mentor, Review, Session, names_of

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        Agreement,
        CategoryScore,
        CategoryTrend,
        EntryRef,
        LatestReview,
        RatingTrend,
        ReviewScores,
        ScoreGap,
        ScorePoint,
        SideScores,
    )


def is_overdue(due: date | None, done: date | None, today: date) -> bool:
    return due is not None and done is None and due < today


def entry_ref(entry: Entry) -> EntryRef:
    return {
        "kind": entry.kind,
        "handle": handle_of(entry),
        "id": entry.id,
        "date": entry.day,
        "title": entry.label,
        "private": entry.private,
        "author": entry.author,
        "path": entry.path,
    }


DEFAULT_CADENCE = 30


def status_at(goal: Goal, day: date) -> str | None:
    """The goal's status at the end of that day; None before it was created.

    Status changes are recorded in `history`; before the first one a goal was active.
    """
    if goal.created.date() > day:
        return None
    if not goal.history:
        return goal.status
    # sorted() is stable: of two changes on one day, the later one in the file wins.
    changes = sorted((h for h in goal.history if h.date <= day), key=lambda h: h.date)
    return changes[-1].status if changes else "active"


def progress_at(goal: Goal, day: date) -> int | None:
    """The progress the journal showed at the end of that day; None before the goal existed."""
    status = status_at(goal, day)
    if status is None:
        return None
    if status == "achieved":
        return 100
    earlier = sorted((c for c in goal.checkins if c.date <= day), key=lambda c: c.date)
    return earlier[-1].progress if earlier else 0


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


class SessionIndex:
    """Sessions by the goal references they carry, so reports look a goal up once, not per
    session (a report over 300 goals and 3,600 sessions would otherwise test a million links).
    """

    def __init__(self, sessions: list[Session]) -> None:
        self.by_ref: dict[str, list[Session]] = {}
        for session in sessions:
            for ref in dict.fromkeys(session.goals):
                self.by_ref.setdefault(ref, []).append(session)

    def of(self, goal: Goal) -> list[Session]:
        """The sessions that name the goal (by id, or by slug when written by hand)."""
        found = self.by_ref.get(goal.id, [])
        by_slug = self.by_ref.get(goal.slug, [])
        if by_slug:
            seen = {id(s) for s in found}
            found = found + [s for s in by_slug if id(s) not in seen]
        return found


def feedback_side(feedback: Feedback, owner: str) -> str:
    """'received' or 'given', from the journal owner's side, whoever wrote it and in whichever
    clone: feedback a mentor gave the owner is feedback the owner received."""
    wanted = owner.strip().casefold()
    if feedback.receiver.strip().casefold() == wanted:
        return "received"
    if feedback.giver.strip().casefold() == wanted:
        return "given"
    return feedback.direction


# --- relationships ---------------------------------------------------------------------------


def of_mentor(item_mentor: str, mentor: str | None) -> bool:
    """Whether a goal or question belongs to the relationship shown: one tied to that mentor,
    or one tied to no mentor (it belongs to every relationship)."""
    return mentor is None or not item_mentor or item_mentor.casefold() == mentor.casefold()


def governing(goal: Goal, mentors: list[Mentor]) -> Mentor | None:
    """The agreement a goal is worked under: its mentor's, else the only running relationship
    (or the only one there is)."""
    if goal.mentor:
        return next((m for m in mentors if m.name.casefold() == goal.mentor.casefold()), None)
    running = [m for m in mentors if m.ended is None]
    if len(running) == 1:
        return running[0]
    return mentors[0] if len(mentors) == 1 else None


def agreement(mentor: Mentor) -> Agreement:
    return {
        "mentor": mentor.name,
        "cadence_days": mentor.cadence,
        "expectations": mentor.expectations,
        "boundaries": mentor.boundaries,
        "started": mentor.started,
        "ended": mentor.ended,
    }


def actions_about(goal: Goal, sessions: list[Session]) -> list[tuple[Session, ActionItem]]:
    """Action items about a goal: linked to it, or agreed without a goal link in a session that
    discussed this goal and no other."""
    names = names_of(goal)  # once: this runs over every session
    found = []
    for session in sessions:
        goals = session.goals
        only_this = len(goals) == 1 and goals[0] in names
        for action in session.actions:
            if (action.goal in names) if action.goal else only_this:
                found.append((session, action))
    return found


def rating_trend(sessions: list[Session]) -> RatingTrend:
    """How useful sessions were rated, oldest first, and which way the last three lean against
    the whole: "rising", "falling" or "steady" (None with fewer than four ratings)."""
    rated = sorted((s for s in sessions if s.rating is not None), key=lambda s: s.date)
    values = [s.rating for s in rated if s.rating is not None]
    average = round(sum(values) / len(values), 1) if values else None
    trend = None
    if len(values) >= 4 and average is not None:
        recent = sum(values[-3:]) / 3
        trend = (
            "rising"
            if recent > average + 0.25
            else ("falling" if recent < average - 0.25 else "steady")
        )
    return {
        "ratings": [{"date": s.date, "rating": s.rating} for s in rated],
        "average": average,
        "trend": trend,
    }


def latest_review(reviews: list[Review], mentor: str) -> LatestReview | None:
    # The latest with answers: a review of scores alone shows in `scores`.
    theirs = [r for r in reviews if r.mentor.casefold() == mentor.casefold() and r.answers]
    if not theirs:
        return None
    last = max(theirs, key=lambda r: (r.date, r.created.timestamp()))
    return {
        "date": last.date,
        "handle": handle_of(last),
        "private": last.private,
        "answers": [{"prompt": a.prompt, "answer": a.answer} for a in last.answers],
    }


# --- reviews scored by both sides ---------------------------------------------------------------

REVIEWS_SHOWN = 6  # reviews of each side in a category's trend
GAP = 2  # sides this far apart in a category are named


def review_side(review: Review, owner: str) -> str:
    """ "mentee" for a review the journal's owner wrote (or one nobody signed), else "mentor"."""
    author = review.author.strip().casefold()
    return "mentee" if not author or author == owner.strip().casefold() else "mentor"


def category_scores(review: Review, known: list[str]) -> list[CategoryScore]:
    return [
        {"category": s.category, "score": s.score, "known": s.category.lower() in known}
        for s in review.scores
    ]


def review_scores(reviews: list[Review], mentor: str, owner: str, known: list[str]) -> ReviewScores:
    theirs = sorted(
        (r for r in reviews if r.mentor.casefold() == mentor.casefold() and r.scores),
        key=lambda r: (r.date, r.created.timestamp()),
    )
    by_side: dict[str, list[Review]] = {"mentee": [], "mentor": []}
    for review in theirs:
        by_side[review_side(review, owner)].append(review)

    def latest(side: str) -> SideScores | None:
        if not by_side[side]:
            return None
        last = by_side[side][-1]
        return {
            "date": last.date,
            "author": last.author,
            "handle": handle_of(last),
            "private": last.private,
            "scores": category_scores(last, known),
        }

    mentee, mentor_side = latest("mentee"), latest("mentor")
    gaps: list[ScoreGap] = []
    if mentee and mentor_side:
        theirs_by = {s["category"].lower(): s["score"] for s in mentor_side["scores"]}
        for item in mentee["scores"]:
            other = theirs_by.get(item["category"].lower())
            if other is not None and abs(other - item["score"]) >= GAP:
                ask = (
                    f"ask what keeps it low for {owner}"
                    if item["score"] < other
                    else f"ask what {mentor} misses"
                )
                gaps.append(
                    {
                        "category": item["category"],
                        "mentee": item["score"],
                        "mentor": other,
                        "message": f"{item['category'].capitalize()}: {owner} scores it "
                        f"{item['score']}, {mentor} {other}.",
                        "suggestion": f"Talk about {item['category']} at the next session: {ask}.",
                    }
                )
    categories = list(dict.fromkeys(s.category.lower() for r in theirs for s in r.scores))
    trends: list[CategoryTrend] = []
    for category in categories:
        points: list[ScorePoint] = []
        for side, side_reviews in by_side.items():
            for review in side_reviews[-REVIEWS_SHOWN:]:
                for score in review.scores:
                    if score.category.lower() == category:
                        points.append({"date": review.date, "side": side, "score": score.score})
        points.sort(key=lambda p: (p["date"], p["side"]))
        trends.append({"category": category, "points": points})
    return {"mentee": mentee, "mentor": mentor_side, "gaps": gaps, "trends": trends}


def review_due(
    last_review: date | None, held_since: int, held: int, today: date, every: int, days: int
) -> str | None:
    """Why a review of a relationship is due, or None: at the first session (none yet, and a
    session held), once `every` sessions have come since the last (the next one included), or
    `days` days after it."""
    if last_review is None:
        return "none yet" if held else None
    if (today - last_review).days >= days:
        return f"the last was {(today - last_review).days} days ago"
    if held_since >= every - 1:
        return f"{held_since} session{'s' if held_since != 1 else ''} since the last"
    return None
