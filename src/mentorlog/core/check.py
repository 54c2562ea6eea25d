"""`check`: every problem in every file, named by path, line and field. Never writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorlog import store
from mentorlog.cache import checked_load
from mentorlog.errors import EntryFileError
from mentorlog.journal import read_config
from mentorlog.model import ENTRY_KINDS, Entry, Goal, Question, Session


@dataclass
class Problem:
    path: str
    line: int | None
    field: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "field": self.field,
                "message": self.message}

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass
class CheckResult:
    files: int
    problems: list[Problem]


def check_journal(root: Path) -> CheckResult:
    problems: list[Problem] = []

    def relative(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return str(path)

    def add(error: EntryFileError) -> None:
        problems.append(Problem(relative(error.path), error.line, error.field, error.problem))

    files = 1
    try:
        read_config(root / store.CONFIG_NAME)
    except EntryFileError as error:
        add(error)

    entries: list[Entry] = []
    for model in ENTRY_KINDS.values():
        for name, _stat in store.walk_entry_files(root, model.folder):
            files += 1
            entry, found = checked_load(root, root / name, model)
            for problem in found:
                add(problem)
            if entry is not None:
                entries.append(entry)
    problems += _cross_checks(entries)
    return CheckResult(files, problems)


def _cross_checks(entries: list[Entry]) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in by_id:
            problems.append(Problem(entry.path, 1, "id", f"the id '{entry.id}' is also used by "
                                    f"{by_id[entry.id].path}"))
        by_id[entry.id] = entry
        if entry.private and not entry.path.startswith(store.PRIVATE_DIR + "/"):
            problems.append(Problem(entry.path, None, "private", "marked private but stored "
                                    "outside private/, so git would share it; move it there"))
    goals = [e for e in entries if isinstance(e, Goal)]
    slugs: dict[str, Goal] = {}
    for goal in goals:
        if goal.slug in slugs:
            problems.append(Problem(goal.path, None, "slug", f"the slug '{goal.slug}' is also "
                                    f"used by {slugs[goal.slug].path}; rename one"))
        slugs.setdefault(goal.slug, goal)
    goal_refs = {ref for g in goals for ref in (g.id, g.slug)}
    session_ids = {e.id for e in entries if isinstance(e, Session)}
    question_ids = {e.id for e in entries if isinstance(e, Question)}

    def missing(entry: Entry, field: str, value: str, known: set[str], kind: str) -> None:
        if value and value not in known:
            problems.append(Problem(entry.path, None, field, f"links to an unknown {kind} "
                                    f"'{value}'"))

    for entry in entries:
        if isinstance(entry, Session):
            for ref in entry.goals:
                missing(entry, "goals", ref, goal_refs, "goal")
            for ref in entry.discussed:
                missing(entry, "discussed", ref, question_ids, "question")
        goal_ref = getattr(entry, "goal", "")
        if isinstance(goal_ref, str):
            missing(entry, "goal", goal_ref, goal_refs, "goal")
        session = getattr(entry, "session", "")
        if isinstance(session, str):
            missing(entry, "session", session, session_ids, "session")
    return problems
