"""Correcting an entry after the fact: a session, reflection, feedback, question, win or review.

An edit is a change like every other (docs/format.md, "Changes"): the entry's file is never
rewritten, the change merges like the others, and each field it sets stays in the entry's
history with what it was. Goals have `goal edit`, action items `action edit`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog import messages, store, validation
from mentorlog.errors import HandleError, InputError, MentorlogError
from mentorlog.handles import find_entry, short_id
from mentorlog.journal import Journal
from mentorlog.kinds import ENTRY_KINDS
from mentorlog.model import Change, Entry, editable_fields

# The kinds `edit` corrects (goals have `goal edit`).
EDITABLE_KINDS = tuple(kind for kind in ENTRY_KINDS if kind != "goal")
# Link fields: a link from a public entry to a private one is kept on the private side.
LINKS = ("goal", "goals", "session")


@dataclass
class Edited:
    entry: Entry
    fields: list[str]  # the fields set, as the file names them
    path: Path
    private_links: list[str] = field(default_factory=list)


def find(journal: Journal, handle: str, kinds: tuple[str, ...] = EDITABLE_KINDS) -> Entry:
    """The entry a handle names among these kinds: refused by name when none or several do,
    and pointed at `goal edit` when it names a goal."""
    entries = journal.load([*kinds, "goal"])
    found: list[Entry] = []
    for kind in kinds:
        try:
            found.append(find_entry(entries.named(kind), handle, kind))
        except HandleError as error:
            if error.ambiguous:
                raise
    if not found:
        goals = [g for g in entries.goals if g.slug == handle.strip() or g.id == handle.strip()]
        if goals:
            raise InputError(messages.EDIT_A_GOAL.format(goal=goals[0].handle))
        raise MentorlogError(messages.UNKNOWN_HANDLE.format(kind=" or ".join(kinds), handle=handle))
    if len(found) > 1:
        raise MentorlogError(
            messages.AMBIGUOUS_HANDLE.format(handle=handle, kind="entry"),
            hint="; ".join(f"{e.kind} {short_id(e.id)}" for e in found),
        )
    return found[0]


def editable_document(entry: Entry) -> dict[str, Any]:
    """The entry's own fields a person may correct, as its file writes them."""
    document = store.to_document(entry)
    aliases = type(entry)._aliases
    keys = {aliases.get(name, name) for name in editable_fields(type(entry))}
    return {key: value for key, value in document.items() if key in keys}


def key_to_field(entry: Entry) -> dict[str, str]:
    """File key -> field name for what may be edited (`from` -> from_)."""
    aliases = type(entry)._aliases
    return {aliases.get(name, name): name for name in editable_fields(type(entry))}


def edit_entry(
    journal: Journal,
    handle: str,
    wanted: dict[str, Any],
    cleared: list[str],
    kinds: tuple[str, ...],
) -> Edited:
    """Set these fields (file keys -> values; `cleared`: keys to empty) on the entry `handle`
    names, as one change. Refused, writing nothing, when a key is not one the entry has, a
    value does not fit, or nothing would change."""
    with journal.writing("edit") as writer:
        entry = find(journal, handle, kinds)
        names = key_to_field(entry)
        unknown = [key for key in [*wanted, *cleared] if key not in names]
        if unknown:
            raise InputError(
                messages.EDIT_UNKNOWN_FIELD.format(
                    kind=entry.kind, fields=", ".join(unknown), known=", ".join(names)
                )
            )
        values = {key: _as_field_value(entry, names[key], value) for key, value in wanted.items()}
        private_links = _resolve_links(journal, entry, values)
        changed = _changed(entry, values, cleared)
        if not changed:
            raise InputError(messages.EDIT_NOTHING_CHANGES.format(kind=entry.kind))
        private_links = [key for key in private_links if key in changed]
        public_values = {k: v for k, v in values.items() if k in changed and k not in private_links}
        shared = set(Change._fields)
        fields: dict[str, Any] = {
            names[k]: v for k, v in public_values.items() if names[k] in shared
        }
        extra = {k: v for k, v in public_values.items() if names[k] not in shared}
        kept_cleared = [k for k in cleared if k in changed]
        subject = f"edit: {entry.kind} {short_id(entry.id)}: {', '.join(changed)}"
        path = journal.root
        if fields or extra or kept_cleared:
            change = writer.change(
                entry.folder,
                subject,
                entry.private,
                entry=entry.id,
                change="edit",
                cleared=kept_cleared,
                **fields,
                **extra,
            )
            path = journal.root / change.path
        if private_links:  # a public entry's link to a private entry: on the private side
            links = {names[k]: values[k] for k in private_links}
            change = writer.change(
                entry.folder, subject, True, entry=entry.id, change="edit", **links
            )
            path = journal.root / change.path
    return Edited(entry, changed, path, private_links)


def _as_field_value(entry: Entry, name: str, value: Any) -> Any:
    """A value given as text for a list field (topics, tags…) is its comma-separated items."""
    default = type(entry)._defaults.get(name)
    if default == [] and isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def _changed(entry: Entry, values: dict[str, Any], cleared: list[str]) -> list[str]:
    """The keys whose value would change, each value checked as the entry's file would be."""
    names = key_to_field(entry)
    probe = entry.copy(_edits=())
    document = {**probe.as_dict(), **{k: validation.as_data(v) for k, v in values.items()}}
    for key in cleared:
        document.pop(key, None)
    try:
        checked = validation.validate(type(entry), document)
    except ValueError as error:
        raise InputError(
            messages.EDIT_BAD_VALUE.format(kind=entry.kind, problem=_first(error))
        ) from None
    return [
        key
        for key in [*values, *cleared]
        if getattr(checked, names[key]) != getattr(entry, names[key])
    ]


def _first(error: ValueError) -> str:
    lines = str(error).splitlines()
    if len(lines) >= 3:  # pydantic-core: a count, then the field, then what is wrong
        return f"{lines[1].strip()}: {lines[2].strip().split(' [')[0]}"
    return str(error)


def _resolve_links(journal: Journal, entry: Entry, values: dict[str, Any]) -> list[str]:
    """Links given by handle (a goal's slug, a session's short id) become the ids the files
    hold, in place; an unknown one is refused by the finder. Returns the link keys of a
    public entry that name a private goal or session (kept on the private side)."""
    private: list[str] = []
    for key in LINKS:
        if key not in values:
            continue
        many = isinstance(values[key], list)
        refs = values[key] if many else [values[key]]
        targets: list[Entry] = [
            journal.goals().find(str(ref))
            if key != "session"
            else journal.sessions().find(str(ref))
            for ref in refs
            if str(ref).strip()
        ]
        ids = [target.id for target in targets]
        values[key] = ids if many else (ids[0] if ids else "")
        if not entry.private and any(target.private for target in targets):
            private.append(key)
    return private
