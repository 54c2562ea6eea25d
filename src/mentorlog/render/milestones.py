"""Milestones: the ones reached first (celebrated), then what is late, then what is next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mentorlog.render.blocks import Block, Canvas, Text
from mentorlog.render.parts import fmt, heading, indented, marked, state_grid
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import MilestoneRow, Milestones


def milestone_what(row: MilestoneRow) -> Text:
    text = marked(row["title"], row)
    text.append(f"\n{row['goal_title']}", style="dim")
    return text


def took(days: int) -> str:
    if days < 14:
        return f"took {plural(days, 'day')}"
    if days < 70:
        return f"took {round(days / 7)} weeks"
    return f"took {round(days / 30.44)} months"


def _section(
    console: Canvas,
    title: str,
    rows: list[MilestoneRow],
    empty: str,
    cells: Callable[[MilestoneRow], tuple[Block, Block]],
) -> None:
    """A heading with the count, then one row per milestone: marker, what, state."""
    heading(console, f"{title} ({len(rows)})")
    if not rows:
        console.print(f"  {empty}")
        return
    grid = state_grid()
    for row in rows:
        marker, state = cells(row)
        grid.add_row(marker, milestone_what(row), state)
    indented(console, grid)


def _reached(row: MilestoneRow) -> tuple[Text, Text]:
    when = Text(took(row["took_days"]), style="dim")
    if row["due"] is not None and row["done"] is not None and not row["on_time"]:
        when.append(f", {(row['done'] - row['due']).days} days after its date")
    return Text(f"✓ {fmt(row['done'])}", style="green"), when


def _overdue(row: MilestoneRow) -> tuple[Text, Text]:
    return (
        Text(f"! {fmt(row['due'])}", style="bold red"),
        Text(f"{row['days_late']} days late", style="red"),
    )


def _upcoming(row: MilestoneRow) -> tuple[Text, Text]:
    left = row["days_left"]
    when = "no date" if left is None else "due today" if left == 0 else f"in {plural(left, 'day')}"
    return Text(f"· {fmt(row['due']) if row['due'] else '-':<10}"), Text(when, style="dim")


def render_milestones(console: Canvas, data: Milestones) -> None:
    console.print(Text(f"Milestones · {fmt(data['today'])}", style="bold"))
    _section(
        console,
        "Reached",
        data["achieved"],
        "None yet: `mentorlog goal achieve GOAL MILESTONE` when you get there.",
        _reached,
    )
    _section(console, "Overdue", data["overdue"], "None.", _overdue)
    _section(
        console,
        "Upcoming",
        data["upcoming"],
        "None planned: add one with `mentorlog goal milestone GOAL TITLE`.",
        _upcoming,
    )
