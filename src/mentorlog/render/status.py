"""The dashboard, for people."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.render.actions import action_table
from mentorlog.render.blocks import Canvas, Table, Text
from mentorlog.render.goals import progress_text
from mentorlog.render.parts import (
    DASHBOARD_ROWS,
    PRIVATE_MARK,
    Line,
    Piece,
    fmt,
    hanging,
    heading,
    indented,
    marked,
    more,
    pad,
    print_lines,
    render_warnings,
)
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import GoalSummary, Status

MAX_ROWS = DASHBOARD_ROWS


def pressing_goals(goals: list[GoalSummary]) -> list[GoalSummary]:
    """Overdue goals first, then those with overdue milestones, then by the nearest due date."""
    return sorted(
        goals,
        key=lambda g: (
            not g["overdue"],
            not g["milestones_overdue"],
            g["due"] or date.max,
            g["title"],
        ),
    )


def render_status(console: Canvas, data: Status) -> None:
    console.print(Text(f"{data['owner']}'s mentoring journal · {fmt(data['today'])}", style="bold"))

    heading(console, "Meetings")
    if not data["meetings"]:
        console.print(
            "  No mentor yet: `mentorlog init` with --mentor, or add one to mentorlog.toml."
        )
    for meeting in data["meetings"]:
        line = Text(f"  {meeting['mentor']}: ")
        if meeting["concluded"]:
            line.append(
                f"relationship concluded {fmt(meeting['ended'])} after "
                f"{plural(meeting['sessions'], 'session')}",
                style="dim",
            )
        elif meeting["last_session"] is None:
            line.append(
                f"no session yet ({meeting['days_since']} days since you started)",
                style="bold red" if meeting["overdue"] else "",
            )
        else:
            line.append(
                f"last met {fmt(meeting['last_session'])}, "
                f"{meeting['days_since']} days ago (every {meeting['cadence_days']})",
                style="bold red" if meeting["overdue"] else "",
            )
        if meeting["next_meeting"] and not meeting["concluded"]:
            line.append(f"; next {fmt(meeting['next_meeting'])}")
        console.print(line)

    heading(console, f"Active goals ({len(data['goals'])})")
    if not data["goals"]:
        console.print("  No active goals. Set one: `mentorlog goal add TITLE --measure … --due …`.")
    else:
        table = Table(box=None, pad_edge=False, show_header=False, padding=(0, 1))
        table.add_column(overflow="ellipsis", max_width=30)
        table.add_column(no_wrap=True)
        table.add_column(overflow="ellipsis", max_width=30)
        for goal in pressing_goals(data["goals"])[:MAX_ROWS]:
            nxt = goal["next_milestone"]
            milestone = Text("")
            if nxt:
                milestone = Text(f"next: {nxt['title']}")
                if nxt["due"]:
                    milestone.append(f" ({fmt(nxt['due'])})", style="dim")
            table.add_row(
                marked(goal["title"], goal, "bold"), progress_text(goal["progress"], 12), milestone
            )
        console.print(pad(table, 2))
        more(console, data["goals"], "`mentorlog goal list`", MAX_ROWS)

    heading(console, f"Open action items ({len(data['actions'])})")
    if data["actions"]:
        indented(console, action_table(data["actions"][:MAX_ROWS]))
        if len(data["actions"]) > MAX_ROWS:
            console.print(
                f"  … and {len(data['actions']) - MAX_ROWS} more: `mentorlog action list`"
            )
    else:
        console.print("  None.")

    heading(console, f"Questions for the next session ({len(data['questions'])})")
    for question in data["questions"][:MAX_ROWS]:
        line = marked(question["text"], question)
        line.append(f"  {question['handle']}", style="dim")
        hanging(console, "?", line)
    if len(data["questions"]) > MAX_ROWS:
        console.print(f"  … and {len(data['questions']) - MAX_ROWS} more: `mentorlog agenda`")
    if not data["questions"]:
        console.print("  None. Note one with `mentorlog ask QUESTION`.")

    heading(console, "Recent activity")
    lines: list[Line] = []
    for entry in data["recent"]:
        pieces: Line = [
            Piece(f"  {fmt(entry['date'])}  "),
            Piece(f"{entry['kind']:<10}", "cyan"),
            Piece(f" {entry['title']}", flexible=True),
        ]
        if entry.get("private"):
            pieces.append(Piece(f" {PRIVATE_MARK}", "magenta"))
        if data.get("shared") and entry.get("author"):
            pieces.append(Piece(f"  by {entry['author']}", "dim", optional=True))
        pieces.append(Piece(f"  {entry['handle']}", "dim", optional=True))
        lines.append(pieces)
    print_lines(console, lines)

    render_warnings(console, data["warnings"])
