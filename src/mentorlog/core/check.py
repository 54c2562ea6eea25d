"""`check`: every problem in every file, named by path, line and field. Never writes.

Problems make the journal read wrongly (a file that does not parse, a link to nothing, an
unfinished merge, private text where git shares it); warnings are worth a look but read fine
(an entry recorded twice, a private/ folder git does not ignore yet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog import clock, git, messages, store
from mentorlog.codec import same_digest
from mentorlog.errors import EntryFileError
from mentorlog.fold import fold, fold_mentors
from mentorlog.model import ENTRY_KINDS, Change, Entry, Goal, Question, Session
from mentorlog.reading import change_folder, checked_load, read_config

if TYPE_CHECKING:
    from mentorlog.report.shapes import ProblemRow


@dataclass
class Problem:
    path: str
    line: int | None
    field: str | None
    message: str

    def as_dict(self) -> ProblemRow:
        return {"path": self.path, "line": self.line, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass
class CheckResult:
    files: int
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Read:
    entries: list[Entry] = field(default_factory=list)
    changes: dict[str, list[Change]] = field(default_factory=dict)  # by kind folder
    files: int = 0
    # Files whose `created` has no UTC offset (read as UTC).
    without_offset: list[str] = field(default_factory=list)
    # The links the own file of each entry that changes apply to holds, before private `link`
    # changes add theirs (an entry no change applies to holds only its own).
    own_links: dict[str, set[str]] = field(default_factory=dict)
    # By path, where the index holds it: the digest of what an entry's copies share.
    same: dict[str, str] = field(default_factory=dict)


def check_journal(root: Path) -> CheckResult:
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def relative(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return str(path)

    def add(error: EntryFileError) -> None:
        problems.append(Problem(relative(error.path), error.line, error.field, error.problem))

    mentors = []
    try:
        mentors = read_config(root / store.CONFIG_NAME).mentors
    except EntryFileError as error:
        add(error)
    private = root / store.PRIVATE_DIR
    if private.is_symlink():
        problems.append(Problem(store.PRIVATE_DIR, None, None, messages.CHECK_PRIVATE_SYMLINK))

    read = _read_everything(root, add)
    for folder in [
        *(m.folder for m in ENTRY_KINDS.values()),
        *(change_folder(m.folder) for m in ENTRY_KINDS.values()),
        change_folder(store.MENTORS_FOLDER),
    ]:
        for path, what in store.odd_entry_files(root, folder):
            problems.append(Problem(path, None, None, messages.CHECK_ODD_FILE.format(what=what)))
    known = [*(m.folder for m in ENTRY_KINDS.values()), store.MENTORS_FOLDER]
    for path, what in store.stray_change_files(root, known):
        message = (
            messages.CHECK_UNKNOWN_CHANGES
            if what == "unknown folder"
            else (messages.CHECK_STRAY_CHANGE)
        )
        problems.append(Problem(path, None, None, message.format(folders=", ".join(known))))
    marked = {p.path for p in problems}
    problems += [p for p in _unmerged(root) if p.path not in marked]
    changed = {c.entry for changes in read.changes.values() for c in changes}
    read.own_links = {e.id: _links_of(e) for e in read.entries if e.id in changed}
    _, mentor_orphans = fold_mentors(mentors, read.changes.get(store.MENTORS_FOLDER, []))
    orphans = fold(
        read.entries,
        [
            c
            for folder, changes in read.changes.items()
            if folder != store.MENTORS_FOLDER
            for c in changes
        ],
    )
    # A change to an entry whose file did not load is not a problem of its own.
    unloaded = {Path(p.path).stem[-store.ID_LENGTH :] for p in problems}
    for orphan in [*mentor_orphans, *orphans]:
        if orphan.change.entry in unloaded:
            continue
        problems.append(
            Problem(
                orphan.change.path,
                None,
                "entry" if orphan.change.entry else "mentor",
                orphan.problem,
            )
        )
    problems += _cross_checks(read)
    warnings += _duplicates(read.entries, read.same)
    warnings += [
        Problem(path, _line_of(root, path, "created"), "created", messages.CHECK_NO_OFFSET)
        for path in read.without_offset
    ]
    warnings += _from_the_future(root, read)
    leaks = _sharing(root)
    # A private/ that git would share is a leak once it holds something; until then, a warning.
    has_private = (
        any(p.is_file() for p in (root / store.PRIVATE_DIR).rglob("*"))
        if private.is_dir()
        else False
    )
    (problems if has_private else warnings).extend(leaks)
    return CheckResult(read.files + 1, problems, warnings)


def _read_everything(root: Path, add: Any) -> _Read:
    """Every entry and change file: from the index where it holds the file as it is (it was
    validated when read, and its files listed as they were walked), else read and checked
    here."""
    from mentorlog.index import stored_files

    read = _Read()
    folders = [(model.folder, model) for model in ENTRY_KINDS.values()]
    stored = stored_files(root, [folder for folder, _ in folders])
    if stored is not None:
        read.same = stored.same

    def listed(folder: str) -> Iterable[str]:
        if stored is not None:
            return stored.listed.get(folder, [])
        return (name for name, _ in store.walk_entry_files(root, folder))

    def one(name: str, model: Any, folder: str = "") -> Any:
        if stored is not None and name in stored.files:
            item, found = stored.files[name]
        else:
            item, found = checked_load(root, root / name, model, folder)
        for problem in found:
            add(problem)
        read.files += 1
        if item is not None and item.created_without_offset:
            read.without_offset.append(item.path)
        return item

    for folder, model in folders:
        for name in listed(folder):
            entry = one(name, model)
            if isinstance(entry, Entry):
                read.entries.append(entry)
    for folder in [f for f, _ in folders] + [store.MENTORS_FOLDER]:
        for name in listed(change_folder(folder)):
            change = one(name, Change, folder)
            if isinstance(change, Change):
                read.changes.setdefault(folder, []).append(change)
    return read


# A file dated later than this ahead of the clock here was made by a clock set wrong (a few
# minutes between machines is usual).
FUTURE_SLACK = dt.timedelta(hours=1)


def _from_the_future(root: Path, read: _Read) -> list[Problem]:
    """Changes (and entries) dated in the future: every later change to the same entry is
    ordered after them, so they name a clock that ran ahead."""
    limit = clock.now() + FUTURE_SLACK
    found: list[Problem] = []
    stamped: list[Entry | Change] = [
        *read.entries,
        *(c for changes in read.changes.values() for c in changes),
    ]
    for item in sorted(stamped, key=lambda i: i.path):
        if item.created > limit:
            found.append(
                Problem(
                    item.path,
                    _line_of(root, item.path, "created"),
                    "created",
                    messages.CHECK_FUTURE.format(created=item.created.isoformat()),
                )
            )
    return found


def _unmerged(root: Path) -> list[Problem]:
    """Files git still holds as conflicted (a deleted-and-changed file has no markers)."""
    repo = git.find_repo(root)
    if repo is None or git.operation_in_progress(repo) is None:
        return []
    return [
        Problem(path, None, None, messages.CHECK_UNMERGED)
        for path in git.unmerged_paths(repo, root)
    ]


def _line_of(root: Path, relative: str, name: str) -> int | None:
    try:
        return store.line_of_field((root / relative).read_text(encoding="utf-8"), name)
    except (OSError, UnicodeDecodeError):
        return None


def _links_of(entry: Entry) -> set[str]:
    refs = {getattr(entry, "goal", ""), getattr(entry, "session", "")}
    if isinstance(entry, Session):
        refs |= {*entry.goals, *entry.discussed, *(a.goal for a in entry.actions)}
    return {r for r in refs if isinstance(r, str) and r}


def _cross_checks(read: _Read) -> list[Problem]:
    entries = read.entries
    problems: list[Problem] = []
    by_id: dict[str, Entry | Change] = {}
    every: list[Entry | Change] = [*entries]
    every += [c for changes in read.changes.values() for c in changes]
    for item in every:
        if item.id in by_id:
            problems.append(
                Problem(
                    item.path, 1, "id", f"the id '{item.id}' is also used by {by_id[item.id].path}"
                )
            )
        by_id[item.id] = item
    for entry in entries:
        if entry.private and not entry.path.startswith(store.PRIVATE_DIR + "/"):
            problems.append(
                Problem(
                    entry.path,
                    None,
                    "private",
                    "marked private but stored "
                    "outside private/, so git would share it; move it there",
                )
            )
    goals = [e for e in entries if isinstance(e, Goal)]
    targets: dict[str, dict[str, Entry]] = {"goal": {}, "session": {}, "question": {}}
    for goal in goals:
        for ref in (goal.id, goal.slug, *goal.former_slugs):
            targets["goal"].setdefault(ref, goal)
    targets["session"] = {e.id: e for e in entries if isinstance(e, Session)}
    targets["question"] = {e.id: e for e in entries if isinstance(e, Question)}

    def link(entry: Entry, field_name: str, value: str, kind: str) -> None:
        if not value:
            return
        target = targets[kind].get(value)
        if target is None:
            problems.append(
                Problem(entry.path, None, field_name, f"links to an unknown {kind} '{value}'")
            )
        elif (
            target.private
            and not entry.private
            and (entry.id not in read.own_links or value in read.own_links[entry.id])
        ):
            problems.append(
                Problem(
                    entry.path,
                    None,
                    field_name,
                    messages.CHECK_PUBLIC_TO_PRIVATE.format(kind=kind, value=value),
                )
            )

    for entry in entries:
        if isinstance(entry, Session):
            for ref in entry.goals:
                link(entry, "goals", ref, "goal")
            for ref in entry.discussed:
                link(entry, "discussed", ref, "question")
            for action in entry.actions:
                link(entry, "actions.goal", action.goal, "goal")
        goal_ref = getattr(entry, "goal", "")
        if isinstance(goal_ref, str):
            link(entry, "goal", goal_ref, "goal")
        session = getattr(entry, "session", "")
        if isinstance(session, str):
            link(entry, "session", session, "session")
    return problems


def _duplicates(entries: list[Entry], digests: dict[str, str]) -> list[Problem]:
    """Entries recorded twice (reports show them once), and goals sharing a slug. `digests`:
    those of what copies share that the index holds, by path (the rest are taken here)."""
    warnings: list[Problem] = []
    shown = [e for e in entries if not getattr(e, "deleted", False)]
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in shown:
        digest = digests.get(entry.path) or same_digest(entry)
        groups.setdefault((entry.kind, digest), []).append(entry)
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda e: (e.created.timestamp(), e.id))
            for other in group[1:]:
                warnings.append(
                    Problem(
                        other.path,
                        None,
                        None,
                        messages.CHECK_DUPLICATE.format(kind=other.kind, first=group[0].path),
                    )
                )
    slugs: dict[str, list[Goal]] = {}
    for goal in (e for e in shown if isinstance(e, Goal)):
        slugs.setdefault(goal.slug, []).append(goal)
    for slug, same in slugs.items():
        titles = {g.title.strip().casefold() for g in same}
        if len(same) > 1 and len(titles) > 1:
            warnings.append(
                Problem(
                    same[1].path,
                    None,
                    "slug",
                    messages.CHECK_SHARED_SLUG.format(slug=slug, other=same[0].path),
                )
            )
    return warnings


def _sharing(root: Path) -> list[Problem]:
    """private/ must stay out of git, and mentorlog's own files out of the journal."""
    from mentorlog.index.db import cache_folder
    from mentorlog.writes import outside, state_folder

    found = []
    repo = git.find_repo(root)
    probe = root / store.PRIVATE_DIR / "goals" / "probe.toml"
    if repo is not None and not git.is_ignored(repo, probe):
        found.append(Problem(store.PRIVATE_DIR, None, None, messages.CHECK_PRIVATE_NOT_IGNORED))
    if repo is not None:
        # Ignoring does not untrack: a private file committed once is shared on every push.
        tracked = git.run(
            repo, "ls-files", "-z", "--", repo.relative(root / store.PRIVATE_DIR), check=False
        ).stdout.split("\0")
        top = repo.relative(root)
        for path in filter(None, tracked):
            inside = path if top == "." else path.removeprefix(top + "/")
            found.append(Problem(inside, None, None, messages.CHECK_PRIVATE_TRACKED))
    for folder, variable in (
        (cache_folder(), "MENTORLOG_CACHE_DIR"),
        (state_folder(root), "XDG_STATE_HOME"),
    ):
        if not outside(folder, root):
            found.append(
                Problem(
                    str(folder),
                    None,
                    None,
                    messages.CHECK_OWN_FILES_INSIDE.format(variable=variable),
                )
            )
    return found
