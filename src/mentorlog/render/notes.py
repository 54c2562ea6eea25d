"""Feedback lists, for people."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.parts import fmt, marked, pad

if TYPE_CHECKING:
    from mentorlog.report.shapes import FeedbackList, FeedbackRow


def render_feedback(console: Canvas, data: FeedbackList, today: date, owner: str = "") -> None:
    render_feedback_list(console, data["feedback"], today, owner)


def render_feedback_list(
    console: Canvas, rows: list[FeedbackRow], today: date, owner: str = ""
) -> None:
    if not rows:
        console.print("No feedback yet. Record some with `mentorlog feedback add --received`.")
        return
    for row in rows:
        arrow = "←" if row["direction"] == "received" else "→"
        who = row["from"] if row["direction"] == "received" else row["to"]
        head = Text(f"{fmt(row['date'])}  {arrow} {row['direction']} ", style="bold")
        head.append(f"{'from' if row['direction'] == 'received' else 'to'} {who or '?'}")
        author = row.get("author", "")
        if author and author.casefold() != owner.casefold():
            head.append(f"  recorded by {author}", style="dim")
        head.append(f"  {row['handle']}", style="dim")
        marked(head, row)
        lines = []
        for label in ("situation", "behaviour", "impact"):
            if row[label]:
                lines.append(Text(f"{label.capitalize()}: {row[label]}"))
        if row["text"]:
            lines.append(Text(row["text"]))
        lines += [Text(f"+ {s}", style="green") for s in row["strengths"]]
        lines += [Text(f"△ {s}", style="yellow") for s in row["improvements"]]
        console.print(head)
        for line in lines:
            console.print(pad(line, 4))
        console.print()
