"""The question index: the questions `session add --discussed` names, found without reading
every question (see entry_index.py, which it shares with the goal and session indexes).

A question is named by a unique prefix of its id or of its words; the index keeps each
question's day, creation instant, privacy and words, which is all the naming and its error
messages read. `ask` puts its new question in the index's delta without reading the index
(EntryIndex.record_unread), so it takes the same time at any size.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog.entry_index import EntryIndex, microseconds

if TYPE_CHECKING:
    from mentorlog.model import Question


class Handle(NamedTuple):
    """What the index keeps of one question."""

    id: str
    # The question's date, as an ordinal (date.toordinal).
    ordinal: int
    # When it was made, in microseconds since 1970 (UTC).
    created: int
    private: bool
    text: str

    @classmethod
    def of(cls, question: Question) -> Handle:
        return cls(
            question.id,
            question.date.toordinal(),
            microseconds(question.created),
            question.private,
            question.text,
        )

    @property
    def kind(self) -> str:
        return "question"  # named as a question is (handles.find_entry)

    @property
    def deleted(self) -> bool:
        return False

    @property
    def day(self) -> date:
        return date.fromordinal(self.ordinal)

    @property
    def label(self) -> str:
        return self.text

    @property
    def order(self) -> tuple[int, int, str]:
        # journal.by_day for a question: its date, then its creation instant, then its id.
        return (self.ordinal, self.created, self.id)

    @property
    def alike(self) -> tuple[bool, int]:
        return (self.private, self.ordinal)

    @property
    def same_as(self) -> tuple[bool, int, str]:
        # What journal.duplicate_key compares for questions, with privacy (as journal does).
        return (self.private, self.ordinal, self.text.strip().casefold())


class QuestionIndex(EntryIndex[Handle]):
    NAME = "question-index"  # no kind's cache file name begins so (see cache._shards)
    KIND = "question"
    HANDLE = Handle
    ALIKE_FIELDS = ("private", "ordinal")
    # The same question asked twice on one day is kept, and named last, as a whole read names
    # it.
    COPIES = True

    @classmethod
    def handle_of(cls, entry: Any) -> Handle:
        return Handle.of(entry)

    def find(self, handle: str) -> Question:
        """The question a handle names (handles.find_entry), as the journal says it is now."""
        from mentorlog.handles import find_entry, may_name

        if self.listed is not None:
            return find_entry(self.listed, handle, "question")  # type: ignore[return-value]
        wanted = handle.strip().casefold()
        found = self.pick(
            lambda handles: find_entry(handles, handle, "question"),
            lambda question: may_name(question.id, question.text, wanted),
        )
        question: Question = self.now(found.id, lambda index: index.find(handle))
        return question
