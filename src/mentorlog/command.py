"""What every command does around its own work, without typer: the journal it works on,
option values read, problems and errors said once, and the exit code.

The command line (cli/) and the quick path for plain reads (quick.py) both run commands
through here, so an error reads and exits the same from either.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, NoReturn, TypeVar

from mentorlog import clock, messages
from mentorlog.dates import parse_date
from mentorlog.errors import InputError, MentorlogError

if TYPE_CHECKING:
    from mentorlog.errors import EntryFileError
    from mentorlog.journal import Journal

EXIT_INTERNAL = 70


@dataclass
class State:
    """What one run of a command holds: the --journal it was given, the journal it opened."""

    journal_option: str | None = None
    journal: Journal | None = None

    def open_journal(self) -> Journal:
        """The journal the command works on (kept here, to be closed when it ends), refused
        while git left it half-merged or while its private/ folder is a symbolic link."""
        from mentorlog.journal import Journal, find_journal

        journal = Journal(find_journal(self.journal_option))
        journal.guard()
        self.journal = journal
        return journal


# Options about what should happen: a bare weekday or day of the year is the next one.
FORWARD_OPTIONS = ("--due", "--next")


T = TypeVar("T")


def for_option(option: str, parse: Callable[[], T]) -> T:
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
    return for_option(option, lambda: parse_date(value, clock.today(), forward=forward))


def parse_moment_option(value: str | None, option: str) -> tuple[date | None, datetime | None]:
    """A DATE option that also takes a time of day (--next, --due): its day, and its moment
    (with the local offset) when a time was given."""
    if value is None:
        return None, None
    from mentorlog.dates import parse_moment

    forward = option in FORWARD_OPTIONS
    return for_option(option, lambda: parse_moment(value, clock.today(), forward=forward))


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
    sys.exit(error.exit_code)


def debug() -> bool:
    return os.environ.get("MENTORLOG_DEBUG") == "1"


def closed_pipe() -> NoReturn:
    """The reader went away (`mentorlog timeline | head`): not an error, so stop quietly. The
    rest of the output goes nowhere, so flushing it at exit raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


@contextmanager
def guarded(state: State) -> Iterator[None]:
    """Runs one command: its notices said once when it ends well, the core's errors as one
    sentence and their exit code, and the journal closed however it ends."""
    from mentorlog.render.text import clean

    try:
        yield
        if state.journal is not None:
            for notice in dict.fromkeys(state.journal.notices):
                print(clean(notice, one_line=False), file=sys.stderr)
    except MentorlogError as error:
        if debug():
            raise
        fail(error)
    except BrokenPipeError:
        closed_pipe()
    except UnicodeDecodeError:  # a prompt's answer read from a pipe that is not UTF-8
        print("mentorlog: standard input is not UTF-8 text; nothing was written.", file=sys.stderr)
        sys.exit(2)
    except OSError as error:
        if debug():
            raise
        where = f" ({error.filename})" if error.filename else ""
        print(
            f"mentorlog: {error.strerror or error}{where}; nothing more was written.",
            file=sys.stderr,
        )
        sys.exit(1)
    except KeyboardInterrupt:
        print(messages.INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    finally:
        if state.journal is not None:
            state.journal.close()


def internal_error(error: Exception) -> NoReturn:
    """A bug: said in one line (the traceback with MENTORLOG_DEBUG=1), exit 70."""
    from mentorlog.render.text import clean

    print(
        f"mentorlog: internal error: {type(error).__name__}: {clean(str(error))} "
        "(run with MENTORLOG_DEBUG=1 for the traceback).",
        file=sys.stderr,
    )
    sys.exit(EXIT_INTERNAL)
