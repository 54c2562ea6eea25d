"""`since` on screen and in Markdown: what happened since the last session, goal by goal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render import markdown as md
from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.parts import PRIVATE_MARK, Line, Piece, fmt, print_lines
from mentorlog.render.text import clean
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import Since, SinceItem

# Marks that tell the kinds apart without colour.
MARK = {
    "milestone-reached": "★",
    "milestone-slipped": "!",
    "goal-status": "◆",
    "goal-added": "+",
    "milestone-moved": "→",
    "milestone-added": "+",
    "goal-edited": "✎",
    "check-in": "%",
    "action-done": "✓",
    "action-dropped": "✗",
    "action-added": "+",
}
STYLE = {"milestone-reached": "bold green", "milestone-slipped": "bold red", "goal-status": "bold"}


def title(data: Since) -> str:
    who = f" with {data['mentor']}" if data.get("mentor") else ""
    last = data["last_session"]
    if data["start_from"] == "last-session" and last is not None:
        return f"Since the last session{who} ({last['date'].isoformat()})"
    if data["start_from"] == "date":
        return f"Since {data['start'].isoformat()}{who}"
    return f"Since the relationship began{who} ({data['start'].isoformat()}): no session yet"


def summary(data: Since) -> str:
    if not data["count"]:
        return "Nothing recorded since then."
    goals = sum(1 for g in data["groups"] if g["goal"])
    return f"{plural(data['count'], 'item')}" + (
        f", about {plural(goals, 'goal')}" if goals else ""
    ) + "."  # fmt: skip


def _item_line(item: SinceItem) -> Line:
    line: Line = [
        Piece(f"  {MARK.get(item['kind'], '·')} ", STYLE.get(item["kind"], "")),
        Piece(f"{fmt(item['date'])}  "),
        Piece(clean(item["text"]), STYLE.get(item["kind"], ""), flexible=True),
    ]
    if item["private"]:
        line.append(Piece(f" {PRIVATE_MARK}", "magenta"))
    if item["author"]:
        line.append(Piece(f"  by {clean(item['author'])}", "dim", optional=True))
    return line


def render_since(console: Canvas, data: Since) -> None:
    console.print(Text(title(data), style="bold"))
    console.print(Text(summary(data), style="dim"))
    for group in data["groups"]:
        head = Text(group["goal_title"] or "Not about a goal", style="bold cyan")
        if group["goal"]:
            head.append(f"  {group['goal']}", style="dim")
        if group["private"]:
            head.append(f"  {PRIVATE_MARK}", style="magenta")
        console.print()
        console.print(head)
        print_lines(console, (_item_line(item) for item in group["items"]))


def item_markdown(item: SinceItem) -> str:
    by = f" ({md.escape(item['author'])})" if item["author"] else ""
    return f"{fmt(item['date'])}: {md.escape(item['text'])}{by}{md.private(item)}"


def since_markdown(data: Since) -> str:
    doc = md.Document()
    doc.heading(1, md.escape(title(data)))
    doc.paragraph(
        f"{md.escape(data['owner'])}'s mentoring journal, {fmt(data['today'])}. "
        f"{md.escape(summary(data))}"
    )
    for group in data["groups"]:
        doc.heading(2, md.escape(group["goal_title"] or "Not about a goal") + md.private(group))
        doc.bullets([item_markdown(item) for item in group["items"]])
    return doc.render()
