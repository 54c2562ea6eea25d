"""Exceptions the core raises; the CLI turns each into one sentence on stderr and an exit code."""

from __future__ import annotations

from pathlib import Path

# Exit codes, documented in the README.
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INVALID_JOURNAL = 3


class MentorlogError(Exception):
    """A problem the person can fix; printed without a traceback."""

    exit_code = EXIT_USER_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(MentorlogError):
    """A value given on the command line is not acceptable."""

    exit_code = EXIT_USAGE


class HandleError(MentorlogError):
    """A handle names no entry, or more than one."""

    def __init__(self, message: str, candidates: list[str], ambiguous: bool = False) -> None:
        super().__init__(message)
        self.candidates = candidates
        self.ambiguous = ambiguous


class EntryFileError(MentorlogError):
    """A file of the journal does not parse or does not follow the format."""

    def __init__(self, path: Path, problem: str, line: int | None = None, field: str | None = None):
        self.path = path
        self.problem = problem
        self.line = line
        self.field = field
        where = str(path) if line is None else f"{path}:{line}"
        what = problem if field is None else f"{field}: {problem}"
        super().__init__(f"{where}: {what}")


class UnnamableFile(Exception):
    """A file or folder of the journal whose name is not UTF-8 (the index cannot hold it):
    the command reads every file instead, and says which (see Journal._indexed)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path  # as os gives it, undecodable bytes as surrogates

    @property
    def shown(self) -> str:
        return self.path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def check_names(folder: str, names: str) -> None:
    """UnnamableFile when `names` (a folder's, joined) holds one that is not UTF-8."""
    if not names.isascii():
        for name in names.split("\0"):
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                raise UnnamableFile(f"{folder}/{name}" if folder else name) from None
