"""Goal list and goal history, for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render.actions import action_line, action_mark
from mentorlog.render.blocks import Canvas, Group, Padding, Table, Text
from mentorlog.render.charts import bar, sparkline
from mentorlog.render.parts import facts_grid, fmt, indented, marked, pad
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        Agreement,
        GoalEdit,
        GoalHistory,
        GoalList,
        GoalSummary,
        LinkedEntry,
    )

STATUS_STYLE = {"active": "cyan", "paused": "yellow", "achieved": "green", "dropped": "dim"}


def progress_text(percent: int, width: int = 16) -> Text:
    text = Text(bar(percent, width), style="green" if percent >= 100 else "cyan")
    text.append(f" {percent:>3}%", style="bold")
    return text


def goal_table(rows: list[GoalSummary]) -> Table:
    """One goal in two lines: progress, title and status; then its slug, due date and next
    milestone, wrapped under the title at any width. Late things say so in words."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(overflow="ellipsis")
    for row in rows:
        head = marked(row["title"], row, "bold")
        head.append(f"  {row['status']}", style=STATUS_STYLE.get(row["status"], ""))
        detail = Text(row["handle"], style="dim")
        if row["due"]:
            detail.append("  due ")
            detail.append(
                fmt(row["due"]) + (" OVERDUE" if row["overdue"] else ""),
                style="bold red" if row["overdue"] else "",
            )
        nxt = row["next_milestone"]
        if nxt:
            late = row["milestones_overdue"] and nxt["due"] is not None
            detail.append(f"  next: {nxt['title']}")
            if nxt["due"]:
                detail.append(
                    f" ({fmt(nxt['due'])}{', late' if late else ''})",
                    style="red" if late else "dim",
                )
        table.add_row(progress_text(row["progress"], 10), Text.assemble(head, "\n", detail))
    return table


def render_goals(console: Canvas, data: GoalList, include_all: bool = False) -> None:
    render_goal_list(console, data["goals"], include_all)


def render_goal_list(console: Canvas, rows: list[GoalSummary], include_all: bool) -> None:
    if not rows:
        console.print(
            "No goals yet."
            if include_all
            else "No active goals. Add one with `mentorlog goal add TITLE`, "
            "or see all with `goal list --all`."
        )
        return
    console.print(goal_table(rows))


def _section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def render_goal_history(console: Canvas, data: GoalHistory) -> None:
    head = Text(data["title"], style="bold")
    head.append(f"  [{data['handle']}]  ", style="dim")
    head.append(data["status"], style=STATUS_STYLE.get(data["status"], ""))
    if data["private"]:
        head.append("  private", style="magenta")
    console.print(head)
    console.print(Text(f"Started {fmt(data['created'].date())}", style="dim"))

    console.print(_section("SMART framing"))
    smart = facts_grid()
    framing = data["smart"]
    for label, value in (
        ("What", framing["what"]),
        ("Measure", framing["measure"]),
        ("Target", framing["target"]),
        ("Why", framing["why"]),
    ):
        smart.add_row(label, Text(value) if value else Text("not set", style="yellow"))
    due = Text(
        fmt(data["due"]) if data["due"] else "not set",
        style="bold red" if data["overdue"] else ("" if data["due"] else "yellow"),
    )
    if data["overdue"]:
        due.append("  overdue")
    smart.add_row("Due", due)
    console.print(pad(smart, 2))
    if data["smart_gaps"]:
        console.print(
            pad(Text(f"Not SMART yet: no {' or '.join(data['smart_gaps'])}.", style="yellow"), 2)
        )

    agreement = data["agreement"]
    if agreement:
        console.print(_section(f"Agreement with {agreement['mentor']}"))
        console.print(pad(agreement_grid(agreement), 2))

    console.print(_section("Progress"))
    checkins = data["checkins"]
    if checkins:
        values = [c["progress"] for c in checkins]
        days = (checkins[-1]["date"] - checkins[0]["date"]).days
        chart = Text(sparkline(values), style="cyan")
        chart.append(
            f"  {values[0]}% → {values[-1]}% over {days} days, {plural(len(values), 'check-in')}"
        )
        console.print(pad(chart, 2))
        table = Table(box=None, padding=(0, 2), pad_edge=False, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(overflow="ellipsis")
        for checkin in checkins:
            sure = checkin.get("confidence")
            table.add_row(
                fmt(checkin["date"]),
                progress_text(checkin["progress"], 12),
                # Confidence beside progress: a filled dot per point, so it reads without colour.
                Text(f"{'●' * sure}{'○' * (5 - sure)} {sure}/5", style="cyan") if sure else "",
                checkin["note"] or "",
            )
        indented(console, table)
    else:
        console.print(
            pad(
                Text(
                    "No check-ins yet: `mentorlog goal progress "
                    f"{data['handle']} PERCENT --note TEXT`.",
                    style="dim",
                ),
                2,
            )
        )

    console.print(_section("Milestones"))
    if data["milestones"]:
        table = Table(box=None, padding=(0, 2), pad_edge=False, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(overflow="ellipsis")
        table.add_column(no_wrap=True)
        for m in data["milestones"]:
            if m["done"]:
                mark, state, style = "✓", f"reached {fmt(m['done'])}", "green"
            elif m["overdue"]:
                mark, state, style = "!", f"OVERDUE since {fmt(m['due'])}", "bold red"
            else:
                mark, state, style = "·", f"due {fmt(m['due'])}" if m["due"] else "no due date", ""
            due_note = f" (due {fmt(m['due'])})" if m["done"] and m["due"] else ""
            table.add_row(
                Text(f"{mark} {m['number']}.", style=style),
                m["title"],
                Text(state + due_note, style=style),
            )
        indented(console, table)
    else:
        console.print(pad(Text("No milestones.", style="dim"), 2))

    history = [
        (c["date"], f"status: {c['status']}" + (f": {c['note']}" if c["note"] else ""), c["author"])
        for c in data["status_history"]
    ]
    history += [(e["date"], _edit_line(e), e["author"]) for e in data.get("edits", [])]
    if history:
        console.print(_section("History"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="ellipsis")
        for day, what, author in sorted(history, key=lambda h: h[0]):
            line = Text(what)
            if author and data.get("shared"):
                line.append(f"  by {author}", style="dim")
            grid.add_row(fmt(day), line)
        indented(console, grid)

    if data.get("actions"):
        console.print(_section("Action items"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="ellipsis")
        for action in data["actions"]:
            grid.add_row(
                Text(
                    action_mark(action),
                    style="dim" if action["done"] or action.get("dropped") else "",
                ),
                action_line(action),
            )
        indented(console, grid)

    console.print(_section("Sessions, reflections and feedback"))
    if not data["linked"]:
        console.print(pad(Text("Nothing linked to this goal yet.", style="dim"), 2))
    for entry in data["linked"]:
        console.print(pad(_linked(entry), 2))


def agreement_grid(data: Agreement) -> Table:
    """Expectations, cadence and boundaries of one relationship."""
    grid = facts_grid()
    grid.add_row("Cadence", f"every {data['cadence_days']} days")
    for label, value in (
        ("Expectations", data["expectations"]),
        ("Boundaries", data["boundaries"]),
    ):
        grid.add_row(label, Text(value) if value else Text("not agreed yet", style="dim"))
    return grid


def _edit_line(edit: GoalEdit) -> str:
    """`due: 2027-01-01 → 2027-02-01`, for the goal or one of its milestones."""
    where = f"milestone '{edit['milestone']}' " if edit["milestone"] else ""
    old = edit["old"] or "(none)"
    new = edit["new"] or "(none)"
    return f"{where}{edit['field']}: {old} → {new}"


def linked_body(entry: LinkedEntry) -> list[str]:
    """What a linked entry says, a line each: a session's notes and items, a reflection's text
    and answers, feedback's parts (the screen and the page show the same)."""
    detail = entry["detail"]
    body: list[str] = []
    if entry["kind"] == "session":
        if detail.get("notes"):
            body.append(detail["notes"])
        body += [
            f"{action_mark(a)} {a['text']}" + (f" ({a['owner']})" if a["owner"] else "")
            for a in detail.get("actions", [])
        ]
    elif entry["kind"] == "reflection":
        if detail.get("text"):
            body.append(detail["text"])
        body += [f"{a['prompt']} {a['answer']}" for a in detail.get("answers", [])]
    elif entry["kind"] == "feedback":
        for label in ("situation", "behaviour", "impact", "text"):
            value = detail.get(label)
            if value:
                body.append(f"{label.capitalize()}: {value}" if label != "text" else str(value))
        body += [f"+ {s}" for s in detail.get("strengths", [])]
        body += [f"△ {s}" for s in detail.get("improvements", [])]
    return body


def _linked(entry: LinkedEntry) -> Group:
    """The entry's line, then its text indented by four, wrapped lines included."""
    head = Text(f"{fmt(entry['date'])}  ", style="bold")
    head.append(f"{entry['kind']:<10}", style="cyan")
    if entry["kind"] != "reflection":  # a reflection's title is its first line, shown below
        head.append(f" {entry['title']}")
    marked(head, entry)
    head.append(f"  {entry['handle']}", style="dim")
    parts: list[Text | Padding] = [head]
    for line in linked_body(entry):
        parts.append(pad(Text(line, style="dim" if line.startswith(("[x]", "[-]")) else ""), 4))
    return Group(*parts)
