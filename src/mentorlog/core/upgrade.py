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

from mentorlog import FORMAT_VERSION, messages, store
from mentorlog.errors import MentorlogError
from mentorlog.journal import GITIGNORE_LINES, Journal
from mentorlog.model import Entry, Session
from mentorlog.writes import Writer

_FORMAT_LINE = re.compile(r"^format\s*=\s*\d+\s*$", re.MULTILINE)


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
        for entry in entries.all():
            if not entry.private and _move_private_links(writer, entry, private_ids):
                result.moved_links.append(entry.path)
        _set_format(writer, journal)
        _ignore_private(writer, journal)
    result.changed = [w.path for w in writer.written]
    result.commit = writer.commit
    return result


def _move_private_links(writer: Writer, entry: Entry, private_ids: set[str]) -> bool:
    """Take links to private entries out of a public entry's file; keep them privately."""
    hidden: dict[str, list[str] | str] = {}
    dropped = False
    if isinstance(entry, Session):
        goals = [g for g in entry.goals if g in private_ids]
        if goals:
            hidden["goals"] = goals
            entry.goals = [g for g in entry.goals if g not in private_ids]
        # A private question's own file records the session that discussed it.
        kept = [q for q in entry.discussed if q not in private_ids]
        dropped = len(kept) < len(entry.discussed)
        entry.discussed = kept
    for name in ("goal", "session"):
        value = getattr(entry, name, "")
        if isinstance(value, str) and value in private_ids:
            hidden[name] = value
            setattr(entry, name, "")
    if not hidden and not dropped:
        return False  # the file stays byte for byte
    writer.replace(
        Path(entry.path), store.dumps(store.to_document(entry)), f"upgrade: {entry.path}"
    )
    if hidden:
        writer.change(
            entry.folder,
            f"upgrade: private link of {entry.path}",
            True,
            entry=entry.id,
            change="link",
            **hidden,
        )
    return True


def _set_format(writer: Writer, journal: Journal) -> None:
    """Only the `format` line changes: the rest of the file keeps its bytes."""
    text = journal.config_path.read_text(encoding="utf-8")
    if _FORMAT_LINE.search(text):
        new = _FORMAT_LINE.sub(f"format = {FORMAT_VERSION}", text, count=1)
    else:  # pragma: no cover - read_config requires a format line
        new = f"format = {FORMAT_VERSION}\n{text}"
    writer.replace(Path(store.CONFIG_NAME), new, f"upgrade: journal format to {FORMAT_VERSION}")


def _ignore_private(writer: Writer, journal: Journal) -> None:
    text = store.gitignore_adding(journal.root, GITIGNORE_LINES)
    if text is not None:
        writer.replace(Path(".gitignore"), text, "upgrade: .gitignore keeps private/ out of git")
