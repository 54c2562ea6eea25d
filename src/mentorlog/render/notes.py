"""Feedback lists, for people."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from mentorlog.render.parts import fmt, marked, pad, wrap_cells

if TYPE_CHECKING:
    from mentorlog.report.shapes import FeedbackList, FeedbackRow


def render_feedback(console: Console, data: FeedbackList, today: date, owner: str = "") -> None:
    render_feedback_list(console, data["feedback"], today, owner)


def render_feedback_list(
    console: Console, rows: list[FeedbackRow], today: date, owner: str = ""
) -> None:
    if not rows:
        console.print("No feedback yet. Record some with `mentorlog feedback add --received`.")
        return
    width = console.width - 4
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
        if console.is_terminal:
            console.print(head)
            for line in lines:
                console.print(pad(line, 4))
            console.print()
        else:  # piped: wrapped here (Rich's layout of thousands of items takes seconds)
            body = [f"    {part}" for line in lines for part in wrap_cells(line.plain, width)]
            top = wrap_cells(head.plain, width + 4)
            console.file.write("\n".join([*top, *body, ""]) + "\n")
