"""Milestones: the ones reached first (celebrated), then what is late, then what is next."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mentorlog.render.parts import fmt, heading, indented


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    grid.add_column(overflow="fold", max_width=40)
    return grid


def _what(row: dict[str, Any]) -> Text:
    text = Text(row["title"])
    text.append(f"\n{row['goal_title']}", style="dim")
    return text


def took(days: int) -> str:
    if days < 14:
        return f"took {days} day{'s' * (days != 1)}"
    if days < 70:
        return f"took {round(days / 7)} weeks"
    return f"took {round(days / 30.44)} months"


def render_milestones(console: Console, data: dict[str, Any]) -> None:
    console.print(Text(f"Milestones · {fmt(data['today'])}", style="bold"))
    heading(console, f"Reached ({len(data['achieved'])})")
    if data["achieved"]:
        grid = _grid()
        for row in data["achieved"]:
            when = Text(f"{took(row['took_days'])}", style="dim")
            if row["due"] is not None and not row["on_time"]:
                when.append(f", {(row['done'] - row['due']).days} days after its date")
            grid.add_row(Text(f"✓ {fmt(row['done'])}", style="green"), _what(row), when)
        indented(console, grid)
    else:
        console.print("  None yet: `mentorlog goal achieve GOAL MILESTONE` when you get there.")

    heading(console, f"Overdue ({len(data['overdue'])})")
    if data["overdue"]:
        grid = _grid()
        for row in data["overdue"]:
            grid.add_row(Text(f"! {fmt(row['due'])}", style="bold red"), _what(row),
                         Text(f"{row['days_late']} days late", style="red"))
        indented(console, grid)
    else:
        console.print("  None.")

    heading(console, f"Upcoming ({len(data['upcoming'])})")
    if data["upcoming"]:
        grid = _grid()
        for row in data["upcoming"]:
            left = row["days_left"]
            when = Text("no date" if left is None else "due today" if left == 0
                    else f"in {left} day{'s' * (left != 1)}", style="dim")
            grid.add_row(f"· {fmt(row['due']) if row['due'] else '-':<10}", _what(row),
                         when)
        indented(console, grid)
    else:
        console.print("  None planned: add one with `mentorlog goal milestone GOAL TITLE`.")
