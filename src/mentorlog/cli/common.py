"""What every command module shares: the journal option, dates, output helpers, errors."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import typer

from mentorlog import clock, messages
from mentorlog.dates import parse_date
from mentorlog.errors import InputError, MentorlogError

if TYPE_CHECKING:
    from mentorlog.errors import EntryFileError
    from mentorlog.journal import Journal

# Option declarations reused by every add command.
PRIVATE = typer.Option(False, "--private", help="Keep this entry under private/ (never in git).")


def goal_option(help: str) -> Any:
    """--goal/-g: a goal's slug or id prefix, completed from the journal in use."""
    from mentorlog.cli import complete

    return typer.Option(
        None, "--goal", "-g", metavar="GOAL", autocompletion=complete.goals, help=help
    )


def mentor_option(help: str) -> Any:
    """--mentor: a relationship by (the start of) its name, completed from the journal."""
    from mentorlog.cli import complete

    return typer.Option(
        None, "--mentor", metavar="NAME", autocompletion=complete.mentors, help=help
    )


CADENCE = typer.Option(
    30,
    "--cadence",
    min=1,
    max=3650,
    metavar="DAYS",
    help="Agreed days between meetings (30 for monthly).",
)
TAGS = typer.Option([], "--tag", "-t", help="A tag (repeatable).")
JSON = typer.Option(False, "--json", help="Print one JSON document instead of a table.")


@dataclass
class State:
    journal_option: str | None = None
    journal: Journal | None = None


def open_journal(ctx: typer.Context) -> Journal:
    """The journal the command works on, refused while git left it half-merged or while its
    private/ folder is a symbolic link."""
    from mentorlog.journal import Journal, find_journal

    state = ctx.find_object(State)
    journal = Journal(find_journal(state.journal_option if state else None))
    journal.guard()
    if state is not None:
        state.journal = journal
    return journal


# Options about what should happen: a bare weekday or day of the year is the next one.
FORWARD_OPTIONS = ("--due", "--next")


T = TypeVar("T")


def _for_option(option: str, parse: Callable[[], T]) -> T:
    """What `parse` makes of an option's value; its refusal names the option."""
    try:
        return parse()
    except InputError as error:
        raise InputError(
            messages.BAD_OPTION_VALUE.format(option=option, problem=error.message)
        ) from None


def parse_date_option(value: str | None, option: str) -> date | None:
    """A DATE option's value; --due and --next look forward (see dates.py)."""
    if value is None:
        return None
    forward = option in FORWARD_OPTIONS
    return _for_option(option, lambda: parse_date(value, clock.today(), forward=forward))


def parse_moment_option(value: str | None, option: str) -> tuple[date | None, datetime | None]:
    """A DATE option that also takes a time of day (--next, --due): its day, and its moment
    (with the local offset) when a time was given."""
    if value is None:
        return None, None
    from mentorlog.dates import parse_moment

    forward = option in FORWARD_OPTIONS
    return _for_option(option, lambda: parse_moment(value, clock.today(), forward=forward))


# The options of a correction (`edit ENTRY`, `session edit`).
EDIT_TAGS = typer.Option(
    None, "--tag", "-t", metavar="TAG", help="The tags, replacing them (repeatable)."
)
EDIT_SET = typer.Option(
    None,
    "--set",
    metavar="FIELD=VALUE",
    help="Any other field, as the file names it: --set duration=45, --set 'topics=a, b', "
    "--set mentor=Maya (repeatable).",
)
EDIT_CLEAR = typer.Option(None, "--clear", metavar="FIELD", help="Empty a field (repeatable).")
EDIT_RESUME = typer.Option(
    False, "--resume", help="Reopen the edit that could not be saved, as it was left."
)


def parse_confidence(value: str | None, option: str = "--confidence") -> int | None:
    """A confidence from 1 to 5, or one sentence saying what it takes (exit 2)."""
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 5:
        raise InputError(messages.BAD_CONFIDENCE.format(value=value, option=option))
    return int(text)


def goal_confidence(value: str, option: str = "--confidence") -> tuple[str, int]:
    """GOAL=1-5 (`session add --confidence`, the template's "Confidence:" line)."""
    goal, sep, level = value.rpartition("=")
    if not sep or not goal.strip():
        raise InputError(messages.BAD_GOAL_CONFIDENCE.format(value=value, option=option))
    sure = parse_confidence(level, option)
    assert sure is not None
    return goal.strip(), sure


def warn_past_due(due: date | None, option: str = "--due") -> None:
    """A due date already past is kept (it may be on purpose) but never goes unsaid."""
    today = clock.today()
    if due is not None and due < today:
        warn(
            messages.DUE_IN_THE_PAST.format(
                option=option, due=due.isoformat(), today=today.isoformat()
            )
        )


def interactive() -> bool:
    """A person at a terminal, who can be asked and can use an editor."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def read_stdin(what: str, may_be_empty: bool = False) -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise InputError(messages.STDIN_NOT_UTF8.format(what=what, line=line)) from None
    else:
        text = data
    if not text.strip() and not may_be_empty:
        raise InputError(messages.EMPTY_STDIN.format(what=what))
    return text


def text_or_stdin(ctx: typer.Context, param: Any, value: Any) -> Any:
    """A text argument or option given as '-' is read from standard input (once per run: a
    second '-' is refused, it would read nothing)."""
    if isinstance(value, (list, tuple)):
        return type(value)(text_or_stdin(ctx, param, item) for item in value)
    if value != "-":
        return value
    name = (
        param.opts[0]
        if getattr(param, "opts", None) and param.opts[0].startswith("-")
        else ((param.metavar or param.name or "text").upper())
    )
    root = ctx.find_root()
    if "stdin read by" in root.meta:
        raise InputError(messages.STDIN_TWICE.format(first=root.meta["stdin read by"], second=name))
    root.meta["stdin read by"] = name
    return read_stdin(name).strip("\n")


def ask_lines(prompt: str) -> str:
    """One answer at a terminal; a line ending in a backslash continues on the next line."""
    lines = []
    line = input(f"{prompt}\n> ")
    while line.endswith("\\"):
        lines.append(line[:-1])
        line = input("> ")
    lines.append(line)
    answer = "\n".join(lines).strip()
    if any("\udc80" <= ch <= "\udcff" for ch in answer):  # bytes a C locale could not decode
        raise InputError(messages.STDIN_NOT_UTF8.format(line=1, what="answer"))
    return answer


def wrote(action: str, kind: str, handle: str, path: Path) -> None:
    """Tell the person what was written and where (to stdout: it is the command's result)."""
    changed(path, f"{action} {kind} {handle}")


def changed(path: Path, what: str) -> None:
    from mentorlog.render.text import clean

    print(clean(f"{what}  ->  {path}"))


def warn(message: str) -> None:
    from mentorlog.render.text import clean

    print(clean(message, one_line=False), file=sys.stderr)


# Past this many files that do not load, the rest are counted, not listed (`check` lists them).
LISTED_PROBLEMS = 5


def warn_problems(problems: list[EntryFileError]) -> None:
    """Each file that does not load, once (its first problem); many of them as one summary."""
    by_file: dict[str, list[EntryFileError]] = {}
    for problem in problems:
        by_file.setdefault(str(problem.path), []).append(problem)
    for path, found in list(by_file.items())[:LISTED_PROBLEMS]:
        others = len(found) - 1
        more = f" (and {others} more problem{'s' if others > 1 else ''})" if others else ""
        what = (
            f"{path}: the file is empty"
            if _is_empty_file(path)
            else (found[0].message.splitlines()[0] + more)
        )
        warn(messages.SKIPPED_FILE.format(problem=what))
    rest = list(by_file)[LISTED_PROBLEMS:]
    if rest:
        empty = sum(1 for path in rest if _is_empty_file(path))
        warn(
            messages.SKIPPED_MANY.format(
                count=len(rest), empty=f" ({empty} of them empty)" if empty else ""
            )
        )


def _is_empty_file(path: str) -> bool:
    try:
        return os.stat(path).st_size == 0
    except OSError:
        return False


def json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")


# How much encoded JSON is gathered before it is written (see emit_json).
JSON_BLOCK = 64 * 1024


def emit_json(document: Any, file: TextIO | None = None) -> None:
    """Every command's JSON, to standard output unless `file` is given: as json.dump writes it
    with an indent of 2, an iterator among a dict's values streamed as a list, an item at a
    time (`export`: no document of every entry is ever held)."""
    out = file or sys.stdout
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=json_default)
    # Written in blocks as it is encoded: a long timeline or export as one string (and the
    # pieces it is joined from) would double its memory, and a write per piece (json.dump)
    # is a million writes at 10,000 entries, each one a system call where standard output is
    # unbuffered (PYTHONUNBUFFERED): `export --format json` took 1.5 s instead of 1.1.
    pieces: list[str] = []
    size = 0
    for piece in _encoded(encoder, document, 0):
        pieces.append(piece)
        size += len(piece)
        if size >= JSON_BLOCK:
            out.write("".join(pieces))
            pieces.clear()
            size = 0
    pieces.append("\n")
    out.write("".join(pieces))


def _encoded(encoder: json.JSONEncoder, value: Any, level: int) -> Iterator[str]:
    """`value` in pieces, as json.dump(indent=2) writes it this many levels deep."""
    if isinstance(value, Iterator):
        items: Iterable[tuple[str | None, Any]] = ((None, item) for item in value)
        yield from _container(encoder, items, level, "[]")
    elif isinstance(value, dict) and any(isinstance(v, Iterator) for v in value.values()):
        yield from _container(encoder, value.items(), level, "{}")
    elif level:
        # JSON text has no newline but those between items (a string's are escaped), so
        # indenting each of them puts a value encoded alone at its depth.
        yield encoder.encode(value).replace("\n", "\n" + "  " * level)
    else:
        yield from encoder.iterencode(value)


def _container(
    encoder: json.JSONEncoder, items: Iterable[tuple[str | None, Any]], level: int, ends: str
) -> Iterator[str]:
    """A list (keys None) or a dict, its items one at a time, as json.dump lays them out."""
    inner = "\n" + "  " * (level + 1)
    first = True
    for key, item in items:
        yield (ends[0] if first else ",") + inner
        first = False
        if key is not None:
            yield encoder.encode(key) + ": "
        yield from _encoded(encoder, item, level + 1)
    yield ends if first else "\n" + "  " * level + ends[1]


def fail(error: MentorlogError) -> NoReturn:
    """Print one clear sentence (and candidates or a hint) to stderr; exit with its code."""
    from mentorlog.errors import HandleError
    from mentorlog.render.text import clean

    print(f"mentorlog: {clean(error.message, one_line=False)}", file=sys.stderr)
    if isinstance(error, HandleError) and error.candidates:
        print(messages.CANDIDATES if error.ambiguous else messages.CLOSE_MATCHES, file=sys.stderr)
        for candidate in error.candidates:
            print(f"  {clean(candidate)}", file=sys.stderr)
    if error.hint:
        print(clean(error.hint, one_line=False), file=sys.stderr)
    raise typer.Exit(error.exit_code)


def debug() -> bool:
    return os.environ.get("MENTORLOG_DEBUG") == "1"
