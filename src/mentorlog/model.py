"""Pydantic models of every entry kind and of the journal configuration.

Field order here is the key order in the files (see store.dump_entry), so it is part of the format:
change it only together with docs/format.md.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    model_validator,
)

from mentorlog import kinds

# Ids and slugs are built from these characters only, so no value can make a path.
Id = Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z_-]{2,63}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z-]{0,63}$")]
Text = str
Percent = Annotated[int, Field(ge=0, le=100)]
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]
Days = Annotated[int, Field(ge=1, le=3650)]
Rating = Annotated[int, Field(ge=1, le=5)]

GoalStatus = Literal["active", "paused", "achieved", "dropped"]
GOAL_STATUSES: tuple[str, ...] = ("active", "paused", "achieved", "dropped")


_new = object.__new__
_set = object.__setattr__


def _rebuild(
    cls: type[Part],
    values: dict[str, Any],
    fields_set: set[str],
    extra: dict[str, Any] | None,
    private: dict[str, Any] | None,
) -> Part:
    """A model as the cache stored it (see Part.__reduce__), without validating it again."""
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", extra)
    _set(model, "__pydantic_private__", private)
    return model


class Part(BaseModel):
    """A table inside an entry; unknown keys are kept so a re-save never drops them."""

    # defer_build: validators are built on first use, not at import (reads from the cache never
    # validate, so they never pay for them).
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    # Set by the fold (see fold.py), never written: who made the change that set this part
    # (a check-in, a milestone reached, an action done…), when, and the change file it came from.
    _by: str = PrivateAttr(default="")
    _at: dt.datetime | None = PrivateAttr(default=None)
    _source: str = PrivateAttr(default="")

    # The properties below read pydantic's private store directly: `self._by` goes through
    # BaseModel.__getattr__, which made these reads a tenth of `status` at 10,000 entries.

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute at all

        def __setattr__(self, name: str, value: Any) -> None:
            # Models loaded from the cache share one dict of private values when theirs are
            # equal (see cache._share_values), so setting one gives this model a dict of its
            # own rather than writing into the shared one; private lists are likewise
            # replaced, never appended to (fold.py).
            if name in self.__private_attributes__:
                private = {**(self.__pydantic_private__ or {}), name: value}
                _set(self, "__pydantic_private__", private)
            else:
                super().__setattr__(name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        # What the cache stores: the model's four stores as they are, rebuilt without
        # BaseModel.__setstate__ and the dict it reads them from (a quarter of unpickling).
        return (
            _rebuild,
            (
                type(self),
                self.__dict__,
                self.__pydantic_fields_set__,
                self.__pydantic_extra__,
                self.__pydantic_private__,
            ),
        )

    @property
    def by(self) -> str:
        return self.__pydantic_private__["_by"]  # type: ignore[index,no-any-return]

    @property
    def at(self) -> dt.datetime | None:
        return self.__pydantic_private__["_at"]  # type: ignore[index,no-any-return]

    @property
    def source(self) -> str:
        return self.__pydantic_private__["_source"]  # type: ignore[index,no-any-return]


def _without_offset(value: object) -> bool:
    return isinstance(value, dt.date) and (
        not isinstance(value, dt.datetime) or value.tzinfo is None
    )


def _as_utc(value: dt.date) -> dt.datetime:
    """A `created` written without an offset (or as a plain date) is read as UTC, the same on
    every machine, so every clone orders changes alike (`check` says so)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


class Stamped(Part):
    """A file with a `created` instant: an entry or a change."""

    created: dt.datetime
    # True when the file's `created` had no offset (see _as_utc): check reports it.
    _created_without_offset: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _created_in_utc(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        naive = isinstance(data, dict) and _without_offset(data.get("created"))
        if naive:
            data = {**data, "created": _as_utc(data["created"])}
        model = handler(data)
        if naive:
            model._created_without_offset = True
        return model

    @property
    def created_without_offset(self) -> bool:
        return self.__pydantic_private__["_created_without_offset"]  # type: ignore[index,no-any-return]


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
    _path: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        return self.__pydantic_private__["_path"]  # type: ignore[index,no-any-return]

    @property
    def day(self) -> dt.date:
        """The date the entry is about, for ordering entries of every kind."""
        return self.created.date()

    @property
    def label(self) -> str:
        """A one-line title for lists."""
        return self.id


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
    done: dt.date | None = None
    added: dt.date | None = None

    # Set by the fold: a milestone removed by a change is left out, its history kept.
    _removed: bool = PrivateAttr(default=False)

    @property
    def removed(self) -> bool:
        return self.__pydantic_private__["_removed"]  # type: ignore[index,no-any-return]


class CheckIn(Part):
    date: dt.date
    progress: Percent
    note: Text = ""


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
    _deleted: bool = PrivateAttr(default=False)
    _former_slugs: list[str] = PrivateAttr(default_factory=list)
    _edits: list[Edit] = PrivateAttr(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self._deleted

    @property
    def former_slugs(self) -> list[str]:
        return self.__pydantic_private__["_former_slugs"]  # type: ignore[index,no-any-return]

    @property
    def edits(self) -> list[Edit]:
        return self._edits

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


class ActionItem(Part):
    id: Id
    text: str
    # Who promised it: "" for the journal's owner, else a mentor's name.
    owner: str = ""
    due: dt.date | None = None
    done: dt.date | None = None
    goal: str = ""
    dropped: dt.date | None = None

    # Set by the fold: every later change to the item (edits, a drop), for its history.
    _history: list[Edit] = PrivateAttr(default_factory=list)

    @property
    def history(self) -> list[Edit]:
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

    direction: Literal["received", "given"]
    from_: str = Field(default="", alias="from")
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
    def label(self) -> str:
        who = f"from {self.from_}" if self.direction == "received" else f"to {self.to}"
        gist = self.text or self.behaviour or self.situation
        if not gist and (self.strengths or self.improvements):
            gist = (self.strengths or self.improvements)[0]
        first_line = gist.strip().splitlines()[:1]
        head = f"Feedback {self.direction} {who}".replace("  ", " ").strip()
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
    },
    "reflections": {"link": ()},
    "feedback": {"link": ()},
    "questions": {"discussed": ("date",), "link": ()},
    "reviews": {"link": ()},
    "wins": {"link": ()},
    "mentors": {"add": ("started",), "conclude": ("ended",), "edit": ()},
}
# Goal fields an `edit` change may set, in the order they are shown.
GOAL_EDIT_FIELDS = ("title", "what", "measure", "target", "why", "due", "mentor")


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
    created: dt.datetime
    author: str = ""

    _path: str = PrivateAttr(default="")
    _private: bool = PrivateAttr(default=False)

    @property
    def path(self) -> str:
        return self.__pydantic_private__["_path"]  # type: ignore[index,no-any-return]

    @property
    def private(self) -> bool:
        return self.__pydantic_private__["_private"]  # type: ignore[index,no-any-return]

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
    name: str = Field(min_length=1)
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


class GitSettings(Part):
    # None: commit when the journal is the top of its own git work tree (see git.py).
    autocommit: bool | None = None


class JournalConfig(Part):
    format: int = Field(ge=1)
    owner: str = Field(min_length=1)
    default_mentor: str = ""
    # A relationship review is asked at the first session and then every this many sessions
    # (DEFAULT_REVIEW_EVERY when unset).
    review_every: Annotated[int, Field(ge=1, le=100)] | None = None
    git: GitSettings | None = None
    mentors: list[Mentor] = []

    def mentor(self, name: str) -> Mentor | None:
        wanted = name.casefold()
        return next((m for m in self.mentors if m.name.casefold() == wanted), None)


def validation_problems(error: Any) -> list[tuple[str, str]]:
    """(dotted field, message) pairs from a pydantic ValidationError, in a person's words."""
    problems = []
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"]) or "(file)"
        message = item["msg"]
        if item["type"] == "missing":
            message = "is required but missing"
        elif item["type"] == "string_pattern_mismatch":
            message = "may hold only lowercase letters, digits, '-' and '_'"
        problems.append((location, message))
    return problems
