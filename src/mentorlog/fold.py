"""What the journal says now: each entry's own file, then every change to it, in one fixed order.

mentorlog never rewrites an entry's file; each later change (a check-in, a milestone reached, an
action done…) is a file of its own under changes/. Two clones therefore only ever add different
files, which git merges without conflict, and every clone holding the same files computes the
same state here. The rules (docs/format.md, "Changes"):

- changes apply in the order of their `created` instant, then their id;
- a value set on both sides (a due date, a title, a status): the later change wins and the
  earlier one stays in the goal's edits or status history;
- the same event recorded on both sides counts once: a milestone or an action done twice keeps
  the earlier date, an identical check-in or status change is kept once, a milestone added
  twice with one title is one milestone.

Nothing here reads files or prints. The parts made here (check-ins, milestones, edits…) are
built with `construct`, from values their change file already validated: validating them
again would import pydantic-core and build its validators, which a read never needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

from mentorlog.model import (
    GOAL_EDIT_FIELDS,
    ActionItem,
    Change,
    CheckIn,
    Edit,
    Entry,
    Goal,
    Mentor,
    Milestone,
    Question,
    Session,
    StatusChange,
    editable_fields,
)


class Orphan(NamedTuple):
    """A change whose entry (or milestone, or action item) is not in the journal."""

    change: Change
    problem: str


def order(changes: Iterable[Change]) -> list[Change]:
    """The one order every clone applies changes in: when each was made, then its id."""
    # The instant itself, not a float of it: a float of seconds since 1970 keeps microseconds
    # only until about 2250, and a clock set centuries ahead must still order exactly.
    return sorted(changes, key=lambda c: (c.created, c.id))


def _stamp(part: Any, change: Change) -> None:
    part._by = change.author
    part._at = change.created
    part._source = change.path


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if hasattr(value, "as_dict"):  # an answer to a prompt
        return "; ".join(f"{k}: {v}" for k, v in value.as_dict().items())
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)


# --- goals ---------------------------------------------------------------------------------------


def _prepare(goal: Goal) -> None:
    """Milestones written in the goal's file without an id take their position as id."""
    for number, milestone in enumerate(goal.milestones, start=1):
        if not milestone.id:
            milestone.id = str(number)


class _GoalFold:
    def __init__(self, goal: Goal) -> None:
        self.goal = goal
        # A milestone added on two machines with one title is one milestone: the second id
        # points at the first.
        self.alias: dict[str, str] = {}
        # The check-ins already there, so one recorded on both machines counts once.
        self.checkins = {(c.date, c.progress, c.note.strip(), c.confidence) for c in goal.checkins}

    def milestone(self, key: str) -> Milestone | None:
        wanted = self.alias.get(key, key)
        return next((m for m in self.goal.milestones if m.id == wanted), None)

    def edit(
        self, change: Change, field: str, old: object, new: object, milestone: str = ""
    ) -> None:
        edit = Edit.construct(
            date=change.created.date(),
            field=field,
            old=_text(old),
            new=_text(new),
            milestone=milestone,
        )
        _stamp(edit, change)
        self.goal._edits = (*self.goal._edits, edit)

    def apply(self, change: Change) -> str | None:
        """Apply one change; a sentence when it points at nothing."""
        goal = self.goal
        kind = change.change
        if kind == "checkin" and change.date is not None and change.progress is not None:
            key = (change.date, change.progress, change.note.strip(), change.confidence)
            if key not in self.checkins:
                checkin = CheckIn.construct(
                    date=change.date,
                    progress=change.progress,
                    note=change.note,
                    confidence=change.confidence,
                )
                _stamp(checkin, change)
                goal.checkins.append(checkin)
                self.checkins.add(key)
        elif kind == "milestone" and change.title:
            self._add_milestone(change, change.title)
        elif kind == "milestone-edit":
            return self._edit_milestone(change)
        elif kind == "milestone-remove":
            milestone = self.milestone(change.milestone)
            if milestone is None:
                return f"removes an unknown milestone '{change.milestone}' of goal {goal.slug}"
            if not milestone.removed:
                milestone._removed = True
                self.edit(change, "removed", "", "yes", milestone=milestone.title)
        elif kind == "reached" and change.date is not None:
            milestone = self.milestone(change.milestone)
            if milestone is None:
                return f"reaches an unknown milestone '{change.milestone}' of goal {goal.slug}"
            if milestone.done is None or change.date < milestone.done:
                milestone.done = change.date
                milestone.note = change.note.strip() or milestone.note
                _stamp(milestone, change)
        elif kind == "status" and change.status is not None and change.date is not None:
            if change.status != goal.status:
                goal.status = change.status
                goal.history.append(
                    StatusChange.construct(date=change.date, status=change.status, note=change.note)
                )
                _stamp(goal.history[-1], change)
        elif kind == "edit":
            for field in GOAL_EDIT_FIELDS:
                # An empty value is never written (`cleared` says what was emptied), and
                # `mentor` is also the relationship field of changes under changes/mentors.
                new = None if field in change.cleared else (getattr(change, field) or None)
                if new is None and field not in change.cleared:
                    continue
                if field == "title" and not new:
                    continue  # a goal always keeps a title
                old = getattr(goal, field)
                new = new if new is not None else ("" if field != "due" else None)
                if new != old:
                    setattr(goal, field, new)
                    self.edit(change, field, old, new)
        elif kind == "rename" and change.slug and change.slug != goal.slug:
            goal._former_slugs = (*goal._former_slugs, goal.slug)
            self.edit(change, "slug", goal.slug, change.slug)
            goal.slug = change.slug
        elif kind == "delete":
            goal._deleted = True
        return None

    def _add_milestone(self, change: Change, title: str) -> None:
        wanted = title.strip().casefold()
        same = next((m for m in self.goal.milestones if m.title.strip().casefold() == wanted), None)
        if same is not None:
            self.alias[change.id] = same.id
            if change.due is not None and change.due != same.due:
                self.edit(change, "due", same.due, change.due, milestone=same.title)
                same.due = change.due
                same.due_at = change.due_at
            return
        added = change.date or change.created.date()
        milestone = Milestone.construct(
            id=change.id, title=title.strip(), due=change.due, due_at=change.due_at, added=added
        )
        _stamp(milestone, change)
        self.goal.milestones.append(milestone)

    def _edit_milestone(self, change: Change) -> str | None:
        milestone = self.milestone(change.milestone)
        if milestone is None:
            return f"edits an unknown milestone '{change.milestone}' of goal {self.goal.slug}"
        if change.title and change.title != milestone.title:
            self.edit(change, "title", milestone.title, change.title, milestone=milestone.title)
            milestone.title = change.title
        due = None if "due" in change.cleared else change.due
        if due is not None or "due" in change.cleared:
            if due != milestone.due:
                self.edit(change, "due", milestone.due, due, milestone=milestone.title)
            milestone.due = due
            milestone.due_at = change.due_at if due is not None else None
        return None


# --- sessions, questions, notes ------------------------------------------------------------------


def _action(session: Session, key: str) -> ActionItem | None:
    return next((a for a in session.actions if a.id == key), None)


def _action_edit(action: ActionItem, change: Change, field: str, old: object, new: object) -> None:
    edit = Edit.construct(date=change.created.date(), field=field, old=_text(old), new=_text(new))
    _stamp(edit, change)
    action._history = (*action._history, edit)


def _apply_session(session: Session, change: Change) -> str | None:
    if change.change == "action" and change.text:
        if _action(session, change.id) is None:
            added = ActionItem.construct(
                id=change.id,
                text=change.text,
                owner=change.owner or "",
                due=change.due,
                due_at=change.due_at,
                goal=change.goal,
            )
            _stamp(added, change)
            added._private = change.private
            added._added = change.created.date()
            session.actions.append(added)
        return None
    if change.change in ("done", "action-edit", "action-drop"):
        action = _action(session, change.action)
        if action is None:
            return f"changes an unknown action item '{change.action}'"
        if change.private:  # what was said of it on the private side stays there
            action._private = True
        if change.change == "done" and change.date is not None:
            if action.done is None or change.date < action.done:
                action.done = change.date
                _stamp(action, change)
        elif change.change == "action-drop" and change.date is not None:
            if action.dropped is None or change.date < action.dropped:
                _action_edit(action, change, "dropped", action.dropped, change.date)
                action.dropped = change.date
        elif change.change == "action-edit":
            for field in ("text", "owner", "goal", "due"):
                # `goal` is "" when not given (it is also a link field); others are None.
                new = None if field in change.cleared else (getattr(change, field) or None)
                if new is None and field not in change.cleared:
                    continue
                if field == "text" and not new:
                    continue  # an action item always keeps its words
                old = getattr(action, field)
                new = new if new is not None else ("" if field != "due" else None)
                if field == "due":  # a new day (or none) takes the time given with it, if any
                    moment = None if field in change.cleared else change.due_at
                    if moment != action.due_at and new == old:
                        _action_edit(action, change, "due_at", action.due_at, moment)
                    action.due_at = moment
                if new != old:
                    _action_edit(action, change, field, old, new)
                    setattr(action, field, new)
    elif change.change == "link":
        for ref in [*change.goals, change.goal]:
            if ref and ref not in session.goals:
                session.goals.append(ref)
    return None


def edit_values(entry: Entry, change: Change) -> dict[str, Any]:
    """What an `edit` change sets on an entry other than a goal: {field: value}, a cleared
    field as its default. Fields that changes also have (title, text, date, goal…) are read
    from them; the others from the change's own keys (notes, topics, situation…)."""
    cls = type(entry)
    aliases = cls._aliases
    shared = set(Change._fields) - {"id", "created", "author", "entry", "change", "cleared"}
    values: dict[str, Any] = {}
    for name in editable_fields(cls):
        key = aliases.get(name, name)
        if name in change.cleared or key in change.cleared:
            default = cls._defaults.get(name)
            values[name] = [] if default == [] else default
        elif name in shared:
            value = getattr(change, name)
            if value not in (None, "", []):
                values[name] = value
        elif key in change.extra:
            values[name] = change.extra[key]
    return values


def apply_edit(entry: Entry, change: Change) -> str | None:
    """Set what an `edit` change says, each value checked as the entry's file would be; each
    field set is kept in the entry's history (`edits`). A sentence when it sets nothing."""
    from mentorlog import validation

    if isinstance(entry, Goal):
        return None  # goals have their own (see _GoalFold)
    values = edit_values(entry, change)
    if not values:
        return f"edits {entry.kind} {entry.id} but sets no field it has"
    aliases = type(entry)._aliases
    document = entry.as_dict()
    document.update({aliases.get(n, n): validation.as_data(v) for n, v in values.items()})
    try:
        checked = validation.validate(type(entry), document)
    except ValueError as error:  # pydantic-core's ValidationError is one
        first = str(error).splitlines()[1:2]
        return f"sets a value the {entry.kind} cannot hold ({first[0].strip() if first else error})"
    for name in values:
        old, new = getattr(entry, name), getattr(checked, name)
        if old != new:
            setattr(entry, name, new)
            edit = Edit.construct(
                date=change.created.date(),
                field=aliases.get(name, name),
                old=_text(old),
                new=_text(new),
            )
            _stamp(edit, change)
            entry._edits = (*entry._edits, edit)
    return None


def _apply_question(question: Question, change: Change) -> None:
    if change.change == "discussed" and change.date is not None:
        if question.discussed is None or change.date < question.discussed:
            question.discussed = change.date
            question.session = change.session or question.session
            _stamp(question, change)
    elif change.change == "link":
        _link(question, change)


def _link(entry: Entry, change: Change) -> None:
    """A link kept on the private side: a public entry about a private goal or session."""
    if change.goal and not getattr(entry, "goal", "x"):
        entry.goal = change.goal  # type: ignore[attr-defined]
    if change.session and not getattr(entry, "session", "x"):
        entry.session = change.session  # type: ignore[attr-defined]


_ID = attrgetter("id")


def fold(entries: Sequence[Entry], changes: Iterable[Change]) -> list[Orphan]:
    """Apply every change to its entry, in place; the changes that point at nothing."""
    # A goal's fold state is made at its first change: most goals have none.
    goals: dict[str, _GoalFold] = {}
    # Built in C (a loop over 100,000 entries cost a twentieth of a second); a later entry
    # with an id already seen takes its place, as it always did.
    by_id: dict[str, Entry] = dict(zip(map(_ID, entries), entries, strict=True))
    every_goal = [entry for entry in entries if isinstance(entry, Goal)]
    for goal in every_goal:
        _prepare(goal)
    orphans: list[Orphan] = []
    for change in order(changes):
        target = by_id.get(change.entry)
        problem: str | None = None
        if target is None:
            problem = f"changes an unknown entry '{change.entry}'"
        elif isinstance(target, Goal):
            state = goals.get(target.id)
            if state is None:
                state = goals[target.id] = _GoalFold(target)
            problem = state.apply(change)
        elif change.change == "edit":
            problem = apply_edit(target, change)
        elif isinstance(target, Session):
            problem = _apply_session(target, change)
        elif isinstance(target, Question):
            _apply_question(target, change)
        elif change.change == "link":
            _link(target, change)
        if problem:
            orphans.append(Orphan(change, problem))
    for goal in every_goal:
        if len(goal.checkins) > 1:
            # Stable: check-ins of one day stay in the order they were made.
            goal.checkins.sort(key=lambda c: c.date)
    for fold_state in goals.values():
        # A removed milestone leaves every report; its edits stay in the goal's history.
        fold_state.goal.milestones = [m for m in fold_state.goal.milestones if not m.removed]
    return orphans


# --- relationships -------------------------------------------------------------------------------

MENTOR_FIELDS = ("started", "cadence", "expectations", "boundaries")


def fold_mentors(
    mentors: Sequence[Mentor], changes: Iterable[Change]
) -> tuple[list[Mentor], list[Orphan]]:
    """Relationships from mentorlog.toml, then every change to them, matched by name (any case).

    A relationship added on two machines is one relationship; concluded on both, it ends on the
    earlier date and keeps both retrospectives.
    """
    found: dict[str, Mentor] = {m.name.casefold(): m for m in mentors}
    result = list(mentors)
    orphans: list[Orphan] = []
    for change in order(changes):
        key = change.mentor.strip().casefold()
        mentor = found.get(key)
        # A name of spaces alone names no one (Mentor.name may not be empty): such a change
        # points at nothing, as `check` then says.
        if change.change == "add" and mentor is None and change.started is not None and key:
            mentor = Mentor.construct(
                name=change.mentor.strip(),
                started=change.started,
                cadence=change.cadence or 30,
                expectations=change.expectations or "",
                boundaries=change.boundaries or "",
            )
            _stamp(mentor, change)
            found[key] = mentor
            result.append(mentor)
        elif mentor is None:
            orphans.append(Orphan(change, f"changes an unknown relationship '{change.mentor}'"))
        elif change.change in ("add", "edit"):
            for field in MENTOR_FIELDS:
                value = getattr(change, field)
                if value is not None:
                    setattr(mentor, field, value)
        elif change.change == "conclude" and change.ended is not None:
            if mentor.ended is None or change.ended < mentor.ended:
                mentor.ended = change.ended
            text = change.retrospective.strip()
            if text and text not in mentor.retrospective:
                mentor.retrospective = "\n\n".join(p for p in (mentor.retrospective, text) if p)
            if change.reason.strip():
                mentor.reason = change.reason.strip()
            if change.rating is not None:
                mentor.rating = change.rating
    return result, orphans
