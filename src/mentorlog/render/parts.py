"""Small pieces every screen uses: dates, headings, indented blocks, health warnings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog.render.blocks import Block, Canvas, Padding, Table, Text

if TYPE_CHECKING:
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


def heading(console: Canvas, title: str) -> None:
    console.print(Text(f"\n{title}", style="bold underline"))


def pad(renderable: Block, level: int = 2) -> Padding:
    """Indented by `level` columns, and no wider than it is (piped output is unbounded: a
    padding to its width would be a line of spaces as long)."""
    return Padding(renderable, (0, 0, 0, level))


def indented(console: Canvas, renderable: Block, level: int = 2) -> None:
    console.print(pad(renderable, level))


def hanging(console: Canvas, mark: str, text: Text, level: int = 2) -> None:
    """`mark text` with the text's wrapped lines under its first word, not under the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="ellipsis")
    grid.add_row(mark, text)
    indented(console, grid, level)


# Lists on screen stop here; the rest is counted (--json and Markdown always list everything).
SCREEN_ROWS = 15


# The dashboards (status, agenda) show this many of each list, the most pressing first.
DASHBOARD_ROWS = 5


def shown(rows: list[Any], limit: int = SCREEN_ROWS) -> list[Any]:
    return rows[:limit]


def more(console: Canvas, rows: list[Any], where: str, limit: int = SCREEN_ROWS) -> None:
    """Say how many rows a screen list left out, and where to see them all."""
    if len(rows) > limit:
        console.print(Text(f"  … and {len(rows) - limit} more ({where}).", style="dim"))


class Piece(NamedTuple):
    """A piece of a line: its text, its style, and whether it is what a screen too narrow for
    the line cuts first (a title; never a mark such as "(private)" or "overdue")."""

    text: str
    style: str = ""
    flexible: bool = False
    # Left out, last first, before the flexible piece would shrink below MIN_FLEXIBLE cells
    # (who wrote it, a handle: the title and its marks matter more on a narrow screen).
    optional: bool = False


# A line as pieces: cheap to build, and turned into Rich Text only for a terminal.
Line = list[Piece]
MIN_FLEXIBLE = 16


def fit(line: Line, width: int) -> Line:
    """The line in `width` cells: its optional pieces left out while its flexible piece would
    otherwise be cut below MIN_FLEXIBLE cells, then the flexible piece shortened (with an
    ellipsis), then, only if that is not enough, its end."""
    from rich.cells import cell_len, set_cell_size  # a terminal's: Rich is loaded

    over = sum(cell_len(piece.text) for piece in line) - width
    if over <= 0:
        return line
    flexible = next((cell_len(p.text) for p in line if p.flexible), None)
    if flexible is not None and flexible - over < MIN_FLEXIBLE:
        for place in range(len(line) - 1, -1, -1):
            if line[place].optional:
                return fit([*line[:place], *line[place + 1 :]], width)
    for place, piece in enumerate(line):
        room = cell_len(piece.text) - over - 1
        if piece.flexible and room >= 1:
            shorter = Piece(set_cell_size(piece.text, room) + "…", piece.style, True)
            return [*line[:place], shorter, *line[place + 1 :]]
    text = set_cell_size("".join(piece.text for piece in line), max(1, width - 1)) + "…"
    return [Piece(text)]


def print_lines(console: Canvas, lines: Iterable[Line]) -> None:
    """Long one-line-per-item lists (timeline, search, recent activity). On a screen each line
    is fitted to its width (see `fit`); piped, it is written whole, as it comes (none kept:
    Rich's layout costs about a second per 10,000 lines and adds nothing to plain text)."""
    if console.is_terminal:
        width = console.width
        text = Text()
        for place, line in enumerate(lines):
            if place:
                text.append("\n")
            for piece in fit(line, width):
                text.append(piece.text, piece.style)
        console.print(text, no_wrap=True, overflow="ellipsis")
        return
    write = console.file.write
    for line in lines:
        write("".join(piece.text for piece in line) + "\n")


# The most ratings a screen lists after their average (the JSON has them all).
RATINGS_SHOWN = 12


def rated(ratings: Mapping[str, Any]) -> str:
    """Sessions' ratings on a screen: the average, the latest few, the trend."""
    values = [str(r["rating"]) for r in ratings["ratings"]]
    listed = " ".join(values[-RATINGS_SHOWN:])
    if len(values) > RATINGS_SHOWN:
        listed = f"latest {RATINGS_SHOWN} of {len(values)}: {listed}"
    trend = f", {ratings['trend']}" if ratings["trend"] else ""
    return f"{ratings['average']} of 5 on average ({listed}){trend}"


def facts_grid() -> Table:
    """Label and value, two columns: the value wraps under itself."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="ellipsis")
    return grid


def state_grid(padding: int = 2, state_width: int = 40) -> Table:
    """Marker, what (wraps), and a short state (a date, "3 days late") that rarely wraps."""
    grid = Table.grid(padding=(0, padding))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="ellipsis", ratio=1)
    grid.add_column(overflow="ellipsis", max_width=state_width)
    return grid


def render_warnings(console: Canvas, warnings: list[Warning], limit: int = DASHBOARD_ROWS) -> None:
    if not warnings:
        return
    heading(console, "Needs attention")
    # A grid keeps wrapped lines indented under their warning.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="ellipsis")
    for warning in warnings[:limit]:
        text = Text(warning["message"])
        text.append(f"\n{warning['suggestion']}", style="dim")
        grid.add_row(Text("!", style="bold yellow"), text)
    indented(console, grid)
    more(console, warnings, "all of them: `--format json`", limit)
