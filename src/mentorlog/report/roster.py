"""A mentor's roster: one row per mentee's journal found under some folders.

Each journal is read as it is (nothing is written to it; the cache lives outside it). A folder
that cannot be read, or a journal that does not load, is named in the result and the others are
still shown.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog import messages, store
from mentorlog.entries import Entries
from mentorlog.errors import HandleError, MentorlogError
from mentorlog.handles import find_mentor
from mentorlog.journal import Journal
from mentorlog.model import Mentor
from mentorlog.report.actions import action_rows, private_goal_ids
from mentorlog.report.health import meeting, warnings
from mentorlog.report.scope import for_mentor

if TYPE_CHECKING:
    from mentorlog.report.shapes import FailedJournal, MenteeRow, Roster

# Folders never searched for journals: version control, environments, a journal's own parts.
SKIPPED = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        store.PRIVATE_DIR,
        store.CHANGES_DIR,
    }
)
MAX_DEPTH = 6
# Warning kinds that put a goal at risk.
AT_RISK = ("goal-due", "milestone", "stale", "smart")


@dataclass
class Found:
    journals: list[Path] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, why)


def find_journals(folders: list[Path]) -> Found:
    """Every folder holding a mentorlog.toml under the given ones (a journal's own folders are
    not searched further)."""
    found = Found()
    for top in folders:
        if not top.is_dir():
            found.unreadable.append(
                (str(top), "not a folder" if top.exists() else "no such folder")
            )
            continue
        _walk(top, 0, found)
    found.journals = sorted(dict.fromkeys(found.journals))
    return found


def _walk(folder: Path, depth: int, found: Found) -> None:
    if (folder / store.CONFIG_NAME).is_file():
        found.journals.append(folder)
        return
    if depth >= MAX_DEPTH:
        return
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        found.unreadable.append((str(folder), error.strerror or str(error)))
        return
    for child in children:
        if child.name in SKIPPED or child.name.startswith("."):
            continue
        if child.is_dir(follow_symlinks=False):
            _walk(Path(child.path), depth + 1, found)


def row(
    root: Path, journal: Journal, entries: Entries, today: date, mentor: str | None
) -> MenteeRow:
    """One mentee at a glance, for the relationship with `mentor` alone (its sessions, and
    the goals and questions tied to it or to no mentor), else every running one."""
    config = journal.config
    if mentor is not None:
        config, entries, _ = for_mentor(config, entries, mentor)
    chosen: list[Mentor] = list(config.mentors)
    running = [m for m in chosen if m.ended is None] or chosen
    meetings = [meeting(m, entries, today) for m in running]
    names = {m.name.casefold() for m in running}
    actions = [
        a
        for a in action_rows(entries.sessions, today, False, private_goal_ids(entries.goals))
        if a["overdue"] and (not names or a["mentor"].casefold() in names)
    ]
    theirs = [a for a in actions if a["owner"]]
    active = [g for g in entries.goals if g.status == "active"]
    # A roster is the mentor's view: a private goal's name stays in the mentee's journal.
    hidden = {g.slug for g in entries.goals if g.private}
    risks = [
        w
        for w in warnings(config, entries, today)
        if w["kind"] in AT_RISK and w["subject"] not in hidden
    ]
    last = max((m["last_session"] for m in meetings if m["last_session"]), default=None)
    upcoming = [m["next_meeting"] for m in meetings if m["next_meeting"]]
    return {
        "journal": str(root),
        "owner": config.owner,
        "mentors": [m.name for m in running],
        "last_session": last,
        "next_meeting": min(upcoming) if upcoming else None,
        "days_since": min((m["days_since"] for m in meetings), default=None),
        "lapsed": any(m["overdue"] for m in meetings),
        "overdue_actions": len(actions) - len(theirs),
        "overdue_mentor_actions": len(theirs),
        "active_goals": len(active),
        "goals_at_risk": sorted({w["subject"] for w in risks}),
        "progress": round(sum(g.progress for g in active) / len(active)) if active else None,
        "open_questions": sum(1 for q in entries.questions if q.discussed is None),
        "problems": len(entries.problems),
    }


def roster(folders: list[Path], today: date, mentor: str | None = None) -> Roster:
    found = find_journals(folders)
    rows: list[MenteeRow] = []
    failed: list[FailedJournal] = [
        {"journal": folder, "problem": why} for folder, why in found.unreadable
    ]
    # With --mentor, only the journals that know that mentor (a unique beginning of a name or
    # of one of its words, as everywhere); a name no journal knows is refused.
    known: list[str] = []
    for root in found.journals:
        try:
            journal = Journal(root)
            journal.guard()
            if mentor is not None:
                known += [m.name for m in journal.config.mentors]
                try:
                    find_mentor(journal.config.mentors, mentor)
                except HandleError as error:
                    if error.ambiguous:
                        raise
                    continue
            entries = journal.load()
        except HandleError:
            raise
        except MentorlogError as error:
            failed.append({"journal": str(root), "problem": error.message})
            continue
        except OSError as error:
            failed.append({"journal": str(root), "problem": error.strerror or str(error)})
            continue
        rows.append(row(root, journal, entries, today, mentor))
    if mentor is not None and found.journals and not rows and not failed:
        names = ", ".join(sorted(set(known), key=str.casefold)) or "none yet"
        raise HandleError(messages.UNKNOWN_MENTOR.format(name=mentor, known=names), [])
    # Who needs the mentor first: lapsed, then most overdue, then longest without a session.
    rows.sort(
        key=lambda r: (
            not r["lapsed"],
            -(r["overdue_actions"] + r["overdue_mentor_actions"]),
            -(r["days_since"] or 0),
            r["owner"].casefold(),
        )
    )
    return {"today": today, "folders": [str(f) for f in folders], "mentees": rows, "failed": failed}
