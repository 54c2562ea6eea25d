"""Files: ids, paths, deterministic TOML writing, atomic writes, and reading with located errors.

Imports here stay light (no pydantic at module level) so that writing one entry stays fast.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog import messages
from mentorlog.errors import EntryFileError, MentorlogError
from mentorlog.model import Part

if TYPE_CHECKING:
    from mentorlog.model import Entry

CONFIG_NAME = "mentorlog.toml"
PRIVATE_DIR = "private"
CHANGES_DIR = "changes"
# Relationships have no file of their own: they live in mentorlog.toml and in changes to it.
MENTORS_FOLDER = "mentors"
# Crockford's base32 without the letters people confuse (i, l, o, u).
ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 12  # 60 random bits: two clones picking the same id is not a practical risk.
SHORT_ID = 7


def new_id() -> str:
    import secrets  # here: only writes make ids, and it costs reads ~5 ms to import

    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def slugify(title: str, max_length: int = 48) -> str:
    """A file- and handle-safe slug from a title in any script ("Учить Rust" -> uchit-rust,
    "学习编程" -> xue-xi-bian-cheng, "Œuvre" -> oeuvre): python-slugify, ending on a whole
    word. A title with nothing to spell (only emoji) gives "goal"."""
    from slugify import slugify as make_slug  # here: only a new goal needs it

    slug = make_slug(title, max_length=max_length, word_boundary=True, save_order=True)
    return slug.strip("-") or "goal"


def unique_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def relative_entry_path(entry: Entry) -> Path:
    """Where a new entry goes, relative to the journal root. Only safe characters reach it."""
    from mentorlog.model import Goal, Session

    base = Path(PRIVATE_DIR) if entry.private else Path()
    if isinstance(entry, Goal):
        return base / entry.folder / f"{entry.slug}-{entry.id}.toml"
    day = entry.day.isoformat()
    if isinstance(entry, Session):
        return base / entry.folder / f"{entry.day.year:04d}" / f"{day}-{entry.id}.toml"
    return base / entry.folder / f"{day}-{entry.id}.toml"


def relative_change_path(change_id: str, created: datetime, folder: str, private: bool) -> Path:
    """Where a change goes: changes/<kind's folder>/<year>/<date>-<id>.toml (under private/ too)."""
    base = Path(PRIVATE_DIR) if private else Path()
    day = created.date()
    return base / CHANGES_DIR / folder / f"{day.year:04d}" / f"{day.isoformat()}-{change_id}.toml"


# --- writing ---------------------------------------------------------------------------------

_TRAILING = ("created", "author", "tags", "private")


def _is_empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str | list | dict) and not value)


def to_document(model: Part) -> dict[str, Any]:
    """A model as the plain dict written to TOML.

    Known fields come in model order and are left out when empty; unknown fields follow,
    sorted and kept exactly, so the bytes depend only on the data.
    """
    document: dict[str, Any] = {}
    fields = model._fields
    aliases = model._aliases
    # An entry file reads best with its own fields first and the bookkeeping after them.
    names = [n for n in fields if n not in _TRAILING] + [n for n in _TRAILING if n in fields]
    for name in names:
        value = getattr(model, name)
        if not _is_empty(value):
            document[aliases.get(name, name)] = _plain(value)
    extra = model.extra
    for key in sorted(extra):
        document[key] = _plain(extra[key])
    return document


def _plain(value: Any) -> Any:
    if isinstance(value, Part):
        return to_document(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def dumps(document: dict[str, Any]) -> str:
    """TOML text for a document: plain keys first, then every list of tables as [[name]] blocks.

    tomli-w writes a list of tables inline while it fits in a line and as [[blocks]] otherwise;
    always using blocks keeps one line per field, so a change to one item is a one-line diff.
    """
    import tomli_w

    # A TOML reader turns CRLF inside a multi-line string into LF; text holding a carriage
    # return is written as escaped one-line strings instead, so it reads back exactly.
    multiline = not _holds_carriage_return(document)
    blocks = {k: v for k, v in document.items() if _is_table_list(v)}
    if any(
        isinstance(value, dict | list)
        for items in blocks.values()
        for item in items
        for value in item.values()
        if isinstance(value, dict) or _is_table_list(value)
    ):
        return tomli_w.dumps(document, multiline_strings=multiline)  # nested: tomli-w lays out
    head = {k: v for k, v in document.items() if k not in blocks}
    parts = [tomli_w.dumps(head, multiline_strings=multiline)] if head else []
    for key, items in blocks.items():
        name = _key(key)
        for item in items:
            body = tomli_w.dumps(item, multiline_strings=multiline)
            parts.append(f"\n[[{name}]]\n{body}")
    return "".join(parts)


def _holds_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_holds_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_carriage_return(v) for v in value)
    return False


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    """A TOML key: bare when it can be, else a basic string with TOML's escapes."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    import json

    # JSON's escapes are TOML's, except that TOML also escapes DEL.
    return json.dumps(key, ensure_ascii=False).replace("\x7f", "\\u007f")


def _new_file_mode() -> int:
    """What `open()` would give a new file here: 0666 less the umask (mkstemp gives 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(folder: Path, text: str, mode: int | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: only writes need it; reads start faster without

    handle, name = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".toml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fchmod(stream.fileno(), _new_file_mode() if mode is None else mode)
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def gitignore_adding(
    root: Path, wanted: Sequence[str], even_if_present: bool = False
) -> str | None:
    """The journal's .gitignore with the lines of `wanted` it lacks added at its end; None when
    it lacks none. `even_if_present` appends them all: a line already there may come before a
    `!` rule that undoes it, and a line at the end always holds."""
    path = root / ".gitignore"
    present = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    missing = list(wanted) if even_if_present else [w for w in wanted if w not in present]
    return "\n".join([*present, *missing]) + "\n" if missing else None


def create_file(path: Path, text: str) -> None:
    """Write a new file atomically; never replace one that exists."""
    temp = _write_temp(path.parent, text)
    try:
        os.link(temp, path)  # fails if the path exists, unlike rename
    except FileExistsError:
        raise MentorlogError(messages.FILE_EXISTS.format(path=path)) from None
    except OSError:
        # File systems without hard links: check, then rename (still atomic for readers).
        if path.exists():
            raise MentorlogError(messages.FILE_EXISTS.format(path=path)) from None
        os.replace(temp, path)
        return
    finally:
        if temp.exists():
            os.unlink(temp)


def replace_file(path: Path, text: str) -> bool:
    """Atomically replace a file's content; leave it untouched when the bytes are the same."""
    data = text.encode("utf-8")
    mode = None
    try:
        if path.read_bytes() == data:
            return False
        mode = path.stat().st_mode & 0o7777  # a rewrite keeps the file's permissions
    except FileNotFoundError:
        pass
    temp = _write_temp(path.parent, text, mode)
    try:
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    return True


# --- reading ---------------------------------------------------------------------------------

CONFLICT_PROBLEM = "unresolved git merge conflict"
# git writes "<<<<<<< ours", "=======", ">>>>>>> theirs" at the start of lines.
_CONFLICT_START = re.compile(r"^<{7}(?: |$)", re.MULTILINE)
_CONFLICT_END = re.compile(r"^>{7}(?: |$)", re.MULTILINE)


def read_bytes(path: str, size: int) -> bytes | None:
    """A regular file's bytes, `size` the length a stat gave (None if it cannot be read or is
    a symbolic link). os.open and os.read: a third of open()'s time for small files."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        want = max(size + 1, 4096)
        pieces = [os.read(handle, want)]
        read = len(pieces[0])
        # Less than asked for, and all the stat said, is the end (one call for a small file);
        # a short read before it (a signal, a network file system) or a file grown since read
        # on, to an empty read.
        while pieces[-1] and (read < size or len(pieces[-1]) == want):
            pieces.append(os.read(handle, want))
            read += len(pieces[-1])
        return b"".join(pieces)
    except OSError:
        return None
    finally:
        os.close(handle)


def has_conflict_markers(text: str) -> bool:
    if "<<<<<<<" not in text:  # a search for the text alone is ten times quicker
        return False
    marker = _CONFLICT_START.search(text)
    return marker is not None and _CONFLICT_END.search(text, marker.end()) is not None


def quick_loads(text: str) -> dict[str, Any] | None:
    """TOML text read by rtoml (a compiled reader, three times faster than tomli: what makes a
    first read of 100,000 files fit its budget), or None where it cannot say (not installed,
    or it refuses the text: then tomli decides, and says where the problem is)."""
    try:
        import rtoml
    except ImportError:  # pragma: no cover - a platform without its wheel
        return None
    try:
        found: dict[str, Any] = rtoml.loads(text)
    except Exception:  # its refusals are told again by tomli, with the line
        return None
    return found


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, raising EntryFileError with the line of the problem.

    A file holding git's conflict markers is named as such: it is a merge to finish.
    """
    marker = _CONFLICT_START.search(text)
    if marker is not None and _CONFLICT_END.search(text, marker.end()):
        raise EntryFileError(
            path,
            f"{CONFLICT_PROBLEM} (git's <<<<<<< markers); keep what "
            "both sides wrote, then `git add` the file and `git commit`, or "
            "`git merge --abort`",
            line=text.count("\n", 0, marker.start()) + 1,
        )
    found = quick_loads(text)
    if found is not None:
        return found
    try:
        import tomli as toml_reader  # compiled wheel: several times faster than tomllib
    except ImportError:  # pragma: no cover - tomli is a dependency; tomllib has the same API
        import tomllib as toml_reader  # type: ignore[no-redef]
    try:
        return toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        if match is None and "end of document" in message:
            line = text.count("\n") + 1
        raise EntryFileError(path, f"not valid TOML: {problem}", line=line) from None
    except RecursionError:
        raise EntryFileError(
            path, "not a journal file: its tables or lists are nested too deeply to read"
        ) from None


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise EntryFileError(path, "not UTF-8 text") from None
    except OSError as error:  # unreadable (permissions), or gone since the folder was listed
        raise EntryFileError(path, f"cannot be read: {error.strerror or error}") from None
    return text, parse_toml(path, text)


def line_of_field(text: str, dotted: str) -> int | None:
    """The line where a field is set, for error messages: `due`, `milestones.2.due`…"""
    parts = dotted.split(".")
    key = parts[-1]
    table = None
    index = None
    if len(parts) >= 3 and parts[-2].isascii() and parts[-2].isdigit():
        table, index = parts[-3], int(parts[-2])
    elif len(parts) == 2 and parts[-1].isascii() and parts[-1].isdigit():
        table, index, key = parts[0], int(parts[1]), ""
    lines = text.splitlines()
    start = 0
    if table is not None and index is not None:
        seen = -1
        for number, line in enumerate(lines):
            if line.strip() == f"[[{table}]]":
                seen += 1
                if seen == index:
                    start = number
                    if not key:
                        return number + 1
                    break
        else:
            return None
    pattern = re.compile(rf"^\s*(\"?){re.escape(key)}\1\s*=")
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
        if number > start and table is not None and lines[number].lstrip().startswith("["):
            break
    return None


def is_change(relative: str) -> bool:
    """Whether the file at `relative` (from the journal's root, '/'-separated) is a change."""
    return relative.removeprefix(PRIVATE_DIR + "/").startswith(CHANGES_DIR + "/")


def kind_folder(relative: str) -> str:
    """The folder of the kind the file at `relative` is an entry of, or a change to:
    `sessions` for sessions/2026/… and for private/changes/sessions/…."""
    parts = relative.removeprefix(PRIVATE_DIR + "/").split("/")
    return parts[1] if parts[0] == CHANGES_DIR and len(parts) > 1 else parts[0]


def walk_entry_files(
    root: Path, folder: str, include_private: bool = True
) -> Iterator[tuple[str, os.stat_result]]:
    """Every *.toml file under a folder, public then private: (path relative to root, stat), in
    name order. Hidden files and folders, symbolic links and anything not a regular file are
    passed over (`check` names them: see odd_entry_files)."""
    bases = (folder, f"{PRIVATE_DIR}/{folder}") if include_private else (folder,)
    for base in bases:
        yield from _scan(str(root), base)


def _scan(root: str, relative: str) -> Iterator[tuple[str, os.stat_result]]:
    for path, stat in _folder(root, relative):
        if stat is not None:
            yield path, stat
        else:
            yield from _scan(root, f"{relative}/{path}")


def _folder(root: str, relative: str) -> list[tuple[str, os.stat_result | None]]:
    """A folder's entry files (path, stat) and sub-folders (name, None), in name order; none
    when it is not there. The folder is closed before anything is given out, so an abandoned
    walk holds nothing open."""
    try:
        with os.scandir(os.path.join(root, relative)) as listing:
            items = sorted(listing, key=_NAME)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found: list[tuple[str, os.stat_result | None]] = []
    for item in items:
        name = item.name
        if name.startswith("."):
            continue
        if item.is_dir(follow_symlinks=False):
            found.append((name, None))
        elif name.endswith(".toml") and item.is_file(follow_symlinks=False):
            found.append((f"{relative}/{name}", item.stat()))
    return found


_NAME = operator.attrgetter("name")


def odd_entry_files(root: Path, folder: str) -> Iterator[tuple[str, str]]:
    """(path, what it is) for what sits among a kind's files but is never read as an entry: a
    symbolic link, a folder named like an entry file, a pipe or device."""
    for base in (folder, f"{PRIVATE_DIR}/{folder}"):
        yield from _odd(str(root), base)


def stray_change_files(root: Path, known: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(path, what it is) for what sits in changes/ (public or private) but is never read: a
    folder that is no kind's, a file placed directly in changes/."""
    for base in (CHANGES_DIR, f"{PRIVATE_DIR}/{CHANGES_DIR}"):
        try:
            found = sorted(os.scandir(root / base), key=lambda e: e.name)
        except OSError:
            continue
        for item in found:
            if item.name.startswith("."):
                continue
            path = f"{base}/{item.name}"
            if item.is_dir(follow_symlinks=False):
                if item.name not in known:
                    yield path, "unknown folder"
            else:
                yield path, "stray file"


def _odd(root: str, relative: str) -> Iterator[tuple[str, str]]:
    try:
        entries = list(os.scandir(os.path.join(root, relative)))
    except OSError:
        return
    for item in sorted(entries, key=lambda e: e.name):
        if item.name.startswith("."):
            continue
        path = f"{relative}/{item.name}"
        if item.is_symlink():
            yield path, "a symbolic link"
        elif item.is_dir(follow_symlinks=False):
            if item.name.endswith(".toml"):
                yield path, "a folder named like an entry file"
            yield from _odd(root, path)
        elif item.name.endswith(".toml") and not item.is_file(follow_symlinks=False):
            yield path, "not a regular file"


def iso(value: date | datetime) -> str:
    return value.isoformat()
