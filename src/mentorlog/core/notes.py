"""Reflections, feedback and questions: entries written once, between meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from mentorlog import clock, messages, store
from mentorlog.core.privacy import split_links
from mentorlog.errors import InputError
from mentorlog.handles import find_mentor
from mentorlog.journal import Journal
from mentorlog.model import Answer, Entry, Feedback, Goal, Question, Reflection, Session, Win
from mentorlog.writes import Writer

# The guided prompts of `reflect`, from workplace-mentoring practice.
REFLECTION_PROMPTS = (
    "What went well?",
    "What did I learn about myself?",
    "What new skills have I acquired?",
    "What will I do differently?",
)


@dataclass
class Links:
    goal: str | None = None
    session: str | None = None


@dataclass
class NoteWritten:
    entry: Entry
    path: Path


def resolve_links(journal: Journal, links: Links) -> tuple[Goal | None, Session | None]:
    goal = journal.goals().find(links.goal) if links.goal else None
    session = journal.sessions().find(links.session) if links.session else None
    return goal, session


def _write_note(
    writer: Writer,
    note: Reflection | Feedback | Question | Win,
    summary: str,
    goal: Goal | None,
    session: Session | None,
) -> Path:
    """Write the note; a link to a private goal or session from a public note stays on the
    private side (core/privacy.py)."""
    shared, hidden = split_links(note.private, [t for t in (goal, session) if t is not None])
    note.goal = goal.id if goal in shared else ""
    if not isinstance(note, Question | Win):
        note.session = session.id if session in shared else ""
    path = writer.add(note, summary)
    if hidden:
        writer.change(
            note.folder,
            f"{note.kind} link: {note.id}",
            True,
            entry=note.id,
            change="link",
            goal=goal.id if goal in hidden else "",
            session=session.id if session in hidden else "",
        )
    return path


def add_reflection(
    journal: Journal,
    text: str,
    answers: list[tuple[str, str]],
    links: Links,
    day: date | None = None,
    tags: list[str] | None = None,
    private: bool = False,
) -> NoteWritten:
    kept = [Answer(prompt=p, answer=a.strip()) for p, a in answers if a.strip()]
    if not text.strip() and not kept:
        raise InputError(messages.EMPTY_TEXT.format(what="reflection"))
    with journal.writing("reflect") as writer:
        goal, session = resolve_links(journal, links)
        reflection = Reflection(
            id=store.new_id(),
            created=clock.now(),
            date=day or clock.today(),
            text=text.strip("\n"),
            answers=kept,
            tags=tags or [],
            private=private,
        )
        path = _write_note(writer, reflection, f"reflect: {reflection.label}", goal, session)
    return NoteWritten(reflection, path)


@dataclass
class FeedbackDraft:
    direction: Literal["received", "given"]
    text: str = ""
    from_: str = ""
    to: str = ""
    situation: str = ""
    behaviour: str = ""
    impact: str = ""
    strengths: tuple[str, ...] = ()
    improvements: tuple[str, ...] = ()


def add_feedback(
    journal: Journal,
    draft: FeedbackDraft,
    links: Links,
    day: date | None = None,
    tags: list[str] | None = None,
    private: bool = False,
) -> NoteWritten:
    strengths = [s.strip() for s in draft.strengths if s.strip()]
    improvements = [s.strip() for s in draft.improvements if s.strip()]
    if (
        not any(x.strip() for x in (draft.text, draft.situation, draft.behaviour, draft.impact))
        and not strengths
        and not improvements
    ):
        raise InputError(messages.FEEDBACK_EMPTY)
    with journal.writing("feedback add") as writer:
        goal, session = resolve_links(journal, links)
        # Each side named: the one left out is whoever writes it down.
        writer_name = writer.author
        feedback = Feedback.validate(
            {
                "id": store.new_id(),
                "created": clock.now(),
                "date": day or clock.today(),
                "direction": draft.direction,
                "from": draft.from_.strip() or (writer_name if draft.direction == "given" else ""),
                "to": draft.to.strip() or (writer_name if draft.direction == "received" else ""),
                "situation": draft.situation.strip(),
                "behaviour": draft.behaviour.strip(),
                "impact": draft.impact.strip(),
                "text": draft.text.strip("\n"),
                "strengths": strengths,
                "improvements": improvements,
                "tags": tags or [],
                "private": private,
            }
        )
        path = _write_note(writer, feedback, f"feedback add: {feedback.label}", goal, session)
    return NoteWritten(feedback, path)


def add_question(
    journal: Journal,
    text: str,
    goal: str | None = None,
    tags: list[str] | None = None,
    private: bool = False,
    mentor: str | None = None,
) -> NoteWritten:
    if not text.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="question"))
    with journal.writing("ask") as writer:
        whom = find_mentor(journal.config.mentors, mentor).name if mentor is not None else ""
        linked, _ = resolve_links(journal, Links(goal=goal))
        question = Question(
            id=store.new_id(),
            created=clock.now(),
            date=clock.today(),
            text=text.strip(),
            mentor=whom,
            tags=tags or [],
            private=private,
        )
        path = _write_note(writer, question, f"ask: {question.text}", linked, None)
    return NoteWritten(question, path)


def add_win(
    journal: Journal,
    text: str,
    goal: str | None = None,
    day: date | None = None,
    tags: list[str] | None = None,
    private: bool = False,
) -> NoteWritten:
    """A personal milestone worth celebrating; `report` lists it among the period's wins."""
    if not text.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="win"))
    with journal.writing("win") as writer:
        linked, _ = resolve_links(journal, Links(goal=goal))
        win = Win(
            id=store.new_id(),
            created=clock.now(),
            date=day or clock.today(),
            text=text.strip(),
            tags=tags or [],
            private=private,
        )
        path = _write_note(writer, win, f"win: {win.text}", linked, None)
    return NoteWritten(win, path)
