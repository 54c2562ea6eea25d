"""`mentorlog upgrade`: a journal in format 1 becomes format 2, in place, all or nothing.

Format 2 reads every format-1 file as it is (a goal's check-ins in its own file are its state
before any change file), so the conversion is small and the same on every clone:
- `format = 2` in mentorlog.toml (an older mentorlog then refuses the journal instead of
  missing the changes it cannot read);
- a public entry that links to a private one (format 1 allowed it) loses that link, which is
  kept on the private side instead (core/privacy.py), so a clone without private/ reads clean;
- .gitignore lists private/.
In git, all of it is one commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog import FORMAT_VERSION, messages, store
from mentorlog.errors import MentorlogError
from mentorlog.journal import GITIGNORE_LINES, Journal
from mentorlog.model import ENTRY_KINDS, Entry, Session
from mentorlog.writes import Writer

# The top-level `format` key's line: its value, and whatever follows it (a comment).
_FORMAT_LINE = re.compile(
    r"^(?P<key>[ \t]*format[ \t]*=[ \t]*)(?P<value>[^#\r\n]*?)(?P<rest>[ \t]*(?:#[^\r\n]*)?)$",
    re.MULTILINE,
)


@dataclass
class Upgraded:
    old: int
    new: int
    moved_links: list[str] = field(default_factory=list)  # public entries that lost a link
    changed: list[Path] = field(default_factory=list)
    commit: str | None = None


def upgrade(journal: Journal) -> Upgraded:
    old = journal.config.format
    if old >= FORMAT_VERSION:
        return Upgraded(old, old)
    with journal.writing("upgrade", upgrading=True) as writer:
        writer.subject = f"upgrade: journal format {old} to {FORMAT_VERSION}"
        result = Upgraded(old, FORMAT_VERSION)
        entries = journal.load(use_cache=False)
        if entries.problems:
            first = entries.problems[0]
            raise MentorlogError(
                messages.UPGRADE_BROKEN_FILE.format(problem=first.message),
                hint=messages.UPGRADE_BROKEN_HINT,
            )
        private_ids = {e.id for e in entries.all() if e.private}
        private_ids |= {g.slug for g in entries.goals if g.private}
        # In an order any interruption leaves whole: every link is kept on the private side
        # before a public file loses it, and the format changes last (an upgrade run again
        # finds the links kept and does the rest).
        moves = [
            (entry, found)
            for entry in entries.all()
            if not entry.private and (found := _private_links(entry, private_ids)) is not None
        ]
        kept = _links_kept(journal)
        for entry, (hidden, _) in moves:
            if hidden and (entry.id, _as_key(hidden)) not in kept:
                writer.change(
                    entry.folder,
                    f"upgrade: private link of {entry.path}",
                    True,
                    entry=entry.id,
                    change="link",
                    **hidden,
                )
        for entry, (_, cleaned) in moves:
            writer.replace(
                Path(cleaned.path),
                store.dumps(store.to_document(cleaned)),
                f"upgrade: {cleaned.path}",
            )
            result.moved_links.append(entry.path)
        _ignore_private(writer, journal)
        _set_format(writer, journal)
    result.changed = [w.path for w in writer.written]
    result.commit = writer.commit
    return result


def _private_links(entry: Entry, private_ids: set[str]) -> tuple[dict[str, Any], Entry] | None:
    """The links to private entries a public entry's file holds, and the entry without them;
    None when it holds none (the file then stays byte for byte)."""
    hidden: dict[str, Any] = {}
    cleaned = entry.copy()
    dropped = False
    if isinstance(cleaned, Session):
        goals = [g for g in cleaned.goals if g in private_ids]
        if goals:
            hidden["goals"] = goals
            cleaned.goals = [g for g in cleaned.goals if g not in private_ids]
        # A private question's own file records the session that discussed it.
        kept = [q for q in cleaned.discussed if q not in private_ids]
        dropped = len(kept) < len(cleaned.discussed)
        cleaned.discussed = kept
    for name in ("goal", "session"):
        value = getattr(cleaned, name, "")
        if isinstance(value, str) and value in private_ids:
            hidden[name] = value
            setattr(cleaned, name, "")
    if not hidden and not dropped:
        return None
    return hidden, cleaned


def _as_key(links: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in links.items()))


def _links_kept(journal: Journal) -> set[tuple[str, tuple[Any, ...]]]:
    """The private link changes already written (by an upgrade interrupted before)."""
    from mentorlog import reading
    from mentorlog.errors import EntryFileError

    found = set()
    for folder in {model.folder for model in ENTRY_KINDS.values()}:
        for relative, _ in store.walk_entry_files(journal.root, reading.change_folder(folder)):
            if not relative.startswith(store.PRIVATE_DIR + "/"):
                continue
            try:
                change = reading.load_change(journal.root, journal.root / relative, folder)
            except EntryFileError:
                continue
            if change.change == "link":
                links = {
                    k: v
                    for k, v in (
                        ("goals", change.goals),
                        ("goal", change.goal),
                        ("session", change.session),
                    )
                    if v
                }
                found.add((change.entry, _as_key(links)))
    return found


def _set_format(writer: Writer, journal: Journal) -> None:
    """Only the `format` value changes: the rest of the file (comments, spacing, order) keeps
    its bytes. The result is read back, and must say the same but for the format."""
    import tomli

    text = journal.config_path.read_text(encoding="utf-8")
    header = re.search(r"^[ \t]*\[", text, re.MULTILINE)  # the top-level keys end here
    top = text[: header.start()] if header else text
    found = _FORMAT_LINE.search(top)
    if found is None:
        raise MentorlogError(messages.UPGRADE_FORMAT_LINE.format(path=journal.config_path))
    new = text[: found.start("value")] + str(FORMAT_VERSION) + text[found.end("value") :]
    before, after = tomli.loads(text), tomli.loads(new)
    if after.get("format") != FORMAT_VERSION or {**before, "format": FORMAT_VERSION} != after:
        raise MentorlogError(messages.UPGRADE_FORMAT_LINE.format(path=journal.config_path))
    writer.replace(Path(store.CONFIG_NAME), new, f"upgrade: journal format to {FORMAT_VERSION}")


def _ignore_private(writer: Writer, journal: Journal) -> None:
    text = store.gitignore_adding(journal.root, GITIGNORE_LINES)
    if text is not None:
        writer.replace(Path(".gitignore"), text, "upgrade: .gitignore keeps private/ out of git")
