"""A calendar heatmap of the last year, week by week, and how goals ended up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.charts import bar
from mentorlog.render.goals import STATUS_STYLE
from mentorlog.render.parts import heading

if TYPE_CHECKING:
    from mentorlog.report.shapes import Stats

# One shade per count: nothing, 1, 2, 3, 4 or more. Shapes, not only colours, carry the level,
# so the chart reads the same without colour.
SHADES = ("·", "░", "▒", "▓", "█")
SHADE_STYLES = ("dim", "green", "green", "bright_green", "bold bright_green")
ROWS: tuple[tuple[str, Literal["sessions", "reflections", "feedback"]], ...] = (
    ("Sessions", "sessions"),
    ("Reflections", "reflections"),
    ("Feedback", "feedback"),
)
LABEL = 13
MONTHS = "JFMAMJJASOND"


def cell_width(console_width: int, weeks: int) -> int:
    """Two characters a week when the terminal has room, else one (fits 80 columns)."""
    return 2 if LABEL + 2 * weeks <= console_width else 1


def month_ruler(starts: list[date], width: int) -> Text:
    """Month initials above the first week that starts in each month."""
    ruler = [" "] * (len(starts) * width)
    previous = None
    for index, start in enumerate(starts):
        if start.month != previous:
            name = start.strftime("%b") if width == 2 else MONTHS[start.month - 1]
            position = index * width
            if all(c == " " for c in ruler[max(0, position - 1) : position + len(name)]):
                ruler[position : position + len(name)] = name
            previous = start.month
    return Text(" " * LABEL + "".join(ruler[: len(starts) * width]).rstrip(), style="dim")


def shade(count: int, width: int) -> Text:
    level = min(count, len(SHADES) - 1)
    return Text(
        SHADES[level] * width if level else SHADES[0].ljust(width), style=SHADE_STYLES[level]
    )


def render_stats(console: Canvas, data: Stats) -> None:
    # Room after the weeks for each row's total; a narrow screen shows the newest weeks that
    # fit, and says from when.
    total = 1 + max(len(str(data["totals"][key])) for _, key in ROWS)
    room = max(4, console.width - LABEL - total)
    weeks = data["weeks"][-room:]
    width = cell_width(console.width - total, len(weeks))
    since = weeks[0]["start"] if weeks else data["since"]
    console.print(
        Text(
            f"Activity, week by week, {since.isoformat()} to {data['today'].isoformat()}",
            style="bold",
        ),
        overflow="ellipsis",
    )
    console.print(month_ruler([w["start"] for w in weeks], width))
    for label, key in ROWS:
        line = Text(f"{label:<{LABEL - 1}} ")
        for week in weeks:
            line.append_text(shade(week[key], width))
        line.append(f" {sum(week[key] for week in weeks)}", style="bold")
        console.print(line, no_wrap=True, overflow="crop")
    legend = Text(" " * LABEL + "per week: ", style="dim")
    for level, symbol in enumerate(SHADES):
        legend.append(symbol, style=SHADE_STYLES[level])
        legend.append(f" {level}{'+' if level == len(SHADES) - 1 else ''}  ", style="dim")
    console.print(legend)
    active = sum(1 for w in weeks if any(w[k] for _, k in ROWS))
    console.print(
        Text(f"{' ' * LABEL}{active} of {len(weeks)} weeks with activity", style="dim"),
        overflow="ellipsis",
    )

    goals = data["goals"]
    heading(console, f"Goals ({goals['total']})")
    if not goals["total"]:
        console.print("  None yet: `mentorlog goal add TITLE`.")
        return
    for status in ("achieved", "active", "paused", "dropped"):
        count, percent = goals["counts"][status], goals["percent"][status]
        line = Text(f"  {status.capitalize():<10}")
        line.append(
            bar(percent, min(30, max(10, console.width - 30))), style=STATUS_STYLE.get(status, "")
        )
        line.append(f" {percent:>3}%  ({count})")
        console.print(line)
