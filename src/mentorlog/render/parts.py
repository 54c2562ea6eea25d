"""Small pieces every screen uses: dates, headings, indented blocks, health warnings."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console, RenderableType
from rich.padding import Padding
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
    for warning in warnings:
        line = Text("  ! ", style="bold yellow")
        line.append(warning["message"])
        console.print(line)
        console.print(Text(f"    {warning['suggestion']}", style="dim"))
