"""The one place that decides how output looks: colour on a terminal, plain text otherwise."""

from __future__ import annotations

import os
import sys

from rich.console import Console


def plain_output() -> bool:
    return not sys.stdout.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


def make_console() -> Console:
    plain = plain_output()
    return Console(
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "100") or 100),
    )
