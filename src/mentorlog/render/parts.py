"""Small pieces every screen uses: dates, headings, indented blocks, health warnings."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


def fmt(day: date | None) -> str:
    return day.isoformat() if day else "-"


def heading(console: Console, title: str) -> None:
    console.print(Text(f"\n{title}", style="bold underline"))


def indented(console: Console, renderable: RenderableType, level: int = 2) -> None:
    console.print(Padding(renderable, (0, 0, 0, level)))


def render_warnings(console: Console, warnings: list[dict[str, Any]]) -> None:
    if not warnings:
        return
    heading(console, "Needs attention")
    # A grid keeps wrapped lines indented under their warning.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for warning in warnings:
        text = Text(warning["message"])
        text.append(f"\n{warning['suggestion']}", style="dim")
        grid.add_row(Text("!", style="bold yellow"), text)
    indented(console, grid)
