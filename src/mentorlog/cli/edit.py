"""`mentorlog edit ENTRY` (and `session edit`): correct a session, reflection, feedback,
question, win or review with options, or in $EDITOR with the entry's own fields."""

from __future__ import annotations

import sys
import tomllib
from typing import TYPE_CHECKING, Any

import typer

from mentorlog import clock, drafts, messages
from mentorlog.cli.common import (
    EDIT_CLEAR,
    EDIT_RESUME,
    EDIT_SET,
    EDIT_TAGS,
    changed,
    interactive,
    open_journal,
    text_or_stdin,
)
from mentorlog.command import parse_date_option, warn
from mentorlog.errors import InputError, MentorlogError

if TYPE_CHECKING:
    from mentorlog.journal import Journal
    from mentorlog.model import Entry

OPTIONS = "--date, --title, --text, --notes, --tag, --set FIELD=VALUE, --clear FIELD"


def register(app: typer.Typer) -> None:
    app.command("edit")(edit)


def edit(
    ctx: typer.Context,
    entry: str = typer.Argument(
        ..., metavar="ENTRY", help="The entry's short id (a question also by its first words)."
    ),
    on: str = typer.Option(None, "--date", metavar="DATE", help="A new date."),
    title: str = typer.Option(
        None, "--title", metavar="TEXT", help="A new title (sessions).", callback=text_or_stdin
    ),
    text: str = typer.Option(
        None,
        "--text",
        metavar="TEXT",
        help="New words (reflections, feedback, questions, wins).",
        callback=text_or_stdin,
    ),
    notes: str = typer.Option(
        None, "--notes", metavar="TEXT", help="New notes (sessions).", callback=text_or_stdin
    ),
    tag: list[str] = EDIT_TAGS,
    assign: list[str] = EDIT_SET,
    clear: list[str] = EDIT_CLEAR,
    resume: bool = EDIT_RESUME,
) -> None:
    """Correct an entry: a session, reflection, feedback, question, win or review. With no
    option, on a terminal, $EDITOR opens on its fields. Kept as a change (the entry's file is
    never rewritten): it merges like every other and shows in the entry's history."""
    run_edit(ctx, entry, on, title, text, notes, tag, assign, clear, resume, None)


def run_edit(
    ctx: typer.Context,
    handle: str,
    on: str | None,
    title: str | None,
    text: str | None,
    notes: str | None,
    tag: list[str] | None,
    assign: list[str] | None,
    clear: list[str] | None,
    resume: bool,
    only: str | None,
) -> None:
    from mentorlog.core.edits import EDITABLE_KINDS, edit_entry, find

    kinds = (only,) if only else EDITABLE_KINDS
    journal = open_journal(ctx)
    wanted: dict[str, Any] = {}
    if on is not None:
        wanted["date"] = parse_date_option(on, "--date")
    for key, value in (("title", title), ("text", text), ("notes", notes)):
        if value is not None:
            wanted[key] = value
    if tag:
        wanted["tags"] = [t.strip().lstrip("#") for t in tag if t.strip()]
    for item in assign or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(messages.EDIT_BAD_SET.format(value=item))
        wanted[key.strip()] = _value(value.strip())
    cleared = [c.strip() for c in clear or [] if c.strip()]
    in_editor = not wanted and not cleared
    if in_editor:
        found = find(journal, handle, kinds)
        if not interactive() and not resume:
            raise InputError(messages.EDIT_NOTHING_GIVEN.format(options=OPTIONS, kind=found.kind))
        wanted, cleared = _in_editor(journal, found, resume)
        handle = found.id
    try:
        result = edit_entry(journal, handle, wanted, cleared, kinds)
    except MentorlogError as error:
        if in_editor:
            error.hint = messages.EDIT_KEPT.format(handle=handle[:7])
        raise
    drafts.forget(journal.root, f"edit-{result.entry.id}")
    changed(
        result.path,
        messages.DID_EDIT.format(
            kind=result.entry.kind, handle=result.entry.id[:7], fields=", ".join(result.fields)
        ),
    )
    day = getattr(result.entry, "date", None)
    today = clock.today()
    if result.entry.kind == "session" and "date" in result.fields and day and day > today:
        warn(messages.SESSION_IN_FUTURE.format(date=day.isoformat(), days=(day - today).days))


def _value(text: str) -> Any:
    """A value as TOML reads it (45, 2026-11-20, ["a", "b"], "quoted"), else the text."""
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text


def _in_editor(journal: Journal, entry: Entry, resume: bool) -> tuple[dict[str, Any], list[str]]:
    """The entry's fields in $EDITOR, as TOML; what the person changed and what they emptied.
    Text that cannot be read is kept, and `edit ENTRY --resume` reopens it."""
    from mentorlog import store
    from mentorlog.cli.template import edit_text
    from mentorlog.core.edits import editable_document

    before = editable_document(entry)
    start = (
        f"# Correct the {entry.kind} {entry.id[:7]}: change what is wrong, save and close.\n"
        "# A field taken out is emptied. Leave it as it is to change nothing.\n\n"
        + store.dumps(before)
    )
    kept = drafts.kept(journal.root, f"edit-{entry.id}") if resume else None
    if resume and kept is None:
        raise MentorlogError(messages.NOTHING_TO_RESUME_EDIT.format(kind=entry.kind))
    edited = edit_text(str(kept["text"]) if kept else start)
    try:
        after = tomllib.loads(edited)
    except tomllib.TOMLDecodeError as error:
        drafts.keep(journal.root, f"edit-{entry.id}", {"text": edited})
        raise InputError(
            messages.EDIT_BAD_TOML.format(kind=entry.kind, problem=error),
            hint=messages.EDIT_KEPT.format(handle=entry.id[:7]),
        ) from None
    wanted = {key: value for key, value in after.items() if before.get(key) != value}
    cleared = [key for key in before if key not in after]
    if not wanted and not cleared:
        print(messages.EDIT_UNCHANGED, file=sys.stderr)
        raise typer.Exit(1)
    drafts.keep(journal.root, f"edit-{entry.id}", {"text": edited})  # until it is written
    return wanted, cleared
