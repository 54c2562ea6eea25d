"""Sessions and their action items; marking questions discussed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from mentorlog import clock, messages, store
from mentorlog.core.privacy import split_links
from mentorlog.errors import InputError, MentorlogError
from mentorlog.handles import find_mentor
from mentorlog.journal import Journal
from mentorlog.model import ActionItem, Goal, Question, Review, Session
from mentorlog.writes import Writer


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
    next_at: datetime | None = None  # when a time of day was given
    done_actions: list[str] = field(default_factory=list)
    discussed: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    private: bool = False
    rating: int | None = None
    # What the mentor promised to do (the item's owner is the session's mentor).
    mentor_actions: list[str] = field(default_factory=list)
    # A relationship review answered in the template: (question, answer) pairs.
    review: list[tuple[str, str]] = field(default_factory=list)
    # How sure the mentee is of each goal discussed: (goal handle, 1-5).
    confidence: list[tuple[str, int]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.notes.strip()
            or self.title.strip()
            or self.topics
            or self.actions
            or self.mentor_actions
            or self.rating is not None
        )


@dataclass
class SessionWritten:
    session: Session
    path: Path
    actions_done: list[ActionItem] = field(default_factory=list)
    questions_discussed: list[Question] = field(default_factory=list)
    changed_paths: list[Path] = field(default_factory=list)
    review: Review | None = None


def choose_mentor(journal: Journal, given: str | None) -> str:
    if given is not None:
        # The relationship's own name, so every report counts the session with it.
        return find_mentor(journal.config.mentors, given).name
    default = journal.default_mentor()
    if default is None:
        running = [m.name for m in journal.config.mentors if m.ended is None]
        names = ", ".join(running or [m.name for m in journal.config.mentors]) or "none yet"
        raise InputError(messages.NO_MENTOR.format(known=names))
    return default


def add_session(journal: Journal, draft: SessionDraft) -> SessionWritten:
    """Check everything first, then write the session, then tick off actions and questions."""
    if draft.is_empty():
        raise InputError(messages.NOTHING_TO_RECORD)
    with journal.writing("session add") as writer:
        mentor = choose_mentor(journal, draft.mentor)
        goals = []
        if draft.goals:
            known = journal.goals()
            goals = list({g.id: g for g in map(known.find, draft.goals)}.values())

        done_pairs: list[tuple[Session, ActionItem]] = []
        if draft.done_actions:
            sessions = journal.sessions()
            done_pairs = [sessions.find_action(handle) for handle in draft.done_actions]
        discussed: list[Question] = []
        if draft.discussed:
            questions = journal.questions()
            found = [questions.find(handle) for handle in draft.discussed]
            discussed = list({q.id: q for q in found}.values())

        sure: list[tuple[Goal, int]] = []
        if draft.confidence:
            known = journal.goals()
            sure = [(known.find(handle), level) for handle, level in draft.confidence]
        shared_goals, private_goals = split_links(draft.private, goals)
        shared_questions, _ = split_links(draft.private, discussed)
        session = Session(
            id=store.new_id(),
            created=clock.now(),
            date=draft.day,
            mentor=mentor,
            duration=draft.duration,
            title=draft.title.strip(),
            topics=_clean(draft.topics),
            goals=[g.id for g in shared_goals],
            notes=draft.notes.strip("\n"),
            next=draft.next,
            next_at=draft.next_at,
            discussed=[q.id for q in shared_questions],
            actions=[
                *[
                    ActionItem(id=store.new_id(), text=text, due=draft.next, due_at=draft.next_at)
                    for text in _clean(draft.actions)
                ],
                *[
                    ActionItem(
                        id=store.new_id(),
                        text=text,
                        due=draft.next,
                        due_at=draft.next_at,
                        owner=mentor,
                    )
                    for text in _clean(draft.mentor_actions)
                ],
            ],
            rating=draft.rating,
            tags=_clean(draft.tags),
            private=draft.private,
        )
        written = SessionWritten(session, writer.add(session, f"session add: {session.label}"))
        if any(answer.strip() for _, answer in draft.review):
            from mentorlog.core.mentors import add_review

            written.review, _ = add_review(
                journal, mentor, draft.review, draft.day, session.id, draft.private, writer=writer
            )
        if private_goals:  # kept on the private side: see core/privacy.py
            writer.change(
                Session.folder,
                f"session goals: {session.label}",
                True,
                entry=session.id,
                change="link",
                goals=[g.id for g in private_goals],
            )
        for source, action in done_pairs:
            if action.done is None:
                written.changed_paths.append(_done(writer, journal, source, action, draft.day))
            written.actions_done.append(action)
        for question in discussed:
            written.changed_paths.append(mark_discussed(writer, question, session, draft.day))
            written.questions_discussed.append(question)
        for goal, level in sure:
            # A check-in at the goal's progress: confidence is said where progress is.
            change = writer.change(
                Goal.folder,
                f"goal progress: {goal.slug} at {goal.progress}%, confidence {level}",
                goal.private,
                entry=goal.id,
                change="checkin",
                date=draft.day,
                progress=goal.progress,
                confidence=level,
            )
            written.changed_paths.append(writer.journal.root / change.path)
    return written


def _done(
    writer: Writer, journal: Journal, session: Session, action: ActionItem, day: date
) -> Path:
    from mentorlog.core.actions import action_is_private

    change = writer.change(
        Session.folder,
        f"action done: {action.text}",
        action_is_private(journal, session, action),
        entry=session.id,
        change="done",
        action=action.id,
        date=day,
    )
    return writer.journal.root / change.path


def complete_action(
    journal: Journal, handle: str, day: date | None = None
) -> tuple[ActionItem, Path]:
    with journal.writing("action done") as writer:
        session, action = journal.sessions().find_action(handle)
        if action.done is not None:
            raise MentorlogError(
                messages.ALREADY_DONE.format(
                    handle=action.id[: store.SHORT_ID], done=action.done.isoformat()
                )
            )
        if action.dropped is not None:
            raise MentorlogError(
                messages.ACTION_CLOSED.format(
                    handle=action.id[: store.SHORT_ID],
                    state=f"dropped on {action.dropped.isoformat()}",
                )
            )
        path = _done(writer, journal, session, action, day or clock.today())
    return action, path


def mark_discussed(writer: Writer, question: Question, session: Session, day: date) -> Path:
    """The change lives with the question. A public question's change never names a private
    session (a clone without private/ would find nothing there); the private session lists the
    question itself."""
    reference = session.id if question.private or not session.private else ""
    change = writer.change(
        Question.folder,
        f"question discussed: {question.text}",
        question.private,
        entry=question.id,
        change="discussed",
        date=day,
        session=reference,
    )
    return writer.journal.root / change.path


def _clean(values: list[str]) -> list[str]:
    return [v.strip() for v in values if v.strip()]
