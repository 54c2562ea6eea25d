"""Sessions and their action items; marking questions discussed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mentorlog import clock, messages, store
from mentorlog.core.goals import load_goals
from mentorlog.errors import InputError, MentorlogError
from mentorlog.handles import find_action, find_entry, find_goal
from mentorlog.journal import Journal
from mentorlog.model import ActionItem, Question, Session


@dataclass
class SessionDraft:
    """Everything a person said about a session, before it is checked and written."""

    day: date
    mentor: str | None = None
    duration: int | None = None
    title: str = ""
    topics: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    notes: str = ""
    actions: list[str] = field(default_factory=list)
    next: date | None = None
    done_actions: list[str] = field(default_factory=list)
    discussed: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    private: bool = False

    def is_empty(self) -> bool:
        return not (self.notes.strip() or self.title.strip() or self.topics or self.actions)


@dataclass
class SessionWritten:
    session: Session
    path: Path
    actions_done: list[ActionItem] = field(default_factory=list)
    questions_discussed: list[Question] = field(default_factory=list)
    changed_paths: list[Path] = field(default_factory=list)


def choose_mentor(journal: Journal, given: str | None) -> str:
    if given and given.strip():
        known = journal.config.mentor(given)
        return known.name if known else given.strip()
    default = journal.default_mentor()
    if default is None:
        names = ", ".join(m.name for m in journal.config.mentors) or "none yet"
        raise InputError(messages.NO_MENTOR.format(known=names))
    return default


def add_session(journal: Journal, draft: SessionDraft) -> SessionWritten:
    """Check everything first, then write the session, then tick off actions and questions."""
    if draft.is_empty():
        raise InputError(messages.NOTHING_TO_RECORD)
    mentor = choose_mentor(journal, draft.mentor)
    goal_ids: list[str] = []
    if draft.goals:
        goals = load_goals(journal)
        goal_ids = list(dict.fromkeys(find_goal(goals, handle).id for handle in draft.goals))

    done_pairs: list[tuple[Session, ActionItem]] = []
    if draft.done_actions:
        sessions = journal.load(["session"]).sessions
        done_pairs = [find_action(sessions, handle) for handle in draft.done_actions]
    discussed: list[Question] = []
    if draft.discussed:
        questions = journal.load(["question"]).questions
        found = [find_entry(questions, handle, "question") for handle in draft.discussed]
        discussed = [q for q in found if isinstance(q, Question)]

    session = Session(
        id=store.new_id(), created=clock.now(), date=draft.day, mentor=mentor,
        duration=draft.duration, title=draft.title.strip(), topics=_clean(draft.topics),
        goals=goal_ids, notes=draft.notes.strip("\n"), next=draft.next,
        discussed=[q.id for q in discussed],
        actions=[ActionItem(id=store.new_id(), text=text, due=draft.next)
                 for text in _clean(draft.actions)],
        tags=_clean(draft.tags), private=draft.private,
    )
    written = SessionWritten(session, journal.add(session))
    for source, action in done_pairs:
        path = mark_action_done(journal, source, action.id, draft.day)
        written.actions_done.append(action)
        written.changed_paths.append(path)
    for question in discussed:
        path = mark_discussed(journal, question, session, draft.day)
        written.questions_discussed.append(question)
        written.changed_paths.append(path)
    return written


def mark_action_done(journal: Journal, session: Session, action_id: str, day: date) -> Path:
    fresh = journal.read_entry(session)
    for action in fresh.actions:
        if action.id == action_id:
            action.done = day
    return journal.save(fresh)


def complete_action(journal: Journal, handle: str, day: date | None = None) -> tuple[
        ActionItem, Path]:
    sessions = journal.load(["session"]).sessions
    session, action = find_action(sessions, handle)
    if action.done is not None:
        raise MentorlogError(f"Action item {action.id[:store.SHORT_ID]} was already done on "
                             f"{action.done.isoformat()}.")
    return action, mark_action_done(journal, session, action.id, day or clock.today())


def mark_discussed(journal: Journal, question: Question, session: Session, day: date) -> Path:
    fresh = journal.read_entry(question)
    fresh.discussed = day
    fresh.session = session.id
    return journal.save(fresh)


def _clean(values: list[str]) -> list[str]:
    return [v.strip() for v in values if v.strip()]
