"""Mentoring relationships: the agreement at the start and its revisions, reviews of how it is
going, and the close at the end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentorlog import clock, handles, messages, store
from mentorlog.errors import InputError, MentorlogError
from mentorlog.journal import Journal
from mentorlog.model import (
    DEFAULT_REVIEW_DAYS,
    DEFAULT_REVIEW_EVERY,
    Answer,
    Mentor,
    Review,
    Score,
    Session,
)
from mentorlog.store import MENTORS_FOLDER
from mentorlog.writes import Writer

# The guided retrospective: what a closing conversation covers, in this order.
RETROSPECTIVE_PROMPTS = (
    "What was achieved?",
    "What did you learn?",
    "What will you carry forward?",
    "Who and what would you like to thank?",
)


@dataclass
class MentorChanged:
    mentor: Mentor
    path: Path
    default_cleared: bool = False


def find_mentor(journal: Journal, name: str) -> Mentor:
    """By full name, else by a unique beginning of it (any case): see handles.find_mentor."""
    return handles.find_mentor(journal.config.mentors, name)


def add_mentor(
    journal: Journal,
    name: str,
    cadence: int = 30,
    expectations: str = "",
    boundaries: str = "",
    started: date | None = None,
) -> MentorChanged:
    """Record a mentoring agreement; one relationship per name."""
    name = name.strip()
    if not name:
        raise InputError(messages.EMPTY_TEXT.format(what="mentor's name"))
    mentor = Mentor(
        name=name,
        started=started or clock.today(),
        cadence=cadence,
        expectations=expectations.strip(),
        boundaries=boundaries.strip(),
    )
    with journal.writing("mentor add") as writer:
        existing = journal.config.mentor(name)
        if existing is not None:
            hint = (
                messages.MENTOR_CONCLUDED_HINT.format(ended=existing.ended.isoformat())
                if existing.ended
                else None
            )
            raise MentorlogError(messages.MENTOR_EXISTS.format(name=existing.name), hint=hint)
        change = writer.change(
            MENTORS_FOLDER,
            f"mentor add: {name}",
            False,
            mentor=name,
            change="add",
            started=mentor.started,
            cadence=mentor.cadence,
            expectations=mentor.expectations or None,
            boundaries=mentor.boundaries or None,
        )
    journal.config.mentors.append(mentor)
    return MentorChanged(mentor, journal.root / change.path)


def compose_retrospective(answers: list[tuple[str, str]]) -> str:
    """The guided answers as one text: each prompt, then its answer; blank answers are left out."""
    return "\n\n".join(
        f"{prompt}\n{answer.strip()}" for prompt, answer in answers if answer.strip()
    )


def edit_mentor(
    journal: Journal,
    name: str,
    cadence: int | None = None,
    expectations: str | None = None,
    boundaries: str | None = None,
    started: date | None = None,
) -> MentorChanged:
    """Revise an agreement: each value given replaces the one before (kept in git's history
    and the change files)."""
    if cadence is None and expectations is None and boundaries is None and started is None:
        raise InputError(
            messages.NOTHING_TO_EDIT.format(
                what="the agreement", options="--cadence, --expectations, --boundaries, --started"
            )
        )
    with journal.writing("mentor edit") as writer:
        mentor = find_mentor(journal, name)
        if started is not None and mentor.ended is not None and started > mentor.ended:
            raise InputError(
                messages.ENDS_BEFORE_START.format(
                    name=mentor.name, ended=mentor.ended.isoformat(), started=started.isoformat()
                )
            )
        change = writer.change(
            MENTORS_FOLDER,
            f"mentor edit: {mentor.name}",
            False,
            mentor=mentor.name,
            change="edit",
            cadence=cadence,
            expectations=None if expectations is None else expectations.strip(),
            boundaries=None if boundaries is None else boundaries.strip(),
            started=started,
        )
    for field_name, value in (
        ("cadence", cadence),
        ("started", started),
        ("expectations", expectations),
        ("boundaries", boundaries),
    ):
        if value is not None:
            setattr(mentor, field_name, value.strip() if isinstance(value, str) else value)
    return MentorChanged(mentor, journal.root / change.path)


def review_due(
    journal: Journal, mentor: Mentor, sessions: list[Session], reviews: list[Review]
) -> bool:
    """Whether a relationship review is due: at the first session, then every
    `review_every` sessions since the last review (mentorlog.toml, default 4), or once
    `review_days` days have passed since it (default 60)."""
    from mentorlog.report.rules import review_due as due_because

    every = journal.config.review_every or DEFAULT_REVIEW_EVERY
    days = journal.config.review_days or DEFAULT_REVIEW_DAYS
    name = mentor.name.casefold()
    last = max((r.date for r in reviews if r.mentor.casefold() == name), default=None)
    if last is None:  # the first session asks
        return True
    since = sum(1 for s in sessions if s.mentor.casefold() == name and s.date > last)
    return due_because(last, since, 1, clock.today(), every, days) is not None


def add_review(
    journal: Journal,
    name: str,
    answers: list[tuple[str, str]],
    day: date | None = None,
    session: str = "",
    private: bool = False,
    writer: Writer | None = None,
    scores: list[tuple[str, int]] | None = None,
) -> tuple[Review, Path]:
    """Keep a relationship review's answers (blank answers are left out) and its scores, each
    of a category the journal knows (REVIEW_CATEGORIES and `review_categories`)."""
    kept = [Answer(prompt=p, answer=a.strip()) for p, a in answers if a.strip()]
    scored = [Score(category=c, score=n) for c, n in known_scores(journal, scores or [])]
    if not kept and not scored:
        raise InputError(messages.EMPTY_TEXT.format(what="review"))
    if writer is not None:
        return _write_review(
            writer, find_mentor(journal, name), kept, day, session, private, scored
        )
    with journal.writing("mentor review") as own:
        return _write_review(own, find_mentor(journal, name), kept, day, session, private, scored)


def known_scores(journal: Journal, scores: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The scores as given, each category one the journal knows (in any case), 1 to 5; a
    category scored twice keeps its last score."""
    from mentorlog.report.mentors import known_categories

    known = known_categories(journal.config)
    out: dict[str, int] = {}
    for category, score in scores:
        wanted = category.strip().lower()
        if wanted not in known:
            raise InputError(
                messages.UNKNOWN_CATEGORY.format(category=category, known=", ".join(known))
            )
        if not 1 <= score <= 5:
            raise InputError(messages.BAD_SCORE.format(value=f"{category}={score}"))
        out[wanted] = score
    return list(out.items())


def _write_review(
    writer: Writer,
    mentor: Mentor,
    answers: list[Answer],
    day: date | None,
    session: str,
    private: bool,
    scores: list[Score] | None = None,
) -> tuple[Review, Path]:
    review = Review(
        id=store.new_id(),
        created=clock.now(),
        date=day or clock.today(),
        mentor=mentor.name,
        answers=answers,
        scores=scores or [],
        session=session,
        private=private,
    )
    return review, writer.add(review, f"mentor review: {mentor.name}")


def conclude_mentor(
    journal: Journal,
    name: str,
    retrospective: str = "",
    ended: date | None = None,
    reason: str = "",
    rating: int | None = None,
) -> MentorChanged:
    """Record the end of a relationship: its date, why, how it went, and a retrospective."""
    day = ended or clock.today()
    with journal.writing("mentor conclude") as writer:
        mentor = find_mentor(journal, name)
        if mentor.ended is not None:
            raise MentorlogError(
                messages.MENTOR_ALREADY_CONCLUDED.format(
                    name=mentor.name, ended=mentor.ended.isoformat()
                )
            )
        if day < mentor.started:
            raise InputError(
                messages.ENDS_BEFORE_START.format(
                    name=mentor.name, ended=day.isoformat(), started=mentor.started.isoformat()
                )
            )
        change = writer.change(
            MENTORS_FOLDER,
            f"mentor conclude: {mentor.name}",
            False,
            mentor=mentor.name,
            change="conclude",
            ended=day,
            retrospective=retrospective.strip(),
            reason=reason.strip(),
            rating=rating,
        )
    mentor.ended = day
    mentor.retrospective = retrospective.strip()
    mentor.reason = reason.strip()
    mentor.rating = rating
    # A concluded mentor is no longer the one sessions are logged with by default.
    cleared = journal.config.default_mentor.casefold() == mentor.name.casefold()
    return MentorChanged(mentor, journal.root / change.path, default_cleared=cleared)
