"""The one place that decides how output looks: colour on a terminal, plain text otherwise."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

PIPE_WIDTH = 80


def plain_output() -> bool:
    return not sys.stdout.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


@contextmanager
def screen() -> Iterator[Console]:
    """A console for one command's output.

    On a terminal Rich draws with colour (none under NO_COLOR). Piped, the output is rendered
    without any escape codes and with trailing padding removed, so it reads well in files,
    `less` and diffs.
    """
    common = {"highlight": False, "emoji": False, "markup": False, "soft_wrap": False}
    if sys.stdout.isatty():
        # NO_COLOR drops colour but keeps bold, underline and reverse (how matches show).
        dumb = os.environ.get("TERM") == "dumb"
        yield Console(color_system=None if dumb else "auto", no_color="NO_COLOR" in os.environ,
                      **common)  # type: ignore[arg-type]
        return
    buffer = io.StringIO()
    width = int(os.environ.get("COLUMNS") or PIPE_WIDTH)
    console = Console(file=buffer, color_system=None, force_terminal=False, width=width,
                      **common)  # type: ignore[arg-type]
    yield console
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    sys.stdout.write("\n".join(lines) + "\n")
