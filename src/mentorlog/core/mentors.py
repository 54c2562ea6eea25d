"""Mentoring relationships in mentorlog.toml: the agreement at the start, the close at the end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentorlog import clock, handles, messages
from mentorlog.errors import InputError, MentorlogError
from mentorlog.journal import Journal
from mentorlog.model import Mentor
from mentorlog.store import MENTORS_FOLDER

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


def add_mentor(journal: Journal, name: str, cadence: int = 30, expectations: str = "",
               boundaries: str = "", started: date | None = None) -> MentorChanged:
    """Record a mentoring agreement; one relationship per name."""
    name = name.strip()
    if not name:
        raise InputError(messages.EMPTY_TEXT.format(what="mentor's name"))
    mentor = Mentor(name=name, started=started or clock.today(), cadence=cadence,
                    expectations=expectations.strip(), boundaries=boundaries.strip())
    with journal.writing("mentor add") as writer:
        existing = journal.config.mentor(name)
        if existing is not None:
            hint = (messages.MENTOR_CONCLUDED_HINT.format(ended=existing.ended.isoformat())
                    if existing.ended else None)
            raise MentorlogError(messages.MENTOR_EXISTS.format(name=existing.name), hint=hint)
        change = writer.change(MENTORS_FOLDER, f"mentor add: {name}", False, mentor=name,
                               change="add", started=mentor.started, cadence=mentor.cadence,
                               expectations=mentor.expectations or None,
                               boundaries=mentor.boundaries or None)
    journal.config.mentors.append(mentor)
    return MentorChanged(mentor, journal.root / change.path)


def compose_retrospective(answers: list[tuple[str, str]]) -> str:
    """The guided answers as one text: each prompt, then its answer; blank answers are left out."""
    return "\n\n".join(f"{prompt}\n{answer.strip()}" for prompt, answer in answers
                       if answer.strip())


def conclude_mentor(journal: Journal, name: str, retrospective: str = "",
                    ended: date | None = None) -> MentorChanged:
    """Record the end of a relationship and its closing retrospective."""
    day = ended or clock.today()
    with journal.writing("mentor conclude") as writer:
        mentor = find_mentor(journal, name)
        if mentor.ended is not None:
            raise MentorlogError(messages.MENTOR_ALREADY_CONCLUDED.format(
                name=mentor.name, ended=mentor.ended.isoformat()))
        if day < mentor.started:
            raise InputError(messages.ENDS_BEFORE_START.format(
                name=mentor.name, ended=day.isoformat(), started=mentor.started.isoformat()))
        change = writer.change(MENTORS_FOLDER, f"mentor conclude: {mentor.name}", False,
                               mentor=mentor.name, change="conclude", ended=day,
                               retrospective=retrospective.strip())
    mentor.ended = day
    mentor.retrospective = retrospective.strip()
    # A concluded mentor is no longer the one sessions are logged with by default.
    cleared = journal.config.default_mentor.casefold() == mentor.name.casefold()
    return MentorChanged(mentor, journal.root / change.path, default_cleared=cleared)
