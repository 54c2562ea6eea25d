"""Action items after the session that agreed them: add one, revise it, drop it.

Each is a change to the session that holds the item (docs/format.md, "Changes"), so the
session's file is never rewritten and the item keeps its history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from mentorlog import clock, messages, store
from mentorlog.errors import InputError, MentorlogError
from mentorlog.handles import find_mentor
from mentorlog.journal import Journal
from mentorlog.model import ActionItem, Goal, Session

# What --owner takes for the journal's owner (anything else names a mentor).
ME = ("me", "mine", "myself", "i")


@dataclass
class ActionChanged:
    action: ActionItem
    session: Session
    path: Path
    private: bool = False


def action_is_private(journal: Journal, session: Session, action: ActionItem) -> bool:
    """An action item stays on the private side, in every change made to it, when its session
    is private, when it was added there (it is about a private goal), or when its goal is."""
    if session.private or action.kept_private:
        return True
    if not action.goal:
        return False
    try:
        return journal.goals().find(action.goal).private
    except MentorlogError:  # a goal this clone does not hold
        return False


def resolve_owner(journal: Journal, given: str | None, session: Session | None) -> str | None:
    """ "" for the journal's owner, a mentor's name for the mentor's promise; None: not given.
    `mentor` names the session's own mentor."""
    if given is None:
        return None
    wanted = given.strip()
    if (
        not wanted
        or wanted.casefold() in ME
        or wanted.casefold() == journal.config.owner.casefold()
    ):
        return ""
    if wanted.casefold() == "mentor":
        if session is None or not session.mentor:
            raise InputError(messages.OWNER_MENTOR_UNKNOWN)
        return session.mentor
    return find_mentor(journal.config.mentors, wanted).name


def _goal_id(journal: Journal, handle: str | None) -> Goal | None:
    if handle is None or not handle.strip():
        return None
    return journal.goals().find(handle)


def add_action(
    journal: Journal,
    text: str,
    owner: str | None = None,
    due: date | None = None,
    goal: str | None = None,
    session: str | None = None,
    due_at: datetime | None = None,
) -> ActionChanged:
    """A new action item, held by the given session or else the latest one."""
    words = text.strip()
    if not words:
        raise InputError(messages.EMPTY_TEXT.format(what="action item"))
    with journal.writing("action add") as writer:
        sessions = journal.sessions()
        latest = sessions.find(session) if session is not None else sessions.latest()
        if latest is None:
            raise MentorlogError(messages.NO_SESSION_FOR_ACTION)
        holder = latest
        who = resolve_owner(journal, owner, holder) or ""
        linked = _goal_id(journal, goal)
        # A public session's item about a private goal is kept on the private side.
        private = holder.private or (linked is not None and linked.private)
        change = writer.change(
            Session.folder,
            f"action add: {words}",
            private,
            entry=holder.id,
            change="action",
            text=words,
            owner=who or None,
            due=due,
            due_at=due_at,
            goal=linked.id if linked else "",
        )
        item = ActionItem(
            id=change.id,
            text=words,
            owner=who,
            due=due,
            due_at=due_at,
            goal=linked.id if linked else "",
        )
    return ActionChanged(item, holder, journal.root / change.path, private)


def edit_action(
    journal: Journal,
    handle: str,
    text: str | None = None,
    due: date | None = None,
    clear_due: bool = False,
    owner: str | None = None,
    goal: str | None = None,
    due_at: datetime | None = None,
) -> ActionChanged:
    if text is None and due is None and not clear_due and owner is None and goal is None:
        raise InputError(
            messages.NOTHING_TO_EDIT.format(
                what="the action item", options="--text, --due, --no-due, --owner, --goal"
            )
        )
    if text is not None and not text.strip():
        raise InputError(messages.EMPTY_TEXT.format(what="action item"))
    with journal.writing("action edit") as writer:
        session, action = journal.sessions().find_action(handle)
        who = resolve_owner(journal, owner, session)
        linked = _goal_id(journal, goal) if goal is not None and goal.strip() else None
        cleared = [
            name
            for name, wanted in (
                ("due", clear_due),
                ("goal", goal is not None and not goal.strip()),
            )
            if wanted
        ]
        fields = {
            "text": text.strip() if text is not None else None,
            "due": due,
            "due_at": due_at,
            "owner": who,
            "goal": linked.id if linked else "",
        }
        if who == "":
            cleared.append("owner")
            fields["owner"] = None
        private = action_is_private(journal, session, action) or (
            linked is not None and linked.private
        )
        change = writer.change(
            Session.folder,
            f"action edit: {action.text}",
            private,
            entry=session.id,
            change="action-edit",
            action=action.id,
            cleared=cleared,
            **fields,
        )
    return ActionChanged(action, session, journal.root / change.path, private)


def drop_action(
    journal: Journal, handle: str, day: date | None = None, note: str = ""
) -> ActionChanged:
    """An item no longer worth doing: it leaves the open lists, and its history stays."""
    with journal.writing("action drop") as writer:
        session, action = journal.sessions().find_action(handle)
        if not action.is_open:
            state = (
                f"done on {action.done.isoformat()}"
                if action.done
                else f"dropped on {action.dropped.isoformat()}"
                if action.dropped
                else "closed"
            )
            raise MentorlogError(
                messages.ACTION_CLOSED.format(handle=action.id[: store.SHORT_ID], state=state)
            )
        private = action_is_private(journal, session, action)
        change = writer.change(
            Session.folder,
            f"action drop: {action.text}",
            private,
            entry=session.id,
            change="action-drop",
            action=action.id,
            date=day or clock.today(),
            note=note.strip(),
        )
    return ActionChanged(action, session, journal.root / change.path, private)
