"""Reflections, feedback and questions: entries written once, between meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from mentorlog import clock, messages, store
from mentorlog.core.goals import load_goals
from mentorlog.errors import InputError
from mentorlog.handles import find_entry, find_goal
from mentorlog.journal import Journal
from mentorlog.model import Answer, Entry, Feedback, Question, Reflection

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


def resolve_links(journal: Journal, links: Links) -> tuple[str, str]:
    goal_id = find_goal(load_goals(journal), links.goal).id if links.goal else ""
    session_id = ""
    if links.session:
        sessions = journal.load(["session"]).sessions
        session_id = find_entry(sessions, links.session, "session").id
    return goal_id, session_id


def add_reflection(journal: Journal, text: str, answers: list[tuple[str, str]], links: Links,
                   day: date | None = None, tags: list[str] | None = None,
                   private: bool = False) -> NoteWritten:
    kept = [Answer(prompt=p, answer=a.strip()) for p, a in answers if a.strip()]
    if not text.strip() and not kept:
        raise InputError(messages.EMPTY_TEXT.format(what="reflection"))
    goal_id, session_id = resolve_links(journal, links)
    reflection = Reflection(
        id=store.new_id(), created=clock.now(), date=day or clock.today(), text=text.strip("\n"),
        answers=kept, goal=goal_id, session=session_id, tags=tags or [], private=private)
    return NoteWritten(reflection, journal.add(reflection))


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


def add_feedback(journal: Journal, draft: FeedbackDraft, links: Links, day: date | None = None,
                 tags: list[str] | None = None, private: bool = False) -> NoteWritten:
    strengths = [s.strip() for s in draft.strengths if s.strip()]
    improvements = [s.strip() for s in draft.improvements if s.strip()]
    if not any(x.strip() for x in (draft.text, draft.situation, draft.behaviour, draft.impact)) \
            and not strengths and not improvements:
        raise InputError(messages.FEEDBACK_EMPTY)
    goal_id, session_id = resolve_links(journal, links)
    owner = journal.config.owner
    feedback = Feedback.model_validate({
        "id": store.new_id(), "created": clock.now(), "date": day or clock.today(),
        "direction": draft.direction,
        "from": draft.from_.strip() or (owner if draft.direction == "given" else ""),
        "to": draft.to.strip() or (owner if draft.direction == "received" else ""),
        "situation": draft.situation.strip(), "behaviour": draft.behaviour.strip(),
        "impact": draft.impact.strip(), "text": draft.text.strip("\n"),
        "strengths": strengths, "improvements": improvements,
        "goal": goal_id, "session": session_id, "tags": tags or [], "private": private,
    })
    return NoteWritten(feedback, journal.add(feedback))


def add_question(journal: Journal, text: str, goal: str | None = None,
                 tags: list[str] | None = None, private: bool = False) -> NoteWritten:
    if not text.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="question"))
    goal_id, _ = resolve_links(journal, Links(goal=goal))
    question = Question(id=store.new_id(), created=clock.now(), date=clock.today(),
                        text=text.strip(), goal=goal_id, tags=tags or [], private=private)
    return NoteWritten(question, journal.add(question))
