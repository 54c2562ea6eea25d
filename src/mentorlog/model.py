"""Every entry kind and the journal configuration, as plain classes.

Field order here is the key order in the files (see store.to_document), so it is part of the
format: change it only together with docs/format.md.

These classes hold what was read; they do not import pydantic, so a command that reads the
index never loads it. A file's data, and every new entry, is validated (Part.validate, and the
constructor) with the pydantic-core schemas mentorlog.validation builds from these
declarations; the names Id, Slug, Percent… below are the constraints they apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Self

from mentorlog import kinds, validation

# Constrained values: plain types here, checked by mentorlog.validation (see CONSTRAINTS there).
# Ids and slugs are built from a few characters only, so no value can make a path.
Id = str
Slug = str
Text = str
Percent = int  # 0 to 100
Minutes = int  # 0 to 24 hours
Days = int  # 1 to 3650
Rating = int  # 1 to 5
Name = str  # at least one character
FormatVersion = int  # 1 or more
ReviewEvery = int  # 1 to 100

GoalStatus = Literal["active", "paused", "achieved", "dropped"]
GOAL_STATUSES: tuple[str, ...] = ("active", "paused", "achieved", "dropped")

_new = object.__new__


class Part:
    """A table inside an entry (and the base of every entry); unknown keys are kept so a re-save
    never drops them.

    Each subclass declares its fields as annotated class attributes, in file order; a default
    makes a field optional. __init_subclass__ collects them (inherited ones first, a redeclared
    one keeping its place, as pydantic orders them) and takes the defaults off the class, so
    every instance holds every field in its own __dict__. Names starting with `_` are not
    fields: they are values the loader and the fold set, never written, whose class attribute is
    the default.
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    # Field name -> key in the file, where they differ.
    _aliases: ClassVar[dict[str, str]] = {}

    # Unknown keys from the file, kept for a re-save; set on an instance only when it has some.
    _extra: Mapping[str, Any] = MappingProxyType({})

    # Set by the fold (see fold.py), never written: who made the change that set this part
    # (a check-in, a milestone reached, an action done…), when, and the change file it came from.
    _by: str = ""
    _at: dt.datetime | None = None
    _source: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict.fromkeys(cls._fields)
        defaults = dict(cls._defaults)
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            if name.startswith("_") or str(annotation).startswith("ClassVar"):
                continue
            fields[name] = None
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                delattr(cls, name)
            else:
                defaults.pop(name, None)
        cls._fields = tuple(fields)
        cls._defaults = defaults

    def __init__(self, **values: Any) -> None:
        """A new part, validated like a file's data (pydantic-core's ValidationError if it does
        not fit): for entries made by a command."""
        self.__dict__.update(validation.new(type(self), values).__dict__)

    @classmethod
    def validate(cls, data: Any) -> Self:
        """A part from a file's data, checked and converted by its schema (validation.py)."""
        return validation.validate(cls, data)

    @classmethod
    def construct(cls, **values: Any) -> Self:
        """A part from values already validated (by a change file), without validating again."""
        part = _new(cls)
        defaults = cls._defaults
        stores = part.__dict__
        for name in cls._fields:
            if name in values:
                stores[name] = values[name]
            else:
                default = defaults[name]
                stores[name] = [] if default == [] else default
        return part

    def copy(self, **changes: Any) -> Self:
        """A shallow copy with some fields changed."""
        part = _new(type(self))
        part.__dict__.update(self.__dict__)
        part.__dict__.update(changes)
        return part

    def fields(self) -> dict[str, Any]:
        """Field name -> value, in file order (unknown keys are in `extra`)."""
        stores = self.__dict__
        return {name: stores[name] for name in self._fields}

    @property
    def extra(self) -> Mapping[str, Any]:
        return self._extra

    def as_dict(self) -> dict[str, Any]:
        """The fields under their keys in the file, then the unknown keys; parts inside as
        dicts too (values the fold sets are left out)."""
        aliases = self._aliases
        data = {aliases.get(name, name): as_data(value) for name, value in self.fields().items()}
        data.update((key, as_data(value)) for key, value in self._extra.items())
        return data

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        names = self.__dict__.keys() | other.__dict__.keys()
        return all(getattr(self, name) == getattr(other, name) for name in names)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the lists holding it

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.fields().items())
        return f"{type(self).__name__}({shown})"

    @property
    def by(self) -> str:
        return self._by

    @property
    def at(self) -> dt.datetime | None:
        return self._at

    @property
    def source(self) -> str:
        return self._source


def as_data(value: Any) -> Any:
    """A value with every part in it as the data it holds (Part.as_dict), lists included."""
    if isinstance(value, Part):
        return value.as_dict()
    if type(value) is list:
        return [as_data(item) for item in value]
    return value


class Stamped(Part):
    """A file with a `created` instant: an entry or a change."""

    created: dt.datetime
    # True when the file's `created` had no offset (see _as_utc): check reports it.
    _created_without_offset: bool = False

    @property
    def created_without_offset(self) -> bool:
        return self._created_without_offset


class Entry(Stamped):
    """What every entry file holds."""

    kind: ClassVar[str] = ""
    folder: ClassVar[str] = ""

    id: Id
    created: dt.datetime
    author: str = ""
    tags: list[str] = []
    private: bool = False

    # Where the entry was read from, relative to the journal root; set by the loader.
    _path: str = ""
    # Set by the fold: each field an `edit` change set, with what it was (the entry's history).
    _edits: tuple[Edit, ...] = ()

    @property
    def path(self) -> str:
        return self._path

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self._edits

    @property
    def day(self) -> dt.date:
        """The date the entry is about, for ordering entries of every kind."""
        return self.created.date()

    @property
    def label(self) -> str:
        """A one-line title for lists."""
        return self.id

    def goal_refs(self) -> list[str]:
        """The goals it links to, as written (ids; slugs when written by hand)."""
        goals = getattr(self, "goals", None)
        if isinstance(goals, list):
            return [str(g) for g in goals]
        single = getattr(self, "goal", "")
        return [single] if single else []

    def mentions(self, names: set[str]) -> bool:
        """Whether it links to the goal whose names these are (model.names_of)."""
        return not names.isdisjoint(self.goal_refs())


class DatedEntry(Entry):
    """An entry about one day (a session, a reflection, feedback…): `date` is its first own
    field, and the day it sorts by."""

    date: dt.date

    @property
    def day(self) -> dt.date:
        return self.date


class Milestone(Part):
    # Milestones written in the goal's own file may leave the id out: their id is then their
    # position there ("1", "2"…). A milestone added later takes the id of the change adding it.
    id: str = ""
    title: str
    due: dt.date | None = None
    # When a time of day was given: the moment, with its offset (its day is `due`).
    due_at: dt.datetime | None = None
    done: dt.date | None = None
    added: dt.date | None = None
    note: Text = ""  # a word on it when it was reached

    # Set by the fold: a milestone removed by a change is left out, its history kept.
    _removed: bool = False

    @property
    def removed(self) -> bool:
        return self._removed


class CheckIn(Part):
    date: dt.date
    progress: Percent
    note: Text = ""
    # How sure the mentee is of reaching the goal, 1 (not at all) to 5 (sure); unset: not said.
    confidence: Rating | None = None


class StatusChange(Part):
    date: dt.date
    status: GoalStatus
    note: Text = ""


class Edit(Part):
    """One field of a goal or a milestone set by a change: what it was, what it became."""

    date: dt.date
    field: str
    old: str = ""
    new: str = ""
    milestone: str = ""


class Goal(Entry):
    kind: ClassVar[str] = "goal"
    folder: ClassVar[str] = "goals"

    slug: Slug
    title: str
    status: GoalStatus = "active"
    # The relationship the goal is worked on in ("" when it is not tied to one).
    mentor: str = ""
    what: Text = ""
    measure: Text = ""
    target: Text = ""
    why: Text = ""
    due: dt.date | None = None
    milestones: list[Milestone] = []
    checkins: list[CheckIn] = []
    history: list[StatusChange] = []

    # The fold's results (never written): a deleted goal is hidden from every report; slugs it
    # had before a rename still resolve links written by hand; edits keep every earlier value.
    _deleted: bool = False
    _former_slugs: tuple[str, ...] = ()
    # Set when loaded beside another goal of the same slug (made on two machines before a
    # sync, each its own goal): its handle is then its short id, which tells them apart.
    _slug_shared: bool = False

    @property
    def handle(self) -> str:
        """What lists show and commands accept: the slug, or the short id while another goal
        has the same slug."""
        return self.id[:7] if self._slug_shared else self.slug

    @property
    def deleted(self) -> bool:
        return self._deleted

    @property
    def former_slugs(self) -> tuple[str, ...]:
        return self._former_slugs

    @property
    def label(self) -> str:
        return self.title

    @property
    def progress(self) -> int:
        """The latest check-in's figure; an achieved goal counts as done."""
        if self.status == "achieved":
            return 100
        latest = self.latest_checkin
        return latest.progress if latest else 0

    @property
    def latest_checkin(self) -> CheckIn | None:
        # sorted() is stable: of two check-ins on one day, the later one in the file wins.
        return sorted(self.checkins, key=lambda c: c.date)[-1] if self.checkins else None

    @property
    def smart_gaps(self) -> list[str]:
        """The SMART parts still missing (measurable and time-bound are the ones we can tell)."""
        gaps = []
        if not self.measure.strip():
            gaps.append("measure")
        if self.due is None:
            gaps.append("due date")
        return gaps


def names_of(goal: Goal) -> set[str]:
    """Every reference that links to the goal. Links are written as goal ids; people writing
    by hand may use the slug (even one the goal had before a rename)."""
    return {name for name in (goal.id, goal.slug, *goal.former_slugs) if name}


class ActionItem(Part):
    id: Id
    text: str
    # Who promised it: "" for the journal's owner, else a mentor's name.
    owner: str = ""
    due: dt.date | None = None
    # When a time of day was given: the moment, with its offset (its day is `due`).
    due_at: dt.datetime | None = None
    done: dt.date | None = None
    goal: str = ""
    dropped: dt.date | None = None

    # Set by the fold: every later change to the item (edits, a drop), for its history; and
    # whether it was added, or changed, on the private side (then it stays private).
    _history: tuple[Edit, ...] = ()
    _private: bool = False
    # The day a change added it (None when it was written with its session).
    _added: dt.date | None = None

    @property
    def added(self) -> dt.date | None:
        return self._added

    @property
    def kept_private(self) -> bool:
        return self._private

    @property
    def history(self) -> tuple[Edit, ...]:
        return self._history

    @property
    def is_open(self) -> bool:
        return self.done is None and self.dropped is None


class Session(DatedEntry):
    kind: ClassVar[str] = "session"
    folder: ClassVar[str] = "sessions"

    mentor: str = ""
    duration: Minutes | None = None
    title: str = ""
    topics: list[str] = []
    goals: list[str] = []
    notes: Text = ""
    next: dt.date | None = None
    # When the next meeting's time of day was given: the moment, with its offset.
    next_at: dt.datetime | None = None
    discussed: list[str] = []
    # How useful the session was, 1 (not at all) to 5 (very).
    rating: Rating | None = None
    actions: list[ActionItem] = []

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        if self.topics:
            return ", ".join(self.topics)
        first_line = self.notes.strip().splitlines()[:1]
        return first_line[0] if first_line else f"Session with {self.mentor or 'mentor'}"


class Answer(Part):
    prompt: str
    answer: Text


# What both sides of a relationship score, 1 (poor) to 5 (strong), in `mentor review --score`:
# the practice's own categories. mentorlog.toml's `review_categories` adds more.
REVIEW_CATEGORIES = {
    "trust": "Trust: we can be open with each other",
    "communication": "Communication: we understand each other, and say what we mean",
    "progress": "Progress on goals: the relationship moves the goals forward",
    "rhythm": "Meeting rhythm: we meet as often as agreed, and it is enough",
    "fit": "Fit: this mentor suits what the mentee needs now",
}


class Score(Part):
    category: str
    score: Rating


class Reflection(DatedEntry):
    kind: ClassVar[str] = "reflection"
    folder: ClassVar[str] = "reflections"

    text: Text = ""
    answers: list[Answer] = []
    goal: str = ""
    session: str = ""

    @property
    def label(self) -> str:
        source = self.text or (self.answers[0].answer if self.answers else "")
        first_line = source.strip().splitlines()[:1]
        return first_line[0] if first_line else "Reflection"


class Feedback(DatedEntry):
    kind: ClassVar[str] = "feedback"
    folder: ClassVar[str] = "feedback"

    _aliases: ClassVar[dict[str, str]] = {"from_": "from"}  # `from` is a Python keyword

    direction: Literal["received", "given"]
    from_: str = ""
    to: str = ""
    situation: Text = ""
    behaviour: Text = ""
    impact: Text = ""
    text: Text = ""
    strengths: list[str] = []
    improvements: list[str] = []
    goal: str = ""
    session: str = ""

    @property
    def giver(self) -> str:
        """Who gave it: `from`, else (feedback its writer gave) the writer. mentorlog 0.3 put
        the journal's owner on a side a mentor left empty, so a feedback whose two sides name
        one person, written by someone else, was given (or received) by its writer."""
        if (
            self.direction == "given"
            and self.author
            and (not self.from_ or (self.from_ == self.to and self.author != self.from_))
        ):
            return self.author
        return self.from_

    @property
    def receiver(self) -> str:
        """Who received it: `to`, else (feedback its writer received) the writer (see giver)."""
        if (
            self.direction == "received"
            and self.author
            and (not self.to or (self.from_ == self.to and self.author != self.to))
        ):
            return self.author
        return self.to

    @property
    def label(self) -> str:
        giver, receiver = self.giver, self.receiver
        sides = " ".join(
            part for part in (giver and f"from {giver}", receiver and f"to {receiver}") if part
        )
        gist = self.text or self.behaviour or self.situation
        if not gist and (self.strengths or self.improvements):
            gist = (self.strengths or self.improvements)[0]
        first_line = gist.strip().splitlines()[:1]
        head = f"Feedback {sides}".strip()
        return f"{head}: {first_line[0]}" if first_line else head


class Question(DatedEntry):
    kind: ClassVar[str] = "question"
    folder: ClassVar[str] = "questions"

    text: str
    goal: str = ""
    # The mentor it is for ("" for any).
    mentor: str = ""
    discussed: dt.date | None = None
    session: str = ""

    @property
    def label(self) -> str:
        return self.text


# The questions a relationship review asks, from mentoring practice: meet often enough, follow
# through on both sides, still the right goals, and what should change.
REVIEW_QUESTIONS = (
    "Are we meeting often enough?",
    "Is each of us following through?",
    "Are the goals still the right ones?",
    "What should change?",
)


class Review(DatedEntry):
    """How the relationship is going, asked every few sessions (`mentor review`)."""

    kind: ClassVar[str] = "review"
    folder: ClassVar[str] = "reviews"

    mentor: str
    answers: list[Answer] = []
    # Scores by category (REVIEW_CATEGORIES, or the journal's own; a category this clone does
    # not know is kept and shown).
    scores: list[Score] = []
    session: str = ""

    @property
    def label(self) -> str:
        return f"Review with {self.mentor}"


class Win(DatedEntry):
    """A personal milestone worth celebrating (`mentorlog win`)."""

    kind: ClassVar[str] = "win"
    folder: ClassVar[str] = "wins"

    text: str
    goal: str = ""

    @property
    def label(self) -> str:
        first = self.text.strip().splitlines()[:1]
        return first[0] if first else "Win"


ENTRY_KINDS: dict[str, type[Entry]] = {
    model.kind: model for model in (Goal, Session, Reflection, Feedback, Question, Review, Win)
}
assert tuple(ENTRY_KINDS) == kinds.ENTRY_KINDS, "mentorlog/kinds.py names every entry kind"
KIND_BY_FOLDER: dict[str, type[Entry]] = {model.folder: model for model in ENTRY_KINDS.values()}


# --- changes ----------------------------------------------------------------------------------

# What each kind of change may do, and the fields it needs (see docs/format.md, "Changes").
CHANGE_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "goals": {
        "checkin": ("date", "progress"),
        "milestone": ("title",),
        "milestone-edit": ("milestone",),
        "milestone-remove": ("milestone",),
        "reached": ("milestone", "date"),
        "status": ("status", "date"),
        "edit": (),
        "rename": ("slug",),
        "delete": (),
        "link": (),
    },
    "sessions": {
        "done": ("action", "date"),
        "action": ("text",),
        "action-edit": ("action",),
        "action-drop": ("action", "date"),
        "link": (),
        "edit": (),
    },
    "reflections": {"link": (), "edit": ()},
    "feedback": {"link": (), "edit": ()},
    "questions": {"discussed": ("date",), "link": (), "edit": ()},
    "reviews": {"link": (), "edit": ()},
    "wins": {"link": (), "edit": ()},
    "mentors": {"add": ("started",), "conclude": ("ended",), "edit": ()},
}
# Goal fields an `edit` change may set, in the order they are shown.
GOAL_EDIT_FIELDS = ("title", "what", "measure", "target", "why", "due", "mentor")
# What an `edit` change to any other entry may not set: its bookkeeping, where it lives, and
# what has commands of its own (a session's action items: `action edit`).
NOT_EDITABLE = frozenset({"id", "created", "author", "private", "actions"})


def editable_fields(cls: type[Entry]) -> tuple[str, ...]:
    """The fields of an entry an `edit` change may set, in file order."""
    return tuple(name for name in cls._fields if name not in NOT_EDITABLE)


class Change(Stamped):
    """One change to one entry (or, under changes/mentors, to one relationship), never rewritten.

    Payload fields are optional here; which ones a change needs depends on its `change`
    (CHANGE_TYPES), checked by `problems`.
    """

    id: Id
    entry: str = ""
    mentor: str = ""
    change: str
    date: dt.date | None = None
    status: GoalStatus | None = None
    progress: Percent | None = None
    milestone: str = ""
    action: str = ""
    slug: Slug | None = None
    title: str | None = None
    what: Text | None = None
    measure: Text | None = None
    target: Text | None = None
    why: Text | None = None
    text: str | None = None
    due: dt.date | None = None
    due_at: dt.datetime | None = None
    cleared: list[str] = []
    note: Text = ""
    goal: str = ""
    goals: list[str] = []
    session: str = ""
    started: dt.date | None = None
    cadence: Days | None = None
    expectations: Text | None = None
    boundaries: Text | None = None
    ended: dt.date | None = None
    retrospective: Text = ""
    owner: str | None = None
    reason: Text = ""
    rating: Rating | None = None
    confidence: Rating | None = None
    created: dt.datetime
    author: str = ""

    _path: str = ""
    _private: bool = False

    @property
    def path(self) -> str:
        return self._path

    @property
    def private(self) -> bool:
        return self._private

    def problems(self, folder: str) -> list[tuple[str, str]]:
        """(field, message) for what this change lacks to mean anything; empty when it is whole."""
        known = CHANGE_TYPES.get(folder, {})
        if self.change not in known:
            return [("change", f"unknown change '{self.change}' here (known: {', '.join(known)})")]
        found = [
            (name, "is required but missing")
            for name in known[self.change]
            if getattr(self, name) in (None, "")
        ]
        target = "mentor" if folder == "mentors" else "entry"
        if not getattr(self, target):
            found.insert(0, (target, "is required but missing"))
        return found


class Mentor(Part):
    name: Name
    started: dt.date
    cadence: Days = 30
    expectations: Text = ""
    boundaries: Text = ""
    ended: dt.date | None = None
    retrospective: Text = ""
    # Why it ended, and how it went overall (1-5), recorded by `mentor conclude`.
    reason: Text = ""
    rating: Rating | None = None


DEFAULT_REVIEW_EVERY = 4
DEFAULT_REVIEW_DAYS = 60  # as Mentorloop's survey: every 60 days


class GitSettings(Part):
    # None: commit when the journal is the top of its own git work tree (see git.py).
    autocommit: bool | None = None


class CalendarSettings(Part):
    # How long a timed meeting lasts in the calendar, and how long before a meeting or a due
    # date its reminder comes (0: at the time; see `export --remind`).
    meeting_minutes: Minutes = 60
    reminder_minutes: Minutes = 30
    reminders: bool = True


class JournalConfig(Part):
    format: FormatVersion
    owner: Name
    default_mentor: str = ""
    # A relationship review is asked at the first session and then every this many sessions
    # (DEFAULT_REVIEW_EVERY when unset).
    review_every: ReviewEvery | None = None
    # A review is also due this many days after the last one (DEFAULT_REVIEW_DAYS when unset).
    review_days: Days | None = None
    # Review categories of this journal's own, beside REVIEW_CATEGORIES.
    review_categories: list[str] = []
    git: GitSettings | None = None
    calendar: CalendarSettings | None = None
    mentors: list[Mentor] = []

    def mentor(self, name: str) -> Mentor | None:
        wanted = name.casefold()
        return next((m for m in self.mentors if m.name.casefold() == wanted), None)


def validation_problems(error: Any) -> list[tuple[str, str]]:
    """(dotted field, message) pairs from a pydantic ValidationError, in a person's words."""
    problems = []
    for item in error.errors(include_url=False):  # URLs would import pydantic
        location = ".".join(str(part) for part in item["loc"]) or "(file)"
        message = item["msg"]
        if item["type"] == "missing":
            message = "is required but missing"
        elif item["type"] == "string_pattern_mismatch":
            message = "may hold only lowercase letters, digits, '-' and '_'"
        problems.append((location, message))
    return problems
