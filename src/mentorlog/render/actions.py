"""Action items on screen: one table, for `action list`, the dashboard and the agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.dates import when
from mentorlog.render.blocks import SIMPLE_HEAD, Canvas, Table, Text
from mentorlog.render.parts import fmt, marked

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        ActionList,
        ActionRow,
        GoalAction,
        LinkedAction,
        SessionAction,
    )


def render_actions(console: Canvas, data: ActionList, include_all: bool = False) -> None:
    if not data["actions"]:
        console.print("No action items yet." if include_all else "No open action items.")
        return
    console.print(action_table(data["actions"]))


def action_table(rows: list[ActionRow]) -> Table:
    table = Table(box=SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Action", no_wrap=True, style="dim")
    table.add_column("What", overflow="ellipsis")
    table.add_column("Due", no_wrap=True)
    table.add_column("From session", no_wrap=True)
    for row in rows:
        if row["done"]:
            due = Text(f"done {fmt(row['done'])}", style="green")
        elif row.get("dropped"):
            due = Text(f"dropped {fmt(row['dropped'])}", style="dim")
        else:
            due = Text(fmt(row["due"]), style="bold red" if row["overdue"] else "")
            if row["overdue"]:
                due.append(" overdue")
        session = row["session"]
        what = marked(row["text"], row)
        if row.get("owner"):  # a mentor's promise, said in words
            what.append(f"  ({row['owner']}'s promise)", style="cyan")
        table.add_row(row["handle"], what, due, f"{fmt(session['date'])} {session['handle']}")
    return table


def action_mark(action: ActionRow | GoalAction | SessionAction | LinkedAction) -> str:
    """[x] done, [-] dropped, [ ] open: the state in a sign, not a colour."""
    return "[x]" if action["done"] else "[-]" if action.get("dropped") else "[ ]"


def action_line(action: ActionRow | GoalAction | SessionAction) -> Text:
    line = Text(action["text"])
    if action["owner"]:
        line.append(f"  {action['owner']}'s promise", style="cyan")
    if action["done"]:
        line.append(f"  done {fmt(action['done'])}", style="dim")
    elif action.get("dropped"):
        line.append(f"  dropped {fmt(action['dropped'])}", style="dim")
    elif action["due"]:
        due = when(action["due"], action.get("due_at"))  # type: ignore[arg-type]
        line.append(
            f"  due {due}" + ("  OVERDUE" if action["overdue"] else ""),
            style="bold red" if action["overdue"] else "",
        )
    line.append(f"  {action['handle']}", style="dim")
    marked(line, action)
    return line
