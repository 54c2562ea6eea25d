"""Small pieces every screen uses: dates, headings, indented blocks, health warnings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

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


def heading(console: Console, title: str) -> None:
    console.print(Text(f"\n{title}", style="bold underline"))


def pad(renderable: RenderableType, level: int = 2) -> Padding:
    """Indented by `level` columns, and no wider than it is (piped output is unbounded: a
    padding to its width would be a line of spaces as long)."""
    return Padding(renderable, (0, 0, 0, level), expand=False)


def indented(console: Console, renderable: RenderableType, level: int = 2) -> None:
    console.print(pad(renderable, level))


def hanging(console: Console, mark: str, text: Text, level: int = 2) -> None:
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


def more(console: Console, rows: list[Any], where: str, limit: int = SCREEN_ROWS) -> None:
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


def print_lines(console: Console, lines: Iterable[Line]) -> None:
    """Long one-line-per-item lists (timeline, search, recent activity). On a screen each line
    is fitted to its width (see `fit`); piped, it is written whole, as it comes (none kept:
    Rich's layout costs about a second per 10,000 lines and adds nothing to plain text)."""
    if console.is_terminal:
        width = console.width
        styled = [Text.assemble(*((p.text, p.style) for p in fit(line, width))) for line in lines]
        console.print(Text("\n").join(styled), no_wrap=True, overflow="ellipsis")
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


def render_warnings(console: Console, warnings: list[Warning], limit: int = DASHBOARD_ROWS) -> None:
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


# --- long tables, piped -----------------------------------------------------------------------


def width_of(text: str) -> int:
    """The cells `text` takes on a screen: its length when it is printable ASCII (nearly every
    cell, and checked in C), else Rich's count."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Text in lines of at most `width` cells: at spaces, and through a word longer than a line
    (as Rich's "fold" does)."""
    width = max(1, width)
    if len(text) <= width and text.isascii() and text.isprintable():
        return [text]  # most cells: nothing to wrap
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        used = 0  # the cells `line` takes, counted once per word
        for word in paragraph.split(" "):
            cells = width_of(word)
            if (used + 1 + cells if line else cells) <= width:
                line, used = (f"{line} {word}", used + 1 + cells) if line else (word, cells)
                continue
            if line:
                lines.append(line)
            while cells > width:
                head = set_cell_size(word, width)
                lines.append(head)
                word = word[len(head) :]
                cells = width_of(word)
            line, used = word, cells
        lines.append(line)
    return lines


def _widest(text: str) -> int:
    """The cells of a cell's widest line."""
    if "\n" not in text:
        return width_of(text)
    return max(width_of(line) for line in text.splitlines() or [""])


def _plain(cell: RenderableType) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def print_table(console: Console, table: Table, level: int = 0) -> None:
    """A table of text, indented by `level`. On a terminal Rich lays it out; piped, it is laid
    out here, plainly: Rich measures and wraps every cell, which for a list of thousands of
    rows (`session list` at 10,000 entries) took seconds, and colour is gone when piped anyway.
    The columns Rich would fold share the width left by the others; the rest keep their width."""
    if console.is_terminal or not all(
        type(c) is str or isinstance(c, str | Text)
        for column in table.columns
        for c in column._cells
    ):
        indented(console, table, level) if level else console.print(table)
        return
    cells = [[_plain(c) for c in column._cells] for column in table.columns]
    boxed = table.box is not None
    # Between two columns: the padding each side, or the wider one where Rich collapses it
    # (a grid); a box adds its rule.
    left, right = table.padding[3], table.padding[1]
    gap = 3 if boxed else (max(left, right) if table.collapse_padding else left + right)
    edge = " " if boxed and table.show_edge else ""
    headers = [_plain(c.header) if table.show_header else "" for c in table.columns]
    natural = [
        max([_widest(h), *(_widest(x) for x in column)])
        for h, column in zip(headers, cells, strict=True)
    ]
    folding = [c.overflow == "fold" and not c.no_wrap for c in table.columns]
    width = console.width - level - len(edge) - gap * (len(natural) - 1)
    fixed = sum(n for n, fold in zip(natural, folding, strict=True) if not fold)
    if fixed + 10 * sum(folding) > width:  # too narrow even so: every column wraps
        folding = [True] * len(folding)
        fixed = 0
    # Folding columns, narrowest need first: each takes what it needs, up to an even share of
    # what is left, so a short column leaves the rest to a long one.
    spare = max(10, width - fixed)
    widths = list(natural)
    flexible = sorted((i for i, fold in enumerate(folding) if fold), key=lambda i: natural[i])
    for place, i in enumerate(flexible):
        share = max(1, spare // (len(flexible) - place))
        widths[i] = min(natural[i], share)
        spare -= widths[i]
    # Written line by line: piped, the console's file writes in blocks (console.TrimmedWriter),
    # so a list of thousands of rows is never held as text whole.
    write = console.file.write
    pad = " " * level + edge

    justify = [column.justify == "right" for column in table.columns]
    between = " " * gap

    def add(row: list[str]) -> None:
        if all(
            w >= len(text) and text.isascii() and text.isprintable()
            for text, w in zip(row, widths, strict=True)
        ):
            # One line of plain text in every cell (most rows): padded, nothing to wrap.
            parts = [
                text.rjust(w) if right else text.ljust(w)
                for text, w, right in zip(row, widths, justify, strict=True)
            ]
            write((pad + between.join(parts)).rstrip() + "\n")
            return
        wrapped = [
            wrap_cells(text, w) if fold else (text.splitlines() or [""])
            for text, w, fold in zip(row, widths, folding, strict=True)
        ]
        for i in range(max(len(w) for w in wrapped)):
            parts = []
            for lines_of_cell, w, column in zip(wrapped, widths, table.columns, strict=True):
                text = lines_of_cell[i] if i < len(lines_of_cell) else ""
                room = " " * max(0, w - width_of(text))
                parts.append(room + text if column.justify == "right" else text + room)
            write((pad + (" " * gap).join(parts)).rstrip() + "\n")

    if table.show_header:
        add(headers)
        write(pad + "─" * (sum(widths) + gap * (len(widths) - 1)) + "\n")
    for row in zip(*cells, strict=True):
        add(list(row))
