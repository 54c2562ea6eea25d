"""Small pieces every screen uses: dates, headings, indented blocks, health warnings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from mentorlog.report.shapes import Warning

# How screens mark a private entry: a word, so it shows without colour too.
PRIVATE_MARK = "(private)"


def marked(text: str | Text, row: Mapping[str, object], style: str = "") -> Text:
    """The text, followed by the private mark when the row is private."""
    result = text if isinstance(text, Text) else Text(text, style=style)
    if row.get("private"):
        result.append(f" {PRIVATE_MARK}", style="magenta")
    return result


def fmt(day: date | None) -> str:
    return day.isoformat() if day else "-"


def heading(console: Console, title: str) -> None:
    console.print(Text(f"\n{title}", style="bold underline"))


def indented(console: Console, renderable: RenderableType, level: int = 2) -> None:
    console.print(Padding(renderable, (0, 0, 0, level)))


def hanging(console: Console, mark: str, text: Text, level: int = 2) -> None:
    """`mark text` with the text's wrapped lines under its first word, not under the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(mark, text)
    indented(console, grid, level)


# Lists on screen stop here; the rest is counted (--json and Markdown always list everything).
SCREEN_ROWS = 15


# The dashboards (status, agenda) show this many of each list, the most pressing first.
DASHBOARD_ROWS = 5


def shown(rows: list[Any], limit: int = SCREEN_ROWS) -> list[Any]:
    return rows[:limit]


def more(console: Console, rows: list[Any], where: str, limit: int = SCREEN_ROWS) -> None:
    """Say how many rows a screen list left out, and where to see them all."""
    if len(rows) > limit:
        console.print(Text(f"  … and {len(rows) - limit} more ({where}).", style="dim"))


# A line as (text, style) pieces: cheap to build, and turned into Rich Text only for a terminal.
Line = list[tuple[str, str]]


def print_lines(console: Console, lines: list[Line]) -> None:
    """Long one-line-per-item lists (timeline, search), each cut to the width with an ellipsis.

    Piped, the lines are written as they are: Rich's layout costs about a second per 10,000
    lines and adds nothing to plain text.
    """
    width = console.width
    if console.is_terminal:
        styled = [Text.assemble(*line) for line in lines]
        for one in styled:
            one.truncate(width, overflow="ellipsis")
        console.print(Text("\n").join(styled), no_wrap=True, overflow="ellipsis")
        return
    plain: list[str] = []
    for line in lines:
        text = "".join(piece for piece, _ in line)
        if (len(text) if text.isascii() else cell_len(text)) > width:
            text = set_cell_size(text, width - 1) + "…"
        plain.append(text)
    console.file.write("\n".join(plain) + "\n")


def facts_grid() -> Table:
    """Label and value, two columns: the value wraps under itself."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def state_grid(padding: int = 2, state_width: int = 40) -> Table:
    """Marker, what (wraps), and a short state (a date, "3 days late") that rarely wraps."""
    grid = Table.grid(padding=(0, padding))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    grid.add_column(overflow="fold", max_width=state_width)
    return grid


def render_warnings(console: Console, warnings: list[Warning], limit: int = DASHBOARD_ROWS) -> None:
    if not warnings:
        return
    heading(console, "Needs attention")
    # A grid keeps wrapped lines indented under their warning.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for warning in warnings[:limit]:
        text = Text(warning["message"])
        text.append(f"\n{warning['suggestion']}", style="dim")
        grid.add_row(Text("!", style="bold yellow"), text)
    indented(console, grid)
    more(console, warnings, "all of them: `--format json`", limit)
