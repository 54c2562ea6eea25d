"""The `mentorlog` program's first module: answers `--version` and `--help` without loading
the command line (typer and every command), and hands anything else to mentorlog.cli.

`--help` prints the text `python3 dev.py docs` saved from the real help (top_help.py,
checked by tests/test_cli_docs.py), only where the real one would be the same: a terminal of at
least 80 columns or no terminal, and no shell completion under way.
"""

from __future__ import annotations

import os
import shutil
import sys

# Click wraps help at min(terminal width, 80) - 2 columns: from 80 columns on, it never changes.
HELP_WIDTH = 80


def main() -> None:
    arguments = sys.argv[1:]
    completing = any(name.startswith("_MENTORLOG_COMPLETE") for name in os.environ)
    if not completing and arguments == ["--version"]:
        from mentorlog import __version__

        print(f"mentorlog {__version__}")
        return
    if (
        not completing
        and arguments in (["--help"], ["-h"])
        and shutil.get_terminal_size().columns >= HELP_WIDTH
    ):
        from mentorlog.top_help import TEXT

        try:
            sys.stdout.write(TEXT)
            sys.stdout.flush()
        except BrokenPipeError:  # `mentorlog --help | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from mentorlog.cli import main as run

    run()
