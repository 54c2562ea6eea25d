"""What the renderers draw with: text with styles, tables, indents and groups, as plain objects.

A terminal gets them as Rich's own (`to_rich`), which lays them out to its width in colour.
Piped, nothing is wrapped and colour is gone, so `lines` lays them out itself, as Rich would at
an unbounded width: a piped command never loads Rich (a third of a `status`), and a list of
thousands of rows is not measured cell by cell. What `lines` does not lay out the way Rich does
(a control character, a line separator, a layout option no screen uses) it leaves to Rich:
`lines` is None. A tab is expanded first, in both, as Rich expands it.
tests/test_blocks.py compares the two on every kind of block.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import RenderableType

# The only box the screens draw: a rule under the header, the columns a space apart.
SIMPLE_HEAD = "simple_head"


class Writer(Protocol):
    def write(self, text: str, /) -> int: ...


class Canvas(Protocol):
    """Where a renderer draws: a Rich console on a terminal, plain lines piped
    (render/console.py)."""

    @property
    def width(self) -> int: ...

    @property
    def is_terminal(self) -> bool: ...

    @property
    def file(self) -> Writer: ...

    def print(self, *objects: Any, **options: Any) -> None: ...


class Text:
    """A string with styled stretches (Rich's Text, for the little the screens use of it)."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text
        self.style = style
        self.spans: list[tuple[int, int, str]] = []

    def __len__(self) -> int:
        return len(self.plain)

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Text({self.plain!r}, {self.style!r})"

    def append(self, text: str | Text, style: str | None = None) -> Text:
        if isinstance(text, Text):
            return self.append_text(text)
        if text:
            if style:
                self.spans.append((len(self.plain), len(self.plain) + len(text), style))
            self.plain += text
        return self

    def append_text(self, text: Text) -> Text:
        offset = len(self.plain)
        if text.style:
            self.spans.append((offset, offset + len(text.plain), text.style))
        self.spans.extend((start + offset, end + offset, style) for start, end, style in text.spans)
        self.plain += text.plain
        return self

    @classmethod
    def assemble(cls, *parts: str | Text | tuple[str, str]) -> Text:
        text = cls()
        for part in parts:
            if isinstance(part, tuple):
                text.append(*part)
            else:
                text.append(part)
        return text


class Column:
    __slots__ = (
        "cells",
        "header",
        "justify",
        "max_width",
        "min_width",
        "no_wrap",
        "overflow",
        "ratio",
        "style",
    )  # fmt: skip

    def __init__(
        self,
        header: str = "",
        *,
        justify: str = "left",
        max_width: int | None = None,
        min_width: int | None = None,
        no_wrap: bool = False,
        overflow: str = "ellipsis",
        ratio: int | None = None,
        style: str = "",
    ) -> None:
        self.header = header
        self.justify = justify
        self.max_width = max_width
        self.min_width = min_width
        self.no_wrap = no_wrap
        self.overflow = overflow
        self.ratio = ratio
        self.style = style
        self.cells: list[Cell] = []


class Table:
    """Columns of cells. `box`: None, or SIMPLE_HEAD (a rule under the header)."""

    def __init__(
        self,
        *,
        box: str | None = None,
        pad_edge: bool = True,
        show_edge: bool = True,
        show_header: bool = True,
        padding: int | tuple[int, int] | tuple[int, int, int, int] = (0, 1),
        collapse_padding: bool = False,
    ) -> None:
        self.box = box
        self.pad_edge = pad_edge
        self.show_edge = show_edge
        self.show_header = show_header
        self.padding = _unpack(padding)
        self.collapse_padding = collapse_padding
        self.columns: list[Column] = []
        self.rows = 0

    @classmethod
    def grid(cls, padding: int | tuple[int, int] = 0) -> Table:
        """Columns without a header, a box or padding at the edges (Rich's Table.grid)."""
        return cls(
            box=None,
            pad_edge=False,
            show_edge=False,
            show_header=False,
            padding=padding,
            collapse_padding=True,
        )

    def __repr__(self) -> str:
        shown = {k: v for k, v in vars(self).items() if k != "columns"}
        columns = [(c.header, c.justify, c.min_width, c.cells) for c in self.columns]
        return f"Table({shown}, {columns})"

    def add_column(self, header: str = "", **options: Any) -> None:
        self.columns.append(Column(header, **options))

    def add_row(self, *cells: Cell) -> None:
        for column, cell in zip(self.columns, cells, strict=True):
            column.cells.append(cell)
        self.rows += 1


class Padding:
    """A block with space around it (only the left is used: an indent)."""

    def __init__(
        self, block: Block, pad: int | tuple[int, int] | tuple[int, int, int, int]
    ) -> None:
        self.block = block
        self.pad = _unpack(pad)

    def __repr__(self) -> str:
        return f"Padding({self.block!r}, {self.pad})"


class Group:
    """Blocks one under the other."""

    def __init__(self, *blocks: Block) -> None:
        self.blocks = blocks

    def __repr__(self) -> str:
        return f"Group{self.blocks!r}"


Cell = str | Text | Table | Padding | Group
Block = Cell


def _unpack(pad: int | tuple[int, ...]) -> tuple[int, int, int, int]:
    """(top, right, bottom, left), as Rich reads 1, 2 or 4 values."""
    if isinstance(pad, int):
        return (pad, pad, pad, pad)
    if len(pad) == 2:
        return (pad[0], pad[1], pad[0], pad[1])
    top, right, bottom, left = pad
    return (top, right, bottom, left)


# --- to Rich, for a terminal ------------------------------------------------------------------


def to_rich(block: Any) -> RenderableType:
    """The block as Rich draws it (anything else is passed as it is)."""
    if isinstance(block, str) and "\t" in block:
        block = Text(block)
    if isinstance(block, Text):
        from rich.text import Span
        from rich.text import Text as RichText

        drawn = RichText(
            block.plain,
            style=block.style,
            spans=[Span(start, end, style) for start, end, style in block.spans],
        )
        # Rich measures a tab as no width and expands it as it draws: a text holding one was
        # wrapped at it. Expanded first, it is measured as it is drawn.
        drawn.expand_tabs()
        return drawn
    if isinstance(block, Table):
        from rich import box as boxes
        from rich.table import Table as RichTable

        table = RichTable(
            box=boxes.SIMPLE_HEAD if block.box == SIMPLE_HEAD else None,
            pad_edge=block.pad_edge,
            show_edge=block.show_edge,
            show_header=block.show_header,
            padding=block.padding,
            collapse_padding=block.collapse_padding,
        )
        for column in block.columns:
            table.add_column(
                to_rich(column.header),
                justify=column.justify,  # type: ignore[arg-type]
                max_width=column.max_width,
                min_width=column.min_width,
                no_wrap=column.no_wrap,
                overflow=column.overflow,  # type: ignore[arg-type]
                ratio=column.ratio,
                style=column.style,
            )
        for row in zip(*(column.cells for column in block.columns), strict=True):
            table.add_row(*(to_rich(cell) for cell in row))
        return table
    if isinstance(block, Padding):
        from rich.padding import Padding as RichPadding

        return RichPadding(to_rich(block.block), block.pad, expand=False)
    if isinstance(block, Group):
        from rich.console import Group as RichGroup

        return RichGroup(*(to_rich(part) for part in block.blocks))
    return block  # type: ignore[no-any-return]


# --- plain lines, for a pipe --------------------------------------------------------------------


def cells(text: str) -> int:
    """The columns `text` takes on a screen: its length when it is printable ASCII (nearly
    every line, and checked in C), else Rich's count."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def expand_tabs(line: str) -> str:
    """A line's tabs as the spaces to the next stop of 8 (at least one), as Rich expands them."""
    parts = line.split("\t")
    position = 0
    for place, part in enumerate(parts[:-1]):
        position += cells(part) + 1
        spaces = 1 + -position % 8
        position += spaces - 1
        parts[place] = part + " " * spaces
    return "".join(parts)


def _plain_text(text: str) -> list[str] | None:
    """A text's lines, tabs expanded; None when one holds what Rich lays out its own way (a
    control character, a space that is not one: Python calls them not printable)."""
    lines = [expand_tabs(line) if "\t" in line else line for line in text.split("\n")]
    for line in lines:
        if not line.isprintable():
            return None
    return lines


def lines(block: Any) -> list[str] | None:
    """The block as Rich prints it at an unbounded width without colour, each line padded as
    Rich pads it (the writer trims); None when Rich must lay it out (see the module)."""
    if isinstance(block, Table):
        rows = table_lines(block)
        return None if rows is None else list(rows)
    if isinstance(block, str):
        return _plain_text(block)
    if isinstance(block, Text):
        return _plain_text(block.plain)
    if isinstance(block, Padding):
        top, right, bottom, left = block.pad
        inner = lines(block.block)
        if inner is None or top or bottom:
            return None
        # Rich draws what it holds as wide as it is: nothing at all when that is no width.
        width = max(map(cells, inner), default=0)
        if not width:
            return []
        if not right:  # an indent (every use): the writer trims the rest
            return [" " * left + line for line in inner]
        return [" " * left + line + " " * (width - cells(line) + right) for line in inner]
    if isinstance(block, Group):
        found: list[str] = []
        for part in block.blocks:
            drawn = lines(part)
            if drawn is None:
                return None
            found += drawn
        return found
    return None


def stream(block: Any) -> Iterator[str] | list[str] | None:
    """lines(block), a table's (indented or not) made as they are written."""
    if isinstance(block, Table):
        return table_lines(block)
    if isinstance(block, Padding) and block.pad[:3] == (0, 0, 0) and isinstance(block.block, Table):
        rows = table_lines(block.block)
        indent = " " * block.pad[3]
        return None if rows is None else (indent + line for line in rows)
    return lines(block)


def _cell_lines(cell: Any) -> str | list[str] | None:
    """A cell's one line (most cells), or its lines; None when Rich must lay it out."""
    text = cell if type(cell) is str else cell.plain if type(cell) is Text else None
    if text is not None and "\n" not in text and text.isprintable():
        return text
    return lines(cell)  # tabs expanded there


def table_lines(table: Table) -> Iterator[str] | None:
    """The table's lines, made one at a time once every cell is measured (a list of 10,000
    rows is not held twice as text); None when Rich must lay it out."""
    top, right, bottom, left = table.padding
    columns = table.columns
    if top or bottom or not columns or (table.rows == 0 and not table.show_header):
        return None
    if table.box not in (None, SIMPLE_HEAD):
        return None
    if any(column.justify not in ("left", "right") for column in columns):
        return None
    count = len(columns)
    # Each column's cells padded as Rich pads them: nothing at an edge without pad_edge, and a
    # grid's columns (collapse_padding) `right` apart.
    pads = []
    for index in range(count):
        first, last = index == 0, index == count - 1
        cell_left = max(0, left - right) if table.collapse_padding and not first else left
        if first and not table.pad_edge:
            cell_left = 0
        cell_right = 0 if last and not table.pad_edge else right
        pads.append((cell_left, cell_right))
    drawn: list[list[str | list[str]]] = []  # a column's cells, each a line or its lines
    rooms = []  # the width of a column's text, its padding aside
    for index, column in enumerate(columns):
        content = [column.header, *column.cells] if table.show_header else column.cells
        column_lines = []
        widest = 0
        flush = column.justify == "right"
        for cell in content:
            if flush and not isinstance(cell, str | Text):
                return None  # Rich keeps a block to the left in a right-justified column
            found = _cell_lines(cell)
            if found is None:
                return None
            found = found or ""  # a cell that draws nothing still takes its row's line
            column_lines.append(found)
            if type(found) is str:
                width = len(found) if found.isascii() else cells(found)
            else:
                width = max(map(cells, found), default=0)
            widest = max(widest, width)
        cell_left, cell_right = pads[index]
        if not widest + cell_left + cell_right:
            return None  # Rich measures such a column 0 wide and draws it 1 wide
        if column.min_width is not None:
            least = column.min_width + _padding_width(table, index) - cell_left - cell_right
            widest = max(widest, least)
        rooms.append(widest)
        drawn.append(column_lines)
    return _table_rows(table, drawn, rooms, pads)


def _table_rows(
    table: Table, drawn: list[list[str | list[str]]], rooms: list[int], pads: list[tuple[int, int]]
) -> Iterator[str]:
    boxed = table.box == SIMPLE_HEAD
    edge = " " if boxed and table.show_edge else ""
    # What stands between two cells' text: the padding each side, and a box's space.
    joins = [
        " " * (pads[i][1] + pads[i + 1][0] + (1 if boxed else 0)) for i in range(len(rooms) - 1)
    ]
    start = edge + " " * pads[0][0]
    end = " " * pads[-1][1] + edge
    right = [column.justify == "right" for column in table.columns]
    # A box's outer edge, top and bottom, is a line of spaces in SIMPLE_HEAD.
    blank = " " * (len(start) + sum(rooms) + sum(map(len, joins)) + len(end)) if edge else None
    if blank is not None:
        yield blank
    for row, row_cells in enumerate(zip(*drawn, strict=True)):
        if all(type(cell) is str and cell.isascii() for cell in row_cells):
            parts = [
                cell.rstrip().rjust(room) if flush else cell.ljust(room)
                for cell, room, flush in zip(row_cells, rooms, right, strict=True)
            ]
            yield _joined(start, parts, joins, end)
        else:
            as_lines = [[cell] if type(cell) is str else cell for cell in row_cells]
            for place in range(max(map(len, as_lines))):
                parts = []
                for cell_lines, room, flush in zip(as_lines, rooms, right, strict=True):
                    text = cell_lines[place] if place < len(cell_lines) else ""
                    if flush:  # as Rich's right justification: trailing spaces let go first
                        text = text.rstrip()
                    space = " " * (room - cells(text))
                    parts.append(space + text if flush else text + space)
                yield _joined(start, parts, joins, end)
        if row == 0 and table.show_header and boxed:
            widths = [room + lead + trail for room, (lead, trail) in zip(rooms, pads, strict=True)]
            yield edge + "─".join("─" * width for width in widths) + edge
    if blank is not None:
        yield blank


def _joined(start: str, parts: list[str], joins: list[str], end: str) -> str:
    if len(set(joins)) <= 1:
        return start + (joins[0] if joins else "").join(parts) + end
    line = start + parts[0]
    for join, part in zip(joins, parts[1:], strict=True):
        line += join + part
    return line + end


def _padding_width(table: Table, index: int) -> int:
    """What Rich adds to a column's min_width (Table._get_padding_width, as it is)."""
    _, right, _, left = table.padding
    if table.collapse_padding:
        left = 0
        right = abs(left - right)
    if not table.pad_edge:
        if index == 0:
            left = 0
        if index == len(table.columns) - 1:
            right = 0
    return left + right
