"""The options every reading command shares: which format, a file for it, private rows."""

from __future__ import annotations

import typer

from mentorlog.output import FORMATS


def _complete_format(incomplete: str) -> list[str]:
    return [f for f in FORMATS if f.startswith(incomplete)]


FORMAT = typer.Option(
    None,
    "--format",
    "-f",
    metavar="FORMAT",
    help="rich (on a terminal), plain, json, markdown, csv (for lists) or html (a page, "
    "for reports).",
    autocompletion=_complete_format,
)


OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FILE",
    help="Write to this file instead of standard output (replaced whole, or left as it was).",
)


INCLUDE_PRIVATE = typer.Option(
    False,
    "--include-private",
    help="Let Markdown, CSV and HTML, made to be sent, carry private rows too.",
)
