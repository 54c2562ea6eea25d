"""The `mentorlog` program's first module: answers `--version` and `--help` without loading
the command line (typer and every command), runs a plain read through quick.py, and hands
anything else to mentorlog.cli.

`--help` prints the text `python3 dev.py docs` saved from the real help (top_help.py,
checked by tests/test_cli_docs.py), only where the real one would be the same: a terminal of at
least 80 columns or no terminal, and no shell completion under way.
"""

from __future__ import annotations

import os
import sys

# Click wraps help at min(terminal width, 80) - 2 columns: from 80 columns on, it never changes.
HELP_WIDTH = 80


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size finds it (COLUMNS first, 80 when there
    is no terminal), without shutil's import."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def main() -> None:
    arguments = sys.argv[1:]
    completing = any(name.startswith("_MENTORLOG_COMPLETE") for name in os.environ)
    if not completing and arguments == ["--version"]:
        from mentorlog import __version__

        print(f"mentorlog {__version__}")
        return
    if not completing and arguments in (["--help"], ["-h"]) and _columns() >= HELP_WIDTH:
        from mentorlog.top_help import TEXT

        try:
            sys.stdout.write(TEXT)
            sys.stdout.flush()
        except BrokenPipeError:  # `mentorlog --help | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if not completing:
        from mentorlog import quick

        if quick.run(arguments):
            return
    from mentorlog.cli import main as run

    run()
