"""Session list and one session, for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.dates import when
from mentorlog.render.blocks import SIMPLE_HEAD, Canvas, Table, Text
from mentorlog.render.parts import facts_grid, fmt, marked, pad

if TYPE_CHECKING:
    from mentorlog.report.shapes import SessionDetail, SessionList, SessionRow


def render_sessions(console: Canvas, data: SessionList) -> None:
    render_session_list(console, data["sessions"])


def render_session_list(console: Canvas, rows: list[SessionRow]) -> None:
    if not rows:
        console.print("No sessions in that range. Log one with `mentorlog session add`.")
        return
    table = Table(box=SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Session", no_wrap=True, style="dim")
    table.add_column("Mentor", overflow="ellipsis", max_width=16)
    table.add_column("Title", overflow="ellipsis")
    table.add_column("Actions", justify="right", no_wrap=True)
    for row in rows:
        actions = (
            f"{row['actions_open']} open / {row['actions_total']}" if row["actions_total"] else "-"
        )
        table.add_row(
            fmt(row["date"]), row["handle"], row["mentor"], marked(row["title"], row), actions
        )
    console.print(table)


def render_session(console: Canvas, data: SessionDetail) -> None:
    head = Text(data["title"] or "Session", style="bold")
    head.append(f"  [{data['handle']}]", style="dim")
    console.print(marked(head, data))
    facts = facts_grid()
    facts.add_row("Date", fmt(data["date"]))
    facts.add_row("Mentor", data["mentor"] or "-")
    if data["duration"] is not None:
        facts.add_row("Duration", f"{data['duration']} min")
    if data["topics"]:
        facts.add_row("Topics", ", ".join(data["topics"]))
    if data["goals"]:
        facts.add_row("Goals", ", ".join(f"{g['title']} ({g['handle']})" for g in data["goals"]))
    if data["next"]:
        facts.add_row("Next meeting", when(data["next"], data.get("next_at")))
    if data.get("rating"):
        facts.add_row("Rating", f"{data['rating']} of 5")
    if data["tags"]:
        facts.add_row("Tags", ", ".join(data["tags"]))
    console.print(facts)
    if data["notes"]:
        console.print(Text("\nNotes", style="bold underline"))
        console.print(pad(Text(data["notes"]), 2))
    if data["actions"]:
        console.print(Text("\nAction items", style="bold underline"))
        from mentorlog.render.actions import action_line, action_mark

        for action in data["actions"]:
            line = Text(f"  {action_mark(action)} ", style="dim")
            line.append_text(action_line(action))
            console.print(line)
            for change in action["history"]:
                console.print(
                    Text(
                        f"        {fmt(change['date'])}  {change['field']}: "
                        f"{change['old'] or '(none)'} → {change['new'] or '(none)'}",
                        style="dim",
                    )
                )
    if data["questions_discussed"]:
        console.print(Text("\nQuestions discussed", style="bold underline"))
        for question in data["questions_discussed"]:
            console.print(marked(f"  ? {question['text']}", question))
    if data["edits"]:
        console.print(Text("\nCorrected", style="bold underline"))
        for change in data["edits"]:
            by = f"  (by {change['author']})" if change["author"] else ""
            console.print(
                Text(
                    f"  {fmt(change['date'])}  {change['field']}: {change['old'] or '(none)'} "
                    f"→ {change['new'] or '(none)'}{by}",
                    style="dim",
                )
            )
